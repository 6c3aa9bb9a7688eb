"""``partytext extract``: records for text and HTML files, folders, URLs or stdin."""

from __future__ import annotations

import csv
import json
import sys

from ..facts import FACT_COLUMNS, fact_columns
from ..inputs import DEFAULT_MAX_BYTES
from ..parallel import extract_paths
from .output import progress, write_rows

FIGURE_COLUMNS = ("source", "value", "high", "kind", "unit", "qualifier", "change", "part_of", "subject", "text", "start", "end", "sentence",
                  *FACT_COLUMNS)  # record/2 facts, flattened


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract records (figures, points, references, dates...) from articles",
        description="Extract partytext.record/1 records from text files (line 1 title, optional line 2 lead, "
        "then the body), HTML files, folders (recursed), URLs, or '-' for standard input.",
        epilog="Example: partytext extract corpora/seed/pleiku.txt --format jsonl",
    )
    p.add_argument("paths", nargs="+", metavar="PATH|URL|-")
    p.add_argument("--format", choices=["jsonl", "json", "csv", "table"], default="jsonl",
                   help="jsonl/json: whole records; csv: one row per figure; table: a readable summary (default: jsonl)")
    p.add_argument("--workers", type=int, default=1, help="extract in N processes (output keeps input order)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="extract on a Dask cluster (needs partytext[dask]; every worker must read the paths)")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this (default 20 MB)")
    p.set_defaults(handler=run)


def _summary(record, out) -> None:
    a = record.article
    out.write(f"== {record.source}\n   {a.title or '(no title)'}\n")
    out.write(f"   {len(record.figures)} figures, {len(record.points)} points, {len(record.references)} references, "
              f"{len(record.dates)} dates, {len(record.periods)} periods, {len(record.events)} events\n\n")
    rows = []
    for i, f in enumerate(record.figures):
        rows.append({"#": i, "value": f.value if f.high is None else f"{f.value}–{f.high}" if f.kind != "ratio" else f"{f.value}/{f.high}",
                     "kind": f.kind, "unit": f.unit or f.subject or "", "qualifier": f.qualifier,
                     "change": f.change, "part of": f"#{f.part_of}" if f.part_of is not None else "", "text": f.text})
    if rows:
        write_rows(rows, "table", out, max_width=48)
    for p in record.points:
        out.write(f"\n   {p.marker} {p.text[:110]}{'…' if len(p.text) > 110 else ''}")
    if record.points:
        out.write("\n")
    extras = [f"{x.type} {x.symbol}" + (f" ({x.date})" if x.date else "") for x in record.references]
    extras += [f"date {d.value}" for d in record.dates] + [f"period {p.start_year}-{p.end_year} ({p.kind})" for p in record.periods]
    extras += [f"{e.kind} {e.ordinal}: {e.text}" for e in record.events]
    for line in extras:
        out.write(f"   · {line}\n")
    out.write("\n")


def run(args) -> int:
    out = sys.stdout
    failed = 0
    records = []
    csv_writer = None
    if args.format == "csv":
        csv_writer = csv.DictWriter(out, fieldnames=FIGURE_COLUMNS, extrasaction="ignore", lineterminator="\n")
        csv_writer.writeheader()
    results = extract_paths(args.paths, workers=args.workers, scheduler=args.scheduler, max_bytes=args.max_bytes)
    for result in progress(results, desc="extract"):
        if not result.ok:
            failed += 1
            print(f"partytext: error: {result.error}", file=sys.stderr)
            continue
        rec = result.record
        if args.format == "jsonl":
            out.write(rec.to_json() + "\n")
        elif args.format == "json":
            records.append(rec.to_dict())
        elif args.format == "csv":
            for f in rec.figures:
                csv_writer.writerow({"source": rec.source, **f.to_dict(), **fact_columns(f)})
        else:
            _summary(rec, out)
        out.flush()
    if args.format == "json":
        json.dump(records if len(records) != 1 else records[0], out, ensure_ascii=False, indent=1)
        out.write("\n")
    if failed:
        print(f"partytext: {failed} input(s) failed; the others were extracted", file=sys.stderr)
    return 1 if failed else 0
