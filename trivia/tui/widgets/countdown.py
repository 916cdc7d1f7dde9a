"""A countdown bar: how much of a question's time is left, as a bar and in seconds."""

from __future__ import annotations

import math

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class Countdown(Widget):
    """A one-line bar that empties as the time limit runs out.

    The widget only draws; the owning screen sets `remaining` from the round's clock on each
    tick of its interval timer, so the bar can never disagree with the round about time.
    """

    COMPONENT_CLASSES = {"countdown--full", "countdown--empty", "countdown--label"}

    DEFAULT_CSS = """
    Countdown {
        height: 1;
        width: 1fr;
        & > .countdown--full { color: $success; }
        & > .countdown--empty { color: $panel-lighten-1; }
        & > .countdown--label { color: $text; text-style: bold; }
        &.-hurry > .countdown--full { color: $warning; }
        &.-last > .countdown--full { color: $error; }
    }
    """

    remaining: reactive[float] = reactive(0.0)
    """Seconds left before the round times the question out."""

    limit: reactive[float] = reactive(0.0)
    """The question's time limit in seconds; 0 means untimed (the bar says so)."""

    def watch_remaining(self, remaining: float) -> None:
        share = remaining / self.limit if self.limit else 1.0
        # Colour steps as well as length, but never colour alone: the label counts down too.
        self.set_class(share <= 0.5, "-hurry")
        self.set_class(share <= 0.2, "-last")

    def render(self) -> RenderResult:
        if not self.limit:
            return Content("No timer")
        label = f" {math.ceil(max(self.remaining, 0.0)):>2}s"
        width = max(self.size.width - len(label), 1)
        share = min(max(self.remaining / self.limit, 0.0), 1.0)
        filled = round(width * share)
        return Content.assemble(
            ("━" * filled, self.get_visual_style("countdown--full")),
            ("━" * (width - filled), self.get_visual_style("countdown--empty")),
            (label, self.get_visual_style("countdown--label")),
        )
