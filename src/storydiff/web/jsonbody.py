"""JSON read strictly: whatever a client sends that is not plain JSON text is refused with a line
naming where in the value it is. No web framework here (workers check uploaded articles with it too).

Python's ``json`` reads more than JSON, and some of what it reads breaks later on: integers of more
than 4,300 digits (it raises), ``NaN`` and ``Infinity`` (not JSON; they cannot be written back out),
floats that overflow to infinity (``1e400``), ``\\ud800`` escapes that make lone surrogates (not
text: they cannot be encoded, stored or hashed), and nesting so deep that parsing runs out of stack.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from ..articles import MAX_INT_DIGITS
from ..errors import StorydiffError
from ..model import MAX_META_DEPTH

MAX_DIGITS = MAX_INT_DIGITS
"""Most digits of a JSON integer: as many as the input readers take."""
MAX_DEPTH = MAX_META_DEPTH + 2
"""Deepest nesting of arrays and objects read: the body's own two levels (the list of articles, and
an article) above what an article's metadata may hold."""
MAX_PROBLEMS = 10
"""Most problems named in one answer."""


class RefusedJSON(StorydiffError):
    """A JSON text that is not read: ``problems`` name each thing wrong and where (at most
    MAX_PROBLEMS, then how many more)."""

    def __init__(self, problems: list[str]) -> None:
        more = len(problems) - MAX_PROBLEMS
        self.problems = problems[:MAX_PROBLEMS] + ([f"… and {more:,} more"] if more > 0 else [])
        super().__init__("; ".join(self.problems))


class _Refused:
    """Stands in the parsed value for a number that is not read; says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _int(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        return _Refused(f"a number of {digits:,} digits (at most {MAX_DIGITS:,} are read); send it as a string")
    return int(text)


def _float(text: str) -> float | _Refused:
    value = float(text)
    if not math.isfinite(value):
        return _Refused(f"{_short(text)} is too large to be a number; send it as a string")
    return value


def _constant(name: str) -> _Refused:
    return _Refused(f"{name} is not a JSON number; send a number or a string")


def _short(text: str, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters, lone surrogates written as escapes, for a message."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return cut.encode("utf-8", "backslashreplace").decode("utf-8")


def _surrogate(text: str) -> str | None:
    """The first lone surrogate of ``text`` as its escape, or None when it is all text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"\\u{ord(text[exc.start]):04x}"
    return None


def read_json(body: bytes) -> Any:
    """The JSON value of ``body``; raises RefusedJSON naming what is wrong and where."""
    try:
        value = json.loads(body, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except RecursionError:
        raise RefusedJSON([f"the body is nested too deeply; at most {MAX_DEPTH} levels are read"]) from None
    except json.JSONDecodeError as exc:
        raise RefusedJSON([f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) from None
    except UnicodeDecodeError as exc:
        raise RefusedJSON([f"not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start:,})"]) from None
    problems = value_problems(value)
    if problems:
        raise RefusedJSON(problems)
    return value


def value_problems(value: Any) -> list[str]:
    """What is wrong in a parsed value (a lone surrogate, nesting past MAX_DEPTH, a number not
    read), each named by its place (``articles[0].title``)."""
    return list(_problems(value))


def _problems(value: Any) -> Iterator[str]:
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        where = path or "the body"
        if depth > MAX_DEPTH:
            yield f"{where}: nested more than {MAX_DEPTH} levels deep"
        elif isinstance(item, _Refused):
            yield f"{where}: {item.reason}"
        elif isinstance(item, str):
            if (bad := _surrogate(item)) is not None:
                yield f"{where}: a lone surrogate ({bad}), which is not text; fix the escape or leave it out"
        elif isinstance(item, dict):
            for key, child in reversed(item.items()):
                name = f"{path}.{_short(key)}" if path else _short(key)
                stack.append((child, name, depth + 1))
                if (bad := _surrogate(key)) is not None:  # named before what the name holds
                    stack.append((_Refused(f"the name holds a lone surrogate ({bad}), which is not text"), name, 0))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in reversed(list(enumerate(item))))
