"""Practice mode: its question order and round config, from the player's Leitner boxes.

The store keeps the player's boxes (`Store.boxes`); the rules for them are in
`trivia.game.leitner` (which questions were missed, which are due); the game knows the
pack. `practice_question_ids` joins the two into the ordered list that
`RoundConfig.question_ids` takes:

1. the due questions, in the order given (missed first, then the other due ones, lowest box
   first: `trivia.game.leitner.practice_order`);
2. then the questions the player has never answered, shuffled by the seed;
3. then, so that practice always has something to ask, the questions answered before and
   not due yet ("review ahead"), soonest due first.

`practice_round_config` builds the whole config from the boxes; `trivia.store.practice_config`
reads them from the save and calls it. Nothing here imports the store.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from trivia.game.leitner import BoxState, practice_order
from trivia.game.round import PRACTICE_QUESTIONS, Mode, RoundConfig, question_matches
from trivia.packs.model import Difficulty, Pack
from trivia.packs.stored import StoredQuestions


def practice_question_ids(
    pack: Pack,
    due_ids: Sequence[str],
    seen_ids: Iterable[str],
    count: int | None = PRACTICE_QUESTIONS,
    seed: int = 0,
    *,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> tuple[str, ...]:
    """The question ids a practice round asks, first to last.

    Args:
        pack: The pack practised.
        due_ids: Questions due now, in the order to ask them (the store's
            `due_questions`: missed first).
        seen_ids: Every question the player has answered in this pack (due or not), in
            the order to review them ahead of time (soonest due first).
        count: At most this many ids; None for the whole pack.
        seed: Shuffles the never-answered questions.
        tags: Keep questions with any of these tags; empty keeps all.
        difficulties: Keep questions of these difficulties; empty keeps all.

    Returns:
        Ids of questions of `pack` that pass the filters, each once: due ones first, then
        never-answered ones, then the rest. Ids the pack no longer has are dropped.
    """
    if count is not None and count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    if isinstance(pack.questions, StoredQuestions):
        kept = pack.questions.matching_ids(tags, {Difficulty(d) for d in difficulties})
    else:
        kept = [
            question.id
            for question in pack.questions
            if question_matches(question, tags, difficulties)
        ]
    wanted = set(kept)
    seen = [question_id for question_id in seen_ids if question_id in wanted]
    due = [question_id for question_id in due_ids if question_id in wanted]
    answered = set(seen) | set(due)
    new = [question_id for question_id in kept if question_id not in answered]
    random.Random(f"{seed}/{pack.id}/practice").shuffle(new)
    # dict.fromkeys: first place wins, so a due question is not asked again as "seen".
    order = tuple(dict.fromkeys([*due, *new, *seen]))
    return order[:count] if count is not None else order


def practice_round_config(
    pack: Pack,
    boxes: Iterable[BoxState],
    now: datetime,
    count: int | None = PRACTICE_QUESTIONS,
    *,
    seed: int | None = None,
    timed: bool = False,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> RoundConfig:
    """A practice round from a player's boxes: missed and due questions first, then new ones.

    Practice is untimed unless `timed` says otherwise (like flash cards: time pressure
    does not help learning, and the score is not what practice is for). The questions are
    fixed in the config (`question_ids`), so `Round.restore` rebuilds the same round even
    after the boxes have moved on.

    Args:
        pack: The pack practised.
        boxes: The player's boxes for the pack's questions they have answered.
        now: The moment to judge "due" by (timezone-aware).
        count: At most this many questions; None for the whole pack.
        seed: Seeds the order of new questions and of options; None draws a fresh one.
        timed: Whether questions have a time limit.
        tags: Keep questions with any of these tags; empty keeps all.
        difficulties: Keep questions of these difficulties; empty keeps all.

    Returns:
        A practice-mode config, seed set; play it with `build_round([pack], config)`.
    """
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    states = list(boxes)
    ahead = sorted(states, key=lambda s: (s.due_at, s.box, s.question_id))
    ids = practice_question_ids(
        pack,
        practice_order(states, now),
        [state.question_id for state in ahead],
        count,
        seed,
        tags=tags,
        difficulties=difficulties,
    )
    return RoundConfig(
        mode=Mode.PRACTICE,
        seed=seed,
        timed=timed,
        tags=frozenset(tags),
        difficulties=frozenset(Difficulty(d) for d in difficulties),
        question_ids=ids,
    )
