"""Safe YAML for packs: plain Python values, and the line and column of every node.

PyYAML's libyaml parser composes a node tree in which every node knows where it starts.
This module turns that tree into plain values (`str`, `int`, `float`, `bool`, `None`,
`list`, `dict`) with its own small walk and never through a PyYAML constructor, so no tag
can make it build an object or run code. It also refuses, as `Problem`s with a place,
what a constructor would quietly accept or choke on:

- bytes that are not UTF-8 (a UTF-8 byte-order mark is fine);
- malformed YAML;
- duplicate mapping keys (PyYAML keeps the last one without a word);
- any tag outside the YAML core types (`!!python/...`, `!custom`, `!!binary`, `!!set`...);
- alias bombs ("billion laughs") and aliases that contain themselves;
- nesting deeper than `MAX_DEPTH`, files bigger than `MAX_BYTES`, texts longer than
  `MAX_TEXT_CHARS` and numbers too long or too big (`trivia.packs.limits`).

Untagged scalars are resolved by the YAML 1.2 core schema, as editors read them (through
yaml-language-server): only `true`/`false` (and `True`, `TRUE`...) are booleans, `0117` is
117, `7.9e1` is 79.0, and `yes`, `1:30`, `1_000` and `2022-10-31` are text. PyYAML alone
would read YAML 1.1 (`010` is 8, `yes` is true). The text of any scalar as written, and
whether it was quoted, are kept (`Positions.text_at`, `Positions.quoted_at`).
Merge keys (`<<`) are refused with a clear message rather than half-supported.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trivia.packs.comments import TrailingComment, trailing_comments
from trivia.packs.limits import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    too_big_int,
    too_long_number,
)
from trivia.packs.problems import PackError, Problem, YamlPath
from trivia.packs.yamlproblems import (
    check_alias_expansion,
    check_utf8,
    mark_position,
    position_of_byte,
    position_of_char,
    reader_problem,
    syntax_problem,
    too_deep_problem,
)

_CORE: Final = "tag:yaml.org,2002:"
STR: Final = _CORE + "str"
INT: Final = _CORE + "int"
FLOAT: Final = _CORE + "float"
BOOL: Final = _CORE + "bool"
NULL: Final = _CORE + "null"
TIMESTAMP: Final = _CORE + "timestamp"
SEQ: Final = _CORE + "seq"
MAP: Final = _CORE + "map"
MERGE: Final = _CORE + "merge"


class _Invalid:
    """The type of `INVALID`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = _Invalid()
"""Stands in for a value that was refused (a bad tag, say) and already reported as a
problem, so later checks can skip it instead of reporting it a second time."""


