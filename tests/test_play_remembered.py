"""After `trivia play --pack FILE`, the next `trivia` still lists that pack on Home, and
Home's timer setting is the one the last round was played with."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
from test_play_modes import settled
from textual.widgets import Static

import trivia.tui.app
from trivia.cli import EXIT_OK, main
from trivia.packs.library import bundled_packs_dir
from trivia.tui.app import TriviaApp, create_app

VALID = Path(__file__).parent / "data" / "packs" / "valid.yaml"
SIZE = (100, 32)


def run(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], seen: list[str] | None = None
) -> TriviaApp:
    """`trivia ...argv` with the app run under Pilot until it settles; the app is returned.
    Home's timer setting, as shown, is added to `seen` while the app runs."""
    apps: list[TriviaApp] = []

    def pilot_main_tui(**kwargs: object) -> int:
        kwargs.pop("collector_paused", None)
        app = create_app(**kwargs)  # type: ignore[arg-type]

        async def go() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await settled(pilot, app)
                if seen is not None:
                    seen.append(timer_shown(app))

        asyncio.run(go())
        apps.append(app)
        return EXIT_OK

    monkeypatch.setattr(trivia.tui.app, "main_tui", pilot_main_tui)
    try:
        assert main(argv) == EXIT_OK
    finally:
        gc.enable()  # bare `trivia` pauses the collector until the real main_tui
    [app] = apps
    return app


def listed_paths(app: TriviaApp) -> list[Path]:
    assert app.pack_entries is not None
    return [entry.path.resolve() for entry in app.pack_entries]


def test_a_pack_played_by_path_is_listed_on_home_next_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    pack = drafts / "my-pack.yaml"
    pack.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    saves = tmp_path / "saves"
    run(monkeypatch, ["play", "--pack", str(pack), "--save-dir", str(saves)])
    home = run(monkeypatch, ["--save-dir", str(saves)])
    assert pack.resolve() in listed_paths(home)
    [entry] = [e for e in home.pack_entries or [] if e.path.resolve() == pack.resolve()]
    assert entry.pack is not None and entry.shadowed_by is None


def test_a_played_pack_that_is_gone_is_not_listed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pack = tmp_path / "gone.yaml"
    pack.write_text(VALID.read_text(encoding="utf-8"), encoding="utf-8")
    saves = tmp_path / "saves"
    run(monkeypatch, ["play", "--pack", str(pack), "--save-dir", str(saves)])
    pack.unlink()
    home = run(monkeypatch, ["--save-dir", str(saves)])
    assert pack.resolve() not in listed_paths(home)


def test_a_bundled_pack_played_by_path_is_listed_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mad_men = bundled_packs_dir() / "mad-men.yaml"
    saves = tmp_path / "saves"
    run(monkeypatch, ["play", "--pack", str(mad_men), "--save-dir", str(saves)])
    home = run(monkeypatch, ["--save-dir", str(saves)])
    assert listed_paths(home).count(mad_men.resolve()) == 1


def timer_shown(app: TriviaApp) -> str:
    from trivia.tui.screens.home import HomeScreen

    [home] = [screen for screen in app.screen_stack if isinstance(screen, HomeScreen)]
    return str(home.query_one("#settings-summary", Static).render())


def test_homes_timer_is_the_one_last_played_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    saves = tmp_path / "saves"
    seen: list[str] = []
    run(monkeypatch, ["play", "--no-timer", "--save-dir", str(saves)])
    home = run(monkeypatch, ["--save-dir", str(saves)], seen)
    assert home.settings.timer is False
    run(monkeypatch, ["play", "--save-dir", str(saves)])
    run(monkeypatch, ["--save-dir", str(saves)], seen)
    assert [shown.split(" · ")[0] for shown in seen] == ["Timer off", "Timer on"]
