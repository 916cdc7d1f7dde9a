"""The save database: profiles, rounds and every answer, in SQLite, without a UI.

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

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from trivia.game.party import Party, PartyError
from trivia.game.round import (
    Clock,
    Mode,
    Outcome,
    QuestionInProgress,
    RecordedAnswer,
    Round,
    RoundConfig,
    RoundError,
)
from trivia.packs.model import Pack
from trivia.store import daily as daily_rules
from trivia.store import leitner, records
from trivia.store import party as party_rows
from trivia.store.live import PARTY_CLAIMS, LiveClaims
from trivia.store.party import SavedParty
from trivia.store.paths import DATABASE_NAME, SaveLocation, resolve_save_dir
from trivia.store.schema import SCHEMA_VERSION, migrate, stamp

DEFAULT_PROFILE = "Player"
"""The profile a first `trivia play` creates, so it never stops to ask for a name."""

MAX_NAME_LENGTH = 30
"""Longest profile name; the UI lays names out in one line."""

BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another instance's transaction before giving up."""

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """Something the store could not do; its message is meant for the player."""


class ProfileError(StoreError):
    """A profile name that is empty, too long, or already taken, or an unknown profile."""


class SaveFailed(StoreError):
    """A write that did not happen (locked past the timeout, disk full, file gone bad).

    The game goes on; the UI shows the message.
    """


class NotResumable(StoreError):
    """A saved round that cannot be rebuilt (a pack is missing or has changed)."""


class DailyAlreadyPlayed(StoreError):
    """The profile has already played that pack's daily challenge that day."""


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


@dataclass(frozen=True, slots=True)
class Profile:
    """A player's profile.

    Attributes:
        id: The profile's row id.
        name: The name shown (unique, compared without case).
        created_at: When it was created (UTC ISO 8601).
        last_used_at: When it was last picked for play, or None.
    """

    id: int
    name: str
    created_at: str
    last_used_at: str | None


@dataclass(frozen=True, slots=True)
class Mastery:
    """ "Mastered N of M" for one pack and profile."""

    mastered: int
    total: int


