"""Answer checking for every question type: what is accepted, and what must not be."""

from __future__ import annotations

from typing import Any

import pytest

from trivia.game import (
    InvalidResponse,
    answer_key,
    answer_text,
    check_answer,
    earns_partial_credit,
    no_answer,
    normalise_text,
    parse_number,
    text_matches,
)
from trivia.packs.model import (
    ChoiceQuestion,
    Difficulty,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

COMMON: dict[str, Any] = {"fact": "f", "prompt": "?", "difficulty": Difficulty.EASY}


def text(answer: str, *accept: str) -> TextQuestion:
    return TextQuestion(id="t", answer=answer, accept=accept, **COMMON)


def number(answer: float, tolerance: float = 0.0, unit: str | None = None) -> NumberQuestion:
    return NumberQuestion(id="n", answer=answer, tolerance=tolerance, unit=unit, **COMMON)


CHOICE = ChoiceQuestion(
    id="c",
    answer="Elisabeth Moss",
    options=("Elisabeth Moss", "January Jones", "Christina Hendricks"),
    **COMMON,
)
ORDER = OrderQuestion(id="o", answer=("Season 1", "Season 2", "Season 3"), **COMMON)


# --- choice ----------------------------------------------------------------------------


def test_choice_right_option() -> None:
    verdict = check_answer(CHOICE, "Elisabeth Moss")
    assert verdict.correct and verdict.credit == 1.0
    assert verdict.response == "Elisabeth Moss"
    assert verdict.answer_text == "Elisabeth Moss"


def test_choice_wrong_option() -> None:
    verdict = check_answer(CHOICE, "January Jones")
    assert not verdict.correct and verdict.credit == 0.0
    assert verdict.response_text == "January Jones"
    assert verdict.answer_text == "Elisabeth Moss"


@pytest.mark.parametrize("response", ["Jon Hamm", 1, True, ("Elisabeth Moss",)])
def test_choice_refuses_what_is_not_an_option(response: object) -> None:
    with pytest.raises(InvalidResponse):
        check_answer(CHOICE, response)  # type: ignore[arg-type]


# --- true / false ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct"),
    [(True, True), (False, False), ("true", True), (" T ", True), ("no", False)],
)
def test_truefalse(response: bool | str, correct: bool) -> None:
    question = TrueFalseQuestion(id="tf", answer=True, **COMMON)
    verdict = check_answer(question, response)
    assert verdict.correct is correct
    assert isinstance(verdict.response, bool)
    assert verdict.answer_text == "True"


def test_truefalse_refuses_other_text() -> None:
    with pytest.raises(InvalidResponse):
        check_answer(TrueFalseQuestion(id="tf", answer=False, **COMMON), "maybe")


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "response"),
    [
        ("Jon Hamm", "jon hamm"),  # case
        ("Jon Hamm", "  JON   HAMM  "),  # whitespace
        ("Jon Hamm", "Jon Hamm."),  # punctuation
        ("Jon Hamm", "Jon Ham"),  # one typo in 8 letters
        ("Jon Hamm", "John Hamm"),  # one typo
        ("Sterling Cooper", "Sterling Coopr"),
        ("Sterling Cooper", "Stirling Cooper"),
        ("Sterling Cooper", "the Sterling Cooper"),  # leading article
        ("The Jet Set", "Jet Set"),  # article on the expected side
        ("An Affair", "affair"),
        ("A Night to Remember", "night to remember"),
        ("Zoé Déjà", "zoe deja"),  # accents
        ("Pete Campbell", "Pete Cambpell"),  # swapped neighbours count as one typo
        ("Don's Office", "dons office"),  # apostrophes vanish
        ("Sterling Cooper & Partners", "Sterling Cooper and Partners"),
        ("Don", "DON"),  # short answers: exact after normalising is fine
        ("1960", "1960"),
        ("Season 4", "season 4"),
    ],
)
def test_text_accepts(expected: str, response: str) -> None:
    assert check_answer(text(expected), response).correct


@pytest.mark.parametrize(
    ("expected", "response"),
    [
        ("Don", "Dan"),  # short: no typo forgiven, "Dan" is a different name
        ("Joan", "Jean"),
        ("Betty", "Peggy"),
        ("Peggy", "Betty"),
        ("Jon Hamm", "John Slattery"),
        ("John Slattery", "Jon Hamm"),
        ("2012", "2015"),  # a different year, not a typo
        ("Season 4", "Season 5"),
        ("1960s", "1950s"),
        ("Sterling Cooper", "Sterling Cooper Draper Pryce"),
        ("Don Draper", "Roger Sterling"),
        ("The", "Thee"),
    ],
)
def test_text_rejects_a_different_answer(expected: str, response: str) -> None:
    assert not check_answer(text(expected), response).correct


def test_text_accept_alternatives() -> None:
    question = text("Donald Draper", "Don Draper", "Dick Whitman")
    assert check_answer(question, "don draper").correct
    assert check_answer(question, "Dick Whitmann").correct
    assert not check_answer(question, "Pete Campbell").correct
    assert check_answer(question, "Roger").answer_text == "Donald Draper"


def test_text_verdict_keeps_both_forms() -> None:
    verdict = check_answer(text("Jon Hamm"), "  Jón HAMM! ")
    assert verdict.response == "jon hamm"
    assert verdict.response_text == "Jón HAMM!"


