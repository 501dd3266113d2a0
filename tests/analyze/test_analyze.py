"""analyze() as the API gives it: one article in, its facts or one of storydiff's own errors out."""

from __future__ import annotations

import pytest

from storydiff import analyze
from storydiff.errors import ArticleTooLarge
from storydiff.model import Article


def test_an_article_longer_than_the_model_parses_is_too_large(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "No. " * (nlp.max_length // 4 + 1)
    with pytest.raises(ArticleTooLarge) as caught:
        analyze(Article(id="long", text=text), nlp=nlp)
    assert str(caught.value) == (f"long: article is {len(text):,} characters, more than the model parses "
                                 f"({nlp.max_length:,}); split it")


def test_the_page_stamps_figures_are_neither_dates_nor_quantities(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "PUBLISHED: 22: 07 GMT, 7 July 2012 UPDATED: 22: 07 GMT, 7 July 2012 Klitschko beat 3 rivals."
    found = analyze(Article(id="a", text=text), nlp=nlp).facts
    assert [(f.kind, f.text) for f in found if f.kind in ("date", "quantity")] == [("quantity", "3")]
