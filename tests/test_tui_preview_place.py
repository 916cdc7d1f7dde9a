"""`trivia preview`: the header names the question and its place in the pack, an unknown
`#id` is a usage error with the ids to choose from, and the reveal's button says that it
goes back to the question."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from trivia.cli import EXIT_USAGE, main
from trivia.tui.preview import PreviewApp
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.reveal import RevealScreen

VALID = Path(__file__).parent / "data" / "packs" / "valid.yaml"
SIZE = (100, 32)


def progress(app: PreviewApp) -> str:
    return str(app.screen.query_one("#status-progress", Static).render())


async def test_the_header_shows_the_id_and_the_place_in_the_pack() -> None:
    app = PreviewApp(VALID, "peggy-actor-text", poll_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert progress(app) == "peggy-actor-text · 3 of 5"
        await pilot.press("pagedown")  # `n` would be typed into the answer
        await pilot.pause()
        assert progress(app) == "seasons-number · 4 of 5"


async def test_the_reveal_says_its_button_goes_back_to_the_question() -> None:
    app = PreviewApp(VALID, "peggy-actor-truefalse", poll_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert str(app.screen.query_one("#continue", Button).label) == "Back to the question ⏎"
        assert progress(app) == "peggy-actor-truefalse · 2 of 5"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """The previews `trivia preview` would open, instead of opening them."""
    calls: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        "trivia.tui.preview.main_preview",
        lambda path, question_id=None: calls.append((os.fspath(path), question_id)) or 0,
    )
    return calls


def test_an_unknown_question_id_is_a_usage_error_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], opened: list[tuple[str, str | None]]
) -> None:
    assert main(["preview", f"{VALID}#peggy-actor-txt"]) == EXIT_USAGE
    assert opened == []
    err = capsys.readouterr().err
    assert f"{VALID}: no question with the id 'peggy-actor-txt'" in err
    assert "did you mean 'peggy-actor-text'?" in err


def test_an_unknown_question_id_far_from_any_lists_some(
    capsys: pytest.CaptureFixture[str], opened: list[tuple[str, str | None]]
) -> None:
    assert main(["preview", f"{VALID}#zzz"]) == EXIT_USAGE
    assert opened == []
    err = capsys.readouterr().err
    assert "no question with the id 'zzz'" in err
    assert "peggy-actor-choice, peggy-actor-truefalse, peggy-actor-text" in err


def test_a_pack_with_problems_still_opens_to_show_them(
    tmp_path: Path, opened: list[tuple[str, str | None]]
) -> None:
    """The id cannot be checked in a file that does not load: the preview shows why."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(VALID.read_text(encoding="utf-8").replace("type: order", "type: ordr"))
    assert main(["preview", f"{broken}#anything"]) == 0
    assert opened == [(str(broken), "anything")]
