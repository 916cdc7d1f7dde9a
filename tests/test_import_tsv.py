"""`trivia import tsv`: Anki and Quizlet text exports become text questions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from import_roundtrip import import_validate_lint_play, imports_or_fails_clearly

from trivia.cli import EXIT_OK, main
from trivia.packs import load_pack, load_pack_text
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.tsv import import_tsv, plain_html, separator_text

DATA = Path(__file__).resolve().parent / "data" / "import"
ANKI = DATA / "mad-men-anki.txt"
QUIZLET = DATA / "mad-men-quizlet.txt"


def cards(text: str | bytes, name: str = "cards.txt", **options):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_tsv(data, name, pack_id="cards", title="Cards", today=date(2024, 5, 1), **options)


def questions(result):
    pack = load_pack_text(dump_pack(result.document), "cards.yaml")
    return [(q.prompt, q.answer, q.tags) for q in pack.questions]


def test_an_anki_export_with_bom_crlf_html_tags_and_a_broken_note():
    data = ANKI.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    with pytest.raises(ImportFailed) as failure:
        cards(data, "mad-men-anki.txt")
    assert [str(p) for p in failure.value.problems] == ["mad-men-anki.txt:8: the answer is empty"]
    result = cards(data, "mad-men-anki.txt", skip_bad=True)
    assert questions(result) == [
        ("Who plays Peggy Olson?", "Elisabeth Moss", ("cast", "mad-men")),
        ("Which agency\ndoes Don work at?", "Sterling Cooper", ("agency",)),
        ("Who plays Megan Draper?", "Jessica Paré", ()),
        ("Which network aired Mad Men?", "AMC", ("network",)),
    ]
    assert [str(p) for p in result.left_out] == [
        "mad-men-anki.txt:9: a cloze note ({{c1::...}}) is not a question and answer"
    ]
    assert result.document["sources"][0]["title"] == (
        "Anki notes export mad-men-anki.txt, imported 2024-05-01"
    )


def test_a_quizlet_export():
    result = cards(QUIZLET.read_bytes(), "mad-men-quizlet.txt", skip_bad=True)
    assert questions(result) == [
        ("Peggy Olson", "Elisabeth Moss", ()),
        ("Don Draper", "Jon Hamm", ()),
        ("Roger Sterling", "John Slattery", ()),
        ("Joan Holloway", "Christina Hendricks", ()),
    ]
    assert [str(p) for p in result.skipped] == [
        "mad-men-quizlet.txt:3: no tab between question and answer"
    ]
    assert result.document["sources"][0]["title"].startswith("flashcard export mad-men-quizlet")


def test_quizlet_custom_separators():
    text = "Peggy Olson - Elisabeth Moss;\nDon Draper - Jon Hamm;Roger Sterling - John Slattery"
    result = cards(text, separator=" - ", card_separator=";")
    assert [(p, a) for p, a, _ in questions(result)] == [
        ("Peggy Olson", "Elisabeth Moss"),
        ("Don Draper", "Jon Hamm"),
        ("Roger Sterling", "John Slattery"),
    ]
    with pytest.raises(ImportFailed) as failure:
        cards("Who?,Moss\nWho, again?,Moss, Elisabeth\n", separator=",")
    assert str(failure.value) == (
        "cards.txt:2: the card has ',' 3 times: which one ends the question is not clear"
    )


def test_utf16_from_excel_and_empty_lines():
    text = "\n\nWho plays Peggy Olson?\tElisabeth Moss\r\n\t\r\n"
    assert questions(cards(text.encode("utf-16"))) == [
        ("Who plays Peggy Olson?", "Elisabeth Moss", ())
    ]


def test_anki_quoted_fields_with_line_breaks_and_other_separators():
    text = (
        "#separator:semicolon\n#html:false\n#guid column:1\n"
        'abc;"Who plays\nPeggy Olson?";"Elisabeth ""Lizzie"" Moss";extra\n'
        "def;Who plays Don Draper?;<b>Jon Hamm</b>\n"
    )
    result = cards(text)
    assert [(p, a) for p, a, _ in questions(result)] == [
        ("Who plays\nPeggy Olson?", 'Elisabeth "Lizzie" Moss'),
        ("Who plays Don Draper?", "<b>Jon Hamm</b>"),  # html:false: the text as written
    ]
    assert [str(p) for p in result.notes] == [
        "cards.txt: 1 note has more than two fields; only the first two (question, answer) "
        "are imported"
    ]


def test_a_quote_that_never_ends_is_reported_with_its_line():
    with pytest.raises(ImportFailed) as failure:
        cards(b'#html:true\nQ?\tA\n"' + b"x" * 200_000 + b"\tA\n")
    assert str(failure.value).startswith(
        "cards.txt:3: unreadable note: field larger than field limit"
    )


def test_sounds_and_image_only_cards_are_left_out():
    result = cards(
        "#html:true\nOK?\tYes\n[sound:theme.mp3]\tThe theme\n<img src='logo.png'>\tThe logo\n"
    )
    assert [str(p) for p in result.left_out] == [
        "cards.txt:3: a sound ([sound:...]) cannot be played in a pack",
        "cards.txt:4: an image card: the pack holds only text",
    ]


def test_html_fields_and_separator_names():
    assert plain_html("A&amp;B<br>  C&nbsp;&nbsp;D <div>E</div>") == "A&B\nC D\nE"
    assert separator_text("Tab") == "\t" and separator_text("\\n\\n") == "\n\n"


def test_end_to_end_import_validate_lint_and_play(capsys, tmp_path):
    summary, err, pack, outcome, source = import_validate_lint_play(
        capsys,
        tmp_path,
        ["tsv", str(ANKI), "--skip-bad", "--publisher", "A fan"],
        None,
        "elisabeth moss",
    )
    assert summary == (
        f"wrote {tmp_path / 'imported.yaml'}: 4 questions "
        "(left out 1 bad record; 1 not imported, listed above)"
    )
    assert "mad-men-anki.txt:8: the answer is empty" in err
    assert outcome.question.prompt == "Who plays Peggy Olson?" and outcome.verdict.correct
    assert source is not None and source.publisher == "A fan"


def test_cli_quizlet_with_custom_separators(tmp_path, capsys):
    source = tmp_path / "set.txt"
    source.write_text("Peggy Olson - Elisabeth Moss\n\nDon Draper - Jon Hamm\n", encoding="utf-8")
    out = tmp_path / "set.yaml"
    arguments = ["--separator", " - ", "--card-separator", "\\n\\n"]
    assert main(["import", "tsv", str(source), "-o", str(out), *arguments]) == EXIT_OK
    assert capsys.readouterr().out.strip() == f"wrote {out}: 2 questions"
    assert [q.answer for q in load_pack(out).questions] == ["Elisabeth Moss", "Jon Hamm"]


FRAGMENTS = st.sampled_from(
    ["#separator:tab", "#separator:,", "#html:true", "#tags column:3", "#guid column:9", "\t",
     '"', '""', "\n", "\r\n", "<br>", "<img>", "&amp;", "{{c1::x}}", "[sound:a]", "Q?", "A"]
)  # fmt: skip


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(FRAGMENTS | st.text(max_size=6), max_size=16), st.booleans())
def test_any_text_imports_or_fails_clearly(parts, skip_bad):
    data = "".join(parts).encode("utf-8", "surrogatepass")
    imports_or_fails_clearly(lambda: cards(data, skip_bad=skip_bad), "cards.txt")
