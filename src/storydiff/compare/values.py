"""Judging quantities and dates: are two statements the same fact, and do their values agree?

Compatible values are one value told at different precision: hedged ("more than 30" and "32"),
rounded ("$13.6 million" and "$13,625,777"), a day within a month, a part of a day ("Tuesday
afternoon" and "Tuesday"), or one night from either side of midnight ("late Thursday", "early Friday").

A pair of statements is alignable when the words around them say they describe the same thing (for
dates, also the event's head word and the people it involves, whatever the values);
how much evidence is needed depends on what aligning them would claim. Equal values need little
("Tuesday" and "Tuesday" in similar sentences), compatible values more, and a conflict the most:
the same unit, the same thing counted or the same event dated (saying is none), near values, no two
different owners named ("Curry's eight rebounds", "Hansbrough's 7.2") nor events of different named
ones ("signed Wynn on Tuesday", "signed Bell on Wednesday"), nor one told as done and one as to
come, and closely matching context.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from importlib import resources
from typing import TypeVar

from rapidfuzz import fuzz

from ..analyze.datenorm import DAYNUM, MONTH, WEEKDAYS, Context, read_date
from ..analyze.quantities import SHARE_PATTERN, parse_number
from ..analyze.quotes import SPEECH_VERBS
from ..group.copies import COPY_JACCARD
from ..model import DateFact, DateValue, Fact, Quantity, QuantityValue
from .align import Pair, Weights, stem
from .quotes import name_words

# The numbers below are data: thresholds.json, written by scripts/fit_thresholds.py (see there).
_FITTED: dict[str, float] = json.loads(
    resources.files(__package__).joinpath("thresholds.json").read_text(encoding="utf-8"))["values"]

# Context similarity each relation needs (after the bonuses below).
THRESHOLDS = {relation: _FITTED[relation] for relation in ("same", "compatible", "incompatible")}
# Dates conflict on weaker grounds than figures (a story has many days and few page counts), so a
# date conflict needs more of the sentence to match.
DATE_CONFLICT_THRESHOLD = _FITTED["date_conflict"]
DATE_EVENT_WORDS = _FITTED["date_event_words"]  # see _placed_alike
HEAD_BONUS = _FITTED["head_bonus"]  # both count or describe the same thing ("page" of an "indictment")
UNIT_BONUS = _FITTED["unit_bonus"]  # the same counted noun that is also the unit ("six seats")
ACTOR_BONUS = _FITTED["actor_bonus"]  # a dated event involving someone both sentences name
# Verbs of reporting: who reports ("the Anchorage Daily News reported Sunday") is a source, not one
# of the event's actors, and two days of reporting are two statements.
REPORTING = frozenset({"say", "report", "tell", "write", "add", "state"})
RARE_VALUE_BONUS = _FITTED["rare_bonus"]  # the same value, stated once in each article ("1976", "from 2000 to 2006")
CALENDAR_DAY = _FITTED["calendar_day"]  # what a day of the calendar adds to it (see _specificity)
# A figure written with a scale word reads as rounded.
_ROUNDED_WORDING = re.compile(r"\b(thousand|million|billion|trillion)s?\b|\d[kmb]n?\b", re.I)
VAGUE_HEADS = {"be", "have", "do", "get", "make", "say", "take", "give"}


def _head_word(head: str) -> str:
    return head.split()[0].lower()


HARM_WORDS = {word: harm for harm, words in (
    ("(the dead)", ("kill", "killed", "die", "dead", "death", "fatality")),
    ("(the injured)", ("injure", "injured", "injury", "wound", "wounded")))
    for word in words}
"""The words a story counts its dead and its injured by: "Gunman kills 1, wounds 2" and "Michigan
office shooting kills 1, injures 2" count one thing, as do "shot and killed by police" and "the
August 9 death". Each is one word of one harm, told as a verb, an adjective (whose lemma the parse
may leave inflected: "injured", "wounded") or a noun; the dead are not the injured. The harms are
named in parentheses so that no stem of a word can be one."""


def _event_stem(head: str) -> str:
    word = _head_word(head)
    return HARM_WORDS.get(word) or stem(word)


def heads_match(a: str | None, b: str | None) -> bool:
    """The same head word, stemmed, or two words of one harm (HARM_WORDS)."""
    if not a or not b:
        return False
    return _event_stem(a) == _event_stem(b)


RELATED_WORDS = _FITTED["related_words"]
"""Cosine at or above which two head words name one thing when the values agree: "nations" and
"countries", "voting" and "election", "faculty" and "professors". The cosines are a sentence model's
(all-MiniLM-L6-v2) for single English words, kept in related_words.tsv by scripts/related_words.py, so
compare runs no model; the threshold is fitted with the others by scripts/fit_thresholds.py. A conflict
still needs the same head word (heads_match): words this near also name different things ("Democrats"
and "Republicans", "Friday" and "Saturday")."""


@functools.cache
def _related_words() -> dict[str, dict[str, float]]:
    related: dict[str, dict[str, float]] = {}
    text = resources.files(__package__).joinpath("related_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, b, cosine = line.split("\t")
            related.setdefault(a, {})[b] = related.setdefault(b, {})[a] = float(cosine)
    return related


def heads_related(a: str | None, b: str | None) -> bool:
    """The same head word (heads_match), or two words a sentence model puts close (RELATED_WORDS)."""
    if heads_match(a, b):
        return True
    if not a or not b:
        return False
    return _related_words().get(_head_word(a), {}).get(_head_word(b), 0.0) >= RELATED_WORDS


OPEN_HEDGE = 2.0
"""How far past its number an open hedge reaches: "more than 30" admits up to 60, not any count at
all; "just over $200,000" and "$5.4 million" are two sums, not one told at two precisions."""


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a hedged number admits: "more than 30" admits (30, 60]."""
    if qualifier == "about":
        return value * 0.85, value * 1.15
    if qualifier in {"over", "min"}:
        return value, value * OPEN_HEDGE
    if qualifier in {"under", "max"}:
        return value * 0.75, value
    return value, value


