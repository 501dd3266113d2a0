"""Comparing quotes across articles, one quoted sentence at a time.

A quote is split into its sentences (the unit the outlets' versions are compared at: one outlet
may carry three sentences of a statement, another only the middle one). Two units are the same
quote when most of the shorter one's words appear, in order, in the longer; they agree when their
words are the same apart from case and punctuation, and are variants otherwise, with a word-level
diff. The same words given to two different named people are a conflict.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

from ..model import Quote
from .align import Pair

WORD = re.compile(r"\[[^\]]*\]|[\w’'*-]+(?:[.’'][\w]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z])")
STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "that", "this", "we", "i", "you",
        "he", "she", "they", "be", "for", "on", "at", "was", "are", "not", "but", "with", "as", "by"}
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "prof",
                 "rev", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun",
                 "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "d.c", "a.m", "p.m", "mt", "ft", "pres",
                 "atty", "det", "ave", "blvd", "dept", "univ", "u.n", "u.k", "e.g", "i.e"}
MIN_SHARED = 3  # words two longer units must share, in order
MIN_COVERAGE = 0.6  # share of the shorter unit's words found in the longer one


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

    @property
    def article(self) -> str:
        return self.quote.article


def normalize_word(word: str) -> str:
    return word.lower().replace("’", "'").strip("'")


def _sentence_cuts(chunk: str) -> list[int]:
    """Where the sentences of a quoted stretch end; "Mr." and "U.S." end none."""
    cuts = []
    for m in SENTENCE_END.finditer(chunk):
        before = re.search(r"([\w.]+)[.!?][\"”’]?$", chunk[:m.start()])
        word = before.group(1).lower() if before else ""
        if chunk[m.start() - 1] == "." and (word in ABBREVIATIONS or len(word.rstrip(".")) == 1):
            continue
        cuts.append(m.start())
    return cuts


def quote_units(quote: Quote, text: str) -> Iterator[Unit]:
    """The sentences of a quote, with offsets into the article text."""
    index = 0
    setting = text[quote.sentence.start:quote.sentence.end]
    named = quote.speaker is not None and _names(quote.speaker.name, text[quote.speaker.start:quote.speaker.end])
    for part in quote.parts:
        chunk = text[part.start:part.end]
        pos = 0
        for cut in [*_sentence_cuts(chunk), len(chunk)]:
            piece = chunk[pos:cut]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip().rstrip(",;:").strip().rstrip("\"”")
            s = part.start + pos + lead
            tokens = tuple(WORD.findall(body))
            if tokens:
                words = tuple(normalize_word(w) for w in tokens)
                yield Unit(quote, s, s + len(body), text[s:s + len(body)], words, tokens, index, setting, named)
                index += 1
            pos = cut
            while pos < len(chunk) and chunk[pos] in "\"”’ \n\t\r":
                pos += 1


def _plain(words: Sequence[str]) -> list[str]:
    """Words without bracketed editorial insertions, for matching."""
    return [w for w in words if not w.startswith("[")]


def _censored(a: str, b: str) -> bool:
    """'f***ing' and 'fucking', 'b----' and 'bitch': the same word, masked."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0]:
        return False
    mask = a if re.search(r"[*-]{2,}", a) else b if re.search(r"[*-]{2,}", b) else None
    if mask is None:
        return False
    other = b if mask is a else a
    pattern = "^" + "".join(".+" if c in "*-" else re.escape(c) for c in re.sub(r"([*-])\1+", r"\1", mask)) + "$"
    return re.match(pattern, other) is not None


def shared_words(a: Sequence[str], b: Sequence[str]) -> int:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def judge_units(x: Unit, y: Unit) -> Pair | None:
    a, b = _plain(x.words), _plain(y.words)
    if not a or not b:
        return None
    short = min(len(a), len(b))
    if short >= MIN_SHARED:
        # Words in common, ignoring order, bound the in-order count from above: most pairs of
        # sentences share too few words to be one quote, and need no sequence matching.
        common = sum((Counter(a) & Counter(b)).values())
        if common < MIN_SHARED or common / short < MIN_COVERAGE:
            return None
    shared = shared_words(a, b)
    coverage = shared / short
    if short < MIN_SHARED:
        # A one- or two-word fragment ("exhilarated", "Smiles for Life") must appear whole in the
        # other version and carry a word that is not a function word.
        contained = _contains(b, a) if len(a) <= len(b) else _contains(a, b)
        fragment = a if len(a) <= len(b) else b
        if not contained or not any(len(w) >= 5 and w not in STOP for w in fragment):
            return None
        coverage = 1.0
    elif shared < MIN_SHARED or coverage < MIN_COVERAGE:
        return None
    # Brackets are the editor's words: left out when matching, but an insertion all the same.
    relation = "same" if x.words == y.words else "compatible"
    if _speakers_differ(x, y) and coverage >= 0.9 and short >= 6:
        relation = "incompatible"
    return Pair(coverage + 0.01 * min(short, 20), relation)


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(list(longer[i:i + n]) == list(shorter) for i in range(len(longer) - n + 1))


def _name_words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z][\w’'-]+", name)}


def _names(name: str, mention: str) -> bool:
    """Does the mention end in the speaker's name ("Sen. Lis Smith")? Not "he", not "the Obama campaign"."""
    words = re.findall(r"[\w’'-]+", mention)
    return bool(words) and words[-1].lower() in _name_words(name)


def _speakers_differ(x: Unit, y: Unit) -> bool:
    """Both articles name a different person as the speaker, each in so many words, and neither
    mentions the other's speaker where it quotes (as in "Obama's spokeswoman, Lis Smith, said")."""
    if x.quote.speaker is None or y.quote.speaker is None or not (x.named and y.named):
        return False
    na, nb = _name_words(x.quote.speaker.name), _name_words(y.quote.speaker.name)
    if not na or not nb or na & nb or any(fuzz.ratio(a, b) >= 80 for a in na for b in nb):
        return False  # one person, or one name spelled two ways ("Hefner", "Heffner")
    return not (nb & _name_words(x.setting)) and not (na & _name_words(y.setting))


def diff_reference(units: Sequence[Unit]) -> Unit:
    """The version others are diffed against: the one with the fewest editorial brackets, then the longest."""
    return min(units, key=lambda u: (sum(w.startswith("[") for w in u.words), -len(u.words), u.article))


def word_diff(ref: Unit, other: Unit) -> dict[str, Any]:
    """What ``other`` inserts, omits and changes relative to ``ref``, word by word (as written)."""
    a, b = ref.words, other.words
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
            masked = i2 - i1 == j2 - j1 and all(_censored(p, q) for p, q in zip(a[i1:i2], b[j1:j2], strict=True))
            changed.append([old, new + (" (masked)" if masked else "")])
    return {"article": other.article, "against": ref.article, "inserted": inserted, "omitted": omitted,
            "changed": changed}
