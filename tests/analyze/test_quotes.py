"""Direct quotes: quotation marks, split and run-on quotes, cues, speakers, partial quotes."""

from __future__ import annotations

import json

import pytest

from storydiff.analyze.entities import build_index
from storydiff.analyze.quotemarks import find_quoted, goes_on
from storydiff.analyze.quotes import extract_quotes
from storydiff.model import Article, Quote, Span


def quotes(nlp, text: str) -> list[Quote]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    found = list(extract_quotes(doc, Article(id="t", text=text), build_index(doc)))
    for q in found:
        assert text[q.start:q.end] == q.text
        assert all(q.start <= p.start < p.end <= q.end for p in q.parts)
    return found


def parts(text: str, q: Quote) -> list[str]:
    return [text[p.start:p.end] for p in q.parts]


MARK_ROWS = [
    # text, the quoted stretches found
    ('He said "yes" and left.', [["yes"]]),
    ("“One,” she said. “Two.”", [["One"], ["Two."]]),
    ("“Never,” he said.", [["Never"]]),
    # A stray mark does not swallow the rest of the article: its paragraph ends the quotation.
    ("“It never closes.\n\nNext paragraph with “a fragment” in it.", [["It never closes."], ["a fragment"]]),
    # A quotation runs on when the next paragraph opens with a quote mark.
    ("“First paragraph.\n\n“Second paragraph.”", [["First paragraph.", "Second paragraph."]]),
    # Straight quotes nested in curly ones, and an inch mark, are not quotations of their own.
    ("“He said \"no\" to me,” she said.", [['He said "no" to me']]),
    ('He is 6\'3" tall.', []),
    ("She called it ‘a mess.’", []),
    # A closing or straight mark typed at the start of a line, before an ellipsis, a bracket or a
    # capital, opens the quotation: at a line's start it closes nothing.
    ("She was critical.\n\n” … they are so not like him,” she said.", [["… they are so not like him"]]),
    ('He said so.\n" (Orozco) arranged it, " Hickok said.', [["(Orozco) arranged it"]]),
    # A mark right after a colon opens, as after a space ("Rep. Trey Gowdy (R-S.C.):"I have …").
    ('Gowdy (R-S.C.):"Who told you that?"', [["Who told you that?"]]),
    # A closing mark wrapped onto a line of its own, before a lower-case word, still closes.
    ("“It was a long day for the whole world\n” he said.", [["It was a long day for the whole world"]]),
]


@pytest.mark.parametrize(("text", "expected"), MARK_ROWS)
def test_find_quoted(text: str, expected: list[list[str]]) -> None:
    assert [[text[s:e] for s, e in q.parts] for q in find_quoted(text)] == expected


ROWS = [
    # text, quote text's first words, parts, speaker name, speaker mention, cue, partial
    ("Mayor Ted Wheeler spoke on Monday. “Make no mistake,” Wheeler said in a statement. "
     "“They are coming after me.”",
     "Make no mistake", ["Make no mistake", "They are coming after me."],
     "Ted Wheeler", "Wheeler", "said", False),
    ("Senator Jane Smith was asked about the vote. \"We will win,\" said Smith.",
     "We will win", ["We will win"], "Jane Smith", "Smith", "said", False),
    ("Portland Mayor Ted Wheeler answered the union. \"I am compelled to respond,\" the mayor wrote.",
     "I am compelled", ["I am compelled to respond"], "Ted Wheeler", "the mayor", "wrote", False),
    ("Ted Wheeler spoke to reporters. “It was wrong,” he said.",
     "It was wrong", ["It was wrong"], "Ted Wheeler", "he", "said", False),
    ("Wheeler said he didn’t want police to get “sucked into a conflict” with a federal agency.",
     "sucked into", ["sucked into a conflict"], "Wheeler", "Wheeler", "said", True),
    ("John Bolton told reporters: “We need a strong military.”",
     "We need", ["We need a strong military."], "John Bolton", "John Bolton", "told", False),
    ("“The policy is clear,” according to Maria Lopez, a city spokeswoman.",
     "The policy", ["The policy is clear"], "Maria Lopez", "Maria Lopez", "according to", False),
    ("“Go back to Univision,” Trump barked at the reporter.",
     "Go back", ["Go back to Univision"], "Trump", "Trump", "barked", False),
    ("Cruz continued:\n\n“You look at the questions. Nobody asked about the issues.”",
     "You look", ["You look at the questions. Nobody asked about the issues."], "Cruz", "Cruz",
     "continued", False),
    ("“We are done here.” ― Sonya Herridge",
     "We are done", ["We are done here."], "Sonya Herridge", "Sonya Herridge", "―", False),
    # a pull quote credited on a line of its own inside the marks: the words end before the credit
    ("The party has a choice to make.\n\n\"We are going to enter the next recession without that consensus.\n"
     "Josh Bivens, Economic Policy Institute.\"\n\nThe debate goes on.",
     "We are going", ["We are going to enter the next recession without that consensus."], "Josh Bivens",
     "Josh Bivens", "Josh Bivens", False),
    ("Donors are restless.\n\n\"If I was a donor, I would want answers.\nRepublican National Committee member.\"",
     "If I was", ["If I was a donor, I would want answers."], "Republican National Committee member",
     "Republican National Committee member", "Republican National Committee member", False),
    # one sentence broken by its cue: one quote of two parts, not a quote and a partial one
    ("President Obama spoke on Sunday. \"I trust in God,\" Mr. Obama said, \"but God wants to see us help "
     "ourselves.\"", "I trust", ["I trust in God", "but God wants to see us help ourselves."], "Obama",
     "Obama", "said", False),
    ("Ted Wheeler spoke to reporters. “This American carnage,” he declared, “stops right here.”",
     "This American", ["This American carnage", "stops right here."], "Ted Wheeler", "he", "declared", False),
    # the programme's title between two quotations of one speaker is neither a quote nor a break
    ("Ben Carson spoke on Sunday. “I expect to be vetted,” he said on “Meet the Press.” “But this is not "
     "vetting.”", "I expect", ["I expect to be vetted", "But this is not vetting."], "Ben Carson", "he", "said",
     False),
    # a colon's clause introduces the quotation after it, though the parse hangs it from the verb before
    ("Cruz spoke on Sunday. \"There's a young man having some problems,\" Cruz said as the heckler yelled: "
     "\"You suck!\"", "You suck", ["You suck!"], "the heckler", "the heckler", "yelled", False),
    # a phrase quoted further on in the cue's sentence is not the rest of the quotation
    ("\"I'm all for the Second Amendment,\" says Jorge Llamas, but he was shocked when he heard about the "
     "\"gun show loophole\" that lets buyers skip checks.", "I'm all", ["I'm all for the Second Amendment"],
     "Jorge Llamas", "Jorge Llamas", "says", False),
    # a quotation alone in its paragraph, signed on the next line (fact-check columns)
    ("The claim needs checking.\n\n\"Boeing and GE pay zero taxes.\"\n\n- Bernie Sanders.\n\nThis is complex.",
     "Boeing", ["Boeing and GE pay zero taxes."], "Bernie Sanders", "Bernie Sanders", "-", False),
    # "as X put it": the "as" clause credits what follows
    ("Republicans are unmoved. As Dana Milbank puts it, \"Senate Republicans are not going to budge.\"",
     "Senate", ["Senate Republicans are not going to budge."], "Dana Milbank", "Dana Milbank", "puts", False),
    # "When asked" is the question put to the speaker; the answer's cue comes after it
    ("Mel Sembler joined the fund. When asked why, Sembler responded in a text message: \"Trump will be the "
     "nominee.\"", "Trump will", ["Trump will be the nominee."], "Mel Sembler", "Sembler", "responded", False),
    # what someone issued, posted or went on with is the statement quoted next: in its sentence after a
    # comma, or standing alone after it
    ("After the vote, Ana Ruiz issued a statement, “Our city will rebuild the bridge.”",
     "Our city", ["Our city will rebuild the bridge."], "Ana Ruiz", "Ana Ruiz", "issued", False),
    ("Ana Ruiz continued her remarks.\n\n“The bridge will take two years to rebuild.”",
     "The bridge", ["The bridge will take two years to rebuild."], "Ana Ruiz", "Ana Ruiz", "continued", False),
    # no verb, only the statement the quotation is from: its owner speaks, else the statement itself
    ("Governor Kate Brown backs the plan. From Brown's Facebook post: “The bridge comes first.”",
     "The bridge", ["The bridge comes first."], "Kate Brown", "Brown", "From", False),
    ("The survey is long.\n\nFrom the report: “Samples with more weighting were more accurate.”",
     "Samples", ["Samples with more weighting were more accurate."], "the report", "the report", "From", False),
    # a surname the tagger took for another word ("Skelly" an adverb, "Will" an auxiliary) is still the
    # person the article named in full
    ("But Bill Skelly, a longtime party data operative, vouched for both of them.\n\n“Having access to the file "
     "and two people who understand it is valuable,” said Skelly, explaining he worked more closely with one of them.",
     "Having", ["Having access to the file and two people who understand it is valuable"], "Bill Skelly", "Skelly",
     "said", False),
    ("George Will wrote a column on Sunday.\n\nCiting the attack as a wake-up call, Will urged voters to abandon "
     "outsider candidates.\n\n“This might, and should, hasten the eclipse of Donald Trump,” Will wrote.",
     "This might", ["This might, and should, hasten the eclipse of Donald Trump"], "George Will", "Will", "wrote",
     False),
    # a message someone sends or publishes speaks for its sender: "sent a press release saying",
    # "released a video that said"; what one hands out speaks for itself ("flyers that said")
    ("Senator Maria Lopez sent out a press release saying the plan would “cost taxpayers far more than promised.”",
     "cost", ["cost taxpayers far more than promised."], "Maria Lopez", "Maria Lopez", "saying", True),
    ("Governor Tom Hale released a video on Monday that said the state would “never again be caught unprepared.”",
     "never", ["never again be caught unprepared."], "Tom Hale", "Tom Hale", "said", True),
    ("Volunteers from the Hale campaign passed out flyers that said “Vote early and bring a friend.”",
     "Vote", ["Vote early and bring a friend."], "flyers", "that", "said", False),
    # "called" naming what its object is, a few words before the quotation, whatever the parse hung it from
    ("Lena Ortiz, a Hale ally, called the city’s budget “reckless.”",
     "reckless", ["reckless."], "Lena Ortiz", "Lena Ortiz", "called", True),
    # "saying" after what someone reports goes on with the one who reports it, wherever the parse hung it
    ("Ana Ruiz wrote the crews knew the bridge was failing, saying, “Everyone on the site could hear it.”",
     "Everyone", ["Everyone on the site could hear it."], "Ana Ruiz", "Ana Ruiz", "saying", False),
    # words quoted in a clause someone questions or expects are theirs, not the clause's subject's
    ("Governor Tom Hale is questioning whether Mayor Lena Ortiz would have approved the budget “if it were "
     "written by her allies.”", "if it", ["if it were written by her allies."], "Tom Hale", "Tom Hale",
     "questioning", True),
    ("Tom Hale has made clear that he expects the Ortiz camp to unleash its surrogate “attack dogs” on him.",
     "attack", ["attack dogs"], "Tom Hale", "he", "expects", True),
    # a "who" standing for the quoted words tells of what they name, not who said them
    ("Mayor Lena Ortiz has proposed hiring a “chief housing inspector” who reports directly to the council.",
     "chief", ["chief housing inspector"], "Lena Ortiz", "Lena Ortiz", "proposed", True),
    # words quoted at the end of a sentence are not cued by the next sentence's verb
    ("On Twitter, Ana Ruiz called the plan “reckless.” Tom Hale called the vote “a disgrace.”",
     "reckless", ["reckless."], "Ana Ruiz", "Ana Ruiz", "called", True),
    # "he" after a person named in full, then by a surname spaCy takes for an organisation, is that
    # person, not someone the sentence names in passing
    ("Warehouse owner Paul Sexton watched the rally. Sexton, a neighbor of Gov. Mark Hale, was angry. "
     "“These people were comfortable in their anger,” he said.",
     "These people", ["These people were comfortable in their anger"], "Paul Sexton", "he", "said", False),
    ("The senator Bill Podesta spoke later. Podesta, an ally of Joe Biden, conceded the point. "
     "“It was the president’s choice,” he said.",
     "It was", ["It was the president’s choice"], "Bill Podesta", "he", "said", False),
    # a "she" passes over a man who is the subject of what she says, to her
    ("Hillary Clinton spoke in Toledo on Monday. Clinton says it means Mr. Trump never paid for Pell Grants. "
     "She says, “He is the rigged system.”",
     "He is", ["He is the rigged system."], "Hillary Clinton", "She", "says", False),
    # a name inside the quotation is the speaker's word, not the one a "she" after it refers to
    ("Senator Ann Reyes spoke to the crowd in Dayton. “Bernie Sanders would never do that,” she said.",
     "Bernie", ["Bernie Sanders would never do that"], "Ann Reyes", "she", "said", False),
    # the one who reports a clause goes on speaking, not the clause's subject
    ("Paul Reyes, the county chairman, said Tom Hale hurt his cause by attacking Sen. Kelly Ayotte. "
     "“It has not gone well for him,” he said.",
     "It has", ["It has not gone well for him"], "Paul Reyes", "he", "said", False),
    # nor, when the last person named is the subject of what someone thinks or says, that person:
    # the one who thinks or says it, named or referred to
    ("Mary Lane campaigned for the senator all year. She does not think Hillary Clinton can win the state. "
     "“The numbers are not there,” she said.",
     "The numbers", ["The numbers are not there"], "Mary Lane", "she", "said", False),
    ("Tom Hale, the county chairman, spoke on Monday. Hale said Barack Obama had never respected gun owners. "
     "“He goes after the most law-abiding of citizens,” he said.",
     "He goes", ["He goes after the most law-abiding of citizens"], "Tom Hale", "he", "said", False),
    # a "she" after another "she" that refers back is the same woman, not the last person named
    ("Lena Park was challenged by Rep. Tom Hale in a secret-ballot vote among House Democrats. She won by a "
     "134-to-63 vote. “I am thrilled,” she said.",
     "I am", ["I am thrilled"], "Lena Park", "she", "said", False),
    # and a surname spaCy leaves untagged is the subject the "she" goes back to
    ("House Democrats re-elected Nancy Pelosi on Wednesday. Pelosi was challenged by Ohio Rep. Tim Ryan in a "
     "secret-ballot vote. She won by a 134-to-63 vote. “I am thrilled,” she said.",
     "I am", ["I am thrilled"], "Nancy Pelosi", "she", "said", False),
    # one who goes on with a participle reports what follows it, as the subject of a verb of saying does
    ("Ben Carson spoke on CNN on Tuesday. Carson turned the story back on the Post, pointing out that the paper's "
     "Robert Costa had reported in June that the campaign was coming apart. He hoped, he said, that the paper "
     "would shy away from similar reporting now. “Apparently not,” he said.",
     "Apparently", ["Apparently not"], "Ben Carson", "he", "said", False),
    # "X asked Y, who said he had seen it": the "he" is Y's, and so is the next
    ("Peter Lynch questioned Paul Coleman, who in turn said he had seen the gun before. “I saw it,” he said.",
     "I saw", ["I saw it"], "Paul Coleman", "he", "said", False),
    # a sentence's capitalised first word that the tagger reads as a name is no one, when the article also
    # writes it in lower case
    ("Mary Lane posed for photographer Jerry Tibbs in 1950. “I never thought it was shameful,” she said in 1998. "
     "Nudity didn't bother her, she said, explaining: “God approves of nudity.”",
     "God", ["God approves of nudity."], "Mary Lane", "she", "explaining", False),
    # two quotes around a cue, the first said by another speech verb right before it: two people's
    # words, not one quote split around its cue; and a name the parse makes part of a noun before
    # the verb ("Beck joked" read as one noun) is still the verb's subject
    ("When a man in the crowd yelled, “Rubio,” Walker joked, “Not tonight, my friend! Sit down and have a drink.”",
     "Not tonight", ["Not tonight, my friend! Sit down and have a drink."], "Walker", "Walker", "joked", False),
    ("When someone in the audience shouted, “Cruz,” Beck joked, again using a Southern accent, “Amen, brother!”",
     "Amen", ["Amen, brother!"], "Beck", "Beck", "joked", False),
    # a title in marks inside the phrase between a quotation and its verb is passed over to the name
    # before it; the word after the verb that begins a hyphened adverb is no one
    ("“It was a long night,” Texas delegate Bill Eastland, holding a “Cruz 2016” sign, said matter-of-factly.",
     "It was", ["It was a long night"], "Bill Eastland", "Bill Eastland", "said", False),
    # a relative clause inside the subject between the quotation and its verb is the subject's
    ("“The numbers are not there,” Nate Silver, the polling guru who founded fivethirtyeight.com tweeted on "
     "Wednesday.",
     "The numbers", ["The numbers are not there"], "Nate Silver", "Nate Silver", "tweeted", False),
]


