"""Ingest articles into a store, batch by batch, analysing in worker processes when asked.

Workers only parse and extract (pure, per article); the main process alone writes, so the store
has one writer and every batch is one transaction. Articles whose text the store already holds are
skipped before any parsing, which is what makes a second ingest of the same files cheap.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from .analyze import facts_from_doc
from .errors import StoreError, StoreUnavailable
from .group.signature import signature_from_doc
from .model import Article, Problem
from .nlp import load_model
from .store import Analysed, Store, content_hash

log = logging.getLogger(__name__)

BATCH = 32


@dataclass
class IngestResult:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (found there before analysis, or stored meanwhile by another writer)
    failed: int = 0  # analysis failed: each is among the problems
    unstored: int = 0  # read but not stored, because the store failed (see IngestStopped)
    problems: list[Problem] = field(default_factory=list)


class IngestStopped(StoreUnavailable):
    """The store failed midway through an ingest (damaged, read-only, disk full…). The batches stored
    before stay stored; ``result`` counts the whole input, and how many articles were not stored."""

    def __init__(self, cause: StoreError, result: IngestResult) -> None:
        super().__init__(f"{cause}; {result.unstored} of the {result.read} articles read were not stored "
                         f"({result.stored} stored, {result.skipped} already stored, {result.failed} failed)")
        self.result = result


def analyse_batch(articles: Sequence[Article]) -> tuple[list[Analysed], list[Problem]]:
    """Parse and analyse a batch; an article that fails becomes a problem. Runs in workers too."""
    nlp = load_model()
    done: list[Analysed] = []
    problems: list[Problem] = []
    parseable = []
    for a in articles:
        if len(a.text) > nlp.max_length:
            problems.append(Problem(a.source or a.id, f"{a.source or a.id}: article is {len(a.text):,} characters, "
                                                      f"more than the model parses ({nlp.max_length:,}); split it"))
        else:
            parseable.append(a)
    for article, doc in zip(parseable, nlp.pipe(a.text for a in parseable), strict=True):
        try:
            done.append(Analysed(facts_from_doc(doc, article), signature_from_doc(doc, article)))
        except Exception as exc:  # one article's failure must not sink the batch; it is reported
            log.debug("analysis of %s failed", article.id, exc_info=True)
            problems.append(Problem(article.source or article.id,
                                    f"{article.source or article.id}: analysis failed ({type(exc).__name__}: {exc})"))
    return done, problems


def ingest(store: Store, items: Iterable[Article | Problem], *, jobs: int = 1, batch: int = BATCH,
           progress: Callable[[int], None] | None = None) -> IngestResult:
    """Analyse and store every new article of ``items``; problems are collected, never raised.

    When the store fails (a StoreError), what was stored stays stored, the rest of ``items`` is read
    (not analysed) to count it, and :class:`IngestStopped` says how many articles were not stored."""
    result = IngestResult()
    rest = iter(items)
    try:
        _ingest(store, _new_batches(store, rest, batch, result), jobs, result, progress)
    except StoreError as exc:
        for item in rest:
            if isinstance(item, Problem):
                result.problems.append(item)
            else:
                result.read += 1
        result.unstored = result.read - result.stored - result.skipped - result.failed
        raise IngestStopped(exc, result) from exc
    return result


def _ingest(store: Store, batches: Iterable[list[Article]], jobs: int, result: IngestResult,
            progress: Callable[[int], None] | None) -> None:
    if jobs <= 1:
        _store_all(store, map(analyse_batch, batches), result, progress)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=load_model) as pool:
        _store_all(store, _bounded_map(pool, batches, window=2 * jobs), result, progress)


def _bounded_map(pool: ProcessPoolExecutor, batches: Iterable[list[Article]],
                 window: int) -> Iterator[tuple[list[Analysed], list[Problem]]]:
    """``pool.map`` that keeps at most ``window`` batches in flight, so a huge input is never read
    ahead into memory; results come back in input order."""
    pending: deque[Future[tuple[list[Analysed], list[Problem]]]] = deque()
    for chunk in batches:
        pending.append(pool.submit(analyse_batch, chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _new_batches(store: Store, items: Iterable[Article | Problem], size: int,
                 result: IngestResult) -> Iterator[list[Article]]:
    """Batches of articles the store does not hold yet (problems go straight to ``result``)."""
    it = iter(items)
    seen: set[str] = set()
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        articles = []
        for item in chunk:
            if isinstance(item, Problem):
                result.problems.append(item)
            else:
                result.read += 1
                articles.append(item)
        known = store.known(articles)
        fresh = []
        for a in articles:
            digest = content_hash(a)
            if digest in known or digest in seen:
                result.skipped += 1
            else:
                seen.add(digest)
                fresh.append(a)
        if fresh:
            yield fresh


def _store_all(store: Store, analysed: Iterable[tuple[list[Analysed], list[Problem]]], result: IngestResult,
               progress: Callable[[int], None] | None) -> None:
    for done, problems in analysed:
        result.problems.extend(problems)
        result.failed += len(problems)
        stored = store.add(done)
        result.stored += len(stored)
        result.skipped += len(done) - len(stored)  # another writer stored them since _new_batches looked
        if progress:
            progress(len(done) + len(problems))
