"""Value judgments, table-driven: how two statements' values relate."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from storydiff.compare.attributions import same_source
from storydiff.compare.values import relate_dates, relate_quantities
from storydiff.model import DateFact, DateValue, Quantity, Span


def _q(value, qualifier=None, text="x", unit="day"):  # type: ignore[no-untyped-def]
    return Quantity(article="a", start=0, end=1, text=text, sentence=Span(0, 1), context=(), value=value,
                    qualifier=qualifier, unit=unit, counted=None, head=None)


def _d(first, last, granularity, text="x"):  # type: ignore[no-untyped-def]
    return DateFact(article="a", start=0, end=1, text=text, sentence=Span(0, 1), context=(),
                    value=DateValue(first, last, granularity), weekday=None, relation=None, head=None)


@pytest.mark.parametrize(("a", "b", "relation"), [
    (_q(38.0), _q(39.0), "incompatible"),
    (_q(60.0), _q(60.0), "same"),
    (_q(60_000.0, "about"), _q(60_000.0, "over"), "compatible"),  # about vs more than $60,000
    # a round figure's hedge says on which side of it the figure lies: "more than $60 million" is no
    # $57 million rounded, "nearly $80 million" no $82 million
    (_q(60_000_000.0, "over"), _q(57_000_000.0), "incompatible"),
    (_q(60_000_000.0, "over"), _q(64_000_000.0), "compatible"),
    (_q(80_000_000.0, "under"), _q(82_000_000.0), "incompatible"),
    (_q(60_000_000.0), _q(57_000_000.0), "compatible"),
    (_q(30.0, "min"), _q(30.0, "over"), "compatible"),  # at least 30 vs more than 30
    (_q(5_000.0, "over"), _q(5_200.0), "compatible"),  # more than 5,000 vs 5,200
    # an open hedge reaches so far: "just over $200,000" is no telling of $5.4 million, nor
    # "at least three" of 12
    (_q(200_000.0, "over"), _q(5.4e6), "incompatible"),
    (_q(3.0, "min"), _q(12.0), "incompatible"),
    (_q(60.0, "under"), _q(58.0), "compatible"),  # nearly 60 vs 58
    (_q(8e9, "about"), _q(8e9, "about"), "same"),  # about vs around $8 billion
    (_q((134.0, 63.0), unit="tally"), _q((134.0, 63.0), unit="tally"), "same"),
    (_q((97.0, 1.0), unit="tally"), _q((98.0, 1.0), unit="tally"), "incompatible"),
    # ranges are intervals: "as many as 35 to 40" and "as many as 30 to 40" firefighters agree
    (_q((35.0, 40.0), "max", unit="firefighter"), _q((30.0, 40.0), "max", unit="firefighter"), "compatible"),
    (_q((140e6, 150e6), unit="$"), _q(145e6, unit="$"), "compatible"),
    (_q((5.0, 10.0), unit="soldier"), _q((20.0, 30.0), unit="soldier"), "incompatible"),
    # a figure rounded with a scale word, or to thousands, is the exact one told less precisely
    (_q(13_600_000.0, text="$13.6 million"), _q(13_625_777.0, text="$13,625,777"), "compatible"),
    (_q(2_000.0, text="2,000"), _q(2_013.0, text="2,013"), "compatible"),
    (_q(13_600_000.0, text="$13.6 million"), _q(13_725_777.0, text="$13,725,777"), "incompatible"),
    # the same precision is no rounding: 520,000 against 530,000 is a discrepancy
    (_q(520_000.0, text="520,000"), _q(530_000.0, text="530,000"), "incompatible"),
    (_q(5.7e9, text="$5.7 billion"), _q(5.8e9, text="$5.8 billion"), "incompatible"),
    # a round figure written in digits is not a rounding of a near one: 40 against 41
    (_q(40.0, text="40"), _q(41.0, text="41"), "incompatible"),
])
def test_relate_quantities(a, b, relation):  # type: ignore[no-untyped-def]
    assert relate_quantities(a, b) == relation
    assert relate_quantities(b, a) == relation


D = dt.date
AUG = _d(D(2018, 8, 1), D(2018, 8, 31), "month")


@pytest.mark.parametrize(("a", "b", "relation"), [
    (_d(D(2002, 1, 1), D(2002, 12, 31), "year"), _d(D(2003, 1, 1), D(2003, 12, 31), "year"), "incompatible"),
    (AUG, _d(D(2018, 8, 6), D(2018, 8, 6), "day"), "compatible"),  # this month vs Aug. 6
    (AUG, AUG, "same"),
    # two spans of the same precision that differ are two accounts of one span
    (_d(D(2000, 1, 1), D(2006, 12, 31), "range"), _d(D(2002, 1, 1), D(2006, 12, 31), "range"), "incompatible"),
    (_d(D(2016, 9, 28), D(2016, 9, 28), "day"), _d(D(2016, 9, 29), D(2016, 9, 29), "day"), "incompatible"),
    # a part of the day tells the day more precisely
    (_d(D(2014, 2, 25), D(2014, 2, 25), "day", "Tuesday afternoon"), _d(D(2014, 2, 25), D(2014, 2, 25), "day",
                                                                         "Tuesday"), "compatible"),
    (_d(D(2014, 2, 25), D(2014, 2, 25), "day", "Tuesday night"), _d(D(2014, 2, 25), D(2014, 2, 25), "day",
                                                                     "late Tuesday night"), "same"),
    # a day against another year: more often two events than one misdated
    (_d(D(2012, 8, 7), D(2012, 8, 7), "day"), _d(D(2003, 1, 1), D(2003, 12, 31), "year"), None),
    # a weekday names no year: "his resignation on Friday" is not "re-election in 2018" told less
    # precisely; a date that names its year may be ("born on April 22, 1923", "born in 1923")
    (DateFact(article="a", start=0, end=6, text="Friday", sentence=Span(0, 6), context=(),
              value=DateValue(D(2018, 4, 6), D(2018, 4, 6), "day"), weekday="Friday", relation=None, head=None),
     _d(D(2018, 1, 1), D(2018, 12, 31), "year"), None),
    (_d(D(1923, 4, 22), D(1923, 4, 22), "day", "April 22, 1923"), _d(D(1923, 1, 1), D(1923, 12, 31), "year"),
     "compatible"),
    # a span of days is no year: "the debate on Saturday" is "the debate over the weekend" told more precisely
    (DateFact(article="a", start=0, end=8, text="Saturday", sentence=Span(0, 8), context=(),
              value=DateValue(D(2015, 11, 14), D(2015, 11, 14), "day"), weekday="Saturday", relation=None, head=None),
     _d(D(2015, 11, 14), D(2015, 11, 15), "range", "the weekend"), "compatible"),
    (DateFact(article="a", start=0, end=6, text="Friday", sentence=Span(0, 6), context=(),
              value=DateValue(D(2013, 4, 5), D(2013, 4, 5), "day"), weekday="Friday", relation=None, head=None),
     _d(D(2010, 1, 1), D(2013, 12, 31), "range", "from 2010 to 2013"), None),
    # a span of years names its first and last years: "headed the command from 2010 to 2013" and "removed
    # him from the command in 2013"; a year within it is the span told less precisely, or another event
    (_d(D(2013, 1, 1), D(2013, 12, 31), "year"), _d(D(2010, 1, 1), D(2013, 12, 31), "range", "from 2010 to 2013"),
     "same"),
    (_d(D(2010, 1, 1), D(2010, 12, 31), "year"), _d(D(2010, 1, 1), D(2013, 12, 31), "range", "from 2010 to 2013"),
     "same"),
    (_d(D(2011, 1, 1), D(2011, 12, 31), "year"), _d(D(2010, 1, 1), D(2013, 12, 31), "range", "from 2010 to 2013"),
     "compatible"),
    # a day told from the day of writing, without a number, names no year: "the race last night" is no
    # account of "the 2016 presidential race", nor "campaign over the weekend" of "the 2016 campaign"
    (_d(D(2016, 2, 21), D(2016, 2, 21), "day", "last night"), _d(D(2016, 1, 1), D(2016, 12, 31), "year", "2016"),
     None),
    (_d(D(2016, 3, 12), D(2016, 3, 13), "range", "the weekend"), _d(D(2016, 1, 1), D(2016, 12, 31), "year", "2016"),
     None),
    (_d(D(2016, 2, 21), D(2016, 2, 21), "day", "Feb. 21"), _d(D(2016, 1, 1), D(2016, 12, 31), "year", "2016"),
     "compatible"),
    # two parts of one day are two moments: "this morning" and "Wednesday afternoon", "arrested Monday
    # afternoon" and "the Monday morning shootings"; evening and night are one
    (_d(D(2016, 4, 20), D(2016, 4, 20), "day", "this morning"),
     _d(D(2016, 4, 20), D(2016, 4, 20), "day", "Wednesday afternoon"), None),
    (_d(D(2016, 4, 20), D(2016, 4, 20), "day", "Wednesday evening"),
     _d(D(2016, 4, 20), D(2016, 4, 20), "day", "late Wednesday night"), "compatible"),
    # one night told from either side of midnight
    (_d(D(2016, 9, 28), D(2016, 9, 28), "day", "late Wednesday"),
     _d(D(2016, 9, 29), D(2016, 9, 29), "day", "early Thursday"), "compatible"),
    (_d(D(2016, 9, 28), D(2016, 9, 28), "day", "Wednesday"),
     _d(D(2016, 9, 29), D(2016, 9, 29), "day", "Early Thursday morning"), "compatible"),
    (_d(D(2016, 9, 28), D(2016, 9, 28), "day", "early Wednesday"),
     _d(D(2016, 9, 29), D(2016, 9, 29), "day", "Thursday"), "incompatible"),
    (DateFact(article="a", start=0, end=1, text="late Thursday", sentence=Span(0, 1), context=(), value=None,
              weekday="Thursday", relation=None, head=None),
     DateFact(article="b", start=0, end=1, text="Early Friday morning", sentence=Span(0, 1), context=(),
              value=None, weekday="Friday", relation=None, head=None), "compatible"),
    (DateFact(article="a", start=0, end=1, text="Thursday", sentence=Span(0, 1), context=(), value=None,
              weekday="Thursday", relation=None, head=None),
     DateFact(article="b", start=0, end=1, text="early Saturday", sentence=Span(0, 1), context=(),
              value=None, weekday="Saturday", relation=None, head=None), "incompatible"),
])
def test_relate_dates(a, b, relation):  # type: ignore[no-untyped-def]
    assert relate_dates(a, b) == relation
    assert relate_dates(b, a) == relation


def _unplaced(text: str) -> DateFact:
    return DateFact(article="a", start=0, end=1, text=text, sentence=Span(0, 1), context=(), value=None,
                    weekday=None, relation=None, head=None)


@pytest.mark.parametrize(("a", "b", "relation"), [
    # without a publication date a month's day has no year, and two of them can still be one day
    ("June 28", "June 28", "same"),
    ("Dec. 6", "December 6", "same"),
    ("Sept. 3", "September 3rd", "same"),
    ("Tuesday, June 28", "June 28th", "same"),
    # unplaced, two different days say nothing: the year may differ, and no conflict is read from them
    ("June 28", "June 29", None),
    ("June 28", "July 28", None),
    ("last week", "last week", None),
])
def test_relate_unplaced_month_days(a: str, b: str, relation: str | None) -> None:
    assert relate_dates(_unplaced(a), _unplaced(b)) == relation
    assert relate_dates(_unplaced(b), _unplaced(a)) == relation


def test_one_weekday_read_a_week_apart_is_one_day() -> None:
    def tuesday(day):  # type: ignore[no-untyped-def]
        return DateFact(article="a", start=0, end=1, text="Tuesday", sentence=Span(0, 1), context=(),
                        value=DateValue(day, day, "day"), weekday="Tuesday", relation=None, head=None)

    assert relate_dates(tuesday(D(2014, 2, 25)), tuesday(D(2014, 2, 18))) == "same"
    assert relate_dates(tuesday(D(2014, 2, 25)), tuesday(D(2014, 2, 11))) == "incompatible"
    wednesday = DateFact(article="a", start=0, end=1, text="Wednesday", sentence=Span(0, 1), context=(),
                         value=DateValue(D(2014, 2, 19), D(2014, 2, 19), "day"), weekday="Wednesday",
                         relation=None, head=None)
    assert relate_dates(tuesday(D(2014, 2, 25)), wednesday) == "incompatible"


def test_a_weekday_whose_week_is_named_is_not_a_week_apart_of_one_told_past() -> None:
    """"next Tuesday's debate" (future, October 16) and "The vice presidential debate on Tuesday was
    supposed to be …" (past, October 9), in articles of one day, tell two weeks: not one day read two
    ways, as two bare "Tuesday"s a week apart are."""
    def tuesday(text, day, tense):  # type: ignore[no-untyped-def]
        return DateFact(article="a", start=0, end=1, text=text, sentence=Span(0, 1), context=(),
                        value=DateValue(day, day, "day"), weekday="Tuesday", relation=None, head="debate",
                        tense=tense)

    after, before = D(2012, 10, 16), D(2012, 10, 9)
    assert relate_dates(tuesday("next Tuesday", after, "future"), tuesday("Tuesday", before, "past")) != "same"
    assert relate_dates(tuesday("Tuesday", after, "future"), tuesday("Tuesday", before, "past")) == "same"
    assert relate_dates(tuesday("next Tuesday", after, "future"), tuesday("Tuesday", before, "future")) == "same"


def test_weekdays_without_a_date_differ_in_the_part_of_the_day() -> None:
    def weekday(text):  # type: ignore[no-untyped-def]
        return DateFact(article="a", start=0, end=1, text=text, sentence=Span(0, 1), context=(), value=None,
                        weekday="Friday", relation=None, head=None)

    assert relate_dates(weekday("Friday"), weekday("Friday morning")) == "compatible"
    assert relate_dates(weekday("Friday"), weekday("on Friday")) == "same"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("the Oregonian", "The Oregonian", True),
    ("Press Herald", "Portland Press Herald", True),
    ("the Times", "New York Times", True),
    ("AP", "Associated Press", True),
    ("the Journal", "The Wall Street Journal", True),
    ("WSJ", "Wall Street Journal", True),
    ("WVLK Radio", "talk radio station WVLK", True),
    ("the U.S. attorney\u2019s office", "the U.S. attorney's office", True),  # curly and straight apostrophes
    ("L.A. Times", "the Los Angeles Times", True),  # a place abbreviated in the name
    ("N.Y. Post", "New York Post", True),
    ("L.A. Times", "New York Times", False),
    ("the Oregonian", "Portland Tribune", False),
    ("CNBC", "CNN", False),
])
def test_same_source(a, b, same):  # type: ignore[no-untyped-def]
    assert same_source(a, b) is same


def _age(value, counted, head, context, article="a"):  # type: ignore[no-untyped-def]
    return Quantity(article=article, start=0, end=2, text=str(value), sentence=Span(0, 2), context=context,
                    value=value, qualifier=None, unit="year of age", counted=counted, head=head)


def test_a_named_persons_age_is_one_fact_however_the_sentences_differ() -> None:
    """"Mr. Hunter, 41, becomes the second congressman indicted" against "Hunter, 42, is a five-term
    congressman": the words around them barely meet, but a person has one age in a story."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_quantities

    a = ("become", "second", "republican", "congressman", "indict", "month")
    b = ("five", "term", "congressman", "represent", "san", "diego", "county")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])
    pair = judge_quantities(_age(41.0, "Hunter", "hunter", a), _age(42.0, "Hunter", "hunter", b, "b"), weights)
    assert pair is not None and pair.linked and pair.relation == "incompatible"
    # not the same person: no link; a man and a woman of a story, unnamed: the words must match
    assert judge_quantities(_age(41.0, "Hunter", "hunter", a), _age(42.0, "Mattis", "mattis", b, "b"), weights) is None
    unnamed = judge_quantities(_age(41.0, "man", "man", a), _age(42.0, "man", "man", b, "b"), weights)
    assert unnamed is None or not unnamed.linked
    # far-apart ages of one name are two people (father and son) or a misread, not a slip
    assert judge_quantities(_age(41.0, "Hunter", "hunter", a), _age(67.0, "Hunter", "hunter", b, "b"), weights) is None


