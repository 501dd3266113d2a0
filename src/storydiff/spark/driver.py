"""The job, stage by stage, each timed and reported as it ends."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Problem
from ..spark_output import MANIFEST, OUTPUT_SCHEMA, REPORTS
from . import SparkOptions
from .analyse import analyse
from .components import components
from .links import links
from .read import ReadResult, distinct_articles, list_inputs, read_articles
from .session import spark_session
from .stories import FINDING_SCHEMA, STORY_OF_SCHEMA, STORY_SCHEMA, ComparedStory, compare_stories, story_of
from .write import Output, write_dataset

if TYPE_CHECKING:
    from pyspark.rdd import RDD
    from pyspark.sql import DataFrame, SparkSession

ARTICLES_PER_PARTITION = 2000
PARTITIONS_PER_CORE = 4
CHECKPOINT = "_analysed"  # under OUTPUT while the job runs; names starting with _ are hidden from readers


@dataclass
class JobResult:
    output: str
    read: int = 0  # articles read (repeated ids are problems, not articles)
    stored: int = 0  # articles analysed and written
    skipped: int = 0  # articles whose text an earlier one has
    stories: int = 0
    edges: int = 0
    copies: int = 0
    findings: int = 0
    partitions: int = 0
    problems: list[Problem] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def manifest(self, inputs: Sequence[str]) -> dict[str, Any]:
        from .. import __version__

        return {"schema": OUTPUT_SCHEMA, "storydiff": __version__,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "inputs": list(inputs),
                "counts": {"read": self.read, "stored": self.stored, "skipped": self.skipped,
                           "problems": len(self.problems), "stories": self.stories, "edges": self.edges,
                           "copies": self.copies, "findings": self.findings},
                "partitions": self.partitions, "stages": {k: round(v, 3) for k, v in self.stages.items()},
                "problems": [{"source": p.source, "message": p.message} for p in self.problems]}


def run_job(inputs: Sequence[str], output: str, options: SparkOptions, *,
            progress: Callable[[str], None]) -> JobResult:
    with spark_session(options.master, options.conf) as spark:
        return _Job(spark, options, progress).run(inputs, output)


class _Job:
    def __init__(self, spark: SparkSession, options: SparkOptions, progress: Callable[[str], None]) -> None:
        self.spark, self.options, self.progress = spark, options, progress

    @contextmanager
    def stage(self, result: JobResult, name: str) -> Iterator[list[str]]:
        """Time a stage; what it appends to the yielded list is printed with its time."""
        said: list[str] = []
        start = time.perf_counter()
        yield said
        result.stages[name] = seconds = time.perf_counter() - start
        self.progress(f"{name}: {', '.join(said)} ({seconds:.1f} s)" if said else f"{name}: {seconds:.1f} s")

    def run(self, inputs: Sequence[str], path: str) -> JobResult:
        result = JobResult(output=path)
        output = Output(self.spark, path)
        output.prepare(self.options.overwrite)
        read = self._read(inputs, result)
        result.partitions = self._partitions(result.read - result.skipped)
        self.spark.conf.set("spark.sql.shuffle.partitions", str(result.partitions))
        analysed = self._analyse(read, output.child(CHECKPOINT), result)
        edges, copies = self._link(analysed, result)
        stories = self._group(analysed, edges, result)
        compared = self._compare(analysed, stories, copies, result)
        self._write(output, analysed, stories, edges, copies, compared, result)
        output.write_json(MANIFEST, result.manifest(inputs))  # last: its presence marks a finished run
        return result

    def _read(self, inputs: Sequence[str], result: JobResult) -> ReadResult:
        with self.stage(result, "read") as said:
            files, missing = list_inputs(self.spark, inputs)
            result.problems += missing
            if not files:
                raise InputError(", ".join(inputs), "no JSONL or Parquet files found; give .jsonl or .parquet "
                                                    "files or folders of them")
            read = distinct_articles(self.spark, read_articles(self.spark, files, self.options.ingest))
            result.read, result.skipped = read.read, read.skipped
            result.problems += [p for _, p in read.problems]
            said.append(f"{result.read} articles from {len(files)} files, {result.skipped} repeated texts skipped, "
                        f"{len(read.problems)} problems")
        return read

    def _analyse(self, read: ReadResult, checkpoint: str, result: JobResult) -> DataFrame:
        with self.stage(result, "analyse") as said:
            analysed, failed = analyse(self.spark, read.articles, result.partitions, checkpoint)
            read.cached.unpersist()
            result.problems += [p for _, p in sorted(failed, key=lambda p: p[0])]
            result.stored = analysed.count()
            said.append(f"{result.stored} articles in {result.partitions} partitions, {len(failed)} failed")
        return analysed

    def _link(self, analysed: DataFrame, result: JobResult) -> tuple[DataFrame, DataFrame]:
        with self.stage(result, "links") as said:
            edges, copies = links(self.spark, analysed)
            edges, copies = edges.persist(), copies.persist()
            result.edges, result.copies = edges.count(), copies.count()
            said.append(f"{result.edges} edges, {result.copies} copies")
        return edges, copies

    def _group(self, analysed: DataFrame, edges: DataFrame, result: JobResult) -> DataFrame:
        """Blocks (connected components), then the stories of each block: (id, story)."""
        with self.stage(result, "blocks") as said:
            rounds: list[int] = []
            roots = components(analysed.select("id"), edges.select("a", "b"), on_round=rounds.append).persist()
            blocks = roots.select("root").distinct().count()
            said.append(f"{blocks} blocks in {len(rounds)} rounds")
        with self.stage(result, "group") as said:
            stories = self.spark.createDataFrame(story_of(roots, edges, result.partitions), STORY_OF_SCHEMA).persist()
            result.stories = stories.select("story").distinct().count()
            said.append(f"{result.stories} stories")
        return stories

    def _compare(self, analysed: DataFrame, stories: DataFrame, copies: DataFrame,
                 result: JobResult) -> RDD[ComparedStory]:
        with self.stage(result, "compare") as said:
            compared = compare_stories(analysed, stories, copies, result.partitions).persist()
            result.findings = compared.map(lambda c: len(c.findings)).sum() if result.stories else 0
            said.append(f"{result.findings} findings")
        return compared

    def _write(self, output: Output, analysed: DataFrame, stories: DataFrame, edges: DataFrame, copies: DataFrame,
               compared: RDD[ComparedStory], result: JobResult) -> None:
        from pyspark.sql import functions as F

        with self.stage(result, "write") as said:
            article_columns = ("id", "story", "hash", "outlet", "title", "published", "url", "source", "text", "meta",
                               "facts", "signature", "minhash", "keys", "bands", F.col("order").alias("input_order"))
            write_dataset(analysed.join(stories, "id").select(*article_columns).orderBy("input_order"),
                          output, "articles")
            write_dataset(self.spark.createDataFrame(compared.map(lambda c: c.summary), STORY_SCHEMA).orderBy("id"),
                          output, "stories")
            write_dataset(self.spark.createDataFrame(compared.flatMap(lambda c: c.findings), FINDING_SCHEMA)
                          .orderBy("story", "id"), output, "findings")
            write_dataset(edges.orderBy("a", "b"), output, "edges")
            write_dataset(copies.orderBy("a", "b"), output, "copies")
            reports = compared.map(lambda c: (c.summary[0], c.report)).sortByKey(numPartitions=result.partitions)
            output.write_lines(REPORTS, reports.values().toLocalIterator())
            output.delete(CHECKPOINT)
            said.append(f"{result.stored} articles, {result.stories} stories to {output.path}")

    def _partitions(self, articles: int) -> int:
        if self.options.partitions:
            return self.options.partitions
        cores = self.spark.sparkContext.defaultParallelism
        return max(PARTITIONS_PER_CORE * cores, math.ceil(articles / ARTICLES_PER_PARTITION))
