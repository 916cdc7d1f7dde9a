"""The question-pack model: plain, immutable dataclasses, with no I/O and no UI.

A pack is metadata, the sources it cites, the facts taken from those sources (in the
author's own words) and the questions that test those facts. The loader
(`trivia.packs.loader`) builds these objects from YAML; the game layer reads them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Difficulty(StrEnum):
    """How hard a question is; sets its base points."""

    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class QuestionType(StrEnum):
    """The kinds of question a pack can hold."""

    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    TEXT = "text"
    NUMBER = "number"
    ORDER = "order"


@dataclass(frozen=True, slots=True)
class PackMeta:
    """A pack's metadata (the `pack:` mapping)."""

    id: str
    title: str
    description: str = ""
    language: str = "en"
    authors: tuple[str, ...] = ()
    version: str = "1"


@dataclass(frozen=True, slots=True)
class Source:
    """A published work that facts are taken from."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement taken from a source, in the pack author's own words."""

    id: str
    source: str
    statement: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """Fields every question has, whatever its type."""

    id: str
    fact: str
    prompt: str
    difficulty: Difficulty
    tags: tuple[str, ...] = ()
    explain: str | None = None
    hint: str | None = None

    @property
    def type(self) -> QuestionType:
        """The question's type."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceQuestion(Question):
    """One right answer among 2-6 options; options are shuffled unless `fixed_order`."""

    answer: str
    options: tuple[str, ...]
    fixed_order: bool = False

    @property
    def type(self) -> QuestionType:
        return QuestionType.CHOICE


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseQuestion(Question):
    """A statement that is either true or false."""

    answer: bool

    @property
    def type(self) -> QuestionType:
        return QuestionType.TRUEFALSE


@dataclass(frozen=True, slots=True, kw_only=True)
class TextQuestion(Question):
    """A free answer, matched forgivingly against `answer` and the `accept` alternatives."""

    answer: str
    accept: tuple[str, ...] = ()

    @property
    def type(self) -> QuestionType:
        return QuestionType.TEXT


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberQuestion(Question):
    """A numeric answer; anything within `tolerance` of `answer` counts."""

    answer: float
    tolerance: float = 0.0
    unit: str | None = None

    @property
    def type(self) -> QuestionType:
        return QuestionType.NUMBER


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderQuestion(Question):
    """3-6 items; `answer` lists them in the right order (they are shuffled at play time)."""

    answer: tuple[str, ...]

    @property
    def type(self) -> QuestionType:
        return QuestionType.ORDER


AnyQuestion = ChoiceQuestion | TrueFalseQuestion | TextQuestion | NumberQuestion | OrderQuestion


@dataclass(frozen=True, slots=True)
class Pack:
    """A whole question pack, as loaded and validated.

    A pack loaded from YAML holds a tuple of questions and dicts of facts and sources. A
    pack handed out by the bank index (`trivia.store.bank`) reads its questions and facts
    from the index on demand: its `questions` also implements
    `trivia.packs.stored.StoredQuestions`, which rounds use to read only what they ask.
    """

    meta: PackMeta
    sources: Mapping[str, Source]
    facts: Mapping[str, Fact]
    questions: Sequence[AnyQuestion]
    path: Path | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        """The pack's id (`pack.id`)."""
        return self.meta.id

    def source_of(self, question: Question) -> Source:
        """The source that backs a question, through its fact."""
        return self.sources[self.facts[question.fact].source]
