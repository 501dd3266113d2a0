"""What the templates show: the story list filtered and sorted, and a story laid out for the page
(findings conflicts first, each article's text cut into highlighted segments). Plain data, built
from the library's dataclasses; no web framework here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup

from ..model import Article, Finding, Story
from ..store import StorySummary
from .highlight import STATUS_RANK, Segment, article_highlights, marked_html, ordered, segments
from .worddiff import QuoteDiff, quote_diffs

SORTS = ("recent", "conflicts", "articles")
GROUPS = (("conflict", "Conflicts"), ("variant", "Variants"), ("agree", "Agreements"),
          ("unique", "Only in one article"))


def filter_stories(stories: Sequence[StorySummary], query: str = "", sort: str = "recent") -> list[StorySummary]:
    """Stories whose title, outlets or id hold every word of ``query`` (any case), in ``sort`` order:
    ``recent`` (the store's order: latest article first), ``conflicts`` or ``articles`` (most first)."""
    words = query.casefold().split()
    found = [s for s in stories if all(w in _haystack(s) for w in words)]
    if sort == "conflicts":
        found.sort(key=lambda s: (-s.conflicts, -s.variants, s.id))
    elif sort == "articles":
        found.sort(key=lambda s: (-len(s.articles), s.id))
    return found


def _haystack(s: StorySummary) -> str:
    return " ".join([s.title or "", *s.outlets, s.id]).casefold()


@dataclass(frozen=True)
class FindingView:
    """A finding as listed: its index on the page (the key its evidence marks carry)."""

    index: int
    finding: Finding
    diffs: tuple[QuoteDiff, ...]

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.finding.mentions})


@dataclass(frozen=True)
class ArticleView:
    index: int
    article: Article
    segments: tuple[Segment, ...]
    link: str | None  # the article's URL when it is http(s); anything else is not made a link

    @property
    def findings(self) -> int:
        """How many findings have evidence in this article."""
        return len({f for s in self.segments for f in s.findings})

    @property
    def html(self) -> Markup:
        """The article's text as HTML, every segment escaped and the covered ones marked."""
        return marked_html(self.segments)


@dataclass(frozen=True)
class FindingGroup:
    status: str
    label: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class StoryView:
    story: Story
    groups: tuple[FindingGroup, ...]
    articles: tuple[ArticleView, ...]
    counts: dict[str, int]

    @property
    def findings(self) -> list[FindingView]:
        return [f for g in self.groups for f in g.findings]


def story_view(story: Story, articles: Sequence[Article]) -> StoryView:
    """The story's findings, conflicts first, and its articles (in the story's order) with every
    finding's evidence cut out as segments keyed by the finding's index."""
    findings = ordered(story.findings)
    views = [FindingView(i, f, tuple(quote_diffs(f))) for i, f in enumerate(findings)]
    groups = tuple(FindingGroup(status, label, tuple(v for v in views if v.finding.status == status))
                   for status, label in GROUPS)
    by_id = {a.id: a for a in articles}
    shown = [by_id[i] for i in story.articles if i in by_id]
    columns = tuple(ArticleView(i, a, tuple(segments(a.text, article_highlights(findings, a.id))), safe_link(a.url))
                    for i, a in enumerate(shown))
    counts: Counter[str] = Counter(f.status for f in findings)
    return StoryView(story, tuple(g for g in groups if g.findings), columns,
                     {s: counts.get(s, 0) for s in STATUS_RANK})


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL (a ``javascript:`` URL in an article's metadata must not
    become a link), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None
