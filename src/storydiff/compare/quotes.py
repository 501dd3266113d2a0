"""Comparing quotes across articles, one quoted sentence at a time.

A quote is split into its sentences (the unit the outlets' versions are compared at: one outlet
may carry three sentences of a statement, another only the middle one; where two outlets break the
same words into sentences differently, the longer sentence is cut where the other's ends, see
:func:`common_cuts`). Two units are the same quote when most of the shorter one's words appear, in
order, in the longer, and most of its own words (not its function words) among them; they agree when
their words are the same apart from case and punctuation, and are variants otherwise, with a
word-level diff. The same words given to two different named people are a conflict.

Only the pairs of units an index of their words finds are judged (:func:`quote_candidates`), so
the work follows the pairs that could be one quote, not the square of the sentences quoted.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from ..analyze.quotemarks import ARTICLES, TITLE_SMALL, ends_sentence, goes_on, title_like
from ..analyze.speakers import PERSONAL
from ..model import Quote
from .align import Pair

WORD = re.compile(r"\[[^\]]*\]|[\w’‘ʼ'*‐‑-]+(?:[.’‘ʼ'][\w]+)*")
WORD_CHAR = re.compile(r"\w")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")
# An ellipsis between words: the outlet left words out there, often the end of one sentence and the
# start of the next ("You paid in to Medicare for years … now when you need it"), so the stretches
# on either side are compared as units of their own.
_DOTS = r"(?:…|\.\s?\.\s?\.)"
ELLIPSIS = re.compile(_DOTS + r"(?=\s+[\"“‘]?\w)")
TRAILING_ELLIPSIS = re.compile(r"\s*" + _DOTS + "$")
MASKED = re.compile(r"[*-]{2,}")  # a word masked by its printer: "f-----g", "s**t"
MARK_ONLY = re.compile(r"[‐‑’‘ʼ'-]+")  # a dash ("--") or a quote mark standing alone is no word
# A quote within a quote: a stretch in single quotes (or in double ones inside single) that opens
# after a space and closes before a space or punctuation, so that "Hunters’ money" and "don't" are
# none. Another outlet may quote only those words ("refused to say the words 'radical Islam'"
# against “radical Islam”).
NESTED = re.compile(r"(?:^|(?<=[\s(]))[‘'“]([^‘’'“”\n]{2,160}?)[,.]?[’'”](?=[\s.,;:!?)]|$)")
STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "that", "this", "we", "i", "you",
        "he", "she", "they", "be", "for", "on", "at", "was", "are", "not", "but", "with", "as", "by"}
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof",
                 "rev", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun",
                 "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "d.c", "a.m", "p.m", "mt", "ft", "pres",
                 "atty", "det", "ave", "blvd", "dept", "univ", "u.n", "u.k", "e.g", "i.e"}
MIN_SHARED = 3  # words two longer units must share, in order
MIN_COVERAGE = 0.6  # share of the shorter unit's words found in the longer one
# Words from which the same words given to two different people are one quote credited two ways (a
# speaker conflict); fewer, they are a phrase each of them said
SPEAKER_CONFLICT_WORDS = 6
SPEAKER_CONFLICT_COVERAGE = 0.9  # and share of them alike, in order: the same words, told of two people
# The fewest words of a quoted sentence in which one word quoted elsewhere is looked for as an excerpt
# (see judge_units); against a shorter phrase ("Crooked" and "Crooked Hillary", "suspicious" and "is
# definitely suspicious") the word is that phrase's core, however often the writers use it.
WORD_IN_SENTENCE = 4
MIN_PIECE = 3  # the fewest words a sentence cut where another outlet ends one keeps on either side
CLAUSE_MARK = re.compile(r"[,;:–—]|--")
WINDOW = 64  # the most sentences of another article one sentence is judged against (see quote_candidates)

Token = tuple[str, int]  # a unit's word and which of its occurrences there (0 for the first)


@dataclass(frozen=True)
class Unit:
    """One quoted sentence (or fragment) of a quote."""

    quote: Quote
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # normalized: lower case, curly apostrophes straightened
    tokens: tuple[str, ...]  # the same words as written
    index: int  # position among the quote's units
    setting: str  # the sentences around the quote, where its speaker is named
    named: bool  # the speaker mention itself carries the speaker's name (not "he", not carried over)
    by_pronoun: bool = False  # the speaker mention is a personal pronoun ("he said"), the name resolved from it
    nested: bool = False  # a quote within the quote ("…refused to say the words 'radical Islam'")
    unmasked: tuple[str, ...] = ()  # the words with a masked one ("f-----g") read as the word it masks
    narration: frozenset[str] = frozenset()  # the article's own words, outside its quotes, as compared (see narrated)

    @property
    def matched(self) -> tuple[str, ...]:
        """The words as matched against other versions: a masked word is the word another outlet
        prints in full (see :func:`unmask`)."""
        return self.unmasked or self.words

    @property
    def article(self) -> str:
        return self.quote.article


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "‐": "-", "‑": "-"})


def normalize_word(word: str) -> str:
    """A word as compared: case, apostrophes and hyphens folded ("He’s" and "he's" are one word)."""
    return word.lower().translate(_APOSTROPHES).strip("'")


def _sentence_cuts(chunk: str) -> list[int]:
    """Where the sentences of a quoted stretch end; "Mr." and "U.S." end none."""
    cuts = [m.end() for m in ELLIPSIS.finditer(chunk)]
    for m in SENTENCE_END.finditer(chunk):
        end = m.start()  # just past the sentence's final mark
        word = _word_before(chunk, end - 1)
        if chunk[end - 1] == "." and (word in ABBREVIATIONS or len(word.rstrip(".")) == 1):
            continue
        cuts.append(end)
    return sorted(set(cuts))


def _word_before(chunk: str, end: int) -> str:
    """The run of word characters and dots that ends at ``end``, lower case: "u.s" before the final
    dot of "U.S.". Read backwards from ``end``: the runs before two cuts never overlap (whitespace
    ends each), so cutting a quote reads it about once."""
    start = end
    while start > 0 and (chunk[start - 1] == "." or WORD_CHAR.match(chunk, start - 1)):
        start -= 1
    return chunk[start:end].lower()


def quote_units(quote: Quote, text: str) -> Iterator[Unit]:
    """The sentences of a quote, with offsets into the article text.

    A sentence broken by the cue ("I trust in God," Obama said, "but God wants…") is one unit: its
    words are both parts', its evidence runs from the first part to the end of the second."""
    setting = text[quote.sentence.start:quote.sentence.end]
    named = quote.speaker is not None and _names(quote.speaker.name, text[quote.speaker.start:quote.speaker.end])
    by_pronoun = quote.speaker is not None and text[quote.speaker.start:quote.speaker.end].lower() in PERSONAL
    count = itertools.count()

    def unit(start: int, end: int, tokens: tuple[str, ...]) -> Iterator[Unit]:
        words = tuple(normalize_word(w) for w in tokens)
        yield Unit(quote, start, end, text[start:end], words, tokens, next(count), setting, named, by_pronoun)
        for m in NESTED.finditer(text, start, end):
            inner = _words(m.group(1))
            if inner and len(inner) < len(tokens):
                yield Unit(quote, m.start(1), m.end(1), m.group(1), tuple(normalize_word(w) for w in inner), inner,
                           -1, setting, named, by_pronoun, nested=True)

    held: tuple[int, int, tuple[str, ...]] | None = None  # a sentence the part ended before it did
    for number, part in enumerate(quote.parts):
        pieces = list(_pieces(text, part.start, part.end))
        for at, (start, end, tokens) in enumerate(pieces):
            if held is not None:
                start, tokens = held[0], held[2] + tokens
                held = None
            last = at == len(pieces) - 1
            if last and number < len(quote.parts) - 1 and not ends_sentence(text[start:part.end]) \
                    and goes_on(text, part.end, quote.parts[number + 1].start, quote.parts[number + 1].end):
                held = (start, end, tokens)
                continue
            yield from unit(start, end, tokens)
    if held is not None:  # the quote's last part ended unfinished
        yield from unit(*held)


