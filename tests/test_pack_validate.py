"""Validation of packs: every kind of mistake is reported, each at its exact line and column,
all at once; a valid pack of each question type loads into the right dataclasses."""

from __future__ import annotations

from pathlib import Path

import pytest

from trivia.packs import (
    ChoiceQuestion,
    Difficulty,
    NumberQuestion,
    OrderQuestion,
    PackError,
    Problem,
    TextQuestion,
    TrueFalseQuestion,
    check_text,
    load_pack,
    load_pack_text,
)

DATA = Path(__file__).parent / "data" / "packs"

HEAD = """\
pack:
  id: test-pack
  title: Test pack
sources:
  - id: src
    title: An article
    publisher: A paper
    date: 2022-10-31
facts:
  - id: fact
    source: src
    statement: Something true.
questions:
"""
Q = HEAD.count("\n") + 1
"""The line of the first question (its `- id:` line) in `pack_with`."""

CHOICE = """\
  - id: q
    type: choice
    fact: fact
    prompt: Who?
    answer: A
    options: [A, B, C]
    difficulty: easy
"""


def pack_with(questions: str, head: str = HEAD) -> str:
    return head + questions


def problems_in(text: str) -> list[tuple[int, int, str]]:
    """(line, col, message + hint) of every problem, in order."""
    return [(p.line, p.col, f"{p.message} | {p.hint}") for p in check_text(text, "t.yaml")]


def only_problem(text: str) -> tuple[int, int, str]:
    found = problems_in(text)
    assert len(found) == 1, found
    return found[0]


def test_head_and_choice_are_valid() -> None:
    assert check_text(pack_with(CHOICE)) == []


# --- loading into the model ----------------------------------------------------------------


def test_valid_pack_of_each_type_loads_into_dataclasses() -> None:
    pack = load_pack(DATA / "valid.yaml")
    assert pack.path == DATA / "valid.yaml"
    assert pack.id == "mad-men-sample"
    assert pack.meta.version == "1.10"  # a bare number, read as written
    assert pack.meta.authors == ("Fan Trivia",)
    assert pack.sources["vf-2022"].date == "2022-10-31"
    assert pack.sources["amc-guide"].date == "2015" and pack.sources["amc-guide"].url is None
    choice, truefalse, text, number, order = pack.questions
    assert isinstance(choice, ChoiceQuestion)
    assert choice.options == ("Elisabeth Moss", "January Jones", "Christina Hendricks",
                              "Kiernan Shipka")  # fmt: skip
    assert choice.answer == "Elisabeth Moss" and choice.fixed_order is False
    assert choice.difficulty is Difficulty.EASY and choice.tags == ("cast",)
    assert choice.hint == "She later starred in The Handmaid's Tale."
    assert isinstance(truefalse, TrueFalseQuestion) and truefalse.answer is False
    assert truefalse.explain is None
    assert isinstance(text, TextQuestion) and text.accept == ("Moss", "Elizabeth Moss")
    assert isinstance(number, NumberQuestion)
    assert number.answer == 7.0 and number.tolerance == 0.0 and number.unit == "seasons"
    assert isinstance(order, OrderQuestion)
    assert order.answer == ("Sterling Cooper", "Sterling Cooper Draper Pryce", "SC&P")
    assert pack.source_of(order).id == "amc-guide"


def test_bare_numbers_are_refused_where_text_is_expected_and_yes_and_dates_are_text() -> None:
    # YAML 1.2, as editors read it: `yes` and `2007-07-19` are text, 1962 and 1.10 numbers,
    # which text fields refuse (the schema says "string" too) with a hint to quote them.
    found = problems_in(
        pack_with(
            """\
  - id: 1969
    type: choice
    fact: fact
    prompt: When?
    answer: "1.10"
    options: [1962, "1.10", yes, 2007-07-19]
    difficulty: hard
"""
        )
    )
    assert found == [
        (Q, 9, '`id` must be text, not the number 1969 | quote it: id: "1969"'),
        (Q + 5, 15, 'option 1 of `options` must be text, not the number 1962 | quote it: "1962"'),
    ]
    pack = load_pack_text(
        pack_with(
            """\
  - id: "1969"
    type: choice
    fact: fact
    prompt: When?
    answer: "1.10"
    options: ["1962", "1.10", yes, 2007-07-19]
    difficulty: hard
"""
        )
    )
    [question] = pack.questions
    assert isinstance(question, ChoiceQuestion)
    assert question.id == "1969"
    assert question.options == ("1962", "1.10", "yes", "2007-07-19")
    assert question.answer == "1.10"


