"""The one way the command line finds packs: by id or path for `play`, `party` and
`export`, all of them for `packs` and `stats`, files and directories for `validate` and
`lint`.

Packs are listed and resolved through the bank index (`trivia.store.bank`), so a big bank is
read once, when it is new or has changed; compiling it shows a progress bar on stderr when
stderr is a terminal. Rich is imported here, not in the store.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trivia.cli.output import EXIT_PROBLEMS, EXIT_USAGE, console, print_capped

if TYPE_CHECKING:
    from rich.console import Console

    from trivia.packs.library import PackDir, PackEntry
    from trivia.packs.model import Pack
    from trivia.store.bank import Progress


@contextlib.contextmanager
def index_progress(err: Console | None = None) -> Iterator[Progress | None]:
    """A progress callback drawing a Rich bar on stderr, or None when it is not a terminal."""
    from rich.console import Console

    err = err or Console(stderr=True, highlight=False)
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[count]}"),
        console=err,
        transient=True,
    )
    tasks: dict[str, object] = {}

    def report(progress: object) -> None:
        from trivia.packs.printable import printable
        from trivia.store.bank import IndexProgress

        assert isinstance(progress, IndexProgress)
        key = str(progress.path)
        name = printable(progress.path.name).replace("[", r"\[")
        if key not in tasks:
            tasks[key] = bars.add_task(f"reading {name}", total=None, count="")
        task = tasks[key]
        # Reading counts bytes and writing counts questions: one bar, filled twice.
        if progress.stage == "reading" and progress.total:
            bars.update(task, total=progress.total, completed=progress.done)  # type: ignore[arg-type]
        elif progress.stage == "indexing":
            bars.update(
                task,  # type: ignore[arg-type]
                description=f"indexing {name}",
                total=progress.total,
                completed=progress.done,
                count=f"{progress.done:,}/{progress.total:,} questions",
            )
        elif progress.stage == "done":
            bars.update(task, total=progress.total or 1, completed=progress.total or 1)  # type: ignore[arg-type]

    with bars:
        yield report


class PackFinder:
    """The packs the global options (`--packs-dir`, `--save-dir`) make visible.

    Making one is cheap: the pack directories are listed on first use, so bare `trivia`
    can hand the app its save dir's index without importing the pack model before the
    first paint.

    Args:
        extra_dirs: The `--packs-dir` values, searched before the bundled and user dirs.
        index_path: The bank index file (None: `trivia.store.bank.bank_index_path()`).
    """

    def __init__(
        self, extra_dirs: Sequence[str | os.PathLike[str]] = (), index_path: Path | None = None
    ) -> None:
        self.extra_dirs = list(extra_dirs)
        self.index_path = index_path

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> PackFinder:
        """The finder for a parsed command line: its pack dirs and its save dir's index."""
        from trivia.store.paths import bank_index_in_save_dir

        return cls(args.packs_dir, bank_index_in_save_dir(args.save_dir))

    @functools.cached_property
    def dirs(self) -> list[PackDir]:
        """The directories searched, in the order that decides which id wins."""
        from trivia.packs.library import pack_dirs

        return pack_dirs(self.extra_dirs)

    def entries(self, err: Console | None = None) -> list[PackEntry]:
        """Every pack file in the directories, broken and shadowed ones included."""
        from trivia.store.bank import scan_indexed

        with index_progress(err) as progress:
            return scan_indexed(self.dirs, progress, path=self.index_path)

    def playable(self, err: Console | None = None) -> list[Pack]:
        """The packs that load and are not shadowed by an earlier one with the same id."""
        return [e.pack for e in self.entries(err) if e.pack and e.shadowed_by is None]

    def resolve(self, name: str, err: Console | None = None) -> Pack:
        """The pack a `--pack` value names: a path to a file, or the id of a found pack.

        Raises:
            PackNotFound: Nothing matches; the message lists the ids that exist.
            PackError: The file was found but has problems.
        """
        from trivia.store.bank import resolve_indexed

        with index_progress(err) as progress:
            return resolve_indexed(name, self.dirs, progress, path=self.index_path)

    def resolve_or_report(self, name: str, *, capped: bool = False) -> Pack | int:
        """The pack `name` names, or the exit code after saying on stderr why it cannot be
        had: 2 when nothing matches, 1 when the pack has problems (all of them listed, or
        the first `SHOWN_PROBLEMS` when `capped`)."""
        from trivia.packs import PackError
        from trivia.packs.library import PackNotFound
        from trivia.packs.printable import printable

        err = console(stderr=True)
        try:
            return self.resolve(name, err)
        except PackNotFound as error:
            err.print(printable(str(error)), markup=False)
            return EXIT_USAGE
        except PackError as error:
            if capped:
                print_capped(err, error.problems)
            else:
                for problem in error.problems:
                    err.print(printable(str(problem)), markup=False)
            return EXIT_PROBLEMS


def pack_paths(out: Console, names: Sequence[str]) -> list[Path]:
    """Pack files from the command line: files as given, directories' `.yaml` files.

    A directory without pack files is said on `out` and gives none.
    """
    from trivia.packs.library import pack_files
    from trivia.packs.printable import printable

    files: list[Path] = []
    for name in names:
        path = Path(name)
        try:
            is_dir = path.is_dir()
        except OSError:  # a name too long for the system, say: reading it says so
            is_dir = False
        if is_dir:
            found = pack_files(path)
            if not found:
                out.print(
                    f"{printable(name)}: no .yaml or .yml files in this directory", markup=False
                )
            files.extend(found)
        else:
            files.append(path)
    return files
