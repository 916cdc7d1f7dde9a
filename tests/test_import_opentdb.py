"""`trivia import opentdb`: API responses in each encoding become valid packs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.packs import ChoiceQuestion, TrueFalseQuestion, check_file, load_pack, load_pack_text
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.opentdb import detect_encoding, import_opentdb, read_results

DATA = Path(__file__).resolve().parent / "data" / "import"
TODAY = date(2024, 5, 1)


def imported(name: str, **options):
    data = (DATA / name).read_bytes()
    result = import_opentdb(
        data, name, pack_id="imported", title="Imported", today=TODAY, **options
    )
    return result, load_pack_text(dump_pack(result.document), name)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("opentdb-html.json", "html"),
        ("opentdb-base64.json", "base64"),
        ("opentdb-url3986.json", "url3986"),
    ],
)
def test_each_encoding_is_detected_and_decoded(name, encoding):
    results = read_results((DATA / name).read_bytes(), name)
    assert detect_encoding(results) == encoding
    for forced in ("auto", encoding):
        _, pack = imported(name, encoding=forced)
        first, second, third = pack.questions
        assert isinstance(first, ChoiceQuestion)
        assert first.prompt == 'In "Mad Men", which agency does Don Draper work at in Season 1?'
        assert first.answer == "Sterling Cooper"
        assert "Ogilvy & Mather" in first.options
        assert first.tags == ("entertainment-television",)
        assert first.difficulty == "medium"
        assert isinstance(second, TrueFalseQuestion)
        assert second.answer is True
        assert second.prompt == "Peggy Olson's first job at the agency is as a secretary."
        assert third.answer == "Café latte"
        assert third.tags == ("science-nature",)
        assert third.difficulty == "hard"


def test_the_pack_records_where_it_came_from_and_marks_facts_as_imported():
    result, pack = imported("opentdb-html.json")
    [source] = pack.sources.values()
    assert source.date == "2024-05-01"
    assert "opentdb-html.json" in source.title
    assert source.url == "https://opentdb.com/"
    fact = pack.facts[pack.questions[0].fact]
    assert fact.statement.startswith("Imported from Open Trivia DB")
    assert "Sterling Cooper" in fact.statement


def test_ids_are_stable_hashes_of_the_prompt():
    first, _ = imported("opentdb-html.json")
    again, _ = imported("opentdb-base64.json")
    ids = [question["id"] for question in first.document["questions"]]
    assert ids == [question["id"] for question in again.document["questions"]]
    assert all(qid.startswith("q-") and len(qid) == 12 for qid in ids)


def test_the_same_prompt_twice_gets_a_suffixed_id_and_exact_repeats_are_dropped():
    results = json.loads((DATA / "opentdb-html.json").read_text())["results"]
    other = dict(results[0], correct_answer="Sterling Cooper Draper Pryce")
    other["incorrect_answers"] = ["Sterling Cooper", "Ogilvy", "Y&amp;R"]
    data = json.dumps([*results, results[0], other]).encode()
    result = import_opentdb(data, "x.json", pack_id="x", title="X")
    ids = [question["id"] for question in result.document["questions"]]
    assert result.repeats == 1
    assert ids[3] == ids[0] + "-2"
    assert len(set(ids)) == len(ids) == 4


def test_a_response_code_error_says_what_it_means():
    with pytest.raises(ImportFailed) as failure:
        imported("opentdb-rate-limited.json")
    message = str(failure.value)
    assert "response_code 5" in message and "rate limit" in message


@pytest.mark.parametrize(
    ("code", "meaning"),
    [(1, "no results"), (2, "invalid parameter"), (3, "token not found"), (4, "token empty")],
)
def test_every_response_code_is_explained(code, meaning):
    data = json.dumps({"response_code": code, "results": []}).encode()
    with pytest.raises(ImportFailed, match=meaning):
        read_results(data, "x.json")


def test_bad_results_are_reported_by_number_or_skipped():
    results = json.loads((DATA / "opentdb-html.json").read_text())["results"]
    bad = dict(results[0], correct_answer="Nowhere", incorrect_answers=["Nowhere", "Elsewhere"])
    data = json.dumps([results[1], bad, dict(results[1], type="essay"), {"type": "boolean"}])
    with pytest.raises(ImportFailed) as failure:
        import_opentdb(data.encode(), "x.json", pack_id="x", title="X")
    text = str(failure.value)
    assert "x.json: result 2: option 'Nowhere' is there twice" in text
    assert "x.json: result 3: `type` 'essay' is not multiple or boolean" in text
    assert "x.json: result 4: `question` is missing" in text
    result = import_opentdb(data.encode(), "x.json", pack_id="x", title="X", skip_bad=True)
    assert result.questions == 1
    assert [problem.item for problem in result.skipped] == [2, 3, 4]


def test_not_json_is_reported_with_its_place():
    with pytest.raises(ImportFailed, match=r"x.json:2: not valid JSON"):
        read_results(b'{"results":\n  [,]}', "x.json")


def test_cli_import_writes_a_valid_pack_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "tv-trivia.yaml"
    source = str(DATA / "opentdb-base64.json")
    assert main(["import", "opentdb", source, "-o", str(out)]) == EXIT_OK
    assert check_file(out) == []
    pack = load_pack(out)
    assert pack.id == "tv-trivia" and pack.meta.title == "Tv Trivia"
    assert len(pack.questions) == 3
    assert f"wrote {out}: 3 questions" in capsys.readouterr().out
    before = out.read_bytes()
    assert main(["import", "opentdb", source, "-o", str(out)]) == EXIT_PROBLEMS
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["import", "opentdb", source, "-o", str(out), "--force", "--id", "tv"]) == 0
    assert load_pack(out).id == "tv"


def test_cli_response_code_error_exits_1_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out.yaml"
    code = main(["import", "opentdb", str(DATA / "opentdb-rate-limited.json"), "-o", str(out)])
    assert code == EXIT_PROBLEMS
    assert "rate limit" in capsys.readouterr().err
    assert not out.exists()


def test_a_large_import_is_quick(tmp_path):
    """A smoke test of speed; benchmarks time 200,000 questions."""
    import time

    results = [
        {
            "type": "multiple",
            "difficulty": "easy",
            "category": "General Knowledge",
            "question": f"Question number {n} about &quot;things&quot;?",
            "correct_answer": f"Answer {n}",
            "incorrect_answers": [f"Wrong {n}-{k}" for k in range(3)],
        }
        for n in range(5000)
    ]
    data = json.dumps({"response_code": 0, "results": results}).encode()
    start = time.perf_counter()
    result = import_opentdb(data, "big.json", pack_id="big", title="Big")
    text = dump_pack(result.document)
    assert time.perf_counter() - start < 10
    assert len(load_pack_text(text).questions) == 5000


def test_cli_import_never_writes_over_its_own_source_even_with_force(tmp_path, capsys):
    source = tmp_path / "questions.json"
    source.write_bytes((DATA / "opentdb-base64.json").read_bytes())
    before = source.read_bytes()
    argv = ["import", "opentdb", str(source), "-o", str(source), "--force", "--id", "tv"]
    assert main(argv) == EXIT_USAGE
    assert "is the file being imported" in capsys.readouterr().err
    assert source.read_bytes() == before
