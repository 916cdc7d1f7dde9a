"""A one-line choice among a few values, cycled by keys or clicks: light enough for Home."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class Picker(Widget, can_focus=True):
    """Pick one of a few labelled values: ←/→ (or Enter, space, a click) move through them.

    A `Select` would open a drop-down; three of them cost Home's first paint a noticeable
    share of its time, and a handful of values read well on one line anyway.

    Args:
        choices: (label, value) pairs; labels are plain text, never markup.
        value: The value picked at first (default: the first).
        id: The widget's id.
    """

    DEFAULT_CSS = """
    Picker {
        height: 1;
        width: 1fr;
        background: $boost;
        padding: 0 1;
        &:focus { background: $primary 30%; text-style: bold; }
        &:hover { background: $primary 20%; }
    }
    """

    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,enter,space", "step(1)", "Next", show=False),
    ]

    index: reactive[int] = reactive(0)
    """Which choice is picked."""

    class Changed(Message):
        """The picked value changed."""

        def __init__(self, picker: Picker, value: str) -> None:
            self.picker = picker
            self.value = value
            super().__init__()

        @property
        def control(self) -> Picker:
            """The picker that changed."""
            return self.picker

    def __init__(
        self, choices: Sequence[tuple[str, str]], value: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._choices = list(choices)
        values = [v for _, v in self._choices]
        self.set_reactive(Picker.index, values.index(value) if value in values else 0)

    @property
    def value(self) -> str:
        """The picked value."""
        return self._choices[self.index][1]

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """Replace the choices; keeps the picked value when it is still offered."""
        current = self.value if self._choices else None
        self._choices = list(choices) or [("Any", "")]
        values = [v for _, v in self._choices]
        self.index = values.index(current) if current in values else 0
        self.refresh()

    def action_step(self, step: int) -> None:
        """Move to the previous (-1) or next (+1) choice, wrapping around."""
        self.index = (self.index + step) % len(self._choices)

    def watch_index(self) -> None:
        self.post_message(self.Changed(self, self.value))

    async def _on_click(self, event: events.Click) -> None:
        # A click on the left arrow goes back, anywhere else goes forward.
        self.action_step(-1 if event.x <= 2 else 1)

    def render(self) -> RenderResult:
        label = self._choices[self.index][0]
        many = len(self._choices) > 1
        return Content.assemble("◂ " if many else "  ", Content(label), " ▸" if many else "")
