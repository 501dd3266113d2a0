"""The store: idempotent ingest, stored facts, stories, readers during writes, crash safety."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storydiff.analyze import analyze
from storydiff.errors import StoreError
from storydiff.ingest import read_inputs
from storydiff.model import Article, ArticleFacts
from storydiff.store import MIGRATIONS, Store
from storydiff.store.codec import facts_from_json, facts_to_json
from storydiff.stories import ingest
from tests.conftest import EXAMPLE, shared_path

STORYDIFF = [sys.executable, "-m", "storydiff.cli"]


def _example(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    result = ingest(store, read_inputs([str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]))
    assert (result.read, result.stored, result.skipped) == (2, 2, 0)
    return store


def test_facts_round_trip_exactly(nlp) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="a", text=(EXAMPLE / "a.txt").read_text(encoding="utf-8"))
    facts = analyze(article, nlp=nlp)
    assert facts_from_json(article, facts_to_json(facts)) == facts


def test_ingest_groups_and_reingest_is_a_no_op(tmp_path: Path) -> None:
    with _example(tmp_path) as store:
        stories = store.stories()
        assert [s.articles for s in stories] == [("a", "b")]
        assert stories[0].conflicts >= 1
        again = ingest(store, read_inputs([str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]))
        assert (again.stored, again.skipped) == (0, 2)
        assert store.counts()["articles"] == 2


def test_show_reads_stored_facts_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with _example(tmp_path) as store:
        story_id = store.stories()[0].id

    def no_model() -> None:
        raise AssertionError("show must not parse")

    monkeypatch.setattr("storydiff.nlp.load_model", no_model)
    monkeypatch.setattr("storydiff.stories.load_model", no_model)
    with Store(tmp_path / "s.db", readonly=True) as store:
        story = store.story(story_id)
    assert any(f.status == "conflict" and "38" in f.explanation for f in story.findings)


def test_a_story_is_read_as_ingest_compared_it_while_its_key_holds(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a story does not compare it again: ingest kept the comparison under a key of its
    articles and of storydiff's code. Under another key the story is compared again."""
    import storydiff.store as store_module
    from storydiff.compare import compare_story

    with _example(tmp_path) as store:
        story_id = store.stories()[0].id
        fresh = compare_story(store.facts(["a", "b"]), story_id=story_id)
    calls: list[str] = []

    def counted(facts: Any, story_id: str) -> Any:
        calls.append(story_id)
        return compare_story(facts, story_id=story_id)

    monkeypatch.setattr(store_module, "compare_story", counted)
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert store.story(story_id) == fresh and calls == []
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("UPDATE compared SET key = 'made by another storydiff'")
    db.commit()
    db.close()
    with Store(tmp_path / "s.db", readonly=True) as store:
        assert store.story(story_id) == fresh and calls == [story_id]


def test_publication_times_are_kept_at_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest reads when each article was published (metadata, else its page stamp) and keeps it:
    the timeline of a stored story reads no stamp again."""
    from storydiff import timeline

    stamped = Article(id="s", text="Posted: Nov 27, 2005 8:20 AM ET\n\nA strong quake struck the island on Sunday.")
    dated = Article(id="d", text="A strong quake struck the island on Sunday, officials said.",
                    published=dt.date(2005, 11, 28))
    with Store(tmp_path / "s.db") as store:
        assert ingest(store, [stamped, dated]).stored == 2
    monkeypatch.setattr(timeline, "time_from_text", lambda text: (_ for _ in ()).throw(AssertionError("read again")))
    with Store(tmp_path / "s.db", readonly=True) as store:
        whens = store.whens(["s", "d"])
    assert whens["s"] == timeline.When(day=dt.date(2005, 11, 27), time=dt.datetime(2005, 11, 27, 8, 20),
                                       source="text", evidence=whens["s"].evidence)
    assert whens["s"].evidence is not None
    assert stamped.text[whens["s"].evidence.start:whens["s"].evidence.end] == "Posted: Nov 27, 2005 8:20 AM ET"
    assert whens["d"] == timeline.When(day=dt.date(2005, 11, 28), source="metadata")


def test_every_kind_of_finding_round_trips_exactly() -> None:
    """A stored story comes back equal, down to mention values of every type and a diff's mappings."""
    from storydiff.model import DateValue, Finding, Mention, Story
    from storydiff.store.codec import story_from_json, story_to_json

    june = DateValue(dt.date(2018, 6, 1), dt.date(2018, 6, 30), "month")
    mentions = (Mention("a", 0, 4, "38", 38.0), Mention("b", 5, 9, "June", june),
                Mention("c", 1, 2, "x", "text"), Mention("d", 1, 2, "y"), Mention("e", 3, 4, "z", float("nan")))
    finding = Finding(id="f1", kind="quote", status="variant", subject="who said it", explanation="“quoted” — said",
                      mentions=mentions, diff=({"op": "delete", "text": "I trust in God", "at": [1, 2]},))
    story = Story(id="s-1", title="A title", articles=("a", "b"), findings=(finding,), note="a note")
    back = story_from_json(story_to_json(story))
    assert back.findings[0].mentions[:4] == mentions[:4] and math.isnan(back.findings[0].mentions[4].value)
    assert dataclasses.replace(back, findings=()) == dataclasses.replace(story, findings=())
    assert back.findings[0].diff == finding.diff and isinstance(back.findings[0].diff[0]["at"], list)
    with pytest.raises(ValueError, match="unknown stored fact type"):
        story_from_json('{"@": "Popen", "args": ["sh"]}')


