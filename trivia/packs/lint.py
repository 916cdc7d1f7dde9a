"""Quality checks for valid packs: duplicates, weak distractors, untested facts, balance.

`trivia validate` says whether a pack can be played at all; the linter says whether it plays
well. Each finding names its rule, its level and its place (`path:line:col`), so an editor
can jump to it. Only error-level findings (a question asked twice, an option shown twice)
make `trivia lint` fail; warnings are advice.

A rule that does not fit somewhere is silenced there, in the pack itself, with
`lint: {ignore: [rule-id, ...]}` on a question or a fact, or under `pack:` for the whole
file. The game never reads `lint:`. The rules and their thresholds are in `RULES` and
`LintLimits`; `docs/authoring.md` is the prose.

Near-duplicate prompts are found across every pack linted together with rapidfuzz, by
`trivia.packs.similar` (every pair of similar length for a few thousand prompts, pairs
sharing rare words for more).

A rule left out with `ignore` (`trivia lint --ignore`) is not run at all, so leaving out
`similar-prompt` leaves out its work too.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from trivia.packs import leaks
from trivia.packs.model import AnyQuestion, ChoiceQuestion, Difficulty, OrderQuestion, TextQuestion
from trivia.packs.problems import PackError, Problem, YamlPath
from trivia.packs.similar import similar_pairs

if TYPE_CHECKING:
    from trivia.packs.loader import LoadedPack, StrPath


class Level(StrEnum):
    """How much a finding matters: an error fails `trivia lint`, a warning does not."""

    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class LintLimits:
    """The thresholds of the rules that measure something.

    Attributes:
        prompt_chars: A longer prompt is `long-prompt`.
        option_chars: A longer option (or order item) is `long-option`.
        uneven_ratio: `uneven-options` when the longest option is more than this many
            times as long as the shortest...
        uneven_gap: ...and more than this many characters longer.
        similar_score: `similar-prompt` from this token-sort similarity (0-100) up.
        mix_min_questions: `difficulty-mix` looks only at packs with this many questions.
        mix_low: A level with a smaller share of the questions is `difficulty-mix`...
        mix_high: ...and so is one with a larger share.
    """

    prompt_chars: int = 120
    option_chars: int = 75
    uneven_ratio: float = 3.0
    uneven_gap: int = 20
    similar_score: float = 90.0
    mix_min_questions: int = 10
    mix_low: float = 0.15
    mix_high: float = 0.60


DEFAULT_LIMITS: Final = LintLimits()


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule.

    Attributes:
        id: What findings, `lint.ignore` and `--ignore` call it.
        level: How much its findings matter.
        summary: What it looks for, and why that matters to players.
    """

    id: str
    level: Level
    summary: str


def _rules(limits: LintLimits) -> dict[str, Rule]:
    error, warning = Level.ERROR, Level.WARNING
    rules = (
        Rule(
            "duplicate-prompt",
            error,
            "Two questions have the same prompt (ignoring case, spacing and punctuation), "
            "in one pack or across the packs linted together: players get asked twice.",
        ),
        Rule(
            "duplicate-option",
            error,
            "Two options of a choice question, or two items of an order question, differ "
            "only in case or spacing: players see the same answer twice.",
        ),
        Rule(
            "similar-prompt",
            warning,
            f"Two prompts are nearly the same (token-sort similarity of "
            f"{limits.similar_score:g} or more out of 100): probably one question written "
            "twice.",
        ),
        Rule(
            "uneven-options",
            warning,
            f"The longest option of a choice question is over {limits.uneven_ratio:g} "
            f"times as long as the shortest and over {limits.uneven_gap} characters "
            "longer: the odd one out gives the answer away.",
        ),
        Rule(
            "long-prompt",
            warning,
            f"A prompt over {limits.prompt_chars} characters: hard to read against the "
            "clock; move background to `explain`.",
        ),
        Rule(
            "long-option",
            warning,
            f"An option or order item over {limits.option_chars} characters: it wraps on "
            "small screens and is slow to compare.",
        ),
        Rule(
            "no-accept",
            warning,
            "A text question with no `accept` alternatives: a player who writes a surname, "
            "a nickname or another spelling is marked wrong.",
        ),
        Rule(
            "no-explain",
            warning,
            "A question without `explain`: the reveal has nothing to tell the player.",
        ),
        Rule("unused-fact", warning, "A fact that no question tests."),
        Rule(leaks.RULE_ID, warning, leaks.SUMMARY),
        Rule(
            "difficulty-mix",
            warning,
            f"In a pack of {limits.mix_min_questions} or more questions, a difficulty level "
            f"has under {limits.mix_low:.0%} or over {limits.mix_high:.0%} of the "
            "questions. Reported once, at the pack's `questions:` key.",
        ),
        Rule(
            "unknown-rule",
            warning,
            "`lint.ignore` names a rule that does not exist, so it silences nothing.",
        ),
    )
    return {rule.id: rule for rule in rules}


