"""The round state machine, driven as a UI drives it, with a fake clock."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

import pytest

from trivia.game import (
    InvalidResponse,
    Lifeline,
    LifelineError,
    Mode,
    QuestionInProgress,
    RecordedAnswer,
    Round,
    RoundConfig,
    RoundError,
    RoundState,
    RoundStateError,
    TimeLimits,
    build_round,
    filters_text,
    round_size,
)
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    OrderQuestion,
    Pack,
    PackMeta,
    Source,
    TextQuestion,
    TrueFalseQuestion,
)


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_pack(pack_id: str, questions: Sequence[AnyQuestion]) -> Pack:
    # One fact per question, as in a real pack: a round never asks two questions on one
    # fact while it has others (game/plan.py), and these tests are about everything else.
    questions = [replace(question, fact=f"f-{question.id}") for question in questions]
    return Pack(
        meta=PackMeta(id=pack_id, title=pack_id.title()),
        sources={"src": Source(id="src", title="An article", publisher="News", date="2022")},
        facts={q.fact: Fact(id=q.fact, source="src", statement="A fact.") for q in questions},
        questions=tuple(questions),
    )


def choice(
    qid: str,
    difficulty: Difficulty = Difficulty.EASY,
    tags: tuple[str, ...] = (),
    hint: str | None = None,
    options: tuple[str, ...] = ("Right", "Wrong A", "Wrong B", "Wrong C"),
    fixed_order: bool = False,
) -> ChoiceQuestion:
    return ChoiceQuestion(
        id=qid,
        fact="f",
        prompt=f"Question {qid}?",
        difficulty=difficulty,
        tags=tags,
        hint=hint,
        answer="Right",
        options=options,
        fixed_order=fixed_order,
    )


def many_choices(count: int, prefix: str = "q") -> list[AnyQuestion]:
    return [choice(f"{prefix}{n:02d}") for n in range(count)]


MIXED: list[AnyQuestion] = [
    choice("cast", Difficulty.EASY, tags=("cast",), hint="She starts as a secretary."),
    TrueFalseQuestion(
        id="tf", fact="f", prompt="True?", difficulty=Difficulty.MEDIUM, answer=True, tags=("show",)
    ),
    TextQuestion(
        id="text",
        fact="f",
        prompt="Who?",
        difficulty=Difficulty.HARD,
        answer="Jon Hamm",
        tags=("cast", "show"),
    ),
    NumberQuestion(
        id="num", fact="f", prompt="How many?", difficulty=Difficulty.MEDIUM, answer=92, tolerance=4
    ),
    OrderQuestion(
        id="ord",
        fact="f",
        prompt="Order?",
        difficulty=Difficulty.HARD,
        answer=("One", "Two", "Three", "Four"),
    ),
    choice("pair", options=("Right", "Wrong")),
]


def right_response(round_: Round) -> object:
    """The right answer to the current question, in the form the UI would send it."""
    return round_.current.question.answer


def wrong_response(round_: Round) -> object:
    question = round_.current.question
    match question:
        case ChoiceQuestion():
            return next(o for o in round_.current.remaining_options if o != question.answer)
        case TrueFalseQuestion():
            return not question.answer
        case TextQuestion():
            return "Someone Else Entirely"
        case NumberQuestion():
            return question.answer + question.tolerance + 100
        case OrderQuestion():
            return tuple(reversed(question.answer))
    raise AssertionError(question)


def ids(round_: Round) -> list[str]:
    """The question ids of a round, in play order, by playing it through."""
    seen = []
    while round_.state is not RoundState.FINISHED:
        seen.append(round_.current.question.id)
        round_.answer(right_response(round_))  # type: ignore[arg-type]
        round_.next()
    return seen


# --- building -----------------------------------------------------------------------------


def test_quick_round_asks_ten_by_default() -> None:
    round_ = build_round([make_pack("p", many_choices(25))], RoundConfig(seed=1))
    assert round_.state is RoundState.ASKING
    assert round_.current.total == 10
    assert len(ids(round_)) == 10


def test_same_seed_same_questions_and_option_order() -> None:
    packs = [make_pack("p", many_choices(25))]
    one = build_round(packs, RoundConfig(seed=7, question_count=5))
    two = build_round(packs, RoundConfig(seed=7, question_count=5))
    views = []
    for round_ in (one, two):
        seen = []
        while round_.state is not RoundState.FINISHED:
            seen.append((round_.current.question.id, round_.current.options))
            round_.answer("Right")
            round_.next()
        views.append(seen)
    assert views[0] == views[1]


def test_different_seed_different_round() -> None:
    packs = [make_pack("p", many_choices(25))]
    orders = {tuple(ids(build_round(packs, RoundConfig(seed=seed)))) for seed in range(5)}
    assert len(orders) == 5
    options = {build_round(packs, RoundConfig(seed=s)).current.options for s in range(5)}
    assert len(options) > 1


def test_pack_order_does_not_change_the_round() -> None:
    a, b = make_pack("a", many_choices(6, "a")), make_pack("b", many_choices(6, "b"))
    config = RoundConfig(seed=3, mode=Mode.MARATHON)
    assert ids(build_round([a, b], config)) == ids(build_round([b, a], config))
    assert build_round([b, a], config).pack_ids == ("a", "b")


def test_fixed_order_keeps_the_written_options() -> None:
    question = choice("fixed", options=("Wrong A", "Right", "Wrong B"), fixed_order=True)
    for seed in range(10):
        round_ = build_round([make_pack("p", [question])], RoundConfig(seed=seed))
        assert round_.current.options == ("Wrong A", "Right", "Wrong B")


def test_order_items_never_start_in_the_right_order() -> None:
    question = OrderQuestion(
        id="o", fact="f", prompt="?", difficulty=Difficulty.EASY, answer=("1", "2", "3")
    )
    starts = set()
    for seed in range(40):
        round_ = build_round([make_pack("p", [question])], RoundConfig(seed=seed))
        items = round_.current.items
        assert sorted(items) == ["1", "2", "3"]
        assert items != question.answer
        starts.add(items)
    assert len(starts) > 1


def test_seed_is_filled_in_when_missing() -> None:
    round_ = build_round([make_pack("p", many_choices(3))])
    assert isinstance(round_.config.seed, int)


def test_filters_tags_any_of_and_difficulties() -> None:
    pack = make_pack("p", MIXED)
    marathon = Mode.MARATHON
    tagged = build_round([pack], RoundConfig(seed=1, mode=marathon, tags=frozenset({"cast"})))
    assert sorted(ids(tagged)) == ["cast", "text"]
    either = RoundConfig(seed=1, mode=marathon, tags=frozenset({"cast", "show"}))
    assert sorted(ids(build_round([pack], either))) == ["cast", "text", "tf"]
    hard = RoundConfig(seed=1, mode=marathon, difficulties=frozenset({Difficulty.HARD}))
    assert sorted(ids(build_round([pack], hard))) == ["ord", "text"]
    both = RoundConfig(seed=1, mode=marathon, tags=frozenset({"show"}), difficulties={"hard"})  # type: ignore[arg-type]
    assert ids(build_round([pack], both)) == ["text"]


def test_filters_that_leave_nothing_raise_a_clear_error() -> None:
    config = RoundConfig(
        seed=1, tags=frozenset({"nope"}), difficulties=frozenset({Difficulty.HARD})
    )
    with pytest.raises(RoundError, match="no question with tags nope and difficulty hard in p"):
        build_round([make_pack("p", MIXED)], config)
    with pytest.raises(RoundError, match="no packs"):
        build_round([], RoundConfig(seed=1))
    with pytest.raises(RoundError, match="share an id"):
        build_round([make_pack("p", MIXED), make_pack("p", MIXED)], RoundConfig(seed=1))


def test_round_size_counts_the_filtered_pool_against_the_round_length() -> None:
    """`round_size` tells a short or empty round apart before it is built, and its count is
    the length of the round `build_round` then builds."""
    pack = make_pack("p", MIXED)
    cast = RoundConfig(seed=1, tags=frozenset({"cast"}))
    size = round_size([pack], cast)
    assert (size.matching, size.wanted, size.asked, size.short) == (2, 10, 2, True)
    assert size.describe() == "2 of 10 asked match: the round will have 2"
    assert build_round([pack], cast).current.total == size.asked

    three = round_size([pack], RoundConfig(question_count=3, difficulties={"medium", "hard"}))  # type: ignore[arg-type]
    assert (three.matching, three.asked, three.short) == (4, 3, False)
    assert three.describe() == "4 questions match"

    marathon = round_size([pack], RoundConfig(mode=Mode.MARATHON, tags=frozenset({"show"})))
    assert (marathon.wanted, marathon.asked, marathon.short) == (None, 2, False)

    none = RoundConfig(tags=frozenset({"show"}), difficulties=frozenset({Difficulty.EASY}))
    empty = round_size([pack], none)
    assert (empty.matching, empty.asked, empty.short) == (0, 0, True)
    assert empty.describe() == "No question matches these filters"
    assert filters_text(none) == "tag show, difficulty easy"
    assert filters_text(RoundConfig()) == ""


def test_round_size_over_two_packs_adds_them_up() -> None:
    packs = [make_pack("a", many_choices(4, "a")), make_pack("b", many_choices(3, "b"))]
    size = round_size(packs, RoundConfig())
    assert (size.matching, size.asked) == (7, 7)
    assert size.describe() == "7 of 10 asked match: the round will have 7"


def test_config_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="unknown mode"):
        RoundConfig(mode="party")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RoundConfig(question_count=0)
    with pytest.raises(ValueError):
        RoundConfig(lives=0)


def test_marathon_covers_the_whole_pool() -> None:
    pack = make_pack("p", many_choices(23))
    played = ids(build_round([pack], RoundConfig(seed=5, mode=Mode.MARATHON)))
    assert sorted(played) == sorted(q.id for q in pack.questions)


def test_quick_round_with_a_small_pool_plays_what_there_is() -> None:
    round_ = build_round([make_pack("p", many_choices(4))], RoundConfig(seed=5))
    assert round_.current.total == 4


# --- playing ------------------------------------------------------------------------------


def test_a_timed_answer_scores_by_the_clock() -> None:
    clock = FakeClock()
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=2), clock=clock)
    assert round_.time_left() == 20.0
    clock.advance(5)
    assert round_.time_left() == 15.0
    outcome = round_.answer("Right")
    assert round_.state is RoundState.REVEAL
    assert outcome.elapsed == 5.0
    assert outcome.correct and outcome.points == 875  # 1000 * (1 - 5/20/2)
    assert round_.last_outcome is outcome
    assert round_.score == 875 and round_.streak == 1
    assert round_.time_left() is None  # nothing runs during the reveal


def test_streak_builds_and_a_timeout_resets_it() -> None:
    clock = FakeClock()
    round_ = build_round(
        [make_pack("p", many_choices(5))], RoundConfig(seed=2, timed=False), clock=clock
    )
    points = []
    for _ in range(3):
        points.append(round_.answer("Right").points)
        round_.next()
    assert points == [1000, 1100, 1200]
    assert round_.streak == 3
    timed_out = round_.time_out()
    assert timed_out.timed_out and not timed_out.correct and timed_out.points == 0
    assert timed_out.response is None
    assert round_.streak == 0 and round_.best_streak == 3 and round_.misses == 1
    round_.next()
    assert round_.answer("Right").points == 1000


def test_tick_times_out_when_the_clock_passes_the_limit() -> None:
    clock = FakeClock()
    config = RoundConfig(seed=2, time_limits=TimeLimits(choice=10))
    round_ = build_round([make_pack("p", many_choices(3))], config, clock=clock)
    round_.answer("Right")
    round_.next()
    clock.advance(9.9)
    assert round_.tick() is None
    assert round_.state is RoundState.ASKING
    clock.advance(0.5)
    outcome = round_.tick()
    assert outcome is not None and outcome.timed_out
    assert outcome.elapsed == 10.0  # clamped to the limit
    assert round_.state is RoundState.REVEAL and round_.streak == 0
    assert round_.tick() is None  # harmless during the reveal


def test_an_answer_after_the_limit_is_a_time_out() -> None:
    clock = FakeClock()
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=2), clock=clock)
    clock.advance(21)
    outcome = round_.answer("Right")
    assert outcome.timed_out and outcome.points == 0


def test_untimed_round_never_times_out() -> None:
    clock = FakeClock()
    round_ = build_round(
        [make_pack("p", many_choices(3))], RoundConfig(seed=2, timed=False), clock=clock
    )
    clock.advance(10_000)
    assert round_.time_left() is None and round_.current.time_limit is None
    assert round_.tick() is None
    assert round_.answer("Right").points == 1000


def test_time_limits_per_type() -> None:
    clock = FakeClock()
    pack = make_pack("p", MIXED)
    round_ = build_round([pack], RoundConfig(seed=1, mode=Mode.MARATHON), clock=clock)
    limits = {}
    while round_.state is not RoundState.FINISHED:
        limits[round_.current.question.type.value] = round_.current.time_limit
        round_.time_out()
        round_.next()
    assert limits == {"choice": 20, "truefalse": 20, "text": 30, "number": 30, "order": 45}


def test_a_marathon_left_mid_way_is_summed_up_with_what_was_answered() -> None:
    clock = FakeClock()
    pack = make_pack("p", many_choices(8))
    marathon = build_round([pack], RoundConfig(seed=3, mode=Mode.MARATHON), clock=clock)
    # Nothing answered yet: nothing to sum up.
    assert not marathon.summed_up_when_left
    marathon.answer("Right")
    marathon.next()
    marathon.answer("Wrong A")
    marathon.next()
    assert marathon.state is RoundState.ASKING and marathon.summed_up_when_left
    summary = marathon.summary()
    assert (summary.answered, summary.correct) == (2, 1)
    assert [line.number for line in summary.lines] == [1, 2]
    # The short modes go straight back when left.
    quick = build_round([pack], RoundConfig(seed=3, mode=Mode.QUICK), clock=clock)
    quick.answer("Right")
    quick.next()
    assert not quick.summed_up_when_left
    # A finished marathon is summed up by its end, not by leaving.
    while marathon.state is not RoundState.FINISHED:
        marathon.answer("Right")
        marathon.next()
    assert not marathon.summed_up_when_left


def test_pause_stops_the_clock() -> None:
    clock = FakeClock()
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=2), clock=clock)
    clock.advance(4)
    round_.pause()
    clock.advance(100)
    assert round_.time_left() == 16.0
    assert round_.tick() is None
    with pytest.raises(RoundStateError, match="paused"):
        round_.answer("Right")
    round_.resume()
    clock.advance(1)
    assert round_.answer("Right").elapsed == 5.0


def test_every_question_type_through_a_round() -> None:
    clock = FakeClock()
    round_ = build_round(
        [make_pack("p", MIXED)], RoundConfig(seed=9, mode=Mode.MARATHON), clock=clock
    )
    while round_.state is not RoundState.FINISHED:
        clock.advance(1)
        assert round_.answer(right_response(round_)).correct  # type: ignore[arg-type]
        round_.next()
    summary = round_.summary()
    assert summary.correct == summary.answered == len(MIXED)
    assert summary.accuracy == 1.0
    assert summary.best_streak == len(MIXED)
    assert summary.total_time == len(MIXED)


def test_number_partial_credit_through_a_round() -> None:
    question = NumberQuestion(
        id="n", fact="f", prompt="?", difficulty=Difficulty.EASY, answer=92, tolerance=4
    )
    round_ = build_round([make_pack("p", [question])], RoundConfig(seed=1, timed=False))
    outcome = round_.answer("94 episodes")
    assert outcome.correct and outcome.verdict.credit == 0.75 and outcome.points == 750


def test_an_invalid_response_leaves_the_question_open() -> None:
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=2))
    with pytest.raises(InvalidResponse):
        round_.answer("Not an option")
    assert round_.state is RoundState.ASKING
    assert round_.history == ()


def test_invalid_transitions_raise() -> None:
    round_ = build_round([make_pack("p", many_choices(1))], RoundConfig(seed=2))
    with pytest.raises(RoundStateError, match="next"):
        round_.next()
    round_.answer("Right")
    with pytest.raises(RoundStateError, match="call next"):
        round_.answer("Right")
    with pytest.raises(RoundStateError):
        round_.time_out()
    with pytest.raises(RoundStateError):
        round_.use_lifeline("hint")
    assert not round_.has_next
    round_.next()
    assert round_.state is RoundState.FINISHED
    with pytest.raises(RoundStateError, match="over"):
        round_.answer("Right")
    with pytest.raises(RoundStateError):
        round_.next()
    with pytest.raises(RoundStateError, match="finished"):
        _ = round_.current


# --- survival -------------------------------------------------------------------------------


def test_survival_ends_at_three_misses() -> None:
    round_ = build_round([make_pack("p", many_choices(20))], RoundConfig(seed=4, mode="survival"))  # type: ignore[arg-type]
    assert round_.current.total is None
    assert round_.lives_left == 3
    round_.answer("Right")
    round_.next()
    for lives in (2, 1):
        round_.answer(wrong_response(round_))  # type: ignore[arg-type]
        assert round_.lives_left == lives
        assert round_.has_next
        round_.next()
    round_.time_out()
    assert round_.lives_left == 0 and round_.misses == 3
    assert not round_.has_next
    round_.next()
    assert round_.state is RoundState.FINISHED
    assert round_.summary().answered == 4


def test_survival_ends_when_the_pool_runs_out() -> None:
    round_ = build_round([make_pack("p", many_choices(4))], RoundConfig(seed=4, mode="survival"))  # type: ignore[arg-type]
    assert len(ids(round_)) == 4
    assert round_.lives_left == 3


def test_other_modes_have_no_lives() -> None:
    round_ = build_round([make_pack("p", many_choices(4))], RoundConfig(seed=4))
    for _ in range(3):
        round_.time_out()
        round_.next()
    assert round_.lives_left is None and round_.state is RoundState.ASKING


# --- lifelines ------------------------------------------------------------------------------


def test_fifty_fifty_leaves_the_answer_and_one_wrong_option() -> None:
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=6, timed=False))
    view = round_.use_lifeline(Lifeline.FIFTY_FIFTY)
    assert len(view.removed) == 2
    assert "Right" in view.remaining_options and len(view.remaining_options) == 2
    assert view.options == round_.current.options  # positions keep their keys
    assert view.lifelines_used == (Lifeline.FIFTY_FIFTY,)
    assert view.lifelines_left == (Lifeline.HINT,)
    with pytest.raises(InvalidResponse, match="struck out"):
        round_.answer(view.removed[0])
    outcome = round_.answer("Right")
    assert outcome.points == 500 and outcome.lifelines == (Lifeline.FIFTY_FIFTY,)
    assert outcome.breakdown.lines() == [("base", 1000), ("lifeline", -500)]


def test_fifty_fifty_is_deterministic() -> None:
    packs = [make_pack("p", many_choices(3))]
    removed = {
        build_round(packs, RoundConfig(seed=6)).use_lifeline("fifty_fifty").removed
        for _ in range(3)
    }
    assert len(removed) == 1


def test_lifelines_once_per_round() -> None:
    questions = [choice(f"q{n}", hint="A hint.") for n in range(3)]
    round_ = build_round([make_pack("p", questions)], RoundConfig(seed=6))
    assert round_.current.lifelines_usable == (Lifeline.FIFTY_FIFTY, Lifeline.HINT)
    view = round_.use_lifeline("hint")
    assert view.hint == "A hint."
    with pytest.raises(LifelineError, match="already been used"):
        round_.use_lifeline("hint")
    round_.answer("Right")
    round_.next()
    assert round_.current.hint is None
    assert round_.current.lifelines_usable == (Lifeline.FIFTY_FIFTY,)
    assert not round_.can_use("hint")
    round_.use_lifeline("fifty_fifty")
    round_.answer("Right")
    round_.next()
    assert round_.current.lifelines_left == ()
    with pytest.raises(LifelineError):
        round_.use_lifeline("fifty_fifty")


def test_both_lifelines_on_one_question_halve_once() -> None:
    round_ = build_round(
        [make_pack("p", [choice("q", hint="A hint.")])], RoundConfig(seed=6, timed=False)
    )
    round_.use_lifeline("fifty_fifty")
    round_.use_lifeline("hint")
    assert round_.answer("Right").points == 500


def test_lifelines_refused_where_they_do_not_apply() -> None:
    pack = make_pack("p", [choice("pair", options=("Right", "Wrong"))])
    round_ = build_round([pack], RoundConfig(seed=1))
    assert round_.current.lifelines_usable == ()
    with pytest.raises(LifelineError, match="at least 3 options"):
        round_.use_lifeline("fifty_fifty")
    with pytest.raises(LifelineError, match="no hint"):
        round_.use_lifeline("hint")
    assert round_.lifelines_left == (Lifeline.FIFTY_FIFTY, Lifeline.HINT)  # nothing spent

    text = TextQuestion(id="t", fact="f", prompt="?", difficulty=Difficulty.EASY, answer="X")
    round_ = build_round([make_pack("p", [text])], RoundConfig(seed=1))
    with pytest.raises(LifelineError, match="multiple-choice"):
        round_.use_lifeline("fifty_fifty")


# --- view, history, summary -------------------------------------------------------------------


def test_view_carries_what_the_screen_needs() -> None:
    round_ = build_round([make_pack("p", many_choices(3))], RoundConfig(seed=1))
    view = round_.current
    assert view.pack_id == "p"
    assert view.source is not None and view.source.title == "An article"
    assert (view.index, view.number, view.total) == (0, 1, 3)
    assert sorted(view.options) == ["Right", "Wrong A", "Wrong B", "Wrong C"]
    assert view.items == () and view.removed == () and view.hint is None
    assert view.time_limit == 20.0


def test_summary_lists_your_answer_against_the_right_one() -> None:
    clock = FakeClock()
    round_ = build_round(
        [make_pack("p", many_choices(3))], RoundConfig(seed=3, timed=False), clock=clock
    )
    round_.answer("Right")
    round_.next()
    clock.advance(2)
    round_.answer("Wrong B")
    round_.next()
    clock.advance(3)
    round_.time_out()
    round_.next()
    summary = round_.summary()
    assert (summary.score, summary.correct, summary.answered) == (1000, 1, 3)
    assert summary.accuracy == pytest.approx(1 / 3)
    assert summary.best_streak == 1 and summary.total_time == 5.0
    assert [(line.your_answer, line.right_answer) for line in summary.lines] == [
        ("Right", "Right"),
        ("Wrong B", "Right"),
        ("", "Right"),
    ]
    assert summary.lines[2].timed_out and summary.seed == 3
    assert [outcome.question_id for outcome in round_.history] == [
        line.question_id for line in summary.lines
    ]


# --- restore ---------------------------------------------------------------------------------


def play_some(clock: FakeClock, config: RoundConfig, answers: int) -> Round:
    """A round with a bit of everything: lifelines, right, wrong, partial, time out."""
    round_ = build_round(
        [make_pack("p", MIXED), make_pack("q", many_choices(4))], config, clock=clock
    )
    for n in range(answers):
        clock.advance(1.5 + n)
        if round_.can_use("fifty_fifty"):
            round_.use_lifeline("fifty_fifty")
        if round_.can_use("hint"):
            round_.use_lifeline("hint")
        question = round_.current.question
        if n % 4 == 3:
            round_.time_out()
        elif n % 3 == 2:
            round_.answer(wrong_response(round_))  # type: ignore[arg-type]
        elif isinstance(question, NumberQuestion):
            round_.answer(f"{question.answer + 2:,} episodes")
        else:
            round_.answer(right_response(round_))  # type: ignore[arg-type]
        if not round_.has_next or n == answers - 1:
            break
        round_.next()
    return round_


def snapshot(round_: Round) -> tuple[object, ...]:
    return (
        round_.state,
        round_.current if round_.state is not RoundState.FINISHED else None,
        round_.history,
        round_.score,
        round_.streak,
        round_.best_streak,
        round_.misses,
        round_.lives_left,
        round_.lifelines_left,
        round_.summary(),
    )


@pytest.mark.parametrize("mode", [Mode.QUICK, Mode.SURVIVAL, Mode.MARATHON])
def test_restore_rebuilds_the_round_exactly(mode: Mode) -> None:
    clock = FakeClock()
    config = RoundConfig(seed=11, mode=mode)
    original = play_some(clock, config, answers=7)
    assert original.state is RoundState.REVEAL
    assert len(original.history) == (6 if mode is Mode.SURVIVAL else 7)  # 3 misses in 6
    assert any(outcome.lifelines for outcome in original.history)
    if mode is not Mode.SURVIVAL:  # survival ends before this seed reaches the number
        assert any(0 < outcome.verdict.credit < 1 for outcome in original.history)

    # What a save would hold: JSON of the config and of each answer.
    saved_config = json.loads(json.dumps(original.config.to_dict()))
    saved_answers = json.loads(json.dumps([record.to_dict() for record in original.records]))
    restored = Round.restore(
        [make_pack("q", many_choices(4)), make_pack("p", MIXED)],
        RoundConfig.from_dict(saved_config),
        [RecordedAnswer.from_dict(data) for data in saved_answers],
        clock=clock,
    )
    assert snapshot(restored) == snapshot(original)

    # And both go on the same way.
    for round_ in (original, restored):
        if round_.has_next:
            round_.next()
    assert snapshot(restored) == snapshot(original)


def test_restore_with_no_answers_starts_the_round() -> None:
    clock = FakeClock()
    config = RoundConfig(seed=11)
    original = build_round([make_pack("p", MIXED)], config, clock=clock)
    restored = Round.restore([make_pack("p", MIXED)], config, [], clock=clock)
    assert snapshot(restored) == snapshot(original)


def test_restore_refuses_answers_that_do_not_fit() -> None:
    clock = FakeClock()
    original = play_some(clock, RoundConfig(seed=11), answers=3)
    records = list(original.records)
    with pytest.raises(RoundError, match="packs have changed"):
        Round.restore(
            [make_pack("p", MIXED), make_pack("q", many_choices(4))], RoundConfig(seed=12), records
        )
    with pytest.raises(RoundError, match="seed"):
        Round.restore([make_pack("p", MIXED)], RoundConfig(), records)
    too_many = [*records] * 5
    with pytest.raises(RoundError):
        Round.restore(
            [make_pack("p", MIXED), make_pack("q", many_choices(4))], RoundConfig(seed=11), too_many
        )


def test_restore_goes_on_with_the_time_and_lifelines_the_question_had() -> None:
    """A kill must not buy time or lifelines: the checkpoint of the question in progress
    carries over (and one for an earlier question is ignored)."""
    clock = FakeClock()
    packs = [make_pack("q", many_choices(4))]
    config = RoundConfig(seed=11, question_count=3)
    original = build_round(packs, config, clock=clock)
    original.answer(original.current.question.answer)
    original.next()
    clock.advance(12.5)
    original.use_lifeline("fifty_fifty")
    progress = original.in_progress()
    assert progress is not None and progress.position == 1 and progress.elapsed == 12.5
    saved = QuestionInProgress.from_dict(json.loads(json.dumps(progress.to_dict())))

    restored = Round.restore(packs, config, original.records, clock=clock, in_progress=saved)
    restored.next()
    limit = restored.current.time_limit
    assert limit is not None
    assert restored.time_left() == pytest.approx(limit - 12.5)
    assert restored.current.removed == original.current.removed
    assert restored.lifelines_left == original.lifelines_left

    stale = QuestionInProgress(position=0, elapsed=9.0)
    again = Round.restore(packs, config, original.records, clock=clock, in_progress=stale)
    again.next()
    assert again.time_left() == limit and again.current.removed == ()
