"""Checking a player's response against a question, for every question type, without a UI.

`check_answer` turns a raw response (the option text picked, a bool, typed text, a number
or a list of items) into a `Verdict`: right or wrong, how much credit it earns, and the
texts the reveal shows. A response that cannot be an answer at all (an option the question
does not have, text that is not a number) raises `InvalidResponse`, so the UI can ask again
instead of burning the question on a slip of the keyboard.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    NumberQuestion,
    OrderQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

# The normaliser lives in packs, so the linter's answer-leak rule sees words as we do.
from trivia.packs.normalise import normalise_text as normalise_text

Response = str | bool | int | float | Sequence[str]
"""What a player can give: option text (choice), bool (truefalse), text, a number or numeric
text (number), or the items in the chosen order (order)."""

NormalisedResponse = str | bool | float | tuple[str, ...]
"""A response after parsing: what the check actually compared."""

#: Credit for an answer right at the edge of a number question's tolerance; it rises
#: linearly to 1.0 for the exact answer.
EDGE_CREDIT = 0.5

_NUMBER = re.compile(
    r"""^\s*
    (?P<number>[+-]?(?:\d{1,3}(?:[,\u00a0\u202f _]\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)
    \s*(?P<unit>[^\d\s.,+-][^\d]*)?$""",
    re.VERBOSE,
)
_TRUE_WORDS = frozenset({"true", "t", "yes", "y"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n"})


class InvalidResponse(ValueError):
    """A response that cannot be an answer to this question (not a wrong answer: no answer)."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of checking one response.

    Attributes:
        correct: Whether the response counts as right.
        credit: The share of the question's points it earns, 0.0 to 1.0 (below 1.0 only
            for a number inside its tolerance but not exact).
        response: The normalised response that was compared, or None when there was no
            response (a time out).
        response_text: The response as the player gave it, for display.
        answer_text: The right answer, for display.
    """

    correct: bool
    credit: float
    response: NormalisedResponse | None
    response_text: str
    answer_text: str


def check_answer(question: AnyQuestion, response: Response) -> Verdict:
    """Check a response to a question.

    Args:
        question: The question answered.
        response: For `choice` the chosen option's text; for `truefalse` a bool (or
            "true"/"false"/"t"/"f"/"yes"/"no"); for `text` the typed text; for `number` a
            number or text such as "1,000" or "92 episodes"; for `order` the items in the
            player's order.

    Returns:
        The verdict.

    Raises:
        InvalidResponse: The response cannot be an answer to this question: an option it
            does not have, text that is not a number, items that are not its items.
    """
    match question:
        case ChoiceQuestion():
            return _check_choice(question, response)
        case TrueFalseQuestion():
            return _check_truefalse(question, response)
        case TextQuestion():
            return _check_text(question, response)
        case NumberQuestion():
            return _check_number(question, response)
        case OrderQuestion():
            return _check_order(question, response)
    raise TypeError(f"not a question: {question!r}")  # pragma: no cover - exhaustive


def no_answer(question: AnyQuestion) -> Verdict:
    """The verdict for a question left unanswered (a time out or a pass)."""
    return Verdict(
        correct=False,
        credit=0.0,
        response=None,
        response_text="",
        answer_text=answer_text(question),
    )


def earns_partial_credit(question: AnyQuestion) -> bool:
    """Whether an answer close to the right one, but not it, can earn part of the points.

    Only a number question with a tolerance above 0 gives partial credit: with none, only
    the exact number counts.
    """
    return isinstance(question, NumberQuestion) and question.tolerance > 0


def answer_text(question: AnyQuestion) -> str:
    """The right answer of a question as the reveal shows it."""
    match question:
        case TrueFalseQuestion():
            return _bool_text(question.answer)
        case NumberQuestion():
            text = format_number(question.answer)
            return f"{text} {question.unit}" if question.unit else text
        case OrderQuestion():
            return " \u2192 ".join(question.answer)
        case _:
            return question.answer


def answer_key(question: AnyQuestion) -> str:
    """The right answer and what else counts, for a host about to mark ("x · also: y")."""
    shown = answer_text(question)
    match question:
        case TextQuestion() if question.accept:
            return f"{shown} · also accepted: {', '.join(question.accept)}"
        case NumberQuestion() if question.tolerance:
            return f"{shown} (anything within {format_number(question.tolerance)} counts)"
        case _:
            return shown


def typo_budget(length: int) -> int:
    """How many typos (edits) a text answer of this normalised length forgives.

    Short answers forgive nothing, because one letter is often a different answer
    ("Don" and "Dan"); longer ones forgive more, as a typo then rarely makes another name.

    Args:
        length: The length of the normalised right answer.

    Returns:
        The largest edit distance (optimal string alignment: insertions, deletions,
        substitutions and swaps of neighbours) still accepted.
    """
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 14:
        return 2
    return 3


def text_matches(response: str, expected: str) -> bool:
    """Whether typed text matches one expected answer, forgivingly.

    Both are normalised (see `normalise_text`); then they must be equal or within the
    typo budget of the expected answer's length (see `typo_budget`). The digits in both
    must be the same, since "2012" for "2015" is a different answer, not a typo.

    Args:
        response: What the player typed.
        expected: One accepted answer, as the pack writes it.

    Returns:
        True when the response counts as this answer.
    """
    got, want = normalise_text(response), normalise_text(expected)
    if not got or not want:
        return False
    if got == want:
        return True
    if _digits(got) != _digits(want):
        return False
    budget = typo_budget(len(want))
    return budget > 0 and OSA.distance(got, want, score_cutoff=budget) <= budget


def parse_number(value: str | int | float) -> float:
    """Read a number from a response.

    Accepts ints and floats, and text with surrounding whitespace, thousands separators
    ("1,000", "1 000", "1_000"), a decimal point and a trailing unit ("92 episodes", "12%").
    A decimal comma ("1,5") is refused rather than guessed at.

    Args:
        value: The response.

    Returns:
        The number.

    Raises:
        InvalidResponse: The value is not a finite number.
    """
    if isinstance(value, bool):
        raise InvalidResponse("a number question needs a number, not true or false")
    if isinstance(value, int | float):
        number = float(value)
    else:
        match = _NUMBER.match(value)
        if match is None:
            raise InvalidResponse(f"not a number: {value!r}")
        number = float(re.sub(r"[,\u00a0\u202f _]", "", match["number"]))
    if not math.isfinite(number):
        raise InvalidResponse(f"not a finite number: {value!r}")
    return number


def format_number(value: float) -> str:
    """A number as the game shows it: no ".0" on whole numbers, thousands separated.

    Four-digit numbers keep no separator: in trivia they are mostly years, and "2,012"
    reads wrong where "2012" is meant.
    """
    if abs(value) < 10_000:
        return f"{int(value)}" if float(value).is_integer() else f"{value:.6g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def _check_choice(question: ChoiceQuestion, response: Response) -> Verdict:
    if not isinstance(response, str):
        raise InvalidResponse("a choice question needs the chosen option's text")
    chosen = response.strip()
    if chosen not in question.options:
        raise InvalidResponse(f"{response!r} is not one of the options")
    right = chosen == question.answer
    return Verdict(right, 1.0 if right else 0.0, chosen, chosen, answer_text(question))


def _check_truefalse(question: TrueFalseQuestion, response: Response) -> Verdict:
    if isinstance(response, bool):
        value = response
    elif isinstance(response, str) and response.strip().casefold() in _TRUE_WORDS:
        value = True
    elif isinstance(response, str) and response.strip().casefold() in _FALSE_WORDS:
        value = False
    else:
        raise InvalidResponse("a true/false question needs true or false")
    right = value == question.answer
    return Verdict(right, 1.0 if right else 0.0, value, _bool_text(value), answer_text(question))


def _check_text(question: TextQuestion, response: Response) -> Verdict:
    if not isinstance(response, str):
        raise InvalidResponse("a text question needs text")
    if not normalise_text(response):
        # An empty submit is a slip of the Enter key, not an answer.
        raise InvalidResponse("type an answer first")
    right = any(
        text_matches(response, expected) for expected in (question.answer, *question.accept)
    )
    return Verdict(
        right,
        1.0 if right else 0.0,
        normalise_text(response),
        response.strip(),
        answer_text(question),
    )


def _check_number(question: NumberQuestion, response: Response) -> Verdict:
    if not isinstance(response, str | int | float):
        raise InvalidResponse("a number question needs a number")
    value = parse_number(response)
    distance = abs(value - question.answer)
    # Float noise (1.1 + 0.1) must not push an answer at the edge outside the tolerance.
    slack = 1e-9 * max(1.0, abs(question.answer))
    if distance <= slack:
        credit = 1.0
    elif distance <= question.tolerance + slack:
        share = min(distance / question.tolerance, 1.0)
        credit = 1.0 - (1.0 - EDGE_CREDIT) * share
    else:
        credit = 0.0
    shown = response.strip() if isinstance(response, str) else format_number(value)
    return Verdict(credit > 0, credit, value, shown, answer_text(question))


def _check_order(question: OrderQuestion, response: Response) -> Verdict:
    if isinstance(response, str) or not isinstance(response, Sequence):
        raise InvalidResponse("an order question needs the items in order")
    items = tuple(str(item) for item in response)
    if sorted(items) != sorted(question.answer):
        raise InvalidResponse("the response must list each of the question's items once")
    right = items == question.answer
    return Verdict(
        right, 1.0 if right else 0.0, items, " \u2192 ".join(items), answer_text(question)
    )


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _bool_text(value: bool) -> str:
    return "True" if value else "False"
