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

import random
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from itertools import accumulate
from typing import Any

from trivia.game.answers import (
    InvalidResponse,
    Response,
    Verdict,
    check_answer,
    no_answer,
)
from trivia.game.scoring import DEFAULT_RULES, Breakdown, ScoreRules, score
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    OrderQuestion,
    Pack,
    QuestionType,
    Source,
)
from trivia.packs.stored import StoredQuestions

Clock = Callable[[], float]
"""Seconds from an arbitrary start, only ever compared with itself (`time.monotonic`)."""

RecordedResponse = str | bool | int | float | tuple[str, ...]
"""A response as it is recorded: the player's own, with an order response as a tuple."""

QUICK_QUESTIONS = 10
"""How many questions a quick round asks unless `question_count` says otherwise."""

PRACTICE_QUESTIONS = 10
"""How many questions a practice round asks unless `question_count` says otherwise."""

DAILY_QUESTIONS = 10
"""How many questions the daily challenge asks."""


class Mode(StrEnum):
    """How a round picks its questions and when it ends.

    Every mode asks the questions listed in `RoundConfig.question_ids` when there is such a
    list; otherwise the questions that pass the filters, shuffled by the seed.
    """

    QUICK = "quick"
    """A fixed number of questions (10 by default)."""
    SURVIVAL = "survival"
    """Until the player runs out of lives (3 misses) or the questions run out."""
    MARATHON = "marathon"
    """Every question that passes the filters."""
    PRACTICE = "practice"
    """Missed and due questions first, then new ones (10 by default). The order comes from
    the player's Leitner boxes, which the store keeps: `trivia.store.practice_config` builds
    the config (untimed unless asked) with `question_ids` from `practice_question_ids`."""
    DAILY = "daily"
    """The day's challenge: 10 timed questions seeded by the date, the same for everyone
    (`trivia.store.daily_config`); the store allows one scored attempt a day."""

    @property
    def once_a_day(self) -> bool:
        """Whether a round of this mode can be played only once a day (so never "again")."""
        return self is Mode.DAILY


class RoundState(StrEnum):
    """Where a round is."""

    ASKING = "asking"
    """A question is on screen, waiting for an answer; its clock runs."""
    REVEAL = "reveal"
    """The last question was answered or timed out; the reveal shows the outcome."""
    FINISHED = "finished"
    """No question left: show the summary."""


class Lifeline(StrEnum):
    """The helps a player can use once per round; each halves the question's points."""

    FIFTY_FIFTY = "fifty_fifty"
    """Strikes out all wrong options but one (choice questions with 3 or more options)."""
    HINT = "hint"
    """Shows the question's hint (questions that have one)."""


class RoundError(Exception):
    """A round cannot be built or restored, or was asked to do something it cannot do."""


class RoundStateError(RoundError):
    """An action that the round's current state does not allow (answering during a reveal)."""


class LifelineError(RoundError):
    """A lifeline that cannot be used now (already used, or not for this question)."""


@dataclass(frozen=True, slots=True)
class TimeLimits:
    """Seconds allowed per question type when a round is timed.

    Reading and tapping a choice or true/false takes least; typing a text or number
    answer needs more; arranging an order question's items needs the most.
    """

    choice: float = 20.0
    truefalse: float = 20.0
    text: float = 30.0
    number: float = 30.0
    order: float = 45.0

    def for_type(self, question_type: QuestionType) -> float:
        """The limit for a question type."""
        limit: float = getattr(self, QuestionType(question_type).value)
        return limit


