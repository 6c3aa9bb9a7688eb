"""Read-only, thread-safe access to one archive for the web app.

The server answers requests from a thread pool while the archive holds one database
connection; every call goes through one lock here. Long streams (the figures CSV) take
the lock a chunk at a time, so a big download never blocks the search page.
"""

from __future__ import annotations

import csv
import io
import logging
import threading
from collections.abc import Iterator
from itertools import islice
from typing import Any

from ..archive import Archive, SearchResult
from ..records import Record

log = logging.getLogger(__name__)

#: Caps on paging parameters, for the page and the API alike.
MAX_LIMIT = 100
MAX_FIGURE_LIMIT = 1000
MAX_OFFSET = 10_000

#: Columns of the figures CSV download, in order.
FIGURE_COLUMNS = ("article_id", "published", "site", "province", "value", "high", "kind", "unit", "subject",
                  "qualifier", "change", "part_of", "text", "start", "end", "sentence", "title", "source", "url")

# Rows read per lock acquisition when streaming.
STREAM_CHUNK = 500


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Reader:
    """The read-only operations the web app needs, serialised on one lock."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._lock = threading.Lock()

    def count(self) -> int:
        with self._lock:
            return self.archive.count()

    def search(self, query: str, **kwargs: Any) -> SearchResult:
        with self._lock:
            return self.archive.search(query, **kwargs)

    def get(self, id: str) -> Record | None:
        with self._lock:
            return self.archive.get(id)

    def trend(self, query: str, **kwargs: Any) -> list[tuple[str, int]]:
        with self._lock:
            return self.archive.trend(query, **kwargs)

    def figures_page(self, *, limit: int, offset: int, **filters: Any) -> tuple[list[dict[str, Any]], bool]:
        """``limit`` figures from ``offset``, and whether more follow."""
        with self._lock:
            rows = list(islice(self.archive.figures(**filters), offset, offset + limit + 1))
        return rows[:limit], len(rows) > limit

    def figures_csv(self, **filters: Any) -> Iterator[str]:
        """Every matching figure as CSV text, in chunks. Bad filters raise here, before
        the first chunk, so the caller can still answer with an error."""
        rows = self.archive.figures(**filters)
        with self._lock:
            first = list(islice(rows, STREAM_CHUNK))
        return self._csv_chunks(first, rows)

    def _csv_chunks(self, first: list[dict[str, Any]], rows: Iterator[dict[str, Any]]) -> Iterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(FIGURE_COLUMNS)
        chunk = first
        while True:
            for row in chunk:
                writer.writerow([_cell(row.get(c)) for c in FIGURE_COLUMNS])
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
            if len(chunk) < STREAM_CHUNK:
                return
            with self._lock:
                chunk = list(islice(rows, STREAM_CHUNK))
