"""A story's timeline: its articles in order of publication, and for each fact they share, the
article that stated it first and the value each later one gave.

When an article was published comes from its metadata (``published``: a date, or a date-time kept
whole in ``meta["published"]`` when the input gave one), else from the page's own stamp in its text
("Posted: Nov 27, 2005 8:20 AM ET", "Published: March 13, 2013"), read with dateparser and said to
come from the text, with the characters it was read from.

Order (:func:`order_key`): times with a zone (an offset) are compared as instants. A date with no
time is a day, not midnight anywhere: it comes after the instants of that day (in UTC) and before
those of the next, "placed by its date". A time with no zone (``8:20 AM ET``: EST or EDT) is placed
by its day too, after that day's instants and before its dates alone, and by its clock among the
other zoneless times of the day. Articles with no date at all come last. Ties keep the articles'
ids in order; the articles that stated a fact first are all those at the first article's place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .analyze.stamps import CLOCK_TIME, page_stamps
from .model import Article, Mention, Span, Story

SCHEMA = "storydiff.timeline/1"
MAX_STAMP = 160  # characters: the longest page stamp read for a time ("Posted: … Last Updated: …" fits)

_STAMP_WORD = re.compile(r"^\s*(?:(?:last|first|originally)\s+)?(?:updated|posted|published|modified)\s*:?\s*"
                         r"(?:(?:on|at)\s+)?", re.IGNORECASE)
_LATER_STAMP = re.compile(r"\s(?:last\s+)?(?:updated|posted|published|modified)\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:copyright|©|\(c\))", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
_ZONE = re.compile(r"\b(?:GMT|UTC|[ECMP][SD]T|Z)\b|[+-]\d\d:?\d\d\b")
_CLOCK = re.compile(CLOCK_TIME, re.IGNORECASE)


@dataclass(frozen=True)
class When:
    """When an article was published, as far as it is known."""

    day: dt.date | None  # the calendar day as written (in the time's own zone)
    time: dt.datetime | None = None  # with tzinfo when the zone is known
    source: str | None = None  # "metadata" or "text"; None when unknown
    evidence: Span | None = None  # where in the text it was read (source "text")

    @property
    def instant(self) -> bool:
        return self.time is not None and self.time.tzinfo is not None


@dataclass(frozen=True)
class Entry:
    """One article in the timeline."""

    article: Article
    when: When


@dataclass(frozen=True)
class FactLine:
    """A fact the story's articles share (a finding), its statements in publication order, and the
    articles that stated it first (more than one when they were published at the same known time,
    or on the same day with no time)."""

    finding: str
    kind: str
    status: str
    subject: str
    first: tuple[str, ...]
    statements: tuple[Mention, ...]  # each article's words, as the finding gives them


@dataclass(frozen=True)
class Credit:
    """An article crediting a source ("first reported by the Portland Tribune"), and the story's
    articles by that source, if any (matched by outlet name), in publication order."""

    mention: Mention  # the words of the credit in the crediting article; value: the source's name
    by_source: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    story: str
    title: str
    entries: tuple[Entry, ...]
    facts: tuple[FactLine, ...]
    copies: tuple[tuple[str, ...], ...] = ()  # near-duplicate texts, each group in publication order
    credits: tuple[Credit, ...] = ()

    @property
    def credited_first(self) -> str | None:
        """Of the story's articles by a credited source, the one published first."""
        dated = {e.article.id: i for i, e in enumerate(self.entries) if e.when.day is not None}
        found = [a for c in self.credits for a in c.by_source if a in dated]
        return min(found, key=dated.__getitem__) if found else None


def published_when(article: Article) -> When:
    """When ``article`` was published: from its metadata, else from a stamp in its text."""
    raw = article.meta.get("published")
    if isinstance(raw, str) and len(raw.strip()) > len("YYYY-MM-DD"):  # a date-time, not a date read as midnight
        try:
            stamp = dt.datetime.fromisoformat(raw.strip())
        except ValueError:
            pass
        else:
            return When(day=stamp.date(), time=stamp, source="metadata")
    if article.published is not None:
        return When(day=article.published, source="metadata")
    return time_from_text(article.text)


