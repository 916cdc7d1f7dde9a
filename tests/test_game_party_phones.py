"""Phones in a party, driven as the server drives them, with a fake clock: no UI, no network.

Every score is checked against the scoring rules themselves (`score`), so a phone scores
exactly as a keyboard seat and a solo player do.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_game_party import FakeClock, make_pack
from trivia.game import (
    BuzzResult,
    InvalidResponse,
    Party,
    PartyConfig,
    PartyError,
    PartyPhase,
    PartyStateError,
    PartyStyle,
    RoundConfig,
    build_party,
    make_players,
)
from trivia.game.party import MAX_PHONES, PhoneRefused
from trivia.game.scoring import score
from trivia.packs.model import Difficulty

PACK = make_pack(count=8)
LIMIT = 20.0
"""The default limit of a choice question, when timed."""


def phone_party(
    style: PartyStyle = PartyStyle.ALL,
    *,
    seats: tuple[str, ...] = (),
    teams: bool = False,
    timed: bool = True,
    phones: int = MAX_PHONES,
    count: int = 5,
    clock: FakeClock | None = None,
    seed: int = 3,
) -> tuple[Party, FakeClock]:
    clock = clock or FakeClock()
    players = make_players(seats) if seats else ()
    config = PartyConfig(
        style,
        players,
        RoundConfig(seed=seed, question_count=count, timed=timed),
        teams=teams,
        phones=phones,
    )
    return build_party([PACK], config, clock=clock), clock


def replayed(party: Party) -> Party:
    """The party rebuilt from its events after a JSON round trip (as a resumed save)."""
    events = json.loads(json.dumps(party.events))
    config = PartyConfig.from_dict(json.loads(json.dumps(party.config.to_dict())))
    return Party.replay([PACK], config, events, clock=FakeClock(9999.0))


def expected(elapsed: float, streak_before: int, correct: bool = True) -> int:
    return score(
        Difficulty.EASY,
        correct=correct,
        elapsed=elapsed,
        time_limit=LIMIT,
        previous_streak=streak_before,
    ).total


# --- joining -------------------------------------------------------------------------------


def test_phones_join_as_new_players_with_names_checked_as_the_setup_does() -> None:
    party, _ = phone_party(seats=("Ann", "Bo"), style=PartyStyle.BUZZER)
    cy = party.join("  Cy  ", "d-cy")
    assert cy.name == "Cy" and cy.seat == 2
    assert [p.name for p in party.players] == ["Ann", "Bo", "Cy"]
    assert party.players[2].key is None
    for name, code in (("ann", "name-taken"), ("CY", "name-taken"), ("", "bad-name")):
        with pytest.raises(PhoneRefused) as refused:
            party.join(name, f"d-{name}-x")
        assert refused.value.code == code
    with pytest.raises(PhoneRefused, match="1-20"):
        party.join("x" * 21, "d-long")
    with pytest.raises(PhoneRefused, match="control"):
        party.join("a\x1bb", "d-esc")
    assert len(party.phones) == 1
    assert party.phone("d-cy") == cy
    assert party.phone_named("cy") == cy


def test_a_full_room_refuses_and_a_keyboard_party_takes_no_phones() -> None:
    party, _ = phone_party(phones=2)
    party.join("A", "1")
    party.join("B", "2")
    with pytest.raises(PhoneRefused) as refused:
        party.join("C", "3")
    assert refused.value.code == "full"
    clock = FakeClock()
    keyboard = build_party(
        [PACK], PartyConfig(PartyStyle.BUZZER, make_players(("Ann", "Bo"))), clock=clock
    )
    with pytest.raises(PhoneRefused):
        keyboard.join("Cy", "x")
    # A keyboard party saves exactly as before: no "phones" key.
    assert "phones" not in keyboard.config.to_dict()


def test_phone_parties_may_start_empty_but_not_in_hotseat() -> None:
    party, _ = phone_party()
    assert party.players == ()
    assert party.snapshot()["turn"] is None
    with pytest.raises(PartyError, match="hotseat"):
        PartyConfig(PartyStyle.HOTSEAT, make_players(("Ann", "Bo")), phones=10)
    with pytest.raises(PartyError, match="phones"):
        PartyConfig(PartyStyle.ALL, (), phones=MAX_PHONES + 1)
    with pytest.raises(PartyError, match="2-8"):
        PartyConfig(PartyStyle.BUZZER, ())  # no phones: keyboard seats stay 2-8


# --- the all style ---------------------------------------------------------------------------


def test_everyone_answers_once_and_speed_counts_from_the_opening() -> None:
    party, clock = phone_party()
    for name in ("A", "B", "C"):
        party.join(name, name)
    party.open_options()
    clock.advance(2.0)
    a = party.answer_as("A", "Right")
    clock.advance(3.0)
    b = party.answer_as("B", "Wrong A")
    assert a.points == expected(2.0, 0) == round(1000 * (1 - 2.0 / LIMIT / 2))
    assert b.points == 0
    with pytest.raises(PhoneRefused) as refused:
        party.answer_as("A", "Right")
    assert refused.value.code == "repeat"
    assert party.replied() == {0, 1}
    assert party.phase is PartyPhase.OPEN  # C still to answer
    clock.advance(1.0)
    party.answer_as("C", "Right")
    # The last one awaited: revealed at once.
    assert party.phase is PartyPhase.REVEAL
    assert [t.score for t in party.scores()] == [expected(2.0, 0), 0, expected(6.0, 0)]


def test_streaks_carry_and_a_player_who_does_not_answer_misses() -> None:
    party, clock = phone_party()
    party.join("A", "a")
    party.join("B", "b")
    for question in range(3):
        party.open_options()
        clock.advance(1.0)
        party.answer_as("A", "Right")
        if question != 1:
            party.answer_as("B", "Right")
        else:
            clock.advance(LIMIT)
            assert party.tick()  # time is up: B misses
        assert party.phase is PartyPhase.REVEAL
        party.next()
    a, b = party.scores()
    assert a.streak == 3 and a.score == expected(1, 0) + expected(1, 1) + expected(1, 2)
    assert b.streak == 1 and b.answered == 3 and b.correct == 2
    assert b.score == expected(1, 0) + expected(1, 0)


def test_late_paused_closed_and_invalid_answers_are_refused_and_record_nothing() -> None:
    party, clock = phone_party()
    party.join("A", "a")
    party.join("B", "b")
    with pytest.raises(PhoneRefused) as refused:
        party.answer_as("A", "Right")  # READING: the options are not shown yet
    assert refused.value.code == "late"
    party.open_options()
    with pytest.raises(InvalidResponse):
        party.answer_as("A", "Not an option")
    party.pause()
    with pytest.raises(PhoneRefused) as refused:
        party.answer_as("A", "Right")
    assert refused.value.code == "paused"
    party.resume()
    clock.advance(LIMIT + 0.5)
    with pytest.raises(PhoneRefused) as refused:
        party.answer_as("A", "Right")
    assert refused.value.code == "late"
    assert not any(e["type"] == "reply" for e in party.events)


def test_answer_time_is_the_receipt_time_given() -> None:
    party, clock = phone_party()
    party.join("A", "a")
    party.join("B", "b")
    party.open_options()
    opened = clock.now
    clock.advance(5.0)
    # Handled now, but it arrived one second after the opening.
    attempt = party.answer_as("A", "Right", at=opened + 1.0)
    assert attempt.elapsed == pytest.approx(1.0)
    assert attempt.points == expected(1.0, 0)


def test_three_hundred_phones_each_answer_once_none_lost_none_doubled() -> None:
    party, clock = phone_party()
    for n in range(MAX_PHONES):
        party.join(f"P{n}", f"t{n}")
    party.open_options()
    for n in range(MAX_PHONES):
        clock.advance(0.01)
        party.answer_as(n, "Right" if n % 2 else "Wrong B")
    assert party.phase is PartyPhase.REVEAL
    result = party.last_result
    assert result is not None and len(result.attempts) == MAX_PHONES
    for n, total in enumerate(party.scores()):
        elapsed = round(0.01 * (n + 1), 6)
        assert total.score == (expected(elapsed, 0) if n % 2 else 0), n
    assert len(party.standings()) == MAX_PHONES


# --- teams ----------------------------------------------------------------------------------


def test_phones_of_a_team_share_its_score_and_its_first_answer_counts() -> None:
    party, clock = phone_party(seats=("Red", "Blue"), teams=True)
    ann = party.join("Ann", "ann")  # fewest phones: Red
    bo = party.join("Bo", "bo")  # then Blue
    cy = party.join("Cy", "cy", team="red")
    assert (ann.seat, bo.seat, cy.seat) == (0, 1, 0)
    assert party.team_names() == ("Red", "Blue")
    assert len(party.players) == 2  # members do not make seats
    with pytest.raises(PhoneRefused, match="no team"):
        party.join("Di", "di", team="Green")
    with pytest.raises(PhoneRefused) as taken:
        party.join("blue", "x")
    assert taken.value.code == "name-taken"
    party.open_options()
    clock.advance(4.0)
    party.answer_as(cy.seat, "Wrong A")  # Cy answers first for Red: that counts
    with pytest.raises(PhoneRefused, match="team") as refused:
        party.answer_as(ann.seat, "Right")
    assert refused.value.code == "repeat"
    clock.advance(1.0)
    party.answer_as(bo.seat, "Right")
    assert party.phase is PartyPhase.REVEAL
    assert [t.score for t in party.scores()] == [0, expected(5.0, 0)]


# --- mixed rooms in buzzer style ---------------------------------------------------------------


def test_a_phone_buzzes_beside_keyboard_seats_with_the_same_lock_out() -> None:
    party, clock = phone_party(PartyStyle.BUZZER, seats=("Ann", "Bo"), timed=False)
    cy = party.join("Cy", "cy")
    assert party.buzz(cy.seat) is BuzzResult.EARLY  # before the options
    party.open_options()
    clock.advance(0.1)
    assert party.buzz(cy.seat) is BuzzResult.LOCKED  # still within the lock-out
    clock.advance(0.2)
    assert party.buzz(cy.seat) is BuzzResult.ANSWERING
    assert party.buzz("Ann") is BuzzResult.TOO_LATE
    assert party.answering == party.players[cy.seat]
    attempt = party.answer("Right")
    assert attempt is not None and attempt.points == 1000
    with pytest.raises(PartyStateError):
        party.answer_as(cy.seat, "Right")  # buzzer style takes answers one by one


# --- kicks, undo, replay ---------------------------------------------------------------------


def test_a_kicked_phone_leaves_the_board_and_is_not_waited_for() -> None:
    party, clock = phone_party()
    party.join("A", "a")
    party.join("B", "b")
    party.open_options()
    party.answer_as("A", "Right")
    kicked = party.kick("B")
    assert kicked.kicked and party.phone("b") == kicked
    assert party.phase is PartyPhase.REVEAL  # nobody else awaited
    assert [s.player.name for s in party.standings()] == ["A"]
    assert party.phones == (party.phone("a"),)
    with pytest.raises(PartyError):
        party.kick("B")
    with pytest.raises(PartyError):
        party.join("B2", "b")  # the token is dead; it does not join again
    party.next()
    party.open_options()
    with pytest.raises(PhoneRefused) as refused:
        party.answer_as(1, "Right")
    assert refused.value.code == "kicked"


def test_an_undo_keeps_what_the_phones_did_after_the_undone_action() -> None:
    party, clock = phone_party(seats=("Red", "Blue"), teams=False, style=PartyStyle.ALL)
    party.join("A", "a")
    party.join("C", "c")  # never answers, so nothing reveals by itself
    party.open_options()
    clock.advance(1.0)
    party.answer_as("A", "Right")
    party.adjust("Red", 50, "bonus")
    party.join("B", "b")
    clock.advance(1.0)
    party.answer_as("B", "Right")
    party.undo()  # the adjustment
    assert party.adjustments == ()
    assert [p.name for p in party.players] == ["Red", "Blue", "A", "C", "B"]
    assert party.replied() == {2, 4}
    party.reveal()
    scores = {t.player.name: t.score for t in party.scores()}
    assert scores == {"Red": 0, "Blue": 0, "A": expected(1.0, 0), "C": 0, "B": expected(2.0, 0)}
    party.undo()  # the reveal: the question reopens with both replies
    assert party.phase is PartyPhase.OPEN and party.replied() == {2, 4}
    party.undo()  # the opening: the replies go with it, the players stay
    assert party.phase is PartyPhase.READING
    assert len(party.players) == 5 and party.replied() == frozenset()
    assert replayed(party).snapshot() == party.snapshot()


def test_a_resumed_party_brings_the_phones_back_by_token() -> None:
    party, clock = phone_party()
    party.join("A", "a")
    party.join("B", "b")
    party.open_options()
    clock.advance(3.0)
    party.answer_as("A", "Right")
    again = replayed(party)
    assert again.phone("a") == party.phone("a")
    assert again.replied() == {0}
    with pytest.raises(PhoneRefused):
        again.answer_as("A", "Right")
    assert again.snapshot() == party.snapshot()


# --- a property: any run of phone actions replays exactly, and scores by the rules ------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["join", "answer", "wrong", "kick", "tick", "reveal", "next", "undo"]),
        st.integers(0, 5),
        st.floats(0.0, 8.0),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ACTIONS)
def test_any_run_replays_exactly_and_answers_score_by_the_rules(actions: list[Any]) -> None:
    party, clock = phone_party(phones=4, count=4)
    for kind, who, wait in actions:
        clock.advance(wait)
        try:
            match kind:
                case "join":
                    party.join(f"P{who}", f"t{who}")
                case "answer" | "wrong":
                    if party.phase is PartyPhase.READING and not party.finished:
                        party.open_options()
                    party.answer_as(who, "Right" if kind == "answer" else "Wrong C")
                case "kick":
                    party.kick(f"P{who}")
                case "tick":
                    party.tick()
                case "reveal":
                    party.reveal()
                case "next":
                    party.next()
                case "undo":
                    party.undo()
        except (PartyError, IndexError):
            pass
    assert replayed(party).snapshot() == party.snapshot()
    for result in party.results:
        seen = set()
        for attempt in result.attempts:
            assert attempt.player not in seen  # one go per player per question
            seen.add(attempt.player)
            if attempt.timed_out:
                assert attempt.points == 0
            else:
                streak = attempt.breakdown.streak - 1 if attempt.correct else 0
                assert (
                    attempt.points
                    == score(
                        Difficulty.EASY,
                        correct=attempt.correct,
                        elapsed=attempt.elapsed,
                        time_limit=LIMIT,
                        previous_streak=max(streak, 0),
                    ).total
                )
