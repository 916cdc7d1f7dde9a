"""The room: the phone protocol between the connected phones and the party being hosted.

Phones' frames become `Party` actions (`join`, `answer_as`, `buzz`, `answer`), each at
once, on the event loop the host app runs on, so the party is never changed from two
places at the same time. What the party does (the host's actions as much as the phones')
is told to the phones by `sync`, which compares the party with what was last told: it
runs after each phone action and a few times a second, and sends only what changed.

Tokens: a phone gets a random token when it joins; the party only ever sees its digest
(sha256), which is what the save holds, so a resumed party knows its phones again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import time
from collections import deque
from typing import Any

from trivia.game.answers import InvalidResponse
from trivia.game.party import (
    BuzzResult,
    Party,
    PartyError,
    PartyPhase,
    PartyStyle,
    PhoneRefused,
)
from trivia.serve import views
from trivia.serve.client import Client
from trivia.serve.frames import MAX_TOKEN, Frame, Refusal, read_frame, response_for
from trivia.serve.net import ROOM_CODE_LENGTH, room_code

log = logging.getLogger(__name__)

SYNC_SECONDS = 0.05
"""How often the room looks at the party for what the host did."""

COUNT_SECONDS = 0.2
"""Least time between two "answered" counts (or lobby rolls): 300 answers in a second send
a handful. The watch looks again soon after, so the last count is never left untold."""

INBOX_SLICE = 0.004
"""Longest the room reads frames from its inbox in one go (a quarter of a frame): 300
answers at once are taken a slice at a time, with the host's keys and redraws between."""

INBOX_PER_CLIENT = 8
"""Frames one client may have waiting in the inbox; the server stops reading its socket
until they are read (`backlog`), so a phone that floods slows only itself."""


