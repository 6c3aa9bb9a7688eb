"""kill -9 in the middle of a crawl and of an index run, for real (subprocesses and SIGKILL),
then re-run: the job finishes, the archive passes SQLite's and FTS5's integrity checks, and
the articles are exactly the expected set, none lost, none twice, each one whole."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partytext.inputs import keyed_by_path, read_article

from test_crawl_site import ARTICLES, slow_site  # noqa: F401 (fixture)

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def count(db_path: str | Path, sql: str) -> int:
    """A count read beside the running writer (WAL lets readers in); 0 while the schema is missing."""
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def kill_when(cmd: list[str], ready, *, timeout: float = 90) -> None:
    """Start ``cmd``, SIGKILL it as soon as ``ready()`` holds; fail if it finished first."""
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout
    try:
        while not ready():
            assert proc.poll() is None, "finished before the kill: " + proc.stderr.read().decode()
            assert time.monotonic() < deadline, "never reached the kill point"
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL


def check_archive(db_path: Path) -> list[tuple]:
    """SQLite and FTS5 integrity, index rows matching article rows; returns (id, url, source, text)."""
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        db.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 0)")  # raises if the index is corrupt
        # Schema 2 stores each article under FTS rowid = -key (newest first is rowid order).
        keys = {-k for (k,) in db.execute("SELECT key FROM articles")}
        assert {r for (r,) in db.execute("SELECT rowid FROM fts")} == keys  # every article indexed, no orphans
        ids = {i for (i,) in db.execute("SELECT id FROM articles")}
        orphans = db.execute("SELECT COUNT(*) FROM figures WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0 and ids
        return db.execute("SELECT id, url, source, text FROM articles").fetchall()


# -- crawl ----------------------------------------------------------------------------------


def crawl_cmd(base: str, db: Path, tmp_path: Path) -> list[str]:
    """With extraction on: the kill can land while the extractors run (see also test_crawl_crash.py)."""
    return [sys.executable, "-m", "partytext", "crawl", base + "/", "--archive", str(db), "--delay", "0",
            "--cache", str(tmp_path / "cache"), "--raw", str(tmp_path / "raw"), "--format", "jsonl"]


def test_crawl_killed_twice_then_finished(slow_site, tmp_path):  # noqa: F811
    db = tmp_path / "party.db"
    state = f"{db}.crawl.sqlite"
    stored = "SELECT COUNT(*) FROM urls WHERE state = 'stored'"
    cmd = crawl_cmd(slow_site.base, db, tmp_path)
    kill_when(cmd, lambda: count(state, stored) >= 1)
    first = count(db, "SELECT COUNT(*) FROM articles")
    kill_when(cmd, lambda: count(state, stored) >= 3)
    second = count(db, "SELECT COUNT(*) FROM articles")
    assert 1 <= first <= second < len(ARTICLES)  # the kills landed mid-crawl

    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["stored"] + report["already_stored"] >= len(ARTICLES) - second

    rows = check_archive(db)
    expected = {f"{slow_site.base}/tin/{slug}.html": "\n\n".join([title, lead, *body])
                for slug, title, lead, body, *_ in ARTICLES}
    urls = [url for _, url, _, _ in rows]
    assert sorted(urls) == sorted(expected)  # none lost, none twice
    assert {url: text for _, url, _, text in rows} == expected  # each one whole
    with sqlite3.connect(state) as s:
        assert s.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        states = dict(s.execute("SELECT url, state FROM urls WHERE url LIKE '%/tin/%'").fetchall())
    assert all(states[u] == "stored" for u in expected)
    assert not any(p.startswith("/private/") for p in slow_site.log)


# -- index ----------------------------------------------------------------------------------

N_FILES = 900


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for i in range(N_FILES):
        body = f"Đảng bộ xã số {i} có {i + 5} đảng viên, sinh hoạt ở {i % 7 + 2} chi bộ. " + \
               "Hội nghị quán triệt nghị quyết của cấp trên. " * 30
        (d / f"{i:04d}.txt").write_text(f"Bài số {i} về công tác xây dựng Đảng\n\n{body}", encoding="utf-8")
    return d


def index_cmd(db: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "partytext", "index", str(db), str(corpus), "--no-extract", "--format", "jsonl"]


def test_index_killed_twice_then_finished(corpus, tmp_path):
    db = tmp_path / "party.db"
    articles = "SELECT COUNT(*) FROM articles"
    kill_when(index_cmd(db, corpus), lambda: count(db, articles) >= 1)
    first = count(db, articles)
    kill_when(index_cmd(db, corpus), lambda: count(db, articles) > first)
    second = count(db, articles)
    assert 1 <= first < second < N_FILES  # both kills landed mid-run, after some batches were written
    check_archive(db)  # consistent right after the kill, before any repair

    done = subprocess.run(index_cmd(db, corpus), env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == N_FILES - second and report["unchanged"] == second and report["errors"] == 0

    rows = check_archive(db)
    files = sorted(corpus.glob("*.txt"))
    expected = {keyed_by_path(read_article(str(f)), str(f)).id: str(f) for f in files}  # ids of resolved paths
    assert len(rows) == N_FILES == len(expected)
    assert {rid: source for rid, _, source, _ in rows} == expected  # none lost, none twice
    for rid, _, source, text in rows[:: N_FILES // 30]:
        assert text == read_article(source).text  # whole
