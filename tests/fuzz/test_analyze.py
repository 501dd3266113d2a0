"""analyze and compare on generated article texts: only storydiff's own errors (or a recorded
problem), every fact and mention pointing at its evidence, every report rendered, JSON strict."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from storydiff import analyze, compare, render
from storydiff.errors import StorydiffError, one_line
from storydiff.pipeline import analyze_articles
from storydiff.report import FORMATS, facts_document
from tests.fuzz.harness import check_facts, check_report, check_report_document, fuzz, strict_json, texts_of, writable
from tests.fuzz.strategies import Draft, drafts, made, story_drafts


@given(draft=drafts())
@fuzz(weight=2)
def test_analyze_points_every_fact_at_its_evidence(draft: Draft) -> None:
    try:
        facts = analyze(draft.article())
    except StorydiffError:
        return
    check_facts(facts)


@given(drafts=story_drafts(min_size=1, max_size=3))
@fuzz(weight=1)
def test_facts_json_is_strict_and_points_into_the_texts(drafts: list[Draft]) -> None:
    try:
        batch = made(drafts)
        analyzed, problems = analyze_articles(batch)
    except StorydiffError:
        return
    done, failed = {a.article.id for a in analyzed}, {p.source for p in problems}
    assert all(a.id in done or one_line(a.source or a.id) in failed for a in batch)
    for facts in analyzed:
        check_facts(facts)
    doc = strict_json(writable(json.dumps(facts_document(analyzed, problems), ensure_ascii=False, indent=2)))
    texts = texts_of(batch)
    for entry in doc["articles"]:
        for fact in entry["facts"]:
            assert texts[entry["id"]][fact["start"]:fact["end"]] == fact["text"], fact


@given(drafts=story_drafts(min_size=2, max_size=4), group_by=st.sampled_from((None, "outlet", "event")))
@fuzz(weight=1.5)
def test_compare_points_every_mention_at_its_evidence(drafts: list[Draft], group_by: str | None) -> None:
    try:
        batch = made(drafts)
        report = compare(batch, group_by=group_by)
    except StorydiffError:
        return
    check_report(report)
    check_report_document(strict_json(writable(render(report, "json"))), texts_of(batch))
    for fmt in FORMATS:
        writable(render(report, fmt))
