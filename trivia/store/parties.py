"""Saving parties: their config and event log in SQLite, and a display's feed.

A party is saved as what rebuilds it: its `PartyConfig` (seed included), the versions of
its packs, and its events, one row each, committed as they happen. `Party.replay` turns
them back into the party, scoreboard and all, so a crash, a kill or a closed lid loses
nothing that was committed. `Parties` (the party part of `trivia.store.Store`) wraps the
queries here in its locked transactions (`start_party`, `append_party_event`, ...);
`PartyFeed` is how a read-only projector display follows the host. Results files are
written by `trivia.game.export`; `Store.export_party` only says where (beside the save)
and on which day.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trivia.game.export import EXPORT_FORMATS, export_results
from trivia.game.party import Party, PartyConfig, PartyError
from trivia.game.round import Clock
from trivia.packs.model import Pack
from trivia.store.connection import Connection
from trivia.store.errors import NotResumable, StoreError
from trivia.store.live import PARTY_CLAIMS

PARTY_COLUMNS = "id, style, pack_key, packs, config, started_at, ended_at, status, clock"
"""The `parties` columns `SavedParty.from_row` reads, in its order."""


@dataclass(frozen=True, slots=True)
class SavedParty:
    """A party as saved: enough to list it for resume and to rebuild it.

    Attributes:
        id: The party's row id (what `append_party_event` takes).
        style: "hotseat", "buzzer" or "master".
        pack_key: The pack ids joined with "+" (for file names and lists).
        packs: Pack id -> pack version, as played.
        config: `PartyConfig.to_dict()` as saved (the seed included).
        started_at: When it started (UTC ISO 8601).
        ended_at: When it was finished or abandoned, or None.
        status: "in_progress", "finished" or "abandoned".
        events: Its events in order (with `events=False` reads: empty).
        clock: The party time its host last checkpointed (None: not yet).
    """

    id: int
    style: str
    pack_key: str
    packs: dict[str, str]
    config: dict[str, Any]
    started_at: str
    ended_at: str | None
    status: str
    events: tuple[dict[str, Any], ...] = ()
    clock: float | None = None

    @property
    def players(self) -> tuple[str, ...]:
        """The players' names, in seat order (for a resume list)."""
        return tuple(player["name"] for player in self.config["players"])

    @property
    def last_event(self) -> int:
        """The `seq` of the last event read (0 when none)."""
        return len(self.events)

    def party_config(self) -> PartyConfig:
        """The config to rebuild the party with."""
        return PartyConfig.from_dict(self.config)

    @classmethod
    def from_row(cls, row: Sequence[Any], events: Sequence[dict[str, Any]] = ()) -> SavedParty:
        """Build from a `PARTY_COLUMNS` row and its events."""
        party_id, style, pack_key, packs, config, started_at, ended_at, status, clock = row
        return cls(
            id=party_id,
            style=style,
            pack_key=pack_key,
            packs=json.loads(packs),
            config=json.loads(config),
            started_at=started_at,
            ended_at=ended_at,
            status=status,
            events=tuple(events),
            clock=clock,
        )


def pack_versions(party: Party, packs: Sequence[Pack]) -> dict[str, str]:
    """Pack id -> version for the party's packs.

    Raises:
        ValueError: A pack of the party is not in `packs`.
    """
    versions = {pack.id: pack.meta.version for pack in packs}
    missing = [pack_id for pack_id in party.pack_ids if pack_id not in versions]
    if missing:
        raise ValueError(f"the packs of the party are missing: {', '.join(missing)}")
    return {pack_id: versions[pack_id] for pack_id in party.pack_ids}


def insert_party(
    db: sqlite3.Connection, party: Party, packs: Sequence[Pack], started_at: str
) -> int:
    """Insert a party and the events it already has; returns its id."""
    config = party.config.to_dict()
    cursor = db.execute(
        "INSERT INTO parties (style, pack_key, packs, config, started_at) VALUES (?, ?, ?, ?, ?)",
        (
            party.style.value,
            "+".join(party.pack_ids),
            json.dumps(pack_versions(party, packs), sort_keys=True),
            json.dumps(config, sort_keys=True, ensure_ascii=False),
            started_at,
        ),
    )
    party_id = cursor.lastrowid
    assert party_id is not None
    for event in party.events:
        insert_event(db, party_id, event, started_at)
    return party_id


