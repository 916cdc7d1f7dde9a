"""Saving practice boxes: where each question stands for each profile, and practice rounds.

The Leitner rules (which box an answer leads to, when a question is due, the order practice
asks them in, what counts as mastered) are `trivia.game.leitner`'s; this module keeps the
boxes in the `boxes` table and reads them back. `practice_config` builds a practice round's
config from the saved boxes (`trivia.game.practice.practice_round_config`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import datetime

from trivia.game import leitner
from trivia.game.leitner import BoxState, Mastery
from trivia.game.practice import practice_round_config
from trivia.game.round import PRACTICE_QUESTIONS, Outcome, RoundConfig
from trivia.packs.model import Difficulty, Pack
from trivia.store.connection import Connection
from trivia.store.profiles import Profile
from trivia.store.schema import stamp


class Boxes(Connection):
    """The store's Leitner boxes (a part of `trivia.store.Store`)."""

    def boxes(self, profile: Profile, pack_id: str) -> list[BoxState]:
        """The profile's Leitner boxes for a pack's questions it has answered."""
        with self._read() as db:
            rows = db.execute(
                "SELECT question_id, box, due_at, last_correct FROM boxes "
                "WHERE profile_id = ? AND pack_id = ?",
                (profile.id, pack_id),
            ).fetchall()
        return [BoxState(q, box, datetime.fromisoformat(due), bool(ok)) for q, box, due, ok in rows]

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
        return leitner.mastery(
            self.boxes(profile, pack.id), [question.id for question in pack.questions]
        )


def advance_box(db: sqlite3.Connection, round_id: int, outcome: Outcome, at: datetime) -> None:
    """Save the box an answer moves its question to (`trivia.game.leitner.advance`).

    Call it inside the write transaction that saves the answer.
    """
    key = db.execute("SELECT profile_id FROM rounds WHERE id = ?", (round_id,)).fetchone()
    profile_id = key[0]
    row = db.execute(
        "SELECT box, due_at, last_correct FROM boxes"
        " WHERE profile_id = ? AND pack_id = ? AND question_id = ?",
        (profile_id, outcome.pack_id, outcome.question_id),
    ).fetchone()
    previous = (
        BoxState(outcome.question_id, row[0], datetime.fromisoformat(row[1]), bool(row[2]))
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


def practice_config(
    store: Boxes,
    profile: Profile,
    pack: Pack,
    count: int | None = PRACTICE_QUESTIONS,
    *,
    now: datetime | None = None,
    seed: int | None = None,
    timed: bool = False,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> RoundConfig:
    """A practice round for a profile and pack: missed and due questions first, then new ones.

    `trivia.game.practice.practice_round_config` over the boxes saved for them, judged
    "due" at `now` (None is the store's clock); the other arguments are its own. Play the
    config with `build_round([pack], config)`.

    Raises:
        StoreError: The save could not be read.
    """
    return practice_round_config(
        pack,
        store.boxes(profile, pack.id),
        now or store.now(),
        count,
        seed=seed,
        timed=timed,
        tags=tags,
        difficulties=difficulties,
    )
