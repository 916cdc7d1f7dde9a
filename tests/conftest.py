"""Shared test set-up: every test gets its own bank index (a cache file) in a temp dir; a
parallel run (pytest-xdist) starts a worker more than there are cores, hands out the slow
tests first, and still fails on a stored snapshot that no test takes."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_bank_index(tmp_path_factory, monkeypatch):
    # The index is a cache in the user's cache dir by default; tests (and the CLI
    # subprocesses they start) must neither read nor write the player's.
    path = tmp_path_factory.mktemp("bank") / "bank-index.sqlite"
    monkeypatch.setenv("TRIVIA_BANK_INDEX", str(path))


# --- parallel runs: how many workers, which tests first ------------------------------------
# A Pilot test's process sleeps about a quarter of its time (Textual's pauses wait in 20 ms
# steps for the app to go idle; the store answers from its own thread), so one worker per
# core leaves the cores a quarter idle: `-n auto` starts half as many again (3 on 2 cores).
# PYTEST_XDIST_AUTO_NUM_WORKERS still overrides it, as in pytest-xdist itself.


@pytest.hookimpl(optionalhook=True)  # the hook exists only with pytest-xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """The worker count `-n auto` starts: the usable cores and half as many again."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    return cores + cores // 2


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist, hand out the slow tests first (an app driven by Pilot, a
    snapshot, or marked `slow`), each file's in their own order: the workers then end on
    short tests together instead of one waiting for the other's long one."""
    if not hasattr(config, "workerinput"):
        return  # a serial run (or the controller) keeps the files' order
    items.sort(key=lambda item: not _is_slow(item))  # stable: the order within each group stays


def _is_slow(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    return (
        inspect.iscoroutinefunction(function)
        or "snap_compare" in getattr(item, "fixturenames", ())
        or item.get_closest_marker("slow") is not None
    )


# --- stored snapshots no test takes, under pytest-xdist -------------------------------------
# Run serially, syrupy fails the run when a stored snapshot SVG belongs to no test (one left
# behind by a renamed or deleted test). Under pytest-xdist (`pytest -n auto`, the README's
# command and CI's) syrupy skips that check, so the controller makes it here, from the test
# ids the workers collected. Only for whole-file runs: a `-k`, a `::` or `--lf` selects part
# of a file, and the rest of its snapshots would look unused.

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
_COLLECTED = pytest.StashKey[set[str]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_COLLECTED] = set()


@pytest.hookimpl(optionalhook=True)  # the hook exists only with pytest-xdist
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """Record the test ids a worker collected (called in the controller)."""
    node.config.stash[_COLLECTED].update(ids)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    collected = config.stash[_COLLECTED]
    if not collected or not _whole_files_selected(config):
        return  # not the xdist controller, or only part of some file was run
    unused = _unused_snapshots(collected)
    if unused:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")  # after the progress line, which has none
            reporter.write_sep("-", "stored snapshots that no test takes")
            for path in unused:
                reporter.write_line(str(path.relative_to(SNAPSHOTS.parent.parent)))
            reporter.write_line("Delete them, or run `pytest --snapshot-update` (not in parallel).")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _whole_files_selected(config: pytest.Config) -> bool:
    if config.getoption("keyword") or config.getoption("markexpr"):
        return False
    if config.getoption("lf", False) or config.getoption("deselect", None):
        return False
    if config.getoption("--snapshot-update", False):
        return False
    return not any("::" in arg for arg in config.args)


def _unused_snapshots(test_ids: set[str]) -> list[Path]:
    # syrupy's SVG for test `tests/test_x.py::test_y[a-b]` is __snapshots__/test_x/test_y[a-b].svg.
    taken: dict[str, set[str]] = {}
    for test_id in test_ids:
        path, _, name = test_id.partition("::")
        taken.setdefault(Path(path).stem, set()).add(name)
    return sorted(
        svg
        for folder in sorted(SNAPSHOTS.iterdir())
        if folder.is_dir() and folder.name in taken
        for svg in folder.glob("*.svg")
        if svg.stem not in taken[folder.name]
    )
