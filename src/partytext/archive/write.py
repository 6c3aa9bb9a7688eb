"""Writing records into an archive, a batch at a time (shared by both backends).

One batch is one transaction and a handful of statements, whatever its size: one query
finds the stored versions of the batch's articles, changed ones are deleted in bulk, new
sort keys are taken per publication minute, and articles, record items and search
entries are inserted with one bulk statement per table (``executemany`` on SQLite,
``COPY`` on PostgreSQL). An article id that occurs twice in a batch splits the batch, so
the second occurrence sees the first (it is then "unchanged" or "updated").
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice
from typing import Any

from ..errors import RecordError
from ..records import Record
from . import schema as S
from .provinces import province_of
from .query import canonical_form, folded_form, syllables

log = logging.getLogger(__name__)

#: Articles changed by one write_many call that count as a bulk load.
BULK_ROWS = 5000

#: Columns of ``articles`` written for every article, in order.
ARTICLE_INSERT = ("key", "id", "source", "url", "site", "title", "lead", "author", "published", "day",
                  "province", "text", "content_hash", "added", "updated", "publisher")


@dataclass(frozen=True, slots=True)
class Tokens:
    """An article's searchable syllables: canonical and folded forms (same length)."""

    key: int
    canonical: list[str]
    folded: list[str]


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def unique_runs(records: list[Record]) -> Iterator[list[Record]]:
    """``records`` cut into runs in which no article id repeats."""
    run: list[Record] = []
    seen: set[str] = set()
    for record in records:
        rid = record.article.id if isinstance(record, Record) else None
        if rid in seen:
            yield run
            run, seen = [], set()
        run.append(record)
        seen.add(rid)
    if run:
        yield run


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in S.item_fields(cls))


@lru_cache(maxsize=65536)
def unit_forms(unit: str) -> tuple[str, str]:
    """A figure unit's canonical and folded syllables (units repeat: cached)."""
    return " ".join(syllables(canonical_form(unit))), " ".join(syllables(folded_form(unit)))


def item_rows(name: str, cls: type, rid: str, items: tuple) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one record field's table."""
    fields = _field_names(cls)
    cols = ["article_id", "seq", *fields]
    if name == "figures":
        cols += ["unit_key", "unit_fold"]
    rows = []
    for seq, item in enumerate(items):
        row = (rid, seq, *(S.column_value(getattr(item, f)) for f in fields))  # dicts as JSON (facts)
        if name == "figures":
            row += unit_forms(item.unit or "")
        rows.append(row)
    return cols, rows


