"""The daily challenge's rules (`trivia.game.daily`): its seed, its config, one attempt a day."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from test_store_support import make_pack

from trivia.game import Mode, RoundConfig, RoundState, build_round
from trivia.game.daily import DailyAttempt, daily_config, daily_key, daily_seed

DAY = date(2026, 11, 25)


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
        "from datetime import date; from trivia.game.daily import daily_seed;"
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


def test_daily_config_is_the_same_for_a_date_and_pack_and_differs_otherwise() -> None:
    config = daily_config("test", DAY)
    assert config == daily_config("test", DAY)
    assert config.to_dict() == daily_config("test", DAY).to_dict()
    assert (config.mode, config.question_count, config.timed) == (Mode.DAILY, 10, True)
    assert config.seed == daily_seed(DAY, "test")
    assert config.question_ids is None and not config.tags and not config.difficulties
    assert daily_config("test", DAY + timedelta(days=1)).seed != config.seed
    assert daily_config("other", DAY).seed != config.seed
    assert daily_config(["b", "a"], DAY) == daily_config("a+b", DAY)
    assert daily_config("test").seed == daily_seed(date.today(), "test")


def test_the_daily_round_is_the_same_for_every_player() -> None:
    def asked(day: date) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        # A fresh pack object each time: another machine loading the same pack version.
        round_ = build_round([make_pack(version="1")], daily_config("test", day))
        seen = []
        while round_.state is not RoundState.FINISHED:
            view = round_.current
            seen.append((view.question.id, view.options, view.items))
            round_.time_out()
            round_.next()
        return seen

    today = asked(DAY)
    assert len(today) == 10
    assert today == asked(DAY)
    assert today != asked(DAY + timedelta(days=1))


def test_a_daily_round_is_one_attempt_at_its_pack_key_and_day() -> None:
    attempt = daily_key(daily_config(["b", "a"], DAY), ["b", "a"], DAY)
    assert attempt == DailyAttempt("a+b", DAY)
    assert attempt.taken_message("Ann") == "Ann has already played the a+b daily on 2026-11-25"


def test_only_a_round_saved_with_a_day_takes_an_attempt() -> None:
    quick = RoundConfig(seed=7)
    assert daily_key(quick, ["test"], None) is None
    # Any round saved for a day uses that day's attempt, daily mode or not.
    assert daily_key(quick, ["test"], DAY) == DailyAttempt("test", DAY)


def test_a_daily_round_needs_its_own_day() -> None:
    config = daily_config("test", DAY)
    with pytest.raises(ValueError, match="daily="):
        daily_key(config, ["test"], None)
    with pytest.raises(ValueError, match="not the test daily challenge of 2026-11-26"):
        daily_key(config, ["test"], DAY + timedelta(days=1))
    with pytest.raises(ValueError, match="not the other daily"):
        daily_key(config, ["other"], DAY)


def test_the_rule_modules_import_neither_ui_nor_database() -> None:
    code = (
        "import sys, trivia.game.daily, trivia.game.leitner, trivia.game.practice,"
        " trivia.game.export\n"
        "print(','.join(m for m in ('sqlite3', 'textual', 'rich') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
