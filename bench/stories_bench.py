"""Store and grouping figures (run by ``make bench`` after bench.py's; not a test).

1. ingest throughput: the real ``storydiff ingest`` CLI on the ECB+ and BASIL dev sets, with
   ``--jobs 1`` and ``--jobs 2`` (a fresh store each), then the same command again on the jobs-2
   store, which should skip everything;
2. grouping quality: B-cubed F1 against the gold events (as ``../shared/tools/score_groups.py``
   scores it) of the stories the store made, per dataset, next to a TF-IDF + average-link baseline
   whose threshold is tuned on the very data it is scored on (an oracle: it flatters the baseline);
3. grouping scale: ``storydiff.group.cluster.group`` alone on synthetic signatures of 10k, 100k and
   1M articles (and 20k, a second point to extrapolate from), each size in a fresh process: time,
   peak resident memory, largest block, B-cubed F1 against the synthetic events. A size runs only
   when the two largest measured extrapolate it to under 12 minutes and 16 GB (and within this
   bench's ~30-minute budget); otherwise its extrapolation is printed, marked as such. The articles
   span one year whatever n (``--density year``, the default: news gets denser) or a steady
   stream of ~274 a day (``--density steady``: the span grows with n).

``python bench/stories_bench.py [--parts ingest,quality,scale]``; the ``RESULT`` line is machine-readable.
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import datetime as dt
import gc
import itertools
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from storydiff.group import cluster
from storydiff.group.signature import Signature

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATASETS = {"ECB+ dev": SHARED / "data" / "ecbplus" / "dev.jsonl", "BASIL dev": SHARED / "data" / "basil" / "dev.jsonl"}
CLI = Path(sys.executable).with_name("storydiff")

REINGEST_TARGET = 0.10  # a re-ingest of the same files takes under 10% of the first ingest
BASELINE_GRID = tuple(round(0.05 * k, 2) for k in range(1, 11))
TOKEN = re.compile(r"\b\w\w+\b")  # scikit-learn's default token pattern, on lowercased text

SCALE_SIZES = (10_000, 100_000, 1_000_000)
SCALE_PROBE = 20_000  # measured too: two points to extrapolate from when 100k does not fit
SCALE_MAX_SECONDS = 12 * 60  # a size runs only if the smaller ones extrapolate it to fit these
SCALE_MAX_MB = 16 * 1024  # the 1M input alone, as Python Signature objects, is ~7.4 GB
BUDGET_S = 30 * 60  # the whole of this bench
CHILD_MEMORY_LIMIT = 20 * 1024**3  # address-space cap of a scale process, so a blow-up fails instead of swapping
CHILD_TIMEOUT = 1800  # seconds; a forecast size gets ~4x its forecast, up to this
STEADY_PER_DAY = 100_000 / 365  # --density steady: articles a day, whatever n (a dense year at 100k)


def row(label: str, value: str, note: str = "") -> None:
    """One figure: ``label: value unit``, then a note."""
    print(f"  {label + ':':<52s} {value:>14s}  {note}".rstrip())


# scoring


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``predicted`` (article -> cluster) against ``gold``
    (article -> event), as score_groups.py computes them: gold articles no cluster holds are
    singletons, predicted articles outside the gold are ignored."""
    pred = {a: predicted.get(a, f"single-{a}") for a in gold}
    both = Counter((gold[a], pred[a]) for a in gold)
    gold_size, pred_size = Counter(gold.values()), Counter(pred.values())
    p = sum(both[gold[a], pred[a]] / pred_size[pred[a]] for a in gold) / len(gold)
    r = sum(both[gold[a], pred[a]] / gold_size[gold[a]] for a in gold) / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def cluster_of(groups: Sequence[Sequence[str]]) -> dict[str, str]:
    return {a: f"s{n}" for n, members in enumerate(groups) for a in members}


# 1. ingest


@dataclass(frozen=True)
class IngestRun:
    seconds: float
    read: int
    stored: int
    skipped: int


INGEST_SUMMARY = re.compile(r"read (\d+) articles: (\d+) stored, (\d+) already stored")


