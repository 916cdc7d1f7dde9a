"""`trivia import csv`: the documented spreadsheet template becomes a valid pack."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from import_roundtrip import import_validate_lint_play

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, main
from trivia.packs import (
    ChoiceQuestion,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
    TrueFalseQuestion,
    check_file,
    load_pack_text,
)
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.csvfile import import_csv, join_cell, split_cell

DATA = Path(__file__).resolve().parent / "data" / "import"


def pack_from(text: str | bytes, name: str = "sheet.csv", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = import_csv(
        data, name, pack_id="sheet", title="Sheet", today=date(2024, 5, 1), **options
    )
    return load_pack_text(dump_pack(result.document), name)


def test_bom_quoted_newlines_and_inferred_types():
    data = (DATA / "questions-bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    pack = pack_from(data, "questions-bom.csv")
    first, second, third, fourth = pack.questions
    assert isinstance(first, ChoiceQuestion)
    assert first.options == (
        "Elisabeth Moss",
        "January Jones",
        "Christina Hendricks",
        "Kiernan Shipka",
    )
    assert first.tags == ("cast", "peggy")
    assert second.prompt == "Peggy's farewell to Don is in which season?\n(Pick the season number.)"
    assert second.explain == "The farewell is Season 5, Episode 11.\nIt first aired in 2012."
    assert isinstance(third, TrueFalseQuestion) and third.answer is True
    assert isinstance(fourth, TextQuestion)
    assert fourth.tags == ("cast", "characters")
    [source] = pack.sources.values()
    assert "questions-bom.csv" in source.title and source.date == "2024-05-01"


def test_every_type_and_column():
    text = (
        "id,type,question,answer,options,fixed_order,accept,tolerance,unit,difficulty,tags,"
        "explanation,hint,fact_id,fact\n"
        "c1,choice,Which decade?,The 1960s,The 1950s | The 1960s | The 1970s,yes,,,,easy,history,"
        "Sixties.,Beatles.,f-decade,The show is set in the 1960s.\n"
        "t1,text,Who played Peggy?,Elisabeth Moss,,,Moss | Lizzie Moss,,,medium,,,,,\n"
        "n1,number,How many Emmys?,16,,,,1,Emmys,hard,awards,,,,\n"
        "o1,order,Order the milestones.,Premiere | Farewell | Finale,,,,,,medium,,,,f-decade,\n"
    )
    pack = pack_from(text)
    c1, t1, n1, o1 = pack.questions
    assert isinstance(c1, ChoiceQuestion) and c1.fixed_order and c1.hint == "Beatles."
    assert c1.options == ("The 1950s", "The 1960s", "The 1970s")
    assert pack.facts["f-decade"].statement == "The show is set in the 1960s."
    assert o1.fact == "f-decade"
    assert isinstance(t1, TextQuestion) and t1.accept == ("Moss", "Lizzie Moss")
    assert isinstance(n1, NumberQuestion)
    assert (n1.answer, n1.tolerance, n1.unit) == (16.0, 1.0, "Emmys")
    assert isinstance(o1, OrderQuestion) and o1.answer == ("Premiere", "Farewell", "Finale")
    # Without fact columns, the fact is the imported claim.
    assert pack.facts["t1"].statement.startswith("Imported from the spreadsheet sheet.csv")


def test_a_wrong_column_with_pipes_and_a_semicolon_sheet():
    pack = pack_from("Question;Answer;Wrong;Difficulty\nWho?;Moss;Jones | Hendricks;EASY\n")
    [question] = pack.questions
    assert question.options == ("Moss", "Jones", "Hendricks")
    assert question.difficulty == "easy"


def test_a_bad_row_is_reported_with_its_line():
    data = (DATA / "questions-bad-row.csv").read_bytes()
    with pytest.raises(ImportFailed) as failure:
        pack_from(data, "questions-bad-row.csv")
    [problem] = failure.value.problems
    assert problem.line == 5  # after a row whose prompt spans lines 3 and 4
    assert str(problem) == (
        "questions-bad-row.csv:5: difficulty 'impossible' is not one of easy, medium, hard"
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Who?,,Jones,easy", "the answer is empty"),
        ("Who?,Moss,Moss,easy", "option 'Moss' is there twice"),
        (",Moss,Jones,easy", "the question is empty"),
    ],
)
def test_bad_rows(row, message):
    with pytest.raises(ImportFailed, match=message):
        pack_from(f"question,answer,wrong1,difficulty\n{row}\n")


def test_misplaced_columns_and_unknown_headers():
    with pytest.raises(ImportFailed, match="accept is for text questions, not choice ones"):
        pack_from("question,answer,wrong1,accept\nWho?,Moss,Jones,Lizzie\n")
    with pytest.raises(ImportFailed) as failure:
        pack_from("question,answer,explaination\nWho?,Moss,Because.\n")
    assert "sheet.csv:1: unknown column 'explaination' (did you mean 'explanation'?)" in str(
        failure.value
    )
    with pytest.raises(ImportFailed, match="no 'answer' column"):
        pack_from("question,wrong\nWho?,x\n")


def test_not_utf8_is_reported_with_its_line():
    with pytest.raises(ImportFailed, match=r"sheet.csv:2: not UTF-8"):
        pack_from(b"question,answer\nCaf\xe9?,Yes\n")


def test_skip_bad_keeps_the_good_rows():
    data = (DATA / "questions-bad-row.csv").read_bytes()
    result = import_csv(data, "bad.csv", pack_id="x", title="X", skip_bad=True)
    assert result.questions == 2
    assert [problem.line for problem in result.skipped] == [5]


def test_cells_split_and_join_round_trip():
    items = ["A | B", "C", "D\\E"]
    assert split_cell(join_cell(items)) == items


def test_cli_bad_row_exits_1_with_the_line(tmp_path, capsys):
    out = tmp_path / "out.yaml"
    assert main(["import", "csv", str(DATA / "questions-bad-row.csv"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "questions-bad-row.csv:5: difficulty 'impossible'" in err
    assert not out.exists()


def test_cli_import_csv_writes_a_valid_pack(tmp_path, capsys):
    out = tmp_path / "sheet.yaml"
    code = main(["import", "csv", str(DATA / "questions-bom.csv"), "-o", str(out)])
    assert code == EXIT_OK
    assert check_file(out) == []
    assert main(["import", "csv", str(DATA / "questions-bom.csv"), "-o", str(out)]) == (
        EXIT_PROBLEMS
    )


# --- what used to import silently wrong, or not at all (issues 11 and 14) -------------------


def test_a_semicolon_sheet_with_quoted_commas_in_its_header_is_sniffed():
    from trivia.packs.importers.csvfile import sniff_delimiter

    text = 'question;answer;"Air date, first, US"\nWho played Peggy?;Moss;"May 20, 2012"\n'
    assert sniff_delimiter(text) == ";"
    [question] = pack_from(text, ignore_columns=["air date, first, us"]).questions
    assert question.prompt == "Who played Peggy?" and question.answer == "Moss"


def test_decimal_commas_in_a_semicolon_sheet_are_numbers():
    pack = pack_from("question;answer;type;tolerance\nHow long is it, in km?;24,6;number;0,5\n")
    [question] = pack.questions
    assert isinstance(question, NumberQuestion)
    assert question.answer == 24.6 and question.tolerance == 0.5


def test_a_decimal_comma_in_a_comma_sheet_is_explained():
    with pytest.raises(ImportFailed) as failure:
        pack_from('question,answer,type\nHow long is it?,"24,6",number\n')
    assert "sheet.csv:2: the answer '24,6' is not a number: write 24.6" in str(failure.value)


@pytest.mark.parametrize(("cell", "truth"), [("WAHR", True), ("FALSCH", False), ("Vrai", True)])
def test_spreadsheet_booleans_in_other_languages_are_true_false(cell, truth):
    for header in ("question;answer\n", "question;answer;type\n"):
        row = f"Is Don Peggy's boss?;{cell}" + (";truefalse" if "type" in header else "")
        [question] = pack_from(header + row + "\n").questions
        assert isinstance(question, TrueFalseQuestion) and question.answer is truth


def test_yes_with_no_type_is_refused_not_silently_text():
    with pytest.raises(ImportFailed) as failure:
        pack_from("question,answer\nIs Don Peggy's boss?,yes\n")
    assert "sheet.csv:2: the answer 'yes' has no type: write `truefalse`" in str(failure.value)


def test_a_number_with_no_type_is_a_number_question_and_said_once():
    data = b"question,answer\nHow many Emmys did the show win?,16\nWho played Peggy?,Moss\n"
    result = import_csv(data, "sheet.csv", pack_id="sheet", title="Sheet")
    number, text = load_pack_text(dump_pack(result.document)).questions
    assert isinstance(number, NumberQuestion) and number.answer == 16
    assert isinstance(text, TextQuestion)
    assert any(note.message.startswith("1 row with a number as") for note in result.notes)


def test_extra_columns_can_be_left_out(tmp_path, capsys):
    text = "question,answer,Air Date,show_number\nWho played Peggy?,Moss,2012-05-20,11\n"
    with pytest.raises(ImportFailed, match="unknown column 'Air Date'.*--ignore-columns"):
        pack_from(text)
    [question] = pack_from(text, ignore_columns=["air date", "show_number"]).questions
    assert question.answer == "Moss"
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(text, encoding="utf-8")
    out = tmp_path / "sheet.yaml"
    argv = ["import", "csv", str(sheet), "-o", str(out), "--ignore-columns", "Air Date,show_number"]
    assert main(argv) == EXIT_OK
    assert check_file(out) == []


def test_a_pack_over_the_loaders_size_limit_is_refused_before_writing(
    tmp_path, capsys, monkeypatch
):
    import trivia.packs.limits

    rows = "".join(f"Which number comes after {n}?,{n + 1}\n" for n in range(400))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,answer,type\n" + rows.replace("\n", ",text\n"), encoding="utf-8")
    # The real limit is 256 MiB; a small one makes the same pack too big to open.
    monkeypatch.setattr(trivia.packs.limits, "MAX_BYTES", 60_000)
    out = tmp_path / "sheet.yaml"
    assert main(["import", "csv", str(sheet), "-o", str(out)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "over the 0 MiB that a pack may be: nothing written" in err
    assert "split the source" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [sheet]


def test_the_spooled_import_writes_what_dump_pack_writes(tmp_path, capsys):
    rows = "".join(f"Which number comes after {n}?,{n + 1},text,easy\n" for n in range(4500))
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,answer,type,difficulty\n" + rows, encoding="utf-8")
    out = tmp_path / "sheet.yaml"
    assert main(["import", "csv", str(sheet), "-o", str(out), "--id", "sheet"]) == EXIT_OK
    result = import_csv(sheet.read_bytes(), str(sheet), pack_id="sheet", title="Sheet")
    written = out.read_text(encoding="utf-8")
    assert written[written.index("\npack:") + 1 :] == dump_pack(result.document)
    assert len(load_pack_text(written).questions) == 4500


def test_line_breaks_inside_cells_are_written_as_the_pack_writes_them():
    # A spreadsheet saved on Windows breaks lines inside a cell with CR LF; a CR left in
    # the text would be a control character the validator refuses.
    sheet = (
        'question,answer,wrong1,explain\r\n"Who plays\r\nPeggy?",Moss,Jones,"Moss.\rSeason 1."\r\n'
    )
    [question] = pack_from(sheet).questions
    assert question.prompt == "Who plays\nPeggy?"
    assert question.explain == "Moss.\nSeason 1."


def test_a_control_character_in_a_cell_is_a_bad_row_with_its_line():
    with pytest.raises(ImportFailed) as failure:
        pack_from("question,answer,wrong1\nWho\x1b[31m?,Moss,Jones\n")
    [problem] = failure.value.problems
    assert problem.line == 2 and "control character (U+001B)" in str(problem)


def test_an_imported_pack_gets_the_editor_modeline_and_the_schema_beside(tmp_path, capsys):
    import json

    from trivia.packs import pack_json_schema

    out = tmp_path / "sheet.yaml"
    assert main(["import", "csv", str(DATA / "questions-bom.csv"), "-o", str(out)]) == EXIT_OK
    assert out.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=pack.schema.json\n"
    )
    schema = tmp_path / "pack.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == pack_json_schema()
    assert "pack.schema.json (the modeline points at it)" in capsys.readouterr().err
    # An author's own schema file there is kept.
    schema.write_text("{}", encoding="utf-8")
    again = tmp_path / "again.yaml"
    assert main(["import", "csv", str(DATA / "questions-bom.csv"), "-o", str(again)]) == EXIT_OK
    assert schema.read_text(encoding="utf-8") == "{}"
    assert "kept" in capsys.readouterr().err


def test_a_semicolon_sheet_imports_validates_lints_and_plays(capsys, tmp_path: Path):
    """End to end, as an author with a European spreadsheet would: `;` separators, a BOM,
    CRLF line ends, accents and an empty cell; the imported choice question is then
    answered right in a round."""
    sheet = tmp_path / "sheet.csv"
    sheet.write_bytes(
        "\ufeffQuestion;Answer;Wrong;Difficulty;Explain\r\n"
        "Who played Peggy Olson?;Elisabeth Moss;January Jones | Christina Hendricks;easy;"
        "Moss played Peggy for all seven seasons.\r\n"
        "Which agency does Don Draper co-found in Season 3?;"
        "Sterling Cooper Draper Pryce;Sterling Cooper | McCann Erickson;medium;\r\n".encode()
    )
    printed, _, pack, outcome, source = import_validate_lint_play(
        capsys, tmp_path, ["csv", str(sheet)], None, "Elisabeth Moss"
    )
    assert "2 questions" in printed
    first = pack.questions[0]
    assert isinstance(first, ChoiceQuestion)
    assert first.answer == "Elisabeth Moss" and len(first.options) == 3
    assert first.explain == "Moss played Peggy for all seven seasons."
    assert pack.questions[1].explain is None  # the empty cell
    assert outcome.correct
    assert source is not None and "sheet.csv" in source.title
