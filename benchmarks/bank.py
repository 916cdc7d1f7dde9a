"""Bank size does not matter: the game with a 200,000-question bank against the bundled pack.

1. Generates an Open Trivia DB JSON file of N questions (default 200,000; `multiple` and
   `boolean`, synthetic but varied text, three difficulties, 24 categories).
2. Imports it: `python -m trivia import opentdb SRC -o OUT.yaml` (import time and
   questions per second; target under 60 s for 200,000).
3. Builds the bank index once (the first launch with the bank installed pays this).
4. Then, each in its own subprocess on a pseudo-terminal (100x30), alternating, `--runs`
   times: the time from launch to Home's first paint (`TRIVIA_EXIT_AFTER_FIRST_PAINT`), to
   Home with its pack list painted (`TRIVIA_EXIT_AFTER_PACKS_LISTED`), and to the first
   question of a quick round (`trivia play --pack ID`: the question is the app's first
   frame), with the bank in `--packs-dir` against an empty `--packs-dir` (only the bundled
   pack); and each run's peak memory (`ru_maxrss` of that child, from `os.wait4`).
   Prints the medians and the ratios; target at most 1.1x once the index is built.
5. The author's tools at scale (`--tools`, issue 14): a spreadsheet CSV of 216,930
   generated quiz-show clues of real length (short clues, a category as the tag, a value
   as the difficulty) and the Open Trivia DB file; each step in its own child process on a
   pseudo-terminal, with its time, its own peak memory (`ru_maxrss` from `os.wait4`, so
   steps do not share a peak) and how many distinct progress counts it drew: `trivia import
   csv`, `trivia import opentdb`, `trivia validate`, the first `trivia packs` (the index
   build), `trivia lint` and `trivia lint --ignore similar-prompt,no-accept`. Goals:
   import, validate and index build at most 30 s and 500 MiB (a progress bar that moves for
   the index build), lint of 216k at most 60 s with progress.

The machine these run on is shared: timings are rough, rerun when they look odd.
Run from the checkout:

    .venv/bin/python benchmarks/bank.py [--questions 200000] [--runs 5] [--keep DIR]
    .venv/bin/python benchmarks/bank.py --tools [--clues 216930] [--timeout 600]
"""

from __future__ import annotations

import argparse
import csv
import fcntl
import json
import os
import pty
import random
import re
import shlex
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.1
TARGET_IMPORT_SECONDS = 60.0

_SUBJECTS = (
    "river", "planet", "painter", "composer", "empire", "volcano", "novel", "treaty",
    "language", "island", "mountain", "element", "athlete", "film", "album", "bridge",
    "dynasty", "desert", "glacier", "festival", "cathedral", "satellite", "comet", "opera",
)  # fmt: skip
_WORDS = (
    "ancient", "northern", "famous", "largest", "oldest", "first", "smallest", "hidden",
    "golden", "silver", "eastern", "western", "southern", "coastal", "royal", "modern",
    "classic", "lost", "great", "little", "crimson", "emerald", "iron", "crystal",
)  # fmt: skip
_NAMES = (
    "Aster", "Brill", "Calder", "Dunmore", "Elowen", "Fenwick", "Garrow", "Halden", "Ives",
    "Jarrow", "Kestrel", "Lorne", "Marlow", "Norwick", "Orrin", "Pellam", "Quill", "Rowan",
    "Selby", "Tamsin", "Ulric", "Vance", "Wren", "Yarrow", "Zeller",
)  # fmt: skip
_CATEGORIES = tuple(f"Category {name}" for name in _NAMES[:24])


