"""Counts in sentences: singular for one, plural otherwise, never "(s)"."""

from __future__ import annotations

import subprocess
import sys

from trivia.wording import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "round") == "1 round"
    assert counted(0, "round") == "0 rounds"
    assert counted(2, "problem") == "2 problems"
    assert counted(1, "match", "matches") == "1 match"
    assert counted(3, "match", "matches") == "3 matches"
    assert counted(12_000, "answer") == "12,000 answers"


def test_wording_pulls_in_no_ui() -> None:
    code = "import sys, trivia.wording\nprint('textual' in sys.modules or 'rich' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
