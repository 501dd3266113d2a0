"""The readers on generated files of every kind, whole or broken, and on stdin: an article or a
problem naming the input for everything read, never another exception; what is read is valid
Unicode, within bounds, and renders as strict JSON."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storydiff import load_articles, render
from storydiff.articles import BINARY_SAMPLE, looks_binary
from storydiff.errors import StorydiffError, one_line
from storydiff.ingest import IngestOptions
from storydiff.model import Article, Problem, Report
from tests.fuzz.files import InputFile, input_files, jsonl_files, warc_bytes, warc_pages
from tests.fuzz.harness import fuzz, strict_json, writable
from tests.fuzz.strategies import article_texts

OPTIONS = IngestOptions(max_chars=200_000)


def read_file(file: InputFile, options: IngestOptions = OPTIONS) -> tuple[list[Article], list[Problem], str, str]:
    """Load one file from a fresh folder: the articles, the problems, the file's path, and what was
    written to stderr meanwhile."""
    with tempfile.TemporaryDirectory(prefix="storydiff-fuzz-") as folder:
        path = Path(folder) / file.name
        path.write_bytes(file.data)
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            articles, problems = load_articles([str(path)], options)
    return articles, problems, str(path), stderr.getvalue()


def check_read(articles: list[Article], problems: list[Problem], source: str) -> None:
    """What any input yields: articles fit to analyse and store, problems naming the input (as one
    printable line: a file name may hold a newline)."""
    source = one_line(source)
    assert len({a.id for a in articles}) == len(articles), "ids repeat"
    for a in articles:
        assert a.text.strip() and len(a.text) <= OPTIONS.max_chars, a
        assert a.source.startswith(source), (a.source, source)
        for value in (a.id, a.text, a.outlet, a.title, a.url):
            writable(value or "")
    for p in problems:
        assert p.source.startswith(source) and p.message.startswith(p.source), p
        assert "\n" not in p.message, p.message  # one line each
    strict_json(writable(render(Report(articles=tuple(articles), stories=(), problems=tuple(problems)), "json")))


@given(file=input_files())
@fuzz(weight=3)
def test_any_file_reads_as_articles_or_problems(file: InputFile) -> None:
    try:
        articles, problems, path, _ = read_file(file)
    except StorydiffError:
        return
    check_read(articles, problems, path)


@given(file=input_files(), as_text=st.booleans())
@fuzz(weight=2)
def test_stdin_reads_as_articles_or_problems(file: InputFile, as_text: bool) -> None:
    stream = io.StringIO(file.data.decode("utf-8", "surrogateescape")) if as_text else io.BytesIO(file.data)
    try:
        articles, problems = load_articles(["-"], OPTIONS, stdin=stream)
    except StorydiffError:
        return
    check_read(articles, problems, "<stdin>")


@given(text=article_texts(), crlf=st.booleans(), bom=st.booleans())
@fuzz(weight=2)
def test_a_text_file_is_read_exactly(text: str, crlf: bool, bom: bool) -> None:
    text = ("\ufeff" if bom else "") + (text.replace("\n", "\r\n") if crlf else text)
    articles, problems, path, _ = read_file(InputFile("article.txt", text.encode("utf-8", "surrogatepass")))
    check_read(articles, problems, path)
    if articles:
        assert [a.text for a in articles] == [text]  # every character kept: offsets index the file
    else:
        assert len(problems) == 1


@given(content=jsonl_files())
@fuzz(weight=2)
def test_each_json_line_is_an_article_or_a_problem_of_its_own(content: str) -> None:
    data = content.encode("utf-8", "surrogatepass")
    articles, problems, path, _ = read_file(InputFile("lines.jsonl", data))
    check_read(articles, problems, path)
    # lines as a file is iterated (at "\n" only), blank as the reader judges them (U+2028 is blank)
    lines = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.decode("utf-8", "replace").strip()]
    if not lines:
        return
    if looks_binary(data[:BINARY_SAMPLE]) or b"\x00" in data:  # refused whole as binary, as documented
        assert [item.source for item in [*articles, *problems]] == [one_line(path)]
        return
    # a bad line is a problem of that line; the file as a whole is never given up on
    assert sorted(item.source for item in [*articles, *problems]) == sorted(one_line(f"{path}:{n}") for n in lines)


@given(pages=st.lists(warc_pages(), min_size=1, max_size=3), gzip=st.booleans(), cut=st.integers(1, 10**6))
@fuzz(weight=2)
def test_a_cut_archive_says_so_and_nothing_else(pages: list[tuple[str, str, bytes, str]], gzip: bool,
                                                cut: int) -> None:
    data, ends = warc_bytes(pages, gzip)
    cut %= len(data)
    # Cut between records, or (uncompressed) within the blank lines that close one: the archive is
    # shorter, but every record in it whole.
    if cut == 0 or any(end - (0 if gzip else 4) <= cut <= end for end in ends):
        return
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    articles, problems, path, stderr = read_file(InputFile(name, data[:cut]))
    check_read(articles, problems, path)
    assert stderr == "", stderr
    assert any(p.source == path for p in problems), problems
