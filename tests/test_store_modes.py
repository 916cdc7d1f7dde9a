"""Practice and daily rounds through the store: configs from the save, one daily a day."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_store_support import FakeClock, FakeNow, answer, make_pack

from trivia.game import Mode, RoundConfig, RoundState, build_round
from trivia.game.practice import practice_round_config
from trivia.store import (
    DailyAlreadyPlayed,
    Store,
    daily_config,
    practice_config,
)

DAY = date(2026, 11, 25)


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()


@pytest.fixture
def store(tmp_path: Path, now: FakeNow) -> Store:
    return Store.open(tmp_path, now=now)


def play(
    store: Store,
    round_id: int,
    round_: object,
    results: list[bool],
    now: FakeNow | None = None,
) -> dict[str, bool]:
    """Answer the next questions right or wrong, committing each; question id -> right."""
    played = {}
    for correct in results:
        if now is not None:
            now.advance(seconds=10)
        outcome = answer(round_, correct)  # type: ignore[arg-type]
        store.record_answer(round_id, outcome)
        played[outcome.question_id] = correct
    return played


# --- practice ------------------------------------------------------------------------------


def test_practice_after_wrong_answers_asks_those_first(store: Store, now: FakeNow) -> None:
    pack = make_pack(count=20)
    profile = store.profile_for_play("Ann")
    quick = build_round([pack], RoundConfig(seed=5, question_count=8), clock=FakeClock())
    round_id = store.start_round(profile, quick, [pack])
    results = [True, False, True, True, False, True, False, True]
    played = play(store, round_id, quick, results, now)
    store.finish_round(round_id)
    missed = [q for q, ok in played.items() if not ok]

    now.advance(minutes=5)
    config = practice_config(store, profile, pack, count=10, seed=9)
    assert config.mode is Mode.PRACTICE and not config.timed and config.seed == 9
    assert config.question_ids is not None and len(config.question_ids) == 10
    practice = build_round([pack], config, clock=FakeClock())
    assert practice.current.time_limit is None  # untimed unless asked
    asked = []
    while True:
        asked.append(answer(practice, True).question_id)
        if not practice.has_next:
            break
    # Missed first (in the order they fell due), then questions never seen; the ones
    # answered right are resting in box 2 and are not asked yet.
    assert asked[:3] == missed
    assert not set(asked[3:]) & set(played)

    # A day later the right ones are due too: after the missed ones, before new ones.
    now.advance(days=1)
    later = practice_config(store, profile, pack, count=None, seed=9)
    assert later.question_ids is not None
    assert list(later.question_ids[:3]) == missed
    assert set(later.question_ids[3:8]) == {q for q, ok in played.items() if ok}
    assert len(later.question_ids) == 20  # the whole pack, each once


def test_practice_config_can_be_timed_and_filtered(store: Store) -> None:
    pack = make_pack(count=12)
    profile = store.profile_for_play(None)
    config = practice_config(store, profile, pack, timed=True, tags={"even"}, difficulties=())
    assert config.timed and config.tags == frozenset({"even"})
    assert config.question_ids is not None and len(config.question_ids) == 6
    round_ = build_round([pack], config)
    assert round_.current.time_limit is not None
    assert "even" in round_.current.question.tags


def test_practice_falls_back_to_reviewing_ahead(store: Store) -> None:
    pack = make_pack(count=4)
    profile = store.profile_for_play(None)
    marathon = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=1), clock=FakeClock())
    round_id = store.start_round(profile, marathon, [pack])
    play(store, round_id, marathon, [True] * 4)
    # Nothing is due and nothing is new: practice still has questions to ask.
    config = practice_config(store, profile, pack)
    assert config.question_ids is not None and set(config.question_ids) == {
        q.id for q in pack.questions
    }


def test_an_interrupted_practice_round_resumes_with_the_same_questions(
    tmp_path: Path, now: FakeNow
) -> None:
    pack = make_pack(count=15)
    with Store.open(tmp_path, now=now) as store:
        profile = store.profile_for_play(None)
        first = build_round([pack], RoundConfig(seed=3, question_count=5), clock=FakeClock())
        first_id = store.start_round(profile, first, [pack])
        play(store, first_id, first, [False, True, False, True, True])
        store.finish_round(first_id)
        practice = build_round([pack], practice_config(store, profile, pack), clock=FakeClock())
        round_id = store.start_round(profile, practice, [pack])
        play(store, round_id, practice, [True, False, True])
    # The boxes moved since the round started; the saved list keeps the round as it was.
    with Store.open(tmp_path, now=now) as store:
        (saved,) = store.unfinished_rounds(profile)
        assert saved.mode == "practice"
        restored = store.restore_round(saved, [pack], clock=FakeClock())
    assert restored.config == practice.config
    assert restored.history == practice.history
    assert restored.state is RoundState.REVEAL
    restored.next()
    practice.next()
    assert restored.current == practice.current


# --- daily ---------------------------------------------------------------------------------


def test_a_daily_round_restores_exactly(tmp_path: Path, now: FakeNow) -> None:
    pack = make_pack()
    clock = FakeClock()
    with Store.open(tmp_path, now=now) as store:
        profile = store.profile_for_play(None)
        round_ = build_round([pack], daily_config("test", DAY), clock=clock)
        round_id = store.start_round(profile, round_, [pack], daily=DAY)
        for correct in [True, True, False, True]:
            clock.advance(2.0)
            store.record_answer(round_id, answer(round_, correct, clock))
    with Store.open(tmp_path, now=now) as store:
        attempt = store.daily_attempt(profile, "test", DAY)
        assert attempt is not None and attempt.id == round_id and attempt.daily == "2026-11-25"
        (saved,) = store.unfinished_rounds(profile)
        restored = store.restore_round(saved, [pack], clock=clock)
    assert restored.config == round_.config == daily_config("test", DAY)
    assert json.dumps(saved.config, sort_keys=True) == json.dumps(
        round_.config.to_dict(), sort_keys=True
    )
    assert restored.history == round_.history
    assert (restored.score, restored.streak, restored.state) == (
        round_.score,
        round_.streak,
        RoundState.REVEAL,
    )
    restored.next()
    round_.next()
    assert restored.current == round_.current
    assert restored.current.time_limit is not None


def test_a_second_daily_attempt_is_refused(store: Store) -> None:
    pack = make_pack()
    ann = store.profile_for_play("Ann")
    first = build_round([pack], daily_config("test", DAY))
    round_id = store.start_round(ann, first, [pack], daily=DAY)
    store.abandon_round(round_id)  # giving up still used the day's attempt
    with pytest.raises(DailyAlreadyPlayed, match="already played"):
        store.start_round(ann, build_round([pack], daily_config("test", DAY)), [pack], daily=DAY)
    assert store.saved_round(round_id + 1) is None  # the refused attempt left no trace
    # Another profile, or the next day, may play.
    bo = store.profile_for_play("Bo")
    store.start_round(bo, build_round([pack], daily_config("test", DAY)), [pack], daily=DAY)
    tomorrow = DAY + timedelta(days=1)
    store.start_round(
        ann, build_round([pack], daily_config("test", tomorrow)), [pack], daily=tomorrow
    )


def test_a_daily_round_must_say_its_day(store: Store) -> None:
    pack = make_pack()
    ann = store.profile_for_play("Ann")
    round_ = build_round([pack], daily_config("test", DAY))
    with pytest.raises(ValueError, match="daily="):
        store.start_round(ann, round_, [pack])
    with pytest.raises(ValueError, match="not the test daily"):
        store.start_round(ann, round_, [pack], daily=DAY + timedelta(days=1))
    assert store.unfinished_rounds(ann) == []
    assert store.daily_attempt(ann, "test", DAY) is None


def test_practice_config_is_the_games_rule_over_the_saved_boxes(store: Store, now: FakeNow) -> None:
    pack = make_pack(count=12)
    profile = store.profile_for_play(None)
    round_ = build_round([pack], RoundConfig(seed=4, question_count=6), clock=FakeClock())
    round_id = store.start_round(profile, round_, [pack])
    play(store, round_id, round_, [False, True, True, False, True, True])
    config = practice_config(store, profile, pack, 8, seed=9)
    assert config == practice_round_config(pack, store.boxes(profile, pack.id), now(), 8, seed=9)
    assert config.question_ids is not None
    assert set(config.question_ids[:2]) == {o.question_id for o in round_.history if not o.correct}
