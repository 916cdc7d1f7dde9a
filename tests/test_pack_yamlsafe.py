"""The safe YAML layer: plain values with positions, and every kind of hostile or broken input
refused as a problem with a place, never a traceback, a crash or a side effect."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from trivia.packs import check_text, yamlsafe
from trivia.packs.problems import PackError, Problem
from trivia.packs.yamlsafe import INVALID, load_yaml

DATA = Path(__file__).parent / "data" / "packs"
VALID = (DATA / "valid.yaml").read_text(encoding="utf-8")


def refusal(data: str | bytes) -> Problem:
    """The single problem that stops `data` from loading at all."""
    with pytest.raises(PackError) as caught:
        load_yaml(data, "t.yaml")
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def where(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.col


# --- values --------------------------------------------------------------------------------


def test_plain_values_and_dates_as_text() -> None:
    document = load_yaml(
        "text: hello\nnumber: 12\ndecimal: 1.5\nflag: true\nnothing: ~\n"
        "date: 2022-10-31\nlist: [a, 2]\nmap: {k: v}\nforced: !!str 12\n",
        "t.yaml",
    )
    assert document.value == {
        "text": "hello",
        "number": 12,
        "decimal": 1.5,
        "flag": True,
        "nothing": None,
        "date": "2022-10-31",
        "list": ["a", 2],
        "map": {"k": "v"},
        "forced": "12",
    }
    assert document.problems == ()


@pytest.mark.parametrize(
    "scalar",
    ["yes", "No", "on", "OFF", "true", "1_000", "0x1F", "0o17", "017", "1:30", "+12", "-3",
     ".inf", "-.Inf", "1e3", "6.02e+23", "-.5", "~", "null", "", "abc", "<<x", "0b101"],
)  # fmt: skip
def test_scalars_resolve_as_pyyaml_safe_load_does(scalar: str) -> None:
    """The fast resolver and walk give exactly what yaml.safe_load gives, except where
    YAML 1.2's core schema (what editors read) differs from PyYAML's YAML 1.1."""
    ours = load_yaml(f"v: {scalar}\n", "t.yaml").value["v"]
    theirs = YAML_1_2_DIFFERS.get(scalar, yaml.safe_load(f"v: {scalar}\n")["v"])
    assert ours == theirs and type(ours) is type(theirs)


YAML_1_2_DIFFERS = {
    "yes": "yes", "No": "No", "on": "on", "OFF": "OFF", "1_000": "1_000", "0o17": 15,
    "017": 17, "1:30": "1:30", "1e3": 1000.0, "0b101": "0b101", "-.5": -0.5,
}  # fmt: skip
"""The scalars above that YAML 1.2's core schema reads differently (tests/test_pack_yaml12.py
has the rules); "-.5" is a float in both, but PyYAML reads it as text."""


def test_value_indicator_is_text() -> None:
    """`=` resolves to YAML 1.1's `value` tag, which safe_load cannot construct: text here."""
    assert load_yaml("v: =\n", "t.yaml").value == {"v": "="}


def test_empty_document_is_none() -> None:
    assert load_yaml("", "t.yaml").value is None
    assert load_yaml("# only a comment\n", "t.yaml").value is None


def test_positions_by_path() -> None:
    document = load_yaml("a:\n  - x\n  - k: 1.10\n    j: [p, q]\n", "t.yaml")
    positions = document.positions
    assert positions.at(("a",)) == (2, 3)
    assert positions.at(("a", 1, "k")) == (3, 8)
    assert positions.key_at(("a", 1, "k")) == (3, 5)
    assert positions.at(("a", 1, "j", 1)) == (4, 12)
    assert positions.text_at(("a", 1, "k")) == "1.10"
    # A path beyond the document: the deepest value that exists (the mapping).
    assert positions.at(("a", 1, "missing")) == (3, 5)
    assert positions.at(("a", 9)) == (2, 3)


def test_bom_is_accepted() -> None:
    assert load_yaml(b"\xef\xbb\xbfa: 1\n", "t.yaml").value == {"a": 1}
    assert check_text(b"\xef\xbb\xbf" + VALID.encode()) == []


# --- bytes ---------------------------------------------------------------------------------


