"""Comparisons bounded in time: the worker pool on its own (jobs written for the test), then the app
under a comparison past its bound."""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storydiff.errors import StorydiffError
from storydiff.web import create_app
from storydiff.web.workers import Busy, JobFailed, TimedOut, WorkerLost, WorkerPool
from tests.conftest import EXAMPLE

A = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
B = (EXAMPLE / "b.txt").read_text(encoding="utf-8")
SMALL = {"articles": [{"id": "a", "text": A}, {"id": "b", "text": B}]}


# Jobs, run in the workers (so importable by name).

def echo(value: Any) -> Any:
    return value


def pid() -> int:
    return os.getpid()


def spin(pid_file: str) -> None:
    """Busy forever, after writing down which process it is."""
    Path(pid_file).write_text(str(os.getpid()))
    while True:
        pass


def fail(ours: bool) -> None:
    raise StorydiffError("no such thing") if ours else ValueError("a fault")


def cannot_warm() -> None:
    raise StorydiffError("no model here")


def gone(process_id: int) -> bool:
    try:
        os.kill(process_id, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture()
def pool() -> Iterator[WorkerPool]:
    made = WorkerPool(size=2, timeout=2)
    yield made
    made.close()


# -- the pool -------------------------------------------------------------------------------------


def test_pool_starts_on_first_job_and_runs_it_in_another_process(pool: WorkerPool) -> None:
    assert pool.pids() == []
    assert pool.run(echo, {"a": [1, "é"]}) == {"a": [1, "é"]}
    assert len(pool.pids()) == 2 and os.getpid() not in pool.pids()
    assert {pool.run(pid) for _ in range(6)} <= set(pool.pids())


def test_a_job_past_its_bound_is_stopped_and_its_worker_replaced(pool: WorkerPool, tmp_path: Path) -> None:
    before = pool.run(pid) and pool.pids()
    start = time.monotonic()
    with pytest.raises(TimedOut) as caught:
        pool.run(spin, str(tmp_path / "pid"))
    assert 2 <= time.monotonic() - start < 8 and caught.value.timeout == 2
    spun = int((tmp_path / "pid").read_text())
    assert spun in before and gone(spun)  # its work really ended with it
    after = pool.pids()
    assert len(after) == 2 and spun not in after
    assert pool.run(echo, "next") == "next"


def test_a_job_runs_while_another_is_past_due(pool: WorkerPool, tmp_path: Path) -> None:
    pool.run(pid)
    slow = threading.Thread(target=lambda: pytest.raises(TimedOut, pool.run, spin, str(tmp_path / "pid")))
    slow.start()
    time.sleep(0.3)
    start = time.monotonic()
    assert pool.run(echo, 1) == 1
    assert time.monotonic() - start < 1.5  # the other worker answered; it did not wait for the bound
    slow.join()


def test_a_failing_job_is_a_failure_not_a_lost_worker(pool: WorkerPool) -> None:
    workers = pool.run(pid) and pool.pids()
    with pytest.raises(JobFailed) as caught:
        pool.run(fail, False)
    assert (caught.value.kind, str(caught.value), caught.value.ours) == ("ValueError", "a fault", False)
    assert "Traceback" in caught.value.details and "ValueError: a fault" in caught.value.details
    with pytest.raises(JobFailed) as caught:
        pool.run(fail, True)
    assert (caught.value.kind, str(caught.value), caught.value.ours) == ("StorydiffError", "no such thing", True)
    assert pool.pids() == workers


def test_a_worker_killed_from_outside_is_replaced(pool: WorkerPool) -> None:
    pool.run(pid)
    for victim in pool.pids():
        os.kill(victim, 9)
    time.sleep(0.2)
    assert pool.run(echo, "still") == "still"
    assert len(pool.pids()) == 2


def test_every_worker_busy_is_busy_after_the_wait(tmp_path: Path) -> None:
    pool = WorkerPool(size=1, timeout=10, wait=0.5)
    try:
        pool.run(pid)
        slow = threading.Thread(target=lambda: pytest.raises(WorkerLost, pool.run, spin, str(tmp_path / "pid")))
        slow.start()
        time.sleep(0.3)
        start = time.monotonic()
        with pytest.raises(Busy) as caught:
            pool.run(echo, 1)
        assert 0.5 <= time.monotonic() - start < 2 and str(caught.value) == "all 1 workers stayed busy for 0.5 s"
    finally:
        pool.close()  # the spinning worker too: its caller hears WorkerLost
    slow.join()


def test_a_worker_that_cannot_warm_up_says_why() -> None:
    pool = WorkerPool(size=1, timeout=5, warm=cannot_warm)
    try:
        with pytest.raises(JobFailed) as caught:
            pool.run(echo, 1)
        assert caught.value.ours and str(caught.value) == "no model here"
    finally:
        pool.close()


def test_closing_stops_every_worker() -> None:
    pool = WorkerPool(size=2, timeout=5)
    pool.run(pid)
    workers = pool.pids()
    pool.close()
    assert pool.pids() == [] and all(gone(w) for w in workers)
    with pytest.raises(WorkerLost):
        pool.run(echo, 1)


# -- the app ---------------------------------------------------------------------------------------


def large_body(articles: int = 50, size: int = 40_000) -> dict[str, Any]:
    """Articles that take far longer than the bounds here to compare (2 MB to parse)."""
    rng = random.Random(7)
    docs = []
    for i in range(articles):
        words = []
        while sum(map(len, words)) < size:
            words.append(f"Officer Lee said {rng.randint(2, 900)} people came to the hall on day {rng.randint(1, 28)}.")
        docs.append({"id": f"n{i}", "text": " ".join(words)})
    return {"articles": docs}


def race(client: TestClient) -> tuple[tuple[int, str, float], tuple[int, float]]:
    """A large comparison, and a small one posted a second after it: (status, error, done at) of the
    large one, (status, done at) of the small one, in seconds from the start."""
    start = time.monotonic()
    large: list[tuple[int, str, float]] = []

    def post_large() -> None:
        response = client.post("/compare", json=large_body())
        large.append((response.status_code, response.json().get("error", ""), time.monotonic() - start))

    thread = threading.Thread(target=post_large)
    thread.start()
    time.sleep(1)
    response = client.post("/compare", json=SMALL)
    small = (response.status_code, time.monotonic() - start)
    thread.join()
    return large[0], small


@pytest.mark.parametrize("workers", [2, 1])
def test_a_comparison_past_the_bound_is_503_and_holds_up_no_other(stores: Any, workers: int) -> None:
    app = create_app(stores.db, compare_timeout=5, compare_workers=workers)
    with TestClient(app) as client:  # its lifespan: the workers stop when it ends
        assert client.post("/compare", json=SMALL).status_code == 200  # workers started, model loaded
        started = app.state.config.workers.pids()
        (status, error, large_at), (small_status, small_at) = race(client)
        assert status == 503 and 5 <= large_at < 15, (status, error, large_at)
        assert "took longer than this server allows (5 s) and was stopped" in error
        assert "--compare-timeout" in error and "fewer or shorter articles" in error
        assert small_status == 200
        if workers == 2:
            assert small_at < large_at  # compared beside the large one
        else:
            assert small_at < large_at + 10  # compared once the large one was stopped
        running = app.state.config.workers.pids()
        assert len(running) == workers and len(set(started) - set(running)) == 1  # one stopped and replaced
        response = client.post("/compare", json=SMALL)
        assert response.status_code == 200 and [a["id"] for a in response.json()["articles"]] == ["a", "b"]
    assert app.state.config.workers.pids() == [] and all(gone(w) for w in running)
