"""The web app through FastAPI's TestClient: pages and their JSON twins, comparing posted articles,
errors as HTML and JSON, headers, body limits, and hostile article text."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from httpx import Response

from storydiff.cli import main
from storydiff.web import create_app
from storydiff.web.policy import CONTENT_SECURITY_POLICY
from tests.conftest import EXAMPLE
from tests.web.conftest import IMG, SCRIPT, SIDE_EFFECT, XSS_TITLE, Stores
from tests.web.pagecheck import StoryPage, check_report

A = (EXAMPLE / "a.txt").read_text(encoding="utf-8")
B = (EXAMPLE / "b.txt").read_text(encoding="utf-8")


def secure(response: Response) -> Response:
    """Every response carries the security headers."""
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, response.url
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    return response


def is_html(response: Response) -> str:
    assert response.headers["content-type"].startswith("text/html"), response.headers
    return response.text


def conflict_38_39(doc: dict[str, Any]) -> dict[str, Any]:
    [story] = doc["stories"]
    [found] = [f for f in story["findings"] if f["status"] == "conflict" and f["kind"] == "quantity"
               and {m["text"] for m in f["mentions"]} == {"38-day", "39-day"}]
    return found


# -- the story list -------------------------------------------------------------------------------


def test_story_list_and_its_json_twin(client: TestClient, stores: Stores) -> None:
    page = is_html(secure(client.get("/stories")))
    assert f'href="/stories/{stores.example}"' in page
    assert "ICE union wants Portland mayor" in page
    assert '<link rel="alternate" type="application/json" href="http://testserver/stories.json">' in page
    doc = secure(client.get("/stories.json")).json()
    assert doc["schema"] == "storydiff.stories/1"
    by_id = {s["id"]: s for s in doc["stories"]}
    assert set(by_id) == {stores.example, stores.xss}
    assert by_id[stores.example]["articles"] == ["a", "b"] and by_id[stores.example]["conflicts"] >= 1
    assert set(by_id[stores.example]) >= {"id", "title", "articles", "sources", "outlets", "first", "last",
                                          "conflicts", "variants"}


def test_story_list_search_and_sort(client: TestClient, stores: Stores) -> None:
    def ids(query: str) -> list[str]:
        return [s["id"] for s in client.get(f"/stories.json?{query}").json()["stories"]]

    assert ids("q=portland") == [stores.example]
    assert ids("q=evil+times") == [stores.xss]  # an outlet's words
    assert ids("q=nothing-like-this") == []
    conflicts = client.get("/stories.json?sort=conflicts").json()["stories"]
    assert [s["conflicts"] for s in conflicts] == sorted((s["conflicts"] for s in conflicts), reverse=True)
    page = client.get("/stories?q=nothing-like-this").text
    assert "No story matches" in page and "nothing-like-this" in page
    assert 'value="conflicts" selected' in client.get("/stories?sort=conflicts").text


def test_home_redirects_to_the_story_list(client: TestClient) -> None:
    response = secure(client.get("/", follow_redirects=False))
    assert response.status_code == 303 and response.headers["location"] == "/stories"


# -- a story --------------------------------------------------------------------------------------


def test_story_json_is_the_report_with_offsets_into_the_articles(client: TestClient, stores: Stores) -> None:
    doc = secure(client.get(f"/stories/{stores.example}.json")).json()
    check_report(doc, stores.texts)
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    assert doc["stories"][0]["id"] == stores.example
    conflict_38_39(doc)
    variants = [f for f in doc["stories"][0]["findings"] if f["status"] == "variant" and f["kind"] == "quote"]
    assert any(d["inserted"] == ["[Trump]"] for f in variants for d in f["diff"])


def test_story_timeline_json_and_its_section_on_the_story_page(client: TestClient, stores: Stores) -> None:
    doc = secure(client.get(f"/stories/{stores.xss}/timeline.json")).json()
    assert doc["schema"] == "storydiff.timeline/1" and doc["story"] == stores.xss
    assert [(a["id"], a["day"], a["when_from"]) for a in doc["articles"]] == [
        ("x2", "2018-07-26", "metadata"), ("x1", None, None)]
    for fact in doc["facts"]:
        for st in fact["statements"]:
            assert stores.texts[st["article"]][st["start"]:st["end"]] == st["text"]
    page = secure(client.get(f"/stories/{stores.xss}")).text
    assert '<details class="timeline" id="timeline">' in page
    assert f'href="/stories/{stores.xss}/timeline.json"' in page
    assert "&lt;b&gt;Evil&lt;/b&gt; Times &lt;script&gt;" in page and "<b>Evil</b>" not in page
    assert client.get("/stories/s-nope/timeline.json").status_code == 404
    example = client.get(f"/stories/{stores.example}").text  # a credits the Oregonian, b the Portland Tribune
    assert '<ul class="timeline-credits">' in example
    assert "<q>the Oregonian reported</q>" in example and "<q>first reported by the Portland Tribune</q>" in example
    credits = client.get(f"/stories/{stores.example}/timeline.json").json()["credits"]
    assert {(c["article"], c["text"]) for c in credits} >= {("a", "the Oregonian reported"),
                                                           ("b", "first reported by the Portland Tribune")}


def test_story_page_marks_every_mention_in_place(client: TestClient, stores: Stores) -> None:
    page = is_html(secure(client.get(f"/stories/{stores.example}")))
    doc = client.get(f"/stories/{stores.example}.json").json()
    parsed = StoryPage(page)
    assert [c.article for c in parsed.columns] == ["a", "b"]
    for column in parsed.columns:
        assert column.text == stores.texts[column.article]  # nothing lost, added or left escaped twice
        for mark in column.marks:
            assert column.text[mark["start"]:mark["end"]] == mark["text"]
    # findings listed conflicts first; the page index of each is the key its marks carry
    statuses = [f["class"].split()[1].removeprefix("status-") for f in parsed.findings]
    rank = ["conflict", "variant", "agree", "unique"]
    assert statuses == sorted(statuses, key=rank.index) and statuses[0] == "conflict"
    assert len(parsed.findings) == len(doc["stories"][0]["findings"])
    # every mention is covered, in its article, by marks carrying its finding's key
    keys = {f["data-f"]: f for f in parsed.findings}
    covered = {(c.article, k, i) for c in parsed.columns for m in c.marks for k in m["f"]
               for i in range(m["start"], m["end"])}
    order = sorted(doc["stories"][0]["findings"], key=lambda f: rank.index(f["status"]))
    for index, finding in enumerate(order):
        assert str(index) in keys
        for m in finding["mentions"]:
            assert all((m["article"], str(index), i) in covered for i in range(m["start"], m["end"])), m


def test_story_page_shows_quote_variants_as_a_word_diff(client: TestClient, stores: Stores) -> None:
    page = client.get(f"/stories/{stores.example}").text
    assert re.search(r'<p class="diff"><span class="diff-label">a against b:</span>\s*'
                     r"<span>They are coming after me because I am a vocal opponent of the</span> <ins>\[Trump\]</ins> "
                     r"<span>administration&#39;s policy", page)


def test_story_csv_is_linked_from_the_page_and_holds_the_reports_findings(client: TestClient, stores: Stores) -> None:
    from storydiff.report.csvout import plain_cell

    page = client.get(f"/stories/{stores.example}").text
    assert f'<a class="download-csv" href="/stories/{stores.example}.csv" download>Download CSV</a>' in page
    response = secure(client.get(f"/stories/{stores.example}.csv"))
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == f'attachment; filename="storydiff-{stores.example}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    doc = client.get(f"/stories/{stores.example}.json").json()
    assert [(r["finding"], r["article"], plain_cell(r["evidence"]), int(r["start"])) for r in rows] == [
        (f["id"], m["article"], m["text"], m["start"]) for f in doc["stories"][0]["findings"] for m in f["mentions"]]
    assert secure(client.get("/stories/s-nope.csv")).status_code == 404


def test_unknown_story_is_404_in_html_and_json(client: TestClient) -> None:
    response = secure(client.get("/stories/s-nope"))
    assert response.status_code == 404
    assert "There is no story" in is_html(response) and "s-nope" in response.text
    response = secure(client.get("/stories/s-nope.json"))
    assert response.status_code == 404 and response.json()["ok"] is False
    assert "s-nope" in response.json()["error"]


def test_unknown_path_is_404_in_html_and_json(client: TestClient) -> None:
    assert "There is no page at /nowhere" in is_html(secure(client.get("/nowhere")))
    assert client.get("/nowhere.json").json()["status"] == 404
    assert client.get("/nowhere", headers={"accept": "application/json"}).json()["status"] == 404


def test_bad_parameter_is_422_in_html_and_json(client: TestClient) -> None:
    response = secure(client.get("/stories?sort=random"))
    assert response.status_code == 422 and "sort" in is_html(response)
    doc = secure(client.get("/stories.json?sort=random")).json()
    assert doc["status"] == 422 and any("sort" in d for d in doc["details"])


# -- hostile text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/stories", "/stories/{xss}", "/stories?q=harbor"])
def test_article_text_and_metadata_are_escaped(client: TestClient, stores: Stores, path: str) -> None:
    page = is_html(secure(client.get(path.format(xss=stores.xss))))
    for payload in (SCRIPT, IMG, SIDE_EFFECT, "<b>Evil</b>"):
        assert payload not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert page.count("<script") == 1 and '<script src="/static/app.js" defer></script>' in page
    assert not re.search(r"<[a-z][^>]*\son\w+\s*=", page), "no element has an event handler attribute"
    assert not re.search(r"<(img|b|i|iframe|object|embed)\b", page), "no element comes from article text"
    assert 'href="javascript:' not in page


def test_hostile_story_keeps_its_text_exact(client: TestClient, stores: Stores) -> None:
    parsed = StoryPage(client.get(f"/stories/{stores.xss}").text)
    assert {c.article: c.text for c in parsed.columns} == {a: stores.texts[a] for a in ("x1", "x2")}
    doc = client.get(f"/stories/{stores.xss}.json").json()
    check_report(doc, stores.texts)
    assert doc["stories"][0]["title"] == XSS_TITLE  # JSON carries the text as it is
    assert 'href="https://example.org/x2"' in client.get(f"/stories/{stores.xss}").text


# -- compare --------------------------------------------------------------------------------------


def test_compare_json_gives_the_report_and_leaves_the_store_alone(client: TestClient, stores: Stores) -> None:
    before = client.get("/stories.json").json()
    response = secure(client.post("/compare", json={"articles": [
        {"id": "a", "text": A, "outlet": "The Oregonian", "published": "2018-10-05"},
        {"id": "b", "text": B, "title": "Union wants probe"}]}))
    assert response.status_code == 200, response.text
    doc = response.json()
    check_report(doc, {"a": A, "b": B})
    assert {(a["id"], a["outlet"], a["published"], a["title"]) for a in doc["articles"]} == {
        ("a", "The Oregonian", "2018-10-05", None), ("b", None, None, "Union wants probe")}
    conflict_38_39(doc)
    assert "stored" not in doc
    assert client.get("/stories.json").json() == before


def test_compare_json_gives_default_ids_and_keeps_extra_fields(client: TestClient) -> None:
    doc = client.post("/compare", json={"articles": [{"text": A, "event": "occupy"}, {"text": B}]}).json()
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    conflict_38_39(doc)


@pytest.mark.parametrize("body", [
    pytest.param({"articles": [{"id": "a", "text": "Only one."}]}, id="one-article"),
    pytest.param({"articles": [{"id": "a"}, {"id": "b", "text": "x"}]}, id="no-text"),
    pytest.param({"articles": "a.txt"}, id="not-a-list"),
    pytest.param({"articles": [{"id": "a", "text": "x"}, {"id": ["b"], "text": "y"}]}, id="bad-id"),
])
def test_compare_json_refuses_what_is_not_articles(client: TestClient, body: dict[str, Any]) -> None:
    response = secure(client.post("/compare", json=body))
    assert response.status_code == 422
    doc = response.json()
    assert doc["ok"] is False and doc["status"] == 422 and doc["details"]


def test_compare_json_refuses_invalid_json(client: TestClient) -> None:
    response = client.post("/compare", content=b'{"articles": [', headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["status"] == 422


def test_compare_form_with_uploads_renders_the_report(client: TestClient) -> None:
    response = secure(client.post("/compare/form", files=[
        ("file", ("a.txt", A.encode("utf-8"), "text/plain")), ("file", ("b.txt", B.encode("utf-8"), "text/plain"))]))
    assert response.status_code == 200, response.text
    parsed = StoryPage(is_html(response))
    assert {c.article: c.text for c in parsed.columns} == {"a": A, "b": B}
    conflicts = [f for f in parsed.findings if "status-conflict" in f["class"]]
    assert conflicts
    marked = {m["text"] for c in parsed.columns for m in c.marks if "ev-conflict" in m["class"]}
    assert {"38-day", "39-day"} <= marked


def test_compare_form_with_pasted_text_and_a_jsonl_upload(client: TestClient) -> None:
    jsonl = json.dumps({"id": "wire", "text": B, "outlet": "Wire <i>Service</i>"}) + "\n"
    response = client.post("/compare/form", data={"text": [A.replace("\n", "\r\n"), ""], "title": ["Pasted", ""],
                                                  "outlet": ["", ""], "published": ["2018-10-05", ""]},
                           files=[("file", ("feed.jsonl", jsonl.encode("utf-8"), "application/json"))],
                           headers={"accept": "application/json"})
    assert response.status_code == 200, response.text
    doc = response.json()
    check_report(doc, {"a": A, "wire": B})  # pasted CRLF line ends are read as \n
    assert {a["id"]: (a["title"], a["published"], a["outlet"]) for a in doc["articles"]} == {
        "a": ("Pasted", "2018-10-05", None), "wire": (None, None, "Wire <i>Service</i>")}


def test_compare_form_reports_a_bad_upload_and_compares_the_rest(client: TestClient) -> None:
    response = client.post("/compare/form", data={"text": [A, B]},
                           files=[("file", ("../../etc/empty.txt", b"", "text/plain"))])
    assert response.status_code == 200
    assert "upload empty.txt: empty" in response.text
    assert "/tmp" not in response.text and "storydiff-upload" not in response.text


def test_compare_form_needs_two_articles(client: TestClient) -> None:
    response = secure(client.post("/compare/form", data={"text": [A, " "]}))
    assert response.status_code == 422
    page = is_html(response)
    assert "Give at least two articles" in page
    assert page.count('<textarea name="text"') == 2 and "ICE union wants Portland mayor" in page  # input kept
    response = client.post("/compare/form", data={"text": [A]}, headers={"accept": "application/json"})
    assert response.status_code == 422 and "at least two" in response.json()["error"]


def test_compare_page_and_its_json_twin(client: TestClient) -> None:
    page = is_html(secure(client.get("/compare")))
    assert page.count('<textarea name="text"') == 2
    assert 'action="/compare/form"' in page and 'enctype="multipart/form-data"' in page
    assert client.get("/compare?n=4").text.count('<textarea name="text"') == 4
    doc = secure(client.get("/compare.json")).json()
    assert doc["post"] == "/compare" and doc["returns"] == "storydiff.report/1"
    assert (doc["compare_timeout"], doc["max_body"]) == (60, 5_000_000)


def test_compare_stores_on_request(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    client = TestClient(create_app(db))
    assert client.get("/stories.json").json()["stories"] == []
    assert "There is no store at" in client.get("/stories").text
    response = client.post("/compare", json={"store": True, "articles": [{"id": "a", "text": A},
                                                                          {"id": "b", "text": B}]})
    assert response.status_code == 200, response.text
    stored = response.json()["stored"]
    assert (stored["read"], stored["stored"], stored["skipped"]) == (2, 2, 0)
    [story] = stored["stories"]
    assert [s["id"] for s in client.get("/stories.json").json()["stories"]] == [story]
    again = client.post("/compare/form", data={"text": [A, B], "store": "on"})
    assert again.status_code == 200
    assert "Stored 0 of 2 articles" in again.text and f'href="/stories/{story}"' in again.text


# -- limits, headers, the server's defaults ---------------------------------------------------------


@pytest.fixture(scope="module")
def small(stores: Stores) -> TestClient:
    return TestClient(create_app(stores.db, max_body=2000))


def chunks(total: int) -> Iterator[bytes]:
    for _ in range(total // 500):
        yield b"x" * 500


def test_body_over_the_limit_is_413_declared_or_chunked(small: TestClient) -> None:
    big = json.dumps({"articles": [{"id": "a", "text": "x" * 3000}, {"id": "b", "text": "y"}]})
    response = secure(small.post("/compare", content=big, headers={"content-type": "application/json"}))
    assert response.status_code == 413 and response.json()["status"] == 413
    response = secure(small.post("/compare", content=chunks(5000), headers={"content-type": "application/json"}))
    assert response.status_code == 413 and response.json()["status"] == 413
    response = secure(small.post("/compare/form", data={"text": ["x" * 3000, "y"]}))
    assert response.status_code == 413 and "larger than this server accepts" in is_html(response)
    response = secure(small.post("/compare/form", content=chunks(5000),
                                 headers={"content-type": "multipart/form-data; boundary=zz"}))
    assert response.status_code == 413 and "--max-body" in is_html(response)


def test_body_under_the_limit_is_read(small: TestClient) -> None:
    response = small.post("/compare", json={"articles": [{"id": "a", "text": "x"}]})
    assert response.status_code == 422  # read and judged, not refused for size


def test_every_response_has_the_security_headers(client: TestClient, stores: Stores) -> None:
    for path in ("/", "/stories", "/stories.json", f"/stories/{stores.example}", f"/stories/{stores.example}.json",
                 "/compare", "/compare.json", "/openapi.json", "/static/app.css", "/static/app.js", "/nowhere",
                 "/stories/x.json", "/stories?sort=bad"):
        secure(client.get(path, follow_redirects=False))
    secure(client.put("/stories"))  # 405


def test_server_error_is_a_page_with_the_headers(stores: Stores) -> None:
    app = create_app(stores.db)

    def boom() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/boom", boom)
    response = secure(TestClient(app, raise_server_exceptions=False).get("/boom"))
    assert response.status_code == 500 and "Something went wrong" in is_html(response)
    assert "boom" not in response.text


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite" * 100)
    client = TestClient(create_app(db))
    response = secure(client.get("/stories"))
    assert response.status_code == 503 and "not a storydiff store" in is_html(response)
    assert client.get("/stories.json").json()["status"] == 503


def test_openapi_describes_the_json_endpoints(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert {"/stories.json", "/stories/{story_id}.json", "/compare", "/compare/form"} <= set(doc["paths"])
    body = doc["paths"]["/compare"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/CompareIn")
    assert "multipart/form-data" in doc["paths"]["/compare/form"]["post"]["requestBody"]["content"]
    assert {"413", "422", "503"} <= set(doc["paths"]["/compare"]["post"]["responses"])


def test_serve_binds_loopback_by_default_and_documents_its_options() -> None:
    import click

    command = main.commands["serve"]
    params = {p.name: p for p in command.params if isinstance(p, click.Option)}
    assert params["host"].default == "127.0.0.1"
    assert params["port"].default == 8000
    assert {"db", "host", "port", "max_body", "compare_timeout", "compare_workers", "page_workers",
            "allow_private_urls"} <= set(params)
    assert params["allow_private_urls"].is_flag and not params["allow_private_urls"].secondary_opts
    assert params["compare_timeout"].default == 60 and params["compare_workers"].default == 2
    assert params["page_workers"].default == 2


def test_serve_passes_its_options_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import storydiff.web

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(storydiff.web, "serve", lambda db, **kw: calls.append({"db": db, **kw}))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--port", "8123", "--max-body", "2MB"])
    assert result.exit_code == 0, result.output
    assert calls == [{"db": str(tmp_path / "s.db"), "host": "127.0.0.1", "port": 8123, "max_body": 2_000_000,
                      "compare_timeout": 60.0, "compare_workers": 2, "allow_private_urls": False, "page_workers": 2}]
    assert "no store at" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--max-body", "10kB"])
    assert result.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and calls[-1]["max_body"] == 10_000
    assert "warning: listening on 0.0.0.0" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--page-workers", "0"])
    assert result.exit_code == 0 and calls[-1]["page_workers"] == 0
    result = CliRunner().invoke(main, ["serve", "--max-body", "lots"])
    assert result.exit_code == 2 and "not a size" in result.stderr
    result = CliRunner().invoke(main, ["serve", "--compare-timeout", "2.5", "--compare-workers", "3"])
    assert result.exit_code == 0 and (calls[-1]["compare_timeout"], calls[-1]["compare_workers"]) == (2.5, 3)
    result = CliRunner().invoke(main, ["serve", "--allow-private-urls"])
    assert result.exit_code == 0 and calls[-1]["allow_private_urls"] is True
    assert "warning: --allow-private-urls: posted links may make this server fetch from this machine" in result.stderr
    for bad in (["--compare-timeout", "0"], ["--compare-timeout", "soon"], ["--compare-workers", "0"]):
        result = CliRunner().invoke(main, ["serve", *bad])
        assert result.exit_code == 2 and bad[0] in result.stderr, bad


def test_serve_without_the_web_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # import fastapi now raises ImportError
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert "pip install 'storydiff[web]'" in result.stderr and "fastapi" in result.stderr


def test_served_app_refuses_a_large_chunked_body(live: Any) -> None:
    """Through uvicorn, with no Content-Length: the body is cut off at the limit (1 MB here)."""
    import httpx

    def body() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 64_000

    response = httpx.post(f"{live.url}/compare", content=body(), headers={"content-type": "application/json"},
                          timeout=30)
    assert response.status_code == 413 and response.json()["status"] == 413
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    response = httpx.post(f"{live.url}/compare/form", content=b"x" * 1_500_000, timeout=30,
                          headers={"content-type": "multipart/form-data; boundary=zz"})
    assert response.status_code == 413 and "larger than this server accepts" in response.text


def test_story_pages_follow_the_store_as_it_grows(tmp_path: Path) -> None:
    """A story's page is cached, but an ingest into the store (from another connection) shows at once."""
    from storydiff.ingest import read_inputs
    from storydiff.store import Store
    from storydiff.stories import ingest

    db = tmp_path / "growing.db"
    with Store(db) as store:
        ingest(store, read_inputs([str(EXAMPLE / "a.txt")]))
    client = TestClient(create_app(db))
    [story] = client.get("/stories.json").json()["stories"]
    assert client.get(f"/stories/{story['id']}.json").json()["stories"][0]["articles"] == ["a"]
    assert client.get(f"/stories/{story['id']}.json").json()["stories"][0]["articles"] == ["a"]  # cached
    with Store(db) as store:
        ingest(store, read_inputs([str(EXAMPLE / "b.txt")]))
    doc = client.get(f"/stories/{story['id']}.json").json()  # the same id: named by its first article
    assert doc["stories"][0]["articles"] == ["a", "b"]
    conflict_38_39(doc)
    assert 'data-article="b"' in client.get(f"/stories/{story['id']}").text


