"""Quantities: a value, its hedge, its unit, and what it counts.

"Nearly 60 police calls" → 60, qualifier ``under``, no unit, counted "police calls";
"the 38-day Occupy ICE protests" → 38, unit "day", counted "Occupy ICE protests";
"Mr. Hunter, 41," → 41, unit "year of age", counted "Hunter"; "a 134-to-63 vote" → (134, 63).
Numbers are found with one pattern over the text (so hyphenated forms and number words are seen
whole) and read in the parse for what they count. Years and day numbers belong to dates and are
left to the date extractor.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..model import Article, Quantity, QuantityValue
from .speakers import RANKS, Mentions, relative_antecedent, who
from .stamps import CLOCK_TIME
from .text import NOT_NAMES, Spans, char_span, context_lemmas, doc_text, named

UNITS_WORDS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "one": 1,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12}
FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
             "quarters": 0.25, "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2}
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
            "fourteenth": 14, "fifteenth": 15, "twentieth": 20}
# Hedges, by what they say about the true value.
QUALIFIERS = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "close to": "about", "nearly": "under",
    "almost": "under", "up to": "max", "as many as": "max", "as much as": "max",
    "less than": "under", "fewer than": "under", "under": "under", "just under": "under",
    "more than": "over", "over": "over", "at least": "min", "upwards of": "over", "just over": "over",
    "well over": "over", "no fewer than": "min", "no less than": "min", "exactly": None, "just": None,
    "only": None, "barely": "min", "scarcely": "min",
}
# Hedges said of the verb whose object the figure counts: "has barely served two terms" is two terms
# and hardly more, as "barely two terms" is.
VERB_HEDGES = {word: QUALIFIERS[word] for word in ("barely", "scarcely")}
RANK = re.compile(r"\bNo\.\s?$")
SEVERAL = (3.0, 9.0)  # the counts "several" admits: a range, told with the qualifier "several"
UNIT_LEMMAS = {
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "page", "mile",
    "kilometer", "meter", "foot", "inch", "pound", "ton", "acre", "gallon", "barrel", "point", "vote",
    "seat", "degree", "percent", "member", "count", "time", "term",
}
SUBJECT_VERBS = {"be", "last", "run", "continue", "stretch", "span", "extend", "drag", "stand", "total",
                 "reach", "number"}
TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}

_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|"
            r"six|seven|eight|nine))?|zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one)")
# Text rebuilt from tokens (ECB+) spaces its numbers: "6, 728 yards", "14. 4 points" are 6,728 and 14.4.
_DIGITS = (r"(?:\d{1,3}(?:, \d{3})+(?![\d,])|\d{1,3}\. \d{1,2}(?![\d,.])"
           r"|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)")
_QUALS = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_PCT = r"(?:percent|per cent|%)"
_TO = r"(?:\s?-to-\s?|-of-(?=\d)|\s?[-–]\s?|\s+to\s+)"  # between the two numbers of a pair or a range ("28-of-41")
PATTERN = re.compile(
    rf"(?<![\w$./:-])(?<!\d,)(?:(?P<between>between)\s+)?(?:(?P<qual>{_QUALS})\s+)?"
    rf"(?:(?P<cur>[$€£])\s?)?"
    rf"(?P<num>{_DIGITS}|{_WORDNUM}|a|an)"
    rf"(?!-on-|-of-(?!\d))"  # "one-on-one", "one-of-a-kind": how, not how many
    rf"(?:[\s-](?P<scale>hundred|thousand|million|billion|trillion|dozen))?"
    rf"(?:(?P<frac>-(?:half|halves|thirds?|quarters?|fourths?|fifths?)))?"
    # a percent said on both sides of a pair ("57 percent to 33 percent", "52%-41%") is one pair
    rf"(?:\s?{_PCT}(?={_TO}(?:{_DIGITS})\s?{_PCT}))?"
    rf"(?:(?P<sep>{_TO}|(?(between)\s+and\s+|(?!))|(?P<by>\s?[x×]\s?|-by-))"
    rf"(?(cur)(?:(?:(?<=[-–])|(?<=[-–] )|(?<= and ))[$€£]\s?)?)(?P<num2>{_DIGITS}|{_WORDNUM})"
    rf"(?:[\s-](?P<scale2>hundred|thousand|million|billion|trillion))?(?![\w/]))?"
    rf"(?P<plus>-plus)?"
    rf"(?:-(?P<hunit>[a-z]+)(?P<old>-old)?)?"
    rf"(?:\s?(?P<pct>{_PCT}))?"
    rf"(?![\w$]|[.,]\d|\s?[:/]\s?\d)",
    re.IGNORECASE,
)
# A share told as "N in M" ("a two-in-three chance", "one in five voters", "4 out of 10"): one value, N/M.
SHARE_PATTERN = re.compile(
    rf"(?<![\w$./:-])(?:(?P<qual>{_QUALS})\s+)?(?P<num>{_DIGITS}|{_WORDNUM})"
    rf"(?:\s+|-)(?:in|out\s+of)(?:\s+|-)(?P<num2>{_DIGITS}|{_WORDNUM})(?![\w$]|[.,]\d)"
    r"(?!\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)",  # "5 in 10 days" is no share
    re.IGNORECASE,
)
ORDINAL_PATTERN = re.compile(
    r"\b(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|twentieth|\d+(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "GPE", "LOC", "NORP"}
MONTH_PREFIX = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)


# Numbers that are not amounts: clock times ("7:21 AM", "5 p.m.", ECB+'s "1: 32 PM"), numeric
# dates ("11/27/2005", "05 / 03 / 2013", "24/7"), phone numbers, software versions and the
# "4x4" of a vehicle.
NOT_AMOUNTS = re.compile(
    rf"(?=[\d(v])(?:{CLOCK_TIME}"
    r"|\b\d{1,4}\s?/\s?\d{1,2}(?:\s?/\s?\d{2,4})?\b|\b\d{4}-\d\d-\d\d\b"
    r"|(?:\(\d{3}\)\s?|\b\d{3}[-.\s])\d{3}[-.]\d{4}\b"
    r"|\bversion\s\d+(?:\.\d+)*|\b\d[x×]\d\b)",
    re.IGNORECASE,
)


MAX_VALUE = 1e30
"""Larger figures are not quantities a report states (world GDP is about 1e14 dollars); written in
digits they are serial numbers or noise, and past 1e308 a float cannot even hold them."""


def _word_value(word: str) -> float | None:
    word = word.lower()
    if word in UNITS_WORDS:
        return UNITS_WORDS[word]
    if word in TENS_WORDS:
        return TENS_WORDS[word]
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in TENS_WORDS and unit in UNITS_WORDS:
            return TENS_WORDS[tens] + UNITS_WORDS[unit]
    return None


def parse_number(text: str) -> float | None:
    """The value of one number written in digits or words ("5,200", "fifteen", "twenty-one")."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        try:
            value = float(text.replace(",", "").replace(" ", ""))
        except ValueError:
            return None
        return value if value <= MAX_VALUE else None
    if text.lower() in {"a", "an"}:
        return 1
    return _word_value(text)