class _Refused(Exception):
    """A scalar that cannot be turned into a value; becomes a Problem at the node."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# --- scalars ---------------------------------------------------------------------------

# The YAML 1.2 core schema (YAML 1.2.2, section 10.3.2), the reading yaml-language-server and
# so the author's editor use: no YAML 1.1 octal `010`, base-60 `1:30`, `1_000` or `yes`.
_CORE_INT: Final = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT: Final = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_CORE_BOOL: Final = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_NULL: Final = re.compile(r"null|Null|NULL|~|")
_BOOLS: Final = {"true": True, "false": False}


_BIG_NUMBER_HINT: Final = (
    f"write at most {MAX_NUMBER_DIGITS} digits; quote it if it is meant as text"
)


def _int(node: ScalarNode) -> int:
    text = node.value
    trouble = too_long_number(text)
    if trouble:
        raise _Refused(trouble, _BIG_NUMBER_HINT)
    if _CORE_INT.fullmatch(text) is None:  # only an explicit !!int gets here so
        raise _Refused(f"{text!r} is not a whole number")
    if text[:2] == "0x":
        value = int(text[2:], 16)
    elif text[:2] == "0o":
        value = int(text[2:], 8)
    else:
        value = int(text)  # `0117` is 117: leading zeros are decimal in YAML 1.2
    # Hex and octal forms reach any size in a few characters.
    trouble = too_big_int(value)
    if trouble:
        raise _Refused(trouble, _BIG_NUMBER_HINT)
    return value


def _float(node: ScalarNode) -> float:
    text = node.value
    trouble = too_long_number(text)
    if trouble:
        raise _Refused(trouble, _BIG_NUMBER_HINT)
    if _CORE_FLOAT.fullmatch(text) is None:  # only an explicit !!float gets here so
        raise _Refused(f"{text!r} is not a number")
    if "n" in text or "N" in text:  # .inf, .nan and their spellings
        return float(text.replace(".", "").lower())
    return float(text)


def _bool(node: ScalarNode) -> bool:
    value = _BOOLS.get(node.value.lower()) if _CORE_BOOL.fullmatch(node.value) else None
    if value is None:
        raise _Refused(f"{node.value!r} is not true or false")
    return value


def _text(node: ScalarNode) -> str:
    return node.value  # type: ignore[no-any-return]


def _null(node: ScalarNode) -> None:
    return None


_SCALARS: Final[dict[str, Callable[[ScalarNode], Any]]] = {
    STR: _text,
    INT: _int,
    FLOAT: _float,
    BOOL: _bool,
    NULL: _null,
    # Dates stay text: a pack writes them as YYYY, YYYY-MM or YYYY-MM-DD and shows them.
    TIMESTAMP: _text,
    # Plain `=` and `<<` outside a key are just text to an author.
    _CORE + "value": _text,
    MERGE: _text,
    _CORE + "yaml": _text,
}


def short_tag(tag: str) -> str:
    """A tag as an author writes it: `!!python/name:os.system`, not the full URI."""
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _refused_tag(node: Node) -> _Refused:
    return _Refused(
        f"the tag {short_tag(node.tag)} is not allowed in a pack",
        "packs hold only text, numbers, true/false, lists and mappings; remove the tag",
    )


def _scalar(node: ScalarNode) -> Any:
    """The value of a scalar node; raises _Refused for a bad tag or unreadable text."""
    convert = _SCALARS.get(node.tag)
    if convert is None:
        raise _refused_tag(node)
    return convert(node)


# --- the composer ----------------------------------------------------------------------

_MERGE_KEY: Final = re.compile(r"<<")
# The core schema's rules, indexed once by the first character they can match: most
# scalars in a pack start with a letter no rule claims, and are text at once. `<<` is not
# core YAML 1.2, but is recognised so that a merge key is refused by name, not as a key.
_NUMBER_RULES: Final = ((INT, _CORE_INT), (FLOAT, _CORE_FLOAT))
_IMPLICIT: Final[dict[str, tuple[tuple[str, re.Pattern[str]], ...]]] = {
    "": ((NULL, _CORE_NULL),),
    "~": ((NULL, _CORE_NULL),),
    "n": ((NULL, _CORE_NULL),),
    "N": ((NULL, _CORE_NULL),),
    "t": ((BOOL, _CORE_BOOL),),
    "T": ((BOOL, _CORE_BOOL),),
    "f": ((BOOL, _CORE_BOOL),),
    "F": ((BOOL, _CORE_BOOL),),
    ".": ((FLOAT, _CORE_FLOAT),),
    "<": ((MERGE, _MERGE_KEY),),
    **{first: _NUMBER_RULES for first in "+-0123456789"},
}


def _resolve(kind: type[Node], value: str | None, implicit: Any) -> str:
    """Resolve an untagged node's tag by the YAML 1.2 core schema.

    The composer calls this for every node, so it is the hot spot of composing: one dict
    lookup by the first character, and a regular expression only for the few scalars that
    can be a null, a boolean or a number.
    """
    if kind is ScalarNode:
        if implicit[0]:
            for tag, rule in _IMPLICIT.get(value[:1], ()):  # type: ignore[index]
                if rule.fullmatch(value):  # type: ignore[arg-type]
                    return tag
        return STR
    return SEQ if kind is SequenceNode else MAP


class PackDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, quoting a text that either YAML 1.1 or YAML 1.2 would read as
    something else.

    PyYAML quotes by YAML 1.1's rules only, so it writes the texts `1e5`, `7.9e1` and
    `0o17` plain, and a YAML 1.2 reader (this loader, the author's editor) reads numbers
    back. Tools that write packs use this dumper so what they write reads back as written.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)
        if tag == STR and kind is ScalarNode and implicit[0]:
            return _resolve(kind, value, implicit)  # not text to YAML 1.2: quoted
        return tag


def _no_path_resolvers(*_args: object) -> None:
    """Path resolvers are never used by the safe loaders; skip the call's bookkeeping."""


_CComposer: Any = None
"""libyaml's parser and composer with the fast resolver; None without libyaml."""
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python composer is used
    pass
