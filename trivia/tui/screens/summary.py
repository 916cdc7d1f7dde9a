"""Summary: the round's score, accuracy, best streak and time, and every question again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from trivia.game.round import RoundState
from trivia.game.scoring import format_points, is_new_best
from trivia.packs.printable import printable
from trivia.tui.messages import ScreenMessage
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from trivia.game.round import Round, Summary, SummaryLine
    from trivia.tui.app import TriviaApp


class SummaryScreen(Screen[None]):
    """The end of a round: totals on top, a row per question below; play again or go home.

    Args:
        round: The finished round.
    """

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("r", "again", "Play again", id="summary.again"),
        Binding("escape,h", "home", "Home", id="summary.home"),
    ]

    class PlayAgain(ScreenMessage):
        """Another round with the same packs and settings."""

    class Left(ScreenMessage):
        """Back to Home."""

    def __init__(self, round: Round) -> None:
        super().__init__()
        self.round = round
        self.summary: Summary = round.summary()

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Header()
        with Vertical(id="summary", classes="body"):
            with Horizontal(id="totals"):
                yield _total("Score", format_points(summary.score))
                yield _total(
                    "Right", f"{summary.correct}/{summary.answered} ({summary.accuracy:.0%})"
                )
                yield _total("Best streak", str(summary.best_streak))
                yield _total("Time", _duration(summary.total_time))
            yield Static(id="best", markup=False)
            table: DataTable[Text] = DataTable(id="lines", cursor_type="row", zebra_stripes=True)
            yield table
            with Horizontal(id="summary-buttons"):
                if self.replayable:
                    yield Button("Play again (r)", id="again", variant="primary")
                    yield Button("Home (h)", id="home")
                else:
                    yield Button("Home (h)", id="home", variant="primary")
                    yield Static(
                        "One try a day: a new daily is ready tomorrow.", id="again-tomorrow"
                    )
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        # A marathon left mid-way is summed up too (the answers so far).
        self.title = "Round over" if self.round.state is RoundState.FINISHED else "Round left"
        self.sub_title = f"{self.summary.mode.value} · seed {self.summary.seed}"
        table = self.query_one("#lines", DataTable)
        table.add_column(Text("#"), key="number")
        table.add_column(Text(""), key="mark")
        table.add_column(Text("Question"), key="question")
        table.add_column(Text("Your answer"), key="yours")
        table.add_column(Text("Right answer"), key="right")
        table.add_column(Text("Points", justify="right"), key="points")
        prompt_width, answer_width = _column_widths(self.app.size.width, self.summary.lines)
        for line in self.summary.lines:
            mark = Text("✔" if line.correct else ("⏱" if line.timed_out else "✘"))
            yours = "(time out)" if line.timed_out else line.your_answer
            table.add_row(
                Text(str(line.number)),
                mark,
                Text(_clip(printable(line.prompt), prompt_width)),
                Text(_clip(printable(yours), answer_width)),
                Text(_clip(printable(line.right_answer), answer_width)),
                Text(format_points(line.points), justify="right"),
            )
        self.query_one("#again" if self.replayable else "#home", Button).focus()
        if self.round.state is RoundState.FINISHED:
            # A round left mid-way is no high score: only a finished one can beat the best.
            self._app.read_previous_best(self.round, self._show_best)

    def _show_best(self, previous: int | None) -> None:
        new_best = is_new_best(self.summary.score, previous)
        # A loop, not query_one: the reply may come after "Play again" closed the screen.
        for best in self.query("#best").results(Static):
            if new_best:
                best.update(
                    Content.assemble(
                        ("★ New best!", "bold $success"),
                        f" Your best before was {format_points(previous or 0)}.",
                    )
                )
            best.set_class(new_best, "-new")

    @property
    def replayable(self) -> bool:
        """Whether "Play again" is offered: not after a daily (one try a day)."""
        return not self.summary.mode.once_a_day

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No "Play again" key (nor footer entry) after a daily challenge."""
        if action == "again":
            return self.replayable
        return True

    @on(Button.Pressed, "#again")
    def action_again(self) -> None:
        """Another round with the same packs and settings."""
        self.post_message(self.PlayAgain(self))

    @on(Button.Pressed, "#home")
    def action_home(self) -> None:
        """Back to Home."""
        self.post_message(self.Left(self))


def _total(label: str, value: str) -> Static:
    return Static(Content.assemble((value, "bold"), "\n", label), classes="total", markup=False)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


CELL_PADDING = 2
"""A DataTable cell's padding (one column each side)."""


def _column_widths(width: int, lines: Sequence[SummaryLine]) -> tuple[int, int]:
    """How wide the prompt and the answer columns may be in a table `width` wide.

    The answers get what they need up to a quarter of the room each; the prompt gets the
    rest (it is clipped only when the row cannot hold it: the reveal showed it whole).
    """
    # The screen's padding (2 a side), the scrollbar, six cells' padding, and the fixed
    # columns: the number, the mark, the points.
    fixed = 4 + 2 + 6 * CELL_PADDING + len(str(len(lines))) + 1 + len("+10,000")
    room = max(width - fixed, 30)
    longest = max(
        (
            len(printable(text))
            for line in lines
            for text in ("(time out)" if line.timed_out else line.your_answer, line.right_answer)
        ),
        default=0,
    )
    answer_width = max(min(longest, room // 4), len("Right answer"))
    return max(room - 2 * answer_width, 16), answer_width


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
