"""Quality gates: the shared scorers on real, labelled dev data, with pinned floors.

Floors only move up. They skip when ../shared (the evaluation data and scorers) is absent.
Run `make quality` to see the figures.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from storydiff import compare, load_articles
from storydiff.pipeline import analyze_articles
from storydiff.report import facts_document, report_document
from tests.conftest import EXAMPLE, shared_path

pytestmark = pytest.mark.quality

# Pinned floors. Raise them when the work improves; never lower them.
EXAMPLE_FLOORS = {"found": 4, "correct": 4, "max_violated": 0, "max_false_conflicts": 0}
BASIL_FLOORS = {
    "gold-dev.json": {"found": 0.926, "correct": 0.871, "max_violated": 0, "max_false_conflicts": 0.01,
                      "max_ambiguous": 0.03},
    "gold-dev-more.json": {"found": 0.888, "correct": 0.838, "max_violated": 0, "max_false_conflicts": 0.005,
                           "max_ambiguous": 0.026},
}
# "Ambiguous" counts a gold finding whose best-matching reported findings carry different statuses.
# A figure inside a quote makes two right findings that tie: the quote (a variant) and the figure
# (three outlets give "one-in-three", "1 in 3": agree). Of the 10 on gold-dev-more, 6 are such ties
# (a figure, date or credit inside a quote) and 4 a quote whose sentences are judged apart. Cutting a
# sentence where another outlet ends one (compare/quotes.common_cuts) made 12 (6 and 6): it turned 3
# findings right and 1 found, and left more gold quotes of several sentences touching sentences that
# agree and sentences that differ (the gold calls the whole a variant; the scorer counts it right).
# planted conflicts (../shared/tools/perturb_findings.py, seed 1): the share reported as conflicts
PLANTED_FLOORS = {"gold-dev.json": {"correct": 0.46, "max_violated": 0},
                  "gold-dev-more.json": {"correct": 0.2, "max_violated": 0}}
QUOTE_ROW_FLOORS = {"gold-dev.json": 0.97, "gold-dev-more.json": 0.91}
"""Status-correct share of the gold's quote findings alone (issue 12 asks for 0.90 on both)."""
QUOTE_FLOORS = {"recall": 0.988, "speaker": 0.937, "precision": 0.965}


def _score_findings(gold: Path, report: dict, inputs: Sequence[Path], tmp: Path) -> dict[str, float]:
    path = tmp / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(shared_path("tools", "score_findings.py")), "--gold", str(gold),
         "--report", str(path), *map(str, inputs)], capture_output=True, text=True, check=True).stdout
    print(out)
    total = out.strip().splitlines()[-1]
    num = {k: int(v) for k, v in re.findall(r"([a-z-]+) (\d+)", total)}
    traps = re.search(r"traps-violated (\d+)/(\d+)", total)
    assert traps is not None
    return {"n": num["findings"], "found": num["found"], "correct": num["status-correct"],
            "false_conflicts": num["false-conflicts"], "violated": int(traps.group(1)),
            "ambiguous": num["ambiguous"]}


def test_example_pair(tmp_path: Path) -> None:
    inputs = [EXAMPLE / "a.txt", EXAMPLE / "b.txt"]
    articles, problems = load_articles([str(p) for p in inputs])
    assert not problems
    s = _score_findings(EXAMPLE / "expected.json", report_document(compare(articles)), inputs, tmp_path)
    assert s["found"] >= EXAMPLE_FLOORS["found"]
    assert s["correct"] >= EXAMPLE_FLOORS["correct"]
    assert s["violated"] <= EXAMPLE_FLOORS["max_violated"]
    assert s["false_conflicts"] <= EXAMPLE_FLOORS["max_false_conflicts"]


@pytest.fixture(scope="module")
def basil_dev_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """The BASIL dev events both gold files label, compared by event, and the input they came from."""
    ids = {a for name in BASIL_FLOORS for e in json.loads(shared_path("data", "basil", name).read_text())["events"]
           for a in e["articles"]}
    subset = tmp_path_factory.mktemp("basil") / "gold-articles.jsonl"
    with subset.open("w", encoding="utf-8") as out:
        for line in shared_path("data", "basil", "dev.jsonl").open(encoding="utf-8"):
            if json.loads(line)["id"] in ids:
                out.write(line)
    articles, problems = load_articles([str(subset)])
    assert not problems and len(articles) == len(ids)
    return report_document(compare(articles, group_by="event")), subset


