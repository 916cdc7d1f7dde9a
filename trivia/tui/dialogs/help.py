"""Help: every key in the game, screen by screen, read from the bindings themselves."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# Keys handled outside BINDINGS (by widgets), listed by hand so the page is complete.
EXTRA_KEYS: dict[str, list[tuple[str, str]]] = {
    "Everywhere": [
        ("tab / shift+tab", "Move between buttons and fields"),
        ("enter / space", "Press the focused button"),
        ("ctrl+p", "Command palette: play a pack, stats, players, theme, help"),
        ("mouse", "Click any option, button or pack"),
    ],
    "Home": [("↑ ↓, enter", "Pick a pack; Enter plays it")],
    "Players": [
        ("enter", "Play as the highlighted player"),
        ("type, enter", "Add a player with that name"),
    ],
    "Party (host)": [
        ("a l z m q p v n", "Buzzer style: the players' keys (as set up)"),
        ("enter", "Submit a typed answer or an order"),
    ],
    "Party setup": [("any player key", "Away from the names: lights that player's row")],
    "Question": [
        ("a-f", "Also pick options 1-6"),
        ("enter", "Submit a typed answer or an order"),
        ("↑ ↓", "Order questions: pick an item"),
    ],
}


SECTION_OF_SCREEN = {
    "HomeScreen": "Home",
    "QuestionScreen": "Question",
    "RevealScreen": "Reveal",
    "SummaryScreen": "Summary",
    "PartyHostScreen": "Party (host)",
    "PartySetupScreen": "Party setup",
    "AdjustScreen": "Correct a score",
    "ProfilesScreen": "Players",
    "StatsScreen": "Stats",
}
"""The section of the screen help was opened over, which it lists first."""


def _sections(first: str | None = None) -> list[tuple[str, list[Binding]]]:
    # Imported here: the help page reads the screens' own BINDINGS, so it cannot go stale.
    from trivia.tui.bindings import APP_BINDINGS
    from trivia.tui.dialogs.confirm import ConfirmScreen
    from trivia.tui.dialogs.party_adjust import AdjustScreen
    from trivia.tui.dialogs.profiles import ProfilesScreen
    from trivia.tui.dialogs.resume import ResumeScreen
    from trivia.tui.screens.home import HomeScreen
    from trivia.tui.screens.party_host import PartyHostScreen
    from trivia.tui.screens.party_setup import PartySetupScreen
    from trivia.tui.screens.question import QuestionScreen
    from trivia.tui.screens.reveal import RevealScreen
    from trivia.tui.screens.stats import StatsScreen
    from trivia.tui.screens.summary import SummaryScreen
    from trivia.tui.widgets.order_list import OrderList

    def shown(bindings: Sequence[object]) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding) and b.description]

    sections = [
        ("Everywhere", shown(APP_BINDINGS)),
        ("Home", shown(HomeScreen.BINDINGS)),
        ("Question", shown(QuestionScreen.BINDINGS) + shown(OrderList.BINDINGS)),
        ("Reveal", shown(RevealScreen.BINDINGS)),
        ("Summary", shown(SummaryScreen.BINDINGS)),
        ("Party (host)", shown(PartyHostScreen.BINDINGS)),
        ("Party setup", shown(PartySetupScreen.BINDINGS)),
        ("Correct a score", shown(AdjustScreen.BINDINGS)),
        ("Leave the round?", shown(ConfirmScreen.BINDINGS)),
        ("Resume a saved round?", shown(ResumeScreen.BINDINGS)),
        ("Players", shown(ProfilesScreen.BINDINGS)),
        ("Stats", shown(StatsScreen.BINDINGS)),
    ]
    # The keys of the screen the player is on come first, where they look.
    return sorted(sections, key=lambda section: section[0] != first)


class HelpScreen(ModalScreen[None]):
    """Every key, grouped by screen. Esc, q or ? closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc closes"
            with VerticalScroll(id="keys"):
                for title, bindings in _sections(self._below()):
                    yield Static(Content.styled(title, "bold"), classes="section")
                    rows = [
                        (self._keys(binding), binding.description) for binding in bindings
                    ] + EXTRA_KEYS.get(title, [])
                    text = "\n".join(f"{keys:<18} {what}" for keys, what in rows)
                    yield Static(Content(text), classes="rows")

    def _below(self) -> str | None:
        """The help section of the screen under this one (None: no such section)."""
        stack = self.app.screen_stack
        below = (
            stack[-1] if stack and stack[-1] is not self else stack[-2] if len(stack) > 1 else None
        )
        return SECTION_OF_SCREEN.get(type(below).__name__) if below is not None else None

    def _keys(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        keys = [
            self.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(",")
        ]
        return " / ".join(keys)

    async def action_dismiss(self, result: None = None) -> None:
        """Close the help."""
        self.dismiss(result)
