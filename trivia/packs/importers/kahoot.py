"""Kahoot's XLSX quiz template into a pack.

Kahoot's template ("Kahoot Quiz Template", the spreadsheet its importer reads) has a few
rows of instructions, then a header row and one question per row:

    | # | Question - max 120 characters | Answer 1 - max 75 characters | ... Answer 4 |
      Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs | Correct answer(s) |

The header row is found by what it says, not where it is: the first row, on the first
sheet that has one, with a `Question` cell, `Answer 1` and `Answer 2` cells (up to
`Answer 6`) and a `Correct answer` cell. Each row below becomes a `choice` question, the
options in column order; a row whose two answers are True and False becomes `truefalse`.

`Correct answer(s)` holds answer numbers, `2` or `1,3`. The pack's choice question has
one right answer, so a row with more than one is listed with its cell and left out, not
narrowed down to one. A pack has no time limit per question (rounds time questions by
their type), so the time limits are not carried over; the summary says so once.

Read with python-calamine, which also reads the older `.xls` and LibreOffice's `.ods`.
Every problem names its sheet and cell (`Sheet1!G12`) or row (`Sheet1!12:12`).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date, datetime, time
from typing import Any, Final, Unpack

from trivia.packs.importers import Draft, ImportFailed, ImportProblem, ImportResult
from trivia.packs.importers.run import ImportRun, ImportSettings, check_size

KIND: Final = "Kahoot spreadsheet"

_QUESTION: Final = re.compile(r"question\b(?!\s*type)")
_ANSWER: Final = re.compile(r"answer\s*([1-6])\b")
_TIME: Final = re.compile(r"time\s*limit")
_CORRECT: Final = re.compile(r"correct\s*answer")
_NUMBERS: Final = re.compile(r"[\s,;]+")
_TRUTH: Final = {"true": True, "false": False}


def column_name(index: int) -> str:
    """A 0-based column index as Excel names it: 0 is A, 26 is AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _sheet_ref(sheet: str) -> str:
    """A sheet name as a reference starts: `Sheet1!`, or `'My quiz'!` when it has spaces."""
    plain = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet)
    return f"{sheet}!" if plain else "'" + sheet.replace("'", "''") + "'!"


def cell_text(value: Any) -> str:
    """A cell's value as the author sees it in the sheet: 20, not 20.0; True; 2024-05-01."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        # Excel shows 15 significant digits: 0.1 + 0.2 is 0.3 on screen.
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    # Excel keeps a line break in a cell as LF; a sheet made on Windows may hold CRLF.
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _header(row: list[Any]) -> dict[str, int] | None:
    """The columns a header row names (`question`, `answer1`..., `time`, `correct`), or
    None when it is not the header."""
    columns: dict[str, int] = {}
    for index, value in enumerate(row):
        text = " ".join(cell_text(value).lower().split())
        for key, pattern in (("question", _QUESTION), ("time", _TIME), ("correct", _CORRECT)):
            if pattern.match(text) and key not in columns:
                columns[key] = index
        answer = _ANSWER.match(text)
        if answer and f"answer{answer.group(1)}" not in columns:
            columns[f"answer{answer.group(1)}"] = index
    needed = ("question", "answer1", "answer2", "correct")
    return columns if all(key in columns for key in needed) else None


def _sheets(data: bytes, source: str) -> list[tuple[str, list[list[Any]]]]:
    """Every sheet's name and rows (from A1, so indexes are cell places)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return [
            (name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except (CalamineError, ValueError, OSError) as error:
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    f"not a spreadsheet that can be read ({error})",
                    hint="save it from Excel or Google Sheets as .xlsx",
                )
            ]
        ) from None


def _correct(value: Any, count: int) -> list[int]:
    """The answer numbers in a `Correct answer(s)` cell; ValueError says what is wrong."""
    text = cell_text(value)
    if not text:
        raise ValueError("no correct answer: give the number of the right answer (1 to 4)")
    numbers = []
    for part in _NUMBERS.split(text):
        if not part:
            continue
        if not (part.isascii() and part.isdigit()) or not 1 <= int(part) <= count:
            raise ValueError(f"correct answer {text!r} is not an answer number (1 to {count})")
        numbers.append(int(part))
    return list(dict.fromkeys(numbers))


def import_kahoot(
    data: bytes,
    source: str,
    **settings: Unpack[ImportSettings],
) -> ImportResult:
    """Build a pack from a spreadsheet in Kahoot's quiz template.

    Args:
        data: The workbook's bytes (.xlsx; .xls and .ods are read too).
        source: What to call the file in problems and in the pack's `sources`.
        settings: The pack's id and title, and the rest of `ImportSettings`.

    Raises:
        ImportFailed: Not a workbook, no header row, or (unless `skip_bad`) a bad row,
            each with its sheet and cell.
    """
    check_size(data, source)
    found = None
    for name, rows in _sheets(data, source):
        for index, row in enumerate(rows):
            columns = _header(row)
            if columns is not None:
                found = name, rows, index, columns
                break
        if found:
            break
    if found is None:
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    "no header row: no sheet has a row naming Question, Answer 1, Answer 2 "
                    "and Correct answer(s)",
                    hint="start from Kahoot's quiz template",
                )
            ]
        )
    sheet, rows, header_index, columns = found
    ref = _sheet_ref(sheet)
    answer_columns = sorted(
        (int(key[len("answer") :]), index)
        for key, index in columns.items()
        if key.startswith("answer")
    )
    run = ImportRun(source, kind=KIND, source_id="kahoot", **settings)
    limits: Counter[str] = Counter()

    def cell(row: list[Any], key: str) -> Any:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        number = index + 1
        run.tick(number, len(rows))
        if not any(cell_text(value) for value in row):
            continue
        row_ref = f"{ref}{number}:{number}"
        correct_ref = f"{ref}{column_name(columns['correct'])}{number}"
        answers = [(n, cell_text(cell(row, f"answer{n}"))) for n, _ in answer_columns]
        try:
            right = _correct(cell(row, "correct"), max(n for n, _ in answer_columns))
        except ValueError as error:
            run.problem(str(error), cell=correct_ref)
            continue
        given = {n: text for n, text in answers if text}
        empty = [n for n in right if n not in given]
        if empty:
            run.problem(f"correct answer {empty[0]} is an empty cell", cell=correct_ref)
            continue
        if len(right) > 1:
            shown = ", ".join(given[n] for n in right)
            run.leave_out(
                f"{len(right)} right answers ({shown}): a choice question has one; left out",
                cell=correct_ref,
            )
            continue
        options = list(given.values())
        draft = Draft(type="choice", prompt=cell_text(cell(row, "question")),
                      answer=given[right[0]], options=options, difficulty="medium",
                      line=number)  # fmt: skip
        if len(options) == 2 and {option.lower() for option in options} == set(_TRUTH):
            draft.type = "truefalse"
            draft.answer = _TRUTH[draft.answer.lower()]
            draft.options = None
        limit = cell_text(cell(row, "time"))
        if run.add(draft, cell=row_ref) and limit:
            limits[limit] += 1
    if limits:
        shown = ", ".join(
            f"{limit} s on {count} question{'s' if count > 1 else ''}"
            for limit, count in sorted(limits.items(), key=lambda item: -item[1])
        )
        run.note(
            f"time limits ({shown}) are not carried over: a pack has no time limit per "
            "question, and rounds time each question by its type"
        )
    return run.finish("add rows under the header row, one question each")


__all__ = ["cell_text", "column_name", "import_kahoot"]
