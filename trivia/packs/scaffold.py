"""A new pack to start from: `trivia new PATH` writes this commented skeleton.

The skeleton is a small pack that is valid as written and clean under `trivia lint`: one
source, its facts, and one question of each type, each line commented with what it is for.
Its example facts are about the pack format itself, so they are true as they stand and
the author replaces them with their own.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Final

from trivia.packs.ids import slugify

_WORD_BREAK: Final = re.compile(r"[\W_]+")
"""What separates the words of a file name: anything but letters and digits (any script)."""

SCHEMA_FILE_NAME: Final = "pack.schema.json"
"""The schema file `trivia new` writes beside a new pack, which its modeline points at."""

_TEMPLATE: Final = """\
# yaml-language-server: $schema={schema}
#
# {title_comment}: a Fan Trivia question pack.
#
# The first line points your editor (VS Code's YAML extension, or any editor using
# yaml-language-server) at the pack JSON Schema: it completes keys and flags mistakes as
# you type. Refresh the schema with `trivia schema -o {schema_file} --force`.
#
# Everything below is an example that is valid as written: replace it with your own.
# Check the pack as you go:
#   trivia validate {file_name}   # mistakes, as file:line:col; the game refuses a pack with any
#   trivia lint {file_name}       # advice: repeated questions, weak options, untested facts
# The format is described in docs/pack-format.md, writing packs in docs/authoring.md.

pack:
  id: {pack_id}   # lowercase words joined by dashes; saved progress refers to it
  title: {title}
  description: One or two sentences on what the pack covers.
  language: en           # the language of the questions: en, fr, pt-BR...
  authors: [Your Name]
  version: "0.1"

# Where the facts come from. The game shows the source of every answer at the reveal.
sources:
  - id: pack-format-guide          # facts cite their source by this id
    title: Writing a question pack
    publisher: Fan Trivia
    date: "{today}"                # when it was published: YYYY, YYYY-MM or YYYY-MM-DD
    # url: https://example.com/article   # optional: where to read it online

# One statement per fact, in your own words, each from one source. Questions test facts.
facts:
  - id: five-types
    source: pack-format-guide
    statement: A pack can hold five types of question, choice, truefalse, text, number and order.

  - id: choice-options
    source: pack-format-guide
    statement: A choice question has 2 to 6 options, and its answer is one of them.

  - id: cited-chain
    source: pack-format-guide
    statement: A question tests one fact, and a fact comes from one source, so answers are cited.

  - id: accept-key
    source: pack-format-guide
    statement: A text question lists the other answers that count under its accept key.

questions:
  # choice: one right answer among 2 to 6 options, shuffled at play time.
  - id: most-options-choice   # stable: saved progress refers to it; never reuse one
    type: choice
    fact: choice-options       # the id of the fact it tests
    prompt: At most, how many options can a choice question have?
    answer: Six                # written exactly as in the options
    options: [Four, Five, Six, Eight]
    difficulty: easy           # easy, medium or hard: sets the points
    tags: [format]             # optional: players can filter by tag
    explain: Two to six options, and the answer must be one of them, written the same way.
    hint: Half a dozen.        # optional: shown by the hint lifeline

  # truefalse: a statement; the answer is true or false, without quotes.
  - id: one-fact-truefalse
    type: truefalse
    fact: cited-chain
    prompt: Every question in a pack tests one fact.
    answer: true
    difficulty: easy
    tags: [format]
    explain: True. A question names its fact, and the fact names its source, so answers are cited.

  # text: a free answer, matched forgivingly (case, accents, "the", small typos).
  - id: other-answers-text
    type: text
    fact: accept-key
    prompt: In a text question, which key lists the other answers that count?
    answer: accept
    accept: [the accept key, accept list]   # other answers that count too
    difficulty: medium
    tags: [format]
    explain: A player who types a nickname or another spelling is still right if it is listed there.

  # number: a numeric answer; `tolerance` says how far off still counts.
  - id: type-count-number
    type: number
    fact: five-types
    prompt: How many types of question can a pack hold?
    answer: 5
    tolerance: 0
    unit: types                # optional: shown after the input
    difficulty: medium
    tags: [format]
    explain: Choice, truefalse, text, number and order.

  # order: 3 to 6 items, written in the right order; shuffled at play time.
  - id: cited-chain-order
    type: order
    fact: cited-chain
    prompt: Put the steps of writing a cited question in order, first step first.
    answer:
      - Find a source
      - Take a fact from it
      - Write a question that tests the fact
    difficulty: hard
    tags: [format]
    explain: The question names its fact and the fact names its source, so the reveal can cite it.
"""


def _yaml_text(text: str) -> str:
    """Text as a YAML scalar: a JSON string is a valid double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def default_title(file_stem: str) -> str:
    """A title from a file name, accents kept: "mad-men" -> "Mad Men", "café" -> "Café"."""
    words = [word for word in _WORD_BREAK.split(file_stem) if word]
    if not words:
        words = slugify(file_stem, default="my-pack").split("-")
    return " ".join(word[:1].upper() + word[1:] for word in words)


def pack_skeleton(
    *,
    pack_id: str,
    title: str,
    file_name: str,
    schema: str = SCHEMA_FILE_NAME,
    today: date | None = None,
) -> str:
    """The text of a new, valid, commented pack.

    Args:
        pack_id: The pack's id (lowercase words joined by dashes).
        title: The pack's title.
        file_name: The pack file's name, for the commands in its comments.
        schema: What the editor modeline points at: a path relative to the pack, or a URL.
        today: The source's date (default: today).
    """
    return _TEMPLATE.format(
        schema=schema,
        schema_file=schema if "://" not in schema else SCHEMA_FILE_NAME,
        title_comment=" ".join(title.split()),
        file_name=file_name,
        pack_id=pack_id,
        title=_yaml_text(title),
        today=(today or date.today()).isoformat(),
    )
