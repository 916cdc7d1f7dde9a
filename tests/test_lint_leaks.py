"""`answer-leak`: an answer printed in another question's text, a source title or its own hint."""

from __future__ import annotations

import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from trivia.game.answers import normalise_text as checker_normalise
from trivia.packs.leaks import Leak, answer_forms, find_leaks
from trivia.packs.library import bundled_packs_dir
from trivia.packs.lint import RULES, Finding, lint_paths
from trivia.packs.loader import load_text_with_positions
from trivia.packs.model import Difficulty, NumberQuestion, TextQuestion, TrueFalseQuestion
from trivia.packs.normalise import normalise_text, word_starts, words

PACK = """\
pack: {id: leaks, title: Leaks}
sources:
  - {id: s1, title: An interview with the cast, publisher: A publisher, date: "2022-10-31"}
facts:
  - {id: f-actor, source: s1, statement: Elisabeth Moss played Peggy Olson.}
  - {id: f-boss, source: s1, statement: Don Draper is Peggy's boss.}
  - {id: f-job, source: s1, statement: Peggy is a copywriter.}
questions:
  - id: actor
    type: choice
    fact: f-actor
    prompt: Who played Peggy Olson?
    answer: Elisabeth Moss
    options: [Elisabeth Moss, January Jones, Christina Hendricks]
    difficulty: easy
    explain: She played Peggy for seven seasons.
  - id: boss
    type: text
    fact: f-boss
    prompt: Who is Peggy's boss at the agency?
    answer: Don Draper
    accept: [Draper]
    difficulty: medium
    explain: Her mentor.
  - id: job
    type: choice
    fact: f-job
    prompt: What is Peggy's job?
    answer: Copywriter
    options: [Copywriter, Art director, Media buyer]
    difficulty: easy
    explain: She writes the words of the ads.
"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def leak_findings(path: Path) -> list[Finding]:
    report = lint_paths([path])
    assert report.problems == []
    return [finding for finding in report.findings if finding.rule == "answer-leak"]


def line_of(path: Path, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


def only_leak(tmp_path: Path, old: str, new: str) -> tuple[Path, Finding]:
    """Write PACK with `old` replaced by `new`; the one answer-leak finding it has."""
    path = write(tmp_path, PACK.replace(old, new))
    [finding] = leak_findings(path)
    return path, finding


def test_the_rule_is_registered_with_the_linter():
    assert RULES["answer-leak"].level == "warning"


def test_a_clean_pack_has_no_leak(tmp_path):
    assert leak_findings(write(tmp_path, PACK)) == []


def test_an_answer_in_another_prompt_fires_at_the_leaking_words(tmp_path):
    text = PACK.replace(
        "prompt: What is Peggy's job?", "prompt: What is the job Elisabeth Moss's Peggy has?"
    ).replace("explain: Her mentor.", "explain: Her mentor, who hired the copywriter.")
    path = write(tmp_path, text)
    findings = leak_findings(path)
    # "Moss's" is "mosss" to the answer checker, so only the explain's copywriter leaks.
    [finding] = findings
    line, col = line_of(path, "who hired the copywriter")
    assert (finding.line, finding.col) == (line, col + len("who hired the "))
    assert "'boss'" in finding.message and "'job'" in finding.message
    assert "explain" in finding.message


def test_a_prompt_naming_another_answer_is_found_with_case_and_accents_ignored(tmp_path):
    path, finding = only_leak(
        tmp_path,
        "prompt: What is Peggy's job?",
        "prompt: What did ÉLISABETH  moss's co-star DRAPER do?",
    )
    assert (finding.line, finding.col) == line_of(path, "DRAPER")
    assert "'boss'" in finding.message and "'draper'" in finding.message


def test_the_place_is_the_leaking_word_not_an_earlier_same_word(tmp_path):
    path, finding = only_leak(
        tmp_path,
        "explain: She writes the words of the ads.",
        "explain: Draperies aside, Draper's hires include Don Draper himself.",
    )
    line, _ = line_of(path, "Draperies aside")
    assert (finding.line, finding.col) == (line, line_of(path, "Don Draper himself")[1])


def test_a_hint_holding_its_own_answer_fires(tmp_path):
    path, finding = only_leak(
        tmp_path, "explain: Her mentor.", "explain: Her mentor.\n    hint: His surname is Draper."
    )
    assert (finding.line, finding.col) == line_of(path, "Draper.")
    assert "hint of 'boss' holds its own answer" in finding.message


def test_a_hint_that_narrows_does_not_fire(tmp_path):
    text = PACK.replace(
        "explain: Her mentor.", "explain: Her mentor.\n    hint: His initials are D. D."
    )
    assert leak_findings(write(tmp_path, text)) == []


def test_a_source_title_quoting_an_answer_fires_at_the_title(tmp_path):
    path, finding = only_leak(
        tmp_path, "title: An interview with the cast", "title: Working for Don Draper"
    )
    assert (finding.line, finding.col) == line_of(path, "Don Draper")
    assert "source 's1'" in finding.message and "'boss'" in finding.message


def test_questions_on_the_same_fact_are_not_compared(tmp_path):
    text = PACK.replace("fact: f-job", "fact: f-boss").replace(
        "explain: She writes the words of the ads.", "explain: Don Draper hired her."
    )
    assert leak_findings(write(tmp_path, text)) == []


def test_lint_ignore_on_either_question_silences_it(tmp_path):
    text = PACK.replace("explain: Her mentor.", "explain: Her mentor, boss of the copywriter.")
    path = write(tmp_path, text)
    assert len(leak_findings(path)) == 1
    silenced = text.replace(
        "    explain: She writes the words of the ads.\n",
        "    explain: She writes the words of the ads.\n    lint: {ignore: [answer-leak]}\n",
    )
    assert leak_findings(write(tmp_path, silenced, "silenced.yaml")) == []


def test_the_bundled_pack_has_no_leak():
    assert leak_findings(bundled_packs_dir() / "mad-men.yaml") == []


# --- which answers are looked for ------------------------------------------------------


def _text(answer: str, *accept: str) -> TextQuestion:
    return TextQuestion(
        id="q", fact="f", prompt="?", difficulty=Difficulty.EASY, answer=answer, accept=accept
    )


def test_short_numeric_and_common_word_answers_are_skipped():
    assert answer_forms(_text("Al", "2015", "None of the above", "The Other Woman")) == [
        ("other", "woman")
    ]
    truefalse = TrueFalseQuestion(
        id="q", fact="f", prompt="?", difficulty=Difficulty.EASY, answer=True
    )
    assert answer_forms(truefalse) == []


def test_a_number_is_looked_for_with_its_unit_only():
    def number(unit: str | None) -> NumberQuestion:
        return NumberQuestion(
            id="q", fact="f", prompt="?", difficulty=Difficulty.EASY, answer=16, unit=unit
        )

    assert answer_forms(number(None)) == []
    assert answer_forms(number("Emmys")) == [
        ("16", "emmys"),
        ("16", "emmy"),
        ("sixteen", "emmys"),
        ("sixteen", "emmy"),
    ]


def test_it_reads_a_big_pack_in_one_pass():
    """4,000 questions whose answers are all in one another's explains: found, and found
    without comparing every pair (the index makes this a fraction of a second)."""
    lines = [
        "pack: {id: big, title: Big}",
        "sources: [{id: s, title: S, publisher: P, date: '2024'}]",
        "facts:",
    ]
    count = 4000
    lines += [f"  - {{id: f{n}, source: s, statement: Fact {n}.}}" for n in range(count)]
    lines.append("questions:")
    for n in range(count):
        lines.append(
            f"  - {{id: q{n}, type: text, fact: f{n}, prompt: 'Name {n}?', answer: Name{n}x, "
            f"accept: [N{n}x], difficulty: easy, explain: 'Next is Name{(n + 1) % count}x.'}}"
        )
    loaded = load_text_with_positions("\n".join(lines) + "\n")
    leaks = find_leaks(loaded, "\n".join(lines))
    assert len(leaks) == count
    assert {leak.question for leak in leaks} == set(range(count))


# --- the shared normaliser -------------------------------------------------------------


def test_the_linter_normalises_exactly_as_the_answer_checker():
    assert checker_normalise is normalise_text


@given(st.text(alphabet="aZ0éÉßİ'’´&-_ .,\n"))
def test_word_starts_point_at_each_word(text):
    found, starts = words(text), word_starts(text)
    assert len(found) == len(starts)
    assert starts == sorted(starts)
    # (A character that folds into two words, such as "¼", would start two at once.)
    for start in starts:
        # From a word's start on, the text reads as the same words as the whole's tail.
        assert words(text[start:]) == found[starts.index(start) :]


# --- a bank's scale: shared and everyday answers ---------------------------------------


def _bank(answers: list[str], explains: list[str]) -> str:
    """A pack with one fact per question: question n answers `answers[n]`, explains
    `explains[n]`."""
    lines = [
        "pack: {id: bank, title: Bank}",
        "sources: [{id: s, title: S, publisher: P, date: '2024'}]",
        "facts:",
    ]
    lines += [f"  - {{id: f{n}, source: s, statement: Fact {n}.}}" for n in range(len(answers))]
    lines.append("questions:")
    for n, (answer, explain) in enumerate(zip(answers, explains, strict=True)):
        lines.append(
            f"  - {{id: q{n}, type: text, fact: f{n}, prompt: 'Question {n}?', "
            f"answer: {answer}, difficulty: easy, explain: '{explain}'}}"
        )
    return "\n".join(lines) + "\n"


def _bank_leaks(answers: list[str], explains: list[str]) -> list[Leak]:
    text = _bank(answers, explains)
    return find_leaks(load_text_with_positions(text), text)


def test_an_answer_many_questions_share_is_one_finding_per_text():
    """Five questions answer "Paris"; one explain prints it. One finding names the first
    question and counts the other four (a bank of everyday answers would otherwise list
    every owner at every text)."""
    answers = ["Paris"] * 5 + ["Lyon"]
    explains = ["Yes."] * 5 + ["Not Paris."]
    leaks = _bank_leaks(answers, explains)
    assert len(leaks) == 1
    [leak] = leaks
    assert leak.where == ("questions", 5, "explain")
    assert leak.question == 0
    assert "'q0' and of 4 other questions with that answer" in leak.message


def test_a_few_shared_owners_are_each_named():
    answers = ["Paris"] * 3 + ["Lyon"]
    explains = ["Yes."] * 3 + ["Not Paris."]
    leaks = _bank_leaks(answers, explains)
    assert sorted(leak.question for leak in leaks) == [0, 1, 2]
    assert all("other questions" not in leak.message for leak in leaks)


def test_an_answer_printed_in_many_texts_is_one_finding_at_the_first():
    """The answer "Rome" is printed in eight explains: one finding, at the first, counting them."""
    answers = ["Rome"] + [f"City{n}" for n in range(1, 9)]
    explains = ["Yes."] + [f"Not Rome, number {n}." for n in range(1, 9)]
    leaks = _bank_leaks(answers, explains)
    assert len(leaks) == 1
    [leak] = leaks
    assert leak.where == ("questions", 1, "explain")
    assert leak.question == 0
    assert "is printed in 8 texts, first in the explain of 'q1'" in leak.message
    assert "ignore" in leak.hint


def test_an_answer_in_few_texts_is_a_finding_at_each():
    answers = ["Rome"] + [f"City{n}" for n in range(1, 6)]
    explains = ["Yes."] + [f"Not Rome, number {n}." for n in range(1, 6)]
    leaks = _bank_leaks(answers, explains)
    assert [leak.where[1] for leak in leaks] == [1, 2, 3, 4, 5]


def test_an_answer_twice_in_one_text_counts_that_text_once():
    answers = ["Rome"] + [f"City{n}" for n in range(1, 9)]
    explains = ["Yes."] + [f"Not Rome, nor Rome, number {n}." for n in range(1, 9)]
    [leak] = _bank_leaks(answers, explains)
    assert "is printed in 8 texts" in leak.message


def test_a_question_that_ignores_the_rule_neither_hides_nor_counts_in_a_grouped_finding(
    tmp_path,
):
    """Five questions answer "Paris" and the first ignores answer-leak: the explain that
    prints it still gives away the other four, named from the first that does not."""
    answers = ["Paris"] * 5 + ["Lyon"]
    explains = ["Yes."] * 5 + ["Not Paris."]
    text = _bank(answers, explains).replace(
        "answer: Paris, difficulty: easy, explain: 'Yes.'}",
        "answer: Paris, difficulty: easy, explain: 'Yes.', lint: {ignore: [answer-leak]}}",
        1,
    )
    [finding] = leak_findings(write(tmp_path, text))
    assert "'q1' and of 3 other questions with that answer" in finding.message


def test_an_answer_widespread_past_ignored_texts_counts_only_the_others(tmp_path):
    """Seven explains print "Rome"; six of their questions ignore the rule. One text
    is left: one plain finding there, not a widespread one placed in a silenced text."""
    answers = ["Rome"] + [f"City{n}" for n in range(1, 8)]
    explains = ["Yes."] + [f"Not Rome, number {n}." for n in range(1, 8)]
    text = _bank(answers, explains)
    for n in range(1, 7):
        text = text.replace(
            f"explain: 'Not Rome, number {n}.'}}",
            f"explain: 'Not Rome, number {n}.', lint: {{ignore: [answer-leak]}}}}",
        )
    [finding] = leak_findings(write(tmp_path, text))
    assert "the explain of 'q7' gives away the answer of 'q0'" in finding.message


def test_a_hint_holding_its_own_shared_answer_is_its_own_finding():
    """q0's hint says "Paris", which q0 and four other questions answer: one finding for
    the hint solving its own question, one for the four it gives away."""
    answers = ["Paris"] * 5
    text = _bank(answers, ["Yes."] * 5).replace(
        "explain: 'Yes.'}", "explain: 'Yes.', hint: 'Think of Paris.'}", 1
    )
    leaks = find_leaks(load_text_with_positions(text), text)
    messages = sorted(leak.message for leak in leaks)
    assert messages == [
        "the hint of 'q0' gives away the answer of 'q1' and of 3 other questions with that "
        "answer ('paris')",
        "the hint of 'q0' holds its own answer ('paris')",
    ]


def test_a_hint_holding_its_answer_and_an_alternative_is_one_finding(tmp_path):
    path = write(
        tmp_path,
        PACK.replace(
            "    explain: Her mentor.\n",
            "    explain: Her mentor.\n    hint: Don Draper, or just Draper.\n",
        ),
    )
    [finding] = leak_findings(path)
    assert "holds its own answer" in finding.message
