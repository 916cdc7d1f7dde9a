"""What the store raises: `StoreError` and its kinds; each message is meant for the player."""

from __future__ import annotations


class StoreError(Exception):
    """Something the store could not do; its message is meant for the player."""


class ProfileError(StoreError):
    """A profile name that is empty, too long, or already taken, or an unknown profile."""


class SaveFailed(StoreError):
    """A write that did not happen (locked past the timeout, disk full, file gone bad).

    The game goes on; the UI shows the message.
    """


class NotResumable(StoreError):
    """A saved round that cannot be rebuilt (a pack is missing or has changed)."""


class DailyAlreadyPlayed(StoreError):
    """The profile has already played that pack's daily challenge that day."""
