"""The store's modules: one per thing stored, none too long, and no import cycle among them."""

from __future__ import annotations

import ast
from pathlib import Path

import trivia.store
from trivia.store import Store

STORE = Path(trivia.store.__file__).parent


def store_imports(path: Path) -> set[str]:
    """The `trivia.store.*` modules a store module imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "trivia.store":
                found.update(f"trivia.store.{alias.name}" for alias in node.names)
            elif node.module.startswith("trivia.store."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("trivia.store."))
    return found


def test_no_import_cycle_between_the_stores_modules() -> None:
    graph = {
        f"trivia.store.{path.stem}": store_imports(path)
        for path in STORE.glob("*.py")
        if path.stem != "__init__"
    }
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert graph["trivia.store.errors"] == set()


def test_every_store_module_stays_under_700_lines() -> None:
    lengths = {path.name: len(path.read_text().splitlines()) for path in STORE.glob("*.py")}
    assert {name: n for name, n in lengths.items() if n >= 700} == {}


def test_the_store_keeps_every_part_of_its_interface() -> None:
    names = {
        "open", "in_memory", "open_read_only", "close", "path", "notices", "now",
        "profiles", "get_profile", "create_profile", "rename_profile", "pick_profile",
        "last_profile", "profile_for_play",
        "start_round", "record_answer", "note_question", "finish_round", "abandon_round",
        "claim_round", "release_round", "saved_round", "unfinished_rounds", "restore_round",
        "daily_attempt", "boxes", "due_questions", "mastery",
        "start_party", "claim_party", "release_party", "append_party_event",
        "last_party_event", "party_pulse", "party_events", "saved_party",
        "unfinished_parties", "restore_party", "note_party_clock", "finish_party",
        "abandon_party", "export_party",
        "stats", "best_score", "flagged_questions", "all_stats",
    }  # fmt: skip
    assert sorted(name for name in names if not hasattr(Store, name)) == []
