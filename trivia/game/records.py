"""What a round keeps of its questions: outcomes, the records saves persist, the summary.

Plain data, without a UI: `Round` makes an `Outcome` per question settled, saves persist
each as a `RecordedAnswer` (and a `QuestionInProgress` checkpoint of the question being
asked), and `Summary` is the end-of-round table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trivia.game.answers import Verdict
from trivia.game.config import Lifeline, Mode
from trivia.game.scoring import Breakdown
from trivia.game.settle import RecordedResponse, Scored
from trivia.packs.model import AnyQuestion


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
class Outcome(Scored):
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
