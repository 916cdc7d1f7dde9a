"""A spreadsheet saved as CSV into a pack; the columns are documented in docs/authoring.md.

One row per question, with a header row naming the columns (any order, any case):
`question` and `answer` are required; `wrong1`, `wrong2`... (or one `wrong` cell with the
wrong answers separated by `|`) make a choice question; `type`, `difficulty`, `tags`,
`explanation`, `hint`, `accept`, `options`, `fixed_order`, `tolerance`, `unit`, `id`,
`fact_id` and `fact` are optional. `trivia export csv` writes the same columns, so a pack
goes to a spreadsheet and back unchanged.

The file is UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" has one); a
cell may hold line breaks when it is quoted. Every bad row is reported with the line it
starts on.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import Final

from trivia.packs.importers import (
    TYPES,
    Draft,
    ImportFailed,
    ImportProblem,
    ImportResult,
    PackBuilder,
    Progress,
    check_draft,
    finished,
)
from trivia.packs.importers.writer import PackSpool
from trivia.packs.limits import MAX_BYTES

COLUMNS: Final = (
    "id",
    "type",
    "question",
    "answer",
    "wrong",
    "options",
    "fixed_order",
    "accept",
    "tolerance",
    "unit",
    "difficulty",
    "tags",
    "explanation",
    "hint",
    "fact_id",
    "fact",
)
"""The columns, in the order `trivia export csv` writes them (`wrong1`... come after `wrong`)."""

ALIASES: Final = {"prompt": "question", "explain": "explanation", "tag": "tags"}
REQUIRED: Final = ("question", "answer")
SEPARATOR: Final = "|"

# ASCII digits, few of them: int() reads any Unicode digit, and refuses 4,300 of them.
_WRONG_N: Final = re.compile(r"wrong_?([0-9]{1,6})")
_SPLIT: Final = re.compile(r"(?<!\\)\|")
_FOR_TYPE: Final = {
    "wrong": "choice",
    "options": "choice",
    "fixed_order": "choice",
    "accept": "text",
    "tolerance": "number",
    "unit": "number",
}
# Spreadsheets in other languages save their booleans in their own words (German Excel:
# WAHR and FALSCH).
_SHEET_TRUE: Final = {"true", "wahr", "vrai", "verdadero", "vero", "waar"}
_SHEET_FALSE: Final = {"false", "falsch", "faux", "falso", "onwaar"}
_TRUE: Final = {"yes", "t", "y", "1", *_SHEET_TRUE}
_FALSE: Final = {"no", "f", "n", "0", *_SHEET_FALSE}
_DELIMITERS: Final = (",", ";", "\t")
_DECIMAL_COMMA: Final = re.compile(r"[+-]?[0-9]+,[0-9]+")
_NUMBER: Final = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def split_cell(cell: str) -> list[str]:
    """A `|`-separated cell as its items; `\\|` is a `|` inside an item."""
    if not cell:
        return []
    items = (item.replace("\\|", "|").strip() for item in _SPLIT.split(cell))
    return [item for item in items if item]


def join_cell(items: list[str] | tuple[str, ...]) -> str:
    """Items as one `|`-separated cell (the inverse of `split_cell`)."""
    return " | ".join(item.replace("|", "\\|") for item in items)


def _column_name(header: str) -> str:
    name = re.sub(r"[\s-]+", "_", header.strip().lower())
    return ALIASES.get(name, name)


def _flag(cell: str) -> bool | None:
    word = cell.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    return None


def _number(cell: str, what: str, decimal_comma: bool = False) -> float:
    """A number cell; with `decimal_comma` (a `;` sheet, as European spreadsheets save
    them) `24,6` is 24.6."""
    text = cell.strip()
    if _DECIMAL_COMMA.fullmatch(text):
        if not decimal_comma:
            raise ValueError(
                f"{what} {cell!r} is not a number: write {text.replace(',', '.')} (a point "
                "before the decimals; a comma is read as one only in a sheet separated by `;`)"
            )
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} {cell!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} {cell!r} is not a finite number")
    return value


class _Rows:
    """The non-empty rows of a CSV text, each with the line it starts on."""

    def __init__(self, text: str, delimiter: str) -> None:
        self.reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        start = 1
        for row in self.reader:
            if any(cell.strip() for cell in row):
                yield start, row
            start = self.reader.line_num + 1

    @property
    def line(self) -> int:
        """The last line read (where a broken row was found)."""
        return self.reader.line_num


def sniff_delimiter(text: str) -> str:
    """`,`, `;` or tab: whichever the header row has most of outside quotes (`,` when
    none), so `"Question, in full";"Answer"` is a `;` sheet."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            if char == "\n":
                break
            if char in counts:
                counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header(
    cells: list[str], source: str, line: int, ignore: Collection[str] = ()
) -> tuple[list[str], list[ImportProblem]]:
    """The column names (an empty name for a column left out) and what is wrong with them."""
    left_out = {_column_name(name) for name in ignore}
    names = ["" if _column_name(cell) in left_out else _column_name(cell) for cell in cells]
    problems = []
    known = [*COLUMNS, *ALIASES]
    for cell, name in zip(cells, names, strict=True):
        if not name:
            continue
        if name not in COLUMNS and not _WRONG_N.fullmatch(name):
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"columns: {', '.join(COLUMNS)}; or leave it out with --ignore-columns"
            )
            problems.append(
                ImportProblem(source, f"unknown column {cell.strip()!r}", line, hint=hint)
            )
    for name in {n for n in names if n and names.count(n) > 1}:
        problems.append(ImportProblem(source, f"column {name!r} appears twice", line))
    for name in REQUIRED:
        if name not in names:
            problems.append(
                ImportProblem(
                    source,
                    f"no {name!r} column",
                    line,
                    hint="the first row names the columns: question, answer, wrong1, ...",
                )
            )
    return names, problems