def _year(year):  # type: ignore[no-untyped-def]
    return _d(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _day(year, month, day):  # type: ignore[no-untyped-def]
    return _d(dt.date(year, month, day), dt.date(year, month, day), "day")


def _wd(weekday, value=None):  # type: ignore[no-untyped-def]
    return DateFact(article="a", start=0, end=1, text="x", sentence=Span(0, 1), context=(), value=value,
                    weekday=weekday, relation=None, head=None)


@pytest.mark.parametrize(("a", "b", "near"), [
    (_year(2010), _year(2012), True),
    (_year(2000), _year(2006), False),
    (_day(2012, 12, 9), _day(2012, 12, 13), False),
    (_day(2012, 12, 9), _day(2012, 12, 10), True),
    # weekdays as the texts name them, around the week, whatever days they were read as
    (_wd("Wednesday", DateValue(dt.date(2010, 8, 4), dt.date(2010, 8, 4), "day")),
     _wd("Friday", DateValue(dt.date(2010, 7, 30), dt.date(2010, 7, 30), "day")), True),
    (_wd("Sunday"), _wd("Monday"), True),
    (_wd("Thursday"), _wd("Sunday"), False),
    (_wd("Tuesday", DateValue(dt.date(2014, 2, 25), dt.date(2014, 2, 25), "day")),
     _wd("Tuesday", DateValue(dt.date(2014, 2, 18), dt.date(2014, 2, 18), "day")), True),
])
def test_conflicting_dates_must_be_near(a, b, near):  # type: ignore[no-untyped-def]
    from storydiff.compare.values import _near_dates

    assert _near_dates(a, b) is near


@pytest.mark.parametrize(("a", "b", "close"), [
    ((97.0, 1.0), (97.0, 2.0), True),  # one side misreported
    ((396.0, 9.0), (396.0, 8.0), True),
    ((14.0, 0.0), (31.0, 24.0), False),  # a game's score at two moments
    ((24.0, 20.0), (83.0, 58.0), False),
])
def test_tallies_conflict_only_when_one_side_differs(a, b, close):  # type: ignore[no-untyped-def]
    from storydiff.compare.values import _close

    assert _close(a, b) is close


@pytest.mark.parametrize(("a", "b", "close"), [
    (38.0, 39.0, True),  # within a tenth
    (60.0, 70.0, True),  # one apart in the last digit, a sixth apart in proportion
    (30.0, 40.0, True),
    (200.0, 300.0, True),
    (60.0, 80.0, False),  # two apart
    (60.0, 75.0, False),  # written to other precisions
    (2.0, 3.0, False),  # counts of units: a story's small counts are of many things
    (35.0, 60.0, False),
])
def test_conflicting_figures_are_near_or_one_digit_apart(a, b, close):  # type: ignore[no-untyped-def]
    from storydiff.compare.values import _close

    assert _close(a, b) is close


def test_saying_is_no_event_to_date() -> None:
    """"said Thursday" against "said Friday": two statements, not one event given two days; "fired
    Thursday" against "fired Friday" in like sentences is one event misdated."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def day(article, weekday, head):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=weekday, sentence=Span(0, 1),
                        context=("agency", "director", "strzok", head), value=None, weekday=weekday,
                        relation=None, head=head)

    weights = Weights([(("a", 0), ("agency", "director", "strzok")), (("c", 0), ("other", "word"))])
    assert judge_dates(day("a", "Thursday", "say"), day("b", "Friday", "say"), weights) is None
    fired = judge_dates(day("a", "Thursday", "fire"), day("b", "Friday", "fire"), weights)
    assert fired is not None and fired.relation == "incompatible" and fired.linked


def test_events_of_two_different_named_ones_are_two_events() -> None:
    """"signed Ellis on Tuesday" against "signed Moore on Wednesday": two signings, not one signing
    given two days; one named alike ("Ellis", "Tom Ellis"), or left unnamed in one article, may be one
    event misdated."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def signed(article, weekday, actors):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=weekday, sentence=Span(0, 1),
                        context=("team", "back", "sign"), value=None, weekday=weekday,
                        relation=None, head="sign", actors=actors)

    weights = Weights([(("a", 0), ("team", "back", "sign")), (("c", 0), ("other", "word"))])
    assert judge_dates(signed("a", "Tuesday", ("Tom Ellis",)), signed("b", "Wednesday", ("Joe Moore",)),
                       weights) is None
    for a, b in ((("Ravens", "Tom Ellis"), ("Ellis",)), (("Tom Ellis",), ())):
        pair = judge_dates(signed("a", "Tuesday", a), signed("b", "Wednesday", b), weights)
        assert pair is not None and pair.relation == "incompatible" and pair.linked


