"""Dates: what day, week, month, season or year a mention refers to, and what it dates.

"the protests began June 17" → June 17 of the publication year, head "begin"; "since 2002" →
the span "2002" with relation "since"; "Wednesday's vote" → the Wednesday before publication,
head "vote"; "from 2000 to 2006" → one range. Expressions are found with the rules of
:mod:`.datenorm` over the whole text (so weekdays and "this summer" are seen even where spaCy
tags nothing); bare years and month names count only where spaCy tagged a DATE or a preposition
precedes them. Durations and ages that spaCy also tags DATE ("38-day", "two years", "Mr. Hunter,
41,") are left to the quantity extractor (:func:`is_duration`). The few DATE entities the rules
do not cover are read with dateparser, when they name a month or weekday.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Article, DateFact, DateValue
from .datenorm import MONTH, WEEKDAY, WEEKDAYS, Context, Hit, Reading, Tense, read_date, scan
from .quantities import parse_number
from .stamps import not_story
from .text import Spans, char_span, clean_span, context_lemmas, doc_text, named, sentence_of

__all__ = ["extract_dates", "is_duration", "outside_quotes"]

_NUM = (r"\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|several|few|many|"
        r"a\s+few|a\s+couple(?:\s+of)?|couple(?:\s+of)?|half\s+a|a\s+half|dozens?\s+of|two\s+dozen")
_UNIT = r"(?:day|night|week|weekend|month|year|decade|century|centuries|hour|minute)s?"
_DURATION = re.compile(
    r"(?i)(?:(?:for|about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|under|up\s+to|"
    r"just|only|barely|at\s+least|at\s+most|well|another|full|extra|additional|straight|consecutive|"
    r"long|the|a|an|his|her|their|its|my|our|your|past|last|next|first|final|remaining|previous|"
    r"coming|following|few|several|early|late|recent|entire|whole|all|each|every)\s+)*"
    rf"(?:(?:{_NUM})[\s-]+)?(?:(?:straight|full|long)\s+)?{_UNIT}(?:\s+and\s+a\s+half)?(?:[\s-]+(?:old|long))?")
_HYPHENATED = re.compile(
    rf"(?i)(?:^|[\s(])(?:{_NUM}|multi|half)-(?:day|week|month|year|decade)s?(?:-old|-long)?(?!\w)"
    r"|(?:days|weeks|months|years|decades)-?long|yearlong|monthslong|weeklong|-year-old")
_AGE = re.compile(r"(?i)(?:(?:age|aged|over|under)\s+)?\d{1,3}(?:\s+and)?|(?:his|her|their|its)\s+"
                  r"(?:early\s+|mid-?|late\s+)?(?:teens|\d0s)|teen\s+years|(?:early\s+|mid-?|late\s+)?\d0s")
_NAMES_A_DAY = re.compile(rf"{MONTH}|{WEEKDAY}")
# A preposition before a bare "2010" or "May" makes it a date; "'s" after it ("1898's") too.
_DATE_PREP = re.compile(r"(?i)\b(?:in|since|until|till|through|from|by|before|after|during|between|"
                        r"and|early|late|mid|circa|around|prior\s+to)\s+$")
_RELATION = re.compile(r"(?i)\b(since|until|till|through|thru|before|after|by|prior\s+to|up\s+until|"
                       r"no\s+later\s+than)\s+$")
_RELATIONS = {"till": "until", "through": "until", "thru": "until", "up until": "until",
              "prior to": "before", "no later than": "by"}
_ATTACKS = re.compile(r"(?i)attack|terror|hijack|victim|famil|survivor|memorial|commission|9/11")
_SEPT_11 = re.compile(r"Sept(?:ember|\.)?\s+11(?:th)?$")
# Days told from the day the article last named: "The next day, he clarified", "two days later",
# "the day before,", "on that same day". Not those anchored on what follows ("the day before the
# election", "one day after Obama insisted"): their day is that event's, which the text must name.
_FROM_LAST = re.compile(
    r"(?i)\b(?:(?P<next>the (?:next|following) (?:day|morning|afternoon|evening|night))"
    r"|(?P<n>a|one|two|three|four|five|six) days? (?P<dir>later|earlier)"
    r"|(?P<before>the (?:day|night) before|the previous (?:day|night))(?=\s*[,.;])"
    r"|(?P<same>(?:that|the) same day))\b")
# A weekday named by the word before it is a day of its own, not the weekday of the news's week:
# "Super Tuesday" (the primaries' day, 1 March in 2016), "Black Friday", "Good Friday", "Super Bowl
# Sunday". Where the year sets it, this week's Tuesday would be a wrong date; unread, it is none.
_NAMED_DAY = re.compile(r"\b(?:Super|Black|Cyber|Good|Holy|Maundy|Ash|Palm|Easter|Bloody|Mini|Giving|Whit|"
                        r"Bowl|Small\s+Business|Patch)\s+$")
# Nor is a weekday that recurs or is counted in its month: "patches come out on the second Tuesday of every
# month", "the first Monday in September", "every Friday". ("last" is left out: "last Thursday in a loss to
# Chicago" is last week's.)
_NTH_BEFORE = re.compile(r"(?i)\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+$")
_NTH_AFTER = re.compile(r"\s+(?:of|in)\b(?!\s+a\s+row)")  # "for the second Tuesday in a row" is this week's
_EVERY_BEFORE = re.compile(r"(?i)\b(?:every|each)\s+$")
_EVERY_AFTER = re.compile(r"(?i)\s+(?:of|in)\s+(?:each|every)\s+(?:month|week|year)\b")
# Entities a weekday or holiday inside of is not a date ("Fox News Sunday", "Ruby Tuesday").
_NOT_DATES = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "LOC", "NORP"}
FUTURE_WORDS = {"will", "'ll", "’ll", "shall", "wo"}
FUTURE_LEMMAS = {"expect", "schedule", "due", "plan", "set", "slate", "intend", "poise"}
AHEAD_WORDS = {"next", "upcoming", "forthcoming", "coming", "scheduled", "planned"}
# Verbs that put what they govern ahead of the moment they were done: "was scheduled for June 28",
# "the judge set sentencing for June 28", "postponed the vote until March 5".
SCHEDULE_LEMMAS = {"schedule", "reschedule", "slate", "postpone", "delay", "adjourn", "push", "move",
                   "set"}


def is_duration(span: Span) -> bool:
    """Whether a span spaCy tags DATE is a length of time or an age ("38-day", "two years",
    "Mr. Hunter, 41,", "76-year-old", "the past six years", "monthslong") — a quantity, not a date."""
    if read_date(span.text, Context(None)) is not None:  # "last week", "next year", "'08"
        return False
    text = " ".join(span.text.strip(" ,.;:'’\"“”").split())
    if re.search(r"(?i)\b(?:ago|later|earlier)$", text):
        return False
    return bool(_DURATION.fullmatch(text) or _HYPHENATED.search(text) or _AGE.fullmatch(text))


def extract_dates(doc: Doc, article: Article, *, stamps: Sequence[tuple[int, int]] | None = None,
                  quoted: Sequence[tuple[int, int]] = ()) -> Iterator[DateFact]:
    """Date mentions of one parsed article, in text order, normalized against its publication.
    Dates inside ``stamps`` (:func:`.stamps.not_story` unless given: the page's own stamps and its
    markup tags) are left out. No day is told from one :func:`outside_quotes` leaves out of the direct
    quotes' spans ``quoted`` ("There is only one debate tonight", quoted the next morning, dates no
    debate a later "The debate came two days after …" could be told from); such dates are still
    yielded: the caller leaves them out of the facts, and out of the figures too."""
    published = _as_date(article.published)
    text = doc_text(doc)
    stamps = not_story(text) if stamps is None else stamps
    date_ents = [e for e in doc.ents if e.label_ == "DATE"]
    dated = Spans((e.start_char, e.end_char) for e in date_ents)
    other = Spans((e.start_char, e.end_char) for e in doc.ents if e.label_ in _NOT_DATES)
    facts: list[DateFact] = []
    taken = Spans()
    for hit in scan(text):
        if other.holds(hit.start, hit.end) or hit.needs_support and not _supported(hit, text, dated):
            continue
        if hit.rule.name == "rel_day" and _in_a_name(doc, hit.start, hit.end) or \
                hit.rule.name == "weekday" and _named_day(text, hit.start, hit.end):
            taken.append((hit.start, hit.end))
            continue
        fact = _fact(doc, article, hit.start, hit.end, published, hit)
        taken.append((hit.start, hit.end))
        if fact is not None:
            facts.append(fact)
    for ent in date_ents:
        if taken.overlaps(ent.start_char, ent.end_char) or is_duration(ent):
            continue
        if _NAMES_A_DAY.search(ent.text):
            start, end = clean_span(text, ent.start_char, ent.end_char)
            fact = _fact(doc, article, start, end, published, None)
            if fact is not None:
                facts.append(fact)
    facts.sort(key=lambda f: f.start)
    page = Spans(stamps)
    facts = [f for f in facts if not page.overlaps(f.start, f.end)]
    yield from _from_last(doc, article, _anchored(doc, article, facts, taken, quoted), taken, quoted)


def _from_last(doc: Doc, article: Article, facts: list[DateFact], taken: Spans,
               quoted: Sequence[tuple[int, int]]) -> list[DateFact]:
    """``facts`` with the days told from the day named last (_FROM_LAST) placed: "the next day" after
    "Friday night" is the Saturday. The day named last is the nearest day before it in its own
    paragraph or the one before; without one, such a phrase is left out."""
    text = doc_text(doc)
    out = list(facts)
    for m in _FROM_LAST.finditer(text):
        if _claimed(m.start(), m.end(), taken, out):
            continue
        last = max(_days_before(out, m.start(), quoted), key=lambda f: f.start, default=None)
        if last is None or last.value is None or text.count("\n\n", last.end, m.start()) > 1:
            continue
        if m.group("same"):
            days = 0
        elif m.group("n"):
            days = int(parse_number(m.group("n")) or 1) * (1 if m.group("dir").lower() == "later" else -1)
        else:
            days = 1 if m.group("next") else -1
        try:
            day = last.value.first + dt.timedelta(days=days)
        except OverflowError:
            continue  # "the next day" after Dec. 31, 9999: past the calendar's end, as elsewhere (see _fact)
        fact = _fact(doc, article, m.start(), m.end(), None, None, Reading(DateValue(day, day, "day")))
        if fact is not None:
            out.append(fact)
            out.sort(key=lambda f: f.start)
    return out


def _claimed(start: int, end: int, taken: Spans, facts: list[DateFact]) -> bool:
    """Whether [start, end) overlaps a span a rule already read (``taken``) or a date already found."""
    return taken.overlaps(start, end) or any(f.start < end and start < f.end for f in facts)


def _named_day(text: str, start: int, end: int) -> bool:
    """Whether the weekday at [start, end) is a day of its own (_NAMED_DAY), recurs or is counted in its month."""
    before = text[max(0, start - 20):start]
    return bool(_NAMED_DAY.search(before) or _EVERY_BEFORE.search(before) or _EVERY_AFTER.match(text, end)
                or _NTH_BEFORE.search(before) and _NTH_AFTER.match(text, end))


def _days_before(facts: list[DateFact], end: int, quoted: Sequence[tuple[int, int]]) -> Iterator[DateFact]:
    """The days of the calendar named before ``end`` that another day may be told from: not one told
    inside a quote from the day its words were said (see :func:`outside_quotes`)."""
    return (f for f in facts if f.end <= end and f.value is not None and f.value.granularity == "day"
            and not _quoted_day(f, quoted))


# A day told from the day of what the sentence's subject names: "The report comes one day after
# President Obama insisted …" (the report dated earlier in the article: "a report released Friday
# morning"), "Ryan's comments come two days after Trump delivered a blowout win".
_ANCHORED = re.compile(r"(?i)\b(?P<verb>comes?|came|coming)\s+(?:just\s+|only\s+|exactly\s+)?"
                       r"(?P<n>a|one|two|three|four|five|six|the)\s+days?\s+(?P<dir>after|before)\b")


def _anchored(doc: Doc, article: Article, facts: list[DateFact], taken: Spans,
              quoted: Sequence[tuple[int, int]]) -> list[DateFact]:
    """``facts`` with the days told from their subject's day (_ANCHORED) placed: "The report comes one
    day after President Obama insisted", where the article dated the report before ("in a report
    released Friday morning"), dates Obama's insisting on the Thursday. The subject's day is that of the
    last day named before it that dates the subject's noun (see _dates_noun); a subject the article never
    dated, or a pronoun, places nothing.
    The date is of the event after "after" or "before" (the insisting), and of whom it names."""
    text = doc_text(doc)
    out = list(facts)
    for m in _ANCHORED.finditer(text):
        if _claimed(m.start(), m.end(), taken, out):
            continue
        verb = doc.char_span(m.start("verb"), m.end("verb"))
        link = doc.char_span(m.start("dir"), m.end("dir"))
        if verb is None or link is None or verb.root.lemma_ != "come":
            continue
        subject = next((c for c in verb.root.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"), None)
        event = _event_of(link.root)
        anchor = None if subject is None else max(
            (f for f in _days_before(out, m.start(), quoted) if _dates_noun(doc, f, subject.lemma_)),
            key=lambda f: f.start, default=None)
        if anchor is None or anchor.value is None or event is None:
            continue
        days = 1 if m["n"].lower() in ("a", "the") else int(parse_number(m["n"]) or 1)
        try:
            day = anchor.value.first + dt.timedelta(days=days if m["dir"].lower() == "before" else -days)
        except OverflowError:
            continue  # past the calendar's end, as in _from_last
        fact = _fact(doc, article, m.start("n"), m.end(), None, None, Reading(DateValue(day, day, "day")))
        if fact is not None:
            span = doc[event.i:event.i + 1]
            out.append(dataclasses.replace(fact, head=event.lemma_.lower(), actors=_actors(event, span)))
    return sorted(out, key=lambda f: f.start)


def _event_of(link: Token) -> Token | None:
    """The event "after" or "before" leads to: the verb of its clause ("after Obama insisted"), or its
    noun ("after the election")."""
    if link.dep_ == "mark" and link.head.pos_ in ("VERB", "AUX"):
        return link.head
    return next((c for c in link.children if c.dep_ in ("pobj", "pcomp")), None)


def _dates_noun(doc: Doc, date: DateFact, lemma: str) -> bool:
    """Whether ``date`` dates the noun ``lemma``: its word is the noun, describes it ("a report
    released Friday") or is done to it ("will hold the hearing on Monday", "the report was released
    Friday")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    head = None if span is None or len(span) == 0 else _head(span.root)
    return head is not None and (head.lemma_ == lemma or head.dep_ == "acl" and head.head.lemma_ == lemma
                                 or any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_ == lemma for c in head.children))


