"""The line above a question: progress, score, streak and (in survival) lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from trivia.game.scoring import format_points
from trivia.packs.printable import printable

if TYPE_CHECKING:
    from trivia.game import Round

STREAK_MILESTONES = (3, 5, 10)
"""Streak lengths the game celebrates."""


class StatusBar(Horizontal):
    """Progress, score, streak and lives, read from the round once per question.

    Args:
        pack_title: The title of the pack being played (pack text: shown literally).
        number: The question's number, from 1.
        total: How many questions the round has; None when open-ended.
        score: Points so far.
        streak: Right answers in a row so far.
        lives: Misses left (survival), else None.
    """

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        padding: 0 1;
        & > Static { width: auto; margin-right: 3; }
        & > #status-pack { width: 1fr; color: $text-muted; }
        & > #status-score { text-style: bold; }
        & > #status-streak.-hot { color: $accent; text-style: bold; }
        & > #status-lives { color: $error; }
    }
    """

    @classmethod
    def of_round(cls, round: Round, pack_title: str) -> StatusBar:
        """The bar for a round's current question (the question and reveal screens)."""
        view = round.current
        return cls(
            pack_title=pack_title,
            number=view.number,
            total=view.total,
            score=round.score,
            streak=round.streak,
            lives=round.lives_left,
        )

    def __init__(
        self,
        *,
        pack_title: str,
        number: int,
        total: int | None,
        score: int,
        streak: int,
        lives: int | None,
    ) -> None:
        super().__init__()
        self.pack_title = pack_title
        self.number = number
        self.total = total
        self.score = score
        self.streak = streak
        self.lives = lives

    def compose(self) -> ComposeResult:
        of = f" of {self.total}" if self.total is not None else ""
        yield Static(f"Question {self.number}{of}", id="status-progress")
        yield Static(Content(printable(self.pack_title)), id="status-pack")
        if self.lives is not None:
            lives = "life" if self.lives == 1 else "lives"
            yield Static(f"♥ {self.lives} {lives} left", id="status-lives")
        fire = " 🔥" if self.streak >= STREAK_MILESTONES[0] else ""
        streak = Static(f"Streak {self.streak}{fire}", id="status-streak")
        streak.set_class(self.streak >= STREAK_MILESTONES[0], "-hot")
        yield streak
        yield Static(f"Score {format_points(self.score)}", id="status-score")