else:

    class _CComposerClass(_CParser):
        """libyaml's parser and composer with the fast resolver above."""

        resolve = staticmethod(_resolve)
        descend_resolver = staticmethod(_no_path_resolvers)
        ascend_resolver = staticmethod(_no_path_resolvers)

    _CComposer = _CComposerClass


class _PyComposer(yaml.SafeLoader):
    """The pure-Python parser and composer (without libyaml), with the same resolver."""

    resolve = staticmethod(_resolve)  # type: ignore[assignment]


_composer_limits_depth: bool | None = None
"""Whether libyaml refuses deep nesting itself; probed once, on first use."""


def _libyaml_limits_depth() -> bool:
    """Whether the libyaml in use refuses nesting beyond ~1000 levels by itself.

    PyYAML's C composer recurses once per nesting level, so deep enough input (100,000
    `[`) would overflow the C stack and kill the process. The libyaml bundled with PyYAML
    6.0.2+ wheels (0.2.6) stops at 1000 levels; an older system libyaml does not. Probe it
    with 1,100 levels (a safe depth either way) rather than trusting a version number.
    """
    global _composer_limits_depth
    if _composer_limits_depth is None:
        assert _CComposer is not None
        probe = b"[" * 1100 + b"]" * 1100
        try:
            _CComposer(probe).get_single_node()
        except yaml.YAMLError:
            _composer_limits_depth = True
        else:
            _composer_limits_depth = False
    return _composer_limits_depth


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built.

    Composing creates hundreds of thousands of small container objects and no garbage
    cycles; with the collector running, its repeated passes over the growing heap take
    more than half of the load time of a big pack. Paused, it is resumed (if it was on)
    as soon as the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- positions -------------------------------------------------------------------------


def _key_matches(key_node: Node, key: object) -> bool:
    if key_node.__class__ is not ScalarNode:
        return False
    if key_node.tag == STR:
        return key_node.value == key  # type: ignore[no-any-return]
    try:
        value = _scalar(key_node)
    except _Refused:
        return False
    return type(value) is type(key) and value == key


_QUOTES: Final = ("'", '"')


class Positions:
    """The line and column of any value in a document, looked up by its YAML path.

    Lookups walk the composed node tree from the root (a few steps for a pack), so
    nothing is spent on positions until a problem or a tool asks for one.

    Example:
        `positions.at(("questions", 3, "answer"))` -> `(57, 13)`
    """

    __slots__ = ("_root",)

    def __init__(self, root: Node | None) -> None:
        self._root = root

    def _find(self, path: YamlPath) -> tuple[Node | None, Node | None, bool]:
        """The deepest node on `path`, the key node of the last mapping step, and whether
        the whole path was found."""
        node = self._root
        key_node: Node | None = None
        for step in path:
            if node is None:
                return None, None, False
            cls = node.__class__
            if cls is MappingNode:
                found = None
                for k, v in reversed(node.value):  # the last of duplicate keys wins, as in dicts
                    if _key_matches(k, step):
                        found = (k, v)
                        break
                if found is None:
                    return node, key_node, False
                key_node, node = found
            elif cls is SequenceNode and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                return node, key_node, False
        return node, key_node, True

    def at(self, path: YamlPath) -> tuple[int, int]:
        """Where the value at `path` starts (1-based line and column).

        A path that goes further than the document (a missing key) gives the place of the
        deepest value that exists, such as the mapping the key is missing from.
        """
        node, _, _ = self._find(path)
        return mark_position(node.start_mark) if node is not None else (1, 1)

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        """Where the key of the last step of `path` is written (falls back to `at`)."""
        node, key_node, found = self._find(path)
        if found and key_node is not None:  # only a mapping step leaves a key node
            return mark_position(key_node.start_mark)
        return mark_position(node.start_mark) if node is not None else (1, 1)

    def key_text_at(self, path: YamlPath) -> str | None:
        """The last key of `path` exactly as written (`on`, not True), or None."""
        _, key_node, found = self._find(path)
        if found and key_node is not None and key_node.__class__ is ScalarNode:
            return key_node.value  # type: ignore[no-any-return]
        return None

    def quoted_at(self, path: YamlPath) -> bool:
        """Whether the scalar at `path` is written in quotes (`"12"`, `'yes'`)."""
        node, _, found = self._find(path)
        return found and node is not None and node.__class__ is ScalarNode and node.style in _QUOTES

    def text_at(self, path: YamlPath) -> str | None:
        """The text of the scalar at `path` exactly as written (`1.10`, `yes`), or None."""
        node, _, found = self._find(path)
        if found and node is not None and node.__class__ is ScalarNode:
            return node.value  # type: ignore[no-any-return]
        return None


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A YAML document as plain values, with a way to find where each one is written.

    Attributes:
        value: The document's root value (None for an empty document). Values refused
            along the way (a bad tag, an unreadable number) are `INVALID`.
        positions: Line and column lookups by YAML path.
        problems: Problems that did not stop the load: duplicate keys, refused tags,
            merge keys. Empty for a clean document.
        comments: Comments written on the same line after an unquoted text, where YAML
            may have cut a sentence at ` #` (the validator decides).
    """

    value: Any
    positions: Positions
    problems: tuple[Problem, ...] = ()
    comments: tuple[TrailingComment, ...] = ()


# --- loading ---------------------------------------------------------------------------


def _check_depth_by_events(parser: Any, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH by reading events, which is not recursive.

    Only needed when the composer would otherwise recurse without a limit (an old
    libyaml, or the pure-Python composer).
    """
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    while parser.check_event():
        event = parser.get_event()
        if isinstance(event, starts):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = mark_position(event.start_mark)
                raise PackError([too_deep_problem(name, line, col)])
        elif isinstance(event, ends):
            depth -= 1


