"""The base of Fan Trivia's apps: theme, store thread, notices, too-small handling, quit.

`TriviaAppBase` is what the game (`trivia.tui.apps.game.TriviaApp`) and the party host
(`trivia.tui.apps.party.PartyApp`, a game app opened for a party) build on. It knows no
round and no party: the game says what quitting would lose (`quit_question`) and what to
do once the save is open (`store_ready`).

Imported on the way to Home's first paint: it imports nothing heavy (no screens but on
demand, no SQLite: the store opens on its thread after the first frame).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App

from trivia.tui.bindings import APP_BINDINGS
from trivia.tui.store_thread import StoreOpened, StoreReplied, StoreThread
from trivia.tui.theme import FAN_TRIVIA_THEME
from trivia.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.widget import Widget

    from trivia.store import Store

TUI_DIR = Path(__file__).resolve().parent
"""The `trivia/tui` folder: the apps' stylesheets are named from it, wherever they live."""

Clock = Callable[[], float]

GAME_COMMANDS = frozenset({"Keys", "Theme", "Quit"})
"""Textual's palette commands the game replaces with its own (`commands.TriviaCommands`)."""

HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (100, "-wide")]
VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (32, "-tall")]


def _trivia_commands() -> type[Provider]:
    # Imported when the palette first opens: `textual.command` alone costs Home's first
    # paint about 10% of its time.
    from trivia.tui.commands import TriviaCommands

    return TriviaCommands


class TriviaAppBase(App[None]):
    """What every Fan Trivia app with a save shares.

    Args:
        save_dir: Where the save (`trivia.db`) is; None keeps it in memory only.
        theme: The theme to start with (unknown names fall back to the game's).
    """

    COMMANDS = App.COMMANDS | {_trivia_commands}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = APP_BINDINGS

    # One set of classes on every screen; app.tcss hides the body and shows the notice below
    # the minimum, and tightens layouts in the in-between sizes.
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    def __init__(self, *, save_dir: Path | None, theme: str) -> None:
        super().__init__()
        self.register_theme(FAN_TRIVIA_THEME)
        self.save_dir = save_dir
        self._set_initial_theme(theme)
        self.store_thread = StoreThread(self, save_dir)
        """Runs every store call, in order, off the UI thread."""
        self.store: Store | None = None
        """The save, once the store thread has opened it."""
        self._save_failing = False
        # Per screen, what had focus when the terminal became too small (`on_resize`).
        self._focus_when_small: weakref.WeakKeyDictionary[Screen[Any], Widget] = (
            weakref.WeakKeyDictionary()
        )

    # --- theme -------------------------------------------------------------------------

    def _set_initial_theme(self, name: str) -> None:
        # Assigning `self.theme` before the app runs schedules a full CSS re-parse after
        # the first one; setting it quietly (as App.__init__ does for its default) lets the
        # first parse use the game's theme at once.
        if name not in self.available_themes:
            name = FAN_TRIVIA_THEME.name
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.set_class(True, f"-theme-{name}", update=False)
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        # App.__init__ gave the stylesheet the default theme's variables; nothing is parsed
        # yet, so handing it the game's now is free.
        self.stylesheet.set_variables(self.get_css_variables())

    def with_breakpoints(self, screen: Screen[Any]) -> Screen[Any]:
        """Give a screen the breakpoint classes Textual adds on the first Resize, now.

        For the default screen: otherwise every node is styled without them, then again
        with them, before the first paint.
        """
        width, height = self.size
        for size, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            for threshold, name in sorted(breakpoints, reverse=True):
                if size >= threshold:
                    screen.set_class(True, name, update=False)
                    break
        return screen

    # --- too small -----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Give focus back after the terminal was too small for a while.

        Below the minimum the screen's body is hidden (`TooSmall` shows instead), and
        Textual takes focus off the hidden widget; without this a player typing an answer
        would type into nothing until they pressed Tab.
        """
        screen = self.screen
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        if small:
            if screen.focused is not None:
                self._focus_when_small[screen] = screen.focused
            return
        widget = self._focus_when_small.pop(screen, None)
        if widget is not None:

            def give_back() -> None:
                if screen.focused is None and widget.is_attached and widget.focusable:
                    widget.focus()

            self.call_after_refresh(give_back)

    # --- the store -----------------------------------------------------------------------

    def call_store(
        self,
        run: Callable[[Store], Any],
        done: Callable[[Any], object] | None = None,
        *,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Run `run(store)` on the store thread, after every call queued before it.

        Args:
            run: The store call (it may block: it is not on the UI thread).
            done: Gets the result, on the UI thread.
            failed: Gets the error instead, on the UI thread; by default the error is shown
                as a notification and the game goes on.
        """
        self.store_thread.call(run, done, failed=failed)

    @property
    def store_idle(self) -> bool:
        """Whether the save is open and every store call has come back (tests wait on it)."""
        return self.store_thread.idle

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        self.store_thread.replied()
        self.store = message.store
        for notice in message.store.notices:
            self.notify(
                str(notice), title="Your save", severity="warning", timeout=30, markup=False
            )
        if message.problem:
            self.notify(message.problem, title="Your save", severity="error", markup=False)
        self.store_ready()

    def store_ready(self) -> None:
        """The save has just opened (`self.store` is set): what the app does first with it."""

    @on(StoreReplied)
    def _store_replied(self, message: StoreReplied) -> None:
        self.store_thread.replied()
        job = message.job
        if message.error is None:
            self._save_failing = False
            if job.done is not None:
                job.done(message.result)
        elif job.failed is not None:
            job.failed(message.error)
        else:
            self.show_save_problem(message.error)

    def show_save_problem(self, error: Exception) -> None:
        """Tell the player a save did not happen; the game goes on (once per run of faults)."""
        from trivia.store import StoreError

        if self._save_failing:
            return
        self._save_failing = True
        detail = str(error) if isinstance(error, StoreError) else f"unexpected error: {error}"
        self.notify(
            f"{detail[:1].upper()}{detail[1:]}. The game goes on; it tries again with your "
            "next answer.",
            title="Progress not saved",
            severity="error",
            timeout=10,
            markup=False,
        )

    # --- notices ---------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification; unlike Textual's default, the message is never markup.

        Notices quote player names, pack titles and save paths, all typed by people: a
        `[/]` in one must be shown, not parsed (a parse error would end the game).
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- palette, help and quitting --------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette entries, less those the game has its own of (Keys is Help,
        Theme is Change theme, Quit asks first mid-round)."""
        for command in super().get_system_commands(screen):
            if command.title not in GAME_COMMANDS:
                yield command

    def action_help(self) -> None:
        """Show every key."""
        from trivia.tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Quit (ctrl+q, or "Quit" in the palette); mid-round, ask first, as Esc does.

        Quitting does not end the round: it stays saved and the next start offers it for
        resume, which the question says. A second ctrl+q on that question quits.
        """
        from trivia.tui.dialogs.confirm import QUIT_QUESTIONS, ConfirmScreen

        screen = self.screen
        asking = isinstance(screen, ConfirmScreen) and screen.question in QUIT_QUESTIONS
        question = None if asking else self.quit_question()
        if question is None:
            self.exit()
            return

        def chosen(quit: bool | None) -> None:
            if quit:
                self.exit()

        self.push_screen(ConfirmScreen(question, yes="Quit"), chosen)

    def quit_question(self) -> str | None:
        """What to ask before quitting now (None: nothing would be lost, quit at once)."""
        return None