@dataclass(frozen=True, slots=True)
class RoundConfig:
    """What a round plays and by which rules.

    Attributes:
        mode: Quick, survival, marathon, practice or daily.
        question_count: At most this many questions; None is the mode's default (10 for
            quick, practice and daily rounds, every matching question otherwise), or every
            listed question when `question_ids` is set.
        seed: Seeds every random choice (questions, option and item order, 50:50). None
            asks `build_round` for a fresh one, which the round's `config` then holds.
        tags: Keep questions with any of these tags; empty keeps all.
        difficulties: Keep questions of these difficulties; empty keeps all.
        timed: Whether questions have a time limit (and speed counts in the score).
        time_limits: The limits per question type.
        lives: Misses that end a survival round.
        rules: The scoring constants.
        question_ids: The questions to ask, in this order, instead of drawing them with the
            seed (practice builds this list from the Leitner boxes). An entry is a question
            id, found in every pack of the round that has it, or `"pack-id/question-id"`
            for one pack's question. Ids no pack has, repeats, and questions the filters
            exclude are skipped; `question_count` then keeps the first ones. None draws
            the questions with the seed.
    """

    mode: Mode = Mode.QUICK
    question_count: int | None = None
    seed: int | None = None
    tags: frozenset[str] = frozenset()
    difficulties: frozenset[Difficulty] = frozenset()
    timed: bool = True
    time_limits: TimeLimits = TimeLimits()
    lives: int = 3
    rules: ScoreRules = DEFAULT_RULES
    question_ids: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        # Accept plain strings and lists (from the CLI or a save) and keep typed, hashable
        # values, so two equal configs compare equal.
        object.__setattr__(self, "mode", _mode(self.mode))
        object.__setattr__(self, "tags", frozenset(self.tags))
        object.__setattr__(self, "difficulties", frozenset(map(Difficulty, self.difficulties)))
        if self.question_ids is not None:
            if isinstance(self.question_ids, str):
                raise TypeError("question_ids is a sequence of question ids, not one string")
            object.__setattr__(self, "question_ids", tuple(map(str, self.question_ids)))
        if self.question_count is not None and self.question_count < 1:
            raise ValueError(f"question_count must be at least 1, not {self.question_count}")
        if self.lives < 1:
            raise ValueError(f"lives must be at least 1, not {self.lives}")

    def to_dict(self) -> dict[str, Any]:
        """The config as JSON-ready data (for saves); `from_dict` reads it back."""
        return {
            "mode": self.mode.value,
            "question_count": self.question_count,
            "seed": self.seed,
            "tags": sorted(self.tags),
            "difficulties": sorted(d.value for d in self.difficulties),
            "timed": self.timed,
            "time_limits": {f.name: getattr(self.time_limits, f.name) for f in fields(TimeLimits)},
            "lives": self.lives,
            "rules": {f.name: getattr(self.rules, f.name) for f in fields(ScoreRules)},
            "question_ids": None if self.question_ids is None else list(self.question_ids),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RoundConfig:
        """Read a config written by `to_dict`; missing keys take their defaults.

        (Saves written before `question_ids` existed have no such key: None, as then.)
        """
        values = dict(data)
        if "time_limits" in values:
            values["time_limits"] = TimeLimits(**values["time_limits"])
        if "rules" in values:
            values["rules"] = ScoreRules(**values["rules"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class QuestionView:
    """Everything a screen needs to show the current question.

    Attributes:
        question: The question (prompt, type, explain, unit...).
        pack_id: The pack it comes from.
        source: The source behind its fact, for the reveal; None if the pack lacks it.
        index: Its position in the round, from 0.
        total: How many questions the round has; None when open-ended (survival).
        options: A choice question's options in play order (all of them, so keys keep
            their meaning after a 50:50); empty for other types.
        removed: Options struck out by the 50:50.
        items: An order question's items in the order they start in; empty otherwise.
        time_limit: Seconds allowed, or None when untimed.
        lifelines_left: Lifelines not yet used this round.
        lifelines_usable: Lifelines that can be used on this question now.
        lifelines_used: Lifelines used on this question.
        hint: The hint, once the hint lifeline has been used on this question.
    """

    question: AnyQuestion
    pack_id: str
    source: Source | None
    index: int
    total: int | None
    options: tuple[str, ...]
    removed: tuple[str, ...]
    items: tuple[str, ...]
    time_limit: float | None
    lifelines_left: tuple[Lifeline, ...]
    lifelines_usable: tuple[Lifeline, ...]
    lifelines_used: tuple[Lifeline, ...]
    hint: str | None

    @property
    def number(self) -> int:
        """The question's number as shown to the player, from 1."""
        return self.index + 1

    @property
    def remaining_options(self) -> tuple[str, ...]:
        """The options still in play, in play order."""
        return tuple(option for option in self.options if option not in self.removed)


@dataclass(frozen=True, slots=True)
class QuestionInProgress:
    """The question being asked, as saves checkpoint it: a kill must not buy time or lifelines.

    Attributes:
        position: The question's position in the round (0-based; the answers so far).
        elapsed: Seconds it had been asked (paused time excluded).
        lifelines: Lifelines used on it so far, in order.
    """

    position: int
    elapsed: float
    lifelines: tuple[Lifeline, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "position": self.position,
            "elapsed": self.elapsed,
            "lifelines": [lifeline.value for lifeline in self.lifelines],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuestionInProgress:
        """Read data written by `to_dict`."""
        return cls(
            position=int(data["position"]),
            elapsed=max(float(data["elapsed"]), 0.0),
            lifelines=tuple(Lifeline(name) for name in data.get("lifelines", ())),
        )


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """One answer as saves persist it; a list of these rebuilds a round (`Round.restore`).

    Attributes:
        pack_id: The question's pack.
        question_id: The question's id.
        response: The player's response as given, or None for a time out or a pass.
        elapsed: Seconds the player took.
        lifelines: Lifelines used on the question, in the order they were used.
    """

    pack_id: str
    question_id: str
    response: RecordedResponse | None
    elapsed: float
    lifelines: tuple[Lifeline, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (an order response becomes a list)."""
        response = list(self.response) if isinstance(self.response, tuple) else self.response
        return {
            "pack_id": self.pack_id,
            "question_id": self.question_id,
            "response": response,
            "elapsed": self.elapsed,
            "lifelines": [lifeline.value for lifeline in self.lifelines],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RecordedAnswer:
        """Read data written by `to_dict`."""
        response = data["response"]
        return cls(
            pack_id=data["pack_id"],
            question_id=data["question_id"],
            response=tuple(response) if isinstance(response, list) else response,
            elapsed=float(data["elapsed"]),
            lifelines=tuple(Lifeline(name) for name in data.get("lifelines", ())),
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened on one question: the reveal shows it, the history keeps it.

    Attributes:
        index: The question's position in the round, from 0.
        pack_id: The question's pack.
        question: The question.
        response: The player's response as given; None for a time out or a pass.
        verdict: Right or wrong, credit, and the texts to show.
        breakdown: How the points were made.
        elapsed: Seconds the player took.
        lifelines: Lifelines used on the question.
        timed_out: True when the question ended without an answer.
    """

    index: int
    pack_id: str
    question: AnyQuestion
    response: RecordedResponse | None
    verdict: Verdict
    breakdown: Breakdown
    elapsed: float
    lifelines: tuple[Lifeline, ...]
    timed_out: bool

    @property
    def question_id(self) -> str:
        """The question's id."""
        return self.question.id

    @property
    def correct(self) -> bool:
        """Whether the answer was right."""
        return self.verdict.correct

    @property
    def points(self) -> int:
        """The points earned."""
        return self.breakdown.total

    @property
    def record(self) -> RecordedAnswer:
        """The outcome as saves persist it."""
        return RecordedAnswer(
            self.pack_id, self.question.id, self.response, self.elapsed, self.lifelines
        )


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One question in the end-of-round summary."""

    number: int
    question_id: str
    prompt: str
    your_answer: str
    """The player's answer as given; "" after a time out (see `timed_out`)."""
    right_answer: str
    correct: bool
    timed_out: bool
    points: int
    elapsed: float


@dataclass(frozen=True, slots=True)
class Summary:
    """The end-of-round summary (it can also be taken mid-round).

    Attributes:
        mode: The round's mode.
        seed: The round's seed (to replay the same round).
        score: Total points.
        correct: Right answers.
        answered: Questions played (answered or timed out).
        accuracy: `correct / answered`, 0.0 when nothing was played.
        best_streak: The longest run of right answers.
        total_time: Seconds spent on questions (reveals not counted).
        lines: Per question: your answer against the right one.
    """

    mode: Mode
    seed: int
    score: int
    correct: int
    answered: int
    accuracy: float
    best_streak: int
    total_time: float
    lines: tuple[SummaryLine, ...]


@dataclass(frozen=True, slots=True)
class _Planned:
    """A question as this round plays it, with its shuffles done."""

    pack: Pack
    question: AnyQuestion
    options: tuple[str, ...]
    items: tuple[str, ...]


@dataclass(slots=True)
class _Asking:
    """The state of the question on screen that the next answer will settle."""

    started: float
    paused_at: float | None = None
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
        plan: Sequence[_Planned],
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
        self._asking = _Asking(started=clock())
        self._lifelines_left = list(Lifeline)
        self._history: list[Outcome] = []
        self._score = 0
        self._streak = 0
        self._best_streak = 0
        self._misses = 0

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
            source=_source(planned),
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
    def score(self) -> int:
        """Total points so far."""
        return self._score

    @property
    def streak(self) -> int:
        """Right answers in a row, up to the last question settled."""
        return self._streak

    @property
    def best_streak(self) -> int:
        """The longest streak in this round."""
        return self._best_streak

    @property
    def misses(self) -> int:
        """Wrong answers and time outs so far."""
        return self._misses

    @property
    def lives_left(self) -> int | None:
        """Misses left before a survival round ends; None in other modes."""
        if self._config.mode is not Mode.SURVIVAL:
            return None
        return max(self._config.lives - self._misses, 0)

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
        return self._asking.paused_at is not None

    def elapsed(self) -> float:
        """Seconds the current question has been asked (paused time excluded); 0 unless asking."""
        if self._state is not RoundState.ASKING:
            return 0.0
        now = self._asking.paused_at if self._asking.paused_at is not None else self._clock()
        return max(now - self._asking.started, 0.0)

    def time_left(self) -> float | None:
        """Seconds left on the current question; None when untimed or not asking."""
        if self._state is not RoundState.ASKING:
            return None
        limit = self._limit(self._plan[self._index].question)
        if limit is None:
            return None
        return max(limit - self.elapsed(), 0.0)

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
            score=self._score,
            correct=correct,
            answered=answered,
            accuracy=correct / answered if answered else 0.0,
            best_streak=self._best_streak,
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
        left = self.time_left()
        if left is None or left > 0:
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
        self._asking = _Asking(started=self._clock())
        self._state = RoundState.ASKING
        self._carry_on()

    def pause(self) -> None:
        """Stop the current question's clock (a dialog covers the question). Idempotent."""
        if self._state is RoundState.ASKING and self._asking.paused_at is None:
            self._asking.paused_at = self._clock()

    def resume(self) -> None:
        """Restart the clock stopped by `pause`. Idempotent."""
        if self._asking.paused_at is not None:
            self._asking.started += self._clock() - self._asking.paused_at
            self._asking.paused_at = None

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
        self._asking.started = self._clock() - pending.elapsed
        for lifeline in pending.lifelines:
            if self._refusal(lifeline) is None:
                self.use_lifeline(lifeline)

    # --- inside ------------------------------------------------------------------------

    def _settle(self, response: Response | None, elapsed: float) -> Outcome:
        planned = self._plan[self._index]
        question = planned.question
        limit = self._limit(question)
        late = limit is not None and elapsed > limit
        if response is None or late:
            verdict = no_answer(question)
            recorded: RecordedResponse | None = None
            timed_out = True
            if limit is not None:
                elapsed = min(elapsed, limit)
        else:
            if (
                isinstance(question, ChoiceQuestion)
                and isinstance(response, str)
                and response.strip() in self._asking.removed
            ):
                raise InvalidResponse(f"{response!r} was struck out by the 50:50")
            verdict = check_answer(question, response)
            recorded = _recordable(response)
            timed_out = False
        breakdown = score(
            question.difficulty,
            correct=verdict.correct,
            elapsed=elapsed,
            time_limit=limit,
            previous_streak=self._streak,
            credit=verdict.credit,
            lifeline=bool(self._asking.lifelines),
            rules=self._config.rules,
        )
        outcome = Outcome(
            index=self._index,
            pack_id=planned.pack.id,
            question=question,
            response=recorded,
            verdict=verdict,
            breakdown=breakdown,
            elapsed=elapsed,
            lifelines=tuple(self._asking.lifelines),
            timed_out=timed_out,
        )
        self._history.append(outcome)
        self._score += breakdown.total
        self._streak = breakdown.streak
        self._best_streak = max(self._best_streak, self._streak)
        if not verdict.correct:
            self._misses += 1
        self._asking.paused_at = None
        self._state = RoundState.REVEAL
        return outcome

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

    def _fifty_fifty(self, planned: _Planned) -> tuple[str, ...]:
        question = planned.question
        assert isinstance(question, ChoiceQuestion)
        wrong = [option for option in planned.options if option != question.answer]
        # Its own generator, so which option survives does not depend on anything else
        # drawn in the round.
        kept = _rng(self._seed, planned, "fifty_fifty").choice(wrong)
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
    whatever order the packs come in.

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
    config = config or RoundConfig()
    if config.seed is None:
        config = replace(config, seed=random.SystemRandom().randrange(2**32))
    assert config.seed is not None
    if not packs:
        raise RoundError("no packs to draw questions from")
    ordered = sorted(packs, key=lambda pack: pack.id)
    ids = tuple(pack.id for pack in ordered)
    if len(set(ids)) != len(ids):
        raise RoundError(f"two packs share an id: {', '.join(ids)}")

    count = config.question_count
    if config.question_ids is not None:
        pool = _listed(ordered, config)
        if not pool:
            raise RoundError(_nothing_listed(config, ids))
    else:
        matching = [_matching_positions(pack, config) for pack in ordered]
        size = sum(len(positions) for positions in matching)
        if not size:
            raise RoundError(_nothing_matches(config, ids))
        if count is None:
            count = _wanted(config)
        pool = _questions_at(ordered, matching, draw_order(config.seed, size, count))
    chosen = pool[:count] if count is not None else pool
    plan = [_plan(pack, question, config.seed) for pack, question in chosen]
    return Round(config, plan, ids, clock)


@dataclass(frozen=True, slots=True)
class RoundSize:
    """How many questions a round's filters leave, against how many the round asks for.

    `round_size` counts it before a round is built, so a UI can say that the round will
    be short, or empty, rather than let the filters shrink it silently.

    Attributes:
        matching: Questions in the packs that pass the filters (tags and difficulties).
        wanted: How many the round asks for: `question_count`, else the mode's default;
            None asks every matching question (survival, marathon).
    """

    matching: int
    wanted: int | None

    @property
    def asked(self) -> int:
        """How many questions the round will have."""
        return self.matching if self.wanted is None else min(self.matching, self.wanted)

    @property
    def short(self) -> bool:
        """Whether the filters leave fewer questions than the round asks for (or none)."""
        return self.matching == 0 or (self.wanted is not None and self.matching < self.wanted)

    def describe(self) -> str:
        """The count in words: "12 questions match", "3 of 10 asked match: the round
        will have 3", "No question matches these filters"."""
        if not self.matching:
            return "No question matches these filters"
        verb = "matches" if self.matching == 1 else "match"
        if self.short:
            return (
                f"{self.matching} of {self.wanted} asked {verb}: "
                f"the round will have {self.matching}"
            )
        noun = "question" if self.matching == 1 else "questions"
        return f"{self.matching} {noun} {verb}"


def round_size(packs: Sequence[Pack], config: RoundConfig) -> RoundSize:
    """Count the questions of `packs` that `config`'s filters keep, without building a round.

    Packs from the bank index are counted in SQL; their questions are not read. The count
    is the pool `build_round` draws from, so `asked` is the length of the round it builds
    (`question_ids` aside: a practice round asks from this same pool, its own order).

    Args:
        packs: The packs the round would draw from.
        config: Its mode, `question_count` and filters.

    Returns:
        The number of matching questions and the number the round asks for.
    """
    matching = sum(len(_matching_positions(pack, config)) for pack in packs)
    return RoundSize(matching, _wanted(config))


def filters_text(config: RoundConfig) -> str:
    """The filters of a config in words ("tag sci-fi, difficulty hard"); "" for none."""
    wanted = []
    if config.tags:
        noun = "tag" if len(config.tags) == 1 else "tags"
        wanted.append(f"{noun} {', '.join(sorted(config.tags))}")
    if config.difficulties:
        values = ", ".join(sorted(d.value for d in config.difficulties))
        wanted.append(f"difficulty {values}")
    return ", ".join(wanted)


EXACT_SHUFFLE_LIMIT = 10_000
"""Pools up to this size are shuffled whole; bigger ones draw a sample (see `draw_order`)."""


def draw_order(seed: int, size: int, count: int | None = None) -> list[int]:
    """Which of `size` matching questions a round asks, in play order.

    The questions that pass the filters are listed pack by pack (packs sorted by id, each
    in file order) and drawn with `random.Random(seed)`: the list is shuffled and the
    first `count` are asked. Shuffling numbers (0..size-1) rather than the questions makes
    the same moves, so a caller that holds no questions (a pack from the bank index, see
    `StoredQuestions`) draws exactly the round the loaded pack would.

    A shuffle costs a step per question (60 ms for 200,000), so when only some of a pool
    bigger than `EXACT_SHUFFLE_LIMIT` are asked they are drawn with `Random.sample`
    instead, which costs a step per question asked. Either way the draw depends only on
    the seed, the pool's size and the count.

    Args:
        seed: The round's seed.
        size: How many questions pass the filters.
        count: How many to ask; None asks all of them, shuffled.

    Returns:
        Places in the list of matching questions, from 0, first asked first.
    """
    rng = random.Random(seed)
    if count is not None and count < size and size > EXACT_SHUFFLE_LIMIT:
        return rng.sample(range(size), count)
    order = array("q", range(size))
    rng.shuffle(order)
    return (order[:count] if count is not None else order).tolist()


def _matching_positions(pack: Pack, config: RoundConfig) -> Sequence[int]:
    questions = pack.questions
    if isinstance(questions, StoredQuestions):
        return questions.matching_positions(config.tags, config.difficulties)
    return [number for number, question in enumerate(questions) if _matches(question, config)]


def _questions_at(
    packs: Sequence[Pack], matching: Sequence[Sequence[int]], drawn: Sequence[int]
) -> list[tuple[Pack, AnyQuestion]]:
    """The drawn questions, given their places in the list of matching questions."""
    starts = list(accumulate((len(positions) for positions in matching), initial=0))
    wanted: list[tuple[int, int]] = []  # (pack number, position in that pack)
    for place in drawn:
        number = bisect_right(starts, place) - 1
        wanted.append((number, matching[number][place - starts[number]]))
    read: dict[tuple[int, int], AnyQuestion] = {}
    for number, pack in enumerate(packs):
        positions = [position for n, position in wanted if n == number]
        questions = pack.questions
        if isinstance(questions, StoredQuestions):
            found = questions.at(positions)
        else:
            found = [questions[position] for position in positions]
        read.update(((number, position), q) for position, q in zip(positions, found, strict=True))
    return [(packs[number], read[number, position]) for number, position in wanted]


def _plan(pack: Pack, question: AnyQuestion, seed: int) -> _Planned:
    planned = _Planned(pack, question, (), ())
    rng = _rng(seed, planned, "shuffle")
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    if isinstance(question, ChoiceQuestion):
        shuffled = list(question.options)
        if not question.fixed_order:
            rng.shuffle(shuffled)
        options = tuple(shuffled)
    elif isinstance(question, OrderQuestion):
        shuffled = list(question.answer)
        rng.shuffle(shuffled)
        if tuple(shuffled) == question.answer:
            # Starting in the right order would be a free answer; turning the list by one
            # always changes it when the items differ.
            shuffled = shuffled[1:] + shuffled[:1]
        items = tuple(shuffled)
    return replace(planned, options=options, items=items)


def _rng(seed: int, planned: _Planned, purpose: str) -> random.Random:
    # A generator per question (seeded with a string, which is stable across runs), so a
    # question's shuffles do not change when the round around it does.
    return random.Random(f"{seed}/{planned.pack.id}/{planned.question.id}/{purpose}")


_DEFAULT_COUNTS = {
    Mode.QUICK: QUICK_QUESTIONS,
    Mode.PRACTICE: PRACTICE_QUESTIONS,
    Mode.DAILY: DAILY_QUESTIONS,
}
"""Questions drawn when `question_count` is None; the other modes take every question."""


def _wanted(config: RoundConfig) -> int | None:
    """How many questions a round of this config asks for; None for every matching one."""
    if config.question_count is not None:
        return config.question_count
    return _DEFAULT_COUNTS.get(config.mode)


def question_matches(
    question: AnyQuestion,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> bool:
    """Whether a question passes a round's filters (any of `tags`, one of `difficulties`).

    Empty filters keep every question.
    """
    if tags and not set(tags).intersection(question.tags):
        return False
    return not difficulties or question.difficulty in {Difficulty(d) for d in difficulties}


def _matches(question: AnyQuestion, config: RoundConfig) -> bool:
    return question_matches(question, config.tags, config.difficulties)


def _listed(packs: Sequence[Pack], config: RoundConfig) -> list[tuple[Pack, AnyQuestion]]:
    """The questions of `config.question_ids` that exist and pass the filters, in order."""
    by_id: dict[str, list[tuple[Pack, AnyQuestion]]] = {}
    for pack in packs:
        for question in _named(pack, config.question_ids or ()):
            by_id.setdefault(question.id, []).append((pack, question))
            by_id.setdefault(f"{pack.id}/{question.id}", []).append((pack, question))
    chosen: dict[tuple[str, str], tuple[Pack, AnyQuestion]] = {}
    for entry in config.question_ids or ():
        for pack, question in by_id.get(entry, ()):
            if _matches(question, config):
                chosen.setdefault((pack.id, question.id), (pack, question))
    return list(chosen.values())


def _named(pack: Pack, entries: Sequence[str]) -> Sequence[AnyQuestion]:
    """The pack's questions that `question_ids` entries may name (all, unless stored)."""
    questions = pack.questions
    if not isinstance(questions, StoredQuestions):
        return questions
    prefix = f"{pack.id}/"
    ids = {entry.removeprefix(prefix) for entry in entries} | set(entries)
    return questions.named(ids)


def _nothing_listed(config: RoundConfig, pack_ids: tuple[str, ...]) -> str:
    listed = len(config.question_ids or ())
    if not listed:
        if config.tags or config.difficulties:
            return _nothing_matches(config, pack_ids)
        return "the round lists no questions to ask"
    if config.tags or config.difficulties:
        return (
            f"none of the {listed} questions listed for the round is {_in(pack_ids)} "
            "and passes the filters; loosen the filters"
        )
    return f"none of the {listed} questions listed for the round is {_in(pack_ids)}"


def _in(pack_ids: tuple[str, ...]) -> str:
    return f"in {', '.join(pack_ids)}"


def _nothing_matches(config: RoundConfig, pack_ids: tuple[str, ...]) -> str:
    wanted = []
    if config.tags:
        wanted.append(f"tags {', '.join(sorted(config.tags))}")
    if config.difficulties:
        wanted.append(f"difficulty {', '.join(sorted(d.value for d in config.difficulties))}")
    where = f"in {', '.join(pack_ids)}"
    if not wanted:
        return f"no questions {where}"
    return f"no question with {' and '.join(wanted)} {where}; loosen the filters"


def _source(planned: _Planned) -> Source | None:
    try:
        return planned.pack.source_of(planned.question)
    except KeyError:
        return None


def _recordable(response: Response) -> RecordedResponse:
    if isinstance(response, str | bool | int | float):
        return response
    return tuple(str(item) for item in response)


def _mode(value: Mode | str) -> Mode:
    try:
        return Mode(value)
    except ValueError:
        known = ", ".join(mode.value for mode in Mode)
        raise ValueError(f"unknown mode {value!r}; known modes: {known}") from None