def unmask(units: Sequence[Unit]) -> list[Unit]:
    """The units, each masked word ("f-----g", "s**t") read as the word it masks where another
    quote of the story prints that word in full ("fucking"), so that one outlet's censored version
    is matched with another's plain one; the difference stays in the words (a variant)."""
    plain = Counter(w for u in units for w in u.words if not MASKED.search(w))
    out = []
    for u in units:
        if not any(MASKED.search(w) for w in u.words):
            out.append(u)
            continue
        read = []
        for w in u.words:
            full = [v for v in plain if _censored(w, v)] if MASKED.search(w) else []
            # a mask that keeps the word's length ("f-----g") tells the word best, then how often it is printed
            read.append(max(full, key=lambda v: (len(v) == len(w), plain[v], v)) if full else w)
        out.append(replace(u, unmasked=tuple(read)))
    return out


def narrated(units: Sequence[Unit], texts: Mapping[str, str]) -> list[Unit]:
    """The units, each with its article's own words: those of the text outside every part of the
    article's quotes, as compared (normalize_word)."""
    parts: dict[str, set[tuple[int, int]]] = {}
    for u in units:
        parts.setdefault(u.article, set()).update((p.start, p.end) for p in u.quote.parts)
    own: dict[str, frozenset[str]] = {}
    for article, spans in parts.items():
        text, pieces, at = texts[article], [], 0
        for start, end in sorted(spans):
            pieces.append(text[at:start])
            at = max(at, end)
        pieces.append(text[at:])
        own[article] = frozenset(normalize_word(w) for w in WORD.findall(" ".join(pieces)))
    return [replace(u, narration=own[u.article]) for u in units]


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """The sentences of one quoted part of ``text``: their start, end and words as written."""
    chunk = text[start:end]
    pos = 0
    for cut in [*_sentence_cuts(chunk), len(chunk)]:
        piece = chunk[pos:cut]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip().rstrip(",;:").strip().rstrip("\"”")
        body = TRAILING_ELLIPSIS.sub("", body).rstrip(" ,;:")  # cut at an ellipsis: the words before it
        s = start + pos + lead
        tokens = _words(body)
        if tokens:
            yield s, s + len(body), tokens
        pos = cut
        while pos < len(chunk) and chunk[pos] in "\"”’ \n\t\r":
            pos += 1


