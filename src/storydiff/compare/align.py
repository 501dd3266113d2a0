"""Aligning facts across articles: which statements in different articles are one fact.

Every pair of facts from two different articles gets a score from a kind-specific judge (or none,
when they cannot be the same fact). Linked pairs (strong enough on their own) are taken best
first; two groups merge only when the result still holds at most one fact per article and every
cross pair could be the same fact (complete link), so one wrong pair cannot chain facts that
cannot be one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pair:
    """A judged pair: how alike the two statements are and how their values relate."""

    score: float
    relation: str  # same, compatible, incompatible
    linked: bool = True  # strong enough to align the two on its own


Judged = dict[tuple[int, int], Pair]


def align(items: Sequence[T], article_of: Callable[[T], str], judge: Callable[[T, T], Pair | None],
          candidates: Iterable[tuple[int, int]] | None = None, *,
          bridged: Callable[[T, T], bool] | None = None) -> tuple[list[list[int]], Judged]:
    """Group items so each group holds at most one item per article; unmatched items stand alone.

    ``candidates``: the pairs (i, j), i < j, of items from different articles to judge, when the
    caller can tell which pairs ``judge`` may link (an index of the items' words); every such pair
    by default. Returns the groups as sorted item indices, and the judged pairs (i, j), i < j: every
    pair within a group is among them, unless ``bridged`` (item, third) says that both of two items
    are held in a third one they were judged with: then those two need not have been judged with
    each other (two fragments of one sentence that another article quotes whole share no words)."""
    judged: Judged = {}
    for i, j in _cross_pairs(items, article_of) if candidates is None else candidates:
        pair = judge(items[i], items[j])
        if pair is not None:
            judged[(i, j)] = pair
    groups = _Groups(len(items))
    linked = [(ij, pair) for ij, pair in judged.items() if pair.linked]
    for (i, j), _pair in sorted(linked, key=lambda kv: (-kv[1].score, kv[0])):
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        members_i, members_j = groups.members[gi], groups.members[gj]
        if {article_of(items[k]) for k in members_i} & {article_of(items[k]) for k in members_j}:
            continue
        both = members_i + members_j
        if all(_known(judged, a, b) or _bridge(items, judged, bridged, a, b, both)
               for a in members_i for b in members_j):
            groups.union(gi, gj)
    return [sorted(m) for m in groups.members.values()], judged


def restatements(items: Sequence[T], article_of: Callable[[T], str], groups: Sequence[Sequence[int]],
                 judged: Judged, restates: Callable[[T, T], bool]) -> dict[int, int]:
    """Items left alone that say again what a group already holds from their own article: item index ->
    index in ``groups``. An article that gives one date twice ("resigned Thursday", later "in his
    letter Thursday") has only one of the two aligned, the group holding one fact per article; the
    other would read as a fact no other article states. It joins the group when it was linked, with
    the values the same, to a member from another article, and may state again what its own article's
    member there states (``restates(item, member)``); of several such groups, the one of its strongest
    link."""
    group_of = {k: g for g, members in enumerate(groups) if len(members) > 1 for k in members}
    best: dict[int, tuple[float, int]] = {}
    for (a, b), pair in judged.items():
        if not pair.linked or pair.relation != "same":
            continue
        for i, j in ((a, b), (b, a)):
            g = group_of.get(j)
            if i in group_of or g is None or (i in best and best[i][0] >= pair.score):
                continue
            own = next((k for k in groups[g] if article_of(items[k]) == article_of(items[i])), None)
            if own is not None and restates(items[i], items[own]):
                best[i] = (pair.score, g)
    return {i: g for i, (_score, g) in best.items()}


def _known(judged: Judged, a: int, b: int) -> bool:
    return (min(a, b), max(a, b)) in judged


def _bridge(items: Sequence[T], judged: Judged, bridged: Callable[[T, T], bool] | None, a: int, b: int,
            members: list[int]) -> bool:
    """Whether items ``a`` and ``b`` are both held in a third of ``members`` they were judged with."""
    return bridged is not None and any(
        _known(judged, a, c) and _known(judged, b, c) and bridged(items[a], items[c]) and bridged(items[b], items[c])
        for c in members)


def _cross_pairs(items: Sequence[T], article_of: Callable[[T], str]) -> Iterator[tuple[int, int]]:
    articles = [article_of(x) for x in items]
    for i, a in enumerate(articles):
        yield from ((i, j) for j in range(i + 1, len(items)) if articles[j] != a)


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[b] = a
        self.members[a].extend(self.members.pop(b))


def stem(word: str) -> str:
    """A crude stem that lets "investigate" meet "investigation" and "protests" meet "protest"."""
    return word[:6] if len(word) > 6 else word.rstrip("s") if len(word) > 3 else word


class Weights:
    """Inverse document frequency of (stemmed) context words over a story's sentences."""

    def __init__(self, contexts: Iterable[tuple[Hashable, Sequence[str]]]) -> None:
        df: Counter[str] = Counter()
        seen: set[Hashable] = set()
        for key, words in contexts:
            if key in seen:
                continue
            seen.add(key)
            df.update({stem(w) for w in words})
        self.n = max(len(seen), 1)
        self.df = df
        self._bags: dict[tuple[str, ...], tuple[dict[str, float], float]] = {}

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def _bag(self, words: Sequence[str]) -> tuple[dict[str, float], float]:
        """Squared weights of a context's stems and their norm, computed once per context: a
        story's contexts are compared pair by pair, many times each."""
        key = tuple(words)
        bag = self._bags.get(key)
        if bag is None:
            squares = {w: self.idf(w) ** 2 for w in {stem(w) for w in words}}
            bag = self._bags[key] = (squares, math.sqrt(sum(squares.values())))
        return bag

    def similarity(self, a: Sequence[str], b: Sequence[str]) -> float:
        """IDF-weighted cosine similarity of two bags of context words (0..1)."""
        if not a or not b:
            return 0.0
        (sa, na), (sb, nb) = self._bag(a), self._bag(b)
        if len(sb) < len(sa):
            sa, sb = sb, sa
        dot = sum(v for w, v in sa.items() if w in sb)
        return dot / (na * nb) if na and nb else 0.0
