"""Copies and event edges, as the store links an article to the articles stored before it.

Candidates come from Spark joins, never from a scan of all pairs:

- **copies**: articles sharing a MinHash LSH band (:func:`~storydiff.group.copies.band_keys`),
  kept when :func:`~storydiff.group.copies.is_copy`;
- **edges**: a dated article's :func:`~storydiff.group.cluster.probe_keys` joined with the other
  articles' :func:`~storydiff.group.cluster.index_keys`; an undated article meets every bucket of
  each of its :func:`~storydiff.group.cluster.index_features`. Before the join, keys are counted
  (distinct articles filed under each) and the keys :func:`~storydiff.group.cluster.live` rejects
  are dropped, on both sides, as :func:`~storydiff.group.cluster.all_edges` drops them.

Each candidate pair is then judged in Python by the library: similarity of the later article's
stored signature against the earlier one's, in that order as the store computes it when the later
one arrives (the same sum, to the last bit), raised to
:data:`~storydiff.group.copies.COPY_SIMILARITY` for copies, kept from
:data:`~storydiff.group.cluster.EDGE_FLOOR` up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from ..group import cluster
from ..group.copies import COPY_SIMILARITY, band_keys, is_copy
from .analyse import stored_signature

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

EDGE_SCHEMA = "a string, b string, sim double"
COPY_SCHEMA = "a string, b string"


def index_rows(row: Any) -> Iterator[tuple[str, str, str, bool]]:
    """(article, feature, key, dated) for each key the article is filed under."""
    s = stored_signature(row)
    for feature, key in zip(cluster.index_features(s), cluster.index_keys(s), strict=True):
        yield s.article, feature, key, s.published is not None


def probe_rows(row: Any) -> Iterator[tuple[str, str, str]]:
    """(article, feature, key) for each key a dated article looks up."""
    s = stored_signature(row)
    if s.published:
        for feature in cluster.index_features(s):
            for key in cluster.probe_keys(s, [feature]):
                yield s.article, feature, key


def band_rows(row: Any) -> Iterator[tuple[str, str]]:
    for band in band_keys(np.frombuffer(row["minhash"], dtype=np.uint64)):
        yield row["id"], band


def live_index(spark: SparkSession, index: DataFrame) -> DataFrame:
    """The index rows whose key is live: keys counted, and those past the cap dropped, before any join."""
    from pyspark.sql import functions as F

    postings = index.groupBy("key").agg(F.countDistinct("article").alias("posting"))
    # live() is judged once per distinct posting size, on the driver: the library's rule, not a copy of it
    sizes = [r["posting"] for r in postings.select("posting").distinct().collect()]
    live_sizes = [n for n in sizes if cluster.live(n)]
    keys = postings.where(F.col("posting").isin(live_sizes)).select("key")
    return index.join(keys, "key", "left_semi")


def key_pairs(spark: SparkSession, analysed: DataFrame) -> DataFrame:
    """(a, b), a < b: the pairs the grouping index makes candidates."""
    from pyspark.sql import functions as F

    columns = analysed.select("id", "signature")
    index = spark.createDataFrame(columns.rdd.flatMap(index_rows), "article string, feature string, key string, "
                                                                     "dated boolean")
    live = live_index(spark, index).persist()
    probes = spark.createDataFrame(columns.rdd.flatMap(probe_rows), "article string, feature string, key string")
    own = live.select("article", "feature")  # an article probes only through features whose own key is live
    found = live.select(F.col("key"), F.col("article").alias("other"))
    dated = probes.join(own, ["article", "feature"], "left_semi").join(found, "key").select("article", "other")
    undated = (live.where(~F.col("dated")).select("article", "feature")
               .join(live.select("feature", F.col("article").alias("other")), "feature").select("article", "other"))
    pairs = dated.unionByName(undated).where(F.col("article") != F.col("other"))
    return pairs.select(F.least("article", "other").alias("a"), F.greatest("article", "other").alias("b")).distinct()


def band_pairs(spark: SparkSession, analysed: DataFrame) -> DataFrame:
    """(a, b), a < b: the pairs sharing a MinHash LSH band."""
    from pyspark.sql import functions as F

    rows = analysed.select("id", "minhash").rdd.flatMap(band_rows)
    bands = spark.createDataFrame(rows, "article string, band string")
    other = bands.select(F.col("band"), F.col("article").alias("b"))
    return (bands.withColumnRenamed("article", "a").join(other, "band").where(F.col("a") < F.col("b"))
            .select("a", "b").distinct())


def links(spark: SparkSession, analysed: DataFrame) -> tuple[DataFrame, DataFrame]:
    """The edges (a, b, sim) and copies (a, b) among the analysed articles, a < b."""
    from pyspark.sql import functions as F

    candidates = (key_pairs(spark, analysed).withColumn("keyed", F.lit(True))
                  .join(band_pairs(spark, analysed).withColumn("banded", F.lit(True)), ["a", "b"], "full_outer"))
    payload = analysed.select("id", "order", "signature", "minhash")
    side_a = payload.select(*(F.col(c).alias(f"a_{c}") for c in payload.columns))
    side_b = payload.select(*(F.col(c).alias(f"b_{c}") for c in payload.columns))
    joined = (candidates.join(side_a, F.col("a") == F.col("a_id")).join(side_b, F.col("b") == F.col("b_id")))
    judged = joined.rdd.map(_judge).filter(lambda r: r[2] >= cluster.EDGE_FLOOR or r[3]).persist()
    edges = spark.createDataFrame(judged.filter(lambda r: r[2] >= cluster.EDGE_FLOOR).map(lambda r: r[:3]),
                                  EDGE_SCHEMA)
    copies = spark.createDataFrame(judged.filter(lambda r: r[3]).map(lambda r: r[:2]), COPY_SCHEMA)
    return edges, copies


class _Side:
    """One article of a candidate pair, read from the joined row's ``a_``/``b_`` columns."""

    def __init__(self, row: Any, prefix: str) -> None:
        self.row, self.prefix = row, prefix

    def __getitem__(self, column: str) -> Any:
        return self.row[self.prefix + column]


def _judge(row: Any) -> tuple[str, str, float, bool]:
    """(a, b, similarity, copy) of a candidate pair, as Store._link computes it when the later one arrives."""
    first, second = _Side(row, "a_"), _Side(row, "b_")
    later, earlier = (first, second) if first["order"] > second["order"] else (second, first)
    sim = cluster.similarity(stored_signature(later), stored_signature(earlier)) if row["keyed"] else 0.0
    copy = bool(row["banded"]) and is_copy(np.frombuffer(later["minhash"], dtype=np.uint64), earlier["minhash"])
    if copy:
        sim = max(sim, COPY_SIMILARITY)
    return row["a"], row["b"], float(sim), copy
