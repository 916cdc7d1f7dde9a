"""A list the player puts in order: arrows pick an item, shift+arrows or [ ] move it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from trivia.packs.printable import printable


class OrderList(OptionList):
    """The items of an order question, reordered by keys (or by the screen's buttons).

    Up/down highlight an item; shift+up/shift+down (or `[` and `]`) move it; Enter
    submits. The widget holds only the order on screen; the round checks it.

    Args:
        items: The items in the order they start in.
    """

    DEFAULT_CSS = """
    OrderList {
        height: auto;
        max-height: 14;
    }
    """

    BINDINGS = [
        Binding(
            "shift+up,left_square_bracket",
            "move(-1)",
            "Move item",
            key_display="shift+↑↓",
            id="order.up",
        ),
        Binding(
            "shift+down,right_square_bracket",
            "move(1)",
            "Move item down",
            show=False,
            id="order.down",
        ),
        Binding("enter", "submit", "Submit order", id="order.submit"),
    ]

    class Submitted(Message):
        """The player submitted the order on screen."""

        def __init__(self, order_list: OrderList, items: tuple[str, ...]) -> None:
            self.order_list = order_list
            self.items = items
            super().__init__()

        @property
        def control(self) -> OrderList:
            """The list that was submitted."""
            return self.order_list

    def __init__(
        self, items: Sequence[str], *, id: str | None = None, classes: str | None = None
    ) -> None:
        self.items: list[str] = list(items)
        """The items in the order on screen."""
        super().__init__(*self._prompts(), id=id, classes=classes)

    def _prompts(self) -> list[Content]:
        # Pack text: escaped and never read as markup.
        return [
            Content.assemble((f"{number}. ", "bold"), Content(printable(item)))
            for number, item in enumerate(self.items, start=1)
        ]

    def on_mount(self) -> None:
        self.highlighted = 0

    def action_move(self, step: int) -> None:
        """Move the highlighted item up (-1) or down (+1); the highlight goes with it."""
        index = self.highlighted
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.items):
            self.app.bell()
            return
        self.items[index], self.items[target] = self.items[target], self.items[index]
        self.set_options(self._prompts())
        self.highlighted = target

    def action_submit(self) -> None:
        """Submit the order on screen."""
        self.post_message(self.Submitted(self, tuple(self.items)))