@pytest.mark.parametrize(("text", "begins", "expected_parts", "name", "mention", "cue", "partial"), ROWS)
def test_quote_speaker_and_parts(nlp, text: str, begins: str, expected_parts: list[str], name: str,  # type: ignore[no-untyped-def]
                                 mention: str, cue: str, partial: bool) -> None:
    found = [q for q in quotes(nlp, text) if q.text.startswith(begins)]
    assert len(found) == 1
    q = found[0]
    assert parts(text, q) == expected_parts
    assert q.speaker is not None
    assert q.speaker.name == name
    assert text[q.speaker.start:q.speaker.end] == mention
    assert q.cue is not None and text[q.cue.start:q.cue.end] == cue
    assert q.partial is partial


@pytest.mark.parametrize(("text", "begins", "mention", "cue"), [
    ("When Ana Ruiz accused Tom Hale of being too reliant on Wall Street, she said \"I stood up against the "
     "banks\" for reckless transactions. Hale shot back, \"Secretary Ruiz called them out. Oh my goodness, they "
     "must have been really crushed by that.\"", "Secretary Ruiz", "Hale", "shot"),
    ("After Tom Hale suggested that Cuba would sue the U.S. for reneging on the deal, Ana Ruiz fired back "
     "forcefully: “If they sue us in a court in Miami, they’re going to lose,” referencing the many Cuban "
     "immigrants in the region.", "If they", "Ana Ruiz", "fired"),
])
def test_a_verb_that_speaks_with_its_particle_is_the_cue(nlp, text: str, begins: str, mention: str,  # type: ignore[no-untyped-def]
                                                         cue: str) -> None:
    """"Hale shot back, “…”", "Ruiz fired back forcefully: “…”": the verb speaks only with its particle
    (PHRASAL_CUES); without it the quotation went to no one, or to the verb of saying before it."""
    (q,) = [q for q in quotes(nlp, text) if q.text.startswith(begins)]
    assert q.cue is not None and text[q.cue.start:q.cue.end] == cue
    assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == mention
    assert q.speaker.name.endswith(mention)


def test_words_quoted_inside_a_phrase_do_not_make_its_relative_clause_a_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    """A relative clause between a whole quotation and its verb describes the verb's subject ("Nate
    Silver, the polling guru who founded fivethirtyeight.com tweeted"); after words quoted inside a
    phrase, it is the phrase's, and the verb after it ("promise") is no cue of those words."""
    text = ("One such document, obtained by The Post, includes a “no-disparagement” clause that requires staffers "
            "to promise “during the term of your service” not to “demean or disparage publicly” Trump.")
    (q,) = [q for q in quotes(nlp, text) if q.text.startswith("no-disparagement")]
    assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == "One such document"
    assert q.cue is not None and text[q.cue.start:q.cue.end] == "includes"


def test_a_quote_said_by_the_verb_before_it_is_not_rejoined_with_the_next() -> None:
    """Two speakers are two people when no word of their names is shared and neither is a pronoun
    left unresolved: "someone" and "Beck" are; "Feinstein" and "Dianne Feinstein", or "she" and
    "Dianne Feinstein" (who "she" is not being known), are not told apart."""
    from storydiff.analyze.quotes import _two_people
    from storydiff.model import Speaker

    def who(name: str) -> Speaker:
        return Speaker(name, 0, len(name))

    assert _two_people(who("someone"), who("Glenn Beck"))
    assert not _two_people(who("Feinstein"), who("Dianne Feinstein"))
    assert not _two_people(who("she"), who("Dianne Feinstein"))
    assert _two_people(who("the crowd"), who("the mayor"))  # sharing "the" is sharing no name


def test_a_hyphened_adverb_after_the_cue_names_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    """"…,” Ohio delegate Tom Baker, wearing “Ted Cruz” pins, said matter-of-factly": the parse gave
    "said" no subject and "matter" was taken for the name written after it; it begins an adverb."""
    text = "“We never lost hope,” the delegate said matter-of-factly, and “Go Bucks” said the sign."
    from storydiff.analyze.quotes import _hyphened

    doc = nlp(text)
    (matter,) = [t for t in doc if t.text == "matter"]
    assert _hyphened(matter)
    assert not any(_hyphened(t) for t in doc if t.text in {"delegate", "sign"})


