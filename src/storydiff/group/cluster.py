"""Group articles into stories: same event, not same topic.

Three steps, each a function of the set of articles and never of the order they came in:

1. **Edges.** Two articles are linked when their signatures' similarity (:func:`similarity`) is at
   least :data:`EDGE_FLOOR`. Similarity is the cosine of the weighted features, raised when the two
   are about the same person or name the same year, lowered when they are about different persons
   or years, divided by 1 + (days between their publication dates) / :data:`DAY_HALF` (news of one
   event comes out together) and zero beyond :data:`WINDOW_DAYS`.
2. **Blocks.** The connected components of the edges. A new article only ever touches the blocks
   it links to, so adding articles re-groups just those blocks.
3. **Stories.** Within a block, average-link clustering over *self-tuned* similarities: each
   similarity divided by the geometric mean of the two articles' own second-best similarities.
   An article whose neighbours are all close (a big story told many times) needs a closer match to
   join than an article with few close neighbours (a story three outlets carried), so look-alike
   events of one topic stay apart without splitting small stories.

Ties break on article ids, so the same set always gives the same stories.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .signature import Signature

EDGE_FLOOR = 0.2
WINDOW_DAYS = 7
DAY_HALF = 3.0  # similarity / (1 + days apart / DAY_HALF)
PERSON_WEIGHT = 0.3
YEAR_WEIGHT = 0.3
SELF_TUNE_RANK = 2  # the neighbour whose similarity sets an article's scale
SELF_TUNE_FLOOR = 0.4  # an article with few close neighbours is not scaled up past a real match
SELF_TUNE_CAP = 1.5
STORY_THRESHOLD = 0.3


def similarity(a: Signature, b: Signature, va: Mapping[str, float] | None = None,
               vb: Mapping[str, float] | None = None, *, cosine: float | None = None) -> float:
    """How likely two articles report one event, about 0..1.3 (``cosine``: their features' cosine,
    when the caller has it already)."""
    days = _days_apart(a.published, b.published) if a.published and b.published else 0
    if days > WINDOW_DAYS:
        return 0.0
    if cosine is not None:
        cos = cosine
    else:
        va = va if va is not None else a.vector()
        vb = vb if vb is not None else b.vector()
        small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
        cos = sum(w * large.get(f, 0.0) for f, w in small.items())
    if cos <= 0:
        return 0.0
    factor = 1.0
    if a.persons and b.persons:
        names = {f"E:{p}" for p in a.persons | b.persons}
        shared = a.persons & b.persons or any(f in names for s in (a, b) for f, _ in s.features)
        factor += PERSON_WEIGHT if shared else -PERSON_WEIGHT
    if a.years and b.years:
        factor += YEAR_WEIGHT if a.years & b.years else -YEAR_WEIGHT
    return cos * factor / (1 + days / DAY_HALF)


def _days_apart(a: str, b: str) -> int:
    return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days)


Edge = tuple[str, str, float]  # (article, article, similarity), first id < second id


def blocks(ids: Iterable[str], edges: Iterable[Edge]) -> list[list[str]]:
    """Connected components, each sorted, in order of their first id."""
    parent: dict[str, str] = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[str, list[str]] = {}
    for i in sorted(parent):
        comps.setdefault(find(i), []).append(i)
    return sorted(comps.values(), key=lambda c: c[0])


def cluster_block(ids: Sequence[str], edges: Iterable[Edge], *, threshold: float = STORY_THRESHOLD) -> list[list[str]]:
    """Stories of one block: average link over self-tuned similarities (see the module doc)."""
    ids = sorted(ids)
    pos = {a: n for n, a in enumerate(ids)}
    pairs: dict[tuple[int, int], float] = {}
    for a, b, sim in edges:
        if a in pos and b in pos and a != b:
            i, j = sorted((pos[a], pos[b]))
            pairs[i, j] = sim
    return [[ids[i] for i in members] for members in link(len(ids), self_tuned(len(ids), pairs), threshold)]


def self_tuned(n: int, pairs: Mapping[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each similarity over the geometric mean of its two articles' ``SELF_TUNE_RANK``-th best, in 0..1."""
    sims: list[list[float]] = [[] for _ in range(n)]
    for (i, j), sim in pairs.items():
        sims[i].append(sim)
        sims[j].append(sim)
    scale = []
    for row in sims:
        best = heapq.nlargest(SELF_TUNE_RANK, row)
        scale.append(max(best[-1] if len(best) == SELF_TUNE_RANK else 0.0, SELF_TUNE_FLOOR))
    return {(i, j): min(sim / math.sqrt(scale[i] * scale[j]), SELF_TUNE_CAP) / SELF_TUNE_CAP
            for (i, j), sim in pairs.items() if sim > 0}


