"""Party setup: players or teams (a colour, a mark and a buzzer key each), the pack and its
filters, the style, the timer and when the leaderboard shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from trivia.game.party import (
    ANSWER_KEYS,
    COLOURS,
    DEFAULT_KEYS,
    HOST_KEYS,
    MARKS,
    MAX_NAME_LENGTH,
    MAX_PHONES,
    MAX_PLAYERS,
    MIN_PLAYERS,
    PartyError,
    Player,
)
from trivia.packs.printable import printable
from trivia.tui.messages import ScreenMessage
from trivia.tui.widgets.party_board import SEAT_SHADES
from trivia.tui.widgets.picker import Picker
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from trivia.game.party import PartyConfig
    from trivia.packs.model import Pack
    from trivia.tui.app import TriviaApp

STYLES: tuple[tuple[str, str, str], ...] = (
    ("hotseat", "Hot-seat", "Turns at the keyboard; a miss passes once for half points."),
    ("buzzer", "Buzzer", "Each player has a key; the first to buzz answers."),
    ("master", "Quiz master", "You read out and mark who was right (teams on paper)."),
    ("all", "Phones", "Everyone answers each question on their own phone (Phones on)."),
)
"""(style, label, one line about it)."""

QUESTION_COUNTS = ("5", "10", "15", "20", "all")
LIT_SECONDS = 1.5
"""How long a row stays lit after its player pressed their key."""

ANY = "any"


@dataclass
class SetupDefaults:
    """What the setup starts with (from the command line, or a party played before).

    Attributes:
        names: Player or team names, in seat order.
        teams: Whether they are teams.
        style: "hotseat", "buzzer" or "master".
        pack_id: The pack to pick first (None: the first playable).
        question_count: Questions in the party (None: every one).
        timed: The timer on or off.
        leaderboard_every_question: The leaderboard after each question, or only at the end.
        seed: The seed for the questions (None: random).
        phones: Whether phones may join (the party starts the phone server, as --serve).
    """

    names: list[str] = field(default_factory=list)
    teams: bool = False
    style: str = "buzzer"
    pack_id: str | None = None
    question_count: int | None = 10
    timed: bool = True
    leaderboard_every_question: bool = True
    seed: int | None = None
    phones: bool = False


class PartySetupScreen(Screen[None]):
    """Set up a party, then start it (ctrl+s or the Start button).

    Args:
        defaults: What the fields start with.
    """

    CSS_PATH = "party_setup.tcss"

    BINDINGS = [
        Binding("ctrl+s", "start", "Start party", id="setup.start", priority=True),
        Binding("escape", "back", "Back", id="setup.back"),
    ]

    class Start(ScreenMessage):
        """Start this party (the app replies with `show_problem` if it cannot)."""

        def __init__(
            self, screen: PartySetupScreen, packs: Sequence[Pack], config: PartyConfig
        ) -> None:
            super().__init__(screen)
            self.screen: PartySetupScreen = screen
            self.packs = packs
            self.config = config

    def __init__(self, defaults: SetupDefaults | None = None) -> None:
        defaults = defaults or SetupDefaults()
        # Styled from the start as the chosen style wants: setting the class on mount
        # would restyle every widget a second time before the first paint.
        super().__init__(classes="-buzzer" if defaults.style == "buzzer" else None)
        self.defaults = defaults

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        d = self.defaults
        with Horizontal(id="setup", classes="body"):
            with Vertical(id="setup-players") as players:
                players.border_title = "Players or teams"
                yield Picker(
                    [("Players", "players"), ("Teams", "teams")],
                    "teams" if d.teams else "players",
                    id="setup-kind",
                )
                yield Static("Name (2-8)             key", id="setup-players-head", markup=False)
                with VerticalScroll(id="setup-rows"):
                    for seat in range(MAX_PLAYERS):
                        with Horizontal(classes="setup-row", id=f"row-{seat}"):
                            yield Static(_seat_mark(seat), classes="setup-mark")
                            yield Input(
                                d.names[seat] if seat < len(d.names) else "",
                                placeholder=f"{'Team' if d.teams else 'Player'} {seat + 1}",
                                max_length=MAX_NAME_LENGTH,
                                compact=True,
                                id=f"name-{seat}",
                                classes="setup-name",
                            )
                            yield Input(
                                DEFAULT_KEYS[seat],
                                max_length=1,
                                compact=True,
                                id=f"key-{seat}",
                                classes="setup-key",
                            )
                            yield Static(classes="setup-lit", id=f"lit-{seat}")
                yield Static(id="setup-keys-help")
                yield Button("Test the keys", id="setup-test", compact=True)
            with Grid(id="setup-game") as game:
                game.border_title = "Game"
                yield Label("Pack", classes="field-label")
                yield Picker(self._pack_choices(), d.pack_id, id="setup-pack")
                yield Label("Questions", classes="field-label")
                count = "all" if d.question_count is None else str(d.question_count)
                counts = list(QUESTION_COUNTS)
                if count not in counts:
                    counts.insert(0, count)
                yield Picker([(c.capitalize(), c) for c in counts], count, id="setup-count")
                yield Label("Difficulty", classes="field-label")
                yield Picker(
                    [("Any", ANY), ("Easy", "easy"), ("Medium", "medium"), ("Hard", "hard")],
                    id="setup-difficulty",
                )
                yield Label("Tag", classes="field-label")
                yield Picker([("Any", ANY)], id="setup-tag")
                yield Label("Style", classes="field-label")
                yield Picker([(label, s) for s, label, _ in STYLES], d.style, id="setup-style")
                yield Static(id="setup-style-about")
                yield Label("Timer", classes="field-label")
                yield Picker(
                    [("On", "on"), ("Off", "off")], "on" if d.timed else "off", id="setup-timer"
                )
                yield Label("Leaderboard", classes="field-label")
                yield Picker(
                    [("After every question", "every_question"), ("Only at the end", "end")],
                    "every_question" if d.leaderboard_every_question else "end",
                    id="setup-leaderboard",
                )
                yield Label("Phones", classes="field-label")
                yield Picker(
                    [("Off: keyboards only", "off"), ("Phones can join", "on")],
                    "on" if d.phones else "off",
                    id="setup-phones",
                )
                yield Static(id="setup-problem", markup=False)
                yield Button("Start party ▶ (ctrl+s)", id="setup-start", variant="primary")
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name-0", Input).focus()
        self._style_changed()
        self._show_tags()

    def _pack_choices(self) -> list[tuple[str, str]]:
        packs = self._app.known_packs()
        return [(printable(p.meta.title), p.id) for p in packs] or [("No packs found", "")]

    def _pack(self) -> Pack | None:
        pack_id = self.query_one("#setup-pack", Picker).value
        return next((p for p in self._app.known_packs() if p.id == pack_id), None)

    @on(Picker.Changed, "#setup-pack")
    def _show_tags(self) -> None:
        from trivia.packs.stored import summary_of

        pack = self._pack()
        # The pack's summary knows its tags: no question is read (a bank pack reads them
        # from the index one by one).
        tags = sorted(summary_of(pack).tags) if pack else []
        self.query_one("#setup-tag", Picker).set_choices(
            [("Any", ANY), *((printable(t), t) for t in tags)]
        )

    @on(Picker.Changed, "#setup-style")
    def _style_changed(self) -> None:
        style = self.query_one("#setup-style", Picker).value
        about = next(text for s, _, text in STYLES if s == style)
        self.query_one("#setup-style-about", Static).update(about)
        buzzer = style == "buzzer"
        self.set_class(buzzer, "-buzzer")
        self.query_one("#setup-test", Button).display = buzzer
        self.query_one("#setup-keys-help", Static).update(
            "Keys: one letter each. Press a key away from the names (click Test the keys): "
            "its row lights up."
            if buzzer
            else "Each gets a colour and a mark, so no one relies on colour."
        )

    @on(Picker.Changed, "#setup-kind")
    def _kind_changed(self, event: Picker.Changed) -> None:
        word = "Team" if event.value == "teams" else "Player"
        for seat in range(MAX_PLAYERS):
            self.query_one(f"#name-{seat}", Input).placeholder = f"{word} {seat + 1}"

    # --- "press your key" --------------------------------------------------------------

    @on(Button.Pressed, "#setup-test")
    def _test_keys(self) -> None:
        self.notify("Each player presses their key now: their row lights up.", timeout=4)

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input) or not self.has_class("-buzzer"):
            return
        for seat in range(MAX_PLAYERS):
            key = self.query_one(f"#key-{seat}", Input).value.strip().lower()
            name = self.query_one(f"#name-{seat}", Input).value.strip()
            if key and key == event.key and name:
                event.stop()
                event.prevent_default()
                self._light(seat)
                return

    def _light(self, seat: int) -> None:
        row = self.query_one(f"#row-{seat}")
        lit = self.query_one(f"#lit-{seat}", Static)
        row.add_class("-lit")
        lit.update(Content.assemble(_seat_mark(seat), Content.styled(" ✔ key works", "bold")))

        def off() -> None:
            row.remove_class("-lit")
            lit.update("")

        self.set_timer(LIT_SECONDS, off)

    # --- starting ----------------------------------------------------------------------

    def players(self) -> tuple[Player, ...]:
        """The players as filled in (blank rows skipped), keys only for buzzer style."""
        buzzer = self.query_one("#setup-style", Picker).value == "buzzer"
        players = []
        for seat in range(MAX_PLAYERS):
            name = " ".join(self.query_one(f"#name-{seat}", Input).value.split())
            if not name:
                continue
            key = self.query_one(f"#key-{seat}", Input).value.strip().lower() or None
            players.append(Player(name, COLOURS[seat], MARKS[seat], key if buzzer else None))
        return tuple(players)

    def config(self) -> PartyConfig:
        """The party config from the fields.

        Raises:
            PartyError: The players or keys do not make a party (the message says why).
        """
        from trivia.game.party import LeaderboardWhen, PartyConfig, PartyStyle
        from trivia.game.round import RoundConfig
        from trivia.packs.model import Difficulty

        count = self.query_one("#setup-count", Picker).value
        difficulty = self.query_one("#setup-difficulty", Picker).value
        tag = self.query_one("#setup-tag", Picker).value
        round_config = RoundConfig(
            question_count=None if count == "all" else int(count),
            seed=self.defaults.seed,
            timed=self.query_one("#setup-timer", Picker).value == "on",
            difficulties=frozenset() if difficulty == ANY else frozenset({Difficulty(difficulty)}),
            tags=frozenset() if tag in (ANY, "") else frozenset({tag}),
        )
        players = self.players()
        phones = self.query_one("#setup-phones", Picker).value == "on"
        style = PartyStyle(self.query_one("#setup-style", Picker).value)
        teams = self.query_one("#setup-kind", Picker).value == "teams"
        if style is PartyStyle.ALL and not phones:
            raise PartyError("In the Phones style everyone answers on a phone: turn Phones on.")
        if phones and not players and not teams:
            style = PartyStyle.ALL  # phones only: everyone on their own phone
        elif len(players) < MIN_PLAYERS and (teams or not phones):
            # The greyed "Player 1" in an empty row is a placeholder, not a name: say so,
            # rather than the engine's "2-8 players, not 0".
            word = "teams" if teams else "players"
            raise PartyError(
                f"Type the names of at least {MIN_PLAYERS} {word} "
                f"({len(players)} so far; the grey names are only examples)."
            )
        for player in players:
            if player.key is not None and player.key in _host_letters():
                raise PartyError(
                    f"{player.name}'s key {player.key!r} is a host key; letters the host uses: "
                    f"{', '.join(sorted(_host_letters()))}"
                )
        return PartyConfig(
            style=style,
            players=players,
            round=round_config,
            teams=teams,
            leaderboard=LeaderboardWhen(self.query_one("#setup-leaderboard", Picker).value),
            phones=MAX_PHONES if phones else 0,
        )

    @on(Button.Pressed, "#setup-start")
    def action_start(self) -> None:
        """Check the setup and start the party (its first question, READING)."""
        pack = self._pack()
        if pack is None:
            self._problem("Pick a pack first.")
            return
        try:
            config = self.config()
        except PartyError as error:
            self._problem(str(error))
            return
        self.post_message(self.Start(self, [pack], config))

    def show_problem(self, text: str) -> None:
        """Say why the party cannot start (on the screen, and as a notice)."""
        self._problem(text)

    def _problem(self, text: str) -> None:
        self.query_one("#setup-problem", Static).update(text)
        self.notify(text, title="Cannot start yet", severity="warning", markup=False)

    def action_back(self) -> None:
        """Back to Home."""
        self.dismiss()


def _seat_mark(seat: int) -> Content:
    return Content.styled(f" {MARKS[seat]} ", f"bold {SEAT_SHADES[COLOURS[seat]]}")


def _host_letters() -> set[str]:
    return {k for k in (*HOST_KEYS.values(), *ANSWER_KEYS) if len(k) == 1}


def defaults_for(
    names: Sequence[str] | None,
    teams: bool,
    style: str | None,
    round_config: object | None,
    pack_id: str | None,
    leaderboard_every_question: bool,
    phones: bool = False,
) -> SetupDefaults:
    """Setup defaults from the command line's options."""
    count = getattr(round_config, "question_count", 10)
    return SetupDefaults(
        names=list(names or []),
        teams=teams,
        style=style or ("master" if teams else "buzzer"),
        pack_id=pack_id,
        question_count=count if round_config is not None else 10,
        timed=getattr(round_config, "timed", True),
        leaderboard_every_question=leaderboard_every_question,
        seed=getattr(round_config, "seed", None),
        phones=phones,
    )