def test_non_utf8_reports_the_first_bad_byte() -> None:
    problem = refusal(b"a: 1\nb: caf\xe9 au lait\nc: \xff\n")
    assert where(problem) == (2, 7)
    assert "not valid UTF-8" in problem.message and "0xe9" in problem.message


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    problem = refusal("a: éé ".encode() + b"\xff\n")
    assert where(problem) == (1, 7)


def test_utf16_gets_a_hint() -> None:
    problem = refusal("a: 1\n".encode("utf-16"))
    assert problem.hint is not None and "UTF-16" in problem.hint


def test_lone_surrogate_in_text_is_reported() -> None:
    problem = refusal("a: x\nb: \ud800\n")
    assert where(problem) == (2, 4)


def test_control_character_is_reported_with_its_place() -> None:
    problem = refusal("a: ok\nb: bell\x07 here\n")
    assert where(problem) == (2, 8)
    assert "U+0007" in problem.message


def test_pack_from_non_utf8_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(VALID.replace("Peggy Olson?", "Peggy Olsón?").encode("latin-1"))
    problems = check_text(path.read_bytes(), str(path))
    assert len(problems) == 1
    line = VALID.splitlines().index("    prompt: Who played Peggy Olson?") + 1
    assert where(problems[0]) == (line, len("    prompt: Who played Peggy Ols") + 1)


# --- malformed YAML ------------------------------------------------------------------------


def test_malformed_yaml_reports_libyaml_problem_mark() -> None:
    problem = refusal("a: [1, 2\nb: 3\n")
    assert where(problem) == (2, 2)
    assert problem.message.startswith("YAML syntax error")
    assert problem.hint is not None and "line 1, column 4" in problem.hint


def test_tab_indentation_gets_a_hint() -> None:
    problem = refusal("a:\n\tb: 1\n")
    assert where(problem) == (2, 1)
    assert problem.hint is not None and "tabs" in problem.hint


def test_two_documents_are_refused() -> None:
    problem = refusal("a: 1\n---\nb: 2\n")
    assert where(problem) == (2, 1)


def test_undefined_alias_is_refused() -> None:
    problem = refusal("a: *nowhere\n")
    assert where(problem) == (1, 4)


# --- duplicate keys ------------------------------------------------------------------------


def test_duplicate_key_reported_at_the_second_with_the_first_line() -> None:
    document = load_yaml("a: 1\nb: 2\nc:\n  x: 1\n  x: 2\n", "t.yaml")
    [problem] = document.problems
    assert where(problem) == (5, 3)
    assert "duplicate key 'x'" in problem.message and "line 4" in problem.message
    assert document.value["c"] == {"x": 2}


# --- tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tagged",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object:subprocess.Popen {{args: ["touch", "{marker}"]}}',
        '!custom "touch {marker}"',
        "!!binary aGVsbG8=",
        "!!set {{a, b}}",
        '!<tag:example.com,2024:thing> "x"',
    ],
)
def test_non_core_tags_are_refused_and_nothing_runs(tagged: str, tmp_path: Path) -> None:
    marker = tmp_path / "x"
    text = f"a: 1\nb: {tagged.format(marker=marker)}\n"
    document = load_yaml(text, "t.yaml")
    [problem] = document.problems
    assert where(problem) == (2, 4)
    assert "is not allowed in a pack" in problem.message
    assert document.value["b"] is INVALID
    assert not marker.exists()


def test_python_tag_in_a_pack_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "x"
    text = VALID.replace(
        "    hint: She later starred in The Handmaid's Tale.",
        f'    hint: !!python/object/apply:os.system ["touch {marker}"]',
    )
    line = text.splitlines().index(next(s for s in text.splitlines() if "os.system" in s)) + 1
    problems = check_text(text)
    assert [(p.line, p.col) for p in problems] == [(line, 11)]
    assert "!!python/object/apply:os.system" in problems[0].message
    assert not marker.exists()


def test_merge_keys_are_refused_clearly() -> None:
    document = load_yaml("base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", "t.yaml")
    [problem] = document.problems
    assert where(problem) == (3, 3)
    assert "merge keys" in problem.message


# --- aliases -------------------------------------------------------------------------------


