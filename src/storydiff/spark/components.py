"""Connected components of the edge graph in Spark: the blocks that are grouped one by one.

Large-star / small-star (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC
2014), as DataFrame joins: edges are kept as (x, y) with x > y; a large-star step links every
neighbour bigger than a node to the smallest of its neighbourhood, a small-star step links a node
and its smaller neighbours to the smallest of them. Alternated until a round changes nothing, the
graph is a star per component around its smallest id, in O(log² n) rounds; each round's edges are
checkpointed so the plan does not grow with the rounds. Nodes with no edge are their own component.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

MAX_ROUNDS = 200  # O(log² n): far beyond any real graph; a guard against a bug, not a limit


def components(nodes: DataFrame, edges: DataFrame, *, on_round: Callable[[int], None] | None = None) -> DataFrame:
    """(id, root) for every id of ``nodes`` (column ``id``): root is the smallest id of its component.
    ``edges`` has columns ``a`` and ``b`` (any order, any repeats)."""
    from pyspark.sql import functions as F

    current = (edges.where(F.col("a") != F.col("b"))
               .select(F.greatest("a", "b").alias("x"), F.least("a", "b").alias("y")).distinct().localCheckpoint())
    for n in range(1, MAX_ROUNDS + 1):
        following = _small_star(_large_star(current)).localCheckpoint()
        if on_round:
            on_round(n)
        if following.count() == current.count() and following.exceptAll(current).isEmpty():
            break  # both are sets: equal sizes and one inside the other
        current = following
    else:
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    star = following.select(F.col("x").alias("id"), F.col("y").alias("root"))
    return nodes.select("id").join(star, "id", "left").select("id", F.coalesce("root", "id").alias("root"))


def _large_star(edges: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    both = edges.select(F.col("x").alias("u"), F.col("y").alias("v")).unionByName(
        edges.select(F.col("y").alias("u"), F.col("x").alias("v")))
    smallest = both.groupBy("u").agg(F.min("v").alias("m")).select("u", F.least("u", "m").alias("m"))
    return (both.join(smallest, "u").where(F.col("v") > F.col("u"))
            .select(F.col("v").alias("x"), F.col("m").alias("y")).distinct())


def _small_star(edges: DataFrame) -> DataFrame:
    from pyspark.sql import functions as F

    smallest = edges.groupBy("x").agg(F.min("y").alias("m"))  # x's smaller neighbours' least: below x itself
    neighbours = edges.join(smallest, "x").select(F.col("y").alias("x"), F.col("m").alias("y"))
    itself = smallest.select("x", F.col("m").alias("y"))
    return neighbours.unionByName(itself).where(F.col("x") != F.col("y")).distinct()
