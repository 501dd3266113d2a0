"""Links as inputs (storydiff.fetch), against a real HTTP server on 127.0.0.1 started by the tests.

Each outcome of a fetch is asserted exactly: a page read as an article, redirects (five followed,
a sixth refused, none to another scheme), a 404, a response past the time bound, a body past the
size bound (stopped, not read whole), a body that is neither HTML nor a feed, a feed, the spacing
of requests to one host, and the address check that keeps the web app out of private networks.
The command-line tests then compare, analyse and ingest links as the other inputs are.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storydiff import __version__
from storydiff.articles import IngestOptions
from storydiff.cli import main
from storydiff.errors import ArticleTooLarge, InputError, LinkRefused
from storydiff.fetch import Fetcher, FetchLimits, Page, link_stem, page_articles, public_address
from storydiff.ingest import load_articles
from tests.conftest import EXAMPLE
from tests.linkserver import Handler, LinkServer, article_page, example_pages, gzipped, serve

FAST = FetchLimits(connect_timeout=2, total_timeout=5, host_interval=0)
PARAGRAPHS = ["Heavy rain flooded the Millbrook river on Monday, and 120 residents were evacuated, "
              "Mayor Dana Whitfield said.",
              "\u201cWe will reopen the bridge as soon as engineers tell us it is safe,\u201d Whitfield said."]
PAGE = article_page("Flood closes Millbrook bridge", PARAGRAPHS, site_name="Millbrook Gazette",
                    published="2024-03-04")
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Millbrook Gazette</title>
<item><title>Flood closes bridge</title><link>https://gazette.example/flood</link><guid>flood-1</guid>
<description>Heavy rain flooded the Millbrook river on Monday, and 120 residents were evacuated.</description></item>
<item><title>Bridge reopens</title><link>https://gazette.example/reopen</link><guid>reopen-2</guid>
<description>The Millbrook bridge reopened on Friday after engineers said it was safe.</description></item>
</channel></rss>"""


def page(h: Handler) -> None:
    h.answer(200, "text/html; charset=utf-8", PAGE)


def chain(n: int) -> Any:
    """A redirect that takes ``n`` hops to reach the page."""
    return lambda h: h.redirect(f"/r{n - 1}" if n > 1 else "/news/flood-closes-bridge.html")


def slow(h: Handler) -> None:
    time.sleep(3)
    h.answer(200, "text/html", PAGE)


ROUTES: dict[str, Any] = {
    "/news/flood-closes-bridge.html": page,
    **{f"/r{n}": chain(n) for n in range(1, 8)},
    "/relative": lambda h: h.redirect("news/flood-closes-bridge.html", 301),
    "/to-ftp": lambda h: h.redirect("ftp://files.example/flood.html"),
    "/to-javascript": lambda h: h.redirect("javascript:alert(1)"),
    "/gone": lambda h: h.answer(410, "text/html", b"<p>gone</p>"),
    "/broken": lambda h: h.answer(503, "text/html", b"<p>down</p>"),
    "/slow": slow,
    "/drip": lambda h: h.endless("text/html", b"<p>a</p>", 1_000, pause=0.05),
    "/huge": lambda h: h.endless("text/html", b"<p>" + b"flood " * 10_000 + b"</p>", 200_000_000),
    "/huge-declared": lambda h: h.answer(200, "text/html", b"<p>" + b"flood " * 5_000 + b"</p>"),
    "/bomb": lambda h: h.answer(200, "text/html", gzipped(b"<p>" + b"flood " * 20_000_000), Content_Encoding="gzip"),
    "/gzip-page": lambda h: h.answer(200, "text/html", gzipped(PAGE), Content_Encoding="gzip"),
    "/image.png": lambda h: h.answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    "/report.pdf": lambda h: h.answer(200, "application/pdf", b"%PDF-1.4 " + bytes(200)),
    "/feed": lambda h: h.answer(200, "application/rss+xml", RSS),
    "/feed-as-html": lambda h: h.answer(200, "text/html", RSS),
    "/note.xml": lambda h: h.answer(200, "application/xml", b"<?xml version='1.0'?><note>hi</note>"),
    "/menu": lambda h: h.answer(200, "text/html", b"<html><body><nav>Home News Sport</nav></body></html>"),
}


