"""The SQLite archive: one file, WAL, FTS5.

Search runs on a contentless FTS5 table ``fts`` with two columns of pre-tokenised text:
``c``, the canonical form (marks kept, new-style tone placement, lower case), and ``f``,
the folded form (no marks, đ→d). Both are tokenised by partytext (syllables joined by
spaces) and FTS5's ``ascii`` tokenizer only splits them again at the spaces (it treats
every non-ASCII character as part of a token, so it cannot split a syllable).

The FTS rowid is minus the article's sort key: FTS5 walks doclists forwards faster than
backwards, so "newest first" is ascending rowid order, and a date range is a rowid range.

The same syllable strings are kept in ``tokens`` (key, n syllables, c, f): deleting an FTS entry needs
them, and relevance ranking counts phrase occurrences in them for the candidates only.
The normalisation's signature is kept in ``meta`` and the index is rebuilt if a newer
partytext normalises differently.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import ArchiveError
from . import schema as S
from .base import Archive, Filters
from .query import CANONICAL, SYLLABLE, Query, canonical_form, folded_form, syllables
from .ranking import token_string
from .write import Tokens, batched

log = logging.getLogger(__name__)

FTS_COLUMNS = {"canonical": "c", "folded": "f"}

# Every Vietnamese letter in both tone placements, to detect a change in normalisation.
NORM_PROBE = ("Đảng ỦY Uỷ hoà hòa thuỷ khoẻ quý aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị "
              "oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ TP.HCM 5.000 a_b")


def norm_signature() -> str:
    probe = canonical_form(NORM_PROBE) + "|" + folded_form(NORM_PROBE) + "|" + SYLLABLE.pattern
    return hashlib.sha1(probe.encode("utf-8")).hexdigest()[:16]


def search_columns(text: str) -> tuple[str, str]:
    """The two FTS columns of a text: canonical and folded syllable strings."""
    return token_string(syllables(canonical_form(text))), token_string(syllables(folded_form(text)))


def _sql_type(kind: str) -> str:
    # float columns get no declared type, so 5000 stays an integer and 71.29 a real
    return {"int": "INTEGER", "float": "", "text": "TEXT"}[kind]


def _schema_v1(arc: SQLiteArchive) -> None:
    ex = arc._conn.execute
    ex("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    ex("""CREATE TABLE articles (
        key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT, url TEXT, site TEXT,
        title TEXT, lead TEXT, author TEXT, published TEXT, day TEXT, province TEXT,
        text TEXT NOT NULL, content_hash TEXT NOT NULL, added TEXT, updated TEXT)""")
    for col in ("url", "site", "province", "day"):
        ex(f"CREATE INDEX articles_{col} ON articles ({col})")
    for name, cls in S.ITEM_TABLES.items():
        cols = [f"{S.q(f.name)} {_sql_type(S.column_kind(f))}".strip() for f in S.item_fields(cls)]
        if name == "figures":
            cols += ["unit_key TEXT", "unit_fold TEXT"]
        ex(f"CREATE TABLE {S.q(name)} (article_id TEXT NOT NULL, seq INTEGER NOT NULL, {', '.join(cols)},"
           " PRIMARY KEY (article_id, seq))")
    ex("CREATE INDEX figures_kind ON figures (kind)")
    ex("CREATE TABLE keywords (article_id TEXT NOT NULL, seq INTEGER NOT NULL, word TEXT NOT NULL,"
       " weight REAL, PRIMARY KEY (article_id, seq))")
    ex("CREATE VIRTUAL TABLE fts USING fts5(c, f, content='', tokenize='unicode61 remove_diacritics 0')")


# FTS5 table of both syllable forms; the ascii tokenizer splits at spaces only (see above).
FTS_TABLE = "CREATE VIRTUAL TABLE fts USING fts5(c, f, content='', tokenize='ascii')"


def _schema_v2(arc: SQLiteArchive) -> None:
    """Compact sort keys, FTS rowid = -key with the ascii tokenizer, ``tokens``, and record
    tables clustered on (article_id, seq) (WITHOUT ROWID: one B-tree per table, not two)."""
    ex = arc._conn.execute
    for name in [*S.ITEM_TABLES, "keywords"]:
        create = ex("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()[0]
        ex(f"ALTER TABLE {S.q(name)} RENAME TO {S.q(name + '_v1')}")
        ex(create + " WITHOUT ROWID")
        ex(f"INSERT INTO {S.q(name)} SELECT * FROM {S.q(name + '_v1')}")
        ex(f"DROP TABLE {S.q(name + '_v1')}")
    ex("CREATE INDEX figures_kind ON figures (kind)")
    old = [r[0] for r in ex("SELECT key FROM articles")]
    if old:
        log.warning("upgrading %s to schema 2 (%d articles): re-keying and rebuilding the search index",
                    arc.location, len(old))
        ex("UPDATE articles SET key = -key - 1")
        arc._conn.executemany("UPDATE articles SET key = ? WHERE key = ?",
                              [(new, -k - 1) for k, new in zip(old, S.rekey_v1(old))])
    ex("DROP TABLE fts")
    ex(FTS_TABLE)
    ex("CREATE TABLE tokens (key INTEGER PRIMARY KEY, n INTEGER NOT NULL, c TEXT NOT NULL, f TEXT NOT NULL)")
    ex("DELETE FROM meta WHERE key = 'stats'")
    arc._reindex_all()


def _schema_v3(arc: SQLiteArchive) -> None:
    """The change log that keeps the relevance index in step (see textindex), and the
    archive's id; every existing article is a change, so the index is built from them."""
    ex = arc._conn.execute
    ex("CREATE TABLE changes (seq INTEGER PRIMARY KEY, key INTEGER NOT NULL)")
    ex("INSERT INTO changes (key) SELECT key FROM articles ORDER BY key")
    ex("INSERT INTO meta (key, value) VALUES ('archive_id', ?)", (uuid.uuid4().hex,))


