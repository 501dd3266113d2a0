"""Tests of storydiff.ingest: every input kind, the id rules, and one test per kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zlib
from pathlib import Path

import pytest

from storydiff.ingest import IngestOptions, article_from_record, load_articles, read_inputs
from storydiff.model import Article, Problem

SHARED = Path(__file__).resolve().parents[2] / "shared"

FIRE = (
    "A large fire broke out on Main Street on Tuesday, officials said. Firefighters worked for six "
    "hours to contain the blaze, which destroyed three buildings and a bakery."
)
HURT = "No one was hurt, according to the fire chief, who praised the quick response of the neighbors."
PAGE = f"""<!DOCTYPE html>
<html><head><title>Big Fire in Town</title>
<meta property="og:site_name" content="The Daily Bugle">
<meta name="date" content="2024-03-05">
<link rel="canonical" href="https://example.com/fire">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Big Fire in Town</h1><p>{FIRE}</p><p>{HURT}</p></article>
</body></html>
"""


def write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return str(path)


def write_jsonl(path: Path, *records: object) -> str:
    return write(path, "".join(json.dumps(record) + "\n" for record in records))


def load(*inputs: str, **options: object) -> tuple[list[Article], list[Problem]]:
    return load_articles(list(inputs), IngestOptions(**options))  # type: ignore[arg-type]


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# -- plain text ---------------------------------------------------------------------------------


def test_txt_is_read_exactly_with_stem_as_id(tmp_path: Path) -> None:
    path = write(tmp_path / "fire-report.txt", FIRE + "\n")
    articles, problems = load(path)
    assert problems == []
    assert articles == [Article(id="fire-report", text=FIRE + "\n", source=path)]


def test_txt_keeps_crlf_and_bom_so_offsets_index_the_file(tmp_path: Path) -> None:
    content = "\ufeffHeadline\r\n\r\nFirst paragraph.\r\nSecond – with “quotes”.\r\n"
    path = write(tmp_path / "a.txt", content)
    [article], _ = load(path)
    with open(path, encoding="utf-8", newline="") as file:
        assert article.text == file.read() == content
    start = content.index("Second")
    assert article.text[start:start + 6] == "Second"


def test_title_line_takes_first_nonempty_line_and_keeps_the_text(tmp_path: Path) -> None:
    content = "\n  Big Fire in Town  \r\n\r\n" + FIRE
    path = write(tmp_path / "a.txt", content)
    [article], _ = load(path, title_line=True)
    assert article.title == "Big Fire in Town"
    assert article.text == content


def test_without_title_line_there_is_no_title(tmp_path: Path) -> None:
    [article], _ = load(write(tmp_path / "a.txt", "Big Fire in Town\n" + FIRE))
    assert article.title is None


def test_options_fill_in_outlet_and_published(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FIRE)
    [article], _ = load(path, outlet="The Daily Bugle", published=dt.date(2024, 3, 5))
    assert (article.outlet, article.published) == ("The Daily Bugle", dt.date(2024, 3, 5))


# -- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fire.html", "fire.htm"])
def test_html_gives_text_and_metadata(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, PAGE)
    [article], problems = load(path)
    assert problems == []
    assert article.id == "fire"
    assert FIRE in article.text and HURT in article.text
    assert "Home" not in article.text
    assert article.title == "Big Fire in Town"
    assert article.outlet == "The Daily Bugle"
    assert article.published == dt.date(2024, 3, 5)
    assert article.url == "https://example.com/fire"
    assert article.source == path


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    bad = write(tmp_path / "empty.html", "<html><head><title>Nothing</title></head><body></body></html>")
    good = write(tmp_path / "good.txt", FIRE)
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["good"]
    problem = only_problem(problems)
    assert problem.source == bad
    assert problem.message.startswith(f"{bad}: no article text found in the HTML")


def test_pages_read_leave_no_text_in_the_extractors_caches(tmp_path: Path) -> None:
    """trafilatura caches the strings it cleans, keyed by the text, for the life of the process: a
    run over many long pages (the long fuzz run, a crawl) grew by gigabytes until they were emptied."""
    from trafilatura import utils

    pages = [PAGE.replace(FIRE, f"{FIRE} Report number {n} of the long night. " * 200) for n in range(3)]
    articles, problems = load(*(write(tmp_path / f"p{n}.html", page) for n, page in enumerate(pages)))
    assert len(articles) == 3 and problems == []
    assert utils.trim.cache_info().currsize == 0
    assert utils.line_processing.cache_info().currsize == 0


def test_unexpected_errors_are_not_turned_into_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug in the extractor")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(RuntimeError, match="bug in the extractor"):
        load(write(tmp_path / "a.html", PAGE))


# -- JSON and JSON lines ------------------------------------------------------------------------


def test_json_object_keeps_fields_and_metadata(tmp_path: Path) -> None:
    record = {"id": "fire-1", "text": FIRE, "outlet": "The Daily Bugle", "title": "Big Fire",
              "published": "2024-03-05T14:30:00Z", "url": "https://example.com/fire",
              "event": "main-street-fire", "topic": 7}
    path = write(tmp_path / "one.json", json.dumps(record))
    [article], problems = load(path)
    assert problems == []
    assert article == Article(id="fire-1", text=FIRE, outlet="The Daily Bugle", title="Big Fire",
                              published=dt.date(2024, 3, 5), url="https://example.com/fire", source=path)
    # the date-time is kept whole as well, for the timeline's time of day
    assert article.meta == {"event": "main-street-fire", "topic": 7, "published": "2024-03-05T14:30:00Z"}


def test_json_object_without_id_takes_the_file_stem(tmp_path: Path) -> None:
    [article], _ = load(write(tmp_path / "fire-story.json", json.dumps({"text": FIRE})))
    assert article.id == "fire-story"


def test_json_array_items_without_id_take_a_content_hash(tmp_path: Path) -> None:
    path = write(tmp_path / "many.json", json.dumps([{"id": 7, "text": FIRE}, {"text": HURT}]))
    articles, problems = load(path)
    assert problems == []
    assert [(a.id, a.source) for a in articles] == [("7", f"{path}[0]"), (content_id(HURT), f"{path}[1]")]


def test_jsonl_reads_one_article_a_line_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "dev.jsonl", "\n".join([
        json.dumps({"id": "a", "text": FIRE, "outlet": "Bugle", "event": "e1"}),
        "",
        json.dumps({"text": HURT, "published": "2024-03-06"}),
    ]))
    articles, problems = load(path)
    assert problems == []
    assert [(a.id, a.source, a.outlet, a.published) for a in articles] == [
        ("a", f"{path}:1", "Bugle", None),
        (content_id(HURT), f"{path}:3", None, dt.date(2024, 3, 6)),
    ]
    assert articles[0].meta == {"event": "e1"}


@pytest.mark.parametrize(("published", "expected", "kept"), [
    ("2024-03-05", dt.date(2024, 3, 5), False),
    ("2024-03-05T23:59:59+02:00", dt.date(2024, 3, 5), True),
    ("2024-03-05 08:00", dt.date(2024, 3, 5), True),
    (None, None, False),
])
def test_published_iso_dates_and_datetimes_become_dates(published: str | None, expected: dt.date,
                                                        kept: bool) -> None:
    """A date-time's date is the article's date; the value given is kept whole in the metadata too,
    for its time of day (see storydiff.timeline)."""
    article = article_from_record({"id": "a", "text": FIRE, "published": published}, source="x")
    assert article.published == expected
    assert article.meta == ({"published": published} if kept else {})


@pytest.mark.parametrize("published", ["March 5th", 20240305, "2024-13-45"])
def test_unparseable_published_is_kept_raw_in_meta(published: object) -> None:
    article = article_from_record({"id": "a", "text": FIRE, "published": published}, source="x")
    assert article.published is None
    assert article.meta == {"published": published}


def test_record_outlet_wins_over_the_option() -> None:
    options = IngestOptions(outlet="Fallback")
    given = article_from_record({"id": "a", "text": FIRE, "outlet": "Bugle"}, source="x", options=options)
    missing = article_from_record({"id": "b", "text": FIRE}, source="x", options=options)
    assert (given.outlet, missing.outlet) == ("Bugle", "Fallback")


@pytest.mark.parametrize(("record", "reason"), [
    ({"id": "a"}, "no 'text' field"),
    ({"id": "a", "text": 5}, "'text' is a number, not a string"),
    ({"id": "a", "text": "  \n "}, "empty: no article text"),
    ({"id": True, "text": FIRE}, "'id' is a boolean"),
    ({"id": "a", "text": FIRE, "title": ["x"]}, "'title' is an array, not a string"),
    (["not", "an", "object"], "expected a JSON object, found an array"),
])
def test_bad_records_raise_input_errors_naming_the_source(record: object, reason: str) -> None:
    from storydiff.errors import InputError

    with pytest.raises(InputError) as caught:
        article_from_record(record, source="dev.jsonl:4")  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"dev.jsonl:4: {reason}")


def test_json_object_without_text_is_a_problem(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.json", json.dumps({"id": "x", "body": FIRE}))
    good = write(tmp_path / "good.json", json.dumps({"id": "y", "text": FIRE}))
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["y"]
    assert only_problem(problems) == Problem(
        bad, f"{bad}: no 'text' field; give each article's text in 'text'")


def test_jsonl_broken_line_is_a_problem_and_other_lines_load(tmp_path: Path) -> None:
    path = write(tmp_path / "dev.jsonl", "\n".join([
        json.dumps({"id": "a", "text": FIRE}),
        json.dumps({"id": "b", "text": HURT}),
        '{"id": "c", "text": "unfinished',
        json.dumps({"id": "d", "text": FIRE + " Again."}),
    ]))
    articles, problems = load(path)
    assert [a.id for a in articles] == ["a", "b", "d"]
    problem = only_problem(problems)
    assert problem.source == f"{path}:3"
    assert problem.message.startswith(f"{path}:3: invalid JSON (Unterminated string")
    assert problem.message.endswith("; fix or remove the line")


def test_jsonl_line_with_invalid_utf8_is_a_problem_for_that_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": FIRE}).encode()
    path = write(tmp_path / "dev.jsonl", good + b'\n{"id": "b", "text": "caf\xe9"}\n')
    articles, problems = load(path)
    assert [a.id for a in articles] == ["a"]
    assert only_problem(problems).message == (
        f"{path}:2: not valid UTF-8 (byte 0xe9 at offset 24 of the line); re-encode as UTF-8")


def test_invalid_json_file_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{"id": "a", "text": }')
    _, problems = load(path)
    assert only_problem(problems).message == (
        f"{path}: invalid JSON (Expecting value at line 1, column 21); fix the file")


# -- ids ----------------------------------------------------------------------------------------


def test_duplicate_id_is_a_problem_for_the_later_article(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "fire.txt", FIRE)
    second = write(tmp_path / "two" / "fire.txt", HURT)
    jsonl = write_jsonl(tmp_path / "more.jsonl", {"id": "fire", "text": HURT}, {"id": "other", "text": HURT})
    articles, problems = load(first, second, jsonl)
    assert [(a.id, a.text) for a in articles] == [("fire", FIRE), ("other", HURT)]
    assert problems == [
        Problem(second, f"{second}: duplicate article id 'fire' (first from {first}); "
                        "give each article its own id or file name"),
        Problem(f"{jsonl}:1", f"{jsonl}:1: duplicate article id 'fire' (first from {first}); "
                              "give each article its own id or file name"),
    ]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", FIRE)
    articles, problems = load(str(tmp_path), path, str(tmp_path / "*.txt"))
    assert ([a.id for a in articles], problems) == (["a"], [])


# -- folders and globs --------------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", FIRE)
    write(tmp_path / "a" / "z.html", PAGE)
    write(tmp_path / "a" / "y.jsonl", json.dumps({"id": "y1", "text": HURT}))
    write(tmp_path / "c.json", json.dumps({"text": HURT + " More."}))
    write(tmp_path / "notes.md", "not an article")
    write(tmp_path / ".hidden" / "h.txt", "hidden")
    write(tmp_path / ".x.txt", "hidden too")
    articles, problems = load(str(tmp_path))
    assert problems == []
    assert [a.id for a in articles] == ["y1", "z", "b", "c"]


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "readme.md", "no articles here")
    _, problems = load(str(tmp_path / "empty"))
    problem = only_problem(problems)
    assert problem.source == str(tmp_path / "empty")
    assert problem.message.endswith(
        "folder holds no .txt, .html, .htm, .json, .jsonl, .rss, .atom, .xml, .warc, .warc.gz files; check the folder")


def test_glob_is_expanded_and_sorted(tmp_path: Path) -> None:
    for name in ["c.txt", "a.txt", "b.txt", "d.json"]:
        write(tmp_path / name, FIRE + name)
    articles, problems = load(str(tmp_path / "*.txt"))
    assert problems == []
    assert [(a.id, a.source) for a in articles] == [(n, str(tmp_path / f"{n}.txt")) for n in "abc"]


def test_glob_matching_nothing_is_a_problem(tmp_path: Path) -> None:
    good = write(tmp_path / "a.txt", FIRE)
    pattern = str(tmp_path / "*.nothing")
    articles, problems = load(pattern, good)
    assert [a.id for a in articles] == ["a"]
    assert only_problem(problems) == Problem(pattern, f"{pattern}: no files match this pattern; check the "
                                                      "pattern (quote it if the shell already expanded it)")


# -- stdin --------------------------------------------------------------------------------------


def read_stdin(stdin: io.StringIO | io.BytesIO, **options: object) -> list[Article | Problem]:
    return list(read_inputs(["-"], IngestOptions(**options), stdin=stdin))  # type: ignore[arg-type]


def test_stdin_plain_text_has_id_stdin_and_keeps_crlf() -> None:
    content = "Big Fire\r\n\r\n" + FIRE + "\r\n"
    [article] = read_stdin(io.BytesIO(content.encode()), title_line=True)
    assert article == Article(id="stdin", text=content, title="Big Fire", source="<stdin>")


def test_stdin_text_stream() -> None:
    [article] = read_stdin(io.StringIO(FIRE))
    assert isinstance(article, Article)
    assert (article.id, article.text) == ("stdin", FIRE)


def test_stdin_json_lines() -> None:
    lines = [json.dumps({"id": "a", "text": FIRE}), "", "  " + json.dumps({"text": HURT})]
    articles = read_stdin(io.StringIO("\n".join(lines)))
    assert all(isinstance(a, Article) for a in articles)
    assert [(a.id, a.source) for a in articles] == [  # type: ignore[union-attr]
        ("a", "<stdin>:1"), (content_id(HURT), "<stdin>:3")]


@pytest.mark.parametrize("content", [
    json.dumps({"text": FIRE}, indent=2),
    json.dumps([{"text": FIRE}], indent=2),
])
def test_stdin_json_object_or_array_without_id_takes_a_content_hash(content: str) -> None:
    [article] = read_stdin(io.StringIO(content))
    assert isinstance(article, Article)
    assert article.id == content_id(FIRE)


def test_stdin_html() -> None:
    [article] = read_stdin(io.BytesIO(PAGE.encode()))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.outlet) == ("stdin", "Big Fire in Town", "The Daily Bugle")
    assert FIRE in article.text


def test_stdin_text_stream_with_undecodable_bytes_is_judged_as_bytes() -> None:
    # sys.stdin in the C locale gives bytes that are not UTF-8 as lone surrogates (surrogateescape)
    feed = "<rss version='2.0'><channel><title>Bugle \udc80</title></channel></rss>"
    _, problems = load_articles(["-"], stdin=io.StringIO(feed))
    offset = feed.index("\udc80")
    assert only_problem(problems).message == (
        f"<stdin>: not valid UTF-8 (byte 0x80 at offset {offset}); re-encode as UTF-8")


def test_stdin_binary_is_a_problem() -> None:
    [problem] = read_stdin(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(problem, Problem)
    assert problem.message.startswith("<stdin>: looks binary, not text")


# -- bad inputs: one problem each, the other inputs still load ----------------------------------


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    good = write(tmp_path / "a.txt", FIRE)
    articles, problems = load(missing, good)
    assert [a.id for a in articles] == ["a"]
    assert only_problem(problems) == Problem(missing, f"{missing}: no such file or directory; check the path")


@pytest.mark.parametrize(("name", "content"), [
    ("empty.txt", ""),
    ("blank.txt", " \r\n\t\n"),
    ("empty.json", ""),
    ("blank.jsonl", "\n\n"),
])
def test_empty_input_is_a_problem(tmp_path: Path, name: str, content: str) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", FIRE)
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems).message == (
        f"{bad}: empty: no article text; add the text or leave the input out")


@pytest.mark.parametrize(("name", "content"), [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
    ("controls.txt", bytes(range(1, 32)) * 20),
    ("data.jsonl", b'{"id": 1}\x00\x00\x01\x02'),
    ("page.html", b"<html>\x00\x01\x02\x03</html>"),
])
def test_binary_file_is_a_problem(tmp_path: Path, name: str, content: bytes) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", FIRE)
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems).message.startswith(f"{bad}: looks binary, not text")


def test_a_short_file_with_a_few_control_characters_is_text(tmp_path: Path) -> None:
    """Two DEL characters in a 29-byte JSON line are over 5% of it, but they do not make it binary:
    the line is read and judged on its own."""
    bad = write(tmp_path / "lines.jsonl", '{"id": "\x7f", "id": "\x7f"}\n')
    articles, problems = load(bad)
    assert not articles
    assert only_problem(problems).source == f"{bad}:1"


def test_utf16_file_is_a_problem_that_says_so(tmp_path: Path) -> None:
    bad = write(tmp_path / "a.txt", FIRE.encode("utf-16"))
    _, problems = load(bad)
    assert only_problem(problems).message == f"{bad}: is UTF-16, not UTF-8; re-encode as UTF-8"


def test_invalid_utf8_is_a_problem_with_byte_and_offset(tmp_path: Path) -> None:
    bad = write(tmp_path / "latin1.txt", "Café in the square".encode("latin-1"))
    good = write(tmp_path / "good.txt", FIRE)
    articles, problems = load(bad, good)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems) == Problem(
        bad, f"{bad}: not valid UTF-8 (byte 0xe9 at offset 3); re-encode as UTF-8")


def test_article_longer_than_max_chars_is_a_problem(tmp_path: Path) -> None:
    bad = write(tmp_path / "long.txt", "x" * 1200)
    good = write(tmp_path / "good.txt", "y" * 1000)
    articles, problems = load(bad, good, max_chars=1000)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems).message == (
        f"{bad}: article is 1.2 kB (1,200 characters); the limit is 1,000 characters (--max-chars)")


def test_default_limit_message_in_megabytes() -> None:
    from storydiff.errors import ArticleTooLarge

    with pytest.raises(ArticleTooLarge) as caught:
        article_from_record({"id": "big", "text": "x" * 5_242_880}, source="big.json")
    assert str(caught.value) == (
        "big.json: article is 5.2 MB (5,242,880 characters); the limit is 1,000,000 characters (--max-chars)")


def test_file_far_beyond_max_chars_is_not_read_whole(tmp_path: Path) -> None:
    bad = write(tmp_path / "huge.txt", "x" * 5000)
    _, problems = load(bad, max_chars=1000)
    assert only_problem(problems).message == (
        f"{bad}: file is 5.0 kB, too big for an article within the limit of 1,000 characters "
        "(--max-chars); split it or raise --max-chars")


def test_json_file_of_many_articles_is_not_bounded_by_max_chars(tmp_path: Path) -> None:
    records = [{"id": str(i), "text": f"{i} " + "x" * 90} for i in range(100)]
    path = write(tmp_path / "many.json", json.dumps(records))
    articles, problems = load(path, max_chars=100)
    assert (len(articles), problems) == (100, [])


def test_too_long_jsonl_record_is_a_problem_for_that_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "dev.jsonl", {"id": "a", "text": "x" * 50}, {"id": "b", "text": "short"})
    articles, problems = load(path, max_chars=20)
    assert [a.id for a in articles] == ["b"]
    assert only_problem(problems).source == f"{path}:1"


def test_a_file_name_with_a_newline_is_named_on_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad\nname.txt", "\ufeff".encode("utf-16"))  # UTF-16: a problem naming the file
    _, problems = load(path)
    assert only_problem(problems).message == f"{tmp_path}/bad\\nname.txt: is UTF-16, not UTF-8; re-encode as UTF-8"
    assert problems[0].source == f"{tmp_path}/bad\\nname.txt"


def test_a_file_name_of_bytes_that_are_not_utf8_is_read_under_a_printable_name(tmp_path: Path) -> None:
    import os

    path = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(path, "wb") as file:
        file.write(FIRE.encode())
    [article], problems = load(str(tmp_path))
    assert problems == [] and article.text == FIRE
    assert (article.id, article.source) == ("bad\ufffdname", f"{tmp_path}/bad\\udcffname.txt")


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    text = write(tmp_path / "story.md", FIRE)
    lines = write_jsonl(tmp_path / "feed.ndjson", {"id": "n1", "text": HURT})
    articles, problems = load(text, lines)
    assert problems == []
    assert [(a.id, a.text) for a in articles] == [("story", FIRE), ("n1", HURT)]


# -- feeds --------------------------------------------------------------------------------------

RAIN = "Heavy rain flooded two roads & a bridge. Crews expect to reopen them by Friday."
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Daily Bugle</title><link>https://example.com/</link><description>News</description>
<item><title>Big Fire in Town</title><link>https://example.com/fire</link>
<guid isPermaLink="false">https://example.com/?p=1</guid>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[<p>{FIRE}</p><script>track()</script><p>{HURT}</p>]]></content:encoded></item>
<item><title>Roads closed &amp; more</title><link>https://example.com/rain</link>
<pubDate>Wed, 06 Mar 2024 08:00:00 GMT</pubDate>
<description>Heavy rain &lt;b&gt;flooded&lt;/b&gt; two roads &amp;amp; a bridge. Crews expect to reopen them \
by Friday.</description></item>
<item><title>Photo of the day</title><link>https://example.com/photo</link><guid>photo-1</guid></item>
</channel></rss>
"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- the evening edition -->
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">The &lt;i&gt;Evening&lt;/i&gt; Post</title><id>urn:uuid:post</id>
<updated>2024-03-06T10:00:00Z</updated>
<entry><title>Fire on Main Street</title><link href="https://post.example/fire"/>
<id>tag:post.example,2024:fire</id><updated>2024-03-06T00:30:00+02:00</updated>
<summary>A fire downtown.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{FIRE}</p></div></content></entry>
</feed>
"""