def _is_year(m: re.Match[str]) -> bool:
    num = m.group("num")
    return bool(
        re.fullmatch(r"1[6-9]\d\d|20\d\d", num) and not m.group("cur") and not m.group("pct")
        and not m.group("hunit") and not m.group("scale") and not m.group("num2")
    )


def _value(m: re.Match[str]) -> tuple[QuantityValue, str | None] | None:
    """The value and unit a match states, or None when it is not a quantity."""
    first = parse_number(m.group("num"))
    if first is None:
        return None
    scale = m.group("scale")
    if scale:
        first *= SCALES[scale.lower()]
    unit: str | None = None
    frac = m.group("frac")
    if frac:
        first = first * FRACTIONS[frac[1:].lower()]
        unit = "fraction"
    if m.group("cur"):
        unit = m.group("cur")
    if m.group("pct"):
        unit = "percent"
    hunit = m.group("hunit")
    if hunit:
        lemma = hunit.lower().rstrip("s") if hunit.lower() not in {"plus"} else None
        if m.group("old") or lemma == "year" and m.group("old"):
            unit = "year of age"
        elif lemma:
            unit = lemma
    if first > MAX_VALUE:  # "900 trillion trillion"
        return None
    num2 = m.group("num2")
    if num2:
        second = parse_number(num2)
        if second is None or _is_name(m) or _years(m.group("num"), num2):
            return None
        if m.group("by"):  # "2,880 x 1,800", "8-by-12 feet"
            return (first, second), "dimension"
        scale2 = m.group("scale2")
        if scale2:  # "$140-$150 million", "5 million to 6 million": the scale is said once or twice
            second *= SCALES[scale2.lower()]
            if not scale:
                first *= SCALES[scale2.lower()]
        elif scale:
            second *= SCALES[scale.lower()]
        to = re.fullmatch(r"\s+to\s+", m.group("sep"))
        if m.group("between") or (first < second and (unit or scale or scale2 or to)):
            return (first, second), unit  # a range: "35 to 40 firefighters", "between $5 and $10"
        return (first, second), "tally"  # "97-1", "a 134-to-63 vote", "won, 134 to 63"
    return first, unit


