"""The question plan: which questions a round (or a party) asks, in which order, with which
shuffles, without a UI.

`plan_round` draws the questions from packs for a `RoundConfig`, deterministically for its
seed, and returns a `QuestionPlan`: the config with its seed filled in, the packs' ids and
one `PlannedQuestion` per question (its options and items in play order). The solo round
and the party both play a plan, so a party asks exactly what a round with its seed asks.
`round_size` counts what the filters leave without drawing; `QuestionView` is what a
screen shows of the question being asked.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Protocol

from trivia.game.config import (
    DAILY_QUESTIONS,
    PRACTICE_QUESTIONS,
    QUICK_QUESTIONS,
    Lifeline,
    Mode,
    RoundConfig,
    RoundError,
)
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    OrderQuestion,
    Pack,
    Source,
)
from trivia.packs.stored import StoredQuestions


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """A question as a round or a party plays it, with its shuffles done.

    Attributes:
        pack: The pack it comes from.
        question: The question.
        options: A choice question's options in play order; empty for other types.
        items: An order question's items in the order they start in; empty otherwise.
    """

    pack: Pack
    question: AnyQuestion
    options: tuple[str, ...]
    items: tuple[str, ...]

    @property
    def key(self) -> str:
        """`"pack-id/question-id"`: how saves and party events name the question."""
        return f"{self.pack.id}/{self.question.id}"

    @property
    def source(self) -> Source | None:
        """The source behind its fact, for the reveal; None if the pack lacks it."""
        try:
            return self.pack.source_of(self.question)
        except KeyError:
            return None

    def rng(self, seed: int, purpose: str) -> random.Random:
        """A generator for one purpose on this question ("shuffle", "fifty_fifty").

        One per question (seeded with a string, which is stable across runs), so a
        question's shuffles do not change when the round around it does.
        """
        return random.Random(f"{seed}/{self.pack.id}/{self.question.id}/{purpose}")


@dataclass(frozen=True, slots=True)
class QuestionPlan:
    """The questions a round or a party asks, in order.

    Attributes:
        config: The config they were drawn for, with its seed filled in.
        pack_ids: The ids of the packs they were drawn from, sorted.
        questions: The questions in play order (at least one).
    """

    config: RoundConfig
    pack_ids: tuple[str, ...]
    questions: tuple[PlannedQuestion, ...]


@dataclass(frozen=True, slots=True)
class QuestionView:
    """Everything a screen needs to show the current question.

    Attributes:
        question: The question (prompt, type, explain, unit...).
        pack_id: The pack it comes from.
        source: The source behind its fact, for the reveal; None if the pack lacks it.
        index: Its position in the round, from 0.
        total: How many questions the round has; None when open-ended (survival).
        options: A choice question's options in play order (all of them, so keys keep
            their meaning after a 50:50); empty for other types.
        removed: Options struck out by the 50:50.
        items: An order question's items in the order they start in; empty otherwise.
        time_limit: Seconds allowed, or None when untimed.
        lifelines_left: Lifelines not yet used this round.
        lifelines_usable: Lifelines that can be used on this question now.
        lifelines_used: Lifelines used on this question.
        hint: The hint, once the hint lifeline has been used on this question.
    """

    question: AnyQuestion
    pack_id: str
    source: Source | None
    index: int
    total: int | None
    options: tuple[str, ...]
    removed: tuple[str, ...]
    items: tuple[str, ...]
    time_limit: float | None
    lifelines_left: tuple[Lifeline, ...]
    lifelines_usable: tuple[Lifeline, ...]
    lifelines_used: tuple[Lifeline, ...]
    hint: str | None

    @property
    def number(self) -> int:
        """The question's number as shown to the player, from 1."""
        return self.index + 1

    @property
    def remaining_options(self) -> tuple[str, ...]:
        """The options still in play, in play order."""
        return tuple(option for option in self.options if option not in self.removed)


