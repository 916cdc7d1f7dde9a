"""The party's roster and rules of the room: players (names, colours, marks, keys), styles,
and the party's config, validated, without a UI."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from trivia.game.config import Mode, RoundConfig, RoundError, RoundStateError

MIN_PLAYERS = 2
"""Fewest players (or teams) in a party."""

MAX_PLAYERS = 8
"""Most players (or teams) in a party: one per palette colour, mark and default key."""

MAX_PHONES = 300
"""Most players who may join on their own phones (`PartyConfig.phones`): what one laptop's
server answers within a frame (`benchmarks/phones.py`)."""

MAX_NAME_LENGTH = 20
"""Longest player or team name; the projector lays names out large, on one line."""

COLOURS = ("red", "blue", "green", "yellow", "purple", "orange", "cyan", "pink")
"""Colour names by seat. Names, not values: each theme maps them to its own shades."""

MARKS = ("\u25cf", "\u25b2", "\u25a0", "\u25c6", "\u2605", "\u271a", "\u2663", "\u2665")
"""Symbols by seat (● ▲ ■ ◆ ★ ✚ ♣ ♥), shown beside the colour so nothing relies on it."""

DEFAULT_KEYS = ("a", "l", "z", "m", "q", "p", "v", "n")
"""Buzzer keys by seat: the keyboard's corners first, so players crowding one laptop
each get a key well apart from their neighbours'."""

HOST_KEYS: Mapping[str, str] = MappingProxyType(
    {
        "open_options": "space",
        "next": "enter",
        "reveal": "r",
        "undo": "u",
        "skip": "s",
        "pause": "x",
        "adjust": "c",
        "end": "e",
        "decline": "0",
        "export": "ctrl+s",
        "leave": "escape",
    }
)
"""The host's keys (Textual key names) by action. Player keys may not take them.

Pause is `x`, not Escape: in the app Escape means "leave" (with a confirmation)."""

ANSWER_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "t", "f")
"""Keys that answer (options 1-6, t/f) or, in master style, toggle a player's mark (1-8):
player keys may not take them either. In party mode letters never pick options."""

PASS_FACTOR = 0.5
"""Share of the points a hotseat pass earns (applied as credit, before the streak bonus)."""

LOCKOUT = 0.25
"""Seconds a buzz before the options are shown locks that player out."""


class PartyStyle(StrEnum):
    """How players answer."""

    HOTSEAT = "hotseat"
    """Each question goes to the next player in turn; a wrong answer may pass once."""
    BUZZER = "buzzer"
    """Players buzz with their key; the first valid buzz answers."""
    MASTER = "master"
    """The host marks who was right (teams answering on paper); untimed."""
    ALL = "all"
    """Everyone answers every question once, each on their own phone (as in Kahoot);
    the question is revealed when all have answered or time runs out."""


class LeaderboardWhen(StrEnum):
    """When the UI shows the leaderboard."""

    EVERY_QUESTION = "every_question"
    """In every reveal, and at the end."""
    END = "end"
    """Only at the end (keeps the suspense)."""


class PartyError(RoundError):
    """A party that cannot be built or replayed, or a bad player list."""


class PartyStateError(PartyError, RoundStateError):
    """An action the party's current phase does not allow; nothing was recorded."""


@dataclass(frozen=True, slots=True)
class Player:
    """One player or team.

    Attributes:
        name: The name shown (unique without case, 1-20 printable characters).
        colour: A palette colour name (`COLOURS`); the theme picks the shade.
        mark: A symbol (`MARKS`) shown with the colour, so colour is never needed.
        key: The buzzer key (a lowercase letter), or None outside buzzer style.
    """

    name: str
    colour: str
    mark: str
    key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"name": self.name, "colour": self.colour, "mark": self.mark, "key": self.key}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Player:
        """Read data written by `to_dict`."""
        return cls(data["name"], data["colour"], data["mark"], data.get("key"))


class PhoneRefused(PartyError):
    """A phone's join, buzz or answer that the party does not take; nothing was recorded.

    Attributes:
        code: What kind of refusal, in the phone protocol's words ("name-taken", "full",
            "kicked", "late", "repeat", "paused", "not-your-turn", "locked-out"...).
    """

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


@dataclass(frozen=True, slots=True)
class Phone:
    """A player's phone, joined at run time.

    Attributes:
        name: The name typed on the phone (unique in the room without case).
        seat: The seat it plays for: its own, or with teams its team's.
        digest: A digest of the phone's token (the token itself never reaches a save).
        kicked: The host sent it away; its token is dead.
    """

    name: str
    seat: int
    digest: str
    kicked: bool = False


def player_name(name: object) -> str:
    """A name as typed, cleaned (spaces folded), checked by the party's rules.

    Raises:
        PhoneRefused: "bad-name": empty, too long, or with control characters.
    """
    if not isinstance(name, str):
        raise PhoneRefused("bad-name", "a name is text")
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME_LENGTH:
        raise PhoneRefused("bad-name", f"a name has 1-{MAX_NAME_LENGTH} characters")
    if not clean.isprintable():
        raise PhoneRefused("bad-name", "a name cannot contain control characters")
    return clean


def make_players(names: Sequence[str], keys: Sequence[str] | None = None) -> tuple[Player, ...]:
    """Players for names, in seat order, with the palette's colours and marks.

    Args:
        names: 2-8 player or team names, in turn order.
        keys: Buzzer keys by seat; None takes `DEFAULT_KEYS`.

    Returns:
        The players (validated when a `PartyConfig` is made with them).

    Raises:
        PartyError: More players than colours, or fewer keys than players.
    """
    keys = DEFAULT_KEYS if keys is None else tuple(keys)
    if len(names) > MAX_PLAYERS:
        raise PartyError(f"a party has at most {MAX_PLAYERS} players, not {len(names)}")
    if len(keys) < len(names):
        raise PartyError(f"{len(names)} players need {len(names)} keys, not {len(keys)}")
    return tuple(
        Player(" ".join(name.split()), COLOURS[seat], MARKS[seat], keys[seat].lower())
        for seat, name in enumerate(names)
    )


