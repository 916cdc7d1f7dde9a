"""Moodle GIFT files into a pack: the common subset, and nothing guessed outside it.

Questions are separated by blank lines; lines starting with `//` are comments. Supported:

    $CATEGORY: $course$/top/Mad Men/Cast      the tags of the questions below (mad-men, cast)
    ::Q1:: Who played Peggy? {=Elisabeth Moss ~January Jones ~Kiernan Shipka}   choice
    Peggy leaves Don's agency in Season 5. {T}          truefalse ({F}, {TRUE}, {FALSE})
    How many Emmys did Mad Men win? {#16}               number ({#16:1}: within 1)
    Who played Peggy? {=Elisabeth Moss =Moss}           text, the rest accepted
    Peggy joins {=Sterling Cooper ~McCann} as a secretary.   the answer in the middle:
                                                        the prompt shows a blank (_____)

`\\:`, `\\=`, `\\~`, `\\{`, `\\}`, `\\#` and `\\\\` are the characters themselves, `\\n` a
line break. A title (`::Q1::`) is Moodle's name for the question; the pack has no place
for it, and question ids are made from the prompt as in every import. GIFT has no
difficulty: every question is medium.

Outside the subset, each question is listed with its line and left out: matching (`->`),
weights (`~%50%`), feedback (`#`), essays (`{}`), numeric ranges or several numeric
answers, several answer blocks, descriptions (no answer block), and text in a `[html]`
or `[markdown]` format. `[plain]` and `[moodle]` text is plain text and is kept.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Unpack

from trivia.packs.ids import slugify
from trivia.packs.importers import Draft, ImportResult
from trivia.packs.importers.run import ImportRun, ImportSettings, read_text

KIND: Final = "Moodle GIFT file"
BLANK: Final = "_____"
"""Stands for the answer in a prompt whose answer block is in the middle of the text."""

_ESCAPES: Final = {":": ":", "=": "=", "~": "~", "{": "{", "}": "}", "#": "#", "\\": "\\",
                   "n": "\n"}  # fmt: skip
_FORMAT: Final = re.compile(r"\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_KEPT_FORMATS: Final = ("moodle", "plain")
_WEIGHT: Final = re.compile(r"[=~]\s*%-?[0-9.]+%")
_TRUTH: Final = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY: Final = "$CATEGORY:"
_PLACEHOLDER: Final = re.compile(r"\$\w+\$")


class _LeftOut(Exception):
    """Outside the GIFT subset: listed and left out (`offset` is where, in the block)."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Bad(_LeftOut):
    """Broken GIFT: a bad record, which fails the import unless `skip_bad`."""


@functools.cache
def _scanner(pattern: str) -> re.Pattern[str]:
    # An escape (a backslash and the character after it) is matched first, so a token
    # right after a backslash is never taken for one.
    return re.compile(r"\\.|" + pattern, re.DOTALL)


_literal: Final = functools.cache(re.escape)


def _unescaped(text: str, pattern: str, start: int = 0) -> Iterator[int]:
    """Where the regex `pattern` matches in `text` (from `start`) outside an escape."""
    for match in _scanner(pattern).finditer(text, start):
        if match.group()[0] != "\\":
            yield match.start()


def _find(text: str, token: str, start: int = 0) -> int:
    """Where `token` first starts unescaped in `text` at or after `start`, or -1."""
    return next(_unescaped(text, _literal(token), start), -1)


_ESCAPE: Final = re.compile(r"\\([:=~{}#\\n])")


def unescape(text: str) -> str:
    """GIFT text as it reads: `\\=` is `=`, `\\n` a line break; lines stripped."""
    if "\\" in text:
        text = _ESCAPE.sub(lambda found: _ESCAPES[found.group(1)], text)
    text = text.strip()
    if "\n" not in text:
        return text
    return "\n".join(line.strip() for line in text.split("\n"))


@dataclass(slots=True)
class _Block:
    """One question's text (comments dropped), and the line each of its lines is on."""

    text: str
    starts: list[int]
    lines: list[int]

    def line_at(self, offset: int) -> int:
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _blocks(lines: list[str]) -> Iterator[_Block]:
    """The blank-line-separated blocks of a GIFT file, comment lines dropped."""
    parts: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.lstrip().startswith("//"):
            continue
        if line.strip():
            parts.append(line)
            numbers.append(number)
            continue
        if parts:
            starts = []
            offset = 0
            for part in parts:
                starts.append(offset)
                offset += len(part) + 1
            yield _Block("\n".join(parts), starts, numbers)
            parts, numbers = [], []


def _answers(body: str, offset: int) -> list[tuple[str, str]]:
    """The `=right` and `~wrong` answers of an answer block, as (mark, text)."""
    marks = list(_unescaped(body, "[=~]"))
    if not marks or body[: marks[0]].strip():
        raise _Bad(
            "an answer block needs answers starting with = (right) or ~ (wrong)",
            offset,
        )
    ends = [*marks[1:], len(body)]
    return [(body[i], unescape(body[i + 1 : end])) for i, end in zip(marks, ends, strict=True)]


def _number(text: str, offset: int) -> float:
    try:
        value = float(unescape(text))
    except ValueError:
        raise _Bad(f"{unescape(text)!r} is not a number", offset) from None
    if not math.isfinite(value):
        raise _Bad(f"{unescape(text)!r} is not a finite number", offset)
    return value


