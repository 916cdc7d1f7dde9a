"""Throw generated inputs at every loader and count what comes back, by input class.

The loaders are the pack loader and validator (`trivia.packs.check_text` and
`load_pack_text`), the Open Trivia DB importer and the CSV importer. Each input must end
as "ok" (loaded) or "located" (a `PackError` or `ImportFailed` whose problems name the
file), within 5 seconds; anything else is counted as "escaped" (an exception that got
out, with its type) or "slow". The inputs are random bytes and text, the real test packs
and imports with random damage, and targeted attacks: huge numbers in number fields, deep
nesting, long texts, aliases, lone surrogates, control characters.

Run from the checkout (about a minute for the default 24,000 inputs):

    .venv/bin/python benchmarks/fuzz_loaders.py [--per-class 1500] [--seed 1]

Exit code 1 when any input escaped or was slow.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from trivia.packs import PackError, check_text, load_pack_text  # noqa: E402
from trivia.packs.importers import ImportFailed  # noqa: E402
from trivia.packs.importers.csvfile import import_csv  # noqa: E402
from trivia.packs.importers.opentdb import import_opentdb  # noqa: E402

DATA = ROOT / "tests" / "data"
PACKS = [p.read_bytes() for p in sorted((DATA / "packs").glob("*.yaml"))]
OPENTDB = [p.read_bytes() for p in sorted((DATA / "import").glob("opentdb-*.json"))]
SHEETS = [p.read_bytes() for p in sorted((DATA / "import").glob("*.csv"))]
SLOW = 5.0
"""Seconds one input may take."""

TOKENS = [
    b"&a ", b"*a", b"<<: *a", b"!!python/object/apply:os.system [x]", b"!custom ", b"[", b"]",
    b"{", b"}", b"- ", b": ", b"'", b'"', b"\t", b"#", b"---", b"\xff", b"\x00", b"\r\n",
    b"\\ud800", b'"\\ud800"', b"0x" + b"f" * 400, b"9" * 5000, b"1e999", b".nan", b"-.inf",
    b"1:" * 50 + b"1", b"0" + b"7" * 40, b"0b" + b"1" * 200, b"\u202e".decode().encode(),
]  # fmt: skip
NUMBER_KEYS = ["difficulty", "tolerance", "fixed_order", "answer", "version", "id", "date"]


def huge_number(rng: random.Random) -> str:
    """A number literal in one of YAML's and JSON's forms, often far too big."""
    digits = rng.choice([1, 5, 18, 19, 25, 100, 101, 4300, 4301, 10_000])
    body = "".join(rng.choice("0123456789") for _ in range(min(digits, 50))) * max(1, digits // 50)
    form = rng.choice(["dec", "neg", "hex", "oct", "bin", "sexa", "float", "exp", "under"])
    return {
        "dec": "1" + body,
        "neg": "-1" + body,
        "hex": "0x" + "f" * min(digits, 6000),
        "oct": "0" + "7" * min(digits, 6000),
        "bin": "0b" + "1" * min(digits, 6000),
        "sexa": ":".join(["59"] * max(2, digits // 3)),
        "float": "1" + body + ".5",
        "exp": f"1.0e{rng.choice(['308', '309', '-400', body[:6]])}",
        "under": "1_" + "_".join(body[i : i + 3] for i in range(0, len(body), 3)),
    }[form]


def mutate(rng: random.Random, data: bytes, tokens: list[bytes]) -> bytes:
    """A few random insertions, deletions and replacements of bytes or tokens."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        piece = rng.choice(tokens) if rng.random() < 0.7 else bytes([rng.randrange(256)])
        action = rng.choice(["insert", "delete", "replace"])
        if action == "insert":
            out[at:at] = piece
        elif action == "delete":
            del out[at : at + rng.randint(1, 40)]
        else:
            out[at : at + len(piece)] = piece
    return bytes(out)


