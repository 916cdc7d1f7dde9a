"""The pack listing: Home's packs on the first frame, from the last scan, without SQLite."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import OptionList

from trivia.packs.library import PackDir, pack_dirs, scan
from trivia.store import bank
from trivia.store.listing import (
    PackNotLoaded,
    is_listed,
    listing_path,
    read_listing,
    write_listing,
)
from trivia.store.paths import bank_index_path
from trivia.tui.app import create_app
from trivia.tui.screens.home import HomeScreen
from trivia.tui.screens.question import QuestionScreen

MAD_MEN = Path(__file__).resolve().parent.parent / "questions" / "mad-men.yaml"
SIZE = (100, 30)


def pack_folder(tmp_path: Path) -> list[PackDir]:
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / MAD_MEN.name).write_bytes(MAD_MEN.read_bytes())
    (packs / "broken.yaml").write_text("pack: [\n", encoding="utf-8")
    return [PackDir(packs, "extra")]


def test_a_listing_reads_back_what_the_scan_found(tmp_path: Path) -> None:
    dirs = pack_folder(tmp_path)
    entries = scan(dirs)
    where = tmp_path / "listing.json"
    write_listing(where, dirs, entries)
    listed = read_listing(where, dirs)
    assert listed is not None
    assert [(e.path, e.origin, e.problems, e.shadowed_by) for e in listed] == [
        (e.path, e.origin, e.problems, e.shadowed_by) for e in entries
    ]
    [pack] = [e.pack for e in listed if e.pack is not None]
    [loaded] = [e.pack for e in entries if e.pack is not None]
    assert is_listed(pack) and not is_listed(loaded)
    assert pack.meta == loaded.meta
    assert dict(pack.sources) == dict(loaded.sources)
    assert (len(pack.questions), len(pack.facts)) == (len(loaded.questions), len(loaded.facts))
    # Only counted: a round can't be drawn from a placeholder by mistake.
    with pytest.raises(PackNotLoaded):
        pack.questions[0]
    with pytest.raises(PackNotLoaded):
        pack.facts[next(iter(loaded.facts))]


def test_a_listing_is_not_trusted_once_anything_changed(tmp_path: Path) -> None:
    dirs = pack_folder(tmp_path)
    where = tmp_path / "listing.json"
    write_listing(where, dirs, scan(dirs))
    assert read_listing(where, dirs) is not None
    # Other pack directories (another --packs-dir).
    assert read_listing(where, [*dirs, PackDir(tmp_path, "user")]) is None
    # A pack file edited since.
    pack = dirs[0].path / MAD_MEN.name
    pack.write_bytes(pack.read_bytes() + b"\n")
    assert read_listing(where, dirs) is None
    write_listing(where, dirs, scan(dirs))
    # Gone.
    (dirs[0].path / "broken.yaml").unlink()
    assert read_listing(where, dirs) is None
    # Corrupt, or missing.
    where.write_text("{not json", encoding="utf-8")
    assert read_listing(where, dirs) is None
    where.unlink()
    assert read_listing(where, dirs) is None


async def test_home_is_drawn_with_the_listed_packs_and_plays_once_the_scan_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dirs = pack_folder(tmp_path)
    index = tmp_path / "saves" / "bank-index.sqlite"
    first = create_app(pack_dirs=dirs, save_dir=tmp_path / "saves", bank_index=index)
    async with first.run_test(size=SIZE) as pilot:
        while not first.screen.query("#packs"):
            await pilot.pause(0.05)
    assert listing_path(index).is_file()

    # The next start's scan is held, as a slow disk would: Home is already listing.
    scanned = threading.Event()
    release = threading.Event()
    real_scan = bank.scan_indexed

    def held_scan(*args, **kwargs):
        release.wait(30)
        entries = real_scan(*args, **kwargs)
        scanned.set()
        return entries

    monkeypatch.setattr(bank, "scan_indexed", held_scan)
    app = create_app(pack_dirs=dirs, save_dir=tmp_path / "saves", bank_index=index, seed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        packs = home.query_one("#packs", OptionList)
        assert packs.has_focus
        rows = [str(packs.get_option_at_index(i).prompt) for i in range(packs.option_count)]
        assert rows[0].startswith("broken.yaml") and "Mad Men" in rows[1]
        assert packs.highlighted == 1 and home.selected_pack == "mad-men"
        # Enter on the listed pack: taken, and the round starts when the scan is in.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not scanned.is_set()
        release.set()
        for _ in range(100):
            if isinstance(app.screen, QuestionScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, QuestionScreen)
        assert app.round is not None and not is_listed(app._round_packs[0])
        assert app.round.current.question.id  # drawn from the loaded pack


PROBE = """
import sys
from textual.widgets import OptionList
from trivia.tui.app import TriviaApp

class Probe(TriviaApp):
    def on_ready(self) -> None:
        # Runs before TriviaApp.on_ready (which starts the store thread and the scan).
        self.seen = set(sys.modules)
        self.listed = [str(o.prompt) for o in self.screen.query_one("#packs", OptionList).options]
        self.exit()

app = Probe(save_dir=None)
app.run(headless=True, size=(100, 30))
late = ("sqlite3", "trivia.store.bank", "trivia.store.database", "trivia.game.round",
        "trivia.game.party", "trivia.tui.screens.question", "trivia.tui.apps.party")
print(sorted(name for name in late if name in app.seen))
print(app.listed)
"""


def test_the_first_frame_lists_the_packs_without_opening_sqlite(tmp_path: Path) -> None:
    dirs = pack_dirs()
    write_listing(listing_path(bank_index_path()), dirs, scan(dirs))
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ},
        # Not the checkout: the probe imports the package this test does (the installed one).
        cwd=tmp_path,
    )
    imported, listed = result.stdout.strip().splitlines()[-2:]
    assert imported == "[]", result.stderr
    assert "Mad Men" in listed, result.stderr


async def test_no_round_is_built_from_a_listed_pack_before_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`trivia play` hands the app a loaded pack while Home lists the last scan's
    placeholder of it: everything that builds a round (resume, the daily, the palette)
    gets the loaded one, or none until the scan is in."""
    from trivia.packs import load_pack

    dirs = pack_folder(tmp_path)
    index = tmp_path / "saves" / "bank-index.sqlite"
    write_listing(listing_path(index), dirs, scan(dirs))
    release = threading.Event()
    real_scan = bank.scan_indexed
    monkeypatch.setattr(
        bank, "scan_indexed", lambda *a, **k: release.wait(30) and real_scan(*a, **k)
    )
    given = load_pack(dirs[0].path / MAD_MEN.name)
    app = create_app(pack_dirs=dirs, save_dir=tmp_path / "saves", bank_index=index)
    app._start_packs = [given]  # as `trivia play --pack` gives it, without starting a round
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(is_listed(pack) for pack in app.playable_packs)
        assert app.known_packs() == [given]
        app._start_packs = []
        assert app.known_packs() == []
        app.play_pack("mad-men")  # the palette's Play: not built from a placeholder
        await pilot.pause()
        assert app.round is None
        release.set()