def run_ingest(db: Path, jobs: int, inputs: Sequence[Path]) -> IngestRun:
    """Wall time of the whole ``storydiff ingest`` command (interpreter start and model load included)."""
    command = [str(CLI), "ingest", "--db", str(db), "--jobs", str(jobs), *map(str, inputs)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    summary = INGEST_SUMMARY.search(done.stderr)
    if done.returncode != 0 or not summary:
        raise SystemExit(f"stories bench: `{' '.join(command)}` failed (exit {done.returncode}):\n"
                         f"{done.stderr[-2000:]}")
    read, stored, skipped = map(int, summary.groups())
    return IngestRun(seconds, read, stored, skipped)


def stories_of(db: Path) -> list[list[str]]:
    """The store's stories, through ``storydiff stories --format json`` (storydiff.stories/1)."""
    done = subprocess.run([str(CLI), "stories", "--db", str(db), "--format", "json"], capture_output=True, text=True,
                          check=True)
    return [list(s["articles"]) for s in json.loads(done.stdout)["stories"]]


def bench_ingest(tmp: Path, result: list[str]) -> Path:
    """Part 1, its figures added to ``result``; returns the jobs-2 store, for part 2."""
    inputs = list(DATASETS.values())
    print("1. ingest throughput — `storydiff ingest` on ECB+ dev + BASIL dev, wall clock of the whole command")
    runs: dict[int, IngestRun] = {}
    for jobs in (1, 2):
        runs[jobs] = run = run_ingest(tmp / f"jobs{jobs}.db", jobs, inputs)
        row(f"ingest --jobs {jobs}, fresh store", f"{run.stored / run.seconds:.1f} articles/s",
            f"{run.stored} articles in {run.seconds:.1f} s")
    row("speed-up of --jobs 2 over --jobs 1", f"{runs[1].seconds / runs[2].seconds:.2f}x", "(2 cores)")
    again = run_ingest(tmp / "jobs2.db", 2, inputs)
    ratio = again.seconds / runs[2].seconds
    row("re-ingest of the same files (--jobs 2 store)", f"{again.seconds:.2f} s",
        f"{again.skipped} of {again.read} skipped, {again.stored} stored")
    row("re-ingest / first ingest of that store", f"{ratio:.1%}",
        f"target < {REINGEST_TARGET:.0%} {'ok' if ratio < REINGEST_TARGET else 'MISSED'}")
    result += [f"ingest-j1-aps {runs[1].stored / runs[1].seconds:.1f}",
               f"ingest-j2-aps {runs[2].stored / runs[2].seconds:.1f}", f"reingest-ratio {ratio:.3f}"]
    same = sorted(map(sorted, stories_of(tmp / "jobs1.db"))) == sorted(map(sorted, stories_of(tmp / "jobs2.db")))
    row("same stories with --jobs 1 and --jobs 2", "yes" if same else "NO")
    return tmp / "jobs2.db"


# 2. grouping quality


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def tfidf_similarities(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarities of raw-count TF-IDF vectors (smoothed idf, as scikit-learn's defaults)."""
    counts = [Counter(TOKEN.findall(t.lower())) for t in texts]
    vocab = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    tf = np.zeros((len(texts), len(vocab)))
    for n, c in enumerate(counts):
        tf[n, [vocab[w] for w in c]] = list(c.values())
    df = (tf > 0).sum(axis=0)
    x = tf * (np.log((1 + len(texts)) / (1 + df)) + 1)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    sims: np.ndarray = x @ x.T
    return sims


Scores = tuple[float, float, float, int]  # B-cubed P, R, F1 and the number of clusters


def baseline_grid(articles: Sequence[Mapping[str, object]], gold: Mapping[str, str]) -> dict[float, Scores]:
    """B-cubed (P, R, F1, clusters) of TF-IDF + average link at each threshold of the grid."""
    ids = [str(a["id"]) for a in articles]
    sims = tfidf_similarities([f"{a.get('title') or ''}\n{a['text']}" for a in articles])
    out = {}
    for threshold in BASELINE_GRID:
        groups = [[ids[i] for i in members] for members in cluster.average_link(sims, threshold)]
        out[threshold] = (*bcubed(gold, cluster_of(groups)), len(groups))
    return out


def bench_quality(db: Path) -> dict[str, tuple[float, float]]:
    """Part 2; returns (ours, oracle baseline) F1 per dataset."""
    print("2. grouping quality — B-cubed against the gold events, per dataset "
          "(as ../shared/tools/score_groups.py scores it)")
    print("   ours: the stories of the jobs-2 store of part 1 (both datasets in one store), restricted to the dataset;")
    print("   baseline: TF-IDF of lowercase word tokens (title + text), cosine, average link "
          "(cluster.average_link),")
    print(f"   its threshold the BEST of {BASELINE_GRID[0]}..{BASELINE_GRID[-1]} step 0.05 on the data scored — "
          "an ORACLE-TUNED baseline")
    ours_stories = cluster_of(stories_of(db))
    grids: dict[str, dict[float, Scores]] = {}
    golds: dict[str, dict[str, str]] = {}
    for name, path in DATASETS.items():
        articles = read_jsonl(path)
        golds[name] = {str(a["id"]): str(a["event"]) for a in articles}
        grids[name] = baseline_grid(articles, golds[name])
    figures = {}
    for name, gold in golds.items():
        ours = bcubed(gold, ours_stories)
        n_ours = len({ours_stories.get(a, a) for a in gold})
        best = max(grids[name], key=lambda t: (grids[name][t][2], -t))
        other = next(n for n in grids if n != name)
        transfer = max(grids[other], key=lambda t: (grids[other][t][2], -t))
        base = grids[name][best]
        print(f"   {name}: {len(gold)} articles, {len(set(gold.values()))} gold events")
        row(f"{name} storydiff B-cubed F1", f"{ours[2]:.3f} F1", f"P {ours[0]:.3f} R {ours[1]:.3f}, {n_ours} stories")
        row(f"{name} baseline B-cubed F1 (oracle t={best:.2f})", f"{base[2]:.3f} F1",
            f"P {base[0]:.3f} R {base[1]:.3f}, {base[3]} clusters")
        row(f"{name} baseline F1, t={transfer:.2f} tuned on {other}", f"{grids[name][transfer][2]:.3f} F1",
            "(not an oracle)")
        row(f"{name} storydiff - oracle baseline", f"{ours[2] - base[2]:+.3f} F1")
        figures[name] = (ours[2], base[2])
    return figures


# 3. grouping scale: synthetic signatures


@dataclass(frozen=True)
class World:
    """How a synthetic year of news is made (see :func:`synthetic_signatures`)."""

    topics: int = 2_000  # of Zipf-like popularity
    vocabulary: int = 100_000  # content words, by rank: Zipf popularity, rarity weight as signature.rarity
    topic_words: int = 40  # each topic's words, drawn by popularity: common words are in many topics
    event_topic_words: int = 15  # the topic words one event uses
    article_topic_words: int = 10  # of those, the ones one article uses
    entities: int = 20_000  # background organisations, places, people ("the White House"), Zipf
    topic_entities: int = 12  # each topic's, drawn by popularity
    article_topic_entities: tuple[int, int] = (3, 8)
    noise_words: int = 60  # an article's words drawn from the whole vocabulary by popularity
    persons: int = 5_000  # surnames, Zipf: a few are in the news all year
    places: int = 3_000
    own_features: tuple[int, int] = (3, 8)  # names and figures only this event has
    max_event: int = 20
    event_size_exponent: float = 1.5  # P(k articles) ~ k^-1.5 over 1..20: 46% single articles, mean 3.5
    days: int = 365
    spread_days: int = 3  # an event's articles come out within 0..3 days of it
    top_features: int = 60  # as signature.TOP_FEATURES


def zipf_cum(n: int, exponent: float = 1.0, offset: float = 0.0) -> list[float]:
    """Cumulative popularity of ranks 0..n-1, proportional to 1 / (rank + 1 + offset) ** exponent."""
    return list(itertools.accumulate(1.0 / (r + offset) ** exponent for r in range(1, n + 1)))


def word_rarity(rank: int) -> float:
    """About what signature.rarity gives the content word of this frequency rank (7 - its zipf frequency)."""
    return max(0.5, 1.05 * math.log10(3 * rank + 50) - 0.7)


@dataclass(frozen=True)
class _Event:
    id: str
    own: tuple[str, ...]  # its names and figures
    words: tuple[int, ...]  # its topic words, as vocabulary ranks
    entities: tuple[int, ...]  # its topic's background entities
    person: str | None
    place: str | None
    year: str | None
    day: dt.date


class _Newsroom:
    """Makes events and the signatures of their articles; one random stream, so one seed gives one year."""

    def __init__(self, world: World, seed: int) -> None:
        self.w = world
        self.rng = random.Random(seed)
        self.vocab_cum = zipf_cum(world.vocabulary)
        self.rarity = [word_rarity(r) for r in range(1, world.vocabulary + 1)]
        self.words = [f"W:w{r}" for r in range(world.vocabulary)]
        entity_cum = zipf_cum(world.entities, offset=10)  # the commonest is in ~6% of articles' index keys
        self.topic_words = [self._distinct(self.vocab_cum, world.topic_words) for _ in range(world.topics)]
        self.topic_entities = [self._distinct(entity_cum, world.topic_entities) for _ in range(world.topics)]
        self.topic_cum = zipf_cum(world.topics, 0.8)
        self.person_cum = zipf_cum(world.persons)
        self.place_cum = zipf_cum(world.places)
        self.size_cum = list(itertools.accumulate(k ** -world.event_size_exponent
                                                  for k in range(1, world.max_event + 1)))

    def _draw(self, cum: list[float], k: int = 1) -> list[int]:
        return [bisect.bisect(cum, x) for x in (self.rng.random() * cum[-1] for _ in range(k))]

    def _distinct(self, cum: list[float], k: int) -> tuple[int, ...]:
        found: dict[int, None] = {}
        while len(found) < k:
            found.update(dict.fromkeys(self._draw(cum, k - len(found))))
        return tuple(found)

    def event_size(self) -> int:
        return 1 + self._draw(self.size_cum)[0]

    def event(self, n: int) -> _Event:
        rng, w = self.rng, self.w
        topic = self._draw(self.topic_cum)[0]
        own = tuple(f"{'EEN'[j % 3]}:ev{n}x{j}" for j in range(rng.randint(*w.own_features)))
        return _Event(
            id=f"e{n}", own=own, words=tuple(rng.sample(self.topic_words[topic], w.event_topic_words)),
            entities=self.topic_entities[topic],
            person=f"person{self._draw(self.person_cum)[0]}" if rng.random() < 0.8 else None,
            place=f"E:place{self._draw(self.place_cum)[0]}" if rng.random() < 0.6 else None,
            year=str(2015 - min(int(rng.expovariate(0.7)), 30)) if rng.random() < 0.5 else None,
            day=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(w.days)))

    def article(self, article_id: str, e: _Event) -> Signature:
        """One report of ``e``: weights as signature.weigh gives them, (1 + log count) x base."""
        rng, w = self.rng, self.w
        counts: dict[str, float] = {}
        for f in e.own:
            if rng.random() < 0.75:  # an article names most, not all, of its event's particulars
                counts[f] = (1 + math.log(2 * rng.randint(1, 3))) * (rng.uniform(4, 6) if f[0] == "E" else 5.0)
        persons: frozenset[str] = frozenset()
        if e.person and rng.random() < 0.85:
            counts["E:" + e.person] = (1 + math.log(2 * rng.randint(1, 4))) * 4.5
            persons = frozenset([e.person])
        if e.place and rng.random() < 0.7:
            counts[e.place] = (1 + math.log(2 * rng.randint(1, 2))) * 4.0
        years: frozenset[str] = frozenset()
        if e.year and rng.random() < 0.7:
            counts["Y:" + e.year] = 5.0
            years = frozenset([e.year])
        for r in rng.sample(e.entities, rng.randint(*w.article_topic_entities)):
            counts[f"E:ent{r}"] = (1 + math.log(2 * rng.randint(1, 3))) * 4.0
        mentions = Counter(self._draw(self.vocab_cum, w.noise_words))
        for r in rng.sample(e.words, w.article_topic_words):
            mentions[r] += rng.randint(1, 4)
        for r, c in mentions.items():
            counts[self.words[r]] = (1 + math.log(c)) * self.rarity[r]
        kept = sorted(counts.items(), key=lambda fw: (-fw[1], fw[0]))[: w.top_features]
        norm = math.sqrt(sum(v * v for _, v in kept))
        day = e.day + dt.timedelta(days=rng.randint(0, w.spread_days))
        return Signature(article_id, tuple((f, v / norm) for f, v in kept), persons, years, day.isoformat())


def synthetic_signatures(n: int, *, seed: int = 0, world: World = World()) -> tuple[list[Signature], dict[str, str]]:
    """``n`` signatures of a synthetic year of news, and the event of each.

    Events of 1..20 articles (skewed toward small), each on a topic of Zipf popularity. An article
    carries most of its event's own names and figures (heavy, as names are), maybe its event's
    person, place and year (shared with other events, persons and places by popularity), some of its
    topic's background entities and words, and noise words drawn from the whole vocabulary by
    popularity, each weighed by rarity; it comes out within 0..3 days of its event's day.
    """
    room = _Newsroom(world, seed)
    ids = [f"a{i:07d}" for i in room.rng.sample(range(n), n)]  # ids say nothing of events
    signatures: list[Signature] = []
    gold: dict[str, str] = {}
    events = itertools.count()
    while len(signatures) < n:
        event = room.event(next(events))
        for _ in range(min(room.event_size(), n - len(signatures))):
            article_id = ids[len(signatures)]
            signatures.append(room.article(article_id, event))
            gold[article_id] = event.id
    return signatures, gold


def rss_mb() -> float:
    """Resident peak of this process's own memory: VmHWM on Linux. Not ru_maxrss there: Linux carries
    it across execve, so a fresh child reports its parent's peak when that is higher (bench.py's,
    with the spaCy model, is)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """Resident now (Linux); the peak so far elsewhere."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return rss_mb()


@dataclass(frozen=True)
class ScaleRun:
    """One size's figures, measured in a process of its own."""

    n: int
    events: int
    generate_s: float  # not timed as grouping
    seconds: float  # group() alone
    input_mb: float  # resident just before group(): interpreter, modules and the input signatures
    peak_mb: float  # resident high-water mark after group()
    stories: int
    largest: int
    blocks: int  # connected components of the edge graph, as group() hands them to cluster_block
    largest_block: int
    candidates: int  # posting entries the index lookups walk (see index_lookups): all_edges' candidate pairs
    top_posting: int
    p: float
    r: float
    f1: float

    @property
    def own_mb(self) -> float:
        """What group() added to the resident peak."""
        return max(0.0, self.peak_mb - self.input_mb)


def index_lookups(signatures: Sequence[Signature], postings: Mapping[str, int]) -> int:
    """Posting entries all_edges walks: for each article, the postings of the live keys it looks up
    (``probe_keys`` of its features whose own key is live). Would grow as n^2 if a key's posting
    grew with n; the posting cap bounds it."""
    walked = 0
    for s in signatures:
        own = [f for f, key in zip(cluster.index_features(s), cluster.index_keys(s), strict=True)
               if cluster.live(postings[key])]
        probes = cluster.probe_keys(s, own) if s.published else []
        walked += sum(postings.get(key, 0) for key in probes if cluster.live(postings.get(key, 0)))
    return walked


def world_for(n: int, density: str) -> World:
    """A dense year (n articles over 365 days), or a steady stream (:data:`STEADY_PER_DAY` articles a day)."""
    return World() if density == "year" else World(days=max(1, round(n / STEADY_PER_DAY)))


def scale_child(n: int, density: str) -> None:
    """One size, in its own process: generate, then time group() alone; prints one JSON line."""
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))
    start = time.perf_counter()
    signatures, gold = synthetic_signatures(n, seed=n, world=world_for(n, density))
    generate_s = time.perf_counter() - start
    postings = Counter(key for s in signatures for key in cluster.index_keys(s))
    candidates = index_lookups(signatures, postings)
    gc.collect()
    input_mb = current_rss_mb()
    block_sizes: list[int] = []
    cluster_block = cluster.cluster_block

    def recorded(ids: Sequence[str], *args: Any, **kwargs: Any) -> list[list[str]]:
        block_sizes.append(len(ids))  # a block is clustered whole: the largest one bounds time and memory
        return cluster_block(ids, *args, **kwargs)

    cluster.cluster_block = recorded  # this process only
    try:
        start = time.perf_counter()
        stories = cluster.group(signatures)
        seconds = time.perf_counter() - start
    except MemoryError:
        print(json.dumps({"error": f"MemoryError under the {CHILD_MEMORY_LIMIT / 2**30:.0f} GB address-space cap "
                                   f"(largest block handed to cluster_block: {max(block_sizes, default=0):,})"}))
        return
    peak_mb = rss_mb()
    p, r, f1 = bcubed(gold, cluster_of(stories))
    run = ScaleRun(n=n, events=len(set(gold.values())), generate_s=generate_s, seconds=seconds, input_mb=input_mb,
                   peak_mb=peak_mb, stories=len(stories), largest=max(map(len, stories)),
                   blocks=len(block_sizes), largest_block=max(block_sizes),
                   candidates=candidates,
                   top_posting=postings.most_common(1)[0][1], p=p, r=r, f1=f1)
    print(json.dumps(dataclasses.asdict(run)))