RULES: Final[dict[str, Rule]] = _rules(DEFAULT_LIMITS)
"""Every rule by id, in the order `trivia lint --rules` lists them."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the linter found, and where.

    Attributes:
        path: The pack file, as given.
        line: 1-based line.
        col: 1-based column.
        rule: The rule's id (what `lint.ignore` takes).
        level: Error or warning.
        message: What is wrong, in the author's terms.
        hint: What to do about it.
    """

    path: str
    line: int
    col: int
    rule: str
    level: Level
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return f"{text} [{self.rule}]"


@dataclass(slots=True)
class LintReport:
    """Everything one lint run found.

    Attributes:
        findings: Sorted by file, line and column.
        problems: The validation problems of the files that are not valid packs (those
            files are not linted).
        files: How many files were given.
        questions: How many questions the valid packs hold together.
    """

    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    questions: int = 0

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for finding in self.findings if finding.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(1 for finding in self.findings if finding.level is Level.WARNING)

    @property
    def invalid_files(self) -> int:
        """How many of the files are not valid packs."""
        return len({problem.path for problem in self.problems})

    def failed(self, strict: bool = False) -> bool:
        """Whether the run fails: an invalid pack or an error (or, if strict, any finding)."""
        if self.problems or self.errors:
            return True
        return strict and bool(self.findings)


# --- one pack --------------------------------------------------------------------------


@dataclass(slots=True)
class _Subject:
    """A loaded pack and what its `lint.ignore` lists silence."""

    name: str
    loaded: LoadedPack
    ignored_in_file: frozenset[str]
    ignored_by_question: list[frozenset[str]]
    ignored_by_fact: list[frozenset[str]]
    ignore_entries: list[tuple[str, YamlPath]]
    """Every rule id written in a `lint.ignore`, with its place."""


def _ignore_list(loaded: LoadedPack, where: YamlPath) -> list[tuple[str, YamlPath]]:
    """The rule ids of `lint.ignore` under `where`, each with its own path."""
    positions = loaded.positions
    if positions.key_text_at((*where, "lint")) is None:
        return []
    items = []
    base = (*where, "lint", "ignore")
    index = 0
    while (text := positions.text_at((*base, index))) is not None:
        items.append((text, (*base, index)))
        index += 1
    return items


class _Collector:
    """Gathers findings, dropping those the pack or the command line silences."""

    def __init__(self, limits: LintLimits, ignore: frozenset[str]) -> None:
        self.limits = limits
        self.rules = _rules(limits)
        self.ignore = ignore
        self.findings: list[Finding] = []

    def add(
        self,
        subject: _Subject,
        rule: str,
        where: YamlPath,
        message: str,
        hint: str | None = None,
        *,
        at_key: bool = False,
        silenced_by: Iterable[frozenset[str]] = (),
        at: tuple[int, int] | None = None,
    ) -> None:
        if rule in self.ignore or rule in subject.ignored_in_file:
            return
        if any(rule in ignored for ignored in silenced_by):
            return
        positions = subject.loaded.positions
        line, col = at or (positions.key_at(where) if at_key else positions.at(where))
        level = self.rules[rule].level
        self.findings.append(Finding(subject.name, line, col, rule, level, message, hint))


