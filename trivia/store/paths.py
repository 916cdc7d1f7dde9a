"""Where progress is saved: the save directory, resolved without opening any database.

First match wins: `--save-dir`, the `TRIVIA_SAVE_DIR` environment variable, `saves/` of the
source checkout the package runs from, else the platform's user data directory.

The bank index (`trivia.store.bank`, a cache of the compiled packs) goes inside the save
directory too when `--save-dir` names it, so a directory given on the command line holds
everything the game writes; otherwise it lives in the user cache directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATABASE_NAME = "trivia.db"
ENV_VAR = "TRIVIA_SAVE_DIR"
BANK_INDEX_NAME = "bank-index.sqlite"
"""The bank index's file name, in `--save-dir` or in the user cache directory."""
BANK_INDEX_ENV_VAR = "TRIVIA_BANK_INDEX"
"""Names the bank index file when `--save-dir` does not."""


@dataclass(frozen=True, slots=True)
class SaveLocation:
    """The save directory in use and the rule that chose it."""

    directory: Path
    reason: str

    @property
    def database(self) -> Path:
        """The SQLite database file inside the save directory."""
        return self.directory / DATABASE_NAME


def checkout_saves_dir() -> Path | None:
    """`saves/` of the source checkout the package runs from, or None when installed."""
    root = Path(__file__).resolve().parent.parent.parent
    saves = root / "saves"
    if (root / "pyproject.toml").is_file() and saves.is_dir():
        return saves
    return None


def bank_index_in_save_dir(cli_value: str | os.PathLike[str] | None) -> Path | None:
    """The bank index's file inside `--save-dir`, or None without one.

    None leaves the choice to `bank_index_path`: `TRIVIA_BANK_INDEX`,
    else the user cache directory. Only `--save-dir` moves the index, not
    `TRIVIA_SAVE_DIR`: the flag is how a self-contained setup (a meetup laptop, a USB
    stick) is run.
    """
    if not cli_value:
        return None
    return Path(cli_value).expanduser() / BANK_INDEX_NAME


def bank_index_path(save_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the bank index lives: in `save_dir` (`--save-dir`), else at
    `TRIVIA_BANK_INDEX`, else in the user cache directory."""
    in_save_dir = bank_index_in_save_dir(save_dir)
    if in_save_dir is not None:
        return in_save_dir
    env_value = os.environ.get(BANK_INDEX_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fan-trivia", appauthor=False)) / BANK_INDEX_NAME


def resolve_save_dir(cli_value: str | os.PathLike[str] | None = None) -> SaveLocation:
    """Decide where progress is kept (see the module docstring for the order)."""
    if cli_value:
        return SaveLocation(Path(cli_value).expanduser(), "--save-dir")
    env_value = os.environ.get(ENV_VAR)
    if env_value:
        return SaveLocation(Path(env_value).expanduser(), f"${ENV_VAR}")
    checkout = checkout_saves_dir()
    if checkout is not None:
        return SaveLocation(checkout, "source checkout")
    from platformdirs import user_data_dir

    return SaveLocation(Path(user_data_dir("fan-trivia", appauthor=False)), "user data dir")
