"""Red-DiscordBot trivia lists into a pack.

A Red trivia list is a YAML mapping: each key is a question, each value the list of
answers the bot accepts; the optional `AUTHOR` key names who wrote the list and `CONFIG`
holds the bot's game settings:

    AUTHOR: Fjall
    CONFIG:
      delay: 40
    Who played Peggy Olson?:
    - Elisabeth Moss
    - Moss

The list has no options, so every question becomes a `text` question: the first answer
is the answer, the rest are accepted too. The author is the pack's author and its
source's publisher. `CONFIG` is Red's own (how long the bot waits, points to win) and is
not carried over; the summary says so once.

Red reads the file as YAML 1.1, where `No`, `Yes`, `On`, `Off` are booleans and `1969`
a number. The author typed text, so it is read back as exactly the text typed: the file
is read as a stream of events (libyaml's parser with PyYAML's base resolver, which types
nothing), and no scalar is ever turned into a bool or a number and back. The same
question asked twice is reported with both lines, and the first one is kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final, Unpack

import yaml

from trivia.packs.ids import slugify
from trivia.packs.importers import Draft, ImportFailed, ImportProblem, ImportResult
from trivia.packs.importers.run import ImportRun, ImportSettings, read_text
from trivia.packs.yamlproblems import (
    mark_position,
    position_of_byte,
    position_of_char,
    reader_problem,
    syntax_problem,
)
from trivia.packs.yamlsafe import short_tag

KIND: Final = "Red-DiscordBot trivia list"
AUTHOR: Final = "AUTHOR"
CONFIG: Final = "CONFIG"

# The base loader types no scalar (everything is text); libyaml's when available.
_LOADER: Final[Any] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# An explicit core tag (`!!str`, `!!int 5`) still leaves the text as typed; any other tag
# (`!!python/...`, `!custom`) is refused, as in packs.
_CORE_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class _Bad(Exception):
    """A key or value that cannot be read; `line` is where it is."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _line(event: Any) -> int:
    return mark_position(event.start_mark)[0]


def _scalar_text(event: Any) -> str:
    """The text of a scalar event exactly as written; refuses tags outside YAML's core."""
    tag = event.tag
    if tag is not None and tag != "!" and tag not in _CORE_TAGS:
        raise _Bad(
            f"the tag {short_tag(tag)} is not allowed: a trivia list holds text", _line(event)
        )
    return str(event.value)


class _Events:
    """The events of one YAML document, walked one at a time (no recursion at all)."""

    def __init__(self, text: str) -> None:
        self._events: Iterator[Any] = iter(yaml.parse(text, Loader=_LOADER))

    def next(self) -> Any:
        return next(self._events)

    def skip(self, start: Any) -> None:
        """Skip the rest of the list or mapping that `start` opened."""
        depth = 1
        while depth:
            event = self.next()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1


def _value(events: _Events, start: Any) -> list[tuple[str, int]] | str | dict[str, str]:
    """A value: a scalar's text, a list of texts (each with its line), or a flat mapping.

    Raises:
        _Bad: A list inside the list, an alias, a tag outside YAML's core.
    """
    if isinstance(start, yaml.ScalarEvent):
        return _scalar_text(start)
    if isinstance(start, yaml.AliasEvent):
        raise _Bad("aliases (*name) are not supported in a trivia list", _line(start))
    if isinstance(start, yaml.SequenceStartEvent):
        items: list[tuple[str, int]] = []
        trouble: _Bad | None = None
        while True:
            event = events.next()
            if isinstance(event, yaml.SequenceEndEvent):
                if trouble is not None:
                    raise trouble
                return items
            if isinstance(event, yaml.ScalarEvent):
                try:
                    items.append((_scalar_text(event), _line(event)))
                except _Bad as bad:
                    trouble = trouble or bad
                continue
            if isinstance(event, yaml.CollectionStartEvent):
                events.skip(event)
            trouble = trouble or _Bad("an answer must be text, not a list or mapping", _line(event))
    mapping: dict[str, str] = {}
    while True:
        key = events.next()
        if isinstance(key, yaml.MappingEndEvent):
            return mapping
        if isinstance(key, yaml.CollectionStartEvent):
            events.skip(key)
        value = events.next()
        if isinstance(value, yaml.CollectionStartEvent):
            events.skip(value)
        if isinstance(key, yaml.ScalarEvent) and isinstance(value, yaml.ScalarEvent):
            mapping[str(key.value)] = str(value.value)