def _draft(names: list[str], row: list[str], line: int, decimal_comma: bool = False) -> Draft:
    """One row as a draft; ValueError says what is wrong with it.

    Without a type, the row says what it is: wrong answers or options make a choice
    question; an answer that is a spreadsheet's boolean (`TRUE`, `WAHR`...) a true/false
    one; a number a number one; `yes` or `no` is refused (true/false, or text?); anything
    else is text.
    """
    if len(row) > len(names) and any(cell.strip() for cell in row[len(names) :]):
        raise ValueError(f"the row has {len(row)} cells but the header names {len(names)}")
    cells: dict[str, str] = {}
    wrong_numbered: list[tuple[int, str]] = []
    for name, cell in zip(names, row, strict=False):
        cell = cell.strip()
        if not name or not cell:
            continue
        numbered = _WRONG_N.fullmatch(name)
        if numbered:
            wrong_numbered.append((int(numbered.group(1)), cell))
        else:
            cells[name] = cell
    wrong = split_cell(cells.get("wrong", ""))
    wrong += [cell for _, cell in sorted(wrong_numbered)]
    answer_cell = cells.get("answer", "")

    kind = cells.get("type", "").lower()
    if not kind:
        word = answer_cell.lower()
        if wrong or "options" in cells:
            kind = "choice"
        elif word in _SHEET_TRUE or word in _SHEET_FALSE:
            kind = "truefalse"
        elif word in ("yes", "no"):
            raise ValueError(
                f"the answer {answer_cell!r} has no type: write `truefalse` in the type "
                "column (and true or false as the answer), or `text` if it is typed in"
            )
        elif _NUMBER.fullmatch(answer_cell) or (
            decimal_comma and _DECIMAL_COMMA.fullmatch(answer_cell)
        ):
            kind = "number"
        else:
            kind = "text"
    if kind not in TYPES:
        raise ValueError(f"type {cells['type']!r} is not one of {', '.join(TYPES)}")
    misplaced = [
        name
        for name, owner in _FOR_TYPE.items()
        if owner != kind and (name in cells or (name == "wrong" and wrong))
    ]
    if misplaced:
        owners = {_FOR_TYPE[name] for name in misplaced}
        raise ValueError(
            f"{', '.join(misplaced)} {'is' if len(misplaced) == 1 else 'are'} for "
            f"{' and '.join(sorted(owners))} questions, not {kind} ones"
        )

    difficulty = cells.get("difficulty", "medium").lower()
    draft = Draft(
        type=kind,
        prompt=cells.get("question", ""),
        answer=answer_cell,
        difficulty=difficulty,
        tags=_tags(cells.get("tags", "")),
        explain=cells.get("explanation"),
        hint=cells.get("hint"),
        id=cells.get("id"),
        fact_id=cells.get("fact_id"),
        fact=cells.get("fact"),
        line=line,
    )
    if kind == "choice":
        if "options" in cells and wrong:
            raise ValueError("give either `options` (every option) or wrong answers, not both")
        draft.options = (
            split_cell(cells["options"]) if "options" in cells else [answer_cell, *wrong]
        )
        fixed = _flag(cells.get("fixed_order", "false"))
        if fixed is None:
            raise ValueError(f"fixed_order {cells['fixed_order']!r} is not true or false")
        draft.fixed_order = fixed
    elif kind == "truefalse":
        truth = _flag(answer_cell)
        if truth is None:
            raise ValueError(f"the answer {answer_cell!r} is not true or false")
        draft.answer = truth
    elif kind == "text":
        draft.accept = split_cell(cells.get("accept", ""))
    elif kind == "number":
        if not answer_cell:
            raise ValueError("the answer is empty")
        draft.answer = _number(answer_cell, "the answer", decimal_comma)
        if "tolerance" in cells:
            draft.tolerance = _number(cells["tolerance"], "the tolerance", decimal_comma)
        draft.unit = cells.get("unit")
    elif kind == "order":
        draft.answer = split_cell(answer_cell)
    return draft


