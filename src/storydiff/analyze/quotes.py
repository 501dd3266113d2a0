"""Direct quotes with their speakers (being written)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from ..model import Article, Quote
from .entities import EntityIndex


def extract_quotes(doc: Doc, article: Article, index: EntityIndex) -> Iterator[Quote]:
    yield from ()
