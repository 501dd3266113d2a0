"""Compare: small invented stories, the statuses and explanations they must get."""

from __future__ import annotations

import datetime as dt

import pytest

from storydiff.analyze import facts_from_doc
from storydiff.compare import compare_story
from storydiff.model import Article, Finding, Story


def _story(nlp, published: dt.date | None = None, **texts: str) -> Story:  # type: ignore[no-untyped-def]
    analyzed = [facts_from_doc(nlp(t), Article(id=k, text=t, published=published)) for k, t in texts.items()]
    return compare_story(analyzed)


def _about(story: Story, kind: str, snippet: str) -> list[Finding]:
    return [f for f in story.findings if f.kind == kind and any(snippet in m.text for m in f.mentions)]


A = ("The harbor strike lasted 12 days and closed the port of Eastmouth. Nearly 40 ships were stranded, "
     "the Eastmouth Courier reported.")
B = ("Dockworkers ended the 13-day harbor strike that closed the port of Eastmouth on Friday. About 40 ships "
     "were stranded, first reported by the Harbor Gazette.")


def test_same_thing_different_number_is_a_conflict(nlp):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=A, b=B)
    (f,) = _about(story, "quantity", "13-day")
    assert f.status == "conflict"
    assert {m.article for m in f.mentions} == {"a", "b"}
    assert "12 days" in f.explanation and "13 days" in f.explanation


def test_hedged_figures_are_variants(nlp):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=A, b=B)
    (f,) = _about(story, "quantity", "About 40")
    assert f.status == "variant"
    assert {m.text for m in f.mentions} == {"Nearly 40", "About 40"}


def test_several_is_seven_told_less_precisely(nlp):  # type: ignore[no-untyped-def]
    a = "The earthquake flattened seven villages on Qeshm island on Sunday, officials said.\n"
    b = "The earthquake flattened several villages on Qeshm island on Sunday, the governor said.\n"
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quantity", "several")
    assert f.status == "variant"
    assert {m.text for m in f.mentions} == {"seven", "several"}
    assert "says several (“several”)" in f.explanation
    assert [m.value for m in f.mentions if m.text == "several"] == [(3, 9)]


@pytest.mark.parametrize(("a", "b", "hedged"), [
    ("With just over $200,000, David Brat, a college professor, defeated the majority leader.\n",
     "Cantor outraised the college professor $5.4 million to $200,000, and he lost.\n", "just over $200,000"),
    ("Labrador, a Republican who has barely served two terms in Congress, entered the race on Friday.\n",
     "A two-term Republican congressman from Idaho entered the race on Friday.\n", "two"),
])
def test_a_figure_stated_once_and_hedged_once_is_one_figure(nlp, a, b, hedged):  # type: ignore[no-untyped-def]
    """A figure each article states once is one fact on the same evidence whether or not one of them
    hedges it: "just over $200,000" and "$200,000" are one sum told at two precisions."""
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quantity", hedged)
    assert f.status == "variant"
    assert {m.article for m in f.mentions} == {"a", "b"}
    assert [a[m.start:m.end] for m in f.mentions if m.article == "a"] == [hedged]


def test_one_bill_named_two_ways_agrees(nlp):  # type: ignore[no-untyped-def]
    a = "Governor Jan Brewer vetoed Senate Bill 1062 on Wednesday after a week of protests.\n"
    b = "Brewer vetoed SB 1062, the religious freedom bill, on Wednesday evening.\n"
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quantity", "1062")
    assert f.status == "agree"
    assert {m.text for m in f.mentions} == {"Senate Bill 1062", "SB 1062"}
    assert "Senate Bill 1062" in f.explanation and "1,062" not in f.explanation


def test_vague_counts_agree(nlp):  # type: ignore[no-untyped-def]
    a = "The bishops' conference has issued several letters to members of Congress about the budget.\n"
    b = "The conference of bishops wrote several letters to Congress about the budget.\n"
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quantity", "several")
    assert f.status == "agree"
    assert [(m.article, m.start, m.end) for m in f.mentions] == [
        ("a", a.index("several"), a.index("several") + 7), ("b", b.index("several"), b.index("several") + 7)]


def test_a_day_and_a_bound_on_it_are_a_variant(nlp):  # type: ignore[no-untyped-def]
    """"By Saturday" admits any day up to Saturday: the next day after Friday's dinner is within it,
    told more precisely. The explanation says which is the bound."""
    a = ("Obama defended the Islamic center at a White House dinner on Friday night. The next day, "
         "Obama clarified that he was commenting on religious freedom.\n")
    b = ("Obama defended the Islamic center on Friday night. By Saturday, Obama clarified that he was commenting "
         "on religious freedom.\n")
    (f,) = _about(_story(nlp, dt.date(2010, 8, 16), a=a, b=b), "date", "The next day")
    assert f.status == "variant"
    next_day, saturday = a.index("The next day"), b.index("Saturday")
    assert [(m.article, m.start, m.end) for m in f.mentions] == [("a", next_day, next_day + 12),
                                                                  ("b", saturday, saturday + 8)]
    assert "by “Saturday”" in f.explanation


def test_different_outlets_credited_for_the_same_report(nlp):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=A, b=B)
    (f,) = _about(story, "attribution", "Harbor Gazette")
    assert f.status == "conflict"
    assert any("Courier" in m.text for m in f.mentions)


def test_two_outlets_that_both_reported_it_are_no_conflict(nlp):  # type: ignore[no-untyped-def]
    """Neither credit says its outlet had the report first: both may have reported it. A variant that
    names both, not a conflict."""
    a = ("Iran's state television reported that the earthquake destroyed three villages near Qeshm "
         "island on Sunday.\n")
    b = ("The ISNA news agency reported that the earthquake destroyed three villages near Qeshm island on "
         "Sunday.\n")
    story = _story(nlp, a=a, b=b)
    credits = [f for f in story.findings if f.kind == "attribution" and len(f.mentions) == 2]
    assert [f.status for f in credits] == ["variant"]
    assert "none said to have had it first" in credits[0].explanation