def generate_opentdb(count: int, seed: int = 2024) -> dict[str, object]:
    """An Open Trivia DB API response with `count` distinct results (70% multiple)."""
    rng = random.Random(seed)
    results = []
    for number in range(count):
        subject = rng.choice(_SUBJECTS)
        adjective = rng.choice(_WORDS)
        name = f"{rng.choice(_NAMES)}-{number}"
        difficulty = rng.choice(("easy", "medium", "hard"))
        category = rng.choice(_CATEGORIES)
        if rng.random() < 0.7:
            answers = rng.sample(_NAMES, 4)
            results.append(
                {
                    "type": "multiple",
                    "difficulty": difficulty,
                    "category": category,
                    "question": f"Which {adjective} {subject} is known as &quot;{name}&quot;?",
                    "correct_answer": f"{answers[0]} {subject.title()}",
                    "incorrect_answers": [f"{a} {subject.title()}" for a in answers[1:]],
                }
            )
        else:
            truth = rng.random() < 0.5
            results.append(
                {
                    "type": "boolean",
                    "difficulty": difficulty,
                    "category": category,
                    "question": f"The {adjective} {subject} {name} was first recorded in "
                    f"{rng.randrange(1000, 2024)}.",
                    "correct_answer": "True" if truth else "False",
                    "incorrect_answers": ["False" if truth else "True"],
                }
            )
    return {"response_code": 0, "results": results}


_SYLLABLES = (
    "an", "ber", "cal", "dor", "el", "fen", "gar", "hol", "in", "jor", "ka", "lin", "mor",
    "nar", "os", "pel", "quin", "ros", "sal", "tor", "ul", "ven", "wen", "yor", "zan", "ta",
    "ri", "lo", "me", "su",
)  # fmt: skip
_GLUE = ("the", "of", "a", "in", "this", "was", "his", "her", "for", "by", "to", "and", "its")
_VALUES = {"200": "easy", "400": "easy", "600": "medium", "800": "medium", "1000": "hard"}


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 2, 2, 2, 3)))))
    ordered = sorted(words)
    rng.shuffle(ordered)  # the most frequent words are not all the alphabet's first
    return ordered


def generate_clues_csv(path: Path, count: int, seed: int = 1984) -> None:
    """A quiz-show archive as a spreadsheet: `count` distinct clues of real length.

    Real archives (216,930 clues) have clues of 5-25 words (about 80 characters), one- to
    three-word answers, a category per clue (here a tag, about 25,000 of them) and a dollar
    value (here the difficulty). Words follow a Zipf-like law over a made-up vocabulary,
    so prompts share words the way real ones do without being copies of each other.
    """
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    weights = [1 / (rank + 10) for rank in range(len(vocabulary))]
    categories = [
        " ".join(rng.choices(vocabulary, weights, k=rng.choice((1, 2, 2, 3)))).upper()
        for _ in range(25_000)
    ]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["question", "answer", "difficulty", "tags"])
        seen: set[str] = set()
        while len(seen) < count:
            words = rng.choices(vocabulary, weights, k=rng.randint(4, 18))
            for place in range(1, len(words), 3):
                words[place] = rng.choice(_GLUE)
            clue = " ".join(words).capitalize()
            if rng.random() < 0.3:
                clue += f" in {rng.randrange(1000, 2024)}"
            clue += "."
            if clue in seen:
                continue
            seen.add(clue)
            answer = " ".join(rng.choices(vocabulary, k=rng.choice((1, 1, 2, 3)))).title()
            value = rng.choice(tuple(_VALUES))
            writer.writerow([clue, answer, _VALUES[value], rng.choice(categories).lower()])


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_on_pty(
    command: list[str], env: dict[str, str], marker_var: str, size: tuple[int, int] = (100, 30)
) -> tuple[float, int]:
    """Seconds from launch to the marker's timestamp, and the child's peak RSS in KiB."""
    primary, secondary = pty.openpty()
    columns, rows = size
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    with tempfile.TemporaryDirectory() as scratch:
        marker = Path(scratch) / "marker"
        child_env = {**env, marker_var: str(marker), "TERM": "xterm-256color"}
        drain = threading.Thread(target=_drain, args=(primary,), daemon=True)
        drain.start()
        started = time.time()
        process = subprocess.Popen(
            command, stdin=secondary, stdout=secondary, stderr=secondary, cwd=ROOT, env=child_env
        )
        # wait4 gives this child's own resource use (not a sum over every child so far).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        os.close(secondary)
        if not marker.exists():
            raise RuntimeError(f"{shlex.join(command)} exited without its marker ({status})")
        stamp = float(marker.read_text())
    os.close(primary)
    return stamp - started, usage.ru_maxrss


