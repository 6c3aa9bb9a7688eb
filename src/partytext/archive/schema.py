"""What the archive stores, shared by the SQLite and PostgreSQL backends.

Tables (identifiers are always double-quoted, so ``references`` and ``end`` are fine):

* ``articles``: one row per article. ``key`` is the primary key and the sort order (see
  :func:`key_base`): "newest first" is "key descending" and a date range is a key range.
  ``id`` is the record's stable article id.
* one table per record field (``figures``, ``points``, ``references``, ``dates``,
  ``periods``, ``events``, ``entities``) with ``article_id``, ``seq`` and one column per
  field of the item's dataclass; columns that a newer partytext adds to a dataclass are
  added to the table when the archive is opened.
* ``keywords`` (per-article keywords kept by the analysis module) and ``meta`` (key-value).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import unicodedata
from bisect import bisect_left
from typing import Any

from ..errors import QueryError
from ..normalize import to_nfc
from ..records import Record

#: Bump with a migration in both backends when the layout changes.
#: 2: compact sort keys (see key_base); SQLite: token table, FTS rowids = -key.
#: 3: the change log ``changes`` and ``meta.archive_id`` for the relevance index (textindex).
SCHEMA_VERSION = 3

#: record field -> (table name, item dataclass)
ITEM_TABLES: dict[str, type] = dict(Record.ITEM_TYPES)

#: The columns of ``articles`` that hold an :class:`Article` (and the archive's province), as
#: ``iter_articles`` and ``export --table articles`` give them.
ARTICLE_COLUMNS = ("id", "source", "url", "site", "title", "lead", "author", "publisher", "published", "province",
                   "text")
#: Article fields a newer records.py added after schema 1: their columns are added to
#: ``articles`` when an archive is opened (older rows read back as null).
ADDED_ARTICLE_COLUMNS = ("publisher",)

# Leading ISO date and time of a publication date: "2017-03-01", "2017-03-01T08:15:00+07:00".
ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?")

# A date bound typed by a user: YYYY, YYYY-MM or YYYY-MM-DD.
DATE_BOUND = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

# Sort keys. Undated articles get 1, 2, 3... (below DATED_BASE, so they sort last in
# "newest first"); an article published in minute m (counted from 1900-01-01) gets a key in
# its minute's slot [DATED_BASE + (m << KEY_SHIFT), ... + 2**KEY_SHIFT). Slots are small so
# that consecutive keys differ little: full-text doclists store rowid deltas, and small
# deltas make them about a third smaller and faster to walk. A full slot (more than 4,096
# articles in one minute) spills into the next minute's slot.
KEY_SHIFT = 12
DATED_BASE = 1 << 32
UNDATED_BASE = 1
_EPOCH = dt.datetime(1900, 1, 1)
_LAST = dt.datetime(2200, 1, 1)


def q(name: str) -> str:
    """A quoted SQL identifier (names come from dataclasses, never from users)."""
    return '"' + name.replace('"', '""') + '"'


def column_kind(field: dataclasses.Field) -> str:
    """'int', 'float' or 'text' for an item dataclass field."""
    t = str(field.type)
    if "float" in t:
        return "float"
    if "int" in t:
        return "int"
    return "text"


def item_fields(cls: type) -> list[dataclasses.Field]:
    return list(dataclasses.fields(cls))


# facts hook (record/2): dict-valued item fields (a figure's owner and place) are stored as
# JSON text and read back as dicts.
def column_value(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict) else value


def field_value(field: dataclasses.Field, value: Any) -> Any:
    if isinstance(value, str) and str(field.type).startswith("dict"):
        return json.loads(value)
    return value


json_loads = json.loads


def _minute(when: dt.datetime) -> int:
    when = min(max(when, _EPOCH), _LAST)
    return int((when - _EPOCH).total_seconds() // 60)


def minute_key(minute: int) -> int:
    """The first key of the slot of ``minute`` (minutes since 1900-01-01)."""
    return DATED_BASE + (minute << KEY_SHIFT)


def key_base(published: str | None) -> int:
    """The first sort key of the publication minute of ``published`` (UNDATED_BASE when undated)."""
    m = ISO_PREFIX.match(published or "")
    if not m:
        return UNDATED_BASE
    y, mo, d, h, mi = (int(g) if g else None for g in m.groups())
    try:
        when = dt.datetime(y, mo or 1, d or 1, h or 0, mi or 0)
    except ValueError:
        return UNDATED_BASE
    return minute_key(_minute(when))


def slot_end(base: int) -> int:
    """The end (exclusive) of the key slot that starts at ``base``."""
    return DATED_BASE if base < DATED_BASE else base + (1 << KEY_SHIFT)


def day_of(base: int) -> str | None:
    """The ISO day of a dated slot's first key (None for undated)."""
    if base < DATED_BASE:
        return None
    minute = (base - DATED_BASE) >> KEY_SHIFT
    return (_EPOCH + dt.timedelta(minutes=minute)).date().isoformat()