def test_two_articles_crediting_one_maker_agree(nlp):  # type: ignore[no-untyped-def]
    """"a new ad by the Emergency Committee for Israel" and "paid for by the Emergency Committee for
    Israel": one group credited with one ad, each article naming it once."""
    a = "Netanyahu appears in a new ad by the Emergency Committee for Israel. The spot will air in Miami.\n"
    b = "The ad, set to air in Miami, was paid for by the Emergency Committee for Israel.\n"
    (f,) = _about(_story(nlp, a=a, b=b), "attribution", "Emergency Committee")
    assert f.status == "agree"
    assert [(m.article, m.text) for m in f.mentions] == [
        ("a", "ad by the Emergency Committee for Israel"), ("b", "paid for by the Emergency Committee for Israel")]


def test_a_document_told_by_what_it_is_is_one_source_only_as_the_story_s_own(nlp):  # type: ignore[no-untyped-def]
    """"a new poll" in two articles may be two polls, and "the poll" is not the one another article
    names; "the indictment" or "court records" in two reports of one case are one."""
    def credits(a: str, b: str) -> list[str]:
        story = _story(nlp, a=a, b=b)
        return [f.status for f in story.findings if f.kind == "attribution"]

    assert credits("Clinton leads Trump by four points, according to a new poll of likely voters.\n",
                   "Clinton leads Trump by four points among likely voters, according to a new poll.\n") \
        == ["unique", "unique"]  # the same words, and a new poll each
    assert credits("Clinton leads Trump by four points among likely voters, according to the poll.\n",
                   "Clinton leads Trump by four points among likely voters, according to a New York Times/CBS "
                   "News poll.\n") == ["unique"] * 3  # "the poll"; the Times/CBS News poll and CBS News
    assert credits("The couple spent the campaign money on trips, according to the indictment.\n",
                   "According to the indictment, the couple spent the campaign money on trips.\n") == ["agree"]
    assert credits("He was charged with assault in 2005, according to court records.\n",
                   "In 2005, he was charged with assault, according to court records.\n") == ["agree"]


def test_a_title_alone_names_no_one_and_two_senators_are_two_people() -> None:
    from storydiff.compare.quotes import name_words

    assert name_words("Sgt") == set()
    assert name_words("Lt. Gov. Timothy Murray") == {"timothy", "murray"}
    assert not name_words("Sen. Lis Smith") & name_words("Sen. Tom Jones")
    assert name_words("Mr. Ordóñez") == name_words("Ordonez") == {"ordonez"}  # one name with or without accents


def test_mentions_are_exact_evidence(nlp):  # type: ignore[no-untyped-def]
    texts = {"a": A, "b": B}
    story = _story(nlp, **texts)
    assert story.findings
    for f in story.findings:
        for m in f.mentions:
            assert texts[m.article][m.start:m.end] == m.text


def test_each_fact_gets_one_verdict(nlp):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=A, b=B)
    spans = [(m.article, m.start, m.end, f.kind) for f in story.findings for m in f.mentions]
    assert len(spans) == len(set(spans))


def test_hypothetical_number_is_not_the_event(nlp):  # type: ignore[no-untyped-def]
    a = ("The 39-day sit-in at city hall ended in July. \"If a clerk ignored a leak for 30 days, "
         "she would be fired,\" the union wrote.")
    b = "The 39-day sit-in at city hall ended in July, officials said."
    story = _story(nlp, a=a, b=b)
    assert not [f for f in story.findings if f.status == "conflict"]
    (f,) = _about(story, "quantity", "39-day")
    assert f.status == "agree" and len(f.mentions) == 2


def test_far_apart_numbers_of_the_same_unit_are_not_a_conflict(nlp):  # type: ignore[no-untyped-def]
    a = "Democrats lost nearly 60 seats in the House over the past six years."
    b = "Democrats needed to gain roughly 35 seats in the House to win control."
    story = _story(nlp, a=a, b=b)
    assert not [f for f in story.findings if f.status == "conflict"]


def test_one_digit_apart_figures_of_tens_conflict(nlp):  # type: ignore[no-untyped-def]
    """60 and 70 days of one suspension: far apart in proportion, one apart in the figure's one digit."""
    a = "An FBI official had recommended that Strzok face a 60-day suspension and a demotion, his lawyer said."
    b = "His lawyer said an FBI official had recommended a 70-day suspension and a demotion for Strzok."
    (f,) = _about(_story(nlp, a=a, b=b), "quantity", "0-day")
    assert f.status == "conflict"
    assert {(m.article, m.text) for m in f.mentions} == {("a", "60-day"), ("b", "70-day")}


def test_one_article_story_has_a_note(nlp):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=A)
    assert story.note and "one article" in story.note.lower()
    assert all(f.status == "unique" for f in story.findings)


def test_quotes_compared_sentence_by_sentence(nlp):  # type: ignore[no-untyped-def]
    a = ('"We will rebuild. They are coming for the [city] budget because we fought back," Mayor Ana Ruiz said. '
         '"Earlier claims by the council have fallen apart."')
    b = ('"We will rebuild," Ruiz said on Friday. "They are coming for the budget because we fought back. '
         'Earlier claims by the council have fallen apart."')
    story = _story(nlp, a=a, b=b)
    (insertion,) = _about(story, "quote", "They are coming for the [city] budget")
    assert insertion.status == "variant"
    assert any("[city]" in d["inserted"] for d in insertion.diff) or any(
        "[city]" in " ".join(d["omitted"]) for d in insertion.diff)
    (same,) = _about(story, "quote", "Earlier claims by the council have fallen apart")
    assert same.status == "agree" and len(same.mentions) == 2


def test_same_words_from_two_named_people_conflict(nlp):  # type: ignore[no-untyped-def]
    a = '"The bridge will open in the spring of next year," said Governor Ann Lee at the site.'
    b = '"The bridge will open in the spring of next year," said Senator Tom Park at the site.'
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quote", "The bridge will open")
    assert f.status == "conflict"


def test_a_spokesperson_quoted_for_a_campaign_is_no_conflict(nlp):  # type: ignore[no-untyped-def]
    a = 'The Lee campaign said the plan "would end the bridge program as we know it" for good.'
    b = '"The plan would end the bridge program as we know it," said Tom Park, a spokesman for Ms. Lee.'
    story = _story(nlp, a=a, b=b)
    assert not [f for f in story.findings if f.status == "conflict"]


def test_a_short_quote_in_other_typography_is_one_quote(nlp):  # type: ignore[no-untyped-def]
    """Straight against curly marks and apostrophes, a two-word quote of short words: one quote, agreed."""
    a = 'The governor spoke in Worcester on Monday.\n\n"He\'s cool," Murray said of the senator after the speech.\n'
    b = ("The governor spoke in Worcester on Monday.\n\n\u201cHe\u2019s cool,\u201d Lt. Gov. Timothy Murray said "
         "of the senator after the speech.\n")
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quote", "cool")
    assert f.status == "agree" and sorted(m.text for m in f.mentions) == ["He's cool", "He\u2019s cool"]


