"""The `trivia` argument parser: every subcommand, its options and their help.

Built only when there are arguments to parse: bare `trivia` skips it (see `trivia.cli.main`).
"""

from __future__ import annotations

import argparse

from trivia import __version__

MODES = ("quick", "survival", "practice", "daily", "marathon")
DIFFICULTIES = ("easy", "medium", "hard")
"""`trivia.packs.model.Difficulty`'s values, spelled out so the parser needs no pack model."""


def _add_globals(parser: argparse.ArgumentParser, prefix: str) -> None:
    """Add the global options; `prefix` keeps the values given after a subcommand apart.

    argparse lets a subcommand's namespace overwrite the top level's, so the two places an
    option can be given are stored under different names and merged in `_merge_globals`.
    """
    parser.add_argument(
        "--save-dir",
        metavar="DIR",
        dest=f"{prefix}save_dir",
        default=None,
        help="where progress is saved (default: see `trivia where`)",
    )
    parser.add_argument(
        "--packs-dir",
        metavar="DIR",
        dest=f"{prefix}packs_dir",
        action="append",
        default=[],
        help="an extra directory of packs (may be repeated)",
    )


def _subcommand(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, help: str
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help, description=help)
    _add_globals(parser, "sub_")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `trivia` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="trivia",
        description="Fan Trivia: a terminal trivia game built from cited question packs.",
        epilog="Run `trivia` alone to open the game. Exit codes: 0 ok, 1 problems, 2 usage.",
    )
    parser.add_argument("--version", action="version", version=f"trivia {__version__}")
    _add_globals(parser, "")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = _subcommand(sub, "play", "play a round straight away")
    play.add_argument("--pack", metavar="ID|PATH", help="a pack id or a pack file")
    play.add_argument("--mode", choices=MODES, default="quick", help="the kind of round")
    play.add_argument(
        "--questions", metavar="N", type=_positive_int, help="how many questions (quick mode)"
    )
    play.add_argument("--seed", metavar="N", type=_seed, help="fix the questions and their order")
    play.add_argument("--profile", metavar="NAME", help="whose progress this is")
    play.add_argument("--no-timer", action="store_true", help="no countdown on questions")
    play.add_argument(
        "--tag",
        metavar="TAG",
        dest="tags",
        action="append",
        default=[],
        help="only questions with this tag (repeat it for any of several)",
    )
    play.add_argument(
        "--difficulty",
        choices=DIFFICULTIES,
        dest="difficulties",
        action="append",
        default=[],
        help="only questions of this difficulty (repeat it for any of several)",
    )

    party = _subcommand(
        sub, "party", "party mode: 2-8 players or teams on one screen, or phones (--serve)"
    )
    who = party.add_mutually_exclusive_group()
    who.add_argument("--players", metavar='"ANN,BO"', help="player names, comma-separated")
    who.add_argument("--teams", metavar='"RED,BLUE"', help="team names, comma-separated")
    party.add_argument(
        "--style",
        choices=("hotseat", "buzzer", "master", "all"),
        help="how players answer (all: everyone on their phone, each question; --serve)",
    )
    party.add_argument("--pack", metavar="ID|PATH", help="a pack id or a pack file")
    party.add_argument("--questions", metavar="N", type=_positive_int, help="how many questions")
    party.add_argument("--seed", metavar="N", type=_seed, help="fix the questions and their order")
    party.add_argument("--no-timer", action="store_true", help="no countdown on questions")
    party.add_argument(
        "--leaderboard",
        choices=("every", "end"),
        default="every",
        help="show the leaderboard after every question (default) or only at the end",
    )
    party.add_argument(
        "--display",
        action="store_true",
        help="the projector view: follow the running party read-only (a second terminal)",
    )
    party.add_argument(
        "--serve",
        action="store_true",
        help="phones join: a web server for this party (join address, QR and room code)",
    )
    party.add_argument(
        "--host",
        metavar="ADDR",
        help="with --serve: the address to listen on (default: every interface; "
        "127.0.0.1 keeps it to this machine)",
    )
    party.add_argument(
        "--port", metavar="N", type=_port, help="with --serve: the port (default: a free one)"
    )

    _subcommand(sub, "packs", "list installed packs with their question counts")

    validate = _subcommand(sub, "validate", "check pack files; errors as file:line:col")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="pack files or directories")

    lint = _subcommand(sub, "lint", "quality warnings for packs: duplicates, weak options...")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="pack files or directories")
    lint.add_argument(
        "--ignore",
        metavar="RULE[,RULE]",
        action="append",
        default=[],
        help="rules not to report anywhere (may be repeated)",
    )
    lint.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    lint.add_argument("--rules", action="store_true", help="list the rules and exit")

    new = _subcommand(sub, "new", "write a commented pack skeleton to start from")
    new.add_argument("path", metavar="PATH", help="the pack file to create (.yaml)")
    new.add_argument("--id", dest="pack_id", metavar="ID", help="the pack id (default: from PATH)")
    new.add_argument("--title", help="the pack title (default: from PATH)")
    new.add_argument(
        "--schema",
        metavar="PATH|URL",
        help="what the editor modeline points at (default: pack.schema.json, written "
        "beside the pack if it is not there)",
    )
    new.add_argument("--force", action="store_true", help="overwrite PATH if it exists")

    importer = sub.add_parser(
        "import",
        help="make a pack from another format (Open Trivia DB, CSV, Red, Kahoot, GIFT, TSV)",
        description="Make a pack from Open Trivia DB JSON, a CSV spreadsheet, a Red-DiscordBot "
        "trivia list, Kahoot's XLSX template, a Moodle GIFT file or an Anki/Quizlet text export.",
    )
    formats = importer.add_subparsers(dest="import_format", metavar="FORMAT", required=True)
    opentdb = _subcommand(formats, "opentdb", "import Open Trivia DB JSON (an API response)")
    opentdb.add_argument(
        "--encoding",
        choices=("auto", "html", "base64", "url3986"),
        default="auto",
        help="how the file's text is encoded (the API's `encode`; default: detect)",
    )
    spreadsheet = _subcommand(formats, "csv", "import a CSV spreadsheet (docs/authoring.md)")
    spreadsheet.add_argument(
        "--delimiter",
        choices=(",", ";", "tab"),
        help="the cell separator (default: the one the header row uses)",
    )
    red = _subcommand(formats, "red", "import a Red-DiscordBot trivia list (YAML)")
    kahoot = _subcommand(formats, "kahoot", "import a spreadsheet in Kahoot's quiz template")
    gift = _subcommand(formats, "gift", "import Moodle GIFT questions (the common subset)")
    flashcards = _subcommand(formats, "tsv", "import an Anki or Quizlet text export")
    flashcards.add_argument(
        "--separator",
        metavar="SEP",
        help="between question and answer: tab, comma, semicolon or any text "
        "(default: Anki's #separator line, else tab)",
    )
    flashcards.add_argument(
        "--card-separator",
        metavar="SEP",
        help="between cards: newline (the default), semicolon or any text (\\n is a newline)",
    )
    for parser_ in (spreadsheet, red, kahoot, gift, flashcards):
        parser_.add_argument("--publisher", help="who published the questions (for `sources`)")
        parser_.add_argument("--url", help="where the questions are published, if anywhere")
    for parser_ in (opentdb, spreadsheet, red, kahoot, gift, flashcards):
        parser_.add_argument("source", metavar="SRC", help="the file to import (- for stdin)")
        parser_.add_argument(
            "-o", "--output", metavar="OUT.yaml", required=True, help="the pack file to write"
        )
        parser_.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
        parser_.add_argument("--id", dest="pack_id", metavar="ID", help="pack id (default: OUT)")
        parser_.add_argument("--title", help="pack title (default: from OUT's name)")
        parser_.add_argument(
            "--skip-bad",
            action="store_true",
            help="leave out records that cannot be imported (listed) instead of failing",
        )

    exporter = sub.add_parser(
        "export",
        help="write a pack's questions in another format",
        description="Write a pack's questions in another format.",
    )
    export_formats = exporter.add_subparsers(dest="export_format", metavar="FORMAT", required=True)
    export_csv = _subcommand(
        export_formats, "csv", "a CSV spreadsheet that `trivia import csv` reads back"
    )
    export_csv.add_argument("pack", metavar="PACK", help="a pack id or a pack file")
    export_csv.add_argument(
        "-o", "--output", metavar="OUT.csv", help="the file to write (default: standard output)"
    )
    export_csv.add_argument("--force", action="store_true", help="overwrite OUT if it exists")

    schema = _subcommand(sub, "schema", "print the pack JSON Schema")
    schema.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")
    schema.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    _subcommand(sub, "where", "print the save and pack locations in use")

    preview = _subcommand(sub, "preview", "preview a pack's questions, reloading on save")
    preview.add_argument(
        "target", metavar="PATH[#QUESTION_ID]", help="a pack file, optionally #a question id"
    )

    stats = _subcommand(sub, "stats", "records: scores, streaks, accuracy, mastery")
    stats.add_argument("--profile", metavar="NAME", help="one profile (default: every profile)")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


