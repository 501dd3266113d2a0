"""Fit compare's thresholds and bonuses (compare/values.py) on the BASIL dev gold, across events.

Evaluation for storydiff (not part of the package). The rules in compare/values.py weigh the words
around two statements (an IDF similarity) plus bonuses (the same thing counted or dated, the same
people, a value each article states once) against a threshold per relation (same, compatible,
conflict). Those numbers were first set by reading the first 10 dev events. This script fits the
conflict thresholds and the bonuses instead (GRID), and says how well a fit holds on events it was not
fitted on:

    python scripts/fit_thresholds.py [--shared ../shared] [--cache build/fit-cache] [--folds 5]

Data (all from ../shared): the 30 labelled BASIL dev events of gold-dev.json and gold-dev-more.json,
and planted conflicts made from their "agree" findings (tools/perturb_findings.py, seeds 1-3): each
planted copy belongs to its event. The other 20 BASIL dev events and the 66 ECB+ dev events have no
gold; there only the conflicts count. Every conflict reported on a real (not planted) event is looked
up in the judged list (tests/compare/data/judged_conflicts.jsonl).

Objective, per event (higher is better): gold findings reported with the right status, plus planted
conflicts reported as conflicts, minus PENALTY for each trap whose two statements are told as one
fact (in any status; the scorer counts only a conflict as violating it), each gold agreement or
variant reported as a conflict, and each conflict judged false by reading; a conflict no one has read
counts UNREAD_PENALTY (more often false than not).

The values in use are compare/thresholds.json; with --write the script rewrites it, taking the values
fitted on all events only when their cross-validated objective is at least that of the values in use
on the same held-out events (a fit that does not hold on events it was not fitted on is not taken),
and records the figures and the decision beside them.

Fitting: coordinate ascent over a grid per parameter (GRID), from the values in use, PASSES passes;
ties keep the value closer to the one in use. Cross-validation: the events are dealt into --folds
folds (sorted by id, round robin); each fold is scored with the parameters fitted on the other folds'
events only. Printed: the figures with the values in use, with parameters fitted on all events
(in-sample), and the cross-validated ones, and each fold's fitted values.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import pickle
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storydiff.articles import article_from_record  # noqa: E402
from storydiff.compare import compare_story  # noqa: E402
from storydiff.compare import values as V  # noqa: E402
from storydiff.model import ArticleFacts  # noqa: E402
from storydiff.pipeline import analyze_articles  # noqa: E402

GOLD_FILES = ("gold-dev.json", "gold-dev-more.json")
SEEDS = (1, 2, 3)
PENALTY = 3.0
UNREAD_PENALTY = 2.0
PASSES = 2
JUDGED = ROOT / "tests" / "compare" / "data" / "judged_conflicts.jsonl"
FITTED = ROOT / "src" / "storydiff" / "compare" / "thresholds.json"
TRUE = {"true", "update"}

# The parameters fitted and the values tried for each. The thresholds of agreement ("same",
# "compatible") are not fitted: on the unlabelled events nothing counts an agreement of two different
# facts against them, and the labelled events' traps are few (87) next to the agreements a lower
# threshold would add there.
GRID: dict[str, tuple[float, ...]] = {
    "incompatible": (0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75),
    "date_conflict": (0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85),
    # words two years or calendar days share to be one event whatever their heads (values._placed_alike);
    # above 1, never
    "date_event_words": (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 1.01),
    "head_bonus": (0.2, 0.25, 0.3, 0.35, 0.4, 0.45),
    "unit_bonus": (0.05, 0.1, 0.15, 0.2, 0.25),
    "actor_bonus": (0.05, 0.1, 0.15, 0.2, 0.25),
    "rare_bonus": (0.05, 0.1, 0.15, 0.2, 0.25),
    "calendar_day": (0.0, 0.05, 0.1, 0.15, 0.2),
    # how many figures of one unit an article may state for a near miss between two of them to count
    # (values.Slips); 0: near misses never count
    "few_of_unit": (0, 1, 2, 3, 4),
    # cosine at which two head words name one thing (values.heads_related); above 1, never: the
    # words must be the same. related_words.tsv keeps pairs from 0.7 up.
    "related_words": (0.7, 0.75, 0.8, 0.85, 0.9, 1.01),
}


# Each parameter and the constant of compare/values.py it stands for: a key of THRESHOLDS, or a name.
THRESHOLD_KEYS = ("same", "compatible", "incompatible")
CONSTANTS = {"date_conflict": "DATE_CONFLICT_THRESHOLD", "date_event_words": "DATE_EVENT_WORDS",
             "head_bonus": "HEAD_BONUS", "unit_bonus": "UNIT_BONUS", "actor_bonus": "ACTOR_BONUS",
             "rare_bonus": "RARE_VALUE_BONUS", "calendar_day": "CALENDAR_DAY",
             "few_of_unit": "FEW_OF_UNIT", "related_words": "RELATED_WORDS"}


def in_use() -> dict[str, float]:
    return {**{k: V.THRESHOLDS[k] for k in THRESHOLD_KEYS}, **{n: getattr(V, c) for n, c in CONSTANTS.items()}}


@contextlib.contextmanager
def patched(params: Mapping[str, float]) -> Iterator[None]:
    """compare/values.py with ``params`` in place of its constants, restored after. The link threshold
    of favour_rare_values is a default argument, bound to THRESHOLDS["same"] when it was defined."""
    saved, defaults = in_use(), V.favour_rare_values.__defaults__

    def put(values: Mapping[str, float]) -> None:
        V.THRESHOLDS.update({k: values[k] for k in THRESHOLD_KEYS})
        for name, constant in CONSTANTS.items():
            setattr(V, constant, values[name])

    put(params)
    V.favour_rare_values.__defaults__ = (V.figure_key, params["same"])
    try:
        yield
    finally:
        put(saved)
        V.favour_rare_values.__defaults__ = defaults


# --- data ----------------------------------------------------------------------------------------

def _scorer(path: Path) -> Any:
    """The shared scorer (tools/score_findings.py), so that matching reads exactly as it does."""
    spec = importlib.util.spec_from_file_location("score_findings", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(path: Path) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}


def _code() -> str:
    """A fingerprint of the code that reads facts (everything in the package but compare): a cache
    kept from before a change to it would give that change's fit the old facts."""
    package = ROOT / "src" / "storydiff"
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*.py")):
        if "compare" not in path.relative_to(package).parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_CODE = _code()


