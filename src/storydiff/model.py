"""The data storydiff passes between stages: articles, the facts found in them, and findings.

Every fact is a frozen dataclass that points into its article's original text: ``article`` is the
article id and ``text[start:end]`` is the evidence. Facts carry their normalized value and a small
``context`` (content lemmas of the sentence around them) so that comparing facts never needs the
parse again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from .errors import InputError, one_line

Kind = Literal["quantity", "date", "quote", "attribution", "entity", "claim"]
Status = Literal["agree", "variant", "conflict", "unique"]


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is kept exactly as read; all offsets point into it.

    Every string in it, ``meta``'s included, must be valid Unicode: a lone surrogate (what a bad
    ``\\ud800`` escape in JSON reads as) can be neither parsed, stored, hashed nor printed, so making
    such an article raises :class:`~storydiff.errors.InputError` naming the field. ``meta`` may nest
    at most :data:`MAX_META_DEPTH` levels of lists and mappings.
    """

    id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            self._refuse(f"'id' is {self.id!r}; give each article a non-empty string id")
        fields = {"id": self.id, "text": self.text, "outlet": self.outlet, "title": self.title, "url": self.url,
                  "source": self.source}
        for name, value in fields.items():
            if isinstance(value, str) and (where := _lone_surrogate(value)) is not None:
                self._refuse(f"{name!r} is not valid Unicode (a lone surrogate at character {where}: {_PAIRS})")
        if (trouble := _meta_trouble(self.meta)) is not None:
            self._refuse(trouble)

    def _refuse(self, reason: str) -> None:
        source = self.source if _lone_surrogate(self.source) is None else ascii(self.source)
        if not source:
            source = f"article {self.id!r}" if _lone_surrogate(self.id) is None else f"article {ascii(self.id)}"
        raise InputError(source, f"{reason}; fix the record")


MAX_META_DEPTH = 64
_PAIRS = "in JSON, a \\ud800-style escape must come in a pair"
"""How deep an article's metadata may nest (lists and mappings): deeper, it cannot be written back as JSON."""


def _lone_surrogate(text: str) -> int | None:
    """Where ``text`` holds a lone surrogate, which no UTF-8 writer takes; None when it holds none."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def _meta_trouble(meta: Mapping[str, Any]) -> str | None:
    """What makes metadata unwritable (a lone surrogate, nesting too deep); None when nothing does.
    Walked without recursion: the nesting is what is checked."""
    for name, top in meta.items():
        field_name = f"metadata field {ascii(name)}"
        if isinstance(name, str) and _lone_surrogate(name) is not None:
            return f"{field_name}'s name is not valid Unicode (a lone surrogate: {_PAIRS})"
        stack: list[tuple[Any, int]] = [(top, 1)]
        while stack:
            value, depth = stack.pop()
            if isinstance(value, str) and (where := _lone_surrogate(value)) is not None:
                return f"{field_name} is not valid Unicode (a lone surrogate at character {where}: {_PAIRS})"
            if isinstance(value, Mapping | list | tuple):
                if depth >= MAX_META_DEPTH:
                    return f"{field_name} nests more than {MAX_META_DEPTH} levels deep"
                stack.extend((item, depth + 1) for item in value)
                if isinstance(value, Mapping):
                    stack.extend((item, depth + 1) for item in value.values())
    return None


@dataclass(frozen=True)
class Span:
    """A [start, end) range of characters in an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """Base of all facts: where the evidence is, and the words around it."""

    kind: ClassVar[Kind]
    article: str
    start: int
    end: int
    text: str
    sentence: Span
    context: tuple[str, ...]


@dataclass(frozen=True)
class Entity(Fact):
    """A person, organisation or place, with its in-article canonical name."""

    kind: ClassVar[Kind] = "entity"
    name: str
    label: str
    role: str | None = None


