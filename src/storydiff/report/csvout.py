"""Findings as CSV, for a spreadsheet: one row per finding and article.

Columns (:data:`COLUMNS`): the story, the finding's id, kind, status and subject, then the article
(its id and outlet), the value that article gives, the ``evidence`` (exactly
``article.text[start:end]``), its ``start`` and ``end``, and the finding's explanation. A finding
that three articles state is three rows with the same ``finding``.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula. Article text is written by strangers, so such a text cell starts with an apostrophe
(``'=1+1``): spreadsheets show it as text and hide the apostrophe. :func:`plain_cell` undoes it for a
program reading the file back. Numbers (``start``, ``end``, a numeric ``value``) are written as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..model import Article, Finding, Report, Story
from .jsonout import _plain

COLUMNS = ("story", "finding", "kind", "status", "subject", "article", "outlet", "value", "evidence", "start",
           "end", "explanation")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_cell(cell: str) -> str:
    """A text cell as written before :func:`safe_cell`."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def value_cell(value: Any) -> str | int | float:
    """A mention's value as one cell: a word or a number as it is (a number as a number: "-41" is
    no formula), anything larger as JSON."""
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, str | int | float) and not isinstance(plain, bool):
        return plain
    return json.dumps(plain, ensure_ascii=False)


def finding_rows(story: Story, finding: Finding, outlets: dict[str, str | None]) -> Iterator[list[Any]]:
    for m in finding.mentions:
        yield [story.id, finding.id, finding.kind, finding.status, finding.subject, m.article,
               outlets.get(m.article) or "", value_cell(m.value), m.text, m.start, m.end, finding.explanation]


def story_rows(story: Story, articles: Iterable[Article]) -> Iterator[list[Any]]:
    outlets = {a.id: a.outlet for a in articles}
    for finding in story.findings:
        yield from finding_rows(story, finding, outlets)


def csv_lines(rows: Iterable[Sequence[Any]], *, header: bool = True) -> Iterator[str]:
    """Each row as a CSV record (RFC 4180: commas, double quotes, CRLF), text cells made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def record(row: Sequence[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        return buffer.getvalue()

    if header:
        yield record(COLUMNS)
    for row in rows:
        yield record([safe_cell(c) if isinstance(c, str) else c for c in row])


def render_csv(report: Report) -> str:
    """Every finding of every story in ``report``, a row per finding and article, with a header."""
    return "".join(csv_lines(row for story in report.stories for row in story_rows(story, report.articles)))