def test_billion_laughs_is_refused_at_once() -> None:
    start = time.perf_counter()
    problem = refusal((DATA / "billion-laughs.yaml").read_bytes())
    elapsed = time.perf_counter() - start
    assert "alias bomb" in problem.message
    # The innermost list already too big: `f` (10^6 values) on line 7.
    assert where(problem) == (7, 4)
    print(f"billion laughs refused in {elapsed * 1000:.1f} ms")


def test_alias_that_contains_itself_is_refused() -> None:
    problem = refusal("a: &a [1, *a]\n")
    assert where(problem) == (1, 4)
    assert "contains it" in problem.message


def test_modest_aliases_are_expanded() -> None:
    document = load_yaml("t: &t [cast, s1]\nq1: {tags: *t}\nq2: {tags: *t}\n", "t.yaml")
    assert document.value == {"t": ["cast", "s1"], "q1": {"tags": ["cast", "s1"]},
                              "q2": {"tags": ["cast", "s1"]}}  # fmt: skip
    assert document.positions.at(("q2", "tags")) == (1, 4)  # where the anchor is written


# --- nesting -------------------------------------------------------------------------------


def test_nesting_just_past_the_limit_is_refused() -> None:
    depth = yamlsafe.MAX_DEPTH + 1
    problem = refusal("[" * depth + "]" * depth)
    assert where(problem) == (1, yamlsafe.MAX_DEPTH + 1)
    assert "nested" in problem.message


@pytest.mark.parametrize(
    "build",
    [
        "'[' * 100_000 + ']' * 100_000",
        "'{a: ' * 100_000 + '}' * 100_000",
        "'- ' * 100_000 + 'x'",
        "''.join(' ' * i + 'a:\\n' for i in range(3_000))",
    ],
)
def test_absurd_nesting_is_refused_without_crashing(build: str) -> None:
    """In a subprocess: if the C composer recursed unguarded, this would kill the process."""
    code = (
        "from trivia.packs import check_text\n"
        f"problems = check_text({build})\n"
        "print(len(problems), problems[0].line, problems[0].message)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    count, _line, message = result.stdout.split(" ", 2)
    assert count == "1" and "nested" in message


def test_depth_is_checked_by_events_when_libyaml_has_no_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An older system libyaml has no nesting limit: the event pre-scan must refuse first."""
    monkeypatch.setattr(yamlsafe, "_composer_limits_depth", False)
    composed = []
    real_compose = yamlsafe._CComposer.get_single_node  # type: ignore[union-attr]

    class Watched(yamlsafe._CComposer):  # type: ignore[misc,name-defined]
        def get_single_node(self):  # type: ignore[no-untyped-def]
            composed.append(True)
            return real_compose(self)

    monkeypatch.setattr(yamlsafe, "_CComposer", Watched)
    # Block nesting: libyaml's own limit (in its scanner) would only stop it at 1000.
    problem = refusal("".join(" " * i + "a:\n" for i in range(2_000)))
    assert where(problem) == (yamlsafe.MAX_DEPTH + 1, yamlsafe.MAX_DEPTH + 1)
    assert composed == []  # refused by the pre-scan, before the recursive composer ran
    assert load_yaml("a: [[1]]\n", "t.yaml").value == {"a": [[1]]}


def test_pure_python_fallback_behaves_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libyaml, the pure-Python composer is used, with the same guards."""
    with_c = load_yaml(VALID, "t.yaml").value
    monkeypatch.setattr(yamlsafe, "_CComposer", None)
    assert load_yaml(VALID, "t.yaml").value == with_c
    assert where(refusal("[" * 5_000 + "]" * 5_000)) == (1, yamlsafe.MAX_DEPTH + 1)
    assert where(refusal("a: [1, 2\nb: 3\n")) == (2, 2)
    assert where(refusal("a: ok\nb: bell\x07 here\n")) == (2, 8)


# --- size ----------------------------------------------------------------------------------


def test_size_cap_is_generous_and_enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlsafe.MAX_BYTES >= 256 * 2**20
    monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
    problem = refusal("a: " + "x" * 200)
    assert (problem.line, problem.col) == (0, 0)
    assert "larger than 100 bytes" in problem.message
    assert str(problem).startswith("t.yaml: the file is larger")
