"""Packs in and out of other formats: `trivia import FORMAT` and `trivia export csv`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trivia.cli.finder import PackFinder
from trivia.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    console,
    pack_id_or_report,
    plural,
    print_capped,
    schema_beside,
    write_or_report,
)
from trivia.packs.printable import printable

if TYPE_CHECKING:
    from rich.console import Console

    from trivia.packs.importers import ImportResult, Progress
    from trivia.packs.importers.writer import PackSpool, PackTooBig


def cmd_import(args: argparse.Namespace) -> int:
    """`trivia import opentdb|csv|red|kahoot|gift|tsv SRC -o OUT.yaml`: a valid pack from
    another format."""
    from contextlib import ExitStack

    from trivia.packs.importers import ImportFailed, check_document, dump_pack
    from trivia.packs.importers.writer import PackSpool, PackTooBig
    from trivia.packs.scaffold import SCHEMA_FILE_NAME, default_title
    from trivia.packs.yamlsafe import gc_paused

    out = console()
    err = console(stderr=True)
    output = Path(args.output)
    if args.source != "-" and _same_file(Path(args.source), output):
        # Even with --force: the pack would replace the only copy of what it came from.
        err.print(
            printable(f"{output}: is the file being imported, not overwritten (write elsewhere)"),
            markup=False,
        )
        return EXIT_USAGE
    if output.exists() and not args.force:
        err.print(
            printable(f"{output}: already exists, not overwritten (use --force to replace it)"),
            markup=False,
        )
        return EXIT_PROBLEMS
    pack_id = pack_id_or_report(err, "trivia import", args.pack_id, output.stem, "imported")
    if pack_id is None:
        return EXIT_USAGE
    source_name = "<stdin>" if args.source == "-" else args.source
    if args.source == "-" and sys.stdin is None:  # started with stdin closed (`<&-`)
        err.print("trivia import: - reads standard input, and there is none", markup=False)
        return EXIT_USAGE
    try:
        data = _read_capped(args.source)
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
    header = (
        # The editor's modeline, as `trivia new` writes it: the schema is written beside.
        f"yaml-language-server: $schema={SCHEMA_FILE_NAME}\n\n"
        f"Imported by `trivia import {args.import_format}` from {Path(source_name).name}.\n"
        "Facts are the source's claims, as imported: check them before publishing.\n"
        f"Check the pack: trivia validate {output.name} && trivia lint {output.name}"
    )
    with ExitStack() as stack:
        # Hundreds of thousands of new dicts and no cycles: the collector would only slow
        # the import down (see trivia.packs.yamlsafe.gc_paused).
        stack.enter_context(gc_paused())
        progress = None
        if err.is_terminal and len(data) > 1_000_000:
            progress = stack.enter_context(_ProgressBar(err, f"importing {source_name}"))
        try:
            # The questions go to temporary files beside OUT a batch at a time, and
            # become OUT only when all is well: a big import never holds the whole pack.
            spool = stack.enter_context(PackSpool(output))
        except OSError as error:
            stack.close()
            err.print(printable(f"{output}: cannot write it: {error.strerror or error}"))
            return EXIT_PROBLEMS
        try:
            result = _run_importer(args, data, source_name, options, progress, spool)
        except ImportFailed as error:
            stack.close()
            print_capped(err, error.problems)
            count = len(error.problems)
            err.print(f"[red]{plural(count, 'problem')}[/]: nothing written", highlight=False)
            return EXIT_PROBLEMS
        except PackTooBig as error:
            stack.close()
            _too_big(err, output, error)
            return EXIT_PROBLEMS
        if progress is not None:
            progress.describe("writing YAML")
        # A spooled import was checked batch by batch; one in memory is checked whole.
        problems = result.invalid if result.spooled else check_document(result.document)
        if problems:  # the importer checks every record; this is a safety net
            stack.close()
            print_capped(err, problems)
            err.print("[red]the imported pack does not validate[/]: nothing written")
            return EXIT_PROBLEMS
        if result.spooled:
            head = {key: result.document[key] for key in ("pack", "sources")}
            try:
                spool.finish(dump_pack(head, header), force=args.force)
            except PackTooBig as error:
                stack.close()
                _too_big(err, output, error)
                return EXIT_PROBLEMS
            except FileExistsError:
                err.print(printable(f"{output}: already exists, not overwritten (use --force)"))
                return EXIT_PROBLEMS
            except OSError as error:
                err.print(printable(f"{output}: cannot write it: {error.strerror or error}"))
                return EXIT_PROBLEMS
        else:
            text = dump_pack(result.document, header)
            failed = write_or_report(err, output, text, force=args.force, refusal="use --force")
            if failed is not None:
                return failed
    if result.skipped:
        print_capped(err, result.skipped)
    print_capped(err, [*result.left_out, *result.notes])
    notes = []
    if result.skipped:
        notes.append(
            f"left out {plural(len(result.skipped), 'problem record')}".replace(
                "problem records", "bad records"
            ).replace("problem record", "bad record")
        )
    if result.repeats:
        notes.append(f"left out {plural(result.repeats, 'exact repeat')}")
    if result.left_out:
        notes.append(f"{len(result.left_out)} not imported, listed above")
    extra = f" ({'; '.join(notes)})" if notes else ""
    out.print(
        printable(f"wrote {output}: {plural(result.questions, 'question')}{extra}"), markup=False
    )
    # Said on stderr: stdout's one line is the import's summary, which scripts read.
    schema_beside(err, output)
    return EXIT_OK


def _run_importer(
    args: argparse.Namespace,
    data: bytes,
    source_name: str,
    options: dict[str, Any],
    progress: _ProgressBar | None,
    spool: PackSpool,
) -> ImportResult:
    """The import the command line asks for; Open Trivia DB and CSV imports (the ones
    that run to hundreds of thousands of questions) write their questions to `spool`."""
    if args.import_format == "opentdb":
        from trivia.packs.importers.opentdb import import_opentdb

        return import_opentdb(
            data,
            source_name,
            encoding=args.encoding,
            progress=progress,
            spool=spool,
            **options,
        )
    if args.import_format != "csv":
        return _import_other(args, data, source_name, progress, options)
    from trivia.packs.importers.csvfile import import_csv

    delimiter = "\t" if args.delimiter == "tab" else args.delimiter
    ignored = [name.strip() for value in args.ignore_columns for name in value.split(",")]
    return import_csv(
        data,
        source_name,
        publisher=args.publisher,
        url=args.url,
        delimiter=delimiter,
        ignore_columns=[name for name in ignored if name],
        progress=progress,
        spool=spool,
        **options,
    )


def _too_big(err: Console, output: Path, error: PackTooBig) -> None:
    from trivia.packs.limits import MAX_BYTES

    err.print(
        printable(
            f"{output}: the pack would be over {error.size / 2**20:,.0f} MiB "
            f"({error.questions:,} questions so far), over the {MAX_BYTES / 2**20:,.0f} MiB "
            "that a pack may be: nothing written"
        ),
        markup=False,
    )
    err.print("split the source into several files and import each as its own pack", markup=False)


def _import_other(
    args: argparse.Namespace,
    data: bytes,
    source_name: str,
    progress: Progress | None,
    options: dict[str, Any],
) -> ImportResult:
    """`red`, `kahoot`, `gift` and `tsv`: each module's `import_FORMAT`, loaded when used."""
    from importlib import import_module

    module = import_module(f"trivia.packs.importers.{args.import_format}")
    importer = getattr(module, f"import_{args.import_format}")
    if args.import_format == "tsv":
        from trivia.packs.importers.tsv import separator_text

        for key in ("separator", "card_separator"):
            given = getattr(args, key)
            options = {**options, key: separator_text(given) if given else None}
    result: ImportResult = importer(
        data, source_name, publisher=args.publisher, url=args.url, progress=progress, **options
    )
    return result


def _same_file(source: Path, output: Path) -> bool:
    try:
        return output.exists() and source.samefile(output)
    except OSError:
        return False


def _read_capped(source: str) -> bytes:
    """The bytes of the file (or stdin for "-"), up to one past the importers' size limit:
    enough for them to refuse a huge file without it all in memory."""
    from trivia.packs.limits import MAX_BYTES

    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(source, "rb") as stream:
        return stream.read(MAX_BYTES + 1)


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
    from trivia.packs.export import pack_to_csv

    out = console()
    err = console(stderr=True)
    pack = PackFinder.from_args(args).resolve_or_report(args.pack, capped=True)
    if isinstance(pack, int):
        return pack
    text = pack_to_csv(pack)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    output = Path(args.output)
    # With a byte-order mark: Excel then reads the file as UTF-8, not the local code page.
    failed = write_or_report(err, output, text, force=args.force, encoding="utf-8-sig")
    if failed is not None:
        return failed
    out.print(
        printable(f"wrote {output}: {plural(len(pack.questions), 'question')} of {pack.id}"),
        markup=False,
    )
    return EXIT_OK