def _key(aid: str, text: str) -> str:
    return hashlib.sha1(f"{_CODE}\x1f{aid}\x1f{text}".encode()).hexdigest()


def _analyzed(records: Mapping[str, Mapping[str, Any]], ids: Sequence[str], cache: Path) -> list[ArticleFacts]:
    """Each article's facts, analysed once (storydiff's own batched pass) and kept in ``cache`` by id,
    text and the code that read them."""
    paths = {aid: cache / f"{_key(aid, records[aid]['text'])}.pkl" for aid in ids}
    missing = [article_from_record(records[aid], source=aid) for aid in ids if not paths[aid].exists()]
    if missing:
        done, problems = analyze_articles(missing)
        if problems:
            raise SystemExit(f"fit_thresholds: {problems[0].message}")
        for facts in done:
            paths[facts.article.id].write_bytes(pickle.dumps(facts))
    return [pickle.loads(paths[aid].read_bytes()) for aid in ids]


@dataclass(frozen=True)
class Case:
    """One event's articles and its gold (the event itself, or one planted copy of it); an event
    with no gold (``gold`` None) counts only its conflicts, against the judged list."""

    event: str
    gold: Mapping[str, Any] | None
    texts: Mapping[str, str]
    analyzed: list[ArticleFacts]
    planted: bool


def load_cases(shared: Path, cache: Path) -> list[Case]:
    cache.mkdir(parents=True, exist_ok=True)
    basil = shared / "data" / "basil"
    cases = []
    dev = _records(basil / "dev.jsonl")
    labelled = {ev["event"] for name in GOLD_FILES
                for ev in json.loads((basil / name).read_text(encoding="utf-8"))["events"]}
    for data in (basil / "dev.jsonl", shared / "data" / "ecbplus" / "dev.jsonl"):
        records = _records(data)
        events: dict[str, list[str]] = {}
        for aid, r in records.items():
            events.setdefault(str(r["event"]), []).append(aid)
        for event, ids in sorted(events.items()):
            if event not in labelled and len(ids) > 1:
                cases.append(Case(event, None, {}, _analyzed(records, ids, cache), planted=False))
    for name in GOLD_FILES:
        gold = json.loads((basil / name).read_text(encoding="utf-8"))
        for ev in gold["events"]:
            cases.append(Case(ev["event"], ev, {a: dev[a]["text"] for a in ev["articles"]},
                              _analyzed(dev, ev["articles"], cache), planted=False))
        for seed in SEEDS:
            out = cache / f"planted-{Path(name).stem}-{seed}"
            if not (out / "gold.json").exists():
                subprocess.run([sys.executable, str(shared / "tools" / "perturb_findings.py"), "--gold",
                                str(basil / name), "--out", str(out), "--seed", str(seed), str(basil / "dev.jsonl")],
                               check=True, capture_output=True)
            records = _records(out / "articles.jsonl")
            for ev in json.loads((out / "gold.json").read_text(encoding="utf-8"))["events"]:
                cases.append(Case(ev["event"].split("~")[0], ev, {a: records[a]["text"] for a in ev["articles"]},
                                  _analyzed(records, ev["articles"], cache), planted=True))
    return cases


