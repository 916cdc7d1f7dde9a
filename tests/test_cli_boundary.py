"""The command line's boundary (`trivia.cli.boundary`): whatever the world does to a command,
one sentence and exit 1 or 2, never a traceback; a real bug goes to a log in the save dir."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.cli.boundary import ERROR_LOG
from trivia.packs.library import bundled_packs_dir

BIN = Path(sys.executable).parent
MAD_MEN = bundled_packs_dir() / "mad-men.yaml"
LONG = "x" * 300  # longer than the 255 bytes a file name may have on Linux and macOS

# Every command that takes a path, with the too-long name in each of its path arguments.
LONG_NAME_COMMANDS = [
    ["validate", f"{LONG}.yaml"],
    ["validate", str(MAD_MEN), f"{LONG}.yaml"],
    ["lint", f"{LONG}.yaml"],
    ["play", "--pack", f"{LONG}.yaml"],
    ["party", "--pack", f"{LONG}.yaml", "--players", "Ann,Bo"],
    ["export", "csv", f"{LONG}.yaml"],
    ["export", "csv", "mad-men", "-o", f"{LONG}.csv"],
    ["import", "opentdb", f"{LONG}.json", "-o", "out.yaml"],
    ["import", "csv", f"{LONG}.csv", "-o", "out.yaml"],
    ["import", "csv", "sheet.csv", "-o", f"{LONG}.yaml"],
    ["new", f"{LONG}.yaml"],
    ["schema", "-o", f"{LONG}.json"],
    ["preview", f"{LONG}.yaml"],
    ["--packs-dir", LONG, "packs"],
    ["--packs-dir", LONG, "stats"],
    ["--packs-dir", LONG, "where"],
]


@pytest.mark.parametrize("argv", LONG_NAME_COMMANDS, ids=lambda argv: " ".join(argv)[:40])
def test_a_file_name_too_long_for_the_system_is_a_sentence(argv, tmp_path, monkeypatch, capsys):
    """Before: `OSError: [Errno 36] File name too long` as a traceback (validate, play...)."""
    import trivia.tui.app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.csv").write_text("type,question,answer\ntext,Who?,Don\n", encoding="utf-8")
    monkeypatch.setattr(trivia.tui.app, "main_tui", lambda **_: pytest.fail("TUI started"))
    code = main([*argv, "--save-dir", str(tmp_path / "save")])
    captured = capsys.readouterr()
    both = captured.out + captured.err
    assert "Traceback" not in both
    if argv[-1] == "where":  # it only prints the directory, which it need not open
        assert code == EXIT_OK
        return
    assert code in (EXIT_PROBLEMS, EXIT_USAGE)
    assert "xxxxxxxx" in both  # the sentence names the file
    assert "too long" in both or "longer than this system allows" in both


def test_a_bug_is_reported_in_a_line_and_logged_in_the_save_dir(tmp_path, monkeypatch, capsys):
    import trivia.cli.packs

    def broken(args):
        raise RuntimeError("a bug in the program")

    monkeypatch.setattr(trivia.cli.packs, "cmd_schema", broken)
    assert main(["schema", "--save-dir", str(tmp_path)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "please report" in err
    log = tmp_path / ERROR_LOG
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: a bug in the program" in text


def test_huge_seeds_and_question_counts_are_usage_errors(capsys):
    """A seed past 64 bits was accepted, then could not be saved with the round."""
    for argv in (
        ["play", "--seed", "9" * 30],
        ["play", "--seed", "9" * 5000],
        ["party", "--questions", "9" * 5000],
        ["play", "--questions", "2000000"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == EXIT_USAGE
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err) < 1000


def trivia(*args: str, **options) -> subprocess.CompletedProcess[str]:
    """The installed `trivia` as a shell runs it."""
    env = {**os.environ, **options.pop("env", {})}
    return subprocess.run(
        [str(BIN / "trivia"), *args], capture_output=True, text=True, env=env, timeout=30,
        **options,
    )  # fmt: skip


@pytest.mark.parametrize(
    "argv",
    [
        ["packs"],
        ["schema"],
        ["lint", "--rules"],
        ["validate", str(MAD_MEN)],
        ["export", "csv", "mad-men", "-o", "-"],
        ["where"],
    ],
    ids=" ".join,
)
def test_output_to_a_closed_pipe_is_no_error(argv, tmp_path):
    """`trivia packs | head -1`: the reader has gone before the first line is written."""
    read, write = os.pipe()
    os.close(read)  # the reader has left before `trivia` writes anything
    try:
        process = subprocess.run(
            [str(BIN / "trivia"), *argv, "--save-dir", str(tmp_path)],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    finally:
        os.close(write)
    assert process.returncode == EXIT_OK, process.stderr
    assert process.stderr == ""


@pytest.mark.parametrize(
    "argv", [[], ["play"], ["party"], ["party", "--display"], ["preview", str(MAD_MEN)]], ids=str
)
def test_the_game_without_a_terminal_says_so(argv, tmp_path):
    """No stdin (`</dev/null`): before, the app started and waited forever for keys."""
    result = trivia(*argv, "--save-dir", str(tmp_path), stdin=subprocess.DEVNULL)
    assert result.returncode == EXIT_USAGE
    assert "needs a terminal" in result.stderr
    assert "Traceback" not in result.stderr


def test_term_dumb_changes_nothing_for_the_commands(tmp_path):
    result = trivia("validate", str(MAD_MEN), env={"TERM": "dumb"})
    assert result.returncode == EXIT_OK and "Traceback" not in result.stderr
    result = trivia("packs", env={"TERM": "dumb"}, stdin=subprocess.DEVNULL)
    assert result.returncode == EXIT_OK and "mad-men" in result.stdout


def test_term_dumb_in_a_real_terminal_paints_home(tmp_path):
    """On a pseudo-terminal with TERM=dumb the game starts, paints Home and exits cleanly."""
    marker = tmp_path / "painted"
    env = {
        **os.environ,
        "TERM": "dumb",
        "TRIVIA_EXIT_AFTER_FIRST_PAINT": str(marker),
        "TRIVIA_SAVE_DIR": str(tmp_path),
    }
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [str(BIN / "trivia")], stdin=secondary, stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    output = b""
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        try:
            output += os.read(primary, 65536)
        except OSError:
            break
    process.wait(timeout=10)
    os.close(primary)
    assert process.returncode == EXIT_OK
    assert marker.exists()
    assert b"Traceback" not in output


def test_a_file_name_that_is_not_utf8_prints_as_an_escape(tmp_path):
    """Before: with an ASCII-only (or strict UTF-8) output, Rich's UnicodeEncodeError."""
    name = os.fsdecode(b"\xff\xfe.yaml")
    (tmp_path / name).write_bytes(MAD_MEN.read_bytes())
    for encoding in ("ascii", "utf-8"):
        result = trivia(
            "validate", str(tmp_path / name), env={"PYTHONIOENCODING": encoding}, cwd=tmp_path
        )
        assert result.returncode == EXIT_OK, result.stderr
        assert "\\udcff\\udcfe.yaml" in result.stdout
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "argv", [["schema"], ["export", "csv", "mad-men"], ["stats", "--json"], ["packs"]], ids=" ".join
)
def test_a_closed_stdout_is_no_error(argv, tmp_path):
    """`trivia schema >&-`: before, `sys.stdout.write` on None was an AttributeError."""
    result = subprocess.run(
        ["sh", "-c", f'"$0" "$@" --save-dir "{tmp_path}" >&-', str(BIN / "trivia"), *argv],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stderr == ""


def test_import_from_a_closed_stdin_is_a_usage_error(tmp_path):
    """`trivia import csv - -o OUT <&-`: before, `sys.stdin.buffer` on None."""
    out = tmp_path / "out.yaml"
    result = subprocess.run(
        ["sh", "-c", '"$0" import csv - -o "$1" <&-', str(BIN / "trivia"), str(out)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == EXIT_USAGE
    assert "standard input" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
