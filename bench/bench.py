"""Speed and memory figures for storydiff on the BASIL dev set (run by ``make bench``; not a test).

1. analyze throughput: words per second of ``analyze_articles`` against spaCy's own ``nlp.pipe``
   with the same model, texts and batch size, in one process (best of 2 runs each);
2. compare latency: ``compare_story`` on each BASIL event (3 articles), analysed once, repeated;
3. peak memory: resident peak of the process, and tracemalloc peak of the compare step;

then bench/quote_bench.py's (quote comparison against quote length), bench/long_bench.py's (analysis
against article length), bench/stories_bench.py's (ingest
throughput, grouping quality, grouping scale), bench/web_bench.py's (the web app under load),
bench/web_slow_bench.py's (a small comparison beside slow ones) and
bench/spark_bench.py's (the Spark job in local[1] and local[2]).

The last line of this part is machine-readable:
``RESULT analyze-ratio X compare-median-ms Y peak-rss-mb Z``; stories_bench.py ends with its own.
"""

from __future__ import annotations

import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from long_bench import main as long_bench
from quote_bench import main as quote_bench
from spark_bench import main as spark_bench
from stories_bench import main as stories_bench
from web_bench import main as web_bench
from web_slow_bench import main as web_slow_bench

from storydiff.analyze import facts_from_doc
from storydiff.compare import compare_story
from storydiff.ingest import load_articles
from storydiff.model import Article, ArticleFacts
from storydiff.nlp import load_model
from storydiff.pipeline import analyze_articles

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "basil" / "dev.jsonl"

BATCH_SIZE = 8  # analyze_articles' default; spaCy's pipe gets the same
WARMUP_ARTICLES = 4
RUNS = 2
COMPARE_REPEATS = 10
TARGET_RATIO = 0.8
TARGET_COMPARE_MS = 50.0


def words(articles: Sequence[Article]) -> int:
    """Words as whitespace-separated tokens."""
    return sum(len(a.text.split()) for a in articles)


def best_seconds(*runs: Callable[[], object]) -> list[float]:
    """The best wall time of each callable over RUNS rounds; rounds alternate between them so that
    a change in machine load falls on both alike."""
    best = [float("inf")] * len(runs)
    for _ in range(RUNS):
        for i, run in enumerate(runs):
            gc.collect()
            start = time.perf_counter()
            run()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def spacy_pipe(articles: Sequence[Article]) -> None:
    nlp = load_model()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE):
        pass


def storydiff_analyze(articles: Sequence[Article]) -> None:
    analyzed, problems = analyze_articles(articles, batch_size=BATCH_SIZE)
    if problems:
        raise SystemExit(f"bench: analysis failed for {len(problems)} articles: {problems[0].message}")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def by_event(analyzed: Sequence[ArticleFacts]) -> list[list[ArticleFacts]]:
    events: dict[str, list[ArticleFacts]] = {}
    for facts in analyzed:
        events.setdefault(str(facts.article.meta["event"]), []).append(facts)
    return list(events.values())


def time_compare(stories: Sequence[Sequence[ArticleFacts]]) -> list[float]:
    """Milliseconds per compare_story call, over every story and repeat."""
    times = []
    for _ in range(COMPARE_REPEATS):
        for story in stories:
            start = time.perf_counter()
            compare_story(story)
            times.append((time.perf_counter() - start) * 1000)
    return times


def compare_traced_peak(stories: Sequence[Sequence[ArticleFacts]]) -> int:
    """The largest tracemalloc peak (bytes) of one compare_story call."""
    peak = 0
    tracemalloc.start()
    for story in stories:
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
        compare_story(story)
        peak = max(peak, tracemalloc.get_traced_memory()[1] - baseline)
    tracemalloc.stop()
    return peak


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux gives kilobytes, macOS bytes.
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label:<38s} {value:>14s}  {note}".rstrip())


