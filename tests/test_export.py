"""`trivia export csv`: a pack goes to a spreadsheet and comes back with the same questions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.packs import load_pack, load_pack_text
from trivia.packs.export import pack_to_csv
from trivia.packs.importers import dump_pack
from trivia.packs.importers.csvfile import COLUMNS, import_csv
from trivia.packs.library import bundled_packs_dir

MAD_MEN = bundled_packs_dir() / "mad-men.yaml"
SAMPLE = Path(__file__).resolve().parent / "data" / "packs" / "valid.yaml"


def round_trip(pack):
    data = pack_to_csv(pack).encode("utf-8-sig")
    result = import_csv(data, "export.csv", pack_id=pack.id, title=pack.meta.title)
    return load_pack_text(dump_pack(result.document))


def test_the_bundled_pack_round_trips_through_csv():
    pack = load_pack(MAD_MEN)
    back = round_trip(pack)
    # Ids, types, prompts, answers, options (in order), fixed_order, accept, tolerance,
    # unit, difficulty, tags, explain, hint and the fact each tests: all the same.
    assert back.questions == pack.questions
    assert {fid: f.statement for fid, f in back.facts.items()} == {
        fid: f.statement
        for fid, f in pack.facts.items()
        if any(q.fact == fid for q in pack.questions)
    }


def test_the_sample_pack_round_trips_too():
    pack = load_pack(SAMPLE)
    assert round_trip(pack).questions == pack.questions


def test_the_csv_has_the_documented_columns_and_one_row_per_question():
    pack = load_pack(MAD_MEN)
    rows = list(csv.reader(io.StringIO(pack_to_csv(pack))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(pack.questions) + 1


def test_cli_export_by_id_to_a_file_then_import(tmp_path, capsys):
    out = tmp_path / "mad-men.csv"
    assert main(["export", "csv", "mad-men", "-o", str(out)]) == EXIT_OK
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    assert main(["export", "csv", "mad-men", "-o", str(out)]) == EXIT_PROBLEMS
    assert "already exists" in capsys.readouterr().err
    back = tmp_path / "back.yaml"
    assert main(["import", "csv", str(out), "-o", str(back)]) == EXIT_OK
    assert load_pack(back).questions == load_pack(MAD_MEN).questions


def test_cli_export_by_path_to_stdout(capsys):
    assert main(["export", "csv", str(MAD_MEN)]) == EXIT_OK
    assert capsys.readouterr().out.startswith("id,type,question,answer,")


def test_cli_export_unknown_pack_is_a_usage_error(capsys):
    assert main(["export", "csv", "no-such-pack"]) == EXIT_USAGE
