"""The phone server: an aiohttp app on the host app's own event loop (same process, no
thread), serving the phone and display pages and their websockets.

It listens only while a party is hosted, on every interface by default so phones on the
same Wi-Fi reach it (`--host 127.0.0.1` keeps it to this machine), on a free port unless
one is given.
"""

from __future__ import annotations

import asyncio
import logging
import time
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from trivia.game.party import Party
from trivia.serve.client import Client
from trivia.serve.frames import MAX_FRAME
from trivia.serve.net import lan_address
from trivia.serve.room import INBOX_PER_CLIENT, Room

log = logging.getLogger(__name__)

STATIC = Path(str(resources.files("trivia.serve") / "static"))
"""The pages, shipped in the package (no CDN: the room may have no internet)."""

BACKLOG_WAIT = 0.002
"""How long the reader of a client with a full inbox share waits before looking again."""

MAX_CONNECTIONS = 700
"""Websockets open at once: every phone of a full room twice over, and the displays.
Past it a connection is refused at once (HTTP 503), so a flood costs the others nothing."""

HEARTBEAT = 20.0
"""Seconds between pings to each phone: a phone gone without a word is noticed."""

ALL_INTERFACES = "0.0.0.0"

MISSING_PAGE = (
    "<!doctype html><meta charset=utf-8><title>Fan Trivia</title>"
    "<p>This copy of Fan Trivia was built without its phone pages (trivia/serve/static).</p>"
)
"""What a browser gets when the package lacks its pages (a broken install), not an error."""


class PhoneServer:
    """The web server phones join through.

    Args:
        host: The address to listen on ("0.0.0.0": every interface).
        port: The port; 0 picks a free one (`port` says which, once started).
        clock: The party's clock (answers are stamped with it as they arrive).
    """

    def __init__(self, host: str = ALL_INTERFACES, port: int = 0, clock: Any = time.monotonic):
        self.host = host
        self.port = port
        self.room = Room(clock)
        self._runner: web.AppRunner | None = None
        self.app = self._make_app()

    # --- starting and stopping -----------------------------------------------------------

    async def start(self) -> None:
        """Listen (on the running event loop).

        Raises:
            OSError: The port is taken or the address is not this machine's.
        """
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port, backlog=1024)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            self._runner = None
            raise
        # aiohttp tells the bound port (asked for 0: any free one) only through its server.
        sockets = getattr(site._server, "sockets", None)
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        self.room.address = f"{self.address}:{self.port}"
        self.room.start()
        log.info("listening on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        """Tell the phones the party is over, close every connection, stop listening."""
        await self.room.stop()
        if self._runner is not None:
            await asyncio.sleep(0.05)  # let the "ended" frames go out
            await self._runner.cleanup()
            self._runner = None

    @property
    def running(self) -> bool:
        """Whether it listens now."""
        return self._runner is not None

    def host_party(self, party: Party, title: str = "") -> None:
        """Attach the party being hosted (phones may join it from now on)."""
        self.room.host(party, title)

    # --- what the host screen shows -----------------------------------------------------------

    @property
    def everywhere(self) -> bool:
        """Whether it listens on every interface (phones on the network can reach it)."""
        return self.host in (ALL_INTERFACES, "", "::")

    @property
    def address(self) -> str:
        """The address phones use: the machine's LAN address, or the one listened on."""
        return lan_address() if self.everywhere else self.host

    @property
    def url(self) -> str:
        """The join address, with the room code (what the QR code holds)."""
        base = f"http://{self.address}:{self.port}/"
        return f"{base}?room={self.room.code}" if self.room.code else base

    @property
    def display_url(self) -> str:
        """The projector page."""
        return f"http://{self.address}:{self.port}/display"

    # --- the app ----------------------------------------------------------------------------

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_FRAME * 4)
        app.router.add_get("/", self._page("phone.html"))
        app.router.add_get("/display", self._page("display.html"))
        app.router.add_get("/health", self._health)
        app.router.add_get("/ws", self._phone_socket)
        app.router.add_get("/ws/display", self._display_socket)
        if STATIC.is_dir():
            app.router.add_static("/static", STATIC, follow_symlinks=False)
        return app

    def _page(self, name: str) -> Any:
        headers = {"Cache-Control": "no-store", "X-Frame-Options": "DENY"}

        async def page(request: web.Request) -> web.StreamResponse:
            path = STATIC / name
            if not path.is_file():
                return web.Response(text=MISSING_PAGE, content_type="text/html", headers=headers)
            return web.FileResponse(path, headers=headers)

        return page

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def _phone_socket(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, display=False)

    async def _display_socket(self, request: web.Request) -> web.StreamResponse:
        return await self._socket(request, display=True)

    async def _socket(self, request: web.Request, *, display: bool) -> web.StreamResponse:
        room = self.room
        if len(room.phones) + len(room.displays) >= MAX_CONNECTIONS:
            log.warning("refused a connection from %s: the room is full", request.remote)
            return web.Response(status=503, text="too many connections")
        socket = web.WebSocketResponse(
            max_msg_size=MAX_FRAME, heartbeat=HEARTBEAT, compress=False, writer_limit=1 << 16
        )
        await socket.prepare(request)
        client = Client(socket, request, display=display)
        room.connected_client(client)
        try:
            async for message in socket:
                if message.type is WSMsgType.TEXT:
                    room.post(client, message.data)
                    while room.backlog(client) >= INBOX_PER_CLIENT:
                        await asyncio.sleep(BACKLOG_WAIT)  # read no more of a flood
                elif message.type is WSMsgType.BINARY:
                    room.refuse_binary(client)
                elif message.type is WSMsgType.ERROR:
                    log.info("closed %s: %s", client.peer, socket.exception())
                    break
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            room.disconnected(client)
            client.close()
        return socket
