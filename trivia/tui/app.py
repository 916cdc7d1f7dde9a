"""The Textual app: builds screens over a `Round` and moves between them.

The app owns the round and the navigation; the screens only show the round's state and
turn keys and clicks into round actions (`answer`, `use_lifeline`, `next`). Scores, streaks,
timeouts and answer checking all live in `trivia.game`.

Start it with `create_app(...)` (tests give it packs, a seed and a fake clock) or, from the
command line, with `main_tui(...)`.
"""

from __future__ import annotations

import gc
import os
import queue
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.worker import get_current_worker

from trivia.tui.screens.home import HomeScreen
from trivia.tui.settings import Settings, load_settings, save_settings
from trivia.tui.theme import FAN_TRIVIA_THEME
from trivia.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual.app import SystemCommand
    from textual.command import Provider
    from textual.notifications import SeverityLevel
    from textual.screen import Screen
    from textual.widget import Widget

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

Clock = Callable[[], float]

GAME_COMMANDS = frozenset({"Keys", "Theme", "Quit"})
"""Textual's palette commands the game replaces with its own (`commands.TriviaCommands`)."""

STORE_POLL_SECONDS = 0.1
"""How often the idle store thread checks whether the app has ended."""


@dataclass(eq=False)
class StoreJob:
    """One call to the store, run on the store thread; the reply comes back as a message.

    Attributes:
        run: What to do with the store (runs on the store thread; blocking is fine).
        done: Called on the UI thread with `run`'s result.
        failed: Called on the UI thread with the error instead; None shows it as a
            notification ("not saved", and the game goes on).
    """

    run: Callable[[Store], Any]
    done: Callable[[Any], object] | None = None
    failed: Callable[[Exception], object] | None = None


def _trivia_commands() -> type[Provider]:
    # Imported when the palette first opens: `textual.command` alone costs Home's first
    # paint about 10% of its time.
    from trivia.tui.commands import TriviaCommands

    return TriviaCommands


