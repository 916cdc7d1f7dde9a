"""Open Trivia DB (opentdb.com) JSON into a pack.

The input is what the API returns, `{"response_code": 0, "results": [...]}`, or just the
list of results. Each result has `type` (`multiple` or `boolean`), `difficulty`,
`category`, `question`, `correct_answer` and `incorrect_answers`; `multiple` becomes a
`choice` question, `boolean` a `truefalse` one, and the category a tag.

The API encodes its text in one of four ways, chosen by the request's `encode`
parameter, which the saved file does not record: HTML entities (the default,
`Don&#039;t`), `base64` (every value, `type` too), `url3986` (percent-encoding,
`Don%27t`) or `urlLegacy` (the same with `+` for a space, `Don%27t+know`).
`detect_encoding` tells them apart from the data; `--encoding` overrides it, and is refused
when the data is plainly in another encoding (HTML decoding would keep `%20` as it is).

HTML entities can hold characters that show as nothing (`&shy;`, `&lrm;`, `&#8203;`):
they are taken out of the text (`INVISIBLE`), and the import says how many once.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Final
from urllib.parse import unquote, unquote_plus

from trivia.packs.ids import slugify
from trivia.packs.importers import (
    Draft,
    ImportFailed,
    ImportProblem,
    ImportResult,
    PackBuilder,
    Progress,
    check_draft,
    finished,
)
from trivia.packs.importers.writer import PackSpool
from trivia.packs.limits import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    too_big_int,
    too_deep,
    too_long_number,
)

ENCODINGS: Final = ("auto", "html", "base64", "url3986", "urlLegacy")

INVISIBLE: Final = re.compile("[\u00ad\u200b\u200e\u200f\u2060\ufeff]")
"""Soft hyphen, zero-width space, the two direction marks, word joiner, zero-width no-break
space: characters HTML entities bring in that show as nothing but make two texts differ
(a typed answer never matches them). Zero-width joiners are kept: emoji need them."""

RESPONSE_CODES: Final = {
    1: "no results: the API did not have enough questions for the query "
    "(ask for fewer, or another category or difficulty)",
    2: "invalid parameter: the request's arguments were not valid",
    3: "token not found: the session token does not exist",
    4: "token empty: the session token has returned every question for the query (reset the token)",
    5: "rate limit: too many requests (one request per IP every 5 seconds)",
}
"""What the API's non-zero `response_code`s mean."""

_BASE64_TYPES: Final = {
    base64.b64encode(b"multiple").decode(): "multiple",
    base64.b64encode(b"boolean").decode(): "boolean",
}
_PERCENT: Final = re.compile(r"%[0-9A-Fa-f]{2}")
_SAMPLE: Final = 50


def _base64(text: str) -> str:
    return base64.b64decode(text, validate=True).decode("utf-8")


def _url3986(text: str) -> str:
    return unquote(text, errors="strict")


def _url_legacy(text: str) -> str:
    return unquote_plus(text, errors="strict")


DECODERS: Final[dict[str, Callable[[str], str]]] = {
    "html": html.unescape,
    "base64": _base64,
    "url3986": _url3986,
    "urlLegacy": _url_legacy,
}


def detect_encoding(results: list[Any]) -> str:
    """Which encoding the results' text is in: `html`, `base64` or `url3986`.

    base64 encodes `type` too, so "multiple" is "bXVsdGlwbGU=". The URL encodings write
    spaces as `%20` (url3986) or `+` (urlLegacy; url3986 writes a `+` as `%2B`), so their
    questions have no spaces. Otherwise the text is the default HTML encoding (plain text
    is HTML-unescaped harmlessly).
    """
    sample = [result for result in results[:_SAMPLE] if isinstance(result, dict)]
    types = [result.get("type") for result in sample]
    # isinstance first: a list or an object as `type` cannot be looked up in a dict.
    if types and all(isinstance(kind, str) and kind in _BASE64_TYPES for kind in types):
        return "base64"
    questions = [r["question"] for r in sample if isinstance(r.get("question"), str)]
    if questions and all(" " not in question for question in questions):
        if any("+" in question for question in questions):
            return "urlLegacy"
        if any(_PERCENT.search(question) for question in questions):
            return "url3986"
    return "html"


def _mismatch(source: str, chosen: str, detected: str) -> ImportProblem:
    return ImportProblem(
        source,
        f"--encoding {chosen} does not fit this file: its text looks {detected}-encoded "
        + ("(no spaces, `+` between words)" if detected == "urlLegacy" else "")
        + ("(no spaces, `%20` between words)" if detected == "url3986" else "")
        + ("(`type` is base64 too)" if detected == "base64" else ""),
        hint=f"try --encoding {detected}, or leave --encoding out to detect it",
    )


