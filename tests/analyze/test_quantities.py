"""Quantities: value, qualifier, unit and what is counted, table-driven."""

from __future__ import annotations

import pytest

from storydiff.analyze.entities import build_index
from storydiff.analyze.quantities import extract_quantities, parse_number
from storydiff.analyze.speakers import Mentions
from storydiff.model import Article

ROWS = [
    # text, evidence, value, qualifier, unit, counted
    ("Nearly 60 police calls were associated with the protests.",
     "Nearly 60", 60, "under", None, "police calls"),
    ("He led the 38-day Occupy ICE protests in the city.",
     "38-day", 38, None, "day", "Occupy ICE protests"),
    ("Among the allegations named in the 47-page indictment were trips.",
     "47-page", 47, None, "page", "indictment"),
    ("They repaid the campaign about $60,000 last year.",
     "about $60,000", 60_000, "about", "$", None),
    ("She won by a 134-to-63 vote.",
     "134-to-63", (134, 63), None, "tally", "vote"),
    ("The final tally was 97-1.",
     "97-1", (97, 1), None, "tally", "tally"),
    # "be" that the parse hangs from a verb above: what that verb's subject is
    ("The flight is ultimately going to be $1 million.",
     "$1 million", 1_000_000, None, "$", "flight"),
    # a percent said on both sides of a pair is one pair: the poll's two shares, not two figures
    ("Trump leads by 57 percent to 33 percent in the state poll.",
     "57 percent to 33 percent", (57, 33), None, "tally", None),
    ("Clinton led 52%-41% among women.",
     "52%-41%", (52, 41), None, "tally", None),
    ("Mr. Hunter, 41, becomes the second Republican to be indicted.",
     "41", 41, None, "year of age", "Hunter"),
    ("The 76-year-old Pelosi won again.",
     "76-year-old", 76, None, "year of age", "Pelosi"),
    # the person named whole, past the rank before the name
    ("The police identified him as 51-year-old Capt. Tom Tennant.",
     "51-year-old", 51, None, "year of age", "Tom Tennant"),
    ("They delayed announcing the death of 51-year-old Senior Trooper William Hakim.",
     "51-year-old", 51, None, "year of age", "William Hakim"),
    ("Labrador, who is 46, is a two-term congressman from Idaho.",
     "46", 46, None, "year of age", "Labrador"),
    ("It takes two-thirds of the Senate to override a veto.",
     "two-thirds", 2 / 3, None, "fraction", "Senate"),
    ("Fifteen of the 19 hijackers were Saudi nationals.",
     "Fifteen", 15, None, None, "hijackers"),
    ("at least 30 other countries, including Canada, grant it.",
     "at least 30", 30, "min", None, "other countries"),
    ("He deployed more than 5,000 active-duty troops.",
     "more than 5,000", 5_000, "over", None, "active-duty troops"),
    ("It would cost about $8 billion to build.",
     "about $8 billion", 8e9, "about", "$", None),
    ("They said 90-plus percent of those pictures were of men.",
     "90-plus percent", 90, "over", "percent", "pictures"),
    ("Some two dozen protesters came.",
     "Some two dozen", 24, "about", None, "protesters"),
    ("He was appointed to an eighth term as leader.",
     "eighth", 8, None, "ordinal", "term"),
    # the Nth anniversary of an event is N years since it
    ("The families marked the 15th anniversary of the attacks.",
     "15th", 15, None, "year", "anniversary"),
    ("The magazine held its 50th anniversary celebration in May.",
     "50th", 50, None, "year", "anniversary"),
    # counts told without a numeral
    ("The conference has also issued several letters to members of Congress.",
     "several", (3, 9), "several", None, "letters"),
    ("He had twice been investigated for terrorism connections.",
     "twice", 2, None, "time", "investigate"),
    ("He was investigated by the FBI several times.",
     "several", (3, 9), "several", "time", "investigate"),
    ("Both Republican U.S. senators called for a veto.",
     "Both", 2, None, None, "Republican U.S. senators"),
    ("Biden turned the lone vice presidential debate into a feisty affair.",
     "lone", 1, None, None, "vice presidential debate"),
    ("It was the only debate between himself and Rep. Paul Ryan.",
     "only", 1, None, None, "debate"),
    ('The lone "no" vote in the Senate was Harry Reid.',  # the parse takes "lone" for a noun modifier here
     "lone", 1, None, "vote", "vote"),
    # a rank told with "No."
    ("He said Friday he would run for the No. 2 job in the chamber.",
     "No. 2", 2, None, "ordinal", "No. 2 job"),
]


