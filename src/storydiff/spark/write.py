"""The job's output (its layout: :mod:`storydiff.spark_output`): Parquet datasets, the reports as JSON
lines, and the manifest, written last.

The driver writes the small files through Spark's own file system layer, so OUTPUT may be on any
file system Spark writes to.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..spark_output import MANIFEST
from .session import hadoop

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

_CHUNK = 1 << 20  # bytes handed to the JVM at a time


class Output:
    """OUTPUT as Spark's file system layer sees it."""

    def __init__(self, spark: SparkSession, path: str) -> None:
        self.jvm, conf = hadoop(spark)
        self.root = self.jvm.org.apache.hadoop.fs.Path(path)
        self.fs = self.root.getFileSystem(conf)
        self.path = path

    def child(self, name: str) -> str:
        return str(self.jvm.org.apache.hadoop.fs.Path(self.root, name).toString())

    def prepare(self, overwrite: bool) -> None:
        """Refuse an OUTPUT that holds anything, unless ``overwrite`` and it is a storydiff output."""
        if not self.fs.exists(self.root):
            return
        if not self.fs.getFileStatus(self.root).isDirectory():
            raise UsageError(f"{self.path}: exists and is not a folder; give a new folder for the output")
        if not self.fs.listStatus(self.root):
            return
        is_output = self.fs.exists(self.jvm.org.apache.hadoop.fs.Path(self.root, MANIFEST))
        if not overwrite:
            raise UsageError(f"{self.path}: already exists; give a new folder, or --overwrite to replace "
                             "an earlier storydiff output")
        if not is_output:
            raise UsageError(f"{self.path}: holds files but no {MANIFEST}, so it is not a storydiff output; "
                             "refusing to replace it, give a new folder")
        self.fs.delete(self.root, True)

    def write_lines(self, name: str, lines: Iterable[str]) -> int:
        """Write ``lines`` (without newlines) to OUTPUT/name, streamed; returns how many."""
        target = self.jvm.org.apache.hadoop.fs.Path(self.root, name)
        self.fs.setWriteChecksum(False)  # no .crc files beside the output on a local disk
        stream = self.fs.create(target, True)
        count, buffer = 0, bytearray()
        try:
            for line in lines:
                buffer += line.encode("utf-8") + b"\n"
                count += 1
                if len(buffer) >= _CHUNK:
                    stream.write(bytes(buffer))
                    buffer.clear()
            if buffer:
                stream.write(bytes(buffer))
        finally:
            stream.close()
        return count

    def delete(self, name: str) -> None:
        self.fs.delete(self.jvm.org.apache.hadoop.fs.Path(self.root, name), True)

    def write_json(self, name: str, document: Mapping[str, Any]) -> None:
        self.write_lines(name, [json.dumps(document, ensure_ascii=False, indent=2)])


def write_dataset(frame: DataFrame, output: Output, name: str) -> None:
    frame.write.mode("overwrite").parquet(output.child(name))
