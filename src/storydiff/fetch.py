"""Fetch links — inputs that start with ``http://`` or ``https://`` — and read them as articles.

A page is read as an ``.html`` file is: trafilatura finds its text, title, date and outlet; the
article's ``url`` is where the page was found (after redirects), its ``source`` the link as given,
its ``id`` a readable stem of the URL's path (:func:`link_stem`). A feed (an RSS or Atom content
type, or a body that starts like one) gives its entries as an ``.rss`` file does.

Every fetch is bounded (:class:`FetchLimits`):

- a connect timeout, and a total time bound for the whole fetch, redirects and body included: each
  name lookup, connection, TLS handshake, read and write gets only the time left (httpx has no
  total timeout of its own, so the fetcher's connections carry the deadline);
- at most ``max_redirects`` redirects, followed here so that each hop is checked: http and https
  only, and, with an address check, every address the hop's host resolves to;
- the body: reading stops past ``max_bytes`` (compressed bodies are decompressed in bounded steps),
  and a declared length past it is refused before reading;
- HTML and feeds only, by Content-Type;
- requests to one host at least ``host_interval`` seconds apart, over the fetcher's life.

**The address check** is the web app's guard against fetching into private networks on someone
else's behalf (:func:`public_address`). The fetcher resolves each host name itself, checks every
address the name resolves to (one that fails refuses the link), and connects to a checked address,
never resolving the name again: a DNS answer that changes between the check and the connection
(DNS rebinding) cannot slip a private address in. TLS is still verified against the host name.
Proxy settings from the environment are never used: a proxy would resolve names itself.

Every failure is an :class:`~storydiff.errors.InputError` naming the link, one line, saying what
to do; an address the check refuses is its subclass :class:`~storydiff.errors.LinkRefused`.
"""

from __future__ import annotations

import contextvars
import hashlib
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote

import httpcore
import httpx

from storydiff.articles import (
    HTML_BYTES_PER_CHAR,
    IngestOptions,
    decode_body,
    html_article,
    human_size,
    is_link,
    looks_like_feed,
    media_type,
)
from storydiff.errors import ArticleTooLarge, InputError, LinkRefused, one_line
from storydiff.model import Article, Problem

__all__ = ["AddressCheck", "FetchLimits", "Fetcher", "Page", "link_stem", "page_articles", "public_address",
           "user_agent"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress, int], "str | None"]
