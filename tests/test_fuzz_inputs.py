"""Fuzzing in CI, in bounded time: the pack loader and validator, both importers and the
command line meet hostile input and answer "ok" or a located error, never an exception, and
never slower than 5 seconds.

Hypothesis runs a fixed budget of examples per test (`BUDGET`, no deadline: the 5-second
bound is checked by hand, so a slow CI machine does not fail on a hiccup). The corpus in
tests/data/fuzz/ is real packs and imports damaged on purpose, one attack each (a huge hex
tolerance, a 20,000-deep list, a lone surrogate...); each file goes through the loaders and,
as a subprocess, through the CLI. `benchmarks/fuzz_loaders.py` runs the same kinds of
input by the tens of thousands.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trivia.packs import PackError, check_text, load_pack_text
from trivia.packs.importers import ImportFailed, dump_pack
from trivia.packs.importers.csvfile import import_csv
from trivia.packs.importers.opentdb import import_opentdb

DATA = Path(__file__).resolve().parent / "data"
CORPUS = sorted((DATA / "fuzz").iterdir())
VALID = (DATA / "packs" / "valid.yaml").read_text(encoding="utf-8")
REAL_RECORD = json.loads((DATA / "import" / "opentdb-html.json").read_text())["results"][0]
BIN = Path(sys.executable).parent
SLOW = 5.0
BUDGET = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
"""A fixed budget: the same examples every run, so CI time does not wander."""


def within_time(started: float) -> None:
    took = time.perf_counter() - started
    assert took < SLOW, f"took {took:.1f} s"


def loads_or_locates(data: str | bytes, name: str = "fuzz.yaml") -> None:
    """The pack loader's contract: a list of problems at places, or a clean pack."""
    started = time.perf_counter()
    problems = check_text(data, name)
    try:
        load_pack_text(data, name)
    except PackError as error:
        assert error.problems == problems and problems
    else:
        assert problems == []
    for problem in problems:
        assert str(problem).startswith(name) and problem.message
        str(problem).encode("utf-8")
    within_time(started)


def imports_or_locates(run, name: str) -> None:
    """An importer's contract: a pack that can be written, or ImportFailed naming the file."""
    started = time.perf_counter()
    try:
        result = run()
    except ImportFailed as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith(name)
            str(problem).encode("utf-8")
    else:
        dump_pack(result.document).encode("utf-8")
    within_time(started)


# --- numbers, the class that escaped most --------------------------------------------------

digits = st.text("0123456789", min_size=1, max_size=60).map(lambda d: d * 80)
number_literal = st.one_of(
    digits,
    digits.map(lambda d: "-" + d),
    st.integers(1, 6000).map(lambda n: "0x" + "f" * n),
    st.integers(1, 6000).map(lambda n: "0" + "7" * n),
    st.integers(1, 6000).map(lambda n: "0b" + "1" * n),
    st.integers(2, 80).map(lambda n: ":".join(["59"] * n)),
    st.integers(-400, 400).map(lambda e: f"1.5e{e}"),
    st.integers(0, 2**200).map(str),
    st.sampled_from([".inf", "-.inf", ".nan", "1_000", "0o17", "+12"]),
)
NUMBER_FIELDS = ["difficulty", "tolerance", "fixed_order", "answer", "version", "date"]


@BUDGET
@given(field=st.sampled_from(NUMBER_FIELDS), literal=number_literal)
def test_any_number_in_any_field(field, literal):
    lines = VALID.splitlines()
    at = [i for i, line in enumerate(lines) if line.strip().startswith(f"{field}:")]
    for i in at[:2]:
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
        lines[i] = f"{indent}{field}: {literal}"
    loads_or_locates("\n".join(lines))


@BUDGET
@given(
    depth=st.integers(1, 30_000),
    shape=st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]),
    where=st.sampled_from(["extra", "questions"]),
)
def test_any_nesting(depth, shape, where):
    opener, closer = shape
    loads_or_locates(VALID + f"\n{where}: {opener * depth}1{closer * depth}\n")


@BUDGET
@given(
    text=st.text(st.characters(codec=None, exclude_categories=()), max_size=30),
    size=st.sampled_from([1, 9_990, 10_001, 200_000]),
    quoted=st.booleans(),
)
def test_any_text_in_a_prompt(text, size, quoted):
    value = text + "x" * size
    shown = json.dumps(value) if quoted else value.replace("\n", " ")
    loads_or_locates(VALID.replace("prompt: ", f"prompt: {shown} #", 1))


# --- the importers -------------------------------------------------------------------------

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=False),
    st.text(st.characters(codec=None), max_size=12),  # lone surrogates included
    st.sampled_from(["multiple", "boolean", "True", "easy", "x" * 20_000]),
)
json_value = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
RECORD_KEYS = ["type", "difficulty", "category", "question", "correct_answer", "incorrect_answers"]


