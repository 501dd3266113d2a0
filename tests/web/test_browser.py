"""The web app in a real headless Chromium (Debian's, driven by Playwright): selecting a finding
brings its evidence into view in every article, the compare form finds the 38/39-day conflict, and
hostile article text stays text. Screenshots go to pytest's tmp_path and to test-artifacts/.

Skipped when /usr/bin/chromium is absent (`.ci/run` installs it with apt-get); never downloads a browser.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLE
from tests.web.conftest import SCRIPT, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}: the browser tests "
                                "need Debian's chromium (apt-get install chromium)")

IN_VIEW = """e => {
  const r = e.getBoundingClientRect();
  const c = e.closest('.article-text').getBoundingClientRect();
  return r.height > 0 && r.top >= c.top - 1 && r.bottom <= c.bottom + 1 && r.left >= c.left - 1
    && r.right <= c.right + 1 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0
    && r.right <= window.innerWidth;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with its dialogs, console errors and failed requests recorded."""

    def __init__(self, browser: Any, tmp_path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.tmp_path = tmp_path
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", self._failed)

    def _failed(self, request: Any) -> None:
        # A request the browser itself cancels is no failure of the page: the icon of a page the test
        # has already navigated away from (a lazy load still under way) is cancelled so. A refused,
        # blocked or broken request is one.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        path = self.tmp_path / f"{name}.png"
        self.page.screenshot(path=str(path))
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(path, ARTIFACTS / path.name)
        return path


@pytest.fixture
def watched(browser: Any, tmp_path: Path) -> Iterator[Watched]:
    w = Watched(browser, tmp_path)
    yield w
    w.page.close()


def select_and_check(w: Watched, finding: Any, articles: set[str]) -> None:
    """Click the finding; its evidence is marked selected and in view in each of ``articles``."""
    finding.locator("button.select").click()
    key = finding.get_attribute("data-f")
    assert "selected" in (finding.get_attribute("class") or "")
    for article in articles:
        column = w.page.locator(f'article[data-article="{article}"] .article-text')
        marks = column.locator(f'mark[data-f~="{key}"]')
        assert marks.count() >= 1, f"no evidence of finding {key} in {article}"
        first = marks.first
        assert "selected" in (first.get_attribute("class") or "").split()
        assert first.is_visible()
        assert first.evaluate(IN_VIEW), f"evidence of finding {key} not in view in {article}"
        header = w.page.locator(f'article[data-article="{article}"]')
        assert "has-selected" in (header.get_attribute("class") or "").split()


def test_selecting_a_conflict_brings_its_evidence_into_view(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/stories")
    page.locator(f'a[href="/stories/{live.stores.example}"]').click()
    page.wait_for_selector("li.finding.status-conflict")
    watched.shot("story")
    conflict = page.locator("li.finding.status-conflict").filter(has_text="38-day").first
    select_and_check(watched, conflict, {"a", "b"})
    assert page.locator("mark.selected").evaluate_all("ms => ms.map(m => m.textContent)") == ["38-day", "39-day"]
    watched.shot("story-conflict-selected")
    # a quote far down both articles: the columns scroll to it
    variant = page.locator("li.finding.status-variant").first
    select_and_check(watched, variant, {"a", "b"})
    scrolled = page.locator(".article-text").evaluate_all("cs => cs.map(c => c.scrollTop)")
    assert all(top > 0 for top in scrolled), scrolled
    assert page.locator("li.finding.selected").count() == 1
    assert "<ins>" not in page.locator("li.finding.selected p.diff").inner_text()
    assert page.locator("li.finding.selected p.diff ins").inner_text() == "[Trump]"
    watched.shot("story-variant-selected")
    assert page.url.endswith(f"#finding-{variant.get_attribute('data-f')}")
    assert watched.errors == [] and watched.dialogs == []


def test_clicking_evidence_selects_its_finding(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/stories/{live.stores.example}")
    page.locator('article[data-article="b"] mark', has_text="39-day").click()
    selected = page.locator("li.finding.selected")
    assert selected.count() == 1 and "status-conflict" in (selected.get_attribute("class") or "")
    # a link to the finding selects it on load
    key = selected.get_attribute("data-f")
    page.goto(f"{live.url}/stories/{live.stores.example}#finding-{key}")
    page.reload()
    assert page.locator(f'article[data-article="a"] mark.selected[data-f~="{key}"]').count() >= 1


def test_compare_pasted_articles_finds_the_38_39_day_conflict(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/compare")
    page.locator("#add-article").click()  # a third box, left empty: blank boxes are ignored
    boxes = page.locator('textarea[name="text"]')
    assert boxes.count() == 3
    boxes.nth(0).fill((EXAMPLE / "a.txt").read_text(encoding="utf-8"))
    boxes.nth(1).fill((EXAMPLE / "b.txt").read_text(encoding="utf-8"))
    page.locator('input[name="outlet"]').nth(1).fill("Portland Tribune")
    watched.shot("compare-form")
    with page.expect_navigation(timeout=120_000):
        page.locator("button.primary").click()
    assert page.url.endswith("/compare/form")
    conflict = page.locator("li.finding.status-conflict").filter(has_text="38 days").filter(has_text="39 days")
    assert conflict.count() == 1
    assert page.locator("article.article h3").all_inner_texts() == ["a", "b · Portland Tribune"]
    select_and_check(watched, conflict, {"a", "b"})
    watched.shot("compare-result")
    assert watched.errors == [] and watched.dialogs == []


def test_hostile_text_is_shown_as_text_and_never_run(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/stories?q=harbor")
    watched.shot("xss-list")
    page.goto(f"{live.url}/stories/{live.stores.xss}")
    page.wait_for_selector("li.finding")
    closed = page.locator("details:not([open]) > summary")
    while closed.count():  # open the folded sections (the timeline, facts only one article states)
        closed.first.click()
    for finding in page.locator("li.finding button.select").all():
        finding.click()
    watched.shot("xss-story")
    body = page.locator("body").inner_text()
    assert SCRIPT in body and "<img src=x onerror=alert(2)>" in body
    assert page.locator("h1").inner_text().startswith("Harbor warehouse fire <script>alert(1)</script>")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    assert page.locator("b, i, iframe").count() == 0
    assert watched.dialogs == []
    csp = [e for e in watched.errors if "Content Security Policy" in e]
    assert csp == [] and watched.errors == []


def test_the_timeline_section_orders_the_articles_and_keeps_hostile_outlets_as_text(live: LiveServer,
                                                                                       watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/stories/{live.stores.xss}")
    timeline = page.locator("details.timeline")
    assert timeline.count() == 1 and not timeline.evaluate("e => e.open")  # folded until asked for
    timeline.locator("summary").click()
    rows = timeline.locator("ol.timeline-articles > li")
    assert rows.count() == 2 and rows.first.is_visible()
    assert [rows.nth(k).get_attribute("data-article") for k in range(2)] == ["x2", "x1"]
    assert rows.first.locator(".when").inner_text() == "2018-07-26"
    assert rows.nth(1).locator(".when").inner_text() == "date unknown"
    assert rows.first.locator(".outlet").inner_text() == f"<b>Evil</b> Times {SCRIPT}"
    watched.shot("timeline")
    assert page.locator("details.timeline b, details.timeline script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined" and watched.dialogs == [] and watched.errors == []
    with page.expect_navigation():
        timeline.locator("a", has_text="Timeline as JSON").click()
    assert '"schema": "storydiff.timeline/1"' in page.content() or "storydiff.timeline/1" in page.inner_text("body")


def test_pasted_hostile_text_is_not_run(live: LiveServer, watched: Watched) -> None:
    page = watched.page
    page.goto(f"{live.url}/compare")
    payload = f"The council met on Monday {SCRIPT} and voted 5 to 2. <img src=x onerror=\"window.pwned=1\">\n"
    page.locator('textarea[name="text"]').nth(0).fill(payload)
    page.locator('textarea[name="text"]').nth(1).fill(payload.replace("5 to 2", "6 to 1"))
    page.locator('input[name="title"]').nth(0).fill(f"Council {SCRIPT}")
    with page.expect_navigation(timeout=120_000):
        page.locator("button.primary").click()
    assert SCRIPT in page.locator("body").inner_text()
    assert page.evaluate("typeof window.pwned") == "undefined" and watched.dialogs == []
    assert page.locator("img").count() == 0 and watched.errors == []
