"""Daily mode: the seed and config every player shares for a pack on a date, no database.

The seed comes from SHA-256 of `"<date>:<pack id>"`, never from Python's `hash()` (which is
salted per process), so two machines anywhere draw the same questions on the same day.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from trivia.game.round import DAILY_QUESTIONS, Mode, RoundConfig

SEED_BYTES = 4
"""The seed is the first 4 bytes of the digest: the same range as `build_round`'s own seeds."""


def daily_seed(day: date, pack_id: str) -> int:
    """The round seed for a pack's daily challenge on a day.

    Args:
        day: The player's calendar date.
        pack_id: The pack (or, for a round over several packs, their ids joined by "+").

    Returns:
        An integer in [0, 2**32), the same on every machine and every run.
    """
    digest = hashlib.sha256(f"{day.isoformat()}:{pack_id}".encode()).digest()
    return int.from_bytes(digest[:SEED_BYTES], "big")


def daily_config(pack_id: str | Iterable[str], day: date | None = None) -> RoundConfig:
    """The config of a pack's daily challenge on a day: the same for every player.

    Ten timed questions, drawn with `daily_seed`, with no filters: everyone with the same
    pack version gets the same questions, in the same order, with the same option orders.
    Play it with `build_round(packs, config)` and save it with
    `Store.start_round(profile, round_, packs, daily=day)`, passing the same day, which
    allows one scored attempt per profile, pack and day.

    Args:
        pack_id: The pack's id, or the ids of the packs played together.
        day: The player's calendar date; None is today (local time).

    Returns:
        A daily-mode config with its seed set.
    """
    key = pack_id if isinstance(pack_id, str) else pack_key(pack_id)
    return RoundConfig(
        mode=Mode.DAILY,
        seed=daily_seed(day or date.today(), key),
        question_count=DAILY_QUESTIONS,
        timed=True,
    )


def pack_key(pack_ids: Iterable[str]) -> str:
    """The ids of packs played together as one key: sorted, joined by "+" ("a+b")."""
    return "+".join(sorted(pack_ids))
