"""What goes wrong reading a YAML pack, said with its place: syntax errors with the hint
authors need most, bytes that are not UTF-8, characters YAML forbids, nesting too deep, and
aliases that contain themselves or expand into a bomb.

The counterpart of `trivia.packs.yamlsafe`, which composes and builds the document and
calls these when something is wrong.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from trivia.packs.limits import MAX_DEPTH
from trivia.packs.problems import PackError, Problem

ALIAS_EXPANSION_FACTOR: Final = 10
"""Aliases may expand a document to this many times the nodes written..."""

ALIAS_EXPANSION_FLOOR: Final = 1_000_000
"""...or to this many nodes, whichever is more, before it is refused as an alias bomb."""


def mark_position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


_LINE_BREAK: Final = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML 1.1 (and so libyaml's marks) counts as the end of a line."""


def position_of_char(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as YAML does."""
    index = max(0, min(index, len(text)))
    line, line_start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, line_start = line + 1, match.end()
    if line == 1 and text.startswith("\ufeff"):
        line_start = 1  # editors do not count the byte-order mark as a column
    return line, index - line_start + 1


def position_of_byte(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (only used on error paths)."""
    before = data[: max(0, offset)].decode("utf-8", "replace")
    return position_of_char(before, len(before))


# Hints for the syntax errors authors meet most, keyed by a piece of libyaml's wording.
_SYNTAX_HINTS: Final = (
    ("(a tab)", "YAML indents with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "a text holding ': ' must be quoted; otherwise check the indentation of this line",
    ),
    ("could not find expected ':'", "each line of a mapping is `key: value`; check indents"),
    ("found undefined alias", "define the anchor (&name) before using the alias (*name)"),
    ("expected a single document", "a pack is one YAML document: remove the extra `---`"),
    ("did not find expected key", "check the indentation of the lines above"),
)

_NBSP_INDENT: Final = re.compile("^[ \t]*\u00a0")
_KEY_AND_VALUE: Final = re.compile(r"(\s*(?:- +)*)([^\s\"'#\[{][^:#]*?):[ \t]+(\S.*?)\s*$")
_OPENING_QUOTE: Final = re.compile(r"^\s*(?:- +)*(?:[^\s\"'#\[{][^:#]*?:[ \t]+)?([\"'])")
_FLOW_COMMENT: Final = re.compile(r"[ \t]#")
_QUOTE_HINT: Final = {
    '"': 'close it where the text ends (a " inside double quotes is written \\")',
    "'": "close it where the text ends (a ' inside single quotes is written '')",
}


def _lines(data: bytes) -> list[str]:
    """The file's lines as YAML counts them for its marks (error paths only)."""
    return [line.rstrip("\r") for line in data.decode("utf-8", "replace").split("\n")]


def _closing_quote(lines: list[str], line: int, start: int, quote: str) -> int | None:
    """The 0-based line where the quoted text opened at (line, start) closes, or None."""
    col = start + 1
    while line < len(lines):
        text = lines[line]
        while col < len(text):
            char = text[col]
            if quote == '"' and char == "\\":
                col += 2
                continue
            if char == quote:
                if quote == "'" and text[col + 1 : col + 2] == "'":
                    col += 2  # '' is a quote inside single quotes
                    continue
                return line
            col += 1
        line, col = line + 1, 0
    return None


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int, str, int | None] | None:
    """The last quote opening a value before `error_line` (0-based) that its own line
    does not close, if the text it opens runs on to the error: (line, col, quote, closing
    line). A text quoted over several lines on purpose closes well before the error."""
    for number in range(min(error_line, len(lines) - 1), -1, -1):
        match = _OPENING_QUOTE.match(lines[number])
        if match is None:
            continue
        quote, start = match.group(1), match.start(1)
        closing = _closing_quote(lines, number, start, quote)
        if closing == number:
            continue
        if closing is None or closing >= error_line - 1:
            return number, start, quote, closing
        return None
    return None


