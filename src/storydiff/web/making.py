"""The store's pages made: the story list and one story, each with its JSON twin, its CSV and its
timeline, from the store's path and what the request asked, with no request or app at hand.

Making a story page is Python work from end to end: read the kept comparison, cut the articles at
every mention, render the template (a few milliseconds of CPU for a story of a dozen articles).
A server just started has every page still to make, and made in the server's own threads they hold
the interpreter lock against the event loop and against each other: with 50 readers at once, pages
already made waited behind pages being made. So ``storydiff serve`` makes pages in worker
processes (``--page-workers``, see :class:`~storydiff.web.workers.WorkerPool`), and its event loop
only answers pages already made and waits on the workers' pipes. With no page workers (what
:func:`storydiff.web.create_app` does unless asked: the tests, an app embedded in another) the same
:class:`Maker` runs in the server's threads.

A :class:`Maker` keeps what it read for the next page: a read-only store per thread and the
stories it showed, each at the version of the store it was read at. No web framework is needed
to make a page; errors a reader should see come back as a :class:`Made` with a ``problem``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from starlette.responses import JSONResponse

from ..errors import StoreError, StoreUnavailable
from ..model import Article, Report, Story
from ..report.csvout import csv_lines, story_rows
from ..report.jsonout import report_document
from ..report.stories import stories_document
from ..report.timeline import timeline_document
from ..store import Store, StorySummary
from ..timeline import When, story_timeline
from .cache import VersionedCache, store_version
from .errors import HTTPError, unusable_store
from .views import SORTS, filter_stories, story_view

TEMPLATES = Path(__file__).resolve().parent / "templates"
HTML = "text/html; charset=utf-8"
CSV = "text/csv; charset=utf-8"


@functools.cache
def environment() -> jinja2.Environment:
    """The package's templates, every value autoescaped (one environment per process)."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class Shown(NamedTuple):
    """A stored story as its pages show it: its comparison, its articles, its articles grouped as
    copies of one text (Store.copy_groups), and when each was published (Store.whens)."""

    story: Story
    articles: list[Article]
    copies: list[list[str]]
    whens: dict[str, When]


class ReadStores:
    """One read-only :class:`Store` per thread, kept from page to page (a connection serves one
    thread). Opening one per page would also close one per page, and SQLite checkpoints and removes
    the write-ahead log whenever its last connection closes: the log would come and go all the time,
    and with it the version the caches check. A store file that is replaced is opened afresh."""

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


class Made(NamedTuple):
    """A page as made: its status, bytes, media type and extra headers; or, with ``problem`` set,
    the message of an error page the server renders for the reader (404: no such story)."""

    status: int
    body: bytes = b""
    media_type: str = HTML
    headers: tuple[tuple[str, str], ...] = ()
    problem: str = ""


class Maker:
    """Makes the pages of the store at ``db``. Thread-safe: each thread reads its own store."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.readers = ReadStores(db)
        self.stories: VersionedCache[Shown] = VersionedCache()
        self.env = environment()

    def make(self, page: str, *args: Any) -> Made:
        """The page named ``page`` (one of :data:`PAGES`) for ``args``; a reader's error as a Made."""
        try:
            return PAGES[page](self, *args)
        except HTTPError as exc:
            return Made(exc.status_code, problem=exc.message)
        except StoreUnavailable as exc:
            return Made(503, problem=unusable_store(exc))  # as the app's handler says it

    def story_list(self, q: str, sort: str, hrefs: dict[str, str]) -> Made:
        stories, has_store = self._stories(q, sort)
        return self._html("stories.html", {"stories": stories, "q": q, "sort": sort, "sorts": SORTS,
                                           "has_store": has_store, "db_name": self.db.name, **hrefs})

    def story_list_json(self, q: str, sort: str) -> Made:
        return _json(stories_document(self._stories(q, sort)[0]))

    def story_page(self, story_id: str, hrefs: dict[str, str]) -> Made:
        story, articles, copies, whens = self._story(story_id)
        view = story_view(story, articles)
        return self._html("story.html", {
            "view": view, "timeline": timeline_document(story_timeline(story, articles, copies, whens)),
            "anchors": {av.article.id: f"article-{av.index}" for av in view.articles}, **hrefs})

    def story_json(self, story_id: str) -> Made:
        story, articles, *_ = self._story(story_id)
        return _json(report_document(Report(articles=tuple(articles), stories=(story,))))

    def story_csv(self, story_id: str, filename: str) -> Made:
        story, articles, *_ = self._story(story_id)
        return Made(200, "".join(csv_lines(story_rows(story, articles))).encode("utf-8"), CSV,
                    (("content-disposition", f'attachment; filename="{filename}"'),))

    def story_timeline_json(self, story_id: str) -> Made:
        story, articles, copies, whens = self._story(story_id)
        return _json(timeline_document(story_timeline(story, articles, copies, whens)))

    def _store(self) -> Store | None:
        try:
            return self.readers.get()
        except StoreUnavailable:
            raise
        except StoreError as exc:
            raise HTTPError(503, f"The store cannot be read: {exc}") from exc

    def _stories(self, q: str, sort: str) -> tuple[list[StorySummary], bool]:
        """The stories matching the query, and whether there is a store at all."""
        store = self._store()
        if store is None:
            return [], False
        return filter_stories(store.stories(), q, sort), True

    def _story(self, story_id: str) -> Shown:
        version = store_version(self.db)
        shown = self.stories.get(story_id, version)
        if shown is None:
            store = self._store()
            if store is None:
                raise HTTPError(404, f"There is no story {story_id!r}: the store is empty.")
            shown = stored_story(store, story_id)
            self.stories.put(story_id, version, shown)
        return shown

    def _html(self, template: str, context: dict[str, Any]) -> Made:
        return Made(200, self.env.get_template(template).render(context).encode("utf-8"))


PAGES: dict[str, Callable[..., Made]] = {
    "stories": Maker.story_list, "stories.json": Maker.story_list_json, "story": Maker.story_page,
    "story.json": Maker.story_json, "story.csv": Maker.story_csv, "timeline.json": Maker.story_timeline_json}
"""The pages a Maker makes, by name."""


def stored_story(store: Store, story_id: str) -> Shown:
    """A story from the store as its pages show it; HTTPError 404 when there is none."""
    try:
        story = store.story(story_id)
    except StoreUnavailable:
        raise
    except StoreError as exc:
        raise HTTPError(404, f"There is no story {story_id!r} in the store; the stories are listed at "
                             "/stories.") from exc
    return Shown(story, [a for a in (store.article(i) for i in story.articles) if a is not None],
                 store.copy_groups(list(story.articles)), store.whens(list(story.articles)))


def _json(document: Any) -> Made:
    response = JSONResponse(document)  # its bytes exactly as the app's other JSON
    return Made(200, bytes(response.body), response.media_type or "application/json")


_makers: dict[Path, Maker] = {}
"""In a page worker: a Maker for each store it was asked about (one, in practice)."""


def warm() -> None:
    """Run once in each page worker as it starts: load the templates, so the first page is fast."""
    environment().get_template("story.html")


def make_in_worker(db: str, page: str, *args: Any) -> Made:
    """A job for a page worker: ``page`` of the store at ``db``, by this process's Maker."""
    path = Path(db)
    maker = _makers.get(path)
    if maker is None:
        maker = _makers[path] = Maker(path)
    return maker.make(page, *args)


__all__ = ["Made", "Maker", "PAGES", "make_in_worker", "stored_story", "warm"]
