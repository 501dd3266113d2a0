"""The Markdown report: one section per story, a table of findings, evidence quoted."""

from __future__ import annotations

import html
import re

from ..model import Report
from .text import counts, in_context


def _cell(text: str) -> str:
    """Article text as inert Markdown: no HTML, no emphasis or links, no table breaks."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", text)


def _code(text: str) -> str:
    """An id as a code span (nothing in a code span is rendered), or escaped text if it holds a backtick."""
    return f"`{text}`" if "`" not in text and "\n" not in text else _cell(text)


def render_markdown(report: Report) -> str:
    texts = {a.id: a.text for a in report.articles}
    out: list[str] = ["# storydiff report", ""]
    for story in report.stories:
        out += [f"## {_cell(story.title) or _code(story.id)}", "",
                f"Articles: {', '.join(_code(a) for a in story.articles)} — {counts(story)}", ""]
        if story.note:
            out += [f"> {_cell(story.note)}", ""]  # a note names articles by their ids
        out += ["| status | kind | subject | explanation | evidence |", "|---|---|---|---|---|"]
        for f in story.findings:
            evidence = "<br>".join(
                f"**{_cell(m.article)}**: "
                + _cell(in_context(texts[m.article], m.start, m.end, 30) if m.article in texts else m.text)
                for m in f.mentions)
            out.append(f"| {f.status} | {f.kind} | {_cell(f.subject)} | {_cell(f.explanation)} | {evidence} |")
        out.append("")
    if report.problems:
        out += ["## Problems", ""] + [f"- {_cell(p.message)}" for p in report.problems] + [""]
    return "\n".join(out)
