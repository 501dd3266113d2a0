"""Tests of storydiff.ingest: every input kind, the id rules, and one test per kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
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
    assert article.meta == {"event": "main-street-fire", "topic": 7}


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


@pytest.mark.parametrize(("published", "expected"), [
    ("2024-03-05", dt.date(2024, 3, 5)),
    ("2024-03-05T23:59:59+02:00", dt.date(2024, 3, 5)),
    ("2024-03-05 08:00", dt.date(2024, 3, 5)),
    (None, None),
])
def test_published_iso_dates_and_datetimes_become_dates(published: str | None, expected: dt.date) -> None:
    article = article_from_record({"id": "a", "text": FIRE, "published": published}, source="x")
    assert article.published == expected
    assert "published" not in article.meta


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
    assert "folder holds no .txt, .html, .htm, .json, .jsonl files" in problem.message


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


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    text = write(tmp_path / "story.md", FIRE)
    lines = write_jsonl(tmp_path / "feed.ndjson", {"id": "n1", "text": HURT})
    articles, problems = load(text, lines)
    assert problems == []
    assert [(a.id, a.text) for a in articles] == [("story", FIRE), ("n1", HURT)]


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
