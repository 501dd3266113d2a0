"""Quote comparison against quote length (run by ``make bench`` after bench.py's own part; not a test).

Two articles quote the same long statement, ``Ted Wheeler said: "…"``, at 2k, 4k, 8k, 16k and 64k
quote characters, in three shapes:

- ``repeated``: ``"Ab. " * n``, one two-letter sentence over and over (the shape that made
  comparison quadratic: every sentence of one article was judged against every one of the other);
- ``refrain``: ``"We shall overcome. " * n``, a sentence long enough to be matched, repeated: every
  pair of its copies is the same quote, the worst case for a matcher;
- ``near``: ``"We shall overcome bababa. We shall overcome bababe. …"``: near-copies, every pair of
  them one quote worded differently, so no verdict can be reused (made-up words, not numbers:
  numbers would be compared as quantities too, all against all);
- ``varied``: distinct sentences of real quotes (the content of PolNeAR's attributions in
  ``../shared/data``; generated words when that is absent), the second article's version with one
  word changed in every seventh sentence, as outlets do.

Each size runs in its own process: the model is loaded and warmed up untimed, then
``analyze_articles`` (what ``storydiff.compare`` spends before comparing) and ``compare_story`` (the
comparison, in process time too: the machine may be shared) are timed apart, with the pairs of
sentences aligned (all pairs across the two articles, before quote comparison had a word index)
and the ``judge_units`` calls (fewer where a repeated wording's verdict is reused). A size that
takes over :data:`CAP_S` is stopped and the larger sizes of its shape are skipped, so the bench ends.

``python bench/quote_bench.py [--shapes repeated,refrain,near,varied] [--sizes 2k,4k,8k,16k,64k]``; the
``RESULT`` line is machine-readable.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
POLNEAR = [REPO.parent / "shared" / "data" / "polnear" / name for name in ("dev.jsonl", "train.jsonl")]

SHAPES = ("repeated", "refrain", "near", "varied")
SIZES = (2_000, 4_000, 8_000, 16_000, 64_000)
CAP_S = 120.0  # a size over this (analysis and comparison) is stopped; larger ones are skipped
LOAD_S = 60.0  # allowance for the child's model load and warm-up, on top of CAP_S
SEED = 10
EDIT_EVERY = 7  # the second article changes one word in every seventh sentence of a varied quote
TARGET_16K_S = 5.0
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Run:
    shape: str
    chars: int  # quote characters
    units: int  # quoted sentences over both articles
    analyze_s: float
    compare_s: float
    compare_cpu_s: float  # process time: what the comparison costs, whatever else the machine runs
    judged: int  # judge_units calls
    pairs: int  # pairs of sentences aligned (judged, or their verdict reused for a repeated wording)
    statuses: dict[str, int]  # quote findings by status


def real_sentences() -> list[str]:
    """Distinct sentences of PolNeAR's quoted content, in a fixed shuffled order (empty without the data)."""
    seen: dict[str, None] = {}
    for path in POLNEAR:
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            for attribution in record.get("attributions", []):
                for start, end in attribution.get("content") or []:
                    for s in SENTENCE.split(record["text"][start:end]):
                        s = s.strip(" \n\"“”‘’'")
                        # a whole sentence, no quote marks of its own, not cut at "Mr." and the like
                        if 40 <= len(s) <= 240 and s[0].isupper() and s.endswith(".") and not re.search(
                                r"[\"“”]|\b[A-Z][a-z]{0,3}\.$", s):
                            seen[s] = None
    sentences = list(seen)
    random.Random(SEED).shuffle(sentences)
    return sentences


def generated_sentences(count: int) -> list[str]:
    """Sentences of made-up words, for when the shared data is absent."""
    rng = random.Random(SEED)
    vocabulary = ["".join(rng.choice("bcdfghklmnprstvw") + rng.choice("aeiou") for _ in range(rng.randint(1, 4)))
                  for _ in range(3000)]
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(6, 20))).capitalize() + "."
            for _ in range(count)]


