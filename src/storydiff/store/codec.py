"""Facts and compared stories to JSON and back, exactly, so that a stored article's facts never need
re-parsing and a stored story's findings never need comparing again.

Every dataclass of :mod:`storydiff.model` is written as ``{"@": class name, field: value…}``,
dates as ``{"@date": "YYYY-MM-DD"}``, other mappings as ``{"@map": {key: value…}}``, lists as
``{"@list": [...]}``, the numbers JSON cannot hold (NaN, the infinities, as a
figure written with hundreds of digits parses to) as ``{"@float": "inf"}``; tuples become JSON lists and
come back as tuples. Only model classes are ever built on reading: the JSON names a class, it
cannot name code to run.

Everything else the store and the commands write goes through :func:`json_text`: valid JSON, with
null for a non-finite number (JSON has none; JavaScript's ``JSON.stringify`` writes null too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from .. import model
from ..model import Article, ArticleFacts, Story
from ..timeline import When

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (model.Entity, model.Quote, model.Quantity, model.DateFact, model.Attribution, model.Span,
                model.Speaker, model.DateValue, model.Mention, model.Finding, model.Story)
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
    if isinstance(value, float) and not math.isfinite(value):
        return {"@float": repr(value)}  # 'inf', '-inf' or 'nan', which float() reads back
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    if isinstance(value, list):
        return {"@list": [encode(v) for v in value]}
    if isinstance(value, Mapping):
        return {"@map": {str(k): encode(v) for k, v in value.items()}}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "@date" in value:
            return dt.date.fromisoformat(value["@date"])
        if "@float" in value:
            return float(value["@float"])
        if "@list" in value:
            return [decode(v) for v in value["@list"]]
        if "@map" in value:
            return {k: decode(v) for k, v in value["@map"].items()}
        cls = _CLASSES.get(value.get("@", ""))
        if cls is None:
            raise ValueError(f"unknown stored fact type {value.get('@')!r}")
        return cls(**{k: decode(v) for k, v in value.items() if k != "@"})
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    return value


def facts_to_json(facts: ArticleFacts) -> str:
    return json.dumps([encode(f) for f in facts.facts], ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def facts_from_json(article: Article, text: str) -> ArticleFacts:
    return ArticleFacts(article=article, facts=tuple(decode(f) for f in json.loads(text)))


def story_to_json(story: Story) -> str:
    return json.dumps(encode(story), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def story_from_json(text: str) -> Story:
    story = decode(json.loads(text))
    if not isinstance(story, Story):
        raise ValueError(f"a stored story is a {type(story).__name__}")
    return story


def json_text(value: Any, *, indent: int | None = None, default: Callable[[Any], Any] | None = None) -> str:
    """``value`` as valid JSON (UTF-8 text, not escaped), a non-finite number written as null."""
    return json.dumps(finite(value), ensure_ascii=False, allow_nan=False, indent=indent, default=default)


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinity, at any depth of dicts, lists and tuples, replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def when_to_json(when: When) -> str:
    """A publication time (storydiff.timeline.When) as the store keeps it, with a digest of itself so
    that a changed byte that still reads (an offset, a digit of the date) is seen as damage."""
    fields = {"day": when.day.isoformat() if when.day else None,
              "time": when.time.isoformat() if when.time else None, "source": when.source,
              "evidence": [when.evidence.start, when.evidence.end] if when.evidence else None}
    return json.dumps({**fields, "digest": _fields_digest(fields)})


def _fields_digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def when_from_json(text: str) -> When | None:
    """The publication time kept, or None for one kept without a digest (to be read again)."""
    data = json.loads(text)
    digest = data.pop("digest", None)
    if digest is None:
        return None
    if digest != _fields_digest(data):
        raise ValueError("a publication time kept is not the one stored")
    evidence = data["evidence"]
    return When(day=dt.date.fromisoformat(data["day"]) if data["day"] else None,
                time=dt.datetime.fromisoformat(data["time"]) if data["time"] else None, source=data["source"],
                evidence=model.Span(int(evidence[0]), int(evidence[1])) if evidence else None)