def test_an_event_done_and_one_to_come_are_two_events() -> None:
    """"had a long visit with him Tuesday" against "will visit the Lions this Sunday": a visit made
    and a visit planned; two tellings in the past (or one "would") may be one visit misdated."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def visit(article, weekday, tense):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=weekday, sentence=Span(0, 1),
                        context=("coach", "team", "visit"), value=None, weekday=weekday,
                        relation=None, head="visit", tense=tense)

    weights = Weights([(("a", 0), ("coach", "team", "visit")), (("c", 0), ("other", "word"))])
    assert judge_dates(visit("a", "Tuesday", "past"), visit("b", "Sunday", "future"), weights) is None
    for a, b in (("past", "past"), ("near", "past"), ("future", None)):
        pair = judge_dates(visit("a", "Tuesday", a), visit("b", "Monday", b), weights)
        assert pair is not None and pair.relation == "incompatible" and pair.linked


def test_two_days_of_one_persons_events_told_in_like_words_are_two_events() -> None:
    """"Clinton on Tuesday became the first woman to win the presidential nomination of a major US
    political party" and "Clinton spoke Thursday night after becoming the first woman in U.S. history to
    win a major party's presidential nomination": the sentences share most of their words and name one
    person, yet tell two events (the nomination, the speech). Read on PolNeAR stories compare was never
    tuned on: a rule that took such pairs for one event's two days made two false conflicts there."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def day(article, head, context, weekday, text):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=None, weekday=weekday, relation=None, head=head, actors=("Clinton",), tense="past")

    a = ("clinton", "become", "first", "woman", "win", "presidential", "nomination", "major", "political", "party")
    b = ("clinton", "speak", "become", "first", "woman", "history", "win", "major", "party", "presidential",
         "nomination")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("trump", "congratulate", "call")),
                       (("d", 0), ("mcbride", "stage", "transgender"))])
    assert weights.similarity(a, b) >= 0.4
    assert judge_dates(day("a", "become", a, "Tuesday", "Tuesday"),
                       day("b", "speak", b, "Thursday", "Thursday night"), weights) is None