# --- scoring -------------------------------------------------------------------------------------

def _judged() -> dict[tuple[str, frozenset[tuple[str, int, int]]], str]:
    rows = map(json.loads, JUDGED.read_text(encoding="utf-8").splitlines())
    return {(r["kind"], frozenset((a, int(s), int(e)) for a, s, e in r["mentions"])): r["verdict"] for r in rows}


def score_case(case: Case, params: Mapping[str, float], scorer: Any,
               judged: Mapping[tuple[str, frozenset[tuple[str, int, int]]], str]) -> Counter[str]:
    with patched(params):
        story = compare_story(case.analyzed, story_id=case.event)
    findings = [{"status": f.status, "mentions": [{"article": m.article, "start": m.start, "end": m.end}
                                                  for m in f.mentions]} for f in story.findings]
    counts: Counter[str] = Counter()
    gold = case.gold or {"findings": [], "traps": []}
    for g in gold["findings"]:
        best = scorer.best_matches(findings, case.texts, g["mentions"])
        ok = any(b["status"] == g["status"] for b in best)
        counts["planted_right" if case.planted else "right"] += ok
        counts["planted" if case.planted else "findings"] += 1
        counts["found"] += bool(best) and not case.planted
        if not case.planted and any(b["status"] == "conflict" for b in best) and g["status"] != "conflict":
            counts["false_conflicts"] += 1
    for t in gold.get("traps", []):
        spans = [(m["article"], scorer.anchor_span(case.texts, m)) for m in t["mentions"]]
        joined = [f for f in findings if all(scorer.hits(f, a, sp) for a, sp in spans)]
        counts["traps_violated"] += any(f["status"] == "conflict" for f in joined)
        counts["traps_joined"] += bool(joined)  # told as one fact, whatever its status
    if not case.planted:
        for f in story.findings:
            if f.status == "conflict":
                verdict = judged.get((f.kind, frozenset((m.article, m.start, m.end) for m in f.mentions)))
                counts["conflicts"] += 1
                counts["judged_false" if verdict is not None and verdict not in TRUE else
                       "unread" if verdict is None else "judged_true"] += 1
    return counts


def objective(c: Counter[str]) -> float:
    return (c["right"] + c["planted_right"]
            - PENALTY * (c["traps_joined"] + c["false_conflicts"] + c["judged_false"])
            - UNREAD_PENALTY * c["unread"])


class Evaluator:
    """Per-case counts for a parameter setting, computed once per setting (in a process pool)."""

    def __init__(self, cases: list[Case], scorer_path: Path, workers: int) -> None:
        self.cases = cases
        self.memo: dict[tuple[float, ...], list[Counter[str]]] = {}
        self.pool = ProcessPoolExecutor(workers, initializer=_init, initargs=(cases, scorer_path))
        self.workers = workers

    def counts(self, params: Mapping[str, float]) -> list[Counter[str]]:
        key = tuple(params[k] for k in sorted(params))
        if key not in self.memo:
            chunks = [list(range(i, len(self.cases), self.workers)) for i in range(self.workers)]
            results: list[Counter[str]] = [Counter() for _ in self.cases]
            for chunk, got in zip(chunks, self.pool.map(_score_chunk, [(dict(params), c) for c in chunks]),
                                  strict=True):
                for i, c in zip(chunk, got, strict=True):
                    results[i] = c
            self.memo[key] = results
        return self.memo[key]

    def total(self, params: Mapping[str, float], events: set[str]) -> Counter[str]:
        out: Counter[str] = Counter()
        for case, c in zip(self.cases, self.counts(params), strict=True):
            if case.event in events:
                out.update(c)
        return out


_WORKER: dict[str, Any] = {}


def _init(cases: list[Case], scorer_path: Path) -> None:
    _WORKER.update(cases=cases, scorer=_scorer(scorer_path), judged=_judged())


