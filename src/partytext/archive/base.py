"""The archive interface, its results, and the logic both backends share.

A backend supplies a connection with ``?`` placeholders (:meth:`Archive._execute`),
transactions, streaming, and the full-text parts (indexing syllables, walking the matches
of a query newest first, counting, term frequencies of candidates); everything else
(batched upserts in :mod:`.write`, record tables, bounded counts and BM25 in
:mod:`.ranking`, figures, keywords, meta, fingerprint) is here and runs the same SQL on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..records import Article, Record
from . import ranking as R
from . import schema as S
from .provinces import resolve_province
from .query import Phrase, Query, canonical_form, folded_form, has_diacritics, parse, syllables
from .snippets import HIGHLIGHT, SNIPPET_CHARS, make_snippet
from .write import Tokens, WriteMixin, batched

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
    """``total`` matching articles in all; ``hits`` is the requested page of them.

    ``total`` is exact when ``total_exact`` is true (always up to
    :data:`partytext.archive.ranking.COUNT_LIMIT` matches); otherwise it is an estimate
    rounded to two significant digits (see :mod:`partytext.archive.ranking`)."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    query: str = ""
    total_exact: bool = True

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


class Archive(WriteMixin, ABC):
    """Articles and their records, searchable. Open one with :func:`open_archive`."""

    backend = "abstract"
    #: see :mod:`partytext.archive.ranking`
    count_limit = R.COUNT_LIMIT
    rank_window = R.RANK_WINDOW

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
               snippet_chars: int = SNIPPET_CHARS, exact_total: bool = False) -> SearchResult:
        """Articles matching ``query`` (see :mod:`partytext.archive.query` for the syntax).

        ``sort`` is "newest" (publication date, undated last) or "relevance" (BM25 over the
        newest :data:`~partytext.archive.ranking.RANK_WINDOW` matches, the same on both
        backends). ``total`` counts the matches: exactly up to
        :data:`~partytext.archive.ranking.COUNT_LIMIT`, estimated beyond unless
        ``exact_total`` (see ``SearchResult.total_exact``). ``hits`` holds ``limit`` of them
        from ``offset``, each with a snippet whose matches are wrapped in ``highlight``.
        """
        q = parse(query) if isinstance(query, str) else query
        if sort not in SORTS:
            raise QueryError(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if int(limit) < 0 or int(offset) < 0:
            raise QueryError("limit and offset must be zero or more")
        filters = make_filters(site, date_from, date_to, province)
        with self._lock:
            total, exact, ranked = self._find(q, filters, sort, int(limit), int(offset), exact_total)
            rows = {r[0]: r for r in self._fetch([key for key, _ in ranked])}
        hits = []
        for key, score in ranked:
            r = rows[key]
            hits.append(Hit(id=r[1], source=r[2], url=r[3], site=r[4], title=r[5], published=r[6], province=r[7],
                            score=round(score, 6),
                            snippet=make_snippet(q, r[8], width=snippet_chars, highlight=highlight)))
        return SearchResult(total=total, hits=hits, query=q.text, total_exact=exact)

    def _find(self, q: Query, filters: Filters, sort: str, limit: int, offset: int, exact_total: bool
              ) -> tuple[int, bool, list[tuple[int, float]]]:
        """(total, whether it is exact, the page as (key, score))."""
        window = max(self.count_limit, offset + limit, self.rank_window if sort == "relevance" else 0)
        keys = self._walk(q, filters, window + 1)
        if len(keys) <= window:
            total, exact = len(keys), True
        else:
            keys = keys[:window]
            if exact_total:
                total, exact = self._count(q, filters), True
            else:
                total, exact = self._estimate(filters, window, keys[-1]), False
        if not limit or not keys:
            return total, exact, []
        if sort == "newest":
            page = keys[offset:offset + limit]
            scores = self._scores(q, page, filters, total, own_idf=False)
            return total, exact, [(k, scores[k]) for k in page]
        scores = self._scores(q, keys, filters, total, own_idf=True)
        order = sorted(keys, key=lambda k: (-scores[k], -k))[offset:offset + limit]
        return total, exact, [(k, scores[k]) for k in order]

    def _estimate(self, filters: Filters, found: int, last_key: int) -> int:
        """Matches in the filtered range, from ``found`` matches among its articles with a
        key of at least ``last_key``."""
        lo, hi = filters.key_lo, filters.key_hi
        newer = self._count_keys(max(lo or last_key, last_key), hi)
        return R.estimate(found, self._count_keys(lo, hi), newer)

    def _scores(self, q: Query, keys: list[int], filters: Filters, total: int, own_idf: bool) -> dict[int, float]:
        """BM25 of the articles ``keys`` for ``q``'s positive phrases (see :mod:`.ranking`)."""
        phrases = list(dict.fromkeys(p.words for p in q.positive))
        articles, syllable_total = self._stats()
        articles = max(articles, 1)
        dfs = [total] * len(phrases)
        if own_idf and (len(phrases) > 1 or filters != Filters()):
            for i, words in enumerate(phrases[:R.MAX_IDF_PHRASES]):
                dfs[i] = self._phrase_count(q.mode, words)
        idfs = [R.idf(articles, df) for df in dfs]
        counts = self._term_counts(keys, q.mode, [R.phrase_pattern(w) for w in phrases])
        avg = syllable_total / articles
        return {k: R.bm25(counts[k][1], counts[k][0], idfs, avg) if k in counts else 0.0 for k in keys}

    def _phrase_count(self, mode: str, words: tuple[str, ...]) -> int:
        """Articles containing one phrase, in the whole archive (exact up to count_limit)."""
        q = Query(text=" ".join(words), mode=mode, groups=((Phrase(words),),))
        keys = self._walk(q, Filters(), self.count_limit + 1)
        if len(keys) <= self.count_limit:
            return len(keys)
        return self._estimate(Filters(), self.count_limit, keys[self.count_limit - 1])

    def _fetch(self, keys: list[int]) -> list[tuple]:
        """Rows of key, id, source, url, site, title, published, province, text."""
        out: list[tuple] = []
        for chunk in batched(keys, 500):
            out += self._all("SELECT key, id, source, url, site, title, published, province, text FROM articles"
                             f" WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        return out

    def count_matches(self, query: str | Query, *, site: str | None = None, date_from: Any = None,
                      date_to: Any = None, province: str | None = None) -> int:
        """The exact number of articles matching ``query`` (visits every match)."""
        q = parse(query) if isinstance(query, str) else query
        filters = make_filters(site, date_from, date_to, province)
        with self._lock:
            return self._count(q, filters)

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
