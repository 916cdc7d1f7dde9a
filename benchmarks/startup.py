"""How long `trivia` takes until a player can play, against a minimal Textual app.

Both programs run as subprocesses on a pseudo-terminal (100x30), launched alternately, and
the benchmark reads the screen as a terminal would. It times three moments from just
before the launch:

- first paint: the first frame (Textual's `Ready`; each program writes the time to the
  file `TRIVIA_EXIT_AFTER_FIRST_PAINT` names and exits);
- Home playable (the target): Home shows the bundled pack ("Mad Men") with the list
  focused, so Enter plays it. For the minimal app: "Hello" is shown. This is what a
  player feels on launch: interpreter start, imports, CSS, the first paint and the pack
  list (from the last scan's listing, as on every launch after the first);
- first question: the benchmark then presses Enter as a player would, and the round's
  first question ("Question 1 of") is on screen: the pack scan, the save opening and the
  question screen. For the minimal app: Enter, and "Pressed" is shown (it does nothing
  else, so this ratio says what a round costs, not how slow the start is).

The minimal app is a Header, one Static and a Footer (and an Enter binding). Each result
is the ratio of the medians, trivia / minimal; the target is at most 1.15 for Home
playable.

Run from the checkout:

    .venv/bin/python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "TRIVIA_EXIT_AFTER_FIRST_PAINT"
SIZE = (100, 30)

MINIMAL_APP = f"""
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    BINDINGS = [("enter", "pressed", "Press")]

    def compose(self):
        yield Header()
        yield Static("Hello")
        yield Footer()

    def on_ready(self):
        marker = os.environ.get({MARKER!r})
        if marker:
            Path(marker).write_text(repr(time.time()))
            self.exit()

    def action_pressed(self):
        self.query_one(Static).update("Pressed")

Minimal().run()
"""

# What the screen shows at each step of the playable moment: (wait for, then press).
TRIVIA_STEPS = (b"Mad Men", b"Question 1 of")
MINIMAL_STEPS = (b"Hello", b"Pressed")

# Control sequences (CSI, OSC and two-byte escapes) between the characters on screen.
_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def trivia_command() -> list[str]:
    """`trivia` as the player launches it: the console entry point's module."""
    return [sys.executable, "-m", "trivia"]


def minimal_command() -> list[str]:
    """The minimal Textual app."""
    return [sys.executable, "-c", MINIMAL_APP]


def _terminal() -> tuple[int, int]:
    primary, secondary = pty.openpty()
    columns, rows = SIZE
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return primary, secondary


def _environment(scratch: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm-256color", **extra}
    for name in ("TEXTUAL", MARKER, "NO_COLOR"):
        if name not in extra:
            env.pop(name, None)
    # The saves in a scratch dir; the bank index kept across runs (warmed by the warm-up),
    # as a player's index is after their first launch.
    env["TRIVIA_SAVE_DIR"] = str(scratch / "saves")
    env.setdefault("TRIVIA_BANK_INDEX", str(scratch.parent / "bench-bank-index.sqlite"))
    return env


def time_to_first_paint(command: list[str], scratch: Path) -> float:
    """Seconds from launching `command` on a pseudo-terminal to its first painted frame."""
    primary, secondary = _terminal()
    marker = scratch / "painted"
    marker.unlink(missing_ok=True)
    env = _environment(scratch, **{MARKER: str(marker)})
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


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system, all threads) a running process has used so far.

    Unlike the wall time, it hardly moves with the machine's load: it says how much work
    the program did to get there, where the wall time says how long a player waited.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_to_playable(
    command: list[str], steps: Sequence[bytes], scratch: Path
) -> tuple[list[float], list[float]]:
    """Seconds from launch until the screen shows `steps[0]`, and until, Enter pressed
    then, it shows `steps[1]`: the first thing a player does, done. Returns those wall
    times and the CPU seconds the program had used at each."""
    primary, secondary = _terminal()
    env = _environment(scratch)
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    os.close(secondary)
    seen = b""
    waiting = list(steps)
    times: list[float] = []
    cpu: list[float] = []
    deadline = started + 60
    try:
        while waiting:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{command[:3]} never showed {waiting[0]!r}")
            ready, _, _ = select.select([primary], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(primary, 65536)
            except OSError as closed:
                raise RuntimeError(
                    f"{command[:3]} exited before showing {waiting[0]!r}"
                ) from closed
            seen = (seen + _ESCAPES.sub(b"", chunk))[-4096:]
            if waiting[0] in seen:
                times.append(time.perf_counter() - started)
                cpu.append(cpu_seconds(process.pid))
                if os.environ.get("STARTUP_STEPS"):
                    print(f"    {waiting[0]!r} at {times[-1]:.3f}")
                waiting.pop(0)
                seen = b""
                if waiting:
                    os.write(primary, b"\r")
        return times, cpu
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(primary)


def _report(
    name: str, trivia_times: list[float], minimal_times: list[float], *, target: bool = False
) -> float:
    trivia_median = statistics.median(trivia_times)
    minimal_median = statistics.median(minimal_times)
    ratio = trivia_median / minimal_median
    verdict = "for information"
    if target:
        verdict = "ok" if ratio <= 1.15 else "over the 1.15 target"
    print(f"{name}:")
    print(f"  trivia  median {trivia_median * 1000:7.1f} ms  (min {min(trivia_times) * 1000:.1f})")
    print(
        f"  minimal median {minimal_median * 1000:7.1f} ms  (min {min(minimal_times) * 1000:.1f})"
    )
    print(f"  ratio   {ratio:.3f}  ({verdict})")
    return ratio


def main() -> int:
    """Run the benchmark and print the medians and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each program (default 10)")
    args = parser.parse_args()
    trivia, minimal = trivia_command(), minimal_command()
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"trivia:  {' '.join(trivia[:3])}")
    print(f"minimal: {minimal[0]} -c <Header + Static + Footer app>")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "run"
        scratch.mkdir()
        # One warm-up each: the first run pays for cold disk caches, .pyc compilation and
        # the bank index.
        time_to_playable(trivia, TRIVIA_STEPS, scratch)
        time_to_playable(minimal, MINIMAL_STEPS, scratch)
        paint: tuple[list[float], list[float]] = ([], [])
        home: tuple[list[float], list[float]] = ([], [])
        question: tuple[list[float], list[float]] = ([], [])
        home_cpu: tuple[list[float], list[float]] = ([], [])
        for _ in range(args.runs):
            paint[0].append(time_to_first_paint(trivia, scratch))
            paint[1].append(time_to_first_paint(minimal, scratch))
            for program, command, steps in ((0, trivia, TRIVIA_STEPS), (1, minimal, MINIMAL_STEPS)):
                (shown, answered), (work, _) = time_to_playable(command, steps, scratch)
                home[program].append(shown)
                question[program].append(answered)
                home_cpu[program].append(work)
    print(f"runs: {args.runs} of each, alternating")
    _report("first paint", *paint)
    _report("Home playable (the pack listed, Enter plays it) [the target]", *home, target=True)
    _report("Home playable, CPU time used (steadier than wall time on a busy machine)", *home_cpu)
    _report("first question (Enter pressed on Home, the question shown)", *question)
    return 0


if __name__ == "__main__":
    sys.exit(main())
