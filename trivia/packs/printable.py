"""Pack text made safe for a terminal: control characters shown, never obeyed.

Pack files are written by strangers. An escape sequence in a prompt must not move the cursor,
recolour the screen or set the window title; it is shown as the visible text `\\x1b` instead.
Rich markup is a separate concern: callers print pack text with markup turned off.
"""

from __future__ import annotations

import unicodedata

_KEEP = {"\n", "\t"}
_ESCAPED = {"Cc", "Cs"}


def _visible(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """Return `text` with every control character replaced by a visible escape.

    Newlines and tabs are kept. Categories Cc (C0, DEL, C1) and the bidirectional overrides
    (which can make text read differently from how it is stored) are escaped, and so are
    lone surrogates (Cs: a JSON `\\ud800`, a file name that is not UTF-8), which no terminal
    encoding can write.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _KEEP:
            out.append(char)
        elif unicodedata.category(char) in _ESCAPED or char in _BIDI_CONTROLS:
            out.append(_visible(char))
        else:
            out.append(char)
    return "".join(out)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