YEAR_DIGITS = re.compile(r"1[6-9]\d\d|20\d\d")  # a number written as a year


def _years(first: str, second: str) -> bool:
    """A span of years ("the 2008-09 season", "2009-2010", "1994-95") is a date, not a figure."""
    if not (YEAR_DIGITS.fullmatch(first) and re.fullmatch(r"\d\d|\d{4}", second)):
        return False
    start = int(first)
    end = int(second) if len(second) == 4 else start - start % 100 + int(second)
    if end <= start and len(second) == 2:
        end += 100  # "1999-00"
    return start < end <= start + 100


def _is_name(m: re.Match[str]) -> bool:
    """A hyphen joining digits to a number word names a thing ("7-Eleven"), it counts nothing."""
    return "-" in m.group("sep") and m.group("num")[0].isdigit() != m.group("num2")[0].isdigit()


def _skip(doc: Doc, m: re.Match[str], taken: Spans) -> bool:
    start, end = m.start("num"), m.end()
    if taken.overlaps(start, end):
        return True
    num = m.group("num").lower()
    if num in {"a", "an"} and not (m.group("scale") or m.group("frac")):
        return True
    if num == "one" and not (m.group("hunit") or m.group("pct") or m.group("cur") or m.group("num2")):
        return True
    if _is_year(m):
        return True
    before = doc_text(doc)[max(0, start - 12):m.start()]
    if MONTH_PREFIX.search(before) and not m.group("cur"):
        return True  # a day of a month the date extractor did not claim
    if m.group("hunit") and m.group("hunit").lower() in {"year", "years"} and not m.group("old") \
            and doc_text(doc)[end:end + 4] == "-old":
        return True
    tok = doc.char_span(start, end, alignment_mode="expand")
    if tok is None:
        return False
    bare = not any(m.group(g) for g in ("cur", "pct", "hunit", "scale", "num2"))
    return any(t.ent_type_ in NAME_ENTS and t.like_num or bare and _numbers_a_name(t) for t in tok)


def _numbers_a_name(tok: Token) -> bool:
    """A bare number right after the proper noun it numbers names a thing, it counts nothing:
    "Firefox 3.0", "Flight 370"."""
    head = tok.head
    return (tok.like_num and tok.dep_ == "nummod" and head.i == tok.i - 1 and head.pos_ == "PROPN"
            and head.text[:1].isupper())


def _anchor(span: Span) -> Token:
    """The token that stands for the whole number expression in the parse."""
    tokens = [t for t in span if not t.is_punct]
    nums = [t for t in tokens if t.like_num or t.pos_ == "NUM"]
    last = tokens[-1] if tokens else span[-1]
    if last.pos_ in {"NOUN", "PROPN", "ADJ"} and last.lemma_.lower() not in SCALES:
        return last
    return nums[-1] if nums else last


def _phrase(tok: Token, skip: Span) -> str:
    """A noun with its compound and adjective modifiers: "Occupy ICE protests"."""
    left = [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"} and c.i not in
            range(skip.start, skip.end)]
    first = tok
    for c in left:
        sub = [t for t in c.subtree if t.i not in range(skip.start, skip.end)]
        if sub and sub[0].i < first.i and not any(t.like_num for t in sub):
            first = sub[0]
    while first.i < tok.i and (first.is_punct or first.pos_ == "DET"):
        first = first.doc[first.i + 1]
    return doc_text(tok.doc)[first.idx:tok.idx + len(tok.text)]