def run_scale_child(n: int, timeout: float, density: str) -> ScaleRun | str:
    """The figures of one size, or what went wrong."""
    command = [sys.executable, str(Path(__file__).resolve()), "--scale-child", str(n), "--density", density]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f"did not finish within {timeout:.0f} s (generation included)"
    if done.returncode != 0 or not done.stdout.strip():
        return f"exit {done.returncode}: {done.stderr.strip()[-500:]}"
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return str(data["error"]) if "error" in data else ScaleRun(**data)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def print_scale(n: int, run: ScaleRun | str) -> None:
    name = f"{label(n)} articles"
    if isinstance(run, str):
        row(f"{name}: group()", "FAILED", run)
        return
    print(f"   {n:,} articles in {run.events:,} events (generated in {run.generate_s:.0f} s, not timed); "
          f"index lookups walk {run.candidates:,} postings (largest posting {run.top_posting:,})")
    row(f"{name}: group() time", f"{run.seconds:.2f} s")
    row(f"{name}: group() throughput", f"{n / run.seconds:,.0f} articles/s")
    row(f"{name}: peak RSS", f"{run.peak_mb:,.0f} MB",
        f"({run.input_mb:,.0f} MB resident before group(), with the input; +{run.own_mb:,.0f} MB by group())")
    row(f"{name}: B-cubed F1 vs synthetic events", f"{run.f1:.3f} F1",
        f"P {run.p:.3f} R {run.r:.3f}; {run.stories:,} stories, largest {run.largest}")
    row(f"{name}: largest block (connected component)", f"{run.largest_block:,} articles",
        f"of {run.blocks:,}; {run.largest_block / n:.0%} of the articles, clustered in one cluster_block call")


