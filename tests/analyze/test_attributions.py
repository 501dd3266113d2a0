"""Attributions: who an article credits, table-driven."""

from __future__ import annotations

import pytest

from storydiff.analyze.attributions import extract_attributions, outlet_key
from storydiff.analyze.entities import build_index
from storydiff.model import Article

ROWS = [
    # text, evidence, source, kind
    ("The union sent two letters, the Harbor Courier reported.", "the Harbor Courier reported",
     "Harbor Courier", "outlet"),
    ("In two letters first reported by the Bay Tribune, the union asks for an inquiry.",
     "first reported by the Bay Tribune", "Bay Tribune", "outlet"),
    ("The mayor detests the policy, according to the Portland Tribune.", "according to the Portland Tribune",
     "Portland Tribune", "outlet"),
    ("Calderón told CNBC that the wall was useless.", "told CNBC", "CNBC", "outlet"),
    ("The figures were published by Eastmouth Weekly on Monday.", "published by Eastmouth Weekly",
     "Eastmouth Weekly", "outlet"),
    ("According to the indictment, the couple spent the money on trips.", "According to the indictment",
     "indictment", "document"),
    ("The Harbor Courier broke the story on Monday.", "The Harbor Courier broke", "Harbor Courier", "outlet"),
    # a source's phrase ends before a preposition whose object it does not reach: the document credited
    # is "a study", its maker credited apart ("study by the Center for Immigration Studies")
    ("Arrests rose, according to a study by the Center for Immigration Studies, a research group.",
     "according to a study", "study", "document"),
    ("Arrests rose, according to a study by the Center for Immigration Studies, a research group.",
     "study by the Center for Immigration Studies", "Center for Immigration Studies", "organization"),
    ("The Red Sox made an offer, according to Michael Silverman of the Boston Herald.",
     "according to Michael Silverman", "Michael Silverman", "person"),
    # a programme whose title the parser reads as common words is its network's
    ('Speaking earlier on ABC\'s "This Week," Gibbs said the ad was wrong.', "Speaking earlier on ABC", "ABC",
     "outlet"),
    ("Mr. Gibbs said on the ABC News program “This Week” that the ad was wrong.", "said on the ABC News",
     "ABC News", "outlet"),
    ('Netanyahu made an appearance on NBC\'s "Meet the Press" on Sunday.', "appearance on NBC", "NBC", "outlet"),
    ("Santorum remarked on CBS's “Face the Nation” that the schools had failed.", "remarked on CBS", "CBS", "outlet"),
    # an announcement is credited to whoever made it
    ("Deputy Attorney General Rod Rosenstein announced the charges on Friday.",
     "Deputy Attorney General Rod Rosenstein announced", "Rod Rosenstein", "person"),
    ("The charges were announced on Friday by the Justice Department.", "announced on Friday by the Justice Department",
     "Justice Department", "organization"),
    # the name at the head of the phrase, not the first one in it
    ("The indictments were announced by U.S. Deputy Attorney General Rod Rosenstein on Friday.",
     "announced by U.S. Deputy Attorney General Rod Rosenstein", "Rod Rosenstein", "person"),
    # a thing made credits its maker, whoever that is: "by" after the thing (which the parse may hang from
    # the verb) or the agent of a verb of making; a name the parse cuts short is given whole
    ("Netanyahu appears in a new ad by Secure America Now.", "ad by Secure America Now", "Secure America Now",
     "organization"),
    ("It was paid for by nonprofit conservative advocacy group Secure America Now.",
     "paid for by nonprofit conservative advocacy group Secure America Now", "Secure America Now", "organization"),
    ("The report, by White House Counsel Robert Bauer, said the offer was made.",
     "report, by White House Counsel Robert Bauer", "Robert Bauer", "person"),
    # a maker's office or campaign is the maker's
    ("The review was conducted by Paul Fishman’s office last year.", "conducted by Paul Fishman’s office",
     "Paul Fishman", "person"),
    ("The statement was issued by the Bernie Sanders campaign on Tuesday.", "issued by the Bernie Sanders campaign",
     "Bernie Sanders", "person"),
    # a name's own words only: not the words an entity takes on after it
    ("The plan would cost $1 trillion, according to the Tax Policy Center - half of it in the first year.",
     "according to the Tax Policy Center", None, "organization"),
    ("The cause of death was homicide, according to the New York City Office of the Chief Medical Examiner.",
     "according to the New York City Office of the Chief Medical Examiner",
     "New York City Office of the Chief Medical Examiner", "organization"),
    ("The poll was conducted by Quinnipiac University between Monday and Thursday.",
     "conducted by Quinnipiac University", "Quinnipiac University", "organization"),
    # what was said to an outlet, and being on the air
    ("The justice had kicked off the storm with comments to The New York Times published Saturday.",
     "comments to The New York Times", "New York Times", "outlet"),
    ('Santorum appeared on CBS\'s "Face the Nation." Gibbs was on ABC\'s "This Week."', "was on ABC", "ABC",
     "outlet"),
    ("Asked about those remarks on the CBS News program “Face the Nation,” Mr. Santorum stood firm.",
     "remarks on the CBS News", "CBS News", "outlet"),
    # a programme's title in quotation marks right after the preposition is the programme, whole, with its
    # marks, however the parse reads its words (an adverb, a date)
    ("Ms. Ruiz said in an interview with “Axios on HBO” taped Monday that she would sign the order.",
     "interview with “Axios on HBO”", "Axios on HBO", "outlet"),
    ('The deal is close, Mr. Hale said on "Fox News Sunday." Talks resume Monday.', 'said on "Fox News Sunday."',
     "Fox News Sunday", "outlet"),
]


