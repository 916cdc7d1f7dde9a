"""Labelled horizontal bars: one per tag (or anything), with the percentage in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from trivia.packs.printable import printable


class AccuracyBars(Widget):
    """Rows of "label  ██████░░░░  67%  4/6": how often each was answered right.

    The bar is drawn with full and light blocks and every row says its percentage and
    counts, so it reads without colour (NO_COLOR, colour-blind players) too.

    Args:
        rows: (label, right, answered) per row, in the order to show them. Labels are
            plain text (tags come from packs: shown literally).
        id: The widget's id.
    """

    DEFAULT_CSS = """
    AccuracyBars {
        height: auto;
        width: 1fr;
    }
    AccuracyBars > .accuracy-bars--filled {
        color: $success;
    }
    AccuracyBars > .accuracy-bars--empty {
        color: $text-muted 40%;
    }
    AccuracyBars > .accuracy-bars--label {
        color: $text;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "accuracy-bars--filled",
        "accuracy-bars--empty",
        "accuracy-bars--label",
    }
    """The filled and empty parts of a bar, and its label."""

    LABEL_WIDTH = 14
    """Columns for the label; longer labels are cut with an ellipsis."""

    def __init__(self, rows: Sequence[tuple[str, int, int]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)
        """(label, right, answered) per row."""

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(len(self.rows), 1)

    def render(self) -> RenderResult:
        filled = self.get_component_rich_style("accuracy-bars--filled")
        empty = self.get_component_rich_style("accuracy-bars--empty")
        label_style = self.get_component_rich_style("accuracy-bars--label")
        # label, a space, the bar, then " 100%  12/12".
        bar_width = max(self.size.width - self.LABEL_WIDTH - 1 - 13, 4)
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (label, right, answered) in enumerate(self.rows):
            ratio = right / answered if answered else 0.0
            full = round(ratio * bar_width)
            name = printable(label)
            if len(name) > self.LABEL_WIDTH:
                name = name[: self.LABEL_WIDTH - 1] + "…"
            if number:
                text.append("\n")
            text.append(f"{name:<{self.LABEL_WIDTH}} ", label_style)
            text.append("█" * full, filled)
            text.append("░" * (bar_width - full), empty)
            text.append(f" {ratio:>4.0%}  {right}/{answered}")
        return text