def assert_text_indexes(article: Article, *passages: str) -> None:
    """Each passage is in the article's text where an offset into that text says it is; no markup is left."""
    for passage in passages:
        start = article.text.index(passage)
        assert article.text[start:start + len(passage)] == passage
    assert not any(mark in article.text for mark in ("<", ">", "&amp;", "&lt;"))


def test_rss_entries_become_articles_and_an_empty_entry_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "bugle.rss", RSS)
    articles, problems = load(path)
    assert articles == [
        Article(id="https://example.com/?p=1", text=f"{FIRE}\n{HURT}", outlet="The Daily Bugle",
                title="Big Fire in Town", published=dt.date(2024, 3, 5), url="https://example.com/fire",
                source=f"{path}[0]"),
        Article(id=content_id(RAIN), text=RAIN, outlet="The Daily Bugle", title="Roads closed & more",
                published=dt.date(2024, 3, 6), url="https://example.com/rain", source=f"{path}[1]"),
    ]
    assert problems == [Problem(f"{path}[2]", (
        f"{path}[2]: entry 'Photo of the day' has no text in its content, summary or description; "
        "save the article's page as .html and read that instead"))]
    assert_text_indexes(articles[0], FIRE, HURT)
    assert_text_indexes(articles[1], "two roads & a bridge", "by Friday.")