def test_a_closing_line_that_names_no_one_is_the_quotations_own(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator ended her speech.\n\n“We will win this fight.\nGood night.”"
    found = [q for q in quotes(nlp, text) if q.text.startswith("We will")]
    assert len(found) == 1
    assert found[0].text == "We will win this fight.\nGood night."
    assert found[0].speaker is None or found[0].speaker.name != "Good night"


def test_bare_quote_paragraph_continues_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will rebuild the bridge,” said Governor Kate Brown.\n\n"
            "“It will take two years, and it will be worth it.”")
    first, second = quotes(nlp, text)
    assert second.text == "It will take two years, and it will be worth it."
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.name == first.speaker.name == "Kate Brown"
    assert second.cue is None


def test_a_quotation_after_a_sentence_of_narration_is_a_quote_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    """A quotation without a cue of its own goes on with the one cued before it only when it opens in
    the cue's sentence or the next: after a sentence of narration between them it is a quote of its
    own, credited by that sentence when it speaks ("She says …": the speaker named there, by the
    mention there), else by the quotation before it."""
    text = ("\"We have bigger problems in life,\" says Gloria Garcia, 34, a nurse from Brownsville. She says "
            "people should be able to choose. \"It is their life.\"")
    first, second = quotes(nlp, text)
    assert first.parts == (Span(1, text.index(",\" says")),)
    assert second.text == "It is their life."
    assert second.speaker is not None and second.speaker.name == "Gloria Garcia"
    assert text[second.speaker.start:second.speaker.end] == "She"
    text = ("\"You can't blame her for what he did,\" said Sara Walker, 44, a home-care aide. An immigrant "
            "from Uganda, she plans to cast her first ballot next month. \"It's not fair.\"")
    first, second = quotes(nlp, text)
    assert second.text == "It's not fair."
    assert second.speaker is not None and second.speaker.name == first.speaker.name == "Sara Walker"
    # right after the cue's sentence, the quotation goes on: one quote of two parts
    text = "\"We will win,\" she said. \"We always do.\""
    (one,) = quotes(nlp, text)
    assert [text[p.start:p.end] for p in one.parts] == ["We will win", "We always do."]


def test_words_quoted_in_the_narration_after_a_cue_do_not_stop_the_quote_going_on(nlp) -> None:  # type: ignore[no-untyped-def]
    """``"A," X told the paper after hinting that "p" was coming. "B."``: B goes on from A, whose
    speaker is X; the words quoted inside the narration of A's cue are not the quotation B goes on
    from (they would leave B without a speaker)."""
    text = ("“Nothing is settled,” Mayor Ann Cole told the paper on Monday after hinting that “big changes” "
            "were coming. “We are looking at every office.”")
    first, quoted, third = quotes(nlp, text)
    assert quoted.text == "big changes" and quoted.partial
    assert third.text == "We are looking at every office."
    assert first.speaker is not None and third.speaker is not None
    assert third.speaker == first.speaker
    assert text[third.speaker.start:third.speaker.end] == "Ann Cole"
    assert third.cue is None


def test_a_name_then_a_speech_verb_the_parse_reads_as_an_adjective_cues_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Trump told supporters … that "…"": the parse may take "told" for an adjective of the noun after
    it (reading "Trump" as a noun), as of a name after it ("Trump blasted Disney for its "…""); the
    speech verb right after a name that opens the clause cues the quote either way."""
    text = ("Marking the end of the primaries with a formal speech -- complete with teleprompter -- Trump told "
            "supporters Tuesday night that \"we close one chapter in history and we begin another,\" and he "
            "vowed to carry the party.")
    (q,) = quotes(nlp, text)
    assert q.text == "we close one chapter in history and we begin another"
    assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == "Trump"
    assert q.cue is not None and text[q.cue.start:q.cue.end] == "told"


def test_an_abbreviated_rank_keeps_its_full_stop_and_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    from storydiff.nlp import RANK_ABBREVIATIONS

    for rank in RANK_ABBREVIATIONS:
        doc = nlp(f"The report was confirmed by {rank} Ann Cole. She left.")
        assert rank in [t.text for t in doc]
        assert [s.text for s in doc.sents] == [f"The report was confirmed by {rank} Ann Cole.", "She left."]


@pytest.mark.parametrize(("text", "name"), [
    ('"I never said that," Trump said, after Becky Quick said the billionaire front-runner had referred to Marco '
     'Rubio as the "personal senator" of Mark Zuckerberg.', "front-runner"),
    ('Asked in February, 31% of Republicans and Republican-leaning voters said they were "extremely '
     'enthusiastic" about voting.', "31% of Republicans and Republican-leaning"),
    ('They marched through Philadelphia, where thousands of self-described "Berners" chanted "Bernie or bust."',
     "thousands of self-described"),
    ('"Who knew Donald Trump had elocution lessons?" the 43-year-old asked in the video.', "43-year-old"),
])
def test_a_speakers_phrase_begins_and_ends_on_whole_words(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """A word joined by a hyphen is one word of the speaker's phrase, at either end."""
    (q,) = [q for q in quotes(nlp, text) if q.speaker is not None and name in q.speaker.name]
    assert q.speaker is not None and q.speaker.name == name
    assert text[q.speaker.start:q.speaker.end] == name


@pytest.mark.parametrize(("text", "quoted", "name", "mention"), [
    ('The plan would cost about $1.38 trillion a year, according to the "Medicare for all" document he released.',
     "Medicare for all", '"Medicare for all" document', '"Medicare for all" document'),
    ('It was the biggest victory yet for the "Fight for 15" movement, which began with worker protests in 2012.',
     "Fight for 15", '"Fight for 15" movement', "which"),
])
def test_a_speakers_phrase_holds_a_quoted_name_whole(nlp, text: str, quoted: str,  # type: ignore[no-untyped-def]
                                                     name: str, mention: str) -> None:
    """The parse hangs the first words of a quoted name elsewhere ('all" document'); the phrase reaches
    back for the quotation's opening mark."""
    (q,) = [q for q in quotes(nlp, text) if q.text == quoted]
    assert q.speaker is not None and q.speaker.name == name
    assert text[q.speaker.start:q.speaker.end] == mention


def test_quoted_phrases_of_one_sentence_are_quotes_of_their_own(nlp) -> None:  # type: ignore[no-untyped-def]
    """No comma sets the cue off: “act of hate” and “hardening our defenses at home” are two phrases
    quoted in one sentence, not one sentence broken by its cue."""
    text = ("Hillary Clinton called the massacre an “act of terror” and an “act of hate” and called for "
            "“hardening our defenses at home” on Monday.")
    found = {q.text: q for q in quotes(nlp, text)}
    assert {"act of hate", "hardening our defenses at home"} <= set(found)
    for q in found.values():
        assert len(q.parts) == 1 and text[q.start:q.end] == q.text


def test_a_quote_is_not_cued_by_a_verb_of_the_next_paragraph(nlp) -> None:  # type: ignore[no-untyped-def]
    """In this BASIL article the parse hangs the closing quotation of Trump's statement from the verb
    of the next paragraph, which names Obama; the quotation goes on with the one cued before it."""
    from tests.conftest import shared_path

    records = (json.loads(line) for line in shared_path("data", "basil", "dev.jsonl").open(encoding="utf-8"))
    text = next(r["text"] for r in records if r["id"] == "76810849-fox")
    found = [q for q in quotes(nlp, text) if "save lives" in text[q.start:q.end]]
    assert len(found) == 1 and found[0].speaker is not None and found[0].speaker.name == "Donald Trump"


def test_quote_over_paragraphs_is_one_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Smith wrote in the letter: “We asked twice.\n\n“We were ignored both times.”\n\nThe end.")
    (q,) = quotes(nlp, text)
    assert parts(text, q) == ["We asked twice.", "We were ignored both times."]
    assert q.speaker is not None and q.speaker.name == "Smith"
    assert q.sentence.start <= q.start and q.end <= q.sentence.end


def test_quote_context_leaves_out_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“Taxes are too high,” the governor said at the budget hearing."
    (q,) = quotes(nlp, text)
    assert "tax" not in q.context
    assert "hearing" in q.context


def test_unknown_speaker_is_none(nlp) -> None:  # type: ignore[no-untyped-def]
    (q,) = quotes(nlp, "“Nothing is certain.”")
    assert q.speaker is None and q.cue is None and not q.partial


