"""Benchmark: the `answer-leak` pass (`trivia.packs.leaks.find_leaks`) on a big bank.

Builds a pack in memory (no YAML: this times the rule, not the loader) of N text questions,
each with an answer, an accepted alternative, a 12-word prompt, a hint and a 20-word
explain, on its own fact, and one leak planted every 1,000 questions. It prints the CPU
time of the pass (`time.process_time`, so other work on the machine counts less), the
texts read per second, and how many leaks were found (it must be the number planted).

An all-pairs comparison would be N * 3N text searches (120 billion at 200,000); the rule
indexes answers by first word and reads each text once.

Usage:
    python benchmarks/leaks.py [--questions N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from trivia.packs.leaks import find_leaks
from trivia.packs.loader import LoadedPack
from trivia.packs.model import Difficulty, Fact, Pack, PackMeta, Source, TextQuestion
from trivia.packs.yamlsafe import Positions

PLANT_EVERY = 1000


def big_pack(count: int, seed: int = 1) -> Pack:
    rng = random.Random(seed)
    vocabulary = [f"word{n}" for n in range(50_000)]

    def words(n: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    questions = []
    for n in range(count):
        explain = words(20) + "."
        if n % PLANT_EVERY == 0 and n + 1 < count:
            explain += f" Not to be confused with Answer {n + 1} Prime."  # the planted leak
        questions.append(
            TextQuestion(
                id=f"q{n}",
                fact=f"f{n}",
                prompt=words(12) + "?",
                difficulty=Difficulty.EASY,
                answer=f"Answer {n} Prime",
                accept=(f"Prime{n}",),
                explain=explain,
                hint="It is one of the usual suspects.",
            )
        )
    return Pack(
        meta=PackMeta(id="big", title="Big"),
        sources={"s": Source(id="s", title="A big bank", publisher="P", date="2024")},
        facts={f"f{n}": Fact(id=f"f{n}", source="s", statement="A fact.") for n in range(count)},
        questions=tuple(questions),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200_000)
    args = parser.parse_args()
    pack = big_pack(args.questions)
    planted = len(range(0, args.questions - 1, PLANT_EVERY))
    loaded = LoadedPack(pack, Positions(None), {})  # no file: leaks are placed at 1:1
    start = time.process_time()
    leaks = find_leaks(loaded, text="")
    seconds = time.process_time() - start
    texts = 3 * args.questions
    print(
        f"answer-leak over {args.questions:,} questions: {seconds:.2f} s CPU, "
        f"{texts / seconds:,.0f} texts/s, {len(leaks)} leaks found of {planted} planted"
    )
    return 0 if len(leaks) == planted else 1


if __name__ == "__main__":
    sys.exit(main())