def test_a_day_of_one_named_actor_needs_fewer_of_the_words_around_it() -> None:
    """"Mayor Lund on Tuesday vetoed the budget" and "Lund hit back Tuesday": the words around the two
    days barely meet, but both sentences date an event of Lund's; so do "Lund said Tuesday" and "Lund
    declared on Tuesday", one statement. Two different days of reporting ("late Thursday", "early
    Friday"), a day against a month, or two different people, get no such help."""
    from dataclasses import replace

    from storydiff.compare.align import Weights
    from storydiff.compare.values import THRESHOLDS, judge_dates

    def day(article, head, actors, context, value=None, text="Tuesday", weekday="Tuesday"):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=value, weekday=weekday if value is None else None, relation=None, head=head,
                        actors=actors)

    a, b = ("mayor", "lund", "veto", "harbor", "budget"), ("lund", "hit", "back", "spending", "plan", "swiftly")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word")), (("d", 0), ("lund", "again"))])
    alone = judge_dates(day("a", "veto", (), a), day("b", "hit", (), b), weights)
    assert alone is not None and alone.relation == "same" and not alone.linked
    pair = judge_dates(day("a", "veto", ("Mayor Ana Lund",), a), day("b", "hit", ("Lund",), b), weights)
    assert pair is not None and pair.relation == "same" and pair.linked and pair.score >= THRESHOLDS["same"]
    tuesday = DateValue(dt.date(2016, 9, 27), dt.date(2016, 9, 27), "day")
    september = DateValue(dt.date(2016, 9, 1), dt.date(2016, 9, 30), "month")
    said = judge_dates(day("a", "say", ("Mayor Ana Lund",), a), day("b", "declare", ("Lund",), b), weights)
    assert said is not None and said.relation == "same" and said.linked
    for x, y in ((day("a", "report", ("Ana Lund",), a, text="late Thursday", weekday="Thursday"),
                  day("b", "tell", ("Lund",), b, text="early Friday", weekday="Friday")),
                 (day("a", "veto", ("Ana Lund",), a), day("b", "hit", ("Tom Ellis",), b)),
                 (day("a", "veto", ("Ana Lund",), a, tuesday),
                  day("b", "hit", ("Lund",), b, september, "earlier this month"))):
        helped, unnamed = judge_dates(x, y, weights), judge_dates(replace(x, actors=()), replace(y, actors=()), weights)
        assert helped is not None and unnamed is not None and helped.score == unnamed.score


def test_one_person_speaking_on_one_day_is_one_statement() -> None:
    """"Mr. Obama said on Sunday" and "Obama, speaking from the White House on Sunday" are one
    statement in other words: two words of saying, one person, one day. Not so for two people, two
    days, a day against a week, or words that are not of saying; and one person's date told as a point
    and as a bound ("won the title in 2005", "has not won since 2005") gets no help from the name."""
    from dataclasses import replace

    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def day(article, head, actors, context, text="Sunday", weekday="Sunday", relation=None):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=None, weekday=weekday, relation=relation, head=head, actors=actors)

    a, b = ("attack", "terror", "act"), ("white", "house", "nightclub", "mourn")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word")), (("d", 0), ("obama", "again"))])
    pair = judge_dates(day("a", "say", ("Mr. Obama",), a), day("b", "speak", ("Obama",), b), weights)
    assert pair is not None and pair.relation == "same" and pair.linked
    for x, y in ((day("a", "say", ("Obama",), a), day("b", "speak", ("Clinton",), b)),
                 (day("a", "say", ("Obama",), a), day("b", "speak", ("Obama",), b, "Monday", "Monday")),
                 (day("a", "say", ("Obama",), a), day("b", "mourn", ("Obama",), b))):
        judged = judge_dates(x, y, weights)
        assert judged is None or not judged.linked
    year = DateValue(dt.date(2005, 1, 1), dt.date(2005, 12, 31), "year")
    won, since = day("a", "win", ("Rahman",), a, "2005"), day("b", "win", ("Rahman",), b, "2005", relation="since")
    won, since = replace(won, value=year, weekday=None), replace(since, value=year, weekday=None)
    helped, unnamed = judge_dates(won, since, weights), judge_dates(replace(won, actors=()), replace(since, actors=()),
                                                                    weights)
    assert helped is not None and unnamed is not None and helped.score == unnamed.score


@pytest.mark.parametrize(("value", "told"), [(2 / 3, "2/3"), (1 / 500, "1/500"), (0.75, "3/4")])
def test_a_share_is_told_as_its_fraction(value, told):  # type: ignore[no-untyped-def]
    from storydiff.compare.explain import describe_quantity

    assert describe_quantity(_q(value, unit="fraction")) == told


@pytest.mark.parametrize(("value", "unit", "told"), [((2880.0, 1800.0), "dimension", "2,880 x 1,800"),
                                                   ((97.0, 1.0), "tally", "97 to 1")])
def test_a_pair_of_numbers_is_told_as_written(value, unit, told):  # type: ignore[no-untyped-def]
    from storydiff.compare.explain import describe_quantity

    assert describe_quantity(_q(value, unit=unit)) == told


def test_figures_given_to_two_named_owners_are_two_facts() -> None:
    """Curry's eight rebounds and Hansbrough's 7.2 are two figures; one owner's 46 and 47 knockouts,
    or a figure whose owner one article leaves unnamed, may be one figure told two ways."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_quantities

    def rebounds(article, value, actor):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=str(value), sentence=Span(0, 1),
                        context=("rebound", "game", "point"), value=value, qualifier=None, unit=None,
                        counted="rebounds", head="rebound", actor=actor)

    weights = Weights([(("a", 0), ("rebound", "game", "point")), (("c", 0), ("other", "word"))])
    assert judge_quantities(rebounds("a", 8.0, "Stephen Curry"), rebounds("b", 7.5, "Hansbrough"), weights) is None
    for a, b in (("Wladimir Klitschko", "Klitschko"), ("Stephen Curry", None)):
        pair = judge_quantities(rebounds("a", 8.0, a), rebounds("b", 7.5, b), weights)
        assert pair is not None and pair.relation == "incompatible"


def test_a_measure_of_one_named_owner_is_one_figure() -> None:
    """"Mr. Etheridge, a seven-term House member" and "Etheridge, the seven-term congressman": one
    person's measure, told once in each with other words around it, is one figure; the same figure
    with no one named, or given to two people, gets no such help (here each article also tells
    another's terms: see test_the_only_measure_of_its_unit_in_each_article_is_one_figure)."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_quantities

    def terms(article, actor, head, context, value=7.0):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text="seven-term", sentence=Span(0, 1), context=context,
                        value=value, qualifier=None, unit="term", counted=head, head=head, actor=actor)

    a, b = ("demand", "know", "camera"), ("apologize", "grab", "student")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])
    others = [terms("a", "Kissell", "member", ("other",), 2.0), terms("b", "Kissell", "member", ("other",), 2.0)]

    def judged(x, y):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y, *others], lambda p, q: judge_quantities(p, q, weights))(x, y)

    pair = judged(terms("a", "Mr. Etheridge", "member", a), terms("b", "Bob Etheridge", "congressman", b))
    assert pair is not None and pair.relation == "same" and pair.linked
    for x, y in ((terms("a", None, "member", a), terms("b", "Bob Etheridge", "congressman", b)),
                 (terms("a", "Etheridge", "member", a), terms("b", "Kissell", "congressman", b))):
        other = judged(x, y)
        assert other is None or not other.linked