@dataclass(frozen=True)
class Forecast:
    """A size extrapolated from two measured ones: time and group()'s own memory as power laws (the memory's
    exponent at most 2), the input linearly."""

    n: int
    generate_s: float
    seconds: float
    peak_mb: float
    basis: str

    @classmethod
    def of(cls, n: int, a: ScaleRun, b: ScaleRun) -> Forecast:
        grow = n / b.n
        time_power = math.log(b.seconds / a.seconds) / math.log(b.n / a.n)
        # capped at n^2 (all pairs of a block that grows as n): a steeper growth seen between two sizes is
        # a block percolating, not a trend to extrapolate
        memory_power = min(2.0, math.log(max(b.own_mb, 1.0) / max(a.own_mb, 1.0)) / math.log(b.n / a.n))
        input_mb = b.input_mb + (b.input_mb - a.input_mb) * (n - b.n) / (b.n - a.n)
        return cls(n, b.generate_s * grow, b.seconds * grow**time_power,
                   input_mb + max(b.own_mb, 1.0) * grow**memory_power,
                   f"from {label(a.n)} and {label(b.n)} (time ~ n^{time_power:.2f}, group()'s own memory ~ "
                   f"n^{memory_power:.2f}, the input linear)")

    def problems(self, budget_s: float) -> list[str]:
        """Why this size should not be run, if it should not."""
        out = []
        if self.seconds > SCALE_MAX_SECONDS:
            out.append(f"group() would take over {SCALE_MAX_SECONDS // 60} min")
        if self.peak_mb > SCALE_MAX_MB:
            out.append(f"its peak RSS would be over {SCALE_MAX_MB // 1024} GB")
        if not out and self.generate_s + self.seconds > budget_s:
            out.append(f"with generation it would take ~{(self.generate_s + self.seconds) / 60:,.0f} min, more than "
                       f"the {budget_s / 60:,.0f} min left of this bench's budget")
        return out

    def report(self, problems: Sequence[str]) -> None:
        name = f"{label(self.n)} articles"
        print(f"   {self.n:,} articles: NOT RUN — {' and '.join(problems)}, extrapolated {self.basis}:")
        row(f"{name}: group() time (EXTRAPOLATED)", f"~{self.seconds:,.0f} s",
            f"~{self.seconds / 3600:,.1f} h; ~{self.n / self.seconds:,.0f} articles/s" if self.seconds > 3600 else
            f"~{self.seconds / 60:,.0f} min; ~{self.n / self.seconds:,.0f} articles/s")
        row(f"{name}: peak RSS (EXTRAPOLATED)", f"~{self.peak_mb:,.0f} MB", f"~{self.peak_mb / 1024:,.1f} GB")


