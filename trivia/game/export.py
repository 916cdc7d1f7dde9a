"""Party results as files: CSV and JSON named by the date and the packs, never overwritten.

`export_results` picks the names (`party-2026-11-25-mad-men.csv`, then `-2`, `-3`... when
taken) and writes each format with `trivia.game.party.export_csv` / `export_json`. The
store calls it with the save's folder and the host's date (`Store.export_party`); anything
else that holds a party can call it with its own folder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from trivia.game.party import Party, export_csv, export_json

EXPORT_FORMATS = ("csv", "json")
"""Results file formats, by suffix."""


def results_stem(day: date, pack_key: str) -> str:
    """`party-YYYY-MM-DD-<packs>`: the date and the packs, safe in any file system."""
    slug = re.sub(r"[^a-z0-9+]+", "-", pack_key.casefold()).strip("-") or "party"
    return f"party-{day.isoformat()}-{slug}"


def export_results(
    party: Party,
    directory: Path,
    day: date,
    formats: Sequence[str] = EXPORT_FORMATS,
) -> list[Path]:
    """Write the party's results into a directory, never over an existing file.

    Files are named `party-2026-11-25-mad-men.csv` (and `.json`); when a name is taken,
    `-2`, `-3`... is added, the same number for every format of one export, so the CSV
    and the JSON of one party keep matching names.

    Args:
        party: The party (finished or not: the results so far).
        directory: Where to write (created if missing).
        day: The date in the name (the host's local date).
        formats: "csv" and/or "json".

    Returns:
        The files written, in the order of `formats`.

    Raises:
        ValueError: An unknown format.
        OSError: The directory cannot be written.
    """
    writers: dict[str, Callable[..., Path]] = {"csv": export_csv, "json": export_json}
    unknown = [kind for kind in formats if kind not in writers]
    if unknown:
        raise ValueError(f"unknown export format {', '.join(unknown)}; known: csv, json")
    directory.mkdir(parents=True, exist_ok=True)
    stem = results_stem(day, "+".join(party.pack_ids))
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        targets = [directory / f"{name}.{kind}" for kind in formats]
        if not any(target.exists() for target in targets):
            written: list[Path] = []
            try:
                for kind, target in zip(formats, targets, strict=True):
                    # "x" mode: another export taking the name between the check and
                    # the write makes this one move on to the next number instead.
                    written.append(writers[kind](party, target, overwrite=False))
                return written
            except FileExistsError:
                for path in written:
                    path.unlink(missing_ok=True)
        number += 1
