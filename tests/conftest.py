"""Shared test set-up: every test gets its own bank index (a cache file) in a temp dir."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_bank_index(tmp_path_factory, monkeypatch):
    # The index is a cache in the user's cache dir by default; tests (and the CLI
    # subprocesses they start) must neither read nor write the player's.
    path = tmp_path_factory.mktemp("bank") / "bank-index.sqlite"
    monkeypatch.setenv("TRIVIA_BANK_INDEX", str(path))
