"""The web app under load (run by ``make bench`` after the other parts; not a test).

The dev sets (BASIL and ECB+) are ingested with the real CLI (``storydiff ingest --jobs 2``) into a
fresh store, ``storydiff serve`` is started on a free loopback port, and 50 concurrent clients
send 2,000 requests in all: the story list (HTML and JSON, searched and sorted) and story pages
(HTML and JSON), mixed at random with a fixed seed. Prints requests per second, latency percentiles
and the error count, which must be 0.

Each client holds one keep-alive HTTP/1.1 connection and reads every response whole (its
Content-Length, or its chunks). The clients are plain asyncio streams rather than an HTTP library:
on a 2-core machine the load generator shares the cores with the server, and httpx spent 4 ms of
CPU on each request (five times what the server spends on a page it has made), so the figures
measured the clients' queue, not the server. The clients' CPU per request is printed beside the
server's.

``python bench/web_bench.py``; the ``RESULT`` line is machine-readable. ``--db PATH`` serves a store
already made (it is only read) instead of ingesting the dev sets again. The same requests are sent
twice (``--passes``): the first pass finds every page still to be made (a server just started), the
second finds them made (a server that has run for a while); the target holds for both.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = (SHARED / "data" / "basil" / "dev.jsonl", SHARED / "data" / "ecbplus" / "dev.jsonl")
CLI = Path(sys.executable).with_name("storydiff")

CLIENTS = 50
REQUESTS = 2000
LIST_SHARE = 0.2  # the rest are story pages
REQUEST_TIMEOUT_S = 60.0
START_TIMEOUT_S = 60.0
SEED = 4


@dataclass(frozen=True)
class Outcome:
    path: str
    status: int  # 0: no response (connection error, timeout)
    seconds: float
    error: str = ""  # what went wrong when there was no response


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def ingest(db: Path) -> float:
    start = time.perf_counter()
    command = [str(CLI), "ingest", "--db", str(db), "--jobs", "2", *map(str, DATA)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"web bench: `{' '.join(command)}` failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def start_server(db: Path, port: int, page_workers: int | None) -> subprocess.Popen[bytes]:
    command = [str(CLI), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
    if page_workers is not None:
        command += ["--page-workers", str(page_workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return server


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: GET a path, read the whole response."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode("ascii"))
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
            if headers.get("transfer-encoding", "").lower() == "chunked":
                body = await self._chunks(reader)
            else:
                body = await reader.readexactly(int(headers.get("content-length", "0")))
        except BaseException:
            self.close()  # a connection left mid-response cannot carry the next request
            raise
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, body

    @staticmethod
    async def _chunks(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return b"".join(parts)

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def wait_ready(port: int, server: subprocess.Popen[bytes]) -> list[str]:
    """The story ids, once the server answers."""
    deadline = time.monotonic() + START_TIMEOUT_S
    connection = Connection(port)
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"web bench: `storydiff serve` exited with {server.returncode}")
            try:
                status, body = await asyncio.wait_for(connection.get("/stories.json"), 5)
                if status == 200:
                    return [s["id"] for s in json.loads(body)["stories"]]
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit("web bench: the server did not answer in time")
            await asyncio.sleep(0.2)
    finally:
        connection.close()


server_pid = [0]  # the server serving() started last


@contextmanager
def serving(db: Path, page_workers: int | None) -> Iterator[tuple[int, list[str]]]:
    """A ``storydiff serve`` of ``db`` just started, once it answers: its port and the story ids."""
    port = free_port()
    server = start_server(db, port, page_workers)
    server_pid[0] = server.pid
    try:
        story_ids = asyncio.run(wait_ready(port, server))
        if not story_ids:
            raise SystemExit("web bench: the store holds no stories")
        yield port, story_ids
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def one_reader(port: int, story_ids: Sequence[str]) -> list[Outcome]:
    """Every story page asked for once, one request at a time."""
    connection = Connection(port)
    outcomes = []
    for story_id in story_ids:
        start = time.perf_counter()
        status, _ = await asyncio.wait_for(connection.get(f"/stories/{story_id}"), REQUEST_TIMEOUT_S)
        outcomes.append(Outcome(f"/stories/{story_id}", status, time.perf_counter() - start))
    connection.close()
    return outcomes


def request_mix(story_ids: Sequence[str]) -> list[str]:
    rng = random.Random(SEED)
    lists = ["/stories", "/stories.json", "/stories?sort=conflicts", "/stories.json?q=police", "/stories?q=fire"]
    paths = []
    for _ in range(REQUESTS):
        if rng.random() < LIST_SHARE:
            paths.append(rng.choice(lists))
        else:
            paths.append(f"/stories/{rng.choice(story_ids)}" + rng.choice(("", ".json")))
    return paths


async def load(port: int, paths: Sequence[str]) -> tuple[list[Outcome], float]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    outcomes: list[Outcome] = []

    async def client_loop() -> None:
        connection = Connection(port)
        while not queue.empty():
            path = queue.get_nowait()
            start = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(connection.get(path), REQUEST_TIMEOUT_S)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError,
                    ValueError, IndexError) as exc:
                status, error = 0, f"{type(exc).__name__}: {exc}"[:200]
            else:
                error = ""
            outcomes.append(Outcome(path, status, time.perf_counter() - start, error))
        connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(CLIENTS)))
    return outcomes, time.perf_counter() - start


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<38s} {value:>14s}  {note}".rstrip())


def server_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and of its children still running (the page workers;
    Linux /proc; 0 elsewhere)."""
    import os

    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(server_cpu_seconds(int(child)) for child in children)


