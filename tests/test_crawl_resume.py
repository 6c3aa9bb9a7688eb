"""Kill -9 in the middle of a crawl, re-run it: every article stored exactly once, and
nothing already stored is fetched again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from test_crawl_site import ARTICLES, slow_site  # noqa: F401 (fixture)



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
