"""A party's results: attempts, settled questions, totals, the leaderboard, the podium, and
the export (CSV and JSON), without a UI."""

from __future__ import annotations

import csv
import json
import os
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trivia.game.answers import Verdict, answer_text
from trivia.game.party.roster import Player
from trivia.game.scoring import Breakdown
from trivia.game.settle import RecordedResponse, Scored, Settled, Tally
from trivia.packs.model import AnyQuestion

if TYPE_CHECKING:
    from trivia.game.party.machine import Party


class Movement(StrEnum):
    """A player's move on the leaderboard since before the last question."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

    @property
    def arrow(self) -> str:
        """An arrow to show beside the rank (not a player mark)."""
        return {"up": "\u2191", "down": "\u2193", "same": "="}[self.value]


@dataclass(frozen=True, slots=True)
class Attempt(Scored):
    """One player's go at one question.

    Attributes:
        player: Who.
        response: The response as given; None for a time out, a decline or a mark.
        verdict: Right or wrong and the texts to show (master style: from the mark).
        breakdown: The points, as `score()` made them.
        elapsed: Seconds taken (hotseat: from the player's turn; buzzer: to the buzz;
            master: 0).
        passed: Answered on a hotseat pass (for `pass_factor` of the points).
        timed_out: No answer given (time ran out, or the player declined).
    """

    player: Player
    response: RecordedResponse | None
    verdict: Verdict
    breakdown: Breakdown
    elapsed: float
    passed: bool
    timed_out: bool

    @classmethod
    def of(cls, player: Player, settled: Settled, passed: bool = False) -> Attempt:
        """The attempt a settled go makes (`trivia.game.settle.settle`)."""
        return cls(
            player,
            settled.response,
            settled.verdict,
            settled.breakdown,
            settled.elapsed,
            passed,
            settled.timed_out,
        )


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """A settled (or skipped) question.

    Attributes:
        index: Its position in the party, from 0.
        pack_id: Its pack.
        question: The question.
        attempts: Each player's go, in the order they happened.
        skipped: The host skipped it: nothing counted.
    """

    index: int
    pack_id: str
    question: AnyQuestion
    attempts: tuple[Attempt, ...]
    skipped: bool = False

    @property
    def answer_text(self) -> str:
        """The right answer as the reveal shows it."""
        return answer_text(self.question)

    def points_of(self, player: Player) -> int:
        """The points a player earned on this question."""
        return sum(a.points for a in self.attempts if a.player == player)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A score changed by hand by the host.

    Attributes:
        player: Whose score.
        points: Added (negative: taken away).
        reason: Why, as the host typed it.
        after: How many questions had been settled or skipped when it was made.
    """

    player: Player
    points: int
    reason: str
    after: int


@dataclass(frozen=True, slots=True)
class PlayerScore:
    """A player's running totals.

    Attributes:
        player: Who.
        score: Points, adjustments included.
        streak: Right answers in a row (questions the player did not answer leave it be).
        best_streak: The longest streak in the party.
        correct: Right answers.
        answered: Questions the player answered (or timed out on).
        adjusted: The sum of the host's adjustments.
    """

    player: Player
    score: int
    streak: int
    best_streak: int
    correct: int
    answered: int
    adjusted: int

    @classmethod
    def of(cls, player: Player, tally: Tally) -> PlayerScore:
        """A player's totals from their tally."""
        return cls(
            player,
            tally.score,
            tally.streak,
            tally.best_streak,
            tally.correct,
            tally.answered,
            tally.adjusted,
        )


@dataclass(frozen=True, slots=True)
class Standing:
    """A line of the leaderboard.

    Attributes:
        rank: 1 for the top; equal scores share a rank (1, 1, 3).
        previous_rank: The rank before the last question settled.
        movement: Up, down or the same since then.
        gained: Points since then.
        totals: The player's totals.
    """

    rank: int
    previous_rank: int
    movement: Movement
    gained: int
    totals: PlayerScore

    @property
    def player(self) -> Player:
        """Who."""
        return self.totals.player

    @property
    def score(self) -> int:
        """The player's score."""
        return self.totals.score


@dataclass(frozen=True, slots=True)
class Podium:
    """The end of the party: places 1-3 (ties share a place) and the full table.

    With competition ranking two players tied first leave no second place: the next
    player is third, as at the Olympics.
    """

    first: tuple[Standing, ...]
    second: tuple[Standing, ...]
    third: tuple[Standing, ...]
    table: tuple[Standing, ...]


def standings(totals: Sequence[PlayerScore], baseline: Sequence[int]) -> tuple[Standing, ...]:
    """The leaderboard: best first, ties sharing a rank, then in seat order.

    Args:
        totals: Every player's totals, in seat order.
        baseline: The scores by seat that movement compares with (before the last
            question settled).
    """
    now = _ranks([t.score for t in totals])
    before = _ranks(list(baseline))
    lines = []
    for seat, t in enumerate(totals):
        movement = (
            Movement.UP
            if now[seat] < before[seat]
            else Movement.DOWN
            if now[seat] > before[seat]
            else Movement.SAME
        )
        lines.append(Standing(now[seat], before[seat], movement, t.score - baseline[seat], t))
    order = sorted(range(len(lines)), key=lambda seat: (lines[seat].rank, seat))
    return tuple(lines[seat] for seat in order)