def time_from_text(text: str) -> When:
    """The first of the page's own stamps (see :func:`storydiff.analyze.stamps.page_stamps`) that
    gives a full date with its year, read with dateparser; a copyright line is no publication time.
    ``When(None)`` when there is none."""
    import dateparser

    for start, end in sorted(page_stamps(text)):
        raw = text[start:end]
        if end - start > MAX_STAMP or _COPYRIGHT.match(raw) or not _YEAR.search(raw):
            continue  # a run of digits and separators hundreds long is no stamp, and dateparser is no place for it
        body = _readable(_STAMP_WORD.sub("", raw))
        zoned = bool(_ZONE.search(body))
        try:
            read = dateparser.parse(body, languages=["en"], settings={
                "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": zoned})
        except Exception:  # dateparser raises a zoo of errors on odd input (as analyze/dates.py says)
            continue
        if read is None:
            continue
        lead = len(raw) - len(raw.lstrip())
        evidence = Span(start + lead, start + len(raw.rstrip()))
        if _CLOCK.search(body):
            return When(day=read.date(), time=read, source="text", evidence=evidence)
        return When(day=read.date(), source="text", evidence=evidence)
    return When(day=None)


def _readable(stamp: str) -> str:
    """A stamp as dateparser reads it: only its first date (``Posted: … Last Updated: …``), the
    spaces some pages put inside numbers closed up (``11 / 27 / 2005 7: 21 AM``), and a zone that
    names no offset (``ET``: EST or EDT) left out, so the time is read as one without a zone."""
    stamp = _LATER_STAMP.split(stamp, maxsplit=1)[0]
    stamp = re.sub(r"(?<=\d)\s*([:/])\s*(?=\d)", r"\1", stamp)
    stamp = re.sub(r"\b[ECMP]T\b", "", stamp)
    return stamp.strip(" \t|-–—,:")


def order_key(when: When) -> tuple[int, dt.date, int, dt.datetime | dt.time | None]:
    """Where an article stands in publication order (see the module's docstring): a time with a
    zone by its instant (on its day in UTC), a time without one after those on its own day and by
    its clock, a date alone after both, an unknown date last. A total order, so that every article
    has one place however the kinds mix."""
    if when.day is None:
        return (1, dt.date.max, 0, None)
    if when.time is not None and when.time.tzinfo is not None:
        instant = when.time.astimezone(dt.UTC)
        return (0, instant.date(), 0, instant)
    if when.time is not None:
        return (0, when.day, 1, when.time.time())
    return (0, when.day, 2, None)


def ordered(entries: Sequence[Entry]) -> list[Entry]:
    """``entries`` in publication order, ties by article id."""
    return sorted(entries, key=lambda e: (_sortable(order_key(e.when)), e.article.id))


def _sortable(key: tuple[int, dt.date, int, dt.datetime | dt.time | None]) -> tuple[object, ...]:
    """The key with its last part comparable across kinds (an instant, a clock or nothing)."""
    rank, day, kind, moment = key
    if isinstance(moment, dt.datetime):
        return rank, day, kind, moment.timestamp()
    if isinstance(moment, dt.time):
        return rank, day, kind, moment.hour * 3600 + moment.minute * 60 + moment.second
    return rank, day, kind, 0


def story_timeline(story: Story, articles: Sequence[Article], copies: Sequence[Sequence[str]] | None = None,
                   whens: Mapping[str, When] | None = None) -> Timeline:
    """The timeline of ``story`` over its ``articles`` (those it names that are given). ``copies``:
    its articles grouped as near-duplicates, and ``whens``: when each was published, when known (the
    store keeps both); else found here."""
    mine = [a for a in articles if a.id in set(story.articles)]
    known = whens or {}
    entries = ordered([Entry(a, known[a.id] if a.id in known else published_when(a)) for a in mine])
    rank = {e.article.id: i for i, e in enumerate(entries)}
    by_id = {e.article.id: e for e in entries}
    facts = []
    for finding in story.findings:
        mentions = sorted((m for m in finding.mentions if m.article in rank), key=lambda m: (rank[m.article], m.start))
        if len({m.article for m in mentions}) < 2:
            continue
        lead = order_key(by_id[mentions[0].article].when)
        first = tuple(dict.fromkeys(m.article for m in mentions
                                    if lead[0] == 0 and order_key(by_id[m.article].when) == lead))
        facts.append(FactLine(finding=finding.id, kind=str(finding.kind), status=finding.status,
                              subject=finding.subject, first=first,
                              statements=tuple(mentions)))
    return Timeline(story=story.id, title=story.title, entries=tuple(entries), facts=tuple(facts),
                    copies=copy_groups(entries) if copies is None else _in_order(copies, rank),
                    credits=credits(story, entries))


def _in_order(groups: Sequence[Sequence[str]], rank: dict[str, int]) -> tuple[tuple[str, ...], ...]:
    """The groups of two or more of the given articles, each in publication order, by its first."""
    kept = [sorted((a for a in g if a in rank), key=rank.__getitem__) for g in groups]
    return tuple(tuple(g) for g in sorted((g for g in kept if len(g) > 1), key=lambda g: rank[g[0]]))


