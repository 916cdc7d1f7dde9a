"""The keys every screen of the game has (the apps' `BINDINGS`; help lists them first)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark,f1", "help", "Keys", id="help", tooltip="Every key, on one page"),
    Binding("ctrl+q", "quit", "Quit", id="quit", show=False, priority=True),
]
