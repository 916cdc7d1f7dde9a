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
    play.add_argument("--seed", metavar="N", type=int, help="fix the questions and their order")
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

    party = _subcommand(sub, "party", "party mode: 2-8 players or teams on one screen")
    who = party.add_mutually_exclusive_group()
    who.add_argument("--players", metavar='"ANN,BO"', help="player names, comma-separated")
    who.add_argument("--teams", metavar='"RED,BLUE"', help="team names, comma-separated")
    party.add_argument(
        "--style", choices=("hotseat", "buzzer", "master"), help="how players answer"
    )
    party.add_argument("--pack", metavar="ID|PATH", help="a pack id or a pack file")
    party.add_argument("--questions", metavar="N", type=_positive_int, help="how many questions")
    party.add_argument("--seed", metavar="N", type=int, help="fix the questions and their order")
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
        help="make a pack from Open Trivia DB JSON or a CSV spreadsheet",
        description="Make a pack from Open Trivia DB JSON or a CSV spreadsheet.",
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
    spreadsheet.add_argument("--publisher", help="who published the questions (for `sources`)")
    spreadsheet.add_argument("--url", help="where the questions are published, if anywhere")
    for parser_ in (opentdb, spreadsheet):
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

    _subcommand(sub, "where", "print the save and pack locations in use")

    preview = _subcommand(sub, "preview", "preview a pack's questions, reloading on save")
    preview.add_argument(
        "target", metavar="PATH[#QUESTION_ID]", help="a pack file, optionally #a question id"
    )

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
    argv = sys.argv[1:] if argv is None else list(argv)
    # Bare `trivia`, the player's way in, has nothing to parse: building the parser (every
    # subcommand and its help) would only delay Home's first frame, by about 15 ms.
    args = _merge_globals(build_parser().parse_args(argv)) if argv else _bare_args()
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


def _bare_args() -> argparse.Namespace:
    """What `build_parser().parse_args([])` gives, merged: no command, no global options."""
    return argparse.Namespace(command=None, save_dir=None, packs_dir=[])


def cmd_validate(args: argparse.Namespace) -> int:
    """`trivia validate PATH...`: every problem as `path:line:col: message`."""
    from rich.text import Text

    from trivia.packs import check_file
    from trivia.packs.printable import printable

    out = _console()
    files = _expand_pack_paths(out, args.paths)
    total = 0
    for path in files:
        problems = check_file(path)
        total += len(problems)
        for problem in problems:
            out.print(printable(str(problem)), markup=False)
        if not problems:
            # The path is the user's text: styled by a Text span, never parsed as markup.
            out.print(Text.assemble(("ok", "green"), " ", printable(str(path))))
    if total:
        from trivia.wording import counted

        out.print(f"[red]{counted(total, 'problem')}[/] in {counted(len(files), 'file')}")
        return EXIT_PROBLEMS
    return EXIT_OK if files else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    """`trivia schema`: the pack JSON Schema, for editor completion."""
    from trivia.packs import pack_json_schema

    text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            _console(stderr=True).print(
                f"{args.output}: cannot write the schema ({error.strerror or error})",
                markup=False,
            )
            return EXIT_PROBLEMS
        _console(stderr=True).print(f"wrote {args.output}", markup=False)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_packs(args: argparse.Namespace) -> int:
    """`trivia packs`: every pack found, with question counts; broken ones say why.

    Packs are read through the bank index, so a listing of big banks does not parse them
    again unless their files changed.
    """
    from trivia.bank_report import list_packs

    return list_packs(_pack_dirs(args), _console(), _console(stderr=True), _bank_index(args))


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
    from trivia.store.bank import bank_index_path

    index = bank_index_path(args.save_dir)
    out.print(f"index:    {escape(str(index))}  [dim](a cache; safe to delete)[/]")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    """`trivia play`: straight into a round of the chosen pack (default: Mad Men)."""
    pack = _load_pack_or_report(args.pack or "mad-men", args)
    if isinstance(pack, int):
        return pack
    problem = _check_round_size(args, pack)
    if problem is not None:
        return problem
    from trivia.store import StoreError

    try:
        config = _round_config(args, pack)
    except StoreError as error:  # e.g. a --profile name the save refuses
        _console(stderr=True).print(f"trivia play: {error}", markup=False)
        return EXIT_USAGE
    from trivia.tui.app import main_tui

    return main_tui(
        pack_dirs=_pack_dirs(args),
        save_dir=_save_dir(args),
        bank_index=_bank_index(args),
        start_round=config,
        start_packs=[pack],
        profile=args.profile,
    )