def _as_date(published: dt.date | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def _in_a_name(doc: Doc, start: int, end: int) -> bool:
    """"USA TODAY", "Psychology Today": a day word written with a capital right after a proper noun,
    inside a sentence not written all in capitals, is a word of a name; running text writes "today"
    in lower case."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or not span[0].text[:1].isupper() or span[0].is_sent_start or span[0].i == 0:
        return False
    if all(t.is_upper or not t.is_alpha for t in span[0].sent):
        return False  # a line in capitals ("SENATE VOTES TODAY") capitalizes every word
    before = doc[span[0].i - 1]
    return before.pos_ == "PROPN" or (before.is_upper and before.is_alpha and len(before) > 1)


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _supported(hit: Hit, text: str, dated: Spans) -> bool:
    if dated.overlaps(hit.start, hit.end):
        return True
    if re.match(r"['’]s\b", text[hit.end:hit.end + 3]):
        return True
    return _DATE_PREP.search(text[max(0, hit.start - 20):hit.start]) is not None


def _fact(doc: Doc, article: Article, start: int, end: int, published: dt.date | None,
          hit: Hit | None, placed: Reading | None = None) -> DateFact | None:
    """The date at [start, end): read by ``hit``'s rule, or from its text; ``placed``: already read."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = sentence_of(doc, start, end)
    words = doc_text(doc)[start:end]
    year = 2001 if _SEPT_11.match(words) and _ATTACKS.search(sent.text) else None
    tense = _tense(span.root)
    if tense == "present" and words in WEEKDAYS and _scheduled_present(span.root):
        tense = "future"
    ctx = Context(published, tense, year)
    try:
        reading = placed or (hit.read(ctx) if hit is not None else _fallback(words, ctx))
    except (ValueError, OverflowError):
        # A date placed past the calendar's ends ("next year" in 9999, "300,000 weeks ago"): the
        # date module says so with these two; such a mention cannot be dated, like one never read.
        reading = None
    if reading is None:
        return None
    head = _head(span.root)
    if head is not None and _dated_again(head, span):
        head = None  # which of two dates is the event's the parse cannot tell
    return DateFact(
        article=article.id, start=start, end=end, text=words, sentence=char_span(sent),
        context=context_lemmas(sent, skip=(start, end)), value=reading.value,
        weekday=reading.weekday, relation=_relation(doc_text(doc), start, span.root),
        head=None if head is None else head.lemma_.lower(), actors=_actors(head, span), tense=ctx.tense,
    )


def _relation(text: str, start: int, root: Token) -> str | None:
    """"since", "until", "before", "after" or "by" when that preposition governs the date
    (not in "moments before Wednesday's vote", where it governs the vote)."""
    m = _RELATION.search(text[max(0, start - 20):start])
    if m is None or root.dep_ == "poss" or not _is_preposition(root.head):
        return None
    word = " ".join(m[1].lower().split())
    return _RELATIONS.get(word, word)


def _dated_again(head: Token, span: Span) -> bool:
    """Whether the word a date attaches to is dated by another day of the sentence as well: "As it
    promised [Tuesday], Microsoft today issued a patch" hangs both days from "issued"."""
    near = list(head.children) + [g for c in head.children if c.dep_ == "prep" for g in c.children]
    return any(t.ent_type_ == "DATE" and not span.start <= t.i < span.end and t.dep_ in _DATED
               and (t.text in WEEKDAYS or t.lower_ in _DAY_WORDS) for t in near)


_DATED = {"npadvmod", "tmod", "pobj"}
# Words that name a day, as a weekday does; "last week" and "Tuesday" are one day told twice.
_DAY_WORDS = {"today", "yesterday", "tomorrow", "tonight"}


_CLOCK = {"a.m.", "p.m.", "noon", "midnight", "o'clock"}


def _head(root: Token) -> Token | None:
    """The word a date attaches to: the verb or noun it dates, past a time of day the date itself
    qualifies ("died at 6 a.m. on Thursday" dates "die")."""
    head = root.head if root.head.i != root.i else None
    while head is not None and head.head.i != head.i and (_is_preposition(head) or head.lower_ in _CLOCK):
        head = head.head
    if head is None or _is_preposition(head):
        return None
    if head.lemma_ == "be":  # "who was president from 2000 to 2006", "the end date is Feb. 28"
        nouns = [c for c in head.children if c.dep_ in ("attr", "nsubj", "nsubjpass")
                 and c.i != root.i and c.pos_ in ("NOUN", "PROPN")]
        if nouns:
            head = nouns[0]
    elif head.lemma_ in _PLANS:  # "a vigil is planned for Sunday", "they scheduled a vote for Monday"
        nouns = [c for c in head.children if c.dep_ in ("nsubjpass", "dobj") and c.pos_ == "NOUN"]
        if nouns:
            head = nouns[0]
    return head


# Verbs that date what is planned, not the planning: "a vigil is planned for Sunday" dates the vigil.
_PLANS = {"plan", "schedule", "slate"}


_PARTICIPANTS = {"nsubj", "nsubjpass", "dobj", "poss"}
_SUBJECTS = {"nsubj", "nsubjpass"}


def _actors(head: Token | None, date: Span) -> tuple[str, ...]:
    """The names the dated event involves: the subject, object or owner of the word the date
    attaches to ("Jackman won a Tony Award in 2004", "the Saints signed Wynn on Tuesday"), the
    agent of a passive, and the noun a relative clause describes ("Wynn, who was signed on
    Tuesday", "Lund, who was mayor from 2001 to 2005"). Pronouns and common nouns name no one."""
    if head is None:
        return ()
    tokens = [c for c in head.children if c.dep_ in _PARTICIPANTS]
    tokens += [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if head.pos_ in ("VERB", "AUX") and not any(c.dep_ in _SUBJECTS for c in head.children):
        # a verb without a subject of its own acts with the subject of the verb it hangs from, or the
        # noun it describes: "Obama, speaking from the White House on Sunday", "The Senate voted and
        # adjourned on Monday"
        if head.dep_ == "acl":
            tokens.append(head.head)
        elif head.dep_ in ("advcl", "xcomp", "conj") and head.head.pos_ in ("VERB", "AUX"):
            tokens += [c for c in head.head.children if c.dep_ in _SUBJECTS]
    tokens += [c for t in tokens for c in t.children if c.dep_ == "conj"]  # "both Obama and Clinton"
    clause = head.head if head.dep_ in ("attr", "acomp") else head  # "who was president from 2006"
    if clause.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WP", "WDT")
                                      for c in clause.children):
        tokens.append(clause.head)
    names = (named(t) for t in tokens if not (date.start <= t.i < date.end))
    return tuple(sorted({n for n in names if n}))


def _is_preposition(tok: Token) -> bool:
    return tok.pos_ in ("ADP", "SCONJ") or tok.dep_ in ("prep", "agent")


def _tense(root: Token) -> Tense:
    """Tense of the clause a date sits in: future markers ("will", "is expected to", "is due to",
    "the next hearing"), else past (a past-tense verb: "voted", "was expected to"; "near" for a
    schedule told in the past, and for the future seen from the past: "would"), else present. A date
    that a "when" clause describes is told in that clause's tense ("traces back to June, when his
    conduct was laid out": the June before)."""
    when = next((c for c in root.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")
                 and any(w.lower_ == "when" for w in c.children)), None)
    if when is not None:
        return _tense(when)
    verb = root
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
        if _ahead(verb):
            return "future"
    if any(_ahead(c) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "attr")):
        return "future"  # "the next hearing was June 28"
    chain = [verb]
    while _borrows_tense(chain[-1]) and len(chain) < 4:
        chain.append(chain[-1].head)
    for tok in chain:
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(w.lower_ in FUTURE_WORDS for w in (tok, *auxes)):
            return "future"
        if any(a.lower_ == "would" for a in auxes):
            return "near"  # the future seen from the past: "said he would speak in Manchester on Monday"
        if _is_past(tok, auxes) and not _borrows_tense(tok):
            return "near" if _schedules(tok, root) else "past"
        if tok.lemma_.lower() in FUTURE_LEMMAS and tok.i != root.i:
            return "future"
    on = root.head if root.head.lower_ == "on" else root
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and verb.dep_ != "aux" and on.head.i == verb.i \
            and root.i > verb.i and root.text.title() in WEEKDAYS:
        # a schedule: "The election is Thursday", "The vote is on Monday" (a weekday names no
        # week; a month's day, "The deadline is June 10", keeps the present's reading)
        return "future"
    return "present"


