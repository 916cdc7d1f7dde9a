"""Snapshot tests of every screen at 80x24 (usable) and 120x40 (comfortable).

Each app comes from `create_app` with the sample pack, seed 7, a frozen clock and a temp
save dir, so the screens are the same on every run. Update with
`.venv/bin/pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from trivia.game.round import RoundConfig, build_round
from trivia.packs.model import QuestionType
from trivia.store import Store
from trivia.tui.app import TriviaApp, create_app

_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def make_app(tmp_path: Path, tags: set[str] | None = None) -> TriviaApp:
    start = RoundConfig(tags=frozenset(tags)) if tags is not None else None
    return create_app(
        [samples.sample_pack()],
        seed=7,
        clock=samples.FakeClock(),
        save_dir=tmp_path,
        start_round=start,
    )


async def settle(pilot: Pilot) -> None:
    """Let the save open and every store call come back, let Home's match count (a worker)
    come in, let the screen finish, and stop cursors blinking so the picture is stable."""
    app: TriviaApp = pilot.app  # type: ignore[assignment]
    for _ in range(500):
        await pilot.pause()
        counting = any(w.group == "match-count" and not w.is_finished for w in app.workers)
        if app.store_idle and not counting:
            break
        await asyncio.sleep(0.01)
    await pilot.pause()
    # A question gives its answer field focus after a refresh, and the field only counts
    # itself focused (`has_focus`, which draws the cursor) once it has handled the Focus
    # event the screen sends it: on a busy machine either can come after the loop above.
    for _ in range(200):
        focused = app.screen.focused
        if focused is None and not app.screen.query(Input):
            break
        if focused is not None and focused.has_focus:
            break
        await pilot.pause()
        await asyncio.sleep(0.005)
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def keys_then_settle(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await settle(pilot)

    return run_before


async def answer(pilot: Pilot, right: bool) -> None:
    app: TriviaApp = pilot.app  # type: ignore[assignment]
    view = app.round.current
    question = view.question
    match question.type:
        case QuestionType.CHOICE:
            index = view.options.index(question.answer)
            await pilot.press(str((index if right else index + 1) % len(view.options) + 1))
        case QuestionType.TRUEFALSE:
            await pilot.press("t" if question.answer == right else "f")
        case QuestionType.NUMBER:
            await pilot.press(*("147" if right else "200"), "enter")
    await pilot.pause()


@SIZES
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Home: the title, "The Lighthouse Keepers / 6 questions" highlighted in the Packs
    panel with its description below, and the Round panel: Mode "Quick round" with its one
    line, Difficulty Any, Tag Any, "Questions  6 of 10 asked match: the round will have 6."
    (in the warning colour: the pack is smaller than a quick round), a Player button
    beside the name "Player" (in bold), a Settings button beside "Timer on · fan-trivia",
    and a Play button. The footer lists
    ctrl+s Play, s Settings, p Player, t Stats, m Party, q Quit, ? Keys."""
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=keys_then_settle())


@SIZES
@pytest.mark.parametrize("tag", ["choice", "truefalse", "text", "number", "order"])
def test_question(snap_compare, tmp_path: Path, size: tuple[int, int], tag: str) -> None:
    """A question of each type: the status line (Question 1 of 1, pack title, Streak 0,
    Score 0), a full green countdown bar with its seconds, the type/difficulty/tags line,
    the prompt in bold in a box, then: choice, options 1-4 as buttons in two columns;
    truefalse, "T True" and "F False"; text, an input with Submit and the forgiving-match
    note; number, an input with the unit "steps"; order, four numbered storms with the
    move keys explained and Up/Down/Submit buttons. Lifeline buttons sit above the footer.
    Nothing overlaps or is cut off."""
    assert snap_compare(
        make_app(tmp_path, {tag}), terminal_size=size, run_before=keys_then_settle()
    )


@SIZES
def test_reveal_right(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The reveal of a right answer: a green "✔ Right!" bar with +1,500, the prompt, "Your
    answer: Agnes Thorne / Right answer: Agnes Thorne", the explanation, the source (title
    in italics, Harbour Press, 2021-05-04) and the points: base +1,500, speed +0, total."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await answer(pilot, right=True)
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, {"choice"}), terminal_size=size, run_before=run_before)


