"""`trivia preview`: the question screen over one pack file, reloaded when it is saved.

The preview polls the file; these tests poll by hand (`app._poll()`) after each write, so
they do not wait for the timer.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Static

from trivia.tui.preview import PreviewApp, PreviewStatus, split_target
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.reveal import RevealScreen

VALID = Path(__file__).parent / "data" / "packs" / "valid.yaml"
SIZE = (100, 32)


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # A new modification time even within the file system's clock granularity.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def prompt_shown(app: PreviewApp) -> str:
    assert isinstance(app.screen, QuestionScreen)
    return str(app.screen.query_one("#prompt", Static).render())


def status_shown(app: PreviewApp) -> str:
    status = app.screen_stack[0]
    assert isinstance(status, PreviewStatus)
    return str(status.query_one("#preview-status", Static).render())


def test_split_target():
    assert split_target("a/b.yaml#q-1") == ("a/b.yaml", "q-1")
    assert split_target("a/b.yaml") == ("a/b.yaml", None)


async def test_preview_reloads_shows_problems_in_place_and_recovers(tmp_path):
    pack = tmp_path / "pack.yaml"
    text = VALID.read_text(encoding="utf-8")
    write(pack, text)
    app = PreviewApp(pack, "peggy-actor-choice", poll_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Who played Peggy Olson?" in prompt_shown(app)

        write(pack, text.replace("Who played Peggy Olson?", "Which actor played Peggy?"))
        app._poll()
        await pilot.pause()
        assert "Which actor played Peggy?" in prompt_shown(app)

        broken = text.replace("    fact: peggy-actor\n", "    fact: peggy-actr\n", 1)
        write(pack, broken)
        app._poll()
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen)
        status = status_shown(app)
        line = broken.splitlines().index("    fact: peggy-actr") + 1
        assert f"pack.yaml:{line}:11:" in status and "peggy-actr" in status

        write(pack, text)
        app._poll()
        await pilot.pause()
        assert "Who played Peggy Olson?" in prompt_shown(app)


async def test_preview_answers_reveals_and_comes_back(tmp_path):
    pack = tmp_path / "pack.yaml"
    write(pack, VALID.read_text(encoding="utf-8"))
    app = PreviewApp(pack, "peggy-actor-choice", poll_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.round.current
        await pilot.press(str(view.options.index("Elisabeth Moss") + 1))
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert app.round.last_outcome.correct
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.question_id == "peggy-actor-choice"
        await pilot.press("n")
        await pilot.pause()
        assert app.question_id != "peggy-actor-choice"
        await pilot.press("p")
        await pilot.pause()
        assert app.question_id == "peggy-actor-choice"
