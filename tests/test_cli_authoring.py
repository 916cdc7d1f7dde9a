"""`trivia new` and `trivia schema -o`: folders made as needed, accents kept, nothing a user
wrote is overwritten without `--force`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, main
from trivia.packs import check_file, load_pack, pack_json_schema


def test_new_creates_the_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "packs" / "drafts" / "mad-men.yaml"
    assert main(["new", str(path)]) == EXIT_OK
    assert check_file(path) == []
    assert (path.parent / "pack.schema.json").is_file()


def test_new_keeps_accents_in_the_title(tmp_path: Path) -> None:
    path = tmp_path / "café-crème_brûlée.yaml"
    assert main(["new", str(path)]) == EXIT_OK
    pack = load_pack(path)
    assert pack.meta.title == "Café Crème Brûlée"
    assert pack.id == "cafe-creme-brulee"  # ids stay ASCII


def test_new_into_a_folder_that_cannot_be_made_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert main(["new", str(tmp_path / "file" / "p.yaml")]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "cannot make the folder" in err and "Traceback" not in err


def test_schema_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pack.schema.json"
    target.write_text('{"mine": true}\n', encoding="utf-8")
    assert main(["schema", "-o", str(target)]) == EXIT_PROBLEMS
    assert "already exists, not overwritten (use --force to replace it)" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert main(["schema", "-o", str(target), "--force"]) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8")) == pack_json_schema()


def test_schema_over_the_same_schema_is_fine_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "pack.schema.json"
    assert main(["schema", "-o", str(target)]) == EXIT_OK
    assert main(["schema", "-o", str(target)]) == EXIT_OK
    assert "already up to date" in capsys.readouterr().err


def test_new_tells_how_to_refresh_a_stale_schema_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pack.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "p.yaml")]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"trivia schema -o {tmp_path / 'pack.schema.json'} --force" in out
