"""Ids for packs written by tools (`trivia new`, the importers): slugs and stable hashes.

Saved progress refers to question ids, so an importer must give a question the same id
every time the same file is imported: the id is a short hash of the prompt, not a row
number. Two prompts that hash alike (or one prompt asked twice) are told apart by a
suffix given in file order, which is just as repeatable.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Final

from trivia.packs.spec import ID_PATTERN, SLUG_PATTERN

ID_RE: Final = re.compile(ID_PATTERN)
SLUG_RE: Final = re.compile(SLUG_PATTERN)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")

HASH_CHARS: Final = 10
"""Hex digits of the prompt hash: 40 bits, so 200,000 prompts rarely share one (~2%),
and when two do the suffix keeps them apart."""


def slugify(text: str, default: str = "pack") -> str:
    """Text as lowercase ASCII words joined by dashes ("Science: Computers" -> "science-computers").

    Accents are dropped ("Café" -> "cafe"); text with no letters or digits gives `default`.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug or default


def prompt_id(prompt: str, prefix: str = "q") -> str:
    """A stable id for a question from its prompt: `q-` and 10 hex digits of its BLAKE2b hash.

    Spacing does not count (a re-export that rewraps a prompt keeps its id); case and
    wording do.
    """
    canonical = " ".join(prompt.split())
    digest = hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
    return f"{prefix}-{digest[:HASH_CHARS]}"


class IdAllocator:
    """Hands out unique ids: the wanted one, or the same with `-2`, `-3`... once taken."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def __contains__(self, wanted: object) -> bool:
        return wanted in self._taken

    def claim(self, wanted: str) -> bool:
        """Take exactly `wanted`; False if it is already taken."""
        if wanted in self._taken:
            return False
        self._taken.add(wanted)
        return True

    def allocate(self, wanted: str) -> str:
        """`wanted` if free, else the first free `wanted-N` (N from 2), taken now."""
        candidate = wanted
        number = 1
        while candidate in self._taken:
            number += 1
            candidate = f"{wanted}-{number}"
        self._taken.add(candidate)
        return candidate