@pytest.mark.parametrize(("text", "evidence", "value", "qualifier", "unit", "counted"), ROWS)
def test_quantity(nlp, text, evidence, value, qualifier, unit, counted):  # type: ignore[no-untyped-def]
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    hits = [q for q in facts if evidence in q.text or q.text in evidence and q.text.strip()]
    assert hits, [q.text for q in facts]
    q = hits[0]
    assert text[q.start:q.end] == q.text
    if isinstance(value, tuple):
        assert q.value == value
    else:
        assert q.value == pytest.approx(value)
    assert q.qualifier == qualifier
    assert q.unit == unit
    if counted is not None:
        assert q.counted == counted


@pytest.mark.parametrize("text", [
    "Lopez, who was 18 at the time of the shooting, confessed to it.",
    "Teixeira will be 29 in April.",
])
def test_an_age_of_another_day_is_not_the_age(nlp, text):  # type: ignore[no-untyped-def]
    """An age told of another day than the article's is not the person's age in the story: two
    outlets giving it beside the age now would read as a conflict."""
    assert all(q.unit != "year of age" for q in extract_quantities(nlp(text), Article(id="t", text=text)))


@pytest.mark.parametrize("text", [
    "The protests began in 2018 and ended in 2019.",  # years are dates
    "It happened on Sept. 11 at the site.",  # a day of a month
    "No one came to the meeting.",  # "one" as a pronoun
])
def test_not_quantities(nlp, text):  # type: ignore[no-untyped-def]
    assert list(extract_quantities(nlp(text), Article(id="t", text=text))) == []


def test_hypothetical_flagged(nlp):  # type: ignore[no-untyped-def]
    text = "If an officer ignored an ongoing crime for 30 days, he would be placed on leave."
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.value == 30]
    assert q.hypothetical


@pytest.mark.parametrize(("words", "value"),
                         [("5,200", 5200), ("twenty-one", 21), ("fifteen", 15), ("3.5", 3.5)])
def test_parse_number(words, value):  # type: ignore[no-untyped-def]
    assert parse_number(words) == value


@pytest.mark.parametrize("digits", ["1" + "0" * 400, "1" + "0" * 40, "9" * 31])
def test_figures_past_any_real_count_are_not_quantities(nlp, digits: str) -> None:  # type: ignore[no-untyped-def]
    text = f"More than {digits} people were counted, and 12 stayed home."
    found = list(extract_quantities(nlp(text), Article(id="a", text=text)))
    assert [q.text for q in found] == ["12"]
    assert parse_number(digits) is None


def test_large_real_figures_are_still_quantities() -> None:
    assert parse_number("22,000,000,000,000") == 22e12


