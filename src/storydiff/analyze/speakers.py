"""Who a quote's cue word names or refers to: resolving a subject to a speaker.

"Wheeler" → Ted Wheeler (the article's canonical name), "he" → the person named as subject before
one named otherwise, else the nearer of the last person named and the last proper-noun subject,
"the mayor" → the person whose role is mayor, "an Oct. 3 letter sent by Sean Riddell" → Sean
Riddell, "Trump's statement" → Trump, "the department, which reported" → the department.

Unknown beats wrong: a pronoun that names no one (``everything``, ``this``, ``what``) is no speaker.
Which common nouns can speak is left to the parse: news credits quotes to people and groups
(``the crowd``), institutions, and documents and messages (``the statement``, ``a sign``, ``the
email``), and a word list of those lost more right speakers than it saved (PolNeAR train: 0.868 →
0.848 speaker accuracy, dev unchanged).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from importlib.resources import files

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..model import Speaker
from .entities import HONORIFICS, LABELS, TITLE_WORDS, EntityIndex
from .quotemarks import MARKS, QuotedStretch, find_quoted, opens, title_like
from .text import doc_text, named

PERSONAL = frozenset({"he", "she"})
RELATIVE = frozenset({"who", "which", "that"})
NO_ONE = frozenset({"everything", "something", "anything", "nothing", "this", "these", "those", "what",
                    "whatever", "itself", "much", "little"})
# What a person says or writes: its possessor or "from"/"by" names the speaker ("Trump's statement").
UTTERANCES = frozenset({"statement", "comment", "remark", "word", "tweet", "post", "speech", "message", "claim",
                        "letter", "email", "note", "memo", "testimony", "interview", "announcement", "answer",
                        "assertion", "contention", "accusation", "insistence", "suggestion", "argument", "pledge",
                        "promise", "vow", "warning", "boast", "declaration", "quip", "retort", "complaint"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})

# Words a description names someone again by, having just named them: "the nominee", "the senator",
# "the billionaire" (see Mentions.described).
DESCRIPTIONS = frozenset({"nominee", "candidate", "front-runner", "frontrunner", "senator", "congressman",
                          "congresswoman", "lawmaker", "governor", "mogul", "billionaire", "businessman",
                          "businesswoman", "tycoon", "challenger", "incumbent", "contender", "hopeful"})
# What a speaking "it" may stand for by what it is: a document or a body of people.
STATING_THINGS = UTTERANCES | frozenset({
    "editorial", "newspaper", "paper", "report", "study", "poll", "survey", "filing", "lawsuit", "suit",
    "complaint", "ad", "advertisement", "video", "website", "site", "book", "article", "release", "document",
    "group", "committee", "campaign", "company", "organization", "agency", "council", "board", "panel",
    "court", "government", "administration", "department", "ministry", "network", "magazine", "union"})
IT_REACH = 2  # sentences before the one of the "it"
# The last word of an institution's name that may be its owner's ("the U.S. Attorney's Office").
INSTITUTIONS = frozenset({"Office", "Department", "Hospital", "Bureau", "Agency", "Commission", "Committee",
                          "Council", "Service", "Administration", "Association", "Foundation", "Center", "Centre",
                          "Institute", "University", "College", "School", "Party", "Campaign", "Court"})
# Offices a name may follow at the end of what they are of ("Secretary of the Interior Dirk Kempthorne"):
# the words that say what a person is, written before the name.
OFFICES = frozenset(TITLE_WORDS) | {"administrator", "head"}
# Ranks and titles written before a name, as abbreviated or in full ("Lt. Gerry Scherlinck"): the
# honorifics a person's name drops, and ranks written out.
RANKS = frozenset(HONORIFICS) | {"lieut", "lieutenant", "sergeant", "captain", "colonel", "general",
                                 "major", "corporal", "admiral", "commander", "detective", "inspector", "trooper",
                                 "officer", "deputy", "chief"}

# What the article itself says of a person's gender, for "he" and "she": an honorific before the
# name, a gendered word beside it ("spokeswoman Jen Psaki", "his wife, Anne"), and the subject or
# possessive pronoun that follows the name in its sentence before anyone else is named.
PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                  "herself": "f"}
HONORIFIC = re.compile(r"\b(?:(Mr|Sir|Lord|King)|(Mrs|Ms|Miss|Madam|Dame|Lady|Queen))\.?[ \u00a0]*$")
GENDERED_WORDS = {
    **dict.fromkeys(["spokeswoman", "congresswoman", "chairwoman", "businesswoman", "councilwoman", "woman", "girl",
                     "wife", "mother", "daughter", "sister", "grandmother", "aunt", "niece", "actress", "lady",
                     "queen", "princess", "widow"], "f"),
    **dict.fromkeys(["spokesman", "congressman", "businessman", "councilman", "man", "boy", "husband", "father",
                     "son", "brother", "grandfather", "uncle", "nephew", "king", "prince", "widower"], "m"),
}


class Mentions:
    """One article's parse with its entity mentions, for resolving the words that name speakers."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.index = index
        self.starts = [t.idx for t in doc]
        self.ent_of: dict[int, TokenSpan] = {}
        for ent in doc.ents:
            if ent.label_ in LABELS:
                for i in range(ent.start, ent.end):
                    self.ent_of[i] = ent
        self.mention_ends = [e for _, e, _ in index.mentions]
        # Last names of the article's people, for a surname spaCy tagged as something else.
        self.surnames = {n.split()[-1]: n for n, label in index.labels.items()
                         if label == "PERSON" and " " in n}
        self._genders: dict[str, str | None] | None = None  # see gender()
        self._acts: dict[str, bool] = {}  # see acts()
        self._antecedents: dict[int, str | None] = {}  # see antecedent()
        self._read_upto = 0  # the antecedents of the pronoun subjects before this token are read

    @cached_property
    def stretches(self) -> list[QuotedStretch]:
        """The article's quotations, found once (build_index found them for naming; quote extraction
        reads them too)."""
        return self.index.stretches if self.index.stretches is not None else find_quoted(self.text)

    @cached_property
    def _quoted_parts(self) -> list[tuple[int, int]]:
        return sorted(part for q in self.stretches for part in q.parts if not titled_quote(self.text, q.parts))

    def quoted(self, char: int) -> bool:
        """Whether ``char`` is inside quotation marks: a name there is the quoted speaker's word ("“I
        love Larry,” he said"), not someone the writer refers back to; but not in a quoted title
        (“Generations with Kevin Swanson”), which names whom the writer means."""
        parts = self._quoted_parts
        k = bisect_right(parts, (char, len(self.text) + 1)) - 1
        return k >= 0 and parts[k][0] <= char < parts[k][1]

    def tok(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def mention_span(self, start: int, end: int) -> TokenSpan | None:
        """The tokens of a name mentioned at characters ``start``-``end`` (at least one), or None past
        the text's end."""
        first = self.tok(start)
        if first >= len(self.doc):
            return None
        return self.doc[first:max(min(self.tok(end), len(self.doc)), first + 1)]

    def resolve(self, tok: Token) -> Speaker | None:
        """The speaker a subject word names or refers to."""
        ranked = self.ranked(tok)
        if ranked is not None:
            return Speaker(self.name_of(ranked), ranked.start_char, ranked.end_char)
        office = self.office_holder(tok)
        if office is not None:
            return office
        ent = self.entity_near(tok) or self.parenthesised_of(tok)
        if ent is not None:
            return Speaker(self.name_of(ent), ent.start_char, ent.end_char)
        start, end = tok.idx, tok.idx + len(tok)
        if tok.text in self.surnames and tok.pos_ not in {"PROPN", "NOUN", "PRON"}:
            # a person's surname the tagger read as another word ("said Skelly" as an adverb)
            return Speaker(self.surnames[tok.text], start, end)
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in PERSONAL:
                hit = self.antecedent(tok)
                return Speaker(hit if hit else tok.text, start, end)
            if low == "it":
                org = self.last_mention(start, {"ORG"})
                thing = self.stating_thing_before(tok, org[0] if org else -1)
                if thing is not None:
                    return Speaker(thing, start, end)
                return Speaker(org[1] if org else tok.text, start, end)
            if low in RELATIVE:  # "the department, which reported …": the noun it stands for
                before = relative_antecedent(tok)
                said = None if before is None else self.resolve(before)
                return None if said is None else Speaker(said.name, start, end)
            if low == "those" and any(c.dep_ in {"acl", "relcl"} for c in tok.children):
                # "those surveyed", "those who were there": people, by what they did
                last = max(c.right_edge.i for c in tok.children if c.dep_ in {"acl", "relcl"})
                span = tok.doc[tok.i:last + 1]
                return Speaker(span.text, span.start_char, span.end_char)
            return None if low in NO_ONE else Speaker(tok.text, start, end)
        words = phrase(tok)
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if tok.pos_ == "NOUN":
            agent = self.agent(tok)
            if agent is not None:
                return agent
            name = self.index.by_role(tok.lower_)
            if name and _indefinite(tok) and not self.named_in(name, tok.sent):
                # a role said with "a" or "an" brings in someone ("an architect who said he was
                # stiffed"), not whom another sentence gives that role ("David Plouffe, the architect
                # of Obama's 2008 campaign"); beside the name, it is that person's ("Bill Kristol —
                # still an influential voice among Republican lawmakers —")
                name = None
            if name:
                return Speaker(name, start, end)
            author = self.author(tok)
            if author is not None:
                return author
            described = self.described(tok)
            if described is not None:
                return Speaker(described, start, end)
        return Speaker(self.text[start:end], start, end)

    def described(self, noun: Token, depth: int = 0) -> str | None:
        """Whom a description opening its sentence goes on about: "Mike Pence says too much is made of
        Donald Trump's tweets. The Republican vice presidential nominee was speaking Friday …, hours
        after Trump unleashed a flurry of tweets. The Indiana governor said …" is Pence, twice. Only a
        description by one of the words news uses to name again whom it has just named (DESCRIPTIONS;
        not "the spokesman" or "the official", who are most often someone new), with "the" and
        nothing naming whom or what it is of, as its sentence's subject (see _describes); and only where
        the sentence before opens with such a description (then whom that one describes) or has one
        person named as the subject of its clauses, outside quotation marks."""
        if depth > 3 or not _describes(noun) or noun.sent.start == 0:
            return None
        before = self.doc[noun.sent.start - 1].sent
        again = next((t for t in before if _describes(t)), None)
        if again is not None:
            return self.described(again, depth + 1)  # a description of its own
        names = {self.name_of(ent) for t in before
                 if t.dep_ in SUBJECTS and not self.quoted(t.idx)
                 and (ent := self.ent_of.get(t.i)) is not None and self.is_person(ent)}
        return names.pop() if len(names) == 1 else None

    def named_in(self, name: str, words: TokenSpan) -> bool:
        """Whether ``words`` name ``name``."""
        return any(n == name and words.start_char <= s < words.end_char for s, _, n in self.index.mentions)

    def stating_thing_before(self, tok: Token, after: int) -> str | None:
        """The words of the nearest subject before ``tok`` (in its sentence or the IT_REACH before it,
        after the character ``after``) that is a document or a body by what it is: what an "it" that
        speaks stands for there, when nearer than the last organisation named ("The editorial noted
        Clinton's comment … “…,” it read"; "The email includes a photo … At the bottom it reads")."""
        first = tok.sent.start
        for _ in range(IT_REACH):
            if first == 0:
                break
            first = tok.doc[first - 1].sent.start
        for t in reversed(tok.doc[first:tok.i]):
            if t.idx <= after:
                return None
            if t.dep_ in SUBJECTS and t.pos_ == "NOUN" and t.lemma_.lower() in STATING_THINGS \
                    and not self.quoted(t.idx):
                words = phrase(t)
                return self.text[words[0].idx:words[-1].idx + len(words[-1])]
        return None

    def author(self, noun: Token) -> Speaker | None:
        """Who made a statement, remarks, a tweet: its possessor (``Trump's statement``), the
        name after "from" or "by" (``remarks from the campaign``), or the subject of the verb
        that makes it (``the DNC released a statement``)."""
        if noun.lemma_.lower() not in UTTERANCES:
            return None
        for c in noun.children:
            if c.dep_ == "poss" and (c.i in self.ent_of or c.pos_ == "PROPN"):
                return self.resolve(c)
            if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
                for g in c.children:
                    if g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"}:
                        return self.resolve(g)
        if noun.dep_ == "dobj":  # "the DNC released a statement saying …": who released it
            verb = noun.head
            for c in verb.children:
                if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"} and c.lower_ not in RELATIVE:
                    return self.resolve(c)
            if verb.dep_ == "xcomp" and not any(c.dep_ in SUBJECTS for c in verb.children):
                # "which prompted his wife to make a controversial comment": whom the verb above has
                # do it, its object, else its subject
                above = verb.head
                for dep in ("dobj", "nsubj"):
                    for c in above.children:
                        if c.dep_ == dep and c.pos_ in {"PROPN", "NOUN", "PRON"} and c.lower_ not in RELATIVE:
                            return self.resolve(c)
        return None


    def antecedent(self, tok: Token) -> str | None:
        """Who "he" or "she" refers to: a subject written between the last person named and it (see
        subject_since: an earlier "he" or "she", a relative "who" whose clause holds it, a name); else
        the person named as subject before a person named otherwise in its sentence or the one before
        (see subject_before); else a proper noun written as a subject there that spaCy did not take for
        a name; else, when the last person named is the subject of a clause someone reports, that
        someone (see reporter_of); else that person. Passing over those the article shows to be of the
        other gender and names inside quotation marks (see quoted). Read once per pronoun: a "he"
        is read again for each "he" after it that goes back to it."""
        if tok.i not in self._antecedents:
            # the "he" and "she" subjects before it first, in text order: each then finds those before
            # it already read, and a long run of them is no deep chain of calls (an article of a
            # thousand "He walked home." must not exhaust the stack)
            for t in self.doc[self._read_upto:tok.i]:
                if t.dep_ in SUBJECTS and t.lower_ in PRONOUN_GENDER and t.i not in self._antecedents:
                    self._antecedents[t.i] = self._antecedent(t)
            self._read_upto = max(self._read_upto, tok.i)
            self._antecedents[tok.i] = self._antecedent(tok)
        return self._antecedents[tok.i]

    def _antecedent(self, tok: Token) -> str | None:
        other = {"m": "f", "f": "m"}[PRONOUN_GENDER[tok.lower_]]
        person = self.last_mention(tok.idx, {"PERSON"},
                                   skip=lambda name: self.gender(name) == other or not self.acts(name),
                                   outside_quotes=True)
        last = None if person is None else self.ent_of.get(self.tok(person[0]))
        stop = -1 if person is None else last.end_char if last is not None else person[0] + 1
        found = self.subject_since(tok, stop, other, known=True)
        if found is None and person is not None:
            found = self.subject_before(tok, person[0], other)
        if found is None:
            found = self.subject_since(tok, stop, other, known=False)
        if found is not None or person is None:
            return found
        return self.reporter_of(tok, person[0], other) or person[1]

    def acts(self, name: str) -> bool:
        """Whether a name spaCy tags as a person is written as one somewhere in the article: in full
        (two words or more), or as a subject, an owner, a description's name, or the one a naming
        verb names ("a resident named Caroline"). A word tagged a person only where it is the object of
        a preposition ("at the speed of Twitter", "in Clarkston") is no one a "he" or "she" stands for."""
        if name not in self._acts:
            self._acts[name] = " " in name or any(
                self._acts_at(start, end) for start, end, other in self.index.mentions if other == name)
        return self._acts[name]

    def _acts_at(self, start: int, end: int) -> bool:
        span = self.mention_span(start, end)
        if span is None:
            return False
        head = span.root
        while head.dep_ == "conj" and head.head.i != head.i:  # "Nichols' mother, Claritha, and father, Gene"
            head = head.head
        return head.dep_ in {*SUBJECTS, "poss", "appos", "oprd"} \
            or (head.dep_ == "compound" and head.head.pos_ == "PROPN")

    def common_word(self, t: Token) -> bool:
        """Whether the article also writes the word in lower case ("Nudity didn't bother her" beside
        "God approves of nudity"): a capitalised first word then reads as that word, not a name."""
        return t.lower_ in self._lower_words

    @cached_property
    def _lower_words(self) -> frozenset[str]:
        return frozenset(t.text for t in self.doc if t.is_lower)

    def closed_after(self, char: int) -> bool:
        """Whether the paragraph goes on from ``char`` to a closing quotation mark before any opening
        one: a quotation whose opening mark the writer left out ("Brett McGurk … in 2015.¶Was supposed
        to leave in February but he just resigned prior to leaving," Trump tweeted.), which quoted()
        cannot see."""
        end = self.text.find("\n", char)
        rest = self.text[char:end if end >= 0 else len(self.text)]
        mark = _FIRST_MARK.search(rest)
        return mark is not None and mark.group() in {"\u201d", ',"', '."', '!"', '?"'}

    def subject_since(self, tok: Token, stop: int, other: str, *, known: bool) -> str | None:
        """Whom a "he" or "she" refers to by a subject written after the last person named (at
        ``stop``) and before it: an earlier "he" or "she" ("She won by a 134-to-63 vote. “…,” she
        said"), a relative "who" whose clause holds it ("Lynch asked Coleman, who in turn said he had
        seen the gun"), a person's name, up to the nearest proper noun not known as a name; with
        ``known`` false, that proper noun (spaCy misses some names as persons), but not a capitalised
        first word the article also writes in lower case ("Nudity didn't bother her")."""
        doc = self.doc
        for i in range(tok.i - 1, max(tok.i - 80, 0) - 1, -1):
            t = doc[i]
            if t.idx < stop:  # as far back as the last person named, whatever its words
                break
            if t.dep_ not in SUBJECTS or self.quoted(t.idx):
                continue
            if known and PRONOUN_GENDER.get(t.lower_) == PRONOUN_GENDER[tok.lower_] and not self.closed_after(t.idx):
                before = self.antecedent(t)
                if before is not None and self.gender(before) != other:
                    return before
            if known and t.lower_ == "who" and t.head.dep_ == "relcl" and tok in t.head.subtree:
                noun = relative_antecedent(t)
                named_as = None if noun is None else self.ent_of.get(noun.i)
                if named_as is not None and self.is_person(named_as) and self.gender(self.name_of(named_as)) != other:
                    return self.name_of(named_as)
            ent = self.ent_of.get(i)
            if t.pos_ != "PROPN" or _after_the(t) or \
                    t.ent_type_ in {"ORG", "GPE", "NORP"} and not (ent is not None and self.is_person(ent)):
                continue
            if ent is not None:
                if known and self.gender(self.name_of(ent)) != other:
                    return self.name_of(ent)
                continue
            words = phrase(t)
            written = self.text[words[0].idx:words[-1].idx + len(words[-1])]
            if len(words) == 1 and _main_clause(t) and \
                    (t.text in self.surnames or self.index.labels.get(t.text) == "PERSON"):
                if known and self.gender(self.surnames.get(t.text, t.text)) != other:
                    return self.surnames.get(t.text, t.text)
                continue
            if not (opens_sentence(t) and self.common_word(t)) or len(words) > 1:
                if known:
                    return None  # a name spaCy missed is nearer than anything before it
                return written
        return None

    def subject_before(self, tok: Token, named_at: int, other: str) -> str | None:
        """The person a "he" or "she" refers to when the last person named (at ``named_at``), in the
        pronoun's sentence or the one before, is not a subject there: a person named as subject
        before it in that stretch, if any ("Lena Park was challenged by Rep. Tom Hale. She won" is
        Park's win; "Juan Ortiz, an adviser to Tom Hale, questioned the plan. “…,” he said" is
        Ortiz's saying), or the bare surname of one named in full, as the subject of a main clause
        (spaCy leaves some untagged: "Pelosi was challenged by Ohio Rep. Tim Ryan"). When the last
        person named is the subject of a clause a main clause holds, only a main clause's subject before
        it is looked for, a "he" there standing for whoever it stands for ("He showed his irritation
        when Mr. Biden kept interrupting. “…,” he told the vice president")."""
        doc = self.doc
        at = self.ent_of.get(self.tok(named_at))
        sent = tok.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        # named before the sentences of a quotation: the sentence before those, where the subject of an
        # adverbial clause does not go on past them ("While Obama had black artists writing songs about
        # him, that has not been happening for Clinton, which is something that concerns Henry Crespo.
        # “…,” he said" is Crespo's)
        across = at is not None and at.start < start
        if across:
            start = self.sentence_before(sent)
        # a name that is its sentence's root is a subject the parse lost ("Trump, when asked …, often
        # steam-rolls through the questions"), or the object of a verb it lost, whose subject it took for
        # part of the name ("Trump accused Cruz, the senator from Texas, of …": Trump goes on)
        if at is not None and at.root.dep_ == "ROOT" and at.start >= start:
            lost = _lost_subject(at.root)
            ent = None if lost is None else self.ent_of.get(lost.i)
            if ent is not None and self.is_person(ent) and self.gender(self.name_of(ent)) != other:
                return self.name_of(ent)
        if at is None or at.root.dep_ == "ROOT" or at.start < start:
            return None
        # named as the subject of a clause a main clause holds ("he showed his irritation when Mr. Biden
        # kept interrupting. “…,” he told the vice president"), the pronoun goes on with the main clause's
        # subject, when there is one before it; named as a main clause's subject, it is that person, and
        # so is one who says something ("Trump, Sexton said, has created …") or one named in the
        # pronoun's own sentence when the pronoun too is inside a clause ("after Clinton lost her cool,
        # as she angrily said")
        embedded = at.root.dep_ in SUBJECTS
        if embedded and (_main_clause(at.root) or at.root.head.lemma_.lower() in SAYING
                         or tok.sent == at.sent and not _main_clause(tok)):
            return None
        candidates = [doc[i] for i in range(at.start - 1, start - 1, -1)
                      if doc[i].dep_ in SUBJECTS and not self.reported(doc[i]) and not self.quoted(doc[i].idx)
                      and (not embedded or _main_clause(doc[i]) and doc[i].head.i != at.root.head.i)
                      and (not across or doc[i].head.dep_ != "advcl")]
        # a main clause's subject before one inside a clause it holds: "Mr. Fox expressed disbelief that
        # Mr. Peña Nieto would invite Mr. Trump. He suggested …" goes on with Mr. Fox
        for t in sorted(candidates, key=lambda t: not _main_clause(t)):
            if embedded and PRONOUN_GENDER.get(t.lower_) == PRONOUN_GENDER[tok.lower_]:
                before = self.antecedent(t)
                return before if before is not None and self.gender(before) != other else None
            ent = self.ent_of.get(t.i)
            # a surname of someone the article names in full, which spaCy left untagged ("Pelosi was
            # challenged by Rep. Tim Ryan. She won")
            name = self.name_of(ent) if ent is not None and self.is_person(ent) else \
                self.surnames.get(t.text) if ent is None and t.pos_ == "PROPN" and _main_clause(t) else None
            # a common noun spaCy took for a name ("Filmmaker and aviator Howard Hughes") is no one's:
            # a name is a proper noun or one the article gives in full
            if name is not None and (t.pos_ == "PROPN" or " " in name) and self.gender(name) != other:
                return name
        return None

    def sentence_before(self, sent: TokenSpan) -> int:
        """The first token of the sentence written before ``sent`` by the article itself: the sentences
        of a quotation between are the speaker's ("On Tuesday, Clinton criticized officer Betty Shelby.
        “How many times do we have to see this? … this is just unbearable,” she said": the sentence
        before "she said" is the one naming Clinton, not the quotation's first), up to QUOTED_SENTENCES
        of them."""
        doc, start = self.doc, sent.start
        for _ in range(QUOTED_SENTENCES + 1):
            if start == 0:
                break
            before = doc[start - 1].sent
            start = before.start
            if not all(self.quoted(t.idx) for t in before if t.is_alpha):
                break
        return start

    def reporter_of(self, tok: Token, named_at: int, other: str) -> str | None:
        """Who a "he" or "she" refers to when the last person named (at ``named_at``) is the subject of
        a clause someone reports or thinks: that someone, named or referred to ("she doesn't think
        Clinton can address the issues. “…,” she said" goes on with whoever "she" is)."""
        at = self.ent_of.get(self.tok(named_at))
        verb = None if at is None or at.root.dep_ not in SUBJECTS else _reporting(at.root)
        if verb is None:
            return None
        for c in _subjects_of(verb):
            if c.i >= tok.i:
                continue
            if c.lower_ in PRONOUN_GENDER and PRONOUN_GENDER[c.lower_] != other:
                return self.antecedent(c)
            name = self.name_of(self.ent_of[c.i]) if c.i in self.ent_of and self.is_person(self.ent_of[c.i]) \
                else self.surnames.get(c.text)
            if name is not None:
                return None if self.gender(name) == other else name
        return None

    def reported(self, subject: Token) -> bool:
        """Whether ``subject`` is of a clause a person named as subject reports: in "Murphy said Trump
        continued to hurt his cause. “…,” he said", the one who goes on speaking is Murphy."""
        verb = _reporting(subject)
        return verb is not None and any(
            c.i in self.ent_of and self.is_person(self.ent_of[c.i]) for c in _subjects_of(verb))

    def gender(self, name: str) -> str | None:
        """"m" or "f" as the article tells it (see GENDERED_WORDS and _read_genders), with the full
        name's first name, when it is clearly one or the other (first_name_gender), as one more say;
        else None."""
        if self._genders is None:
            self._genders = self._read_genders()
        return self._genders[name] if name in self._genders else first_name_gender(name)

    def _read_genders(self) -> dict[str, str | None]:
        votes: dict[str, Counter[str]] = {}
        doc, text = self.doc, self.text
        for start, end, name in self.index.mentions:
            if self.index.labels.get(name) != "PERSON":
                continue
            vote = votes.setdefault(name, Counter())
            honorific = HONORIFIC.search(text, max(start - 8, 0), start)
            if honorific:
                vote["m" if honorific.group(1) else "f"] += 2
            span = self.mention_span(start, end)
            if span is None:
                continue
            first, last, head = span.start, span.end, span.root
            beside = [doc[first - 1]] if first else []  # "spokeswoman Jen Psaki"
            beside += [c for c in head.children if c.dep_ == "appos"]  # "Anne, his wife"
            beside += [head.head] if head.dep_ == "appos" else []  # "his wife, Anne"
            for t in beside:
                if t.lower_ in GENDERED_WORDS:
                    vote[GENDERED_WORDS[t.lower_]] += 1
            # a "he" or "she" as subject after the name, before anyone else is named, in its sentence,
            # or the next when the name is who says something (""…," said Hilary Shelton, director of
            # the bureau. ¶ "…," he said"); not one inside a quotation, which may be anyone's
            sent = doc[first].sent
            saying = head.dep_ in SUBJECTS and head.head.lemma_.lower() in SAYING
            after = doc[sent.end].sent.end if saying and sent.end < len(doc) else sent.end
            for t in doc[last:after]:
                if t.lower_ in PRONOUN_GENDER and t.dep_ in {*SUBJECTS, "poss"} \
                        and not self.quoted(t.idx):  # not "X scolded him"
                    vote[PRONOUN_GENDER[t.lower_]] += 1
                    break
                if t.i in self.ent_of and self.ent_of[t.i].label_ == "PERSON":
                    break  # someone else named first: the pronoun may be theirs
        # the first name's census gender (first_name_gender) counts as one more say
        for name, vote in votes.items():
            if (census := first_name_gender(name)) is not None:
                vote[census] += 1
        # (a tie is no gender, whatever the census says alone)
        return {name: max(v, key=lambda g: v[g]) if v["m"] != v["f"] else None for name, v in votes.items() if v}

    def is_person(self, ent: TokenSpan) -> bool:
        """A person's name, or the surname of one the article names in full that spaCy took for
        something else ("Fox, an outspoken critic of Trump," after "Vicente Fox")."""
        return ent.label_ == "PERSON" or self.index.labels.get(self.name_of(ent)) == "PERSON"

    def name_of(self, ent: TokenSpan) -> str:
        name = self.index.names.get((ent.start_char, ent.end_char), ent.text)
        if ent.label_ != "PERSON" and name in self.surnames:
            return self.surnames[name]
        return name

    def ranked(self, tok: Token) -> TokenSpan | None:
        """The person a rank written before the name stands for, where the parse took the rank alone
        for the subject: "said Troy police Lt. Gerry Scherlinck", "said Sgt. Marty Earley" (a rank the
        tokenizer cuts from its full stop, as it did "Lt" before RANK_ABBREVIATIONS, ends a sentence
        there)."""
        own = self.ent_of.get(tok.i)
        if not tok.text[:1].isupper() or tok.lower_.rstrip(".") not in RANKS or own is not None and len(own) > 1:
            return None  # a rank inside a name the tagger read whole is that name
        k = tok.i + 1
        if not tok.text.endswith(".") and k < len(tok.doc) and tok.doc[k].text == ".":
            k += 1
        ent = self.ent_of.get(k)
        return ent if ent is not None and ent.start == k and self.is_person(ent) else None

    def parenthesised_of(self, tok: Token) -> TokenSpan | None:
        """The person a word in parentheses right after the name stands beside: a lawmaker's party and
        state ("Rep. Paul Ryan (R-WI) said", the parse taking the label for the subject)."""
        if tok.dep_ != "appos" or tok.left_edge.i == 0 or tok.doc[tok.left_edge.i - 1].text != "(":
            return None
        ent = self.ent_of.get(tok.head.i)
        if ent is None or not self.is_person(ent) or ent.end != tok.left_edge.i - 1:
            return None
        return ent

    def office_holder(self, tok: Token) -> Speaker | None:
        """The person named at the end of an office's phrase, where the parse took the office for the
        subject and the name for part of what it is of: "said Secretary of the Interior Dirk
        Kempthorne" (the tagger reading "the Interior Dirk Kempthorne" as one organisation), "Governor
        of Texas Greg Abbott said", "Speaker of the House Rep. Paul Ryan (R-WI) said". The name must be
        one of the article's people: a person the tagger found, written after the name of what the
        office is of (not "a spokesman of Jeb Bush", whose office is of the person), or a surname
        the article gives a person."""
        if tok.lower_ not in OFFICES:
            return None
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None:
            return None
        held = next((c for c in of.children if c.dep_ == "pobj"), None)
        if held is not None and (ent := self.ent_of.get(held.i)) is not None and self.is_person(ent) \
                and ent.end - 1 == held.i and held.left_edge.i < ent.start:
            return Speaker(self.name_of(ent), ent.start_char, ent.end_char)
        last = of.right_edge
        read_as_person = (ent := self.ent_of.get(last.i)) is not None and self.is_person(ent)
        if last.text not in self.surnames or last.i == 0 or tok.doc[last.i - 1].pos_ != "PROPN" or read_as_person:
            return None  # a name the tagger read as a person is found as one
        first = tok.doc[last.i - 1]
        return Speaker(self.surnames[last.text], first.idx, last.idx + len(last))

    def entity_near(self, tok: Token) -> TokenSpan | None:
        """The entity the word is part of, or one it names through a compound or appositive."""
        if tok.i in self.ent_of:
            return self.ent_of[tok.i]
        for c in tok.children:
            if c.dep_ in {"appos", "compound", "flat"} and c.i in self.ent_of:
                ent = self.ent_of[c.i]
                if c.dep_ == "compound" and tok.pos_ == "NOUN":
                    continue  # "the Obama campaign", "a Trump aide": not the person named
                if ent.label_ == "PERSON" or tok.pos_ == "PROPN":
                    return ent
        for c in tok.children:  # "Colts interim coach Bruce Arians asked": the person of a role beside the word
            if c.dep_ == "appos" and c.i not in self.ent_of and tok.i < c.i:
                for g in c.children:
                    if g.dep_ in {"appos", "flat"} and g.i in self.ent_of and self.ent_of[g.i].label_ == "PERSON" \
                            and self.ent_of[g.i].start - c.i == 1:  # the name right after the role
                        return self.ent_of[g.i]
        return None

    def agent(self, noun: Token) -> Speaker | None:
        """``an Oct. 3 letter sent by Sean Riddell`` → Sean Riddell."""
        for t in noun.subtree:
            if t.dep_ == "pobj" and t.head.lower_ == "by" and t.i in self.ent_of:
                ent = self.ent_of[t.i]
                if ent.label_ == "PERSON":
                    name = self.index.names.get((ent.start_char, ent.end_char), ent.text)
                    return Speaker(name, ent.start_char, ent.end_char)
        return None

    def last_mention(self, char: int, labels: set[str], skip: Callable[[str], bool] | None = None, *,
                     outside_quotes: bool = False) -> tuple[int, str] | None:
        """Start and canonical name of the last entity with one of ``labels`` before ``char``
        (passing over the names ``skip`` is true of, and those quoted when ``outside_quotes``)."""
        k = bisect_right(self.mention_ends, char)
        mentions = self.index.mentions
        for j in range(k - 1, max(k - 40, 0) - 1, -1):
            start, _, name = mentions[j]
            if self.index.labels.get(name) in labels and not (skip and skip(name)) \
                    and not (outside_quotes and self.quoted(start)):
                return start, name
        return None

    def named(self, start: int, end: int) -> Speaker:
        """The speaker a written name refers to, canonical when the index knows it."""
        doc = self.doc
        for i in range(self.tok(start), min(self.tok(end), len(doc))):
            if i in self.ent_of and self.ent_of[i].label_ == "PERSON":
                ent = self.ent_of[i]
                return Speaker(self.index.names.get((ent.start_char, ent.end_char), ent.text),
                               start, end)
        written = self.text[start:end]
        # a transcript's label in capitals ("PENCE") for a person the article names ("Mike Pence")
        return Speaker(self.surnames.get(written.title(), written) if written.isupper() else written, start, end)


def phrase(noun: Token) -> list[Token]:
    """The noun's phrase: its left modifiers and a short right tail, up to a comma or clause;
    for a proper noun, the run of proper nouns ending with it, within its line. It begins and ends
    on whole words: "the billionaire front-runner", not "… runner"; "thousands of self-described",
    not "… of self"."""
    words = _phrase(noun)
    doc = noun.doc
    while words[0].i >= 2 and _joined(doc, words[0].i - 1):
        words = [doc[words[0].i - 2], doc[words[0].i - 1], *words]
    while words[-1].i + 2 < len(doc) and _joined(doc, words[-1].i + 1):
        words += [doc[words[-1].i + 1], doc[words[-1].i + 2]]
    return _whole_quotations(words, noun)


QUOTED_REACH = 12  # tokens: as far as a phrase reaches for the other mark of a quoted name in it


def _whole_quotations(words: list[Token], noun: Token) -> list[Token]:
    """The phrase with any quoted name in it whole: "the "Medicare for all" document", not 'all"
    document', which the parse gives when it hangs the quoted words' first part elsewhere. A phrase that
    holds a closing mark and not its opening one reaches back for it; one that holds an opening mark and
    not its closing one reaches on. Unless the other mark is near, the phrase is cut at the lone one, on
    the noun's side. Marks are double ones (MARKS; a single one may be an apostrophe, "Lyin' Ted"), read
    as opening or closing as quotations are found (quotemarks.opens)."""
    marks = [t for t in words if t.text in MARKS]
    if len(marks) % 2 == 0:
        return words
    doc = words[0].doc
    if not _opening(marks[0]):
        opening = next((doc[i] for i in range(words[0].i - 1, max(words[0].i - QUOTED_REACH, 0) - 1, -1)
                        if doc[i].text in MARKS), None)
        if opening is not None and _opening(opening) and opening.sent == words[0].sent:
            return [*doc[opening.i:words[0].i], *words]
        return _cut(words, marks[0], noun)
    if _opening(marks[-1]):
        closing = next((doc[i] for i in range(words[-1].i + 1, min(words[-1].i + QUOTED_REACH, len(doc)))
                        if doc[i].text in MARKS), None)
        if closing is not None and not _opening(closing) and closing.sent == words[-1].sent:
            return [*words, *doc[words[-1].i + 1:closing.i + 1]]
        return _cut(words, marks[-1], noun)
    return words


def _cut(words: list[Token], mark: Token, noun: Token) -> list[Token]:
    """The words on the noun's side of ``mark``."""
    return [t for t in words if (t.i > mark.i) == (noun.i > mark.i)]


def _opening(mark: Token) -> bool:
    return opens(doc_text(mark.doc), mark.idx)


def _indefinite(noun: Token) -> bool:
    """Whether the noun is said with an indefinite article: "an architect", "a Clinton spokesman"."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an", "another"} for c in noun.children)


def _joined(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word, written against the words on both sides of it
    ("pro-Sanders", "front-runner")."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _phrase(noun: Token) -> list[Token]:
    doc = noun.doc
    if noun.pos_ == "PROPN":
        i = noun.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and not doc[i - 1].is_space \
                and "\n" not in doc[i - 1].whitespace_ and noun.i - i < 4:  # not across a line break
            i -= 1
        if i >= 2 and doc[i - 1].tag_ == "POS" and doc[i - 2].pos_ == "PROPN" and not doc[i - 2].whitespace_ \
                and doc[i - 2].head.i == noun.i and noun.text in INSTITUTIONS:
            # one name through a possessive: "the U.S. Attorney's Office", not "Office" (but "Twitter's
            # Adam Sharp" is Adam Sharp)
            i -= 2
            while i > 0 and doc[i - 1].pos_ == "PROPN" and "\n" not in doc[i - 1].whitespace_ and noun.i - i < 6:
                i -= 1
        return list(doc[i:noun.i + 1])
    left = noun.left_edge.i
    while left < noun.i and (doc[left].is_space or "\n" in doc[left:noun.i].text):
        left += 1
    words = list(doc[left:noun.i + 1])
    if age_noun(noun):
        return words  # "the 29-year-old", not what the parse hangs on it ("… on the eve of the Open")
    i = noun.i + 1
    # a short tail, but through the thing a part is of: "One of the nation's largest and oldest civil
    # rights groups", not "… and oldest"
    reach = max([noun.i + 8] + [g.i + 1 for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                                for g in c.children if g.dep_ == "pobj" and g.i < noun.i + 12])
    while i <= noun.right_edge.i and i < reach:
        t = doc[i]
        if _joined(doc, i - 1):  # the rest of a hyphened word, whatever its part: "self-described"
            words.append(t)
            i += 1
            continue
        if t.is_punct and not _joined(doc, i) or t.dep_ in {"relcl", "acl", "appos"} or t.pos_ in {"VERB", "AUX"} \
                or t.tag_ in {"WDT", "WP"}:  # "a campaign surrogate who said": not "… who"
            break
        words.append(t)
        i += 1
    while len(words) > 1 and words[-1].i > noun.i and words[-1].pos_ in _FUNCTION_WORDS:
        words.pop()  # a tail cut short ends before its function words: "experts at the" is "experts"
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    return words or [noun]


# Parts of speech a phrase does not end on: prepositions, articles, conjunctions, "to", pronouns.
_FUNCTION_WORDS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON"})


_AGE_NOUN = re.compile(r"(?:the|a|an)?\s*\d+\s*-\s*year\s*-\s*old", re.I)


def age_noun(t: Token) -> bool:
    """Whether ``t`` heads "the 46-year-old", an age standing for the person."""
    return t.lower_ == "old" and _AGE_NOUN.fullmatch(doc_text(t.doc)[t.left_edge.idx:t.idx + 3]) is not None


def _describes(noun: Token) -> bool:
    """Whether ``noun`` heads a description of one person that opens its sentence as its subject
    (see Mentions.described): "The Vermont senator", not "The candidates" or "The senator from Ohio"."""
    if noun.lemma_.lower() not in DESCRIPTIONS or noun.tag_ != "NN" or noun.dep_ not in SUBJECTS \
            or any(c.dep_ in {"prep", "poss", "relcl", "acl", "appos"} for c in noun.children):
        return False
    first = phrase(noun)[0]
    return first.lower_ == "the" and opens_sentence(first)


FIRST_NAME_ODDS = 10
"""How many times more often one sex bears a first name than the other for the name to tell a gender:
an order of magnitude ("Wendy", "Denis"), not a lean ("Jordan", "Kelly", "Robin" are left unknown).
Not fitted."""


@cache
def _first_names() -> dict[str, str]:
    """First names of the 1990 United States census by sex (public data, as the ``names`` package ships
    it: one line per name, its share of that sex's people first), each read as the sex that bears it
    FIRST_NAME_ODDS times as often as the other."""
    shares: dict[str, dict[str, float]] = {}
    for sex, file in (("m", "dist.male.first"), ("f", "dist.female.first")):
        for line in (files("names") / file).read_text(encoding="ascii").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                shares.setdefault(fields[0].capitalize(), {})[sex] = float(fields[1])
    out = {}
    for name, share in shares.items():
        m, f = share.get("m", 0.0), share.get("f", 0.0)
        if m >= FIRST_NAME_ODDS * f or f >= FIRST_NAME_ODDS * m:
            out[name] = "m" if m > f else "f"
    return out


def first_name_gender(name: str) -> str | None:
    """The gender a full name's first name tells ("Wendy Sherman": "f"), past titles ("Sen. Ted
    Cruz"); None for a name of one word (a surname alone: "Sherman" is also a man's first name), an
    initial, or a first name the census does not tell (see FIRST_NAME_ODDS)."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in HONORIFICS and w.lower() not in TITLE_WORDS]
    if len(words) < 2 or not words[0].isalpha():
        return None
    return _first_names().get(words[0].capitalize())


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of its relative clause (or of the clause its
    own is joined to), else the noun written right before it (past a comma), which the parse does not
    always link."""
    clause = tok.head
    if clause.dep_ == "conj" and clause.head.dep_ == "relcl":
        clause = clause.head  # "an academic, who is running for Congress and who worked the crowd"
    if clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause.head
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and (doc[i].text == "," or doc[i].pos_ == "ADV"):  # "Harper, meanwhile, who"
        i -= 1
    return doc[i] if i >= 0 and doc[i].pos_ in {"NOUN", "PROPN"} else None


_FIRST_MARK = re.compile(r'[\u201c\u201d]|[,.!?]"|"')


QUOTED_SENTENCES = 8  # quoted sentences stepped over back to the writer's own (a bound on the work, not a fit)


# Verbs whose subject says something: a person named as their subject is a speaker, not a bystander
# inside someone else's clause.
SAYING = frozenset({"say", "tell", "write", "add", "note", "explain", "argue", "insist", "recall", "claim",
                    "tweet", "ask", "reply", "respond", "answer", "declare", "announce", "warn"})


def _lost_subject(root: Token) -> Token | None:
    """In a sentence the parse made one noun phrase of ("Trump accused Cruz": "Trump" a compound,
    "accused" an adjective, "Cruz" the root), the name before the verb it took for an adjective."""
    verb = next((c for c in root.lefts if c.dep_ == "amod" and c.tag_ in {"VBD", "VBN"}), None)
    if verb is None:
        return None
    return next((c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < verb.i), None)


def _main_clause(t: Token) -> bool:
    """Whether a subject is of its sentence's main verb or one joined to it: a bare surname spaCy did
    not tag is trusted as a subject there ("Pelosi was challenged by Rep. Tim Ryan"), not inside a
    phrase ("told a story about Romney caring for a family", "the effort to unseat Pelosi was …")."""
    return t.head.dep_ in {"ROOT", "conj"}


def opens_sentence(t: Token) -> bool:
    """Whether a word is the first of its sentence, as written: after a line break or a full stop,
    a quotation's own too (`a day." Nudity didn't`, not `leaving," Trump tweeted`), whatever sentence
    the parse gives it (a quotation runs into the sentence after it)."""
    i = t.i - 1
    while i >= 0 and t.doc[i].is_space and "\n" not in t.doc[i].text:
        i -= 1
    if i < 0 or t.i == t.sent.start:
        return True
    before = t.doc[i]
    if before.text in {"\"", "\u201d"} and i > 0:  # a quotation ended by its full stop, not by a comma
        before = t.doc[i - 1]
    return "\n" in before.text or before.text in {".", "!", "?"}


def _after_the(t: Token) -> bool:
    """Whether a proper noun is a thing's name, told by the article before its name: "the 13th
    Amendment", "the Affordable Care Act"; a person's name takes none."""
    i = t.i - 1
    while i >= 0 and t.doc[i].pos_ in {"PROPN", "NUM"}:
        i -= 1
    return i >= 0 and t.doc[i].lower_ == "the"


def who(tok: Token, mentions: Mentions | None) -> str | None:
    """The name a word is, or the person a "he", "his" or "her" refers to (``mentions`` resolves it)."""
    if mentions is not None and tok.pos_ == "PRON" and tok.lower_ in PRONOUN_GENDER:
        return mentions.antecedent(tok)
    return named(tok)


def _reporting(subject: Token) -> Token | None:
    """The verb whose reported clause ``subject`` is the subject of ("said" in "Murphy said Trump
    continued"); none across a full stop, where the parse ran two sentences into one."""
    clause = subject.head
    if clause.dep_ != "ccomp":
        return None
    verb = clause.head
    lo, hi = sorted((verb.i, subject.i))
    return None if any(t.text in {".", "!", "?"} for t in subject.doc[lo:hi]) else verb


def _subjects_of(verb: Token) -> list[Token]:
    """The subjects of a verb; for a verb joined to another without one of its own, or a participle
    that goes on from one ("Carson turned the story back on the Post, pointing out that …"), the
    subject written last before it in its sentence ("Bloomberg criticized Democrats, but argued that
    Trump was …", whatever verb the parse joins "argued" to)."""
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own or verb.dep_ not in {"conj", "advcl"}:
        return own
    before = [t for t in verb.doc[verb.sent.start:verb.i] if t.dep_ in SUBJECTS]
    return before[-1:]


def titled_quote(text: str, parts: Sequence[tuple[int, int]]) -> bool:
    """A quotation of two words or more that reads as a title (a single capitalised word is as often a
    name shouted or a nickname: "Marco!", "Savage")."""
    words = " ".join(text[a:b] for a, b in parts).rstrip(".,").split()
    return len(words) >= 2 and title_like(words)
