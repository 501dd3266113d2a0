"""The Spark tests skip, saying why, when pyspark or Java is missing; one local[2] session serves them."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest

from storydiff.spark import java_found


def require_spark() -> None:
    """Skip the calling test unless the spark extra and a Java are there."""
    for name in ("pyspark", "pyarrow"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed: pip install 'storydiff[spark]'")
    if not java_found():
        pytest.skip("no Java (java on PATH or JAVA_HOME): Spark needs Java 17+")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] session for the unit tests (the end-to-end tests run `storydiff spark` in a process of its own)."""
    require_spark()
    from storydiff.spark.session import spark_session

    with spark_session("local[2]", {"spark.sql.shuffle.partitions": "4"}) as session:
        yield session
