"""The player's settings for the session: plain data, no Textual."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THEME = "fan-trivia"
"""The theme the game opens in."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the Settings dialog changes.

    Attributes:
        timer: Whether questions are timed (speed then counts in the score).
        theme: The name of the Textual theme in use.
        profile: Whose game this is; shown on Home and passed on to saves when they land.
    """

    timer: bool = True
    theme: str = DEFAULT_THEME
    profile: str = "Player"