SPEAKER_ROWS = [
    # text, the quote, the speaker's name and the words naming it (None: unknown)
    # a phrase cut short after its noun ends before its function words, not on "at the"
    ("A bipartisan group of 32 national security experts at the Pentagon said the plan was “reckless.”", "reckless.",
     ("A bipartisan group of 32 national security experts", "A bipartisan group of 32 national security experts")),
    # a speaking "it" stands for the document or body last named as a subject, when nearer than the
    # last organisation named
    ("The Times-Picayune ran an editorial on Sunday. The editorial noted the governor’s comment but did not buy"
     " her argument.\n\n“Surely she can do the same,” it read.", "Surely she can do the same",
     ("The editorial", "it")),
    ("The campaign sent an email on Tuesday. The email includes a photo of Cruz holding a gun.\n\n"
     "At the bottom it reads, “You can win my engraved shotgun!”", "You can win my engraved shotgun!",
     ("The email", "it")),
    # a number of people, told by whom it counts, as the subject of a speech participle's clause
    ('Hundreds of pro-Sanders demonstrators marched through Center City on the first day of the Democratic '
     'National Convention on Monday, chanting "Bernie or Jill, No Hill," raising fresh questions.',
     "Bernie or Jill, No Hill", ("Hundreds of pro-Sanders demonstrators", "Hundreds of pro-Sanders demonstrators")),
    # a hyphen inside a word is no end of the speaker's phrase
    ('The police urged calm.\n\nA reporter for Agence France-Presse called it "absolute chaos."', "absolute chaos.",
     ("A reporter for Agence France-Presse", "A reporter for Agence France-Presse")),
    # a rank the tokenizer cut off from the name after it, at a sentence's end, is that person's
    ('Police said he targeted two managers.\n"There is a suspicion that there might have been a third official he '
     'was seeking, " said Troy police Lt. Gerry Scherlinck.\nThe man was not in the office.',
     "There is a suspicion that there might have been a third official he was seeking",
     ("Gerry Scherlinck", "Gerry Scherlinck")),
    # a rank written abbreviated is no sentence's end: the person after it speaks, however long the phrase
    # before it
    ('"I really don\'t understand how a better candidate didn\'t jump into the race," said Air Force 1st Lt. '
     'Tyler Livingston.', "I really don't understand how a better candidate didn't jump into the race",
     ("Tyler Livingston", "Tyler Livingston")),
    ('"We have a description," said Bloomington Police Sgt. Marty Earley.', "We have a description",
     ("Marty Earley", "Marty Earley")),
    # a role said with "an" brings in someone the text does not name, not the one another sentence gave it
    ('David Plouffe, the architect of Obama\'s 2008 campaign, spoke on Monday.\n\nTrump did not pay the bill. '
     '"He never paid me for the clubhouse," an architect said.', "He never paid me for the clubhouse",
     ("an architect", "an architect")),
    # an office the parse took for the subject, the name at the end of what it is of
    ('In that announcement, Interior Secretary Dirk Kempthorne spoke.\n"The rule strengthens the regulations," said '
     'Secretary of the Interior Dirk Kempthorne.\nIt started with the polar bears.',
     "The rule strengthens the regulations", ("Dirk Kempthorne", "Dirk Kempthorne")),
    # the office of a place or body before a name the tagger found, and a party label after it
    ('Governor of Texas Greg Abbott said "We are ready for the storm."', "We are ready for the storm.",
     ("Greg Abbott", "Greg Abbott")),
    ('Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic images, they’ve got no place in a campaign.”',
     "anti-Semitic images, they’ve got no place in a campaign.", ("Paul Ryan", "Paul Ryan")),
    ('While discussing a tweet from Donald Trump featuring an image of Hillary Clinton, money and a six-pointed star '
     'likened to the Star of David, Speaker of the House Rep. Paul Ryan (R-WI) said “anti-Semitic images, they’ve got '
     'no place in a presidential campaign.”', "anti-Semitic images, they’ve got no place in a presidential campaign.",
     ("Paul Ryan", "Paul Ryan")),
    # a whole quotation set off after a clause whose subject is a surname of the article's, however tagged
    ('Donald Trump leads the field in New Hampshire.\n\n"We are leading because people are sick and tired of '
     'incompetent people leading our nation," Trump said on ABC\'s This Week. "We have incompetent people."\n\n'
     'Trump also embraced enhanced interrogation techniques -- "I think waterboarding is peanuts compared to what '
     'they\'d do to us."', "I think waterboarding is peanuts compared to what they'd do to us.",
     ("Donald Trump", "Trump")),
    # words that are their own clause's subject, the clause credited to a source
    ('A "living wage" for a single adult with no children in California is about $12 an hour, according to '
     'calculations by Amy Glasmeier of the Massachusetts Institute of Technology.', "living wage",
     ("Amy Glasmeier", "Amy Glasmeier")),
    ('The "sharing economy" is growing fast, according to their instinctive preference.', "sharing economy", None),
    # a participle after an aside set off by dashes goes on with the clause the aside interrupts
    ('Small groups of protesters continued to call for more information, looping the streets around the stadium - '
     'where the Panthers played the Vikings - while chanting, "Hands up, don\'t shoot."', "Hands up, don't shoot.",
     ("Small groups of protesters", "Small groups of protesters")),
    # a question set in the writer's sentence, its sentence going on to name who asked it; not the next
    # sentence's verb
    ('If Russia is indeed attempting to destabilize her candidacy — as many researchers believe, but Moscow '
     'strongly denies — “why wouldn’t you want to raise the potential for tampering?” asked Dunn, now a partner at '
     'a communications firm.', "why wouldn’t you want to raise the potential for tampering?", ("Dunn", "Dunn")),
    ('Its salvo began with a Web ad in which children bash in a dollhouse, yelling "eminent domain!" A campaign '
     'TV ad released Thursday accuses Trump of buying votes.', "eminent domain!",
     ("children", "children")),
    # a share of those asked says what a poll named in the sentence reports: the poll's words
    ('Voters distrust Washington. In a September Washington Post-ABC News poll, 75 percent of Republicans said '
     '"most people in politics" can\'t be trusted.', "most people in politics",
     ("a September Washington Post-ABC News poll", "a September Washington Post-ABC News poll")),
    ('The Q poll also finds that, while 37 percent of Americans say Trump is "very responsible" for violence at his '
     'rallies, 39 percent blame his supporters.', "very responsible", ("The Q poll", "The Q poll")),
    ('Asked about the race, 21 percent said "not too likely."', "not too likely.", ("21 percent", "21 percent")),
    # someone else's role "of" a person is not that person's title: the words are the spokesman's
    ('A spokesman of Jeb Bush said “We are ready for the debate.”', "We are ready for the debate.",
     ("A spokesman of Jeb Bush", "A spokesman of Jeb Bush")),
    # a dateline the parse took for a second subject of the first sentence's verb
    ('Campaign says schedule was picked.\n\nWASHINGTON, Aug. 24 (UPI) — A spokesman for Democratic presidential '
     'candidate Hillary Clinton called a report suggesting donors to the Clinton Foundation were granted greater '
     'access to the State Department “outrageous.”\n\nThe investigation found more.', "outrageous.",
     ("A spokesman for Democratic presidential candidate Hillary Clinton",
      "A spokesman for Democratic presidential candidate Hillary Clinton")),
    # a team the parse took for the subject, with the role and the person's name right after it
    ('That put them into the playoffs.\n"Would we have done it without him? " Colts interim coach Bruce Arians asked.',
     "Would we have done it without him?", ("Bruce Arians", "Bruce Arians")),
    # a dateline's dash that the parse took for the verb, the dateline for its subject, is no one's saying
    ("WASHINGTON ― President Donald Trump on Tuesday renewed his attack on his “deep state” Justice Department.",
     "deep state", None),
    # an institution's name through its owner's possessive, not its last word alone
    ("The couple spent the money.\n\n“The Hunters knew that many of their purchases could be made only by using "
     "campaign funds,” according to the U.S. Attorney’s Office.",
     "The Hunters knew that many of their purchases could be made only by using campaign funds",
     ("U.S. Attorney’s Office", "U.S. Attorney’s Office")),
    # a part told by what it is a part of, whole
    ("One of the nation’s largest and oldest civil rights groups passed a resolution Tuesday calling for Tea "
     "Party groups to weed “racist elements” out of their ranks.", "racist elements",
     ("One of the nation’s largest and oldest civil rights groups",
      "One of the nation’s largest and oldest civil rights groups")),
    # a transcript's label with a lawmaker's party and state
    ('The hearing went on.\n\nRep. Trey Gowdy (R-S.C.):"Who told you that?"', "Who told you that?",
     ("Trey Gowdy", "Trey Gowdy")),
    # a quotation opened by a closing mark typed at the start of its paragraph, before an ellipsis
    ("Davis was critical of all the candidates.\n\n” … they are so not like him,” she said in December.",
     "… they are so not like him", ("Davis", "she")),
    # a speech verb right after the quotation that the parse takes for an adjective of the name after it
    ('The debate ended late.\n\n"Big night," tweeted campaign manager Dana Fowler.', "Big night",
     ("Dana Fowler", "Dana Fowler")),
    # words in a clause of time or cause with its own subject are not what the verb above it says; a
    # "while" clause may be part of what is said
    ("Mayor Tom Reed described the budget as a “disgrace” after Treasurer Anna Lopez attacked the council and "
     "blamed the shortfall on “bad luck” in a memo.", "bad luck", ("Treasurer Anna Lopez", "Treasurer Anna Lopez")),
    ("Trump said Tuesday that Rubio was “a total lightweight” while Ted Cruz is “a basket case.”", "a basket case.",
     ("Trump", "Trump")),
    # what a verb of naming hung from a noun calls the words is not the noun's: a thing so named is named by no
    # one the sentence says; whom the parse hangs "called" from is not who calls; "X called Y “…”" is X's
    ("Much of Beck’s ire was also directed at Bannon, who Beck on Wednesday called “a horrible, despicable human "
     "being.”", "a horrible, despicable human being.", ("Beck", "Beck")),
    ("On Social Security, both oppose an inflation formula called the “chained CPI” that would lead to lower "
     "monthly payments.", "chained CPI", None),
    ('Britain’s Parliament debated a ban on Trump; one lawmaker called Trump "the orange prince of American '
     'self-publicity." The move failed.', "the orange prince of American self-publicity.",
     ("one lawmaker", "one lawmaker")),
    # a statement's author: whom the verb above has make it ("prompted his wife … to make a comment")
    ("The stigma was reinforced by Bill Clinton, who signed the 1994 Crime Bill, which prompted his wife Hillary "
     "Clinton to make a controversial comment that described young black men as “super predators.”",
     "super predators.", ("Hillary Clinton", "that")),
    # not a speech verb in a clause of time before the clause the quotation follows, nor a verb after a
    # quotation set off by dashes
    ("After former California Gov. Jerry Brown criticized Bill Clinton during a debate, Hillary shot back, "
     "“I suppose I could have stayed home and baked cookies.”", "I suppose I could have stayed home and baked cookies.",
     ("Hillary", "Hillary")),
    ("When Trump finally wrapped up — “I will fight for you, and I will win for you!” — the balloons cascaded down "
     "on the crowd.", "I will fight for you, and I will win for you!", ("Trump", "Trump")),
    # read on ECB+ and BASIL dev: "some" holding signs is not passed over for the verb above; what is "referred
    # to as" something is not who refers to it, whatever the parse makes of the verb
    ('Ford pressed his hands together as fans in the sellout crowd -- some of whom held signs reading "Phil Ford '
     '2,290" on one side and "Tyler 2,291 +" on the other -- were on their feet.', "Phil Ford 2,290",
     ("some", "some")),
    ('Kyl said an official analysis and price tag, referred to as a "score," from the Joint Committee on Taxation '
     'are not yet ready.', "score", ("Kyl", "Kyl")),
    # how a thing says something, in adverbs, is in the words of whoever reports it
    ("Mayor Ann Ruiz wrote in a letter that the flyer “plainly and falsely” suggests that the city and its police "
     "support the campaign.", "plainly and falsely", ("Ann Ruiz", "Ann Ruiz")),
    # "those surveyed", "many", "others": pronouns for people, who can speak
    ('While those surveyed said former Florida governor Jeb Bush has the "best experience," Trump is the candidate '
     'Republican voters trust most to deal with the economy.', "best experience",
     ("those surveyed", "those surveyed")),
    # a quotation after a sentence goes to the speech verb that reports, not to one inside what it reports
    ("Carter said that for decades some critics had been predicting an impending U.S. withdrawal from the region, "
     "but this would not happen.\n\n“That is because this region matters for our security and prosperity.”",
     "That is because this region matters for our security and prosperity.", ("Carter", "Carter")),
    # what analysts find is theirs, even where the parse reads "found" as a participle of the noun before it
    ("Two military analysts, Patrick Megahan and Chris Harman, found in 2014 that the Israeli Air Force is “the best "
     "in the world” and Israeli ground forces are “the best in the Middle East.”", "the best in the world",
     ("Patrick Megahan", "Patrick Megahan")),
    # a participle hung from a clause whose subject cannot speak goes on with the verb above the clause; a
    # person by what they are ("a maintenance guy") speaks
    ('On Saturday, Francis made clear that his meeting with Sanders was not political, saying that those who '
     'thought it was should "look for a psychiatrist," according to Reuters.', "look for a psychiatrist",
     ("Francis", "Francis")),
    ("“Who can remember how many states I have lost in a row?” Clinton asks as a maintenance guy walks in front of "
     "her, saying he is “here to fix the seven holes in your wall.”", "here to fix the seven holes in your wall.",
     ("a maintenance guy", "a maintenance guy")),
    # a message made by whom the verb above has make it; a tabloid, like a paper, states
    ('Clinton’s aides were "dragging their feet." This prompted the tabloid to do a cover saying "Do not be a Bum, '
     'Hil!"', "Do not be a Bum, Hil!", ("the tabloid", "the tabloid")),
    # a verb the parse joins to a noun goes on with the verb above the noun
    ('In the primary and at least one town hall, he only hinted at Donald Trump by mentioning the need for a wall '
     'on the Mexican border and adding, "I have got an idea of who should build it."',
     "I have got an idea of who should build it.", ("he", "he")),
    # "refer to X as “Y”" names X, wherever it stands
    ("Grassley said it is the same thing as Supreme Court Justice Sonia Sotomayor referring to herself as “a wise "
     "Latina.”", "a wise Latina.", ("Sonia Sotomayor", "Sonia Sotomayor")),
    # a title the parse joins to the name it belongs to: the name speaks
    ("Sirius XM Vice President for news and talk Dave Gorab called the show “the conservative news show of "
     "record.”", "the conservative news show of record.", ("Dave Gorab", "Dave Gorab")),
    # words someone did not or would not say are not theirs
    ("Obama has refused to call the attackers “radical Islamic terrorists.”", "radical Islamic terrorists.", None),
    ("He never said “sorry” to the families.", "sorry", None),
    # … only the words the verb would have said, not a clause beside it; and avoiding saying one thing is no
    # refusal to say another
    ("He went on to call censorship “a dangerous thing” and then took a swipe at CNN and MSNBC, saying that while "
     "they are “fake,” he does not demand that offending content be taken off air.", "fake", ("he", "he")),
    ("On Wednesday, Trump appeared to shift stance somewhat by avoiding saying it would be ended by executive "
     "order, while acknowledging the matter “will be settled by the United States Supreme Court.”",
     "will be settled by the United States Supreme Court.", ("Trump", "Trump")),
    ("Obama says some limits are needed. He notes that free speech comes with the limitation that you can’t yell "
     "“fire” in a theater.", "fire", ("Obama", "He")),
    # "they" stands for the group named as the subject before it, unless other plural words stand between
    ("Clinton’s campaign is seeking to contrast her approach with what they call Republican Donald Trump’s "
     "“self-centered message.”", "self-centered message.", ("Clinton’s campaign", "they")),
    ("The Ohio Democratic Party is trying to convince the courts that they should add back the “Golden Week” "
     "that voters lost.", "Golden Week", ("they", "they")),
    # names after a comma that the parse joins to the phrase before, and not whom a verb of naming names
    ('When attackers are revealed as part of the second front of the terror war, Obama and Clinton call them '
     '"lone wolves" and describe their actions as crimes.', "lone wolves", ("Clinton", "Clinton")),
    # words in a clause that says nothing of speech, credited to a source: the source's
    ("The Graysons became “agitated” once the cameras were off, according to a source at the station.",
     "agitated", ("a source at the station", "a source at the station")),
    ("Though he doesn’t use the word “cuts,” the plan would slow the growth of benefits, according to the "
     "Congressional Budget Office.", "cuts", ("he", "he")),
    # two spaces between a colon and the quotation, which the parse keeps as a token
    ("The state board was conclusive in its findings:  “Further discussion is unnecessary.”",
     "Further discussion is unnecessary.", ("The state board", "The state board")),
    # a verb of saying beyond the common ones ("scoffed", "opined", "affirms")
    ("The vote is next week. The senator scoffed, “That will never happen.”", "That will never happen.",
     ("The senator", "The senator")),
    # a pronoun that names no one is no speaker: unknown beats wrong
    ("This is “the best deal ever.”", "the best deal ever.", None),
    ("Something is “deeply wrong” here.", "deeply wrong", None),
    # a phrase set in a clause that says nothing of speech: the clause's speaker, not a thing in it
    ("In the depths of the recession, Paul Ryan worried that the social safety net was becoming “a hammock "
     "that lulls people.”", "a hammock that lulls people.", ("Paul Ryan", "Paul Ryan")),
    # who was asked or told is not who speaks
    ("In an interview published Wednesday, Trump was asked, “What is the most dangerous place you have been?”",
     "What is the most dangerous place you have been?", None),
    # a statement, remarks: whoever made them
    ("Trump's statement called the ruling “a disgrace.”", "a disgrace.", ("Trump", "Trump")),
    ("Remarks from the campaign described the plan as “dead on arrival.”", "dead on arrival.",
     ("the campaign", "the campaign")),
    # "which" the parse leaves unlinked, or links to a verb: the noun written before it
    ("To answer that, they turned to the Census Bureau which counted “2,100 new households” in the county "
     "between May and now.", "2,100 new households", ("Census Bureau", "which")),
    ("To settle the question, reporters turned to the Dallas Fire Department which reported “412 fires” in the "
     "city last year.", "412 fires", ("Dallas Fire Department", "which")),
    # a name and a colon before the quotation; "said" then a participle, or a share of people
    ('Clinton: "Our goal is to defeat ISIS." Bush: "The mission is to destroy ISIS."',
     "The mission is to destroy ISIS.", ("Bush", "Bush")),
    ('"I will not apologize for that," said retired neurosurgeon Ben Carson, asked about his claims.',
     "I will not apologize for that", ("Ben Carson", "Ben Carson")),
    # a cue the tagger took for a noun
    ('"Today the kingdom leads the fight," the Saudis state in the white paper.', "Today the kingdom leads the fight",
     ("Saudis", "Saudis")),
    # groups, shares of people and documents that state still speak
    ("Others said the vote was “rigged from the start.”", "rigged from the start.", ("Others", "Others")),
    ("“We will appeal,” the report said.", "We will appeal", ("the report", "the report")),
    ("About four in 10 said they were “angry” with the government.", "angry", ("About four in 10", "About four in 10")),
    # a statement made by someone: who made it
    ("The DNC released a statement saying the emails were “deeply regrettable.”", "deeply regrettable.",
     ("DNC", "DNC")),
    # "who" stands for the person named before it: the name, and "who" as the words that name them
    ("The crowd cheered for Mike Pence, who called their son “an American hero.”", "an American hero.",
     ("Mike Pence", "who")),
    ("Bernie Sanders is disavowing remarks made by a campaign surrogate who said voters should “stop "
     "electing them.”", "stop electing them.", ("a campaign surrogate", "who")),
    # a parse that gives "said" two subjects took a phrase for one: the one that names someone
    ('The collapse of the deal signals "the end of an era" for the region, said Maria Lopez, a historian at the '
     'university.', "the end of an era", ("Maria Lopez", "Maria Lopez")),
    # a second "said" the parse hung on the clause the first one reports goes with the first
    ("Mayor Dana Holt said the decision was made by the police chief and said, “Who else would you trust with "
     "this?”", "Who else would you trust with this?", ("Dana Holt", "Dana Holt")),
    # "that" standing for what was said is no one; the one who said it is
    ('However, the company\'s filing said that was not its position and dismissed the claims as "baseless and '
     'misleading."', "baseless and misleading.", ("the company's filing", "the company's filing")),
    # words quoted in a clause whose subject cannot speak are the words of who reports the clause
    ("Ortiz argued that a registry would keep people from moving, saying it is “all about paperwork.”",
     "all about paperwork.", ("Ortiz", "Ortiz")),
    ("The 51-year-old governor, who led the fight in June, thinks the tax issue should now be a “litmus test” for "
     "the party.", "litmus test", ("The 51-year-old governor", "The 51-year-old governor")),
    # the object of a preposition written before "said" is not its subject
    ('Harper, meanwhile, who sits at zero such endorsements, said that fact shows which of the two candidates is '
     '"ready to lead."', "ready to lead.", ("Harper", "who")),
    # an age standing for the person
    ("Ana Ruiz spoke for ten minutes. “My brother is, and always has been, a fighter,” said the 52-year-old.",
     "My brother is, and always has been, a fighter", ("the 52-year-old", "the 52-year-old")),
    ("Mark Reed won the title last year. “I actually have goosebumps just thinking about this,” said the "
     "31-year-old on the eve of the Scottish Open.", "I actually have goosebumps just thinking about this",
     ("the 31-year-old", "the 31-year-old")),
    # words quoted in what someone's statement says are that someone's, not the clause's subject's
    ("The senator seized on Ms. Lowe's claim that the budget was “a fraud” in the hearing.", "a fraud",
     ("Lowe", "Lowe")),
    ("Governor Ann Hale, a party loyalist, drew fire over her remark that “nobody reads the bills.”",
     "nobody reads the bills.", ("Ann Hale", "her")),
    # "he" is the person named as subject before one named otherwise, in its sentence or the last
    ("Juan Ortiz, an adviser to Governor Tom Hale, questioned the plan. “It will not work,” he said.",
     "It will not work", ("Juan Ortiz", "he")),
    # ... the subject of the main clause before one inside a clause it holds
    ("On Wednesday, Mr. Ortiz expressed disbelief that Mr. Bell would invite Mr. Hale to the meeting. He said "
     "the invitation was “a desperate move.”", "a desperate move.", ("Ortiz", "He")),
    # ... unless the one named there says something ("Hale, Ortiz said, has …"), or the pronoun too is
    # inside a clause of that person's sentence ("what he called")
    ("Mayor Tom Hale spoke first. Hale, Juan Ortiz said, has created a “strange, reality-bending zone.” “So "
     "afterwards, his supporters feel justified,” he said.", "So afterwards, his supporters feel justified",
     ("Juan Ortiz", "he")),
    ("But when the Hungarians revolted in 1956, Ike refused to intervene. In eight years, he didn't roll back the "
     "Iron Curtain one inch.\n\nRonald Reagan was known for his hatred of what he called the Soviet “Evil "
     "Empire,” voiced in his famous demand in Berlin in 1987: “Mr. Gorbachev, tear down this wall!”", "Evil Empire",
     ("Ronald Reagan", "he")),
    # ... and the subject of a verb the parse took for part of a name ("Trump accused Cruz" as one
    # noun phrase)
    ("Kicking off the day at a town hall meeting in Salem, Trump accused Cruz, the senator from Texas, of being "
     "“politically correct.” Then he cut into Bush, calling him a “stiff.”", "stiff.", ("Trump", "he")),
    # ... in the writer's sentence before the pronoun's, past the sentences of the quotation between
    ("Senator Ana Ruiz has criticized Maria Lopez, a police officer, for the shooting. “How many times do we have "
     "to see this? In Tulsa, an unarmed man with his hands in the air? This is just unbearable,” she said.",
     "How many times do we have to see this? In Tulsa, an unarmed man with his hands in the air? This is just "
     "unbearable", ("Ana Ruiz", "she")),
    # ... though not the subject of an adverbial clause there
    ("While Obama had many artists writing songs about him, that has not happened for Clinton, which is "
     "something that concerns Henry Crespo. “No one is writing songs for Hillary. Obama had a band. Hillary has "
     "nobody like that,” he said.", "No one is writing songs for Hillary. Obama had a band. Hillary has nobody "
     "like that", ("Henry Crespo", "he")),
    # ... of the pronoun's gender, which a full name's first name tells where the article does not
    ("Chief of Staff Dan Moore was answering a message from Undersecretary Wendy Hale, reporting that the "
     "plane had left. “Plane wheels up a few minutes ago. Another fine job,” she wrote.",
     "Plane wheels up a few minutes ago. Another fine job", ("Wendy Hale", "she")),
    # ... unless the article tells otherwise: a "he" right after the name's sentence says the person is a man
    ("The vote was held Monday, spokesman Chris Fleming said. The measure \"calls on all people of good will to "
     "act,\" said Hilary Moore, director of the group's Washington bureau.\n\n\"I hope it will help the party "
     "look at itself,\" he said.", "I hope it will help the party look at itself", ("Hilary Moore", "he")),
    # ... and someone written as a person somewhere, not a word tagged a person only as a preposition's object
    ("Reporter Anna Palmer has covered Congress for a decade. Things have changed over the years, she says, "
     "especially in the social media era when a politician's behavior (think Anthony Weiner) can travel at the "
     "speed of Twitter. \"You can wreck their career in a minute,\" she said.",
     "You can wreck their career in a minute", ("Anna Palmer", "she")),
    # ... and not the subject of a clause the main clause holds: a "he" goes on with the main clause's
    ("Speaker Tom Ryan met the vice president on Monday. He showed his irritation when Mr. Biden kept "
     "interrupting him. “I know you’re under duress,” he told the vice president.", "I know you’re under duress",
     ("Tom Ryan", "he")),
    # ... and so does one joined to another verb without a subject of its own, whatever verb the
    # parse joins it to
    ("Mayor Ann Ruiz spoke on Wednesday. The line was an unscripted addition to a speech in which Ruiz "
     "criticized her party, but argued that Tom Lee was a “dangerous demagogue” and a bad manager. “I’m a "
     "Texan,” she said, “and Texans know a con when we see one.”",
     "I’m a Texan,” she said, “and Texans know a con when we see one.",
     ("Ann Ruiz", "she")),
    # ... unless a speech verb in it gives them to another
    ("Mr. Ortiz's claim that Ms. Lowe said “we are broke” was false.", "we are broke", ("Lowe", "Lowe")),
    ("For example, Mayor Bell's recent assertion that “thousands” of residents had left the city went "
     "unchallenged.", "thousands", ("Bell", "Bell")),
    ("Ann Hale spoke on Tuesday. And Tom Bell said that Hale’s call earlier in the night to “make America whole "
     "again” was an inferior slogan.", "make America whole again", ("Ann Hale", "Hale")),
    # a passive speech verb's agent, wherever the parse hangs its "by"
    ('This habit of the group has been called "quiet ambiguity" by Joan Hendry, a professor at Tulane.',
     "quiet ambiguity", ("Joan Hendry", "Joan Hendry")),
    # a quotation mark written against the words around it
    ("Mayor Dana Ruiz spoke at noon. Ruiz said,“We will rebuild the bridge by spring.”",
     "We will rebuild the bridge by spring.", ("Dana Ruiz", "Ruiz")),
    # footage of someone saying it: theirs, not the ad's nor anyone named after the quotation
    ("The spot ends with footage of Karen Bass saying at a rally, “We are not done yet,” as Ed Kline "
     "blasted her plan.", "We are not done yet", ("Karen Bass", "Karen Bass")),
    # a participle set off after a reported clause goes on with who reports it ...
    ("Even veteran strategist Tom Avila said Lopez will have to choose whose side she is on, saying, “She "
     "cannot wait any longer on this.”", "She cannot wait any longer on this.", ("Tom Avila", "Tom Avila")),
    # ... and so does one the parse hangs from the clause's verb, when its subject cannot speak
    ("Kline said the court's ruling has “kept the city safe” before claiming that the new fees are "
     "“hurting small shops.”", "hurting small shops.", ("Kline", "Kline")),
    # a whole quotation after a clause whose subject is a person, with no speech verb
    ("Earlier this week, Ms. Ward shared her worries with donors at a dinner in Boston, “I do not know "
     "which candidate will show up.”", "I do not know which candidate will show up.", ("Ward", "Ward")),
    ("The poll closed on Friday. Professor Alan Grey agreed. “The race is tightening in every county.”",
     "The race is tightening in every county.", ("Alan Grey", "Alan Grey")),
    # ... also when the parse runs the last paragraph's closing mark into that sentence
    ('Lopez said: "We will not give up. It is time for the workers to organize."\n\nSenator Ann Ruiz touted '
     'her record as an early sponsor of the bill. "We need to find ways to support workers who want a union."',
     "We need to find ways to support workers who want a union.", ("Ann Ruiz", "Ann Ruiz")),
    # ... and when that sentence names a programme in quotation marks
    ("On “Meet the Press,” Sen. Ann Ruiz (Vt.), who lost the primary to Lee, identified young voters’ anger as "
     "one of the reasons to back him. “The younger people are sick and tired of it.”",
     "The younger people are sick and tired of it.", ("Ann Ruiz", "Ann Ruiz")),
    # "per" after the quotation credits as "according to" does
    ("Members may vote by proxy, but it is barred when voting “to fill a vacancy on the ticket,” per the "
     "party’s bylaws.", "to fill a vacancy on the ticket", ("the party’s bylaws", "the party’s bylaws")),
    # a speech verb in a clause of contrast after the quotation is that clause's own
    ("Governor Lee refers to his old friend as “Mr. Ortiz,” while Ortiz refers to the governor as “Ben.”",
     "Mr. Ortiz", ("Lee", "Lee")),
    # ... or one named by what they are, the subject of the sentence's own clause, not of one it reports
    ("The pastor further related that it occurred to him that the next mayor will be the city's 45th. “I "
     "sensed I should look at the 45th chapter.”", "I sensed I should look at the 45th chapter.",
     ("The pastor", "The pastor")),
    # "the editorial read", which the parse reads as a noun phrase
    ("“If he wants to be mayor, Lee should act like one and come to the valley,” the editorial read.",
     "If he wants to be mayor, Lee should act like one and come to the valley", ("editorial", "editorial")),
    # a speech verb the parse joins to the quoted word before it goes on with that word's verb
    ('He called it "shameful" and called on senators "not to give in to that fear."',
     "not to give in to that fear.", ("He", "He")),
    # words in another quotation's marks are no one: a parse that ends the sentence at a title's
    # closing mark makes the title the subject of what follows
    ("Former prosecutor and New York City Mayor Rudy Giuliani, who backs Lee, trashed Ortiz on MSNBC’s "
     "“Morning Joe,” calling it a “no-brainer” to prosecute under the statutory definition of the law.",
     "no-brainer", None),
    # a fragment in a clause no one says, whose subject is a thing, has no speaker; one whose subject
    # can speak, or is owned by someone who can, keeps it
    ("The music seemed to match the mood in the hall as the rock classic “Tide Is High” played on.",
     "Tide Is High", None),
    ("The choice was between going after Lee as “uniquely unfit” or poking holes in his image as a reformer.",
     "uniquely unfit", None),
    ("Led by the mayor, the rally denounced the council’s plan for “a total freeze” on new housing.",
     "a total freeze", ("the rally", "the rally")),
    ("The records listed Mr. Ortiz’s occupation as “manager.”", "manager.", ("The records", "The records")),
    ("Ortiz’s clarion call for a “revolution” draws thousands to his rallies.", "revolution",
     ("Ortiz", "Ortiz")),
    # a verb cued only right beside the quotation ("responded") also cues the quotation that is its clause
    ("Lee responded to Ortiz’ question on Facebook writing,  “Yes, I will. That was a poor choice of words.”",
     "Yes, I will. That was a poor choice of words.", ("Lee", "Lee")),
    # a past tense the tagger reads as a participle, right after a name
    ("“Go back to Boston,” Trump barked and a security guard walked Lopez out.", "Go back to Boston",
     ("Trump", "Trump")),
    # a speech verb describing a noun ("Nothing the president said") is not what says the words after it
    ('Sen. Ann Ruiz, R-Fla., appearing on Fox News right after the speech, said Lee failed to address public '
     'concerns about the threats. Nothing the president said "will assuage people\'s fears," the Florida '
     'senator said.', "will assuage people's fears", ("the Florida senator", "the Florida senator")),
    # of two subjects the parse gives a verb, a phrase put first is not the one who speaks, nor is
    # the subject of a "for … to" clause
    ("But Mr. Royce, of California, called Friday for Mr. Trump to “use the indictments to challenge” Mr. Putin "
     "at the summit, adding, “We can’t afford to give an inch.”", "We can’t afford to give an inch.",
     ("Royce", "Royce")),
    ('At this point, that alternative may be Ben Ruiz. Or maybe Ann Lee, digital consultant Phil Ortiz says. '
     '"Several surveys and polls show her rising."', "Several surveys and polls show her rising.",
     ("Phil Ortiz", "Phil Ortiz")),
    # a subject in quotation marks is no one, but its owner written before the marks speaks
    ('"There will be a new coach," Sports Weekly\'s "Insider Report" is reporting.', "There will be a new coach",
     ("Sports Weekly", "Sports Weekly's")),
    # a subject the parse finds inside the quotation before is not the one who speaks
    ("One man wrote, “She waddles up there and could barely bend over. Never, never Hillary.”\n\nAnother "
     "commenter said, “We all know how she feels about the police.”", "We all know how she feels about the police.",
     ("Another commenter", "Another commenter")),
    # a clause joined to a passive speech verb is not what it says
    ("Members are asked to rank their choices, and the defense panel is less likely to be “overrun with "
     "hawks,” Ortiz said.", "overrun with hawks", ("Ortiz", "Ortiz")),
    # a digest's byline after a dash, or a speech verb opening the line, gives the quotation to the name
    ("TURNOUT WAS HIGHER THAN EXPECTED - Ann Ruiz and Ben Lee: “The late shift was real and large.”",
     "The late shift was real and large.", ("Ann Ruiz", "Ann Ruiz")),
    ("Polls were steady all along -More from Gallup: “Party ties hardly moved this year.”",
     "Party ties hardly moved this year.", ("Gallup", "Gallup")),
    ("Ortiz spoke on his radio show.\n\nStated Ortiz:\n\n“The count will take weeks.”",
     "The count will take weeks.", ("Ortiz", "Ortiz")),
    # the phrase between a quotation and its verb is a name with what the writer adds to it
    ('“A fine plan, a fine plan this one,” Ortiz, the 2024 Democratic presidential front-runner statewide and '
     'current polling leader in North Dakota by a wide margin after winning the Iowa caucuses, said when Lee asked '
     'him about it.', "A fine plan, a fine plan this one", ("Ortiz", "Ortiz")),
    # a participle the parse hangs from a noun that cannot speak goes on with the verb above it
    ("Ann Ruiz has clashed with the union over pay, at one point describing its leaders as \"greedy.\"", "greedy.",
     ("Ann Ruiz", "Ann Ruiz")),
    # "call" names with what it calls someone wherever it stands ("to call Lee “…”")
    ('The campaign denied it happened, with Ben Ortiz taking to Twitter to call Ann Lee "totally confused" '
     'for the claim.', "totally confused", ("Ben Ortiz", "Ben Ortiz")),
    # words quoted in what a statement of someone's says, tells or asks for are that someone's
    ('The protests go beyond Ben Ortiz\'s pledge to be "neutral" in the talks.', "neutral",
     ("Ben Ortiz", "Ben Ortiz's")),
    # words no one has said yet are those of whoever expects them
    ("Ann Lee says she expects Governor Ben Ortiz to announce a “freeze” on hiring this week.", "freeze",
     ("Ann Lee", "she")),
    # a quotation set off by a colon or comma and ending its sentence is cued before it, not by the next
    # sentence
    ('Lee kept asking her why the plan had failed. Ruiz, exasperated, famously responded: "What difference does '
     'it make?" Her critics cited it as evidence of contempt.', "What difference does it make?", ("Ruiz", "Ruiz")),
    ('Ann Lee confirmed she had been and said, "We have a very severe problem." The star then recalled an incident.',
     "We have a very severe problem.", ("Ann Lee", "Ann Lee")),
    # after a comma, a question or exclamation closing the quotation may be followed by its attribution
    ('Ann Lee described how a squad car once rolled up beside her. The officer yelled, "Where are you going? Hold '
     'it!" Lee recalled.', "Where are you going? Hold it!", ("Ann Lee", "Lee")),
    # a message sent to people says what follows, not the people it went to
    ('The union was quick to respond. Its office sent an email to members stating, "The vote is off until March."',
     "The vote is off until March.", ("Its office", "Its office")),
    # a text that states: "softer language calling for “…”"
    ('They replaced it with softer language calling for "appropriate assistance."', "appropriate assistance.",
     ("softer language", "softer language")),
    # words quoted in what someone's statement says are that someone's, whatever verb reports the
    # statement; not when the parse hangs them from another quotation's words
    ('In a statement, Ann Lee called Ben Ortiz\'s assertion of a "right to know" about her records "false and '
     'absurd."', "right to know", ("Ben Ortiz", "Ben Ortiz's")),
    ('In a statement, Ann Lee called Ben Ortiz\'s assertion of a "right to know" about her records "false and '
     'absurd."', "false and absurd.", ("Ann Lee", "Ann Lee")),
    # whom a passive verb of naming names is not who names them: who reports it, who acts in the clause
    # before, or no one
    ('The group was branded "a front" for the ministry, Lee wrote.', "a front", ("Lee", "Lee")),
    ('When the Tribune examined the mayor\'s claim, it was labeled "mostly false."', "mostly false.",
     ("Tribune", "Tribune")),
    ('The new project will informally be dubbed the "Save the Bay Fund" and will focus on ads.', "Save the Bay Fund",
     None),
    # a speech verb right after a name opening the clause, which the parse reads as an adjective
    ('Trump accused Lee, the senator from Ohio, of being "too soft" on the issue.', "too soft", ("Trump", "Trump")),
    ('Trump blasted Acme for its "shameful practices" in firing workers.', "shameful practices",
     ("Trump", "Trump")),
    # a speech verb's participle with no subject speaks through its agent ("asked by", "as reported by")
    ('Asked by Lee if the mayor "gets" the issue, Ortiz avoided a direct answer.', "gets", ("Lee", "Lee")),
    ('As reported by the Tribune, the former officer found both issues "disqualifying."', "disqualifying.",
     ("Tribune", "Tribune")),
    # a description that opens its sentence goes on about whom the sentence before named as its subject, or
    # about whom the description there does
    ('The candidates condemned the attack -- and Ann Lee ripped the mayor for his words. The presumptive '
     'Republican nominee went so far as to say he should "step down" at once.', "step down",
     ("Ann Lee", "The presumptive Republican nominee")),
    ('Ben Ortiz says too much is made of the tweets.\n\nThe Republican vice presidential nominee was speaking in '
     'Fort Wayne, hours after Ann Lee unleashed a flurry of posts.\n\nThe Indiana governor said the media are to '
     'blame for "he said this, he tweeted that."', "he said this, he tweeted that.",
     ("Ben Ortiz", "The Indiana governor")),
    # but not one who most often speaks for someone new
    ('Ann Lee spoke first. The spokesman said "we will respond in time."', "we will respond in time.",
     ("The spokesman", "The spokesman")),
    # heard or seen speaking: who is heard is who speaks
    ('“Should there be a database for that?” a reporter can be heard asking Lee after the event.',
     "Should there be a database for that?", ("a reporter", "a reporter")),
    ('“Get out of here,” one protester was heard shouting at the officers.', "Get out of here",
     ("one protester", "one protester")),
    # a participle opening its sentence acts with the subject after its comma, however the parse hangs it
    ('Ann Lee released a video on Monday featuring the voices of two women who have accused the former mayor '
     'of assault.\n\nRemarking upon Ben Ortiz\'s "genuine empathy," Carl Dunn said, "Leave aside the '
     'unpleasantness, his genuine empathy for human beings is absolutely clear."', "genuine empathy",
     ("Carl Dunn", "Carl Dunn")),
    # ... and with nothing after its comma but the quotation, with the subject of the sentence before it
    ('Later in the show, Ann Lee said of the audit that the report "was not good." Adding, "Now, as with all '
     'such audits, what they find is never that bad. It is how they handle it."',
     "Now, as with all such audits, what they find is never that bad. It is how they handle it.",
     ("Ann Lee", "Ann Lee")),
    # a whole quotation set off by a dash typed as two hyphens, after a clause whose subject is a person
    ('Ann Lee also embraced tougher sentencing -- "I think prison is the only answer for them." The poll shows '
     'her ahead.', "I think prison is the only answer for them.", ("Ann Lee", "Ann Lee")),
    # a relative clause joined to another speaks for the noun the first describes
    ('The mayor was campaigning for a retired teacher named Ben Ortiz, who is running for the council and who '
     'worked the crowd, praising "the mayor\'s honesty and integrity" as he promised to fix the roads.',
     "the mayor's honesty and integrity", ("Ben Ortiz", "who")),
    # a time is no one: a participle after "this morning" speaks for the person the clause is about
    ('There was chatter about Ann Lee, who was the most animated on stage this morning, saying "Zip codes should '
     'not decide destiny" to cheers.', "Zip codes should not decide destiny", ("Ann Lee", "who")),
]


