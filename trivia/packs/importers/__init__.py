"""Importers: packs built from question banks in other formats, without a UI.

Each importer reads its format into `Draft` questions and hands them to a `PackBuilder`,
which gives each a stable id (a hash of its prompt, so re-importing gives the same ids),
a fact (the source's claim: the question with its answer, marked as imported, unless the
source states facts itself) and the pack a header and a `sources` entry saying where the
questions came from and when they were imported. `dump_pack` writes the result as YAML
that `trivia validate` accepts.

Formats: `trivia.packs.importers.opentdb` (Open Trivia DB JSON),
`trivia.packs.importers.csvfile` (a spreadsheet saved as CSV; the columns are in
`docs/authoring.md`), and through `trivia.packs.importers.run`: `red` (Red-DiscordBot
trivia lists), `kahoot` (Kahoot's XLSX template), `gift` (Moodle GIFT) and `tsv` (Anki
and Quizlet text exports). Every bad record is reported with its place (a CSV line, a JSON
result number) as an `ImportProblem`; `ImportFailed` carries them all.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from trivia.packs.ids import ID_RE, IdAllocator, prompt_id
from trivia.packs.limits import text_trouble
from trivia.packs.model import Difficulty, QuestionType

Progress = Callable[[int, int], None]
"""Told `(done, total)` as records are read, for a progress bar; the CLI draws it."""

DIFFICULTIES: Final = tuple(level.value for level in Difficulty)
TYPES: Final = tuple(kind.value for kind in QuestionType)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A record that cannot be imported, and where it is in the source.

    Attributes:
        source: The file, as given.
        message: What is wrong.
        line: The 1-based line of a CSV row, if the source has lines.
        item: The 1-based number of a JSON result, if the source is a list.
        hint: What to do about it.
        cell: A spreadsheet place in Excel's notation: `Sheet1!D12`, or `Sheet1!12:12`
            for a whole row.
    """

    source: str
    message: str
    line: int | None = None
    item: int | None = None
    hint: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell is not None:
            text = f"{self.source}:{self.cell}: {self.message}"
        elif self.line is not None:
            text = f"{self.source}:{self.line}: {self.message}"
        elif self.item is not None:
            text = f"{self.source}: result {self.item}: {self.message}"
        else:
            text = f"{self.source}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ImportFailed(Exception):
    """The source cannot be imported; `problems` says every reason found.

    Attributes:
        problems: What is wrong, with places; never empty.
    """

    def __init__(self, problems: Iterable[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(slots=True)
class Draft:
    """One question as read from a source, before it has its id and fact.

    Attributes:
        type: A `QuestionType` value.
        prompt: The question.
        answer: Text, a bool (truefalse), a float (number) or a list of items (order).
        difficulty: A `Difficulty` value.
        options: A choice question's options, the answer among them.
        fixed_order: Keep the options in the order given.
        accept: A text question's other answers.
        tolerance: A number question's tolerance.
        unit: A number question's unit.
        tags: Tags, in order.
        explain: Shown at the reveal.
        hint: Shown by the hint lifeline.
        id: The id the source gives it, if any (else one is made from the prompt).
        fact_id: The id of the fact it tests, if the source names one.
        fact: The statement of that fact, if the source gives one.
        line: Where it is in the source: a line...
        item: ...or a result number.
    """

    type: str
    prompt: str
    answer: Any
    difficulty: str
    options: list[str] | None = None
    fixed_order: bool = False
    accept: list[str] = field(default_factory=list)
    tolerance: float | None = None
    unit: str | None = None
    tags: list[str] = field(default_factory=list)
    explain: str | None = None
    hint: str | None = None
    id: str | None = None
    fact_id: str | None = None
    fact: str | None = None
    line: int | None = None
    item: int | None = None


def _blank(text: Any) -> bool:
    return not isinstance(text, str) or not text.strip()


def _count(items: list[str], low: int, high: int, noun: str) -> str | None:
    if not low <= len(items) <= high:
        return f"{len(items)} {noun}s; a question needs {low} to {high}"
    if any(_blank(item) for item in items):
        return f"an empty {noun}"
    if len(set(items)) != len(items):
        twice = next(item for item in items if items.count(item) > 1)
        return f"{noun} {twice!r} is there twice"
    return None


def _texts(draft: Draft) -> Iterator[str]:
    """Every text a draft holds, the answer and its options and items included."""
    for text in (draft.prompt, draft.unit, draft.explain, draft.hint, draft.fact):
        if isinstance(text, str):
            yield text
    answers = draft.answer if isinstance(draft.answer, list) else [draft.answer]
    for text in [*answers, *(draft.options or []), *draft.accept, *draft.tags]:
        if isinstance(text, str):
            yield text


def check_draft(draft: Draft) -> list[str]:
    """What stops a draft from being a valid question (the validator's own rules, and
    the bounds of `trivia.packs.limits`)."""
    problems = []
    for text in _texts(draft):
        trouble = text_trouble(text)
        if trouble:
            # One is enough: a record with a lone surrogate tends to hold several.
            return [trouble]
    if draft.type not in TYPES:
        problems.append(f"type {draft.type!r} is not one of {', '.join(TYPES)}")
    if _blank(draft.prompt):
        problems.append("the question is empty")
    if draft.difficulty not in DIFFICULTIES:
        problems.append(f"difficulty {draft.difficulty!r} is not one of {', '.join(DIFFICULTIES)}")
    if any(_blank(tag) for tag in draft.tags):
        problems.append("an empty tag")
    kind = draft.type
    answer = draft.answer
    if kind == QuestionType.CHOICE:
        if _blank(answer):
            problems.append("the answer is empty")
        options = draft.options or []
        trouble = _count(options, 2, 6, "option")
        if trouble:
            problems.append(trouble)
        elif not _blank(answer) and answer not in options:
            problems.append(f"the answer {answer!r} is not one of the options")
    elif kind == QuestionType.TRUEFALSE:
        if not isinstance(answer, bool):
            problems.append(f"the answer {answer!r} is not true or false")
    elif kind == QuestionType.TEXT:
        if _blank(answer):
            problems.append("the answer is empty")
        if any(_blank(alternative) for alternative in draft.accept):
            problems.append("an empty accepted answer")
    elif kind == QuestionType.NUMBER:
        if not isinstance(answer, float) or not math.isfinite(answer):
            problems.append(f"the answer {answer!r} is not a number")
        if draft.tolerance is not None and not (
            math.isfinite(draft.tolerance) and draft.tolerance >= 0
        ):
            problems.append("the tolerance must be a number, 0 or more")
    elif kind == QuestionType.ORDER:
        trouble = _count(answer if isinstance(answer, list) else [], 3, 6, "item")
        if trouble:
            problems.append(trouble)
    if draft.id is not None and not ID_RE.fullmatch(draft.id):
        problems.append(f"id {draft.id!r} is not valid (letters, digits, '-', '_' and '.')")
    if draft.fact_id is not None and not ID_RE.fullmatch(draft.fact_id):
        problems.append(f"fact id {draft.fact_id!r} is not valid")
    return problems


def _answer_text(draft: Draft) -> str:
    answer = draft.answer
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, float):
        return _number_text(answer)
    if isinstance(answer, list):
        return ", then ".join(answer)
    return str(answer)


def _number_text(value: float) -> str:
    """A number as an author writes it: 16, not 16.0."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _yaml_number(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


class PackBuilder:
    """Collects drafts into a pack document: ids, facts, the header and the source.

    Args:
        meta: The `pack:` mapping (id, title, ...).
        source: The one `sources` entry; its `id` is what the facts cite.
        label: How fact statements name the source ("Open Trivia DB").
    """

    def __init__(self, meta: dict[str, Any], source: dict[str, Any], label: str) -> None:
        self.meta = meta
        self.source = source
        self.label = label
        self.questions: list[dict[str, Any]] = []
        self.facts: dict[str, dict[str, Any]] = {}
        self._ids = IdAllocator()
        self._fact_lines: dict[str, int | None] = {}

    def add(self, draft: Draft) -> str | None:
        """Add a checked draft; returns a problem (a repeated id, a fact stated twice)."""
        if draft.id is not None:
            if not self._ids.claim(draft.id):
                return f"id {draft.id!r} is used by an earlier question"
            question_id = draft.id
        else:
            question_id = self._ids.allocate(prompt_id(draft.prompt))
        fact_id = draft.fact_id or question_id
        statement = draft.fact or f"{draft.prompt} Answer: {_answer_text(draft)}."
        known = self.facts.get(fact_id)
        if known is None:
            if draft.fact is None:
                statement = f"Imported from {self.label}, as the source states it: {statement}"
            self.facts[fact_id] = {
                "id": fact_id,
                "source": self.source["id"],
                "statement": statement,
            }
            self._fact_lines[fact_id] = draft.line
        elif draft.fact is not None and draft.fact != known["statement"]:
            where = self._fact_lines.get(fact_id)
            earlier = f" on line {where}" if where is not None else ""
            return f"fact {fact_id!r} is stated differently{earlier}"
        self.questions.append(self._question(draft, question_id, fact_id))
        return None

    @staticmethod
    def _question(draft: Draft, question_id: str, fact_id: str) -> dict[str, Any]:
        question: dict[str, Any] = {
            "id": question_id,
            "type": draft.type,
            "fact": fact_id,
            "prompt": draft.prompt,
        }
        if draft.type == QuestionType.NUMBER:
            question["answer"] = _yaml_number(draft.answer)
            if draft.tolerance:
                question["tolerance"] = _yaml_number(draft.tolerance)
            if draft.unit:
                question["unit"] = draft.unit
        else:
            question["answer"] = draft.answer
        if draft.type == QuestionType.CHOICE:
            question["options"] = draft.options
            if draft.fixed_order:
                question["fixed_order"] = True
        if draft.type == QuestionType.TEXT and draft.accept:
            question["accept"] = draft.accept
        question["difficulty"] = draft.difficulty
        if draft.tags:
            question["tags"] = draft.tags
        if draft.explain:
            question["explain"] = draft.explain
        if draft.hint:
            question["hint"] = draft.hint
        return question

    def document(self) -> dict[str, Any]:
        """The pack as plain data, ready for `dump_pack`."""
        return {
            "pack": self.meta,
            "sources": [self.source],
            "facts": list(self.facts.values()),
            "questions": self.questions,
        }


@dataclass(slots=True)
class ImportResult:
    """A pack built by an importer.

    Attributes:
        document: The pack as plain data (`pack`, `sources`, `facts`, `questions`).
        skipped: Problems with records left out (`skip_bad`), in source order.
        repeats: How many records were exact repeats of an earlier one, left out.
        left_out: Records left out on purpose, each with its place and why: what the
            pack format cannot hold as written (a GIFT matching question, a Kahoot row
            with two right answers) or a question the file repeats.
        notes: What did not carry over for the file as a whole (Kahoot's time limits),
            said once.
    """

    document: dict[str, Any]
    skipped: list[ImportProblem] = field(default_factory=list)
    repeats: int = 0
    left_out: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)

    @property
    def questions(self) -> int:
        """How many questions the pack has."""
        return len(self.document["questions"])


_SHORT_LIST: Final = 70
"""Lists of scalars shorter than this (all items together) are written inline: [a, b]."""

_SECTION: Final = re.compile(r"^(sources|facts|questions):$", re.MULTILINE)
_ENTRY: Final = re.compile(r"(?<!:)\n- ")
_TAG: Final = "tag:yaml.org,2002:"


def _node(value: Any) -> Any:
    """The YAML node of a plain value (what PyYAML's SafeRepresenter makes, faster).

    Building the nodes here rather than through `yaml.safe_dump`'s representer halves
    the time of a 200,000-question import; quoting and escaping are still PyYAML's
    (libyaml's emitter decides, from the value, whether it may be written plain).
    """
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    kind = type(value)
    if kind is str:
        return ScalarNode(_TAG + "str", value)
    if kind is dict:
        return MappingNode(
            _TAG + "map",
            [(ScalarNode(_TAG + "str", key), _node(item)) for key, item in value.items()],
            flow_style=False,
        )
    if kind is list:
        inline = (
            all(type(item) is str or type(item) is int for item in value)
            and sum(len(str(item)) + 2 for item in value) < _SHORT_LIST
            and not any(type(item) is str and "\n" in item for item in value)
        )
        return SequenceNode(_TAG + "seq", [_node(item) for item in value], flow_style=inline)
    if kind is bool:
        return ScalarNode(_TAG + "bool", "true" if value else "false")
    if kind is int:
        return ScalarNode(_TAG + "int", str(value))
    if kind is float:
        text = repr(value)
        if "." not in text and "e" in text:  # 1e+16 is not a YAML 1.1 float; 1.0e+16 is
            text = text.replace("e", ".0e", 1)
        return ScalarNode(_TAG + "float", text)
    raise TypeError(f"cannot write {kind.__name__} in a pack")  # pragma: no cover


def dump_pack(document: dict[str, Any], header: str = "") -> str:
    """The pack as YAML text, keys in the order given, `header` as leading comments.

    Written by PyYAML's safe dumper (libyaml's emitter when available), Unicode as is:
    mappings in block style, short lists of scalars inline (`[a, b]`), as people write.
    """
    import yaml

    from trivia.packs.yamlsafe import gc_paused

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with gc_paused():  # millions of nodes and no cycles: see gc_paused
        body = yaml.serialize(_node(document), Dumper=dumper, allow_unicode=True, width=100)
    # A blank line before each section and each entry, as in a hand-written pack. A line
    # starting "- " at column 0 is always an entry of a top-level list: continuation
    # lines of text are indented under their key.
    body = _ENTRY.sub("\n\n- ", _SECTION.sub(r"\n\1:", body))
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return comments + ("\n" if comments else "") + body


def check_document(document: dict[str, Any]) -> list[str]:
    """What the validator says about a pack built as plain data, before it is written.

    Every record was checked as it was read, so this is a safety net, and a cheap one:
    the plain data is validated as it is, without writing and re-reading 100 MB of YAML.
    Each problem names the value by its path (`questions.17.options`).
    """
    from trivia.packs.validate import validate_document
    from trivia.packs.yamlsafe import Positions, YamlDocument, gc_paused

    with gc_paused():
        _, problems = validate_document(YamlDocument(document, Positions(None)), "<import>")
    return [f"{'.'.join(map(str, p.where)) or 'pack'}: {p.message}" for p in problems]


def write_text(path: Path, text: str, *, force: bool = False, encoding: str = "utf-8") -> None:
    """Write a file whole or not at all (a temporary file, then a rename).

    Raises:
        FileExistsError: If `path` exists and `force` is false.
    """
    if path.exists() and not force:
        raise FileExistsError(path)
    directory = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); a pack is an ordinary document.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


__all__ = [
    "Draft",
    "ImportFailed",
    "ImportProblem",
    "ImportResult",
    "PackBuilder",
    "Progress",
    "check_document",
    "check_draft",
    "dump_pack",
    "write_text",
]
