"""How long `trivia` takes to paint its Home screen, against a minimal Textual app.

Both programs run as subprocesses on a pseudo-terminal (100x30), launched alternately,
with `TRIVIA_EXIT_AFTER_FIRST_PAINT=FILE` set: on Textual's `Ready` event (sent once the
first frame has been written) each writes the wall-clock time to FILE and exits. The time
from just before the launch to that timestamp is the startup time: interpreter start,
imports, app construction, CSS, compose and the first paint; not shutdown.

The minimal app is a Header, one Static and a Footer. The result is the ratio of the
medians, trivia / minimal; the target is at most 1.15.

Run from the checkout:

    .venv/bin/python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "TRIVIA_EXIT_AFTER_FIRST_PAINT"

MINIMAL_APP = f"""
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_ready(self):
        Path(os.environ[{MARKER!r}]).write_text(repr(time.time()))
        self.exit()

Minimal().run()
"""


def trivia_command() -> list[str]:
    """`trivia` as the player launches it: through the CLI once it opens the TUI."""
    cli = (ROOT / "trivia" / "cli.py").read_text(encoding="utf-8")
    if "trivia.tui" in cli:
        return [sys.executable, "-m", "trivia"]
    # Until the CLI is wired to the TUI: the same entry point the CLI will call.
    return [sys.executable, "-c", "from trivia.tui.app import main_tui; main_tui()"]


def minimal_command() -> list[str]:
    """The minimal Textual app."""
    return [sys.executable, "-c", MINIMAL_APP]


def time_to_first_paint(command: list[str], size: tuple[int, int] = (100, 30)) -> float:
    """Seconds from launching `command` on a pseudo-terminal to its first painted frame."""
    primary, secondary = pty.openpty()
    columns, rows = size
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    with tempfile.TemporaryDirectory() as scratch:
        marker = Path(scratch) / "painted"
        env = {**os.environ, MARKER: str(marker), "TERM": "xterm-256color"}
        env.pop("TEXTUAL", None)
        # Drain the terminal output, as a real terminal would, so the app never blocks.
        drain = threading.Thread(target=_drain, args=(primary,), daemon=True)
        drain.start()
        started = time.time()
        process = subprocess.Popen(
            command, stdin=secondary, stdout=secondary, stderr=secondary, cwd=ROOT, env=env
        )
        try:
            process.wait(timeout=60)
        finally:
            os.close(secondary)
        if not marker.exists():
            raise RuntimeError(f"{command[:3]} exited without painting (code {process.returncode})")
        painted = float(marker.read_text())
    os.close(primary)
    return painted - started


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def main() -> int:
    """Run the benchmark and print the medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each program (default 10)")
    args = parser.parse_args()
    trivia, minimal = trivia_command(), minimal_command()
    print(__doc__.split("\n\n")[1].replace("\n", " "))
    print(f"trivia:  {' '.join(trivia[:3])}")
    print(f"minimal: {minimal[0]} -c <Header + Static + Footer app>")
    # One warm-up each: the first run pays for cold disk caches and .pyc compilation.
    time_to_first_paint(trivia)
    time_to_first_paint(minimal)
    trivia_times: list[float] = []
    minimal_times: list[float] = []
    for _ in range(args.runs):
        trivia_times.append(time_to_first_paint(trivia))
        minimal_times.append(time_to_first_paint(minimal))
    trivia_median = statistics.median(trivia_times)
    minimal_median = statistics.median(minimal_times)
    ratio = trivia_median / minimal_median
    print(f"runs: {args.runs} each, alternating")
    print(f"trivia  median {trivia_median * 1000:7.1f} ms  (min {min(trivia_times) * 1000:.1f})")
    print(f"minimal median {minimal_median * 1000:7.1f} ms  (min {min(minimal_times) * 1000:.1f})")
    verdict = "ok" if ratio <= 1.15 else "over the 1.15 target"
    print(f"ratio   {ratio:.3f}  ({verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
