"""Packs whose questions live outside memory: the protocol the game reads them through.

A big question bank is compiled into an on-disk index (`trivia.store.bank`), and the
packs it hands out keep their questions there. Such a pack's `questions` is still a
`Sequence` (it can be counted, indexed and iterated), and it also implements
`StoredQuestions`: the round (`trivia.game.round.build_round`) asks it which questions pass
the filters and reads only the ones it draws, so a round of 10 builds 10 questions, not
200,000.

This module also holds the pack's `PackSummary` (counts by type, difficulty and tag, shown
by Home and `trivia packs`) and the compiled form of a question (`question_record`, plain
JSON-ready data that `question_from_record` turns back into the same question). Plain
Python: no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Protocol, runtime_checkable

from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    NumberQuestion,
    OrderQuestion,
    Pack,
    QuestionType,
    TextQuestion,
    TrueFalseQuestion,
)


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What a pack holds, in numbers: enough to list it without reading its questions.

    Attributes:
        questions: How many questions.
        facts: How many facts.
        sources: How many sources.
        by_type: Questions per type (`"choice"`: 12...), types with none left out.
        by_difficulty: Questions per difficulty, difficulties with none left out.
        tags: Questions per tag, sorted by tag.
    """

    questions: int
    facts: int
    sources: int
    by_type: Mapping[str, int] = field(default_factory=dict)
    by_difficulty: Mapping[str, int] = field(default_factory=dict)
    tags: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data; `from_dict` reads it back."""
        return {
            "questions": self.questions,
            "facts": self.facts,
            "sources": self.sources,
            "by_type": dict(self.by_type),
            "by_difficulty": dict(self.by_difficulty),
            "tags": dict(self.tags),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PackSummary:
        """Read data written by `to_dict`."""
        return cls(
            questions=int(data["questions"]),
            facts=int(data["facts"]),
            sources=int(data["sources"]),
            by_type=dict(data.get("by_type", {})),
            by_difficulty=dict(data.get("by_difficulty", {})),
            tags=dict(data.get("tags", {})),
        )


@runtime_checkable
class StoredQuestions(Protocol):
    """A pack's questions kept outside memory, read a few at a time.

    Positions are places in the pack's question list, from 0, in the order the file
    lists them; "matching" means passing a round's filters (any of the tags, one of the
    difficulties; empty filters keep every question), exactly as
    `trivia.game.round.question_matches` decides.
    """

    def __len__(self) -> int: ...

    def matching_positions(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> Sequence[int]:
        """The positions of the matching questions, ascending."""
        ...

    def matching_ids(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> list[str]:
        """The ids of the matching questions, in pack order."""
        ...

    def at(self, positions: Sequence[int]) -> list[AnyQuestion]:
        """The questions at these positions, in the order asked."""
        ...

    def named(self, ids: Collection[str]) -> list[AnyQuestion]:
        """The questions with these ids that the pack has, in pack order."""
        ...

    def summary(self) -> PackSummary:
        """The pack's counts."""
        ...


def summarize(pack: Pack) -> PackSummary:
    """Count a pack's questions by type, difficulty and tag (reads every question)."""
    by_type: Counter[str] = Counter()
    by_difficulty: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for question in pack.questions:
        by_type[question.type.value] += 1
        by_difficulty[question.difficulty.value] += 1
        tags.update(question.tags)
    return PackSummary(
        questions=len(pack.questions),
        facts=len(pack.facts),
        sources=len(pack.sources),
        by_type={t.value: by_type[t.value] for t in QuestionType if by_type[t.value]},
        by_difficulty={
            d.value: by_difficulty[d.value] for d in Difficulty if by_difficulty[d.value]
        },
        tags=dict(sorted(tags.items())),
    )


def summary_of(pack: Pack) -> PackSummary:
    """A pack's summary: read from the index for a stored pack, counted otherwise."""
    if isinstance(pack.questions, StoredQuestions):
        return pack.questions.summary()
    return summarize(pack)


_CLASSES: dict[str, type[AnyQuestion]] = {
    QuestionType.CHOICE.value: ChoiceQuestion,
    QuestionType.TRUEFALSE.value: TrueFalseQuestion,
    QuestionType.TEXT.value: TextQuestion,
    QuestionType.NUMBER.value: NumberQuestion,
    QuestionType.ORDER.value: OrderQuestion,
}

_TUPLES = frozenset({"tags", "options", "accept"})
"""Fields held as tuples in the model and as lists in JSON (plus an order's `answer`)."""


def question_record(question: AnyQuestion) -> dict[str, Any]:
    """A question as JSON-ready data: its type and every field, values as JSON has them."""
    record: dict[str, Any] = {"type": question.type.value}
    for item in fields(question):
        value = getattr(question, item.name)
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, Difficulty):
            value = value.value
        record[item.name] = value
    return record


def question_from_record(record: Mapping[str, Any]) -> AnyQuestion:
    """The question `question_record` wrote, equal to the original."""
    values = dict(record)
    cls = _CLASSES[values.pop("type")]
    values["difficulty"] = Difficulty(values["difficulty"])
    for name in _TUPLES.intersection(values):
        values[name] = tuple(values[name])
    if cls is OrderQuestion:
        values["answer"] = tuple(values["answer"])
    return cls(**values)
