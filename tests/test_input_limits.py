"""The loaders' limits (`trivia.packs.limits`): numbers too big to convert, nesting too deep,
texts too long and lone surrogates are located problems, never an exception."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from trivia.cli import EXIT_PROBLEMS, main
from trivia.packs import check_text
from trivia.packs.importers import ImportFailed
from trivia.packs.importers.csvfile import import_csv
from trivia.packs.importers.opentdb import import_opentdb
from trivia.packs.limits import MAX_DEPTH, MAX_NUMBER_DIGITS, MAX_TEXT_CHARS
from trivia.packs.validate import validate_document
from trivia.packs.yamlsafe import load_yaml

HUGE = "9" * 5000
HUGE_HEX = "0x" + "f" * 5000
NUMBER_PACK = """\
pack: {id: tiny, title: Tiny, version: "1"}
sources:
  - {id: s1, title: A source, publisher: A publisher, date: "2022-10-31"}
facts:
  - {id: f1, source: s1, statement: Two and two make four.}
questions:
  - id: q1
    type: number
    fact: f1
    prompt: Two and two?
    answer: ANSWER
    tolerance: TOLERANCE
    difficulty: DIFFICULTY
  - id: q2
    type: choice
    fact: f1
    prompt: Two and two?
    answer: four
    options: [four, five]
    fixed_order: FIXED
    difficulty: easy
"""
FIELDS = {"ANSWER": "4", "TOLERANCE": "1", "DIFFICULTY": "easy", "FIXED": "true"}


def number_pack(field: str, value: str) -> str:
    text = NUMBER_PACK
    for name, default in FIELDS.items():
        text = text.replace(name, value if name == field else default)
    return text


@pytest.mark.parametrize("field", sorted(FIELDS))
@pytest.mark.parametrize(
    "value",
    [HUGE, HUGE_HEX, "-" + HUGE, "0" + "7" * 30, "1" + "0" * 19, "0x" + "f" * 20, "0o" + "7" * 30],
    # YAML 1.2 has no base-60 `1:30` form (it is text): its octal `0o` form stands in for it.
    ids=["decimal", "hex", "negative", "octal", "19-digits", "hex-20", "octal-0o"],
)
def test_a_huge_number_in_any_field_is_a_located_problem(field, value):
    """Python refuses str() of more than 4,300 digits and float() of a big int: before the
    limits, these raised ValueError or OverflowError out of `check_text`."""
    text = number_pack(field, value)
    problems = check_text(text, "big.yaml")
    assert problems, field
    line = next(n for n, row in enumerate(text.splitlines(), 1) if value in row)
    [problem] = [p for p in problems if p.line == line]
    assert "too long" in problem.message or f"at most {MAX_NUMBER_DIGITS} digits" in (
        problem.message
    )


def test_numbers_up_to_the_limit_still_load():
    assert check_text(number_pack("ANSWER", "9" * MAX_NUMBER_DIGITS), "ok.yaml") == []
    assert check_text(number_pack("ANSWER", "1000000"), "ok.yaml") == []  # YAML 1.2: no `_`
    assert check_text(number_pack("TOLERANCE", "0x10"), "ok.yaml") == []


def test_a_document_built_in_python_with_a_huge_int_is_a_problem_too():
    """Importers and tools hand the validator dicts, which skip the YAML layer's bound."""
    document = load_yaml(number_pack("ANSWER", "4"), "doc.yaml")
    document.value["questions"][0]["answer"] = 10**5000
    document.value["questions"][0]["tolerance"] = 10**5000
    _, problems = validate_document(document, "doc.yaml")
    assert sum("too big" in p.message for p in problems) == 2


def test_a_text_longer_than_the_limit_is_a_located_problem():
    text = number_pack("ANSWER", "4").replace("Two and two?", "x" * (MAX_TEXT_CHARS + 1), 1)
    [problem] = check_text(text, "long.yaml")
    assert (problem.line, problem.col) == (10, 13)
    assert f"at most {MAX_TEXT_CHARS:,}" in problem.message
    # YAML caps a plain key at 1,024 characters; an explicit key (`? `) has no cap.
    long_key = number_pack("ANSWER", "4").replace(
        "tolerance: 1", "? " + "y" * 20_000 + "\n    : 1", 1
    )
    assert any(f"at most {MAX_TEXT_CHARS:,}" in p.message for p in check_text(long_key, "k"))


@pytest.mark.parametrize("kind", ["int", "huge-int", "deep", "deep-object", "float"])
def test_opentdb_json_past_a_limit_is_an_import_problem(kind):
    """Before the limits: ValueError (4300 digits), RecursionError, an int str() refused."""
    data = {
        "int": '{"response_code": 0, "results": [], "n": ' + HUGE + "}",
        "huge-int": '{"response_code": ' + "9" * 40 + ', "results": []}',
        "deep": "[" * 100_000 + "]" * 100_000,
        "deep-object": '{"results": ' + '{"a": ' * (MAX_DEPTH + 5) + "1" + "}" * (MAX_DEPTH + 6),
        "float": '{"response_code": 0, "results": [' + "1." + "5" * 200 + "]}",
    }[kind]
    with pytest.raises(ImportFailed) as failed:
        import_opentdb(data.encode(), "api.json", pack_id="p", title="P")
    [problem] = failed.value.problems
    assert str(problem).startswith("api.json")
    assert str(MAX_DEPTH) in str(problem) or "too" in str(problem)


