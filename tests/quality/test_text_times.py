"""Publication times read from a page's own stamp, on ECB+ dev (no metadata dates), against a sample
judged by reading (tests/quality/data/judged_text_times.jsonl: 80 articles drawn at random, seed
13, from the 271 that get a date from their text; each judged on whether the stamp is the page's
own time and whether the date, time and zone were read as it states them).

Every article judged right must still be read the same way; how many articles get a date and a time
from their text may only go up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydiff.timeline import time_from_text
from tests.conftest import shared_path

pytestmark = pytest.mark.quality

JUDGED = Path(__file__).resolve().parent / "data" / "judged_text_times.jsonl"
MIN_DATED = 274  # of 772 ECB+ dev articles (the sample above was drawn when 271 were)
MIN_TIMED = 134


def test_text_times_on_ecbplus_dev_hold_their_judged_readings() -> None:
    articles = {r["id"]: r for r in map(json.loads, shared_path("data", "ecbplus", "dev.jsonl").open())}
    judged = [json.loads(line) for line in JUDGED.open(encoding="utf-8")]
    right = [j for j in judged if j["right_overall"] == "yes"]
    print(f"text times judged by reading: {len(right)} of {len(judged)} right")
    assert len(judged) == 80 and len(right) / len(judged) >= 0.95
    for j in right:
        text = articles[j["id"]]["text"]
        when = time_from_text(text)
        assert when.evidence is not None, j["id"]
        assert text[when.evidence.start:when.evidence.end] == j["stamp"], j["id"]
        assert when.day is not None and when.day.isoformat() == j["read_day"], j["id"]
        assert (when.time.isoformat() if when.time else None) == j["read_time"], j["id"]
    reads = [time_from_text(a["text"]) for a in articles.values()]
    dated, timed = sum(w.day is not None for w in reads), sum(w.time is not None for w in reads)
    print(f"ECB+ dev: {dated} of {len(reads)} articles dated from their text, {timed} with a time")
    assert dated >= MIN_DATED and timed >= MIN_TIMED