GENERIC_COUNTED = frozenset({"other", "people", "person"})
MONEY_NOUNS = frozenset({"money", "fund", "funding", "cash", "dollar"})
"""Nouns that restate a sum's currency: "$84,000 in taxpayer money" is money by its "$"; what tells
it from the story's other sums is what is done with it (repaid)."""


def _counted(anchor: Token, span: Span) -> tuple[str | None, str | None, str | None]:
    """(unit lemma, counted phrase, head lemma) for the number whose last token is ``anchor``."""
    unit = None
    tok = anchor
    if tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in UNIT_LEMMAS:
        unit = tok.lemma_.lower()
    # Climb from the number to the noun or verb it describes.
    hops = 0
    while hops < 4 and tok.dep_ in {"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod", "advmod",
                                    "punct", "prep"} and tok.head.i != tok.i and tok.head.i in range(
                                        span.start, span.end):
        tok = tok.head
        hops += 1
    if tok.i in range(span.start, span.end):
        # The number's own noun: "two-thirds of the Senate", "Fifteen of the 19 hijackers".
        of = _prep_object(tok, span)
        if of is not None and of.lemma_.lower() in MONEY_NOUNS and any(t.tag_ == "$" for t in span):
            # "repay the $84,000 in taxpayer money": told as taxpayer money, counted by its verb
            label = _verb_label(tok, span)
            return unit, _phrase(of, span), label.split()[0] if label else of.lemma_.lower()
        if of is not None:
            return unit, _phrase(of, span), of.lemma_.lower()
    head = tok.head if tok.dep_ in {"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod"} else tok
    if head.i == tok.i and tok.pos_ not in {"NOUN", "PROPN"}:
        head = tok.head
    if head.i in range(span.start, span.end):
        of = _prep_object(head, span)
        if of is not None:
            return unit, _phrase(of, span), of.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"} and head.i not in range(span.start, span.end):
        if unit is None and head.lemma_.lower() in UNIT_LEMMAS:
            unit = head.lemma_.lower()
        if unit in TIME_UNITS and unit == head.lemma_.lower() and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            # "for 60 days", "over 20 years": the duration of what the verb says.
            label = _verb_label(head, span)
            return unit, label, label.split()[0] if label else None
        if unit == head.lemma_.lower():
            of = _prep_object(head, span, ("of", "in", "at", "on"))
            if of is not None:
                return unit, _phrase(of, span), of.lemma_.lower()
            if head.dep_ in {"compound", "amod"} and head.head.pos_ in {"NOUN", "PROPN"} and not (
                    head.head.dep_ == "npadvmod" and head.head.lemma_.lower() in TIME_UNITS):
                head = head.head  # "a 10 percent rise", but "a 96-1 vote hours earlier" counts votes
        if head.lemma_.lower() in GENERIC_COUNTED and head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ == "VERB":
            # "at least 53 others were wounded", "50 people died": what is counted is what befell them, as
            # in "53 wounded"
            return unit, _phrase(head, span), head.head.lemma_.lower()
        return unit, _phrase(head, span), head.lemma_.lower()
    # Attached to a verb: "suspended for 60 days", "repaid the campaign about $60,000".
    label = _verb_label(head, span)
    return unit, label, label.split()[0] if label else None


def _tally_noun(span: Span) -> tuple[str, str] | None:
    """(counted phrase, head lemma) of "by a vote of 134 to 64", where the parse may hang only the
    tally's first number on what is counted."""
    first = span[0]
    noun = first.head.head
    if first.dep_ == "pobj" and first.head.lower_ == "of" and noun.pos_ == "NOUN" and noun.i < span.start:
        return _phrase(noun, span), noun.lemma_.lower()
    return None