# Modal verbs whose bare verb tells what may or should still happen ("could win … on Tuesday").
MODALS = frozenset({"could", "can", "ca", "may", "might", "must", "should"})
# Verbs whose present tense tells what someone says, thinks or finds, not what is set to happen:
# "Trump says Tuesday that …" is no schedule.
TELLING_LEMMAS = frozenset({
    "say", "tell", "write", "report", "add", "note", "state", "claim", "argue", "insist", "warn", "tweet",
    "announce", "believe", "think", "know", "hope", "want", "seem", "show", "suggest", "find", "be"})


def _scheduled_present(root: Token) -> bool:
    """Whether a weekday hangs on a verb in the simple present that tells an event set to happen (the
    present of a schedule): "New Jersey holds its primary Tuesday", "Wisconsin holds its presidential
    primary on Tuesday", "the convention, which begins Monday"; not a verb of saying or thinking
    ("Trump says Tuesday that …"), nor one with an auxiliary ("does not hold"), nor a weekday that
    modifies a noun ("his Tuesday wins")."""
    on = root.head if root.head.lower_ == "on" and root.dep_ == "pobj" else root
    verb = on.head
    if verb.i == on.i or on.dep_ not in ("npadvmod", "prep") or verb.pos_ != "VERB":
        return False
    if verb.lemma_.lower() in TELLING_LEMMAS or any(c.dep_ == "neg" for c in verb.children):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VB" and len(auxes) == 1 and auxes[0].lower_ in MODALS:
        return True  # "He could win California on Tuesday", "should cancel it Monday"
    return verb.tag_ in ("VBZ", "VBP") and not auxes


