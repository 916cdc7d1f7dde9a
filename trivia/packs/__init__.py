"""Question packs: the model, safe YAML loading with positions, validation and the schema.

Importing this package is cheap: the model and the problem types only. The YAML machinery
(`trivia.packs.loader`) and the schema generator are imported on first use, so a command
that never reads a pack (`trivia --help`) does not pay for PyYAML.

Typical use:

    from trivia.packs import PackError, check_file, load_pack

    problems = check_file("questions/mad-men.yaml")   # [] when valid
    pack = load_pack("questions/mad-men.yaml")        # or PackError(problems)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    Difficulty,
    Fact,
    NumberQuestion,
    OrderQuestion,
    Pack,
    PackMeta,
    Question,
    QuestionType,
    Source,
    TextQuestion,
    TrueFalseQuestion,
)
from trivia.packs.problems import PackError, Problem

if TYPE_CHECKING:
    from trivia.packs.loader import LoadedPack, StrPath


def load_pack(path: StrPath) -> Pack:
    """Load and validate a pack file; raises `PackError` holding every problem."""
    from trivia.packs.loader import load_pack

    return load_pack(path)


def load_pack_text(text: str | bytes, name: str = "<string>") -> Pack:
    """Load a pack from YAML text or bytes; raises `PackError` holding every problem."""
    from trivia.packs.loader import load_pack_text

    return load_pack_text(text, name)


def load_pack_with_positions(path: StrPath) -> LoadedPack:
    """Load a pack file and keep where each value is written (`LoadedPack.position_of`)."""
    from trivia.packs.loader import load_pack_with_positions

    return load_pack_with_positions(path)


def check_file(path: StrPath) -> list[Problem]:
    """Every problem with a pack file, in reading order; never raises for bad input."""
    from trivia.packs.loader import check_file

    return check_file(path)


def check_text(text: str | bytes, name: str = "<string>") -> list[Problem]:
    """Every problem with a pack given as YAML text or bytes; never raises for bad input."""
    from trivia.packs.loader import check_text

    return check_text(text, name)


def pack_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a pack file, generated from the format spec."""
    from trivia.packs.schema import pack_json_schema

    return pack_json_schema()


__all__ = [
    "AnyQuestion",
    "ChoiceQuestion",
    "Difficulty",
    "Fact",
    "NumberQuestion",
    "OrderQuestion",
    "Pack",
    "PackError",
    "PackMeta",
    "Problem",
    "Question",
    "QuestionType",
    "Source",
    "TextQuestion",
    "TrueFalseQuestion",
    "check_file",
    "check_text",
    "load_pack",
    "load_pack_text",
    "load_pack_with_positions",
    "pack_json_schema",
]
