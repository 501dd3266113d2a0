"""Remake the README's screenshot: a story page with a conflict selected, from the running app.

The example pair is ingested into a fresh store, ``storydiff serve`` is started on a free loopback
port, and Debian's Chromium (driven by Playwright; nothing is downloaded) opens the story, clicks
its first conflict and saves the window as ``docs/story-page.png``.

``python scripts/screenshot.py [--out PATH] [--width 1400 --height 900]``
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "occupy-ice"
CLI = Path(sys.executable).with_name("storydiff")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def wait_ready(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            raise SystemExit(f"screenshot: `storydiff serve` exited with {server.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("screenshot: the server did not answer in time")
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "story-page.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"screenshot: {CHROMIUM} is missing; apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="storydiff-screenshot-") as tmp:
        db = Path(tmp) / "example.db"
        subprocess.run([str(CLI), "ingest", "--db", str(db), str(EXAMPLE / "a.txt"), str(EXAMPLE / "b.txt")],
                       check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([str(CLI), "serve", "--db", str(db), "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(f"{base}/stories.json", server)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                page.goto(f"{base}/stories")
                page.locator("a[href^='/stories/s-']").first.click()
                conflict = page.locator("li.finding.status-conflict").first
                conflict.locator("button.select").click()
                page.wait_for_selector("mark.selected")
                page.evaluate("window.scrollTo(0, 0)")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"screenshot: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
