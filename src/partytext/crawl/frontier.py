"""The frontier: every URL of a crawl and its state, in a SQLite file beside the archive.

States, each with a reason:

* ``queued``      to fetch, by priority (discovery documents before pages), then discovery order
* ``fetched``     a sitemap, feed or listing page that was read (read again next run)
* ``extracting``  an article page fetched and being extracted: not in the archive yet
* ``stored``      the article's record is in the archive (set only after the archive has it)
* ``waiting``     its host's robots.txt could not be read; asked again later in the run
* ``failed``      a fetch or an extractor failed (the reason says which); the next run retries
* ``skipped``     for good: robots.txt disallows it, it is dated outside the range, not an article

The archive may be another database (PostgreSQL), so "stored" cannot share a transaction
with the record. It does not need to: the record is written first, as an upsert keyed by
the article id (writing it twice changes nothing), then the URL is marked stored. A run
killed in between leaves the URL ``extracting``; :meth:`CrawlState.refresh` queues every
such URL again, and the next run finds the article in the archive or stores it once.

URLs are added in batches (a sitemap's thousands in one transaction) with a sequence
number kept in memory, read from the file once when it is opened.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .discover import Link

# Discovery documents are handled before pages, so that dates from sitemaps and feeds
# can filter pages before they are fetched.
PRIORITY = {"robots": 0, "sitemap": 1, "feed": 2, "listing": 3, "page": 4, "article": 4}
DISCOVERY_KINDS = ("sitemap", "feed", "listing")

SCHEMA = """
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',      -- see the module doc
    depth INTEGER NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    date TEXT,                                  -- sitemap lastmod or feed pubDate
    reason TEXT,
    article_url TEXT,                           -- canonical URL of the stored article
    article_key TEXT,                           -- site article id (one article, many URLs)
    article_id TEXT,
    updated REAL
);
CREATE INDEX IF NOT EXISTS urls_next ON urls (state, priority, seq);
CREATE INDEX IF NOT EXISTS urls_key ON urls (article_key);
"""


class CrawlState:
    """The frontier and per-URL state, in SQLite, one transaction per change."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self._seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM urls").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def add(self, link: Link, depth: int, *, skip: str | None = None) -> bool:
        """Queue a URL unless it is known already (or record it as skipped, with the
        reason, so that later links to it are not followed); True when it is new."""
        return self.add_many([(link, depth, skip)]) == 1

    def add_many(self, items: Iterable[tuple[Link, int, str | None]]) -> int:
        """Add ``(link, depth, skip_reason)`` rows in one transaction, each unless its URL
        is known already; returns how many were new."""
        now = time.time()
        rows = []
        for link, depth, skip in items:
            self._seq += 1
            rows.append((link.url, link.kind, depth, PRIORITY[link.kind], self._seq, link.date, now,
                         "skipped" if skip else "queued", skip))
        if not rows:
            return 0
        before = self.db.total_changes
        self.db.execute("BEGIN")
        try:
            self.db.executemany(
                "INSERT OR IGNORE INTO urls (url, kind, depth, priority, seq, date, updated, state, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        return self.db.total_changes - before

    def next(self) -> tuple[str, str, int, str | None] | None:
        row = self.db.execute("SELECT url, kind, depth, date FROM urls WHERE state = 'queued' "
                              "ORDER BY priority, seq LIMIT 1").fetchone()
        return tuple(row) if row else None

    def set(self, url: str, state: str, **fields: Any) -> None:
        cols = ", ".join(f"{k} = ?" for k in fields)
        sql = f"UPDATE urls SET state = ?, updated = ?{', ' + cols if cols else ''} WHERE url = ?"
        self.db.execute(sql, (state, time.time(), *fields.values(), url))

    def get(self, url: str) -> dict[str, Any] | None:
        cur = self.db.execute("SELECT * FROM urls WHERE url = ?", (url,))
        row = cur.fetchone()
        return dict(zip([c[0] for c in cur.description], row)) if row else None

    def key_stored(self, key: str | None) -> bool:
        if not key:
            return False
        return self.db.execute("SELECT 1 FROM urls WHERE article_key = ? AND state = 'stored' LIMIT 1",
                               (key,)).fetchone() is not None

    def refresh(self) -> None:
        """At the start of a run: discovery documents are read again (they change); failed
        pages, pages whose host was waiting for robots.txt, and pages fetched but not
        stored (a run killed mid-extraction) are queued again. Stored and skipped URLs
        stay as they are."""
        self.db.execute("UPDATE urls SET state = 'queued' WHERE kind IN ('sitemap', 'feed', 'listing') "
                        "AND state IN ('fetched', 'failed')")
        self.db.execute("UPDATE urls SET state = 'queued' WHERE state IN ('failed', 'waiting', 'extracting')")
        # state files of earlier versions marked an article 'fetched' (with its URL) before storing it
        self.db.execute("UPDATE urls SET state = 'queued' WHERE state = 'fetched' AND article_url IS NOT NULL")

    def requeue_waiting(self, host: str) -> int:
        """Queue again the URLs of ``host`` (scheme://netloc) that wait for its robots.txt."""
        cur = self.db.execute("UPDATE urls SET state = 'queued' WHERE state = 'waiting' AND substr(url, 1, ?) = ?",
                              (len(host) + 1, host + "/"))
        return cur.rowcount

    def fail_waiting(self, host: str, reason: str) -> int:
        """Give up on the waiting URLs of ``host`` for this run (the next run retries them)."""
        cur = self.db.execute("UPDATE urls SET state = 'failed', reason = ?, updated = ? WHERE state = 'waiting' "
                              "AND substr(url, 1, ?) = ?", (reason, time.time(), len(host) + 1, host + "/"))
        return cur.rowcount

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, COUNT(*) FROM urls GROUP BY state").fetchall())