def _compose(data: bytes, name: str) -> Node | None:
    """Compose the one document in `data` into a node tree (None when it is empty)."""
    if _CComposer is not None:
        try:
            if not _libyaml_limits_depth():
                _check_depth_by_events(_CComposer(data), name)
            return _CComposer(data).get_single_node()  # type: ignore[no-any-return]
        except yaml.reader.ReaderError as error:
            line, col = position_of_byte(data, error.position)
            raise PackError([reader_problem(error, name, line, col)]) from None
    # No libyaml: the pure-Python composer, which recurses too.
    text = data.decode("utf-8")
    try:
        _check_depth_by_events(_PyComposer(text), name)
        return _PyComposer(text).get_single_node()
    except yaml.reader.ReaderError as error:
        line, col = position_of_char(text, error.position)
        raise PackError([reader_problem(error, name, line, col)]) from None


def _too_long_text(text: str) -> tuple[str, str]:
    """The message and hint refusing a text longer than `MAX_TEXT_CHARS`."""
    return (
        f"this text is {len(text):,} characters long; at most {MAX_TEXT_CHARS:,} are accepted",
        "shorten it, or split it into several questions or facts",
    )


class _SharedNode(Exception):
    """A list or mapping was reached twice: the document uses aliases."""


def _build(root: Node, name: str, problems: list[Problem], *, trust_aliases: bool) -> Any:
    """Turn a node tree into plain values, reporting refused nodes into `problems`.

    Unless `trust_aliases` (the alias expansion was checked), reaching a list or mapping
    a second time raises `_SharedNode` at once, before any alias is expanded: a document
    without aliases, the usual case, is built in one pass without measuring anything.
    """
    seen: set[int] | None = None if trust_aliases else set()

    def refuse(node: Node, message: str, hint: str | None) -> None:
        line, col = mark_position(node.start_mark)
        problems.append(Problem(name, line, col, message, hint))

    def key_of(node: Node) -> Any:
        if node.__class__ is not ScalarNode:
            refuse(node, "a key must be a single value, not a list or mapping", None)
            return INVALID
        if len(node.value) > MAX_TEXT_CHARS:
            refuse(node, *_too_long_text(node.value))
            return INVALID
        if node.tag == MERGE:
            refuse(node, "merge keys (<<) are not supported in packs", "write the keys out")
            return INVALID
        try:
            return _scalar(node)
        except _Refused as error:
            refuse(node, error.message, error.hint)
            return INVALID

    def duplicates(pairs: list[tuple[Node, Node]], in_list: bool) -> None:
        first: dict[Any, Node] = {}
        opening: Any = INVALID  # the entry's first key, once read
        for key_node, _ in pairs:
            try:
                key = _scalar(key_node)  # type: ignore[arg-type]
                hash(key)
            except (_Refused, TypeError):
                continue
            if opening is INVALID:
                opening = key
            elif in_list and key == opening and key in first:
                # The entry's first key again (`id:` of the next question, say): its `- `
                # was forgotten. Said once, not once for every key of the next entry.
                line, _ = mark_position(first[key].start_mark)
                refuse(
                    key_node,
                    f"`{key_node.value}` again (first at line {line}): a new entry seems to "
                    "start here without its `- `",
                    f"start each entry of a list with `- `, as the one at line {line}",
                )
                first = {key: key_node}
                continue
            if key in first:
                line, col = mark_position(first[key].start_mark)
                refuse(
                    key_node,
                    f"duplicate key {key_node.value!r} (first at line {line}, column {col})",
                    "a mapping holds each key once; the later value would silently win",
                )
            else:
                first[key] = key_node

    def build(node: Node, depth: int, in_list: bool = False) -> Any:
        cls = node.__class__
        if cls is ScalarNode:
            tag = node.tag
            if tag == STR:
                if len(node.value) > MAX_TEXT_CHARS:
                    refuse(node, *_too_long_text(node.value))
                    return INVALID
                return node.value
            try:
                return _scalar(node)  # type: ignore[arg-type]
            except _Refused as error:
                refuse(node, error.message, error.hint)
                return INVALID
        if depth >= MAX_DEPTH:
            line, col = mark_position(node.start_mark)
            raise PackError([too_deep_problem(name, line, col)])
        if seen is not None:
            node_id = id(node)
            if node_id in seen:
                raise _SharedNode
            seen.add(node_id)
        if cls is SequenceNode:
            if node.tag != SEQ:
                refused = _refused_tag(node)
                refuse(node, refused.message, refused.hint)
                return INVALID
            return [build(child, depth + 1, True) for child in node.value]
        if node.tag != MAP:
            refused = _refused_tag(node)
            refuse(node, refused.message, refused.hint)
            return INVALID
        mapping: dict[Any, Any] = {}
        pairs = node.value
        skipped = 0
        for key_node, value_node in pairs:
            if (
                key_node.__class__ is ScalarNode
                and key_node.tag == STR
                and len(key_node.value) <= MAX_TEXT_CHARS
            ):
                key = key_node.value
            else:
                key = key_of(key_node)
                if key is INVALID:
                    skipped += 1
                    continue
            mapping[key] = build(value_node, depth + 1)
        if len(mapping) + skipped != len(pairs):
            duplicates(pairs, in_list)
        return mapping

    return build(root, 0)