@pytest.mark.parametrize(("text", "quoted", "speaker"), SPEAKER_ROWS)
def test_a_speaker_is_someone_who_can_speak(nlp, text: str, quoted: str,  # type: ignore[no-untyped-def]
                                            speaker: tuple[str, str] | None) -> None:
    (q,) = [q for q in quotes(nlp, text) if q.text == quoted]
    if speaker is None:
        assert q.speaker is None
    else:
        assert q.speaker is not None
        assert (q.speaker.name, text[q.speaker.start:q.speaker.end]) == speaker


def test_an_interview_transcript_gives_each_turn_to_whoever_speaks(nlp) -> None:  # type: ignore[no-untyped-def]
    """A transcript quoted over paragraphs, each opening with its speaker's label: a quote per turn,
    the answer credited to who answers (the label in capitals read as the person the article names)."""
    text = ('Governor Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n'
            '"WALLACE: Why would he do that? Will she be there tomorrow night?\n\n'
            '"PENCE: Well, look, this is serious business. The people have a choice to make.\n\n'
            '"(CROSSTALK.)\n\n'
            '"WALLACE: If I may, sir, will she be there?\n\n'
            '"PENCE: She will not be attending the debate."\n\nThe debate is on Monday.')
    found = quotes(nlp, text)
    assert [(q.text.split(":")[0], q.speaker and q.speaker.name) for q in found] == [
        ("WALLACE", "Chris Wallace"), ("PENCE", "Mike Pence"), ("WALLACE", "Chris Wallace"), ("PENCE", "Mike Pence")]
    assert [text[p.start:p.end] for p in found[1].parts] == [
        "PENCE: Well, look, this is serious business. The people have a choice to make.", "(CROSSTALK.)"]
    for q in found:
        assert q.speaker is not None and text[q.speaker.start:q.speaker.end] == q.text.split(":")[0]