@pytest.mark.parametrize(("kind", "a", "b", "status", "texts"), [
    # "Tuesday afternoon" against "Tuesday": one date told at two precisions, aligned on what aligns
    # one day told alike
    ("date", "The governor flew back to Phoenix on Tuesday afternoon after a week of meetings in Washington.\n",
     "After five days in the capital, the governor returned to Arizona Tuesday.\n",
     "variant", ["Tuesday", "Tuesday afternoon"]),
    # however differently the sentences run, an outlet each article credits once is credited for one
    # report; an outlet's presenter is the outlet
    ("attribution", "The speaker gave his party good odds of holding the chamber in an interview with Fox News.\n",
     "Republicans will keep their majority in November, the speaker said to Fox News' Bill Hemmer.\n",
     "agree", ["interview with Fox News", "said to Fox News' Bill Hemmer"]),
])
def test_one_fact_told_in_unlike_sentences(nlp, kind, a, b, status, texts):  # type: ignore[no-untyped-def]
    story = _story(nlp, a=a, b=b)
    (f,) = [f for f in story.findings if f.kind == kind]
    assert f.status == status
    assert sorted(m.text for m in f.mentions) == texts


@pytest.mark.parametrize("masked", ["f-----g", "f***ing"])
def test_a_censored_quote_is_the_plain_quote_with_the_word_masked(nlp, masked):  # type: ignore[no-untyped-def]
    """One outlet masks an expletive, another prints it: one quote, a variant whose only change is
    the masked word, and the evidence is each article's own text."""
    a = f'The former president spoke on Thursday.\n\nHe said Mexico would "never pay for that {masked} wall."\n'
    b = 'The former president spoke on Thursday.\n\nHe said Mexico would "never pay for that fucking wall."\n'
    story = _story(nlp, a=a, b=b)
    (f,) = _about(story, "quote", "wall")
    assert f.status == "variant"
    assert sorted(m.text for m in f.mentions) == sorted(
        [f"never pay for that {masked} wall.", "never pay for that fucking wall."])
    (d,) = f.diff
    assert not d["inserted"] and not d["omitted"]
    assert sorted(d["changed"][0]) == sorted([f"{masked} (masked)", "fucking"])


def test_a_short_quote_of_short_words_is_linked_only_to_its_own_speakers_words(nlp):  # type: ignore[no-untyped-def]
    """Two or more short words ("He's cool", "a con", "step down") are linked with another article's
    quote holding them only when both give the words to one person, named or referred to; a name or a
    title quoted ("New Moon") is anyone's to quote, and is not linked inside a longer quote."""
    a = 'The governor spoke on Monday.\n\n"He\'s cool," Murray said of the senator.\n'
    b = 'The governor spoke on Monday.\n\n"He\'s cool," Patrick said of the senator.\n'
    c = 'The governor spoke on Monday.\n\n"I think he\'s cool and kind," Murray said of the senator.\n'
    story = _story(nlp, a=a, b=b)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")
    story = _story(nlp, a=a, c=c)
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("variant", ["He's cool", "I think he's cool and kind"])]
    lead = "Michael Bloomberg spoke at the convention on Wednesday."
    fragment = f'{lead} He deemed the plan "a con" and left the stage.\n'
    whole = f'{lead} "I\'m a New Yorker, and New Yorkers know a con when we see one," he said.\n'
    story = _story(nlp, a=fragment, b=whole)
    [linked] = [f for f in story.findings if f.kind == "quote" and len(f.mentions) == 2]
    assert linked.status == "variant"
    assert [m.text for m in linked.mentions] == [
        "a con", "I'm a New Yorker, and New Yorkers know a con when we see one"]
    other = whole.replace("Michael Bloomberg spoke", "Michael Bloomberg and Tom Steyer spoke").replace(
        '," he said', '," Steyer said')
    story = _story(nlp, a=fragment, b=other)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")
    title = 'Chris Weitz will direct "New Moon," the sequel.\n'
    said = 'Chris Weitz spoke on Monday. "I am honored to be entrusted with New Moon," Weitz said.\n'
    story = _story(nlp, a=title, b=said)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")


def test_one_word_given_to_one_person_is_no_part_of_another_persons_quote(nlp):  # type: ignore[no-untyped-def]
    """One word in marks is held in many a longer quote: given to one person and found in the sentence
    another article gives to someone else ("Issa said Clinton's “judgment” is in question", "“… her
    poor judgment in this and other instances …,” Carson said"), it is the first person's own word, not
    a part of the second's quote. Given to one person by both, it is ("Sanders said it would be “hard”",
    "“It will be very hard for us,” Sanders said"); and so is a name in marks, anyone's to quote."""
    issa = 'Rep. Darrell Issa said on Sunday that Hillary Clinton\'s "judgment" is in question.\n'
    carson = ('Ben Carson spoke on Sunday. "Her poor judgment in this and several other instances shows me '
              'that she is not fit to serve," Carson said.\n')
    story = _story(nlp, a=issa, b=carson)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")
    sanders = 'Bernie Sanders said on Monday that winning the nomination would be "tough."\n'
    whole = 'Bernie Sanders spoke on Monday. "It will be very tough for us to win," Sanders said.\n'
    story = _story(nlp, a=sanders, b=whole)
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("variant", ["tough.", "It will be very tough for us to win"])]


def test_a_phrase_two_people_said_is_two_statements(nlp):  # type: ignore[no-untyped-def]
    """A few words given to two different people, each by name, are a phrase each of them used ("an act
    of terror": Clinton's statement, Obama's speech), not one quote told in part; given to one person by
    both, they are one quote told in part."""
    clinton = 'Hillary Clinton released a statement on Sunday calling the shooting an "act of terror."\n'
    obama = ('Barack Obama spoke on Sunday. He vowed to respond to what he called "an act of terror and an act '
             'of hate."\n')
    story = _story(nlp, a=clinton, b=obama)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")
    again = ('Hillary Clinton spoke on Sunday. She vowed to respond to what she called "an act of terror and an '
             'act of hate."\n')
    story = _story(nlp, a=clinton, b=again)
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("variant", ["act of terror.", "an act of terror and an act of hate."])]


