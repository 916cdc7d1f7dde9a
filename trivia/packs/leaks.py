"""The `answer-leak` lint rule: an answer printed where a player reads it during a round.

A player reads a question's prompt, its hint (the hint lifeline), its `explain` and the
title of its source (both on the reveal). When one of those texts holds the answer of
another question, a round that asks both hands that answer over; when a question's hint
holds its own answer, the hint solves rather than narrows. `find_leaks` finds both.

What counts as the answer, and as "holding" it:

- Text is compared as the answer checker compares it (`trivia.packs.normalise`: case,
  accents, apostrophes and punctuation do not count, a leading article is dropped from
  the answer), and only whole words match: "Don" is found in "Peggy leaves Don", not in
  "Donna" nor in "Don's" (which the checker reads as "dons").
- A `choice` answer and a `text` answer with each of its `accept` alternatives are looked
  for. A `number` answer is looked for only with its unit ("16 Emmys", "16 Emmy", and
  "sixteen Emmys" for whole numbers up to twenty): a bare number in a text is too often a
  different count or year to be worth a warning. `truefalse` and `order` answers are never
  looked for (true/false is no word to find; an order is not one phrase).
- Trivially short answers are skipped, where matching would be noise: under 3 characters
  once normalised, only digits ("16", "2015"), or only common words ("none of the above").
- Two questions on the same fact are not compared: they answer each other by nature, and
  the question plan (`trivia.game.plan`) never puts them in one round while the round has
  other facts to draw. A source title is not held against a question when every question
  citing that source tests the question's own fact.

It scales with the size of the pack, not its square: the answers are indexed by their
first word, and each text is read once, word by word, looking up only the answers that
start with that word (a 200,000-question bank is one pass, not 40 billion pairs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from trivia.packs.model import AnyQuestion, ChoiceQuestion, NumberQuestion, Pack, TextQuestion
from trivia.packs.normalise import normalised_words, word_starts, words
from trivia.packs.problems import YamlPath

if TYPE_CHECKING:
    from trivia.packs.loader import LoadedPack

RULE_ID: Final = "answer-leak"

SUMMARY: Final = (
    "A question's answer (or an accepted alternative, compared as the answer checker "
    "compares) is printed in another question's prompt, hint or explain, or in a source's "
    "title; or a hint holds its own question's answer. A round that asks both hands the "
    "answer over. Short, numeric and common-word answers are not looked for, and questions "
    "on the same fact are not compared (a round keeps them apart)."
)
"""What `trivia lint --rules` says of the rule."""

_MIN_CHARS: Final = 3
# Word lists are easier to read as one string each.
_COMMON: Final = frozenset(
    "a an the and or nor not of in on at to for by with from as is it its be no yes none all "  # noqa: SIM905
    "both neither either true false above below other others this that these those".split()
)
_NUMBER_WORDS: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "  # noqa: SIM905
    "fifteen sixteen seventeen eighteen nineteen twenty".split()
)
_FIELDS: Final = ("prompt", "hint", "explain")
_WORD_SPELLING: Final = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Leak:
    """One text that gives an answer away.

    Attributes:
        where: The YAML path of the text, e.g. `("questions", 3, "hint")` or
            `("sources", 0, "title")`.
        line: 1-based line where the leaking words start.
        col: 1-based column where they start.
        question: The index of the question whose answer leaks.
        questions: The indexes of the questions involved (the one whose answer leaks, and
            the one the text belongs to, if any), for their `lint.ignore` lists.
        message: What leaks, and where to.
        hint: What to do about it.
    """

    where: YamlPath
    line: int
    col: int
    question: int
    questions: tuple[int, ...]
    message: str
    hint: str


def answer_forms(question: AnyQuestion) -> list[tuple[str, ...]]:
    """The answers of a question worth looking for in other texts, as normalised words.

    See the module's docstring for what is skipped and why.
    """
    if isinstance(question, ChoiceQuestion):
        texts: Sequence[str] = (question.answer,)
    elif isinstance(question, TextQuestion):
        texts = (question.answer, *question.accept)
    elif isinstance(question, NumberQuestion) and question.unit:
        texts = _with_unit(question.answer, question.unit)
    else:
        return []
    forms: list[tuple[str, ...]] = []
    for text in texts:
        form = tuple(normalised_words(text))
        if _worth_matching(form) and form not in forms:
            forms.append(form)
    return forms


def _with_unit(number: float, unit: str) -> list[str]:
    """A number answer as a text may write it: "16 Emmys", "16 Emmy", "sixteen Emmys"."""
    numbers = [f"{number:g}"]
    if float(number).is_integer() and 0 <= number < len(_NUMBER_WORDS):
        numbers.append(_NUMBER_WORDS[int(number)])
    units = [unit]
    if len(unit) > 3 and unit.endswith("s"):
        units.append(unit[:-1])  # "16 Emmy wins" names the same 16
    return [f"{n} {u}" for n in numbers for u in units]


def _worth_matching(form: tuple[str, ...]) -> bool:
    if len(" ".join(form)) < _MIN_CHARS:
        return False
    if all(word.isdigit() for word in form):
        return False
    return not all(word in _COMMON for word in form)


class _AnswerIndex:
    """Every answer form of a pack, by its first word, then by its length in words."""

    def __init__(self, questions: Sequence[AnyQuestion]) -> None:
        self._by_first: dict[str, dict[int, dict[tuple[str, ...], list[int]]]] = {}
        for index, question in enumerate(questions):
            for form in answer_forms(question):
                lengths = self._by_first.setdefault(form[0], {})
                lengths.setdefault(len(form), {}).setdefault(form, []).append(index)

    def found_in(self, text: str) -> Iterator[tuple[int, tuple[str, ...], list[int]]]:
        """(word position, form, owning questions) for each answer form in `text`."""
        found = words(text)
        by_first = self._by_first
        if by_first.keys().isdisjoint(found):
            return  # most texts: a set check in C instead of a lookup per word
        for position, word in enumerate(found):
            lengths = by_first.get(word)
            if lengths is None:
                continue
            for length, forms in lengths.items():
                form = tuple(found[position : position + length])
                owners = forms.get(form)
                if owners is not None:
                    yield position, form, owners


class _Places:
    """Line and column of a word inside a text value, read from the pack's file."""

    def __init__(self, loaded: LoadedPack, text: str | None) -> None:
        self._positions = loaded.positions
        self._path = loaded.pack.path
        self._text = text
        self._lines: list[str] | None = None

    def _file_lines(self) -> list[str]:
        if self._lines is None:
            text = self._text
            if text is None and self._path is not None:
                try:
                    text = self._path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = ""
            self._lines = (text or "").splitlines()
        return self._lines

    def of(self, where: YamlPath, value: str, position: int) -> tuple[int, int]:
        """Where word `position` of `value` (the text at `where`) is written in the file.

        Looks for the word's own spelling from the value's start, skipping as many earlier
        occurrences as the value has before it; falls back to the value's start when the
        file writes it differently (an escape, a word broken across lines).
        """
        line, col = self._positions.at(where)
        start = word_starts(value)[position]
        spelled = _WORD_SPELLING.match(value, start)
        if spelled is None:
            return line, col
        pattern = re.compile(rf"(?<![^\W_]){re.escape(spelled.group())}(?![^\W_])")
        skip = len(pattern.findall(value, 0, start))
        lines = self._file_lines()
        for number in range(line - 1, min(len(lines), line + 200)):
            offset = col - 1 if number == line - 1 else 0
            for match in pattern.finditer(lines[number], offset):
                if skip == 0:
                    return number + 1, match.start() + 1
                skip -= 1
        return line, col


