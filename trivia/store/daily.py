"""Daily mode: the seed every player shares for a pack on a date, without a database.

The seed comes from SHA-256 of `"<date>:<pack id>"`, never from Python's `hash()` (which is
salted per process), so two machines anywhere draw the same questions on the same day.
"""

from __future__ import annotations

import hashlib
from datetime import date

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
