"""The command line as hosts' scripts use it: output, exit codes and option placement."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.packs.library import bundled_packs_dir

BIN = Path(sys.executable).parent
MAD_MEN = bundled_packs_dir() / "mad-men.yaml"

GOOD_PACK = """\
pack: {id: tiny, title: Tiny, version: "1"}
sources:
  - {id: s1, title: A source, publisher: A publisher, date: "2022-10-31"}
facts:
  - {id: f1, source: s1, statement: Two and two make four.}
questions:
  - id: q1
    type: truefalse
    fact: f1
    prompt: Two and two make four.
    answer: true
    difficulty: easy
"""


def run_trivia(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
    """Run the installed `trivia` entry point as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [str(BIN / "trivia"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=60,
    )


def test_version_prints_the_package_version(capsys):
    from trivia import __version__

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == EXIT_OK
    assert capsys.readouterr().out.strip() == f"trivia {__version__}"


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["play", "--bogus"])
    assert exit_info.value.code == EXIT_USAGE
    assert "--bogus" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["--save-dir", "{d}", "where"], ["where", "--save-dir", "{d}"]],
    ids=["before-subcommand", "after-subcommand"],
)
def test_save_dir_works_before_or_after_the_subcommand(argv, tmp_path, capsys):
    argv = [a.replace("{d}", str(tmp_path)) for a in argv]
    assert main(argv) == EXIT_OK
    out = capsys.readouterr().out
    assert f"saves:    {tmp_path}" in out
    assert "(--save-dir)" in out


def test_packs_dir_given_in_both_places_adds_both(tmp_path, capsys):
    first, second = tmp_path / "one", tmp_path / "two"
    assert main(["--packs-dir", str(first), "where", "--packs-dir", str(second)]) == EXIT_OK
    out = capsys.readouterr().out
    assert str(first) in out and str(second) in out


def test_save_dir_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRIVIA_SAVE_DIR", str(tmp_path))
    assert main(["where"]) == EXIT_OK
    assert "($TRIVIA_SAVE_DIR)" in capsys.readouterr().out


def test_packs_lists_the_bundled_pack_from_any_directory(tmp_path):
    result = run_trivia("packs", cwd=tmp_path)
    assert result.returncode == EXIT_OK, result.stderr
    assert "mad-men" in result.stdout
    from trivia.packs import load_pack

    count = len(load_pack(MAD_MEN).questions)
    assert count >= 40
    assert str(count) in result.stdout


