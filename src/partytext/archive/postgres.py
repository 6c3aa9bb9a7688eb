"""The PostgreSQL archive (psycopg 3): the same interface and the same matches as SQLite.

partytext tokenises and normalises in Python, exactly as for SQLite, and stores per
article, for each of the two forms (``c`` canonical, ``f`` folded):

* ``ctoks``/``ftoks``: the syllables joined by single spaces, with a space at each end;
* ``ctsv``/``ftsv``: a ``tsvector`` of the distinct syllables, without positions
  (GIN-indexed), written as a literal so PostgreSQL's own parser and dictionaries play no
  part.

A query first narrows down with the GIN index (every syllable of a phrase present, so
nothing is lost to tsvector's position limits), then checks each phrase exactly with
``strpos(toks, ' a b c ') > 0``. Rows are kept in the table page up to
:data:`TOAST_TUPLE_TARGET` bytes, so that a newest-first walk does not fetch each row's
search columns from TOAST. Server-side prepared statements are off: a search's best plan
depends on how common its words are. Counting and relevance are bounded
as on SQLite (:mod:`.ranking`): BM25 over the newest candidates, with phrase frequencies
counted in ``ctoks``/``ftoks``. Batches are written with ``COPY``. All values travel as
parameters.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import ArchiveError, missing_extra
from . import schema as S
from .base import Archive, Filters
from .query import CANONICAL, FOLDED, Phrase, Query
from .ranking import phrase_pattern, token_string
from .write import Tokens

log = logging.getLogger(__name__)

MAX_LEXEME_BYTES = 2046  # longer "syllables" (runs of digits, say) are left out of the tsvector

#: Syllables in a stored syllable string (one space before each, one at the end); bytes,
#: since length() counts UTF-8 characters one by one
_SYLLABLES = "octet_length({col}) - octet_length(replace({col}, ' ', '')) - 1"

#: Keep rows up to this size in the table page, compressed, instead of moving the search
#: columns to TOAST: a newest-first walk checks its conditions row by row, and fetching
#: each tsvector from the TOAST table made that about 2x slower.
TOAST_TUPLE_TARGET = 8160


def _sql_type(kind: str) -> str:
    return {"int": "BIGINT", "float": "DOUBLE PRECISION", "text": "TEXT"}[kind]


def _lexeme(word: str) -> bool:
    """Whether a syllable fits in a tsvector (longer ones are matched on the syllable string)."""
    return len(word.encode("utf-8")) <= MAX_LEXEME_BYTES


def tsvector_literal(words: list[str]) -> str:
    """A tsvector literal of the distinct ``words`` (letters and digits only, so no quoting
    issues). No positions: phrases are checked on the syllable string, so positions would
    only make every row bigger to read."""
    return " ".join(f"'{w}'" for w in dict.fromkeys(words) if _lexeme(w))


def _schema_v1(arc: PostgresArchive) -> None:
    ex = arc._raw
    ex("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    ex("""CREATE TABLE articles (
        key BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT, url TEXT, site TEXT,
        title TEXT, lead TEXT, author TEXT, published TEXT, day TEXT, province TEXT,
        text TEXT NOT NULL, content_hash TEXT NOT NULL, added TEXT, updated TEXT,
        ctoks TEXT, ftoks TEXT, ctsv TSVECTOR, ftsv TSVECTOR)""")
    for col in ("url", "site", "province", "day"):
        ex(f"CREATE INDEX articles_{col} ON articles ({col})")
    ex("CREATE INDEX articles_ctsv ON articles USING GIN (ctsv)")
    ex("CREATE INDEX articles_ftsv ON articles USING GIN (ftsv)")
    for name, cls in S.ITEM_TABLES.items():
        cols = [f"{S.q(f.name)} {_sql_type(S.column_kind(f))}" for f in S.item_fields(cls)]
        if name == "figures":
            cols += ["unit_key TEXT", "unit_fold TEXT"]
        ex(f"CREATE TABLE {S.q(name)} (article_id TEXT NOT NULL, seq INTEGER NOT NULL, {', '.join(cols)},"
           " PRIMARY KEY (article_id, seq))")
    ex("CREATE INDEX figures_kind ON figures (kind)")
    ex("CREATE TABLE keywords (article_id TEXT NOT NULL, seq INTEGER NOT NULL, word TEXT NOT NULL,"
       " weight DOUBLE PRECISION, PRIMARY KEY (article_id, seq))")


def _schema_v2(arc: PostgresArchive) -> None:
    """Compact sort keys (see schema.key_base)."""
    old = [r[0] for r in arc._raw("SELECT key FROM articles")]
    if old:
        log.warning("upgrading %s to schema 2 (%d articles): re-keying", _redact(arc.location), len(old))
        arc._raw("UPDATE articles SET key = -key - 1")
        with arc._conn.cursor() as cur:
            cur.executemany("UPDATE articles SET key = %s WHERE key = %s",
                            [(new, -k - 1) for k, new in zip(old, S.rekey_v1(old))])
    arc._raw("DELETE FROM meta WHERE key = 'stats'")


def _schema_v3(arc: PostgresArchive) -> None:
    """The change log for the relevance index (see textindex) and the archive's id."""
    arc._raw("CREATE TABLE changes (seq BIGSERIAL PRIMARY KEY, key BIGINT NOT NULL)")
    arc._raw("INSERT INTO changes (key) SELECT key FROM articles ORDER BY key")
    arc._raw("INSERT INTO meta (key, value) VALUES ('archive_id', %s) ON CONFLICT (key) DO NOTHING",
             (uuid.uuid4().hex,))