def _ahead(noun: Token) -> bool:
    """A noun marked as still to come: "the next hearing", "the upcoming vote"."""
    return any(c.dep_ == "amod" and c.lower_ in AHEAD_WORDS for c in noun.children)


def _schedules(verb: Token, root: Token) -> bool:
    """Whether ``verb`` sets the date ahead: "scheduled for June 28", "postponed until March",
    "scheduled to return Tuesday" (not "set a record on June 28", nor "moved to Ohio in May")."""
    if verb.lemma_.lower() not in SCHEDULE_LEMMAS:
        return False
    if root.head.dep_ == "xcomp" and root.head.head.i == verb.i:
        return True  # on what is scheduled to happen: "was scheduled to return Tuesday"
    prep = root.head.lower_ if root.head.i != root.i else ""
    if verb.lemma_.lower() in {"set", "push", "move"}:
        return prep in {"for", "to", "until", "till"} and root.head.head.i == verb.i
    return prep in {"for", "on", "to", "until", "till", "in"} or root.head.i == verb.i


def _is_past(verb: Token, auxes: list[Token]) -> bool:
    if any(a.tag_ == "VBD" for a in auxes):  # "was expected", "had said"
        return True
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and not auxes


def _borrows_tense(verb: Token) -> bool:
    """An infinitive or bare participle clause takes its time from the verb it hangs on:
    "is expected to begin …, followed by the House on Thursday"."""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ in ("xcomp", "acomp"):
        return True
    return verb.dep_ == "advcl" and verb.tag_ in ("VBN", "VBG") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)


