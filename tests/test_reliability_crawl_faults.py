"""Crawl faults on a local site (127.0.0.1): 5xx, 429 with Retry-After, connection resets, a hung
response, truncated bodies, redirect loops, gzip bombs and huge pages.

Each fault is met once (the crawl must retry and store the article whole) and for good (the
crawl must skip that page with a logged reason, store every other article, and never store
a partial article). Retry waits go through an injected ``sleep`` and are recorded, not slept;
only the hung response costs real time (a 0.4 s timeout).
"""

from __future__ import annotations

import gzip
import logging
import socket
import struct
import time

import pytest

from partytext.archive import open_archive
from partytext.crawl import CrawlState, crawl
from partytext.crawl.fetch import Fetcher
from partytext.records import Record

from test_crawl_site import ARTICLES, Site

TIMEOUT = 0.4
FAULTY = "/tin/bai-3.html"
FAULTY_SLUG = "bai-3"
BOMB_SIZE = 60_000_000  # decompressed bytes; the test fetcher's cap is 2 MB


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)


@pytest.fixture()
def site():
    s = Site()
    s.server.handle_error = lambda *a: None  # resets and hangs make the server complain; keep quiet
    yield s
    s.close()


def plain_record(article):
    return Record(article=article, source=article.url)


class Waits(list):
    """An injected sleep: records each wait instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def make_fetcher(waits: Waits, **kw) -> Fetcher:
    opts = dict(delay=0, timeout=TIMEOUT, retries=3, backoff=0.5, max_bytes=2_000_000,
                allowed_hosts={"127.0.0.1"}, sleep=waits)
    opts.update(kw)
    return Fetcher(**opts)


# -- faults: each takes the handler, answers badly, and returns True --------------------------

def _empty(handler, status: int, headers: dict[str, str] | None = None) -> bool:
    handler.send_response(status)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return True


def fault_503(handler, site, gzip_bomb):
    return _empty(handler, 503)


def fault_429(handler, site, gzip_bomb):
    return _empty(handler, 429, {"Retry-After": "7"})


def fault_reset(handler, site, gzip_bomb):
    # SO_LINGER 0: close() sends a TCP RST instead of a FIN
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True
    return True


def fault_hang(handler, site, gzip_bomb):
    time.sleep(TIMEOUT * 4)
    handler.close_connection = True
    return True


def fault_truncated(handler, site, gzip_bomb):
    _, headers, body = site.server.pages[handler.path]
    handler.send_response(200)
    for k, v in headers.items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body) + 5000))  # promises more than it sends
    handler.end_headers()
    handler.wfile.write(body[: len(body) // 2])
    handler.wfile.flush()
    handler.connection.shutdown(socket.SHUT_RDWR)
    handler.close_connection = True
    return True


def fault_redirect_loop(handler, site, gzip_bomb):
    n = handler.path.count("x") + 1
    return _empty(handler, 302, {"Location": f"{FAULTY}?{'x' * n}"})


def fault_gzip_bomb(handler, site, gzip_bomb):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(len(gzip_bomb)))
    handler.end_headers()
    handler.wfile.write(gzip_bomb)
    return True


def fault_huge_unannounced(handler, site, gzip_bomb):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"<p>" + "Đảng bộ có 5 chi bộ. ".encode() * 3000 + b"</p>"
    try:
        for _ in range(60):  # ~4 MB, no Content-Length
            handler.wfile.write(chunk)
    except OSError:
        pass  # the client hung up at its cap, as it should
    handler.close_connection = True
    return True


def fault_huge_announced(handler, site, gzip_bomb):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(500_000_000))
    handler.end_headers()
    handler.close_connection = True
    return True


# Faults a retry can get past, and faults that mean the page is skipped.
TRANSIENT = {"503": fault_503, "429": fault_429, "reset": fault_reset, "hang": fault_hang,
             "truncated": fault_truncated}
PERMANENT = {**TRANSIENT, "redirect_loop": fault_redirect_loop, "gzip_bomb": fault_gzip_bomb,
             "huge_unannounced": fault_huge_unannounced, "huge_announced": fault_huge_announced}


def install(site, path: str, fault, gzip_bomb, *, times: int | None) -> list[int]:
    """Answer ``path`` (and the redirect loop's own URLs) with ``fault`` the first ``times``
    requests (every request when None); the real page after that."""
    calls: list[int] = []

    def hook(handler):
        calls.append(1)
        if times is None or len(calls) <= times:
            return fault(handler, site, gzip_bomb)
        return None

    site.server.hooks[path] = hook
    for n in range(1, 12):
        site.server.hooks[f"{path}?{'x' * n}"] = hook
    return calls


def expected_texts(base: str) -> dict[str, str]:
    return {f"{base}/tin/{slug}.html": "\n\n".join([title, lead, *body])
            for slug, title, lead, body, *_ in ARTICLES}


def stored(db) -> dict[str, str]:
    with open_archive(str(db)) as arc:
        return {r.article.url: r.article.text for r in arc.iter_records()}


@pytest.mark.parametrize("name", sorted(TRANSIENT))
def test_fault_met_once_is_retried_and_the_article_stored_whole(site, tmp_path, gzip_bomb, name, caplog):
    caplog.set_level(logging.INFO, logger="partytext")
    calls = install(site, FAULTY, TRANSIENT[name], gzip_bomb, times=1)
    waits = Waits()
    db = tmp_path / "a.db"
    report = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(waits), record=plain_record)
    assert len(calls) == 2, f"{name}: the faulty page should be asked twice, was asked {len(calls)} times"
    assert stored(db) == expected_texts(site.base)  # every article, each one whole
    assert report.stored == len(ARTICLES) and report.failed == 0
    retry_logs = [r.getMessage() for r in caplog.records if FAULTY in r.getMessage() and "retrying" in r.getMessage()]
    assert retry_logs, f"{name}: the retry was not logged"
    if name == "429":
        assert 7 in waits  # Retry-After honoured (recorded, not slept)


@pytest.mark.parametrize("name", sorted(PERMANENT))
def test_fault_for_good_skips_the_page_with_a_reason_and_keeps_the_rest(site, tmp_path, gzip_bomb, name, caplog):
    caplog.set_level(logging.INFO, logger="partytext")
    install(site, FAULTY, PERMANENT[name], gzip_bomb, times=None)
    db = tmp_path / "a.db"
    report = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(Waits(), retries=2), record=plain_record)
    expected = expected_texts(site.base)
    faulty_url = site.base + FAULTY
    del expected[faulty_url]
    assert stored(db) == expected  # the others are all there, whole; nothing partial of the faulty one
    assert report.failed == 1 and report.stored == len(ARTICLES) - 1
    state = CrawlState(report.state_path)
    try:
        row = state.get(faulty_url)
    finally:
        state.close()
    assert row["state"] == "failed" and row["reason"], row
    logged = [r for r in caplog.records if faulty_url in r.getMessage() and r.levelno >= logging.WARNING]
    assert logged, f"{name}: skipping {faulty_url} was not logged as a warning"


def test_skipped_page_is_fetched_again_by_the_next_run(site, tmp_path, gzip_bomb):
    calls = install(site, FAULTY, fault_503, gzip_bomb, times=3)
    db = tmp_path / "a.db"
    first = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(Waits(), retries=2), record=plain_record)
    assert first.failed == 1 and len(calls) == 3
    second = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(Waits(), retries=2), record=plain_record)
    assert second.stored == 1 and second.already_stored >= 0
    assert stored(db) == expected_texts(site.base)


def test_site_whose_first_answer_is_always_503_and_which_hangs_once(site, tmp_path):
    """Done-when: every URL (robots.txt, sitemaps, feed, listings, articles) first answers
    503; one article page also hangs once. Every article is still stored, once, whole."""
    seen: dict[str, int] = {}
    hung: list[str] = []

    def first_503(handler):
        seen[handler.path] = seen.get(handler.path, 0) + 1
        if seen[handler.path] == 1:
            return _empty(handler, 503)
        if handler.path == "/tin/bai-2.html" and not hung:
            hung.append(handler.path)
            return fault_hang(handler, site, b"")
        return None

    for path in list(site.server.pages) + ["/sitemap.xml"]:
        site.server.hooks[path] = first_503
    waits = Waits()
    db = tmp_path / "a.db"
    report = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(waits), record=plain_record)
    assert hung == ["/tin/bai-2.html"]
    assert seen["/robots.txt"] == 2 and all(seen[f"/tin/{a[0]}.html"] >= 2 for a in ARTICLES)
    assert stored(db) == expected_texts(site.base)
    assert report.stored == len(ARTICLES) and report.failed == 0
    assert not any(p.startswith("/private/") for p in site.log)


# -- robots.txt outage (issue 17 #2) ------------------------------------------------------------


class Clock:
    """A fake clock whose sleep advances it: backoff waits are recorded, not slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def test_robots_503_for_a_whole_crawl_then_200_stores_every_article(site, tmp_path):
    """robots.txt answers 503 through the whole first crawl: nothing of the site is fetched,
    nothing is skipped for good, the host is asked again later in the run with backoff. When
    robots.txt answers again, the second crawl stores every article."""
    site.server.hooks["/robots.txt"] = lambda handler: _empty(handler, 503)
    clock = Clock()
    db = tmp_path / "a.db"
    fetcher = make_fetcher(Waits(), retries=1, robots_retries=2, robots_backoff=30, sleep=clock.sleep, clock=clock)
    first = crawl(site.base + "/", archive=str(db), fetcher=fetcher, record=plain_record)
    assert first.stored == 0 and first.failed >= 1
    assert not [p for p in site.log if p != "/robots.txt"]  # not one page fetched without robots.txt
    assert site.log.count("/robots.txt") == 3 * 2  # asked in 3 rounds this run, each retried once
    assert 30 in clock.sleeps and 60 in clock.sleeps  # the host waited, with a doubling backoff
    state = CrawlState(first.state_path)
    try:
        rows = state.db.execute("SELECT url, state, reason FROM urls").fetchall()
    finally:
        state.close()
    assert rows and all(s == "failed" and "robots.txt" in r for _, s, r in rows), rows

    del site.server.hooks["/robots.txt"]  # the site is back
    second = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(Waits()), record=plain_record)
    assert second.stored == len(ARTICLES)
    assert stored(db) == expected_texts(site.base)
    assert not any(p.startswith("/private/") for p in site.log)  # and its Disallow is obeyed


