"""What the server tells phones and the display, read from the party (never computed).

Each function turns the party's state into one protocol message (a JSON-ready dict). A
right answer appears only in "reveal", once the party has settled the question.
"""

from __future__ import annotations

from typing import Any

from trivia.game.party import Party, PartyPhase, PartyStyle, Standing
from trivia.packs.model import QuestionType

TOP = 10
"""Lines of the leaderboard sent; the rest is "and N more"."""

LOBBY_NAMES = 100
"""Names listed in the lobby; the count says how many joined."""


def question_id(party: Party) -> str:
    """The id phones answer to: the question's number and its pack id ("3.q-pilot")."""
    view = party.current
    return "" if view is None else f"{view.number}.{view.question.id}"


def in_lobby(party: Party) -> bool:
    """Whether phones are told the lobby: the party has not shown its first question's
    options yet (in any style; the host screen's own lobby is `Party.in_lobby`)."""
    return party.before_first_options


def lobby(party: Party, title: str, room: str | None = None) -> dict[str, Any]:
    """Who has joined, before the first question; the display's also has the room code
    (`room`) for the projector to show."""
    names = [phone.name for phone in party.phones]
    message: dict[str, Any] = {
        "type": "lobby",
        "count": len(names),
        "names": names[:LOBBY_NAMES],
        "title": title,
        "teams": list(party.team_names()),
        "style": party.style.value,
    }
    if room is not None:
        message["room"] = room
    return message


def question(party: Party, answered: bool | None) -> dict[str, Any]:
    """The current question; `answered` is None for the display (which never answers)."""
    view = party.current
    assert view is not None
    kind = view.question.type
    is_open = party.phase is PartyPhase.OPEN
    message: dict[str, Any] = {
        "type": "question",
        "question": question_id(party),
        "number": view.number,
        "total": party.total,
        "kind": kind.value,
        "prompt": view.question.prompt,
        "options": list(view.options) if kind is QuestionType.CHOICE else [],
        "items": list(view.items),
        "unit": getattr(view.question, "unit", None),
        "limit": view.time_limit,
        "remaining": party.time_left(),
        "style": party.style.value,
        "open": is_open,
    }
    if answered is not None:
        message["answered"] = answered
    return message


def answered_count(party: Party) -> dict[str, Any]:
    """How many have answered the open question (all style), never what."""
    return {
        "type": "answered",
        "question": question_id(party),
        "count": len(party.replied()),
        "of": len(party.awaited()),
    }


def ranks(party: Party) -> tuple[dict[int, int], tuple[Standing, ...]]:
    """Seat -> rank, and the standings they come from (kicked players are off both)."""
    table = party.standings()
    seats = {player: seat for seat, player in enumerate(party.players)}
    return {seats[s.player]: s.rank for s in table}, table


class RevealFor:
    """The reveal as each phone sees it: the answer and its own result.

    Reads the party once (standings, totals, attempts by player), so telling 300 phones
    costs 300 lookups, not 300 passes over the room.
    """

    def __init__(self, party: Party) -> None:
        result = party.last_result
        assert result is not None
        self.rank_of, self.table = ranks(party)
        self.of = len(self.table)
        self.players = party.players
        self.totals = party.scores()
        self.attempts = {a.player: a for a in result.attempts}
        self.points: dict[Any, int] = {}
        for a in result.attempts:
            self.points[a.player] = self.points.get(a.player, 0) + a.points
        self.question = question_id(party)
        self.answer = result.answer_text

    def __call__(self, seat: int) -> dict[str, Any]:
        """The reveal for the phone(s) playing for `seat`."""
        player = self.players[seat]
        attempt = self.attempts.get(player)
        totals = self.totals[seat]
        answered = attempt is not None and not attempt.timed_out
        return {
            "type": "reveal",
            "question": self.question,
            "answer": self.answer,
            "you": {
                "right": attempt.correct if answered and attempt is not None else None,
                "points": self.points.get(player, 0),
                "streak": totals.streak,
                "score": totals.score,
                "rank": self.rank_of.get(seat, self.of),
                "of": self.of,
            },
        }


def reveal_display(party: Party) -> dict[str, Any]:
    """The reveal for the projector: the answer and, for choice and true/false, how many
    picked each option (in the order shown)."""
    result = party.last_result
    assert result is not None
    view = party.current
    message: dict[str, Any] = {
        "type": "reveal",
        "question": question_id(party),
        "answer": result.answer_text,
    }
    given = [a.response for a in result.attempts if not a.timed_out]
    if view is not None and view.question.type is QuestionType.CHOICE:
        message["counts"] = [sum(1 for r in given if r == option) for option in view.options]
    elif view is not None and view.question.type is QuestionType.TRUEFALSE:
        message["counts"] = [
            sum(1 for r in given if r is True),
            sum(1 for r in given if r is False),
        ]
    return message


def leaderboard(table: tuple[Standing, ...]) -> dict[str, Any]:
    """The top of the leaderboard and how many more there are."""
    return {
        "type": "leaderboard",
        "top": [{"name": s.player.name, "score": s.score, "rank": s.rank} for s in table[:TOP]],
        "more": max(len(table) - TOP, 0),
    }


def podium_places(table: tuple[Standing, ...]) -> list[dict[str, Any]]:
    """Places 1-3 (ties share a place, so there may be more than three names)."""
    return [{"name": s.player.name, "score": s.score, "rank": s.rank} for s in table if s.rank <= 3]


def podium_for(
    party: Party, seat: int | None, rank_of: dict[int, int], table: tuple[Standing, ...]
) -> dict[str, Any]:
    """The podium; a phone's also says where it finished."""
    message: dict[str, Any] = {"type": "podium", "places": podium_places(table)}
    if seat is not None:
        message["you"] = {
            "rank": rank_of.get(seat, len(table)),
            "of": len(table),
            "score": party.score_of(seat).score,
        }
    return message


def podiums(party: Party) -> Any:
    """`podium_for` each seat, reading the party once (for telling a whole room)."""
    rank_of, table = ranks(party)
    places = podium_places(table)
    totals = party.scores()

    def podium(seat: int) -> dict[str, Any]:
        you = {"rank": rank_of.get(seat, len(table)), "of": len(table)}
        return {"type": "podium", "places": places, "you": {**you, "score": totals[seat].score}}

    return podium


def buzz_state(party: Party) -> tuple[int | None, int] | None:
    """Buzzer style, while open: who holds the floor and how many are out (None otherwise)."""
    if party.style is not PartyStyle.BUZZER or party.phase is not PartyPhase.OPEN:
        return None
    answering = party.answering
    seat = None if answering is None else party.players.index(answering)
    return seat, len(party.out)
