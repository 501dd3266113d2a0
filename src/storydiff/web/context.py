"""What the routes share, below the app and its routers: the configuration, the templates, the
page makers and the comparison workers."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from ..fetch import Fetcher, public_address
from ..nlp import load_model
from .cache import Page, Version, VersionedCache
from .errors import HTTPError
from .making import Maker, environment, warm
from .workers import Busy, JobFailed, TimedOut, WorkerLost, WorkerPool

log = logging.getLogger(__name__)
T = TypeVar("T")

HERE = Path(__file__).resolve().parent
PAGES_KEPT = 1024
PAGE_BYTES_KEPT = 64 * 1024 * 1024
"""Made pages kept for their next request: at most this many, of at most this many bytes in all."""
PAGE_TIMEOUT = 120.0
"""Seconds a page worker may take over one page (a story compared again after an upgrade: seconds)."""


@dataclass
class WebConfig:
    """What the routes share: the store's path, the body limit, the maker of the store's pages (in
    ``page_workers`` worker processes, or in the server's threads when 0) and the cache of pages
    made, the workers that compare posted articles, each comparison within ``compare_timeout``
    seconds, and the fetcher of posted links (``given_fetcher``, else one that reaches public
    addresses only, unless ``allow_private_urls``)."""

    db: Path
    max_body: int
    compare_timeout: float
    compare_workers: int
    allow_private_urls: bool = False
    page_workers: int = 0
    given_fetcher: Fetcher | None = None
    # The store has one writer: the server's own ingests (compared articles stored on request) take turns.
    store_lock: threading.Lock = field(default_factory=threading.Lock)
    pages: VersionedCache[Page] = field(default_factory=lambda: VersionedCache(
        PAGES_KEPT, max_bytes=PAGE_BYTES_KEPT, weigh=lambda page: page.size))
    making: dict[tuple[str, Version], asyncio.Task[Any]] = field(default_factory=dict)  # pages being made
    maker: Maker = field(init=False)
    makers: WorkerPool | None = field(init=False)
    workers: WorkerPool = field(init=False)
    fetcher: Fetcher = field(init=False)

    def __post_init__(self) -> None:
        self.maker = Maker(self.db)
        self.makers = WorkerPool(size=self.page_workers, timeout=PAGE_TIMEOUT, warm=warm) if self.page_workers else None
        self.workers = WorkerPool(size=self.compare_workers, timeout=self.compare_timeout, warm=load_model)
        self.fetcher = self.given_fetcher or Fetcher(check=None if self.allow_private_urls else public_address)


def templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


def config(request: Request) -> WebConfig:
    value: WebConfig = request.app.state.config
    return value


def render(request: Request, name: str, context: Mapping[str, Any], *, status: int = 200) -> Response:
    """A page from ``templates/``; every value is autoescaped."""
    found: Jinja2Templates = request.app.state.templates
    return found.TemplateResponse(request, name, dict(context), status_code=status)


def in_pool(pool: WorkerPool, what: str, workers: str, function: Callable[..., T], *args: Any,
            timeout_hint: str = "") -> T:
    """``function(*args)`` in one of ``pool``'s workers (``workers`` names them for messages: "page
    workers"); the pool's errors as 503s. ``what`` names the work ("The comparison"), ``timeout_hint``
    says what to do about a job stopped at the bound. A fault in the job itself is logged and raised."""
    try:
        return pool.run(function, *args)
    except TimedOut as exc:
        raise HTTPError(503, f"{what} took longer than this server allows ({exc.timeout:g} s) and was stopped."
                             + (f" {timeout_hint}" if timeout_hint else "")) from exc
    except Busy as exc:
        raise HTTPError(503, f"The server is busy: its {exc.workers} {workers} stayed busy for "
                             f"{exc.waited:g} s. Try again in a moment.") from exc
    except WorkerLost as exc:
        raise HTTPError(503, f"{what} stopped before it finished ({exc}); try again.") from exc
    except JobFailed as exc:
        if exc.ours:
            raise HTTPError(503, f"{what} could not be done: {exc}") from exc
        log.error("%s failed in a worker (%s: %s):\n%s", what, exc.kind, exc, exc.details)
        raise
