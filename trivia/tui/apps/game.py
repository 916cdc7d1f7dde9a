"""The game app (`TriviaApp`): Home, then rounds of questions with reveals and a summary.

The app owns the round and the navigation; the screens only show the round's state, turn
keys and clicks into round actions (`answer`, `use_lifeline`, `next`) and post what the
player chose as messages the app handles. Scores, streaks, timeouts and answer checking
all live in `trivia.game`. The app is built of parts: `TriviaAppBase` (theme, store
thread, notices, quitting), `RoundFlow` (rounds, saving and resuming them) and
`PartyHosting` (parties); this module holds the start-up, the packs, profiles and
settings.

Start it with `create_app(...)` (tests give it packs, a seed and a fake clock) or, from the
command line, with `main_tui(...)`.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.reactive import reactive

from trivia.tui.app_base import TUI_DIR, Clock, TriviaAppBase
from trivia.tui.apps.party_hosting import PartyHosting
from trivia.tui.apps.rounds import RoundFlow
from trivia.tui.screens.home import HomeScreen
from trivia.tui.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:
    from trivia.game.round import Round, RoundConfig
    from trivia.packs.library import PackDir, PackEntry
    from trivia.packs.model import Pack
    from trivia.store import Profile, SavedRound, Store
    from trivia.store.bank import IndexProgress
    from trivia.store.round_save import RoundSave

EXIT_AFTER_FIRST_PAINT = "TRIVIA_EXIT_AFTER_FIRST_PAINT"
"""Environment variable naming a file: when set, the app writes the wall-clock time of its
first painted frame there and exits (`benchmarks/startup.py` uses it)."""

EXIT_AFTER_PACKS_LISTED = "TRIVIA_EXIT_AFTER_PACKS_LISTED"
"""Like `EXIT_AFTER_FIRST_PAINT`, once Home has painted the list of packs found
(`benchmarks/bank.py` uses it)."""


class TriviaApp(RoundFlow, PartyHosting, TriviaAppBase):
    """Fan Trivia: Home, then rounds of questions with reveals and a summary, saved as played.

    Args:
        packs: The packs to offer. None scans `pack_dirs` in a worker after the first paint.
        pack_dirs: Where to look for packs when `packs` is None (default: `pack_dirs()`).
        seed: Seeds every round started here (round n gets `seed + n`); None is random.
        clock: The clock rounds read their time from (a fake one in tests).
        save_dir: Where progress (`trivia.db`) and settings are saved; None keeps progress
            in memory only.
        start_round: Open straight into a round with this config, over Home.
        start_packs: The packs that round draws from (default: `packs`).
        settings: The initial settings (default: those saved in `save_dir`).
        profile: Play as this profile (created if new); None is the last one used.
        today: The player's calendar date, for the daily challenge (tests freeze it).
        bank_index: The bank index file the pack scan compiles into (`--save-dir` gives
            one inside it); None is `trivia.store.bank.bank_index_path()`.
    """

    # Home's stylesheet is read with the app's, in the first parse: loaded by the screen it
    # would cost a second full parse before the first paint. (HomeScreen.CSS_PATH names
    # the same file, which the app then recognises as already read.)
    CSS_PATH = [TUI_DIR / "app.tcss", TUI_DIR / "screens" / "home.tcss"]
    TITLE = "Fan Trivia"

    pack_entries: reactive[list[PackEntry] | None] = reactive(None, init=False)
    """The packs found (None until the scan is done); Home lists them."""

    profile: reactive[Profile | None] = reactive(None, init=False)
    """Whose progress is saved (None until the save is open); Home shows the name."""

    class PacksLoaded(Message):
        """The pack scan finished (posted by the worker thread)."""

        def __init__(self, entries: list[PackEntry]) -> None:
            self.entries = entries
            super().__init__()

    class PacksIndexing(Message):
        """A pack file is being compiled into the bank index (posted by the scan worker)."""

        def __init__(self, progress: IndexProgress) -> None:
            self.progress = progress
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
        profile: str | None = None,
        today: Callable[[], date] = date.today,
        bank_index: Path | None = None,
    ) -> None:
        settings = settings or load_settings(save_dir)
        super().__init__(save_dir=save_dir, theme=settings.theme)
        self.settings = settings
        self._bank_index = bank_index
        self.clock = clock
        self.seed = seed
        self.today = today
        self._given_packs = list(packs) if packs is not None else None
        self._pack_dirs = list(pack_dirs) if pack_dirs is not None else None
        self._start_round = start_round
        self._start_packs = list(start_packs) if start_packs is not None else self._given_packs
        self._round_packs: list[Pack] = []
        self._rounds_started = 0
        self.round: Round | None = None
        """The round being played, if any."""
        self._profile_name = profile
        self._save: RoundSave | None = None
        # Until the player has answered "resume?" (or there was nothing to resume), a new
        # round is played but not saved: resuming the old one drops it without a trace.
        self._resume_settled = False
        # Home's Play pressed on a listed pack before the scan loaded it.
        self._play_waiting: HomeScreen.PlayChosen | None = None
        self._unfinished: list[SavedRound] | None = None
        # The pack of the daily `trivia play --mode daily` asked for, until the save is open.
        self._daily_waiting: Pack | None = None

    # --- start-up ----------------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        # Home is the bottom of the stack as the default screen, rather than pushed over an
        # empty one (or set up as a mode, which re-parses the CSS): the cheapest first paint.
        # Its stylesheet is in CSS_PATH above, because the default screen's is not loaded.
        if self._given_packs is None:
            self._list_packs()
        home = HomeScreen()
        self.with_breakpoints(home)
        return home

    def _list_packs(self) -> None:
        """Home's packs from the last scan's listing, when it still holds, for the first
        frame; the scan after it replaces them (`trivia.store.listing`). No SQLite here."""
        from trivia.store.listing import listing_path, read_listing
        from trivia.store.paths import bank_index_path

        entries = read_listing(
            listing_path(self._bank_index or bank_index_path()), self._scanned_dirs()
        )
        if entries is not None:
            # Before Home is composed: it is drawn with them, without a watcher's round trip.
            self.set_reactive(type(self).pack_entries, entries)

    def on_mount(self) -> None:
        if self._given_packs is not None:
            self.pack_entries = _entries_of(self._given_packs)
        if self._start_round is not None and self._start_packs:
            from trivia.game.round import Mode

            if self._start_round.mode is Mode.DAILY:
                # The daily goes through `play_daily`, as from Home: it needs the save (one
                # scored try a day), so it starts once the save and the profile are known.
                self._daily_waiting = self._start_packs[0]
            else:
                self.start_round(self._start_packs, self._start_round)

    def on_ready(self) -> None:
        marker = os.environ.get(EXIT_AFTER_FIRST_PAINT)
        if marker:
            Path(marker).write_text(repr(time.time()), encoding="utf-8")
            self.exit()
            return
        # Only once the first frame is on screen: opening SQLite and reading YAML (in
        # threads, but they still compete for the interpreter) must not delay it.
        self.store_thread.start()
        if self._given_packs is None:
            self._scan_packs()

    def _scanned_dirs(self) -> list[PackDir]:
        """Where the pack scan looks: the pack directories, then the pack files played by
        path (`trivia.store.played`)."""
        from trivia.packs.library import pack_dirs
        from trivia.store.played import with_played

        dirs = self._pack_dirs if self._pack_dirs is not None else pack_dirs()
        return with_played(list(dirs), self.save_dir)

    @work(thread=True, exclusive=True, group="packs")
    def _scan_packs(self) -> None:
        try:
            from trivia.store.bank import scan_indexed
            from trivia.store.listing import listing_path, write_listing
            from trivia.store.paths import bank_index_path

            dirs = self._scanned_dirs()
            # Through the bank index: only new or changed pack files are read, and the
            # packs keep their questions on disk until a round asks for a few.
            entries = scan_indexed(
                dirs,
                lambda progress: self.post_message(self.PacksIndexing(progress)),
                path=self._bank_index,
            )
            # For the next start's first frame.
            write_listing(listing_path(self._bank_index or bank_index_path()), dirs, entries)
        except Exception as error:  # noqa: BLE001 - a broken pack dir must not end the game
            self.call_from_thread(
                self.notify, f"Could not list the packs: {error}", severity="error", markup=False
            )
            entries = []
        self.post_message(self.PacksLoaded(entries))

    @on(PacksLoaded)
    def _packs_loaded(self, message: PacksLoaded) -> None:
        self.pack_entries = message.entries
        waiting, self._play_waiting = self._play_waiting, None
        if waiting is not None:
            self._play_loaded(waiting)
        marker = os.environ.get(EXIT_AFTER_PACKS_LISTED)
        if marker:
            self.call_after_refresh(self._exit_with_marker, marker)
            return
        self._offer_resume()

    def _exit_with_marker(self, marker: str) -> None:
        Path(marker).write_text(repr(time.time()), encoding="utf-8")
        self.exit()

    @on(PacksIndexing)
    def _packs_indexing(self, message: PacksIndexing) -> None:
        from trivia.tui.indexing import indexing_notice, indexing_text

        progress = message.progress
        if not self.screen_stack:
            return  # the app is closing while the scan still reports
        for wait in self.screen_stack[0].query("#packs-wait"):
            wait.update(indexing_text(progress))  # type: ignore[attr-defined]
        notice = indexing_notice(progress)
        if notice:
            self.notify(notice, title="Pack index", timeout=8, markup=False)

    @property
    def playable_packs(self) -> list[Pack]:
        """Packs that loaded and are not shadowed by another with the same id."""
        return [
            entry.pack
            for entry in self.pack_entries or []
            if entry.pack is not None and entry.shadowed_by is None
        ]

    def pack_title(self, pack_ids: Sequence[str] | str) -> str:
        """The titles of packs by id, for sentences ("Mad Men"; ids of unknown packs)."""
        ids = [pack_ids] if isinstance(pack_ids, str) else list(pack_ids)
        by_id = {pack.id: pack for pack in self.known_packs()}
        from trivia.packs.printable import printable

        return " + ".join(
            printable(by_id[i].meta.title) if i in by_id else printable(i) for i in ids
        )

    def known_packs(self) -> list[Pack]:
        """The playable packs and the pack `trivia play` was given (maybe from a path),
        loaded: a listing's placeholder (`trivia.store.listing`) is left out until the scan
        has loaded it, or replaced by the pack `trivia play` was given under its id."""
        from trivia.store.listing import is_listed

        given = {pack.id: pack for pack in self._start_packs or []}
        known: dict[str, Pack] = {}
        for pack in self.playable_packs:
            if is_listed(pack):
                if pack.id not in given:
                    continue
                pack = given[pack.id]
            known[pack.id] = pack
        for pack in given.values():
            known.setdefault(pack.id, pack)
        return list(known.values())

    # --- the save ----------------------------------------------------------------------

    def store_ready(self) -> None:
        """The save is open: play as the profile asked for (or the last one used)."""
        self.use_profile(self._profile_name)

    def show_save_problem(self, error: Exception) -> None:
        """Tell the player a save did not happen; the game goes on (once per run of faults).

        A round the store refused for good (a second daily) is said at once, every time.
        """
        from trivia.store.round_save import RoundNotSaved

        if isinstance(error, RoundNotSaved):
            self.notify(f"This round is not saved: {error}.", title="Not saved", severity="warning")
            return
        super().show_save_problem(error)

    # --- profiles ------------------------------------------------------------------------

    def use_profile(self, name: str | None = None, *, profile: Profile | None = None) -> None:
        """Play as a profile from now on (it becomes the last used) and offer its unfinished
        round, if it has one.

        Args:
            name: A profile name (created if new); None is the last profile used.
            profile: A profile picked from the store's list (instead of `name`).
        """

        def pick(store: Store) -> tuple[Profile, list[SavedRound], list[SavedRound]]:
            chosen = (
                store.pick_profile(profile) if profile is not None else store.profile_for_play(name)
            )
            # The newest round no other window is playing is claimed, then offered; the
            # ones being played elsewhere are only mentioned.
            offered: list[SavedRound] = []
            elsewhere: list[SavedRound] = []
            for saved in store.unfinished_rounds(chosen):
                if store.claim_round(saved.id):
                    offered.append(saved)
                    break
                elsewhere.append(saved)
            return chosen, offered, elsewhere

        def picked(result: tuple[Profile, list[SavedRound], list[SavedRound]]) -> None:
            self.profile, self._unfinished, elsewhere = result
            for saved in elsewhere:
                self.notify_played_elsewhere(saved)
            self._offer_resume()

        def refused(error: Exception) -> None:
            from trivia.store import ProfileError

            if isinstance(error, ProfileError) and name is not None:
                self.notify(f"{error}; playing as the last profile used.", severity="warning")
                self.use_profile(None)
                return
            self.show_save_problem(error)
            self._resume_settled = True
            self._hold_released()

        self.call_store(pick, picked, failed=refused)

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (the theme at once, the timer from the next round)
        and keep them for next time."""
        self.settings = settings
        self.theme = settings.theme
        self._keep_settings()

    def _keep_settings(self) -> None:
        settings, save_dir = self.settings, self.save_dir

        def write(_: Store) -> None:
            try:
                save_settings(save_dir, settings)
            except OSError as error:
                from trivia.store import SaveFailed

                raise SaveFailed(f"the settings could not be saved: {error}") from error

        self.call_store(write)

    def watch_theme(self, theme: str) -> None:
        # Keep the settings in step when the theme is changed from the command palette.
        from trivia.tui.dialogs.settings import SettingsScreen

        if hasattr(self, "settings") and theme != self.settings.theme:
            self.settings = replace(self.settings, theme=theme)
            # The settings dialog previews themes: it saves (or not) when it closes.
            if self.is_running and not isinstance(self.screen, SettingsScreen):
                self._keep_settings()

    # --- actions -------------------------------------------------------------------------

    def action_party(self) -> None:
        """Open the party setup, from Home (the palette's "Party")."""
        if not isinstance(self.screen, HomeScreen):
            self.notify("Party setup opens from Home: go back there first.", severity="warning")
            return
        self.open_party_setup()

    def quit_question(self) -> str | None:
        """What to ask before quitting now: a round or a party is in play (None: nothing)."""
        return self.party_quit_question() or self.round_quit_question()

    def action_settings(self) -> None:
        """Open the settings dialog."""
        from trivia.tui.dialogs.settings import SettingsScreen

        def done(settings: Settings | None) -> None:
            if settings is not None:
                self.apply_settings(settings)

        self.push_screen(SettingsScreen(self.settings), done)

    def action_stats(self) -> None:
        """Open the records of the current profile."""
        from trivia.tui.screens.stats import StatsScreen

        if self.round is not None:
            self.notify("Your stats are on Home, after the round.", severity="warning")
            return
        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen())

    def action_profiles(self) -> None:
        """Pick, create or rename profiles."""
        from trivia.tui.dialogs.profiles import ProfilesScreen

        if self.round is not None:
            self.notify("Change players on Home, after the round.", severity="warning")
            return
        if not self._store_or_wait():
            return

        def done(profile: Profile | None) -> None:
            if profile is not None:
                self.use_profile(profile=profile)

        self.push_screen(ProfilesScreen(), done)

    # --- what Home posts ---------------------------------------------------------------

    @on(HomeScreen.PlayChosen)
    def _play_chosen(self, message: HomeScreen.PlayChosen) -> None:
        """Home's Play: a round of the pack in the mode and with the filters chosen."""
        from trivia.store.listing import is_listed

        if is_listed(message.pack):
            # Play was pressed on the listing's placeholder: the round starts as soon as
            # the scan has loaded the pack (see `_packs_loaded`).
            self._play_waiting = message
            return
        self._play(message)

    def _play_loaded(self, message: HomeScreen.PlayChosen) -> None:
        """A Play that waited for the scan, on the pack the scan loaded under that id."""
        pack = next((p for p in self.playable_packs if p.id == message.pack.id), None)
        if pack is None:
            self.notify(
                f"The pack {message.pack.meta.title!r} is gone since the last start.",
                title="Cannot start the round",
                severity="error",
                markup=False,
            )
            return
        message.pack = pack
        self._play(message)

    def _play(self, message: HomeScreen.PlayChosen) -> None:
        pack, config = message.pack, message.config
        if message.mode == "practice":
            self.play_practice(pack, config.tags, config.difficulties)
        elif message.mode == "daily":
            self.play_daily(pack)
        else:
            self.start_round([pack], replace(config, timed=self.settings.timer))

    @on(HomeScreen.ProfilesChosen)
    def _profiles_chosen(self) -> None:
        self.action_profiles()

    @on(HomeScreen.SettingsChosen)
    def _settings_chosen(self) -> None:
        self.action_settings()


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
    profile: str | None = None,
    today: Callable[[], date] = date.today,
    bank_index: Path | None = None,
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
        profile=profile,
        today=today,
        bank_index=bank_index,
    )


