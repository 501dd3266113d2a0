"""Direct quotes with their speakers.

Quoted stretches are found by one left-to-right scan over the quote marks (curly and straight;
open or close is decided from the neighbouring characters), so a stray mark costs at most its
paragraph. A quote split around its cue ("A," he said. "B.") becomes one quote with two parts; a
quote whose paragraph ends unclosed, when the next paragraph opens with a quote mark, runs on
(news convention). Cue and speaker come from the parse: the speech verb written right after the
quote, else the speech verb governing it, else one written before it in the same sentence, else
the news convention that a paragraph of bare quotation continues the previous quote's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, pairwise

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..model import Article, Quote, Span, Speaker
from .datenorm import WEEKDAYS
from .entities import EntityIndex
from .quotemarks import ARTICLES, MARKS, QuotedStretch, ends_sentence, goes_on, title_like
from .speakers import (
    GENDERED_WORDS,
    PERSONAL,
    RELATIVE,
    SUBJECTS,
    UTTERANCES,
    Mentions,
    age_noun,
    opens_sentence,
    relative_antecedent,
    titled_quote,
)
from .text import context_lemmas

__all__ = ["extract_quotes"]

# Lemmas of verbs that say someone said or wrote something.
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "write", "text", "tweet", "post", "ask", "continue", "explain",
    "note", "argue", "claim", "declare", "insist", "recall", "reply", "respond", "answer", "announce",
    "warn", "admit", "acknowledge", "concede", "complain", "remark", "observe", "comment", "suggest",
    "predict", "promise", "vow", "pledge", "boast", "joke", "quip", "shout", "yell", "scream",
    "chant", "sing", "whisper", "mutter", "testify", "conclude", "contend", "maintain", "assert",
    "allege", "charge", "counter", "retort", "report", "read", "email", "message", "begin", "describe",
    "call", "label", "dub", "brand", "deride", "blast", "slam", "praise", "accuse", "urge", "demand",
    "emphasize", "stress", "confirm", "deny", "reiterate", "repeat", "recount", "lament", "exclaim",
    "proclaim", "tout", "caution", "characterize", "refer", "quote", "cite", "interject", "liken", "laud",
    "hail", "applaud", "decry", "condemn", "criticize", "mock", "ridicule", "dismiss", "defend", "compare",
    "affirm", "assure", "stipulate", "opine", "muse", "plead", "scoff", "gush", "rail", "snap", "bellow",
    "murmur", "sigh", "posit", "reason", "theorize", "inform", "instruct", "specify", "tease",
    "swear", "relay", "recite", "clarify", "elaborate", "rebut", "fume", "grumble", "marvel", "concur",
})
# Speech verbs that name or judge their object ("called it “…”", "was branded “…”").
NAMING = frozenset({"call", "label", "dub", "brand", "describe", "characterize", "deride", "hail", "praise",
                    "criticize", "mock", "ridicule", "dismiss", "condemn", "decry", "laud", "tout", "liken",
                    "compare", "blast", "slam", "accuse"})
# Verbs that are cues only when written right beside the quote ("the letter continued").
NEAR_ONLY = frozenset({"begin", "continue", "read", "call", "refer", "cite", "quote", "report", "respond",
                       "answer", "reply"})
# Verbs of an "as" clause that credit what follows to its subject ("as Milbank puts it", "as the
# report points out"), beside the speech verbs.
AS_VERBS = frozenset({"put", "point", "say", "note", "write", "report"})
DASHES = frozenset({"―", "—", "–", "--"})
# Relations through which a cue verb takes its subject from the verb above ("began by saying").
CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "dep", "relcl", "prep", "ccomp"})
NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
WINDOW = 30  # tokens looked at on either side of a quotation for its cue
# "― Sonya Herridge" / "— Julie A. Diaz Martinez."
_NAME_WORD = r"[A-Z][\w'’.-]*"  # a capitalised word of a written name ("Jr.", "O’Malley", "Leo-Butz")
_SIGNATURE = re.compile(rf"{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,4}}")
# A quotation standing alone in its paragraph, signed on the next line: "…"\n\n- Bernie Sanders.
_SIGNATURE_LINE = re.compile(r"[ \t\u00a0]*\n\s*([-―—–])[ \u00a0]*(" + _SIGNATURE.pattern + r")[^\n]{0,80}(?:\n|$)")
# "PENCE: Well, …" / "SEN. WARREN: …"
_LABEL = re.compile(r"((?:[A-Z][A-Z.'’-]+ ){0,3}[A-Z][A-Z'’-]+):\s")
# The last line of a quotation when it is a credit: a capitalised line of its own, its full stop
# at most, up to the closing mark (see _Reader.credit_line).
_CREDIT_LINE = re.compile(r"\n[ \t\u00a0]*([A-Z][^\n]{1,100}?)\.?[ \t\u00a0]*\Z")
# "IOWA POLLS NOT NECESSARILY WRONG, JUST TOO EARLY - Mark Blumenthal and Jon Cohen: “…”", "…all along
# -More from Blumenthal and Cohen: “…”", "Stated Stone: “…”": a digest's byline for the quotation after it,
# set off by a dash from the headline before it, or a speech verb opening its line before the name
_BYLINE_NAME = rf"{_NAME_WORD}(?:[ \u00a0]{_NAME_WORD}){{0,3}}"
_BYLINE = re.compile(
    r"(?:(?<=\S)[ \u00a0]*[-—–―]+[ \u00a0]*(?:More from[ \u00a0]+)?|^(?P<verb>[A-Z][a-z]+)[ \u00a0]+)"
    rf"(?P<name>{_BYLINE_NAME}(?:[ \u00a0]+(?:and|&)[ \u00a0]+{_BYLINE_NAME})?|the [a-z]+):\s*$", re.M)
# "Bush: “…”" / "Michael P. McDonald:  “…”": a capitalised name of up to four words, a colon, the mark
# (and a lawmaker's party and state after the name: "Rep. Trey Gowdy (R-S.C.):")
_NAME_COLON = re.compile(r"(?<![\w.])((?:[A-Z][\w.'’-]*[ \u00a0]){0,3}[A-Z][\w'’-]+)"
                         r"(?:[ \u00a0]\([A-Z]-[A-Z][A-Za-z.]*\))?:[ \u00a0]*$")


# --- cues and speakers ------------------------------------------------------------------------


@dataclass
class _Found:
    """A quotation with what the parse says about it."""

    parts: list[tuple[int, int]]
    open_mark: int
    close_mark: int
    para: int  # paragraph of the first part
    last_para: int
    cue: tuple[int, int] | None = None
    cue_token: int = -1  # token index of the cue verb, -1 when none or not a verb
    after: bool = False  # cue written right after the quotation
    speaker: Speaker | None = None
    partial: bool = False
    goes_on: _Found | None = None  # the quotation it goes on from, past narration (see _merge_split)


class _Reader(Mentions):
    """One article's parse, with the lookups the cue and speaker rules need."""

    def __init__(self, doc: Doc, index: EntityIndex) -> None:
        super().__init__(doc, index)
        self.paras = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]

    def intro(self, para: int) -> Token | None:
        """The verb of paragraph ``para`` when it ends with a colon, introducing what follows."""
        end = self.paras[para + 1] if para + 1 < len(self.paras) else len(self.text)
        k = end - 1
        while k >= self.paras[para] and self.text[k].isspace():
            k -= 1
        if k < self.paras[para] or self.text[k] != ":":
            return None
        i = min(self.tok(k), len(self.doc) - 1)
        sent = self.doc[i].sent
        return _intro_verb([t for t in sent if t.i < i and t.idx >= self.paras[para]])

    def previous_cue(self, found: _Found) -> Token | None:
        """A speech verb in the sentence just before the quotation, in its paragraph or the last
        one: ``Bolton said he would help. "I'm going to support him."``."""
        doc = self.doc
        i = self.tok(found.open_mark) - 1
        while i >= 0 and (doc[i].is_space or doc[i].is_punct):
            i -= 1
        if i < 0 or self.para_of(doc[i].idx) < found.para - 1:
            return None
        sent = doc[i].sent
        if sent.end_char > found.open_mark:
            return None
        para_start = self.paras[self.para_of(doc[i].idx)]
        if sent.start_char < para_start:
            # a parse that runs the last paragraph's closing mark into this one's first sentence
            sent = doc[min(t.i for t in sent if t.idx >= para_start):sent.end]
        if self.quotes_in(sent.start_char, sent.end_char):
            return None
        for t in reversed(sent):
            if _is_cue(t) and t.lemma_ not in NEAR_ONLY:
                # not a speech verb inside what another reports ("Carter said that for decades some
                # critics had been predicting a withdrawal, but this would not happen. “…”"): that one
                return next((a for a in t.ancestors if a.i >= sent.start and _is_cue(a) and a.lemma_ not in NEAR_ONLY
                             and any(c.dep_ == "ccomp" and t in c.subtree for c in a.children)), t)
        said = _utterance_verb(list(sent))  # "Howard continued his scathing remarks. “…”"
        if said is None and self.para_of(sent.start_char) == found.para and not self.titled(found):
            # "Iowa State University's Dianne Bystrom agreed. “…”": the last clause's, in "Playbook
            # won't go that far, but Sherman wants to use the platform as a fact check. “…”"
            said = next((v for t in reversed(sent) if t.dep_ != "ccomp"  # not one the sentence reports
                         and (v := _person_acting(t, roles=True, person=self.person_word)) is not None), None)
        return said

    def quotes_in(self, start: int, end: int) -> bool:
        """Whether the text from ``start`` to ``end`` holds a quotation mark other than those of a
        title ("On “Face the Nation,” Sen. Bernie Sanders said …" quotes no one)."""
        if not _has_mark(self.text[start:end]):
            return False
        stretches = self.stretches[bisect_left(self._opens, start):bisect_left(self._opens, end)]
        titles = {m for q in stretches if q.close_mark >= 0 and titled_quote(self.text, q.parts)
                  for m in (q.open_mark, q.close_mark)}  # not a one-word "Yes."
        return any(self.text[i] in MARKS and i not in titles for i in range(start, end))

    def title_opened(self, mark: Token) -> int | None:
        """Where the quotation whose closing mark is in ``mark`` opens, when it is a title of a few
        capitalized words ("Ted Cruz", "Stronger Together")."""
        q = self.opened_last(mark.idx)
        if q is None or not mark.idx <= q.close_mark < mark.idx + len(mark):
            return None
        words = _quoted_words(self.text, q.parts)
        return q.open_mark if 0 < len(words) <= 4 and title_like(words) else None

    def in_marks(self, start: int, end: int, found: _Found) -> bool:
        """Whether the text from ``start`` to ``end`` is inside another quotation's marks."""
        q = self.opened_last(start)
        if q is None:
            return False
        if q.open_mark <= found.open_mark and (q.close_mark < 0 or found.parts[-1][1] <= q.close_mark):
            return False  # its own (a transcript's "PENCE: …" turn in one long quotation)
        return any(s <= start and end <= e for s, e in q.parts)

    def opened_last(self, char: int) -> QuotedStretch | None:
        """The quotation opening last at or before ``char``, if any."""
        k = bisect_right(self._opens, char) - 1
        return self.stretches[k] if k >= 0 else None

    @cached_property
    def _opens(self) -> list[int]:
        """Where each of the article's quotations opens, in text order (as ``stretches``)."""
        return [q.open_mark for q in self.stretches]

    def titled_at(self, char: int) -> bool:
        """Whether the quotation open at ``char`` reads as a title."""
        q = self.opened_last(char)
        return q is not None and title_like(_quoted_words(self.text, q.parts))

    def titled(self, found: _Found) -> bool:
        """Whether the quoted words read as a title ("The Overthrow Show"), not as a saying."""
        return title_like(_quoted_words(self.text, found.parts))

    def para_of(self, char: int) -> int:
        return bisect_right(self.paras, char) - 1

    def inside(self, found: _Found, i: int) -> bool:
        idx = self.doc[i].idx
        return any(s <= idx < e for s, e in found.parts)

    # windows --------------------------------------------------------------------------------

    def after_window(self, found: _Found) -> list[Token]:
        """Tokens after the closing mark, to the sentence's end, the next mark or the line's end."""
        if found.close_mark < 0:
            return []
        doc = self.doc
        i = self.tok(found.close_mark + 1)
        out: list[Token] = []
        sent_end = doc[i].sent.end if i < len(doc) else len(doc)
        while i < len(doc) and len(out) < WINDOW:
            t = doc[i]
            if "\n" in t.text or _has_mark(t.text):
                break
            if i >= sent_end and not (out and out[-1].text in {",", ":"}):
                break
            out.append(t)
            i += 1
        return out

    def before_window(self, found: _Found) -> list[Token]:
        """Tokens before the opening mark, back to the sentence's start, a mark or a line break."""
        doc = self.doc
        i = self.tok(found.open_mark) - 1
        if i >= 0 and doc[i].idx + len(doc[i]) > found.open_mark:
            i -= 1  # the mark is glued to the word before it: 'said,“Look'
        while i >= 0 and doc[i].is_space and "\n" not in doc[i].text:
            i -= 1  # spaces the parse keeps as a token ("in its findings:  “Further …”")
        if i < 0:
            return []
        # After a colon or comma the sentence may have been split at it: start from the cue's.
        lead = doc[i] if doc[i].text in {":", ","} or i + 1 >= len(doc) else doc[i + 1]
        sent_start = lead.sent.start
        out: list[Token] = []
        while i >= 0 and len(out) < WINDOW:
            t = doc[i]
            if "\n" in t.text or _has_mark(t.text) or i < sent_start:
                break
            out.append(t)
            i -= 1
        out.reverse()
        return out

    # cues -----------------------------------------------------------------------------------

    def attribute(self, found: _Found) -> None:
        """Set the quotation's cue, speaker and partial flag."""
        if self.credit_line(found):
            return
        after = self.after_window(found)
        before = self.before_window(found)
        found.partial = self.is_partial(found, before)
        shown = None if found.partial else self.shown_saying(before)
        if shown is not None:
            found.cue = self.cue_span(shown[0])
            found.cue_token = shown[0].i
            found.speaker = self.resolve(shown[1])
            return
        if not found.partial and self.bylined(found):
            return
        # X said as the heckler yelled: "…": a colon's clause cues the quotation before any verb above
        # it. A clause before a colon or comma cues it before any verb after it when the quotation ends
        # its sentence ("Clinton responded: “…?” Her critics cited it as …", "Hayek said, “….” The star
        # then recalled …"), not when it goes on ("…: “…,” Roffman predicted"); after a comma, only a
        # full stop ends it ("The officer yelled, “Hold it!” Holder recalled" is Holder's account)
        colon_first = not found.partial and bool(before) and before[-1].text == ":"
        verb = None
        if not found.partial and before and before[-1].text in {":", ","} \
                and self.last_mark(found)[-1:] in ({".", "?", "!"} if colon_first else {"."}) \
                and (colon_first or not (before[0].i > 0 and _has_mark(self.doc[before[0].i - 1].text))):
            # (not the second part of a quotation split around its cue: "“A,” Blige sings before asking, “B.”")
            verb = self.cue_before(before, near=True)
            if verb is not None and verb.lemma_ in {"quote", "cite"}:
                verb = None  # "Trump said, and I quote, “…”"
        if verb is None and not found.partial:
            verb = self.cue_after(found, after)
        if verb is None:
            verb = self.cue_governing(found)
            if verb is not None and found.partial and (_contact_clause(verb) or self.asked_after(found, after)):
                # "Nothing the president said “will assuage people's fears,” the Florida senator said":
                # what someone said, which the parse gives the words, is not what says them; "… but
                # Moscow strongly denies — “why wouldn't you want to raise the potential?” asked Dunn":
                # a question or exclamation is the words of whoever the sentence goes on to name
                verb = self.cue_after(found, after) or verb
        if verb is None and found.partial:
            verb = self.cue_after(found, after)
        found.after = verb is not None and any(t.i == verb.i for t in after)
        if verb is None:
            verb = self.as_clause(found)
        if verb is None and not colon_first:  # asked already
            verb = self.cue_before(before, near=not found.partial)
        clause = None
        if verb is None and found.partial:
            verb = clause = self.clause_verb(found)  # "Clinton called them “deplorables”"
            if clause is not None and not _is_cue(clause):
                # "The Graysons became “agitated” once the cameras were off, according to a source":
                # a clause that says nothing of speech is told on the source it is credited to
                verb = self.credited(clause, found) or clause
            elif clause is None:
                # "A “living wage” for a single adult … is about $12 an hour, according to calculations by
                # Amy Glasmeier": words that are their own clause's subject, credited to a source
                top = next((a for a in self.first_word(found).ancestors
                            if a.pos_ in {"VERB", "AUX"} and not self.inside(found, a.i)), None)
                verb = None if top is None else self.credited(top, found)
        if verb is None and before and before[-1].text == ":":
            verb = _intro_verb(before)  # "Politico reveals a few facts: “…”"
        if verb is None and not found.partial and before and before[-1].text in {",", ":"}:
            verb = _utterance_verb(before)  # "Trump issued a statement, “…”"
        if verb is None and not found.partial and before and before[-1].text in {",", "--", "—", "–"} \
                and not self.titled(found):
            # "Clinton shared a bit of her anxiety with an audience, “…”": a whole quotation set
            # off after a clause whose subject is a person
            verb = next((v for t in reversed(before) if (v := _person_acting(t, person=self.person_word)) is not None),
                        None)
        if verb is None:
            verb = _named_then_cue(before)  # "Trump blasted Disney for its “outrageous practices”"
        if verb is not None and found.partial:
            verb = self.reporter(verb, found)
            if self.only_manner(found) and verb.dep_ == "ccomp" and _is_cue(verb.head):
                # "Holm said in the letter that the advertisement “unmistakably and wrongfully” suggests
                # …": how a thing says something, in the words of whoever reports it
                verb = verb.head
        owned = self.owned_words(found)
        if owned is not None and verb is not None and _is_cue(verb) and verb in owned[0].subtree:
            owned = None  # "Mr. Ortiz's claim that Ms. Lowe said “we are broke”": a cue inside what it says
        if owned is not None:
            noun, found.speaker = owned
            found.cue = self.cue_span(noun)
        elif verb is not None:
            found.cue = self.cue_span(verb)
            found.cue_token = verb.i
            found.speaker = self.speaker_of(verb, found)
            if found.partial and _is_cue(verb) and _unsaid(verb) and self.says_words(verb, found):
                # "she and other Democrats refused to say the words “radical Islam”": words someone did not
                # or would not say are not theirs, but whoever reports the clause; else no one's
                above = self.reporting_above(verb, found)
                found.speaker = None if above is None else self.speaker_of(above, found)
            if verb is clause and not _is_cue(verb) and found.speaker is not None:
                # a fragment in a clause no one says, whose subject is a thing ("The music seemed to
                # match the mood as the rock classic “All Right Now” blared"): unknown beats wrong
                found.speaker = self.who_speaks(found.speaker)
        if found.speaker is None:
            self.signed(found)
        if found.speaker is None:
            self.labelled(found)
        if found.speaker is None and not found.partial:
            self.sourced(before, found)
        if found.speaker is not None and self.in_marks(found.speaker.start, found.speaker.end, found):
            # "…on MSNBC’s “Morning Joe,” calling it a “no-brainer”": a parse that ends the sentence at
            # a title's closing mark gives the title as the subject; words in marks are no one
            found.speaker = None

    def credit_line(self, found: _Found) -> bool:
        """A pull quote that names its speaker on a line of its own inside the marks (``"We are going to
        enter the next recession … ¶ Josh Bivens, Economic Policy Institute."``): the last line, a
        short one with no verb, credits the quotation, whose words end before it. Its speaker is the
        person the line names, else the line up to its first comma ("Republican National Committee
        member")."""
        s, e = found.parts[-1]
        credit = _CREDIT_LINE.search(self.text, s, e)
        if credit is None or not self.text[s:credit.start()].strip():
            return False
        start, end = credit.start(1), credit.end(1)
        words = self.doc[self.tok(start):min(self.tok(end), len(self.doc))]
        if not len(words) or len(words) > 12 or any(t.pos_ in {"VERB", "AUX"} for t in words):
            return False
        person = next((self.ent_of[t.i] for t in words if t.i in self.ent_of and self.is_person(self.ent_of[t.i])),
                      None)
        if person is not None:
            start, end = person.start_char, person.end_char
        else:
            comma = self.text.find(",", start, end)
            end = end if comma < 0 else comma
            role = [t for t in words if t.idx < end]
            if not role or not _people(role[-1]) or any(t.pos_ != "PROPN" for t in role[:-1]):
                return False  # a closing line that names no one ("Good night.") is the quotation's own
        keep = credit.start()
        while keep > s and self.text[keep - 1].isspace():
            keep -= 1
        found.parts[-1] = (s, keep)
        found.cue = (start, end)
        found.speaker = self.named(start, end)
        return True

    def who_speaks(self, speaker: Speaker) -> Speaker | None:
        """The speaker found as a clause's subject, if its words may name someone who speaks: a name
        (also one the tagger took for a common noun), a person, group or document by what it is (see
        _people), a statement, or a part of people or of a named group ("a lot of people"); for a
        thing its owner speaks through ("Sanders's clarion call for a “revolution”"), that owner; for
        any other thing ("The music", "The choice", "Optimism"), no one. The phrase is judged by its
        head: its first word's highest ancestor within it."""
        words = self.doc[self.tok(speaker.start):min(self.tok(speaker.end), len(self.doc))]
        if not len(words):
            return speaker
        root = words[0]
        while words.start <= root.head.i < words.end and root.head.i != root.i:
            root = root.head
        if root.pos_ != "NOUN" or root.ent_type_ or _people(root) or root.lemma_.lower() in UTTERANCES \
                or speaker.name != self.text[speaker.start:speaker.end] or root.text in self.surnames \
                or root.text in self.index.labels or (root.text[:1].isupper() and not root.is_sent_start) \
                or any(c.isupper() or c == "." for c in root.text[1:]):  # "FactCheck.org" opening a sentence
            return speaker  # a name the tagger took for a noun, or a role the article gives a name
        owner = next((c for c in (*root.children, *(g for c in root.children if c.dep_ == "compound"
                                                     for g in c.children))
                      if c.dep_ == "poss" and words.start <= c.i < words.end), None)
        if owner is not None:
            return self.owner(owner)
        if any(c.dep_ == "prep" and any(g.dep_ == "pobj" and (_agent(g) or _people(g)) for g in c.children)
               for c in root.children):
            return speaker  # "a lot of people", "the goals of the United Nations"
        return None

    def shown_saying(self, before: list[Token]) -> tuple[Token, Token] | None:
        """``The ad uses footage of Hillary Clinton asking, “…”``, ``The spot concludes with footage
        of Trump saying during the debate, “…”``: the words are those of whom the footage shows, not
        of the ad that shows them nor of anyone named after the quotation. The speech participle
        and the last word of the name, when a name stands between "footage of" and the participle
        and nothing but a phrase of when or where stands between the participle and the quotation."""
        for k, t in enumerate(before):
            if not (t.tag_ == "VBG" and _is_cue(t)) or k < 3:
                continue
            of = next((j for j in range(k - 1, max(k - 6, 0), -1) if before[j].lower_ == "of"), None)
            if of is None or before[of - 1].lemma_.lower() not in _FOOTAGE:
                continue
            name = before[of + 1:k]
            rest = before[k + 1:]
            if name and all(w.pos_ == "PROPN" or w.ent_type_ == "PERSON" for w in name) \
                    and all(w.is_punct or w.pos_ in {"ADP", "DET", "NOUN", "PROPN", "ADJ", "NUM"} for w in rest):
                return t, name[-1]
        return None

    def owned_words(self, found: _Found) -> tuple[Token, Speaker] | None:
        """``her remark that “…”``, ``Trump's statement that the judge was “a hater”``: words quoted
        in what someone's statement says are that someone's, whatever the clause's own subject, and
        whatever verb the sentence hangs the statement from: one that says no speaking ("fanned
        controversy over", "seized on") or one of speaking ("Fitton called Clinton's assertion of a
        “claim of right” …"; the caller sees to a speech verb inside what the statement says). Also
        what a statement promises or asks for ("his pledge to be “neutral”", "his call for “a total and
        complete ban”"); only what the statement says, not what it is ("His exact words: “…”" leaves who
        "his" is to the cue rules). The noun and its owner."""
        path = [self.first_word(found)]
        for a in path[0].ancestors:
            if self.inside(found, a.i):
                path = [a]
                continue
            if self.in_marks(a.idx, a.idx + len(a), found):
                return None  # hung from another quotation's words: the parse is no evidence
            if a.pos_ == "NOUN" and a.lemma_.lower() in _OWNED and _tells_what(path[-1]):
                owner = next((c for c in a.children if c.dep_ == "poss"), None)
                said = None if owner is None else self.owner(owner)
                return None if said is None else (a, said)
            path.append(a)
        return None

    def owner(self, poss: Token) -> Speaker | None:
        """Whose a statement is: a named owner, or whom its "his" or "her" refers to (the subject
        named before, as "Albright fanned controversy over her remark"; see Mentions.antecedent). The
        span is the owner's own word."""
        if poss.lower_ == "its":
            # "Bornstein's missive was ridiculed for its prediction that …": the clause's subject, or
            # whose that subject is
            verb = next((a for a in poss.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            subject = None if verb is None else next((c for c in verb.children if c.dep_ in SUBJECTS), None)
            if subject is None or subject.i > poss.i:
                return None
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            if owner is not None and owner.lower_ != "its":
                return self.owner(owner)
            return self.resolve(subject) if _agent(subject) and subject.pos_ != "PRON" else None
        if poss.lower_ not in {"his", "her"}:
            return self.resolve(poss) if poss.i in self.ent_of or poss.pos_ == "PROPN" else None
        name = self.antecedent(poss)
        return None if name is None else Speaker(name, poss.idx, poss.idx + len(poss))

    def last_mark(self, found: _Found) -> str:
        """The quotation's last mark inside its quote marks, if it is closed."""
        if found.close_mark < 0:
            return ""
        return self.text[found.parts[-1][1]:found.close_mark].strip() or self.text[found.parts[-1][1] - 1]

    def cue_after(self, found: _Found, after: list[Token]) -> Token | None:
        """``"…," X said`` / ``"…," said X`` / ``"…," the letter continued``; after a quotation
        ending in a comma, question or exclamation mark, any verb so placed (``"…," Trump barked``)."""
        end = self.last_mark(found)
        if found.partial and end[-1:] == ".":
            return None  # "Bush called Trump “unhinged.” Rubio called …": the sentence ended with the words
        verb = _first(after, _is_cue)
        if verb is None and found.close_mark >= 0 and end[-1:] in {",", "?", "!", "—", "–", "-"} \
                and not (after and after[0].text in DASHES):
            # (not after a quotation set off by dashes: "When Trump finally wrapped up — “…!” — the
            # balloons cascaded down")
            verb = _first(after, _is_bare_cue) or _mistagged_cue(after) or _inverted_cue(after)
        if verb is None:
            return None
        if not all(u.is_punct or _in_subject(u, verb, relative=not found.partial) for u in after[:after.index(verb)]):
            return None
        if any(c.dep_ == "mark" and c.lower_ in {"while", "whereas"} for c in verb.children):
            return None  # "agreed that Clinton is in “good health,” while 73 percent said the same of Trump"
        if any(c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i for c in verb.children):
            return None  # says something else
        if any(c.dep_ in SUBJECTS and self.stands_for_quoted(c, found) for c in verb.children):
            return None  # tells of what the words name: "a “chief trade prosecutor” who reports to …"
        return verb

    def person_word(self, tok: Token) -> bool:
        """Whether ``tok`` is in a mention of one of the article's people (see Mentions.is_person)."""
        ent = self.ent_of.get(tok.i)
        return ent is not None and self.is_person(ent)

    def first_word(self, found: _Found) -> Token:
        """The quotation's first word (the text's last token if it opens at the very end)."""
        return self.doc[min(self.tok(found.parts[0][0]), len(self.doc) - 1)]

    def asked_after(self, found: _Found, after: list[Token]) -> bool:
        """A quotation ending in a question or exclamation mark, its sentence going on after it."""
        return self.last_mark(found)[-1:] in {"?", "!"} and bool(after) and not after[0].is_sent_start

    def cue_governing(self, found: _Found) -> Token | None:
        """The speech verb the quotation's words hang from, in the quotation's own paragraphs: a
        parse that hangs a quotation from a verb of the next paragraph ("…anymore.”\n\nObama,
        speaking from the White House, said…") has run two paragraphs together."""
        doc = self.doc
        lo = self.tok(found.parts[0][0])
        hi = min(self.tok(found.parts[-1][1]), len(doc))
        seen = 0
        for i in range(lo, hi):
            t = doc[i]
            if self.inside(found, t.head.i) and t.head.i != t.i:
                continue
            seen += 1
            chain = [t, *t.ancestors][:8]
            for below, a in pairwise(chain):
                if self.inside(found, a.i):
                    continue
                if not found.para <= self.para_of(a.idx) <= found.last_para:
                    break
                if _governs(a, below, t):
                    if _adverbial(below) and not self.inside(found, below.i):
                        break  # "Christie described Clinton as a “disgrace” after she … blamed shootings on “…”"
                    return a
            if seen > 3:
                break
        return None

    def as_clause(self, found: _Found) -> Token | None:
        """``As Vulture put it, "…"`` / ``As The Daily Caller reported, the star "gave …"``: the
        verb of an "as" clause opening the quotation's sentence, when it says someone said it."""
        doc = self.doc
        i = min(self.tok(found.open_mark), len(doc) - 1)
        for t in doc[doc[i].sent.start:i]:
            if t.lower_ == "as" and t.dep_ == "mark" and t.head.i < i and not self.inside(found, t.head.i) \
                    and (_is_cue(t.head) or t.head.lemma_ in AS_VERBS):
                return t.head
        return None

    def clause_verb(self, found: _Found) -> Token | None:
        """The nearest verb outside the quotation that the quotation's words hang from."""
        t = self.first_word(found)
        nearest = None
        for a in t.ancestors:
            if self.inside(found, a.i) or a.text in DASHES:
                continue  # a dash the parse took for a verb ("WASHINGTON ― President Donald Trump … renewed")
            subjects = [c for c in a.children if c.dep_ in SUBJECTS and not self.inside(found, c.i)]
            if a.pos_ in {"VERB", "AUX"} and subjects:
                if any(_agent(c) for c in subjects):
                    return a
                nearest = nearest or a
        return nearest

    def credited(self, clause: Token, found: _Found) -> Token | None:
        """The "according to" (or "per") that credits ``clause`` or a clause above it to a source
        that can speak, outside the quotation ("according to their instinctive preference" is none);
        not past a clause of time, cause or concession (see _adverbial)."""
        above = {clause.i}
        while not _adverbial(clause) and clause.head.i != clause.i:
            # not across a clause of its own: "Though he doesn't use the word “cuts,” the plan would slow
            # … according to the Congressional Budget Office"
            clause = clause.head
            above.add(clause.i)
        return next((c for c in clause.sent if c.head.i in above and c.i != c.head.i and _is_cue(c)
                     and c.lower_ in {"according", "per"} and not self.inside(found, c.i)
                     and any(_agent(g) or _people(g) for g in c.subtree if g.dep_ == "pobj")), None)

    def reporter(self, verb: Token, found: _Found) -> Token:
        """The verb that reports the clause a fragment is quoted in, when the clause's own subject
        cannot speak: "Ortiz argued that a registry would keep people out, saying it is “all about
        paperwork”", "the governor thinks the tax issue should be a “litmus test”". Words quoted
        inside what someone says, thinks or finds are that someone's."""
        said_by = self.subject(verb, found)
        can_speak = said_by is not None and _speaks(said_by)
        if _is_cue(verb) and _not_yet(verb):
            # "she expects Obama to announce an “intensification”", "he expected that Americans will say
            # “no”": words no one has said yet are those of whoever expects them
            teller = self.teller(verb, found)
            if teller is not None:
                return teller
        if can_speak and not _is_cue(verb):
            teller = self.teller(verb, found)
            if teller is not None:
                return teller
        if said_by is None or said_by.lower_ == "it" or can_speak:
            return verb  # someone who can speak ("it" resolves to the organization last named)
        v = verb
        while v.dep_ == "conj" and v.head.i != v.i and v.head.pos_ in {"VERB", "AUX"}:
            v = v.head  # "… is “the best” and ground forces are “the best in the Middle East”"
        top = v
        for _ in range(4):
            if top.dep_ not in {"ccomp", "advcl"} or top.head.pos_ not in {"VERB", "AUX"} \
                    or top.head.i == top.i or self.inside(found, top.head.i) \
                    or (top.dep_ == "advcl" and not _is_cue(top)):
                break
            top = top.head
        if top is not v and (top.dep_ == "acl" or any(c.dep_ in SUBJECTS and _nominal(c) for c in top.children)):
            return top
        return verb

    def stands_for_quoted(self, tok: Token, found: _Found) -> bool:
        """A "who" or "that" standing for words of the quotation itself: "a “chief trade prosecutor” who
        reports to the president", "a “paperwork error” that was reported by the Times" tell of what the
        quoted words name, not who said them."""
        if tok.lower_ not in RELATIVE:
            return False
        noun = relative_antecedent(tok)
        return noun is not None and self.inside(found, noun.i)

    def says_words(self, verb: Token, found: _Found) -> bool:
        """Whether the quotation is what ``verb`` says or names (its object, complement or clause), not
        a clause beside it ("while they are “fake,” he does not demand …")."""
        t = self.first_word(found)
        for a in (t, *t.ancestors):
            if a.head.i == verb.i and a.i != verb.i:
                return a.dep_ not in _BESIDE
        return False

    def names_words(self, verb: Token, found: _Found) -> bool:
        """Whether the quotation is what ``verb``, a verb of naming, calls something (its complement)."""
        return any(c.dep_ == "oprd" and self.inside(found, c.i) for c in verb.children)

    def only_manner(self, found: _Found) -> bool:
        """Whether the quotation is only adverbs of manner ("unmistakably and wrongfully")."""
        words = [t for a, b in found.parts for t in self.doc.char_span(a, b, alignment_mode="expand") or ()
                 if not t.is_punct]
        return bool(words) and all(t.pos_ == "ADV" or t.pos_ == "CCONJ" for t in words) \
            and any(t.lower_.endswith("ly") for t in words)

    def reporting_above(self, verb: Token, found: _Found) -> Token | None:
        """The nearest verb of saying above ``verb`` that has a subject of its own."""
        for v in islice(verb.ancestors, 5):
            if self.inside(found, v.i):
                return None
            if _is_cue(v) and any(c.dep_ in SUBJECTS and _nominal(c) for c in v.children):
                return v
        return None

    def teller(self, verb: Token, found: _Found) -> Token | None:
        """The verb of saying or thinking that reports a clause whose own verb says nothing of speaking,
        though its subject could speak: "His campaign protested that Clinton aides were being
        “disingenuous”", "Two analysts found that the Israeli Air Force is “the best in the world”".
        The words are the reporter's account of the clause's subject, not that subject's words."""
        v = verb
        for _ in range(3):
            if v.dep_ not in {"ccomp", "xcomp"} or v.head.i == v.i or v.head.pos_ not in {"VERB", "AUX"} \
                    or self.inside(found, v.head.i):
                return None
            v = v.head
            if (_is_cue(v) or v.lemma_.lower() in _THINKING) \
                    and (any(c.dep_ in SUBJECTS and _nominal(c) and not self.inside(found, c.i) for c in v.children)
                         # "Two military analysts, …, found in 2014 that …": a past the parse reads as a
                         # participle of the noun before it, its subject
                         or (v.dep_ == "acl" and v.tag_ in {"VBD", "VBN"} and (_agent(v.head) or _people(v.head)))):
                return v
        return None

    def cue_before(self, before: list[Token], *, near: bool) -> Token | None:
        """``X said: "…"`` / ``X said, "…"`` / ``X said he would get "sucked into" …``."""
        colon = bool(before) and before[-1].text == ":"
        for k in range(len(before) - 1, -1, -1):
            t = before[k]
            if _is_cue(t):
                if _adverbial(t) and t.head.i > t.i and any(u.i == t.head.i for u in before):
                    # "After Jerry Brown criticized Bill Clinton, Hillary shot back, “…”": a clause of time
                    # before the one the quotation follows
                    continue
                if near and len(before) - k > 12 and not colon and before[-1].text != ",":
                    return None
                if t.lemma_ in NEAR_ONLY and len(before) - k > 3 and not colon and not _names_as(before[k:]):
                    continue
                if _when_asked(t):
                    continue
                return t
        return None

    def cue_span(self, verb: Token) -> tuple[int, int]:
        if verb.lower_ == "according" and verb.i + 1 < len(self.doc):
            nxt = self.doc[verb.i + 1]
            return verb.idx, nxt.idx + len(nxt)
        return verb.idx, verb.idx + len(verb)

    def is_partial(self, found: _Found, before: list[Token]) -> bool:
        """A fragment set in the writer's own sentence, not a quotation standing on its own."""
        if len(found.parts) > 1:
            return False
        text = self.text
        k = found.open_mark - 1
        while k >= 0 and text[k] in " \t\u00a0":
            k -= 1
        if k < 0 or text[k] in "\n.!?:;":
            return False
        if text[k] in "”\"" and k and text[k - 1] in ".!?":
            return False  # after a sentence ending in a quotation: he said on “Meet the Press.” “But …”
        first = text[found.parts[0][0]]
        if text[k] in ",—–―(" or text[k - 1:k + 1] == "--" or (before and _is_cue(before[-1])):
            return not first.isupper()  # ("--": a dash typed as two hyphens)
        return True

    # speakers -------------------------------------------------------------------------------

    def speaker_of(self, verb: Token, found: _Found) -> Speaker | None:
        if verb.lemma_ in {"tell", "ask"} and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            # "Trump was asked, "…"": the subject is who was asked; the speaker is the agent, if named
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            return None if agent is None else self.resolve(agent)
        subj = self.subject(verb, found)
        if subj is not None and _share(subj):
            poll = self.poll_of(subj, found)
            if poll is not None:
                return self.resolve(poll)
        if subj is not None and subj.lower_ in {"they", "them"}:
            group = self.group_before(subj)
            if group is not None:
                named = self.resolve(group)
                if named is not None:
                    return Speaker(named.name, subj.idx, subj.idx + len(subj))
        return None if subj is None else self.resolve(subj)

    def poll_of(self, share: Token, found: _Found) -> Token | None:
        """The poll a share of people speaks in, named in its sentence: "In a September Washington
        Post-ABC News poll, 75 percent of Republicans said “most people in politics” can't be trusted",
        "The Q poll also finds that, while 37 percent of Americans say …": the words are the poll's
        question or its answers, and the poll reports them, not the share of those asked."""
        return next((t for t in share.sent if t.pos_ == "NOUN" and t.lemma_.lower() in _POLLS
                     and not self.inside(found, t.i) and not self.quoted(t.idx)), None)

    def group_before(self, pronoun: Token) -> Token | None:
        """Who "they" stands for: the nearest subject before it in its sentence that names people or a
        group ("Clinton's campaign is seeking to contrast her approach with what they call …"); no one
        when other plural words stand between ("The party is trying to convince the courts that they …")."""
        between = False
        for t in reversed(self.doc[pronoun.sent.start:pronoun.i]):
            if self.quoted(t.idx):
                continue
            group = t.tag_ in {"NNS", "NNPS"} and (_people(t) or t.ent_type_ in {"NORP", "ORG"}) \
                or t.ent_type_ in {"ORG", "NORP"} or t.lemma_.lower() in _GROUPS
            if t.dep_ in SUBJECTS and group:
                return None if between else t
            between = between or t.tag_ in {"NNS", "NNPS"} or group
        return None

    def subject(self, verb: Token, found: _Found) -> Token | None:
        """The word naming who speaks through ``verb``: its subject outside the quotation, else
        the subject of the clause it hangs from, else a name written right beside it."""
        if verb.lower_ in {"according", "per"}:
            for c in verb.subtree:
                if c.dep_ == "pobj" and not self.inside(found, c.i):
                    return c
            return None
        agent = self.passive_agent(verb, found)
        if agent is not None:
            return agent
        opener = self.after_opening(verb, found)
        if opener is not None:
            return opener
        # "Guccifer 2.0 was branded “in homage to” Lazar, Song wrote": who a passive speech verb names
        # is not who names it ("was quoted as saying" excepted)
        named = verb.lemma_ in NAMING and any(c.dep_ == "auxpass" for c in verb.children) \
            and any(c.dep_ == "nsubjpass" for c in verb.children)
        # "an official analysis, referred to as a “score,” …": a "to" left without its object tells the
        # passive, whatever the parse makes of the verb; what is referred to is not who refers to it
        stranded = verb.lemma_ == "refer" and any(c.lower_ == "to" and not any(g.dep_ == "pobj" for g in c.children)
                                                  for c in verb.children)
        named = named or stranded
        written = next((c for c in verb.children if c.dep_ == "compound" and c.i == verb.i - 1
                        and c.ent_type_ == "PERSON" and not self.inside(found, c.i)), None)
        if written is not None and not any(c.dep_ in SUBJECTS for c in verb.children):
            # "“Cruz,” Beck joked, “Amen, brother!”": a parse that takes the name written right before
            # the verb for part of a noun, and the verb for a noun's head, leaves the verb its subject
            return written
        v = _aside_before(verb) or _past_reported(verb)
        for _ in range(6):
            subjects = [u for c in v.children
                        if c.dep_ in SUBJECTS and not self.inside(found, c.i) and not _quoted_after(v, c)
                        and not (v is verb and (stranded or (named and c.dep_ == "nsubjpass")))
                        and (u := self.unquoted(c, found)) is not None
                        and not _demonstrative(u) and (_nominal(u) or (v is verb and _share(u)))
                        and not self.stands_for_quoted(u, found) and not _dateline(u)]
            if subjects:
                # A parse that gives the verb two subjects took a phrase for one: the dateline of
                # "LONDON (Reuters) - Donald Trump said", the clause before "…, said Maria Lopez".
                # Who speaks is the one that names someone, a person before a place, not the subject of
                # "for … to" ("Royce called for Mr. Trump to “use …”"), and of those before the verb the
                # nearest ("Or maybe Jeb Bush, digital consultant Phil Musser says": a phrase put first),
                # else the first after it. ("who" is resolved to the noun it stands for.)
                chosen = min(subjects, key=lambda c: (not _agent(c), c.ent_type_ != "PERSON", _for_to(c), c.i > v.i,
                                                      -c.i if c.i < v.i else c.i))
                if chosen.ent_type_ != "PERSON":
                    # "Sirius XM Vice President for news and talk Dave Gorab called …": a title the parse
                    # joins to the name it belongs to
                    chosen = next((c for c in chosen.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                                   and not self.inside(found, c.i)), chosen)
                if chosen.lower_ in {"who", "that", "which"} and v.dep_ == "relcl" \
                        and self.in_marks(v.head.idx, v.head.idx + len(v.head), found) \
                        and not self.titled_at(v.head.idx):
                    # "Cruz called Trump a "pathological liar" who is "utterly amoral"": a relative clause
                    # of a quoted epithet goes on with the epithet, in the words of whoever gave it (a
                    # quoted title names a work, which may speak: "the 1976 movie … "All the President's
                    # Men," which made …")
                    above = next((a for a in v.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                    if above is None:
                        return None
                    v = above
                    continue
                if v is not verb and verb.tag_ == "VBG" and not _speaks(chosen) and v.dep_ in {"ccomp", "advcl"} \
                        and (above := next((a for a in v.ancestors if a.pos_ in {"VERB", "AUX"}), None)) is not None:
                    # "Trump said the SCOTUS' deadlock has “kept us safe” before claiming that …": a
                    # participle the parse hangs from a reported clause whose subject cannot speak
                    # goes on with who reports it ("Francis made clear that his meeting with Sanders was not
                    # political, saying …": the verb above the clause)
                    v = above
                    continue
                if chosen.lower_ in {"that", "which"} and v.dep_ == "relcl" and v.head.pos_ == "NOUN" \
                        and v.head.head.lemma_.lower() in _PUBLISHING:
                    # "Trump released a marketing video that said …": the message's publisher
                    return self.sender(v.head, found) or chosen
                return chosen
            if v.dep_ == "acl" and v.lemma_ in NAMING and v.tag_ == "VBD" \
                    and not any(c.dep_ == "dobj" for c in v.children) \
                    and self.names_words(v, found):
                # "Bannon, who Beck on Wednesday called “…”": a parse that hangs the verb from whom it names
                return self.beside(v, found)
            if v.dep_ == "acl" and v.head.pos_ in {"NOUN", "PROPN"} and not self.inside(found, v.head.i):
                noun = v.head
                if noun.dep_ == "pobj" and noun.head.lower_ == "to":
                    # "sent out a text message to supporters saying": the message says it, not whom it went to
                    to_whom = noun.head.head
                    noun = next((c for c in (to_whom, *to_whom.children) if c.dep_ == "dobj" and c.pos_ == "NOUN"
                                 and c.lemma_.lower() in UTTERANCES), noun)
                if v.tag_ == "VBG" and noun.pos_ == "NOUN" and not (_people(noun) or noun.lemma_.lower() in UTTERANCES):
                    # "he has battled with Guardian, at one point calling the mayor a “liar”": a
                    # participle the parse hangs from a noun that cannot speak goes on with the verb above
                    above = next((a for a in noun.ancestors if a.pos_ in {"VERB", "AUX"}), None)
                    if above is None:
                        break
                    v = above
                    continue
                sender = self.sender(noun, found)
                if sender is None and v.lemma_ in NAMING and v.tag_ == "VBN" \
                        and self.names_words(v, found) \
                        and not any(c.dep_ in {"oprd", "dobj"} and not self.inside(found, c.i) for c in v.children):
                    # "an inflation formula called the “chained CPI”" is named, not naming (but "one
                    # lawmaker called Trump “…”" names Trump)
                    return None
                return noun if sender is None else sender  # "a statement saying …"
            if v.dep_ == "conj" and v.head.dep_ == "ccomp" and _is_cue(v.head.head) and _is_cue(v) \
                    and not any(c.dep_ in SUBJECTS and _agent(c) for c in v.head.children) \
                    and any(c.dep_ == "nsubj" and _agent(c) for c in v.head.head.children):
                # "Dana Holt said the decision was made by the chief and said, "…"": the second
                # "said" goes with the first, not with the clause the first one reports
                v = v.head.head
                continue
            # (the clause of a passive verb of naming goes on only as a reported one: "…, Song wrote")
            reported = v.dep_ == "ccomp" and _is_cue(v.head)
            if v.dep_ in CLIMB and v.head.i != v.i and not (named and v is verb and not reported):
                v = v.head
                if v.pos_ in {"NOUN", "PROPN"} and v.dep_ not in SUBJECTS:
                    # "by mentioning the need for a wall and adding, “…”": a verb the parse joins to a
                    # noun goes on with the verb above the noun
                    v = next((a for a in v.ancestors if a.pos_ in {"VERB", "AUX"}), v)
                continue
            if v is not verb and v.pos_ not in {"VERB", "AUX"} and v.dep_ in {"oprd", "acomp"} and v.head.i != v.i:
                v = v.head  # "He called it “shameful” and called on leaders “…”": joined to the word before
                continue
            break
        if named:
            # "Oz has been called a charlatan by fellow physicians for promoting “quack” cures": the
            # agent; "When PolitiFact examined the senator's statement, it was labeled “Mostly True”":
            # who acts in a clause the verb hangs from; else unknown
            return _by_whom(verb) or next((s for c in verb.children if c.dep_ == "advcl" and c.i < verb.i
                                           for s in c.children if s.dep_ == "nsubj" and _agent(s)
                                           and s.pos_ != "PRON"), None)
        return self.beside(verb, found)

    def after_opening(self, verb: Token, found: _Found) -> Token | None:
        """"Remarking upon Clinton's “genuine empathy,” Starr said, “…”": a participle that opens its
        sentence, without a subject of its own, acts with the subject of the clause after its comma,
        however the parse hangs it (here from a verb inside the quotation that follows)."""
        sent = verb.sent
        if verb.tag_ != "VBG" or any(c.dep_ in SUBJECTS for c in verb.children) or not opens_sentence(verb):
            return None
        comma = next((t for t in self.doc[verb.i + 1:sent.end] if t.text == "," and not self.inside(found, t.i)
                      and not self.quoted(t.idx)), None)
        if comma is None:
            return None
        for t in self.doc[comma.i + 1:sent.end]:
            if self.quoted(t.idx) or self.inside(found, t.i) or t.is_punct or t.is_space:
                continue
            if t.dep_ in SUBJECTS and t.head.i > t.i and t.head.pos_ in {"VERB", "AUX"} and _nominal(t):
                return t
            if t.pos_ in {"VERB", "AUX"}:
                return None  # the clause after the comma has no subject before its verb
        return self.told_before(verb)

    def told_before(self, verb: Token) -> Token | None:
        """"Maher stated of the scandal that the report “wasn't good.” Adding, “Now, …”": a participle
        that opens its sentence with nothing after its comma but the quotation goes on with the
        sentence before it, in its paragraph: its main clause's subject, when that names someone."""
        i = verb.sent.start - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].is_punct) and "\n" not in self.doc[i].text:
            i -= 1
        if i < 0 or "\n" in self.doc[i].text:
            return None
        root = self.doc[i].sent.root
        return next((c for c in root.children if c.dep_ == "nsubj" and _agent(c)), None)

    def unquoted(self, word: Token, found: _Found) -> Token | None:
        """``word``, unless it stands in another quotation's marks: then the owner written before
        the marks ("Entertainment Weekly's “Hollywood Insider” is reporting"), if any. A subject the
        parse finds inside a quotation ("Never, never Hillary.”\n\nAnother commenter said") is no one."""
        if not self.in_marks(word.idx, word.idx + len(word), found):
            return word
        owner = next((c for c in word.subtree if c.dep_ == "poss"), None)
        return None if owner is None or self.in_marks(owner.idx, owner.idx + len(owner), found) else owner

    def passive_agent(self, verb: Token, found: _Found) -> Token | None:
        """"This feature has been called “strategic ambiguity” by Joshua Hendrick": a passive speech
        verb's agent, wherever the parse hangs its "by", when the quotation is what the verb says or
        names (its subject, object or complement)."""
        if _is_cue(verb) and verb.tag_ == "VBN" and verb.lemma_ != "add" \
                and not any(c.dep_ in SUBJECTS for c in verb.children):
            # "Asked by Thrush if Clinton “gets” race", "As reported by Western Journalism, …": a
            # participle with no subject, its agent named ("measures added by Republicans" adds no words)
            agent = _by_whom(verb)
            if agent is not None:
                return agent
        if not (_is_cue(verb) and any(c.dep_ == "nsubjpass" for c in verb.children)
                and any(self.inside(found, c.i) and c.dep_ in _SAID_PARTS for c in verb.children)):
            return None
        return next((g for c in verb.subtree if c.lower_ == "by" and c.i > verb.i and not self.inside(found, c.i)
                     for g in c.children if g.dep_ == "pobj" and (_agent(g) or _people(g))), None)

    def sender(self, noun: Token, found: _Found) -> Token | None:
        """Who sent the message a participle describes, when the message is the object of their
        verb: "Black Lives Matter issued a statement saying …", "his campaign sent a text message to
        supporters saying …" speak through the statement and the message. Not when the verb shows or
        hears what another says ("the ad uses footage of Clinton asking …", "we watched him saying …")."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in _SHOWING:
            return None
        subject = None
        if verb.dep_ == "xcomp" and not any(c.dep_ in SUBJECTS for c in verb.children):
            # "This prompted the tabloid to do a cover saying …": whom the verb above has make it
            subject = next((c for c in verb.head.children if c.dep_ == "dobj" and _nominal(c)
                            and not self.inside(found, c.i)), None)
        subject = subject or self.subject(verb, found)
        return subject if subject is not None and (_agent(subject) or _people(subject)) else None

    def beside(self, verb: Token, found: _Found) -> Token | None:
        """When the parse gives the verb no subject: a name written between the quotation and
        the verb (``"…," Trump, the GOP frontrunner, said``), else right after it
        (``said the 46-year-old``, ``stated an Oct. 3 letter``)."""
        doc = self.doc
        left: list[Token] = []
        i = verb.i - 1
        while i >= 0 and not self.inside(found, i) and "\n" not in doc[i].text \
                and doc[i].text not in {".", ";", ":"}:
            if _has_mark(doc[i].text):
                # "“…,” Texas delegate Bill Eastland, wearing “Ted Cruz” campaign pins, said": a title
                # in marks inside the phrase between the quotation and its verb is passed over, its
                # words no one's
                own = doc[i].idx <= found.close_mark < doc[i].idx + len(doc[i])
                opened = self.title_opened(doc[i]) if not own and 0 <= found.close_mark < verb.idx else None
                if opened is None:
                    break
                i = self.tok(opened) - 1
                continue
            left.append(doc[i])
            i -= 1
        # "“…,” Trump, the GOP frontrunner and current polling leader in South Carolina, said": the
        # phrase between the quotation and the verb is a name with what the writer adds to it
        between = {u.i for u in left}
        heads = [t for t in left if not t.is_punct and t.head.i not in between]
        if len(heads) == 1 and heads[0].ent_type_ == "PERSON" \
                and heads[0].dep_ in {"appos", "conj", "npadvmod", "dep"} \
                and i >= 0 and (self.inside(found, i) or doc[i].idx == found.close_mark):
            return heads[0]
        left = left[:15]
        right: list[Token] = []
        i = verb.i + 1
        while i < len(doc) and i - verb.i <= 6 and not self.inside(found, i) and not doc[i].is_punct \
                and (doc[i].pos_ not in {"VERB", "ADP", "SCONJ"} or doc[i].dep_ in {"amod", "compound"}
                     or (doc[i].lower_ == "of" and right and right[-1].pos_ in {"NUM", "PRON"})):
            right.append(doc[i])  # "said retired neurosurgeon Ben Carson", "said one of those advisers"
            i += 1
        if right and right[0].pos_ != "PROPN" and _hyphened(right[0]):
            right = []  # "said matter-of-factly": a word of an adverb, not who speaks
        # "Harper, who sits at zero endorsements, said"; "a “chief trade prosecutor” who reports to …"
        left = [t for t in left if not _an_object(t) and not self.stands_for_quoted(t, found)]
        if verb.lemma_ in NAMING:  # "call them “lone wolves”": whom a verb of naming names does not speak
            right = [t for t in right if not (t.head.i == verb.i and t.dep_ in {"dobj", "oprd"})]
        for side in (left, right):
            for test in (lambda t: self.ent_of.get(t.i) is not None and self.ent_of[t.i].label_ == "PERSON",
                         lambda t: (t.pos_ == "PROPN" and t.ent_type_ not in NOT_SPEAKERS) or t.text in self.surnames,
                         lambda t: (t.pos_ in {"PRON", "NOUN"} and t.lower_ not in {"it", "this", "that", "what"}
                                    # not a time ("animated on stage this morning, saying"), but an age's
                                    # year ("the 43-year-old asked", parsed as an adjective)
                                    and (_nominal(t) or t.head.lower_ == "old")
                                    and (t.dep_ not in {"poss", "compound"}
                                         or (t.head.i == verb.i and verb.pos_ != "VERB")))  # "the email read"
                         # "the editorial read", the noun tagged as an adjective of the verb taken for a noun
                         or (t.pos_ == "ADJ" and t.dep_ == "amod" and t.head.i == verb.i and verb.pos_ != "VERB"
                             and doc[t.i - 1].pos_ == "DET")
                         or (t.pos_ == "NUM" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of")):
                hits = [t for t in side if test(t)]
                if hits:
                    # The head of the phrase: the last word of a name, the noun after its modifiers.
                    return hits[0] if side is left else hits[-1]
        return None

    def labelled(self, found: _Found) -> None:
        """``Clinton: "Our goal …" Bush: "The mission …"``: a name, every word of it a proper noun,
        and a colon written right before the quotation."""
        label = _label_before(self.text, found.open_mark)
        if label is None:
            return
        doc = self.doc
        words = doc[self.tok(label.start(1)):min(self.tok(label.end(1)), len(doc))]
        if len(words) and all(t.pos_ == "PROPN" or t.i in self.ent_of or t.text == "." for t in words):
            colon = self.text.index(":", label.end(1))
            found.cue = (colon, colon + 1)
            found.speaker = self.named(label.start(1), label.end(1))

    def bylined(self, found: _Found) -> bool:
        """Give the quotation to the byline written before it (see _BYLINE), if there is one."""
        text = self.text
        k = found.open_mark
        while k and text[k - 1].isspace():
            k -= 1  # the byline may stand alone in the paragraph above ("Stated Stone:")
        if text[k - 1:k] != ":":
            return False  # no colon before the quotation: no byline, and no need to search the line
        line_start = text.rfind("\n", 0, k) + 1
        byline = _BYLINE.search(text, line_start, found.open_mark)
        verb = None if byline is None else byline["verb"]
        if byline is None or verb is not None and (verb.lower() not in SPEECH_FORMS
                                                   or byline["name"].startswith("the")):
            return False  # "Stated Stone:", not "Stated the …:"
        name = byline["name"]
        if any(w.lower() in SPEECH_FORMS and w.lower()[-1:] in {"s", "d"} for w in name.split()):
            return False  # a headline's verb ("Co-Worker Calls Alleged Shooter: “…”"), not a name
        first = re.split(r"[ \u00a0]+(?:and|&)[ \u00a0]+", name)[0]
        start = byline.start("name")
        found.cue = (byline.end("name"), byline.end("name") + 1)
        speaker = self.named(start, start + len(first))
        if verb is not None and speaker.name.startswith(verb + " "):  # the tagger took "Stated Stone" for a name
            speaker = Speaker(speaker.name[len(verb) + 1:], speaker.start, speaker.end)
        found.speaker = speaker
        return True

    def sourced(self, before: list[Token], found: _Found) -> None:
        """``From the report: "…"``, ``From Bush's Facebook post: "…"``: a quotation introduced by
        no verb, only the statement it comes from; its owner speaks, else the statement itself."""
        if len(before) < 3 or before[-1].text != ":" or before[0].lower_ != "from" \
                or any(t.pos_ in {"VERB", "AUX"} for t in before):
            return
        noun = next((c for c in before[0].children if c.dep_ == "pobj"), None)
        if noun is None or noun.pos_ != "NOUN" or not (noun.lemma_.lower() in UTTERANCES or _people(noun)):
            return
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        found.speaker = self.owner(owner) if owner is not None else self.resolve(noun)
        if found.speaker is not None:
            found.cue = self.cue_span(before[0])

    def signed(self, found: _Found) -> None:
        """``"…" ― Sonya Herridge`` or ``"PENCE: Well, …"``: a name signed after the quotation,
        or a transcript's speaker label opening it."""
        text = self.text
        if found.close_mark >= 0:
            k = found.close_mark + 1
            while k < len(text) and text[k] in " \t\u00a0":
                k += 1
            if k < len(text) and text[k] in "―—–":
                dash = k
                k += 1
                while k < len(text) and text[k] in " \t\u00a0":
                    k += 1
                end = text.find("\n", k)
                end = len(text) if end < 0 else end
                name = _SIGNATURE.match(text, k, end)
                if name:
                    found.cue = (dash, dash + 1)
                    found.speaker = self.named(name.start(), _name_end(text, name.start(), name.end()))
                    return
            signature = _SIGNATURE_LINE.match(text, found.close_mark + 1)
            if signature and self.paras[found.para] >= found.open_mark:
                found.cue = (signature.start(1), signature.start(1) + 1)
                found.speaker = self.named(signature.start(2), _name_end(text, signature.start(2), signature.end(2)))
                return
        s, _ = found.parts[0]
        label = _LABEL.match(text, s, found.parts[0][1])
        if label:
            found.cue = (label.end(1), label.end(1) + 1)
            found.speaker = self.named(label.start(1), label.end(1))


def _name_end(text: str, start: int, end: int) -> int:
    """Where a signed name ends: before the full stop closing its line ("- Sanders."), which an
    initial or an abbreviation keeps ("Joe Smith Jr.", "Ronald J.")."""
    last = text[start:end].split()[-1]
    if last.endswith(".") and len(last) > 3 and last not in {"Jr.", "Sr."}:
        return end - 1
    return end


def _label_before(text: str, open_mark: int) -> re.Match[str] | None:
    """``Bush: "The mission is …"``: a name and a colon right before a quotation's opening mark."""
    line_start = max(text.rfind("\n", 0, open_mark), text.rfind(". ", 0, open_mark) + 1, 0)
    return _NAME_COLON.search(text, line_start, open_mark)


def _is_cue(t: Token) -> bool:
    if t.lower_ == "according":
        return any(c.lower_ == "to" for c in t.children) or (
            t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to")
    if t.lower_ == "per":  # "…,” per the party’s bylaws": "according to", not "$5 per hour"
        before = t.doc[max(t.i - 2, 0):t.i].text.replace(" ", "")
        return (before[-1:] == "," or before[-2:] in {",”", ',"'}) and any(c.dep_ == "pobj" for c in t.children)
    return t.pos_ in {"VERB", "AUX"} and t.dep_ != "amod" and (t.lemma_.lower() in SPEECH_VERBS or _phrasal_cue(t))


# Verbs that speak only with their particle: "Sanders shot back, “…”", "her husband cut in", "he points out".
PHRASAL_CUES = {"shoot": "back", "fire": "back", "hit": "back", "push": "back", "snap": "back", "cut": "in",
                "chime": "in", "weigh": "in", "pipe": "up", "point": "out"}


def _phrasal_cue(t: Token) -> bool:
    """A verb of PHRASAL_CUES with its particle written right after it, whatever the parse calls the
    particle (a particle, an adverb)."""
    particle = PHRASAL_CUES.get(t.lemma_.lower())
    return particle is not None and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == particle


def _utterance_verb(tokens: list[Token]) -> Token | None:
    """The verb of a clause whose object is something said ("issued a statement", "continued his
    remarks", "posted a message"), when it has a subject: what is quoted next is that statement."""
    for t in reversed(tokens):
        if t.pos_ == "NOUN" and t.lemma_.lower() in UTTERANCES and t.dep_ == "dobj" and t.head.pos_ == "VERB" \
                and any(c.dep_ in SUBJECTS for c in t.head.children):
            return t.head
    return None


def _governs(verb: Token, below: Token, top: Token) -> bool:
    """Whether ``verb``, an ancestor of the quotation's top word ``top`` reached from ``below``,
    is the speech verb that says the quotation. A verb cued only when written right beside its
    quotation (NEAR_ONLY) is, wherever it stands, when the quotation is its clause ("Clinton
    responded to Vargas’ question on Facebook writing,  “Yes, I will.”"); not "quote" and "cite", which
    pass on another's words ("Trump said, and I quote, “…”"); and "call" when the quotation is what it
    calls someone ("with Lewandowski taking to Twitter to call Fields “totally delusional”", not the
    campaign's "denied" above it), and "refer" when it is what someone is referred to as ("Sotomayor
    referring to herself as “a wise Latina”"). A clause joined to a passive speech verb
    is not what anyone says ("they are asked to rank their choices, and the group is less likely to
    be “overrun,” Hoover said")."""
    if not _is_cue(verb) or _when_asked(verb):
        return False
    if verb.lemma_ in NEAR_ONLY:
        said = below is top and ((top.dep_ == "ccomp" and verb.lemma_ not in {"quote", "cite"})
                                 or (verb.lemma_ == "call" and top.dep_ == "oprd")) \
            or (verb.lemma_ == "refer" and below.lower_ == "as" and top.dep_ == "pobj" and top.head.i == below.i)
        if not said:
            return False
    return not (below.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.children))


def _adverbial(clause: Token) -> bool:
    """Whether ``clause`` is a clause of time, cause or concession with a subject of its own ("after
    she attacked …"): what it tells is not what the verb above it says."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _ADVERBIAL_MARKS for c in clause.children) \
        and any(c.dep_ in SUBJECTS for c in clause.children)


# Words opening a clause of time, cause or concession ("as Trump went on about “…”"); not "if" and
# "whether" ("Asked if Sanders is “…”": what is asked), nor "while", which also joins what someone says
# ("Trump said Rubio was “a lightweight” while Cruz is “a basket case”").
_ADVERBIAL_MARKS = frozenset({"after", "before", "when", "as", "because", "since", "until", "once", "although",
                              "though"})


def _contact_clause(verb: Token) -> bool:
    """Whether ``verb`` heads a clause that describes a noun with no "which", "who" or "that"
    ("Nothing the president said")."""
    return verb.dep_ == "relcl" and not any(c.tag_ in {"WDT", "WP", "WP$"} or c.lower_ == "that" for c in verb.subtree)


# Nouns for what someone said, asked for or promised, whose owner said it: UTTERANCES and a few more.
_OWNED = UTTERANCES | frozenset({"call", "conclusion", "admission", "demand", "description", "proposal", "plea",
                                 "threat", "slogan", "catchphrase", "pitch", "characterization", "prediction",
                                 "question", "denial"})


def _tells_what(part: Token) -> bool:
    """Whether ``part``, a word below a statement noun, tells what the statement says: a "that"
    clause, a "to" clause ("pledge to be …"), or an "of" or "for" phrase ("call for …")."""
    if part.dep_ in {"acl", "ccomp"} and any(c.dep_ == "mark" and c.lower_ == "that" for c in part.children):
        return True
    # a "to" clause the parse hangs on the noun as adverbial is its complement all the same ("Clinton's
    # call earlier in the night to “make America whole again”")
    if part.dep_ in {"acl", "advcl"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in part.children):
        return True
    return part.dep_ == "prep" and part.lower_ in {"of", "for"}


def _by_whom(verb: Token) -> Token | None:
    """The word naming who acts in a passive verb's "by" phrase, when it names someone who can speak."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj" and (_agent(g) or _people(g))), None)


_REFUSING = frozenset({"refuse", "decline", "fail"})
# How a clause or phrase stands beside a verb rather than telling what it says.
_BESIDE = frozenset({"advcl", "conj", "parataxis", "prep", "relcl", "acl", "agent"})


def _unsaid(verb: Token) -> bool:
    """Whether a speech verb tells of words not said: negated ("not calling it “…”", "never said") or
    refused ("refused to call them “…”")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _REFUSING


def _not_yet(verb: Token) -> bool:
    """Whether ``verb`` tells of something not (yet) done: with "will", "would", "might" and the
    like, or as a "to" clause ("expects Obama to announce")."""
    return any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children)


def _for_to(subject: Token) -> bool:
    """Whether ``subject`` is that of a "for … to" clause ("called for Mr. Trump to use …")."""
    first = subject.left_edge.i
    return first > 0 and subject.doc[first - 1].lower_ == "for"


def _person_acting(verb: Token, *, roles: bool = False,
                   person: Callable[[Token], bool] = lambda t: False) -> Token | None:
    """``verb`` when it is a verb whose subject is a person, named or "he" or "she", or with
    ``roles`` one named by what they are ("The Christian leader", "critics"); ``person``: whether a
    word names one of the article's people whatever the tagger makes of it where it stands ("Trump
    also embraced enhanced interrogation techniques", Trump tagged an organisation)."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.ent_type_ == "PERSON" or subject.lower_ in PERSONAL
                               or person(subject) or roles and _people(subject)):
        return None
    return verb


def _aside_before(verb: Token) -> Token | None:
    """For a participle right after an aside set off by dashes, which the parse hangs from the aside's
    verb, the verb the aside interrupts: "Protesters continued to call for answers, looping the streets
    around the stadium - where the Panthers played the Vikings - while chanting, “…”" goes on with the
    protesters, not the Panthers."""
    doc = verb.doc
    head = verb.head
    if verb.tag_ != "VBG" or head.i >= verb.i:
        return None
    close = next((t for t in reversed(doc[head.i + 1:verb.i]) if _dash(t)), None)
    if close is None or not all(t.is_punct or t.dep_ in {"mark", "cc"} for t in doc[close.i + 1:verb.i]):
        return None
    opening = next((t for t in reversed(doc[verb.sent.start:head.i]) if _dash(t)), None)
    if opening is None:
        return None
    top = next((t for t in doc[opening.i + 1:close.i] if not opening.i < t.head.i < close.i), None)
    return None if top is None or top.head.i == top.i or top.head.i > verb.i else top.head


def _dash(t: Token) -> bool:
    """A dash, or a hyphen typed for one between spaces."""
    return t.text in DASHES or (t.text == "-" and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_))


