"""`trivia import gift`: the common subset of Moodle GIFT, and nothing guessed outside it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_roundtrip import import_validate_lint_play, imports_or_fails_clearly

from trivia.packs import (
    ChoiceQuestion,
    NumberQuestion,
    TextQuestion,
    TrueFalseQuestion,
    load_pack_text,
)
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.gift import import_gift, unescape

DATA = Path(__file__).resolve().parent / "data" / "import"
QUIZ = DATA / "mad-men.gift"


def gift(text: str | bytes, name: str = "quiz.gift", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_gift(data, name, pack_id="gift", title="GIFT", today=date(2024, 5, 1), **options)


def pack_of(result):
    return load_pack_text(dump_pack(result.document), "gift.yaml")


def test_a_quiz_file_with_crlf_unicode_and_every_supported_type():
    data = QUIZ.read_bytes()
    assert b"\r\n" in data
    result = gift(b"\xef\xbb\xbf" + data, "mad-men.gift", skip_bad=True)
    pack = pack_of(result)
    peggy, setting, agency, emmys, don, starts, partners, megan = pack.questions
    assert isinstance(peggy, ChoiceQuestion)
    assert (peggy.prompt, peggy.answer) == ("Who plays Peggy Olson?", "Elisabeth Moss")
    assert peggy.options == (
        "Elisabeth Moss",
        "January Jones",
        "Christina Hendricks",
        "Kiernan Shipka",
    )
    assert peggy.tags == ("mad-men", "cast")
    assert isinstance(setting, TrueFalseQuestion) and setting.answer is True
    assert isinstance(agency, TrueFalseQuestion) and agency.answer is False
    assert isinstance(emmys, NumberQuestion)
    assert (emmys.answer, emmys.tolerance) == (16, 1)
    assert isinstance(don, TextQuestion)
    assert (don.answer, don.accept) == ("Jon Hamm", ("Hamm",))
    assert starts.prompt == "Peggy starts at _____ as Don's secretary."
    assert starts.answer == "Sterling Cooper"
    assert partners.prompt == 'In the name "SC&P" (Season 7): Sterling Cooper &'
    assert partners.tags == ("mad-men", "agencies")
    assert megan.answer == "Jessica Paré"


def test_outside_the_subset_is_listed_with_its_line_and_left_out():
    result = gift(QUIZ.read_bytes(), "mad-men.gift", skip_bad=True)
    assert [str(problem) for problem in result.left_out] == [
        "mad-men.gift:27: a matching question (->) is not supported; left out",
        "mad-men.gift:31: weighted answers (%50%) are not supported; left out",
        "mad-men.gift:33: an essay question ({}) has no answer to check; left out",
        "mad-men.gift:35: feedback (#) is not supported; left out",
        "mad-men.gift:37: text in the [html] format is not supported; left out",
    ]
    assert [str(problem) for problem in result.skipped] == [
        "mad-men.gift:39: the answer block opened with { is not closed with }"
    ]


def test_a_broken_question_fails_the_import_without_skip_bad():
    with pytest.raises(ImportFailed) as failure:
        gift(QUIZ.read_bytes(), "mad-men.gift")
    assert [str(problem) for problem in failure.value.problems] == [
        "mad-men.gift:39: the answer block opened with { is not closed with }"
    ]


def test_escapes():
    assert unescape(r"5\:30 \= \~ \{x\} \# \\ a\nb") == "5:30 = ~ {x} # \\ a\nb"
    [question] = pack_of(gift(r"What is 1 \= 1\? {=true\: yes \~ really ~no}")).questions
    assert question.prompt == r"What is 1 = 1\?"
    assert question.options == ("true: yes ~ really", "no")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Q? {#1..5}", "a numeric range ({#min..max}) is not supported"),
        ("Q? {#=5:0 =%50%5:1}", "a numeric question with several answers or feedback"),
        ("Q? {=a ~b} and {=c ~d}", "several answer blocks in one question are not supported"),
        ("Just a description.", "a description (no answer block in braces) is not a question"),
        ("[markdown]**Q?** {T}", "text in the [markdown] format is not supported"),
        ("Q? {=a =b ~c}", "a choice with more than one right answer (=) is not supported"),
    ],
)
def test_more_outside_the_subset(text, message):
    result = gift(f"Kept? {{T}}\n\n{text}\n")
    assert [str(problem) for problem in result.left_out] == [f"quiz.gift:3: {message}; left out"]
    assert len(result.document["questions"]) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Q? {#many}", "quiz.gift:1: 'many' is not a number"),
        ("Q? {~a ~b}", "quiz.gift:1: no right answer: mark it with ="),
        ("Q? {a}", "quiz.gift:1: an answer block needs answers starting with = (right)"),
        ("::Title Q? {T}", "quiz.gift:1: the title (::title::) is not closed with ::"),
        ("::T:: {T}", "quiz.gift:1: the question is empty"),
        ("Q? {=a ~a}", "quiz.gift:1: option 'a' is there twice"),
    ],
)
def test_broken_gift_is_reported_with_its_line(text, message):
    with pytest.raises(ImportFailed) as failure:
        gift(text)
    assert str(failure.value).startswith(message)


def test_the_source_is_the_file():
    result = gift(QUIZ.read_bytes(), "quizzes/mad-men.gift", skip_bad=True, publisher="A teacher")
    assert result.document["sources"] == [
        {
            "id": "gift",
            "title": "Moodle GIFT file mad-men.gift, imported 2024-05-01",
            "publisher": "A teacher",
            "date": "2024-05-01",
        }
    ]


def test_end_to_end_import_validate_lint_and_play(capsys, tmp_path):
    summary, err, pack, outcome, source = import_validate_lint_play(
        capsys, tmp_path, ["gift", str(QUIZ), "--skip-bad"], None, "Elisabeth Moss"
    )
    assert summary == (
        f"wrote {tmp_path / 'imported.yaml'}: 8 questions "
        "(left out 1 bad record; 5 not imported, listed above)"
    )
    assert "mad-men.gift:27: a matching question (->) is not supported; left out" in err
    assert isinstance(outcome.question, ChoiceQuestion) and outcome.verdict.correct
    assert source is not None and "mad-men.gift" in source.title
    assert source.publisher.startswith("Not recorded")


FRAGMENTS = st.sampled_from(
    ["::t::", "::", "{", "}", "=a", "~b", "#", "#3:1", "..", "->", "%50%", "T", "FALSE", "\\",
     "\\{", "[html]", "[plain]", "$CATEGORY: a/b", "//", "", " ", "\n", "\n\n", "Q?"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS | st.text(max_size=6), max_size=16), st.booleans())
def test_any_text_imports_or_fails_clearly(parts, skip_bad):
    data = "".join(parts).encode("utf-8", "surrogatepass")
    imports_or_fails_clearly(lambda: gift(data, skip_bad=skip_bad), "quiz.gift")
