"""`storydiff spark` around the job: a missing extra, and an OUTPUT it must not overwrite."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storydiff.cli import main
from storydiff.errors import UsageError
from storydiff.spark import MANIFEST


def test_a_missing_extra_names_the_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = importlib.import_module

    def without_pyspark(name: str, *args: Any) -> Any:
        if name == "pyspark":
            raise ImportError("No module named 'pyspark'")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without_pyspark)
    result = CliRunner().invoke(main, ["spark", str(tmp_path / "in.jsonl"), str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "pip install 'storydiff[spark]'" in result.stderr and "pyspark is missing" in result.stderr


def test_output_is_replaced_only_when_it_is_an_earlier_output(spark: Any, tmp_path: Path) -> None:
    from storydiff.spark.write import Output

    Output(spark, str(tmp_path / "new")).prepare(overwrite=False)  # a new folder: fine
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work", encoding="utf-8")
    for overwrite in (False, True):
        with pytest.raises(UsageError, match="already exists" if not overwrite else "not a storydiff output"):
            Output(spark, str(mine)).prepare(overwrite=overwrite)
    assert (mine / "thesis.tex").exists()
    earlier = tmp_path / "earlier"
    (earlier / "stories").mkdir(parents=True)
    (earlier / MANIFEST).write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="--overwrite"):
        Output(spark, str(earlier)).prepare(overwrite=False)
    Output(spark, str(earlier)).prepare(overwrite=True)
    assert not earlier.exists()
