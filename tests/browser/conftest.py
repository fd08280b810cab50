"""Fixtures for browser tests: the built book served on loopback, driven by Chromium.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); it cannot download its
own browser on this machine. Every test in this folder is marked ``browser``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "_build" / "html"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def book_pages() -> list[str]:
    """Every HTML page of the built book, relative to its root.

    The root ``index.html`` is left out: it is only a meta-refresh redirect to the
    landing page (``test_root_redirects_to_first_page`` covers it).
    """
    skip = {"_static", "_sources", "_images", "_downloads"}
    return sorted(
        str(p.relative_to(BOOK))
        for p in BOOK.rglob("*.html")
        if not skip & set(p.relative_to(BOOK).parts) and p != BOOK / "index.html"
    )


# JupyterLab sets an output's HTML with innerHTML (where scripts do not run) and then
# replaces every <script> with a fresh copy so that trusted scripts run.
JUPYTERLAB_LIKE = """([fragment, attachFirst]) => {
  const host = document.createElement('div');
  if (attachFirst) document.body.appendChild(host);
  host.innerHTML = fragment;
  for (const old of Array.from(host.getElementsByTagName('script'))) {
    const copy = document.createElement('script');
    for (const attr of Array.from(old.attributes)) copy.setAttribute(attr.name, attr.value);
    copy.textContent = old.textContent;
    old.parentNode.replaceChild(copy, old);
  }
  if (!attachFirst) document.body.appendChild(host);
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def book_url() -> Iterator[str]:
    """Serve ``_build/html`` on a free loopback port for the session."""
    if not (BOOK / "index.html").is_file():
        pytest.fail(f"the built book is missing at {BOOK}: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(BOOK))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@dataclass
class PageLog:
    """What a page asked the network for and complained about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def external_requests(self, base: str) -> list[str]:
        local = (base, "data:", "blob:", "about:")
        return [url for url in self.requests if not url.startswith(local)]


@pytest.fixture
def page(browser):
    """A fresh page whose requests and console errors are recorded in ``page.log``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    log = PageLog()
    pg.on("request", lambda req: log.requests.append(req.url))
    pg.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    pg.on("pageerror", lambda err: log.page_errors.append(str(err)))
    pg.log = log
    yield pg
    context.close()
