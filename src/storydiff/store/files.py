"""Opening the store's SQLite file, and SQLite's errors said as what they mean for the store.

A store is written in WAL mode: beside ``NAME`` SQLite keeps ``NAME-wal`` (the log of recent
commits) and ``NAME-shm`` (its index), and creates them in the store's folder when it opens it.
So writing needs a writable file and a writable folder. Reading needs neither, with one limit:

- a read-only file in a writable folder is read as usual (``mode=ro``: SQLite makes the -shm);
- in a folder it cannot write, SQLite cannot make the -shm. With no log beside the store (the
  last writer closed it cleanly) the store is opened ``immutable``: read from the main file alone,
  which is all there is — no writer can change it, since a writer would have to create the log;
- a log left beside it in such a folder (a crash, or a writer still running) cannot be read, and
  reading the main file alone would miss its commits: that is refused, with what to do.

Every :class:`sqlite3.Error` is turned into a :class:`~storydiff.errors.StoreError` naming the
file and what to do (:func:`store_error`); the store maps them where it opens, reads and writes.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from ..errors import InputError, StoreError, StoreUnavailable

TIMEOUT = 60  # seconds a writer waits for another writer's transaction


def connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection to the store at ``path``: read-only, or read-write (the file made when missing)."""
    if path.is_dir():
        raise StoreError(f"{path}: a folder, not a store file; give the path of a store file, e.g. "
                         f"--db {path / 'storydiff.db'}")
    if readonly:
        if not path.exists():
            raise StoreError(f"{path}: no store here; run `storydiff ingest --db {path} …` first")
        return _reader(path)
    with sqlite_errors(path):
        db = sqlite3.connect(path, timeout=TIMEOUT, isolation_level=None)
    try:
        with sqlite_errors(path):
            _wal_mode(db)
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
    except StoreError:
        db.close()
        raise
    return db


def _wal_mode(db: sqlite3.Connection) -> None:
    """Put the store in WAL mode (a no-op once it is). Switching needs the file to itself, and SQLite
    answers "database is locked" at once, without waiting, while another process opens or makes the
    same new store: so wait here, as long as a writer waits for another."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_BUSY" or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _reader(path: Path) -> sqlite3.Connection:
    """Read-only, as the module doc says: ``mode=ro``, or ``immutable`` in a folder SQLite cannot write."""
    try:
        return _open_uri(path, "mode=ro")
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") not in ("SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN"):
            raise store_error(path, exc) from exc
        log = _beside(path, "wal")
        if log.exists() and log.stat().st_size:
            raise StoreUnavailable(
                f"{path}: the folder {path.parent} is not writable, and SQLite can read the store's write-ahead "
                f"log ({log.name}) only by creating {_beside(path, 'shm').name} there; make the folder writable, "
                f"or copy the store with its {log.name} to a writable folder") from exc
    try:
        return _open_uri(path, "immutable=1")
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc


def _open_uri(path: Path, query: str) -> sqlite3.Connection:
    db = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=TIMEOUT, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()  # the first read opens the file, and the log if any
    except sqlite3.Error:
        db.close()
        raise
    return db


def check_writable(db: sqlite3.Connection, path: Path) -> None:
    """Raise now, rather than at the first write after analysing articles, when SQLite may not write
    the store: change nothing in a transaction that is rolled back."""
    try:
        with sqlite_errors(path):
            db.execute("BEGIN IMMEDIATE")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            db.execute(f"PRAGMA user_version = {version}")
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")


class _HasPath(Protocol):
    path: Path


S = TypeVar("S", bound=_HasPath)
P = ParamSpec("P")
R = TypeVar("R")


def mapped(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """A store's ``method`` with SQLite's errors turned into StoreErrors naming the store."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with sqlite_errors(self.path):
            return method(self, *args, **kwargs)

    return wrapper


@contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors inside the block into StoreErrors naming the store at ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc
    except UnicodeDecodeError as exc:  # a TEXT value that is not UTF-8: a damaged page SQLite took as valid
        raise damaged(path, f"a stored text is not UTF-8: {exc.reason}") from exc


@contextmanager
def stored_rows(path: Path) -> Iterator[None]:
    """Turn a stored value that cannot be decoded (damage SQLite did not notice: a byte changed inside
    a row's JSON or text) into the StoreError of a damaged store naming ``path``."""
    try:
        yield
    except (ValueError, KeyError, TypeError, IndexError, InputError) as exc:
        raise damaged(path, f"a stored row cannot be read: {exc}") from exc


def damaged(path: Path, detail: str) -> StoreUnavailable:
    return StoreUnavailable(f"{path}: the store is damaged ({detail}); restore it from a copy, or ingest the articles "
                            "again into a new store (--db NEW.db): `storydiff export` writes out those it can still "
                            "read")


def store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    """What an SQLite error means for the store at ``path``, and what to do about it, in one line."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name == "SQLITE_NOTADB":
        return StoreError(f"{path}: not a storydiff store ({exc}); give the file `storydiff ingest --db` made, or a "
                          "new path to make one")
    if name.startswith("SQLITE_CORRUPT") or str(exc).startswith("Could not decode to UTF-8"):
        return damaged(path, str(exc))
    if name == "SQLITE_READONLY_DIRECTORY":
        return _folder_not_writable(path)
    if name.startswith("SQLITE_READONLY"):
        why = "no write permission on the file" if not os.access(path, os.W_OK) else str(exc)
        return StoreUnavailable(f"{path}: the store is read-only ({why}); adding to it needs to write it: make it "
                                f"writable (chmod u+w {path}) or work on a copy; stories, show, export and serve can "
                                "still read it")
    if name.startswith("SQLITE_CANTOPEN"):
        return _cannot_open(path, exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreUnavailable(f"{path}: the store is busy ({exc}): another process is writing it; run again "
                                "when that process is done")
    if name == "SQLITE_FULL":
        return StoreUnavailable(f"{path}: the disk is full ({exc}); free some space and run again: what was "
                                "stored before stays stored")
    if name.startswith("SQLITE_IOERR"):
        return StoreUnavailable(f"{path}: reading or writing the store failed ({exc}); check the disk, and restore "
                                "the store from a copy if it is damaged")
    return StoreUnavailable(f"{path}: SQLite failed on the store ({exc})")


def _cannot_open(path: Path, exc: sqlite3.Error) -> StoreError:
    folder = path.parent
    if not folder.is_dir():
        return StoreError(f"{path}: no folder {folder}; create it, or give a path in a folder that exists")
    if not path.exists():
        return StoreUnavailable(f"{path}: the folder {folder} is not writable: the store cannot be created there; "
                                "give a path in a writable folder")
    if not os.access(path, os.R_OK):
        return StoreUnavailable(f"{path}: no read permission on the store file ({exc}); make it readable "
                                f"(chmod u+r {path})")
    if not os.access(folder, os.W_OK):
        return _folder_not_writable(path)
    return StoreUnavailable(f"{path}: SQLite cannot open the store ({exc})")


def _folder_not_writable(path: Path) -> StoreUnavailable:
    return StoreUnavailable(f"{path}: the folder {path.parent} is not writable: SQLite needs to create the store's "
                            f"journal ({_beside(path, 'wal').name}, {_beside(path, 'shm').name}) there; make the "
                            "folder writable, or move the store to one that is")


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}-{suffix}")
