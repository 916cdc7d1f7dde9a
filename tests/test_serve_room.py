"""The phone server, driven for real: an aiohttp server on 127.0.0.1 and many websocket
clients, playing parties end to end. Every score a phone is told is checked against the
scoring rules (`score`), with a fake clock so the speed of each answer is exact.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from test_game_party import FakeClock
from test_game_party_phones import LIMIT, PACK, expected, phone_party

from trivia.game import Party, PartyConfig, PartyStyle
from trivia.serve import PhoneServer
from trivia.serve import room as room_module

WAIT = 5.0
"""Seconds a test waits for a frame before it fails (never a timing assertion)."""


def points(elapsed: float, streak_before: int = 0) -> int:
    """What a right answer after `elapsed` seconds earns by the rules (easy, timed)."""
    return expected(elapsed, streak_before)


def make_party(style: PartyStyle = PartyStyle.ALL, *, clock: FakeClock, **options: Any) -> Party:
    """A timed party phones may join (seed 11), on the test's clock."""
    return phone_party(style, clock=clock, seed=11, count=4, **options)[0]


class Host:
    """A running server with a party attached, and the session its phones connect from."""

    def __init__(self, server: PhoneServer, party: Party, clock: FakeClock, session: Any):
        self.server = server
        self.party = party
        self.clock = clock
        self.session = session

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def code(self) -> str:
        return self.server.room.code

    async def phone(self, name: str | None = None, **join: Any) -> Phone:
        phone = Phone(await self.session.ws_connect(f"{self.base}/ws"))
        if name is not None:
            await phone.join(self.code, name, **join)
        return phone

    def act(self, action: str, *args: Any) -> Any:
        """The host does something (as the host screen would), and the room is told."""
        result = getattr(self.party, action)(*args)
        self.server.room.sync()
        return result