def _load(
    path: StrPath, progress: LintProgress | None = None
) -> tuple[_Subject | None, list[Problem]]:
    from trivia.packs.stream import load_with_positions

    name = os.fspath(path)
    reading = None
    if progress is not None:
        what = f"reading {os.path.basename(name)}"
        reading = lambda done, total: progress(what, done, total)  # noqa: E731
    try:
        loaded = load_with_positions(path, reading)
    except PackError as error:
        return None, error.problems
    pack = loaded.pack
    entries: list[tuple[str, YamlPath]] = []

    def ignored_at(where: YamlPath) -> frozenset[str]:
        found = _ignore_list(loaded, where)
        entries.extend(found)
        return frozenset(rule for rule, _ in found)

    subject = _Subject(
        name=name,
        loaded=loaded,
        ignored_in_file=ignored_at(("pack",)),
        ignored_by_question=[ignored_at(("questions", i)) for i in range(len(pack.questions))],
        ignored_by_fact=[ignored_at(("facts", i)) for i in range(len(pack.facts))],
        ignore_entries=entries,
    )
    return subject, []


def _same_text(text: str) -> str:
    """Text as compared for "the same option": case and spacing do not count."""
    return " ".join(text.casefold().split())


def _check_unknown_rules(out: _Collector, subject: _Subject) -> None:
    known = list(out.rules)
    for rule, where in subject.ignore_entries:
        if rule in out.rules:
            continue
        close = difflib.get_close_matches(rule, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else "`trivia lint --rules` lists them"
        out.add(subject, "unknown-rule", where, f"no lint rule is called {rule!r}", hint)


def _check_items(
    out: _Collector,
    subject: _Subject,
    where: YamlPath,
    items: Sequence[str],
    noun: str,
    answer: str | None,
    ignored: frozenset[str],
) -> None:
    """`duplicate-option` and `long-option` for the options (or order items) at `where`."""
    first: dict[str, int] = {}
    limit = out.limits.option_chars
    for index, item in enumerate(items):
        key = _same_text(item)
        if key in first:
            earlier = first[key]
            also = " (the answer)" if answer is not None and items[earlier] == answer else ""
            out.add(
                subject,
                "duplicate-option",
                (*where, index),
                f"{noun} {index + 1} {item!r} is {noun} {earlier + 1} {items[earlier]!r}{also} "
                "again, apart from case or spacing",
                f"players would see the same {noun} twice: change or remove one",
                silenced_by=(ignored,),
            )
        else:
            first[key] = index
        if len(item) > limit:
            out.add(
                subject,
                "long-option",
                (*where, index),
                f"{noun} {index + 1} is {len(item)} characters long; keep {noun}s to {limit}",
                "shorten it, and say the rest in `explain`",
                silenced_by=(ignored,),
            )


def _check_question(out: _Collector, subject: _Subject, index: int, question: AnyQuestion) -> None:
    limits = out.limits
    ignored = subject.ignored_by_question[index]
    here = ("questions", index)
    if len(question.prompt) > limits.prompt_chars:
        out.add(
            subject,
            "long-prompt",
            (*here, "prompt"),
            f"the prompt is {len(question.prompt)} characters long; "
            f"keep prompts to {limits.prompt_chars}",
            "players read it against the clock: shorten it, and move background to `explain`",
            silenced_by=(ignored,),
        )
    if isinstance(question, ChoiceQuestion):
        options = question.options
        _check_items(out, subject, (*here, "options"), options, "option", question.answer, ignored)
        shortest = min(len(option) for option in options)
        longest = max(len(option) for option in options)
        if longest > limits.uneven_ratio * shortest and longest - shortest > limits.uneven_gap:
            out.add(
                subject,
                "uneven-options",
                (*here, "options"),
                f"the options run from {shortest} to {longest} characters",
                "the odd one out gives the answer away: make the options alike in length",
                silenced_by=(ignored,),
            )
    elif isinstance(question, OrderQuestion):
        _check_items(out, subject, (*here, "answer"), question.answer, "item", None, ignored)
    elif isinstance(question, TextQuestion) and not question.accept:
        out.add(
            subject,
            "no-accept",
            (*here, "answer"),
            f"text question {question.id!r} has no `accept` alternatives",
            "add the other answers that should count: a surname, a nickname, another spelling",
            silenced_by=(ignored,),
        )
    if not question.explain:
        out.add(
            subject,
            "no-explain",
            here,
            f"question {question.id!r} has no `explain`",
            "tell the player something at the reveal: the context, a detail they will enjoy",
            silenced_by=(ignored,),
        )


def _check_facts(out: _Collector, subject: _Subject) -> None:
    pack = subject.loaded.pack
    tested = {question.fact for question in pack.questions}
    for index, fact in enumerate(pack.facts.values()):
        if fact.id not in tested:
            out.add(
                subject,
                "unused-fact",
                ("facts", index),
                f"fact {fact.id!r} is not tested by any question",
                "write a question for it, or remove it",
                silenced_by=(subject.ignored_by_fact[index],),
            )


def _check_mix(out: _Collector, subject: _Subject) -> None:
    limits = out.limits
    questions = subject.loaded.pack.questions
    total = len(questions)
    if total < limits.mix_min_questions:
        return
    counts = Counter(question.difficulty for question in questions)
    shares = {level: counts.get(level, 0) / total for level in Difficulty}
    if all(limits.mix_low <= share <= limits.mix_high for share in shares.values()):
        return
    mix = ", ".join(
        f"{level} {counts.get(level, 0)} ({share:.0%})" for level, share in shares.items()
    )
    out.add(
        subject,
        "difficulty-mix",
        ("questions",),
        f"the difficulty mix is unbalanced: {mix}",
        f"aim for each level between {limits.mix_low:.0%} and {limits.mix_high:.0%} "
        "of the questions",
        at_key=True,
    )


def _check_leaks(out: _Collector, subject: _Subject) -> None:
    """`answer-leak`, found by `trivia.packs.leaks` (one pack at a time: a round's pack)."""
    if leaks.RULE_ID in out.ignore or leaks.RULE_ID in subject.ignored_in_file:
        return
    ignoring = {
        number
        for number, ignored in enumerate(subject.ignored_by_question)
        if leaks.RULE_ID in ignored
    }
    for leak in leaks.find_leaks(subject.loaded, ignoring=ignoring):
        silenced = [subject.ignored_by_question[number] for number in leak.questions]
        at = (leak.line, leak.col)
        out.add(
            subject, leaks.RULE_ID, leak.where, leak.message, leak.hint, silenced_by=silenced, at=at
        )


# --- across packs: duplicate and similar prompts ---------------------------------------

_NOT_WORD: Final = re.compile(r"[\W_]+")


def _prompt_key(prompt: str) -> str:
    """A prompt as compared for "the same question": words only, lowercase."""
    return " ".join(_NOT_WORD.sub(" ", prompt.casefold()).split())


@dataclass(frozen=True, slots=True)
class _Asked:
    """One question, for comparing prompts across packs."""

    subject: _Subject
    index: int

    @property
    def question(self) -> AnyQuestion:
        return self.subject.loaded.pack.questions[self.index]

    @property
    def ignored(self) -> frozenset[str]:
        return self.subject.ignored_by_question[self.index]

    def place(self) -> str:
        line, col = self.subject.loaded.positions.at(("questions", self.index))
        return f"{self.subject.name}:{line}:{col}"


_DIGIT: Final = re.compile(r"\d")


def _numbers(key: str) -> frozenset[str]:
    """The words of a prompt key that hold a digit ("5", "1960s", "s05e11")."""
    if _DIGIT.search(key) is None:  # most prompts: no need to look at each word
        return frozenset()
    return frozenset(word for word in key.split() if _DIGIT.search(word))


def _check_prompts(out: _Collector, subjects: Sequence[_Subject]) -> None:
    exact, similar = ("duplicate-prompt", "similar-prompt")
    if exact in out.ignore and similar in out.ignore:
        return
    asked = [_Asked(s, i) for s in subjects for i in range(len(s.loaded.pack.questions))]
    groups: dict[str, list[_Asked]] = {}
    for entry in asked:
        key = _prompt_key(entry.question.prompt)
        if key:
            groups.setdefault(key, []).append(entry)
    # Exact repeats: each one after the first is an error, pointing at the first.
    for members in groups.values() if exact not in out.ignore else ():
        first = members[0]
        for repeat in members[1:]:
            out.add(
                repeat.subject,
                "duplicate-prompt",
                ("questions", repeat.index, "prompt"),
                f"question {repeat.question.id!r} asks the same as "
                f"{first.question.id!r} at {first.place()}",
                "remove one, or reword it to ask something else",
                silenced_by=(repeat.ignored, first.ignored),
            )
    if similar in out.ignore:
        return
    # Near repeats, between the first of each group: words sorted, so word order and
    # punctuation do not hide a repeat (rapidfuzz's token-sort ratio).
    firsts = [members[0] for members in groups.values()]
    sorted_words = [" ".join(sorted(key.split())) for key in groups]
    # Only prompts holding the same numbers are compared: "Season 4" and "Season 5" are a
    # template asked of two things, not a repeat.
    numbers = [_numbers(key) for key in sorted_words]
    for a, b, score in similar_pairs(sorted_words, out.limits.similar_score, numbers):
        earlier, later = sorted((firsts[a], firsts[b]), key=_asked_order(subjects))
        out.add(
            later.subject,
            "similar-prompt",
            ("questions", later.index, "prompt"),
            f"question {later.question.id!r} is {score:.0f}% like "
            f"{earlier.question.id!r} at {earlier.place()}",
            "if they ask the same thing, keep one; if not, word them apart",
            silenced_by=(later.ignored, earlier.ignored),
        )


def _asked_order(subjects: Sequence[_Subject]) -> Callable[[_Asked], tuple[int, int]]:
    """A sort key putting questions in the order the packs were given, then the file's."""
    rank = {id(subject): number for number, subject in enumerate(subjects)}
    return lambda entry: (rank[id(entry.subject)], entry.index)


# --- the whole run ---------------------------------------------------------------------


LintProgress = Callable[[str, int, int], object]
"""Told `(what, done, total)` as a run goes: "reading FILE" in bytes, "checking questions"
and "comparing prompts" in questions; for a progress bar (the CLI draws it)."""

_PROGRESS_EVERY: Final = 5000
"""Questions between progress reports."""


def lint_paths(
    paths: Iterable[StrPath],
    *,
    limits: LintLimits = DEFAULT_LIMITS,
    ignore: Iterable[str] = (),
    progress: LintProgress | None = None,
) -> LintReport:
    """Lint pack files together (duplicates are looked for across all of them).

    Args:
        paths: Pack files.
        limits: The rules' thresholds.
        ignore: Rule ids not to report anywhere (`trivia lint --ignore`); their checks
            are not run.
        progress: Told how far the run has got (`LintProgress`).

    Returns:
        The report; files that are not valid packs are not linted, and their validation
        problems are in `problems`.

    Raises:
        ValueError: If `ignore` names a rule that does not exist.
    """
    ignored = frozenset(ignore)
    unknown = sorted(ignored - RULES.keys())
    if unknown:
        raise ValueError(f"no lint rule is called {', '.join(map(repr, unknown))}")
    out = _Collector(limits, ignored)
    report = LintReport()
    subjects: list[_Subject] = []
    report_progress = progress or (lambda *_: None)
    for path in paths:
        report.files += 1
        subject, problems = _load(path, progress)
        report.problems.extend(problems)
        if subject is not None:
            subjects.append(subject)
    total = sum(len(subject.loaded.pack.questions) for subject in subjects)
    done = 0
    for subject in subjects:
        report.questions += len(subject.loaded.pack.questions)
        _check_unknown_rules(out, subject)
        for index, question in enumerate(subject.loaded.pack.questions):
            _check_question(out, subject, index, question)
            done += 1
            if done % _PROGRESS_EVERY == 0:
                report_progress("checking questions", done, total)
        _check_facts(out, subject)
        _check_mix(out, subject)
        _check_leaks(out, subject)
    report_progress("checking questions", total, total)
    report_progress("comparing prompts", 0, total)
    _check_prompts(out, subjects)
    report_progress("comparing prompts", total, total)
    report.findings = sorted(out.findings, key=lambda f: (f.path, f.line, f.col, f.rule))
    return report
