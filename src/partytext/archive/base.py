"""The archive interface, its results, and the logic both backends share.

A backend supplies a connection with ``?`` placeholders (:meth:`Archive._execute`),
transactions, streaming, and the full-text parts (indexing syllables, walking the matches
of a query newest first, counting, term frequencies of candidates); everything else
(batched upserts in :mod:`.write`, record tables, bounded counts and BM25 in
:mod:`.ranking`, figures, keywords, meta, fingerprint) is here and runs the same SQL on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from ..errors import QueryError
from ..records import Article, Record
from . import schema as S
from .query import Query, canonical_form, folded_form, has_diacritics, syllables
from .search import SORTS, Filters, Hit, SearchMixin, SearchResult, make_filters, no_nul  # noqa: F401 (re-exported)
from .textindex import TextIndex
from .write import Tokens, WriteMixin

log = logging.getLogger(__name__)

#: Figure rows buffered by :meth:`Archive.figures` before their articles' texts are fetched.
FIGURE_BATCH = 2000


class Archive(SearchMixin, WriteMixin, ABC):
    """Articles and their records, searchable. Open one with :func:`open_archive`."""

    backend = "abstract"

    def __init__(self, location: str) -> None:
        self.location = location
        self._lock = threading.RLock()
        self._tix: TextIndex | None = None

    # -- backend primitives -------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: list[tuple]) -> None: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager: ...

    @abstractmethod
    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]: ...

    def _search_values(self, canonical: list[str], folded: list[str]) -> dict[str, tuple[str, Any]]:
        """Extra ``articles`` columns for full-text search: column -> (placeholder, value)."""
        return {}

    @abstractmethod
    def _index_tokens(self, tokens: list[Tokens]) -> None:
        """Make newly inserted articles searchable."""

    @abstractmethod
    def _unindex_keys(self, keys: list[int]) -> int:
        """Remove articles from the search index; returns how many syllables they had."""

    @abstractmethod
    def _compute_stats(self) -> tuple[int, int]:
        """(articles, syllables in all their texts), counted from the stored data."""

    @abstractmethod
    def _match(self, query: Query) -> tuple[str, list[Any]]:
        """An SQL condition on ``articles a`` that holds for the articles matching ``query``."""

    @abstractmethod
    def _walk(self, query: Query, filters: Filters, limit: int) -> list[int]:
        """Keys of the newest ``limit`` articles matching ``query``, newest first."""

    @abstractmethod
    def _count(self, query: Query, filters: Filters) -> int:
        """The exact number of articles matching ``query``."""

    @abstractmethod
    def _count_keys(self, lo: int | None, hi: int | None) -> int:
        """Articles with ``lo <= key < hi`` (None: unbounded)."""

    @abstractmethod
    def _term_counts(self, keys: list[int], mode: str, patterns: list[str]) -> dict[int, tuple[int, list[int]]]:
        """key -> (syllables in the text, occurrences of each pattern) for ``keys``."""

    @abstractmethod
    def _index_rows(self, keys: list[int] | None) -> Iterator[tuple]:
        """Rows ``(key, c, f, site, province)`` for the relevance index: of the existing
        articles among ``keys``, or of every article (``None``), in key order."""

    @abstractmethod
    def _index_dir(self) -> Path | None:
        """Where the relevance index lives (``None``: in memory)."""

    @abstractmethod
    def close(self) -> None: ...

    # -- the relevance index (see textindex) ---------------------------------------------

    def archive_id(self) -> str:
        """A random id given to the archive when it was created (names its relevance index)."""
        return self.get_meta("archive_id") or ""

    def text_index(self) -> TextIndex:
        """The relevance index, brought up to date with the stored articles."""
        with self._lock:
            if self._tix is None:
                self._tix = TextIndex(self._index_dir(), self.archive_id())
            head = int(self._one("SELECT coalesce(max(seq), 0) FROM changes")[0])
            if self._tix.applied() != head:
                self._tix.catch_up(head, self._changed_since, lambda keys: self._index_rows(keys),
                                   lambda: self._index_rows(None))
            return self._tix

    def _changed_since(self, seq: int, head: int) -> Iterator[int]:
        for (key,) in self._stream("SELECT key FROM changes WHERE seq > ? AND seq <= ?", (seq, head)):
            yield key

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location!r}>"

    def _one(self, sql: str, params: Iterable[Any] = ()) -> tuple | None:
        return self._execute(sql, params).fetchone()

    def _all(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self._execute(sql, params).fetchall()

    # -- reading ------------------------------------------------------------------------

    def has(self, id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (id,)) is not None

    def has_url(self, url: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE url = ?", (url,)) is not None

    def count(self) -> int:
        return int(self._one("SELECT count(*) FROM articles")[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT id FROM articles ORDER BY key")]

    _ARTICLE_SELECT = f"SELECT key, {', '.join(S.ARTICLE_COLUMNS)} FROM articles"

    def get(self, id: str) -> Record | None:
        row = self._one(self._ARTICLE_SELECT + " WHERE id = ?", (id,))
        if row is None:
            return None
        return self._records([row])[0]

    def _records(self, rows: list[tuple]) -> list[Record]:
        ids = [r[1] for r in rows]
        items: dict[str, dict[str, list]] = {i: {n: [] for n in S.ITEM_TABLES} for i in ids}
        marks = ",".join("?" for _ in ids)
        for name, cls in S.ITEM_TABLES.items():
            fields = S.item_fields(cls)
            cols = ", ".join(S.q(f.name) for f in fields)
            sql = f"SELECT article_id, {cols} FROM {S.q(name)} WHERE article_id IN ({marks}) ORDER BY article_id, seq"
            for r in self._all(sql, ids):
                data = {f.name: (S.plain_number(v) if S.column_kind(f) == "float" else S.field_value(f, v))
                        for f, v in zip(fields, r[1:])}
                items[r[0]][name].append(cls(**data))
        out = []
        for r in rows:
            _key, rid, source, url, site, title, lead, author, publisher, published, _prov, text = r
            article = Article(text=text, title=title, lead=lead, author=author, publisher=publisher,
                              published=published, url=url, site=site, id=rid)
            out.append(Record(article=article, source=source, **items[rid]))
        return out

    def _pages(self, sql: str, batch: int, params: list[Any] | None = None) -> Iterator[list[tuple]]:
        """Keyset pages over ``articles`` (``sql`` selects key first and has a WHERE)."""
        last = -1
        while True:
            rows = self._all(sql + " AND key > ? ORDER BY key LIMIT ?", [*(params or []), last, batch])
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def iter_records(self, *, batch: int = 500) -> Iterator[Record]:
        """Every record, oldest first, fetched ``batch`` at a time (never capped)."""
        for rows in self._pages(self._ARTICLE_SELECT + " WHERE 1=1", batch):
            yield from self._records(rows)

    def iter_articles(self, *, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every article as a dict of :data:`schema.ARTICLE_COLUMNS`: id, source, url, site,
        title, lead, author, publisher, published, province, text."""
        for rows in self._pages(self._ARTICLE_SELECT + " WHERE 1=1", batch):
            for r in rows:
                yield dict(zip(S.ARTICLE_COLUMNS, r[1:]))

    # -- figures ------------------------------------------------------------------------

    def figures(self, *, unit: str | None = None, kind: str | None = None, site: str | None = None,
                date_from: Any = None, date_to: Any = None, province: str | None = None,
                admin: str | None = None) -> Iterator[dict[str, Any]]:
        """Figures with their article, oldest article first, streamed.

        ``unit`` matches figures whose unit contains those syllables ("đảng viên" matches
        "đảng viên" and "đảng viên mới"; typed without diacritics it matches every form).
        """
        where, params = make_filters(site, date_from, date_to, province, admin).sql()
        conds = [where]
        no_nul("kind", kind)
        if kind:
            conds.append("f.kind = ?")
            params.append(kind)
        if unit:
            col, form = ("unit_key", canonical_form) if has_diacritics(unit) else ("unit_fold", folded_form)
            words = syllables(form(unit))
            if not words:
                raise QueryError(f"Unit {unit!r} has no letters or digits to match")
            conds.append(f"(' ' || f.{col} || ' ') LIKE ?")
            params.append("% " + " ".join(words) + " %")
        fields = [f.name for f in S.item_fields(S.ITEM_TABLES["figures"])]
        cols = ", ".join(f"f.{S.q(c)}" for c in fields)
        sql = (f"SELECT a.id, a.title, a.source, a.url, a.site, a.published, a.province, {cols}"
               f" FROM figures f JOIN articles a ON a.id = f.article_id WHERE {' AND '.join(conds)}"
               " ORDER BY a.key, f.seq")
        names = ("article_id", "title", "source", "url", "site", "published", "province")
        buffered: list[tuple] = []
        for row in self._stream(sql, params):
            if len(buffered) >= FIGURE_BATCH and row[0] != buffered[-1][0]:
                yield from self._figure_rows(buffered, names, fields)
                buffered = []
            buffered.append(row)
        yield from self._figure_rows(buffered, names, fields)

    def _figure_rows(self, rows: list[tuple], names: tuple[str, ...], fields: list[str]) -> Iterator[dict[str, Any]]:
        """Figure rows as dicts with their sentences; the articles' texts in one query."""
        ids = list(dict.fromkeys(r[0] for r in rows))
        texts = dict(self._all(f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)
                     ) if ids else {}
        for row in rows:
            art = dict(zip(names, row[:7]))
            fig = {c: (S.plain_number(v) if c in ("value", "high") else v) for c, v in zip(fields, row[7:])}
            for c in ("owner", "place"):  # facts: stored as JSON text
                if isinstance(fig.get(c), str):
                    fig[c] = S.json_loads(fig[c])
            fig["sentence_index"] = fig.pop("sentence")
            fig["sentence"] = S.sentence_around(texts[art["article_id"]], fig["start"], fig["end"])
            yield fig | art

    # -- keywords and meta --------------------------------------------------------------

    def set_keywords(self, id: str, keywords: Iterable[tuple[str, float]]) -> None:
        rows = [(id, rank, str(w), float(s)) for rank, (w, s) in enumerate(keywords)]
        with self._lock, self._transaction():
            self._execute("DELETE FROM keywords WHERE article_id = ?", (id,))
            if rows:
                self._executemany("INSERT INTO keywords (article_id, seq, word, weight) VALUES (?,?,?,?)", rows)

    def keywords(self, id: str) -> list[tuple[str, float]]:
        return [(r[0], float(r[1])) for r in
                self._all("SELECT word, weight FROM keywords WHERE article_id = ? ORDER BY seq", (id,))]

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._transaction():
            self._execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, str(value)),
            )

    def fingerprint(self) -> str:
        """Changes whenever the set of articles or any article's content changes."""
        return f"{self.count()}-{(self.get_meta('set_hash') or '0').lstrip('0')[:16] or '0'}"
