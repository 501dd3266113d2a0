"""analyze/text: a token's entity, and the spans already read."""

from __future__ import annotations

import random

from storydiff.analyze.text import Spans, entity_of


def test_the_entity_a_token_is_part_of_is_the_one_doc_ents_gives(nlp):  # type: ignore[no-untyped-def]
    """text.entity_of finds a token's entity from the tags alone; it must be the span of doc.ents that
    holds the token (or none), for every token: entities of one and of several words, side by side."""
    doc = nlp("Portland Mayor Ted Wheeler met Kate Brown and The Wall Street Journal's editors in "
              "Salem on Monday, the Journal reported. Wheeler said 3 people came.")
    assert len(doc.ents) >= 4
    for tok in doc:
        holder = next(((e.start, e.end) for e in doc.ents if e.start <= tok.i < e.end), None)
        found = entity_of(tok)
        assert (None if found is None else (found.start, found.end)) == holder, tok.text


def test_spans_read_answer_as_a_look_at_every_span_would() -> None:
    """text.Spans looks only at the spans that start near a question; its answers must be those of
    asking every span, for spans of any length added in any order, empty ones and questions included."""
    rng = random.Random(5)
    for _ in range(200):
        spans: list[tuple[int, int]] = []
        read = Spans([])
        for _ in range(rng.randrange(12)):
            start = rng.randrange(60)
            span = (start, start + rng.choice([0, 1, 2, 3, 8, 30]))
            spans.append(span)
            read.append(span)
        assert list(read) == sorted(spans)
        for start in range(0, 70, 3):
            for length in (0, 1, 4, 20):
                end = start + length
                assert read.overlaps(start, end) == any(s < end and start < e for s, e in spans)
                assert read.holds(start, end) == any(s <= start and end <= e for s, e in spans)