def significant(value: float) -> tuple[int, int]:
    """The significant digits of a figure and the power of ten of its last one: 13.6 million is
    (3, 5), 13,625,777 is (8, 0)."""
    mantissa, exponent = f"{abs(value):.12e}".split("e")
    kept = mantissa.replace(".", "").rstrip("0") or "0"
    return len(kept), int(exponent) - len(kept) + 1


def _rounds_to(rough: Quantity, exact: Quantity) -> bool:
    """Whether ``rough`` reads as ``exact`` rounded: written with a scale word or three trailing
    zeros, with fewer significant digits than ``exact``, and within half its last digit."""
    if isinstance(rough.value, tuple) or isinstance(exact.value, tuple):
        return False
    if (rough.qualifier in {"over", "min"} and exact.value < rough.value) \
            or (rough.qualifier in {"under", "max"} and exact.value > rough.value):
        return False  # "more than $60 million" rounds no $57 million: its hedge says on which side it lies
    count, power = significant(rough.value)
    if count >= significant(exact.value)[0]:
        return False
    if not (_ROUNDED_WORDING.search(rough.text) or power >= 3):
        return False
    return abs(rough.value - exact.value) <= 0.5 * 10 ** power + 1e-9 * abs(exact.value)


PAIRED = {"tally", "dimension"}  # a pair of numbers that is one value ("97-1", "8-by-12"), not a range


def _bounds(q: Quantity) -> tuple[float, float]:
    if isinstance(q.value, tuple):
        return min(q.value), max(q.value)
    return _interval(q.value, q.qualifier)


def relate_quantities(x: Quantity, y: Quantity) -> str:
    if isinstance(x.value, tuple) or isinstance(y.value, tuple):
        if x.value == y.value:
            return "same"
        if x.unit in PAIRED or y.unit in PAIRED:
            return "incompatible"
        # a range: "as many as 35 to 40" and "30 to 40" firefighters overlap, told at different precision
        (lo1, hi1), (lo2, hi2) = _bounds(x), _bounds(y)
        return "compatible" if lo1 <= hi2 and lo2 <= hi1 else "incompatible"
    if x.value == y.value and x.qualifier == y.qualifier:
        return "same"
    lo1, hi1 = _interval(x.value, x.qualifier)
    lo2, hi2 = _interval(y.value, y.qualifier)
    if (lo1 <= hi2 and lo2 <= hi1) or _rounds_to(x, y) or _rounds_to(y, x):
        return "compatible"
    return "incompatible"


def _informative(q: Quantity) -> bool:
    return bool(q.head) and q.head != q.unit and q.head not in VAGUE_HEADS


class Kinds:
    """The kinds of one counted thing each article tells apart: an article that gives "498 rushing
    yards and 176 receiving yards" says rushing and receiving yards are two counts, so its 176
    receiving yards are no other article's 189 rushing yards given wrong."""

    def __init__(self, quantities: Sequence[Quantity]) -> None:
        self.told: dict[tuple[str, str], set[str]] = {}
        for q in quantities:
            kind = _kind(q)
            if kind is not None:
                self.told.setdefault((q.article, kind[1]), set()).add(kind[0])

    def apart(self, x: Quantity, y: Quantity) -> bool:
        kx, ky = _kind(x), _kind(y)
        if kx is None or ky is None or kx[1] != ky[1] or kx[0] == ky[0]:
            return False
        return kx[0] in self.told.get((y.article, ky[1]), set()) or ky[0] in self.told.get((x.article, kx[1]), set())


class Occasions:
    """The date each sentence gives what it tells, where it gives one: a figure told of February and
    one told of Sunday are figures of two events (an earlier quake's magnitude beside this one's),
    as a day against a month or a year is for two dates (:func:`relate_dates`), and so are figures
    told of days too far apart to be one day given wrong (:func:`_near_dates`). Only a date of an
    event counts, and only where its sentence gives one: not the day something was said, by whatever
    word of saying (SAYING: "officials said Sunday"; "Strzok's attorney blasted the bureau Monday" dates
    no 60-day suspension, which another article's "fired late Friday … face a 70-day suspension" may give
    wrong), not the bound of a span ("the deadliest since 2003")."""

    def __init__(self, dates: Sequence[DateFact]) -> None:
        self.of: dict[tuple[str, int], list[DateFact]] = {}
        for d in dates:
            if d.relation is None and d.head not in VAGUE_HEADS and d.head not in SAYING:
                self.of.setdefault((d.article, d.sentence.start), []).append(d)

    def apart(self, x: Quantity, y: Quantity) -> bool:
        if x.unit == "year of age":
            return False  # an age is its person's, as of the story, whatever event its sentence dates
        dx, dy = self.of.get((x.article, x.sentence.start), []), self.of.get((y.article, y.sentence.start), [])
        if len(dx) != 1 or len(dy) != 1:
            return False
        a, b = dx[0], dy[0]
        pa, pb = _precision(a), _precision(b)
        if pa is not None and pb is not None and pa != pb:
            return True
        return relate_dates(a, b) == "incompatible" and not _near_dates(a, b)


_MONTH_NAME = re.compile(rf"\b{MONTH}")
_DAY_NUMBER = re.compile(rf"\b{DAYNUM}")


def _precision(d: DateFact) -> str | None:
    """How precisely a date places its event: "day", "month" or "year"; None where the text does not
    say (a relative phrase left unplaced)."""
    if d.value is not None:
        return PRECISION.get(d.value.granularity)
    if d.weekday or _calendar_day(d):
        return "day"
    return "month" if _MONTH_NAME.search(d.text) else None


def _kind(q: Quantity) -> tuple[str, str] | None:
    """The word before what a figure counts and that thing, stemmed: "rushing yards" is (rushing,
    yard); None for a bare noun."""
    words = (q.counted or "").lower().split()
    if len(words) < 2 or not words[-2].isalpha():
        return None
    return stem(words[-2]), stem(words[-1])


