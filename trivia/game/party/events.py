"""What happens in a party: its phases, the events it records, and the host's actions,
without a UI.

Everything that happens is an event, a plain JSON-ready dict with a `seq`, a party time
`t` and a `type` from `EventType`; the party's state is what applying its events in order
gives (`trivia.game.party.machine`, one handler per type in a dispatch table). `describe`
says an event in a few words, for the host's "Undo: ..." line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from trivia.game.answers import Response
from trivia.game.party.roster import Player
from trivia.game.scoring import format_points

TIME_DIGITS = 6
"""Party times are rounded to the microsecond, so they survive JSON and compare the same
in every process."""

EPSILON = 1e-9
"""Absorbs float noise at exact boundaries of party time (the lock-out)."""


class PartyPhase(StrEnum):
    """Where the party is."""

    READING = "reading"
    """The prompt is shown, the options not yet (the host reads it out)."""
    OPEN = "open"
    """Options shown: answering, buzzing or marking."""
    REVEAL = "reveal"
    """The question is settled: the answer, who scored, and the leaderboard if shown."""
    FINISHED = "finished"
    """No question left, or the host ended the party: the podium."""


class BuzzResult(StrEnum):
    """What became of a buzz; the UI flashes it by the player's mark."""

    ANSWERING = "answering"
    """First valid buzz: this player answers now."""
    EARLY = "early"
    """Before the options were shown: locked out for the lock-out time."""
    LOCKED = "locked"
    """Still locked out after an early buzz: ignored."""
    TOO_LATE = "too_late"
    """Another player buzzed first: ignored."""
    OUT = "out"
    """This player already answered this question wrong: ignored."""
    CLOSED = "closed"
    """Not a moment for buzzing (paused, revealed, finished, not buzzer style): ignored."""


class EventType(StrEnum):
    """The kinds of event a party records (an event's `type`)."""

    OPEN = "open"
    """The host showed the options (READING -> OPEN)."""
    EARLY_BUZZ = "early_buzz"
    """A buzz before the options: the player is locked out for a moment."""
    BUZZ = "buzz"
    """A valid buzz: that player may answer."""
    ANSWER = "answer"
    """The player answering gave a response."""
    NO_ANSWER = "no_answer"
    """The player answering declined, or time ran out (`why`: "declined" or "time")."""
    MARK = "mark"
    """Master style: the host marked a player right or wrong."""
    REVEAL = "reveal"
    """The host settled the question and showed the answer."""
    NEXT = "next"
    """The host left the reveal: the next question, or the podium."""
    SKIP = "skip"
    """The host dropped the question: nothing on it counts."""
    PAUSE = "pause"
    """The host stopped the clock."""
    RESUME = "resume"
    """The host restarted it."""
    ADJUST = "adjust"
    """The host changed a score by hand, with a reason."""
    END = "end"
    """The host ended the party (the podium)."""
    UNDO = "undo"
    """The host took back the last undoable event (`undoes`: its `seq`)."""
    JOIN = "join"
    """A phone joined (`name`, `digest` of its token, `team`: its team's seat or None)."""
    KICK = "kick"
    """The host sent a phone away (`digest`)."""
    REPLY = "reply"
    """All style: one player's (or team's) answer; each answers a question once."""


UNDOABLE = frozenset(
    {
        EventType.OPEN,
        EventType.BUZZ,
        EventType.ANSWER,
        EventType.NO_ANSWER,
        EventType.MARK,
        EventType.REVEAL,
        EventType.NEXT,
        EventType.SKIP,
        EventType.ADJUST,
        EventType.END,
    }
)
"""Host-visible actions. Pauses and early buzzes are not: they are bookkeeping, and undo
should take back the last thing the host saw happen."""

QUESTION_EVENTS = frozenset(
    {
        EventType.OPEN,
        EventType.BUZZ,
        EventType.EARLY_BUZZ,
        EventType.ANSWER,
        EventType.NO_ANSWER,
        EventType.MARK,
        EventType.REVEAL,
        EventType.SKIP,
        EventType.REPLY,
    }
)
"""Events about the current question: they name it, so a replay on changed packs fails."""


class HostAction(StrEnum):
    """What a host (a screen, a remote) may ask the party to do; `Party.can` says when."""

    OPEN_OPTIONS = "open_options"
    """Show the options (`open_options`)."""
    NEXT = "next"
    """Leave the reveal (`next`)."""
    REVEAL = "reveal"
    """Settle the question now (`reveal`)."""
    SKIP = "skip"
    """Drop the question (`skip`)."""
    PAUSE = "pause"
    """Pause or resume the clock (`pause`, `resume`)."""
    END = "end"
    """End the party (`end`)."""
    UNDO = "undo"
    """Take back the last host action (`undo`)."""
    MARK = "mark"
    """Master style: mark a player (`mark`, `toggle_mark`)."""
    PICK = "pick"
    """Answer by picking an option or true/false (`answer` on a choice or true/false)."""
    TRUE_FALSE = "true_false"
    """Answer true or false (`answer` on a true/false question)."""
    DECLINE = "decline"
    """The player answering gives no answer (`decline`)."""
    SHOW_KEY = "show_key"
    """Master style: show or hide the answer key to the host (a view, not an event)."""


def describe(event: Mapping[str, Any], players: Sequence[Player]) -> str:
    """A few words about an event, for "Undone: ..." ("Bo's answer", "the reveal")."""
    kind = event.get("type")
    seat = event.get("player")
    who = players[seat].name if isinstance(seat, int) else ""
    match kind:
        case EventType.ANSWER:
            return f"{who}'s answer"
        case EventType.NO_ANSWER:
            return f"{who}'s pass" if event.get("why") == "declined" else "the time-out"
        case EventType.BUZZ:
            return f"{who}'s buzz"
        case EventType.MARK:
            return f"the mark for {who}"
        case EventType.ADJUST:
            points = format_points(event.get("points", 0), signed=True)
            return f"{points} for {who} ({event.get('reason')})"
        case EventType.OPEN:
            return "showing the options"
        case EventType.NEXT:
            return "moving on"
        case EventType.END:
            return "ending the party"
    return f"the {kind}"


def event_response(response: Response) -> Any:
    """A response as an event holds it (JSON: an order response becomes a list)."""
    if isinstance(response, str | bool | int | float):
        return response
    return [str(item) for item in response]


def response_of(value: Any) -> Response:
    """The response an event holds, as `check_answer` takes it."""
    return tuple(value) if isinstance(value, list) else value