def copy_groups(entries: Sequence[Entry]) -> tuple[tuple[str, ...], ...]:
    """The articles that are near-duplicates of one text (MinHash, as ingest links copies), each group
    of two or more in publication order: one source and its copies."""
    from .group.copies import is_copy, minhash

    sketches = [minhash(e.article.text) for e in entries]
    group = list(range(len(entries)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(entries)):
        for j in range(i + 1, len(entries)):
            if is_copy(sketches[i], sketches[j]):
                group[root(j)] = root(i)
    members: dict[int, list[str]] = {}
    for i, e in enumerate(entries):
        members.setdefault(root(i), []).append(e.article.id)
    return tuple(tuple(m) for m in members.values() if len(m) > 1)


def credits(story: Story, entries: Sequence[Entry]) -> tuple[Credit, ...]:
    """Every credit the story's articles give (its attribution findings' mentions), each with the
    story's articles by the source credited."""
    from .analyze.attributions import outlet_key

    by_outlet: dict[str, list[str]] = {}
    for e in entries:
        if e.article.outlet:
            by_outlet.setdefault(outlet_key(e.article.outlet), []).append(e.article.id)
    out = []
    for finding in story.findings:
        if finding.kind != "attribution":
            continue
        for m in finding.mentions:
            source = m.value if isinstance(m.value, str) else ""
            mine = by_outlet.get(outlet_key(source), []) if source else []
            out.append(Credit(mention=m, by_source=tuple(a for a in mine if a != m.article)))
    rank = {e.article.id: i for i, e in enumerate(entries)}
    return tuple(sorted(out, key=lambda c: (rank.get(c.mention.article, len(rank)), c.mention.start)))


# --- updates: figures that change between publications ------------------------------------------

# What a growing count counts (word stems): a toll, the injured, arrests, evacuations… A later report
# giving more is news developing; a later report giving fewer stays a conflict.
GROWING = ("kill", "die", "dead", "death", "toll", "fatalit", "casualt", "victim", "injur", "wound", "hurt",
           "hospitali", "arrest", "detain", "charg", "evacu", "displac", "homeless", "missing", "rescu", "trap",
           "infect", "case", "bod")
# A figure first given as preliminary and then revised, in either direction.
REVISED = ("magnitude",)
# People counted with a growing verb in their sentence ("the fire killed 30 people") count as a toll.
PEOPLE = frozenset({"people", "person", "persons", "man", "men", "woman", "women", "child", "children", "resident",
                    "residents", "passenger", "passengers", "worker", "workers", "student", "students"})


def update_reason(values: Sequence[tuple[str, float, str]], words: Sequence[str],
                  whens: dict[str, When], context: Sequence[str] = ()) -> str | None:
    """Why a disagreement between figures is news developing rather than a contradiction, or None
    when it is not. ``values``: (article, number, words stating it) per statement; ``words``: what the
    figure counts (its noun, head and unit); ``whens``: the articles' publication times; ``context``:
    the lemmas of the sentences stating it (a count of people there with a growing verb is a toll).

    An update: every article has a known date, no two articles at the same place in publication
    order (:func:`order_key`) give different numbers, and either the figure counts something that
    only grows (:data:`GROWING`) and never goes down from an earlier article to a later one, or it is
    one that is revised (:data:`REVISED`)."""
    if len(values) < 2 or any(whens.get(a) is None or whens[a].day is None for a, _, _ in values):
        return None
    stems = " ".join(words).lower()
    growing = any(w in stems for w in GROWING) or (
        bool(PEOPLE & set(stems.split())) and any(c.startswith(GROWING) for c in context))
    revised = any(w in stems for w in REVISED)
    if not (growing or revised):
        return None
    by_time = sorted(values, key=lambda v: (_sortable(order_key(whens[v[0]])), v[0]))
    at: dict[tuple[object, ...], set[float]] = {}
    for article, number, _ in by_time:
        at.setdefault(_sortable(order_key(whens[article])), set()).add(number)
    if len(at) < 2 or any(len(numbers) > 1 for numbers in at.values()):
        return None  # all at one time, or two articles of the same time disagree
    numbers = [n for _, n, _ in by_time]
    if growing and not revised and any(later < earlier for earlier, later in zip(numbers, numbers[1:], strict=False)):
        return None  # a count that cannot shrink went down
    path = ", then ".join(f"{article} ({_when_label(whens[article])}) “{said}”" for article, _, said in by_time)
    kind = "revised" if revised else "grew"
    return f"An update, not a contradiction: the figure {kind} between publications: {path}."


def _when_label(when: When) -> str:
    if when.time is None:
        return when.day.isoformat() if when.day else "date unknown"
    zone = when.time.strftime(" %z") if when.instant else ""
    return when.time.strftime("%Y-%m-%d %H:%M") + zone