def _load_pack_or_report(name: str, args: argparse.Namespace) -> Pack | int:
    """The pack `--pack` names, or the exit code after saying why it cannot be had."""
    from trivia.bank_report import resolve_pack_indexed
    from trivia.packs import PackError
    from trivia.packs.library import PackNotFound
    from trivia.packs.printable import printable

    err = _console(stderr=True)
    try:
        return resolve_pack_indexed(name, _pack_dirs(args), err, _bank_index(args))
    except PackNotFound as error:
        err.print(printable(str(error)), markup=False)
        return EXIT_USAGE
    except PackError as error:
        for problem in error.problems:
            err.print(printable(str(problem)), markup=False)
        return EXIT_PROBLEMS


def _check_round_size(args: argparse.Namespace, pack: Pack) -> int | None:
    """Say on stderr when the filters leave fewer questions than asked for, before the TUI
    starts; the exit code when they leave none (or do not apply), else None."""
    from trivia.game import RoundConfig, filters_text, round_size
    from trivia.packs.printable import printable
    from trivia.packs.stored import summary_of

    err = _console(stderr=True)
    if args.mode == "daily" and (args.tags or args.difficulties):
        err.print(
            "trivia play: --tag and --difficulty do not apply to --mode daily "
            "(the day's questions are the same for everyone)",
            markup=False,
        )
        return EXIT_USAGE
    # The pool the round will draw from, as `_round_config` asks for it (a practice round
    # orders the same pool by the Leitner boxes).
    wanted = RoundConfig(
        mode=args.mode,
        question_count=args.questions,
        tags=frozenset(args.tags),
        difficulties=frozenset(args.difficulties),
    )
    size = round_size([pack], wanted)
    filters = filters_text(wanted)
    where = f"{filters} in {pack.id}" if filters else f"in {pack.id}"
    if not size.matching:
        tags = ", ".join(summary_of(pack).tags) or "none"
        err.print(
            printable(
                f"trivia play: no question matches {where}; loosen the filters "
                f"(tags in {pack.id}: {tags})"
            ),
            markup=False,
        )
        return EXIT_USAGE
    if size.short:
        err.print(printable(f"trivia play: {size.describe()} ({where})"), markup=False)
    return None


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
                store,
                profile,
                pack,
                count=args.questions or 10,
                seed=args.seed,
                timed=False,
                tags=args.tags,
                difficulties=args.difficulties,
            )
    # The filters go to the round as Home's do: `RoundConfig.tags` and `.difficulties`.
    return RoundConfig(
        mode=args.mode,
        question_count=args.questions,
        seed=args.seed,
        timed=not args.no_timer,
        tags=frozenset(args.tags),
        difficulties=frozenset(args.difficulties),
    )


def cmd_party(args: argparse.Namespace) -> int:
    """`trivia party`: the host's screen, or with --display the projector's."""
    if args.display:
        from trivia.tui.party_main import main_display

        return main_display(save_dir=_save_dir(args), pack_dirs=_pack_dirs(args))
    from trivia.game import RoundConfig
    from trivia.tui.party_main import main_party

    start_packs = None
    if args.pack or args.players or args.teams:
        pack = _load_pack_or_report(args.pack or "mad-men", args)
        if isinstance(pack, int):
            return pack
        start_packs = [pack]
    return main_party(
        pack_dirs=_pack_dirs(args),
        save_dir=_save_dir(args),
        players=_names(args.players),
        teams=_names(args.teams),
        style=args.style,
        bank_index=_bank_index(args),
        start_packs=start_packs,
        round_config=RoundConfig(
            question_count=args.questions, seed=args.seed, timed=not args.no_timer
        ),
        leaderboard_every_question=args.leaderboard == "every",
    )


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [name.strip() for name in value.split(",") if name.strip()]


def cmd_home(args: argparse.Namespace) -> int:
    """`trivia` alone: the home screen."""
    import gc

    # No garbage collection while Textual is imported (`main_tui` turns it back on): the
    # imports make next to no garbage, and the collector's passes delay Home's first frame.
    collector_paused = gc.isenabled()
    gc.disable()
    from trivia.tui.app import main_tui

    # Without --packs-dir the app finds the usual pack dirs itself, in its scan after the
    # first paint: listing them here would import the pack model before that paint.
    pack_dirs = _pack_dirs(args) if args.packs_dir else None
    return main_tui(
        pack_dirs=pack_dirs,
        save_dir=_save_dir(args),
        bank_index=_bank_index(args),
        collector_paused=collector_paused,
    )


