"""The real phone server (trivia.serve) for the browser tests, with a party to play.

The server runs on its own event loop in a thread, because Selenium blocks the test's; the
test acts as the host through `LiveHost.act`, which calls the party on that loop and tells
the room, as the host screen does.
"""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from trivia.game import Party, PartyConfig, PartyStyle, RoundConfig, build_party, make_players
from trivia.serve import PhoneServer, views

T = TypeVar("T")

# The TUI tests' sample pack (one question of each type), loaded from its file as they do.
_SPEC = importlib.util.spec_from_file_location(
    "tui_sample_packs", Path(__file__).parent / "data" / "tui" / "sample_packs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_samples = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_samples)
sample_pack = _samples.sample_pack

PACK = sample_pack()
"""Six questions, one of each kind (two choice), of every difficulty."""


class LiveHost:
    """A `PhoneServer` on 127.0.0.1 (a free port) hosting one party.

    Args:
        style: The party's style.
        seats: Keyboard seats (none: phones only).
        timed: Whether questions have a clock (untimed keeps every score exact).
        teams: Whether the seats are teams the phones join.
    """

    def __init__(
        self,
        style: PartyStyle = PartyStyle.ALL,
        seats: Sequence[str] = (),
        timed: bool = False,
        teams: bool = False,
    ) -> None:
        config = PartyConfig(
            style,
            make_players(seats) if seats else (),
            RoundConfig(seed=3, question_count=len(PACK.questions), timed=timed),
            phones=20,
            teams=teams,
        )
        self.party: Party = build_party([PACK], config)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.server = PhoneServer("127.0.0.1", 0)

    def start(self) -> LiveHost:
        """Listen, with the party attached; return self."""
        self._thread.start()

        async def start() -> None:
            await self.server.start()
            self.server.host_party(self.party, PACK.meta.title)

        asyncio.run_coroutine_threadsafe(start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        """Stop the server (the phones are told it ended), then the loop."""
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def code(self) -> str:
        return self.server.room.code

    def call(self, work: Callable[[], T]) -> T:
        """Run ``work`` on the server's loop (the party is not thread-safe); return its result."""

        async def run() -> T:
            return work()

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(10)

    def act(self, action: str, *args: Any) -> Any:
        """The host does something to the party (``"open_options"``, ``"next"``...); the room
        is told at once, as the host screen's own sync does."""

        def work() -> Any:
            result = getattr(self.party, action)(*args)
            self.server.room.sync()
            return result

        return self.call(work)

    def kick(self, name: str) -> None:
        """The host kicks a phone player."""
        self.call(lambda: self.server.room.kick(name))

    def bot(self, name: str) -> Bot:
        """A second player: a plain websocket client joined under ``name``."""
        bot = Bot(self)
        self.run(bot.join(name))
        return bot

    def run(self, work: Any) -> Any:
        """Await a coroutine on the server's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(10)


class Bot:
    """A phone without a browser (aiohttp's websocket client), for a room of more than one."""

    def __init__(self, host: LiveHost) -> None:
        self.host = host
        self.session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None

    async def join(self, name: str) -> None:
        self.session = aiohttp.ClientSession()
        self.socket = await self.session.ws_connect(f"{self.host.url}/ws")
        await self.socket.send_json({"type": "join", "room": self.host.code, "name": name})
        # Frames to the bot are read and dropped, so its queue never fills.
        asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        assert self.socket is not None
        async for _message in self.socket:
            pass

    def answer(self, value: Any) -> None:
        """Answer the question now open."""

        async def send() -> None:
            assert self.socket is not None
            qid = views.question_id(self.host.party)
            await self.socket.send_json({"type": "answer", "question": qid, "answer": value})

        self.host.run(send())

    def close(self) -> None:
        async def close() -> None:
            if self.session is not None:
                await self.session.close()

        self.host.run(close())
