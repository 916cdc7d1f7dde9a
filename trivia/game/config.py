"""What a round plays and by which rules: modes, states, lifelines, limits, the config, errors.

Plain data shared by the solo round (`trivia.game.round`), the question plan
(`trivia.game.plan`) and the party (`trivia.game.party`), without a UI.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from trivia.game.scoring import DEFAULT_RULES, ScoreRules
from trivia.packs.model import Difficulty, QuestionType

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


def _mode(value: Mode | str) -> Mode:
    try:
        return Mode(value)
    except ValueError:
        known = ", ".join(mode.value for mode in Mode)
        raise ValueError(f"unknown mode {value!r}; known modes: {known}") from None