def main() -> int:
    if not DEV.exists():
        print(f"bench: skipped — the BASIL dev set is not at {DEV} (it needs ../shared next to the repo)")
        status = quote_bench()  # needs no dev data: it makes its quotes up when ../shared is absent
        return stories_bench() or status
    articles, problems = load_articles([str(DEV)])
    if problems:
        print(f"bench: {len(problems)} inputs could not be read: {problems[0].message}", file=sys.stderr)
        return 1
    n_words = words(articles)
    load_model()  # loaded before any timing
    storydiff_analyze(articles[:WARMUP_ARTICLES])
    spacy_pipe(articles[:WARMUP_ARTICLES])

    spacy_s, ours_s = best_seconds(lambda: spacy_pipe(articles), lambda: storydiff_analyze(articles))
    spacy_wps, ours_wps = n_words / spacy_s, n_words / ours_s
    ratio = ours_wps / spacy_wps
    docs = list(load_model().pipe((a.text for a in articles), batch_size=BATCH_SIZE))
    (extract_s,) = best_seconds(lambda: [facts_from_doc(d, a) for d, a in zip(docs, articles, strict=True)])
    extractors_ms = extract_s / len(articles) * 1000

    analyzed, _ = analyze_articles(articles, batch_size=BATCH_SIZE)
    stories = by_event(analyzed)
    for story in stories[:3]:
        compare_story(story)  # warm-up
    times = time_compare(stories)
    median_ms, p95_ms = statistics.median(times), percentile(times, 0.95)
    traced_mb = compare_traced_peak(stories) / 1e6
    rss_mb = peak_rss_mb()

    sizes = sorted({len(s) for s in stories})
    print(f"storydiff bench — BASIL dev: {len(articles)} articles, {n_words:,} words, {len(stories)} events "
          f"(articles per event: {', '.join(map(str, sizes))})")
    meta = load_model().meta
    print(f"  model {meta.get('lang', '')}_{meta.get('name', '?')} {meta.get('version', '')}, "
          f"batch size {BATCH_SIZE}, best of {RUNS} runs, one process")
    print()
    print("  analyze")
    row("spaCy nlp.pipe", f"{spacy_wps:,.0f} wps", f"{spacy_s:.2f} s")
    row("storydiff analyze_articles", f"{ours_wps:,.0f} wps", f"{ours_s:.2f} s")
    row("ratio (storydiff / spaCy)", f"{ratio:.2f}x", f"target >= {TARGET_RATIO}x "
        f"{'ok' if ratio >= TARGET_RATIO else 'MISSED'}")
    row("extractors alone, per article", f"{extractors_ms:.1f} ms", "(timed on parsed docs)")
    print("  compare (one story, analysed once)")
    verdict = "ok" if median_ms < TARGET_COMPARE_MS else "MISSED"
    row(f"compare_story median, {len(times)} calls", f"{median_ms:.2f} ms",
        f"target < {TARGET_COMPARE_MS:.0f} ms {verdict}")
    row("compare_story p95", f"{p95_ms:.2f} ms")
    row("compare_story max", f"{max(times):.2f} ms")
    print("  memory")
    row("peak resident (ru_maxrss)", f"{rss_mb:,.0f} MB")
    row("compare_story tracemalloc peak", f"{traced_mb:.2f} MB", "(largest of one call)")
    print()
    print(f"RESULT analyze-ratio {ratio:.2f} compare-median-ms {median_ms:.2f} peak-rss-mb {rss_mb:.0f}")
    status = quote_bench()  # quote comparison against quote length: bench/quote_bench.py
    status = long_bench([]) or status  # analysis against article length: bench/long_bench.py
    status = stories_bench() or status  # ingest, grouping quality and grouping scale: bench/stories_bench.py
    status = web_bench([]) or status  # the web app under load: bench/web_bench.py
    status = web_slow_bench() or status  # a small comparison beside slow ones: bench/web_slow_bench.py
    return spark_bench() or status  # the Spark job, local[1] against local[2]: bench/spark_bench.py


if __name__ == "__main__":
    sys.exit(main())
