"""The pack format, declared once: every key, its type, whether it is required, what it means.

The validator (`trivia.packs.validate`) and the JSON Schema generator
(`trivia.packs.schema`) both read these declarations, so the format is written down in one
place and the two cannot drift apart. `docs/pack-format.md` is the prose for authors.

The declarations are plain data: value types (`Text`, `OneOf`, `Flag`, `Number`,
`TextList`), `Key`s that give a type a name and a description, and `Record`s (mappings)
that group keys and say which model dataclass they are read into. A record may come in
`Variant`s selected by one of its keys, as questions do with `type`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from trivia.packs.model import (
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    OrderQuestion,
    PackMeta,
    QuestionType,
    Source,
    TextQuestion,
    TrueFalseQuestion,
)

# --- value types -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text that is not blank and holds no control character but tab and newline.

    Only text: a number or true/false written without quotes (`version: 1.10`,
    `date: 2015`, `id: 123`) is refused with a hint to quote it, as editors reading the
    JSON Schema refuse it. Under YAML 1.2 `yes`, `no` and `2022-10-31` are text already.

    Attributes:
        pattern: A regular expression the whole text must match, if any.
        pattern_help: The pattern in words, for problems and schema descriptions.
        refers_to: The top-level list (`facts`, `sources`) that must hold an entry with
            this text as its `id`.
        calendar_date: Whether a full `YYYY-MM-DD` must also be a day on the calendar
            (no 2024-02-30), which a pattern cannot say.
    """

    pattern: str | None = None
    pattern_help: str = ""
    refers_to: str | None = None
    calendar_date: bool = False


@dataclass(frozen=True, slots=True)
class OneOf:
    """One word from a fixed set, read into a string enum (such as `Difficulty`).

    Attributes:
        enum: The enum whose values are the words allowed.
        words: The words allowed, in their declared order (derived from `enum`).
        members: Each word's enum member (derived from `enum`).
    """

    enum: type[StrEnum]
    words: tuple[str, ...] = field(init=False)
    members: Mapping[str, StrEnum] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Derived once here: validation looks words up for every question.
        object.__setattr__(self, "words", tuple(member.value for member in self.enum))
        object.__setattr__(self, "members", {member.value: member for member in self.enum})


@dataclass(frozen=True, slots=True)
class Flag:
    """`true` or `false`."""


@dataclass(frozen=True, slots=True)
class Number:
    """A finite number, whole or decimal, read as a float.

    Attributes:
        minimum: The smallest value allowed, if any.
    """

    minimum: float | None = None


@dataclass(frozen=True, slots=True)
class TextList:
    """A list of `Text` items, read as a tuple.

    Attributes:
        item: The type of each item.
        noun: What one item is called in problems ("option 3 is empty").
        min_items: The fewest items allowed.
        max_items: The most items allowed, if limited.
        unique: Whether an item may appear twice.
    """

    item: Text = Text()
    noun: str = "item"
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False


@dataclass(frozen=True, slots=True)
class RecordList:
    """A list of records, such as the pack's `questions`.

    Attributes:
        record: What each entry is.
        min_items: The fewest entries allowed.
    """

    record: Record
    min_items: int = 0


