"""Practice mode's question order, from the Leitner data the store provides: pure rules.

The store knows the player's boxes (`trivia.store.leitner`: which questions were missed,
which are due); the game knows the pack. `practice_question_ids` joins the two into the
ordered list that `RoundConfig.question_ids` takes:

1. the due questions, in the order the store gives them (missed first, then the other due
   ones, lowest box first: `trivia.store.leitner.practice_order`);
2. then the questions the player has never answered, shuffled by the seed;
3. then, so that practice always has something to ask, the questions answered before and
   not due yet ("review ahead"), in the order the store gives them (soonest due first).

Nothing here imports the store: the box rules stay in `trivia.store.leitner`.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Sequence

from trivia.game.round import PRACTICE_QUESTIONS, question_matches
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