@pytest.fixture(scope="module")
def site() -> Iterator[LinkServer]:
    with serve(ROUTES) as server:
        yield server


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FAST) as f:
        yield f


def read(fetcher: Fetcher, link: str, max_chars: int = 1_000_000) -> list[Any]:
    return list(fetcher.articles(link, IngestOptions(max_chars=max_chars)))


def failure(fetcher: Fetcher, link: str, max_chars: int = 1_000_000) -> InputError:
    with pytest.raises(InputError) as caught:
        read(fetcher, link, max_chars)
    return caught.value


# -- one link -----------------------------------------------------------------------------------


def test_a_page_is_read_as_an_html_file_is(site: LinkServer, fetcher: Fetcher) -> None:
    link = site.url("/news/flood-closes-bridge.html")
    [article] = read(fetcher, link)
    assert article.text == "\n".join(PARAGRAPHS)
    assert (article.id, article.title, article.outlet, article.url, article.source) == (
        "flood-closes-bridge", "Flood closes Millbrook bridge", "Millbrook Gazette", link, link)
    assert article.published.isoformat() == "2024-03-04"
    assert site.seen[-1].agent == f"storydiff/{__version__} (news article comparison; +https://pypi.org/project/storydiff/)"


def test_a_gzipped_page_is_decompressed(site: LinkServer, fetcher: Fetcher) -> None:
    [article] = read(fetcher, site.url("/gzip-page"))
    assert article.text == "\n".join(PARAGRAPHS)


def test_five_redirects_are_followed_and_the_article_is_where_they_end(site: LinkServer, fetcher: Fetcher) -> None:
    before = len(site.seen)
    [article] = read(fetcher, site.url("/r5"))
    assert site.paths()[before:] == ["/r5", "/r4", "/r3", "/r2", "/r1", "/news/flood-closes-bridge.html"]
    assert (article.url, article.source, article.id) == (
        site.url("/news/flood-closes-bridge.html"), site.url("/r5"), "flood-closes-bridge")
    [relative] = read(fetcher, site.url("/relative"))
    assert relative.url == site.url("/news/flood-closes-bridge.html")


def test_a_sixth_redirect_is_refused(site: LinkServer, fetcher: Fetcher) -> None:
    before = len(site.seen)
    error = failure(fetcher, site.url("/r6"))
    assert str(error) == (f"{site.url('/r6')}: more than 5 redirects (the last to "
                          f"{site.url('/news/flood-closes-bridge.html')}); open the link in a browser and give the "
                          "address it ends at")
    assert site.paths()[before:] == ["/r6", "/r5", "/r4", "/r3", "/r2", "/r1"]  # the sixth target is not asked


@pytest.mark.parametrize(("path", "scheme", "target"), [
    ("/to-ftp", "ftp", "ftp://files.example/flood.html"),
    ("/to-javascript", "javascript", "javascript:alert(1)"),
])
def test_a_redirect_to_another_scheme_is_refused(site: LinkServer, fetcher: Fetcher, path: str, scheme: str,
                                                 target: str) -> None:
    error = failure(fetcher, site.url(path))
    assert str(error) == (f"{site.url(path)}: redirected to a {scheme}: address ({target}); only http and https "
                          "links are fetched")


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "the server answered 404 Not Found: no page there; check the link"),
    ("/gone", "the server answered 410 Gone: no page there; check the link"),
    ("/broken", "the server answered 503 Service Unavailable: a server error; try again later"),
])
def test_an_error_status_is_one_line_naming_the_link(site: LinkServer, fetcher: Fetcher, path: str,
                                                     reason: str) -> None:
    assert str(failure(fetcher, site.url(path))) == f"{site.url(path)}: {reason}"