MAX_QUESTIONS = 1_000_000
"""The most `--questions` may ask for (a marathon of the biggest bank is far fewer)."""

SEED_LIMIT = 2**63
"""Seeds lie in [-SEED_LIMIT, SEED_LIMIT): a saved round keeps its seed in a 64-bit column."""


def _whole_number(value: str) -> int:
    """`value` as an int, or the usage error argparse reports (never Python's own: int()
    of thousands of digits raises a ValueError that names an interpreter setting)."""
    text = value.strip()
    if len(text) > 25 or not text.lstrip("+-").isdigit() or not text.isascii():
        shown = value if len(value) <= 25 else value[:24] + "…"
        raise argparse.ArgumentTypeError(f"{shown!r} is not a whole number of at most 19 digits")
    return int(text)


def _positive_int(value: str) -> int:
    number = _whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    if number > MAX_QUESTIONS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_QUESTIONS:,}, not {number}")
    return number


def _port(value: str) -> int:
    number = _whole_number(value)
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535 (0: a free one), not {number}")
    return number


def _seed(value: str) -> int:
    number = _whole_number(value)
    if not -SEED_LIMIT <= number < SEED_LIMIT:
        raise argparse.ArgumentTypeError(f"must be between -2**63 and 2**63 - 1, not {number}")
    return number


def _merge_globals(args: argparse.Namespace) -> argparse.Namespace:
    sub_save_dir = getattr(args, "sub_save_dir", None)
    args.save_dir = sub_save_dir or args.save_dir
    args.packs_dir = list(args.packs_dir) + list(getattr(args, "sub_packs_dir", []))
    return args


def _bare_args() -> argparse.Namespace:
    """What `build_parser().parse_args([])` gives, merged: no command, no global options."""
    return argparse.Namespace(command=None, save_dir=None, packs_dir=[])
