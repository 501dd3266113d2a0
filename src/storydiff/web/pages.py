"""The store's pages: the story list and one story, each with its JSON twin. Each page is made
once for the store as it is (web/making.py) and kept; this module routes, keeps and answers."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from .cache import Page, Version, VersionedCache, store_version
from .context import WebConfig, config, in_pool
from .errors import HTTPError
from .making import Made, make_in_worker

router = APIRouter()

Sort = Literal["recent", "conflicts", "articles"]
QUERY = Query("", max_length=200, description="Words that the story's title, outlets or id must all hold.")
SORT = Query("recent", description="recent: latest article first; conflicts, articles: most first.")


def _made(cfg: WebConfig, page: str, args: tuple[Any, ...]) -> Made:
    """``page`` made for ``args``: by a page worker when the server has them, else in this thread."""
    if cfg.makers is None:
        return cfg.maker.make(page, *args)
    return in_pool(cfg.makers, "Making the page", "page workers", make_in_worker, str(cfg.db), page, *args)


async def _kept(request: Request, page: str, *args: Any, hrefs: Callable[[], dict[str, str]] | None = None) -> Response:
    """The page at this URL as last made while the store was as it is now (else made now, see
    :func:`_made`, and kept), with its ETag; ``304 Not Modified`` when the client already holds it.
    ``hrefs`` gives the page's links, asked only when the page is made. Only a 200 is kept. A page
    kept is answered on the event loop: no thread, no store, no route looked up. Requests for
    a page being made wait for it rather than make it again (a server just started, asked for one
    story by many readers at once, makes its page once)."""
    cfg = config(request)
    key = (request.url.path + "?" + request.url.query, store_version(cfg.db))
    kept = cfg.pages.get(*key)

    def make() -> Page | Made:
        return _page(_made(cfg, page, (*args, hrefs()) if hrefs else args), cfg.pages, key)

    made = kept if kept is not None else await asyncio.shield(_making(cfg.making, key, make))
    if isinstance(made, Made):
        raise HTTPError(made.status, made.problem or "The page could not be made.")
    headers = {"ETag": made.etag, "Cache-Control": "no-cache", **dict(made.headers)}
    if made.etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(made.body, headers={**headers, "Content-Type": made.media_type})


def _making(making: dict[Any, asyncio.Task[Any]], key: Any, make: Callable[[], Any]) -> asyncio.Task[Any]:
    """The task making ``key`` in a worker thread: the one under way, else a new one. It runs to the
    end even when the request that started it goes away, for the others waiting on it."""
    task = making.get(key)
    if task is None:
        task = asyncio.ensure_future(run_in_threadpool(make))
        making[key] = task

        def done(finished: asyncio.Task[Any]) -> None:
            making.pop(key, None)
            if not finished.cancelled():
                finished.exception()  # retrieved here: every waiter may have gone

        task.add_done_callback(done)
    return task


def _page(made: Made, pages: VersionedCache[Page], key: tuple[str, Version]) -> Page | Made:
    """A page made with status 200 as a Page, kept under ``key``; anything else as it is."""
    if made.status != 200:
        return made
    page = Page(made.body, made.media_type, made.headers)
    pages.put(*key, page)
    return page


def _etags(header: str) -> set[str]:
    """The entity tags an If-None-Match header lists (weak ones as strong: ours never change meaning)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


@router.get("/", include_in_schema=False)
async def home() -> Response:
    return RedirectResponse("/stories", status_code=303)


@router.get("/stories.json", summary="The story list (storydiff.stories/1)",
            responses={200: {"description": "`{\"schema\": \"storydiff.stories/1\", \"stories\": [...]}`"}})
async def stories_json(request: Request, q: str = QUERY, sort: Sort = SORT) -> Response:
    return await _kept(request, "stories.json", q, sort)


@router.get("/stories", summary="The story list (HTML)", response_class=Response)
async def stories_page(request: Request, q: str = QUERY, sort: Sort = SORT) -> Response:
    return await _kept(request, "stories", q, sort,
                       hrefs=lambda: {"json_href": str(request.url.replace(path="/stories.json"))})


@router.get("/stories/{story_id}.json", summary="One story's report (storydiff.report/1)",
            responses={404: {"description": "No such story"}})
async def story_json(request: Request, story_id: str) -> Response:
    return await _kept(request, "story.json", story_id)


@router.get("/stories/{story_id}.csv", summary="One story's findings as CSV (a row per finding and article)",
            response_class=Response, responses={404: {"description": "No such story"}})
async def story_csv(request: Request, story_id: str) -> Response:
    name = re.sub(r"[^A-Za-z0-9_-]", "_", story_id)[:80] or "story"
    return await _kept(request, "story.csv", story_id, f"storydiff-{name}.csv")


@router.get("/stories/{story_id}/timeline.json", summary="One story's timeline (storydiff.timeline/1)",
            responses={404: {"description": "No such story"}})
async def story_timeline_json(request: Request, story_id: str) -> Response:
    return await _kept(request, "timeline.json", story_id)


@router.get("/stories/{story_id}", summary="One story: findings and articles side by side (HTML)",
            response_class=Response, responses={404: {"description": "No such story"}})
async def story_page(request: Request, story_id: str) -> Response:
    return await _kept(request, "story", story_id, hrefs=lambda: {
        "timeline_href": request.url_for("story_timeline_json", story_id=story_id).path,
        "json_href": request.url_for("story_json", story_id=story_id).path,
        "csv_href": request.url_for("story_csv", story_id=story_id).path})