"""Whether a connection may go to an address and port: None when it may, else why not ("a
loopback address"). Tests give their own to tell one local server from another."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                        "application/feed+xml", "application/xml", "text/xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 65_536
_STEMS_TOO_VAGUE = frozenset({"", "index", "default", "article", "story", "news", "amp", "print", "view", "content"})
_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cms", ".xml", ".rss", ".atom")

# The deadline of the fetch running in this thread (a monotonic time), which its connections obey.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("storydiff_fetch_deadline", default=None)


@dataclass(frozen=True)
class FetchLimits:
    """The bounds of one fetch, and the spacing between requests to one host (seconds)."""

    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    host_interval: float = 1.0


@dataclass(frozen=True)
class Page:
    """A fetched page or feed: ``link`` as given, ``url`` where it was found, its body (bounded)."""

    link: str
    url: str
    content_type: str
    kind: Literal["html", "feed"]
    body: bytes


def user_agent() -> str:
    """The User-Agent of every request: storydiff and its version."""
    from storydiff import __version__

    return f"storydiff/{__version__} (news article comparison; +https://pypi.org/project/storydiff/)"


def public_address(address: IPAddress, port: int) -> str | None:
    """The web app's check: None for a public address; else what the address is. Loopback, private,
    link-local, multicast, reserved, unspecified and other non-global addresses (shared address space,
    documentation ranges) are refused, IPv4 addresses written as IPv6 alike (``::ffff:127.0.0.1``, and
    6to4's ``2002:7f00:1::``)."""
    if isinstance(address, ipaddress.IPv6Address):
        address = address.ipv4_mapped or address.sixtofour or address
    for kind, found in (("a loopback", address.is_loopback), ("an unspecified", address.is_unspecified),
                        ("a link-local", address.is_link_local), ("a multicast", address.is_multicast),
                        ("a reserved", address.is_reserved), ("a private", address.is_private),
                        ("a non-public", not address.is_global)):
        if found:
            return f"{kind} address"
    return None


def link_stem(url: str) -> str:
    """A readable id for a page's article: the last telling segment of the URL's path, without its
    suffix (``…/2018/10/ice-union-wheeler.html`` → ``ice-union-wheeler``); the host and a short hash
    of the URL when the path says nothing (``/``, ``/index.html``, ``/article?id=7``)."""
    parsed = httpx.URL(url)
    for segment in reversed([unquote(s) for s in parsed.path.split("/")]):
        stem = segment
        for suffix in _SUFFIXES:
            stem = stem.removesuffix(suffix)
        if stem.lower() not in _STEMS_TOO_VAGUE and not stem.isdigit():
            return one_line(stem)
    host = parsed.host or "link"
    if parsed.path.strip("/") or parsed.query:
        return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"
    return host


def page_articles(page: Page, options: IngestOptions) -> Iterator[Article | Problem]:
    """The article of a fetched page, or an article (or problem) for each entry of a fetched feed.
    Raises :class:`InputError` naming the link when a page holds no article or a feed no entry."""
    if page.kind == "feed":
        from storydiff import sources  # imported here: only feeds need feedparser

        yield from sources.feed_articles(page.body, page.link, options)
    else:
        yield html_article(decode_body(page.body, page.content_type), page.link, link_stem(page.url), options,
                           url=page.url)


class Fetcher:
    """Fetches links, each within ``limits``; one per run, so that requests to one host are spaced.
    ``check``, when given, refuses connections to the addresses it refuses (see :func:`public_address`).

    For ingest: ``known(link)`` says the store holds the link's article already (it is then not
    fetched, and listed in :attr:`skipped`); ``remember(urls, article)`` is told the link and final
    URL of each page's article read. ``progress(1)`` is called after each link. Thread-safe; use as a
    context manager, or :meth:`close` it."""

    def __init__(self, limits: FetchLimits = FetchLimits(), *, check: AddressCheck | None = None,
                 known: Callable[[str], bool] | None = None,
                 remember: Callable[[Sequence[str], Article], None] | None = None,
                 progress: Callable[[int], None] | None = None) -> None:
        self.limits = limits
        self.known = known
        self.remember = remember
        self.progress = progress
        self.skipped: list[str] = []
        self._spacing = _HostSpacing(limits.host_interval)
        # The transport itself, not an httpx.Client: a client builds the next request of a redirect even
        # when told not to follow it, and fails on a Location it cannot build (javascript:…) before this
        # fetcher could name it.
        self._transport = _PinnedTransport(_CheckedBackend(check))
        self._headers = {"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate",
                         "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                                   "application/xml;q=0.9,*/*;q=0.1"}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    def articles(self, link: str, options: IngestOptions) -> Iterator[Article | Problem]:
        """The articles of one link (see :func:`page_articles`); raises InputError naming it."""
        try:
            if self.known is not None and self.known(link):
                self.skipped.append(link)
                return
            page = self.download(link, options.max_chars * HTML_BYTES_PER_CHAR)
        finally:
            if self.progress is not None:
                self.progress(1)
        for item in page_articles(page, options):
            if self.remember is not None and page.kind == "html" and isinstance(item, Article):
                self.remember(list(dict.fromkeys((page.link, page.url))), item)
            yield item

    def download(self, link: str, max_bytes: int, *, deadline: float | None = None) -> Page:
        """The page or feed at ``link``, at most ``max_bytes`` long, fetched by ``deadline`` (a
        :func:`time.monotonic` time) if it comes before the limits' own. Raises InputError naming the link."""
        end = time.monotonic() + self.limits.total_timeout
        if deadline is not None:
            end = min(end, deadline)
        token = _DEADLINE.set(end)
        try:
            return self._follow(link, max_bytes, end, end - time.monotonic())
        finally:
            _DEADLINE.reset(token)

    def _follow(self, link: str, max_bytes: int, end: float, bound: float) -> Page:
        url = _checked_link(link)
        for hop in range(self.limits.max_redirects + 1):
            where = "" if hop == 0 else f"redirected to {one_line(url)}: "
            try:
                response = self._send(url, end)
            except _Refused as exc:
                resolved = "is" if exc.host.strip("[]") == str(exc.address) else f"resolves to {exc.address},"
                raise LinkRefused(link, f"{where}{exc.host} {resolved} {exc.reason}: not fetched, this server "
                                        "fetches only from public addresses") from None
            except (_Unresolved, httpx.HTTPError, _TimeUp) as exc:
                raise InputError(link, where + self._failure(exc, end, bound)) from None
            try:
                if response.status_code in REDIRECTS and "location" in response.headers:
                    url = _redirect_target(link, url, response.headers["location"])
                    continue
                return self._page(link, url, response, max_bytes, end, where)
            except (httpx.HTTPError, _TimeUp) as exc:
                raise InputError(link, where + self._failure(exc, end, bound)) from None
            finally:
                response.close()
        raise InputError(link, f"more than {self.limits.max_redirects} redirects (the last to {one_line(url)}); "
                               "open the link in a browser and give the address it ends at")

    def _send(self, url: str, end: float) -> httpx.Response:
        """One request, in its host's turn, with the time left; the response's body still unread."""
        host = (httpx.URL(url).host or "").lower()
        wait = self._spacing.turn(host)
        if time.monotonic() + wait >= end:
            raise _TimeUp()
        time.sleep(wait)
        left = end - time.monotonic()
        timeout = httpx.Timeout(left, connect=min(self.limits.connect_timeout, left))
        request = httpx.Request("GET", url, headers=self._headers, extensions={"timeout": timeout.as_dict()})
        response = self._transport.handle_request(request)
        response.request = request
        return response

    def _page(self, link: str, url: str, response: httpx.Response, max_bytes: int, end: float, where: str) -> Page:
        status = response.status_code
        if status != 200:
            raise InputError(link, where + _status_reason(status, response.reason_phrase))
        content_type = response.headers.get("content-type", "")
        kind = media_type(content_type)
        if kind and kind not in HTML_TYPES | FEED_TYPES:
            raise InputError(link, f"{where}the server sent {one_line(kind[:80])}, not an HTML page or a feed; give "
                                   "the link of the article's own page (or of an RSS or Atom feed)")
        body = _bounded_body(link, response, max_bytes, end, where)
        head = body[:4000].decode("utf-8", "replace")
        if kind in FEED_TYPES or looks_like_feed(head):
            if not looks_like_feed(head):
                raise InputError(link, f"{where}the server sent XML that is not an RSS or Atom feed; give the link "
                                       "of a page or a feed")
            return Page(link, url, content_type, "feed", body)
        return Page(link, url, content_type, "html", body)

    def _failure(self, exc: Exception, end: float, bound: float) -> str:
        """The reason, for people, that a request failed; ``bound`` is the time the fetch was given."""
        if isinstance(exc, _TimeUp | httpx.TimeoutException) and time.monotonic() >= end - 0.05:
            return (f"no complete answer within {max(bound, 0):.3g} s (the time a link may take); try again later, "
                    "or save the page from a browser and give the .html file")
        if isinstance(exc, httpx.ConnectTimeout):
            return (f"could not connect within {self.limits.connect_timeout:g} s; check the link, or try again "
                    "later")
        if isinstance(exc, httpx.TimeoutException):
            return "the server stopped answering; try again later"
        if isinstance(exc, _Unresolved):
            return f"host {exc.host} not found ({exc.reason}); check the link"
        if isinstance(exc, httpx.ConnectError):
            return f"could not connect ({one_line(str(exc))[:200]}); check the link, or try again later"
        if isinstance(exc, httpx.DecodingError):
            return f"the body could not be decompressed ({one_line(str(exc))[:200]}); try again later"
        return f"could not be fetched ({type(exc).__name__}: {one_line(str(exc))[:200]}); try again later"


# -- one hop ------------------------------------------------------------------------------------


def _checked_link(link: str) -> str:
    """The link, once it is an http(s) URL with a host; InputError otherwise."""
    try:
        url = httpx.URL(link)
        host = url.host  # decoded here: IDNA's errors too
    except (httpx.InvalidURL, UnicodeError) as exc:  # UnicodeError: a host IDNA cannot encode, a lone surrogate
        raise InputError(link, f"not a valid link ({one_line(str(exc))[:200]}); check it") from None
    if url.scheme not in ("http", "https") or not host:
        raise InputError(link, "not a web link; give an http:// or https:// address")
    return str(url)


def _redirect_target(link: str, url: str, location: str) -> str:
    try:
        target = httpx.URL(url).join(location)
        target.host  # noqa: B018 -- decoded here: IDNA's errors too
    except (httpx.InvalidURL, UnicodeError) as exc:
        raise InputError(link, f"redirected to an invalid address ({one_line(str(exc))}); open the link in a "
                               "browser and give the address it ends at") from None
    if target.scheme not in ("http", "https") or not is_link(str(target)):
        raise InputError(link, f"redirected to a {one_line(target.scheme[:20]) or 'relative'}: address "
                               f"({one_line(str(target))[:200]}); only http and https links are fetched")
    return str(target)


def _status_reason(status: int, phrase: str) -> str:
    said = f"the server answered {status} {one_line(phrase[:80])}".rstrip()
    if status == 404 or status == 410:
        return f"{said}: no page there; check the link"
    if status in (401, 403):
        return f"{said}: it does not let storydiff read the page; save it from a browser and give the .html file"
    if status == 429:
        return f"{said}: too many requests; try again later"
    if status >= 500:
        return f"{said}: a server error; try again later"
    if status >= 400:
        return f"{said}; check the link"
    return f"{said}, not a page; check the link"


def _bounded_body(link: str, response: httpx.Response, max_bytes: int, end: float, where: str) -> bytes:
    """The body, decompressed; ArticleTooLarge as soon as it passes ``max_bytes`` (never held whole)."""
    too_large = ArticleTooLarge(link, (
        f"{where}the page is over {human_size(max_bytes)}, too big for an article within the limit of "
        f"{max_bytes // HTML_BYTES_PER_CHAR:,} characters (--max-chars); raise --max-chars to read it"))
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    declared = response.headers.get("content-length", "")
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
        raise too_large
    decoder = _decoder(link, encoding, where)
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_raw(_CHUNK):
        data = raw if decoder is None else _decompressed(decoder, raw, max_bytes - size + 1)
        size += len(data)
        if size > max_bytes:
            raise too_large
        chunks.append(data)
        if time.monotonic() >= end:
            raise _TimeUp()
    if decoder is not None:
        rest = decoder.flush()
        if size + len(rest) > max_bytes:
            raise too_large
        chunks.append(rest)
    return b"".join(chunks)


def _decoder(link: str, encoding: str, where: str) -> Any:
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise InputError(link, f"{where}the server sent the page {one_line(encoding[:40])}-compressed, which storydiff "
                           "does not read; save the page from a browser and give the .html file")


def _decompressed(decoder: Any, raw: bytes, limit: int) -> bytes:
    """At most ``limit`` bytes decompressed from ``raw`` (a compressed bomb stops there)."""
    try:
        return bytes(decoder.decompress(raw, limit))
    except zlib.error as exc:
        raise httpx.DecodingError(str(exc)) from None


# -- spacing ------------------------------------------------------------------------------------


class _HostSpacing:
    """Turns for requests to each host, ``interval`` seconds apart (thread-safe)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def turn(self, host: str) -> float:
        """Seconds to wait before this request to ``host``; its turn is booked."""
        with self._lock:
            now = time.monotonic()
            if len(self._next) > 10_000:  # a long-running server: forget the hosts whose turn is past
                self._next = {h: t for h, t in self._next.items() if t > now}
            at = max(now, self._next.get(host, now))
            self._next[host] = at + self.interval
            return at - now


# -- connections: resolved, checked and pinned here; every wait within the deadline ----------------


class _Refused(Exception):
    def __init__(self, host: str, address: IPAddress, reason: str) -> None:
        super().__init__(f"{host} resolves to {address}, {reason}")
        self.host, self.address, self.reason = host, address, reason


class _Unresolved(Exception):
    def __init__(self, host: str, reason: str) -> None:
        super().__init__(f"{host}: {reason}")
        self.host, self.reason = host, reason


class _TimeUp(Exception):
    """The fetch's deadline passed."""


def _time_left(timeout: float | None, error: type[Exception]) -> float | None:
    """``timeout``, cut to what is left of this thread's fetch deadline; ``error`` when nothing is."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("the fetch's time is up")
    return left if timeout is None else min(timeout, left)


class _CheckedBackend(httpcore.SyncBackend):
    """httpcore's network backend, resolving names itself: every address checked, then a checked
    address connected to (the name is never resolved twice)."""

    def __init__(self, check: AddressCheck | None) -> None:
        self.check = check

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        addresses = _resolve(host, port, _time_left(timeout, httpcore.ConnectTimeout))
        if self.check is not None:
            for address in addresses:
                if (reason := self.check(address, port)) is not None:
                    raise _Refused(host, address, reason)
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(str(address), port, _time_left(timeout, httpcore.ConnectTimeout),
                                             local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:  # the next address may answer
                failure = exc
                continue
            return _DeadlineStream(stream)
        assert failure is not None
        raise failure


def _resolve(host: str, port: int, timeout: float | None) -> list[IPAddress]:
    """The addresses ``host`` resolves to (an address is itself), in the resolver's order; the lookup
    runs in a thread so that it is bounded by ``timeout``."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    found: list[IPAddress] = []
    failed: list[str] = []

    def lookup() -> None:
        try:
            for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
                address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
                if address not in found:
                    found.append(address)
        except (OSError, UnicodeError, ValueError) as exc:
            failed.append(getattr(exc, "strerror", None) or str(exc))

    thread = threading.Thread(target=lookup, name="storydiff-resolve", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():  # the thread ends when the system resolver gives up
        raise _Unresolved(host, f"no answer from DNS within {timeout:g} s")
    if failed or not found:
        raise _Unresolved(host, failed[0] if failed else "no address")
    return found


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait is cut to the deadline of the fetch using it."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _time_left(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with connections made by ``backend``. httpx takes no network backend, so the
    connection pool it made (``_pool`` in httpx 0.28, pinned in pyproject.toml) is replaced by one
    that uses it; the rest — requests, responses, httpcore's errors mapped to httpx's — is httpx's."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                             max_connections=20, max_keepalive_connections=10, keepalive_expiry=5.0,
                                             network_backend=backend)