def test_atom_entry_becomes_an_article(tmp_path: Path) -> None:
    path = write(tmp_path / "post.atom", ATOM)
    articles, problems = load(path)
    assert problems == []
    # The outlet's HTML is taken out; the date is the day the feed writes, not the UTC day (March 5th).
    assert articles == [Article(id="tag:post.example,2024:fire", text=FIRE, outlet="The Evening Post",
                                title="Fire on Main Street", published=dt.date(2024, 3, 6),
                                url="https://post.example/fire", source=f"{path}[0]")]


@pytest.mark.parametrize(("description", "text"), [
    # A description without markup.
    ("Council meets on Monday.", "Council meets on Monday."),
    # HTML trafilatura passes over as boilerplate: the tags are stripped, the entities unescaped.
    ("&lt;aside&gt;The mayor &amp;amp; council met on &lt;b&gt;Monday&lt;/b&gt;.&lt;/aside&gt;",
     "The mayor & council met on Monday."),
    ("&lt;footer&gt;Fish &amp;amp; chips&lt;br&gt;at the pier&lt;/footer&gt;", "Fish & chips\nat the pier"),
    # A character reference to a control character in a paragraph (lxml refused to set its text).
    ("&lt;aside&gt;&lt;p&gt;That&amp;#x2;s all.&lt;/p&gt;&lt;/aside&gt;", "Thats all."),
])
def test_rss_description_is_read_as_plain_text(tmp_path: Path, description: str, text: str) -> None:
    path = write(tmp_path / "short.rss", f"<rss version='2.0'><channel><title>Bugle</title><item>"
                                         f"<description>{description}</description></item></channel></rss>")
    [article], _ = load(path)
    assert (article.id, article.text, article.title, article.url) == (content_id(text), text, None, None)


