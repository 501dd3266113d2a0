"""What a Spark run writes: the contract between the job (:mod:`storydiff.spark`, which writes it)
and ``storydiff import`` (:mod:`storydiff.store.bulk`, which reads it), kept below both.

::

    OUTPUT/
      articles/        id, story, hash, outlet, title, published, url, source, text, meta (JSON),
                       facts (JSON), signature (JSON), minhash (bytes), keys, bands, input_order
      stories/         id, title, articles, sources, outlets, first, last, conflicts, variants
      findings/        story, id, kind, status, finding (its storydiff.report/1 JSON)
      edges/           a, b, sim   (a < b)
      copies/          a, b        (a < b)
      reports.jsonl    one storydiff.report/1 document per story, sorted by story id
      _storydiff.json  schema storydiff.spark/1, counts, problems, stage timings

Columns hold what the store's tables hold, so ``storydiff import`` copies rather than recomputes.
"""

from __future__ import annotations

__all__ = ["ARTICLE_COLUMNS", "COPY_COLUMNS", "DATASETS", "EDGE_COLUMNS", "MANIFEST", "OUTPUT_SCHEMA", "REPORTS",
           "STORY_COLUMNS"]

OUTPUT_SCHEMA = "storydiff.spark/1"
"""The ``schema`` of a job's manifest; ``storydiff import`` reads outputs of this schema only."""

MANIFEST = "_storydiff.json"
"""The manifest's file name; written last, its presence marks a finished run."""

DATASETS = ("articles", "stories", "findings", "edges", "copies")
REPORTS = "reports.jsonl"

ARTICLE_COLUMNS = ("id", "story", "hash", "outlet", "title", "published", "url", "source", "text", "meta", "facts",
                   "signature", "minhash", "keys", "bands", "input_order")
STORY_COLUMNS = ("id", "title", "articles", "sources", "outlets", "first", "last", "conflicts", "variants")
EDGE_COLUMNS = ("a", "b", "sim")
COPY_COLUMNS = ("a", "b")
