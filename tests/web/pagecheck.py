"""Helpers for reading the app's pages and documents in tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

KINDS = {"quantity", "date", "quote", "attribution", "entity", "claim"}
STATUSES = {"agree", "variant", "conflict", "unique"}


def check_report(doc: dict[str, Any], texts: dict[str, str]) -> None:
    """``doc`` is a storydiff.report/1 document whose every mention points into ``texts``."""
    assert doc["schema"] == "storydiff.report/1"
    for a in doc["articles"]:
        assert set(a) >= {"id", "outlet", "title", "published", "url"}, a
    assert doc["stories"]
    for story in doc["stories"]:
        assert set(story) >= {"id", "title", "articles", "findings"}, story
        assert set(story["articles"]) <= {a["id"] for a in doc["articles"]}
        for f in story["findings"]:
            assert set(f) >= {"id", "kind", "status", "subject", "explanation", "mentions"}, f
            assert f["kind"] in KINDS and f["status"] in STATUSES, f
            assert f["mentions"]
            for m in f["mentions"]:
                assert set(m) >= {"article", "start", "end", "text", "value"}, m
                assert texts[m["article"]][m["start"]:m["end"]] == m["text"], m


@dataclass
class Column:
    article: str
    text: str = ""
    marks: list[dict[str, Any]] = field(default_factory=list)


class StoryPage(HTMLParser):
    """The article columns of a story page: each one's text as a reader sees it, and its marks."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: list[Column] = []
        self.findings: list[dict[str, str]] = []
        self._article: str | None = None
        self._in_text = 0  # depth inside div.article-text
        self._mark: dict[str, Any] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "article" and "data-article" in a:
            self._article = a["data-article"]
        elif tag == "div" and "article-text" in a.get("class", "").split():
            assert self._article is not None
            self.columns.append(Column(self._article))
            self._in_text = 1
        elif self._in_text:
            assert tag == "mark", f"unexpected <{tag}> in article text"
            assert self._mark is None, "nested <mark>"
            self._in_text += 1
            self._mark = {"f": a["data-f"].split(), "start": int(a["data-start"]), "end": int(a["data-end"]),
                          "class": a["class"].split(), "text": ""}
        elif tag == "li" and "finding" in a.get("class", "").split():
            self.findings.append(a)

    def handle_endtag(self, tag: str) -> None:
        if not self._in_text:
            return
        self._in_text -= 1
        if tag == "mark" and self._mark is not None:
            self.columns[-1].marks.append(self._mark)
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.columns[-1].text += data
            if self._mark is not None:
                self._mark["text"] += data
