"""analyze() as the API gives it: one article in, its facts or one of storydiff's own errors out."""

from __future__ import annotations

import datetime as dt

import pytest

from storydiff import analyze
from storydiff.errors import ArticleTooLarge
from storydiff.model import Article


def test_an_article_longer_than_the_model_parses_is_too_large(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "No. " * (nlp.max_length // 4 + 1)
    with pytest.raises(ArticleTooLarge) as caught:
        analyze(Article(id="long", text=text), nlp=nlp)
    assert str(caught.value) == (f"long: article is {len(text):,} characters, more than the model parses "
                                 f"({nlp.max_length:,}); split it")


def test_the_page_stamps_figures_are_neither_dates_nor_quantities(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "PUBLISHED: 22: 07 GMT, 7 July 2012 UPDATED: 22: 07 GMT, 7 July 2012 Klitschko beat 3 rivals."
    found = analyze(Article(id="a", text=text), nlp=nlp).facts
    assert [(f.kind, f.text) for f in found if f.kind in ("date", "quantity")] == [("quantity", "3")]


def test_a_markup_tags_attributes_are_neither_dates_nor_quantities(nlp) -> None:  # type: ignore[no-untyped-def]
    """A tweet pasted into an article as markup: its tag's date, id and time stamp (one run over a line
    break) are the page's; the tweet's own words, and the story's, keep theirs."""
    text = ('Rubio spoke to 2,000 people on March 8, 2016.\n\n<tweet tweet-author="@ByronYork" tweet-date="March 9, '
            '2016\n">Rubio event in Hialeah: 300 in the stands.<tweet/>\n\n<tweet id="768166957728358400" '
            'timestamp="1457542800">A crowd of 40 people came Tuesday.</tweet> And x < 3 and y > 2 stay.')
    found = analyze(Article(id="a", text=text, published=dt.date(2016, 3, 10)), nlp=nlp).facts
    assert [f.text for f in found if f.kind in ("date", "quantity")] == \
        ["2,000", "March 8, 2016", "300", "40", "Tuesday", "3", "2"]


def test_a_day_told_in_a_quote_from_when_it_was_said_is_left_out(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Last night, our nation was attacked," in a statement an article of the next day quotes: the
    words were said on a day the quote does not give, so the article's date cannot place "last night"
    or "today". The day the article gives in its own words, and a weekday, a year ago or a month a quote
    names, are dates as ever (a day before, they name the same)."""
    text = ("Trump issued a statement on Sunday. \u201cLast night, our nation was attacked, and eight years ago "
            "we were warned,\u201d he said. \u201cIn June 2016 we must act today, not on Tuesday,\u201d he added.")
    found = analyze(Article(id="a", text=text, published=dt.date(2016, 6, 13)), nlp=nlp).facts
    assert [(f.kind, f.text) for f in found if f.kind in ("date", "quantity")] == [
        ("date", "Sunday"), ("date", "eight years ago"), ("date", "June 2016"), ("date", "Tuesday")]
    for f in found:
        assert text[f.start:f.end] == f.text


@pytest.mark.parametrize(("text", "sentences"), [
    # a headline, a byline and a lead are three sentences, whatever the parser would join
    ("Colts beat Chiefs to clinch playoff spot\nPublished December 23, 2012\nAndrew Luck threw for 205 yards.",
     ["Colts beat Chiefs to clinch playoff spot", "Published December 23, 2012", "Andrew Luck threw for 205 yards."]),
    ("Storm hits coast\n\u201cWe lost everything,\u201d she said.",
     ["Storm hits coast", "\u201cWe lost everything,\u201d she said."]),
    # a line that goes on in lower case goes on the sentence: hard-wrapped text
    ("He is a serial liar who has\nrepeatedly pledged to ban them.",
     ["He is a serial liar who has\nrepeatedly pledged to ban them."]),
    # a paragraph ends its sentence, whatever the parser would join across it
    ("\u201cWe can't afford to be politically correct anymore.\u201d\n\nObama, speaking from the White House on "
     "Sunday, said the massacre was an act of terror.",
     ["\u201cWe can't afford to be politically correct anymore.\u201d",
      "Obama, speaking from the White House on Sunday, said the massacre was an act of terror."]),
])
def test_a_new_line_that_opens_a_sentence_starts_one(nlp, text, sentences):  # type: ignore[no-untyped-def]
    assert [s.text.strip() for s in nlp(text).sents] == sentences


def test_a_run_without_spaces_is_parsed_in_pieces_and_offsets_hold(nlp) -> None:  # type: ignore[no-untyped-def]
    """spaCy's tokenizer takes time growing with the square of a run's length when the run is
    punctuation ("[[[[…"); storydiff hands it at most LONG_RUN characters at a time. The doc's text
    is the text, and facts on either side of the run keep their exact offsets."""
    from storydiff.nlp import LONG_RUN

    text = "Police said 12 people were hurt. " + "[" * 5 * LONG_RUN + "(" * 30 + " The storm hit on Tuesday."
    doc = nlp(text)
    assert doc.text == text
    assert max(len(t) for t in doc) <= LONG_RUN
    found = analyze(Article(id="a", text=text, published=dt.date(2024, 5, 3)), nlp=nlp).facts
    assert {(f.kind, text[f.start:f.end]) for f in found if f.kind in ("date", "quantity")} == {
        ("quantity", "12"), ("date", "Tuesday")}


def test_an_institution_named_after_a_person_is_an_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    """The small model takes "the Donald J. Trump Foundation" for a person; a "he" after it would mean
    the foundation."""
    doc = nlp("In 2008, Trump said, the Donald J. Trump Foundation's donation had made his father a sponsor.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Donald J. Trump Foundation's"] == "ORG"
