"""Bad input from the network: each kind is refused (logged, never a traceback) and the
phones playing beside it still get every frame and the score the rules give them."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import random
import socket
import struct

import aiohttp
import pytest

from tests.test_serve_room import WAIT, Host, Phone, host_for, option, points
from trivia.game import PartyStyle
from trivia.serve.client import BAD_FRAMES, QUEUE_SIZE


@pytest.fixture
async def host() -> Host:  # type: ignore[misc]
    async with host_for(PartyStyle.ALL) as running:
        yield running


@pytest.fixture(autouse=True)
def no_tracebacks(caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    """Whatever a test sends, the server logs no error (a refusal is INFO, a drop WARNING)."""
    caplog.set_level(logging.INFO, logger="trivia.serve")
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert errors == []


async def play_one_question(host: Host, phones: list[Phone]) -> None:
    """Everyone answers right, one second apart; each phone is told the rules' score."""
    host.act("open_options")
    questions = [await p.next("question", open=True) for p in phones]
    base = host.party.score_of(0).score
    for phone, question in zip(phones, questions, strict=True):
        host.clock.advance(1.0)
        await phone.answer(question, option(question, "Right"))
    reveals = [await p.next("reveal") for p in phones]
    assert reveals[0]["you"]["score"] == base + points(1.0)
    for n, reveal in enumerate(reveals):
        assert reveal["you"]["right"] is True and reveal["you"]["points"] > 0, n


def fuzz_frames(seed: int, count: int) -> list[str]:
    """Random junk, broken JSON, and real frames with their fields bent."""
    rng = random.Random(seed)
    real = [
        {"type": "join", "room": "ABCD", "name": "Zed"},
        {"type": "answer", "question": "1.q0", "answer": 0},
        {"type": "buzz", "question": "1.q0"},
    ]
    values = [None, True, -1, 10**30, 1.5, "", "x" * 300, [], {}, [1, [2, [3]]], "\u0000\u202e"]
    frames = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.3:
            frames.append(os.urandom(rng.randint(1, 300)).decode("latin-1"))
        elif pick < 0.5:
            text = json.dumps(rng.choice(real))
            cut = rng.randint(0, len(text) - 1)
            frames.append(text[:cut] + rng.choice(["", "}", "{", '"', "\\"]) + text[cut + 1 :])
        else:
            frame = dict(rng.choice(real))
            key = rng.choice([*frame, "type", "extra"])
            frame[key] = rng.choice(values)
            frames.append(json.dumps(frame))
    return frames


