"""The store's pages: the story list and one story, each with its JSON twin."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import StoreError, StoreUnavailable
from ..model import Report
from ..report.csvout import csv_lines, story_rows
from ..report.jsonout import report_document
from ..report.stories import stories_document
from ..report.timeline import timeline_document
from ..store import Store, StorySummary
from ..timeline import story_timeline
from .cache import Page, Version, VersionedCache, store_version
from .context import Shown, config, open_store, render
from .errors import HTTPError
from .views import SORTS, filter_stories, story_view

router = APIRouter()

Sort = Literal["recent", "conflicts", "articles"]
QUERY = Query("", max_length=200, description="Words that the story's title, outlets or id must all hold.")
SORT = Query("recent", description="recent: latest article first; conflicts, articles: most first.")


def _stories(request: Request, q: str, sort: str) -> tuple[list[StorySummary], bool]:
    """The stories matching the query, and whether there is a store at all."""
    with open_store(request) as store:
        if store is None:
            return [], False
        return filter_stories(store.stories(), q, sort), True


def _story(request: Request, story_id: str) -> Shown:
    cfg = config(request)
    version = store_version(cfg.db)
    cached = cfg.stories.get(story_id, version)
    if cached is not None:
        return cached
    with open_store(request) as store:
        if store is None:
            raise HTTPError(404, f"There is no story {story_id!r}: the store is empty.")
        found = _stored_story(store, story_id)
    cfg.stories.put(story_id, version, found)
    return found


def _stored_story(store: Store, story_id: str) -> Shown:
    try:
        story = store.story(story_id)
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise HTTPError(404, f"There is no story {story_id!r} in the store; the stories are listed at "
                             "/stories.") from exc
    return Shown(story, [a for a in (store.article(i) for i in story.articles) if a is not None],
                 store.copy_groups(list(story.articles)), store.whens(list(story.articles)))


async def _kept(request: Request, make: Callable[[], Response]) -> Response:
    """The page at this URL as last made while the store was as it is now (else made now, in a
    worker thread, and kept), with its ETag; ``304 Not Modified`` when the client already holds it.
    Only a 200 is kept. A page kept is answered on the event loop: no thread, no store. Requests for
    a page being made wait for it rather than make it again (a server just started, asked for one
    story by many readers at once, makes its page once)."""
    cfg = config(request)
    key = (request.url.path + "?" + request.url.query, store_version(cfg.db))
    kept = cfg.pages.get(*key)
    made: Page | Response = kept if kept is not None else await asyncio.shield(
        _making(cfg.making, key, lambda: _page(make(), cfg.pages, key)))
    if isinstance(made, Response):
        return made
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


def _page(response: Response, pages: VersionedCache[Page], key: tuple[str, Version]) -> Page | Response:
    """A 200 response as a Page, kept under ``key``; any other response as it is."""
    if response.status_code != 200:
        return response
    page = Page(bytes(response.body), response.headers["content-type"],
                tuple((k, v) for k, v in response.headers.items() if k == "content-disposition"))
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
    return await _kept(request, lambda: JSONResponse(stories_document(_stories(request, q, sort)[0])))


@router.get("/stories", summary="The story list (HTML)", response_class=Response)
async def stories_page(request: Request, q: str = QUERY, sort: Sort = SORT) -> Response:
    def make() -> Response:
        stories, has_store = _stories(request, q, sort)
        return render(request, "stories.html", {
            "stories": stories, "q": q, "sort": sort, "sorts": SORTS, "has_store": has_store,
            "db_name": config(request).db.name, "json_href": request.url.replace(path="/stories.json"),
        })

    return await _kept(request, make)


@router.get("/stories/{story_id}.json", summary="One story's report (storydiff.report/1)",
            responses={404: {"description": "No such story"}})
async def story_json(request: Request, story_id: str) -> Response:
    def make() -> Response:
        story, articles, *_ = _story(request, story_id)
        return JSONResponse(report_document(Report(articles=tuple(articles), stories=(story,))))

    return await _kept(request, make)


@router.get("/stories/{story_id}.csv", summary="One story's findings as CSV (a row per finding and article)",
            response_class=Response, responses={404: {"description": "No such story"}})
async def story_csv(request: Request, story_id: str) -> Response:
    def make() -> Response:
        story, articles, *_ = _story(request, story_id)
        name = re.sub(r"[^A-Za-z0-9_-]", "_", story_id)[:80] or "story"
        return Response("".join(csv_lines(story_rows(story, articles))), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="storydiff-{name}.csv"'})

    return await _kept(request, make)


@router.get("/stories/{story_id}/timeline.json", summary="One story's timeline (storydiff.timeline/1)",
            responses={404: {"description": "No such story"}})
async def story_timeline_json(request: Request, story_id: str) -> Response:
    def make() -> Response:
        story, articles, copies, whens = _story(request, story_id)
        return JSONResponse(timeline_document(story_timeline(story, articles, copies, whens)))

    return await _kept(request, make)


@router.get("/stories/{story_id}", summary="One story: findings and articles side by side (HTML)",
            response_class=Response, responses={404: {"description": "No such story"}})
async def story_page(request: Request, story_id: str) -> Response:
    def make() -> Response:
        story, articles, copies, whens = _story(request, story_id)
        view = story_view(story, articles)
        return render(request, "story.html", {
            "view": view,
            "timeline": timeline_document(story_timeline(story, articles, copies, whens)),
            "anchors": {av.article.id: f"article-{av.index}" for av in view.articles},
            "timeline_href": request.url_for("story_timeline_json", story_id=story_id).path,
            "json_href": request.url_for("story_json", story_id=story_id).path,
            "csv_href": request.url_for("story_csv", story_id=story_id).path})

    return await _kept(request, make)