def _prep_object(tok: Token, span: Span, preps: tuple[str, ...] = ("of", "in", "for")) -> Token | None:
    """The object of a preposition hanging off ``tok``: "of the Senate" → Senate."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                    return obj
    return None


def _verb_label(tok: Token, span: Span) -> str | None:
    """The verb a number attaches to, with its object: "repay campaign"; for "be", its subject."""
    verb = tok
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if verb.lemma_ in SUBJECT_VERBS:
        # "The strike lasted 12 days", "the tally was 97-1": the number measures the subject; that of
        # the verb above when the parse gives it ("The flight is going to be $1 million")
        holder = verb
        while holder.dep_ == "xcomp" and holder.head.i != holder.i \
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in holder.children):
            holder = holder.head
        subj = [c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and subj[0].pos_ in {"NOUN", "PROPN"}:
            return subj[0].lemma_.lower()
    objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "attr"} and
            c.i not in range(span.start, span.end) and c.pos_ in {"NOUN", "PROPN"}]
    return verb.lemma_.lower() + (f" {objs[0].lemma_.lower()}" if objs else "")


def _age(doc: Doc, start: int, end: int, m: re.Match[str]) -> str | None:
    """The person whose age this is: "Mr. Hunter, 41,", "the 76-year-old Pelosi", "Labrador, who is 46"."""
    if m.group("old"):
        after = doc.char_span(end, min(len(doc_text(doc)), end + 40), alignment_mode="expand")
        if after is not None:
            for k, tok in enumerate(after):
                if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
                    return _named_in_run(after[k:]) or tok.text
                if tok.pos_ == "NOUN":
                    return tok.text
        return None
    if m.group("cur") or m.group("hunit") or m.group("pct") or m.group("num2") or m.group("qual"):
        return None
    value = parse_number(m.group("num"))
    if value is None or not 15 <= value <= 110:
        return None
    number = doc.char_span(start, end, alignment_mode="expand")
    if number is not None and len(number) == 1 and number[0].dep_ in {"attr", "acomp"}:
        return _age_said(number[0])
    before = doc_text(doc)[max(0, start - 2):start]
    after_text = doc_text(doc)[end:end + 1]
    if before != ", " or after_text not in {",", ";", ")"}:
        return None
    span = doc.char_span(max(0, start - 2), start, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    prev = doc[span.start - 1]
    return prev.text if _a_name(prev) else None


def _named_in_run(words: Span) -> str | None:
    """The person named in a run of proper nouns, past the rank or title before the name: "51-year-old
    Capt. Tom Tennant" is Tom Tennant's age, "Senior Trooper William Hakim" William Hakim's."""
    for tok in words:
        if tok.pos_ != "PROPN" and tok.ent_type_ != "PERSON":
            return None
        if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B" and (name := named(tok)) is not None:
            first, _, rest = name.partition(" ")
            while rest and first.lower().rstrip(".") in RANKS:  # a rank read into the name ("Trooper William Hakim")
                name = rest
                first, _, rest = name.partition(" ")
            return name
    return None


def _age_said(tok: Token) -> str | None:
    """"Labrador, who is 46", "Smith is 52": a bare number said of a named person is their age; only
    as of now ("was 18 at the time of the shooting", "will be 29 in April" are ages of other days)."""
    verb = tok.head
    if verb.lemma_ != "be" or verb.tag_ != "VBZ":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = relative_antecedent(subject)
    return subject.text if subject is not None and _a_name(subject) else None


def _a_name(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.is_title)


def _actor(anchor: Token, mentions: Mentions | None = None) -> str | None:
    """Whom a figure belongs to, as its sentence names them: the owner of what is counted ("Newton's
    record of 4,051 yards", "the Colts' 73-yard drive", "an 80-yard pass by the Jaguars") or the
    subject of the clause that gives it ("Hansbrough averaged 22.8 points to go with 7.2 rebounds");
    a "he" or "his" there is the person it refers to (``mentions`` resolves it); None where no one is
    named (a common noun, a pronoun left unresolved)."""
    tok = anchor
    for _ in range(10):
        own_noun = tok.i == anchor.i or anchor.dep_ in {"nummod", "quantmod"} and tok.i == anchor.head.i
        if not own_noun and (tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON") and tok.ent_type_ not in NOT_NAMES:
            return named(tok)  # the figure describes a named one: "Rahman (45-7-2)", "Klitschko, 53-3"
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None:
            return who(owner, mentions)
        if tok.pos_ == "NOUN":
            agent = next((named(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
        if tok.pos_ in {"VERB", "AUX"}:
            # the figure's own noun as subject ("81 yards rushing") tells no one: look further up
            subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}
                            and c.i not in (anchor.i, anchor.head.i)), None)
            if subject is not None:
                return who(subject, mentions)
            if tok.dep_ not in {"xcomp", "advcl", "conj", "acl", "relcl"}:
                return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


_CONVERTED = re.compile(rf"\b(?P<qual>{_QUALS})\s+[$€£]?\s?{_DIGITS}\s?(?:[^\W\d]+\.?\s?){{0,2}}\(\s*$", re.I)


def _converted_hedge(text: str, start: int) -> str | None:
    """The hedge of a measure a figure in parentheses converts: "about 58km (36 miles)" is about 36
    miles, as rough as the 58km it converts."""
    found = _CONVERTED.search(text, max(0, start - 60), start)
    return QUALIFIERS.get(found.group("qual").lower()) if found else None


def _verb_hedge(anchor: Token) -> str | None:
    """The hedge of the verb whose direct object the figure counts, said before the figure: "who has
    barely served two terms"."""
    noun = anchor.head if anchor.dep_ == "nummod" else anchor
    if noun.dep_ != "dobj" or noun.head.pos_ not in {"VERB", "AUX"}:
        return None
    return next((VERB_HEDGES[c.lower_] for c in noun.head.children
                 if c.dep_ == "advmod" and c.lower_ in VERB_HEDGES and c.i < anchor.i), None)


def _hypothetical(tok: Token) -> bool:
    """Is the number inside a conditional clause ("if an officer ... for 30 days")?"""
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in anc.children):
            return True
    return False