def test_same_id_different_text_is_kept_under_a_new_id(tmp_path: Path) -> None:
    with _example(tmp_path) as store:
        changed = Article(id="a", text=(EXAMPLE / "a.txt").read_text(encoding="utf-8") + "\nA correction.")
        result = ingest(store, [changed])
        assert result.stored == 1
        ids = store.article_ids()
        assert len(ids) == 3 and any(i.startswith("a~") for i in ids)


def test_missing_and_foreign_stores_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "none.db", readonly=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a storydiff store"):
        Store(junk)
    with pytest.raises(StoreError, match="no story"):
        _example(tmp_path).story("s-nope")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    _example(tmp_path).close()
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer storydiff"):
        Store(tmp_path / "s.db")


def test_a_store_of_schema_1_is_read_as_it_is_and_upgraded_by_a_writer(tmp_path: Path) -> None:
    """Schemas 2 and 3 only add the links ingest fetched and the comparisons it kept: the reading
    commands read an older store without waiting for an ingest to upgrade it (comparing its stories
    as they read them); the first writer upgrades it and keeps every article."""
    from storydiff.store import links

    with _example(tmp_path) as store:
        story_id = store.stories()[0].id
        kept = store.story(story_id)
    db = sqlite3.connect(tmp_path / "s.db")
    db.execute("DROP TABLE links")
    db.execute("DROP TABLE compared")
    db.execute("DROP TABLE published")
    db.execute("PRAGMA user_version = 1")
    db.close()
    with Store(tmp_path / "s.db", readonly=True) as reader:
        assert reader.version() == 1 and [s.articles for s in reader.stories()] == [("a", "b")]
        assert reader.story(story_id) == kept
        assert reader.whens(["a", "b"])["a"].day is None  # read now: the store kept none
    with Store(tmp_path / "s.db") as writer:
        assert writer.version() == len(MIGRATIONS) == 4
        a = writer.article("a")
        assert a is not None and not links.fetched(writer, "https://news.example/a")
        links.remember(writer, ["https://news.example/a", "https://news.example/2018/a.html"], a)
        assert links.fetched(writer, "https://news.example/a") and links.fetched(writer, "https://news.example/2018/a.html")
        # a link counts as fetched only while the store holds its article's text
        links.remember(writer, ["https://news.example/gone"], Article(id="gone", text="Never stored."))
        assert not links.fetched(writer, "https://news.example/gone")


def test_readers_read_while_a_writer_holds_a_transaction(tmp_path: Path) -> None:
    with _example(tmp_path) as store:
        store.db.execute("BEGIN IMMEDIATE")
        store.db.execute("DELETE FROM story_of")
        with Store(tmp_path / "s.db", readonly=True) as reader:
            assert [s.articles for s in reader.stories()] == [("a", "b")]  # the committed state
        store.db.execute("ROLLBACK")


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _stories(db: Path) -> set[tuple[str, ...]]:
    with Store(db, readonly=True) as store:
        return {s.articles for s in store.stories()}


