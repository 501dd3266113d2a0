"""Reading a person's gender from their first name (analyze/speakers.py first_name_gender)."""

from __future__ import annotations

import pytest

from storydiff.analyze.speakers import first_name_gender


@pytest.mark.parametrize(("name", "gender"), [
    ("Wendy Sherman", "f"),
    ("Denis McDonough", "m"),
    ("Sen. Ted Cruz", "m"),  # past the title
    ("Carly Fiorina", "f"),
    ("Sherman", None),  # a surname alone, though also a man's first name
    ("Jordan Smith", None),  # borne by both sexes: not an order of magnitude apart
    ("A.J. Smith", None),  # initials
    ("Recep Tayyip Erdogan", None),  # not in the census lists
])
def test_a_full_names_first_name_tells_a_gender_when_clear(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender
