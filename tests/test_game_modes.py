"""Practice and daily in the game layer: listed questions, the practice order, restore."""

from __future__ import annotations

import json

import pytest
from test_game_round import (
    MIXED,
    FakeClock,
    choice,
    ids,
    make_pack,
    many_choices,
    play_some,
    right_response,
    snapshot,
)

from trivia.game import (
    DAILY_QUESTIONS,
    PRACTICE_QUESTIONS,
    Mode,
    RecordedAnswer,
    Round,
    RoundConfig,
    RoundError,
    RoundState,
    build_round,
    practice_question_ids,
)
from trivia.packs.model import Difficulty

# --- question_ids ------------------------------------------------------------------------


def test_listed_questions_are_asked_exactly_in_that_order() -> None:
    pack = make_pack("p", many_choices(20))
    listed = ("q07", "q02", "q19", "q00")
    for mode in Mode:
        round_ = build_round([pack], RoundConfig(mode=mode, seed=1, question_ids=listed))
        assert ids(round_) == list(listed), mode


def test_listed_ids_missing_repeated_or_filtered_out_are_skipped() -> None:
    pack = make_pack(
        "p",
        [choice("a"), choice("b", Difficulty.HARD), choice("c"), choice("d", tags=("x",))],
    )
    config = RoundConfig(
        seed=1,
        question_ids=("gone", "c", "b", "c", "a", "d"),
        difficulties=frozenset({Difficulty.EASY}),
    )
    assert ids(build_round([pack], config)) == ["c", "a", "d"]
    assert ids(
        build_round([pack], RoundConfig(seed=1, question_ids=("d", "c"), tags=frozenset({"x"})))
    ) == ["d"]


def test_question_count_keeps_the_first_listed() -> None:
    pack = make_pack("p", many_choices(20))
    listed = tuple(f"q{n:02d}" for n in range(19, 4, -1))  # 15 ids
    assert ids(build_round([pack], RoundConfig(seed=1, question_ids=listed))) == list(listed)
    capped = RoundConfig(seed=1, question_ids=listed, question_count=3)
    assert ids(build_round([pack], capped)) == list(listed[:3])


def test_a_listed_id_can_name_its_pack() -> None:
    packs = [make_pack("p", many_choices(3)), make_pack("r", many_choices(3))]
    both = build_round(packs, RoundConfig(seed=1, question_ids=("q01",)))
    assert [view[:2] for view in _played(both)] == [("p", "q01"), ("r", "q01")]
    one = build_round(packs, RoundConfig(seed=1, question_ids=("r/q01", "p/q02")))
    assert [view[:2] for view in _played(one)] == [("r", "q01"), ("p", "q02")]


def test_listed_options_are_shuffled_as_in_any_round_with_that_seed() -> None:
    pack = make_pack("p", many_choices(12))
    drawn = build_round([pack], RoundConfig(seed=4, mode=Mode.MARATHON))
    listed = build_round([pack], RoundConfig(seed=4, question_ids=("q05", "q03")))
    options = {view[1]: view[2] for view in _played(drawn)}
    assert [view[2] for view in _played(listed)] == [options["q05"], options["q03"]]


def test_a_list_with_nothing_to_ask_is_refused_clearly() -> None:
    pack = make_pack("p", many_choices(3))
    with pytest.raises(RoundError, match="none of the 2 questions listed"):
        build_round([pack], RoundConfig(seed=1, question_ids=("x", "y")))
    with pytest.raises(RoundError, match="lists no questions"):
        build_round([pack], RoundConfig(seed=1, question_ids=()))
    with pytest.raises(TypeError):
        RoundConfig(question_ids="q01")  # type: ignore[arg-type]


def test_question_ids_survive_the_save_format() -> None:
    config = RoundConfig(mode=Mode.PRACTICE, seed=3, timed=False, question_ids=("b", "a"))
    data = json.loads(json.dumps(config.to_dict()))
    assert data["question_ids"] == ["b", "a"]
    assert RoundConfig.from_dict(data) == config
    # A save from before question_ids existed reads as "draw with the seed".
    del data["question_ids"]
    assert RoundConfig.from_dict(data).question_ids is None
    assert RoundConfig.from_dict(RoundConfig().to_dict()).question_ids is None


# --- mode defaults -------------------------------------------------------------------------


def test_practice_and_daily_draw_ten_by_default() -> None:
    pack = make_pack("p", many_choices(30))
    practice = build_round([pack], RoundConfig(mode=Mode.PRACTICE, seed=1))
    assert practice.current.total == PRACTICE_QUESTIONS == 10
    daily = build_round([pack], RoundConfig(mode=Mode.DAILY, seed=1))
    assert daily.current.total == DAILY_QUESTIONS == 10