def _draft(block: _Block, tags: list[str]) -> Draft:
    """One block as a draft.

    Raises:
        _LeftOut: Outside the subset.
        _Bad: Broken GIFT.
    """
    text = block.text
    rest = 0
    if text.startswith("::"):
        close = _find(text, "::", 2)
        if close < 0:
            raise _Bad("the title (::title::) is not closed with ::", 0)
        rest = close + 2
    form = _FORMAT.match(text, rest)
    if form is not None:
        if form.group(1).lower() not in _KEPT_FORMATS:
            raise _LeftOut(f"text in the [{form.group(1)}] format is not supported", rest)
        rest = form.end()
    opening = _find(text, "{", rest)
    if opening < 0:
        raise _LeftOut("a description (no answer block in braces) is not a question", rest)
    closing = _find(text, "}", opening + 1)
    if closing < 0:
        raise _Bad("the answer block opened with { is not closed with }", opening)
    after = text[closing + 1 :]
    if _find(after, "{") >= 0:
        raise _LeftOut("several answer blocks in one question are not supported", closing + 1)
    before = unescape(text[rest:opening])
    prompt = f"{before} {BLANK} {unescape(after)}".strip() if after.strip() else before
    body = text[opening + 1 : closing]
    where = opening + 1
    stripped = body.strip()
    draft = Draft(type="text", prompt=prompt, answer="", difficulty="medium", tags=tags,
                  line=block.line_at(rest))  # fmt: skip
    if not stripped:
        raise _LeftOut("an essay question ({}) has no answer to check", opening)
    if stripped.startswith("#"):
        number = stripped[1:]
        if next(_unescaped(number, "[=~#%]"), -1) >= 0:
            raise _LeftOut("a numeric question with several answers or feedback", where)
        if ".." in number:
            raise _LeftOut("a numeric range ({#min..max}) is not supported", where)
        value, _, tolerance = number.partition(":")
        draft.type = "number"
        draft.answer = _number(value, where)
        if tolerance.strip():
            draft.tolerance = _number(tolerance, where)
        return draft
    feedback = _find(body, "#")
    if feedback >= 0:
        raise _LeftOut("feedback (#) is not supported", where + feedback)
    if stripped.upper() in _TRUTH:
        draft.type = "truefalse"
        draft.answer = _TRUTH[stripped.upper()]
        return draft
    matching = _find(body, "->")
    if matching >= 0:
        raise _LeftOut("a matching question (->) is not supported", where + matching)
    weight = _WEIGHT.search(body)
    if weight is not None:
        raise _LeftOut("weighted answers (%50%) are not supported", where + weight.start())
    answers = _answers(body, where)
    right = [answer for mark, answer in answers if mark == "="]
    wrong = [answer for mark, answer in answers if mark == "~"]
    if not right:
        raise _Bad("no right answer: mark it with =", where)
    if not wrong:
        draft.answer, *draft.accept = right
        return draft
    if len(right) > 1:
        raise _LeftOut("a choice with more than one right answer (=) is not supported", where)
    draft.type = "choice"
    draft.answer = right[0]
    draft.options = [answer for _, answer in answers]
    return draft


def _category_tags(line: str) -> list[str]:
    """`$CATEGORY: $course$/top/Mad Men/Cast` -> mad-men, cast (Moodle's placeholders and
    `top` left out)."""
    path = line.strip()[len(_CATEGORY) :].strip()
    parts = [part.strip() for part in path.split("/")]
    kept = [p for p in parts if p and p.lower() != "top" and not _PLACEHOLDER.fullmatch(p)]
    return list(dict.fromkeys(slugify(part, default="general") for part in kept))


def import_gift(
    data: bytes,
    source: str,
    **settings: Unpack[ImportSettings],
) -> ImportResult:
    """Build a pack from a Moodle GIFT file.

    Args:
        data: The file's bytes (UTF-8, a byte-order mark allowed).
        source: What to call the file in problems and in the pack's `sources`.
        settings: The pack's id and title, and the rest of `ImportSettings`.

    Raises:
        ImportFailed: Bad bytes, or (unless `skip_bad`) broken GIFT, each with its line.
            Questions outside the subset are not failures: they are in
            `ImportResult.left_out`.
    """
    lines = read_text(data, source)
    run = ImportRun(source, kind=KIND, source_id="gift", **settings)
    tags: list[str] = []
    blocks = list(_blocks(lines))
    for number, block in enumerate(blocks, start=1):
        run.tick(number, len(blocks))
        if block.text.lstrip().startswith(_CATEGORY):
            first, _, rest = block.text.lstrip().partition("\n")
            tags = _category_tags(first)
            if not rest.strip():
                continue
            skipped = len(block.text) - len(block.text.lstrip()) + len(first) + 1
            block = _Block(rest, [s - skipped for s in block.starts[1:]], block.lines[1:])
        try:
            draft = _draft(block, tags)
        except _Bad as bad:
            run.problem(bad.message, line=block.line_at(bad.offset))
            continue
        except _LeftOut as out:
            run.leave_out(f"{out.message}; left out", line=block.line_at(out.offset))
            continue
        run.add(draft)
    return run.finish("questions are separated by blank lines and end with an {answer} block")


__all__ = ["BLANK", "import_gift", "unescape"]
