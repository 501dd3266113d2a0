"""Hypothesis strategies for input files of every kind storydiff reads — text, HTML, JSON, JSON
lines, RSS/Atom feeds and WARC archives — built valid-looking from hostile parts, then now and
then truncated or corrupted byte by byte."""

from __future__ import annotations

import functools
import html
import io
import json
from dataclasses import dataclass

from hypothesis import strategies as st

from tests.fuzz.strategies import article_texts, calendar_dates, field_texts, json_values, noise

BOM = "\ufeff"


@dataclass(frozen=True)
class InputFile:
    """A file to read: its name (the suffix picks the reader) and its bytes."""

    name: str
    data: bytes

    def __repr__(self) -> str:  # what Hypothesis prints for a failing example: short, but replayable
        return f"InputFile({self.name!r}, {self.data!r})"


def encoded(text: str) -> st.SearchStrategy[bytes]:
    """The text as UTF-8 (lone surrogates kept as bytes no decoder takes), with or without a BOM,
    now and then as UTF-16 or Latin-1."""
    return st.one_of(
        st.just(text.encode("utf-8", "surrogatepass")),
        st.just((BOM + text).encode("utf-8", "surrogatepass")),
        st.just(text.encode("utf-16", "surrogatepass")),
        st.just(text.encode("latin-1", "replace")),
    )


# -- JSON, written by hand so that it can hold what json.dumps never writes ------------------------

RAW_JSON = ("NaN", "-Infinity", "Infinity", "1e999", "-0", "1" + "0" * 5000, "-" + "9" * 4301, '"\\ud800"',
            '"a\\udfff\\ud800b"', '"\\u0000"', "[" * 100_000 + "]" * 100_000, '{"a":' * 5000 + "1" + "}" * 5000,
            "[" * 50, '"' + "x" * 70_000 + '"', "true", "null", "{}", "[]", '"\\"', "'single'", "0x10", "01")


def json_text(value: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    """A JSON value's text: ``value`` as json.dumps writes it (ASCII or not), or a raw hostile token."""
    dumped = st.builds(lambda v, ascii_only: json.dumps(v, ensure_ascii=ascii_only), value, st.booleans())
    return st.one_of(dumped, st.sampled_from(RAW_JSON))


def field_value(strings: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return json_text(st.one_of(strings, st.none(), json_values(3)))


@functools.cache
@st.composite
def json_records(draw: st.DrawFn) -> str:
    """One article object: the usual fields (each sometimes of the wrong type or hostile), extra
    fields, now and then a field left out or given twice."""
    fields = {
        "id": draw(field_value(field_texts())),
        "text": draw(st.one_of(st.builds(lambda t: json.dumps(t, ensure_ascii=False), article_texts()),
                               st.builds(json.dumps, article_texts()), field_value(article_texts()))),
        "outlet": draw(field_value(field_texts())),
        "title": draw(field_value(field_texts())),
        "published": draw(field_value(st.one_of(calendar_dates().map(dt_text), field_texts()))),
        "url": draw(field_value(field_texts())),
    }
    items = [(k, v) for k, v in fields.items() if draw(st.integers(0, 9))]  # a field is missing one time in ten
    items += [(draw(noise(8)), draw(json_text(json_values()))) for _ in range(draw(st.integers(0, 2)))]
    if items and draw(st.integers(0, 9)) == 0:
        items.append(items[0])
    return "{" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in items) + "}"


def dt_text(date: object) -> str:
    return str(date)


@functools.cache
@st.composite
def json_files(draw: st.DrawFn) -> str:
    records = draw(st.lists(json_records(), min_size=1, max_size=4))
    if len(records) == 1 and draw(st.booleans()):
        return records[0]
    return "[" + ",\n".join(records) + "]"


@functools.cache
@st.composite
def jsonl_files(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(json_records(), json_records(), st.sampled_from(("", "  ", "{", "[1, 2]", "null"))),
                          min_size=1, max_size=6))
    end = draw(st.sampled_from(("\n", "\r\n", "\r", "\u2028")))
    return end.join(lines) + draw(st.sampled_from(("", end)))


# -- HTML and feeds ---------------------------------------------------------------------------------


def escaped(text: str, escape: bool) -> str:
    return html.escape(text, quote=False) if escape else text


@functools.cache
@st.composite
def html_files(draw: st.DrawFn) -> str:
    escape = draw(st.booleans())
    title = escaped(draw(field_texts()), escape)
    paragraphs = "".join(f"<p>{escaped(t, escape)}</p>" for t in draw(st.lists(article_texts(4), min_size=1,
                                                                                  max_size=4)))
    charset = draw(st.sampled_from(("utf-8", "iso-8859-1", "utf-16", "x-unknown", "")))
    date = draw(st.one_of(calendar_dates().map(dt_text), field_texts()))
    head = (f'<meta charset="{charset}"><title>{title}</title><meta name="date" content="{html.escape(date)}">'
            f'<link rel="canonical" href="{html.escape(draw(field_texts()))}">')
    body = f"<article><h1>{title}</h1>{paragraphs}</article>"
    return draw(st.sampled_from((f"<!doctype html><html><head>{head}</head><body>{body}</body></html>",
                                 f"<html><body>{body}", body, f"<html><head>{head}</head></html>")))


DOCTYPES = ("", '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
            '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>',
            '<!DOCTYPE rss SYSTEM "http://example.com/evil.dtd">')
FEED_DATES = ("Fri, 31 Dec 9999 23:59:59 +1400", "Mon, 01 Jan 0001 00:00:00 -1200", "Tue, 30 Feb 2024 10:00:00 GMT",
              "9999-12-31T23:59:59-23:59")
