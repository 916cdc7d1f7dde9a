"""The command line's view of the bank index: `trivia packs`, and packs found for `play`.

Packs are listed and resolved through the index (`trivia.store.bank`), so a big bank is
read once, when it is new or has changed; compiling it shows a progress bar on stderr
when stderr is a terminal. Rich is imported here, not in the store.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from trivia.packs.printable import printable
from trivia.wording import counted

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from trivia.packs.library import PackDir, PackEntry
    from trivia.packs.model import Pack
    from trivia.store.bank import Progress

MAX_PROBLEMS_SHOWN = 5
"""Problems listed per invalid pack; `trivia validate FILE` lists them all."""


@contextlib.contextmanager
def index_progress(err: Console | None = None) -> Iterator[Progress | None]:
    """A progress callback drawing a Rich bar on stderr, or None when it is not a terminal."""
    from rich.console import Console

    console = err or Console(stderr=True, highlight=False)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    tasks: dict[str, object] = {}

    def report(progress: object) -> None:
        from trivia.store.bank import IndexProgress

        assert isinstance(progress, IndexProgress)
        key = str(progress.path)
        if key not in tasks:
            name = printable(progress.path.name).replace("[", r"\[")
            tasks[key] = bars.add_task(f"indexing {name}", total=None)
        task = tasks[key]
        if progress.stage == "indexing":
            bars.update(task, total=progress.total, completed=progress.done)  # type: ignore[arg-type]
        elif progress.stage == "done":
            bars.update(task, total=progress.total or 1, completed=progress.total or 1)  # type: ignore[arg-type]

    with bars:
        yield report


def indexed_entries(
    dirs: Sequence[PackDir], err: Console | None = None, index_path: Path | None = None
) -> list[PackEntry]:
    """Every pack in the directories through the index, with a progress bar if compiling.

    `index_path` is the index file (None: `trivia.store.bank.bank_index_path()`).
    """
    from trivia.store.bank import scan_indexed

    with index_progress(err) as progress:
        return scan_indexed(dirs, progress, path=index_path)


def resolve_pack_indexed(
    name: str,
    dirs: Sequence[PackDir],
    err: Console | None = None,
    index_path: Path | None = None,
) -> Pack:
    """The pack a `--pack` value names (id or path), through the index (for `trivia play`).

    `index_path` is the index file (None: `trivia.store.bank.bank_index_path()`).

    Raises:
        PackNotFound: Nothing matches; the message lists the ids that exist.
        PackError: The file was found but has problems.
    """
    from trivia.store.bank import resolve_indexed

    with index_progress(err) as progress:
        return resolve_indexed(name, dirs, progress, path=index_path)


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


def list_packs(
    dirs: Sequence[PackDir],
    out: Console,
    err: Console | None = None,
    index_path: Path | None = None,
) -> int:
    """`trivia packs`: every pack with its counts; invalid ones with their problems.

    Returns:
        0 when every pack is valid, 1 when one is not or none was found.
    """
    entries = indexed_entries(dirs, err, index_path)
    if not entries:
        out.print("No packs found. `trivia where` shows where packs are looked for.")
        return 1
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
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover - a manual check
    from rich.console import Console

    from trivia.packs.library import pack_dirs

    sys.exit(list_packs(pack_dirs(sys.argv[1:]), Console(highlight=False, soft_wrap=True)))
