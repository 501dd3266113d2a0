"""Date expressions → calendar intervals: the rule set behind :mod:`storydiff.analyze.dates`.

Each rule is one pattern and a reader that turns a match into a :class:`Reading` (the interval,
and the weekday when one is named). Relative forms are placed against the publication date and
the tense of the sentence; without a publication date they read as ``value=None``. Conventions:

- seasons are meteorological (summer = June 1 – August 31, winter = Dec 1 – end of February),
  because news "this summer" covers June and August too;
- a weekday is the most recent such day on or before publication, or the next one on or after it
  in future tense; "last Friday" / "next Tuesday" are strictly before / after publication;
- a month-day (or month, season, holiday) without a year is put in the year that makes it (past
  tense) not more than ``PAST_SLACK`` after publication, (future) not before publication,
  (present: news uses it for schedules) not more than ``PAST_SLACK`` before publication,
  (a schedule told in the past tense, "was set for June 28") nearest to publication;
- "early/mid/late X" and "the beginning/middle/end of X" are the first/middle/last third of X,
  at X's granularity; "earlier/later this X" run from the start of X to publication, or on to
  its end;
- "N days ago" is that day; "N weeks ago" / "N months ago" a window of ±1 / ±7 days around it
  (granularity week / month); "N years ago" the calendar year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..model import DateValue

Tense = Literal["past", "present", "future", "near"]
""""near": said in the past of something set ahead ("sentencing was scheduled for June 28"), so the
date may fall on either side of publication — the occurrence nearest to it is meant."""

PAST_SLACK = dt.timedelta(days=14)
DAY = dt.timedelta(days=1)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}  # first month
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50,
}

# --- pattern pieces -----------------------------------------------------------------------------
B = r"(?<![\w$£€.,/'’-])"  # left boundary: not inside a word or a number
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
         r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)")
DAYNUM = r"(?:the\s+)?(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w-])"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\w-]|[.,]\d|\s*(?:%|percent))"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
PART_OF_DAY = r"(?:\s+(?i:morning|afternoon|evening|night))?"
MOD = r"(?P<mod>(?i:(?:the\s+)?(?:end|start|beginning|middle)\s+of|earlier|later|early|late|mid-?))"
REL = r"(?P<rel>(?i:this\s+past|this\s+coming|this|last|next))"
POINT = rf"(?:{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR})?|{MONTH},?\s+(?:of\s+)?{YEAR}|{MONTH}|{YEAR})"
HOLIDAY = (r"(?:Christmas(?:\s+Eve|\s+Day)?|New\s+Year['’]s(?:\s+Day|\s+Eve)?|Thanksgiving(?:\s+Day)?|"
           r"Election\s+Day|Independence\s+Day|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|"
           r"Valentine['’]s\s+Day|Halloween)(?!\w)")


@dataclass(frozen=True)
class Reading:
    """What a date expression says: the interval (None if it cannot be placed) and the weekday."""

    value: DateValue | None
    weekday: str | None = None


@dataclass(frozen=True)
class Context:
    published: dt.date | None
    tense: Tense = "past"
    year: int | None = None  # a year the expression inherits (from a range's other end, "9/11")


Reader = Callable[[re.Match[str], Context], Reading | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    read: Reader
    # A match of this rule is a date only where spaCy tagged a DATE or a preposition precedes it
    # (bare "2010", "May", "fall").
    needs_support: Callable[[re.Match[str]], bool] = lambda m: False


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    needs_support: bool

    def read(self, ctx: Context) -> Reading | None:
        return self.rule.read(self.match, ctx)


# --- calendar helpers ---------------------------------------------------------------------------
def month_number(name: str) -> int:
    return _MONTH_KEYS.index(name.lower().rstrip(".")[:3]) + 1


def _month(year: int, month: int) -> DateValue:
    last = calendar.monthrange(year, month)[1]
    return DateValue(dt.date(year, month, 1), dt.date(year, month, last), "month")


def _year(year: int) -> DateValue:
    return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _day(day: dt.date) -> DateValue:
    return DateValue(day, day, "day")


def _season(year: int, season: str) -> DateValue:
    first = dt.date(year, SEASONS[season], 1)
    end_month = (SEASONS[season] + 1) % 12 + 1
    end_year = year + 1 if season == "winter" else year
    last = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return DateValue(first, last, "season")


def _week(day: dt.date) -> DateValue:
    monday = day - dt.timedelta(days=day.weekday())
    return DateValue(monday, monday + dt.timedelta(days=6), "week")


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _part(value: DateValue, mod: str | None, published: dt.date | None) -> DateValue:
    """The part of ``value`` a modifier picks: early/mid/late thirds, or up to / from publication."""
    if not mod:
        return value
    mod = " ".join(mod.lower().split())
    if mod in {"earlier", "later"}:
        if published is None or not value.first <= published <= value.last:
            return value
        if mod == "earlier":
            return DateValue(value.first, published, value.granularity)
        return DateValue(published, value.last, value.granularity)
    span = (value.last - value.first).days + 1
    third = span // 3
    if third == 0:
        return value
    if mod in {"early"} or mod.endswith(("start of", "beginning of")):
        return DateValue(value.first, value.first + dt.timedelta(days=third - 1), value.granularity)
    if mod.startswith("mid") or mod.endswith("middle of"):
        return DateValue(value.first + dt.timedelta(days=third),
                         value.last - dt.timedelta(days=third), value.granularity)
    return DateValue(value.last - dt.timedelta(days=third - 1), value.last, value.granularity)


def place(make: Callable[[int], DateValue | None], ctx: Context) -> DateValue | None:
    """Put a yearless date (a month-day, a month, a holiday) in the year the tense implies."""
    if ctx.year is not None:
        return make(ctx.year)
    pub = ctx.published
    if pub is None:
        return None
    options = [v for v in (make(y) for y in (pub.year - 1, pub.year, pub.year + 1)) if v is not None]
    if not options:
        return None
    if ctx.tense == "near":
        return min(options, key=lambda v: min(abs(v.first - pub), abs(v.last - pub)))
    if ctx.tense == "past":
        earlier = [v for v in options if v.first <= pub + PAST_SLACK]
        return max(earlier, key=lambda v: v.first) if earlier else options[0]
    # Future, and present ("is up for re-election in November", "runs through Nov. 5"): the
    # next one, or (present) one that ended at most PAST_SLACK ago ("is effective Dec. 20").
    since = pub if ctx.tense == "future" else pub - PAST_SLACK
    later = [v for v in options if v.last >= since]
    return min(later, key=lambda v: v.first) if later else options[-1]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date, rel: str, tense: Tense) -> dt.date:
    """The date of a named weekday: news convention, most recent unless future tense or "next"; a
    day set ahead and told in the past ("was scheduled to return Tuesday") is the nearest one."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel == "last":
        return published - dt.timedelta(days=back or 7)
    if rel == "next":
        return published + dt.timedelta(days=ahead or 7)
    if rel == "this coming" or (rel != "this past" and tense == "future"):
        return published + dt.timedelta(days=ahead)
    if not rel and tense == "near" and ahead < back:  # "was scheduled to return Tuesday": the nearest Tuesday
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 for last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, year: int) -> dt.date:
    key = " ".join(name.lower().replace("’", "'").split())
    fixed = {"christmas eve": (12, 24), "new year's eve": (12, 31), "new year's": (1, 1),
             "new year's day": (1, 1), "independence day": (7, 4), "veterans day": (11, 11),
             "valentine's day": (2, 14), "halloween": (10, 31)}
    if key in fixed:
        return dt.date(year, *fixed[key])
    if key.startswith("christmas"):
        return dt.date(year, 12, 25)
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    return _nth_weekday(year, 11, 0, 1) + DAY  # Election Day: the Tuesday after the first Monday


