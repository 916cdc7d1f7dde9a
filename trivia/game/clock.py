"""The question clock: how long a question has been asked, paused time left out, without a UI.

The solo round and the party both time a question with a `QuestionClock`. It holds no clock
of its own: every reading is passed in (the round's injected clock, or the party's time),
so the same clock serves a live round, a replay of saved events and a test's fake time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]
"""Seconds from an arbitrary start, only ever compared with itself (`time.monotonic`)."""


@dataclass(slots=True)
class QuestionClock:
    """The clock of the question being asked.

    Attributes:
        started: The reading when the clock started, moved on by each pause so that
            `elapsed` leaves paused time out.
        limit: Seconds allowed, or None when untimed.
        paused_at: The reading when the clock was paused; None while it runs.
    """

    started: float
    limit: float | None = None
    paused_at: float | None = None

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped."""
        return self.paused_at is not None

    def elapsed(self, now: float) -> float:
        """Seconds asked at reading `now` (the pause's reading while paused), never negative."""
        reading = self.paused_at if self.paused_at is not None else now
        return max(reading - self.started, 0.0)

    def left(self, now: float) -> float | None:
        """Seconds left at reading `now`; None when untimed."""
        if self.limit is None:
            return None
        return max(self.limit - self.elapsed(now), 0.0)

    def expired(self, now: float) -> bool:
        """Whether a timed question's limit has passed at reading `now` (a timer times it out)."""
        left = self.left(now)
        return left is not None and left <= 0

    def pause(self, now: float) -> None:
        """Stop the clock at reading `now`. Idempotent."""
        if self.paused_at is None:
            self.paused_at = now

    def resume(self, now: float) -> None:
        """Restart the clock stopped by `pause`, leaving the paused time out. Idempotent."""
        if self.paused_at is not None:
            self.started += now - self.paused_at
            self.paused_at = None
