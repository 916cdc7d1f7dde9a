"""Property tests: random text and randomly damaged packs never make the loader raise anything
but its own `PackError`, and every problem it reports has a sensible place."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trivia.packs import Pack, PackError, Problem, check_text, load_pack_text

VALID = (Path(__file__).parent / "data" / "packs" / "valid.yaml").read_bytes()
LINES = VALID.split(b"\n")

# Pieces of YAML syntax that make for interesting damage, besides random bytes.
TOKENS = [
    b"&a ", b"*a", b"<<: *a", b"!!python/object/apply:os.system [x]", b"!custom ", b"!!str ",
    b"!!int ", b"[", b"]", b"{", b"}", b"- ", b"? ", b": ", b"|", b">", b"'", b'"', b"~",
    b"null", b"-1", b"1e400", b".nan", b"yes", b"2022-13-45", b"\t", b"#", b"---", b"\xff",
    b"\xef\xbb\xbf", b"\x00", b"\x07", b"\r\n", b"options", b"answer", b"type: order",
    b"questions:", b"id: peggy-actor-text",
]  # fmt: skip

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_loader_contract(data: str | bytes) -> None:
    """Only a list of problems or a PackError; every problem placed within the text."""
    problems = check_text(data, "fuzz.yaml")
    assert isinstance(problems, list)
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    line_count = len(text.splitlines()) + 1  # splitlines knows every break YAML knows
    for problem in problems:
        assert isinstance(problem, Problem)
        assert 0 <= problem.line <= line_count + 1, problem
        assert problem.col >= 0 and problem.message
        assert str(problem).startswith("fuzz.yaml")
    try:
        pack = load_pack_text(data, "fuzz.yaml")
    except PackError as error:
        assert error.problems == problems
    else:
        assert isinstance(pack, Pack) and problems == []


@SETTINGS
@given(st.text())
def test_random_text(text: str) -> None:
    assert_loader_contract(text)


@SETTINGS
@given(st.binary())
def test_random_bytes(data: bytes) -> None:
    assert_loader_contract(data)


byte_edit = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.integers(min_value=0, max_value=len(VALID)),
    st.one_of(st.binary(min_size=1, max_size=4), st.sampled_from(TOKENS)),
)


@SETTINGS
@given(st.lists(byte_edit, min_size=1, max_size=6))
def test_valid_pack_with_random_byte_edits(edits: list[tuple[str, int, bytes]]) -> None:
    data = bytearray(VALID)
    for kind, position, piece in edits:
        position = min(position, len(data))
        if kind == "insert":
            data[position:position] = piece
        elif kind == "delete":
            del data[position : position + len(piece)]
        else:
            data[position : position + len(piece)] = piece
    assert_loader_contract(bytes(data))


line_edit = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "value", "key"]),
    st.integers(min_value=0, max_value=len(LINES) - 1),
    st.integers(min_value=0, max_value=len(LINES) - 1),
    st.sampled_from(TOKENS),
)


@SETTINGS
@given(st.lists(line_edit, min_size=1, max_size=5))
def test_valid_pack_with_random_line_edits(edits: list[tuple[str, int, int, bytes]]) -> None:
    lines = list(LINES)
    for kind, first, second, token in edits:
        first %= len(lines)
        second %= len(lines)
        line = lines[first]
        if kind == "delete" and len(lines) > 1:
            del lines[first]
        elif kind == "duplicate":
            lines.insert(first, line)
        elif kind == "swap":
            lines[first], lines[second] = lines[second], line
        elif kind == "indent":
            lines[first] = b"  " + line
        elif kind == "dedent":
            lines[first] = line[2:] if line.startswith(b"  ") else line
        elif kind == "value":
            key, _, _ = line.partition(b": ")
            lines[first] = key + b": " + token
        else:
            _, _, value = line.partition(b": ")
            lines[first] = line[: len(line) - len(line.lstrip())] + token + b": " + value
    assert_loader_contract(b"\n".join(lines))


@SETTINGS
@given(st.lists(st.sampled_from([*TOKENS, b"\n", b"  ", b"a", b"b: ", b", "]), max_size=40))
def test_token_soup(pieces: list[bytes]) -> None:
    """Random sequences of YAML syntax: anchors, aliases, tags and brackets in any order."""
    assert_loader_contract(b"".join(pieces))
