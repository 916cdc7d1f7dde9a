"""What the party is now: the state its events build, and what a host or a display reads of it.

`PartyState` is everything derived from the events (an undo rebuilds it from scratch);
`PartyView` is the read side of `Party` (phase, question, turn, scores, leaderboard, what
the host may do now), kept apart from the machine that changes the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from trivia.game.clock import Clock, QuestionClock
from trivia.game.party.events import (
    EPSILON,
    TIME_DIGITS,
    UNDOABLE,
    BuzzResult,
    HostAction,
    PartyPhase,
)
from trivia.game.party.results import (
    Adjustment,
    Attempt,
    PlayerScore,
    Podium,
    QuestionResult,
    Standing,
    podium,
    result_dict,
    standings,
)
from trivia.game.party.roster import (
    LeaderboardWhen,
    PartyConfig,
    PartyError,
    PartyStateError,
    PartyStyle,
    Phone,
    Player,
)
from trivia.game.plan import PlannedQuestion, QuestionView
from trivia.game.settle import Tally
from trivia.packs.model import AnyQuestion, QuestionType


@dataclass(slots=True)
class PartyState:
    """Everything derived from the events (rebuilt from scratch by an undo)."""

    seats: list[Tally]
    """Each player's totals, by seat."""
    players: tuple[Player, ...] = ()
    """Everyone playing, by seat: the config's keyboard seats, then phones as they join."""
    phones: dict[str, Phone] = field(default_factory=dict)
    """The phones joined, by their token's digest (with teams, several play for one seat)."""
    phone_names: dict[str, str] = field(default_factory=dict)
    """Each phone's name, casefolded, to its digest: names are unique in the room."""
    kicked: set[int] = field(default_factory=set)
    """Seats the host sent away: off the leaderboard, and not waited for."""
    live: dict[int, int] = field(default_factory=dict)
    """Seat -> phones joined for it and not kicked (only seats with one): who is awaited."""
    replied: set[int] = field(default_factory=set)
    """All style: the seats that have answered the open question."""
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
    clock: QuestionClock | None = None
    """The answering clock while OPEN (the shared question clock, as a round's)."""
    paused_at: float | None = None
    """When the host paused the party (in any phase); None while it runs."""
    results: list[QuestionResult] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    question_start: tuple[int, ...] = ()
    baseline: tuple[int, ...] = ()
    """Scores before the last settled question: what leaderboard movement compares to."""