def test_the_only_measure_of_its_unit_in_each_article_is_one_figure() -> None:
    """"Who are you!" the seven-term congressman demands' and "Mr. Etheridge, a seven-term House
    member, can be seen…": no words in common, but each article's only figure in terms, told alike.
    Not when an article tells another figure of the unit, nor for a hedged figure against a plain
    one, for two people named, or for a number in a sequence ("a second person", "the 2nd
    District")."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_quantities

    def figure(article, context, value=7.0, unit="term", qualifier=None, actor=None):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text="seven-term", sentence=Span(0, 1), context=context,
                        value=value, qualifier=qualifier, unit=unit, counted=None, head=None, actor=actor)

    a, b = ("demand", "know", "camera"), ("apologize", "grab", "student")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])

    def judged(x, y, *more):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y, *more], lambda p, q: judge_quantities(p, q, weights))(x, y)

    pair = judged(figure("a", a), figure("b", b))
    assert pair is not None and pair.relation == "same" and pair.linked
    for x, y, *more in ((figure("a", a), figure("b", b), figure("a", ("other",), 2.0)),
                        (figure("a", a, qualifier="about"), figure("b", b, qualifier="about"), figure("b", b, 3.0,
                                                                                             qualifier="about")),
                        (figure("a", a, actor="Etheridge"), figure("b", b, actor="Kissell")),
                        (figure("a", a, 2.0, "ordinal"), figure("b", b, 2.0, "ordinal"))):
        other = judged(x, y, *more)
        assert other is None or not other.linked
    hedged = judged(figure("a", a, qualifier="over"), figure("b", b))
    assert hedged is None or not hedged.linked


def test_values_told_at_two_precisions_need_some_words_in_common() -> None:
    """"The Focus poll of 1,000 people" and "a crowd of about 1,000 people attended": the same thing
    counted (a word too common to count among the sentences' words), values one of which only bounds the
    other, and no word in common: two facts as often as one. "Tolman told POLITICO earlier this week" and
    "On Tuesday, Podesta told a lunch group": the same. With a word of what they tell in common they are
    one value told at two precisions; an equal value needs none."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates, judge_quantities

    def people(article, value, qualifier, context):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text="1,000", sentence=Span(0, 1), context=context,
                        value=value, qualifier=qualifier, unit=None, counted="people", head="people")

    poll, crowd, march = ("focus", "poll", "margin"), ("crowd", "attend", "sit-down"), ("crowd", "march", "athens")
    weights = Weights([(("a", 0), poll), (("b", 0), crowd), (("c", 0), march), (("d", 0), ("other", "word"))])
    apart = judge_quantities(people("a", 1000.0, None, poll), people("b", 1000.0, "about", crowd), weights)
    assert apart is not None and apart.relation == "compatible" and not apart.linked
    one = judge_quantities(people("c", 1000.0, None, march), people("b", 1000.0, "about", crowd), weights)
    assert one is not None and one.relation == "compatible" and one.linked
    equal = judge_quantities(people("a", 1000.0, None, poll), people("b", 1000.0, None, crowd), weights)
    assert equal is not None and equal.relation == "same" and equal.linked

    def told(article, day, granularity, context, weekday=None):  # type: ignore[no-untyped-def]
        first, last = (day, day) if granularity == "day" else (day - dt.timedelta(days=2), day)
        return DateFact(article=article, start=0, end=1, text="x", sentence=Span(0, 1), context=context,
                        value=DateValue(first, last, granularity), weekday=weekday, relation=None, head="tell")

    tolman, podesta = ("charter", "school", "question", "wolf"), ("campaign", "chairman", "podesta", "lunch")
    weights = Weights([(("a", 0), tolman), (("b", 0), podesta), (("c", 0), ("other", "word"))])
    week = told("a", dt.date(2016, 7, 27), "week", tolman)
    pair = judge_dates(week, told("b", dt.date(2016, 7, 26), "day", podesta, "Tuesday"), weights)
    assert pair is not None and pair.relation == "compatible" and not pair.linked
    pair = judge_dates(week, told("b", dt.date(2016, 7, 26), "day", ("charter", "school", "vote"), "Tuesday"),
                       weights)
    assert pair is not None and pair.relation == "compatible" and pair.linked


def test_a_percentage_of_two_poll_stories_is_no_rarer_than_any() -> None:
    """"Sanders is up from 37 percent in January" and "Trump was chosen by 37% of likely voters": each
    article states 37 percent once, but each states a dozen percentages, and two such articles are as
    likely as not to share one by chance. Articles that state a few share one rarely, and one each
    states once is one figure on little more evidence than its rarity."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_quantities

    def share(article, value, context):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=f"{value}%", sentence=Span(0, 1), context=context,
                        value=value, qualifier=None, unit="percent", counted=None, head=None)

    a, b = ("sanders", "january", "clinton"), ("trump", "choose", "likely", "voter")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])
    x, y = share("a", 37.0, a), share("b", 37.0, b)

    def judged(*others):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y, *others], lambda p, q: judge_quantities(p, q, weights))(x, y)

    few = [share(article, v, ("other",)) for article in "ab" for v in (12.0, 64.0)]
    pair = judged(*few)
    assert pair is not None and pair.relation == "same" and pair.linked
    polls = [share(article, float(v), ("other",)) for article in "ab" for v in range(40, 51)]
    pair = judged(*polls)
    assert pair is None or not pair.linked


def test_a_day_of_the_calendar_stated_once_in_each_is_one_date() -> None:
    """"The end date for my tenure is February 28, 2019" and "his final day in office will be Feb.
    28": a day of the calendar that each article states once is one date, whatever words stand
    around it; a weekday stated once in each ("Thursday") needs words in common."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_dates

    feb28 = DateValue(dt.date(2019, 2, 28), dt.date(2019, 2, 28), "day")

    def day(article, text, head, context, weekday=None):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=None if weekday else feb28, weekday=weekday, relation=None, head=head)

    a, b = ("end", "tenure", "letter"), ("final", "office", "trump")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word")), (("d", 0), ("end", "again"))])

    def judged(x, y):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y], lambda p, q: judge_dates(p, q, weights))(x, y)

    pair = judged(day("a", "February 28, 2019", "date", a), day("b", "Feb. 28", "be", b))
    assert pair is not None and pair.relation == "same" and pair.linked
    other = judged(day("a", "Thursday", "date", a, "Thursday"), day("b", "Thursday", "be", b, "Thursday"))
    assert other is not None and not other.linked


