"""Correct a score by hand: a player, plus or minus points, and the reason (it is logged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from trivia.packs.printable import printable
from trivia.tui.widgets.picker import Picker

if TYPE_CHECKING:
    from trivia.game.party import Player


@dataclass(frozen=True, slots=True)
class ScoreCorrection:
    """What the host asked for: `points` (negative takes away) for the player in `seat`."""

    seat: int
    points: int
    reason: str


class AdjustScreen(ModalScreen[ScoreCorrection | None]):
    """Ask for a score correction; dismisses with a `ScoreCorrection`, or None (Esc).

    Args:
        players: The party's players, in seat order.
    """

    CSS_PATH = "party_adjust.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="adjust.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="adjust.apply", priority=True),
    ]

    def __init__(self, players: Sequence[Player]) -> None:
        super().__init__()
        self.players = tuple(players)

    def compose(self) -> ComposeResult:
        with Vertical(id="adjust-dialog") as dialog:
            dialog.border_title = "Correct a score"
            yield Label("Player (←/→)")
            yield Picker(
                [
                    (f"{p.mark} {printable(p.name)}", str(seat))
                    for seat, p in enumerate(self.players)
                ],
                id="adjust-player",
            )
            yield Label("Points (e.g. 500 or -500)")
            yield Input(placeholder="+500", id="adjust-points", compact=True)
            yield Label("Reason (kept in the results)")
            yield Input(placeholder="disputed spelling", id="adjust-reason", compact=True)
            yield Static(id="adjust-problem", markup=False)
            with Horizontal(id="adjust-buttons"):
                yield Button("Cancel (Esc)", id="adjust-cancel")
                yield Button("Apply (ctrl+s)", id="adjust-apply", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#adjust-player", Picker).focus()

    @on(Input.Submitted, "#adjust-points")
    def _points_entered(self) -> None:
        self.query_one("#adjust-reason", Input).focus()

    @on(Input.Submitted, "#adjust-reason")
    @on(Button.Pressed, "#adjust-apply")
    def action_apply(self) -> None:
        """Check the fields and close with the correction."""
        text = self.query_one("#adjust-points", Input).value.strip().replace(" ", "")
        reason = " ".join(self.query_one("#adjust-reason", Input).value.split())
        try:
            points = int(text)
        except ValueError:
            self._problem("Points are a whole number, like 500 or -250.")
            return
        if points == 0:
            self._problem("Zero changes nothing: type the points to add or take away.")
            return
        if not reason:
            self._problem("Say why: the reason goes into the results.")
            return
        seat = int(self.query_one("#adjust-player", Picker).value)
        self.dismiss(ScoreCorrection(seat, points, reason))

    def _problem(self, text: str) -> None:
        self.query_one("#adjust-problem", Static).update(text)

    @on(Button.Pressed, "#adjust-cancel")
    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
