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
    skipped: int = 0  # already in the store
    problems: list[Problem] = field(default_factory=list)


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
    """Analyse and store every new article of ``items``; problems are collected, never raised."""
    result = IngestResult()
    batches = _new_batches(store, items, batch, result)
    if jobs <= 1:
        analysed: Iterator[tuple[list[Analysed], list[Problem]]] = map(analyse_batch, batches)
        _store_all(store, analysed, result, progress)
        return result
    with ProcessPoolExecutor(max_workers=jobs, initializer=load_model) as pool:
        _store_all(store, _bounded_map(pool, batches, window=2 * jobs), result, progress)
    return result


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
        result.stored += len(store.add(done))
        if progress:
            progress(len(done) + len(problems))