def extract_quantities(doc: Doc, article: Article, *, taken: Sequence[tuple[int, int]] = (),
                       mentions: Mentions | None = None) -> Iterator[Quantity]:
    """Numbers with what they count, outside the character ranges in ``taken`` (dates);
    ``mentions`` (the article's named people) tells whom a "he" given a figure refers to."""
    text = doc_text(doc)
    read = Spans([*taken, *(m.span() for m in NOT_AMOUNTS.finditer(text))])
    found: list[tuple[int, int]] = []
    for share in (*_bills(doc, article, read), *_shares(doc, article, read)):
        read.append((share.start, share.end))
        yield share
    for m in PATTERN.finditer(text):
        if _skip(doc, m, read):
            continue
        parsed = _value(m)
        if parsed is None:
            continue
        value, unit = parsed
        start, end = m.start(), m.end()
        if m.group("between") and not m.group("num2"):  # "between" only opens a range
            start = m.start("qual") if m.group("qual") else m.start("cur") if m.group("cur") else m.start("num")
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        qual = m.group("qual")
        qualifier = QUALIFIERS.get(qual.lower()) if qual else None
        if m.group("plus"):
            qualifier = "over"
        anchor = _anchor(span)
        tunit, counted, head = _counted(anchor, span)
        if unit == "tally":
            counted, head = _tally_noun(span) or (counted, head)
        person = _age(doc, m.start("num"), end, m)
        if person:
            unit, counted, head = "year of age", person, person.lower()
        elif unit is None:
            unit = tunit
        if unit is None and counted is None:
            continue
        if unit == "year" and m.group("old"):
            unit = "year of age"
        rank = RANK.search(text, max(0, start - 5), start)
        if rank and not qualifier and not m.group("cur"):
            unit, start = "ordinal", rank.start()  # "the No. 2 job", "from No. 3 to No. 2": a rank, as "second" is
            if head is not None and not head.isalpha():
                counted = head = None  # "to No. 2 in the event": the parse hangs the rank on "No."
        if qualifier is None and unit is not None:
            qualifier = _converted_hedge(text, start)
        qualifier = qualifier or _verb_hedge(anchor)
        sent = span[0].sent
        found.append((start, end))
        yield Quantity(
            article=article.id, start=start, end=end, text=text[start:end], sentence=char_span(sent),
            context=context_lemmas(sent, (start, end)), value=value, qualifier=qualifier, unit=unit,
            counted=counted, head=head, hypothetical=_hypothetical(anchor), actor=_actor(anchor, mentions),
        )
    yield from _ordinals(doc, article, read)
    yield from _vague_counts(doc, article, Spans([*read, *found]))


