"""The fast path for big packs: plain values straight from libyaml's parse events.

`trivia.packs.yamlsafe` composes the whole node tree first (every scalar a node with two
marks), then builds plain values from it; at 200,000 questions the tree alone is about
2 GB. Here the values are built from the parser's events as they come, with the same tag
resolution and scalar readings as `yamlsafe` (its own functions are called), and no node
is kept. Where each value is written is kept only when asked (`keep_positions`), as a
small tree of (line, column) beside the values, answering the same lookups as
`yamlsafe.Positions`.

Anything out of the ordinary for a pack hands the file back to the full loader, which
reports it exactly as it always has: an alias or anchor, an explicit tag, a duplicate key,
a key that is not text, a text over the length limit, nesting over the depth limit, a
second document, a syntax error, a byte that is not UTF-8. So does any validation problem:
the pack is then checked again with the node tree, so every message and place is the full
loader's own.

Only files of `FAST_FROM_BYTES` or more take this path. The file is read by libyaml in
chunks (never whole), which is also how a progress bar learns how far the reading has got.
`load_pack_file`, `check_pack_file` and `load_with_positions` are `trivia.packs.load_pack`,
`check_file` and `load_pack_with_positions` with this fast path first; the bank index,
`trivia validate` and `trivia lint` use them.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from pathlib import Path
from sys import intern
from typing import Any, BinaryIO, Final

import yaml
from yaml.nodes import ScalarNode

from trivia.packs import loader, yamlsafe
from trivia.packs.limits import MAX_BYTES, MAX_DEPTH, MAX_TEXT_CHARS
from trivia.packs.loader import StrPath
from trivia.packs.model import Pack
from trivia.packs.problems import Problem, YamlPath

ReadProgress = Callable[[int, int], object]
"""Told `(bytes read, bytes in all)` while a big file is read, for a progress bar."""

FAST_FROM_BYTES: Final = 1_000_000
"""Files smaller than this always go to the full loader: they take no time there, and every
check the full loader has (now or later) applies to hand-written packs without a second
implementation here."""

_PROGRESS_EVERY: Final = 20_000
"""Events between progress reports (about a thousand questions)."""

_STR: Final = yamlsafe.STR
_INTERNED: Final = 24
"""Texts up to this long are interned (ids are longer, and unique)."""


class _Unusual(Exception):
    """Something the fast path leaves to the full loader."""


class _Positions(yamlsafe.Positions):
    """`yamlsafe.Positions` over a tree of places instead of nodes.

    Each place is `(line, col)` for text, `(line, col, text as written)` for another
    scalar, `(line, col, [places])` for a list and `(line, col, {key: (key line, key col,
    place)})` for a mapping.
    """

    __slots__ = ("_places", "_text_of")

    def __init__(self, places: Any) -> None:
        super().__init__(None)
        self._places = places
        self._text_of: Callable[[YamlPath], str | None] = lambda _: None

    def _walk(self, path: YamlPath) -> tuple[Any, tuple[int, int] | None, bool]:
        place = self._places
        key_place: tuple[int, int] | None = None
        for step in path:
            if place is None:
                return None, None, False
            inner = place[2] if len(place) == 3 else None
            if type(inner) is dict:
                found = inner.get(step) if type(step) is str else None
                if found is None:
                    return place, key_place, False
                key_place, place = (found[0], found[1]), found[2]
            elif type(inner) is list and type(step) is int and 0 <= step < len(inner):
                key_place, place = None, inner[step]
            else:
                return place, key_place, False
        return place, key_place, True

    def at(self, path: YamlPath) -> tuple[int, int]:
        place, _, _ = self._walk(path)
        return (place[0], place[1]) if place is not None else (1, 1)

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        place, key_place, found = self._walk(path)
        if found and key_place is not None:
            return key_place
        return (place[0], place[1]) if place is not None else (1, 1)

    def key_text_at(self, path: YamlPath) -> str | None:
        _, key_place, found = self._walk(path)
        # Keys are always text on the fast path: the last step is the key as written.
        return path[-1] if found and key_place is not None and type(path[-1]) is str else None

    def text_at(self, path: YamlPath) -> str | None:
        place, _, found = self._walk(path)
        if not found or place is None:
            return None
        if len(place) == 2:
            return self._text_of(path)
        return place[2] if type(place[2]) is str else None


class _Texts(yamlsafe.Positions):
    """No places at all, only the text as written of scalars that are not text.

    Enough to validate a pack that has no problem (the validator reads `1.10` as written
    through `text_at`); a problem sends the file to the full loader for its place.
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: dict[YamlPath, str]) -> None:
        super().__init__(None)
        self._texts = texts

    def at(self, path: YamlPath) -> tuple[int, int]:
        return (0, 0)

    def key_at(self, path: YamlPath) -> tuple[int, int]:
        return (0, 0)

    def key_text_at(self, path: YamlPath) -> str | None:
        return path[-1] if path and type(path[-1]) is str else None

    def text_at(self, path: YamlPath) -> str | None:
        return self._texts.get(tuple(path))


