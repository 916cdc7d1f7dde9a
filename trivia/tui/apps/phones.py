"""Running the party app with the phone server (`trivia party --serve`).

The server runs on the app's own event loop, started just before the app and stopped
just after it, so it listens only while the party app is open, and says so.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trivia.serve import PhoneServer
    from trivia.tui.apps.party import PartyApp


def listening_line(server: PhoneServer) -> str:
    """Where the server listens, in a sentence for the host's terminal."""
    if server.everywhere:
        return (
            f"Phones: listening on every network interface, port {server.port}, while this "
            f"party runs (join at http://{server.address}:{server.port}/). "
            "--host 127.0.0.1 keeps it to this machine."
        )
    return f"Phones: listening on {server.host}, port {server.port}, while this party runs."


def run_with_phones(app: PartyApp, host: str, port: int) -> int:
    """Run `app` with a phone server on `host`:`port` (0: a free port) beside it.

    Returns:
        The app's exit code, or 1 when the server cannot listen there (the port is taken,
        the address is not this machine's): the reason is printed on stderr.
    """
    from trivia.serve import PhoneServer

    server = PhoneServer(host, port, clock=app.clock)
    problem: list[OSError] = []

    async def hosted() -> None:
        try:
            await server.start()
        except OSError as error:
            problem.append(error)
            return
        print(listening_line(server), file=sys.stderr)
        app.phone_server = server
        try:
            await app.run_async()
        finally:
            await server.stop()

    asyncio.run(hosted())
    if problem:
        reason = problem[0].strerror or str(problem[0])
        where = f"{host}:{port}" if port else host
        print(
            f"trivia party: phones cannot join: cannot listen on {where}: {reason}", file=sys.stderr
        )
        return 1
    print("Phones: stopped listening.", file=sys.stderr)
    return app.return_code or 0