def pack_with_number(rng: random.Random) -> bytes:
    text = PACKS[-1].decode()  # valid.yaml
    key = rng.choice(NUMBER_KEYS)
    lines = text.splitlines()
    places = [i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:")]
    if not places:
        return text.encode()
    i = rng.choice(places)
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    lines[i] = f"{indent}{key}: {huge_number(rng)}"
    return "\n".join(lines).encode()


def pack_nested(rng: random.Random) -> bytes:
    depth = rng.choice([50, 99, 100, 101, 500, 1100, 20_000])
    opener, closer = rng.choice([("[", "]"), ("{a: ", "}"), ("- ", "")])
    inner = opener * depth + "1" + closer * depth
    return PACKS[-1] + f"\nextra: {inner}\n".encode()


def pack_long_text(rng: random.Random) -> bytes:
    size = rng.choice([9_999, 10_000, 10_001, 100_000, 1_000_000])
    lines = PACKS[-1].decode().splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("prompt:"))
    value = "x" * size
    if rng.random() < 0.5:
        value = f"'{value}'"
    lines[at] = lines[at].split("prompt:")[0] + f"prompt: {value}"
    return "\n".join(lines).encode()


def pack_aliases(rng: random.Random) -> bytes:
    width = rng.randint(2, 12)
    levels = rng.randint(2, 12)
    lines = ["a0: &a0 [lol]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]")
    return PACKS[-1] + ("\n" + "\n".join(lines) + "\n").encode()


def pack_escapes(rng: random.Random) -> bytes:
    escape = rng.choice(["\\ud800", "\\udfff", "\\x1b[2J", "\\u202e", "\\0", "\\U0010ffff"])
    return PACKS[-1].replace(b"prompt: ", f'prompt: "{escape}" #'.encode(), 1)


def opentdb_record(rng: random.Random) -> object:
    def value(depth: int) -> object:
        kind = rng.randrange(9 if depth < 4 else 6)
        if kind == 0:
            return rng.choice(["multiple", "boolean", "True", "easy", "", "x" * 20_000])
        if kind == 1:
            return rng.choice(["\ud800", "a\udfffb", "\ud83d\ude00", "&#xd800;", "%ED%A0%80"])
        if kind == 2:
            return rng.choice([0, -1, 2**64, 10**30, 1.5, float("1e308")])
        if kind == 3:
            return None
        if kind == 4:
            return rng.random() < 0.5
        if kind == 5:
            return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(0, 8)))
        if kind in (6, 7):
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        return {k: value(depth + 1) for k in rng.sample(FIELDS, rng.randint(0, len(FIELDS)))}

    record: dict[str, object] = dict(json.loads(OPENTDB[1])["results"][0])
    for key in rng.sample(FIELDS, rng.randint(1, 3)):
        record[key] = value(0)
    return record


FIELDS = ["type", "difficulty", "category", "question", "correct_answer", "incorrect_answers"]


