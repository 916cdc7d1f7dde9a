"""What the player sees while a pack file is compiled into the bank index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trivia.packs.printable import printable

if TYPE_CHECKING:
    from trivia.store.bank import IndexProgress

BIG_PACK_BYTES = 1_000_000
"""Files this big get a notice when they are indexed (small ones take no visible time)."""


def indexing_text(progress: IndexProgress) -> str:
    """One line for Home's "looking for packs" place: which file, how far."""
    name = printable(progress.path.name)
    if progress.stage == "reading":
        read = f" {progress.done * 100 // progress.total}%" if progress.total else ""
        return f"Indexing {name}: reading…{read}"
    if progress.stage == "indexing" and progress.total:
        share = progress.done * 100 // progress.total
        return f"Indexing {name}: {progress.done:,} of {progress.total:,} questions ({share}%)"
    return f"Indexed {name}. Looking for packs…"


def indexing_notice(progress: IndexProgress) -> str | None:
    """A notice for the start and end of indexing a big pack file; None otherwise."""
    try:
        big = progress.path.stat().st_size >= BIG_PACK_BYTES
    except OSError:
        big = False
    if not big:
        return None
    name = printable(progress.path.name)
    if progress.stage == "reading" and not progress.done:  # once, not at every report
        return f"Indexing {name} (new or changed): the packs list when it is done."
    if progress.stage == "done":
        return f"Indexed {name}: {progress.total:,} questions."
    return None
