"""The phones: a small web server on the host app's event loop, so players join a party
from their own phones with no install and no internet.

`PhoneServer` (`trivia.serve.server`) serves the phone and display pages (static files
shipped in the package) and their websockets; `Room` (`trivia.serve.room`) speaks the
phone protocol (docs/hosting.md) and turns what phones send into `Party` actions. The
party itself stays the judge and the clock: the server only passes answers on, stamped
with the moment they arrived.

Nothing here imports the TUI; the host app attaches the party it hosts (`host`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from trivia.lazy import lazy_names

if TYPE_CHECKING:
    from trivia.serve.room import Room
    from trivia.serve.server import PhoneServer

# Name -> the module that defines it, imported on first use (`trivia.lazy`).
_WHERE = {
    "Room": "trivia.serve.room",
    "PhoneServer": "trivia.serve.server",
}

# Quiet unless the host app sets up logging: a refused frame must never reach the terminal.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["PhoneServer", "Room"]


__getattr__ = lazy_names(__name__, _WHERE)
