"""The web app through FastAPI's TestClient, with hostile bodies, forms, paths and stored articles:
never a 5xx but 503 (with the JSON error shape), JSON strict, every mention pointing into the texts
posted, and no page holding markup that came from input."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from hypothesis import given
from hypothesis import strategies as st

from storydiff.store import Store
from storydiff.web import create_app
from tests.fuzz.files import RAW_JSON, input_files, json_records, mutated
from tests.fuzz.harness import check_page, check_report_document, fuzz, strict_json, writable
from tests.fuzz.strategies import Draft, article_texts, field_texts, noise, story_drafts
from tests.fuzz.test_store import example_store
from tests.web.pagecheck import StoryPage


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[TestClient, Path]]:
    """The app over a store holding the example pair; it grows as the properties store articles.
    One comparison worker, stopped at 10 s: a slower comparison must be a 503, within the fuzz
    suite's own time bound."""
    with tempfile.TemporaryDirectory(prefix="storydiff-fuzz-web-") as folder:
        db = Path(folder) / "web.db"
        db.write_bytes(example_store())
        app = create_app(db, max_body=2_000_000, compare_timeout=10, compare_workers=1)
        with TestClient(app) as client:  # as a context: the app's shutdown stops its worker
            yield client, db


def check_response(response: Response) -> Any:
    """What every answer must be: no server error but 503, an error in the one JSON shape, a page
    without markup from input, strict JSON. Returns the JSON document (None for a page)."""
    status = response.status_code
    assert status < 500 or status == 503, (status, response.text[:2000])
    kind = response.headers.get("content-type", "")
    if kind.startswith("text/html"):
        check_page(response.text)
        return None
    if kind.startswith("application/json"):
        doc = strict_json(response.content)
        if status >= 400:
            assert doc["ok"] is False and doc["status"] == status and isinstance(doc["error"], str), doc
        return doc
    assert status in (303, 307, 404) or response.request.url.path.startswith("/static/"), (status, kind)
    return None


def posted_texts(body: bytes, doc: dict[str, Any]) -> dict[str, str]:
    """The texts of the articles posted, by the id the report gives each (in the order posted)."""
    posted = json.loads(body)["articles"]
    return {a["id"]: p["text"] for a, p in zip(doc["articles"], posted, strict=True)}


def draft_record(draft: Draft) -> dict[str, Any]:
    fields = dict(draft.fields)
    fields["published"] = str(fields["published"]) if fields["published"] else None
    return {**fields.pop("meta"), **{k: v for k, v in fields.items() if v is not None}}


@st.composite
def compare_bodies(draw: st.DrawFn) -> bytes:
    """A POST /compare body: generated articles as JSON, hand-written records, or raw hostile JSON,
    now and then broken."""
    kind = draw(st.sampled_from(("drafts", "records", "raw")))
    if kind == "drafts":
        records = [draft_record(d) for d in draw(story_drafts(min_size=1, max_size=3))]
        text = json.dumps({"articles": records, "store": False}, ensure_ascii=draw(st.booleans()),
                          default=str)
    elif kind == "records":
        text = '{"articles": [' + ", ".join(draw(st.lists(json_records(), min_size=1, max_size=3))) + "]}"
    else:
        text = '{"articles": ' + draw(st.sampled_from(RAW_JSON)) + ', "store": ' + draw(
            st.sampled_from(RAW_JSON + ('"yes"', "1", "false"))) + "}"
    return draw(mutated(text.encode("utf-8", "surrogatepass")))


@given(body=compare_bodies(), content_type=st.sampled_from(("application/json", "text/plain", "",
                                                            "application/json; charset=latin-1")))
@fuzz(weight=2)
def test_compare_answers_any_body(served: tuple[TestClient, Path], body: bytes, content_type: str) -> None:
    client, _ = served
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/compare", content=body, headers=headers)
    doc = check_response(response)
    if response.status_code == 200:
        check_report_document(doc, posted_texts(body, doc))