def test_same_articles_in_any_order_or_batches_give_the_same_stories(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in shared_path("data", "basil", "dev.jsonl").read_text().splitlines()][:24]
    results = []
    for n, (order, batch) in enumerate([(rows, 32), (rows[::-1], 5), (rows[1::2] + rows[::2], 1)]):
        path = tmp_path / f"in{n}.jsonl"
        _write_jsonl(path, order)
        with Store(tmp_path / f"s{n}.db") as store:
            ingest(store, read_inputs([str(path)]), batch=batch)
        results.append(_stories(tmp_path / f"s{n}.db"))
    assert results[0] == results[1] == results[2]
    assert len(results[0]) < len(rows)  # some articles were grouped


def test_kill_9_midway_loses_nothing_committed_and_resumes(tmp_path: Path) -> None:
    source = shared_path("data", "basil", "dev.jsonl")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    killed, whole = tmp_path / "killed.db", tmp_path / "whole.db"
    proc = subprocess.Popen([*STORYDIFF, "ingest", "--db", str(killed), str(source)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if killed.exists() and _article_count(killed) >= 32:
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert 32 <= _article_count(killed) < 150, "the ingest was not killed midway"
    subprocess.run([*STORYDIFF, "ingest", "--db", str(killed), str(source)], env=env, check=True,
                   capture_output=True)
    subprocess.run([*STORYDIFF, "ingest", "--db", str(whole), str(source)], env=env, check=True, capture_output=True)
    db = sqlite3.connect(killed)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in db.execute("SELECT id FROM articles")]
    db.close()
    assert len(ids) == len(set(ids)) == 150
    assert _stories(killed) == _stories(whole)


def _article_count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_wire_copies_are_linked_and_counted_as_one_source(tmp_path: Path) -> None:
    text = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
    copy = Article(id="a-copy", text=text.replace("this summer", "last summer"), outlet="Wire reprint")
    with _example(tmp_path) as store:
        ingest(store, [copy])
        assert store.counts()["copies"] == 1
        [summary] = store.stories()
        assert set(summary.articles) == {"a", "a-copy", "b"} and summary.sources == 2
        note = store.story(summary.id).note or ""
        assert "a = a-copy" in note and "2 independent sources among 3 articles" in note


def test_keys_past_the_cap_withdraw_edges_in_any_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys that pass the posting cap midway withdraw the edges they made; the store ends with the
    edges and stories of the whole set, whatever the order and batch size."""
    import random

    from storydiff.group import cluster
    from storydiff.model import ArticleFacts
    from storydiff.store import Analysed
    from tests.group.test_cluster import _synthetic

    monkeypatch.setattr(cluster, "KEY_POSTING_CAP", 4)
    sigs, _ = _synthetic(40, seed=5)
    expected_edges = {e[:2] for e in cluster.all_edges(sigs)}
    expected = {tuple(s) for s in cluster.group(sigs)}
    items = [Analysed(ArticleFacts(Article(s.article, f"text of {s.article}"), ()), s) for s in sigs]
    withdrawn = 0
    original = Store._withdraw

    def counting(self: Store, key: str) -> None:
        nonlocal withdrawn
        withdrawn += 1
        original(self, key)

    monkeypatch.setattr(Store, "_withdraw", counting)
    for seed, size in ((0, 1), (1, 7), (2, len(items))):
        order = items[:]
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"s{seed}.db") as store:
            for start in range(0, len(order), size):
                store.add(order[start:start + size])
            assert {(a, b) for a, b in store.db.execute("SELECT a, b FROM edges")} == expected_edges
            assert {s.articles for s in store.stories()} == expected
            assert {a for s in store.stories() for a in s.articles} == {s.article for s in sigs}
    assert withdrawn  # keys did pass the cap midway


def test_articles_another_writer_stored_meanwhile_count_as_already_stored(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two ingests of the same files at once: each checks which texts the store holds, and the
    other may store them between that check and the insert. The summary still adds up."""
    _example(tmp_path).close()
    monkeypatch.setattr(Store, "known", lambda self, articles: set())  # the check ran before the other stored them
    with Store(tmp_path / "s.db") as store:
        result = ingest(store, read_inputs([str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]))
        assert (result.read, result.stored, result.skipped, result.problems) == (2, 0, 2, [])
        assert store.counts()["articles"] == 2


def _strict_json(text: str) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} is not JSON: {text[:200]}")

    return json.loads(text, parse_constant=refuse)


