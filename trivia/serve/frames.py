"""Reading what a phone sends: one JSON object per text frame, checked field by field.

Nothing a phone sends is trusted: a frame that is not a small JSON object with a known
`type` and fields of the right types becomes a `Refusal`, which the room answers with a
"refused" frame (and logs), never an exception that reaches the host.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from trivia.game.answers import Response
from trivia.game.plan import QuestionView
from trivia.packs.model import QuestionType

MAX_FRAME = 4096
"""Largest frame a phone may send, in bytes; a larger one closes the socket (1009)."""

MAX_TEXT_ANSWER = 200
"""Longest typed answer, in characters."""

MAX_TOKEN = 64
"""Longest token a phone may present (the server's are 22 characters)."""

TYPES = frozenset({"join", "answer", "buzz", "ping"})
"""What a phone may send."""


class Refusal(Exception):
    """A frame or an action the room does not take.

    Attributes:
        code: The protocol's refusal code ("malformed", "wrong-question"...).
        reason: A sentence the phone page may show.
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason

    def frame(self) -> dict[str, Any]:
        """The "refused" frame that tells the phone."""
        return {"type": "refused", "code": self.code, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Frame:
    """A checked frame: its `type` and the object as sent."""

    type: str
    data: dict[str, Any]

    def text(self, key: str, *, longest: int, required: bool = True) -> str | None:
        """A string field (None when absent and not required)."""
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or len(value) > longest:
            raise Refusal("malformed", f"{key!r} must be text of at most {longest} characters")
        return value


def read_frame(text: str) -> Frame:
    """Parse one text frame.

    Raises:
        Refusal: Too big, not JSON, not an object, or an unknown type.
    """
    if len(text) > MAX_FRAME or len(text.encode("utf-8", "replace")) > MAX_FRAME:
        raise Refusal("too-big", f"a message has at most {MAX_FRAME} bytes")
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise Refusal("malformed", "that was not a JSON message") from None
    if not isinstance(data, dict):
        raise Refusal("malformed", "a message is a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in TYPES:
        raise Refusal("malformed", f"unknown message type {str(kind)[:20]!r}")
    return Frame(kind, data)


def _no_constant(name: str) -> Any:
    # NaN and Infinity are not JSON, and no answer is one.
    raise ValueError(name)


def response_for(view: QuestionView, value: Any) -> Response:
    """The engine's response for an answer as the protocol sends it, by question type.

    choice: the 0-based index of an option as shown; truefalse: a bool; text: a string;
    number: a JSON number; order: indexes into the items as sent, in the player's order.

    Raises:
        Refusal: "malformed": the value does not fit the question's type.
    """
    kind = view.question.type
    if kind is QuestionType.CHOICE:
        if _is_int(value) and 0 <= value < len(view.options):
            return view.options[value]
        raise Refusal("malformed", f"pick an option from 0 to {len(view.options) - 1}")
    if kind is QuestionType.TRUEFALSE:
        if isinstance(value, bool):
            return value
        raise Refusal("malformed", "answer true or false")
    if kind is QuestionType.TEXT:
        if isinstance(value, str) and len(value) <= MAX_TEXT_ANSWER:
            return value
        raise Refusal("malformed", f"type an answer of at most {MAX_TEXT_ANSWER} characters")
    if kind is QuestionType.NUMBER:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return value
        raise Refusal("malformed", "answer with a number")
    items = view.items
    if (
        isinstance(value, list)
        and len(value) == len(items)
        and all(_is_int(i) for i in value)
        and sorted(value) == list(range(len(items)))
    ):
        return tuple(items[i] for i in value)
    raise Refusal("malformed", f"put all {len(items)} items in an order, each once")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