def _scalar(event: Any, tag: str) -> Any:
    """The value of a scalar event other than text, as `yamlsafe` reads it."""
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return yamlsafe._scalar(node)
    except yamlsafe._Refused:
        raise _Unusual from None


def build_values(
    data: bytes | _CheckedReader,
    *,
    keep_positions: bool,
    report: Callable[[], object] | None = None,
) -> tuple[Any, yamlsafe.Positions]:
    """The document's plain values from parse events, and where they are written.

    Raises:
        _Unusual: For anything the full loader should handle (see the module docstring).
    """
    parser_class = yamlsafe._CComposer
    if parser_class is None:
        raise _Unusual
    resolve = yamlsafe._resolve
    parser = parser_class(data)
    get_event = parser.get_event
    # Lines where a comment may follow an unquoted text: such a text goes to the full
    # loader, which says when YAML cut it at the `#` (`trivia.packs.comments`). The
    # reader has read past a text's line by the time its event comes.
    if isinstance(data, _CheckedReader):
        hash_lines = data.hash_lines
    else:
        from trivia.packs.comments import candidate_lines

        hash_lines = set(candidate_lines(data))
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    seq_start, map_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    seq_end, map_end = yaml.SequenceEndEvent, yaml.MappingEndEvent
    doc_start = yaml.DocumentStartEvent
    # One frame per open list or mapping: [value, places, its place, key, key place]; a
    # mapping's key slot is None while its next key is awaited. `top` is the innermost
    # frame (None outside any), `in_map` whether it is a mapping.
    frames: list[list[Any]] = []
    top: list[Any] | None = None
    in_map = False
    texts: dict[YamlPath, str] = {}
    root: Any = None
    root_place: Any = None
    documents = 0
    count = 0

    def path_here() -> YamlPath:
        return tuple(len(f[0]) if type(f[0]) is list else f[3] for f in frames)

    while True:
        try:
            event = get_event()
        except yaml.YAMLError:
            raise _Unusual from None
        cls = event.__class__
        count += 1
        if report is not None and count % _PROGRESS_EVERY == 0:
            report()
        if cls is scalar_event:
            if event.anchor is not None:
                raise _Unusual
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            elif tag != _STR:
                raise _Unusual
            text = event.value
            if len(text) > MAX_TEXT_CHARS:
                raise _Unusual
            if in_map and top[3] is None:  # type: ignore[index]
                if tag != _STR or text in top[0]:  # type: ignore[index]
                    raise _Unusual  # a key that is not text, or a duplicate key
                # Interned: 200,000 questions repeat the same eight keys.
                top[3] = intern(text)  # type: ignore[index]
                if keep_positions:
                    mark = event.start_mark
                    top[4] = (mark.line + 1, mark.column + 1)  # type: ignore[index]
                continue
            place: Any = None
            if hash_lines and not event.style and event.end_mark.line in hash_lines:
                raise _Unusual
            if tag == _STR:
                # Short texts (types, difficulties, tags) repeat: one copy of each.
                value: Any = intern(text) if len(text) <= _INTERNED else text
                if keep_positions:
                    mark = event.start_mark
                    place = (mark.line + 1, mark.column + 1)
            else:
                value = _scalar(event, tag)
                if keep_positions:
                    mark = event.start_mark
                    place = (mark.line + 1, mark.column + 1, text)
                else:
                    texts[path_here()] = text
        elif cls is seq_start or cls is map_start:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _Unusual
            if len(frames) >= MAX_DEPTH:
                raise _Unusual
            in_map = cls is map_start
            if keep_positions:
                mark = event.start_mark
                top = [
                    {} if in_map else [],
                    {} if in_map else [],
                    (mark.line + 1, mark.column + 1),
                    None,
                    None,
                ]
            else:
                top = [{} if in_map else [], None, None, None, None]
            frames.append(top)
            continue
        elif cls is seq_end or cls is map_end:
            done = frames.pop()
            value = done[0]
            place = (done[2][0], done[2][1], done[1]) if keep_positions else None
            top = frames[-1] if frames else None
            in_map = top is not None and type(top[0]) is dict
        elif cls is alias_event:
            raise _Unusual
        elif cls is doc_start:
            documents += 1
            if documents > 1:
                raise _Unusual
            continue
        elif cls is yaml.StreamEndEvent:
            break
        else:  # stream start, document end
            continue
        # A value is complete: put it where it belongs.
        if top is None:
            root, root_place = value, place
        elif in_map:
            key = top[3]
            top[0][key] = value
            if keep_positions:
                key_place = top[4]
                top[1][key] = (key_place[0], key_place[1], place)
            top[3] = None
        else:
            top[0].append(value)
            if keep_positions:
                top[1].append(place)
    if report is not None:
        report()
    if keep_positions:
        return root, _Positions(root_place)
    return root, _Texts(texts)