# --- keys and records ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a mapping: its name, type and meaning.

    Attributes:
        name: The key as written in YAML; also the model dataclass field it fills.
        type: What its value must be.
        description: What it means, for authors; the first sentence doubles as a hint.
        required: Whether the key must be present (and, for text, not blank).
        unique: Whether its value must differ across the entries of the enclosing list
            (ids); the first entry is named when one repeats.
        in_model: Whether the value is passed to the model dataclass (`type` is not: it
            chooses the dataclass).
    """

    name: str
    type: Text | OneOf | Flag | Number | TextList | Record | RecordList
    description: str
    required: bool = False
    unique: bool = False
    in_model: bool = True

    @property
    def hint(self) -> str:
        """A short hint for problems: the key and the first sentence of its description."""
        first = self.description.split(". ")[0].rstrip(".")
        return f"{self.name}: {first[:1].lower()}{first[1:]}"


@dataclass(frozen=True, slots=True)
class Variant:
    """One kind of a record with variants, such as a `choice` question.

    Attributes:
        description: What this kind is.
        keys: The keys this kind adds to the record's own.
        model: The dataclass it is read into.
    """

    description: str
    keys: tuple[Key, ...]
    model: type


@dataclass(frozen=True, slots=True)
class Record:
    """A mapping with declared keys, read into a model dataclass.

    Attributes:
        noun: What one such mapping is called ("question", "source").
        description: What it is, for authors.
        keys: The keys every such mapping has (required or optional).
        model: The dataclass it is read into, unless it has variants.
        variant_key: The key whose value selects a variant (`type`), if any.
        variants: The variants by that key's value.
    """

    noun: str
    description: str
    keys: tuple[Key, ...]
    model: type | None = None
    variant_key: str | None = None
    variants: Mapping[str, Variant] = field(default_factory=dict)


# --- the pack format -------------------------------------------------------------------

ID_PATTERN: Final = r"[A-Za-z0-9][A-Za-z0-9._-]*"
ID_HELP: Final = "letters, digits, '-', '_' and '.', starting with a letter or digit"
SLUG_PATTERN: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_HELP: Final = "lowercase letters and digits in words joined by single dashes, e.g. mad-men"
DATE_PATTERN: Final = r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
DATE_HELP: Final = "YYYY, YYYY-MM or YYYY-MM-DD"
LANGUAGE_PATTERN: Final = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
LANGUAGE_HELP: Final = "a language tag such as en, fr or pt-BR"
CONTROL_CHARACTERS: Final = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
"""The control characters no text may hold (the body of a regex class): every C0 and C1
control and DEL, but tab and line feed, which a multi-line `explain` needs."""
URL_PATTERN: Final = rf"https?://[^\s{CONTROL_CHARACTERS}]+"
URL_HELP: Final = "a web address starting with http:// or https://"


RULE_HELP: Final = (
    "a lint rule id, lowercase words joined by dashes (`trivia lint --rules` lists them)"
)

LINT_SETTINGS: Final = Record(
    noun="lint settings",
    description="Settings for `trivia lint` where they are written (a question, a fact, the pack).",
    keys=(
        Key(
            "ignore",
            TextList(Text(SLUG_PATTERN, RULE_HELP), noun="rule id"),
            "Lint rules not to report here, by id, e.g. [no-accept, long-option]. "
            "Under `pack:` they are not reported anywhere in the file.",
        ),
    ),
)

LINT_KEY: Final = Key(
    "lint",
    LINT_SETTINGS,
    "Settings for `trivia lint`, such as `ignore: [long-option]` to silence rules here. "
    "The game does not read it.",
    in_model=False,
)
"""`lint:` on a question, a fact or the pack; only `trivia lint` reads it."""


def _id_key(noun: str, why: str) -> Key:
    return Key(
        "id",
        Text(ID_PATTERN, ID_HELP),
        f"The {noun}'s id, unique among the pack's {noun}s. {why}",
        required=True,
        unique=True,
    )


PACK_META: Final = Record(
    noun="pack metadata",
    description="What the pack is: its id, title and who made it.",
    model=PackMeta,
    keys=(
        Key(
            "id",
            Text(SLUG_PATTERN, SLUG_HELP),
            "The pack's id, unique among installed packs (`trivia play --pack ID`). "
            "Saved progress refers to it, so keep it once published.",
            required=True,
        ),
        Key("title", Text(), "The pack's name as players see it.", required=True),
        Key("description", Text(), "One or two sentences on what the pack covers."),
        Key(
            "language",
            Text(LANGUAGE_PATTERN, LANGUAGE_HELP),
            "The language the questions are written in.",
        ),
        Key("authors", TextList(noun="author"), "Who wrote the pack."),
        Key(
            "version",
            Text(),
            'The pack\'s version, as text: quote a number ("1.10"), or YAML reads 1.10 as 1.1.',
        ),
        LINT_KEY,
    ),
)

SOURCE: Final = Record(
    noun="source",
    description="A published work that facts are taken from; shown at the reveal.",
    model=Source,
    keys=(
        _id_key("source", "Facts name their source by this id."),
        Key("title", Text(), "The title of the article, book or episode.", required=True),
        Key("publisher", Text(), "Who published it (site, paper, network).", required=True),
        Key(
            "date",
            Text(DATE_PATTERN, DATE_HELP, calendar_date=True),
            "When it was published: YYYY, YYYY-MM or YYYY-MM-DD.",
            required=True,
        ),
        Key("url", Text(URL_PATTERN, URL_HELP), "Where to read it online, if it is."),
    ),
)

FACT: Final = Record(
    noun="fact",
    description="One statement taken from a source, in the pack author's own words.",
    model=Fact,
    keys=(
        _id_key("fact", "Questions name the fact they test by this id."),
        Key(
            "source",
            Text(refers_to="sources"),
            "The id of the source this fact comes from (one of `sources`).",
            required=True,
        ),
        Key(
            "statement",
            Text(),
            "The fact, in your own words (not copied from the source).",
            required=True,
        ),
        LINT_KEY,
    ),
)

QUESTION: Final = Record(
    noun="question",
    description="One question; `type` says which kind, and which extra keys it takes.",
    variant_key="type",
    keys=(
        _id_key("question", "Saved progress and stats refer to it: never change or reuse one."),
        Key(
            "type",
            OneOf(QuestionType),
            "The kind of question: choice, truefalse, text, number or order.",
            required=True,
            in_model=False,
        ),
        Key(
            "fact",
            Text(refers_to="facts"),
            "The id of the fact this question tests (one of `facts`).",
            required=True,
        ),
        Key("prompt", Text(), "The question, as players see it.", required=True),
        Key(
            "difficulty",
            OneOf(Difficulty),
            "How hard it is: easy, medium or hard (sets the base points).",
            required=True,
        ),
        Key("tags", TextList(noun="tag"), "Words to filter questions by (cast, season-1)."),
        Key("explain", Text(), "Shown at the reveal: tell the fan something they will enjoy."),
        Key("hint", Text(), "Shown by the hint lifeline."),
        LINT_KEY,
    ),
    variants={
        QuestionType.CHOICE: Variant(
            "One right answer among 2 to 6 options.",
            model=ChoiceQuestion,
            keys=(
                Key(
                    "answer",
                    Text(),
                    "The right option, written exactly as it is in `options`.",
                    required=True,
                ),
                Key(
                    "options",
                    TextList(noun="option", min_items=2, max_items=6, unique=True),
                    "The 2 to 6 options shown, the right one among them, no two the same.",
                    required=True,
                ),
                Key(
                    "fixed_order",
                    Flag(),
                    "Keep the options in the written order. By default they are shuffled.",
                ),
            ),
        ),
        QuestionType.TRUEFALSE: Variant(
            "A statement that is either true or false.",
            model=TrueFalseQuestion,
            keys=(
                Key(
                    "answer",
                    Flag(),
                    "Whether the statement is true: true or false.",
                    required=True,
                ),
            ),
        ),
        QuestionType.TEXT: Variant(
            "A free answer, matched forgivingly (case, accents, articles, small typos).",
            model=TextQuestion,
            keys=(
                Key("answer", Text(), "The expected answer.", required=True),
                Key(
                    "accept",
                    TextList(noun="accepted answer"),
                    "Other answers that count too (nicknames, other spellings).",
                ),
            ),
        ),
        QuestionType.NUMBER: Variant(
            "A numeric answer; answers within `tolerance` count, with partial credit.",
            model=NumberQuestion,
            keys=(
                Key("answer", Number(), "The right number.", required=True),
                Key(
                    "tolerance",
                    Number(minimum=0),
                    "How far off an answer may be and still count (0 or more). Default 0.",
                ),
                Key("unit", Text(), "A word shown after the input, such as episodes."),
            ),
        ),
        QuestionType.ORDER: Variant(
            "Put 3 to 6 items in order (events by year, say); shuffled at play time.",
            model=OrderQuestion,
            keys=(
                Key(
                    "answer",
                    TextList(noun="item", min_items=3, max_items=6, unique=True),
                    "The 3 to 6 items, in the right order, no two the same.",
                    required=True,
                ),
            ),
        ),
    },
)

PACK_FILE: Final = Record(
    noun="pack",
    description="A Fan Trivia question pack: metadata, sources, facts and questions.",
    keys=(
        Key(
            "pack",
            PACK_META,
            "What the pack is: its id, title and who made it.",
            required=True,
        ),
        Key(
            "sources",
            RecordList(SOURCE, min_items=1),
            "The published works the facts come from.",
            required=True,
        ),
        Key(
            "facts",
            RecordList(FACT, min_items=1),
            "Statements taken from the sources, in your own words; questions test them.",
            required=True,
        ),
        Key(
            "questions",
            RecordList(QUESTION, min_items=1),
            "The questions, each testing one fact.",
            required=True,
        ),
    ),
)
"""The whole file: the root of the format."""
