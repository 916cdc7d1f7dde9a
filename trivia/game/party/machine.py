"""The party's state machine: the host's actions become events, and the events the state.

See `trivia.game.party` for the phases and the styles. Each event type has one handler in
`_HANDLERS` (the dispatch table at the end); applying a party's events in order, through
it, rebuilds the party exactly: that is how replay, undo and a following display work.
Questions come from the shared plan, their time from the shared question clock, and each
go is settled and tallied by the same `settle` and `Tally` as a solo round's.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from trivia.game.answers import Response, check_answer
from trivia.game.clock import Clock, QuestionClock
from trivia.game.config import RoundError
from trivia.game.party.events import (
    QUESTION_EVENTS,
    TIME_DIGITS,
    BuzzResult,
    EventType,
    PartyPhase,
    event_response,
    response_of,
)
from trivia.game.party.results import (
    Adjustment,
    Attempt,
    QuestionResult,
)
from trivia.game.party.roster import (
    PartyConfig,
    PartyError,
    PartyStateError,
    PartyStyle,
    Player,
)
from trivia.game.party.state import PartyState
from trivia.game.party.undo import Undoing
from trivia.game.plan import QuestionView, plan_round
from trivia.game.settle import Tally, settle, settle_mark
from trivia.packs.model import Pack


class Party(Undoing):
    """A party: the state machine a host screen drives and a display shows.

    Build it with `build_party`; rebuild it with `Party.replay`. Actions:
    `open_options`, `buzz`, `answer`, `decline`, `tick`, `mark`, `toggle_mark`,
    `reveal`, `next`, `skip`, `pause`, `resume`, `undo`, `adjust`, `end`; phones' `join`,
    `kick`, `answer_as` (`trivia.game.party.phones`). An action the
    phase does not allow raises `PartyStateError` and records nothing (except `buzz`,
    which answers with a `BuzzResult`, and `tick`, which does nothing).
    """

    def __init__(
        self, packs: Sequence[Pack], config: PartyConfig, clock: Clock = time.monotonic
    ) -> None:
        """Start a party on its first question (READING); prefer `build_party`."""
        # The shared plan: the same questions, options and items as a round with this seed.
        plan = plan_round(packs, config.round)
        self._config = replace(config, round=plan.config)
        self._plan = plan.questions
        self._pack_ids = plan.pack_ids
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
            assert s.clock is not None
            elapsed = round(s.clock.elapsed(moment), TIME_DIGITS)
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
                "response": event_response(response),
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
        if kind == EventType.UNDO:
            self._apply_undo(e)
            return
        self._apply_action(e)
        self._effective.append(dict(e))

    def _apply_action(self, e: Mapping[str, Any]) -> None:
        kind = e["type"]
        if kind in QUESTION_EVENTS:
            self._check_question(e)
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise PartyError(f"unknown event type {kind!r}")
        handler(self, e, float(e["t"]))

    # --- one handler per event type (`_HANDLERS`) ---------------------------------------

    def _on_pause(self, e: Mapping[str, Any], t: float) -> None:
        # Idempotent, like `Round.pause`: `pause()` records nothing when paused.
        s = self._state
        if s.paused_at is None:
            s.paused_at = t
            if s.clock is not None:
                s.clock.pause(t)

    def _on_resume(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        if s.paused_at is not None:
            if s.clock is not None:
                s.clock.resume(t)
            s.paused_at = None

    def _on_open(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        self._require(PartyPhase.READING, "open_options()")
        s.phase = PartyPhase.OPEN
        s.opened_at = t
        s.clock = QuestionClock(t, self._limit())
        if self.style is PartyStyle.HOTSEAT:
            s.answering = s.turn

    def _on_early_buzz(self, e: Mapping[str, Any], t: float) -> None:
        seat = self._seat(e["player"])
        if self._buzz_result(seat, float(e["at"])) is not BuzzResult.EARLY:
            raise PartyError("an early buzz that was not early")
        until = round(float(e["at"]) + self._config.lockout, TIME_DIGITS)
        self._state.locked_until[seat] = until

    def _on_buzz(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        seat = self._seat(e["player"])
        if self._buzz_result(seat, float(e["at"])) is not BuzzResult.ANSWERING:
            raise PartyError("a buzz that could not take the floor")
        s.buzzes.append((float(e["at"]), seat, float(e["elapsed"])))
        s.answering = min(s.buzzes)[1]

    def _on_answer(self, e: Mapping[str, Any], t: float) -> None:
        self._require_answering("answer()")
        if self._seat(e["player"]) != self._state.answering:
            raise PartyError("an answer from a player who was not answering")
        self._attempt(response_of(e["response"]), float(e["elapsed"]), t)

    def _on_no_answer(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
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

    def _on_mark(self, e: Mapping[str, Any], t: float) -> None:
        if self.style is not PartyStyle.MASTER:
            raise PartyStateError("marks are for master style; players answer here")
        self._require((PartyPhase.READING, PartyPhase.OPEN), "mark()")
        self._state.marks[self._seat(e["player"])] = bool(e["right"])

    def _on_reveal(self, e: Mapping[str, Any], t: float) -> None:
        self._require((PartyPhase.READING, PartyPhase.OPEN), "reveal()")
        if self.style is PartyStyle.MASTER:
            self._award_marks()
        self._settle()

    def _on_next(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        self._require(PartyPhase.REVEAL, "next()")
        if self.has_next:
            s.turn = (s.turn + 1) % max(len(self.players), 1)  # a phone party starts empty
            self._ask(s.index + 1)
        else:
            s.phase = PartyPhase.FINISHED

    def _on_skip(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        self._require((PartyPhase.READING, PartyPhase.OPEN), "skip()")
        planned = self._plan[s.index]
        s.results.append(QuestionResult(s.index, planned.pack.id, planned.question, (), True))
        if self.has_next:
            self._ask(s.index + 1)
        else:
            self._close_question()
            s.phase = PartyPhase.FINISHED

    def _on_adjust(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        seat = self._seat(e["player"])
        points = int(e["points"])
        s.seats[seat].adjust(points)
        s.adjustments.append(
            Adjustment(self.players[seat], points, str(e["reason"]), len(s.results))
        )

    def _on_end(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        if s.phase is PartyPhase.FINISHED:
            raise PartyStateError("the party is already over")
        self._close_question()
        # The pause is kept (and hidden by `paused`), so undoing the end brings back a
        # paused party exactly as it was.
        s.phase = PartyPhase.FINISHED

    # --- rules -------------------------------------------------------------------------

    def _attempt(
        self, response: Response | None, elapsed: float, t: float, why: str | None = None
    ) -> None:
        """Record the answering player's go, then pass, reopen or settle the question."""
        s = self._state
        seat = s.answering
        assert seat is not None
        settled = settle(
            self._question(),
            response,
            elapsed,
            limit=self._limit(),
            previous_streak=s.seats[seat].streak,
            rules=self._config.round.rules,
            credit_factor=self._config.pass_factor if s.passed else 1.0,
        )
        if s.passed and settled.timed_out:
            # A player offered a pass may let it go: no answer, no penalty.
            self._settle()
            return
        s.attempts.append(Attempt.of(self.players[seat], settled, s.passed))
        if settled.correct:
            self._settle()
        elif self.style is PartyStyle.HOTSEAT:
            if self._config.pass_on_wrong and not s.passed:
                s.passed = True
                s.answering = (s.turn + 1) % len(self.players)
                s.clock = QuestionClock(t, self._limit())
            else:
                self._settle()
        else:
            s.out.add(seat)
            s.buzzes.clear()
            s.answering = None
            if why == "time" or len(s.out) + len(s.kicked) >= len(self.players):
                self._settle()

    def _award_marks(self) -> None:
        s = self._state
        question = self._question()
        for seat, player in enumerate(self.players):
            settled = settle_mark(
                question,
                s.marks.get(seat, False),
                previous_streak=s.seats[seat].streak,
                rules=self._config.round.rules,
            )
            s.attempts.append(Attempt.of(player, settled))

    def _settle(self) -> None:
        """Apply the question's attempts to the players' tallies and go to REVEAL."""
        s = self._state
        self._time_out_the_rest()
        by_player = {player: seat for seat, player in enumerate(self.players)}
        for attempt in s.attempts:
            s.seats[by_player[attempt.player]].add(attempt.breakdown, attempt.correct)
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
        s.replied = set()
        s.attempts = []
        s.opened_at = None
        s.clock = None

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

    # --- helpers -----------------------------------------------------------------------

    def _fresh_state(self) -> PartyState:
        seats = self._config.players
        zeros = tuple(0 for _ in seats)
        return PartyState([Tally() for _ in seats], seats, question_start=zeros, baseline=zeros)

    def carry_on_from(self, party_time: float) -> None:
        """Go on from `party_time` (a host's checkpoint), if it is after the last event.

        `replay` goes on from the last event's time; a host that checkpointed its time
        later (each second) lost only what came after the checkpoint, so an open
        question keeps the time it had left.
        """
        last = float(self._log[-1]["t"]) if self._log else 0.0
        if party_time > last:
            self._base = self._clock() - party_time


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


_Handler = Callable[[Party, Mapping[str, Any], float], None]

_HANDLERS: Mapping[str, _Handler] = {
    EventType.PAUSE: Party._on_pause,
    EventType.RESUME: Party._on_resume,
    EventType.OPEN: Party._on_open,
    EventType.EARLY_BUZZ: Party._on_early_buzz,
    EventType.BUZZ: Party._on_buzz,
    EventType.ANSWER: Party._on_answer,
    EventType.NO_ANSWER: Party._on_no_answer,
    EventType.MARK: Party._on_mark,
    EventType.REVEAL: Party._on_reveal,
    EventType.NEXT: Party._on_next,
    EventType.SKIP: Party._on_skip,
    EventType.ADJUST: Party._on_adjust,
    EventType.END: Party._on_end,
    EventType.JOIN: Party._on_join,
    EventType.KICK: Party._on_kick,
    EventType.REPLY: Party._on_reply,
}
"""The dispatch table: each event type's handler, which validates the event against the
state and changes the state (never half). `undo` is not here: it rebuilds the state from
the events before the one it takes back (`trivia.game.party.undo`)."""