@dataclass(frozen=True, slots=True)
class SavedRound:
    """A round as saved: enough to show it in a resume list and to rebuild it.

    Attributes:
        id: The round's row id (what `record_answer` takes).
        profile_id: Whose round it is.
        mode: The mode's value ("quick", "survival"...).
        packs: Pack id -> pack version, as played.
        config: `RoundConfig.to_dict()` as saved (the seed included).
        started_at: When it started (UTC ISO 8601).
        status: "in_progress", "finished" or "abandoned".
        score: Points so far.
        streak: The streak after the last answer.
        best_streak: The longest streak in the round.
        correct: Right answers so far.
        answers: The answers in order, as `Round.restore` replays them.
        daily: The date of the daily challenge this round is, if it is one.
        in_progress: The last checkpoint of the question being asked, if any.
    """

    id: int
    profile_id: int
    mode: str
    packs: dict[str, str]
    config: dict[str, Any]
    started_at: str
    status: str
    score: int
    streak: int
    best_streak: int
    correct: int
    answers: tuple[RecordedAnswer, ...] = field(default=())
    daily: str | None = None
    in_progress: QuestionInProgress | None = None

    @property
    def answered(self) -> int:
        """Questions settled so far (the round resumes on the reveal of the last one)."""
        return len(self.answers)

    def round_config(self) -> RoundConfig:
        """The config to rebuild the round with."""
        return RoundConfig.from_dict(self.config)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Store:
    """Saved progress in one SQLite database. Open it with `Store.open` or `Store.in_memory`.

    Every public method is safe to call from any thread. Methods that write raise
    `SaveFailed` when the write did not happen; the game can go on without it.
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
        # round id -> {pack id: version}: read once per round, not once per answer.
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
    ) -> Store:
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
            return cls(_prepare_patiently(path, durable, busy_timeout), path, notices, now=now)
        except _Fault as fault:
            if fault.kind in (NoticeKind.LOCKED, NoticeKind.NEWER, NoticeKind.IN_MEMORY):
                # The file belongs to someone else (a live instance, a newer release) or
                # the disk refuses writes: moving it would not help, so leave it be.
                return cls._fallback(notices, path, fault.message, now, fault.kind)
            try:
                moved = _move_aside(path, fault.kind, now())
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
            return cls(_prepare_patiently(path, durable, busy_timeout), path, notices, now=now)
        except _Fault as fault:
            return cls._fallback(
                notices, path, f"A fresh save could not be started: {fault.message}", now
            )

    @classmethod
    def in_memory(cls, *, now: Callable[[], datetime] = _utc_now) -> Store:
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
    ) -> Store:
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
    ) -> Store:
        store = cls.in_memory(now=now)
        message = f"{why} Progress this session is kept in memory only and will not be saved."
        store._notices = (*notices, Notice(kind, message, path))
        return store

    @property
    def path(self) -> Path | None:
        """The database file in use, or None for an in-memory store."""
        return self._path

    @property
    def notices(self) -> tuple[Notice, ...]:
        """What the player should be told about the save (empty when all went well)."""
        return self._notices

    def close(self) -> None:
        """Close the database (committed answers are already safe); claims are dropped."""
        with self._lock:
            self._db.close()
        self._live.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- profiles ----------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """Every profile, by name."""
        with self._read() as db:
            rows = db.execute(f"SELECT {_PROFILE_COLUMNS} FROM profiles ORDER BY name").fetchall()
        return [Profile(*row) for row in rows]

    def get_profile(self, name: str) -> Profile | None:
        """The profile with this name (case does not matter), or None."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {_PROFILE_COLUMNS} FROM profiles WHERE name = ?", (name.strip(),)
            ).fetchone()
        return Profile(*row) if row else None

    def create_profile(self, name: str) -> Profile:
        """Create a profile.

        Raises:
            ProfileError: The name is empty, too long, has control characters, or is taken.
            SaveFailed: The write did not happen.
        """
        clean = _check_name(name)
        with self._write() as db:
            if db.execute("SELECT 1 FROM profiles WHERE name = ?", (clean,)).fetchone():
                raise ProfileError(f"a profile named {clean!r} already exists")
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at) VALUES (?, ?)", (clean, self._stamp())
            )
            row = db.execute(
                f"SELECT {_PROFILE_COLUMNS} FROM profiles WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return Profile(*row)

    def rename_profile(self, profile: Profile, new_name: str) -> Profile:
        """Rename a profile; its progress stays with it.

        Raises:
            ProfileError: The new name is invalid or taken by another profile, or the
                profile no longer exists.
            SaveFailed: The write did not happen.
        """
        clean = _check_name(new_name)
        with self._write() as db:
            taken = db.execute(
                "SELECT id FROM profiles WHERE name = ? AND id != ?", (clean, profile.id)
            ).fetchone()
            if taken:
                raise ProfileError(f"a profile named {clean!r} already exists")
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (clean, profile.id))
            row = db.execute(
                f"SELECT {_PROFILE_COLUMNS} FROM profiles WHERE id = ?", (profile.id,)
            ).fetchone()
        if row is None:
            raise ProfileError(f"no profile {profile.name!r}")
        return Profile(*row)

    def pick_profile(self, profile: Profile) -> Profile:
        """Make a profile the last one used (the one preselected and used next time).

        Raises:
            ProfileError: The profile no longer exists.
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            db.execute(
                "UPDATE profiles SET last_used_at = ? WHERE id = ?", (self._stamp(), profile.id)
            )
            row = db.execute(
                f"SELECT {_PROFILE_COLUMNS} FROM profiles WHERE id = ?", (profile.id,)
            ).fetchone()
        if row is None:
            raise ProfileError(f"no profile {profile.name!r}")
        return Profile(*row)

    def last_profile(self) -> Profile | None:
        """The profile used last, or None if none was ever picked."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {_PROFILE_COLUMNS} FROM profiles WHERE last_used_at IS NOT NULL "
                "ORDER BY last_used_at DESC, id DESC LIMIT 1"
            ).fetchone()
        return Profile(*row) if row else None

    def profile_for_play(self, name: str | None = None) -> Profile:
        """The profile `trivia play` uses, without ever asking; it becomes the last used.

        Args:
            name: `--profile NAME`: that profile, created if it does not exist yet.
                None: the last profile used, else the first profile by name, else a new
                profile named "Player".

        Raises:
            ProfileError: `name` is not a valid profile name.
            SaveFailed: The write did not happen.
        """
        with self._lock:
            if name is not None:
                profile = self.get_profile(_check_name(name)) or self.create_profile(name)
            else:
                existing = self.profiles()
                profile = self.last_profile() or (
                    existing[0] if existing else self._default_profile()
                )
            return self.pick_profile(profile)

    def _default_profile(self) -> Profile:
        return self.get_profile(DEFAULT_PROFILE) or self.create_profile(DEFAULT_PROFILE)

    # --- rounds and answers ------------------------------------------------------------

    def start_round(
        self,
        profile: Profile,
        round_: Round,
        packs: Sequence[Pack],
        *,
        daily: date | None = None,
    ) -> int:
        """Save a round as it starts (answers it already has are saved too).

        Args:
            profile: Who plays it.
            round_: The round, as `build_round` returned it.
            packs: The packs it was built from (their versions are saved).
            daily: The date, when the round is that day's daily challenge; a second
                attempt the same day is refused. A daily-mode round (`daily_config`)
                needs it, with the day its config was made for.

        Returns:
            The round id that `record_answer`, `finish_round` and `abandon_round` take.

        Raises:
            ValueError: A pack of the round is not in `packs`, or a daily-mode round
                without `daily` or for another day.
            DailyAlreadyPlayed: `daily` is set and the profile already played that day.
            SaveFailed: The write did not happen.
        """
        versions = {pack.id: pack.meta.version for pack in packs}
        missing = [pack_id for pack_id in round_.pack_ids if pack_id not in versions]
        if missing:
            raise ValueError(f"the packs of the round are missing: {', '.join(missing)}")
        played = {pack_id: versions[pack_id] for pack_id in round_.pack_ids}
        config = round_.config.to_dict()
        pack_key = daily_rules.pack_key(round_.pack_ids)
        if round_.config.mode is Mode.DAILY:
            # Without the date the one-attempt rule could not be kept; with another date's
            # seed the round would not be that day's challenge.
            if daily is None:
                raise ValueError("a daily round is saved with daily=<the day it is for>")
            if round_.config.seed != daily_rules.daily_seed(daily, pack_key):
                raise ValueError(f"this round is not the {pack_key} daily challenge of {daily}")
        with self._write() as db:
            if daily is not None:
                done = db.execute(
                    "SELECT 1 FROM daily_attempts"
                    " WHERE profile_id = ? AND pack_key = ? AND day = ?",
                    (profile.id, pack_key, daily.isoformat()),
                ).fetchone()
                if done:
                    raise DailyAlreadyPlayed(
                        f"{profile.name} has already played the {pack_key} daily on {daily}"
                    )
            cursor = db.execute(
                "INSERT INTO rounds (profile_id, mode, pack_key, packs, config, seed, started_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    profile.id,
                    round_.config.mode.value,
                    pack_key,
                    json.dumps(played, sort_keys=True),
                    json.dumps(config, sort_keys=True),
                    config["seed"],
                    self._stamp(),
                ),
            )
            round_id = cursor.lastrowid
            assert round_id is not None
            if daily is not None:
                db.execute(
                    "INSERT INTO daily_attempts VALUES (?, ?, ?, ?)",
                    (profile.id, pack_key, daily.isoformat(), round_id),
                )
            self._round_packs[round_id] = played
            for outcome in round_.history:
                self._insert_answer(db, round_id, outcome)
        self._live.claim(round_id)
        return round_id

    def record_answer(self, round_id: int, outcome: Outcome) -> None:
        """Commit one answer as soon as it is given (call it right after `Round.answer`).

        The answer, the round's score and streak and the question's practice box change in
        one transaction. Recording the same question of a round twice changes nothing.

        Args:
            round_id: From `start_round`.
            outcome: What `Round.answer`, `time_out` or `tick` returned.

        Raises:
            StoreError: No such round.
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            self._insert_answer(db, round_id, outcome)

    def note_question(self, round_id: int, progress: QuestionInProgress) -> None:
        """Checkpoint the question a round is asking: its time so far and lifelines used.

        A resumed round goes on from the last checkpoint (`restore_round`), so quitting
        or a crash gains at most the time since it. Only an in-progress round is touched.

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            db.execute(
                "UPDATE rounds SET asking = ? WHERE id = ? AND status = 'in_progress'",
                (json.dumps(progress.to_dict()), round_id),
            )

    def finish_round(self, round_id: int) -> None:
        """Mark a round finished (it leaves the resume list and counts in the records).

        Raises:
            SaveFailed: The write did not happen.
        """
        self._set_status(round_id, "finished")
        self._live.release(round_id)

    def abandon_round(self, round_id: int) -> None:
        """Mark a round abandoned (the player declined to resume it, or quit it).

        Its answers still count in accuracy and practice; it is not a high score.

        Raises:
            SaveFailed: The write did not happen.
        """
        self._set_status(round_id, "abandoned")
        self._live.release(round_id)

    def claim_round(self, round_id: int) -> bool:
        """Claim an unfinished round for this game before offering or resuming it.

        A round started here is claimed already. The claim lasts until the round ends,
        `release_round`, or the process ends in any way (see `trivia.store.live`).

        Returns:
            False when another running game on this save is playing the round: it must
            not be offered here, or the answers of one window would be lost to the other.
        """
        return self._live.claim(round_id)

    def release_round(self, round_id: int) -> None:
        """Give up the claim on a round kept for later, so another window may offer it."""
        self._live.release(round_id)

    def saved_round(self, round_id: int) -> SavedRound | None:
        """A round with its answers, or None."""
        with self._read() as db:
            row = db.execute(f"SELECT {_ROUND_COLUMNS} FROM rounds r WHERE id = ?", (round_id,))
            found = row.fetchone()
            return self._saved_round(db, found) if found else None

    def unfinished_rounds(self, profile: Profile) -> list[SavedRound]:
        """The profile's rounds that stopped before their end, newest first (to offer resume)."""
        with self._read() as db:
            rows = db.execute(
                f"SELECT {_ROUND_COLUMNS} FROM rounds r WHERE profile_id = ? "
                "AND status = 'in_progress' ORDER BY started_at DESC, id DESC",
                (profile.id,),
            ).fetchall()
            return [self._saved_round(db, row) for row in rows]

    def restore_round(
        self,
        saved: SavedRound,
        packs: Sequence[Pack],
        *,
        clock: Clock = time.monotonic,
    ) -> Round:
        """Rebuild a saved round exactly where it stopped (`Round.restore`).

        The round comes back in the reveal of its last answer (call `next()` to go on), or
        asking its first question when nothing was answered.

        Args:
            saved: From `unfinished_rounds` (or `saved_round`).
            packs: The packs available now; those of the round are picked by id.
            clock: The clock for the rest of the round.

        Raises:
            NotResumable: A pack of the round is missing, or has changed so that the saved
                answers no longer fit (offer to abandon the round instead).
        """
        by_id = {pack.id: pack for pack in packs}
        missing = sorted(set(saved.packs) - set(by_id))
        if missing:
            raise NotResumable(f"the pack {', '.join(missing)} is no longer installed")
        try:
            return Round.restore(
                [by_id[pack_id] for pack_id in saved.packs],
                saved.round_config(),
                saved.answers,
                clock=clock,
                in_progress=saved.in_progress,
            )
        except (RoundError, ValueError, TypeError, KeyError) as error:
            raise NotResumable(f"the round cannot be resumed: {error}") from error

    # --- parties ------------------------------------------------------------------------

    def start_party(self, party: Party, packs: Sequence[Pack]) -> int:
        """Save a party as it starts (events it already has are saved too).

        Args:
            party: The party, as `build_party` returned it.
            packs: The packs it was built from (their versions are saved).

        Returns:
            The party id that `append_party_event`, `restore_party` and
            `finish_party` take.

        Raises:
            ValueError: A pack of the party is not in `packs`.
            SaveFailed: The write did not happen.
        """
        party_rows.pack_versions(party, packs)  # refuse before opening a transaction
        with self._write() as db:
            party_id = party_rows.insert_party(db, party, packs, self._stamp())
        self._live.claim(PARTY_CLAIMS + party_id)
        return party_id

    def claim_party(self, party_id: int) -> bool:
        """Claim an unfinished party before offering or resuming it (as `claim_round`).

        Returns:
            False when another running game on this save is hosting the party: two hosts
            appending to one event log would lose each other's marks.
        """
        return self._live.claim(PARTY_CLAIMS + party_id)

    def release_party(self, party_id: int) -> None:
        """Give up the claim on a party kept for later, so another window may offer it."""
        self._live.release(PARTY_CLAIMS + party_id)

    def append_party_event(self, party_id: int, event: dict[str, Any]) -> None:
        """Commit one party event as it happens (call it after each party action).

        One short transaction per event, so a crash loses nothing acknowledged. Saving
        the same event again (same `seq`) changes nothing, so a failed save can be
        retried; save the events in order (`party.events[saved:]`).

        Args:
            party_id: From `start_party`.
            event: An element of `party.events`.

        Raises:
            StoreError: No such party in progress, an event out of order, or another
                event already saved with that `seq`.
            SaveFailed: The write did not happen.
        """
        try:
            with self._write() as db:
                party_rows.insert_event(db, party_id, event, self._stamp())
        except (LookupError, ValueError) as error:
            raise StoreError(f"the party event could not be saved: {error}") from error

    def last_party_event(self, party_id: int) -> int:
        """The `seq` of a party's last saved event (0 when none): a display's cheap poll."""
        with self._read() as db:
            return party_rows.last_event(db, party_id)

    def party_pulse(self, party_id: int) -> tuple[int, float | None]:
        """A party's last event `seq` and its host's clock checkpoint, in one read: what
        a display polls to see both new events and whether the host is still there."""
        with self._read() as db:
            return party_rows.pulse(db, party_id)

    def party_events(self, party_id: int, after: int = 0) -> list[dict[str, Any]]:
        """A party's saved events with `seq` above `after`, in order."""
        with self._read() as db:
            return party_rows.events_after(db, party_id, after)

    def saved_party(self, party_id: int) -> SavedParty | None:
        """A party with its events, or None."""
        with self._read() as db:
            return party_rows.load_party(db, party_id)

    def unfinished_parties(self) -> list[SavedParty]:
        """Parties that stopped before their end, newest first (to offer resume)."""
        with self._read() as db:
            return party_rows.unfinished(db)

    def restore_party(
        self,
        party: int | SavedParty,
        packs: Sequence[Pack],
        *,
        clock: Clock = time.monotonic,
    ) -> Party:
        """Rebuild a saved party exactly where it stopped (`Party.replay`).

        Args:
            party: Its id, or a `SavedParty` from `unfinished_parties`.
            packs: The packs available now; those of the party are picked by id.
            clock: The clock for the rest of the party.

        Raises:
            StoreError: No such party.
            NotResumable: A pack of the party is missing, or has changed so that the
                events no longer fit (offer to abandon the party instead).
        """
        saved = self.saved_party(party) if isinstance(party, int) else party
        if saved is None:
            raise StoreError(f"no saved party {party}")
        try:
            return party_rows.rebuild(saved, packs, clock)
        except LookupError as error:
            raise NotResumable(str(error)) from error
        except (PartyError, ValueError, TypeError, KeyError) as error:
            raise NotResumable(f"the party cannot be resumed: {error}") from error

    def note_party_clock(self, party_id: int, party_time: float) -> None:
        """Checkpoint the party time its host has reached (`Party.now`), each second or so.

        A resumed party goes on from the last checkpoint (`restore_party`), so a crash
        gains an open question at most the time since it.

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            db.execute(
                "UPDATE parties SET clock = ? WHERE id = ? AND status = 'in_progress'",
                (float(party_time), party_id),
            )

    def finish_party(self, party_id: int) -> None:
        """Mark a party finished (it leaves the resume list; it takes no more events).

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            party_rows.set_status(db, party_id, "finished", self._stamp())

    def abandon_party(self, party_id: int) -> None:
        """Mark a party abandoned (the host declined to resume it).

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            party_rows.set_status(db, party_id, "abandoned", self._stamp())

    def export_party(
        self,
        party: Party,
        formats: Sequence[str] = party_rows.EXPORT_FORMATS,
        *,
        directory: str | os.PathLike[str] | None = None,
    ) -> list[Path]:
        """Write a party's results next to the save, e.g. `party-2026-11-25-mad-men.csv`.

        An existing file is never overwritten: `-2`, `-3`... is added to the name.

        Args:
            party: The party.
            formats: "csv" and/or "json".
            directory: Where to write instead of the save directory (required when the
                store is in memory).

        Returns:
            The files written.

        Raises:
            StoreError: No directory to write to, or it cannot be written.
        """
        folder = Path(directory) if directory is not None else None
        if folder is None:
            if self._path is None:
                raise StoreError("the save is in memory: choose a folder for the results")
            folder = self._path.parent
        day = self._now().astimezone().date()
        try:
            return party_rows.export_results(party, folder, day, formats)
        except OSError as error:
            raise StoreError(f"the results could not be written to {folder}: {error}") from error

    # --- practice and daily --------------------------------------------------------------

    def boxes(self, profile: Profile, pack_id: str) -> list[leitner.BoxState]:
        """The profile's Leitner boxes for a pack's questions it has answered."""
        with self._read() as db:
            rows = db.execute(
                "SELECT question_id, box, due_at, last_correct FROM boxes "
                "WHERE profile_id = ? AND pack_id = ?",
                (profile.id, pack_id),
            ).fetchall()
        return [
            leitner.BoxState(q, box, datetime.fromisoformat(due), bool(ok))
            for q, box, due, ok in rows
        ]

    def due_questions(
        self, profile: Profile, pack_id: str, now: datetime | None = None
    ) -> list[str]:
        """Question ids practice should ask: missed first, then due (`leitner.practice_order`).

        Questions never answered are not listed: practice adds them after these (the
        store does not know the pack's questions).
        """
        return leitner.practice_order(self.boxes(profile, pack_id), now or self._now())

    def mastery(self, profile: Profile, pack: Pack) -> Mastery:
        """ "Mastered N of M": questions of the pack in the last box, out of all its questions."""
        ids = {question.id for question in pack.questions}
        mastered = sum(
            1
            for state in self.boxes(profile, pack.id)
            if state.mastered and state.question_id in ids
        )
        return Mastery(mastered, len(ids))

    def daily_attempt(self, profile: Profile, pack_id: str, day: date) -> SavedRound | None:
        """The profile's daily-challenge round for a pack on a day, or None if not played."""
        with self._read() as db:
            row = db.execute(
                f"SELECT {_ROUND_COLUMNS} FROM rounds r JOIN daily_attempts d "
                "ON d.round_id = r.id WHERE d.profile_id = ? AND d.pack_key = ? AND d.day = ?",
                (profile.id, pack_id, day.isoformat()),
            ).fetchone()
            return self._saved_round(db, row) if row else None

    # --- records -------------------------------------------------------------------------

    def stats(self, profile: Profile, packs: Sequence[Pack] = ()) -> dict[str, Any]:
        """The profile's records as JSON-ready data (`trivia stats --json`).

        See `trivia.store.records.profile_stats` for the keys. Pass the installed packs to
        get "mastered N of M" totals; tags come from the saved answers either way.
        """
        totals = {pack.id: len(pack.questions) for pack in packs}
        with self._read() as db:
            return records.profile_stats(db, profile.id, totals)

    def best_score(
        self,
        profile: Profile,
        pack_ids: Sequence[str],
        mode: Mode | str,
        *,
        besides: int | None = None,
    ) -> int | None:
        """The profile's high score for these packs (played together) in this mode.

        Args:
            profile: Whose.
            pack_ids: The packs of the round (any order).
            mode: The round's mode.
            besides: A round id not to count: the round just finished, so the summary
                compares it with the best before it.

        Returns:
            The best finished round's score, or None when there is none.
        """
        key = daily_rules.pack_key(pack_ids)
        with self._read() as db:
            return records.best_score(db, profile.id, key, Mode(mode).value, besides)

    def flagged_questions(
        self, min_players: int = 3, min_miss_rate: float = 0.6
    ) -> list[dict[str, Any]]:
        """Questions that many players miss, for pack authors (`records.flagged_questions`)."""
        with self._read() as db:
            return records.flagged_questions(db, min_players, min_miss_rate)

    def all_stats(self, packs: Sequence[Pack] = ()) -> dict[str, Any]:
        """Every profile's records and the flagged questions, as JSON-ready data."""
        with self._lock:
            return {
                "schema_version": SCHEMA_VERSION,
                "profiles": [self.stats(profile, packs) for profile in self.profiles()],
                "flagged_questions": self.flagged_questions(),
            }

    # --- inside ------------------------------------------------------------------------

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

    def _set_status(self, round_id: int, status: str) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE rounds SET status = ?, ended_at = ?"
                " WHERE id = ? AND status = 'in_progress'",
                (status, self._stamp(), round_id),
            )
        self._round_packs.pop(round_id, None)

    def _insert_answer(self, db: sqlite3.Connection, round_id: int, outcome: Outcome) -> None:
        played = self._round_packs.get(round_id)
        if played is None:
            row = db.execute("SELECT packs FROM rounds WHERE id = ?", (round_id,)).fetchone()
            if row is None:
                raise StoreError(f"no saved round {round_id}")
            played = self._round_packs[round_id] = json.loads(row[0])
        record = outcome.record.to_dict()
        question = outcome.question
        at = self._now()
        cursor = db.execute(
            "INSERT INTO answers (round_id, position, profile_id, pack_id, pack_version,"
            " question_id, difficulty, tags, mode, response, correct, timed_out, credit,"
            " points, elapsed, streak, lifelines, answered_at)"
            " SELECT ?, ?, profile_id, ?, ?, ?, ?, ?, mode, ?, ?, ?, ?, ?, ?, ?, ?, ?"
            " FROM rounds WHERE id = ?"
            " ON CONFLICT (round_id, position) DO NOTHING",
            (
                round_id,
                outcome.index,
                outcome.pack_id,
                played.get(outcome.pack_id, ""),
                question.id,
                question.difficulty.value,
                json.dumps(list(question.tags)),
                json.dumps(record["response"]),
                int(outcome.correct),
                int(outcome.timed_out),
                outcome.verdict.credit,
                outcome.points,
                outcome.elapsed,
                outcome.breakdown.streak,
                json.dumps(record["lifelines"]),
                stamp(at),
                round_id,
            ),
        )
        if cursor.rowcount == 0:
            # Already saved (the UI recorded it twice): counting it again would inflate
            # the score and push the practice box twice.
            return
        db.execute(
            "UPDATE rounds SET score = score + ?, streak = ?, best_streak = max(best_streak, ?),"
            " answered = answered + 1, correct = correct + ? WHERE id = ?",
            (
                outcome.points,
                outcome.breakdown.streak,
                outcome.breakdown.streak,
                int(outcome.correct),
                round_id,
            ),
        )
        self._advance_box(db, round_id, outcome, at)

    def _advance_box(
        self, db: sqlite3.Connection, round_id: int, outcome: Outcome, at: datetime
    ) -> None:
        key = db.execute("SELECT profile_id FROM rounds WHERE id = ?", (round_id,)).fetchone()
        profile_id = key[0]
        row = db.execute(
            "SELECT box, due_at, last_correct FROM boxes"
            " WHERE profile_id = ? AND pack_id = ? AND question_id = ?",
            (profile_id, outcome.pack_id, outcome.question_id),
        ).fetchone()
        previous = (
            leitner.BoxState(
                outcome.question_id, row[0], datetime.fromisoformat(row[1]), bool(row[2])
            )
            if row
            else None
        )
        state = leitner.advance(previous, outcome.question_id, outcome.correct, at)
        db.execute(
            "INSERT OR REPLACE INTO boxes VALUES (?, ?, ?, ?, ?, ?)",
            (
                profile_id,
                outcome.pack_id,
                outcome.question_id,
                state.box,
                stamp(state.due_at),
                int(state.last_correct),
            ),
        )

    def _saved_round(self, db: sqlite3.Connection, row: Sequence[Any]) -> SavedRound:
        (round_id, profile_id, mode, packs, config, started_at, status, score, streak,
         best_streak, correct, daily, asking) = row  # fmt: skip
        answers = tuple(
            RecordedAnswer.from_dict(
                {
                    "pack_id": pack_id,
                    "question_id": question_id,
                    "response": json.loads(response),
                    "elapsed": elapsed,
                    "lifelines": json.loads(lifelines),
                }
            )
            for pack_id, question_id, response, elapsed, lifelines in db.execute(
                "SELECT pack_id, question_id, response, elapsed, lifelines FROM answers"
                " WHERE round_id = ? ORDER BY position",
                (round_id,),
            )
        )
        return SavedRound(
            id=round_id,
            profile_id=profile_id,
            mode=mode,
            packs=json.loads(packs),
            config=json.loads(config),
            started_at=started_at,
            status=status,
            score=score,
            streak=streak,
            best_streak=best_streak,
            correct=correct,
            answers=answers,
            daily=daily,
            in_progress=_in_progress(asking),
        )


