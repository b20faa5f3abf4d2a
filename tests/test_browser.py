"""Every page of the built book, opened in headless Chromium: no third-party request, no console
error, alt text on every image, nothing wider than a phone's screen."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root, headless, on a machine whose network is closed: no sandbox, no background traffic.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = REPO / "_build" / "screenshots"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def pages(html: Path) -> list[str]:
    return sorted(
        str(p.relative_to(html)) for p in html.rglob("*.html") if "_static" not in p.parts
    )


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_book))
    handler.log_message = lambda *args: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def visit(browser, url: str, viewport: dict):
    """Open a page in a fresh context; return it with its requests and console errors."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return context, page, requests, errors


def test_no_page_requests_a_third_party_or_logs_a_console_error(browser, server, built_book):
    report = {}
    for name in pages(built_book):
        context, page, requests, errors = visit(browser, f"{server}/{name}", DESKTOP)
        foreign = [u for u in requests if not u.startswith((server, "data:", "blob:"))]
        if foreign or errors:
            report[name] = {"third-party": foreign, "console errors": errors}
        context.close()
    assert report == {}


def test_every_image_has_alt_text_in_the_browser(browser, server, built_book):
    for name in pages(built_book):
        context, page, _, _ = visit(browser, f"{server}/{name}", DESKTOP)
        missing = page.eval_on_selector_all(
            "main img", "imgs => imgs.filter(i => !i.alt || i.alt.length < 30).map(i => i.src)"
        )
        assert missing == [], name
        context.close()


def test_pages_fit_a_phone_screen_and_are_captured_at_both_widths(browser, server, built_book):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name in pages(built_book):
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context, page, _, _ = visit(browser, f"{server}/{name}", viewport)
            shot = SCREENSHOTS / f"{name.replace('/', '_').removesuffix('.html')}-{label}.png"
            page.screenshot(path=str(shot), full_page=False)
            if label == "phone":
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    too_wide[name] = overflow
            context.close()
    assert too_wide == {}
