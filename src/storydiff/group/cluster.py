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
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .signature import Signature

EDGE_FLOOR = 0.1
WINDOW_DAYS = 7
DAY_HALF = 3.0  # similarity / (1 + days apart / DAY_HALF)
PERSON_WEIGHT = 0.3
YEAR_WEIGHT = 0.3
SELF_TUNE_RANK = 2  # the neighbour whose similarity sets an article's scale
SELF_TUNE_FLOOR = 0.4  # an article with no close neighbours still needs a real match: 0.18 raw at the threshold
SELF_TUNE_CAP = 1.5
STORY_THRESHOLD = 0.3


def similarity(a: Signature, b: Signature, va: Mapping[str, float] | None = None,
               vb: Mapping[str, float] | None = None) -> float:
    """How likely two articles report one event, about 0..1.3."""
    days = _days_apart(a.published, b.published) if a.published and b.published else 0
    if days > WINDOW_DAYS:
        return 0.0
    va = va if va is not None else a.vector()
    vb = vb if vb is not None else b.vector()
    if len(va) > len(vb):
        va, vb = vb, va
    cos = sum(w * vb.get(f, 0.0) for f, w in va.items())
    if cos <= 0:
        return 0.0
    factor = 1.0
    if a.persons and b.persons:
        shared = a.persons & b.persons or any(f"E:{p}" in vb or f"E:{p}" in va for p in a.persons | b.persons)
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
    if len(ids) == 1:
        return [list(ids)]
    pos = {a: n for n, a in enumerate(ids)}
    n = len(ids)
    sims = np.zeros((n, n))
    for a, b, s in edges:
        if a in pos and b in pos:
            sims[pos[a], pos[b]] = sims[pos[b], pos[a]] = s
    return [[ids[i] for i in members] for members in average_link(self_tuned(sims), threshold)]


def self_tuned(sims: np.ndarray) -> np.ndarray:
    """Each similarity over the geometric mean of its two articles' ``SELF_TUNE_RANK``-th best, in 0..1."""
    rank = min(SELF_TUNE_RANK, len(sims))
    scale = np.maximum(np.sort(sims, axis=1)[:, -rank], SELF_TUNE_FLOOR)
    tuned = np.minimum(sims / np.sqrt(np.outer(scale, scale)), SELF_TUNE_CAP) / SELF_TUNE_CAP
    np.fill_diagonal(tuned, 0.0)
    return np.where(sims > 0, tuned, 0.0)


def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the two clusters of highest mean similarity while it reaches
    ``threshold``. Ties go to the lowest indices, so the result depends only on ``sims``."""
    n = len(sims)
    total = sims.astype(float).copy()  # summed similarity between clusters
    np.fill_diagonal(total, 0.0)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    mean = total / np.outer(size, size)
    np.fill_diagonal(mean, -1.0)
    best = mean.argmax(axis=1)
    best_value = mean[np.arange(n), best]
    while True:
        candidates = np.where(alive, best_value, -1.0)
        i = int(candidates.argmax())
        if candidates[i] < threshold:
            break
        j = int(best[i])
        i, j = min(i, j), max(i, j)
        total[i] += total[j]
        total[:, i] = total[i]
        total[i, i] = 0.0
        total[j] = 0.0
        total[:, j] = 0.0
        size[i] += size[j]
        alive[j] = False
        members[i].extend(members.pop(j))
        row = np.where(alive, total[i] / (size[i] * size), -1.0)
        row[i] = -1.0
        mean[i] = row
        mean[:, i] = row
        mean[j] = -1.0
        mean[:, j] = -1.0
        stale = alive & ((best == i) | (best == j))
        stale[i] = True
        for r in np.flatnonzero(stale):
            best[r] = int(mean[r].argmax())
            best_value[r] = mean[r, best[r]]
        fresh = alive & ~stale & (mean[:, i] > best_value)
        best[fresh] = i
        best_value[fresh] = mean[fresh, i]
        best_value[j] = -1.0
    return [sorted(m) for _, m in sorted(members.items())]


def group(signatures: Sequence[Signature], *, threshold: float = STORY_THRESHOLD,
          copies: Iterable[tuple[str, str]] = ()) -> list[list[str]]:
    """Stories of a set of articles, in one go (the store reaches the same stories incrementally)."""
    edges = list(all_edges(signatures))
    edges.extend((min(a, b), max(a, b), 1.0) for a, b in copies)
    by_block: list[list[str]] = []
    for block in blocks((s.article for s in signatures), edges):
        members = set(block)
        by_block.extend(cluster_block(block, [e for e in edges if e[0] in members], threshold=threshold))
    return sorted(by_block, key=lambda s: s[0])


def all_edges(signatures: Sequence[Signature]) -> Iterable[Edge]:
    """Every pair at or above the edge floor, found through shared features (see :func:`index_keys`)."""
    vectors = {s.article: s.vector() for s in signatures}
    by_id = {s.article: s for s in signatures}
    postings: dict[str, list[str]] = {}
    for s in signatures:
        for key in index_keys(s):
            postings.setdefault(key, []).append(s.article)
    for s in sorted(signatures, key=lambda s: s.article):
        seen: set[str] = set()
        for key in index_keys(s):
            for other in postings[key]:
                if other > s.article and other not in seen:
                    seen.add(other)
                    sim = similarity(s, by_id[other], vectors[s.article], vectors[other])
                    if sim >= EDGE_FLOOR:
                        yield s.article, other, sim


INDEX_KEYS = 12
INDEX_MIN_WEIGHT = 0.05


def index_keys(s: Signature) -> list[str]:
    """The features an article is found by: its heaviest ones. Two articles above the edge floor
    nearly always share one of them (measured on the dev data by the quality gate)."""
    return [f for f, w in s.features[:INDEX_KEYS] if w >= INDEX_MIN_WEIGHT]
