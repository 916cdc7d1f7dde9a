"""Home: the packs found, the kind of round, filters, the player and the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from trivia.packs.printable import printable
from trivia.tui.messages import ScreenMessage
from trivia.tui.widgets.picker import Picker
from trivia.tui.widgets.too_small import TooSmall
from trivia.wording import counted

if TYPE_CHECKING:
    from trivia.game.round import RoundConfig, RoundSize
    from trivia.packs.library import PackEntry
    from trivia.packs.model import Pack
    from trivia.tui.app import TriviaApp

MODES: tuple[tuple[str, str, str], ...] = (
    ("quick", "Quick round", "10 questions, as fast as you can."),
    ("survival", "Survival", "Keep going until your third miss."),
    ("marathon", "Marathon", "Every question in the pack."),
    ("practice", "Practice", "Missed and due questions first; untimed."),
    ("daily", "Daily", "Today's 10, the same for everyone. One try a day."),
)
"""(mode, label, one line about it); party joins when its issue lands."""

ANY = "any"
"""The Select value meaning "no filter"."""


class HomeScreen(Screen[None]):
    """The first screen: pick a pack and a mode, then Play.

    The pack list fills in when the app's background scan finishes, so the first frame
    paints at once even with many packs.
    """

    CSS_PATH = "home.tcss"

    BINDINGS = [
        Binding("ctrl+s", "play", "Play", id="home.play", tooltip="Start a round", priority=True),
        Binding("s", "app.settings", "Settings", id="home.settings", tooltip="Timer, theme"),
        Binding("p", "app.profiles", "Player", id="home.profiles", tooltip="Pick, add, rename"),
        Binding("t", "app.stats", "Stats", id="home.stats", tooltip="Your records"),
        Binding("m", "party", "Party", id="home.party", tooltip="Meetup: 2-8 players or teams"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    selected_pack: reactive[str | None] = reactive(None)
    """The id of the highlighted pack, or None while the list is empty."""

    mode: reactive[str] = reactive(MODES[0][0], init=False)
    """The mode picked for the next round."""

    mastery: reactive[str] = reactive("", init=False)
    """"Mastered N of M" for the selected pack, shown while Practice is picked."""

    match_count: reactive[RoundSize | None] = reactive(None, init=False)
    """How many questions the selected pack and filters leave for the next round, against
    how many it asks for (None until first counted)."""

    class PlayChosen(ScreenMessage):
        """Play: a round of `pack` in `mode` ("quick", "practice", "daily"...) with the
        filters of `config` (the app adds the timer from the settings)."""

        def __init__(self, screen: HomeScreen, pack: Pack, mode: str, config: RoundConfig):
            super().__init__(screen)
            self.pack = pack
            self.mode = mode
            self.config = config

    class PartyChosen(ScreenMessage):
        """Open the party setup."""

    class ProfilesChosen(ScreenMessage):
        """Open the players (profiles) dialog."""

    class SettingsChosen(ScreenMessage):
        """Open the settings dialog."""

    class MatchCounted(Message):
        """The questions matching a pack and filters were counted (posted by a worker);
        `size` is None when they could not be."""

        def __init__(self, pack_id: str, config: RoundConfig, size: RoundSize | None) -> None:
            self.pack_id = pack_id
            self.config = config
            self.size = size
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self._counting: tuple[str, RoundConfig] | None = None
        # The pack and filters that `match_count` was counted for.
        self._counted: tuple[str, RoundConfig] | None = None
        # The packs on show are a listing's placeholders (`trivia.store.listing`).
        self._listed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="home", classes="body"):
            yield Static(
                Content.assemble(
                    ("FAN TRIVIA", "bold"), "\n", "Cited questions. Quick rounds. Long streaks."
                ),
                id="banner",
            )
            with Horizontal(id="home-columns"):
                # The list and the controls come with the packs: at once when the last
                # scan's listing still holds (`trivia.store.listing`), else when the scan
                # is done (see `_fill`): the first frame is only what can be drawn at once.
                listed = self._app.pack_entries is not None
                with Vertical(id="packs-panel") as packs_panel:
                    packs_panel.border_title = "Packs"
                    if listed:
                        yield OptionList(id="packs")
                    else:
                        yield Static("Looking for packs…", id="packs-wait")
                    yield Static(id="pack-about")
                with Grid(id="setup-panel") as setup:
                    setup.border_title = "Round"
                    if listed:
                        yield from self._setup_controls()
                    else:
                        yield Static("Looking for packs…", id="setup-wait")
        yield TooSmall()
        yield Footer()

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def _setup_controls(self) -> list[Widget]:
        """The round setup's labels and controls, a grid of label/control pairs."""
        return [
            Label("Mode", classes="field-label"),
            Picker([(label, mode) for mode, label, _ in MODES], id="mode"),
            Static(MODES[0][2], id="mode-about"),
            Label("Difficulty", classes="field-label"),
            Picker(
                [("Any", ANY), ("Easy", "easy"), ("Medium", "medium"), ("Hard", "hard")],
                id="difficulty",
            ),
            Label("Tag", classes="field-label"),
            Picker([("Any", ANY)], id="tag"),
            Label("Questions", classes="field-label"),
            Static(id="match-count"),
            Button("Player", id="profiles", compact=True),
            Static(self._profile_text(), id="profile-name"),
            Button("Settings", id="settings", compact=True),
            Static(id="settings-summary"),
            Button("Play ▶", id="play", variant="primary"),
        ]

    def on_mount(self) -> None:
        self.watch(self.app, "pack_entries", self._packs_changed)
        self.watch(self.app, "theme", lambda _: self._show_settings())
        self.watch(self.app, "profile", lambda _: self._show_profile(), init=False)
        self._show_settings()

    def on_screen_resume(self) -> None:
        self._show_settings()
        # A round may have just moved the practice boxes.
        self._ask_mastery()

    def _profile_text(self) -> Content:
        profile = self._app.profile
        if profile is None:
            return Content.styled("opening your save…", "italic")
        return Content.styled(printable(profile.name), "bold")

    def _show_profile(self) -> None:
        if self.query("#profile-name"):
            self.query_one("#profile-name", Static).update(self._profile_text())
        self._ask_mastery()

    def _packs_changed(self, entries: list[PackEntry] | None) -> None:
        if entries is None:
            return
        if self.query("#packs") and self.query("#mode"):
            # Composed with them (a listing): shown now, before the first frame.
            self._show_packs(entries)
        else:
            self.call_later(self._fill, entries)

    async def _fill(self, entries: list[PackEntry]) -> None:
        if not self.query("#packs"):
            await self.query_one("#packs-wait").remove()
            packs = OptionList(id="packs")
            await self.query_one("#packs-panel").mount(packs, before="#pack-about")
            packs.focus()
        if not self.query("#mode"):
            panel = self.query_one("#setup-panel")
            await self.query_one("#setup-wait").remove()
            await panel.mount_all(self._setup_controls())
            self._show_settings()
        self._show_packs(entries)

    def _show_settings(self) -> None:
        if not self.query("#settings-summary"):
            return
        settings = self._app.settings
        timer = "Timer on" if settings.timer else "Timer off"
        self.query_one("#settings-summary", Static).update(
            Content(f"{timer} · {printable(settings.theme)}")
        )

    def _show_packs(self, entries: list[PackEntry]) -> None:
        from trivia.store.listing import is_listed

        packs = self.query_one("#packs", OptionList)
        was_listed = self._listed
        self._listed = any(entry.pack is not None and is_listed(entry.pack) for entry in entries)
        packs.clear_options()
        for entry in entries:
            packs.add_option(_pack_option(entry))
        if not entries:
            packs.add_option(
                Option("No packs found. `trivia where` shows where to put them.", disabled=True)
            )
        playable = [i for i, entry in enumerate(entries) if _playable(entry)]
        # The pack the player was on stays highlighted when the scan replaces a listing.
        kept = [i for i in playable if entries[i].pack.id == self.selected_pack]  # type: ignore[union-attr]
        if kept or playable:
            packs.highlighted = (kept or playable)[0]
        if was_listed and not self._listed:
            # Counted and asked again now that the questions are there.
            self._count_matches()
            self._ask_mastery()

    @on(OptionList.OptionHighlighted, "#packs")
    def _pack_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.selected_pack = event.option_id

    @on(OptionList.OptionSelected, "#packs")
    def _pack_chosen(self, event: OptionList.OptionSelected) -> None:
        self.selected_pack = event.option_id
        self.action_play()

    def watch_selected_pack(self, pack_id: str | None) -> None:
        pack = self._pack(pack_id)
        if not self.query("#tag"):
            return
        about = self.query_one("#pack-about", Static)
        tags = self.query_one("#tag", Picker)
        if pack is None:
            about.update("")
            tags.set_choices([("Any", ANY)])
            self._count_matches()
            return
        lines = [printable(pack.meta.description or pack.meta.title)]
        if pack.sources:
            lines.append(
                f"{counted(len(pack.sources), 'source')}, {counted(len(pack.facts), 'fact')}"
            )
        about.update(Content("\n".join(lines)))
        # From the summary: a pack from the bank index keeps its questions on disk.
        from trivia.packs.stored import summary_of

        all_tags = list(summary_of(pack).tags)
        tags.set_choices([("Any", ANY), *((printable(t), t) for t in all_tags)])
        self.mastery = ""
        self._ask_mastery()
        self._count_matches()

    @on(Picker.Changed, "#mode")
    def _mode_changed(self, event: Picker.Changed) -> None:
        self.mode = event.value

    def watch_mode(self, mode: str) -> None:
        # The daily challenge is the same for everyone: no filters.
        for picker in self.query("#difficulty, #tag"):
            picker.disabled = mode == "daily"
        self._show_mode_about()
        self._ask_mastery()
        self._count_matches()

    @on(Picker.Changed, "#difficulty, #tag")
    def _filter_changed(self) -> None:
        self._count_matches()

    def _round_filters(self) -> RoundConfig | None:
        """The round the setup asks for now, timer aside (None before the controls are in)."""
        from trivia.game.round import Mode, RoundConfig
        from trivia.packs.model import Difficulty

        if not self.query("#tag"):
            return None
        if self.mode == "daily":
            # The daily challenge is the same for everyone: the filters do not apply.
            return RoundConfig(mode=Mode.DAILY)
        difficulty = self.query_one("#difficulty", Picker).value
        tag = self.query_one("#tag", Picker).value
        return RoundConfig(
            mode=Mode(self.mode),
            difficulties=frozenset() if difficulty == ANY else frozenset({Difficulty(difficulty)}),
            tags=frozenset() if tag == ANY else frozenset({tag}),
        )

    def _count_matches(self) -> None:
        """Count, off the UI thread, the questions the pack and filters leave."""
        # A listed pack is counted when the scan has loaded it (see `_show_packs`); not
        # even the filters are read before, which would import the round for the first frame.
        pack = None if self._listed else self._pack(self.selected_pack)
        config = None if pack is None else self._round_filters()
        if pack is None or config is None:
            self._counting = self._counted = None
            self.match_count = None
            return
        self._counting = (pack.id, config)
        self._count_in_thread(pack, config)

    @work(thread=True, exclusive=True, group="match-count")
    def _count_in_thread(self, pack: Pack, config: RoundConfig) -> None:
        # A pack from the bank index counts in SQL, which must not hold up a keypress.
        from trivia.game.round import round_size

        try:
            size: RoundSize | None = round_size([pack], config)
        except Exception:  # noqa: BLE001 - a failed count (an index gone) must not end the game
            # The line goes blank; Play still reports whatever is wrong with the round.
            size = None
        self.post_message(self.MatchCounted(pack.id, config, size))

    @on(MatchCounted)
    def _match_counted(self, message: MatchCounted) -> None:
        # The player may have changed a filter while the count was made.
        if (message.pack_id, message.config) != self._counting:
            return
        self._counted = self._counting
        self.match_count = message.size

    def watch_match_count(self, size: RoundSize | None) -> None:
        if not self.query("#match-count"):
            return
        counted = self.query_one("#match-count", Static)
        empty = size is not None and not size.matching
        if size is None:
            counted.update("")
        elif empty:
            counted.update(f"{size.describe()}: loosen them to play.")
        else:
            counted.update(f"{size.describe()}.")
        counted.set_class(size is not None and size.short, "-fewer")
        counted.set_class(empty, "-none")
        self.query_one("#play", Button).disabled = empty

    def _nothing_matches(self) -> bool:
        """Whether the pack and filters on screen now were counted and leave no question."""
        pack = self._pack(self.selected_pack)
        config = self._round_filters()
        if pack is None or config is None or self._counted != (pack.id, config):
            return False
        return self.match_count is not None and self.match_count.matching == 0

    def watch_mastery(self) -> None:
        self._show_mode_about()

    def _show_mode_about(self) -> None:
        if not self.query("#mode-about"):
            return
        about = next(text for mode, _, text in MODES if mode == self.mode)
        if self.mode == "practice" and self.mastery:
            about = f"{about} {self.mastery}"
        self.query_one("#mode-about", Static).update(about)

    def _ask_mastery(self) -> None:
        """Fetch "mastered N of M" for the selected pack from the save (Practice only)."""
        app = self._app
        pack = self._pack(self.selected_pack)
        profile = app.profile
        if self.mode != "practice" or pack is None or profile is None or app.store is None:
            return
        if self._listed:
            return  # Asked when the scan has loaded the pack (see `_show_packs`).

        def shown(mastery: object) -> None:
            # The player may have moved on while the store answered.
            if self._pack(self.selected_pack) is pack and self.mode == "practice":
                mastered, total = mastery.mastered, mastery.total  # type: ignore[attr-defined]
                self.mastery = f"Mastered {mastered} of {total}."

        app.call_store(lambda store: store.mastery(profile, pack), shown)

    @on(Button.Pressed, "#profiles")
    def _open_profiles(self) -> None:
        self.post_message(self.ProfilesChosen(self))

    @on(Button.Pressed, "#play")
    def action_play(self) -> None:
        """Start a round of the highlighted pack with the chosen mode and filters."""
        pack = self._pack(self.selected_pack)
        config = self._round_filters()
        if pack is None or config is None:
            self.notify("Pick a pack first.", severity="warning")
            return
        if self._nothing_matches():
            # The round would be empty: say why here rather than open nothing.
            self.notify(
                "No question in this pack matches these filters: loosen them to play.",
                title="Nothing to play",
                severity="warning",
            )
            return
        self.post_message(self.PlayChosen(self, pack, self.mode, config))

    def action_party(self) -> None:
        """Open the party setup (meetup mode)."""
        self.post_message(self.PartyChosen(self))

    @on(Button.Pressed, "#settings")
    def _open_settings(self) -> None:
        self.post_message(self.SettingsChosen(self))

    def _pack(self, pack_id: str | None) -> Pack | None:
        for pack in self._app.playable_packs:
            if pack.id == pack_id:
                return pack
        return None


def _playable(entry: PackEntry) -> bool:
    return entry.pack is not None and entry.shadowed_by is None


def _pack_option(entry: PackEntry) -> Option:
    """One row of the pack list; broken and shadowed packs are listed, greyed out."""
    if entry.pack is None:
        text = Content.assemble(
            (printable(entry.path.name), "bold"),
            f"\n  cannot be loaded: {counted(len(entry.problems), 'problem')}; "
            "`trivia validate` says where",
        )
        return Option(text, disabled=True)
    pack = entry.pack
    count = len(pack.questions)
    origin = entry.origin if entry.origin != "given" else ""
    detail = f"{count} question{'s' if count != 1 else ''}" + (f" · {origin}" if origin else "")
    if entry.shadowed_by is not None:
        detail += f" · hidden by {entry.shadowed_by.name}"
        return Option(
            Content.assemble((printable(pack.meta.title), "bold"), "\n  ", detail), disabled=True
        )
    return Option(
        Content.assemble((printable(pack.meta.title), "bold"), "\n  ", detail), id=pack.id
    )
