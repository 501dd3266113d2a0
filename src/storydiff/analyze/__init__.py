"""Analyze: one spaCy pass per article, then extractors that read the parsed doc.

Pure and per article: the same function runs in-process, in a process pool, or on a Spark executor.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ArticleTooLarge
from ..model import Article, ArticleFacts, Fact
from ..nlp import load_model
from .attributions import extract_attributions
from .dates import extract_dates, outside_quotes
from .entities import build_index, extract_entities
from .quantities import extract_quantities
from .quotes import extract_quotes
from .speakers import Mentions
from .stamps import not_story

__all__ = ["analyze", "facts_from_doc"]


def facts_from_doc(doc: Doc, article: Article) -> ArticleFacts:
    """All facts of one parsed article, in text order."""
    doc.user_data.setdefault("storydiff_text", article.text)
    index = build_index(doc)
    facts: list[Fact] = []
    facts.extend(extract_entities(doc, article, index))
    quotes = list(extract_quotes(doc, article, index))
    facts.extend(quotes)
    stamps = not_story(article.text)
    quoted = [(part.start, part.end) for q in quotes for part in q.parts]
    dates = list(extract_dates(doc, article, stamps=stamps, quoted=quoted))
    facts.extend(outside_quotes(dates, quoted))
    mentions = Mentions(doc, index)
    # a date left out as quoted is still no figure ("eight years ago")
    facts.extend(extract_quantities(doc, article, taken=[*stamps, *((d.start, d.end) for d in dates)],
                                   mentions=mentions))
    facts.extend(extract_attributions(doc, article, index, mentions=mentions))
    facts.sort(key=lambda f: (f.start, f.end, f.kind))
    return ArticleFacts(article=article, facts=tuple(facts))


def analyze(article: Article, *, nlp: Language | None = None) -> ArticleFacts:
    """Parse one article and extract its facts. Raises :class:`ArticleTooLarge` for a text longer
    than the model parses (spaCy's own error would name neither the article nor the fix)."""
    nlp = nlp or load_model()
    if len(article.text) > nlp.max_length:
        source = article.source or article.id
        raise ArticleTooLarge(source, f"article is {len(article.text):,} characters, more than the model parses "
                                      f"({nlp.max_length:,}); split it")
    return facts_from_doc(nlp(article.text), article)
