"""The bank index: pack files compiled into a SQLite cache, so bank size does not matter.

Listing the packs, starting the game and building a round read the index, not the YAML:
each pack's metadata, sources and counts (`PackSummary`), and each question's compiled
form (`trivia.packs.stored.question_record` as JSON) with its difficulty and tags in
columns, so a round selects its questions with SQL and builds only those.

The index is a cache, kept apart from the saves (`trivia.db`): deleting it loses nothing,
and anything wrong with it (corrupt, another format, unwritable) starts a fresh one. An
entry is keyed on the file's path, size and modification time (ns); a pack file that
changed is compiled again, alone. A pack that does not validate is not indexed: its
problems are kept (so it is not parsed again until it changes) and listed.

Where it lives, first match wins: the `path` given to `BankIndex.open` (the command line
passes `bank-index.sqlite` inside `--save-dir` when one is given, see
`trivia.store.paths.bank_index_in_save_dir`), the `TRIVIA_BANK_INDEX` environment variable
(a file path; tests use it), else `bank-index.sqlite` in the platform's user cache
directory.

Typical use:

    index = BankIndex.open()
    entries = index.scan(pack_dirs(), progress=print)    # PackEntry, as library.scan
    pack = entries[0].pack                                # its questions stay in the index
    round = build_round([pack], RoundConfig(seed=7))      # reads 10 questions
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from trivia.packs.library import PackDir, PackEntry, PackNotFound, looks_like_path, pack_files
from trivia.packs.model import AnyQuestion, Difficulty, Fact, Pack, PackMeta, Source
from trivia.packs.stored import PackSummary, question_from_record, question_record, summarize
from trivia.store.paths import BANK_INDEX_ENV_VAR, BANK_INDEX_NAME, bank_index_path

if TYPE_CHECKING:
    from trivia.packs.problems import Problem

INDEX_NAME = BANK_INDEX_NAME
ENV_VAR = BANK_INDEX_ENV_VAR
FORMAT = 1
"""The index's layout version (`PRAGMA user_version`); another one is rebuilt from scratch."""

_BATCH = 2000
"""Questions written per progress report while compiling, and read per query."""

