"""Checking a loaded YAML document against the pack format, reporting every problem.

The checks are driven by the declarations in `trivia.packs.spec` (keys, types, required,
limits, references between lists); only the rules that tie several keys together (the
`answer` of a choice question is one of its `options`) are written here as code. Every
problem is collected, never only the first, each with the line and column of the value
or key concerned. When there is none, the document is read into the model dataclasses.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from trivia.packs.advice import (
    colon_in_text,
    cut_by_comment,
    flag_advice,
    guess_type,
    number_advice,
    quote_it,
)
from trivia.packs.comments import TrailingComment
from trivia.packs.limits import MAX_NUMBER_DIGITS, MAX_TEXT_CHARS, text_trouble, too_big_int
from trivia.packs.model import Pack
from trivia.packs.problems import Problem, YamlPath, sort_problems
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
from trivia.packs.yamlsafe import INVALID, YamlDocument


class _Bad:
    """The type of `_BAD`."""

    __slots__ = ()


_BAD: Final = _Bad()
"""A value that failed its check (and was reported): left out of the model."""
_MISSING: Final = object()

_SUGGESTION_BUDGET: Final = 200
"""How many "did you mean" lookups one file gets among long id lists (each costs a scan)."""


def _describe(value: Any) -> str:
    """A value as an author would name it, for "expected X, got Y" messages."""
    if value is None:
        return "nothing"
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int and too_big_int(value):
        # Never str() it: Python refuses to write out an int of thousands of digits.
        return f"a number of more than {MAX_NUMBER_DIGITS} digits"
    if kind is int or kind is float:
        return f"the number {value}"
    if kind is str:
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {shown!r}"
    if kind is list:
        return "a list"
    if kind is dict:
        return "a mapping"
    return kind.__name__  # pragma: no cover - the YAML layer makes nothing else


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _suggest(word: str, candidates: Sequence[str]) -> str | None:
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


class _CompiledKey:
    """A key prepared for the hot loop of `_Validator.mapping`."""

    __slots__ = ("name", "required", "plain_text", "spec", "check", "label", "hint", "in_model")

    def __init__(self, key: Key) -> None:
        spec = key.type
        self.name = key.name
        self.required = key.required
        # Most values are plain text that needs no more than "not blank": checked inline.
        self.plain_text = type(spec) is Text and spec.pattern is None and spec.refers_to is None
        self.spec = spec
        self.check: Callable[..., Any] = _CHECKS[type(spec)]
        self.label = f"`{key.name}`"
        self.hint = key.hint
        self.in_model = key.in_model


class _Shape:
    """A record (or one variant of it) compiled for checking: its keys, in order."""

    __slots__ = ("record", "variant_name", "model", "keys", "allowed", "allowed_list", "unique")

    def __init__(
        self,
        record: Record,
        keys: tuple[Key, ...],
        model: type | None,
        allowed: frozenset[str],
        variant_name: str | None = None,
    ) -> None:
        self.record = record
        self.variant_name = variant_name
        self.model = model
        self.keys = tuple(_CompiledKey(key) for key in keys)
        self.allowed = allowed
        self.allowed_list = sorted(allowed)
        self.unique = tuple(key.name for key in keys if key.unique)


def _shapes(record: Record) -> tuple[_Shape, dict[str, _Shape]]:
    """The shape for a record whose variant is unknown, and one shape per variant."""
    every_key = {key.name for key in record.keys}
    for variant in record.variants.values():
        every_key.update(key.name for key in variant.keys)
    base = _Shape(record, record.keys, record.model, frozenset(every_key))
    variants = {
        str(name): _Shape(
            record,
            record.keys + variant.keys,
            variant.model,
            frozenset(key.name for key in record.keys + variant.keys),
            str(name),
        )
        for name, variant in record.variants.items()
    }
    return base, variants


class _Validator:
    """Checks one document; collects problems, ids and references as it goes."""

    def __init__(self, document: YamlDocument, name: str) -> None:
        self.name = name
        self.positions = document.positions
        self.problems: list[Problem] = list(document.problems)
        # Per top-level list (`facts`...): each id and the path of the value defining it.
        self.ids: dict[str, dict[str, YamlPath]] = {}
        self.refs: list[tuple[str, str, YamlPath, str]] = []
        self.suggestion_budget = _SUGGESTION_BUDGET

    # -- reporting --

    def report(
        self, path: YamlPath, message: str, hint: str | None = None, *, at_key: bool = False
    ) -> None:
        line, col = self.positions.key_at(path) if at_key else self.positions.at(path)
        self.problems.append(Problem(self.name, line, col, message, hint, path))

    def did_you_mean(self, word: str, candidates: Sequence[str]) -> str | None:
        if len(candidates) > 500:
            # Long id lists: only close-looking ids are worth difflib's time, and only
            # for the first few hundred misses of a file.
            if self.suggestion_budget <= 0:
                return None
            self.suggestion_budget -= 1
            candidates = [
                c for c in candidates if c[:1] == word[:1] and abs(len(c) - len(word)) <= 3
            ]
        found = _suggest(word, candidates)
        return f"did you mean {found!r}?" if found else None

    # -- value checks: each returns the value read, or _BAD once reported --

    def text(self, spec: Text, value: Any, path: YamlPath, label: str, hint: str | None) -> Any:
        if type(value) is not str:
            if value is None:
                self.report(path, f"{label} is empty", hint)
            elif value is not INVALID:
                if type(value) is dict:
                    advice = self.colon_in_text(value, path)
                elif type(value) is list:
                    advice = hint
                else:
                    advice = self.quote_it(path)
                self.report(path, f"{label} must be text, not {_describe(value)}", advice)
            return _BAD
        if not value or value.isspace():
            self.report(path, f"{label} is empty", hint)
            return _BAD
        if len(value) > MAX_TEXT_CHARS:
            self.report(path, f"{label} is too long: {text_trouble(value)}", hint)
            return _BAD
        if not value.isprintable():
            control = _CONTROL.search(value)
            if control is not None:
                self.report(
                    path,
                    f"{label} contains a control character (U+{ord(control.group()):04X})",
                    "remove it: text may hold line breaks and tabs, no other control characters",
                )
                return _BAD
        if spec.pattern is not None and _PATTERNS[spec.pattern].fullmatch(value) is None:
            self.report(path, f"{label} {value!r} is not valid", f"use {spec.pattern_help}")
            return _BAD
        if spec.calendar_date and len(value) == 10 and not _on_the_calendar(value):
            self.report(
                path, f"{label} {value!r} is not a date on the calendar", f"use {spec.pattern_help}"
            )
            return _BAD
        if spec.refers_to is not None:
            self.refs.append((spec.refers_to, value, path, label))
        return value

    def quote_it(self, path: YamlPath) -> str:
        """The hint for a number or true/false where text is expected: the same, quoted."""
        return quote_it(self.positions.text_at(path), path[-1] if path else None)

    def colon_in_text(self, value: dict[Any, Any], path: YamlPath) -> str | None:
        """The hint for `- Dr: No`, a text that YAML read as a one-key mapping."""
        if len(value) != 1:
            return None
        [key] = value
        written_key = self.positions.key_text_at((*path, key))
        written_value = self.positions.text_at((*path, key))
        if written_key is None or written_value is None:
            return None
        return colon_in_text(written_key, written_value)

    def written_as_text(self, path: YamlPath) -> tuple[str, bool]:
        """How the text at `path` was written, and whether it was in quotes."""
        return self.positions.text_at(path) or "", self.positions.quoted_at(path)

    def one_of(self, spec: OneOf, value: Any, path: YamlPath, label: str, hint: str | None) -> Any:
        if type(value) is str:
            member = spec.members.get(value)
            if member is not None:
                return member
        if value is INVALID:
            return _BAD
        words = spec.words
        suggestion = self.did_you_mean(value.strip().lower(), words) if type(value) is str else None
        shown = repr(value) if type(value) is str else _describe(value)
        self.report(
            path,
            f"{label} must be one of {', '.join(words)}, not {shown}",
            suggestion or f"write one of: {', '.join(words)}",
        )
        return _BAD

    def flag(self, spec: Flag, value: Any, path: YamlPath, label: str, hint: str | None) -> Any:
        if type(value) is bool:
            return value
        if value is INVALID:
            return _BAD
        advice = flag_advice(*self.written_as_text(path)) if type(value) is str else hint
        self.report(path, f"{label} must be true or false, not {_describe(value)}", advice)
        return _BAD

    def number(self, spec: Number, value: Any, path: YamlPath, label: str, hint: str | None) -> Any:
        kind = type(value)
        if kind is int and too_big_int(value):
            # Documents built in Python (importers, tools) skip the YAML layer's own bound.
            self.report(path, f"{label} is too big: {too_big_int(value)}", hint)
            return _BAD
        if kind is int or kind is float:
            if not math.isfinite(value):
                self.report(path, f"{label} must be a finite number, not {value}", hint)
                return _BAD
            if spec.minimum is not None and value < spec.minimum:
                self.report(path, f"{label} must be {spec.minimum:g} or more, not {value}", hint)
                return _BAD
            return float(value)
        if value is INVALID:
            return _BAD
        advice = number_advice(value, *self.written_as_text(path)) if kind is str else hint
        self.report(path, f"{label} must be a number, not {_describe(value)}", advice or hint)
        return _BAD

    def text_list(
        self, spec: TextList, value: Any, path: YamlPath, label: str, hint: str | None
    ) -> Any:
        if type(value) is not list:
            if value is INVALID:
                return _BAD
            self.report(
                path,
                f"{label} must be a list of {spec.noun}s, not {_describe(value)}",
                "write [first, second] or one `- item` per line",
            )
            return _BAD
        ok = True
        count = len(value)
        if count < spec.min_items:
            self.report(
                path,
                f"{label} has {_plural(count, spec.noun)}; at least {spec.min_items} needed",
                hint,
            )
            ok = False
        elif spec.max_items is not None and count > spec.max_items:
            self.report(
                path,
                f"{label} has {_plural(count, spec.noun)}; at most {spec.max_items} allowed",
                hint,
            )
            ok = False
        item_spec = spec.item
        plain = item_spec.pattern is None and item_spec.refers_to is None
        items: list[str] = []
        for index, item in enumerate(value):
            if plain and type(item) is str and item.isprintable() and item and not item.isspace():
                items.append(item)
                continue
            checked = self.text(
                item_spec, item, (*path, index), f"{spec.noun} {index + 1} of {label}", None
            )
            if checked is _BAD:
                ok = False
            else:
                items.append(checked)
        if spec.unique and len(set(items)) != len(items):
            first: dict[str, int] = {}
            for index, item in enumerate(items):
                if item in first:
                    self.report(
                        (*path, index),
                        f"{spec.noun} {item!r} appears twice in {label} "
                        f"(first as {spec.noun} {first[item] + 1})",
                        f"each {spec.noun} must be different",
                    )
                    ok = False
                else:
                    first[item] = index
        return tuple(items) if ok else _BAD

    def record(self, spec: Record, value: Any, path: YamlPath, label: str, hint: str | None) -> Any:
        if type(value) is not dict:
            if value is INVALID:
                return _BAD
            self.report(
                path,
                f"{label} must be a mapping of {spec.noun} keys, not {_describe(value)}",
                hint,
            )
            return _BAD
        result, _ = self.mapping(spec, value, path)
        return _BAD if result is None else result

    def record_list(
        self, spec: RecordList, value: Any, path: YamlPath, label: str, hint: str | None
    ) -> Any:
        record = spec.record
        noun = record.noun
        if type(value) is not list:
            if value is INVALID:
                return _BAD
            self.report(
                path,
                f"{label} must be a list of {noun}s, not {_describe(value)}",
                f"write each {noun} as a `- ` entry under {label}",
            )
            return _BAD
        if len(value) < spec.min_items:
            needed = f"one {noun}" if spec.min_items == 1 else _plural(spec.min_items, noun)
            self.report(
                path, f"{label} has {_plural(len(value), noun)}; at least {needed} needed", hint
            )
        registry = self.ids.setdefault(str(path[-1]), {})
        unique = _SHAPES[id(record)][0].unique
        results = []
        ok = True
        for index, entry in enumerate(value):
            entry_path = (*path, index)
            if type(entry) is not dict:
                if entry is not INVALID:
                    self.report(
                        entry_path,
                        f"{noun} {index + 1} must be a mapping of {noun} keys, "
                        f"not {_describe(entry)}",
                    )
                ok = False
                continue
            result, fields = self.mapping(record, entry, entry_path)
            for name in unique:
                key_value = fields.get(name)
                if key_value is None:
                    if type(entry.get(name)) in (int, float):
                        # `id: 123`, refused and reported: references to "123" still find
                        # it, so the one mistake is not reported again at each of them.
                        registry.setdefault(
                            self.positions.text_at((*entry_path, name)) or "", (*entry_path, name)
                        )
                    continue
                first = registry.get(key_value)
                if first is None:
                    registry[key_value] = (*entry_path, name)
                else:
                    line, col = self.positions.at(first)
                    self.report(
                        (*entry_path, name),
                        f"duplicate {noun} {name} {key_value!r}: already used by the {noun} "
                        f"at line {line}, column {col}",
                        f"each {noun} needs its own {name}",
                    )
                    ok = False
            if result is None:
                ok = False
            else:
                results.append(result)
        return results if ok else _BAD

    # -- records --

    def mapping(
        self, record: Record, mapping: dict[Any, Any], path: YamlPath
    ) -> tuple[Any, dict[str, Any]]:
        """Check one mapping against its record.

        Returns:
            The model object (or the fields, for a record without a model), or None if
            anything was wrong; and the fields that were read, good ones only.
        """
        base, variants = _SHAPES[id(record)]
        shape = base
        if record.variant_key is not None:
            chosen = mapping.get(record.variant_key)
            if type(chosen) is str and chosen in variants:
                shape = variants[chosen]
        ok = True
        unknown = mapping.keys() - shape.allowed
        if unknown:
            ok = False
            for key in mapping:  # in the order written
                if key in unknown:
                    self.unknown_key(shape, key, (*path, key))
        # Only fields that go into the model are kept (so not `type`): the model is built
        # straight from them.
        fields: dict[str, Any] = {}
        get = mapping.get
        for key in shape.keys:
            name = key.name
            value = get(name, _MISSING)
            if value is _MISSING or value is None:
                if key.required:
                    ok = False
                    hint = key.hint
                    if name == record.variant_key:
                        hint = guess_type(mapping) or hint
                    if value is None:
                        self.report((*path, name), f"{key.label} is empty", hint)
                    else:
                        self.report(path, f"{record.noun} has no {key.label}", hint)
                continue
            if (
                key.plain_text
                and type(value) is str
                and value.isprintable()
                and value
                and not value.isspace()
            ):
                result = value
            else:
                result = key.check(self, key.spec, value, (*path, name), key.label, key.hint)
                if result is _BAD:
                    ok = False
                    continue
            if key.in_model:
                fields[name] = result
        if shape.variant_name is not None:
            rule = _RULES.get(shape.variant_name)
            if rule is not None and not rule(self, fields, path):
                ok = False
        if not ok:
            return None, fields
        if shape.model is None:
            return fields, fields
        return shape.model(**fields), fields

    def unknown_key(self, shape: _Shape, key: Any, path: YamlPath) -> None:
        record = shape.record
        noun = record.noun
        shown = key if type(key) is str else self.positions.key_text_at(path) or str(key)
        if key != key:
            # A `.nan:` key never equals itself, so neither would a problem holding it.
            path = (*path[:-1], shown)
        kinds = _variant_only_keys(record).get(key) if shape.variant_name is not None else None
        if kinds:
            self.report(
                path,
                f"`{shown}` is not used by {shape.variant_name} {noun}s",
                f"only {', '.join(kinds)} {noun}s have it",
                at_key=True,
            )
            return
        hint = self.did_you_mean(str(key), shape.allowed_list) if type(key) is str else None
        self.report(
            path,
            f"unknown key `{shown}` in {noun}",
            hint or f"{noun} keys are: {', '.join(shape.allowed_list)}",
            at_key=True,
        )

    def cut_by_comment(self, comment: TrailingComment, root: Any) -> None:
        """Refuse a text that YAML cut at ` #`, at the `#`, with the quoted text to write."""
        said = cut_by_comment(comment, root)
        if said is not None:
            message, hint = said
            self.problems.append(
                Problem(self.name, comment.line, comment.col, message, hint, comment.where)
            )

    # -- the whole file --

    def check(self, root: Any) -> dict[str, Any] | None:
        if type(root) is not dict:
            if root is not INVALID:
                what = "empty" if root is None else f"{_describe(root)}"
                self.report(
                    (),
                    f"the pack is {what}; it must be a mapping with the keys "
                    "pack, sources, facts and questions",
                    "see docs/pack-format.md for an example",
                )
            return None
        fields, _ = self.mapping(PACK_FILE, root, ())
        self.check_references()
        return fields  # type: ignore[no-any-return]

    def check_references(self) -> None:
        for target, value, path, label in self.refs:
            registry = self.ids.get(target)
            if registry is None or value in registry:
                continue  # no such list at all is reported already
            noun = _NOUNS.get(target, target)
            hint = self.did_you_mean(value, list(registry))
            self.report(
                path,
                f"{label} {value!r} is not the id of any {noun}",
                hint or f"add a {noun} with this id under `{target}`, or fix the id",
            )


_CHECKS: Final[dict[type, Callable[..., Any]]] = {
    Text: _Validator.text,
    OneOf: _Validator.one_of,
    Flag: _Validator.flag,
    Number: _Validator.number,
    TextList: _Validator.text_list,
    Record: _Validator.record,
    RecordList: _Validator.record_list,
}
"""The check for each value type of the spec."""

_PATTERNS: Final[dict[str, re.Pattern[str]]] = {}

_CONTROL: Final = re.compile(f"[{CONTROL_CHARACTERS}]")


def _on_the_calendar(text: str) -> bool:
    """Whether a `YYYY-MM-DD` that matched the date pattern is a real day (not 02-30)."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


