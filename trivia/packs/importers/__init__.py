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
from typing import TYPE_CHECKING, Any, Final

from trivia.packs.ids import ID_RE, IdAllocator, prompt_id
from trivia.packs.limits import text_trouble
from trivia.packs.model import Difficulty, QuestionType
from trivia.packs.spec import CONTROL_CHARACTERS

if TYPE_CHECKING:
    from trivia.packs.importers.writer import PackSpool

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

    def __post_init__(self) -> None:
        # A spreadsheet cell or a Windows export breaks lines with CR LF (or CR alone): a
        # pack's text breaks them with LF, and a CR left in would be a control character.
        for name in ("prompt", "unit", "explain", "hint", "fact"):
            value = getattr(self, name)
            if isinstance(value, str) and "\r" in value:
                setattr(self, name, _lf(value))
        if isinstance(self.answer, str):
            self.answer = _lf(self.answer)
        elif isinstance(self.answer, list):
            self.answer = [_lf(item) if isinstance(item, str) else item for item in self.answer]
        if self.options is not None:
            self.options = [_lf(option) for option in self.options]
        self.accept = [_lf(text) for text in self.accept]


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


_CONTROL: Final = re.compile(f"[{CONTROL_CHARACTERS}]")
"""The control characters a pack's text may not hold (the validator's own rule)."""


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
        if trouble is None and (control := _CONTROL.search(text)) is not None:
            trouble = (
                f"the text holds a control character (U+{ord(control.group()):04X}); "
                "a pack's text may hold line breaks and tabs, no other control characters"
            )
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
        spool: Where to write the facts and questions a batch at a time (for a big
            import: see `trivia.packs.importers.writer`); by default they are kept in
            `questions` and `facts` for `document()`.

    Attributes:
        invalid: What the validator said about a spooled batch (the safety net that
            `check_document` is for a document in memory); empty when all is well.
        spooled: How many questions have gone to the spool.
    """

    def __init__(
        self,
        meta: dict[str, Any],
        source: dict[str, Any],
        label: str,
        spool: PackSpool | None = None,
    ) -> None:
        self.meta = meta
        self.source = source
        self.label = label
        self.questions: list[dict[str, Any]] = []
        self.facts: dict[str, dict[str, Any]] = {}
        self.spool = spool
        self.invalid: list[str] = []
        self.spooled = 0
        self.explained = False
        """Whether any question added has an explanation."""
        self._ids = IdAllocator()
        self._fact_lines: dict[str, int | None] = {}
        # Every fact stated so far (a hash of its statement): spooled facts leave `facts`.
        self._statements: dict[str, int] = {}

    def add(self, draft: Draft) -> str | None:
        """Add a checked draft; returns a problem (a repeated id, a fact stated twice).

        Raises:
            PackTooBig: With a spool, when the pack grows over the loader's size limit.
        """
        if draft.id is not None:
            if not self._ids.claim(draft.id):
                return f"id {draft.id!r} is used by an earlier question"
            question_id = draft.id
        else:
            question_id = self._ids.allocate(prompt_id(draft.prompt))
        fact_id = draft.fact_id or question_id
        statement = draft.fact or f"{draft.prompt} Answer: {_answer_text(draft)}."
        known = self._statements.get(fact_id)
        if known is None:
            if draft.fact is None:
                statement = f"Imported from {self.label}, as the source states it: {statement}"
            self.facts[fact_id] = {
                "id": fact_id,
                "source": self.source["id"],
                "statement": statement,
            }
            self._statements[fact_id] = hash(statement)
            self._fact_lines[fact_id] = draft.line
        elif draft.fact is not None and hash(draft.fact) != known:
            where = self._fact_lines.get(fact_id)
            earlier = f" on line {where}" if where is not None else ""
            return f"fact {fact_id!r} is stated differently{earlier}"
        self.explained = self.explained or bool(draft.explain)
        self.questions.append(self._question(draft, question_id, fact_id))
        if self.spool is not None and len(self.questions) >= _SPOOL_BATCH:
            self.flush()
        return None

    def flush(self) -> None:
        """Check and write the questions and facts gathered so far to the spool.

        Raises:
            PackTooBig: When the pack has grown over the loader's size limit.
        """
        if self.spool is None or not (self.questions or self.facts):
            return
        facts = list(self.facts.values())
        # Facts stated in an earlier batch, as stand-ins: only their ids are checked here.
        earlier = {q["fact"] for q in self.questions} - self.facts.keys()
        stand_ins = [
            {"id": fact_id, "source": self.source["id"], "statement": "(an earlier batch)"}
            for fact_id in sorted(earlier)
        ]
        batch = {
            "pack": self.meta,
            "sources": [self.source],
            "facts": facts + stand_ins,
            "questions": self.questions,
        }
        offset = self.spooled
        for problem in check_document(batch):
            where, _, message = problem.partition(": ")
            steps = where.split(".")
            if len(steps) > 1 and steps[0] == "questions" and steps[1].isdigit():
                steps[1] = str(int(steps[1]) + offset)
            self.invalid.append(f"{'.'.join(steps)}: {message}")
        self.spooled += len(self.questions)
        questions, self.questions, self.facts = self.questions, [], {}
        self.spool.add(facts, questions)

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
        """The pack as plain data, ready for `dump_pack`; with a spool, what is left after
        the last batch is written there too, and the document holds only the head."""
        if self.spool is not None:
            self.flush()
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
    spooled: int = 0
    """Questions written to the builder's spool, not in `document`."""
    invalid: list[str] = field(default_factory=list)
    """What the validator said about the spooled batches (`PackBuilder.invalid`)."""

    @property
    def questions(self) -> int:
        """How many questions the pack has."""
        return len(self.document["questions"]) + self.spooled


