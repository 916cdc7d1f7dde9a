"""Rounds and answers against a real database file: commit, resume, records, practice, daily."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_store_support import FakeClock, FakeNow, answer, make_pack

from trivia.game import Lifeline, Mode, RoundConfig, RoundState, build_round
from trivia.store import DailyAlreadyPlayed, NotResumable, Store, daily_seed


@pytest.fixture
def now() -> FakeNow:
    return FakeNow()


@pytest.fixture
def store(tmp_path: Path, now: FakeNow) -> Store:
    return Store.open(tmp_path, now=now)


def quick(seed: int = 7, count: int = 10, **options: object) -> RoundConfig:
    return RoundConfig(mode=Mode.QUICK, question_count=count, seed=seed, **options)  # type: ignore[arg-type]


def test_each_answer_is_committed_with_everything_about_it(tmp_path: Path, store: Store) -> None:
    pack = make_pack(version="3")
    clock = FakeClock()
    profile = store.profile_for_play("Ann")
    round_ = build_round([pack], quick(), clock=clock)
    round_id = store.start_round(profile, round_, [pack])
    if round_.can_use(Lifeline.HINT):
        round_.use_lifeline(Lifeline.HINT)
    first = answer(round_, True, clock)
    store.record_answer(round_id, first)

    # Another connection sees it at once: it was committed, not just buffered.
    other = sqlite3.connect(tmp_path / "trivia.db")
    other.row_factory = sqlite3.Row
    row = other.execute("SELECT * FROM answers").fetchone()
    assert row["question_id"] == first.question_id
    assert (row["pack_id"], row["pack_version"]) == ("test", "3")
    assert row["correct"] == 1 and row["points"] == first.points
    assert row["elapsed"] == pytest.approx(3.0)
    assert row["streak"] == 1 and row["mode"] == "quick"
    assert json.loads(row["lifelines"]) == [lifeline.value for lifeline in first.lifelines]
    assert json.loads(row["tags"]) == list(first.question.tags)
    saved = other.execute("SELECT score, streak, status, config FROM rounds").fetchone()
    assert (saved["score"], saved["streak"], saved["status"]) == (first.points, 1, "in_progress")
    assert json.loads(saved["config"])["seed"] == 7
    other.close()


def test_recording_the_same_answer_twice_counts_it_once(store: Store) -> None:
    pack = make_pack()
    profile = store.profile_for_play(None)
    round_ = build_round([pack], quick(), clock=FakeClock())
    round_id = store.start_round(profile, round_, [pack])
    outcome = answer(round_, True)
    store.record_answer(round_id, outcome)
    store.record_answer(round_id, outcome)
    saved = store.saved_round(round_id)
    assert saved is not None
    assert (saved.answered, saved.score) == (1, outcome.points)


@pytest.mark.parametrize("mode", [Mode.QUICK, Mode.SURVIVAL, Mode.MARATHON])
def test_an_interrupted_round_resumes_exactly_where_it_stopped(
    tmp_path: Path, now: FakeNow, mode: Mode
) -> None:
    pack = make_pack()
    clock = FakeClock()
    config = RoundConfig(mode=mode, seed=11, question_count=12 if mode is Mode.QUICK else None)
    with Store.open(tmp_path, now=now) as store:
        profile = store.profile_for_play(None)
        round_ = build_round([pack], config, clock=clock)
        round_id = store.start_round(profile, round_, [pack])
        for n, correct in enumerate([True, True, False, True, True, True, False, True]):
            if n == 3 and round_.state is RoundState.REVEAL:
                round_.next()
                if round_.can_use(Lifeline.FIFTY_FIFTY):
                    round_.use_lifeline(Lifeline.FIFTY_FIFTY)
            if round_.state is RoundState.REVEAL and not round_.has_next:
                break
            store.record_answer(round_id, answer(round_, correct, clock))
        # The process dies here: no finish_round, no close.

    with Store.open(tmp_path, now=now) as store:
        profile = store.profile_for_play(None)
        (saved,) = store.unfinished_rounds(profile)
        assert saved.id == round_id
        assert (saved.score, saved.streak, saved.answered) == (
            round_.score,
            round_.streak,
            len(round_.history),
        )
        restored = store.restore_round(saved, [make_pack("other"), pack], clock=FakeClock())
    assert restored.state is RoundState.REVEAL
    assert restored.current.index == round_.current.index
    assert (restored.score, restored.streak, restored.best_streak, restored.misses) == (
        round_.score,
        round_.streak,
        round_.best_streak,
        round_.misses,
    )
    assert restored.lifelines_left == round_.lifelines_left
    assert restored.records == round_.records
    if restored.has_next:
        restored.next()
        round_.next()
        assert restored.current.question.id == round_.current.question.id
        assert restored.current.options == round_.current.options


def test_a_round_with_no_answer_resumes_on_its_first_question(store: Store) -> None:
    pack = make_pack()
    profile = store.profile_for_play(None)
    round_ = build_round([pack], quick(), clock=FakeClock())
    store.start_round(profile, round_, [pack])
    (saved,) = store.unfinished_rounds(profile)
    restored = store.restore_round(saved, [pack])
    assert restored.state is RoundState.ASKING
    assert restored.current.question.id == round_.current.question.id


def test_finished_and_abandoned_rounds_are_not_offered(store: Store) -> None:
    pack = make_pack()
    profile = store.profile_for_play(None)
    first = store.start_round(profile, build_round([pack], quick(1)), [pack])
    second = store.start_round(profile, build_round([pack], quick(2)), [pack])
    third = store.start_round(profile, build_round([pack], quick(3)), [pack])
    store.finish_round(first)
    store.abandon_round(second)
    assert [saved.id for saved in store.unfinished_rounds(profile)] == [third]
    other = store.create_profile("Other")
    assert store.unfinished_rounds(other) == []


def test_a_changed_or_missing_pack_makes_a_round_not_resumable(store: Store) -> None:
    pack = make_pack()
    profile = store.profile_for_play(None)
    round_ = build_round([pack], quick(), clock=FakeClock())
    round_id = store.start_round(profile, round_, [pack])
    store.record_answer(round_id, answer(round_, True))
    store.record_answer(round_id, answer(round_, False))
    (saved,) = store.unfinished_rounds(profile)
    with pytest.raises(NotResumable, match="no longer installed"):
        store.restore_round(saved, [make_pack("other")])
    # A new version whose questions differ: the saved answers no longer fit.
    changed = make_pack(count=40, version="2")
    with pytest.raises(NotResumable):
        store.restore_round(saved, [changed])


def test_stats_are_json_and_hold_the_records(store: Store, now: FakeNow) -> None:
    pack, other = make_pack(), make_pack("other", count=8)
    profile = store.profile_for_play("Ann")
    scores = []
    for seed, pattern in [(1, [True] * 5), (2, [True, False, True, True, False])]:
        round_ = build_round([pack], quick(seed, count=5), clock=FakeClock())
        round_id = store.start_round(profile, round_, [pack])
        for correct in pattern:
            store.record_answer(round_id, answer(round_, correct))
        round_.next()
        store.finish_round(round_id)
        scores.append(round_.score)
        now.advance(minutes=5)
    unfinished = build_round([other], quick(3, count=4), clock=FakeClock())
    store.record_answer(store.start_round(profile, unfinished, [other]), answer(unfinished, False))

    stats = store.stats(profile, [pack, other])
    assert json.loads(json.dumps(stats)) == stats
    assert stats["profile"]["name"] == "Ann"
    assert stats["rounds"] == {"finished": 2, "abandoned": 0, "in_progress": 1}
    assert (stats["answered"], stats["correct"]) == (11, 8)
    assert stats["accuracy"] == pytest.approx(8 / 11, abs=1e-4)
    assert stats["best_streak"] == 5
    assert stats["high_scores"] == [
        {"packs": "test", "mode": "quick", "score": max(scores), "round_id": 1,
         "started_at": stats["score_history"][0]["started_at"]}
    ]  # fmt: skip
    assert [entry["score"] for entry in stats["score_history"]] == scores
    assert stats["packs"]["test"]["answered"] == 10
    assert stats["packs"]["test"]["total"] == 30
    assert stats["packs"]["test"]["seen"] <= 10
    assert stats["packs"]["other"] == {
        "answered": 1, "correct": 0, "accuracy": 0.0, "best_streak": 0, "seen": 1,
        "mastered": 0, "total": 8,
    }  # fmt: skip
    tags = stats["tags"]
    assert tags["even"]["answered"] + tags["odd"]["answered"] == 11
    assert sum(tags[f"group{n}"]["correct"] for n in range(3)) == 8

    everything = store.all_stats([pack])
    assert [entry["profile"]["name"] for entry in everything["profiles"]] == ["Ann"]
    assert json.loads(json.dumps(everything)) == everything


def test_the_best_score_counts_finished_rounds_of_the_same_packs_and_mode(store: Store) -> None:
    pack, other = make_pack(), make_pack("other", count=8)
    ann, bo = store.profile_for_play("Ann"), store.create_profile("Bo")

    def played(profile, packs, config, pattern, finish=True):  # type: ignore[no-untyped-def]
        round_ = build_round(packs, config, clock=FakeClock())
        round_id = store.start_round(profile, round_, packs)
        for correct in pattern:
            store.record_answer(round_id, answer(round_, correct))
        round_.next()
        if finish:
            store.finish_round(round_id)
        else:
            store.abandon_round(round_id)
        return round_id, round_.score

    assert store.best_score(ann, ["test"], Mode.QUICK) is None
    low_id, low = played(ann, [pack], quick(1, count=3), [True, False, False])
    high_id, high = played(ann, [pack], quick(2, count=3), [True, True, True])
    assert low < high
    assert store.best_score(ann, ["test"], Mode.QUICK) == high
    # Leaving the round just finished out: the best before it.
    assert store.best_score(ann, ["test"], "quick", besides=high_id) == low
    assert store.best_score(ann, ["test"], "quick", besides=low_id) == high
    # A left round is no high score, however good.
    played(ann, [pack], quick(3, count=5), [True] * 5, finish=False)
    assert store.best_score(ann, ["test"], Mode.QUICK) == high
    # Other modes, other pack sets and other players keep their own bests.
    marathon = RoundConfig(mode=Mode.MARATHON, seed=4, tags=frozenset({"group0"}))
    played(ann, [pack], marathon, [True] * 4)
    assert store.best_score(ann, ["test"], Mode.QUICK) == high
    both = RoundConfig(mode=Mode.QUICK, question_count=2, seed=5)
    _, together = played(ann, [pack, other], both, [True, True])
    assert store.best_score(ann, ["other", "test"], Mode.QUICK) == together
    assert store.best_score(bo, ["test"], Mode.QUICK) is None


def test_questions_most_players_miss_are_flagged(store: Store) -> None:
    pack = make_pack()
    hard_round = build_round([pack], quick(5, count=3), clock=FakeClock())
    first_id = hard_round.current.question.id
    for name in ["Ann", "Bo", "Cy", "Di"]:
        profile = store.profile_for_play(name)
        round_ = build_round([pack], quick(5, count=3), clock=FakeClock())
        round_id = store.start_round(profile, round_, [pack])
        # Everyone but Di misses the first question; everyone gets the others right.
        store.record_answer(round_id, answer(round_, name == "Di"))
        store.record_answer(round_id, answer(round_, True))
    flagged = store.flagged_questions(min_players=3, min_miss_rate=0.6)
    assert [(f["question_id"], f["players"], f["missed_by"]) for f in flagged] == [(first_id, 4, 3)]
    assert store.flagged_questions(min_players=5) == []


def test_leitner_boxes_follow_the_answers_and_drive_practice(store: Store, now: FakeNow) -> None:
    pack = make_pack(count=6)
    profile = store.profile_for_play(None)
    round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=3), clock=FakeClock())
    round_id = store.start_round(profile, round_, [pack])
    results = {}
    for correct in [True, False, True, False, True, True]:
        outcome = answer(round_, correct)
        results[outcome.question_id] = correct
        store.record_answer(round_id, outcome)
    missed = {q for q, ok in results.items() if not ok}
    # Right answers rest a day in box 2; missed ones are due at once.
    assert set(store.due_questions(profile, "test", now.now)) == missed
    assert store.due_questions(profile, "elsewhere", now.now) == []
    later = now.now + timedelta(days=1, seconds=1)
    due_later = store.due_questions(profile, "test", later)
    assert set(due_later[: len(missed)]) == missed  # missed first
    assert set(due_later) == set(results)
    assert {s.question_id: s.box for s in store.boxes(profile, "test")} == {
        q: 2 if ok else 1 for q, ok in results.items()
    }
    assert store.mastery(profile, pack).mastered == 0
    assert store.mastery(profile, pack).total == 6


def test_mastered_n_of_m_counts_questions_in_box_five(store: Store) -> None:
    pack = make_pack(count=4)
    profile = store.profile_for_play(None)
    for seed in range(4):
        round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=seed), clock=FakeClock())
        round_id = store.start_round(profile, round_, [pack])
        for _ in range(4):
            outcome = answer(round_, True)
            store.record_answer(round_id, outcome)
        round_.next()
        store.finish_round(round_id)
    mastery = store.mastery(profile, pack)
    assert (mastery.mastered, mastery.total) == (4, 4)
    assert store.stats(profile, [pack])["packs"]["test"]["mastered"] == 4
    assert store.mastery(profile, make_pack(count=10)).total == 10


def test_one_scored_daily_attempt_per_profile_pack_and_day(store: Store) -> None:
    pack = make_pack()
    day = date(2026, 11, 25)
    ann = store.profile_for_play("Ann")
    assert store.daily_attempt(ann, "test", day) is None
    config = quick(daily_seed(day, "test"), count=5)
    round_ = build_round([pack], config, clock=FakeClock())
    round_id = store.start_round(ann, round_, [pack], daily=day)
    store.record_answer(round_id, answer(round_, True))
    attempt = store.daily_attempt(ann, "test", day)
    assert attempt is not None
    assert (attempt.id, attempt.daily, attempt.score) == (round_id, "2026-11-25", round_.score)
    with pytest.raises(DailyAlreadyPlayed):
        store.start_round(ann, build_round([pack], config), [pack], daily=day)
    # The refused attempt left no trace.
    assert [saved.id for saved in store.unfinished_rounds(ann)] == [round_id]
    assert store.daily_attempt(ann, "test", day + timedelta(days=1)) is None
    bo = store.profile_for_play("Bo")
    store.start_round(bo, build_round([pack], config), [pack], daily=day)
    assert store.stats(ann)["daily"][0]["day"] == "2026-11-25"


def test_the_store_can_be_used_from_worker_threads(store: Store) -> None:
    import threading

    pack = make_pack(count=40)
    profile = store.profile_for_play(None)
    errors: list[BaseException] = []

    def play(seed: int) -> None:
        try:
            round_ = build_round([pack], quick(seed, count=20), clock=FakeClock())
            round_id = store.start_round(profile, round_, [pack])
            for n in range(20):
                store.record_answer(round_id, answer(round_, n % 3 != 0))
                store.stats(profile)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=play, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.stats(profile)["answered"] == 80
