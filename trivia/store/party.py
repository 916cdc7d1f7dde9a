"""Saving parties: their config and event log in SQLite, a display's feed, results files.

A party is saved as what rebuilds it: its `PartyConfig` (seed included), the versions of
its packs, and its events, one row each, committed as they happen. `Party.replay` turns
them back into the party, scoreboard and all, so a crash, a kill or a closed lid loses
nothing that was committed. `Store` wraps the SQL here in its locked transactions
(`start_party`, `append_party_event`, ...); this module holds the queries, `SavedParty`,
`PartyFeed` (how a read-only projector display follows the host) and the results file
naming.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trivia.game.party import Party, PartyConfig, PartyError, export_csv, export_json
from trivia.game.round import Clock
from trivia.packs.model import Pack

if TYPE_CHECKING:
    from trivia.store.database import Store

PARTY_COLUMNS = "id, style, pack_key, packs, config, started_at, ended_at, status, clock"
"""The `parties` columns `SavedParty.from_row` reads, in its order."""

EXPORT_FORMATS = ("csv", "json")
"""Results file formats, by suffix."""


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


# --- results files -----------------------------------------------------------------------


def results_stem(day: date, pack_key: str) -> str:
    """`party-YYYY-MM-DD-<packs>`: the date and the packs, safe in any file system."""
    slug = re.sub(r"[^a-z0-9+]+", "-", pack_key.casefold()).strip("-") or "party"
    return f"party-{day.isoformat()}-{slug}"


def export_results(
    party: Party,
    directory: Path,
    day: date,
    formats: Sequence[str] = EXPORT_FORMATS,
) -> list[Path]:
    """Write the party's results into a directory, never over an existing file.

    Files are named `party-2026-11-25-mad-men.csv` (and `.json`); when a name is taken,
    `-2`, `-3`... is added, the same number for every format of one export, so the CSV
    and the JSON of one party keep matching names.

    Args:
        party: The party (finished or not: the results so far).
        directory: Where to write (created if missing).
        day: The date in the name (the host's local date).
        formats: "csv" and/or "json".

    Returns:
        The files written, in the order of `formats`.

    Raises:
        ValueError: An unknown format.
        OSError: The directory cannot be written.
    """
    writers: dict[str, Callable[..., Path]] = {"csv": export_csv, "json": export_json}
    unknown = [kind for kind in formats if kind not in writers]
    if unknown:
        raise ValueError(f"unknown export format {', '.join(unknown)}; known: csv, json")
    directory.mkdir(parents=True, exist_ok=True)
    stem = results_stem(day, "+".join(party.pack_ids))
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        targets = [directory / f"{name}.{kind}" for kind in formats]
        if not any(target.exists() for target in targets):
            written: list[Path] = []
            try:
                for kind, target in zip(formats, targets, strict=True):
                    # "x" mode: another export taking the name between the check and
                    # the write makes this one move on to the next number instead.
                    written.append(writers[kind](party, target, overwrite=False))
                return written
            except FileExistsError:
                for path in written:
                    path.unlink(missing_ok=True)
        number += 1


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
        store: Store,
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


__all__ = [
    "EXPORT_FORMATS",
    "HOST_SILENT_SECONDS",
    "PartyError",
    "PartyFeed",
    "SavedParty",
    "export_results",
    "results_stem",
]
