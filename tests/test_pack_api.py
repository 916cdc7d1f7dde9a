"""The public API of trivia.packs: cheap to import, files that cannot be read reported as
problems, positions of questions kept for the linter and the preview."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trivia.packs import (
    PackError,
    check_file,
    check_text,
    load_pack,
    load_pack_text,
    load_pack_with_positions,
)

DATA = Path(__file__).parent / "data" / "packs"
VALID = DATA / "valid.yaml"


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_importing_packs_is_light() -> None:
    """No UI, no database, and not even PyYAML until a pack is read."""
    loaded = _modules_after("import trivia.packs")
    assert not {"textual", "rich", "sqlite3", "_sqlite3", "yaml"} & loaded


def test_checking_a_pack_pulls_in_no_ui_or_database() -> None:
    loaded = _modules_after(f"from trivia.packs import check_file; check_file({str(VALID)!r})")
    assert "yaml" in loaded
    assert not {"textual", "rich", "sqlite3", "_sqlite3"} & loaded


# --- files that cannot be read ---------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    [problem] = check_file(path)
    assert (problem.line, problem.col) == (0, 0)
    assert str(problem) == f"{path}: no such file (check the path)"
    with pytest.raises(PackError):
        load_pack(path)


def test_directory(tmp_path: Path) -> None:
    [problem] = check_file(tmp_path)
    assert "directory" in problem.message and problem.line == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    [problem] = check_file(path)
    assert "permission denied" in problem.message


def test_path_with_a_nul_byte() -> None:
    [problem] = check_file("bad\0name.yaml")
    assert problem.line == 0


def test_check_file_accepts_str_and_path() -> None:
    assert check_file(str(VALID)) == [] and check_file(VALID) == []


# --- results ---------------------------------------------------------------------------------


def test_load_pack_text_from_str_and_bytes() -> None:
    text = VALID.read_text(encoding="utf-8")
    assert load_pack_text(text) == load_pack_text(text.encode())
    assert load_pack_text(text).path is None
    assert check_text(text) == []


def test_problems_are_named_after_the_path_given() -> None:
    text = VALID.read_text(encoding="utf-8").replace("difficulty: hard", "difficulty: hrad")
    [problem] = check_text(text, "my.yaml")
    assert str(problem).startswith("my.yaml:")


def test_position_of_each_question() -> None:
    loaded = load_pack_with_positions(VALID)
    lines = VALID.read_text(encoding="utf-8").splitlines()
    for question in loaded.pack.questions:
        line, col = loaded.position_of(question.id)
        assert lines[line - 1] == f"  - id: {question.id}"
        assert col == 5
    path = loaded.path_of("seasons-number")
    line, col = loaded.positions.at((*path, "tolerance"))
    assert lines[line - 1][col - 1 :] == "0"
    with pytest.raises(KeyError):
        loaded.position_of("no-such-question")
    assert loaded.pack == load_pack(VALID)
