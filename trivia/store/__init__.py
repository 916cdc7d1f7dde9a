"""Persistence: where saves live and the SQLite store of profiles, rounds and answers.

`Store.open(directory)` is the way in (see `trivia.store.database`). `leitner` and `daily`
hold the pure scheduling rules (with `daily_config`), `practice` builds a practice round's
config from the boxes (`practice_config`), and `paths` holds the save-dir rules: none of
them imports sqlite3. `party` holds the party queries used by `Store`, `PartyFeed` (a
display following a party) and results file naming.
The names below are loaded lazily, so importing one of those modules (`trivia where` reads
`paths`) does not load the database layer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trivia.store.daily import daily_config, daily_seed
    from trivia.store.database import (
        DEFAULT_PROFILE,
        DailyAlreadyPlayed,
        Mastery,
        Notice,
        NoticeKind,
        NotResumable,
        Profile,
        ProfileError,
        SavedRound,
        SaveFailed,
        Store,
        StoreError,
    )
    from trivia.store.leitner import BoxState, practice_order
    from trivia.store.party import PartyFeed, SavedParty, export_results, results_stem
    from trivia.store.paths import DATABASE_NAME, SaveLocation, resolve_save_dir
    from trivia.store.practice import practice_config
    from trivia.store.schema import SCHEMA_VERSION

_WHERE = {
    "daily_config": "daily",
    "daily_seed": "daily",
    "practice_config": "practice",
    "BoxState": "leitner",
    "practice_order": "leitner",
    "DATABASE_NAME": "paths",
    "SaveLocation": "paths",
    "resolve_save_dir": "paths",
    "SCHEMA_VERSION": "schema",
    "PartyFeed": "party",
    "SavedParty": "party",
    "export_results": "party",
    "results_stem": "party",
    **dict.fromkeys(
        (
            "DEFAULT_PROFILE",
            "DailyAlreadyPlayed",
            "Mastery",
            "Notice",
            "NoticeKind",
            "NotResumable",
            "Profile",
            "ProfileError",
            "SavedRound",
            "SaveFailed",
            "Store",
            "StoreError",
        ),
        "database",
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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'trivia.store' has no attribute {name!r}")
    return getattr(importlib.import_module(f"trivia.store.{module}"), name)
