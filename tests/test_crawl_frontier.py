"""The frontier: batched inserts with an in-memory sequence, order kept across runs, and the
states a new run queues again."""

from __future__ import annotations

import time

from partytext.crawl import CrawlState
from partytext.crawl.discover import Link


def test_add_many_is_one_batch_and_keeps_discovery_order_across_reopen(tmp_path):
    path = tmp_path / "s.sqlite"
    state = CrawlState(path)
    links = [(Link(f"https://example.vn/tin/{i}.html", "page"), 1, None) for i in range(50_000)]
    started = time.perf_counter()
    assert state.add_many(links) == 50_000
    took = time.perf_counter() - started
    assert state.add_many(links[:10] + [(Link("https://example.vn/new.html", "page"), 1, None)]) == 1
    assert state.add(Link("https://example.vn/sitemap.xml", "sitemap"), 0)  # discovery documents first
    state.close()
    assert took < 10, f"50,000 adds took {took:.1f} s"  # per-URL commits took ~25 s for this many

    state = CrawlState(path)  # a new run continues the sequence read once from the file
    assert state.add(Link("https://example.vn/later.html", "page"), 1)
    order = [u for (u,) in state.db.execute("SELECT url FROM urls WHERE kind = 'page' ORDER BY seq")]
    assert order[:2] == ["https://example.vn/tin/0.html", "https://example.vn/tin/1.html"]
    assert order[-2:] == ["https://example.vn/new.html", "https://example.vn/later.html"]
    assert state.next()[0] == "https://example.vn/sitemap.xml"
    state.close()


def test_refresh_queues_what_was_fetched_but_not_stored(tmp_path):
    state = CrawlState(tmp_path / "s.sqlite")
    names = ["stored", "extracting", "failed", "waiting", "skipped", "legacy", "listing"]
    for name in names:
        state.add(Link(f"https://example.vn/{name}", "page"), 1)
    state.set("https://example.vn/stored", "stored", article_url="https://example.vn/stored")
    state.set("https://example.vn/extracting", "extracting", article_url="https://example.vn/extracting")
    state.set("https://example.vn/failed", "failed", reason="extraction failed: RuntimeError: boom")
    state.set("https://example.vn/waiting", "waiting", reason="robots.txt could not be read")
    state.set("https://example.vn/skipped", "skipped", reason="robots.txt disallows it")
    # a state file of the earlier version: an article 'fetched' before its record was stored
    state.set("https://example.vn/legacy", "fetched", article_url="https://example.vn/legacy")
    state.set("https://example.vn/listing", "fetched", reason="listing page")
    state.refresh()
    got = {u.rsplit("/", 1)[1]: s for u, s in state.db.execute("SELECT url, state FROM urls")}
    assert got == {"stored": "stored", "extracting": "queued", "failed": "queued", "waiting": "queued",
                   "skipped": "skipped", "legacy": "queued", "listing": "fetched"}
    state.close()


def test_waiting_urls_of_one_host_are_queued_or_failed_together(tmp_path):
    state = CrawlState(tmp_path / "s.sqlite")
    for url in ("http://a.vn/1", "http://a.vn/2", "http://a.vn.evil/3", "http://b.vn/4"):
        state.add(Link(url, "page"), 1)
        state.set(url, "waiting")
    assert state.requeue_waiting("http://a.vn") == 2  # not a.vn.evil
    assert state.fail_waiting("http://b.vn", "robots.txt could not be read") == 1
    got = dict(state.db.execute("SELECT url, state FROM urls"))
    assert got == {"http://a.vn/1": "queued", "http://a.vn/2": "queued", "http://a.vn.evil/3": "waiting",
                   "http://b.vn/4": "failed"}
    state.close()