def podium(table: tuple[Standing, ...]) -> Podium:
    """Places 1-3 of a leaderboard, and the leaderboard as the full table."""
    return Podium(
        first=tuple(s for s in table if s.rank == 1),
        second=tuple(s for s in table if s.rank == 2),
        third=tuple(s for s in table if s.rank == 3),
        table=table,
    )


@dataclass(frozen=True, slots=True)
class ResultsTable:
    """A party's results as rows, ready for CSV, JSON or a screen.

    Attributes:
        players: One row per player, in podium order: rank, name, mark, colour, score,
            correct, answered, best_streak, adjusted, then "q1".."qN" (points per
            question, "" when skipped).
        questions: One row per question settled or skipped: number, pack_id,
            question_id, prompt, answer, skipped, and per player name their points and
            whether they were right.
        adjustments: The host's hand-made changes: player, points, reason, after
            (questions played when made).
    """

    players: tuple[dict[str, Any], ...]
    questions: tuple[dict[str, Any], ...]
    adjustments: tuple[dict[str, Any], ...]

    @property
    def player_columns(self) -> tuple[str, ...]:
        """The column names of `players`, in order."""
        return tuple(self.players[0]) if self.players else ()


def results_table(party: Party) -> ResultsTable:
    """The party's results: per-player rows (the podium's order and totals) and per question."""
    results = party.results
    players = []
    for standing in party.standings():
        t = standing.totals
        row: dict[str, Any] = {
            "rank": standing.rank,
            "name": t.player.name,
            "mark": t.player.mark,
            "colour": t.player.colour,
            "score": t.score,
            "correct": t.correct,
            "answered": t.answered,
            "best_streak": t.best_streak,
            "adjusted": t.adjusted,
        }
        for result in results:
            row[f"q{result.index + 1}"] = "" if result.skipped else result.points_of(t.player)
        players.append(row)
    questions = []
    for result in results:
        row = {
            "number": result.index + 1,
            "pack_id": result.pack_id,
            "question_id": result.question.id,
            "prompt": result.question.prompt,
            "answer": result.answer_text,
            "skipped": result.skipped,
            "players": {
                a.player.name: {
                    "points": a.points,
                    "correct": a.correct,
                    "response": a.verdict.response_text,
                    "passed": a.passed,
                    "timed_out": a.timed_out,
                }
                for a in result.attempts
            },
        }
        questions.append(row)
    adjustments = tuple(
        {"player": a.player.name, "points": a.points, "reason": a.reason, "after": a.after}
        for a in party.adjustments
    )
    return ResultsTable(tuple(players), tuple(questions), adjustments)


def export_csv(party: Party, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write the scoreboard as CSV: one row per player, podium order, points per question.

    Args:
        party: The party.
        path: The file to write.
        overwrite: False refuses an existing file (`FileExistsError`).

    Returns:
        The path written.
    """
    table = results_table(party)
    target = Path(path)
    with target.open("w" if overwrite else "x", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=list(table.player_columns))
        writer.writeheader()
        for row in table.players:
            writer.writerow({key: _cell(value) for key, value in row.items()})
    return target


def export_json(party: Party, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
    """Write the full results as JSON: config, players, questions, adjustments, podium.

    Args:
        party: The party.
        path: The file to write.
        overwrite: False refuses an existing file (`FileExistsError`).

    Returns:
        The path written.
    """
    table = results_table(party)
    data = {
        "style": party.style.value,
        "teams": party.config.teams,
        "packs": list(party.pack_ids),
        "seed": party.config.round.seed,
        "finished": party.finished,
        "players": list(table.players),
        "questions": list(table.questions),
        "adjustments": list(table.adjustments),
    }
    target = Path(path)
    with target.open("w" if overwrite else "x", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")
    return target


# --- small pieces --------------------------------------------------------------------------


def _ranks(scores: Sequence[int]) -> list[int]:
    """Competition ranks (1, 1, 3) by seat: 1 + how many scored more (sorted once, so a
    room of 300 phones is ranked in a blink)."""
    ordered = sorted(scores)
    return [1 + len(ordered) - bisect_right(ordered, mine) for mine in scores]


def result_dict(result: QuestionResult) -> dict[str, Any]:
    return {
        "index": result.index,
        "question_id": result.question.id,
        "answer": result.answer_text,
        "skipped": result.skipped,
        "attempts": [
            {
                "player": a.player.name,
                "response": a.verdict.response_text,
                "correct": a.correct,
                "points": a.points,
                "passed": a.passed,
                "timed_out": a.timed_out,
            }
            for a in result.attempts
        ],
    }


def _cell(value: Any) -> Any:
    # A name typed as "=SUM(...)" would run as a formula when the host opens the CSV in
    # a spreadsheet; a leading apostrophe keeps it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
