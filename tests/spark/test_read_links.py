"""The job's read and link stages against the library's own rules, on inputs written for the test."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from storydiff.group import cluster
from storydiff.group.copies import band_keys, is_copy, minhash
from storydiff.group.signature import Signature
from storydiff.ingest import IngestOptions, read_inputs
from storydiff.model import Article
from storydiff.spark.links import key_pairs, links
from storydiff.spark.read import distinct_articles, list_inputs, read_articles
from storydiff.store import content_hash

FLOOD = "Heavy rain flooded the Millbrook river on Monday, forcing the town to close the old stone bridge."
FIRE = "A fire destroyed the Harlow Street bakery on Friday. Firefighters said 14 crews fought the blaze."
VOTE = "The council voted 7 to 2 on Tuesday to rebuild the bridge by next spring."

FIRST = [
    {"id": "flood", "text": FLOOD, "title": "Flood", "published": "2024-03-04", "outlet": "Gazette", "event": 1},
    {"id": "flood", "text": FIRE, "title": "A repeated id"},  # a problem: the id is taken
    {"id": "flood-copy", "text": FLOOD, "title": "The same text again"},  # skipped: the text is read
    "not json at all",
    {"id": "empty", "text": "   "},
    {"id": 7, "text": VOTE, "published": "Tuesday", "tags": ["council"]},
]
SECOND = [
    {"id": "7", "text": FIRE + " Again.", "title": "A repeated id from another file"},
    {"text": FIRE, "outlet": "Herald"},  # no id: a content hash
    {"id": "fire-again", "text": FIRE},  # skipped: the text is read, under the id above
]


def write_jsonl(path: Path, records: list[Any]) -> str:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return str(path)


def ingest_view(inputs: list[str]) -> tuple[list[tuple[Any, ...]], list[str], int]:
    """What ingest keeps (id, hash, title, published, meta, source), its problems, and how many it skips."""
    kept, problems, seen, skipped = [], [], set(), 0
    for item in read_inputs(inputs):
        if isinstance(item, Article):
            digest = content_hash(item)
            if digest in seen:
                skipped += 1
                continue
            seen.add(digest)
            kept.append((item.id, digest, item.title, item.published.isoformat() if item.published else None,
                         json.dumps(dict(item.meta), ensure_ascii=False, default=str), item.source))
        else:
            problems.append(item.message)
    return kept, problems, skipped


def test_jsonl_reads_and_repeats_are_settled_as_ingest_does(spark: Any, tmp_path: Path) -> None:
    inputs = [write_jsonl(tmp_path / "first.jsonl", FIRST), write_jsonl(tmp_path / "second.jsonl", SECOND)]
    files, missing = list_inputs(spark, inputs)
    assert missing == [] and [f.source for f in files] == inputs
    result = distinct_articles(spark, read_articles(spark, files, IngestOptions()))
    rows = result.articles.orderBy("order").collect()
    got = [(r["id"], r["hash"], r["title"], r["published"], r["meta"], r["source"]) for r in rows]
    kept, problems, skipped = ingest_view(inputs)
    assert got == kept
    assert sorted(p.message for _, p in result.problems) == sorted(problems)
    assert (result.read, result.skipped) == (len(kept) + skipped, skipped) == (5, 2)


def test_a_folder_is_read_in_ingests_order_and_missing_inputs_are_problems(spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "b").mkdir(parents=True)
    write_jsonl(folder / "b" / "z.jsonl", SECOND)
    write_jsonl(folder / "a.jsonl", FIRST)
    write_jsonl(folder / ".hidden.jsonl", FIRST)
    (folder / "notes.txt").write_text("not an input of the job", encoding="utf-8")
    files, missing = list_inputs(spark, [str(folder), str(tmp_path / "none.jsonl")])
    assert [f.source for f in files] == [str(folder / "a.jsonl"), str(folder / "b" / "z.jsonl")]
    assert [p.message for p in missing] == [f"{tmp_path / 'none.jsonl'}: no such file or directory; check the path"]


def test_parquet_rows_read_as_jsonl_records(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [{"id": "flood", "text": FLOOD, "title": "Flood", "published": "2024-03-04", "outlet": None, "event": 1},
               {"id": "fire", "text": FIRE, "title": None, "published": None, "outlet": "Herald", "event": None}]
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "articles.parquet")
    jsonl = [{k: v for k, v in r.items() if v is not None} for r in records]  # a null column is an absent field
    parquet_files, _ = list_inputs(spark, [str(tmp_path / "articles.parquet")])
    jsonl_files, _ = list_inputs(spark, [write_jsonl(tmp_path / "articles.jsonl", jsonl)])
    columns = ("id", "hash", "outlet", "title", "published", "url", "meta")
    views = []
    for files in (parquet_files, jsonl_files):
        rows = distinct_articles(spark, read_articles(spark, files, IngestOptions())).articles.orderBy("order")
        views.append([tuple(r[c] for c in columns) for r in rows.collect()])
    assert views[0] == views[1] and len(views[0]) == 2
    assert views[0][0][-1] == json.dumps({"event": 1})


# links


def signatures(n: int, seed: int) -> list[Signature]:
    """Signatures over a small vocabulary, so keys are shared; weights rounded as stored ones are."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        features = {f"W:w{rng.randrange(30)}": rng.uniform(0.5, 3) for _ in range(rng.randint(3, 14))}
        norm = math.sqrt(sum(w * w for w in features.values()))
        ordered = sorted(((f, round(w / norm, 5)) for f, w in features.items()), key=lambda fw: (-fw[1], fw[0]))
        published = None if rng.random() < 0.2 else f"2024-03-{rng.randint(1, 28):02d}"
        out.append(Signature(f"a{i:03d}", tuple(ordered), published=published))
    return out


