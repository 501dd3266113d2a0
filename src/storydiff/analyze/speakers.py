"""Who a quote's cue word names or refers to: resolving a subject to a speaker.

"Wheeler" → Ted Wheeler (the article's canonical name), "he" → the nearer of the last person
named and the last proper-noun subject, "the mayor" → the person whose role is mayor, "an Oct. 3
letter sent by Sean Riddell" → Sean Riddell.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from ..model import Speaker
from .entities import LABELS, EntityIndex
from .text import doc_text

PERSONAL = frozenset({"he", "she"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


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

    def tok(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def resolve(self, tok: Token) -> Speaker | None:
        """The speaker a subject word names or refers to."""
        ent = self.entity_near(tok)
        if ent is not None:
            return Speaker(self.name_of(ent), ent.start_char, ent.end_char)
        start, end = tok.idx, tok.idx + len(tok)
        low = tok.lower_
        if tok.pos_ == "PRON":
            if low in PERSONAL:
                hit = self.antecedent(tok)
                return Speaker(hit if hit else tok.text, start, end)
            if low == "it":
                org = self.last_mention(start, {"ORG"})
                return Speaker(org[1] if org else tok.text, start, end)
            return Speaker(tok.text, start, end)
        words = phrase(tok)
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        if tok.pos_ == "NOUN":
            agent = self.agent(tok)
            if agent is not None:
                return agent
            name = self.index.by_role(tok.lower_)
            if name:
                return Speaker(name, start, end)
        return Speaker(self.text[start:end], start, end)

    def antecedent(self, tok: Token) -> str | None:
        """Who "he" or "she" refers to: the nearer of the last person named and the last
        proper-noun subject (spaCy misses some names as persons)."""
        person = self.last_mention(tok.idx, {"PERSON"})
        doc = self.doc
        for i in range(tok.i - 1, max(tok.i - 80, 0) - 1, -1):
            t = doc[i]
            if person is not None and person[0] >= t.idx:
                break
            if t.dep_ in SUBJECTS and t.pos_ == "PROPN" and t.ent_type_ not in {"ORG", "GPE", "NORP"}:
                ent = self.ent_of.get(i)
                if ent is not None:
                    return self.name_of(ent)
                words = phrase(t)
                return self.text[words[0].idx:words[-1].idx + len(words[-1])]
        return person[1] if person else None

    def name_of(self, ent: TokenSpan) -> str:
        name = self.index.names.get((ent.start_char, ent.end_char), ent.text)
        if ent.label_ != "PERSON" and name in self.surnames:
            return self.surnames[name]
        return name

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

    def last_mention(self, char: int, labels: set[str]) -> tuple[int, str] | None:
        """Start and canonical name of the last entity with one of ``labels`` before ``char``."""
        k = bisect_right(self.mention_ends, char)
        mentions = self.index.mentions
        for j in range(k - 1, max(k - 40, 0) - 1, -1):
            start, _, name = mentions[j]
            if self.index.labels.get(name) in labels:
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
        return Speaker(self.text[start:end], start, end)


def phrase(noun: Token) -> list[Token]:
    """The noun's phrase: its left modifiers and a short right tail, up to a comma or clause;
    for a proper noun, the run of proper nouns ending with it."""
    doc = noun.doc
    if noun.pos_ == "PROPN":
        i = noun.i
        while i > 0 and doc[i - 1].pos_ == "PROPN" and noun.i - i < 4:
            i -= 1
        return list(doc[i:noun.i + 1])
    left = noun.left_edge.i
    while left < noun.i and (doc[left].is_space or "\n" in doc[left:noun.i].text):
        left += 1
    words = list(doc[left:noun.i + 1])
    i = noun.i + 1
    while i <= noun.right_edge.i and i < noun.i + 8:
        t = doc[i]
        if t.is_punct or t.dep_ in {"relcl", "acl", "appos"} or t.pos_ in {"VERB", "AUX"}:
            break
        words.append(t)
        i += 1
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    return words or [noun]
