"""`trivia preview PATH[#QUESTION_ID]`: the author's edit-look loop for one pack file.

The question screen of the game shows one question of the file (or the first), answered
as in a round (untimed): the reveal shows the verdict, the explanation and the source,
and Enter comes back to the question. `n`/`p` (or PageDown/PageUp, which also work while
typing an answer) step through the pack. The file is polled every half second: when it
is saved, the preview reloads it and shows the same question again; when it does not
validate, the problems are listed in place (`file:line:col: message`) until it is fixed.
Nothing is saved: the preview plays on an in-memory store.
"""

from __future__ import annotations

import inspect
import os
import time
from pathlib import Path
from typing import Final

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from trivia.game.round import Mode, RoundConfig, build_round
from trivia.packs import PackError, Problem, load_pack
from trivia.packs.model import Pack
from trivia.packs.printable import printable
from trivia.tui.app_base import Clock
from trivia.tui.apps.game import TriviaApp
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.reveal import RevealScreen

POLL_SECONDS = 0.5
"""How often the file's size and modification time are checked."""


class PreviewStatus(Screen[None]):
    """The bottom screen: the file's problems while it does not validate, else a status."""

    DEFAULT_CSS = """
    PreviewStatus #preview-status { padding: 1 2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.text = Content("Loading…")
        """What the screen says (kept, so it can be set before the screen is composed)."""

    def compose(self) -> ComposeResult:
        yield Static(self.text, id="preview-status")
        yield Footer()

    def show(self, text: Content) -> None:
        """Replace the status text."""
        self.text = text
        for status in self.query("#preview-status").results(Static):
            status.update(text)


_SCREENS: Final = Path(inspect.getfile(QuestionScreen)).parent
"""Where the game's screens and their style sheets are (see `PreviewQuestionScreen`)."""


def _show_place(screen: Screen[None], place: str) -> None:
    """Put the question's id and place in the pack where a round shows "Question 1 of 1"
    (the preview's round holds the one question on screen)."""
    for progress in screen.query("#status-progress").results(Static):
        progress.update(Content(printable(place)))


class PreviewQuestionScreen(QuestionScreen):
    """The game's question screen, its header naming the question and its place."""

    # A relative CSS_PATH is read beside the module of the class that sets it: the
    # question screen's own file, then.
    CSS_PATH = str(_SCREENS / "question.tcss")

    def on_mount(self) -> None:
        _show_place(self, self.app.place)  # type: ignore[attr-defined]


class PreviewRevealScreen(RevealScreen):
    """The game's reveal, whose button goes back to the same question, and says so."""

    CSS_PATH = str(_SCREENS / "reveal.tcss")

    def on_mount(self) -> None:
        _show_place(self, self.app.place)  # type: ignore[attr-defined]
        self.query_one("#continue", Button).label = "Back to the question ⏎"