def test_a_404_after_a_redirect_says_where(site: LinkServer, fetcher: Fetcher) -> None:
    with serve({"/moved": lambda h: h.redirect("/missing")}) as other:
        assert str(failure(fetcher, other.url("/moved"))) == (
            f"{other.url('/moved')}: redirected to {other.url('/missing')}: the server answered 404 Not Found: "
            "no page there; check the link")


@pytest.mark.parametrize("path", ["/slow", "/drip"])
def test_a_slow_answer_stops_at_the_total_bound(site: LinkServer, path: str) -> None:
    """/slow sends nothing for 3 s; /drip sends a few bytes every 0.05 s for 50 s, so no single read
    times out: both stop at the 0.5 s bound of the whole fetch."""
    with Fetcher(FetchLimits(connect_timeout=2, total_timeout=0.5, host_interval=0)) as fetcher:
        started = time.monotonic()
        error = failure(fetcher, site.url(path))
        took = time.monotonic() - started
    assert str(error) == (f"{site.url(path)}: no complete answer within 0.5 s (the time a link may take); try again "
                          "later, or save the page from a browser and give the .html file")
    assert 0.45 <= took < 1.0


def test_a_huge_body_is_stopped_at_the_bound_not_read_whole(site: LinkServer, fetcher: Fetcher) -> None:
    """A page of 200 MB with no declared length: reading stops past 10 bytes a character of
    --max-chars (here 100,000 characters: 1 MB), and the server cannot send the rest."""
    error = failure(fetcher, site.url("/huge"), max_chars=100_000)
    assert isinstance(error, ArticleTooLarge)
    assert str(error) == (f"{site.url('/huge')}: the page is over 1.0 MB, too big for an article within the limit of "
                          "100,000 characters (--max-chars); raise --max-chars to read it")
    time.sleep(0.3)  # the server's blocked write fails once the client has closed the connection
    assert site.finished["/huge"] is False
    assert site.sent["/huge"] < 20_000_000  # what the socket buffers took, not the 200 MB


def test_a_declared_length_past_the_bound_is_refused_unread(site: LinkServer, fetcher: Fetcher) -> None:
    error = failure(fetcher, site.url("/huge-declared"), max_chars=1_000)
    assert str(error) == (f"{site.url('/huge-declared')}: the page is over 10.0 kB, too big for an article within "
                          "the limit of 1,000 characters (--max-chars); raise --max-chars to read it")


def test_a_compressed_bomb_is_stopped_at_the_bound(site: LinkServer, fetcher: Fetcher) -> None:
    """120 MB of HTML gzipped to about 120 kB: decompressed only up to the 1 MB bound."""
    error = failure(fetcher, site.url("/bomb"), max_chars=100_000)
    assert isinstance(error, ArticleTooLarge) and "the page is over 1.0 MB" in str(error)


@pytest.mark.parametrize(("path", "kind"), [("/image.png", "image/png"), ("/report.pdf", "application/pdf")])
def test_a_body_that_is_not_html_or_a_feed_is_refused(site: LinkServer, fetcher: Fetcher, path: str,
                                                      kind: str) -> None:
    assert str(failure(fetcher, site.url(path))) == (
        f"{site.url(path)}: the server sent {kind}, not an HTML page or a feed; give the link of the article's own "
        "page (or of an RSS or Atom feed)")


def test_xml_that_is_not_a_feed_is_refused(site: LinkServer, fetcher: Fetcher) -> None:
    assert str(failure(fetcher, site.url("/note.xml"))) == (
        f"{site.url('/note.xml')}: the server sent XML that is not an RSS or Atom feed; give the link of a page or "
        "a feed")


def test_a_page_with_no_article_is_refused(site: LinkServer, fetcher: Fetcher) -> None:
    assert str(failure(fetcher, site.url("/menu"))) == (
        f"{site.url('/menu')}: no article text found in the HTML; save the article's own page, or its text as a "
        ".txt file")


