"""Send a phone player away: the host types the name (the room may hold hundreds)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from trivia.packs.printable import printable

NAMES_LISTED = 30


class KickScreen(ModalScreen[str | None]):
    """Ask which phone to remove; dismisses with the name typed, or None (Esc).

    Args:
        names: The phones joined, in the order they joined.
    """

    DEFAULT_CSS = """
    KickScreen { align: center middle; background: $background 70%; }
    KickScreen #dialog {
        width: 64; max-width: 100%; height: auto;
        border: thick $error 70%; background: $surface; padding: 1 2;
    }
    KickScreen #names { color: $text-muted; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self.names = list(names)

    def compose(self) -> ComposeResult:
        listed = ", ".join(printable(n) for n in self.names[:NAMES_LISTED])
        more = len(self.names) - NAMES_LISTED
        with Vertical(id="dialog"):
            yield Static(
                "Remove a phone player: they leave the game and cannot come back on that "
                "phone's token. Type the name, Enter (Esc: cancel)."
            )
            yield Static(listed + (f" and {more} more" if more > 0 else ""), id="names")
            yield Input(placeholder="name", id="kick-name", max_length=40)

    @on(Input.Submitted, "#kick-name")
    def _chosen(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Remove nobody."""
        self.dismiss(None)
