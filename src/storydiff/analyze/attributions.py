"""Attributions: who an article credits for what it reports.

"the Oregonian reported", "first reported by the Portland Tribune", "according to The Atlantic",
"Calderón told CNBC", "in an interview with Fusion", "a New York Times report". Each names a
source (an outlet, a person, an organisation or a document), the cue that credits it, and the
content credited (the sentence).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..model import Article, Attribution
from ..model import Span as CharSpan
from .entities import EntityIndex
from .quotemarks import ARTICLES, MARKS, TITLE_SMALL, title_like
from .speakers import UTTERANCES, Mentions, who
from .text import char_span, context_lemmas, named

MEDIA_WORDS = {
    "times", "post", "news", "tribune", "journal", "herald", "gazette", "press", "radio",
    "tv", "television", "magazine", "reuters", "cnn", "cnbc", "msnbc", "nbc", "abc", "cbs", "fox", "npr",
    "pbs", "bbc", "axios", "politico", "bloomberg", "huffpost", "breitbart", "daily", "chronicle",
    "sun", "globe", "observer", "guardian", "telegraph", "independent", "mail", "register", "inquirer",
    "bee", "dispatch", "courier", "examiner", "insider", "vox", "buzzfeed", "slate", "salon", "hill",
    "atlantic", "yorker", "newsweek", "usa", "fusion", "univision", "telemundo", "hbo", "channel",
    "network", "station", "newspaper", "wire", "ap", "afp", "bulletin", "record", "star", "review",
    "enquirer", "statesman", "beacon", "intercept", "mother", "citizen", "monitor", "reporter",
    "week", "weekly", "today", "editorial", "blog", "podcast", "show", "broadcast", "program",
}
CALL_SIGN = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:TV|FM|AM))?$")
DOCUMENT_NOUNS = {"letter", "report", "indictment", "document", "documents", "filing", "complaint",
                  "statement", "memo", "lawsuit", "study", "survey", "poll", "record", "records", "court",
                  "data", "analysis", "email", "emails", "transcript", "order", "ruling", "release"}
REPORT_VERBS = {"report", "reveal", "publish", "learn", "break", "obtain", "disclose", "cite", "announce",
                "first", "air", "broadcast", "print", "expose"}
BROKEN_NEWS = {"news", "story", "report", "scoop"}  # what "break" credits: "the Tribune broke the story"
NEWS_VERBS = {"report", "reveal", "publish", "break", "first", "disclose", "air", "broadcast", "print"}
INTERVIEW_VERBS = {"tell", "say", "write", "speak", "appear", "add", "explain", "remark"}
CREDIT_NOUNS = {"report", "story", "article", "interview", "investigation", "analysis", "piece",
                "op-ed", "editorial", "broadcast", "exclusive", "poll", "survey", "appearance", "comment",
                "remark"}
UTTERED = {"comment", "remark", "interview"}  # said to an outlet: "comments to The New York Times"
# Things someone makes and puts out, credited to their maker by "by": "a new ad by Secure America Now",
# "the report, by White House Counsel Robert Bauer".
MADE_NOUNS = {"ad", "advertisement", "commercial", "spot", "video", "report", "memo", "study", "poll", "survey",
              "letter", "analysis", "book", "documentary", "film", "petition", "lawsuit", "audit", "review",
              "investigation", "statement", "op-ed", "editorial", "column", "article", "story"}
# Verbs of making or putting something out whose agent is its maker: "paid for by …", "was posted on
# YouTube by …", "a poll conducted by …" ("publish" and the verbs of news are REPORT_VERBS').
MADE_VERBS = {"produce", "post", "release", "write", "sponsor", "fund", "commission", "conduct", "author",
              "create", "film", "pay", "finance", "issue"}
# Cues that tell of someone speaking to an outlet, who is then its teller (see _teller).
SPEAKING = INTERVIEW_VERBS | {"interview", "appearance", "comment", "remark", "be"}


def is_outlet(name: str) -> bool:
    words = [w.strip(".,'’").lower() for w in re.split(r"[\s-]+", name)]
    if any(CALL_SIGN.match(w.strip(".,'’")) for w in name.split()):
        return True
    return any(w in MEDIA_WORDS for w in words) or any(w.endswith("news") for w in words)


# A capitalized name, its possessive, and a name or title it owns ("Fox News' Bill Hemmer"); not
# "the U.S. attorney's office", whose office is no name.
_OWNER = re.compile(r"([A-Z][^']*?)'s?\s+[\"“‘'A-Z]")


def outlet_key(name: str) -> str:
    """A comparable form of a source's name: "The Portland Tribune's" → "portland tribune"."""
    name = re.sub(r"'s$", "", name.strip().replace("’", "'"))  # "attorney’s office" is "attorney's office"
    owner = _OWNER.match(name)
    if owner:  # "Fox News' Bill Hemmer", "CBS's "Face the Nation"": the outlet is the owner named
        name = owner.group(1)
    signs = [w for w in name.replace(".", "").split() if CALL_SIGN.match(w)]
    if signs:  # "KGW-TV"; written in capitals, as "Wall" and "Week" are not
        return signs[0].lower()
    words = [w for w in re.split(r"[\s]+", name.lower().replace(".", "")) if w]
    while words and words[0] in ARTICLES:
        words = words[1:]
    words = [w for w in words if w not in {"newspaper", "radio", "tv", "magazine", "station", "website"}]
    return " ".join(words)


