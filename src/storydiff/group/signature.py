"""An article's event signature: the weighted words, names, years and figures that say *which* event it reports.

Two reports of one earthquake share the place, the day and the toll; two earthquakes share only the
topic words. So names, years and figures weigh more than common words, words are weighed by how
rare they are in English at large (wordfreq's frequencies, fixed, so a signature never depends on
what else is in the store), and the lead (title and first sentences) weighs double.

A signature is computed once, at analysis, from the parsed doc, and stored; grouping reads only
signatures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc
from wordfreq import zipf_frequency

from ..model import Article
from ..nlp import closes_sentence

TOP_FEATURES = 60
WEIGHT_DIGITS = 5  # a weight's decimal places, as analysed and as stored
LEAD_SENTENCES = 2
LEAD_WEIGHT = 2.0
NAME_WEIGHT = 2.0
NAME_FLOOR = 4.0  # a name is at least this rare, whatever English at large says of the word
FIGURE_IDF = 5.0
MAX_ZIPF = 7.0  # zipf frequency of the commonest words ("the" is 7.7)

_NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
_FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SMALL_FIGURES = frozenset({"one", "two", "three", "1", "2", "3"})
_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Signature:
    """What grouping knows of an article: unit-length weighted features, its lead persons, its years."""

    article: str
    features: tuple[tuple[str, float], ...]  # (feature, weight), heaviest first; weights have unit norm
    persons: frozenset[str] = frozenset()  # surnames of the persons the article is most about
    years: frozenset[str] = frozenset()
    published: str | None = None  # ISO date

    def vector(self) -> dict[str, float]:
        return dict(self.features)

    def to_json(self) -> dict[str, object]:
        return {"article": self.article, "features": [[f, round(w, WEIGHT_DIGITS)] for f, w in self.features],
                "persons": sorted(self.persons), "years": sorted(self.years), "published": self.published}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Signature:
        feats = data.get("features") or []
        assert isinstance(feats, list)
        return cls(article=str(data["article"]), features=tuple((str(f), float(w)) for f, w in feats),
                   persons=frozenset(map(str, data.get("persons") or [])),  # type: ignore[call-overload]
                   years=frozenset(map(str, data.get("years") or [])),  # type: ignore[call-overload]
                   published=str(data["published"]) if data.get("published") else None)


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """How rare ``word`` is in English at large: 7 minus its zipf frequency, at least 0.5."""
    return max(0.5, MAX_ZIPF - zipf_frequency(word, "en"))


def name_key(text: str) -> str:
    name = re.sub(r"^(the|a|an)\s+", "", text.lower().strip())
    return re.sub(r"['’]s$", "", name).strip()


def signature_from_doc(doc: Doc, article: Article) -> Signature:
    counts: dict[str, float] = {}
    persons: dict[str, float] = {}
    years: set[str] = set()
    lead_end = _lead_end(doc)
    if article.title:
        for word in _TITLE_WORD.findall(article.title.lower()):
            if not doc.vocab[word].is_stop:
                _add(counts, "W:" + word, LEAD_WEIGHT)
    for ent in doc.ents:
        boost = LEAD_WEIGHT if ent.start < lead_end else 1.0
        if ent.label_ in _NAME_LABELS:
            name = name_key(ent.text)
            if not name:
                continue
            _add(counts, "E:" + name, NAME_WEIGHT * boost)
            if ent.label_ == "PERSON":
                surname = name.split()[-1]
                if surname != name:
                    _add(counts, "E:" + surname, NAME_WEIGHT * boost / 2)
                _add(persons, surname, boost)
        elif ent.label_ == "DATE":
            for year in _YEAR.findall(ent.text):
                _add(counts, "Y:" + year, 1.0)
                years.add(year)
        elif ent.label_ in _FIGURE_LABELS:
            figure = re.sub(r"[^\w.]", "", ent.text.lower())
            if figure and figure not in _SMALL_FIGURES:
                _add(counts, "N:" + figure, 1.0)
    for tok in doc:
        if tok.is_stop or tok.pos_ not in _CONTENT_POS:
            continue
        lemma = tok.lemma_.lower()
        if len(lemma) >= 3 and lemma.isalpha():
            _add(counts, "W:" + lemma, LEAD_WEIGHT if tok.i < lead_end else 1.0)
    top = min(persons.items(), key=lambda pw: (-pw[1], pw[0]), default=None)
    return Signature(
        article=article.id, features=weigh(counts),
        persons=frozenset([top[0]]) if top else frozenset(), years=frozenset(years),
        published=article.published.isoformat() if article.published else None,
    )


def weigh(counts: dict[str, float], top: int = TOP_FEATURES) -> tuple[tuple[str, float], ...]:
    """Log-scaled counts times rarity, the ``top`` heaviest kept, scaled to unit length, rounded to
    :data:`WEIGHT_DIGITS` places: the weights a store keeps are then the weights analysis gave, and
    two articles' similarity does not depend on which of them was stored first."""
    weights = {}
    for feature, n in counts.items():
        kind, value = feature[0], feature[2:]
        if kind == "W":
            base = rarity(value)
        elif kind == "E":
            base = max(rarity(value), NAME_FLOOR)
        else:
            base = FIGURE_IDF
        weights[feature] = (1 + math.log(n)) * base if n >= 1 else n * base
    kept = sorted(weights.items(), key=lambda fw: (-fw[1], fw[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return tuple((f, round(w / norm, WEIGHT_DIGITS)) for f, w in kept)


def _add(counts: dict[str, float], key: str, weight: float) -> None:
    counts[key] = counts.get(key, 0.0) + weight


def _lead_end(doc: Doc) -> int:
    """Token index where the lead ends: after the first :data:`LEAD_SENTENCES` sentences that end as
    sentences do. Lines that end without a closing mark (a headline, a byline, a dateline) are read as
    sentences of their own but are part of the lead, not sentences of it."""
    n = 0
    for sent in doc.sents:
        last = next((t for t in reversed(sent) if not t.is_space), None)
        if last is not None and closes_sentence(last):
            n += 1
            if n == LEAD_SENTENCES:
                return sent.end
    return len(doc)