def test_a_name_in_marks_is_no_part_of_a_sentence_that_names_it(nlp):  # type: ignore[no-untyped-def]
    """A name or title in marks ("Twilight.", "The Notorious Bettie Page") and a sentence quoted
    elsewhere that holds it are two things said, not one quote told in part; the name still agrees with
    the name, and a word cried out ("Thieves!") is still part of the longer chant, unless that quote
    writes it as a name ("Mexico!")."""
    title = 'Crowds lined up on Monday for "Twilight." Chris Weitz directed it.\n'
    said = 'Chris Weitz spoke on Monday. "We love the fantastic Twilight series," Weitz said.\n'
    story = _story(nlp, a=title, b=said)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")
    again = 'Fans waited on Monday for "Twilight." Chris Weitz directed it.\n'
    story = _story(nlp, a=title, b=again)
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("agree", ["Twilight.", "Twilight."])]
    cried = 'The protesters gathered on Monday and shouted "Thieves!" at the bankers.\n'
    chant = 'The protesters gathered on Monday. "Thieves, thieves!" they shouted at the bankers.\n'
    story = _story(nlp, a=cried, b=chant)
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("variant", ["Thieves!", "Thieves, thieves!"])]
    # a name cried out is a name all the same: the longer quote writes it capitalized inside its sentence
    reply = 'Trump asked on Monday who would pay. His fans replied, "Mexico!"\n'
    speech = 'Trump spoke on Monday. "I heard the head of Mexico said no way," Trump said.\n'
    story = _story(nlp, a=reply, b=speech)
    assert all(len(f.mentions) == 1 for f in story.findings if f.kind == "quote")


@pytest.mark.parametrize(("a", "b", "begins"), [
    ('The president spoke at the church on Sunday.\n\n"I trust in God," Mr. Obama said, "but God wants to see '
     'us help ourselves by making the right choices."\n',
     'The president spoke at the church on Sunday.\n\n"I trust in God, but God wants to see us help ourselves '
     'by making the right choices," Obama said.\n', "I trust in God"),
    # after a cue set off by commas, a part opening with "I'm" goes on with the sentence
    ('Farenthold resigned on Friday.\n\n"Leaving my service in the House," Farenthold said in his statement, '
     '"I\u2019m able to look back at my career and say that it was well worthwhile."\n',
     'Farenthold resigned on Friday.\n\n"Leaving my service in the House, I\u2019m able to look back at my '
     'career and say that it was well worthwhile," Farenthold said.\n', "Leaving my service"),
])
def test_a_sentence_broken_by_its_cue_is_the_same_quote_as_the_sentence_whole(nlp, a: str, b: str,  # type: ignore[no-untyped-def]
                                                                               begins: str):
    story = _story(nlp, a=a, b=b)
    quotes = [f for f in story.findings if f.kind == "quote"]
    assert [(f.status, len(f.mentions)) for f in quotes] == [("agree", 2)]
    (mention,) = [m for m in quotes[0].mentions if m.article == "a"]
    assert a[mention.start:mention.end] == mention.text and mention.text.startswith(begins)


def test_an_ellipsis_between_words_cuts_a_quote_into_units_of_its_own(nlp):  # type: ignore[no-untyped-def]
    """One outlet elides the end of a sentence and the start of the next ("…"): each stretch is compared
    with its own sentence in the other outlet, so the second agrees and the first is a variant."""
    a = ('The ad ran on Monday in Ohio.\n\n"You paid into Medicare for years, every paycheck. Now when you need it, '
         'Obama has cut $716 billion from Medicare," the ad says.\n')
    b = ('The ad ran on Monday in Ohio.\n\n"You paid in to Medicare for years \u2026 now when you need it, Obama has '
         'cut $716 billion from Medicare," the ad says.\n')
    story = _story(nlp, a=a, b=b)
    quotes = {f.status: f for f in story.findings if f.kind == "quote"}
    assert sorted(quotes) == ["agree", "variant"]
    texts = {"a": a, "b": b}
    for f in quotes.values():
        assert all(texts[m.article][m.start:m.end] == m.text for m in f.mentions)
    assert {m.article: m.text for m in quotes["agree"].mentions}["b"] == (
        "now when you need it, Obama has cut $716 billion from Medicare")
    assert {m.article: m.text for m in quotes["variant"].mentions}["b"] == "You paid in to Medicare for years"


def test_a_double_hyphen_is_a_dash_not_a_word(nlp):  # type: ignore[no-untyped-def]
    a = ('The senator spoke on Monday.\n\n"Whatever we call it \u2014 Afghanistan or Iraq \u2014 we owe our '
         'troops our support," Blumenthal said.\n')
    b = ('The senator spoke on Monday.\n\n"Whatever we call it -- Afghanistan or Iraq -- we owe our troops our '
         'support," Blumenthal said.\n')
    story = _story(nlp, a=a, b=b)
    assert [(f.status, len(f.mentions)) for f in story.findings if f.kind == "quote"] == [("agree", 2)]


def test_a_quote_within_a_quote_is_compared_with_the_same_words_elsewhere(nlp):  # type: ignore[no-untyped-def]
    """One outlet quotes a statement that itself quotes two words; another quotes only those two words:
    they agree, and the evidence is the inner words only. A lone quote mark is no word of a quote."""
    a = ('Trump spoke on Monday.\n\n"In his remarks today, President Obama refused to even say the words '
         '\'Radical Islam\'," Trump said in a statement.\n')
    b = 'Trump spoke on Monday.\n\nTrump said Obama would not say "radical Islam," in a statement.\n'
    story = _story(nlp, a=a, b=b)
    linked = [f for f in story.findings if f.kind == "quote" and len(f.mentions) > 1]
    assert [f.status for f in linked] == ["agree"]
    mentions = {m.article: m for m in linked[0].mentions}
    assert mentions["a"].text == "Radical Islam" and a[mentions["a"].start:mentions["a"].end] == "Radical Islam"
    assert mentions["b"].text == "radical Islam"


