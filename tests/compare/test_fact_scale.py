"""Compare's work on an article that states hundreds of dates: every pair of one kind across two
articles is judged, so each article gives at most PER_ARTICLE of a kind, the first in its text, and
the story's note says what was left out. Work is counted (judge calls), not timed."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest

from storydiff.analyze import facts_from_doc
from storydiff.compare import PER_ARTICLE, compare_story
from storydiff.compare import values as values_module
from storydiff.model import Article

compare_module = importlib.import_module("storydiff.compare")


def _listing(article: str, days: list[int]) -> Article:
    """A list of dates, one sentence each, of two events in turn: "The office closed on Dec. 22,
    1970. The store opened on Dec. 23, 1970." """
    events = ("The office closed on", "The store opened on")
    return Article(id=article, text=" ".join(f"{events[k % 2]} Dec. {d}, 1970." for k, d in enumerate(days)))


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that counts the calls of judge_dates while the test runs."""
    calls: list[int] = []
    real = values_module.judge_dates

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(compare_module, "judge_dates", counted)
    return calls


def test_an_article_gives_at_most_per_article_dates(nlp, judged: list[int]) -> None:  # type: ignore[no-untyped-def]
    count = PER_ARTICLE + 30
    a = _listing("a", [22 + k % 2 for k in range(count)])  # the office closed on the 22nd
    b = _listing("b", [23 - k % 2 for k in range(count)])  # the office closed on the 23rd
    analyzed = [facts_from_doc(nlp(x.text), x) for x in (a, b)]
    story = compare_story(analyzed)
    cut = {x.id: [m.start() for m in re.finditer("Dec", x.text)][PER_ARTICLE] for x in (a, b)}
    dated = [m for f in story.findings if f.kind == "date" for m in f.mentions]
    assert len(dated) == 2 * PER_ARTICLE
    assert all(m.start < cut[m.article] for m in dated)  # the first in the text, not any
    assert story.note is not None
    for article in "ab":
        assert f"{article} states {count} dates; only its first {PER_ARTICLE} were compared" in story.note
        assert f"the other {count - PER_ARTICLE} are left out" in story.note
    # each pair across the two articles once, and telling values apart (told_apart) reads each
    # article's other statements of a value once per pair, not once per pair and statement
    assert len(judged) <= 3 * PER_ARTICLE * PER_ARTICLE


def test_a_short_story_has_no_note(nlp) -> None:  # type: ignore[no-untyped-def]
    a, b = _listing("a", [22, 23]), _listing("b", [23, 22])
    story = compare_story([facts_from_doc(nlp(x.text), x) for x in (a, b)])
    assert story.note is None
    assert len([m for f in story.findings if f.kind == "date" for m in f.mentions]) == 4
