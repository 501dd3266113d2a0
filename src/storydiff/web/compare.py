"""Compare posted articles: the form, ``POST /compare`` (JSON in, storydiff.report/1 out) and
``POST /compare/form`` (the form's multipart post: pasted texts, uploaded files and links).

Links are fetched here, in the server's threads, by the app's fetcher (public addresses only unless
the server allows private ones); the pages are read, like uploads, in a comparison worker.

Nothing touches the store unless ``store`` is set; then the articles are also ingested, the store
being opened read-write for that alone.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from ..articles import HTML_BYTES_PER_CHAR
from ..errors import InputError, LinkRefused, StorydiffError
from ..ingest import FOLDER_SUFFIXES, IngestOptions, article_from_record
from ..model import Article, Problem, Report
from ..pipeline import compare
from ..report.jsonout import REPORT_SCHEMA, report_document
from .context import WebConfig, config, in_pool, render
from .errors import HTTPError, wants_json
from .jsonbody import RefusedJSON, read_json
from .submit import (
    MAX_ARTICLES,
    MAX_LINKS,
    Pasted,
    Stored,
    fetch_links,
    letter,
    read_pages,
    read_uploads,
    store_articles,
    unique_ids,
)
from .views import story_view

T = TypeVar("T")


class StrictJSONRequest(Request):
    """A request whose JSON body is read by :func:`read_json`: refused with 422 naming what is wrong."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                self._json = read_json(await self.body())
            except RefusedJSON as exc:
                raise HTTPError(422, "The request body is not JSON that this server reads.",
                                details=exc.problems) from exc
        return self._json


