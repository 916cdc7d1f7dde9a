"""`trivia new`: a commented skeleton that is a valid, lint-clean pack as written."""

from __future__ import annotations

import json
from datetime import date

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.packs import QuestionType, check_file, check_text, load_pack, pack_json_schema
from trivia.packs.lint import Level, lint_paths
from trivia.packs.scaffold import pack_skeleton


def test_the_skeleton_validates_and_has_one_question_of_each_type():
    text = pack_skeleton(pack_id="my-pack", title="My: Pack", file_name="my-pack.yaml")
    assert check_text(text) == []
    assert text.startswith("# yaml-language-server: $schema=pack.schema.json\n")


def test_new_writes_a_valid_lint_clean_pack_and_the_schema(tmp_path, capsys):
    path = tmp_path / "mad-men-extra.yaml"
    assert main(["new", str(path)]) == EXIT_OK
    assert check_file(path) == []
    pack = load_pack(path)
    assert pack.id == "mad-men-extra" and pack.meta.title == "Mad Men Extra"
    assert sorted(q.type for q in pack.questions) == sorted(QuestionType)
    assert len(pack.sources) == 1 and pack.facts
    report = lint_paths([path])
    assert [f for f in report.findings if f.level is Level.ERROR] == []
    assert report.findings == []
    schema = tmp_path / "pack.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8")) == pack_json_schema()
    assert "pack.schema.json" in capsys.readouterr().out


def test_new_refuses_to_overwrite_unless_forced(tmp_path, capsys):
    path = tmp_path / "pack.yaml"
    path.write_text("mine", encoding="utf-8")
    assert main(["new", str(path)]) == EXIT_PROBLEMS
    assert "already exists" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "mine"
    assert main(["new", str(path), "--force", "--id", "other", "--title", "Other"]) == EXIT_OK
    assert load_pack(path).meta.title == "Other"


def test_new_with_a_schema_url_writes_no_schema_file(tmp_path):
    path = tmp_path / "p.yaml"
    url = "https://example.com/pack.schema.json"
    assert main(["new", str(path), "--schema", url]) == EXIT_OK
    assert path.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={url}\n")
    assert not (tmp_path / "pack.schema.json").exists()


def test_new_rejects_a_bad_id(tmp_path):
    assert main(["new", str(tmp_path / "p.yaml"), "--id", "Not An Id"]) == EXIT_USAGE


def test_the_source_date_is_today_by_default():
    text = pack_skeleton(pack_id="p", title="P", file_name="p.yaml", today=date(2030, 1, 2))
    assert 'date: "2030-01-02"' in text