class Slips:
    """Near misses: two figures a slip apart (see _slip), each stated once in its own article and not
    at all in the other's, in a story whose articles state few figures of that unit. Two articles that
    each state one such figure tell one fact two ways as often as two that each state one equal rare
    figure tell one fact (favour_rare_values): each has its figure where the other has its own, and
    neither has the other's. A near miss is therefore aligned on the evidence an equal rare value
    needs, not the more a conflict of common values needs. Where an article states many figures of
    the unit (the points of a basketball story), a slip between two of them is chance."""

    def __init__(self, quantities: Sequence[Quantity]) -> None:
        self.stated = _stated(quantities, value_key)
        self.of_unit = Counter((q.article, _unit_key(q)) for q in quantities)

    def near_miss(self, x: Quantity, y: Quantity) -> bool:
        return (_each_its_own_once(self.stated, x, value_key(x), y, value_key(y))
                and self.of_unit[(x.article, _unit_key(x))] <= FEW_OF_UNIT
                and self.of_unit[(y.article, _unit_key(y))] <= FEW_OF_UNIT
                and _specificity(x) > 0 and _specificity(y) > 0 and _slip(x, y))

    def many_shares(self, x: Quantity, y: Quantity) -> bool:
        """Two percentages in articles that each state more than a few (FEW_OF_UNIT): a poll's answers,
        rates by group. A percentage is a share of some people in some respect, and its head word is
        most often the people ("54 percent of Democratic voters held a favorable opinion of him", "55
        percent of all voters say she does not"), which such an article's percentages share; what
        tells them apart is the respect, which the head word does not name. Two different ones are
        two shares, not one given two ways, on the words alone."""
        return x.unit == y.unit == "percent" and self.of_unit[(x.article, "percent")] > FEW_OF_UNIT \
            and self.of_unit[(y.article, "percent")] > FEW_OF_UNIT


def _each_its_own_once(stated: Mapping[tuple[str, Hashable], Sequence[Fact]], x: Fact, kx: Hashable, y: Fact,
                       ky: Hashable) -> bool:
    """Each of two articles states its own value (``kx``, ``ky``) once and not the other's: a near
    miss (Slips), a span of years told two ways (favour_rare_values). ``stated``: see _stated."""
    return len(stated.get((x.article, kx), ())) == len(stated.get((y.article, ky), ())) == 1 \
        and not stated.get((x.article, ky)) and not stated.get((y.article, kx))


FEW_OF_UNIT = int(_FITTED["few_of_unit"])  # 2: as many as _rare trusts of one specific figure


def _unit_key(q: Quantity) -> Hashable:
    """What a figure measures: its unit, or for a count its counted thing."""
    return q.unit if q.unit is not None else ("count", stem(_head_word(q.head)) if q.head else None)


def _slip(x: Quantity, y: Quantity) -> bool:
    """Two figures one slip apart, at one precision and hedge: one apart in their last significant
    digit (41 and 42, $5.4 million and $5.3 million), or tallies one side of which is (97-1, 97-2)."""
    if x.qualifier != y.qualifier:
        return False
    a, b = x.value, y.value
    if isinstance(a, tuple) and isinstance(b, tuple):
        return _one_side_apart(a, b)
    return not isinstance(a, tuple) and not isinstance(b, tuple) and _one_apart(a, b)