def _past_reported(verb: Token) -> Token:
    """``Byrne wrote the agents knew to brace for it, saying, “…”``, ``Trump told Newsmax that Romney
    “had …,” adding, “…”``: a speech participle set off by a comma after a reported clause, which the
    parse hangs from that clause's verb, goes on with the one who reports it, not with the clause's
    subject; the reporting verb, then, for the participle's own."""
    clause = top = verb.head
    while top.dep_ == "xcomp" and top.head.i != top.i and not _is_cue(top):
        top = top.head  # "said Clinton will have to choose …, saying": the clause is "will have"
    said = top.head
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and top.dep_ == "ccomp" and not _is_cue(top) \
            and not _is_cue(clause) \
            and _is_cue(said) and said.i < top.i and any(c.text == "," and c.i < verb.i for c in clause.children) \
            and not any(c.dep_ in SUBJECTS for c in verb.children) \
            and "\n" not in verb.doc[said.i:verb.i].text:  # one paragraph: a parse may run two together
        return said
    return verb


def _names_as(tokens: list[Token]) -> bool:
    """``called Florida’s standards “…``, ``called AP’s report a “…``: "call" naming what its object
    is, with the quotation as the name; a parse may hang it from the subject, but only the object's
    own words stand between the verb and the quotation (no verb or preposition: "called for",
    "called on the board to …")."""
    return tokens[0].lower_ == "called" and len(tokens) <= 8 and not any(
        t.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PRON"} or t.text in DASHES | {",", ";", ":"} for t in tokens[1:])


def _when_asked(t: Token) -> bool:
    """``When asked why, Sembler responded: "…"``: a question put to the speaker, not their cue."""
    return t.tag_ == "VBN" and t.i > 0 and t.doc[t.i - 1].lower_ in {"when", "if", "once"}


def _first(tokens: list[Token], test: Callable[[Token], bool]) -> Token | None:
    for t in tokens[:12]:
        if test(t):
            return t
    return None


# The written forms of the speech verbs, for a cue the tagger took for a noun ("the Saudis state",
# "the email read").
SPEECH_FORMS = frozenset({form for v in SPEECH_VERBS for form in (v, v + "s", v + "d", v + "ed")}
                         | {"said", "told", "wrote", "read", "began", "says", "tells", "writes"})


def _mistagged_cue(after: list[Token]) -> Token | None:
    """``"…," the email read.``: a speech verb's form tagged as a noun right after a short subject
    (a determiner, names, nouns), the clause ending there or going on with a preposition."""
    for k, t in enumerate(after[:5]):
        if t.lower_ in SPEECH_FORMS and t.pos_ in {"NOUN", "PROPN"} and k > 0 \
                and all(u.pos_ in {"DET", "PROPN", "NOUN", "ADJ"} for u in after[:k]) \
                and (k + 1 == len(after) or after[k + 1].is_punct or after[k + 1].pos_ == "ADP"):
            return t
        if t.pos_ not in {"DET", "PROPN", "NOUN", "ADJ"}:
            return None
    return None


def _inverted_cue(after: list[Token]) -> Token | None:
    """``"…," tweeted Rubio spokesman Alex Conant``: a speech verb's past form written first after
    the quotation, which the parse took for an adjective of the name that follows it."""
    if len(after) < 2:
        return None
    t = after[0]
    return t if t.dep_ == "amod" and t.tag_ in {"VBD", "VBN"} and t.lower_ in SPEECH_FORMS \
        and after[1].pos_ in {"PROPN", "DET", "NOUN", "ADJ"} else None


def _named_then_cue(before: list[Token]) -> Token | None:
    """``Trump blasted Disney for …``, ``Trump accused Cruz of being …``, ``Trump told supporters …
    that "…"``: a speech verb's past form right after a name that opens the clause, which the parse
    took for an adjective of the object after it (reading "Trump" as a noun)."""
    for k in range(1, len(before) - 1):
        t, name = before[k], before[k - 1]
        if t.dep_ == "amod" and t.tag_ in {"VBD", "VBN"} and t.lower_ in SPEECH_FORMS and name.is_title \
                and (k == 1 or before[k - 2].is_punct) and before[k + 1].pos_ in {"PROPN", "PRON", "DET", "NOUN"}:
            return t
    return None


def _is_bare_cue(t: Token) -> bool:
    """A finite verb heading its own clause: ``Trump barked``, ``Kelly charged`` (which the parse
    may take for a participle of the name before it)."""
    if t.pos_ != "VERB" or t.dep_ in {"relcl", "amod"}:
        return False
    if t.dep_ == "acl":
        return t.tag_ in {"VBD", "VBN"} and t.head.i == t.i - 1 and t.head.pos_ == "PROPN"
    if t.tag_ == "VBN":  # "“Go back to Univision,” Trump barked and …", the past read as a participle
        return t.i > 0 and t.doc[t.i - 1].pos_ == "PROPN" and not any(c.dep_ in {"aux", "auxpass"} for c in t.children)
    return t.tag_ in {"VBD", "VBZ", "VBP"}


def _in_subject(u: Token, verb: Token, *, relative: bool = False) -> bool:
    """Whether ``u``, written between a quotation and its cue verb, belongs to the cue clause;
    ``relative``: whether a relative clause there may be the subject's (after a whole quotation, not
    after words quoted inside a phrase: in "a “no-disparagement” clause that requires staffers to
    promise" the clause is no one's subject)."""
    if u.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON", "ADV", "AUX", "PART", "CCONJ"}:
        return True
    if u.i == verb.head.i and u.lemma_ in _PERCEIVED and verb.dep_ in {"xcomp", "advcl", "ccomp", "oprd"}:
        return True  # "“…?” a reporter can be heard asking Trump": heard doing the speaking
    # a name the tagger took for a verb ("Tulsa police Chief Chuck Jordan said") is still a name; and a
    # relative clause describes the subject before the verb ("Nate Silver, the polling guru who founded
    # fivethirtyeight.com tweeted")
    return verb in u.ancestors or u.ent_type_ in AGENT_LABELS or relative and any(
        a.dep_ == "relcl" and a.head.pos_ in {"NOUN", "PROPN"} and a.head.i < a.i < verb.i for a in (u, *u.ancestors))


# Verbs of being perceived speaking: "can be heard asking", "was caught on tape saying".
_PERCEIVED = frozenset({"hear", "see", "show", "catch", "film", "record", "overhear", "videotape", "tape"})


def _intro_verb(tokens: list[Token]) -> Token | None:
    """The verb of a clause introducing a quotation: its last speech verb, else its main verb."""
    for t in reversed(tokens):
        if _is_cue(t):
            return t
    if tokens and tokens[-1].text == ":" and tokens[-1].head.pos_ == "VERB" \
            and tokens[0].i <= tokens[-1].head.i < tokens[-1].i:
        return tokens[-1].head  # "then leaned in and boomed: …" (not a verb the parse took from the quote)
    inside = {t.i for t in tokens}
    for t in tokens:
        if (t.head.i not in inside or t.head.i == t.i) and t.pos_ in {"VERB", "AUX"}:
            return t
    return None


AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Verbs that show, hold up or hear what another says: their object's participle is that other's, or
# the object's own words ("held up a sign saying …"; see sender).
_SHOWING = frozenset({"see", "watch", "hear", "show", "feature", "include", "use", "quote", "cite", "find",
                      "catch", "film", "record", "depict", "mock", "play", "read", "hold", "display", "wear",
                      "carry", "wave", "raise", "hoist", "unfurl"})
# Verbs of finding and thinking that report a clause as a speech verb does (see _Reader.teller).
_THINKING = frozenset({"find", "think", "believe", "expect", "speculate", "protest", "question", "fear", "worry",
                       "hope", "doubt", "wonder", "suspect", "estimate", "determine", "show"})
# Verbs of putting a message out: who does it speaks through the message ("released an ad that urges").
# A message one writes or hands out is not among them: "penned letters that called him …", "passed out
# bottles that said …" are the letters' and the bottles' words.
# What of a passive speech verb the quotation can be (see _Reader.passive_agent).
_SAID_PARTS = frozenset({"nsubjpass", "oprd", "attr", "dobj", "xcomp", "ccomp"})
# What shows someone speaking: "footage of Trump saying, “…”" (see _Reader.shown_saying).
_FOOTAGE = frozenset({"footage", "video", "clip", "audio", "recording", "tape", "videotape"})
_PUBLISHING = frozenset({"release", "issue", "send", "run", "publish", "post", "reprint", "distribute", "air",
                         "broadcast", "launch", "unveil", "email", "tweet", "retweet", "circulate"})
AGENT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "who", "which"})


