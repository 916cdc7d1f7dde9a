"""The `trivia` command line: a stable contract that tests, docs and hosts' scripts rely on.

Exit codes: 0 ok, 1 problems found, 2 usage error. One module per group of commands:
`play` (the game, the party, the preview), `packs` (listing, validating, linting, new packs,
the schema), `transfer` (import and export), `stats` (records and `where`); `finder` is how
every one of them finds packs. A command's module is imported only when it runs, and
Textual only by the commands that open the app, so `trivia validate` and friends start fast.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from trivia.cli.boundary import run
from trivia.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from trivia.cli.parser import DIFFICULTIES, MODES, _bare_args, _merge_globals, build_parser

__all__ = [
    "DIFFICULTIES",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "MODES",
    "_bare_args",
    "_merge_globals",
    "build_parser",
    "main",
]

_COMMANDS = {
    "home": ("play", "cmd_home"),
    "play": ("play", "cmd_play"),
    "party": ("play", "cmd_party"),
    "preview": ("play", "cmd_preview"),
    "packs": ("packs", "cmd_packs"),
    "validate": ("packs", "cmd_validate"),
    "lint": ("packs", "cmd_lint"),
    "new": ("packs", "cmd_new"),
    "schema": ("packs", "cmd_schema"),
    "import": ("transfer", "cmd_import"),
    "export": ("transfer", "cmd_export"),
    "stats": ("stats", "cmd_stats"),
    "where": ("stats", "cmd_where"),
}
"""Each command's module (under `trivia.cli`) and function."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from_shell = argv is None
    argv = sys.argv[1:] if argv is None else list(argv)
    # Bare `trivia`, the player's way in, has nothing to parse: building the parser (every
    # subcommand and its help) would only delay Home's first frame, by about 15 ms.
    args = _merge_globals(build_parser().parse_args(argv)) if argv else _bare_args()
    args.from_shell = from_shell
    module, function = _COMMANDS[args.command or "home"]
    handler = getattr(importlib.import_module(f"trivia.cli.{module}"), function)
    return run(handler, args)