def _words(text: str) -> tuple[str, ...]:
    """The words of quoted text as written, marks standing alone left out."""
    return tuple(w for w in WORD.findall(text) if not MARK_ONLY.fullmatch(w))


def _plain(words: Sequence[str]) -> list[str]:
    """Words without bracketed editorial insertions, for matching."""
    return [w for w in words if not w.startswith("[")]


def _censored(a: str, b: str) -> bool:
    """'f***ing' and 'fucking', 'b----' and 'bitch': the same word, masked."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0]:
        return False
    mask = a if MASKED.search(a) else b if MASKED.search(b) else None
    if mask is None:
        return False
    other = b if mask is a else a
    pattern = "^" + "".join(".+" if c in "*-" else re.escape(c) for c in re.sub(r"([*-])\1+", r"\1", mask)) + "$"
    return re.match(pattern, other) is not None


def shared_words(a: Sequence[str], b: Sequence[str]) -> int:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def judge_units(x: Unit, y: Unit) -> Pair | None:
    a, b = _plain(x.matched), _plain(y.matched)
    if not a or not b:
        return None
    part, whole = (x, y) if len(a) <= len(b) else (y, x)
    if a != b and _named_thing(part, whole) and not _named_thing(whole):
        # a name or title in marks ("Twilight.") beside a sentence quoted elsewhere that holds it ("We
        # love Stephenie Meyer's fantastic Twilight series") is the thing named, not a part of those words
        return None
    short = min(len(a), len(b))
    if short >= MIN_SHARED:
        # Words in common, ignoring order, bound the in-order count from above: most pairs of
        # sentences share too few words to be one quote, and need no sequence matching.
        common = Counter(a) & Counter(b)
        in_common = sum(common.values())
        if in_common < MIN_SHARED or in_common / short < MIN_COVERAGE \
                or not _content_held(a if len(a) <= len(b) else b, common):
            return None
    shared = shared_words(a, b)
    coverage = shared / short
    if short < MIN_SHARED:
        # A one- or two-word fragment ("exhilarated", "Smiles for Life") must appear whole in the
        # other version and carry a word that is not a function word; short words all ("He's cool")
        # link only as the whole quote of both, credited to one person by name.
        contained = _contains(b, a) if len(a) <= len(b) else _contains(a, b)
        fragment = a if len(a) <= len(b) else b
        if not contained or not (any(_telling(w) for w in fragment) or (a == b and _same_speaker(x, y))
                                 or (len(fragment) > 1 and _said_by_one(x, y))):
            return None
        if len(fragment) == 1 and a != b and max(len(a), len(b)) >= WORD_IN_SENTENCE \
                and (fragment[0] in x.narration or fragment[0] in y.narration):
            # one word quoted ("even though he found “evidence”") that either writer also uses in their
            # own words is the story's word: met inside another outlet's quoted sentence ("We also
            # developed evidence that the security culture …"), it is no excerpt of that sentence
            return None
        coverage = 1.0
    elif shared < MIN_SHARED or coverage < MIN_COVERAGE:
        return None
    if a != b and (short < SPEAKER_CONFLICT_WORDS or coverage < SPEAKER_CONFLICT_COVERAGE) \
            and not (x.nested or y.nested) and _speakers_differ(x, y, pronouns=True) and not _named_thing(part):
        # words two people each said, not one quote credited two ways (a speaker conflict: the same
        # words, and enough of them): a word or phrase ("judgment", "presumptive nominee", "act of
        # terror"), or words that only partly match ("These guys are on the wrong side of history",
        # Tvert; "I think it shows they are on the wrong side of history", Vicente), are two statements
        # (a name in marks, "Oddfather", is anyone's)
        return None
    # Brackets are the editor's words: left out when matching, but an insertion all the same.
    relation = "same" if x.words == y.words else "compatible"
    # A quote within a quote is someone else's words: its quote's speaker did not say them first.
    if coverage >= SPEAKER_CONFLICT_COVERAGE and short >= SPEAKER_CONFLICT_WORDS and not (x.nested or y.nested) \
            and _speakers_differ(x, y):
        relation = "incompatible"
    # the same words outrank one version held inside a longer one (a quote within a quote)
    return Pair(coverage + 0.01 * min(short, 20) + (0.005 if a == b else 0.0), relation)


def _content_held(short: Sequence[str], common: Counter[str]) -> bool:
    """Whether the shorter version's own words, not its function words, are mostly among the words
    it has in ``common`` with the other: "To pay for Obamacare" shares "to pay for" with "…cuts in
    Medicare to pay for an ill-conceived health care plan", and is no part of it."""
    content = sum(w not in STOP for w in short)
    return content < 2 or sum(n for w, n in common.items() if w not in STOP) / content >= MIN_COVERAGE


