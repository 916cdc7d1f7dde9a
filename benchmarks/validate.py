"""Benchmark: `trivia validate` on a 10,000-question pack against a bare PyYAML load.

Generates a valid pack (every question type, sources, facts) in a temporary directory,
then times, each as a fresh subprocess so start-up and imports count on both sides:

- the validator: `python -m trivia validate FILE` (full YAML load with positions, every
  check, the model built);
- the baseline: `python -c "yaml.load(f, Loader=yaml.CSafeLoader)"` on the same file.

It prints the median and best of each, the ratio of the medians and the target
(validate within 1.3x of the bare load), and exits 1 when the target is missed.

Usage:
    python benchmarks/validate.py [--questions N] [--runs N] [--function] [--keep]

`--function` times `trivia.packs.check_file` in a `python -c` subprocess instead of the
command (for tuning the loader without the CLI around it).
"""

from __future__ import annotations

import argparse
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.3

_WORDS = (
    "ad", "agency", "pitch", "client", "account", "creative", "copywriter", "jingle",
    "campaign", "lucky", "strike", "kodak", "carousel", "sterling", "cooper", "draper", "pryce",
    "madison", "avenue", "manhattan", "episode", "season", "finale", "office", "partner",
    "secretary", "martini", "heinz", "jaguar", "burger", "chef",
)  # fmt: skip


def generate_pack(questions: int, seed: int = 7) -> str:
    """A valid pack of `questions` questions, all five types, as YAML text.

    Some texts contain `&` and `*` (as in "SC&P", "*spoiler*"), as real packs do: that
    makes the loader run its alias-bomb check, the slower (realistic) path.
    """
    rnd = random.Random(seed)

    def phrase(count: int) -> str:
        return " ".join(rnd.choice(_WORDS) for _ in range(count))

    out = [
        "# yaml-language-server: $schema=pack.schema.json\n",
        "pack:\n  id: benchmark\n  title: Benchmark Pack\n",
        "  description: Generated for the validator benchmark.\n",
        '  language: en\n  authors: [Fan Trivia]\n  version: "1.0"\n\nsources:\n',
    ]
    source_count = 50
    for number in range(source_count):
        out.append(
            f"  - id: source-{number}\n"
            f'    title: "Article {number}: {phrase(4)}"\n'
            "    publisher: Example News\n"
            f"    date: 2022-10-{number % 28 + 1:02d}\n"
            f"    url: https://example.com/articles/{number}\n"
        )
    fact_count = max(1, questions // 2)
    out.append("\nfacts:\n")
    for number in range(fact_count):
        out.append(
            f"  - id: fact-{number}\n"
            f"    source: source-{number % source_count}\n"
            f"    statement: {phrase(10).capitalize()}, at SC&P.\n"
        )
    out.append("\nquestions:\n")
    kinds = ("choice",) * 4 + ("truefalse",) * 2 + ("text",) * 2 + ("number", "order")
    for number in range(questions):
        kind = kinds[number % len(kinds)]
        out.append(
            f"  - id: q-{number}\n"
            f"    type: {kind}\n"
            f"    fact: fact-{number % fact_count}\n"
            f"    prompt: {phrase(8).capitalize()}?\n"
        )
        if kind == "choice":
            options = [f"{phrase(2)} {number}-{i}" for i in range(4)]
            out.append(f"    answer: {options[1]}\n    options: [{', '.join(options)}]\n")
        elif kind == "truefalse":
            out.append(f"    answer: {'true' if number % 3 else 'false'}\n")
        elif kind == "text":
            out.append(f"    answer: {phrase(2)}\n    accept: [{phrase(2)}, {phrase(1)}]\n")
        elif kind == "number":
            out.append(f"    answer: {1950 + number % 70}\n    tolerance: 2\n    unit: years\n")
        else:
            items = "".join(f"      - {phrase(2)} {i}\n" for i in range(4))
            out.append("    answer:\n" + items)
        out.append(
            f"    difficulty: {('easy', 'medium', 'hard')[number % 3]}\n"
            f"    tags: [{rnd.choice(_WORDS)}, season-{number % 7 + 1}]\n"
            f'    explain: "{phrase(12).capitalize()}: *spoiler* {phrase(3)}."\n'
        )
    return "".join(out)


def _time(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of each run of `command`, which must exit 0."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(
                f"benchmark command failed ({result.returncode}): {shlex.join(command)}\n"
                f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
    return times


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 when the validator is within the target, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=10_000, help="pack size (10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (5)")
    parser.add_argument(
        "--function",
        action="store_true",
        help="time trivia.packs.check_file in a subprocess instead of `trivia validate`",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated pack")
    args = parser.parse_args(argv)

    directory = Path(tempfile.mkdtemp(prefix="trivia-bench-"))
    pack = directory / "benchmark.yaml"
    pack.write_text(generate_pack(args.questions), encoding="utf-8")
    size_mb = pack.stat().st_size / 2**20

    if args.function:
        validate = [
            sys.executable,
            "-c",
            "import sys; from trivia.packs import check_file; "
            "problems = check_file(sys.argv[1]); print(*problems, sep='\\n'); "
            "sys.exit(1 if problems else 0)",
            str(pack),
        ]
    else:
        validate = [sys.executable, "-m", "trivia", "validate", str(pack)]
    baseline = [
        sys.executable,
        "-c",
        "import sys, yaml\n"
        "with open(sys.argv[1], 'rb') as f:\n"
        "    yaml.load(f, Loader=yaml.CSafeLoader)",
        str(pack),
    ]

    # Warm the file cache and the bytecode caches before measuring either side.
    _time(validate, 1)
    _time(baseline, 1)
    ours = _time(validate, args.runs)
    theirs = _time(baseline, args.runs)

    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"pack:      {pack} ({args.questions:,} questions, {size_mb:.1f} MB)")
    print(f"validate:  median {statistics.median(ours):.3f} s, best {min(ours):.3f} s")
    print(f"           {shlex.join(validate)}")
    print(f"yaml.load: median {statistics.median(theirs):.3f} s, best {min(theirs):.3f} s")
    print(f"           {shlex.join(baseline)}")
    print(f"ratio:     {ratio:.2f}x (medians of {args.runs} runs; target <= {TARGET_RATIO}x)")
    met = ratio <= TARGET_RATIO
    print("result:    " + ("target met" if met else "TARGET MISSED"))
    if not args.keep:
        pack.unlink()
        directory.rmdir()
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
