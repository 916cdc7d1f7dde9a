"""The save database's schema, as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. Opening a database applies
the missing ones in order, in one transaction, so a database from any older release is
brought up to date with its data kept. Never edit a released step: append a new one.

Version 1 holds what every record derives from: profiles, rounds and answers.
Version 2 adds practice boxes (filled in from the answers already saved) and daily
attempts.
Version 3 adds parties and their event logs.
Version 4 adds a checkpoint of the question a round is asking (its time and lifelines).
Version 5 adds a checkpoint of a party's time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from trivia.game import leitner

Migration = Callable[[sqlite3.Connection], None]
"""One step: runs inside the migration's transaction, on a connection in autocommit mode."""


def _v1_core(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL,
            last_used_at TEXT
        )"""
    )
    # One row per round; score, streak and counts are updated in the same transaction as
    # each answer so history and high scores never need to replay answers.
    db.execute(
        """
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            mode TEXT NOT NULL,
            pack_key TEXT NOT NULL,
            packs TEXT NOT NULL,
            config TEXT NOT NULL,
            seed INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (status IN ('in_progress', 'finished', 'abandoned')),
            score INTEGER NOT NULL DEFAULT 0,
            streak INTEGER NOT NULL DEFAULT 0,
            best_streak INTEGER NOT NULL DEFAULT 0,
            answered INTEGER NOT NULL DEFAULT 0,
            correct INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX rounds_by_profile ON rounds (profile_id, status, started_at)")
    # Tags and difficulty are copied from the pack at answer time, so stats per tag need no
    # pack and stay true to what the player actually saw.
    db.execute(
        """
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            position INTEGER NOT NULL,
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            pack_id TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            question_id TEXT NOT NULL,
            difficulty TEXT NOT NULL,
            tags TEXT NOT NULL,
            mode TEXT NOT NULL,
            response TEXT NOT NULL,
            correct INTEGER NOT NULL,
            timed_out INTEGER NOT NULL,
            credit REAL NOT NULL,
            points INTEGER NOT NULL,
            elapsed REAL NOT NULL,
            streak INTEGER NOT NULL,
            lifelines TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            UNIQUE (round_id, position)
        )"""
    )
    db.execute("CREATE INDEX answers_by_question ON answers (pack_id, question_id, profile_id)")
    db.execute("CREATE INDEX answers_by_profile ON answers (profile_id, pack_id)")


def _v2_practice_and_daily(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE boxes (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            pack_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
            due_at TEXT NOT NULL,
            last_correct INTEGER NOT NULL,
            PRIMARY KEY (profile_id, pack_id, question_id)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """
        CREATE TABLE daily_attempts (
            profile_id INTEGER NOT NULL REFERENCES profiles(id),
            pack_key TEXT NOT NULL,
            day TEXT NOT NULL,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            PRIMARY KEY (profile_id, pack_key, day)
        ) WITHOUT ROWID"""
    )
    # Answers saved before practice existed still count: replay them through the boxes.
    states: dict[tuple[int, str, str], leitner.BoxState] = {}
    rows = db.execute(
        "SELECT profile_id, pack_id, question_id, correct, answered_at FROM answers ORDER BY id"
    )
    for profile_id, pack_id, question_id, correct, answered_at in rows:
        key = (profile_id, pack_id, question_id)
        at = datetime.fromisoformat(answered_at)
        states[key] = leitner.advance(states.get(key), question_id, bool(correct), at)
    db.executemany(
        "INSERT INTO boxes VALUES (?, ?, ?, ?, ?, ?)",
        [
            (p, pack, q, s.box, stamp(s.due_at), int(s.last_correct))
            for (p, pack, q), s in states.items()
        ],
    )


def _v3_parties(db: sqlite3.Connection) -> None:
    # A party is saved as its config and its append-only event log: the scoreboard is
    # what replaying the events gives, so there is no running total to keep in step.
    db.execute(
        """
        CREATE TABLE parties (
            id INTEGER PRIMARY KEY,
            style TEXT NOT NULL,
            pack_key TEXT NOT NULL,
            packs TEXT NOT NULL,
            config TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL DEFAULT 'in_progress'
                CHECK (status IN ('in_progress', 'finished', 'abandoned'))
        )"""
    )
    db.execute("CREATE INDEX parties_by_status ON parties (status, started_at)")
    # The primary key doubles as the index a display polls: max(seq) for one party.
    db.execute(
        """
        CREATE TABLE party_events (
            party_id INTEGER NOT NULL REFERENCES parties(id),
            seq INTEGER NOT NULL CHECK (seq >= 1),
            type TEXT NOT NULL,
            event TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (party_id, seq)
        ) WITHOUT ROWID"""
    )


def _v4_question_in_progress(db: sqlite3.Connection) -> None:
    # A checkpoint of the question being asked (JSON: position, seconds, lifelines), so a
    # resumed round goes on with the time that was left instead of a fresh clock.
    db.execute("ALTER TABLE rounds ADD COLUMN asking TEXT")


def _v5_party_clock(db: sqlite3.Connection) -> None:
    # The party time its host last saw (each second): a resumed party goes on from there,
    # not from its last event, which may be long before the crash.
    db.execute("ALTER TABLE parties ADD COLUMN clock REAL")


MIGRATIONS: tuple[Migration, ...] = (
    _v1_core,
    _v2_practice_and_daily,
    _v3_parties,
    _v4_question_in_progress,
    _v5_party_clock,
)
"""Every step, oldest first; `user_version` N means the first N have run."""

SCHEMA_VERSION = len(MIGRATIONS)
"""The schema version this code writes."""


def stamp(moment: datetime) -> str:
    """A moment as stored: UTC ISO 8601 with microseconds, so text order is time order.

    A naive datetime is taken as local time.
    """
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring a database up to `target` (the current version by default), in one transaction.

    Args:
        db: A connection in autocommit mode (`isolation_level=None`).
        target: The version to stop at; tests use 1 to build an old database.

    Returns:
        The version the database had before.

    Raises:
        sqlite3.Error: The database could not be read or written; nothing was changed.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        # Read inside the write lock: another instance may have migrated meanwhile.
        (before,) = db.execute("PRAGMA user_version").fetchone()
        for step in MIGRATIONS[before:target]:
            step(db)
        if target > before:
            db.execute(f"PRAGMA user_version = {int(target)}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    return int(before)
