"""Entities with in-article canonical names and roles.

"Ted Wheeler", "Wheeler" and "Mr. Wheeler" in one article are one person, named by the longest
form the article gives ("Ted Wheeler"); "Jeb Bush" and "George P. Bush" are two, and a bare "Bush"
is the one named in full first. "Portland Mayor Ted Wheeler" and "Sean Riddell, a Portland-based
attorney" give roles, so that "the mayor" can be resolved to a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Article, Entity
from ..nlp import RANK_ABBREVIATIONS
from .quotemarks import QuotedStretch, find_quoted
from .text import char_span, context_lemmas, doc_text

LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# (with the ranks the tokenizer keeps whole with their full stop: "maj" of "Maj.", "sens" of "Sens.")
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
              "prof", "rev", "sir", "lady", "lord", "president", "senator", "judge", "justice", "insp", "det",
              "supt", "cmdr", "adm", "cpl", "pvt"} | {word[:-1].lower() for word in RANK_ABBREVIATIONS}
# Words that, written before a name, say what the person is ("Mayor Ted Wheeler").
TITLE_WORDS = {
    "mayor", "governor", "gov.", "senator", "sen.", "representative", "rep.", "president", "vice",
    "secretary", "attorney", "general", "chief", "director", "minister", "prime", "judge", "justice",
    "speaker", "leader", "chairman", "chairwoman", "chair", "commissioner", "sheriff", "spokesman",
    "spokeswoman", "spokesperson", "lawyer", "officer", "agent", "ambassador", "deputy",
    "assistant", "counsel", "special", "majority", "minority", "house", "senate", "state", "u.s.",
    "former", "acting", "ceo", "founder", "coach", "captain", "lt.", "gen.", "sgt.", "dr.", "adviser",
    "advisor", "staffer", "aide", "host", "anchor", "reporter", "columnist", "editor", "executive",
    "defense", "police", "fbi", "first", "lady", "congressman", "congresswoman", "professor", "pope",
    "king", "queen", "prince", "princess", "rev.", "bishop", "archbishop", "cardinal", "actor",
    "actress", "singer", "star", "rapper", "commander", "mayoral", "council", "councilman",
    "councilwoman", "member", "delegate", "candidate", "nominee", "lawmaker", "official",
}


@dataclass
class EntityIndex:
    """Canonical names of one article's entities, by mention and by role word."""

    names: dict[tuple[int, int], str] = field(default_factory=dict)  # mention char span -> name
    labels: dict[str, str] = field(default_factory=dict)  # name -> label
    roles: dict[str, str] = field(default_factory=dict)  # name -> role text
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name), in order
    stretches: list[QuotedStretch] | None = None  # the article's quotations (find_quoted), when read

    def name_at(self, start: int, end: int) -> str | None:
        """The canonical name of the entity mention overlapping [start, end), if any."""
        for (s, e), name in self.names.items():
            if s < end and start < e:
                return name
        return None

    def by_role(self, word: str) -> str | None:
        """The person whose role includes ``word`` ("mayor"), when exactly one has it."""
        word = word.lower()
        hits = [n for n, r in self.roles.items() if word in r.lower().split()]
        return hits[0] if len(set(hits)) == 1 else None

    def last_person_before(self, char: int) -> tuple[int, int, str] | None:
        """The last person mentioned before ``char``."""
        best = None
        for s, e, name in self.mentions:
            if e > char:
                break
            if self.labels.get(name) == "PERSON":
                best = (s, e, name)
        return best


def _name_tokens(ent: Span) -> list[Token]:
    """The words of a name: a person's without the title before it ("Sen.", "Justice"); an
    organisation keeps its own ("the Justice Department" is the Justice Department)."""
    toks = [t for t in ent if (not t.is_punct or t.text == "-") and not t.is_space]
    dropped = HONORIFICS | {"the"} if ent.label_ == "PERSON" else {"the"}
    while toks and toks[0].lower_.rstrip(".") in dropped:
        toks = toks[1:]
    while toks and toks[-1].tag_ == "POS":
        toks = toks[:-1]
    return toks


def _clean_name(ent: Span) -> str:
    toks = _name_tokens(ent)
    if not toks:
        return ent.text
    doc = ent.doc
    return doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]


def _role(ent: Span) -> str | None:
    """Title words written before a person's name, or an appositive after it."""
    doc = ent.doc
    i = ent.start - 1
    words: list[Token] = []
    while i >= 0 and doc[i].lower_ in TITLE_WORDS | {"of", "the"} or (
        i >= 0 and doc[i].dep_ == "compound" and doc[i].head.i in range(ent.start, ent.end)
    ):
        words.insert(0, doc[i])
        i -= 1
    while words and words[0].lower_ in {"of", "the"}:
        words = words[1:]
    if words and words[-1].lower_ == "of":
        return None  # "a spokesman of Jeb Bush", "the lawyer of Hillary Clinton": someone else's role, of the person
    if words:
        return doc_text(doc)[words[0].idx:words[-1].idx + len(words[-1].text)]
    for child in ent.root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > ent.end - 1:
            sub = list(child.subtree)
            sub = [t for t in sub if t.dep_ not in {"relcl", "punct"} and t.i < child.i + 6]
            if sub:
                return doc_text(doc)[sub[0].idx:sub[-1].idx + len(sub[-1].text)].removeprefix("a ").removeprefix("an ")
    return None