def main_tui(
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    save_dir: Path | None = None,
    start_round: RoundConfig | None = None,
    start_packs: Sequence[Pack] | None = None,
    profile: str | None = None,
    collector_paused: bool = False,
    bank_index: Path | None = None,
) -> int:
    """Run the game in the terminal until the player quits; the command line calls this.

    `trivia` passes `pack_dirs` only with `--packs-dir` (None: Home scans the usual ones
    after its first paint). `trivia play` also passes the resolved pack in `start_packs`
    and a `start_round` config: the game opens on the round's first question, with Home
    underneath for when the round is over. Neither ever stops to ask for a name: `profile`
    (`--profile`) or the last profile used plays.

    `bank_index` is the bank index file (`--save-dir`'s, see
    `trivia.store.paths.bank_index_in_save_dir`);
    None leaves it to `trivia.store.bank.bank_index_path()`.

    `collector_paused` says the caller turned the garbage collector off (while Textual was
    imported): it is turned back on here, before the app starts.

    Returns:
        The exit code (0).
    """
    if save_dir is None:
        from trivia.store.paths import resolve_save_dir

        save_dir = resolve_save_dir().directory
    app = create_app(
        pack_dirs=pack_dirs,
        save_dir=save_dir,
        bank_index=bank_index,
        start_round=start_round,
        start_packs=start_packs,
        profile=profile,
    )
    # What exists now (Textual's modules and classes, the app) lives as long as the game:
    # frozen out of the garbage collector's passes, the full pass that Textual's start-up
    # triggers before the first paint walks only what is new, not the whole heap (~13 ms).
    gc.freeze()
    if collector_paused:
        gc.enable()
    app.run()
    # 1 after an unhandled exception, so a host's script can tell a crash from a quit.
    return app.return_code or 0
