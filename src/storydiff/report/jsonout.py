"""The JSON documents storydiff writes: ``storydiff.report/1`` and ``storydiff.facts/1``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from ..model import Article, ArticleFacts, Fact, Finding, Report, Span, Story

REPORT_SCHEMA = "storydiff.report/1"
FACTS_SCHEMA = "storydiff.facts/1"


def article_header(a: Article) -> dict[str, Any]:
    return {"id": a.id, "outlet": a.outlet, "title": a.title,
            "published": a.published.isoformat() if a.published else None, "url": a.url}


def finding_document(f: Finding) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": f.id, "kind": f.kind, "status": f.status, "subject": f.subject, "explanation": f.explanation,
        "mentions": [{"article": m.article, "start": m.start, "end": m.end, "text": m.text, "value": _plain(m.value)}
                     for m in f.mentions],
    }
    if f.diff:
        doc["diff"] = [dict(d) for d in f.diff]
    return doc


def story_document(s: Story) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": s.id, "title": s.title, "articles": list(s.articles),
                           "findings": [finding_document(f) for f in s.findings]}
    if s.note:
        doc["note"] = s.note
    return doc


def report_document(report: Report) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "articles": [article_header(a) for a in report.articles],
        "stories": [story_document(s) for s in report.stories],
    }
    if report.problems:
        doc["problems"] = [{"source": p.source, "message": p.message} for p in report.problems]
    return doc


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        if not math.isfinite(value):
            return None  # JSON has no infinity; analysis yields none, but the writer must not break on one
        return int(value) if value == int(value) and abs(value) < 2**53 else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def fact_document(fact: Fact) -> dict[str, Any]:
    """One fact as JSON: kind, evidence offsets and text, then its own fields."""
    doc: dict[str, Any] = {"kind": fact.kind, "start": fact.start, "end": fact.end, "text": fact.text}
    for field in dataclasses.fields(fact):
        if field.name in {"article", "start", "end", "text", "sentence", "context"}:
            continue
        doc[field.name] = _plain(getattr(fact, field.name))
    return doc


def facts_document(analyzed: Sequence[ArticleFacts], problems: Sequence[Any] = ()) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": FACTS_SCHEMA,
        "articles": [{**article_header(a.article), "facts": [fact_document(f) for f in a.facts]} for a in analyzed],
    }
    if problems:
        doc["problems"] = [{"source": p.source, "message": p.message} for p in problems]
    return doc
