"""Comments that follow an unquoted text on its line: where YAML may have cut a sentence.

In YAML, ` #` starts a comment, even in the middle of an unquoted sentence:
`prompt: Which network aired episode #1 of the show?` is the text "Which network aired
episode" and the comment "#1 of the show?". Nothing is left to see in the value, so the
composed node tree is searched instead: a plain (unquoted) text whose line goes on, after
its end, with spaces and a `#`. `trivia.packs.validate` decides which of those are text
fields and which look cut.

Only lines holding a space or tab before a `#` are looked at, found by one scan of the bytes,
and only the parts of the tree that span such a line are walked, so a pack without
trailing comments costs one byte search.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Final

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trivia.packs.problems import YamlPath

_STR: Final = "tag:yaml.org,2002:str"
_SPACE_OR_TAB: Final = b" \t"
_TRAILING: Final = re.compile(r"([ \t]+)#(.*)")


@dataclass(frozen=True, slots=True)
class TrailingComment:
    """A comment on the same line as the unquoted text before it.

    Attributes:
        where: The YAML path of the text, e.g. `("questions", 3, "prompt")`.
        line: The 1-based line of the `#`.
        col: The 1-based column of the `#`.
        text: The text as YAML read it (up to the comment).
        gap: The spaces and tabs between the text and the `#`.
        comment: What follows the `#` on its line.
    """

    where: YamlPath
    line: int
    col: int
    text: str
    gap: str
    comment: str

    @property
    def looks_cut(self) -> bool:
        """Whether the comment reads as the rest of the text rather than as a comment.

        A comment written as one has two spaces or more before the `#` and a space after
        it (yamllint's default `comments` rule); one space before (`episode #1`, `is # 1`)
        or a word right after the `#` (`#MeToo`) is how a sentence goes on.
        """
        return len(self.gap) < 2 or (self.comment[:1] not in ("", " ", "\t"))


def _candidate_lines(data: bytes) -> dict[int, tuple[int, int]]:
    """Each 0-based line holding a space or tab before a `#`, and its byte range."""
    lines: dict[int, tuple[int, int]] = {}
    line = 0
    counted_to = 0
    start = data.find(b"#")  # a byte search, many times faster than a regex scan
    while start >= 0:
        if start == 0 or data[start - 1] not in _SPACE_OR_TAB:
            start = data.find(b"#", start + 1)
            continue
        line += data.count(b"\n", counted_to, start)
        counted_to = start
        if line not in lines:
            line_start = data.rfind(b"\n", 0, start) + 1
            line_end = data.find(b"\n", start)
            lines[line] = (line_start, len(data) if line_end < 0 else line_end)
        start = data.find(b"#", start + 1)
    return lines


def trailing_comments(root: Node, data: bytes) -> tuple[TrailingComment, ...]:
    """Every comment that follows an unquoted text on the text's last line.

    Args:
        root: The composed document.
        data: The file's bytes (UTF-8), whose lines the node marks count.
    """
    lines = _candidate_lines(data)
    if not lines:
        return ()
    ordered = sorted(lines)
    found: list[TrailingComment] = []
    seen: set[int] = set()  # an anchored node reached again through an alias
    stack: list[tuple[Node, YamlPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        first, last = node.start_mark.line, node.end_mark.line
        index = bisect_left(ordered, first)
        if index == len(ordered) or ordered[index] > last or id(node) in seen:
            continue  # no candidate line within this node
        seen.add(id(node))
        cls = node.__class__
        if cls is ScalarNode:
            assert isinstance(node, ScalarNode)
            if not node.style and node.tag == _STR and last in lines:
                comment = _comment_after(node, path, data, lines[last])
                if comment is not None:
                    found.append(comment)
        elif cls is SequenceNode:
            stack.extend((child, (*path, number)) for number, child in enumerate(node.value))
        elif cls is MappingNode:
            stack.extend(
                (value, (*path, key.value))
                for key, value in node.value
                if key.__class__ is ScalarNode and key.tag == _STR
            )
    found.sort(key=lambda comment: (comment.line, comment.col))
    return tuple(found)


def _comment_after(
    node: ScalarNode, path: YamlPath, data: bytes, span: tuple[int, int]
) -> TrailingComment | None:
    line_text = data[span[0] : span[1]].decode("utf-8", "replace").rstrip("\r")
    end = node.end_mark.column
    match = _TRAILING.match(line_text, end)
    if match is None:
        return None
    gap, comment = match.group(1), match.group(2)
    return TrailingComment(
        where=path,
        line=node.end_mark.line + 1,
        col=end + len(gap) + 1,
        text=node.value,
        gap=gap,
        comment=comment.rstrip(),
    )
