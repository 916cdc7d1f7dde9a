"""A save file that cannot be used: why (`NoticeKind`), what the player is told (`Notice`).

`prepare_patiently` connects to `trivia.db`, checks it and brings its schema up to date, or
raises `Fault` saying what is wrong with it; `move_aside` renames a damaged file (with its
`-wal` and `-shm`) so it is kept, never overwritten. `Store.open` (in
`trivia.store.connection`) decides which faults move the file aside and which leave it be.
"""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from trivia.store.schema import SCHEMA_VERSION, migrate, stamp

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class NoticeKind(StrEnum):
    """Why the store did not simply open `trivia.db`."""

    CORRUPT = "corrupt"
    """The file was not a database, or failed its integrity check: moved aside."""
    READ_ONLY = "read_only"
    """The file could not be written: moved aside."""
    UNREADABLE = "unreadable"
    """The file could not be read (an I/O error): moved aside."""
    LOCKED = "locked"
    """Another program held the database past the busy timeout: left alone, in memory."""
    NEWER = "newer"
    """Written by a newer Fan Trivia: left alone, in memory."""
    IN_MEMORY = "in_memory"
    """The save directory or a fresh database could not be written: in memory."""


@dataclass(frozen=True, slots=True)
class Notice:
    """What the player should be told about their save; `str(notice)` is the message.

    Attributes:
        kind: What happened.
        message: One or two sentences for the player, naming the files involved.
        database: The database file concerned.
        moved_to: Where the old file now is, when it was moved aside.
    """

    kind: NoticeKind
    message: str
    database: Path | None = None
    moved_to: Path | None = None

    def __str__(self) -> str:
        return self.message


class Fault(Exception):
    """Why a database file could not be used, classified for `Store.open`."""

    def __init__(self, kind: NoticeKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _prepare(path: Path, durable: bool, busy_timeout: float) -> sqlite3.Connection:
    """Connect, check and migrate `path`; raise `Fault` for anything wrong with it."""
    # Judge the header before SQLite opens the file: SQLite would run WAL recovery and
    # delete a -wal it cannot use, and those files are to be kept as they are.
    version = _header_version(path)
    if version is not None and version > SCHEMA_VERSION:
        raise Fault(
            NoticeKind.NEWER,
            f"Your save {path} was written by a newer Fan Trivia (save format {version}; "
            f"this version knows up to {SCHEMA_VERSION}). It is left untouched: update Fan "
            "Trivia to play with it.",
        )
    db: sqlite3.Connection | None = None
    try:
        db = sqlite3.connect(
            path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        (version,) = db.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:  # created by a newer release between peek and connect
            raise Fault(NoticeKind.NEWER, f"Your save {path} was written by a newer Fan Trivia.")
        (mode,) = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if str(mode).lower() != "wal":
            raise Fault(NoticeKind.READ_ONLY, f"Your save {path} cannot be written.")
        db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        db.execute("PRAGMA foreign_keys = ON")
        # quick_check reads every page, so a truncated or scribbled file is caught now
        # rather than in the middle of a round; it costs milliseconds on a real save.
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged ({problems[0]}).")
        migrate(db)
        # A write at every start: a file that can be read but not written is found here,
        # not on the first answer.
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('opened_at', ?)",
            (stamp(datetime.now(UTC)),),
        )
        db.execute("COMMIT")
        return db
    except Fault:
        _close(db)
        raise
    except sqlite3.Error as error:
        _close(db)
        raise _classify(path, error) from error
    except OSError as error:
        _close(db)
        raise Fault(NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error}).") from error


def prepare_patiently(path: Path, durable: bool, busy_timeout: float) -> sqlite3.Connection:
    """`_prepare`, tried again while another instance holds the file, up to the timeout.

    SQLite answers some lock conflicts at once instead of calling its busy handler (two
    instances creating the save together: one switches it to WAL while the other opens
    it), so a busy answer is retried here until `busy_timeout` has passed.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return _prepare(path, durable, busy_timeout)
        except Fault as fault:
            if fault.kind is not NoticeKind.LOCKED or time.monotonic() >= deadline:
                raise
        time.sleep(0.02)


def _header_version(path: Path) -> int | None:
    """The schema version in an existing file's header; None for a missing or empty file.

    Raises:
        Fault: The file cannot be read, or is not an SQLite database at all.
    """
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Fault(
            NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error.strerror})."
        ) from error
    if not header:
        return None
    # The SQLite header: a 16-byte magic string; user_version is the big-endian int at 60.
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged (not a database).")
    return int.from_bytes(header[60:64], "big", signed=True)


def _classify(path: Path, error: sqlite3.Error) -> Fault:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return Fault(
            NoticeKind.LOCKED,
            f"Your save {path} is locked by another program (another Fan Trivia?). It is "
            "left untouched.",
        )
    if code == _SQLITE_READONLY:
        return Fault(NoticeKind.READ_ONLY, f"Your save {path} cannot be written ({error}).")
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged ({error}).")
    if code == _SQLITE_IOERR:
        return Fault(NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error}).")
    if code in (_SQLITE_FULL, _SQLITE_CANTOPEN):
        return Fault(NoticeKind.IN_MEMORY, f"Your save {path} cannot be opened ({error}).")
    return Fault(NoticeKind.CORRUPT, f"Your save {path} cannot be used ({error}).")


def move_aside(path: Path, kind: NoticeKind, at: datetime) -> Path:
    """Rename the database and its -wal and -shm to `trivia.db.<kind>-YYYYMMDD-HHMMSS`.

    The -wal keeps its pairing with the moved file, so someone recovering it opens the
    moved file and gets the last transactions too.
    """
    label = {NoticeKind.READ_ONLY: "readonly"}.get(kind, kind.value)
    base = f"{path.name}.{label}-{at.astimezone().strftime('%Y%m%d-%H%M%S')}"
    target = path.with_name(base)
    number = 1
    while any(target.with_name(target.name + s).exists() for s in ("", "-wal", "-shm")):
        number += 1
        target = path.with_name(f"{base}-{number}")
    if path.exists():
        os.rename(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            try:
                os.rename(companion, target.with_name(target.name + suffix))
            except OSError:
                # The database itself is safe; a stale -shm left behind is rebuilt anyway.
                if suffix == "-wal":
                    raise
    return target


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        with suppress(sqlite3.Error):
            db.close()
