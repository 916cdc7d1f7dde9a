"""A yes/no question in a dialog, answered with a key or a click."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

LEAVE_QUESTION = (
    "Leave this round? It ends here: your answers so far are saved and count in your "
    "stats, but it cannot be resumed."
)
"""What the game asks before a round is left mid-way."""

QUIT_QUESTION = (
    "Quit Fan Trivia? This round is saved as it stands: start the game again and it offers "
    "to resume it where you left off."
)
"""What the game asks before quitting (ctrl+q) mid-round, when the round is being saved."""

QUIT_UNSAVED_QUESTION = "Quit Fan Trivia? This round is not saved: it cannot be resumed."
"""The same, for a round the save does not hold (e.g. a daily the save refused)."""

QUIT_PARTY_QUESTION = (
    "Quit Fan Trivia? The party is saved after every action: start the game again and it "
    "offers to resume it, scores and all."
)
"""The same, mid-party."""

QUIT_QUESTIONS = frozenset({QUIT_QUESTION, QUIT_UNSAVED_QUESTION, QUIT_PARTY_QUESTION})


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for yes and False for no (or Esc).

    Args:
        question: What is asked (plain text, never markup).
        yes: The label of the button that confirms.
        no: The label of the button that cancels.
    """

    CSS_PATH = "confirm.tcss"

    BINDINGS = [
        Binding("y", "choose(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "choose(False)", "No", id="confirm.no"),
        Binding("left,right", "app.focus_next", "Move", show=False),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.no_label} (n)", id="no", variant="primary")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        # Staying is the safe default: Enter on the focused button keeps the round.
        self.query_one("#no", Button).focus()

    def action_choose(self, choice: bool) -> None:
        """Close the dialog with the player's choice."""
        self.dismiss(choice)

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)
