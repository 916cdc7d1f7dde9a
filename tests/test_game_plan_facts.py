"""The question plan asks each fact once while it can, so one question never answers the next."""

from __future__ import annotations

from collections import Counter

import pytest

from trivia.game.config import Mode, RoundConfig
from trivia.game.plan import EXACT_SHUFFLE_LIMIT, draw_order, plan_round, spread_facts
from trivia.packs import load_pack
from trivia.packs.library import bundled_packs_dir
from trivia.packs.model import Difficulty, Fact, Pack, PackMeta, Source, TrueFalseQuestion

SEEDS = range(40)


def pack_of(facts: int, per_fact: int, pack_id: str = "p") -> Pack:
    """`facts` facts with `per_fact` questions each, listed fact by fact."""
    questions = tuple(
        TrueFalseQuestion(
            id=f"q{fact}-{n}",
            fact=f"f{fact}",
            prompt=f"Statement {fact}-{n}.",
            difficulty=Difficulty.EASY,
            answer=True,
        )
        for fact in range(facts)
        for n in range(per_fact)
    )
    return Pack(
        meta=PackMeta(id=pack_id, title=pack_id),
        sources={"s": Source(id="s", title="S", publisher="P", date="2024")},
        facts={f"f{n}": Fact(id=f"f{n}", source="s", statement="A fact.") for n in range(facts)},
        questions=questions,
    )


def facts_asked(pack: Pack, config: RoundConfig) -> list[str]:
    return [planned.question.fact for planned in plan_round([pack], config).questions]


def no_neighbours_share_a_fact(facts: list[str]) -> bool:
    return all(a != b for a, b in zip(facts, facts[1:], strict=False))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_round_asks_each_fact_once_when_the_pack_has_enough(seed):
    facts = facts_asked(pack_of(facts=12, per_fact=3), RoundConfig(seed=seed))
    assert len(facts) == 10
    assert len(set(facts)) == 10


@pytest.mark.parametrize("seed", SEEDS)
def test_with_fewer_facts_than_questions_repeats_come_spread(seed):
    facts = facts_asked(pack_of(facts=4, per_fact=3), RoundConfig(seed=seed, question_count=8))
    assert len(facts) == 8
    assert len(set(facts[:4])) == 4, "every fact once before any twice"
    assert set(Counter(facts).values()) == {2}, "each fact as often as the others"
    assert no_neighbours_share_a_fact(facts)


@pytest.mark.parametrize("mode", [Mode.MARATHON, Mode.SURVIVAL])
@pytest.mark.parametrize("seed", range(10))
def test_marathon_and_survival_ask_everything_with_facts_apart(seed, mode):
    pack = pack_of(facts=5, per_fact=3)
    plan = plan_round([pack], RoundConfig(seed=seed, mode=mode))
    asked = [planned.question.id for planned in plan.questions]
    assert sorted(asked) == sorted(question.id for question in pack.questions)
    facts = [planned.question.fact for planned in plan.questions]
    assert len(set(facts[:5])) == 5
    assert no_neighbours_share_a_fact(facts)


def test_one_fact_per_question_keeps_the_seeded_draw_it_always_had():
    """Packs whose questions all test different facts draw exactly what `draw_order` says,
    so rounds (and snapshots) of such packs did not change."""
    pack = pack_of(facts=48, per_fact=1)
    for seed in SEEDS:
        plan = plan_round([pack], RoundConfig(seed=seed))
        expected = [pack.questions[place].id for place in draw_order(seed, 48, 10)]
        assert [planned.question.id for planned in plan.questions] == expected


def test_the_same_fact_id_in_two_packs_is_two_facts():
    packs = [pack_of(facts=3, per_fact=2, pack_id="a"), pack_of(facts=3, per_fact=2, pack_id="b")]
    plan = plan_round(packs, RoundConfig(seed=3, question_count=6))
    keys = [(planned.pack.id, planned.question.fact) for planned in plan.questions]
    assert len(set(keys)) == 6


def test_a_sampled_draw_from_a_big_pool_also_keeps_facts_apart():
    pool = EXACT_SHUFFLE_LIMIT + 1000
    pack = pack_of(facts=pool // 1000, per_fact=1000)  # 11 facts, a thousand questions each
    for seed in range(5):
        facts = facts_asked(pack, RoundConfig(seed=seed))
        assert len(set(facts)) == 10


def test_the_bundled_pack_never_repeats_a_fact_in_a_quick_round():
    pack = load_pack(bundled_packs_dir() / "mad-men.yaml")
    assert len(pack.facts) > 10
    for seed in range(100):
        facts = facts_asked(pack, RoundConfig(seed=seed))
        assert len(facts) == len(set(facts)) == 10, seed


def test_spread_facts_moves_a_repeat_from_beside_its_twin():
    fact = {0: "a", 1: "b", 2: "b", 3: "a"}.__getitem__
    # Layers: [0 (a), 1 (b)] then [2 (b), 3 (a)]: 1 and 2 would sit together.
    assert [fact(place) for place in spread_facts([0, 1, 2, 3], fact)] == ["a", "b", "a", "b"]