def test_optional_keys_left_empty_are_absent() -> None:
    pack = load_pack_text(pack_with(CHOICE + "    hint:\n    explain:\n    tags:\n"))
    assert pack.questions[0].hint is None and pack.questions[0].tags == ()


def test_load_pack_raises_pack_error_with_every_problem() -> None:
    with pytest.raises(PackError) as caught:
        load_pack(DATA / "five-mistakes.yaml")
    assert len(caught.value.problems) == 5
    assert str(caught.value).count("five-mistakes.yaml:") == 5


# --- one test per kind of mistake -----------------------------------------------------------


def test_five_mistakes_give_five_problems_at_their_lines() -> None:
    path = DATA / "five-mistakes.yaml"
    problems = load_problems(path)
    assert [(p.line, p.col) for p in problems] == [(21, 5), (31, 13), (37, 11), (40, 17), (42, 9)]
    messages = [p.message for p in problems]
    assert messages[0] == "unknown key `promt` in question"
    assert messages[1] == "`answer` 'Elizabeth Moss' is not one of the options"
    assert messages[2] == "`fact` 'peggy-actr' is not the id of any fact"
    assert messages[3] == "`difficulty` must be one of easy, medium, hard, not 'medum'"
    assert messages[4].startswith("duplicate question id 'q-answer-missing'")
    assert "line 27" in messages[4]
    assert [p.hint for p in problems[:4]] == [
        "did you mean 'prompt'?",
        "did you mean 'Elisabeth Moss'?",
        "did you mean 'peggy-actor'?",
        "did you mean 'medium'?",
    ]
    assert str(problems[0]) == (
        f"{path}:21:5: unknown key `promt` in question (did you mean 'prompt'?)"
    )


def load_problems(path: Path) -> list[Problem]:
    from trivia.packs import check_file

    return check_file(path)


def test_unknown_key_did_you_mean() -> None:
    line, col, text = only_problem(pack_with(CHOICE + "    difficuly: easy\n"))
    assert (line, col) == (Q + 7, 5)
    assert "unknown key `difficuly`" in text and "did you mean 'difficulty'?" in text


def test_unknown_key_without_a_close_match_lists_the_keys() -> None:
    _, _, text = only_problem(pack_with(CHOICE + "    zzz: 1\n"))
    assert "question keys are: answer, difficulty" in text


def test_key_of_another_question_type() -> None:
    line, col, text = only_problem(pack_with(CHOICE + "    accept: [a]\n"))
    assert (line, col) == (Q + 7, 5)
    assert "`accept` is not used by choice questions" in text and "only text questions" in text


def test_unknown_key_in_pack_metadata_and_top_level() -> None:
    text = HEAD.replace("  title: Test pack\n", "  title: Test pack\n  autors: [me]\n")
    text = "extra: 1\n" + pack_with(CHOICE, text)
    found = problems_in(text)
    assert [(line, col) for line, col, _ in found] == [(1, 1), (5, 3)]
    assert "did you mean 'authors'?" in found[1][2]


def test_missing_required_key_points_at_the_question() -> None:
    line, col, text = only_problem(pack_with(CHOICE.replace("    difficulty: easy\n", "")))
    assert (line, col) == (Q, 5)
    assert text.startswith("question has no `difficulty`")


def test_missing_top_level_list() -> None:
    text = HEAD.replace(
        "facts:\n  - id: fact\n    source: src\n    statement: Something true.\n", ""
    )
    found = problems_in(pack_with(CHOICE, text))
    assert found[0][:2] == (1, 1) and found[0][2].startswith("pack has no `facts`")


@pytest.mark.parametrize(
    ("line", "col", "expected"),
    [
        ("    options: A, B\n", 14, "`options` must be a list of options, not the text 'A, B'"),
        ('    fixed_order: "yes"\n', 18, "`fixed_order` must be true or false, not the text 'yes'"),
        ("    prompt: [a, b]\n", 13, "`prompt` must be text, not a list"),
        ("    tags: {a: b}\n", 11, "`tags` must be a list of tags, not a mapping"),
    ],
)
def test_wrong_type_says_expected_and_got(line: str, col: int, expected: str) -> None:
    """The key is replaced where it is (or added at the end), and reported at its value."""
    lines = CHOICE.splitlines(keepends=True)
    key = line.split(":")[0]
    index = next((i for i, s in enumerate(lines) if s.startswith(key + ":")), len(lines))
    lines[index : index + 1] = [line]
    found = problems_in(pack_with("".join(lines)))
    assert len(found) == 1, found
    assert found[0][:2] == (Q + index, col)
    assert found[0][2].startswith(expected)


def test_wrong_type_position_is_the_value() -> None:
    text = pack_with(CHOICE.replace("options: [A, B, C]", "options: A, B"))
    assert only_problem(text)[:2] == (Q + 5, 14)


