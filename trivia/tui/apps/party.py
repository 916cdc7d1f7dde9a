"""The party host's app (`trivia party`): the game app, opened for a party.

`main_party` runs it; the party itself (setup, host screen, resume) is the game app's
`PartyHosting` part, which plain `trivia` has too (Home's party key).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from trivia.tui.app_base import Clock
from trivia.tui.apps.game import TriviaApp

if TYPE_CHECKING:
    from trivia.game.party import PartyConfig
    from trivia.game.round import RoundConfig
    from trivia.packs.library import PackDir
    from trivia.packs.model import Pack
    from trivia.tui.screens.party_setup import SetupDefaults


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
            problem = self.start_party(self._party_packs, self._party_config)
            if problem is None:
                return
            self.notify(problem, title="Cannot start the party", severity="error", markup=False)
        self.open_party_setup(self.party_defaults)


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
    phones: bool = False,
) -> PartyApp:
    """Build the game app opened for a party; see `main_party` for the arguments.

    With `phones` up to `MAX_PHONES` players may join from their phones; with no players
    or teams given the party starts at once for phones alone, in the all style.

    Raises:
        PartyError: The players or teams given do not make a party (the message says why).
    """
    from trivia.game.party import (
        MAX_PHONES,
        LeaderboardWhen,
        PartyConfig,
        PartyError,
        PartyStyle,
        make_players,
    )
    from trivia.game.round import RoundConfig
    from trivia.tui.screens.party_setup import defaults_for

    names = list(teams or players or [])
    is_teams = bool(teams)
    pack_id = start_packs[0].id if start_packs else None
    if phones and style is None:
        style = "all" if not names or is_teams else "buzzer"
    if style == "all" and names and not is_teams:
        raise PartyError(
            "in the all style everyone answers at once, which one keyboard cannot do: "
            "leave --players off (phones only), give --teams for phones to join, "
            "or pick --style buzzer or master for keyboard seats beside the phones"
        )
    defaults = defaults_for(
        names,
        is_teams,
        None if style == "all" else style,
        round_config,
        pack_id,
        leaderboard_every_question,
        phones=phones,
    )
    config = None
    if (names or phones) and start_packs:
        chosen = PartyStyle(style or defaults.style)
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
            phones=MAX_PHONES if phones else 0,
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
    serve: tuple[str, int] | None = None,
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
        serve: (address, port) to let phones join (`--serve`): the phone server listens
            while the app runs, on the app's own event loop; None for keyboards only.

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
            phones=serve is not None,
        )
    except (PartyError, ValueError) as error:
        print(f"trivia party: {error}", file=sys.stderr)
        return 2
    if serve is None:
        app.run()
        return app.return_code or 0
    from trivia.tui.apps.phones import run_with_phones

    return run_with_phones(app, *serve)
