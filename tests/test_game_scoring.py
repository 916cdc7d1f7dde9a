"""Scoring at its edges: speed, streak bonus and its cap, lifeline, partial credit."""

from __future__ import annotations

from typing import Any

import pytest

from trivia.game import Breakdown, ScoreRules, format_points, is_new_best, score
from trivia.packs.model import Difficulty

E, M, H = Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD


def right(difficulty: Difficulty = M, **kwargs: object) -> Breakdown:
    values: dict[str, object] = {"elapsed": 0.0, "time_limit": 20.0, "previous_streak": 0}
    values.update(kwargs)
    return score(difficulty, correct=True, **values)  # type: ignore[arg-type]


def test_the_design_example() -> None:
    # Medium, answered in 4 s of 20, second right answer in a row: 1350 + 100.
    breakdown = right(M, elapsed=4.0, previous_streak=1)
    assert breakdown.total == 1450
    assert breakdown.lines() == [("base", 1500), ("speed", -150), ("streak", 100)]


@pytest.mark.parametrize(("difficulty", "base"), [(E, 1000), (M, 1500), (H, 2000)])
def test_base_by_difficulty_for_an_instant_answer(difficulty: Difficulty, base: int) -> None:
    breakdown = right(difficulty, elapsed=0.0)
    assert breakdown.base == base
    assert breakdown.speed == 0
    assert breakdown.total == base


@pytest.mark.parametrize(
    ("elapsed", "total"),
    [
        (0.0, 2000),
        (-1.0, 2000),  # a clock hiccup never earns more than full points
        (10.0, 1500),
        (20.0, 1000),  # at the buzzer: half
        (25.0, 1000),  # past the limit: clamped
        (3.0, 1850),
    ],
)
def test_speed(elapsed: float, total: int) -> None:
    assert right(H, elapsed=elapsed).total == total


def test_rounding_is_half_up() -> None:
    # 1500 * (1 - (1/40)/2) = 1481.25 -> 1481; 1000 * (1 - (1/400)/2) = 998.75 -> 999.
    assert right(M, elapsed=1.0, time_limit=40.0).total == 1481
    assert right(E, elapsed=1.0, time_limit=400.0).total == 999
    # 1000 * (1 - (1/16)/2) = 968.75 -> 969, halved 484.5 -> 485 (half up, not to even).
    assert right(E, elapsed=1.0, time_limit=16.0, lifeline=True).total == 485


def test_untimed_is_full_base_whatever_the_time() -> None:
    breakdown = right(H, elapsed=500.0, time_limit=None)
    assert breakdown.total == 2000
    assert not breakdown.timed
    assert breakdown.lines() == [("base", 2000)]


@pytest.mark.parametrize(
    ("streak_after", "bonus"),
    [(1, 0), (2, 100), (3, 200), (4, 300), (5, 400), (6, 500), (7, 500), (10, 500)],
)
def test_streak_bonus_and_cap(streak_after: int, bonus: int) -> None:
    breakdown = right(E, previous_streak=streak_after - 1)
    assert breakdown.streak == streak_after
    assert breakdown.streak_bonus == bonus
    assert breakdown.total == 1000 + bonus


def test_wrong_answer_scores_nothing_and_resets_the_streak() -> None:
    breakdown = score(H, correct=False, elapsed=1.0, time_limit=20.0, previous_streak=9)
    assert breakdown.total == 0
    assert breakdown.streak == 0
    assert breakdown.streak_bonus == 0
    assert breakdown.lines() == []


def test_lifeline_halves_the_points_but_not_the_streak_bonus() -> None:
    breakdown = right(M, elapsed=4.0, previous_streak=2, lifeline=True)
    # 1350 halved = 675, then +200 for a streak of 3.
    assert breakdown.lifeline == -675
    assert breakdown.total == 875
    assert breakdown.lines() == [
        ("base", 1500),
        ("speed", -150),
        ("lifeline", -675),
        ("streak", 200),
    ]


def test_partial_credit_then_lifeline() -> None:
    # 2000 untimed, credit 0.75 -> 1500, lifeline -> 750, streak of 2 -> +100.
    breakdown = right(H, time_limit=None, credit=0.75, lifeline=True, previous_streak=1)
    assert (breakdown.partial, breakdown.lifeline, breakdown.streak_bonus) == (-500, -750, 100)
    assert breakdown.total == 850
    assert breakdown.credit == 0.75


@pytest.mark.parametrize(
    "breakdown",
    [
        right(E),
        right(M, elapsed=7.3, credit=0.61, lifeline=True, previous_streak=4),
        right(H, elapsed=19.9, time_limit=20.0, previous_streak=20),
        score(E, correct=False, elapsed=3, time_limit=None, previous_streak=2),
    ],
)
def test_lines_always_add_up_to_the_total(breakdown: Breakdown) -> None:
    parts = (
        breakdown.base
        + breakdown.speed
        + breakdown.partial
        + breakdown.lifeline
        + breakdown.streak_bonus
    )
    assert parts == breakdown.total
    assert sum(points for _, points in breakdown.lines()) == breakdown.total


def test_custom_rules() -> None:
    rules = ScoreRules(easy=100, streak_from=3, streak_step=10, streak_cap=20)
    assert right(E, rules=rules, previous_streak=1).total == 100
    assert right(E, rules=rules, previous_streak=2).total == 110
    assert right(E, rules=rules, previous_streak=8).total == 120


@pytest.mark.parametrize(
    "kwargs",
    [{"credit": 1.5}, {"credit": -0.1}, {"time_limit": 0.0}, {"previous_streak": -1}],
)
def test_bad_inputs_are_refused(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        right(**kwargs)


def test_points_are_written_with_comma_thousands() -> None:
    """One way everywhere: the game showed "3 569" (thin spaces) where the CLI said "3,569"."""
    assert format_points(3569) == "3,569"
    assert format_points(1_234_567) == "1,234,567"
    assert format_points(950) == "950"
    assert format_points(0) == "0"
    assert format_points(-1200) == "-1,200"
    # Four digits too: unlike an answer, a score is never a year.
    assert format_points(2012) == "2,012"
    assert format_points(1500, signed=True) == "+1,500"
    assert format_points(-250, signed=True) == "-250"
    assert format_points(0, signed=True) == "0"


def test_a_new_best_beats_an_earlier_best() -> None:
    assert is_new_best(4200, 4100)
    assert not is_new_best(4100, 4100)  # a tie is not a new best
    assert not is_new_best(3000, 4100)
    # A first round sets the best; it beats none.
    assert not is_new_best(4200, None)
    assert is_new_best(1, 0)