def _shares(doc: Doc, article: Article, taken: Spans) -> Iterator[Quantity]:
    """Shares told as "N in M": "a two-in-three chance" is 2/3 of a chance, as "two-thirds" is."""
    text = doc_text(doc)
    for m in SHARE_PATTERN.finditer(text):
        start, end = m.span()
        if taken.overlaps(start, end) or YEAR_DIGITS.fullmatch(m.group("num2")):
            continue  # "3 in 2016" is a year
        part, whole = parse_number(m.group("num")), parse_number(m.group("num2"))
        span = doc.char_span(start, end, alignment_mode="expand")
        if part is None or whole is None or not 0 < part < whole or span is None or len(span) == 0:
            continue
        anchor = _anchor(span)
        _unit, counted, head = _counted(anchor, span)
        after = doc[span.end] if span.end < len(doc) else None
        while after is not None and after.is_quote and after.i + 1 < len(doc):
            after = doc[after.i + 1]  # past a closing quote mark: 'a "2 in 3" chance'
        if after is not None and after.pos_ == "NOUN" and any(t.head.i == after.i for t in span):
            counted, head = after.text, after.lemma_.lower()  # "a one-in-three chance" is of a chance
        qual = m.group("qual")
        sent = span[0].sent
        yield Quantity(
            article=article.id, start=start, end=end, text=text[start:end], sentence=char_span(sent),
            context=context_lemmas(sent, (start, end)), value=part / whole,
            qualifier=QUALIFIERS.get(qual.lower()) if qual else None, unit="fraction", counted=counted, head=head,
            hypothetical=_hypothetical(anchor),
        )


# A bill named by its number: "Senate Bill 1062", "SB 1062", "S.B. 1062", "H.R. 3590", "Bill 101".
BILL_PATTERN = re.compile(
    r"\b(?:(?P<chamber>Senate|House|Assembly)\s+Bill|(?P<abbr>S\.\s?B\.|H\.\s?B\.|A\.\s?B\.|H\.\s?R\.|SB|HB|AB|HR)"
    r"|Bill)\s?(?:No\.\s?)?(?P<num>\d{1,5})(?![\d,.]\d)\b")  # a name, capitalised: "a bill 17 senators backed" is none
BILL_CHAMBERS = {"S": "Senate", "H": "House", "A": "Assembly"}
BILL_UNITS = frozenset({"Bill", *(f"{chamber} Bill" for chamber in BILL_CHAMBERS.values())})  # the units _bills gives


def _bills(doc: Doc, article: Article, taken: Spans) -> Iterator[Quantity]:
    """Bills named by number, with the chamber that numbers them ("SB 1062" is Senate Bill 1062, and
    House Bill 1062 another bill): a number that names, compared as a figure is."""
    text = doc_text(doc)
    for m in BILL_PATTERN.finditer(text):
        start, end = m.span()
        span = doc.char_span(start, end, alignment_mode="expand")
        if taken.overlaps(start, end) or span is None or len(span) == 0:
            continue
        chamber = m.group("chamber") or (BILL_CHAMBERS[m.group("abbr")[0]] if m.group("abbr") else None)
        sent = span[0].sent
        yield Quantity(
            article=article.id, start=start, end=end, text=text[start:end], sentence=char_span(sent),
            context=context_lemmas(sent, (start, end)), value=float(m.group("num")), qualifier=None,
            unit=f"{chamber} Bill" if chamber else "Bill", counted="bill", head="bill",
        )


STREET = re.compile(r"\s+(?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Pl|Place|Pkwy|Parkway)\b")
GRADE = re.compile(r"\s+(?:Lt|Lieut|Lieutenant|Sgt|Sergeant|Class)\b")  # "1st Lt.", "Sgt. 1st Class"


def _ordinals(doc: Doc, article: Article, taken: Spans) -> Iterator[Quantity]:
    """Ordinals that rank something: "an eighth term", "the 15th anniversary"."""
    for m in ORDINAL_PATTERN.finditer(doc_text(doc)):
        start, end = m.span()
        if taken.overlaps(start, end):
            continue
        word = m.group("ord").lower()
        value = ORDINALS.get(word) or (parse_number(word[:-2]) if word[:-2].isdigit() else None)
        span = doc.char_span(start, end, alignment_mode="expand")
        if value is None or span is None or len(span) == 0:
            continue
        tok = span[-1]
        if tok.ent_type_ in {"DATE", "TIME"} or tok.head.pos_ not in {"NOUN", "PROPN"} or tok.head.i == tok.i:
            continue
        if word == "third" and doc_text(doc)[end:end + 1] == "s":
            continue
        if STREET.match(doc_text(doc), end) or GRADE.match(doc_text(doc), end):
            # "E. 55th St.", "Fifth Avenue": an address names a place; "Air Force 1st Lt. Tyler Livingston",
            # "Sgt. 1st Class": a grade names a rank; neither ranks anything
            continue
        sent = span[0].sent
        # the Nth anniversary of an event is N years since it, as "15 years after the attacks" says
        noun = tok.head
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lemma_.lower() == "anniversary":
            noun = doc[tok.i + 1]  # "Playboy's 50th anniversary celebration" ranks the anniversary
        unit = "year" if noun.lemma_.lower() == "anniversary" else "ordinal"
        yield Quantity(
            article=article.id, start=start, end=end, text=doc_text(doc)[start:end], sentence=char_span(sent),
            context=context_lemmas(sent, (start, end)), value=float(value), qualifier=None, unit=unit,
            counted=_phrase(noun, span), head=noun.lemma_.lower(), hypothetical=False,
        )


