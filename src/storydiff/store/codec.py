"""Facts to JSON and back, exactly, so that a stored article's facts never need re-parsing.

Every dataclass of :mod:`storydiff.model` is written as ``{"@": class name, field: value…}``,
dates as ``{"@date": "YYYY-MM-DD"}``; tuples become lists and come back as tuples. Only model
classes are ever built on reading: the JSON names a class, it cannot name code to run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from .. import model
from ..model import Article, ArticleFacts

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (model.Entity, model.Quote, model.Quantity, model.DateFact, model.Attribution, model.Span,
                model.Speaker, model.DateValue)
}


def encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _CLASSES:
            raise TypeError(f"cannot store a {name}")
        out: dict[str, Any] = {"@": name}
        for f in dataclasses.fields(value):
            out[f.name] = encode(getattr(value, f.name))
        return out
    if isinstance(value, dt.date):
        return {"@date": value.isoformat()}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "@date" in value:
            return dt.date.fromisoformat(value["@date"])
        cls = _CLASSES.get(value.get("@", ""))
        if cls is None:
            raise ValueError(f"unknown stored fact type {value.get('@')!r}")
        return cls(**{k: decode(v) for k, v in value.items() if k != "@"})
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    return value


def facts_to_json(facts: ArticleFacts) -> str:
    return json.dumps([encode(f) for f in facts.facts], ensure_ascii=False, separators=(",", ":"))


def facts_from_json(article: Article, text: str) -> ArticleFacts:
    return ArticleFacts(article=article, facts=tuple(decode(f) for f in json.loads(text)))
