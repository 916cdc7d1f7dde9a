"""Party mode: one round's questions played by 2-8 players or teams, without a UI.

A party is the same round engine with several players, not a second game: `build_party`
draws the questions with the round's plan (`trivia.game.plan`: same seed, same selection
and shuffles), times them with the same question clock, and settles each go with the same
`settle()` and `Tally` as a solo round, keeping a tally per player. Three styles:

- hotseat: each question goes to the next player in turn; a wrong answer passes once, to
  the next player, for half points.
- buzzer: players buzz on one keyboard; the first valid buzz answers; a buzz before the
  options are shown locks that player out for 250 ms; a wrong answer opens the question to
  the others.
- master: the host reads the question, marks who got it right and reveals; untimed.
- all: everyone answers every question once, each on their own phone (Kahoot's way); the
  question is revealed when all have answered or time runs out.

Phones join at run time (`Party.join`, up to `MAX_PHONES`), as new players or, with
teams, as members of a team (`trivia.game.party.phones`); keyboard seats and phones play
in one party.

Every question goes through the same phases:

    READING --open_options()--> OPEN --(answered, timed out, reveal())--> REVEAL
    REVEAL --next()--> READING (the next question) or FINISHED
    READING/OPEN --skip()--> READING (the next question, nothing scored) or FINISHED
    any --end()--> FINISHED

Everything that happens is an event, a plain JSON-ready dict appended to `Party.events`;
the state (scores, streaks, turn, question, phase) is what replaying the events gives.
That makes the host's undo exact (an undo is an event that drops the last host action
and replays the rest), a save is the list of events (`Party.replay` rebuilds the party),
and a projector display follows the host by applying the events it reads (`follow`).

Time is read from an injected clock (`time.monotonic` by default). Events carry party
time `t` (seconds since the party began, paused time included) and every answer carries
the seconds it took, so points never depend on the clock of the process replaying them.

Modules: `roster` (players, phones, styles, the config), `events` (phases, event types,
host actions, `describe`), `state` (the state and what the UI reads), `phones` (joining,
kicking, all-style answers), `undo`, `machine` (the `Party` and its dispatch table),
`results` (totals, leaderboard, podium, export).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from trivia.lazy import lazy_names

if TYPE_CHECKING:
    from trivia.game.party.events import (
        BuzzResult,
        EventType,
        HostAction,
        PartyPhase,
        describe,
    )
    from trivia.game.party.machine import (
        Party,
        build_party,
    )
    from trivia.game.party.results import (
        Adjustment,
        Attempt,
        Movement,
        PlayerScore,
        Podium,
        QuestionResult,
        ResultsTable,
        Standing,
        export_csv,
        export_json,
        results_table,
    )
    from trivia.game.party.roster import (
        ANSWER_KEYS,
        COLOURS,
        DEFAULT_KEYS,
        HOST_KEYS,
        LOCKOUT,
        MARKS,
        MAX_NAME_LENGTH,
        MAX_PHONES,
        MAX_PLAYERS,
        MIN_PLAYERS,
        PASS_FACTOR,
        LeaderboardWhen,
        PartyConfig,
        PartyError,
        PartyStateError,
        PartyStyle,
        Phone,
        PhoneRefused,
        Player,
        make_players,
        player_name,
    )

# Name -> the module that defines it, imported on first use (`trivia.lazy`).
_WHERE = {
    "BuzzResult": "trivia.game.party.events",
    "EventType": "trivia.game.party.events",
    "HostAction": "trivia.game.party.events",
    "PartyPhase": "trivia.game.party.events",
    "describe": "trivia.game.party.events",
    "Party": "trivia.game.party.machine",
    "build_party": "trivia.game.party.machine",
    "Adjustment": "trivia.game.party.results",
    "Attempt": "trivia.game.party.results",
    "Movement": "trivia.game.party.results",
    "PlayerScore": "trivia.game.party.results",
    "Podium": "trivia.game.party.results",
    "QuestionResult": "trivia.game.party.results",
    "ResultsTable": "trivia.game.party.results",
    "Standing": "trivia.game.party.results",
    "export_csv": "trivia.game.party.results",
    "export_json": "trivia.game.party.results",
    "results_table": "trivia.game.party.results",
    "ANSWER_KEYS": "trivia.game.party.roster",
    "COLOURS": "trivia.game.party.roster",
    "DEFAULT_KEYS": "trivia.game.party.roster",
    "HOST_KEYS": "trivia.game.party.roster",
    "LOCKOUT": "trivia.game.party.roster",
    "MARKS": "trivia.game.party.roster",
    "MAX_NAME_LENGTH": "trivia.game.party.roster",
    "MAX_PHONES": "trivia.game.party.roster",
    "MAX_PLAYERS": "trivia.game.party.roster",
    "MIN_PLAYERS": "trivia.game.party.roster",
    "PASS_FACTOR": "trivia.game.party.roster",
    "LeaderboardWhen": "trivia.game.party.roster",
    "PartyConfig": "trivia.game.party.roster",
    "PartyError": "trivia.game.party.roster",
    "PartyStateError": "trivia.game.party.roster",
    "PartyStyle": "trivia.game.party.roster",
    "Phone": "trivia.game.party.roster",
    "PhoneRefused": "trivia.game.party.roster",
    "Player": "trivia.game.party.roster",
    "make_players": "trivia.game.party.roster",
    "player_name": "trivia.game.party.roster",
}

__all__ = [
    "ANSWER_KEYS",
    "Adjustment",
    "Attempt",
    "BuzzResult",
    "COLOURS",
    "DEFAULT_KEYS",
    "EventType",
    "HOST_KEYS",
    "HostAction",
    "LOCKOUT",
    "LeaderboardWhen",
    "MARKS",
    "MAX_NAME_LENGTH",
    "MAX_PHONES",
    "MAX_PLAYERS",
    "MIN_PLAYERS",
    "Movement",
    "PASS_FACTOR",
    "Party",
    "PartyConfig",
    "PartyError",
    "PartyPhase",
    "PartyStateError",
    "PartyStyle",
    "Phone",
    "PhoneRefused",
    "Player",
    "PlayerScore",
    "Podium",
    "QuestionResult",
    "ResultsTable",
    "Standing",
    "build_party",
    "describe",
    "export_csv",
    "export_json",
    "make_players",
    "player_name",
    "results_table",
]


__getattr__ = lazy_names(__name__, _WHERE)
