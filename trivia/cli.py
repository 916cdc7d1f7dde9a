"""The `trivia` command line: a stable contract that tests, docs and hosts' scripts rely on.

Exit codes: 0 ok, 1 problems found, 2 usage error. Textual is imported only by the commands
that open the app, so `trivia validate` and friends start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trivia import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from trivia.game import RoundConfig
    from trivia.packs.library import PackDir
    from trivia.packs.model import Pack

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

MODES = ("quick", "survival", "practice", "daily", "marathon")


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
    play.add_argument("--seed", metavar="N", type=int, help="fix the questions and their order")
    play.add_argument("--profile", metavar="NAME", help="whose progress this is")
    play.add_argument("--no-timer", action="store_true", help="no countdown on questions")

    _subcommand(sub, "packs", "list installed packs with their question counts")

    validate = _subcommand(sub, "validate", "check pack files; errors as file:line:col")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="pack files or directories")

    schema = _subcommand(sub, "schema", "print the pack JSON Schema")
    schema.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead")

    _subcommand(sub, "where", "print the save and pack locations in use")

    stats = _subcommand(sub, "stats", "records: scores, streaks, accuracy, mastery")
    stats.add_argument("--profile", metavar="NAME", help="one profile (default: every profile)")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _merge_globals(args: argparse.Namespace) -> argparse.Namespace:
    sub_save_dir = getattr(args, "sub_save_dir", None)
    args.save_dir = sub_save_dir or args.save_dir
    args.packs_dir = list(args.packs_dir) + list(getattr(args, "sub_packs_dir", []))
    return args


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # highlight=False: pack text must not be recoloured by Rich's number/URL highlighter.
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _pack_dirs(args: argparse.Namespace) -> list[PackDir]:
    from trivia.packs.library import pack_dirs

    return pack_dirs(args.packs_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _merge_globals(build_parser().parse_args(argv))
    command = args.command or "home"
    handler = _COMMANDS[command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `trivia schema | head`: the reader left; that is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """`trivia validate PATH...`: every problem as `path:line:col: message`."""
    from trivia.packs import check_file
    from trivia.packs.library import pack_files
    from trivia.printable import printable

    out = _console()
    files: list[Path] = []
    for name in args.paths:
        path = Path(name)
        if path.is_dir():
            found = pack_files(path)
            if not found:
                out.print(f"{printable(name)}: no .yaml or .yml files in this directory")
            files.extend(found)
        else:
            files.append(path)
    total = 0
    for path in files:
        problems = check_file(path)
        total += len(problems)
        for problem in problems:
            out.print(printable(str(problem)), markup=False)
        if not problems:
            out.print(f"[green]ok[/] {printable(str(path))}")
    if total:
        noun = "problem" if total == 1 else "problems"
        out.print(f"[red]{total} {noun}[/] in {len(files)} file(s)")
        return EXIT_PROBLEMS
    return EXIT_OK if files else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    """`trivia schema`: the pack JSON Schema, for editor completion."""
    from trivia.packs import pack_json_schema

    text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        _console(stderr=True).print(f"wrote {args.output}", markup=False)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_packs(args: argparse.Namespace) -> int:
    """`trivia packs`: every pack found, with question counts; broken ones say why."""
    from rich.table import Table
    from rich.text import Text

    from trivia.packs.library import scan
    from trivia.printable import printable

    out = _console()
    entries = scan(_pack_dirs(args))
    if not entries:
        out.print("No packs found. `trivia where` shows where packs are looked for.")
        return EXIT_PROBLEMS
    table = Table(title="Installed packs", title_justify="left")
    table.add_column("id")
    table.add_column("title")
    table.add_column("questions", justify="right")
    table.add_column("from")
    table.add_column("file", overflow="fold")
    broken = 0
    for entry in entries:
        if entry.pack is not None:
            meta = entry.pack.meta
            status = f"{entry.origin}" + (" (shadowed)" if entry.shadowed_by else "")
            table.add_row(
                Text(printable(meta.id)),
                Text(printable(meta.title)),
                str(len(entry.pack.questions)),
                status,
                Text(str(entry.path)),
            )
        else:
            broken += 1
            table.add_row(
                Text("?"),
                Text(f"invalid: {len(entry.problems)} problem(s)", style="red"),
                "-",
                entry.origin,
                Text(str(entry.path)),
            )
    out.print(table)
    if broken:
        out.print(f"{broken} pack(s) could not be loaded: run `trivia validate FILE` for details.")
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_where(args: argparse.Namespace) -> int:
    """`trivia where`: the save directory (and the rule that chose it) and the pack dirs."""
    from rich.markup import escape

    from trivia.store.paths import resolve_save_dir

    out = _console()
    location = resolve_save_dir(args.save_dir)
    out.print(f"saves:    {escape(str(location.directory))}  [dim]({location.reason})[/]")
    out.print(f"database: {escape(str(location.database))}")
    for pack_dir in _pack_dirs(args):
        exists = "" if pack_dir.path.is_dir() else "  [dim](does not exist yet)[/]"
        out.print(f"packs:    {escape(str(pack_dir.path))}  [dim]({pack_dir.origin})[/]{exists}")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    """`trivia play`: straight into a round of the chosen pack (default: Mad Men)."""
    from trivia.packs import PackError
    from trivia.packs.library import PackNotFound, resolve_pack
    from trivia.printable import printable

    err = _console(stderr=True)
    try:
        pack = resolve_pack(args.pack or "mad-men", _pack_dirs(args))
    except PackNotFound as error:
        err.print(printable(str(error)), markup=False)
        return EXIT_USAGE
    except PackError as error:
        for problem in error.problems:
            err.print(printable(str(problem)), markup=False)
        return EXIT_PROBLEMS
    config = _round_config(args, pack)
    from trivia.tui.app import main_tui

    return main_tui(
        pack_dirs=_pack_dirs(args),
        save_dir=_save_dir(args),
        start_round=config,
        start_packs=[pack],
        profile=args.profile,
    )


def _round_config(args: argparse.Namespace, pack: Pack) -> RoundConfig:
    """The round `trivia play` asks for; practice reads the profile's boxes from the save."""
    from trivia.game import RoundConfig

    if args.mode == "daily":
        # Everyone gets the same timed round that day, so --seed and --no-timer do not apply.
        from trivia.store import daily_config

        return daily_config(pack.id)
    if args.mode == "practice":
        from trivia.store import Store, practice_config

        with Store.open(_save_dir(args)) as store:
            profile = store.profile_for_play(args.profile)
            # Practice is for learning, Anki-style: no clock, whatever --no-timer says.
            return practice_config(
                store, profile, pack, count=args.questions or 10, seed=args.seed, timed=False
            )
    return RoundConfig(
        mode=args.mode,
        question_count=args.questions,
        seed=args.seed,
        timed=not args.no_timer,
    )


