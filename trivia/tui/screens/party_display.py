"""The projector display: follows the party the host runs, read-only, through the save.

It opens the save read-only and polls it four times a second (`PartyFeed.poll`), so it
picks up every action, undo included, within half a second. It follows the newest
unfinished party: when the host restarts and resumes, it carries on; when the host
starts a new party, it switches to it; with none, it says it is waiting. When the host
goes quiet (it checkpoints its clock each second), it says the host is disconnected and
stops the countdown, rather than showing a clock stuck at 0.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from trivia.tui.widgets.party_stage import PartyStage
from trivia.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from trivia.packs.model import Pack
    from trivia.store import PartyFeed, Store

POLL_SECONDS = 0.25
"""How often the display reads the save for new events."""

LOOK_EVERY = 4
"""Polls between looks for a newer party (once a second)."""

WAITING = "Waiting for the host…"

HOST_GONE = (
    "HOST DISCONNECTED · the scores are saved: the party carries on here when the host resumes it"
)


class PartyDisplayScreen(Screen[None]):
    """Show the host's party on a second terminal; it never changes anything.

    Args:
        save_dir: The host's save directory.
        packs: The packs, or None while they are still being read (`packs_ready` later).
        clock: The display's clock (the countdown counts on it).
    """

    CSS_PATH = ["party_stage.tcss", "party_display.tcss"]

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", id="display.quit")]

    def __init__(
        self,
        save_dir: Path | None,
        packs: Sequence[Pack] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        open_store: Callable[[Path | None], Store] | None = None,
    ) -> None:
        super().__init__()
        self.save_dir = save_dir
        self.packs = list(packs) if packs is not None else None
        self.clock = clock
        self._open_store = open_store or _open_read_only
        self.store: Store | None = None
        self.feed: PartyFeed | None = None
        """What the display follows (None: waiting)."""
        self.feed_id: int | None = None
        """The id of the party followed, or None."""
        self._polls = 0
        self._why_waiting = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="display", classes="body"):
            yield Static(id="display-waiting")
            yield Static(HOST_GONE, id="display-gone")
            yield PartyStage(id="stage")
        yield TooSmall()
        yield Footer()

    def on_mount(self) -> None:
        self._show()
        self.set_interval(POLL_SECONDS, self.poll, name="display-poll")
        self.poll()

    def on_unmount(self) -> None:
        if self.store is not None:
            self.store.close()

    def packs_ready(self, packs: Sequence[Pack]) -> None:
        """The packs have been read: start following."""
        self.packs = list(packs)
        self.poll()

    def poll(self) -> None:
        """Read the save: new events of the party followed, or a newer party to follow."""
        from trivia.game.party import PartyError
        from trivia.store import StoreError

        if self.packs is None:
            self._why_waiting = "Reading the packs…"
            self._show()
            return
        look = self._polls % LOOK_EVERY == 0 or self.feed is None
        self._polls += 1
        try:
            if self.store is None:
                self.store = self._open_store(self.save_dir)
            if look:
                self._look_for_party()
            changed = self.feed.poll() if self.feed is not None else False
        except (StoreError, PartyError) as error:
            self._why_waiting = str(error)
            if isinstance(error, PartyError):
                self.feed, self.feed_id = None, None
            changed = True
        if changed or self.feed is not None:
            # Redrawn on every poll while following: lock-outs and the clock move on.
            self._show()

    def _look_for_party(self) -> None:
        from trivia.store import NotResumable, PartyFeed

        assert self.store is not None and self.packs is not None
        unfinished = self.store.unfinished_parties()
        newest = unfinished[0] if unfinished else None
        if newest is None:
            if self.feed is not None and not self.feed.party.finished:
                # Abandoned (the host started afresh): nothing to show until a new one.
                self.feed, self.feed_id = None, None
            self._why_waiting = ""
            return
        if newest.id == self.feed_id:
            return
        try:
            self.feed = PartyFeed(self.store, newest.id, self.packs, clock=self.clock)
        except NotResumable as error:
            self.feed, self.feed_id = None, None
            self._why_waiting = f"The party cannot be shown here: {error}"
            return
        self.feed_id = newest.id
        self._why_waiting = ""

    def _show(self) -> None:
        waiting = self.query_one("#display-waiting", Static)
        stage = self.query_one(PartyStage)
        following = self.feed is not None
        waiting.display = not following
        stage.display = following
        gone = self.feed is not None and self.feed.host_gone
        self.query_one("#display-gone", Static).display = gone
        if self.feed is not None:
            stage.show(self.feed.party)
            if gone:
                stage.query_one("#stage-countdown").display = False
        else:
            waiting.update(
                Content.assemble(
                    Content.styled("FAN TRIVIA · PARTY", "bold"),
                    "\n\n",
                    Content.styled(WAITING, "bold"),
                    "\n\n",
                    Content(self._why_waiting),
                )
            )


def _open_read_only(save_dir: Path | None) -> Store:
    from trivia.store import Store

    return Store.open_read_only(save_dir)
