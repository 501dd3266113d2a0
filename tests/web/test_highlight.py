"""The pure parts of the web app: segments at mention boundaries, the word diff, the story view."""

from __future__ import annotations

import pytest

from storydiff.model import Article, Finding, Mention, Story
from storydiff.web.highlight import Highlight, article_highlights, marked_html, ordered, segments
from storydiff.web.views import filter_stories, safe_link, story_view
from storydiff.web.worddiff import DiffPiece, quote_diffs, word_pieces

TEXT = "The mayor said 38 days of protest ended."


def cut(text: str, *spans: tuple[int, int, int, str]) -> list[tuple[str, tuple[int, ...], str | None]]:
    return [(s.text, s.findings, s.status) for s in segments(text, [Highlight(*span) for span in spans])]


@pytest.mark.parametrize(("spans", "expected"), [
    pytest.param((), [(TEXT, (), None)], id="no-mentions"),
    pytest.param(((15, 22, 0, "conflict"),),
                 [("The mayor said ", (), None), ("38 days", (0,), "conflict"), (" of protest ended.", (), None)],
                 id="one"),
    pytest.param(((4, 22, 0, "unique"), (15, 17, 1, "conflict")),
                 [("The ", (), None), ("mayor said ", (0,), "unique"), ("38", (0, 1), "conflict"),
                  (" days", (0,), "unique"), (" of protest ended.", (), None)], id="nested"),
    pytest.param(((4, 17, 0, "agree"), (15, 22, 1, "variant")),
                 [("The ", (), None), ("mayor said ", (0,), "agree"), ("38", (0, 1), "variant"),
                  (" days", (1,), "variant"), (" of protest ended.", (), None)], id="overlapping"),
    pytest.param(((0, 3, 0, "agree"), (0, 3, 1, "unique")),
                 [("The", (0, 1), "agree"), (" mayor said 38 days of protest ended.", (), None)], id="same-span"),
    pytest.param(((30, 99, 0, "agree"), (-5, 3, 1, "unique"), (9, 9, 2, "conflict")),
                 [("The", (1,), "unique"), (" mayor said 38 days of prot", (), None), ("est ended.", (0,), "agree")],
                 id="clipped-and-empty"),
])
def test_segments_cut_at_every_boundary(spans: tuple[tuple[int, int, int, str], ...],
                                        expected: list[tuple[str, tuple[int, ...], str | None]]) -> None:
    got = cut(TEXT, *spans)
    assert got == expected
    assert "".join(text for text, _, _ in got) == TEXT


def test_segments_of_empty_text() -> None:
    assert segments("", [Highlight(0, 4, 0, "agree")]) == []


def finding(fid: str, status: str, *mentions: Mention, diff: tuple[dict[str, object], ...] = ()) -> Finding:
    return Finding(id=fid, kind="quote", status=status, subject=fid, explanation="", mentions=mentions,  # type: ignore[arg-type]
                   diff=diff)


def test_marked_html_escapes_every_text_and_marks_covered_segments() -> None:
    text = 'Say <script>x</script> & "go" now'
    tag, amp = text.index("<script>"), text.index("&")
    end = len(text) - 4
    parts = segments(text, [Highlight(tag, amp, 2, "conflict"), Highlight(tag + 8, end, 5, "agree")])
    assert str(marked_html(parts)) == (
        f'Say <mark class="ev ev-conflict" data-f="2" data-start="{tag}" data-end="{tag + 8}">&lt;script&gt;</mark>'
        f'<mark class="ev ev-conflict" data-f="2 5" data-start="{tag + 8}" data-end="{amp}">x&lt;/script&gt; </mark>'
        f'<mark class="ev ev-agree" data-f="5" data-start="{amp}" data-end="{end}">&amp; &#34;go&#34;</mark> now')


def test_findings_are_ordered_conflicts_first_and_keep_their_order() -> None:
    fs = [finding("u", "unique"), finding("a1", "agree"), finding("c", "conflict"), finding("a2", "agree"),
          finding("v", "variant")]
    assert [f.id for f in ordered(fs)] == ["c", "v", "a1", "a2", "u"]