def test_number_answer_given_as_text() -> None:
    question = """\
  - id: n
    type: number
    fact: fact
    prompt: How many?
    answer: "12"
    difficulty: easy
"""
    line, col, text = only_problem(pack_with(question))
    assert (line, col) == (Q + 4, 13)
    assert text == "`answer` must be a number, not the text '12' | write the number without quotes"


@pytest.mark.parametrize("prompt", ['""', "", '"   "'])
def test_empty_prompt(prompt: str) -> None:
    text = pack_with(CHOICE.replace("prompt: Who?", f"prompt: {prompt}".rstrip()))
    line, col, message = only_problem(text)
    assert line == Q + 3
    assert message.startswith("`prompt` is empty")


@pytest.mark.parametrize(
    ("options", "expected"),
    [("[A]", "has 1 option; at least 2 needed"),
     ("[A, B, C, D, E, F, G]", "has 7 options; at most 6 allowed")],
)  # fmt: skip
def test_choice_option_count(options: str, expected: str) -> None:
    line, col, text = only_problem(pack_with(CHOICE.replace("[A, B, C]", options)))
    assert (line, col) == (Q + 5, 14)
    assert expected in text


def test_duplicate_options() -> None:
    line, col, text = only_problem(pack_with(CHOICE.replace("[A, B, C]", "[A, B, A]")))
    assert (line, col) == (Q + 5, 21)
    assert "option 'A' appears twice in `options` (first as option 1)" in text


def test_answer_not_among_the_options() -> None:
    line, col, text = only_problem(pack_with(CHOICE.replace("answer: A", "answer: Z")))
    assert (line, col) == (Q + 4, 13)
    assert "`answer` 'Z' is not one of the options" in text


@pytest.mark.parametrize(
    ("items", "expected"),
    [("[a, b]", "has 2 items; at least 3 needed"),
     ("[a, b, c, d, e, f, g]", "has 7 items; at most 6 allowed"),
     ("[a, b, a]", "item 'a' appears twice")],
)  # fmt: skip
def test_order_item_count_and_duplicates(items: str, expected: str) -> None:
    question = f"""\
  - id: o
    type: order
    fact: fact
    prompt: Order these.
    answer: {items}
    difficulty: easy
"""
    line, _, text = only_problem(pack_with(question))
    assert line == Q + 4
    assert expected in text


def test_fact_naming_no_fact() -> None:
    line, col, text = only_problem(pack_with(CHOICE.replace("fact: fact", "fact: fakt")))
    assert (line, col) == (Q + 2, 11)
    assert text == "`fact` 'fakt' is not the id of any fact | did you mean 'fact'?"


def test_fact_whose_source_names_no_source() -> None:
    text = pack_with(CHOICE, HEAD.replace("    source: src", "    source: nowhere"))
    line, col, message = only_problem(text)
    assert (line, col) == (11, 13)
    assert message.startswith("`source` 'nowhere' is not the id of any source")


@pytest.mark.parametrize(
    ("head_edit", "line", "noun"),
    [
        (("  - id: fact\n", "  - id: fact\n    source: src\n    statement: x\n  - id: fact\n"),
         13, "fact"),
        (("  - id: src\n", "  - id: src\n    title: t\n    publisher: p\n    date: \"2022\"\n"
          "  - id: src\n"), 9, "source"),
    ],
)  # fmt: skip
def test_duplicate_fact_and_source_ids(head_edit: tuple[str, str], line: int, noun: str) -> None:
    text = pack_with(CHOICE, HEAD.replace(*head_edit))
    found_line, col, message = only_problem(text)
    assert (found_line, col) == (line, 9)
    assert message.startswith(f"duplicate {noun} id")
    assert "line" in message and "column 9" in message


def test_duplicate_question_id_names_the_first() -> None:
    line, col, text = only_problem(pack_with(CHOICE + CHOICE))
    assert (line, col) == (Q + 7, 9)
    assert f"duplicate question id 'q': already used by the question at line {Q}, column 9" in text


@pytest.mark.parametrize(
    ("edit", "expected"),
    [(("difficulty: easy", "difficulty: Hardd"), "did you mean 'hard'?"),
     (("type: choice", "type: multiple"), "write one of: choice, truefalse, text, number, order"),
     (("type: choice", "type: choise"), "did you mean 'choice'?")],
)  # fmt: skip
def test_bad_difficulty_and_type(edit: tuple[str, str], expected: str) -> None:
    found = problems_in(pack_with(CHOICE.replace(*edit)))
    assert len(found) == 1, found
    assert found[0][2].endswith(expected)