def plan_round(packs: Sequence[Pack], config: RoundConfig | None = None) -> QuestionPlan:
    """Draw the questions for a config from packs, with their shuffles.

    Everything random (which questions and in which order, the order of a choice's
    options unless `fixed_order`, the start order of an order question's items) follows
    from the seed, so the same seed and packs give the same plan, whatever order the
    packs come in.

    Args:
        packs: The packs to draw from.
        config: What to play; None is a default quick round with a fresh seed.

    Returns:
        The plan; `plan.config.seed` holds the seed used.

    Raises:
        RoundError: No packs, two packs with one id, or filters (or `question_ids`) that
            leave no question.
    """
    config = config or RoundConfig()
    if config.seed is None:
        config = replace(config, seed=random.SystemRandom().randrange(2**32))
    assert config.seed is not None
    if not packs:
        raise RoundError("no packs to draw questions from")
    ordered = sorted(packs, key=lambda pack: pack.id)
    ids = tuple(pack.id for pack in ordered)
    if len(set(ids)) != len(ids):
        raise RoundError(f"two packs share an id: {', '.join(ids)}")

    count = config.question_count
    if config.question_ids is not None:
        pool = _listed(ordered, config)
        if not pool:
            raise RoundError(_nothing_listed(config, ids))
    else:
        matching = [_matching_positions(pack, config) for pack in ordered]
        size = sum(len(positions) for positions in matching)
        if not size:
            raise RoundError(_nothing_matches(config, ids))
        if count is None:
            count = _wanted(config)
        pool = _draw(ordered, matching, config.seed, size, count)
    chosen = pool[:count] if count is not None else pool
    questions = tuple(plan_question(pack, question, config.seed) for pack, question in chosen)
    return QuestionPlan(config, ids, questions)


def plan_question(pack: Pack, question: AnyQuestion, seed: int) -> PlannedQuestion:
    """One question with its shuffles done for a seed (options, and an order's start)."""
    planned = PlannedQuestion(pack, question, (), ())
    rng = planned.rng(seed, "shuffle")
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    if isinstance(question, ChoiceQuestion):
        shuffled = list(question.options)
        if not question.fixed_order:
            rng.shuffle(shuffled)
        options = tuple(shuffled)
    elif isinstance(question, OrderQuestion):
        shuffled = list(question.answer)
        rng.shuffle(shuffled)
        if tuple(shuffled) == question.answer:
            # Starting in the right order would be a free answer; turning the list by one
            # always changes it when the items differ.
            shuffled = shuffled[1:] + shuffled[:1]
        items = tuple(shuffled)
    return replace(planned, options=options, items=items)


@dataclass(frozen=True, slots=True)
class RoundSize:
    """How many questions a round's filters leave, against how many the round asks for.

    `round_size` counts it before a round is built, so a UI can say that the round will
    be short, or empty, rather than let the filters shrink it silently.

    Attributes:
        matching: Questions in the packs that pass the filters (tags and difficulties).
        wanted: How many the round asks for: `question_count`, else the mode's default;
            None asks every matching question (survival, marathon).
    """

    matching: int
    wanted: int | None

    @property
    def asked(self) -> int:
        """How many questions the round will have."""
        return self.matching if self.wanted is None else min(self.matching, self.wanted)

    @property
    def short(self) -> bool:
        """Whether the filters leave fewer questions than the round asks for (or none)."""
        return self.matching == 0 or (self.wanted is not None and self.matching < self.wanted)

    def describe(self) -> str:
        """The count in words: "12 questions match", "3 of 10 asked match: the round
        will have 3", "No question matches these filters"."""
        if not self.matching:
            return "No question matches these filters"
        verb = "matches" if self.matching == 1 else "match"
        if self.short:
            return (
                f"{self.matching} of {self.wanted} asked {verb}: "
                f"the round will have {self.matching}"
            )
        noun = "question" if self.matching == 1 else "questions"
        return f"{self.matching} {noun} {verb}"


