"""Which saved rounds a running game is playing right now, so a second window does not.

Two windows of the game on one save directory each see the same unfinished rounds; only
the one playing a round may offer it for resume. A claim is a one-byte POSIX record lock at
the round's id in `trivia.db.live`, beside the database: the operating system drops it when
the process ends, however it ends (a crash, `kill -9`, a closed terminal), so a round is
never left claimed by a game that is gone, and no heartbeat needs writing.

Parties are claimed the same way, at `PARTY_CLAIMS` plus their id.

Record locks belong to the process, not to the file handle: claims made twice by one
process both succeed, and they conflict only with other processes. Where `fcntl` is
missing (Windows), every claim succeeds: the game behaves as before claims existed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

PARTY_CLAIMS = 1 << 40
"""Parties are claimed at this offset plus their id: a party and a round with the same id
are different claims."""

LIVE_SUFFIX = ".live"
"""The claims file is the database's path with this added (`trivia.db.live`)."""


class LiveClaims:
    """The rounds this process is playing, claimed against other processes on one save.

    Args:
        database: The save's database file; None (an in-memory save) claims nothing
            against anyone: every claim succeeds.
    """

    def __init__(self, database: Path | None) -> None:
        self._path = None if database is None else database.with_name(database.name + LIVE_SUFFIX)
        self._fd: int | None = None
        self._held: set[int] = set()
        self._lock = threading.Lock()

    def claim(self, round_id: int) -> bool:
        """Claim a round (or, at `PARTY_CLAIMS` + id, a party) for this process.

        Returns:
            True when this process holds the round now (or claims cannot be made here);
            False when another running game holds it.
        """
        with self._lock:
            if round_id in self._held:
                return True
            fd = self._file()
            if fd is None:
                return True
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, round_id)
            except BlockingIOError:
                return False
            except OSError:
                # A file system without record locks: do as if there were no claims.
                return True
            self._held.add(round_id)
            return True

    def release(self, round_id: int) -> None:
        """Let other games have the round (it ended, or the player kept it for later)."""
        with self._lock:
            if round_id not in self._held or self._fd is None:
                return
            self._held.discard(round_id)
            with contextlib.suppress(OSError):
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, round_id)

    def close(self) -> None:
        """Release every claim (closing the file drops this process's locks on it)."""
        with self._lock:
            self._held.clear()
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None

    def _file(self) -> int | None:
        if self._fd is None and self._path is not None and fcntl is not None:
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                # A save dir we can read but not write: nothing is saved anyway.
                self._path = None
        return self._fd