class StrictJSONRoute(APIRoute):
    """A route reading its JSON body as :class:`StrictJSONRequest` (FastAPI's way to change that)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler


router = APIRouter(route_class=StrictJSONRoute)

FORM_FIELDS = {"text": "pasted article text (repeat per article)", "title": "its title", "outlet": "its outlet",
               "published": "its publication date, YYYY-MM-DD", "file": "an uploaded article file (repeatable)",
               "links": f"links to articles or feeds, http(s), one a line (at most {MAX_LINKS})",
               "store": "'on' to also add the articles to the store"}


class ArticleIn(BaseModel):
    """An article to compare; fields other than these are kept as metadata."""

    model_config = ConfigDict(extra="allow")
    id: str | None = Field(None, description="Stable id; default: a, b, c… by position.")
    text: str = Field(min_length=1)
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="ISO date, YYYY-MM-DD.")
    url: str | None = None


class CompareIn(BaseModel):
    articles: list[ArticleIn] = Field([], max_length=MAX_ARTICLES)
    urls: list[str] = Field([], max_length=MAX_LINKS, description="Links to articles or feeds (http or https), "
                                                                   "fetched by the server.")
    store: StrictBool = Field(False, description="Also add the articles to the server's store (true or false).")

    @model_validator(mode="after")
    def two_or_more(self) -> CompareIn:
        if len(self.articles) + len(self.urls) < 2:
            raise ValueError("give at least two articles to compare, in 'articles' or as links in 'urls'")
        return self


@dataclasses.dataclass(frozen=True)
class Outcome:
    report: Report
    stored: Stored | None

    def document(self) -> dict[str, Any]:
        doc = report_document(self.report)
        if self.stored is not None:
            doc["stored"] = self.stored.document()
        return doc


@router.get("/compare", summary="The compare form (HTML)", response_class=Response)
def compare_page(request: Request, n: int = Query(2, ge=2, le=MAX_ARTICLES, description="Text boxes shown.")
                 ) -> Response:
    return _form(request, [Pasted()] * n)


@router.get("/compare.json", summary="What POST /compare accepts")
def compare_json(request: Request) -> JSONResponse:
    cfg = config(request)
    return JSONResponse({"post": "/compare", "content_type": "application/json", "form": "/compare/form",
                         "form_fields": FORM_FIELDS, "returns": REPORT_SCHEMA, "max_body": cfg.max_body,
                         "max_articles": MAX_ARTICLES, "max_links": MAX_LINKS,
                         "upload_suffixes": list(FOLDER_SUFFIXES),
                         "compare_timeout": cfg.compare_timeout})


@router.post("/compare", summary="Compare articles (storydiff.report/1)",
             responses={413: {"description": "Body over --max-body"}, 422: {"description": "Not articles"},
                        503: {"description": "Past --compare-timeout (stopped), or every worker busy"}})
async def compare_api(request: Request, payload: CompareIn) -> JSONResponse:
    """Compare the articles as one story; with ``store``, also add them to the store (the response
    then has ``stored``: counts and the stories they are in)."""
    cfg = config(request)
    articles = [_record_article(a, i) for i, a in enumerate(payload.articles)]
    try:
        linked, problems = await _linked(cfg, payload.urls)
    except LinkRefused as exc:
        raise HTTPError(422, f"A link was refused: {exc}") from exc
    articles = unique_ids(articles + linked)
    if not 2 <= len(articles) <= MAX_ARTICLES:
        raise HTTPError(422, _count_message(len(articles)), details=[p.message for p in problems])
    outcome = await run_in_threadpool(_compared, cfg, articles, problems, payload.store)
    return JSONResponse(outcome.document())


FORM_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object",
    "properties": {name: {"type": "string", "description": text, **({"format": "binary"} if name == "file" else {})}
                   for name, text in FORM_FIELDS.items()}}}}}}


@router.post("/compare/form", summary="Compare articles posted by the form (HTML, or JSON on request)",
             response_class=Response, openapi_extra=FORM_SCHEMA)
async def compare_form(request: Request) -> Response:
    cfg = config(request)
    form = await request.form(max_part_size=cfg.max_body, max_files=MAX_ARTICLES, max_fields=8 * MAX_ARTICLES)
    pasted = _pasted(form)
    links = [line.strip() for value in form.getlist("links") if isinstance(value, str)
             for line in value.splitlines() if line.strip()]
    store = form.get("store") == "on"
    try:
        if len(links) > MAX_LINKS:
            raise HTTPError(422, f"Give at most {MAX_LINKS} links at once (found {len(links)}).")
        articles, problems = await _submitted(cfg, form, pasted, links)
        if not 2 <= len(articles) <= MAX_ARTICLES:
            raise HTTPError(422, _count_message(len(articles)), details=[p.message for p in problems])
    except HTTPError as exc:
        if wants_json(request):
            raise
        return _form(request, pasted, links=links, errors=[exc.message, *exc.details], store=store,
                     status=exc.status_code)
    outcome = await run_in_threadpool(_compared, cfg, articles, problems, store)
    if wants_json(request):
        return JSONResponse(outcome.document())
    return render(request, "compare_result.html", {
        "outcome": outcome, "views": [story_view(s, outcome.report.articles) for s in outcome.report.stories],
        "json_href": None})


def _count_message(found: int) -> str:
    return (f"Give at least two articles to compare (found {found})." if found < 2 else
            f"Give at most {MAX_ARTICLES} articles at once (found {found}).")


async def _submitted(cfg: WebConfig, form: FormData, pasted: Sequence[Pasted],
                     links: Sequence[str]) -> tuple[list[Article], list[Problem]]:
    """The pasted articles (a, b, … by position), the uploaded files' then the links' (a later id taken
    is renamed; files and pages are read by a worker), and a problem for each that could not be read.
    Raises HTTPError (422) when a link is refused."""
    articles, problems = [], []
    for i, entry in enumerate(pasted):
        try:
            articles.append(entry.article(i))
        except InputError as exc:
            problems.append(Problem(exc.source, str(exc)))
    uploads = [(f.filename or "upload", await f.read()) for f in form.getlist("file")
               if isinstance(f, UploadFile) and f.filename]
    read: list[Article] = []
    failed: list[Problem] = []
    if uploads:
        read, failed = await run_in_threadpool(_in_worker, cfg, "Reading the uploaded files", read_uploads, uploads)
    try:
        linked, link_problems = await _linked(cfg, links)
    except LinkRefused as exc:
        raise HTTPError(422, f"A link was refused: {exc}") from exc
    return unique_ids(articles + read + linked), problems + failed + link_problems


async def _linked(cfg: WebConfig, links: Sequence[str]) -> tuple[list[Article], list[Problem]]:
    """The articles of ``links``: fetched here, all within the comparison's time bound, each page at most
    as large as a request body; then read in a worker. Raises LinkRefused (see :func:`fetch_links`)."""
    if not links:
        return [], []
    max_bytes = min(IngestOptions().max_chars * HTML_BYTES_PER_CHAR, cfg.max_body)
    pages, problems = await run_in_threadpool(fetch_links, cfg.fetcher, links, max_bytes=max_bytes,
                                              deadline=time.monotonic() + cfg.compare_timeout)
    if not pages:
        return [], problems
    read, failed = await run_in_threadpool(_in_worker, cfg, "Reading the fetched pages", read_pages, pages)
    return read, problems + failed


def _form(request: Request, pasted: Sequence[Pasted], *, links: Sequence[str] = (), errors: Sequence[str] = (),
          store: bool = False, status: int = 200) -> Response:
    padded = list(pasted) + [Pasted()] * max(0, 2 - len(pasted))
    return render(request, "compare.html", {
        "pasted": padded, "links": "\n".join(links), "errors": errors, "store": store,
        "max_body": config(request).max_body, "max_articles": MAX_ARTICLES, "max_links": MAX_LINKS,
        "accept": ",".join(FOLDER_SUFFIXES), "json_href": "/compare.json",
        "more_href": f"/compare?n={min(len(padded) + 1, MAX_ARTICLES)}"}, status=status)


def _pasted(form: FormData) -> list[Pasted]:
    """The form's pasted articles, blank ones left out."""
    columns = [[v if isinstance(v, str) else "" for v in form.getlist(name)]
               for name in ("text", "title", "outlet", "published")]
    rows = max(map(len, columns))
    cells = [[c[i] if i < len(c) else "" for c in columns] for i in range(rows)]
    return [Pasted(*row) for row in cells if row[0].strip()]


