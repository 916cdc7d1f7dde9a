"""The game app's old address: `trivia.tui.apps.game` holds it now.

The command line and the tests import `create_app`, `main_tui` and `TriviaApp` from here;
importing this module costs nothing more than importing the game app.
"""

from __future__ import annotations

# `date` is the game app's calendar (`TriviaApp(today=date.today)`); tests read it here.
from datetime import date

from trivia.tui.app_base import Clock
from trivia.tui.apps.game import (
    EXIT_AFTER_FIRST_PAINT,
    EXIT_AFTER_PACKS_LISTED,
    TriviaApp,
    create_app,
    main_tui,
)

__all__ = [
    "EXIT_AFTER_FIRST_PAINT",
    "EXIT_AFTER_PACKS_LISTED",
    "Clock",
    "TriviaApp",
    "create_app",
    "date",
    "main_tui",
]