@pytest.mark.parametrize("gold_name", sorted(BASIL_FLOORS))
def test_basil_dev_findings(gold_name: str, basil_dev_report: tuple[dict, Path], tmp_path: Path) -> None:
    report, subset = basil_dev_report
    floors = BASIL_FLOORS[gold_name]
    s = _score_findings(shared_path("data", "basil", gold_name), report, [subset], tmp_path)
    n = s["n"]
    assert s["found"] / n >= floors["found"]
    assert s["correct"] / n >= floors["correct"]
    assert s["violated"] <= floors["max_violated"]
    assert s["false_conflicts"] / n < floors["max_false_conflicts"]
    assert s["ambiguous"] / n < floors["max_ambiguous"]


@pytest.mark.parametrize("gold_name", sorted(QUOTE_ROW_FLOORS))
def test_basil_dev_quote_findings(gold_name: str, basil_dev_report: tuple[dict, Path], tmp_path: Path) -> None:
    """The gold's quote findings alone (its other kinds and traps left out), scored the same way."""
    report, subset = basil_dev_report
    gold = json.loads(shared_path("data", "basil", gold_name).read_text())
    gold["events"] = [{**e, "findings": [f for f in e["findings"] if f["kind"] == "quote"],
                       "traps": [t for t in e["traps"] if t["kind"] == "quote"]} for e in gold["events"]]
    quotes_only = tmp_path / f"quotes-{gold_name}"
    quotes_only.write_text(json.dumps(gold), encoding="utf-8")
    s = _score_findings(quotes_only, report, [subset], tmp_path)
    assert s["n"] > 30 and s["correct"] / s["n"] >= QUOTE_ROW_FLOORS[gold_name]
    assert s["violated"] == 0


@pytest.mark.parametrize("gold_name", sorted(PLANTED_FLOORS))
def test_planted_conflicts(gold_name: str, tmp_path: Path) -> None:
    """A gold "agree" figure moved by one in one article (the shared perturb_findings.py, seed 1) is
    reported as a conflict, and no trap is violated."""
    subprocess.run([sys.executable, str(shared_path("tools", "perturb_findings.py")), "--gold",
                    str(shared_path("data", "basil", gold_name)), "--out", str(tmp_path), "--seed", "1",
                    str(shared_path("data", "basil", "dev.jsonl"))], capture_output=True, check=True)
    articles, problems = load_articles([str(tmp_path / "articles.jsonl")])
    assert not problems
    report = report_document(compare(articles, group_by="event"))
    s = _score_findings(tmp_path / "gold.json", report, [tmp_path / "articles.jsonl"], tmp_path)
    assert s["correct"] / s["n"] >= PLANTED_FLOORS[gold_name]["correct"]
    assert s["violated"] <= PLANTED_FLOORS[gold_name]["max_violated"]


def test_polnear_dev_quotes(tmp_path: Path) -> None:
    data = shared_path("data", "polnear", "dev.jsonl")
    articles, problems = load_articles([str(data)])
    assert not problems
    analyzed, failed = analyze_articles(articles)
    assert not failed
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(facts_document(analyzed)), encoding="utf-8")
    scorer = shared_path("tools", "score_quotes.py")
    out = subprocess.run([sys.executable, str(scorer), str(data), str(facts)],
                         capture_output=True, text=True, check=True).stdout
    print(out)
    result = dict(re.findall(r"([a-z-]+) (\d\.\d+)", out.strip().splitlines()[-1]))
    assert float(result["quote-recall"]) >= QUOTE_FLOORS["recall"]
    assert float(result["speaker-accuracy"]) >= QUOTE_FLOORS["speaker"]
    assert float(result["quote-precision"]) >= QUOTE_FLOORS["precision"]


# Story grouping: B-cubed F1 of the store's stories against the gold events (score_groups.py).
GROUPING_FLOORS = {"ecbplus": 0.93, "basil": 0.99}


@pytest.mark.parametrize("dataset", sorted(GROUPING_FLOORS))
def test_grouping_finds_events(dataset: str, tmp_path: Path) -> None:
    from storydiff.ingest import read_inputs
    from storydiff.report.stories import stories_document
    from storydiff.store import Store
    from storydiff.stories import ingest

    gold = shared_path("data", dataset, "dev.jsonl")
    with Store(tmp_path / "s.db") as store:
        result = ingest(store, read_inputs([str(gold)]), jobs=2)
        assert not result.problems
        stories = stories_document(store.stories())
    path = tmp_path / "stories.json"
    path.write_text(json.dumps(stories), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared_path("tools", "score_groups.py")), str(gold), str(path)],
                         capture_output=True, text=True, check=True).stdout
    print(dataset, out)
    match = re.search(r"bcubed-F1 ([\d.]+)", out)
    assert match is not None
    assert float(match.group(1)) >= GROUPING_FLOORS[dataset]
