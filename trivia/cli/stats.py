"""Where things are and how a player is doing: `trivia where` and `trivia stats`.

`stats` prints the numbers `Store.stats` gives (the same data `--json` prints) as tables, a
score sparkline and accuracy bars. Every value is also written as a number, so nothing
relies on colour.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from trivia.cli.finder import PackFinder
from trivia.cli.output import EXIT_OK, EXIT_USAGE, console, save_dir
from trivia.game.scoring import format_points
from trivia.packs.printable import printable
from trivia.wording import counted

_TICKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 20


def cmd_where(args: argparse.Namespace) -> int:
    """`trivia where`: the save directory (and the rule that chose it) and the pack dirs."""
    from rich.markup import escape

    from trivia.store.paths import resolve_save_dir

    out = console()
    location = resolve_save_dir(args.save_dir)
    out.print(f"saves:    {escape(str(location.directory))}  [dim]({location.reason})[/]")
    out.print(f"database: {escape(str(location.database))}")
    for pack_dir in PackFinder.from_args(args).dirs:
        try:
            exists = "" if pack_dir.path.is_dir() else "  [dim](does not exist yet)[/]"
        except OSError as error:  # a name too long for the system, say
            exists = f"  [dim](cannot be used: {escape(error.strerror or str(error))})[/]"
        out.print(f"packs:    {escape(str(pack_dir.path))}  [dim]({pack_dir.origin})[/]{exists}")
    from trivia.store.bank import bank_index_path

    index = bank_index_path(args.save_dir)
    out.print(f"index:    {escape(str(index))}  [dim](a cache; safe to delete)[/]")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """`trivia stats`: every profile's records (or one), as tables or as JSON."""
    from trivia.store import Store

    err = console(stderr=True)
    packs = PackFinder.from_args(args).playable()
    with Store.open(save_dir(args)) as store:
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
    print_report(console(), report, {pack.id: pack.meta.title for pack in packs})
    return EXIT_OK


def sparkline(values: Sequence[float]) -> str:
    """One character a value, scaled between the smallest and the largest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return _TICKS[len(_TICKS) // 2] * len(values)
    top = len(_TICKS) - 1
    return "".join(_TICKS[round((value - low) / span * top)] for value in values)


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar, `fraction` of `width` filled (eighths of a cell for precision)."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width, "·")


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def print_report(console: Console, report: Mapping[str, Any], titles: Mapping[str, str]) -> None:
    """Print every profile's records and the questions flagged for authors.

    Args:
        console: Where to print.
        report: `{"profiles": [Store.stats(...), ...], "flagged_questions": [...]}`.
        titles: Pack id -> pack title, for friendlier names.
    """
    profiles = report["profiles"]
    if not profiles:
        console.print("No progress saved yet: play a round with `trivia play`.")
    for stats in profiles:
        _print_profile(console, stats, titles)
    flagged = report.get("flagged_questions") or []
    if flagged:
        table = Table(
            title="Often missed (worth a look by the pack's author)", title_justify="left"
        )
        for column in ("pack", "question", "players", "missed by"):
            table.add_column(
                column, justify="right" if column in ("players", "missed by") else "left"
            )
        for row in flagged:
            table.add_row(
                Text(printable(row["pack_id"])),
                Text(printable(row["question_id"])),
                str(row["players"]),
                f"{row['missed_by']} ({_percent(row['miss_rate'])})",
            )
        console.print(table)


def _print_profile(console: Console, stats: Mapping[str, Any], titles: Mapping[str, str]) -> None:
    name = printable(stats["profile"]["name"])
    rounds = stats["rounds"]
    console.print(Text(name, style="bold"))
    console.print(
        f"  {counted(rounds['finished'], 'round')} finished · "
        f"{counted(stats['answered'], 'answer')} · "
        f"{_percent(stats['accuracy'])} right · best streak {stats['best_streak']}"
    )
    history = [row["score"] for row in stats["score_history"]]
    if history:
        console.print(
            f"  scores, oldest first: {sparkline(history)}  "
            f"(low {format_points(min(history))}, high {format_points(max(history))}, "
            f"last {format_points(history[-1])})"
        )
    if stats["high_scores"]:
        table = Table(title="High scores", title_justify="left", show_edge=False)
        table.add_column("pack")
        table.add_column("mode")
        table.add_column("score", justify="right")
        table.add_column("when")
        for row in stats["high_scores"]:
            table.add_row(
                Text(printable(titles.get(row["packs"], row["packs"]))),
                row["mode"],
                format_points(row["score"]),
                row["started_at"][:10],
            )
        console.print(table)
    if stats["packs"]:
        table = Table(title="Packs", title_justify="left", show_edge=False)
        table.add_column("pack")
        table.add_column("accuracy", justify="right")
        table.add_column("seen", justify="right")
        table.add_column("mastered", justify="right")
        table.add_column("best streak", justify="right")
        for pack_id, row in stats["packs"].items():
            total = row["total"]
            mastered = f"{row['mastered']} of {total}" if total else str(row["mastered"])
            table.add_row(
                Text(printable(titles.get(pack_id, pack_id))),
                _percent(row["accuracy"]),
                str(row["seen"]),
                mastered,
                str(row["best_streak"]),
            )
        console.print(table)
    if stats["tags"]:
        console.print("  accuracy by tag:")
        width = max(len(tag) for tag in stats["tags"])
        for tag, row in stats["tags"].items():
            label = printable(tag).ljust(width)
            console.print(
                Text(
                    f"    {label}  {bar(row['accuracy'])} {_percent(row['accuracy']):>4}"
                    f"  ({row['correct']}/{row['answered']})"
                )
            )
    if not stats["answered"]:
        console.print("  Play a round to see your stats.")
    console.print()