def held_in(part: Unit, whole: Unit) -> bool:
    """Whether a fragment set in the writer's sentence is held in another article's longer quote by
    words that tell: two of them ("started running for office" in "…the same view that I've had
    since running for office"), or the whole fragment of two words or more with one. Function words
    alone ("of the century") hold nothing, and neither does one word ("exploit")."""
    if not part.quote.partial or len(part.matched) >= len(whole.matched):
        return False
    a, b = _plain(part.matched), _plain(whole.matched)
    telling = {w for w in a if _telling(w)} & set(b)
    return len(telling) >= 2 or (bool(telling) and len(a) >= 2 and _contains(b, a))


def quote_sentences(units: Sequence[Unit]) -> dict[int, list[Unit]]:
    """Each quote's sentences in order (its quotes within it left out), by the quote's id."""
    siblings: dict[int, list[Unit]] = {}
    for u in units:
        if not u.nested:
            siblings.setdefault(id(u.quote), []).append(u)
    return siblings


def common_cuts(units: Sequence[Unit], pairs: Iterable[tuple[int, int]],
                judge: Callable[[Unit, Unit], Pair | None]) -> list[Unit]:
    """The units, each sentence cut where another article's version of the same words ends one
    sentence and begins the next: one outlet prints "we win the House again, but there is a chance
    we could lose" as one sentence, another as two ("…again. But there is a chance…"), and both are
    then compared as two, so neither version's second half is a difference of the first.

    ``pairs``: the candidate pairs (i, j) of units; a cut comes only from a pair ``judge`` links. The
    longer unit is cut at a clause mark (comma, semicolon, colon, dash) where the shorter one ends
    and the words after the mark begin the shorter one's next sentence in its quote (or where it
    starts, and the words before end its previous one), leaving at least :data:`MIN_PIECE` words on
    each side. A fragment set in the writer's own sentence lends its cuts as a whole quote does
    (said the city would "finish the bridge by spring. But the tunnel will take…"); one of one
    sentence has no next or previous sentence to lend one."""
    siblings = quote_sentences(units)
    position = {id(u): k for run in siblings.values() for k, u in enumerate(run)}
    spans: dict[int, list[tuple[int, int]] | None] = {}
    cuts: dict[int, set[int]] = {}
    for pair in pairs:
        i, j = sorted(pair, key=lambda k: -len(units[k].matched))
        x, y = units[i], units[j]
        if x.nested or y.nested or len(x.matched) < len(y.matched) + MIN_PIECE:
            continue
        if i not in spans:
            spans[i] = _token_spans(x)
        here = spans[i]
        if here is None or judge(*(units[k] for k in pair)) is None:  # as align will ask: a verdict kept
            continue
        run, k = siblings[id(y.quote)], position[id(y)]
        matcher = SequenceMatcher(None, x.matched, y.matched, autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        first, last = blocks[0], blocks[-1]
        after = last.a + last.size
        if k + 1 < len(run) and last.b + last.size >= len(y.matched) - 1 and _cuttable(x, here, after) \
                and x.matched[after:after + 2] == run[k + 1].matched[:2]:
            cuts.setdefault(i, set()).add(after)
        if k > 0 and first.b <= 1 and _cuttable(x, here, first.a) \
                and x.matched[first.a - 2:first.a] == run[k - 1].matched[-2:]:
            cuts.setdefault(i, set()).add(first.a)
    if not cuts:
        return list(units)
    out: list[Unit] = []
    for n, u in enumerate(units):
        here = spans.get(n)
        if n not in cuts or here is None:
            out.append(u)
            continue
        bounds = [0]
        for at in sorted(cuts[n]):
            if at - bounds[-1] >= MIN_PIECE and len(u.tokens) - at >= MIN_PIECE:
                bounds.append(at)
        bounds.append(len(u.tokens))
        for a, b in itertools.pairwise(bounds):
            start, end = here[a][0], here[b - 1][1]
            out.append(replace(u, start=u.start + start, end=u.start + end, text=u.text[start:end],
                               words=u.words[a:b], tokens=u.tokens[a:b], unmasked=u.unmasked[a:b]))
    counters: dict[int, itertools.count[int]] = {}
    return [u if u.nested else replace(u, index=next(counters.setdefault(id(u.quote), itertools.count())))
            for u in out]


def _token_spans(unit: Unit) -> list[tuple[int, int]] | None:
    """Where each of a unit's words stands in its text; None for a sentence joined across its cue,
    whose text holds the cue's words too."""
    found = [m for m in WORD.finditer(unit.text) if not MARK_ONLY.fullmatch(m.group())]
    if tuple(m.group() for m in found) != unit.tokens:
        return None
    return [m.span() for m in found]


def _cuttable(unit: Unit, spans: Sequence[tuple[int, int]], at: int) -> bool:
    """Whether a unit can be cut before its ``at``-th word: a clause mark stands there, with
    MIN_PIECE words on either side."""
    if not MIN_PIECE <= at <= len(spans) - MIN_PIECE:
        return False
    return CLAUSE_MARK.search(unit.text, spans[at - 1][1], spans[at][0]) is not None


@dataclass(frozen=True)
class Candidates:
    """The pairs of units (i, j), i < j, worth judging, and where finding them was bounded: ``bounded``
    maps a unit to the articles more than :data:`WINDOW` of whose sentences could match it, of which
    only the WINDOW nearest in order were taken."""

    pairs: list[tuple[int, int]]
    bounded: dict[int, set[str]]


def quote_candidates(units: Sequence[Unit]) -> Candidates:
    """The pairs of units from different articles worth judging, found through an index of their words.

    judge_units links two units only when they share enough words: a unit of n >= MIN_SHARED words
    shares at least t = :func:`_required` (n) of them with any longer unit it is linked with, so, its
    words ordered rarest first, one of its first n - t + 1 is among them (prefix filtering); a shorter
    fragment appears whole in the other with a word of five letters or more, so its rarest such word
    is there (a fragment of short words only is linked only with the same words, so any of its words
    is there). Each unit looks up those words for units at least as long as itself that share t of its
    words, so every pair judge_units could link is found from its shorter side, and pairs that cannot
    be linked are not judged.

    The one bound on work: a unit takes at most :data:`WINDOW` such units of each other article,
    nearest in order first (the k-th of its article's units with a word meets the k-th of the other's
    first). Only a sentence that more than WINDOW sentences of one article could match reaches it —
    one sentence said over and over — and ``bounded`` records where it did.
    """
    index = _WordIndex(units)
    pairs: set[tuple[int, int]] = set()
    bounded: dict[int, set[str]] = {}
    for k in range(len(units)):
        for article, (found, cut) in index.matches(k).items():
            pairs.update((min(k, j), max(k, j)) for j in found)
            if cut:
                bounded.setdefault(k, set()).add(article)
    return Candidates(sorted(pairs), bounded)


class _WordIndex:
    """A story's quoted sentences by their tokens, per article, in order."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = units
        self.tokens = [_tokens(u.matched) for u in units]
        self.token_sets = [set(ts) for ts in self.tokens]
        self.rarity = Counter(t for ts in self.tokens for t in ts)  # a unit's tokens are distinct: units per token
        self.postings: dict[Token, dict[str, list[int]]] = {}
        for k, ts in enumerate(self.tokens):
            for t in ts:
                self.postings.setdefault(t, {}).setdefault(units[k].article, []).append(k)

    def matches(self, k: int) -> dict[str, tuple[set[int], bool]]:
        """Per other article, the units at least as long as unit ``k`` that share enough of its
        words to be linked with it (at most WINDOW, nearest in order first), and whether more did."""
        unit, size = self.units[k], len(self.tokens[k])
        need = _required(size) if size >= MIN_SHARED else size  # a fragment's words all appear in the other
        found: dict[str, set[int]] = {}
        cut: set[str] = set()
        for t in _lookup_tokens(sorted(self.tokens[k], key=lambda t: (self.rarity[t], t))):
            by_article = self.postings[t]
            rank = bisect_left(by_article[unit.article], k)
            for article, posting in by_article.items():
                if article == unit.article or article in cut:
                    continue
                near = found.setdefault(article, set())
                for j in _outward(posting, rank):
                    if len(self.tokens[j]) < size or j in near or len(self.token_sets[k] & self.token_sets[j]) < need:
                        continue  # judge_units' first test, words in common ignoring order, on sets of tokens
                    if len(near) == WINDOW:
                        cut.add(article)
                        break
                    near.add(j)
        return {article: (near, article in cut) for article, near in found.items()}


def _outward(posting: Sequence[int], rank: int) -> Iterator[int]:
    """A posting's entries nearest ``rank`` first: rank, rank - 1, rank + 1, rank - 2, …"""
    below, above = min(rank, len(posting)) - 1, rank
    while below >= 0 or above < len(posting):
        if above < len(posting):
            yield posting[above]
            above += 1
        if below >= 0:
            yield posting[below]
            below -= 1


def _tokens(words: Sequence[str]) -> list[Token]:
    """A unit's plain words as distinct tokens: the second "we" is ("we", 1)."""
    seen: Counter[str] = Counter()
    out = []
    for w in _plain(words):
        out.append((w, seen[w]))
        seen[w] += 1
    return out


def _required(size: int) -> int:
    """The fewest words a unit of ``size`` words (at least MIN_SHARED) shares with a longer one it is linked with."""
    return max(MIN_SHARED, next(c for c in range(size + 1) if c / size >= MIN_COVERAGE))


def _lookup_tokens(rarest_first: Sequence[Token]) -> Sequence[Token]:
    """The tokens of a unit one of which every unit at least as long that judge_units links it with carries."""
    size = len(rarest_first)
    if size >= MIN_SHARED:
        return rarest_first[:size - _required(size) + 1]
    telling = [t for t in rarest_first if _telling(t[0])][:1]
    return telling or rarest_first[:1]  # short words only: linked with the same words alone, all of them


def _telling(word: str) -> bool:
    """A word that can carry a fragment on its own: five letters or more, not a function word."""
    return len(word) >= 5 and word not in STOP


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(list(longer[i:i + n]) == list(shorter) for i in range(len(longer) - n + 1))


TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "sen", "senator", "rep", "representative", "gov",
                    "governor", "lt", "gen", "general", "col", "colonel", "sgt", "sergeant", "capt", "captain", "cpl",
                    "officer", "det", "detective", "chief", "prof", "professor", "rev", "reverend", "president",
                    "pres", "mayor", "judge", "justice", "secretary", "minister", "prime", "vice", "former", "the"})
