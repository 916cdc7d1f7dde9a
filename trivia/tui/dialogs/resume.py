"""Resume: an unfinished round was found in the save; go on with it, drop it, or keep it."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from trivia.game.scoring import format_points
from trivia.tui.names import MODE_NAMES, STYLE_NAMES

if TYPE_CHECKING:
    from trivia.game.party import Party
    from trivia.game.round import Round
    from trivia.store import SavedParty, SavedRound


class ResumeChoice(StrEnum):
    """What the player decided about an unfinished round."""

    RESUME = "resume"
    """Go on with it, at the question after its last answer."""
    FRESH = "fresh"
    """Close it (its answers still count in the stats) and play something new."""
    LATER = "later"
    """Leave it saved: it is offered again next time."""


class ResumeScreen(ModalScreen[ResumeChoice]):
    """Offer an unfinished round; dismisses with the player's `ResumeChoice`.

    Args:
        question: The offer, with where the round stands ("Resume your quick round of
            Mad Men: question 4 of 10, score 2,450, streak 2?"); plain text, never markup.
        explain: What Start fresh and Later do (default: as for a round).
    """

    CSS_PATH = "resume.tcss"

    BINDINGS = [
        Binding("r", "choose('resume')", "Resume", id="resume.resume"),
        Binding("n", "choose('fresh')", "Start fresh", id="resume.fresh"),
        Binding("l,escape", "choose('later')", "Keep for later", id="resume.later"),
        Binding("left,right", "app.focus_next", "Move", show=False),
    ]

    def __init__(self, question: str, *, explain: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.explain = explain or (
            "Start fresh closes it (its answers still count in your stats); "
            "Later keeps it and asks again next time."
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-dialog") as dialog:
            dialog.border_title = "Welcome back"
            yield Static(self.question, id="resume-question", markup=False)
            yield Static(self.explain, id="resume-explain", markup=False)
            with Horizontal(id="resume-buttons"):
                yield Button("Resume (r)", id="resume", variant="primary")
                yield Button("Start fresh (n)", id="fresh")
                yield Button("Later (l)", id="later")

    def on_mount(self) -> None:
        # Resuming is what the player most likely came back for: Enter does it.
        self.query_one("#resume", Button).focus()

    def action_choose(self, choice: str) -> None:
        """Close the dialog with the player's choice."""
        self.dismiss(ResumeChoice(choice))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.dismiss(ResumeChoice(event.button.id))


def resume_question(saved: SavedRound, round: Round, pack_title: str) -> str:
    """The question the resume dialog asks, with the numbers the round will continue from.

    Args:
        saved: The unfinished round, as saved.
        round: The same round rebuilt (`Store.restore_round`), in the reveal of its last
            answer or asking its first question.
        pack_title: The title of its pack (or packs).

    Returns:
        E.g. "Resume your quick round of Mad Men: question 4 of 10, score 2 450, streak 2?"
    """
    mode = MODE_NAMES.get(saved.mode, f"{saved.mode} round")
    total = round.current.total
    of_total = f" of {total}" if total else ""
    score = f"score {format_points(round.score)}, streak {round.streak}"
    if saved.answered and not round.has_next:
        where = f"every question answered, {score}; see the results"
    else:
        where = f"question {saved.answered + 1}{of_total}, {score}"
    return f"Resume your {mode} of {pack_title}: {where}?"


def party_resume_question(saved: SavedParty, party: Party, pack_title: str) -> str:
    """The question the party resume dialog asks, with where the party stands.

    Returns:
        E.g. "Resume the buzzer party of Mad Men (Ann, Bo, Cy): question 4 of 10,
        Ann leads with 3 500?"
    """
    style = STYLE_NAMES.get(saved.style, saved.style)
    names = ", ".join(saved.players)
    leader = party.standings()[0]
    if party.finished:
        return (
            f"Your {style} party of {pack_title} ({names}) is over, won by "
            f"{leader.player.name} with {format_points(leader.score)}: resume it to see the "
            "podium and export the results?"
        )
    where = f"question {party.index + 1} of {party.total}"
    lead = (
        f"{leader.player.name} leads with {format_points(leader.score)}"
        if leader.score
        else "no points yet"
    )
    return f"Resume the {style} party of {pack_title} ({names}): {where}, {lead}?"