def _record_article(item: ArticleIn, position: int) -> Article:
    record = item.model_dump(exclude_none=True)
    source = f"articles[{position}]"
    try:
        return article_from_record(record, source=source, default_id=letter(position))
    except InputError as exc:
        raise HTTPError(422, f"Article {position + 1} cannot be compared: {exc}") from exc


def _compared(cfg: WebConfig, articles: list[Article], problems: list[Problem], store: bool) -> Outcome:
    """Compare in a worker, within the server's bound; then, when asked, store the articles here,
    one store write at a time."""
    report = _in_worker(cfg, "The comparison", compare, articles)
    stored = None
    if store:
        with cfg.store_lock:
            try:
                stored = store_articles(cfg.db, articles)
            except StorydiffError as exc:
                raise HTTPError(503, f"The articles were compared but could not be stored: {exc}") from exc
            finally:
                cfg.maker.stories.clear()
                cfg.pages.clear()
    report = dataclasses.replace(report, problems=tuple(problems) + report.problems)
    return Outcome(report, stored)


def _in_worker(cfg: WebConfig, what: str, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a comparison worker; the pool's errors as HTTP errors. ``what``
    names the work for messages ("The comparison")."""
    return in_pool(cfg.workers, what, "comparison workers", function, *args, timeout_hint=(
        "Compare fewer or shorter articles (long passages quoted by several articles take the longest), or "
        "start the server with a larger --compare-timeout."))