"""Words of a title, not of a name: "Sgt." alone names no one, and two senators share no name by "Sen."."""


def name_words(name: str) -> set[str]:
    """The words of a person's name that tell one person from another (capitalized, titles left
    out), without accents: outlets write "Calderón" and "Calderon", "Peña" and "Pena"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", plain)} - TITLES


def _names(name: str, mention: str) -> bool:
    """Does the mention end in the speaker's name ("Sen. Lis Smith")? Not "he", not "the Obama campaign"."""
    words = re.findall(r"[\w’'-]+", mention)
    return bool(words) and words[-1].lower() in name_words(name)


def _same_speaker(x: Unit, y: Unit, *, named: bool = True) -> bool:
    """Both articles name the speaker, and by one name ("Murray", "Lt. Gov. Timothy Murray"); with
    ``named`` false, a speaker a pronoun or role noun refers to counts as named."""
    if x.quote.speaker is None or y.quote.speaker is None or (named and not (x.named and y.named)):
        return False
    return bool(name_words(x.quote.speaker.name) & name_words(y.quote.speaker.name))


def _named_thing(unit: Unit, beside: Unit | None = None) -> bool:
    """Words that read as a name or title (see title_like: "New Moon", "Twilight.", "the Oddfather";
    not a fragment opening with another small word, "in Vietnam"), not cried out ("Thieves!",
    "Murderers!": a chant's word, capitalized as its sentence's first) unless the quote ``beside`` it
    writes its words capitalized inside a sentence too, as a name is ("Mexico!" beside "I heard the
    head of Mexico said")."""
    words = [t for t in unit.tokens if any(ch.isalpha() for ch in t)]
    if not (words and (words[0][:1].isupper() or words[0].lower() in ARTICLES) and title_like(words)):
        return False
    if not unit.text.rstrip(" \"'”’").endswith(("!", "?")):
        return True
    inside = {t for t in (beside.tokens[1:] if beside is not None else ()) if t[:1].isupper()}
    return all(w in inside for w in words if w.lower() not in TITLE_SMALL)


