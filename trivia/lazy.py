"""Lazy packages: a package's names imported from their modules when first asked for.

A package first imported after Home's first paint (`trivia.game`, `trivia.game.party`,
`trivia.serve`, `trivia.store`) must not import its own submodules in `__init__`: the
store thread, the pack scan and the main thread import game modules at the same moment,
and Python takes a module's import lock before importing its parent package, so an eager
`__init__` can deadlock against a thread importing one of its submodules
(`tests/test_import_threads.py`).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The `__getattr__` (PEP 562) of `package`: each name in `where` (name -> the module
    that defines it) imported on first use, then kept in the package as a plain attribute."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
