"""Points for one answer: base by difficulty, speed, partial credit, lifeline and streak.

`score` is a pure function of one answer (right or not, its credit, its time, whether a
lifeline was used) and the player's streak before it, so a round, a party with several
players and a replay of saved answers all compute the same points. The result, a
`Breakdown`, carries every step as a signed line so the reveal can show it without any
arithmetic of its own.

The steps, in order (each rounding is half up, so .5 always goes up):

1. `base` from the difficulty (easy 1000, medium 1500, hard 2000 by default).
2. Speed, when timed: `round(base * (1 - (elapsed / limit) / 2))`, with elapsed clamped to
   [0, limit]: full points at once, half at the buzzer. Untimed: the full base.
3. Credit: `round(points * credit)` (only a number inside its tolerance earns less than 1).
4. Lifeline: `round(points * 0.5)` when a lifeline (50:50 or hint, one or both) was used.
5. Streak bonus, added last and never halved: from the 2nd right answer in a row, +100 per
   step, capped at +500 (streak 2 -> +100, 3 -> +200, ..., 6 and more -> +500).

A wrong answer or a time out scores 0 and resets the streak to 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from trivia.packs.model import Difficulty


@dataclass(frozen=True, slots=True)
class ScoreRules:
    """The scoring constants; the defaults are the design's, a mode may change them.

    Attributes:
        easy: Base points of an easy question.
        medium: Base points of a medium question.
        hard: Base points of a hard question.
        streak_from: The streak length that earns the first bonus.
        streak_step: Bonus added per step of streak from `streak_from` on.
        streak_cap: The largest streak bonus.
        lifeline_factor: What a question's points are multiplied by when a lifeline helped.
    """

    easy: int = 1000
    medium: int = 1500
    hard: int = 2000
    streak_from: int = 2
    streak_step: int = 100
    streak_cap: int = 500
    lifeline_factor: float = 0.5

    def base(self, difficulty: Difficulty) -> int:
        """Base points for a difficulty."""
        match Difficulty(difficulty):
            case Difficulty.EASY:
                return self.easy
            case Difficulty.MEDIUM:
                return self.medium
            case Difficulty.HARD:
                return self.hard
        raise ValueError(f"unknown difficulty: {difficulty!r}")  # pragma: no cover

    def streak_bonus(self, streak: int) -> int:
        """The bonus for an answer that brings the streak to `streak` right in a row."""
        if streak < self.streak_from:
            return 0
        return min(self.streak_cap, self.streak_step * (streak - self.streak_from + 1))


DEFAULT_RULES = ScoreRules()
"""The design's scoring."""


@dataclass(frozen=True, slots=True)
class Breakdown:
    """How one answer's points were made, each step as a signed amount.

    `total == base + speed + partial + lifeline + streak_bonus` always holds, so the reveal
    can print the lines as they are. A wrong answer has every amount 0.

    Attributes:
        base: Base points for the difficulty (0 for a wrong answer).
        speed: Points lost to time taken (<= 0; 0 when untimed).
        partial: Points lost to partial credit (<= 0).
        lifeline: Points lost to a lifeline (<= 0).
        streak_bonus: The streak bonus (>= 0).
        total: The points the answer earns.
        credit: The answer's credit, 0.0 to 1.0.
        streak: The streak after this answer (0 after a wrong answer).
        timed: Whether time counted.
        lifeline_used: Whether a lifeline was used on the question.
    """

    base: int
    speed: int
    partial: int
    lifeline: int
    streak_bonus: int
    total: int
    credit: float
    streak: int
    timed: bool
    lifeline_used: bool

    def lines(self) -> list[tuple[str, int]]:
        """The reveal's lines, as (label, signed points), omitting steps that did not apply.

        Labels: "base", "speed", "partial credit", "lifeline", "streak". A wrong answer has
        no lines (its total is 0).
        """
        if self.total == 0 and self.base == 0:
            return []
        lines = [("base", self.base)]
        if self.timed:
            lines.append(("speed", self.speed))
        if self.partial:
            lines.append(("partial credit", self.partial))
        if self.lifeline_used:
            lines.append(("lifeline", self.lifeline))
        if self.streak_bonus:
            lines.append(("streak", self.streak_bonus))
        return lines


def score(
    difficulty: Difficulty,
    *,
    correct: bool,
    elapsed: float,
    time_limit: float | None,
    previous_streak: int,
    credit: float = 1.0,
    lifeline: bool = False,
    rules: ScoreRules = DEFAULT_RULES,
) -> Breakdown:
    """Score one answer (see the module docstring for the order of the steps).

    Args:
        difficulty: The question's difficulty.
        correct: Whether the answer was right (a time out is not).
        elapsed: Seconds taken to answer.
        time_limit: The question's limit in seconds, or None when untimed.
        previous_streak: Right answers in a row before this one.
        credit: The answer's credit, 0.0 to 1.0.
        lifeline: Whether any lifeline was used on the question.
        rules: The scoring constants.

    Returns:
        The breakdown; its `streak` is the streak after this answer.

    Raises:
        ValueError: A credit outside 0..1, a limit that is not positive, a negative streak.
    """
    if not 0.0 <= credit <= 1.0:
        raise ValueError(f"credit must be within 0..1, not {credit}")
    if time_limit is not None and time_limit <= 0:
        raise ValueError(f"a time limit must be positive, not {time_limit}")
    if previous_streak < 0:
        raise ValueError(f"a streak cannot be negative: {previous_streak}")
    timed = time_limit is not None
    if not correct or credit == 0.0:
        return Breakdown(0, 0, 0, 0, 0, 0, 0.0, 0, timed, lifeline)

    base = rules.base(difficulty)
    if time_limit is None:
        fast = base
    else:
        spent = min(max(elapsed, 0.0), time_limit)
        fast = _round(base * (1 - (spent / time_limit) / 2))
    credited = _round(fast * credit)
    helped = _round(credited * rules.lifeline_factor) if lifeline else credited
    streak = previous_streak + 1
    bonus = rules.streak_bonus(streak)
    return Breakdown(
        base=base,
        speed=fast - base,
        partial=credited - fast,
        lifeline=helped - credited,
        streak_bonus=bonus,
        total=helped + bonus,
        credit=credit,
        streak=streak,
        timed=timed,
        lifeline_used=lifeline,
    )


def _round(value: float) -> int:
    # Half up, not Python's half-to-even, so equal answers never differ by a point
    # depending on whether the half lands on an odd or even number.
    return math.floor(value + 0.5)


def is_new_best(score: int, previous_best: int | None) -> bool:
    """Whether a finished round's score beats the player's best before it (same packs,
    same mode): the summary says "New best!".

    A first round sets a best but beats none (`previous_best` None): every first round
    would be "new best" otherwise. A tie is not a new best.
    """
    return previous_best is not None and score > previous_best


def format_points(points: int, *, signed: bool = False) -> str:
    """Points as the game writes them everywhere, the terminal UI and the command line:
    thousands separated by commas ("3,569", "-1,200", "950").

    Unlike `trivia.game.answers.format_number` there is no exception for four digits:
    a score is never a year.

    Args:
        points: The points.
        signed: Write a "+" before points above 0 too (a score change: "+1,500").
    """
    return f"{points:+,}" if signed and points else f"{points:,}"
