"""What every fuzz property shares: the Hypothesis profile and seed, the count of inputs run, the
time bound on one input, and the checks every output must pass.

Profiles (``STORYDIFF_FUZZ``): ``ci`` (the default: the bounded run inside ``make test``) and
``long`` (``make fuzz``). ``STORYDIFF_FUZZ_EXAMPLES`` sets the examples of a weight-1 property in
either; ``STORYDIFF_FUZZ_SEED`` replays a run (every run prints its seed at the end).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import random
import re
import signal
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis.internal.conjecture import engine as conjecture_engine

from storydiff.model import Article, ArticleFacts, Attribution, Quote, Report

PROFILE = os.environ.get("STORYDIFF_FUZZ", "ci")
BASE_EXAMPLES = {"ci": 100, "long": 3600}  # weights add up to 28.5: about 2,850 and 100,000 inputs
SEED = int(os.environ.get("STORYDIFF_FUZZ_SEED") or random.SystemRandom().getrandbits(32))
TIME_BOUND = float(os.environ.get("STORYDIFF_FUZZ_TIME_BOUND", "20"))
"""Seconds one input may take before it counts as a hang (generous: the machine may be shared)..."""
CHARS_PER_SECOND = 2000
"""... plus a second per this many characters of input: spaCy alone parses a long repetitive text at
about 7,000 characters a second, and comparing has to parse every article."""

if PROFILE not in BASE_EXAMPLES:
    raise SystemExit(f"STORYDIFF_FUZZ={PROFILE!r}: choose one of {', '.join(BASE_EXAMPLES)}")

# Hypothesis keeps the last 10,000 test cases it ran, each with every choice made for it: here
# whole generated files of up to a megabyte. A long run of the readers grew by 2 GB a minute and was
# killed for memory; with 200 kept it stays under 1 GB. (An internal: fail loudly if it moves.)
assert isinstance(conjecture_engine.CACHE_SIZE, int), "hypothesis moved its engine's CACHE_SIZE"
conjecture_engine.CACHE_SIZE = 200

settings.register_profile(
    "storydiff-fuzz",
    max_examples=int(os.environ.get("STORYDIFF_FUZZ_EXAMPLES") or BASE_EXAMPLES[PROFILE]),
    deadline=None,  # timing varies on a shared machine; the time bound below catches hangs instead
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # "explain" reruns a failing input many times to name the lines only failures run: too slow here
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)


@dataclass
class Tally:
    inputs: int = 0
    seconds: float = 0.0


TALLY = Tally()

T = TypeVar("T", bound=Callable[..., Any])


def fuzz(weight: float = 1.0) -> Callable[[T], T]:
    """Apply under ``@given``: the profile's examples times ``weight``, the run's seed, and, for
    every input, a count and a time bound."""

    def decorate(test: T) -> T:
        @functools.wraps(test)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            TALLY.inputs += 1
            started = time.perf_counter()
            try:
                with time_bound(TIME_BOUND + input_size((args, kwargs)) / CHARS_PER_SECOND):
                    return test(*args, **kwargs)
            finally:
                TALLY.seconds += time.perf_counter() - started

        examples = max(5, round(settings.get_profile("storydiff-fuzz").max_examples * weight))
        profile = settings(settings.get_profile("storydiff-fuzz"), max_examples=examples)
        return profile(seed(SEED)(bounded))  # type: ignore[return-value]

    return decorate


def input_size(value: Any) -> int:
    """Characters (or bytes) of text in an input, however it nests."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, Mapping):
        return sum(input_size(k) + input_size(v) for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return sum(input_size(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(input_size(getattr(value, f.name)) for f in dataclasses.fields(value))
    return 0


class _Hang(BaseException):
    """Raised by the alarm; a BaseException, so that no ``except Exception`` in the code under test
    turns a hang into a recorded problem."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Fail (AssertionError) when the block takes more than ``seconds``: a hang, or work that grows
    too fast with the input."""

    def alarm(signum: int, frame: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Hang:
        raise AssertionError(f"no answer within {seconds:g} s: a hang, or work that grows too fast") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- checks on outputs ----------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise AssertionError(f"not strict JSON: {name}")


def strict_json(text: str | bytes) -> Any:
    """The document in ``text``, which must be strict JSON: no NaN or Infinity."""
    return json.loads(text, parse_constant=_no_constant)


def writable(text: str) -> str:
    """``text``, which must be writable as UTF-8 (every output is): no lone surrogate."""
    text.encode("utf-8")
    return text


def check_facts(analyzed: ArticleFacts) -> None:
    """Every fact points at its own evidence in its article's text."""
    article = analyzed.article
    text = article.text
    for fact in analyzed.facts:
        assert fact.article == article.id, fact
        assert 0 <= fact.start <= fact.end <= len(text), fact
        assert fact.text == text[fact.start:fact.end], fact
        assert 0 <= fact.sentence.start <= fact.sentence.end <= len(text), fact
        if isinstance(fact, Quote):
            for part in fact.parts:
                assert fact.start <= part.start <= part.end <= fact.end, fact
            for span in (fact.speaker, fact.cue):
                if span is not None:
                    assert 0 <= span.start <= span.end <= len(text), fact
        if isinstance(fact, Attribution):
            assert 0 <= fact.content.start <= fact.content.end <= len(text), fact


def check_report(report: Report) -> None:
    """Every mention of every finding points at its evidence in its article's text."""
    texts = {a.id: a.text for a in report.articles}
    for story in report.stories:
        assert set(story.articles) <= set(texts), story.articles
        for finding in story.findings:
            assert finding.mentions, finding
            for m in finding.mentions:
                assert m.text == texts[m.article][m.start:m.end], m
                assert 0 <= m.start <= m.end <= len(texts[m.article]), m


def check_report_document(doc: Mapping[str, Any], texts: Mapping[str, str]) -> None:
    """A storydiff.report/1 document whose every mention points into ``texts`` (by article id)."""
    assert doc["schema"] == "storydiff.report/1", doc.get("schema")
    for story in doc["stories"]:
        for finding in story["findings"]:
            for m in finding["mentions"]:
                assert texts[m["article"]][m["start"]:m["end"]] == m["text"], m


def texts_of(articles: list[Article]) -> dict[str, str]:
    return {a.id: a.text for a in articles}


# -- HTML -----------------------------------------------------------------------------------------

_WEB = Path(__file__).resolve().parents[2] / "src" / "storydiff" / "web"
TEMPLATE_TAGS = frozenset(re.findall(r"<([a-z][a-z0-9]*)", "".join(
    p.read_text(encoding="utf-8") for p in [*(_WEB / "templates").glob("*.html"), _WEB / "highlight.py"])))
"""The elements the templates write, and the marks web/highlight.py writes around evidence: any
other element in a page came from input left unescaped."""


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def check_page(html: str) -> None:
    """An HTML page holds no element, attribute or link that input could have put there."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in TEMPLATE_TAGS, f"<{tag}> is not an element of the templates: unescaped input"
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=…>: an event handler from input"
            if name in {"href", "src", "action"} and value:
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE), (tag, name, value)
        if tag == "script":
            assert dict(attrs).get("src", "").startswith("/static/"), attrs
