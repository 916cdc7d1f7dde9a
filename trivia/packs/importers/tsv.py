"""Two-column flashcard text (question, answer) into a pack: Anki and Quizlet exports.

**Anki** ("Notes in Plain Text"): a few header lines, then one note per line, its fields
separated by tabs (or what `#separator:` says) and quoted like CSV when a field holds the
separator, a quote or a line break:

    #separator:tab
    #html:true
    #tags column:3
    Who played Peggy Olson?<TAB>Elisabeth <b>Moss</b><TAB>cast mad-men

With `#html:true` the fields are HTML: tags are removed, `<br>` and `<div>` become line
breaks, entities (`&amp;`, `&nbsp;`) are read. The `#tags column:N` column gives the
tags; `#guid`, `#notetype` and `#deck` columns are left aside. Fields after the second
are not imported (the summary says how many notes had them). Cloze notes (`{{c1::...}}`)
and sounds (`[sound:...]`) are listed and left out.

**Quizlet** (Export: "Between term and definition: Tab", "Between rows: New line"): no
header and no quoting; the term is the question and the definition the answer. Its
custom separators work too: `separator` (between question and answer: a comma, `" - "`,
any text) and `card_separator` (between cards: a semicolon, a blank line...). A card
with the separator more than once cannot be split for sure, and is reported.

Every card becomes a `text` question at medium difficulty.
"""

from __future__ import annotations

import csv
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Unpack

from trivia.packs.importers import Draft, ImportFailed, ImportProblem, ImportResult
from trivia.packs.importers.run import ImportRun, ImportSettings, read_text

SEPARATOR_NAMES: Final = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "colon": ":",
    "pipe": "|",
    "space": " ",
    "newline": "\n",
}
"""Separators by name, as Anki's `#separator:` line and the command line write them."""

_HEADER: Final = re.compile(r"#([a-z ]+):(.*)")
_COLUMN: Final = re.compile(r"(guid|notetype|deck|tags) column")
_BREAK: Final = re.compile(r"<\s*(br|/div|/p|/li|/h[1-6])\s*/?\s*>|<\s*(div|p|li)\b[^>]*>", re.I)
_TAG: Final = re.compile(r"<[^>]*>")
_CLOZE: Final = re.compile(r"\{\{c\d+::")
_SOUND: Final = re.compile(r"\[sound:[^\]]*\]")
_IMAGE: Final = re.compile(r"<\s*img\b", re.I)


def separator_text(name: str) -> str:
    """A separator given by name (`tab`, `comma`...) or as text, `\\t` and `\\n` read."""
    return SEPARATOR_NAMES.get(name.lower(), name.replace("\\t", "\t").replace("\\n", "\n"))


@dataclass(slots=True)
class _Header:
    """What an Anki export's header lines say."""

    lines: int = 0
    separator: str | None = None
    html: bool = False
    columns: dict[str, int] = field(default_factory=dict)


def _header(lines: list[str]) -> _Header:
    header = _Header()
    for line in lines:
        found = _HEADER.fullmatch(line.strip())
        if found is None:
            break
        header.lines += 1
        key, value = found.group(1).strip(), found.group(2).strip()
        column = _COLUMN.fullmatch(key)
        if key == "separator":
            header.separator = separator_text(value)
        elif key == "html":
            header.html = value.lower() == "true"
        elif column is not None and value.isdigit():
            header.columns[column.group(1)] = int(value) - 1
    return header


def plain_html(text: str) -> str:
    """An HTML field as text: tags removed, breaks as line breaks, entities read."""
    text = _TAG.sub("", _BREAK.sub("\n", text))
    text = html.unescape(text).replace("\xa0", " ")
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _anki_rows(
    lines: list[str], header: _Header, separator: str, source: str
) -> Iterator[tuple[int, list[str]]]:
    """The notes under the header, each with the line it starts on (fields may be quoted).

    Raises:
        ImportFailed: A quoted field that never ends (Python's csv module stops at
            128 KB in one field, far more than any card holds).
    """
    body = lines[header.lines :]
    reader = csv.reader((line + "\n" for line in body), delimiter=separator, quotechar='"')
    start = header.lines + 1
    try:
        for row in reader:
            yield start, row
            start = header.lines + reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    f"unreadable note: {error}",
                    start,
                    hint='a field starting with " runs until the next lone "',
                )
            ]
        ) from None