def _save_dir(args: argparse.Namespace) -> Path:
    from trivia.store.paths import resolve_save_dir

    return resolve_save_dir(args.save_dir).directory


def _bank_index(args: argparse.Namespace) -> Path | None:
    """The bank index file inside `--save-dir`, so that directory holds everything the game
    writes; None without `--save-dir` (then `TRIVIA_BANK_INDEX` or the user cache dir)."""
    from trivia.store.paths import bank_index_in_save_dir

    return bank_index_in_save_dir(args.save_dir)


def cmd_preview(args: argparse.Namespace) -> int:
    """`trivia preview PATH[#ID]`: the question screen for a pack being written."""
    from trivia.tui.preview import main_preview, split_target

    path, question_id = split_target(args.target)
    return main_preview(path, question_id)


def cmd_stats(args: argparse.Namespace) -> int:
    """`trivia stats`: every profile's records (or one), as tables or as JSON."""
    from trivia.bank_report import indexed_entries
    from trivia.packs.printable import printable
    from trivia.store import Store

    err = _console(stderr=True)
    entries = indexed_entries(_pack_dirs(args), index_path=_bank_index(args))
    packs = [e.pack for e in entries if e.pack and e.shadowed_by is None]
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


def _expand_pack_paths(out: Console, names: Sequence[str]) -> list[Path]:
    """Pack files from the command line: files as given, directories' `.yaml` files."""
    from trivia.packs.library import pack_files
    from trivia.packs.printable import printable

    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = pack_files(path)
            if not found:
                out.print(
                    f"{printable(name)}: no .yaml or .yml files in this directory", markup=False
                )
            files.extend(found)
        else:
            files.append(path)
    return files


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def cmd_lint(args: argparse.Namespace) -> int:
    """`trivia lint PATH...`: quality findings as `path:line:col: level: message [rule]`."""
    from collections import Counter

    from rich.text import Text

    from trivia.packs.lint import RULES, Level, lint_paths
    from trivia.packs.printable import printable

    out = _console()
    err = _console(stderr=True)
    if args.rules:
        for rule in RULES.values():
            style = "red" if rule.level is Level.ERROR else "yellow"
            out.print(Text.assemble((rule.id, "bold"), " ", (f"({rule.level})", style)))
            out.print(Text(f"    {rule.summary}"))
        return EXIT_OK
    if not args.paths:
        err.print("trivia lint: give at least one PATH (or --rules)", markup=False)
        return EXIT_USAGE
    ignore = [rule.strip() for value in args.ignore for rule in value.split(",") if rule.strip()]
    unknown = [rule for rule in ignore if rule not in RULES]
    if unknown:
        err.print(
            f"trivia lint: no rule called {', '.join(unknown)} (`trivia lint --rules` lists them)",
            markup=False,
        )
        return EXIT_USAGE
    files = _expand_pack_paths(out, args.paths)
    report = lint_paths(files, ignore=ignore)
    lines: list[tuple[str, int, int, Text]] = []
    for problem in report.problems:
        text = Text(printable(str(problem)))
        lines.append((problem.path, problem.line, problem.col, text))
    for finding in report.findings:
        place = f"{finding.path}:{finding.line}:{finding.col}: "
        style = "bold red" if finding.level is Level.ERROR else "yellow"
        rest = f": {finding.message}" + (f" ({finding.hint})" if finding.hint else "")
        text = Text.assemble(
            printable(place),
            (str(finding.level), style),
            printable(rest),
            (f" [{finding.rule}]", "dim"),
        )
        lines.append((finding.path, finding.line, finding.col, text))
    for *_, text in sorted(lines, key=lambda entry: entry[:3]):
        out.print(text)
    counts = []
    if report.problems:
        invalid = report.invalid_files
        counts.append(f"{_plural(invalid, 'file')} not valid (`trivia validate` explains)")
    counts.append(_plural(report.errors, "error"))
    counts.append(_plural(report.warnings, "warning"))
    by_rule = Counter(finding.rule for finding in report.findings)
    if len(by_rule) > 1:
        counts[-1] += f" ({', '.join(f'{rule} {n}' for rule, n in by_rule.most_common())})"
    scope = f"{_plural(report.files, 'file')}, {_plural(report.questions, 'question')}"
    failed = report.failed(strict=args.strict)
    if not report.findings and not report.problems:
        out.print(f"[green]ok[/] no findings ({scope})" if files else "no pack files to lint")
    else:
        colour = "red" if failed else "yellow"
        out.print(f"[{colour}]{', '.join(counts)}[/] ({scope})")
    if not files:
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    """`trivia new PATH`: a commented, valid pack skeleton, and the schema beside it."""
    from trivia.packs import pack_json_schema
    from trivia.packs.ids import SLUG_RE, slugify
    from trivia.packs.importers import write_text
    from trivia.packs.printable import printable
    from trivia.packs.scaffold import SCHEMA_FILE_NAME, default_title, pack_skeleton

    out = _console()
    err = _console(stderr=True)
    path = Path(args.path)
    pack_id = args.pack_id or slugify(path.stem, default="my-pack")
    if not SLUG_RE.fullmatch(pack_id):
        err.print(
            printable(f"trivia new: --id {pack_id!r} must be lowercase words joined by dashes"),
            markup=False,
        )
        return EXIT_USAGE
    text = pack_skeleton(
        pack_id=pack_id,
        title=args.title or default_title(path.stem),
        file_name=path.name,
        schema=args.schema or SCHEMA_FILE_NAME,
    )
    try:
        write_text(path, text, force=args.force)
    except FileExistsError:
        err.print(
            printable(f"{path}: already exists, not overwritten (use --force to replace it)"),
            markup=False,
        )
        return EXIT_PROBLEMS
    except OSError as error:
        err.print(printable(f"{path}: cannot write it: {error.strerror or error}"), markup=False)
        return EXIT_PROBLEMS
    out.print(printable(f"wrote {path}"), markup=False)
    if args.schema is None:
        schema_path = path.parent / SCHEMA_FILE_NAME
        schema_text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
        if not schema_path.exists():
            write_text(schema_path, schema_text)
            out.print(printable(f"wrote {schema_path} (the modeline points at it)"), markup=False)
        elif schema_path.read_text(encoding="utf-8", errors="replace") != schema_text:
            out.print(
                printable(
                    f"kept {schema_path}, which differs from this version's schema "
                    f"(refresh it: trivia schema -o {schema_path})"
                ),
                markup=False,
            )
    out.print(
        printable(
            f"next: replace the examples, then `trivia validate {path}` and `trivia lint {path}`"
        ),
        markup=False,
    )
    return EXIT_OK