def build_index(doc: Doc) -> EntityIndex:
    """Group the article's entity mentions under canonical names."""
    index = EntityIndex(stretches=find_quoted(doc_text(doc)))
    ents = [e for e in doc.ents if e.label_ in LABELS]
    quoted = [part for q in index.stretches or () for part in q.parts]
    people = _People([e for e in ents if e.label_ == "PERSON"], quoted)
    for ent in ents:
        if ent.label_ == "PERSON":
            toks = _name_tokens(ent)
            name = people.name_of(toks) if toks else ent.text
        elif len(ent) == 1 and people.known(ent.text):
            # A person's bare surname that spaCy tagged as something else ("Riddell" as an ORG).
            name = people.name_of([ent[0]])
        else:
            name = _clean_name(ent)
        if not name.strip():  # spaCy can tag a run of marks and spaces as a name
            continue
        index.names[(ent.start_char, ent.end_char)] = name
        index.labels.setdefault(name, "PERSON" if name in people.canonical else ent.label_)
        index.mentions.append((ent.start_char, ent.end_char, name))
        if ent.label_ == "PERSON" and name not in index.roles:
            role = _role(ent)
            if role:
                index.roles[name] = role
    return index


class _People:
    """The people an article names, by surname. Full names of one surname are one person when one
    is the end of the other ("Wasserman Schultz", "Debbie Wasserman Schultz") or they begin with
    the same first name ("Donald Trump", "Donald J. Trump"), each named by its longest form; else
    they are different people ("Jeb Bush" and "George P. Bush", "Bill" and "Hillary Clinton"), and a
    bare surname is the one named in full first: the story's, whose family and namesakes are named in
    full ("Ted Cruz" first, then "Heidi Cruz": "Cruz said" is Ted Cruz's). A form written inside a
    quotation is someone else's way of naming the person, and names them only where the writer never
    does in full: "Crooked Hillary Clinton", in a tweet quoted, is Hillary Clinton."""

    def __init__(self, persons: list[Span], quoted: list[tuple[int, int]]) -> None:
        self.groups: dict[str, list[list[tuple[str, ...]]]] = {}  # surname -> people -> their forms
        self.longest: dict[tuple[str, ...], str] = {}  # a form -> its text, longest form written
        self.first: dict[str, int] = {}  # surname -> the person of it named in full first
        named = [(tuple(t.lower_ for t in toks), ent) for ent in persons if (toks := _name_tokens(ent))]

        def inside(ent: Span) -> bool:
            return any(start <= ent.start_char and ent.end_char <= end for start, end in quoted)

        # full forms first, the writer's before the quoted, each longest first: a person is named by
        # the first form of their group
        for form, ent in sorted(named, key=lambda n: (len(n[0]) == 1, inside(n[1]), -len(n[0]))):
            self.longest.setdefault(form, _clean_name(ent))
            people = self.groups.setdefault(form[-1], [])
            k = self._person(form) if len(form) > 1 else None
            if k is not None:
                people[k].append(form)
            elif len(form) > 1 or not people:
                people.append([form])
        for form, _ent in sorted(named, key=lambda n: n[1].start_char):
            if len(form) > 1:
                self.first.setdefault(form[-1], self._person(form) or 0)
        self.canonical = {self.longest[group[0]] for people in self.groups.values() for group in people}

    def known(self, word: str) -> bool:
        return word.lower() in self.groups

    def _person(self, form: tuple[str, ...]) -> int | None:
        """Which person of ``form``'s surname a full form names, if one yet known."""
        return next((k for k, group in enumerate(self.groups.get(form[-1], []))
                     if any(_one_person(form, other) for other in group)), None)

    def name_of(self, toks: list[Token]) -> str:
        form = tuple(t.lower_ for t in toks)
        people = self.groups.get(form[-1])
        if not people:
            return self.longest.get(form) or doc_text(toks[0].doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)]
        if len(form) > 1:
            return self.longest[people[self._person(form) or 0][0]]
        return self.longest[people[self.first.get(form[-1], 0)][0]]


# Words of speech the parse takes for a first name ("Said Comey"): no one's first name.
NOT_FIRST_NAMES = frozenset({"said", "says", "told", "asked", "added", "wrote", "stated", "noted", "declared"})


def _one_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full forms of one surname name one person (see _People)."""
    short, long = sorted((a, b), key=len)
    return long[-len(short):] == short or a[0] == b[0] or a[0] in NOT_FIRST_NAMES or b[0] in NOT_FIRST_NAMES


def extract_entities(doc: Doc, article: Article, index: EntityIndex) -> Iterator[Entity]:
    for start, end, name in index.mentions:
        span = doc.char_span(start, end)
        if span is None:
            continue
        sent = span.sent
        yield Entity(
            article=article.id, start=start, end=end, text=doc_text(doc)[start:end],
            sentence=char_span(sent), context=context_lemmas(sent, (start, end)),
            name=name, label=index.labels.get(name, span.label_), role=index.roles.get(name),
        )
