"""Shared builders for the store tests: a test pack, a fake clock, a player that answers.

No tests here; the other `test_store_*` modules (and the crash test's child process)
import it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from trivia.game import Outcome, Round
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    OrderQuestion,
    Pack,
    PackMeta,
    Source,
    TrueFalseQuestion,
)

DIFFICULTIES = (Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)


def make_pack(pack_id: str = "test", count: int = 30, version: str = "1") -> Pack:
    """A pack of `count` questions cycling through choice, true/false, number and order."""
    questions: list[AnyQuestion] = []
    for n in range(count):
        common = {
            "id": f"q{n:03d}",
            "fact": "f",
            "prompt": f"Question {n}?",
            "difficulty": DIFFICULTIES[n % 3],
            "tags": ("even" if n % 2 == 0 else "odd", f"group{n % 3}"),
            "hint": "A hint." if n % 4 == 0 else None,
        }
        match n % 4:
            case 0:
                questions.append(
                    ChoiceQuestion(**common, answer="Right", options=("Right", "A", "B", "C"))
                )
            case 1:
                questions.append(TrueFalseQuestion(**common, answer=n % 8 == 1))
            case 2:
                questions.append(NumberQuestion(**common, answer=1960.0, tolerance=1.0))
            case _:
                questions.append(OrderQuestion(**common, answer=("one", "two", "three")))
    return Pack(
        meta=PackMeta(id=pack_id, title=pack_id.title(), version=version),
        sources={"src": Source(id="src", title="An article", publisher="News", date="2022")},
        facts={"f": Fact(id="f", source="src", statement="A fact.")},
        questions=tuple(questions),
    )


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeNow:
    """A wall clock (aware datetimes) that moves only when told."""

    def __init__(self, start: datetime = datetime(2026, 11, 25, 10, 15, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def right_response(round_: Round) -> object:
    """The right answer to the question being asked."""
    question = round_.current.question
    if isinstance(question, OrderQuestion):
        return list(question.answer)
    if isinstance(question, NumberQuestion):
        return str(int(question.answer))
    return question.answer


def wrong_response(round_: Round) -> object:
    """A wrong answer to the question being asked."""
    question = round_.current.question
    if isinstance(question, ChoiceQuestion):
        return next(o for o in round_.current.remaining_options if o != question.answer)
    if isinstance(question, TrueFalseQuestion):
        return not question.answer
    if isinstance(question, NumberQuestion):
        return "1000"
    assert isinstance(question, OrderQuestion)
    return list(reversed(question.answer))


def answer(round_: Round, correct: bool, clock: FakeClock | None = None) -> Outcome:
    """Answer the current question (after `next()` if in a reveal), right or wrong."""
    if round_.state.value == "reveal":
        round_.next()
    if clock is not None:
        clock.advance(3.0)
    response = right_response(round_) if correct else wrong_response(round_)
    return round_.answer(response)  # type: ignore[arg-type]
