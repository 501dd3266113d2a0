"""Stories as last read from the store, kept while the store's files are unchanged.

A story page compares the story's stored facts again (``Store.story``): tens of milliseconds for a
large story, on every view. The result only changes when the store does, and in WAL mode every
commit changes the ``-wal`` file (and a checkpoint the main file), so their size and modification
time make a cheap version to check on each request. The server's own ingests clear the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
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


class VersionedCache(Generic[V]):
    """A small LRU map whose entries count only for the version they were made at. Thread-safe."""

    def __init__(self, size: int = 128) -> None:
        self.size = size
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
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