def _fallback(text: str, ctx: Context) -> Reading | None:
    """A DATE entity the rules do not cover, read with dateparser (or value None)."""
    reading = read_date(text, ctx)
    if reading is not None:
        return reading
    weekday = next((w for w in re.findall(WEEKDAY, text)), None)
    prefer = {"past": "past", "future": "future"}.get(ctx.tense, "current_period")
    return Reading(_dateparser_value(text, ctx.published, prefer), weekday)


@functools.lru_cache(maxsize=4096)
def _dateparser_value(text: str, published: dt.date | None, prefer: str = "past") -> DateValue | None:
    """dateparser's reading of ``text`` relative to ``published``, missing parts filled from the
    ``prefer`` side of it ("past", "future", "current_period"); None when it cannot say.

    Without a publication date only texts with a four-digit year are read (dateparser would
    otherwise fill the gaps from today's date)."""
    if published is None and not re.search(r"\b\d{4}\b", text):
        return None
    base = published or dt.date(2000, 1, 1)
    try:
        from dateparser.date import DateDataParser

        data = DateDataParser(languages=["en"], settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": prefer, "STRICT_PARSING": False,
        }).get_date_data(text)
    except Exception:  # dateparser raises a zoo of errors on odd input; a date it can't read is None
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period in ("month", "year") and not re.search(rf"{MONTH}|\b\d{{4}}\b", text):
        return None  # dateparser reads "Monday the 3rd" as March
    if period == "year":
        return DateValue(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year")
    if period == "month":
        month = read_date(day.strftime("%B %Y"), Context(published))
        return month.value if month else None
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return DateValue(monday, monday + dt.timedelta(days=6), "week")
    return DateValue(day, day, "day")


# A day told from the very day it is said: "today", "tonight", "yesterday", "last night".
_FROM_THE_DAY = re.compile(r"(?i)\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|"
                           r"last\s+night)\b")


def outside_quotes(dates: Sequence[DateFact], quoted: Sequence[tuple[int, int]]) -> list[DateFact]:
    """The dates but those told inside a direct quote (``quoted``: its parts' spans) from the very day
    the words were said: "Last night, our nation was attacked", quoted the next day, or "Tonight,
    Donald Trump painted a dark picture" in an article of the morning after. The article's date places
    them only if the words were said the day it was published, which a quote does not say. A weekday,
    a week or a year ago named in a quote stays: words said a day before publication name the same
    Tuesday, "next week" or "eight years ago" as the article would."""
    return [d for d in dates if not _quoted_day(d, quoted)]


def _quoted_day(date: DateFact, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether ``date`` is a day told inside a quote's span from the day its words were said (see
    :func:`outside_quotes`)."""
    return bool(_FROM_THE_DAY.search(date.text)) and _inside(date.start, date.end, quoted)
