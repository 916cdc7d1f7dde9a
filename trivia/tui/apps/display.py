"""The projector display's app (`trivia party --display`): read-only, beside the host.

It follows the host's save (opened read only) and shows the party's stage; it has no
store thread of its own and asks nothing before quitting, so it builds on Textual's `App`
with the game's theme and breakpoints rather than on `TriviaAppBase`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

from trivia.tui.app_base import HORIZONTAL_BREAKPOINTS, TUI_DIR, VERTICAL_BREAKPOINTS, Clock
from trivia.tui.theme import FAN_TRIVIA_THEME

if TYPE_CHECKING:
    from trivia.packs.library import PackDir
    from trivia.packs.model import Pack
    from trivia.store import Store


class PartyDisplayApp(App[None]):
    """The read-only projector display (`trivia party --display`).

    Args:
        save_dir: The host's save directory.
        packs: The packs (tests); None reads `pack_dirs` in a worker.
        pack_dirs: Where to look for packs.
        clock: The display's clock.
        open_store: How to open the save (tests); default `Store.open_read_only`.
    """

    # The default screen's own CSS_PATH is not loaded: its stylesheets are read here.
    CSS_PATH = [
        TUI_DIR / "app.tcss",
        TUI_DIR / "screens" / "party_stage.tcss",
        TUI_DIR / "screens" / "party_display.tcss",
    ]
    TITLE = "Fan Trivia · display"
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    def __init__(
        self,
        save_dir: Path | None,
        packs: Sequence[Pack] | None = None,
        *,
        pack_dirs: Sequence[PackDir] | None = None,
        clock: Clock = time.monotonic,
        open_store: Callable[[Path | None], Store] | None = None,
    ) -> None:
        super().__init__()
        self.register_theme(FAN_TRIVIA_THEME)
        self.theme = FAN_TRIVIA_THEME.name
        self.save_dir = save_dir
        self._packs = list(packs) if packs is not None else None
        self._pack_dirs = list(pack_dirs) if pack_dirs is not None else None
        self.clock = clock
        self._open_store = open_store

    def get_default_screen(self):  # type: ignore[no-untyped-def]
        from trivia.tui.screens.party_display import PartyDisplayScreen

        return PartyDisplayScreen(
            self.save_dir, self._packs, clock=self.clock, open_store=self._open_store
        )

    def on_mount(self) -> None:
        if self._packs is None:
            self._scan()

    def _scan(self) -> None:
        def scan() -> list[Pack]:
            from trivia.packs.library import pack_dirs, scan

            entries = scan(self._pack_dirs if self._pack_dirs is not None else pack_dirs())
            return [e.pack for e in entries if e.pack is not None and e.shadowed_by is None]

        def read() -> None:
            packs = scan()
            self.call_from_thread(self._packs_read, packs)

        self.run_worker(read, thread=True, exclusive=True, group="packs")

    def _packs_read(self, packs: list[Pack]) -> None:
        from trivia.tui.screens.party_display import PartyDisplayScreen

        screen = self.screen
        if isinstance(screen, PartyDisplayScreen):
            screen.packs_ready(packs)


def create_display_app(
    save_dir: Path | None,
    packs: Sequence[Pack] | None = None,
    *,
    pack_dirs: Sequence[PackDir] | None = None,
    clock: Clock = time.monotonic,
) -> PartyDisplayApp:
    """Build the projector display app; see `PartyDisplayApp`."""
    return PartyDisplayApp(save_dir, packs, pack_dirs=pack_dirs, clock=clock)


def main_display(
    *,
    save_dir: Path | None = None,
    pack_dirs: Sequence[PackDir] | None = None,
) -> int:
    """Run the projector display (`trivia party --display`) until it is quit (ctrl+q).

    Args:
        save_dir: The host's save directory (None resolves it as `trivia` does).
        pack_dirs: Where to look for packs (the same as the host's).

    Returns:
        The exit code (0).
    """
    if save_dir is None:
        from trivia.store.paths import resolve_save_dir

        save_dir = resolve_save_dir().directory
    app = create_display_app(save_dir, pack_dirs=pack_dirs)
    app.run()
    return app.return_code or 0
