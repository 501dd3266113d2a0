"""Evidence in place: an article's text cut into segments at every mention boundary.

Mentions of different findings may overlap or nest (a quote holding a figure). Wrapping each
mention in its own element would then cross tags, so the text is cut at *every* start and end and
each segment lists all the findings whose evidence covers it. The template wraps covered segments
in ``<mark>`` (``marked_html``); every segment's text is escaped, so no article text is ever
trusted as HTML. Pure functions: no web framework needed to test them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..model import Finding

STATUS_RANK = {"conflict": 0, "variant": 1, "agree": 2, "unique": 3}
"""Order of statuses on a page (conflicts first); a segment shows the first of its findings'."""


@dataclass(frozen=True)
class Highlight:
    """One mention to highlight: ``[start, end)`` in the text, the finding it belongs to (its index
    on the page) and that finding's status."""

    start: int
    end: int
    finding: int
    status: str


@dataclass(frozen=True)
class Segment:
    """A stretch of text; ``findings`` (page indices) cover all of it, none of them: plain text."""

    text: str
    start: int
    end: int
    findings: tuple[int, ...] = ()
    status: str | None = None

    @property
    def keys(self) -> str:
        """The findings as a space-separated list, for an HTML ``data-`` attribute."""
        return " ".join(map(str, self.findings))


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings conflicts first, then variants, agreements and facts only one article states;
    the order within a status is kept."""
    return sorted(findings, key=lambda f: STATUS_RANK.get(f.status, len(STATUS_RANK)))


def article_highlights(findings: Sequence[Finding], article: str) -> list[Highlight]:
    """The mentions of ``findings`` in one article, each tagged with its finding's index."""
    return [Highlight(m.start, m.end, i, f.status)
            for i, f in enumerate(findings) for m in f.mentions if m.article == article]


def segments(text: str, highlights: Iterable[Highlight]) -> list[Segment]:
    """``text`` cut at every highlight boundary; joined back, the segments' texts give ``text``.

    Highlights are clipped to the text; empty ones are dropped."""
    size = len(text)
    spans = [h for h in highlights if max(h.start, 0) < min(h.end, size)]
    points = sorted({0, size, *(max(h.start, 0) for h in spans), *(min(h.end, size) for h in spans)})
    starting: dict[int, list[Highlight]] = {}
    for h in spans:
        starting.setdefault(max(h.start, 0), []).append(h)
    active: list[Highlight] = []
    out: list[Segment] = []
    for lo, hi in pairwise(points):
        active = [h for h in active if min(h.end, size) > lo] + starting.get(lo, [])
        out.append(_segment(text, lo, hi, active))
    return out


def _segment(text: str, lo: int, hi: int, active: Sequence[Highlight]) -> Segment:
    if not active:
        return Segment(text[lo:hi], lo, hi)
    findings = tuple(sorted({h.finding for h in active}))
    status = min((h.status for h in active), key=lambda s: STATUS_RANK.get(s, len(STATUS_RANK)))
    return Segment(text[lo:hi], lo, hi, findings, status)


def marked_html(parts: Iterable[Segment]) -> Markup:
    """The segments as one piece of HTML: every text escaped, each covered one in a ``<mark>`` that
    names its findings and its offsets. Made here rather than in a template loop: a story page holds
    thousands of segments, and this is most of the cost of making it."""
    html = []
    for seg in parts:
        text = escape(seg.text)
        if seg.findings:
            html.append(f'<mark class="ev ev-{escape(seg.status or "")}" data-f="{seg.keys}" '
                        f'data-start="{seg.start:d}" data-end="{seg.end:d}">{text}</mark>')
        else:
            html.append(text)
    return Markup("".join(html))
