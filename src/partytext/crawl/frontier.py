"""The frontier: every URL of a crawl and its state, in a SQLite file beside the archive.

States: queued | fetched | stored | skipped | failed, with a reason. The crawl loop in
:mod:`partytext.crawl.run` takes the next queued URL by priority (discovery documents
before pages) and order of discovery.
"""

from __future__ import annotations

import sqlite3
import time
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
    state TEXT NOT NULL DEFAULT 'queued',      -- queued | fetched | stored | skipped | failed
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

    def close(self) -> None:
        self.db.close()

    def add(self, link: Link, depth: int, *, skip: str | None = None) -> bool:
        """Queue a URL unless it is known already (or record it as skipped, with the
        reason, so that later links to it are not followed); True when it is new."""
        seq = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM urls").fetchone()[0]
        cur = self.db.execute(
            "INSERT OR IGNORE INTO urls (url, kind, depth, priority, seq, date, updated, state, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (link.url, link.kind, depth, PRIORITY[link.kind], seq, link.date, time.time(),
             "skipped" if skip else "queued", skip))
        return cur.rowcount == 1

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
        """At the start of a run: discovery documents are read again (they change), failed
        pages get another try; stored and robots-skipped URLs stay as they are."""
        self.db.execute("UPDATE urls SET state = 'queued' WHERE kind IN ('sitemap', 'feed', 'listing') "
                        "AND state IN ('fetched', 'failed')")
        self.db.execute("UPDATE urls SET state = 'queued' WHERE state = 'failed'")

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, COUNT(*) FROM urls GROUP BY state").fetchall())
