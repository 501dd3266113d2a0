"""Articles submitted to the web app: pasted texts, uploaded files (read by the same ingest code as
the command line), fetched links, and storing them on request. No web framework here."""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..articles import problem
from ..errors import InputError, LinkRefused, one_line
from ..fetch import Fetcher, Page, page_articles
from ..ingest import IngestOptions, article_from_record, load_articles
from ..model import Article, Problem
from ..store import Store, content_hash
from ..stories import ingest

MAX_ARTICLES = 50
"""Most articles one comparison takes: each is parsed while the request waits."""
MAX_LINKS = 10
"""Most links one comparison fetches: they are fetched while the request waits."""

_UNSAFE_NAME = re.compile(r"[^\w.-]+")
log = logging.getLogger(__name__)


def letter(position: int) -> str:
    """The default id of the article at ``position``: a, b, …, z, then a27, a28, …"""
    return chr(ord("a") + position) if position < 26 else f"a{position + 1}"


@dataclass(frozen=True)
class Pasted:
    """One article pasted into the form (blank fields are empty strings)."""

    text: str = ""
    title: str = ""
    outlet: str = ""
    published: str = ""

    def article(self, position: int) -> Article:
        """The article, id'd by its position (a, b, …); line ends as the browser sent them (CRLF)
        become ``\\n``. Raises InputError for a bad field."""
        record = {"id": letter(position), "text": self.text.replace("\r\n", "\n"), "title": self.title,
                  "outlet": self.outlet, "published": self.published}
        return article_from_record(record, source=f"pasted article {letter(position)}")


def read_uploads(uploads: Sequence[tuple[str, bytes]],
                 options: IngestOptions | None = None) -> tuple[list[Article], list[Problem]]:
    """Articles from uploaded files (name, content), read as the command line reads files of that
    name: by suffix, sniffed otherwise. Problems name the upload, not where it was kept."""
    articles: list[Article] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="storydiff-upload-") as tmp:
        for position, (name, data) in enumerate(uploads):
            safe = _UNSAFE_NAME.sub("_", Path(name).name).lstrip(".") or f"upload-{position + 1}"
            folder = Path(tmp) / str(position)  # one folder each: two uploads may share a name
            folder.mkdir()
            path = folder / safe
            path.write_bytes(data)
            read, failed = _read_upload(path, safe, options or IngestOptions())
            articles += read
            problems += failed
    return articles, problems


def _read_upload(path: Path, safe: str, options: IngestOptions) -> tuple[list[Article], list[Problem]]:
    """One upload kept at ``path``, its articles and problems naming it ``upload {safe}``."""
    try:
        read, failed = load_articles([str(path)], options)
    except Exception as exc:  # whatever a reader raises on a hostile file is this upload's problem
        log.warning("upload %s could not be read", safe, exc_info=True)
        reason = str(exc).replace(str(path), safe).encode("utf-8", "backslashreplace").decode("utf-8")
        return [], [Problem(safe, f"upload {safe}: could not be read ({type(exc).__name__}: {reason[:300]})")]
    articles = [dataclasses.replace(a, source=a.source.replace(str(path), f"upload {safe}")) for a in read]
    problems = [Problem(p.source.replace(str(path), safe), p.message.replace(str(path), f"upload {safe}"))
                for p in failed]
    return articles, problems


def fetch_links(fetcher: Fetcher, links: Sequence[str], *, max_bytes: int,
                deadline: float) -> tuple[list[Page], list[Problem]]:
    """Each link's page or feed, fetched in turn, all by ``deadline`` (a :func:`time.monotonic` time);
    a link that cannot be fetched is a problem naming it. Raises :class:`LinkRefused` for a link the
    fetcher's address check refuses: a request holding one is refused whole."""
    pages: list[Page] = []
    problems: list[Problem] = []
    for link in links:
        try:
            pages.append(fetcher.download(link, max_bytes, deadline=deadline))
        except LinkRefused:
            raise
        except InputError as exc:
            problems.append(problem(exc))
        except Exception as exc:  # a fault of the fetcher on a hostile link or server: this link's problem
            log.warning("link %s could not be fetched", link, exc_info=True)
            problems.append(Problem(link, f"{one_line(link)}: could not be fetched ({type(exc).__name__})"))
    return pages, problems


def read_pages(pages: Sequence[Page], options: IngestOptions | None = None) -> tuple[list[Article], list[Problem]]:
    """The articles of fetched pages and feeds, read as the command line reads links (runs in a worker:
    the pages are untrusted HTML); a page that holds none is a problem naming its link."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for page in pages:
        try:
            for item in page_articles(page, options or IngestOptions()):
                if isinstance(item, Article):
                    articles.append(item)
                else:
                    problems.append(item)
        except InputError as exc:
            problems.append(problem(exc))
        except Exception as exc:  # whatever a reader raises on a hostile page is this link's problem
            log.warning("page %s could not be read", page.link, exc_info=True)
            problems.append(Problem(page.link, f"{page.link}: could not be read ({type(exc).__name__})"))
    return articles, problems


def unique_ids(articles: Sequence[Article]) -> list[Article]:
    """The articles, a later one whose id is taken renamed ``id-2``, ``id-3``…"""
    seen: set[str] = set()
    out = []
    for a in articles:
        new_id, n = a.id, 1
        while new_id in seen:
            n += 1
            new_id = f"{a.id}-{n}"
        seen.add(new_id)
        out.append(a if new_id == a.id else dataclasses.replace(a, id=new_id))
    return out


@dataclass(frozen=True)
class Stored:
    """What storing the compared articles did."""

    read: int
    stored: int
    skipped: int
    stories: tuple[str, ...]
    problems: tuple[Problem, ...]

    def document(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "skipped": self.skipped, "stories": list(self.stories),
                "problems": [{"source": p.source, "message": p.message} for p in self.problems]}


def store_articles(db: Path, articles: Sequence[Article]) -> Stored:
    """Ingest the articles into the store at ``db`` (made if missing) and say which stories hold them."""
    with Store(db) as store:
        result = ingest(store, articles)
        story_of = store.story_of()
        stories = sorted({story_of[i] for a in articles for i in _stored_ids(store, a) if i in story_of})
    return Stored(result.read, result.stored, result.skipped, tuple(stories), tuple(result.problems))


def _stored_ids(store: Store, article: Article) -> list[str]:
    """The id the store keeps ``article`` under: its own, or ``id~hash`` when its id was taken by
    another text (see :meth:`Store.add`). The store has no lookup by text, so both are tried."""
    candidates = [article.id, f"{article.id}~{content_hash(article)[:10]}"]
    return [i for i in candidates if (kept := store.article(i)) is not None and kept.text == article.text]