_PROFILE_COLUMNS = "id, name, created_at, last_used_at"
_ROUND_COLUMNS = (
    "r.id, r.profile_id, r.mode, r.packs, r.config, r.started_at, r.status, r.score, r.streak,"
    " r.best_streak, r.correct,"
    " (SELECT day FROM daily_attempts WHERE round_id = r.id), r.asking"
)


def _in_progress(asking: str | None) -> QuestionInProgress | None:
    """A round's checkpoint as saved; a damaged one is dropped (the question starts over)."""
    if asking is None:
        return None
    try:
        return QuestionInProgress.from_dict(json.loads(asking))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _check_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise ProfileError("a profile name cannot be empty")
    if len(clean) > MAX_NAME_LENGTH:
        raise ProfileError(f"a profile name has at most {MAX_NAME_LENGTH} characters")
    if any(not char.isprintable() for char in clean):
        raise ProfileError("a profile name cannot contain control characters")
    return clean


# --- opening a file, and what can go wrong -----------------------------------------------


class _Fault(Exception):
    """Why a database file could not be used, classified for `Store.open`."""

    def __init__(self, kind: NoticeKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _prepare(path: Path, durable: bool, busy_timeout: float) -> sqlite3.Connection:
    """Connect, check and migrate `path`; raise `_Fault` for anything wrong with it."""
    # Judge the header before SQLite opens the file: SQLite would run WAL recovery and
    # delete a -wal it cannot use, and those files are to be kept as they are.
    version = _header_version(path)
    if version is not None and version > SCHEMA_VERSION:
        raise _Fault(
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
            raise _Fault(NoticeKind.NEWER, f"Your save {path} was written by a newer Fan Trivia.")
        (mode,) = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if str(mode).lower() != "wal":
            raise _Fault(NoticeKind.READ_ONLY, f"Your save {path} cannot be written.")
        db.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
        db.execute("PRAGMA foreign_keys = ON")
        # quick_check reads every page, so a truncated or scribbled file is caught now
        # rather than in the middle of a round; it costs milliseconds on a real save.
        problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise _Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged ({problems[0]}).")
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
    except _Fault:
        _close(db)
        raise
    except sqlite3.Error as error:
        _close(db)
        raise _classify(path, error) from error
    except OSError as error:
        _close(db)
        raise _Fault(
            NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error})."
        ) from error


