"""The pack JSON Schema (draft 2020-12), generated from the format spec in `spec.py`.

Editors that speak JSON Schema (VS Code and others through yaml-language-server) use it
for completion, hover help and live checks once a pack starts with
`# yaml-language-server: $schema=<path or URL of the schema>`. `trivia schema` prints it.

The schema checks what JSON Schema can say (keys, types, required keys, limits, allowed
words, text that is text and not blank); `trivia validate` checks the rest too (references
between ids, duplicate ids, the answer of a choice question among its options, calendar
dates, text cut by a ` #` comment) and gives every problem a line and column. Both read
YAML 1.2, as editors do; `tests/test_schema_agreement.py` holds them to the same verdicts.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Final

from trivia.packs.spec import (
    CONTROL_CHARACTERS,
    PACK_FILE,
    Flag,
    Key,
    Number,
    OneOf,
    Record,
    RecordList,
    Text,
    TextList,
)

_NO_CONTROL: Final = f"[^{CONTROL_CHARACTERS}]"
PLAIN_TEXT_PATTERN: Final = f"^{_NO_CONTROL}*[^\\s{CONTROL_CHARACTERS}]{_NO_CONTROL}*$"
"""Text that is not blank and holds no control character but tab and newline."""

SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID: Final = "https://fan-trivia.invalid/schema/pack.schema.json"
"""An identifier, not a download address: editors are pointed at the file `trivia schema`
writes."""


def _defaults(model: type | None) -> dict[str, Any]:
    """The defaults of a model dataclass's optional fields, as JSON values."""
    if model is None:
        return {}
    defaults: dict[str, Any] = {}
    for model_field in dataclasses.fields(model):
        default = model_field.default
        if default is dataclasses.MISSING or default is None or default == "":
            continue  # no default to offer (an empty text would not even be valid)
        defaults[model_field.name] = list(default) if isinstance(default, tuple) else default
    return defaults


def _text(spec: Text, description: str) -> dict[str, Any]:
    if spec.pattern_help:
        description = f"{description} Format: {spec.pattern_help}."
    if spec.refers_to:
        description = f"{description} Must be the id of an entry of `{spec.refers_to}`."
    # Text only, as the validator: a bare 1969 or 1.10 is a number to YAML 1.2 (and so to
    # the editor); the author quotes it. The validator says so in those words.
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "description": description}
    # Every declared pattern already refuses blanks and control characters; plain text
    # says it with a pattern of its own: something not blank, no control but tab and newline.
    schema["pattern"] = f"^(?:{spec.pattern})$" if spec.pattern else PLAIN_TEXT_PATTERN
    return schema


def _value(spec: Any, description: str, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one value type."""
    if isinstance(spec, Text):
        return _text(spec, description)
    if isinstance(spec, OneOf):
        return {"type": "string", "enum": list(spec.words), "description": description}
    if isinstance(spec, Flag):
        return {"type": "boolean", "description": description}
    if isinstance(spec, Number):
        schema: dict[str, Any] = {"type": "number", "description": description}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        return schema
    if isinstance(spec, TextList):
        schema = {
            "type": "array",
            "items": _text(spec.item, f"One {spec.noun}."),
            "description": description,
        }
        if spec.min_items:
            schema["minItems"] = spec.min_items
        if spec.max_items is not None:
            schema["maxItems"] = spec.max_items
        if spec.unique:
            schema["uniqueItems"] = True
        return schema
    if isinstance(spec, Record):
        return {"$ref": f"#/$defs/{_define(spec, defs)}", "description": description}
    if isinstance(spec, RecordList):
        schema = {
            "type": "array",
            "items": {"$ref": f"#/$defs/{_define(spec.record, defs)}"},
            "description": description,
        }
        if spec.min_items:
            schema["minItems"] = spec.min_items
        return schema
    raise TypeError(f"no schema for {spec!r}")  # pragma: no cover - a new spec type


def _property(key: Key, defaults: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    schema = _value(key.type, key.description, defs)
    if key.name in defaults:
        schema["default"] = defaults[key.name]
    return schema


def _definition_name(record: Record) -> str:
    return record.noun.replace(" ", "-")


def _define(record: Record, defs: dict[str, Any]) -> str:
    """Add a record's schema to `defs` (once) and return its name there."""
    name = _definition_name(record)
    if name not in defs:
        defs[name] = {}  # reserve the name first: records may refer to each other
        defs[name] = _record(record, defs)
    return name


def _record(record: Record, defs: dict[str, Any]) -> dict[str, Any]:
    defaults = _defaults(record.model)
    properties = {key.name: _property(key, defaults, defs) for key in record.keys}
    schema: dict[str, Any] = {
        "type": "object",
        "title": record.noun,
        "description": record.description,
        "properties": properties,
        "required": [key.name for key in record.keys if key.required],
        "additionalProperties": False,
    }
    if not record.variants:
        return schema

    # Variants: the base lists every key any variant has, so editors offer them all with
    # their help; then one if/then per variant gives its keys their exact types, makes its
    # own required, and forbids (schema `false`) the keys of the other variants.
    own: dict[str, list[tuple[str, Key]]] = {}
    for variant_name, variant in record.variants.items():
        for key in variant.keys:
            own.setdefault(key.name, []).append((str(variant_name), key))
    for name, owners in own.items():
        if len(owners) == 1:
            variant_name, key = owners[0]
            prop = _value(key.type, f"({variant_name} only) {key.description}", defs)
        else:
            described = "; ".join(f"{v}: {k.description}" for v, k in owners)
            prop = {"description": f"Depends on `{record.variant_key}`. {described}"}
        properties[name] = prop
    branches = []
    for variant_name, variant in record.variants.items():
        variant_defaults = _defaults(variant.model)
        names = {key.name for key in variant.keys}
        then_properties: dict[str, Any] = {
            key.name: _property(key, variant_defaults, defs) for key in variant.keys
        }
        then_properties.update({name: False for name in own if name not in names})
        branches.append(
            {
                "if": {
                    "properties": {record.variant_key: {"const": str(variant_name)}},
                    "required": [record.variant_key],
                },
                "then": {
                    "description": variant.description,
                    "properties": then_properties,
                    "required": [key.name for key in variant.keys if key.required],
                },
            }
        )
    schema["allOf"] = branches
    return schema


def pack_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a pack file.

    Generated from `trivia.packs.spec`, the same declarations the validator uses. Every
    property has a description (shown by editors on hover and in completion); question
    types are told apart with `if`/`then` on `type`.

    Returns:
        A new dict each call, ready for `json.dumps`.
    """
    defs: dict[str, Any] = {}
    root = _record(PACK_FILE, defs)
    root["title"] = "Fan Trivia question pack"
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        **root,
        "$defs": defs,
    }