def test_different_speakers_not_both_named_are_no_conflict_but_are_said(nlp):  # type: ignore[no-untyped-def]
    """The same words given to Governor Kate Brown and to "a spokesman": not a speaker conflict (one
    speaker is not named), but the finding says who each article names; "Brown" is the same person."""
    words = "“We will rebuild the bridge before winter comes,”"
    texts = {"a": f"The governor spoke on Monday about the storm damage. {words} Governor Kate Brown said.",
             "b": f"Officials spoke on Monday about the storm damage. {words} a spokesman said.",
             "c": f"Officials spoke on Monday about the storm damage. {words} Brown said."}
    (ab,) = [f for f in _story(nlp, a=texts["a"], b=texts["b"]).findings if f.kind == "quote"]
    assert ab.status == "agree"
    assert ab.explanation == ("a and b quote the same words; who said it is not settled: a says it is by Kate "
                              "Brown, b says it is by a spokesman.")  # no one speaker named as the one
    (ac,) = [f for f in _story(nlp, a=texts["a"], c=texts["c"]).findings if f.kind == "quote"]
    assert ac.status == "agree" and "not settled" not in ac.explanation
    assert ac.explanation == "a and c quote the same words, attributed to Kate Brown."
    # the subject names whom most articles give the words to
    (abc,) = [f for f in _story(nlp, b=texts["b"], a=texts["a"], c=texts["c"]).findings if f.kind == "quote"]
    assert abc.subject.startswith("Kate Brown: ") and "not settled" in abc.explanation


def test_whom_a_quote_is_given_to_counts_each_naming():
    """The speaker a quote finding names and whether its speakers are settled, from every naming in
    it, each counted (a run of one long quote names its speaker once per sentence): "Brown" is "Kate
    Brown", written as most write it; a name that tells no person ("a spokesman") shares no word."""
    from types import SimpleNamespace

    from storydiff.compare import _most_named, _speakers_unsettled

    assert _most_named(["Brown", "Kate Brown", "a spokesman", "Kate Brown"]) == "Kate Brown"
    assert _most_named(["Brown", "Brown", "Kate Brown"] * 500 + ["Obama"] * 900) == "Brown"
    assert _most_named(["Obama", "Romney"]) == "Obama"  # as often: the first
    assert _most_named(["a spokesman", "the official"]) == "a spokesman"

    def units(*names: str | None) -> list[SimpleNamespace]:
        return [SimpleNamespace(quote=SimpleNamespace(speaker=SimpleNamespace(name=n) if n else None))
                for n in names]

    assert not _speakers_unsettled(units("Kate Brown", "Brown", *["Kate Brown"] * 2000))
    assert _speakers_unsettled(units(*["Kate Brown"] * 2000, "Romney"))
    assert _speakers_unsettled(units("Kate Brown", "a spokesman"))
    assert _speakers_unsettled(units("a spokesman", "a spokesman"))  # no name: nothing settles it
    assert _speakers_unsettled(units("Kate Brown", None))
    assert not _speakers_unsettled(units(None, None))
    assert not _speakers_unsettled(units("Kate Brown"))


def test_one_person_speaking_to_one_outlet_is_one_credit(nlp):  # type: ignore[no-untyped-def]
    """Two articles tell of Reyes speaking to the Harbor Times in sentences that share little: one
    credit, agreed on. Governor Lee's interview with the same paper is another."""
    a = ("Senator Ann Reyes told the Harbor Times on Monday that the plant would stay open. The union "
         "welcomed the decision, the Harbor Times reported.\n")
    b = ("In an interview with the Harbor Times, Reyes promised the workers that their jobs were safe. "
         "Governor Lee told the Harbor Times that the state would help the plant stay open.\n")
    story = _story(nlp, a=a, b=b)
    credits = [f for f in story.findings if f.kind == "attribution"]
    (reyes,) = [f for f in credits if any(m.text == "told the Harbor Times" and m.article == "a" for m in f.mentions)]
    assert reyes.status == "agree"
    assert sorted((m.article, m.text) for m in reyes.mentions) == [
        ("a", "told the Harbor Times"), ("b", "interview with the Harbor Times")]


def test_a_specific_figure_told_twice_by_each_article_is_two_facts_each_agreed(nlp):  # type: ignore[no-untyped-def]
    """$84,000 paid out and $84,000 to be paid back: each article tells both, in words that share little
    with the other's. The figure is specific and as often in each, so each pair is one fact, which pair
    read from the words."""
    a = ("The congressman was paid $84,000 from a public fund.\n\n"
         "He promised to return the $84,000 to the Treasury Department.\n")
    b = ("Farenthold used $84,000 of taxpayer money in a harassment case.\n\n"
         "He would return the $84,000 to the Treasury, his office said.\n")
    story = _story(nlp, a=a, b=b)
    groups = sorted(sorted((m.article, m.start) for m in f.mentions)
                    for f in story.findings if f.kind == "quantity" and f.status == "agree")
    assert groups == [[("a", a.index("$84,000")), ("b", b.index("$84,000"))],
                      [("a", a.rindex("$84,000")), ("b", b.rindex("$84,000"))]]


def test_a_day_an_article_gives_to_another_event_is_no_conflict(nlp):  # type: ignore[no-untyped-def]
    """a names Wednesday's home loss and, apart from it, Friday's setback at Boston: b's Friday loss at
    Boston is a's Friday game, not its Wednesday one misdated."""
    a = ("Fans booed the Hawks in Wednesday's home loss to the Bulls, the team's sixth loss in eight games.\n\n"
         "The owner also watched Friday's setback at Boston from his box.\n")
    b = "Friday night's loss at Boston, the team's sixth loss in eight games, was the last straw for the owner.\n"
    story = _story(nlp, a=a, b=b)
    assert not [f for f in story.findings if f.status == "conflict"]
    (friday,) = [f for f in story.findings if f.kind == "date" and len(f.mentions) == 2]
    assert sorted((m.article, m.start, m.text) for m in friday.mentions) == [
        ("a", a.index("Friday"), "Friday"), ("b", 0, "Friday night")]


def test_an_article_giving_both_days_of_one_event_still_conflicts(nlp):  # type: ignore[no-untyped-def]
    """a says he died on Friday and, later, that he died on Thursday: it contradicts itself, and its
    Friday stays a conflict with b's Thursday."""
    a = ("Harold Bixby, the bridge engineer, died on Friday. He was 91.\n\n"
         "He died at 6 a.m. on Thursday at his home in Dover, his daughter said.\n")
    b = "Harold Bixby, who designed the Dover bridge, died Thursday at the age of 91, his family said.\n"
    (f,) = [f for f in _story(nlp, a=a, b=b).findings if f.status == "conflict"]
    assert sorted((m.article, m.start, m.text) for m in f.mentions) == [
        ("a", a.index("Friday"), "Friday"), ("b", b.index("Thursday"), "Thursday")]


