"""Read what archives and crawlers produce: RSS/Atom feeds and WARC web archives.

- :func:`feed_articles`: one article per feed entry, read by feedparser from the feed's bytes (never
  from a URL: nothing is fetched, no link is followed). Text = the entry's content, else its
  summary (an RSS description), as plain text; title, link, date and id from the entry; outlet =
  the feed's title. Entries are named ``feed.rss[i]``, counting from 0.
- :func:`warc_articles`: one article per HTML page (a ``response`` record with status 200 and an
  HTML content type) in a WARC stream, read record by record, found by trafilatura as for an
  ``.html`` file; url = the record's target URI, id = ``warc-`` and a hash of that URI. Other records
  are skipped. Pages are named ``archive.warc.gz#<uri>``.

One bad entry or page yields a :class:`Problem` naming it; the others go on. :mod:`storydiff.ingest`
dispatches here by suffix (``.rss``, ``.atom``, ``.xml``; ``.warc``, ``.warc.gz``) or by content.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
import sys
import xml.sax
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO

from storydiff.articles import (
    HTML_BYTES_PER_CHAR,
    IngestOptions,
    content_id,
    decode_body,
    extract,
    html_article,
    human_size,
    make_article,
    media_type,
    parse_date,
    problem,
)
from storydiff.errors import ArticleTooLarge, InputError
from storydiff.model import Article, Problem

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

__all__ = ["feed_articles", "warc_articles"]

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Tags that end a line of text when an entry's HTML is stripped by hand.
_BLOCK_TAGS = ("address", "article", "aside", "blockquote", "br", "dd", "div", "dt", "figcaption", "footer",
               "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "p", "pre", "section", "td", "th", "tr")
_MAX_ID_CHARS = 200


# -- feeds --------------------------------------------------------------------------------------


def feed_articles(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    """An article (or a problem) for each entry of the RSS or Atom feed in ``data``.

    Raises :class:`InputError` when ``data`` is not a feed or holds no entries.
    """
    import feedparser  # imported here: only feeds need it

    # Bytes in a stream: feedparser would take a bytes or str argument for a path or URL to open.
    try:
        feed = feedparser.parse(io.BytesIO(_valid_char_refs(data)), resolve_relative_uris=False)
    except (ValueError, OverflowError, UnicodeError) as error:  # a reference in an encoding the bytes hide
        raise InputError(source, f"feed holds a character reference to no character ({error}); fix the "
                                 "file") from error
    if not feed.entries:
        raise InputError(source, _no_entries_reason(feed, data))
    outlet = _plain(feed.feed.get("title_detail"))
    for index, entry in enumerate(feed.entries):
        try:
            yield _entry_article(entry, f"{source}[{index}]", outlet, options)
        except InputError as error:
            yield problem(error)


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _valid_char_refs(data: bytes) -> bytes:
    """``data`` with numeric character references to no character (a surrogate, past U+10FFFF),
    which feedparser turns into a crash, made references to U+FFFD, as an HTML parser reads them."""

    def valid(m: re.Match[bytes]) -> bytes:
        hexa, decimal = m.groups()
        digits = (hexa or decimal).lstrip(b"0") or b"0"
        value = int(digits, 16 if hexa else 10) if len(digits) <= 8 else sys.maxunicode + 1
        return m.group() if value <= sys.maxunicode and not 0xD800 <= value <= 0xDFFF else b"&#xFFFD;"

    return _CHAR_REF.sub(valid, data)


def _no_entries_reason(feed: Mapping[str, Any], data: bytes) -> str:
    if not feed.get("version"):
        found = f" ({_parse_error(feed['bozo_exception'], data)})" if feed.get("bozo") else ""
        return (f"not an RSS or Atom feed{found}; .rss, .atom and .xml files are read as feeds — give "
                "articles as .txt, .html, .json or .jsonl files")
    if feed.get("bozo"):
        return f"feed is not well-formed ({_parse_error(feed['bozo_exception'], data)}); fix the file"
    return "feed holds no entries; leave it out or save it again when it has some"


def _parse_error(error: Exception, data: bytes) -> str:
    if not isinstance(error, xml.sax.SAXParseException) or (line := error.getLineNumber()) is None:
        return str(error)
    # feedparser parses the document with an XML declaration line put in front when it has none.
    line -= 0 if _has_xml_declaration(data) else 1
    return f"{error.getMessage()} at line {line}, column {error.getColumnNumber()}"


def _has_xml_declaration(data: bytes) -> bool:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):len(bom) + 20].decode(encoding, "ignore").startswith("<?xml")
    return data.startswith(b"<?xml")


def _entry_article(
    entry: Mapping[str, Any], source: str, outlet: str | None, options: IngestOptions
) -> Article:
    title = _plain(entry.get("title_detail"))
    text = _entry_text(entry)
    if not text:
        named = f" {title!r}" if title else ""
        raise InputError(source, f"entry{named} has no text in its content, summary or description; "
                                 "save the article's page as .html and read that instead")
    return make_article(
        text,
        source=source,
        options=options,
        id=_safe_id(entry.get("id")) or content_id(text),
        outlet=outlet,
        title=title,
        published=_entry_date(entry),
        url=entry.get("link") or None,
        meta={"author": author} if (author := entry.get("author")) else None,
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The entry's full content if it has any text, else its summary (an RSS description)."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        if text := _plain(part, article=True):
            return text
    return ""


def _plain(detail: Mapping[str, Any] | None, *, article: bool = False) -> str | None:
    """A feed text construct (``{"type": …, "value": …}``) as plain text; None when it has none.

    HTML goes through trafilatura when ``article`` is set (it keeps the paragraphs and drops the
    boilerplate), else, or when trafilatura finds too little in it, has its tags stripped.
    """
    detail = detail or {}
    value = detail.get("value") or ""
    if detail.get("type") not in _HTML_TYPES:
        return value.strip() or None  # feedparser has unescaped a plain-text construct already
    text = _fragment_article_text(value) if article else None
    return text or _strip_tags(value) or None


def _fragment_article_text(html: str) -> str | None:
    # Wrapped as a page's article: bare, trafilatura passes over short fragments and drops lists and headings.
    page = f"<html><body><article>{html}</article></body></html>"
    document = extract(page, with_metadata=False)
    text = getattr(document, "text", None) if document is not None else None
    return text.strip() if text else None


# Characters XML cannot hold (C0 controls but tab and line breaks, unpaired surrogates, U+FFFE/U+FFFF):
# lxml refuses a string that has one; a feed's text drops them.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _strip_tags(html: str) -> str:
    """The text of an HTML fragment, entities unescaped: a line per paragraph, scripts and styles left out."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(_XML_UNSAFE.sub("", html), create_parent="div")
    except etree.ParserError:  # nothing but whitespace and comments
        return ""
    etree.strip_elements(root, "script", "style", "template", etree.Comment, etree.ProcessingInstruction,
                         with_tail=False)
    for element in root.iter(*_BLOCK_TAGS):  # a character reference can put a control character in a text
        element.text = "\n" + _XML_UNSAFE.sub("", element.text or "")
        element.tail = "\n" + _XML_UNSAFE.sub("", element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    """The day the entry was published (else updated), as the feed writes it — not moved to UTC."""
    for key in ("published", "updated"):
        raw = entry.get(key)
        if date := parse_date(raw) or _rfc822_date(raw):
            return date
        if parsed := entry.get(f"{key}_parsed"):  # a form feedparser knows; it gives the UTC day
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _rfc822_date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        return None


def _safe_id(value: object) -> str | None:
    """A feed's own id for an entry as one line; a hash of it when it is too long to read as a name."""
    if not isinstance(value, str) or not (text := " ".join(value.split())):
        return None
    return text if len(text) <= _MAX_ID_CHARS else f"feed-{content_id(text)}"


# -- WARC archives ------------------------------------------------------------------------------


def warc_articles(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    """An article (or a problem) for each HTML page in the WARC (or ARC, gzipped or not) ``stream``.

    Records are read one at a time, never the whole archive. Raises :class:`InputError` when the
    stream is not an archive, breaks off (inside a record, its headers or a gzip member: a cut page
    is not read as if whole), or holds no HTML page. A record whose length does not match its
    content is a problem, and the records after it are read as far as they go.
    """
    pages = 0
    for item in _warc_records(_archive_reader(stream), source):
        if isinstance(item, Problem):
            yield item
            continue
        number, record = item
        if not _is_html_page(record):
            continue
        pages += 1
        try:
            page: Article | Problem = _page_article(record, source, options)
        except InputError as error:
            page = problem(error)
        if _cut_short(record):
            uri = record.rec_headers.get_header("WARC-Target-URI") or "a page"
            raise InputError(source, _damaged_reason(number - 1, f"it ends inside the record of {uri}"))
        yield page
    if not pages:
        raise InputError(source, "no HTML pages (responses with status 200) in the archive; "
                                 "check that the crawl saved the articles' pages")


def _archive_reader(stream: BinaryIO) -> Iterator[ArcWarcRecord]:
    """warcio's record iterator, quiet, and noting whether the stream ends inside a gzip member."""
    from warcio.archiveiterator import ArchiveIterator  # imported here: only archives need it

    class Reader(ArchiveIterator):
        # warcio writes this warning, raw bytes and all, to stderr; the damage is reported as a problem instead
        INC_RECORD = ""
        gzip_cut = headers_cut = False

        def _next_record(self, next_line: bytes | None) -> ArcWarcRecord:
            # warcio takes a stream that ends inside a record's headers for the end of the archive: its
            # first line read, the record had begun (warcio 1.8's method, pinned)
            try:
                return super()._next_record(next_line)
            except EOFError:
                self.headers_cut = bool(next_line)
                raise

        def close(self) -> None:  # called when the records run out: is a gzip member left unfinished?
            decompressor = getattr(self.reader, "decompressor", None)
            self.gzip_cut = decompressor is not None and not decompressor.eof
            super().close()

    reader: Iterator[ArcWarcRecord] = Reader(stream)
    return reader


def _warc_records(records: Iterator[ArcWarcRecord], source: str) -> Iterator[tuple[int, ArcWarcRecord] | Problem]:
    """The archive's records, numbered from 1, each checked whole once its reader is done with it.

    A record warcio cannot parse, or one the stream ends inside, ends the archive with an input
    error; a record whose length warcio found wrong (it reads on) is a problem."""
    from warcio.exceptions import ArchiveLoadFailed

    count = errors = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if getattr(records, "gzip_cut", False):
                raise InputError(source, _damaged_reason(count, "it ends inside a gzip member")) from None
            if getattr(records, "headers_cut", False):
                raise InputError(source, _damaged_reason(count, "its headers break off")) from None
            return
        except ArchiveLoadFailed as error:  # its message goes on to quote the bad line, bytes and all
            detail = str(error).split(", first line")[0][:100]
            raise InputError(source, _damaged_reason(count, detail)) from error
        # Only warcio's code runs here, and a record whose headers break off fails inside it like this.
        except AttributeError as error:
            raise InputError(source, _damaged_reason(count, "its headers break off")) from error
        if record.format.startswith("warc") and not (record.rec_headers.get_header("Content-Length") or "").isdigit():
            # warcio reads WARC headers cut off by the end of the stream as if whole; such a record has no length
            raise InputError(source, _damaged_reason(count, "its headers break off"))
        if getattr(records, "err_count", 0) > errors:
            errors = records.err_count  # type: ignore[attr-defined]
            yield problem(InputError(source, (
                f"damaged after {_records(count)}: a record's length does not match its content; the records "
                "after it were read as far as they go — repair the archive or fetch it again")))
        count += 1
        yield count, record
        if _cut_short(record):
            raise InputError(source, _damaged_reason(count - 1, "it ends inside a record"))


def _cut_short(record: ArcWarcRecord) -> bool:
    """Whether the stream ends before the record's declared length, read to its end here."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


def _damaged_reason(count: int, detail: str) -> str:
    if not count:
        return f"not a WARC file, or damaged at the start ({detail}); give web archives as .warc or .warc.gz files"
    return (f"damaged or cut short after {_records(count)} ({detail}); the pages before were read — repair the "
            "archive or fetch it again")


def _records(count: int) -> str:
    return "1 record" if count == 1 else f"{count:,} records"


def _is_html_page(record: ArcWarcRecord) -> bool:
    headers = record.http_headers
    if record.rec_type != "response" or headers is None:
        return False
    return media_type(headers.get_header("Content-Type")) in _HTML_TYPES and headers.get_statuscode() == "200"


def _page_article(record: ArcWarcRecord, source: str, options: IngestOptions) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    page_source = f"{source}#{uri}"
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        raise ArticleTooLarge(page_source, (
            f"page is over {human_size(limit)}, too big for an article within the limit of {options.max_chars:,} "
            "characters (--max-chars); raise --max-chars to read it"))
    key = uri or record.rec_headers.get_header("WARC-Record-ID") or ""
    html = decode_body(body, record.http_headers.get_header("Content-Type"))
    return html_article(
        html, page_source, f"warc-{content_id(key)}", options,
        url=uri or None, published=parse_date(record.rec_headers.get_header("WARC-Date")),
    )
