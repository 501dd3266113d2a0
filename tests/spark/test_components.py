"""Connected components in Spark (large-star / small-star) against cluster.blocks, on small graphs."""

from __future__ import annotations

import random
from typing import Any

import pytest

from storydiff.group import cluster
from storydiff.spark.components import components


def spark_blocks(spark: Any, ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    nodes = spark.createDataFrame([(i,) for i in ids], "id string")
    links = spark.createDataFrame(edges, "a string, b string")
    found: dict[str, list[str]] = {}
    for row in components(nodes, links).collect():
        found.setdefault(row["root"], []).append(row["id"])
    assert all(root == min(members) for root, members in found.items()), "each component is named by its least id"
    return sorted(sorted(members) for members in found.values())


def reference(ids: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    return cluster.blocks(ids, [(min(a, b), max(a, b), 1.0) for a, b in edges])


NODES = [f"n{i:02d}" for i in range(40)]
GRAPHS = {
    "chain": (NODES[:30], [(NODES[i], NODES[i + 1]) for i in range(29)]),
    "chain from the far end": (NODES[:30], [(NODES[i + 1], NODES[i]) for i in reversed(range(29))]),
    "star": (NODES[:12], [(NODES[5], n) for n in NODES[:12] if n != NODES[5]]),
    "isolated nodes only": (NODES[:5], []),
    "two stars and isolated nodes": (NODES[:20], [(NODES[3], NODES[i]) for i in (4, 9, 12)]
                                     + [(NODES[15], NODES[i]) for i in (0, 18)]),
    "cycle with repeats and a self-loop": (NODES[:8], [(NODES[i], NODES[(i + 1) % 6]) for i in range(6)]
                                           + [(NODES[1], NODES[0]), (NODES[7], NODES[7])]),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_components_match_blocks(spark: Any, name: str) -> None:
    ids, edges = GRAPHS[name]
    assert spark_blocks(spark, ids, edges) == reference(ids, edges)


def test_random_graphs_match_blocks(spark: Any) -> None:
    rng = random.Random(5)
    for _ in range(3):
        ids = NODES[: rng.randint(10, 40)]
        edges = [tuple(rng.sample(ids, 2)) for _ in range(rng.randint(0, len(ids)))]
        assert spark_blocks(spark, ids, edges) == reference(ids, edges)  # type: ignore[arg-type]
