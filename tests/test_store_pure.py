"""The pure rules of the store (Leitner boxes, daily seeds): no SQLite needed."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

from trivia.store.daily import daily_seed
from trivia.store.leitner import (
    INTERVALS,
    BoxState,
    advance,
    due_after,
    next_box,
    practice_order,
)

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_right_moves_up_a_box_and_wrong_goes_back_to_box_one() -> None:
    assert next_box(None, True) == 2
    assert next_box(None, False) == 1
    assert [next_box(box, True) for box in range(1, 6)] == [2, 3, 4, 5, 5]
    assert [next_box(box, False) for box in range(1, 6)] == [1, 1, 1, 1, 1]


def test_intervals_are_0_1_3_7_21_days() -> None:
    assert [INTERVALS[box].days for box in range(1, 6)] == [0, 1, 3, 7, 21]
    assert due_after(1, T0) == T0
    assert due_after(4, T0) == T0 + timedelta(days=7)


def test_five_right_answers_master_a_question_and_one_miss_resets_it() -> None:
    state = None
    for _ in range(4):
        state = advance(state, "q1", True, T0)
    assert state is not None and state.box == 5 and state.mastered
    assert state.due_at == T0 + timedelta(days=21)
    missed = advance(state, "q1", False, T0)
    assert (missed.box, missed.mastered, missed.missed, missed.due_at) == (1, False, True, T0)


def test_practice_asks_missed_first_then_due_lowest_box_first_and_skips_the_rest() -> None:
    states = [
        BoxState("due-box3", 3, T0 - timedelta(days=2), True),
        BoxState("due-box2", 2, T0 - timedelta(hours=1), True),
        BoxState("missed-late", 1, T0 - timedelta(hours=1), False),
        BoxState("missed-early", 1, T0 - timedelta(days=3), False),
        BoxState("not-due", 2, T0 + timedelta(hours=1), True),
    ]
    assert practice_order(states, T0) == ["missed-early", "missed-late", "due-box2", "due-box3"]


def test_daily_seed_is_stable_and_differs_by_day_and_pack() -> None:
    day = date(2026, 11, 25)
    # Pinned: the same on every machine and every run (sha256, not hash()).
    assert daily_seed(day, "mad-men") == daily_seed(day, "mad-men")
    assert daily_seed(day, "mad-men") == 2925089971
    assert daily_seed(day, "mad-men") != daily_seed(day + timedelta(days=1), "mad-men")
    assert daily_seed(day, "mad-men") != daily_seed(day, "other")
    assert 0 <= daily_seed(day, "x") < 2**32


def test_daily_seed_does_not_depend_on_the_process_hash_salt() -> None:
    code = (
        "from datetime import date; from trivia.store.daily import daily_seed;"
        "print(daily_seed(date(2026, 11, 25), 'mad-men'))"
    )
    seeds = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": salt},
        ).stdout.strip()
        for salt in ("1", "2")
    }
    assert seeds == {str(daily_seed(date(2026, 11, 25), "mad-men"))}


def test_pure_modules_import_without_sqlite() -> None:
    code = (
        "import sys, trivia.store.leitner, trivia.store.daily, trivia.store.paths\n"
        "print('sqlite3' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
