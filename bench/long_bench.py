"""Analysis against article length (run by ``make bench`` after bench.py's own part; not a test).

One made-up article of news paragraphs, each with what the extractors look for: a person named and
then "he" (a quote's speaker to resolve), a quote, figures, a weekday and a month's day, an outlet
credited by its short name after its full one ("The Wall Street Journal" … "the Journal reported").
At 24k, 97k and 391k characters (100, 400 and 1,600 paragraphs; the default size bound is 1,000,000)
it times spaCy's parse and the extractors on the parsed document (``facts_from_doc``) apart, best of
two runs each. The parse grows linearly with length; the extractors must too: a look-up that scans the
whole document for each name, quote or credit grows with the square of its length (the named
entities were once scanned so for each name, and for each outlet credit: 85 s of extraction at 391k
characters, 2.2 s since).

``python bench/long_bench.py [--sizes 100,400,1600]``; the ``RESULT`` line is machine-readable.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from storydiff.analyze import facts_from_doc
from storydiff.model import Article
from storydiff.nlp import load_model

T = TypeVar("T")
SIZES = (100, 400, 1_600)  # paragraphs
SEED = 3
RUNS = 2
TARGET_GROWTH = 6.0  # extractor time from 400 to 1,600 paragraphs (linear: 4x; quadratic: 16x)
NAMES = ("Ted Wheeler", "Kate Brown", "Ann Reyes", "Dan Lee", "Maria Ortiz", "Paul Hunt")
VERBS = ("said", "told reporters", "added", "wrote", "argued")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def paragraph(rng: random.Random, i: int) -> str:
    name, verb, day = rng.choice(NAMES), rng.choice(VERBS), rng.choice(DAYS)
    return (f"{name} spoke on {day} about the {i % 1000} police calls logged since June {1 + i % 28}. "
            f"“We counted {i % 1000} calls, and we will count more,” he {verb}. The Wall Street Journal "
            f"put the cost at $1,{i % 1000:03d}, and the Journal reported that {name} paid {1 + i % 9} "
            f"times that.")


def article(paragraphs: int) -> Article:
    rng = random.Random(SEED)
    return Article(id="long", text="\n\n".join(paragraph(rng, i) for i in range(paragraphs)))


def best(run: Callable[[], T]) -> tuple[float, T]:
    """The best wall time of ``run`` over RUNS runs, and what its last run returned."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        got = run()
        times.append(time.perf_counter() - start)
    return min(times), got


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="paragraphs, comma-separated")
    sizes = [int(s) for s in parser.parse_args(argv).sizes.split(",")]
    nlp = load_model()
    nlp("Warm-up: Ted Wheeler said “yes” on Monday.")
    print("storydiff long bench — one article of news paragraphs, parse and extractors timed apart "
          f"(best of {RUNS})")
    print(f"  {'paragraphs':>10} {'characters':>11} {'parse':>9} {'extractors':>11} {'facts':>7}")
    extract: dict[int, float] = {}
    for n in sizes:
        a = article(n)
        parse_s, doc = best(partial(nlp, a.text))
        extract[n], found = best(partial(facts_from_doc, doc, a))
        facts = len(found.facts)
        print(f"  {n:>10,} {len(a.text):>11,} {parse_s:>8.2f}s {extract[n]:>10.2f}s {facts:>7,}")
    status, growth = 0, None
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        growth = extract[large] / max(extract[small], 1e-9)
        linear = large / small
        target = TARGET_GROWTH * linear / 4
        verdict = "ok" if growth <= target else "MISSED"
        status = 0 if growth <= target else 1
        print(f"  extractors {small:,} -> {large:,} paragraphs: {growth:.1f}x (linear: {linear:.0f}x, "
              f"quadratic: {linear ** 2:.0f}x; target <= {target:.0f}x {verdict})")
    print("RESULT " + " ".join(f"long-{n}-extract-s {extract[n]:.2f}" for n in sizes)
          + (f" long-growth {growth:.1f}" if growth is not None else ""))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
