"""The FastAPI app: middleware, error handlers and the routers."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from . import compare, pages
from .context import HERE, WebConfig, templates
from .errors import install_error_handlers
from .middleware import BodyLimit, SecurityHeaders


def build_app(db: Path, *, max_body: int) -> FastAPI:
    app = FastAPI(title="storydiff", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Stories from the store and comparisons of posted articles. Every HTML page has a "
                              "JSON twin; JSON documents follow storydiff.stories/1 and storydiff.report/1.")
    app.state.config = WebConfig(db=db, max_body=max_body)
    app.state.templates = templates()
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: it also covers BodyLimit's 413s
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(compare.router)
    return app