def _said_by_one(x: Unit, y: Unit) -> bool:
    """Words of a short fragment that both articles give to one person, named or referred to ("He
    deemed Trump's plan “a con”", "“…and New Yorkers know a con when we see one,” he said"): not a
    name or title, which anyone may quote ("New Moon")."""
    fragment = x if len(x.matched) <= len(y.matched) else y
    return _same_speaker(x, y, named=False) and not all(t[:1].isupper() for t in fragment.tokens)


def _speakers_differ(x: Unit, y: Unit, *, pronouns: bool = False) -> bool:
    """Both articles name a different person as the speaker, each in so many words (or, with
    ``pronouns``, by a "he" or "she" read as a name), and neither mentions the other's speaker where it
    quotes (as in "Obama's spokeswoman, Lis Smith, said"). A role ("the Greek prime minister", "the GOP
    front-runner") names no one to tell apart."""
    if x.quote.speaker is None or y.quote.speaker is None \
            or not all(u.named or (pronouns and u.by_pronoun) for u in (x, y)):
        return False
    na, nb = name_words(x.quote.speaker.name), name_words(y.quote.speaker.name)
    if not na or not nb or na & nb or any(fuzz.ratio(a, b) >= 80 for a in na for b in nb):
        return False  # one person, or one name spelled two ways ("Hefner", "Heffner")
    return not (nb & name_words(x.setting)) and not (na & name_words(y.setting))