@pytest.mark.parametrize("suffix", ["", ".json", ".csv"])
def test_a_page_the_client_holds_is_answered_304_until_the_store_changes(tmp_path: Path, suffix: str) -> None:
    from storydiff.ingest import read_inputs
    from storydiff.store import Store
    from storydiff.stories import ingest

    db = tmp_path / "etag.db"
    with Store(db) as store:
        ingest(store, read_inputs([str(EXAMPLE / "a.txt")]))
    client = TestClient(create_app(db))
    [story] = client.get("/stories.json").json()["stories"]
    page = f"/stories/{story['id']}{suffix}"
    etags = {}
    for path in (page, f"/stories{suffix if suffix != '.csv' else ''}?sort=conflicts"):
        first = secure(client.get(path))
        etag = etags[path] = first.headers["etag"]
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = secure(client.get(path))  # answered from the page kept
        assert (again.status_code, again.content, again.headers["etag"]) == (200, first.content, etag)
        assert again.headers["content-type"] == first.headers["content-type"]
        held = secure(client.get(path, headers={"If-None-Match": f'"other", W/{etag}'}))
        assert (held.status_code, held.content, held.headers["etag"]) == (304, b"", etag)
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    with Store(db) as store:
        ingest(store, read_inputs([str(EXAMPLE / "b.txt")]))
    changed = client.get(page, headers={"If-None-Match": etags[page]})
    assert changed.status_code == 200 and changed.headers["etag"] != etags[page]
    assert ('"b"' if suffix == ".json" else ",b," if suffix == ".csv" else 'data-article="b"') in changed.text
