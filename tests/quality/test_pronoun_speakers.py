"""Whom a quote's "he" or "she" names, against verdicts given by reading
(tests/quality/data/judged_pronoun_speakers.jsonl).

The judged list holds 40 quotes drawn at random (seed 7) from the 145 on PolNeAR train whose
speaker's name changed when a pronoun's antecedent came to prefer the person named as subject
before a person named otherwise ("Juan Zarate, an adviser to Bush, questioned Trump's logic. “…,”
he said" is Zarate's). Per quote: the article, the quote's offsets, the speaker's span, the name
before and after the change, and whether the name after is right by reading (``yes``, ``no``,
``unsure``). score_quotes.py cannot see this: it takes a speaker whose span is the gold's "he" as
right, whoever the name says it is. Every quote judged right must keep its speaker; the share
judged right may not fall below the floor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storydiff.articles import article_from_record
from storydiff.model import Quote
from storydiff.pipeline import analyze_articles
from tests.conftest import shared_path

pytestmark = pytest.mark.quality

JUDGED = Path(__file__).resolve().parent / "data" / "judged_pronoun_speakers.jsonl"
MIN_RIGHT = 33  # of 40; none of the 40 names before the change was right


def test_pronoun_speakers_hold_their_judged_names() -> None:
    judged = [json.loads(line) for line in JUDGED.open(encoding="utf-8")]
    right = [j for j in judged if j["after_right"] == "yes"]
    print(f"pronoun speakers judged by reading: {len(right)} of {len(judged)} right")
    assert len(judged) == 40 and len(right) >= MIN_RIGHT
    wanted = {j["article"] for j in right}
    train = shared_path("data", "polnear", "train.jsonl")
    articles = [article_from_record(r, source=str(train)) for r in map(json.loads, train.open(encoding="utf-8"))
                if r["id"] in wanted]
    analyzed, failed = analyze_articles(articles)
    assert not failed
    quotes = {(a.article.id, f.start, f.end): f for a in analyzed for f in a.facts if isinstance(f, Quote)}
    for j in right:
        quote = quotes.get((j["article"], j["quote_start"], j["quote_end"]))
        assert quote is not None and quote.speaker is not None, j
        assert (quote.speaker.name, quote.speaker.start, quote.speaker.end) == (
            j["after"], j["speaker_start"], j["speaker_end"]), j