_SHAPES: Final[dict[int, tuple[_Shape, dict[str, _Shape]]]] = {}


def _compile(record: Record) -> None:
    """Compile a record and every record and pattern under it (once, at import)."""
    if id(record) in _SHAPES:
        return
    _SHAPES[id(record)] = _shapes(record)
    keys = list(record.keys)
    for variant in record.variants.values():
        keys.extend(variant.keys)
    for key in keys:
        spec = key.type
        if isinstance(spec, TextList):
            spec = spec.item
        if isinstance(spec, Text) and spec.pattern is not None:
            _PATTERNS.setdefault(spec.pattern, re.compile(spec.pattern))
        elif isinstance(spec, Record):
            _compile(spec)
        elif isinstance(spec, RecordList):
            _compile(spec.record)


_compile(PACK_FILE)

_NOUNS: Final = {
    key.name: key.type.record.noun for key in PACK_FILE.keys if isinstance(key.type, RecordList)
}
"""The noun of each top-level list by its key (`facts` -> `fact`), for references."""

_VARIANT_ONLY_KEYS: dict[int, dict[str, list[str]]] = {}


def _variant_only_keys(record: Record) -> dict[str, list[str]]:
    """For a record with variants: each variant-only key, and the variants that have it."""
    owners = _VARIANT_ONLY_KEYS.get(id(record))
    if owners is None:
        owners = {}
        common = {key.name for key in record.keys}
        for name, variant in record.variants.items():
            for key in variant.keys:
                if key.name not in common:
                    owners.setdefault(key.name, []).append(str(name))
        _VARIANT_ONLY_KEYS[id(record)] = owners
    return owners


