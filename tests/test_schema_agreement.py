"""`trivia validate` and the JSON Schema (what the author's editor checks) agree.

A corpus of broken packs, each one mistake in an otherwise valid pack, goes through both:
the validator (`check_text`) and a real JSON Schema validator (`jsonschema`, draft 2020-12)
on the document as YAML 1.2 reads it, as yaml-language-server does. Wherever the schema can
express the rule, both must refuse the pack; a few valid edits must pass both. The rules
the schema cannot express are listed in `VALIDATOR_ONLY`, each with why, and the test
checks that only the validator refuses them, so the list stays true.
"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from trivia.packs import check_text, pack_json_schema
from trivia.packs.yamlsafe import INVALID, load_yaml

BASE = """\
pack:
  id: agree
  title: Agreement
  version: "1.10"
  authors: [Fan Trivia]
sources:
  - id: src
    title: An article
    publisher: A paper
    date: 2022-10-31
    url: https://example.com/a
facts:
  - id: fact
    source: src
    statement: Something true.
questions:
  - id: q-choice
    type: choice
    fact: fact
    prompt: Who played Peggy?
    answer: Elisabeth Moss
    options: [Elisabeth Moss, January Jones]
    fixed_order: false
    difficulty: easy
    tags: [cast]
  - id: q-truefalse
    type: truefalse
    fact: fact
    prompt: Peggy was a copywriter.
    answer: true
    difficulty: easy
  - id: q-text
    type: text
    fact: fact
    prompt: Which actor played Peggy?
    answer: Elisabeth Moss
    accept: [Moss]
    difficulty: medium
  - id: q-number
    type: number
    fact: fact
    prompt: How many seasons?
    answer: 7
    tolerance: 0
    unit: seasons
    difficulty: medium
  - id: q-order
    type: order
    fact: fact
    prompt: Put them in order.
    answer: [First, Second, Third]
    difficulty: hard
