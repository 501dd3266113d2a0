"""Judging quantities and dates: are two statements the same fact, and do their values agree?

A pair of statements is alignable when the words around them say they describe the same thing;
how much evidence is needed depends on what aligning them would claim. Equal values need little
("Tuesday" and "Tuesday" in similar sentences), compatible values more, and a conflict the most:
the same unit, the same thing counted or dated, and closely matching context.
"""

from __future__ import annotations

import math

from ..model import DateFact, Quantity, QuantityValue
from .align import Pair, Weights

# Context similarity each relation needs (after the bonuses below).
THRESHOLDS = {"same": 0.22, "compatible": 0.3, "incompatible": 0.55}
HEAD_BONUS = 0.35  # both count or describe the same thing ("page" of an "indictment")
HEAD_PENALTY = 0.15  # they name different things
UNIT_BONUS = 0.15  # the same counted noun that is also the unit ("six seats")
VAGUE_HEADS = {"be", "have", "do", "get", "make", "say", "take", "give"}


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ation", "ment", "ing", "ion", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def heads_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    wa, wb = a.split(), b.split()
    return _stem(wa[0]) == _stem(wb[0])


def _interval(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a hedged number admits: "more than 30" admits (30, ∞)."""
    if qualifier == "about":
        return value * 0.85, value * 1.15
    if qualifier in {"over", "min"}:
        return value, math.inf
    if qualifier in {"under", "max"}:
        return value * 0.75, value
    return value, value


def relate_quantities(x: Quantity, y: Quantity) -> str:
    if isinstance(x.value, tuple) or isinstance(y.value, tuple):
        return "same" if x.value == y.value else "incompatible"
    if x.value == y.value and x.qualifier == y.qualifier:
        return "same"
    lo1, hi1 = _interval(x.value, x.qualifier)
    lo2, hi2 = _interval(y.value, y.qualifier)
    if lo1 <= hi2 and lo2 <= hi1:
        return "compatible"
    return "incompatible"


def _informative(q: Quantity) -> bool:
    return bool(q.head) and q.head != q.unit and q.head not in VAGUE_HEADS


def judge_quantities(x: Quantity, y: Quantity, weights: Weights) -> Pair | None:
    if x.hypothetical or y.hypothetical:
        return None
    if x.unit != y.unit or (x.unit is None and not heads_match(x.head, y.head)):
        return None
    relation = relate_quantities(x, y)
    score = weights.similarity(x.context, y.context)
    same_thing = False
    if _informative(x) and _informative(y):
        same_thing = heads_match(x.head, y.head)
        score += HEAD_BONUS if same_thing else -HEAD_PENALTY
    elif heads_match(x.head, y.head):
        score += UNIT_BONUS
    if relation == "incompatible" and not (same_thing and _close(x.value, y.value)):
        return None
    return Pair(score, relation, linked=score >= THRESHOLDS[relation])


def _close(a: QuantityValue, b: QuantityValue) -> bool:
    """Conflicting figures worth flagging are near each other (38 vs 39 days, 47 vs 48 pages);
    far-apart numbers with the same unit are, far more often, different facts."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return True
    if isinstance(a, tuple) or isinstance(b, tuple):
        return False
    hi = max(abs(a), abs(b))
    return hi == 0 or abs(a - b) / hi <= 0.1


def relate_dates(x: DateFact, y: DateFact) -> str | None:
    if x.value is not None and y.value is not None:
        if x.value.first == y.value.first and x.value.last == y.value.last:
            return "same"
        if x.value.overlaps(y.value):
            return "compatible"
        return "incompatible"
    if x.value is None and y.value is None and x.weekday and y.weekday:
        return "same" if x.weekday == y.weekday else "incompatible"
    return None


def judge_dates(x: DateFact, y: DateFact, weights: Weights) -> Pair | None:
    relation = relate_dates(x, y)
    if relation is None:
        return None
    same_event = heads_match(x.head, y.head)
    score = weights.similarity(x.context, y.context) + (HEAD_BONUS if same_event else 0.0)
    if x.relation != y.relation:
        if x.relation and y.relation:
            return None
        score -= 0.1
    if relation == "incompatible" and not same_event:
        return None
    return Pair(score, relation, linked=score >= THRESHOLDS[relation])