def test_feed_entry_id_is_made_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "ids.rss", f"<rss version='2.0'><channel><title>Bugle</title>"
                                       f"<item><guid>  a\n  b </guid><description>{FIRE}</description></item>"
                                       f"<item><guid>{'x' * 300}</guid><description>{HURT}</description></item>"
                                       "</channel></rss>")
    articles, _ = load(path)
    assert [a.id for a in articles] == ["a b", f"feed-{content_id('x' * 300)}"]


def test_feed_is_sniffed_on_stdin_and_under_other_suffixes(tmp_path: Path) -> None:
    [article, *_] = read_stdin(io.BytesIO(RSS.encode()))
    assert isinstance(article, Article)
    assert (article.id, article.source) == ("https://example.com/?p=1", "<stdin>[0]")
    [atom], problems = load(write(tmp_path / "feed.php", ATOM))
    assert (atom.id, problems) == ("tag:post.example,2024:fire", [])


@pytest.mark.parametrize(("content", "found"), [
    ('<?xml version="1.0"?><urlset><url><loc>https://example.com/</loc></url></urlset>', ""),
    ("https://example.com/feed.rss", " (not well-formed (invalid token) at line 1, column 6)"),  # never fetched
])
def test_xml_that_is_not_a_feed_is_a_problem(tmp_path: Path, content: str, found: str) -> None:
    path = write(tmp_path / "sitemap.xml", content)
    good = write(tmp_path / "good.txt", FIRE)
    articles, problems = load(path, good)
    assert [a.id for a in articles] == ["good"]
    assert only_problem(problems) == Problem(path, (
        f"{path}: not an RSS or Atom feed{found}; .rss, .atom and .xml files are read as feeds — give articles "
        "as .txt, .html, .json or .jsonl files"))


