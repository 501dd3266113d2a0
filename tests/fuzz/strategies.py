"""Hypothesis strategies for hostile and broken article text: real sentences from the shared data
(when it is there) mixed with generated noise, numbers, dates, quotations, names, markup and odd
Unicode; articles, stories and reports built from them."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import reject
from hypothesis import strategies as st

from storydiff.errors import InputError
from storydiff.model import (
    Article,
    DateValue,
    Finding,
    Mention,
    Problem,
    Report,
    Span,
    Story,
)

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"

WHITESPACE = (" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u2029", "\x0b", "\x0c", "\x85",
              "\u3000", "\u200b", "\u2003", " \n \n ")
QUOTE_PAIRS = (('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"),
               ("\u300c", "\u300d"), ("'", "'"), ("\u2039", "\u203a"), ("\u201a", "\u2018"), ("\u201d", "\u201d"),
               ("\u300e", "\u300f"), ("\uff02", "\uff02"), ("``", "''"), ("\u2033", "\u2033"), ("\u00bb", "\u00ab"))
QUOTE_MARKS = tuple(sorted({m for pair in QUOTE_PAIRS for m in pair} | {"`", "\u00b4", "\u201f", "\u201b"}))
ODD = ("e\u0301", "\u0301\u0301", "\U0001d49c", "\U0001f600", "\U0001f1fa\U0001f1f8", "\u200d", "\u202e", "\u2066",
       "\ufeff", "\ufffd", "\ud800", "\udfff", "\x00", "\x1b[31m", "\x7f", "\u01c5", "\u0130", "\ufb01", "\u03a3",
       "\U00058fe7", "\u29f5", "\u0345", "\u1e9e", "\u2126", "\u00ad", "\u034f", "\ufff9", "\U000e0001", "\u0e33")
MARKUP = ("<script>alert(1)</script>", "<fz-evil onfuzz=x>", '"><img src=x onerror=alert(1)>', "</textarea><b>",
          "&amp;", "&lt;b&gt;", "{{ 7*7 }}", "{% raw %}", "javascript:alert(1)", "]]>", "<!--", "-->", "\\",
          "|", "*bold*", "[link](javascript:x)", "# head", "<br>", "<a href='javascript:alert(1)'>x</a>")
NAMES = ("Ted Wheeler", "Mayor Ted Wheeler", "Wheeler", "Dana Ruiz", "Fire Chief Dana Ruiz", "the mayor",
         "Sean Riddell", "Nancy Pelosi", "Donald Trump", "the Associated Press", "Reuters", "ICE", "he", "she",
         "they", "it", "O'Brien", "José Álvarez", "Zoë Saldaña", "Björk", "Nguyễn Văn An", "习近平", "Владимир Путин")
CUES = ("said", "says", "told reporters", "added", "wrote", "tweeted", "according to", "claimed", "insisted",
        "said in a statement", "told The Oregonian")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Jan.", "Feb.", "Sept.", "Dec.")
RELATIVE_DATES = ("last week", "last summer", "in June", "on Monday", "next Friday", "yesterday", "today",
                  "two days ago", "this year", "last year", "next month", "the 1990s", "the 9990s", "the year 1",
                  "from 2010 to 2009", "February 29, 2023", "April 31", "Dec. 31, 9999", "Jan. 1, 0001",
                  "0001-01-01", "9999-12-31", "since 1", "until 9999", "1 AD", "500 BC", "Monday, June 3",
                  "earlier this month", "on Tuesday night", "the 1st century", "in the spring of 9999")
NUMBER_WORDS = ("10**400", "1e309", "1e-400", "0.0000001", "\u00bd", "3\u00bd", "\u0661\u0662\u0663", "\uff11\uff12",
                "\u00b2", "two dozen", "a million", "one and a half", "zero", "billions", "38-39", "38 to 39",
                "between 5 and 3", "$3.5 billion", "\u20ac1,000", "-0", "007", "1,00,000", "1.2.3", "99.999.999",
                "3:2", "40%", "40 percent", "4th", "0x1F", "NaN", "Infinity", "-5", "1/0", "9" * 30,
                "1,000,000,000,000")
COUNTED = ("people", "protesters were arrested", "-day", " days", "percent", "dollars", "officers", "years old",
           "homes were destroyed", "")
LONG_TEXT = 40_000
"""About the longest text made by repeating a piece: long enough for work that grows too fast with
length to show, short enough to parse in a few seconds."""
QUALIFIERS = ("", "more than ", "nearly ", "about ", "at least ", "up to ", "fewer than ", "roughly ", "some ")


@functools.cache
def real_sentences() -> tuple[str, ...]:
    """Sentences of real news from the shared data; none when it is not there."""
    found: list[str] = []
    for name in ("basil/dev.jsonl", "polnear/dev.jsonl"):
        path = SHARED / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            found.extend(s for s in re.split(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])|\n+", text) if s.strip())
    return tuple(found)


@functools.cache
def real_sentence() -> st.SearchStrategy[str]:
    sentences = real_sentences()
    return st.sampled_from(sentences) if sentences else st.just("The mayor said 38 people were arrested on Friday.")


@functools.cache
def noise(max_size: int = 30) -> st.SearchStrategy[str]:
    """Any code points at all, lone surrogates and controls too."""
    return st.text(st.characters(codec=None, categories=None), max_size=max_size)


@functools.cache
def names() -> st.SearchStrategy[str]:
    generated = st.lists(st.text(st.characters(categories=["Lu", "Ll", "Lt", "Lo", "Mn", "Zs"]), min_size=1,
                                 max_size=8).map(str.title), min_size=1, max_size=3).map(" ".join)
    return st.one_of(st.sampled_from(NAMES), generated, st.sampled_from(WHITESPACE + ODD),
                     st.tuples(st.sampled_from(NAMES), st.sampled_from(ODD)).map("".join))


@functools.cache
def numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-10**6, 10**6).map(str),
        st.integers(0, 10**30).map(lambda n: f"{n:,}"),
        st.integers(1, 600).map(lambda k: "1" + "0" * k),  # up to 10**600 written in digits
        st.floats().map(repr),
        st.sampled_from(NUMBER_WORDS),
    )


@functools.cache
def quantity_phrases() -> st.SearchStrategy[str]:
    return st.builds(lambda q, n, c, name, cue: f"{name} {cue} {q}{n}{'' if c.startswith('-') else ' '}{c}.",
                     st.sampled_from(QUALIFIERS), numbers(), st.sampled_from(COUNTED), names(), st.sampled_from(CUES))


@functools.cache
def dates() -> st.SearchStrategy[str]:
    years = st.one_of(st.sampled_from((1, 2, 10, 999, 1000, 1969, 1970, 2000, 2038, 9998, 9999, 10000)),
                      st.integers(0, 99999))
    return st.one_of(
        st.sampled_from(RELATIVE_DATES),
        st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(MONTHS), st.integers(0, 40), years),
        st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 31), st.sampled_from(MONTHS), years),
        st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", years, st.integers(0, 13), st.integers(0, 32)),
        st.builds(lambda y: f"in {y}", years),
        st.builds(lambda m: f"in {m}", st.sampled_from(MONTHS)),
    )


@functools.cache
def date_phrases() -> st.SearchStrategy[str]:
    return st.builds(lambda name, cue, d, s: f"{name} {cue} {d} that {s}", names(), st.sampled_from(CUES), dates(),
                     real_sentence())


@functools.cache
def quote_bodies() -> st.SearchStrategy[str]:
    return st.one_of(
        real_sentence(),
        st.lists(st.one_of(real_sentence(), numbers(), dates(), noise(10)), min_size=1, max_size=4).map(" ".join),
        # a long quotation of many short sentences
        st.builds(lambda s, k: " ".join([s] * k), st.sampled_from(("Ab.", "No.", "We will.", "Yes!", "Why?")),
                  st.integers(1, 3000)),
    )


@functools.cache
def quotations() -> st.SearchStrategy[str]:
    pair = st.sampled_from(QUOTE_PAIRS)
    return st.one_of(
        st.builds(lambda n, c, p, b: f"{n} {c}: {p[0]}{b}{p[1]}", names(), st.sampled_from(CUES), pair,
                  quote_bodies()),
        st.builds(lambda n, c, p, b: f"{p[0]}{b},{p[1]} {n} {c}.", names(), st.sampled_from(CUES), pair,
                  quote_bodies()),
        st.builds(lambda n, c, p, b1, b2: f"{p[0]}{b1},{p[1]} {n} {c}, {p[0]}{b2}{p[1]}", names(),
                  st.sampled_from(CUES), pair, quote_bodies(), quote_bodies()),
        st.builds(lambda n, b: f"According to {n}, {b}", names(), real_sentence()),
        # unbalanced: an opening mark and no closing one, or the reverse
        st.builds(lambda n, m, b: f"{n} said {m}{b}", names(), st.sampled_from(QUOTE_MARKS), quote_bodies()),
        st.builds(lambda m, b: f"{b}{m}", st.sampled_from(QUOTE_MARKS), real_sentence()),
    )


@functools.cache
def pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        real_sentence(), quotations(), quantity_phrases(), date_phrases(), dates(), numbers(), names(),
        st.sampled_from(QUOTE_MARKS), st.sampled_from(ODD), st.sampled_from(MARKUP), noise(),
    )


@functools.cache
@st.composite
def article_texts(draw: st.DrawFn, max_pieces: int = 10) -> str:
    """An article's text: pieces joined by odd whitespace, now and then one piece repeated."""
    parts = draw(st.lists(pieces(), min_size=1, max_size=max_pieces))
    seps = draw(st.lists(st.sampled_from(WHITESPACE), min_size=len(parts), max_size=len(parts)))
    if draw(st.integers(0, 9)) == 0:  # a long text: one piece many times over
        index = draw(st.integers(0, len(parts) - 1))
        times = min(draw(st.integers(2, 400)), LONG_TEXT // max(1, len(parts[index])))
        parts[index] = " ".join([parts[index]] * max(times, 2))
    text = "".join(p + s for p, s in zip(parts, seps, strict=True))
    # now and then longer than any model parses: quick to refuse, and it must be refused
    return text + " No." * 250_001 if draw(st.integers(0, 99)) == 0 else text


@functools.cache
def calendar_dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(st.sampled_from((dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30),
                                      dt.date(2000, 2, 29))), st.dates())


