"""The schema file the bundled packs' editor modeline points at is the generated one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trivia.packs import pack_json_schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "pack.schema.json"


@pytest.mark.skipif(not SCHEMA_FILE.exists(), reason="docs/ is not in this tree")
def test_docs_schema_matches_the_generated_one():
    """Regenerate with `trivia schema -o docs/pack.schema.json` when the format changes."""
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == pack_json_schema()
