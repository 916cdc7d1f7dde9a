"""No import deadlock between the main thread and the app's worker threads.

After Home's first paint the store thread and the pack scan import game and store modules
while the main thread imports the round's (a player pressing Enter at once). Python takes
a module's import lock before importing its parent package, so a package whose
`__init__` imports its own submodules can deadlock against a thread importing one of
them: thread A holds `trivia.game` and waits for `trivia.game.leitner`, thread B holds
`trivia.game.leitner` and waits for `trivia.game`. Python then raises `_DeadlockError`
in one thread: `benchmarks/startup.py` crashed the app that way about one launch in ten
(Enter on Home: `home.py` -> `trivia/game/__init__.py` -> `practice.py` -> `leitner`).

So every package that is first imported after the first paint is lazy (`trivia.lazy`): its names are
looked up on first use (PEP 562 `__getattr__`), and importing it imports no submodule.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import trivia

FIRST_PAINT_MODULES = """
import json, sys
import trivia.cli  # the entry point, imported before the app as `trivia` runs it
from trivia.tui.app import TriviaApp

class Probe(TriviaApp):
    def on_ready(self) -> None:
        # Before TriviaApp.on_ready starts the store thread and the pack scan.
        self.seen = sorted(sys.modules)
        self.exit()

app = Probe(save_dir=None)
app.run(headless=True, size=(100, 30))
print(json.dumps(app.seen))
"""

SUBMODULES_LOADED = """
import importlib, json, sys
package = sys.argv[1]
importlib.import_module(package)
print(json.dumps(sorted(name for name in sys.modules if name.startswith(package + "."))))
"""


def _run(code: str, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def _packages() -> list[str]:
    return [
        module.name for module in pkgutil.walk_packages(trivia.__path__, "trivia.") if module.ispkg
    ]


def test_packages_imported_after_the_first_paint_import_no_submodule():
    painted = set(_run(FIRST_PAINT_MODULES))
    late = [package for package in _packages() if package not in painted]
    # The rules the worker threads import with the main thread: they must be here.
    assert {"trivia.game", "trivia.game.party"} <= set(late)
    eager = {package: _run(SUBMODULES_LOADED, package) for package in late}
    assert {package: loaded for package, loaded in eager.items() if loaded} == {}


def test_a_lazy_package_still_gives_every_name_it_exports():
    import trivia.game
    import trivia.game.party

    for package in (trivia.game, trivia.game.party):
        missing = [name for name in package.__all__ if not hasattr(package, name)]
        assert missing == []
    from trivia.game import Round
    from trivia.game.round import Round as defined

    assert Round is defined