def _one_side_apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Two pairs of numbers (a tally's sides, a share's two numbers) alike but for one number, one apart
    in its last significant digit: 97-1 and 97-2, "1 in 3" and "1 in 2"."""
    return len(a) == len(b) and sum(p != q for p, q in zip(a, b, strict=True)) == 1 \
        and all(p == q or _one_apart(p, q) for p, q in zip(a, b, strict=True))


def _one_apart(a: float, b: float) -> bool:
    """Whether two numbers differ by one in the last significant digit of the more precise."""
    step = 10.0 ** min(significant(a)[1], significant(b)[1])
    return a != b and abs(abs(a - b) - step) <= 1e-9 * max(abs(a), abs(b), 1.0)


def judge_quantities(x: Quantity, y: Quantity, weights: Weights, kinds: Kinds | None = None,
                     occasions: Occasions | None = None, slips: Slips | None = None) -> Pair | None:
    """``kinds``: the kinds of things the story's articles tell apart (see Kinds); ``slips``: its
    near misses (see Slips)."""
    if x.hypothetical or y.hypothetical:
        return None
    if x.unit != y.unit:
        return None
    relation = relate_quantities(x, y)
    missed = relation == "incompatible" and slips is not None and slips.near_miss(x, y)
    # agreeing values (and near misses) may name their thing in other words; a conflict needs the same word
    one_thing = heads_match if relation == "incompatible" and not missed else heads_related
    if x.unit is None and not one_thing(x.head, y.head):
        return None
    score = sim = weights.similarity(x.context, y.context)
    same_thing = False
    if _informative(x) and _informative(y):
        same_thing = one_thing(x.head, y.head) or _one_person(x, y)
        score += HEAD_BONUS if same_thing else 0.0
    elif one_thing(x.head, y.head):
        score += UNIT_BONUS
    if _one_owner(x, y):
        score += ACTOR_BONUS
    # two kinds of one thing the article tells apart, two occasions, two shares of a poll's people: two
    # figures, whether given two ways or told at two precisions ("Nearly 10 percent" of Iowa's votes and
    # "10 percent" in a New Hampshire poll, in stories of many percentages)
    apart = relation != "same" and ((kinds is not None and kinds.apart(x, y))
                                    or (occasions is not None and occasions.apart(x, y))
                                    or (slips is not None and slips.many_shares(x, y)))
    if relation == "compatible" and apart:
        return None
    if relation == "incompatible":
        apart = apart or _owners_differ(x, y)
        # an age is a person's: two ages of people not known to be one are two facts
        if missed and not apart and (same_thing or x.unit not in {None, "year of age"}):
            return _rare_pair(score, relation, x, THRESHOLDS["same"])
        if not (same_thing and (_close(x.value, y.value) or _share_slip(x, y)) and not apart):
            return None
    if same_thing and _age_of_named(x) and _age_of_named(y):
        return Pair(max(score, THRESHOLDS[relation]), relation)  # a person has one age in a story
    return Pair(score, relation, linked=score >= THRESHOLDS[relation] and _told_alike(relation, sim))


def _told_alike(relation: str, similarity: float) -> bool:
    """Whether two statements may be linked on what their words share: two values told at different
    precision ("1,000" and "about 1,000", "Tuesday" and "earlier this week") only where their sentences
    share some content word (a similarity above zero). An equal value is itself evidence of one fact; a
    value that only bounds the other is not, and the bonuses alone (a head word too common to count
    among the words, as "people" or "tell", or only a related one, and the people named) join different
    facts as often as one: "The Focus poll of 1,000 people" and "a crowd of about 1,000 people attended";
    "Tolman told POLITICO earlier this week" and "On Tuesday, Podesta told a lunch group"."""
    return relation != "compatible" or similarity > 0.0


def _one_owner(x: Quantity, y: Quantity) -> bool:
    """Both sentences give a measured figure to one person or body they name ("Etheridge, the
    seven-term congressman", "Mr. Etheridge, a seven-term House member"): ages excepted, which
    _one_person reads."""
    return x.unit is not None and x.unit != "year of age" and bool(x.actor) and bool(y.actor) \
        and named_together((x.actor or "",), (y.actor or "",))


def _owners_differ(x: Quantity, y: Quantity) -> bool:
    """Each sentence gives its figure to someone by name, and to different ones: Curry's eight
    rebounds and Hansbrough's 7.2 are two figures, not one figure given two ways."""
    if not x.actor or not y.actor or x.unit == "year of age":  # ages: _one_person reads whose they are
        return False
    return named_apart((x.actor,), (y.actor,))


def named_together(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Both sentences name someone the event involves, and someone in both: "Donald J. Trump on
    Tuesday assailed Justice Ginsburg" and "Trump swiftly responded Tuesday"."""
    return bool(_name_words(xs) & _name_words(ys))


def named_apart(xs: Sequence[str], ys: Sequence[str]) -> bool:
    """Both sentences name who is involved, and no one in both: "Mr. Trump" and "Donald Trump" are
    one, "Wynn" and "Joique Bell" two."""
    nx, ny = _name_words(xs), _name_words(ys)
    return bool(nx and ny) and not nx & ny


def _name_words(names: Sequence[str]) -> set[str]:
    return {w for name in names for w in name_words(name)}


def _one_person(x: Quantity, y: Quantity) -> bool:
    """Two ages of one named person, however each is told: "Labrador, who is 47" and "Raul Labrador,
    a 46-year-old Mormon father of five" (the age of the person the phrase stands beside)."""
    if x.unit != "year of age" or y.unit != "year of age":
        return False
    return bool(name_words(x.actor or x.counted or "") & name_words(y.actor or y.counted or ""))


def _age_of_named(q: Quantity) -> bool:
    """The age of a person the article names ("Mr. Hunter, 41,", "Pelosi, 76-year-old"): however
    differently two articles word the sentence, the same person's age is one fact."""
    return q.unit == "year of age" and q.counted is not None and q.counted[:1].isupper()


def _close(a: QuantityValue, b: QuantityValue) -> bool:
    """Conflicting figures worth flagging are near each other (38 vs 39 days, 47 vs 48 pages);
    far-apart numbers with the same unit are, far more often, different facts."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        # a tally misreported has one side wrong (97-1 and 97-2); two tallies that differ on every
        # side are two counts (a game's score at two moments, two votes)
        return len(a) == len(b) and sum(p != q for p, q in zip(a, b, strict=True)) <= 1
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    hi = max(abs(a), abs(b))
    return hi == 0 or abs(a - b) / hi <= 0.1 or _one_digit_apart(a, b)


def _share_parts(q: Quantity) -> tuple[float, float] | None:
    """The two numbers of a share told "N in M" ("a one-in-three chance", "4 out of 10")."""
    m = SHARE_PATTERN.fullmatch(q.text) if q.unit == "fraction" else None
    if m is None:
        return None
    part, whole = parse_number(m.group("num")), parse_number(m.group("num2"))
    return None if part is None or whole is None else (part, whole)


def _share_slip(x: Quantity, y: Quantity) -> bool:
    """Two shares told "N in M" one of whose numbers is the same and the other one apart ("a 1 in 3
    chance", "a 1 in 2 chance"): one share with a number miswritten, as a tally with one side wrong
    (see _close); in proportion such shares lie far apart ("1 in 3" against "1 in 2")."""
    a, b = _share_parts(x), _share_parts(y)
    return a is not None and b is not None and _one_side_apart(a, b)


def _one_digit_apart(a: float, b: float) -> bool:
    """Two figures of tens or more one apart in their last significant digit (see _one_apart): "a
    60-day suspension" and "a 70-day suspension", one figure misremembered or mistyped, however far
    apart in proportion a one-digit figure's neighbours are. On the ECB+ dev topics this adds three
    conflicts, all three read as true (40 against 30 hours of a jury's deliberation, 70 against 80
    wounded, 70 against 80 percent of a country's internet cut). Not counts of units ("two" and
    "three"): taken too, they added 19 more there, not judged, in stories that count many small
    things."""
    return min(significant(a)[1], significant(b)[1]) >= 1 and _one_apart(a, b)


PRECISION = {"day": "day", "week": "day", "month": "month", "season": "month", "year": "year", "decade": "year",
             "range": "year"}


def _spans_years(value: DateValue) -> bool:
    """Whether a date is told at the precision of years: a year, a decade, or a span longer than a
    season ("from 2010 to 2013"); "the weekend" and "June and July of 2009" are spans of days and
    months."""
    if value.granularity == "range":
        return (value.last - value.first).days > SEASON_DAYS
    return PRECISION.get(value.granularity) == "year"


SEASON_DAYS = 92  # the longest span PRECISION reads at a month's precision: a season


_PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|night|noon|midnight|overnight)\b", re.I)


def _part_of_day(date: DateFact) -> str | None:
    found = _PART_OF_DAY.search(date.text)
    return found.group(1).lower() if found else None


def _names_no_year(date: DateFact) -> bool:
    """A day or a few days told from the day of writing, without a number: a weekday, "last night", "the
    weekend". Its year is the writer's, not what it says: that "the race last night" falls within "the
    2016 presidential race" says nothing of their being one fact."""
    if date.weekday is not None:
        return True
    if date.value is None or any(c.isdigit() for c in date.text):
        return False
    return date.value.granularity in {"day", "week", "range"} and not _spans_years(date.value)


# Parts of a day that name no other: "Tuesday night" is "late Tuesday night", not "Tuesday morning".
_PART_GROUPS = {"morning": "morning", "noon": "afternoon", "afternoon": "afternoon", "evening": "night",
                "night": "night", "midnight": "night", "overnight": "night"}


def _one_day(x: DateFact, y: DateFact) -> str | None:
    """How two mentions of one day relate: "same" told alike, "compatible" where one gives the part of
    the day ("Tuesday" and "Tuesday afternoon"), none where each gives another ("this morning" and
    "Wednesday afternoon": two moments, more often two events than one)."""
    px, py = _part_of_day(x), _part_of_day(y)
    if px == py:
        return "same"
    if px is not None and py is not None and _PART_GROUPS[px] != _PART_GROUPS[py]:
        return None
    return "compatible"


_NAMED_WEEK = re.compile(r"\b(?:next|last)\b", re.I)


def _week_apart(x: DateFact, y: DateFact) -> bool:
    """One weekday named in both, read as days a week apart: which week a bare weekday means is read
    from each article's publication date and tense, and that reading, not the texts, differs. Not when
    one names its week ("next Tuesday's debate") and the other tells its day as past against it ("The
    vice presidential debate on Tuesday was supposed to be …"): the texts then tell two weeks."""
    if {x.tense, y.tense} == {"past", "future"} and (_NAMED_WEEK.search(x.text) or _NAMED_WEEK.search(y.text)):
        return False
    return (x.weekday is not None and x.weekday == y.weekday and x.value is not None and y.value is not None
            and x.value.granularity == y.value.granularity == "day" and abs((x.value.first - y.value.first).days) == 7)


_EARLY = re.compile(r"\bearly\b", re.I)


def _weekdays_on(x: DateFact, y: DateFact) -> int | None:
    """How many days on from x's weekday y's is (0 to 6), when both name a weekday."""
    if x.weekday in WEEKDAYS and y.weekday in WEEKDAYS:
        return (WEEKDAYS.index(y.weekday) - WEEKDAYS.index(x.weekday)) % 7
    return None


def _across_midnight(x: DateFact, y: DateFact) -> bool:
    """One night told from either side of midnight: "late Thursday" or "Thursday" and "early Friday"
    (around 1:30 a.m.) are one night, which outlets give to one day or the next."""
    for before, after in ((x, y), (y, x)):
        if not _EARLY.search(after.text):
            continue
        steps = _weekdays_on(before, after)
        if steps is not None:
            if steps == 1:
                return True
        elif before.value is not None and after.value is not None and \
                before.value.granularity == after.value.granularity == "day" and \
                (after.value.first - before.value.first).days == 1:
            return True
    return False


COMMON_YEAR = 2001
"""A year for a month's day the text gives without one: the gap between two days of one year, and
whether two such days are one, do not depend on which."""


def unplaced_day(date: DateFact) -> dt.date | None:
    """A month's day an article gives without a year and cannot place on the calendar, having no
    publication date ("June 28" in a text file), put in COMMON_YEAR; another such day can still
    match it."""
    return None if date.value is not None else _day_in_common_year(date.text)


@functools.lru_cache(maxsize=4096)
def _day_in_common_year(text: str) -> dt.date | None:
    reading = read_date(text, Context(None, year=COMMON_YEAR))
    if reading is None or reading.value is None or reading.value.granularity != "day":
        return None
    return reading.value.first


def relate_dates(x: DateFact, y: DateFact) -> str | None:
    if x.value is None and y.value is None and (day := unplaced_day(x)) is not None and day == unplaced_day(y):
        # two days neither article can place, the same month's day or holiday, are one day; two
        # different ones say nothing, since their years may differ
        return _one_day(x, y)
    if x.value is not None and y.value is not None:
        if x.value.first == y.value.first and x.value.last == y.value.last or _week_apart(x, y):
            # "Tuesday afternoon" is Tuesday told more precisely
            return _one_day(x, y)
        if _bounded_by(x.value, y.value) or _bounded_by(y.value, x.value):
            return "same"  # a span's first or last year, told on its own
        # a day within a month is that month told more precisely; but "from 2000 to 2006" and
        # "from 2002 to 2006" are two accounts of one span
        if x.value.overlaps(y.value) and not x.value.granularity == y.value.granularity == "range":
            # but a day told from the day of writing names no year (_names_no_year): that "after his
            # resignation on Friday" falls within "would not seek re-election in 2018" says nothing of
            # their being one fact (a span of days, as "over the weekend", is no year: "on Saturday"
            # falls within it as a day within its week)
            if _names_no_year(x) and _spans_years(y.value) or _names_no_year(y) and _spans_years(x.value):
                return None
            return "compatible"
        # A day against a year is more often two events than one event misdated.
        if PRECISION.get(x.value.granularity) != PRECISION.get(y.value.granularity):
            return None
        return "compatible" if _across_midnight(x, y) else "incompatible"
    if x.value is None and y.value is None and x.weekday and y.weekday:
        if x.weekday != y.weekday:
            return "compatible" if _across_midnight(x, y) else "incompatible"
        return _one_day(x, y)
    return None


def _bounded_by(span: DateValue, point: DateValue) -> bool:
    """Whether a span of years names ``point``, a year, as its first or last: "headed the command
    from 2010 to 2013" tells the year "he left it in 2013" names."""
    if span.granularity != "range" or point.granularity != "year" or not _spans_years(span):
        return False
    return (point.first, point.last) in {(span.first, dt.date(span.first.year, 12, 31)),
                                          (dt.date(span.last.year, 1, 1), span.last)}


def judge_dates(x: DateFact, y: DateFact, weights: Weights) -> Pair | None:
    relation = relate_dates(x, y)
    if relation is None:
        return None
    if relation == "incompatible" and _retold(x, y):
        return Pair(max(weights.similarity(x.context, y.context), THRESHOLDS["same"]), "same")
    sim = weights.similarity(x.context, y.context)
    if relation == "incompatible":
        same_event = heads_match(x.head, y.head) or _placed_alike(x, y, sim) or _one_span(x.value, y.value)
    else:
        same_event = heads_related(x.head, y.head) or _one_statement(x, y)
    score = sim + (HEAD_BONUS if same_event else 0.0) + (ACTOR_BONUS if _same_actors(x, y) else 0.0)
    if x.relation != y.relation:
        if x.relation and y.relation:
            return None
        score -= 0.1
        if relation == "same":
            relation = "compatible"  # "by Saturday" bounds the day "the next day" names: one told less precisely
    if relation == "incompatible" and not (same_event and _one_event(x, y)):
        return None
    # one day told at two precisions ("Tuesday", "Tuesday afternoon") needs what one day told alike needs
    told = "same" if value_key(x) == value_key(y) else relation
    threshold = DATE_CONFLICT_THRESHOLD if relation == "incompatible" else THRESHOLDS[told]
    return Pair(score, relation, linked=score >= threshold and _told_alike(told, sim))


def _one_span(a: DateValue | None, b: DateValue | None) -> bool:
    """Two spans of years that begin in one year and end in two, or the other way round: one span told
    two ways ("Mr. Fox, who was president of Mexico from 2000 to 2006", "The former Mexican president,
    who led the country from 2002 to 2006"), whatever words each attaches it to, when each article
    states its span once (favour_rare_values). Two spans that meet ("from 2000 to 2006", "from 2006 to
    2012") are two; spans further apart than a slip are left to _one_event."""
    if a is None or b is None or not all(v.granularity == "range" and _spans_years(v) for v in (a, b)):
        return False
    return (a.first.year == b.first.year) != (a.last.year == b.last.year)


def _placed_alike(x: DateFact, y: DateFact, similarity: float) -> bool:
    """Two years or two days of the calendar whose sentences share so much of their words
    (DATE_EVENT_WORDS, fitted) that they tell one event, though the words the dates attach to differ:
    "Page was also celebrated in the 2006 HBO movie, The Notorious Bettie Page, starring Gretchen Mol"
    and "In 2005, Time Warner Inc. and HBO Films released "The Notorious Bettie Page," a feature film
    starring Gretchen Mol" (movie, release). Not a weekday or a day told from the day of writing: a
    story's events fall on its days many at a time, so that its sentences of one week share their words
    ("Authorities are now saying they suspect arson is to blame for Friday night's fire", "Damage … was
    estimated at $1 million, authorities said Saturday")."""
    return similarity >= DATE_EVENT_WORDS and all(
        d.value is not None and (_spans_years(d.value) or _calendar_day(d))
        for d in (x, y))


def _calendar_day(date: DateFact) -> bool:
    """A day of the calendar, told by its month and number ("Feb. 28", "June 12, 2016")."""
    return bool(_MONTH_NAME.search(date.text) and _DAY_NUMBER.search(date.text))


def _same_actors(x: DateFact, y: DateFact) -> bool:
    """Both dates are of an event involving someone both sentences name ("Donald J. Trump on Tuesday
    assailed Justice Ginsburg", "Trump swiftly responded Tuesday"), told at one precision (a day and
    "earlier this month" tell different things), and neither is a day of reporting unless both give
    the same day: "LePage declared on Wednesday that he would not step down" and "LePage said
    Wednesday that he has no plans to resign" are one statement, but two days of one person's saying
    are, far more often, two statements (see _one_event); and one told as a point, the other as a
    bound ("Rahman would go on to win the vacant title in 2005", "Rahman, who hasn't scored a notable
    win since 2005") tell two things of one person."""
    saying = bool({x.head, y.head} & REPORTING)
    return named_together(x.actors, y.actors) and (not saying or value_key(x) == value_key(y)) \
        and _precision(x) is not None and _precision(x) == _precision(y) and x.relation == y.relation


# Words a date of saying attaches to: the verbs of saying, and those of a statement's occasion.
SAYING = SPEECH_VERBS | {"speak", "remark", "interview", "speech", "statement", "remarks", "briefing"}


def _one_statement(x: DateFact, y: DateFact) -> bool:
    """Two words of saying by one person named, on one date: one statement told in other words ("Mr.
    Obama said on Sunday", "Obama, speaking from the White House on Sunday"); said on two dates, or
    one told more precisely, far more often two statements ("criticized … last year", "asserted last
    week")."""
    return x.head in SAYING and y.head in SAYING and named_together(x.actors, y.actors) and value_key(x) == value_key(y)


def _retold(x: DateFact, y: DateFact) -> bool:
    """The same date words in a copy of one sentence ("Today, that same membership costs $25,000" in
    an article and in its republication the next day): one statement, whatever the two publication
    dates make of "today". A copy, as of whole articles (COPY_JACCARD), shares that much of its words;
    the words are compared letter by letter, in order, so that a copy's own spelling here and there
    ("non-refundable", "nonrefundable") still reads as a copy. That comparison (rapidfuzz's ratio)
    counts shared letters against both strings' lengths, a Dice coefficient: COPY_DICE is the Dice
    coefficient of sets at COPY_JACCARD."""
    if x.text.lower() != y.text.lower() or not x.context or not y.context:
        return False
    return fuzz.ratio(" ".join(x.context), " ".join(y.context)) / 100 >= COPY_DICE


COPY_DICE = 2 * COPY_JACCARD / (1 + COPY_JACCARD)


def _one_event(x: DateFact, y: DateFact) -> bool:
    """Whether two dates of the same event word can be one event given two dates: not saying ("said
    Thursday" and "said Friday" are two statements), near each other, no two different named ones
    involved ("signed Wynn on Tuesday", "signed Bell on Wednesday"), and not one told as done and the
    other as to come ("had a long visit with him Tuesday", "will visit the Lions this Sunday")."""
    return (x.head not in VAGUE_HEADS and _near_dates(x, y) and not named_apart(x.actors, y.actors)
            and {x.tense, y.tense} != {"past", "future"})


SLIP_DAYS = SLIP_YEARS = 2
"""As with figures (:func:`_close`), conflicting dates worth flagging are near each other: a day or
two apart (an event late at night, a day miscounted), a year or two; dates further apart in one
story are, far more often, two events."""


def _near_dates(x: DateFact, y: DateFact) -> bool:
    """Whether two dates are near enough to be one date given wrong (see SLIP_DAYS). Weekdays are
    compared as the texts name them, around the week: their days on the calendar depend on when each
    article was published, which may itself be off."""
    steps = _weekdays_on(x, y)
    if steps is not None:
        return min(steps, 7 - steps) <= SLIP_DAYS
    if x.value is not None and y.value is not None:
        a, b = x.value, y.value
        if PRECISION.get(a.granularity) == "year" and PRECISION.get(b.granularity) == "year":
            return abs(a.first.year - b.first.year) <= SLIP_YEARS and abs(a.last.year - b.last.year) <= SLIP_YEARS
        return (max(a.first, b.first) - min(a.last, b.last)).days <= SLIP_DAYS
    return True


V = TypeVar("V", bound=Fact)
H = TypeVar("H", Quantity, DateFact)


def value_key(fact: Fact) -> Hashable:
    if isinstance(fact, Quantity):
        return (fact.unit, fact.value, fact.qualifier)
    if isinstance(fact, DateFact):
        return (fact.value.first, fact.value.last) if fact.value is not None else fact.weekday or unplaced_day(fact)
    return fact.text


def restates(x: Fact, y: Fact) -> bool:
    """Whether ``y``, of ``x``'s article, may state ``x``'s fact again: the same value, and not given to
    someone else by name ("Burton said Monday" and "King said Monday" are two statements of a day;
    Artino's two free throws and Gibbs's two are two figures)."""
    if value_key(x) != value_key(y):
        return False
    if isinstance(x, DateFact) and isinstance(y, DateFact):
        return not named_apart(x.actors, y.actors)
    if isinstance(x, Quantity) and isinstance(y, Quantity):
        return not _owners_differ(x, y)
    return True


def figure_key(fact: Fact) -> Hashable:
    """The value as stated, whatever its hedge: "just over $200,000" and "$200,000" state one figure,
    and "barely two terms" and "two-term" one count, which an article stating it once gives once."""
    if isinstance(fact, Quantity):
        return (fact.unit, fact.value)
    return value_key(fact)


def _specificity(fact: Fact) -> float:
    """How unlikely two unrelated statements are to share this value by chance: a tally (97-1) or
    a figure with several significant digits ($716 billion, 5,200) more than a round one (2,000);
    a day of the calendar ("Feb. 28", "June 12, 2016") more than a weekday, a month or a year."""
    if isinstance(fact, DateFact):
        return CALENDAR_DAY if _calendar_day(fact) else 0.0
    if not isinstance(fact, Quantity):
        return 0.0
    if isinstance(fact.value, tuple):
        return 0.3
    return min(0.3, 0.1 * max(0, significant(fact.value)[0] - 1))


def _rare(here: int, there: int, fact: Fact) -> bool:
    """Whether a value stated ``here`` times in one article and ``there`` times in the other is rare
    enough to be trusted: once in each; or, for a specific figure (see _specificity), as often in each
    and at most twice ("paid $84,000 from a public fund", "pledged to repay the $84,000": two facts,
    each told once by each article), which of the pairs are one fact then read from their words."""
    return here == there == 1 or (here == there == 2 and _specificity(fact) > 0)


FEW_TIMES = 3
"""How often each of two articles may state a date for its two statements that are each other's
nearest in words to count as one (see _few_times)."""


def _few_times(here: Sequence[Fact], there: Sequence[Fact]) -> bool:
    """A date that each of two articles states a few times (FEW_TIMES; ``here`` and ``there``: each
    article's statements of it), of a month, a week or a day of the calendar ("last month", "last
    week", "Sept. 11"): a statement of it in one and a statement in
    the other that are each other's nearest in words are one fact, on the evidence a date stated once
    in each needs ("Mr. Cantor received what amounted to a warning shot from local Republicans at a
    district convention last month", "Last month, a feisty crowd of Brat supporters booed Cantor":
    each article's other "last month" tells another thing). Not a day of the news, a weekday or
    "today", nor a year: a story's events fall on its days many at a time ("met with leaders
    Tuesday", "will reprise their tour on Tuesday"), and a year is the backdrop of many ("In 2012, 43
    percent of the money to Mr. Obama…", "states that Mr. Obama won handily in 2008 and 2012")."""
    return all(isinstance(d, DateFact) and _narrow(d) for d in (*here, *there)) \
        and 1 <= len(here) <= FEW_TIMES and 1 <= len(there) <= FEW_TIMES


def _narrow(date: DateFact) -> bool:
    """A date narrower than a year and not a day of the news: a month, a week, a day of the calendar."""
    if date.value is None or PRECISION.get(date.value.granularity) == "year":
        return False
    return date.value.granularity != "day" or _specificity(date) > 0.0


def _stated(items: Sequence[V], key: Callable[[V], Hashable]) -> dict[tuple[str, Hashable], list[V]]:
    """Each article's statements of each value."""
    stated: dict[tuple[str, Hashable], list[V]] = {}
    for f in items:
        stated.setdefault((f.article, key(f)), []).append(f)
    return stated


def _rare_pair(score: float, relation: str, fact: Fact, threshold: float) -> Pair:
    """A pair of statements whose values each article states once (or, for a near miss, each its
    own once): their words' score with what that rarity adds, linked at ``threshold``."""
    score += RARE_VALUE_BONUS + _specificity(fact)
    return Pair(score, relation, linked=score >= threshold)


SEQUENCE_UNITS = frozenset({None, "ordinal", "time"})  # None: a count, whose "unit" is what it counts


def favour_rare_values(items: Sequence[V], judge: Callable[[V, V], Pair | None],
                       key: Callable[[V], Hashable] = figure_key,
                       threshold: float = THRESHOLDS["same"]) -> Callable[[V, V], Pair | None]:
    """A judge that trusts a shared value more when each article states that value only once:
    two mentions of 1976 in two articles about one story are, far more often than not, one fact,
    as are two credits of Fox News; the more when a figure is also each article's only one of its
    unit (only_of_unit). A day told with its part ("Friday morning") is rare when each article
    states that part of that day once, however often it states the day: "in a report released Friday
    morning" and "during a briefing on Friday morning", in articles that name that Friday for other
    things too. A date each states a few times gets that trust in its two statements that
    are each other's nearest (_few_times). Two spans of years that share one end (_one_span), each
    article stating its own once and not the other's, get it too: a span is as specific as a value
    with two figures, and one end given two ways is a conflict on the evidence an agreement needs.
    ``key``: the value as compared; ``threshold``: the score that links two statements of one value."""
    stated = _stated(items, key)
    of_unit = Counter((f.article, f.unit) for f in items if isinstance(f, Quantity))

    def only_of_unit(x: Quantity, y: Quantity) -> bool:
        """One measure told alike: the same figure with the same hedge, the only figure of its unit in
        each article ("a seven-term House member", "the seven-term congressman"; "for three months
        had refused", "why it took three months"), given to no two people by name. An article that
        states one figure of a unit states it for the story's fact far more often than by chance, as
        with a value it states once; a number in a sequence ("a second person", "the third floor",
        "twice") is not a measure."""
        return x.unit not in SEQUENCE_UNITS and x.qualifier == y.qualifier and not _owners_differ(x, y) \
            and of_unit[(x.article, x.unit)] == of_unit[(y.article, y.unit)] == 1

    def each_others_nearest(x: V, y: V, score: float, here: Sequence[V], there: Sequence[V]) -> bool:
        """Whether no other statement of the value in y's article is as near x in words, nor any other
        in x's article as near y."""
        for one, others, other in ((x, there, y), (y, here, x)):
            for o in others:
                if o is not other and (p := judge(one, o)) is not None and p.score >= score:
                    return False
        return True

    def judged(x: V, y: V) -> Pair | None:
        pair = judge(x, y)
        if pair is not None and pair.relation == "incompatible" and isinstance(x, DateFact) \
                and isinstance(y, DateFact) and _one_span(x.value, y.value) \
                and _each_its_own_once(stated, x, key(x), y, key(y)):
            # a span of years told two ways, each article's once: on the evidence one span told alike
            # needs, as Slips gives a near miss of figures
            return _rare_pair(pair.score, pair.relation, x, threshold)
        if pair is None or pair.relation == "incompatible":
            return pair
        value = key(x)
        here, there = stated.get((x.article, value), ()), stated.get((y.article, value), ())
        if value != key(y):
            return pair
        if isinstance(x, Quantity) and x.unit == "percent" \
                and _coincidence_likely(of_unit[(x.article, x.unit)], of_unit[(y.article, x.unit)]):
            return pair
        if isinstance(x, DateFact) and isinstance(y, DateFact) and not _rare(len(here), len(there), x) \
                and (part := _part_of_day(x)) is not None and _part_of_day(y) == part:
            # "Friday morning" in each, beside other statements of that Friday: the part of the day is
            # what each states once
            here = [d for d in here if isinstance(d, DateFact) and _part_of_day(d) == part]
            there = [d for d in there if isinstance(d, DateFact) and _part_of_day(d) == part]
        if not _rare(len(here), len(there), x):
            if isinstance(x, DateFact) and _few_times(here, there) \
                    and each_others_nearest(x, y, pair.score, here, there):
                return _rare_pair(pair.score, pair.relation, x, threshold)
            return pair
        score = pair.score
        if isinstance(x, Quantity) and isinstance(y, Quantity) and only_of_unit(x, y):
            score += RARE_VALUE_BONUS
        return _rare_pair(score, pair.relation, x, threshold)

    return judged


PERCENTS = 100
"""The whole percentages a share may take: the values two articles' percentages fall among, for the
chance that two of them coincide (see _coincidence_likely)."""


def _coincidence_likely(here: int, there: int) -> bool:
    """Whether two articles that state ``here`` and ``there`` percentages are as likely as not to share
    one by chance: each of their here × there pairs coincides one time in PERCENTS. Two poll stories
    each giving a dozen shares share some ("Sanders is up from 37 percent in January", "Trump was
    chosen by 37% of likely voters"), so a percentage each states once is then no rarer than any."""
    return 1 - (1 - 1 / PERCENTS) ** (here * there) >= 0.5


def told_apart(items: Sequence[H], judge: Callable[[H, H], Pair | None]) -> Callable[[H, H], Pair | None]:
    """A judge that reads no conflict between two values that one article itself tells apart. An
    article that gives "Wednesday's home loss" and also "Friday's setback at Boston" says another
    article's "Friday night's loss at Boston" is its own Friday game, not its Wednesday one given
    wrong: it states the other's value, in a statement that reads as the other's fact on the words'
    evidence two compatible values need (THRESHOLDS), and of another thing than its own figure (see
    heads_match). One that gives both values of the same thing contradicts itself ("died on Friday",
    "died on Thursday"), and its conflict stands."""
    stated = _stated(items, value_key)
    known: dict[tuple[str, str | None, int], bool] = {}

    def accounted(x: H, y: H) -> bool:
        """Whether x's article states y's fact, with y's value, as something other than x (kept per
        article, head and y: an article that states one value many times is read once per y)."""
        key = (x.article, x.head, id(y))
        if key not in known:
            known[key] = any(
                not heads_match(x.head, other.head) and (pair := judge(other, y)) is not None
                and pair.score >= THRESHOLDS["compatible"] for other in stated.get((x.article, value_key(y)), []))
        return known[key]

    def judged(x: H, y: H) -> Pair | None:
        pair = judge(x, y)
        if pair is not None and pair.relation == "incompatible" and (accounted(x, y) or accounted(y, x)):
            return None
        return pair

    return judged