@pytest.mark.parametrize("response", ["", "   ", "?!"])
def test_text_refuses_an_empty_submit(response: str) -> None:
    with pytest.raises(InvalidResponse):
        check_answer(text("Jon Hamm"), response)


def test_normalise_text() -> None:
    assert normalise_text("  The Crème-Brûlée's  ") == "creme brulees"
    assert normalise_text("The") == "the"  # a lone article stays: it is the answer
    assert normalise_text("a") == "a"


def test_text_matches_needs_something_on_both_sides() -> None:
    assert not text_matches("", "")
    assert not text_matches("anything", "...")


# --- number --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "value"),
    [
        ("1,000", 1000.0),
        ("  92 ", 92.0),
        ("92 episodes", 92.0),
        ("12%", 12.0),
        ("1 000 000", 1_000_000.0),
        ("-3.5", -3.5),
        (".5", 0.5),
        (7, 7.0),
        (2.25, 2.25),
    ],
)
def test_parse_number(response: str | float, value: float) -> None:
    assert parse_number(response) == value


@pytest.mark.parametrize("response", ["", "abc", "1,5", "12 to 15", "1,00", "nan", True])
def test_parse_number_refuses(response: str | bool) -> None:
    with pytest.raises(InvalidResponse):
        parse_number(response)


def test_number_exact_without_tolerance() -> None:
    question = number(92, unit="episodes")
    verdict = check_answer(question, "92 episodes")
    assert verdict.correct and verdict.credit == 1.0
    assert verdict.answer_text == "92 episodes"
    assert not check_answer(question, 93).correct
    assert check_answer(question, 93).credit == 0.0


@pytest.mark.parametrize(
    ("response", "credit"),
    [
        (100, 1.0),  # exact
        (105, 0.75),  # halfway to the edge
        (95, 0.75),
        (110, 0.5),  # right at the edge
        (90, 0.5),
        (110.5, 0.0),  # just outside
        (89, 0.0),
    ],
)
def test_number_partial_credit_inside_tolerance(response: float, credit: float) -> None:
    verdict = check_answer(number(100, tolerance=10), response)
    assert verdict.credit == pytest.approx(credit)
    assert verdict.correct is (credit > 0)


def test_only_a_number_with_a_tolerance_earns_partial_credit() -> None:
    """The question screen promises part of the points for close answers only where the
    rules give them: a number question whose tolerance is above 0."""
    assert earns_partial_credit(number(100, tolerance=10))
    assert earns_partial_credit(number(1.1, tolerance=0.1))
    exact = number(92)
    assert not earns_partial_credit(exact)
    # And indeed a close answer earns nothing there.
    assert check_answer(exact, 93).credit == 0.0
    for question in (CHOICE, ORDER, text("Skerra")):
        assert not earns_partial_credit(question)


def test_number_edge_survives_float_noise() -> None:
    verdict = check_answer(number(1.1, tolerance=0.1), 1.0)
    assert verdict.correct
    assert verdict.credit == pytest.approx(0.5)


def test_number_answer_text_reads_well() -> None:
    assert answer_text(number(1000000)) == "1,000,000"
    assert answer_text(number(2.5, unit="hours")) == "2.5 hours"


# --- order -----------------------------------------------------------------------------------


def test_order_right_only_in_exact_order() -> None:
    right = check_answer(ORDER, ["Season 1", "Season 2", "Season 3"])
    assert right.correct and right.credit == 1.0
    assert right.response == ("Season 1", "Season 2", "Season 3")
    nearly = check_answer(ORDER, ("Season 1", "Season 3", "Season 2"))
    assert not nearly.correct and nearly.credit == 0.0
    assert nearly.answer_text == "Season 1 → Season 2 → Season 3"


@pytest.mark.parametrize(
    "response",
    ["Season 1", ["Season 1", "Season 2"], ["Season 1", "Season 1", "Season 2"], ["a", "b", "c"]],
)
def test_order_refuses_other_items(response: object) -> None:
    with pytest.raises(InvalidResponse):
        check_answer(ORDER, response)  # type: ignore[arg-type]


# --- no answer ---------------------------------------------------------------------------------


def test_no_answer() -> None:
    verdict = no_answer(CHOICE)
    assert not verdict.correct and verdict.credit == 0.0 and verdict.response is None
    assert verdict.answer_text == "Elisabeth Moss"


def test_numbers_shown_without_separator_below_ten_thousand():
    """Years read as years at the reveal; big numbers keep their separators."""
    from trivia.game import format_number

    assert format_number(2012) == "2012"
    assert format_number(16.0) == "16"
    assert format_number(2.5) == "2.5"
    assert format_number(200_000) == "200,000"
    assert format_number(12_345.5) == "12,345.5"


# --- the host's answer key ---------------------------------------------------------------


def test_the_answer_key_names_what_else_counts() -> None:
    assert answer_key(text("Sterling Cooper", "SC", "Sterling-Cooper")) == (
        "Sterling Cooper · also accepted: SC, Sterling-Cooper"
    )
    assert answer_key(text("Peggy")) == "Peggy"
    assert answer_key(number(1960, 2)) == "1960 (anything within 2 counts)"
    assert answer_key(number(16, unit="Emmys")) == "16 Emmys"
    assert answer_key(CHOICE) == "Elisabeth Moss"
