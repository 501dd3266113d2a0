"""Read inputs — files, folders, glob patterns, ``-`` for stdin — as :class:`Article` objects.

Kinds, chosen by suffix (anything else, and stdin, is sniffed from its content):

- ``.txt``: the file decoded as UTF-8, every character kept (``\\r\\n`` too), so that offsets
  into ``Article.text`` index the file's text exactly; id = file stem.
- ``.html`` / ``.htm``: the article text, title, date, site name and URL found by trafilatura.
- ``.json`` (one object or an array of objects) and ``.jsonl`` (one object a line): fields
  ``id``, ``text``, optional ``outlet``, ``title``, ``published``, ``url``; every other field is
  kept in ``Article.meta``.
- ``.rss`` / ``.atom`` / ``.xml``: an RSS or Atom feed, one article per entry (see
  :mod:`storydiff.sources`); a file or stdin that starts like a feed is read as one too.
- ``.warc`` / ``.warc.gz``: a web archive, read record by record, one article per HTML page
  (status 200) found in it by trafilatura, as for ``.html``.
- a link (``http://…``, ``https://…``): fetched (see :mod:`storydiff.fetch`), then read as an
  ``.html`` file is, or, when it is a feed, as an ``.rss`` file is.

An article's id is stable: the given id (a feed entry's own id), else the file stem (for one-article
files), else a content hash; a WARC page's id is a hash of its URI. One bad input (or one bad line
of a JSONL file, entry of a feed, page of an archive) yields a :class:`Problem` naming it and saying
what to do; the other inputs go on.
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, TextIO

from storydiff.articles import (
    BINARY_REASON,
    BINARY_SAMPLE,
    EMPTY_REASON,
    HTML_BYTES_PER_CHAR,
    IngestOptions,
    article_from_record,
    html_article,
    human_size,
    is_link,
    load_json,
    looks_binary,
    looks_like_feed,
    make_article,
    problem,
)
from storydiff.errors import ArticleTooLarge, InputError, one_line
from storydiff.model import Article, Problem

if TYPE_CHECKING:
    from storydiff.fetch import Fetcher

__all__ = ["FOLDER_SUFFIXES", "IngestOptions", "article_from_record", "duplicate_id_problem", "load_articles",
           "read_inputs", "read_jsonl"]

FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".rss", ".atom", ".xml", ".warc", ".warc.gz")
"""The files a folder input is searched for (recursively)."""

STDIN = "<stdin>"
_GLOB_CHARS = re.compile(r"[*?\[]")
_FEED_SUFFIXES = (".rss", ".atom", ".xml")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_START = re.compile(r"<(!doctype\s+html|html|head|body|article|meta|title)\b", re.IGNORECASE)
Kind = Literal["text", "html", "json", "jsonl", "feed"]


def load_articles(
    inputs: Sequence[str],
    options: IngestOptions = IngestOptions(),
    *,
    stdin: TextIO | BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Read all inputs; return the articles and the problems, each in input order."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_inputs(inputs, options, stdin=stdin, fetcher=fetcher):
        if isinstance(item, Article):
            articles.append(item)
        else:
            problems.append(item)
    return articles, problems


def read_inputs(
    inputs: Sequence[str],
    options: IngestOptions = IngestOptions(),
    *,
    stdin: TextIO | BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | Problem]:
    """Yield an :class:`Article` for each article in ``inputs`` and a :class:`Problem` for each
    input (or JSONL line) that could not be read. ``-`` reads ``stdin`` (default: ``sys.stdin``);
    links are fetched by ``fetcher`` (default: one with the default limits, for this call).

    A later article with an id already seen is a problem, not an article.
    """
    first_source: dict[str, str] = {}
    for item in _read_all(inputs, options, stdin, fetcher):
        if isinstance(item, Article):
            if item.id in first_source:
                item = duplicate_id_problem(item, first_source[item.id])
            else:
                first_source[item.id] = item.source
        yield item


def duplicate_id_problem(article: Article, first_source: str) -> Problem:
    """The problem a later article with an id already read becomes (the Spark job reports it alike)."""
    return problem(InputError(article.source, (
        f"duplicate article id {article.id!r} (first from {first_source}); "
        "give each article its own id or file name")))


def read_jsonl(file: BinaryIO, source: str, options: IngestOptions = IngestOptions()) -> Iterator[Article | Problem]:
    """The articles of a JSON-lines stream, each bad line a problem, read exactly as a ``.jsonl``
    file is (``source`` names it); an error that stops the whole stream (binary, empty, unreadable)
    is its last problem. Ids are not checked for repeats: :func:`read_inputs` does that across inputs.
    ``file`` needs ``peek`` (a buffered reader); the Spark job reads its input files through this."""
    return _guarded(_jsonl_stream(file, source, options))


# -- expanding inputs ---------------------------------------------------------------------------


def _read_all(
    inputs: Sequence[str], options: IngestOptions, stdin: TextIO | BinaryIO | None, fetcher: Fetcher | None
) -> Iterator[Article | Problem]:
    files_read: set[Path] = set()
    own_fetcher = None
    try:
        for name in inputs:
            if name == "-":
                yield from _guarded(_read_stdin(stdin if stdin is not None else sys.stdin.buffer, options))
            elif is_link(name):
                if fetcher is None:
                    from storydiff.fetch import Fetcher  # imported here: only links need httpx

                    fetcher = own_fetcher = Fetcher()
                yield from _guarded(fetcher.articles(name, options))
            else:
                for path in _expand(name):
                    if isinstance(path, Problem):
                        yield path
                    elif (key := _file_key(path)) not in files_read:  # a file named twice is read once
                        files_read.add(key)
                        yield from _guarded(_read_file(path, options))
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _file_key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reported when the file is read
        return path.absolute()


def _guarded(items: Iterator[Article | Problem]) -> Iterator[Article | Problem]:
    """Pass items through; an input error that stops an input becomes its last item."""
    try:
        yield from items
    except InputError as error:
        yield problem(error)


def _expand(name: str) -> Iterator[Path | Problem]:
    """The files one input names: itself, the files of a folder, or the matches of a pattern."""
    path = Path(name)
    if path.is_dir():
        yield from _folder_files(path, name)
    elif path.exists() or not _GLOB_CHARS.search(name):
        yield path  # a missing file is reported when it is read, with the reason the OS gives
    else:
        matches = sorted(glob.glob(name, recursive=True))
        if not matches:
            yield problem(InputError(name, "no files match this pattern; check the pattern "
                                            "(quote it if the shell already expanded it)"))
        for match in matches:
            if Path(match).is_dir():
                yield from _folder_files(Path(match), match)
            else:
                yield Path(match)


def _folder_files(folder: Path, name: str) -> Iterator[Path | Problem]:
    """The article files under ``folder``, sorted; hidden files and folders are left out."""
    files = sorted(
        path for path in folder.rglob("*")
        if path.name.lower().endswith(FOLDER_SUFFIXES) and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    if not files:
        yield problem(InputError(name, f"folder holds no {', '.join(FOLDER_SUFFIXES)} files; "
                                        "check the folder"))
    yield from files


# -- reading one input --------------------------------------------------------------------------


def _read_file(path: Path, options: IngestOptions) -> Iterator[Article | Problem]:
    # A file's name is its article's name in every message and, for one-article files, its id: it must
    # print on one line, and bytes that are not UTF-8 (read as lone surrogates) must not make it unprintable.
    source, stem = one_line(str(path)), one_line(_decoded_name(path.stem))
    suffix = path.suffix.lower()
    if path.name.lower().endswith(_WARC_SUFFIXES):
        yield from _read_warc_file(path, source, options)
    elif suffix in _FEED_SUFFIXES:  # a feed holds any number of articles, so its size is not bounded
        yield from _feed_articles(_read_bytes(path, source), source, options)
    elif suffix == ".jsonl":
        yield from _read_jsonl_file(path, source, options)
    elif suffix in (".html", ".htm"):
        data = _read_bytes(path, source, options.max_chars, HTML_BYTES_PER_CHAR)
        yield html_article(data, source, stem, options)
    elif suffix == ".txt":
        text = _decode(_read_bytes(path, source, options.max_chars), source)
        yield _text_article(text, source, stem, options)
    else:  # .json holds any number of articles, so its size is not bounded; each article's is
        text = _decode(_read_bytes(path, source), source)
        kind: Kind = "json" if suffix == ".json" else _sniff(text)
        yield from _read_text(text, kind, source, stem, options)


def _read_stdin(stream: TextIO | BinaryIO, options: IngestOptions) -> Iterator[Article | Problem]:
    try:
        data = stream.read()
    except OSError as error:
        raise InputError(STDIN, _os_reason(error)) from error
    if isinstance(data, str):
        # A text stream holds undecodable bytes as lone surrogates (Python's surrogateescape): back to
        # bytes, to be judged as a file's bytes are.
        data = data.encode("utf-8", "surrogateescape")
    text = _decode(data, STDIN)
    yield from _read_text(text, _sniff(text), STDIN, "stdin", options)


def _read_text(
    text: str, kind: Kind, source: str, stem: str, options: IngestOptions
) -> Iterator[Article | Problem]:
    """Articles from an input already decoded: plain text, HTML, JSON, JSON lines or a feed."""
    if kind == "text":
        yield _text_article(text, source, stem, options)
    elif kind == "html":
        yield html_article(text, source, stem, options)
    elif kind == "feed":
        yield from _feed_articles(text.encode("utf-8"), source, options)
    elif kind == "json":
        yield from _json_articles(_strip_bom(text), source, stem, options)
    else:
        lines = enumerate(_strip_bom(text).splitlines(), start=1)
        yield from _jsonl_articles(((number, line) for number, line in lines), source, options)


def _read_bytes(path: Path, source: str, max_chars: int | None = None, bytes_per_char: int = 4) -> bytes:
    """The file's bytes; an input error if it cannot be read, or if it is too big to hold an
    article within ``max_chars`` at ``bytes_per_char`` (UTF-8 takes at most 4), unread then."""
    limit = None if max_chars is None else max_chars * bytes_per_char
    try:
        with path.open("rb") as file:
            data = file.read() if limit is None else file.read(limit + 1)
    except OSError as error:
        raise InputError(source, _os_reason(error)) from error
    if limit is not None and len(data) > limit:
        raise ArticleTooLarge(source, (
            f"file is {human_size(path.stat().st_size)}, too big for an article within the limit of "
            f"{max_chars:,} characters (--max-chars); split it or raise --max-chars"))
    return data


def _text_article(text: str, source: str, stem: str, options: IngestOptions) -> Article:
    title = None
    if options.title_line:
        title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return make_article(text, source=source, options=options, id=stem, title=title)


def _json_articles(text: str, source: str, stem: str, options: IngestOptions) -> Iterator[Article | Problem]:
    """One object (default id: the file stem) or an array of objects (items named ``source[i]``)."""
    if not text.strip():
        raise InputError(source, EMPTY_REASON)
    value = load_json(text, source)
    if isinstance(value, list):
        if not value:
            raise InputError(source, "empty JSON array: no articles")
        yield from _records(((f"{source}[{i}]", item) for i, item in enumerate(value)), options)
    else:
        default_id = stem if source != STDIN else None
        yield article_from_record(value, source=source, options=options, default_id=default_id)


def _feed_articles(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    from storydiff import sources  # imported here: only feeds need feedparser

    return sources.feed_articles(data, source, options)


def _read_warc_file(path: Path, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    from storydiff import sources  # imported here: only archives need warcio

    try:
        with path.open("rb") as file:
            yield from sources.warc_articles(file, source, options)
    except OSError as error:
        raise InputError(source, _os_reason(error)) from error


def _read_jsonl_file(path: Path, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    try:
        with path.open("rb") as file:
            yield from _jsonl_stream(file, source, options)
    except OSError as error:
        raise InputError(source, _os_reason(error)) from error


def _jsonl_stream(file: BinaryIO, source: str, options: IngestOptions) -> Iterator[Article | Problem]:
    try:
        if looks_binary(file.peek(BINARY_SAMPLE)[:BINARY_SAMPLE]):  # type: ignore[attr-defined]
            raise InputError(source, BINARY_REASON)
        yield from _jsonl_articles(_decoded_lines(file, source), source, options)
    except OSError as error:
        raise InputError(source, _os_reason(error)) from error


def _decoded_lines(file: Iterable[bytes], source: str) -> Iterator[tuple[int, str | InputError]]:
    for number, raw in enumerate(file, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, InputError(f"{source}:{number}", _utf8_reason(raw, error, " of the line"))
            continue
        yield number, (line[1:] if number == 1 and line.startswith("\ufeff") else line)


def _jsonl_articles(
    lines: Iterable[tuple[int, str | InputError]], source: str, options: IngestOptions
) -> Iterator[Article | Problem]:
    """One article per non-blank line; a bad line is a problem and the other lines go on."""

    def records() -> Iterator[tuple[str, Any]]:
        for number, line in lines:
            line_source = f"{source}:{number}"
            if isinstance(line, InputError):
                yield line_source, line
            elif line.strip():
                try:
                    yield line_source, load_json(line.rstrip("\r\n"), line_source, fix="fix or remove the line",
                                                 lines=False)
                except InputError as error:
                    yield line_source, error

    seen_any = False
    for item in _records(records(), options):
        seen_any = True
        yield item
    if not seen_any:
        raise InputError(source, EMPTY_REASON)


def _records(records: Iterable[tuple[str, Any]], options: IngestOptions) -> Iterator[Article | Problem]:
    """An article, or a problem, for each (source, record) — a record may be an error already."""
    for source, record in records:
        try:
            if isinstance(record, InputError):
                raise record
            yield article_from_record(record, source=source, options=options)
        except InputError as error:
            yield problem(error)


# -- bytes to text ------------------------------------------------------------------------------

def _decode(data: bytes, source: str) -> str:
    """The bytes as UTF-8, every character kept (a BOM and "\\r\\n" too)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "is UTF-16, not UTF-8; re-encode as UTF-8")
    if looks_binary(data[:BINARY_SAMPLE]) or b"\x00" in data:
        raise InputError(source, BINARY_REASON)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(source, _utf8_reason(data, error)) from error


def _utf8_reason(data: bytes, error: UnicodeDecodeError, where: str = "") -> str:
    byte = data[error.start]
    return f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start}{where}); re-encode as UTF-8"


def _sniff(text: str) -> Kind:
    """What decoded content holds: JSON lines, JSON, an RSS or Atom feed, HTML or plain text."""
    body = _strip_bom(text).lstrip()
    lines = [line for line in body.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines):
        return "jsonl"
    if body.startswith(("{", "[")):
        return "json"
    if looks_like_feed(body):  # before HTML: a feed's items have <title> tags too
        return "feed"
    if body.startswith("<") and _HTML_START.search(body[:2000]):
        return "html"
    return "text"


def _decoded_name(name: str) -> str:
    """A file name whose bytes were not UTF-8 (Python holds them as lone surrogates), with U+FFFD for each."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


# -- messages -----------------------------------------------------------------------------------


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file or directory; check the path"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file; check the path"
    if isinstance(error, PermissionError):
        return "permission denied; check the file's permissions"
    return f"cannot read ({error.strerror or error}); check the file"
