"""Reports: the JSON contract, the terminal order, and article text kept inert in Markdown."""

from __future__ import annotations

import json

import pytest

from storydiff.analyze import facts_from_doc
from storydiff.compare import compare_story
from storydiff.model import Article, Report
from storydiff.report import render

A = 'The 12-day strike closed the port, the Bay Courier reported. "<script>alert(1)</script> We *won*," said Ana Ruiz.'
B = 'The 13-day strike closed the port, first reported by the Harbor Gazette. "We *won*," said Ana Ruiz.'


def _report(nlp) -> Report:  # type: ignore[no-untyped-def]
    articles = (Article(id="a", text=A), Article(id="b", text=B))
    story = compare_story([facts_from_doc(nlp(a.text), a) for a in articles])
    return Report(articles=articles, stories=(story,))


def test_json_is_the_report_contract(nlp):  # type: ignore[no-untyped-def]
    doc = json.loads(render(_report(nlp), "json"))
    assert doc["schema"] == "storydiff.report/1"
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    assert set(doc["articles"][0]) >= {"id", "outlet", "title", "published", "url"}
    texts = {"a": A, "b": B}
    findings = doc["stories"][0]["findings"]
    assert findings
    for f in findings:
        assert set(f) >= {"id", "kind", "status", "subject", "explanation", "mentions"}
        assert f["status"] in {"agree", "variant", "conflict", "unique"}
        for m in f["mentions"]:
            assert texts[m["article"]][m["start"]:m["end"]] == m["text"]


def test_text_report_puts_conflicts_first(nlp):  # type: ignore[no-untyped-def]
    text = render(_report(nlp), "text")
    first_finding = next(line for line in text.splitlines() if line[:9].strip() in
                         {"CONFLICT", "VARIANT", "AGREE"})
    assert first_finding.startswith("CONFLICT")
    assert "»12-day«" in text and "»13-day«" in text


def test_markdown_keeps_article_text_inert(nlp):  # type: ignore[no-untyped-def]
    md = render(_report(nlp), "md")
    assert "<script>" not in md
    assert "&lt;script&gt;" in md  # the quote that carries it is listed, escaped
    assert "*won*" not in md


def test_a_huge_number_in_the_text_leaves_every_format_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    huge = "More than 1" + "0" * 400 + " people were counted in the 12-day census."
    articles = (Article(id="a", text=huge), Article(id="b", text="The 13-day census counted 9 people."))
    report = Report(articles=articles, stories=(compare_story([facts_from_doc(nlp(a.text), a) for a in articles]),))
    doc = json.loads(render(report, "json"), parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    assert any(f["status"] == "conflict" for f in doc["stories"][0]["findings"])  # 12 against 13 days still found
    for fmt in ("text", "md"):
        assert "12-day" in render(report, fmt)


def test_the_json_writer_turns_a_non_finite_value_into_null() -> None:
    from storydiff.report.jsonout import _plain

    assert [_plain(v) for v in (float("inf"), float("nan"), 2.0, 2.5)] == [None, None, 2, 2.5]


def test_markdown_keeps_ids_in_a_story_note_inert(nlp):  # type: ignore[no-untyped-def]
    from storydiff.store import with_copies_note

    articles = (Article(id="<img src=x onerror=alert(1)>", text=A), Article(id="wire_copy_", text=A))
    story = compare_story([facts_from_doc(nlp(a.text), a) for a in articles])
    story = with_copies_note(story, [[a.id for a in articles]])  # the two texts are copies: the note names them
    md = render(Report(articles=articles, stories=(story,)), "md")
    assert "<img" not in md.replace("`<img src=x onerror=alert(1)>`", "")  # a code span shows it as text
    assert "> near-duplicate texts (copies of one report): &lt;img src=x onerror=alert(1)&gt; = wire\\_copy\\_;" in md


def test_markdown_heading_of_an_untitled_story_is_its_id_inert() -> None:
    from storydiff.model import Story

    md = render(Report(articles=(), stories=(Story(id="<b>s</b>", title="", articles=(), findings=()),)), "md")
    assert "## `<b>s</b>`" in md.splitlines()
