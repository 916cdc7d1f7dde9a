"""The network facts the host needs: the machine's LAN address, a free port, a room code."""

from __future__ import annotations

import hashlib
import socket

ROOM_LETTERS = "ACDEFHJKMNPRTWXY"
"""Letters for room codes: none that reads as another (B/8, I/1, L, O/0, S/5, U/V, G/6, Q, Z/2)."""

ROOM_CODE_LENGTH = 4


def room_code(seed: int | str) -> str:
    """The room code of a party: four letters drawn from its seed.

    A party keeps its code when the host resumes it after a crash, so phones that stored
    their token under the code find it again.
    """
    digest = hashlib.sha256(f"trivia-room:{seed}".encode()).digest()
    return "".join(ROOM_LETTERS[b % len(ROOM_LETTERS)] for b in digest[:ROOM_CODE_LENGTH])


def lan_address() -> str:
    """The address other machines on this network reach this one by (127.0.0.1 if none).

    A UDP socket "connected" to a private address picks the outgoing interface without
    sending anything.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address = str(probe.getsockname()[0])
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address
