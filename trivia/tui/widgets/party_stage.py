"""The projector's view of a party: the question large, the players, the leaderboard, the podium.

The host screen and the read-only display both show a `PartyStage`; each calls
`show(party)` after anything changes (an action, a tick, a poll). The stage reads the
party and nothing else, so the two terminals can never disagree about the state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Static

from trivia.game.scoring import format_points
from trivia.packs.printable import printable
from trivia.tui.names import STYLE_NAMES
from trivia.tui.widgets.countdown import Countdown
from trivia.tui.widgets.party_board import (
    CROWD,
    Leaderboard,
    PlayerStrip,
    Podium,
    ScoreCards,
    player_label,
)

if TYPE_CHECKING:
    from trivia.game.party import Party

MAX_OPTIONS = 6
"""Option boxes the stage keeps (choice questions have 2-6 options)."""

PHASE_CLASSES = ("-reading", "-open", "-reveal", "-finished")

STYLED_BY_CLASSES = (
    "#stage-lobby",
    "#stage-countdown",
    "#stage-question",
    "#stage-options",
    "#stage-typed",
    "#stage-reveal",
    "#stage-explain",
    "#stage-leaderboard",
    "#stage-podium",
    "#stage-paused",
    "#stage-cards",
)
"""The parts whose style depends on the stage's phase classes (party_stage.tcss: the rules
of the form `PartyStage.-reveal #stage-reveal`); restyled when those classes change."""

PROJECTOR_SIZE = (160, 45)
"""From this many columns and rows the stage is laid out for a projector (`-projector`):
a larger prompt and options, the leaderboard across the width, scores in big digits."""


class PartyStage(Vertical):
    """Everything the room sees, drawn from one `Party`.

    Phases are shown by classes on the stage (`-reading`, `-open`, `-reveal`,
    `-finished`, plus `-leaderboard` and `-paused`) that the screens' stylesheets use to
    show or hide its parts.
    """

    _party: Party | None = None
    """The party last shown (redrawn when the stage becomes a projector's)."""

    def compose(self) -> ComposeResult:
        yield Static(id="stage-status")
        yield Countdown(id="stage-countdown")
        yield Static(id="stage-lobby")
        with Vertical(id="stage-question"):
            yield Static(id="stage-prompt")
            with Grid(id="stage-options"):
                for index in range(MAX_OPTIONS):
                    yield Static(id=f"stage-option-{index}", classes="stage-option")
            yield Static(id="stage-typed")
        yield Static(id="stage-reveal")
        yield Static(id="stage-explain")
        board = Leaderboard(id="stage-leaderboard")
        board.border_title = "Leaderboard"
        yield board
        yield Podium(id="stage-podium")
        yield Static(id="stage-paused")
        with Vertical(id="stage-bottom"):
            yield ScoreCards(id="stage-cards")
            yield PlayerStrip(id="stage-players")

    def on_resize(self) -> None:
        width, height = self.app.size
        projector = width >= PROJECTOR_SIZE[0] and height >= PROJECTOR_SIZE[1]
        if projector != self.has_class("-projector"):
            self.set_class(projector, "-projector")
            if self._party is not None:
                self.show(self._party)

    def show(self, party: Party, *, flashes: dict[str, str] | None = None) -> None:
        """Draw the party as it is now.

        Args:
            party: The party (the host's own, or a display's copy).
            flashes: A short word to show by some players' names (a lock-out, a late buzz).
        """
        self._party = party
        phase = party.phase.value
        totals = party.shows_totals and not party.finished
        wanted = {name: name == f"-{phase}" for name in PHASE_CLASSES}
        wanted["-leaderboard"] = party.show_leaderboard and not party.finished
        wanted["-paused"] = party.paused
        wanted["-totals"] = totals
        wanted["-lobby"] = party.in_lobby
        # One restyle for all of them: each class changed alone restyles the whole stage.
        before = set(self.classes)
        for name, on in wanted.items():
            self.set_class(on, name, update=False)
        if set(self.classes) != before:
            # Only what the stage's classes style (party_stage.tcss): the whole stage
            # (35 widgets, the podium's digits) took 6-7 ms at each phase change, while
            # the phones' answers and the host's keys waited.
            nodes = [self, *(self.query_one(selector) for selector in STYLED_BY_CLASSES)]
            self.app.stylesheet.update_nodes(nodes, animate=True)
        self._show_status(party)
        self.show_time(party)
        self._show_lobby(party)
        self._show_question(party)
        self._show_reveal(party)
        if party.show_leaderboard:
            self.query_one("#stage-leaderboard", Leaderboard).show(party)
        if party.finished:
            self.query_one("#stage-podium", Podium).show(party)
        self.query_one("#stage-paused", Static).update(
            Content.styled("⏸  PAUSED", "bold") if party.paused else ""
        )
        self.query_one("#stage-players", PlayerStrip).show(party, flashes=flashes)
        if totals and self.has_class("-projector"):
            self.query_one("#stage-cards", ScoreCards).show(party)

    def show_time(self, party: Party) -> None:
        """Update only the countdown (called on every tick)."""
        countdown = self.query_one("#stage-countdown", Countdown)
        view = party.current
        limit = view.time_limit if view is not None else None
        countdown.limit = limit or 0.0
        left = party.time_left()
        countdown.remaining = left if left is not None else (limit or 0.0)
        countdown.display = (
            bool(limit) and party.phase.value in ("reading", "open") and not party.in_lobby
        )

    def _show_status(self, party: Party) -> None:
        style = STYLE_NAMES.get(party.style.value, party.style.value).capitalize()
        who = "teams" if party.config.teams else "players"
        if party.in_lobby:
            where = f"Waiting for players · {party.total} questions to come"
        elif party.finished:
            played = len(party.results)
            where = f"Final results · {played} question{'' if played == 1 else 's'} played"
        else:
            where = f"Question {party.index + 1} of {party.total}"
        self.query_one("#stage-status", Static).update(
            Content.assemble(
                Content.styled(where, "bold"),
                f"  ·  {style} · {len(party.players)} {who}",
            )
        )

    def _show_lobby(self, party: Party) -> None:
        """While phones join: the room, never the first question (the stage may be on the
        projector, with the first question still to be asked)."""
        if not party.in_lobby:
            return
        joined = len(party.phones)
        self.query_one("#stage-lobby", Static).update(
            Content.assemble(
                Content.styled("Join the game on your phone", "bold"),
                "\n\n",
                f"{joined} joined so far" if joined else "Nobody has joined yet",
                "\n",
                Content.styled("The first question comes when the host starts.", "dim"),
            )
        )

    def _show_question(self, party: Party) -> None:
        view = party.current
        prompt = self.query_one("#stage-prompt", Static)
        typed = self.query_one("#stage-typed", Static)
        if view is None:
            prompt.update("")
            typed.update("")
            for index in range(MAX_OPTIONS):
                self.query_one(f"#stage-option-{index}", Static).display = False
            return
        prompt.update(Content(printable(view.question.prompt)))
        kind = view.question.type.value
        options: list[str] = []
        if kind == "choice":
            options = list(view.options)
        elif kind == "truefalse" and party.phase.value != "reading":
            options = ["True (t)", "False (f)"]
        # At the reveal, tick the right option: read from the question itself (the pack's
        # answer), never by matching the label text, which may hold anything.
        right_index: int | None = None
        if party.phase.value == "reveal" and party.last_result is not None:
            question = view.question
            if kind == "choice" and question.answer in options:
                right_index = options.index(question.answer)
            elif kind == "truefalse":
                right_index = 0 if question.answer is True else 1
        for index in range(MAX_OPTIONS):
            box = self.query_one(f"#stage-option-{index}", Static)
            box.display = index < len(options)
            if index < len(options):
                text = options[index]
                right = index == right_index
                box.set_class(right, "-right")
                label = "✔ " if right else ""
                box.update(
                    Content.assemble(
                        Content.styled(f"{index + 1}", "bold reverse"),
                        "  ",
                        label,
                        Content(printable(text)),
                    )
                )
        if party.phase.value == "reading":
            hint = "The host reads the question out; the options come next."
            if party.style.value == "buzzer":
                hint = "Wait for the options! A buzz now locks you out for a moment."
        elif kind in ("text", "number"):
            hint = "Say or type the answer." if party.style.value != "master" else ""
            if party.style.value == "master":
                hint = "Write your answer down."
        elif kind == "order":
            items = "   ".join(f"{n}. {printable(item)}" for n, item in enumerate(view.items, 1))
            hint = f"Put in order: {items}"
        else:
            hint = ""
        typed.update(Content(hint))
        typed.display = bool(hint)

    def _show_reveal(self, party: Party) -> None:
        reveal = self.query_one("#stage-reveal", Static)
        result = party.last_result
        if party.phase.value != "reveal" or result is None:
            reveal.update("")
            return
        lines = [
            Content.assemble(
                Content.styled("Answer: ", "bold"),
                Content.styled(printable(result.answer_text), "bold $success"),
            )
        ]
        scored = [a for a in result.attempts if a.points > 0]
        missed = [a for a in result.attempts if not a.correct]
        more = len(scored) - CROWD
        if more > 0:  # a room of phones: the best, then a count
            scored = sorted(scored, key=lambda a: -a.points)[:CROWD]
        if scored:
            lines.append(
                Content("   ").join(
                    Content.assemble(
                        player_label(a.player),
                        Content.styled(f" +{format_points(a.points)}", "bold $success"),
                        " (pass)" if a.passed else "",
                    )
                    for a in scored
                )
            )
        else:
            lines.append(Content.styled("Nobody scored on this one.", "$text-muted"))
        if more > 0:
            lines.append(Content.styled(f"and {more} more scored", "$text-muted"))
        if len(missed) > CROWD:
            lines.append(Content.styled(f"Missed: {len(missed)} players", "$text-muted"))
        elif missed and party.style.value != "master":
            lines.append(
                Content.assemble(
                    Content.styled("Missed: ", "$text-muted"),
                    Content(", ").join(player_label(a.player, bold=False) for a in missed),
                )
            )
        reveal.update(Content("\n").join(lines))
        view = party.current
        explain = view.question.explain if view is not None else None
        self.query_one("#stage-explain", Static).update(
            Content.assemble(Content.styled("Why: ", "bold"), Content(printable(explain)))
            if explain
            else ""
        )
