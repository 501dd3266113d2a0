"""Stories and pages as last made from the store, kept while the store's files are unchanged.

A story page compares the story's stored facts again (``Store.story``): tens of milliseconds for a
large story, on every view; rendering its page takes as long again. Both only change when the store
does, and in WAL mode every commit changes the ``-wal`` file (and a checkpoint the main file), so
their size and modification time make a cheap version to check on each request. The server's own
ingests clear the caches.

A page kept (:class:`Page`) is answered from its bytes, with an ``ETag`` that is a hash of them: a
browser that asks again with ``If-None-Match`` gets ``304 Not Modified`` and nothing else.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")
Version = tuple[int, ...]


def store_version(db: Path) -> Version:
    """Size and modification time of the store file and its write-ahead log (0 for a missing file)."""
    out: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            stat = path.stat()
        except OSError:
            out += [0, 0]
        else:
            out += [stat.st_size, stat.st_mtime_ns]
    return tuple(out)


@dataclass(frozen=True)
class Page:
    """A response's body and the headers that go with it, and the ETag made from the body."""

    body: bytes
    media_type: str
    headers: tuple[tuple[str, str], ...] = ()
    etag: str = field(init=False)  # hashed once, when the page is made: every request sends it

    def __post_init__(self) -> None:
        object.__setattr__(self, "etag", '"' + hashlib.blake2b(self.body, digest_size=16).hexdigest() + '"')

    @property
    def size(self) -> int:
        return len(self.body)


class VersionedCache(Generic[V]):
    """A small LRU map whose entries count only for the version they were made at. Thread-safe.

    At most ``size`` entries and, when ``max_bytes`` is set, entries whose sizes (``weigh``) add up to
    at most that many bytes (one larger than that is not kept)."""

    def __init__(self, size: int = 128, *, max_bytes: int | None = None,
                 weigh: Callable[[V], int] | None = None) -> None:
        if (max_bytes is None) != (weigh is None):
            raise ValueError("a byte bound needs a way to weigh entries, and the other way round")
        self.size = size
        self.max_bytes = max_bytes
        self._weigh: Callable[[V], int] = weigh or (lambda value: 0)
        self._bytes = 0
        self._items: OrderedDict[str, tuple[Version, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, version: Version) -> V | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != version:
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: str, version: Version, value: V) -> None:
        with self._lock:
            self._drop(key)
            if self.max_bytes is not None and self._weigh(value) > self.max_bytes:
                return
            self._items[key] = (version, value)
            self._bytes += self._weigh(value)
            while len(self._items) > self.size or (self.max_bytes is not None and self._bytes > self.max_bytes):
                self._drop(next(iter(self._items)))

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def _drop(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= self._weigh(item[1])
