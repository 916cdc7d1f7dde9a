"""Party mode in the app: start, resume and follow parties; the command line's entry points.

`main_party` runs the host's game (`trivia party`), `main_display` the projector display
(`trivia party --display`). Imported only when a party is started, resumed or offered,
so plain `trivia` starts as fast as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from trivia.store.party_save import PartySave
from trivia.tui.app import TriviaApp
from trivia.tui.theme import FAN_TRIVIA_THEME

if TYPE_CHECKING:
    from trivia.game.party import Party, PartyConfig
    from trivia.game.round import RoundConfig
    from trivia.packs.library import PackDir
    from trivia.packs.model import Pack
    from trivia.store import SavedParty, Store
    from trivia.tui.screens.party_setup import SetupDefaults

Clock = Callable[[], float]

PARTY_RESUME_EXPLAIN = (
    "Start fresh closes it (its results can still be exported from the save); "
    "Later keeps it and asks again next time."
)


# --- inside the game app -------------------------------------------------------------------


def start_party(
    app: TriviaApp,
    packs: Sequence[Pack],
    config: PartyConfig,
    *,
    replace_screen: bool = False,
) -> str | None:
    """Build a party and show its host screen (it is saved at once).

    Args:
        app: The game app.
        packs: The packs to draw from.
        config: Style, players, rules; a None seed takes the app's seed if it has one.
        replace_screen: Replace the current screen (the setup) instead of covering it.

    Returns:
        None when started, else why not (no questions match the filters...).
    """
    from trivia.game.party import build_party
    from trivia.game.round import RoundError
    from trivia.tui.screens.party_host import PartyHostScreen

    if config.round.seed is None and app.seed is not None:
        config = replace(config, round=replace(config.round, seed=app.seed))
    try:
        party = build_party(packs, config, clock=app.clock)
    except RoundError as error:
        return str(error)
    screen = PartyHostScreen(PartySave(party, list(packs)))
    if replace_screen:
        app.switch_screen(screen)
    else:
        app.push_screen(screen)
    return None


def open_party_setup(app: TriviaApp, defaults: SetupDefaults | None = None) -> None:
    """Show the party setup over the current screen (Home's "Party")."""
    from trivia.tui.screens.party_setup import PartySetupScreen

    if app.round is not None:
        app.notify("Finish or leave this round first.", severity="warning")
        return
    if not app.known_packs():
        app.notify("The packs are still being read: try again in a moment.", severity="warning")
        return
    app.push_screen(PartySetupScreen(defaults))


def offer_party_resume(app: TriviaApp) -> None:
    """Once per run: offer the newest unfinished party (Resume, Start fresh or Later).

    Called by the app when the solo "resume?" question is settled; any party start the
    app was asked for (`PartyApp`) waits until this is answered.
    """
    if getattr(app, "_party_resume_asked", False):
        return
    app._party_resume_asked = True  # type: ignore[attr-defined]
    if app.round is not None:
        _party_resume_settled(app)
        return

    def claimed(store: Store) -> tuple[list[SavedParty], list[SavedParty]]:
        # The newest party no other window is hosting is claimed, then offered; the ones
        # hosted elsewhere are only mentioned.
        elsewhere: list[SavedParty] = []
        for saved in store.unfinished_parties():
            if store.claim_party(saved.id):
                return [saved], elsewhere
            elsewhere.append(saved)
        return [], elsewhere

    def found(result: tuple[list[SavedParty], list[SavedParty]]) -> None:
        offered, elsewhere = result
        for saved in elsewhere:
            app.notify(
                f"The party of {app.pack_title(list(saved.packs))} is being hosted in another "
                "window on this save, so it is not offered here.",
                title="Party live elsewhere",
                severity="warning",
                timeout=10,
                markup=False,
            )
        _offer(app, offered)

    app.call_store(claimed, found, failed=lambda error: _offer_failed(app, error))


def _offer_failed(app: TriviaApp, error: Exception) -> None:
    app.show_save_problem(error)
    _party_resume_settled(app)


def _offer(app: TriviaApp, unfinished: list[SavedParty]) -> None:
    from trivia.store import NotResumable
    from trivia.tui.screens.resume import ResumeChoice, ResumeScreen, party_resume_question

    if not unfinished:
        _party_resume_settled(app)
        return
    saved = unfinished[0]
    title = app.pack_title(list(saved.packs))
    try:
        # Pure replay of the saved events: no SQL, fine on the UI thread.
        party = _restore(app, saved)
    except NotResumable as why:
        # Keep it: the usual cause is a pack that is not found this time (a `--pack PATH`
        # or `--packs-dir` left off), and the scoreboard must survive that.
        app.notify(
            f"The unfinished party of {title} cannot be resumed now ({why}). It is kept: "
            "start `trivia party` again with the same --pack or --packs-dir to resume it.",
            title="Cannot resume yet",
            severity="warning",
            timeout=20,
            markup=False,
        )
        _party_resume_settled(app)
        return

    def chosen(choice: ResumeChoice | None) -> None:
        if choice is ResumeChoice.RESUME:
            resume_party(app, saved, party)
            return
        if choice is ResumeChoice.FRESH:
            app.call_store(lambda store: store.abandon_party(saved.id))
        else:  # Later: another window may have it meanwhile
            app.call_store(lambda store: store.release_party(saved.id))
        _party_resume_settled(app)

    question = party_resume_question(saved, party, title)
    app.push_screen(ResumeScreen(question, explain=PARTY_RESUME_EXPLAIN), chosen)


def _restore(app: TriviaApp, saved: SavedParty) -> Party:
    assert app.store is not None
    return app.store.restore_party(saved, app.known_packs(), clock=app.clock)


def resume_party(app: TriviaApp, saved: SavedParty, party: Party) -> None:
    """Go on with a restored party where it stopped (paused, if a question was open)."""
    from trivia.tui.screens.party_host import PartyHostScreen
    from trivia.tui.screens.party_setup import PartySetupScreen

    packs = [pack for pack in app.known_packs() if pack.id in saved.packs]
    save = PartySave(party, packs, id=saved.id, taken=party.last_event)
    if party.phase.value == "open" and not party.paused:
        # The room needs a moment after a crash: the clock waits for the host's `x`.
        party.pause()
    screen = PartyHostScreen(save)
    if isinstance(app.screen, PartySetupScreen):
        app.switch_screen(screen)
    else:
        app.push_screen(screen)
    app.notify("Resumed: same scores, same turn, same question.", timeout=5)


def _party_resume_settled(app: TriviaApp) -> None:
    ready = getattr(app, "party_ready", None)
    if ready is not None:
        ready()


class PartyApp(TriviaApp):
    """The game app opened for a party (`trivia party`): Home underneath, then the setup,
    or straight into the party when the players and a pack were given.

    The party starts once any unfinished one has been offered for resume, so a resumed
    party never runs beside a new one.

    Args:
        defaults: The setup's starting values (players, style, filters...).
        party_config: Start this party at once (players given), else None for the setup.
        party_packs: The packs `party_config` draws from.
        **kwargs: As for `TriviaApp`.
    """

    def __init__(
        self,
        *args: object,
        defaults: SetupDefaults,
        party_config: PartyConfig | None = None,
        party_packs: Sequence[Pack] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.party_defaults = defaults
        self._party_config = party_config
        self._party_packs = list(party_packs or [])
        self._party_started = False

    def party_ready(self) -> None:
        """Open the setup, or start the party given on the command line."""
        if self._party_started:
            return
        self._party_started = True
        if self._party_config is not None and self._party_packs:
            problem = start_party(self, self._party_packs, self._party_config)
            if problem is None:
                return
            self.notify(problem, title="Cannot start the party", severity="error", markup=False)
        open_party_setup(self, self.party_defaults)


def create_party_app(
    packs: Sequence[Pack] | None = None,
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    save_dir: Path | None = None,
    players: Sequence[str] | None = None,
    teams: Sequence[str] | None = None,
    style: str | None = None,
    start_packs: Sequence[Pack] | None = None,
    round_config: RoundConfig | None = None,
    leaderboard_every_question: bool = True,
    seed: int | None = None,
    clock: Clock = time.monotonic,
    bank_index: Path | None = None,
) -> PartyApp:
    """Build the game app opened for a party; see `main_party` for the arguments.

    Raises:
        PartyError: The players or teams given do not make a party (the message says why).
    """
    from trivia.game.party import LeaderboardWhen, PartyConfig, PartyStyle, make_players
    from trivia.game.round import RoundConfig
    from trivia.tui.screens.party_setup import defaults_for

    names = list(teams or players or [])
    is_teams = bool(teams)
    pack_id = start_packs[0].id if start_packs else None
    defaults = defaults_for(
        names, is_teams, style, round_config, pack_id, leaderboard_every_question
    )
    config = None
    if names and start_packs:
        chosen = PartyStyle(defaults.style)
        made = make_players(names)
        if chosen is not PartyStyle.BUZZER:
            made = tuple(replace(p, key=None) for p in made)
        config = PartyConfig(
            style=chosen,
            players=made,
            round=round_config or RoundConfig(question_count=10),
            teams=is_teams,
            leaderboard=LeaderboardWhen.EVERY_QUESTION
            if leaderboard_every_question
            else LeaderboardWhen.END,
        )
    return PartyApp(
        packs,
        pack_dirs=pack_dirs,
        seed=seed,
        clock=clock,
        save_dir=save_dir,
        start_packs=start_packs,
        defaults=defaults,
        party_config=config,
        party_packs=start_packs,
        bank_index=bank_index,
    )


def main_party(
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    save_dir: Path | None = None,
    players: list[str] | None = None,
    teams: list[str] | None = None,
    style: str | None = None,
    start_packs: Sequence[Pack] | None = None,
    round_config: RoundConfig | None = None,
    leaderboard_every_question: bool = True,
    bank_index: Path | None = None,
) -> int:
    """Run a party on the host's terminal (`trivia party`) until the host quits.

    Args:
        pack_dirs: Where to look for packs (as `main_tui`).
        save_dir: The save directory (None resolves it as `trivia` does).
        players: Player names (`--players "Ann,Bo,Cy"`), in turn order.
        teams: Team names (`--teams "Red,Blue"`), instead of players.
        style: "hotseat", "buzzer" or "master" (None: buzzer for players, master for teams).
        start_packs: The pack(s) to play (`--pack`); None lets the setup pick.
        round_config: Question count, seed, filters and timer (`--questions`, `--seed`,
            `--no-timer`); its mode is ignored unless it is marathon.
        leaderboard_every_question: False shows the leaderboard only at the end.
        bank_index: The bank index file (as `main_tui`).

    With players (or teams) and a pack, the party starts at once on its first question;
    otherwise the setup screen opens, filled in with what was given. Either way an
    unfinished party in the save is offered for resume first.

    Returns:
        The exit code: 0, or 2 when the players given do not make a party (the reason is
        printed on stderr).
    """
    import sys

    from trivia.game.party import PartyError

    if save_dir is None:
        from trivia.store.paths import resolve_save_dir

        save_dir = resolve_save_dir().directory
    try:
        app = create_party_app(
            pack_dirs=pack_dirs,
            save_dir=save_dir,
            players=players,
            teams=teams,
            style=style,
            start_packs=start_packs,
            round_config=round_config,
            leaderboard_every_question=leaderboard_every_question,
            bank_index=bank_index,
        )
    except (PartyError, ValueError) as error:
        print(f"trivia party: {error}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


# --- the projector display -----------------------------------------------------------------


class PartyDisplayApp(App[None]):
    """The read-only projector display (`trivia party --display`).

    Args:
        save_dir: The host's save directory.
        packs: The packs (tests); None reads `pack_dirs` in a worker.
        pack_dirs: Where to look for packs.
        clock: The display's clock.
        open_store: How to open the save (tests); default `Store.open_read_only`.
    """

    # The default screen's own CSS_PATH is not loaded: its stylesheets are read here.
    CSS_PATH = ["app.tcss", "screens/party_stage.tcss", "screens/party_display.tcss"]
    TITLE = "Fan Trivia · display"
    HORIZONTAL_BREAKPOINTS = TriviaApp.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = TriviaApp.VERTICAL_BREAKPOINTS

    def __init__(
        self,
        save_dir: Path | None,
        packs: Sequence[Pack] | None = None,
        *,
        pack_dirs: Sequence[PackDir] | None = None,
        clock: Clock = time.monotonic,
        open_store: Callable[[Path | None], Store] | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(FAN_TRIVIA_THEME)
        self.theme = FAN_TRIVIA_THEME.name
        self.save_dir = save_dir
        self._packs = list(packs) if packs is not None else None
        self._pack_dirs = list(pack_dirs) if pack_dirs is not None else None
        self.clock = clock
        self._open_store = open_store

    def get_default_screen(self):  # type: ignore[no-untyped-def]
        from trivia.tui.screens.party_display import PartyDisplayScreen

        return PartyDisplayScreen(
            self.save_dir, self._packs, clock=self.clock, open_store=self._open_store
        )

    def on_mount(self) -> None:
        if self._packs is None:
            self._scan()

    def _scan(self) -> None:
        def scan() -> list[Pack]:
            from trivia.packs.library import pack_dirs, scan

            entries = scan(self._pack_dirs if self._pack_dirs is not None else pack_dirs())
            return [e.pack for e in entries if e.pack is not None and e.shadowed_by is None]

        def read() -> None:
            packs = scan()
            self.call_from_thread(self._packs_read, packs)

        self.run_worker(read, thread=True, exclusive=True, group="packs")

    def _packs_read(self, packs: list[Pack]) -> None:
        from trivia.tui.screens.party_display import PartyDisplayScreen

        screen = self.screen
        if isinstance(screen, PartyDisplayScreen):
            screen.packs_ready(packs)


def create_display_app(
    save_dir: Path | None,
    packs: Sequence[Pack] | None = None,
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    clock: Clock = time.monotonic,
) -> PartyDisplayApp:
    """Build the projector display app; see `PartyDisplayApp`."""
    return PartyDisplayApp(save_dir, packs, pack_dirs=pack_dirs, clock=clock)


def main_display(
    *,
    save_dir: Path | None = None,
    pack_dirs: Sequence[PackDir] | None = None,
) -> int:
    """Run the projector display (`trivia party --display`) until it is quit (ctrl+q).

    Args:
        save_dir: The host's save directory (None resolves it as `trivia` does).
        pack_dirs: Where to look for packs (the same as the host's).

    Returns:
        The exit code (0).
    """
    if save_dir is None:
        from trivia.store.paths import resolve_save_dir

        save_dir = resolve_save_dir().directory
    app = create_display_app(save_dir, pack_dirs=pack_dirs)
    app.run()
    return app.return_code or 0


__all__ = [
    "PartyApp",
    "PartyDisplayApp",
    "create_display_app",
    "create_party_app",
    "main_display",
    "main_party",
    "offer_party_resume",
    "open_party_setup",
    "resume_party",
    "start_party",
]
