"""The pieces the solo round and the party share: plan, question clock, settle() and tally.

The party is the same round engine with several players, so one player playing a party
scores exactly as the same player alone; and the host screen asks the party what it may do
(`Party.can`), so `can` must agree with what the actions accept.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_game_round import FakeClock

from trivia.game import (
    BuzzResult,
    HostAction,
    InvalidResponse,
    Party,
    PartyConfig,
    PartyPhase,
    PartyStateError,
    PartyStyle,
    QuestionClock,
    RoundConfig,
    Tally,
    build_party,
    build_round,
    make_players,
    plan_round,
    settle,
)
from trivia.game.settle import LATE_TOLERANCE
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    Pack,
    PackMeta,
    Source,
    TrueFalseQuestion,
)

DIFFICULTIES = (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)


def _questions() -> tuple[AnyQuestion, ...]:
    made: list[AnyQuestion] = []
    for n in range(9):
        difficulty = DIFFICULTIES[n % 3]
        if n % 3 == 0:
            made.append(
                ChoiceQuestion(
                    id=f"c{n}",
                    fact="f",
                    prompt=f"Choice {n}?",
                    difficulty=difficulty,
                    answer="Right",
                    options=("Right", "Wrong A", "Wrong B", "Wrong C"),
                )
            )
        elif n % 3 == 1:
            made.append(
                TrueFalseQuestion(
                    id=f"t{n}", fact="f", prompt=f"True {n}?", difficulty=difficulty, answer=True
                )
            )
        else:
            made.append(
                NumberQuestion(
                    id=f"n{n}",
                    fact="f",
                    prompt=f"Year {n}?",
                    difficulty=difficulty,
                    answer=1960,
                    tolerance=4,
                )
            )
    return tuple(made)


PACK = Pack(
    meta=PackMeta(id="shared", title="Shared"),
    sources={"src": Source(id="src", title="An article", publisher="News", date="2022")},
    facts={"f": Fact(id="f", source="src", statement="A fact.")},
    questions=_questions(),
)


def response_for(question: AnyQuestion, kind: str) -> Any:
    """A response of a kind: "right", "close" (partial credit on a number), "wrong"."""
    if isinstance(question, ChoiceQuestion):
        return question.answer if kind != "wrong" else "Wrong B"
    if isinstance(question, TrueFalseQuestion):
        return question.answer if kind != "wrong" else not question.answer
    assert isinstance(question, NumberQuestion)
    return {"right": 1960, "close": 1962, "wrong": 1900}[kind]


def party_of_one(config: RoundConfig, clock: FakeClock) -> Party:
    """A buzzer party in which one player, Ann, does all the playing.

    A party seats 2-8 players (a rule of the room, which this test keeps), so Bo sits in
    and never buzzes: Ann buzzes at once on every question and answers (or passes) as
    the solo player does; a question she misses is closed by the host's reveal.
    """
    party_config = PartyConfig(PartyStyle.BUZZER, make_players(["Ann", "Bo"]), config)
    return build_party([PACK], party_config, clock=clock)


GO = st.tuples(
    st.sampled_from(["right", "close", "wrong", "none"]),
    # Quarter seconds are exact in binary, so both clocks read the same time; up to 30 s
    # passes the 20 s limit, so some answers come late.
    st.integers(min_value=0, max_value=120).map(lambda quarters: quarters / 4),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    count=st.integers(min_value=1, max_value=9),
    timed=st.booleans(),
    goes=st.lists(GO, min_size=9, max_size=9),
)
def test_a_party_of_one_scores_exactly_like_a_solo_round(
    seed: int, count: int, timed: bool, goes: list[tuple[str, float]]
) -> None:
    config = RoundConfig(seed=seed, question_count=count, timed=timed)
    solo_clock, party_clock = FakeClock(), FakeClock()
    round_ = build_round([PACK], config, clock=solo_clock)
    party = party_of_one(config, party_clock)
    solo: list[tuple[str, int, int, bool]] = []
    shared: list[tuple[str, int, int, bool]] = []
    for number, (kind, seconds) in enumerate(goes):
        question = round_.current.question
        party.open_options()
        assert party.current is not None and party.current.question == question
        solo_clock.advance(seconds)
        party_clock.advance(seconds)
        assert party.buzz("Ann") is BuzzResult.ANSWERING
        if kind == "none":
            outcome = round_.time_out()
            attempt = party.decline()
        else:
            outcome = round_.answer(response_for(question, kind))
            attempt = party.answer(response_for(question, kind))
        if party.phase is PartyPhase.OPEN:
            party.reveal()  # Ann is out and Bo never buzzes: the host closes it
        assert attempt is not None
        result = party.last_result
        assert result is not None and [a.player.name for a in result.attempts] == ["Ann"]
        solo.append((question.id, outcome.points, round_.streak, outcome.correct))
        ann = party.score_of("Ann")
        shared.append((question.id, result.points_of(ann.player), ann.streak, attempt.correct))
        assert attempt.breakdown == outcome.breakdown
        assert attempt.elapsed == outcome.elapsed and attempt.timed_out == outcome.timed_out
        more = round_.has_next
        assert party.has_next == more
        round_.next()
        party.next()
        if not more:
            assert number + 1 == min(count, len(goes))
            break
    assert shared == solo
    assert party.score_of("Bo").answered == 0
    totals = party.score_of("Ann")
    summary = round_.summary()
    assert (totals.score, totals.best_streak, totals.correct, totals.answered) == (
        summary.score,
        summary.best_streak,
        summary.correct,
        summary.answered,
    )
    assert party.finished


# --- the shared pieces, directly -------------------------------------------------------


def test_the_party_plays_the_shared_plan_of_its_seed() -> None:
    config = RoundConfig(seed=11, question_count=5)
    plan = plan_round([PACK], config)
    party = party_of_one(config, FakeClock())
    asked = []
    while not party.finished:
        party.open_options()
        view = party.current
        assert view is not None
        asked.append((view.question.id, view.options))
        party.skip()
    assert asked == [(p.question.id, p.options) for p in plan.questions]
    assert [p.question.id for p in build_round([PACK], config).plan] == [q for q, _ in asked]


def test_the_question_clock_leaves_paused_time_out() -> None:
    clock = QuestionClock(started=10.0, limit=20.0)
    assert clock.elapsed(15.0) == 5.0 and clock.left(15.0) == 15.0
    clock.pause(15.0)
    clock.pause(17.0)  # idempotent: the first pause counts
    assert clock.paused and clock.elapsed(40.0) == 5.0
    clock.resume(25.0)
    assert not clock.paused and clock.elapsed(25.0) == 5.0
    assert not clock.expired(39.9) and clock.expired(40.0)
    assert clock.left(99.0) == 0.0
    assert QuestionClock(0.0).left(5.0) is None and not QuestionClock(0.0).expired(1e9)
    assert QuestionClock(10.0).elapsed(9.0) == 0.0  # a reading before the start


def test_settle_counts_an_answer_at_the_limit_and_not_one_after_it() -> None:
    question = PACK.questions[0]
    at_limit = settle(question, "Right", 20.0, limit=20.0, previous_streak=0)
    assert at_limit.correct and not at_limit.timed_out and at_limit.points == 500
    noise = settle(question, "Right", 20.0 + LATE_TOLERANCE / 2, limit=20.0, previous_streak=0)
    assert noise.correct and noise.points == 500
    late = settle(question, "Right", 20.01, limit=20.0, previous_streak=3)
    assert late.timed_out and not late.correct and late.points == 0
    assert late.elapsed == 20.0 and late.response is None and late.breakdown.streak == 0


def test_settle_refuses_a_struck_out_option_and_scales_credit_for_a_pass() -> None:
    question = PACK.questions[0]
    with pytest.raises(InvalidResponse, match="struck out"):
        settle(question, "Wrong A", 1.0, limit=None, previous_streak=0, removed=("Wrong A",))
    passed = settle(question, "Right", 0.0, limit=None, previous_streak=1, credit_factor=0.5)
    assert passed.points == 500 + 100 and passed.breakdown.streak == 2
    nothing = settle(question, "Right", 0.0, limit=None, previous_streak=1, credit_factor=0.0)
    assert nothing.points == 0 and nothing.breakdown.streak == 0


def test_a_tally_adds_settled_goes_up() -> None:
    question = PACK.questions[0]
    tally = Tally()
    for response in ("Right", "Right", "Wrong A", "Right"):
        settled = settle(question, response, 0.0, limit=None, previous_streak=tally.streak)
        tally.add(settled.breakdown, settled.correct)
    tally.adjust(-50)
    assert (tally.score, tally.streak, tally.best_streak) == (1000 + 1100 + 1000 - 50, 1, 2)
    assert (tally.correct, tally.answered, tally.misses, tally.adjusted) == (3, 4, 1, -50)


# --- Party.can agrees with the actions ---------------------------------------------------

STEPS = st.lists(
    st.sampled_from(
        [
            HostAction.OPEN_OPTIONS,
            HostAction.NEXT,
            HostAction.REVEAL,
            HostAction.SKIP,
            HostAction.PAUSE,
            HostAction.END,
            HostAction.UNDO,
            HostAction.MARK,
            HostAction.PICK,
            HostAction.TRUE_FALSE,
            HostAction.DECLINE,
            "buzz",
        ]
    ),
    max_size=40,
)


def _do(party: Party, action: HostAction) -> None:
    view = party.current
    match action:
        case HostAction.OPEN_OPTIONS:
            party.open_options()
        case HostAction.NEXT:
            party.next()
        case HostAction.REVEAL:
            party.reveal()
        case HostAction.SKIP:
            party.skip()
        case HostAction.PAUSE:
            party.resume() if party.paused else party.pause()
        case HostAction.END:
            party.end()
        case HostAction.UNDO:
            party.undo()
        case HostAction.MARK:
            party.toggle_mark(0)
        case HostAction.PICK | HostAction.TRUE_FALSE:
            if view is not None and view.options:
                party.answer(view.options[-1])
            elif view is not None and view.question.type == "truefalse":
                party.answer(False)
            else:
                party.answer(1900)
        case HostAction.DECLINE:
            party.decline()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(style=st.sampled_from(list(PartyStyle)), steps=STEPS)
def test_party_can_says_exactly_what_the_actions_accept(
    style: PartyStyle, steps: list[HostAction | str]
) -> None:
    clock = FakeClock()
    config = PartyConfig(
        style, make_players(["Ann", "Bo"]), RoundConfig(seed=5, question_count=4, timed=False)
    )
    party = build_party([PACK], config, clock=clock)
    for step in steps:
        clock.advance(1.0)
        if step == "buzz":
            party.buzz(0)
            continue
        action = HostAction(step)
        allowed = party.can(action)
        kind = party.current.question.type if party.current is not None else None
        if action is HostAction.PICK and kind == "number":
            # Not picked by a key: a number is typed; answering it is still open.
            assert not allowed
            continue
        if action is HostAction.TRUE_FALSE and kind != "truefalse":
            assert not allowed
            continue
        try:
            _do(party, action)
        except PartyStateError:
            assert not allowed, f"{action} was offered in {party.phase} but refused"
        else:
            if action is not HostAction.PAUSE or not party.finished:
                assert allowed, f"{action} was not offered in {party.phase} but worked"


def test_can_follows_the_phases_and_the_pause() -> None:
    config = PartyConfig(
        PartyStyle.MASTER, make_players(["Red", "Blue"]), RoundConfig(seed=1, question_count=2)
    )
    party = build_party([PACK], config, clock=FakeClock())
    offered = {a for a in HostAction if party.can(a)}
    assert offered == {
        HostAction.OPEN_OPTIONS,
        HostAction.REVEAL,
        HostAction.SKIP,
        HostAction.PAUSE,
        HostAction.END,
        HostAction.MARK,
        HostAction.SHOW_KEY,
    }
    party.pause()
    assert {a for a in HostAction if party.can(a)} == {
        HostAction.PAUSE,
        HostAction.END,
        HostAction.SHOW_KEY,
    }
    party.resume()
    party.reveal()
    assert party.phase is PartyPhase.REVEAL
    assert party.can("next") and party.can(HostAction.UNDO) and not party.can("reveal")
    party.end()
    assert {a for a in HostAction if party.can(a)} == {HostAction.UNDO}