def insert_event(
    db: sqlite3.Connection, party_id: int, event: Mapping[str, Any], recorded_at: str
) -> bool:
    """Insert one event; False when that `seq` was already saved (a retry: ignored).

    Raises:
        LookupError: No such party, or it is no longer in progress.
        ValueError: The event is not JSON-ready or has no positive int `seq`, or it
            leaves a gap after the last saved event, or a different event already has
            that `seq`.
    """
    seq = event.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise ValueError(f"an event needs a positive int seq, not {seq!r}")
    text = json.dumps(dict(event), sort_keys=True, ensure_ascii=False, allow_nan=False)
    row = db.execute("SELECT status FROM parties WHERE id = ?", (party_id,)).fetchone()
    if row is None:
        raise LookupError(f"no saved party {party_id}")
    if row[0] != "in_progress":
        raise LookupError(f"party {party_id} is {row[0]}: it takes no more events")
    saved = db.execute(
        "SELECT event FROM party_events WHERE party_id = ? AND seq = ?", (party_id, seq)
    ).fetchone()
    if saved is not None:
        if json.loads(saved[0]) != json.loads(text):
            raise ValueError(f"party {party_id} already has a different event {seq}")
        return False
    last = last_event(db, party_id)
    if seq != last + 1:
        raise ValueError(f"event {seq} of party {party_id} would follow event {last}")
    db.execute(
        "INSERT INTO party_events (party_id, seq, type, event, recorded_at) VALUES (?, ?, ?, ?, ?)",
        (party_id, seq, str(event.get("type", "")), text, recorded_at),
    )
    return True


def last_event(db: sqlite3.Connection, party_id: int) -> int:
    """The `seq` of a party's last saved event (0 when none); one index lookup."""
    (seq,) = db.execute(
        "SELECT coalesce(max(seq), 0) FROM party_events WHERE party_id = ?", (party_id,)
    ).fetchone()
    return int(seq)


def pulse(db: sqlite3.Connection, party_id: int) -> tuple[int, float | None]:
    """A party's last event `seq` (0 when none) and its host's clock checkpoint."""
    seq, clock = db.execute(
        "SELECT (SELECT coalesce(max(seq), 0) FROM party_events WHERE party_id = ?),"
        " (SELECT clock FROM parties WHERE id = ?)",
        (party_id, party_id),
    ).fetchone()
    return int(seq), clock


def events_after(db: sqlite3.Connection, party_id: int, after: int = 0) -> list[dict[str, Any]]:
    """A party's events with `seq` above `after`, in order."""
    rows = db.execute(
        "SELECT event FROM party_events WHERE party_id = ? AND seq > ? ORDER BY seq",
        (party_id, after),
    )
    return [json.loads(text) for (text,) in rows]


def load_party(db: sqlite3.Connection, party_id: int, *, events: bool = True) -> SavedParty | None:
    """A saved party with (or without) its events, or None."""
    row = db.execute(f"SELECT {PARTY_COLUMNS} FROM parties WHERE id = ?", (party_id,)).fetchone()
    if row is None:
        return None
    return SavedParty.from_row(row, events_after(db, party_id) if events else ())


def unfinished(db: sqlite3.Connection) -> list[SavedParty]:
    """Parties still in progress, newest first, with their events."""
    rows = db.execute(
        f"SELECT {PARTY_COLUMNS} FROM parties WHERE status = 'in_progress'"
        " ORDER BY started_at DESC, id DESC"
    ).fetchall()
    return [SavedParty.from_row(row, events_after(db, row[0])) for row in rows]


def set_status(db: sqlite3.Connection, party_id: int, status: str, at: str) -> None:
    """Finish or abandon a party still in progress (a no-op otherwise)."""
    db.execute(
        "UPDATE parties SET status = ?, ended_at = ? WHERE id = ? AND status = 'in_progress'",
        (status, at, party_id),
    )


def rebuild(saved: SavedParty, packs: Sequence[Pack], clock: Clock) -> Party:
    """`Party.replay` of a saved party with the packs available now.

    Raises:
        LookupError: A pack of the party is not installed.
        PartyError: The events no longer fit (a pack changed).
    """
    by_id = {pack.id: pack for pack in packs}
    missing = sorted(set(saved.packs) - set(by_id))
    if missing:
        raise LookupError(f"the pack {', '.join(missing)} is no longer installed")
    party = Party.replay(
        [by_id[pack_id] for pack_id in saved.packs], saved.party_config(), saved.events, clock
    )
    if saved.clock is not None:
        party.carry_on_from(saved.clock)
    return party


# --- following a party from another process ----------------------------------------------


HOST_SILENT_SECONDS = 4.0
"""A host that has neither acted nor checkpointed its clock (it does each second) for this
long is gone: it crashed, lost power, or left the party for later."""