def _np(tok: Token) -> Span:
    """The noun phrase headed by ``tok`` without relative clauses and trailing punctuation."""
    toks = [t for t in tok.subtree if t.dep_ not in {"relcl", "acl", "punct", "appos", "cc", "conj"}
            or t.i == tok.i]
    lo = min(t.i for t in toks)
    hi = tok.i
    for t in toks:
        if t.i > tok.i and t.dep_ in {"compound", "pobj", "prep", "flat"} and t.i == hi + 1:
            hi = t.i
    doc = tok.doc
    while lo < tok.i and doc[lo].pos_ in {"DET", "PUNCT", "ADV"}:
        lo += 1
    while hi > tok.i and doc[hi].dep_ == "prep":
        hi -= 1  # "a study by", "Michael Silverman of": a preposition whose object the phrase does not reach
    return doc[lo:hi + 1]


def _named_at(span: Span, index: EntityIndex) -> str | None:
    """The name a source phrase gives: the one at its head word, else any in it ("U.S. Deputy Attorney
    General Rod Rosenstein" names Rod Rosenstein, not the U.S.); but where the phrase names an owner,
    the owner ("The Washington Post's Howard Kurtz" is the Post's, as outlet_key reads it)."""
    root = span.root
    at_root = None if any(t.tag_ == "POS" for t in span) else index.name_at(root.idx, root.idx + len(root))
    return at_root or index.name_at(span.start_char, span.end_char)


def _kind(span: Span, index: EntityIndex, name: str | None) -> str | None:
    text = span.text
    label = index.labels.get(name or "", "")
    # "Fox" is a person where the article names Vicente Fox: a bare word the article's names make a
    # fuller person's name; "the Globe" is an outlet whoever else is named so
    surname = len(span) == 1 and label == "PERSON" and name is not None and name != text \
        and not (span.start > 0 and span.doc[span.start - 1].lower_ == "the")
    if is_outlet(text) and not surname:
        return "outlet"
    if label == "PERSON":
        return "person"
    if label in {"ORG", "GPE", "NORP"}:
        return "organization"
    if span.root.lemma_.lower() in DOCUMENT_NOUNS:
        return "document"
    if span.root.pos_ == "PROPN":
        return "organization"
    return None