def _plain_cards(
    lines: list[str], separator: str, card_separator: str
) -> Iterator[tuple[int, list[str]]]:
    """Quizlet's cards: no quoting, split at every separator, each with its line."""
    if card_separator == "\n":
        for number, line in enumerate(lines, start=1):
            yield number, line.split(separator)
        return
    text = "\n".join(lines)
    offset = 0
    for card in text.split(card_separator):
        lead = len(card) - len(card.lstrip())
        yield text.count("\n", 0, offset + lead) + 1, card.strip().split(separator)
        offset += len(card) + len(card_separator)


def import_tsv(
    data: bytes,
    source: str,
    *,
    separator: str | None = None,
    card_separator: str | None = None,
    **settings: Unpack[ImportSettings],
) -> ImportResult:
    """Build a pack from an Anki or Quizlet text export.

    Args:
        data: The file's bytes (UTF-8 or UTF-16 with its byte-order mark).
        source: What to call the file in problems and in the pack's `sources`.
        separator: Between question and answer (default: the header's, else a tab).
        card_separator: Between cards (default: a line break; Anki's are always lines).
        settings: The pack's id and title, and the rest of `ImportSettings`.

    Raises:
        ImportFailed: Bad bytes, or (unless `skip_bad`) a card that cannot be imported,
            each with its line.
    """
    lines = read_text(data, source)
    header = _header(lines)
    anki = header.lines > 0
    sep = separator or header.separator or "\t"
    kind = "Anki notes export" if anki else "flashcard export"
    run = ImportRun(source, kind=kind, source_id="flashcards", **settings)
    if anki and len(sep) == 1:
        rows = _anki_rows(lines, header, sep, source)
    else:
        rows = _plain_cards(lines[header.lines :], sep, card_separator or "\n")
        if header.lines:
            rows = ((line + header.lines, cells) for line, cells in rows)
    skip = set(header.columns.values())
    tags_column = header.columns.get("tags")
    extra = 0
    total = len(lines)
    for number, (line, cells) in enumerate(rows, start=1):
        run.tick(number, total)
        if not any(cell.strip() for cell in cells):
            continue
        fields = [cell for index, cell in enumerate(cells) if index not in skip]
        if not anki and len(fields) > 2:
            shown = "a tab" if sep == "\t" else repr(sep)
            run.problem(
                f"the card has {shown} {len(fields) - 1} times: which one ends the "
                "question is not clear",
                line=line,
            )
            continue
        if len(fields) < 2:
            shown = "tab" if sep == "\t" else repr(sep)
            run.problem(f"no {shown} between question and answer", line=line)
            continue
        if any(cell.strip() for cell in fields[2:]):
            extra += 1
        raw = " ".join(fields[:2])
        if _CLOZE.search(raw):
            run.leave_out("a cloze note ({{c1::...}}) is not a question and answer", line=line)
            continue
        if _SOUND.search(raw):
            run.leave_out("a sound ([sound:...]) cannot be played in a pack", line=line)
            continue
        question, answer = (
            (plain_html(fields[0]), plain_html(fields[1]))
            if header.html
            else (fields[0].strip(), fields[1].strip())
        )
        if header.html and _IMAGE.search(raw) and not (question and answer):
            run.leave_out("an image card: the pack holds only text", line=line)
            continue
        tags: list[str] = []
        if tags_column is not None and tags_column < len(cells):
            tags = list(dict.fromkeys(cells[tags_column].split()))
        run.add(Draft(type="text", prompt=question, answer=answer, difficulty="medium",
                      tags=tags, line=line))  # fmt: skip
    if extra:
        run.note(
            f"{extra} {'note has' if extra == 1 else 'notes have'} more than two fields; "
            "only the first two (question, answer) are imported"
        )
    return run.finish("one card per line: the question, a tab, the answer")


__all__ = ["SEPARATOR_NAMES", "import_tsv", "plain_html", "separator_text"]
