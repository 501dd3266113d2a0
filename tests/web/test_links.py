"""Links posted to the web app: fetched and compared when the server may reach them, refused (4xx,
never 500) when they lead to a private address — by default, every address of the test server on
127.0.0.1 — or are redirected to one. A link that cannot be fetched is a problem of the report."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storydiff.fetch import Fetcher, FetchLimits
from storydiff.web import create_app
from tests.conftest import EXAMPLE
from tests.linkserver import LinkServer, example_pages, serve
from tests.web.conftest import Stores
from tests.web.test_app import A, B, conflict_38_39, is_html, secure

FAST = FetchLimits(connect_timeout=2, total_timeout=10, host_interval=0)


@pytest.fixture(scope="module")
def site() -> Iterator[LinkServer]:
    with serve(example_pages(EXAMPLE)) as server:
        yield server


@pytest.fixture(scope="module")
def guarded(stores: Stores) -> Iterator[TestClient]:
    """The app as `storydiff serve` makes it: links to private addresses refused."""
    with TestClient(create_app(stores.db, compare_workers=1)) as client:
        yield client


@pytest.fixture(scope="module")
def allowing(stores: Stores, nlp: Any) -> Iterator[TestClient]:
    """The app as `storydiff serve --allow-private-urls` makes it (the fetcher spacing no requests)."""
    with TestClient(create_app(stores.db, compare_workers=1, allow_private_urls=True,
                               fetcher=Fetcher(FAST))) as client:
        yield client


def test_a_link_to_a_private_address_is_refused_by_default(guarded: TestClient, site: LinkServer) -> None:
    link = site.url("/2018/a.html")
    response = secure(guarded.post("/compare", json={"urls": [link, site.url("/2018/b.html")]}))
    assert response.status_code == 422
    assert response.json() == {"ok": False, "status": 422, "error": (
        f"A link was refused: {link}: 127.0.0.1 is a loopback address: not fetched, this server fetches only from "
        "public addresses")}
    assert site.seen == []


def test_the_form_refuses_a_private_link_and_keeps_the_input(guarded: TestClient, site: LinkServer) -> None:
    link = site.url("/2018/a.html", host="localhost")
    response = secure(guarded.post("/compare/form", data={"text": [A, ""], "links": f"{link}\r\n"}))
    assert response.status_code == 422
    page = is_html(response)
    assert html.escape(f"A link was refused: {link}: localhost resolves to 127.0.0.1, a loopback address: not "
                       "fetched, this server fetches only from public addresses") in page
    assert f">{link}</textarea>" in page and "ICE union wants Portland mayor" in page
    assert site.seen == []


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(stores: Stores, site: LinkServer) -> None:
    """The check is the server's, injected: the first server's port counts as public, the page it
    redirects to (the site) as private."""
    with serve({"/story": lambda h: h.redirect(site.url("/2018/a.html", host="localhost"))}) as outside:
        allowed = outside.port
        fetcher = Fetcher(FAST, check=lambda a, port: None if port == allowed else "a private address (test)")
        with TestClient(create_app(stores.db, compare_workers=1, fetcher=fetcher)) as client:
            response = client.post("/compare", json={"articles": [{"text": B}], "urls": [outside.url("/story")]})
        assert response.status_code == 422
        assert response.json()["error"] == (
            f"A link was refused: {outside.url('/story')}: redirected to {site.url('/2018/a.html', host='localhost')}: "
            "localhost resolves to 127.0.0.1, a private address (test): not fetched, this server fetches only from "
            "public addresses")
        assert outside.paths() == ["/story"]
    assert site.seen == []


def test_links_allowed_are_fetched_and_compared(allowing: TestClient, site: LinkServer) -> None:
    links = [site.url("/2018/a.html"), site.url("/2018/b.html")]
    response = secure(allowing.post("/compare", json={"urls": links}))
    assert response.status_code == 200, response.text
    doc = response.json()
    assert [(a["id"], a["url"], a["title"][:24]) for a in doc["articles"]] == [
        ("a", links[0], "ICE union wants Portland"), ("b", links[1], "The National ICE Council")]
    assert {m["text"] for m in conflict_38_39(doc)["mentions"]} == {"38-day", "39-day"}
    assert "problems" not in doc  # listed only when there are some


def test_the_form_compares_a_link_with_a_pasted_article_and_reports_a_bad_link(allowing: TestClient,
                                                                               site: LinkServer) -> None:
    missing = site.url("/2018/c.html")
    response = allowing.post("/compare/form", data={"text": [B], "links": f"{site.url('/2018/a.html')}\n{missing}\n"
                                                                          "ftp://files.example/a.txt"})
    assert response.status_code == 200, response.text
    page = is_html(response)
    assert html.escape(f"{missing}: the server answered 404 Not Found: no page there; check the link") in page
    assert html.escape("ftp://files.example/a.txt: not a web link; give an http:// or https:// address") in page
    assert "status-conflict" in page


def test_too_many_links_are_refused(guarded: TestClient) -> None:
    links = [f"https://news.example/{i}" for i in range(11)]
    response = guarded.post("/compare", json={"urls": links})
    assert response.status_code == 422 and response.json()["details"]
    form = guarded.post("/compare/form", data={"links": "\n".join(links)}, headers={"accept": "application/json"})
    assert form.status_code == 422 and form.json()["error"] == "Give at most 10 links at once (found 11)."


def test_the_compare_page_offers_links(guarded: TestClient) -> None:
    page = is_html(guarded.get("/compare"))
    assert '<textarea name="links"' in page
    assert guarded.get("/compare.json").json()["max_links"] == 10