@pytest.mark.parametrize(("text", "evidence", "source", "kind"), ROWS)
def test_attribution(nlp, text, evidence, source, kind):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = list(extract_attributions(doc, Article(id="t", text=text), build_index(doc)))
    hits = [a for a in found if a.text == evidence]
    assert hits, [a.text for a in found]
    a = hits[0]
    assert text[a.start:a.end] == a.text
    assert source is None or a.source == source
    assert a.source_kind == kind


@pytest.mark.parametrize("text", [
    "The governor told President Obama that he would not resign.",
    # a city is no outlet, though a newspaper of it is
    "Reports in an Atlanta newspaper said the mayor would resign.",
    # breaking a record is no breaking of news
    "Reigning player of the year Tyler Hansbrough has broken the career scoring record at North Carolina.",
    # being on someone is no appearance on the air; a person named like a network is a person
    "After the debate, the pressure was on Biden.",
    "Former Mexican President Vicente Fox said Trump was not welcome. The comments from Fox echo his successor's.",
    # being done to or seen by someone makes them no maker, nor does being paid by them
    "The senator was struck by a car. The ad was seen by millions of viewers.",
    "The staff were paid by the campaign until March.",
    # a maker told by what they are is no one by name, not the place or party a word of it names
    "The report was written by U.S. contractors in 2014. The super PAC was funded by major GOP donors.",
])
def test_no_credit(nlp, text):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert list(extract_attributions(doc, Article(id="t", text=text), build_index(doc))) == []


@pytest.mark.parametrize(("name", "key"), [
    ("The Portland Tribune's", "portland tribune"),
    ("talk radio station WVOM", "wvom"),
    ("the New York Times", "new york times"),
    ("The Wall Street Journal", "wall street journal"),  # "Wall" is no call sign
    ("Kids Week", "kids week"),
    ("KGW-TV", "kgw-tv"),
    # an outlet's person or programme is the outlet's
    ("Fox News' Bill Hemmer", "fox news"),
    ("CBS’s “Face the Nation”", "cbs"),
    ("The Washington Post's Bob Woodward", "washington post"),
    ("the U.S. attorney’s office", "us attorney's office"),
])
def test_outlet_key(name, key):  # type: ignore[no-untyped-def]
    assert outlet_key(name) == key


