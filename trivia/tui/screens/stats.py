"""Stats: the current player's records, in pictures: score history, accuracy by tag, packs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Sparkline, Static

from trivia.game.scoring import format_points
from trivia.packs.printable import printable
from trivia.tui.names import MODE_NAMES
from trivia.tui.widgets.accuracy_bars import AccuracyBars
from trivia.tui.widgets.too_small import TooSmall
from trivia.wording import counted

if TYPE_CHECKING:
    from trivia.store import Store
    from trivia.tui.app import TriviaApp

EMPTY_TEXT = "Play a round to see your stats."
"""What a player with no saved answer sees."""


class StatsScreen(Screen[None]):
    """The records of the player on Home, read from the save when the screen opens.

    Score history is a sparkline of finished rounds (oldest left), accuracy per tag a set
    of labelled bars, and each pack lists its high scores per mode, accuracy, best streak
    and "mastered N of M".
    """

    CSS_PATH = "stats.tcss"

    BINDINGS = [
        Binding("escape,h,t", "home", "Home", id="stats.home"),
    ]

    stats: reactive[dict[str, Any] | None] = reactive(None, init=False)
    """The records as `Store.stats` returns them (None while they are read)."""

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats", classes="body"):
            yield Static("Reading your records…", id="stats-wait")
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        profile = self._app.profile
        self.title = "Stats"
        self.sub_title = printable(profile.name) if profile is not None else ""
        if profile is None:
            self.query_one("#stats-wait", Static).update("Your save is still opening.")
            return
        packs = self._app.known_packs()

        def read(store: Store) -> dict[str, Any]:
            return store.stats(profile, packs)

        self._app.call_store(read, self._got)

    def _got(self, stats: dict[str, Any]) -> None:
        self.stats = stats

    async def watch_stats(self, stats: dict[str, Any] | None) -> None:
        if stats is None:
            return
        body = self.query_one("#stats", VerticalScroll)
        await body.remove_children()
        if not stats["answered"]:
            await body.mount(
                Vertical(
                    Static(EMPTY_TEXT, id="stats-empty"),
                    Center(Button("Back to Home (h)", id="home", variant="primary")),
                    id="stats-empty-box",
                )
            )
            self.query_one("#home", Button).focus()
            return
        await body.mount_all(list(self._sections(stats)))

    def _sections(self, stats: dict[str, Any]) -> list[Any]:
        rounds = stats["rounds"]
        totals = Horizontal(
            # Answers count from every round, left ones too; the rounds only finished ones.
            _total("Rounds finished", f"{rounds['finished']}"),
            _total("Right", f"{stats['correct']}/{stats['answered']}"),
            _total("Accuracy", f"{stats['accuracy']:.0%}"),
            _total("Best streak", str(stats["best_streak"])),
            id="stats-totals",
        )
        sections: list[Any] = [totals]

        history = [entry["score"] for entry in stats["score_history"]]
        if history:
            caption = (
                f"{counted(len(history), 'finished round')}, oldest "
                f"left · lowest {format_points(min(history))} · best "
                f"{format_points(max(history))} · last {format_points(history[-1])}"
            )
        else:
            caption = "No finished round yet: the history starts with the first one."
        history_parts: list[Any] = [
            Static(Content.styled("Score history", "bold"), classes="section-title")
        ]
        if history:
            history_parts.append(Sparkline(history, id="history"))
        history_parts.append(Static(caption, id="history-caption", markup=False))
        sections.append(Vertical(*history_parts, id="history-box"))

        tags = [(tag, row["correct"], row["answered"]) for tag, row in stats["tags"].items()]
        # Weakest first: what is worth practising is at the top.
        tags.sort(key=lambda row: (row[1] / row[2] if row[2] else 0.0, row[0]))
        sections.append(
            Horizontal(
                Vertical(
                    Static(Content.styled("Accuracy by tag", "bold"), classes="section-title"),
                    AccuracyBars(tags, id="tag-bars")
                    if tags
                    else Static("No tags yet.", classes="muted"),
                    id="tags-box",
                ),
                Vertical(
                    Static(Content.styled("Packs", "bold"), classes="section-title"),
                    Static(self._packs_text(stats), id="packs-text"),
                    id="packs-box",
                ),
                id="stats-columns",
            )
        )
        return sections

    def _packs_text(self, stats: dict[str, Any]) -> Content:
        best: dict[str, list[str]] = {}
        for high in stats["high_scores"]:
            mode = MODE_NAMES.get(high["mode"], high["mode"])
            best.setdefault(high["packs"], []).append(f"{mode} {format_points(high['score'])}")
        parts: list[Content | str | tuple[str, str]] = []
        for pack_id, row in stats["packs"].items():
            if parts:
                parts.append("\n\n")
            total = row["total"]
            of_total = f" of {total}" if total is not None else ""
            highs = best.get(pack_id)
            parts += [
                (self._app.pack_title(pack_id), "bold"),
                "\n",
                f"High scores: {' · '.join(highs)}" if highs else "No finished round yet",
                "\n",
                f"Accuracy {row['accuracy']:.0%} ({row['correct']} of {row['answered']})"
                f" · best streak {row['best_streak']}",
                "\n",
                f"Seen {row['seen']}{of_total} · mastered {row['mastered']}{of_total}",
            ]
        for key, highs in best.items():
            if "+" in key:  # packs played together: only their high scores are kept apart
                parts += ["\n\n", (self._app.pack_title(key.split("+")), "bold")]
                parts += ["\n", f"High scores: {' · '.join(highs)}"]
        return Content.assemble(*parts)

    @on(Button.Pressed, "#home")
    def action_home(self) -> None:
        """Back to Home."""
        self.dismiss()


def _total(label: str, value: str) -> Static:
    return Static(Content.assemble((value, "bold"), "\n", label), classes="total", markup=False)
