"""Report: findings as JSON (the ``storydiff.report/1`` contract), text, Markdown, and CSV."""

from __future__ import annotations

import json

from ..errors import UsageError
from ..model import Report
from .csvout import render_csv
from .jsonout import facts_document, report_document
from .markdown import render_markdown
from .text import render_text

__all__ = ["facts_document", "render", "render_csv", "render_markdown", "render_text", "report_document"]

FORMATS = ("text", "json", "md", "csv")


def render(report: Report, fmt: str) -> str:
    """The report in one of :data:`FORMATS`."""
    if fmt == "json":
        return json.dumps(report_document(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_markdown(report)
    if fmt == "text":
        return render_text(report)
    if fmt == "csv":
        return render_csv(report)
    raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