def _candidates(doc: Doc) -> Iterator[tuple[Token, Token, bool]]:
    """(cue token, source head token, whether the source made what the cue names) triples."""
    for tok in doc:
        lower = tok.lower_
        made = _made_by(tok)
        if made is not None:
            yield *made, True
        elif lower == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objs:
                yield tok, objs[0], False
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in REPORT_VERBS:
            if tok.lemma_.lower() == "break" and not any(
                    c.dep_ == "dobj" and c.lemma_.lower() in BROKEN_NEWS for c in tok.children):
                continue  # "Hansbrough broke the scoring record" credits no one
            for child in tok.children:
                if child.dep_ == "nsubj" and child.pos_ in {"PROPN", "NOUN"}:
                    yield tok, child, False
                elif child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            yield tok, obj, False
        elif tok.lemma_ == "be" and tok.dep_ == "ROOT":
            # "Gibbs was on ABC's “This Week.”": on the air (an outlet only: see extract_attributions)
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "on":
                    yield from ((tok, obj, False) for obj in _named_objects(child))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in INTERVIEW_VERBS:
            for child in tok.children:
                if child.dep_ in {"dobj", "dative"} and child.pos_ == "PROPN" and tok.lemma_ != "say":
                    yield tok, child, False
                elif child.dep_ == "prep" and child.lower_ in {"on", "to"}:
                    yield from ((tok, obj, False) for obj in _named_objects(child))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in CREDIT_NOUNS:
            for child in tok.children:
                if child.dep_ in {"compound", "poss"} and child.pos_ == "PROPN":
                    yield tok, child, False
                elif child.dep_ == "prep" and (child.lower_ in {"with", "for", "by", "in", "on", "from"}
                                               or child.lower_ == "to" and tok.lemma_.lower() in UTTERED):
                    # "comments to The New York Times"
                    yield from ((tok, obj, False) for obj in _named_objects(child))