def _prepare_patiently(path: Path, durable: bool, busy_timeout: float) -> sqlite3.Connection:
    """`_prepare`, tried again while another instance holds the file, up to the timeout.

    SQLite answers some lock conflicts at once instead of calling its busy handler (two
    instances creating the save together: one switches it to WAL while the other opens
    it), so a busy answer is retried here until `busy_timeout` has passed.
    """
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return _prepare(path, durable, busy_timeout)
        except _Fault as fault:
            if fault.kind is not NoticeKind.LOCKED or time.monotonic() >= deadline:
                raise
        time.sleep(0.02)


def _header_version(path: Path) -> int | None:
    """The schema version in an existing file's header; None for a missing or empty file.

    Raises:
        _Fault: The file cannot be read, or is not an SQLite database at all.
    """
    try:
        with path.open("rb") as file:
            header = file.read(100)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _Fault(
            NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error.strerror})."
        ) from error
    if not header:
        return None
    # The SQLite header: a 16-byte magic string; user_version is the big-endian int at 60.
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise _Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged (not a database).")
    return int.from_bytes(header[60:64], "big", signed=True)


def _classify(path: Path, error: sqlite3.Error) -> _Fault:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return _Fault(
            NoticeKind.LOCKED,
            f"Your save {path} is locked by another program (another Fan Trivia?). It is "
            "left untouched.",
        )
    if code == _SQLITE_READONLY:
        return _Fault(NoticeKind.READ_ONLY, f"Your save {path} cannot be written ({error}).")
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return _Fault(NoticeKind.CORRUPT, f"Your save {path} is damaged ({error}).")
    if code == _SQLITE_IOERR:
        return _Fault(NoticeKind.UNREADABLE, f"Your save {path} cannot be read ({error}).")
    if code in (_SQLITE_FULL, _SQLITE_CANTOPEN):
        return _Fault(NoticeKind.IN_MEMORY, f"Your save {path} cannot be opened ({error}).")
    return _Fault(NoticeKind.CORRUPT, f"Your save {path} cannot be used ({error}).")


def _move_aside(path: Path, kind: NoticeKind, at: datetime) -> Path:
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