def analysed_frame(spark: Any, sigs: list[Signature], texts: list[str]) -> Any:
    rows = [(n, s.article, json.dumps(s.to_json()), minhash(t).tobytes())
            for n, (s, t) in enumerate(zip(sigs, texts, strict=True))]
    return spark.createDataFrame(rows, "order long, id string, signature string, minhash binary")


def test_key_pairs_are_the_pairs_cluster_meet_accepts(spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "KEY_POSTING_CAP", 6)  # live() runs on the driver: the cap bites on 60 articles
    sigs = signatures(60, seed=1)
    postings: dict[str, int] = {}
    for s in sigs:
        for key in cluster.index_keys(s):
            postings[key] = postings.get(key, 0) + 1
    assert any(not cluster.live(n) for n in postings.values()), "the test needs dead keys"
    expected = {(a.article, b.article) for i, a in enumerate(sigs) for b in sigs[i + 1:]
                if cluster.meet(a, b, lambda key: postings.get(key, 0))}
    got = {(r["a"], r["b"]) for r in key_pairs(spark, analysed_frame(spark, sigs, [""] * len(sigs))).collect()}
    assert got == expected and expected


def test_edges_and_copies_are_those_of_all_edges_and_is_copy(spark: Any) -> None:
    sigs = signatures(50, seed=2)
    rng = random.Random(3)
    texts = [" ".join(f"word{rng.randrange(10_000)}" for _ in range(300)) for _ in sigs]
    texts[7] = texts[3]  # copies: the same text, and the same text with a word changed
    texts[20] = texts[3].replace(texts[3].split()[150], "changed")
    edges, copies = links(spark, analysed_frame(spark, sigs, texts))
    copy_pairs = {(r["a"], r["b"]) for r in copies.collect()}
    hashes = [minhash(t) for t in texts]
    assert copy_pairs == {(sigs[i].article, sigs[j].article) for i in range(len(sigs)) for j in range(i + 1, len(sigs))
                          if set(band_keys(hashes[i])) & set(band_keys(hashes[j])) and is_copy(hashes[i], hashes[j])}
    assert {("a003", "a007"), ("a003", "a020")} <= copy_pairs
    expected = {(a, b): sim for a, b, sim in cluster.all_edges(sigs)}
    for a, b in copy_pairs:
        expected[a, b] = max(expected.get((a, b), 0.0), 1.0)
    got = {(r["a"], r["b"]): r["sim"] for r in edges.collect()}
    assert got.keys() == expected.keys() and len(got) > 20
    assert all(math.isclose(got[pair], expected[pair], rel_tol=1e-9) for pair in got)
