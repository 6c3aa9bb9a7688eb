"""kill -9 during a crawl WITH extraction (issue 17 #1), for real: subprocesses and SIGKILL.

* One kill lands, deterministically, while the extractors run on a long article (600
  paragraphs: seconds of work, against a 20 ms poll of the crawl state). The archive does
  not have it yet and its URL is ``extracting``; the re-run stores every article once.
* A soak: three kills at seeded random moments, each followed by a re-run that is killed
  in turn, then a last run to the end. Every article is stored exactly once, whole, with
  its extracted records, and the archive passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partytext.archive import open_archive

from test_crawl_site import ARTICLES, Site, _chrome, article_page

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}
LONG_SLUG = "bai-dai"
LONG_PARAGRAPHS = 600
LONG_TITLE = "Toàn văn báo cáo chính trị tại Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030"
LONG_LEAD = "Báo cáo đánh giá kết quả thực hiện nghị quyết nhiệm kỳ qua và đề ra phương hướng nhiệm kỳ tới."
EXTRA = 4  # more articles, so that three kills still leave work for the last run
SOAK_SEED = 1717
SLOW_ARTICLE = 0.4  # seconds an article page takes to answer in the soak


def long_body() -> list[str]:
    paras = [p for a in ARTICLES for p in a[3]]
    return [f"{paras[i % len(paras)]} Đợt {i + 1} có {i + 3} đảng viên tham gia." for i in range(LONG_PARAGRAPHS)]


def long_page() -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in long_body())
    return _chrome(f"""<div class="article-content"><h1 class="title">{LONG_TITLE}</h1>
<div class="meta"><span class="time">Thứ Hai, 06/10/2025 - 08:00</span></div>
<div class="sapo"><strong>{LONG_LEAD}</strong></div><div class="content">{paras}</div></div>""", LONG_TITLE)


def extra_articles() -> list[tuple]:
    return [(f"{slug}-ky-{n}", f"{title} (kỳ {n})", lead, body, date_line, byline)
            for n, (slug, title, lead, body, date_line, byline, _) in enumerate(ARTICLES[:EXTRA], 2)]


def expected_texts(base: str) -> dict[str, str]:
    out = {f"{base}/tin/{slug}.html": "\n\n".join([title, lead, *body]) for slug, title, lead, body, *_ in ARTICLES}
    out.update({f"{base}/tin/{slug}.html": "\n\n".join([title, lead, *body])
                for slug, title, lead, body, *_ in extra_articles()})
    out[f"{base}/tin/{LONG_SLUG}.html"] = "\n\n".join([LONG_TITLE, LONG_LEAD, *long_body()])
    return out


def big_site(slow: float = 0.0) -> Site:
    """The crawl test site plus a long article and EXTRA more, all in one more sitemap."""
    site = Site()
    html = {"Content-Type": "text/html; charset=utf-8"}
    pages = site.server.pages
    pages[f"/tin/{LONG_SLUG}.html"] = (200, html, long_page().encode())
    for slug, title, lead, body, date_line, byline in extra_articles():
        pages[f"/tin/{slug}.html"] = (200, html, article_page(slug, title, lead, body, date_line, byline).encode())
    urls = [LONG_SLUG] + [a[0] for a in extra_articles()]
    pages["/sitemap-more.xml"] = (200, {"Content-Type": "application/xml"}, (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{site.base}/tin/{u}.html</loc></url>" for u in urls) + "</urlset>").encode())
    status, headers, index = pages["/sitemap_index.xml"]
    more = f"<sitemap><loc>{site.base}/sitemap-more.xml</loc></sitemap></sitemapindex>"
    pages["/sitemap_index.xml"] = (status, headers, index.replace(b"</sitemapindex>", more.encode()))
    if slow:
        site.slow_articles(slow)
    return site


@pytest.fixture()
def long_site():
    s = big_site()
    yield s
    s.close()


@pytest.fixture()
def slow_big_site():
    s = big_site(slow=SLOW_ARTICLE)
    yield s
    s.close()


def crawl_cmd(base: str, db: Path, tmp_path: Path) -> list[str]:
    """`partytext crawl` with extraction on (no --no-extract)."""
    return [sys.executable, "-m", "partytext", "crawl", base + "/", "--archive", str(db), "--delay", "0",
            "--cache", str(tmp_path / "cache"), "--format", "jsonl"]


def read(db_path: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows read beside the running crawler (WAL lets readers in); none while the file or schema is missing."""
    if not Path(db_path).exists():
        return []
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []


