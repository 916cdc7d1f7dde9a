"""The author's commands: `packs`, `validate`, `lint`, `new` and `schema`.

None of them imports Textual, so they start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trivia.cli.finder import PackFinder, pack_paths
from trivia.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    console,
    pack_id_or_report,
    plural,
    schema_beside,
    write_or_report,
)
from trivia.packs.printable import printable
from trivia.wording import counted

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from trivia.packs.library import PackEntry
    from trivia.packs.lint import LintProgress

MAX_PROBLEMS_SHOWN = 5
"""Problems listed per invalid pack in `trivia packs`; `trivia validate FILE` lists them all."""


def cmd_packs(args: argparse.Namespace) -> int:
    """`trivia packs`: every pack found, with question counts; broken ones say why.

    Packs are read through the bank index, so a listing of big banks does not parse them
    again unless their files changed.
    """
    out = console()
    entries = PackFinder.from_args(args).entries(console(stderr=True))
    if not entries:
        out.print("No packs found. `trivia where` shows where packs are looked for.")
        return EXIT_PROBLEMS
    out.print(packs_table(entries))
    broken = [entry for entry in entries if entry.pack is None]
    for entry in broken:
        for problem in entry.problems[:MAX_PROBLEMS_SHOWN]:
            out.print(printable(problem), markup=False)
        if len(entry.problems) > MAX_PROBLEMS_SHOWN:
            out.print(f"… and {len(entry.problems) - MAX_PROBLEMS_SHOWN} more", markup=False)
    if broken:
        out.print(
            f"{counted(len(broken), 'pack')} could not be loaded: run `trivia validate FILE` "
            "for details."
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def packs_table(entries: Sequence[PackEntry]) -> Table:
    """The table `trivia packs` prints: one row per pack file, broken ones included."""
    from rich.table import Table
    from rich.text import Text

    from trivia.packs.stored import summary_of

    table = Table(title="Installed packs", title_justify="left")
    table.add_column("id")
    table.add_column("pack")
    table.add_column("questions", justify="right")
    table.add_column("from")
    table.add_column("file", overflow="fold")
    for entry in entries:
        if entry.pack is None:
            table.add_row(
                Text("?"),
                Text(f"invalid: {counted(len(entry.problems), 'problem')}", style="red"),
                "-",
                entry.origin,
                Text(str(entry.path)),
            )
            continue
        meta = entry.pack.meta
        summary = summary_of(entry.pack)
        about = Text(printable(meta.title), style="bold")
        if meta.description:
            about.append("\n" + printable(meta.description))
        if summary.tags:
            shown = list(summary.tags)[:8]
            more = f" +{len(summary.tags) - len(shown)}" if len(summary.tags) > len(shown) else ""
            about.append(f"\ntags: {printable(', '.join(shown))}{more}", style="dim")
        counts = Text(str(summary.questions))
        for kind, number in (*summary.by_type.items(), *summary.by_difficulty.items()):
            counts.append(f"\n{number} {kind}", style="dim")
        table.add_row(
            Text(printable(meta.id)),
            about,
            counts,
            f"{entry.origin}" + (" (shadowed)" if entry.shadowed_by else ""),
            Text(str(entry.path)),
        )
    return table


def cmd_validate(args: argparse.Namespace) -> int:
    """`trivia validate PATH...`: every problem as `path:line:col: message`."""
    from rich.text import Text

    from trivia.packs.stream import check_pack_file

    out = console()
    files = pack_paths(out, args.paths)
    total = 0
    for path in files:
        problems = check_pack_file(path)
        total += len(problems)
        for problem in problems:
            out.print(printable(str(problem)), markup=False)
        if not problems:
            # The path is the user's text: styled by a Text span, never parsed as markup.
            out.print(Text.assemble(("ok", "green"), " ", printable(str(path))))
    if total:
        out.print(f"[red]{counted(total, 'problem')}[/] in {counted(len(files), 'file')}")
        return EXIT_PROBLEMS
    return EXIT_OK if files else EXIT_PROBLEMS


def cmd_schema(args: argparse.Namespace) -> int:
    """`trivia schema`: the pack JSON Schema, for editor completion."""
    from trivia.packs import pack_json_schema

    text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from trivia.packs.importers import write_text

        err = console(stderr=True)
        target = Path(args.output)
        if not args.force and _same_text(target, text):
            err.print(printable(f"{target} is already up to date"), markup=False)
            return EXIT_OK
        try:
            write_text(target, text, force=args.force)
        except FileExistsError:
            err.print(
                printable(f"{target}: already exists, not overwritten (use --force to replace it)"),
                markup=False,
            )
            return EXIT_PROBLEMS
        except OSError as error:
            err.print(
                printable(f"{target}: cannot write the schema ({error.strerror or error})"),
                markup=False,
            )
            return EXIT_PROBLEMS
        err.print(printable(f"wrote {target}"), markup=False)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _same_text(path: Path, text: str) -> bool:
    """Whether `path` is a readable file holding exactly `text`."""
    try:
        return path.is_file() and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def cmd_lint(args: argparse.Namespace) -> int:
    """`trivia lint PATH...`: quality findings as `path:line:col: level: message [rule]`."""
    from collections import Counter

    from rich.text import Text

    from trivia.packs.lint import RULES, Level, lint_paths

    out = console()
    err = console(stderr=True)
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
    files = pack_paths(out, args.paths)
    with _lint_progress(err) as progress:
        report = lint_paths(files, ignore=ignore, progress=progress)
    # Each line as its pieces and their styles: Rich assembles them only for a terminal.
    lines: list[tuple[str, int, int, _Pieces]] = []
    for problem in report.problems:
        pieces: _Pieces = ((printable(str(problem)), ""),)
        lines.append((problem.path, problem.line, problem.col, pieces))
    for finding in report.findings:
        place = f"{finding.path}:{finding.line}:{finding.col}: "
        style = "bold red" if finding.level is Level.ERROR else "yellow"
        rest = f": {finding.message}" + (f" ({finding.hint})" if finding.hint else "")
        pieces = (
            (printable(place), ""),
            (str(finding.level), style),
            (printable(rest), ""),
            (f" [{finding.rule}]", "dim"),
        )
        lines.append((finding.path, finding.line, finding.col, pieces))
    lines.sort(key=lambda entry: entry[:3])
    _print_lines(out, [pieces for *_, pieces in lines])
    counts = []
    if report.problems:
        invalid = report.invalid_files
        counts.append(f"{plural(invalid, 'file')} not valid (`trivia validate` explains)")
    counts.append(plural(report.errors, "error"))
    counts.append(plural(report.warnings, "warning"))
    by_rule = Counter(finding.rule for finding in report.findings)
    if len(by_rule) > 1:
        counts[-1] += f" ({', '.join(f'{rule} {n}' for rule, n in by_rule.most_common())})"
    scope = f"{plural(report.files, 'file')}, {plural(report.questions, 'question')}"
    failed = report.failed(strict=args.strict)
    if not report.findings and not report.problems:
        out.print(f"[green]ok[/] no findings ({scope})" if files else "no pack files to lint")
    else:
        colour = "red" if failed else "yellow"
        out.print(f"[{colour}]{', '.join(counts)}[/] ({scope})")
    if not files:
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if failed else EXIT_OK


_LINES_PER_PRINT = 1000
"""Findings printed per call to Rich on a terminal (one call per line is slow)."""


_Pieces = tuple[tuple[str, str], ...]
"""A line of output as (text, Rich style) pieces."""


def _print_lines(out: Console, lines: list[_Pieces]) -> None:
    """Print one finding per line, fast: 42,000 findings in well under a second.

    Off a terminal (a pipe, a file) there is no colour, so the plain text is written as it
    is; on a terminal Rich styles them, a thousand lines per call.
    """
    from rich.text import Text

    if out.color_system is None:
        out.file.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    for start in range(0, len(lines), _LINES_PER_PRINT):
        batch = [Text.assemble(*line) for line in lines[start : start + _LINES_PER_PRINT]]
        out.print(Text("\n").join(batch))


@contextlib.contextmanager
def _lint_progress(err: Console) -> Iterator[LintProgress | None]:
    """A progress bar on stderr for a lint run (None when stderr is not a terminal)."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        console=err,
        transient=True,
    )
    task = bar.add_task("linting", total=None)

    def report(what: str, done: int, total: int) -> None:
        bar.update(task, description=what.replace("[", r"\["), completed=done, total=total)

    with bar:
        yield report


def cmd_new(args: argparse.Namespace) -> int:
    """`trivia new PATH`: a commented, valid pack skeleton, and the schema beside it."""
    from trivia.packs.scaffold import SCHEMA_FILE_NAME, default_title, pack_skeleton

    out = console()
    err = console(stderr=True)
    path = Path(args.path)
    pack_id = pack_id_or_report(err, "trivia new", args.pack_id, path.stem, "my-pack")
    if pack_id is None:
        return EXIT_USAGE
    text = pack_skeleton(
        pack_id=pack_id,
        title=args.title or default_title(path.stem),
        file_name=path.name,
        schema=args.schema or SCHEMA_FILE_NAME,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        err.print(
            printable(f"{path.parent}: cannot make the folder: {error.strerror or error}"),
            markup=False,
        )
        return EXIT_PROBLEMS
    failed = write_or_report(err, path, text, force=args.force)
    if failed is not None:
        return failed
    out.print(printable(f"wrote {path}"), markup=False)
    if args.schema is None:
        schema_beside(out, path)
    out.print(
        printable(
            f"next: replace the examples, then `trivia validate {path}` and `trivia lint {path}`"
        ),
        markup=False,
    )
    return EXIT_OK