MIGRATIONS = {1: _schema_v1, 2: _schema_v2, 3: _schema_v3}

#: pg_advisory_xact_lock key taken by every write transaction (writers queue on it)
WRITE_LOCK = 7262736575

#: Where relevance indexes of PostgreSQL archives live (one folder per archive id), unless
#: the environment variable PARTYTEXT_INDEX_DIR names another folder.
INDEX_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "partytext" / "tantivy"


class PostgresArchive(Archive):
    """An archive in a PostgreSQL database (``postgresql://user@host:port/dbname``)."""

    backend = "postgresql"
    # newest first, the relevance index ordered by key beats GIN + a sort on every class:
    # 30k articles, p95 1.2 / 3.0 / 2.7 ms against 25 / 112 / 114 ms (docs/archive.md)
    newest_words_in_index = True

    def __init__(self, url: str) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:
            raise missing_extra("postgres", "psycopg[binary]") from exc
        self._psycopg = psycopg
        self._depth = 0
        try:
            # no server-side prepared statements: a search's best plan depends on how common
            # its words are, and a generic plan (chosen after a few runs of the same SQL text)
            # made frequent-phrase searches 10-40x slower
            self._conn = psycopg.connect(url, autocommit=True, prepare_threshold=None)
        except psycopg.Error as exc:
            raise ArchiveError(
                f"Cannot connect to PostgreSQL at {_redact(url)}: {exc}. Check that the server runs and "
                "the database exists (createdb NAME)", db=_redact(url)) from exc
        self._migrate()

    # -- primitives ---------------------------------------------------------------------

    def _raw(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self._conn.execute(sql, tuple(params) or None)

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            return self._conn.execute(sql.replace("?", "%s"), tuple(params) or None)
        except self._psycopg.Error as exc:
            raise ArchiveError(f"PostgreSQL error on {_redact(self.location)}: {exc}", db=_redact(self.location)) from exc

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        try:
            with self._conn.cursor() as cur:
                cur.executemany(sql.replace("?", "%s"), rows)
        except self._psycopg.Error as exc:
            raise ArchiveError(f"PostgreSQL error on {_redact(self.location)}: {exc}", db=_redact(self.location)) from exc

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self._conn.transaction():
                yield
        finally:
            self._depth = 0

    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]:
        """Rows through a server-side cursor (in its own connection, so other queries can
        run while it is read)."""
        try:
            conn = self._psycopg.connect(self.location, prepare_threshold=None)
        except self._psycopg.Error as exc:
            raise ArchiveError(f"PostgreSQL error on {_redact(self.location)}: {exc}", db=_redact(self.location)) from exc
        try:
            # a stream is read to the end: plan for the whole result, not for its first rows
            # (the default fast-start plan for the figures join took 950 s at 100k articles)
            conn.execute("SET cursor_tuple_fraction = 1.0")
            with conn.cursor(name="partytext_stream") as cur:
                cur.itersize = 2000
                cur.execute(sql.replace("?", "%s"), tuple(params) or None)
                yield from cur
        except self._psycopg.Error as exc:
            raise ArchiveError(f"PostgreSQL error on {_redact(self.location)}: {exc}", db=_redact(self.location)) from exc
        finally:
            conn.close()

    def close(self) -> None:
        if getattr(self, "_conn", None) is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._raw("SELECT to_regclass('meta')").fetchone()[0]
        if exists is None:
            return 0
        row = self._raw("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        try:
            with self._conn.transaction():
                # one migrating process at a time
                self._raw("SELECT pg_advisory_xact_lock(7262736574)")
                version = self.schema_version()
                if version > S.SCHEMA_VERSION:
                    raise ArchiveError(
                        f"The database was written by a newer partytext (schema {version} > "
                        f"{S.SCHEMA_VERSION}): upgrade partytext", db=_redact(self.location))
                if version == 0 and self._raw("SELECT to_regclass('articles')").fetchone()[0] is not None:
                    raise ArchiveError("The database has an 'articles' table that partytext did not create: "
                                       "use an empty database", db=_redact(self.location))
                for v in range(version + 1, S.SCHEMA_VERSION + 1):
                    log.info("migrating %s to schema %d", _redact(self.location), v)
                    MIGRATIONS[v](self)
                    self._raw("INSERT INTO meta (key, value) VALUES ('schema_version', %s) ON CONFLICT (key)"
                              " DO UPDATE SET value = excluded.value", (str(v),))
                if f"toast_tuple_target={TOAST_TUPLE_TARGET}" not in (self._raw(
                        "SELECT reloptions FROM pg_class WHERE oid = 'articles'::regclass").fetchone()[0] or []):
                    # applies to rows written from now on (older ones keep their layout)
                    self._raw(f"ALTER TABLE articles SET (toast_tuple_target = {TOAST_TUPLE_TARGET})")
                for col in S.ADDED_ARTICLE_COLUMNS:  # article fields a newer records.py added
                    self._raw(f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS {S.q(col)} TEXT")
                for name, cls in S.ITEM_TABLES.items():
                    # a record field that a newer records.py added (places)
                    self._raw(f"CREATE TABLE IF NOT EXISTS {S.q(name)} (article_id TEXT NOT NULL,"
                              " seq INTEGER NOT NULL, PRIMARY KEY (article_id, seq))")
                    for f in S.item_fields(cls):
                        self._raw(f"ALTER TABLE {S.q(name)} ADD COLUMN IF NOT EXISTS {S.q(f.name)} "
                                  f"{_sql_type(S.column_kind(f))}")
        except self._psycopg.Error as exc:
            raise ArchiveError(f"Cannot set up the archive in {_redact(self.location)}: {exc}",
                               db=_redact(self.location)) from exc

    # -- full text ----------------------------------------------------------------------

    def _insert(self, table: str, cols: list[str], rows: list[tuple], marks: list[str] | None = None) -> None:
        """Bulk insert with COPY (text format: PostgreSQL parses each value, tsvectors included)."""
        if not rows:
            return
        try:
            sql = f"COPY {S.q(table)} ({', '.join(S.q(c) for c in cols)}) FROM STDIN"
            with self._conn.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except self._psycopg.Error as exc:
            raise ArchiveError(f"PostgreSQL error on {_redact(self.location)}: {exc}", db=_redact(self.location)) from exc

    def _search_values(self, canonical: list[str], folded: list[str]) -> dict[str, tuple[str, Any]]:
        return {
            "ctoks": ("?", token_string(canonical)),
            "ftoks": ("?", token_string(folded)),
            "ctsv": ("?::tsvector", tsvector_literal(canonical)),
            "ftsv": ("?::tsvector", tsvector_literal(folded)),
        }

    def _index_tokens(self, tokens: list[Tokens]) -> None:
        pass  # the search columns are part of the article row

    def _lock_writes(self) -> None:
        # new keys (max(key)+1 per slot), the statistics and the set hash are read, modified
        # and written back: two writers at once took the same keys and lost counts
        self._execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    def _index_dir(self) -> Path | None:
        return Path(os.environ.get("PARTYTEXT_INDEX_DIR") or INDEX_HOME) / self.archive_id()

    def _index_rows(self, keys: list[int] | None) -> Iterator[tuple]:
        sql = "SELECT key, ctoks, ftoks, site, province FROM articles"
        if keys is not None:
            for i in range(0, len(keys), 2000):
                yield from self._all(sql + " WHERE key = ANY(?::bigint[]) ORDER BY key",
                                     [_bigint_array(keys[i:i + 2000])])
            return
        yield from self._stream(sql + " ORDER BY key")

    def _after_bulk_write(self) -> None:
        # fresh statistics, or the planner picks nested loops for the searches and figures
        # that follow a bulk load; and a fresh visibility map, so that counting the articles
        # in a key range reads the index only (autovacuum would only get to both later)
        for table in ("articles", *S.ITEM_TABLES):
            self._execute(f"VACUUM (ANALYZE) {S.q(table)}")

    def _unindex_keys(self, keys: list[int]) -> int:
        row = self._one(f"SELECT coalesce(sum({_SYLLABLES.format(col='ctoks')}), 0) FROM articles"
                        " WHERE key = ANY(?::bigint[])", (_bigint_array(keys),))
        return int(row[0])

    def _compute_stats(self) -> tuple[int, int]:
        row = self._one(f"SELECT count(*), coalesce(sum({_SYLLABLES.format(col='ctoks')}), 0) FROM articles")
        return int(row[0]), int(row[1])

    @staticmethod
    def _relaxed(query: Query, mode: str) -> str:
        """A tsquery on the ``mode`` form's tsvector that every matching article satisfies
        (phrase positions ignored; syllables too long to be lexemes left out; groups with a
        phrase in the other form left out); "" when nothing narrows."""

        def phrase(p: Phrase) -> str:
            return " & ".join(f"'{w}'" for w in p.words if _lexeme(w))

        parts = []
        for g in query.groups:
            alternatives = [phrase(p) for p in g]
            if all(alternatives) and all(p.mode == mode for p in g):
                parts.append("(" + " | ".join(f"({a})" for a in alternatives) + ")")
        parts += [f"!'{p.words[0]}'" for p in query.excluded
                  if p.mode == mode and len(p.words) == 1 and _lexeme(p.words[0])]
        return " & ".join(parts)

    def _match(self, query: Query) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        narrowed = set()
        for mode in (CANONICAL, FOLDED):
            relaxed = self._relaxed(query, mode)
            if relaxed:
                conds.append(f"a.{mode[0]}tsv @@ ?::tsquery")
                params.append(relaxed)
                narrowed.add(mode)

        def decided(p: Phrase) -> bool:
            return len(p.words) == 1 and _lexeme(p.words[0])

        def exact(p: Phrase) -> str:
            c = p.mode[0]  # "c"anonical or "f"olded columns
            if decided(p):
                params.append(f"'{p.words[0]}'")
                return f"a.{c}tsv @@ ?::tsquery"
            params.append(phrase_pattern(p.words))
            return f"strpos(a.{c}toks, ?) > 0"

        for g in query.groups:
            if len(g) == 1 and decided(g[0]) and g[0].mode in narrowed:
                continue  # fully decided by the index condition
            conds.append("(" + " OR ".join(exact(p) for p in g) + ")")
        for p in query.excluded:
            if not (decided(p) and p.mode in narrowed):
                conds.append(f"NOT ({exact(p)})")
        return " AND ".join(conds) or "TRUE", params

    def _walk(self, query: Query, filters: Filters, limit: int) -> list[int]:
        cond, params = self._match(query)
        where, fparams = filters.sql("a")
        rows = self._all(f"SELECT a.key FROM articles a WHERE {cond} AND {where} ORDER BY a.key DESC LIMIT ?",
                         [*params, *fparams, limit])
        return [r[0] for r in rows]

    def _count(self, query: Query, filters: Filters) -> int:
        cond, params = self._match(query)
        where, fparams = filters.sql("a")
        return int(self._one(f"SELECT count(*) FROM articles a WHERE {cond} AND {where}", [*params, *fparams])[0])

    def _count_keys(self, lo: int | None, hi: int | None) -> int:
        where, params = Filters(key_lo=lo, key_hi=hi).sql("a")
        return int(self._one(f"SELECT count(*) FROM articles a WHERE {where}", params)[0])

    def _term_counts(self, keys: list[int], mode: str, patterns: list[str]) -> dict[int, tuple[int, list[int]]]:
        # counted in Python, as on SQLite: PostgreSQL's replace() on 1,000 strings took ~70 ms
        col = "ctoks" if mode == CANONICAL else "ftoks"
        # keys as one array literal: psycopg's list adapter cost ~7 ms per 1,000
        rows = self._all(f"SELECT key, {col} FROM articles WHERE key = ANY(?::bigint[])", [_bigint_array(keys)])
        return {key: (toks.count(" ") - 1, [toks.count(p) for p in patterns]) for key, toks in rows}


def _bigint_array(keys: Iterable[int]) -> str:
    """A PostgreSQL array literal of integer keys."""
    return "{" + ",".join(str(int(k)) for k in keys) + "}"


def _redact(url: str) -> str:
    """The URL without its password."""
    try:
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        pass
    return url
