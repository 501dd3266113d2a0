"""One-sentence explanations a reader can check against the evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from ..analyze.quantities import BILL_UNITS
from ..model import DateFact, Quantity
from .align import Weights
from .values import unplaced_day


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def format_number(value: float) -> str:
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


QUALIFIER_WORDS = {"about": "about", "over": "more than", "min": "at least", "under": "nearly",
                   "max": "up to"}


def describe_quantity(q: Quantity) -> str:
    if q.qualifier == "several":
        value = "several"
    elif isinstance(q.value, tuple):
        # a size is written with its "x" ("2,880 x 1,800"); a tally or a range with "to" ("97 to 1")
        value = (" x " if q.unit == "dimension" else " to ").join(format_number(v) for v in q.value)
    elif q.unit == "fraction":
        share = Fraction(q.value).limit_denominator(1000)  # "two-thirds", "1 in 500"
        value = f"{share.numerator}/{share.denominator}"
    else:
        value = format_number(q.value)
    if q.unit == "$":
        value = "$" + value
    elif q.unit == "percent":
        value += " percent"
    elif q.unit == "ordinal":
        value = f"#{value}"
    elif q.unit in BILL_UNITS and isinstance(q.value, float):
        value = f"{q.unit} {int(q.value)}"  # a bill's number names it: "Senate Bill 1062", not "1,062 bills"
    elif q.unit == "year of age":
        value += " years old"
    elif q.unit and q.unit not in {"fraction", "tally", "dimension"}:
        value += f" {q.unit}" + ("s" if value != "1" and not q.unit.endswith("s") else "")
    qual = QUALIFIER_WORDS.get(q.qualifier or "")
    return f"{qual} {value}" if qual else value


def _month_day(fact: DateFact) -> dt.date | None:
    """The calendar day a date names, placed in values.COMMON_YEAR when the text gives no year."""
    if fact.value is not None:
        return fact.value.first if fact.value.granularity == "day" else None
    return unplaced_day(fact)


def day_count_reason(conflict: Sequence[Quantity], dates: Sequence[DateFact], weights: Weights) -> str | None:
    """Explain "38 days" against "39 days" from two dates the story's articles give, when the
    gap between them is the smaller figure and counting both ends gives the larger."""
    values = sorted({int(q.value) for q in conflict if isinstance(q.value, float) and q.value == int(q.value)})
    if len(values) != 2 or values[1] - values[0] != 1 or any(q.unit != "day" for q in conflict):
        return None
    days = [(d, day) for d in dates if (day := _month_day(d)) is not None]
    context = [w for q in conflict for w in (*q.context, *(q.counted or "").lower().split())]
    best: tuple[float, DateFact, DateFact, int] | None = None
    for d1, day1 in days:
        for d2, day2 in days:
            if (day2 - day1).days != values[0]:
                continue
            score = weights.similarity(d1.context, context) + weights.similarity(d2.context, context)
            if best is None or score > best[0]:
                best = (score, d1, d2, values[0])
    if best is None:
        return None
    _, d1, d2, n = best
    return (f"From {d1.text} ({d1.article}) to {d2.text} ({d2.article}) is {n} days; counting both the first "
            f"and the last day it is {n + 1}, which may explain the difference.")