def test_highlights_of_one_article_carry_their_finding_index() -> None:
    fs = [finding("f0", "agree", Mention("a", 0, 3, "The"), Mention("b", 5, 8, "The")),
          finding("f1", "unique", Mention("a", 4, 9, "mayor"))]
    assert article_highlights(fs, "a") == [Highlight(0, 3, 0, "agree"), Highlight(4, 9, 1, "unique")]
    assert article_highlights(fs, "b") == [Highlight(5, 8, 0, "agree")]


@pytest.mark.parametrize(("reference", "other", "expected"), [
    ("They are coming after me because I am a target",
     "They are coming after me because I am a [Trump] target",
     [("same", "They are coming after me because I am a"), ("ins", "[Trump]"), ("same", "target")]),
    ("We will reopen the bridge soon. It is safe.", "We will reopen the bridge soon.",
     [("same", "We will reopen the bridge soon."), ("del", "It is safe.")]),
    ("a sucked into a conflict", "a drawn into a conflict",
     [("same", "a"), ("del", "sucked"), ("ins", "drawn"), ("same", "into a conflict")]),
    ("\u201cMake no mistake.\u201d", "Make no mistake", [("same", "Make no mistake")]),
])
def test_word_pieces(reference: str, other: str, expected: list[tuple[str, str]]) -> None:
    assert word_pieces(reference, other) == [DiffPiece(op, text) for op, text in expected]


def test_quote_diffs_follow_the_findings_diff() -> None:
    f = finding("q", "variant", Mention("a", 0, 20, "I am a [Trump] target"), Mention("b", 0, 14, "I am a target"),
                diff=({"article": "a", "against": "b", "inserted": ["[Trump]"], "omitted": [], "changed": []},))
    [d] = quote_diffs(f)
    assert (d.article, d.against) == ("a", "b")
    assert [p.op for p in d.pieces] == ["same", "ins", "same"]


def test_story_view_lays_out_findings_and_articles() -> None:
    text_a, text_b = "It lasted 38 days.", "It lasted 39 days."
    fs = (finding("u", "unique", Mention("a", 0, 2, "It")),
          finding("c", "conflict", Mention("a", 10, 17, "38 days"), Mention("b", 10, 17, "39 days")))
    view = story_view(Story(id="s", title="T", articles=("a", "b"), findings=fs),
                      [Article(id="b", text=text_b), Article(id="a", text=text_a)])
    assert [g.status for g in view.groups] == ["conflict", "unique"]
    assert [(f.index, f.finding.id) for f in view.findings] == [(0, "c"), (1, "u")]
    assert [a.article.id for a in view.articles] == ["a", "b"]  # the story's order
    assert [(s.text, s.findings) for s in view.articles[0].segments] == [
        ("It", (1,)), (" lasted ", ()), ("38 days", (0,)), (".", ())]
    assert view.counts == {"conflict": 1, "variant": 0, "agree": 0, "unique": 1}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a", "https://example.org/a"),
    (" http://example.org ", "http://example.org"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("//example.org/a", None),
    (None, None),
])
def test_only_http_links_are_made(url: str | None, expected: str | None) -> None:
    assert safe_link(url) == expected


def test_filter_stories_by_words_and_sort() -> None:
    from storydiff.store import StorySummary

    def summary(sid: str, title: str, outlets: tuple[str, ...], conflicts: int, n: int) -> StorySummary:
        return StorySummary(id=sid, title=title, articles=tuple(f"{sid}{i}" for i in range(n)), sources=n,
                            outlets=outlets, first=None, last=None, conflicts=conflicts, variants=0)

    stories = [summary("s1", "Portland protest", ("Oregonian",), 1, 2),
               summary("s2", "Flood in Millbrook", ("Tribune", "Oregonian"), 3, 4),
               summary("s3", "Harbor fire", ("Times",), 0, 5)]
    assert [s.id for s in filter_stories(stories, "oregonian")] == ["s1", "s2"]
    assert [s.id for s in filter_stories(stories, "OREGONIAN flood")] == ["s2"]
    assert [s.id for s in filter_stories(stories, "", "conflicts")] == ["s2", "s1", "s3"]
    assert [s.id for s in filter_stories(stories, "", "articles")] == ["s3", "s2", "s1"]
    assert [s.id for s in filter_stories(stories, "", "recent")] == ["s1", "s2", "s3"]
