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


def test_a_name_does_not_end_in_the_line_break_after_it(nlp):  # type: ignore[no-untyped-def]
    """A parse that puts the line break after a name inside the entity ("Donald Trump\\n") gave the
    name with the break, and every bare "Trump" that name."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["Donald", "Trump", "\n\n", "Trump", "spoke", "."],
              spaces=[True, False, False, True, False, False],
              ents=["B-PERSON", "I-PERSON", "I-PERSON", "B-PERSON", "O", "O"])
    assert [n for _, _, n in build_index(doc).mentions] == ["Donald Trump", "Donald Trump"]


def _names(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(text[s:e], n) for s, e, n in build_index(nlp(text)).mentions]


def test_two_people_of_one_surname_stay_apart(nlp):  # type: ignore[no-untyped-def]
    text = ("Jeb Bush endorsed the senator on Wednesday. Bush called him a leader. Another reason for Bush "
            "to back him: his son. George P. Bush, the 39-year-old land commissioner, is next.")
    names = _names(nlp, text)
    assert ("Jeb Bush", "Jeb Bush") in names
    assert ("George P. Bush", "George P. Bush") in names
    # a bare surname is the person of that surname the article named in full first
    assert [n for w, n in names if w == "Bush"] == ["Jeb Bush", "Jeb Bush"]


def test_a_bare_surname_is_the_first_named_not_the_last(nlp):  # type: ignore[no-untyped-def]
    text = ("Ted Cruz spoke to delegates in Cleveland. Trump once mocked Heidi Cruz in a tweet. "
            "Cruz said he would not forgive it.")
    assert [n for w, n in _names(nlp, text) if w == "Cruz"] == ["Ted Cruz"]


def test_the_end_of_a_full_name_and_the_same_first_name_are_one_person(nlp):  # type: ignore[no-untyped-def]
    text = ("Rep. Debbie Wasserman Schultz resigned on Sunday. Wasserman Schultz said she was proud. "
            "Mayor Bill de Blasio agreed, and de Blasio praised her. Donald J. Trump mocked her; "
            "Donald Trump said she was weak.")
    names = dict(_names(nlp, text))
    assert names["Wasserman Schultz"] == "Debbie Wasserman Schultz"
    assert names["de Blasio"] == "Bill de Blasio"
    assert names["Donald Trump"] == "Donald J. Trump"


def test_a_title_word_is_dropped_from_a_persons_name_not_from_an_organisations(nlp):  # type: ignore[no-untyped-def]
    text = "Justice Ruth Bader Ginsburg spoke on Monday. The Justice Department did not comment."
    index = build_index(nlp(text))
    names = {text[s:e]: n for s, e, n in index.mentions}
    assert "Ruth Bader Ginsburg" in names.values()
    assert "Justice Department" in names.values()


def test_ranks_and_plural_titles_are_dropped_from_a_persons_name(nlp):  # type: ignore[no-untyped-def]
    text = ("Sens. Jeff Merkley and Elizabeth Warren questioned him. \"It was wrong,\" said Army Maj. Ann Cole. "
            "Atty. Ben Ortiz did not reply.")
    index = build_index(nlp(text))
    names = {text[s:e]: n for s, e, n in index.mentions}
    assert {"Jeff Merkley", "Ann Cole", "Ben Ortiz"} <= set(names.values())


def test_a_name_written_only_inside_a_quotation_is_not_the_persons_name(nlp):  # type: ignore[no-untyped-def]
    """A form of a name inside a quotation is the quoted person's way of naming ("“Crooked Hillary Clinton
    is spending a fortune,” Trump wrote"): the person is named as the writer names them, and by the
    quoted form only where the writer never names them in full."""
    from spacy.tokens import Doc

    words = ["“", "Crooked", "Hillary", "Clinton", "lies", ",", "”", "Trump", "wrote", ".", "Hillary", "Clinton",
             "laughed", "."]
    spaces = [False, True, True, True, False, False, True, True, False, True, True, True, False, False]
    ents = ["O", "B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "B-PERSON", "I-PERSON",
            "O", "O"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=ents)
    assert [n for _, _, n in build_index(doc).mentions] == ["Hillary Clinton", "Trump", "Hillary Clinton"]
    only_quoted = Doc(nlp.vocab, words=words[:10], spaces=spaces[:10], ents=ents[:10])
    assert [n for _, _, n in build_index(only_quoted).mentions] == ["Crooked Hillary Clinton", "Trump"]
