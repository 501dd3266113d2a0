"""Quantities: value, qualifier, unit and what is counted, table-driven."""

from __future__ import annotations

import pytest

from storydiff.analyze.quantities import extract_quantities, parse_number
from storydiff.model import Article

ROWS = [
    # text, evidence, value, qualifier, unit, counted
    ("Nearly 60 police calls were associated with the protests.",
     "Nearly 60", 60, "under", "call", "police calls"),
    ("He led the 38-day Occupy ICE protests in the city.",
     "38-day", 38, None, "day", "Occupy ICE protests"),
    ("Among the allegations named in the 47-page indictment were trips.",
     "47-page", 47, None, "page", "indictment"),
    ("They repaid the campaign about $60,000 last year.",
     "about $60,000", 60_000, "about", "$", None),
    ("She won by a 134-to-63 vote.",
     "134-to-63", (134, 63), None, "tally", "vote"),
    ("The final tally was 97-1.",
     "97-1", (97, 1), None, "tally", "tally"),
    ("Mr. Hunter, 41, becomes the second Republican to be indicted.",
     "41", 41, None, "year of age", "Hunter"),
    ("The 76-year-old Pelosi won again.",
     "76-year-old", 76, None, "year of age", "Pelosi"),
    ("It takes two-thirds of the Senate to override a veto.",
     "two-thirds", 2 / 3, None, "fraction", "Senate"),
    ("Fifteen of the 19 hijackers were Saudi nationals.",
     "Fifteen", 15, None, None, "hijackers"),
    ("at least 30 other countries, including Canada, grant it.",
     "at least 30", 30, "min", None, "other countries"),
    ("He deployed more than 5,000 active-duty troops.",
     "more than 5,000", 5_000, "over", "troop", "active-duty troops"),
    ("It would cost about $8 billion to build.",
     "about $8 billion", 8e9, "about", "$", None),
    ("They said 90-plus percent of those pictures were of men.",
     "90-plus percent", 90, "over", "percent", "pictures"),
    ("Some two dozen protesters came.",
     "Some two dozen", 24, "about", None, "protesters"),
    ("He was appointed to an eighth term as leader.",
     "eighth", 8, None, "ordinal", "term"),
]


@pytest.mark.parametrize(("text", "evidence", "value", "qualifier", "unit", "counted"), ROWS)
def test_quantity(nlp, text, evidence, value, qualifier, unit, counted):  # type: ignore[no-untyped-def]
    facts = list(extract_quantities(nlp(text), Article(id="t", text=text)))
    hits = [q for q in facts if evidence in q.text or q.text in evidence and q.text.strip()]
    assert hits, [q.text for q in facts]
    q = hits[0]
    assert text[q.start:q.end] == q.text
    if isinstance(value, tuple):
        assert q.value == value
    else:
        assert q.value == pytest.approx(value)
    assert q.qualifier == qualifier
    assert q.unit == unit
    if counted is not None:
        assert q.counted == counted


@pytest.mark.parametrize("text", [
    "The protests began in 2018 and ended in 2019.",  # years are dates
    "It happened on Sept. 11 at the site.",  # a day of a month
    "No one came to the meeting.",  # "one" as a pronoun
])
def test_not_quantities(nlp, text):  # type: ignore[no-untyped-def]
    assert list(extract_quantities(nlp(text), Article(id="t", text=text))) == []


def test_hypothetical_flagged(nlp):  # type: ignore[no-untyped-def]
    text = "If an officer ignored an ongoing crime for 30 days, he would be placed on leave."
    (q,) = [q for q in extract_quantities(nlp(text), Article(id="t", text=text)) if q.value == 30]
    assert q.hypothetical


@pytest.mark.parametrize(("words", "value"),
                         [("5,200", 5200), ("twenty-one", 21), ("fifteen", 15), ("3.5", 3.5)])
def test_parse_number(words, value):  # type: ignore[no-untyped-def]
    assert parse_number(words) == value


@pytest.mark.parametrize("digits", ["1" + "0" * 400, "1" + "0" * 40, "9" * 31])
def test_figures_past_any_real_count_are_not_quantities(nlp, digits: str) -> None:  # type: ignore[no-untyped-def]
    text = f"More than {digits} people were counted, and 12 stayed home."
    found = list(extract_quantities(nlp(text), Article(id="a", text=text)))
    assert [q.text for q in found] == ["12"]
    assert parse_number(digits) is None


def test_large_real_figures_are_still_quantities() -> None:
    assert parse_number("22,000,000,000,000") == 22e12
