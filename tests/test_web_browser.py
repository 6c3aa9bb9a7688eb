"""End to end in headless Chromium (Debian's chromium, driven by Playwright).

A real uvicorn server on 127.0.0.1 and a free port; the browser types a query, sees the
results, opens an article and sees its figure table. Screenshots go to tests/artifacts/.
Without Chromium the test fails with the fix (``make test`` installs it), unless
PARTYTEXT_SKIP_BROWSER=1.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from web_archive import SCRIPT_TITLE, web_archive_path

from partytext.web import bind_socket, create_app

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    if os.environ.get("PARTYTEXT_SKIP_BROWSER") == "1":
        pytest.skip("PARTYTEXT_SKIP_BROWSER=1: the browser test is skipped on request")
    found = next((p for p in CHROMIUM_PATHS if Path(p).exists()), None) or shutil.which("chromium")
    if not found:
        pytest.fail("Chromium is not installed: run `make test` (it installs Debian's chromium through "
                    "scripts/setup_test_env.sh) or `sudo apt-get install chromium`; "
                    "set PARTYTEXT_SKIP_BROWSER=1 to skip this test")
    return found


@contextmanager
def live_server(app):
    """Serve ``app`` with uvicorn on 127.0.0.1 and a free port; yields the base URL."""
    import uvicorn

    sock = bind_socket("127.0.0.1", 0)
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.archive.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db, ids = web_archive_path(tmp_path_factory)
    with live_server(create_app(db)) as base:
        yield base, ids


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
    p = context.new_page()
    p.set_default_timeout(20_000)
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.dialogs = dialogs
    # nothing may leave the machine: any request off 127.0.0.1 fails the test
    outside: list[str] = []
    p.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                                   else (outside.append(route.request.url), route.abort())))
    p.outside = outside
    yield p
    context.close()


def test_search_open_article_see_figures(server, page):
    base, ids = server
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(base + "/")
    page.fill("#q", "dang vien")
    page.press("#q", "Enter")
    page.wait_for_selector("#hits li.hit")
    assert "2" in page.inner_text("#total")
    titles = page.locator("#hits li.hit h2 a").all_inner_texts()
    assert SCRIPT_TITLE in titles  # the title's <script> shows as text
    assert page.locator("#hits mark").count() >= 2
    assert page.locator("#trend svg rect").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "web_search.png"), full_page=True)

    page.click(f"#hits a[href^='/articles/{ids['script']}']")
    page.wait_for_selector("table#figures tbody tr")
    assert page.inner_text("h1#title") == SCRIPT_TITLE
    rows = page.locator("table#figures tbody tr")
    assert rows.count() == 4
    assert "5.000" in page.inner_text("table#figures")
    assert page.locator("#text .ann-figure").count() == 3  # one figure is in the title
    page.screenshot(path=str(ARTIFACTS / "web_article.png"), full_page=True)

    assert page.dialogs == []  # no injected script ran
    assert page.outside == []


def test_figures_table_sorts_on_click(server, page):
    base, _ = server
    page.goto(base + "/figures")
    page.wait_for_selector("#figure-table tbody tr")
    page.click("#figure-table th:nth-child(3)")
    values = [float(v) for v in page.locator("#figure-table tbody td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)")]
    assert values == sorted(values) and len(values) > 5
    page.click("#figure-table th:nth-child(3)")
    again = [float(v) for v in page.locator("#figure-table tbody td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)")]
    assert again == sorted(values, reverse=True)
    page.screenshot(path=str(ARTIFACTS / "web_figures.png"), full_page=True)
    assert page.dialogs == [] and page.outside == []


def test_reflected_query_does_not_run(server, page):
    base, _ = server
    page.goto(base + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    page.wait_for_selector("#error")
    assert page.input_value("#q") == "<script>alert(1)</script>"
    assert page.dialogs == []
