"""What a hostile or careless client can send to the compare endpoints: never a 500, always a 4xx in
the app's error shape naming what was wrong and where, or a report naming the article's problem."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from storydiff.web.jsonbody import MAX_DEPTH, RefusedJSON, read_json, value_problems
from tests.conftest import EXAMPLE

A = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
B = (EXAMPLE / "b.txt").read_text(encoding="utf-8")
DIGITS = "1" * 5000
DEEP = "[" * 100_000 + "]" * 100_000
FIELDS = ("id", "title", "outlet", "url", "text", "published", "event")


def put(template: str, value: str) -> str:
    """``template`` with its ``@`` replaced by ``value`` (raw JSON: not escaped)."""
    return template.replace("@", value)


def first(extra: str) -> str:
    """A compare body as JSON text: the first article's fields end with ``extra`` (raw JSON)."""
    return put('{"articles": [{"id": "a", "text": "Hello world.", @}, {"id": "b", "text": "Hello there."}]}', extra)


def refused(response: Response) -> list[str]:
    """The details of a 422 in the app's JSON error shape."""
    assert response.status_code == 422, response.text
    doc = response.json()
    assert doc["ok"] is False and doc["status"] == 422 and doc["error"]
    details: list[str] = doc["details"]
    return details


def post_json(client: TestClient, body: str | bytes) -> Response:
    return client.post("/compare", content=body, headers={"content-type": "application/json"})


# -- POST /compare: the JSON body -----------------------------------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(first(f'"event": {DIGITS}'), "articles[0].event: a number of 5,000 digits", id="digits-meta"),
    pytest.param(first(f'"event": -{DIGITS}'), "articles[0].event: a number of 5,000 digits", id="digits-negative"),
    pytest.param(put('{"articles": [{"id": @, "text": "x"}, {"id": "b", "text": "y"}]}', DIGITS),
                 "articles[0].id: a number of 5,000 digits", id="digits-id"),
    pytest.param(put('{"articles": [{"id": "a", "text": @}, {"id": "b", "text": "y"}]}', DIGITS),
                 "articles[0].text: a number of 5,000 digits", id="digits-text"),
    pytest.param(DEEP, "the body is nested too deeply", id="deep-body"),
    pytest.param("[" * 100_000, "the body is nested too deeply", id="deep-unclosed"),
    pytest.param(first(f'"event": {DEEP}'), "the body is nested too deeply", id="deep-meta"),
    pytest.param(first('"event": ' + "[" * 100 + "]" * 100), f"nested more than {MAX_DEPTH} levels deep",
                 id="deep-but-parsed"),
    pytest.param(first('"event": NaN'), "articles[0].event: NaN is not a JSON number", id="nan"),
    pytest.param(first('"event": Infinity'), "articles[0].event: Infinity is not a JSON number", id="infinity"),
    pytest.param(first('"event": {"when": [-Infinity]}'), "articles[0].event.when[0]: -Infinity is not",
                 id="minus-infinity-nested"),
    pytest.param(first('"event": 1e400'), "articles[0].event: 1e400 is too large to be a number", id="overflow"),
    pytest.param(first(r'"ev\ud800": 1'), r"articles[0].ev\ud800: the name holds a lone surrogate", id="key"),
    pytest.param(b'{"articles": [\xff]}', "not UTF-8 text (byte 0xff at offset 14)", id="not-utf8"),
    pytest.param('{"articles": [', "not JSON: Expecting value at line 1, column 15", id="cut-short"),
])
def test_compare_json_names_what_it_cannot_read(client: TestClient, body: str | bytes, expected: str) -> None:
    details = refused(post_json(client, body))
    assert any(expected in d for d in details), details


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("escape", [r"\ud800", r"\udfff", r"\udc00 and \ud83d"])
def test_compare_json_refuses_a_lone_surrogate_in_any_field(client: TestClient, field: str, escape: str) -> None:
    details = refused(post_json(client, first(f'"{field}": "Hi {escape} there."')))
    bad = escape.split()[0]
    assert details == [f"articles[0].{field}: a lone surrogate ({bad}), which is not text; fix the escape or "
                       "leave it out"]


def test_a_paired_surrogate_escape_is_text(client: TestClient) -> None:
    """``\\ud83d\\ude00`` is one character (an emoji), not a problem."""
    body = {"articles": [{"id": "smile @", "text": A}, {"id": "b", "text": B}]}
    response = post_json(client, put(json.dumps(body), "\\ud83d\\ude00"))
    assert response.status_code == 200, response.text
    assert [a["id"] for a in response.json()["articles"]] == ["smile \U0001f600", "b"]


@pytest.mark.parametrize("value", ['"yes"', '"1"', "1", '"true"', "0", '"on"', "null"])
def test_compare_json_store_must_be_a_boolean(client: TestClient, stores: Any, value: str) -> None:
    before = client.get("/stories.json").json()
    details = refused(post_json(client, put('{"store": @, "articles": [{"text": "x"}, {"text": "y"}]}', value)))
    assert details == ["body store: Input should be a valid boolean"]
    assert client.get("/stories.json").json() == before


def test_problems_are_named_up_to_a_bound(client: TestClient) -> None:
    extra = ", ".join(f'"f{i}": NaN' for i in range(25))
    details = refused(post_json(client, first(extra)))
    assert details[:2] == ["articles[0].f0: NaN is not a JSON number; send a number or a string",
                           "articles[0].f1: NaN is not a JSON number; send a number or a string"]
    assert len(details) == 11 and details[-1] == "… and 15 more"


def test_a_long_name_is_cut_in_the_message(client: TestClient) -> None:
    [detail] = refused(post_json(client, first(put('"@": NaN', "k" * 10_000))))
    assert detail == f"articles[0].{'k' * 40}…: NaN is not a JSON number; send a number or a string"