def test_a_date_an_article_gives_again_joins_its_agreement_and_another_event_s_day_does_not(nlp):  # type: ignore[no-untyped-def]
    """a dates the resignation on Thursday twice, b once: one agreement, which holds both of a's (a fact
    told twice is no fact only a tells). a's "Reed said Thursday" is another event of that day: its
    own finding."""
    a = ("Defense Secretary Jim Mattis resigned Thursday in protest of the president's decision to withdraw "
         "troops from Syria.\n\n"
         "In his resignation letter Thursday, Mattis said he would remain in the job until February.\n\n"
         "Senator Jack Reed said Thursday that the country had lost a steady hand at the Pentagon.\n")
    b = ("Jim Mattis, the defense secretary, resigned on Thursday in protest over the withdrawal from Syria. "
         "His resignation letter said he would stay until February.\n")
    story = _story(nlp, dt.date(2018, 12, 21), a=a, b=b)
    thursdays = {tuple(sorted((m.article, m.start) for m in f.mentions)): f
                 for f in story.findings if f.kind == "date" and f.mentions[0].text == "Thursday"}
    resigned = (("a", a.index("Thursday")), ("a", a.index("letter Thursday") + 7), ("b", b.index("Thursday")))
    assert sorted(thursdays) == sorted([(("a", a.index("said Thursday") + 5),), resigned])
    assert thursdays[resigned].status == "agree"
    assert thursdays[resigned].explanation == (
        "a and b give the same date: “Thursday” (December 20, 2018). a states it twice.")


def test_two_ages_of_one_named_person_however_told_conflict(nlp):  # type: ignore[no-untyped-def]
    """"Keller, who is 47" and "Tom Keller, a 46-year-old Baptist father of three": the second age is
    of the phrase beside the name, so of Keller, and a person has one age in a story."""
    a = "Keller, who is 47, said he had the votes to win the race for majority leader.\n"
    b = "Tom Keller, a 46-year-old Baptist father of three, will challenge the whip for majority leader.\n"
    (f,) = [f for f in _story(nlp, a=a, b=b).findings if f.status == "conflict"]
    assert sorted((m.article, m.start, m.text) for m in f.mentions) == [
        ("a", a.index("47"), "47"), ("b", b.index("46-year-old"), "46-year-old")]


def test_two_fragments_of_one_sentence_another_outlet_quotes_whole_are_one_quote(nlp):  # type: ignore[no-untyped-def]
    """Two outlets each quote a different part of a sentence a third prints whole: the parts share
    no words, but each is held in the whole sentence, so the three are one quote, a variant."""
    whole = ('The governor spoke on Monday.\n\n"It is a painful and divisive question, as many are, but I have '
             'held the same position since entering public office," Ms. Kerr said.\n')
    first = 'The governor spoke on Monday.\n\nMs. Kerr called it "a painful and divisive question."\n'
    second = 'The governor spoke on Monday.\n\nMs. Kerr said she had kept her view since "entering public office."\n'
    story = _story(nlp, a=whole, b=first, c=second)
    (f,) = _about(story, "quote", "divisive")
    assert f.status == "variant"
    assert sorted(m.article for m in f.mentions) == ["a", "b", "c"]
    # a fragment held by function words alone is not bridged in
    weak = 'The governor spoke on Monday.\n\nMs. Kerr called it "a question of the day."\n'
    story = _story(nlp, a=whole, b=first, c=weak)
    (f,) = _about(story, "quote", "divisive")
    assert sorted(m.article for m in f.mentions) == ["a", "b"]


@pytest.mark.parametrize(("a", "b", "pieces"), [
    # one sentence cut at its comma, where the other outlet ends a sentence and starts the next
    ('"We will finish the bridge by spring, but the tunnel will take another two years," Mayor Lund said.\n',
     '"We will finish the bridge by spring. But the tunnel will take another two years," Mayor Lund said.\n',
     [("We will finish the bridge by spring, but the tunnel will take another two years",
       "We will finish the bridge by spring. But the tunnel will take another two years")]),
    # cut both ways: each outlet's sentence runs over the other's break; the cue in a's quote ends a run
    ('"The vote on the levy failed, and I am being frank," Mayor Lund said. "We have a lot of work to do."\n',
     '"The vote on the levy failed. And I am being frank, we have a lot of work to do," Mayor Lund said.\n',
     [("The vote on the levy failed, and I am being frank", "The vote on the levy failed. And I am being frank"),
      ("We have a lot of work to do.", "we have a lot of work to do")]),
])
def test_one_statement_broken_into_sentences_differently_is_compared_piece_by_piece(  # type: ignore[no-untyped-def]
        nlp, a: str, b: str, pieces: list[tuple[str, str]]):
    """Where one outlet runs two sentences of a statement into one, the longer sentence is cut where
    the other's sentence ends: each piece agrees with its own, nothing is "left out", and pieces that
    follow one another in both outlets' quotes are one agreement."""
    lead = "The mayor spoke on Monday.\n\n"
    a, b = lead + a, lead + b
    quotes = [f for f in _story(nlp, a=a, b=b).findings if f.kind == "quote"]
    assert sorted((f.status, [(m.article, m.start, m.text) for m in f.mentions]) for f in quotes) == sorted(
        ("agree", [("a", a.index(x), x), ("b", b.index(y), y)]) for x, y in pieces)


def test_a_fragment_of_two_sentences_lends_its_cut_as_a_whole_quote_does(nlp):  # type: ignore[no-untyped-def]
    """A fragment set in the writer's sentence that holds two of the speaker's sentences breaks the
    other outlet's one sentence as a whole quote would: the second sentence agrees, and is not
    reported as left out of the first."""
    lead = "The mayor spoke on Monday.\n\n"
    a = lead + '"We will finish the bridge by spring, but the tunnel will take another two years," Mayor Lund said.\n'
    b = lead + ('Mayor Lund said the city would "finish the bridge by spring. But the tunnel will take another two '
                'years."\n')
    quotes = [f for f in _story(nlp, a=a, b=b).findings if f.kind == "quote"]
    assert sorted((f.status, [(m.article, m.start, m.text) for m in f.mentions]) for f in quotes) == [
        ("agree", [("a", a.index("but the tunnel"), "but the tunnel will take another two years"),
                   ("b", b.index("But the tunnel"), "But the tunnel will take another two years.")]),
        ("variant", [("a", a.index("We will"), "We will finish the bridge by spring"),
                     ("b", b.index("finish the"), "finish the bridge by spring.")]),
    ]


