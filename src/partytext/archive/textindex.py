"""The relevance index: tantivy beside the record store, rebuilt from it and kept in step.

Relevance ranking has to score *every* match of a query (an older article that is most
about a phrase must win over thousands of newer ones that mention it once). Neither FTS5's
``bm25()`` (211 ms at 100k, seconds at 1M) nor PostgreSQL's ``ts_rank`` (588 ms at 100k)
does that fast enough, so both backends rank with tantivy (block-max WAND over the whole
index) on the same syllable strings they search: fields ``c`` (canonical) and ``f``
(folded), split at spaces only, with positions for phrases; ``key`` (the sort key, a fast
field for date ranges), ``site`` and ``province`` for the filters.

The record store stays the truth; this index is a view of it that can always be rebuilt:

* every write transaction appends the sort keys it changed to the table ``changes``
  (``seq``, ``key``) of the store, in the same transaction;
* the index remembers, in ``state.json`` written after each tantivy commit, the archive it
  belongs to and the last ``seq`` it reflects. Before a relevance search, and after each
  write, the keys changed since are replayed: each is deleted from the index and, if the
  article still exists, added again from the stored syllable strings. Replaying is
  idempotent, so a crash anywhere (before the tantivy commit, or between it and
  ``state.json``) costs only a replay; a missing, foreign or damaged index is rebuilt.
* one process replays at a time (a lock file in the index folder).

Scores are tantivy's BM25: ``idf = ln(1 + (N - df + 0.5) / (df + 0.5))`` per syllable
(a phrase's idf is the sum of its syllables'), ``k1 = 1.2``, ``b = 0.75``, term or phrase
frequency in the article, length in syllables quantised to one byte (exact up to 40,
within ~6 % beyond), summed over the query's phrases. N, df and the average length count
replaced or deleted versions until tantivy merges their segments away.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .query import CANONICAL, Phrase, Query
from .search import Filters

log = logging.getLogger(__name__)

#: Articles sent to tantivy per replay page.
PAGE = 2000

#: Memory for tantivy's indexing buffer (bytes).
WRITER_HEAP = 128_000_000

#: Hits fetched at most to order equal scores newest first at the end of a page.
MAX_TIES = 100_000

STATE = "state.json"
LOCK = "replay.lock"


def _tantivy():
    import tantivy

    return tantivy


def _schema():
    t = _tantivy()
    sb = t.SchemaBuilder()
    sb.add_integer_field("key", stored=False, indexed=True, fast=True)
    sb.add_text_field("c", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("f", tokenizer_name="whitespace", index_option="position")
    sb.add_text_field("site", tokenizer_name="raw", index_option="basic")
    sb.add_text_field("province", tokenizer_name="raw", index_option="basic")
    return sb.build()


class TextIndex:
    """A tantivy index in ``path`` (``None``: in memory) for the archive ``archive_id``."""

    def __init__(self, path: Path | None, archive_id: str) -> None:
        t = _tantivy()
        self.path = path
        self.archive_id = archive_id
        self.schema = _schema()
        self._mutex = threading.RLock()
        self._applied = 0  # in memory: the state lives here
        self._seen: int | None = None  # the applied seq the searcher was loaded at
        self._stamp: tuple[int, int] = (-1, -1)  # (mtime_ns, seq) of state.json when last read
        if path is None:
            self.index = t.Index(self.schema)
            return
        path.mkdir(parents=True, exist_ok=True)
        state = self._read_state()
        try:
            if state is None or state.get("archive") != archive_id:
                raise ValueError("no index of this archive")
            self.index = t.Index(self.schema, path=str(path), reuse=True)
        except ValueError as exc:
            log.info("building the relevance index in %s (%s)", path, exc)
            with self._locked():
                self._wipe()
                self.index = t.Index(self.schema, path=str(path), reuse=False)
                self._write_state(0)

    # -- state --------------------------------------------------------------------------

    def _read_state(self) -> dict | None:
        try:
            return json.loads((self.path / STATE).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def applied(self) -> int:
        """The last change (``changes.seq``) this index reflects."""
        if self.path is None:
            return self._applied
        try:
            stamp = os.stat(self.path / STATE).st_mtime_ns
        except OSError:
            return -1
        if stamp == self._stamp[0]:
            return self._stamp[1]  # unchanged since it was last read (a search reads it each time)
        state = self._read_state()
        if state is None or state.get("archive") != self.archive_id:
            return -1
        self._stamp = (stamp, int(state.get("seq", 0)))
        return self._stamp[1]

    def _write_state(self, seq: int) -> None:
        if self.path is None:
            self._applied = seq
            return
        tmp = self.path / (STATE + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump({"archive": self.archive_id, "seq": seq}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path / STATE)

    def _wipe(self) -> None:
        for child in self.path.iterdir():
            if child.name == LOCK:
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """This thread, and this process among others, replays alone."""
        with self._mutex:
            if self.path is None:
                yield
                return
            import fcntl

            with open(self.path / LOCK, "a+") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)

    # -- keeping in step ----------------------------------------------------------------

    def catch_up(self, head: int, changed_since, rows_of, all_rows) -> None:
        """Replay the store's changes up to ``head``. ``changed_since(seq, head)`` gives the
        keys changed after ``seq``; ``rows_of(keys)`` and ``all_rows()`` give index rows
        ``(key, c, f, site, province)`` of existing articles."""
        with self._locked():
            applied = self.applied()
            if applied == head:
                return
            writer = self.index.writer(heap_size=WRITER_HEAP)
            try:
                if applied <= 0 or applied > head:  # new, foreign, or ahead of its store
                    log.info("rebuilding the relevance index (%s)", self.path or "memory")
                    writer.delete_all_documents()
                    for page in _pages(all_rows(), PAGE):
                        self._add(writer, page)
                else:
                    keys = sorted(set(changed_since(applied, head)))
                    for i in range(0, len(keys), PAGE):
                        chunk = keys[i:i + PAGE]
                        for key in chunk:
                            writer.delete_documents_by_term("key", key)
                        self._add(writer, rows_of(chunk))
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.rollback()
                raise
            self._write_state(head)
        self.index.reload()
        self._seen = head

    def _add(self, writer, rows: Iterable[tuple]) -> None:
        t = _tantivy()
        for key, c, f, site, province in rows:
            doc = t.Document(key=key, c=c, f=f)
            if site:
                doc.add_text("site", site)
            if province:
                doc.add_text("province", province)
            writer.add_document(doc)

    # -- searching ----------------------------------------------------------------------

    def _searcher(self):
        applied = self.applied()
        if applied != self._seen:
            self.index.reload()
            self._seen = applied
        return self.index.searcher()

    def newest(self, query: Query, filters: Filters, limit: int, count: bool = False) -> tuple[list[int], int | None]:
        """The keys of the newest ``limit`` matches, newest first (keys are unique, so the
        order is that of the store's walk), and the number of matches when ``count``."""
        res = self._searcher().search(self._query(query, filters), limit=limit, count=count,
                                      order_by_field="key", order=_tantivy().Order.Desc)
        return [key for key, _ in res.hits], (res.count if count else None)

    def bound(self, query: Query) -> int:
        """An upper bound of the number of articles matching ``query`` (filters aside), from
        document frequencies alone: a phrase is in at most as many articles as its rarest
        syllable, a group of alternatives in at most the sum of theirs, the query in at most
        as many as its rarest group."""
        searcher = self._searcher()

        def phrase(p: Phrase) -> int:
            field = "c" if p.mode == CANONICAL else "f"
            return min(searcher.doc_freq(field, w) for w in p.words)

        return min((sum(phrase(p) for p in g) for g in query.groups), default=0)

    def search(self, query: Query, filters: Filters, limit: int, offset: int) -> tuple[int, list[tuple[int, float]]]:
        """(number of matches, the page as (key, score)), best first, ties newest first."""
        searcher = self._searcher()
        tq = self._query(query, filters)
        want = offset + limit
        # one syllable's scores tie often (same frequency, same quantised length): fetching
        # 4 times the page at once saves the second search most one-word queries would need
        fetch = 4 * want + 1
        while True:
            res = searcher.search(tq, limit=fetch, count=True)
            hits = res.hits
            # equal scores are ordered newest first: fetch until the page's last score is
            # strictly better than the next hit's, so that no tie is cut arbitrarily
            if not limit or len(hits) < fetch or hits[-1][0] < hits[want - 1][0] or fetch >= MAX_TIES:
                break
            fetch = min(fetch * 4, MAX_TIES)
        if not limit:
            return res.count, []
        keys = searcher.fast_field_values("key", [addr for _, addr in hits])
        pairs = sorted(zip(keys, (score for score, _ in hits)), key=lambda ks: (-ks[1], -ks[0]))
        return res.count, pairs[offset:want]

    def _query(self, query: Query, filters: Filters):
        t = _tantivy()
        Q, Occur, schema = t.Query, t.Occur, self.schema

        def phrase(p: Phrase):
            field = "c" if p.mode == CANONICAL else "f"
            if len(p.words) == 1:
                return Q.term_query(schema, field, p.words[0])
            return Q.phrase_query(schema, field, list(p.words))

        clauses = []
        for g in query.groups:
            clauses.append((Occur.Must, phrase(g[0]) if len(g) == 1
                            else Q.boolean_query([(Occur.Should, phrase(p)) for p in g])))
        clauses += [(Occur.MustNot, phrase(p)) for p in query.excluded]
        fq = []
        if filters.key_lo is not None or filters.key_hi is not None:
            fq.append(Q.range_query(schema, "key", t.FieldType.Integer, filters.key_lo, filters.key_hi,
                                    include_upper=filters.key_hi is None))
        if filters.site is not None:
            fq.append(Q.term_query(schema, "site", filters.site))
        if filters.province is not None:
            fq.append(Q.term_query(schema, "province", filters.province))
        if filters.keys is not None:  # facts hook: the articles a places filter matches
            fq.append(Q.term_set_query(schema, "key", list(filters.keys)))
        clauses += [(Occur.Must, Q.const_score_query(f, 0.0)) for f in fq]
        if len(clauses) == 1:
            return clauses[0][1]
        return Q.boolean_query(clauses)


def _pages(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    page: list[tuple] = []
    for row in rows:
        page.append(row)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page
