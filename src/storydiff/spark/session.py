"""The Spark session the job runs in: offline, quiet, its scratch space in a temporary folder.

Under spark-submit the session already exists (its master and settings are spark-submit's); the
job then only adds what a running session still accepts. Started from Python, the job launches a
local JVM itself, with the Spark UI off (no port opened), a quiet log, the executors' Python the
driver's own, and Python workers reused, so that each worker process loads the model once.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG_CONFIG = Path(__file__).with_name("log4j2.properties")


def under_spark_submit() -> bool:
    """Whether this driver was started by spark-submit (which runs the JVM and hands us its port)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def settings(master: str | None, scratch: str, conf: Mapping[str, str]) -> dict[str, str]:
    """The session's settings; ``conf`` (the user's) wins over the job's defaults. ``master`` None:
    spark-submit's session, whose JVM, UI and log are spark-submit's."""
    log = f"-Dlog4j2.configurationFile={LOG_CONFIG.as_uri()}"
    out = {"spark.app.name": "storydiff", "spark.python.worker.reuse": "true", "spark.sql.adaptive.enabled": "true"}
    if master:  # the job starts the driver's JVM here: no UI port, a quiet log
        out.update({"spark.master": master, "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                    "spark.driver.extraJavaOptions": log})
    if master and master.startswith("local"):  # executors on this machine too: its scratch folder and log file
        out.update({"spark.local.dir": scratch, "spark.executor.extraJavaOptions": log})
    out.update(conf)
    return out


@contextmanager
def spark_session(master: str | None, conf: Mapping[str, str]) -> Iterator[SparkSession]:
    """A session for one run; stopped afterwards unless spark-submit owns it."""
    from pyspark.sql import SparkSession

    submitted = under_spark_submit()
    if submitted:
        master = None  # spark-submit's --master holds
    else:
        master = master or "local[*]"
        # Executors must run the driver's interpreter, where storydiff and its model are installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        if master.startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no network lookup of the host name
    with tempfile.TemporaryDirectory(prefix="storydiff-spark-") as scratch:
        builder = SparkSession.builder
        for key, value in settings(master, scratch, conf).items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        try:
            yield spark
        finally:
            if not submitted:
                spark.stop()


def hadoop(spark: SparkSession) -> tuple[Any, Any]:
    """The session's JVM and Hadoop configuration, for file system calls on the driver."""
    sc = spark.sparkContext
    jvm, jsc = sc._jvm, sc._jsc
    assert jvm is not None and jsc is not None, "the Spark session has stopped"
    return jvm, jsc.hadoopConfiguration()
