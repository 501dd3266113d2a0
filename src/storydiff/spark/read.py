"""Read the job's inputs as articles, in input order, exactly as ``storydiff ingest`` would.

Inputs are JSONL or Parquet files, folders of them (searched recursively; names starting with
``.`` or ``_`` left out, as Spark leaves them out) and glob patterns, on any file system Spark
reads. A JSONL file is read whole by one task, through the library's own reader
(:func:`storydiff.ingest.read_jsonl`), so ids, titles, dates, metadata and problems come out as
ingest gives them; a Parquet row becomes an article through
:func:`storydiff.ingest.article_from_record` (a null column is an absent field).

Every article and problem carries its place in the input (``order``: file, then position), which
settles repeats as ingest settles them: a later article with an id already read is a problem
(:func:`storydiff.ingest.duplicate_id_problem`), and a later article with a text already read is
skipped. Within one run, so, no id is ever taken twice and the store's ``id~hash`` renaming never
applies — as in one ``storydiff ingest`` into a fresh store.
"""

from __future__ import annotations

import io
import json
import os
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..ingest import IngestOptions, article_from_record, duplicate_id_problem, read_jsonl
from ..model import Article, Problem
from ..store import content_hash
from .session import hadoop

if TYPE_CHECKING:
    from pyspark.rdd import RDD
    from pyspark.sql import DataFrame, SparkSession

Kind = Literal["jsonl", "parquet"]
SUFFIXES: dict[str, Kind] = {".jsonl": "jsonl", ".parquet": "parquet"}
POSITION_BITS = 40  # order = file index << 40 | position in the file
_GLOB_CHARS = re.compile(r"[*?\[{]")
_RECORD_FIELDS = ("id", "text", "outlet", "title", "published", "url")

# The columns of an article as the job carries it until analysis (and as the store keeps it).
ARTICLE_COLUMNS = ("order", "id", "hash", "outlet", "title", "published", "url", "source", "text", "meta")
ARTICLE_SCHEMA = ("order long, id string, hash string, outlet string, title string, published string, url string, "
                  "source string, text string, meta string")


@dataclass(frozen=True)
class InputFile:
    index: int  # place among all input files, in the order ingest would read them
    uri: str  # as the file system names it
    source: str  # as ingest names it in articles and problems
    kind: Kind


@dataclass(frozen=True)
class ReadResult:
    articles: DataFrame  # ARTICLE_SCHEMA: the articles to analyse, one per text
    problems: list[tuple[int, Problem]]  # (order, problem)
    read: int  # articles read (as ingest counts them: repeated ids are problems, not articles)
    skipped: int  # articles whose text an earlier one has
    cached: RDD[Any]  # the parsed input, kept until analysis has read it (then unpersist it)


def order_of(file_index: int, position: int) -> int:
    return file_index << POSITION_BITS | position


# listing