def finished(builder: PackBuilder, source: str, **details: Any) -> ImportResult:
    """The result of an import from `source` (the file, as given): the builder's document
    (after its last batch, with a spool) and what the importer says about the records
    (`skipped`, `repeats`...)."""
    document = builder.document()
    result = ImportResult(document, spooled=builder.spooled, invalid=builder.invalid, **details)
    if (
        result.questions
        and not any(question.get("explain") for question in document["questions"])
        and not builder.explained
    ):
        # Lint would say `no-explain` once per question: say it once, and silence it in
        # the pack until the author adds explanations.
        lint = builder.meta.setdefault("lint", {})
        ignore = lint.setdefault("ignore", [])
        if "no-explain" not in ignore:
            ignore.append("no-explain")
        result.notes.append(
            ImportProblem(
                source,
                "no question has an explanation: the pack's `lint: {ignore: [no-explain]}` "
                "silences `trivia lint`'s no-explain until you add some (then remove it)",
            )
        )
    return result


_SPOOL_BATCH: Final = 2000
"""Questions per batch written to a spool (`trivia.packs.importers.writer`)."""

_SECTION: Final = re.compile(r"^(sources|facts|questions):$", re.MULTILINE)


def dump_pack(document: dict[str, Any], header: str = "") -> str:
    """The pack as YAML text, keys in the order given, `header` as leading comments.

    Written by libyaml's emitter from events (`trivia.packs.importers.writer.emit_yaml`),
    Unicode as is: mappings in block style, short lists of scalars inline (`[a, b]`), as
    people write; a text YAML 1.1 or 1.2 would read as something else is quoted.
    """
    from trivia.packs.importers.writer import ENTRY, emit_yaml
    from trivia.packs.yamlsafe import gc_paused

    with gc_paused():  # millions of events and no cycles: see gc_paused
        body = emit_yaml(document)
    # A blank line before each section and each entry, as in a hand-written pack. A line
    # starting "- " at column 0 is always an entry of a top-level list: continuation
    # lines of text are indented under their key.
    body = ENTRY.sub("\n\n- ", _SECTION.sub(r"\n\1:", body))
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
    "finished",
    "write_text",
]