def test_non_finite_numbers_are_stored_and_exported_as_valid_json(tmp_path: Path) -> None:
    """JSON has no NaN or infinities: metadata holding them is written with null in their place (as
    JavaScript's JSON.stringify does), in the store and in what the commands print."""
    from click.testing import CliRunner

    from storydiff.cli import main

    text = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
    meta = {"score": float("nan"), "range": [float("-inf"), 1.5, {"top": float("inf")}], "n": 10**30}
    db = tmp_path / "s.db"
    with Store(db) as store:
        ingest(store, [Article(id="odd", text=text, meta=meta)])
        stored = store.db.execute("SELECT meta FROM articles WHERE id = 'odd'").fetchone()[0]
    assert _strict_json(stored) == {"score": None, "range": [None, 1.5, {"top": None}], "n": 10**30}
    plain = sqlite3.connect(db)  # a store written before: its metadata holds NaN as Python wrote it
    plain.execute("""UPDATE articles SET meta = '{"score": NaN, "top": -Infinity}'""")
    plain.commit()
    plain.close()
    runner = CliRunner()
    [record] = [_strict_json(line) for line in runner.invoke(main, ["export", "--db", str(db)]).stdout.splitlines()]
    assert (record["id"], record["score"], record["top"]) == ("odd", None, None)
    reports = runner.invoke(main, ["export", "--what", "reports", "--db", str(db)]).stdout.splitlines()
    assert [_strict_json(line)["stories"][0]["articles"] for line in reports] == [["odd"]]
    listing = runner.invoke(main, ["stories", "--format", "json", "--db", str(db)]).stdout
    assert [s["articles"] for s in _strict_json(listing)["stories"]] == [["odd"]]


def test_non_finite_fact_values_round_trip_as_valid_json() -> None:
    from storydiff.model import Quantity, Span

    article = Article(id="a", text="More than 1" + "0" * 400 + " people were counted.")
    huge = Quantity(article="a", start=10, end=411, text=article.text[10:411], sentence=Span(0, 433), context=(),
                    value=float("inf"), qualifier="over", unit=None, counted="people", head="people")
    facts = ArticleFacts(article, (huge, dataclasses.replace(huge, value=(float("-inf"), float("nan")))))
    encoded = facts_to_json(facts)
    _strict_json(encoded)
    back = facts_from_json(article, encoded).facts
    assert back[0] == huge and back[1].value[0] == float("-inf") and math.isnan(back[1].value[1])


def test_processes_making_one_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    """Ingests started at once on a new store each switch it to WAL mode and make its schema: each
    waits for the others and finds made what they made."""
    import threading

    failures: list[BaseException] = []

    def open_store(path: Path, start: threading.Barrier) -> None:
        start.wait()
        try:
            Store(path).close()
        except BaseException as exc:  # collected for the assertion below
            failures.append(exc)

    for n in range(30):
        start = threading.Barrier(3)
        threads = [threading.Thread(target=open_store, args=(tmp_path / f"s{n}.db", start)) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    assert all(Store(tmp_path / f"s{n}.db", readonly=True).version() == len(MIGRATIONS) for n in range(30))


def test_the_comparisons_kept_hold_for_the_code_that_compares(tmp_path: Path) -> None:
    """The key of a kept comparison changes with any source or data file of compare, analyze, the model
    or the timeline (the fitted thresholds too), and only with those (a change to the web app's pages
    keeps every comparison)."""
    import shutil

    import storydiff
    from storydiff.store.compared import COMPARING_CODE, code_version, compare_key, source_hash

    package = Path(storydiff.__file__).parent
    for part in COMPARING_CODE:
        assert (package / part).exists(), part
    copy = tmp_path / "storydiff"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert source_hash(copy) == code_version()
    (copy / "web" / "pages.py").write_text("# edited\n", encoding="utf-8")
    assert source_hash(copy) == code_version()
    for edited in ("compare/values.py", "compare/thresholds.json", "compare/related_words.tsv", "analyze/quotes.py",
                   "model.py", "timeline.py"):
        shutil.copy(package / edited, copy / edited)
        (copy / edited).write_text((package / edited).read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        assert source_hash(copy) != code_version(), edited
        shutil.copy(package / edited, copy / edited)
    members = [("a", "1" * 64), ("b", "2" * 64)]
    assert compare_key(members) == compare_key(list(members)) != compare_key(members[::-1])
    assert compare_key(members) != compare_key([("a", "1" * 64), ("b", "3" * 64)])
