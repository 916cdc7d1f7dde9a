"""Players: pick whose progress this is, add a player, or rename one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from trivia.packs.printable import printable
from trivia.store.database import MAX_NAME_LENGTH

if TYPE_CHECKING:
    from trivia.store import Profile, Store
    from trivia.tui.app import TriviaApp

MAX_NAME = MAX_NAME_LENGTH
"""Longest player name the game accepts: the store's limit, so the two never disagree."""


def check_name(name: str, taken: list[str]) -> tuple[str, str | None]:
    """Tidy a player name and say what is wrong with it, if anything.

    Args:
        name: What was typed.
        taken: The other players' names (compared without case).

    Returns:
        (the name with its spaces tidied, None or the problem in a sentence).
    """
    clean = " ".join(name.split())
    if not clean:
        return clean, "Type a name first."
    if len(clean) > MAX_NAME:
        return clean, f"At most {MAX_NAME} characters; this one has {len(clean)}."
    if any(not ch.isprintable() for ch in clean):
        return clean, "Letters, digits, spaces and punctuation only."
    if clean.casefold() in {other.casefold() for other in taken}:
        return clean, f"There is already a player called {clean}."
    return clean, None


class ProfilesScreen(ModalScreen["Profile | None"]):
    """Pick, add or rename players; dismisses with the profile to play as, or None.

    Every list and change goes through the app's store thread; problems with a name are
    shown under the name field, not as notifications.
    """

    CSS_PATH = "profiles.tcss"

    BINDINGS = [
        Binding("escape", "close", "Close", id="profiles.close"),
        Binding("f2", "rename", "Rename", id="profiles.rename", tooltip="Rename the highlighted"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.profiles: list[Profile] = []
        """The players, by name, as last read from the save."""

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="players-dialog") as dialog:
            dialog.border_title = "Players"
            dialog.border_subtitle = "Enter plays as the highlighted player"
            yield OptionList(id="profile-list")
            with Horizontal(id="name-row"):
                yield Label("Name", id="name-label")
                yield Input(placeholder="a new player's name", id="name", compact=True)
            yield Static("", id="name-error")
            with Horizontal(id="players-buttons"):
                yield Button("Play as", id="pick", variant="primary")
                yield Button("Add", id="add")
                yield Button("Rename (F2)", id="rename")
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        self._reload()
        self.query_one("#profile-list", OptionList).focus()

    def _reload(self, highlight: int | None = None) -> None:
        def shown(profiles: list[Profile]) -> None:
            self.profiles = profiles
            current = self._app.profile
            wanted = highlight if highlight is not None else current.id if current else None
            listing = self.query_one("#profile-list", OptionList)
            listing.clear_options()
            for profile in profiles:
                mark = "✔ " if current is not None and profile.id == current.id else "  "
                name = Content(printable(profile.name))
                listing.add_option(Option(Content.assemble(mark, name), id=str(profile.id)))
            ids = [profile.id for profile in profiles]
            if wanted in ids:
                listing.highlighted = ids.index(wanted)

        self._app.call_store(lambda store: store.profiles(), shown, failed=self._show_error)

    def _highlighted(self) -> Profile | None:
        index = self.query_one("#profile-list", OptionList).highlighted
        return self.profiles[index] if index is not None and index < len(self.profiles) else None

    def _show_error(self, error: Exception | str | None) -> None:
        text = "" if error is None else str(error)
        if text:
            # A mark and words, not only the red: it reads with NO_COLOR too.
            text = "✘ " + text[:1].upper() + text[1:]
        self.query_one("#name-error", Static).update(Content(text))
        self.query_one("#name", Input).set_class(bool(text), "-invalid")

    def _checked_name(self, renaming: Profile | None = None) -> str | None:
        taken = [p.name for p in self.profiles if renaming is None or p.id != renaming.id]
        name, problem = check_name(self.query_one("#name", Input).value, taken)
        self._show_error(problem)
        if problem:
            self.query_one("#name", Input).focus()
            return None
        return name

    @on(Input.Changed, "#name")
    def _typing(self) -> None:
        self._show_error(None)

    @on(OptionList.OptionSelected, "#profile-list")
    @on(Button.Pressed, "#pick")
    def action_pick(self) -> None:
        """Play as the highlighted player."""
        profile = self._highlighted()
        if profile is not None:
            self.dismiss(profile)

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        """Add a player with the typed name and play as them."""
        name = self._checked_name()
        if name is None:
            return

        def create(store: Store) -> Profile:
            return store.create_profile(name)

        self._app.call_store(create, self.dismiss, failed=self._show_error)

    @on(Button.Pressed, "#rename")
    def action_rename(self) -> None:
        """Rename the highlighted player to the typed name (their progress stays)."""
        profile = self._highlighted()
        if profile is None:
            return
        name = self._checked_name(renaming=profile)
        if name is None:
            return

        def renamed(new: Profile) -> None:
            current = self._app.profile
            if current is not None and current.id == new.id:
                self._app.profile = new
            self.query_one("#name", Input).value = ""
            self._reload(highlight=new.id)

        self._app.call_store(
            lambda store: store.rename_profile(profile, name), renamed, failed=self._show_error
        )

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close without changing players."""
        self.dismiss(None)