@pytest.mark.parametrize(("a", "b"), [
    # no mark where the other outlet's sentence ends: the sentence is not cut
    ('"We will finish the bridge by spring but the tunnel will take another two years," Mayor Lund said.\n',
     '"We will finish the bridge by spring. But the tunnel will take another two years," Mayor Lund said.\n'),
    # a one-sentence fragment set in the writer's sentence has no next sentence to lend a cut at its end
    ('"We will finish the bridge by spring, but the tunnel will take another two years," Mayor Lund said.\n',
     'Mayor Lund said the city would "finish the bridge by spring." He added: "The tunnel is hard."\n'),
])
def test_a_sentence_is_cut_only_at_a_mark_where_the_other_outlet_goes_on(nlp, a: str, b: str):  # type: ignore[no-untyped-def]
    lead = "The mayor spoke on Monday.\n\n"
    a, b = lead + a, lead + b
    (f,) = [f for f in _about(_story(nlp, a=a, b=b), "quote", "two years") if len(f.mentions) == 2]
    assert f.status == "variant"
    (whole,) = [m for m in f.mentions if m.article == "a"]
    assert whole.text.startswith("We will finish the bridge by spring") and whole.text.endswith("two years")
    assert (whole.start, whole.end) == (a.index("We will"), a.index("two years") + len("two years"))


def test_troops_and_soldiers_counted_alike_are_one_figure(nlp):  # type: ignore[no-untyped-def]
    """What a figure counts is no unit of measure: "about 7,000 troops" and "some 7,000 soldiers" are one
    figure of one thing named in two words, as "$7,000" against "7,000 miles" would be two."""
    story = _story(nlp, a="The Pentagon will withdraw about 7,000 troops from Afghanistan in the coming months.",
                   b="The plan to withdraw some 7,000 soldiers from Afghanistan by the summer drew criticism.")
    (f,) = _about(story, "quantity", "7,000")
    assert f.status in {"agree", "variant"}
    assert {m.text for m in f.mentions} == {"about 7,000", "some 7,000"}


@pytest.mark.parametrize(("said", "status"), [("32", None), ("33", "conflict")])
def test_a_figure_told_alike_inside_one_quote_is_that_quotes_word(nlp, said: str,  # type: ignore[no-untyped-def]
                                                                   status: str | None):
    story = _story(nlp, a=('Boehner was blunt. "And we have 32 districts that are in states where there is no '
                           'presidential campaign," Boehner said on Monday.'),
                   b=(f'"And we have {said} districts that are in states where there is no presidential campaign," '
                      'the speaker told reporters in Ohio.'))
    quote = _about(story, "quote", "districts")
    assert len(quote) == 1 and quote[0].status in {"agree", "variant"}
    figures = [f for f in _about(story, "quantity", "3") if len(f.mentions) > 1]
    # the same figure in each is a word of the aligned quote; a figure misquoted stays a conflict
    assert [f.status for f in figures] == ([] if status is None else [status])


def test_sentences_quoted_alike_one_after_another_are_one_finding(nlp):  # type: ignore[no-untyped-def]
    """A quote of several sentences told alike by two outlets is one agreement, its mentions reaching
    from the first sentence to the last; a sentence worded differently keeps a finding of its own, so
    the reader sees where the difference is; a cue between two sentences ends the run."""
    said = ("It's not about you. It's not about your quality of life. It's not about your jobs.", "Santorum said")
    a = f'Rick Santorum spoke in Ohio on Saturday. "{said[0]}" {said[1]}.'
    story = _story(nlp, a=a, b=f'At a rally in Ohio on Saturday, Santorum was blunt. "{said[0]}" {said[1]}.')
    assert [(f.status, [m.text for m in f.mentions]) for f in story.findings if f.kind == "quote"] == [
        ("agree", [said[0], said[0]])]
    reworded = said[0].replace("your quality of life", "the quality of your life")
    story = _story(nlp, a=a, b=f'At a rally in Ohio on Saturday, Santorum was blunt. "{reworded}" {said[1]}.')
    assert sorted(f.status for f in story.findings if f.kind == "quote") == ["agree", "agree", "variant"]
    broken = "\"It's not about you. It's not about your quality of life,\" Santorum said. \"It's not about your jobs.\""
    story = _story(nlp, a=a, b=f"At a rally in Ohio on Saturday, Santorum was blunt. {broken}")
    assert sorted((f.status, [m.text for m in f.mentions][0]) for f in story.findings if f.kind == "quote") == [
        ("agree", "It's not about you. It's not about your quality of life."), ("agree", "It's not about your jobs.")]


def test_a_quote_says_which_of_its_sentences_another_outlet_does_not_carry(nlp):  # type: ignore[no-untyped-def]
    """Where two outlets' quote goes on past the sentence a third quotes, the agreement says which
    outlet leaves out what follows, and which sentence; and likewise for a sentence before. A sentence
    the third prints elsewhere, in a quote of its own, is one it carries."""
    lead = "Donald Trump spoke in New York on Sunday."
    first, second = "I am trying to save lives.", "We can't afford to be politically correct anymore."
    opening = "Because our leaders are weak, I said this would happen."
    longer = f'{lead} "{opening} {first} {second}" Trump said in a statement.'
    story = _story(nlp, a=longer, b=longer.replace("New York", "Manhattan"), c=f'{lead} "{first}" Trump said.')
    [finding] = [f for f in story.findings if f.kind == "quote" and len(f.mentions) == 3]
    assert finding.status == "agree"
    assert [m.text for m in finding.mentions] == [first] * 3
    assert "a's and b's quotes go on with 1 sentence that c does not carry (“We can't afford to be politically…”)" \
        in finding.explanation
    assert "a's and b's quotes have 1 sentence before these words that c does not carry (“Because our leaders are " \
        "weak, I…”)" in finding.explanation
    story = _story(nlp, a=longer, b=longer.replace("New York", "Manhattan"),
                   c=f'{lead} "{first}" Trump said.\n\nHe added: "{second}"')
    [finding] = [f for f in story.findings if f.kind == "quote" and first in f.mentions[0].text]
    assert "go on with" not in finding.explanation
    assert "before these words that c does not carry" in finding.explanation


