"""Party pieces for the projector: the players' strip, the leaderboard and the podium.

Each widget draws one `Party` as it is when `show(party)` is called; none keeps game
state of its own. Every player is shown with their mark and name as well as their colour,
so nothing depends on telling colours apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from trivia.game.scoring import format_points
from trivia.packs.printable import printable

if TYPE_CHECKING:
    from trivia.game.party import Party, Player, Standing

SEAT_SHADES = {
    "red": "#E5534B",
    "blue": "#539BF5",
    "green": "#57AB5A",
    "yellow": "#C69026",
    "purple": "#B083F0",
    "orange": "#E0823D",
    "cyan": "#39C5CF",
    "pink": "#E275AD",
}
"""Shades of the seat colours. Seats are the game's identities, not theme roles, so they
are fixed here; each is mid-bright, readable on dark and light themes, and always shown
beside the player's mark and name."""

MOVE_ARROWS = {"up": "▲", "down": "▼", "same": "="}
"""Leaderboard movement since the question before."""

PLACES = {1: "1st", 2: "2nd", 3: "3rd"}

CROWD = 8
"""More players than keyboard seats (phones joined): the board shows the top and a count."""

TOP = 10
"""Leaderboard lines shown for a crowd; the export has the full table."""


def player_label(player: Player, *, bold: bool = True) -> Content:
    """A player's mark and name in their colour: "● Ann"."""
    shade = SEAT_SHADES.get(player.colour, "")
    style = f"{'bold ' if bold else ''}{shade}".strip()
    return Content.styled(f"{player.mark} {printable(player.name)}", style)


def movement_text(standing: Standing) -> Content:
    """ "▲2" (up two places), "▼1", or "=" (no change)."""
    arrow = MOVE_ARROWS[standing.movement.value]
    places = abs(standing.previous_rank - standing.rank)
    if standing.movement.value == "up":
        return Content.styled(f"{arrow}{places}", "bold $success")
    if standing.movement.value == "down":
        return Content.styled(f"{arrow}{places}", "bold $error")
    return Content.styled(arrow, "$text-muted")


class PlayerStrip(Static):
    """One line per row of players: mark, name, score and what they are doing now.

    It is the room's view: a quiz-master's marks stay off it until the reveal (the host
    sees them in the host's own panel), and totals stay off it while the party keeps its
    leaderboard for the end (`Party.shows_totals`).
    """

    DEFAULT_CSS = """
    PlayerStrip {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    """

    def show(self, party: Party, *, flashes: dict[str, str] | None = None) -> None:
        """Draw the players of `party`; `flashes` adds a word by a name (e.g. "LOCKED")."""
        flashes = flashes or {}
        answering = party.answering
        out = set(party.out)
        totals_shown = party.shows_totals
        pieces: list[Content] = []
        scores = party.scores()
        crowd = len(scores) > CROWD
        for totals in scores:
            player = totals.player
            state = ""
            if party.phase.value == "open" or party.phase.value == "reading":
                if answering == player:
                    state = "◀ ANSWERING" if not party.passed else "◀ ON THE PASS"
                elif player in out:
                    state = "✘ out"
                elif party.style.value == "buzzer" and party.locked_out(player):
                    state = "⊘ LOCKED"
                elif party.style.value == "hotseat" and party.turn == player and not party.passed:
                    state = "◀ turn"
            state = flashes.get(player.name, state)
            if crowd and not state:
                continue  # a crowd of phones: only who is doing something, then a count
            score = Content.styled(format_points(totals.score), "bold")
            piece = Content.assemble(
                player_label(player),
                *((" ", score) if totals_shown else ()),
                *((" ", Content.styled(state, "bold reverse")) if state else ()),
            )
            pieces.append(piece)
        if crowd:
            pieces.append(Content.styled(f"{len(scores)} players", "$text-muted"))
        self.update(Content("   ").join(pieces))


