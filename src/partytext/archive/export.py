"""``partytext.export``: everything in an archive, streamed, never capped.

* ``jsonl``: one record per article, in the partytext.record/1 contract, plus the
  archive's ``id`` at the top level (``article.site`` and ``article.published`` are part
  of the article already) and the derived ``province``;
* ``csv``: one row per article (``table="articles"``) or per figure (``table="figures"``);
* ``parquet``: the same tables through pyarrow (``pip install 'partytext[parquet]'``),
  written in row groups of ``batch`` rows.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError, UsageError, missing_extra
from . import schema as S

log = logging.getLogger(__name__)

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "figures")

FIGURE_COLUMNS = ("article_id", "value", "high", "kind", "unit", "subject", "qualifier", "change", "part_of",
                  "text", "start", "end", "sentence_index", "sentence", "title", "source", "url", "site",
                  "published", "province")


def _rows(arc: Any, table: str) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    if table == "articles":
        return S.ARTICLE_COLUMNS, arc.iter_articles()
    return FIGURE_COLUMNS, arc.figures()


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def export(db: Any, fmt: str, out: str | Path | TextIO | None = None, *, table: str = "articles",
           batch: int = 2000) -> int:
    """Write the archive ``db`` to ``out`` (a path, a text stream, or stdout when None) as
    ``fmt`` (jsonl, csv or parquet); returns the number of rows written.

    >>> import partytext as pt
    >>> pt.export("party.db", "csv", "figures.csv", table="figures")  # doctest: +SKIP
    """
    from .opening import Borrowed

    if fmt not in FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if table not in TABLES:
        raise UsageError(f"Unknown table {table!r}: use one of {', '.join(TABLES)}")
    if fmt == "jsonl" and table != "articles":
        raise UsageError("JSONL export writes whole records (articles with their figures): drop --table")
    if fmt == "parquet" and (out is None or not isinstance(out, (str, Path))):
        raise UsageError("Parquet is binary: give a file with --out, e.g. --out articles.parquet")
    target = _checked_target(out, db) if isinstance(out, (str, Path)) else None
    with Borrowed(db) as arc:
        if target is None:
            return _text(arc, fmt, out or sys.stdout, table)
        # written beside the target and renamed at the end: an interrupted export never
        # leaves a partial file under the name asked for
        tmp = target.with_name(f".{target.name}.partial")
        try:
            if fmt == "parquet":
                count = _parquet(arc, tmp, table, batch)
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    count = _text(arc, fmt, fh, table)
            tmp.replace(target)
        except OSError as exc:
            raise InputError(f"Cannot write {target} ({exc.strerror or exc}): choose another --out", path=str(target)) from exc
        finally:
            tmp.unlink(missing_ok=True)
        return count


def _checked_target(out: str | Path, db: Any) -> Path:
    """The export file, after checking it can be written and is not the archive itself."""
    target = Path(out).expanduser()
    if target.is_dir():
        raise InputError(f"{out} is a folder: give --out a file name, e.g. {target / 'export.jsonl'}", path=str(out))
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist: create it or choose another --out", path=str(out))
    if isinstance(db, (str, Path)) and str(db) != ":memory:" and "://" not in str(db):
        archive = Path(db).expanduser().resolve()
        if target.resolve() in {archive, archive.with_name(archive.name + "-wal"), archive.with_name(archive.name + "-shm")}:
            raise InputError(f"--out {out} is the archive itself: exporting there would destroy it; choose another file",
                             path=str(out))
    return target


def _text(arc: Any, fmt: str, fh: TextIO | io.TextIOBase, table: str) -> int:
    count = 0
    if fmt == "jsonl":
        for record in arc.iter_records():
            data = record.to_dict()
            fh.write(json.dumps({"id": record.article.id, **data}, ensure_ascii=False) + "\n")
            count += 1
        return count
    columns, rows = _rows(arc, table)
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        count += 1
    return count


def _parquet(arc: Any, path: Path, table: str, batch: int) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise missing_extra("parquet", "pyarrow") from exc
    columns, rows = _rows(arc, table)
    if table == "articles":
        types = {c: pa.string() for c in columns}
    else:
        types = {c: pa.string() for c in columns}
        types.update({"value": pa.float64(), "high": pa.float64(), "part_of": pa.int64(),
                      "start": pa.int64(), "end": pa.int64(), "sentence_index": pa.int64()})
    arrow_schema = pa.schema([(c, types[c]) for c in columns])
    count = 0
    with pq.ParquetWriter(str(path), arrow_schema) as writer:
        buf: list[dict[str, Any]] = []

        def flush() -> None:
            if buf:
                writer.write_table(pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in buf],
                                                        schema=arrow_schema))
                buf.clear()

        for row in rows:
            buf.append(row)
            count += 1
            if len(buf) >= batch:
                flush()
        flush()
    return count
