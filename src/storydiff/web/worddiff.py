"""Quote variants as an inline word diff: the reference version's words, with what another article
leaves out struck (``del``) and what it adds underlined (``ins``).

The finding's own ``diff`` says which article is diffed against which (``article`` against
``against``); the words come from the mentions' texts. Words are matched ignoring case, quote marks
and punctuation at their edges, and shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import Finding

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass(frozen=True)
class DiffPiece:
    """``op`` is ``same``, ``del`` (only in the reference) or ``ins`` (only in the other version)."""

    op: str
    text: str


@dataclass(frozen=True)
class QuoteDiff:
    article: str
    against: str
    pieces: tuple[DiffPiece, ...]


def word_pieces(reference: str, other: str) -> list[DiffPiece]:
    """How ``other`` differs from ``reference``, word by word; runs of one op are joined."""
    ref, new = reference.split(), other.split()
    matcher = SequenceMatcher(None, [_key(w) for w in ref], [_key(w) for w in new], autojunk=False)
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(pieces, "same", new[j1:j2])
            continue
        _add(pieces, "del", ref[i1:i2])
        _add(pieces, "ins", new[j1:j2])
    return pieces


def quote_diffs(finding: Finding) -> list[QuoteDiff]:
    """An inline diff for each pair the finding's ``diff`` names (none for other findings)."""
    texts: dict[str, list[str]] = {}
    for m in finding.mentions:
        texts.setdefault(m.article, []).append(m.text)
    out = []
    for entry in finding.diff:
        article, against = str(entry.get("article")), str(entry.get("against"))
        if article in texts and against in texts:
            pieces = word_pieces(" … ".join(texts[against]), " … ".join(texts[article]))
            out.append(QuoteDiff(article, against, tuple(pieces)))
    return out


def _key(word: str) -> str:
    return _EDGE_PUNCTUATION.sub("", word.casefold()) or word


def _add(pieces: list[DiffPiece], op: str, words: Sequence[str]) -> None:
    if not words:
        return
    if pieces and pieces[-1].op == op:
        pieces[-1] = DiffPiece(op, pieces[-1].text + " " + " ".join(words))
    else:
        pieces.append(DiffPiece(op, " ".join(words)))
