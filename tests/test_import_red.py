"""`trivia import red`: Red-DiscordBot trivia lists become text questions, answers as typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_roundtrip import import_validate_lint_play, imports_or_fails_clearly

from trivia.cli import EXIT_PROBLEMS, main
from trivia.packs import TextQuestion, load_pack_text
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.red import import_red

DATA = Path(__file__).resolve().parent / "data" / "import"
LIST = DATA / "mad-men-red.yaml"


def red(text: str | bytes, name: str = "list.yaml", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_red(data, name, pack_id="red", title="Red", today=date(2024, 5, 1), **options)


def questions(result):
    pack = load_pack_text(dump_pack(result.document), "red.yaml")
    return [(q.prompt, q.answer, q.accept) for q in pack.questions]


def test_a_list_with_bom_crlf_unicode_and_a_broken_entry():
    data = LIST.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    with pytest.raises(ImportFailed) as failure:
        red(data, "mad-men-red.yaml")
    assert [str(p) for p in failure.value.problems] == [
        "mad-men-red.yaml:23: the question 'Who plays Joan Holloway?' has no answers"
    ]
    result = red(data, "mad-men-red.yaml", skip_bad=True)
    assert questions(result) == [
        ("Did Mad Men win the Emmy for Outstanding Drama Series in 2008?", "Yes", ("Y",)),
        ("Is Don Draper's real name Don Draper?", "No", ()),
        (
            "In which year does the first season of Mad Men take place?",
            "1960",
            ("nineteen sixty",),
        ),
        (
            "Which agency does Don Draper work at in the first season?",
            "Sterling Cooper",
            ("Sterling Cooper Advertising",),
        ),
        ("Who plays Megan Draper?", "Jessica Paré", ("Paré",)),
        ("Who plays Betty Draper?", "January Jones", ()),
    ]
    assert [str(p) for p in result.skipped] == [
        "mad-men-red.yaml:23: the question 'Who plays Joan Holloway?' has no answers"
    ]
    assert [str(p) for p in result.left_out] == [
        "mad-men-red.yaml:20: the question 'Which agency does Don Draper work at in the first "
        "season?' is asked again, with the same answers; the one on line 14 is kept"
    ]
    assert [str(p) for p in result.notes] == [
        "mad-men-red.yaml: CONFIG (line 2: delay: 40, max_score: 10) is Red's own game "
        "settings and is not carried over; rounds use Fan Trivia's rules and timer"
    ]


def test_the_author_is_the_source_and_the_pack_author():
    result = red(LIST.read_bytes(), "lists/mad-men-red.yaml", skip_bad=True)
    document = result.document
    assert document["pack"]["authors"] == ["Fan Trivia testers"]
    assert document["sources"] == [
        {
            "id": "red-trivia",
            "title": "Red-DiscordBot trivia list mad-men-red.yaml, imported 2024-05-01",
            "publisher": "Fan Trivia testers",
            "date": "2024-05-01",
        }
    ]
    fact = document["facts"][0]["statement"]
    assert fact.startswith(
        "Imported from the Red-DiscordBot trivia list mad-men-red.yaml by Fan Trivia testers"
    )
    assert {q["tags"][0] for q in document["questions"]} == {"mad-men-red"}


def test_yaml_booleans_numbers_and_nulls_are_the_text_typed():
    result = red(
        "Which words did the author type?:\n"
        "- On\n- Off\n- yes\n- NO\n- y\n- ~\n- null\n- 0o17\n- 1_000\n- .inf\n- 1:30\n"
        "- 2022-10-31\n- 007\n- !!int 5\n"
    )
    [(prompt, answer, accept)] = questions(result)
    assert answer == "On"
    assert accept == (
        "Off", "yes", "NO", "y", "~", "null", "0o17", "1_000", ".inf", "1:30", "2022-10-31",
        "007", "5",
    )  # fmt: skip


def test_duplicates_with_other_answers_keep_the_first():
    result = red("Q one?:\n- a\nQ two?:\n- b\nQ one?:\n- c\n")
    assert questions(result) == [("Q one?", "a", ()), ("Q two?", "b", ())]
    [left_out] = result.left_out
    assert str(left_out) == (
        "list.yaml:5: the question 'Q one?' is asked again, with other answers; "
        "the one on line 1 is kept"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Q?: an answer\n", "list.yaml:1: the answer to 'Q?' is not in a list"),
        ("Q?:\n- [a, b]\n", "list.yaml:2: an answer must be text, not a list or mapping"),
        ("Q?: !!python/name:os.system\n", "list.yaml:1: the tag !!python/name:os.system"),
        ("Q?: [a\n", "list.yaml:2: YAML syntax error"),
        ("- a\n- b\n", "list.yaml:1: not a Red trivia list"),
        ("Q?: &a [x]\nR?: *a\n", "list.yaml:2: aliases (*name) are not supported"),
        ("", "list.yaml: no questions to import"),
        ("Q?:\n- Paré\x00\n", "list.yaml:2: the file contains a character YAML does not allow"),
    ],
)
def test_bad_lists_are_reported_with_their_line(text, message):
    with pytest.raises(ImportFailed) as failure:
        red(text)
    assert str(failure.value).startswith(message)


def test_not_utf8_is_reported_with_its_line():
    with pytest.raises(ImportFailed, match=r"list.yaml:2: not UTF-8 text"):
        red(b"Q?:\n- caf\xe9\n")


def test_cli_summary_lists_what_was_left_out(tmp_path, capsys):
    out = tmp_path / "red.yaml"
    assert main(["import", "red", str(LIST), "-o", str(out)]) == EXIT_PROBLEMS
    assert "mad-men-red.yaml:23: the question 'Who plays Joan Holloway?'" in capsys.readouterr().err
    assert not out.exists()


def test_end_to_end_import_validate_lint_and_play(capsys, tmp_path):
    summary, err, pack, outcome, source = import_validate_lint_play(
        capsys, tmp_path, ["red", str(LIST), "--skip-bad"], None, "yes"
    )
    assert summary == (
        f"wrote {tmp_path / 'imported.yaml'}: 6 questions "
        "(left out 1 bad record; 1 not imported, listed above)"
    )
    assert "CONFIG (line 2" in err and "mad-men-red.yaml:20: the question" in err
    assert isinstance(outcome.question, TextQuestion)
    assert outcome.verdict.correct
    assert source is not None and source.publisher == "Fan Trivia testers"
    assert "mad-men-red.yaml" in source.title


FRAGMENTS = st.sampled_from(
    ["AUTHOR: x", "CONFIG:", "  delay: 3", "Q?:", "- a", "- No", "- 1e3", "- [a]", "- !!binary x",
     "Q?: a", "&a", "*a", "---", "[", "{", "- ''", "? [x]", ": y", "\t", "\ufeff", "- \x00"]
)  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS | st.text(max_size=8), max_size=12), st.booleans())
def test_any_list_imports_or_fails_clearly(lines, skip_bad):
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    imports_or_fails_clearly(lambda: red(data, skip_bad=skip_bad), "list.yaml")
