"""The Textual app: builds screens over a `Round` and moves between them.

The app owns the round and the navigation; the screens only show the round's state and
turn keys and clicks into round actions (`answer`, `use_lifeline`, `next`). Scores, streaks,
timeouts and answer checking all live in `trivia.game`.

Start it with `create_app(...)` (tests give it packs, a seed and a fake clock) or, from the
command line, with `main_tui(...)`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from trivia.tui.screens.home import HomeScreen
from trivia.tui.settings import Settings
from trivia.tui.theme import FAN_TRIVIA_THEME
from trivia.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual.command import Provider

    from trivia.game.round import Round, RoundConfig
    from trivia.packs.library import PackDir, PackEntry
    from trivia.packs.model import Pack

EXIT_AFTER_FIRST_PAINT = "TRIVIA_EXIT_AFTER_FIRST_PAINT"
"""Environment variable naming a file: when set, the app writes the wall-clock time of its
first painted frame there and exits (`benchmarks/startup.py` uses it)."""

Clock = Callable[[], float]


def _trivia_commands() -> type[Provider]:
    # Imported when the palette first opens: `textual.command` alone costs Home's first
    # paint about 10% of its time.
    from trivia.tui.commands import TriviaCommands

    return TriviaCommands


class TriviaApp(App[None]):
    """Fan Trivia: Home, then rounds of questions with reveals and a summary.

    Args:
        packs: The packs to offer. None scans `pack_dirs` in a worker after the first paint.
        pack_dirs: Where to look for packs when `packs` is None (default: `pack_dirs()`).
        seed: Seeds every round started here (round n gets `seed + n`); None is random.
        clock: The clock rounds read their time from (a fake one in tests).
        save_dir: Where progress is saved (kept for the store; nothing is written yet).
        start_round: Open straight into a round with this config, over Home.
        start_packs: The packs that round draws from (default: `packs`).
        settings: The initial settings (timer, theme, profile).
    """

    # Home's stylesheet is read with the app's, in the first parse: loaded by the screen it
    # would cost a second full parse before the first paint. (HomeScreen.CSS_PATH names
    # the same file, which the app then recognises as already read.)
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    TITLE = "Fan Trivia"
    COMMANDS = App.COMMANDS | {_trivia_commands}
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("question_mark,f1", "help", "Keys", id="help", tooltip="Every key, on one page"),
        Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
    ]

    # One set of classes on every screen; app.tcss hides the body and shows the notice below
    # the minimum, and tightens layouts in the in-between sizes.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (32, "-tall")]

    pack_entries: reactive[list[PackEntry] | None] = reactive(None, init=False)
    """The packs found (None until the scan is done); Home lists them."""

    class PacksLoaded(Message):
        """The pack scan finished (posted by the worker thread)."""

        def __init__(self, entries: list[PackEntry]) -> None:
            self.entries = entries
            super().__init__()

    def __init__(
        self,
        packs: Sequence[Pack] | None = None,
        *,
        pack_dirs: Sequence[PackDir] | None = None,
        seed: int | None = None,
        clock: Clock = time.monotonic,
        save_dir: Path | None = None,
        start_round: RoundConfig | None = None,
        start_packs: Sequence[Pack] | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(FAN_TRIVIA_THEME)
        self.settings = settings or Settings()
        self._set_initial_theme(self.settings.theme)
        self.clock = clock
        self.seed = seed
        self.save_dir = save_dir
        self._given_packs = list(packs) if packs is not None else None
        self._pack_dirs = list(pack_dirs) if pack_dirs is not None else None
        self._start_round = start_round
        self._start_packs = list(start_packs) if start_packs is not None else self._given_packs
        self._round_packs: list[Pack] = []
        self._rounds_started = 0
        self.round: Round | None = None
        """The round being played, if any."""

    # --- start-up ----------------------------------------------------------------------

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

    def get_default_screen(self) -> HomeScreen:
        # Home is the bottom of the stack as the default screen, rather than pushed over an
        # empty one (or set up as a mode, which re-parses the CSS): the cheapest first paint.
        # Its stylesheet is in CSS_PATH above, because the default screen's is not loaded.
        return HomeScreen()

    def on_mount(self) -> None:
        if self._given_packs is not None:
            self.pack_entries = _entries_of(self._given_packs)
        if self._start_round is not None and self._start_packs:
            self.start_round(self._start_packs, self._start_round)

    def on_ready(self) -> None:
        marker = os.environ.get(EXIT_AFTER_FIRST_PAINT)
        if marker:
            Path(marker).write_text(repr(time.time()), encoding="utf-8")
            self.exit()
            return
        if self._given_packs is None:
            # Only once the first frame is on screen: reading YAML (in a thread, but it
            # still competes for the interpreter) must not delay Home's first paint.
            self._scan_packs()

    @work(thread=True, exclusive=True, group="packs")
    def _scan_packs(self) -> None:
        try:
            from trivia.packs.library import pack_dirs, scan

            entries = scan(self._pack_dirs if self._pack_dirs is not None else pack_dirs())
        except Exception as error:  # noqa: BLE001 - a broken pack dir must not end the game
            self.call_from_thread(
                self.notify, f"Could not list the packs: {error}", severity="error", markup=False
            )
            entries = []
        self.post_message(self.PacksLoaded(entries))

    @on(PacksLoaded)
    def _packs_loaded(self, message: PacksLoaded) -> None:
        self.pack_entries = message.entries

    @property
    def playable_packs(self) -> list[Pack]:
        """Packs that loaded and are not shadowed by another with the same id."""
        return [
            entry.pack
            for entry in self.pack_entries or []
            if entry.pack is not None and entry.shadowed_by is None
        ]

    # --- rounds --------------------------------------------------------------------------

    def start_round(self, packs: Sequence[Pack], config: RoundConfig) -> bool:
        """Build a round and show its first question over the current screen.

        Returns:
            False (and a notification saying why) when no round could be built.
        """
        from trivia.game.round import RoundError, build_round

        if config.seed is None and self.seed is not None:
            config = replace(config, seed=self.seed + self._rounds_started)
        try:
            self.round = build_round(packs, config, clock=self.clock)
        except RoundError as error:
            self.notify(str(error), title="Cannot start the round", severity="error", markup=False)
            return False
        self._rounds_started += 1
        self._round_packs = list(packs)
        from trivia.tui.screens.question import QuestionScreen

        self.push_screen(QuestionScreen(self.round))
        return True

    def play_again(self) -> None:
        """A new round with the same packs and settings (a new seed), from the summary."""
        if self.round is None:
            return
        config = replace(self.round.config, seed=None)
        self.pop_screen()
        self.start_round(self._round_packs, config)

    def show_outcome(self) -> None:
        """Replace the question with its reveal (the round has just settled it)."""
        from trivia.tui.screens.reveal import RevealScreen

        assert self.round is not None
        self.switch_screen(RevealScreen(self.round))

    def advance(self) -> None:
        """Leave the reveal: the next question, or the summary when the round is over."""
        from trivia.game.round import RoundState
        from trivia.tui.screens.question import QuestionScreen
        from trivia.tui.screens.summary import SummaryScreen

        assert self.round is not None
        self.round.next()
        if self.round.state is RoundState.FINISHED:
            self.switch_screen(SummaryScreen(self.round))
        else:
            self.switch_screen(QuestionScreen(self.round))

    def leave_round(self) -> None:
        """Abandon the round and go back to Home."""
        self.round = None
        self.pop_screen()

    def play_pack(self, pack_id: str) -> None:
        """Start a round of one pack with the settings' timer (the command palette's "Play")."""
        from trivia.game.round import RoundConfig

        packs = [pack for pack in self.playable_packs if pack.id == pack_id]
        if self.round is not None:
            self.notify("Finish or leave this round first (Esc).", severity="warning")
            return
        self.start_round(packs, RoundConfig(timed=self.settings.timer))

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (the theme at once, the timer from the next round)."""
        self.settings = settings
        self.theme = settings.theme

    def watch_theme(self, theme: str) -> None:
        # Keep the settings in step when the theme is changed from the command palette.
        if hasattr(self, "settings"):
            self.settings = replace(self.settings, theme=theme)

    # --- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from trivia.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        """Open the settings dialog."""
        from trivia.tui.screens.settings import SettingsScreen

        def done(settings: Settings | None) -> None:
            if settings is not None:
                self.apply_settings(settings)

        self.push_screen(SettingsScreen(self.settings), done)