def v1_minute(key: int) -> int | None:
    """The publication minute of a schema-1 key (minute << 32 | counter); None if undated."""
    return (key >> 32) or None


def rekey_v1(old_keys: list[int]) -> list[int]:
    """Schema-2 keys for schema-1 keys (in any order), keeping their order."""
    new: dict[int, int] = {}
    last_undated = UNDATED_BASE - 1
    taken_until = 0  # dated keys below this are used
    for old in sorted(old_keys):
        minute = v1_minute(old)
        if minute is None:
            last_undated += 1
            new[old] = last_undated
        else:
            taken_until = max(taken_until, minute_key(minute))
            new[old] = taken_until
            taken_until += 1
    return [new[k] for k in old_keys]


def key_range(date_from: Any = None, date_to: Any = None) -> tuple[int | None, int | None]:
    """Sort-key bounds ``[lo, hi)`` for a date range; ``date_to`` is inclusive of its
    whole year, month or day. Accepts "YYYY", "YYYY-MM", "YYYY-MM-DD" or date objects."""

    def parse(value: Any, name: str) -> tuple[dt.datetime, dt.datetime] | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            start = dt.datetime(value.year, value.month, value.day)
            return start, start + dt.timedelta(days=1)
        m = DATE_BOUND.match(str(value).strip())
        if not m:
            raise QueryError(f"Cannot read {name} date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        y, mo, d = (int(g) if g else None for g in m.groups())
        try:
            if d is not None:
                start = dt.datetime(y, mo, d)
                return start, start + dt.timedelta(days=1)
            if mo is not None:
                start = dt.datetime(y, mo, 1)
                return start, dt.datetime(y + (mo == 12), mo % 12 + 1, 1)
            return dt.datetime(y, 1, 1), dt.datetime(y + 1, 1, 1)
        except ValueError as exc:
            raise QueryError(f"Invalid {name} date {value!r}: {exc}") from exc

    lo = parse(date_from, "start")
    hi = parse(date_to, "end")
    lo_key = minute_key(_minute(lo[0])) if lo else None
    hi_key = minute_key(_minute(hi[1])) if hi else None
    if (lo or hi) and lo_key is None:
        lo_key = DATED_BASE  # undated articles never fall inside a date range
    return lo_key, hi_key


def content_hash(record: Record) -> str:
    data = json.dumps(record.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()


def xor_hex(a: str, b: str) -> str:
    return format(int(a or "0", 16) ^ int(b or "0", 16), "040x")


def nfc_record(record: Record) -> Record:
    """``record`` with NFC text; item offsets are moved to the composed text."""
    art = record.article
    if unicodedata.is_normalized("NFC", art.text):
        return record
    norm = to_nfc(art.text)
    text = norm.text

    def fix(item: Any) -> Any:
        if not hasattr(item, "start"):
            return item
        # the first NFC character that starts at or after the original offset
        s, e = bisect_left(norm.offsets, item.start), bisect_left(norm.offsets, item.end)
        return dataclasses.replace(item, start=s, end=e, text=text[s:e])

    def n(v: str | None) -> str | None:
        return unicodedata.normalize("NFC", v) if v else v

    article = dataclasses.replace(
        art, text=text, title=n(art.title), lead=n(art.lead), author=n(art.author), publisher=n(art.publisher)
    )
    items = {name: tuple(fix(i) for i in getattr(record, name)) for name in Record.ITEM_TYPES}
    return Record(article=article, source=record.source, schema=record.schema, **items)


def plain_number(value: Any) -> Any:
    """Integral floats read back from a float column as ints (5000.0 -> 5000)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


# Sentence boundaries for a figure's sentence: a line break, or ., ! ? … followed by
# spaces and an upper-case letter, digit or opening quote.
SENTENCE_END = re.compile(r"\n+|(?<=[.!?…])\s+(?=[\"“'(\d\w])")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``."""
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        nxt = text[m.end():m.end() + 1]
        if m.group().startswith("\n") or nxt.isupper() or not nxt.isalpha():
            left = m.end()
    right = len(text)
    for m in SENTENCE_END.finditer(text, end):
        nxt = text[m.end():m.end() + 1]
        if m.group().startswith("\n") or nxt.isupper() or not nxt.isalpha():
            right = m.start()
            break
    return text[left:right].strip()
