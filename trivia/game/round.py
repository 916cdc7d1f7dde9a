"""A round of questions as a state machine that a UI (or a test) drives, without a UI.

`build_round` picks the questions from packs for a `RoundConfig` (deterministically for its
seed) and returns a `Round`. The round is in one of three states:

    ASKING --answer() / time_out() / tick() past the limit--> REVEAL
    REVEAL --next()--> ASKING (the next question) or FINISHED (no question left, or
                       survival out of lives)

Everything the screen shows comes from the round: `current` (a `QuestionView` with the
options in play order, the items of an order question in their start order, the time
limit, the lifelines left, the hint once bought), `time_left()`, `last_outcome` (the
verdict and the points breakdown for the reveal), `score`, `streak`, `lives_left` and
`summary()`. Time is read from an injected clock, so tests use a fake one.

A round is rebuilt exactly from its config (with its seed), its packs and the answers
recorded so far (`Round.records`): see `Round.restore`. That is what saves persist.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# The round's vocabulary lives in the shared modules; it is imported here under its old
# address too (`trivia.game.round.Mode` and the like), which the rest of the code uses.
from trivia.game.answers import InvalidResponse, Response
from trivia.game.clock import Clock, QuestionClock
from trivia.game.config import (
    DAILY_QUESTIONS,
    PRACTICE_QUESTIONS,
    QUICK_QUESTIONS,
    Lifeline,
    LifelineError,
    Mode,
    RoundConfig,
    RoundError,
    RoundState,
    RoundStateError,
    TimeLimits,
)
from trivia.game.plan import (
    EXACT_SHUFFLE_LIMIT,
    PlannedQuestion,
    QuestionView,
    RoundSize,
    draw_order,
    filters_text,
    plan_round,
    question_matches,
    round_size,
)
from trivia.game.records import (
    Outcome,
    QuestionInProgress,
    RecordedAnswer,
    Summary,
    SummaryLine,
)
from trivia.game.settle import RecordedResponse, Tally, settle
from trivia.packs.model import AnyQuestion, ChoiceQuestion, Pack

__all__ = [
    "DAILY_QUESTIONS",
    "EXACT_SHUFFLE_LIMIT",
    "PRACTICE_QUESTIONS",
    "QUICK_QUESTIONS",
    "Clock",
    "Lifeline",
    "LifelineError",
    "Mode",
    "Outcome",
    "QuestionInProgress",
    "QuestionView",
    "RecordedAnswer",
    "RecordedResponse",
    "Round",
    "RoundConfig",
    "RoundError",
    "RoundSize",
    "RoundState",
    "RoundStateError",
    "Summary",
    "SummaryLine",
    "TimeLimits",
    "build_round",
    "draw_order",
    "filters_text",
    "question_matches",
    "round_size",
]


@dataclass(slots=True)
class _Asking:
    """The state of the question on screen that the next answer will settle."""

    clock: QuestionClock
    lifelines: list[Lifeline] = field(default_factory=list)
    removed: tuple[str, ...] = ()


class Round:
    """One player's round: the state machine a UI drives. Build it with `build_round`.

    Actions: `answer`, `time_out`, `tick`, `use_lifeline`, `next`, `pause`, `resume`.
    An action the state does not allow raises `RoundStateError`.
    """

    def __init__(
        self,
        config: RoundConfig,
        plan: Sequence[PlannedQuestion],
        pack_ids: tuple[str, ...],
        clock: Clock = time.monotonic,
    ) -> None:
        """Start a round on its first question; use `build_round` rather than this."""
        if config.seed is None:
            raise RoundError("a round needs a seed; build it with build_round()")
        if not plan:
            raise RoundError("a round needs at least one question")
        self._config = config
        self._seed: int = config.seed
        self._plan = tuple(plan)
        self._pack_ids = pack_ids
        self._clock = clock
        self._pending: QuestionInProgress | None = None
        """A checkpoint of the question a restored round goes on with (see `restore`)."""
        self._state = RoundState.ASKING
        self._index = 0
        self._asking = self._ask()
        self._lifelines_left = list(Lifeline)
        self._history: list[Outcome] = []
        self._tally = Tally()

    # --- what the UI reads -------------------------------------------------------------

    @property
    def config(self) -> RoundConfig:
        """The round's config, with its seed filled in."""
        return self._config

    @property
    def pack_ids(self) -> tuple[str, ...]:
        """The ids of the packs the round was built from, sorted."""
        return self._pack_ids

    @property
    def state(self) -> RoundState:
        """Where the round is."""
        return self._state

    @property
    def current(self) -> QuestionView:
        """The question on screen (while asking) or being revealed.

        Raises:
            RoundStateError: The round is finished.
        """
        if self._state is RoundState.FINISHED:
            raise RoundStateError("the round is finished: there is no current question")
        planned = self._plan[self._index]
        asking = self._state is RoundState.ASKING
        used = tuple(self._asking.lifelines)
        return QuestionView(
            question=planned.question,
            pack_id=planned.pack.id,
            source=planned.source,
            index=self._index,
            total=None if self._config.mode is Mode.SURVIVAL else len(self._plan),
            options=planned.options,
            removed=self._asking.removed,
            items=planned.items,
            time_limit=self._limit(planned.question),
            lifelines_left=tuple(self._lifelines_left),
            lifelines_usable=tuple(
                lifeline for lifeline in Lifeline if asking and self._refusal(lifeline) is None
            ),
            lifelines_used=used,
            hint=planned.question.hint if Lifeline.HINT in used else None,
        )

    @property
    def last_outcome(self) -> Outcome | None:
        """The outcome of the last question settled (what the reveal shows), if any."""
        return self._history[-1] if self._history else None

    @property
    def history(self) -> tuple[Outcome, ...]:
        """Every question settled so far, in order."""
        return tuple(self._history)

    @property
    def records(self) -> tuple[RecordedAnswer, ...]:
        """The answers so far as saves persist them (see `restore`)."""
        return tuple(outcome.record for outcome in self._history)

    @property
    def plan(self) -> tuple[PlannedQuestion, ...]:
        """The questions the round asks, in order, with their shuffles done."""
        return self._plan

    @property
    def score(self) -> int:
        """Total points so far."""
        return self._tally.score

    @property
    def streak(self) -> int:
        """Right answers in a row, up to the last question settled."""
        return self._tally.streak

    @property
    def best_streak(self) -> int:
        """The longest streak in this round."""
        return self._tally.best_streak

    @property
    def misses(self) -> int:
        """Wrong answers and time outs so far."""
        return self._tally.misses

    @property
    def lives_left(self) -> int | None:
        """Misses left before a survival round ends; None in other modes."""
        if self._config.mode is not Mode.SURVIVAL:
            return None
        return max(self._config.lives - self.misses, 0)

    @property
    def lifelines_left(self) -> tuple[Lifeline, ...]:
        """Lifelines not yet used this round."""
        return tuple(self._lifelines_left)

    @property
    def has_next(self) -> bool:
        """Whether `next()` from the reveal leads to another question (else to FINISHED)."""
        if self._state is RoundState.FINISHED:
            return False
        if self.lives_left == 0:
            return False
        return self._index + 1 < len(self._plan)

    @property
    def summed_up_when_left(self) -> bool:
        """Whether leaving this round before its end shows the summary of what was answered.

        A marathon asks every question of the pool, so one left mid-way may hold dozens of
        answers worth seeing; the short modes go straight back. Nothing answered, nothing
        to sum up.
        """
        return (
            self._config.mode is Mode.MARATHON
            and self._state is not RoundState.FINISHED
            and bool(self._history)
        )

    @property
    def paused(self) -> bool:
        """Whether the question's clock is paused."""
        return self._asking.clock.paused

    def elapsed(self) -> float:
        """Seconds the current question has been asked (paused time excluded); 0 unless asking."""
        if self._state is not RoundState.ASKING:
            return 0.0
        return self._asking.clock.elapsed(self._clock())

    def time_left(self) -> float | None:
        """Seconds left on the current question; None when untimed or not asking."""
        if self._state is not RoundState.ASKING:
            return None
        return self._asking.clock.left(self._clock())

    def in_progress(self) -> QuestionInProgress | None:
        """The question being asked, for a save's checkpoint; None unless asking."""
        if self._state is not RoundState.ASKING:
            return None
        return QuestionInProgress(
            self._index, round(self.elapsed(), 1), tuple(self._asking.lifelines)
        )

    def can_use(self, lifeline: Lifeline | str) -> bool:
        """Whether `use_lifeline(lifeline)` would succeed now."""
        return self._state is RoundState.ASKING and self._refusal(Lifeline(lifeline)) is None

    def refusal(self, lifeline: Lifeline | str) -> str | None:
        """Why `use_lifeline(lifeline)` would fail on this question, or None if it would not."""
        if self._state is not RoundState.ASKING:
            return f"lifelines are used while a question is asked; the round is {self._state.value}"
        return self._refusal(Lifeline(lifeline))

    def summary(self) -> Summary:
        """The round's summary so far (at the end: the final one)."""
        correct = sum(outcome.correct for outcome in self._history)
        answered = len(self._history)
        return Summary(
            mode=self._config.mode,
            seed=self._seed,
            score=self._tally.score,
            correct=correct,
            answered=answered,
            accuracy=correct / answered if answered else 0.0,
            best_streak=self._tally.best_streak,
            total_time=sum(outcome.elapsed for outcome in self._history),
            lines=tuple(
                SummaryLine(
                    number=outcome.index + 1,
                    question_id=outcome.question.id,
                    prompt=outcome.question.prompt,
                    your_answer=outcome.verdict.response_text,
                    right_answer=outcome.verdict.answer_text,
                    correct=outcome.correct,
                    timed_out=outcome.timed_out,
                    points=outcome.points,
                    elapsed=outcome.elapsed,
                )
                for outcome in self._history
            ),
        )

    # --- what the UI does --------------------------------------------------------------

    def answer(self, response: Response) -> Outcome:
        """Answer the current question; the round moves to REVEAL.

        The time taken is read from the clock. An answer that arrives after the limit
        (the UI's tick came late) counts as a time out.

        Args:
            response: See `trivia.game.answers.check_answer` for each type. A choice
                response must be one of `current.remaining_options`.

        Returns:
            The outcome, also in `last_outcome` and `history`.

        Raises:
            RoundStateError: Not asking, or paused.
            InvalidResponse: The response cannot be an answer (the round stays ASKING).
        """
        self._require_asking("answer()")
        return self._settle(response, self.elapsed())

    def time_out(self) -> Outcome:
        """End the current question without an answer (the limit passed, or a pass).

        Untimed rounds have no limit, so a UI can offer this as "pass".

        Returns:
            The outcome (a miss; the streak resets).

        Raises:
            RoundStateError: Not asking, or paused.
        """
        self._require_asking("time_out()")
        return self._settle(None, self.elapsed())

    def tick(self) -> Outcome | None:
        """Time out the current question if its limit has passed; call it from a UI timer.

        Returns:
            The outcome when the question timed out now, else None (also when not asking,
            paused or untimed, so a timer can call it at any moment).
        """
        if self._state is not RoundState.ASKING or self.paused:
            return None
        if not self._asking.clock.expired(self._clock()):
            return None
        return self._settle(None, self.elapsed())

    def use_lifeline(self, lifeline: Lifeline | str) -> QuestionView:
        """Use a lifeline on the current question; each can be used once per round.

        Args:
            lifeline: `"fifty_fifty"` (choice questions with 3 or more options: strikes out
                every wrong option but one) or `"hint"` (questions with a hint).

        Returns:
            The updated view (`removed` or `hint` filled in).

        Raises:
            RoundStateError: Not asking, or paused.
            LifelineError: Already used this round, or not for this question.
        """
        self._require_asking("use_lifeline()")
        kind = Lifeline(lifeline)
        refusal = self._refusal(kind)
        if refusal is not None:
            raise LifelineError(refusal)
        self._lifelines_left.remove(kind)
        self._asking.lifelines.append(kind)
        if kind is Lifeline.FIFTY_FIFTY:
            self._asking.removed = self._fifty_fifty(self._plan[self._index])
        return self.current

    def next(self) -> None:
        """Leave the reveal: ask the next question (its clock starts now) or finish.

        Raises:
            RoundStateError: Not in REVEAL.
        """
        if self._state is not RoundState.REVEAL:
            raise RoundStateError(
                f"next() is only allowed during the reveal; the round is {self._state.value}"
            )
        if not self.has_next:
            self._state = RoundState.FINISHED
            return
        self._index += 1
        self._asking = self._ask()
        self._state = RoundState.ASKING
        self._carry_on()

    def pause(self) -> None:
        """Stop the current question's clock (a dialog covers the question). Idempotent."""
        if self._state is RoundState.ASKING:
            self._asking.clock.pause(self._clock())

    def resume(self) -> None:
        """Restart the clock stopped by `pause`. Idempotent."""
        self._asking.clock.resume(self._clock())

    # --- rebuilding ----------------------------------------------------------------------

    @classmethod
    def restore(
        cls,
        packs: Sequence[Pack],
        config: RoundConfig,
        answers: Iterable[RecordedAnswer],
        *,
        clock: Clock = time.monotonic,
        in_progress: QuestionInProgress | None = None,
    ) -> Round:
        """Rebuild a round exactly where it stopped, from what saves persisted.

        The round is built again from the packs and the config (whose seed must be set),
        then every recorded answer is replayed with its recorded time and lifelines. The
        round is left where the last answer left it, in the reveal of that answer (call
        `next()` to go on), or asking the first question when there is no answer yet.
        The question after the last answer goes on with the time and lifelines of
        `in_progress`, when that is a checkpoint of it (an older one is ignored).

        Args:
            packs: The packs the round was built from (see `pack_ids`).
            config: The round's config, seed included (`round.config`).
            answers: The recorded answers, in order (`round.records`).
            clock: The clock for the rest of the round.

        Returns:
            The rebuilt round.

        Raises:
            RoundError: No seed, or the answers do not fit the round (a pack changed).
        """
        if config.seed is None:
            raise RoundError("restoring a round needs the seed it was played with")
        restored = build_round(packs, config, clock=clock)
        for number, recorded in enumerate(answers, start=1):
            if number > 1:
                if not restored.has_next:
                    raise RoundError(f"answer {number} is beyond the end of the round")
                restored.next()
            planned = restored._plan[restored._index]
            if (planned.pack.id, planned.question.id) != (recorded.pack_id, recorded.question_id):
                raise RoundError(
                    f"answer {number} is for {recorded.pack_id}/{recorded.question_id}, but "
                    f"the round asks {planned.pack.id}/{planned.question.id} there: "
                    "the packs have changed since the round was saved"
                )
            try:
                for lifeline in recorded.lifelines:
                    restored.use_lifeline(lifeline)
                restored._settle(recorded.response, recorded.elapsed)
            except (InvalidResponse, LifelineError) as error:
                raise RoundError(f"answer {number} no longer fits its question: {error}") from error
        restored._pending = in_progress
        if restored._state is RoundState.ASKING:
            restored._carry_on()
        return restored

    def _carry_on(self) -> None:
        """A restored round's question in progress goes on with its time and lifelines."""
        pending = self._pending
        if pending is None or pending.position != self._index:
            return
        self._pending = None
        self._asking.clock.started = self._clock() - pending.elapsed
        for lifeline in pending.lifelines:
            if self._refusal(lifeline) is None:
                self.use_lifeline(lifeline)

    # --- inside ------------------------------------------------------------------------

    def _settle(self, response: Response | None, elapsed: float) -> Outcome:
        planned = self._plan[self._index]
        settled = settle(
            planned.question,
            response,
            elapsed,
            limit=self._limit(planned.question),
            previous_streak=self._tally.streak,
            rules=self._config.rules,
            lifeline=bool(self._asking.lifelines),
            removed=self._asking.removed,
        )
        outcome = Outcome(
            index=self._index,
            pack_id=planned.pack.id,
            question=planned.question,
            response=settled.response,
            verdict=settled.verdict,
            breakdown=settled.breakdown,
            elapsed=settled.elapsed,
            lifelines=tuple(self._asking.lifelines),
            timed_out=settled.timed_out,
        )
        self._history.append(outcome)
        self._tally.add(settled.breakdown, settled.correct)
        self._asking.clock.paused_at = None
        self._state = RoundState.REVEAL
        return outcome

    def _ask(self) -> _Asking:
        """The state of the question at `_index`, its clock starting now."""
        question = self._plan[self._index].question
        return _Asking(QuestionClock(self._clock(), self._limit(question)))

    def _require_asking(self, action: str) -> None:
        if self._state is not RoundState.ASKING:
            hint = "call next() first" if self._state is RoundState.REVEAL else "it is over"
            raise RoundStateError(
                f"{action} is only allowed while asking; the round is in "
                f"{self._state.value} ({hint})"
            )
        if self.paused:
            raise RoundStateError(f"{action} is not allowed while paused; call resume() first")

    def _limit(self, question: AnyQuestion) -> float | None:
        if not self._config.timed:
            return None
        return self._config.time_limits.for_type(question.type)

    def _refusal(self, lifeline: Lifeline) -> str | None:
        """Why a lifeline cannot be used on the current question, or None if it can."""
        if lifeline not in self._lifelines_left:
            return f"the {lifeline.value} lifeline has already been used this round"
        question = self._plan[self._index].question
        if lifeline is Lifeline.FIFTY_FIFTY:
            if not isinstance(question, ChoiceQuestion):
                return "50:50 only works on multiple-choice questions"
            if len(question.options) < 3:
                return "50:50 needs at least 3 options; this question has 2"
        if lifeline is Lifeline.HINT and not question.hint:
            return "this question has no hint"
        return None

    def _fifty_fifty(self, planned: PlannedQuestion) -> tuple[str, ...]:
        question = planned.question
        assert isinstance(question, ChoiceQuestion)
        wrong = [option for option in planned.options if option != question.answer]
        # Its own generator, so which option survives does not depend on anything else
        # drawn in the round.
        kept = planned.rng(self._seed, "fifty_fifty").choice(wrong)
        return tuple(option for option in wrong if option != kept)


def build_round(
    packs: Sequence[Pack],
    config: RoundConfig | None = None,
    *,
    clock: Clock = time.monotonic,
) -> Round:
    """Pick a round's questions from packs and start it on the first one.

    Everything random (which questions and in which order, the order of a choice's
    options unless `fixed_order`, the start order of an order question's items, what
    50:50 keeps) follows from the seed, so the same seed and packs give the same round,
    whatever order the packs come in (see `trivia.game.plan.plan_round`).

    Args:
        packs: The packs to draw from.
        config: What to play; None is a default quick round with a fresh seed.
        clock: Seconds from any start (`time.monotonic`; a fake one in tests).

    Returns:
        The round, asking its first question; `round.config.seed` holds the seed used.

    Raises:
        RoundError: No packs, two packs with one id, or filters (or `question_ids`) that
            leave no question.
    """
    plan = plan_round(packs, config)
    return Round(plan.config, plan.questions, plan.pack_ids, clock)