@dataclass
class Step:
    """One measured run of a command: its time, peak memory and progress seen."""

    seconds: float
    cpu_seconds: float
    """User and system time of the child: steadier than `seconds` on a busy machine."""
    peak_mib: float
    progress_counts: int
    returncode: int | None
    """None when it was stopped at the timeout."""
    output: str


_COUNT = re.compile(rb"(\d[\d,]*)/(\d[\d,]*)|(\d{1,3})%")


def run_step(command: list[str], env: dict[str, str], timeout: float) -> Step:
    """Run `command` on a 100x30 pseudo-terminal (so progress bars draw), up to `timeout` s.

    The child's own peak RSS comes from `os.wait4`; `progress_counts` is how many distinct
    "done/total" or "NN%" figures it drew on the terminal (a bar stuck at 0/? draws one).
    """
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    chunks: list[bytes] = []

    def read() -> None:
        try:
            while chunk := os.read(primary, 65536):
                chunks.append(chunk)
        except OSError:
            pass

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env={**env, "TERM": "xterm-256color", "COLUMNS": "100"},
        start_new_session=True,
    )
    timer = threading.Timer(timeout, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stopped = not timer.is_alive()
    timer.cancel()
    os.close(secondary)
    reader.join(5)
    os.close(primary)
    output = b"".join(chunks)
    counts = {match.group(0) for match in _COUNT.finditer(output)}
    return Step(
        seconds,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        len(counts),
        None if stopped else os.waitstatus_to_exitcode(status),
        output.decode("utf-8", "replace"),
    )


def trivia(*args: str) -> list[str]:
    """`python -m trivia ARGS`."""
    return [sys.executable, "-m", "trivia", *args]


def play_command(pack: str, packs_dir: Path) -> list[str]:
    """`trivia play --pack PACK`, which resolves its pack through the bank index."""
    return trivia("--packs-dir", str(packs_dir), "play", "--pack", pack, "--seed", "7")


def median_of(
    runs: int, commands: dict[str, list[str]], env: dict[str, str], marker: str
) -> dict[str, tuple[float, float]]:
    """(median seconds, median peak MiB) per command, runs alternating between them."""
    for command in commands.values():  # warm-up: .pyc files, disk caches
        run_on_pty(command, env, marker)
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_on_pty(command, env, marker))
    return {
        name: (
            statistics.median(s for s, _ in values),
            statistics.median(kib for _, kib in values) / 1024,
        )
        for name, values in samples.items()
    }


GOALS: dict[str, tuple[float, float | None]] = {
    "import csv": (30.0, 500.0),
    "import opentdb": (30.0, 500.0),
    "validate": (30.0, 500.0),
    "first packs (index build)": (30.0, 500.0),
    "lint": (60.0, None),
    "lint --ignore": (60.0, None),
}
"""Each step's goal: at most this many seconds, and MiB of peak memory (None: no goal)."""