class _NumberRefused(Exception):
    """A number in the JSON is too long or too big (`trivia.packs.limits`)."""


def _bounded_int(text: str) -> int:
    trouble = too_long_number(text)
    value = int(text) if trouble is None else 0
    trouble = trouble or too_big_int(value)
    if trouble:
        raise _NumberRefused(trouble)
    return value


def _bounded_float(text: str) -> float:
    trouble = too_long_number(text)
    if trouble:
        raise _NumberRefused(trouble)
    return float(text)


def _line_of_long_number(text: str) -> int | None:
    """The line of the first number with more digits than the limits allow, if any."""
    found = re.search(rf"\d{{{MAX_NUMBER_DIGITS + 1},}}", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _parse_json(data: bytes, source: str) -> Any:
    """The JSON document in `data`, within the limits of `trivia.packs.limits`, or
    ImportFailed saying where it is not (JSONDecodeError, with its place, for bad JSON)."""
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            [ImportProblem(source, f"the file is larger than {MAX_BYTES:,} bytes, the limit")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailed(
            [ImportProblem(source, f"not UTF-8 text (byte {error.start + 1})")]
        ) from None
    too_deep_problem = ImportProblem(
        source,
        f"arrays and objects are nested more than {MAX_DEPTH} levels deep",
        hint="an Open Trivia DB response nests four levels",
    )
    try:
        document = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float)
    except _NumberRefused as error:
        line = _line_of_long_number(text)
        raise ImportFailed(
            [ImportProblem(source, str(error), line=line, hint="quote it if it is meant as text")]
        ) from None
    except RecursionError:
        raise ImportFailed([too_deep_problem]) from None
    if too_deep(document):
        raise ImportFailed([too_deep_problem])
    return document


def read_results(data: bytes, source: str) -> list[Any]:
    """The `results` of an API response (or a bare list), or ImportFailed saying why not."""
    try:
        document = _parse_json(data, source)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    f"not valid JSON: {error.msg}",
                    line=error.lineno,
                    hint=f"column {error.colno}",
                )
            ]
        ) from None
    if isinstance(document, list):
        return document
    if not isinstance(document, dict) or "results" not in document:
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    "not an Open Trivia DB response",
                    hint='expected {"response_code": 0, "results": [...]} or a list of results',
                )
            ]
        )
    code = document.get("response_code", 0)
    if code != 0:
        meaning = RESPONSE_CODES.get(code, "an unknown code") if isinstance(code, int) else ""
        raise ImportFailed(
            [
                ImportProblem(
                    source,
                    f"the API answered with response_code {code}: {meaning or 'not a number'}",
                    hint="only a response with response_code 0 holds questions",
                )
            ]
        )
    results = document["results"]
    if not isinstance(results, list):
        raise ImportFailed([ImportProblem(source, "`results` is not a list")])
    return results


class _BadResult(Exception):
    pass


def _text(result: dict[str, Any], key: str, decode: Callable[[str], str]) -> str:
    return _decoded(result.get(key), f"`{key}`", decode)


