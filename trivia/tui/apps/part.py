"""The base of the game app's parts (`RoundFlow`, `PartyHosting`): what they all read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from trivia.tui.app_base import Clock, TriviaAppBase

if TYPE_CHECKING:
    from trivia.game.round import Round
    from trivia.packs.model import Pack


class GamePart(TriviaAppBase):
    """A part of `TriviaApp`, not an app on its own: `TriviaApp` holds the state below."""

    if TYPE_CHECKING:
        round: Round | None
        seed: int | None
        clock: Clock

        def pack_title(self, pack_ids: Sequence[str] | str) -> str: ...
        def known_packs(self) -> list[Pack]: ...