def _agent(t: Token) -> bool:
    """A word that names someone who can speak: a person, group or institution named, or a personal pronoun."""
    return t.ent_type_ in AGENT_LABELS or t.pos_ == "PROPN" or t.lower_ in AGENT_PRONOUNS \
        or any(c.dep_ == "compound" and c.ent_type_ in AGENT_LABELS for c in t.children)  # "the Sanders campaign"


def _an_object(t: Token) -> bool:
    """Whether ``t`` is the object of a verb or preposition, or a word of one ("Muslims and
    immigrants"): no subject of a verb after it. A person named as a verb's object is kept: the
    parse takes a role word for a verb ("screenwriter Ann Lee wrote": Ann Lee its object), and
    keeping them was right more often on PolNeAR train than dropping them."""
    person = t.ent_type_ == "PERSON"
    while t.dep_ in {"conj", "compound"} and t.head.i != t.i:
        if person and t.dep_ == "conj" and t.i > 0 and t.doc[t.i - 1].text == "," and t.head.ent_type_ != "PERSON":
            # "When attackers are revealed as part of the terror war, Obama and Clinton call them":
            # names after a comma that the parse joins to a thing before it are the subject it missed
            return False
        t = t.head
    return t.dep_ in {"pobj", "dative"} or (t.dep_ == "dobj" and t.ent_type_ != "PERSON")