"""

BROKEN: dict[str, tuple[str, str]] = {
    # numbers, as YAML 1.2 reads them
    "minutes-as-number": ("    answer: 7\n", "    answer: 1:19\n"),
    "underscored-number": ("    answer: 7\n", "    answer: 1_000\n"),
    "binary-number": ("    answer: 7\n", "    answer: 0b101\n"),
    "decimal-comma": ("    answer: 7\n", "    answer: 24,6\n"),
    "quoted-number": ("    answer: 7\n", '    answer: "7"\n'),
    "number-as-word": ("    answer: 7\n", "    answer: seven\n"),
    "negative-tolerance": ("    tolerance: 0\n", "    tolerance: -1\n"),
    "tolerance-yes": ("    tolerance: 0\n", "    tolerance: yes\n"),
    # booleans: only true and false
    "truefalse-yes": ("    answer: true\n", "    answer: yes\n"),
    "truefalse-no": ("    answer: true\n", "    answer: no\n"),
    "truefalse-on": ("    answer: true\n", "    answer: on\n"),
    "truefalse-quoted": ("    answer: true\n", '    answer: "true"\n'),
    "truefalse-number": ("    answer: true\n", "    answer: 1\n"),
    "fixed-order-yes": ("    fixed_order: false\n", "    fixed_order: yes\n"),
    "fixed-order-off": ("    fixed_order: false\n", "    fixed_order: off\n"),
    # text fields take text
    "numeric-question-id": ("  - id: q-text\n", "  - id: 123\n"),
    "numeric-fact-id": ("  - id: fact\n", "  - id: 42\n"),
    "numeric-date": ("    date: 2022-10-31\n", "    date: 20240501\n"),
    "bare-year-date": ("    date: 2022-10-31\n", "    date: 2015\n"),
    "bare-version": ('  version: "1.10"\n', "  version: 1.10\n"),
    "number-among-options": ("[Elisabeth Moss, January Jones]", "[Elisabeth Moss, 1969]"),
    "boolean-prompt": ("    prompt: Who played Peggy?\n", "    prompt: true\n"),
    "number-text-answer": (
        "    answer: Elisabeth Moss\n    accept",
        "    answer: 1969\n    accept",
    ),
    "number-in-tags": ("    tags: [cast]\n", "    tags: [cast, 2007]\n"),
    "blank-prompt": ("    prompt: Who played Peggy?\n", '    prompt: "   "\n'),
    "empty-title": ("  title: Agreement\n", '  title: ""\n'),
    # control characters written as escapes
    "bell-in-prompt": ("    prompt: Who played Peggy?\n", '    prompt: "Who\\u0007?"\n'),
    "escape-in-title": ("  title: Agreement\n", '  title: "A\\e[2J"\n'),
    "carriage-return-in-option": ("January Jones]", '"January\\r\\nJones"]'),
    "nul-in-statement": ("    statement: Something true.\n", '    statement: "Some\\0thing"\n'),
    "control-in-url": ("https://example.com/a", '"https://example.com/\\x01a"'),
    # words, ids, shapes
    "unknown-difficulty": ("    difficulty: hard\n", "    difficulty: Hard\n"),
    "unknown-type": ("    type: order\n", "    type: ordering\n"),
    "missing-type": ("    type: text\n", ""),
    "empty-type": ("    type: text\n", "    type:\n"),
    "unknown-key": ("    unit: seasons\n", "    unit: seasons\n    units: seasons\n"),
    "other-type-key": ("    accept: [Moss]\n", "    accept: [Moss]\n    options: [a, b]\n"),
    "bad-pack-id": ("  id: agree\n", "  id: Agree Pack\n"),
    "bad-question-id": ("  - id: q-order\n", "  - id: q order\n"),
    "bad-date-format": ("    date: 2022-10-31\n", "    date: 31/10/2022\n"),
    "month-thirteen": ("    date: 2022-10-31\n", "    date: 2022-13-01\n"),
    "url-without-scheme": ("https://example.com/a", "example.com/a"),
    "one-option": ("[Elisabeth Moss, January Jones]", "[Elisabeth Moss]"),
    "seven-options": ("[Elisabeth Moss, January Jones]", "[Elisabeth Moss, b, c, d, e, f, g]"),
    "repeated-option": ("[Elisabeth Moss, January Jones]", "[Elisabeth Moss, Elisabeth Moss]"),
    "two-order-items": ("[First, Second, Third]", "[First, Second]"),
    "options-as-text": ("[Elisabeth Moss, January Jones]", "Elisabeth Moss"),
    "missing-prompt": ("    prompt: Put them in order.\n", ""),
    "no-questions": (BASE[BASE.index("  - id: q-choice") :], "  []\n"),
}
"""Broken packs the schema can refuse: each an (old, new) edit of BASE."""

VALIDATOR_ONLY: dict[str, tuple[tuple[str, str], str]] = {
    "dangling-fact": (
        ("    fact: fact\n    prompt: Put", "    fact: nothing\n    prompt: Put"),
        "references between lists (a question's `fact`, a fact's `source`) are not JSON Schema",
    ),
    "duplicate-question-id": (
        ("  - id: q-text\n", "  - id: q-choice\n"),
        "uniqueItems compares whole entries, not one key of each",
    ),
    "answer-not-an-option": (
        ("    answer: Elisabeth Moss\n    options", "    answer: Jon Hamm\n    options"),
        "a value being one of another key's items is not expressible",
    ),
    "february-thirtieth": (
        ("    date: 2022-10-31\n", "    date: 2024-02-30\n"),
        "month lengths and leap years are past what a readable pattern says",
    ),
    "not-finite": (
        ("    answer: 7\n", "    answer: .inf\n"),
        "JSON has no infinity; the schema's `number` takes whatever the YAML reader made",
    ),
    "cut-by-comment": (
        ("    prompt: Who played Peggy?\n", "    prompt: Who aired episode #1 of it?\n"),
        "the schema sees the value after YAML dropped the comment; only the loader sees both",
    ),
}
"""Broken packs only the validator can refuse, and why the schema cannot."""

YAML_LEVEL = {
    "duplicate-key": ("    unit: seasons\n", "    unit: seasons\n    unit: episodes\n"),
    "python-tag": ("    unit: seasons\n", "    unit: !!python/name:os.system seasons\n"),
    "merge-key": ("    unit: seasons\n", "    <<: {unit: seasons}\n"),
    # The number limits (limits.py) bound the reading itself, before any schema.
    "too-many-digits": ("    answer: 7\n", "    answer: 1234567890123456789\n"),
}
"""Refused while reading the YAML, before either check: the schema never gets a document
(an editor reports these from its YAML parser, not from the schema)."""

VALID = {
    "as-is": ("", ""),
    "exponent-answer": ("    answer: 7\n", "    answer: 7.9e1\n"),
    "leading-zero-answer": ("    answer: 7\n", "    answer: 0117\n"),
    "yes-is-text": ("    answer: Elisabeth Moss\n    accept", "    answer: yes\n    accept"),
    "date-is-text": ("    prompt: Who played Peggy?\n", "    prompt: 2007-07-19\n"),
    "quoted-id": ("  - id: q-text\n", '  - id: "123"\n'),
    "tab-and-newline": ("    statement: Something true.\n", '    statement: "a\\tb\\nc"\n'),
    "capital-true": ("    answer: true\n", "    answer: TRUE\n"),
    "comment-after-value": ("    unit: seasons\n", "    unit: seasons   # shown after the input\n"),
    "hash-in-quotes": ("    prompt: Who played Peggy?\n", '    prompt: "Who aired episode #1?"\n'),
}
"""Edits both must accept."""

SCHEMA = Draft202012Validator(pack_json_schema())


def edited(edit: tuple[str, str]) -> str:
    old, new = edit
    if not old:
        return BASE
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def contains_invalid(value: Any) -> bool:
    if value is INVALID:
        return True
    if isinstance(value, dict):
        return any(contains_invalid(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_invalid(v) for v in value)
    return False


def schema_errors(text: str) -> list[str]:
    """What the schema says about the document, read as YAML 1.2 (as an editor reads it)."""
    document = load_yaml(text, "t.yaml")
    assert document.problems == () and not contains_invalid(document.value)
    return [error.message for error in SCHEMA.iter_errors(document.value)]


def test_the_corpus_is_big_enough() -> None:
    assert len(BROKEN) + len(VALIDATOR_ONLY) >= 30


@pytest.mark.parametrize("name", BROKEN)
def test_both_refuse(name: str) -> None:
    text = edited(BROKEN[name])
    assert check_text(text) != [], "the validator accepts it"
    assert schema_errors(text) != [], "the schema accepts it"


@pytest.mark.parametrize("name", VALID)
def test_both_accept(name: str) -> None:
    text = edited(VALID[name])
    assert check_text(text) == []
    assert schema_errors(text) == []


@pytest.mark.parametrize("name", VALIDATOR_ONLY)
def test_rules_the_schema_cannot_express(name: str) -> None:
    edit, why = VALIDATOR_ONLY[name]
    text = edited(edit)
    assert why
    assert check_text(text) != []
    assert schema_errors(text) == [], "the schema can say it after all: move it to BROKEN"


@pytest.mark.parametrize("name", YAML_LEVEL)
def test_yaml_level_refusals_come_from_the_reader(name: str) -> None:
    text = edited(YAML_LEVEL[name])
    assert check_text(text) != []
    document = load_yaml(text, "t.yaml")
    assert document.problems != ()


def test_the_reference_pack_is_valid_for_both() -> None:
    assert check_text(BASE) == [] and schema_errors(BASE) == []
