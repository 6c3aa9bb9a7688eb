"""Output for listing commands (``--format jsonl|csv|table|json``) and progress bars."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

FORMATS = ("jsonl", "csv", "table")


def add_format_option(parser, *, default: str = "table", choices: Sequence[str] = FORMATS) -> None:
    parser.add_argument(
        "--format", choices=list(choices), default=default, help=f"output format (default: {default})"
    )


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "") -> Iterator[T]:
    """A progress bar on stderr when it is a terminal; the bare iterable otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="doc", leave=False, file=sys.stderr)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_rows(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    out: TextIO | None = None,
    *,
    columns: Sequence[str] | None = None,
    max_width: int = 60,
) -> int:
    """Write dict rows as jsonl, json, csv or an aligned table; returns the row count.

    jsonl and csv stream; a table needs every row first to size its columns.
    """
    out = out or sys.stdout
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "json":
        data = list(rows)
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(data)
    if fmt == "csv":
        writer = None
        for row in rows:
            if writer is None:
                fields = list(columns or row.keys())
                writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: _cell(row.get(k)) for k in writer.fieldnames})
            count += 1
        if writer is None and columns:
            csv.writer(out, lineterminator="\n").writerow(columns)
        return count
    if fmt == "table":
        data = list(rows)
        cols = list(columns or (data[0].keys() if data else []))
        if not cols:
            out.write("(no rows)\n")
            return 0
        cells = [[_cell(r.get(c)).replace("\n", " ") for c in cols] for r in data]
        cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
        out.write("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in cells:
            out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
        return len(data)
    raise ValueError(f"unknown format {fmt!r}")
