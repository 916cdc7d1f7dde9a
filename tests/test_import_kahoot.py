"""`trivia import kahoot`: Kahoot's XLSX quiz template becomes choice and true/false questions.

The workbooks are written here with openpyxl, laid out as Kahoot's template is: a few rows
of instructions, the header on row 8, the question number in column A.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_roundtrip import import_validate_lint_play, imports_or_fails_clearly

from trivia.cli import EXIT_PROBLEMS, main
from trivia.packs import ChoiceQuestion, TrueFalseQuestion, load_pack_text
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.kahoot import cell_text, column_name, import_kahoot

HEADER = [
    None,
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
ROWS = [
    [1, "Who plays Peggy Olson?", "Elisabeth Moss", "January Jones", "Kiernan Shipka", None, 20, 1],
    [2, "Mad Men is set mainly in New York City.", True, False, None, None, 10, "1"],
    [3, "Which of these are Draper children?", "Sally", "Bobby", "Peggy", "Joan", 30, "1,2"],
    [4, "Who plays Megan Draper?", "January Jones", None, "Jessica Paré", None, 20, "3"],
    [5, "Which network aired Mad Men?\r\n(The US channel)", "HBO", "AMC", None, None, 20, 2.0],
    [6, "How many seasons does Mad Men have?", 5, 7, None, None, 20, "5"],
    [7, "Who plays Betty Draper?", "January Jones", "", None, None, 20, "2"],
]


def workbook(path: Path, rows=ROWS, header=HEADER, sheet="Kahoot quiz") -> Path:
    book = openpyxl.Workbook()
    intro = book.active
    intro.title = "Read me"
    intro["A1"] = "Instructions: fill in the quiz sheet."
    quiz = book.create_sheet(sheet)
    quiz["B2"] = "Quiz template"
    quiz["B4"] = "Add questions, at least two answer alternatives, time limit and choose correct"
    for column, value in enumerate(header, start=1):
        quiz.cell(row=8, column=column, value=value)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            quiz.cell(row=9 + offset, column=column, value=value)
    book.save(path)
    return path


def kahoot(path: Path, **options):
    return import_kahoot(
        path.read_bytes(), path.name, pack_id="kahoot", title="Kahoot", today=date(2024, 5, 1),
        **options,
    )  # fmt: skip


def test_the_template_with_unicode_empty_cells_two_right_answers_and_broken_rows(tmp_path):
    path = workbook(tmp_path / "mad-men.xlsx")
    with pytest.raises(ImportFailed) as failure:
        kahoot(path)
    assert [str(p) for p in failure.value.problems] == [
        "mad-men.xlsx:'Kahoot quiz'!H14: correct answer '5' is not an answer number (1 to 4)",
        "mad-men.xlsx:'Kahoot quiz'!H15: correct answer 2 is an empty cell",
    ]
    result = kahoot(path, skip_bad=True)
    pack = load_pack_text(dump_pack(result.document), "kahoot.yaml")
    peggy, setting, megan, network = pack.questions
    assert isinstance(peggy, ChoiceQuestion)
    assert peggy.options == ("Elisabeth Moss", "January Jones", "Kiernan Shipka")
    assert peggy.answer == "Elisabeth Moss"
    assert isinstance(setting, TrueFalseQuestion) and setting.answer is True
    assert megan.options == ("January Jones", "Jessica Paré") and megan.answer == "Jessica Paré"
    assert network.prompt == "Which network aired Mad Men?\n(The US channel)"
    assert network.answer == "AMC"
    assert [str(p) for p in result.left_out] == [
        "mad-men.xlsx:'Kahoot quiz'!H11: 2 right answers (Sally, Bobby): a choice question "
        "has one; left out"
    ]
    assert [str(p) for p in result.notes] == [
        "mad-men.xlsx: time limits (20 s on 3 questions, 10 s on 1 question) are not carried "
        "over: a pack has no time limit per question, and rounds time each question by its type"
    ]
    assert result.document["sources"][0]["title"] == (
        "Kahoot spreadsheet mad-men.xlsx, imported 2024-05-01"
    )


def test_the_header_is_found_by_what_it_says(tmp_path):
    header = ["Correct answer", "Answer 2", "Question", "Answer 1", "Notes"]
    path = workbook(tmp_path / "moved.xlsx", rows=[[2, "AMC", "Network?", "HBO", "x"]],
                    header=header, sheet="Sheet1")  # fmt: skip
    [question] = kahoot(path).document["questions"]
    assert (question["prompt"], question["answer"], question["options"]) == (
        "Network?",
        "AMC",
        ["HBO", "AMC"],
    )


def test_a_row_problem_names_the_row(tmp_path):
    path = workbook(tmp_path / "q.xlsx", rows=[[1, "", "A", "B", None, None, 20, 1]],
                    sheet="Sheet1")  # fmt: skip
    with pytest.raises(ImportFailed, match=r"q.xlsx:Sheet1!9:9: the question is empty"):
        kahoot(path)


def test_no_header_and_not_a_workbook(tmp_path):
    path = workbook(tmp_path / "none.xlsx", header=["Q", "A"])
    with pytest.raises(ImportFailed, match="none.xlsx: no header row"):
        kahoot(path)
    text = tmp_path / "fake.xlsx"
    text.write_text("question,answer\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="fake.xlsx: not a spreadsheet that can be read"):
        kahoot(text)


def test_cells_read_as_shown():
    assert [cell_text(v) for v in (20.0, 0.1 + 0.2, True, date(2024, 5, 1), " x ")] == [
        "20",
        "0.3",
        "True",
        "2024-05-01",
        "x",
    ]
    assert [column_name(i) for i in (0, 7, 25, 26, 701)] == ["A", "H", "Z", "AA", "ZZ"]


def test_cli_bad_rows_exit_1_with_their_cells(tmp_path, capsys):
    path = workbook(tmp_path / "mad-men.xlsx")
    out = tmp_path / "out.yaml"
    assert main(["import", "kahoot", str(path), "-o", str(out)]) == EXIT_PROBLEMS
    assert "mad-men.xlsx:'Kahoot quiz'!H14: correct answer '5'" in capsys.readouterr().err
    assert not out.exists()


def test_end_to_end_import_validate_lint_and_play(capsys, tmp_path):
    path = workbook(tmp_path / "mad-men.xlsx")
    summary, err, pack, outcome, source = import_validate_lint_play(
        capsys, tmp_path, ["kahoot", str(path), "--skip-bad"], None, "Elisabeth Moss"
    )
    assert summary == (
        f"wrote {tmp_path / 'imported.yaml'}: 4 questions "
        "(left out 2 bad records; 1 not imported, listed above)"
    )
    assert "time limits (20 s on 3 questions" in err
    assert isinstance(outcome.question, ChoiceQuestion) and outcome.verdict.correct
    assert source is not None and "mad-men.xlsx" in source.title


CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    # openpyxl refuses control characters in a cell, as Excel does.
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=10),
    st.sampled_from(["1", "1,3", "2;4", "0", "١", "True", "x" * 10_001]),
)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.lists(CELLS, min_size=8, max_size=8), max_size=3), st.booleans())
def test_any_rows_import_or_fail_clearly(tmp_path_factory, rows, skip_bad):
    path = workbook(tmp_path_factory.mktemp("fuzz") / "any.xlsx", rows=rows)
    imports_or_fails_clearly(lambda: kahoot(path, skip_bad=skip_bad), "any.xlsx")
