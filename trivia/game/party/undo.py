"""Undo: how the host takes back the last thing, exactly.

An undo drops its target (the last host action) and the bookkeeping after it (pauses,
early buzzes), then rebuilds the state from the events before it, so scores, streaks,
turn and phase are exactly what they were. What the players did since (phones joining,
all-style replies) is applied again where it still fits (`PhoneRoom._carry_players`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from trivia.game.clock import QuestionClock
from trivia.game.party.events import PartyPhase
from trivia.game.party.phones import PhoneRoom
from trivia.game.party.roster import PartyError, PartyStateError

if TYPE_CHECKING:
    from trivia.game.party.state import PartyState


class Undoing(PhoneRoom):
    """The undo part of a `Party` (`Party.undo` records the event; this applies it)."""

    if TYPE_CHECKING:  # the machine's own, used here

        def _fresh_state(self) -> PartyState: ...

    def _apply_undo(self, e: Mapping[str, Any]) -> None:
        target = self._undo_target()
        if target is None:
            raise PartyStateError("nothing to undo")
        if e.get("undoes") != target["seq"]:
            raise PartyError(f"undo of event {e.get('undoes')}, but the last is {target['seq']}")
        was_paused = self._state.paused_at is not None
        t = float(e["t"])
        # Drop the target and the bookkeeping after it (pauses, early buzzes), then
        # rebuild: the state is then exactly what it was before the target.
        cut = next(i for i, ev in enumerate(self._effective) if ev["seq"] == target["seq"])
        kept, dropped = self._effective[:cut], self._effective[cut + 1 :]
        self._state = self._fresh_state()
        self._effective = []
        for event in kept:
            self._apply_action(event)
            self._effective.append(event)
        self._carry_players(dropped)
        s = self._state
        if was_paused != (s.paused_at is not None):
            # The pause is the host's present, not part of what is undone; recorded as
            # bookkeeping so the next rebuild keeps it too.
            marker = {"seq": e["seq"], "t": t, "type": "pause" if was_paused else "resume"}
            self._apply_action(marker)
            self._effective.append(marker)
        if s.phase is PartyPhase.OPEN:
            # A reopened question gets a fresh clock: the host may have taken a while.
            paused = s.paused_at is not None
            s.clock = QuestionClock(t, self._limit(), t if paused else None)
            if paused:
                s.paused_at = t