# Common nouns that name people, groups or what they write, by their ending or their word.
_PEOPLE_ENDING = re.compile(r"(?:er|or|ist|ian|ant|ent|ate|ee|man|woman|men|women|person|people)s?$")
_PEOPLE_WORDS = frozenset({"crowd", "campaign", "committee", "head", "chief", "group", "team", "staff",
                           "petition", "party", "media", "court", "aide", "critic", "expert", "source",
                           "official", "administration", "government", "agency", "office", "board",
                           "public", "audience", "panel", "council", "union", "family", "side", "camp",
                           "poll", "survey", "study", "report", "letter", "statement", "filing", "memo",
                           "ad", "advertisement", "release", "website", "paper", "book", "article",
                           "analysis", "rally", "service", "one", "attorney", "record", "document",
                           "language", "tabloid", "newspaper", "magazine", "outlet", "network", "publication",
                           "journal", "blog", "guy", "kid", "child", "fan", "folk", "citizen", "judge",
                           "jury", "police", "pope", "host", "guest", "boss", "analyst"})


# Groups an article may call "they" ("Clinton's campaign … what they call").
_GROUPS = frozenset({"campaign", "party", "committee", "administration", "government", "team", "staff", "group",
                     "council", "board", "union", "family", "camp", "agency", "office", "panel"})


