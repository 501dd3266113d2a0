"""Can a sentence model tell a misdated statement from a statement of another day's event?

Evaluation for storydiff (not part of the package). Most planted date conflicts (perturb_findings.py:
one article's weekday moved by two days, its year by one or two, its day of the month by one) are not
reported because compare does not align the changed statement with the others' statements of the
event: their words differ ("opened the door Thursday to making an early exit", "hinted on Tuesday that
he might abort his second term"), and compare asks for the same event word before it calls two dates
a conflict. This script measures whether a sentence model's cosine would tell those pairs from the
many pairs of near dates in real stories, which are, far more often, two days of two events.

    # planted reports: perturb_findings.py, then compare, for each gold file and seed, into DIR/NAME/
    #   (DIR/NAME/articles.jsonl, gold.json, report.json); real reports: compare --group-by event
    python3 scripts/eval_planted_dates.py pairs --planted DIR --report basil.json --report ecb.json \\
        --input ../shared/data/basil/dev.jsonl --input ../shared/data/ecbplus/dev.jsonl --out pairs.jsonl
    unshare -n VENV/bin/python scripts/eval_planted_dates.py score pairs.jsonl   # VENV: as eval_embeddings.py's

Pairs. Planted: each planted date finding not reported as a conflict, its changed statement's
sentence against each other gold mention's sentence. Real: every cross-article pair of date
statements in one story of the real reports (any status) whose values are near (two weekdays one or
two apart, two years one or two apart, two days of the calendar one or two apart). Sentences are cut
at ". " and line breaks around the statement (the same rule on both sides). The real pairs include
the few true conflicts (reported or not); nearly all are two events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SLIP = 2  # as compare's SLIP_DAYS and SLIP_YEARS
THRESHOLDS = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8)


def sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[0 if left < 0 else left + 1:min(ends or [len(text)]) + 1].strip()


def near(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Two date values (report JSON) one or two steps apart at one precision."""
    if not a or not b:
        return False
    if set(a) == set(b) == {"weekday"}:
        steps = abs(WEEKDAYS.index(a["weekday"]) - WEEKDAYS.index(b["weekday"]))
        return 0 < min(steps, 7 - steps) <= SLIP
    if not ({"first", "last"} <= set(a) and {"first", "last"} <= set(b)):
        return False
    (fa, la), (fb, lb) = ((dt.date.fromisoformat(v["first"]), dt.date.fromisoformat(v["last"])) for v in (a, b))
    if (la - fa) != (lb - fb) or fa == fb:
        return False
    if la == fa:
        return abs((fa - fb).days) <= SLIP
    if 364 <= (la - fa).days <= 365:
        return abs(fa.year - fb.year) <= SLIP
    return False


def planted_pairs(root: Path) -> list[dict[str, Any]]:
    out = []
    for sub in sorted(p for p in root.iterdir() if (p / "report.json").exists()):
        gold = json.loads((sub / "gold.json").read_text(encoding="utf-8"))
        report = json.loads((sub / "report.json").read_text(encoding="utf-8"))
        lines = (sub / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        texts = {r["id"]: r["text"] for r in map(json.loads, lines)}
        findings = [f for s in report["stories"] for f in s["findings"]]
        for event in gold["events"]:
            g = event["findings"][0]
            if g["kind"] != "date":
                continue
            changed = g["note"].rsplit(" in ", 1)[1] + "~" + event["event"].rsplit("~", 1)[1]
            spans = {}
            for m in g["mentions"]:
                i = texts[m["article"]].find(m["anchor"])
                spans[m["article"]] = (i, i + len(m["anchor"]))

            if any(f["status"] == "conflict" and sum(_hits(f, a, spans[a]) for a in spans) >= 2 for f in findings):
                continue
            out += [{"label": "planted", "where": f"{sub.name} {event['event']}",
                     "a": sentence(texts[changed], *spans[changed]), "b": sentence(texts[a], *spans[a])}
                    for a in spans if a != changed]
    return out


def _hits(finding: dict[str, Any], article: str, span: tuple[int, int]) -> bool:
    return any(m["article"] == article and m["start"] < span[1] and m["end"] > span[0] for m in finding["mentions"])


def real_pairs(reports: list[Path], inputs: list[Path]) -> list[dict[str, Any]]:
    texts = {}
    for path in inputs:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                texts[str(r["id"])] = r["text"]
    out = []
    for path in reports:
        for story in json.loads(path.read_text(encoding="utf-8"))["stories"]:
            stated = [(f["status"], m) for f in story["findings"] if f["kind"] == "date" for m in f["mentions"]]
            for (s1, m1), (s2, m2) in itertools.combinations(stated, 2):
                if m1["article"] != m2["article"] and near(m1["value"], m2["value"]):
                    out.append({"label": "real", "where": f"{path.name} {story['id']}", "statuses": [s1, s2],
                                "a": sentence(texts[m1["article"]], m1["start"], m1["end"]),
                                "b": sentence(texts[m2["article"]], m2["start"], m2["end"])})
    return out


def score(pairs_path: Path) -> None:
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import eval_embeddings

    pairs = [json.loads(line) for line in pairs_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs})
    index = {s: i for i, s in enumerate(sentences)}
    n = {label: sum(p["label"] == label for p in pairs) for label in ("planted", "real")}
    print(f"{n['planted']} planted pairs, {n['real']} real pairs of near dates\n")
    print("| model | " + " | ".join(f"cos ≥ {t}: planted / real" for t in THRESHOLDS) + " |")
    print("|---|" + "---|" * len(THRESHOLDS))
    for name in ("minilm-l6-int8", "minilm-l3-para"):
        vectors = eval_embeddings.ENCODERS[name]()(sentences)
        cos = [float(vectors[index[p["a"]]] @ vectors[index[p["b"]]]) for p in pairs]
        cells = []
        for t in THRESHOLDS:
            over = {label: sum(c >= t for c, p in zip(cos, pairs, strict=True) if p["label"] == label) for label in n}
            cells.append(f"{over['planted']} / {over['real']}")
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pairs")
    p.add_argument("--planted", type=Path, required=True)
    p.add_argument("--report", type=Path, action="append", required=True)
    p.add_argument("--input", type=Path, action="append", required=True)
    p.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("pairs", type=Path)
    args = ap.parse_args()
    if args.cmd == "pairs":
        rows = planted_pairs(args.planted) + real_pairs(args.report, args.input)
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{sum(r['label'] == 'planted' for r in rows)} planted and {sum(r['label'] == 'real' for r in rows)} "
              f"real pairs -> {args.out}")
    else:
        score(args.pairs)


if __name__ == "__main__":
    main()
