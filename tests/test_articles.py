"""Tests of storydiff.articles and of Article's own checks: hostile values in what inputs hold.

Each input kind reads JSON through :func:`load_json`; a value that Python reads but no JSON writer
can write back (NaN, 1e400, an integer of more than 4,300 digits, nesting past Python's stack), or
a string no UTF-8 writer takes (a lone surrogate from a ``\\ud800`` escape), is a problem naming
its record, and the other records go on.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storydiff import Article, InputError, compare
from storydiff.articles import MAX_INT_DIGITS, load_json
from storydiff.ingest import IngestOptions, article_from_record, load_articles
from storydiff.model import MAX_META_DEPTH

GOOD = {"id": "good", "text": "The council voted 7-2 on Tuesday to close the old bridge."}
HUGE_INT = "1" + "0" * MAX_INT_DIGITS  # one digit more than Python converts


def jsonl(path: Path, *lines: str) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("raw", "reason"), [
    ('{"id": "x", "text": "t", "count": ' + HUGE_INT + "}",
     f"an integer of {MAX_INT_DIGITS + 1:,} digits, more than {MAX_INT_DIGITS:,}"),
    ('{"id": "x", "text": "t", "count": -' + HUGE_INT + "}",
     f"an integer of {MAX_INT_DIGITS + 1:,} digits, more than {MAX_INT_DIGITS:,}"),
    ('{"id": "x", "text": "t", "score": 1e400}', "a number too large to hold (1e400)"),
    ('{"id": "x", "text": "t", "score": NaN}', "NaN is not a JSON value; write null or a string instead"),
    ('{"id": "x", "text": "t", "score": -Infinity}', "-Infinity is not a JSON value; write null or a string instead"),
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply to read"),
])
def test_json_python_reads_but_cannot_write_back_is_an_input_error(raw: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        load_json(raw, "in.json")
    assert str(caught.value) == f"in.json: {reason}; fix the file"


def test_ordinary_json_numbers_still_read() -> None:
    assert load_json('{"a": -12, "b": 1.5e10, "c": ' + "9" * MAX_INT_DIGITS + "}", "in.json") == {
        "a": -12, "b": 1.5e10, "c": int("9" * MAX_INT_DIGITS)}


@pytest.mark.parametrize("bad", [
    '{"id": "x", "text": "t", "n": ' + HUGE_INT + "}",
    '{"id": "x", "text": "t", "meta": ' + "[" * 50_000 + "]" * 50_000 + "}",
    '{"id": "x", "text": "t", "n": NaN}',
    '{"id": "x\\ud800", "text": "t"}',
    '{"id": "x", "text": "t \\udfff", "outlet": "o"}',
    '{"id": "x", "text": "t", "title": "\\ud800"}',
    '{"id": "x", "text": "t", "outlet": "\\ud800"}',
    '{"id": "x", "text": "t", "url": "https://e.com/\\ud800"}',
    '{"id": "x", "text": "t", "tags": ["ok", {"deep": "\\ud83d"}]}',
    '{"id": "x", "text": "t", "\\ud800": 1}',
])
def test_a_hostile_jsonl_line_is_a_problem_and_the_other_lines_go_in(tmp_path: Path, bad: str) -> None:
    path = jsonl(tmp_path / "in.jsonl", json.dumps(GOOD), bad, json.dumps({**GOOD, "id": "after"}))
    articles, problems = load_articles([path])
    assert [a.id for a in articles] == ["good", "after"]
    assert [p.source for p in problems] == [f"{path}:2"]
    assert problems[0].message.startswith(f"{path}:2: ")
    problems[0].message.encode("utf-8")  # the message itself is printable


@pytest.mark.parametrize(("content", "reason"), [
    ('[{"id": "x", "text": "t", "n": ' + HUGE_INT + "}]", "digits, more than"),
    ("[" * 100_000, "JSON nested too deeply to read"),
    ('{"id": "x", "text": "t", "n": Infinity}', "Infinity is not a JSON value"),
])
def test_a_hostile_json_file_or_stdin_is_one_problem(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    _, problems = load_articles([str(path)])
    assert len(problems) == 1 and reason in problems[0].message and problems[0].source == str(path)
    _, problems = load_articles(["-"], stdin=io.BytesIO(content.encode()))
    assert len(problems) == 1 and reason in problems[0].message
    assert problems[0].source in ("<stdin>", "<stdin>:1")  # one line holding an object is read as JSON lines


def test_an_array_item_with_a_lone_surrogate_is_a_problem_for_that_item(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps([GOOD, {**GOOD, "id": "b", "title": "\ud800"}], ensure_ascii=True), encoding="utf-8")
    articles, problems = load_articles([str(path)])
    assert [a.id for a in articles] == ["good"]
    assert [p.source for p in problems] == [f"{path}[1]"]
    assert "'title' is not valid Unicode (a lone surrogate at character 0" in problems[0].message


@pytest.mark.parametrize(("fields", "reason"), [
    ({"text": "Hello \ud800 world."}, "'text' is not valid Unicode (a lone surrogate at character 6"),
    ({"outlet": "\udc80"}, "'outlet' is not valid Unicode"),
    ({"meta": {"tags": [["\ud800"]]}}, "metadata field 'tags' is not valid Unicode"),
    ({"meta": {"\ud800": 1}}, "metadata field '\\ud800''s name is not valid Unicode"),
])
def test_an_article_cannot_hold_a_lone_surrogate(fields: dict[str, object], reason: str) -> None:
    with pytest.raises(InputError) as caught:
        Article(**{"id": "a", "text": "Hello world.", **fields})  # type: ignore[arg-type]
    assert str(caught.value).startswith(f"article 'a': {reason}")


def test_compare_through_the_api_raises_our_error_for_a_lone_surrogate() -> None:
    with pytest.raises(InputError, match="not valid Unicode"):
        compare([Article(id="a", text="Hello \ud800 world."), Article(id="b", text="Hello world.")])


def test_an_id_with_a_lone_surrogate_is_named_printably() -> None:
    with pytest.raises(InputError) as caught:
        Article(id="\ud800", text="Hello.")
    assert str(caught.value).startswith("article '\\ud800': 'id' is not valid Unicode")
    str(caught.value).encode("utf-8")


@pytest.mark.parametrize("bad_id", ["", None, 7])
def test_an_article_needs_a_non_empty_string_id(bad_id: object) -> None:
    with pytest.raises(InputError, match="give each article a non-empty string id"):
        Article(id=bad_id, text="Hello.", source="in.jsonl:3")  # type: ignore[arg-type]


def test_metadata_nesting_is_bounded() -> None:
    def nested(depth: int) -> object:
        value: object = "leaf"
        for _ in range(depth - 1):
            value = [value]
        return value

    Article(id="a", text="t", meta={"x": nested(MAX_META_DEPTH - 1)})
    with pytest.raises(InputError, match=f"metadata field 'x' nests more than {MAX_META_DEPTH} levels deep"):
        Article(id="a", text="t", meta={"x": nested(MAX_META_DEPTH + 1)})


def test_record_source_is_named_when_a_field_is_bad() -> None:
    with pytest.raises(InputError) as caught:
        article_from_record({"id": "x", "text": "t", "title": "\ud800"}, source="feed.jsonl:7",
                            options=IngestOptions())
    assert caught.value.source == "feed.jsonl:7"