# -- rules that tie keys together, by variant --------------------------------------------


def _answer_among_options(validator: _Validator, fields: dict[str, Any], path: YamlPath) -> bool:
    answer = fields.get("answer")
    options = fields.get("options")
    if answer is None or options is None or answer in options:
        return True
    validator.report(
        (*path, "answer"),
        f"`answer` {answer!r} is not one of the options",
        validator.did_you_mean(answer, list(options))
        or "write the answer exactly as it is written in `options`",
    )
    return False


_RULES: Final[dict[str, Callable[[_Validator, dict[str, Any], YamlPath], bool]]] = {
    "choice": _answer_among_options,
}


def validate_document(
    document: YamlDocument, name: str, path: Path | None = None
) -> tuple[Pack | None, list[Problem]]:
    """Check a YAML document against the pack format and read it into a `Pack`.

    Args:
        document: The loaded document (its own problems, like duplicate keys, are kept).
        name: What to call the file in problems.
        path: Set as the pack's `path`.

    Returns:
        The pack, or None when there is any problem; and every problem, in reading order.
    """
    validator = _Validator(document, name)
    fields = validator.check(document.value)
    for comment in document.comments:
        validator.cut_by_comment(comment, document.value)
    problems = sort_problems(validator.problems)
    if problems or fields is None:
        return None, problems
    pack = Pack(
        meta=fields["pack"],
        sources={source.id: source for source in fields["sources"]},
        facts={fact.id: fact for fact in fields["facts"]},
        questions=tuple(fields["questions"]),
        path=path,
    )
    return pack, []
