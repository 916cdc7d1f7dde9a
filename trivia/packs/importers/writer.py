"""Writing a big imported pack as it is built: batches of entries, never the whole tree.

`dump_pack` serializes a whole document at once: at 200,000 questions its node tree and
text take about 2 GB. A `PackSpool` takes the facts and questions a batch at a time from
a `PackBuilder`, checks each batch with the validator (the safety net `check_document` is
for a document in memory), writes it as YAML into two temporary files beside the output,
and at the end puts the header, the facts and the questions together into the output in
one rename. The text is the same as `dump_pack` writes for the same document.

It also refuses, before anything is written, a pack bigger than the loader accepts
(`trivia.packs.limits.MAX_BYTES`): such a pack could be written but never opened.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any, Final

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.resolver import Resolver

from trivia.packs import limits


class PackTooBig(Exception):
    """The pack being written is over the loader's size limit.

    Attributes:
        size: Bytes written so far (at least).
        questions: Questions in it so far.
    """

    def __init__(self, size: int, questions: int) -> None:
        self.size = size
        self.questions = questions
        super().__init__(f"{size} bytes")


ENTRY: Final = re.compile(r"(?<!:)\n- ")
"""Where an entry of a top-level list starts ("- " at column 0), but for the first under
its key: a blank line goes before each, as in a hand-written pack."""

_TAG: Final = "tag:yaml.org,2002:"
_STR: Final = _TAG + "str"
_SHORT_LIST: Final = 70
"""Lists of scalars shorter than this (all items together) are written inline: [a, b]."""

_READ_AS_OTHER_11: Final = {
    first: tuple(rule for _, rule in rules)
    for first, rules in Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
_ANY_FIRST_11: Final = tuple(rule for _, rule in Resolver.yaml_implicit_resolvers.get(None, []))
_READ_AS_OTHER_12: Final = re.compile(
    r"(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))"
)
"""What YAML 1.2's core schema reads as other than text (editors read YAML 1.2)."""


def _plain_is_text(text: str) -> bool:
    """Whether `text` written without quotes reads back as that text, under YAML 1.1
    (PyYAML's rules: `yes`, `0117`, `1:19`) and YAML 1.2 (`7.9e1`) alike."""
    if not text:
        return False
    for rule in _READ_AS_OTHER_11.get(text[0], _ANY_FIRST_11):
        if rule.match(text):
            return False
    return _READ_AS_OTHER_12.fullmatch(text) is None


def _events(value: Any, out: list[Any]) -> None:
    """The YAML events of a plain value, appended to `out` (what PyYAML's serializer
    makes from a node tree, without the tree and without its slow resolver)."""
    kind = type(value)
    if kind is str:
        out.append(ScalarEvent(None, _STR, (_plain_is_text(value), True), value))
    elif kind is dict:
        out.append(MappingStartEvent(None, _TAG + "map", True, flow_style=False))
        for key, item in value.items():
            out.append(ScalarEvent(None, _STR, (_plain_is_text(key), True), key))
            _events(item, out)
        out.append(MappingEndEvent())
    elif kind is list:
        inline = (
            all(type(item) is str or type(item) is int for item in value)
            and sum(len(str(item)) + 2 for item in value) < _SHORT_LIST
            and not any(type(item) is str and "\n" in item for item in value)
        )
        out.append(SequenceStartEvent(None, _TAG + "seq", True, flow_style=inline))
        for item in value:
            _events(item, out)
        out.append(SequenceEndEvent())
    elif kind is bool:
        out.append(ScalarEvent(None, _TAG + "bool", (True, False), "true" if value else "false"))
    elif kind is int:
        out.append(ScalarEvent(None, _TAG + "int", (True, False), str(value)))
    elif kind is float:
        text = repr(value)
        if "." not in text and "e" in text:  # 1e+16 is not a YAML 1.1 float; 1.0e+16 is
            text = text.replace("e", ".0e", 1)
        out.append(ScalarEvent(None, _TAG + "float", (True, False), text))
    else:  # pragma: no cover - importers build nothing else
        raise TypeError(f"cannot write {kind.__name__} in a pack")


def emit_yaml(value: Any) -> str:
    """A plain value as YAML text: block mappings, short lists of scalars inline, Unicode
    as is, lines folded at 100; quoting and escaping are libyaml's emitter's (PyYAML's
    own emitter without libyaml)."""
    events: list[Any] = [StreamStartEvent(), DocumentStartEvent(explicit=False)]
    _events(value, events)
    events += [DocumentEndEvent(explicit=False), StreamEndEvent()]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.emit(events, Dumper=dumper, allow_unicode=True, width=100)  # type: ignore[no-any-return]


def dump_entries(entries: list[dict[str, Any]]) -> str:
    """Entries of a top-level list (`- id: ...`), each after a blank line but the first,
    as `dump_pack` writes them inside the whole document."""
    from trivia.packs.yamlsafe import gc_paused

    with gc_paused():
        body = emit_yaml(entries)
    return ENTRY.sub("\n\n- ", body)


class PackSpool:
    """Facts and questions written to temporary files in batches, then into one pack.

    Args:
        output: The pack file that `finish` writes (the temporary files go beside it).
    """

    def __init__(self, output: Path) -> None:
        directory = output.parent if str(output.parent) else Path(".")
        self.output = output
        self._parts: list[IO[str]] = [
            # Closed by close(), after finish() has copied them into the pack.
            tempfile.TemporaryFile("w+", encoding="utf-8", newline="", dir=directory)  # noqa: SIM115
            for _ in range(2)
        ]
        self.size = 0
        self.questions = 0
        self._started = [False, False]

    def close(self) -> None:
        """Delete the temporary files (nothing of the pack is left)."""
        for part in self._parts:
            part.close()

    def __enter__(self) -> PackSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def add(self, facts: list[dict[str, Any]], questions: list[dict[str, Any]]) -> None:
        """Write one batch of entries.

        Raises:
            PackTooBig: When the pack has grown over the loader's limit.
        """
        for number, entries in enumerate((facts, questions)):
            if not entries:
                continue
            text = dump_entries(entries)
            if self._started[number]:
                text = "\n" + text
            self._started[number] = True
            self._parts[number].write(text)
            self.size += len(text.encode("utf-8")) if not text.isascii() else len(text)
        self.questions += len(questions)
        if self.size > limits.MAX_BYTES:
            raise PackTooBig(self.size, self.questions)

    def finish(self, head: str, *, force: bool = False) -> int:
        """Write the pack: `head` (comments, `pack:` and `sources:`), then the facts and
        the questions; whole or not at all. Returns its size in bytes.

        Raises:
            PackTooBig: When the whole would be over the loader's limit (nothing written).
            FileExistsError: If the output exists and `force` is false.
        """
        size = self.size + len(head.encode("utf-8")) + len("\nfacts:\n\nquestions:\n")
        if size > limits.MAX_BYTES:
            raise PackTooBig(size, self.questions)
        path = self.output
        if path.exists() and not force:
            raise FileExistsError(path)
        directory = path.parent if str(path.parent) else Path(".")
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
                stream.write(head)
                for key, part, started in zip(
                    ("facts", "questions"), self._parts, self._started, strict=True
                ):
                    if not started:
                        stream.write(f"\n{key}: []\n")
                        continue
                    stream.write(f"\n{key}:\n")
                    part.seek(0)
                    shutil.copyfileobj(part, stream, 1 << 20)
            os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return size


__all__ = ["PackSpool", "PackTooBig", "dump_entries", "emit_yaml"]