class _CheckedReader:
    """A binary file read by libyaml in chunks, checked as UTF-8 on the way (the full
    loader's `check_utf8` finds the place of a bad byte when there is one)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.done = 0
        self.name = getattr(stream, "name", "<file>")
        self.hash_lines: set[int] = set()
        """The 0-based lines read so far with a space or tab before a `#` (see
        `trivia.packs.comments`): where a comment may follow an unquoted text."""
        self._lines = 0
        self._last = b"\n"

    def read(self, size: int) -> bytes:
        chunk = self._stream.read(size)
        self._decoder.decode(chunk, final=not chunk)  # raises on a bad byte
        self.done += len(chunk)
        start = chunk.find(b"#")
        counted_to = 0
        while start >= 0:
            before = chunk[start - 1 : start] if start else self._last
            if before in (b" ", b"\t"):
                self._lines += chunk.count(b"\n", counted_to, start)
                counted_to = start
                self.hash_lines.add(self._lines)
            start = chunk.find(b"#", start + 1)
        self._lines += chunk.count(b"\n", counted_to)
        self._last = chunk[-1:] or self._last
        return chunk


def _fast(
    path: StrPath, keep_positions: bool, progress: ReadProgress | None
) -> tuple[Pack, yamlsafe.Positions] | None:
    """The pack read on the fast path, or None when the full loader must read it."""
    from trivia.packs.validate import validate_document

    name = os.fspath(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES or size < FAST_FROM_BYTES or Path(path).is_dir():
            return None
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the last event
    except (OSError, ValueError):
        return None
    with stream, yamlsafe.gc_paused():
        reader = _CheckedReader(stream)
        report = None
        if progress is not None:
            report = lambda: progress(reader.done, size)  # noqa: E731
        try:
            value, positions = build_values(reader, keep_positions=keep_positions, report=report)
        except Exception:  # _Unusual, or a bad byte: the full loader says where
            return None
        if isinstance(positions, _Positions):
            # Text scalars keep no text of their own: it is the value itself.
            positions._text_of = _text_lookup(value)
        document = yamlsafe.YamlDocument(value, positions)
        del value
        pack, problems = validate_document(document, name, Path(path))
    if problems or pack is None:
        return None
    return pack, positions


def load_pack_file(path: StrPath, progress: ReadProgress | None = None) -> Pack:
    """`trivia.packs.load_pack`, without the node tree for a clean pack.

    Raises:
        PackError: With every problem found (by the full loader, with their places).
    """
    fast = _fast(path, False, progress)
    if fast is not None:
        return fast[0]
    return loader.load_pack(path)


def check_pack_file(path: StrPath) -> list[Problem]:
    """`trivia.packs.check_file`, without the node tree for a clean pack."""
    if _fast(path, False, None) is not None:
        return []
    return loader.check_file(path)


def load_with_positions(path: StrPath, progress: ReadProgress | None = None) -> loader.LoadedPack:
    """`trivia.packs.load_pack_with_positions`, keeping places in a small tree, not nodes.

    Raises:
        PackError: With every problem found (by the full loader, with their places).
    """
    fast = _fast(path, True, progress)
    if fast is not None:
        return loader._with_positions(*fast)
    return loader.load_pack_with_positions(path)


def _text_lookup(root: Any) -> Callable[[YamlPath], str | None]:
    def text_of(path: YamlPath) -> str | None:
        value = root
        for step in path:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                return None
        return value if type(value) is str else None

    return text_of