@pytest.mark.parametrize(("text", "found"), [
    # Clock times, page stamps, numeric dates, phone numbers and versions are not amounts.
    ("Posted 11/27/2005 7:21 AM. The storm killed 40 people.", [("40", 40)]),
    ("The curfew takes effect at 5 p.m. on Friday for 12 towns.", [("12", 12)]),
    ("The plane left at 10:30 a.m. and landed at 2 pm with 150 passengers.", [("150", 150)]),
    ("Updated 3:45 p.m. ET, 12 people were arrested.", [("12", 12)]),
    ("UPDATED 05 / 03 / 2013 at 11: 00 AM EDT Nine people were hurt.", [("Nine", 9)]),
    ("The doors open at 9 o'clock for 300 guests.", [("300", 300)]),
    ("Call 555-123-4567 or (206) 448-8160 to give 20 dollars.", [("20", 20)]),
    ("The firm shipped version 2.0 of the app to 5,000 users.", [("5,000", 5000)]),
    ("He robbed a 7-Eleven store and took 3 cartons.", [("3", 3)]),
    # a number right after the proper noun it numbers names a thing
    ("Mozilla released Firefox 3.05, which 40,000 users downloaded.", [("40,000", 40000)]),
    ("He boarded Flight 370 with 239 people.", [("239", 239)]),
    ("The clinic is open 24/7 for 30 patients.", [("30", 30)]),
    ("Four men drove a 4x4 into the shop.", [("Four", 4)]),
    # number words joined by "on" or "of" tell how, not how many (not "one" with the unit "on")
    ("There should be no one-on-one meeting, 12 senators said.", [("12", 12)]),
    ("He led a three-on-two fast break and scored 20 points.", [("20", 20)]),
    ("It is a one-of-a-kind car with 300 horsepower.", [("300", 300)]),
    # but "of" between two figures is a tally of successes in attempts
    ("Garrard finished with 28-of-41 for 329 yards.", [("28-of-41", (28, 41)), ("329", 329)]),
    # A number is read whole.
    ("The screen has 2,880 x 1,800 pixels.", [("2,880 x 1,800", (2880, 1800))]),
    ("The old one was 2,880-by-1,800.", [("2,880-by-1,800", (2880, 1800))]),
    ("The estate was worth $13,625,777 when he died.", [("$13,625,777", 13_625_777)]),
    ("About 1.5 million people fled.", [("About 1.5 million", 1.5e6)]),
    ("Between 5 and 10 soldiers died.", [("Between 5 and 10", (5, 10))]),
    ("Between 20 to 30 people were hurt.", [("Between 20 to 30", (20, 30))]),
    ("Rates rose .5 percent on the news.", [(".5 percent", 0.5)]),
    ("The COVID-19 outbreak reached 12 countries.", [("12", 12)]),
    ("The Giants won 3-2 in overtime.", [("3-2", (3, 2))]),
    # a span of years is a date, not a figure or a tally
    ("His contract runs through the 2009-10 season, with 12 games left.", [("12", 12)]),
    ("He coached from 1994-2001 and won 300 games.", [("300", 300)]),
    ("The 1999-00 season ended with 40 wins.", [("40", 40)]),
    # a share told as "N in M" is one value
    ("Boehner gave his party a two-in-three chance of holding on.", [("two-in-three", 2 / 3)]),
    ("About four in 10 said they were angry.", [("About four in 10", 0.4)]),
    ("The team won 5 in 10 days.", [("5", 5), ("10", 10)]),
    ("Nine out of 10 doctors agree, and 12 in ten games is a record.", [("Nine out of 10", 0.9), ("12", 12),
                                                                         ("ten", 10)]),
    # an address names a place: its ordinal ranks nothing
    ("About 200 people marched from E. 55th St. to Fifth Avenue.", [("About 200", 200)]),
    # and a grade names a rank: "1st Lt." ranks nothing
    ("\"It was hard,\" said Air Force 1st Lt. Tyler Livingston, who served 3 tours.", [("3", 3)]),
    # text rebuilt from tokens (ECB+) spaces the comma and the point inside a number
    ("He finished with 6, 728 yards rushing.", [("6, 728", 6728)]),
    ("He averaged 14. 4 points a game.", [("14. 4", 14.4)]),
    ("In 2008, 150 people died.", [("150", 150)]),
    # "to" between a smaller and a larger number is a range; a vote is told winner first
    ("As many as 35 to 40 firefighters came.", [("As many as 35 to 40", (35, 40))]),
    ("Pelosi won, 134 to 63, over Ryan.", [("134 to 63", (134, 63))]),
    ("He outraised her $5.4 million to $200,000.", [("$5.4 million", 5.4e6), ("$200,000", 200_000)]),
    ("The Orioles offered $140- $150 million over seven years.",
     [("$140- $150 million", (140e6, 150e6)), ("over seven", 7)]),
])
def test_numbers_read_whole(nlp, text, found):  # type: ignore[no-untyped-def]
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    assert [(q.text, q.value) for q in facts] == [
        (words, tuple(float(v) for v in value) if isinstance(value, tuple) else pytest.approx(value))
        for words, value in found]


