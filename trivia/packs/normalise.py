"""How answer text is compared: the normalised form the answer checker and the linter share.

The answer checker (`trivia.game.answers`) decides whether typed text is an answer by
comparing normalised forms; the linter's `answer-leak` rule (`trivia.packs.leaks`) looks
for answers printed in other questions' text, and must see words exactly as the checker
does, or it would miss "Don's" for "Dons". Both import the one normaliser from here, since
`packs` stands below `game` and may not import it. Plain Python, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

ARTICLES: Final = ("the", "a", "an")
"""Leading words `normalise_text` drops when words remain after them."""

# Apostrophes vanish rather than split words, so "Don's" matches "Dons" and not "Don s".
_APOSTROPHES: Final = "'\u2019\u2018`\u00b4"
_DROP_APOSTROPHES: Final = str.maketrans("", "", _APOSTROPHES)
# `\w` is exactly `str.isalnum()` plus "_": a word is a run of letters and digits, and
# every other character (punctuation, spaces, "_") separates words.
_WORD: Final = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    """Casefold, strip accents, `&` to "and", apostrophes dropped (punctuation is kept)."""
    folded = text.casefold()
    if folded.isascii():  # the common case, and several times faster than translate()
        return folded.replace("&", " and ").replace("'", "").replace("`", "")
    decomposed = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.replace("&", " and ").translate(_DROP_APOSTROPHES)


def words(text: str) -> list[str]:
    """The normalised words of a text, with no article dropped (for searching in it).

    Args:
        text: Any text: a prompt, a hint, an answer.

    Returns:
        The words `normalise_text` would join, a leading article included.
    """
    return _WORD.findall(_fold(text))


def normalise_text(text: str) -> str:
    """Reduce text to what a forgiving comparison should see.

    Lowercases (casefold), strips accents (NFKD, combining marks dropped), turns `&` into
    "and", removes apostrophes, turns other punctuation into spaces, collapses whitespace
    and drops one leading article ("the", "a", "an") when words remain after it.

    Args:
        text: The text to normalise.

    Returns:
        The normalised text; "" for text with no letters or digits.
    """
    return " ".join(normalised_words(text))


def normalised_words(text: str) -> list[str]:
    """`normalise_text(text).split()`, without joining and splitting again."""
    found = words(text)
    if len(found) > 1 and found[0] in ARTICLES:
        return found[1:]
    return found


def word_starts(text: str) -> list[int]:
    """Where each of `words(text)` begins in `text` (offsets into the original string).

    Slower than `words` (a step per character), so it is meant for the few texts in which
    something was found. A character that folds into two words (rare: "½") gives both the
    same offset.
    """
    starts: list[int] = []
    inside = False
    for offset, char in enumerate(text):
        for folded in _fold(char):
            if not _WORD.match(folded):
                inside = False
            elif not inside:
                starts.append(offset)
                inside = True
    return starts