def _score_chunk(job: tuple[dict[str, float], list[int]]) -> list[Counter[str]]:
    params, chunk = job
    return [score_case(_WORKER["cases"][i], params, _WORKER["scorer"], _WORKER["judged"]) for i in chunk]


def fit(ev: Evaluator, events: set[str], start: Mapping[str, float]) -> dict[str, float]:
    """Coordinate ascent on ``events``' objective over GRID, from ``start``."""
    best = dict(start)
    best_score = objective(ev.total(best, events))
    for _ in range(PASSES):
        moved = False
        for name, grid in GRID.items():
            for value in sorted(grid, key=lambda v: abs(v - start[name])):
                trial = {**best, name: value}
                score = objective(ev.total(trial, events))
                if score > best_score:
                    best, best_score, moved = trial, score, True
        if not moved:
            break
    return best


def line(label: str, c: Counter[str]) -> str:
    n, p = max(c["findings"], 1), max(c["planted"], 1)
    return (f"{label:28s} gold right {c['right']}/{c['findings']} ({c['right'] / n:.1%}) found {c['found']} "
            f"| planted {c['planted_right']}/{c['planted']} ({c['planted_right'] / p:.1%}) "
            f"| traps {c['traps_violated']} (joined {c['traps_joined']}) false-conflicts {c['false_conflicts']} "
            f"| conflicts {c['conflicts']} (judged true {c['judged_true']}, false {c['judged_false']}, "
            f"unread {c['unread']}) | objective {objective(c):.0f}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cache", type=Path, default=ROOT / "build" / "fit-cache")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--write", action="store_true", help=f"rewrite {FITTED.relative_to(ROOT)} (see above)")
    a = ap.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip() or None  # the code measured, read before it runs
    cases = load_cases(a.shared, a.cache)
    events = sorted({c.event for c in cases if not c.planted})
    print(f"{len(events)} events ({sum(c.gold is not None for c in cases if not c.planted)} labelled), "
          f"{len(cases)} cases ({sum(c.planted for c in cases)} planted copies)", flush=True)
    ev = Evaluator(cases, a.shared / "tools" / "score_findings.py", a.workers)
    start = in_use()
    everything = set(events)
    print(line("values in use", ev.total(start, everything)), flush=True)
    fitted = fit(ev, everything, start)
    print(line("fitted on all (in-sample)", ev.total(fitted, everything)), flush=True)
    print("  fitted:", json.dumps(fitted), flush=True)
    held: Counter[str] = Counter()
    in_use_held: Counter[str] = Counter()
    for k in range(a.folds):
        test = set(events[k::a.folds])
        params = fit(ev, everything - test, start)
        held.update(ev.total(params, test))
        in_use_held.update(ev.total(start, test))
        changed = {n: v for n, v in params.items() if v != start[n]}
        print(f"  fold {k + 1}: {len(test)} events, fitted {json.dumps(changed)}", flush=True)
    print(line("values in use (same events)", in_use_held))
    print(line(f"cross-validated ({a.folds} folds)", held))
    ev.pool.shutdown()
    if a.write:
        write_fitted(start, fitted, used=round(objective(in_use_held)),
                     in_sample=round(objective(ev.total(fitted, everything))), cv=round(objective(held)), folds=a.folds,
                     commit=commit)
    return 0


def write_fitted(start: Mapping[str, float], fitted: Mapping[str, float], *, used: int, in_sample: int, cv: int,
                 folds: int, commit: str | None) -> None:
    """Rewrite compare/thresholds.json: the fitted values if their cross-validated objective ``cv`` is at
    least the objective ``used`` of the values in use on the same events, else the values in use, with
    the figures behind the choice."""
    data = json.loads(FITTED.read_text(encoding="utf-8"))
    holds = cv >= used
    chosen = fitted if holds else start
    data["values"] = dict(chosen)
    data["fit"] = {
        "measured_at": commit,
        "objective": {"values in use": used, "fitted on all events (in-sample)": in_sample,
                      f"cross-validated ({folds} folds)": cv},
        "fitted on all events": {k: v for k, v in fitted.items() if v != start[k]},
        "decision": (f"took the fitted values: the cross-validated objective ({cv}) is at least that of the "
                     f"values in use ({used})") if holds else
                    (f"kept the values in use: the cross-validated objective ({cv}) is below theirs ({used})"),
    }
    FITTED.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FITTED.relative_to(ROOT)}: {data['fit']['decision']}")


if __name__ == "__main__":
    sys.exit(main())