def made_up_word(k: int) -> str:
    """The k-th of the words "bababa", "bababe", …: three syllables, k written in base 25."""
    syllables = [c + v for c in "bdfgk" for v in "aeiou"]
    return "".join(syllables[k // 25**p % 25] for p in (2, 1, 0))


def edited(sentence: str) -> str:
    """The same sentence with its third word changed, as an outlet's transcription might."""
    words = sentence.split(" ")
    if len(words) > 4:
        words[2] = "indeed"
    return " ".join(words)


def quotes(shape: str, chars: int) -> tuple[str, str]:
    """Both articles' versions of a quote of about ``chars`` characters."""
    if shape == "near":
        sentences = []
        length = 0
        while length < chars:
            sentences.append(f"We shall overcome {made_up_word(len(sentences))}. ")
            length += len(sentences[-1])
        return "".join(sentences), "".join(sentences)
    if shape in {"repeated", "refrain"}:
        sentence = "Ab. " if shape == "repeated" else "We shall overcome. "
        text = sentence * max(1, chars // len(sentence))
        return text, text
    pool = real_sentences() or generated_sentences(4000)
    if sum(map(len, pool)) + len(pool) < chars:
        pool += generated_sentences(chars // 40)
    taken: list[str] = []
    length = 0
    for sentence in pool:
        if length >= chars:
            break
        taken.append(sentence)
        length += len(sentence) + 1
    other = [edited(s) if k % EDIT_EVERY == EDIT_EVERY - 1 else s for k, s in enumerate(taken)]
    return " ".join(taken) + " ", " ".join(other) + " "


def child(shape: str, chars: int) -> None:
    """One shape and size, in its own process: prints one JSON line."""
    from storydiff import Article, analyze_articles, compare_story

    compare_module = importlib.import_module("storydiff.compare")
    a, b = quotes(shape, chars)
    articles = [Article(id="a", text=f'Ted Wheeler said: "{a}"'), Article(id="b", text=f'Ted Wheeler said: "{b}"')]
    compare_story(analyze_articles(articles[:1])[0])  # model load and warm-up, untimed
    start = time.perf_counter()
    analyzed, problems = analyze_articles(articles)
    analyze_s = time.perf_counter() - start
    if problems:
        raise SystemExit(f"quote bench: {problems[0].message}")
    calls = 0
    judge = compare_module.judge_units

    def counted(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        return judge(*args)

    compare_module.judge_units = counted  # this process only
    pairs = 0
    find_candidates = getattr(compare_module, "quote_candidates", None)  # absent before the word index

    def kept(units: Any) -> Any:
        nonlocal pairs
        candidates = find_candidates(units)  # type: ignore[misc]
        pairs += len(candidates.pairs)
        return candidates

    if find_candidates is not None:
        compare_module.quote_candidates = kept
    start, cpu = time.perf_counter(), time.process_time()
    story = compare_story(analyzed)
    compare_s, compare_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    quotes_found = [f for f in story.findings if f.kind == "quote"]
    run = Run(shape=shape, chars=len(a), units=sum(len(f.mentions) for f in quotes_found), analyze_s=analyze_s,
              compare_s=compare_s, compare_cpu_s=compare_cpu_s, judged=calls, pairs=pairs if find_candidates else calls,
              statuses=dict(Counter(f.status for f in quotes_found)))
    print(json.dumps(asdict(run)))


def run_child(shape: str, chars: int) -> Run | str:
    """The figures of one size, or why there are none."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", shape, str(chars)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=CAP_S + LOAD_S, check=False)
    except subprocess.TimeoutExpired:
        return f"stopped: over {CAP_S:.0f} s"
    if done.returncode != 0 or not done.stdout.strip():
        return f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    run = Run(**json.loads(done.stdout.strip().splitlines()[-1]))
    seconds = run.analyze_s + run.compare_s
    return run if seconds <= CAP_S else f"over {CAP_S:.0f} s ({seconds:.0f} s)"


def label(chars: int) -> str:
    return f"{chars // 1000}k"


def bench_shape(shape: str, sizes: Sequence[int], result: list[str]) -> None:
    print(f"  {shape}")
    print(f"    {'quote':>6s} {'sentences':>9s} {'analysis':>9s} {'comparison':>11s} {'(cpu)':>7s} {'pairs':>10s} "
          f"{'judge_units':>12s}  quote findings")
    runs: dict[int, Run] = {}
    for k, chars in enumerate(sizes):
        run = run_child(shape, chars)
        if isinstance(run, str):
            rest = f"; skipped: {', '.join(map(label, sizes[k + 1:]))}" if sizes[k + 1:] else ""
            print(f"    {label(chars):>6s}  {run}{rest}")
            break
        runs[chars] = run
        statuses = ", ".join(f"{n} {status}" for status, n in sorted(run.statuses.items()))
        print(f"    {label(chars):>6s} {run.units:>9,d} {run.analyze_s:>8.2f}s {run.compare_s:>10.2f}s "
              f"{run.compare_cpu_s:>6.2f}s "
              f"{run.pairs:>10,d} {run.judged:>12,d}  {statuses}")
        result.append(f"quote-{shape}-{label(chars)}-compare-s {run.compare_s:.2f}")
    if 16_000 in runs:
        verdict = "ok" if runs[16_000].compare_s < TARGET_16K_S else "MISSED"
        print(f"    16k comparison {runs[16_000].compare_s:.2f} s: target < {TARGET_16K_S:.0f} s {verdict}")
    if 16_000 in runs and 64_000 in runs:
        small, large = runs[16_000], runs[64_000]
        print(f"    16k -> 64k: comparison {large.compare_cpu_s / max(small.compare_cpu_s, 1e-3):.1f}x (cpu), "
              f"pairs {large.pairs / max(small.pairs, 1):.1f}x, "
              f"judge_units calls {large.judged / max(small.judged, 1):.1f}x, "
              f"analysis {large.analyze_s / small.analyze_s:.1f}x (linear: 4x, quadratic: 16x)")


def main(shapes: Sequence[str] = SHAPES, sizes: Sequence[int] = SIZES) -> int:
    started = time.perf_counter()
    print()
    print("storydiff quote bench — two articles quoting the same long quote "
          "(seconds: analyze_articles, then compare_story, wall clock and process time)")
    if hasattr(os, "getloadavg"):
        print(f"  load average before: {os.getloadavg()[0]:.2f} (wall clock times assume an otherwise idle machine)")
    result: list[str] = []
    for shape in shapes:
        bench_shape(shape, sizes, result)
    print(f"quote bench: {time.perf_counter() - started:.0f} s in all")
    print("RESULT " + " ".join(result))
    return 0


def size(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text.lower().endswith("k") else int(text)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    parser.add_argument("--sizes", default=",".join(map(label, SIZES)), help="comma-separated quote lengths: 2k,16k,…")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        sys.exit(0)
    sys.exit(main(tuple(args.shapes.split(",")), tuple(size(s) for s in args.sizes.split(","))))
