"""YAML syntax errors say what to do, at the place the author has to change.

libyaml's own words ("mapping values are not allowed in this context", "did not find
expected key") name what the parser met, often lines after the mistake. These tests hold
the loader to the mistake itself: an unquoted `: `, a non-breaking space in the indent, a
quote never closed, a question missing its `- `; and to a type that is forgotten.
"""

from __future__ import annotations

from test_pack_validate import CHOICE, HEAD

from trivia.packs import check_text

PROMPT_LINE = 17


def problems(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(p.line, p.col, p.message, p.hint) for p in check_text(text, "t.yaml")]


def test_an_unquoted_colon_space_says_quote_the_text() -> None:
    text = HEAD + CHOICE.replace("prompt: Who?", "prompt: Who played Peggy: the girl?")
    assert problems(text) == [
        (
            PROMPT_LINE,
            29,
            "YAML syntax error: ': ' inside an unquoted text starts a mapping",
            'quote the text: prompt: "Who played Peggy: the girl?"',
        )
    ]


def test_an_unquoted_colon_space_in_a_list_item() -> None:
    # `- Dr: No` is valid YAML, a mapping {Dr: No}: the validator says what to do.
    options = "    options:\n      - A\n      - Dr: No\n"
    text = HEAD + CHOICE.replace("    options: [A, B, C]\n", options)
    assert problems(text) == [
        (
            PROMPT_LINE + 4,
            9,
            "option 2 of `options` must be text, not a mapping",
            "': ' inside an unquoted text starts a mapping: quote the text: \"Dr: No\"",
        )
    ]


def test_a_colon_space_that_is_a_wrong_indent_says_so() -> None:
    text = HEAD + CHOICE.replace("    fact: fact\n", "    fact: fact\n      prompt: Who?\n", 1)
    [(line, col, message, hint)] = problems(text)
    assert (line, col) == (PROMPT_LINE, 13)
    assert message == "YAML syntax error: mapping values are not allowed in this context"
    assert hint is not None and "check the indentation" in hint


def test_a_hash_inside_a_flow_list_says_quote_the_item() -> None:
    text = HEAD + CHOICE.replace("[A, B, C]", "[A, Episode #2, C]")
    assert problems(text) == [
        (
            PROMPT_LINE + 2,
            26,
            "YAML syntax error: ' #' inside a [...] list starts a comment, "
            "so the list is cut there",
            'quote the item: "Episode #2"',
        )
    ]


def test_a_non_breaking_space_in_the_indent_is_named() -> None:
    text = HEAD + CHOICE.replace("    fact: fact", "\u00a0   fact: fact")
    assert problems(text) == [
        (
            16,
            1,
            "YAML syntax error: this line is indented with a non-breaking space (U+00A0), "
            "which YAML does not count as indentation",
            "replace it with an ordinary space",
        )
    ]


def test_a_non_breaking_space_after_spaces_is_found_too() -> None:
    text = HEAD + CHOICE.replace("    fact: fact", "  \u00a0 fact: fact")
    [(line, col, message, _)] = problems(text)
    assert (line, col) == (16, 3) and "U+00A0" in message


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    text = HEAD + CHOICE.replace("prompt: Who?", 'prompt: "Who?')
    assert problems(text) == [
        (
            PROMPT_LINE,
            13,
            "YAML syntax error: this quote is never closed",
            'close it where the text ends (a " inside double quotes is written \\")',
        )
    ]


def test_an_unclosed_quote_closed_by_a_later_one_is_reported_where_it_opens() -> None:
    later = CHOICE.replace("id: q", "id: q2").replace("prompt: Who?", "prompt: 'Who else?'")
    text = HEAD + CHOICE.replace("prompt: Who?", "prompt: 'Who?") + later
    [(line, col, message, hint)] = problems(text)
    assert (line, col) == (PROMPT_LINE, 13)
    assert message == (
        "YAML syntax error: this quote is not closed on its line, so YAML read on to line 24"
    )
    assert hint == "close it where the text ends (a ' inside single quotes is written '')"


def test_a_forgotten_dash_is_reported_once_as_that() -> None:
    second = CHOICE.replace("  - id: q", "    id: q2")
    assert problems(HEAD + CHOICE + second) == [
        (
            21,
            5,
            "`id` again (first at line 14): a new entry seems to start here without its `- `",
            "start each entry of a list with `- `, as the one at line 14",
        )
    ]


def test_a_key_twice_in_one_entry_is_still_a_duplicate_key() -> None:
    text = HEAD + CHOICE.replace("    answer: A\n", "    answer: A\n    prompt: Again?\n")
    [(line, col, message, _)] = problems(text)
    assert (line, col) == (19, 5) and message.startswith("duplicate key 'prompt'")


def without_type(answer: str, extra: str = "") -> str:
    question = CHOICE.replace("    type: choice\n", extra).replace("    options: [A, B, C]\n", "")
    return HEAD + question.replace("answer: A", f"answer: {answer}")


def test_a_number_answer_without_a_type_says_which_type() -> None:
    assert problems(without_type("79")) == [
        (14, 5, "question has no `type`", "add `type: number`: its answer is a number")
    ]


def test_an_empty_type_with_a_yes_answer_says_truefalse() -> None:
    assert problems(without_type("yes", "    type:\n")) == [
        (
            15,
            10,
            "`type` is empty",
            "write `type: truefalse` and the answer as true or false (yes is text)",
        )
    ]


def test_a_true_answer_without_a_type_says_truefalse() -> None:
    [(_, _, _, hint)] = problems(without_type("true"))
    assert hint == "add `type: truefalse`: its answer is true or false"


def test_a_text_answer_without_a_type_lists_the_types() -> None:
    [(_, _, _, hint)] = problems(without_type("Elisabeth Moss"))
    assert hint == "type: the kind of question: choice, truefalse, text, number or order"
