"""A stand-in host for the browser tests: serves trivia/serve/static and speaks protocol v1.

It is not the game: it scores nothing. The test scripts what the host says (a question, a
reveal) and reads what the page sent, so the page's own behaviour is what gets tested. It
runs its aiohttp app on its own event loop in a thread, because Selenium blocks the test's.
"""

from __future__ import annotations

import asyncio
import json
import queue
import threading
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

import trivia

STATIC = Path(trivia.__file__).parent / "serve" / "static"
ROOM = "ABCD"


class FakeHost:
    """A host with one room (ABCD) on 127.0.0.1 and a free port.

    Attributes:
        url: the page's address, e.g. ``http://127.0.0.1:40123``.
        frames: what phones sent, in order, as ``(token or None, frame)``.
    """

    def __init__(self) -> None:
        self.url = ""
        self.frames: queue.Queue[tuple[str | None, dict[str, Any]]] = queue.Queue()
        self._phones: dict[str, web.WebSocketResponse] = {}
        self._displays: list[web.WebSocketResponse] = []
        self._kicked: set[str] = set()
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    # -- life ----------------------------------------------------------------------------------
    def start(self) -> FakeHost:
        """Serve on a free port and return self once it answers."""
        self._thread.start()
        port = asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(10)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        """Close every socket and the server, then the loop."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _serve(self) -> int:
        app = web.Application()
        app.router.add_get("/", self._page("phone.html"))
        app.router.add_get("/display", self._page("display.html"))
        app.router.add_get("/ws", self._phone_socket)
        app.router.add_get("/ws/display", self._display_socket)
        app.router.add_static("/static/", STATIC)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    @staticmethod
    def _page(name: str):
        async def page(request: web.Request) -> web.FileResponse:
            return web.FileResponse(STATIC / name)

        return page

    # -- sockets -------------------------------------------------------------------------------
    async def _phone_socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        token: str | None = None
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            self.frames.put((token, frame))
            if frame["type"] == "join":
                token = await self._join(ws, frame) or token
            elif frame["type"] == "answer":
                await ws.send_json({"type": "ack", "question": frame["question"]})
            elif frame["type"] == "ping":
                await ws.send_json({"type": "pong"})
        if token is not None and self._phones.get(token) is ws:
            del self._phones[token]
        return ws

    async def _join(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> str | None:
        if frame.get("room") != ROOM:
            reason = "There is no room with that code."
            await ws.send_json({"type": "refused", "code": "bad-room", "reason": reason})
            return None
        rejoined = "token" in frame
        token = frame["token"] if rejoined else f"tok-{frame['name']}"
        if token in self._kicked or (rejoined and not token.startswith("tok-")):
            reason = "That place in the party is gone."
            await ws.send_json({"type": "refused", "code": "bad-name", "reason": reason})
            return None
        self._phones[token] = ws
        name = token.removeprefix("tok-")
        welcome = {"type": "welcome", "token": token, "name": name, "team": None}
        await ws.send_json({**welcome, "rejoined": rejoined, "score": 0})
        await ws.send_json({"type": "lobby", "count": 3, "names": [name], "title": "Mad Men"})
        return token

    async def _display_socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._displays.append(ws)
        async for _msg in ws:
            pass  # the display is read-only
        self._displays.remove(ws)
        return ws

    # -- what the test does --------------------------------------------------------------------
    def say(self, frame: dict[str, Any], to: str | None = None) -> None:
        """Send a frame to one phone (its token), or to every phone when ``to`` is None."""

        async def send() -> None:
            targets = [self._phones[to]] if to is not None else list(self._phones.values())
            for ws in targets:
                await ws.send_json(frame)

        asyncio.run_coroutine_threadsafe(send(), self._loop).result(10)

    def show(self, frame: dict[str, Any]) -> None:
        """Send a frame to every display."""

        async def send() -> None:
            for ws in list(self._displays):
                await ws.send_json(frame)

        asyncio.run_coroutine_threadsafe(send(), self._loop).result(10)

    def kick(self, token: str, reason: str) -> None:
        """Kick a phone: the kicked frame, then its socket closes and the token is dead."""
        self._kicked.add(token)

        async def close() -> None:
            ws = self._phones.pop(token)
            await ws.send_json({"type": "kicked", "reason": reason})
            await ws.close()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)

    def next_frame(self, kind: str, timeout: float = 10) -> dict[str, Any]:
        """The next frame of type ``kind`` a phone sent (pings in between are skipped)."""
        while True:
            _token, frame = self.frames.get(timeout=timeout)
            if frame["type"] == kind:
                return frame
            if frame["type"] != "ping":
                raise AssertionError(f"expected a {kind!r} frame, the page sent {frame!r}")

    def displays(self) -> int:
        """How many displays are connected now."""
        return len(self._displays)
