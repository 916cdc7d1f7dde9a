"""The Leitner rules of practice mode (`trivia.game.leitner`): no SQLite needed."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

from trivia.game.leitner import (
    INTERVALS,
    BoxState,
    Mastery,
    advance,
    due_after,
    mastery,
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


def test_pure_modules_import_without_sqlite() -> None:
    code = (
        "import sys, trivia.game.leitner, trivia.game.daily, trivia.store.paths\n"
        "print('sqlite3' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_mastery_counts_the_last_box_among_the_packs_questions_only() -> None:
    states = [
        BoxState("q1", 5, T0, True),
        BoxState("q2", 4, T0, True),
        BoxState("gone", 5, T0, True),  # a question the pack no longer has
        BoxState("q3", 5, T0, True),
    ]
    assert mastery(states, ["q1", "q2", "q3", "q4"]) == Mastery(2, 4)
    assert mastery([], ["q1", "q1"]) == Mastery(0, 1)
