"""A story's timeline written out: the ``storydiff.timeline/1`` JSON document and plain text."""

from __future__ import annotations

from typing import Any

from ..errors import one_line
from ..timeline import SCHEMA, Entry, Timeline, When


def timeline_document(timeline: Timeline) -> dict[str, Any]:
    """The ``storydiff.timeline/1`` document (fields in the README's "storydiff timeline")."""
    entries = {e.article.id: e for e in timeline.entries}
    return {
        "schema": SCHEMA,
        "story": timeline.story,
        "title": timeline.title,
        "articles": [_entry(e, n) for n, e in enumerate(timeline.entries, start=1)],
        "facts": [{
            "finding": f.finding, "kind": f.kind, "status": f.status, "subject": f.subject, "first": list(f.first),
            "statements": [{"article": s.article, "start": s.start, "end": s.end, "text": s.text,
                            **_when_fields(entries[s.article].when)} for s in f.statements],
        } for f in timeline.facts],
        "copies": [{"first": group[0], "copies": list(group[1:])} for group in timeline.copies],
        "credits": [{"article": c.mention.article, "start": c.mention.start, "end": c.mention.end,
                     "text": c.mention.text, "source": c.mention.value, "articles_by_source": list(c.by_source)}
                    for c in timeline.credits],
        "credited_first": timeline.credited_first,
    }


def _entry(entry: Entry, order: int) -> dict[str, Any]:
    a, when = entry.article, entry.when
    return {"order": order, "id": a.id, "outlet": a.outlet, "title": a.title, **_when_fields(when),
            "evidence": None if when.evidence is None else {
                "start": when.evidence.start, "end": when.evidence.end,
                "text": a.text[when.evidence.start:when.evidence.end]},
            "note": _note(when)}


def _when_fields(when: When) -> dict[str, Any]:
    return {"day": when.day.isoformat() if when.day else None,
            "time": when.time.isoformat() if when.time else None,
            "zone_known": when.instant, "when_from": when.source}


def _note(when: When) -> str | None:
    if when.day is None:
        return "no publication date in its metadata or its text; placed last"
    parts = []
    if when.time is None:
        parts.append("date only: placed by its day, after the times of that day")
    elif not when.instant:
        parts.append("a time without a zone: placed by its day")
    if when.source == "text":
        parts.append("read from the text")
    return "; ".join(parts) or None


def timeline_text(timeline: Timeline) -> str:
    """The timeline for a terminal: the articles in order, then each shared fact's first statement."""
    lines = [f"Timeline of story {timeline.story}: {one_line(timeline.title)}", "",
             "Articles, in order of publication:"]
    for n, entry in enumerate(timeline.entries, start=1):
        a, when = entry.article, entry.when
        said = _when_text(when)
        who = a.id + (f" ({one_line(a.outlet)})" if a.outlet else "")
        lines.append(f"  {n:>2}. {said:<26} {who}")
        if when.source == "text" and when.evidence is not None:
            lines.append(f"      from the text: “{one_line(a.text[when.evidence.start:when.evidence.end])}”")
    if timeline.copies:
        lines += ["", "Copies of one text (one source):"]
        lines += [f"  - {group[0]}, copied by {', '.join(group[1:])}" for group in timeline.copies]
    if timeline.credits:
        lines += ["", "Credits:"]
        for c in timeline.credits:
            by = (f"in this story: {', '.join(c.by_source)}" if c.by_source
                  else "no article by this source in the story")
            lines.append(f"  - {c.mention.article}: “{one_line(c.mention.text)}” ({by})")
        if timeline.credited_first:
            lines.append(f"  Of the credited sources in the story, {timeline.credited_first} published first.")
    if timeline.facts:
        lines += ["", "Facts, first stated:"]
        for f in timeline.facts:
            first = f"first {', '.join(f.first)}" if f.first else "who was first is not known (no dates)"
            said = "; ".join(f"{s.article}: “{one_line(s.text)}”" for s in f.statements)
            lines.append(f"  - {f.status} · {f.kind} · {one_line(f.subject)}: {first}; {said}")
    return "\n".join(lines) + "\n"


def _when_text(when: When) -> str:
    if when.day is None:
        return "date unknown"
    if when.time is None:
        return f"{when.day.isoformat()} (date only)"
    clock = when.time.strftime("%H:%M")
    zone = when.time.strftime("%z") if when.instant else ""
    zone = f" {zone[:3]}:{zone[3:]}" if zone else " (no zone)"
    return f"{when.day.isoformat()} {clock}{zone}"
