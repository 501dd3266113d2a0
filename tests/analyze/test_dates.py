"""Dates: what each mention refers to, table-driven; plus a check against the BASIL dev data."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from storydiff.analyze.datenorm import Context, Tense, read_date
from storydiff.analyze.dates import _fallback, extract_dates, is_duration
from storydiff.model import Article, DateFact
from tests.conftest import shared_path

D = dt.date.fromisoformat


def facts(nlp, text: str, published: str | None) -> list[DateFact]:  # type: ignore[no-untyped-def]
    article = Article(id="t", text=text, published=D(published) if published else None)
    found = list(extract_dates(nlp(text), article))
    for fact in found:
        assert text[fact.start:fact.end] == fact.text
    return found


def fact_for(nlp, text: str, published: str | None, evidence: str) -> DateFact:  # type: ignore[no-untyped-def]
    found = facts(nlp, text, published)
    matching = [f for f in found if f.text == evidence]
    assert matching, f"no date {evidence!r} in {[f.text for f in found]}"
    return matching[0]


VALUES = [
    # text, published, evidence, first, last, granularity
    ("The protests began June 17.", "2018-10-10", "June 17", "2018-06-17", "2018-06-17", "day"),
    ("He signed an Oct. 3 letter.", "2018-10-10", "Oct. 3", "2018-10-03", "2018-10-03", "day"),
    ("The company said on Dec. 28 that it would close.", "2019-01-05",
     "Dec. 28", "2018-12-28", "2018-12-28", "day"),
    ("The trial will start on Jan. 15.", "2018-12-20", "Jan. 15", "2019-01-15", "2019-01-15", "day"),
    ("His final day in office will be Feb. 28.", "2018-12-20",
     "Feb. 28", "2019-02-28", "2019-02-28", "day"),
    ("The end date for my tenure is February 28, 2019.", "2018-12-20",
     "February 28, 2019", "2019-02-28", "2019-02-28", "day"),
    # day first, as most outlets outside the United States write it: the day is read, not lost to its month
    ("He died on 27 September 2013 in London.", "2013-09-30", "27 September 2013", "2013-09-27", "2013-09-27", "day"),
    ("The funeral will be held on 3 October.", "2013-09-30", "3 October", "2013-10-03", "2013-10-03", "day"),
    ("It was published on Friday, 27 September 2013.", "2013-09-30", "Friday, 27 September 2013",
     "2013-09-27", "2013-09-27", "day"),
    ("The vote was held on the 5th of June.", "2013-09-30", "the 5th of June", "2013-06-05", "2013-06-05", "day"),
    ("He will leave at the end of February.", "2018-12-20",
     "the end of February", "2019-02-20", "2019-02-28", "month"),
    ("The Senate voted Wednesday to override the veto.", "2016-09-29",
     "Wednesday", "2016-09-28", "2016-09-28", "day"),
    ("The House voted later on Wednesday to override the veto.", "2016-09-28",
     "Wednesday", "2016-09-28", "2016-09-28", "day"),
    ("The vote is expected to begin in the Senate on Wednesday, followed by the House on Thursday.",
     "2016-09-28", "Thursday", "2016-09-29", "2016-09-29", "day"),
    ("The pair is due to be arraigned in court on Thursday morning.", "2018-08-21",
     "Thursday morning", "2018-08-23", "2018-08-23", "day"),
    ("Voters go to the polls ahead of the midterm elections next Tuesday.", "2018-10-30",
     "next Tuesday", "2018-11-06", "2018-11-06", "day"),
    ("She spoke last Friday.", "2018-08-13", "last Friday", "2018-08-10", "2018-08-10", "day"),
    ("The controversy dates back to January, when he made the claim.", "2016-08-31",
     "January", "2016-01-01", "2016-01-31", "month"),
    ("He is scheduled to appear at a news conference later today.", "2010-05-18",
     "later today", "2010-05-18", "2010-05-18", "day"),
    ("He said so yesterday.", "2010-05-18", "yesterday", "2010-05-17", "2010-05-17", "day"),
    ("Obama vetoed the bill last week.", "2016-09-28", "last week", "2016-09-19", "2016-09-25", "week"),
    ("He asserted a week ago that Mexico will not pay.", "2016-02-25",
     "a week ago", "2016-02-17", "2016-02-19", "week"),
    ("Lawyer Gregory Vega sent the letter this month.", "2018-08-21",
     "this month", "2018-08-01", "2018-08-31", "month"),
    ("He said earlier this month that he would not pay.", "2016-02-25",
     "earlier this month", "2016-02-01", "2016-02-25", "month"),
    ("She quit the F.B.I. in May.", "2018-08-13", "May", "2018-05-01", "2018-05-31", "month"),
    ("The group gathered in Norwalk in March 2008.", "2010-05-18",
     "March 2008", "2008-03-01", "2008-03-31", "month"),
    ("Lisa Page left the bureau earlier this year.", "2018-08-13",
     "earlier this year", "2018-01-01", "2018-08-13", "year"),
    ("Strzok was removed from the probe last year.", "2018-08-13",
     "last year", "2017-01-01", "2017-12-31", "year"),
    ("He was removed last summer from the staff.", "2018-08-13",
     "last summer", "2017-06-01", "2017-08-31", "season"),
    ("He handled the 38-day protests in the city this summer.", "2018-10-10",
     "this summer", "2018-06-01", "2018-08-31", "season"),
    ("The law took effect in the summer of 2011.", "2018-10-10",
     "the summer of 2011", "2011-06-01", "2011-08-31", "season"),
    ("Democrats lost the House majority in 2010.", "2018-11-20", "2010", "2010-01-01", "2010-12-31", "year"),
    ("Pelosi has led House Democrats since 2002.", "2018-11-20", "2002", "2002-01-01", "2002-12-31", "year"),
    ("There were instances between 2009 and 2016 when they used campaign funds.", "2018-08-21",
     "between 2009 and 2016", "2009-01-01", "2016-12-31", "range"),
    ("Mr. Fox, who was president of Mexico from 2000 to 2006, spoke.", "2016-02-25",
     "from 2000 to 2006", "2000-01-01", "2006-12-31", "range"),
    ("The Sept. 11 attacks killed nearly 3,000 people.", "2016-09-28",
     "Sept. 11", "2001-09-11", "2001-09-11", "day"),
    ("Ten days before Election Day, the race tightened.", "2018-10-27",
     "Election Day", "2018-11-06", "2018-11-06", "day"),
    # A yearless date looks ahead where the sentence does ("set for", "next", a schedule told in
    # the past falls nearest to publication), and back only where the sentence is past.
    ("Sentencing was scheduled for June 28.", "2019-02-14", "June 28", "2019-06-28", "2019-06-28", "day"),
    ("Sentencing was scheduled for June 28.", "2019-08-14", "June 28", "2019-06-28", "2019-06-28", "day"),
    ("The judge set sentencing for June 28.", "2019-02-14", "June 28", "2019-06-28", "2019-06-28", "day"),
    ("The hearing, set for June 28, was postponed.", "2019-02-14",
     "June 28", "2019-06-28", "2019-06-28", "day"),
    ("He said the next hearing was June 28.", "2019-02-14", "June 28", "2019-06-28", "2019-06-28", "day"),
    ("The vote was postponed until March 5.", "2019-02-14", "March 5", "2019-03-05", "2019-03-05", "day"),
    ("He set a record on June 28.", "2019-02-14", "June 28", "2018-06-28", "2018-06-28", "day"),
    # a weekday set ahead and told in the past is the nearest one, on either side of publication
    ("The mayor was scheduled to fly home Tuesday.", "2021-03-08", "Tuesday", "2021-03-09", "2021-03-09", "day"),
    ("The mayor was scheduled to fly home Tuesday.", "2021-03-10", "Tuesday", "2021-03-09", "2021-03-09", "day"),
    ("The vote was scheduled for Friday.", "2021-03-11", "Friday", "2021-03-12", "2021-03-12", "day"),
    ("The mayor flew home Tuesday.", "2021-03-08", "Tuesday", "2021-03-02", "2021-03-02", "day"),
    ("She said she would speak in Manchester on Monday.", "2021-03-07", "Monday", "2021-03-08", "2021-03-08", "day"),
    ("She said she would speak in Manchester on Monday.", "2021-03-09", "Monday", "2021-03-08", "2021-03-08", "day"),
    ("The last vote was on June 28.", "2019-02-14", "June 28", "2018-06-28", "2018-06-28", "day"),
    # no publication date: absolute dates still have values
    ("The group gathered in Norwalk in March 2008.", None, "March 2008", "2008-03-01", "2008-03-31", "month"),
    ("They signed it on Oct. 3, 2018.", None, "Oct. 3, 2018", "2018-10-03", "2018-10-03", "day"),
]


def test_a_count_before_a_month_s_day_is_no_day_first_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals."
    assert [f.text for f in facts(nlp, text, "2016-09-28")] == ["Sept. 11"]


@pytest.mark.parametrize(("tense", "first"), [("future", "2019-06-28"), ("past", "2018-06-28")])
def test_dates_the_rules_miss_take_their_year_from_the_tense(tense: Tense, first: str) -> None:
    reading = _fallback("the 28th of June", Context(D("2019-02-14"), tense))
    assert reading is not None and reading.value is not None
    assert reading.value.first == D(first)


@pytest.mark.parametrize(("text", "published", "evidence", "first", "last", "granularity"), VALUES)
def test_date_values(nlp, text, published, evidence, first, last, granularity):  # type: ignore[no-untyped-def]
    fact = fact_for(nlp, text, published, evidence)
    assert fact.value is not None
    assert (fact.value.first, fact.value.last, fact.value.granularity) == (D(first), D(last), granularity)


UNPLACED = [
    # text, evidence, weekday — no publication date: relative dates have no value
    ("The Senate voted Tuesday.", "Tuesday", "Tuesday"),
    ("The protests began June 17.", "June 17", None),
    ("He handled the protests this summer.", "this summer", None),
    ("They met last week.", "last week", None),
]


@pytest.mark.parametrize(("text", "evidence", "weekday"), UNPLACED)
def test_unplaced_without_publication_date(nlp, text, evidence, weekday):  # type: ignore[no-untyped-def]
    fact = fact_for(nlp, text, None, evidence)
    assert fact.value is None
    assert fact.weekday == weekday


ATTACHMENT = [
    # text, evidence, relation, head
    ("Pelosi has led House Democrats since 2002.", "2002", "since", "lead"),
    ("He signed an Oct. 3 letter.", "Oct. 3", None, "letter"),
    ("It happened moments before Wednesday's vote in that chamber.", "Wednesday", None, "vote"),
    ("The protests, which began June 17, ended in July.", "June 17", None, "begin"),
    ("The scheme began in 2009 and continued through 2016.", "2016", "until", "continue"),
    ("By March 2017, the Justice Department was investigating.", "March 2017", "by", "investigate"),
    ("The crowd grew after June 20, when he spoke.", "June 20", "after", "grow"),
    ("Mr. Fox led the country from 2000 to 2006.", "from 2000 to 2006", None, "lead"),
    # a time of day the date qualifies is no event: the day dates what happened at that time
    ("He died at 6 a.m. on Thursday at his home.", "Thursday", None, "die"),
    # what is planned is dated, not the planning
    ("A new vigil is planned for Sunday evening at the site.", "Sunday evening", None, "vigil"),
    ("Leaders scheduled a vote for Tuesday.", "Tuesday", None, "vote"),
    # one word dated by two days of its sentence: which is the event's, the parse cannot tell
    ("As it promised [Tuesday], Microsoft today issued an emergency patch.", "Tuesday", None, None),
    ("Last week, the Senate voted on Tuesday to pass it.", "Tuesday", None, "vote"),  # a day within a week
]


@pytest.mark.parametrize(("text", "evidence", "relation", "head"), ATTACHMENT)
def test_relation_and_head(nlp, text, evidence, relation, head):  # type: ignore[no-untyped-def]
    fact = fact_for(nlp, text, "2018-08-21", evidence)
    assert (fact.relation, fact.head) == (relation, head)


@pytest.mark.parametrize(("text", "evidence", "actors"), [
    ("The Ravens signed Tom Ellis on Tuesday.", "Tuesday", ("Ravens", "Tom Ellis")),  # subject and object
    ("The only other back is Tom Ellis, who was signed on Tuesday.", "Tuesday", ("Tom Ellis",)),  # relative clause
    # a copular one: what Ellis was from 2001 to 2005 is his event
    ("Mr. Ellis, who was governor from 2001 to 2005, spoke first.", "from 2001 to 2005", ("Ellis",)),
    ("He won an Emmy in 2009 for hosting the show.", "2009", ("Emmy",)),  # "he" names no one
    ("A strong aftershock shook the island on Monday.", "Monday", ()),  # common nouns name no one
    # a verb without a subject of its own: the subject of the verb it hangs from, or the noun it describes
    ("Obama, speaking from the White House on Sunday, called it an act of terror.", "Sunday", ("Obama",)),
    ("Rahman would go on to win the title in 2005.", "2005", ("Rahman",)),
    ("The Senate voted and adjourned on Monday.", "Monday", ("Senate",)),
    ("Both Obama and Clinton spoke on Sunday.", "Sunday", ("Clinton", "Obama")),  # subjects joined
])
def test_whom_a_dated_event_involves(nlp, text, evidence, actors):  # type: ignore[no-untyped-def]
    assert fact_for(nlp, text, "2018-08-21", evidence).actors == actors


@pytest.mark.parametrize(("text", "evidence", "tense"), [
    ("The coach had a long visit with him on Tuesday.", "Tuesday", "past"),
    ("The team will visit the Lions this Sunday.", "this Sunday", "future"),
    ("She said she would speak on Monday.", "Monday", "near"),
    # a "when" clause tells the date's tense: the June before, the June to come
    ("The firing traces back to June, when his conduct was laid out in a report.", "June", "past"),
    ("The trial is set for June, when the jury will be picked.", "June", "future"),
])
def test_a_date_keeps_the_tense_it_is_told_in(nlp, text, evidence, tense):  # type: ignore[no-untyped-def]
    assert fact_for(nlp, text, "2018-08-21", evidence).tense == tense


@pytest.mark.parametrize(("text", "evidence", "first"), [
    # published on a Friday: a weekday the present tense is, is one to come
    ("The election is Thursday, leaving little time for Labrador.", "Thursday", "2014-06-19"),
    ("The vote is on Monday.", "Monday", "2014-06-16"),
    # ... and so is one a verb in the simple present schedules
    ("New Jersey holds its primary Tuesday.", "Tuesday", "2014-06-17"),
    ("The state holds its presidential primary on Tuesday.", "Tuesday", "2014-06-17"),
    ("The convention, which begins Monday, is in Philadelphia.", "Monday", "2014-06-16"),
    ("He could win the state on Tuesday and lose the nomination the same day.", "Tuesday", "2014-06-17"),
    ("He could win the state on Tuesday and lose the nomination the same day.", "the same day", "2014-06-17"),
    # but a weekday of saying is the one just past, as is one that names a noun's day, and a month's
    # day keeps the present's reading
    ("Obama says Thursday that he will run.", "Thursday", "2014-06-12"),
    ("If he follows up his Tuesday wins in Idaho with another, he leads.", "Tuesday", "2014-06-10"),
    ("He should have won the state on Tuesday.", "Tuesday", "2014-06-10"),
    ("The deadline is June 10.", "June 10", "2014-06-10"),
])
def test_a_weekday_the_present_is_is_scheduled(nlp, text, evidence, first):  # type: ignore[no-untyped-def]
    value = fact_for(nlp, text, "2014-06-13", evidence).value
    assert value is not None and value.first == D(first)


DURATIONS = [
    # text, span, is a duration or age
    ("He led the 38-day protest.", "38-day", True),
    ("It lasted for two years.", "two years", True),
    ("Mr. Hunter, 41, said no.", "41", True),
    ("The 76-year-old man spoke.", "76-year-old", True),
    ("He ignored it for 30 days.", "30 days", True),
    ("It grew over the past six years.", "the past six years", True),
    ("The monthslong protests ended.", "monthslong", True),
    ("He ended a 21-year career.", "21-year", True),
    ("It took six months.", "six months", True),
    ("They met last week.", "last week", False),
    ("They met on June 17.", "June 17", False),
    ("It happened two years ago.", "two years ago", False),
    ("It happened in 2010.", "2010", False),
]


@pytest.mark.parametrize(("text", "evidence", "expected"), DURATIONS)
def test_is_duration(nlp, text, evidence, expected):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    start = text.index(evidence)
    span = doc.char_span(start, start + len(evidence))
    assert is_duration(span) is expected


@pytest.mark.parametrize("text", [
    "The 38-day protest lasted six months.",
    "Mr. Hunter, 41, has served for the past six years.",
    "The 76-year-old leader spoke for 30 days.",
    "The This Week host asked questions.",
])
def test_no_dates(nlp, text):  # type: ignore[no-untyped-def]
    assert facts(nlp, text, "2018-08-21") == []


@pytest.mark.parametrize(("text", "published", "tense", "first", "last"), [
    ("Feb. 28", "2018-12-20", "future", "2019-02-28", "2019-02-28"),
    ("Feb. 28", "2018-12-20", "past", "2018-02-28", "2018-02-28"),
    ("Feb. 28", "2018-12-20", "present", "2019-02-28", "2019-02-28"),
    ("this winter", "2019-01-10", "past", "2018-12-01", "2019-02-28"),
    ("last weekend", "2018-08-13", "past", "2018-08-11", "2018-08-12"),
    ("the 1990s", "2018-08-13", "past", "1990-01-01", "1999-12-31"),
    ("the 1930's", "2018-08-13", "past", "1930-01-01", "1939-12-31"),
    ("the 1930 's", "2018-08-13", "past", "1930-01-01", "1939-12-31"),  # text rebuilt from tokens
    ("Thanksgiving", "2018-12-01", "past", "2018-11-22", "2018-11-22"),
    ("two years ago", "2018-08-13", "past", "2016-01-01", "2016-12-31"),
])
def test_read_date(text, published, tense, first, last):  # type: ignore[no-untyped-def]
    reading = read_date(text, Context(D(published), tense))
    assert reading is not None and reading.value is not None
    assert (reading.value.first, reading.value.last) == (D(first), D(last))


# -- the BASIL dev data: forms the gold findings turn on (skipped when absent) -------------------
GOLD = [
    # article, date text, its anchor in the gold findings, first, last
    ("79bf99c6-fox", "2002", "Pelosi has led House Democrats since 2002", "2002-01-01", "2002-12-31"),
    ("79bf99c6-hpo", "2003", "Pelosi has led House Democrats since 2003", "2003-01-01", "2003-12-31"),
    ("2a3fde8a-fox", "last year", "removed from the special counsel probe last year",
     "2017-01-01", "2017-12-31"),
    ("2a3fde8a-nyt", "last summer", "who was removed last summer", "2017-06-01", "2017-08-31"),
    ("2a3fde8a-fox", "earlier this year", "Lisa Page left the bureau earlier this year",
     "2018-01-01", "2018-08-13"),
    ("2a3fde8a-nyt", "May", "quit the F.B.I. in May", "2018-05-01", "2018-05-31"),
    ("01c59743-fox", "February 28, 2019", "The end date for my tenure is February 28, 2019",
     "2019-02-28", "2019-02-28"),
    ("01c59743-hpo", "Feb. 28", "his final day in office will be Feb. 28", "2019-02-28", "2019-02-28"),
    ("01c59743-nyt", "the end of February", "will leave at the end of February",
     "2019-02-20", "2019-02-28"),
    ("85475456-fox", "later today", "news conference later today", "2010-05-18", "2010-05-18"),
    ("85475456-hpo", "Tuesday", "he planned an event Tuesday", "2010-05-18", "2010-05-18"),
    ("eb17fa36-nyt", "this month", "sent this month to Rod J. Rosenstein", "2018-08-01", "2018-08-31"),
    ("eb17fa36-fox", "Aug. 6", "Rosenstein on Aug. 6", "2018-08-06", "2018-08-06"),
    ("eb17fa36-fox", "between 2009 and 2016", "instances between 2009 and 2016",
     "2009-01-01", "2016-12-31"),
    ("eb17fa36-fox", "Thursday morning", "arraigned in court on Thursday morning",
     "2018-08-23", "2018-08-23"),
    ("eb17fa36-nyt", "Thursday morning", "arraigned Thursday morning", "2018-08-23", "2018-08-23"),
    ("1b96a5db-nyt", "Thursday", "followed by the House on Thursday", "2016-09-29", "2016-09-29"),
    ("1b96a5db-hpo", "Wednesday", "The House voted later on Wednesday", "2016-09-28", "2016-09-28"),
    ("1b96a5db-fox", "Wednesday", "before Wednesday's vote", "2016-09-28", "2016-09-28"),
    ("d4a4bc34-nyt", "from 2000 to 2006", "from 2000 to 2006", "2000-01-01", "2006-12-31"),
    ("d4a4bc34-fox", "a week ago", "who a week ago asserted", "2016-02-17", "2016-02-19"),
    ("f688c56d-nyt", "next Tuesday", "in advance of next Tuesday", "2018-11-06", "2018-11-06"),
    ("01c59743-fox", "Thursday", "In his resignation letter Thursday", "2018-12-20", "2018-12-20"),
]


@pytest.fixture(scope="module")
def basil() -> dict[str, Article]:
    articles = {}
    with shared_path("data", "basil", "dev.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            articles[row["id"]] = Article(id=row["id"], text=row["text"],
                                          published=D(row["published"]) if row.get("published") else None)
    return articles


@pytest.mark.quality
@pytest.mark.parametrize(("article_id", "evidence", "anchor", "first", "last"), GOLD)
def test_basil_gold_dates(nlp, basil, article_id, evidence, anchor, first, last):  # type: ignore[no-untyped-def]
    article = basil[article_id]
    at = article.text.index(anchor)
    found = [f for f in extract_dates(nlp(article.text), article)
             if at <= f.start < at + len(anchor) and f.text == evidence]
    assert found, f"{evidence!r} not found in {anchor!r}"
    value = found[0].value
    assert value is not None and (value.first, value.last) == (D(first), D(last))


@pytest.mark.quality
def test_basil_coverage(nlp, basil):  # type: ignore[no-untyped-def]
    """Floor: spaCy DATE mentions are either durations/ages or become valued date facts."""
    covered = durations = total = 0
    for article in basil.values():
        doc = nlp(article.text)
        found = list(extract_dates(doc, article))
        for ent in (e for e in doc.ents if e.label_ == "DATE"):
            total += 1
            if any(f.start < ent.end_char and ent.start_char < f.end and f.value for f in found):
                covered += 1
            elif is_duration(ent):
                durations += 1
    assert covered / total >= 0.75
    assert (covered + durations) / total >= 0.94


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_dates_past_the_calendars_ends_are_left_undated_not_fatal(nlp, published: str) -> None:  # type: ignore[no-untyped-def]
    text = ("In June, last week and last summer, the council met; it meets again next year and in 10,000 weeks. "
            "On Friday it met. Six days later it met again.")
    found = facts(nlp, text, published)
    assert found, "dates the calendar can hold are still read"
    for fact in found:
        if fact.value is not None:
            assert dt.date.min <= fact.value.first <= fact.value.last <= dt.date.max


@pytest.mark.parametrize(("text", "dates"), [
    # The page's own stamps and datelines are not dates of the story.
    ("Posted: Nov 27, 2005 8:20 AM ET\nThe storm hit on Saturday.", ["Saturday"]),
    ("Last Updated: Monday, 28 November 2005, 02:24 GMT\nThe quake struck on Sunday.", ["Sunday"]),
    ("Published June 3, 2018\nThe mayor resigned on Friday.", ["Friday"]),
    ("WASHINGTON, Nov. 27 (Reuters) - The Senate voted on Friday.", ["Friday"]),
    ("Crash leaves mother dead On behalf of Newman LLP. posted in Hit and Run Accidents on Friday, September 20, "
     "2013. The driver fled on Wednesday.", ["Wednesday"]),
    ("The photo was posted in the morning on Friday.", ["Friday"]),
    ("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM UPDATED: FRIDAY, MAY 3, 2013 She checked in Tuesday.",
     ["Tuesday"]),
    ("Copyright 2005 The Daily Planet. The vote was on Friday.", ["Friday"]),
    # A line that holds nothing but a date and a time is the page's stamp, wherever it stands.
    ("Lohan checks into rehab\nMay 3, 2013 | 8:20 am\nShe checked in on Thursday.", ["Thursday"]),
    ("Lohan checks into rehab\n12:52 p.m. EDT May 2, 2013\nShe checked in today.", ["today"]),
    ("Storm hits coast\nNov. 27, 2005 at 7:31 AM ET\n\nThe storm hit on Saturday.", ["Saturday"]),
    ("21 July 2013 Last updated at 11:11 GMT\nFire at a supermarket\nCrews fought it on Sunday.", ["Sunday"]),
    ("Elections to be held\nParliament\nThe vote\nNews\n26 September 2013, 10: 00 (GMT+05: 00)\nIt is set for Sunday.",
     ["Sunday"]),
    ("Pirates seized\nIndia\nThe navy\nNews\nSat Nov 12 2011, 01: 19 hrs\nThe ship was freed on Friday.", ["Friday"]),
    ("Worker shoots colleagues\nA\nB\nC\nApril 10, 2007 - 7: 07AM\nThe shooting was on Monday.", ["Monday"]),
    ("Worker shoots colleagues\nA\nB\nC\nPOSTED: 1052 GMT (1852 HKT), April 10, 2007\nIt was on Monday.", ["Monday"]),
    # ... and a line of a date alone in the page's head (headline, byline, date) is one too
    ("Ross in talks for sequel\n04 / 04 / 2012\nRoss is in talks, the studio said on Friday.", ["Friday"]),
    ("Ross in talks\npublished: 2012 - 04 - 04 11: 47: 35\nRoss is in talks, it said Friday.", ["Friday"]),
    # Below the head, a line of a date alone keeps it.
    ("The vote.\nThe count.\nThe recount.\nThe result.\nNov. 27, 2005\nIt passed on Friday.",
     ["Nov. 27, 2005", "Friday"]),
    # The same words inside the story keep their dates.
    ("The video was posted Monday.", ["Monday"]),
    ("Updated: Rick Santorum on Sunday tried to clarify.", ["Sunday"]),
    ("Published in 2005, the book sold widely.", ["2005"]),
    ("She spoke in an interview published Sunday.", ["Sunday"]),
    ("Originally published 05 / 03 / 2013 Lohan checked in on Friday.", ["Friday"]),
])
def test_page_stamps_are_not_story_dates(nlp, text: str, dates: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [f.text for f in facts(nlp, text, "2005-11-28")] == dates


@pytest.mark.parametrize(("text", "dates"), [
    # a day word written with a capital right after a proper noun is a word of a name
    ("In a national USA TODAY/Suffolk University Poll, likely voters were asked.", []),
    ("Mr. Strzok's lawyer wrote last month in USA Today.", ["last month"]),
    ("He wrote in Psychology Today last year.", ["last year"]),
    # a sentence that opens with it, or a line all in capitals, dates as ever
    ("Today, that same membership costs $25,000.", ["Today"]),
    ("SENATE VOTES TODAY ON BILL", ["TODAY"]),
    ("The vote is today, officials said.", ["today"]),
])
def test_a_day_word_in_a_name_is_no_date(nlp, text: str, dates: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [f.text for f in facts(nlp, text, "2016-02-17")] == dates


@pytest.mark.parametrize(("text", "dates"), [
    # a weekday named by the word before it is a day of its own, not this week's
    ("In all, 865 delegates are up for grabs in 11 states and American Samoa on Super Tuesday.", []),
    ("Florida isn't a Super Tuesday state, but both candidates campaigned there on Tuesday.", ["Tuesday"]),
    ("Shoppers lined up for Black Friday deals.", []),
    ("The pope spoke on Good Friday.", []),
    ("Microsoft fixed the flaw on Patch Tuesday.", []),
    # as is one counted in its month; "last" before a weekday is last week's
    ("Microsoft releases its patches on the second Tuesday of every month.", []),
    ("Schools reopen on the first Monday in September.", ["September"]),
    ("The board meets every Friday, from 8 a.m. to noon.", []),
    ("It releases patches on the second on Tuesday of each month.", []),
    ("Bush was hurt last Thursday in a 27-24 loss to Chicago.", ["last Thursday"]),
    ("The second Tuesday rally drew a crowd.", ["Tuesday"]),
    ("Sanders won for the second Tuesday in a row.", ["Tuesday"]),
    # a name before the weekday is who did what that day
    ("Sen. Marco Rubio Tuesday called the plan a disaster.", ["Tuesday"]),
    ("Clinton Tuesday said she would win.", ["Tuesday"]),
])
def test_a_named_weekday_is_no_date_of_the_week(nlp, text: str, dates: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [f.text for f in facts(nlp, text, "2016-02-17")] == dates


@pytest.mark.parametrize(("text", "dates"), [
    # a day told from the day named last: the next, the one before, the same
    ("Obama spoke at a White House dinner on Friday night. The next day, he clarified his remarks.",
     [("Friday night", "2010-08-13"), ("The next day", "2010-08-14")]),
    ("The senator resigned on Thursday. Two days later, he left the city.",
     [("Thursday", "2010-08-12"), ("Two days later", "2010-08-14")]),
    ("The senator resigned on Thursday. He had told his staff the day before, aides said.",
     [("Thursday", "2010-08-12"), ("the day before", "2010-08-11")]),
    ("Obama had lunch with Clinton on Thursday.\n\nOn that same day, the report was released.",
     [("Thursday", "2010-08-12"), ("that same day", "2010-08-12")]),
    # anchored on what follows, or with no day named before: left out
    ("The senator resigned on Thursday. The vote came the day before the election.", [("Thursday", "2010-08-12")]),
    ("The next day, he clarified his remarks.", []),
    # a day named three paragraphs back is too far to be the one meant
    ("The senator resigned on Thursday.\n\nHe left.\n\nHe wrote a book.\n\nThe next day, he spoke.",
     [("Thursday", "2010-08-12")]),
])
def test_days_told_from_the_last_day_named(nlp, text: str, dates: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    found = facts(nlp, text, "2010-08-16")
    assert [(f.text, f.value.first.isoformat() if f.value else None) for f in found] == dates
    for f in found:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize(("text", "dates"), [
    # a day told from the day of what the sentence's subject names, which the article dated before
    ("The administration said so in a report released Friday morning.\n\nThe report comes one day after "
     "President Obama insisted \"nothing improper\" happened. On that same day, Obama had lunch with Clinton.",
     [("Friday morning", "2010-08-13"), ("one day after", "2010-08-12"), ("that same day", "2010-08-12")]),
    ("Lawmakers will hold the hearing on Monday.\n\nThe hearing comes two days before the election.",
     [("Monday", "2010-08-16"), ("two days before", "2010-08-18")]),
    # a subject the article never dated, or a pronoun: nothing to tell the day from
    ("The mayor spoke on Friday.\n\nThe report came the day after the mayor resigned.", [("Friday", "2010-08-13")]),
    ("The mayor spoke on Friday. It comes a day after the mayor resigned.", [("Friday", "2010-08-13")]),
])
def test_days_told_from_the_day_of_the_subject(nlp, text: str, dates: list[tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    found = facts(nlp, text, "2010-08-16")
    assert [(f.text, f.value.first.isoformat() if f.value else None) for f in found] == dates


def test_no_day_is_told_from_a_quoted_day_of_saying(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Tonight" inside a quote is the day its words were said, which the article's date does not give:
    no later day is told from it."""
    text = ("Trump said, \"There is only one debate tonight, let's be honest.\"\n\n"
            "The debate came two days after Obama delivered his address.")
    article = Article(id="t", text=text, published=D("2016-01-15"))
    doc = nlp(text)
    quoted = [(text.index("There"), text.index(".\"") + 1)]
    assert [f.text for f in extract_dates(doc, article)] == ["tonight", "two days after"]
    assert [f.text for f in extract_dates(doc, article, quoted=quoted)] == ["tonight"]


def test_a_day_told_from_the_subject_dates_the_event_after_it(nlp) -> None:  # type: ignore[no-untyped-def]
    """"One day after President Obama insisted" dates Obama's insisting, not the report's coming."""
    text = ("The administration said so in a report released Friday morning.\n\nThe report comes one day after "
            "President Obama insisted \"nothing improper\" happened.")
    fact = fact_for(nlp, text, "2010-08-16", "one day after")
    assert (fact.head, fact.actors) == ("insist", ("Obama",))
