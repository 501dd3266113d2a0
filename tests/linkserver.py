"""A local web server for the link tests: ``http.server`` on 127.0.0.1, port 0, in a thread.

Each path is a route (a function writing the answer); the server records every request it saw
(path, Host header, User-Agent, arrival time), and how much of a long body it got out before the
client stopped reading.
"""

from __future__ import annotations

import gzip
import html
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

Route = Callable[["Handler"], None]


@dataclass(frozen=True)
class Seen:
    path: str
    host: str
    agent: str
    at: float


@dataclass
class LinkServer:
    routes: dict[str, Route]
    seen: list[Seen] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)  # bytes of a long body written before the client left
    finished: dict[str, bool] = field(default_factory=dict)
    port: int = 0

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "linkserver"
    site: LinkServer

    def do_GET(self) -> None:  # noqa: N802 -- http.server's name
        self.site.seen.append(Seen(self.path, self.headers.get("Host", ""), self.headers.get("User-Agent", ""),
                                   time.monotonic()))
        route = self.site.routes.get(self.path.split("?")[0])
        if route is None:
            self.answer(404, "text/html", b"<html><body><p>Nothing here.</p></body></html>")
        else:
            route(self)

    def answer(self, status: int, content_type: str | None, body: bytes, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.answer(status, "text/html", b"", Location=location)

    def endless(self, content_type: str, chunk: bytes, total: int, *, pause: float = 0.0) -> None:
        """Write ``total`` bytes of ``chunk`` after headers with no length (the body ends when the
        connection closes); record how many got out."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        sent = 0
        self.site.finished[self.path] = False
        try:
            while sent < total:
                self.wfile.write(chunk)
                sent += len(chunk)
                self.site.sent[self.path] = sent
                if pause:
                    time.sleep(pause)
        except OSError:  # the client stopped reading and closed the connection
            return
        self.site.finished[self.path] = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- http.server's name
        pass


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[LinkServer]:
    site = LinkServer(routes)
    handler = type("SiteHandler", (Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def article_page(title: str, paragraphs: list[str], *, site_name: str | None = None,
                 published: str | None = None) -> bytes:
    """A simple article page: the title, then the paragraphs in an ``<article>``."""
    head = f"<title>{html.escape(title)}</title>"
    if site_name:
        head += f'<meta property="og:site_name" content="{html.escape(site_name)}">'
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def text_page(path: Path) -> bytes:
    """A ``.txt`` article as a simple page: its first line the title, its blank-line-separated
    paragraphs (the first line among them) the article's paragraphs, each as it is in the file."""
    text = path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return article_page(paragraphs[0], paragraphs)


def static(body: bytes, content_type: str = "text/html; charset=utf-8") -> Route:
    """A route answering ``body``."""
    return lambda h: h.answer(200, content_type, body)


def example_pages(folder: Path) -> dict[str, Route]:
    """A pair's ``a.txt`` and ``b.txt`` as simple pages at ``/2018/a.html`` and ``/2018/b.html``."""
    return {f"/2018/{name}.html": static(text_page(folder / f"{name}.txt")) for name in ("a", "b")}


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9)
