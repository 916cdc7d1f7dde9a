"""Party mode: one round's questions played by 2-8 players or teams, without a UI.

A party is the same round engine with several players, not a second game: `build_party`
draws the questions with `build_round` (same seed, same selection and shuffles), checks
answers with `check_answer` and scores them with `score`, keeping a score and a streak per
player. Three styles:

- hotseat: each question goes to the next player in turn; a wrong answer passes once, to
  the next player, for half points.
- buzzer: players buzz on one keyboard; the first valid buzz answers; a buzz before the
  options are shown locks that player out for 250 ms; a wrong answer opens the question to
  the others.
- master: the host reads the question, marks who got it right and reveals; untimed.

Every question goes through the same phases:

    READING --open_options()--> OPEN --(answered, timed out, reveal())--> REVEAL
    REVEAL --next()--> READING (the next question) or FINISHED
    READING/OPEN --skip()--> READING (the next question, nothing scored) or FINISHED
    any --end()--> FINISHED

Everything that happens is an event, a plain JSON-ready dict appended to `Party.events`;
the state (scores, streaks, turn, question, phase) is what replaying the events gives.
That makes the host's undo exact (an undo is an event that drops the last host action
and replays the rest), a save is the list of events (`Party.replay` rebuilds the party),
and a projector display follows the host by applying the events it reads (`follow`).

Time is read from an injected clock (`time.monotonic` by default). Events carry party
time `t` (seconds since the party began, paused time included) and every answer carries
the seconds it took, so points never depend on the clock of the process replaying them.
"""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from trivia.game.answers import Response, Verdict, answer_text, check_answer
from trivia.game.round import (
    Clock,
    Mode,
    QuestionView,
    RecordedResponse,
    RoundConfig,
    RoundError,
    RoundStateError,
    build_round,
)
from trivia.game.scoring import Breakdown, score
from trivia.packs.model import AnyQuestion, Pack, Source

MIN_PLAYERS = 2
"""Fewest players (or teams) in a party."""

MAX_PLAYERS = 8
"""Most players (or teams) in a party: one per palette colour, mark and default key."""

MAX_NAME_LENGTH = 20
"""Longest player or team name; the projector lays names out large, on one line."""

COLOURS = ("red", "blue", "green", "yellow", "purple", "orange", "cyan", "pink")
"""Colour names by seat. Names, not values: each theme maps them to its own shades."""

MARKS = ("\u25cf", "\u25b2", "\u25a0", "\u25c6", "\u2605", "\u271a", "\u2663", "\u2665")
"""Symbols by seat (● ▲ ■ ◆ ★ ✚ ♣ ♥), shown beside the colour so nothing relies on it."""

DEFAULT_KEYS = ("a", "l", "z", "m", "q", "p", "v", "n")
"""Buzzer keys by seat: the keyboard's corners first, so players crowding one laptop
each get a key well apart from their neighbours'."""

HOST_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "open_options": "space",
        "next": "enter",
        "reveal": "r",
        "undo": "u",
        "skip": "s",
        "pause": "x",
        "adjust": "c",
        "end": "e",
        "decline": "0",
        "export": "ctrl+s",
        "leave": "escape",
    }
)
"""The host's keys (Textual key names) by action. Player keys may not take them.

Pause is `x`, not Escape: in the app Escape means "leave" (with a confirmation)."""

ANSWER_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "t", "f")
"""Keys that answer (options 1-6, t/f) or, in master style, toggle a player's mark (1-8):
player keys may not take them either. In party mode letters never pick options."""

PASS_FACTOR = 0.5
"""Share of the points a hotseat pass earns (applied as credit, before the streak bonus)."""

LOCKOUT = 0.25
"""Seconds a buzz before the options are shown locks that player out."""

_EPSILON = 1e-9
# Party times are rounded to the microsecond, so they survive JSON and compare the same
# in every process; the epsilon absorbs float noise at exact boundaries (the lock-out).
_TIME_DIGITS = 6


class PartyStyle(StrEnum):
    """How players answer."""

    HOTSEAT = "hotseat"
    """Each question goes to the next player in turn; a wrong answer may pass once."""
    BUZZER = "buzzer"
    """Players buzz with their key; the first valid buzz answers."""
    MASTER = "master"
    """The host marks who was right (teams answering on paper); untimed."""


class PartyPhase(StrEnum):
    """Where the party is."""

    READING = "reading"
    """The prompt is shown, the options not yet (the host reads it out)."""
    OPEN = "open"
    """Options shown: answering, buzzing or marking."""
    REVEAL = "reveal"
    """The question is settled: the answer, who scored, and the leaderboard if shown."""
    FINISHED = "finished"
    """No question left, or the host ended the party: the podium."""


class LeaderboardWhen(StrEnum):
    """When the UI shows the leaderboard."""

    EVERY_QUESTION = "every_question"
    """In every reveal, and at the end."""
    END = "end"
    """Only at the end (keeps the suspense)."""


class BuzzResult(StrEnum):
    """What became of a buzz; the UI flashes it by the player's mark."""

    ANSWERING = "answering"
    """First valid buzz: this player answers now."""
    EARLY = "early"
    """Before the options were shown: locked out for the lock-out time."""
    LOCKED = "locked"
    """Still locked out after an early buzz: ignored."""
    TOO_LATE = "too_late"
    """Another player buzzed first: ignored."""
    OUT = "out"
    """This player already answered this question wrong: ignored."""
    CLOSED = "closed"
    """Not a moment for buzzing (paused, revealed, finished, not buzzer style): ignored."""


class Movement(StrEnum):
    """A player's move on the leaderboard since before the last question."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

    @property
    def arrow(self) -> str:
        """An arrow to show beside the rank (not a player mark)."""
        return {"up": "\u2191", "down": "\u2193", "same": "="}[self.value]


class PartyError(RoundError):
    """A party that cannot be built or replayed, or a bad player list."""


class PartyStateError(PartyError, RoundStateError):
    """An action the party's current phase does not allow; nothing was recorded."""


@dataclass(frozen=True, slots=True)
class Player:
    """One player or team.

    Attributes:
        name: The name shown (unique without case, 1-20 printable characters).
        colour: A palette colour name (`COLOURS`); the theme picks the shade.
        mark: A symbol (`MARKS`) shown with the colour, so colour is never needed.
        key: The buzzer key (a lowercase letter), or None outside buzzer style.
    """

    name: str
    colour: str
    mark: str
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"name": self.name, "colour": self.colour, "mark": self.mark, "key": self.key}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Player:
        """Read data written by `to_dict`."""
        return cls(data["name"], data["colour"], data["mark"], data.get("key"))


def make_players(names: Sequence[str], keys: Sequence[str] | None = None) -> tuple[Player, ...]:
    """Players for names, in seat order, with the palette's colours and marks.

    Args:
        names: 2-8 player or team names, in turn order.
        keys: Buzzer keys by seat; None takes `DEFAULT_KEYS`.

    Returns:
        The players (validated when a `PartyConfig` is made with them).

    Raises:
        PartyError: More players than colours, or fewer keys than players.
    """
    keys = DEFAULT_KEYS if keys is None else tuple(keys)
    if len(names) > MAX_PLAYERS:
        raise PartyError(f"a party has at most {MAX_PLAYERS} players, not {len(names)}")
    if len(keys) < len(names):
        raise PartyError(f"{len(names)} players need {len(names)} keys, not {len(keys)}")
    return tuple(
        Player(" ".join(name.split()), COLOURS[seat], MARKS[seat], keys[seat].lower())
        for seat, name in enumerate(names)
    )


