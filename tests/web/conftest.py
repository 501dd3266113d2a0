"""Fixtures for the web app: one store holding the example pair and a story made of hostile text,
an in-process client, and the app served by uvicorn on a free loopback port (for browsers)."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storydiff.ingest import read_inputs
from storydiff.model import Article
from storydiff.store import Store
from storydiff.stories import ingest
from storydiff.web import create_app
from tests.conftest import EXAMPLE

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SIDE_EFFECT = "<img src=x onerror=\"window.pwned=1\">"
XSS_TITLE = f"Harbor warehouse fire {SCRIPT} {IMG}"
XSS_A = (
    f"Fire crews fought a blaze at the Harbor Street warehouse on Friday {SCRIPT}. "
    f"Fire Chief Dana Ruiz said 14 crews were sent to the warehouse {IMG}.\n\n"
    f"\u201cWe got every worker out of the Harbor Street warehouse {SIDE_EFFECT} in time,\u201d Ruiz said.\n"
)
XSS_B = (
    f"A fire gutted the Harbor Street warehouse on Friday. Fire Chief Dana Ruiz said 16 crews fought "
    f"the blaze at the warehouse {SCRIPT}.\n\n"
    f"\u201cWe got every worker out of the Harbor Street warehouse {IMG} in time,\u201d Ruiz told reporters.\n"
)


@dataclass(frozen=True)
class Stores:
    db: Path
    example: str  # story id of the example pair
    xss: str  # story id of the hostile story
    texts: dict[str, str]


def xss_articles() -> list[Article]:
    outlet = f"<b>Evil</b> Times {SCRIPT}"
    return [Article(id="x1", text=XSS_A, title=XSS_TITLE, outlet=outlet, url="javascript:alert(3)"),
            Article(id="x2", text=XSS_B, title=f"Second {IMG}", outlet=outlet, url="https://example.org/x2",
                    published=dt.date(2018, 7, 26))]  # dated: the timeline puts it before the undated x1


@pytest.fixture(scope="session")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Stores:
    db = tmp_path_factory.mktemp("web") / "web.db"
    with Store(db) as store:
        result = ingest(store, read_inputs([str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]))
        assert result.stored == 2, result.problems
        assert ingest(store, xss_articles()).stored == 2
        of = store.story_of()
    assert of["a"] == of["b"] and of["x1"] == of["x2"] and of["a"] != of["x1"], of
    texts = {a: (EXAMPLE / f"{a}.txt").read_text(encoding="utf-8") for a in ("a", "b")}
    texts.update({a.id: a.text for a in xss_articles()})
    return Stores(db, of["a"], of["x1"], texts)


@pytest.fixture(scope="session")
def client(stores: Stores) -> TestClient:
    return TestClient(create_app(stores.db))


@dataclass(frozen=True)
class LiveServer:
    url: str
    stores: Stores


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@contextmanager
def run_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def live(stores: Stores, nlp: Any) -> Iterator[LiveServer]:
    """The app over the shared store, served for real as ``storydiff serve`` serves it, its pages
    made in a page worker (the model is loaded first, so the first comparison does not wait for it)."""
    with run_server(create_app(stores.db, max_body=1_000_000, page_workers=1)) as url:
        yield LiveServer(url, stores)
