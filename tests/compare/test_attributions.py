"""How a credit is described to the reader."""

from __future__ import annotations

from storydiff.compare.attributions import describe_attribution
from storydiff.model import Attribution, Span


def test_a_credit_is_described_by_its_sentence_without_the_mark_the_splitter_left_before_it() -> None:
    text = 'Gibbs called it "a race to the bottom."\n\n" Santorum appeared on CBS\' "Face the Nation" on Sunday.'
    start = text.index('" Santorum')
    credit = Attribution(article="a", start=text.index("appeared"), end=text.index(" \"Face"), text="appeared on CBS'",
                         sentence=Span(start, len(text)), context=(), source="CBS", source_kind="outlet",
                         cue="appear", content=Span(start, len(text)))
    assert describe_attribution(credit, text, words=4) == "“Santorum appeared on CBS'…”"
