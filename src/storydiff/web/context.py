"""What the routes share, below the app and its routers: the configuration, the templates, the
store's readers and the comparison workers."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from ..errors import StoreError
from ..fetch import Fetcher, public_address
from ..model import Article, Story
from ..nlp import load_model
from ..store import Store
from ..timeline import When
from .cache import Page, Version, VersionedCache
from .errors import HTTPError
from .workers import WorkerPool

HERE = Path(__file__).resolve().parent
PAGES_KEPT = 1024
PAGE_BYTES_KEPT = 64 * 1024 * 1024
"""Made pages kept for their next request: at most this many, of at most this many bytes in all."""


class Shown(NamedTuple):
    """A stored story as its pages show it: its comparison, its articles, its articles grouped as
    copies of one text (Store.copy_groups), and when each was published (Store.whens)."""

    story: Story
    articles: list[Article]
    copies: list[list[str]]
    whens: dict[str, When]  # when each article was published (Store.whens)


@dataclass
class WebConfig:
    """What the routes share: the store's path and readers, the body limit, the caches of stories and
    of made pages, the workers that compare posted articles, each comparison within
    ``compare_timeout`` seconds, and the fetcher of posted links (``given_fetcher``, else one that
    reaches public addresses only, unless ``allow_private_urls``)."""

    db: Path
    max_body: int
    compare_timeout: float
    compare_workers: int
    allow_private_urls: bool = False
    given_fetcher: Fetcher | None = None
    # The store has one writer: the server's own ingests (compared articles stored on request) take turns.
    store_lock: threading.Lock = field(default_factory=threading.Lock)
    stories: VersionedCache[Shown] = field(default_factory=VersionedCache)
    pages: VersionedCache[Page] = field(default_factory=lambda: VersionedCache(
        PAGES_KEPT, max_bytes=PAGE_BYTES_KEPT, weigh=lambda page: page.size))
    making: dict[tuple[str, Version], asyncio.Task[Any]] = field(default_factory=dict)  # pages being made
    readers: ReadStores = field(init=False)
    workers: WorkerPool = field(init=False)
    fetcher: Fetcher = field(init=False)

    def __post_init__(self) -> None:
        self.readers = ReadStores(self.db)
        self.workers = WorkerPool(size=self.compare_workers, timeout=self.compare_timeout, warm=load_model)
        self.fetcher = self.given_fetcher or Fetcher(check=None if self.allow_private_urls else public_address)


def templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return Jinja2Templates(env=env)


def config(request: Request) -> WebConfig:
    value: WebConfig = request.app.state.config
    return value


def render(request: Request, name: str, context: Mapping[str, Any], *, status: int = 200) -> Response:
    """A page from ``templates/``; every value is autoescaped."""
    found: Jinja2Templates = request.app.state.templates
    return found.TemplateResponse(request, name, dict(context), status_code=status)


class ReadStores:
    """One read-only :class:`Store` per worker thread, kept from request to request (a connection
    serves one thread). Opening one per request would also close one per request, and SQLite
    checkpoints and removes the write-ahead log whenever its last connection closes: the log would
    come and go all the time, and with it the version the story cache checks. A store file that is
    replaced is opened afresh."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self._local = threading.local()

    def get(self) -> Store | None:
        """This thread's store; None when there is no store file (yet). Raises StoreError."""
        try:
            inode = self.db.stat().st_ino
        except FileNotFoundError:
            return None
        held: tuple[int, Store] | None = getattr(self._local, "held", None)
        if held is not None and held[0] == inode:
            return held[1]
        if held is not None:
            held[1].close()
        store = Store(self.db, readonly=True)
        self._local.held = (inode, store)
        return store


@contextmanager
def open_store(request: Request) -> Iterator[Store | None]:
    """The store, read-only, for this request; None when there is no store file yet."""
    try:
        store = config(request).readers.get()
    except StoreError as exc:
        raise HTTPError(503, f"The store cannot be read: {exc}") from exc
    yield store