async def test_fuzzed_frames_are_each_refused_and_the_room_plays_on(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    frames = fuzz_frames(seed=5, count=150)
    for start in range(0, len(frames), BAD_FRAMES):
        junk = await host.phone()  # a fresh socket per batch: the limit closes a socket
        for text in frames[start : start + BAD_FRAMES]:
            await junk.socket.send_str(text)
            reply = await junk.next("refused")
            assert reply["code"] in ("malformed", "bad-room", "not-joined", "too-big")
        await junk.close()
    assert [p.name for p in host.party.players] == ["Ann", "Bo"]
    await play_one_question(host, [ann, bo])


async def test_malformed_json_and_odd_values_are_refused_and_the_socket_stays(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    host.party.open_options()
    host.server.room.sync()
    question = await ann.next("question", open=True)
    await bo.next("question", open=True)
    qid = question["question"]
    bad = [
        "{not json",
        "[1, 2]",
        '"just a string"',
        "[" * 2000 + "]" * 2000,  # deep nesting within the size limit
        '{"type": "answer", "question": "' + qid + '", "answer": NaN}',
        json.dumps({"type": "answer", "question": qid, "answer": True}),  # a bool for a choice
        json.dumps({"type": "answer", "question": qid, "answer": 99}),
        json.dumps({"type": "answer", "question": qid, "answer": "0"}),
        json.dumps({"type": "launch-missiles"}),
        json.dumps({"type": "answer", "question": ["x"], "answer": 0}),
    ]
    for text in bad:
        await ann.socket.send_str(text)
        refused = await ann.next("refused")
        assert refused["code"] == "malformed" and refused["reason"], text
    await ann.socket.send_bytes(b"\x00\x01")
    assert (await ann.next("refused"))["code"] == "malformed"
    await ann.send({"type": "ping"})
    await ann.next("pong")
    # Wrong question id, and an answer dressed up as another player's: only one's own counts.
    await ann.send({"type": "answer", "question": "9.nope", "answer": 0})
    assert (await ann.next("refused"))["code"] == "wrong-question"
    host.clock.advance(2.0)
    right = option(question, "Right")
    await ann.send({"type": "answer", "question": qid, "answer": right, "player": 1, "name": "Bo"})
    await ann.next("ack")
    await ann.send({"type": "answer", "question": qid, "answer": right})
    assert (await ann.next("refused"))["code"] == "repeat"
    assert host.party.replied() == {0}
    host.clock.advance(3.0)
    await bo.answer(question, right)
    assert (await ann.next("reveal"))["you"]["points"] == points(2.0)
    assert (await bo.next("reveal"))["you"]["points"] == points(5.0)


async def test_too_many_bad_frames_close_the_socket(host: Host) -> None:
    junk = await host.phone()
    for _ in range(BAD_FRAMES + 1):
        await junk.socket.send_str("nope")
    while True:
        message = await asyncio.wait_for(junk.socket.receive(), WAIT)
        if message.type is not aiohttp.WSMsgType.TEXT:
            break
    assert message.type is aiohttp.WSMsgType.CLOSE
    assert message.data == aiohttp.WSCloseCode.POLICY_VIOLATION


async def test_a_one_megabyte_message_closes_that_socket_only(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    big = await host.phone()
    await big.socket.send_str(json.dumps({"type": "join", "room": host.code, "name": "x" * 2**20}))
    message = await asyncio.wait_for(big.socket.receive(), WAIT)
    while message.type is aiohttp.WSMsgType.TEXT:
        message = await asyncio.wait_for(big.socket.receive(), WAIT)
    assert message.type is aiohttp.WSMsgType.CLOSE
    assert message.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    await play_one_question(host, [ann, bo])


async def test_a_thousand_connects_in_a_second_leave_the_players_unharmed(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    outcomes: list[str] = []

    async def connect_and_go(session: aiohttp.ClientSession) -> None:
        try:
            socket = await session.ws_connect(
                f"{host.base}/ws", timeout=aiohttp.ClientWSTimeout(30)
            )
            outcomes.append("open")
            await socket.close()
        except aiohttp.WSServerHandshakeError as error:
            outcomes.append(str(error.status))

    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as flood:
        storm = asyncio.gather(*(connect_and_go(flood) for _ in range(1000)))
        await play_one_question(host, [ann, bo])
        await storm
    assert len(outcomes) == 1000
    assert set(outcomes) <= {"open", "503"}
    async with host.session.get(f"{host.base}/health") as response:
        assert await response.text() == "ok"
    assert host.server.room.connected == 2


def raw_socket(port: int) -> socket.socket:
    """A websocket opened by hand, with a tiny receive buffer, that will never read."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    reply = b""
    while b"\r\n\r\n" not in reply:
        reply += sock.recv(1)
    assert b" 101 " in reply
    return sock


def masked_text(text: str) -> bytes:
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81, 0x80 | len(payload)]) if len(payload) < 126 else b""
    if not header:
        header = bytes([0x81, 0x80 | 126]) + struct.pack("!H", len(payload))
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


async def test_a_phone_that_never_reads_is_dropped_and_slows_nobody(host: Host) -> None:
    ann = await host.phone("Ann")
    bo = await host.phone("Bo")
    sleeper = await asyncio.to_thread(raw_socket, host.server.port)
    sleeper.sendall(masked_text(json.dumps({"type": "join", "room": host.code, "name": "Zzz"})))
    while host.party.phone_named("Zzz") is None:
        await asyncio.sleep(0.01)
    # Many big frames to every phone, the others reading as they come: the sleeper's
    # queue fills and it is dropped; the others get every frame.
    room = host.server.room
    sent = QUEUE_SIZE * 40

    async def collect(phone: Phone) -> list[int]:
        return [(await phone.next("leaderboard"))["more"] for _ in range(sent)]

    readers = [asyncio.create_task(collect(phone)) for phone in (ann, bo)]
    for n in range(sent):
        room._broadcast({"type": "leaderboard", "top": [], "more": n, "pad": "x" * 3000})
        if n % 16 == 15:
            await asyncio.sleep(0.005)
    for reader in readers:
        assert await reader == list(range(sent))
    assert room.connected == 2  # the sleeper is gone
    sleeper.close()
    # The game goes on for the others (the sleeper is still a player: not awaited once gone
    # is the host's call, by kicking; here everyone else answers and the host reveals).
    host.party.open_options()
    room.sync()
    questions = [await p.next("question", open=True) for p in (ann, bo)]
    host.clock.advance(1.0)
    for phone, question in zip((ann, bo), questions, strict=True):
        await phone.answer(question, option(question, "Right"))
    host.party.reveal()
    room.sync()
    assert (await ann.next("reveal"))["you"]["points"] == points(1.0)
    assert (await bo.next("reveal"))["you"]["points"] == points(1.0)