def _tags(cell: str) -> list[str]:
    """Tags separated by `|`, or by commas when the cell has no `|`."""
    if SEPARATOR in cell:
        return split_cell(cell)
    return [tag.strip() for tag in cell.split(",") if tag.strip()]


def import_csv(
    data: bytes,
    source: str,
    *,
    pack_id: str,
    title: str,
    publisher: str | None = None,
    url: str | None = None,
    delimiter: str | None = None,
    ignore_columns: Collection[str] = (),
    skip_bad: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    spool: PackSpool | None = None,
) -> ImportResult:
    """Build a pack from a CSV file.

    Args:
        data: The file's bytes (UTF-8, a byte-order mark allowed).
        source: What to call the file in problems and in the pack's `sources`.
        pack_id: The new pack's id.
        title: The new pack's title.
        publisher: Who published the questions, for the pack's source.
        url: Where they are published, if anywhere.
        delimiter: `,`, `;` or a tab; by default whichever the header line uses.
        ignore_columns: Header names of columns to leave out (extra columns a sheet has,
            such as an air date); any other unknown column is a problem.
        skip_bad: Leave out bad rows (in `ImportResult.skipped`) instead of failing.
        today: The import date recorded in the source (default: today).
        progress: Told `(line, lines)` every thousand rows.
        spool: Write the questions there a batch at a time (`trivia import` does, for
            big files) instead of keeping them in the result's `document`.

    Raises:
        ImportFailed: Bad bytes, a bad header, or (unless `skip_bad`) any bad row, each
            with its line.
    """
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            [ImportProblem(source, f"the file is larger than {MAX_BYTES:,} bytes, the limit")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    "not UTF-8 text",
                    line,
                    hint='save the spreadsheet as "CSV UTF-8"',
                )
            ]
        ) from None
    imported = (today or date.today()).isoformat()
    name = Path(source).name
    source_entry: dict[str, str] = {
        "id": "spreadsheet",
        "title": f"Spreadsheet {name}, imported {imported}",
        "publisher": publisher or "Not recorded (questions imported from a spreadsheet)",
        "date": imported,
    }
    if url:
        source_entry["url"] = url
    builder = PackBuilder(
        meta={
            "id": pack_id,
            "title": title,
            "description": f"Questions imported from the spreadsheet {name} on {imported}.",
            "language": "en",
            "version": "1",
        },
        source=source_entry,
        label=f"the spreadsheet {name}",
        spool=spool,
    )
    lines = text.count("\n") + 1
    chosen = delimiter or sniff_delimiter(text)
    rows = _Rows(text, chosen)
    inferred_numbers = 0
    problems: list[ImportProblem] = []
    names: list[str] | None = None
    count = 0
    try:
        for line, row in rows:
            if names is None:
                names, header_problems = _header(row, source, line, ignore_columns)
                if header_problems:
                    raise ImportFailed(header_problems)
                continue
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(line, lines)
            try:
                draft = _draft(names, row, line, decimal_comma=chosen == ";")
            except ValueError as error:
                problems.append(ImportProblem(source, str(error), line))
                continue
            trouble = check_draft(draft)
            if trouble:
                problems.extend(ImportProblem(source, message, line) for message in trouble)
                continue
            added = builder.add(draft)
            if added:
                problems.append(ImportProblem(source, added, line))
            elif draft.type == "number" and "type" not in _filled(names, row):
                inferred_numbers += 1
    except csv.Error as error:
        problems.append(ImportProblem(source, f"unreadable CSV: {error}", rows.line))
        raise ImportFailed(problems) from None
    if progress is not None:
        progress(lines, lines)
    if problems and not skip_bad:
        raise ImportFailed(problems)
    if not (builder.questions or builder.spooled):
        raise ImportFailed(
            [
                *problems,
                ImportProblem(source, "no questions to import", hint="add rows under the header"),
            ]
        )
    result = finished(builder, source, skipped=problems)
    if inferred_numbers:
        result.notes.append(
            ImportProblem(
                source,
                f"{inferred_numbers:,} row{'' if inferred_numbers == 1 else 's'} with a number "
                "as the answer and no type became number questions (write `text` in the type "
                "column for an answer typed as text)",
            )
        )
    return result


def _filled(names: list[str], row: list[str]) -> set[str]:
    """The columns of a row that hold something."""
    return {name for name, cell in zip(names, row, strict=False) if name and cell.strip()}


__all__ = ["COLUMNS", "import_csv", "join_cell", "sniff_delimiter", "split_cell"]
