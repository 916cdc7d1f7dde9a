"""An unquoted text with ` #` in it is cut by YAML's comment rule: the validator says so.

`prompt: Which network aired episode #1 of the show?` is, to YAML, the text "Which network
aired episode" and a comment. The loader keeps where every value ends, so it sees a plain
text followed by a comment on the same line; where that comment looks like the rest of the
sentence (one space before `#`, or none after it, which a comment written as a comment
does not have: yamllint's default asks for two spaces before and one after), the text field
is refused with the place of the `#` and the quoted text to write instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pack_validate import HEAD as HEAD_OF_EVERY_PACK

from trivia.cli import main
from trivia.packs import check_text, load_pack_text
from trivia.packs.lint import lint_paths

HEAD = HEAD_OF_EVERY_PACK + "  - id: q\n    type: choice\n    fact: fact\n"


def pack(prompt: str, options: str = "    options: [A, B]\n") -> str:
    return HEAD + f"    prompt: {prompt}\n    answer: A\n{options}    difficulty: easy\n"


def problems(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(p.line, p.col, p.message, p.hint) for p in check_text(text, "t.yaml")]


def test_a_prompt_cut_at_a_hash_is_refused_where_the_hash_is() -> None:
    assert problems(pack("Which network aired episode #1 of the show?")) == [
        (
            17,
            41,
            "`prompt` ends at ' #': YAML reads '#1 of the show?' as a comment, "
            "so the text is 'Which network aired episode'",
            'quote it: prompt: "Which network aired episode #1 of the show?"',
        )
    ]


def test_a_hash_then_a_space_after_one_space_is_cut_too() -> None:
    [(line, col, message, hint)] = problems(pack("Who is # 1 in the charts?"))
    assert (line, col) == (17, 20)
    assert hint == 'quote it: prompt: "Who is # 1 in the charts?"'


def test_an_option_in_a_block_list_is_refused() -> None:
    options = "    options:\n      - A\n      - Episode #2\n"
    assert problems(pack("Which?", options)) == [
        (
            21,
            17,
            "option 2 of `options` ends at ' #': YAML reads '#2' as a comment, so the text "
            "is 'Episode'",
            'quote it: "Episode #2"',
        )
    ]


def test_a_statement_and_a_title_are_text_fields_too() -> None:
    text = pack("Who?").replace("statement: Something true.", "statement: Season #4 aired.")
    text = text.replace("title: An article", "title: Issue #12")
    assert [(line, message.split(" ends")[0]) for line, _, message, _ in problems(text)] == [
        (6, "`title`"),
        (12, "`statement`"),
    ]


def test_a_comment_written_as_a_comment_is_left_alone() -> None:
    text = pack("Who played Peggy?   # the first question")
    assert check_text(text) == []
    [question] = load_pack_text(text).questions
    assert question.prompt == "Who played Peggy?"


@pytest.mark.parametrize(
    "prompt", ['"Which network aired episode #1?"', "'Episode #1?'", "C# or F#?", "Who? #"]
)
def test_quoted_text_or_a_hash_inside_a_word_is_not_cut(prompt: str) -> None:
    if prompt == "Who? #":
        # One space before an empty comment: cut, and said so.
        assert len(problems(pack(prompt))) == 1
    else:
        assert check_text(pack(prompt)) == []


def test_a_comment_after_a_word_that_is_not_text_is_left_alone() -> None:
    text = pack("Who?").replace("difficulty: easy", "difficulty: easy #1")
    assert check_text(text) == []


def test_validate_and_lint_do_not_say_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cut.yaml"
    path.write_text(pack("Which network aired episode #1 of the show?"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:17:41: `prompt` ends at ' #'" in out and "quote it" in out
    report = lint_paths([path])
    assert report.problems and report.invalid_files == 1