class PreviewApp(TriviaApp):
    """One pack file's questions on the game's screens, reloaded whenever it is saved.

    Args:
        path: The pack file.
        question_id: The question to open on; None opens the first.
        poll_seconds: How often to look for a change to the file.
        clock: The rounds' clock (a fake one in tests).
    """

    BINDINGS = [
        *TriviaApp.BINDINGS,
        Binding("n,pagedown", "step(1)", "Next", id="preview.next", tooltip="Next question"),
        Binding("p,pageup", "step(-1)", "Previous", id="preview.previous"),
        Binding("ctrl+r", "reload", "Reload", id="preview.reload", show=False),
    ]

    def __init__(
        self,
        path: str | os.PathLike[str],
        question_id: str | None = None,
        *,
        poll_seconds: float = POLL_SECONDS,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__(packs=[], clock=clock, save_dir=None)
        self.path = Path(path)
        self.pack: Pack | None = None
        """The pack as last loaded without problems (None until then)."""
        self.problems: list[Problem] = []
        """The file's problems at the last load; empty when it is valid."""
        self.question_id = question_id
        """The id of the question on screen (kept across reloads)."""
        self.place = ""
        """The question on screen and its place in the pack: "q-7 · 3 of 48"."""
        self._poll_seconds = poll_seconds
        self._seen: tuple[int, int] | None = None
        self._shown_once = False

    def get_default_screen(self) -> PreviewStatus:  # type: ignore[override]
        return PreviewStatus()

    def on_mount(self) -> None:
        self.title = f"Preview · {self.path.name}"
        self.action_reload()
        self.set_interval(self._poll_seconds, self._poll)

    def known_packs(self) -> list[Pack]:
        return [self.pack] if self.pack is not None else []

    # --- the file ----------------------------------------------------------------------

    def _stat(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return stat.st_size, stat.st_mtime_ns

    def _poll(self) -> None:
        if self._stat() != self._seen:
            self.action_reload()

    def action_reload(self) -> None:
        """Read the file again: show the question, or the problems in place."""
        self._seen = self._stat()
        try:
            pack = load_pack(self.path)
        except PackError as error:
            self.problems = error.problems
            self._show_problems()
            return
        self.problems = []
        self.pack = pack
        ids = [question.id for question in pack.questions]
        if self.question_id not in ids:
            if self.question_id is not None and self._shown_once:
                self.notify(f"{self.question_id} is gone; showing the first question.")
            self.question_id = ids[0]
        self._show_question()

    def _show_problems(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        count = len(self.problems)
        lines = [
            f"{count} problem{'s' if count != 1 else ''} in {self.path}. "
            "Fix the file and save it: the preview reloads by itself.",
            "",
            *(str(problem) for problem in self.problems),
        ]
        status = self.screen_stack[0]
        assert isinstance(status, PreviewStatus)
        status.show(Content(printable("\n".join(lines))))

    def _show_question(self) -> None:
        assert self.pack is not None and self.question_id is not None
        self._shown_once = True
        config = RoundConfig(
            mode=Mode.MARATHON, question_ids=(self.question_id,), timed=False, seed=0
        )
        self.round = build_round([self.pack], config, clock=self.clock)
        number = [q.id for q in self.pack.questions].index(self.question_id) + 1
        self.place = f"{self.question_id} · {number} of {len(self.pack.questions)}"
        self.sub_title = self.place
        status = self.screen_stack[0]
        assert isinstance(status, PreviewStatus)
        status.show(Content(printable(f"{self.path}: {self.place}")))
        screen = PreviewQuestionScreen(self.round)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- what the game screens call -----------------------------------------------------

    def show_outcome(self) -> None:
        """The reveal of the answer just given (nothing is saved)."""
        assert self.round is not None
        self.switch_screen(PreviewRevealScreen(self.round))

    def advance(self) -> None:
        """From the reveal, back to the same question."""
        self._show_question()

    def leave_round(self) -> None:
        """Leaving the question ends the preview."""
        self.exit()

    def action_step(self, delta: int) -> None:
        """Show the next (1) or previous (-1) question of the pack, wrapping around."""
        if self.pack is None or self.problems:
            return
        ids = [question.id for question in self.pack.questions]
        index = ids.index(self.question_id) if self.question_id in ids else 0
        self.question_id = ids[(index + delta) % len(ids)]
        self._show_question()


def split_target(target: str) -> tuple[str, str | None]:
    """`PATH#QUESTION_ID` as (path, question id); no `#` gives no question id."""
    path, hash_, question_id = target.rpartition("#")
    if not hash_:
        return target, None
    return path, question_id or None


def main_preview(path: str | os.PathLike[str], question_id: str | None = None) -> int:
    """Run the preview until the author quits; `trivia preview` calls this.

    Args:
        path: The pack file (split `PATH#ID` with `split_target` first).
        question_id: The question to open on; None the first. (`trivia preview` refuses
            an id a valid file lacks before calling this; one that goes missing on a
            reload falls back to the first question.)

    Returns:
        The exit code: 0, or 2 when the path is not a file.
    """
    if not Path(path).is_file():
        import sys

        print(f"{path}: no such pack file", file=sys.stderr)
        return 2
    app = PreviewApp(path, question_id)
    app.run()
    return app.return_code or 0
