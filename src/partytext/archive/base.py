"""The archive interface, its results, and the logic both backends share.

A backend supplies a connection with ``?`` placeholders (:meth:`Archive._execute`),
transactions, streaming, and the full-text parts (indexing a text, matching a query);
everything else (upserts, record tables, figures, keywords, meta, fingerprint) is here
and runs the same SQL on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ..errors import QueryError, RecordError
from ..records import Article, Record
from . import schema as S
from .provinces import province_of, resolve_province
from .query import CANONICAL, Query, canonical_form, folded_form, has_diacritics, parse, syllables
from .snippets import HIGHLIGHT, SNIPPET_CHARS, make_snippet

log = logging.getLogger(__name__)

SORTS = ("newest", "relevance")


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    id: str
    source: str | None
    url: str | None
    site: str | None
    title: str | None
    published: str | None
    snippet: str
    score: float
    province: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True)
class SearchResult:
    """``total`` matching articles in all; ``hits`` is the requested page of them."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    query: str = ""

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


@dataclass(frozen=True, slots=True)
class Filters:
    """Search filters resolved to column values and sort-key bounds."""

    site: str | None = None
    key_lo: int | None = None
    key_hi: int | None = None
    province: str | None = None

    def sql(self, alias: str = "a") -> tuple[str, list[Any]]:
        conds, params = [], []
        if self.site is not None:
            conds.append(f"{alias}.site = ?")
            params.append(self.site)
        if self.key_lo is not None:
            conds.append(f"{alias}.key >= ?")
            params.append(self.key_lo)
        if self.key_hi is not None:
            conds.append(f"{alias}.key < ?")
            params.append(self.key_hi)
        if self.province is not None:
            conds.append(f"{alias}.province = ?")
            params.append(self.province)
        return (" AND ".join(conds) or "1=1"), params


def no_nul(name: str, value: Any) -> None:
    """Filter values go to SQL as parameters; PostgreSQL refuses NUL characters in them."""
    if isinstance(value, str) and "\x00" in value:
        raise QueryError(f"The {name} filter {value!r} contains a NUL character: remove it")