REAL_RECORD = json.loads(
    (Path(__file__).resolve().parent / "data" / "import" / "opentdb-html.json").read_text()
)["results"][0]


def opentdb_record(**changes: object) -> dict[str, object]:
    return {**REAL_RECORD, **changes}


@pytest.mark.parametrize(
    "record",
    [
        opentdb_record(question="Which\ud800?"),
        opentdb_record(incorrect_answers=["B", "C", "\udfff"]),
        opentdb_record(correct_answer="\ud83d", incorrect_answers=["B"]),
        opentdb_record(question="x" * (MAX_TEXT_CHARS + 1)),
    ],
    ids=["question", "wrong-answer", "answer", "long-question"],
)
def test_opentdb_lone_surrogates_and_long_texts_are_refused_by_record(record):
    data = json.dumps({"response_code": 0, "results": [record, opentdb_record()]}).encode()
    with pytest.raises(ImportFailed) as failed:
        import_opentdb(data, "api.json", pack_id="p", title="P")
    [problem] = failed.value.problems
    assert str(problem).startswith("api.json: result 1:")
    str(problem).encode("utf-8")  # the message itself is writable
    kept = import_opentdb(data, "api.json", pack_id="p", title="P", skip_bad=True)
    assert kept.questions == 1


def test_cli_import_of_a_lone_surrogate_writes_nothing_and_prints_cleanly(tmp_path, capsys):
    """Before: UnicodeEncodeError ('surrogates not allowed') from writing the YAML."""
    source = tmp_path / "api.json"
    source.write_text(
        json.dumps({"response_code": 0, "results": [opentdb_record(question="\ud800")]})
    )
    out = tmp_path / "out.yaml"
    assert main(["import", "opentdb", str(source), "-o", str(out)]) == EXIT_PROBLEMS
    assert "lone surrogate" in capsys.readouterr().err
    assert not out.exists()


CSV_HEADER = "type,question,answer,wrong1,wrong2,difficulty\n"


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        ("type,question,answer,wrong" + "9" * 5000 + ",difficulty\n", "unknown column"),
        (CSV_HEADER + "choice," + "x" * (MAX_TEXT_CHARS + 1) + ",a,b,c,easy\n", "at most"),
        (CSV_HEADER.replace("wrong1,wrong2", "tolerance") + "number,How many?," + HUGE
         + ",1,easy\n", "not a finite number"),
    ],
)  # fmt: skip
def test_csv_past_a_limit_is_a_row_problem(sheet, message):
    with pytest.raises(ImportFailed) as failed:
        import_csv(sheet.encode(), "sheet.csv", pack_id="p", title="P", today=date(2024, 5, 1))
    assert any(message in str(problem) for problem in failed.value.problems), failed.value.problems


@pytest.mark.parametrize("command", ["validate", "lint", "play --pack", "export csv"])
def test_cli_huge_numbers_are_problems_not_tracebacks(command, tmp_path, capsys, monkeypatch):
    """The issue's reproduction: each of these raised ValueError or OverflowError."""
    import trivia.tui.app

    monkeypatch.setattr(trivia.tui.app, "main_tui", lambda **_: pytest.fail("TUI started"))
    pack = tmp_path / "big.yaml"
    pack.write_text(number_pack("ANSWER", HUGE_HEX), encoding="utf-8")
    code = main([*command.split(), str(pack), "--save-dir", str(tmp_path / "save")])
    captured = capsys.readouterr()
    assert code == EXIT_PROBLEMS
    assert "big.yaml:11:13:" in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err


def test_the_limits_are_documented():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "pack-format.md").read_text()
    for figure in (f"{MAX_TEXT_CHARS:,}", str(MAX_NUMBER_DIGITS), f"{MAX_DEPTH} levels", "256 MB"):
        assert figure in doc


@pytest.mark.parametrize("kind", [[None], {"a": 1}, [["multiple"]]], ids=str)
def test_opentdb_a_type_that_is_a_list_or_object_is_a_record_problem(kind):
    """Found by benchmarks/fuzz_loaders.py: `TypeError: unhashable type: 'list'`."""
    data = json.dumps({"response_code": 0, "results": [opentdb_record(type=kind)]}).encode()
    with pytest.raises(ImportFailed) as failed:
        import_opentdb(data, "api.json", pack_id="p", title="P")
    assert "result 1: `type` is not text" in str(failed.value.problems[0])
