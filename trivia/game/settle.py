"""Settling one go at one question, and a player's tally: the rules a round and a party share.

`settle` is a pure function: the question, the response (None for no answer), the seconds
taken, the limit and the streak before give the verdict and the points. The solo round
settles each question with it, the party each player's attempt, so one player scores the
same in both. A `Tally` adds the settled goes up: score, streak, best streak, right answers.

One late-answer rule for both: an answer that arrives after the limit (the UI's timer
ticked late, or a hotseat player answered after the buzzer) counts as no answer, its time
clamped to the limit. `LATE_TOLERANCE` absorbs float noise at the limit itself, so an
answer at the buzzer earns the buzzer's half points wherever its time was computed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from trivia.game.answers import (
    InvalidResponse,
    Response,
    Verdict,
    answer_text,
    check_answer,
    no_answer,
)
from trivia.game.scoring import DEFAULT_RULES, Breakdown, ScoreRules, score
from trivia.packs.model import AnyQuestion, ChoiceQuestion

RecordedResponse = str | bool | int | float | tuple[str, ...]
"""A response as it is recorded: the player's own, with an order response as a tuple."""

LATE_TOLERANCE = 1e-9
"""Seconds past the limit an answer may come and still count (float noise, not time)."""


def recordable(response: Response) -> RecordedResponse:
    """A response as it is recorded (an order response becomes a tuple of strings)."""
    if isinstance(response, str | bool | int | float):
        return response
    return tuple(str(item) for item in response)


def is_late(elapsed: float, limit: float | None) -> bool:
    """Whether an answer after `elapsed` seconds came after the limit (never when untimed)."""
    return limit is not None and elapsed > limit + LATE_TOLERANCE


class Scored:
    """`correct` and `points` for a settled go's records (`Settled`, a round's `Outcome`, a
    party's `Attempt`): each holds the `verdict` and the `breakdown` they come from."""

    __slots__ = ()
    verdict: Verdict
    breakdown: Breakdown

    @property
    def correct(self) -> bool:
        """Whether the go was right."""
        return self.verdict.correct

    @property
    def points(self) -> int:
        """The points earned."""
        return self.breakdown.total


@dataclass(frozen=True, slots=True)
class Settled(Scored):
    """One go at one question, settled.

    Attributes:
        response: The response as recorded; None for no answer (or one that came late).
        verdict: Right or wrong, credit, and the texts to show.
        breakdown: The points, as `score()` made them.
        elapsed: Seconds taken, clamped to the limit when no answer came in time.
        timed_out: No answer came in time (time ran out, a pass, a late answer).
    """

    response: RecordedResponse | None
    verdict: Verdict
    breakdown: Breakdown
    elapsed: float
    timed_out: bool


def settle(
    question: AnyQuestion,
    response: Response | None,
    elapsed: float,
    *,
    limit: float | None,
    previous_streak: int,
    rules: ScoreRules = DEFAULT_RULES,
    lifeline: bool = False,
    credit_factor: float = 1.0,
    removed: Collection[str] = (),
) -> Settled:
    """Check and score one go at a question.

    Args:
        question: The question.
        response: The response (see `check_answer`); None for no answer.
        elapsed: Seconds taken.
        limit: The question's limit, or None when untimed.
        previous_streak: Right answers in a row before this go.
        rules: The scoring constants.
        lifeline: Whether a lifeline helped (halves the points).
        credit_factor: Scales the answer's credit (a hotseat pass earns a share).
        removed: Options struck out by a 50:50, which cannot be answered.

    Returns:
        The settled go; its `breakdown.streak` is the streak after it.

    Raises:
        InvalidResponse: The response cannot be an answer (struck out, or the wrong type).
    """
    if response is None or is_late(elapsed, limit):
        verdict = no_answer(question)
        recorded: RecordedResponse | None = None
        timed_out = True
        if limit is not None:
            elapsed = min(elapsed, limit)
    else:
        if (
            isinstance(question, ChoiceQuestion)
            and isinstance(response, str)
            and response.strip() in removed
        ):
            raise InvalidResponse(f"{response!r} was struck out by the 50:50")
        verdict = check_answer(question, response)
        recorded = recordable(response)
        timed_out = False
    credit = verdict.credit * credit_factor
    breakdown = score(
        question.difficulty,
        correct=verdict.correct and credit > 0,
        elapsed=elapsed,
        time_limit=limit,
        previous_streak=previous_streak,
        credit=credit,
        lifeline=lifeline,
        rules=rules,
    )
    return Settled(recorded, verdict, breakdown, elapsed, timed_out)


def settle_mark(
    question: AnyQuestion, right: bool, *, previous_streak: int, rules: ScoreRules = DEFAULT_RULES
) -> Settled:
    """Score a go the host marked right or wrong (no response, untimed, full credit if right)."""
    verdict = Verdict(right, 1.0 if right else 0.0, None, "", answer_text(question))
    breakdown = score(
        question.difficulty,
        correct=right,
        elapsed=0.0,
        time_limit=None,
        previous_streak=previous_streak,
        rules=rules,
    )
    return Settled(None, verdict, breakdown, 0.0, False)


@dataclass(slots=True)
class Tally:
    """One player's running totals, added up from settled goes.

    Attributes:
        score: Points, adjustments included.
        streak: Right answers in a row, up to the last go.
        best_streak: The longest streak so far.
        correct: Right answers.
        answered: Goes settled (answered or timed out).
        adjusted: The sum of hand-made adjustments (a party host's).
    """

    score: int = 0
    streak: int = 0
    best_streak: int = 0
    correct: int = 0
    answered: int = 0
    adjusted: int = 0

    @property
    def misses(self) -> int:
        """Wrong answers and time outs."""
        return self.answered - self.correct

    def add(self, breakdown: Breakdown, correct: bool) -> None:
        """Count one settled go."""
        self.score += breakdown.total
        self.streak = breakdown.streak
        self.best_streak = max(self.best_streak, self.streak)
        self.answered += 1
        self.correct += int(correct)

    def adjust(self, points: int) -> None:
        """Add (or take away) points by hand."""
        self.score += points
        self.adjusted += points
