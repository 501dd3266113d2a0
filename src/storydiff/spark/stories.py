"""Stories from blocks, and each story compared, as the store makes and shows them.

A block (a connected component of the edges) is grouped whole by
:func:`~storydiff.group.cluster.cluster_block`, on its sorted ids and sorted edges as the store
hands them over; a story is named by :func:`~storydiff.store.story_id_for`. Each story is then
compared with :func:`~storydiff.compare.compare_story` over its members' stored facts, sorted by
id, and summarised as the store's ``stories`` table summarises it; its report is the
``storydiff.report/1`` document ``storydiff export --what reports`` writes, copies note included
(:func:`~storydiff.store.with_copies_note`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..compare import compare_story
from ..group import cluster
from ..model import Report
from ..report.jsonout import finding_document, report_document
from ..store import story_id_for, summarise, with_copies_note
from ..store.codec import facts_from_json
from .analyse import stored_article

if TYPE_CHECKING:
    from pyspark.rdd import RDD
    from pyspark.sql import DataFrame

STORY_OF_SCHEMA = "id string, story string"
STORY_SCHEMA = ("id string, title string, articles array<string>, sources int, outlets array<string>, first string, "
                "last string, conflicts int, variants int")
FINDING_SCHEMA = "story string, id string, kind string, status string, finding string"


@dataclass(frozen=True)
class ComparedStory:
    summary: tuple[Any, ...]  # STORY_SCHEMA
    findings: Sequence[tuple[str, str, str, str, str]]  # FINDING_SCHEMA
    report: str  # one storydiff.report/1 document, as a JSON line


def story_of(roots: DataFrame, edges: DataFrame, partitions: int) -> RDD[tuple[str, str]]:
    """(article, story) for every article: each block (``roots``: id, root) grouped whole."""
    from pyspark.sql import functions as F

    members = roots.rdd.map(lambda r: (r["root"], r["id"]))
    inside = edges.join(roots.select(F.col("id").alias("a"), "root"), "a")
    block_edges = inside.rdd.map(lambda r: (r["root"], (r["a"], r["b"], r["sim"])))
    return members.cogroup(block_edges, partitions).flatMap(_stories_of_block)


def _stories_of_block(block: tuple[str, tuple[Iterable[str], Iterable[cluster.Edge]]]) -> Iterator[tuple[str, str]]:
    _, (ids, edges) = block
    for members in cluster.cluster_block(sorted(ids), sorted(edges)):
        story = story_id_for(members)
        for article in members:
            yield article, story


def compare_stories(analysed: DataFrame, stories: DataFrame, copies: DataFrame, partitions: int) -> RDD[ComparedStory]:
    """Every story compared, from its members' stored facts and the copy links among them."""
    from pyspark.sql import functions as F

    columns = ("id", "text", "outlet", "title", "published", "url", "source", "meta", "facts")
    members = stories.join(analysed.select(*columns), "id").rdd.map(lambda r: (r["story"], r))
    of_a = stories.select(F.col("id").alias("a"), F.col("story"))
    of_b = stories.select(F.col("id").alias("b"), F.col("story").alias("story_b"))
    inside = copies.join(of_a, "a").join(of_b, "b").where(F.col("story") == F.col("story_b"))
    links = inside.rdd.map(lambda r: (r["story"], (r["a"], r["b"])))
    return members.cogroup(links, partitions).map(_compare)


def _compare(item: tuple[str, tuple[Iterable[Any], Iterable[tuple[str, str]]]]) -> ComparedStory:
    story_id, (rows, links) = item
    facts = [facts_from_json(stored_article(r), r["facts"]) for r in sorted(rows, key=lambda r: r["id"])]
    articles = [f.article for f in facts]
    ids = [a.id for a in articles]
    story = compare_story(facts, story_id=story_id)
    groups = cluster.blocks(ids, [(a, b, 1.0) for a, b in links])
    s = summarise(story, articles, len(groups))
    summary = (s.id, s.title, list(s.articles), s.sources, list(s.outlets), s.first, s.last, s.conflicts, s.variants)
    shown = with_copies_note(story, groups)
    report = report_document(Report(articles=tuple(articles), stories=(shown,), problems=()))
    findings = [(story_id, f.id, f.kind, f.status, json.dumps(finding_document(f), ensure_ascii=False))
                for f in shown.findings]
    return ComparedStory(summary, findings, json.dumps(report, ensure_ascii=False))