@pytest.mark.parametrize(("text", "evidence", "actor"), [
    ("Ruiz broke Chen's record of 3,412 yards passing.", "3,412", "Chen"),  # the owner of what is counted
    ("Okafor averaged 18.4 points to go with 9.1 rebounds.", "9.1", "Okafor"),  # the clause's subject
    ("Maria Lopez (31-2, 20 KOs) stopped a tired Dana Brooks (22-5, 11 KOs) in Berlin.",
     "11", "Dana Brooks"),  # the named one the figure describes, not the verb's subject
    ("Senator Alan Ward requested $2.3 billion for the bridge.", "$2.3 billion", "Alan Ward"),
    ("Mattis, 68, resigned on Thursday after 44 years of service.", "44", "Mattis"),
    ("He has 189 rushing yards in his last two games.", "189", None),  # a pronoun names no one
    ("The agency received nearly 235,000 comments.", "nearly 235,000", None),
    ("The Hawks lost on a 64-yard pass by the Eagles in the final minute.", "64-yard", "Eagles"),  # the agent
])
def test_whom_a_figure_belongs_to(nlp, text, evidence, actor):  # type: ignore[no-untyped-def]
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.text == evidence]
    assert q.actor == actor


@pytest.mark.parametrize(("text", "evidence", "actor"), [
    ("Walter Greene missed six games. He had 81 yards rushing on Sunday.", "81", "Walter Greene"),
    ("Lena Park scored again. Her 31 points led all scorers.", "31", "Lena Park"),
    ("He has 189 rushing yards in his last two games.", "189", None),  # no one named before
    ("Lena Park was challenged by Rep. Tom Hale in a vote. She won by a 134-to-63 vote.", "134-to-63", "Lena Park"),
    # a surname spaCy leaves untagged, as the subject the "she" goes back to
    ("House Democrats re-elected Nancy Pelosi. Pelosi was challenged by Ohio Rep. Tim Ryan in a secret-ballot vote "
     "among House Democrats. She won by a 134-to-63 vote.", "134-to-63", "Nancy Pelosi"),
])
def test_a_figure_given_to_he_or_his_belongs_to_whom_it_refers_to(nlp, text, evidence, actor):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = extract_quantities(doc, Article(id="t", text=text), mentions=Mentions(doc, build_index(doc)))
    (q,) = [q for q in found if q.text == evidence]
    assert q.actor == actor


@pytest.mark.parametrize(("text", "evidence", "head"), [
    ("At least 53 others were wounded in the attack.", "At least 53", "wound"),
    ("Ten people died in the fire.", "Ten", "die"),
    ("Ten people were at the meeting.", "Ten", "people"),  # no verb says what befell them
])
def test_others_and_people_count_what_befell_them(nlp, text, evidence, head):  # type: ignore[no-untyped-def]
    """"53 others were wounded" counts the wounded, as "53 wounded" does: a generic noun ("others",
    "people") that is the subject of a verb is counted by that verb."""
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.text == evidence]
    assert q.head == head


@pytest.mark.parametrize("text", [
    "Republicans had a one-in-three chance of losing the House.",
    'He said there is a "1 in 2" chance that they lose the House.',
    'He admitted there\'s a "2 in 3" chance that the Republicans will lose their majority.',
])
def test_a_share_is_of_the_noun_it_tells(nlp, text):  # type: ignore[no-untyped-def]
    """"A one-in-three chance" is a share of a chance, whatever verb has it."""
    (q,) = extract_quantities(nlp(text), Article(id="t", text=text))
    assert (q.unit, q.head) == ("fraction", "chance")


@pytest.mark.parametrize(("text", "evidence", "head"), [
    # the parse may hang only a tally's first number on the noun it counts
    ("The measure passed by a vote of 134 to 64 in the House.", "134 to 64", "vote"),
    # "hours earlier" says when the vote was, not what the tally counts
    ("This followed a 96-1 vote hours earlier in the Senate.", "96-1", "vote"),
    ("They saw a 10 percent rise in prices.", "10 percent", "rise"),
    # "in taxpayer money" restates the sum's currency: what is counted is the repaying
    ("Farenthold pledged to repay the $84,000 in taxpayer money.", "$84,000", "repay"),
    ("He would repay the $85,000 to the Treasury Department.", "$85,000", "repay"),
    ("Two-thirds of the money went to schools.", "Two-thirds", "money"),  # a share of money is of money
])
def test_what_a_figure_counts(nlp, text, evidence, head):  # type: ignore[no-untyped-def]
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.text == evidence]
    assert q.head == head