def digest_of(token: str) -> str:
    """What the party keeps of a token: enough to know it again, useless to forge one."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]


class Room:
    """The phones of one hosted party (or of none yet: phones are then told to wait).

    Args:
        title: The pack's title, shown in the lobby.
        clock: The party's clock (arrival times of answers are read from it).
    """

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.party: Party | None = None
        self.title = ""
        self.code = ""
        self.address = ""
        """Where phones reach the server ("192.168.1.5:8765"), for the projector to show."""
        self._clock = clock
        self.phones: set[Client] = set()
        self.displays: set[Client] = set()
        self._by_digest: dict[str, set[Client]] = {}
        self._told: tuple[Any, ...] | None = None
        self._told_paused = False
        self._told_buzz: tuple[int | None, int] | None = None
        self._told_count = -1
        self._count_at = 0.0
        self._told_roster = -1
        self._tick_second: int | None = None
        self._sync_soon = False
        self._task: asyncio.Task[None] | None = None
        self._inbox: deque[tuple[Client, str, float]] = deque()
        self._waiting: dict[Client, int] = {}
        """How many frames each client has in the inbox."""
        self._reading = False

    # --- the host's side ------------------------------------------------------------------

    def host(self, party: Party, title: str = "") -> None:
        """Attach the party being hosted (a new one, or one resumed after a crash)."""
        if self.party is not None and self.party is not party:
            self.unhost()
        self.party = party
        self.title = title
        seed = party.config.round.seed
        self.code = room_code(seed if seed is not None else id(party))
        self._told = None
        self._told_roster = -1
        self.sync()

    def unhost(self) -> None:
        """The host left the party: phones are told it ended, and go."""
        self._broadcast({"type": "ended"})
        for client in list(self.phones):
            client.close()
        self.party = None
        self.code = ""
        self._by_digest.clear()
        self._told = None
        self._told_paused = False

    def start(self) -> None:
        """Start looking at the party a few times a second (call on the running loop)."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._watch(), name="room")

    async def stop(self) -> None:
        """Stop watching, tell everyone the party ended, and close every connection."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._broadcast({"type": "ended"})
        for client in [*self.phones, *self.displays]:
            client.close()

    def kick(self, name: str) -> None:
        """The host removes a phone player: told, disconnected, and its token dead.

        Raises:
            PartyError: No such phone in the party.
        """
        if self.party is None:
            raise PartyError("no party is being hosted")
        phone = self.party.kick(name)
        for client in self._by_digest.pop(phone.digest, set()):
            client.send({"type": "kicked", "reason": "The host removed you from the game."})
            client.close()
        self.sync()

    @property
    def connected(self) -> int:
        """Phones connected now (joined or not)."""
        return len(self.phones)

    # --- connections ------------------------------------------------------------------------

    def connected_client(self, client: Client) -> None:
        """A websocket opened; a display is brought up to date at once, and a phone gets
        the lobby (the teams it may pick, the pack's title) before it joins."""
        if client.display:
            self.displays.add(client)
            for message in self._now_frames(None):
                client.send(message)
        else:
            self.phones.add(client)
            if self.party is not None:
                client.send(views.lobby(self.party, self.title))

    def disconnected(self, client: Client) -> None:
        """A websocket closed (the phone keeps its player: it may rejoin with its token)."""
        self.phones.discard(client)
        self.displays.discard(client)
        if client.digest is not None:
            clients = self._by_digest.get(client.digest)
            if clients is not None:
                clients.discard(client)
                if not clients:
                    del self._by_digest[client.digest]

    def post(self, client: Client, text: str) -> None:
        """One text frame from a client, stamped with its arrival now and taken soon
        (`receive`), in order, a slice of the inbox at a time (`INBOX_SLICE`): a burst
        of answers never holds the event loop, and the host's keys, for long."""
        self._inbox.append((client, text, self._clock()))
        self._waiting[client] = self._waiting.get(client, 0) + 1
        if not self._reading:
            self._reading = True
            asyncio.get_running_loop().call_soon(self._read_inbox)

    def backlog(self, client: Client) -> int:
        """How many of `client`'s frames are waiting in the inbox."""
        return self._waiting.get(client, 0)

    def _read_inbox(self) -> None:
        inbox = self._inbox
        until = time.perf_counter() + INBOX_SLICE
        try:
            while inbox:
                client, text, arrived = inbox.popleft()
                left = self._waiting.pop(client, 1) - 1
                if left:
                    self._waiting[client] = left
                self.receive(client, text, arrived)
                if inbox and time.perf_counter() >= until:
                    # The rest after what is waiting now (a key, a redraw, other sockets).
                    asyncio.get_running_loop().call_soon(self._read_inbox)
                    return
        except Exception:  # `receive` never raises; if it ever did, the inbox must go on
            log.exception("the room could not read its inbox")
            if inbox:
                asyncio.get_running_loop().call_soon(self._read_inbox)
                return
        self._reading = False

    def receive(self, client: Client, text: str, arrived: float | None = None) -> None:
        """One text frame from a client: acted on, or refused (and logged). Never raises.

        Args:
            client: Who sent it.
            text: The frame.
            arrived: When it arrived, on the room's clock (None: now).
        """
        if arrived is None:
            arrived = self._clock()
        try:
            frame = read_frame(text)
            if client.display:
                if frame.type != "ping":
                    raise Refusal("malformed", "the display only listens")
                client.send({"type": "pong"})
                return
            self._act(client, frame, arrived)
        except Refusal as refusal:
            self._refuse(client, refusal)
        except Exception:  # a bug must not take the host down: log it, tell the phone
            log.exception("a frame from %s failed", client.peer)
            self._refuse(client, Refusal("malformed", "the server could not take that"))

    def refuse_binary(self, client: Client) -> None:
        """A binary frame: the protocol is text only."""
        self._refuse(client, Refusal("malformed", "messages are JSON text"))

    def _refuse(self, client: Client, refusal: Refusal) -> None:
        log.info("refused %s from %s: %s", refusal.code, client.peer, refusal.reason)
        client.send(refusal.frame())
        if refusal.code in ("malformed", "too-big", "wrong-question", "not-joined"):
            client.bad_frame()

    # --- what a phone does -------------------------------------------------------------------

    def _act(self, client: Client, frame: Frame, arrived: float) -> None:
        if frame.type == "ping":
            client.send({"type": "pong"})
            return
        party = self.party
        if frame.type == "join":
            if client not in self.phones:
                return  # the connection closed while its join waited: nobody to seat
            self._join(client, frame)
            return
        if party is None or client.digest is None:
            raise Refusal("not-joined", "join the game first")
        phone = party.phone(client.digest)
        if phone is None or phone.kicked:
            raise Refusal("kicked", "you are not in this game")
        qid = frame.text("question", longest=80)
        if party.finished or qid != views.question_id(party):
            raise Refusal("wrong-question", "that question is not the one being asked")
        try:
            if frame.type == "buzz":
                self._buzz(client, phone.seat, arrived)
            else:
                self._answer(client, phone.seat, frame.data.get("answer"), arrived)
        except PhoneRefused as refused:
            raise Refusal(refused.code, str(refused)) from None
        except InvalidResponse as error:
            raise Refusal("malformed", str(error)) from None
        self._schedule_sync()

    def _join(self, client: Client, frame: Frame) -> None:
        room = frame.text("room", longest=ROOM_CODE_LENGTH + 4)
        party = self.party
        if party is None or room is None or room.strip().upper() != self.code:
            raise Refusal("bad-room", "no game with that room code here: check the code")
        token = frame.text("token", longest=MAX_TOKEN, required=False)
        rejoined = token is not None
        if client.digest is not None and not rejoined:
            raise Refusal("repeat", "this phone has joined already")
        if token is not None:
            digest = digest_of(token)
            phone = party.phone(digest)
            if phone is None:
                raise Refusal("not-joined", "that phone is not in this game: join again")
            if phone.kicked:
                raise Refusal("kicked", "the host removed you from this game")
        else:
            name = frame.text("name", longest=200)
            team = frame.text("team", longest=200, required=False)
            token = secrets.token_urlsafe(16)
            digest = digest_of(token)
            try:
                phone = party.join(name or "", digest, team)
            except PhoneRefused as refused:
                raise Refusal(refused.code, str(refused)) from None
            log.info("%s joined from %s", phone.name, client.peer)
        if client.digest is not None and client.digest != digest:
            self.disconnected(client)
            self.phones.add(client)
        client.digest = digest
        self._by_digest.setdefault(digest, set()).add(client)
        client.send(
            {
                "type": "welcome",
                "token": token,
                "name": phone.name,
                "team": party.players[phone.seat].name if party.config.teams else None,
                "rejoined": rejoined,
                "score": party.score_of(phone.seat).score,
                "style": party.style.value,
            }
        )
        for message in self._now_frames(phone.seat):
            client.send(message)
        self._schedule_sync()

    def _answer(self, client: Client, seat: int, value: Any, arrived: float) -> None:
        party = self.party
        assert party is not None
        view = party.current
        if party.phase is not PartyPhase.OPEN or view is None:
            raise Refusal("late", "this question is not open for answers")
        response = response_for(view, value)
        qid = views.question_id(party)
        if party.style is PartyStyle.ALL:
            party.answer_as(seat, response, at=arrived)
        elif party.style is PartyStyle.BUZZER:
            if party.paused:
                raise Refusal("paused", "the host has paused the game")
            if party.answering is None or party.players.index(party.answering) != seat:
                raise Refusal("not-your-turn", "buzz first: the one who buzzed answers")
            party.answer(response)
        else:
            raise Refusal("not-your-turn", "the quiz master marks the answers in this game")
        client.send({"type": "ack", "question": qid})

    def _buzz(self, client: Client, seat: int, arrived: float) -> None:
        party = self.party
        assert party is not None
        if party.style is not PartyStyle.BUZZER:
            raise Refusal("malformed", "no buzzing in this game")
        result = party.buzz(seat, arrived)
        qid = views.question_id(party)
        # The lock-out lasts a quarter second from the early buzz (LOCKOUT), as on the
        # keyboard: after it the phone may buzz again, once the options are up.
        if result is BuzzResult.EARLY:
            reason = "too early: wait for the options, then buzz"
            client.send({"type": "locked", "question": qid, "reason": reason})
        elif result is BuzzResult.LOCKED:
            reason = "too early: locked out for a moment, buzz again"
            client.send({"type": "locked", "question": qid, "reason": reason})
        elif result is BuzzResult.OUT:
            raise Refusal("locked-out", "you have had your go at this one")
        elif result is BuzzResult.TOO_LATE:
            raise Refusal("not-your-turn", "someone buzzed first")
        elif result is BuzzResult.CLOSED:
            raise Refusal("paused" if party.paused else "late", "no buzzing now")

    # --- telling the phones --------------------------------------------------------------------

    def _schedule_sync(self) -> None:
        if not self._sync_soon:
            self._sync_soon = True
            asyncio.get_running_loop().call_soon(self.sync)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(SYNC_SECONDS)
            try:
                if self.party is not None and self.party.tick():
                    pass  # a time-out: the host screen saves it; sync tells the phones
                self.sync()
            except Exception:  # keep watching: one bad moment must not stop the room
                log.exception("the room could not tell the phones")

    def sync(self) -> None:
        """Tell phones and displays what changed in the party since they were last told."""
        self._sync_soon = False
        party = self.party
        if party is None:
            return
        # What a phone shows changes with these; the rest (counts, buzzes) is told below.
        stage = (party.index, party.phase, len(party.results), views.in_lobby(party))
        if stage != self._told:
            self._told = stage
            self._told_buzz = None
            self._told_count = -1
            self._tell_stage(party)
        if party.paused != self._told_paused:
            self._told_paused = party.paused
            self._broadcast({"type": "paused" if party.paused else "resumed"})
        if views.in_lobby(party):
            roster, now = len(party.phones), time.monotonic()
            if roster != self._told_roster and now - self._count_at >= COUNT_SECONDS:
                self._told_roster, self._count_at = roster, now
                self._to_phones(views.lobby(party, self.title))
                self._to_displays(self._display_lobby(party))
            return
        if party.phase is PartyPhase.OPEN:
            self._tell_open_changes(party)

    def _tell_stage(self, party: Party) -> None:
        if views.in_lobby(party):
            self._told_roster = -1
            return
        if party.finished:
            rank_of, table = views.ranks(party)
            self._each_phone(views.podiums(party))
            self._to_displays(views.podium_for(party, None, rank_of, table))
            return
        if party.phase is PartyPhase.REVEAL:
            reveal = views.RevealFor(party)
            self._each_phone(reveal)
            self._to_displays(views.reveal_display(party))
            if party.show_leaderboard:
                self._broadcast(views.leaderboard(reveal.table))
            return
        replied = party.replied()
        self._each_phone(lambda seat: views.question(party, seat in replied))
        self._to_displays(views.question(party, None))

    def _tell_open_changes(self, party: Party) -> None:
        qid = views.question_id(party)
        buzz = views.buzz_state(party)
        if buzz is not None and buzz != self._told_buzz:
            self._told_buzz = buzz
            seat, _ = buzz
            if seat is None:
                self._broadcast({"type": "buzz-open", "question": qid})
            else:
                by = party.players[seat].name
                self._each_phone(
                    lambda phone_seat: {
                        "type": "buzzed",
                        "question": qid,
                        "by": by,
                        "you": phone_seat == seat,
                    }
                )
        if party.style is PartyStyle.ALL:
            count = len(party.replied())
            now = time.monotonic()  # the server's pace, not party time
            if count != self._told_count and now - self._count_at >= COUNT_SECONDS:
                self._told_count, self._count_at = count, now
                self._broadcast(views.answered_count(party))
        left = party.time_left()
        if left is not None and not party.paused:
            second = int(left)
            if second != self._tick_second:
                self._tick_second = second
                self._to_displays({"type": "tick", "question": qid, "remaining": round(left)})

    def _now_frames(self, seat: int | None) -> list[dict[str, Any]]:
        """Where the party is now, for a phone that just (re)joined (its seat) or a display
        that just connected (None)."""
        party = self.party
        if party is None:
            return []
        if views.in_lobby(party):
            return [self._display_lobby(party) if seat is None else views.lobby(party, self.title)]
        if party.finished:
            rank_of, table = views.ranks(party)
            return [views.podium_for(party, seat, rank_of, table)]
        if party.phase is PartyPhase.REVEAL:
            return [views.reveal_display(party) if seat is None else views.RevealFor(party)(seat)]
        answered = None if seat is None else seat in party.replied()
        return [views.question(party, answered), *([{"type": "paused"}] if party.paused else [])]

    def _broadcast(self, message: dict[str, Any]) -> None:
        text = json.dumps(message, separators=(",", ":"))
        for client in [*self.phones, *self.displays]:
            client.send_text(text)

    def _display_lobby(self, party: Party) -> dict[str, Any]:
        """The lobby for the projector: with the room code and the address to join at."""
        message = views.lobby(party, self.title, room=self.code)
        if self.address:
            message["url"] = self.address
        return message

    def _to_phones(self, message: dict[str, Any]) -> None:
        """Every phone connected, joined or not."""
        text = json.dumps(message, separators=(",", ":"))
        for client in list(self.phones):
            client.send_text(text)

    def _to_displays(self, message: dict[str, Any]) -> None:
        text = json.dumps(message, separators=(",", ":"))
        for client in list(self.displays):
            client.send_text(text)

    def _each_phone(self, message_for: Any) -> None:
        """Send each joined phone its own message (`message_for(seat)`); phones of one
        seat (a team, or one player's two tabs) share one encoding."""
        party = self.party
        assert party is not None
        by_seat: dict[int, str] = {}
        for digest, clients in list(self._by_digest.items()):
            phone = party.phone(digest)
            if phone is None or phone.kicked:
                continue
            text = by_seat.get(phone.seat)
            if text is None:
                text = json.dumps(message_for(phone.seat), separators=(",", ":"))
                by_seat[phone.seat] = text
            for client in list(clients):
                client.send_text(text)
