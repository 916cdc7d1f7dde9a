"""The game app's rounds: starting, saving, resuming and leaving them (`RoundFlow`).

The round screens (question, reveal, summary) post what the player did as messages
(`QuestionScreen.Answered`, `RevealScreen.Continued`, ...); the handlers here, named by
Textual's convention (`on_question_screen_answered`), move the round on, save it and
show the next screen. They are named rather than `@on(...)`-decorated because the
decorator would import the question screens (and `trivia.game.round`) with the app,
before Home's first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from trivia.tui.apps.part import GamePart

if TYPE_CHECKING:
    from trivia.game.round import Round, RoundConfig
    from trivia.packs.library import PackEntry
    from trivia.packs.model import Pack
    from trivia.store import Profile, SavedRound, Store
    from trivia.store.round_save import RoundSave
    from trivia.tui.screens.question import QuestionScreen
    from trivia.tui.screens.reveal import RevealScreen
    from trivia.tui.screens.summary import SummaryScreen
    from trivia.tui.settings import Settings


class RoundFlow(GamePart):
    """The game app's rounds, from the first question to the summary, saved as played."""

    if TYPE_CHECKING:
        # Held by `TriviaApp`, besides what every part reads.
        today: Callable[[], date]
        settings: Settings
        _round_packs: list[Pack]
        _rounds_started: int
        _save: RoundSave | None
        _resume_settled: bool
        _unfinished: list[SavedRound] | None
        _daily_waiting: Pack | None

        @property
        def profile(self) -> Profile | None: ...
        @property
        def pack_entries(self) -> list[PackEntry] | None: ...
        @property
        def playable_packs(self) -> list[Pack]: ...
        def offer_party_resume(self) -> None: ...

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
        from trivia.tui.dialogs.resume import ResumeChoice, ResumeScreen, resume_question
        from trivia.tui.names import MODE_NAMES

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
        # Then an unfinished party, if any (`PartyHosting`: plain `trivia` never imports
        # the party code until then).
        self.offer_party_resume()

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

        packs = [pack for pack in self.known_packs() if pack.id == pack_id]
        if self.round is not None:
            self.notify("Finish or leave this round first (Esc).", severity="warning")
            return
        if not packs:
            # Listed from the last start but not loaded yet (`trivia.store.listing`).
            self.notify("The packs are still loading: try again in a moment.")
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

    # --- what the round screens post ---------------------------------------------------

    def on_question_screen_answered(self, message: QuestionScreen.Answered) -> None:
        """The question on screen is settled (answered or timed out): its reveal."""
        if message.screen is self.screen:
            self.show_outcome()

    def on_question_screen_shown(self, message: QuestionScreen.Shown) -> None:
        """Checkpoint the question on screen (its time and lifelines)."""
        self.note_question()

    def on_question_screen_left(
        self, message: QuestionScreen.Left | RevealScreen.Left | SummaryScreen.Left
    ) -> None:
        """The player left the round (from its question, a reveal or the summary)."""
        if message.screen is self.screen:
            self.leave_round()

    on_reveal_screen_left = on_summary_screen_left = on_question_screen_left

    def on_reveal_screen_continued(self, message: RevealScreen.Continued) -> None:
        """On from the reveal: the next question or the summary."""
        if message.screen is self.screen:
            self.advance()

    def on_summary_screen_play_again(self, message: SummaryScreen.PlayAgain) -> None:
        """Another round like the one summed up."""
        if message.screen is self.screen:
            self.play_again()

    def round_quit_question(self) -> str | None:
        """What to ask before quitting mid-round (None: no round would lose anything)."""
        from trivia.game.round import RoundState
        from trivia.tui.dialogs.confirm import QUIT_QUESTION, QUIT_UNSAVED_QUESTION

        round, save = self.round, self._save
        # A round left (a marathon's summary) or over has nothing left to lose.
        if round is None or save is None or round.state is RoundState.FINISHED:
            return None
        kept = save.queued and not save.refused
        return QUIT_QUESTION if kept else QUIT_UNSAVED_QUESTION