# What asks people and reports the shares of their answers.
_POLLS = frozenset({"poll", "survey"})


# Pronouns that, as the subject of a speech verb, stand for people.
_SOME_PEOPLE = frozenset({"those", "many", "some", "others", "most", "few", "several", "all", "both"})


def _speaks(t: Token) -> bool:
    """Whether a subject can speak: a name (_agent), a person, group or document by what it is
    (_people), or a pronoun for people ("those surveyed said", "many say", "others argue")."""
    return _agent(t) or _people(t) or t.lower_ in _SOME_PEOPLE


def _people(t: Token) -> bool:
    """Whether a common noun names someone who can speak: a person by role ("critics", "the
    commentator", "employees", "a woman"), a group, or a document that states. Used to decide
    whether to look past a clause's subject to who reports the clause, and whether "From the …:"
    names who speaks; never to reject a speaker found otherwise (see the speakers module on why)."""
    word = t.lemma_.lower()
    return t.pos_ == "NOUN" and (word in _PEOPLE_WORDS or word in GENDERED_WORDS
                                 or bool(_PEOPLE_ENDING.search(t.lower_)))


def _dateline(t: Token) -> bool:
    """A place in capitals opening its paragraph, as a dateline gives it ("WASHINGTON, Aug. 24 (UPI) — A
    spokesman … called", "NEW YORK (AP) —"), which the parse may take for the subject of the first
    sentence's verb: where the story was filed, not who speaks."""
    first = t.left_edge
    if t.ent_type_ not in {"GPE", "LOC"} or not t.is_upper or len(t.text) < 2:
        return False
    if any(not u.is_upper for u in t.doc[first.i:t.i + 1] if not u.is_punct):
        return False
    return first.i == 0 or "\n" in t.doc[first.i - 1].text or "\n" in t.doc[first.i - 1].whitespace_