@dataclass(frozen=True, slots=True)
class PartyConfig:
    """What a party plays and by which rules.

    Attributes:
        style: Hotseat, buzzer or master.
        players: 2-8 players or teams, in seat (turn) order.
        round: The questions, as for a round (mode, count, seed, filters, timing, scoring
            rules); survival is refused (lives are one player's). Master style is untimed
            whatever `round.timed` says.
        teams: Whether the players are teams (the UI says "team").
        pass_on_wrong: Hotseat: a wrong answer passes the question once, to the next
            player, for `pass_factor` of the points.
        pass_factor: The share of the points a pass earns.
        lockout: Seconds an early buzz locks the player out.
        leaderboard: Whether the UI shows the leaderboard after every question or only
            at the end.
        phones: How many players may join on their own phones (0: keyboard seats only;
            at most `MAX_PHONES`). With phones a party may start with no keyboard seat;
            with teams each phone joins a team and plays for it.
    """

    style: PartyStyle
    players: tuple[Player, ...]
    round: RoundConfig = RoundConfig()
    teams: bool = False
    pass_on_wrong: bool = True
    pass_factor: float = PASS_FACTOR
    lockout: float = LOCKOUT
    leaderboard: LeaderboardWhen = LeaderboardWhen.EVERY_QUESTION
    phones: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "style", PartyStyle(self.style))
        object.__setattr__(self, "leaderboard", LeaderboardWhen(self.leaderboard))
        object.__setattr__(self, "players", tuple(self.players))
        if isinstance(self.phones, bool) or not 0 <= self.phones <= MAX_PHONES:
            raise PartyError(f"up to {MAX_PHONES} phones may join, not {self.phones!r}")
        if self.phones and self.style is PartyStyle.HOTSEAT:
            raise PartyError(
                "hotseat passes one keyboard around: phones play all, buzzer or master"
            )
        # Phones join later, so a phone party may start empty (teams are named up front).
        fewest = MIN_PLAYERS if self.teams or not self.phones else 0
        _check_players(self.players, self.style, fewest)
        if self.round.mode is Mode.SURVIVAL:
            raise PartyError("survival counts one player's lives: pick another mode for a party")
        if not 0.0 <= self.pass_factor <= 1.0:
            raise PartyError(f"pass_factor must be within 0..1, not {self.pass_factor}")
        if self.lockout < 0:
            raise PartyError(f"lockout cannot be negative: {self.lockout}")

    @property
    def timed(self) -> bool:
        """Whether questions have a time limit (never in master style)."""
        return self.round.timed and self.style is not PartyStyle.MASTER

    def to_dict(self) -> dict[str, Any]:
        """The config as JSON-ready data (for saves); `from_dict` reads it back."""
        return {
            "style": self.style.value,
            "players": [player.to_dict() for player in self.players],
            "round": self.round.to_dict(),
            "teams": self.teams,
            "pass_on_wrong": self.pass_on_wrong,
            "pass_factor": self.pass_factor,
            "lockout": self.lockout,
            "leaderboard": self.leaderboard.value,
            # Only when phones may join, so keyboard parties save exactly as before.
            **({"phones": self.phones} if self.phones else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PartyConfig:
        """Read a config written by `to_dict`; missing keys take their defaults."""
        values = dict(data)
        values["players"] = tuple(Player.from_dict(p) for p in values["players"])
        if "round" in values:
            values["round"] = RoundConfig.from_dict(values["round"])
        return cls(**values)


def _check_players(players: tuple[Player, ...], style: PartyStyle, fewest: int) -> None:
    if not fewest <= len(players) <= MAX_PLAYERS:
        raise PartyError(f"a party has {fewest}-{MAX_PLAYERS} players or teams, not {len(players)}")
    reserved = set(HOST_KEYS.values()) | set(ANSWER_KEYS)
    seen: dict[str, dict[str, str]] = {"name": {}, "colour": {}, "mark": {}, "key": {}}
    for player in players:
        if not player.name or len(player.name) > MAX_NAME_LENGTH:
            raise PartyError(f"a name has 1-{MAX_NAME_LENGTH} characters: {player.name!r}")
        if not player.name.isprintable():
            raise PartyError(f"a name cannot contain control characters: {player.name!r}")
        if player.colour not in COLOURS:
            raise PartyError(f"{player.colour!r} is not a palette colour ({', '.join(COLOURS)})")
        if style is PartyStyle.BUZZER and player.key is None:
            raise PartyError(f"{player.name} needs a buzzer key")
        if player.key is not None:
            if len(player.key) != 1 or not ("a" <= player.key <= "z"):
                raise PartyError(f"a buzzer key is one lowercase letter, not {player.key!r}")
            if player.key in reserved:
                raise PartyError(
                    f"{player.name}'s key {player.key!r} is a host or answer key; "
                    f"free keys avoid {', '.join(sorted(k for k in reserved if len(k) == 1))}"
                )
        for attribute in seen:
            value = getattr(player, attribute)
            if value is None:
                continue
            folded = value.casefold()
            other = seen[attribute].get(folded)
            if other is not None:
                raise PartyError(f"{player.name} and {other} have the same {attribute}: {value}")
            seen[attribute][folded] = player.name