@functools.cache
def field_texts() -> st.SearchStrategy[str]:
    """A metadata field (title, outlet, url, id): ordinary, empty, hostile or huge."""
    return st.one_of(st.sampled_from(("", " ", "The Oregonian", "https://example.com/a?b=1&c=<2>", "../../etc/passwd",
                                      "a/b", "%2F..%2F", "story", "s-0123456789ab", "x" * 300))
                     | names() | noise() | st.sampled_from(MARKUP + ODD))


@functools.cache
def json_values(max_leaves: int = 6) -> st.SearchStrategy[object]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10**400, 10**400), st.floats(),
                        noise(20))
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(noise(8), inner,
                                                                                            max_size=3),
                        max_leaves=max_leaves)


@dataclass(frozen=True)
class Draft:
    """An article's fields. Making the :class:`Article` is left to the test, as part of the API
    under test: it refuses (InputError) what no writer can take, such as a lone surrogate."""

    fields: Mapping[str, Any]

    def article(self) -> Article:
        return Article(**self.fields)


def _draft(draw: st.DrawFn, article_id: str, text: str) -> Draft:
    return Draft({
        "id": article_id, "text": text, "outlet": draw(st.none() | field_texts()),
        "title": draw(st.none() | field_texts()), "published": draw(st.none() | calendar_dates()),
        "url": draw(st.none() | field_texts()),
        "meta": draw(st.dictionaries(st.sampled_from(("event", "author", "topic")) | noise(8), json_values(),
                                     max_size=3)),
    })