def make_filters(site=None, date_from=None, date_to=None, province=None) -> Filters:
    no_nul("site", site)
    no_nul("province", province)
    lo, hi = S.key_range(date_from, date_to)
    prov = None
    if province:
        prov = resolve_province(province)
        if prov is None:
            raise QueryError(
                f"Unknown province {province!r}: use a province or city name such as 'Gia Lai', "
                f"'Hà Nội' or 'TP.HCM' (see partytext.archive.provinces.PROVINCES)"
            )
    return Filters(site=site or None, key_lo=lo, key_hi=hi, province=prov)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Archive(ABC):
    """Articles and their records, searchable. Open one with :func:`open_archive`."""

    backend = "abstract"

    def __init__(self, location: str) -> None:
        self.location = location
        self._lock = threading.RLock()

    # -- backend primitives -------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Iterable[Any] = ()) -> Any: ...

    @abstractmethod
    def _executemany(self, sql: str, rows: list[tuple]) -> None: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager: ...

    @abstractmethod
    def _stream(self, sql: str, params: Iterable[Any] = ()) -> Iterator[tuple]: ...

    def _search_columns(self, text: str) -> dict[str, tuple[str, Any]]:
        """Extra ``articles`` columns for full-text search: column -> (placeholder, value)."""
        return {}

    @abstractmethod
    def _index_text(self, key: int, text: str) -> None: ...

    @abstractmethod
    def _unindex_text(self, key: int, text: str) -> None: ...

    @abstractmethod
    def _match(self, query: Query) -> tuple[str, list[Any]]:
        """An SQL condition on ``articles a`` that holds for the articles matching ``query``."""

    @abstractmethod
    def _search(self, query: Query, filters: Filters, sort: str, limit: int, offset: int
                ) -> tuple[int, list[tuple]]:
        """(total, rows of key, id, source, url, site, title, published, province, score, text)."""

    @abstractmethod
    def close(self) -> None: ...

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

    # -- writing ------------------------------------------------------------------------

    def add(self, record: Record) -> str:
        """Add or update one record (upsert by ``record.article.id``); returns the id."""
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[Record], *, batch: int = 500) -> list[str]:
        """Add or update records, one transaction per ``batch``; returns their ids."""
        return [rid for rid, _ in self.write_many(records, batch=batch)]

    def write_many(self, records: Iterable[Record], *, batch: int = 500) -> Iterator[tuple[str, str]]:
        """Like :meth:`add_many`, yielding ``(id, status)`` with status "added", "updated"
        or "unchanged" as each batch commits."""
        for chunk in _batched(records, batch):
            with self._lock, self._transaction():
                set_hash = self.get_meta("set_hash") or "0"
                out = []
                for record in chunk:
                    rid, status, set_hash = self._write(record, set_hash)
                    out.append((rid, status))
                self.set_meta("set_hash", set_hash)
            yield from out

    def _write(self, record: Record, set_hash: str) -> tuple[str, str, str]:
        if not isinstance(record, Record):
            raise RecordError(f"The archive stores partytext Records, not {type(record).__name__}")
        record.check_offsets()
        record = S.nfc_record(record)
        art = record.article
        rid = art.id
        chash = S.content_hash(record)
        old = self._one("SELECT key, content_hash, text, published, added FROM articles WHERE id = ?", (rid,))
        if old and old[1] == chash:
            return rid, "unchanged", set_hash
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        base = S.key_base(art.published)
        added = now
        if old:
            self._delete_rows(rid, old[0], old[2])
            set_hash = S.xor_hex(set_hash, old[1])
            added = old[4]
        key = old[0] if old and S.key_base(old[3]) == base else self._new_key(base)
        day = None
        if base >= 1 << S.KEY_SHIFT:
            minute = base >> S.KEY_SHIFT
            day = (dt.datetime(1900, 1, 1) + dt.timedelta(minutes=minute)).date().isoformat()
        province = province_of(art.title, art.lead, art.text, art.site)
        values = {"key": key, "id": rid, "source": record.source, "url": art.url, "site": art.site,
                  "title": art.title, "lead": art.lead, "author": art.author, "published": art.published,
                  "day": day, "province": province, "text": art.text, "content_hash": chash,
                  "added": added, "updated": now}
        marks = ["?"] * len(values)
        for col, (mark, value) in self._search_columns(art.text).items():
            values[col] = value
            marks.append(mark)
        self._execute(f"INSERT INTO articles ({', '.join(values)}) VALUES ({', '.join(marks)})",
                      tuple(values.values()))
        for name, cls in S.ITEM_TABLES.items():
            items = getattr(record, name)
            if not items:
                continue
            fields = [f.name for f in S.item_fields(cls)]
            cols = ["article_id", "seq", *fields]
            extra: list[str] = []
            if name == "figures":
                extra = ["unit_key", "unit_fold"]
            rows = []
            for seq, item in enumerate(items):
                row = [rid, seq, *(getattr(item, f) for f in fields)]
                if name == "figures":
                    unit = item.unit or ""
                    row += [" ".join(syllables(canonical_form(unit))), " ".join(syllables(folded_form(unit)))]
                rows.append(tuple(row))
            names = ", ".join(S.q(c) for c in cols + extra)
            marks = ", ".join("?" for _ in cols + extra)
            self._executemany(f"INSERT INTO {S.q(name)} ({names}) VALUES ({marks})", rows)
        self._index_text(key, art.text)
        return rid, ("updated" if old else "added"), S.xor_hex(set_hash, chash)

    def _new_key(self, base: int) -> int:
        row = self._one("SELECT max(key) FROM articles WHERE key >= ? AND key < ?", (base, base + (1 << S.KEY_SHIFT)))
        return base if row is None or row[0] is None else row[0] + 1

    def _delete_rows(self, rid: str, key: int, text: str) -> None:
        self._unindex_text(key, text)
        for name in [*S.ITEM_TABLES, "keywords"]:
            self._execute(f"DELETE FROM {S.q(name)} WHERE article_id = ?", (rid,))
        self._execute("DELETE FROM articles WHERE id = ?", (rid,))

    def remove(self, id: str) -> bool:
        """Delete an article and its records; returns whether it was there."""
        with self._lock, self._transaction():
            old = self._one("SELECT key, content_hash, text FROM articles WHERE id = ?", (id,))
            if not old:
                return False
            self._delete_rows(id, old[0], old[2])
            self.set_meta("set_hash", S.xor_hex(self.get_meta("set_hash") or "0", old[1]))
        return True

    # -- reading ------------------------------------------------------------------------

    def has(self, id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (id,)) is not None

    def has_url(self, url: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE url = ?", (url,)) is not None

    def count(self) -> int:
        return int(self._one("SELECT count(*) FROM articles")[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self._all("SELECT id FROM articles ORDER BY key")]

    _ARTICLE_SELECT = ("SELECT key, id, source, url, site, title, lead, author, published, province, text"
                       " FROM articles")

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
                data = {f.name: (S.plain_number(v) if S.column_kind(f) == "float" else v)
                        for f, v in zip(fields, r[1:])}
                items[r[0]][name].append(cls(**data))
        out = []
        for r in rows:
            _key, rid, source, url, site, title, lead, author, published, _prov, text = r
            article = Article(text=text, title=title, lead=lead, author=author, published=published,
                              url=url, site=site, id=rid)
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
        """Every article as a dict: id, source, url, site, title, lead, author, published,
        province, text."""
        cols = ("id", "source", "url", "site", "title", "lead", "author", "published", "province", "text")
        for rows in self._pages(self._ARTICLE_SELECT + " WHERE 1=1", batch):
            for r in rows:
                yield dict(zip(cols, r[1:]))

    # -- search -------------------------------------------------------------------------

    def search(self, query: str | Query, *, site: str | None = None, date_from: Any = None,
               date_to: Any = None, province: str | None = None, sort: str = "newest",
               limit: int = 20, offset: int = 0, highlight: tuple[str, str] = HIGHLIGHT,
               snippet_chars: int = SNIPPET_CHARS) -> SearchResult:
        """Articles matching ``query`` (see :mod:`partytext.archive.query` for the syntax).

        ``sort`` is "newest" (publication date, undated last) or "relevance" (BM25 on
        SQLite, ts_rank on PostgreSQL). ``total`` counts every match; ``hits`` holds
        ``limit`` of them from ``offset``, each with a snippet whose matches are wrapped
        in ``highlight``.
        """
        q = parse(query) if isinstance(query, str) else query
        if sort not in SORTS:
            raise QueryError(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if int(limit) < 0 or int(offset) < 0:
            raise QueryError("limit and offset must be zero or more")
        filters = make_filters(site, date_from, date_to, province)
        with self._lock:
            total, rows = self._search(q, filters, sort, int(limit), int(offset))
        hits = [
            Hit(id=r[1], source=r[2], url=r[3], site=r[4], title=r[5], published=r[6], province=r[7],
                score=round(float(r[8] or 0.0), 6), snippet=make_snippet(q, r[9], width=snippet_chars, highlight=highlight))
            for r in rows
        ]
        return SearchResult(total=total, hits=hits, query=q.text)

    def trend(self, query: str | Query, *, by: str = "month", site: str | None = None,
              date_from: Any = None, date_to: Any = None, province: str | None = None
              ) -> list[tuple[str, int]]:
        """Matching articles per month ("YYYY-MM") or year ("YYYY"); undated ones are left out."""
        lengths = {"month": 7, "year": 4, "day": 10}
        if by not in lengths:
            raise QueryError(f"Unknown period {by!r}: use month or year")
        q = parse(query) if isinstance(query, str) else query
        where, params = make_filters(site, date_from, date_to, province).sql()
        cond, mparams = self._match(q)
        n = lengths[by]
        sql = (f"SELECT substr(a.day, 1, {n}) AS period, count(*) FROM articles a WHERE {cond} AND {where}"
               " AND a.day IS NOT NULL GROUP BY period ORDER BY period")
        with self._lock:
            return [(r[0], int(r[1])) for r in self._all(sql, [*mparams, *params])]

    # -- figures ------------------------------------------------------------------------

    def figures(self, *, unit: str | None = None, kind: str | None = None, site: str | None = None,
                date_from: Any = None, date_to: Any = None, province: str | None = None
                ) -> Iterator[dict[str, Any]]:
        """Figures with their article, oldest article first, streamed.

        ``unit`` matches figures whose unit contains those syllables ("đảng viên" matches
        "đảng viên" and "đảng viên mới"; typed without diacritics it matches every form).
        """
        where, params = make_filters(site, date_from, date_to, province).sql()
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
        text_of: tuple[str, str] | None = None
        for row in self._stream(sql, params):
            art = dict(zip(("article_id", "title", "source", "url", "site", "published", "province"), row[:7]))
            fig = {c: (S.plain_number(v) if c in ("value", "high") else v) for c, v in zip(fields, row[7:])}
            if text_of is None or text_of[0] != art["article_id"]:
                text_of = (art["article_id"], self._one("SELECT text FROM articles WHERE id = ?",
                                                        (art["article_id"],))[0])
            fig["sentence_index"] = fig.pop("sentence")
            fig["sentence"] = S.sentence_around(text_of[1], fig["start"], fig["end"])
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
