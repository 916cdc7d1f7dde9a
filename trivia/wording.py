"""How the game words a count in a sentence, the same in the terminal UI and on the command
line: "1 round", "2 rounds", never "1 round(s)".

Plain Python (no Textual, no Rich), so every layer may use it.
"""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, singular for exactly one: "1 problem", "0 problems".

    Args:
        count: How many.
        noun: The singular ("round").
        plural: The plural when it is not the singular with an "s" ("matches").

    Returns:
        The count (comma thousands, as points are written) and the right form of the noun.
    """
    word = noun if count == 1 else (plural or f"{noun}s")
    return f"{count:,} {word}"
