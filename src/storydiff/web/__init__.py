"""The web app: ``storydiff serve`` — the story list, a story's articles side by side with every
finding's evidence highlighted in place, and a form to compare pasted or uploaded articles.

Every HTML page has a JSON twin (``/stories.json``, ``/stories/{id}.json``, ``POST /compare`` with
a JSON body). The app needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart); this
module imports them only when an app is made, so ``import storydiff.web`` always works and a missing
extra is a :class:`~storydiff.errors.MissingExtra` naming ``pip install 'storydiff[web]'``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import MissingExtra

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..fetch import Fetcher

__all__ = ["DEFAULT_COMPARE_TIMEOUT", "DEFAULT_COMPARE_WORKERS", "DEFAULT_MAX_BODY", "DEFAULT_PAGE_WORKERS",
           "create_app", "require_web", "serve"]

DEFAULT_MAX_BODY = 5_000_000
"""Largest request body, in bytes, the app reads (larger ones get 413)."""
DEFAULT_COMPARE_TIMEOUT = 60.0
"""Seconds a comparison of posted articles may take before it is stopped (and answered 503)."""
DEFAULT_COMPARE_WORKERS = 2
"""Worker processes comparing posted articles: that many comparisons run at once."""
DEFAULT_PAGE_WORKERS = 2
"""Worker processes making the store's pages for ``serve`` (see web/making.py)."""

_WEB_MODULES = ("fastapi", "uvicorn", "jinja2", "python_multipart")


def require_web() -> None:
    """Raise :class:`MissingExtra` unless the web extra's packages can be imported."""
    for name in _WEB_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise MissingExtra("web", name.replace("_", "-")) from exc


def create_app(db_path: str | Path, *, max_body: int = DEFAULT_MAX_BODY,
               compare_timeout: float = DEFAULT_COMPARE_TIMEOUT,
               compare_workers: int = DEFAULT_COMPARE_WORKERS, allow_private_urls: bool = False,
               fetcher: Fetcher | None = None, page_workers: int = 0) -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only per request; read-write only to store
    compared articles on request). Request bodies over ``max_body`` bytes are refused with 413.

    Posted articles are read and compared in ``compare_workers`` worker processes (started on the
    first comparison, stopped when the app shuts down); one that takes longer than
    ``compare_timeout`` seconds is stopped and answered 503.

    The store's pages are made in ``page_workers`` worker processes (started with the app, stopped
    when it shuts down), or with 0 in the server's threads; see :mod:`storydiff.web.making`.

    Posted links are fetched by ``fetcher`` (default: one that refuses every address that is not
    public, unless ``allow_private_urls``; see :func:`storydiff.fetch.public_address`)."""
    require_web()
    from .app import build_app

    return build_app(Path(db_path), max_body=max_body, compare_timeout=compare_timeout,
                     compare_workers=compare_workers, allow_private_urls=allow_private_urls, fetcher=fetcher,
                     page_workers=page_workers)


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, max_body: int = DEFAULT_MAX_BODY,
          compare_timeout: float = DEFAULT_COMPARE_TIMEOUT, compare_workers: int = DEFAULT_COMPARE_WORKERS,
          allow_private_urls: bool = False, page_workers: int = DEFAULT_PAGE_WORKERS) -> None:
    """Run the app with uvicorn until interrupted."""
    app = create_app(db_path, max_body=max_body, compare_timeout=compare_timeout, compare_workers=compare_workers,
                     allow_private_urls=allow_private_urls, page_workers=page_workers)
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
