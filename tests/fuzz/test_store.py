"""The store on generated articles: what goes in comes out, facts and findings point into the
stored texts, a second ingest changes nothing, exports are strict JSON; a damaged store file is a
StoreError, never a sqlite3 traceback."""

from __future__ import annotations

import functools
import json
import math
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from storydiff.cli import main
from storydiff.errors import StorydiffError, one_line
from storydiff.model import Article, Report
from storydiff.store import Store, content_hash
from storydiff.stories import ingest
from tests.conftest import EXAMPLE
from tests.fuzz.harness import check_facts, check_report, fuzz, strict_json, writable
from tests.fuzz.strategies import Draft, made, story_drafts


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="storydiff-fuzz-") as name:
        yield Path(name)


def as_json(value: Any) -> Any:
    """``value`` as a JSON writer keeps it: tuples as lists, NaN and infinities as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def stored_as(store: Store, article: Article) -> Article | None:
    """The stored copy of ``article``: under its own id, or ``id~hash`` when the id was taken."""
    for candidate in (article.id, f"{article.id}~{content_hash(article)[:10]}"):
        kept = store.article(candidate)
        if kept is not None and kept.text == article.text:
            return kept
    return None


def check_stored(store: Store, articles: list[Article], failed: set[str]) -> None:
    """Every article is stored as it was given (but for its id, when that was taken), or failed."""
    for a in articles:
        kept = stored_as(store, a)
        if kept is None:
            assert one_line(a.source or a.id) in failed or any(b.text == a.text for b in articles if b is not a), a.id
            continue
        assert (kept.outlet, kept.title, kept.published, kept.url) == (a.outlet, a.title, a.published, a.url)
        assert json.dumps(dict(kept.meta), sort_keys=True) == json.dumps(as_json(dict(a.meta)), sort_keys=True)
        [facts] = store.facts([kept.id])
        check_facts(facts)


def check_stories(store: Store) -> None:
    for summary in store.stories():
        story = store.story(summary.id)
        members = tuple(a for a in (store.article(i) for i in story.articles) if a is not None)
        assert len(members) == len(story.articles)
        report = Report(articles=members, stories=(story,))
        check_report(report)


def check_exports(db: Path) -> None:
    for what in ("articles", "reports"):
        result = CliRunner().invoke(main, ["export", "--db", str(db), "--what", what])
        assert result.exit_code == 0, result.output
        for line in result.output.split("\n")[:-1]:  # JSON lines end with "\n" alone; U+2028 is text
            strict_json(writable(line))


@given(drafts=story_drafts(min_size=1, max_size=4), batch=st.integers(1, 4))
@fuzz(weight=0.5)
def test_what_is_stored_comes_back_and_a_second_ingest_changes_nothing(drafts: list[Draft], batch: int) -> None:
    try:
        articles = made(drafts)
    except StorydiffError:
        return
    with folder() as tmp, Store(tmp / "s.db") as store:
        first = ingest(store, articles, batch=batch)
        assert first.read == len(articles)
        assert first.stored + first.skipped + len(first.problems) == len(articles), first
        check_stored(store, articles, {p.source for p in first.problems})
        check_stories(store)
        before = (store.counts(), store.story_of(), store.stories())
        again = ingest(store, articles, batch=batch)
        assert (again.stored, again.skipped) == (0, first.stored + first.skipped), again
        assert (store.counts(), store.story_of(), store.stories()) == before
        check_exports(tmp / "s.db")


@functools.cache
def example_store() -> bytes:
    """A store holding the example pair, as bytes (made once)."""
    with folder() as tmp:
        shutil.copy(EXAMPLE / "a.txt", tmp / "a.txt")
        with Store(tmp / "s.db") as store:
            assert ingest(store, [Article(id=n, text=(EXAMPLE / f"{n}.txt").read_text(encoding="utf-8"))
                                  for n in ("a", "b")]).stored == 2
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return (tmp / "s.db").read_bytes()


@given(at=st.integers(0, 10**7), junk=st.binary(min_size=1, max_size=64), truncate=st.booleans())
@fuzz(weight=2)
def test_a_damaged_store_is_a_store_error(at: int, junk: bytes, truncate: bool) -> None:
    data = example_store()
    at %= len(data)
    data = data[:at] if truncate else data[:at] + junk + data[at + len(junk):]
    with folder() as tmp:
        (tmp / "s.db").write_bytes(data)
        try:
            with Store(tmp / "s.db") as store:
                check_stories(store)
                ingest(store, [Article(id="c", text="Fire crews fought a blaze at the warehouse on Friday.")])
                check_stories(store)
        except StorydiffError:
            pass
