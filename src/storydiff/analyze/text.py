"""Small helpers over a parsed doc shared by the extractors."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..model import Span as CharSpan

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
# Words so common in news that they say nothing about which fact a sentence states.
NEWS_STOP = {
    "say", "tell", "add", "be", "have", "do", "get", "make", "go", "also", "would", "will", "could",
    "year", "day", "time", "people", "mr.", "ms.", "mrs.", "dr.", "percent", "last", "first", "new",
    "include", "accord", "report", "-pron-", "which", "who", "that",
}


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins the tokens anew on every ``doc.text``."""
    text = doc.user_data.get("storydiff_text")
    if text is None:
        text = doc.user_data["storydiff_text"] = doc.text
    return text


def sentence_of(doc: Doc, start: int, end: int) -> Span:
    """The sentence holding the character at ``start`` (spanning to ``end`` if it runs on)."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or len(span) == 0:
        token = token_at(doc, start)
        return token.sent
    first = span[0].sent
    last = span[-1].sent
    return doc[first.start:last.end]


def token_at(doc: Doc, char: int) -> Token:
    """The token covering ``char`` (or the nearest one before it)."""
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= char:
            lo = mid
        else:
            hi = mid - 1
    return doc[lo]


def char_span(span: Span) -> CharSpan:
    return CharSpan(span.start_char, span.end_char)


def context_lemmas(sent: Span, skip: tuple[int, int] | None = None) -> tuple[str, ...]:
    """Content lemmas of a sentence, lower-cased, in order, without repeats.

    ``skip`` is a character range (the fact itself) whose tokens are left out, so that two facts
    are not judged alike merely for stating the same value.
    """
    seen: dict[str, None] = {}
    for idx, lemma in _content_lemmas(sent):
        if skip is None or not skip[0] <= idx < skip[1]:
            seen.setdefault(lemma, None)
    return tuple(seen)


# Initials written with stops: "F.B.I.", "U.S.", "p.m."
_DOTTED = re.compile(r"(?:[a-z]\.){2,}")


def _undotted(lemma: str) -> str:
    """A word of initials as outlets without stops write it: "F.B.I." (the Times' style) and "FBI"
    are one word to compare two sentences on."""
    return lemma.replace(".", "") if _DOTTED.fullmatch(lemma) else lemma


def _content_lemmas(sent: Span) -> list[tuple[int, str]]:
    """Each content token of ``sent`` as (character offset, lemma), read once per sentence and kept
    on the doc: a sentence that states many facts is asked for its context once per fact."""
    kept = sent.doc.user_data.setdefault("storydiff_contexts", {})
    key = (sent.start, sent.end)
    if key not in kept:
        found = []
        for tok in sent:
            if tok.pos_ not in CONTENT_POS or tok.is_stop or tok.like_num or len(tok.text) < 2:
                continue
            lemma = _undotted(tok.lemma_.lower())
            if lemma not in NEWS_STOP and any(c.isalpha() for c in lemma):
                found.append((tok.idx, lemma))
        kept[key] = found
    return kept[key]


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Spans:
    """Character spans already read, [start, end) each, asked whether a new one overlaps or lies
    inside any: kept in order of start with the longest one's length, so that a question looks only
    at the spans that start near it instead of at all (which, for each date or figure of a long
    article, grew with the square of its length)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._longest = max((e - s for s, e in self._spans), default=0)

    def append(self, span: tuple[int, int]) -> None:
        bisect.insort(self._spans, span)
        self._longest = max(self._longest, span[1] - span[0])

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._spans)

    def _near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start from ``start`` less the longest length up to ``end``: every span that
        overlaps [start, end) or holds it is among them."""
        lo = bisect.bisect_left(self._spans, (start - self._longest, start - self._longest))
        hi = bisect.bisect_right(self._spans, (end, end + self._longest + 1))
        return self._spans[lo:hi]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._near(start, end))

    def holds(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self._near(start, end))


NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}  # "Thursday" owns nothing


def entity_of(tok: Token) -> Span | None:
    """The named entity ``tok`` is part of (one of ``doc.ents``), found from its own and its
    neighbours' entity tags: ``doc.ents`` makes a span of every entity of the document at each call,
    which, asked for each name, grew with the square of a long article."""
    if tok.ent_iob_ not in ("B", "I"):
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def named(tok: Token) -> str | None:
    """The name ``tok`` is (or its appositive is: "the nation's leading scorer, Stephen Curry"): a
    person's, a team's, a state's; None for a pronoun or a common noun."""
    candidates = (tok, *(c for c in tok.children if c.dep_ == "appos"))
    # a person named first: "Heavyweight Champion, Wladimir Klitschko," is Klitschko's
    for t in sorted(candidates, key=lambda t: t.ent_type_ != "PERSON"):
        if (t.pos_ == "PROPN" or t.ent_type_ == "PERSON") and t.ent_type_ not in NOT_NAMES:
            entity = entity_of(t)
            if entity is not None:
                return entity.text
            names = (c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN")
            first = min(names, key=lambda c: c.i, default=t)
            return doc_text(t.doc)[first.idx:t.idx + len(t.text)]
    return None
