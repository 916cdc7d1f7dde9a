"""The player's settings, kept in `settings.json` beside the save: plain data, no SQLite.

The database keeps progress (and which profile was used last); these few preferences are
not progress, so they live in a small JSON file written atomically (a temporary file, then
`os.replace`), so a crash mid-write leaves the old file whole. Nothing here imports the
database layer, so the app reads its settings before the save is opened.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

DEFAULT_THEME = "fan-trivia"
"""The theme the game opens in."""

SETTINGS_NAME = "settings.json"
"""The settings file's name, in the save directory."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the Settings dialog changes.

    Attributes:
        timer: Whether questions are timed (speed then counts in the score).
        theme: The name of the Textual theme in use.
        practice_timer: Whether practice rounds are timed too (they are not by default:
            practice is for learning, not for speed).
    """

    timer: bool = True
    theme: str = DEFAULT_THEME
    practice_timer: bool = False


def load_settings(save_dir: Path | None) -> Settings:
    """The settings saved in `save_dir`, or the defaults.

    A missing, unreadable or malformed file gives the defaults (and unknown or mistyped
    keys are ignored one by one): settings are never a reason not to start.
    """
    if save_dir is None:
        return Settings()
    try:
        data = json.loads((save_dir / SETTINGS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    kept = {
        f.name: data[f.name]
        for f in fields(Settings)
        if isinstance(data.get(f.name), type(getattr(defaults, f.name)))
    }
    return Settings(**kept)


def save_settings(save_dir: Path | None, settings: Settings) -> None:
    """Write the settings to `save_dir` atomically; None (no save dir) writes nothing.

    Raises:
        OSError: The file could not be written (the old one, if any, is untouched).
    """
    if save_dir is None:
        return
    text = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    write_atomically(save_dir / SETTINGS_NAME, text)


def write_atomically(path: Path, text: str) -> None:
    """Write a small file beside the save whole or not at all (a temporary file, then
    `os.replace`), making its directory if needed.

    Raises:
        OSError: The file could not be written (the old one, if any, is untouched).
    """
    import tempfile  # only when saving: not on the way to the first paint

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
