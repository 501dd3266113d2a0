"""The storydiff pipeline as a Spark job: ``storydiff spark INPUT… OUTPUT``, or
``spark-submit …/storydiff/spark/job.py INPUT… OUTPUT``, or ``python -m storydiff.spark …``.

The job runs the library's own stages, never a second implementation of them:

1. **read** — JSONL files through :func:`storydiff.ingest.read_jsonl` (as ``storydiff ingest``
   reads a ``.jsonl`` file), Parquet rows through :func:`storydiff.ingest.article_from_record`;
   a repeated id is a problem and a repeated text is skipped, the first in input order kept, as
   ingest does;
2. **analyse** — :func:`storydiff.stories.analyse_batch` per partition (Python workers are reused,
   so each loads the model once);
3. **links** — MinHash LSH bands and the grouping index keys as Spark joins, then
   :func:`~storydiff.group.copies.is_copy` and :func:`~storydiff.group.cluster.similarity` on the
   candidate pairs, exactly as the store links an article;
4. **blocks** — connected components of the edges, in Spark (large-star / small-star);
5. **stories** — :func:`~storydiff.group.cluster.cluster_block` per block and
   :func:`~storydiff.compare.compare_story` per story;
6. **write** — Parquet ``articles/``, ``stories/``, ``findings/``, ``edges/``, ``copies/``, one
   ``storydiff.report/1`` document per story in ``reports.jsonl``, and the ``_storydiff.json``
   manifest, written last. ``storydiff import`` loads such an output into a store.

Importable without pyspark: the job's modules import it when they run, and a missing extra is a
:class:`~storydiff.errors.MissingExtra` naming ``pip install 'storydiff[spark]'``.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import MissingExtra, UsageError
from ..ingest import IngestOptions
from ..spark_output import MANIFEST, OUTPUT_SCHEMA

if TYPE_CHECKING:
    from .driver import JobResult

__all__ = ["MANIFEST", "OUTPUT_SCHEMA", "SparkOptions", "require_spark", "run"]



@dataclass(frozen=True)
class SparkOptions:
    """How the job runs. ``master`` None: the session spark-submit made, else ``local[*]``;
    ``partitions`` None: four per core (at least one per 2,000 articles); ``conf``: more Spark
    settings; ``overwrite``: replace an existing OUTPUT."""

    master: str | None = None
    partitions: int | None = None
    conf: Mapping[str, str] = field(default_factory=dict)
    overwrite: bool = False
    ingest: IngestOptions = IngestOptions()


def require_spark() -> None:
    """Raise :class:`MissingExtra` unless pyspark and pyarrow import, and a clear error unless
    there is a Java to run Spark with."""
    for name in ("pyspark", "pyarrow"):
        try:
            importlib.import_module(name)
        except ImportError as exc:
            raise MissingExtra("spark", name) from exc
    if not java_found():
        raise UsageError("Spark needs Java (17 or later): no `java` on PATH and JAVA_HOME is not set; "
                         "install a JDK, e.g. `apt-get install openjdk-17-jre-headless`")


def java_found() -> bool:
    home = os.environ.get("JAVA_HOME")
    return bool(home and os.path.exists(os.path.join(home, "bin", "java"))) or shutil.which("java") is not None


def run(inputs: Sequence[str], output: str, options: SparkOptions = SparkOptions(), *,
        progress: Callable[[str], None] | None = None) -> JobResult:
    """Run the job over ``inputs`` (JSONL or Parquet files, folders, globs) into ``output``."""
    require_spark()
    from .driver import run_job

    return run_job(inputs, output, options, progress=progress or _quiet)


def _quiet(message: str) -> None:
    pass
