"""Load the output of a Spark run (``storydiff spark``) into a store: ``storydiff import OUTPUT``.

The output's datasets hold what the store's tables hold — articles with their facts, signatures,
MinHash sketches, index keys and LSH bands, the edges and copies between them, the stories — so
importing copies rows, in one transaction, and parses nothing. Afterwards the store is the one
``storydiff ingest`` of the same inputs makes: ``stories``, ``show`` and ``serve`` browse it, and a
later ingest links new articles to the imported ones through the same keys and bands.

Which stores take an output:

- an empty store (new, or holding no articles): the output is imported;
- a store that already holds every article of the output, under the same ids and texts (the
  output imported before, perhaps with more articles ingested since): nothing changes;
- any other store: :class:`~storydiff.errors.StoreError`. The output's stories are complete only
  over its own articles; joined to other articles they would lack the edges between the two sets.
  Run the Spark job over all the inputs, or import into a new store and ingest the rest on top.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MissingExtra, StoreError
from ..spark_output import ARTICLE_COLUMNS, COPY_COLUMNS, EDGE_COLUMNS, MANIFEST, OUTPUT_SCHEMA, STORY_COLUMNS
from . import Store

BATCH_ROWS = 2000


@dataclass(frozen=True)
class ImportResult:
    imported: bool  # False: the store held this output already
    articles: int
    stories: int
    edges: int
    copies: int


def import_output(store: Store, output: str | Path) -> ImportResult:
    """Import the Spark output at ``output`` into ``store`` (see the module doc for which stores take it)."""
    with store.errors():
        return _import_output(store, Path(output))


def _import_output(store: Store, root: Path) -> ImportResult:
    manifest = read_manifest(root)
    counts = manifest.get("counts", {})
    pairs = list(_rows(root, "articles", ("id", "hash")))
    if len(pairs) != counts.get("stored", len(pairs)):
        raise StoreError(f"{root}: articles/ holds {len(pairs)} articles, the manifest says {counts.get('stored')}; "
                         "the output is incomplete, run the job again")
    held = _held(store, pairs)
    if held == len(pairs):
        return ImportResult(False, len(pairs), 0, 0, 0)
    stored = store.counts()["articles"]
    if stored:
        raise StoreError(f"{store.path}: holds {stored} articles, {held} of the {len(pairs)} in {root}; an output is "
                         "imported into an empty store only (its stories do not link to other articles). Import "
                         "into a new store (--db) and ingest further articles on top, or run the job over all inputs")
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with store._transaction():
        _import(store, root, now)
    return ImportResult(True, len(pairs), int(counts.get("stories", 0)), int(counts.get("edges", 0)),
                        int(counts.get("copies", 0)))


def read_manifest(root: Path) -> dict[str, Any]:
    """The manifest of a finished run; a StoreError naming what is wrong when ``root`` is not one."""
    path = root / MANIFEST
    if not root.is_dir():
        raise StoreError(f"{root}: no such folder; give the OUTPUT folder of a `storydiff spark` run")
    if not path.is_file():
        raise StoreError(f"{root}: not a storydiff Spark output (no {MANIFEST}); give the OUTPUT folder of a "
                         "finished `storydiff spark` run")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc}); run the job again") from exc
    if not isinstance(manifest, dict) or manifest.get("schema") != OUTPUT_SCHEMA:
        found = manifest.get("schema") if isinstance(manifest, dict) else None
        raise StoreError(f"{path}: schema {found!r}, not {OUTPUT_SCHEMA}; this storydiff reads {OUTPUT_SCHEMA} "
                         "outputs only")
    for name, columns in (("articles", ARTICLE_COLUMNS), ("stories", STORY_COLUMNS), ("edges", EDGE_COLUMNS),
                          ("copies", COPY_COLUMNS)):
        missing = sorted(set(columns) - set(_dataset(root, name).schema.names))
        if missing:
            raise StoreError(f"{root / name}: lacks the columns {', '.join(missing)}; not a {OUTPUT_SCHEMA} output")
    return manifest


def _held(store: Store, pairs: Sequence[tuple[str, str]]) -> int:
    """How many (id, hash) pairs the store holds exactly."""
    held = 0
    for start in range(0, len(pairs), 500):
        chunk = pairs[start:start + 500]
        ids = [article_id for article_id, _ in chunk]
        found = dict(store.db.execute(f"SELECT id, hash FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids))
        held += sum(found.get(article_id) == digest for article_id, digest in chunk)
    return held


def _import(store: Store, root: Path, now: str) -> None:
    db = store.db
    for batch in _batches(root, "articles", ARTICLE_COLUMNS):
        db.executemany("INSERT INTO articles (id, hash, outlet, title, published, url, source, text, meta, added) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(r["id"], r["hash"], r["outlet"], r["title"], r["published"], r["url"], r["source"],
                         r["text"], r["meta"], now) for r in batch])
        db.executemany("INSERT INTO facts (article, facts, signature, minhash) VALUES (?, ?, ?, ?)",
                       [(r["id"], r["facts"], r["signature"], r["minhash"]) for r in batch])
        db.executemany("INSERT OR IGNORE INTO keys (key, article) VALUES (?, ?)",
                       [(k, r["id"]) for r in batch for k in r["keys"]])
        db.executemany("INSERT OR IGNORE INTO bands (band, article) VALUES (?, ?)",
                       [(b, r["id"]) for r in batch for b in r["bands"]])
        db.executemany("INSERT INTO story_of (article, story) VALUES (?, ?)", [(r["id"], r["story"]) for r in batch])
    for batch in _batches(root, "edges", EDGE_COLUMNS):
        db.executemany("INSERT INTO edges (a, b, sim) VALUES (?, ?, ?)", [(r["a"], r["b"], r["sim"]) for r in batch])
    for batch in _batches(root, "copies", COPY_COLUMNS):
        db.executemany("INSERT INTO copies (a, b) VALUES (?, ?)", [(r["a"], r["b"]) for r in batch])
    for batch in _batches(root, "stories", STORY_COLUMNS):
        db.executemany(
            "INSERT INTO stories (id, title, articles, sources, outlets, first, last, conflicts, variants, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r["id"], r["title"], len(r["articles"]), r["sources"], json.dumps(r["outlets"]), r["first"], r["last"],
              r["conflicts"], r["variants"], now) for r in batch])


def _dataset(root: Path, name: str) -> Any:
    try:
        import pyarrow.dataset as ds
    except ImportError as exc:
        raise MissingExtra("spark", "pyarrow") from exc
    try:
        return ds.dataset(root / name, format="parquet")
    except (OSError, ValueError) as exc:  # pyarrow's errors for a missing folder and for files that are not Parquet
        raise StoreError(f"{root / name}: not a Parquet dataset ({exc}); not a {OUTPUT_SCHEMA} output") from exc


def _batches(root: Path, name: str, columns: Sequence[str]) -> Iterator[list[dict[str, Any]]]:
    """The rows of a dataset as dicts, a batch at a time, in the order the job wrote them (articles: input order)."""
    for batch in _dataset(root, name).to_batches(columns=list(columns), batch_size=BATCH_ROWS):
        yield batch.to_pylist()


def _rows(root: Path, name: str, columns: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    for batch in _batches(root, name, columns):
        yield from (tuple(r[c] for c in columns) for r in batch)
