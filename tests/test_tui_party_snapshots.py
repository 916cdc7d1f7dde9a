"""Snapshot tests of party mode at 80x24 (usable) and 120x40 (the projector).

Each app comes from `create_party_app` with the sample pack, seed 7, a frozen clock and a
temp save dir. Update with
`.venv/bin/pytest tests/test_tui_party_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from trivia.game.round import RoundConfig
from trivia.tui.party_main import PartyApp, create_party_app
from trivia.tui.screens import party_setup
from trivia.tui.screens.party_host import PartyHostScreen
from trivia.tui.screens.party_setup import PartySetupScreen

_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(samples)

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
CHOICE_ONLY = RoundConfig(question_count=2, seed=7, tags=frozenset({"choice", "choice6"}))


def make_app(tmp_path: Path, *, start: bool = True) -> PartyApp:
    pack = samples.sample_pack()
    return create_party_app(
        [pack],
        save_dir=tmp_path,
        players=["Ann", "Bo", "Cy"],
        style="buzzer",
        start_packs=[pack] if start else None,
        round_config=CHOICE_ONLY,
        clock=samples.FakeClock(),
    )


async def settle(pilot: Pilot, screen_type: type) -> None:
    """Wait for the screen and the store, then stop cursors blinking."""
    app: PartyApp = pilot.app  # type: ignore[assignment]
    for _ in range(500):
        await pilot.pause()
        if isinstance(app.screen, screen_type) and app.store_idle:
            break
        await asyncio.sleep(0.01)
    for field in app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def right_key(pilot: Pilot) -> str:
    screen: PartyHostScreen = pilot.app.screen  # type: ignore[assignment]
    view = screen.party.current
    assert view is not None
    return str(view.options.index(view.question.answer) + 1)


@SIZES
def test_setup(snap_compare, tmp_path: Path, size: tuple[int, int], monkeypatch) -> None:
    """Party setup, buzzer style: "Players or teams" with Players picked, eight rows each
    with a coloured mark (● ▲ ■ ◆ ★ ✚ ♣ ♥), a name field (Ann, Bo, Cy filled in, the rest
    "Player 4".."Player 8") and a key field (a l z m q p v n); Bo's row is lit with
    "▲ ✔ key works" after Bo pressed l; the keys help line and a "Test the keys" button.
    Beside it the Game panel: Pack The Lighthouse Keepers, Questions 2, Difficulty Any,
    Tag Any, Style Buzzer with its one line, Timer On, Leaderboard After every question,
    and the Start party button. Footer: ctrl+s Start party, esc Back."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot, PartySetupScreen)
        # The screen focuses the first name on mount; on a busy machine that can come after
        # the focus below (and l goes into the name field): wait for it first.
        for _ in range(300):
            screen = pilot.app.screen
            if screen.query("#name-0") and screen.focused is screen.query_one("#name-0"):
                break
            await pilot.pause()
            await asyncio.sleep(0.01)
        pilot.app.screen.query_one("#setup-test").focus()
        await pilot.press("l")
        await settle(pilot, PartySetupScreen)

    # The row stays lit for LIT_SECONDS of wall time, which a loaded machine can spend
    # before the picture is taken.
    monkeypatch.setattr(party_setup, "LIT_SECONDS", 600.0)
    assert snap_compare(make_app(tmp_path, start=False), terminal_size=size, run_before=run_before)


@SIZES
def test_buzzer_question(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """A buzzer question with its options shown: "Question 1 of 2 · Buzzer · 3 players",
    the full countdown (20s), the prompt in a box, four numbered options in two columns.
    In the players' line: "● Ann 0 ⊘ LOCKED" (she buzzed before the options), "▲ Bo 0
    ◀ ANSWERING" (first valid buzz); the host's line says Bo answers with 1-4, 0 passes,
    and that u undoes Bo's buzz. The footer lists Reveal, Undo, Skip, Pause, Correct, End,
    Export, Leave, Answer/mark and Pass."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot, PartyHostScreen)
        await pilot.press("a", "space", "l")
        # Let the "too early" flash fade: the lock itself (frozen clock) stays.
        await pilot.pause(1.0)
        await settle(pilot, PartyHostScreen)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_leaderboard(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The reveal after Bo answered right: the right option marked ✔ on a green box,
    "Answer: Agnes Thorne" and "▲ Bo +1,500", then the Leaderboard box: "= 1. ▲ Bo 1,500
    +1,500", "▼1 2. ● Ann 0", "▼1 2. ■ Cy 0" (Ann and Cy shared first place before).
    At 80x24 the options make way for the leaderboard. Footer: ⏎ Next, u Undo..."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot, PartyHostScreen)
        await pilot.press("space", "l")
        await pilot.press(right_key(pilot))
        await settle(pilot, PartyHostScreen)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@SIZES
def test_podium(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The podium after two questions (Bo right on the first, Ann on the second):
    "Final results · 2 questions played", three steps side by side: 2nd (● Ann, 1,000 in
    big digits), 1st in the middle and highlighted (▲ Bo, 1,500), 3rd (■ Cy, 0); below, the
    full table with movement arrows. The host's line: ctrl+s exports again, Esc closes."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot, PartyHostScreen)
        await pilot.press("space", "l")
        await pilot.press(right_key(pilot), "enter", "space", "a")
        await pilot.press(right_key(pilot), "enter")
        await settle(pilot, PartyHostScreen)
        # The export line names files by today's date in a temp dir: not part of the
        # picture (test_the_results_are_exported_at_the_end_to_csv_and_json reads it).
        screen = pilot.app.screen
        assert isinstance(screen, PartyHostScreen) and "Results saved" in str(
            screen.query_one("#host-hint").render()
        )
        screen._exported = ""
        screen._show_hint()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)