def opentdb_structured(rng: random.Random) -> bytes:
    records = [opentdb_record(rng) for _ in range(rng.randint(1, 4))]
    code = rng.choice([0, 0, 0, 1, 5, 10**30, "0", None])
    text = json.dumps({"response_code": code, "results": records}, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.3:
        text = text.replace("0", huge_number(rng), 1)
    return text.encode("utf-8", "surrogatepass")


def opentdb_nested(rng: random.Random) -> bytes:
    depth = rng.choice([4, 99, 100, 101, 1000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a": ', "}")])
    return ('{"response_code": 0, "results": ' + opener * depth + closer * depth + "}").encode()


def csv_cells(rng: random.Random) -> bytes:
    header = ["type", "question", "answer", "wrong1", "wrong2", "tolerance", "difficulty"]
    if rng.random() < 0.2:
        header.append(rng.choice(["wrong" + "9" * 5000, "wrong_٣", "x" * 200_000]))
    cell = lambda: rng.choice(  # noqa: E731 - a one-line generator of cells
        ["choice", "number", "text", "order", "truefalse", "easy", huge_number(rng),
         "x" * rng.choice([10, 10_001, 200_000]), '"a\nb"', '"', "a|b|c", "\x00", "\u202e", ""]
    )  # fmt: skip
    rows = [",".join(header)]
    for _ in range(rng.randint(1, 5)):
        rows.append(",".join(cell() for _ in header))
    return ("\n".join(rows) + "\n").encode()


def random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(0, 400))


def random_text(rng: random.Random) -> bytes:
    alphabet = ":-[]{}&*!|>'\"#\n\t 0123456789abcxyz\u00e9\u202e\x1b"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
    return text.encode("utf-8", "surrogatepass")


Loader = Callable[[bytes], str]


def load_pack(data: bytes) -> str:
    problems = check_text(data, "fuzz.yaml")
    try:
        load_pack_text(data, "fuzz.yaml")
    except PackError as error:
        assert error.problems and all(str(p).startswith("fuzz.yaml") for p in error.problems)
        assert error.problems == problems
        return "located"
    assert problems == []
    return "ok"


def import_json(data: bytes) -> str:
    try:
        result = import_opentdb(data, "fuzz.json", pack_id="fuzz", title="Fuzz", skip_bad=True)
    except ImportFailed as error:
        assert error.problems and all(str(p).startswith("fuzz.json") for p in error.problems)
        for problem in error.problems:
            str(problem).encode("utf-8")
        return "located"
    from trivia.packs.importers import dump_pack

    dump_pack(result.document).encode("utf-8")  # what `trivia import` writes
    return "ok"


def import_sheet(data: bytes) -> str:
    try:
        result = import_csv(
            data, "fuzz.csv", pack_id="fuzz", title="Fuzz", skip_bad=True, today=date(2024, 5, 1)
        )
    except ImportFailed as error:
        assert error.problems and all(str(p).startswith("fuzz.csv") for p in error.problems)
        for problem in error.problems:
            str(problem).encode("utf-8")
        return "located"
    from trivia.packs.importers import dump_pack

    dump_pack(result.document).encode("utf-8")
    return "ok"


CLASSES: list[tuple[str, Loader, Callable[[random.Random], bytes]]] = [
    ("pack: random bytes", load_pack, random_bytes),
    ("pack: random YAML-ish text", load_pack, random_text),
    ("pack: damaged real pack", load_pack, lambda rng: mutate(rng, rng.choice(PACKS), TOKENS)),
    ("pack: huge number in a field", load_pack, pack_with_number),
    ("pack: deep nesting", load_pack, pack_nested),
    ("pack: long text", load_pack, pack_long_text),
    ("pack: aliases", load_pack, pack_aliases),
    ("pack: escapes and surrogates", load_pack, pack_escapes),
    ("opentdb: random bytes", import_json, random_bytes),
    ("opentdb: damaged real response", import_json,
     lambda rng: mutate(rng, rng.choice(OPENTDB), [b"[", b"{", b'"\\ud800"', b"9" * 5000])),
    ("opentdb: odd records", import_json, opentdb_structured),
    ("opentdb: deep nesting", import_json, opentdb_nested),
    ("csv: random text", import_sheet, random_text),
    ("csv: damaged real sheet", import_sheet,
     lambda rng: mutate(rng, rng.choice(SHEETS), [b",", b'"', b"\n", b"9" * 5000, b"|"])),
    ("csv: odd cells", import_sheet, csv_cells),
    ("csv: random bytes", import_sheet, random_bytes),
]  # fmt: skip


def main() -> int:
    """Run every class `--per-class` times and print the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=1500, help="inputs per class")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed")
    args = parser.parse_args()
    sys.setrecursionlimit(1000)  # the interpreter's default: no loader may rely on more
    rng = random.Random(args.seed)
    total: Counter[str] = Counter()
    failures: list[str] = []
    started = time.perf_counter()
    print(f"{'input class':34} {'inputs':>7} {'ok':>7} {'located':>8} {'escaped':>8} "
          f"{'slow':>5} {'max s':>6}")  # fmt: skip
    for name, loader, generate in CLASSES:
        counts: Counter[str] = Counter()
        slowest = 0.0
        for _ in range(args.per_class):
            data = generate(rng)
            began = time.perf_counter()
            try:
                outcome = loader(data)
            except Exception as error:  # noqa: BLE001 - counting what escapes is the point
                outcome = "escaped"
                if len(failures) < 20:
                    failures.append(f"{name}: {type(error).__name__}: {str(error)[:120]}")
            took = time.perf_counter() - began
            slowest = max(slowest, took)
            if took > SLOW:
                counts["slow"] += 1
            counts[outcome] += 1
        total.update(counts)
        print(f"{name:34} {args.per_class:7,} {counts['ok']:7,} {counts['located']:8,} "
              f"{counts['escaped']:8,} {counts['slow']:5,} {slowest:6.2f}")  # fmt: skip
    inputs = args.per_class * len(CLASSES)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'all':34} {inputs:7,} {total['ok']:7,} {total['located']:8,} "
          f"{total['escaped']:8,} {total['slow']:5,}")  # fmt: skip
    print(f"{time.perf_counter() - started:.1f} s, peak memory {peak:.0f} MiB")
    for failure in failures:
        print("  " + failure)
    return 1 if total["escaped"] or total["slow"] else 0


if __name__ == "__main__":
    sys.exit(main())