def test_empty_text(nlp) -> None:  # type: ignore[no-untyped-def]
    assert quotes(nlp, "") == []


def _example(nlp, name: str) -> tuple[str, list[Quote]]:  # type: ignore[no-untyped-def]
    from tests.conftest import EXAMPLE

    text = (EXAMPLE / f"{name}.txt").read_text(encoding="utf-8")
    return text, quotes(nlp, text)


def _find(found: list[Quote], begins: str) -> Quote:
    (q,) = [q for q in found if q.text.startswith(begins)]
    return q


def test_model_case_a(nlp) -> None:  # type: ignore[no-untyped-def]
    text, found = _example(nlp, "a")
    statement = _find(found, "Make no mistake")
    assert len(statement.parts) == 2
    assert statement.text.endswith("will too.")
    assert statement.speaker is not None and statement.speaker.name == "Ted Wheeler"
    letter = _find(found, "We believe")
    assert letter.speaker is not None and letter.speaker.name == "Sean Riddell"
    assert letter.cue is not None and text[letter.cue.start:letter.cue.end] == "stated"
    sucked = _find(found, "sucked into a conflict")
    assert sucked.partial and sucked.speaker is not None and sucked.speaker.name == "Ted Wheeler"


def test_model_case_b(nlp) -> None:  # type: ignore[no-untyped-def]
    text, found = _example(nlp, "b")
    texted = _find(found, "The Mayor's strategic direction")
    assert texted.speaker is not None and texted.speaker.name == "Berk Nelson"
    compelled = _find(found, "I am compelled")
    assert compelled.speaker is not None and compelled.speaker.name == "Ted Wheeler"
    assert text[compelled.speaker.start:compelled.speaker.end] == "the mayor"
    assert parts(text, compelled)[-1] == "No such policy exists."


