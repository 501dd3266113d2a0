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
    unescaped = re.sub(r"\\.", "", render(report, "md"))  # "\\`" is a backtick, not a code span's
    outside_code = re.sub(r"`[^`\n]*`", "", unescaped)  # a code span shows its text as it is
    tag = re.search(r"<(?!br>)", outside_code)
    assert tag is None, outside_code[max(0, tag.start() - 60):tag.end() + 60]