def _entries_of(packs: Sequence[Pack]) -> list[PackEntry]:
    from trivia.packs.library import PackEntry

    return [
        PackEntry(path=pack.path or Path(f"{pack.id}.yaml"), origin="given", pack=pack)
        for pack in packs
    ]


def create_app(
    packs: Sequence[Pack] | None = None,
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    seed: int | None = None,
    clock: Clock = time.monotonic,
    save_dir: Path | None = None,
    start_round: RoundConfig | None = None,
    start_packs: Sequence[Pack] | None = None,
    settings: Settings | None = None,
) -> TriviaApp:
    """Build the game app; see `TriviaApp` for the arguments.

    Returns:
        The app, not yet running (`app.run()`, or `app.run_test()` in tests).
    """
    return TriviaApp(
        packs,
        pack_dirs=pack_dirs,
        seed=seed,
        clock=clock,
        save_dir=save_dir,
        start_round=start_round,
        start_packs=start_packs,
        settings=settings,
    )


def main_tui(
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    save_dir: Path | None = None,
    start_round: RoundConfig | None = None,
    start_packs: Sequence[Pack] | None = None,
    profile: str | None = None,
) -> int:
    """Run the game in the terminal until the player quits; the command line calls this.

    `trivia` passes `pack_dirs` (Home scans them after its first paint). `trivia play` also
    passes the resolved pack in `start_packs` and a `start_round` config: the game opens on
    the round's first question, with Home underneath for when the round is over.

    Returns:
        The exit code (0).
    """
    settings = Settings()
    if profile:
        settings = replace(settings, profile=profile)
    if start_round is not None:
        settings = replace(settings, timer=start_round.timed)
    app = create_app(
        pack_dirs=pack_dirs,
        save_dir=save_dir,
        start_round=start_round,
        start_packs=start_packs,
        settings=settings,
    )
    app.run()
    return 0
