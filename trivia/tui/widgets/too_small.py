"""The notice shown instead of a screen when the terminal is too small to lay it out."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

MIN_WIDTH = 70
"""Narrowest terminal the game lays out (columns); below it the notice shows instead."""
MIN_HEIGHT = 20
"""Shortest terminal the game lays out (rows); below it the notice shows instead."""


class TooSmall(Widget):
    """A plain, centred notice: how big the terminal is and how big it must be.

    It is hidden by default; the app's breakpoint classes (`-too-narrow`, `-too-short`) on the
    screen show it and hide the screen's body, so nothing is laid out broken and no state is
    lost: the screen underneath keeps its round and comes back when the terminal grows.
    """

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        padding: 0 1;
        color: $text;
        background: $surface;
    }
    """

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        width, height = self.app.size
        return Content.assemble(
            ("Fan Trivia needs a bigger terminal", "bold"),
            "\n\n",
            f"At least {MIN_WIDTH} x {MIN_HEIGHT}; this one is {width} x {height}.\n",
            "Enlarge the window or make the font smaller.\n",
            "Your game is kept and carries on when there is room.",
        )