# --- readers ------------------------------------------------------------------------------------
def _rel(m: re.Match[str]) -> str:
    rel = m.groupdict().get("rel")
    return " ".join(rel.lower().split()) if rel else ""


def _read_full_date(m: re.Match[str], ctx: Context) -> Reading | None:
    month, day = month_number(m["month"]), int(m["day"])
    weekday = m["wd"]
    if m["year"]:
        date = _safe_date(int(m["year"]), month, day)
        return Reading(_day(date), weekday) if date else None
    if _safe_date(2000, month, day) is None:  # Feb. 30; 2000 is a leap year, so Feb. 29 passes
        return None

    def make(year: int) -> DateValue | None:
        date = _safe_date(year, month, day)
        return _day(date) if date else None

    return Reading(place(make, ctx), weekday)


def _read_month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    value = _month(int(m["year"]), month_number(m["month"]))
    return Reading(_part(value, m["mod"], None))


def _read_month(m: re.Match[str], ctx: Context) -> Reading | None:
    number, rel, pub = month_number(m["month"]), _rel(m), ctx.published
    if ctx.year is None and pub is not None and rel in {"last", "next", "this past", "this coming"}:
        options = [_month(y, number) for y in (pub.year - 1, pub.year, pub.year + 1)]
        if rel in {"last", "this past"}:
            value: DateValue | None = max((v for v in options if v.last < pub), key=lambda v: v.first)
        else:
            value = min((v for v in options if v.first > pub), key=lambda v: v.first)
    else:
        value = place(lambda y: _month(y, number), ctx)
    return Reading(_part(value, m["mod"], None) if value else None)


