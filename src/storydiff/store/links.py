"""The links a store's ingests fetched, so that ingesting a link again fetches nothing.

Each link (as given, and where it led after redirects) is kept with the hash of its article's text;
a link counts as fetched only while the store holds that text, so a link remembered for an article
that was then not stored (its analysis failed, the ingest was stopped) is simply fetched again.
Feeds are not kept: they change, and are fetched each time (their entries already stored are
skipped as any article is).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Article
from . import Store, content_hash


def fetched(store: Store, url: str) -> bool:
    """Whether an ingest into ``store`` fetched ``url`` before and the store holds its article."""
    with store.errors():
        row = store.db.execute("SELECT 1 FROM links l JOIN articles a ON a.hash = l.hash WHERE l.url = ?",
                               (url,)).fetchone()
    return row is not None


def remember(store: Store, urls: Sequence[str], article: Article) -> None:
    """Keep ``urls`` (a link and where it led) as fetched, for ``article``."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    digest = content_hash(article)
    with store.errors():
        store.db.executemany("INSERT OR REPLACE INTO links (url, hash, fetched) VALUES (?, ?, ?)",
                             [(url, digest, now) for url in urls])
