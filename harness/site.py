"""The book as a build and a reader's browser see it: its sources copied and built strictly, then
served on loopback, opened in headless Chromium and weighed as a gzip-serving static host would
send it. Used by the tests and by `make bench`; not part of the `sahel` package."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What a copy of the book leaves out: environments, builds and caches.
NOT_SOURCES = shutil.ignore_patterns(
    ".venv",
    "_build",
    ".git",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    "node_modules",
    ".ipynb_checkpoints",
    "*.egg-info",
)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root, headless, on a machine whose network is closed: no sandbox, no background traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# What a static host compresses; images and fonts travel as they are.
COMPRESSED = {".html", ".css", ".js", ".svg", ".json", ".txt", ".map", ".ico"}


def copy_sources(source: Path, target: Path) -> Path:
    """A copy of the book's sources (no environment, build or history) at `target`."""
    shutil.copytree(source, target, ignore=NOT_SOURCES)
    return target


# The strict build that `make book` runs: a fresh Sphinx environment, warnings as errors.
BUILD = ["build", "--all", "-W", "-n", "--keep-going"]


def build(root: Path) -> subprocess.CompletedProcess:
    """The strict build of the book at `root`."""
    return subprocess.run(
        [Path(sys.executable).parent / "jupyter-book", *BUILD, str(root)],
        capture_output=True,
        text=True,
        cwd=root,
    )


def pages(html: Path) -> list[str]:
    """Every HTML page of a built book, relative to its root."""
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if "_static" not in p.parts and "_sources" not in p.parts
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(html: Path) -> Iterator[str]:
    """Serve a built book on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium() -> Iterator:
    """Debian's Chromium, headless, driven by Playwright (which downloads no browser of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def local_file(html: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = html / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def transferred(path: Path) -> int:
    """Bytes a gzip-serving host sends for a file."""
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


def weigh(browser, base: str, html: Path, page: str, viewport=None) -> dict:
    """Open a page in a fresh browser context (an empty cache: a first visit) and weigh it."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(f"{base}/{page}", wait_until="networkidle")
    files = {f for u in dict.fromkeys(requests) if (f := local_file(html, base, u)) and f.is_file()}
    own = [f for f in files if f.suffix == ".html" or "_images" in f.parts]
    context.close()
    return {
        "first_visit": sum(transferred(f) for f in files),
        "own_uncompressed": sum(f.stat().st_size for f in own),
        "requests": len(requests),
    }
