"""Practice and daily rounds as a player starts them: from `trivia play` and from Home,
with packs read through the bank index (as the real game reads them, not handed in).

The app is the real one; only `main_tui`'s `app.run()` is replaced by a Pilot run, so the
command line's pack lookup, its round config and the app's start-up are all exercised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

import trivia.tui.app
from trivia.cli import EXIT_OK, main
from trivia.game.round import Mode, RoundConfig, RoundState
from trivia.packs import load_pack
from trivia.packs.library import PackDir, bundled_packs_dir
from trivia.packs.model import QuestionType
from trivia.store import Store
from trivia.tui.app import TriviaApp, create_app
from trivia.tui.screens.home import HomeScreen
from trivia.tui.screens.question import QuestionScreen
from trivia.tui.screens.summary import SummaryScreen
from trivia.tui.widgets.picker import Picker

pytestmark = pytest.mark.slow  # each test runs the app under Pilot

SIZE = (100, 32)
MAD_MEN = bundled_packs_dir() / "mad-men.yaml"

Drive = Callable[[object, TriviaApp], Awaitable[None]]


async def settled(pilot, app: TriviaApp) -> None:
    """Wait until the packs are listed, the save is open and every store call is back."""
    for _ in range(1000):
        await pilot.pause()
        if app.store_idle and app.pack_entries is not None:
            await pilot.pause()
            if app.store_idle:
                return
        await asyncio.sleep(0.01)
    raise AssertionError("the app never settled")


def notices(app: TriviaApp) -> str:
    return "\n".join(notification.message for notification in app._notifications)


def run_cli(monkeypatch, argv: list[str], drive: Drive) -> int:
    """`trivia ...argv`, with the app run under Pilot and driven by `drive`."""

    def pilot_main_tui(**kwargs) -> int:
        kwargs.pop("collector_paused", None)
        app = create_app(**kwargs)

        async def run() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await settled(pilot, app)
                await drive(pilot, app)

        asyncio.run(run())
        return EXIT_OK

    monkeypatch.setattr(trivia.tui.app, "main_tui", pilot_main_tui)
    return main(argv)


async def answer_by_keys(pilot, app: TriviaApp) -> None:
    """Answer the current question right with the keys, then go on from the reveal."""
    view = app.round.current
    question = view.question
    match question.type:
        case QuestionType.CHOICE:
            await pilot.press(str(view.options.index(question.answer) + 1))
        case QuestionType.TRUEFALSE:
            await pilot.press("t" if question.answer else "f")
        case QuestionType.TEXT:
            await pilot.press(*str(question.answer).lower(), "enter")
        case QuestionType.NUMBER:
            await pilot.press(*str(question.answer), "enter")
        case QuestionType.ORDER:
            # Whatever order is shown: submitting it is an answer (maybe wrong).
            await pilot.press("enter")
    await pilot.pause()
    await pilot.press("enter")
    await settled(pilot, app)


def test_cli_practice_opens_a_practice_question(monkeypatch, tmp_path: Path) -> None:
    seen: list[tuple[object, str, int]] = []

    async def drive(pilot, app: TriviaApp) -> None:
        assert isinstance(app.screen, QuestionScreen), notices(app)
        seen.append((app.round.config.mode, app.round.current.question.id, app.round.current.total))
        await answer_by_keys(pilot, app)

    argv = ["play", "--mode", "practice", "--questions", "5", "--save-dir", str(tmp_path)]
    assert run_cli(monkeypatch, argv, drive) == EXIT_OK
    [(mode, question_id, total)] = seen
    assert mode is Mode.PRACTICE and total == 5
    assert question_id in {question.id for question in load_pack(MAD_MEN).questions}
    with Store.open(tmp_path) as store:
        [saved] = store.unfinished_rounds(store.profile_for_play())
        assert saved.mode == "practice" and saved.answered == 1


async def test_home_practice_over_indexed_packs_starts(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / MAD_MEN.name).write_bytes(MAD_MEN.read_bytes())
    app = create_app(pack_dirs=[PackDir(packs, "extra")], save_dir=tmp_path / "saves", seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        picker = app.screen.query_one("#mode", Picker)
        picker.focus()
        for _ in range(6):
            if picker.value == "practice":
                break
            await pilot.press("right")
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert isinstance(app.screen, QuestionScreen), notices(app)
        assert app.round.config.mode is Mode.PRACTICE
        # The round's questions were read back from the index (not the YAML) in pack order.
        assert app.round.current.question.id in {q.id for q in load_pack(MAD_MEN).questions}


def test_cli_daily_is_saved_and_a_second_attempt_is_refused(monkeypatch, tmp_path) -> None:
    argv = ["play", "--mode", "daily", "--save-dir", str(tmp_path)]
    played: list[int] = []

    async def play_through(pilot, app: TriviaApp) -> None:
        assert isinstance(app.screen, QuestionScreen), notices(app)
        assert app.round.config.mode is Mode.DAILY
        while isinstance(app.screen, QuestionScreen):
            await answer_by_keys(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
        assert app.round.state is RoundState.FINISHED
        assert "not saved" not in notices(app).lower()
        played.append(app.round.score)

    assert run_cli(monkeypatch, argv, play_through) == EXIT_OK
    with Store.open(tmp_path) as store:
        profile = store.profile_for_play()
        assert not store.unfinished_rounds(profile)
        [attempt] = [
            store.daily_attempt(profile, "mad-men", day) for day in [trivia.tui.app.date.today()]
        ]
        assert attempt is not None and attempt.status == "finished"
        assert attempt.score == played[0]

    async def try_again(pilot, app: TriviaApp) -> None:
        assert app.round is None
        assert isinstance(app.screen, HomeScreen)
        assert "You have played today's Mad Men daily" in notices(app)

    assert run_cli(monkeypatch, argv, try_again) == EXIT_OK


@pytest.mark.parametrize("mode", ["quick", "practice"])
def test_cli_modes_other_than_daily_start_at_once(monkeypatch, tmp_path, mode) -> None:
    """Only the daily waits for the save; the others open on their first question."""
    seen: list[RoundConfig] = []

    async def drive(pilot, app: TriviaApp) -> None:
        seen.append(app.round.config)

    argv = ["play", "--mode", mode, "--save-dir", str(tmp_path)]
    assert run_cli(monkeypatch, argv, drive) == EXIT_OK
    assert [config.mode.value for config in seen] == [mode]
