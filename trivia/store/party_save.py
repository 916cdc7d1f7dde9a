"""Saving a party as it is played: what the app's store thread does for one party.

Plain Python, no Textual (the UI's names for styles are `trivia.tui.names`). The host
screen hands each batch of new events to the app's store thread (one thread, so they are
written in the order the host acted); a write that fails is kept and tried again with the
next batch, and the store ignores an event saved twice, so nothing is lost and nothing is
doubled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trivia.game.party import Party
    from trivia.packs.model import Pack
    from trivia.store.database import Store


@dataclass(eq=False)
class PartySave:
    """The saving side of one party.

    The UI thread calls `take_new_events` after every action (it reads the party); the
    store thread then runs `write` with what it took, so the store thread never reads the
    party while the host changes it.

    Attributes:
        party: The party being played.
        packs: The packs it draws from (their versions are saved with it).
        id: The saved party's id, once `start_party` has run (or from a resumed save).
        taken: The `seq` of the last event handed to the store thread.
        unsaved: Events handed over but not written yet (a write failed), oldest first.
    """

    party: Party
    packs: list[Pack]
    id: int | None = None
    taken: int = 0
    unsaved: list[dict[str, Any]] = field(default_factory=list)

    def take_new_events(self) -> list[dict[str, Any]]:
        """The events since the last call (UI thread): copies, safe to hand over. Only the
        new ones are copied, so the host's 10-a-second look costs nothing when none came."""
        new = self.party.events_since(self.taken)
        self.taken = self.party.last_event
        return new

    def write(self, store: Store, events: Sequence[dict[str, Any]]) -> None:
        """Save the party if it is not saved yet, then every event not saved yet.

        Raises:
            StoreError: A write failed; what was not saved is tried again next time.
        """
        self.unsaved.extend(events)
        if self.id is None:
            # Saves the events the party has now too; writing them again below is a no-op.
            self.id = store.start_party(self.party, self.packs)
        while self.unsaved:
            store.append_party_event(self.id, self.unsaved[0])
            self.unsaved.pop(0)

    def note_clock(self, store: Store, party_time: float) -> None:
        """Checkpoint the party time (once the party is saved; else nothing)."""
        if self.id is not None:
            store.note_party_clock(self.id, party_time)

    def finish(self, store: Store) -> None:
        """Save what is left and mark the party finished (it leaves the resume list)."""
        self.write(store, ())
        if self.id is not None:
            store.finish_party(self.id)

    def export(self, store: Store) -> list[Path]:
        """Write the results (CSV and JSON) beside the save; returns the files."""
        return store.export_party(self.party)
