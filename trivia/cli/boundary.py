"""The one place where the command line meets failure.

Every command runs inside `run`. What the world does to a command (a file that cannot be
read or written, a name longer than the system allows, a reader that closed the pipe, no
terminal for the game) is said in one sentence that names the file, with exit 1, or 2
for a usage problem; never a traceback. Anything else is a bug in the program: a short
"please report" line on stderr, and the traceback appended to a log file in the save dir.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

from trivia.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

ERROR_LOG = "trivia-errors.log"
"""The file in the save dir that keeps the tracebacks of the program's own bugs."""

_SHOWN_NAME = 120
"""File names longer than this are cut in messages (the rest adds nothing a person reads)."""


def run(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command's handler; returns the exit code, whatever happens inside it."""
    _tolerant_output()
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `trivia packs | head -1`: the reader left; that is not an error worth a word.
        _reader_left()
        return EXIT_OK
    except OSError as error:
        _say(os_error_sentence(error, args))
        return EXIT_PROBLEMS
    except MemoryError:
        _say(f"{_label(args)}: not enough memory to finish")
        return EXIT_PROBLEMS
    except Exception:  # noqa: BLE001 - the last line of defence: a bug, reported not shown
        log = _log_bug(args)
        where = f"the details are in {log}" if log else "the details could not be saved"
        _say(f"{_label(args)}: an internal error; please report it ({where})")
        return EXIT_PROBLEMS


def os_error_sentence(error: OSError, args: argparse.Namespace) -> str:
    """One sentence for an OSError: the file it names (cut if very long) and why."""
    from trivia.packs.printable import printable

    reason = error.strerror or str(error) or type(error).__name__
    if error.errno == errno.ENAMETOOLONG:
        reason = "the name is longer than this system allows"
    name = error.filename
    if name is None:
        return printable(f"{_label(args)}: {reason}")
    shown = os.fsdecode(name) if isinstance(name, bytes) else str(name)
    if len(shown) > _SHOWN_NAME:
        shown = f"{shown[: _SHOWN_NAME - 1]}… ({len(shown):,} characters)"
    return printable(f"{shown}: {reason}")


def needs_terminal(args: argparse.Namespace) -> int | None:
    """For the commands that open the game: the exit code after saying that they need a
    terminal, when run from a shell without one; None when they may go on.

    Only a real start (`main()` from the `trivia` script) is checked: tests and tools call
    `main([...])` with their own stand-in for the app.
    """
    if not getattr(args, "from_shell", False):
        return None
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        if stream is None or not stream.isatty():
            _say(
                f"{_label(args)}: the game needs a terminal, and the standard "
                f"{name} is not one (run it in a terminal window)"
            )
            return EXIT_USAGE
    return None


def _label(args: argparse.Namespace) -> str:
    """How a sentence names the command: "trivia play", or "trivia" for the bare one."""
    command = getattr(args, "command", None)
    return f"trivia {command}" if command else "trivia"


def _tolerant_output() -> None:
    """Make stdout and stderr write what their encoding cannot (a file name that is not
    UTF-8, a lone surrogate, an ASCII-only locale) as escapes instead of raising; a stream
    closed at the start (`>&-`) writes to the null device, as Rich does for its output."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - kept to the end
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - kept to the end
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or detached stream: nothing to do.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _reader_left() -> None:
    """Point stdout at the null device, so the interpreter's last flush finds no closed
    pipe to complain about."""
    # No real file descriptor (a test's stdout): nothing to redirect.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _say(sentence: str) -> None:
    # stderr closed too: the exit code is all that is left.
    with contextlib.suppress(OSError, ValueError):
        print(sentence, file=sys.stderr)


def _log_bug(args: argparse.Namespace) -> Path | None:
    """Append the traceback being handled to the error log; its path, or None."""
    import traceback
    from datetime import UTC, datetime

    from trivia import __version__

    record = (
        f"--- {datetime.now(UTC).isoformat(timespec='seconds')} "
        f"trivia {__version__}, argv {sys.argv[1:]!r}\n{traceback.format_exc()}\n"
    )
    for directory in _log_dirs(args):
        path = directory / ERROR_LOG
        try:
            directory.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
                log.write(record)
        except OSError:
            continue
        return path
    return None


def _log_dirs(args: argparse.Namespace) -> list[Path]:
    import tempfile

    dirs = []
    try:
        from trivia.store.paths import resolve_save_dir

        dirs.append(resolve_save_dir(getattr(args, "save_dir", None)).directory)
    except Exception:  # noqa: BLE001 - the save dir itself may be what is broken
        pass
    dirs.append(Path(tempfile.gettempdir()))
    return dirs
