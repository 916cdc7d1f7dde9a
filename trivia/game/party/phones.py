"""Phones in a party: players who join at run time on their own phones (up to `MAX_PHONES`),
and the all style, where every player answers each question once, as in Kahoot.

A join, a kick and each all-style answer (a "reply") are events like the host's, so a
replay (a resumed party) brings the phones back with their scores. None of them is a host
action, so the host's undo never takes one back, and an undo keeps those that still fit
(`_carry_players`): a phone stays joined, and a reply stays while its question is open.

With teams each phone plays for a team (`Phone.seat`): the phones of a team share its
score, and the team's first answer is the one that counts. Every reply is settled by the
same `settle` as a round's, its speed from the question's opening to when the party was
told (the server: when the answer arrived), with the streak the player had before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from trivia.game.answers import Response, check_answer
from trivia.game.party.events import TIME_DIGITS, EventType, PartyPhase, event_response, response_of
from trivia.game.party.results import Attempt
from trivia.game.party.roster import (
    COLOURS,
    MARKS,
    PartyError,
    PartyStateError,
    PartyStyle,
    Phone,
    PhoneRefused,
    Player,
    player_name,
)
from trivia.game.party.state import PartyView
from trivia.game.settle import Tally, is_late, settle

STICKY = frozenset({EventType.JOIN, EventType.KICK, EventType.REPLY})
"""Events an undo keeps when they still fit: what the players did, not the host."""


class PhoneRoom(PartyView):
    """The phones' part of a `Party`: join, rejoin, kick, and all-style answers."""

    if TYPE_CHECKING:  # the machine's own, used here

        def _commit(self, event: dict[str, Any]) -> None: ...
        def _apply_action(self, e: Mapping[str, Any]) -> None: ...

    # --- what the server reads -----------------------------------------------------------

    @property
    def phones(self) -> tuple[Phone, ...]:
        """The phones joined and not kicked, in the order they joined."""
        return tuple(phone for phone in self._state.phones.values() if not phone.kicked)

    def phone(self, digest: str) -> Phone | None:
        """The phone with this token digest (kicked ones too), or None."""
        return self._state.phones.get(digest)

    def phone_named(self, name: str) -> Phone | None:
        """The phone joined under this name (without case), or None."""
        digest = self._state.phone_names.get(" ".join(name.split()).casefold())
        return None if digest is None else self._state.phones[digest]

    def replied(self) -> frozenset[int]:
        """All style: the seats that have answered the question now open."""
        return frozenset(self._state.replied)

    def awaited(self) -> frozenset[int]:
        """The seats whose answer the party waits for: those with a phone still joined."""
        return frozenset(self._state.live)

    def team_names(self) -> tuple[str, ...]:
        """With teams, the teams a phone may join; else ()."""
        return tuple(p.name for p in self._config.players) if self._config.teams else ()

    # --- what phones do ------------------------------------------------------------------

    def join(self, name: str, digest: str, team: str | None = None) -> Phone:
        """A phone joins under a name (a new player; with teams, a member of a team).

        Args:
            name: As typed; cleaned and checked by the setup's name rules.
            digest: A digest of the phone's token (`Phone.digest`), new to the party.
            team: With teams, the team to join; None picks the team with fewest phones.

        Raises:
            PhoneRefused: "full", "bad-name", "name-taken", "late" (the party is over).
        """
        clean = player_name(name)
        seat: int | None = None
        if self._config.teams:
            seat = self._team_seat(team)
        self._commit({"type": "join", "name": clean, "digest": digest, "team": seat})
        return self._state.phones[digest]

    def kick(self, who: str) -> Phone:
        """The host sends a phone away (by name or digest); its token is dead for good.

        Raises:
            PartyError: No such phone, or it was kicked already.
        """
        phone = self.phone_named(who) or self._state.phones.get(who)
        if phone is None or phone.kicked:
            raise PartyError(f"no phone named {who!r} in the room")
        self._commit({"type": "kick", "digest": phone.digest})
        self._reveal_if_all_replied()
        return self._state.phones[phone.digest]

    def answer_as(
        self, player: Player | str | int, response: Response, at: float | None = None
    ) -> Attempt:
        """All style: one player (or team) answers the open question, once.

        Args:
            player: Who answers (a `Player`, name or seat; a phone's `seat`).
            response: As for `check_answer`.
            at: The clock reading when the answer arrived; None is now. Its speed is
                from when the options were shown to then (paused time excluded).

        Returns:
            The attempt with its points; when it was the last one awaited the question
            is revealed at once.

        Raises:
            PhoneRefused: "paused", "late" (not open, or time is up), "repeat"
                (answered already; with teams, a teammate did), "kicked".
            InvalidResponse: Not an answer to this question; nothing is recorded.
            PartyStateError: Not all style.
        """
        s = self._state
        if self.style is not PartyStyle.ALL:
            raise PartyStateError("only the all style takes everyone's answer at once")
        seat = self._seat(player)
        if self.paused:
            raise PhoneRefused("paused", "the host has paused the game")
        if s.phase is not PartyPhase.OPEN or s.clock is None:
            raise PhoneRefused("late", "this question is not open for answers")
        if seat in s.kicked:
            raise PhoneRefused("kicked", "the host removed this player")
        if seat in s.replied:
            who = "your team has" if self._config.teams else "you have"
            raise PhoneRefused("repeat", f"{who} answered this question already")
        check_answer(self._question(), response)
        moment = self._now() if at is None else self._party_time(at)
        elapsed = round(max(s.clock.elapsed(moment), 0.0), TIME_DIGITS)
        if is_late(elapsed, self._limit()):
            raise PhoneRefused("late", "time is up for this question")
        self._commit(
            {
                "type": "reply",
                **self._about_question(),
                "player": seat,
                "response": event_response(response),
                "elapsed": elapsed,
            }
        )
        attempt = s.attempts[-1]
        self._reveal_if_all_replied()
        return attempt

    # --- handlers (the machine's dispatch table) -------------------------------------------

    def _on_join(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        name = player_name(e["name"])
        digest = str(e["digest"])
        if not self._config.phones:
            raise PhoneRefused("full", "this party takes no phones")
        if self.finished:
            raise PhoneRefused("late", "the party is over")
        if digest in s.phones:
            raise PartyError("this phone has joined already")
        if len(self.phones) >= self._config.phones:
            raise PhoneRefused("full", f"the room is full ({self._config.phones} phones)")
        folded = name.casefold()
        if folded in s.phone_names or any(p.name.casefold() == folded for p in s.players):
            raise PhoneRefused("name-taken", f"{name} is taken: add an initial")
        if self._config.teams:
            seat = self._seat(e["team"])
            if seat >= len(self._config.players):
                raise PartyError(f"seat {seat} is not a team")
        else:
            seat = len(s.players)
            player = Player(name, COLOURS[seat % len(COLOURS)], MARKS[seat % len(MARKS)])
            s.players = (*s.players, player)
            s.seats.append(Tally())
            s.question_start = (*s.question_start, 0)
            s.baseline = (*s.baseline, 0)
        s.phones[digest] = Phone(name, seat, digest)
        s.phone_names[folded] = digest
        s.live[seat] = s.live.get(seat, 0) + 1

    def _on_kick(self, e: Mapping[str, Any], t: float) -> None:
        s = self._state
        phone = s.phones.get(str(e["digest"]))
        if phone is None or phone.kicked:
            raise PartyError("a kick of a phone that is not in the room")
        s.phones[phone.digest] = replace(phone, kicked=True)
        s.live[phone.seat] -= 1
        if not s.live[phone.seat]:
            del s.live[phone.seat]
        if not self._config.teams:
            s.kicked.add(phone.seat)

    def _on_reply(self, e: Mapping[str, Any], t: float) -> None:
        # Not refused while paused: an undo may replay a reply into a paused question.
        s = self._state
        if self.style is not PartyStyle.ALL or s.phase is not PartyPhase.OPEN:
            raise PartyStateError("a reply outside an all-style open question")
        seat = self._seat(e["player"])
        if seat in s.kicked or seat in s.replied:
            raise PartyError("a reply from a player who may not answer")
        settled = settle(
            self._question(),
            response_of(e["response"]),
            float(e["elapsed"]),
            limit=self._limit(),
            previous_streak=s.seats[seat].streak,
            rules=self._config.round.rules,
        )
        s.attempts.append(Attempt.of(self.players[seat], settled))
        s.replied.add(seat)

    # --- rules ---------------------------------------------------------------------------

    def _team_seat(self, team: str | None) -> int:
        if team is None:
            counts = [0] * len(self._config.players)
            for phone in self.phones:
                counts[phone.seat] += 1
            return counts.index(min(counts))
        wanted = " ".join(str(team).split()).casefold()
        for seat, player in enumerate(self._config.players):
            if player.name.casefold() == wanted:
                return seat
        raise PhoneRefused("bad-name", f"no team named {team!r}")

    def _reveal_if_all_replied(self) -> None:
        """All style: reveal as soon as every player still joined has answered."""
        if self.style is not PartyStyle.ALL or self._state.phase is not PartyPhase.OPEN:
            return
        s = self._state
        everyone = s.live and len(s.replied) >= len(s.live) and s.live.keys() <= s.replied
        if everyone and not self.paused:
            self._commit({"type": "reveal", **self._about_question()})

    def _time_out_the_rest(self) -> None:
        """All style, at the settle: a miss for each player who did not answer (as a
        round's time-out: no points, the streak reset)."""
        s = self._state
        if self.style is not PartyStyle.ALL or s.phase is not PartyPhase.OPEN:
            return  # revealed before the options: nobody could answer
        limit = self._limit()
        for seat, player in enumerate(self.players):
            if seat in s.replied or seat in s.kicked:
                continue
            settled = settle(
                self._question(),
                None,
                limit or 0.0,
                limit=limit,
                previous_streak=s.seats[seat].streak,
                rules=self._config.round.rules,
            )
            s.attempts.append(Attempt.of(player, settled))

    def _carry_players(self, dropped: Sequence[dict[str, Any]]) -> None:
        """After an undo's rebuild: apply again what the players did after the undone
        action (joins, kicks, replies), each one that still fits."""
        for event in dropped:
            if event["type"] not in STICKY:
                continue
            try:
                self._apply_action(event)
            except (PartyError, KeyError, ValueError, TypeError):
                continue  # a reply to a question the undo closed again: dropped
            self._effective.append(event)
