"""Phones under load: 1, then 100, then 300 simulated phones answer the same question at once.

The host (the phone server and its party, as `trivia party --serve` runs them, without the
terminal UI) runs in a child process, so its CPU and memory are its own; the phones are
websocket clients (aiohttp) in this process, all on 127.0.0.1. For each room size:

1. every phone joins;
2. the host shows the options; each phone answers as soon as its question arrives;
3. printed: p50/p99 of send -> ack (per phone, measured by the phone), last answer
   received -> reveal told to every phone (measured by the host), the host's CPU seconds
   over the question and its peak memory (`resource.getrusage`), the ratio of each to one
   phone's, the longest stall of the host's event loop (what a host key would wait), and
   answers lost or doubled (acks per phone, and the party's own count of
   answers: each phone must have exactly one);
4. the host's key latency: by default the host is the real app (`trivia party --serve`'s
   PartyApp, headless, with its host screen and phone corner redrawing) and every frame
   (1/60 s) a probe is put on the app's message queue, where a key press goes; how long
   it waits to run is what a host key would wait (p50/p99/max over the answering).
   `--bare` runs the server and party without the app (the loop's stall only).

Goals (issue 10): p99 ack under 50 ms for 100 phones on a 2-core machine; nothing lost or
doubled. The phones share this process and its cores with the host, so the figures are
an upper bound of what real phones would see.

Run from the checkout:

    .venv/bin/python benchmarks/phones.py [--sizes 1,100,300] [--runs 3] [--bare] [--spread S]

`--spread 3` has the phones answer one after another over 3 s (a room, not a burst): the
key columns then cover 180 frames of phones sending.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# --- the host (child process) -------------------------------------------------------------


def host_main(conn: Any, phones: int, app: bool) -> None:
    """The child: a phone server and an all-style party; commands come over `conn`."""
    asyncio.run(_app_host(conn) if app else _host(conn, phones))


ROUND = {"seed": 1, "question_count": 3, "timed": True}


async def _app_host(conn: Any) -> None:
    """The real host: the party app, headless, its phone server on the app's loop."""
    import tempfile

    from trivia.game import RoundConfig
    from trivia.packs.library import pack_dirs, resolve_pack
    from trivia.serve import PhoneServer
    from trivia.tui.apps.party import create_party_app
    from trivia.tui.screens.party_host import PartyHostScreen

    packs = [resolve_pack("mad-men", pack_dirs())]
    with tempfile.TemporaryDirectory() as save_dir:
        app = create_party_app(
            packs,
            save_dir=Path(save_dir),
            start_packs=packs,
            round_config=RoundConfig(**ROUND),
            phones=True,
        )
        server = PhoneServer("127.0.0.1", 0)
        await server.start()
        app.phone_server = server
        async with app.run_test(size=(110, 40)) as pilot:
            while not isinstance(app.screen, PartyHostScreen):
                await pilot.pause(0.05)
            screen = app.screen

            async def open_options() -> None:
                # As the host's space key does, without waiting for the app to settle:
                # the phones answer meanwhile, and the probes measure it all.
                screen.call_later(screen.action_open_options)

            await _serve(conn, server, screen.party, open_options, app.call_later)


async def _host(conn: Any, phones: int) -> None:
    from trivia.game import PartyConfig, PartyStyle, RoundConfig, build_party
    from trivia.packs.library import pack_dirs, resolve_pack
    from trivia.serve import PhoneServer

    packs = [resolve_pack("mad-men", pack_dirs())]
    config = PartyConfig(PartyStyle.ALL, (), RoundConfig(**ROUND), phones=phones)
    party = build_party(packs[:1], config)
    server = PhoneServer("127.0.0.1", 0)
    await server.start()
    server.host_party(party, "Benchmark")
    loop = asyncio.get_running_loop()

    async def open_options() -> None:
        party.open_options()
        server.room.sync()

    await _serve(conn, server, party, open_options, loop.call_soon)


FRAME = 1 / 60