class PartyFeed:
    """A display's view of a party the host runs elsewhere: poll it, show `party`.

    A projector display opens the save read-only (`Store.open_read_only`) and calls
    `poll()` every 250 ms or so (a Textual `set_interval`); each poll costs one index
    lookup unless there are new events, which it reads and applies to its own copy of
    the party. An undo is an event like any other, so it shows up too.

    The host checkpoints its clock each second (`Store.note_party_clock`); a feed that sees
    neither that nor an event for `HOST_SILENT_SECONDS` says the host is gone (`host_gone`),
    so the room is not left watching a countdown stuck at 0.
    """

    def __init__(
        self,
        store: Parties,
        party_id: int,
        packs: Sequence[Pack],
        clock: Clock = time.monotonic,
    ) -> None:
        """Load the party as saved so far.

        Raises:
            StoreError: No such party.
            NotResumable: Its packs are missing or have changed.
        """
        self._store = store
        self._party_id = party_id
        self._clock = clock
        self._pulse: tuple[int, float | None] | None = None
        self._pulse_at = clock()
        self.party = store.restore_party(party_id, packs, clock=clock)
        """The display's copy of the party (read it, never drive it)."""

    @property
    def last_event(self) -> int:
        """The `seq` of the last event applied."""
        return self.party.last_event

    @property
    def host_gone(self) -> bool:
        """Whether the host has gone quiet: no event and no clock checkpoint for
        `HOST_SILENT_SECONDS` (never at the podium, where the host has nothing to do)."""
        return not self.party.finished and self._clock() - self._pulse_at > HOST_SILENT_SECONDS

    def poll(self) -> bool:
        """Pick up events the host saved since the last poll.

        Returns:
            True when the party changed (redraw).

        Raises:
            StoreError: The save could not be read (try again at the next poll).
            PartyError: The saved events do not fit (should not happen).
        """
        pulse = self._store.party_pulse(self._party_id)
        if pulse != self._pulse:
            self._pulse, self._pulse_at = pulse, self._clock()
        if pulse[0] <= self.party.last_event:
            return False
        events = self._store.party_events(self._party_id, after=self.party.last_event)
        return self.party.follow(events) > 0


# --- the store's part ---------------------------------------------------------------


class Parties(Connection):
    """The store's parties (a part of `trivia.store.Store`)."""

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
        pack_versions(party, packs)  # refuse before opening a transaction
        with self._write() as db:
            party_id = insert_party(db, party, packs, self._stamp())
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
                insert_event(db, party_id, event, self._stamp())
        except (LookupError, ValueError) as error:
            raise StoreError(f"the party event could not be saved: {error}") from error

    def last_party_event(self, party_id: int) -> int:
        """The `seq` of a party's last saved event (0 when none): a display's cheap poll."""
        with self._read() as db:
            return last_event(db, party_id)

    def party_pulse(self, party_id: int) -> tuple[int, float | None]:
        """A party's last event `seq` and its host's clock checkpoint, in one read: what
        a display polls to see both new events and whether the host is still there."""
        with self._read() as db:
            return pulse(db, party_id)

    def party_events(self, party_id: int, after: int = 0) -> list[dict[str, Any]]:
        """A party's saved events with `seq` above `after`, in order."""
        with self._read() as db:
            return events_after(db, party_id, after)

    def saved_party(self, party_id: int) -> SavedParty | None:
        """A party with its events, or None."""
        with self._read() as db:
            return load_party(db, party_id)

    def unfinished_parties(self) -> list[SavedParty]:
        """Parties that stopped before their end, newest first (to offer resume)."""
        with self._read() as db:
            return unfinished(db)

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
            return rebuild(saved, packs, clock)
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
            set_status(db, party_id, "finished", self._stamp())

    def abandon_party(self, party_id: int) -> None:
        """Mark a party abandoned (the host declined to resume it).

        Raises:
            SaveFailed: The write did not happen.
        """
        with self._write() as db:
            set_status(db, party_id, "abandoned", self._stamp())

    def export_party(
        self,
        party: Party,
        formats: Sequence[str] = EXPORT_FORMATS,
        *,
        directory: str | os.PathLike[str] | None = None,
    ) -> list[Path]:
        """Write a party's results next to the save, e.g. `party-2026-11-25-mad-men.csv`.

        An existing file is never overwritten: `-2`, `-3`... is added to the name. The
        files are written by `trivia.game.export.export_results`; the store gives it the
        save's folder and today's date by the store's clock.

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
        day = self.now().astimezone().date()
        try:
            return export_results(party, folder, day, formats)
        except OSError as error:
            raise StoreError(f"the results could not be written to {folder}: {error}") from error
