"""Packs are read as YAML 1.2 (the core schema), as editors read them.

yaml-language-server, and so VS Code's YAML extension, reads YAML 1.2: `0117` is 117, `1:19`
and `1_000` are text, `yes` is text, only true/false are booleans. The loader reads the same,
so `trivia validate` and the editor see the same values. Text fields take text only: a bare
number where text is expected is refused with a hint to quote it, as the schema refuses it.
"""

from __future__ import annotations

import math

import pytest
from test_pack_validate import HEAD

from trivia.packs import NumberQuestion, Source, check_text, load_pack_text
from trivia.packs.yamlsafe import load_yaml


def value_of(scalar: str) -> object:
    document = load_yaml(f"v: {scalar}\n", "t.yaml")
    assert document.problems == ()
    return document.value["v"]


# --- the YAML 1.2 core schema, rule by rule (YAML 1.2.2, section 10.3.2) -------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("0117", 117),  # decimal with a leading zero, not octal 79
        ("010", 10),  # not octal 8
        ("0o17", 15),  # the 1.2 octal form
        ("0x1F", 31),
        ("-12", -12),
        ("+12", 12),
        ("7.9e1", 79.0),  # an exponent without a dot or sign is a float in 1.2
        ("7.9E+1", 79.0),
        (".5", 0.5),
        ("1.", 1.0),
        ("-.5e1", -5.0),
    ],
)
def test_numbers_are_read_as_yaml_1_2(written: str, read: float) -> None:
    value = value_of(written)
    assert value == read and type(value) is type(read)


@pytest.mark.parametrize(
    "written",
    ["1:19", "1:30:00", "1_000", "0b101", "+0x1F", "0o8", "1e", "1.2.3", "12e3.5", "Infinity"],
)
def test_yaml_1_1_number_forms_are_text(written: str) -> None:
    assert value_of(written) == written


def test_infinity_and_nan_keep_their_1_2_forms() -> None:
    assert value_of(".inf") == math.inf and value_of("-.Inf") == -math.inf
    nan = value_of(".NaN")
    assert isinstance(nan, float) and math.isnan(nan)
    assert value_of(".Nan") == ".Nan"


@pytest.mark.parametrize(
    ("written", "read"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False),
     ("FALSE", False)],
)  # fmt: skip
def test_only_true_and_false_are_booleans(written: str, read: bool) -> None:
    assert value_of(written) is read


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "n", "Yes", "OFF", "tRUE"])
def test_yes_no_on_off_are_text(written: str) -> None:
    assert value_of(written) == written


@pytest.mark.parametrize(("written", "read"), [("null", None), ("Null", None), ("~", None),
                                               ("", None), ("nULL", "nULL")])  # fmt: skip
def test_nulls(written: str, read: object) -> None:
    assert value_of(written) == read


def test_dates_are_text_without_being_timestamps() -> None:
    assert value_of("2022-10-31") == "2022-10-31"
    assert value_of("2001-12-14t21:59:43.10-05:00") == "2001-12-14t21:59:43.10-05:00"


def test_mapping_keys_follow_the_same_rules() -> None:
    document = load_yaml("yes: 1\non: 2\n010: 3\n", "t.yaml")
    assert document.value == {"yes": 1, "on": 2, 10: 3}


def test_explicit_tags_follow_the_core_schema() -> None:
    assert value_of("!!int 0117") == 117
    assert value_of("!!float 7") == 7.0
    assert value_of("!!str 010") == "010"
    document = load_yaml("a: !!bool yes\nb: !!int 1_000\n", "t.yaml")
    assert [p.message for p in document.problems] == [
        "'yes' is not true or false",
        "'1_000' is not a whole number",
    ]


def test_the_pack_dumper_quotes_text_that_yaml_1_2_reads_as_a_number() -> None:
    import yaml

    from trivia.packs.yamlsafe import PackDumper

    texts = ["1e5", "7.9e1", "0o17", "yes", "010", "1:30", "plain", "true"]
    written = yaml.dump({"a": texts}, Dumper=PackDumper, default_flow_style=True)
    assert written == "{a: ['1e5', '7.9e1', '0o17', 'yes', '010', '1:30', plain, 'true']}\n"
    assert load_yaml(written, "t.yaml").value == {"a": texts}


# --- what that means in a pack ------------------------------------------------------------


def number_question(answer: str, extra: str = "") -> str:
    return HEAD + (
        "  - id: q\n    type: number\n    fact: fact\n    prompt: How many?\n"
        f"    answer: {answer}\n    difficulty: easy\n{extra}"
    )


def only(text: str) -> str:
    problems = check_text(text, "t.yaml")
    assert len(problems) == 1, problems
    problem = problems[0]
    return f"{problem.line}:{problem.col}: {problem.message} | {problem.hint}"


def test_a_leading_zero_number_answer_is_decimal() -> None:
    [question] = load_pack_text(number_question("0117")).questions
    assert isinstance(question, NumberQuestion) and question.answer == 117.0


def test_an_exponent_answer_is_accepted() -> None:
    [question] = load_pack_text(number_question("7.9e1", "    tolerance: 1e0\n")).questions
    assert isinstance(question, NumberQuestion)
    assert question.answer == 79.0 and question.tolerance == 1.0


def test_minutes_and_seconds_are_not_a_number() -> None:
    assert only(number_question("1:19")) == (
        "18:13: `answer` must be a number, not the text '1:19' "
        "| write one number, such as 79 or 7.9e1: YAML reads 1:19 as text, not as minutes"
    )


def test_underscored_digits_are_not_a_number() -> None:
    assert only(number_question("1_000")) == (
        "18:13: `answer` must be a number, not the text '1_000' "
        "| write the digits without '_' (1000)"
    )


