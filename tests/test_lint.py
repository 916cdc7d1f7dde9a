"""`trivia lint`: each rule fires where it should and stays quiet where it should not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from trivia.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, main
from trivia.packs.library import bundled_packs_dir
from trivia.packs.lint import RULES, Level, lint_paths

HEADER = """\
pack:
  id: {pack_id}
  title: Lint test
{pack_extra}sources:
  - {{id: s1, title: A source, publisher: A publisher, date: "2022-10-31"}}
facts:
  - {{id: f1, source: s1, statement: Elisabeth Moss played Peggy Olson.}}
{facts}questions:
"""

GOOD_CHOICE = """\
  - id: {qid}
    type: choice
    fact: f1
    prompt: {prompt}
    answer: Elisabeth Moss
    options: [Elisabeth Moss, January Jones, Christina Hendricks]
    difficulty: {difficulty}
    explain: Moss played Peggy.
"""


def write_pack(
    tmp_path: Path,
    questions: str,
    *,
    name: str = "pack.yaml",
    pack_id: str = "lint-test",
    facts: str = "",
    pack_extra: str = "",
) -> Path:
    path = tmp_path / name
    header = HEADER.format(pack_id=pack_id, facts=facts, pack_extra=pack_extra)
    path.write_text(header + textwrap.dedent(questions).strip("\n") + "\n", encoding="utf-8")
    return path


def choice(qid: str, prompt: str, difficulty: str = "easy") -> str:
    return GOOD_CHOICE.format(qid=qid, prompt=prompt, difficulty=difficulty)


def rules_found(*paths: Path, **options) -> list[str]:
    report = lint_paths(paths, **options)
    assert report.problems == []
    return [finding.rule for finding in report.findings]


def test_a_clean_pack_has_no_findings(tmp_path):
    path = write_pack(tmp_path, choice("q1", "Who played Peggy Olson?"))
    report = lint_paths([path])
    assert report.findings == []
    assert report.questions == 1
    assert not report.failed()


def test_the_bundled_pack_is_clean():
    report = lint_paths([bundled_packs_dir() / "mad-men.yaml"])
    assert [str(finding) for finding in report.findings] == []


# --- duplicate and similar prompts -----------------------------------------------------


def test_exact_duplicate_prompt_is_an_error_at_the_repeat(tmp_path):
    questions = choice("q1", "Who played Peggy Olson?") + choice("q2", "who played  peggy olson")
    path = write_pack(tmp_path, questions)
    report = lint_paths([path])
    [finding] = report.findings
    assert finding.rule == "duplicate-prompt"
    assert finding.level is Level.ERROR
    assert "'q1'" in finding.message and "asks the same" in finding.message
    # At the repeat's prompt: the second question's `prompt:` value.
    assert (finding.line, finding.col) == (20, 11)
    assert report.failed()


def test_duplicates_are_found_across_packs(tmp_path):
    first = write_pack(tmp_path, choice("q1", "Who played Peggy Olson?"), name="a.yaml")
    second = write_pack(
        tmp_path, choice("z9", "Who played Peggy Olson?"), name="b.yaml", pack_id="other"
    )
    report = lint_paths([first, second])
    [finding] = report.findings
    assert finding.rule == "duplicate-prompt"
    assert finding.path == str(second)
    assert str(first) in finding.message


def test_near_duplicate_prompt_is_a_warning(tmp_path):
    questions = choice("q1", "Who played Peggy Olson in Mad Men?") + choice(
        "q2", "In Mad Men, who played Peggy Olsen?"
    )
    findings = lint_paths([write_pack(tmp_path, questions)]).findings
    assert [(f.rule, f.level) for f in findings] == [("similar-prompt", Level.WARNING)]


def test_different_prompts_are_not_similar(tmp_path):
    questions = choice("q1", "Who played Peggy Olson?") + choice(
        "q2", "Which network was behind Mad Men?"
    )
    assert rules_found(write_pack(tmp_path, questions)) == []


def test_prompts_that_differ_in_a_number_are_not_similar(tmp_path):
    questions = choice("q1", "Which actor joined the cast in Season 4 of the show?") + choice(
        "q2", "Which actor joined the cast in Season 5 of the show?"
    )
    assert rules_found(write_pack(tmp_path, questions)) == []


def test_similar_prompts_scale_to_thousands(tmp_path):
    import time

    lines = []
    for number in range(3000):
        words = " ".join(f"w{(number * 7 + k) % 997}x{k}" for k in range(8))
        lines.append(
            f"  - {{id: q{number}, type: truefalse, fact: f1, prompt: '{words}',"
            f" answer: true, difficulty: {('easy', 'medium', 'hard')[number % 3]},"
            " explain: Yes.}\n"
        )
    path = write_pack(tmp_path, "".join(lines))
    start = time.perf_counter()
    report = lint_paths([path])
    assert time.perf_counter() - start < 20
    assert report.problems == []


# --- options ---------------------------------------------------------------------------


def test_an_option_repeating_the_answer_in_other_case_is_an_error(tmp_path):
    path = write_pack(
        tmp_path,
        """
        - id: q1
          type: choice
          fact: f1
          prompt: Who played Peggy Olson?
          answer: Elisabeth Moss
          options: [Elisabeth Moss, January Jones, elisabeth  moss]
          difficulty: easy
          explain: Moss played Peggy.
        """,
    )
    [finding] = lint_paths([path]).findings
    assert finding.rule == "duplicate-option"
    assert finding.level is Level.ERROR
    assert "(the answer)" in finding.message
    assert finding.col == 44  # the third option


def test_order_items_that_differ_only_in_case_are_duplicates(tmp_path):
    path = write_pack(
        tmp_path,
        """
        - id: q1
          type: order
          fact: f1
          prompt: Put these in order.
          answer: [First step, Second step, first  STEP]
          difficulty: easy
          explain: In order.
        """,
    )
    assert rules_found(path) == ["duplicate-option"]


def test_uneven_options(tmp_path):
    uneven = """
        - id: q1
          type: choice
          fact: f1
          prompt: Who played Peggy Olson?
          answer: Elisabeth Moss, who also starred in The Handmaid's Tale
          options: ["Elisabeth Moss, who also starred in The Handmaid's Tale", Jones, Hendricks]
          difficulty: easy
          explain: Moss played Peggy.
        """
    assert rules_found(write_pack(tmp_path, uneven)) == ["uneven-options"]
    # Three times as long but only a few characters apart: fine ("FX" and "Showtime").
    short = """
        - id: q1
          type: choice
          fact: f1
          prompt: Which network was behind Mad Men?
          answer: AMC
          options: [AMC, FX, Showtime, HBO]
          difficulty: easy
          explain: AMC.
        """
    assert rules_found(write_pack(tmp_path, short)) == []


def test_long_prompt_and_long_option(tmp_path):
    long_prompt = "Who " + "really " * 20 + "played Peggy Olson?"
    long_option = "Elisabeth Moss " + "and more " * 8
    path = write_pack(
        tmp_path,
        f"""
        - id: q1
          type: choice
          fact: f1
          prompt: {long_prompt}
          answer: {long_option.strip()}
          options: ["{long_option.strip()}", "January Jones and more and more and more and more and more and more and more"]
          difficulty: easy
          explain: Moss played Peggy.
        """,  # noqa: E501
    )
    assert len(long_prompt) > 120 and len(long_option.strip()) > 75
    assert sorted(rules_found(path)) == ["long-option", "long-option", "long-prompt"]
    ok = write_pack(tmp_path, choice("q1", "Who " + "really " * 14 + "played Peggy?"))
    assert rules_found(ok) == []


# --- text, explain, facts, mix ---------------------------------------------------------

TEXT_QUESTION = """
- id: q1
  type: text
  fact: f1
  prompt: Which character did Elisabeth Moss play?
  answer: Peggy Olson
  {accept}difficulty: easy
  explain: Moss played Peggy.
