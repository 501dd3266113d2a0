"""Articles from what inputs hold: the one place an article is made, and what every reader shares.

:mod:`storydiff.ingest` (files, folders, stdin), :mod:`storydiff.sources` (feeds, web archives),
the web app's uploads and the Spark job all build their articles here:

- :func:`make_article` checks a text and fills in the :class:`IngestOptions` defaults;
- :func:`article_from_record` reads one JSON record (``id``, ``text``, ``outlet``, ``title``,
  ``published``, ``url``; other fields kept as metadata);
- :func:`html_article` finds the article in an HTML page with trafilatura;
- :func:`load_json` reads JSON strictly: numbers a JSON writer can write back (no ``NaN`` or
  ``Infinity``, no integer of more digits than Python converts), nesting Python can hold.

Every failure is an :class:`~storydiff.errors.InputError` naming the input and saying what to do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storydiff.errors import ArticleTooLarge, InputError
from storydiff.model import Article, Problem

__all__ = ["BINARY_REASON", "BINARY_SAMPLE", "EMPTY_REASON", "HTML_BYTES_PER_CHAR", "IngestOptions",
           "article_from_record", "content_id", "decode_body", "html_article", "human_size", "is_link", "json_type",
           "load_json", "looks_binary", "looks_like_feed", "make_article", "media_type", "parse_date", "problem"]

RECORD_FIELDS = frozenset({"id", "text", "outlet", "title", "published", "url"})
# Raw HTML carries markup, scripts and styles around the article; allow this many bytes per character.
HTML_BYTES_PER_CHAR = 10
MIN_HTML_WORDS = 5
BINARY_SAMPLE = 8192
"""How many bytes of an input are looked at to tell binary from text."""
# A text file may hold a few control characters (form feeds, stray escapes); a binary one is full of them.
MIN_BINARY_CONTROLS = 16
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13} | {127}
# Python converts integers of at most this many digits to and from text (CVE-2020-10735's bound).
MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300

LINK_SCHEMES = ("http://", "https://")
# A feed's root element, after any XML declaration, processing instructions, comments and doctype.
_FEED_START = re.compile(r"(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*"
                         r"<(?:\w+:)?(?:rss|feed|RDF)\b", re.DOTALL)

EMPTY_REASON = "empty: no article text; add the text or leave the input out"
BINARY_REASON = ("looks binary, not text; give articles as .txt, .html, .json or .jsonl files "
                 "(web archives as .warc or .warc.gz)")


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read.

    ``outlet`` and ``published`` fill in for inputs that carry none; ``title_line`` takes the first
    non-empty line of a plain-text article as its title (the text itself keeps that line, so that
    offsets still index the original file); ``max_chars`` bounds one article's text.
    """

    title_line: bool = False
    outlet: str | None = None
    published: dt.date | None = None
    max_chars: int = 1_000_000


def make_article(
    text: str,
    *,
    source: str,
    options: IngestOptions,
    id: str,
    outlet: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    meta: Mapping[str, Any] | None = None,
) -> Article:
    """The one place an article is made: checks the text and fills in the options' defaults.

    :class:`Article` itself refuses text that is not valid Unicode (a lone surrogate from a JSON
    escape) in any field, naming ``source``."""
    if not text.strip():
        raise InputError(source, EMPTY_REASON)
    if len(text) > options.max_chars:
        raise ArticleTooLarge(source, (
            f"article is {human_size(len(text.encode('utf-8', 'surrogatepass')))} ({len(text):,} "
            f"characters); the limit is {options.max_chars:,} characters (--max-chars)"))
    return Article(
        id=id,
        text=text,
        outlet=outlet or options.outlet,
        title=title,
        published=published or options.published,
        url=url,
        source=source,
        meta=dict(meta or {}),
    )


def article_from_record(
    record: Mapping[str, Any],
    *,
    source: str,
    options: IngestOptions = IngestOptions(),
    default_id: str | None = None,
) -> Article:
    """Build an article from one JSON record (of a .json, .jsonl or stdin input).

    ``id`` is the record's id, else ``default_id``, else a hash of the text. Fields other than
    id, text, outlet, title, published and url are kept in ``meta``; so is a ``published`` value
    that is not an ISO date, or that gives a time of day as well (an ISO date-time). Raises
    :class:`InputError` for a record that is not an article.
    """
    if not isinstance(record, Mapping):
        raise InputError(source, f"expected a JSON object, found {json_type(record)}; "
                                 "give each article as an object with 'id' and 'text'")
    if "text" not in record:
        raise InputError(source, "no 'text' field; give each article's text in 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(source, f"'text' is {json_type(text)}, not a string; give the article text "
                                 "as a string")
    meta = {key: value for key, value in record.items() if key not in RECORD_FIELDS}
    published = parse_date(record.get("published"))
    if record.get("published") not in (None, "") and (published is None or _gives_time(record["published"])):
        meta["published"] = record["published"]  # as given: the timeline reads its time of day
    return make_article(
        text,
        source=source,
        options=options,
        id=_record_id(record, source) or default_id or content_id(text),
        outlet=_optional_str(record, "outlet", source),
        title=_optional_str(record, "title", source),
        published=published,
        url=_optional_str(record, "url", source),
        meta=meta,
    )


