"""Saving parties: events committed one by one, resume after a kill, a display following."""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_store_support import FakeClock, FakeNow, make_pack

from trivia.game import (
    Mode,
    Party,
    PartyConfig,
    PartyPhase,
    PartyStyle,
    RoundConfig,
    build_party,
    make_players,
)
from trivia.packs.model import (
    AnyQuestion,
    ChoiceQuestion,
    NumberQuestion,
    OrderQuestion,
    TrueFalseQuestion,
)
from trivia.store import (
    SCHEMA_VERSION,
    NotResumable,
    PartyFeed,
    SaveFailed,
    Store,
    StoreError,
)
from trivia.store.schema import migrate

TESTS = Path(__file__).parent
PACK = make_pack("mad-men", count=40)


def new_party(
    style: PartyStyle = PartyStyle.HOTSEAT,
    seed: int = 5,
    clock: FakeClock | None = None,
    count: int | None = 6,
) -> Party:
    config = PartyConfig(
        style,
        make_players(["Ann", "Bo", "Cy"]),
        # No count: the whole pack (marathon), long enough to be killed mid-party.
        RoundConfig(
            mode=Mode.QUICK if count else Mode.MARATHON,
            seed=seed,
            question_count=count,
            timed=False,
        ),
    )
    return build_party([PACK], config, clock=clock or FakeClock())


def right(question: AnyQuestion) -> object:
    return question.answer


def wrong(question: AnyQuestion) -> object:
    match question:
        case ChoiceQuestion():
            return next(o for o in question.options if o != question.answer)
        case TrueFalseQuestion():
            return not question.answer
        case NumberQuestion():
            return question.answer + 1000
        case OrderQuestion():
            return tuple(reversed(question.answer))
    raise AssertionError(question)


def save_new(store: Store, party_id: int, party: Party, saved: int) -> int:
    """Commit the events the party made since `saved`; returns the new count."""
    for event in party.events[saved:]:
        store.append_party_event(party_id, event)
    return party.last_event


def drive(party: Party, clock: FakeClock, seed: int) -> Iterator[None]:
    """A deterministic hotseat host: yields after every action (one event each)."""
    rng = random.Random(seed)
    while not party.finished:
        clock.advance(rng.uniform(0.5, 3.0))
        if party.phase is PartyPhase.READING:
            party.open_options()
        elif party.phase is PartyPhase.OPEN:
            question = party.current.question if party.current else None
            assert question is not None
            roll = rng.random()
            if party.passed and roll < 0.2:
                party.decline()
            else:
                party.answer(right(question) if roll < 0.6 else wrong(question))
        elif rng.random() < 0.1 and party.can_undo:
            party.undo()
        elif rng.random() < 0.1:
            party.adjust(rng.randrange(3), rng.choice([-200, 300]), "host's call")
        else:
            party.next()
        yield


# --- saving and resuming -------------------------------------------------------------------


def test_a_party_is_saved_event_by_event_and_restored_exactly() -> None:
    store = Store.in_memory()
    clock = FakeClock()
    party = new_party(clock=clock, count=None)
    party_id = store.start_party(party, [PACK])
    saved = 0
    steps = drive(party, clock, seed=1)
    for _ in range(40):
        next(steps)
        saved = save_new(store, party_id, party, saved)
    assert not party.finished and party.results
    (unfinished,) = store.unfinished_parties()
    assert unfinished.id == party_id and unfinished.players == ("Ann", "Bo", "Cy")
    assert unfinished.packs == {"mad-men": "1"} and unfinished.last_event == party.last_event
    restored = store.restore_party(unfinished, [PACK], clock=FakeClock())
    assert restored.snapshot() == party.snapshot()
    assert store.last_party_event(party_id) == party.last_event

    store.finish_party(party_id)
    assert store.unfinished_parties() == []
    with pytest.raises(StoreError, match="finished"):
        store.append_party_event(party_id, {"seq": party.last_event + 1, "type": "end", "t": 1})