def diff_reference(units: Sequence[Unit]) -> Unit:
    """The version others are diffed against: the one with the fewest editorial brackets, then the longest."""
    return min(units, key=lambda u: (sum(w.startswith("[") for w in u.words), -len(u.words), u.article))


def word_diff(ref: Unit, other: Unit) -> dict[str, Any]:
    """What ``other`` inserts, omits and changes relative to ``ref``, word by word (as written). The
    words are lined up as matched, a masked word with the word it masks, so a censored word is one
    change ("fucking" for "f-----g (masked)") and not a rewording of the words around it."""
    a, b = ref.matched, other.matched
    inserted: list[str] = []
    omitted: list[str] = []
    changed: list[list[str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = " ".join(ref.tokens[i1:i2]), " ".join(other.tokens[j1:j2])
        if op == "insert":
            inserted.append(new)
        elif op == "delete":
            omitted.append(old)
        elif op == "replace":
            changed.append([old, new])
        else:  # equal as matched; a masked word differs as written
            changed += [[_mark_mask(ref.tokens[i]), _mark_mask(other.tokens[j])]
                        for i, j in zip(range(i1, i2), range(j1, j2), strict=True) if ref.words[i] != other.words[j]]
    return {"article": other.article, "against": ref.article, "inserted": inserted, "omitted": omitted,
            "changed": changed}


def _mark_mask(word: str) -> str:
    return f"{word} (masked)" if MASKED.search(word) else word
