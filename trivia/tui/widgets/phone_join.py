"""The phones' corner of the host screen: how to join (address, room code, a QR code drawn
in the terminal), who has joined, and how many have answered (never what, before the reveal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from trivia.packs.printable import printable

if TYPE_CHECKING:
    from trivia.game.party import Party
    from trivia.serve import PhoneServer

REFRESH_SECONDS = 0.25
"""How often the corner reads the room (joins and answers arrive between host keys)."""

NAMES_SHOWN = 24
"""Names listed; the count tells the rest."""

BAR_WIDTH = 30
"""Cells of the longest bar in the reveal's answer chart."""

QUIET = 2
"""Light modules around the code: phones read it on a dark terminal with two."""


def qr_text(url: str) -> Text:
    """A QR code of `url` in half blocks, dark modules on light, two module rows a line.

    Colours are fixed (black on white), not the theme's: a QR reader needs the contrast.
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    rows = [[bool(v) for v in row] for row in code.matrix]
    width = len(rows[0]) + 2 * QUIET
    rows = (
        [[False] * width] * QUIET
        + [[False] * QUIET + row + [False] * QUIET for row in rows]
        + [[False] * width] * (QUIET + 1)
    )
    text = Text(no_wrap=True, overflow="crop")
    colour = {True: "#000000", False: "#ffffff"}
    for top, bottom in zip(rows[0::2], rows[1::2], strict=False):
        for upper, lower in zip(top, bottom, strict=True):
            text.append("▀", Style(color=colour[upper], bgcolor=colour[lower]))
        text.append("\n")
    text.rstrip()
    return text


class PhoneJoin(Horizontal):
    """Joining by phone: the QR code (in the lobby), the address, the room, the counts.

    Args:
        party: The party hosted; the server is the app's `phone_server`.
    """

    DEFAULT_CSS = """
    PhoneJoin {
        height: auto;
        max-height: 24;
        padding: 0 1;
        border-top: solid $primary;
    }
    PhoneJoin #phone-qr {
        width: auto;
        margin-right: 2;
    }
    PhoneJoin #phone-text {
        width: 1fr;
    }
    """

    def __init__(self, party: Party, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.party = party
        self._qr_for = ""

    def compose(self) -> ComposeResult:
        yield Static(id="phone-qr")
        yield Static(id="phone-text")

    def on_mount(self) -> None:
        self.show()
        self.set_interval(REFRESH_SECONDS, self.show)

    @property
    def server(self) -> PhoneServer | None:
        """The app's phone server, if it runs one."""
        return getattr(self.app, "phone_server", None)

    def _chart(self, lines: Text) -> None:
        """At the reveal: how many picked each option (choice, true/false), as bars."""
        from trivia.serve.views import reveal_display

        party = self.party
        view = party.current
        counts = reveal_display(party).get("counts")
        if view is None or not counts:
            return
        question = view.question
        labels = list(view.options) if view.options else ["True", "False"]
        right = (
            labels.index(question.answer)
            if view.options and question.answer in labels
            else (0 if question.answer is True else 1)
        )
        most = max(max(counts), 1)
        for index, (label, count) in enumerate(zip(labels, counts, strict=False)):
            mark = "✔" if index == right else " "
            lines.append(f"{mark} {index + 1} {printable(label)[:24]:<24} ")
            lines.append("█" * round(BAR_WIDTH * count / most), "bold" if index == right else "")
            lines.append(f" {count}\n")

    def show(self) -> None:
        """Redraw from the room as it is now."""
        from trivia.serve.views import in_lobby

        party, server = self.party, self.server
        qr = self.query_one("#phone-qr", Static)
        text = self.query_one("#phone-text", Static)
        if server is None or not server.room.code:
            qr.display = False
            text.update("Phones: the phone server is not running.")
            return
        lobby = in_lobby(party)
        qr.display = lobby
        if lobby and self._qr_for != server.url:
            self._qr_for = server.url
            qr.update(qr_text(server.url))
        phones = party.phones
        lines = Text()
        lines.append("Room code: ", "bold")
        lines.append(f" {server.room.code} ", "bold reverse")
        lines.append("   Join on a phone: ", "bold")
        lines.append(server.url)
        lines.append("\n")
        if party.phase.value == "open" and party.style.value == "all":
            done = party.replied()
            lines.append(f"Answered: {len(done)} of {len(party.awaited())}", "bold")
            lines.append("  ")
            names = [
                ("✔ " if phone.seat in done else "· ") + printable(phone.name)
                for phone in phones[:NAMES_SHOWN]
            ]
        elif party.phase.value == "reveal":
            names = []  # the chart below takes the room
            lines.append(f"{len(phones)} joined", "bold")
        else:
            lines.append(f"{len(phones)} joined", "bold")
            lines.append(": " if phones else "")
            names = [printable(phone.name) for phone in phones[:NAMES_SHOWN]]
        lines.append(", ".join(names))
        if names and len(phones) > NAMES_SHOWN:
            lines.append(f" and {len(phones) - NAMES_SHOWN} more")
        lines.append("\n")
        if party.phase.value == "reveal":
            self._chart(lines)
        if server.everywhere:
            lines.append(
                f"Listening on every network interface (port {server.port}) while this party "
                "runs; --host 127.0.0.1 keeps it to this machine. Nobody gets in? Same Wi-Fi, "
                "and let the port through the firewall.",
                "dim",
            )
        else:
            lines.append(f"Listening on {server.host} only (port {server.port}).", "dim")
        lines.append("\n")
        lines.append(f"Projector in a browser: {server.display_url}", "dim")
        text.update(lines)