def test_an_nth_anniversary_is_n_years_since(nlp):  # type: ignore[no-untyped-def]
    """"The 15th anniversary of the attacks" and "15 years after the attacks" give one figure."""
    story = _story(nlp, a="Families of the victims gathered on Sunday for the 15th anniversary of the attacks.",
                   b="Families of the victims gathered on Sunday, 15 years after the attacks.")
    [finding] = [f for f in story.findings if f.kind == "quantity" and len(f.mentions) == 2]
    assert finding.status == "agree"
    assert [m.text for m in finding.mentions] == ["15th", "15"]


def test_a_short_quote_is_no_part_of_another_that_shares_only_its_function_words(nlp):  # type: ignore[no-untyped-def]
    """"To pay for Obamacare." shares "to pay for" with "…cuts in Medicare to pay for an ill-conceived…",
    three words in order, but not its own words: they are two quotes. Told by two ads in their own words, each is
    linked only with itself."""
    a = 'The Romney ad aired on Tuesday. "Obama has cut $716 billion from Medicare. Why? To pay for Obamacare."\n'
    b = 'The Romney ad aired on Tuesday. "Obama has cut $716 billion from Medicare. Why? To pay for ObamaCare."\n'
    c = ('The Obama ad aired in 2008. "It turns out, Senator McCain would make drastic cuts in Medicare to pay for '
         'an ill-conceived health care plan," the ad said.\n')
    story = _story(nlp, a=a, b=b, c=c)
    linked = [sorted(m.article for m in f.mentions) for f in story.findings
              if f.kind == "quote" and len(f.mentions) > 1]
    assert linked and all(articles == ["a", "b"] for articles in linked)


def test_undated_articles_agree_on_a_month_s_day(nlp):  # type: ignore[no-untyped-def]
    # text files carry no publication date, so "June 28" has no year; two of them are still one day
    story = _story(nlp, a="The judge is scheduled to sentence Hale on June 28 in Boston.",
                   b="Hale's sentencing is set for June 28, his lawyer said.")
    (f,) = _about(story, "date", "June 28")
    assert f.status == "agree"
    assert {(m.article, m.text) for m in f.mentions} == {("a", "June 28"), ("b", "June 28")}
    story = _story(nlp, a="The judge is scheduled to sentence Hale on June 28 in Boston.",
                   b="Hale's sentencing is set for June 29, his lawyer said.")
    assert sorted(f.status for f in _about(story, "date", "June 2")) == ["unique", "unique"]


def test_one_weekday_placed_a_week_apart_says_so(nlp):  # type: ignore[no-untyped-def]
    """Two articles published a day apart both say the White House spoke "on Friday": each places the
    bare weekday from its own publication date (May 21 from a Thursday, May 28 from that Friday), and
    the finding, which reads them as one Friday, says so rather than show one day and hide the other."""
    text = "Sestak was offered an unpaid advisory post, the White House said on Friday.\n"
    analyzed = [facts_from_doc(nlp(text), Article(id=k, text=text, published=day))
                for k, day in (("a", dt.date(2010, 5, 27)), ("b", dt.date(2010, 5, 28)))]
    (f,) = _about(compare_story(analyzed), "date", "Friday")
    assert f.status == "agree"
    assert [m.value["first"] for m in sorted(f.mentions, key=lambda m: m.article)] == ["2010-05-21", "2010-05-28"]
    assert "Read from each article's publication date, “Friday” falls on May 21, 2010 and May 28, 2010; " \
        "taken as one Friday." in f.explanation
    same = _about(_story(nlp, dt.date(2010, 5, 28), a=text, b=text), "date", "Friday")
    assert [g.status for g in same] == ["agree"] and "publication date" not in same[0].explanation


def test_one_word_the_writers_use_themselves_is_no_excerpt_of_a_quoted_sentence(nlp):  # type: ignore[no-untyped-def]
    """One word quoted that either writer also uses in their own words is the story's word: inside another
    outlet's quoted sentence it is no excerpt of that sentence. A word neither writer uses outside quotes,
    or one set against a short phrase (an epithet), is still linked."""
    whole = ('The director spoke on Tuesday about the evidence.\n\n"We also developed evidence that the security '
             'culture of the department was careless," Mr. Comey said.\n')
    word = 'The director spoke on Tuesday.\n\nMr. Comey said he found "evidence" of mistakes.\n'
    story = _story(nlp, a=whole, b=word)
    assert {f.status for f in _about(story, "quote", "evidence")} == {"unique"}
    rare = 'The director spoke on Tuesday.\n\nMr. Comey said the culture was "careless."\n'
    story = _story(nlp, a=whole, b=rare)
    (f,) = _about(story, "quote", "careless")
    assert f.status == "variant" and sorted(m.article for m in f.mentions) == ["a", "b"]
    epithet = 'The rally went on.\n\nMr. Trump again attacked "Crooked Hillary" and her crooked friends.\n'
    short = 'The rally went on.\n\nMr. Trump called her "Crooked" and her friends crooked.\n'
    story = _story(nlp, a=epithet, b=short)
    (f,) = _about(story, "quote", "Crooked")
    assert f.status == "variant" and sorted(m.article for m in f.mentions) == ["a", "b"]


def test_words_two_named_people_said_that_only_partly_match_are_two_statements(nlp):  # type: ignore[no-untyped-def]
    """Two people named as speakers, words that match in part: two statements, not a variant of one quote;
    the same words credited to two people are still one quote told two ways, a conflict."""
    lead = "Lawmakers rejected the measure on Tuesday.\n\n"
    a = lead + '"These guys are on the wrong side of history," said Mason Tvert, a campaign spokesman.\n'
    b = lead + '"I think it shows they are on the wrong side of history," said Brian Vicente, a lawyer.\n'
    quotes = [f for f in _story(nlp, a=a, b=b).findings if f.kind == "quote"]
    assert sorted((f.status, [m.article for m in f.mentions]) for f in quotes) == [("unique", ["a"]), ("unique", ["b"])]
    c = lead + '"I think it shows they are on the wrong side of history," said Mason Tvert, a campaign spokesman.\n'
    (f,) = [f for f in _story(nlp, b=b, c=c).findings if f.kind == "quote"]
    assert f.status == "conflict" and sorted(m.article for m in f.mentions) == ["b", "c"]