@pytest.mark.parametrize(("text", "goes"), [
    ('"I trust in God," Obama said, "but God wants to see us help ourselves."', True),
    ('"Leaving my service in the House," he said, "I\'m able to look back."', True),
    ('"We will win," she said. "but not today."', False),  # a full stop ends the cue's sentence
    ('"I\'m all for it," says Llamas, but he was shocked by the "gun show loophole."', False),
    ('"We will win," she said, "The fight goes on."', False),  # a capital begins a new sentence
])
def test_a_quote_goes_on_past_its_cue_only_between_commas(text: str, goes: bool) -> None:
    first, second = find_quoted(text)
    assert goes_on(text, first.parts[-1][1], second.parts[0][0], second.parts[0][1]) is goes


def test_a_dash_taken_for_a_subject_names_no_one(nlp) -> None:  # type: ignore[no-untyped-def]
    """The parse of "… were made public ― Trump boasted, “That makes me smart.”" made the dash a
    noun and a subject of "boasted", before the name; a subject without a letter is no speaker."""
    from spacy.tokens import Doc

    from storydiff.analyze.quotes import _nominal

    doc = Doc(nlp.vocab, words=["―", "Ortiz", "boasted"], pos=["NOUN", "PROPN", "VERB"],
              deps=["nsubj", "nsubj", "ROOT"], heads=[2, 2, 2])
    assert [_nominal(t) for t in doc] == [False, True, False]