def stored_count(state: str) -> int:
    rows = read(state, "SELECT COUNT(*) FROM urls WHERE state = 'stored'")
    return rows[0][0] if rows else 0


def kill_when(cmd: list[str], ready, *, then: float = 0.0, timeout: float = 60) -> None:
    """Start ``cmd``; once ``ready()`` holds (polled every 20 ms), wait ``then`` seconds and
    SIGKILL it. Fails if it finished before the kill."""
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            assert proc.poll() is None, "finished before the kill: " + proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "never reached the kill point"
            time.sleep(0.02)
        if then:
            time.sleep(then)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "finished before the kill"


def finish(cmd: list[str]) -> dict:
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def check_stored_once(db: Path, state: str, base: str) -> None:
    """SQLite integrity; every article exactly once, whole, with its extracted records; every
    article URL marked stored."""
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        urls = [u for (u,) in con.execute("SELECT url FROM articles")]
    expected = expected_texts(base)
    assert sorted(urls) == sorted(expected)  # none lost, none twice
    with open_archive(str(db)) as arc:
        records = {r.article.url: r for r in arc.iter_records()}
    assert {u: r.article.text for u, r in records.items()} == expected  # each one whole
    # extracted, not just stored: each paragraph of the long article counts its members
    assert len(records[f"{base}/tin/{LONG_SLUG}.html"].figures) >= LONG_PARAGRAPHS
    assert sum(bool(r.figures) for r in records.values()) >= len(records) - 2
    with sqlite3.connect(state) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        states = dict(con.execute("SELECT url, state FROM urls WHERE url LIKE '%/tin/%'").fetchall())
    assert all(states[u] == "stored" for u in expected), {u: states.get(u) for u in expected}


def test_kill_mid_extraction_of_a_long_article_then_rerun_stores_it_once(long_site, tmp_path):
    db = tmp_path / "party.db"
    state = f"{db}.crawl.sqlite"
    long_url = f"{long_site.base}/tin/{LONG_SLUG}.html"
    cmd = crawl_cmd(long_site.base, db, tmp_path)
    # 'extracting' with its canonical URL recorded: article_from_html is done, the extractors run
    in_extractors = "SELECT 1 FROM urls WHERE url = ? AND state = 'extracting' AND article_url IS NOT NULL"
    kill_when(cmd, lambda: bool(read(state, in_extractors, (long_url,))))
    assert read(state, "SELECT state FROM urls WHERE url = ?", (long_url,)) == [("extracting",)]
    assert not read(db, "SELECT 1 FROM articles WHERE url = ?", (long_url,))  # killed before it was stored

    long_site.log.clear()
    report = finish(cmd)
    assert f"/tin/{LONG_SLUG}.html" in long_site.log  # fetched again: it was never stored
    assert report["failed"] == 0
    check_stored_once(db, state, long_site.base)


def test_extraction_soak_three_kills_at_random_moments(slow_big_site, tmp_path):
    """Each kill comes after a seeded random number (1 or 2) of further articles are stored,
    plus a seeded random 0-0.35 s: anywhere in fetching, extracting or storing the next one
    (article pages answer in 0.4 s, so the run cannot finish first)."""
    rng = random.Random(SOAK_SEED)
    db = tmp_path / "party.db"
    state = f"{db}.crawl.sqlite"
    cmd = crawl_cmd(slow_big_site.base, db, tmp_path)
    total = len(expected_texts(slow_big_site.base))
    started = time.monotonic()
    progress = []
    for _ in range(3):
        before = stored_count(state)
        more, then = rng.randint(1, 2), rng.uniform(0.0, 0.35)
        kill_when(cmd, lambda: stored_count(state) >= before + more, then=then)
        progress.append(stored_count(state))
        with sqlite3.connect(db) as con:  # intact right after each kill, before any repair
            assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert progress[0] < progress[-1] < total  # every kill landed mid-crawl
    report = finish(cmd)
    assert report["stored"] + report["already_stored"] >= total - progress[-1]
    check_stored_once(db, state, slow_big_site.base)
    # 15 s alone, 28 s beside other jobs on 2 busy cores; the guard leaves room for a busier machine
    assert time.monotonic() - started < 120
