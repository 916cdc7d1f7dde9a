"""The save database: profiles, rounds and every answer, in SQLite, without a UI.

`Store` is the one object the rest of the game holds; each part of it lives in a module
named for what it stores, all on `Connection` (opening the file and its transactions):

- `trivia.store.connection`: opening, faults moved aside (`trivia.store.faults`),
  transactions, threads and durability (read its docstring);
- `trivia.store.profiles`: profiles;
- `trivia.store.rounds`: rounds, their answers, daily attempts, resuming;
- `trivia.store.boxes`: the Leitner boxes practice is built from;
- `trivia.store.parties`: parties and their event logs;
- `trivia.store.records`: high scores and stats, read back.

No rule of the game is decided here: daily, practice and Leitner rules are in
`trivia.game`, and the store saves what they say.
"""

from __future__ import annotations

from trivia.game.leitner import Mastery
from trivia.store.boxes import Boxes
from trivia.store.connection import BUSY_TIMEOUT
from trivia.store.errors import (
    DailyAlreadyPlayed,
    NotResumable,
    ProfileError,
    SaveFailed,
    StoreError,
)
from trivia.store.faults import Notice, NoticeKind
from trivia.store.parties import Parties
from trivia.store.profiles import DEFAULT_PROFILE, MAX_NAME_LENGTH, Profile
from trivia.store.records import Records
from trivia.store.rounds import Rounds, SavedRound


class Store(Records, Rounds, Boxes, Parties):
    """Saved progress in one SQLite database. Open it with `Store.open` or `Store.in_memory`.

    Every public method is safe to call from any thread. Methods that write raise
    `SaveFailed` when the write did not happen; the game can go on without it.
    """


__all__ = [
    "BUSY_TIMEOUT",
    "DEFAULT_PROFILE",
    "MAX_NAME_LENGTH",
    "DailyAlreadyPlayed",
    "Mastery",
    "NotResumable",
    "Notice",
    "NoticeKind",
    "Profile",
    "ProfileError",
    "SaveFailed",
    "SavedRound",
    "Store",
    "StoreError",
]