def test_a_name_taken_for_a_verb_still_belongs_to_the_cue_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    """The parse of "“…in this case,” Tulsa police Chief Chuck Jordan said Monday." tagged "Tulsa"
    a verb hanging from the quotation, so "said" was no cue and the quote had no speaker; a named
    place or person between a quotation and its cue is part of the cue's subject, a verb is not."""
    from spacy.tokens import Doc

    from storydiff.analyze.quotes import _in_subject

    doc = Doc(nlp.vocab, words=["achieve", "Tulsa", "police", "Chief", "Chuck", "Jordan", "said"],
              pos=["VERB", "VERB", "NOUN", "PROPN", "PROPN", "PROPN", "VERB"],
              deps=["ROOT", "dep", "compound", "dobj", "compound", "appos", "conj"], heads=[0, 0, 3, 1, 5, 3, 0],
              ents=["O", "B-GPE", "O", "O", "B-PERSON", "I-PERSON", "O"])
    said = doc[6]
    assert [_in_subject(t, said) for t in doc[:6]] == [False, True, True, True, True, True]


def test_a_word_of_a_quoted_title_after_the_cue_is_not_its_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    """The parse of "“…,” Flynn, a top Trump surrogate, said Thursday on Fox News’s “Fox and
    Friends.”" made "Fox", inside the programme's title, the subject of "said"; a subject after its
    verb across a quotation mark is no speaker, one right after it ("said Flynn") or before it is."""
    from spacy.tokens import Doc

    from storydiff.analyze.quotes import _quoted_after

    doc = Doc(nlp.vocab, words=["Flynn", "said", "on", "“", "Fox", "and", "Friends", "”", "said", "Ruiz"])
    said, late_said = doc[1], doc[8]
    assert _quoted_after(said, doc[4])
    assert not _quoted_after(said, doc[0])
    assert not _quoted_after(late_said, doc[9])


def test_a_surname_taken_for_a_verb_is_still_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """"“…,” Trump shot back." was parsed with "Trump" a verb and the cue's subject, and the quote went
    unattributed; a capitalized word tagged a verb inside the sentence is a name, a gerund or an
    adjective opening a headline ("Eliminating", "Latest") is not."""
    from spacy.tokens import Doc

    from storydiff.analyze.quotes import _nominal

    doc = Doc(nlp.vocab, words=["It", "is", "over", ",", "Trump", "shot", "back", ".", "Eliminating", "waste"],
              tags=["PRP", "VBZ", "RB", ",", "VBP", "VBD", "RB", ".", "VBG", "NN"],
              pos=["PRON", "AUX", "ADV", "PUNCT", "VERB", "VERB", "ADV", "PUNCT", "VERB", "NOUN"],
              deps=["nsubj", "ccomp", "advmod", "punct", "nsubj", "ROOT", "advmod", "punct", "nsubj", "ROOT"],
              heads=[1, 5, 1, 5, 5, 5, 5, 5, 9, 9], sent_starts=[1, 0, 0, 0, 0, 0, 0, 0, 1, 0])
    assert _nominal(doc[4])
    assert not _nominal(doc[8])


def test_she_is_not_a_law_named_before_her(nlp) -> None:  # type: ignore[no-untyped-def]
    """"She" after "the 13th Amendment was worth examining" is the director named before it: a proper
    noun the article writes after "the" is a thing's name, not a person's."""
    text = ("Director Ava Marlowe spoke at the festival on Friday. She said the 13th Amendment was worth "
            "examining because “most people don’t know about that loophole,” she said.")
    (q,) = quotes(nlp, text)
    assert q.speaker is not None and q.speaker.name == "Ava Marlowe"


@pytest.mark.parametrize("text", [
    "Since then, the “Harbor Lights” actress has spoken out against the idea.",  # the title, then its cast
    "“Night Court Nine” star Ana Ruiz is also a singer of note.",
    "Mr. Hale co-hosts the weekly politics podcast “So, That Happened.” Subscribe here.",  # its kind before it
    "She also stars in the cable medical drama, “Mercy Row,” which returns in May.",
    "Congregants pass around copies of his memoir, \"Steady Hands,\" before the service.",
    # its kind after it with a word of medium between ("TV show", "radio program"), or a sequel of it
    "Reporters toured offices once used for the “Night Court Nine” TV show, which starred Ana Ruiz.",
    "Callers to his \"Keep It Straight\" radio program said they had misgivings about the plan.",
    "Fans were angry when the studio cast a newcomer in the “Silver Harbor” reboot, critics said.",
    # its makers after it, or a sequel to it before
    "\"Moonfall\" author Ada Brook confirmed the news on her website Saturday.",
    "Ana Ruiz is negotiating to direct the sequel to \"Moonfall,\" industry sources say.",
    # the show a guest talks to
    "Ms. Ruiz said in an interview with “Fox News Sunday.” The talks resume Monday.",
    "Speaking to “CBS This Morning” Monday, Mr. Hale declined to criticize his rivals.",
])
def test_the_title_of_a_work_is_not_a_quote(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert quotes(nlp, text) == []


@pytest.mark.parametrize("text", [
    "In a tradition he has kept for 40 years, Rep. Robert C. \"Bobby\" Scott threw open his family home.",
    "His campaign was represented by Gov. C.L. “Butch” Otter, an early supporter.",
    "Prosecutors said Vincent \"the Chin\" Gigante ran the family from his apartment.",
])
def test_a_nickname_inside_a_name_is_not_a_quote(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert quotes(nlp, text) == []


def test_a_quoted_name_after_a_cue_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """Only a quote with a name's words on both sides is a nickname: one word said after a verb is words said."""
    text = "Asked who would win, Ana Ruiz answered \"Cruz\" without a pause."
    assert [q.text for q in quotes(nlp, text)] == ["Cruz"]


def test_a_quoted_phrase_beside_a_word_of_a_work_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """Only a title is passed over: words of speech before "show" are still someone's."""
    text = "Ana Ruiz said the plan would “fail the families who need it most” in a show of defiance."
    assert [q.text for q in quotes(nlp, text)] == ["fail the families who need it most"]


def test_a_cued_quote_before_a_word_of_a_work_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """Words said and cued stay a quote when a word of a work comes after their comma: the word begins
    the cue's subject, not a title's noun."""
    text = "“Back Off Now,” host Ana Ruiz told the crowd."
    (q,) = quotes(nlp, text)
    assert q.text.startswith("Back Off Now") and q.speaker is not None and q.speaker.name == "Ana Ruiz"


@pytest.mark.parametrize("text", [
    "Why vote for him, unless simply because \"she\" is a \"he\"? A loud, careless \"he.\" A man.",
    "The movement -- the “us” -- that he built wants a voice on the national stage now.",
])
def test_a_pronoun_spoken_of_is_not_a_quote(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """One personal pronoun in quotation marks inside a sentence is the word itself, not words said."""
    assert quotes(nlp, text) == []


def test_a_one_word_answer_that_is_a_pronoun_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """A pronoun said as a whole answer, with its own cue, is someone's words."""
    text = "Ana Ruiz was asked who would lead the effort. “Me,” she said."
    (q,) = quotes(nlp, text)
    assert text[q.start:q.end] == "Me"
    assert q.speaker is not None and q.speaker.name == "Ana Ruiz"


def test_a_pronoun_quoted_as_a_whole_paragraph_is_still_a_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    """A quotation that is all of its sentence, cued or not, is an answer someone gave."""
    text = "The reporter asked Ana Ruiz who would lead the effort.\n\n“Me.”\n\nThe room went quiet after that."
    assert [text[q.start:q.end] for q in quotes(nlp, text)] == ["Me."]


def test_a_long_run_of_he_does_not_exhaust_the_stack(nlp) -> None:  # type: ignore[no-untyped-def]
    # each "he" goes back to the "he" before it; read one after another, not as a chain of calls
    text = "John Smith arrived. " + " ".join("He walked home." for _ in range(1200)) + " “Yes,” he said."
    (q,) = quotes(nlp, text)
    assert q.speaker is not None and q.speaker.name == "John Smith"
    assert text[q.speaker.start:q.speaker.end] == "he"


def test_initials_with_stops_are_the_word_without(nlp) -> None:  # type: ignore[no-untyped-def]
    # compare reads two sentences as telling one fact on their words: "F.B.I." and "FBI" are one
    (dotted,) = quotes(nlp, "“We are done,” a senior F.B.I. agent told N.F.L. reporters.")
    (plain,) = quotes(nlp, "“We are done,” a senior FBI agent told NFL reporters.")
    assert "fbi" in dotted.context and "f.b.i." not in dotted.context
    assert set(dotted.context) == set(plain.context)


@pytest.mark.parametrize(("text", "quoted", "speaker"), [
    ('Senator Ames called the mayor a "pathological liar" who is "utterly amoral" and a "bully."',
     "utterly amoral", "Ames"),
    ('Dana Ruiz, hoping to surge in Ohio, called the governor a "petulant child" who\'s acting "as if he is a '
     'king, as if he is a dictator."', "as if he is a king, as if he is a dictator.", "Dana Ruiz"),
])
def test_a_relative_clause_of_a_quoted_epithet_is_the_caller_s(nlp, text: str, quoted: str,  # type: ignore[no-untyped-def]
                                                              speaker: str) -> None:
    """A "who" that stands for a quoted epithet ("a "pathological liar" who is …") is no one: the
    clause goes on with the epithet, in the words of whoever gave it."""
    (q,) = [q for q in quotes(nlp, text) if q.text == quoted]
    assert q.speaker is not None and q.speaker.name.endswith(speaker)
    assert text[q.speaker.start:q.speaker.end].endswith(speaker.split()[-1])
    assert (q.start, q.end) == (text.index(quoted), text.index(quoted) + len(quoted))
