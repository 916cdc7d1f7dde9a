"""The pack list as it was last scanned, kept in a small JSON file beside the bank index.

Home reads it before its first frame, so a player sees their packs at once instead of
"Looking for packs…" while SQLite is imported and the bank index scanned (that scan still
runs right after the first frame and replaces the listing). Reading it opens no database.

A listing is trusted only while every file it names has the size and modification time
it had, in the same pack directories; anything else (a file changed, moved or gone, a
different `--packs-dir`, a corrupt or older listing) reads as no listing. A pack added
since is not in it: the scan that follows adds it.

The packs read from a listing are placeholders: their metadata, sources and counts are
real, their questions are not loaded (`is_listed` says so; touching one raises
`PackNotLoaded`). The app waits for the scan before it plays one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, overload

from trivia.packs.library import PackDir, PackEntry
from trivia.packs.model import AnyQuestion, Difficulty, Fact, Pack, PackMeta, Source
from trivia.packs.stored import PackSummary, summary_of

FORMAT = 1
"""The listing file's layout version; another version reads as no listing."""

SUFFIX = ".listing.json"
"""Added to the bank index's file name to name the listing beside it."""


class PackNotLoaded(LookupError):
    """A listed pack's questions or facts were asked for before the scan loaded them."""


def listing_path(bank_index: Path) -> Path:
    """Where the listing of the bank index at `bank_index` is kept."""
    return bank_index.with_name(bank_index.name + SUFFIX)


def write_listing(path: Path, dirs: Sequence[PackDir], entries: Sequence[PackEntry]) -> None:
    """Keep `entries` (a scan of `dirs`) for the next start; a failed write is skipped.

    The file is replaced whole (written beside it, then renamed), so a reader never sees
    half of it.
    """
    rows = []
    for entry in entries:
        key = _key(entry.path)
        if key is None:
            return
        row: dict[str, Any] = {
            "path": str(entry.path),
            "origin": entry.origin,
            "key": list(key),
            "problems": list(entry.problems),
            "shadowed_by": str(entry.shadowed_by) if entry.shadowed_by else None,
        }
        if entry.pack is not None:
            pack = entry.pack
            meta = pack.meta
            row["meta"] = {
                "id": meta.id,
                "title": meta.title,
                "description": meta.description,
                "language": meta.language,
                "authors": list(meta.authors),
                "version": meta.version,
            }
            row["sources"] = [
                {
                    "id": s.id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "date": s.date,
                    "url": s.url,
                }
                for s in pack.sources.values()
            ]
            row["summary"] = summary_of(pack).to_dict()
        rows.append(row)
    data = {"format": FORMAT, "dirs": _dirs(dirs), "entries": rows}
    scratch = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(scratch, path)
    except OSError:
        # Only a head start is lost: the next start scans as it always did.
        scratch.unlink(missing_ok=True)


def read_listing(path: Path, dirs: Sequence[PackDir]) -> list[PackEntry] | None:
    """The entries kept at `path` for `dirs`, or None when they cannot be trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("dirs") != _dirs(dirs):
            return None
        entries = [_entry(row) for row in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(entry is None for entry in entries):
        return None
    return entries  # type: ignore[return-value]


def is_listed(pack: Pack) -> bool:
    """True for a placeholder pack from a listing (its questions are not loaded)."""
    return isinstance(pack.questions, ListedQuestions)


class ListedQuestions(Sequence[AnyQuestion]):
    """A listed pack's questions: counted and summed up, not loaded."""

    def __init__(self, summary: PackSummary) -> None:
        self._summary = summary

    def __len__(self) -> int:
        return self._summary.questions

    def summary(self) -> PackSummary:
        """What the pack holds, in numbers (as `StoredQuestions.summary`)."""
        return self._summary

    @overload
    def __getitem__(self, index: int) -> AnyQuestion: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[AnyQuestion]: ...

    def __getitem__(self, index: int | slice) -> AnyQuestion | Sequence[AnyQuestion]:
        _not_loaded()

    def matching_positions(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> Sequence[int]:
        """Not known until the scan loads the pack."""
        _not_loaded()

    def matching_ids(
        self, tags: Collection[str], difficulties: Collection[Difficulty]
    ) -> list[str]:
        """Not known until the scan loads the pack."""
        _not_loaded()

    def at(self, positions: Sequence[int]) -> list[AnyQuestion]:
        """Not known until the scan loads the pack."""
        _not_loaded()

    def named(self, ids: Collection[str]) -> list[AnyQuestion]:
        """Not known until the scan loads the pack."""
        _not_loaded()


class _ListedFacts(Mapping[str, Fact]):
    """A listed pack's facts: counted, not loaded."""

    def __init__(self, count: int) -> None:
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, key: str) -> Fact:
        _not_loaded()

    def __iter__(self) -> Iterator[str]:
        _not_loaded()

    def __eq__(self, other: object) -> bool:
        # A placeholder equals only itself (comparing packs must not touch the facts).
        return self is other

    __hash__ = object.__hash__


def _not_loaded() -> NoReturn:
    raise PackNotLoaded("the pack is listed but not loaded yet: wait for the pack scan")


def _entry(row: Mapping[str, Any]) -> PackEntry | None:
    path = Path(row["path"])
    if _key(path) != tuple(row["key"]):
        return None
    shadowed_by = row["shadowed_by"]
    entry = PackEntry(
        path=path,
        origin=row["origin"],
        problems=[str(problem) for problem in row["problems"]],
        shadowed_by=Path(shadowed_by) if shadowed_by else None,
    )
    if "meta" in row:
        meta = dict(row["meta"])
        meta["authors"] = tuple(meta["authors"])
        summary = PackSummary.from_dict(row["summary"])
        entry.pack = Pack(
            meta=PackMeta(**meta),
            sources={s["id"]: Source(**s) for s in row["sources"]},
            facts=_ListedFacts(summary.facts),
            questions=ListedQuestions(summary),
            path=path,
        )
    return entry


def _dirs(dirs: Sequence[PackDir]) -> list[list[str]]:
    return [[str(d.path), d.origin] for d in dirs]


def _key(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)
