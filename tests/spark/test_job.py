"""The Spark job end to end: the same answer as ``storydiff ingest``, and ``storydiff import``.

One module fixture runs ``storydiff spark … --master local[2]`` (a process of its own) on the BASIL
and ECB+ dev articles plus a small file written for the test — a repeated id, a repeated text, a
near-copy, a broken line, an empty text — while an in-process ingest of the same files fills a
fresh store; every test compares the two.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storydiff.cli import main
from storydiff.ingest import read_inputs
from storydiff.model import Report
from storydiff.report.jsonout import report_document
from storydiff.store import Store, StorySummary
from storydiff.stories import IngestResult, ingest
from tests.conftest import EXAMPLE, shared_path
from tests.spark.conftest import require_spark

SPARK = [sys.executable, "-m", "storydiff.spark"]


@dataclass(frozen=True)
class Runs:
    inputs: list[str]
    output: Path  # the Spark job's
    db: Path  # the ingest's store
    ingested: IngestResult
    spark_exit: int
    spark_stderr: str


def tricky_records(basil: Path, ecb: Path) -> list[Any]:
    """Records that test how repeats and bad lines are settled, built from the dev articles."""
    first_basil = json.loads(basil.read_text(encoding="utf-8").splitlines()[0])
    first_ecb = json.loads(ecb.read_text(encoding="utf-8").splitlines()[0])
    words = first_basil["text"].split(" ")
    near = " ".join(words[:40] + ["indeed"] + words[40:])  # a copy with a word added: same story, one source
    return [
        {**first_basil, "text": first_basil["text"] + " A later correction."},  # a repeated id: a problem
        {"id": "ecb-again", "text": first_ecb["text"]},  # a repeated text: skipped
        {**first_basil, "id": "basil-near-copy", "text": near, "title": None},
        "{broken",
        {"id": "no-text", "text": ""},
    ]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    basil, ecb = shared_path("data", "basil", "dev.jsonl"), shared_path("data", "ecbplus", "dev.jsonl")
    require_spark()
    tmp = tmp_path_factory.mktemp("spark-job")
    extra = tmp / "extra.jsonl"
    extra.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in tricky_records(basil, ecb)),
                     encoding="utf-8")
    inputs = [str(basil), str(ecb), str(extra)]
    output = tmp / "out"
    # The job runs beside the ingest: two cores for Spark's local[2], while the ingest takes its turns.
    with (tmp / "spark.log").open("w+", encoding="utf-8") as log:
        job = subprocess.Popen([*SPARK, *inputs, str(output), "--master", "local[2]"], stderr=log,
                               stdout=subprocess.DEVNULL)
        try:
            with Store(tmp / "ingest.db") as store:
                ingested = ingest(store, read_inputs(inputs))
        finally:
            exit_code = job.wait(timeout=1800)
        log.seek(0)
        stderr = log.read()
    return Runs(inputs, output, tmp / "ingest.db", ingested, exit_code, stderr)


def output_rows(output: Path, name: str) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    rows: list[dict[str, Any]] = ds.dataset(output / name, format="parquet").to_table().to_pylist()
    return rows


def summary(row: dict[str, Any]) -> StorySummary:
    return StorySummary(id=row["id"], title=row["title"], articles=tuple(row["articles"]), sources=row["sources"],
                        outlets=tuple(row["outlets"]), first=row["first"], last=row["last"],
                        conflicts=row["conflicts"], variants=row["variants"])


def store_reports(store: Store) -> dict[str, str]:
    """Each story's report as ``storydiff export --what reports`` writes it."""
    out = {}
    for s in store.stories():
        story = store.story(s.id)
        articles = tuple(a for a in (store.article(i) for i in story.articles) if a)
        out[s.id] = json.dumps(report_document(Report(articles=articles, stories=(story,), problems=())),
                               ensure_ascii=False)
    return out