def _comment_in_flow(lines: list[str], line: int, col: int) -> tuple[int, int, str, str] | None:
    """A ` #` after the `[` or `{` opened at (line, col): YAML took the rest of the line
    for a comment, so the list never closes. (line, col, message, hint) of the `#`."""
    if line > len(lines):
        return None
    text = lines[line - 1]
    found = _FLOW_COMMENT.search(text, col)
    if found is None:
        return None
    at = found.start() + 1
    start = max(text.rfind(",", 0, at), text.rfind("[", 0, at), text.rfind("{", 0, at)) + 1
    ends = [i for i in (text.find(",", at), text.find("]", at), text.find("}", at)) if i >= 0]
    item = text[start : min(ends) if ends else len(text)].strip()
    return (
        line,
        at + 1,
        "YAML syntax error: ' #' inside a [...] list starts a comment, so the list is cut there",
        f"quote the item: {json.dumps(item, ensure_ascii=False)}",
    )


def _colon_in_text(line_text: str, col: int) -> str | None:
    """`key: "value"` when the error's colon (1-based `col`) is inside the value."""
    match = _KEY_AND_VALUE.match(line_text)
    if match is None or col - 1 < match.start(3):
        return None
    prefix, key, value = match.group(1).strip(), match.group(2), match.group(3)
    quoted = json.dumps(value, ensure_ascii=False)
    return f"{prefix} {key}: {quoted}".strip()


def _better_syntax_problem(
    error: yaml.MarkedYAMLError, name: str, data: bytes, line: int, col: int
) -> Problem | None:
    """The mistake behind a syntax error, said at its own place, when it is recognised."""
    lines = _lines(data)
    for number in range(min(line, len(lines)) - 1, -1, -1):
        found = _NBSP_INDENT.match(lines[number])
        if found is not None:
            return Problem(
                name,
                number + 1,
                found.end(),
                "YAML syntax error: this line is indented with a non-breaking space "
                "(U+00A0), which YAML does not count as indentation",
                "replace it with an ordinary space",
            )
    if "quoted scalar" in (error.context or "") and error.context_mark is not None:
        open_line, open_col = mark_position(error.context_mark)
        quote = _character_at(data, open_line, open_col)
        return Problem(
            name,
            open_line,
            open_col,
            "YAML syntax error: this quote is never closed",
            _QUOTE_HINT.get(quote),
        )
    if "flow" in (error.context or "") and error.context_mark is not None:
        cut = _comment_in_flow(lines, *mark_position(error.context_mark))
        if cut is not None:
            return Problem(name, *cut)
    unclosed = _unclosed_quote(lines, line - 1)
    if unclosed is not None:
        number, start, quote, closing = unclosed
        if closing is None:
            message = "YAML syntax error: this quote is never closed"
        else:
            message = (
                "YAML syntax error: this quote is not closed on its line, "
                f"so YAML read on to line {closing + 1}"
            )
        return Problem(name, number + 1, start + 1, message, _QUOTE_HINT[quote])
    if "mapping values are not allowed" in (error.problem or "") and line <= len(lines):
        quoted = _colon_in_text(lines[line - 1], col)
        if quoted is not None:
            return Problem(
                name,
                line,
                col,
                "YAML syntax error: ': ' inside an unquoted text starts a mapping",
                f"quote the text: {quoted}",
            )
    return None


def _character_at(data: bytes, line: int, col: int) -> str:
    """The character at a 1-based line and column (for error messages only)."""
    lines = data.split(b"\n", line)
    if len(lines) < line:
        return ""
    text = lines[line - 1].decode("utf-8", "replace")
    return text[col - 1 : col]