def test_robots_back_within_the_run_resumes_the_host(site, tmp_path):
    """robots.txt fails for its first two reads only: the same run waits, asks again, and
    crawls the whole site."""
    calls: list[int] = []

    def flaky(handler):
        calls.append(1)
        return _empty(handler, 503) if len(calls) <= 2 else None

    site.server.hooks["/robots.txt"] = flaky
    clock = Clock()
    db = tmp_path / "a.db"
    fetcher = make_fetcher(Waits(), retries=1, robots_backoff=30, sleep=clock.sleep, clock=clock)
    report = crawl(site.base + "/", archive=str(db), fetcher=fetcher, record=plain_record)
    assert report.stored == len(ARTICLES) and report.failed == 0
    assert 30 in clock.sleeps and stored(db) == expected_texts(site.base)


# -- gzip sitemaps: streamed and capped ---------------------------------------------------------


def test_gzip_sitemap_is_read_and_a_gzip_bomb_sitemap_is_cut_at_the_cap(site, tmp_path):
    """A ``.xml.gz`` sitemap (gzip bytes, no Content-Encoding) is inflated and followed; one
    that inflates past the cap (60 MB of zeros in 60 KB) is refused at the cap, with the
    reason in the crawl state, and every article is still stored."""
    _, _, plain = site.server.pages["/sitemap-2023-07.xml"]
    gz = {"Content-Type": "application/x-gzip"}
    site.server.pages["/sitemap-2023-07.xml.gz"] = (200, gz, gzip.compress(plain))
    site.server.pages["/bomb.xml.gz"] = (200, gz, gzip.compress(b"<urlset>" + b" " * BOMB_SIZE, compresslevel=9))
    site.server.pages["/sitemap_index.xml"] = (200, {"Content-Type": "application/xml"}, f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{site.base}/sitemap-2023-07.xml.gz</loc></sitemap>
<sitemap><loc>{site.base}/bomb.xml.gz</loc></sitemap>
</sitemapindex>""".encode())
    db = tmp_path / "a.db"
    report = crawl(site.base + "/", archive=str(db), fetcher=make_fetcher(Waits(), retries=0), record=plain_record)
    assert stored(db) == expected_texts(site.base)
    assert "/sitemap-2023-07.xml.gz" in site.log and "/bomb.xml.gz" in site.log
    state = CrawlState(report.state_path)
    try:
        bomb = state.get(site.base + "/bomb.xml.gz")
        gz_map = state.get(site.base + "/sitemap-2023-07.xml.gz")
        from_gz = state.get(site.base + "/tin/bai-1.html")
    finally:
        state.close()
    assert bomb["state"] == "failed" and "cap" in bomb["reason"] and "decompressed" in bomb["reason"]
    assert gz_map["state"] == "fetched" and from_gz["state"] == "stored"
