"""Report: findings as JSON (the ``storydiff.report/1`` contract), text, and Markdown."""

from __future__ import annotations

from .jsonout import facts_document, report_document
from .markdown import render_markdown
from .text import render_text

__all__ = ["facts_document", "render", "render_markdown", "render_text", "report_document"]

FORMATS = ("text", "json", "md")


def render(report: object, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    import json

    from ..model import Report

    assert isinstance(report, Report)
    if fmt == "json":
        return json.dumps(report_document(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_markdown(report)
    return render_text(report)
