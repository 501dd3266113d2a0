"""The web app under a slow comparison (run by ``make bench`` after the web load; not a test).

``storydiff serve`` is started on a fresh store with a lowered ``--compare-timeout`` (when the
server has that option). The example pair (examples/occupy-ice) is compared alone a few times;
then for each large comparison below, the large one is posted and, while it runs, the example pair
is posted again and timed. Prints the small comparison's latency alone and beside each large one,
and what each large one got (status and time).

The large comparisons:

- ``quote``: two articles sharing a long quote of many short sentences (a 40 KB post), which quote
  comparison once took minutes over;
- ``many``: 50 articles of 40 KB of plain news sentences, slow however fast comparison gets,
  since each must be parsed.

``python bench/web_slow_bench.py``; the ``RESULT`` line is machine-readable.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from web_bench import CLI, START_TIMEOUT_S, free_port, row

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "occupy-ice"

COMPARE_TIMEOUT_S = 10  # the server's bound for this bench: "many" takes longer ("quote" did, before aa32f11)
WAIT_S = 300.0  # how long a client waits for any answer (a server without a bound may take longer)
HEAD_START_S = 1.0  # the large comparison's lead over the small one
SMALL_RUNS = 5
SEED = 7


@dataclass(frozen=True)
class Timed:
    status: int  # 0: no answer within WAIT_S
    seconds: float
    error: str = ""


def small_body() -> dict[str, Any]:
    texts = [(EXAMPLE / name).read_text(encoding="utf-8") for name in ("a.txt", "b.txt")]
    return {"articles": [{"id": name, "text": text} for name, text in zip("ab", texts, strict=True)]}


def quote_body() -> dict[str, Any]:
    quote = 'Ted Wheeler said: "' + "Ab. " * 5000 + '"'
    return {"articles": [{"id": "a", "text": "The mayor spoke on Monday. " + quote},
                         {"id": "b", "text": "The mayor spoke on Tuesday. " + quote}]}


def many_body(articles: int = 50, size: int = 40_000) -> dict[str, Any]:
    rng = random.Random(SEED)
    people = ["Dana Ruiz", "Ted Wheeler", "Maria Lopez", "John Park", "Ann Smith", "Omar Haddad"]
    places = ["Portland", "the harbor", "City Hall", "the warehouse", "Salem", "the river"]
    docs = []
    for i in range(articles):
        sentences: list[str] = []
        while sum(map(len, sentences)) < size:
            sentences.append(f"{rng.choice(people)} said {rng.randint(2, 900)} people went to {rng.choice(places)} "
                             f"on day {rng.randint(1, 28)}, {rng.randint(1, 60)} more than the week before.")
        docs.append({"id": f"n{i}", "text": " ".join(sentences)})
    return {"articles": docs}


def post(base: str, body: dict[str, Any]) -> Timed:
    import httpx

    start = time.perf_counter()
    try:
        response = httpx.post(f"{base}/compare", json=body, timeout=WAIT_S)
    except httpx.HTTPError as exc:
        return Timed(0, time.perf_counter() - start, type(exc).__name__)
    seconds = time.perf_counter() - start
    error = "" if response.status_code == 200 else str(response.json().get("error", ""))[:120]
    return Timed(response.status_code, seconds, error)


def settle(base: str) -> None:
    """Two small comparisons at once: every worker (of a server with two) is up and warm, as a
    worker stopped at the bound is replaced by one that loads the model first."""
    threads = [threading.Thread(target=post, args=(base, small_body())) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def beside(base: str, large: dict[str, Any]) -> tuple[Timed, Timed]:
    """The small comparison's time while ``large`` runs, and what ``large`` got."""
    settle(base)
    got: list[Timed] = []
    thread = threading.Thread(target=lambda: got.append(post(base, large)))
    thread.start()
    time.sleep(HEAD_START_S)
    small = post(base, small_body())
    thread.join()
    return small, got[0]


def has_timeout_option() -> bool:
    done = subprocess.run([str(CLI), "serve", "--help"], capture_output=True, text=True, check=False)
    return "--compare-timeout" in done.stdout


def start_server(db: Path, port: int, bounded: bool) -> subprocess.Popen[bytes]:
    command = [str(CLI), "serve", "--db", str(db), "--port", str(port)]
    if bounded:
        command += ["--compare-timeout", str(COMPARE_TIMEOUT_S)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if server.poll() is not None:
            raise SystemExit(f"web slow bench: `storydiff serve` exited with {server.returncode}")
        try:
            httpx.get(f"{base}/compare.json", timeout=5).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise SystemExit("web slow bench: the server did not answer in time") from None
            time.sleep(0.2)


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:  # a server without a bound is still comparing
        server.kill()
        server.wait()


def answer(timed: Timed) -> str:
    return f"{timed.status} {timed.error}".strip() if timed.status else f"no answer in {WAIT_S:.0f} s"


def run(base: str) -> str:
    """Print the figures; the RESULT line's fields."""
    settle(base)  # the first comparisons also start what compares (model, workers)
    alone = sorted(post(base, small_body()).seconds for _ in range(SMALL_RUNS))
    median = alone[len(alone) // 2]
    row(f"small alone, median of {SMALL_RUNS}", f"{median * 1000:,.0f} ms", f"max {alone[-1] * 1000:,.0f} ms")
    fields = [f"web-small-ms {median * 1000:.0f}"]
    for name, body in (("quote", quote_body()), ("many", many_body())):
        size = sum(len(a["text"]) for a in body["articles"])
        small, large = beside(base, body)
        row(f"small beside large '{name}'", f"{small.seconds * 1000:,.0f} ms", f"status {answer(small)}")
        row(f"large '{name}' ({len(body['articles'])} articles, {size // 1000:,} kB)", f"{large.seconds:,.1f} s",
            f"status {answer(large)}")
        fields += [f"web-small-beside-{name}-ms {small.seconds * 1000:.0f}",
                   f"web-large-{name}-status {large.status}", f"web-large-{name}-s {large.seconds:.1f}"]
    return " ".join(fields)


def main() -> int:
    bounded = has_timeout_option()
    bound = f"--compare-timeout {COMPARE_TIMEOUT_S}" if bounded else "no time bound"
    print()
    print(f"storydiff web slow bench — a small comparison beside large ones, `storydiff serve` with {bound}")
    try:
        import httpx  # noqa: F401

        import storydiff.web

        storydiff.web.require_web()
    except Exception as exc:  # the bench reports what is missing rather than failing the other parts
        print(f"  skipped — {exc}")
        return 0
    with tempfile.TemporaryDirectory(prefix="storydiff-web-slow-bench-") as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "web.db", port, bounded)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, server)
            result = run(base)
        finally:
            stop(server)
    print()
    print(f"RESULT {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