def syntax_problem(error: yaml.MarkedYAMLError, name: str, data: bytes) -> Problem:
    """A syntax error as a problem: the mistake behind it when it is a common one (an
    unquoted `: `, a non-breaking space, an unclosed quote), at the mistake's place; else
    libyaml's words at its mark, with a hint."""
    mark = error.problem_mark or error.context_mark
    line, col = mark_position(mark) if mark is not None else (1, 1)
    if "maximum nesting depth" in (error.problem or ""):
        return too_deep_problem(name, line, col)  # libyaml's own limit, said the same way as ours
    better = _better_syntax_problem(error, name, data, line, col)
    if better is not None:
        return better
    message = f"YAML syntax error: {error.problem or error.context or 'malformed YAML'}"
    hint = None
    if error.context and error.problem:
        context = error.context
        context_mark = error.context_mark
        if context_mark is not None and mark_position(context_mark) != (line, col):
            context_line, context_col = mark_position(context_mark)
            context += f" started at line {context_line}, column {context_col}"
        hint = context
    if _character_at(data, line, col) == "\t":
        # libyaml does not name the character; a tab is the usual culprit.
        message += " (a tab)"
    for fragment, advice in _SYNTAX_HINTS:
        if fragment in message:
            hint = f"{hint}; {advice}" if hint else advice
            break
    return Problem(name, line, col, message, hint)


def check_utf8(data: bytes, name: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = position_of_byte(data, error.start)
        hint = "save the file as UTF-8"
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "the file looks like UTF-16: save it as UTF-8"
        raise PackError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"the file is not valid UTF-8 text (byte 0x{data[error.start]:02x})",
                    hint,
                )
            ]
        ) from None


def too_deep_problem(name: str, line: int, col: int) -> Problem:
    return Problem(
        name,
        line,
        col,
        "lists and mappings are nested too deeply",
        f"at most {MAX_DEPTH} levels are accepted and a pack needs five; "
        "look for a runaway `[` or `{`",
    )


def reader_problem(error: yaml.reader.ReaderError, name: str, line: int, col: int) -> Problem:
    character = error.character
    code = ord(character) if isinstance(character, str) else int(character or 0)
    return Problem(
        name,
        line,
        col,
        f"the file contains a character YAML does not allow (U+{code:04X}): {error.reason}",
        "remove it; control characters cannot appear in a pack, even quoted",
    )


def check_alias_expansion(root: Node, name: str) -> None:
    """Refuse aliases that contain themselves, or that expand the document too much.

    Aliases make the node tree a graph: `[*a, *a]` holds the same node twice. The size
    the document would have with every alias written out is computed over distinct
    nodes with memoisation, so a billion laughs is measured in microseconds, never built.
    """
    sizes: dict[int, int] = {}
    nodes: dict[int, Node] = {}
    open_nodes: set[int] = set()
    distinct = 1

    def size(node: Node, depth: int) -> int:
        nonlocal distinct
        if node.__class__ is ScalarNode:
            return 1
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        line, col = mark_position(node.start_mark)
        if key in open_nodes:
            raise PackError(
                [
                    Problem(
                        name,
                        line,
                        col,
                        "an alias refers to a list or mapping that contains it",
                        "recursive structures are not allowed in a pack",
                    )
                ]
            )
        if depth >= MAX_DEPTH:
            raise PackError([too_deep_problem(name, line, col)])
        open_nodes.add(key)
        total = 1
        if node.__class__ is MappingNode:
            distinct += 2 * len(node.value)
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        else:
            distinct += len(node.value)
            for child in node.value:
                total += size(child, depth + 1)
        open_nodes.discard(key)
        sizes[key] = total
        nodes[key] = node
        return total

    expanded = size(root, 0)
    limit = max(ALIAS_EXPANSION_FLOOR, ALIAS_EXPANSION_FACTOR * distinct)
    if expanded > limit:
        # Point at the innermost list or mapping that is already too big by itself.
        culprit = min((s, k) for k, s in sizes.items() if s > limit)[1]
        line, col = mark_position(nodes[culprit].start_mark)
        raise PackError(
            [
                Problem(
                    name,
                    line,
                    col,
                    f"aliases expand this document to {expanded:,} values "
                    f"(from {distinct:,} written): refused as an alias bomb",
                    f"at most {limit:,} values are accepted; write the values out instead",
                )
            ]
        )