_SHOWN_PROBLEMS = 50
"""Import problems listed before "... and N more": a broken 200,000-row file is not
worth 200,000 lines."""


def _print_capped(err: Console, problems: Sequence[object]) -> None:
    from trivia.packs.printable import printable

    for problem in problems[:_SHOWN_PROBLEMS]:
        err.print(printable(str(problem)), markup=False)
    if len(problems) > _SHOWN_PROBLEMS:
        err.print(f"... and {len(problems) - _SHOWN_PROBLEMS} more", markup=False)


def cmd_import(args: argparse.Namespace) -> int:
    """`trivia import opentdb|csv SRC -o OUT.yaml`: a valid pack from another format."""
    from contextlib import ExitStack

    from trivia.packs.ids import SLUG_RE, slugify
    from trivia.packs.importers import ImportFailed, check_document, dump_pack, write_text
    from trivia.packs.printable import printable
    from trivia.packs.scaffold import default_title
    from trivia.packs.yamlsafe import gc_paused

    out = _console()
    err = _console(stderr=True)
    output = Path(args.output)
    if output.exists() and not args.force:
        err.print(
            printable(f"{output}: already exists, not overwritten (use --force to replace it)"),
            markup=False,
        )
        return EXIT_PROBLEMS
    pack_id = args.pack_id or slugify(output.stem, default="imported")
    if not SLUG_RE.fullmatch(pack_id):
        err.print(
            printable(f"trivia import: --id {pack_id!r} must be lowercase words joined by dashes"),
            markup=False,
        )
        return EXIT_USAGE
    source_name = "<stdin>" if args.source == "-" else args.source
    try:
        data = sys.stdin.buffer.read() if args.source == "-" else Path(args.source).read_bytes()
    except OSError as error:
        err.print(
            printable(f"{source_name}: cannot read it: {error.strerror or error}"), markup=False
        )
        return EXIT_PROBLEMS
    options = {
        "pack_id": pack_id,
        "title": args.title or default_title(output.stem),
        "skip_bad": args.skip_bad,
    }
    with ExitStack() as stack:
        # Hundreds of thousands of new dicts and no cycles: the collector would only slow
        # the import down (see trivia.packs.yamlsafe.gc_paused).
        stack.enter_context(gc_paused())
        progress = None
        if err.is_terminal and len(data) > 1_000_000:
            progress = stack.enter_context(_ProgressBar(err, f"importing {source_name}"))
        try:
            if args.import_format == "opentdb":
                from trivia.packs.importers.opentdb import import_opentdb

                result = import_opentdb(
                    data, source_name, encoding=args.encoding, progress=progress, **options
                )
            else:
                from trivia.packs.importers.csvfile import import_csv

                delimiter = "\t" if args.delimiter == "tab" else args.delimiter
                result = import_csv(
                    data,
                    source_name,
                    publisher=args.publisher,
                    url=args.url,
                    delimiter=delimiter,
                    progress=progress,
                    **options,
                )
        except ImportFailed as error:
            stack.close()
            _print_capped(err, error.problems)
            count = len(error.problems)
            err.print(f"[red]{_plural(count, 'problem')}[/]: nothing written", highlight=False)
            return EXIT_PROBLEMS
        if progress is not None:
            progress.describe("writing YAML")
        header = (
            f"Imported by `trivia import {args.import_format}` from {Path(source_name).name}.\n"
            "Facts are the source's claims, as imported: check them before publishing.\n"
            f"Check the pack: trivia validate {output.name} && trivia lint {output.name}"
        )
        problems = check_document(result.document)
        if problems:  # the importer checks every record; this is a safety net
            stack.close()
            _print_capped(err, problems)
            err.print("[red]the imported pack does not validate[/]: nothing written")
            return EXIT_PROBLEMS
        text = dump_pack(result.document, header)
    try:
        write_text(output, text, force=args.force)
    except FileExistsError:
        err.print(
            printable(f"{output}: already exists, not overwritten (use --force)"), markup=False
        )
        return EXIT_PROBLEMS
    except OSError as error:
        err.print(printable(f"{output}: cannot write it: {error.strerror or error}"), markup=False)
        return EXIT_PROBLEMS
    if result.skipped:
        _print_capped(err, result.skipped)
    notes = []
    if result.skipped:
        notes.append(
            f"left out {_plural(len(result.skipped), 'problem record')}".replace(
                "problem records", "bad records"
            ).replace("problem record", "bad record")
        )
    if result.repeats:
        notes.append(f"left out {_plural(result.repeats, 'exact repeat')}")
    extra = f" ({'; '.join(notes)})" if notes else ""
    out.print(
        printable(f"wrote {output}: {_plural(result.questions, 'question')}{extra}"), markup=False
    )
    return EXIT_OK