def first_difference(got: str, expected: str) -> str:
    """Where two reports of a story part: the first finding (or field) that differs, for the failure message."""
    a, b = json.loads(got), json.loads(expected)
    mine, theirs = a["stories"][0].get("findings", []), b["stories"][0].get("findings", [])
    for x, y in zip(mine, theirs, strict=False):
        if x != y:
            return f"{a['stories'][0]['id']}: spark {json.dumps(x)[:1500]}\n  ingest {json.dumps(y)[:1500]}"
    return f"{a['stories'][0]['id']}: {len(mine)} findings against {len(theirs)}, or another field"


def test_the_job_ran_with_the_problems_ingest_has(runs: Runs) -> None:
    assert runs.spark_exit == 1, runs.spark_stderr[-3000:]  # 1: some input was bad, as for ingest
    for stage in ("read", "analyse", "links", "blocks", "group", "compare", "write"):
        assert f"storydiff spark: {stage}: " in runs.spark_stderr
    manifest = json.loads((runs.output / "_storydiff.json").read_text(encoding="utf-8"))
    assert manifest["schema"] == "storydiff.spark/1"
    assert sorted(p["message"] for p in manifest["problems"]) == sorted(p.message for p in runs.ingested.problems)
    assert len(manifest["problems"]) == 3  # the repeated id, the broken line, the empty text
    counts = manifest["counts"]
    assert (counts["read"], counts["stored"], counts["skipped"]) == (
        runs.ingested.read, runs.ingested.stored, runs.ingested.skipped) == (924, 923, 1)
    assert not (runs.output / "_analysed").exists()


def test_same_stories_as_ingest(runs: Runs) -> None:
    with Store(runs.db, readonly=True) as store:
        expected = {s.id: s for s in store.stories()}
    got = {row["id"]: summary(row) for row in output_rows(runs.output, "stories")}
    assert len(expected) > 100
    assert got == expected
    assert any(s.sources < len(s.articles) for s in got.values()), "copies count as one source"