async def _serve(conn: Any, server: Any, party: Any, open_options: Any, post: Any) -> None:
    """Answer the benchmark's commands; `post(callback)` queues a callback where a host key
    would go (the app's message queue, or the bare loop)."""
    room = server.room
    received: list[float] = []
    told: list[float] = []
    receive, sync = room.receive, room.sync

    def timed_receive(client: Any, text: str, *arrived: float) -> None:
        received.append(time.perf_counter())
        receive(client, text, *arrived)

    def timed_sync() -> None:
        was = party.phase.value
        sync()
        if was == "reveal" and not told:
            told.append(time.perf_counter())

    room.receive = timed_receive  # type: ignore[method-assign]
    room.sync = timed_sync  # type: ignore[method-assign]
    stalls: list[float] = []

    async def watch_the_loop() -> None:
        # How late a 1 ms sleep wakes: the longest a host key would wait for the loop.
        while True:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            stalls.append(time.perf_counter() - start - 0.001)

    waits: list[float] = []

    async def probe_keys() -> None:
        # A key pressed at each frame (1/60 s) is queued where a key goes; its wait runs
        # from that frame's moment, so a loop busy past several frames counts each of them.
        due = time.perf_counter()
        while True:
            due += FRAME
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            pressed = [due]
            while due + FRAME < time.perf_counter():
                due += FRAME
                pressed.append(due)
            post(lambda pressed=pressed: waits.extend(time.perf_counter() - p for p in pressed))

    watcher = asyncio.get_running_loop().create_task(watch_the_loop())
    prober = asyncio.get_running_loop().create_task(probe_keys())
    conn.send(("ready", server.port, room.code))
    loop = asyncio.get_running_loop()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command == "open":
            received.clear()
            told.clear()
            stalls.clear()
            usage = resource.getrusage(resource.RUSAGE_SELF)
            waits.clear()
            await open_options()
            conn.send("opened")
        elif command == "stats":
            flushed = asyncio.Event()  # the probes queued so far have run
            post(flushed.set)
            await flushed.wait()
            now = resource.getrusage(resource.RUSAGE_SELF)
            result = party.last_result
            attempts = [] if result is None else [a for a in result.attempts if not a.timed_out]
            conn.send(
                {
                    "cpu": (now.ru_utime - usage.ru_utime) + (now.ru_stime - usage.ru_stime),
                    "maxrss_mb": now.ru_maxrss / 1024,
                    "ready_ms": (told[0] - received[-1]) * 1000 if told and received else None,
                    "answers": len(attempts),
                    "players": len({a.player.name for a in attempts}),
                    "replies": sum(1 for e in party.events if e["type"] == "reply"),
                    "stall_ms": max(stalls, default=0.0) * 1000,
                    **key_waits(waits),
                }
            )
        elif command == "stop":
            watcher.cancel()
            prober.cancel()
            await server.stop()
            conn.send("stopped")
            return


def key_waits(waits: list[float]) -> dict[str, float]:
    """p50/p99/max of the probes' waits, in ms (0 when none ran)."""
    ordered = sorted(waits) or [0.0]
    at = min(len(ordered) - 1, int(len(ordered) * 0.99))
    return {
        "key_p50_ms": statistics.median(ordered) * 1000,
        "key_p99_ms": ordered[at] * 1000,
        "key_max_ms": ordered[-1] * 1000,
    }


# --- the phones (this process) ------------------------------------------------------------


