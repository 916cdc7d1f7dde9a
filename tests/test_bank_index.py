"""The bank index: packs compiled into a SQLite cache, rebuilt per file when it changes.

A round drawn through the index must be the very round drawn from the fully loaded pack
(same questions, order, options), for every mode and filter.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trivia.game.practice import practice_question_ids
from trivia.game.round import Mode, RoundConfig, RoundError, build_round
from trivia.packs import PackError, load_pack
from trivia.packs.library import PackDir, bundled_packs_dir
from trivia.packs.stored import StoredQuestions, question_from_record, question_record, summarize
from trivia.store.bank import BankIndex, scan_indexed

MAD_MEN = bundled_packs_dir() / "mad-men.yaml"
VALID = Path(__file__).parent / "data" / "packs" / "valid.yaml"


def packs_dir(tmp_path: Path, *files: Path) -> list[PackDir]:
    directory = tmp_path / "packs"
    directory.mkdir(exist_ok=True)
    for file in files:
        (directory / file.name).write_bytes(file.read_bytes())
    return [PackDir(directory, "extra")]


def plan_of(round_):
    return [(p.pack.id, p.question, p.options, p.items) for p in round_._plan]


@pytest.fixture
def index(tmp_path):
    with BankIndex.open(tmp_path / "index.sqlite") as opened:
        yield opened


def test_compiled_questions_come_back_equal():
    pack = load_pack(MAD_MEN)
    for question in pack.questions:
        assert question_from_record(question_record(question)) == question


@pytest.mark.parametrize(
    "config",
    [
        RoundConfig(seed=1),
        RoundConfig(seed=2, question_count=25),
        RoundConfig(seed=3, mode=Mode.MARATHON),
        RoundConfig(seed=4, mode=Mode.SURVIVAL),
        RoundConfig(seed=5, tags=frozenset({"cast", "episodes"})),
        RoundConfig(seed=6, difficulties=frozenset({"hard"}), question_count=5),
        RoundConfig(seed=7, tags=frozenset({"quotes"}), difficulties=frozenset({"easy"})),
        RoundConfig(seed=8, question_ids=("mad-men/peggy-actor-choice", "nope", "don-actor-tf")),
    ],
    ids=lambda config: f"seed{config.seed}",
)
def test_a_round_from_the_index_is_the_round_from_the_full_pack(tmp_path, index, config):
    dirs = packs_dir(tmp_path, MAD_MEN, VALID)
    indexed = [entry.pack for entry in index.scan(dirs) if entry.pack]
    full = [load_pack(path) for path in sorted(dirs[0].path.iterdir())]
    assert all(isinstance(pack.questions, StoredQuestions) for pack in indexed)
    try:
        expected = build_round(full, config)
    except RoundError as error:
        with pytest.raises(RoundError, match=str(error)[:30]):
            build_round(indexed, config)
        return
    got = build_round(indexed, config)
    assert plan_of(got) == plan_of(expected)
    assert got.current.source == expected.current.source
    assert got.config == expected.config


def test_a_round_from_the_index_reads_only_its_questions(tmp_path, index, monkeypatch):
    dirs = packs_dir(tmp_path, MAD_MEN)
    (pack,) = [entry.pack for entry in index.scan(dirs)]
    read: list[int] = []
    original = type(pack.questions).at
    monkeypatch.setattr(
        type(pack.questions),
        "at",
        lambda self, positions: read.extend(positions) or original(self, positions),
    )
    monkeypatch.setattr(type(pack.questions), "__iter__", lambda self: pytest.fail("iterated"))
    round_ = build_round([pack], RoundConfig(seed=3, question_count=4))
    assert len(read) == 4 and len(round_._plan) == 4


def test_practice_ids_from_the_index_match_the_full_pack(tmp_path, index):
    (entry,) = index.scan(packs_dir(tmp_path, MAD_MEN))
    full = load_pack(MAD_MEN)
    for tags, levels in [((), ()), (("cast",), ()), ((), ("hard",))]:
        assert practice_question_ids(
            entry.pack, ["don-actor-tf"], [], 12, 5, tags=tags, difficulties=levels
        ) == practice_question_ids(
            full, ["don-actor-tf"], [], 12, 5, tags=tags, difficulties=levels
        )


def test_summary_and_listing_need_no_parse(tmp_path, index):
    dirs = packs_dir(tmp_path, MAD_MEN)
    index.scan(dirs)
    assert index.compiled == 1
    (entry,) = index.scan(dirs)
    assert index.compiled == 1  # unchanged: read from the index, not parsed again
    assert entry.pack.questions.summary() == summarize(load_pack(MAD_MEN))
    assert len(entry.pack.facts) == len(load_pack(MAD_MEN).facts)


def test_a_changed_pack_is_compiled_again_alone(tmp_path):
    dirs = packs_dir(tmp_path, MAD_MEN, VALID)
    path = tmp_path / "index.sqlite"
    with BankIndex.open(path) as first:
        first.scan(dirs)
        assert first.compiled == 2
    changed = dirs[0].path / "valid.yaml"
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Mad Men (sample)", "Renamed sample"),
        encoding="utf-8",
    )
    touched = dirs[0].path / "mad-men.yaml"
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time: unchanged
    with BankIndex.open(path) as second:
        entries = {entry.path.name: entry for entry in second.scan(dirs)}
        assert second.compiled == 1
        assert entries["valid.yaml"].pack.meta.title == "Renamed sample"
    # Touching a file (a new mtime, same bytes) is a change too: that file only.
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with BankIndex.open(path) as third:
        third.scan(dirs)
        assert third.compiled == 1


def test_an_invalid_pack_is_listed_with_its_problems_and_not_parsed_again(tmp_path, index):
    dirs = packs_dir(tmp_path, MAD_MEN)
    broken = dirs[0].path / "broken.yaml"
    broken.write_text("pack:\n  id: x\n  title: [\n", encoding="utf-8")
    entries = {entry.path.name: entry for entry in index.scan(dirs)}
    assert entries["broken.yaml"].pack is None
    assert entries["broken.yaml"].problems and ":" in entries["broken.yaml"].problems[0]
    index.scan(dirs)
    assert index.compiled == 2
    with pytest.raises(PackError) as raised:
        index.resolve(str(broken), dirs)
    assert raised.value.problems[0].line > 0


def test_deleting_the_index_is_harmless(tmp_path):
    dirs = packs_dir(tmp_path, MAD_MEN)
    path = tmp_path / "cache" / "index.sqlite"
    with BankIndex.open(path) as first:
        before = build_round([first.scan(dirs)[0].pack], RoundConfig(seed=9))
    for name in os.listdir(path.parent):
        os.remove(path.parent / name)
    with BankIndex.open(path) as second:
        after = build_round([second.scan(dirs)[0].pack], RoundConfig(seed=9))
        assert second.compiled == 1
    assert plan_of(after) == plan_of(before)


def test_a_corrupt_index_is_replaced(tmp_path):
    path = tmp_path / "index.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with BankIndex.open(path) as index:
        (entry,) = index.scan(packs_dir(tmp_path, MAD_MEN))
        assert entry.pack is not None and index.path == path


def test_resolve_by_id_and_by_path(tmp_path, index):
    dirs = packs_dir(tmp_path, MAD_MEN)
    assert index.resolve("mad-men", dirs).id == "mad-men"
    assert index.resolve(str(VALID), dirs).id == load_pack(VALID).id
    from trivia.packs.library import PackNotFound

    with pytest.raises(PackNotFound, match="mad-men"):
        index.resolve("nope", dirs)


def test_scan_indexed_uses_the_index_named_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIVIA_BANK_INDEX", str(tmp_path / "env-index.sqlite"))
    scan_indexed(packs_dir(tmp_path, MAD_MEN))
    assert (tmp_path / "env-index.sqlite").is_file()


def test_the_game_layer_still_imports_no_sqlite():
    code = "import sys, trivia.game, trivia.packs.stored; print('sqlite3' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_draw_order_is_the_shuffle_rounds_always_made_for_small_pools():
    import random

    from trivia.game.round import EXACT_SHUFFLE_LIMIT, draw_order

    for size in (1, 2, 7, 48, 1000, EXACT_SHUFFLE_LIMIT):
        for seed in (0, 7, 2**32 - 1):
            pool = list(range(size))
            random.Random(seed).shuffle(pool)
            assert draw_order(seed, size, 10) == pool[:10]
            assert draw_order(seed, size) == pool


def big_pack_text(count: int) -> str:
    lines = [
        "pack: {id: big, title: Big}",
        "sources: [{id: s, title: S, publisher: P, date: '2024'}]",
        "facts: [{id: f, source: s, statement: A fact.}]",
        "questions:",
    ]
    levels = ("easy", "medium", "hard")
    for n in range(count):
        lines.append(
            f"  - {{id: q{n}, type: truefalse, fact: f, prompt: 'Statement {n}.', "
            f"answer: {str(n % 2 == 0).lower()}, difficulty: {levels[n % 3]}, tags: [t{n % 5}]}}"
        )
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_a_big_bank_round_from_the_index_is_the_full_pack_round(tmp_path, index):
    from trivia.game.round import EXACT_SHUFFLE_LIMIT

    directory = tmp_path / "packs"
    directory.mkdir()
    (directory / "big.yaml").write_text(big_pack_text(EXACT_SHUFFLE_LIMIT + 2000))
    (entry,) = index.scan([PackDir(directory, "extra")])
    full = load_pack(directory / "big.yaml")
    for config in (
        RoundConfig(seed=11),
        RoundConfig(seed=12, difficulties=frozenset({"hard"}), tags=frozenset({"t1", "t2"})),
        RoundConfig(seed=13, mode=Mode.SURVIVAL, tags=frozenset({"t3"})),
    ):
        assert plan_of(build_round([entry.pack], config)) == plan_of(build_round([full], config))


def test_round_size_counts_an_indexed_pack_as_the_loaded_one(index, tmp_path):
    """Home's match count reads an indexed pack in SQL: the same numbers as the YAML's."""
    from trivia.game.round import round_size

    [indexed] = [entry.pack for entry in index.scan(packs_dir(tmp_path, MAD_MEN)) if entry.pack]
    loaded = load_pack(MAD_MEN)
    for config in (
        RoundConfig(),
        RoundConfig(tags=frozenset({"awards"})),
        RoundConfig(tags=frozenset({"cast"}), difficulties=frozenset({"hard"})),  # type: ignore[arg-type]
        RoundConfig(mode=Mode.MARATHON, difficulties=frozenset({"easy"})),  # type: ignore[arg-type]
    ):
        assert round_size([indexed], config) == round_size([loaded], config)
    assert round_size([indexed], RoundConfig(tags=frozenset({"awards"}))).matching == 4


def _files_under(root: Path) -> list[Path]:
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def test_save_dir_holds_the_bank_index_and_nothing_is_written_elsewhere(tmp_path):
    """With --save-dir, the commands that read packs compile them into an index inside that
    directory: not at $TRIVIA_BANK_INDEX, not in the user cache dir (a meetup laptop's
    setup stays in one directory)."""
    saves = tmp_path / "saves"
    env = {
        **os.environ,
        "TRIVIA_BANK_INDEX": str(tmp_path / "env" / "bank-index.sqlite"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path / "home"),
    }
    trivia = Path(sys.executable).parent / "trivia"
    for command in (["packs"], ["stats"], ["where"]):
        result = subprocess.run(
            [str(trivia), *command, "--save-dir", str(saves)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
    assert f"index:    {saves / 'bank-index.sqlite'}" in result.stdout
    assert (saves / "bank-index.sqlite").is_file()
    written = _files_under(tmp_path)
    assert written and all(path.parts[0] == "saves" for path in written), written


@pytest.mark.parametrize("argv", [[], ["play"]], ids=["home", "play"])
def test_the_game_with_save_dir_compiles_packs_into_its_index(monkeypatch, tmp_path, argv):
    """`trivia --save-dir D` and `trivia play --save-dir D`: the app's pack scan (and
    play's pack lookup) use D's index, and the one the environment names is never made."""
    import asyncio
    import gc

    import trivia.tui.app
    from trivia.cli import main
    from trivia.tui.app import create_app

    scanned = []

    def pilot_main_tui(**kwargs) -> int:
        # Bare `trivia` pauses the garbage collector for `main_tui` to turn back on.
        if kwargs.pop("collector_paused", False):
            gc.enable()
        app = create_app(**kwargs)

        async def run() -> None:
            async with app.run_test(size=(100, 32)) as pilot:
                for _ in range(500):
                    await pilot.pause()
                    if app.pack_entries is not None:
                        break
                    await asyncio.sleep(0.01)
                scanned.append(app.pack_entries)

        asyncio.run(run())
        return 0

    monkeypatch.setattr(trivia.tui.app, "main_tui", pilot_main_tui)
    environment_index = Path(os.environ["TRIVIA_BANK_INDEX"])
    saves = tmp_path / "saves"
    assert main([*argv, "--save-dir", str(saves)]) == 0
    assert gc.isenabled()
    [entries] = scanned
    assert any(entry.pack is not None and entry.pack.id == "mad-men" for entry in entries)
    assert (saves / "bank-index.sqlite").is_file()
    assert not environment_index.exists()
    with BankIndex.open(saves / "bank-index.sqlite") as index:
        [[count]] = index.query("SELECT count(*) FROM files WHERE pack_id = 'mad-men'")
    assert count == 1


def test_a_moved_pack_is_not_compiled_again(tmp_path, index):
    dirs = packs_dir(tmp_path, MAD_MEN)
    index.scan(dirs)
    assert index.compiled == 1
    old = dirs[0].path / "mad-men.yaml"
    moved = dirs[0].path / "renamed.yaml"
    old.rename(moved)
    (entry,) = index.scan(dirs)
    assert index.compiled == 1  # keyed by content: the same bytes under a new name
    assert entry.path == moved and entry.pack is not None and entry.pack.path == moved
    assert len(entry.pack.questions) == len(load_pack(MAD_MEN).questions)
    [[paths]] = index.query("SELECT count(*) FROM paths")
    assert paths == 1  # the old name is forgotten
    copy = tmp_path / "elsewhere" / "copy.yaml"
    copy.parent.mkdir()
    copy.write_bytes(moved.read_bytes())
    assert index.resolve(str(copy), dirs).id == "mad-men"
    assert index.compiled == 1


def test_a_moved_broken_pack_is_reported_under_its_new_name(tmp_path, index):
    dirs = packs_dir(tmp_path)
    broken = dirs[0].path / "broken.yaml"
    broken.write_text("pack:\n  id: x\n  title: [\n", encoding="utf-8")
    index.scan(dirs)
    moved = broken.rename(dirs[0].path / "moved.yaml")
    (entry,) = index.scan(dirs)
    assert index.compiled == 1
    assert entry.problems and entry.problems[0].startswith(f"{moved}:")


def test_indexing_reports_reading_progress_that_moves(tmp_path, index, monkeypatch):
    import trivia.packs.stream
    from trivia.packs.importers import Draft, PackBuilder, dump_pack

    monkeypatch.setattr(trivia.packs.stream, "FAST_FROM_BYTES", 0)  # big files read so

    builder = PackBuilder(
        {"id": "big", "title": "Big", "language": "en", "version": "1"},
        {"id": "s", "title": "Made for a test", "publisher": "Tests", "date": "2024"},
        "a test",
    )
    for number in range(4000):
        builder.add(Draft("text", f"Which number is {number} written out?", str(number), "easy"))
    dirs = packs_dir(tmp_path)
    (dirs[0].path / "big.yaml").write_text(dump_pack(builder.document()), encoding="utf-8")
    seen = []
    index.scan(dirs, progress=seen.append)
    reading = [p.done for p in seen if p.stage == "reading" and p.total]
    assert len(set(reading)) >= 3 and reading == sorted(reading)
    assert reading[-1] == (dirs[0].path / "big.yaml").stat().st_size