def test_feed_that_names_a_file_does_not_read_it(tmp_path: Path) -> None:
    feed = write(tmp_path / "real.rss", RSS)
    path = write(tmp_path / "pointer.rss", feed)  # feedparser takes a bare path for a file to open
    _, problems = load(path)
    assert only_problem(problems).message.startswith(f"{path}: not an RSS or Atom feed")


@pytest.mark.parametrize("declaration", ['<?xml version="1.0"?>\n', ""])
def test_broken_feed_is_a_problem_with_line_and_column(tmp_path: Path, declaration: str) -> None:
    path = write(tmp_path / "broken.rss", f'{declaration}<rss version="2.0">\n<channel><title>Bugle</title>\n</rss>')
    lines_before = declaration.count("\n")
    _, problems = load(path)
    assert only_problem(problems).message == (
        f"{path}: feed is not well-formed (mismatched tag at line {3 + lines_before}, column 2); fix the file")


def test_entries_of_a_broken_feed_are_read_as_far_as_they_go(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.rss", f"<rss version='2.0'><channel><title>Bugle & Co</title><item>"
                                          f"<description>{FIRE}</description></item></channel></rss>")
    [article], problems = load(path)
    assert (article.text, article.outlet, problems) == (FIRE, "Bugle & Co", [])


