"""HTTP errors: exceptions that carry their status, rendered by one handler as an HTML page, or as
JSON for ``.json`` paths and JSON requests.

    HTTPException (Starlette: unknown paths, wrong methods)
     └── HTTPError          raised by storydiff's routes: status, message, details
          └── BodyTooLarge  413, raised while a request body is read past the limit
    RequestValidationError  422, FastAPI's check of query parameters
    StoreUnavailable        503, SQLite failed on the store (damaged, read-only, disk full)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ..errors import StoreUnavailable
from .policy import SECURITY_HEADERS

log = logging.getLogger(__name__)

TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Request too large",
          422: "Cannot handle this input", 500: "Server error", 503: "Unavailable"}


class HTTPError(HTTPException):
    """An error page: ``status``, a message for people, and details (one line each) if any."""

    def __init__(self, status: int, message: str, *, details: Sequence[str] = ()) -> None:
        super().__init__(status_code=status, detail=message)
        self.message = message
        self.details = tuple(details)


class BodyTooLarge(HTTPError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than this server accepts ({limit:,} bytes); "
                              "send fewer or shorter articles, or start the server with a larger --max-body.")


def wants_json(request: Request) -> bool:
    """A ``.json`` path, a JSON request body, or an Accept header that prefers JSON to HTML."""
    if request.url.path.endswith(".json"):
        return True
    if request.headers.get("content-type", "").split(";")[0].strip() == "application/json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, details: Sequence[str] = (),
                   headers: Mapping[str, str] | None = None) -> Response:
    """The one rendering of every error, as HTML or JSON."""
    if wants_json(request):
        body: dict[str, Any] = {"ok": False, "status": status, "error": message}
        if details:
            body["details"] = list(details)
        return JSONResponse(body, status_code=status, headers=headers)
    templates = request.app.state.templates
    context = {"status": status, "title": TITLES.get(status, "Error"), "message": message, "details": details,
               "json_href": None}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if isinstance(exc, HTTPError):
        return error_response(request, exc.status_code, exc.message, exc.details, exc.headers)
    if exc.status_code == 404:
        message = f"There is no page at {request.url.path}. The stories are listed at /stories."
    else:
        message = str(exc.detail)
    return error_response(request, exc.status_code, message, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [f"{' '.join(str(part) for part in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors()]
    return error_response(request, 422, "Parts of the request are not valid.", details)


def unusable_store(exc: Exception) -> str:
    """The message of a 503 for a store SQLite failed on (damaged, read-only, disk full)."""
    return f"The store cannot be used: {exc}"


async def _store_unavailable(request: Request, exc: Exception) -> Response:
    """SQLite failed on the store while a request read or wrote it (damaged, read-only, disk full): 503."""
    return error_response(request, 503, unusable_store(exc))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.error("error serving %s", request.url.path, exc_info=exc)
    # This response leaves by Starlette's outermost middleware, past SecurityHeaders: set them here.
    return error_response(request, 500, "Something went wrong on the server; its log has the details.",
                          headers=SECURITY_HEADERS)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StoreUnavailable, _store_unavailable)
    app.add_exception_handler(Exception, _server_error)
