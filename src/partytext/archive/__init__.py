"""The searchable archive: SQLite by default, PostgreSQL when DB is a ``postgresql://`` URL.

>>> from partytext.archive import open_archive
>>> with open_archive(":memory:") as arc:
...     arc.count()
0

Both backends implement :class:`Archive`; see ``docs/archive.md`` for the query language,
the diacritic rules, the province filter and the benchmark figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import Archive, Filters, Hit, SearchResult
from .export import export
from .facts import FactsResult, facts
from .ingest import IndexReport, index
from .opening import Borrowed, is_postgres_url, open_archive
from .query import Query, QueryError, parse

__all__ = [
    "Archive",
    "Filters",
    "Hit",
    "IndexReport",
    "Query",
    "QueryError",
    "SearchResult",
    "export",
    "facts",
    "figures",
    "index",
    "is_postgres_url",
    "open_archive",
    "parse",
    "search",
]

def search(db: str | Path | Archive, query: str, **filters: Any) -> SearchResult:
    """Search an archive; ``filters`` are those of :meth:`Archive.search`.

    >>> import partytext as pt
    >>> pt.search("party.db", '"tổ chức cơ sở đảng" -"tham nhũng"', sort="relevance")  # doctest: +SKIP
    """
    from .base import make_filters

    # a bad query or date is reported before the archive is even opened
    query = parse(query) if isinstance(query, str) else query
    make_filters(filters.get("site"), filters.get("date_from"), filters.get("date_to"), filters.get("province"),
                 filters.get("admin"))
    with Borrowed(db) as arc:
        return arc.search(query, **filters)


def figures(db: str | Path | Archive, **filters: Any):
    """The figures of an archive as dicts (see :meth:`Archive.figures`), streamed."""
    with Borrowed(db) as arc:
        yield from arc.figures(**filters)