@pytest.mark.parametrize("path", ["/feed", "/feed-as-html"])
def test_a_feed_gives_its_entries(site: LinkServer, fetcher: Fetcher, path: str) -> None:
    """By its content type, or sniffed when a server calls it HTML."""
    articles = read(fetcher, site.url(path))
    assert [(a.id, a.title, a.outlet, a.url, a.source) for a in articles] == [
        ("flood-1", "Flood closes bridge", "Millbrook Gazette", "https://gazette.example/flood",
         f"{site.url(path)}[0]"),
        ("reopen-2", "Bridge reopens", "Millbrook Gazette", "https://gazette.example/reopen",
         f"{site.url(path)}[1]")]
    assert articles[1].text == "The Millbrook bridge reopened on Friday after engineers said it was safe."


def test_connection_refused_and_unknown_host_are_one_line(fetcher: Fetcher) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    link = f"http://127.0.0.1:{port}/a"
    assert str(failure(fetcher, link)) == (f"{link}: could not connect ([Errno 111] Connection refused); check the "
                                           "link, or try again later")
    assert str(failure(fetcher, "http://no-such-host.invalid/a")) == (
        "http://no-such-host.invalid/a: host no-such-host.invalid not found (Name or service not known); check "
        "the link")


@pytest.mark.parametrize(("link", "reason"), [
    ("http://xn--/", "not a valid link (Malformed A-label, no Punycode eligible content found); check it"),
    ("http://exa\ud800mple/", "not a valid link (Invalid IDNA hostname: 'exa\\ud800mple'); check it"),
    ("\ud800", "not a valid link ('utf-8' codec can't encode character '\\ud800' in position 0: surrogates not "
                "allowed); check it"),
    ("http://[::1", "not a valid link (Invalid port: ':1'); check it"),
    ("https://", "not a web link; give an http:// or https:// address"),
])
def test_a_link_that_is_not_a_valid_address_is_one_line(fetcher: Fetcher, link: str, reason: str) -> None:
    error = failure(fetcher, link)
    assert (error.source, error.reason) == (link.replace("\ud800", "\\ud800"), reason)


def test_requests_to_one_host_are_spaced(site: LinkServer) -> None:
    """Three fetches from 127.0.0.1 at least 0.3 s apart; one from localhost (another host) in between
    does not wait for them."""
    with Fetcher(FetchLimits(host_interval=0.3)) as fetcher:
        before = len(site.seen)
        for _ in range(2):
            read(fetcher, site.url("/news/flood-closes-bridge.html"))
        started = time.monotonic()
        read(fetcher, site.url("/news/flood-closes-bridge.html", host="localhost"))
        assert time.monotonic() - started < 0.25
        read(fetcher, site.url("/news/flood-closes-bridge.html"))
    seen = site.seen[before:]
    local = [s.at for s in seen if s.host.startswith("127.0.0.1")]
    assert len(local) == 3 and [s.host.split(":")[0] for s in seen] == ["127.0.0.1", "127.0.0.1", "localhost",
                                                                        "127.0.0.1"]
    assert all(b - a >= 0.29 for a, b in zip(local, local[1:], strict=False)), local


def test_progress_is_told_of_every_link(site: LinkServer) -> None:
    steps: list[int] = []
    with Fetcher(FAST, progress=steps.append) as fetcher:
        articles, problems = load_articles([site.url("/r1"), site.url("/missing"), site.url("/feed")],
                                           fetcher=fetcher)
    assert steps == [1, 1, 1]
    assert [a.id for a in articles] == ["flood-closes-bridge", "flood-1", "reopen-2"]
    assert [p.source for p in problems] == [site.url("/missing")]


@pytest.mark.parametrize(("url", "stem"), [
    ("https://news.example/2018/10/05/ice-union-wheeler.html", "ice-union-wheeler"),
    ("https://news.example/politics/ice-union-wheeler/", "ice-union-wheeler"),
    ("https://news.example/politics/ice-union/index.html", "ice-union"),
    ("https://news.example/", "news.example"),
    ("https://news.example/caf%C3%A9-opens.html", "caf\u00e9-opens"),
])
def test_link_stems_are_readable_ids(url: str, stem: str) -> None:
    assert link_stem(url) == stem