def extract(html: str | bytes, *, with_metadata: bool) -> Any:
    """trafilatura's document for a page (None when it finds none), its text caches emptied after.

    trafilatura keeps the last 1,024 lines and strings it cleaned in caches that live as long as the
    process, keyed by the text itself, however long: after many long pages (a crawl, a long-running
    web app) they hold other pages' text (0.8 GB in a long fuzz run of megabyte pages). Emptied after
    each page, they still serve the page's own repeated lines."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it
    from trafilatura import utils

    try:
        return trafilatura.bare_extraction(html, with_metadata=with_metadata, include_comments=False)
    finally:
        utils.trim.cache_clear()
        utils.line_processing.cache_clear()


def html_article(
    html: str | bytes,
    source: str,
    stem: str,
    options: IngestOptions,
    *,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article:
    """The article in an HTML page, found by trafilatura; the text is trafilatura's, not the HTML.

    ``url`` is where the page was fetched from (it wins over the page's canonical link);
    ``published`` stands in when the page gives no date.
    """
    if isinstance(html, bytes):
        if looks_binary(html[:BINARY_SAMPLE]):
            raise InputError(source, BINARY_REASON)
        # Valid UTF-8 is taken as such; other bytes go to trafilatura, which reads the page's charset.
        with contextlib.suppress(UnicodeDecodeError):
            html = html.decode("utf-8")
    document = extract(html, with_metadata=True)
    text = getattr(document, "text", None) if document is not None else None
    # A page of menus and footers can leave a few stray words behind; an article has sentences.
    if not text or len(text.split()) < MIN_HTML_WORDS or not re.search(r"\w[.!?]", text):
        raise InputError(source, "no article text found in the HTML; save the article's own page, "
                                 "or its text as a .txt file")
    meta = {key: value for key in ("author", "hostname", "description", "language")
            if (value := getattr(document, key, None))}
    return make_article(
        text, source=source, options=options, id=stem,
        outlet=getattr(document, "sitename", None) or None,
        title=getattr(document, "title", None) or None,
        published=parse_date(getattr(document, "date", None)) or published,
        url=url or getattr(document, "url", None) or None,
        meta=meta,
    )


# -- strict JSON --------------------------------------------------------------------------------


class _NotWritable(ValueError):
    """A JSON value that reads in Python but could not be written back as JSON."""


def load_json(text: str, source: str, *, fix: str = "fix the file", lines: bool = True) -> Any:
    """``text`` as JSON, or an :class:`InputError` naming ``source`` and ending with ``fix``.

    Strict where Python's reader is lenient or breaks: ``NaN`` and ``Infinity`` (not JSON), a number
    too large for a float, an integer of more than :data:`MAX_INT_DIGITS` digits, and nesting deeper
    than Python's stack are errors of the input, not of the reader. ``lines`` says where a syntax
    error is as line and column (else column only: the text is one line of a file)."""
    try:
        return json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}" if lines else f"column {error.colno}"
        raise InputError(source, f"invalid JSON ({error.msg.removesuffix(' at')} at {where}); {fix}") from error
    except _NotWritable as error:
        raise InputError(source, f"{error}; {fix}") from error
    except RecursionError as error:
        raise InputError(source, f"JSON nested too deeply to read; {fix}") from error


def _json_int(digits: str) -> int:
    count = len(digits.lstrip("-"))
    if count > MAX_INT_DIGITS:
        raise _NotWritable(f"an integer of {count:,} digits, more than {MAX_INT_DIGITS:,}")
    return int(digits)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotWritable(f"a number too large to hold ({text[:20]}{'…' if len(text) > 20 else ''})")
    return value


def _json_constant(name: str) -> Any:
    raise _NotWritable(f"{name} is not a JSON value; write null or a string instead")


# -- fields -------------------------------------------------------------------------------------


def _record_id(record: Mapping[str, Any], source: str) -> str | None:
    value = record.get("id")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(source, f"'id' is {json_type(value)}; give the id as a string or an integer")
    return str(value)


def _optional_str(record: Mapping[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source, f"{key!r} is {json_type(value)}, not a string; fix the record")
    return value.strip() or None


def parse_date(value: object) -> dt.date | None:
    """An ISO date or date-time string as a date; None for anything else."""
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _gives_time(value: object) -> bool:
    """Whether a ``published`` value is an ISO date-time rather than a date alone."""
    return isinstance(value, str) and parse_date(value) is not None and len(value.strip()) > len("YYYY-MM-DD")


def content_id(text: str) -> str:
    """A short stable id made from ``text``."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def looks_binary(sample: bytes) -> bool:
    """Whether the first bytes of an input are those of a binary file, not of text."""
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    # a share, but more than a few: two stray DEL characters do not make a short line binary
    return controls > max(MIN_BINARY_CONTROLS, 0.05 * len(sample))


def is_link(name: str) -> bool:
    """Whether an input names a web page to fetch (``http://…`` or ``https://…``) rather than a file."""
    return name[:8].lower().startswith(LINK_SCHEMES)


def looks_like_feed(text: str) -> bool:
    """Whether decoded content starts like an RSS or Atom feed (checked before HTML: a feed's items
    have ``<title>`` tags too)."""
    body = text.removeprefix("\ufeff").lstrip()
    return _FEED_START.match(body[:4000]) is not None


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, lower case, parameters left out: ``text/html``."""
    return (content_type or "").split(";")[0].strip().lower()


def decode_body(body: bytes, content_type: str | None) -> str | bytes:
    """A page decoded by the charset its HTTP header names, which is not in the page itself for
    trafilatura to find; the bytes as they are when the header names none, or one they do not fit."""
    found = re.search(r";\s*charset\s*=\s*\"?([\w.:-]+)", content_type or "", re.IGNORECASE)
    if found:
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            return body.decode(found.group(1))
    return body


# -- messages -----------------------------------------------------------------------------------


def problem(error: InputError) -> Problem:
    """The problem report of an input error."""
    return Problem(error.source, str(error))


def human_size(size: int) -> str:
    """A byte count for people: 5.2 MB, 12.0 kB, 800 bytes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{size / 1000:.1f} kB" if size >= 1000 else f"{size} bytes"


def json_type(value: object) -> str:
    """What a JSON value is, for a message: "an object", "a number", "null"."""
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