def test_a_part_of_a_day_stated_once_in_each_is_rare_however_often_the_day_is() -> None:
    """"in a report released Friday morning" and "during a briefing on Friday morning": each article
    names that Friday for other things too, but "Friday morning" once; a value stated once in each,
    it needs no more of the words around it than any such value. The bare day stated as often gets no
    such help, nor two parts of the day."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_dates

    friday = DateValue(dt.date(2010, 5, 28), dt.date(2010, 5, 28), "day")

    def date(article, text, context):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=friday, weekday="Friday", relation=None, head=None)

    a, b = ("report", "release", "white", "house", "sestak"), ("briefing", "gibbs", "white", "job", "noon")
    others = [(("a", 1), ("lunch", "clinton")), (("a", 2), ("offer", "board")), (("b", 1), ("memo", "bauer")),
              (("b", 2), ("deny", "deal")), (("c", 0), ("white", "house", "say")), (("d", 0), ("white", "other"))]
    weights = Weights([(("a", 0), a), (("b", 0), b), *others])
    rest = [date("a", "Friday", ("lunch", "clinton")), date("a", "Friday", ("offer", "board")),
            date("b", "Friday", ("memo", "bauer"))]

    def judged(x, y):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y, *rest], lambda p, q: judge_dates(p, q, weights))(x, y)

    plain = judge_dates(date("a", "Friday morning", a), date("b", "Friday morning", b), weights)
    assert plain is not None and not plain.linked  # the words alone do not join them
    pair = judged(date("a", "Friday morning", a), date("b", "Friday morning", b))
    assert pair is not None and pair.relation == "same" and pair.linked
    bare = judged(date("a", "Friday", a), date("b", "Friday", b))
    assert bare is not None and not bare.linked
    parts = judged(date("a", "Friday morning", a), date("b", "Friday afternoon", b))
    assert parts is None or not parts.linked


def test_a_date_stated_a_few_times_in_each_is_one_fact_where_two_statements_are_each_others_nearest() -> None:
    """Each article says "last month" twice: "Mr. Cantor received what amounted to a warning shot from
    local Republicans at a district convention last month" is one fact with "Last month, a feisty
    crowd of Brat supporters booed Cantor", the nearest of the other's to it and it to them, on the
    evidence a date stated once in each needs; the other two are not (nor when a nearer one stands
    between). A weekday or a year stated twice in each, the day or the backdrop of many events, gets no
    such help."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_dates

    may = DateValue(dt.date(2014, 5, 1), dt.date(2014, 5, 31), "month")
    tuesday = DateValue(dt.date(2014, 6, 10), dt.date(2014, 6, 10), "day")
    y2010 = DateValue(dt.date(2010, 1, 1), dt.date(2010, 12, 31), "year")

    def date(article, context, value=may, weekday=None):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=weekday or "last month", sentence=Span(0, 1),
                        context=context, value=value, weekday=weekday, relation=None, head=None)

    boo_a = ("cantor", "receive", "amount", "warning", "shot", "local", "district", "convention", "henrico")
    boo_b = ("feisty", "crowd", "brat", "supporter", "boo", "cantor", "front", "home", "district")
    other_a, other_b = ("poll", "show", "lead", "point"), ("fundraising", "report", "raise", "million")
    near = ("cantor", "receive", "amount", "warning", "shot", "local", "gop")
    weights = Weights([(("a", 0), boo_a), (("a", 1), other_a), (("b", 0), boo_b), (("b", 1), other_b),
                       (("b", 2), near), (("c", 0), ("tea", "party", "wave")), (("d", 0), ("ryan", "budget", "plan"))])

    def judged(items, x, y):  # type: ignore[no-untyped-def]
        return favour_rare_values(items, lambda p, q: judge_dates(p, q, weights))(x, y)

    xa, xb, ya, yb = date("a", boo_a), date("a", other_a), date("b", boo_b), date("b", other_b)
    pair = judged([xa, xb, ya, yb], xa, ya)
    assert pair is not None and pair.relation == "same" and pair.linked
    other = judged([xa, xb, ya, yb], xb, yb)
    assert other is not None and not other.linked
    # a third "last month" in b nearer to a's than b's: a's is no longer b's nearest
    crowded = judged([xa, xb, ya, date("b", near)], xa, ya)
    assert crowded is not None and not crowded.linked
    for value, weekday in ((tuesday, "Tuesday"), (y2010, None)):
        dates = [date("a", boo_a, value, weekday), date("a", other_a, value, weekday),
                 date("b", boo_b, value, weekday), date("b", other_b, value, weekday)]
        broad = judged(dates, dates[0], dates[2])
        assert broad is not None and not broad.linked


def test_kinds_an_article_tells_apart_are_two_counts() -> None:
    """Article b gives "498 rushing yards and 176 receiving yards": its 176 receiving yards are no
    telling of a's 189 rushing yards. Where no article tells two kinds apart ("a 38-day partial
    shutdown", "the 39-day government shutdown"), the two may still conflict."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import Kinds, judge_quantities

    def yards(article, value, counted, head="yard"):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=str(value), sentence=Span(0, 1),
                        context=("thomas", "game", "season"), value=value, qualifier=None, unit=None,
                        counted=counted, head=head)

    rushing, receiving = yards("a", 189.0, "rushing yards"), yards("b", 176.0, "receiving yards")
    kinds = Kinds([rushing, yards("b", 498.0, "rushing yards"), receiving])
    weights = Weights([(("a", 0), ("thomas", "game", "season")), (("c", 0), ("other", "word"))])
    assert judge_quantities(rushing, receiving, weights, kinds) is None
    pair = judge_quantities(rushing, receiving, weights, Kinds([rushing, receiving]))
    assert pair is not None and pair.relation == "incompatible"
    partial = yards("a", 38.0, "partial shutdown", "shutdown")
    whole = yards("b", 39.0, "government shutdown", "shutdown")
    pair = judge_quantities(partial, whole, weights, Kinds([partial, whole]))
    assert pair is not None and pair.relation == "incompatible"


def test_a_share_with_one_number_miswritten_is_a_conflict() -> None:
    """"a “1 in 2” chance that the Republicans will lose their majority" against "a one-in-three chance
    of losing control of the House": a share told as two numbers, one of them the same and the other one
    apart, is one share miswritten, as a tally with one side wrong, however far apart the two ratios
    lie. Two shares that differ in both numbers ("two-in-three" of holding on) are two facts."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_quantities

    context = ("boehner", "chance", "republicans", "lose", "house")

    def share(article, text, value):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=len(text), text=text, sentence=Span(0, 9), context=context,
                        value=value, qualifier=None, unit="fraction", counted="chance", head="chance")

    weights = Weights([(("a", 0), context), (("c", 0), ("other", "word"))])
    for miswritten in (share("a", "1 in 2", 1 / 2), share("a", "2 in 3", 2 / 3)):
        pair = judge_quantities(miswritten, share("b", "one-in-three", 1 / 3), weights)
        assert pair is not None and pair.relation == "incompatible" and pair.linked, miswritten.text
    assert judge_quantities(share("a", "two-in-three", 2 / 3), share("b", "1 in 2", 1 / 2), weights) is None
    assert judge_quantities(share("a", "1 in 5", 1 / 5), share("b", "1 in 3", 1 / 3), weights) is None


