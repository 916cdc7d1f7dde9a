"""Loading pack files: read the bytes, load the YAML safely, validate, build the model.

Every kind of bad input (a missing file, bytes that are not UTF-8, malformed YAML, an
invalid pack) becomes a `Problem`; `check_*` return them and `load_*` raise them as one
`PackError`. Nothing else escapes for bad input.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from trivia.packs import yamlsafe
from trivia.packs.model import Pack
from trivia.packs.problems import PackError, Problem, YamlPath
from trivia.packs.validate import validate_document
from trivia.packs.yamlsafe import Positions, gc_paused, load_yaml

StrPath = str | os.PathLike[str]


@dataclass(frozen=True)
class LoadedPack:
    """A valid pack together with where each of its parts is written in the file.

    For tools that point into the file (the linter, the question preview); the game only
    needs `load_pack`. Keeping the positions keeps the file's node tree in memory.

    Attributes:
        pack: The pack.
        positions: Line and column of any value by YAML path, e.g.
            `positions.at(("questions", 3, "answer"))`.
    """

    pack: Pack
    positions: Positions
    _question_index: dict[str, int] = field(repr=False, compare=False)

    def position_of(self, question_id: str) -> tuple[int, int]:
        """Where a question starts in the file (1-based line and column).

        Raises:
            KeyError: If the pack has no question with this id.
        """
        return self.positions.at(("questions", self._question_index[question_id]))

    def path_of(self, question_id: str) -> YamlPath:
        """The YAML path of a question, e.g. `("questions", 3)`, to look up its keys."""
        return ("questions", self._question_index[question_id])


def _io_problem(name: str, error: OSError) -> Problem:
    if isinstance(error, FileNotFoundError):
        return Problem(name, 0, 0, "no such file", "check the path")
    if isinstance(error, IsADirectoryError) or error.errno == errno.EISDIR:
        return Problem(name, 0, 0, "this is a directory, not a pack file", "give a .yaml file")
    if isinstance(error, PermissionError):
        return Problem(name, 0, 0, "permission denied: the file cannot be read")
    return Problem(name, 0, 0, f"the file cannot be read: {error.strerror or error}")


def _read(path: StrPath) -> bytes:
    """The file's bytes, or PackError for anything that stops it being read."""
    name = os.fspath(path)
    try:
        if Path(path).is_dir():  # Windows opens no directory, POSIX may not say EISDIR
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        with open(path, "rb") as stream:
            # One byte past the cap is enough to know the file is too big.
            return stream.read(yamlsafe.MAX_BYTES + 1)
    except OSError as error:
        raise PackError([_io_problem(name, error)]) from None
    except ValueError as error:  # e.g. a path with a NUL byte in it
        raise PackError([Problem(name, 0, 0, f"not a usable path: {error}")]) from None


def _check(
    data: bytes | str, name: str, path: Path | None, keep_positions: bool
) -> tuple[Pack | None, list[Problem], Positions | None]:
    try:
        document = load_yaml(data, name)
    except PackError as error:
        return None, error.problems, None
    pack, problems = validate_document(document, name, path)
    return pack, problems, document.positions if keep_positions else None


def _load(
    data: bytes | str, name: str, path: Path | None, keep_positions: bool = False
) -> tuple[Pack, Positions | None]:
    # Everything the load creates but does not return (the node tree, the plain values)
    # is freed when _check returns, still inside the pause: resuming the collector with
    # a million young objects alive would cost it a full pass over them.
    with gc_paused():
        pack, problems, positions = _check(data, name, path, keep_positions)
    if pack is None:
        raise PackError(problems)
    return pack, positions


def _with_positions(pack: Pack, positions: Positions | None) -> LoadedPack:
    assert positions is not None
    index = {question.id: number for number, question in enumerate(pack.questions)}
    return LoadedPack(pack, positions, index)


def load_pack_text(text: str | bytes, name: str = "<string>") -> Pack:
    """Load a pack from YAML text or bytes (for tests and importers).

    Args:
        text: The YAML, as text or as UTF-8 bytes.
        name: What to call it in problems.

    Raises:
        PackError: With every problem found.
    """
    pack, _ = _load(text, name, None)
    return pack


def check_text(text: str | bytes, name: str = "<string>") -> list[Problem]:
    """Every problem with a pack given as YAML text or bytes; empty when it is valid."""
    try:
        _load(text, name, None)
    except PackError as error:
        return error.problems
    return []


def load_pack(path: StrPath) -> Pack:
    """Load and validate a pack file.

    Args:
        path: The pack's YAML file.

    Returns:
        The pack, with `path` set.

    Raises:
        PackError: With every problem found, including a file that cannot be read.
    """
    pack, _ = _load(_read(path), os.fspath(path), Path(path))
    return pack


def load_pack_with_positions(path: StrPath) -> LoadedPack:
    """Load a pack file, keeping where each value is written (for the linter, preview).

    Raises:
        PackError: With every problem found, including a file that cannot be read.
    """
    return _with_positions(*_load(_read(path), os.fspath(path), Path(path), True))


def load_text_with_positions(text: str | bytes, name: str = "<string>") -> LoadedPack:
    """Like `load_pack_with_positions`, for YAML given as text or bytes."""
    return _with_positions(*_load(text, name, None, True))


def check_file(path: StrPath) -> list[Problem]:
    """Every problem with a pack file, in reading order; empty when it is valid.

    Never raises for bad input: an unreadable file (missing, a directory, no permission)
    is a problem too, at line 0.
    """
    try:
        _load(_read(path), os.fspath(path), Path(path))
    except PackError as error:
        return error.problems
    return []
