"""The store: articles, their facts and signatures, and the stories they form, in one SQLite file.

- WAL mode: readers (``stories``, ``show``, the web app) read while an ingest writes.
- A versioned schema (:data:`MIGRATIONS`); opening a store brings it up to date.
- Articles keyed by the hash of their text: ingesting the same article again is a no-op.
- Each batch of new articles, its edges, copies and the stories it changes go in in one
  transaction, so a crash loses at most the batch in flight and never leaves stories half-made.
- SQLite's errors (a damaged page, a read-only file or folder, a full disk) come out of every
  method as :class:`~storydiff.errors.StoreError` naming the file and what to do (see
  :mod:`.files`, which also says how read-only stores are read).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..compare import compare_story
from ..errors import StoreError
from ..group import cluster
from ..group.copies import COPY_SIMILARITY, band_keys, is_copy, minhash
from ..group.signature import Signature
from ..model import Article, ArticleFacts, Story
from ..timeline import When, published_when
from .codec import (
    facts_from_json,
    facts_to_json,
    json_text,
    story_from_json,
    story_to_json,
    when_from_json,
    when_to_json,
)
from .compared import compare_key
from .files import check_writable, connect, damaged, mapped, sqlite_errors, stored_rows

DEFAULT_DB = "storydiff.db"

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, facts, grouping state, stories
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, outlet TEXT, title TEXT, published TEXT,
        url TEXT, source TEXT, text TEXT NOT NULL, meta TEXT NOT NULL DEFAULT '{}', added TEXT NOT NULL
    );
    CREATE TABLE facts (
        article TEXT PRIMARY KEY REFERENCES articles(id), facts TEXT NOT NULL, signature TEXT NOT NULL,
        minhash BLOB NOT NULL
    );
    CREATE TABLE keys (key TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (key, article)) WITHOUT ROWID;
    CREATE TABLE bands (band TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (band, article)) WITHOUT ROWID;
    CREATE TABLE edges (a TEXT NOT NULL, b TEXT NOT NULL, sim REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE INDEX edges_b ON edges (b);
    CREATE TABLE copies (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE INDEX copies_b ON copies (b);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, title TEXT, articles INTEGER NOT NULL, sources INTEGER NOT NULL,
        outlets TEXT NOT NULL, first TEXT, last TEXT, conflicts INTEGER NOT NULL, variants INTEGER NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE story_of (article TEXT PRIMARY KEY REFERENCES articles(id), story TEXT NOT NULL);
    CREATE INDEX story_of_story ON story_of (story);
    """,
    # 2: the links ingest fetched, each with the hash of its article's text (see .links)
    """
    CREATE TABLE links (url TEXT PRIMARY KEY, hash TEXT NOT NULL, fetched TEXT NOT NULL) WITHOUT ROWID;
    """,
    # 3: each story's comparison as ingest made it, under the key it holds for (see .compared)
    """
    CREATE TABLE compared (story TEXT PRIMARY KEY, key TEXT NOT NULL, story_json TEXT NOT NULL) WITHOUT ROWID;
    """,
    # 4: when each article was published, as storydiff.timeline reads it (metadata, else the page's stamp)
    """
    CREATE TABLE published (article TEXT PRIMARY KEY, when_json TEXT NOT NULL) WITHOUT ROWID;
    """,
)
READABLE_SCHEMA = 1
"""The oldest schema the reading commands read as it is: the migrations after it add only what
ingest uses (the links table) or what reading can do without (the comparisons and publication times
kept), so that a
store is not refused by ``stories`` or ``serve`` before an ingest has upgraded it."""


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str | None
    articles: tuple[str, ...]
    sources: int  # independent sources: copies of one wire story count once
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    conflicts: int
    variants: int


@dataclass(frozen=True)
class Analysed:
    """What analysis hands the store for one article."""

    facts: ArticleFacts
    signature: Signature


def content_hash(article: Article) -> str:
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


