"""Opening an archive: a SQLite path, ``":memory:"`` or a ``postgresql://`` URL.

Kept apart from the package's ``__init__`` so that the modules of the package (ingest,
export) can open archives without importing the package that imports them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ArchiveError
from .base import Archive

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


class Borrowed:
    """Open ``db`` for one call, unless it is already an open archive."""

    def __init__(self, db: Any) -> None:
        self.owned = not isinstance(db, Archive)
        self.arc = open_archive(db, create=False)  # search, figures and export only read

    def __enter__(self) -> Archive:
        return self.arc

    def __exit__(self, *exc: Any) -> None:
        if self.owned:
            self.arc.close()
