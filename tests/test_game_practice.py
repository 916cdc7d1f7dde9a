"""A practice round's config from the player's boxes (`trivia.game.practice`): no save needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from test_store_support import make_pack

from trivia.game import Mode
from trivia.game.leitner import BoxState
from trivia.game.practice import practice_round_config
from trivia.packs.model import Difficulty

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def boxes() -> list[BoxState]:
    return [
        BoxState("q002", 3, NOW + timedelta(days=2), True),  # not due: reviewed ahead, last
        BoxState("q001", 2, NOW - timedelta(hours=1), True),  # due
        BoxState("q003", 1, NOW - timedelta(days=1), False),  # missed: first
    ]


def test_missed_then_due_then_new_then_ahead() -> None:
    pack = make_pack(count=6)
    config = practice_round_config(pack, boxes(), NOW, None, seed=5)
    assert config.question_ids is not None
    assert config.question_ids[:2] == ("q003", "q001")
    assert set(config.question_ids[2:5]) == {"q000", "q004", "q005"}
    assert config.question_ids[5] == "q002"
    assert (config.mode, config.seed, config.timed) == (Mode.PRACTICE, 5, False)
    assert practice_round_config(pack, boxes(), NOW, None, seed=5) == config


def test_the_moment_decides_what_is_due() -> None:
    pack = make_pack(count=6)
    later = practice_round_config(pack, boxes(), NOW + timedelta(days=3), 3, seed=5)
    # Three days on, the box-3 question is due too, behind the missed one and box 2.
    assert later.question_ids == ("q003", "q001", "q002")


def test_count_filters_timer_and_a_fresh_seed() -> None:
    pack = make_pack(count=12)
    config = practice_round_config(
        pack, boxes(), NOW, 4, timed=True, tags=["odd"], difficulties=["medium"]
    )
    assert config.question_ids is not None and 1 <= len(config.question_ids) <= 4
    assert config.question_ids[0] == "q001"  # the due one that passes the filters
    assert all(
        "odd" in q.tags and q.difficulty is Difficulty.MEDIUM
        for q in pack.questions
        if q.id in config.question_ids
    )
    assert config.timed and config.tags == {"odd"} and config.difficulties == {Difficulty.MEDIUM}
    assert 0 <= config.seed < 2**32