class _ProgressBar:
    """A Rich progress bar on stderr, fed `(done, total)` by an importer."""

    def __init__(self, console: Console, description: str) -> None:
        from rich.progress import Progress

        self._progress = Progress(console=console, transient=True)
        self._task = self._progress.add_task(description, total=None)

    def __enter__(self) -> _ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._progress.stop()

    def __call__(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def describe(self, description: str) -> None:
        """Say what is happening now (a step with no count, such as writing)."""
        self._progress.update(self._task, description=description, total=None, completed=0)


def cmd_export(args: argparse.Namespace) -> int:
    """`trivia export csv PACK [-o OUT.csv]`: a spreadsheet that `trivia import csv` reads."""
    from trivia.packs import PackError
    from trivia.packs.export import pack_to_csv
    from trivia.packs.importers import write_text
    from trivia.packs.library import PackNotFound, resolve_pack
    from trivia.packs.printable import printable

    out = _console()
    err = _console(stderr=True)
    try:
        pack = resolve_pack(args.pack, _pack_dirs(args))
    except PackNotFound as error:
        err.print(printable(str(error)), markup=False)
        return EXIT_USAGE
    except PackError as error:
        _print_capped(err, error.problems)
        return EXIT_PROBLEMS
    text = pack_to_csv(pack)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    output = Path(args.output)
    try:
        # With a byte-order mark: Excel then reads the file as UTF-8, not the local code page.
        write_text(output, text, force=args.force, encoding="utf-8-sig")
    except FileExistsError:
        err.print(
            printable(f"{output}: already exists, not overwritten (use --force to replace it)"),
            markup=False,
        )
        return EXIT_PROBLEMS
    except OSError as error:
        err.print(printable(f"{output}: cannot write it: {error.strerror or error}"), markup=False)
        return EXIT_PROBLEMS
    out.print(
        printable(f"wrote {output}: {_plural(len(pack.questions), 'question')} of {pack.id}"),
        markup=False,
    )
    return EXIT_OK


_COMMANDS = {
    "home": cmd_home,
    "play": cmd_play,
    "packs": cmd_packs,
    "validate": cmd_validate,
    "lint": cmd_lint,
    "new": cmd_new,
    "import": cmd_import,
    "export": cmd_export,
    "schema": cmd_schema,
    "where": cmd_where,
    "stats": cmd_stats,
    "preview": cmd_preview,
    "party": cmd_party,
}
