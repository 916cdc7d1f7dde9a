"""The base of the messages screens post to the app about what the player chose."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.screen import Screen


class ScreenMessage(Message):
    """A message a screen posts about itself (it bubbles to the app).

    Screens nest their own kinds (`QuestionScreen.Answered`, `HomeScreen.PlayChosen`, ...);
    the app handles them by name (`on_question_screen_answered`) or with `@on`.

    Args:
        screen: The screen that posts it: the app acts only while it is the one on top,
            so a second key pressed before the first was handled changes nothing.
    """

    def __init__(self, screen: Screen[Any]) -> None:
        self.screen = screen
        super().__init__()