"""


def test_text_question_without_accept(tmp_path):
    path = write_pack(tmp_path, TEXT_QUESTION.format(accept=""))
    finding = lint_paths([path]).findings[0]
    assert (finding.rule, finding.level) == ("no-accept", Level.WARNING)
    with_accept = TEXT_QUESTION.format(accept="accept: [Peggy]\n  ")
    assert rules_found(write_pack(tmp_path, with_accept)) == []


def test_question_without_explain(tmp_path):
    path = write_pack(
        tmp_path,
        """
        - {id: q1, type: truefalse, fact: f1, prompt: Moss played Peggy., answer: true,
           difficulty: easy}
        """,
    )
    assert rules_found(path) == ["no-explain"]


def test_a_fact_no_question_tests(tmp_path):
    facts = "  - {id: f2, source: s1, statement: Jon Hamm played Don Draper.}\n"
    path = write_pack(tmp_path, choice("q1", "Who played Peggy Olson?"), facts=facts)
    [finding] = lint_paths([path]).findings
    assert finding.rule == "unused-fact"
    assert "'f2'" in finding.message
    assert finding.line == 8


def _mixed_pack(tmp_path: Path, levels: list[str], pack_extra: str = "") -> Path:
    questions = "".join(
        choice(f"q{n}", f"Question number {n} about subject {chr(65 + n)}?", level)
        for n, level in enumerate(levels)
    )
    return write_pack(tmp_path, questions, pack_extra=pack_extra)


def test_difficulty_mix_reported_once_at_the_questions_key(tmp_path):
    path = _mixed_pack(tmp_path, ["easy"] * 8 + ["medium", "hard"])
    [finding] = lint_paths([path]).findings
    assert finding.rule == "difficulty-mix"
    assert "easy 8 (80%)" in finding.message
    assert (finding.line, finding.col) == (8, 1)


def test_balanced_mix_and_small_packs_are_fine(tmp_path):
    balanced = ["easy"] * 4 + ["medium"] * 3 + ["hard"] * 3
    assert rules_found(_mixed_pack(tmp_path, balanced)) == []
    assert rules_found(_mixed_pack(tmp_path, ["easy"] * 9)) == []  # under 10 questions


# --- silencing -------------------------------------------------------------------------


def test_lint_ignore_on_a_question_silences_its_rules_there_only(tmp_path):
    path = write_pack(
        tmp_path,
        """
        - id: q1
          type: text
          fact: f1
          prompt: Which character did Elisabeth Moss play?
          answer: Peggy Olson
          difficulty: easy
          lint: {ignore: [no-accept, no-explain]}
        - id: q2
          type: text
          fact: f1
          prompt: Who did Moss play on the show?
          answer: Peggy Olson
          difficulty: easy
          explain: Peggy.
        """,
    )
    report = lint_paths([path])
    assert [(f.rule, f.line) for f in report.findings] == [("no-accept", 20)]


def test_lint_ignore_under_pack_and_on_a_fact(tmp_path):
    facts = (
        "  - id: f2\n    source: s1\n    statement: Jon Hamm played Don Draper.\n"
        "    lint: {ignore: [unused-fact]}\n"
    )
    path = write_pack(
        tmp_path,
        """
        - {id: q1, type: truefalse, fact: f1, prompt: Moss played Peggy., answer: true,
           difficulty: easy}
        """,
        facts=facts,
        pack_extra="  lint:\n    ignore: [no-explain]\n",
    )
    assert rules_found(path) == []


def test_an_unknown_rule_in_lint_ignore_is_reported(tmp_path):
    path = write_pack(
        tmp_path,
        """
        - id: q1
          type: truefalse
          fact: f1
          prompt: Moss played Peggy.
          answer: true
          difficulty: easy
          explain: She did.
          lint: {ignore: [no-explian]}
        """,
    )
    [finding] = lint_paths([path]).findings
    assert finding.rule == "unknown-rule"
    assert "did you mean 'no-explain'?" in str(finding)


def test_ignore_option_of_lint_paths(tmp_path):
    path = write_pack(tmp_path, TEXT_QUESTION.format(accept=""))
    assert rules_found(path, ignore=["no-accept"]) == []
    with pytest.raises(ValueError):
        lint_paths([path], ignore=["no-such-rule"])


def test_every_rule_has_a_level_and_a_summary():
    assert {rule.level for rule in RULES.values()} == {Level.ERROR, Level.WARNING}
    errors = sorted(rule.id for rule in RULES.values() if rule.level is Level.ERROR)
    assert errors == ["duplicate-option", "duplicate-prompt"]
    assert all(rule.summary for rule in RULES.values())


# --- the command -----------------------------------------------------------------------


def test_cli_clean_pack_exits_0_with_one_line(tmp_path, capsys):
    path = write_pack(tmp_path, choice("q1", "Who played Peggy Olson?"))
    assert main(["lint", str(path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.strip().splitlines() == ["ok no findings (1 file, 1 question)"]


def test_cli_warnings_exit_0_errors_exit_1(tmp_path, capsys):
    warned = write_pack(tmp_path, TEXT_QUESTION.format(accept=""), name="warned.yaml")
    assert main(["lint", str(warned)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{warned}:13:11: warning: text question 'q1' has no `accept`" in out
    assert out.rstrip().endswith("[no-accept]\n0 errors, 1 warning (1 file, 1 question)")
    assert main(["lint", "--strict", str(warned)]) == EXIT_PROBLEMS
    capsys.readouterr()
    errors = write_pack(
        tmp_path,
        choice("q1", "Who played Peggy Olson?") + choice("q2", "Who played Peggy Olson?"),
        name="errors.yaml",
    )
    assert main(["lint", str(errors)]) == EXIT_PROBLEMS
    assert "error: question 'q2' asks the same" in capsys.readouterr().out


def test_cli_output_is_sorted_by_file_and_line(tmp_path, capsys):
    b = write_pack(tmp_path, TEXT_QUESTION.format(accept=""), name="b.yaml", pack_id="b")
    a = write_pack(
        tmp_path,
        "- {id: q9, type: truefalse, fact: f1, prompt: Moss played Peggy., answer: true,"
        " difficulty: easy}\n" + TEXT_QUESTION.format(accept="").replace("id: q1", "id: q2"),
        name="a.yaml",
        pack_id="a",
    )
    main(["lint", str(b), str(a)])
    lines = [line for line in capsys.readouterr().out.splitlines() if ": warning: " in line]
    places = [(line.split(":")[0], int(line.split(":")[1])) for line in lines]
    assert places == sorted(places)
    assert places[0][0] == str(a)


def test_cli_invalid_pack_prints_its_problems_and_exits_1(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack: {id: Bad Id, title: x}\n", encoding="utf-8")
    assert main(["lint", str(broken)]) == EXIT_PROBLEMS
    out = capsys.readouterr().out
    assert f"{broken}:1:12: `id` 'Bad Id' is not valid" in out
    assert "1 file not valid" in out


def test_cli_usage_errors(capsys):
    assert main(["lint"]) == EXIT_USAGE
    assert main(["lint", "--ignore", "nope", "x.yaml"]) == EXIT_USAGE
    assert "no rule called nope" in capsys.readouterr().err


def test_cli_rules_lists_every_rule(capsys):
    assert main(["lint", "--rules"]) == EXIT_OK
    out = capsys.readouterr().out
    for rule in RULES:
        assert rule in out


def test_the_authoring_tools_import_no_ui_database_or_rich():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import trivia.packs.lint, trivia.packs.scaffold, trivia.packs.export\n"
        "import trivia.packs.importers.opentdb, trivia.packs.importers.csvfile\n"
        "bad = sorted(m for m in ('textual', 'sqlite3', 'rich') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# --- at scale: blocking, --ignore, progress ----------------------------------------------


def _prompts_with_near_repeats(count: int, seed: int = 3) -> tuple[list[str], int]:
    """`count` made-up prompts (words drawn with a Zipf-like law, as real clues share
    words) and, after them, a near-repeat of every tenth: a word misspelt, one added,
    two swapped. Returns the token-sorted keys, as lint compares them, and `count`."""
    import random

    from trivia.packs.lint import _prompt_key

    rng = random.Random(seed)
    vocabulary = [f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{n}" for n in range(3000)]
    weights = [1 / (rank + 5) for rank in range(len(vocabulary))]
    prompts = [
        " ".join(rng.choices(vocabulary, weights, k=rng.randint(6, 16))) for _ in range(count)
    ]
    for prompt in prompts[::10]:
        words = prompt.split()
        spot = rng.randrange(len(words))
        change = rng.randrange(3)
        if change == 0:
            words[spot] = words[spot][:-1] + "q"
        elif change == 1:
            words.insert(spot, "the")
        else:
            words[spot], words[-1] = words[-1], words[spot]
        prompts.append(" ".join(words))
    return [" ".join(sorted(_prompt_key(p).split())) for p in prompts], count


def test_blocking_finds_the_near_repeats_that_comparing_every_pair_finds():
    from trivia.packs.similar import _all_pairs, _blocked_pairs

    keys, originals = _prompts_with_near_repeats(4000)
    every = {(a, b) if a < b else (b, a) for a, b, _ in _all_pairs(keys, 90.0)}
    blocked = {(a, b) if a < b else (b, a) for a, b, _ in _blocked_pairs(keys, 90.0)}
    assert blocked <= every
    repeats = {pair for pair in every if pair[1] >= originals}
    assert len(repeats) >= 350  # most of the 400 near-repeats reach the threshold
    assert repeats <= blocked


def test_ignoring_a_rule_skips_its_work(tmp_path, monkeypatch):
    import trivia.packs.lint as lint

    def never(*_):
        raise AssertionError("similar-prompt was ignored: no pair should be compared")

    monkeypatch.setattr(lint, "similar_pairs", never)
    path = write_pack(
        tmp_path,
        choice("q1", "Who played Peggy Olson in Mad Men?")
        + choice("q2", "In Mad Men, who played Peggy Olsen?"),
    )
    assert rules_found(path, ignore=["similar-prompt"]) == []
    with pytest.raises(AssertionError, match="ignored"):
        lint_paths([path])


def test_lint_reports_progress_as_it_goes(tmp_path, monkeypatch):
    import trivia.packs.stream

    monkeypatch.setattr(trivia.packs.stream, "FAST_FROM_BYTES", 0)  # big files read so
    lines = "".join(
        f"  - {{id: q{n}, type: truefalse, fact: f1, prompt: 'Statement number {n} holds.',"
        " answer: true, difficulty: easy, explain: Yes.}\n"
        for n in range(12_000)
    )
    path = write_pack(tmp_path, lines)
    seen = []
    lint_paths([path], progress=lambda what, done, total: seen.append((what, done, total)))
    stages = [what for what, _, _ in seen]
    assert stages[0] == "reading pack.yaml" and "comparing prompts" in stages
    checking = [done for what, done, _ in seen if what == "checking questions"]
    assert checking == [5000, 10_000, 12_000]
    reading = [done for what, done, _ in seen if what.startswith("reading")]
    assert len(set(reading)) >= 2 and reading[-1] == path.stat().st_size