def test_read_json_accepts_plain_json_and_refuses_the_rest() -> None:
    assert read_json(b'{"a": [1, -2.5, "\\u00e9", true, null], "n": 12345678901234567890}') == {
        "a": [1, -2.5, "\u00e9", True, None], "n": 12345678901234567890}
    assert read_json(('"' + "9" * 4300 + '"').encode()) == "9" * 4300  # digits in a string are text
    assert read_json(("9" * 4300).encode()) == int("9" * 4300)
    with pytest.raises(RefusedJSON) as caught:
        read_json(("9" * 4301).encode())
    assert caught.value.problems == ["the body: a number of 4,301 digits (at most 4,300 are read); send it as a string"]
    assert value_problems({"a": ["x\ud800"], "b\udc00": 1}) == [
        "a[0]: a lone surrogate (\\ud800), which is not text; fix the escape or leave it out",
        "b\\udc00: the name holds a lone surrogate (\\udc00), which is not text"]


# -- POST /compare/form: pasted text and uploads ----------------------------------------------------


def form(client: TestClient, files: list[tuple[str, tuple[str, bytes, str]]], text: list[str] | None = None
         ) -> Response:
    return client.post("/compare/form", data={"text": text or [A, B]}, files=files,
                       headers={"accept": "application/json"})


def upload_problems(response: Response) -> list[str]:
    assert response.status_code == 200, response.text
    doc = response.json()
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]  # the pasted pair, compared
    return [p["message"] for p in doc["problems"]]


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
@pytest.mark.parametrize(("content", "reason"), [
    pytest.param(put('{"id": "u", "text": "Hi.", "n": @}', DIGITS), "5,000 digits", id="digits"),
    pytest.param(put('{"id": "u", "text": @}', DIGITS), "5,000 digits", id="digits-text"),
    pytest.param("[" * 100_000, "nested too deeply", id="deep"),
    pytest.param(put('{"id": "u", "text": "Hi.", "n": @}', DEEP), "nested too deeply", id="deep-meta"),
    pytest.param(put('{"id": "u", "text": "Hi.", "n": @}', "[" * 200 + "]" * 200), "levels deep", id="deep-parsed"),
    pytest.param(r'{"id": "u\ud800", "text": "Hi."}', "'id' is not valid unicode", id="surrogate-id"),
    pytest.param(r'{"id": "u", "title": "\ud800", "text": "Hi."}', "'title' is not valid unicode",
                 id="surrogate-title"),
    pytest.param(r'{"id": "u", "outlet": "\ud800", "text": "Hi."}', "'outlet' is not valid unicode",
                 id="surrogate-outlet"),
    pytest.param(r'{"id": "u", "url": "\ud800", "text": "Hi."}', "'url' is not valid unicode", id="surrogate-url"),
    pytest.param(r'{"id": "u", "text": "Hi \ud800."}', "'text' is not valid unicode", id="surrogate-text"),
    pytest.param(r'{"id": "u", "text": "Hi.", "event": {"x": "\udc00"}}', "'event' is not valid unicode",
                 id="surrogate-meta"),
    pytest.param('{"id": "u", "text": "Hi.", "n": NaN}', "nan is not a json value", id="nan"),
])
def test_a_hostile_upload_is_a_problem_naming_it(client: TestClient, suffix: str, content: str, reason: str) -> None:
    problems = upload_problems(form(client, [("file", (f"bad{suffix}", content.encode(), "application/json"))]))
    assert len(problems) == 1 and problems[0].startswith(f"upload bad{suffix}"), problems
    assert reason in problems[0].casefold(), problems


def test_an_upload_a_reader_fails_on_is_a_problem_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a reader raises (here, a fault of the reader itself) is the upload's problem."""
    from storydiff.web import submit

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(submit, "load_articles", broken)
    articles, problems = submit.read_uploads([("bad.json", b"{}")])
    assert articles == [] and [p.message for p in problems] == [
        "upload bad.json: could not be read (RecursionError: maximum recursion depth exceeded)"]


@pytest.mark.parametrize("field", ["text", "title", "outlet", "published"])
def test_pasted_fields_with_hostile_contents_never_fail(client: TestClient, field: str) -> None:
    """Form fields are text: digits, brackets and escapes are compared (or refused) as such."""
    for value in (DIGITS, "[" * 10_000, r"Hi \ud800 there.", "NaN"):
        data = {"text": [A, B], "title": ["", ""], "outlet": ["", ""], "published": ["", ""]}
        data[field] = [value if field != "text" else A + value, data[field][1]]
        response = client.post("/compare/form", data=data, headers={"accept": "application/json"})
        assert response.status_code in (200, 422), (field, value[:20], response.text[:300])
        assert response.json()["status" if response.status_code == 422 else "schema"]


def test_form_bytes_that_are_not_utf8_are_read_as_text(client: TestClient) -> None:
    """A surrogate sent as bytes (CESU-8) or percent-escaped in a form is not text: it never
    reaches an article as a lone surrogate."""
    boundary = "zz"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n").encode() + \
        A.encode() + b"\xed\xa0\x80" + (f"\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n"
                                        f"{B}\r\n--{boundary}--\r\n").encode()
    for content, kind in ((body, f"multipart/form-data; boundary={boundary}"),
                          (b"text=Hi%ED%A0%80there.&text=Hello+there.", "application/x-www-form-urlencoded")):
        response = client.post("/compare/form", content=content,
                               headers={"content-type": kind, "accept": "application/json"})
        assert response.status_code == 200, response.text
        assert all("\ud800" not in a["id"] for a in response.json()["articles"])
