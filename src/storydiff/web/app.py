"""The FastAPI app: middleware, error handlers, the routers, and the page and comparison workers' lifetime."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..fetch import Fetcher
from . import compare, pages
from .context import HERE, WebConfig, templates
from .errors import install_error_handlers
from .middleware import BodyLimit, SecurityHeaders


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    config: WebConfig = app.state.config
    if config.makers is not None:  # warm before the first reader, who would otherwise wait for them
        await asyncio.to_thread(config.makers.start)
    try:
        yield
    finally:
        if config.makers is not None:
            config.makers.close()
        config.workers.close()
        app.state.config.fetcher.close()


def build_app(db: Path, *, max_body: int, compare_timeout: float, compare_workers: int, allow_private_urls: bool,
              fetcher: Fetcher | None, page_workers: int = 0) -> FastAPI:
    app = FastAPI(title="storydiff", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json", lifespan=_lifespan,
                  description="Stories from the store and comparisons of posted articles. Every HTML page has a "
                              "JSON twin; JSON documents follow storydiff.stories/1 and storydiff.report/1.")
    app.state.config = WebConfig(db=db, max_body=max_body, compare_timeout=compare_timeout,
                                 compare_workers=compare_workers, allow_private_urls=allow_private_urls,
                                 page_workers=page_workers, given_fetcher=fetcher)
    app.state.templates = templates()
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: it also covers BodyLimit's 413s
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(compare.router)
    return app