@pytest.mark.parametrize("pack_id", ["Mad Men", "mad_men", "mad--men", "-mad", "Mad-men"])
def test_bad_pack_id_slug(pack_id: str) -> None:
    line, col, text = only_problem(pack_with(CHOICE, HEAD.replace("test-pack", f"'{pack_id}'")))
    assert (line, col) == (2, 7)
    assert "lowercase letters and digits" in text


def test_negative_tolerance() -> None:
    question = """\
  - id: n
    type: number
    fact: fact
    prompt: How many?
    answer: 7
    tolerance: -1
    difficulty: easy
"""
    line, col, text = only_problem(pack_with(question))
    assert (line, col) == (Q + 5, 16)
    assert text.startswith("`tolerance` must be 0 or more, not -1")


def test_version_given_as_a_number_must_be_quoted() -> None:
    found = problems_in(
        pack_with(CHOICE, HEAD.replace("  title: Test", "  version: 2.10\n  title: Test"))
    )
    assert found == [
        (3, 12, '`version` must be text, not the number 2.1 | quote it: version: "2.10"')
    ]
    pack = load_pack_text(
        pack_with(CHOICE, HEAD.replace("  title: Test", '  version: "2.10"\n  title: Test'))
    )
    assert pack.meta.version == "2.10"


def test_bad_dates_and_urls() -> None:
    head = HEAD.replace("date: 2022-10-31", "date: 2022-13-01\n    url: example.com")
    found = problems_in(pack_with(CHOICE, head))
    assert [(line, col) for line, col, _ in found] == [(8, 11), (9, 10)]
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in found[0][2]
    assert "http" in found[1][2]


def test_truefalse_answer_quoted() -> None:
    question = CHOICE.replace("type: choice", "type: truefalse").replace(
        "answer: A", 'answer: "true"'
    )
    question = question.replace("    options: [A, B, C]\n", "")
    _, _, text = only_problem(pack_with(question))
    assert (
        text == "`answer` must be true or false, not the text 'true' | write true or false, "
        "without quotes"
    )


def test_every_mistake_in_one_question_is_reported() -> None:
    question = """\
  - id: q
    type: choice
    fact: nope
    prompt: ""
    answer: Z
    options: [A, B]
    difficulty: medum
    promt: x
"""
    found = problems_in(pack_with(question))
    assert [line for line, _, _ in found] == [Q + 2, Q + 3, Q + 4, Q + 6, Q + 7]


# --- whole-file problems --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "the pack is empty"), ("- a\n- b\n", "the pack is a list"), ("hello\n", "the text")],
)
def test_root_must_be_a_mapping(text: str, expected: str) -> None:
    line, col, message = only_problem(text)
    assert (line, col) == (1, 1)
    assert expected in message


def test_empty_lists_are_reported() -> None:
    found = problems_in(HEAD[: -len("questions:\n")] + "questions: []\n")
    assert found == [(Q - 1, 12, "`questions` has 0 questions; at least one question needed "
                      "| questions: the questions, each testing one fact")]  # fmt: skip


def test_keys_that_are_not_text_are_shown_as_written() -> None:
    text = HEAD.replace("  title: Test pack\n", "  title: Test pack\n  on: 1\n  12: x\n")
    found = problems_in(pack_with(CHOICE, text))
    assert [(line, col) for line, col, _ in found] == [(4, 3), (5, 3)]
    assert found[0][2].startswith("unknown key `on` in pack metadata")
    assert found[1][2].startswith("unknown key `12` in pack metadata")


def test_problem_carries_its_yaml_path() -> None:
    [problem] = check_text(pack_with(CHOICE.replace("answer: A", "answer: Z")))
    assert problem.where == ("questions", 0, "answer")
    assert problem.path == "<string>"


def test_problem_str_forms() -> None:
    assert str(Problem("p.yaml", 3, 7, "bad", "fix it")) == "p.yaml:3:7: bad (fix it)"
    assert str(Problem("p.yaml", 3, 7, "bad")) == "p.yaml:3:7: bad"
    assert str(Problem("p.yaml", 0, 0, "no such file")) == "p.yaml: no such file"


def test_many_dangling_references_stay_fast() -> None:
    """Suggestions among thousands of ids are budgeted: a broken big pack reports quickly."""
    facts = "".join(f"  - id: fact-{i}\n    source: src\n    statement: s\n" for i in range(3000))
    questions = "".join(
        CHOICE.replace("id: q", f"id: q{i}").replace("fact: fact", f"fact: nofact-{i}")
        for i in range(3000)
    )
    head = HEAD.replace("  - id: fact\n    source: src\n    statement: Something true.\n", facts)
    found = check_text(pack_with(questions, head))
    assert len(found) == 3000
