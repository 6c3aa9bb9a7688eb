"""``partytext index | search | figures | export``: the archive commands.

Each wraps one library function: :func:`partytext.index`, :func:`partytext.search`,
:func:`partytext.figures`, :func:`partytext.export`.
"""

from __future__ import annotations

import sys

from .output import add_format_option, progress, write_rows

DB_HELP = "archive: a SQLite file (created if missing) or a postgresql:// URL"

HIT_COLUMNS = ("id", "published", "site", "title", "snippet", "score", "source", "url", "province")
HIT_TABLE = ("published", "site", "title", "snippet", "score")
FIGURE_COLUMNS = ("article_id", "published", "site", "province", "value", "high", "kind", "unit", "subject",
                  "qualifier", "change", "part_of", "text", "start", "end", "sentence", "title", "source", "url")
FIGURE_TABLE = ("published", "site", "value", "kind", "unit", "qualifier", "text", "title")


def _filters(p) -> None:
    p.add_argument("--site", help="only articles from this site")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="published on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--province", help="only articles that name a place in this province or city (e.g. 'Gia Lai', "
                   "'TP.HCM'; an old name such as 'Yên Bái' finds the articles about the old province)")
    p.add_argument("--admin", choices=["2025", "legacy"], help="read --province on the 2025 map (its old provinces "
                   "included: 'Lào Cai' finds old Yên Bái too) or the legacy one (default: the name as written)")


def register(sub) -> None:
    p = sub.add_parser(
        "index", help="add text/HTML files or record files to an archive",
        description="Extract records from .txt/.html files (folders recursed) and store them, or store "
        ".jsonl record files as they are. Re-indexing an article updates it; it never duplicates it.",
        epilog="Example: partytext index party.db corpora/seed/ records.jsonl")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, URLs or .jsonl record files")
    p.add_argument("--workers", type=int, default=1, help="extract in N processes (default 1)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="extract on a Dask cluster (needs partytext[dask]; every worker must read the paths)")
    p.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024, help="skip files larger than this (default 20 MB)")
    p.add_argument("--no-extract", action="store_true", help="store the articles without running the extractors")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_index)

    p = sub.add_parser(
        "search", help="search an archive",
        description='Search title, lead and body. "quoted phrases" match those syllables in order; '
        "unquoted words must all appear; OR between terms; -word or -\"phrase\" excludes. A query typed "
        "without diacritics matches every diacritic form (đ↔d too); with diacritics it matches those "
        "letters, old and new tone placement alike (Uỷ = Ủy).",
        epilog='Example: partytext search party.db \'"tổ chức cơ sở đảng" -"tham nhũng"\' --from 2016 --sort relevance')
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("query", metavar="QUERY")
    _filters(p)
    p.add_argument("--sort", choices=["newest", "relevance"], default="newest", help="result order (default newest)")
    p.add_argument("--limit", type=int, default=20, help="hits to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="hits to skip (for paging)")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_search)

    p = sub.add_parser(
        "figures", help="list the figures in an archive, with their article and sentence",
        description="Figures (counts, percentages, money...) with their article, date, site and sentence. "
        "--unit matches units containing those syllables; without diacritics it matches every form.",
        epilog='Example: partytext figures party.db --unit "đảng viên" --kind count --from 2016 --to 2020 --format csv')
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--unit", help="unit contains these syllables (e.g. 'đảng viên')")
    p.add_argument("--kind", choices=["count", "percent", "money", "duration", "ratio", "other"])
    _filters(p)
    add_format_option(p, default="table")
    p.set_defaults(handler=run_figures)

    p = sub.add_parser(
        "export", help="export an archive as JSONL records, CSV or Parquet",
        description="Stream every article (JSONL: whole records in the partytext.record/1 contract; CSV and "
        "Parquet: one row per article, or per figure with --table figures). Never capped.",
        epilog="Example: partytext export party.db --format csv --table figures --out figures.csv")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl", help="default jsonl")
    p.add_argument("--table", choices=["articles", "figures"], default="articles", help="for csv/parquet (default articles)")
    p.add_argument("--out", metavar="PATH", help="output file (default: standard output; required for parquet)")
    p.set_defaults(handler=run_export)


def run_index(args) -> int:
    from ..archive import index

    report = index(args.db, args.paths, workers=args.workers, scheduler=args.scheduler, max_bytes=args.max_bytes,
                   extract=not args.no_extract, progress=lambda items: progress(items, desc="index"))
    for source, message in report.errors:
        print(f"partytext: error: {source}: {message}", file=sys.stderr)
    row = {"indexed": report.indexed, "added": report.added, "updated": report.updated,
           "unchanged": report.unchanged, "errors": len(report.errors)}
    write_rows([row], args.format)
    if report.errors:
        print(f"partytext: {len(report.errors)} input(s) not indexed; the others were", file=sys.stderr)
    return 1 if report.errors else 0


def run_search(args) -> int:
    from ..archive import search

    result = search(args.db, args.query, site=args.site, date_from=args.date_from, date_to=args.date_to,
                    province=args.province, admin=args.admin, sort=args.sort, limit=args.limit, offset=args.offset,
                    snippet_chars=90 if args.format == "table" else 200)
    shown = f"{args.offset + 1}–{args.offset + len(result.hits)}" if result.hits else "none"
    total = f"{result.total}" if getattr(result, "total_exact", True) else f"about {result.total}"
    if args.format == "table":
        sys.stdout.write(f"{total} matching article(s); showing {shown}\n\n")
        write_rows([h.to_dict() for h in result.hits], "table", columns=HIT_TABLE, max_width=100)
    else:
        print(f"partytext: {total} matching article(s); showing {shown}", file=sys.stderr)
        write_rows((h.to_dict() for h in result.hits), args.format, columns=HIT_COLUMNS)
    return 0


def run_figures(args) -> int:
    from ..archive import figures

    rows = figures(args.db, unit=args.unit, kind=args.kind, site=args.site, date_from=args.date_from,
                   date_to=args.date_to, province=args.province, admin=args.admin)
    columns = FIGURE_TABLE if args.format == "table" else FIGURE_COLUMNS
    n = write_rows(rows, args.format, columns=columns)
    print(f"partytext: {n} figure(s)", file=sys.stderr)
    return 0


def run_export(args) -> int:
    from ..archive import export

    n = export(args.db, args.format, args.out, table=args.table)
    print(f"partytext: exported {n} row(s)", file=sys.stderr)
    return 0