def _demonstrative(t: Token) -> bool:
    """"that" or "this" standing for a thing said ("the brief said that was not her view"), not
    the relative "that" of "a group that said", which names the noun before it."""
    return t.lower_ in {"that", "this"} and t.tag_ == "DT"


def _share(t: Token) -> bool:
    """A share of people saying something, as polls report it: "14 percent said", "most said"."""
    return t.ent_type_ in {"PERCENT", "CARDINAL"} or t.lower_ in {"most", "many", "several", "half"}


def _quoted_after(verb: Token, subject: Token) -> bool:
    """A "subject" after its verb with a quotation mark between them is a quoted title's word, not who
    speaks: "Flynn said Thursday on Fox News's “Fox and Friends.”" is no quote of Fox's."""
    return subject.i > verb.i and _has_mark(verb.doc[verb.i + 1:subject.i].text)


def _has_mark(text: str) -> bool:
    return any(m in text for m in MARKS)


def _nominal(t: Token) -> bool:
    if age_noun(t):
        return True  # "said the 46-year-old": a person named by their age
    if t.ent_type_ == "CARDINAL" and _of_people(t):
        return True  # "Hundreds of pro-Sanders demonstrators marched …, chanting": a number of people
    if t.ent_type_ in NOT_SPEAKERS or not any(ch.isalpha() for ch in t.text):
        return False  # a dash the parse made a subject ("made public ― Trump boasted") names no one
    if not t.ent_type_ and (t.lemma_.lower() in _TIMES or t.text in WEEKDAYS):
        return False  # a time the tagger left unlabelled (a name's word, "USA Today", is labelled)
    # or a name the tagger took for a verb: "Trump shot back" (a capitalized word inside the sentence)
    return t.pos_ in {"NOUN", "PROPN", "PRON", "X"} or bool(t.ent_type_) or (
        t.is_title and not t.is_sent_start and t.tag_ in _NAME_MISTAGS)


