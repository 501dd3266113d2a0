"""The renderers on reports made up directly: every format renders, JSON is strict and keeps every
mention's text, Markdown holds no HTML but its own line breaks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from storydiff import render
from storydiff.errors import UsageError
from storydiff.model import Report
from storydiff.report import FORMATS
from tests.fuzz.harness import check_report_document, fuzz, strict_json
from tests.fuzz.strategies import reports


@given(report=reports())
@fuzz(weight=2)
def test_every_format_renders_and_json_is_strict(report: Report) -> None:
    texts = {a.id: a.text for a in report.articles}
    doc = strict_json(render(report, "json"))
    check_report_document(doc, texts)
    assert [a["id"] for a in doc["articles"]] == list(texts)
    assert [f["id"] for s in doc["stories"] for f in s["findings"]] == [
        f.id for s in report.stories for f in s.findings]
    assert len(doc.get("problems", ())) == len(report.problems)
    for fmt in FORMATS:
        assert isinstance(render(report, fmt), str)
    with pytest.raises(UsageError):
        render(report, "pdf")


@given(report=reports())
@fuzz(weight=2)
def test_markdown_holds_no_html_from_the_report(report: Report) -> None:
    outside_code = _outside_code_spans(render(report, "md"))
    tag = re.search(r"<(?!br>)", outside_code)
    assert tag is None, outside_code[max(0, tag.start() - 60):tag.end() + 60]


def _outside_code_spans(markdown: str) -> str:
    """The Markdown text a reader's renderer would parse for tags, read as CommonMark reads it: left
    to right, a backslash escapes the next character outside code spans, and a code span (a run of
    backticks to the next run of the same length, on one line here) shows its text as it is, escapes
    and all: "`\\`" is a code span holding a backslash."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\":
            i += 2
            continue
        if markdown[i] == "`":
            run = len(markdown[i:]) - len(markdown[i:].lstrip("`"))
            close = re.compile(rf"(?<!`){'`' * run}(?!`)").search(markdown, i + run)
            if close is not None and "\n" not in markdown[i:close.start()]:
                i = close.end()
                continue
            i += run
            continue
        out.append(markdown[i])
        i += 1
    return "".join(out)