ENTITY_USES = ("", "&xxe;", "&f;", "&nbsp;", "&#0;", "&#xD800;", "&#1114112;", "&amp;", "&lt;script&gt;")


@functools.cache
@st.composite
def feed_entries(draw: st.DrawFn, atom: bool) -> str:
    text = draw(article_texts(5))
    body = draw(st.sampled_from((f"<![CDATA[{text.replace(']]>', '')}]]>", html.escape(text), text,
                                 html.escape(f"<p>{html.escape(text)}</p>"))))
    title = draw(st.sampled_from((html.escape(draw(field_texts())), draw(field_texts()))))
    date = draw(st.one_of(calendar_dates().map(dt_text), field_texts(), st.sampled_from(FEED_DATES)))
    date = html.escape(date)
    extra = draw(st.sampled_from(ENTITY_USES))
    if atom:
        return (f"<entry><id>{html.escape(draw(field_texts()))}</id><title>{title}</title><updated>{date}</updated>"
                f'<content type="html">{body}{extra}</content></entry>')
    return (f"<item><title>{title}</title><guid>{html.escape(draw(field_texts()))}</guid><pubDate>{date}</pubDate>"
            f"<description>{body}{extra}</description></item>")


@functools.cache
@st.composite
def feed_files(draw: st.DrawFn) -> str:
    atom = draw(st.booleans())
    declaration = draw(st.sampled_from(('<?xml version="1.0" encoding="utf-8"?>\n', "",
                                        '<?xml version="1.0" encoding="iso-8859-1"?>',
                                        '<?xml version="1.1"?>')))
    doctype = draw(st.sampled_from(DOCTYPES))
    entries = "".join(draw(st.lists(feed_entries(atom), max_size=4)))
    outlet = html.escape(draw(field_texts()))
    if atom:
        return f'{declaration}{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>{outlet}</title>{entries}</feed>'
    return f'{declaration}{doctype}<rss version="2.0"><channel><title>{outlet}</title>{entries}</channel></rss>'


# -- WARC -------------------------------------------------------------------------------------------

WarcPage = tuple[str, str, bytes, str]  # target URI, content type, body, HTTP status


@functools.cache
@st.composite
def warc_pages(draw: st.DrawFn) -> WarcPage:
    uri = draw(st.one_of(st.just("https://example.com/news/a"), field_texts()))
    content_type = draw(st.sampled_from(("text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1",
                                         "application/xhtml+xml", "text/html; charset=bogus", "image/png", "")))
    body = draw(html_files()).encode("utf-8", "surrogatepass")
    status = draw(st.sampled_from(("200 OK", "200 OK", "404 Not Found", "301 Moved Permanently")))
    return uri, content_type, body, status


def warc_bytes(pages: list[WarcPage], gzip: bool) -> tuple[bytes, list[int]]:
    """The archive, and the offset where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    ends = []
    for number, (uri, content_type, body, status) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        safe_uri = uri.encode("utf-8", "replace").decode("utf-8").replace("\r", "").replace("\n", "")
        # a fixed date and record id: the same draw makes the same bytes
        fixed = {"WARC-Date": "2024-03-07T09:15:00Z", "WARC-Record-ID": f"<urn:uuid:{number:032x}>"}
        writer.write_record(writer.create_warc_record(safe_uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers, warc_headers_dict=fixed))
        ends.append(out.tell())
    return out.getvalue(), ends


# -- files of every kind, then broken ---------------------------------------------------------------

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz", ".dat", "")


@functools.cache
def stems() -> st.SearchStrategy[str]:
    chars = st.characters(exclude_categories=["Cs"], exclude_characters="/\x00")
    return st.text(chars, min_size=1, max_size=30).filter(
        lambda s: s not in (".", "..") and len(s.encode("utf-8")) < 200)


@st.composite  # not cached: its argument is a whole generated file, a new one every time
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes, now and then truncated, cut, spliced or flipped."""
    for _ in range(draw(st.integers(0, 3)) if draw(st.booleans()) else 0):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(("truncate", "delete", "insert", "flip", "duplicate")))
        if how == "truncate":
            data = data[:at]
        elif how == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 16)):]
        elif how == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif how == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif how == "duplicate":
            data = data[:at] + data[max(0, at - 64):at] + data[at:]
    return data


@functools.cache
@st.composite
def content_for(draw: st.DrawFn, suffix: str) -> bytes:
    """Well-formed-looking content for ``suffix``, or for another kind (a sniffed name, a wrong one)."""
    if suffix in (".warc", ".warc.gz") and draw(st.integers(0, 4)):
        data, _ = warc_bytes(draw(st.lists(warc_pages(), min_size=1, max_size=3)), gzip=suffix == ".warc.gz")
        return data
    kind = {".html": html_files(), ".htm": html_files(), ".json": json_files(), ".jsonl": jsonl_files(),
            ".rss": feed_files(), ".atom": feed_files(), ".xml": feed_files()}.get(suffix, article_texts())
    text = draw(st.one_of(kind, html_files(), json_files(), jsonl_files(), feed_files(), article_texts())
                if draw(st.integers(0, 3)) == 0 else kind)
    return draw(encoded(text))


@functools.cache
@functools.cache
@st.composite
def input_files(draw: st.DrawFn) -> InputFile:
    suffix = draw(st.sampled_from(SUFFIXES))
    return InputFile(draw(stems()) + suffix, draw(mutated(draw(content_for(suffix)))))