def tools(args: argparse.Namespace) -> int:
    """Time the author's tools on a 216,930-clue CSV and the Open Trivia DB file."""
    work = args.keep or Path(tempfile.mkdtemp(prefix="trivia-tools-"))
    work.mkdir(parents=True, exist_ok=True)
    bank_dir, saves = work / "bank", work / "saves"
    for directory in (bank_dir, saves):
        directory.mkdir(exist_ok=True)
    index = work / "bank-index.sqlite"
    env = {**os.environ, "TRIVIA_SAVE_DIR": str(saves), "TRIVIA_BANK_INDEX": str(index)}
    env.pop("TEXTUAL", None)
    clues, opentdb = work / "clues.csv", work / "opentdb.json"
    for flag, target, count in (
        ("--generate-csv", clues, args.clues),
        ("--generate", opentdb, args.questions),
    ):
        subprocess.run(
            [sys.executable, __file__, flag, str(target), "--questions", str(count)], check=True
        )
        print(
            f"generated {target.name}: {count:,} questions, {target.stat().st_size / 2**20:.0f} MiB"
        )
    pack, other = bank_dir / "clues.yaml", work / "opentdb.yaml"
    steps = {
        "import csv": trivia("import", "csv", str(clues), "-o", str(pack), "--force"),
        "import opentdb": trivia("import", "opentdb", str(opentdb), "-o", str(other), "--force"),
        "validate": trivia("validate", str(pack)),
        "first packs (index build)": trivia("--packs-dir", str(bank_dir), "packs"),
        "lint": trivia("lint", str(pack)),
        "lint --ignore": trivia("lint", str(pack), "--ignore", "similar-prompt,no-accept"),
    }
    for suffix in ("", "-wal", "-shm"):
        Path(f"{index}{suffix}").unlink(missing_ok=True)
    print(f"each step in its own child on a pseudo-terminal, stopped after {args.timeout:.0f} s")
    print("(time is wall-clock, judged against the goal; cpu is the child's user+system time)")
    print(f"{'step':28} {'time':>9} {'cpu':>7} {'peak':>9} {'progress':>8}  {'goal':18} result")
    missed = False
    for name, command in steps.items():
        step = run_step(command, env, args.timeout)
        seconds, mib = GOALS[name]
        goal = f"<= {seconds:.0f} s" + (f", {mib:.0f} MiB" if mib else "")
        if step.returncode is None:
            verdict, shown = "MISSED (stopped)", f">{step.seconds:7.0f}s"
        else:
            ok = step.seconds <= seconds and (mib is None or step.peak_mib <= mib)
            verdict = "ok" if ok else "MISSED"
            shown = f"{step.seconds:8.1f}s"
            if name != "lint" and name != "lint --ignore" and step.returncode != 0:
                verdict = f"FAILED (exit {step.returncode})"
        missed |= verdict != "ok"
        print(
            f"{name:28} {shown} {step.cpu_seconds:6.1f}s {step.peak_mib:7.0f}MiB "
            f"{step.progress_counts:8}  {goal:18} "
            f"{verdict}",
            flush=True,
        )
        if args.verbose or verdict.startswith("FAILED"):
            print(step.output[-2000:])
        if name == "lint" and step.returncode is not None:
            summary = [line for line in step.output.splitlines() if "warning" in line]
            print(f"{'':28} {_plain(summary[-1]) if summary else ''}"[:200])
    if args.keep is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    print("ok" if not missed else "MISSED")
    return 1 if missed else 0


