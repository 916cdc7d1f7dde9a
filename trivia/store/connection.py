"""The connection to the save database: opening it whatever state it is in, transactions.

`Store.open(directory)` never raises for a bad save: a corrupt, truncated, unreadable or
read-only `trivia.db` is moved aside (kept, with its `-wal` and `-shm`) and a fresh one is
started; a database that is locked past the busy timeout, or written by a newer Fan Trivia,
is left untouched and the session runs on an in-memory store; so does a save directory that
cannot be written. Each case adds a `Notice` to `Store.notices` for the UI and CLI to show.

Writes are short `BEGIN IMMEDIATE` transactions with a busy timeout, so two instances on one
save directory take turns and lose nothing. Each answer is committed when it is given.
Durability: the database is in WAL mode with `synchronous=NORMAL` by default: a killed process
or a closed terminal loses nothing that was committed; a power cut or an OS crash may lose the
last answers but never corrupts the file. `durable=True` gives `synchronous=FULL` (an fsync
per answer) when that matters more than speed.

Threads: one connection opened with `check_same_thread=False`, guarded by a lock, so a Store
can be called from a worker thread (Textual's `@work(thread=True)`) and from the UI thread;
calls run one at a time.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from trivia.store.errors import SaveFailed, StoreError
from trivia.store.faults import Fault, Notice, NoticeKind, move_aside, prepare_patiently
from trivia.store.live import LiveClaims
from trivia.store.paths import DATABASE_NAME, SaveLocation, resolve_save_dir
from trivia.store.schema import SCHEMA_VERSION, migrate, stamp

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another instance's transaction before giving up."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Connection:
    """One SQLite save, opened safely, and its locked read and write transactions.

    The base of `trivia.store.Store`: the modules beside this one add what is stored
    (profiles, rounds, boxes, parties, records) on top of `_read` and `_write`.
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        path: Path | None,
        notices: Sequence[Notice] = (),
        *,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        """Wrap a prepared connection; use `Store.open` or `Store.in_memory` instead."""
        self._db = db
        self._path = path
        self._notices = tuple(notices)
        self._now = now
        self._lock = threading.RLock()
        # Rounds: round id -> {pack id: version}, read once per round, not once per answer.
        self._round_packs: dict[int, dict[str, str]] = {}
        # The rounds this game is playing, so another window on this save leaves them be.
        self._live = LiveClaims(path)

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        directory: str | os.PathLike[str] | SaveLocation | None = None,
        *,
        durable: bool = False,
        busy_timeout: float = BUSY_TIMEOUT,
        now: Callable[[], datetime] = _utc_now,
    ) -> Self:
        """Open (or create) `trivia.db` in a save directory; never fails on a bad save.

        Args:
            directory: The save directory; None resolves it (`resolve_save_dir()`).
            durable: fsync every answer (`synchronous=FULL`) instead of relying on WAL
                with `synchronous=NORMAL` (see the module docstring).
            busy_timeout: Seconds to wait for another instance's lock.
            now: The wall clock (tests pass a fixed one); it must return aware datetimes.

        Returns:
            A usable store. `notices` says if it is not the file that was asked for,
            and `path` is None when it only lives in memory.
        """
        if directory is None:
            directory = resolve_save_dir()
        folder = directory.directory if isinstance(directory, SaveLocation) else Path(directory)
        path = folder / DATABASE_NAME
        notices: list[Notice] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            return cls._fallback(
                notices,
                path,
                f"The save folder {folder} cannot be created ({error.strerror or error}).",
                now,
            )

        try:
            return cls(prepare_patiently(path, durable, busy_timeout), path, notices, now=now)
        except Fault as fault:
            if fault.kind in (NoticeKind.LOCKED, NoticeKind.NEWER, NoticeKind.IN_MEMORY):
                # The file belongs to someone else (a live instance, a newer release) or
                # the disk refuses writes: moving it would not help, so leave it be.
                return cls._fallback(notices, path, fault.message, now, fault.kind)
            try:
                moved = move_aside(path, fault.kind, now())
            except OSError as error:
                reason = error.strerror or str(error)
                return cls._fallback(
                    notices,
                    path,
                    f"{fault.message} It could not be moved aside ({reason}), so it is left "
                    "as it is.",
                    now,
                    fault.kind,
                )
            notices.append(
                Notice(
                    fault.kind,
                    f"{fault.message} It was moved to {moved} (kept, not deleted) and a "
                    "fresh save was started.",
                    path,
                    moved,
                )
            )
        try:
            return cls(prepare_patiently(path, durable, busy_timeout), path, notices, now=now)
        except Fault as fault:
            return cls._fallback(
                notices, path, f"A fresh save could not be started: {fault.message}", now
            )

    @classmethod
    def in_memory(cls, *, now: Callable[[], datetime] = _utc_now) -> Self:
        """A store that keeps nothing after it is closed (tests, and the fallback)."""
        db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db)
        return cls(db, None, now=now)

    @classmethod
    def open_read_only(
        cls,
        directory: str | os.PathLike[str] | SaveLocation | None = None,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        now: Callable[[], datetime] = _utc_now,
    ) -> Self:
        """Open the save read-only: for a display that follows a party the host runs.

        Nothing is written (no migration, no start-up stamp), so a display never
        competes with the host for the write lock; every read sees the host's latest
        commit (WAL). Writes through this store raise `SaveFailed`.

        Args:
            directory: The host's save directory; None resolves it as `open` does.
            busy_timeout: Seconds a read waits on a lock.
            now: The wall clock.

        Raises:
            StoreError: No save there yet, or one this version cannot read (the host
                has not opened it with this version, or it is newer).
        """
        if directory is None:
            directory = resolve_save_dir()
        folder = directory.directory if isinstance(directory, SaveLocation) else Path(directory)
        path = folder / DATABASE_NAME
        if not path.is_file():
            raise StoreError(f"there is no save at {path} yet: start the party on the host first")
        try:
            db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            (version,) = db.execute("PRAGMA user_version").fetchone()
        except sqlite3.Error as error:
            raise StoreError(f"the save {path} cannot be read: {error}") from error
        if version != SCHEMA_VERSION:
            db.close()
            raise StoreError(
                f"the save {path} is in format {version}, this version reads {SCHEMA_VERSION}: "
                "open it once with this Fan Trivia on the host"
            )
        return cls(db, path, now=now)

    @classmethod
    def _fallback(
        cls,
        notices: list[Notice],
        path: Path,
        why: str,
        now: Callable[[], datetime],
        kind: NoticeKind = NoticeKind.IN_MEMORY,
    ) -> Self:
        store = cls.in_memory(now=now)
        message = f"{why} Progress this session is kept in memory only and will not be saved."
        store._notices = (*notices, Notice(kind, message, path))
        return store

    @property
    def path(self) -> Path | None:
        """The database file in use, or None for an in-memory store."""
        return self._path

    def now(self) -> datetime:
        """The store's wall clock (timezone-aware): what answers and due dates are timed by."""
        return self._now()

    @property
    def notices(self) -> tuple[Notice, ...]:
        """What the player should be told about the save (empty when all went well)."""
        return self._notices

    def close(self) -> None:
        """Close the database (committed answers are already safe); claims are dropped."""
        with self._lock:
            self._db.close()
        self._live.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------

    def _stamp(self) -> str:
        return stamp(self._now())

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # A deferred transaction: several SELECTs see one snapshot, and readers never
        # block the other instance's writer in WAL mode.
        with self._lock:
            try:
                self._db.execute("BEGIN")
                try:
                    yield self._db
                finally:
                    if self._db.in_transaction:
                        self._db.execute("COMMIT")
            except sqlite3.Error as error:
                raise StoreError(f"the save could not be read: {error}") from error

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two instances queue on the busy
        # timeout instead of failing with a deadlock halfway through.
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                if self._db.in_transaction:
                    self._db.rollback()
                raise SaveFailed(f"progress could not be saved: {error}") from error