def multipart(parts: Sequence[tuple[str, str | None, bytes]], boundary: str) -> bytes:
    out = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if filename is not None:
            head += "Content-Type: application/octet-stream\r\n"
        out.append(head.encode("utf-8", "surrogatepass") + b"\r\n" + data + b"\r\n")
    return b"".join(out) + f"--{boundary}--\r\n".encode()


@st.composite
def form_parts(draw: st.DrawFn) -> list[tuple[str, str | None, bytes]]:
    field = st.tuples(st.sampled_from(("text", "text", "title", "outlet", "published", "store", "links", "other")),
                      st.none(), st.one_of(article_texts(4), field_texts()).map(
                          lambda t: t.encode("utf-8", "surrogatepass")))
    upload = st.builds(lambda f, name: ("file", name if name is not None else f.name, f.data), input_files(),
                       st.none() | noise(12))
    return draw(st.lists(st.one_of(field, upload), max_size=6))


@given(parts=form_parts(), accept=st.sampled_from(("text/html", "application/json", "*/*")),
       boundary=st.sampled_from(("fuzzboundary", "x", "--", "a b")), data=st.data())
@fuzz(weight=1)
def test_compare_form_answers_any_post(served: tuple[TestClient, Path], parts: list[tuple[str, str | None, bytes]],
                                       accept: str, boundary: str, data: st.DataObject) -> None:
    client, _ = served
    parts = [p for p in parts if not (p[0] == "store" and p[2] == b"on")]  # storing: see the property below
    body = data.draw(mutated(multipart(parts, boundary)))
    response = client.post("/compare/form", content=body, headers={
        "content-type": f"multipart/form-data; boundary={boundary}", "accept": accept})
    check_response(response)


def escaped(text: str, safe: str = "") -> str:
    """``text`` %-escaped as UTF-8; a lone surrogate goes as the bytes no decoder takes."""
    return quote(text.encode("utf-8", "surrogatepass"), safe=safe)


@given(path=st.one_of(
    st.builds(lambda s, twin: f"/stories/{escaped(s)}{twin}", field_texts(), st.sampled_from(("", ".json"))),
    st.builds(lambda q, sort: f"/stories?q={escaped(q)}&sort={escaped(sort)}", field_texts(),
              st.sampled_from(("recent", "conflicts", "articles", "random", ""))),
    st.builds(lambda q: f"/stories.json?q={escaped(q)}", field_texts()),
    st.builds(lambda n: f"/compare?n={escaped(n)}", st.sampled_from(("2", "50", "51", "-1", "1e9", "")) | noise(5)),
    st.builds(lambda p: "/" + escaped(p, safe="/"), field_texts()),
))
@fuzz(weight=3)
def test_any_path_is_answered(served: tuple[TestClient, Path], path: str) -> None:
    client, _ = served
    check_response(client.get(path))


@given(drafts=story_drafts(min_size=2, max_size=3))
@fuzz(weight=0.5)
def test_stored_articles_have_exact_and_inert_pages(served: tuple[TestClient, Path], drafts: list[Draft]) -> None:
    client, db = served
    body = json.dumps({"articles": [draft_record(d) for d in drafts], "store": True}, default=str)
    response = client.post("/compare", content=body, headers={"content-type": "application/json"})
    doc = check_response(response)
    if response.status_code != 200:
        return
    check_report_document(doc, posted_texts(body.encode(), doc))
    for story_id in doc["stored"]["stories"]:
        twin = check_response(client.get(f"/stories/{quote(story_id, safe='')}.json"))
        with Store(db, readonly=True) as store:
            texts = {a["id"]: store.article(a["id"]).text for a in twin["articles"]}  # type: ignore[union-attr]
        check_report_document(twin, texts)
        page = client.get(f"/stories/{quote(story_id, safe='')}")
        check_response(page)
        columns = StoryPage(page.text).columns
        assert {c.article: c.text for c in columns} == {i: writable(t) for i, t in texts.items()}
