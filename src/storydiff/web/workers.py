"""Work on posted articles in worker processes, each job bounded in time.

A comparison can take far longer than its size suggests (a long quote shared by several articles),
and a Python thread cannot be stopped. So the server sends each job (a picklable function and its
arguments) to one of a few worker processes, and waits at most ``timeout`` seconds for the answer;
a worker past that bound is killed, which really ends its work, and a fresh one is started in its
place. Each worker loads the language model once, when it starts, before it takes any job: the
model's load is not counted against a job's bound.

Workers start on first use (an app that compares nothing starts none) and are daemon processes,
ended by :meth:`WorkerPool.close` or, at the latest, when the server exits. No web framework here.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from ..errors import StorydiffError

log = logging.getLogger(__name__)
T = TypeVar("T")

START_TIMEOUT = 120.0
"""Seconds a new worker may take to start and load the model."""

_READY = "ready"


class WorkerError(StorydiffError):
    """A job could not be done by a worker: base of the pool's errors."""


class TimedOut(WorkerError):
    """The job passed its time bound; its worker was stopped."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"the job took longer than {timeout:g} s and was stopped")
        self.timeout = timeout


class Busy(WorkerError):
    """Every worker stayed busy while the job waited for one."""

    def __init__(self, workers: int, waited: float) -> None:
        super().__init__(f"all {workers} workers stayed busy for {waited:g} s")
        self.workers = workers
        self.waited = waited


class WorkerLost(WorkerError):
    """The worker ended before it answered (killed from outside, out of memory, or the pool closed)."""


class JobFailed(WorkerError):
    """The job raised in its worker. ``ours`` tells a :class:`StorydiffError` (a message for the
    client) from anything else (a fault: ``details`` has the worker's traceback for the log)."""

    def __init__(self, kind: str, message: str, *, ours: bool, details: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.ours = ours
        self.details = details


def _serve(conn: Connection, warm: Callable[[], object] | None) -> None:
    """A worker's life: warm up, say so, then answer jobs until the pool's end of the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle: it stops the workers
    try:
        if warm is not None:
            warm()
    except Exception as exc:  # e.g. no model installed: the pool reports it to the job that waits
        conn.send(_failure(exc))
        return
    conn.send(_READY)
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):  # the pool closed its end, or its process is gone
            return
        try:
            answer: tuple[Any, ...] = ("ok", function(*args))
        except Exception as exc:
            answer = _failure(exc)
        try:
            conn.send(answer)
        except Exception as exc:  # an answer that cannot be pickled
            conn.send(_failure(exc))


def _failure(exc: Exception) -> tuple[str, str, str, bool, str]:
    return ("error", type(exc).__name__, str(exc), isinstance(exc, StorydiffError), traceback.format_exc())


class _Worker:
    """One worker process and the pool's end of its pipe."""

    def __init__(self, context: Any, warm: Callable[[], object] | None) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, warm), daemon=True,
                                                    name="storydiff-worker")
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        """Wait for the worker to warm up; raises WorkerLost or JobFailed when it could not."""
        if self.ready:
            return
        if not self.conn.poll(START_TIMEOUT):
            raise WorkerLost(f"a worker did not start within {START_TIMEOUT:g} s")
        message = self._receive()
        if message != _READY:
            raise _answer_error(message)
        self.ready = True

    def _receive(self) -> Any:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1)
            raise WorkerLost(f"a worker ended before it answered (exit code {self.process.exitcode})") from None

    def send(self, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            self.conn.send((function, args))
        except OSError as exc:
            raise WorkerLost(f"a worker could not be reached ({exc})") from exc

    def answer(self, timeout: float) -> Any:
        """The job's result; raises TimedOut past ``timeout`` seconds, or JobFailed."""
        try:
            if not self.conn.poll(timeout):
                raise TimedOut(timeout)
        except OSError as exc:  # the pool was closed meanwhile
            raise WorkerLost(f"a worker could not be reached ({exc})") from exc
        answer = self._receive()
        if answer[0] != "ok":
            raise _answer_error(answer)
        return answer[1]

    def stop(self) -> None:
        """End the process now (a job it runs ends with it)."""
        self.conn.close()
        self.process.terminate()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _answer_error(message: Any) -> WorkerError:
    _, kind, text, ours, details = message
    return JobFailed(kind, text, ours=ours, details=details)


class WorkerPool:
    """``size`` worker processes (started on first use), each job bounded by ``timeout`` seconds.

    ``warm`` runs once in each worker as it starts (load the model there). Thread-safe: each caller
    takes an idle worker, waiting for one at most ``wait`` seconds (default: ``timeout``).
    """

    def __init__(self, *, size: int, timeout: float, wait: float | None = None,
                 warm: Callable[[], object] | None = None) -> None:
        if size < 1 or timeout <= 0:
            raise ValueError("a worker pool needs at least one worker and a positive timeout")
        self.size = size
        self.timeout = timeout
        self.wait = timeout if wait is None else wait
        self._warm = warm
        self._context = multiprocessing.get_context("spawn")  # no copy of the server's threads or sockets
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self._workers: set[_Worker] = set()

    def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker; raises TimedOut, Busy, WorkerLost or JobFailed."""
        self._start()
        for _ in range(self.size + 1):
            worker = self._take()
            try:
                worker.wait_ready()
                worker.send(function, args)
            except WorkerLost:  # gone before it had the job (killed from outside): another one takes it
                self._replace(worker)
                continue
            except JobFailed:  # it could not warm up (no model): so would its successor, but it is tried again
                self._replace(worker)
                raise
            return self._result(worker)
        raise WorkerLost("no worker could take the job")

    def start(self) -> None:
        """Start the workers now rather than on first use, and wait until each has warmed up. One
        that could not is replaced (the first job then waits for its successor, and reports the
        same failure if there is one)."""
        self._start()
        warming = [self._take() for _ in range(self.size)]
        for worker in warming:
            try:
                worker.wait_ready()
            except WorkerError as exc:
                log.warning("a worker could not start: %s", exc)
                self._replace(worker)
            else:
                self._idle.put(worker)

    def pids(self) -> list[int]:
        """The process ids of the workers now running."""
        with self._lock:
            return sorted(w.process.pid for w in self._workers if w.process.pid is not None and w.process.is_alive())

    def _take(self) -> _Worker:
        try:
            return self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise Busy(self.size, self.wait) from None

    def _result(self, worker: _Worker) -> Any:
        try:
            result = worker.answer(self.timeout)
        except JobFailed:  # the job failed, not the worker
            self._idle.put(worker)
            raise
        except WorkerError:  # past its bound, or gone: a fresh worker takes its place
            self._replace(worker)
            raise
        self._idle.put(worker)
        return result

    def close(self) -> None:
        """Stop every worker; jobs still waiting get WorkerLost."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _start(self) -> None:
        with self._lock:
            if self._closed:
                raise WorkerLost("the server is shutting down")
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self._warm)
        self._workers.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and start another in its place (warming up while it waits for a job)."""
        log.info("stopping worker %s", worker.process.pid)
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if not self._closed:
                self._add()
