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

What is reported: one finding per text and question given away; an answer more than
`_OWNERS_NAMED` questions share is one finding per text, naming the first owner and
counting the rest; an answer found in more than `_PLACES_SHOWN` texts is one finding, at
the first text, counting them (a bank of everyday answers gets a finding per such answer,
not one per pair: a 40,000-clue bank had 955,545 findings before this grouping).

It scales with the size of the pack, not its square: the answers are indexed by their
first word, and each text is read once, word by word, looking up only the answers that
start with that word (a 200,000-question bank is one pass, not 40 billion pairs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
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


class _Owners:
    """The questions that have one answer form, and how many of them test each fact.

    Most forms have one owner or a few, which are looped over; the fact counts and the
    member set are built only for a form many questions share (a bank's "Paris").
    """

    __slots__ = ("indexes", "_facts", "_members")

    _LOOPED: Final = 8

    def __init__(self) -> None:
        self.indexes: list[int] = []
        self._facts: Counter[str] | None = None
        self._members: frozenset[int] | None = None

    def add(self, index: int) -> None:
        self.indexes.append(index)

    def on_fact(self, questions: Sequence[AnyQuestion], fact: str) -> int:
        """How many of the owners test `fact`."""
        if len(self.indexes) <= self._LOOPED:
            return sum(questions[index].fact == fact for index in self.indexes)
        if self._facts is None:
            self._facts = Counter(questions[index].fact for index in self.indexes)
        return self._facts[fact]

    def __contains__(self, index: int) -> bool:
        if len(self.indexes) <= self._LOOPED:
            return index in self.indexes
        if self._members is None:
            self._members = frozenset(self.indexes)
        return index in self._members


class _AnswerIndex:
    """Every answer form of a pack, by its first word, then by its length in words."""

    def __init__(self, questions: Sequence[AnyQuestion], ignoring: Collection[int] = ()) -> None:
        self._by_first: dict[str, dict[int, dict[tuple[str, ...], _Owners]]] = {}
        for index, question in enumerate(questions):
            if index in ignoring:
                continue  # its answer is not looked for
            for form in answer_forms(question):
                lengths = self._by_first.setdefault(form[0], {})
                forms = lengths.setdefault(len(form), {})
                owners = forms.get(form)
                if owners is None:
                    owners = forms[form] = _Owners()
                owners.add(index)

    def found_in(self, text: str) -> Iterator[tuple[int, tuple[str, ...], _Owners]]:
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


@dataclass(frozen=True, slots=True)
class _Reader:
    """A text a player reads: a question's prompt, hint or explain, or a source's title."""

    where: YamlPath
    value: str
    question: int | None
    """The question the text belongs to; None for a source's title."""
    source: str = ""
    """For a source's title: the source's id."""
    cited_for: frozenset[str] = frozenset()
    """For a source's title: the facts of the questions that cite the source."""

    @property
    def field(self) -> str:
        return str(self.where[-1])


@dataclass(frozen=True, slots=True)
class _Hit:
    """An answer form found in one text: where, and the questions it gives away."""

    reader: _Reader
    position: int
    owners: tuple[int, ...]
    """The leaking owners named (all of them, or the first when there are many)."""
    count: int
    """How many questions it gives away."""


def find_leaks(
    loaded: LoadedPack, text: str | None = None, ignoring: Collection[int] = ()
) -> list[Leak]:
    """Every `answer-leak` in one pack, in file order.

    One finding per text and question given away; but an answer many questions share
    (more than `_OWNERS_NAMED`) is one finding per text, naming the first and counting the
    rest, and an answer found in more texts than `_PLACES_SHOWN` is one finding, at its
    first place, counting the others. A 200,000-question bank whose answers are everyday
    words gets a finding per such word, not millions.

    Args:
        loaded: The pack and where its values are written.
        text: The pack's YAML, for exact columns; None reads it from `pack.path` (only
            when something is found).
        ignoring: The questions that ignore the rule (`lint: {ignore: [answer-leak]}`):
            their answers are not looked for and their texts are not read, so a grouped
            or widespread finding names and counts only the questions that do not.

    Returns:
        The leaks, in file order.
    """
    questions = loaded.pack.questions
    index = _AnswerIndex(questions, ignoring)
    hits: dict[tuple[str, ...], list[_Hit]] = {}
    texts: Counter[tuple[str, ...]] = Counter()
    own_hints: list[tuple[tuple[str, ...], _Hit]] = []
    for reader in _readers(loaded.pack):
        if reader.question is not None and reader.question in ignoring:
            continue
        named: set[int] = set()
        read: set[tuple[str, ...]] = set()
        own = reader.question if reader.field == "hint" else None
        for position, form, owners in index.found_in(reader.value):
            if form in read:
                continue  # the same answer twice in one text is one leak
            read.add(form)
            if own is not None and own in owners:
                # Always its own finding (once, if the hint holds an alternative too): a
                # hint that solves is never folded into a count.
                own_hints.append((form, _Hit(reader, position, (own,), 1)))
                own = None
            if texts[form] > _PLACES_SHOWN:
                # Widespread already: only the count of texts is reported, not who leaks.
                texts[form] += _leak_count(questions, reader, owners) > 0
                continue
            hit = _hit(questions, reader, position, owners, named)
            if hit is None:
                continue
            texts[form] += 1
            kept = hits.setdefault(form, [])
            if len(kept) <= _PLACES_SHOWN:
                kept.append(hit)
    places = _Places(loaded, text)
    leaks: list[Leak] = []
    for form, hit in own_hints:
        leaks.extend(_leaks_of(questions, places, form, hit))
    for form, kept in hits.items():
        if texts[form] > _PLACES_SHOWN:
            leaks.append(_widespread(questions, places, form, kept[0], texts[form]))
        else:
            for hit in kept:
                leaks.extend(_leaks_of(questions, places, form, hit))
    return sorted(leaks, key=lambda leak: (leak.line, leak.col, leak.question))


_PLACES_SHOWN: Final = 5
"""An answer found in more texts than this is one finding, with the count of texts."""
_OWNERS_NAMED: Final = 3
"""A text holding an answer more questions share than this names the first, counts the rest."""


def _readers(pack: Pack) -> Iterator[_Reader]:
    for number, question in enumerate(pack.questions):
        for field in _FIELDS:
            value = getattr(question, field)
            if value:
                yield _Reader(("questions", number, field), value, number)
    facts_citing = _facts_citing(pack)
    for number, source in enumerate(pack.sources.values()):
        cited_for = frozenset(facts_citing.get(source.id, ()))
        yield _Reader(("sources", number, "title"), source.title, None, source.id, cited_for)


def _hit(
    questions: Sequence[AnyQuestion],
    reader: _Reader,
    position: int,
    owners: _Owners,
    named: set[int],
) -> _Hit | None:
    """The questions `owners`' answer gives away in `reader`, if any.

    `named` holds the questions already given away by this text (an answer and its
    accepted alternative found in one text are one leak); it is updated.
    """
    count = _leak_count(questions, reader, owners)
    if count == 0:
        return None
    leaking = []
    for owner in owners.indexes:
        if _leaks_to(questions, reader, owner):
            leaking.append(owner)
            if len(leaking) > _OWNERS_NAMED:
                break
    if count > _OWNERS_NAMED:
        return _Hit(reader, position, (leaking[0],), count)
    fresh = tuple(owner for owner in leaking if owner not in named)
    named.update(fresh)
    return _Hit(reader, position, fresh, len(fresh)) if fresh else None


def _leak_count(questions: Sequence[AnyQuestion], reader: _Reader, owners: _Owners) -> int:
    """How many of `owners` the text gives away (counted, not looped, for common answers)."""
    total = len(owners.indexes)
    if reader.question is None:
        cited = reader.cited_for
        if len(cited) != 1:
            return total if cited else 0
        (only,) = cited
        return total - owners.on_fact(questions, only)
    # Its own question (same fact) is not counted: a hint holding its own answer is
    # reported on its own (see `find_leaks`).
    return total - owners.on_fact(questions, questions[reader.question].fact)


def _leaks_to(questions: Sequence[AnyQuestion], reader: _Reader, owner: int) -> bool:
    """Whether `reader` holding `owner`'s answer is a leak."""
    if reader.question is None:
        return not reader.cited_for <= {questions[owner].fact}
    # Its own question is on the same fact: its prompt may name the answer, its explain
    # comes after it, and its hint is reported apart (`find_leaks`).
    return questions[owner].fact != questions[reader.question].fact


def _text_name(questions: Sequence[AnyQuestion], reader: _Reader) -> str:
    if reader.question is None:
        return f"the title of source {reader.source!r}"
    return f"the {reader.field} of {questions[reader.question].id!r}"


def _leaks_of(
    questions: Sequence[AnyQuestion], places: _Places, form: tuple[str, ...], hit: _Hit
) -> Iterator[Leak]:
    reader = hit.reader
    line, col = places.of(reader.where, reader.value, hit.position)
    said = " ".join(form)
    involved = () if reader.question is None else (reader.question,)
    if reader.question is None:
        hint = "the reveal shows the title: give the source a neutral title"
    else:
        hint = f"reword the {reader.field}, or the answer is handed to the player"
    for owner in hit.owners:
        owner_id = questions[owner].id
        questions_involved = tuple(sorted({owner, *involved}))
        if owner == reader.question:
            message = f"the hint of {owner_id!r} holds its own answer ({said!r})"
            own_hint = "a hint should narrow the answer down, not say it"
            yield Leak(reader.where, line, col, owner, questions_involved, message, own_hint)
            continue
        others = hit.count - len(hit.owners)
        shared = f" and of {_questions(others, 'other')} with that answer" if others else ""
        message = (
            f"{_text_name(questions, reader)} gives away the answer of {owner_id!r}"
            f"{shared} ({said!r})"
        )
        yield Leak(reader.where, line, col, owner, questions_involved, message, hint)


def _widespread(
    questions: Sequence[AnyQuestion],
    places: _Places,
    form: tuple[str, ...],
    first: _Hit,
    texts: int,
) -> Leak:
    """One finding for an answer printed in many texts, at the first of them."""
    reader, owner = first.reader, first.owners[0]
    line, col = places.of(reader.where, reader.value, first.position)
    shared = f" (and {_questions(first.count - 1, 'other')})" if first.count > 1 else ""
    message = (
        f"the answer of {questions[owner].id!r}{shared} ({' '.join(form)!r}) is printed in "
        f"{texts} texts, first in {_text_name(questions, reader)}"
    )
    hint = (
        "an answer the pack prints this often is given away whenever a round draws both: "
        "give the question a less common answer, or `lint: {ignore: [answer-leak]}` on it"
    )
    return Leak(reader.where, line, col, owner, (owner,), message, hint)


def _questions(count: int, kind: str) -> str:
    return f"{count} {kind} question{'' if count == 1 else 's'}"


def _facts_citing(pack: Pack) -> Mapping[str, set[str]]:
    """For each source, the facts of the pack's questions that cite it."""
    citing: dict[str, set[str]] = {}
    for question in pack.questions:
        fact = pack.facts.get(question.fact)
        if fact is not None:
            citing.setdefault(fact.source, set()).add(fact.id)
    return citing