def _entries(text: str, source: str) -> Iterator[tuple[str, int, Any] | _Bad]:
    """Each top-level key with its line and value, or a `_Bad` for one that cannot be read.

    Raises:
        ImportFailed: Malformed YAML, or a document that is not a mapping.
    """
    events = _Events(text)
    try:
        event = events.next()
        while not isinstance(event, (yaml.CollectionStartEvent, yaml.ScalarEvent)):
            if isinstance(event, yaml.StreamEndEvent):
                return
            event = events.next()
        if not isinstance(event, yaml.MappingStartEvent):
            raise ImportFailed(
                [
                    ImportProblem(
                        source,
                        "not a Red trivia list: the file is not a mapping of questions",
                        _line(event),
                        hint="each line reads `Question?:` followed by `- answer` lines",
                    )
                ]
            )
        while True:
            key = events.next()
            if isinstance(key, yaml.MappingEndEvent):
                break
            if isinstance(key, yaml.CollectionStartEvent):
                events.skip(key)
            try:
                value = _value(events, events.next())  # consumes the whole value
                if not isinstance(key, yaml.ScalarEvent):
                    raise _Bad("a question must be text, not a list or mapping", _line(key))
                entry: tuple[str, int, Any] | _Bad = (_scalar_text(key), _line(key), value)
            except _Bad as bad:
                entry = bad
            yield entry
        event = events.next()
        if isinstance(event, yaml.DocumentEndEvent):
            event = events.next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise ImportFailed(
                [ImportProblem(source, "the file holds more than one YAML document", _line(event))]
            )
    except yaml.MarkedYAMLError as error:
        problem = syntax_problem(error, source, text.encode("utf-8", "surrogatepass"))
    except yaml.reader.ReaderError as error:
        # libyaml counts in UTF-8 bytes, PyYAML's own reader in characters.
        if _LOADER is yaml.BaseLoader:
            place = position_of_char(text, error.position)
        else:
            place = position_of_byte(text.encode("utf-8", "surrogatepass"), error.position)
        problem = reader_problem(error, source, *place)
    except yaml.YAMLError as error:  # pragma: no cover - any other PyYAML complaint
        raise ImportFailed([ImportProblem(source, f"YAML error: {error}")]) from None
    else:
        return
    hint = f"column {problem.col}" + (f"; {problem.hint}" if problem.hint else "")
    raise ImportFailed([ImportProblem(source, problem.message, problem.line, hint=hint)])


def _answers(items: list[tuple[str, int]]) -> list[str]:
    """The answers as typed, blanks dropped, each once."""
    return list(dict.fromkeys(text.strip() for text, _ in items if text.strip()))


def import_red(
    data: bytes,
    source: str,
    **settings: Unpack[ImportSettings],
) -> ImportResult:
    """Build a pack from a Red-DiscordBot trivia list.

    Args:
        data: The file's bytes (UTF-8, a byte-order mark allowed).
        source: What to call the file in problems and in the pack's `sources`.
        settings: The pack's id and title, and the rest of `ImportSettings`.

    Raises:
        ImportFailed: Malformed YAML, or (unless `skip_bad`) a question that cannot be
            imported, each with its line.
    """
    text = "\n".join(read_text(data, source))
    entries = list(_entries(text, source))
    author = None
    for entry in entries:
        if not isinstance(entry, _Bad) and entry[0] == AUTHOR and isinstance(entry[2], str):
            author = entry[2].strip() or None
    run = ImportRun(source, kind=KIND, source_id="red-trivia", author=author, **settings)
    tags = [slugify(Path(source).stem, default="trivia")]
    first_line: dict[str, tuple[int, list[str]]] = {}
    for number, entry in enumerate(entries, start=1):
        run.tick(number, len(entries))
        if isinstance(entry, _Bad):
            run.problem(entry.message, line=entry.line)
            continue
        key, line, value = entry
        if key == AUTHOR:
            continue
        if key == CONFIG:
            config = (
                ", ".join(f"{k}: {v}" for k, v in value.items()) if isinstance(value, dict) else ""
            )
            run.note(
                f"CONFIG (line {line}{': ' + config if config else ''}) is Red's own game "
                "settings and is not carried over; rounds use Fan Trivia's rules and timer"
            )
            continue
        prompt = key.strip()
        if isinstance(value, str) and value.strip():
            run.problem(
                f"the answer to {prompt!r} is not in a list: write it on a `- ` line under "
                "the question",
                line=line,
            )
            continue
        answers = _answers(value) if isinstance(value, list) else []
        if not answers:
            run.problem(f"the question {prompt!r} has no answers", line=line)
            continue
        earlier = first_line.get(prompt)
        if earlier is not None:
            same = "the same answers" if earlier[1] == answers else "other answers"
            run.leave_out(
                f"the question {prompt!r} is asked again, with {same}; "
                f"the one on line {earlier[0]} is kept",
                line=line,
            )
            continue
        draft = Draft(
            type="text",
            prompt=prompt,
            answer=answers[0],
            accept=answers[1:],
            difficulty="medium",
            tags=tags,
            line=line,
        )
        if run.add(draft):
            first_line[prompt] = (line, answers)
    return run.finish("each question is a key ending in `:` with `- answer` lines under it")


__all__ = ["import_red"]