def test_figures_of_events_dated_apart_are_two_facts() -> None:
    """"In February, a quake measuring 6.4 hit Zarand" and "a quake measuring 5.9 shook Iran on Sunday"
    are two quakes' magnitudes: a month against a weekday, as two dates at those precisions are two
    events. Figures whose sentences date them alike, or one sentence only, may still conflict; a
    person's age is theirs whatever event its sentence dates."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import Occasions, judge_quantities

    def magnitude(article, value, unit="magnitude"):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=str(value), sentence=Span(0, 9),
                        context=("quake", "measure", "magnitude"), value=value, qualifier=None, unit=unit,
                        counted="quake", head="measure")

    def dated(article, text, weekday=None, value=None):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=2, end=3, text=text, sentence=Span(0, 9), context=(), value=value,
                        weekday=weekday, relation=None, head="hit")

    weights = Weights([(("a", 0), ("quake", "measure", "magnitude")), (("c", 0), ("other", "word"))])
    sunday, february = dated("a", "Sunday", weekday="Sunday"), dated("b", "February")
    now, then = magnitude("a", 5.9), magnitude("b", 6.4)
    assert judge_quantities(now, then, weights, occasions=Occasions([sunday, february])) is None
    for told in ([sunday, dated("b", "Monday", weekday="Monday")], [sunday], []):
        pair = judge_quantities(now, then, weights, occasions=Occasions(told))
        assert pair is not None and pair.relation == "incompatible"
    # the day a figure was told of is no occasion of it: "Strzok's attorney blasted the bureau Monday" over
    # "a 60-day suspension", against "fired late Friday afternoon … face a 70-day suspension"
    friday = dated("a", "Friday afternoon", weekday="Friday")
    for head in ("blast", "say", "statement"):
        monday = dataclasses.replace(dated("b", "Monday", weekday="Monday"), head=head)
        pair = judge_quantities(now, then, weights, occasions=Occasions([friday, monday]))
        assert pair is not None and pair.relation == "incompatible", head
    assert judge_quantities(now, then, weights, occasions=Occasions([friday, dated("b", "Monday", weekday="Monday")])) \
        is None  # an event's Monday, three days off the other's Friday: two events
    year = DateValue(dt.date(1967, 1, 1), dt.date(1967, 12, 31), "year")
    ages = Occasions([dated("a", "Friday", weekday="Friday"), dated("b", "1967", value=year)])
    pair = judge_quantities(magnitude("a", 61.0, "year of age"), magnitude("b", 60.0, "year of age"), weights,
                            occasions=ages)
    assert pair is not None and pair.relation == "incompatible"


def test_a_date_retold_in_a_copy_of_its_sentence_is_one_statement() -> None:
    """An article and its republication the next day both say "Today, that same membership costs
    $25,000": the words are one statement, whatever each publication date makes of "today". The
    same word in sentences that differ is judged as ever."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import judge_dates

    def today(article, day, context):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=5, text="Today", sentence=Span(0, 9), context=context,
                        value=DateValue(day, day, "day"), weekday=None, relation=None, head="cost")

    copy = ("membership", "cost", "annual", "due", "refundable")
    weights = Weights([(("a", 0), copy), (("c", 0), ("other", "word"))])
    pair = judge_dates(today("a", dt.date(2016, 3, 4), copy), today("b", dt.date(2016, 3, 5), copy), weights)
    assert pair is not None and pair.relation == "same" and pair.linked
    other = ("vote", "senate", "bill", "due", "cost")
    pair = judge_dates(today("a", dt.date(2016, 3, 4), copy), today("b", dt.date(2016, 3, 5), other), weights)
    assert pair is None or pair.relation == "incompatible"
    # the copy spells a word its own way ("non-refundable", "nonrefundable"): still a copy
    hyphened = ("membership", "cost", "non", "refundable", "annual", "due")
    closed = ("membership", "cost", "nonrefundable", "annual", "due")
    pair = judge_dates(today("a", dt.date(2016, 3, 4), hyphened), today("b", dt.date(2016, 3, 5), closed), weights)
    assert pair is not None and pair.relation == "same" and pair.linked
    # the same words in another order and one more of its own are not a copy
    shuffled = ("due", "annual", "refundable", "cost", "membership", "club")
    pair = judge_dates(today("a", dt.date(2016, 3, 4), copy), today("b", dt.date(2016, 3, 5), shuffled), weights)
    assert pair is None or pair.relation == "incompatible"


def _counted(value, head, context, article, qualifier=None):  # type: ignore[no-untyped-def]
    return Quantity(article=article, start=0, end=2, text=str(value), sentence=Span(0, 2), context=context,
                    value=value, qualifier=qualifier, unit=None, counted=head, head=head)


def test_agreeing_figures_may_name_their_thing_in_other_words_but_a_conflict_may_not() -> None:
    """"More than 30 nations … have similar policies" and "at least 30 other countries … grant it": the
    same figure of one thing named in two words, which a sentence model puts close (related_words.tsv).
    The same words with 30 against 31 are not read as one figure given two ways: words this close also
    name different things ("Democrats" and "Republicans")."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import heads_related, judge_quantities

    assert heads_related("nation", "country") and heads_related("voting", "election")
    assert not heads_related("nation", "voting") and not heads_related(None, "country")
    a = ("other", "citizenship", "birth", "grant", "canada", "mexico")
    b = ("citizenship", "birth", "similar", "policy", "canada", "mexico")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word")), (("d", 0), ("more", "word"))])
    nations, countries = _counted(30.0, "nation", a, "a", "over"), _counted(30.0, "country", b, "b", "min")
    agree = judge_quantities(nations, countries, weights)
    assert agree is not None and agree.linked and agree.relation == "compatible"
    assert judge_quantities(_counted(30.0, "nation", a, "a"), _counted(31.0, "country", b, "b"), weights) is None
    assert judge_quantities(_counted(30.0, "nation", a, "a"), _counted(30.0, "voting", b, "b"), weights) is None


def test_the_dead_and_the_injured_are_counted_in_several_words() -> None:
    """"Gunman kills 1, wounds 2" and "Michigan office shooting kills 1, injures 2": one count of the
    injured in two words, as "killed" and "dead" are one count of the dead; the dead are not the
    injured, and a word of neither stays its own."""
    from storydiff.compare.values import heads_match

    assert heads_match("wound", "injure") and heads_match("injury", "wound")
    assert heads_match("injured", "injure") and heads_match("wounded", "injured") and heads_match("killed", "dead")
    assert heads_match("kill", "dead") and heads_match("death", "die") and heads_match("fatality", "kill")
    assert not heads_match("kill", "injure") and not heads_match("dead", "wound")
    assert not heads_match("kill", "arrest") and heads_match("arrest", "arrests")


def test_a_near_miss_stated_once_in_each_is_one_figure_told_two_ways() -> None:
    """"who had raised $5.4 million for the campaign" and "outraising the college professor $5.3
    million": each article states its sum once and not the other's, one slip apart, and states no
    other sum: one figure told two ways, on the words' evidence an equal rare figure needs. Not so
    where an article states many figures of that unit, nor for two figures far apart, nor for two
    ages of people not known to be one."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import Slips, judge_quantities

    def sum_(article, value, head, context, unit="$", text="x"):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=value, qualifier=None, unit=unit, counted=None, head=head)

    a, b = ("raise", "campaign"), ("outraise", "professor")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])

    def judged(x, y, *others):  # type: ignore[no-untyped-def]
        return judge_quantities(x, y, weights, slips=Slips([x, y, *others]))

    x, y = sum_("a", 5.4e6, "raise", a), sum_("b", 5.3e6, "outraise", b)
    pair = judged(x, y)
    assert pair is not None and pair.relation == "incompatible" and pair.linked
    assert judge_quantities(x, y, weights) is None  # without the story's near misses: a conflict needs the same word
    assert judged(x, sum_("b", 5.1e6, "outraise", b)) is None  # two slips apart
    many = [sum_("b", v, "spend", ("spend",)) for v in (1e6, 2e6)]
    assert judged(x, y, *many) is None  # b states three sums
    assert judged(x, y, sum_("a", 5.3e6, "spend", ("spend",))) is None  # a states b's sum too
    ages = judged(sum_("a", 33.0, "pukall", a, "year of age"), sum_("b", 32.0, "klitschko", b, "year of age"))
    assert ages is None or not ages.linked
    # one significant digit: "$1 million" and "$2 million" are as often two sums, in words however alike
    assert judged(sum_("a", 1e6, "raise", a), sum_("b", 2e6, "outraise", a)) is None


