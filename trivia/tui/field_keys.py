"""Screen keys that still work while a player types an answer.

A letter key types into a focused answer field, so a screen's letter keys (the host's
`x` pause, the solo `h` hint) cannot fire while a text or number question is answered. Each
letter key that matters then has a function-key twin:

- the twin is a binding to `field('<action>')`, run by `action_field`;
- `check_field_key` (the screen's `check_action`, wrapping its own rules) enables the twin,
  and shows it in the footer, only while an answer field has focus, and hides the letter
  key then, so the footer always shows keys that work now;
- the screen's `action_field` hands the action the twin stands for to `run_twin`.
"""

from __future__ import annotations

from inspect import isawaitable
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.binding import Binding
from textual.widgets import Input

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.screen import Screen


FIELD_ACTION = "field"
"""The action every twin binds to; its one parameter is the action it stands for."""


def field_twin(key: str, action: str, description: str) -> Binding:
    """The function-key twin of a letter key: runs `action` while a field has focus."""
    return Binding(
        key,
        f"{FIELD_ACTION}({action!r})",
        description,
        key_display=key.upper(),
        priority=True,
    )


def typing(screen: Screen[Any]) -> bool:
    """Whether an answer field has focus (letter keys type into it)."""
    return isinstance(screen.focused, Input)


def check_field_key(
    screen: Screen[Any],
    action: str,
    parameters: tuple[object, ...],
    *,
    twinned: frozenset[str],
    rules: Callable[[str, tuple[object, ...]], bool | None],
) -> bool | None:
    """A screen's `check_action`, with the twins and their letter keys taken care of.

    Args:
        screen: The screen asking.
        action: The action of the binding being checked.
        parameters: Its parameters.
        twinned: The actions whose letter keys have function-key twins.
        rules: The screen's own rules: may `action` run now (True), be shown but not
            run (None), or neither (False)?

    Returns:
        A twin: its action's verdict while a field has focus, else False. A twinned
        letter key: False while a field has focus, else its verdict. Any other key: its
        verdict.
    """
    if action == FIELD_ACTION:
        if not typing(screen):
            return False
        _, name, arguments = parse(str(parameters[0]))
        return rules(name, arguments)
    if action in twinned and typing(screen):
        return False
    return rules(action, parameters)


async def run_twin(screen: Screen[Any], action: str) -> None:
    """Run the action a twin stands for (`check_field_key` has already allowed it).

    Not through `run_action`, which would ask `check_action` again about the letter key's
    action, and be refused because a field has focus.
    """
    _, name, arguments = parse(action)
    result = getattr(screen, f"action_{name}")(*arguments)
    if isawaitable(result):
        await result