@functools.cache
@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """One article: hostile text, hostile metadata."""
    return _draft(draw, draw(field_texts()), draw(article_texts()))


@functools.cache
@st.composite
def story_drafts(draw: st.DrawFn, min_size: int = 1, max_size: int = 4) -> list[Draft]:
    """Articles with distinct ids; with some luck, two of them share sentences, quotes or numbers."""
    ids = draw(st.lists(field_texts(), min_size=min_size, max_size=max_size, unique=True))
    shared = draw(st.lists(pieces(), max_size=4))
    out = []
    for article_id in ids:
        own = draw(article_texts(6))
        borrowed = draw(st.lists(st.sampled_from(shared), max_size=3)) if shared else []
        out.append(_draft(draw, article_id, " ".join(draw(st.permutations([own, *borrowed])))))
    return out


def made(drafts: list[Draft]) -> list[Article]:
    """The articles of ``drafts``; InputError for the first that cannot be made."""
    return [d.article() for d in drafts]


# -- reports made up directly, for the renderers ---------------------------------------------------

KINDS = ("quantity", "date", "quote", "attribution", "entity", "claim")
STATUSES = ("agree", "variant", "conflict", "unique")


@functools.cache
def mention_values() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(), st.floats(), st.integers(-10**400, 10**400), st.tuples(st.floats(), st.floats()),
        st.builds(lambda a, b, g: DateValue(min(a, b), max(a, b), g), calendar_dates(), calendar_dates(),
                  st.sampled_from(("day", "week", "month", "season", "year", "decade", "range"))),
        st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6)), calendar_dates(), noise(),
        st.dictionaries(noise(8), st.floats() | noise(8), max_size=3),
    )


@st.composite
def mentions(draw: st.DrawFn, article: Article) -> Mention:
    start = draw(st.integers(0, len(article.text)))
    end = draw(st.integers(start, len(article.text)))
    return Mention(article.id, start, end, article.text[start:end], draw(mention_values()))


@functools.cache
@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A report whose mentions point into its articles, every other field hostile."""
    try:
        members = made(draw(story_drafts(min_size=1, max_size=3)))
    except InputError:
        reject()  # no such report: an Article refuses what no writer could take
    told = []
    for _ in range(draw(st.integers(0, 2))):
        findings = []
        for _ in range(draw(st.integers(0, 5))):
            quoted = draw(st.lists(st.sampled_from(members), min_size=1, max_size=3))
            diff = draw(st.lists(st.dictionaries(st.sampled_from(("inserted", "deleted", "a", "b")),
                                                 st.lists(noise(10), max_size=3) | noise(10)), max_size=2))
            findings.append(Finding(
                id=draw(field_texts()), kind=draw(st.sampled_from(KINDS)), status=draw(st.sampled_from(STATUSES)),
                subject=draw(field_texts()), explanation=draw(field_texts()),
                mentions=tuple(draw(mentions(a)) for a in quoted), diff=tuple(diff)))
        told.append(Story(id=draw(field_texts()), title=draw(field_texts()),
                          articles=tuple(a.id for a in members), findings=tuple(findings),
                          note=draw(st.none() | field_texts())))
    problems = draw(st.lists(st.builds(Problem, field_texts(), field_texts()), max_size=2))
    return Report(articles=tuple(members), stories=tuple(told), problems=tuple(problems))