@dataclass(frozen=True, slots=True)
class PartyConfig:
    """What a party plays and by which rules.

    Attributes:
        style: Hotseat, buzzer or master.
        players: 2-8 players or teams, in seat (turn) order.
        round: The questions, as for a round (mode, count, seed, filters, timing, scoring
            rules); survival is refused (lives are one player's). Master style is untimed
            whatever `round.timed` says.
        teams: Whether the players are teams (the UI says "team").
        pass_on_wrong: Hotseat: a wrong answer passes the question once, to the next
            player, for `pass_factor` of the points.
        pass_factor: The share of the points a pass earns.
        lockout: Seconds an early buzz locks the player out.
        leaderboard: Whether the UI shows the leaderboard after every question or only
            at the end.
    """

    style: PartyStyle
    players: tuple[Player, ...]
    round: RoundConfig = RoundConfig()
    teams: bool = False
    pass_on_wrong: bool = True
    pass_factor: float = PASS_FACTOR
    lockout: float = LOCKOUT
    leaderboard: LeaderboardWhen = LeaderboardWhen.EVERY_QUESTION

    def __post_init__(self) -> None:
        object.__setattr__(self, "style", PartyStyle(self.style))
        object.__setattr__(self, "leaderboard", LeaderboardWhen(self.leaderboard))
        object.__setattr__(self, "players", tuple(self.players))
        _check_players(self.players, self.style)
        if self.round.mode is Mode.SURVIVAL:
            raise PartyError("survival counts one player's lives: pick another mode for a party")
        if not 0.0 <= self.pass_factor <= 1.0:
            raise PartyError(f"pass_factor must be within 0..1, not {self.pass_factor}")
        if self.lockout < 0:
            raise PartyError(f"lockout cannot be negative: {self.lockout}")

    @property
    def timed(self) -> bool:
        """Whether questions have a time limit (never in master style)."""
        return self.round.timed and self.style is not PartyStyle.MASTER

    def to_dict(self) -> dict[str, Any]:
        """The config as JSON-ready data (for saves); `from_dict` reads it back."""
        return {
            "style": self.style.value,
            "players": [player.to_dict() for player in self.players],
            "round": self.round.to_dict(),
            "teams": self.teams,
            "pass_on_wrong": self.pass_on_wrong,
            "pass_factor": self.pass_factor,
            "lockout": self.lockout,
            "leaderboard": self.leaderboard.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PartyConfig:
        """Read a config written by `to_dict`; missing keys take their defaults."""
        values = dict(data)
        values["players"] = tuple(Player.from_dict(p) for p in values["players"])
        if "round" in values:
            values["round"] = RoundConfig.from_dict(values["round"])
        return cls(**values)


def _check_players(players: tuple[Player, ...], style: PartyStyle) -> None:
    if not MIN_PLAYERS <= len(players) <= MAX_PLAYERS:
        raise PartyError(
            f"a party has {MIN_PLAYERS}-{MAX_PLAYERS} players or teams, not {len(players)}"
        )
    reserved = set(HOST_KEYS.values()) | set(ANSWER_KEYS)
    seen: dict[str, dict[str, str]] = {"name": {}, "colour": {}, "mark": {}, "key": {}}
    for player in players:
        if not player.name or len(player.name) > MAX_NAME_LENGTH:
            raise PartyError(f"a name has 1-{MAX_NAME_LENGTH} characters: {player.name!r}")
        if not player.name.isprintable():
            raise PartyError(f"a name cannot contain control characters: {player.name!r}")
        if player.colour not in COLOURS:
            raise PartyError(f"{player.colour!r} is not a palette colour ({', '.join(COLOURS)})")
        if style is PartyStyle.BUZZER and player.key is None:
            raise PartyError(f"{player.name} needs a buzzer key")
        if player.key is not None:
            if len(player.key) != 1 or not ("a" <= player.key <= "z"):
                raise PartyError(f"a buzzer key is one lowercase letter, not {player.key!r}")
            if player.key in reserved:
                raise PartyError(
                    f"{player.name}'s key {player.key!r} is a host or answer key; "
                    f"free keys avoid {', '.join(sorted(k for k in reserved if len(k) == 1))}"
                )
        for attribute in seen:
            value = getattr(player, attribute)
            if value is None:
                continue
            folded = value.casefold()
            other = seen[attribute].get(folded)
            if other is not None:
                raise PartyError(f"{player.name} and {other} have the same {attribute}: {value}")
            seen[attribute][folded] = player.name


@dataclass(frozen=True, slots=True)
class Attempt:
    """One player's go at one question.

    Attributes:
        player: Who.
        response: The response as given; None for a time out, a decline or a mark.
        verdict: Right or wrong and the texts to show (master style: from the mark).
        breakdown: The points, as `score()` made them.
        elapsed: Seconds taken (hotseat: from the player's turn; buzzer: to the buzz;
            master: 0).
        passed: Answered on a hotseat pass (for `pass_factor` of the points).
        timed_out: No answer given (time ran out, or the player declined).
    """

    player: Player
    response: RecordedResponse | None
    verdict: Verdict
    breakdown: Breakdown
    elapsed: float
    passed: bool
    timed_out: bool

    @property
    def correct(self) -> bool:
        """Whether the attempt was right."""
        return self.verdict.correct

    @property
    def points(self) -> int:
        """The points earned."""
        return self.breakdown.total


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """A settled (or skipped) question.

    Attributes:
        index: Its position in the party, from 0.
        pack_id: Its pack.
        question: The question.
        attempts: Each player's go, in the order they happened.
        skipped: The host skipped it: nothing counted.
    """

    index: int
    pack_id: str
    question: AnyQuestion
    attempts: tuple[Attempt, ...]
    skipped: bool = False

    @property
    def answer_text(self) -> str:
        """The right answer as the reveal shows it."""
        return answer_text(self.question)

    def points_of(self, player: Player) -> int:
        """The points a player earned on this question."""
        return sum(a.points for a in self.attempts if a.player == player)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A score changed by hand by the host.

    Attributes:
        player: Whose score.
        points: Added (negative: taken away).
        reason: Why, as the host typed it.
        after: How many questions had been settled or skipped when it was made.
    """

    player: Player
    points: int
    reason: str
    after: int


@dataclass(frozen=True, slots=True)
class PlayerScore:
    """A player's running totals.

    Attributes:
        player: Who.
        score: Points, adjustments included.
        streak: Right answers in a row (questions the player did not answer leave it be).
        best_streak: The longest streak in the party.
        correct: Right answers.
        answered: Questions the player answered (or timed out on).
        adjusted: The sum of the host's adjustments.
    """

    player: Player
    score: int
    streak: int
    best_streak: int
    correct: int
    answered: int
    adjusted: int


@dataclass(frozen=True, slots=True)
class Standing:
    """A line of the leaderboard.

    Attributes:
        rank: 1 for the top; equal scores share a rank (1, 1, 3).
        previous_rank: The rank before the last question settled.
        movement: Up, down or the same since then.
        gained: Points since then.
        totals: The player's totals.
    """

    rank: int
    previous_rank: int
    movement: Movement
    gained: int
    totals: PlayerScore

    @property
    def player(self) -> Player:
        """Who."""
        return self.totals.player

    @property
    def score(self) -> int:
        """The player's score."""
        return self.totals.score


@dataclass(frozen=True, slots=True)
class Podium:
    """The end of the party: places 1-3 (ties share a place) and the full table.

    With competition ranking two players tied first leave no second place: the next
    player is third, as at the Olympics.
    """

    first: tuple[Standing, ...]
    second: tuple[Standing, ...]
    third: tuple[Standing, ...]
    table: tuple[Standing, ...]


@dataclass(slots=True)
class _Seat:
    score: int = 0
    streak: int = 0
    best_streak: int = 0
    correct: int = 0
    answered: int = 0
    adjusted: int = 0


@dataclass(slots=True)
class _State:
    """Everything derived from the events (rebuilt from scratch by an undo)."""

    seats: list[_Seat]
    phase: PartyPhase = PartyPhase.READING
    index: int = 0
    turn: int = 0
    answering: int | None = None
    passed: bool = False
    buzzes: list[tuple[float, int, float]] = field(default_factory=list)
    """Valid buzzes since the question (re)opened: (at, seat, elapsed)."""
    out: set[int] = field(default_factory=set)
    locked_until: dict[int, float] = field(default_factory=dict)
    marks: dict[int, bool] = field(default_factory=dict)
    attempts: list[Attempt] = field(default_factory=list)
    opened_at: float | None = None
    clock_started: float | None = None
    """When the answering clock started, moved on by pauses (like `Round`'s)."""
    paused_at: float | None = None
    results: list[QuestionResult] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    question_start: tuple[int, ...] = ()
    baseline: tuple[int, ...] = ()
    """Scores before the last settled question: what leaderboard movement compares to."""


_UNDOABLE = frozenset(
    {"open", "buzz", "answer", "no_answer", "mark", "reveal", "next", "skip", "adjust", "end"}
)
"""Host-visible actions. Pauses and early buzzes are not: they are bookkeeping, and undo
should take back the last thing the host saw happen."""

_QUESTION_EVENTS = frozenset(
    {"open", "buzz", "early_buzz", "answer", "no_answer", "mark", "reveal", "skip"}
)
"""Events about the current question: they name it, so a replay on changed packs fails."""


class Party:
    """A party: the state machine a host screen drives and a display shows.

    Build it with `build_party`; rebuild it with `Party.replay`. Actions:
    `open_options`, `buzz`, `answer`, `decline`, `tick`, `mark`, `toggle_mark`,
    `reveal`, `next`, `skip`, `pause`, `resume`, `undo`, `adjust`, `end`. An action the
    phase does not allow raises `PartyStateError` and records nothing (except `buzz`,
    which answers with a `BuzzResult`, and `tick`, which does nothing).
    """

    def __init__(
        self, packs: Sequence[Pack], config: PartyConfig, clock: Clock = time.monotonic
    ) -> None:
        """Start a party on its first question (READING); prefer `build_party`."""
        round_ = build_round(packs, config.round, clock=clock)
        self._config = replace(config, round=round_.config)
        # Party mode asks the round's own plan: the same questions, options and items as
        # a round with this seed. Round exposes no public plan, and this is its package.
        self._plan = round_._plan
        self._pack_ids = round_.pack_ids
        self._clock = clock
        self._base = clock()
        self._log: list[dict[str, Any]] = []
        self._effective: list[dict[str, Any]] = []
        self._state = self._fresh_state()

    # --- building ------------------------------------------------------------------------

    @classmethod
    def replay(
        cls,
        packs: Sequence[Pack],
        config: PartyConfig,
        events: Iterable[Mapping[str, Any]],
        clock: Clock = time.monotonic,
    ) -> Party:
        """Rebuild a party exactly from its events (scores, turn, question, phase).

        Args:
            packs: The packs it was built from.
            config: Its config, seed set (`party.config`).
            events: Its events in order (`party.events`, or as a save read them back).
            clock: The clock for the rest of the party; party time goes on from the
                last event (time while the party was not running does not count).

        Raises:
            PartyError: No seed, or an event that does not fit (the packs have changed,
                or the log is damaged).
        """
        if config.round.seed is None:
            raise PartyError("replaying a party needs the seed it was played with")
        party = cls(packs, config, clock)
        party.follow(events)
        return party

    def follow(self, events: Iterable[Mapping[str, Any]]) -> int:
        """Apply events recorded elsewhere: how a display keeps up with the host.

        Events already applied (by `seq`) are skipped, so a display can pass whatever it
        last read.

        Args:
            events: Events in order, as `events` holds them.

        Returns:
            How many events were applied.

        Raises:
            PartyError: An event out of sequence, or one that does not fit.
        """
        applied = 0
        for raw in events:
            event = dict(raw)
            seq = event.get("seq")
            if isinstance(seq, int) and seq <= len(self._log):
                continue
            if seq != len(self._log) + 1:
                raise PartyError(f"event {seq} arrived after event {len(self._log)}")
            try:
                self._apply(event)
            except PartyError:
                raise
            except (RoundError, ValueError, KeyError, TypeError, IndexError) as error:
                raise PartyError(
                    f"event {seq} ({event.get('type')}) does not fit: {error}"
                ) from error
            self._log.append(event)
            applied += 1
        if applied:
            # Carry on from the last event's time, as if the gap had not happened.
            self._base = self._clock() - float(self._log[-1]["t"])
        return applied

    # --- what the UI reads -------------------------------------------------------------

    @property
    def config(self) -> PartyConfig:
        """The party's config, with the round's seed filled in."""
        return self._config

    @property
    def style(self) -> PartyStyle:
        """Hotseat, buzzer or master."""
        return self._config.style

    @property
    def players(self) -> tuple[Player, ...]:
        """The players in seat order."""
        return self._config.players

    @property
    def pack_ids(self) -> tuple[str, ...]:
        """The ids of the packs the questions come from, sorted."""
        return self._pack_ids

    @property
    def events(self) -> tuple[dict[str, Any], ...]:
        """Every event so far, in order (copies: JSON-ready dicts)."""
        return tuple(dict(event) for event in self._log)

    @property
    def last_event(self) -> int:
        """The `seq` of the last event (0 before any)."""
        return len(self._log)

    @property
    def phase(self) -> PartyPhase:
        """Where the party is."""
        return self._state.phase

    @property
    def finished(self) -> bool:
        """Whether the party is over (the podium)."""
        return self._state.phase is PartyPhase.FINISHED

    @property
    def paused(self) -> bool:
        """Whether the host paused the party (never once it is finished)."""
        return self._state.paused_at is not None and not self.finished

    @property
    def index(self) -> int:
        """The current question's position, from 0 (the last one's when finished)."""
        return self._state.index

    @property
    def total(self) -> int:
        """How many questions the party has."""
        return len(self._plan)

    @property
    def current(self) -> QuestionView | None:
        """The question on screen; None when finished.

        While READING the options and items are left out, so a screen that shows the
        view as it is never gives them away early.
        """
        s = self._state
        if s.phase is PartyPhase.FINISHED:
            return None
        planned = self._plan[s.index]
        hidden = s.phase is PartyPhase.READING
        return QuestionView(
            question=planned.question,
            pack_id=planned.pack.id,
            source=_source(planned.pack, planned.question),
            index=s.index,
            total=len(self._plan),
            options=() if hidden else planned.options,
            removed=(),
            items=() if hidden else planned.items,
            time_limit=self._limit(),
            lifelines_left=(),
            lifelines_usable=(),
            lifelines_used=(),
            hint=None,
        )

    @property
    def turn(self) -> Player:
        """Hotseat: whose turn the current question is (it rotates each question)."""
        return self.players[self._state.turn]

    @property
    def turn_order(self) -> tuple[Player, ...]:
        """The players from the current turn on: who gets the next questions."""
        n = len(self.players)
        return tuple(self.players[(self._state.turn + i) % n] for i in range(n))

    @property
    def answering(self) -> Player | None:
        """Who must answer now (hotseat: the turn or the pass; buzzer: the first buzz)."""
        seat = self._state.answering
        return None if seat is None else self.players[seat]

    @property
    def passed(self) -> bool:
        """Hotseat: the question has been passed (the answer earns `pass_factor`)."""
        return self._state.passed

    @property
    def out(self) -> tuple[Player, ...]:
        """Buzzer: players who answered this question wrong and cannot buzz again."""
        return tuple(self.players[seat] for seat in sorted(self._state.out))

    @property
    def marks(self) -> dict[str, bool]:
        """Master: player name -> marked right, for the current question."""
        return {p.name: self._state.marks.get(seat, False) for seat, p in enumerate(self.players)}

    @property
    def results(self) -> tuple[QuestionResult, ...]:
        """Every question settled or skipped, in order."""
        return tuple(self._state.results)

    @property
    def last_result(self) -> QuestionResult | None:
        """The last question settled or skipped (what the reveal shows)."""
        return self._state.results[-1] if self._state.results else None

    @property
    def adjustments(self) -> tuple[Adjustment, ...]:
        """The host's hand-made score changes, in order."""
        return tuple(self._state.adjustments)

    @property
    def show_leaderboard(self) -> bool:
        """Whether the UI should show the leaderboard now (per `config.leaderboard`)."""
        if self._state.phase is PartyPhase.FINISHED:
            return True
        return (
            self._state.phase is PartyPhase.REVEAL
            and self._config.leaderboard is LeaderboardWhen.EVERY_QUESTION
        )

    @property
    def shows_totals(self) -> bool:
        """Whether the room may see running totals now: not before the end when the
        leaderboard is kept for the end (`LeaderboardWhen.END`), for the suspense."""
        return (
            self._state.phase is PartyPhase.FINISHED
            or self._config.leaderboard is LeaderboardWhen.EVERY_QUESTION
        )

    @property
    def has_next(self) -> bool:
        """Whether `next()` from the reveal leads to another question."""
        return self._state.index + 1 < len(self._plan)

    @property
    def can_undo(self) -> bool:
        """Whether there is a host action to undo."""
        return self._undo_target() is not None

    @property
    def undo_preview(self) -> dict[str, Any] | None:
        """The event `undo()` would take back (for an "Undo: ..." label), or None."""
        target = self._undo_target()
        return None if target is None else dict(target)

    def scores(self) -> tuple[PlayerScore, ...]:
        """Every player's totals, in seat order."""
        return tuple(
            PlayerScore(p, s.score, s.streak, s.best_streak, s.correct, s.answered, s.adjusted)
            for p, s in zip(self.players, self._state.seats, strict=True)
        )

    def score_of(self, player: Player | str | int) -> PlayerScore:
        """One player's totals."""
        return self.scores()[self._seat(player)]

    def standings(self) -> tuple[Standing, ...]:
        """The leaderboard: best first, ties sharing a rank, then in seat order.

        Movement compares the rank now with the rank before the last question settled
        (skipped questions do not count; adjustments since then do).
        """
        totals = self.scores()
        now = _ranks([t.score for t in totals])
        before_scores = self._state.baseline
        before = _ranks(list(before_scores))
        lines = []
        for seat, t in enumerate(totals):
            movement = (
                Movement.UP
                if now[seat] < before[seat]
                else Movement.DOWN
                if now[seat] > before[seat]
                else Movement.SAME
            )
            lines.append(
                Standing(now[seat], before[seat], movement, t.score - before_scores[seat], t)
            )
        order = sorted(range(len(lines)), key=lambda seat: (lines[seat].rank, seat))
        return tuple(lines[seat] for seat in order)

    def podium(self) -> Podium:
        """Places 1-3 and the full table (also mid-party: the podium so far)."""
        table = self.standings()
        return Podium(
            first=tuple(s for s in table if s.rank == 1),
            second=tuple(s for s in table if s.rank == 2),
            third=tuple(s for s in table if s.rank == 3),
            table=table,
        )

    def player_for_key(self, key: str) -> Player | None:
        """The player whose buzzer key this is (Textual key name), or None."""
        for player in self.players:
            if player.key is not None and player.key == key.lower():
                return player
        return None

    def elapsed(self) -> float:
        """Seconds the answering clock has run (paused time excluded); 0 unless OPEN."""
        s = self._state
        if s.phase is not PartyPhase.OPEN or s.clock_started is None:
            return 0.0
        now = s.paused_at if s.paused_at is not None else self._now()
        return max(now - s.clock_started, 0.0)

    def time_left(self) -> float | None:
        """Seconds left to answer; None when untimed or not OPEN."""
        limit = self._limit()
        if limit is None or self._state.phase is not PartyPhase.OPEN:
            return None
        return max(limit - self.elapsed(), 0.0)

    def locked_out(self, player: Player | str | int, at: float | None = None) -> bool:
        """Buzzer: whether a player is locked out now (or at clock reading `at`)."""
        until = self._state.locked_until.get(self._seat(player))
        moment = self._now() if at is None else self._party_time(at)
        return until is not None and moment + _EPSILON < until

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON-ready data: what a display shows, and what tests compare.

        Holds no clock readings (time left is the viewer's own `time_left()`), so a
        replay and the live party give equal snapshots.
        """
        view = self.current
        last = self.last_result
        return {
            "style": self.style.value,
            "phase": self.phase.value,
            "paused": self.paused,
            "index": self.index,
            "total": self.total,
            "question": None
            if view is None
            else {
                "pack_id": view.pack_id,
                "id": view.question.id,
                "number": view.number,
                "type": view.question.type.value,
                "prompt": view.question.prompt,
                "options": list(view.options),
                "items": list(view.items),
                "time_limit": view.time_limit,
            },
            "turn": self.turn.name,
            "turn_order": [p.name for p in self.turn_order],
            "answering": None if self.answering is None else self.answering.name,
            "passed": self.passed,
            "out": [p.name for p in self.out],
            "marks": self.marks,
            "players": [
                {
                    **t.player.to_dict(),
                    "score": t.score,
                    "streak": t.streak,
                    "best_streak": t.best_streak,
                    "correct": t.correct,
                    "answered": t.answered,
                    "adjusted": t.adjusted,
                }
                for t in self.scores()
            ],
            "standings": [
                {
                    "rank": s.rank,
                    "name": s.player.name,
                    "score": s.score,
                    "previous_rank": s.previous_rank,
                    "movement": s.movement.value,
                    "gained": s.gained,
                }
                for s in self.standings()
            ],
            "last_result": None if last is None else _result_dict(last),
            "results": len(self._state.results),
            "adjustments": [
                {"player": a.player.name, "points": a.points, "reason": a.reason}
                for a in self._state.adjustments
            ],
            "show_leaderboard": self.show_leaderboard,
        }

    # --- what the host does ------------------------------------------------------------

    def open_options(self) -> QuestionView:
        """Show the options: answering, buzzing or marking may start (READING -> OPEN).

        Raises:
            PartyStateError: Not READING, or paused.
        """
        self._commit({"type": "open", **self._about_question()})
        view = self.current
        assert view is not None
        return view

    def buzz(self, player: Player | str | int, at: float | None = None) -> BuzzResult:
        """A player pressed their buzzer key.

        Args:
            player: Who buzzed (a `Player`, name or seat).
            at: The clock reading when the key was pressed (the same clock the party
                was given; Textual's `event.time` with `time.monotonic`); None is now.
                Who buzzed first is decided by `at`, so buzzes handled out of order
                still go to the first.

        Returns:
            What became of the buzz; only ANSWERING and EARLY are recorded.
        """
        seat = self._seat(player)
        moment = self._now() if at is None else self._party_time(at)
        result = self._buzz_result(seat, moment)
        if result is BuzzResult.EARLY:
            self._commit(
                {"type": "early_buzz", **self._about_question(), "player": seat, "at": moment}
            )
        elif result is BuzzResult.ANSWERING:
            s = self._state
            assert s.clock_started is not None
            elapsed = round(max(moment - s.clock_started, 0.0), _TIME_DIGITS)
            self._commit(
                {
                    "type": "buzz",
                    **self._about_question(),
                    "player": seat,
                    "at": moment,
                    "elapsed": elapsed,
                }
            )
        return result

    def answer(self, response: Response) -> Attempt | None:
        """The player answering (`answering`) gives a response.

        Hotseat: right settles the question; wrong passes it once to the next player
        (when `pass_on_wrong`), else settles it. Buzzer: right settles it; wrong puts the
        player out and reopens the question to the others (settled when all are out).

        Args:
            response: As for `check_answer` (option text, bool, text, number, items).

        Returns:
            The attempt, with its points; None only for an answer that came after the
            time limit on a pass (a pass let go: no penalty).

        Raises:
            PartyStateError: Nobody is answering (master style, READING, REVEAL...), or
                paused.
            InvalidResponse: Not an answer to this question; nothing is recorded.
        """
        s = self._state
        self._require_answering("answer()")
        assert s.answering is not None
        check_answer(self._question(), response)  # an invalid response records nothing
        elapsed = self._answer_elapsed()
        return self._commit_attempt(
            {
                "type": "answer",
                **self._about_question(),
                "player": s.answering,
                "response": _recorded(response),
                "elapsed": elapsed,
            }
        )

    def decline(self) -> Attempt | None:
        """The player answering gives no answer ("pass", "don't know").

        Hotseat: the turn's player misses (streak reset) and the question passes if it
        may; a player answering on a pass declines without penalty. Buzzer: a miss for
        that player, and the question reopens to the others.

        Returns:
            The miss recorded, or None for a declined pass.

        Raises:
            PartyStateError: Nobody is answering, or paused.
        """
        self._require_answering("decline()")
        return self._no_answer(self._state.answering, "declined")

    def tick(self) -> bool:
        """Time out the question if its limit has passed; call it from a UI timer.

        Hotseat: the player answering misses (a pass is then offered as after a wrong
        answer); buzzer: the question closes (a player holding the floor misses).

        Returns:
            True when something was recorded (redraw), else False (also when paused,
            untimed or not OPEN, so a timer can call it at any moment).
        """
        s = self._state
        if s.phase is not PartyPhase.OPEN or self.paused:
            return False
        left = self.time_left()
        if left is None or left > 0:
            return False
        self._no_answer(s.answering, "time")
        return True

    def mark(self, player: Player | str | int, right: bool = True) -> None:
        """Master style: mark a player right (or wrong again) for the current question.

        Marks only count at `reveal()`; players left unmarked got it wrong.

        Raises:
            PartyStateError: Not master style, not READING or OPEN, or paused.
        """
        self._commit(
            {"type": "mark", **self._about_question(), "player": self._seat(player), "right": right}
        )

    def toggle_mark(self, player: Player | str | int) -> bool:
        """Master style: flip a player's mark (one key per player). Returns the new mark."""
        seat = self._seat(player)
        right = not self._state.marks.get(seat, False)
        self.mark(seat, right)
        return right

    def reveal(self) -> QuestionResult:
        """Settle the question now and show the answer (READING or OPEN -> REVEAL).

        Master: each player marked right earns the full base points plus their streak
        bonus (untimed); the others miss. Hotseat and buzzer: the host closes the
        question; nobody else scores, and whoever was answering is not penalised.

        Raises:
            PartyStateError: Not READING or OPEN, or paused.
        """
        self._commit({"type": "reveal", **self._about_question()})
        result = self.last_result
        assert result is not None
        return result

    def next(self) -> None:
        """Leave the reveal: the next question (READING, turn rotated) or FINISHED.

        Raises:
            PartyStateError: Not in REVEAL, or paused.
        """
        self._commit({"type": "next"})

    def skip(self) -> None:
        """Drop the current question: nothing on it counts, the turn does not rotate.

        Raises:
            PartyStateError: Not READING or OPEN, or paused.
        """
        self._commit({"type": "skip", **self._about_question()})

    def pause(self) -> None:
        """Stop the clock; nothing can be answered until `resume`. Idempotent."""
        if not self.paused and not self.finished:
            self._commit({"type": "pause"})

    def resume(self) -> None:
        """Restart the clock. Idempotent."""
        if self.paused:
            self._commit({"type": "resume"})

    def undo(self) -> dict[str, Any]:
        """Take back the last host action (answer, mark, reveal, next, skip, adjust...).

        The state becomes exactly what it was before that action: scores, streaks,
        turn, phase, marks. Undo again to go further back. Allowed when paused and after
        the end. A question reopened by an undo gets a fresh clock.

        Returns:
            The event taken back.

        Raises:
            PartyStateError: Nothing to undo.
        """
        target = self._undo_target()
        if target is None:
            raise PartyStateError("nothing to undo")
        self._commit({"type": "undo", "undoes": target["seq"]})
        return dict(target)

    def adjust(self, player: Player | str | int, points: int, reason: str) -> Adjustment:
        """Change a player's score by hand (a dispute, a bonus round); logged with why.

        Allowed in any phase, paused or not, and after the end.

        Raises:
            PartyError: Zero or non-integer points, or an empty reason.
        """
        clean = " ".join(str(reason).split())
        if not clean:
            raise PartyError("an adjustment needs a reason")
        if isinstance(points, bool) or not isinstance(points, int) or points == 0:
            raise PartyError(f"an adjustment is a whole number of points, not {points!r}")
        self._commit(
            {"type": "adjust", "player": self._seat(player), "points": points, "reason": clean}
        )
        return self._state.adjustments[-1]

    @property
    def end_drops_question(self) -> bool:
        """Whether `end()` now drops the question on screen: asked but not yet settled.

        At the reveal the question has been settled and counts; before it, ending the
        party throws away its answers, marks and buzzes.
        """
        return self._state.phase in (PartyPhase.READING, PartyPhase.OPEN)

    def end(self) -> None:
        """End the party now (the podium); a question not yet settled does not count.

        Raises:
            PartyStateError: Already finished.
        """
        self._commit({"type": "end"})

    # --- events --------------------------------------------------------------------------

    def _commit(self, event: dict[str, Any]) -> None:
        event = {"seq": len(self._log) + 1, "t": self._now(), **event}
        self._apply(event)
        self._log.append(event)

    def _apply(self, e: Mapping[str, Any]) -> None:
        """Validate an event against the state, then change the state (never half)."""
        kind = e["type"]
        if kind == "undo":
            self._apply_undo(e)
            return
        self._apply_action(e)
        self._effective.append(dict(e))

    def _apply_action(self, e: Mapping[str, Any]) -> None:
        s = self._state
        kind = e["type"]
        t = float(e["t"])
        if kind in _QUESTION_EVENTS:
            self._check_question(e)
        match kind:
            case "pause":
                # Idempotent, like `Round.pause`: `pause()` records nothing when paused.
                if s.paused_at is None:
                    s.paused_at = t
            case "resume":
                if s.paused_at is not None:
                    if s.clock_started is not None:
                        s.clock_started += t - s.paused_at
                    s.paused_at = None
            case "open":
                self._require(PartyPhase.READING, "open_options()")
                s.phase = PartyPhase.OPEN
                s.opened_at = s.clock_started = t
                if self.style is PartyStyle.HOTSEAT:
                    s.answering = s.turn
            case "early_buzz":
                seat = self._seat(e["player"])
                if self._buzz_result(seat, float(e["at"])) is not BuzzResult.EARLY:
                    raise PartyError("an early buzz that was not early")
                s.locked_until[seat] = round(float(e["at"]) + self._config.lockout, _TIME_DIGITS)
            case "buzz":
                seat = self._seat(e["player"])
                if self._buzz_result(seat, float(e["at"])) is not BuzzResult.ANSWERING:
                    raise PartyError("a buzz that could not take the floor")
                s.buzzes.append((float(e["at"]), seat, float(e["elapsed"])))
                s.answering = min(s.buzzes)[1]
            case "answer":
                self._require_answering("answer()")
                if self._seat(e["player"]) != s.answering:
                    raise PartyError("an answer from a player who was not answering")
                self._attempt(_response(e["response"]), float(e["elapsed"]), t)
            case "no_answer":
                if e.get("why") == "declined":
                    self._require_answering("decline()")
                else:
                    self._require(PartyPhase.OPEN, "a time out")
                player = e.get("player")
                if (None if player is None else self._seat(player)) != s.answering:
                    raise PartyError("a time out for a player who was not answering")
                if s.answering is None:
                    # Buzzer: time ran out with nobody holding the floor.
                    self._settle()
                else:
                    self._attempt(None, float(e["elapsed"]), t, why=str(e.get("why", "time")))
            case "mark":
                if self.style is not PartyStyle.MASTER:
                    raise PartyStateError("marks are for master style; players answer here")
                self._require((PartyPhase.READING, PartyPhase.OPEN), "mark()")
                s.marks[self._seat(e["player"])] = bool(e["right"])
            case "reveal":
                self._require((PartyPhase.READING, PartyPhase.OPEN), "reveal()")
                if self.style is PartyStyle.MASTER:
                    self._award_marks()
                self._settle()
            case "next":
                self._require(PartyPhase.REVEAL, "next()")
                if self.has_next:
                    s.turn = (s.turn + 1) % len(self.players)
                    self._ask(s.index + 1)
                else:
                    s.phase = PartyPhase.FINISHED
            case "skip":
                self._require((PartyPhase.READING, PartyPhase.OPEN), "skip()")
                planned = self._plan[s.index]
                s.results.append(
                    QuestionResult(s.index, planned.pack.id, planned.question, (), True)
                )
                if self.has_next:
                    self._ask(s.index + 1)
                else:
                    self._close_question()
                    s.phase = PartyPhase.FINISHED
            case "adjust":
                seat = self._seat(e["player"])
                points = int(e["points"])
                s.seats[seat].score += points
                s.seats[seat].adjusted += points
                s.adjustments.append(
                    Adjustment(self.players[seat], points, str(e["reason"]), len(s.results))
                )
            case "end":
                if s.phase is PartyPhase.FINISHED:
                    raise PartyStateError("the party is already over")
                self._close_question()
                # The pause is kept (and hidden by `paused`), so undoing the end
                # brings back a paused party exactly as it was.
                s.phase = PartyPhase.FINISHED
            case _:
                raise PartyError(f"unknown event type {kind!r}")

    def _apply_undo(self, e: Mapping[str, Any]) -> None:
        target = self._undo_target()
        if target is None:
            raise PartyStateError("nothing to undo")
        if e.get("undoes") != target["seq"]:
            raise PartyError(f"undo of event {e.get('undoes')}, but the last is {target['seq']}")
        was_paused = self._state.paused_at is not None
        t = float(e["t"])
        # Drop the target and the bookkeeping after it (pauses, early buzzes), then
        # rebuild: the state is then exactly what it was before the target.
        cut = next(i for i, ev in enumerate(self._effective) if ev["seq"] == target["seq"])
        kept = self._effective[:cut]
        self._state = self._fresh_state()
        self._effective = []
        for event in kept:
            self._apply_action(event)
            self._effective.append(event)
        s = self._state
        if was_paused != (s.paused_at is not None):
            # The pause is the host's present, not part of what is undone; recorded as
            # bookkeeping so the next rebuild keeps it too.
            marker = {"seq": e["seq"], "t": t, "type": "pause" if was_paused else "resume"}
            self._apply_action(marker)
            self._effective.append(marker)
        if s.phase is PartyPhase.OPEN:
            # A reopened question gets a fresh clock: the host may have taken a while.
            s.clock_started = t
            if s.paused_at is not None:
                s.paused_at = t

    def _undo_target(self) -> dict[str, Any] | None:
        for event in reversed(self._effective):
            if event["type"] in _UNDOABLE:
                return event
        return None

    # --- rules -------------------------------------------------------------------------

    def _attempt(
        self, response: Response | None, elapsed: float, t: float, why: str | None = None
    ) -> None:
        """Record the answering player's go, then pass, reopen or settle the question."""
        s = self._state
        seat = s.answering
        assert seat is not None
        question = self._question()
        limit = self._limit()
        late = limit is not None and elapsed > limit + _EPSILON
        if s.passed and (response is None or late):
            # A player offered a pass may let it go: no answer, no penalty.
            self._settle()
            return
        if response is None or late:
            verdict = Verdict(False, 0.0, None, "", answer_text(question))
            recorded: RecordedResponse | None = None
            if limit is not None:
                elapsed = min(elapsed, limit)
        else:
            verdict = check_answer(question, response)
            recorded = _recorded_response(response)
        credit = verdict.credit * (self._config.pass_factor if s.passed else 1.0)
        breakdown = score(
            question.difficulty,
            correct=verdict.correct and credit > 0,
            elapsed=elapsed,
            time_limit=limit,
            previous_streak=s.seats[seat].streak,
            credit=credit,
            rules=self._config.round.rules,
        )
        s.attempts.append(
            Attempt(
                self.players[seat],
                recorded,
                verdict,
                breakdown,
                elapsed,
                s.passed,
                recorded is None,
            )
        )
        if verdict.correct:
            self._settle()
        elif self.style is PartyStyle.HOTSEAT:
            if self._config.pass_on_wrong and not s.passed:
                s.passed = True
                s.answering = (s.turn + 1) % len(self.players)
                s.clock_started = t
            else:
                self._settle()
        else:
            s.out.add(seat)
            s.buzzes.clear()
            s.answering = None
            if why == "time" or len(s.out) == len(self.players):
                self._settle()

    def _award_marks(self) -> None:
        s = self._state
        question = self._question()
        for seat, player in enumerate(self.players):
            right = s.marks.get(seat, False)
            verdict = Verdict(right, 1.0 if right else 0.0, None, "", answer_text(question))
            breakdown = score(
                question.difficulty,
                correct=right,
                elapsed=0.0,
                time_limit=None,
                previous_streak=s.seats[seat].streak,
                rules=self._config.round.rules,
            )
            s.attempts.append(Attempt(player, None, verdict, breakdown, 0.0, False, False))

    def _settle(self) -> None:
        """Apply the question's attempts to the players and go to REVEAL."""
        s = self._state
        by_player = {player: seat for seat, player in enumerate(self.players)}
        for attempt in s.attempts:
            seat = s.seats[by_player[attempt.player]]
            seat.score += attempt.points
            seat.streak = attempt.breakdown.streak
            seat.best_streak = max(seat.best_streak, seat.streak)
            seat.answered += 1
            seat.correct += int(attempt.correct)
        planned = self._plan[s.index]
        s.results.append(
            QuestionResult(s.index, planned.pack.id, planned.question, tuple(s.attempts))
        )
        s.baseline = s.question_start
        self._close_question()
        s.phase = PartyPhase.REVEAL

    def _ask(self, index: int) -> None:
        s = self._state
        self._close_question()
        s.index = index
        s.phase = PartyPhase.READING
        s.question_start = tuple(seat.score for seat in s.seats)

    def _close_question(self) -> None:
        s = self._state
        s.answering = None
        s.passed = False
        s.buzzes = []
        s.out = set()
        s.locked_until = {}
        s.marks = {}
        s.attempts = []
        s.opened_at = s.clock_started = None

    def _no_answer(self, seat: int | None, why: str) -> Attempt | None:
        elapsed = self._answer_elapsed() if seat is not None else 0.0
        return self._commit_attempt(
            {
                "type": "no_answer",
                **self._about_question(),
                "player": seat,
                "why": why,
                "elapsed": elapsed,
            }
        )

    def _commit_attempt(self, event: dict[str, Any]) -> Attempt | None:
        """Commit an answer or a no-answer; the attempt it made, or None (a declined pass)."""
        before = self._attempt_count()
        self._commit(event)
        if self._attempt_count() == before:
            return None
        s = self._state
        if s.phase is PartyPhase.OPEN:
            return s.attempts[-1]
        return s.results[-1].attempts[-1]

    def _attempt_count(self) -> int:
        s = self._state
        return len(s.attempts) + sum(len(result.attempts) for result in s.results)

    def _buzz_result(self, seat: int, at: float) -> BuzzResult:
        s = self._state
        if self.style is not PartyStyle.BUZZER or self.paused:
            return BuzzResult.CLOSED
        if s.phase is PartyPhase.READING:
            return BuzzResult.EARLY
        if s.phase is not PartyPhase.OPEN:
            return BuzzResult.CLOSED
        assert s.opened_at is not None
        if at + _EPSILON < s.opened_at:
            return BuzzResult.EARLY
        if seat in s.out:
            return BuzzResult.OUT
        until = s.locked_until.get(seat)
        if until is not None and at + _EPSILON < until:
            return BuzzResult.LOCKED
        if any(buzzer == seat for _, buzzer, _ in s.buzzes):
            return BuzzResult.TOO_LATE
        # A buzz handled late but pressed earlier than the floor holder's still wins.
        if s.buzzes and at >= min(s.buzzes)[0]:
            return BuzzResult.TOO_LATE
        return BuzzResult.ANSWERING

    # --- helpers -----------------------------------------------------------------------

    def _fresh_state(self) -> _State:
        zeros = tuple(0 for _ in self.players)
        return _State(seats=[_Seat() for _ in self.players], question_start=zeros, baseline=zeros)

    def _now(self) -> float:
        return round(self._clock() - self._base, _TIME_DIGITS)

    @property
    def now(self) -> float:
        """Party time: seconds since the party began, paused time included."""
        return self._now()

    def carry_on_from(self, party_time: float) -> None:
        """Go on from `party_time` (a host's checkpoint), if it is after the last event.

        `replay` goes on from the last event's time; a host that checkpointed its time
        later (each second) lost only what came after the checkpoint, so an open
        question keeps the time it had left.
        """
        last = float(self._log[-1]["t"]) if self._log else 0.0
        if party_time > last:
            self._base = self._clock() - party_time

    def _party_time(self, reading: float) -> float:
        return round(reading - self._base, _TIME_DIGITS)

    def _question(self) -> AnyQuestion:
        return self._plan[self._state.index].question

    def _about_question(self) -> dict[str, Any]:
        planned = self._plan[self._state.index]
        return {"question": f"{planned.pack.id}/{planned.question.id}"}

    def _check_question(self, e: Mapping[str, Any]) -> None:
        s = self._state
        if s.phase is PartyPhase.FINISHED:
            raise PartyStateError(f"the party is over: {e['type']} is not possible")
        expected = self._about_question()["question"]
        if e.get("question") != expected:
            raise PartyError(
                f"event {e.get('seq')} is about {e.get('question')}, but the party asks "
                f"{expected} there: the packs have changed since it was saved"
            )

    def _limit(self) -> float | None:
        if not self._config.timed:
            return None
        return self._config.round.time_limits.for_type(self._question().type)

    def _answer_elapsed(self) -> float:
        s = self._state
        if self.style is PartyStyle.BUZZER:
            return next(elapsed for _, seat, elapsed in s.buzzes if seat == s.answering)
        return round(self.elapsed(), _TIME_DIGITS)

    def _seat(self, player: Player | str | int) -> int:
        if isinstance(player, Player):
            try:
                return self.players.index(player)
            except ValueError:
                raise PartyError(f"{player.name} is not in this party") from None
        if isinstance(player, bool):
            raise PartyError(f"not a player: {player!r}")
        if isinstance(player, int):
            if 0 <= player < len(self.players):
                return player
            raise PartyError(f"no seat {player}: seats are 0-{len(self.players) - 1}")
        wanted = " ".join(str(player).split()).casefold()
        for seat, candidate in enumerate(self.players):
            if candidate.name.casefold() == wanted:
                return seat
        raise PartyError(f"no player named {player!r}")

    def _require(self, phases: PartyPhase | tuple[PartyPhase, ...], action: str) -> None:
        allowed = phases if isinstance(phases, tuple) else (phases,)
        if self._state.phase not in allowed:
            names = " or ".join(p.value for p in allowed)
            raise PartyStateError(
                f"{action} is only possible in {names}; the party is in {self._state.phase.value}"
            )
        if self.paused:
            raise PartyStateError(f"{action} is not possible while paused; resume() first")

    def _require_answering(self, action: str) -> None:
        self._require(PartyPhase.OPEN, action)
        if self._state.answering is None:
            who = "the host marks answers" if self.style is PartyStyle.MASTER else "nobody"
            raise PartyStateError(f"{action}: {who} is answering now")


def build_party(
    packs: Sequence[Pack], config: PartyConfig, *, clock: Clock = time.monotonic
) -> Party:
    """Draw a party's questions (as `build_round` does for its round config) and start it.

    Args:
        packs: The packs to draw from.
        config: Style, players and the round config; a None seed gets a fresh one,
            which `party.config` then holds.
        clock: Seconds from any start (`time.monotonic`; a fake one in tests).

    Returns:
        The party, READING its first question.

    Raises:
        RoundError: No packs, or filters that leave no question (as `build_round`).
    """
    return Party(packs, config, clock)


# --- results and export ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResultsTable:
    """A party's results as rows, ready for CSV, JSON or a screen.

    Attributes:
        players: One row per player, in podium order: rank, name, mark, colour, score,
            correct, answered, best_streak, adjusted, then "q1".."qN" (points per
            question, "" when skipped).
        questions: One row per question settled or skipped: number, pack_id,
            question_id, prompt, answer, skipped, and per player name their points and
            whether they were right.
        adjustments: The host's hand-made changes: player, points, reason, after
            (questions played when made).
    """

    players: tuple[dict[str, Any], ...]
    questions: tuple[dict[str, Any], ...]
    adjustments: tuple[dict[str, Any], ...]

    @property
    def player_columns(self) -> tuple[str, ...]:
        """The column names of `players`, in order."""
        return tuple(self.players[0]) if self.players else ()


def results_table(party: Party) -> ResultsTable:
    """The party's results: per-player rows (the podium's order and totals) and per question."""
    results = party.results
    players = []
    for standing in party.standings():
        t = standing.totals
        row: dict[str, Any] = {
            "rank": standing.rank,
            "name": t.player.name,
            "mark": t.player.mark,
            "colour": t.player.colour,
            "score": t.score,
            "correct": t.correct,
            "answered": t.answered,
            "best_streak": t.best_streak,
            "adjusted": t.adjusted,
        }
        for result in results:
            row[f"q{result.index + 1}"] = "" if result.skipped else result.points_of(t.player)
        players.append(row)
    questions = []
    for result in results:
        row = {
            "number": result.index + 1,
            "pack_id": result.pack_id,
            "question_id": result.question.id,
            "prompt": result.question.prompt,
            "answer": result.answer_text,
            "skipped": result.skipped,
            "players": {
                a.player.name: {
                    "points": a.points,
                    "correct": a.correct,
                    "response": a.verdict.response_text,
                    "passed": a.passed,
                    "timed_out": a.timed_out,
                }
                for a in result.attempts
            },
        }
        questions.append(row)
    adjustments = tuple(
        {"player": a.player.name, "points": a.points, "reason": a.reason, "after": a.after}
        for a in party.adjustments
    )
    return ResultsTable(tuple(players), tuple(questions), adjustments)


def export_csv(party: Party, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write the scoreboard as CSV: one row per player, podium order, points per question.

    Args:
        party: The party.
        path: The file to write.
        overwrite: False refuses an existing file (`FileExistsError`).

    Returns:
        The path written.
    """
    table = results_table(party)
    target = Path(path)
    with target.open("w" if overwrite else "x", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(table.player_columns))
        writer.writeheader()
        for row in table.players:
            writer.writerow({key: _cell(value) for key, value in row.items()})
    return target


def export_json(party: Party, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write the full results as JSON: config, players, questions, adjustments, podium.

    Args:
        party: The party.
        path: The file to write.
        overwrite: False refuses an existing file (`FileExistsError`).

    Returns:
        The path written.
    """
    table = results_table(party)
    data = {
        "style": party.style.value,
        "teams": party.config.teams,
        "packs": list(party.pack_ids),
        "seed": party.config.round.seed,
        "finished": party.finished,
        "players": list(table.players),
        "questions": list(table.questions),
        "adjustments": list(table.adjustments),
    }
    target = Path(path)
    with target.open("w" if overwrite else "x", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")
    return target


# --- small pieces --------------------------------------------------------------------------


def _ranks(scores: Sequence[int]) -> list[int]:
    """Competition ranks (1, 1, 3) by seat."""
    return [1 + sum(other > mine for other in scores) for mine in scores]


def _source(pack: Pack, question: AnyQuestion) -> Source | None:
    try:
        return pack.source_of(question)
    except KeyError:
        return None


def _recorded(response: Response) -> Any:
    """A response as an event holds it (JSON: an order response becomes a list)."""
    if isinstance(response, str | bool | int | float):
        return response
    return [str(item) for item in response]


def _recorded_response(response: Response) -> RecordedResponse:
    if isinstance(response, str | bool | int | float):
        return response
    return tuple(str(item) for item in response)


def _response(value: Any) -> Response:
    return tuple(value) if isinstance(value, list) else value


def _result_dict(result: QuestionResult) -> dict[str, Any]:
    return {
        "index": result.index,
        "question_id": result.question.id,
        "answer": result.answer_text,
        "skipped": result.skipped,
        "attempts": [
            {
                "player": a.player.name,
                "response": a.verdict.response_text,
                "correct": a.correct,
                "points": a.points,
                "passed": a.passed,
                "timed_out": a.timed_out,
            }
            for a in result.attempts
        ],
    }


def _cell(value: Any) -> Any:
    # A name typed as "=SUM(...)" would run as a formula when the host opens the CSV in
    # a spreadsheet; a leading apostrophe keeps it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