def _of_people(t: Token) -> bool:
    """A number told by the people it counts: "Hundreds of demonstrators", "Dozens of Republicans"."""
    return t.pos_ in {"NOUN", "NUM"} and any(
        c.dep_ == "prep" and c.lower_ == "of"
        and any(g.dep_ == "pobj" and (_people(g) or _agent(g)) for g in c.children) for c in t.children)


# Words for a time, which never speaks.
_TIMES = frozenset({"morning", "afternoon", "evening", "night", "tonight", "today", "yesterday", "tomorrow",
                    "day", "week", "weekend", "month", "year", "hour", "minute"})


# What the tagger calls a surname that is also a word ("Trump shot back", "From said"); not a gerund
# or an adjective, which head a headline's own words ("Eliminating …", "The Latest")
_NAME_MISTAGS = frozenset({"VB", "VBP", "VBZ", "VBD", "IN"})


# --- putting it together ----------------------------------------------------------------------


def _turns(text: str, parts: list[tuple[int, int]], open_mark: int,
           close_mark: int) -> list[tuple[list[tuple[int, int]], int, int]]:
    """A quotation run on over paragraphs, cut where a paragraph opens with a transcript's speaker
    label (``"WALLACE: …`` / ``"PENCE: …``): each speaker's turn is a quote of its own, given to
    whoever speaks in it. Each turn with its opening mark and closing mark (-1: none, run on)."""
    cuts = [k for k in range(1, len(parts)) if _LABEL.match(text, parts[k][0], parts[k][1])]
    if not cuts:
        return [(parts, open_mark, close_mark)]
    out = []
    for lo, hi in zip([0, *cuts], [*cuts, len(parts)], strict=True):
        mark = open_mark if lo == 0 else max(parts[lo][0] - 1, 0)
        out.append((parts[lo:hi], mark, close_mark if hi == len(parts) else -1))
    return out


