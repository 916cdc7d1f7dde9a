"""A bad save never stops the game and is never overwritten; old saves are migrated.

Every test uses a real SQLite file in tmp_path: garbage, a truncated database, a read-only
(immutable) file, a lock held by another connection, a newer schema, an unwritable folder,
two processes writing at once, and a version 1 database.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store_support import FakeClock, FakeNow, answer, make_pack

from trivia.game import Mode, RoundConfig, build_round
from trivia.store import SCHEMA_VERSION, NoticeKind, SaveFailed, Store
from trivia.store.schema import migrate

TESTS = Path(__file__).parent


def play_some(store: Store, answers: int = 5, seed: int = 1) -> int:
    """Play and save a few answers; returns the round id."""
    pack = make_pack()
    profile = store.profile_for_play(None)
    round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=seed), clock=FakeClock())
    round_id = store.start_round(profile, round_, [pack])
    for n in range(answers):
        store.record_answer(round_id, answer(round_, n % 2 == 0))
    return round_id


def assert_store_works(store: Store) -> None:
    round_id = play_some(store, answers=2, seed=99)
    saved = store.saved_round(round_id)
    assert saved is not None and saved.answered == 2


def test_garbage_is_moved_aside_with_its_wal_and_shm_and_a_fresh_save_starts(
    tmp_path: Path,
) -> None:
    database = tmp_path / "trivia.db"
    garbage = b"this is not a database, just bytes\x00\xff" * 500
    database.write_bytes(garbage)
    (tmp_path / "trivia.db-wal").write_bytes(b"wal junk")
    (tmp_path / "trivia.db-shm").write_bytes(b"shm junk")

    store = Store.open(tmp_path, now=FakeNow())

    (notice,) = store.notices
    assert notice.kind is NoticeKind.CORRUPT
    assert notice.moved_to == tmp_path / "trivia.db.corrupt-20261125-101500"
    assert str(notice.moved_to) in str(notice)
    assert notice.moved_to.read_bytes() == garbage  # kept, not overwritten
    assert (tmp_path / "trivia.db.corrupt-20261125-101500-wal").read_bytes() == b"wal junk"
    assert (tmp_path / "trivia.db.corrupt-20261125-101500-shm").read_bytes() == b"shm junk"
    assert store.path == database
    assert_store_works(store)
    store.close()
    # The next start is clean, and a second bad file the same second gets its own name.
    assert Store.open(tmp_path, now=FakeNow()).notices == ()
    database.unlink()
    database.write_bytes(garbage)
    again = Store.open(tmp_path, now=FakeNow())
    assert again.notices[0].moved_to == tmp_path / "trivia.db.corrupt-20261125-101500-2"


def test_a_truncated_database_is_moved_aside(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        play_some(store, answers=30)
        for seed in range(2, 12):
            play_some(store, answers=25, seed=seed)
    database = tmp_path / "trivia.db"
    size = database.stat().st_size
    assert size > 20 * 4096
    with database.open("r+b") as file:
        file.truncate(size // 2)
    kept = database.read_bytes()

    store = Store.open(tmp_path)

    (notice,) = store.notices
    assert notice.kind is NoticeKind.CORRUPT
    assert notice.moved_to is not None and notice.moved_to.read_bytes() == kept
    assert store.path == database and store.profiles() == []
    assert_store_works(store)


def test_a_read_only_database_is_left_intact_and_the_game_goes_on(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        play_some(store)
    database = tmp_path / "trivia.db"
    before = database.read_bytes()
    # Tests run as root, which ignores file modes; the immutable flag binds root too.
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available to make the file read-only for root")
    made = subprocess.run(["chattr", "+i", str(database)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"this filesystem cannot make a file immutable: {made.stderr!r}")
    try:
        store = Store.open(tmp_path)
        (notice,) = store.notices
        assert notice.kind is NoticeKind.READ_ONLY
        assert "cannot be written" in str(notice) and str(database) in str(notice)
        # An immutable file cannot be renamed either, so the session runs in memory.
        assert store.path is None
        assert_store_works(store)
        store.close()
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    assert database.read_bytes() == before


def test_a_database_locked_past_the_timeout_is_left_alone(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        play_some(store)
    holder = sqlite3.connect(tmp_path / "trivia.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store.open(tmp_path, busy_timeout=0.2)
        (notice,) = store.notices
        assert notice.kind is NoticeKind.LOCKED
        assert store.path is None
        assert_store_works(store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # Nothing was lost or moved: the next start finds the progress.
    with Store.open(tmp_path) as store:
        assert store.notices == ()
        assert len(store.unfinished_rounds(store.profile_for_play(None))) == 1
    assert sorted(p.name for p in tmp_path.iterdir() if ".corrupt" in p.name) == []


def test_a_rollback_journal_database_locked_exclusively_is_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "trivia.db"
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO other VALUES (1)")
    try:
        store = Store.open(tmp_path, busy_timeout=0.2)
        assert [notice.kind for notice in store.notices] == [NoticeKind.LOCKED]
    finally:
        holder.execute("COMMIT")
        holder.close()


def test_a_lock_during_a_round_fails_one_save_and_not_the_game(tmp_path: Path) -> None:
    store = Store.open(tmp_path, busy_timeout=0.2)
    pack = make_pack()
    round_ = build_round([pack], RoundConfig(seed=4), clock=FakeClock())
    round_id = store.start_round(store.profile_for_play(None), round_, [pack])
    holder = sqlite3.connect(tmp_path / "trivia.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    first = answer(round_, True)
    with pytest.raises(SaveFailed, match="could not be saved"):
        store.record_answer(round_id, first)
    holder.execute("ROLLBACK")
    holder.close()
    # Saving it again once the lock is gone works, and the next answer follows.
    store.record_answer(round_id, first)
    store.record_answer(round_id, answer(round_, True))
    saved = store.saved_round(round_id)
    assert saved is not None and (saved.answered, saved.score) == (2, round_.score)


def test_a_lock_released_within_the_timeout_just_waits(tmp_path: Path) -> None:
    import threading

    with Store.open(tmp_path) as store:
        play_some(store)
    holder = sqlite3.connect(tmp_path / "trivia.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    store = Store.open(tmp_path, busy_timeout=5.0)
    assert store.notices == ()
    assert store.path == tmp_path / "trivia.db"
    holder.close()


def test_a_newer_schema_is_never_touched(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        play_some(store)
    database = tmp_path / "trivia.db"
    raw = sqlite3.connect(database)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    store = Store.open(tmp_path)

    (notice,) = store.notices
    assert notice.kind is NoticeKind.NEWER
    assert "newer Fan Trivia" in str(notice) and notice.moved_to is None
    assert store.path is None
    assert_store_works(store)
    store.close()
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_an_unwritable_save_folder_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the save folder should be")
    store = Store.open(blocker / "saves")
    (notice,) = store.notices
    assert notice.kind is NoticeKind.IN_MEMORY
    assert "memory only" in str(notice)
    assert store.path is None
    assert_store_works(store)


def test_a_version_1_database_is_migrated_with_its_data(tmp_path: Path) -> None:
    database = tmp_path / "trivia.db"
    raw = sqlite3.connect(database, isolation_level=None)
    migrate(raw, target=1)
    assert raw.execute("PRAGMA user_version").fetchone() == (1,)
    # What release 1 wrote, frozen here: a profile, a round and three of its answers.
    pack = make_pack()
    round_ = build_round([pack], RoundConfig(seed=21), clock=FakeClock())
    outcomes = [answer(round_, correct) for correct in (True, False, True)]
    raw.execute(
        "INSERT INTO profiles VALUES (1, 'Ann', '2026-01-01T00:00:00.000000+00:00',"
        " '2026-01-02T00:00:00.000000+00:00')"
    )
    raw.execute(
        "INSERT INTO rounds (id, profile_id, mode, pack_key, packs, config, seed, started_at,"
        " score, streak, best_streak, answered, correct)"
        " VALUES (1, 1, 'quick', 'test', ?, ?, 21, '2026-01-02T00:00:00.000000+00:00',"
        " ?, ?, 1, 3, 2)",
        (
            json.dumps({"test": "1"}),
            json.dumps(round_.config.to_dict()),
            round_.score,
            round_.streak,
        ),
    )
    for outcome in outcomes:
        record = outcome.record.to_dict()
        raw.execute(
            "INSERT INTO answers (round_id, position, profile_id, pack_id, pack_version,"
            " question_id, difficulty, tags, mode, response, correct, timed_out, credit, points,"
            " elapsed, streak, lifelines, answered_at)"
            " VALUES (1, ?, 1, 'test', '1', ?, ?, ?, 'quick', ?, ?, 0, 1.0, ?, ?, ?, '[]',"
            " '2026-01-02T00:01:00.000000+00:00')",
            (
                outcome.index,
                outcome.question_id,
                outcome.question.difficulty.value,
                json.dumps(list(outcome.question.tags)),
                json.dumps(record["response"]),
                int(outcome.correct),
                outcome.points,
                outcome.elapsed,
                outcome.breakdown.streak,
            ),
        )
    raw.close()

    store = Store.open(tmp_path)

    assert store.notices == ()
    check = sqlite3.connect(database)
    assert check.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    check.close()
    (ann,) = store.profiles()
    assert ann.name == "Ann" and store.last_profile() == ann
    (saved,) = store.unfinished_rounds(ann)
    restored = store.restore_round(saved, [pack])
    assert (restored.score, restored.streak, len(restored.records)) == (
        round_.score,
        round_.streak,
        3,
    )
    # Version 2's practice boxes were filled in from the old answers.
    boxes = {state.question_id: state.box for state in store.boxes(ann, "test")}
    assert boxes == {o.question_id: 2 if o.correct else 1 for o in outcomes}
    assert store.stats(ann)["answered"] == 3


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from trivia.game import Mode, RoundConfig, build_round
    from trivia.store import Store
    from test_store_support import FakeClock, answer, make_pack

    name, rounds = sys.argv[1], int(sys.argv[2])
    store = Store.open(sys.argv[3])
    assert store.notices == (), store.notices
    pack = make_pack()
    profile = store.profile_for_play(name)
    for seed in range(rounds):
        round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=seed), clock=FakeClock())
        round_id = store.start_round(profile, round_, [pack])
        for n in range(len(pack.questions)):
            store.record_answer(round_id, answer(round_, n % 3 != 0))
        round_.next()
        store.finish_round(round_id)
    print("done", flush=True)
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    script = WRITER.format(tests=str(TESTS))
    rounds = 40
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, name, str(rounds), str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("Ann", "Bo")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    raw = sqlite3.connect(tmp_path / "trivia.db")
    assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    per_profile = dict(
        raw.execute(
            "SELECT p.name, count(*) FROM answers a JOIN profiles p ON p.id = a.profile_id"
            " GROUP BY p.name"
        ).fetchall()
    )
    assert per_profile == {"Ann": rounds * 30, "Bo": rounds * 30}
    raw.close()
