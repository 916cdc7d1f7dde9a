"""Practice mode: a round config from the player's Leitner boxes.

The store reads the boxes (`Store.boxes`, `Store.due_questions`, ordered by the rules in
`trivia.store.leitner`); `trivia.game.practice_question_ids` turns them and the pack into the
ordered question list. This module imports no sqlite3 itself: it only calls the store.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import datetime
from typing import TYPE_CHECKING

from trivia.game.practice import practice_question_ids
from trivia.game.round import PRACTICE_QUESTIONS, Mode, RoundConfig
from trivia.packs.model import Difficulty, Pack

if TYPE_CHECKING:
    from trivia.store.database import Profile, Store


def practice_config(
    store: Store,
    profile: Profile,
    pack: Pack,
    count: int | None = PRACTICE_QUESTIONS,
    *,
    now: datetime | None = None,
    seed: int | None = None,
    timed: bool = False,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> RoundConfig:
    """A practice round for a profile and pack: missed and due questions first, then new ones.

    Practice is untimed unless `timed` says otherwise (like flash cards: time pressure
    does not help learning, and the score is not what practice is for). The questions are
    fixed in the config (`question_ids`), so `Round.restore` rebuilds the same round even
    after the boxes have moved on.

    Args:
        store: The save.
        profile: Who practises.
        pack: The pack practised.
        count: At most this many questions; None for the whole pack.
        now: The moment to judge "due" by; None is the store's clock.
        seed: Seeds the order of new questions and of options; None draws a fresh one.
        timed: Whether questions have a time limit.
        tags: Keep questions with any of these tags; empty keeps all.
        difficulties: Keep questions of these difficulties; empty keeps all.

    Returns:
        A practice-mode config, seed set; play it with `build_round([pack], config)`.

    Raises:
        StoreError: The save could not be read.
    """
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    due = store.due_questions(profile, pack.id, now)
    boxes = sorted(store.boxes(profile, pack.id), key=lambda s: (s.due_at, s.box, s.question_id))
    ids = practice_question_ids(
        pack,
        due,
        [state.question_id for state in boxes],
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