@pytest.mark.slow
@BUDGET
@given(
    changes=st.dictionaries(st.sampled_from(RECORD_KEYS), json_value, max_size=3),
    code=st.one_of(st.just(0), json_leaf),
    ascii_only=st.booleans(),
    skip_bad=st.booleans(),
)
def test_opentdb_any_record(changes, code, ascii_only, skip_bad):
    record = {**REAL_RECORD, **changes}
    text = json.dumps({"response_code": code, "results": [record]}, ensure_ascii=ascii_only)
    data = text.encode("utf-8", "surrogatepass")
    imports_or_locates(
        lambda: import_opentdb(data, "api.json", pack_id="p", title="P", skip_bad=skip_bad),
        "api.json",
    )


@BUDGET
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_opentdb_any_bytes(data):
    imports_or_locates(lambda: import_opentdb(data, "api.json", pack_id="p", title="P"), "api.json")


csv_cell = st.one_of(
    st.sampled_from(["choice", "number", "text", "order", "truefalse", "easy", "hard", "a|b|c"]),
    number_literal,
    st.text(max_size=20),
    st.sampled_from(["x" * 10_001, "\u202e", "\x00"]),
)
csv_header = st.lists(
    st.sampled_from(
        ["type", "question", "answer", "wrong1", "wrong2", "options", "tolerance", "difficulty",
         "accept", "tags", "wrong" + "9" * 5000, "wrong_٣", "fixed_order"]
    ),
    min_size=1,
    max_size=8,
)  # fmt: skip


@BUDGET
@given(header=csv_header, rows=st.lists(st.lists(csv_cell, max_size=8), max_size=4))
def test_csv_any_sheet(header, rows):
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(header)
    writer.writerows(rows)
    data = sheet.getvalue().encode("utf-8", "surrogatepass")
    imports_or_locates(
        lambda: import_csv(data, "s.csv", pack_id="p", title="P", today=date(2024, 5, 1)), "s.csv"
    )


# --- the corpus: in-process, then the CLI as a subprocess -----------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_corpus_through_the_loaders(path):
    data = path.read_bytes()
    if path.suffix == ".yaml":
        loads_or_locates(data, path.name)
    elif path.suffix == ".json":
        imports_or_locates(
            lambda: import_opentdb(data, path.name, pack_id="p", title="P"), path.name
        )
    else:
        imports_or_locates(
            lambda: import_csv(data, path.name, pack_id="p", title="P", today=date(2024, 5, 1)),
            path.name,
        )


PACK_CORPUS = [path for path in CORPUS if path.suffix == ".yaml"]
IMPORT_CORPUS = [path for path in CORPUS if path.suffix != ".yaml"]


def run_cli(argv: list[str], env: dict[str, str], budget: float) -> str:
    """Run `trivia ARGV`: exit 0 or 1, no traceback, within `budget` seconds; its output
    (when it exits 1, only the problems)."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(BIN / "trivia"), *argv], capture_output=True, text=True, env=env, timeout=60
    )
    took = time.perf_counter() - started
    said = result.stdout + result.stderr
    assert took < budget, (argv[:2], took)
    assert result.returncode in (0, 1), (argv[:2], said[-2000:])
    assert "Traceback" not in said and "please report" not in said, (argv[:2], said[-2000:])
    return said if result.returncode else ""


@pytest.mark.slow
def test_corpus_through_the_cli(tmp_path):
    """The corpus through each command that reads it, as a shell runs them: every damaged
    pack in one `validate` and one `lint` (each file named in the output), three through
    `export`, each import file through `import`. A dozen subprocesses, some seconds."""
    env = {**os.environ, "TRIVIA_SAVE_DIR": str(tmp_path / "save")}
    packs = [str(path) for path in PACK_CORPUS]
    for command in ("validate", "lint"):
        said = run_cli([command, *packs], env, SLOW * 4)
        for path in PACK_CORPUS:
            assert path.name in said, (command, path.name)
    for path in PACK_CORPUS[:3]:
        out = tmp_path / "out.csv"
        said = run_cli(["export", "csv", str(path), "-o", str(out), "--force"], env, SLOW)
        assert path.name in said or out.exists()
    for path in IMPORT_CORPUS:
        kind = "opentdb" if path.suffix == ".json" else "csv"
        out = tmp_path / "out.yaml"
        said = run_cli(["import", kind, str(path), "-o", str(out), "--force"], env, SLOW)
        assert path.name in said, path.name  # every import file is refused, with its name
    # Memory bounded: no child (these, or any before them) grew past 1 GiB.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kib < 1024 * 1024, f"a subprocess peaked at {peak_kib // 1024} MiB"
