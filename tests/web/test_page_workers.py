"""The store's pages made in page worker processes (``serve --page-workers``): the same bytes as
pages made in the server's threads, errors answered the same way, workers started with the app,
replaced when one dies, and stopped with it."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from storydiff.web import create_app
from tests.web.conftest import Stores


@pytest.fixture(scope="module")
def in_workers(stores: Stores) -> Iterator[TestClient]:
    with TestClient(create_app(stores.db, page_workers=1)) as client:  # the lifespan starts the worker
        yield client


def urls(stores: Stores) -> list[str]:
    return ["/stories", "/stories.json", "/stories?q=harbor&sort=conflicts", "/stories.json?q=nothing-matches",
            *(f"/stories/{story}{suffix}" for story in (stores.example, stores.xss)
              for suffix in ("", ".json", ".csv", "/timeline.json"))]


def test_pages_made_in_a_worker_are_the_pages_made_in_threads(stores: Stores, in_workers: TestClient,
                                                               client: TestClient) -> None:
    for url in urls(stores):
        here, there = client.get(url), in_workers.get(url)
        assert (there.status_code, there.headers["content-type"]) == (200, here.headers["content-type"]), url
        assert there.headers.get("content-disposition") == here.headers.get("content-disposition"), url
        assert there.content == here.content, url
    page = in_workers.get(f"/stories/{stores.xss}").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("url, status", [("/stories/s-nope", 404), ("/stories/s-nope.json", 404),
                                          ("/stories/s-nope.csv", 404), ("/stories/s-nope/timeline.json", 404)])
def test_a_missing_story_is_the_same_error_from_a_worker(stores: Stores, in_workers: TestClient, client: TestClient,
                                                         url: str, status: int) -> None:
    here, there = client.get(url), in_workers.get(url)
    assert there.status_code == here.status_code == status
    assert there.headers["content-type"] == here.headers["content-type"]
    assert there.content == here.content and "There is no story" in there.text and "s-nope" in there.text


def test_a_worker_that_dies_is_replaced_and_the_page_is_still_made(stores: Stores, in_workers: TestClient) -> None:
    makers = in_workers.app.state.config.makers  # type: ignore[attr-defined]
    [pid] = makers.pids()
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    response = in_workers.get(f"/stories/{stores.example}?fresh=1")  # not kept yet: a worker must make it
    assert response.status_code == 200 and "Oregonian" in response.text
    assert len(makers.pids()) == 1 and makers.pids() != [pid]


def test_page_workers_start_with_the_app_and_stop_with_it(stores: Stores) -> None:
    app = create_app(stores.db, page_workers=2)
    makers = app.state.config.makers
    assert makers.pids() == []  # nothing before the app starts
    with TestClient(app) as client:
        pids = makers.pids()
        assert len(pids) == 2  # started and warm before the first request
        assert client.get(f"/stories/{stores.example}").status_code == 200
    assert makers.pids() == []
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: no process left behind


def test_without_page_workers_pages_are_made_in_threads(stores: Stores, client: TestClient) -> None:
    assert client.app.state.config.makers is None  # type: ignore[attr-defined]
    assert client.get(f"/stories/{stores.example}").status_code == 200