def test_same_findings_as_ingest(runs: Runs) -> None:
    with Store(runs.db, readonly=True) as store:
        expected = store_reports(store)
    lines = (runs.output / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    got = {json.loads(line)["stories"][0]["id"]: line for line in lines}
    assert list(got) == sorted(expected)
    assert [first_difference(got[k], expected[k]) for k in expected if got[k] != expected[k]] == []
    assert any("near-duplicate texts" in json.loads(line)["stories"][0].get("note", "") for line in lines)
    findings = output_rows(runs.output, "findings")
    assert len(findings) == sum(len(json.loads(line)["stories"][0]["findings"]) for line in lines)
    row = findings[0]
    assert json.loads(row["finding"])["id"] == row["id"] and row["status"] in ("agree", "variant", "conflict", "unique")


def test_the_datasets_hold_what_the_store_holds(runs: Runs) -> None:
    articles = {r["id"]: r for r in output_rows(runs.output, "articles")}
    with Store(runs.db, readonly=True) as store:
        db = store.db
        stored = {r[0]: r for r in db.execute(
            "SELECT a.id, hash, outlet, title, published, url, source, text, meta, facts, signature, minhash "
            "FROM articles a JOIN facts f ON f.article = a.id")}
        story_of = store.story_of()
        keys = sorted(db.execute("SELECT key, article FROM keys"))
        bands = sorted(db.execute("SELECT band, article FROM bands"))
        edges = sorted(db.execute("SELECT a, b, sim FROM edges"))
        copies = sorted(db.execute("SELECT a, b FROM copies"))
    columns = ("id", "hash", "outlet", "title", "published", "url", "source", "text", "meta", "facts", "signature",
               "minhash")
    assert {i: tuple(r[c] for c in columns) for i, r in articles.items()} == stored
    assert {i: r["story"] for i, r in articles.items()} == story_of
    assert sorted((k, i) for i, r in articles.items() for k in r["keys"]) == keys
    assert sorted((b, i) for i, r in articles.items() for b in r["bands"]) == bands
    assert sorted((r["a"], r["b"], r["sim"]) for r in output_rows(runs.output, "edges")) == edges
    assert sorted((r["a"], r["b"]) for r in output_rows(runs.output, "copies")) == copies and copies


# storydiff import


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_import_gives_the_ingested_store(runs: Runs, tmp_path: Path) -> None:
    db = str(tmp_path / "imported.db")
    first = cli("import", str(runs.output), "--db", db)
    assert first.exit_code == 0 and "imported 923 articles" in first.stderr
    assert cli("stories", "--db", db, "--format", "json").stdout == \
        cli("stories", "--db", str(runs.db), "--format", "json").stdout
    with Store(runs.db, readonly=True) as store:
        noted = next(s.id for s in store.stories() if store.story(s.id).note and s.sources < len(s.articles))
    for story in (noted, json.loads(cli("stories", "--db", db, "--format", "json").stdout)["stories"][0]["id"]):
        shown = cli("show", story, "--db", db, "--format", "json")
        assert shown.stdout == cli("show", story, "--db", str(runs.db), "--format", "json").stdout
        assert shown.stderr == cli("show", story, "--db", str(runs.db), "--format", "json").stderr
    with Store(db, readonly=True) as store:
        before = store.counts()
    again = cli("import", str(runs.output), "--db", db)
    assert again.exit_code == 0 and "nothing to do" in again.stderr
    with Store(db, readonly=True) as store:
        assert store.counts() == before


def test_import_into_the_ingested_store_is_a_no_op(runs: Runs, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    with Store(runs.db, readonly=True) as store, Store(db) as copy:
        store.db.backup(copy.db)
    result = cli("import", str(runs.output), "--db", str(db))
    assert result.exit_code == 0 and "already holds the 923 articles" in result.stderr


def test_ingest_on_top_of_an_import_links_as_on_top_of_an_ingest(runs: Runs, tmp_path: Path) -> None:
    imported, ingested = tmp_path / "imported.db", tmp_path / "ingested.db"
    assert cli("import", str(runs.output), "--db", str(imported)).exit_code == 0
    with Store(runs.db, readonly=True) as store, Store(ingested) as copy:
        store.db.backup(copy.db)
    basil = json.loads(shared_path("data", "basil", "dev.jsonl").read_text(encoding="utf-8").splitlines()[5])
    later = tmp_path / "later.jsonl"  # a rewrite of a stored article (joins its story) and an unrelated pair
    later.write_text(json.dumps({**basil, "id": "rewrite", "text": basil["text"].replace(". ", ". Indeed, ", 3)})
                     + "\n", encoding="utf-8")
    for db in (imported, ingested):
        result = cli("ingest", "--db", str(db), str(later), str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt"))
        assert result.exit_code == 0 and "3 stored" in result.stderr
    with Store(imported, readonly=True) as a, Store(ingested, readonly=True) as b:
        assert a.stories() == b.stories()
        assert any("rewrite" in s.articles and len(s.articles) > 1 for s in a.stories())


def test_import_refuses_what_is_not_an_output_or_a_store_it_cannot_join(runs: Runs, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = cli("import", str(tmp_path), "--db", db)
    assert result.exit_code == 1 and "not a storydiff Spark output (no _storydiff.json)" in result.stderr
    fake = tmp_path / "fake"
    shutil.copytree(runs.output, fake)
    manifest = json.loads((fake / "_storydiff.json").read_text(encoding="utf-8"))
    (fake / "_storydiff.json").write_text(json.dumps({**manifest, "schema": "storydiff.spark/99"}), encoding="utf-8")
    result = cli("import", str(fake), "--db", db)
    assert result.exit_code == 1 and "schema 'storydiff.spark/99', not storydiff.spark/1" in result.stderr
    (fake / "_storydiff.json").write_text(json.dumps(manifest), encoding="utf-8")
    shutil.rmtree(fake / "edges")
    result = cli("import", str(fake), "--db", db)
    assert result.exit_code == 1 and "edges: not a Parquet dataset" in result.stderr
    other = str(tmp_path / "other.db")
    assert cli("ingest", "--db", other, str(EXAMPLE / "a.txt")).exit_code == 0
    result = cli("import", str(runs.output), "--db", other)
    assert result.exit_code == 1 and "holds 1 articles, 0 of the 923" in result.stderr
    with Store(db, readonly=True) as store:
        assert store.counts()["articles"] == 0  # nothing half-done
