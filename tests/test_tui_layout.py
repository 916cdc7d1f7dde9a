"""The TUI's modules: no import cycle in `trivia/`, none too long, and a lazy first paint."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import trivia

TRIVIA = Path(trivia.__file__).parent


def module_name(path: Path) -> str:
    """`trivia/tui/apps/game.py` -> `trivia.tui.apps.game` (a package is its `__init__`)."""
    parts = list(path.relative_to(TRIVIA.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of a module but those under `if TYPE_CHECKING:` (never run)."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)
    return found


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The `trivia` modules a module imports when it runs: at the top or in a function."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # `from pkg import mod` imports the module `pkg.mod` when there is one.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name in modules and name != here)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(TRIVIA.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def find_cycle(graph: dict[str, set[str]], among: str) -> list[str] | None:
    """A cycle through modules whose names start with `among`, or None."""
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        for target in sorted(graph.get(module, ())):
            if target.startswith(among):
                cycle = visit(target, (*path, module))
                if cycle:
                    return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        if module.startswith(among):
            cycle = visit(module, ())
            if cycle:
                return cycle
    return None


def test_the_graph_sees_function_level_imports_but_not_type_checking_ones() -> None:
    graph = import_graph()
    # `_settle_resume`'s import of the party code used to be function-level: those count.
    assert "trivia.tui.screens.question" in graph["trivia.tui.apps.rounds"]
    # The screens name the app for the type checker only: that is no import.
    assert "trivia.tui.app" not in graph["trivia.tui.screens.question"]


def test_no_import_cycle_among_the_tui_modules() -> None:
    cycle = find_cycle(import_graph(), "trivia.tui")
    assert cycle is None, " -> ".join(cycle or [])


def test_no_import_cycle_in_trivia() -> None:
    cycle = find_cycle(import_graph(), "trivia")
    assert cycle is None, " -> ".join(cycle or [])


def test_the_screens_and_widgets_never_import_an_app() -> None:
    graph = import_graph()
    apps = {"trivia.tui.app", "trivia.tui.party_main", "trivia.tui.preview"}
    apps |= {name for name in graph if name.startswith("trivia.tui.apps")}
    wrong = {
        name: sorted(graph[name] & apps)
        for name in graph
        if name.startswith(("trivia.tui.screens", "trivia.tui.dialogs", "trivia.tui.widgets"))
        and graph[name] & apps
    }
    assert wrong == {}


def test_the_dialogs_are_modal_screens_and_the_screens_are_not() -> None:
    import importlib
    import inspect

    from textual.screen import ModalScreen, Screen

    kinds: dict[str, set[bool]] = {"dialogs": set(), "screens": set()}
    for folder, found in kinds.items():
        for path in (TRIVIA / "tui" / folder).glob("*.py"):
            module = importlib.import_module(module_name(path))
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if cls.__module__ == module.__name__ and issubclass(cls, Screen):
                    found.add(issubclass(cls, ModalScreen))
    assert kinds == {"dialogs": {True}, "screens": {False}}


def test_every_tui_module_stays_under_700_lines() -> None:
    lengths = {
        str(path.relative_to(TRIVIA)): len(path.read_text(encoding="utf-8").splitlines())
        for path in (TRIVIA / "tui").rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n >= 700} == {}


def test_the_savers_are_plain_python_in_the_store() -> None:
    graph = import_graph()
    for saver in ("trivia.store.round_save", "trivia.store.party_save"):
        source = (TRIVIA.parent / (saver.replace(".", "/") + ".py")).read_text()
        assert "textual" not in source
        assert not {name for name in graph[saver] if name.startswith("trivia.tui")}


FIRST_PAINT_PROBE = """
import sys
from trivia.tui.app import TriviaApp

class Probe(TriviaApp):
    def on_ready(self) -> None:
        # Runs before TriviaApp.on_ready (which starts the store thread and the scan).
        self.seen = set(sys.modules)
        self.exit()

app = Probe(save_dir=None)
app.run(headless=True, size=(100, 30))
late = ("sqlite3", "trivia.game.party", "trivia.game.round", "trivia.tui.apps.party",
        "trivia.tui.screens.question", "trivia.tui.screens.party_host",
        "trivia.tui.screens.party_setup", "trivia.store.database")
print(sorted(name for name in late if name in app.seen))
"""


def test_the_first_paint_imports_no_party_no_question_screen_and_no_sqlite() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