def report(outcomes: Sequence[Outcome], elapsed: float, label: str) -> int:
    """Print the figures; the number of errors (a status other than 200, or no response)."""
    ms = [o.seconds * 1000 for o in outcomes]
    errors = [o for o in outcomes if o.status != 200]
    kinds = Counter("list" if o.path.startswith("/stories?") or o.path.startswith("/stories.json")
                    or o.path == "/stories" else "story" for o in outcomes)
    row(f"requests ({kinds['list']} list, {kinds['story']} story)", f"{len(outcomes):,}",
        f"{CLIENTS} concurrent clients")
    row("throughput", f"{len(outcomes) / elapsed:,.1f} req/s", f"{elapsed:.1f} s in all")
    row("latency p50", f"{statistics.median(ms):.1f} ms")
    row("latency p95", f"{percentile(ms, 0.95):.1f} ms")
    row("latency max", f"{max(ms):.1f} ms")
    row("errors", f"{len(errors)}", "target 0 " + ("ok" if not errors else "MISSED"))
    for (status, error), n in Counter((o.status, o.error) for o in errors).most_common():
        row(f"  status {status or 'no response'}", f"{n}", error)
    print(f"RESULT {label.replace(' ', '-')} web-rps {len(outcomes) / elapsed:.1f} web-p50-ms "
          f"{statistics.median(ms):.1f} web-p95-ms {percentile(ms, 0.95):.1f} web-errors {len(errors)}")
    print()
    return len(errors)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="serve this store (only read) instead of ingesting the dev sets")
    parser.add_argument("--passes", type=int, default=2, help="send the requests this many times (default 2)")
    parser.add_argument("--page-workers", type=int, help="start the server with this --page-workers (default: "
                                                           "serve's own default)")
    args = parser.parse_args(argv)
    print()
    print(f"storydiff web bench — `storydiff serve` under {CLIENTS} concurrent clients, {REQUESTS:,} requests")
    missing = [str(p) for p in DATA if not p.exists()]
    if missing and args.db is None:
        print(f"  skipped — the dev data is not at {', '.join(missing)} (it needs ../shared next to the repo)")
        return 0
    try:
        import storydiff.web

        storydiff.web.require_web()
    except Exception as exc:  # the bench reports what is missing rather than failing the other parts
        print(f"  skipped — {exc}")
        return 0
    with tempfile.TemporaryDirectory(prefix="storydiff-web-bench-") as tmp:
        if args.db is not None:
            db = args.db
            row("store", str(db))
        else:
            db = Path(tmp) / "web.db"
            seconds = ingest(db)
            row("ingest (storydiff ingest --jobs 2)", f"{seconds:.1f} s", ", ".join(p.parent.name for p in DATA))
        with serving(db, args.page_workers) as (port, story_ids):
            row("stories served", f"{len(story_ids):,}")
            alone = asyncio.run(one_reader(port, story_ids))
        with serving(db, args.page_workers) as (port, story_ids):
            passes = []
            for _ in range(args.passes):
                cpu, own = server_cpu_seconds(server_pid[0]), time.process_time()
                outcomes, elapsed = asyncio.run(load(port, request_mix(story_ids)))
                passes.append((outcomes, elapsed, server_cpu_seconds(server_pid[0]) - cpu, time.process_time() - own))
    ms = [o.seconds * 1000 for o in alone]
    print("  one reader, each story page once (a server just started: every page still to be made):")
    row("latency p50", f"{statistics.median(ms):.1f} ms")
    row("latency p95", f"{percentile(ms, 0.95):.1f} ms")
    row("latency max", f"{max(ms):.1f} ms")
    errors = sum(o.status != 200 for o in alone)
    row("errors", f"{errors}", "target 0 " + ("ok" if not errors else "MISSED"))
    print(f"RESULT one-reader web-p50-ms {statistics.median(ms):.1f} web-p95-ms {percentile(ms, 0.95):.1f} "
          f"web-errors {errors}")
    print()
    for number, (outcomes, elapsed, cpu, own) in enumerate(passes, start=1):
        print(f"  pass {number} ({'pages still to be made' if number == 1 else 'pages made'}):")
        row("server CPU per request", f"{cpu / len(outcomes) * 1000:.2f} ms",
            "the server's user + system time: what the machine's load does not change")
        row("clients' CPU per request", f"{own / len(outcomes) * 1000:.2f} ms",
            "this process's: on a 2-core machine the clients share the server's cores")
        errors += report(outcomes, elapsed, f"pass {number}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