def test_feed_without_entries_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "quiet.rss", "<rss version='2.0'><channel><title>Bugle</title></channel></rss>")
    _, problems = load(path)
    assert only_problem(problems).message == (
        f"{path}: feed holds no entries; leave it out or save it again when it has some")


def test_too_long_feed_entry_is_a_problem_and_the_others_load(tmp_path: Path) -> None:
    path = write(tmp_path / "bugle.rss", RSS)
    articles, problems = load(path, max_chars=200)
    assert [a.source for a in articles] == [f"{path}[1]"]
    assert [p.source for p in problems] == [f"{path}[0]", f"{path}[2]"]
    assert problems[0].message.endswith("the limit is 200 characters (--max-chars)")


@pytest.mark.parametrize("ref", ["&#1114112;", "&#xD800;", "&#x110000;", "&#99999999999999999999;"])
def test_a_feed_reference_to_no_character_reads_as_a_replacement_character(tmp_path: Path, ref: str) -> None:
    path = write(tmp_path / "bugle.rss", f"<rss version='2.0'><channel><title>Bugle</title><item><title>Fire{ref}"
                                         f"</title><description>{FIRE} {ref}</description></item><item>"
                                         f"<description>{HURT}</description></item></channel></rss>")
    articles, problems = load(path)
    assert problems == []
    assert [a.text for a in articles] == [f"{FIRE} \ufffd", HURT]
    assert articles[0].title == "Fire\ufffd"


