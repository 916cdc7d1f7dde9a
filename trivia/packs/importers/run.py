"""One import in progress, shared by the Red, Kahoot, GIFT and TSV importers.

`read_text` turns a file's bytes into lines the way an author's editor shows them (UTF-8
or UTF-16 with its byte-order mark, any line ending), and `ImportRun` holds what an
import builds: the `PackBuilder` with its header and source (the file's name, and the
author where the file gives one, so the reveal says where each question comes from), the
bad records (`problems`: nothing is written unless `skip_bad`), the records left out on
purpose because the pack format cannot hold them as written (`left_out`, listed but not
an error), and what did not carry over for the file as a whole (`notes`, said once).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Required, TypedDict, Unpack

from trivia.packs.importers import (
    Draft,
    ImportFailed,
    ImportProblem,
    ImportResult,
    PackBuilder,
    Progress,
    check_draft,
)
from trivia.packs.limits import MAX_BYTES

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_size(data: bytes, source: str) -> None:
    """Refuse a file over the importers' size limit before reading it.

    Raises:
        ImportFailed: The file is larger than `MAX_BYTES`.
    """
    if len(data) > MAX_BYTES:
        raise ImportFailed(
            [ImportProblem(source, f"the file is larger than {MAX_BYTES:,} bytes, the limit")]
        )


def read_text(data: bytes, source: str) -> list[str]:
    """The file's lines, without their endings (CRLF, LF or a lone CR).

    UTF-8, with or without a byte-order mark; UTF-16 when it starts with its byte-order
    mark (Excel's "Unicode Text" export). Only `\\r` and `\\n` end a line, so line numbers
    are those an editor shows (`str.splitlines` would also split at form feeds and U+2028).

    Raises:
        ImportFailed: Too big, or not text in those encodings (with the line of the first
            bad byte).
    """
    check_size(data, source)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(
                [ImportProblem(source, "not UTF-16 text, though it starts like it")]
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise ImportFailed(
                [ImportProblem(source, "not UTF-8 text", line, hint="save the file as UTF-8")]
            ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class ImportSettings(TypedDict, total=False):
    """What an import is told besides the file itself (the command line's options).

    Attributes:
        pack_id: The new pack's id.
        title: The new pack's title.
        publisher: Who published the questions; None records that nobody is named, or
            the author the file names.
        url: Where they are published, if anywhere.
        skip_bad: Leave out bad records (in `ImportResult.skipped`) instead of failing.
        today: The import date recorded in the source (default: today).
        progress: Told `(done, total)` every thousand records.
    """

    pack_id: Required[str]
    title: Required[str]
    publisher: str | None
    url: str | None
    skip_bad: bool
    today: date | None
    progress: Progress | None


class ImportRun:
    """A pack being built from one file, and everything said about the file's records.

    Args:
        source: The file, as given (named in every problem).
        kind: What the file is, for the pack's description and source title
            ("Red-DiscordBot trivia list").
        source_id: The id of the pack's one source.
        author: The author the file names, if any: the pack's author, and the
            publisher unless one is given.
        settings: The pack's id and title, and the rest of `ImportSettings`.
    """

    def __init__(
        self,
        source: str,
        *,
        kind: str,
        source_id: str,
        author: str | None = None,
        **settings: Unpack[ImportSettings],
    ) -> None:
        pack_id, title = settings["pack_id"], settings["title"]
        publisher, url = settings.get("publisher"), settings.get("url")
        skip_bad = settings.get("skip_bad", False)
        today, progress = settings.get("today"), settings.get("progress")
        self.source = source
        self.skip_bad = skip_bad
        self.progress = progress
        self.problems: list[ImportProblem] = []
        self.left_out: list[ImportProblem] = []
        self.notes: list[ImportProblem] = []
        imported = (today or date.today()).isoformat()
        name = Path(source).name
        entry: dict[str, str] = {
            "id": source_id,
            "title": f"{kind} {name}, imported {imported}",
            "publisher": publisher or author or f"Not recorded (questions from the {kind} {name})",
            "date": imported,
        }
        if url:
            entry["url"] = url
        by = f" by {author}" if author else ""
        meta: dict[str, Any] = {
            "id": pack_id,
            "title": title,
            "description": f"Questions imported from the {kind} {name}{by} on {imported}.",
            "language": "en",
        }
        if author:
            meta["authors"] = [author]
        meta["version"] = "1"
        self.builder = PackBuilder(meta=meta, source=entry, label=f"the {kind} {name}{by}")

    def _problem(self, message: str, line: int | None, cell: str | None) -> ImportProblem:
        return ImportProblem(self.source, message, line=line, cell=cell)

    def problem(self, message: str, *, line: int | None = None, cell: str | None = None) -> None:
        """A bad record: reported, and the import fails unless `skip_bad`."""
        self.problems.append(self._problem(message, line, cell))

    def leave_out(self, message: str, *, line: int | None = None, cell: str | None = None) -> None:
        """A record the pack cannot hold as written: listed, and the import goes on."""
        self.left_out.append(self._problem(message, line, cell))

    def note(self, message: str) -> None:
        """Something about the whole file that did not carry over, said once."""
        self.notes.append(ImportProblem(self.source, message))

    def add(self, draft: Draft, *, cell: str | None = None) -> bool:
        """Check a draft and add it to the pack; False (and a problem) when it is bad.

        The problem's place is `cell` if given, else the draft's line.
        """
        trouble = check_draft(draft)
        if not trouble:
            added = self.builder.add(draft)
            trouble = [added] if added else []
        for message in trouble:
            self.problem(message, line=draft.line, cell=cell)
        return not trouble

    def tick(self, done: int, total: int) -> None:
        """Tell the progress bar, every thousand records."""
        if self.progress is not None and done % 1000 == 0:
            self.progress(done, total)

    def finish(self, empty_hint: str) -> ImportResult:
        """The pack, or ImportFailed with the bad records (unless `skip_bad`).

        Args:
            empty_hint: What to do when the file gave no question at all.

        Raises:
            ImportFailed: A bad record without `skip_bad`, or no question to import.
        """
        if self.problems and not self.skip_bad:
            raise ImportFailed(self.problems)
        if not self.builder.questions:
            nothing = ImportProblem(self.source, "no questions to import", hint=empty_hint)
            raise ImportFailed([*self.problems, *self.left_out, nothing])
        return ImportResult(
            self.builder.document(),
            skipped=self.problems,
            left_out=self.left_out,
            notes=self.notes,
        )


__all__ = ["ImportRun", "ImportSettings", "check_size", "read_text"]
