"""The party apps' old address: `trivia.tui.apps.party` and `trivia.tui.apps.display`.

The command line and the tests import the entry points from here.
"""

from __future__ import annotations

from trivia.tui.apps.display import PartyDisplayApp, create_display_app, main_display
from trivia.tui.apps.party import PartyApp, create_party_app, main_party

__all__ = [
    "PartyApp",
    "PartyDisplayApp",
    "create_display_app",
    "create_party_app",
    "main_display",
    "main_party",
]