@pytest.mark.parametrize(("text", "evidence", "source"), [
    # An outlet's short name is the outlet the article named in full before.
    ("The Wall Street Journal first reported the deal. The firm paid $5 million, the Journal reported.",
     "the Journal reported", "Wall Street Journal"),
    ("The plan was disclosed by The New York Times. According to the Times, talks began in May.",
     "According to the Times", "New York Times"),
    ("In an interview with The Washington Post, the senator spoke. He told the Post that he was tired.",
     "told the Post", "Washington Post"),
    # Two outlets could be meant: the name stays as written.
    ("The Los Angeles Times and The New York Times covered it. The Times reported that 40 people died.",
     "The Times reported", "Times"),
    ("The mayor quit, the Globe reported.", "the Globe reported", "Globe"),
    # Only the outlets named before count: one named after is not what the short name stood for.
    ("The Times reported that 40 people died. The New York Times later added details.",
     "The Times reported", "Times"),
    ("The New York Times broke the story. 40 people died, the Times reported. The Los Angeles Times "
     "disputed that.", "the Times reported", "New York Times"),
    # A person whose name holds a media word is no outlet's full name.
    ("Rupert Globe spoke first. The mayor quit, the Globe reported.", "the Globe reported", "Globe"),
])
def test_short_outlet_name_is_the_one_named_in_full(nlp, text, evidence, source):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = [a for a in extract_attributions(doc, Article(id="t", text=text), build_index(doc)) if a.text == evidence]
    assert [a.source for a in found] == [source]


@pytest.mark.parametrize(("text", "evidence", "teller"), [
    ("Ginsburg told The New York Times that she could not imagine it.", "told The New York Times", "Ginsburg"),
    ("“The voters want serious ideas again,” Mr. Brat said, speaking on Fox News.", "speaking on Fox News", "Brat"),
    ("In an interview with Fox News, Boehner gave his party good odds.", "interview with Fox News", "Boehner"),
    ('Netanyahu made an appearance on NBC\'s "Meet the Press" on Sunday.', "appearance on NBC", "Netanyahu"),
    # "his" before the name it stands for: the clause's subject
    ("Peña Nieto spoke first. In his interview on CNN, Fox warned that the visit was a mistake.",
     "interview on CNN", "Fox"),
    ("Senator Ann Reyes spoke in Dayton on Monday. She told CNN that the plant would stay open.",
     "told CNN", "Ann Reyes"),
    # whose remarks came in the interview
    ("Senator Ann Reyes spoke on Monday. Ms. Reyes’s remarks came in a telephone interview with The Times.",
     "interview with The Times", "Ann Reyes"),
    ('Santorum appeared on CBS\'s "Face the Nation." Gibbs was on ABC\'s "This Week."', "was on ABC", "Gibbs"),
    # a report credited, not an interview: no one spoke to the outlet
    ("The mayor detests the policy, the Portland Tribune reported.", "the Portland Tribune reported", None),
])
def test_who_spoke_to_the_outlet(nlp, text, evidence, teller):  # type: ignore[no-untyped-def]
    from storydiff.analyze.speakers import Mentions

    doc = nlp(text)
    index = build_index(doc)
    found = list(extract_attributions(doc, Article(id="t", text=text), index, mentions=Mentions(doc, index)))
    (a,) = [a for a in found if a.text == evidence]
    assert a.teller == teller


def test_a_named_owner_is_the_source(nlp):  # type: ignore[no-untyped-def]
    """A phrase that names an owner credits the owner, as outlet_key reads it: the head of "The
    Washington Post's Howard Kurtz" is Kurtz, but the credit is the Post's."""
    text = "Gupta has reportedly accepted the job, according to The Washington Post's Howard Kurtz."
    doc = nlp(text)
    (a,) = extract_attributions(doc, Article(id="t", text=text), build_index(doc))
    assert a.text == "according to The Washington Post's Howard Kurtz"
    assert a.source == "Washington Post"
