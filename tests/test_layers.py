"""The rules layers stay plain Python: importing them pulls in no UI and no database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_game_and_packs_import_neither_ui_nor_database() -> None:
    code = (
        "import sys, trivia.game, trivia.packs, trivia.packs.model\n"
        "bad = sorted(m for m in ('textual', 'sqlite3', 'rich') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_no_test_imports_the_tests_folder_as_a_package() -> None:
    """CI runs the suite against the installed package, where `tests` is no package: test
    modules import each other by module name (`from test_game_party import ...`)."""
    import re

    tests = Path(__file__).resolve().parent
    pattern = re.compile(r"^\s*(from|import)\s+tests[.\s]", re.MULTILINE)
    offenders = [p.name for p in sorted(tests.glob("*.py")) if pattern.search(p.read_text())]
    assert offenders == []