def list_inputs(spark: SparkSession, inputs: Sequence[str]) -> tuple[list[InputFile], list[Problem]]:
    """The JSONL and Parquet files the inputs name, in order; a name that finds none is a problem."""
    jvm, conf = hadoop(spark)
    files: list[InputFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in inputs:
        path = jvm.org.apache.hadoop.fs.Path(name)
        fs = path.getFileSystem(conf)
        statuses = fs.globStatus(path)
        if not statuses:
            reason = ("no files match this pattern; check the pattern" if _GLOB_CHARS.search(name)
                      else "no such file or directory; check the path")
            problems.append(Problem(name, f"{name}: {reason}"))
            continue
        found = 0
        for status in statuses:
            for uri, source in _files_under(fs, status, name):
                kind = _kind(uri)
                if kind is None:
                    if uri == str(status.getPath().toString()):  # named itself, not found in a folder
                        problems.append(Problem(source, f"{source}: not a .jsonl or .parquet file; the Spark job "
                                                        "reads JSON lines and Parquet"))
                    continue
                found += 1
                if _key(uri) not in seen:  # a file named twice is read once, as ingest does
                    seen.add(_key(uri))
                    files.append(InputFile(len(files), uri, source, kind))
        if not found and not any(p.source == name for p in problems):
            problems.append(Problem(name, f"{name}: holds no .jsonl or .parquet files; check the path"))
    return files, problems


def _files_under(fs: Any, status: Any, name: str) -> Iterator[tuple[str, str]]:
    """(uri, source) of a matched path: itself, or the visible files under a folder, sorted as ingest sorts."""
    root = str(status.getPath().toString())
    if not status.isDirectory():
        yield root, _source(name, root, root)
        return
    found = []
    listing = fs.listFiles(status.getPath(), True)
    while listing.hasNext():
        uri = str(listing.next().getPath().toString())
        parts = _relative(root, uri).split("/")
        if not any(part.startswith((".", "_")) for part in parts):
            found.append((tuple(parts), uri))
    for _, uri in sorted(found):
        yield uri, _source(name, root, uri)


def _relative(root: str, uri: str) -> str:
    return urllib.parse.unquote(uri)[len(urllib.parse.unquote(root)):].lstrip("/")


def _source(name: str, root: str, uri: str) -> str:
    """How ingest would name a file: the path as given (a folder's files below it); a remote file by its URI."""
    if urllib.parse.urlparse(name).scheme not in ("", "file"):
        return uri
    root_path = urllib.parse.unquote(urllib.parse.urlparse(root).path)
    base = name.removeprefix("file:")
    if _GLOB_CHARS.search(name):
        base = root_path if os.path.isabs(base) else os.path.relpath(root_path)
    return base if uri == root else str(Path(base) / _relative(root, uri))


def _kind(uri: str) -> Kind | None:
    return SUFFIXES.get(Path(urllib.parse.urlparse(uri).path).suffix.lower())


def _key(uri: str) -> str:
    return urllib.parse.unquote(uri)


# reading


def read_articles(spark: SparkSession, files: Sequence[InputFile], options: IngestOptions) -> RDD[Any]:
    """(order, Article | Problem) for every record of every file."""
    sc = spark.sparkContext
    parts: list[RDD[Any]] = []
    jsonl = {_key(f.uri): f for f in files if f.kind == "jsonl"}
    if jsonl:
        texts = sc.binaryFiles(",".join(f.uri for f in jsonl.values()))
        parts.append(texts.flatMap(lambda item: _jsonl_items(jsonl[_key(item[0])], item[1], options)))
    parquet = {_key(f.uri): f for f in files if f.kind == "parquet"}
    if parquet:
        rows = (spark.read.option("mergeSchema", "true").parquet(*(f.uri for f in parquet.values()))
                .selectExpr("*", "_metadata.file_path AS `__file`", "_metadata.row_index AS `__row`"))
        parts.append(rows.rdd.map(lambda row: _parquet_item(parquet[_key(row["__file"])], row, options)))
    return sc.union(parts) if len(parts) > 1 else parts[0] if parts else sc.emptyRDD()


def _jsonl_items(f: InputFile, data: bytes, options: IngestOptions) -> Iterator[tuple[int, Article | Problem]]:
    for n, item in enumerate(read_jsonl(io.BufferedReader(io.BytesIO(data)), f.source, options)):
        yield order_of(f.index, n), item


def _parquet_item(f: InputFile, row: Any, options: IngestOptions) -> tuple[int, Article | Problem]:
    from ..errors import InputError

    position = int(row["__row"])
    source = f"{f.source}[{position}]"
    record = {k: v for k, v in row.asDict(recursive=True).items()
              if k not in ("__file", "__row") and (v is not None or k in _RECORD_FIELDS)}
    try:
        return order_of(f.index, position), article_from_record(record, source=source, options=options)
    except InputError as error:
        return order_of(f.index, position), Problem(error.source, str(error))


def article_row(order: int, a: Article) -> tuple[Any, ...]:
    """An article as ARTICLE_SCHEMA, its metadata as the store writes it. (Ingest's reader has already
    turned a text that is not valid Unicode into a problem, so the hash always encodes.)"""
    return (order, a.id, content_hash(a), a.outlet, a.title, a.published.isoformat() if a.published else None, a.url,
            a.source, a.text, json.dumps(dict(a.meta), ensure_ascii=False, default=str))


def distinct_articles(spark: SparkSession, items: RDD[Any]) -> ReadResult:
    """Repeats settled as ingest settles them (see the module doc); problems collected."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    rows = items.map(lambda item: (item[0], article_row(*item) if isinstance(item[1], Article) else item[1]))
    rows.persist()
    problems = rows.filter(lambda r: isinstance(r[1], Problem)).collect()
    frame = spark.createDataFrame(rows.filter(lambda r: not isinstance(r[1], Problem)).map(lambda r: r[1]),
                                  ARTICLE_SCHEMA)
    by_id = Window.partitionBy("id").orderBy("order")
    ranked = frame.withColumn("_n", F.row_number().over(by_id)).withColumn("_first", F.first("source").over(by_id))
    repeats = ranked.where("_n > 1").select("order", "id", "source", "_first").collect()
    problems += [(r["order"], duplicate_id_problem(Article(id=r["id"], text="", source=r["source"]), r["_first"]))
                 for r in repeats]
    by_text = Window.partitionBy("hash").orderBy("order")
    marked = ranked.where("_n = 1").drop("_n", "_first").withColumn("_n", F.row_number().over(by_text))
    counts = marked.groupBy().agg(F.count("*").alias("read"), F.sum((F.col("_n") > 1).cast("long")).alias("skipped"))
    read, skipped = counts.first()  # type: ignore[misc]
    return ReadResult(articles=marked.where("_n = 1").drop("_n"), problems=sorted(problems, key=lambda p: p[0]),
                      read=int(read or 0), skipped=int(skipped or 0), cached=rows)
