"""Pack files played by path (`trivia play --pack FILE`), remembered so Home lists them.

A pack outside the pack directories is found only by its path; without this, Home would
forget it as soon as that round ended. The paths are kept, most recent first, in
`played-packs.json` beside the save, written atomically like the settings. Nothing is
copied: a file that is moved or deleted simply stops being listed. No SQLite here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Final

from trivia.packs.library import PackDir
from trivia.store.settings import write_atomically

PLAYED_NAME: Final = "played-packs.json"
"""The file's name, in the save directory."""

MAX_PLAYED: Final = 20
"""How many pack files are remembered; the least recently played is forgotten first."""

PLAYED_ORIGIN: Final = "played"
"""The origin Home shows for a remembered pack ("12 questions · played")."""


def played_packs(save_dir: Path | None) -> list[Path]:
    """The pack files played by path, most recent first; none if the file is unreadable."""
    if save_dir is None:
        return []
    try:
        data = json.loads((save_dir / PLAYED_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(item) for item in data if isinstance(item, str) and item][:MAX_PLAYED]


def remember_played(save_dir: Path | None, pack_file: Path) -> None:
    """Put `pack_file` first among the remembered packs.

    Raises:
        OSError: The file could not be written (the old one, if any, is untouched).
    """
    if save_dir is None:
        return
    path = pack_file.resolve()
    paths = [path, *(p for p in played_packs(save_dir) if p != path)][:MAX_PLAYED]
    write_atomically(save_dir / PLAYED_NAME, json.dumps([str(p) for p in paths], indent=2) + "\n")


def with_played(dirs: list[PackDir], save_dir: Path | None) -> list[PackDir]:
    """`dirs` and, after them, each remembered pack file that is not in one of them.

    A file inside a searched directory is listed from there already (twice would show it
    hidden by itself); remembered files come last, so an installed pack keeps its id.
    """
    searched = {_resolved(pack_dir.path) for pack_dir in dirs}
    extra = [
        PackDir(path, PLAYED_ORIGIN)
        for path in played_packs(save_dir)
        if _resolved(path.parent) not in searched
    ]
    return [*dirs, *extra]


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # pragma: no cover - a path the system cannot even resolve
        return path
