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
   answers: each phone must have exactly one).

Goals (issue 10): p99 ack under 50 ms for 100 phones on a 2-core machine; nothing lost or
doubled. The phones share this process and its cores with the host, so the figures are
an upper bound of what real phones would see.

Run from the checkout:

    .venv/bin/python benchmarks/phones.py [--sizes 1,100,300] [--runs 3]
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


def host_main(conn: Any, phones: int) -> None:
    """The child: a phone server and an all-style party; commands come over `conn`."""
    asyncio.run(_host(conn, phones))


async def _host(conn: Any, phones: int) -> None:
    from trivia.game import PartyConfig, PartyStyle, RoundConfig, build_party
    from trivia.packs.library import pack_dirs, resolve_pack
    from trivia.serve import PhoneServer

    packs = [resolve_pack("mad-men", pack_dirs())]
    config = PartyConfig(
        PartyStyle.ALL,
        (),
        RoundConfig(seed=1, question_count=3, timed=True),
        phones=phones,
    )
    party = build_party(packs[:1], config)
    server = PhoneServer("127.0.0.1", 0)
    await server.start()
    server.host_party(party, "Benchmark")
    room = server.room
    received: list[float] = []
    told: list[float] = []
    receive, sync = room.receive, room.sync

    def timed_receive(client: Any, text: str) -> None:
        received.append(time.perf_counter())
        receive(client, text)

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

    watcher = asyncio.get_running_loop().create_task(watch_the_loop())
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
            party.open_options()
            room.sync()
            conn.send("opened")
        elif command == "stats":
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
                }
            )
        elif command == "stop":
            watcher.cancel()
            await server.stop()
            conn.send("stopped")
            return


# --- the phones (this process) ------------------------------------------------------------


async def one_size(size: int) -> dict[str, Any]:
    import aiohttp

    parent, child = multiprocessing.Pipe()
    host = multiprocessing.get_context("spawn").Process(target=host_main, args=(child, size))
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
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: dict[int, dict[str, float]] = {}
    for size in sizes:
        runs = [asyncio.run(one_size(size)) for _ in range(args.runs)]
        keys = ["p50_ms", "p99_ms", "ready_ms", "last_reveal_ms", "cpu", "maxrss_mb", "stall_ms"]
        rows[size] = {k: statistics.median(r[k] for r in runs if r[k] is not None) for k in keys}
        rows[size]["lost"] = sum(r["lost"] for r in runs)
        rows[size]["doubled"] = sum(r["doubled"] for r in runs)
    base = rows[sizes[0]]
    print(
        f"{'phones':>6} {'ack p50':>9} {'ack p99':>9} {'ready':>9} {'all told':>9} "
        f"{'host cpu':>9} {'host rss':>9} {'stall':>8} {'p99 x':>6} {'cpu x':>6} {'lost':>5} "
        f"{'doubled':>7}"
    )
    for size, row in rows.items():
        print(
            f"{size:>6} {row['p50_ms']:>7.1f}ms {row['p99_ms']:>7.1f}ms "
            f"{row['ready_ms']:>7.1f}ms {row['last_reveal_ms']:>7.1f}ms "
            f"{row['cpu']:>8.3f}s {row['maxrss_mb']:>7.1f}MB {row['stall_ms']:>6.1f}ms "
            f"{row['p99_ms'] / base['p99_ms']:>6.1f} {row['cpu'] / max(base['cpu'], 1e-6):>6.1f} "
            f"{row['lost']:>5.0f} {row['doubled']:>7.0f}"
        )
    print(
        "ack: a phone's send -> its ack; ready: the host's last answer received -> reveal "
        "told to every phone; all told: the last answer sent -> the last phone has its reveal; "
        "stall: the longest the host's event loop was busy (a host key waits at most that; "
        f"a frame is 16.7 ms); medians of {args.runs} runs; lost/doubled summed over them."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