def test_the_without_quotes_hint_is_only_given_where_there_were_quotes() -> None:
    assert only(number_question('"12"')).endswith("| write the number without quotes")
    assert only(number_question("twelve")).endswith("| answer: the right number")


def truefalse(answer: str) -> str:
    return HEAD + (
        "  - id: q\n    type: truefalse\n    fact: fact\n    prompt: Is it?\n"
        f"    answer: {answer}\n    difficulty: easy\n"
    )


@pytest.mark.parametrize("word", ["yes", "no", "on", "off"])
def test_yes_and_no_are_not_true_or_false(word: str) -> None:
    assert only(truefalse(word)) == (
        f"18:13: `answer` must be true or false, not the text {word!r} "
        f"| write true or false: YAML 1.2 reads {word} as text"
    )


def test_quoted_true_keeps_its_own_hint() -> None:
    assert only(truefalse('"true"')).endswith("| write true or false, without quotes")


def test_fixed_order_yes_is_refused() -> None:
    text = HEAD + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: Who?\n    answer: A\n"
        "    options: [A, B]\n    fixed_order: yes\n    difficulty: easy\n"
    )
    assert only(text).startswith("20:18: `fixed_order` must be true or false, not the text 'yes'")


# --- text fields take text only -----------------------------------------------------------


def test_a_numeric_id_is_refused_with_a_hint_to_quote_it() -> None:
    text = HEAD.replace("  - id: fact\n", "  - id: 123\n").replace("source: src", "source: src")
    problems = check_text(
        text + '  - id: q\n    type: choice\n    fact: "123"\n    prompt: W?\n'
        "    answer: A\n    options: [A, B]\n    difficulty: easy\n"
    )
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [
        (10, 9, "`id` must be text, not the number 123", 'quote it: id: "123"'),
    ]


def test_a_numeric_date_is_refused_with_a_hint_to_quote_it() -> None:
    text = HEAD.replace("date: 2022-10-31", "date: 20240501") + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        "    answer: A\n    options: [A, B]\n    difficulty: easy\n"
    )
    assert only(text) == (
        '8:11: `date` must be text, not the number 20240501 | quote it: date: "20240501"'
    )


def test_a_bare_year_as_a_date_must_be_quoted() -> None:
    text = HEAD.replace("date: 2022-10-31", "date: 2015") + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        "    answer: A\n    options: [A, B]\n    difficulty: easy\n"
    )
    assert only(text).endswith('| quote it: date: "2015"')
    sources = load_pack_text(text.replace("date: 2015", 'date: "2015"')).sources
    assert sources["src"] == Source("src", "An article", "A paper", "2015")


def test_numbers_and_booleans_among_options_are_refused() -> None:
    text = HEAD + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        '    answer: "1962"\n    options: [1962, "1969", true]\n    difficulty: easy\n'
    )
    problems = check_text(text, "t.yaml")
    assert [(p.col, p.message, p.hint) for p in problems] == [
        (15, "option 1 of `options` must be text, not the number 1962", 'quote it: "1962"'),
        (29, "option 3 of `options` must be text, not true", 'quote it: "true"'),
    ]


def test_yes_and_dates_among_options_are_text_without_quotes() -> None:
    text = HEAD + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        "    answer: yes\n    options: [yes, no, 2007-07-19]\n    difficulty: easy\n"
    )
    [question] = load_pack_text(text).questions
    assert question.options == ("yes", "no", "2007-07-19")  # type: ignore[attr-defined]


# --- dates are real calendar dates --------------------------------------------------------


@pytest.mark.parametrize("date", ["2024-02-30", "2023-02-29", "2022-04-31"])
def test_a_date_that_is_not_on_the_calendar_is_refused(date: str) -> None:
    text = HEAD.replace("2022-10-31", date) + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        "    answer: A\n    options: [A, B]\n    difficulty: easy\n"
    )
    assert (
        only(text)
        == f"8:11: `date` {date!r} is not a date on the calendar | use YYYY, YYYY-MM or YYYY-MM-DD"
    )


def test_a_leap_day_is_a_date() -> None:
    text = HEAD.replace("2022-10-31", "2024-02-29") + (
        "  - id: q\n    type: choice\n    fact: fact\n    prompt: W?\n"
        "    answer: A\n    options: [A, B]\n    difficulty: easy\n"
    )
    assert check_text(text) == []


# --- control characters written as escapes ------------------------------------------------


@pytest.mark.parametrize("escape", ["\\u0007", "\\x1b", "\\r", "\\0", "\\x85", "\\u007f"])
def test_control_characters_written_as_escapes_are_refused(escape: str) -> None:
    text = HEAD + (
        "  - id: q\n    type: choice\n    fact: fact\n"
        f'    prompt: "Who{escape}?"\n    answer: A\n    options: [A, B]\n    difficulty: easy\n'
    )
    message = only(text)
    assert message.startswith("17:13: `prompt` contains a control character (U+00")
    assert message.endswith(
        "| remove it: text may hold line breaks and tabs, no other control characters"
    )


def test_line_breaks_and_tabs_are_allowed_in_text() -> None:
    text = HEAD + (
        "  - id: q\n    type: choice\n    fact: fact\n"
        '    prompt: "Who\\tnow?"\n    answer: A\n    options: [A, B]\n    difficulty: easy\n'
        "    explain: |\n      First line.\n      Second line.\n"
    )
    [question] = load_pack_text(text).questions
    assert question.prompt == "Who\tnow?"
    assert question.explain == "First line.\nSecond line.\n"
