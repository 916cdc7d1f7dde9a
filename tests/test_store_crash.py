"""Kill -9 the game at random moments: the save stays sound and keeps every acknowledged answer.

A child process plays rounds through the real engine and store, printing "ACK <round>
<position>" (flushed) after each answer's commit returned. The test kills it with SIGKILL
after a random 5-100 ms, then checks the database: `PRAGMA integrity_check` passes, every
acknowledged answer is there, and the interrupted round resumes at its last answer.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_store_support import make_pack

from trivia.store import Store

pytestmark = pytest.mark.slow  # 50 processes started and killed

TESTS = Path(__file__).parent
ITERATIONS = 50

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from trivia.game import Mode, RoundConfig, build_round
    from trivia.store import Store
    from test_store_support import answer, make_pack

    store = Store.open(sys.argv[1])
    assert store.notices == (), store.notices
    pack = make_pack(count=60)
    profile = store.profile_for_play(None)
    seed = int(sys.argv[2])
    print("READY", flush=True)
    while True:
        round_ = build_round([pack], RoundConfig(mode=Mode.MARATHON, seed=seed))
        round_id = store.start_round(profile, round_, [pack])
        while True:
            outcome = answer(round_, len(round_.history) % 3 != 2)
            store.record_answer(round_id, outcome)
            print(f"ACK {{round_id}} {{outcome.index}}", flush=True)
            if not round_.has_next:
                break
        store.finish_round(round_id)
        seed += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_at_random_moments_loses_no_acknowledged_answer(tmp_path: Path) -> None:
    script = CHILD.format(tests=str(TESTS))
    rng = random.Random(1234)
    pack = make_pack(count=60)
    acknowledged: set[tuple[int, int]] = set()
    killed_mid_round = 0
    started = time.monotonic()
    for iteration in range(ITERATIONS):
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path), str(iteration * 1000)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "READY", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.005, 0.100))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        for line in out.splitlines():
            # The last line may be cut short by the kill: only whole ACKs count.
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ACK":
                acknowledged.add((int(parts[1]), int(parts[2])))

        raw = sqlite3.connect(tmp_path / "trivia.db")
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        saved = set(raw.execute("SELECT round_id, position FROM answers").fetchall())
        raw.close()
        missing = acknowledged - saved
        assert not missing, f"iteration {iteration}: acknowledged but lost: {sorted(missing)}"

        with Store.open(tmp_path) as store:
            assert store.notices == ()
            profile = store.profile_for_play(None)
            for unfinished in store.unfinished_rounds(profile):
                restored = store.restore_round(unfinished, [pack])
                assert len(restored.records) == unfinished.answered
                assert restored.score == unfinished.score
                assert restored.streak == unfinished.streak
                if unfinished.answered:
                    killed_mid_round += 1
                    assert restored.current.index == unfinished.answered - 1
                # Declined, so the next iteration checks only its own round.
                store.abandon_round(unfinished.id)
    print(f"{len(acknowledged)} answers acknowledged, {killed_mid_round} kills mid-round")
    assert acknowledged, "the child never got to answer: make the delays longer"
    assert killed_mid_round >= ITERATIONS // 2
    assert time.monotonic() - started < 60
