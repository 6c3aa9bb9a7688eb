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

from ..errors import ArchiveError
from .base import Archive, Filters, Hit, SearchResult
from .export import export
from .ingest import IndexReport, index
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
    "figures",
    "index",
    "is_postgres_url",
    "open_archive",
    "parse",
    "search",
]

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: Any) -> bool:
    return isinstance(db, str) and db.startswith(POSTGRES_SCHEMES)


def open_archive(db: str | Path | Archive, *, create: bool = True) -> Archive:
    """Open (creating if needed) the archive ``db``: a SQLite file path, ``":memory:"``, or
    a ``postgresql://`` URL (needs ``pip install 'partytext[postgres]'``). An open
    :class:`Archive` is returned as is. With ``create=False`` a SQLite file that does not
    exist is an :class:`ArchiveError` (reading commands never leave an empty archive behind
    a mistyped path)."""
    if isinstance(db, Archive):
        return db
    if is_postgres_url(db):
        from .postgres import PostgresArchive

        return PostgresArchive(str(db))
    if not create and str(db) != ":memory:" and not Path(db).exists():
        raise ArchiveError(f"No archive at {db}: check the path, or build one with `partytext index {db} FILES...`",
                           db=str(db))
    from .sqlite import SQLiteArchive

    return SQLiteArchive(db)


class _Borrowed:
    """Open ``db`` for one call, unless it is already an open archive."""

    def __init__(self, db: Any) -> None:
        self.owned = not isinstance(db, Archive)
        self.arc = open_archive(db, create=False)  # search, figures and export only read

    def __enter__(self) -> Archive:
        return self.arc

    def __exit__(self, *exc: Any) -> None:
        if self.owned:
            self.arc.close()


def search(db: str | Path | Archive, query: str, **filters: Any) -> SearchResult:
    """Search an archive; ``filters`` are those of :meth:`Archive.search`.

    >>> import partytext as pt
    >>> pt.search("party.db", '"tổ chức cơ sở đảng" -"tham nhũng"', sort="relevance")  # doctest: +SKIP
    """
    from .base import make_filters

    # a bad query or date is reported before the archive is even opened
    query = parse(query) if isinstance(query, str) else query
    make_filters(filters.get("site"), filters.get("date_from"), filters.get("date_to"), filters.get("province"))
    with _Borrowed(db) as arc:
        return arc.search(query, **filters)


def figures(db: str | Path | Archive, **filters: Any):
    """The figures of an archive as dicts (see :meth:`Archive.figures`), streamed."""
    with _Borrowed(db) as arc:
        yield from arc.figures(**filters)