def test_only_the_daily_is_once_a_day() -> None:
    """The summary offers "Play again" for every mode but the daily."""
    assert [mode for mode in Mode if mode.once_a_day] == [Mode.DAILY]


def test_the_same_daily_seed_gives_the_same_questions_and_options_to_everyone() -> None:
    pack = make_pack("p", MIXED + many_choices(20))
    config = RoundConfig(mode=Mode.DAILY, seed=2925089971, question_count=DAILY_QUESTIONS)

    same_pack_again = make_pack("p", MIXED + many_choices(20))
    today = _played(build_round([pack], config))
    assert today == _played(build_round([same_pack_again], config))
    assert any(options for _, _, options, _ in today)
    other_day = RoundConfig(mode=Mode.DAILY, seed=1, question_count=DAILY_QUESTIONS)
    assert today != _played(build_round([pack], other_day))


# --- practice order ------------------------------------------------------------------------


def test_practice_asks_due_first_then_new_then_the_rest() -> None:
    pack = make_pack("p", many_choices(10))
    due = ["q07", "q03"]  # the store's order: missed first
    seen = ["q05", "q03", "q07", "q01"]  # answered before, soonest due first
    order = practice_question_ids(pack, due, seen, count=None, seed=1)
    assert order[:2] == ("q07", "q03")
    new = {"q00", "q02", "q04", "q06", "q08", "q09"}
    assert set(order[2:8]) == new
    assert order[8:] == ("q05", "q01")  # review ahead, in the store's order
    assert len(order) == len(set(order)) == 10


def test_practice_order_is_capped_filtered_and_seeded() -> None:
    pack = make_pack(
        "p",
        [choice(f"e{n}") for n in range(6)] + [choice(f"h{n}", Difficulty.HARD) for n in range(6)],
    )
    due = ["h2", "e1", "gone"]
    assert practice_question_ids(pack, due, [], count=3, seed=1)[:2] == ("h2", "e1")
    hard = practice_question_ids(pack, due, [], count=None, seed=1, difficulties={"hard"})
    assert hard[0] == "h2" and set(hard) == {f"h{n}" for n in range(6)}
    assert practice_question_ids(pack, due, [], 5, seed=1) == practice_question_ids(
        pack, due, [], 5, seed=1
    )
    assert len(practice_question_ids(pack, [], [], count=PRACTICE_QUESTIONS, seed=1)) == 10
    news = {practice_question_ids(pack, [], [], 12, seed=s) for s in range(5)}
    assert len(news) > 1  # new questions are shuffled by the seed
    with pytest.raises(ValueError):
        practice_question_ids(pack, [], [], count=0, seed=1)


def test_a_practice_round_asks_its_order() -> None:
    pack = make_pack("p", many_choices(10))
    order = practice_question_ids(pack, ["q04", "q08"], ["q08", "q04"], count=5, seed=2)
    config = RoundConfig(mode=Mode.PRACTICE, seed=2, timed=False, question_ids=order)
    round_ = build_round([pack], config)
    assert round_.current.time_limit is None
    asked = ids(round_)
    assert asked[:2] == ["q04", "q08"]
    assert len(asked) == 5


# --- restore -------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [Mode.PRACTICE, Mode.DAILY])
def test_practice_and_daily_rounds_restore_exactly(mode: Mode) -> None:
    clock = FakeClock()
    listed = ("p/ord", "q/q02", "p/num", "p/cast", "p/text", "q/q00", "p/tf", "p/pair")
    config = RoundConfig(
        mode=mode,
        seed=11,
        timed=mode is Mode.DAILY,
        question_ids=listed if mode is Mode.PRACTICE else None,
    )
    original = play_some(clock, config, answers=6)
    if mode is Mode.PRACTICE:
        assert [o.question_id for o in original.history] == [e.split("/")[1] for e in listed[:6]]
    saved_config = json.loads(json.dumps(original.config.to_dict()))
    saved_answers = json.loads(json.dumps([record.to_dict() for record in original.records]))
    restored = Round.restore(
        [make_pack("q", many_choices(4)), make_pack("p", MIXED)],
        RoundConfig.from_dict(saved_config),
        [RecordedAnswer.from_dict(data) for data in saved_answers],
        clock=clock,
    )
    assert snapshot(restored) == snapshot(original)
    for round_ in (original, restored):
        round_.next()
    assert snapshot(restored) == snapshot(original)


def _played(round_: Round) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(pack, question, options, items) of every question, playing the round through."""
    seen = []
    while round_.state is not RoundState.FINISHED:
        view = round_.current
        seen.append((view.pack_id, view.question.id, view.options, view.items))
        round_.answer(right_response(round_))  # type: ignore[arg-type]
        round_.next()
    return seen