def growth(a: ScaleRun, b: ScaleRun) -> None:
    """The time ratio per 10x more articles (measured, or implied by a smaller growth)."""
    ratio = b.seconds / a.seconds
    if b.n == 10 * a.n:
        row(f"time ratio {label(a.n)} -> {label(b.n)}", f"{ratio:.1f}x",
            "per 10x articles (10 = linear, 100 = quadratic)")
        return
    per_10x = ratio ** (1 / math.log10(b.n / a.n))
    row(f"time ratio {label(a.n)} -> {label(b.n)}", f"{ratio:.1f}x", f"for {b.n / a.n:.0f}x the articles")
    row("time ratio per 10x articles, implied", f"~{per_10x:.0f}x", "(10 = linear, 100 = quadratic)")


def bench_scale(budget_s: float, density: str = "year") -> dict[int, ScaleRun]:
    """Part 3: the sizes that fit, measured; the others extrapolated, clearly marked. Returns the measured."""
    started = time.perf_counter()
    when = ("a year of news (denser as n grows)" if density == "year" else
            f"a steady stream of {STEADY_PER_DAY:,.0f} articles a day (longer as n grows)")
    print(f"3. grouping scale — cluster.group() alone on synthetic signatures: {when}, events of 1-20 articles,")
    print(f"   {World.topics:,} topics of Zipf popularity, {World.top_features} features an article; one fresh process "
          "a size; peak memory is")
    print("   that process's resident high-water mark (VmHWM, input included; not ru_maxrss, which Linux carries over "
          "from the")
    print("   parent across exec; not tracemalloc)")
    done: dict[int, ScaleRun] = {}
    for n in sorted({*SCALE_SIZES, SCALE_PROBE}):
        if len(done) >= 2:
            smaller, small = (done[m] for m in sorted(done)[-2:])
            forecast = Forecast.of(n, smaller, small)
            problems = forecast.problems(budget_s - (time.perf_counter() - started))
            if problems:
                forecast.report(problems)
                continue
            run = run_scale_child(n, min(CHILD_TIMEOUT, 120 + 2 * forecast.generate_s + 4 * forecast.seconds),
                                  density)
        else:
            run = run_scale_child(n, CHILD_TIMEOUT, density)
        print_scale(n, run)
        if isinstance(run, str):
            break
        done[n] = run
    sizes = sorted(done)
    pairs = [(a, b) for a in sizes for b in sizes if b == 10 * a]  # measured 10x growth
    if not pairs and len(sizes) >= 2:
        pairs = [(sizes[0], sizes[-1])]  # none: what the largest growth measured implies
    for a, b in pairs:
        growth(done[a], done[b])
    return done