def find_leaks(loaded: LoadedPack, text: str | None = None) -> list[Leak]:
    """Every `answer-leak` in one pack, in file order.

    Args:
        loaded: The pack and where its values are written.
        text: The pack's YAML, for exact columns; None reads it from `pack.path` (only
            when something is found).

    Returns:
        The leaks, one per text and leaked question.
    """
    pack = loaded.pack
    questions = pack.questions
    index = _AnswerIndex(questions)
    places = _Places(loaded, text)
    leaks: list[Leak] = []
    for number, question in enumerate(questions):
        for field in _FIELDS:
            value = getattr(question, field)
            if not value:
                continue
            where: YamlPath = ("questions", number, field)
            seen: set[int] = set()
            for position, form, owners in index.found_in(value):
                for owner in owners:
                    if owner in seen or not _leaks_to(questions, number, field, owner):
                        continue
                    seen.add(owner)
                    line, col = places.of(where, value, position)
                    leaks.append(_leak(questions, where, line, col, owner, number, field, form))
    leaks.extend(_title_leaks(pack, index, places))
    return sorted(leaks, key=lambda leak: (leak.line, leak.col, leak.question))


def _leaks_to(questions: Sequence[AnyQuestion], reader: int, field: str, owner: int) -> bool:
    """Whether question `reader`'s `field` holding `owner`'s answer is a leak."""
    if owner == reader:
        return field == "hint"  # its own prompt may name it; its explain is after the answer
    return questions[owner].fact != questions[reader].fact


def _leak(
    questions: Sequence[AnyQuestion],
    where: YamlPath,
    line: int,
    col: int,
    owner: int,
    reader: int,
    field: str,
    form: tuple[str, ...],
) -> Leak:
    said = " ".join(form)
    owner_id, reader_id = questions[owner].id, questions[reader].id
    if owner == reader:
        message = f"the hint of {owner_id!r} holds its own answer ({said!r})"
        hint = "a hint should narrow the answer down, not say it"
    else:
        message = f"the {field} of {reader_id!r} gives away the answer of {owner_id!r} ({said!r})"
        hint = f"reword the {field}, or the answer of {owner_id!r} is handed to the player"
    return Leak(where, line, col, owner, tuple(sorted({owner, reader})), message, hint)


def _title_leaks(pack: Pack, index: _AnswerIndex, places: _Places) -> list[Leak]:
    questions = pack.questions
    facts_citing = _facts_citing(pack)
    leaks = []
    for number, source in enumerate(pack.sources.values()):
        where: YamlPath = ("sources", number, "title")
        seen: set[int] = set()
        cited_for = facts_citing.get(source.id, set())
        for position, form, owners in index.found_in(source.title):
            for owner in owners:
                if owner in seen or cited_for <= {questions[owner].fact}:
                    continue
                seen.add(owner)
                line, col = places.of(where, source.title, position)
                message = (
                    f"the title of source {source.id!r} gives away the answer of "
                    f"{questions[owner].id!r} ({' '.join(form)!r})"
                )
                hint = "the reveal shows the title: give the source a neutral title"
                leaks.append(Leak(where, line, col, owner, (owner,), message, hint))
    return leaks


def _facts_citing(pack: Pack) -> Mapping[str, set[str]]:
    """For each source, the facts of the pack's questions that cite it."""
    citing: dict[str, set[str]] = {}
    for question in pack.questions:
        fact = pack.facts.get(question.fact)
        if fact is not None:
            citing.setdefault(fact.source, set()).add(fact.id)
    return citing
