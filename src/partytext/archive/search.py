"""Search results, filters, and the search half of :class:`partytext.archive.base.Archive`:
newest first, a bounded walk over the matches and the total (exact or estimated, see
:mod:`.ranking`); relevance, BM25 over every match in the relevance index
(:mod:`.textindex`); per-period trends. The backends supply the walks and counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from . import ranking as R
from . import schema as S
from .provinces import resolve_province
from .query import Query, parse
from .snippets import HIGHLIGHT, SNIPPET_CHARS, make_snippet
from .write import batched

SORTS = ("newest", "relevance")

#: The most and the least of the dated key span (newest first) a newest-first search in the
#: relevance index looks at first (see SearchMixin._newest_sliced).
FIRST_SLICE = 1 / 64
SMALLEST_SLICE = 1 / 4096


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
    # facts hook: (spelling, places column, names, article names) of archive.places.province_filter
    places: tuple | None = None
    # facts hook: for the relevance index, the sort keys of the articles the places filter matches
    keys: tuple[int, ...] | None = None

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
        if self.places is not None:  # facts hook: the places the article names
            from .places import province_sql

            cond, values = province_sql(alias, self.places)
            conds.append(cond)
            params += values
        elif self.province is not None:
            conds.append(f"{alias}.province = ?")
            params.append(self.province)
        return (" AND ".join(conds) or "1=1"), params


def no_nul(name: str, value: Any) -> None:
    """Filter values go to SQL as parameters; PostgreSQL refuses NUL characters in them."""
    if isinstance(value, str) and "\x00" in value:
        raise QueryError(f"The {name} filter {value!r} contains a NUL character: remove it")


def make_filters(site=None, date_from=None, date_to=None, province=None, admin=None) -> Filters:
    no_nul("site", site)
    no_nul("province", province)
    lo, hi = S.key_range(date_from, date_to)
    prov = places = None
    if province:
        from .places import province_filter

        places = province_filter(province, admin)  # legacy and 2025 names (record/2 places)
        prov = places[0] if places else resolve_province(province)
        if prov is None:
            raise QueryError(
                f"Unknown province {province!r}: use a province or city name such as 'Gia Lai', "
                f"'Hà Nội' or 'TP.HCM' (see partytext.archive.provinces.PROVINCES)"
            )
    return Filters(site=site or None, key_lo=lo, key_hi=hi, province=prov, places=places)


class SearchMixin:
    """Searching an archive; needs the backend's ``_walk``, ``_count``, ``_count_keys``,
    ``_term_counts`` and ``_match`` (see :class:`partytext.archive.base.Archive`)."""

    count_limit = R.COUNT_LIMIT
    #: whether newest-first queries of single words also walk the relevance index (see _newest)
    newest_words_in_index = False

    def search(self, query: str | Query, *, site: str | None = None, date_from: Any = None,
               date_to: Any = None, province: str | None = None, admin: str | None = None, sort: str = "newest",
               limit: int = 20, offset: int = 0, highlight: tuple[str, str] = HIGHLIGHT,
               snippet_chars: int = SNIPPET_CHARS, exact_total: bool = False) -> SearchResult:
        """Articles matching ``query`` (see :mod:`partytext.archive.query` for the syntax).

        ``sort`` is "newest" (publication date, undated last) or "relevance" (BM25 over
        every match, in the relevance index of :mod:`.textindex`, the same on both
        backends). ``total`` counts the matches: always exactly for relevance; for newest,
        exactly up to :data:`~partytext.archive.ranking.COUNT_LIMIT`, estimated beyond
        unless ``exact_total`` (see ``SearchResult.total_exact``). ``hits`` holds ``limit`` of them
        from ``offset``, each with a snippet whose matches are wrapped in ``highlight``.
        """
        q = parse(query) if isinstance(query, str) else query
        if sort not in SORTS:
            raise QueryError(f"Unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if int(limit) < 0 or int(offset) < 0:
            raise QueryError("limit and offset must be zero or more")
        filters = make_filters(site, date_from, date_to, province, admin)
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
        if sort == "relevance":
            if filters.places is not None:  # facts hook: the index knows only each article's own province
                where, params = Filters(places=filters.places).sql("a")
                keys = tuple(r[0] for r in self._all(f"SELECT a.key FROM articles a WHERE {where}", params))
                filters = dataclasses.replace(filters, province=None, places=None, keys=keys)
            # BM25 over every match, in the relevance index; its count is exact
            total, page = self.text_index().search(q, filters, limit, offset)
            return total, True, page
        window = max(self.count_limit, offset + limit)
        keys, counted = self._newest(q, filters, window + 1, exact_total)
        if len(keys) <= window:
            total, exact = len(keys), True
        else:
            keys = keys[:window]
            if exact_total:
                total, exact = (self._count(q, filters) if counted is None else counted), True
            else:
                total, exact = self._estimate(filters, window, keys[-1]), False
        if not limit or not keys:
            return total, exact, []
        page = keys[offset:offset + limit]
        scores = self._scores(q, page, total)
        return total, exact, [(k, scores[k]) for k in page]

    def _newest(self, q: Query, filters: Filters, n: int, count: bool) -> tuple[list[int], int | None]:
        """The keys of the newest ``n`` matches, and their exact number when ``count`` and
        it comes free. A query with a phrase of several syllables goes to the relevance index:
        the engine's walk checks the positions of every article holding all the phrase's
        syllables until it has ``n`` matches, ~20 ms at 100k for a rare phrase of common
        syllables against ~5 ms for tantivy's phrase scorer over all of them (the same keys,
        see docs/archive.md#benchmarks). Words alone stay on the engine when it stops early
        (``newest_words_in_index`` false: FTS5), else go to the index too (PostgreSQL)."""
        multi = any(len(p.words) > 1 for p in (*q.positive, *q.excluded))
        if not (multi or self.newest_words_in_index) or filters.places is not None:
            return self._walk(q, filters, n), None
        tix = self.text_index()
        if count:  # every match is visited anyway
            return tix.newest(q, filters, n, True)
        return self._newest_sliced(tix, q, filters, n), None

    def _newest_sliced(self, tix, q: Query, filters: Filters, n: int) -> list[int]:
        """The index orders matches by key only after visiting all of them, so it is asked
        first for the matches in the newest slice of the dated key span that would hold
        ``n`` of them 1.5 times over if the query matched as many articles as its document
        frequencies allow (``TextIndex.bound``; between :data:`SMALLEST_SLICE` and
        :data:`FIRST_SLICE` of the span, so that the work does not grow with the archive);
        when they are fewer, for a slice sized by the rate seen to hold the rest; failing
        that, for everything (a range filter would slow the full walk more than the slices'
        matches cost twice). The slices are disjoint and newest first, so the keys are those
        of one search over the whole range."""
        # two subqueries: each is one index lookup (min and max together scan the table)
        lo, hi = self._one("SELECT (SELECT min(key) FROM articles WHERE key >= ?), (SELECT max(key) FROM articles)",
                           (S.DATED_BASE,))
        keys: list[int] = []
        upper = filters.key_hi
        if lo is not None and hi is not None:
            top = hi + 1 if upper is None else min(hi + 1, upper)
            bottom = lo if filters.key_lo is None else max(lo, filters.key_lo)
            # the bound over the whole span, scaled to the filtered range (dates spread evenly)
            expected = tix.bound(q) * (top - bottom) / max(hi + 1 - lo, 1)
            share = min(max(1.5 * n / max(expected, 1), SMALLEST_SLICE), FIRST_SLICE)
            for _ in range(2):
                floor = top - int((top - bottom) * share)
                if floor <= bottom or floor >= top:
                    break
                keys += tix.newest(q, dataclasses.replace(filters, key_lo=floor, key_hi=upper), n - len(keys))[0]
                if len(keys) >= n:
                    return keys
                upper = floor
                share *= 1.5 * n / max(len(keys), 1)  # the share that holds n at this rate
                if share > 0.5:  # most of the span: one search over the rest
                    break
        return tix.newest(q, filters, n)[0]

    def _estimate(self, filters: Filters, found: int, last_key: int) -> int:
        """Matches in the filtered range, from ``found`` matches among its articles with a
        key of at least ``last_key``."""
        lo, hi = filters.key_lo, filters.key_hi
        newer = self._count_keys(max(lo or last_key, last_key), hi)
        # the whole archive's count is kept with the ranking statistics (counting it costs a scan)
        in_range = self._stats()[0] if lo is None and hi is None else self._count_keys(lo, hi)
        return R.estimate(found, in_range, newer)

    def _scores(self, q: Query, keys: list[int], total: int) -> dict[int, float]:
        """A BM25 score for each hit of a newest-first page (see :mod:`.ranking`): the
        query's total stands for every phrase's count, term frequencies are counted in the
        page's syllable strings."""
        phrases = list(dict.fromkeys((p.mode, p.words) for p in q.positive))
        articles, syllable_total = self._stats()
        articles = max(articles, 1)
        idfs = [R.idf(articles, total)] * len(phrases)
        counts: dict[int, tuple[int, list[int]]] = {k: (0, [0] * len(phrases)) for k in keys}
        for mode in dict.fromkeys(m for m, _ in phrases):
            at = [i for i, (m, _) in enumerate(phrases) if m == mode]
            found = self._term_counts(keys, mode, [R.phrase_pattern(phrases[i][1]) for i in at])
            for k, (n, tfs) in found.items():
                merged = counts[k][1]
                for i, tf in zip(at, tfs):
                    merged[i] = tf
                counts[k] = (n, merged)
        avg = syllable_total / articles
        return {k: R.bm25(counts[k][1], counts[k][0], idfs, avg) for k in keys}

    def _fetch(self, keys: list[int]) -> list[tuple]:
        """Rows of key, id, source, url, site, title, published, province, text."""
        out: list[tuple] = []
        for chunk in batched(keys, 500):
            out += self._all("SELECT key, id, source, url, site, title, published, province, text FROM articles"
                             f" WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        return out

    def count_matches(self, query: str | Query, *, site: str | None = None, date_from: Any = None,
                      date_to: Any = None, province: str | None = None, admin: str | None = None) -> int:
        """The exact number of articles matching ``query`` (visits every match)."""
        q = parse(query) if isinstance(query, str) else query
        filters = make_filters(site, date_from, date_to, province, admin)
        with self._lock:
            return self._count(q, filters)

    def trend(self, query: str | Query, *, by: str = "month", site: str | None = None,
              date_from: Any = None, date_to: Any = None, province: str | None = None,
              admin: str | None = None) -> list[tuple[str, int]]:
        """Matching articles per month ("YYYY-MM") or year ("YYYY"); undated ones are left out."""
        lengths = {"month": 7, "year": 4, "day": 10}
        if by not in lengths:
            raise QueryError(f"Unknown period {by!r}: use month or year")
        q = parse(query) if isinstance(query, str) else query
        where, params = make_filters(site, date_from, date_to, province, admin).sql()
        cond, mparams = self._match(q)
        n = lengths[by]
        sql = (f"SELECT substr(a.day, 1, {n}) AS period, count(*) FROM articles a WHERE {cond} AND {where}"
               " AND a.day IS NOT NULL GROUP BY period ORDER BY period")
        with self._lock:
            return [(r[0], int(r[1])) for r in self._all(sql, [*mparams, *params])]