def test_a_path_that_says_nothing_gives_the_host_and_a_hash() -> None:
    """/story/12345 and /article?id=7 name no article: their ids are the host and 8 hex digits of the URL."""
    stems = [link_stem(u) for u in ("https://news.example/story/12345", "https://news.example/story/12346",
                                    "https://news.example/article?id=7")]
    assert all(s.startswith("news.example-") and len(s) == len("news.example-") + 8 for s in stems)
    assert len(set(stems)) == 3


def test_page_articles_read_a_page_fetched_before() -> None:
    fetched = Page("https://a.example/x", "https://a.example/news/flood.html", "text/html", "html", PAGE)
    [article] = page_articles(fetched, IngestOptions())
    assert (article.id, article.source, article.url) == ("flood", "https://a.example/x",
                                                         "https://a.example/news/flood.html")


# -- the address check -------------------------------------------------------------------------


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "a loopback address"), ("::1", "a loopback address"), ("::ffff:127.0.0.1", "a loopback address"),
    ("2002:7f00:1::", "a loopback address"), ("2002:a01:203::1", "a private address"),
    ("64:ff9b::7f00:1", "a reserved address"),
    ("10.1.2.3", "a private address"), ("192.168.0.1", "a private address"), ("172.16.5.4", "a private address"),
    ("fc00::1", "a private address"), ("169.254.169.254", "a link-local address"), ("fe80::1", "a link-local address"),
    ("224.0.0.1", "a multicast address"), ("ff02::1", "a multicast address"), ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"), ("240.0.0.1", "a reserved address"), ("100.64.0.1", "a non-public address"),
    ("192.0.2.10", "a private address"), ("93.184.216.34", None), ("2606:4700:4700::1111", None),
])
def test_public_address_refuses_every_address_that_is_not_public(address: str, kind: str | None) -> None:
    assert public_address(ipaddress.ip_address(address), 80) == kind


def test_the_check_refuses_loopback_by_address_and_by_name(site: LinkServer) -> None:
    with Fetcher(FAST, check=public_address) as fetcher:
        before = len(site.seen)
        for host, says in (("127.0.0.1", "127.0.0.1 is"), ("localhost", "localhost resolves to 127.0.0.1,")):
            error = failure(fetcher, site.url("/news/flood-closes-bridge.html", host=host))
            assert isinstance(error, LinkRefused)
            assert str(error) == (f"{site.url('/news/flood-closes-bridge.html', host=host)}: {says} a loopback "
                                  "address: not fetched, this server fetches only from public addresses")
        assert len(site.seen) == before  # no request was made


def test_a_redirect_to_a_refused_address_is_refused(site: LinkServer) -> None:
    """The check allows the first server (its port) and refuses the other, where the first redirects."""
    with serve({"/inside": page}) as inside, serve({"/out": lambda h: h.redirect(inside.url("/inside"))}) as outside:
        allowed = outside.port
        with Fetcher(FAST, check=lambda a, port: None if port == allowed else "a private address (test)") as fetcher:
            error = failure(fetcher, outside.url("/out"))
        assert isinstance(error, LinkRefused)
        assert str(error) == (f"{outside.url('/out')}: redirected to {inside.url('/inside')}: 127.0.0.1 is a private "
                              "address (test): not fetched, this server fetches only from public addresses")
        assert outside.paths() == ["/out"] and inside.paths() == []


