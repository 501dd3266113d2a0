"""The verbs of storydiff's Python API, as functions over the dataclasses.

    >>> from storydiff import load_articles, compare
    >>> articles, problems = load_articles(["a.txt", "b.txt"])
    >>> report = compare(articles)

Analysis of one article failing yields a :class:`Problem` for that article; the rest go on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .analyze import facts_from_doc
from .compare import CompareOptions, compare_story
from .model import Article, ArticleFacts, Problem, Report, Story
from .nlp import load_model

log = logging.getLogger(__name__)
Progress = Callable[[int], None]  # called with the number of articles just finished


def analyze_articles(articles: Sequence[Article], *, progress: Progress | None = None,
                     batch_size: int = 8) -> tuple[list[ArticleFacts], list[Problem]]:
    """Parse each article once and extract its facts; a failing article becomes a problem."""
    nlp = load_model()
    done: list[ArticleFacts] = []
    problems: list[Problem] = []
    parseable = []
    for a in articles:
        if len(a.text) > nlp.max_length:
            src = a.source or a.id
            problems.append(Problem(src, f"{src}: article is {len(a.text):,} characters, more than the model parses "
                                         f"({nlp.max_length:,}); split it"))
        else:
            parseable.append(a)
    articles = parseable
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size), strict=True):
        try:
            done.append(facts_from_doc(doc, article))
        except Exception as exc:  # one article's failure must not sink the batch; it is reported
            log.debug("analysis of %s failed", article.id, exc_info=True)
            problems.append(Problem(article.source or article.id,
                                    f"{article.source or article.id}: analysis failed ({type(exc).__name__}: {exc})"))
        if progress:
            progress(1)
    return done, problems


def field_value(article: Article, field: str) -> Any:
    """An article's value for ``field``: one of its own attributes or a kept metadata field."""
    if field in {"id", "outlet", "title", "published", "url"}:
        return getattr(article, field)
    return article.meta.get(field)


def group_articles(articles: Iterable[Article], field: str | None) -> tuple[dict[str, list[Article]], list[Problem]]:
    """Articles sharing the value of ``field`` form one story (all articles, without a field)."""
    if field is None:
        return {"": list(articles)}, []
    groups: dict[str, list[Article]] = {}
    problems = []
    for a in articles:
        value = field_value(a, field)
        if value is None or value == "":
            problems.append(Problem(a.source or a.id, f"{a.source or a.id}: no '{field}' field to group by; "
                                                      "the article is left out"))
            continue
        groups.setdefault(str(value), []).append(a)
    return groups, problems


def _story_id(value: str) -> str:
    return re.sub(r"[^\w.-]+", "-", value).strip("-")[:80] or "story"


def compare(articles: Sequence[Article], *, group_by: str | None = None, options: CompareOptions | None = None,
            progress: Progress | None = None) -> Report:
    """Compare articles as one story, or as one story per value of ``group_by``."""
    groups, problems = group_articles(articles, group_by)
    analyzed, failed = analyze_articles([a for g in groups.values() for a in g], progress=progress)
    problems += failed
    by_id = {a.article.id: a for a in analyzed}
    stories: list[Story] = []
    for value, members in groups.items():
        facts = [by_id[a.id] for a in members if a.id in by_id]
        if not facts:
            continue
        stories.append(compare_story(facts, story_id=_story_id(value) if group_by else None, options=options))
    return Report(articles=tuple(articles), stories=tuple(stories), problems=tuple(problems))