class TriviaApp(App[None]):
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

    class StoreOpened(Message):
        """The save is open (posted by the store thread); its notices are for the player."""

        def __init__(self, store: Store, problem: str | None = None) -> None:
            self.store = store
            self.problem = problem
            """An unexpected failure that left the game on an in-memory save, if any."""
            super().__init__()

    class StoreReplied(Message):
        """A store job ended (posted by the store thread) with a result or an error."""

        def __init__(self, job: StoreJob, result: Any, error: Exception | None) -> None:
            self.job = job
            self.result = result
            self.error = error
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
        super().__init__()
        self._bank_index = bank_index
        self.register_theme(FAN_TRIVIA_THEME)
        self.save_dir = save_dir
        self.settings = settings or load_settings(save_dir)
        self._set_initial_theme(self.settings.theme)
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
        self.store: Store | None = None
        """The save, once the store thread has opened it."""
        self._profile_name = profile
        self._jobs: queue.Queue[StoreJob] = queue.Queue()
        # Jobs queued (or the store still opening) whose reply has not been handled yet.
        self._store_busy = 1
        self._save: RoundSave | None = None
        # Until the player has answered "resume?" (or there was nothing to resume), a new
        # round is played but not saved: resuming the old one drops it without a trace.
        self._resume_settled = False
        self._unfinished: list[SavedRound] | None = None
        self._save_failing = False
        # The pack of the daily `trivia play --mode daily` asked for, until the save is open.
        self._daily_waiting: Pack | None = None
        # Per screen, what had focus when the terminal became too small (`on_resize`).
        self._focus_when_small: weakref.WeakKeyDictionary[Screen[Any], Widget] = (
            weakref.WeakKeyDictionary()
        )

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
        home = HomeScreen()
        # The breakpoint classes Textual adds on the first Resize, added now: otherwise every
        # node is styled without them, then again with them, before the first paint.
        width, height = self.size
        for size, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            for threshold, name in sorted(breakpoints, reverse=True):
                if size >= threshold:
                    home.set_class(True, name, update=False)
                    break
        return home

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
        self._keep_store()
        if self._given_packs is None:
            self._scan_packs()

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

    @work(thread=True, exclusive=True, group="packs")
    def _scan_packs(self) -> None:
        try:
            from trivia.packs.library import pack_dirs
            from trivia.store.bank import scan_indexed

            # Through the bank index: only new or changed pack files are read, and the
            # packs keep their questions on disk until a round asks for a few.
            entries = scan_indexed(
                self._pack_dirs if self._pack_dirs is not None else pack_dirs(),
                lambda progress: self.post_message(self.PacksIndexing(progress)),
                path=self._bank_index,
            )
        except Exception as error:  # noqa: BLE001 - a broken pack dir must not end the game
            self.call_from_thread(
                self.notify, f"Could not list the packs: {error}", severity="error", markup=False
            )
            entries = []
        self.post_message(self.PacksLoaded(entries))

    @on(PacksLoaded)
    def _packs_loaded(self, message: PacksLoaded) -> None:
        self.pack_entries = message.entries
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
        from trivia.printable import printable

        return " + ".join(
            printable(by_id[i].meta.title) if i in by_id else printable(i) for i in ids
        )

    def known_packs(self) -> list[Pack]:
        """The playable packs and the pack `trivia play` was given (maybe from a path)."""
        known = {pack.id: pack for pack in self.playable_packs}
        for pack in self._start_packs or []:
            known.setdefault(pack.id, pack)
        return list(known.values())

    # --- the store thread ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="store")
    def _keep_store(self) -> None:
        """Open the save, then run store jobs one at a time, in order, until the app ends.

        One thread for every store call keeps them in the order the player acted (an
        answer is never saved before its round) and keeps SQLite off the UI thread.
        """
        worker = get_current_worker()
        store, problem = self._open_store()
        self.post_message(self.StoreOpened(store, problem))
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=STORE_POLL_SECONDS)
                except queue.Empty:
                    # Jobs queued before the app ended are run first: nothing is dropped.
                    if worker.is_cancelled:
                        return
                    continue
                try:
                    result, error = job.run(store), None
                except Exception as failure:  # noqa: BLE001 - a failed save must not end play
                    result, error = None, failure
                self.post_message(self.StoreReplied(job, result, error))
        finally:
            store.close()

    def _open_store(self) -> tuple[Store, str | None]:
        from trivia.store import Store

        if self.save_dir is None:
            return Store.in_memory(), None
        try:
            return Store.open(self.save_dir), None
        except Exception as error:  # noqa: BLE001 - `Store.open` handles bad saves; anything
            # else it missed must not stop the game either.
            return Store.in_memory(), (
                f"The save in {self.save_dir} could not be opened ({error}). Progress this "
                "session is kept in memory only."
            )

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
        self._store_busy += 1
        self._jobs.put(StoreJob(run, done, failed))

    @property
    def store_idle(self) -> bool:
        """Whether the save is open and every store call has come back (tests wait on it)."""
        return self._store_busy == 0

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        self._store_busy -= 1
        self.store = message.store
        for notice in message.store.notices:
            self.notify(
                str(notice), title="Your save", severity="warning", timeout=30, markup=False
            )
        if message.problem:
            self.notify(message.problem, title="Your save", severity="error", markup=False)
        self.use_profile(self._profile_name)

    @on(StoreReplied)
    def _store_replied(self, message: StoreReplied) -> None:
        self._store_busy -= 1
        job = message.job
        if message.error is None:
            self._save_failing = False
            if job.done is not None:
                job.done(message.result)
        elif job.failed is not None:
            job.failed(message.error)
        else:
            self.show_save_problem(message.error)

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

    def show_save_problem(self, error: Exception) -> None:
        """Tell the player a save did not happen; the game goes on (once per run of faults)."""
        from trivia.store import StoreError
        from trivia.store.round_save import RoundNotSaved

        if isinstance(error, RoundNotSaved):
            self.notify(f"This round is not saved: {error}.", title="Not saved", severity="warning")
            return
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

    # --- resuming ------------------------------------------------------------------------

    def notify_played_elsewhere(self, saved: SavedRound) -> None:
        """Say that a round is live in another window, which is why it is not offered."""
        from trivia.tui.names import MODE_NAMES

        mode = MODE_NAMES.get(saved.mode, saved.mode)
        self.notify(
            f"Your unfinished {mode} of {self.pack_title(list(saved.packs))} is being played "
            "in another window of Fan Trivia. Finish it there; once that window is closed "
            "it is offered here.",
            title="Playing elsewhere",
            severity="warning",
            timeout=15,
        )

    def _offer_resume(self) -> None:
        """Offer the newest unfinished round once the profile and the packs are known."""
        if self._unfinished is None or self.pack_entries is None or self.store is None:
            return
        unfinished, self._unfinished = self._unfinished, None
        if not unfinished:
            self._settle_resume()
            return
        # The newest only: older ones stay saved and come up again once this one is done.
        self.offer_resume(unfinished[0])

    def offer_resume(self, saved: SavedRound) -> None:
        """Ask whether to resume a saved round: Resume, Start fresh or Keep for later."""
        from trivia.store import NotResumable
        from trivia.tui.names import MODE_NAMES
        from trivia.tui.screens.resume import ResumeChoice, ResumeScreen, resume_question

        assert self.store is not None
        title = self.pack_title(list(saved.packs))
        mode = MODE_NAMES.get(saved.mode, saved.mode)
        try:
            # Pure replay of the saved answers: no SQL, so it is fine on the UI thread.
            restored = self.store.restore_round(saved, self.known_packs(), clock=self.clock)
        except NotResumable as why:
            known = {pack.id for pack in self.known_packs()}
            if not set(saved.packs) <= known:
                # A pack not found this time (a --pack PATH or --packs-dir left off) may be
                # back next time: keep the round for then rather than close it.
                self.notify(
                    f"Your unfinished {mode} of {title} cannot be resumed now ({why}). It is "
                    "kept: start again with its pack available to resume it.",
                    title="Cannot resume yet",
                    severity="warning",
                    timeout=15,
                )
                self.call_store(lambda store: store.release_round(saved.id))
                self._settle_resume()
                return
            self.notify(
                f"Your unfinished {mode} of {title} cannot be resumed ({why}), so it was "
                "closed. Its answers still count in your stats.",
                title="Cannot resume",
                severity="warning",
                timeout=15,
                markup=False,
            )
            self.call_store(lambda store: store.abandon_round(saved.id))
            self._settle_resume()
            return

        def chosen(choice: ResumeChoice | None) -> None:
            if choice is ResumeChoice.RESUME:
                self._resume(saved, restored)
            elif choice is ResumeChoice.FRESH:
                self.call_store(lambda store: store.abandon_round(saved.id))
            else:
                # Kept for later: another window may offer it now.
                self.call_store(lambda store: store.release_round(saved.id))
            self._settle_resume()

        self.push_screen(ResumeScreen(resume_question(saved, restored, title)), chosen)

    def _settle_resume(self) -> None:
        self._resume_settled = True
        self._hold_released()
        daily, self._daily_waiting = self._daily_waiting, None
        if daily is not None and self.round is None:
            self.play_daily(daily)
        # Then an unfinished party, if any (imported now: plain `trivia` never pays for it).
        from trivia.tui.party_main import offer_party_resume

        offer_party_resume(self)

    def _hold_released(self) -> None:
        # A round started before the resume question was settled is saved from now on
        # (`start_round` saves its answers so far too).
        from trivia.game.round import RoundState

        save = self._save
        if save is None or not self._resume_settled or self.profile is None:
            return
        if not save.queued:
            save.profile = self.profile
            save.queued = True
            self.call_store(save.sync)
            if save.round.state is RoundState.FINISHED:
                self.call_store(save.finish)

    def _resume(self, saved: SavedRound, restored: Round) -> None:
        """Continue a restored round at the question after its last answer."""
        from trivia.game.round import RoundState
        from trivia.store.round_save import RoundSave
        from trivia.tui.screens.question import QuestionScreen
        from trivia.tui.screens.summary import SummaryScreen

        assert self.profile is not None
        packs = [pack for pack in self.known_packs() if pack.id in saved.packs]
        daily = date.fromisoformat(saved.daily) if saved.daily else None
        self.round = restored
        self._round_packs = packs
        self._save = RoundSave(restored, self.profile, packs, daily, id=saved.id, queued=True)
        # The round comes back in the reveal of its last answer, which the player saw
        # before the game stopped: go on to the question they had not answered yet.
        if restored.state is RoundState.REVEAL:
            restored.next()
        if restored.state is RoundState.FINISHED:
            self.call_store(self._save.finish)
            screen: QuestionScreen | SummaryScreen = SummaryScreen(restored)
        else:
            screen = QuestionScreen(restored)
        if self._in_round_screen():
            # `trivia play` opened a new round (not saved yet): the resumed one replaces it.
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _in_round_screen(self) -> bool:
        from trivia.tui.screens.question import QuestionScreen
        from trivia.tui.screens.reveal import RevealScreen

        return isinstance(self.screen, QuestionScreen | RevealScreen)

    # --- rounds --------------------------------------------------------------------------

    def start_round(
        self, packs: Sequence[Pack], config: RoundConfig, *, daily: date | None = None
    ) -> bool:
        """Build a round, save its start, and show its first question over the current screen.

        Args:
            packs: The packs it draws from.
            config: Its mode, filters and rules.
            daily: The day, when the round is that day's daily challenge.

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
        from trivia.store.round_save import RoundSave
        from trivia.tui.screens.question import QuestionScreen

        # The profile is filled in when the save is handed to the store thread.
        self._save = RoundSave(self.round, self.profile, list(packs), daily)
        self._hold_released()
        self.push_screen(QuestionScreen(self.round))
        return True

    def play_again(self) -> None:
        """A new round with the same packs and settings (a new seed), from the summary."""
        from trivia.game.round import Mode

        if self.round is None:
            return
        config = self.round.config
        if config.mode.once_a_day:
            # The summary offers no "Play again" then; this guards any other way in.
            self.notify("One daily challenge a day: a new one is ready tomorrow.")
            return
        self.pop_screen()
        if config.mode is Mode.PRACTICE:
            # Practice is drawn again from the boxes the last round has just moved.
            self.play_practice(self._round_packs[0], config.tags, config.difficulties)
            return
        self.start_round(self._round_packs, replace(config, seed=None))

    def read_previous_best(self, round: Round, done: Callable[[int | None], object]) -> None:
        """Read the player's best finished score before `round` (same packs and mode).

        `done` gets it on the UI thread (None: no earlier round, or no save to read). The
        read is queued after the round's own `finish`, so it sees the round saved and
        leaves it out.
        """
        profile = self.profile
        save = self._save if self._save is not None and self._save.round is round else None
        if profile is None:
            done(None)
            return

        def read(store: Store) -> int | None:
            # The id is read here, on the store thread: `finish` (queued before) set it.
            besides = save.id if save is not None else None
            return store.best_score(profile, round.pack_ids, round.config.mode, besides=besides)

        self.call_store(read, done, failed=lambda _error: done(None))

    def note_question(self) -> None:
        """Checkpoint the question on screen (its time and lifelines) in the save.

        Best effort: a failed checkpoint is not worth a notice (the next answer's save
        reports a failing save); at worst a resumed question gets back some time.
        """
        save = self._save
        progress = self.round.in_progress() if self.round is not None else None
        if save is None or not save.queued or progress is None:
            return
        self.call_store(lambda store: save.note(store, progress), failed=lambda _error: None)

    def show_outcome(self) -> None:
        """Save the answer the round has just settled and replace the question with its
        reveal."""
        from trivia.tui.screens.reveal import RevealScreen

        assert self.round is not None
        outcome = self.round.last_outcome
        save = self._save
        if save is not None and save.queued and outcome is not None:
            # Committed now, before the player reads the reveal.
            self.call_store(lambda store: save.record(store, outcome))
        self.switch_screen(RevealScreen(self.round))

    def advance(self) -> None:
        """Leave the reveal: the next question, or the summary when the round is over."""
        from trivia.game.round import RoundState
        from trivia.tui.screens.question import QuestionScreen
        from trivia.tui.screens.summary import SummaryScreen

        assert self.round is not None
        self.round.next()
        if self.round.state is RoundState.FINISHED:
            if self._save is not None and self._save.queued:
                self.call_store(self._save.finish)
            self.switch_screen(SummaryScreen(self.round))
        else:
            self.switch_screen(QuestionScreen(self.round))

    def leave_round(self) -> None:
        """Go back to Home; a round left before its end is closed (abandoned) in the save.

        A marathon left mid-way shows the summary of what was answered first
        (`Round.summed_up_when_left`); Home is one key further.
        """
        from trivia.game.round import RoundState
        from trivia.tui.screens.summary import SummaryScreen

        save = self._save
        round = self.round
        unfinished = round is not None and round.state is not RoundState.FINISHED
        if unfinished and save is not None and save.queued:
            self.call_store(save.abandon)
        self._save = None
        if (
            round is not None
            and round.summed_up_when_left
            and not isinstance(self.screen, SummaryScreen)
        ):
            # The round stays the app's until the summary is left (play again reads it).
            self.switch_screen(SummaryScreen(round))
            return
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

    def _store_or_wait(self) -> bool:
        if self.store is None or self.profile is None:
            self.notify("Your save is still opening: try again in a moment.", severity="warning")
            return False
        return True

    def play_practice(
        self,
        pack: Pack,
        tags: frozenset[str] = frozenset(),
        difficulties: frozenset[Any] = frozenset(),
    ) -> None:
        """A practice round of a pack: the player's missed and due questions first.

        Untimed unless the settings time practice too. The question list comes from the
        save (`practice_config`), so it is built on the store thread.
        """
        if not self._store_or_wait():
            return
        from trivia.store import practice_config

        profile = self.profile
        assert profile is not None
        seed = None if self.seed is None else self.seed + self._rounds_started
        timed = self.settings.practice_timer

        def build(store: Store) -> RoundConfig:
            return practice_config(
                store,
                profile,
                pack,
                seed=seed,
                timed=timed,
                tags=tags,
                difficulties=difficulties,
            )

        self.call_store(build, lambda config: self.start_round([pack], config))

    def play_daily(self, pack: Pack) -> None:
        """Today's daily challenge of a pack: one scored attempt a day.

        A second attempt is refused with today's score; an attempt the game lost mid-way
        (a crash) is offered for resume instead.
        """
        if not self._store_or_wait():
            return
        from trivia.game.scoring import format_points
        from trivia.store import daily_config

        profile = self.profile
        assert profile is not None
        day = self.today()

        def attempt(store: Store) -> tuple[SavedRound | None, bool]:
            saved = store.daily_attempt(profile, pack.id, day)
            if saved is None or saved.status != "in_progress":
                return saved, False
            return saved, not store.claim_round(saved.id)

        def attempted(result: tuple[SavedRound | None, bool]) -> None:
            saved, elsewhere = result
            if saved is None:
                self.start_round([pack], daily_config(pack.id, day), daily=day)
            elif elsewhere:
                self.notify_played_elsewhere(saved)
            elif saved.status == "in_progress":
                self.offer_resume(saved)
            else:
                self.notify(
                    f"You have played today's {self.pack_title(pack.id)} daily: "
                    f"{format_points(saved.score)} points, {saved.correct} of {saved.answered} "
                    "right. "
                    "A new one is ready tomorrow.",
                    title="Daily challenge done",
                    timeout=10,
                    markup=False,
                )

        self.call_store(attempt, attempted)

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
        from trivia.tui.screens.settings import SettingsScreen

        if hasattr(self, "settings") and theme != self.settings.theme:
            self.settings = replace(self.settings, theme=theme)
            # The settings dialog previews themes: it saves (or not) when it closes.
            if self.is_running and not isinstance(self.screen, SettingsScreen):
                self._keep_settings()

    # --- actions -------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette entries, less those the game has its own of (Keys is Help,
        Theme is Change theme, Quit asks first mid-round)."""
        for command in super().get_system_commands(screen):
            if command.title not in GAME_COMMANDS:
                yield command

    def action_party(self) -> None:
        """Open the party setup, from Home (the palette's "Party")."""
        from trivia.tui.party_main import open_party_setup

        if not isinstance(self.screen, HomeScreen):
            self.notify("Party setup opens from Home: go back there first.", severity="warning")
            return
        open_party_setup(self)

    async def action_quit(self) -> None:
        """Quit (ctrl+q, or "Quit" in the palette); mid-round, ask first, as Esc does.

        Quitting does not end the round: it stays saved and the next start offers it for
        resume, which the question says. A second ctrl+q on that question quits.
        """
        from trivia.tui.screens.confirm import QUIT_QUESTIONS, ConfirmScreen

        screen = self.screen
        asking = isinstance(screen, ConfirmScreen) and screen.question in QUIT_QUESTIONS
        question = None if asking else self._quit_question()
        if question is None:
            self.exit()
            return

        def chosen(quit: bool | None) -> None:
            if quit:
                self.exit()

        self.push_screen(ConfirmScreen(question, yes="Quit"), chosen)

    def _quit_question(self) -> str | None:
        """What to ask before quitting now: a round or a party is in play (None: nothing)."""
        from trivia.game.round import RoundState
        from trivia.tui.screens.confirm import (
            QUIT_PARTY_QUESTION,
            QUIT_QUESTION,
            QUIT_UNSAVED_QUESTION,
        )
        from trivia.tui.screens.party_host import PartyHostScreen

        if any(
            isinstance(screen, PartyHostScreen) and not screen.party.finished
            for screen in self.screen_stack
        ):
            return QUIT_PARTY_QUESTION
        round, save = self.round, self._save
        # A round left (a marathon's summary) or over has nothing left to lose.
        if round is None or save is None or round.state is RoundState.FINISHED:
            return None
        kept = save.queued and not save.refused
        return QUIT_QUESTION if kept else QUIT_UNSAVED_QUESTION

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
        from trivia.tui.screens.profiles import ProfilesScreen

        if self.round is not None:
            self.notify("Change players on Home, after the round.", severity="warning")
            return
        if not self._store_or_wait():
            return

        def done(profile: Profile | None) -> None:
            if profile is not None:
                self.use_profile(profile=profile)

        self.push_screen(ProfilesScreen(), done)


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

    `bank_index` is the bank index file (`--save-dir`'s, see `trivia.cli._bank_index`);
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
