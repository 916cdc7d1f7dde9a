"""A pack out to a spreadsheet: one CSV row per question, in the importer's columns.

`trivia export csv PACK` writes what `trivia import csv` reads, so a pack can be edited
in a spreadsheet and brought back with the same questions: ids, types, answers, options
(in their order), difficulty, tags, explanations, hints and facts. Sources are not
exported: an imported pack cites the spreadsheet it came from.
"""

from __future__ import annotations

import csv
import io

from trivia.packs.importers.csvfile import COLUMNS, join_cell
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    NumberQuestion,
    OrderQuestion,
    Pack,
    TextQuestion,
    TrueFalseQuestion,
)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _row(pack: Pack, question: AnyQuestion) -> dict[str, str]:
    fact = pack.facts[question.fact]
    row = {
        "id": question.id,
        "type": question.type.value,
        "question": question.prompt,
        "difficulty": question.difficulty.value,
        "tags": join_cell(question.tags),
        "explanation": question.explain or "",
        "hint": question.hint or "",
        "fact_id": fact.id,
        "fact": fact.statement,
    }
    if isinstance(question, ChoiceQuestion):
        row["answer"] = question.answer
        row["options"] = join_cell(question.options)
        row["fixed_order"] = "true" if question.fixed_order else ""
    elif isinstance(question, TrueFalseQuestion):
        row["answer"] = "true" if question.answer else "false"
    elif isinstance(question, TextQuestion):
        row["answer"] = question.answer
        row["accept"] = join_cell(question.accept)
    elif isinstance(question, NumberQuestion):
        row["answer"] = _number(question.answer)
        row["tolerance"] = _number(question.tolerance) if question.tolerance else ""
        row["unit"] = question.unit or ""
    elif isinstance(question, OrderQuestion):
        row["answer"] = join_cell(question.answer)
    return row


def pack_to_csv(pack: Pack) -> str:
    """The pack's questions as CSV text (a header row, then one row per question)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    for question in pack.questions:
        writer.writerow(_row(pack, question))
    return buffer.getvalue()
