"""The rules layers stay plain Python: importing them pulls in no UI and no database."""

from __future__ import annotations

import subprocess
import sys


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
