"""The game's rules, without a UI: answer checking, scoring, streaks, the round and the party.

Plain Python: nothing here imports Textual, Rich or sqlite3 (a test proves it), so the
rules are tested directly and a UI is a view over `Round` (or `Party`, several players on
the same round engine).

Where a rule lives: `answers` (checking a response), `scoring` (points for one answer),
`config` (modes, lifelines, limits, the round's config), `plan` (which questions, in which
order, with which shuffles), `clock` (the question clock), `settle` (one go settled, and a
player's tally), `records` (outcomes, saved answers, the summary), `round` (the solo round's
state machine) and `party` (the party's roster, events, machine and results), all built on
the same plan, clock, `settle()` and tally.

The package is lazy: each name below is imported from its module when first asked for,
so importing one module of the game never runs the whole package (a worker thread and
the main thread importing both at once could deadlock; `tests/test_import_threads.py`).
`trivia.game.settle` is the function, as before, though a submodule has that name.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from trivia.lazy import lazy_names

if TYPE_CHECKING:
    from trivia.game.answers import (
        InvalidResponse,
        NormalisedResponse,
        Response,
        Verdict,
        answer_key,
        answer_text,
        check_answer,
        earns_partial_credit,
        format_number,
        no_answer,
        normalise_text,
        parse_number,
        text_matches,
        typo_budget,
    )
    from trivia.game.clock import QuestionClock
    from trivia.game.party import (
        ANSWER_KEYS,
        COLOURS,
        DEFAULT_KEYS,
        HOST_KEYS,
        MARKS,
        Adjustment,
        Attempt,
        BuzzResult,
        HostAction,
        LeaderboardWhen,
        Movement,
        Party,
        PartyConfig,
        PartyError,
        PartyPhase,
        PartyStateError,
        PartyStyle,
        Player,
        PlayerScore,
        Podium,
        QuestionResult,
        ResultsTable,
        Standing,
        build_party,
        export_csv,
        export_json,
        make_players,
        results_table,
    )
    from trivia.game.plan import PlannedQuestion, QuestionPlan, plan_question, plan_round
    from trivia.game.practice import practice_question_ids
    from trivia.game.round import (
        DAILY_QUESTIONS,
        PRACTICE_QUESTIONS,
        QUICK_QUESTIONS,
        Clock,
        Lifeline,
        LifelineError,
        Mode,
        Outcome,
        QuestionInProgress,
        QuestionView,
        RecordedAnswer,
        RecordedResponse,
        Round,
        RoundConfig,
        RoundError,
        RoundSize,
        RoundState,
        RoundStateError,
        Summary,
        SummaryLine,
        TimeLimits,
        build_round,
        filters_text,
        question_matches,
        round_size,
    )
    from trivia.game.scoring import (
        DEFAULT_RULES,
        Breakdown,
        ScoreRules,
        format_points,
        is_new_best,
        score,
    )
    from trivia.game.settle import Settled, Tally, settle

# Name -> the module that defines it, imported on first use (`trivia.lazy`).
_WHERE = {
    "InvalidResponse": "trivia.game.answers",
    "NormalisedResponse": "trivia.game.answers",
    "Response": "trivia.game.answers",
    "Verdict": "trivia.game.answers",
    "answer_key": "trivia.game.answers",
    "answer_text": "trivia.game.answers",
    "check_answer": "trivia.game.answers",
    "earns_partial_credit": "trivia.game.answers",
    "format_number": "trivia.game.answers",
    "no_answer": "trivia.game.answers",
    "normalise_text": "trivia.game.answers",
    "parse_number": "trivia.game.answers",
    "text_matches": "trivia.game.answers",
    "typo_budget": "trivia.game.answers",
    "QuestionClock": "trivia.game.clock",
    "ANSWER_KEYS": "trivia.game.party",
    "COLOURS": "trivia.game.party",
    "DEFAULT_KEYS": "trivia.game.party",
    "HOST_KEYS": "trivia.game.party",
    "MARKS": "trivia.game.party",
    "Adjustment": "trivia.game.party",
    "Attempt": "trivia.game.party",
    "BuzzResult": "trivia.game.party",
    "HostAction": "trivia.game.party",
    "LeaderboardWhen": "trivia.game.party",
    "Movement": "trivia.game.party",
    "Party": "trivia.game.party",
    "PartyConfig": "trivia.game.party",
    "PartyError": "trivia.game.party",
    "PartyPhase": "trivia.game.party",
    "PartyStateError": "trivia.game.party",
    "PartyStyle": "trivia.game.party",
    "Player": "trivia.game.party",
    "PlayerScore": "trivia.game.party",
    "Podium": "trivia.game.party",
    "QuestionResult": "trivia.game.party",
    "ResultsTable": "trivia.game.party",
    "Standing": "trivia.game.party",
    "build_party": "trivia.game.party",
    "export_csv": "trivia.game.party",
    "export_json": "trivia.game.party",
    "make_players": "trivia.game.party",
    "results_table": "trivia.game.party",
    "PlannedQuestion": "trivia.game.plan",
    "QuestionPlan": "trivia.game.plan",
    "plan_question": "trivia.game.plan",
    "plan_round": "trivia.game.plan",
    "practice_question_ids": "trivia.game.practice",
    "DAILY_QUESTIONS": "trivia.game.round",
    "PRACTICE_QUESTIONS": "trivia.game.round",
    "QUICK_QUESTIONS": "trivia.game.round",
    "Clock": "trivia.game.round",
    "Lifeline": "trivia.game.round",
    "LifelineError": "trivia.game.round",
    "Mode": "trivia.game.round",
    "Outcome": "trivia.game.round",
    "QuestionInProgress": "trivia.game.round",
    "QuestionView": "trivia.game.round",
    "RecordedAnswer": "trivia.game.round",
    "RecordedResponse": "trivia.game.round",
    "Round": "trivia.game.round",
    "RoundConfig": "trivia.game.round",
    "RoundError": "trivia.game.round",
    "RoundSize": "trivia.game.round",
    "RoundState": "trivia.game.round",
    "RoundStateError": "trivia.game.round",
    "Summary": "trivia.game.round",
    "SummaryLine": "trivia.game.round",
    "TimeLimits": "trivia.game.round",
    "build_round": "trivia.game.round",
    "filters_text": "trivia.game.round",
    "question_matches": "trivia.game.round",
    "round_size": "trivia.game.round",
    "DEFAULT_RULES": "trivia.game.scoring",
    "Breakdown": "trivia.game.scoring",
    "ScoreRules": "trivia.game.scoring",
    "format_points": "trivia.game.scoring",
    "is_new_best": "trivia.game.scoring",
    "score": "trivia.game.scoring",
    "Settled": "trivia.game.settle",
    "Tally": "trivia.game.settle",
}

__all__ = [
    "ANSWER_KEYS",
    "COLOURS",
    "DAILY_QUESTIONS",
    "DEFAULT_KEYS",
    "DEFAULT_RULES",
    "HOST_KEYS",
    "MARKS",
    "PRACTICE_QUESTIONS",
    "QUICK_QUESTIONS",
    "Adjustment",
    "Attempt",
    "Breakdown",
    "BuzzResult",
    "Clock",
    "InvalidResponse",
    "LeaderboardWhen",
    "Lifeline",
    "LifelineError",
    "Mode",
    "Movement",
    "NormalisedResponse",
    "Outcome",
    "Party",
    "PartyConfig",
    "PartyError",
    "PartyPhase",
    "PartyStateError",
    "PartyStyle",
    "Player",
    "PlayerScore",
    "Podium",
    "QuestionResult",
    "QuestionView",
    "QuestionInProgress",
    "RecordedAnswer",
    "RecordedResponse",
    "Response",
    "ResultsTable",
    "Round",
    "RoundConfig",
    "RoundError",
    "RoundSize",
    "RoundState",
    "RoundStateError",
    "ScoreRules",
    "Standing",
    "Summary",
    "SummaryLine",
    "TimeLimits",
    "Verdict",
    "answer_key",
    "answer_text",
    "build_party",
    "build_round",
    "check_answer",
    "earns_partial_credit",
    "export_csv",
    "export_json",
    "filters_text",
    "format_number",
    "format_points",
    "is_new_best",
    "make_players",
    "no_answer",
    "normalise_text",
    "parse_number",
    "practice_question_ids",
    "question_matches",
    "results_table",
    "round_size",
    "score",
    "settle",
    "text_matches",
    "typo_budget",
    # The shared pieces under the round and the party.
    "HostAction",
    "PlannedQuestion",
    "QuestionClock",
    "QuestionPlan",
    "Settled",
    "Tally",
    "plan_question",
    "plan_round",
]


__getattr__ = lazy_names(__name__, _WHERE)


class _Game(ModuleType):
    """The package, whose `settle` is the function (`trivia.game.settle.settle`).

    The import system sets a submodule as its package's attribute when it first imports
    it; an eager `__init__` then rebound the name with `from ... import settle`, which a
    lazy one cannot do. The property keeps `from trivia.game import settle` the function.
    """

    @property
    def settle(self) -> Any:
        return importlib.import_module("trivia.game.settle").settle

    @settle.setter
    def settle(self, module: ModuleType) -> None:
        """The import system binding the submodule: `sys.modules` has it already."""


sys.modules[__name__].__class__ = _Game