@dataclass(frozen=True)
class Speaker:
    """Who a quote is given to: the canonical name and the mention that names or refers to them."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Quote(Fact):
    """A direct quote. ``parts`` are the quoted stretches (a quote split around "he said" has two)."""

    kind: ClassVar[Kind] = "quote"
    parts: tuple[Span, ...]
    speaker: Speaker | None
    cue: Span | None
    partial: bool


QuantityValue = float | tuple[float, float]


@dataclass(frozen=True)
class Quantity(Fact):
    """A number with what it counts.

    ``value`` is a number or, for tallies and ranges, a pair. ``qualifier`` is one of ``about``
    (about, roughly), ``over`` (more than, -plus), ``min`` (at least), ``under`` (fewer than,
    nearly), ``max`` (up to, as many as), ``several`` (the range a count told as "several" admits)
    or None.
    ``unit`` is what the number measures ("day", "$", "percent", "year of age"), ``counted`` the
    noun phrase it counts or describes ("Occupy ICE protests"), ``actor`` whom the sentence
    gives the figure to, by name ("Newton's record of 4,051 yards", "Hansbrough averaged 7.2
    rebounds"), if anyone.
    """

    kind: ClassVar[Kind] = "quantity"
    value: QuantityValue
    qualifier: str | None
    unit: str | None
    counted: str | None
    head: str | None
    hypothetical: bool = False
    actor: str | None = None


@dataclass(frozen=True)
class DateValue:
    """An inclusive interval of days with the precision it was stated at."""

    first: dt.date
    last: dt.date
    granularity: str  # day, week, month, season, year, decade, range

    def overlaps(self, other: DateValue) -> bool:
        return self.first <= other.last and other.first <= self.last

    def label(self) -> str:
        if self.granularity == "day":
            return self.first.strftime("%B %-d, %Y")
        if self.granularity == "month":
            return self.first.strftime("%B %Y")
        if self.granularity == "year":
            return str(self.first.year)
        if self.first.year == self.last.year and self.granularity == "range" and self.first.month == 1 \
                and self.last.month == 12:
            return str(self.first.year)
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


@dataclass(frozen=True)
class DateFact(Fact):
    """A date or interval. ``value`` is None when the text cannot be placed on a calendar
    (a weekday in an article without a publication date); ``weekday`` then still says which day.
    ``head`` is the word the date attaches to (the event it dates: "began", "letter"), ``actors``
    whom that event involves by name: its subject, its object, its owner ("Jackman won a Tony in
    2004": Jackman, Tony); ``tense`` how the sentence tells it: "past", "present", "future" ("will
    visit", "is scheduled to") or "near" (the future seen from the past: "would")."""

    kind: ClassVar[Kind] = "date"
    value: DateValue | None
    weekday: str | None
    relation: str | None  # since, until, before, after, or None
    head: str | None
    actors: tuple[str, ...] = ()
    tense: str | None = None


@dataclass(frozen=True)
class Attribution(Fact):
    """Who an article credits for information: an outlet, an official, a document. ``teller``: for
    an interview credit ("Fox told CNN", "in an interview with ABC", "speaking on Fox News"), whom the
    sentence names as speaking to the outlet, if anyone."""

    kind: ClassVar[Kind] = "attribution"
    source: str
    source_kind: str  # outlet, person, organization, document
    cue: str
    content: Span
    teller: str | None = None


@dataclass(frozen=True)
class ArticleFacts:
    """An article with everything analyze found in it."""

    article: Article
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class Mention:
    """One article's statement of a finding's fact."""

    article: str
    start: int
    end: int
    text: str
    value: Any = None


@dataclass(frozen=True)
class Finding:
    id: str
    kind: Kind
    status: Status
    subject: str
    explanation: str
    mentions: tuple[Mention, ...]
    diff: tuple[Mapping[str, Any], ...] = ()


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    findings: tuple[Finding, ...]
    note: str | None = None


@dataclass(frozen=True)
class Problem:
    """An input or article that could not be handled, and why: each one printable line."""

    source: str
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", one_line(self.source))
        object.__setattr__(self, "message", one_line(self.message))


@dataclass(frozen=True)
class Report:
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    problems: tuple[Problem, ...] = ()
