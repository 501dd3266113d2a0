"""The caches of stories and made pages: a hit only at the version an entry was made at, least
recently used dropped first, and the bytes of made pages bounded."""

from __future__ import annotations

import pytest

from storydiff.web.cache import Page, VersionedCache


def test_an_entry_counts_only_at_its_version_and_the_least_recently_used_goes_first() -> None:
    cache: VersionedCache[str] = VersionedCache(size=2)
    cache.put("a", (1,), "A")
    cache.put("b", (1,), "B")
    assert cache.get("a", (1,)) == "A" and cache.get("a", (2,)) is None
    cache.put("c", (1,), "C")  # "b" was used least recently
    assert [cache.get(k, (1,)) for k in "abc"] == ["A", None, "C"]


def test_made_pages_are_bounded_in_bytes() -> None:
    cache: VersionedCache[Page] = VersionedCache(size=100, max_bytes=10, weigh=lambda page: page.size)
    for key in "abc":
        cache.put(key, (1,), Page(b"1234", "text/plain"))
    assert [cache.get(k, (1,)) is not None for k in "abc"] == [False, True, True]  # 8 of 10 bytes held
    cache.put("b", (2,), Page(b"123456", "text/plain"))  # replacing an entry frees its bytes first: 4 + 6
    assert [cache.get(k, (1,)) is not None for k in "abc"] == [False, False, True]
    assert cache.get("b", (2,)) is not None
    cache.put("d", (1,), Page(b"1", "text/plain"))  # 11 bytes: the least recently used ("c") goes
    assert [cache.get(k, (1,)) is not None for k in "cd"] == [False, True]
    cache.put("huge", (1,), Page(b"x" * 11, "text/plain"))  # larger than the bound: not kept, nothing dropped
    assert cache.get("huge", (1,)) is None and cache.get("b", (2,)) is not None


def test_a_pages_etag_is_a_hash_of_its_body() -> None:
    assert Page(b"x", "text/html").etag == Page(b"x", "application/json").etag != Page(b"y", "text/html").etag
    assert Page(b"x", "text/html").etag.startswith('"') and Page(b"x", "text/html").etag.endswith('"')


def test_a_byte_bound_needs_a_weight() -> None:
    with pytest.raises(ValueError, match="weigh"):
        VersionedCache(max_bytes=10)


def test_a_page_being_made_is_made_once_for_every_request_waiting_on_it() -> None:
    """Requests for a page still being made wait for it; a request that goes away does not stop the
    making for the others; a failure reaches every waiter and the next request makes it again."""
    import asyncio
    import threading
    import time

    from storydiff.web.pages import _making

    made: list[str] = []
    lock = threading.Lock()

    def make(value: str) -> str:
        time.sleep(0.2)
        with lock:
            made.append(value)
        if value == "boom":
            raise RuntimeError("boom")
        return value.upper()

    async def scenario() -> None:
        making: dict[object, asyncio.Task[object]] = {}
        waiters = [asyncio.ensure_future(asyncio.shield(_making(making, "k", lambda: make("page"))))
                   for _ in range(5)]
        await asyncio.sleep(0.05)
        waiters[0].cancel()  # its reader went away
        results = await asyncio.gather(*waiters[1:])
        assert results == ["PAGE"] * 4 and made == ["page"] and making == {}
        failing = [asyncio.shield(_making(making, "f", lambda: make("boom"))) for _ in range(3)]
        outcomes = await asyncio.gather(*failing, return_exceptions=True)
        assert [str(o) for o in outcomes] == ["boom"] * 3 and made == ["page", "boom"] and making == {}
        assert await asyncio.shield(_making(making, "k", lambda: make("again"))) == "AGAIN"

    asyncio.run(scenario())