_SCHEMA = """
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    pack_id TEXT,
    meta TEXT,
    sources TEXT,
    summary TEXT,
    problems TEXT
);
CREATE TABLE facts (
    file_id INTEGER NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    statement TEXT NOT NULL,
    PRIMARY KEY (file_id, id)
) WITHOUT ROWID;
CREATE TABLE questions (
    file_id INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    id TEXT NOT NULL,
    difficulty TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (file_id, pos)
);
CREATE INDEX questions_by_id ON questions (file_id, id);
CREATE TABLE question_tags (
    file_id INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (file_id, pos, tag)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True)
class IndexProgress:
    """How far the compilation of one pack file has got.

    Attributes:
        path: The pack file.
        stage: "reading" (parsing and validating; `total` is 0, the size is unknown),
            "indexing" (writing its questions: `done` of `total`) or "done".
        done: Questions written so far.
        total: Questions in the pack (0 while reading).
    """

    path: Path
    stage: str
    done: int = 0
    total: int = 0


Progress = Callable[[IndexProgress], object]


class BankIndex:
    """The compiled packs, on disk; open it with `BankIndex.open`.

    Safe to share between threads (one connection, used under a lock): the app scans in a
    worker, builds rounds on the UI thread and practises on its store thread. The packs it
    hands out read from it, so keep it open while they are in use.

    Attributes:
        path: The index file (":memory:" when no file could be used).
        compiled: How many pack files this object has parsed and compiled (tests read it
            to prove that an unchanged pack is not parsed again).
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | str) -> None:
        """Wrap an open, ready connection; use `BankIndex.open` rather than this."""
        self._db = connection
        self._lock = threading.RLock()
        self.path = path
        self.compiled = 0

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> BankIndex:
        """Open the index, creating it (or starting it again) when needed; never fails.

        A file that is not a usable index is deleted and replaced (it is only a cache);
        when no file can be used at all, the index lives in memory for this run.
        """
        target = Path(path) if path is not None else bank_index_path()
        for attempt in range(2):
            try:
                return cls(_connect(target), target)
            except (sqlite3.Error, OSError):
                if attempt == 0:
                    _delete(target)
        return cls(_connect(":memory:"), ":memory:")

    def close(self) -> None:
        """Close the connection; packs handed out can no longer read their questions."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> BankIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- the packs -----------------------------------------------------------------------

    def scan(self, dirs: Iterable[PackDir], progress: Progress | None = None) -> list[PackEntry]:
        """Every pack file in the directories, as `trivia.packs.library.scan` lists them.

        Files that changed since they were indexed (or are new) are compiled first, one by
        one; the others are read from the index without opening them. Entries of files
        that no longer exist are dropped from the index.
        """
        entries: list[PackEntry] = []
        first_by_id: dict[str, Path] = {}
        for pack_dir in dirs:
            for path in pack_files(pack_dir.path):
                entry = self.entry(path, pack_dir.origin, progress)
                if entry.pack is not None:
                    pack_id = entry.pack.id
                    if pack_id in first_by_id:
                        entry.shadowed_by = first_by_id[pack_id]
                    else:
                        first_by_id[pack_id] = path
                entries.append(entry)
        self._forget_missing()
        return entries

    def entry(self, path: Path, origin: str, progress: Progress | None = None) -> PackEntry:
        """One pack file, compiled first if it is new or changed since it was indexed."""
        key = _key(path)
        row = self._row(path)
        if row is None or key is None or (row["size"], row["mtime_ns"]) != key:
            row = self._compile(path, key, progress)
        if row["problems"] is not None:
            problems = [str(problem) for problem in self.problems_of(row)]
            return PackEntry(path=path, origin=origin, problems=problems)
        return PackEntry(path=path, origin=origin, pack=self._pack(row, path))

    def problems_of(self, row: sqlite3.Row) -> list[Problem]:
        """The problems kept for a pack file that did not validate."""
        from trivia.packs.problems import Problem

        return [
            Problem(path, line, col, message, hint, tuple(where))
            for path, line, col, message, hint, where in json.loads(row["problems"] or "[]")
        ]

    def resolve(self, name: str, dirs: Iterable[PackDir], progress: Progress | None = None) -> Pack:
        """The pack a `--pack` value names (a file path, or an id), as `resolve_pack` does.

        Raises:
            PackNotFound: Nothing matches; the message lists the ids that exist.
            PackError: The file was found but has problems.
        """
        from trivia.packs.problems import PackError

        if looks_like_path(name) or Path(name).is_file():
            path = Path(name).expanduser()
            if not path.is_file():
                raise PackNotFound(f"{name}: no such pack file")
            entry = self.entry(path, "path", progress)
            if entry.pack is None:
                row = self._row(path)
                assert row is not None
                raise PackError(self.problems_of(row))
            return entry.pack
        playable = [e.pack for e in self.scan(dirs, progress) if e.pack and e.shadowed_by is None]
        for pack in playable:
            if pack.id == name:
                return pack
        known = ", ".join(sorted(pack.id for pack in playable)) or "none"
        raise PackNotFound(f"no pack with id {name!r} (installed: {known})")

    # --- inside: compiling ---------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # The connection is in autocommit mode: without a transaction around them,
        # 200,000 inserts would be 200,000 commits.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _row(self, path: Path) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._db.execute(
                "SELECT * FROM files WHERE path = ?", (str(path),)
            ).fetchone()
            return row

    def _compile(
        self, path: Path, key: tuple[int, int] | None, progress: Progress | None
    ) -> sqlite3.Row:
        from trivia.packs import PackError, load_pack

        report = progress or (lambda _: None)
        report(IndexProgress(path, "reading"))
        self.compiled += 1
        try:
            pack: Pack | None = load_pack(path)
            problems: list[Problem] = []
        except PackError as error:
            pack, problems = None, error.problems
        size, mtime_ns = key if key is not None else (-1, -1)
        with self._lock, self._transaction():
            self._forget(path)
            if pack is None:
                self._db.execute(
                    "INSERT INTO files (path, size, mtime_ns, problems) VALUES (?, ?, ?, ?)",
                    (str(path), size, mtime_ns, json.dumps([_problem_data(p) for p in problems])),
                )
            else:
                self._write(pack, path, size, mtime_ns, report)
        count = len(pack.questions) if pack else 0
        report(IndexProgress(path, "done", count, count))
        row = self._row(path)
        assert row is not None
        return row

    def _write(self, pack: Pack, path: Path, size: int, mtime_ns: int, report: Progress) -> None:
        summary = summarize(pack)
        meta = pack.meta
        cursor = self._db.execute(
            "INSERT INTO files (path, size, mtime_ns, pack_id, meta, sources, summary) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                str(path),
                size,
                mtime_ns,
                pack.id,
                json.dumps({**_plain(meta), "authors": list(meta.authors)}),
                json.dumps([_plain(source) for source in pack.sources.values()]),
                json.dumps(summary.to_dict()),
            ),
        )
        file_id = cursor.lastrowid
        self._db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?)",
            ((file_id, f.id, f.source, f.statement) for f in pack.facts.values()),
        )
        total = len(pack.questions)
        report(IndexProgress(path, "indexing", 0, total))
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for start in range(0, total, _BATCH):
            batch = pack.questions[start : start + _BATCH]
            self._db.executemany(
                "INSERT INTO questions VALUES (?, ?, ?, ?, ?)",
                (
                    (file_id, start + n, q.id, q.difficulty.value, dumps(question_record(q)))
                    for n, q in enumerate(batch)
                ),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO question_tags VALUES (?, ?, ?)",
                ((file_id, start + n, tag) for n, q in enumerate(batch) for tag in q.tags),
            )
            report(IndexProgress(path, "indexing", min(start + _BATCH, total), total))

    def _forget(self, path: str | Path) -> None:
        rows = self._db.execute("SELECT id FROM files WHERE path = ?", (str(path),)).fetchall()
        for (file_id,) in rows:
            for table in ("facts", "questions", "question_tags"):
                self._db.execute(f"DELETE FROM {table} WHERE file_id = ?", (file_id,))
        self._db.execute("DELETE FROM files WHERE path = ?", (str(path),))

    def _forget_missing(self) -> None:
        with self._lock:
            paths = [row[0] for row in self._db.execute("SELECT path FROM files")]
            gone = [path for path in paths if not Path(path).is_file()]
            if gone:
                with self._transaction():
                    for path in gone:
                        self._forget(path)

    # --- inside: reading -----------------------------------------------------------------

    def _pack(self, row: sqlite3.Row, path: Path) -> Pack:
        meta = json.loads(row["meta"])
        meta["authors"] = tuple(meta["authors"])
        summary = PackSummary.from_dict(json.loads(row["summary"]))
        sources = {s["id"]: Source(**s) for s in json.loads(row["sources"])}
        return Pack(
            meta=PackMeta(**meta),
            sources=sources,
            facts=IndexedFacts(self, row["id"], summary.facts),
            questions=IndexedQuestions(self, row["id"], summary),
            path=path,
        )

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """Rows of a read-only query (for the packs handed out)."""
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()


class IndexedQuestions(Sequence[AnyQuestion]):
    """A pack's questions, read from the index as they are asked for (`StoredQuestions`).

    Counting is free; an item or a slice reads those questions; iterating reads them all,
    a batch at a time (practice and the linter may; rounds do not).
    """

    def __init__(self, index: BankIndex, file_id: int, summary: PackSummary) -> None:
        self._index = index
        self._file_id = file_id
        self._summary = summary

    def __repr__(self) -> str:
        return f"<IndexedQuestions of {self._summary.questions} in {self._index.path}>"

    def __len__(self) -> int:
        return self._summary.questions

    @overload
    def __getitem__(self, index: int) -> AnyQuestion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[AnyQuestion]: ...

    def __getitem__(self, index: int | slice) -> AnyQuestion | Sequence[AnyQuestion]:
        if isinstance(index, slice):
            return self.at(range(*index.indices(len(self))))
        size = len(self)
        if not -size <= index < size:
            raise IndexError("question index out of range")
        return self.at([index % size])[0]

    def __iter__(self) -> Iterator[AnyQuestion]:
        for start in range(0, len(self), _BATCH):
            rows = self._index.query(
                "SELECT record FROM questions WHERE file_id = ? AND pos >= ? AND pos < ? "
                "ORDER BY pos",
                (self._file_id, start, start + _BATCH),
            )
            for (record,) in rows:
                yield question_from_record(json.loads(record))

    def summary(self) -> PackSummary:
        """The pack's counts, as compiled."""
        return self._summary

    def matching_positions(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> Sequence[int]:
        """The positions of the questions that pass the filters, ascending."""
        if not tags and not difficulties:
            return range(len(self))
        return array("q", (row[0] for row in self._matching("pos", tags, difficulties)))

    def matching_ids(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> list[str]:
        """The ids of the questions that pass the filters, in pack order."""
        return [row[0] for row in self._matching("id", tags, difficulties)]

    def _matching(
        self, column: str, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> list[Any]:
        sql = f"SELECT q.{column} FROM questions q WHERE q.file_id = ?"
        parameters: list[Any] = [self._file_id]
        if difficulties:
            sql += f" AND q.difficulty IN ({_marks(difficulties)})"
            parameters += [Difficulty(d).value for d in difficulties]
        if tags:
            sql += (
                " AND EXISTS (SELECT 1 FROM question_tags t WHERE t.file_id = q.file_id"
                f" AND t.pos = q.pos AND t.tag IN ({_marks(tags)}))"
            )
            parameters += list(tags)
        return self._index.query(sql + " ORDER BY q.pos", parameters)

    def at(self, positions: Sequence[int]) -> list[AnyQuestion]:
        """The questions at these positions, in the order asked."""
        found: dict[int, AnyQuestion] = {}
        wanted = sorted(set(positions))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._index.query(
                f"SELECT pos, record FROM questions WHERE file_id = ? AND pos IN ({_marks(chunk)})",
                [self._file_id, *chunk],
            )
            found.update((pos, question_from_record(json.loads(record))) for pos, record in rows)
        try:
            return [found[position] for position in positions]
        except KeyError as missing:
            raise IndexError(f"no question at position {missing}") from None

    def named(self, ids: Collection[str]) -> list[AnyQuestion]:
        """The questions with these ids that the pack has, in pack order."""
        rows: list[Any] = []
        wanted = list(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows += self._index.query(
                f"SELECT pos, record FROM questions WHERE file_id = ? AND id IN ({_marks(chunk)})",
                [self._file_id, *chunk],
            )
        # Sorted by position alone: the rows are `sqlite3.Row`s, which do not order.
        rows.sort(key=lambda row: row[0])
        return [question_from_record(json.loads(record)) for _, record in rows]


class IndexedFacts(Mapping[str, Fact]):
    """A pack's facts by id, read from the index one at a time (a round reads few)."""

    def __init__(self, index: BankIndex, file_id: int, count: int) -> None:
        self._index = index
        self._file_id = file_id
        self._count = count

    def __repr__(self) -> str:
        return f"<IndexedFacts of {self._count} in {self._index.path}>"

    def __getitem__(self, fact_id: str) -> Fact:
        rows = self._index.query(
            "SELECT source, statement FROM facts WHERE file_id = ? AND id = ?",
            (self._file_id, fact_id),
        )
        if not rows:
            raise KeyError(fact_id)
        return Fact(fact_id, rows[0][0], rows[0][1])

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        rows = self._index.query("SELECT id FROM facts WHERE file_id = ?", (self._file_id,))
        return iter([row[0] for row in rows])


def open_bank(path: str | os.PathLike[str] | None = None) -> BankIndex:
    """The bank index (`BankIndex.open`)."""
    return BankIndex.open(path)


def scan_indexed(
    dirs: Iterable[PackDir],
    progress: Progress | None = None,
    *,
    index: BankIndex | None = None,
    path: str | os.PathLike[str] | None = None,
) -> list[PackEntry]:
    """Every pack in the directories through the index (compiling changed files first).

    The packs returned read their questions from `index` (by default the one at `path`,
    else at `bank_index_path()`, opened here and kept open by the packs).
    """
    return (index or BankIndex.open(path)).scan(dirs, progress)


def resolve_indexed(
    name: str,
    dirs: Iterable[PackDir],
    progress: Progress | None = None,
    *,
    index: BankIndex | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Pack:
    """`BankIndex.resolve` on the default index (or the one at `path`): the pack a `--pack`
    value names.

    Raises:
        PackNotFound: Nothing matches; the message lists the ids that exist.
        PackError: The file was found but has problems.
    """
    return (index or BankIndex.open(path)).resolve(name, dirs, progress)


# --- helpers -------------------------------------------------------------------------------


def _connect(path: Path | str) -> sqlite3.Connection:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        # A cache: losing the last write in a power cut costs a recompile, nothing more.
        db.execute("PRAGMA synchronous = OFF")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != FORMAT:
            with db:
                for (table,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall():
                    db.execute(f'DROP TABLE IF EXISTS "{table}"')
                db.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version = {FORMAT}; COMMIT;")
        db.execute("SELECT count(*) FROM files").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.remove(f"{path}{suffix}")


def _key(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _marks(values: Collection[Any]) -> str:
    return ", ".join("?" * len(values))


def _plain(value: PackMeta | Source) -> dict[str, Any]:
    return {name: getattr(value, name) for name in value.__slots__}


def _problem_data(problem: Problem) -> list[Any]:
    return [
        problem.path,
        problem.line,
        problem.col,
        problem.message,
        problem.hint,
        list(problem.where),
    ]