def round_size(packs: Sequence[Pack], config: RoundConfig) -> RoundSize:
    """Count the questions of `packs` that `config`'s filters keep, without building a round.

    Packs from the bank index are counted in SQL; their questions are not read. The count
    is the pool `build_round` draws from, so `asked` is the length of the round it builds
    (`question_ids` aside: a practice round asks from this same pool, its own order).

    Args:
        packs: The packs the round would draw from.
        config: Its mode, `question_count` and filters.

    Returns:
        The number of matching questions and the number the round asks for.
    """
    matching = sum(len(_matching_positions(pack, config)) for pack in packs)
    return RoundSize(matching, _wanted(config))


def filters_text(config: RoundConfig) -> str:
    """The filters of a config in words ("tag sci-fi, difficulty hard"); "" for none."""
    wanted = []
    if config.tags:
        noun = "tag" if len(config.tags) == 1 else "tags"
        wanted.append(f"{noun} {', '.join(sorted(config.tags))}")
    if config.difficulties:
        values = ", ".join(sorted(d.value for d in config.difficulties))
        wanted.append(f"difficulty {values}")
    return ", ".join(wanted)


EXACT_SHUFFLE_LIMIT = 10_000
"""Pools up to this size are shuffled whole; bigger ones draw a sample (see `draw_order`)."""


def draw_order(seed: int, size: int, count: int | None = None) -> list[int]:
    """Which of `size` matching questions a round asks, in play order.

    The questions that pass the filters are listed pack by pack (packs sorted by id, each
    in file order) and drawn with `random.Random(seed)`: the list is shuffled and the
    first `count` are asked. Shuffling numbers (0..size-1) rather than the questions makes
    the same moves, so a caller that holds no questions (a pack from the bank index, see
    `StoredQuestions`) draws exactly the round the loaded pack would.

    A shuffle costs a step per question (60 ms for 200,000), so when only some of a pool
    bigger than `EXACT_SHUFFLE_LIMIT` are asked they are drawn with `Random.sample`
    instead, which costs a step per question asked. Either way the draw depends only on
    the seed, the pool's size and the count.

    Args:
        seed: The round's seed.
        size: How many questions pass the filters.
        count: How many to ask; None asks all of them, shuffled.

    Returns:
        Places in the list of matching questions, from 0, first asked first.
    """
    rng = random.Random(seed)
    if count is not None and count < size and size > EXACT_SHUFFLE_LIMIT:
        return rng.sample(range(size), count)
    order = array("q", range(size))
    rng.shuffle(order)
    return (order[:count] if count is not None else order).tolist()


def _matching_positions(pack: Pack, config: RoundConfig) -> Sequence[int]:
    questions = pack.questions
    if isinstance(questions, StoredQuestions):
        return questions.matching_positions(config.tags, config.difficulties)
    return [number for number, question in enumerate(questions) if _matches(question, config)]


SPARE_DRAWS = 4
"""A sampled draw (see `draw_order`) that finds two questions on one fact draws up to this
many times the count again to replace them, before it settles for repeats."""


def _draw(
    packs: Sequence[Pack],
    matching: Sequence[Sequence[int]],
    seed: int,
    size: int,
    count: int | None,
) -> list[tuple[Pack, AnyQuestion]]:
    """The questions a round asks: the draw for its seed, one question per fact.

    The questions are taken in draw order (`draw_order`), skipping any whose fact an
    earlier one already tests, so one question never answers the next. Only when the
    pool has fewer facts than the round has questions (or every question, in survival
    or marathon) do facts come back, spread out: every fact once before any twice, and
    no two neighbours on one fact where another can go between. Questions are read only
    as far as the draw needs them, so an indexed pack still reads a few for a round of 10.
    When the first `count` drawn test different facts, the round is what `draw_order`
    alone gives.
    """
    reader = _Reader(packs, matching)
    rng = random.Random(seed)
    if count is not None and count < size and size > EXACT_SHUFFLE_LIMIT:
        drawn = rng.sample(range(size), count)
        spares = rng.sample(range(size), min(size, SPARE_DRAWS * count + count))
        taken = set(drawn)
        candidates = drawn + [place for place in spares if place not in taken]
    else:
        order = array("q", range(size))
        rng.shuffle(order)
        candidates = order.tolist()
    wanted = len(candidates) if count is None else min(count, size)
    picked: list[int] = []
    facts_seen: set[Hashable] = set()
    for chunk in _chunks(candidates, wanted):
        reader.read(chunk)
        for place in chunk:
            fact = reader.fact(place)
            if fact not in facts_seen:
                facts_seen.add(fact)
                picked.append(place)
                if len(picked) == wanted:
                    return reader.questions(picked)
    # Fewer facts than questions wanted: every candidate has been read.
    return reader.questions(spread_facts(candidates, reader.fact)[:wanted])