def _made_by(tok: Token) -> tuple[Token, Token] | None:
    """(the made thing or the verb of making, its maker) when ``tok`` is the "by" of a maker: after a
    thing made (MADE_NOUNS), written right before it or before a comma ("a new ad by Secure America
    Now", "The report, by White House Counsel Robert Bauer,": the parse may hang "by" from the verb),
    or as the agent of a verb of making (MADE_VERBS; "paying" only "for": "paid for by the group").
    The maker is the object of "by", or the name that object stands beside ("advocacy group Secure
    America Now")."""
    if tok.lower_ != "by" or tok.dep_ not in {"prep", "agent"}:
        return None
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    name = next((c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    maker = name if obj.pos_ == "NOUN" and name is not None else obj
    k = tok.i - 2 if tok.i > 1 and tok.doc[tok.i - 1].text == "," else tok.i - 1  # the word before, past a comma
    before = tok.doc[k] if k >= 0 else None
    if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in MADE_NOUNS:
        return before, maker
    verb = tok.head
    if tok.dep_ == "agent" and verb.pos_ == "VERB" and verb.lemma_.lower() in MADE_VERBS \
            and (verb.lemma_.lower() != "pay" or any(c.lower_ == "for" for c in verb.children)):
        return verb, maker
    return None


def _name_end(source: Span) -> int:
    """Where the name ``source`` gives ends, whole, when the parse cut its last word off ("Secure
    America Now", whose "Now" it reads as an adverb; "the New York City Office of the Chief Medical
    Examiner"): the words after it of the entity its last word is in, as far as they are a title's,
    capitalised or small (TITLE_SMALL), and end on a capitalised one (not the marks or possessive an
    entity may take in: "the New York Post: '")."""
    doc, end = source.doc, source.end
    stop = end
    while stop < len(doc) and doc[stop].ent_iob_ == "I" and doc[stop].is_alpha \
            and (doc[stop].text[:1].isupper() or doc[stop].lower_ in TITLE_SMALL):
        stop += 1  # the name's own words only: not "- half" of "the Tax Policy Center - half"
    while stop > end and not doc[stop - 1].text[:1].isupper():
        stop -= 1  # ending on a word of the name: "the Office of the Surgeon General", not "… Press of"
    return stop


def _a_person(tok: Token, index: EntityIndex) -> bool:
    """Whether the article names a person at ``tok`` (the parse may tag the "Sanders" of "the Sanders
    campaign" an organisation; the article's index knows Bernie Sanders)."""
    name = index.name_at(tok.idx, tok.idx + len(tok))
    return tok.ent_type_ == "PERSON" or (name is not None and index.labels.get(name) == "PERSON")


def _named_objects(prep: Token) -> Iterator[Token]:
    """The names a preposition's object is or, for a programme whose title the parser took for
    common words or a verb, the network that owns it: "on CNN"; "on ABC's "This Week"", "on CBS's
    "Face the Nation"", "on the CBS News program" (ABC, CBS, CBS News), but not the city of "in an
    Atlanta newspaper"; or a programme's title in quotation marks right after it, however the parse
    reads its words ("in an interview with “Axios on HBO”", whose "Axios" it takes for an adverb): its
    first word (see _quoted_title)."""
    doc = prep.doc
    if prep.i + 2 < len(doc) and _quoted_title(doc[prep.i + 2]) is not None:
        yield doc[prep.i + 2]
        return
    for obj in prep.children:
        if obj.dep_ not in {"pobj", "pcomp"}:
            continue
        if obj.pos_ == "PROPN":
            yield obj
        else:
            yield from (c for c in obj.children if c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN"
                        and is_outlet(c.doc[c.left_edge.i:c.i + 1].text))


TITLE_REACH = 8  # tokens: as far as a programme's title in quotation marks may run


def _mark_from(doc: Doc, i: int) -> int | None:
    """The first quotation mark at or after token ``i``, within TITLE_REACH."""
    return next((j for j in range(i, min(i + TITLE_REACH, len(doc))) if doc[j].text in MARKS), None)


def _quoted_title(tok: Token) -> Span | None:
    """The title in quotation marks whose first word is ``tok``: the words up to the closing mark,
    without the comma or stop a sentence puts inside it, written as a title is (title_like)."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text not in MARKS:
        return None
    close = _mark_from(doc, tok.i)
    if close is None:
        return None
    end = close
    while end > tok.i and doc[end - 1].is_punct:
        end -= 1
    words = doc[tok.i:end]
    return words if len(words) and title_like([t.text for t in words]) else None


class _FullNames:
    """The outlets an article names in full, by the last words of their names, in order: "the
    Journal" is "The Wall Street Journal" when the article named that (and no other outlet ending
    so) before; otherwise the name as written. Indexed once per article: searching its named
    entities for each credit grew with the square of a long article's length."""

    def __init__(self, doc: Doc) -> None:
        # per ending: the end of each name that has it, how many outlets by then, and the name
        self.by_ending: dict[tuple[str, ...], tuple[list[int], list[int], list[str]]] = {}
        outlets: dict[tuple[str, ...], set[str]] = {}
        for e in doc.ents:
            if e.label_ == "PERSON" or not is_outlet(e.text):
                continue
            key = outlet_key(e.text)
            words = key.split()
            for k in range(1, len(words)):
                ending = tuple(words[-k:])
                ends, count, names = self.by_ending.setdefault(ending, ([], [], []))
                outlets.setdefault(ending, set()).add(key)
                ends.append(e.end_char)
                count.append(len(outlets[ending]))
                names.append(e.text)

    def of(self, source: Span) -> str:
        short = tuple(outlet_key(source.text).split())
        if not short or short not in self.by_ending:
            return source.text
        ends, count, names = self.by_ending[short]
        before = bisect.bisect_right(ends, source.start_char)
        return names[before - 1] if before and count[before - 1] == 1 else source.text


def _teller(cue: Token, mentions: Mentions | None) -> str | None:
    """Who speaks to the outlet of an interview credit: the subject of "told" or "said on" ("Mr. Fox
    told CNN"), of the clause a participle or phrase hangs from ("Mr. Brat said, speaking on Fox News",
    "In an interview with Fox News, Boehner said", "Netanyahu made an appearance on NBC"), or the
    interview's owner ("his interview on CNN"); a "he" or "his" is the person it refers to. None for
    other credits, and where no one is named."""
    if cue.lemma_.lower() not in SPEAKING:
        return None
    tok = cue
    for _ in range(4):
        teller = next((c for c in tok.children if c.dep_ == ("poss" if tok.pos_ == "NOUN" else "nsubj")), None)
        if teller is not None and teller.pos_ == "PRON" and tok.dep_ == "pobj":
            # "In his interview on CNN, Fox warned …": "his" is the clause's subject, named after it
            verb = tok.head.head
            subject = next((named(c) for c in verb.children if c.dep_ == "nsubj"), None)
            if subject:
                return subject
        if teller is not None and teller.pos_ == "NOUN" and teller.lemma_.lower() in UTTERANCES:
            # "Mr. Trump's remarks came in a telephone interview with The Times": whose remarks
            owner = next((c for c in teller.children if c.dep_ == "poss"), None)
            if owner is not None:
                found = mentions.resolve(owner) if mentions is not None else None
                return found.name if found is not None else who(owner, mentions)
        if teller is not None:
            return who(teller, mentions)
        if tok.dep_ not in {"advcl", "xcomp", "conj", "pobj", "prep", "dobj"} or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def extract_attributions(doc: Doc, article: Article, index: EntityIndex, *,
                         mentions: Mentions | None = None) -> Iterator[Attribution]:
    """The article's credits; ``mentions`` (the article's named people) tells whom a "he" who told an
    outlet something refers to."""
    seen: set[tuple[int, int]] = set()
    full_names: _FullNames | None = None
    for cue, head, authored in _candidates(doc):
        title = _quoted_title(head) if head.i > 1 and doc[head.i - 2].pos_ == "ADP" else None  # "on “…”"
        source = title if title is not None else _np(head)
        if not source.text or source[0].pos_ == "PRON" \
                or (title is None and source.root.ent_type_ in {"DATE", "TIME"}):  # "Fox News Sunday" is a title
            continue
        # a maker told by what they are is no one by name: "written by U.S. contractors" is not by the U.S.,
        # nor "funded by major GOP donors" by the GOP (but "conducted by Mr. Fishman's office" is Fishman's,
        # and "issued by the Sanders campaign" Sanders's)
        unnamed = authored and head.pos_ == "NOUN" and not head.ent_type_ and not any(
            c.dep_ in {"poss", "compound"} and c.pos_ == "PROPN" and _a_person(c, index) for c in head.children)
        named_as = None if unnamed else _named_at(source, index)
        kind = "outlet" if title is not None else _kind(source, index, named_as)  # a programme, by its title
        if kind == "organization" and cue.lemma_.lower() in NEWS_VERBS:
            kind = "outlet"  # a named organisation that "reported" or "first revealed" something is a news outlet
        # Telling or talking to someone credits them only when they are an outlet; a thing made credits
        # its maker, whoever that is.
        if kind is None or (kind != "outlet" and cue.lemma_.lower() in SPEAKING | CREDIT_NOUNS and not authored):
            continue
        # The cue phrase plus the source: "the Oregonian reported", "first reported by the Portland Tribune".
        start = source.start - 1 if source.start > 0 and doc[source.start - 1].lower_ == "the" else source.start
        lo = min(cue.i, start)
        # the source's name whole, where the parse cut its last word off ("Secure America Now": "Now" an adverb)
        hi = max(cue.i + 1, source.end, _name_end(source))
        if title is not None:
            hi = max(hi, (_mark_from(doc, title.end) or title.end - 1) + 1)  # its closing mark
        if cue.lower_ == "according":
            hi = max(hi, cue.i + 2)
        for left in cue.lefts:
            if left.dep_ == "advmod" and left.lower_ in {"first", "initially", "originally"} and left.i == lo - 1:
                lo = left.i
        if hi - lo > 12:
            lo, hi = start, source.end
        span = doc[lo:hi]
        key = (span.start_char, span.end_char)
        if key in seen:
            continue
        seen.add(key)
        name = named_as or source.text
        if kind == "outlet":
            full_names = full_names or _FullNames(doc)
            name = full_names.of(source)
        sent = span.sent
        yield Attribution(
            article=article.id, start=span.start_char, end=span.end_char, text=span.text,
            sentence=char_span(sent), context=context_lemmas(sent, (span.start_char, span.end_char)),
            source=re.sub(r"^(?:the|The)\s+", "", name), source_kind=kind, cue=cue.lemma_.lower(),
            content=CharSpan(sent.start_char, sent.end_char),
            teller=_teller(cue, mentions) if kind == "outlet" else None,
        )
