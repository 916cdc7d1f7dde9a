"""Party mode, driven as a host screen drives it, with a fake clock: no UI, no database."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trivia.game import (
    DEFAULT_KEYS,
    HOST_KEYS,
    BuzzResult,
    InvalidResponse,
    LeaderboardWhen,
    Movement,
    Party,
    PartyConfig,
    PartyError,
    PartyPhase,
    PartyStateError,
    PartyStyle,
    Player,
    RoundConfig,
    build_party,
    export_csv,
    export_json,
    make_players,
    results_table,
)
from trivia.packs.model import (
    ChoiceQuestion,
    Difficulty,
    Fact,
    Pack,
    PackMeta,
    Source,
)

NAMES = ("Ann", "Bo", "Cy")
ANN, BO, CY = NAMES


class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self, now: float = 500.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_pack(count: int = 8, difficulty: Difficulty = Difficulty.EASY) -> Pack:
    """Choice questions only, all easy: every right answer is worth 1000 untimed."""
    questions = tuple(
        ChoiceQuestion(
            id=f"q{n}",
            fact="f",
            prompt=f"Question {n}?",
            difficulty=difficulty,
            answer="Right",
            options=("Right", "Wrong A", "Wrong B", "Wrong C"),
        )
        for n in range(count)
    )
    return Pack(
        meta=PackMeta(id="party-pack", title="Party"),
        sources={"src": Source(id="src", title="An article", publisher="News", date="2022")},
        facts={"f": Fact(id="f", source="src", statement="A fact.")},
        questions=questions,
    )


PACK = make_pack()


def start(
    style: PartyStyle,
    *,
    names: Sequence[str] = NAMES,
    timed: bool = False,
    count: int = 5,
    clock: FakeClock | None = None,
    **options: Any,
) -> tuple[Party, FakeClock]:
    clock = clock or FakeClock()
    config = PartyConfig(
        style,
        make_players(names),
        RoundConfig(seed=7, question_count=count, timed=timed),
        **options,
    )
    return build_party([PACK], config, clock=clock), clock


def replayed(party: Party) -> Party:
    """The party rebuilt from its events after a JSON round trip (as a save would)."""
    events = json.loads(json.dumps(party.events))
    config = PartyConfig.from_dict(json.loads(json.dumps(party.config.to_dict())))
    return Party.replay([PACK], config, events, clock=FakeClock(9999.0))


def totals(party: Party) -> dict[str, tuple[int, int]]:
    return {t.player.name: (t.score, t.streak) for t in party.scores()}


# --- players and keys ----------------------------------------------------------------------


def test_players_get_distinct_colours_marks_and_keys_well_apart() -> None:
    players = make_players([f"P{n}" for n in range(8)])
    assert len({p.colour for p in players}) == 8
    assert len({p.mark for p in players}) == 8
    assert [p.key for p in players] == list(DEFAULT_KEYS)
    assert not set(DEFAULT_KEYS) & set(HOST_KEYS.values())


@pytest.mark.parametrize(
    ("players", "message"),
    [
        (make_players(["Solo"]), "2-8 players"),
        (make_players(["Ann", "ann"]), "same name"),
        (make_players(["Ann", "Bo"], keys=["a", "a"]), "same key"),
        (make_players(["Ann", "Bo"], keys=["a", "u"]), "host or answer key"),
        (make_players(["Ann", "Bo"], keys=["a", "t"]), "host or answer key"),
        (make_players(["Ann", "Bo"], keys=["a", "1"]), "one lowercase letter"),
        ((Player("Ann", "red", "x", "a"), Player("Bo", "red", "y", "l")), "same colour"),
        ((Player("Ann", "mauve", "x", "a"), Player("Bo", "red", "y", "l")), "palette"),
    ],
)
def test_bad_player_lists_are_refused_with_the_reason(
    players: tuple[Player, ...], message: str
) -> None:
    with pytest.raises(PartyError, match=message):
        PartyConfig(PartyStyle.BUZZER, players)


def test_a_buzzer_party_needs_keys_but_master_does_not() -> None:
    keyless = (Player("Red", "red", "●"), Player("Blue", "blue", "▲"))
    PartyConfig(PartyStyle.MASTER, keyless, teams=True)
    with pytest.raises(PartyError, match="needs a buzzer key"):
        PartyConfig(PartyStyle.BUZZER, keyless)


def test_the_party_asks_the_same_questions_as_a_round_with_its_seed() -> None:
    from trivia.game import build_round

    party, _ = start(PartyStyle.HOTSEAT)
    round_ = build_round([PACK], party.config.round)
    asked = []
    while not party.finished:
        asked.append(party.current.question.id if party.current else None)
        party.skip()
    planned = []
    while True:
        planned.append(round_.current.question.id)
        round_.time_out()
        if not round_.has_next:
            break
        round_.next()
    assert asked == planned


# --- buzzer --------------------------------------------------------------------------------


def test_buzz_race_goes_to_who_pressed_first_even_when_handled_second() -> None:
    party, clock = start(PartyStyle.BUZZER)
    assert party.current is not None and party.current.options == ()  # hidden while reading
    party.open_options()
    pressed_bo, pressed_ann = clock.now + 0.120, clock.now + 0.110
    clock.advance(0.2)
    assert party.buzz(BO, at=pressed_bo) is BuzzResult.ANSWERING
    assert party.buzz(ANN, at=pressed_ann) is BuzzResult.ANSWERING
    assert party.answering is not None and party.answering.name == ANN
    assert party.buzz(CY, at=clock.now) is BuzzResult.TOO_LATE
    attempt = party.answer("Right")
    assert attempt is not None and attempt.player.name == ANN and attempt.correct
    assert party.phase is PartyPhase.REVEAL
    assert totals(party) == {ANN: (1000, 1), BO: (0, 0), CY: (0, 0)}


def test_early_buzz_locks_out_for_exactly_250_ms() -> None:
    party, clock = start(PartyStyle.BUZZER)
    early = clock.now
    assert party.buzz(ANN, at=early) is BuzzResult.EARLY
    clock.advance(0.1)
    party.open_options()
    assert party.buzz(ANN, at=early + 0.2499) is BuzzResult.LOCKED
    assert party.locked_out(ANN, at=early + 0.2499)
    assert not party.locked_out(ANN, at=early + 0.25)
    assert party.buzz(ANN, at=early + 0.25) is BuzzResult.ANSWERING
    # Only the early buzz and the valid one are events; the locked one left no trace.
    assert [e["type"] for e in party.events] == ["early_buzz", "open", "buzz"]
    assert replayed(party).snapshot() == party.snapshot()


def test_a_lockout_does_not_stop_the_others() -> None:
    party, clock = start(PartyStyle.BUZZER)
    party.buzz(ANN)
    party.open_options()
    clock.advance(0.05)
    assert party.buzz(ANN) is BuzzResult.LOCKED
    assert party.buzz(BO) is BuzzResult.ANSWERING


def test_a_wrong_answer_opens_the_question_to_the_others() -> None:
    party, clock = start(PartyStyle.BUZZER)
    party.open_options()
    party.buzz(ANN)
    attempt = party.answer("Wrong A")
    assert attempt is not None and not attempt.correct
    assert party.phase is PartyPhase.OPEN and party.answering is None
    assert party.buzz(ANN) is BuzzResult.OUT
    assert party.buzz(CY) is BuzzResult.ANSWERING
    party.answer("Wrong B")
    party.buzz(BO)
    party.answer("Wrong C")
    # Everyone is out: the question settles with three misses.
    assert party.phase is PartyPhase.REVEAL
    result = party.last_result
    assert result is not None and [a.player.name for a in result.attempts] == [ANN, CY, BO]
    assert all(a.points == 0 for a in result.attempts)


def test_buzzer_speed_counts_to_the_buzz_and_time_out_closes_the_question() -> None:
    party, clock = start(PartyStyle.BUZZER, timed=True)
    party.open_options()
    clock.advance(10.0)  # half of a choice question's 20 s
    party.buzz(BO)
    clock.advance(3.0)  # thinking after the buzz does not cost points
    attempt = party.answer("Right")
    assert attempt is not None and attempt.points == 750
    party.next()
    party.open_options()
    clock.advance(20.0)
    assert party.tick()
    assert party.phase is PartyPhase.REVEAL
    assert party.last_result is not None and party.last_result.attempts == ()


def test_buzzes_are_ignored_while_paused_and_outside_buzzer_style() -> None:
    party, _ = start(PartyStyle.BUZZER)
    party.open_options()
    party.pause()
    assert party.buzz(ANN) is BuzzResult.CLOSED
    with pytest.raises(PartyStateError, match="paused"):
        party.reveal()
    party.resume()
    assert party.buzz(ANN) is BuzzResult.ANSWERING
    hotseat, _ = start(PartyStyle.HOTSEAT)
    hotseat.open_options()
    assert hotseat.buzz(ANN) is BuzzResult.CLOSED
    assert hotseat.events[-1]["type"] == "open"


# --- hotseat -------------------------------------------------------------------------------


def test_hotseat_turns_rotate_each_question() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    turns = []
    for _ in range(4):
        turns.append(party.turn.name)
        party.open_options()
        assert party.answering == party.turn
        party.answer("Right")
        party.next()
    assert turns == [ANN, BO, CY, ANN]
    assert [p.name for p in party.turn_order] == [BO, CY, ANN]


def test_hotseat_wrong_answer_passes_once_to_the_next_player_for_half_points() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    party.open_options()
    first = party.answer("Wrong A")
    assert first is not None and not first.correct
    assert party.passed and party.answering is not None and party.answering.name == BO
    second = party.answer("Right")
    assert second is not None and second.passed and second.points == 500
    assert party.phase is PartyPhase.REVEAL
    assert totals(party) == {ANN: (0, 0), BO: (500, 1), CY: (0, 0)}
    # The pass goes around once only: a wrong answer on the pass settles the question.
    party.next()
    party.open_options()
    party.answer("Wrong A")  # Bo's turn
    party.answer("Wrong B")  # Cy on the pass
    assert party.phase is PartyPhase.REVEAL
    assert totals(party) == {ANN: (0, 0), BO: (500, 0), CY: (0, 0)}


def test_a_pass_keeps_the_streak_bonus_whole() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    for _ in range(2):  # Ann right, then Bo right on his own turn
        party.open_options()
        party.answer("Right")
        party.next()
    party.open_options()
    party.answer("Wrong A")  # Cy misses; Ann (streak 1) takes the pass
    attempt = party.answer("Right")
    assert attempt is not None
    assert (attempt.breakdown.streak, attempt.breakdown.streak_bonus, attempt.points) == (
        2,
        100,
        600,
    )


def test_a_declined_pass_costs_nothing_and_a_timed_out_turn_passes() -> None:
    party, clock = start(PartyStyle.HOTSEAT, timed=True)
    party.open_options()
    clock.advance(25.0)
    assert party.tick()  # Ann ran out of time: a miss, and the pass goes to Bo
    assert party.passed and party.answering is not None and party.answering.name == BO
    assert party.time_left() == pytest.approx(20.0)  # a fresh clock for the pass
    assert party.decline() is None
    assert party.phase is PartyPhase.REVEAL
    result = party.last_result
    assert result is not None and [(a.player.name, a.timed_out) for a in result.attempts] == [
        (ANN, True)
    ]
    assert party.score_of(BO).answered == 0


def test_hotseat_without_passes_settles_on_the_first_wrong_answer() -> None:
    party, _ = start(PartyStyle.HOTSEAT, pass_on_wrong=False)
    party.open_options()
    party.answer("Wrong A")
    assert party.phase is PartyPhase.REVEAL


def test_skip_counts_nothing_and_keeps_the_turn() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    party.open_options()
    party.answer("Wrong A")  # Ann misses; skipping voids the question anyway
    party.skip()
    assert party.phase is PartyPhase.READING and party.index == 1
    assert party.turn.name == ANN
    assert party.score_of(ANN).answered == 0
    assert party.results[-1].skipped


def test_an_invalid_answer_records_nothing() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    party.open_options()
    before = party.last_event
    with pytest.raises(InvalidResponse):
        party.answer("Not an option")
    assert party.last_event == before and party.answering is not None


def test_pause_stops_the_clock_and_answers() -> None:
    party, clock = start(PartyStyle.HOTSEAT, timed=True)
    party.open_options()
    clock.advance(5.0)
    party.pause()
    clock.advance(100.0)
    assert not party.tick()
    with pytest.raises(PartyStateError):
        party.answer("Right")
    party.resume()
    assert party.time_left() == pytest.approx(15.0)
    attempt = party.answer("Right")
    assert attempt is not None and attempt.elapsed == pytest.approx(5.0)
    assert attempt.points == 875  # round(1000 * (1 - (5/20)/2))


# --- quiz master ---------------------------------------------------------------------------


def test_quiz_master_marks_teams_and_reveal_awards_base_and_streak() -> None:
    teams = ("Red Lions", "Blue Owls", "Green Foxes")
    party, clock = start(PartyStyle.MASTER, names=teams, timed=True, teams=True)
    assert party.config.teams and not party.config.timed
    party.mark("Red Lions", True)
    party.mark("Blue Owls", True)
    assert party.toggle_mark("Blue Owls") is False  # the host changed their mind
    assert party.toggle_mark("Green Foxes") is True
    clock.advance(300.0)  # untimed: nobody loses points to a slow host
    result = party.reveal()
    assert {a.player.name: a.points for a in result.attempts} == {
        "Red Lions": 1000,
        "Blue Owls": 0,
        "Green Foxes": 1000,
    }
    party.next()
    party.open_options()
    party.mark("Red Lions")
    party.reveal()
    # Second right in a row: base + streak bonus; Green Foxes' unmarked answer was wrong.
    assert totals(party) == {
        "Red Lions": (2100, 2),
        "Blue Owls": (0, 0),
        "Green Foxes": (1000, 0),
    }


def test_marks_and_answers_belong_to_their_styles() -> None:
    master, _ = start(PartyStyle.MASTER)
    master.open_options()
    with pytest.raises(PartyStateError, match="host marks"):
        master.answer("Right")
    hotseat, _ = start(PartyStyle.HOTSEAT)
    with pytest.raises(PartyStateError, match="master style"):
        hotseat.mark(ANN)


# --- undo ----------------------------------------------------------------------------------


def test_undo_after_a_pass_restores_scores_streaks_and_turn_exactly() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    party.open_options()
    party.answer("Right")  # Ann 1000, streak 1
    party.next()
    party.open_options()
    before_wrong = party.snapshot()
    party.answer("Wrong A")  # Bo misses, pass to Cy
    after_pass = party.snapshot()
    party.answer("Right")  # Cy 500 on the pass
    assert party.undo()["type"] == "answer"
    assert party.snapshot() == after_pass
    assert party.undo()["type"] == "answer"
    assert party.snapshot() == before_wrong
    party.answer("Right")  # Bo, on his own turn this time
    assert totals(party) == {ANN: (1000, 1), BO: (1000, 1), CY: (0, 0)}


def test_undo_after_an_adjustment_and_of_next_and_end() -> None:
    party, _ = start(PartyStyle.MASTER)
    party.mark(ANN)
    party.reveal()
    in_reveal = party.snapshot()
    party.adjust(BO, 250, "spelling accepted on appeal")
    assert party.score_of(BO).score == 250
    assert party.undo()["type"] == "adjust"
    assert party.snapshot() == in_reveal
    party.next()
    party.undo()
    assert party.snapshot() == in_reveal
    party.end()
    assert party.finished
    party.undo()
    assert party.snapshot() == in_reveal


def test_undo_of_a_mark_and_of_a_wrong_buzz() -> None:
    master, _ = start(PartyStyle.MASTER)
    master.mark(ANN)
    before = master.snapshot()
    master.mark(BO)
    master.undo()
    assert master.snapshot() == before
    buzzer, _ = start(PartyStyle.BUZZER)
    buzzer.open_options()
    buzzer.buzz(ANN)
    holding = buzzer.snapshot()
    buzzer.answer("Wrong A")
    buzzer.undo()
    assert buzzer.snapshot() == holding
    assert buzzer.answering is not None and buzzer.answering.name == ANN


def test_undo_keeps_the_pause_and_skips_bookkeeping() -> None:
    party, _ = start(PartyStyle.BUZZER)
    party.open_options()
    party.buzz(ANN)
    party.answer("Right")
    party.pause()
    assert party.undo_preview is not None and party.undo_preview["type"] == "answer"
    party.undo()
    assert party.paused and party.phase is PartyPhase.OPEN
    assert replayed(party).snapshot() == party.snapshot()
    party.resume()
    party.undo()  # the buzz
    party.undo()  # the open
    assert party.phase is PartyPhase.READING
    with pytest.raises(PartyStateError, match="nothing to undo"):
        party.undo()
    assert not party.can_undo


# --- leaderboard, podium, export -----------------------------------------------------------


def play_hotseat(party: Party, rights: Sequence[bool]) -> None:
    """Answer each question on its turn (no passes taken: a wrong answer is declined)."""
    for right in rights:
        party.open_options()
        party.answer("Right" if right else "Wrong A")
        if party.phase is PartyPhase.OPEN:
            party.decline()
        party.next()


def test_leaderboard_movement_compares_with_before_the_last_question() -> None:
    party, _ = start(PartyStyle.HOTSEAT, pass_on_wrong=False)
    play_hotseat(party, [True, True])  # Ann 1000, Bo 1000
    party.open_options()
    party.answer("Right")  # Cy 1000: from 3rd to joint 1st
    lines = {s.player.name: (s.rank, s.previous_rank, s.movement) for s in party.standings()}
    assert lines == {
        ANN: (1, 1, Movement.SAME),
        BO: (1, 1, Movement.SAME),
        CY: (1, 3, Movement.UP),
    }
    party.next()
    party.open_options()
    party.answer("Right")  # Ann again, streak 2: 2100
    lines = {s.player.name: (s.rank, s.previous_rank, s.movement) for s in party.standings()}
    assert lines == {
        ANN: (1, 1, Movement.SAME),
        BO: (2, 1, Movement.DOWN),
        CY: (2, 1, Movement.DOWN),
    }
    assert Movement.UP.arrow == "\u2191" and Movement.DOWN.arrow == "\u2193"
    assert party.show_leaderboard


def test_leaderboard_only_at_the_end_when_configured() -> None:
    party, _ = start(PartyStyle.HOTSEAT, leaderboard=LeaderboardWhen.END, count=1)
    party.open_options()
    party.answer("Right")
    assert not party.show_leaderboard
    party.next()
    assert party.finished and party.show_leaderboard


def test_podium_shares_places_on_ties() -> None:
    party, _ = start(PartyStyle.HOTSEAT, names=("Ann", "Bo", "Cy", "Di"))
    party.adjust("Ann", 500, "warm-up round")
    party.adjust("Bo", 500, "warm-up round")
    party.adjust("Cy", 100, "warm-up round")
    party.end()
    podium = party.podium()
    assert [s.player.name for s in podium.first] == ["Ann", "Bo"]
    assert podium.second == ()
    assert [s.player.name for s in podium.third] == ["Cy"]
    assert [(s.rank, s.player.name) for s in podium.table] == [
        (1, "Ann"),
        (1, "Bo"),
        (3, "Cy"),
        (4, "Di"),
    ]


def test_csv_and_json_exports_match_the_podium(tmp_path: Path) -> None:
    party, _ = start(PartyStyle.HOTSEAT, names=("=Evil", "Bo", "Cy"), count=4)
    play_hotseat(party, [True, False, True])
    party.adjust("Bo", -100, "talking over the host")
    party.open_options()
    party.skip()
    podium = party.podium()

    with export_csv(party, tmp_path / "r.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(int(r["rank"]), int(r["score"])) for r in rows] == [
        (s.rank, s.score) for s in podium.table
    ]
    assert rows[0]["name"] == "'=Evil"  # never a formula in a spreadsheet
    for row, standing in zip(rows, podium.table, strict=True):
        per_question = sum(int(row[f"q{n}"]) for n in (1, 2, 3))
        assert row["q4"] == ""  # skipped
        assert per_question + int(row["adjusted"]) == standing.score

    data = json.loads(export_json(party, tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [(p["rank"], p["name"], p["score"]) for p in data["players"]] == [
        (s.rank, s.player.name, s.score) for s in podium.table
    ]
    assert [q["skipped"] for q in data["questions"]] == [False, False, False, True]
    assert data["adjustments"] == [
        {"player": "Bo", "points": -100, "reason": "talking over the host", "after": 3}
    ]
    assert results_table(party).players[0]["name"] == "=Evil"
    with pytest.raises(FileExistsError):
        export_csv(party, tmp_path / "r.csv", overwrite=False)


# --- replay --------------------------------------------------------------------------------


def test_replay_refuses_events_for_other_questions() -> None:
    party, _ = start(PartyStyle.HOTSEAT)
    party.open_options()
    party.answer("Right")
    other = PartyConfig(
        party.style, party.players, RoundConfig(seed=8, question_count=5, timed=False)
    )
    with pytest.raises(PartyError, match="packs have changed"):
        Party.replay([PACK], other, party.events, clock=FakeClock())


ARGUMENTS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "buzz": st.tuples(st.integers(0, 2), st.sampled_from([-0.2, 0.0, 0.05, 0.1, 0.26])),
    "answer": st.tuples(st.booleans()),
    "mark": st.tuples(st.integers(0, 2), st.booleans()),
    "wait": st.tuples(st.sampled_from([0.1, 0.25, 5.0, 25.0])),
    "adjust": st.tuples(st.integers(0, 2), st.sampled_from([-300, 50, 1000])),
}
# Weighted by repetition: mostly play, some host corrections, rarely the end, so the
# sequences get deep into the party.
WEIGHTED = (
    ["open"] * 4
    + ["buzz"] * 5
    + ["answer"] * 5
    + ["mark"] * 3
    + ["next"] * 4
    + ["undo"] * 2
    + ["resume"] * 3
    + ["decline", "wait", "wait", "reveal", "skip", "pause", "adjust", "end"]
)
ACTIONS = st.sampled_from(WEIGHTED).flatmap(
    lambda name: ARGUMENTS.get(name, st.just(())).map(lambda args: (name, *args))
)


def act(party: Party, clock: FakeClock, action: tuple[Any, ...]) -> None:
    """One host or player action; refusals are part of the game and record nothing."""
    name, *args = action
    try:
        match name:
            case "buzz":
                party.buzz(args[0], at=clock.now + args[1])
            case "answer":
                party.answer("Right" if args[0] else "Wrong B")
            case "wait":
                clock.advance(args[0])
                party.tick()
            case "mark":
                party.mark(args[0], args[1])
            case "adjust":
                party.adjust(args[0], args[1], "by hand")
            case "open":
                party.open_options()
            case _:
                getattr(party, name)()
    except PartyStateError:
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    style=st.sampled_from(list(PartyStyle)),
    timed=st.booleans(),
    actions=st.lists(ACTIONS, min_size=10, max_size=50),
)
def test_replay_equals_the_live_party(
    style: PartyStyle, timed: bool, actions: list[tuple[Any, ...]]
) -> None:
    party, clock = start(style, timed=timed, count=3)
    for action in actions:
        act(party, clock, action)
    again = replayed(party)
    assert again.snapshot() == party.snapshot()
    assert again.events == party.events


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    style=st.sampled_from(list(PartyStyle)),
    actions=st.lists(ACTIONS, min_size=5, max_size=30),
    last=ACTIONS,
)
def test_undo_restores_the_state_before_any_host_action(
    style: PartyStyle, actions: list[tuple[Any, ...]], last: tuple[Any, ...]
) -> None:
    party, clock = start(style, timed=True, count=3)
    for action in actions:
        act(party, clock, action)
    before = party.snapshot()
    events = party.last_event
    act(party, clock, last)
    made = party.events[events:]
    undoable = [e for e in made if e["type"] not in ("pause", "resume", "early_buzz", "undo")]
    if len(made) == 1 and undoable:
        party.undo()
        assert party.snapshot() == before