def test_saving_an_event_twice_is_harmless_but_gaps_and_conflicts_are_refused() -> None:
    store = Store.in_memory()
    party = new_party()
    party_id = store.start_party(party, [PACK])
    party.open_options()
    (event,) = party.events
    store.append_party_event(party_id, event)
    store.append_party_event(party_id, event)  # a retry after a failed save
    assert store.last_party_event(party_id) == 1
    with pytest.raises(StoreError, match="different event"):
        store.append_party_event(party_id, {**event, "t": 99.0})
    with pytest.raises(StoreError, match="would follow"):
        store.append_party_event(party_id, {"seq": 3, "type": "next", "t": 1.0})
    with pytest.raises(StoreError, match="no saved party"):
        store.append_party_event(999, event)


def test_events_already_made_are_saved_with_the_party() -> None:
    store = Store.in_memory()
    party = new_party(PartyStyle.MASTER)
    party.mark("Ann")
    party.reveal()
    party_id = store.start_party(party, [PACK])
    assert store.party_events(party_id) == list(party.events)
    assert store.party_events(party_id, after=1) == list(party.events[1:])


def test_a_party_whose_pack_changed_or_went_is_not_resumable() -> None:
    store = Store.in_memory()
    party = new_party()
    party_id = store.start_party(party, [PACK])
    party.open_options()
    save_new(store, party_id, party, 0)
    with pytest.raises(NotResumable, match="no longer installed"):
        store.restore_party(party_id, [make_pack("other")])
    changed = make_pack("mad-men", count=12, version="2")
    with pytest.raises(NotResumable, match="cannot be resumed"):
        store.restore_party(party_id, [changed])
    with pytest.raises(StoreError, match="no saved party"):
        store.restore_party(12345, [PACK])


def test_a_version_2_save_gains_the_party_tables(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "trivia.db", isolation_level=None)
    migrate(raw, target=2)
    raw.execute("INSERT INTO profiles (name, created_at) VALUES ('Ann', '2026-01-01')")
    raw.close()
    with Store.open(tmp_path) as store:
        assert store.notices == ()
        assert [p.name for p in store.profiles()] == ["Ann"]
        assert store.unfinished_parties() == []
    check = sqlite3.connect(tmp_path / "trivia.db")
    assert check.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    check.close()


# --- results files -------------------------------------------------------------------------


def test_results_go_next_to_the_save_named_by_date_and_pack_never_overwritten(
    tmp_path: Path,
) -> None:
    now = FakeNow(datetime(2026, 11, 25, 20, 0, tzinfo=UTC))
    with Store.open(tmp_path, now=now) as store:
        party = new_party()
        party.adjust("Bo", 300, "bonus")
        first = store.export_party(party)
        second = store.export_party(party, ["csv"])
    assert [p.name for p in first] == [
        "party-2026-11-25-mad-men.csv",
        "party-2026-11-25-mad-men.json",
    ]
    assert [p.name for p in second] == ["party-2026-11-25-mad-men-2.csv"]
    assert first[0].read_text(encoding="utf-8") == second[0].read_text(encoding="utf-8")
    with pytest.raises(StoreError, match="in memory"):
        Store.in_memory().export_party(party)
    (written,) = Store.in_memory(now=now).export_party(party, ["json"], directory=tmp_path / "out")
    assert written == tmp_path / "out" / "party-2026-11-25-mad-men.json"


# --- a display following the host ----------------------------------------------------------