@pytest.mark.parametrize(("text", "figure", "qualifier"), [
    ("The USGS put the epicentre at about 58km (36 miles) south-west of Bandar Abbas.", "36", "about"),
    ("The ship was 13 nautical miles (about 24km) from the cargo ship.", "13", None),
    ("About 40 people (12 children) died.", "12", None),  # a part of a count, not the count converted
])
def test_a_conversion_in_parentheses_is_as_rough_as_the_measure_it_converts(nlp, text, figure, qualifier):  # type: ignore[no-untyped-def]
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.text == figure]
    assert q.qualifier == qualifier


@pytest.mark.parametrize(("text", "figure", "qualifier"), [
    ("Labrador, who has barely served two terms in Congress, jumped into the race.", "two", "min"),
    ("The bill barely won 51 votes in the Senate.", "51", "min"),
    ("Barely 200 people showed up for the rally.", "Barely 200", "min"),
    ("Labrador has served two terms in Congress.", "two", None),
    ("They barely noticed when 30 people left the hall.", "30", None),  # the hedge of another verb
])
def test_barely_hedges_the_figure_its_verb_counts(nlp, text, figure, qualifier):  # type: ignore[no-untyped-def]
    """"Has barely served two terms" is two terms and hardly more, as "barely two terms" is."""
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.text == figure]
    assert q.qualifier == qualifier
    assert text[q.start:q.end] == figure


@pytest.mark.parametrize(("text", "evidence", "value", "unit"), [
    ("Brewer will spend a day pondering Senate Bill 1062.", "Senate Bill 1062", 1062, "Senate Bill"),
    ("The state legislature passed the bill, known as SB 1062, last week.", "SB 1062", 1062, "Senate Bill"),
    ("Democrats call SB1062 toxic legislation.", "SB1062", 1062, "Senate Bill"),
    ("The House passed H.R. 3590 on Sunday.", "H.R. 3590", 3590, "House Bill"),
    ("Assembly Bill 5 takes effect in January.", "Assembly Bill 5", 5, "Assembly Bill"),
])
def test_a_bill_named_by_its_number(nlp, text, evidence, value, unit):  # type: ignore[no-untyped-def]
    """A bill's number names it, with the chamber that numbers it: "SB 1062" is Senate Bill 1062."""
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.unit == unit]
    assert (text[q.start:q.end], q.value, q.head) == (evidence, value, "bill")


def test_a_bill_a_number_follows_is_not_named_by_it(nlp):  # type: ignore[no-untyped-def]
    text = "It was a Senate bill 17 senators backed."
    assert "Senate Bill" not in {q.unit for q in extract_quantities(nlp(text), Article(id="t", text=text))}


@pytest.mark.parametrize("text", [
    "The new plant is twice as large as the old one.",
    "She runs twice a week.",
    "Both of them said they hoped she would veto it.",
    "Both Smith and Jones lost their seats.",
    "Clinton has a commanding lead among both delegates and actual voters.",
    "Not only did he win, he won big.",
])
def test_words_that_count_nothing_here(nlp, text):  # type: ignore[no-untyped-def]
    """"Twice" as a factor or a rate, "both" as a pronoun or before two names or two nouns ("both
    delegates and actual voters", which the parse may read as "both" counting the first), "only" as an
    adverb."""
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    assert [q.text for q in facts] == []


def test_a_hedge_keeps_its_number(nlp):  # type: ignore[no-untyped-def]
    text = "Only 10 people came to the hearing."
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    assert [(q.text, q.value) for q in facts] == [("Only 10", 10)]


def test_a_rank_hung_on_no_counts_nothing(nlp):  # type: ignore[no-untyped-def]
    """The parse hangs "2" of "to No. 2 in the event" on the abbreviation: a rank of nothing named."""
    text = "He has been preparing to move up from No. 3 in the leadership to No. 2 in the event that Boehner retires."
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    assert [(q.text, q.unit, q.head) for q in facts] == [("No. 3", "ordinal", None), ("No. 2", "ordinal", None)]