def _decoded(value: Any, label: str, decode: Callable[[str], str]) -> str:
    if not isinstance(value, str):
        shown = "missing" if value is None else f"not text ({type(value).__name__})"
        raise _BadResult(f"{label} is {shown}")
    try:
        text = decode(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise _BadResult(f"{label} cannot be decoded as the chosen encoding") from None
    return text.strip()


class _Invisible:
    """A decoder that also takes out the characters that show as nothing, counting them."""

    def __init__(self, decode: Callable[[str], str]) -> None:
        self._decode = decode
        self.removed = 0

    def __call__(self, value: str) -> str:
        text = self._decode(value)
        cleaned, count = INVISIBLE.subn("", text)
        self.removed += count
        return cleaned


def _draft(result: Any, decode: Callable[[str], str], number: int) -> Draft:
    if not isinstance(result, dict):
        raise _BadResult("not a JSON object")
    kind = _text(result, "type", decode)
    prompt = _text(result, "question", decode)
    correct = _text(result, "correct_answer", decode)
    wrong_values = result.get("incorrect_answers")
    if not isinstance(wrong_values, list):
        raise _BadResult("`incorrect_answers` is not a list")
    wrong = [_decoded(value, "an incorrect answer", decode) for value in wrong_values]
    difficulty = _text(result, "difficulty", decode).lower() if "difficulty" in result else ""
    category = _text(result, "category", decode) if "category" in result else ""
    tags = [slugify(category, default="general")] if category else []
    if kind == "multiple":
        return Draft(
            type="choice",
            prompt=prompt,
            answer=correct,
            options=[correct, *wrong],
            difficulty=difficulty,
            tags=tags,
            item=number,
        )
    if kind == "boolean":
        truth = {"true": True, "false": False}.get(correct.lower())
        if truth is None:
            raise _BadResult(f"`correct_answer` {correct!r} is not True or False")
        return Draft(type="truefalse", prompt=prompt, answer=truth, difficulty=difficulty,
                     tags=tags, item=number)  # fmt: skip
    raise _BadResult(f"`type` {kind!r} is not multiple or boolean")


def import_opentdb(
    data: bytes,
    source: str,
    *,
    pack_id: str,
    title: str,
    encoding: str = "auto",
    skip_bad: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
    spool: PackSpool | None = None,
) -> ImportResult:
    """Build a pack from Open Trivia DB JSON.

    Args:
        data: The file's bytes.
        source: What to call the file in problems and in the pack's `sources`.
        pack_id: The new pack's id.
        title: The new pack's title.
        encoding: `auto` (detect), `html`, `base64`, `url3986` or `urlLegacy`.
        skip_bad: Leave out the results that cannot be imported (reported in
            `ImportResult.skipped`) instead of failing.
        today: The import date recorded in the source (default: today).
        progress: Told `(done, total)` every few thousand results.
        spool: Write the questions there a batch at a time (`trivia import` does, for
            big files) instead of keeping them in the result's `document`.

    Raises:
        ImportFailed: For a file that is not an API response, a response_code other
            than 0, or (unless `skip_bad`) any result that cannot be imported.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}")
    results = read_results(data, source)
    detected = detect_encoding(results)
    chosen = detected if encoding == "auto" else encoding
    if chosen != detected and detected != "html":
        raise ImportFailed([_mismatch(source, chosen, detected)])
    decode = _Invisible(DECODERS[chosen])
    imported = (today or date.today()).isoformat()
    name = Path(source).name
    builder = PackBuilder(
        meta={
            "id": pack_id,
            "title": title,
            "description": f"Questions imported from Open Trivia Database ({name}) on {imported}.",
            "language": "en",
            "version": "1",
        },
        source={
            "id": "opentdb",
            "title": f"Open Trivia Database questions, file {name}, imported {imported}",
            "publisher": "Open Trivia Database (opentdb.com), CC BY-SA 4.0",
            "date": imported,
            "url": "https://opentdb.com/",
        },
        label="Open Trivia DB",
        spool=spool,
    )
    problems: list[ImportProblem] = []
    seen: set[tuple[Any, ...]] = set()
    repeats = 0
    total = len(results)
    for number, result in enumerate(results, start=1):
        if progress is not None and number % 2000 == 0:
            progress(number, total)
        results[number - 1] = None  # read once: let it go (200,000 results are 250 MB)
        try:
            draft = _draft(result, decode, number)
        except _BadResult as error:
            problems.append(ImportProblem(source, str(error), item=number))
            continue
        if not draft.difficulty:
            draft.difficulty = "medium"  # the API always says; a hand-made file may not
        trouble = check_draft(draft)
        if trouble:
            problems.extend(ImportProblem(source, message, item=number) for message in trouble)
            continue
        # A file saved from many API calls repeats questions: keep the first.
        key = (draft.type, draft.prompt, draft.answer, tuple(draft.options or ()))
        if key in seen:
            repeats += 1
            continue
        seen.add(key)
        added = builder.add(draft)
        if added:
            problems.append(ImportProblem(source, added, item=number))
    if progress is not None:
        progress(total, total)
    if problems and not skip_bad:
        raise ImportFailed(problems)
    if not (builder.questions or builder.spooled):
        raise ImportFailed(
            [
                *problems,
                ImportProblem(source, "no questions to import", hint="the file has no results"),
            ]
        )
    result = finished(builder, source, skipped=problems, repeats=repeats)
    if decode.removed:
        result.notes.append(
            ImportProblem(
                source,
                f"took out {decode.removed:,} invisible character"
                f"{'' if decode.removed == 1 else 's'} (soft hyphens, direction marks, "
                "zero-width spaces from HTML entities): they show as nothing but stop typed "
                "answers matching",
            )
        )
    return result
