"""Problems found in a pack file, each with its place, and the error that carries them.

Everything that can go wrong with a pack (unreadable file, bad bytes, malformed YAML, a
wrong key or a dangling reference) ends up as a `Problem`, so the command line, the
linter and the TUI can all show it the same way: `path:line:col: message (hint)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

YamlPath = tuple[str | int, ...]
"""Where a value sits in the document, e.g. `("questions", 3, "answer")`."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, and where it is.

    Attributes:
        path: The file, as it was given (or the name passed to `load_pack_text`).
        line: 1-based line; 0 when the problem is with the whole file (it cannot be read).
        col: 1-based column, counted in characters; 0 when `line` is 0.
        message: What is wrong, in the author's terms.
        hint: How to fix it, when there is something useful to say.
        where: The YAML path of the value concerned, e.g. `("questions", 3, "answer")`;
            empty when the problem is not about one value (bad bytes, malformed YAML).
    """

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    where: YamlPath = ()

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{place}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """The problems in reading order: by line, then column (stable otherwise)."""
    return sorted(problems, key=lambda p: (p.line, p.col))


class PackError(Exception):
    """A pack could not be loaded; `problems` says every reason, with its place.

    This is the only exception the loaders raise for bad input: an unreadable file, bytes
    that are not UTF-8, malformed YAML and an invalid pack all end up here.

    Attributes:
        problems: Every problem found, in reading order; never empty.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
