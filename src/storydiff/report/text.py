"""The terminal report: conflicts first, each finding with its evidence quoted in context."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from ..model import Finding, Report, Story

WINDOW = 50
HEADINGS = {"conflict": "CONFLICT", "variant": "VARIANT", "agree": "AGREE", "unique": "UNIQUE"}


def in_context(text: str, start: int, end: int, window: int = WINDOW) -> str:
    """The evidence marked »like this« with a little of the text around it, on one line."""
    lo = max(0, start - window)
    hi = min(len(text), end + window)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return " ".join(f"{before}»{text[start:end]}«{after}".split())


def counts(story: Story) -> str:
    c = Counter(f.status for f in story.findings)
    return " · ".join(f"{c.get(s, 0)} {s}" for s in ("conflict", "variant", "agree", "unique"))


def _finding_lines(f: Finding, texts: Mapping[str, str]) -> Iterator[str]:
    yield f"{HEADINGS[f.status]:9s} {f.kind} · {f.subject}"
    yield f"          {f.explanation}"
    for m in f.mentions:
        text = texts.get(m.article)
        shown = in_context(text, m.start, m.end) if text is not None else f"»{m.text}«"
        yield f"            {m.article}: {shown}"


def render_text(report: Report) -> str:
    texts = {a.id: a.text for a in report.articles}
    lines: list[str] = []
    for story in report.stories:
        lines.append(f"Story {story.id}: {story.title}")
        lines.append(f"  articles: {', '.join(story.articles)}")
        lines.append(f"  findings: {counts(story)}")
        if story.note:
            lines.append(f"  note: {story.note}")
        lines.append("")
        shared = [f for f in story.findings if f.status != "unique"]
        for f in shared:
            lines.extend(_finding_lines(f, texts))
            lines.append("")
        unique = [f for f in story.findings if f.status == "unique"]
        if unique:
            lines.append(f"Only in one article ({len(unique)}):")
            for f in unique:
                m = f.mentions[0]
                lines.append(f"  {m.article}: {f.kind} · {' '.join(m.text.split())[:100]}")
            lines.append("")
    for p in report.problems:
        lines.append(f"problem: {p.message}")
    return "\n".join(lines).rstrip() + "\n"
