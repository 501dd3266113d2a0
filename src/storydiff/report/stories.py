"""The story list: ``storydiff.stories/1`` JSON and a terminal table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..store import StorySummary

STORIES_SCHEMA = "storydiff.stories/1"


def story_entry(s: StorySummary) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "articles": list(s.articles), "sources": s.sources,
            "outlets": list(s.outlets), "first": s.first, "last": s.last, "conflicts": s.conflicts,
            "variants": s.variants}


def stories_document(stories: Sequence[StorySummary]) -> dict[str, Any]:
    return {"schema": STORIES_SCHEMA, "stories": [story_entry(s) for s in stories]}


def stories_text(stories: Sequence[StorySummary]) -> str:
    if not stories:
        return "no stories; add articles with `storydiff ingest`\n"
    lines = [f"{'story':15s} {'arts':>4s} {'srcs':>4s} {'confl':>5s} {'var':>4s}  {'dates':21s}  title / outlets"]
    for s in stories:
        dates = s.first or ""
        if s.last and s.last != s.first:
            dates += f"..{s.last}"
        title = " ".join((s.title or "(untitled)").split())[:70]
        lines.append(f"{s.id:15s} {len(s.articles):4d} {s.sources:4d} {s.conflicts:5d} {s.variants:4d}  {dates:21s}  "
                     f"{title}")
        if s.outlets:
            lines.append(f"{'':60s}{', '.join(s.outlets)[:80]}")
    return "\n".join(lines) + "\n"