def _merge_split(found: list[_Found], reader: _Reader) -> list[_Found]:
    """``"A," he said. "B."``: a quotation cued right after, and one without a cue of its own
    that opens in the same paragraph right after that cue (in its sentence or the next), are one
    quote; so are the two halves of one sentence broken by its cue (``"I trust in God," Obama said,
    "but God wants…"``). Not when the first is said by a speech verb written right before it with its
    own subject: "When someone in the audience shouted, “Cruz,” Beck joked, “Amen, brother!”" quotes
    two people. Past a sentence of narration ("…," says Gloria Garcia, a nurse. She says people
    should choose. "…") the second is a quote of its own that goes on with the first's speaker
    unless that sentence gives it one (see _carry_speakers); so is one after words quoted in the
    narration of the first's cue ("…," Carson told the AP after hinting that "personnel changes" could
    come. "…": see _past_narrated)."""
    text = reader.text
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        past = None if f.partial else _past_narrated(out, reader)
        if past is not None:
            prev = past
        if prev is not None and prev.after and prev.last_para == f.para \
                and (not f.partial or _continues(prev, f, text)) \
                and not f.after and (f.cue is None or f.cue_token == prev.cue_token) \
                and prev.close_mark >= 0 and f.open_mark > prev.close_mark and not _said_before(prev, reader):
            if prev is past or not _next_to_cue(prev, f, reader):
                f.goes_on = prev
                out.append(f)
                continue
            prev.parts.extend(f.parts)
            prev.close_mark = f.close_mark
            prev.last_para = f.last_para
            prev.partial = False
            continue
        out.append(f)
    return out


def _past_narrated(out: list[_Found], reader: _Reader) -> _Found | None:
    """The quotation before the words last quoted, when those are quoted inside the narration of its
    cue's sentence: "“Everything is on the table,” Carson told the AP after hinting that “personnel
    changes” could come. “Every single thing is on the table.”" goes on from Carson's words, not from the
    words he is reported hinting at."""
    if len(out) < 2 or not out[-1].partial:
        return None
    first, quoted = out[-2], out[-1]
    if not first.after or first.cue_token < 0 or quoted.open_mark <= first.close_mark:
        return None
    return first if _opens_in(quoted, reader) == reader.doc[first.cue_token].sent else None


def _opens_in(f: _Found, reader: _Reader) -> TokenSpan:
    """The sentence a quotation opens in."""
    return reader.doc[min(reader.tok(f.open_mark), len(reader.doc) - 1)].sent


def _next_to_cue(prev: _Found, f: _Found, reader: _Reader) -> bool:
    """Whether ``f`` opens in the sentence of ``prev``'s cue or in the one right after it."""
    if prev.cue_token < 0:
        return True
    return _opens_in(f, reader).start <= reader.doc[prev.cue_token].sent.end


def _said_before(f: _Found, reader: _Reader) -> bool:
    """Whether the quotation opens right after a speech verb of its own and a comma or colon, whose
    subject is another than the speaker of the cue after it ("someone in the audience shouted, “…,”
    Beck joked"; not "Feinstein said “…,” she said")."""
    before = reader.before_window(f)  # in text order, the last word right before the mark
    if before and before[-1].text in {",", ":"}:
        before = before[:-1]
    if not before or f.speaker is None:
        return False
    verb = before[-1]
    if verb.i == f.cue_token or not _is_cue(verb) or not any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    first = reader.speaker_of(verb, f)
    return first is not None and _two_people(first, f.speaker)


def _two_people(a: Speaker, b: Speaker) -> bool:
    """Two speakers that share no word of their names, neither of them a pronoun left unresolved."""
    words = [{w.lower() for w in re.findall(r"[\w’'-]+", s.name)} - ARTICLES - {"of"} for s in (a, b)]
    return not any(w & (AGENT_PRONOUNS | {"it"}) for w in words) and not words[0] & words[1]


def _hyphened(t: Token) -> bool:
    """A word joined by a hyphen to the word after it ("matter-of-factly", "tongue-in-cheek")."""
    return not t.whitespace_ and t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ == "HYPH"


def _continues(prev: _Found, f: _Found, text: str) -> bool:
    """``f`` goes on with the sentence that ``prev`` broke off at their shared cue (see
    :func:`.quotemarks.goes_on`), ``prev`` not having closed it."""
    return f.cue is not None and f.cue_token == prev.cue_token \
        and not ends_sentence(text[prev.parts[-1][0]:prev.parts[-1][1]]) \
        and goes_on(text, prev.parts[-1][1], f.parts[0][0], f.parts[0][1])


# Kinds of work whose titles an article puts in quotation marks: "the PBS medical drama, “Mercy Street,”".
_WORKS = r"(?:program|programme|show|film|movie|book|novel|memoir|documentary|series|episode|drama|thriller|" \
         r"sitcom|comedy|musical|play|podcast|album|song|column)"
# Words written before the title of a show, film or programme: "CNN's", "on", "titled", "the sequel to", and
# the show a guest talks to ("in an interview with “Fox News Sunday.”", "told "Fox and Friends"").
_TITLE_CUE = re.compile(rf"(?:['’]s|\b(?:on|titled|of|in|{_WORKS}|(?:sequel|prequel|remake|follow-up)[ \u00a0]+to"
                        r"|interview(?:ed)?[ \u00a0]+with|speaking[ \u00a0]+(?:to|with)|told|tells|telling))"
                        r"[ \u00a0]*[,:]?[ \u00a0]*$", re.IGNORECASE)
# A title followed by its kind of work, with the medium it is on ("the “Apprentice” TV show", "his “Keepin'
# It Real” radio program"), by a remake of it ("the “Fantastic Four” reboot", "the new “Star Wars” sequel") or
# by its cast or makers: "the “Jane The Virgin” actress", "“Daily Show” host", "“Twilight” author Stephenie Meyer".
_TITLE_AFTER = re.compile(rf"[,.]?[ \u00a0]*(?:(?:TV|television|radio|reality|talk|cable|web|hit)[ \u00a0]+)?"
                          rf"(?:{_WORKS}|reboot|sequel|franchise|star|actress|actor|host|cast|author|director|"
                          rf"screenwriter|producer|creator)s?\b", re.IGNORECASE)


def _quoted_words(text: str, parts: Sequence[tuple[int, int]]) -> list[str]:
    """The words of a quotation, without the comma or full stop it ends with."""
    return text[parts[0][0]:parts[-1][1]].rstrip(".,").split()


def _is_title(text: str, f: _Found) -> bool:
    """A quote that is the title of a show, film or programme: partial or without a cue, told by the
    words before or after it (on CNN's "Face the Nation", the podcast “So, That Happened.”, the “Jane The
    Virgin” actress); with a cue, only by a word of the work written right after its closing mark, which
    makes the title a noun's modifier (“Twilight” author Stephenie Meyer confirmed …; not “Back Off,”
    host Ana Ruiz told the crowd)."""
    words = _quoted_words(text, f.parts)
    if not title_like(words) or (len(words) == 1 and words[0].isupper()):
        return False
    after = f.close_mark + 1 if f.close_mark >= 0 else f.parts[-1][1]
    if f.cue is not None and not f.partial:
        if f.close_mark < 0:
            return False
        inside = text[f.parts[-1][0]:f.close_mark].rstrip(" \u00a0")  # a sentence cut for its cue ends in ","
        return not inside.endswith((",", ".")) and text[after:after + 1] not in ",." \
            and _TITLE_AFTER.match(text, after) is not None
    return bool(_TITLE_CUE.search(text, max(f.open_mark - 20, 0), f.open_mark) or _TITLE_AFTER.match(text, after))


def _nickname(reader: _Reader, f: _Found) -> bool:
    """A name's nickname, quoted between the given name and the surname: Rep. Robert C. "Bobby" Scott,
    Vincent "the Chin" Gigante. One or two capitalised words (after "the"), a name's word just before
    the opening mark and just after the closing one, a space apart."""
    text, doc = reader.text, reader.doc
    words = _quoted_words(text, f.parts)
    if not 0 < len(words) <= 2 or not all(w.isalpha() and (w[:1].isupper() or w == "the") for w in words) \
            or not words[-1][:1].isupper() \
            or f.open_mark < 1 or f.close_mark < 0 or text[f.open_mark - 1] != " " \
            or text[f.close_mark + 1:f.close_mark + 2] != " ":
        return False
    before, after = reader.tok(f.open_mark) - 1, reader.tok(f.close_mark + 2)
    return before >= 0 and after < len(doc) and all(
        doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() for i in (before, after))


# Personal pronouns: one of them alone in quotation marks, inside a sentence, is the word itself spoken
# of, not words anyone said ("why vote for Trump, unless simply because “she” is a “he”?", "the
# community -- the “us” -- that he's empowered").
_PERSONAL = frozenset({"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them"})


def _pronoun_named(text: str, f: _Found) -> bool:
    """A quote that is one personal pronoun (see _PERSONAL); read of partial quotes only, since a
    whole quotation of one ("“Me?”") is an answer someone gave, cued or not."""
    words = _quoted_words(text, f.parts)
    return len(words) == 1 and words[0].strip("?!").lower() in _PERSONAL


def _carry_speakers(found: list[_Found], reader: _Reader) -> None:
    """A quotation without a cue of its own is given, in this order, the speaker of the colon
    clause introducing its paragraph, of a speech verb in the sentence before it, or of the quote
    in the paragraph before (news convention: a paragraph of bare quotation goes on quoting) or
    the one it goes on from in its own paragraph (see _merge_split)."""
    prev: _Found | None = None
    for f in found:
        if f.speaker is None and f.cue is None and not f.partial:
            para_start = reader.paras[f.para] >= f.open_mark
            intro = reader.intro(f.para - 1) if para_start and f.para else None
            if intro is None:
                intro = reader.previous_cue(f)
            if intro is not None:
                f.cue = reader.cue_span(intro)
                f.speaker = reader.speaker_of(intro, f)
            source = f.goes_on or (prev if para_start and prev is not None and f.para - prev.last_para <= 1 else None)
            if f.speaker is None and source is not None and source.speaker is not None:
                f.speaker = source.speaker
        prev = f


def extract_quotes(doc: Doc, article: Article, index: EntityIndex) -> Iterator[Quote]:
    """Direct quotes in the article, in text order, with cue, speaker and partial flag."""
    if not len(doc):
        return
    reader = _Reader(doc, index)
    found: list[_Found] = []
    for q in reader.stretches:
        for parts, open_mark, close_mark in _turns(reader.text, q.parts, q.open_mark, q.close_mark):
            f = _Found(parts=parts, open_mark=open_mark, close_mark=close_mark,
                       para=reader.para_of(parts[0][0]), last_para=reader.para_of(parts[-1][1]))
            reader.attribute(f)
            found.append(f)
    found = _merge_split([f for f in found if not (_is_title(reader.text, f) or _nickname(reader, f)
                                                   or (f.partial and _pronoun_named(reader.text, f)))], reader)
    _carry_speakers(found, reader)
    for f in found:
        yield _to_quote(f, reader, article)


def _to_quote(f: _Found, reader: _Reader, article: Article) -> Quote:
    doc = reader.doc
    start, end = f.parts[0][0], f.parts[-1][1]
    first = doc[min(reader.tok(start), len(doc) - 1)]
    last = doc[max(min(reader.tok(end) - 1, len(doc) - 1), 0)]
    sent = doc[first.sent.start:max(last.sent.end, first.sent.end)]
    return Quote(
        article=article.id, start=start, end=end, text=reader.text[start:end],
        sentence=Span(sent.start_char, sent.end_char), context=context_lemmas(sent, (start, end)),
        parts=tuple(Span(s, e) for s, e in f.parts), speaker=f.speaker,
        cue=None if f.cue is None else Span(*f.cue), partial=f.partial,
    )
