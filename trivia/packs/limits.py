"""The bounds every loader puts on what it reads: packs, Open Trivia DB JSON, spreadsheets.

Pack files and imports are written by strangers, so nothing in one may make a loader
crash, hang or use unbounded memory. These are the limits, each named in the message that
refuses an input and listed in docs/pack-format.md ("Limits"). They are far above what a
real pack needs, and low enough that every check stays cheap.

Plain Python: no YAML, no Rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

MAX_BYTES: Final = 256 * 1024 * 1024
"""Files above this size are refused unread. A 200,000-question bank is tens of MB."""

MAX_DEPTH: Final = 100
"""Deepest nesting of lists and mappings (JSON arrays and objects) accepted. A pack
needs five levels, an Open Trivia DB response four."""

MAX_NUMBER_DIGITS: Final = 18
"""Most digits in a whole number: below 10**18, so it stays exact as a float's whole part
and fits a 64-bit integer (a save database column)."""

MAX_NUMBER_CHARS: Final = 100
"""Longest text of a number as written (`1_000_000`, `0x1F`, `6.02e23`): longer ones are
refused before they are converted, which for thousands of digits is slow or refused by
Python itself."""

MAX_TEXT_CHARS: Final = 10_000
"""Longest single text (a prompt, an option, an explanation, a key): about three pages."""

_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def too_long_number(text: str) -> str | None:
    """Why the written number `text` is refused before it is converted, or None."""
    if len(text) > MAX_NUMBER_CHARS:
        return (
            f"a number written with {len(text):,} characters is too long "
            f"(at most {MAX_NUMBER_CHARS})"
        )
    return None


def too_big_int(value: int) -> str | None:
    """Why the whole number `value` is refused, or None when it has few enough digits."""
    # Compared, never printed: str() of a number with thousands of digits raises.
    if -(10**MAX_NUMBER_DIGITS) < value < 10**MAX_NUMBER_DIGITS:
        return None
    return f"the number is too big: whole numbers have at most {MAX_NUMBER_DIGITS} digits"


def text_trouble(text: str) -> str | None:
    """Why the text is refused (too long, or a lone surrogate that is not a character),
    or None."""
    if len(text) > MAX_TEXT_CHARS:
        return f"the text is {len(text):,} characters long (at most {MAX_TEXT_CHARS:,})"
    found = _LONE_SURROGATE.search(text)
    if found is not None:
        return (
            f"the text holds a lone surrogate (\\u{ord(found.group()):04x}), "
            "which is not a character"
        )
    return None


def too_deep(value: Any) -> bool:
    """True when lists and dicts in `value` nest deeper than `MAX_DEPTH` (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterator[Any] = iter(item.values())
        elif isinstance(item, list):
            children = iter(item)
        else:
            continue
        if depth >= MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def first_text_trouble(value: Any) -> str | None:
    """The first refused text (`text_trouble`) among the strings (keys too) of a document
    of lists and dicts, or None. Iterative, so any depth is safe."""
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            trouble = text_trouble(item)
            if trouble:
                return trouble
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None