class Phone:
    """A websocket client speaking the phone protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.token: str | None = None
        self.seen: list[dict[str, Any]] = []

    async def send(self, message: dict[str, Any]) -> None:
        await self.socket.send_str(json.dumps(message))

    async def next(self, kind: str, **fields: Any) -> dict[str, Any]:
        """The next frame of this type (and these fields), skipping others."""
        while True:
            message = await asyncio.wait_for(self.socket.receive(), WAIT)
            if message.type is not aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"socket ended while waiting for {kind}: {message}")
            frame = json.loads(message.data)
            self.seen.append(frame)
            if frame["type"] == kind and all(frame.get(k) == v for k, v in fields.items()):
                return frame

    async def join(self, room: str, name: str, **extra: Any) -> dict[str, Any]:
        await self.send({"type": "join", "room": room, "name": name, **extra})
        welcome = await self.next("welcome")
        self.token = welcome["token"]
        return welcome

    async def answer(self, question: dict[str, Any], value: Any) -> dict[str, Any]:
        await self.send({"type": "answer", "question": question["question"], "answer": value})
        return await self.next("ack")

    async def close(self) -> None:
        await self.socket.close()


@pytest.fixture
async def host() -> AsyncIterator[Host]:
    async with host_for(PartyStyle.ALL) as running:
        yield running


class host_for:
    """`async with host_for(style, ...) as host`: a server on 127.0.0.1 that stops itself."""

    def __init__(self, style: PartyStyle, **party: Any) -> None:
        self.clock = FakeClock()
        self.party = make_party(style, clock=self.clock, **party)
        self.server = PhoneServer("127.0.0.1", 0, clock=self.clock)

    async def __aenter__(self) -> Host:
        await self.server.start()
        self.server.host_party(self.party, "Party")
        self.session = aiohttp.ClientSession()
        return Host(self.server, self.party, self.clock, self.session)

    async def __aexit__(self, *exc: object) -> None:
        await self.session.close()
        await self.server.stop()


def option(question: dict[str, Any], text: str) -> int:
    return int(question["options"].index(text))


# --- joining ---------------------------------------------------------------------------------


async def test_phones_join_see_the_lobby_and_names_follow_the_setup_rules(host: Host) -> None:
    ann = await host.phone()
    welcome = await ann.join(host.code.lower(), " Ann ")
    assert welcome["name"] == "Ann" and not welcome["rejoined"] and welcome["score"] == 0
    assert welcome["team"] is None and welcome["style"] == "all"
    assert len(welcome["token"]) >= 20
    lobby = await ann.next("lobby")
    assert lobby["names"] == ["Ann"] and lobby["title"] == "Party"
    bo = await host.phone("Bo")
    assert (await ann.next("lobby", count=2))["names"] == ["Ann", "Bo"]
    taken = await host.phone()
    await taken.send({"type": "join", "room": host.code, "name": "ANN"})
    assert (await taken.next("refused"))["code"] == "name-taken"
    await taken.send({"type": "join", "room": "ZZZZ", "name": "Cy"})
    assert (await taken.next("refused"))["code"] == "bad-room"
    await taken.send({"type": "join", "room": host.code, "name": "x" * 30})
    assert (await taken.next("refused"))["code"] == "bad-name"
    assert [p.name for p in host.party.players] == ["Ann", "Bo"]
    for phone in (ann, bo, taken):
        await phone.close()
    async with host.session.get(f"{host.base}/health") as response:
        assert response.status == 200 and await response.text() == "ok"
    async with host.session.get(f"{host.base}/?room={host.code}") as response:
        assert response.status == 200 and "html" in response.content_type


async def test_a_phone_hears_the_lobby_before_it_joins_and_only_the_display_the_code() -> None:
    async with host_for(PartyStyle.ALL, seats=("Red", "Blue"), teams=True) as host:
        display = Phone(await host.session.ws_connect(f"{host.base}/ws/display"))
        first = await display.next("lobby")
        assert first["room"] == host.code and first["teams"] == ["Red", "Blue"]
        assert first["url"] == f"127.0.0.1:{host.server.port}"  # where phones join
        unjoined = Phone(await host.session.ws_connect(f"{host.base}/ws"))
        lobby = await unjoined.next("lobby")
        assert lobby["teams"] == ["Red", "Blue"] and lobby["count"] == 0
        assert lobby["title"] == "Party" and "room" not in lobby
        ann = await host.phone("Ann")
        rolled = await display.next("lobby", count=1)
        assert rolled["room"] == host.code and rolled["names"] == ["Ann"]
        assert "room" not in await unjoined.next("lobby", count=1)
        welcome = await unjoined.join(host.code, "Bo", team="Red")
        assert welcome["team"] == "Red"
        for phone in (display, unjoined, ann):
            await phone.close()


async def test_everyone_answers_and_each_phone_is_told_its_own_score(host: Host) -> None:
    phones = [await host.phone(f"P{n}") for n in range(6)]
    host.act("open_options")
    questions = [await phone.next("question", open=True) for phone in phones]
    assert all(q["answered"] is False and q["kind"] == "choice" for q in questions)
    assert "answer" not in json.dumps(questions[0]).replace('"answered"', "")
    right = option(questions[0], "Right")
    wrong = option(questions[0], "Wrong A")
    for n, (phone, question) in enumerate(zip(phones, questions, strict=True)):
        host.clock.advance(1.0)
        ack = await phone.answer(question, right if n % 3 else wrong)
        assert ack["question"] == question["question"]
    reveals = [await phone.next("reveal") for phone in phones]
    for n, reveal in enumerate(reveals):
        you = reveal["you"]
        expected = points(float(n + 1)) if n % 3 else 0
        assert you["points"] == expected == host.party.score_of(n).score
        assert you["right"] is bool(n % 3)
        assert you["of"] == 6
    assert reveals[0]["answer"] == "Right"
    board = await phones[0].next("leaderboard")
    assert [line["name"] for line in board["top"]] == ["P1", "P2", "P4", "P5", "P0", "P3"]
    assert board["more"] == 0
    # The next question: streaks carry.
    host.act("next")
    host.act("open_options")
    second = [await phone.next("question", open=True, number=2) for phone in phones]
    host.clock.advance(2.0)
    for phone, question in zip(phones, second, strict=True):
        await phone.answer(question, option(question, "Right"))
    reveals = [await phone.next("reveal") for phone in phones]
    for n, reveal in enumerate(reveals):
        first = points(float(n + 1)) if n % 3 else 0
        streak = 1 if n % 3 else 0
        assert reveal["you"]["score"] == first + points(2.0, streak)
        assert reveal["you"]["streak"] == streak + 1
    for phone in phones:
        await phone.close()


async def test_a_phone_that_drops_rejoins_as_itself_and_cannot_answer_twice(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    host.act("open_options")
    question = await ann.next("question", open=True)
    host.clock.advance(4.0)
    await ann.answer(question, option(question, "Right"))
    token = ann.token
    await ann.close()
    again = await host.phone()
    await again.send({"type": "join", "room": host.code, "token": token})
    welcome = await again.next("welcome")
    assert welcome["rejoined"] and welcome["name"] == "Ann" and welcome["token"] == token
    current = await again.next("question")
    assert current["answered"] is True and current["open"] is True
    await again.send({"type": "answer", "question": question["question"], "answer": 0})
    assert (await again.next("refused"))["code"] == "repeat"
    host.clock.advance(1.0)
    bo_question = await bo.next("question", open=True)
    await bo.answer(bo_question, option(bo_question, "Wrong B"))
    reveal = await again.next("reveal")
    assert reveal["you"]["points"] == points(4.0) and reveal["you"]["right"] is True
    forged = await host.phone()
    await forged.send({"type": "join", "room": host.code, "token": "not-a-token-of-this-room"})
    assert (await forged.next("refused"))["code"] == "not-joined"
    for phone in (again, bo, forged):
        await phone.close()


async def test_a_kicked_phone_is_told_closed_and_cannot_come_back(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    token = bo.token
    host.server.room.kick("Bo")
    assert (await bo.next("kicked"))["reason"]
    ended = await asyncio.wait_for(bo.socket.receive(), WAIT)
    assert ended.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    back = await host.phone()
    await back.send({"type": "join", "room": host.code, "token": token})
    assert (await back.next("refused"))["code"] == "kicked"
    assert [p.name for p in host.party.phones] == ["Ann"]
    host.act("open_options")
    question = await ann.next("question", open=True)
    await ann.answer(question, option(question, "Right"))
    reveal = await ann.next("reveal")  # Bo is not waited for
    assert reveal["you"]["of"] == 1
    await ann.close()
    await back.close()


async def test_phones_of_a_team_share_a_score_and_the_first_answer_counts() -> None:
    async with host_for(PartyStyle.ALL, seats=("Red", "Blue"), teams=True) as host:
        ann = await host.phone("Ann")
        bo = await host.phone("Bo")
        cy = await host.phone()
        welcome = await cy.join(host.code, "Cy", team="Red")
        assert welcome["team"] == "Red"
        lobby = await cy.next("lobby")
        assert lobby["teams"] == ["Red", "Blue"]
        host.act("open_options")
        questions = [await p.next("question", open=True) for p in (ann, bo, cy)]
        host.clock.advance(3.0)
        await cy.answer(questions[2], option(questions[2], "Right"))
        await ann.send({"type": "answer", "question": questions[0]["question"], "answer": 1})
        assert (await ann.next("refused"))["code"] == "repeat"
        host.clock.advance(2.0)
        await bo.answer(questions[1], option(questions[1], "Wrong C"))
        reveals = [await p.next("reveal") for p in (ann, bo, cy)]
        assert reveals[0]["you"] == reveals[2]["you"]  # Ann and Cy: one team, one score
        assert reveals[0]["you"]["points"] == points(3.0)
        assert reveals[1]["you"]["points"] == 0 and reveals[1]["you"]["right"] is False
        for phone in (ann, bo, cy):
            await phone.close()


async def test_a_phone_buzzes_beside_keyboard_seats_and_answers_when_it_has_the_floor() -> None:
    async with host_for(PartyStyle.BUZZER, seats=("Ann", "Bo")) as host:
        cy = await host.phone("Cy")
        di = await host.phone("Di")
        host.act("open_options")
        question = await cy.next("question", open=True)
        await cy.next("buzz-open")
        await di.send({"type": "answer", "question": question["question"], "answer": 0})
        assert (await di.next("refused"))["code"] == "not-your-turn"
        host.clock.advance(1.5)
        await cy.send({"type": "buzz", "question": question["question"]})
        buzzed = await cy.next("buzzed")
        assert buzzed["by"] == "Cy" and buzzed["you"] is True
        assert (await di.next("buzzed"))["you"] is False
        await cy.answer(question, option(question, "Right"))
        reveal = await cy.next("reveal")
        assert reveal["you"]["points"] == points(1.5)
        # Early buzzes lock out, as on the keyboard.
        host.act("next")
        second = await di.next("question", open=False)
        await di.send({"type": "buzz", "question": second["question"]})
        assert (await di.next("locked"))["question"] == second["question"]
        await cy.close()
        await di.close()


async def test_an_early_buzz_locks_a_phone_out_for_a_quarter_second_not_the_question() -> None:
    async with host_for(PartyStyle.BUZZER, seats=("Ann",)) as host:
        cy = await host.phone("Cy")
        host.act("open_options")  # question 1: played out; question 2 shows the lock-out
        first = await cy.next("question", open=True)
        host.clock.advance(1.0)
        await cy.send({"type": "buzz", "question": first["question"]})
        await cy.next("buzzed")
        await cy.answer(first, option(first, "Right"))
        await cy.next("reveal")
        host.act("next")
        reading = await cy.next("question", open=False)
        await cy.send({"type": "buzz", "question": reading["question"]})
        early = await cy.next("locked")
        assert "options" in early["reason"]  # wait for them: buzzing while reading is early
        host.clock.advance(0.1)
        host.act("open_options")
        await cy.next("buzz-open")
        await cy.send({"type": "buzz", "question": reading["question"]})
        still = await cy.next("locked")
        assert "moment" in still["reason"] and host.party.answering is None
        host.clock.advance(0.2)  # 0.3 s after the early buzz: the lock-out is over
        await cy.send({"type": "buzz", "question": reading["question"]})
        assert (await cy.next("buzzed"))["you"] is True
        await cy.close()


async def test_a_resumed_party_takes_its_phones_back_under_the_same_room_code() -> None:
    async with host_for(PartyStyle.ALL) as host:
        ann = await host.phone("Ann")
        bo = await host.phone("Bo")
        host.act("open_options")
        question = await ann.next("question", open=True)
        host.clock.advance(2.0)
        await ann.answer(question, option(question, "Right"))
        await bo.answer(await bo.next("question", open=True), option(question, "Right"))
        await ann.next("reveal")
        code, token = host.code, ann.token
        events = json.loads(json.dumps(host.party.events))
        config = PartyConfig.from_dict(json.loads(json.dumps(host.party.config.to_dict())))
        await ann.close()
        await bo.close()
    # The host crashed; `trivia party` resumes the saved party on a new server.
    clock = FakeClock(2000.0)
    resumed = Party.replay([PACK], config, events, clock=clock)
    server = PhoneServer("127.0.0.1", 0, clock=clock)
    await server.start()
    try:
        server.host_party(resumed, "Party")
        assert server.room.code == code
        async with aiohttp.ClientSession() as session:
            phone = Phone(await session.ws_connect(f"http://127.0.0.1:{server.port}/ws"))
            await phone.send({"type": "join", "room": code, "token": token})
            welcome = await phone.next("welcome")
            assert welcome["rejoined"] and welcome["score"] == points(2.0)
            assert (await phone.next("reveal"))["you"]["score"] == points(2.0)
            await phone.close()
    finally:
        await server.stop()


async def test_the_display_follows_and_never_sees_an_answer_before_the_reveal(host: Host) -> None:
    display = Phone(await host.session.ws_connect(f"{host.base}/ws/display"))
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    assert (await display.next("lobby", count=2))["names"] == ["Ann", "Bo"]
    await display.send({"type": "join", "room": host.code, "name": "Sneaky"})
    assert (await display.next("refused"))["code"] == "malformed"  # it only listens
    host.act("open_options")
    shown = await display.next("question", open=True)
    assert "answered" not in shown
    right = option(shown, "Right")
    host.clock.advance(1.0)
    await ann.answer(await ann.next("question", open=True), right)
    await bo.answer(await bo.next("question", open=True), (right + 1) % 4)
    reveal = await display.next("reveal")
    assert "you" not in reveal and reveal["answer"] == "Right"
    counts = [0, 0, 0, 0]
    counts[right] += 1
    counts[(right + 1) % 4] += 1
    assert reveal["counts"] == counts
    before = display.seen[: display.seen.index(reveal)]
    # Nothing before the reveal says which option is right (only which ones there are).
    assert all("answer" not in frame and "counts" not in frame for frame in before)
    for phone in (display, ann, bo):
        await phone.close()


async def test_pause_refuses_answers_and_a_time_out_reveals_to_everyone(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    host.act("open_options")
    question = await ann.next("question", open=True)
    await bo.next("question", open=True)
    host.act("pause")
    await ann.next("paused")
    await ann.send({"type": "answer", "question": question["question"], "answer": 0})
    assert (await ann.next("refused"))["code"] == "paused"
    host.act("resume")
    await ann.next("resumed")
    host.clock.advance(1.0)
    await ann.answer(question, option(question, "Right"))
    host.clock.advance(LIMIT)  # Bo never answers: the room's watch times the question out
    reveal = await bo.next("reveal")
    assert reveal["you"] == {
        "right": None,
        "points": 0,
        "streak": 0,
        "score": 0,
        "rank": 2,
        "of": 2,
    }
    assert (await ann.next("reveal"))["you"]["points"] == points(1.0)
    await bo.send({"type": "answer", "question": question["question"], "answer": 0})
    assert (await bo.next("refused"))["code"] in ("late", "wrong-question")
    await ann.close()
    await bo.close()


async def test_an_undo_of_the_reveal_reopens_the_question_on_the_phones(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    host.act("open_options")
    question = await ann.next("question", open=True)
    await ann.answer(question, option(question, "Right"))
    host.act("reveal")
    await bo.next("reveal")
    host.act("undo")
    again = await bo.next("question", open=True)
    assert again["question"] == question["question"] and again["answered"] is False
    assert (await ann.next("question", open=True))["answered"] is True
    await ann.close()
    await bo.close()


class _Quiet:
    """A connected phone as the room sees it, keeping what it is sent."""

    display = False
    digest = None
    peer = "127.0.0.1"

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        self.sent.append(message)

    def bad_frame(self) -> bool:
        return False


async def test_a_burst_of_frames_is_read_in_slices_with_the_host_in_between(monkeypatch) -> None:
    """300 answers at once held the event loop (and the host's keys) until the last was
    read. The room now reads its inbox a slice at a time (`INBOX_SLICE`): here a slice of
    one frame, so a callback queued behind the burst (as a host key is) runs after the
    first frame, not after all of them; the frames are still read in order, each with the
    time it arrived, not the time it was read."""
    monkeypatch.setattr(room_module, "INBOX_SLICE", 0.0)
    ticks = iter(range(1000))
    room = room_module.Room(clock=lambda: next(ticks))
    read: list[tuple[str, float]] = []
    receive = room.receive

    def recording(client: Any, text: str, arrived: float | None = None) -> None:
        read.append((text, arrived))
        receive(client, text, arrived)

    monkeypatch.setattr(room, "receive", recording)
    phones = [_Quiet() for _ in range(20)]
    for number, phone in enumerate(phones):
        room.post(phone, json.dumps({"type": "ping", "n": number}))  # type: ignore[arg-type]
    answered_then: list[int] = []
    asyncio.get_running_loop().call_soon(
        lambda: answered_then.append(sum(len(phone.sent) for phone in phones))
    )
    for _ in range(100):
        await asyncio.sleep(0)
    assert answered_then == [1]
    assert [phone.sent for phone in phones] == [[{"type": "pong"}]] * 20
    assert [json.loads(text)["n"] for text, _ in read] == list(range(20))
    assert [arrived for _, arrived in read] == list(range(20))  # stamped when posted


async def test_the_inbox_counts_each_clients_waiting_frames() -> None:
    """The server stops reading a socket whose client has `INBOX_PER_CLIENT` frames
    waiting: the count goes up as frames arrive and down as they are read."""
    room = room_module.Room()
    flood, quiet = _Quiet(), _Quiet()
    for _ in range(5):
        room.post(flood, '{"type":"ping"}')  # type: ignore[arg-type]
    room.post(quiet, '{"type":"ping"}')  # type: ignore[arg-type]
    assert room.backlog(flood) == 5 and room.backlog(quiet) == 1  # type: ignore[arg-type]
    for _ in range(20):
        await asyncio.sleep(0)
    assert room.backlog(flood) == 0 and room.backlog(quiet) == 0  # type: ignore[arg-type]
    assert len(flood.sent) == 5 and len(quiet.sent) == 1


async def test_a_join_read_after_its_connection_closed_seats_nobody() -> None:
    """A join waiting in the inbox when its phone disconnects must not add a player
    nobody holds the token of (an all-style question would wait for them)."""
    clock = FakeClock()
    party = make_party(clock=clock)
    room = room_module.Room(clock=clock)
    room.host(party, "Mad Men")
    gone = _Quiet()
    room.phones.add(gone)  # type: ignore[arg-type]
    room.post(gone, json.dumps({"type": "join", "room": room.code, "name": "Ghost"}))  # type: ignore[arg-type]
    room.disconnected(gone)  # type: ignore[arg-type]
    for _ in range(10):
        await asyncio.sleep(0)
    assert [phone.name for phone in party.phones] == []
