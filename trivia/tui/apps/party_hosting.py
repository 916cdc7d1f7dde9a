"""The game app's parties: set up, start, resume and host them (`PartyHosting`).

Imported with the game app, but light: the party engine (`trivia.game.party`) and the
party screens are imported only when a party is set up, started, resumed or offered, so
plain `trivia` starts as fast as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from trivia.tui.apps.part import GamePart

if TYPE_CHECKING:
    from trivia.game.party import Party, PartyConfig
    from trivia.packs.model import Pack
    from trivia.serve import PhoneServer
    from trivia.store import SavedParty, Store
    from trivia.tui.screens.home import HomeScreen
    from trivia.tui.screens.party_setup import PartySetupScreen, SetupDefaults

PARTY_RESUME_EXPLAIN = (
    "Start fresh closes it (its results can still be exported from the save); "
    "Later keeps it and asks again next time."
)


class PartyHosting(GamePart):
    """The game app's parties: the setup, the host screen, and resuming a saved party."""

    _party_resume_asked = False
    """Whether the unfinished-party offer of this run has been made (it is made once)."""

    phone_server: PhoneServer | None = None
    """The phones' web server: `--serve`'s (the whole run), or the one a party from the
    setup started (see `party_hosted`)."""

    _phones_for: Party | None = None
    """The party `phone_server` was started for (None: `--serve`'s, or none)."""

    def start_party(
        self,
        packs: Sequence[Pack],
        config: PartyConfig,
        *,
        replace_screen: bool = False,
    ) -> str | None:
        """Build a party and show its host screen (it is saved at once).

        Args:
            packs: The packs to draw from.
            config: Style, players, rules; a None seed takes the app's seed if it has one.
            replace_screen: Replace the current screen (the setup) instead of covering it.

        Returns:
            None when started, else why not (no questions match the filters...).
        """
        from trivia.game.party import build_party
        from trivia.game.round import RoundError
        from trivia.store.party_save import PartySave
        from trivia.tui.screens.party_host import PartyHostScreen

        if config.round.seed is None and self.seed is not None:
            config = replace(config, round=replace(config.round, seed=self.seed))
        try:
            party = build_party(packs, config, clock=self.clock)
        except RoundError as error:
            return str(error)
        screen = PartyHostScreen(PartySave(party, list(packs)), self.store_thread, self.clock)
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.party_hosted(party, packs)
        return None

    def open_party_setup(self, defaults: SetupDefaults | None = None) -> None:
        """Show the party setup over the current screen (Home's "Party")."""
        from trivia.tui.screens.party_setup import PartySetupScreen

        if self.round is not None:
            self.notify("Finish or leave this round first.", severity="warning")
            return
        if not self.known_packs():
            self.notify(
                "The packs are still being read: try again in a moment.", severity="warning"
            )
            return
        self.push_screen(PartySetupScreen(defaults))

    def on_home_screen_party_chosen(self, message: HomeScreen.PartyChosen) -> None:
        """Home's party key: the setup."""
        self.open_party_setup()

    def on_party_setup_screen_start(self, message: PartySetupScreen.Start) -> None:
        """The setup's Start: the party replaces the setup, or the setup says why not."""
        problem = self.start_party(message.packs, message.config, replace_screen=True)
        if problem:
            message.screen.show_problem(problem)

    def offer_party_resume(self) -> None:
        """Once per run: offer the newest unfinished party (Resume, Start fresh or Later).

        Called when the solo "resume?" question is settled; any party start the app was
        asked for (`PartyApp`) waits until this is answered (`party_ready`).
        """
        if self._party_resume_asked:
            return
        self._party_resume_asked = True
        if self.round is not None:
            self.party_ready()
            return

        def claimed(store: Store) -> tuple[list[SavedParty], list[SavedParty]]:
            # The newest party no other window is hosting is claimed, then offered; the
            # ones hosted elsewhere are only mentioned.
            elsewhere: list[SavedParty] = []
            for saved in store.unfinished_parties():
                if store.claim_party(saved.id):
                    return [saved], elsewhere
                elsewhere.append(saved)
            return [], elsewhere

        def found(result: tuple[list[SavedParty], list[SavedParty]]) -> None:
            offered, elsewhere = result
            for saved in elsewhere:
                self.notify(
                    f"The party of {self.pack_title(list(saved.packs))} is being hosted in "
                    "another window on this save, so it is not offered here.",
                    title="Party live elsewhere",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            self._offer_party(offered)

        def failed(error: Exception) -> None:
            self.show_save_problem(error)
            self.party_ready()

        self.call_store(claimed, found, failed=failed)

    def _offer_party(self, unfinished: list[SavedParty]) -> None:
        from trivia.store import NotResumable
        from trivia.tui.dialogs.resume import ResumeChoice, ResumeScreen, party_resume_question

        if not unfinished:
            self.party_ready()
            return
        saved = unfinished[0]
        title = self.pack_title(list(saved.packs))
        try:
            # Pure replay of the saved events: no SQL, fine on the UI thread.
            assert self.store is not None
            party = self.store.restore_party(saved, self.known_packs(), clock=self.clock)
        except NotResumable as why:
            # Keep it: the usual cause is a pack that is not found this time (a `--pack PATH`
            # or `--packs-dir` left off), and the scoreboard must survive that.
            self.notify(
                f"The unfinished party of {title} cannot be resumed now ({why}). It is kept: "
                "start `trivia party` again with the same --pack or --packs-dir to resume it.",
                title="Cannot resume yet",
                severity="warning",
                timeout=20,
                markup=False,
            )
            self.party_ready()
            return

        def chosen(choice: ResumeChoice | None) -> None:
            if choice is ResumeChoice.RESUME:
                self.resume_party(saved, party)
                return
            if choice is ResumeChoice.FRESH:
                self.call_store(lambda store: store.abandon_party(saved.id))
            else:  # Later: another window may have it meanwhile
                self.call_store(lambda store: store.release_party(saved.id))
            self.party_ready()

        question = party_resume_question(saved, party, title)
        self.push_screen(ResumeScreen(question, explain=PARTY_RESUME_EXPLAIN), chosen)

    def resume_party(self, saved: SavedParty, party: Party) -> None:
        """Go on with a restored party where it stopped (paused, if a question was open)."""
        from trivia.store.party_save import PartySave
        from trivia.tui.screens.party_host import PartyHostScreen
        from trivia.tui.screens.party_setup import PartySetupScreen

        packs = [pack for pack in self.known_packs() if pack.id in saved.packs]
        save = PartySave(party, packs, id=saved.id, taken=party.last_event)
        if party.phase.value == "open" and not party.paused:
            # The room needs a moment after a crash: the clock waits for the host's `x`.
            party.pause()
        screen = PartyHostScreen(save, self.store_thread, self.clock)
        if isinstance(self.screen, PartySetupScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self.party_hosted(party, packs)
        self.notify("Resumed: same scores, same turn, same question.", timeout=5)

    def party_ready(self) -> None:
        """The unfinished-party offer is settled: a party may start now (`PartyApp`)."""

    def party_hosted(self, party: Party, packs: Sequence[Pack]) -> None:
        """A party's host screen is up (started or resumed): phones may join it.

        With `--serve` the app's server takes it; else a party that lets phones in (the
        setup's "Phones can join") starts a server of its own, as `--serve` would (every
        interface, a free port), which stops when the party is left.
        """
        title = " + ".join(p.meta.title for p in packs)
        if self.phone_server is not None:
            self.phone_server.host_party(party, title)
        elif party.config.phones:
            self._serve_phones(party, title)

    def _serve_phones(self, party: Party, title: str) -> None:
        from trivia.serve import PhoneServer
        from trivia.serve.server import ALL_INTERFACES

        server = PhoneServer(ALL_INTERFACES, 0, clock=self.clock)
        self.phone_server = server
        self._phones_for = party

        async def start() -> None:
            try:
                await server.start()
            except OSError as error:
                if self.phone_server is server:
                    self.phone_server = self._phones_for = None
                self.notify(
                    f"The phone server cannot listen: {error.strerror or error}.",
                    title="Phones cannot join",
                    severity="error",
                    markup=False,
                )
                return
            if self.phone_server is server:
                server.host_party(party, title)

        self.run_worker(start(), name="phones", group="phones")

    def party_left(self, party: Party) -> None:
        """A party's host screen is gone (left, finished or quit): its phones are sent away
        (and a server the party started stops listening)."""
        server = self.phone_server
        if server is None:
            return
        if server.room.party is party:
            server.room.unhost()
        if self._phones_for is party:
            self.phone_server = self._phones_for = None
            self.run_worker(server.stop(), name="phones-stop", group="phones")

    def party_quit_question(self) -> str | None:
        """What to ask before quitting while a party is hosted (None: no party in play)."""
        from trivia.tui.dialogs.confirm import QUIT_PARTY_QUESTION
        from trivia.tui.screens.party_host import PartyHostScreen

        if any(
            isinstance(screen, PartyHostScreen) and not screen.party.finished
            for screen in self.screen_stack
        ):
            return QUIT_PARTY_QUESTION
        return None