@SIZES
def test_reveal_wrong(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The reveal of a wrong answer: a red "✘ Wrong" bar with +0, your answer (Marcus Bell)
    against the right one (Agnes Thorne), the explanation and source, and "Points: 0 (a
    wrong answer scores nothing and resets the streak)"."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await answer(pilot, right=False)
        await settle(pilot)

    assert snap_compare(make_app(tmp_path, {"choice"}), terminal_size=size, run_before=run_before)


@SIZES
def test_summary(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The summary after three questions (right, wrong, right): Score, Right 2/3 (67%),
    Best streak 1, Time 0:00 (the clock is frozen), a table row per question with ✔/✘,
    the prompt, your answer, the right one and the points; Play again and Home buttons."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        for right in (True, False, True):
            await answer(pilot, right)
            await pilot.press("enter")
            await pilot.pause()
        await settle(pilot)

    app = make_app(tmp_path, {"choice", "truefalse", "number"})
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_too_small(snap_compare, tmp_path: Path) -> None:
    """At 60x15, mid-question: only the notice, centred: "Fan Trivia needs a bigger
    terminal", at least 70 x 20, this one is 60 x 15, and that the game is kept."""
    assert snap_compare(
        make_app(tmp_path, {"choice"}), terminal_size=(60, 15), run_before=keys_then_settle()
    )


def _played(save_dir: Path, rounds: list[list[bool]], *, finish: list[bool]) -> None:
    """Fill a save with seed-7 quick rounds of the sample pack: per round, which answers
    were right (True) or wrong; `finish` says which rounds reached their end."""
    pack = samples.sample_pack()
    with Store.open(save_dir) as store:
        player = store.profile_for_play()
        for number, (answers, finished) in enumerate(zip(rounds, finish, strict=True)):
            round_ = build_round([pack], RoundConfig(seed=7 + number), clock=samples.FakeClock())
            round_id = store.start_round(player, round_, [pack])
            for index, right in enumerate(answers):
                if index:
                    round_.next()
                view = round_.current
                question = view.question
                if question.type is QuestionType.ORDER:
                    response = tuple(question.answer)
                    if not right:
                        response = tuple(reversed(response))
                elif right:
                    response = question.answer
                elif question.type is QuestionType.CHOICE:
                    response = next(o for o in view.options if o != question.answer)
                elif question.type is QuestionType.TRUEFALSE:
                    response = not question.answer
                elif question.type is QuestionType.NUMBER:
                    response = question.answer * 3 + 100
                else:
                    response = "nothing like it"
                store.record_answer(round_id, round_.answer(response))
            if finished:
                round_.next()
                store.finish_round(round_id)


@SIZES
def test_resume_dialog(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """Home, dimmed, under a "Welcome back" dialog: "Resume your quick round of The
    Lighthouse Keepers: question 4 of 6, score 3,500, streak 1?" in bold, a muted line
    on what Start fresh and Later do, and three buttons: Resume (r) focused, Start fresh
    (n), Later (l). Nothing is cut off at 80x24."""
    _played(tmp_path, [[True, False, True]], finish=[False])
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=keys_then_settle())


@SIZES
def test_stats(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The Stats screen of "Player" after three finished rounds and one left unfinished:
    totals (Rounds finished 3, Right 12/20, Accuracy, Best streak), "Score history" as a three-row
    sparkline rising left to right with its caption (3 finished rounds · best · last),
    then "Accuracy by tag" as labelled bars, weakest first, each with its percentage and
    right/answered in words, beside "Packs": The Lighthouse Keepers with its quick-round
    high score, accuracy, best streak, "Seen 6 of 6 · mastered 0 of 6". At 80x24 the
    page scrolls; nothing overlaps."""
    _played(
        tmp_path,
        [
            [True, False, False, True, False, True],
            [True, True, False, True, True, False],
            [True, True, True, True, True, True],
            [False, True],
        ],
        finish=[True, True, True, False],
    )

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("l")  # keep the unfinished round for later
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_stats_empty(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The Stats screen of a new player: only "Play a round to see your stats." in bold,
    centred, and a focused "Back to Home (h)" button."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)