def _plain(line: str) -> str:
    """A terminal line without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", line).strip()


def main() -> int:
    """Run the whole benchmark; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each launch (default 5)")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--tools", action="store_true", help="time the author's tools instead")
    parser.add_argument("--clues", type=int, default=216_930, help="CSV clues for --tools")
    parser.add_argument("--timeout", type=float, default=600.0, help="per step, for --tools")
    parser.add_argument("--verbose", action="store_true", help="print each step's output tail")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--generate-csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        args.generate.write_text(json.dumps(generate_opentdb(args.questions)), encoding="utf-8")
        return 0
    if args.generate_csv:
        generate_clues_csv(args.generate_csv, args.questions)
        return 0
    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))
    if args.tools:
        return tools(args)
    work = args.keep or Path(tempfile.mkdtemp(prefix="trivia-bank-"))
    work.mkdir(parents=True, exist_ok=True)
    bank_dir, empty_dir, saves = work / "bank", work / "empty", work / "saves"
    for directory in (bank_dir, empty_dir, saves):
        directory.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "TRIVIA_SAVE_DIR": str(saves),
        "TRIVIA_BANK_INDEX": str(work / "bank-index.sqlite"),
    }
    env.pop("TEXTUAL", None)

    source = work / "opentdb.json"
    started = time.perf_counter()
    # In a child: this process must stay small, since a child's peak memory (ru_maxrss)
    # starts from the size of the process that launched it.
    subprocess.run(
        [sys.executable, __file__, "--generate", str(source), "--questions", str(args.questions)],
        check=True,
    )
    print(
        f"generated {args.questions:,} Open Trivia DB questions "
        f"({source.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s"
    )

    out = bank_dir / "bank.yaml"
    command = trivia("import", "opentdb", str(source), "-o", str(out), "--id", "bank", "--force")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    import_seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n")
        return 1
    rate = args.questions / import_seconds
    print(
        f"import:  {import_seconds:6.1f} s  ({rate:,.0f} questions/s; "
        f"{out.stat().st_size / 2**20:.0f} MiB of YAML)  "
        f"{'ok' if import_seconds < TARGET_IMPORT_SECONDS else 'over the 60 s target'}"
    )

    code = (
        "import sys; from trivia.packs.library import pack_dirs; "
        "from trivia.store.bank import scan_indexed; "
        "print(sum(len(e.pack.questions) for e in scan_indexed(pack_dirs([sys.argv[1]])) "
        "if e.pack))"
    )
    started = time.perf_counter()
    indexed = subprocess.run(
        [sys.executable, "-c", code, str(bank_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if indexed.returncode != 0:
        print(indexed.stderr)
        return 1
    print(
        f"index:   {time.perf_counter() - started:6.1f} s  to compile the bank "
        f"(once; {indexed.stdout.strip()} questions indexed)"
    )

    print(f"launches: {args.runs} of each, alternating, on a 100x30 pseudo-terminal")
    rows = []
    home = median_of(
        args.runs,
        {
            "bank": trivia("--packs-dir", str(bank_dir)),
            "bundled": trivia("--packs-dir", str(empty_dir)),
        },
        env,
        "TRIVIA_EXIT_AFTER_FIRST_PAINT",
    )
    rows.append(("Home, first paint", home))
    listed = median_of(
        args.runs,
        {
            "bank": trivia("--packs-dir", str(bank_dir)),
            "bundled": trivia("--packs-dir", str(empty_dir)),
        },
        env,
        "TRIVIA_EXIT_AFTER_PACKS_LISTED",
    )
    rows.append(("Home, packs listed", listed))
    question = median_of(
        args.runs,
        {"bank": play_command("bank", bank_dir), "bundled": play_command("mad-men", empty_dir)},
        env,
        "TRIVIA_EXIT_AFTER_FIRST_PAINT",
    )
    rows.append(("first question", question))

    missed = import_seconds >= TARGET_IMPORT_SECONDS
    print(
        f"{'':20} {'bank':>9} {'bundled':>9} {'ratio':>6}   {'bank':>8} {'bundled':>8} {'ratio':>6}"
    )
    for label, figures in rows:
        (bank_s, bank_mib), (base_s, base_mib) = figures["bank"], figures["bundled"]
        time_ratio, memory_ratio = bank_s / base_s, bank_mib / base_mib
        missed |= time_ratio > TARGET_RATIO or memory_ratio > TARGET_RATIO
        print(
            f"{label:20} {bank_s * 1000:7.0f}ms {base_s * 1000:7.0f}ms {time_ratio:5.2f}x"
            f"   {bank_mib:6.1f}MiB {base_mib:6.1f}MiB {memory_ratio:5.2f}x"
        )
    print(f"targets: ratios at most {TARGET_RATIO}x, import under {TARGET_IMPORT_SECONDS:.0f} s:")
    print("ok" if not missed else "MISSED")
    if args.keep is None:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
