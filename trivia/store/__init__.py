"""Persistence: where saves live and the SQLite store of profiles, rounds, parties and answers.

`Store.open(directory)` is the way in (see `trivia.store.database`, which says which module
keeps what). The store decides no rule of the game: daily seeds and the one attempt a day
(`trivia.game.daily`), Leitner boxes (`trivia.game.leitner`) and practice order
(`trivia.game.practice`) are the game's; the store saves what they say, and the names below
re-export them for the callers that always found them here. `paths` holds the save-dir
rules and `settings` the player's preferences file: neither imports sqlite3.
The names below are loaded lazily, so importing one of those modules (`trivia where` reads
`paths`) does not load the database layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trivia.lazy import lazy_names

if TYPE_CHECKING:
    from trivia.game.daily import daily_config, daily_seed
    from trivia.game.export import export_results, results_stem
    from trivia.game.leitner import BoxState, Mastery, practice_order
    from trivia.store.boxes import practice_config
    from trivia.store.database import Store
    from trivia.store.errors import (
        DailyAlreadyPlayed,
        NotResumable,
        ProfileError,
        SaveFailed,
        StoreError,
    )
    from trivia.store.faults import Notice, NoticeKind
    from trivia.store.parties import PartyFeed, SavedParty
    from trivia.store.paths import DATABASE_NAME, SaveLocation, resolve_save_dir
    from trivia.store.profiles import DEFAULT_PROFILE, Profile
    from trivia.store.rounds import SavedRound
    from trivia.store.schema import SCHEMA_VERSION

# Name -> the module that defines it.
_WHERE = {
    "daily_config": "trivia.game.daily",
    "daily_seed": "trivia.game.daily",
    "export_results": "trivia.game.export",
    "results_stem": "trivia.game.export",
    "BoxState": "trivia.game.leitner",
    "Mastery": "trivia.game.leitner",
    "practice_order": "trivia.game.leitner",
    "practice_config": "trivia.store.boxes",
    "Store": "trivia.store.database",
    "Notice": "trivia.store.faults",
    "NoticeKind": "trivia.store.faults",
    "PartyFeed": "trivia.store.parties",
    "SavedParty": "trivia.store.parties",
    "DATABASE_NAME": "trivia.store.paths",
    "SaveLocation": "trivia.store.paths",
    "resolve_save_dir": "trivia.store.paths",
    "DEFAULT_PROFILE": "trivia.store.profiles",
    "Profile": "trivia.store.profiles",
    "SavedRound": "trivia.store.rounds",
    "SCHEMA_VERSION": "trivia.store.schema",
    **dict.fromkeys(
        ("DailyAlreadyPlayed", "NotResumable", "ProfileError", "SaveFailed", "StoreError"),
        "trivia.store.errors",
    ),
}

__all__ = [
    "DATABASE_NAME",
    "DEFAULT_PROFILE",
    "SCHEMA_VERSION",
    "BoxState",
    "DailyAlreadyPlayed",
    "Mastery",
    "NotResumable",
    "Notice",
    "NoticeKind",
    "PartyFeed",
    "Profile",
    "ProfileError",
    "SaveFailed",
    "SavedParty",
    "SaveLocation",
    "SavedRound",
    "Store",
    "StoreError",
    "daily_config",
    "daily_seed",
    "export_results",
    "practice_config",
    "practice_order",
    "resolve_save_dir",
    "results_stem",
]


__getattr__ = lazy_names(__name__, _WHERE)
