"""What every command shares: the exit codes, the consoles and how counts are worded."""

from __future__ import annotations

import argparse
import errno
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

SHOWN_PROBLEMS = 50
"""Problems listed before "... and N more": a broken 200,000-row file is not worth
200,000 lines."""


def console(stderr: bool = False) -> Console:
    """A Rich console for stdout (or stderr) that never restyles the text it prints."""
    from rich.console import Console

    # highlight=False: pack text must not be recoloured by Rich's number/URL highlighter.
    console = Console(stderr=stderr, highlight=False, soft_wrap=True)
    # Rich meets a closed pipe with SystemExit(1); the command line's boundary
    # (`trivia.cli.boundary.run`) treats a reader that left the same way for every command.
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


def plural(count: int, noun: str) -> str:
    """`count` and `noun`, with an "s" unless the count is one ("1 file", "2 files")."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def print_capped(err: Console, problems: Sequence[object]) -> None:
    """Print the first `SHOWN_PROBLEMS` problems, then how many more there are."""
    from trivia.packs.printable import printable

    for problem in problems[:SHOWN_PROBLEMS]:
        err.print(printable(str(problem)), markup=False)
    if len(problems) > SHOWN_PROBLEMS:
        err.print(f"... and {len(problems) - SHOWN_PROBLEMS} more", markup=False)


def save_dir(args: argparse.Namespace) -> Path:
    """The save directory the global options (or the environment) choose."""
    from trivia.store.paths import resolve_save_dir

    return resolve_save_dir(args.save_dir).directory


def write_or_report(
    err: Console,
    path: Path,
    text: str,
    *,
    force: bool,
    encoding: str = "utf-8",
    refusal: str = "use --force to replace it",
) -> int | None:
    """Write a file the command makes; None when written, else the exit code after saying
    on `err` why not (it exists and `force` is off, or the system refuses it).

    Args:
        err: Where the reason goes.
        path: The file to write.
        text: Its contents.
        force: Replace the file if it exists.
        encoding: The text encoding ("utf-8-sig" for spreadsheets).
        refusal: What the "already exists" sentence ends with, in brackets.
    """
    from trivia.packs.importers import write_text
    from trivia.packs.printable import printable

    try:
        write_text(path, text, force=force, encoding=encoding)
    except FileExistsError:
        err.print(printable(f"{path}: already exists, not overwritten ({refusal})"), markup=False)
        return EXIT_PROBLEMS
    except OSError as error:
        err.print(printable(f"{path}: cannot write it: {error.strerror or error}"), markup=False)
        return EXIT_PROBLEMS
    return None


def pack_id_or_report(
    err: Console, command: str, given: str | None, stem: str, default: str
) -> str | None:
    """The pack id a command writes: `--id` as given, else slugified from the file name.

    Args:
        err: Where a refusal goes.
        command: The command's name for the message ("trivia new").
        given: The `--id` value, if any.
        stem: The output file's name without its suffix, to slugify.
        default: The id when the name has nothing to slugify.

    Returns:
        The id, or None after saying on `err` that `--id` is not lowercase words and dashes.
    """
    from trivia.packs.ids import SLUG_RE, slugify
    from trivia.packs.printable import printable

    pack_id = given or slugify(stem, default=default)
    if SLUG_RE.fullmatch(pack_id):
        return pack_id
    err.print(
        printable(f"{command}: --id {pack_id!r} must be lowercase words joined by dashes"),
        markup=False,
    )
    return None


def schema_beside(out: Console, pack: Path) -> None:
    """Write the pack JSON Schema beside `pack` for its modeline, unless one is there
    (a different one is kept, and said: the author may have their own)."""
    import json

    from trivia.packs import pack_json_schema
    from trivia.packs.importers import write_text
    from trivia.packs.printable import printable
    from trivia.packs.scaffold import SCHEMA_FILE_NAME

    schema_path = pack.parent / SCHEMA_FILE_NAME
    schema_text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        if not schema_path.exists():
            write_text(schema_path, schema_text)
            out.print(printable(f"wrote {schema_path} (the modeline points at it)"), markup=False)
        elif schema_path.read_text(encoding="utf-8", errors="replace") != schema_text:
            out.print(
                printable(
                    f"kept {schema_path}, which differs from this version's schema "
                    f"(refresh it: trivia schema -o {schema_path} --force)"
                ),
                markup=False,
            )
    except OSError as error:
        # The pack is written; only the editor's completion is missing.
        out.print(
            printable(f"{schema_path}: not written ({error.strerror or error})"), markup=False
        )
