"""Leitner boxes for practice mode: the scheduling rules, plain Python.

Each (profile, question) pair sits in a box from 1 to 5. A right answer moves it up one box,
a wrong answer (or a time out) sends it back to box 1. A question is due again after its
box's interval: box 1 at once, box 2 after a day, 3 after 3 days, 4 after a week, 5 after
three weeks. A question in box 5 counts as mastered.

The store only keeps the boxes (`Store.boxes`, and `Store.record_answer` saves what
`advance` says); which box an answer leads to, when a question is due, the order practice
asks them in and what counts as mastered are decided here, so they are tested without
SQLite.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_BOX = 1
"""Where a new or missed question goes."""

MASTERED_BOX = 5
"""The last box: a question here is mastered."""

INTERVALS: dict[int, timedelta] = {
    1: timedelta(days=0),
    2: timedelta(days=1),
    3: timedelta(days=3),
    4: timedelta(days=7),
    5: timedelta(days=21),
}
"""How long a question rests in each box before it is due again."""


@dataclass(frozen=True, slots=True)
class BoxState:
    """Where one question stands for one profile.

    Attributes:
        question_id: The question.
        box: Its box, 1 to 5.
        due_at: When it is due again (timezone-aware).
        last_correct: Whether the last answer to it was right.
    """

    question_id: str
    box: int
    due_at: datetime
    last_correct: bool

    @property
    def missed(self) -> bool:
        """Whether the last answer was wrong (practice asks these first)."""
        return not self.last_correct

    @property
    def mastered(self) -> bool:
        """Whether the question has reached the last box."""
        return self.box >= MASTERED_BOX


def next_box(box: int | None, correct: bool) -> int:
    """The box a question moves to after an answer.

    Args:
        box: Its box before the answer; None for a question never answered.
        correct: Whether the answer was right.

    Returns:
        One box up when right (a new question lands in box 2, as if it had started in box
        1), capped at 5; box 1 when wrong.
    """
    if not correct:
        return FIRST_BOX
    return min((box or FIRST_BOX) + 1, MASTERED_BOX)


def due_after(box: int, answered_at: datetime) -> datetime:
    """When a question answered at `answered_at` and now in `box` is due again."""
    return answered_at + INTERVALS[min(max(box, FIRST_BOX), MASTERED_BOX)]


def advance(previous: BoxState | None, question_id: str, correct: bool, at: datetime) -> BoxState:
    """The state of a question after one answer.

    Args:
        previous: Its state before, or None if never answered.
        question_id: The question.
        correct: Whether the answer was right.
        at: When it was answered (timezone-aware).

    Returns:
        The new state.
    """
    box = next_box(previous.box if previous else None, correct)
    return BoxState(question_id, box, due_after(box, at), correct)


def practice_order(states: Iterable[BoxState], now: datetime) -> list[str]:
    """The question ids practice should ask now: missed first, then the other due ones.

    Missed questions come in the order they fell due; the other due questions lowest box
    first (the least known), then the longest overdue. Questions not yet due are left out.

    Args:
        states: The profile's boxes for one pack.
        now: The moment to judge "due" by (timezone-aware).

    Returns:
        Question ids, the first to ask first.
    """
    due = [state for state in states if state.due_at <= now]
    missed = sorted((s for s in due if s.missed), key=lambda s: (s.due_at, s.question_id))
    rest = sorted((s for s in due if not s.missed), key=lambda s: (s.box, s.due_at, s.question_id))
    return [state.question_id for state in missed + rest]


@dataclass(frozen=True, slots=True)
class Mastery:
    """ "Mastered N of M" for one pack and profile."""

    mastered: int
    total: int


def mastery(states: Iterable[BoxState], question_ids: Collection[str]) -> Mastery:
    """How many of a pack's questions are mastered.

    Args:
        states: The profile's boxes for the pack.
        question_ids: The pack's questions as installed now; boxes of questions it no
            longer has do not count.

    Returns:
        The mastered questions out of all the pack's questions.
    """
    wanted = set(question_ids)
    mastered = sum(1 for state in states if state.mastered and state.question_id in wanted)
    return Mastery(mastered, len(wanted))
