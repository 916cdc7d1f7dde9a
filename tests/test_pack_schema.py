"""The pack JSON Schema: generated from the same spec as the validator, well formed for
draft 2020-12, described for editors, and satisfied by the example packs.

`jsonschema` is not a dependency, so a small checker for the keywords the generator uses
stands in for it (the test that lists the keywords keeps the two in step)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from trivia.packs import QuestionType, pack_json_schema
from trivia.packs.spec import QUESTION
from trivia.packs.yamlsafe import load_yaml

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "packs"

KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "default", "type", "enum",
    "const", "properties", "required", "additionalProperties", "items", "minItems",
    "maxItems", "uniqueItems", "minLength", "pattern", "minimum", "allOf", "if", "then",
}  # fmt: skip
"""The draft 2020-12 keywords the generator may use, all understood by `conforms` below."""


def subschemas(schema: Any, conditions: bool = True) -> Iterator[dict[str, Any]]:
    """Every schema object inside `schema`, itself included (and `if` conditions, unless
    `conditions` is false: they test values, they declare no property)."""
    if not isinstance(schema, dict):
        return
    yield schema
    for keyword in ("properties", "$defs"):
        for sub in schema.get(keyword, {}).values():
            yield from subschemas(sub, conditions)
    for keyword in ("items", "if", "then") if conditions else ("items", "then"):
        if keyword in schema:
            yield from subschemas(schema[keyword], conditions)
    for sub in schema.get("allOf", []):
        yield from subschemas(sub, conditions)


def _is(value: Any, kind: str) -> bool:
    return {
        "string": isinstance(value, str),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
    }[kind]


def conforms(value: Any, schema: Any, root: dict[str, Any], at: str = "$") -> list[str]:
    """Errors of `value` against `schema`, for the keywords in KEYWORDS."""
    if schema is True:
        return []
    if schema is False:
        return [f"{at}: not allowed here"]
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        errors += conforms(value, root["$defs"][name], root, at)
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, kind) for kind in kinds):
            return errors + [f"{at}: not of type {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{at}: too short")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: {value!r} does not match {schema['pattern']}")
    if _is(value, "number") and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{at}: below the minimum")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{at}: too few items")
        if len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{at}: too many items")
        if schema.get("uniqueItems") and len({json.dumps(v) for v in value}) != len(value):
            errors.append(f"{at}: items not unique")
        for index, item in enumerate(value):
            errors += conforms(item, schema.get("items", True), root, f"{at}[{index}]")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{at}: missing {key}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += conforms(item, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}: unknown key {key}")
    for sub in schema.get("allOf", []):
        errors += conforms(value, sub, root, at)
    if "if" in schema and not conforms(value, schema["if"], root, at):
        errors += conforms(value, schema.get("then", True), root, at)
    return errors


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return pack_json_schema()


def test_schema_is_json_for_draft_2020_12(schema: dict[str, Any]) -> None:
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["required"] == ["pack", "sources", "facts", "questions"]
    assert set(schema["$defs"]) == {"pack-metadata", "source", "fact", "question", "lint-settings"}
    assert pack_json_schema() is not schema  # a fresh dict each call


def test_schema_uses_only_known_keywords_and_valid_patterns(schema: dict[str, Any]) -> None:
    for sub in subschemas(schema):
        assert set(sub) <= KEYWORDS, set(sub) - KEYWORDS
        if "pattern" in sub:
            re.compile(sub["pattern"])
        if "$ref" in sub:
            assert sub["$ref"].removeprefix("#/$defs/") in schema["$defs"]


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    count = 0
    for sub in subschemas(schema, conditions=False):
        for name, prop in sub.get("properties", {}).items():
            if prop is False:
                continue  # a key forbidden for this question type
            assert prop.get("description"), name
            count += 1
    assert count > 30


def test_question_types_are_told_apart_with_if_then(schema: dict[str, Any]) -> None:
    question = schema["$defs"]["question"]
    branches = question["allOf"]
    kinds = [branch["if"]["properties"]["type"]["const"] for branch in branches]
    assert kinds == [kind.value for kind in QuestionType]
    for branch in branches:
        assert "answer" in branch["then"]["required"]
        assert branch["then"]["description"]
    choice = branches[0]["then"]
    assert choice["required"] == ["answer", "options"]
    assert choice["properties"]["options"]["minItems"] == 2
    assert choice["properties"]["options"]["maxItems"] == 6
    assert choice["properties"]["accept"] is False
    truefalse = branches[1]["then"]
    assert truefalse["properties"]["answer"]["type"] == "boolean"
    number = branches[3]["then"]
    assert number["properties"]["tolerance"]["minimum"] == 0
    assert number["properties"]["tolerance"]["default"] == 0.0


def test_spec_keys_match_the_model_dataclasses() -> None:
    """Each question type's model keys are exactly its dataclass's fields.

    Keys with `in_model=False` (`type`, which picks the dataclass, and `lint`, which only
    the linter reads) are not fields.
    """
    for variant in QUESTION.variants.values():
        keys = {key.name for key in (*QUESTION.keys, *variant.keys) if key.in_model}
        fields = {f.name for f in dataclasses.fields(variant.model)}
        assert keys == fields, variant.model


EXAMPLES = [
    DATA / "valid.yaml",
    *sorted((ROOT / "questions").glob("*.yaml")),
]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_packs_conform(path: Path, schema: dict[str, Any]) -> None:
    document = load_yaml(path.read_bytes(), str(path))
    assert conforms(document.value, schema, schema) == []


def test_the_documented_example_conforms(schema: dict[str, Any]) -> None:
    """The example in docs/pack-format.md is a valid pack, by the schema and the validator."""
    from trivia.packs import check_text

    doc = (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S)
    assert example is not None
    assert check_text(example.group(1)) == []
    document = load_yaml(example.group(1), "example")
    assert conforms(document.value, schema, schema) == []


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (("    fixed_order: false\n", "    fixed_order: false\n    colour: red\n"), "unknown key"),
        (("    difficulty: easy\n", "    difficulty: trivial\n"), "not in"),
        (("    answer: false\n", "    answer: false\n    options: [a, b]\n"), "not allowed"),
        (("    tolerance: 0\n", "    tolerance: -1\n"), "below the minimum"),
        (("      - SC&P\n", ""), "too few items"),
        (("  id: mad-men-sample\n", "  id: Mad Men\n"), "does not match"),
    ],
)
def test_schema_refuses_what_the_validator_refuses(
    edit: tuple[str, str], error: str, schema: dict[str, Any]
) -> None:
    from trivia.packs import check_text

    text = (DATA / "valid.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    text = text.replace(edit[0], edit[1], 1)
    assert check_text(text) != []
    errors = conforms(load_yaml(text, "t").value, schema, schema)
    assert any(error in e for e in errors), errors