class WriteMixin:
    """The write path of :class:`partytext.archive.base.Archive`."""

    def add(self, record: Record) -> str:
        """Add or update one record (upsert by ``record.article.id``); returns the id."""
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[Record], *, batch: int = 500) -> list[str]:
        """Add or update records, one transaction per ``batch``; returns their ids."""
        return [rid for rid, _ in self.write_many(records, batch=batch)]

    def write_many(self, records: Iterable[Record], *, batch: int = 500) -> Iterator[tuple[str, str]]:
        """Like :meth:`add_many`, yielding ``(id, status)`` with status "added", "updated"
        or "unchanged" as each batch commits."""
        written = 0
        for chunk in batched(records, batch):
            out: list[tuple[str, str]] = []
            with self._lock, self._transaction():
                self._lock_writes()
                for run in unique_runs(chunk):
                    out += self._write_batch(run)
            written += sum(status != "unchanged" for _, status in out)
            yield from out
        if written >= BULK_ROWS:
            with self._lock:
                self._after_bulk_write()
        if written >= BULK_ROWS:
            # after a bulk load the writer brings the relevance index up to date; smaller
            # writes (a crawler storing page by page) leave it to the next relevance search
            self.text_index()

    def _lock_writes(self) -> None:
        """Called first in every write transaction: writers that could interleave wait here
        (PostgreSQL takes an advisory lock; SQLite's BEGIN IMMEDIATE already serialises)."""

    def _log_changes(self, keys: Iterable[int]) -> None:
        """Record changed sort keys for the relevance index, in the writing transaction."""
        rows = [(k,) for k in dict.fromkeys(keys)]
        if rows:
            self._insert("changes", ["key"], rows)

    def _after_bulk_write(self) -> None:
        """Called after a write that changed many articles (PostgreSQL refreshes statistics)."""

    def _write_batch(self, records: list[Record]) -> list[tuple[str, str]]:
        prepared = []
        for record in records:
            if not isinstance(record, Record):
                raise RecordError(f"The archive stores partytext Records, not {type(record).__name__}")
            record.check_offsets()
            record = S.nfc_record(record)
            prepared.append((record, S.content_hash(record)))
        ids = [r.article.id for r, _ in prepared]
        olds = {row[1]: row for row in self._all(
            f"SELECT key, id, content_hash, published, added FROM articles WHERE id IN ({','.join('?' * len(ids))})",
            ids)}
        set_hash = self.get_meta("set_hash") or "0"
        count, total = self._stats()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        statuses: list[tuple[str, str]] = []
        todo = []
        for record, chash in prepared:
            rid = record.article.id
            old = olds.get(rid)
            if old and old[2] == chash:
                statuses.append((rid, "unchanged"))
                continue
            statuses.append((rid, "updated" if old else "added"))
            todo.append((record, chash, old))
        if not todo:
            return statuses
        gone = [old for _, _, old in todo if old]
        if gone:
            removed = self._delete_articles([(old[1], old[0]) for old in gone])
            for old in gone:
                set_hash = S.xor_hex(set_hash, old[2])
            count -= len(gone)
            total -= removed
        taken: dict[int, int] = {}  # slot start -> highest key taken in it so far
        articles, tokens = [], []
        items: dict[str, tuple[list[str], list[tuple]]] = {}
        for record, chash, old in todo:
            art = record.article
            base = S.key_base(art.published)
            if old and S.key_base(old[3]) == base:
                key = old[0]
            else:
                key = self._new_key(base, taken)
            cw = syllables(canonical_form(art.text))
            fw = syllables(folded_form(art.text))
            row = [key, art.id, record.source, art.url, art.site, art.title, art.lead, art.author, art.published,
                   S.day_of(base), province_of(art.title, art.lead, art.text, art.site), art.text, chash,
                   old[4] if old else now, now, art.publisher]
            row += [value for _, value in self._search_values(cw, fw).values()]
            articles.append(tuple(row))
            tokens.append(Tokens(key, cw, fw))
            for name, cls in S.ITEM_TABLES.items():
                found = getattr(record, name)
                if found:
                    cols, rows = item_rows(name, cls, art.id, found)
                    items.setdefault(name, (cols, []))[1].extend(rows)
            set_hash = S.xor_hex(set_hash, chash)
            total += len(cw)
        count += len(todo)
        extra = self._search_values([], [])
        self._insert("articles", [*ARTICLE_INSERT, *extra], articles, [m for m, _ in extra.values()])
        for name, (cols, rows) in items.items():
            self._insert(name, cols, rows)
        self._index_tokens(tokens)
        self._log_changes([*(old[0] for old in gone), *(t.key for t in tokens)])
        self.set_meta("set_hash", set_hash)
        self._set_stats(count, total)
        return statuses

    def _new_key(self, base: int, taken: dict[int, int]) -> int:
        """The next free key in the slot that starts at ``base`` (a full slot spills into
        the next one); ``taken`` remembers the keys handed out in this batch."""
        while True:
            end = S.slot_end(base)
            top = taken.get(base)
            if top is None:
                row = self._one("SELECT max(key) FROM articles WHERE key >= ? AND key < ?", (base, end))
                top = base - 1 if row is None or row[0] is None else row[0]
            if top + 1 < end:
                taken[base] = top + 1
                return top + 1
            taken[base] = top
            base = end

    def _insert(self, table: str, cols: list[str], rows: list[tuple], marks: list[str] | None = None) -> None:
        """Insert ``rows``; ``marks`` gives placeholders for the last columns (default ``?``)."""
        if not rows:
            return
        marks = ["?"] * (len(cols) - len(marks or [])) + list(marks or [])
        self._executemany(f"INSERT INTO {S.q(table)} ({', '.join(S.q(c) for c in cols)}) VALUES ({', '.join(marks)})",
                          rows)

    def _delete_articles(self, pairs: list[tuple[str, int]]) -> int:
        """Delete articles given as (id, key) with their records and search entries;
        returns how many syllables their texts had."""
        ids = [rid for rid, _ in pairs]
        removed = self._unindex_keys([key for _, key in pairs])
        for chunk in batched(ids, 500):
            marks = ",".join("?" * len(chunk))
            for name in [*S.ITEM_TABLES, "keywords"]:
                self._execute(f"DELETE FROM {S.q(name)} WHERE article_id IN ({marks})", chunk)
            self._execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        return removed

    def remove(self, id: str) -> bool:
        """Delete an article and its records; returns whether it was there."""
        with self._lock, self._transaction():
            self._lock_writes()
            old = self._one("SELECT key, content_hash FROM articles WHERE id = ?", (id,))
            if not old:
                return False
            count, total = self._stats()
            removed = self._delete_articles([(id, old[0])])
            self._log_changes([old[0]])  # the next relevance search replays it
            self.set_meta("set_hash", S.xor_hex(self.get_meta("set_hash") or "0", old[1]))
            self._set_stats(count - 1, total - removed)
        return True

    # -- corpus statistics for ranking (article count, syllables in all texts) -----------

    def _stats(self) -> tuple[int, int]:
        raw = self.get_meta("stats")
        if raw:
            count, total = raw.split()
            return int(count), int(total)
        return self._compute_stats()

    def _set_stats(self, count: int, total: int) -> None:
        self.set_meta("stats", f"{count} {total}")