# main


def main(parts: Sequence[str] = ("ingest", "quality", "scale"), density: str = "year") -> int:
    started = time.perf_counter()
    print()
    print("storydiff stories bench — store ingest, grouping quality, grouping scale")
    if hasattr(os, "getloadavg"):
        print(f"  load average before: {os.getloadavg()[0]:.2f} (the timings assume an otherwise idle machine)")
    result: list[str] = []
    missing = [str(p) for p in DATASETS.values() if not p.exists()]
    if missing and ("ingest" in parts or "quality" in parts):
        print(f"1-2. skipped — the dev data is not at {', '.join(missing)} (it needs ../shared next to the repo)")
    elif "ingest" in parts or "quality" in parts:
        with tempfile.TemporaryDirectory(prefix="storydiff-bench-") as tmp:
            db = bench_ingest(Path(tmp), result)
            if "quality" in parts:
                print()
                for name, (ours, base) in bench_quality(db).items():
                    key = name.split()[0].lower().replace("+", "plus")
                    result += [f"{key}-f1 {ours:.3f}", f"{key}-oracle-baseline-f1 {base:.3f}"]
    if "scale" in parts:
        print()
        for n, run in bench_scale(BUDGET_S - (time.perf_counter() - started), density).items():
            result.append(f"group-{label(n)}-s {run.seconds:.2f}")
    print()
    print(f"stories bench: {time.perf_counter() - started:.0f} s in all")
    print("RESULT " + " ".join(result))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", default="ingest,quality,scale", help="comma-separated: ingest, quality, scale")
    parser.add_argument("--density", choices=("year", "steady"), default="year",
                        help="scale part: n articles over one year (the default), or a steady stream that lasts longer")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        scale_child(args.scale_child, args.density)
        sys.exit(0)
    sys.exit(main(tuple(args.parts.split(",")), args.density))