def test_a_read_only_store_sees_each_event_as_it_is_committed(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no save"):
        Store.open_read_only(tmp_path)
    host = Store.open(tmp_path)
    party = new_party(PartyStyle.BUZZER)
    party_id = host.start_party(party, [PACK])
    display = Store.open_read_only(tmp_path)
    feed = PartyFeed(display, party_id, [PACK], clock=FakeClock())
    assert not feed.poll()

    party.open_options()
    party.buzz("Cy")
    saved = save_new(host, party_id, party, 0)
    assert feed.poll() and feed.party.answering is not None
    assert feed.party.answering.name == "Cy"
    assert party.current is not None
    party.answer(right(party.current.question))
    saved = save_new(host, party_id, party, saved)
    assert feed.poll() and feed.party.snapshot() == party.snapshot()
    party.undo()
    save_new(host, party_id, party, saved)
    assert feed.poll() and feed.party.snapshot() == party.snapshot()
    assert feed.party.phase is PartyPhase.OPEN
    with pytest.raises(SaveFailed):
        display.finish_party(party_id)
    display.close()
    host.close()


DISPLAY = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, {tests!r})
    from test_store_support import make_pack
    from trivia.store import PartyFeed, Store

    store = Store.open_read_only(sys.argv[1])
    feed = PartyFeed(store, int(sys.argv[2]), [make_pack("mad-men", count=40)])
    print("READY", feed.last_event, flush=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if feed.poll():
            scores = {{t.player.name: t.score for t in feed.party.scores()}}
            print("SEEN", feed.last_event, json.dumps(scores), flush=True)
            if feed.party.finished:
                break
        time.sleep(0.25)
    """
)


def test_a_display_process_follows_the_host_within_half_a_second(tmp_path: Path) -> None:
    host = Store.open(tmp_path)
    clock = FakeClock()
    party = new_party(clock=clock, count=3)
    party_id = host.start_party(party, [PACK])
    display = subprocess.Popen(
        [sys.executable, "-c", DISPLAY.format(tests=str(TESTS)), str(tmp_path), str(party_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    output = display.stdout
    assert output is not None

    def read() -> None:
        for line in output:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        ready = lines.get(timeout=15)
        assert ready.split() == ["READY", "0"], display.stderr.read() if display.stderr else ""
        delays = []
        saved = 0
        for _ in drive(party, clock, seed=3):
            saved = save_new(host, party_id, party, saved)
            committed = time.monotonic()
            while True:
                word, seq, scores = lines.get(timeout=5).split(" ", 2)
                if word == "SEEN" and int(seq) == saved:
                    break
            delays.append(time.monotonic() - committed)
            assert json.loads(scores) == {t.player.name: t.score for t in party.scores()}
        assert party.finished and len(delays) >= 6
        print(f"{len(delays)} events followed, slowest {max(delays) * 1000:.0f} ms")
        assert max(delays) < 0.5, delays
    finally:
        display.kill()
        display.wait(timeout=10)
        host.close()


# --- crash and resume ----------------------------------------------------------------------


HOST = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from test_store_party import PACK, drive, new_party, save_new
    from test_store_support import FakeClock
    from trivia.store import Store

    store = Store.open(sys.argv[1])
    clock = FakeClock()
    party = new_party(clock=clock, seed=int(sys.argv[2]), count=None)
    party_id = store.start_party(party, [PACK])
    print("READY", party_id, flush=True)
    saved = 0
    for _ in drive(party, clock, seed=int(sys.argv[2])):
        saved = save_new(store, party_id, party, saved)
        print("ACK", saved, flush=True)
        time.sleep(0.001)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_party_killed_mid_game_resumes_with_scores_turn_and_question(tmp_path: Path) -> None:
    rng = random.Random(99)
    resumed_mid_party = 0
    kills = []
    for iteration in range(6):
        folder = tmp_path / f"run{iteration}"
        child = subprocess.Popen(
            [sys.executable, "-c", HOST.format(tests=str(TESTS)), str(folder), str(iteration)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=TESTS,
        )
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        assert ready[:1] == ["READY"], child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.03, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        acked = [int(p[1]) for p in (line.split() for line in out.splitlines()) if len(p) == 2]
        last_ack = max(acked, default=0)

        with Store.open(folder) as store:
            (saved,) = store.unfinished_parties()
            restored = store.restore_party(saved, [PACK], clock=FakeClock())
        assert restored.last_event >= last_ack
        kills.append((last_ack, restored.last_event))
        # The same host, replayed here without a store, up to what was committed.
        clock = FakeClock()
        expected = new_party(clock=clock, seed=iteration, count=None)
        steps = drive(expected, clock, seed=iteration)
        while expected.last_event < restored.last_event:
            next(steps)
        assert expected.last_event == restored.last_event
        assert restored.snapshot() == expected.snapshot()
        assert [p.name for p in restored.turn_order] == [p.name for p in expected.turn_order]
        assert restored.index == expected.index and restored.phase is expected.phase
        if not restored.finished and restored.last_event > 0:
            resumed_mid_party += 1
            # And play goes on from there.
            next(drive(restored, FakeClock(), seed=0))
    print(f"(acknowledged, saved) events at each kill: {kills}")
    assert resumed_mid_party >= 4