def link(n: int, pairs: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-link clustering of ``n`` items over sparse similarities (absent pairs count as 0):
    merge the two clusters of highest mean similarity while it reaches ``threshold``. Work grows
    with the number of pairs, not with n squared. Ties go to the lowest indices, so the result
    depends only on ``pairs``."""
    total: list[dict[int, float]] = [{} for _ in range(n)]  # summed similarity between clusters
    for (i, j), sim in pairs.items():
        total[i][j] = total[j][i] = sim
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    heap = [(-sim, i, j) for (i, j), sim in pairs.items() if sim >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members or total[i].get(j, 0.0) / (size[i] * size[j]) != -neg:
            continue  # a merged cluster, or a mean that has changed since (its fresh entry is in the heap)
        for k, sim in total[j].items():
            if k != i:
                total[i][k] = total[k][i] = total[i].get(k, 0.0) + sim
                del total[k][j]
        del total[i][j]
        total[j] = {}
        size[i] += size[j]
        members[i].extend(members.pop(j))
        for k, sim in total[i].items():
            mean = sim / (size[i] * size[k])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(i, k), max(i, k)))
    return [sorted(m) for _, m in sorted(members.items())]


def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """:func:`link` over a dense similarity matrix (its upper triangle)."""
    rows, cols = np.nonzero(np.triu(sims, k=1))
    return link(len(sims), {(int(i), int(j)): float(sims[i, j]) for i, j in zip(rows, cols, strict=True)}, threshold)


def group(signatures: Sequence[Signature], *, threshold: float = STORY_THRESHOLD,
          copies: Iterable[tuple[str, str]] = ()) -> list[list[str]]:
    """Stories of a set of articles, in one go (the store reaches the same stories incrementally)."""
    edges = list(all_edges(signatures))
    edges.extend((min(a, b), max(a, b), 1.0) for a, b in copies)
    comps = blocks((s.article for s in signatures), edges)
    block_of = {a: n for n, block in enumerate(comps) for a in block}
    block_edges: list[list[Edge]] = [[] for _ in comps]
    for edge in edges:
        block_edges[block_of[edge[0]]].append(edge)
    stories: list[list[str]] = []
    for block, inside in zip(comps, block_edges, strict=True):
        stories.extend(cluster_block(block, inside, threshold=threshold))
    return sorted(stories, key=lambda s: s[0])


def all_edges(signatures: Sequence[Signature]) -> Iterable[Edge]:
    """Every pair at or above the edge floor, found through shared index keys (see :func:`index_keys`).

    Cosines of each article against its candidates are computed at once over the sparse rows, and
    :func:`similarity` runs only where the cosine could still reach the floor."""
    ordered = sorted(signatures, key=lambda s: s.article)
    rows = _Rows.of(ordered)
    lookup = np.zeros(rows.width)
    dates = np.array([_ordinal(s.published) for s in ordered], dtype=np.int64)  # -1: undated
    lists: dict[str, list[int]] = {}
    for n, s in enumerate(ordered):
        for key in index_keys(s):
            lists.setdefault(key, []).append(n)
    postings = {key: np.array(filed, dtype=np.int64) for key, filed in lists.items() if live(len(filed))}
    buckets: dict[str, list[str]] = {}  # feature -> its keys, for undated articles, which meet every date
    for key in postings:
        buckets.setdefault(key.rsplit("|", 1)[0], []).append(key)
    for n, s in enumerate(ordered):
        own = [f for f, key in zip(index_features(s), index_keys(s), strict=True) if key in postings]
        probes = probe_keys(s, own) if s.published else [k for f in own for k in buckets.get(f, ())]
        found = [postings[key] for key in probes if key in postings]
        if not found:
            continue
        every = np.concatenate(found)
        candidates = np.unique(every[every > n])
        if not len(candidates):
            continue
        cosines = rows.cosines(n, candidates, lookup)
        close = _may_reach_floor(cosines, dates[n], dates[candidates])
        for m, cos in zip(candidates[close].tolist(), cosines[close].tolist(), strict=True):
            other = ordered[m]
            sim = similarity(s, other, cosine=cos)
            if sim >= EDGE_FLOOR:
                yield s.article, other.article, sim


def _may_reach_floor(cosines: np.ndarray, day: int, days: np.ndarray) -> np.ndarray:
    """Which candidates :func:`similarity` could put at the edge floor: their cosine, raised as far as
    persons and years can raise it and decayed by the days apart, reaches it."""
    apart = np.where((days < 0) | (day < 0), 0, np.abs(days - day))
    best = cosines * (1 + PERSON_WEIGHT + YEAR_WEIGHT) / (1 + apart / DAY_HALF)
    return (apart <= WINDOW_DAYS) & (best >= EDGE_FLOOR * (1 - 1e-9))


def _ordinal(published: str | None) -> int:
    return dt.date.fromisoformat(published[:10]).toordinal() if published else -1


@dataclass(frozen=True)
class _Rows:
    """Signatures' unit feature vectors as one compressed sparse row matrix, held as plain arrays."""

    indptr: np.ndarray  # row i's entries are indptr[i]:indptr[i + 1]
    columns: np.ndarray
    weights: np.ndarray
    width: int  # the number of distinct features

    @classmethod
    def of(cls, signatures: Sequence[Signature]) -> _Rows:
        numbering: dict[str, int] = {}
        indptr, columns, weights = [0], [], []
        for s in signatures:
            for feature, weight in s.features:
                columns.append(numbering.setdefault(feature, len(numbering)))
                weights.append(weight)
            indptr.append(len(columns))
        return cls(np.array(indptr, dtype=np.int64), np.array(columns, dtype=np.int64),
                   np.array(weights, dtype=np.float64), max(len(numbering), 1))

    def cosines(self, n: int, candidates: np.ndarray, lookup: np.ndarray) -> np.ndarray:
        """Cosines of row ``n`` with each candidate row. ``lookup`` is a zeroed buffer, one slot per
        feature: row n's weights go in, each candidate's features are read out, and it is zeroed again."""
        lo, hi = self.indptr[n], self.indptr[n + 1]
        mine = self.columns[lo:hi]
        starts = self.indptr[candidates]
        lengths = self.indptr[candidates + 1] - starts
        owner = np.repeat(np.arange(len(candidates)), lengths)
        ends = np.cumsum(lengths)
        positions = np.arange(int(ends[-1])) + np.repeat(starts - (ends - lengths), lengths)
        lookup[mine] = self.weights[lo:hi]
        products = self.weights[positions] * lookup[self.columns[positions]]
        lookup[mine] = 0.0
        return np.bincount(owner, weights=products, minlength=len(candidates))


INDEX_KEYS = 12
INDEX_MIN_WEIGHT = 0.05
KEY_POSTING_CAP = 50  # see live()
BUCKET_DAYS = WINDOW_DAYS + 1  # two articles close enough to link are in the same or adjacent buckets
UNDATED = "-"


def index_features(s: Signature) -> list[str]:
    """The features an article is found by: its heaviest ones. Two articles above the edge floor
    nearly always share one of them (measured on the dev data by the quality gate)."""
    return [f for f, w in s.features[:INDEX_KEYS] if w >= INDEX_MIN_WEIGHT]


def index_keys(s: Signature) -> list[str]:
    """The keys an article is filed under: each index feature with the article's date bucket, so
    that a lookup only meets articles published close enough to link."""
    bucket = _bucket(s.published)
    return [f"{f}|{bucket}" for f in index_features(s)]


def probe_keys(s: Signature, features: Sequence[str] | None = None) -> list[str]:
    """The keys a dated article looks up, for each of its index features (or of ``features``): its
    own bucket, the two beside it, and the undated."""
    assert s.published
    day = _day(s.published)
    return [f"{f}|{b}" for f in (index_features(s) if features is None else features)
            for b in (day - 1, day, day + 1, UNDATED)]


def live(posting: int) -> bool:
    """Whether a key filed under by ``posting`` articles still finds candidates. A key past
    :data:`KEY_POSTING_CAP` (a name in every story of a week) says little of which event an article
    reports and would make every lookup walk it; it is dropped, as blocking's *block purging* does.
    Two articles are candidates through a feature only when both their keys of it are live; they
    nearly always share rarer features too. Keys only ever grow, so a key once dropped stays
    dropped, and the result is still a function of the set of articles."""
    return posting <= KEY_POSTING_CAP


def meet(a: Signature, b: Signature, posting: Callable[[str], int]) -> bool:
    """Whether two articles are candidates, the rule :func:`all_edges` and the store follow: they
    share an index feature, both their keys of it are :func:`live` (``posting`` tells how many
    articles a key is filed under), and their date buckets are the same or adjacent (or one is
    undated)."""
    if a.published and b.published and abs(_day(a.published) - _day(b.published)) > 1:
        return False
    theirs = dict(zip(index_features(b), index_keys(b), strict=True))
    return any(f in theirs and live(posting(key)) and live(posting(theirs[f]))
               for f, key in zip(index_features(a), index_keys(a), strict=True))


def _day(published: str) -> int:
    return dt.date.fromisoformat(published[:10]).toordinal() // BUCKET_DAYS


def _bucket(published: str | None) -> str:
    return str(_day(published)) if published else UNDATED
