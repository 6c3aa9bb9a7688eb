"""Kill -9 in the middle of a crawl, re-run it: every article stored exactly once, and
nothing already stored is fetched again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from test_crawl_site import ARTICLES, Site, slow_site  # noqa: F401 (fixture)



def _stored(state_path) -> set[str]:
    try:
        with sqlite3.connect(state_path, timeout=5) as db:
            return {u for (u,) in db.execute("SELECT url FROM urls WHERE state = 'stored'")}
    except sqlite3.OperationalError:
        return set()


def _crawl_cmd(base, db, tmp_path):
    return [sys.executable, "-m", "partytext", "crawl", base + "/", "--archive", str(db), "--delay", "0.02",
            "--no-extract", "--cache", str(tmp_path / "cache"), "--format", "jsonl"]


def test_kill_and_resume_stores_each_article_once(slow_site, tmp_path):  # noqa: F811
    from partytext.archive import open_archive

    db = tmp_path / "party.db"
    state_path = str(db) + ".crawl.sqlite"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_crawl_cmd(slow_site.base, db, tmp_path), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_stored(state_path)) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.stderr.read().decode()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _stored(state_path)
    assert 2 <= len(stored_before) < len(ARTICLES)

    slow_site.log.clear()
    done = subprocess.run(_crawl_cmd(slow_site.base, db, tmp_path), env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    refetched = {slow_site.base + p for p in slow_site.log}
    assert not stored_before & refetched
    with open_archive(str(db)) as arc:
        urls = [r.article.url for r in arc.iter_records()]
    assert sorted(urls) == sorted(f"{slow_site.base}/tin/{a[0]}.html" for a in ARTICLES)
    assert not any(p.startswith("/private/") for p in slow_site.log)


def test_extractor_error_on_one_page_is_recorded_and_retried_next_run(tmp_path):
    """An exception in the extractors on one page fails that URL, with the error in the
    frontier, and the crawl goes on; the next run tries the page again and stores it."""
    from partytext.archive import open_archive
    from partytext.crawl import CrawlState, crawl
    from partytext.records import Record

    site = Site()
    try:
        bad = f"{site.base}/tin/bai-3.html"

        def broken_on_bai_3(article):
            if article.url == bad:
                raise ZeroDivisionError("division by zero in a figure's ratio")
            return Record(article=article, source=article.url)

        db = str(tmp_path / "party.db")
        first = crawl(site.base + "/", archive=db, delay=0, record=broken_on_bai_3)
        assert first.stored == len(ARTICLES) - 1 and first.failed == 1
        state = CrawlState(first.state_path)
        try:
            row = state.get(bad)
        finally:
            state.close()
        assert row["state"] == "failed"
        assert row["reason"] == "extraction failed: ZeroDivisionError: division by zero in a figure's ratio"

        second = crawl(site.base + "/", archive=db, delay=0, record=lambda a: Record(article=a, source=a.url))
        assert second.stored == 1 and second.failed == 0
        with open_archive(db) as arc:
            urls = [r.article.url for r in arc.iter_records()]
        assert sorted(urls) == sorted(f"{site.base}/tin/{a[0]}.html" for a in ARTICLES)
    finally:
        site.close()