async def one_size(size: int, app: bool, spread: float = 0.0) -> dict[str, Any]:
    import aiohttp

    parent, child = multiprocessing.Pipe()
    spawn = multiprocessing.get_context("spawn")
    host = spawn.Process(target=host_main, args=(child, size, app))
    host.start()
    _, port, code = parent.recv()
    url = f"http://127.0.0.1:{port}/ws"
    acks: dict[int, list[float]] = {n: [] for n in range(size)}
    reveals: dict[int, float] = {}
    sent: dict[int, float] = {}
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        sockets = []
        for start in range(0, size, 50):
            batch = await asyncio.gather(
                *(session.ws_connect(url) for _ in range(start, min(size, start + 50)))
            )
            sockets.extend(batch)
        for n, socket in enumerate(sockets):
            await socket.send_str(json.dumps({"type": "join", "room": code, "name": f"P{n}"}))
        for socket in sockets:
            while json.loads((await socket.receive()).data)["type"] != "welcome":
                pass
        everyone_revealed = asyncio.Event()

        async def play(n: int, socket: Any) -> None:
            async for message in socket:
                frame = json.loads(message.data)
                if frame["type"] == "question" and frame["open"]:
                    if spread:  # phones answering one after another, as a room does
                        await asyncio.sleep(spread * n / size)
                    sent[n] = time.perf_counter()
                    answer = {"type": "answer", "question": frame["question"], "answer": 0}
                    if frame["kind"] == "truefalse":
                        answer["answer"] = True
                    elif frame["kind"] in ("text",):
                        answer["answer"] = "x"
                    elif frame["kind"] == "number":
                        answer["answer"] = 1
                    elif frame["kind"] == "order":
                        answer["answer"] = list(range(len(frame["items"])))
                    await socket.send_str(json.dumps(answer))
                elif frame["type"] == "ack":
                    acks[n].append(time.perf_counter())
                elif frame["type"] == "reveal":
                    reveals[n] = time.perf_counter()
                    if len(reveals) == size:
                        everyone_revealed.set()
                    return

        players = [asyncio.create_task(play(n, s)) for n, s in enumerate(sockets)]
        await asyncio.sleep(0.5)  # the lobby rolls settle
        parent.send("open")
        await asyncio.get_running_loop().run_in_executor(None, parent.recv)
        await asyncio.wait_for(everyone_revealed.wait(), 60)
        parent.send("stats")
        stats = await asyncio.get_running_loop().run_in_executor(None, parent.recv)
        for task in players:
            task.cancel()
        for socket in sockets:
            await socket.close()
    parent.send("stop")
    parent.recv()
    host.join(10)
    latencies = sorted((acks[n][0] - sent[n]) * 1000 for n in range(size) if acks[n])
    stats["p50_ms"] = statistics.median(latencies)
    stats["p99_ms"] = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    stats["lost"] = sum(1 for n in range(size) if not acks[n]) + (size - stats["players"])
    stats["doubled"] = sum(len(a) - 1 for a in acks.values() if len(a) > 1) + (
        stats["replies"] - size
    )
    stats["last_reveal_ms"] = (max(reveals.values()) - max(sent.values())) * 1000
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,300")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (medians shown)")
    parser.add_argument("--bare", action="store_true", help="the server without the app")
    parser.add_argument(
        "--spread",
        type=float,
        default=0.0,
        metavar="S",
        help="phones answer one after another over S seconds (0: all at once)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: dict[int, dict[str, float]] = {}
    for size in sizes:
        runs = [asyncio.run(one_size(size, not args.bare, args.spread)) for _ in range(args.runs)]
        keys = ["p50_ms", "p99_ms", "ready_ms", "last_reveal_ms", "cpu", "maxrss_mb", "stall_ms"]
        keys += ["key_p50_ms", "key_p99_ms", "key_max_ms"]
        rows[size] = {k: statistics.median(r[k] for r in runs if r[k] is not None) for k in keys}
        rows[size]["lost"] = sum(r["lost"] for r in runs)
        rows[size]["doubled"] = sum(r["doubled"] for r in runs)
    base = rows[sizes[0]]
    where = "the bare loop" if args.bare else "the real host app"
    print(
        f"{'phones':>6} {'ack p50':>9} {'ack p99':>9} {'ready':>9} {'all told':>9} "
        f"{'host cpu':>9} {'host rss':>9} {'stall':>8} {'p99 x':>6} {'cpu x':>6} {'lost':>5} "
        f"{'doubled':>7} {'key p50':>8} {'key p99':>8} {'key max':>8}"
    )
    for size, row in rows.items():
        print(
            f"{size:>6} {row['p50_ms']:>7.1f}ms {row['p99_ms']:>7.1f}ms "
            f"{row['ready_ms']:>7.1f}ms {row['last_reveal_ms']:>7.1f}ms "
            f"{row['cpu']:>8.3f}s {row['maxrss_mb']:>7.1f}MB {row['stall_ms']:>6.1f}ms "
            f"{row['p99_ms'] / base['p99_ms']:>6.1f} {row['cpu'] / max(base['cpu'], 1e-6):>6.1f} "
            f"{row['lost']:>5.0f} {row['doubled']:>7.0f} {row['key_p50_ms']:>6.1f}ms "
            f"{row['key_p99_ms']:>6.1f}ms {row['key_max_ms']:>6.1f}ms"
        )
    print(
        "ack: a phone's send -> its ack; ready: the host's last answer received -> reveal "
        "told to every phone; all told: the last answer sent -> the last phone has its reveal; "
        "stall: the longest the host's event loop was busy (a host key waits at most that; "
        f"a frame is 16.7 ms); key: how late a callback queued each frame where a host key "
        f"goes ran, from the options shown to the stats ({where}); "
        f"medians of {args.runs} runs; lost/doubled summed over them."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
