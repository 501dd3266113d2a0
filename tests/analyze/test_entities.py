"""Entities: in-article canonical names and roles."""

from __future__ import annotations

from storydiff.analyze.entities import build_index

TEXT = ("Portland Mayor Ted Wheeler defended his approach. Sean Riddell, a Portland-based attorney, "
        "wrote the letter. Mr. Wheeler said the claims were false, and Riddell disagreed.")


def test_short_forms_take_the_full_name(nlp):  # type: ignore[no-untyped-def]
    index = build_index(nlp(TEXT))
    names = {TEXT[s:e]: n for s, e, n in index.mentions}
    assert names["Ted Wheeler"] == "Ted Wheeler"
    assert names.get("Wheeler") == "Ted Wheeler"
    assert names.get("Riddell") == "Sean Riddell"  # even where spaCy tags the bare surname an ORG
    assert index.labels["Ted Wheeler"] == "PERSON"


def test_roles_resolve_role_nouns(nlp):  # type: ignore[no-untyped-def]
    index = build_index(nlp(TEXT))
    assert "Mayor" in (index.roles.get("Ted Wheeler") or "")
    assert index.by_role("mayor") == "Ted Wheeler"
    assert index.by_role("attorney") == "Sean Riddell"


def test_last_person_before(nlp):  # type: ignore[no-untyped-def]
    index = build_index(nlp(TEXT))
    hit = index.last_person_before(TEXT.index("wrote"))
    assert hit is not None and hit[2] == "Sean Riddell"


def test_a_name_of_marks_and_spaces_is_not_an_entity(nlp):  # type: ignore[no-untyped-def]
    from storydiff import analyze
    from storydiff.model import Article

    text = "\u201a  \u0301\u0301''\u203az\U00058fe7\u300c\u29f5"
    index = build_index(nlp(text))
    assert all(name.strip() for _, _, name in index.mentions)
    facts = analyze(Article(id="a", text=text), nlp=nlp)
    assert all(text[f.start:f.end] == f.text for f in facts.facts)