#: schema version -> the function that brings the previous version to it
MIGRATIONS = {1: _schema_v1, 2: _schema_v2, 3: _schema_v3}


class SQLiteArchive(Archive):
    """An archive in one SQLite file (or ``:memory:``)."""

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        path = str(path)
        super().__init__(path)
        if path != ":memory:":
            p = Path(path)
            if p.is_dir():
                raise ArchiveError(f"{path} is a directory: give the archive a file name, e.g. {p / 'party.db'}", db=path)
            if not p.parent.exists():
                raise ArchiveError(f"The folder {p.parent} does not exist: create it first", db=path)
        self._depth = 0
        try:
            self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ArchiveError(f"Cannot open the SQLite archive {path}: {exc}", db=path) from exc
        try:
            if path != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA busy_timeout=10000")
            self._conn.execute("PRAGMA cache_size=-65536")
            # checkpoint the WAL every ~32 MB rather than every 4 MB: a 500-article batch writes
            # several MB, and checkpointing after each one copied and synced pages every commit
            self._conn.execute("PRAGMA wal_autocheckpoint=8192")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise ArchiveError(f"{path} is not a partytext archive ({exc}): give a new file name or an archive", db=path) from exc

    # -- primitives ---------------------------------------------------------------------

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveError(f"The archive {self.location} is busy (another process is writing): retry later", db=self.location) from exc
            raise ArchiveError(f"SQLite error on {self.location}: {exc}", db=self.location) from exc
        except sqlite3.Error as exc:
            raise ArchiveError(f"SQLite error on {self.location}: {exc}", db=self.location) from exc

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise ArchiveError(f"SQLite error on {self.location}: {exc}", db=self.location) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._execute("COMMIT")

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]:
        cur = self._conn.cursor()
        try:
            cur.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise ArchiveError(f"SQLite error on {self.location}: {exc}", db=self.location) from exc
        try:
            yield from cur
        finally:
            cur.close()

    def close(self) -> None:
        if getattr(self, "_conn", None) is not None:
            try:
                self._conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > S.SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.location} was written by a newer partytext (schema {version} > {S.SCHEMA_VERSION}): "
                "upgrade partytext", db=self.location)
        if version == 0:
            tables = self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise ArchiveError(f"{self.location} is an SQLite file but not a partytext archive: "
                                   "give a new file name", db=self.location)
        with self._transaction():
            for v in range(version + 1, S.SCHEMA_VERSION + 1):
                log.info("migrating %s to schema %d", self.location, v)
                MIGRATIONS[v](self)
                self._conn.execute(f"PRAGMA user_version = {int(v)}")
            self._add_missing_columns()
        self._check_normalisation()

    def _add_missing_columns(self) -> None:
        """Columns for article and item fields that a newer records.py added."""
        have = {r[1] for r in self._conn.execute("PRAGMA table_info(articles)")}
        for col in S.ADDED_ARTICLE_COLUMNS:
            if col not in have:
                log.info("adding column articles.%s", col)
                self._conn.execute(f"ALTER TABLE articles ADD COLUMN {S.q(col)} TEXT")
        for name, cls in S.ITEM_TABLES.items():
            have = {r[1] for r in self._conn.execute(f"PRAGMA table_info({S.q(name)})")}
            if not have:  # a record field that a newer records.py added (places)
                log.info("adding table %s", name)
                self._conn.execute(f"CREATE TABLE {S.q(name)} (article_id TEXT NOT NULL, seq INTEGER NOT NULL,"
                                   " PRIMARY KEY (article_id, seq)) WITHOUT ROWID")
            for f in S.item_fields(cls):
                if f.name not in have:
                    log.info("adding column %s.%s", name, f.name)
                    self._conn.execute(f"ALTER TABLE {S.q(name)} ADD COLUMN {S.q(f.name)} {_sql_type(S.column_kind(f))}")

    def _check_normalisation(self) -> None:
        sig = norm_signature()
        stored = self.get_meta("norm_signature")
        if stored == sig:
            return
        if stored is not None and self.count():
            log.warning("normalisation changed since %s was indexed: rebuilding its search index", self.location)
            self.rebuild_index()
        self.set_meta("norm_signature", sig)

    def rebuild_index(self) -> None:
        """Rebuild the full-text index from the stored article texts."""
        with self._lock, self._transaction():
            self._reindex_all()
            self._execute("INSERT INTO changes (key) SELECT key FROM articles ORDER BY key")

    def _reindex_all(self) -> None:
        self._conn.execute("INSERT INTO fts (fts) VALUES ('delete-all')")
        self._conn.execute("DELETE FROM tokens")
        last = 0
        while True:
            rows = self._all("SELECT key, text FROM articles WHERE key > ? ORDER BY key LIMIT 1000", (last,))
            if not rows:
                break
            self._index_tokens([Tokens(k, syllables(canonical_form(t)), syllables(folded_form(t))) for k, t in rows])
            last = rows[-1][0]
        self.set_meta("stats", " ".join(map(str, self._compute_stats())))

    # -- full text ----------------------------------------------------------------------

    def _index_tokens(self, tokens: list[Tokens]) -> None:
        rows = [(t.key, len(t.canonical), token_string(t.canonical), token_string(t.folded)) for t in tokens]
        self._executemany("INSERT INTO tokens (key, n, c, f) VALUES (?, ?, ?, ?)", rows)
        self._executemany("INSERT INTO fts (rowid, c, f) VALUES (?, ?, ?)", [(-k, c, f) for k, _, c, f in rows])

    def _unindex_keys(self, keys: list[int]) -> int:
        removed = 0
        for chunk in batched(keys, 500):
            marks = ",".join("?" * len(chunk))
            rows = self._all(f"SELECT key, n, c, f FROM tokens WHERE key IN ({marks})", chunk)
            self._executemany("INSERT INTO fts (fts, rowid, c, f) VALUES ('delete', ?, ?, ?)",
                              [(-k, c, f) for k, _, c, f in rows])
            self._execute(f"DELETE FROM tokens WHERE key IN ({marks})", chunk)
            removed += sum(n for _, n, _, _ in rows)
        return removed

    def _index_dir(self) -> Path | None:
        return None if self.location == ":memory:" else Path(self.location + "-tantivy")

    def _index_rows(self, keys: list[int] | None) -> Iterator[tuple]:
        sql = ("SELECT t.key, CAST(t.c AS TEXT), CAST(t.f AS TEXT), a.site, a.province"
               " FROM tokens t JOIN articles a ON a.key = t.key")
        if keys is not None:
            for chunk in batched(sorted(keys), 500):
                yield from self._all(sql + f" WHERE t.key IN ({','.join('?' * len(chunk))}) ORDER BY t.key", chunk)
            return
        last = -1
        while True:
            rows = self._all(sql + " WHERE t.key > ? ORDER BY t.key LIMIT 2000", (last,))
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def _compute_stats(self) -> tuple[int, int]:
        row = self._one("SELECT count(*), coalesce(sum(n), 0) FROM tokens")
        return int(row[0]), int(row[1])

    def _match(self, query: Query) -> tuple[str, list[Any]]:
        return "a.key IN (SELECT -rowid FROM fts WHERE fts MATCH ?)", [query.fts5(FTS_COLUMNS)]

    def _where(self, query: Query, filters: Filters) -> tuple[str, str, list[Any]]:
        """(FROM clause, WHERE clause, params) selecting the matches as ``fts`` rows."""
        conds, params = ["fts MATCH ?"], [query.fts5(FTS_COLUMNS)]
        # date bounds go to the FTS rowid (= -key); site and province to the join
        if filters.key_lo is not None:
            conds.append("fts.rowid <= ?")
            params.append(-filters.key_lo)
        if filters.key_hi is not None:
            conds.append("fts.rowid > ?")
            params.append(-filters.key_hi)
        source = "fts"
        if filters.site is not None or filters.province is not None:
            source = "fts CROSS JOIN articles a ON a.key = -fts.rowid"
            rest, rest_params = Filters(site=filters.site, province=filters.province, places=filters.places).sql("a")
            conds.append(rest)
            params += rest_params
        return source, " AND ".join(conds), params

    def _walk(self, query: Query, filters: Filters, limit: int) -> list[int]:
        source, where, params = self._where(query, filters)
        rows = self._all(f"SELECT fts.rowid FROM {source} WHERE {where} ORDER BY fts.rowid LIMIT ?", [*params, limit])
        return [-r[0] for r in rows]

    def _count(self, query: Query, filters: Filters) -> int:
        source, where, params = self._where(query, filters)
        return int(self._one(f"SELECT count(*) FROM {source} WHERE {where}", params)[0])

    def _count_keys(self, lo: int | None, hi: int | None) -> int:
        # fts_docsize has one narrow row per article, keyed by the FTS rowid (= -key)
        conds, params = ["1=1"], []
        if lo is not None:
            conds.append("id <= ?")
            params.append(-lo)
        if hi is not None:
            conds.append("id > ?")
            params.append(-hi)
        return int(self._one(f"SELECT count(*) FROM fts_docsize WHERE {' AND '.join(conds)}", params)[0])

    def _term_counts(self, keys: list[int], mode: str, patterns: list[str]) -> dict[int, tuple[int, list[int]]]:
        # counted in Python on the UTF-8 bytes: cheaper than SQL replace() or decoding
        col = "c" if mode == CANONICAL else "f"
        encoded = [p.encode("utf-8") for p in patterns]
        out: dict[int, tuple[int, list[int]]] = {}
        for chunk in batched(keys, 5000):
            sql = f"SELECT key, n, CAST({col} AS BLOB) FROM tokens WHERE key IN ({','.join('?' * len(chunk))})"
            for key, n, data in self._all(sql, chunk):
                out[key] = (n, [data.count(p) for p in encoded])
        return out
