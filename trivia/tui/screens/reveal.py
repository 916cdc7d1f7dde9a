"""Reveal: right or wrong at a glance, the right answer, why, where from, and the points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trivia.game.scoring import format_points
from trivia.packs.printable import printable
from trivia.tui.messages import ScreenMessage
from trivia.tui.widgets.status_bar import STREAK_MILESTONES, StatusBar
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from trivia.game.round import Outcome, Round
    from trivia.tui.app import TriviaApp

BREAKDOWN_LABELS = {
    "base": "Base (difficulty)",
    "speed": "Speed",
    "partial credit": "Partial credit",
    "lifeline": "Lifeline (halved)",
    "streak": "Streak bonus",
}


class RevealScreen(Screen[None]):
    """Show the outcome the round settled: the verdict, the answer, the source, the points.

    Right and wrong differ by a mark (✔/✘/⏱) and a word as well as by colour, so they read
    in any theme, with NO_COLOR, and for colour-blind players.

    Args:
        round: The round, in its REVEAL state.
    """

    CSS_PATH = "reveal.tcss"

    BINDINGS = [
        Binding("enter,space", "continue", "Continue", key_display="enter", id="reveal.continue"),
        Binding("escape,q", "leave", "Leave round", id="reveal.leave"),
    ]

    class Continued(ScreenMessage):
        """On to the next question, or the summary."""

    class Left(ScreenMessage):
        """The player chose to leave the round."""

    def __init__(self, round: Round) -> None:
        super().__init__()
        self.round = round
        outcome = round.last_outcome
        assert outcome is not None, "the reveal follows an answer"
        self.outcome: Outcome = outcome

    @property
    def _app(self) -> TriviaApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        view = self.round.current
        yield StatusBar.of_round(self.round, self._app.pack_title(outcome.pack_id))
        with VerticalScroll(id="reveal", classes="body"):
            with Horizontal(id="verdict-row"):
                verdict = Static(_verdict_text(outcome), id="verdict")
                verdict.add_class("-right" if outcome.correct else "-wrong")
                yield verdict
                # On the verdict's line, not below it: a streak costs the reveal no rows
                # (at 80x24 a line of its own pushed the breakdown off the screen).
                cheer = _cheer(self.round.streak) if outcome.correct else None
                if cheer:
                    yield Static(cheer, id="cheer")
                yield Static(f"+{format_points(outcome.points)}", id="points")
            yield Static(Content(printable(outcome.question.prompt)), id="recap")
            yield Static(_answers_text(outcome), id="answers")
            if outcome.question.explain:
                yield Static(Content(printable(outcome.question.explain)), id="explain")
            source = view.source
            if source is not None:
                where = ", ".join(
                    printable(part) for part in (source.publisher, source.date) if part
                )
                yield Static(
                    Content.assemble(
                        ("Source: ", "bold"),
                        Content(printable(source.title)).stylize("italic"),
                        f" — {where}" if where else "",
                    ),
                    id="source",
                )
            yield Static(_breakdown_text(outcome), id="breakdown")
        with Horizontal(id="reveal-buttons"):
            last = not self.round.has_next
            yield Button(
                "See the results ⏎" if last else "Next question ⏎", id="continue", variant="primary"
            )
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        """On to the next question, or the summary."""
        self.post_message(self.Continued(self))

    def action_leave(self) -> None:
        """Ask before abandoning the round."""
        from trivia.tui.dialogs.confirm import LEAVE_QUESTION, ConfirmScreen

        def chosen(leave: bool | None) -> None:
            if leave:
                self.post_message(self.Left(self))

        self.app.push_screen(
            ConfirmScreen(LEAVE_QUESTION, yes="Leave"),
            chosen,
        )


def _verdict_text(outcome: Outcome) -> Content:
    if outcome.correct:
        partial = outcome.verdict.credit < 1.0
        return Content("✔ Right!" + (" (close enough: partial credit)" if partial else ""))
    if outcome.timed_out:
        return Content("⏱ Time's up")
    return Content("✘ Wrong")


def _answers_text(outcome: Outcome) -> Content:
    verdict = outcome.verdict
    yours = Content(printable(verdict.response_text)) if not outcome.timed_out else Content("—")
    return Content.assemble(
        ("Your answer:  ", "bold"),
        yours,
        "\n",
        ("Right answer: ", "bold"),
        Content(printable(verdict.answer_text)),
    )


def _cheer(streak: int) -> str | None:
    if streak in STREAK_MILESTONES:
        return (
            f"🔥 {streak} in a row! " + {3: "On fire.", 5: "Unstoppable.", 10: "Legendary."}[streak]
        )
    return None


def _breakdown_text(outcome: Outcome) -> Content:
    lines = outcome.breakdown.lines()
    if not lines:
        why = "no answer in time" if outcome.timed_out else "a wrong answer"
        return Content(f"Points: 0 ({why} scores nothing and resets the streak)")
    parts: list[Content | str | tuple[str, str]] = [("Points", "bold underline"), "\n"]
    for label, amount in lines:
        name = BREAKDOWN_LABELS.get(label, label.capitalize())
        parts.append(f"{name:<20}{_signed(amount):>9}\n")
    parts.append((f"{'Total':<20}{format_points(outcome.points):>9}", "bold"))
    return Content.assemble(*parts)


def _signed(amount: int) -> str:
    sign = "+" if amount >= 0 else "−"
    return f"{sign}{format_points(abs(amount))}"