VAGUE_COUNTS: dict[str, QuantityValue] = {"lone": 1.0, "sole": 1.0, "only": 1.0, "both": 2.0, "twice": 2.0,
                                          "several": SEVERAL}
"""Words that count without a numeral: "the lone opposition", "the only debate between them" (one),
"both Republican senators", "had twice been investigated" (two), "several letters" (SEVERAL)."""
_NOT_TWICE = frozenset({"as", "a", "an", "the", "that", "than", "per", "each", "every", "over", "more"})


def _vague_counts(doc: Doc, article: Article, taken: Spans) -> Iterator[Quantity]:
    """Counts told in words without a numeral (VAGUE_COUNTS), where the word counts a noun it
    modifies ("several letters", "the lone opposition") or, for "twice", the times a verb's event
    happened ("had twice been investigated"); not "twice as many", "twice a week", "both of them",
    "both X and Y", "not only"."""
    text = doc_text(doc)
    for tok in doc:
        word = tok.lower_
        if word not in VAGUE_COUNTS or taken.overlaps(tok.idx, tok.idx + len(tok)):
            continue
        on = tok.head  # the noun counted, or for "twice" the verb
        unit: str | None
        counted: str | None
        head: str | None
        if word == "twice":
            after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if tok.dep_ != "advmod" or on.pos_ != "VERB" or (after is not None and after.lower_ in _NOT_TWICE):
                continue
            unit, counted, head = "time", on.lemma_.lower(), on.lemma_.lower()
        else:
            if not _counts_noun(tok, on):
                continue
            unit = on.lemma_.lower() if on.lemma_.lower() in UNIT_LEMMAS else None
            if unit in TIME_UNITS or unit == "time":  # "several times": the times of what the verb says
                label = _verb_label(on, doc[tok.i:tok.i + 1])
                counted, head = label, label.split()[0] if label else None
            else:
                counted, head = _phrase(on, doc[tok.i:tok.i + 1]), on.lemma_.lower()
        start, end = tok.idx, tok.idx + len(tok)
        sent = tok.sent
        yield Quantity(
            article=article.id, start=start, end=end, text=text[start:end], sentence=char_span(sent),
            context=context_lemmas(sent, (start, end)), value=VAGUE_COUNTS[word],
            qualifier="several" if word == "several" else None, unit=unit, counted=counted, head=head,
            hypothetical=_hypothetical(tok),
        )


def _counts_noun(tok: Token, noun: Token) -> bool:
    """Whether a VAGUE_COUNTS word counts the noun it hangs on: "several letters", "both senators"
    (plural), "the only debate", "his lone vote" (singular, after a determiner: not "only one")."""
    if noun.pos_ != "NOUN" or noun.i <= tok.i or noun.ent_type_:
        return False
    if tok.lower_ == "both":
        # not "both X and Y", which the parse may read as "both" counting X ("a lead among both delegates
        # and actual voters")
        return tok.dep_ in {"det", "predet"} and noun.tag_ == "NNS" \
            and not any(c.dep_ == "cc" and c.lower_ == "and" for c in noun.children)
    if tok.lower_ == "several":
        return tok.dep_ == "amod" and noun.tag_ == "NNS"
    return tok.dep_ in {"amod", "nmod"} and noun.tag_ == "NN" and any(
        c.dep_ in {"det", "poss"} and c.i < tok.i for c in noun.children)
