"""The store thread: every store call an app makes, run one at a time on one thread.

One thread for every store call keeps them in the order the player acted (an answer is
never saved before its round) and keeps SQLite off the UI thread. Replies come back to
the app as messages (`StoreOpened`, `StoreReplied`), which `TriviaAppBase` handles.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:
    from textual.app import App

    from trivia.store import Store

STORE_POLL_SECONDS = 0.1
"""How often the idle store thread checks whether the app has ended."""


@dataclass(eq=False)
class StoreJob:
    """One call to the store, run on the store thread; the reply comes back as a message.

    Attributes:
        run: What to do with the store (runs on the store thread; blocking is fine).
        done: Called on the UI thread with `run`'s result.
        failed: Called on the UI thread with the error instead; None shows it as a
            notification ("not saved", and the game goes on).
    """

    run: Callable[[Store], Any]
    done: Callable[[Any], object] | None = None
    failed: Callable[[Exception], object] | None = None


class StoreOpened(Message):
    """The save is open (posted by the store thread); its notices are for the player."""

    def __init__(self, store: Store, problem: str | None = None) -> None:
        self.store = store
        self.problem = problem
        """An unexpected failure that left the game on an in-memory save, if any."""
        super().__init__()


class StoreReplied(Message):
    """A store job ended (posted by the store thread) with a result or an error."""

    def __init__(self, job: StoreJob, result: Any, error: Exception | None) -> None:
        self.job = job
        self.result = result
        self.error = error
        super().__init__()


class StoreThread:
    """Opens the save in `save_dir` on a worker thread, then runs the jobs queued to it.

    Args:
        app: The app the replies are posted to (and whose worker runs the thread).
        save_dir: Where the save is; None keeps it in memory only.
    """

    def __init__(self, app: App[Any], save_dir: Path | None) -> None:
        self._app = app
        self.save_dir = save_dir
        self._jobs: queue.Queue[StoreJob] = queue.Queue()
        # Jobs queued (or the store still opening) whose reply has not been handled yet.
        self._busy = 1

    def start(self) -> None:
        """Start the thread (once the first frame is on screen: it competes for the GIL)."""
        self._app.run_worker(self._keep, thread=True, exclusive=True, group="store")

    def _keep(self) -> None:
        """Open the save, then run store jobs one at a time, in order, until the app ends."""
        worker = get_current_worker()
        store, problem = self.open()
        self._app.post_message(StoreOpened(store, problem))
        try:
            while True:
                try:
                    job = self._jobs.get(timeout=STORE_POLL_SECONDS)
                except queue.Empty:
                    # Jobs queued before the app ended are run first: nothing is dropped.
                    if worker.is_cancelled:
                        return
                    continue
                try:
                    result, error = job.run(store), None
                except Exception as failure:  # noqa: BLE001 - a failed save must not end play
                    result, error = None, failure
                self._app.post_message(StoreReplied(job, result, error))
        finally:
            store.close()

    def open(self) -> tuple[Store, str | None]:
        """Open the save (on the store thread); an in-memory one if it cannot be opened.

        Returns:
            The store, and what went wrong if it is the in-memory fallback.
        """
        from trivia.store import Store

        if self.save_dir is None:
            return Store.in_memory(), None
        try:
            return Store.open(self.save_dir), None
        except Exception as error:  # noqa: BLE001 - `Store.open` handles bad saves; anything
            # else it missed must not stop the game either.
            return Store.in_memory(), (
                f"The save in {self.save_dir} could not be opened ({error}). Progress this "
                "session is kept in memory only."
            )

    def call(
        self,
        run: Callable[[Store], Any],
        done: Callable[[Any], object] | None = None,
        *,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Queue `run(store)`, to run after every call queued before it (UI thread)."""
        self._busy += 1
        self._jobs.put(StoreJob(run, done, failed))

    def replied(self) -> None:
        """Count a reply (or the opening) as handled (UI thread)."""
        self._busy -= 1

    @property
    def idle(self) -> bool:
        """Whether the save is open and every call has come back."""
        return self._busy == 0
