"""Finding the packs a player can play: bundled, user-installed and extra directories.

A pack is named on the command line either by its id (`mad-men`) or by a path to its file.
Directories are searched in a fixed order, so when two files share an id the first one wins
and the others are reported as shadowed rather than silently dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trivia.packs.model import Pack

PACK_SUFFIXES = (".yaml", ".yml")


def bundled_packs_dir() -> Path:
    """The directory of the packs that ship with the game.

    Inside an installed wheel the packs sit in `trivia/_questions`; in a source checkout
    (including an editable install) they are the checkout's top-level `questions/`.
    """
    here = Path(__file__).resolve().parent.parent
    installed = here / "_questions"
    if installed.is_dir():
        return installed
    return here.parent / "questions"


def user_packs_dir() -> Path:
    """Where a player drops their own packs: `packs/` in the platform's user data dir."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("fan-trivia", appauthor=False)) / "packs"


@dataclass(frozen=True, slots=True)
class PackDir:
    """A directory searched for packs, and why it is searched."""

    path: Path
    origin: str
    """One of "extra" (--packs-dir), "bundled" or "user"."""


def pack_dirs(extra: Sequence[str | os.PathLike[str]] = ()) -> list[PackDir]:
    """The directories searched for packs, in the order that decides which id wins."""
    dirs = [PackDir(Path(p).expanduser(), "extra") for p in extra]
    dirs.append(PackDir(bundled_packs_dir(), "bundled"))
    dirs.append(PackDir(user_packs_dir(), "user"))
    return dirs


def pack_files(directory: Path) -> list[Path]:
    """The pack files directly inside a directory, sorted by name; none if it is missing.

    A `PackDir` may also name one pack file (a pack played by path, which Home remembers):
    that file alone, while it exists.
    """
    if directory.suffix.lower() in PACK_SUFFIXES and directory.is_file():
        return [directory]
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.suffix.lower() in PACK_SUFFIXES and p.is_file()
    )


@dataclass(slots=True)
class PackEntry:
    """One pack file found in a pack directory, loaded or with the problems that stop it."""

    path: Path
    origin: str
    pack: Pack | None = None
    problems: list[str] = field(default_factory=list)
    shadowed_by: Path | None = None

    @property
    def ok(self) -> bool:
        """True when the pack loaded without problems."""
        return self.pack is not None


def scan(dirs: Iterable[PackDir]) -> list[PackEntry]:
    """Load every pack file in the given directories.

    Broken packs are kept in the list with their problems, so a listing can show them
    instead of hiding them.
    """
    from trivia.packs import PackError, load_pack

    entries: list[PackEntry] = []
    first_by_id: dict[str, Path] = {}
    for pack_dir in dirs:
        for path in pack_files(pack_dir.path):
            entry = PackEntry(path=path, origin=pack_dir.origin)
            try:
                entry.pack = load_pack(path)
            except PackError as error:
                entry.problems = [str(problem) for problem in error.problems]
            else:
                pack_id = entry.pack.id
                if pack_id in first_by_id:
                    entry.shadowed_by = first_by_id[pack_id]
                else:
                    first_by_id[pack_id] = path
            entries.append(entry)
    return entries


class PackNotFound(LookupError):
    """No pack has the id or path the player asked for."""


def looks_like_path(name: str) -> bool:
    """True when a `--pack` value names a file rather than a pack id."""
    return os.sep in name or "/" in name or name.lower().endswith(PACK_SUFFIXES)


def resolve_pack(name: str, dirs: Iterable[PackDir]) -> Pack:
    """Load the pack a `--pack` value names: a path to a file, or the id of a found pack.

    Raises:
        PackNotFound: nothing matches; the message lists the ids that exist.
        PackError: the file was found but has problems.
    """
    from trivia.packs import load_pack

    if looks_like_path(name) or Path(name).is_file():
        path = Path(name).expanduser()
        if not path.is_file():
            raise PackNotFound(f"{name}: no such pack file")
        return load_pack(path)
    entries = [e for e in scan(dirs) if e.ok and e.shadowed_by is None]
    for entry in entries:
        assert entry.pack is not None
        if entry.pack.id == name:
            return entry.pack
    known = ", ".join(sorted(e.pack.id for e in entries if e.pack)) or "none"
    raise PackNotFound(f"no pack with id {name!r} (installed: {known})")