def _read_year(m: re.Match[str], ctx: Context) -> Reading | None:
    return Reading(_part(_year(int(m["year"])), m["mod"], None))


def _read_decade(m: re.Match[str], ctx: Context) -> Reading | None:
    if m.groupdict().get("decade"):
        start = int(m["decade"])
    else:
        yy = int(m["yy"])
        start = 2000 + yy if yy < 20 else 1900 + yy
    value = DateValue(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")
    return Reading(_part(value, m["mod"], None))


def _read_short_year(m: re.Match[str], ctx: Context) -> Reading | None:
    yy = int(m["yy"])
    return Reading(_year(2000 + yy if yy < 30 else 1900 + yy))


def _read_season(m: re.Match[str], ctx: Context) -> Reading | None:
    season, rel, pub = m["season"].lower(), _rel(m), ctx.published
    value: DateValue | None
    if m["year"]:
        return Reading(_part(_season(int(m["year"]), season), m["mod"], None))
    if pub is None and ctx.year is None:
        return Reading(None)
    if pub is not None and rel in {"this", "last", "next", "this past", "this coming"}:
        options = [_season(y, season) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
        if rel in {"last", "this past"}:
            value = max((v for v in options if v.last < pub), key=lambda v: v.first)
        elif rel in {"next", "this coming"}:
            value = min((v for v in options if v.first > pub), key=lambda v: v.first)
        else:
            containing = [v for v in options if v.first <= pub <= v.last]
            value = containing[0] if containing else _season(pub.year, season)
    else:
        value = place(lambda y: _season(y, season), ctx)
    return Reading(_part(value, m["mod"], pub) if value else None)


def _this(unit: str, pub: dt.date, rel: str, tense: Tense) -> DateValue:
    """The week/month/year/decade/weekend "this", "last" or "next" refers to."""
    step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
    if unit == "week":
        return _week(pub + dt.timedelta(days=7 * step))
    if unit == "month":
        first = _shift_month(pub.replace(day=1), step)
        return _month(first.year, first.month)
    if unit == "year":
        return _year(pub.year + step)
    if unit == "decade":
        start = (pub.year // 10 + step) * 10
        return DateValue(dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")
    # weekend: Saturday and Sunday
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)  # most recent Saturday (or today)
    if step == 0 and tense != "past" and pub.weekday() < 5:
        saturday += dt.timedelta(days=7)
    elif step < 0 and pub.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    elif step > 0:
        saturday += dt.timedelta(days=7)
    return DateValue(saturday, saturday + DAY, "range")


def _read_rel_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.published is None:
        return Reading(None)
    rel = _rel(m) or "this"
    value = _this(m["unit"].lower(), ctx.published, rel, ctx.tense)
    return Reading(_part(value, m["mod"], ctx.published))


def _read_the_weekend(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "over the weekend": the weekend just past, or the coming one in future tense."""
    if ctx.published is None:
        return Reading(None)
    return Reading(_this("weekend", ctx.published, "this", ctx.tense))


def _read_rel_day(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.published is None:
        return Reading(None)
    word = m["word"].lower()
    offset = -1 if word.startswith(("yesterday", "last")) else 1 if word == "tomorrow" else 0
    return Reading(_day(ctx.published + offset * DAY))


def _read_weekday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = m["wd"]
    if ctx.published is None:
        return Reading(None, name)
    day = resolve_weekday(WEEKDAYS.index(name), ctx.published, _rel(m), ctx.tense)
    return Reading(_day(day), name)


def _read_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    if ctx.published is None:
        return Reading(None)
    word = " ".join(m["n"].lower().split())
    n = int(word) if word.isdigit() else 2 if word.startswith("a couple") else NUMBER_WORDS[word]
    unit, pub = m["unit"].lower(), ctx.published
    if unit == "day":
        return Reading(_day(pub - n * DAY))
    if unit == "week":
        center = pub - dt.timedelta(days=7 * n)
        return Reading(DateValue(center - DAY, center + DAY, "week"))
    if unit == "month":
        center = _shift_month(pub, -n)
        return Reading(DateValue(center - 7 * DAY, center + 7 * DAY, "month"))
    return Reading(_year(pub.year - n))


def _read_holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name, rel = m["name"], _rel(m)
    tense: Tense = "past" if rel == "last" else "future" if rel == "next" else ctx.tense
    value = place(lambda y: _day(_holiday(name, y)), Context(ctx.published, tense, ctx.year))
    return Reading(value)


def _read_range(m: re.Match[str], ctx: Context) -> Reading | None:
    left, right = m["p1"], m["p2"]
    end = read_date(right, ctx)
    if end is None:
        return None
    hint = ctx.year
    has_year = re.compile(r"\d{4}")
    if not has_year.search(left) and has_year.search(right) and end.value is not None:
        hint = end.value.last.year
    start = read_date(left, Context(ctx.published, ctx.tense, hint))
    if start is None:
        return None
    if start.value is None or end.value is None:
        return Reading(None)
    first, last = start.value.first, end.value.last
    if first > last and hint is not None:  # "December to February 2019"
        earlier = read_date(left, Context(ctx.published, ctx.tense, hint - 1))
        if earlier is None or earlier.value is None:
            return Reading(None)
        first = earlier.value.first
    if first > last:
        return None
    return Reading(DateValue(first, last, "range"))


# --- rules --------------------------------------------------------------------------------------
def _bare(m: re.Match[str]) -> bool:
    """A match without a modifier or a this/last/next: needs outside support to count as a date."""
    groups = m.groupdict()
    return not groups.get("mod") and not groups.get("rel")


def _bare_season(m: re.Match[str]) -> bool:
    return not m["year"] and _rel(m) in {"", "the"} and not m["mod"]


def _bare_range(m: re.Match[str]) -> bool:
    """"2000 to 2006" without "from" is a range only where spaCy saw a date."""
    return not m["frm"] and _BARE_POINT.fullmatch(m["p1"]) is not None


def _rule(name: str, pattern: str, read: Reader,
          needs_support: Callable[[re.Match[str]], bool] | None = None) -> Rule:
    return Rule(name, re.compile(pattern), read, needs_support or (lambda m: False))


_BARE_POINT = re.compile(rf"{YEAR}|{MONTH}")
NUMBER = r"a\s+couple(?:\s+of)?|\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
QUALIFIER = r"just|about|nearly|almost|roughly|some|more\s+than|less\s+than|only|barely|over"
RULES: tuple[Rule, ...] = (
    _rule("full_date", rf"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?:the\s+)?"
          rf"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w-])(?:,?\s+(?P<year>{YEAR}))?",
          _read_full_date),
    # day first, as British, Irish, Indian and most other outlets write it: "27 September 2013",
    # "Friday, 27 September", "the 3rd of October"
    _rule("day_first", rf"{B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<day>3[01]|[12]\d|0?[1-9])"
          rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR})|(?![\s.]*\d))",
          # "won 4 June primaries" is a count unless tagged or after "on"; "the 19 Sept. 11 hijackers", one
          _read_full_date, lambda m: not (m["year"] or m["wd"])),
    _rule("month_year", rf"{B}(?:{MOD}[\s-]*)?(?P<month>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR})",
          _read_month_year),
    _rule("month", rf"{B}(?:{MOD}[\s-]*)?(?:{REL}\s+)?(?P<month>{MONTH})", _read_month, _bare),
    _rule("year", rf"{B}(?:{MOD}[\s-]*)?(?P<year>{YEAR})", _read_year, _bare),
    _rule("decade", rf"{B}(?:{MOD}[\s-]*)?(?P<decade>1[6-9]\d0|20\d0)s(?!\w)", _read_decade),
    # "the 1930's" (ECB+'s "the 1930 's"); without "the", "2010's election" is the year's
    _rule("decade_apostrophe", rf"{B}(?i:the)\s+(?:{MOD}[\s-]*)?(?P<decade>1[6-9]\d0|20\d0)\s?['’]s(?!\w)",
          _read_decade),
    _rule("short_decade", rf"{B}(?:{MOD}[\s-]*)?['’](?P<yy>\d0)s(?!\w)", _read_decade),
    _rule("short_year", r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’])", _read_short_year, lambda m: True),
    _rule("season", rf"{B}(?:{MOD}[\s-]*)?(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|the))"
          rf"\s+)?(?P<season>(?i:summer|fall|autumn|spring|winter))(?!\w)"
          rf"(?:(?:\s+of)?,?\s+(?P<year>{YEAR})|(?!\s+of\b))", _read_season, _bare_season),
    _rule("rel_unit", rf"{B}(?:{MOD}\s+)?(?<![Tt]he\s){REL}\s+(?P<unit>week|weekend|month|year|decade)(?!\w)",
          _read_rel_unit),
    _rule("the_weekend", rf"{B}(?P<unit>(?i:the)\s+weekend)(?!\w)", _read_the_weekend),
    _rule("end_of_the_unit", rf"{B}(?P<mod>(?i:(?:the\s+)?(?:end|start|beginning|middle)\s+of))\s+the\s+"
          r"(?P<unit>week|month|year)(?!\w)", _read_rel_unit),
    _rule("rel_day", rf"{B}(?:(?P<mod>(?i:earlier|later|early|late))\s+)?(?P<word>(?i:today|tonight|"
          r"yesterday|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|last\s+night))"
          r"(?:\s+(?i:morning|afternoon|evening|night))?(?!\w)", _read_rel_day),
    _rule("weekday", rf"{B}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?:{REL}\s+)?(?P<wd>{WEEKDAY})"
          rf"{PART_OF_DAY}(?!\w)", _read_weekday),
    _rule("ago", rf"{B}(?:(?i:{QUALIFIER})\s+)?(?P<n>(?i:{NUMBER}))\s+(?P<unit>(?i:day|week|month|year))"
          r"s?\s+(?i:ago)(?!\w)", _read_ago),
    _rule("holiday", rf"{B}(?:{REL}\s+)?(?P<name>{HOLIDAY})", _read_holiday),
    _rule("range", rf"{B}(?P<frm>(?i:from)\s+)?(?P<p1>{POINT})\s*(?:[-–—]|(?i:to|until|till|through|thru)\s)"
          rf"\s*(?P<p2>{POINT})", _read_range, _bare_range),
    _rule("between", rf"{B}(?i:between)\s+(?P<p1>{POINT})\s+(?i:and)\s+(?P<p2>{POINT})", _read_range),
    _rule("months_of_year", rf"{B}(?P<p1>{MONTH})\s+(?i:and|to|through)\s+(?P<p2>{MONTH},?\s+(?:of\s+)?"
          rf"{YEAR})", _read_range),
)


def read_date(text: str, ctx: Context) -> Reading | None:
    """Read a whole date expression ("Oct. 3", "last summer"); None if no rule covers all of it."""
    text = " ".join(text.split())
    for rule in RULES:
        m = rule.pattern.fullmatch(text)
        if m is not None:
            reading = rule.read(m, ctx)
            if reading is not None:
                return reading
    if text[:4].lower() == "the ":  # spaCy's "the 1990s", "the summer"
        return read_date(text[4:], ctx)
    return None


def scan(text: str) -> Iterator[Hit]:
    """Date expressions in ``text``, longest first where they overlap, in text order."""
    hits = [Hit(m.start(), m.end(), rule, m, rule.needs_support(m))
            for rule in RULES for m in rule.pattern.finditer(text)]
    hits.sort(key=lambda h: (h.start - h.end, h.start))
    chosen: list[Hit] = []
    for hit in hits:
        if all(hit.end <= c.start or c.end <= hit.start for c in chosen):
            chosen.append(hit)
    yield from sorted(chosen, key=lambda h: h.start)