def test_a_name_is_resolved_once_and_the_checked_address_connected_to(site: LinkServer,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the first answer for rebind.test is 127.0.0.1 (allowed here), every later one
    127.0.0.2 (refused). The page is fetched from 127.0.0.1, and the name looked up once."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        return real("127.0.0.1" if len(lookups) == 1 else "127.0.0.2", port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    def check(address: Any, port: int) -> str | None:
        return None if str(address) == "127.0.0.1" else "a private address (test)"

    with Fetcher(FAST, check=check) as fetcher:
        [article] = read(fetcher, site.url("/news/flood-closes-bridge.html", host="rebind.test"))
    assert article.text == "\n".join(PARAGRAPHS) and lookups == ["rebind.test"]
    assert site.seen[-1].host == f"rebind.test:{site.port}"


# -- the command line ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair() -> Iterator[LinkServer]:
    """The example pair served as simple pages (see tests.linkserver.text_page)."""
    with serve(example_pages(EXAMPLE)) as server:
        yield server


def findings(doc: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each finding's kind, status, subject and mentions (article, value, evidence text with its
    whitespace folded: trafilatura writes a no-break space as a space), sorted."""
    out = []
    for story in doc["stories"]:
        for f in story["findings"]:
            mentions = tuple(sorted((m["article"], json.dumps(m.get("value"), sort_keys=True),
                                     " ".join(m["text"].split())) for m in f["mentions"]))
            out.append((f["kind"], f["status"], f.get("subject"), mentions))
    return sorted(out)


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_compare_links_gives_the_findings_of_the_files(pair: LinkServer, nlp: Any) -> None:
    links = [pair.url("/2018/a.html"), pair.url("/2018/b.html")]
    files = [str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")]
    by_link = run("compare", *links, "--format", "json")
    by_file = run("compare", *files, "--format", "json")
    assert by_link.exit_code == 0 and by_file.exit_code == 0, by_link.stderr
    linked, filed = json.loads(by_link.stdout), json.loads(by_file.stdout)
    assert [(a["id"], a["url"]) for a in linked["articles"]] == [("a", links[0]), ("b", links[1])]
    assert findings(linked) == findings(filed)
    assert len(findings(linked)) > 20


def test_compare_a_link_and_a_file(pair: LinkServer, nlp: Any) -> None:
    result = run("compare", pair.url("/2018/a.html"), str(EXAMPLE / "b.txt"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["articles"]] == ["a", "b"]
    conflicts = {(f["kind"], tuple(m["text"] for m in f["mentions"])) for s in doc["stories"] for f in s["findings"]
                 if f["status"] == "conflict"}
    assert ("quantity", ("38-day", "39-day")) in conflicts


def test_a_failing_link_is_one_line_and_the_file_is_compared(pair: LinkServer, nlp: Any) -> None:
    link = pair.url("/2018/c.html")
    result = run("compare", link, str(EXAMPLE / "b.txt"), "--format", "json")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "note:" not in line] == [
        f"storydiff: {link}: the server answered 404 Not Found: no page there; check the link"]
    doc = json.loads(result.stdout)
    assert [a["id"] for a in doc["articles"]] == ["b"]
    assert doc["problems"] == [{"source": link, "message": f"{link}: the server answered 404 Not Found: no page "
                                                           "there; check the link"}]


def test_analyze_a_link(pair: LinkServer, nlp: Any) -> None:
    result = run("analyze", pair.url("/2018/a.html"))
    assert result.exit_code == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert article["id"] == "a"
    assert "38-day" in {f["text"] for f in article["facts"]}


def test_ingest_a_link_twice_fetches_it_once(pair: LinkServer, nlp: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    link = pair.url("/2018/a.html")
    asked = len(pair.seen)
    first = run("ingest", "--db", db, link, str(EXAMPLE / "b.txt"))
    assert first.exit_code == 0, first.stderr
    assert "read 2 articles: 2 stored" in first.stderr
    again = run("ingest", "--db", db, link)
    assert again.exit_code == 0, again.stderr
    assert pair.paths()[asked:] == ["/2018/a.html"]  # the second ingest asked nothing
    assert again.stderr.strip().splitlines()[-1] == (
        f"storydiff: read 0 articles: 0 stored, 0 already stored, 0 problems; 1 link not fetched again, already "
        f"stored (e.g. {link}; --refetch fetches them); the store holds 2 articles in 1 stories")
    refetched = run("ingest", "--db", db, "--refetch", link)
    assert refetched.exit_code == 0, refetched.stderr
    assert pair.paths()[asked:] == ["/2018/a.html", "/2018/a.html"]
    assert "read 1 articles: 0 stored, 1 already stored, 0 problems; the store holds 2" in refetched.stderr
