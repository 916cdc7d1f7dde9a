"""One websocket connection (a phone or a display) and what keeps it from hurting others.

Sending never waits: each message goes into the connection's own bounded queue, and a
writer task drains it into the socket. A client that stops reading fills its queue and is
dropped (closed, then cut off), so the room never waits for its slowest phone. A client
that keeps sending bad frames is closed too.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from typing import Any

from aiohttp import WSCloseCode, web

log = logging.getLogger(__name__)

QUEUE_SIZE = 128
"""Messages waiting for a slow client before it is dropped. A question, a reveal and a
leaderboard are three, counts come at most 5 a second: 128 is a long stall (a locked
screen), and a dropped phone rejoins with its token."""

BAD_FRAMES = 20
"""Bad frames a client may send within `BAD_WINDOW` seconds before it is closed."""

BAD_WINDOW = 10.0

CLOSE_WAIT = 1.0
"""Seconds a closing handshake may take before the connection is cut off."""


class Client:
    """A connected phone or display.

    Attributes:
        socket: The aiohttp websocket.
        display: Whether it is the read-only display.
        digest: The digest of the phone's token, once it has joined.
        peer: Who it is, for the log (the remote address).
    """

    def __init__(self, socket: web.WebSocketResponse, request: web.Request, *, display: bool):
        self.socket = socket
        self.display = display
        self.digest: str | None = None
        self.peer = str(request.remote)
        self._transport = request.transport
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(QUEUE_SIZE)
        self._bad: deque[float] = deque()
        self.closed = False
        self._writer = asyncio.create_task(self._write(), name=f"ws-writer {self.peer}")

    def send(self, message: dict[str, Any]) -> None:
        """Queue one message (never waits)."""
        self.send_text(json.dumps(message, separators=(",", ":")))

    def send_text(self, text: str) -> None:
        """Queue a message already in JSON (a broadcast encodes once for everyone)."""
        if self.closed:
            return
        try:
            self._queue.put_nowait(text)
        except asyncio.QueueFull:
            log.warning("dropping %s: it has not read its last %d messages", self.peer, QUEUE_SIZE)
            self.close(WSCloseCode.POLICY_VIOLATION, "too slow")

    def bad_frame(self) -> bool:
        """Count a bad frame; True when the client has sent too many and is being closed."""
        now = time.monotonic()
        self._bad.append(now)
        while self._bad and self._bad[0] < now - BAD_WINDOW:
            self._bad.popleft()
        if len(self._bad) > BAD_FRAMES:
            log.warning(
                "closing %s: %d bad frames in %.0f s", self.peer, len(self._bad), BAD_WINDOW
            )
            self.close(WSCloseCode.POLICY_VIOLATION, "too many bad messages")
            return True
        return False

    def close(self, code: int = WSCloseCode.GOING_AWAY, reason: str = "") -> None:
        """Close after what is queued (never waits; a stuck socket is cut off)."""
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(None)
        if self._queue.full():
            # Nothing more will drain: cut it off now.
            self._writer.cancel()
            self._abort()
            return
        asyncio.get_running_loop().create_task(self._close(code, reason))

    async def _close(self, code: int, reason: str) -> None:
        try:
            await asyncio.wait_for(self._writer, CLOSE_WAIT)
            await asyncio.wait_for(
                self.socket.close(code=code, message=reason.encode()), CLOSE_WAIT
            )
        except (TimeoutError, ConnectionError, RuntimeError, asyncio.CancelledError):
            self._writer.cancel()
            self._abort()

    def _abort(self) -> None:
        if self._transport is not None:
            self._transport.abort()

    async def _write(self) -> None:
        try:
            while True:
                text = await self._queue.get()
                if text is None:
                    return
                await self.socket.send_str(text)
        except (ConnectionError, RuntimeError):
            # The phone went away (the reader loop sees it too): nothing to tell.
            self.closed = True

    async def stopped(self) -> None:
        """Wait for the writer to end (after `close`), then cancel it if it did not."""
        self._writer.cancel()
        with contextlib.suppress(asyncio.CancelledError, ConnectionError, RuntimeError):
            await self._writer
