"""Daily mode: the seed and config every player shares for a pack on a date, and its rules.

The seed comes from SHA-256 of `"<date>:<pack id>"`, never from Python's `hash()` (which is
salted per process), so two machines anywhere draw the same questions on the same day.
One attempt a day: a profile gets one try at a pack's daily challenge per date, finished or
not. The store keeps the attempts (`Store.start_round(..., daily=day)`) and asks
`daily_key` which attempt a round would be; `DailyAttempt.taken_message` is what a second
try is told.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class DailyAttempt:
    """The one daily-challenge attempt a round would use: a pack key on a day.

    Attributes:
        pack_key: The packs of the round (`pack_key`).
        day: The day of the challenge.
    """

    pack_key: str
    day: date

    def taken_message(self, player: str) -> str:
        """What a player who already used this attempt is told."""
        return f"{player} has already played the {self.pack_key} daily on {self.day}"


def daily_key(
    config: RoundConfig, pack_ids: Iterable[str], day: date | None
) -> DailyAttempt | None:
    """Which daily attempt a round uses when it is saved, after checking it may be one.

    Args:
        config: The round's config.
        pack_ids: The ids of the round's packs.
        day: The day the round is saved as the daily challenge of; None when it is not
            saved as one.

    Returns:
        The attempt (one per profile: a second is refused), or None when `day` is None.

    Raises:
        ValueError: A daily-mode round without a day, or whose seed is not that day's:
            without the date the one-attempt rule could not be kept; with another date's
            seed the round would not be that day's challenge.
    """
    key = pack_key(pack_ids)
    if config.mode is Mode.DAILY:
        if day is None:
            raise ValueError("a daily round is saved with daily=<the day it is for>")
        if config.seed != daily_seed(day, key):
            raise ValueError(f"this round is not the {key} daily challenge of {day}")
    return DailyAttempt(key, day) if day is not None else None