class PartyView:
    """The read side of a party: what a host screen and a display show. See `Party`."""

    _config: PartyConfig
    _plan: tuple[PlannedQuestion, ...]
    _pack_ids: tuple[str, ...]
    _clock: Clock
    _base: float
    _log: list[dict[str, Any]]
    _effective: list[dict[str, Any]]
    _state: PartyState

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
        """The players in seat order: the keyboard seats, then phones as they joined."""
        return self._state.players

    @property
    def pack_ids(self) -> tuple[str, ...]:
        """The ids of the packs the questions come from, sorted."""
        return self._pack_ids

    @property
    def events(self) -> tuple[dict[str, Any], ...]:
        """Every event so far, in order (copies: JSON-ready dicts)."""
        return tuple(dict(event) for event in self._log)

    def events_since(self, seq: int) -> list[dict[str, Any]]:
        """The events after event `seq`, in order (copies): O(new events), for a saver that
        takes them as they come."""
        return [dict(event) for event in self._log[seq:]]

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
    def before_first_options(self) -> bool:
        """Whether the party has not shown its first question's options yet (phones are
        told the lobby until then)."""
        s = self._state
        return s.index == 0 and s.phase is PartyPhase.READING and not self.results

    @property
    def in_lobby(self) -> bool:
        """Whether phones are still joining: an all-style party (everyone on a phone) that
        has not shown its first question's options yet. Screens show the room, not the
        first question, which reaches the phones with its options. (In buzzer and master
        style the host reads each question out first, the first one too.)"""
        return (
            self.config.phones > 0
            and self.config.style is PartyStyle.ALL
            and self.before_first_options
        )

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
            source=planned.source,
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
            PlayerScore.of(player, tally)
            for player, tally in zip(self.players, self._state.seats, strict=True)
        )

    def score_of(self, player: Player | str | int) -> PlayerScore:
        """One player's totals."""
        return self.scores()[self._seat(player)]

    def standings(self) -> tuple[Standing, ...]:
        """The leaderboard: best first, ties sharing a rank, then in seat order.

        Movement compares the rank now with the rank before the last question settled
        (skipped questions do not count; adjustments since then do).
        """
        scores, baseline, kicked = self.scores(), self._state.baseline, self._state.kicked
        if kicked:
            kept = [seat for seat in range(len(scores)) if seat not in kicked]
            return standings([scores[i] for i in kept], [baseline[i] for i in kept])
        return standings(scores, baseline)

    def podium(self) -> Podium:
        """Places 1-3 and the full table (also mid-party: the podium so far)."""
        return podium(self.standings())

    def player_for_key(self, key: str) -> Player | None:
        """The player whose buzzer key this is (Textual key name), or None."""
        for player in self.players:
            if player.key is not None and player.key == key.lower():
                return player
        return None

    def elapsed(self) -> float:
        """Seconds the answering clock has run (paused time excluded); 0 unless OPEN."""
        s = self._state
        if s.phase is not PartyPhase.OPEN or s.clock is None:
            return 0.0
        return s.clock.elapsed(self._now())

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
        return until is not None and moment + EPSILON < until

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
            "turn": self.turn.name if self.players else None,
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
            "last_result": None if last is None else result_dict(last),
            "results": len(self._state.results),
            "adjustments": [
                {"player": a.player.name, "points": a.points, "reason": a.reason}
                for a in self._state.adjustments
            ],
            "show_leaderboard": self.show_leaderboard,
        }

    @property
    def end_drops_question(self) -> bool:
        """Whether `end()` now drops the question on screen: asked but not yet settled.

        At the reveal the question has been settled and counts; before it, ending the
        party throws away its answers, marks and buzzes.
        """
        return self._state.phase in (PartyPhase.READING, PartyPhase.OPEN)

    def can(self, action: HostAction | str) -> bool:
        """Whether the host may do `action` now: what a host screen offers, key by key.

        The party's phase rules in one place: an action this says no to is one the party
        refuses (`PartyStateError`), so a screen asks here instead of restating them.

        Args:
            action: A `HostAction` (or its value, "open_options", "next"...).
        """
        s = self._state
        asking = s.phase in (PartyPhase.READING, PartyPhase.OPEN)
        live = not self.paused
        answering = s.answering is not None
        kind = self._question().type
        match HostAction(action):
            case HostAction.OPEN_OPTIONS:
                return s.phase is PartyPhase.READING and live
            case HostAction.NEXT:
                return s.phase is PartyPhase.REVEAL and live
            case HostAction.REVEAL | HostAction.SKIP:
                return asking and live
            case HostAction.PAUSE | HostAction.END:
                return not self.finished
            case HostAction.UNDO:
                return self.can_undo
            case HostAction.MARK:
                return self.style is PartyStyle.MASTER and asking and live
            case HostAction.PICK:
                picked = kind in (QuestionType.CHOICE, QuestionType.TRUEFALSE)
                return answering and asking and live and picked
            case HostAction.TRUE_FALSE:
                return answering and kind == QuestionType.TRUEFALSE and live
            case HostAction.DECLINE:
                return answering and live
            case HostAction.SHOW_KEY:
                return self.style is PartyStyle.MASTER and not self.finished
        raise AssertionError(f"unhandled host action {action!r}")  # pragma: no cover

    def _undo_target(self) -> dict[str, Any] | None:
        for event in reversed(self._effective):
            if event["type"] in UNDOABLE:
                return event
        return None

    def _buzz_result(self, seat: int, at: float) -> BuzzResult:
        s = self._state
        if self.style is not PartyStyle.BUZZER or self.paused:
            return BuzzResult.CLOSED
        if s.phase is PartyPhase.READING:
            return BuzzResult.EARLY
        if s.phase is not PartyPhase.OPEN:
            return BuzzResult.CLOSED
        assert s.opened_at is not None
        if at + EPSILON < s.opened_at:
            return BuzzResult.EARLY
        if seat in s.out:
            return BuzzResult.OUT
        until = s.locked_until.get(seat)
        if until is not None and at + EPSILON < until:
            return BuzzResult.LOCKED
        if any(buzzer == seat for _, buzzer, _ in s.buzzes):
            return BuzzResult.TOO_LATE
        # A buzz handled late but pressed earlier than the floor holder's still wins.
        if s.buzzes and at >= min(s.buzzes)[0]:
            return BuzzResult.TOO_LATE
        return BuzzResult.ANSWERING

    def _now(self) -> float:
        return round(self._clock() - self._base, TIME_DIGITS)

    @property
    def now(self) -> float:
        """Party time: seconds since the party began, paused time included."""
        return self._now()

    def _party_time(self, reading: float) -> float:
        return round(reading - self._base, TIME_DIGITS)

    def _question(self) -> AnyQuestion:
        return self._plan[self._state.index].question

    def _about_question(self) -> dict[str, Any]:
        return {"question": self._plan[self._state.index].key}

    def _limit(self) -> float | None:
        if not self._config.timed:
            return None
        return self._config.round.time_limits.for_type(self._question().type)

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

    def _answer_elapsed(self) -> float:
        s = self._state
        if self.style is PartyStyle.BUZZER:
            return next(elapsed for _, seat, elapsed in s.buzzes if seat == s.answering)
        return round(self.elapsed(), TIME_DIGITS)

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