def cmd_home(args: argparse.Namespace) -> int:
    """`trivia` alone: the home screen."""
    from trivia.tui.app import main_tui

    return main_tui(pack_dirs=_pack_dirs(args), save_dir=_save_dir(args))


def _save_dir(args: argparse.Namespace) -> Path:
    from trivia.store.paths import resolve_save_dir

    return resolve_save_dir(args.save_dir).directory


def cmd_stats(args: argparse.Namespace) -> int:
    """`trivia stats`: every profile's records (or one), as tables or as JSON."""
    from trivia.packs.library import scan
    from trivia.printable import printable
    from trivia.store import Store

    err = _console(stderr=True)
    packs = [e.pack for e in scan(_pack_dirs(args)) if e.pack and e.shadowed_by is None]
    with Store.open(_save_dir(args)) as store:
        for notice in store.notices:
            err.print(printable(str(notice)), markup=False)
        if args.profile:
            profile = store.get_profile(args.profile)
            if profile is None:
                names = ", ".join(p.name for p in store.profiles()) or "none yet"
                err.print(
                    printable(f"no profile named {args.profile!r} (profiles: {names})"),
                    markup=False,
                )
                return EXIT_USAGE
            profiles = [profile]
        else:
            profiles = store.profiles()
        report = {
            "profiles": [store.stats(profile, packs) for profile in profiles],
            "flagged_questions": store.flagged_questions(),
        }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    from trivia.stats_report import print_report

    print_report(_console(), report, {pack.id: pack.meta.title for pack in packs})
    return EXIT_OK


_COMMANDS = {
    "home": cmd_home,
    "play": cmd_play,
    "packs": cmd_packs,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "where": cmd_where,
    "stats": cmd_stats,
}