def _chunks(places: Sequence[int], first: int) -> Iterator[Sequence[int]]:
    """`places` in growing slices: `first` of them, then twice as many each time."""
    start, size = 0, max(first, 1)
    while start < len(places):
        yield places[start : start + size]
        start, size = start + size, size * 2


def spread_facts(places: Sequence[int], fact_of: _FactOf) -> list[int]:
    """Places reordered so that repeated facts come as late and as far apart as they can.

    Every fact's first question keeps its place in the order, then come the second
    questions of the facts that have them, and so on; then a question that would follow
    one on its own fact swaps forward with the next that does not.

    Args:
        places: Questions in draw order.
        fact_of: The fact (any hashable key) of the question at a place.

    Returns:
        The same places, reordered.
    """
    times: Counter[Hashable] = Counter()
    layers: list[list[int]] = []
    for place in places:
        fact = fact_of(place)
        layer = times[fact]
        times[fact] += 1
        if layer == len(layers):
            layers.append([])
        layers[layer].append(place)
    spread = [place for layer in layers for place in layer]
    for position in range(1, len(spread)):
        before = fact_of(spread[position - 1])
        if fact_of(spread[position]) != before:
            continue
        later = next(
            (i for i in range(position + 1, len(spread)) if fact_of(spread[i]) != before), None
        )
        if later is None:
            break  # every question left is on this fact: nothing can go between
        spread.insert(position, spread.pop(later))
    return spread


class _FactOf(Protocol):
    def __call__(self, place: int, /) -> Hashable: ...


class _Reader:
    """Reads drawn questions by their place in the list of matching questions, once each."""

    def __init__(self, packs: Sequence[Pack], matching: Sequence[Sequence[int]]) -> None:
        self._packs = packs
        self._numbers = {id(pack): number for number, pack in enumerate(packs)}
        self._matching = matching
        self._read: dict[int, tuple[int, Pack, AnyQuestion]] = {}

    def read(self, places: Sequence[int]) -> None:
        """Read the questions at these places (those not read yet)."""
        wanted = [place for place in places if place not in self._read]
        for place, (pack, question) in zip(
            wanted, _questions_at(self._packs, self._matching, wanted), strict=True
        ):
            self._read[place] = (self._numbers[id(pack)], pack, question)

    def fact(self, place: int) -> Hashable:
        """The fact of a question read, as (pack number, fact id): packs may share ids."""
        number, _, question = self._read[place]
        return number, question.fact

    def questions(self, places: Sequence[int]) -> list[tuple[Pack, AnyQuestion]]:
        """The questions read at these places, in this order."""
        return [self._read[place][1:] for place in places]


def _questions_at(
    packs: Sequence[Pack], matching: Sequence[Sequence[int]], drawn: Sequence[int]
) -> list[tuple[Pack, AnyQuestion]]:
    """The drawn questions, given their places in the list of matching questions."""
    starts = list(accumulate((len(positions) for positions in matching), initial=0))
    wanted: list[tuple[int, int]] = []  # (pack number, position in that pack)
    for place in drawn:
        number = bisect_right(starts, place) - 1
        wanted.append((number, matching[number][place - starts[number]]))
    read: dict[tuple[int, int], AnyQuestion] = {}
    for number, pack in enumerate(packs):
        positions = [position for n, position in wanted if n == number]
        questions = pack.questions
        if isinstance(questions, StoredQuestions):
            found = questions.at(positions)
        else:
            found = [questions[position] for position in positions]
        read.update(((number, position), q) for position, q in zip(positions, found, strict=True))
    return [(packs[number], read[number, position]) for number, position in wanted]