def load_yaml(data: bytes | str, name: str) -> YamlDocument:
    """Load one YAML document safely into plain values, keeping every node's position.

    Args:
        data: The file's bytes (or text, which is encoded as UTF-8 first).
        name: What to call the file in problems (usually its path).

    Returns:
        The document. Problems that still let every other value be read (duplicate
        keys, refused tags) are in its `problems`.

    Raises:
        PackError: When the document cannot be read at all: too big, not UTF-8,
            malformed, too deeply nested, or an alias bomb. Nothing else escapes.
    """
    if isinstance(data, str):
        # Lone surrogates survive as bytes that the UTF-8 check below reports with a place.
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_BYTES:
        raise PackError(
            [
                Problem(
                    name,
                    0,
                    0,
                    f"the file is larger than {MAX_BYTES:,} bytes, the limit for a pack",
                    "split it into several packs",
                )
            ]
        )
    check_utf8(data, name)
    problems: list[Problem] = []
    with gc_paused():
        try:
            root = _compose(data, name)
        except yaml.MarkedYAMLError as error:
            raise PackError([syntax_problem(error, name, data)]) from None
        except yaml.YAMLError as error:  # pragma: no cover - any other PyYAML complaint
            raise PackError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
        except RecursionError:  # pragma: no cover - guarded by the depth checks above
            raise PackError([too_deep_problem(name, 1, 1)]) from None
        if root is None:
            return YamlDocument(None, Positions(None))
        try:
            value = _build(root, name, problems, trust_aliases=False)
        except _SharedNode:
            # Aliases: measure what they expand to (refusing bombs and cycles), then build.
            check_alias_expansion(root, name)
            problems.clear()
            value = _build(root, name, problems, trust_aliases=True)
        comments = trailing_comments(root, data)
    # With aliases the same refused node can be reported once per use: keep one of each.
    return YamlDocument(value, Positions(root), tuple(dict.fromkeys(problems)), comments)