def test_packs_reports_a_broken_pack_in_an_extra_dir(tmp_path, capsys):
    (tmp_path / "broken.yaml").write_text("pack: [", encoding="utf-8")
    assert main(["packs", "--packs-dir", str(tmp_path)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "invalid" in out and "broken.yaml" in out


def test_validate_bundled_packs_pass(capsys):
    assert main(["validate", str(MAD_MEN)]) == EXIT_OK


def test_validate_reports_file_line_col_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD_PACK.replace("difficulty: easy", "difficulty: eazy"), encoding="utf-8")
    assert main(["validate", str(bad)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    line = GOOD_PACK.splitlines().index("    difficulty: easy") + 1
    assert f"{bad}:{line}:" in out


def test_validate_accepts_a_directory(tmp_path, capsys):
    (tmp_path / "tiny.yaml").write_text(GOOD_PACK, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == EXIT_OK
    assert "tiny.yaml" in capsys.readouterr().out


def test_counts_are_worded_singular_and_plural_not_with_s_in_brackets(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD_PACK.replace("difficulty: easy", "difficulty: eazy"), encoding="utf-8")
    assert main(["validate", str(bad)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "1 problem in 1 file" in out and "(s)" not in out
    worse = tmp_path / "worse.yaml"
    worse.write_text(GOOD_PACK.replace("answer: true", "answer: maybe"), encoding="utf-8")
    assert main(["validate", str(bad), str(worse)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "2 problems in 2 files" in out and "(s)" not in out
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "broken.yaml").write_text("pack: [", encoding="utf-8")
    assert main(["packs", "--packs-dir", str(broken)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "1 pack could not be loaded" in out and "(s)" not in out


def test_validate_missing_file_is_a_problem_not_a_crash(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == EXIT_PROBLEMS
    assert "nope.yaml" in capsys.readouterr().out


def test_schema_is_json_with_the_fixed_top_level_keys(capsys):
    assert main(["schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert {"pack", "sources", "facts", "questions"} <= set(schema["properties"])


def test_play_with_an_unknown_pack_id_is_a_usage_error(capsys):
    assert main(["play", "--pack", "no-such-pack"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "no-such-pack" in err and "mad-men" in err


def test_no_color_is_respected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("pack: [", encoding="utf-8")
    coloured = run_trivia("validate", str(bad), env={"FORCE_COLOR": "1"})
    plain = run_trivia("validate", str(bad), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    assert "\x1b[" not in plain.stdout
    assert plain.returncode == coloured.returncode == EXIT_PROBLEMS


def test_pack_text_cannot_reach_the_terminal(tmp_path, capsys):
    """An escape sequence or Rich markup in a pack is printed as typed, never obeyed.

    An escape written in quotes (`\\e`) is refused as a control character, so a bidi
    override (a format character, allowed in text) stands in for what is printed escaped."""
    (tmp_path / "sneaky.yaml").write_text(
        GOOD_PACK.replace("title: Tiny", 'title: "[red]X\\u202e[2J"'), encoding="utf-8"
    )
    assert main(["packs", "--packs-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "\u202e" not in out
    assert "[red]X\\u202e[2J" in out
    (tmp_path / "sneaky.yaml").write_text(
        GOOD_PACK.replace("title: Tiny", 'title: "[red]X\\e[2J"'), encoding="utf-8"
    )
    assert main(["packs", "--packs-dir", str(tmp_path)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "contains a control character (U+001B)" in out


def test_validate_does_not_import_textual(tmp_path):
    pack = tmp_path / "tiny.yaml"
    pack.write_text(GOOD_PACK, encoding="utf-8")
    code = (
        "import sys\n"
        "from trivia.cli import main\n"
        f"rc = main(['validate', {str(pack)!r}])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO-TEXTUAL', rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().endswith("NO-TEXTUAL 0"), result.stdout + result.stderr


def test_python_dash_m_trivia_works():
    result = subprocess.run(
        [sys.executable, "-m", "trivia", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == EXIT_OK
    assert result.stdout.startswith("trivia ")


def test_party_needs_two_to_eight_players(capsys):
    assert main(["party", "--players", "Ann"]) == EXIT_USAGE
    assert "2-8" in capsys.readouterr().err


def test_party_players_and_teams_are_exclusive(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["party", "--players", "Ann,Bo", "--teams", "Red,Blue"])
    assert exit_info.value.code == EXIT_USAGE


def test_bare_trivia_skips_the_parser_but_parses_the_same():
    """Bare `trivia` builds no parser (it delays Home's first paint), yet gets the same args."""
    from trivia.cli import _bare_args, _merge_globals, build_parser

    assert vars(_bare_args()) == vars(_merge_globals(build_parser().parse_args([])))


@pytest.mark.parametrize(
    ("argv", "extra_dirs"), [([], None), (["--packs-dir", "extra"], ["extra"])]
)
def test_bare_trivia_opens_home(monkeypatch, tmp_path, argv, extra_dirs):
    """Home gets the usual pack dirs from its own scan unless --packs-dir adds some."""
    import gc

    import trivia.tui.app

    calls = []

    def fake_main_tui(**kwargs):
        calls.append(kwargs)
        if kwargs.pop("collector_paused"):
            gc.enable()
        return EXIT_OK

    monkeypatch.setattr(trivia.tui.app, "main_tui", fake_main_tui)
    monkeypatch.setenv("TRIVIA_SAVE_DIR", str(tmp_path))
    assert main(argv) == EXIT_OK
    assert gc.isenabled()
    [call] = calls
    assert call["save_dir"] == tmp_path
    if extra_dirs is None:
        assert call["pack_dirs"] is None
    else:
        assert [d.path for d in call["pack_dirs"] if d.origin == "extra"] == [Path("extra")]


def test_validate_prints_odd_file_names_as_typed(tmp_path, capsys):
    odd = tmp_path / "[bold]x[link=y].yaml"
    odd.write_text(GOOD_PACK, encoding="utf-8")
    assert main(["validate", str(odd)]) == EXIT_OK
    assert "[bold]x[link=y].yaml" in capsys.readouterr().out


def test_schema_to_an_unwritable_place_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")]) == EXIT_PROBLEMS
    assert "cannot write the schema" in capsys.readouterr().err


def test_practice_with_a_refused_profile_name_is_a_usage_error(tmp_path, capsys):
    argv = ["play", "--mode", "practice", "--profile", "x" * 40, "--save-dir", str(tmp_path)]
    assert main(argv) == EXIT_USAGE
    assert "trivia play:" in capsys.readouterr().err


def _fake_tui(monkeypatch, capsys) -> list[dict]:
    """Replace the TUI: each call records its arguments and what stderr held by then."""
    import trivia.tui.app

    calls: list[dict] = []

    def fake_main_tui(**kwargs):
        calls.append({**kwargs, "stderr_before": capsys.readouterr().err})
        return EXIT_OK

    monkeypatch.setattr(trivia.tui.app, "main_tui", fake_main_tui)
    return calls


def test_play_help_lists_the_tag_and_difficulty_filters(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["play", "--help"])
    assert exit_info.value.code == EXIT_OK
    out = capsys.readouterr().out
    assert "--tag TAG" in out
    assert "--difficulty {easy,medium,hard}" in out


def test_play_difficulties_are_the_pack_models():
    from trivia.cli import DIFFICULTIES
    from trivia.packs.model import Difficulty

    assert tuple(d.value for d in Difficulty) == DIFFICULTIES


def test_play_tag_and_difficulty_filter_the_round_as_home_does(monkeypatch, tmp_path, capsys):
    """`--tag`/`--difficulty` reach the round's config, and the round built from it asks
    only questions that pass both (Mad Men has 10 medium or hard `episodes` questions)."""
    from trivia.game import build_round
    from trivia.packs.model import Difficulty

    calls = _fake_tui(monkeypatch, capsys)
    argv = ["play", "--tag", "episodes", "--difficulty", "hard", "--difficulty", "medium"]
    assert main([*argv, "--seed", "3", "--save-dir", str(tmp_path)]) == EXIT_OK
    [call] = calls
    config = call["start_round"]
    assert config.tags == {"episodes"}
    assert config.difficulties == {Difficulty.HARD, Difficulty.MEDIUM}
    round_ = build_round(call["start_packs"], config)
    assert round_.current.total == 10
    assert call["stderr_before"] == ""
    for _ in range(round_.current.total):
        question = round_.current.question
        assert "episodes" in question.tags
        assert question.difficulty in {Difficulty.HARD, Difficulty.MEDIUM}
        round_.answer(question.answer)
        round_.next()


def test_play_says_on_stderr_before_the_tui_when_the_filters_shrink_the_round(
    monkeypatch, tmp_path, capsys
):
    """Mad Men has 4 `awards` questions: a quick round of 10 will have 4, and the player is
    told so before the game opens."""
    calls = _fake_tui(monkeypatch, capsys)
    assert main(["play", "--tag", "awards", "--save-dir", str(tmp_path)]) == EXIT_OK
    [call] = calls
    assert (
        "4 of 10 asked match: the round will have 4 (tag awards in mad-men)"
        in (call["stderr_before"])
    )


def test_play_is_quiet_when_the_filters_leave_enough(monkeypatch, tmp_path, capsys):
    calls = _fake_tui(monkeypatch, capsys)
    argv = ["play", "--tag", "cast", "--questions", "5", "--save-dir", str(tmp_path)]
    assert main(argv) == EXIT_OK
    [call] = calls
    assert call["stderr_before"] == ""


def test_play_with_filters_that_match_nothing_exits_2_naming_the_filter(
    monkeypatch, tmp_path, capsys
):
    calls = _fake_tui(monkeypatch, capsys)
    argv = ["play", "--tag", "no-such-tag", "--difficulty", "hard", "--save-dir", str(tmp_path)]
    assert main(argv) == EXIT_USAGE
    assert calls == []
    err = capsys.readouterr().err
    assert "no question matches tag no-such-tag, difficulty hard in mad-men" in err
    assert "tags in mad-men: awards," in err


def test_play_with_filters_that_match_nothing_exits_non_zero_as_a_process(tmp_path):
    result = run_trivia("play", "--tag", "no-such-tag", "--save-dir", str(tmp_path))
    assert result.returncode == EXIT_USAGE
    assert "tag no-such-tag" in result.stderr
    assert result.stdout == ""


def test_play_daily_refuses_filters(monkeypatch, tmp_path, capsys):
    calls = _fake_tui(monkeypatch, capsys)
    argv = ["play", "--mode", "daily", "--tag", "cast", "--save-dir", str(tmp_path)]
    assert main(argv) == EXIT_USAGE
    assert calls == []
    assert "do not apply to --mode daily" in capsys.readouterr().err


def test_play_practice_keeps_to_the_filters(monkeypatch, tmp_path, capsys):
    from trivia.packs import load_pack

    calls = _fake_tui(monkeypatch, capsys)
    argv = ["play", "--mode", "practice", "--tag", "quotes", "--save-dir", str(tmp_path)]
    assert main(argv) == EXIT_OK
    [call] = calls
    quotes = {q.id for q in load_pack(MAD_MEN).questions if "quotes" in q.tags}
    assert set(call["start_round"].question_ids) == quotes
    assert (
        "5 of 10 asked match: the round will have 5 (tag quotes in mad-men)"
        in (call["stderr_before"])
    )
