"""Analyse articles per partition with the library's :func:`storydiff.stories.analyse_batch`.

A partition is analysed batch by batch, as ingest does, in a Python worker that Spark reuses
from task to task (``spark.python.worker.reuse``), so the model loads once per worker process
(:func:`storydiff.nlp.load_model` caches it). Each analysed article leaves as the row the store
would write for it: facts as :func:`~storydiff.store.codec.facts_to_json`, the signature as its
JSON, the MinHash sketch as bytes, the index keys and LSH bands it is filed under. Analysis rounds
a signature's weights to the places the JSON keeps, so the stored signature is the analysed one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..group import cluster
from ..group.copies import band_keys, minhash
from ..group.signature import Signature
from ..model import Article
from ..store.codec import facts_to_json
from ..stories import BATCH, analyse_batch

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

ANALYSED_SCHEMA = ("order long, id string, hash string, outlet string, title string, published string, url string, "
                   "source string, text string, meta string, facts string, signature string, "
                   "minhash binary, keys array<string>, bands array<string>")


def stored_article(row: Any) -> Article:
    """The article of an ARTICLE_SCHEMA / ANALYSED_SCHEMA row, as the store reads one back."""
    return Article(id=row["id"], text=row["text"], outlet=row["outlet"], title=row["title"],
                   published=dt.date.fromisoformat(row["published"]) if row["published"] else None, url=row["url"],
                   source=row["source"] or "", meta=json.loads(row["meta"] or "{}"))


def stored_signature(row: Any) -> Signature:
    return Signature.from_json(json.loads(row["signature"]))


def analyse(spark: SparkSession, articles: DataFrame, partitions: int, checkpoint: str) -> tuple[DataFrame, list[Any]]:
    """The analysed articles (ANALYSED_SCHEMA), written to ``checkpoint`` (Parquet) and read back, so that
    later stages read the columns they need from disk and never analyse again; and (order, Problem) for
    the articles analysis failed on."""
    out = articles.rdd.repartition(partitions).mapPartitions(_analyse_partition).persist()
    try:
        rows = out.filter(lambda r: r[0] == "a").map(lambda r: r[1])
        spark.createDataFrame(rows, ANALYSED_SCHEMA).write.mode("overwrite").parquet(checkpoint)
        problems = out.filter(lambda r: r[0] == "p").map(lambda r: r[1]).collect()
    finally:
        out.unpersist()
    return spark.read.parquet(checkpoint), problems


def _analyse_partition(rows: Iterable[Any]) -> Iterator[tuple[str, Any]]:
    it = iter(rows)
    while batch := list(islice(it, BATCH)):
        yield from _analyse(batch)


def _analyse(batch: Sequence[Any]) -> Iterator[tuple[str, Any]]:
    by_id = {row["id"]: row for row in batch}
    done, problems = analyse_batch([stored_article(row) for row in batch])
    for item in done:
        row = by_id[item.facts.article.id]
        hashes = minhash(row["text"])
        yield "a", (*(row[c] for c in ("order", "id", "hash", "outlet", "title", "published", "url", "source", "text",
                                       "meta")),
                    facts_to_json(item.facts), json.dumps(item.signature.to_json()),
                    hashes.tobytes(),
                    cluster.index_keys(item.signature), band_keys(hashes))
    orders = {row["source"] or row["id"]: row["order"] for row in batch}
    for problem in problems:
        yield "p", (orders.get(problem.source, 0), problem)


__all__ = ["ANALYSED_SCHEMA", "analyse", "stored_article", "stored_signature"]
