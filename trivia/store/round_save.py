"""Saving a round as it is played: what the app's store thread does for one round.

Plain Python, no Textual (the UI's names for modes are `trivia.tui.names`): the app queues
these calls to its store thread (one thread, so they run in the order the player acted) and
shows what comes back. A write that fails
(`SaveFailed`) is kept and tried again with the next one, so a save that was locked for a
moment loses nothing; the store ignores an answer saved twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trivia.game.round import Outcome, QuestionInProgress, Round
    from trivia.packs.model import Pack
    from trivia.store.database import Store
    from trivia.store.profiles import Profile


class RoundNotSaved(Exception):
    """The store refused the round for good (e.g. today's daily was already played)."""


@dataclass(eq=False)
class RoundSave:
    """The saving side of one round, touched only by the store thread once created.

    Attributes:
        round: The round being played (the store reads its config and history).
        profile: Whose round it is (None until the save is open; set before saving).
        packs: The packs it draws from.
        daily: The day, when the round is that day's daily challenge.
        id: The saved round's id, once `start_round` has run (or from a resumed save).
        unsaved: Answers given but not saved yet (a write failed), oldest first.
        refused: The store refused the round: nothing more is tried.
        queued: The UI has handed the round's saving to the store thread (a round
            started before "resume?" was answered waits; it may never be saved).
    """

    round: Round
    profile: Profile | None
    packs: list[Pack]
    daily: date | None = None
    id: int | None = None
    unsaved: list[Outcome] = field(default_factory=list)
    refused: bool = False
    queued: bool = False

    def sync(self, store: Store) -> None:
        """Save the round if it is not saved yet, then every answer not saved yet.

        Raises:
            RoundNotSaved: The store refused the round (a second daily attempt).
            StoreError: A write failed; what was not saved is tried again next time.
        """
        from trivia.store.errors import DailyAlreadyPlayed

        if self.refused:
            return
        if self.id is None:
            if self.profile is None:
                raise RoundNotSaved("no profile to save it under")
            try:
                self.id = store.start_round(self.profile, self.round, self.packs, daily=self.daily)
            except (DailyAlreadyPlayed, ValueError) as error:
                self.refused = True
                raise RoundNotSaved(str(error)) from error
            # `start_round` saved every answer the round already had.
            self.unsaved.clear()
        while self.unsaved:
            store.record_answer(self.id, self.unsaved[0])
            self.unsaved.pop(0)

    def record(self, store: Store, outcome: Outcome) -> None:
        """Commit one answer (and any earlier one a failed write left behind)."""
        self.unsaved.append(outcome)
        self.sync(store)

    def note(self, store: Store, progress: QuestionInProgress) -> None:
        """Checkpoint the question being asked (once the round is saved; else nothing)."""
        if self.id is not None and not self.refused:
            store.note_question(self.id, progress)

    def finish(self, store: Store) -> None:
        """Save what is left and mark the round finished."""
        self.sync(store)
        if self.id is not None:
            store.finish_round(self.id)

    def abandon(self, store: Store) -> None:
        """Save what is left and mark the round abandoned (its answers still count)."""
        self.sync(store)
        if self.id is not None:
            store.abandon_round(self.id)