class ScoreCards(Horizontal):
    """The projector's scores: one card per player, the score in big digits.

    Shown instead of the players' strip on a big terminal (`PartyStage`'s `-projector`)
    whenever totals may be seen (`Party.shows_totals`); the room reads it from the back.
    """

    DEFAULT_CSS = """
    ScoreCards {
        height: auto;
        width: 1fr;
        & > Vertical {
            width: 1fr;
            height: auto;
            border: round $panel-lighten-2;
            & > Static { width: 1fr; text-align: center; }
            & > Digits { width: 1fr; text-align: center; }
        }
    }
    """

    def show(self, party: Party) -> None:
        """Draw a card for each player of `party`, in seat order."""
        totals = party.scores()
        self.display = len(totals) <= CROWD  # a card each fits a handful of seats, not a room
        if not self.display:
            return
        if len(self.children) != len(totals):
            self.remove_children()
            self.mount_all(
                Vertical(Static(classes="card-name"), Digits("", classes="card-score"))
                for _ in totals
            )
            self.call_after_refresh(self.show, party)
            return
        for card, total in zip(self.children, totals, strict=True):
            card.query_one(".card-name", Static).update(player_label(total.player))
            card.query_one(".card-score", Digits).update(format_points(total.score))


class Leaderboard(Static):
    """The standings: movement, rank, player, score, and points from the last question."""

    DEFAULT_CSS = """
    Leaderboard {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    """

    def show(self, party: Party) -> None:
        """Draw the standings of `party`."""
        table = party.standings()
        shown = table[:TOP] if len(table) > CROWD else table
        width = max((len(s.player.name) for s in shown), default=4) + 2
        lines = []
        for standing in shown:
            gained = standing.gained
            gained_text = f"+{format_points(gained)}" if gained > 0 else format_points(gained)
            name = player_label(standing.player)
            lines.append(
                Content.assemble(
                    movement_text(standing).pad_right(4 - len(movement_text(standing).plain)),
                    Content.styled(f"{standing.rank:>2}. ", "bold"),
                    name.pad_right(width - len(standing.player.name)),
                    Content.styled(f"{format_points(standing.score):>9}", "bold"),
                    Content.styled(f"  {gained_text if gained else ''}", "$text-muted"),
                )
            )
        if len(shown) < len(table):
            more = len(table) - len(shown)
            lines.append(Content.styled(f"     and {more} more (all in the export)", "$text-muted"))
        self.update(Content("\n").join(lines))


class PodiumPlace(Vertical):
    """One step of the podium: the place, who stands on it, and their score in big digits."""

    DEFAULT_CSS = """
    PodiumPlace {
        width: 1fr;
        height: auto;
        align-horizontal: center;
        & > Static { width: 1fr; text-align: center; }
        & > Digits { width: 1fr; text-align: center; }
    }
    """

    def __init__(self, place: int, *, id: str | None = None) -> None:
        super().__init__(id=id, classes=f"-place-{place}")
        self.place = place

    def compose(self) -> ComposeResult:
        yield Static(PLACES[self.place], classes="podium-place")
        yield Static(classes="podium-names")
        yield Digits("", classes="podium-score")

    def show(self, standings: tuple[Standing, ...]) -> None:
        """Show who holds this place (ties share it); nobody leaves it empty."""
        names = self.query_one(".podium-names", Static)
        digits = self.query_one(".podium-score", Digits)
        self.set_class(not standings, "-empty")
        if not standings:
            names.update(Content.styled("—", "$text-muted"))
            digits.update("")
            return
        names.update(Content("\n").join(player_label(s.player) for s in standings))
        digits.update(format_points(standings[0].score))


class Podium(Vertical):
    """The end of the party: places 2, 1, 3 side by side (1st in the middle), then the table."""

    DEFAULT_CSS = """
    Podium {
        height: auto;
        width: 1fr;
        align-horizontal: center;
        & > Horizontal { height: auto; }
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="podium-steps"):
            yield PodiumPlace(2, id="podium-2")
            yield PodiumPlace(1, id="podium-1")
            yield PodiumPlace(3, id="podium-3")
        yield Leaderboard(id="podium-table")

    def show(self, party: Party) -> None:
        """Draw the podium of `party` (also mid-party: the podium so far)."""
        podium = party.podium()
        self.query_one("#podium-1", PodiumPlace).show(podium.first)
        self.query_one("#podium-2", PodiumPlace).show(podium.second)
        third = self.query_one("#podium-3", PodiumPlace)
        # Two players or teams fill two places at most: no empty third step.
        third.display = len(party.players) >= 3
        third.show(podium.third)
        self.query_one("#podium-table", Leaderboard).show(party)
