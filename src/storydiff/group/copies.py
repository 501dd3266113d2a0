"""Near-duplicates: wire copies and republished articles, found with MinHash LSH (datasketch).

An article's text becomes the set of its five-word shingles; :func:`minhash` sketches that set in
:data:`PERMUTATIONS` numbers, and :func:`band_keys` cuts the sketch into LSH bands so that articles
sharing any band are candidates. A candidate pair is a copy when the sketches estimate a Jaccard
similarity of at least :data:`COPY_JACCARD`. Copies of one text count as one independent source.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: a pair at Jaccard 0.8 shares a band with probability 0.9998
SHINGLE_WORDS = 5
COPY_JACCARD = 0.8
COPY_SIMILARITY = 1.0  # the grouping similarity of two copies

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash(text: str) -> np.ndarray:
    sketch = MinHash(num_perm=PERMUTATIONS, seed=1)
    sketch.update_batch(sorted(shingles(text)))
    return np.asarray(sketch.hashvalues, dtype=np.uint64)


def band_keys(hashes: np.ndarray) -> list[str]:
    rows = len(hashes) // BANDS
    return [f"{b}:" + hashlib.blake2b(hashes[b * rows:(b + 1) * rows].tobytes(), digest_size=8).hexdigest()
            for b in range(BANDS)]


def jaccard(a: np.ndarray, b: np.ndarray | bytes) -> float:
    other = np.frombuffer(b, dtype=np.uint64) if isinstance(b, bytes | bytearray | memoryview) else b
    return float(np.mean(a == other))


def is_copy(a: np.ndarray, b: np.ndarray | bytes) -> bool:
    return jaccard(a, b) >= COPY_JACCARD