def test_two_percentages_of_poll_stories_are_two_shares() -> None:
    """"54 percent of Democratic registered voters held a favorable opinion of him" and "55 percent of
    all voters say she does not": in articles that each state several percentages, the head word
    names the people (voters), which all their shares have, not what was asked; two different ones
    are two shares. In articles that state a share or two, the same words still make a conflict."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import Slips, judge_quantities

    def share(article, value, context):  # type: ignore[no-untyped-def]
        return Quantity(article=article, start=0, end=1, text=f"{value} percent", sentence=Span(0, 1),
                        context=context, value=value, qualifier=None, unit="percent", counted=None, head="voter")

    a = ("democratic", "registered", "voter", "favorable", "opinion")
    b = ("democratic", "voter", "favorable", "view", "opinion")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word"))])
    x, y = share("a", 54.0, a), share("b", 55.0, b)
    few = judge_quantities(x, y, weights, slips=Slips([x, y]))
    assert few is not None and few.relation == "incompatible" and few.linked
    polls = [share(article, v, ("other",)) for article in "ab" for v in (16.0, 64.0, 75.0)]
    assert judge_quantities(x, y, weights, slips=Slips([x, y, *polls])) is None
    # the same share told alike in two poll stories is still one
    z = share("b", 54.0, b)
    same = judge_quantities(x, z, weights, slips=Slips([x, z, *polls]))
    assert same is not None and same.relation == "same" and same.linked


def test_the_thresholds_compare_uses_are_the_fitted_file_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """compare/thresholds.json holds every number scripts/fit_thresholds.py fits (its GRID, with the
    agreement thresholds it leaves alone), and compare reads them from there."""
    import importlib.util
    import json
    import sys
    from pathlib import Path

    from storydiff.compare import values

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("fit_thresholds", root / "scripts" / "fit_thresholds.py")
    assert spec is not None and spec.loader is not None
    fit = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "fit_thresholds", fit)  # its dataclasses look their module up
    monkeypatch.setattr(sys, "path", list(sys.path))  # it puts src/ first on the path
    spec.loader.exec_module(fit)
    data = json.loads((root / "src" / "storydiff" / "compare" / "thresholds.json").read_text(encoding="utf-8"))
    assert set(data["values"]) == set(fit.GRID) | {"same", "compatible"}
    assert fit.in_use() == data["values"]
    assert values.favour_rare_values.__defaults__ is not None
    assert values.favour_rare_values.__defaults__[1] == data["values"]["same"]


def test_two_years_told_in_like_words_are_one_event_whatever_words_they_attach_to() -> None:
    """One year given two ways in sentences of like words ("Democrats lost the House majority in the
    2010 … wave election", and a copy planted with "In 2008, after a wave of Tea Party Republicans swept
    Democrats out of power"): the words the years attach to differ (election, sweep), but the sentences
    share so many of their words (DATE_EVENT_WORDS) that the years conflict.
    Two weekdays told in like words do not: a story's sentences of one week share their words."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import DATE_EVENT_WORDS, judge_dates

    words = ("democrats", "house", "majority", "tea", "party", "wave")

    def dated(article, text, head, value=None, weekday=None, context=words):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=text, sentence=Span(0, 1), context=context,
                        value=value, weekday=weekday, relation=None, head=head)

    weights = Weights([(("a", 0), words), (("c", 0), ("other", "word")), (("d", 0), ("house", "again"))])
    assert weights.similarity(words, words) >= DATE_EVENT_WORDS
    y2010, y2008 = (DateValue(dt.date(y, 1, 1), dt.date(y, 12, 31), "year") for y in (2010, 2008))
    pair = judge_dates(dated("a", "2010", "election", y2010), dated("b", "2008", "sweep", y2008), weights)
    assert pair is not None and pair.relation == "incompatible" and pair.linked
    # told in other words, two years of different events stay apart
    other = ("senate", "vote", "budget")
    assert judge_dates(dated("a", "2010", "election", y2010), dated("b", "2008", "sweep", y2008, context=other),
                       weights) is None
    # weekdays in like words with different heads are not linked as one event, placed on the calendar or not
    tuesday, thursday = (DateValue(dt.date(2010, 11, d), dt.date(2010, 11, d), "day") for d in (2, 4))
    for a, b in ((None, None), (tuesday, thursday)):
        assert judge_dates(dated("a", "Tuesday", "election", a, weekday="Tuesday"),
                           dated("b", "Thursday", "sweep", b, weekday="Thursday"), weights) is None


def test_a_span_of_years_told_with_one_end_two_ways_is_one_span() -> None:
    """"Mr. Fox, who was president of Mexico from 2000 to 2006" and "The former Mexican president, who
    led the country from 2002 to 2006": two spans of years sharing their end, each stated once in its
    article, are one span whose start the articles give two ways, on the words' evidence the same span
    told alike needs. Not so for spans that meet ("from 2006 to 2012", a successor's), for an article
    that states both spans, nor for a start years further off."""
    from storydiff.compare.align import Weights
    from storydiff.compare.values import favour_rare_values, judge_dates

    def span(article, first, last, head, context):  # type: ignore[no-untyped-def]
        return DateFact(article=article, start=0, end=1, text=f"from {first} to {last}", sentence=Span(0, 1),
                        context=context, value=DateValue(dt.date(first, 1, 1), dt.date(last, 12, 31), "range"),
                        weekday=None, relation=None, head=head, tense="past")

    a = ("fox", "president", "mexico", "clear", "opposition", "trump")
    b = ("mexican", "president", "lead", "country", "question", "trump", "allegiance")
    weights = Weights([(("a", 0), a), (("b", 0), b), (("c", 0), ("other", "word")), (("d", 0), ("more", "word"))])

    def judged(x, y, *others):  # type: ignore[no-untyped-def]
        return favour_rare_values([x, y, *others], lambda p, q: judge_dates(p, q, weights))(x, y)

    x, y = span("a", 2000, 2006, "president", a), span("b", 2002, 2006, "lead", b)
    pair = judged(x, y)
    assert pair is not None and pair.relation == "incompatible" and pair.linked
    plain = judge_dates(x, y, weights)  # the words alone do not reach a conflict's evidence
    assert plain is not None and not plain.linked
    ends = judged(x, span("b", 2000, 2005, "lead", b))  # the same start, the end a year off
    assert ends is not None and ends.linked
    met = judged(x, span("b", 2006, 2012, "lead", b))
    assert met is None or not met.linked
    both = judged(x, y, span("a", 2002, 2006, "serve", ("serve",)))  # a states b's span too
    assert both is None or not both.linked
    far = judged(x, span("b", 2004, 2006, "lead", b))  # four years off: two spans
    assert far is None or not far.linked
