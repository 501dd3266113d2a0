"""The Spark job's throughput and where its time goes (run by ``make bench`` after the other parts; not a test).

The real ``storydiff spark`` command runs on every split of the shared data that has article text
(BASIL dev, ECB+ dev, PolNeAR train and dev: 1,846 articles) and one replica of them (below), about
3,700 articles in all, once with ``--master local[1]`` and once with ``local[2]``, each into a fresh
output. Figures: wall time of the whole command (JVM start and model loads included) and articles
per second, the speed-up of two cores over one, and the seconds of each stage as the job's manifest
records them (read, analyse, links — the MinHash band and index-key joins with the pairs judged —,
blocks — connected components —, group — cluster_block per block —, compare, write). Both runs
must give the same stories.

A replica is the corpus again with new ids and slightly changed texts (a word inserted every ~40
words), so its articles are read and analysed as new ones (not content-hash repeats) while MinHash
finds them copies of their originals, as wire copies are; ``--replicas N`` sets how many (default 1).

``python bench/spark_bench.py [--replicas N] [--cores 1,2]``; the ``RESULT`` line is machine-readable.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SPLITS = tuple(SHARED / "data" / p for p in ("basil/dev.jsonl", "ecbplus/dev.jsonl", "polnear/train.jsonl",
                                              "polnear/dev.jsonl"))
CLI = Path(sys.executable).with_name("storydiff")
STAGES = ("read", "analyse", "links", "blocks", "group", "compare", "write")
RUN_TIMEOUT_S = 1800
REPLICAS = 1  # the corpus twice: about 3,700 articles


@dataclass(frozen=True)
class Run:
    cores: int
    seconds: float  # the whole command
    articles: int  # analysed and written
    stories: int
    stages: dict[str, float]
    output: Path

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def row(label: str, value: str, note: str = "") -> None:
    print(f"  {label + ':':<52s} {value:>14s}  {note}".rstrip())


def replicas(paths: Sequence[Path], n: int, out: Path) -> Iterator[Path]:
    """The corpus again, ``n`` times, each article under a new id with a word inserted every ~40 words."""
    for k in range(1, n + 1):
        target = out / f"replica-{k}.jsonl"
        with target.open("w", encoding="utf-8") as sink:
            for path in paths:
                for line in path.open(encoding="utf-8"):
                    if not line.strip():
                        continue
                    record = json.loads(line)
                    words = str(record.get("text", "")).split(" ")
                    for at in range(len(words) - 1, 0, -40):
                        words.insert(at, "reportedly")
                    record.update(id=f"{record.get('id')}~r{k}", text=" ".join(words))
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        yield target


def run_job(inputs: Sequence[Path], cores: int, output: Path) -> Run:
    command = [str(CLI), "spark", *map(str, inputs), str(output), "--master", f"local[{cores}]"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    seconds = time.perf_counter() - start
    manifest_path = output / "_storydiff.json"
    if done.returncode not in (0, 1) or not manifest_path.exists():  # 1: some articles were bad, as for ingest
        raise SystemExit(f"spark bench: `{' '.join(command)}` failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    return Run(cores, seconds, manifest["counts"]["stored"], manifest["counts"]["stories"], manifest["stages"], output)


def stories(output: Path) -> list[tuple[str, ...]]:
    import pyarrow.dataset as ds

    return sorted(tuple(r["articles"]) for r in ds.dataset(output / "stories", format="parquet")
                  .to_table(columns=["articles"]).to_pylist())


def unavailable() -> str | None:
    """Why the bench cannot run here, if it cannot."""
    missing = [str(p) for p in SPLITS if not p.exists()]
    if missing:
        return f"the shared data is not at {', '.join(missing)} (it needs ../shared next to the repo)"
    for name in ("pyspark", "pyarrow"):
        if importlib.util.find_spec(name) is None:
            return f"{name} is not installed (pip install 'storydiff[spark]')"
    from storydiff.spark import java_found

    return None if java_found() else "no Java for Spark (java on PATH or JAVA_HOME)"


def report(runs: Sequence[Run]) -> list[str]:
    for run in runs:
        row(f"local[{run.cores}], whole command", f"{run.rate:.1f} articles/s",
            f"{run.articles} articles in {run.seconds:.1f} s, {run.stories} stories")
    print("   seconds per stage (the job's own clock; the command adds JVM start and shutdown):")
    print(f"  {'stage':<12s}" + "".join(f"{f'local[{r.cores}]':>12s}" for r in runs) + "   share of the last run")
    last = runs[-1]
    total = sum(last.stages.values())
    for stage in STAGES:
        print(f"  {stage:<12s}" + "".join(f"{r.stages.get(stage, 0.0):12.1f}" for r in runs)
              + f"   {last.stages.get(stage, 0.0) / total:6.1%}")
    result = [f"spark-l{r.cores}-aps {r.rate:.2f}" for r in runs]
    one = next((r for r in runs if r.cores == 1), None)
    for run in runs:
        if one and run is not one:
            speedup = one.seconds / run.seconds
            analyse = one.stages["analyse"] / run.stages["analyse"]
            row(f"speed-up of local[{run.cores}] over local[1]", f"{speedup:.2f}x",
                f"whole command; analysis alone {analyse:.2f}x")
            result += [f"spark-speedup-l{run.cores} {speedup:.2f}"]
    same = all(stories(r.output) == stories(runs[0].output) for r in runs[1:])
    row("same stories in every run", "yes" if same else "NO")
    if not same:
        result.append("spark-same-stories no")
    return result


def main(replica_count: int = REPLICAS, cores: Sequence[int] = (1, 2)) -> int:
    started = time.perf_counter()
    print()
    print("storydiff spark bench — `storydiff spark` in local mode on every split of ../shared/data with text")
    reason = unavailable()
    if reason:
        print(f"  skipped — {reason}")
        return 0
    if hasattr(os, "getloadavg"):
        print(f"  load average before: {os.getloadavg()[0]:.2f} (the timings assume an otherwise idle machine)")
    with tempfile.TemporaryDirectory(prefix="storydiff-spark-bench-") as tmp:
        inputs = [*SPLITS, *replicas(SPLITS, replica_count, Path(tmp))]
        lines = sum(1 for p in inputs for line in p.open(encoding="utf-8") if line.strip())
        print(f"  {lines:,} input articles in {len(inputs)} files"
              + (f" ({replica_count} replicas with changed texts)" if replica_count else ""))
        runs = [run_job(inputs, k, Path(tmp) / f"out-{k}") for k in cores]
        result = report(runs)
    print(f"  spark bench: {time.perf_counter() - started:.0f} s in all")
    print("RESULT " + " ".join(result))
    return 0


def _cores(text: str) -> list[int]:
    values = [int(v) for v in re.split(r"[,\s]+", text.strip()) if v]
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("give core counts like 1,2")
    return values


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=REPLICAS, help="extra copies of the corpus with changed texts")
    parser.add_argument("--cores", type=_cores, default=[1, 2], help="local[k] runs to make, e.g. 1,2")
    args = parser.parse_args()
    sys.exit(main(args.replicas, args.cores))
