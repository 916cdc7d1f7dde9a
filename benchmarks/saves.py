"""How long committing one answer takes, and how big the save gets after 10,000 answers.

Run from the checkout:

    .venv/bin/python benchmarks/saves.py [--answers 10000] [--durable-answers 1000]

`Store.record_answer` (one BEGIN IMMEDIATE transaction: the answer row, the round's score and
streak, the question's Leitner box) is timed alone; building the answers with the real round
engine is not. The baseline, measured in the same run and the same folder, is a bare
`sqlite3` INSERT + COMMIT of one row of the same size in the same WAL settings, so the ratio
says what the store adds over SQLite itself on this machine. Default durability is WAL with
`synchronous=NORMAL` (nothing committed is lost when the process is killed; a power cut may
lose the last answers, never the file); the FULL figures (an fsync per answer) are printed
for comparison. Target: under 5 ms per answer.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from trivia.game import Mode, Outcome, RoundConfig, build_round
from trivia.packs.model import ChoiceQuestion, Difficulty, Fact, Pack, PackMeta, Source
from trivia.store import Store

TARGET_MS = 5.0


def bench_pack(count: int) -> Pack:
    """A pack of choice questions with realistic ids, tags and prompts."""
    questions = tuple(
        ChoiceQuestion(
            id=f"season-{n // 100:02d}-question-{n:05d}",
            fact="f",
            prompt=f"Which character said line number {n} in the pilot episode?",
            difficulty=(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD)[n % 3],
            tags=("characters", f"season-{n % 7}"),
            answer="Don Draper",
            options=("Don Draper", "Peggy Olson", "Roger Sterling", "Joan Holloway"),
        )
        for n in range(count)
    )
    return Pack(
        meta=PackMeta(id="mad-men", title="Mad Men", version="2026.11"),
        sources={"s": Source(id="s", title="An article", publisher="News", date="2022")},
        facts={"f": Fact(id="f", source="s", statement="A fact.")},
        questions=questions,
    )


def time_store(folder: Path, answers: int, durable: bool) -> tuple[list[float], Store]:
    """Seconds per `record_answer`, answering `answers` questions in rounds of 1,000."""
    store = Store.open(folder, durable=durable)
    if store.notices:
        sys.exit(f"the store did not open cleanly: {store.notices}")
    pack = bench_pack(1000)
    profile = store.profile_for_play("Bench")
    timings: list[float] = []
    seed = 0
    while len(timings) < answers:
        round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=seed, timed=False))
        round_id = store.start_round(profile, round_, [pack])
        while len(timings) < answers:
            # Two right answers in three: streaks and Leitner boxes both move.
            right = len(timings) % 3 != 2
            wrong = next(o for o in round_.current.options if o != "Don Draper")
            outcome: Outcome = round_.answer("Don Draper" if right else wrong)
            started = time.perf_counter()
            store.record_answer(round_id, outcome)
            timings.append(time.perf_counter() - started)
            if not round_.has_next:
                break
            round_.next()
        store.finish_round(round_id)
        seed += 1
    return timings, store


def time_baseline(folder: Path, rows: int, durable: bool, row: dict[str, object]) -> list[float]:
    """Seconds per bare INSERT + COMMIT of one row like an answer's, same WAL settings."""
    db = sqlite3.connect(folder / "baseline.db", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
    columns = list(row)
    db.execute(f"CREATE TABLE answers (id INTEGER PRIMARY KEY, {', '.join(columns)})")
    sql = f"INSERT INTO answers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    values = list(row.values())
    timings = []
    for _ in range(rows):
        started = time.perf_counter()
        db.execute("BEGIN")
        db.execute(sql, values)
        db.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    db.close()
    return timings


def sample_row(database: Path) -> dict[str, object]:
    """One saved answer row, to give the baseline the same columns and sizes."""
    db = sqlite3.connect(database)
    cursor = db.execute("SELECT * FROM answers LIMIT 1")
    names = [column[0] for column in cursor.description]
    found = dict(zip(names, cursor.fetchone(), strict=True))
    db.close()
    return {key: value for key, value in found.items() if key != "id"}


def size_of(database: Path) -> int:
    """Bytes of the database with its -wal (the -shm is an index, rebuilt at will)."""
    wal = database.with_name(database.name + "-wal")
    return database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def report(label: str, store_times: list[float], base_times: list[float]) -> float:
    store_median = statistics.median(store_times)
    base_median = statistics.median(base_times)
    p95 = statistics.quantiles(store_times, n=20)[-1]
    print(
        f"{label}: median {ms(store_median)} per answer (p95 {ms(p95)}, n={len(store_times)}); "
        f"baseline INSERT+COMMIT {ms(base_median)}; ratio {store_median / base_median:.2f}x"
    )
    return store_median


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--durable-answers", type=int, default=1_000)
    args = parser.parse_args(argv)

    print("command:", shlex.join([os.path.relpath(sys.executable), *sys.argv]))
    print(f"sqlite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="trivia-bench-") as tmp:
        normal_dir, durable_dir = Path(tmp, "normal"), Path(tmp, "durable")
        normal_dir.mkdir()
        durable_dir.mkdir()

        store_times, store = time_store(normal_dir, args.answers, durable=False)
        database = normal_dir / "trivia.db"
        row = sample_row(database)
        base_times = time_baseline(normal_dir, args.answers, False, row)
        median = report("WAL, synchronous=NORMAL (default)", store_times, base_times)
        live_size = size_of(database)
        store.close()  # the last close checkpoints the WAL into the file
        closed_size = size_of(database)
        base_size = size_of(normal_dir / "baseline.db")
        print(
            f"size after {args.answers} answers: {closed_size / 1024:.0f} KiB closed "
            f"({closed_size / args.answers:.0f} B/answer; {live_size / 1024:.0f} KiB with the "
            f"WAL while open); baseline table of the same rows {base_size / 1024:.0f} KiB; "
            f"ratio {closed_size / base_size:.2f}x (indexes, rounds, boxes)"
        )
        print(f"sample answer row: {json.dumps(row)}")

        durable_times, durable_store = time_store(durable_dir, args.durable_answers, durable=True)
        durable_store.close()
        durable_base = time_baseline(durable_dir, args.durable_answers, True, row)
        report("WAL, synchronous=FULL (durable=True)", durable_times, durable_base)

    verdict = "meets" if median * 1000 < TARGET_MS else "MISSES"
    print(f"target < {TARGET_MS} ms per answer (default settings): {verdict}")
    return 0 if median * 1000 < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