_DEFAULT_COUNTS = {
    Mode.QUICK: QUICK_QUESTIONS,
    Mode.PRACTICE: PRACTICE_QUESTIONS,
    Mode.DAILY: DAILY_QUESTIONS,
}
"""Questions drawn when `question_count` is None; the other modes take every question."""


def _wanted(config: RoundConfig) -> int | None:
    """How many questions a round of this config asks for; None for every matching one."""
    if config.question_count is not None:
        return config.question_count
    return _DEFAULT_COUNTS.get(config.mode)


def question_matches(
    question: AnyQuestion,
    tags: Collection[str] = (),
    difficulties: Collection[Difficulty | str] = (),
) -> bool:
    """Whether a question passes a round's filters (any of `tags`, one of `difficulties`).

    Empty filters keep every question.
    """
    if tags and not set(tags).intersection(question.tags):
        return False
    return not difficulties or question.difficulty in {Difficulty(d) for d in difficulties}


def _matches(question: AnyQuestion, config: RoundConfig) -> bool:
    return question_matches(question, config.tags, config.difficulties)


def _listed(packs: Sequence[Pack], config: RoundConfig) -> list[tuple[Pack, AnyQuestion]]:
    """The questions of `config.question_ids` that exist and pass the filters, in order."""
    by_id: dict[str, list[tuple[Pack, AnyQuestion]]] = {}
    for pack in packs:
        for question in _named(pack, config.question_ids or ()):
            by_id.setdefault(question.id, []).append((pack, question))
            by_id.setdefault(f"{pack.id}/{question.id}", []).append((pack, question))
    chosen: dict[tuple[str, str], tuple[Pack, AnyQuestion]] = {}
    for entry in config.question_ids or ():
        for pack, question in by_id.get(entry, ()):
            if _matches(question, config):
                chosen.setdefault((pack.id, question.id), (pack, question))
    return list(chosen.values())


def _named(pack: Pack, entries: Sequence[str]) -> Sequence[AnyQuestion]:
    """The pack's questions that `question_ids` entries may name (all, unless stored)."""
    questions = pack.questions
    if not isinstance(questions, StoredQuestions):
        return questions
    prefix = f"{pack.id}/"
    ids = {entry.removeprefix(prefix) for entry in entries} | set(entries)
    return questions.named(ids)


def _nothing_listed(config: RoundConfig, pack_ids: tuple[str, ...]) -> str:
    listed = len(config.question_ids or ())
    if not listed:
        if config.tags or config.difficulties:
            return _nothing_matches(config, pack_ids)
        return "the round lists no questions to ask"
    if config.tags or config.difficulties:
        return (
            f"none of the {listed} questions listed for the round is {_in(pack_ids)} "
            "and passes the filters; loosen the filters"
        )
    return f"none of the {listed} questions listed for the round is {_in(pack_ids)}"


def _in(pack_ids: tuple[str, ...]) -> str:
    return f"in {', '.join(pack_ids)}"


def _nothing_matches(config: RoundConfig, pack_ids: tuple[str, ...]) -> str:
    wanted = []
    if config.tags:
        wanted.append(f"tags {', '.join(sorted(config.tags))}")
    if config.difficulties:
        wanted.append(f"difficulty {', '.join(sorted(d.value for d in config.difficulties))}")
    where = f"in {', '.join(pack_ids)}"
    if not wanted:
        return f"no questions {where}"
    return f"no question with {' and '.join(wanted)} {where}; loosen the filters"