class Store:
    """One SQLite store. Use as a context manager; every method is safe to call from one thread.

    ``readonly``: open it for reading only (the store must exist); otherwise it is made when missing,
    brought up to the current schema, and checked to be writable, so that a read-only store is
    refused before any work is done for it."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.db = connect(self.path, readonly=readonly)
        try:
            with sqlite_errors(self.path):
                migrated = self._migrate(readonly)
                if not readonly and not migrated:
                    check_writable(self.db, self.path)
        except StoreError:
            self.db.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def errors(self) -> AbstractContextManager[None]:
        """A block whose SQLite errors become StoreErrors naming this store, for code that uses
        ``self.db`` itself (as :func:`storydiff.store.bulk.import_output` does)."""
        return sqlite_errors(self.path)

    # schema

    @mapped
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, readonly: bool) -> bool:
        """Bring the schema up to date; whether anything was written. Each step runs in a write
        transaction that looks at the schema again: another process making or upgrading the same
        store at once is waited for, and what it made is not made twice."""
        wrote = False
        current = self._schema(readonly)
        if readonly:  # read as it is (see READABLE_SCHEMA)
            return False
        for version in range(current, len(MIGRATIONS)):
            with self._transaction():
                if self._schema(readonly) > version:
                    continue
                for statement in _statements(MIGRATIONS[version]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {version + 1}")
                wrote = True
        return wrote

    def _schema(self, readonly: bool) -> int:
        """The schema version, once it is known to be a storydiff store's that this storydiff can use."""
        current, tables = self.db.execute(  # one statement: one consistent look
            "SELECT user_version, EXISTS (SELECT 1 FROM sqlite_master) FROM pragma_user_version").fetchone()
        if current < 0:  # a changed byte in the header: storydiff writes 0 up to len(MIGRATIONS)
            raise damaged(self.path, f"schema version {current}")
        if current > len(MIGRATIONS):
            raise StoreError(f"{self.path}: made by a newer storydiff (schema {current}); upgrade storydiff")
        if current == 0 and tables:
            raise StoreError(f"{self.path}: an SQLite database of another program, not a storydiff store; give "
                             "another --db path")
        if readonly and current == 0:
            raise StoreError(f"{self.path}: empty, not a storydiff store yet; run `storydiff ingest --db {self.path} "
                             "…` to make one")
        if readonly and current < READABLE_SCHEMA:
            raise StoreError(f"{self.path}: schema {current} is older than this storydiff's; run `storydiff ingest` "
                             "once to upgrade it")
        return int(current)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # articles

    @mapped
    def known(self, articles: Sequence[Article]) -> set[str]:
        """Content hashes, among these articles', already in the store."""
        hashes = [content_hash(a) for a in articles]
        found: set[str] = set()
        for chunk in _chunks(hashes, 500):
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self.db.execute(f"SELECT hash FROM articles WHERE hash IN ({marks})", chunk))
        return found

    @mapped
    def add(self, batch: Sequence[Analysed]) -> list[str]:
        """Store analysed articles and re-group the stories they touch, in one transaction.

        Returns the ids stored (an article whose text is already stored is skipped; one whose id is
        taken by a different text is stored as ``id~hash``)."""
        stored: list[str] = []
        self._withdrawn: set[str] = set()  # ends of edges withdrawn (see _link): their blocks may split
        with self._transaction():
            for item in batch:
                article_id = self._insert(item)
                if article_id:
                    stored.append(article_id)
            if stored:
                self._regroup([*stored, *sorted(self._withdrawn)])
        return stored

    def _insert(self, item: Analysed) -> str | None:
        a = item.facts.article
        digest = content_hash(a)
        if self.db.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone():
            return None
        article_id = a.id
        if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            article_id = f"{a.id}~{digest[:10]}"
        if article_id != a.id:
            a = _renamed(a, article_id)
            item = Analysed(ArticleFacts(a, tuple(_refile(f, article_id) for f in item.facts.facts)),
                            Signature(article_id, item.signature.features, item.signature.persons,
                                      item.signature.years, item.signature.published))
        signature = item.signature
        self.db.execute(
            "INSERT INTO articles (id, hash, outlet, title, published, url, source, text, meta, added) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, digest, a.outlet, a.title, a.published.isoformat() if a.published else None, a.url,
             a.source, a.text, json_text(dict(a.meta), default=str),
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        hashes = minhash(a.text)
        self.db.execute("INSERT INTO facts (article, facts, signature, minhash) VALUES (?, ?, ?, ?)",
                        (article_id, facts_to_json(item.facts), json.dumps(signature.to_json()), hashes.tobytes()))
        self.db.execute("INSERT OR REPLACE INTO published (article, when_json) VALUES (?, ?)",
                        (article_id, when_to_json(published_when(a))))
        self._link(signature, hashes)
        return article_id

    def _link(self, signature: Signature, hashes: Any) -> None:
        """Edges to every stored article it is similar to, and copy links to its near-duplicates.

        The article is filed under its keys first, so that their postings count it. A key it pushes
        past the cap (see :func:`cluster.live`) no longer finds candidates: the edges that only it
        had made are withdrawn, so the edges stay what :func:`cluster.all_edges` gives the set."""
        me = signature.article
        keys = cluster.index_keys(signature)
        self.db.executemany("INSERT OR IGNORE INTO keys (key, article) VALUES (?, ?)", [(k, me) for k in keys])
        filed = {key: self._posting(key) for key in keys}  # this article counted
        own = {f for f, key in zip(cluster.index_features(signature), keys, strict=True) if cluster.live(filed[key])}
        if signature.published:
            counted = self._postings(probes=cluster.probe_keys(signature, sorted(own)))
        else:  # an undated article meets articles of every date: every bucket of each feature
            counted = self._postings(features=sorted(own))
        live = [key for key, count in counted.items() if cluster.live(count)]
        others: set[str] = set()
        for chunk in _chunks(live, 500):
            others.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT article FROM keys WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        others.discard(me)
        bands = band_keys(hashes)
        marks = ",".join("?" * len(bands))
        copy_candidates = {r[0] for r in self.db.execute(
            f"SELECT DISTINCT article FROM bands WHERE band IN ({marks})", bands)}
        mine = signature.vector()
        for other in sorted(others | copy_candidates):
            row = self.db.execute("SELECT signature, minhash FROM facts WHERE article = ?", (other,)).fetchone()
            with stored_rows(self.path):
                theirs = Signature.from_json(json.loads(row[0]))
            sim = cluster.similarity(signature, theirs, mine, theirs.vector()) if other in others else 0.0
            copy = other in copy_candidates and is_copy(hashes, row[1])
            a, b = min(me, other), max(me, other)
            if copy:
                self.db.execute("INSERT OR IGNORE INTO copies (a, b) VALUES (?, ?)", (a, b))
                sim = max(sim, COPY_SIMILARITY)
            if sim >= cluster.EDGE_FLOOR:
                self.db.execute("INSERT OR REPLACE INTO edges (a, b, sim) VALUES (?, ?, ?)", (a, b, sim))
        self.db.executemany("INSERT OR IGNORE INTO bands (band, article) VALUES (?, ?)", [(b, me) for b in bands])
        for key in keys:
            if filed[key] == cluster.KEY_POSTING_CAP + 1:  # this article took it past the cap
                self._withdraw(key)

    def _posting(self, key: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM keys WHERE key = ?", (key,)).fetchone()[0])

    def _postings(self, *, probes: Sequence[str] = (), features: Sequence[str] = ()) -> dict[str, int]:
        """How many articles each stored key among ``probes``, or of any bucket of ``features``, is filed under."""
        counts: dict[str, int] = {}
        for chunk in _chunks(list(probes), 500):
            counts.update(self.db.execute(f"SELECT key, count(*) FROM keys WHERE key IN ({','.join('?' * len(chunk))}) "
                                          "GROUP BY key", chunk))
        for feature in features:  # the range also holds longer features that go on with "|": those are not this one
            rows = self.db.execute("SELECT key, count(*) FROM keys WHERE key >= ? AND key < ? GROUP BY key",
                                   (feature + "|", feature + "}"))
            counts.update((key, n) for key, n in rows if key.rsplit("|", 1)[0] == feature)
        return counts

    def _withdraw(self, key: str) -> None:
        """Drop the edges of the articles filed under ``key`` (now past the cap) that no other live key
        supports and no copy link holds; their articles are re-grouped with the batch."""
        signatures: dict[str, Signature] = {}

        def signature_of(article: str) -> Signature:
            if article not in signatures:
                row = self.db.execute("SELECT signature FROM facts WHERE article = ?", (article,)).fetchone()
                with stored_rows(self.path):
                    signatures[article] = Signature.from_json(json.loads(row[0]))
            return signatures[article]

        for (article,) in self.db.execute("SELECT article FROM keys WHERE key = ?", (key,)).fetchall():
            for a, b in self.db.execute("SELECT a, b FROM edges WHERE a = ? UNION SELECT a, b FROM edges WHERE b = ?",
                                        (article, article)).fetchall():
                if self.db.execute("SELECT 1 FROM copies WHERE a = ? AND b = ?", (a, b)).fetchone():
                    continue
                if not cluster.meet(signature_of(a), signature_of(b), self._posting):
                    self.db.execute("DELETE FROM edges WHERE a = ? AND b = ?", (a, b))
                    self._withdrawn.update((a, b))

    # grouping

    def _block(self, start: Iterable[str]) -> tuple[list[str], list[cluster.Edge]]:
        """The connected component of the edge graph holding ``start``, with its edges."""
        seen = set(start)
        frontier = list(seen)
        edges: set[cluster.Edge] = set()
        while frontier:
            nxt = []
            for chunk in _chunks(frontier, 400):
                marks = ",".join("?" * len(chunk))
                for a, b, s in self.db.execute(
                        f"SELECT a, b, sim FROM edges WHERE a IN ({marks}) UNION SELECT a, b, sim FROM edges "
                        f"WHERE b IN ({marks})", chunk + chunk):
                    edges.add((a, b, s))
                    for x in (a, b):
                        if x not in seen:
                            seen.add(x)
                            nxt.append(x)
            frontier = nxt
        return sorted(seen), sorted(edges)

    def _regroup(self, changed: Sequence[str]) -> None:
        """Re-cluster the blocks holding ``changed`` (new articles, and the ends of withdrawn edges,
        whose old block may have split: each piece holds one of them). A story whose members are
        unchanged is left as it is; one no article points to any more is deleted."""
        pending = set(changed)
        old_ids: set[str] = set()
        while pending:
            block, edges = self._block([min(pending)])
            pending -= set(block)
            for chunk in _chunks(block, 500):
                old_ids.update(r[0] for r in self.db.execute(
                    f"SELECT story FROM story_of WHERE article IN ({','.join('?' * len(chunk))})", chunk))
            for members in cluster.cluster_block(block, edges):
                story = story_id_for(members)
                now = {r[0] for r in self.db.execute("SELECT article FROM story_of WHERE story = ?", (story,))}
                if now != set(members):
                    self._save_story(members)
        for story in sorted(old_ids):
            if not self.db.execute("SELECT 1 FROM story_of WHERE story = ? LIMIT 1", (story,)).fetchone():
                self.db.execute("DELETE FROM stories WHERE id = ?", (story,))
                self.db.execute("DELETE FROM compared WHERE story = ?", (story,))

    def _save_story(self, members: list[str]) -> None:
        members = sorted(members)  # the order story() reads them in, so that the comparison kept is its
        story_id = story_id_for(members)
        self.db.executemany("INSERT OR REPLACE INTO story_of (article, story) VALUES (?, ?)",
                            [(a, story_id) for a in members])
        facts = self.facts(members)
        story = compare_story(facts, story_id=story_id, whens=self.whens(members))  # read once, at add()
        kept = story_to_json(story)
        key = compare_key([(f.article.id, content_hash(f.article)) for f in facts])
        self.db.execute("INSERT OR REPLACE INTO compared (story, key, story_json) VALUES (?, ?, ?)",
                        (story_id, f"{key}:{_digest(kept)}", kept))
        s = summarise(story, [f.article for f in facts], self._sources(members))
        self.db.execute(
            "INSERT OR REPLACE INTO stories (id, title, articles, sources, outlets, first, last, conflicts, variants, "
            "updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (s.id, s.title, len(s.articles), s.sources, json.dumps(s.outlets), s.first, s.last, s.conflicts,
             s.variants, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))

    def _sources(self, members: Sequence[str]) -> int:
        return len(self.copy_groups(members))

    @mapped
    def copy_groups(self, members: Sequence[str]) -> list[list[str]]:
        """The members, grouped so that near-duplicates of one text share a group."""
        inside = set(members)
        links = [(a, b) for chunk in _chunks(list(members), 400) for a, b in self.db.execute(
            f"SELECT a, b FROM copies WHERE a IN ({','.join('?' * len(chunk))})", chunk) if b in inside]
        return cluster.blocks(members, [(a, b, 1.0) for a, b in links])

    # reading

    @mapped
    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT id, text, outlet, title, published, url, source, meta, hash FROM articles "
                              "WHERE id = ?", (article_id,)).fetchone()
        with stored_rows(self.path):
            return _article(row[:8], row[8]) if row else None

    @mapped
    def facts(self, ids: Sequence[str]) -> list[ArticleFacts]:
        out = []
        for article_id in ids:
            row = self.db.execute(
                "SELECT a.id, a.text, a.outlet, a.title, a.published, a.url, a.source, a.meta, a.hash, f.facts "
                "FROM articles a JOIN facts f ON f.article = a.id WHERE a.id = ?", (article_id,)).fetchone()
            if row:
                with stored_rows(self.path):
                    out.append(facts_from_json(_article(row[:8], row[8]), row[9]))
        return out

    @mapped
    def stories(self) -> list[StorySummary]:
        members: dict[str, list[str]] = {}
        for article, story in self.db.execute("SELECT article, story FROM story_of ORDER BY article"):
            members.setdefault(story, []).append(article)
        out = []
        for row in self.db.execute("SELECT id, title, sources, outlets, first, last, conflicts, variants FROM stories "
                                   "ORDER BY last DESC, id"):
            with stored_rows(self.path):
                outlets = tuple(json.loads(row[3]))
            out.append(StorySummary(id=row[0], title=row[1], articles=tuple(members.get(row[0], ())), sources=row[2],
                                    outlets=outlets, first=row[4], last=row[5], conflicts=row[6], variants=row[7]))
        return out

    @mapped
    def story(self, story_id: str) -> Story:
        ids = [r[0] for r in self.db.execute("SELECT article FROM story_of WHERE story = ? ORDER BY article",
                                             (story_id,))]
        if not ids:
            raise StoreError(f"no story {story_id!r} in {self.path}; `storydiff stories` lists them")
        kept = self._compared(story_id, ids)
        story = kept if kept is not None else compare_story(self.facts(ids), story_id=story_id)
        return with_copies_note(story, self.copy_groups(ids))

    def _compared(self, story_id: str, ids: Sequence[str]) -> Story | None:
        """The story's comparison as ingest kept it, if it holds for these articles and this code."""
        if self.version() < 3:  # a store read as it is, from before comparisons were kept
            return None
        row = self.db.execute("SELECT key, story_json FROM compared WHERE story = ?", (story_id,)).fetchone()
        if row is None:
            return None
        hashes: dict[str, str] = {}
        for chunk in _chunks(ids, 500):
            for article_id, text_hash, text in self.db.execute(
                    f"SELECT id, hash, text FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                with stored_rows(self.path):  # the findings' offsets hold for the text stored, as in _article
                    if hashlib.sha256(text.encode("utf-8")).hexdigest() != text_hash:
                        raise ValueError(f"the text of article {article_id!r} is not the text it was stored with")
                hashes[article_id] = text_hash
        key, _, digest = row[0].partition(":")
        if not digest or key != compare_key([(i, hashes.get(i, "")) for i in ids]):
            return None  # kept by another storydiff (or before comparisons carried a digest): compare again
        with stored_rows(self.path):  # a changed byte that still reads as JSON would move the evidence
            if digest != _digest(row[1]):
                raise ValueError(f"the comparison kept for story {story_id!r} is not the one stored")
            return story_from_json(row[1])

    @mapped
    def whens(self, ids: Sequence[str]) -> dict[str, When]:
        """When each of these articles was published, as ingest read it (storydiff.timeline); read
        now for an article stored before the store kept it."""
        kept: dict[str, When] = {}
        if self.version() >= 4:
            for chunk in _chunks(ids, 500):
                for article_id, text in self.db.execute(
                        f"SELECT article, when_json FROM published WHERE article IN ({','.join('?' * len(chunk))})",
                        chunk):
                    with stored_rows(self.path):
                        when = when_from_json(text)  # checked against the digest it carries
                    if when is not None:
                        kept[article_id] = when
        for article_id in ids:
            if article_id not in kept:
                article = self.article(article_id)
                if article is not None:
                    kept[article_id] = published_when(article)
        return kept

    @mapped
    def article_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles ORDER BY id")]

    @mapped
    def story_of(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT article, story FROM story_of"))

    @mapped
    def counts(self) -> dict[str, int]:
        return {t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("articles", "stories", "edges", "copies")}


def with_copies_note(story: Story, copy_groups: Sequence[Sequence[str]]) -> Story:
    """``story`` with a note naming its near-duplicate texts and counting its independent sources;
    ``copy_groups`` are its members grouped by copy links (as :func:`cluster.blocks` gives them).
    Unchanged when no two members are copies. A pure function, so the Spark job adds the same note."""
    groups = [g for g in copy_groups if len(g) > 1]
    if not groups:
        return story
    copies = "; ".join(" = ".join(g) for g in groups)
    note = (f"near-duplicate texts (copies of one report): {copies}; "
            f"{len(copy_groups)} independent sources among {sum(map(len, copy_groups))} articles")
    return dataclasses.replace(story, note=f"{story.note}; {note}" if story.note else note)


def story_id_for(members: Sequence[str]) -> str:
    """A story's id: named by its first article id, so the same set of articles gives the same id."""
    return "s-" + hashlib.sha1(min(members).encode("utf-8")).hexdigest()[:12]


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not exc_type:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:  # SQLite rolls back by itself on some errors (a full disk, I/O)
            self.db.execute("ROLLBACK")


def _digest(text: str) -> str:
    """A short hash of a stored JSON value, kept beside it: damage that still reads is then seen."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _statements(script: str) -> Iterator[str]:
    for statement in script.split(";"):
        if statement.strip():
            yield statement


def _chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _article(row: Sequence[Any], stored_hash: str | None = None) -> Article:
    """An article from its row; with ``stored_hash``, checked against the hash its text was stored
    under, so that a changed byte SQLite cannot see (a text that still reads) is a damaged store
    rather than facts pointing at the wrong characters."""
    article = Article(id=row[0], text=row[1], outlet=row[2], title=row[3],
                      published=dt.date.fromisoformat(row[4]) if row[4] else None, url=row[5], source=row[6] or "",
                      meta=json.loads(row[7] or "{}"))
    if stored_hash is not None and content_hash(article) != stored_hash:
        raise ValueError(f"the text of article {article.id!r} is not the text it was stored with")
    return article


def _renamed(a: Article, new_id: str) -> Article:
    return Article(id=new_id, text=a.text, outlet=a.outlet, title=a.title, published=a.published, url=a.url,
                   source=a.source, meta=a.meta)


def _refile(fact: Any, article_id: str) -> Any:
    return dataclasses.replace(fact, article=article_id)


def summarise(story: Story, articles: Sequence[Article], sources: int) -> StorySummary:
    """What the story list shows of a compared story (the Spark job summarises alike)."""
    dates = sorted(a.published.isoformat() for a in articles if a.published)
    return StorySummary(id=story.id, title=_story_title(articles), articles=tuple(sorted(a.id for a in articles)),
                        sources=sources, outlets=tuple(sorted({a.outlet for a in articles if a.outlet})),
                        first=dates[0] if dates else None, last=dates[-1] if dates else None,
                        conflicts=sum(f.status == "conflict" for f in story.findings),
                        variants=sum(f.status == "variant" for f in story.findings))


def _story_title(articles: Sequence[Article]) -> str | None:
    titles = [a.title for a in sorted(articles, key=lambda a: a.id) if a.title]
    if titles:
        return titles[0]
    first = sorted(articles, key=lambda a: a.id)[0].text.strip().split("\n", 1)[0]
    return first[:120] or None


__all__ = ["DEFAULT_DB", "Analysed", "Store", "StorySummary", "content_hash", "story_id_for", "summarise",
           "with_copies_note"]
