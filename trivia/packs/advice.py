"""What to tell an author to write instead, from how a value was written.

The validator (`trivia.packs.validate`) says what is wrong; these hints say what to type,
and they depend on the text as written, which YAML's reading loses: `1:19` and `1_000`
(text in YAML 1.2, not numbers), `yes` (text, not true), a number that should have been
quoted, a `Dr: No` that YAML took for a mapping, a sentence cut at ` #`, a question with no
`type` whose answer says which one it is.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from trivia.packs.comments import TrailingComment
from trivia.packs.problems import YamlPath
from trivia.packs.spec import PACK_FILE, Record, RecordList, Text, TextList

_LONGEST_SHOWN: Final = 30
"""Longer texts are not repeated inside a hint (the message shows the start already)."""
_MINUTES: Final = re.compile(r"[-+]?[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9]*)?")
_UNDERSCORED: Final = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?")
_DECIMAL_COMMA: Final = re.compile(r"[-+]?[0-9]+,[0-9]+")
_YES_NO: Final = frozenset({"yes", "no", "on", "off", "y", "n"})


def _quoted(text: str) -> str:
    """Text as a double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def quote_it(written: str | None, key: str | int | None) -> str:
    """The hint for a number or true/false where text is expected: the same, quoted."""
    shown = _quoted(written or "...")
    return f"quote it: {key}: {shown}" if type(key) is str else f"quote it: {shown}"


def colon_in_text(written_key: str, written_value: str) -> str:
    """The hint for `- Dr: No`, a text that YAML read as a one-key mapping."""
    shown = _quoted(f"{written_key}: {written_value}")
    return f"': ' inside an unquoted text starts a mapping: quote the text: {shown}"


def flag_advice(written: str, quoted: bool) -> str:
    """The hint for a text where true or false was expected."""
    if quoted:
        return "write true or false, without quotes"
    if len(written) <= _LONGEST_SHOWN:
        return f"write true or false: YAML 1.2 reads {written} as text"
    return "write true or false"


def number_advice(value: str, written: str, quoted: bool) -> str | None:
    """The hint for a text where a number was expected, or None for the key's own hint."""
    if quoted:
        return "write the number without quotes"
    if written != value or len(value) > _LONGEST_SHOWN:
        return None  # a block scalar, or too long to repeat: nothing more useful to say
    if _MINUTES.fullmatch(value):
        return f"write one number, such as 79 or 7.9e1: YAML reads {value} as text, not as minutes"
    if _UNDERSCORED.fullmatch(value):
        return f"write the digits without '_' ({value.replace('_', '')})"
    if _DECIMAL_COMMA.fullmatch(value):
        return f"write the decimal with a point ({value.replace(',', '.')})"
    return None


def guess_type(question: dict[Any, Any]) -> str | None:
    """For a question with no `type`: the type its answer (or options) point at, as a hint.

    Without a type an answer is checked against nothing, so `answer: 79` or `answer: yes`
    would pass unremarked as any kind of value; the hint names what it should be.
    """
    answer = question.get("answer")
    kind = type(answer)
    if kind is bool:
        return "add `type: truefalse`: its answer is true or false"
    if kind is int or kind is float:
        return "add `type: number`: its answer is a number"
    if kind is list:
        return "add `type: order`: its answer is a list of items in order"
    if "options" in question:
        return "add `type: choice`: it has options"
    if isinstance(answer, str) and answer.lower() in _YES_NO:
        return f"write `type: truefalse` and the answer as true or false ({answer} is text)"
    return None


def cut_by_comment(comment: TrailingComment, root: Any) -> tuple[str, str] | None:
    """The message and hint for a text field YAML cut at ` #`; None when `comment` does
    not look like the rest of a sentence or does not follow a text field."""
    path = comment.where
    if not comment.looks_cut or not path:
        return None
    spec = spec_at(root, path)
    if not isinstance(spec, Text):
        return None
    key = path[-1]
    if type(key) is int:
        parent = spec_at(root, path[:-1])
        noun = parent.noun if isinstance(parent, TextList) else "item"
        label = f"{noun} {key + 1} of `{path[-2]}`"
    else:
        label = f"`{key}`"
    meant = f"{comment.text}{comment.gap}#{comment.comment}"
    message = (
        f"{label} ends at ' #': YAML reads {'#' + comment.comment!r} as a comment, "
        f"so the text is {comment.text!r}"
    )
    return message, quote_it(meant, key)


def spec_at(root: Any, path: YamlPath) -> Any:
    """The declared type of the value at `path` (`Text`, `Flag`...), or None if undeclared.

    A question's variant keys are looked up in the variant its `type` names.
    """
    spec: Any = PACK_FILE
    value = root
    for step in path:
        if isinstance(spec, Record):
            keys = list(spec.keys)
            chosen = value.get(spec.variant_key) if type(value) is dict else None
            variant = spec.variants.get(chosen) if type(chosen) is str else None
            if variant is not None:
                keys += variant.keys
            found = next((key for key in keys if key.name == step), None)
            if found is None:
                return None
            spec = found.type
            value = value.get(step) if type(value) is dict else None
        elif isinstance(spec, RecordList) and type(step) is int:
            spec = spec.record
            value = value[step] if type(value) is list and step < len(value) else None
        elif isinstance(spec, TextList) and type(step) is int:
            spec = spec.item
        else:
            return None
    return spec