def test_a_feed_title_with_a_control_character_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "bugle.rss", f"<rss version='2.0'><channel><title>Bugle</title><item><title>Fire</title>"
                                         f"<description>&lt;p&gt;{FIRE}\x1f&lt;/p&gt;</description></item></channel></rss>")
    [article], problems = load(path)
    assert (article.text, problems) == (FIRE, [])


# -- WARC archives ------------------------------------------------------------------------------

WarcRecord = tuple[str, str, bytes, str]  # target URI, content type, body, HTTP status


def write_warc(path: Path, *records: WarcRecord, date: str = "2024-03-07T09:15:00Z") -> str:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as file:
        writer = WARCWriter(file, gzip=path.suffix == ".gz")
        for uri, content_type, body, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": date}))
    return str(path)


FIRE_URI = "https://example.com/news/fire?ref=rss"
EMPTY_URI = "https://example.com/empty"
CRAWL = (
    (FIRE_URI, "text/html; charset=utf-8", PAGE.encode(), "200 OK"),
    ("https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "200 OK"),
    (EMPTY_URI, "application/xhtml+xml", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "200 OK"),
)


def warc_id(uri: str) -> str:
    return "warc-" + content_id(uri)


def test_warc_html_pages_become_articles_and_other_records_are_skipped(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", *CRAWL)
    articles, problems = load(path)
    [page], _ = load(write(tmp_path / "fire.html", PAGE))
    assert articles == [Article(id=warc_id(FIRE_URI), text=page.text, outlet="The Daily Bugle",
                                title="Big Fire in Town", published=dt.date(2024, 3, 5), url=FIRE_URI,
                                source=f"{path}#{FIRE_URI}")]
    assert page.text == f"Big Fire in Town\n{FIRE}\n{HURT}"
    assert_text_indexes(articles[0], FIRE, HURT)
    assert problems == [Problem(f"{path}#{EMPTY_URI}", (
        f"{path}#{EMPTY_URI}: no article text found in the HTML; save the article's own page, "
        "or its text as a .txt file"))]


def test_warc_page_without_a_date_takes_the_capture_date(tmp_path: Path) -> None:
    undated = PAGE.replace('<meta name="date" content="2024-03-05">', "").replace("bakery", "café")
    path = write_warc(tmp_path / "crawl.warc",
                      ("https://example.com/moved", "text/html", PAGE.encode(), "301 Moved Permanently"),
                      ("https://example.com/fire", "text/html; charset=iso-8859-1", undated.encode("latin-1"),
                       "200 OK"))
    [article], problems = load(path)
    assert problems == []
    assert (article.id, article.published) == (warc_id("https://example.com/fire"), dt.date(2024, 3, 7))
    assert "destroyed three buildings and a café." in article.text  # decoded by the HTTP header's charset


def test_too_large_warc_page_is_a_problem_and_the_others_load(tmp_path: Path) -> None:
    padded = PAGE.replace("</body>", f"<!-- {'x' * 5000} --></body>")
    path = write_warc(tmp_path / "crawl.warc.gz", ("https://example.com/big", "text/html", padded.encode(), "200 OK"),
                      (FIRE_URI, "text/html", PAGE.encode(), "200 OK"))
    articles, problems = load(path, max_chars=400)
    assert [a.id for a in articles] == [warc_id(FIRE_URI)]
    assert only_problem(problems) == Problem(f"{path}#https://example.com/big", (
        f"{path}#https://example.com/big: page is over 4.0 kB, too big for an article within the limit of "
        "400 characters (--max-chars); raise --max-chars to read it"))


def test_warc_without_html_pages_is_a_problem(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "images.warc.gz", CRAWL[1])
    _, problems = load(path)
    assert only_problem(problems).message == (
        f"{path}: no HTML pages (responses with status 200) in the archive; check that the crawl saved the "
        "articles' pages")


def test_file_that_is_not_a_warc_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.warc.gz", b"\x1f\x8b\x08 not really gzip")
    _, problems = load(path)
    assert only_problem(problems).message == (
        f"{path}: not a WARC file, or damaged at the start (Unknown archive format); give web archives as "
        ".warc or .warc.gz files")


def test_warc_cut_short_keeps_the_pages_before(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    write_warc(path, CRAWL[0], CRAWL[0])
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    end = data.index(b"WARC-Type: response\r\n", second) + len(b"WARC-Type: response\r\n")
    path.write_bytes(data[:end])  # the second record breaks off before its target URI
    articles, problems = load(str(path))
    assert [a.id for a in articles] == [warc_id(FIRE_URI)]
    assert only_problem(problems).message == (
        f"{path}: damaged or cut short after 1 record (its headers break off); the pages before were read — "
        "repair the archive or fetch it again")


TWO_PAGES = ((FIRE_URI, "text/html", PAGE.encode(), "200 OK"),
             ("https://example.com/flood", "text/html", PAGE.replace("fire", "flood").encode(), "200 OK"))


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_cut_inside_a_page_does_not_read_the_cut_page(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"crawl{suffix}"
    write_warc(path, *TWO_PAGES)
    path.write_bytes(path.read_bytes()[:-40])  # the last page's record (or its gzip member) breaks off
    articles, problems = load(str(path))
    assert [a.id for a in articles] == [warc_id(FIRE_URI)]
    assert only_problem(problems).message == (
        f"{path}: damaged or cut short after 1 record (it ends inside the record of https://example.com/flood); "
        "the pages before were read — repair the archive or fetch it "
        "again")


@pytest.mark.parametrize("into", [8, 20, 60, 200, 355])
def test_warc_cut_inside_a_later_records_headers_says_so(tmp_path: Path, into: int) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, *TWO_PAGES)
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    path.write_bytes(data[:second + into])  # the status line, some headers, or all but the HTTP headers
    articles, problems = load(str(path))
    assert [a.id for a in articles] == [warc_id(FIRE_URI)]
    assert only_problem(problems).message == (
        f"{path}: damaged or cut short after 1 record (its headers break off); the pages before were read — repair "
        "the archive or fetch it again")


def test_warc_gz_cut_between_records_says_so(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, *TWO_PAGES)
    data = path.read_bytes()
    # Where the first record's gzip member ends. The magic bytes alone are not enough: warcio gives each record a
    # random id, and now and then its compressed bytes hold "\x1f\x8b" too.
    member = zlib.decompressobj(wbits=31)
    member.decompress(data)
    second = len(data) - len(member.unused_data)
    assert data[second:second + 2] == b"\x1f\x8b"
    path.write_bytes(data[:second + 30])
    articles, problems = load(str(path))
    assert [a.id for a in articles] == [warc_id(FIRE_URI)]
    assert "damaged or cut short after 1 record" in only_problem(problems).message


def test_warc_record_of_the_wrong_length_is_a_quiet_problem(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, *TWO_PAGES)
    data = path.read_bytes()
    length = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    declared = int(data[length:data.index(b"\r\n", length)])
    # The first record claims 10 bytes fewer than it holds: warcio reads on, and warns on stderr.
    data = data[:length] + str(declared - 10).encode() + data[data.index(b"\r\n", length):]
    path.write_bytes(data)
    articles, problems = load(str(path))
    assert problems and problems[0].message == (
        f"{path}: damaged after 1 record: a record's length does not match its content; the records after it were "
        "read as far as they go — repair the archive or fetch it again")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""  # warcio's multi-line warning with raw bytes is not printed


def test_folder_reads_feeds_and_archives(tmp_path: Path) -> None:
    write(tmp_path / "feeds" / "bugle.rss", RSS)
    write(tmp_path / "feeds" / "post.atom", ATOM)
    write(tmp_path / "feeds" / "sitemap.xml", "<?xml version='1.0'?><urlset/>")
    write_warc(tmp_path / "crawl.warc.gz", *CRAWL)
    write(tmp_path / "crawl.cdx", "not an input")
    articles, problems = load(str(tmp_path))
    assert [a.id for a in articles] == [
        warc_id(FIRE_URI), "https://example.com/?p=1", content_id(RAIN), "tag:post.example,2024:fire"]
    assert [p.source for p in problems] == [
        f"{tmp_path / 'crawl.warc.gz'}#{EMPTY_URI}", f"{tmp_path / 'feeds' / 'bugle.rss'}[2]",
        str(tmp_path / "feeds" / "sitemap.xml")]


# -- the shared data (skipped when absent) ------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "data" / "basil" / "dev.jsonl").exists(), reason="shared data absent")
def test_basil_dev_loads_whole() -> None:
    articles, problems = load_articles([str(SHARED / "data" / "basil" / "dev.jsonl")])
    assert problems == []
    assert len(articles) == 150
    assert all(a.outlet and a.published and "event" in a.meta for a in articles)


@pytest.mark.skipif(not (SHARED / "examples" / "occupy-ice").exists(), reason="shared examples absent")
def test_occupy_ice_texts_match_the_scorers_reading() -> None:
    folder = SHARED / "examples" / "occupy-ice"
    articles, problems = load_articles([str(folder / "*.txt")])
    assert problems == []
    for article in articles:
        with open(article.source, encoding="utf-8", newline="") as file:
            assert article.text == file.read()


def test_a_lone_surrogate_is_a_problem_and_the_other_lines_go_in(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "bad", "text": "broken \\ud800 text"}\n{"id": "good", "text": "Fine text."}\n',
                    encoding="utf-8")
    items = list(read_inputs([str(path)]))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.id for a in items if isinstance(a, Article)] == ["good"]
    assert len(problems) == 1 and "not valid Unicode" in problems[0].message and "surrogate" in problems[0].message
