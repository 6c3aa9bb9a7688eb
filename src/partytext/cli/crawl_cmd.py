"""``partytext crawl`` and ``partytext sources``: collecting articles.

``crawl`` wraps :func:`partytext.crawl`; ``sources`` wraps
:func:`partytext.sources.status.list_sources`.
"""

from __future__ import annotations

from pathlib import Path

from .output import add_format_option, write_rows

REPORT_COLUMNS = ("target", "stored", "already_stored", "skipped", "failed", "fetched", "not_modified",
                  "robots_blocked", "state_path", "raw_path")
SOURCE_COLUMNS = ("site", "name", "hosts", "real_pages_checked", "saved_pages_checked", "check_now", "selectors_from")
SOURCE_TABLE = ("site", "hosts", "real_pages_checked", "saved_pages_checked", "check_now")


def register(sub) -> None:
    p = sub.add_parser(
        "crawl", help="collect articles from a site into an archive",
        description="Crawl a supported site (see `partytext sources`) or any site by URL: robots.txt is "
        "always obeyed, one request at a time per host with a delay, sitemaps, feeds and listing pages "
        "are followed, article pages are extracted and stored. Interrupted crawls resume where they "
        "stopped when re-run; stored articles are never fetched again.",
        epilog="Example: partytext crawl nhandan --archive party.db --since 2025-01-01 --max 200 --raw raw/")
    p.add_argument("target", metavar="SITE|URL", help="a site profile name or a start URL")
    p.add_argument("--archive", required=True, metavar="DB",
                   help="archive: a SQLite file (created if missing) or a postgresql:// URL")
    p.add_argument("--since", metavar="DATE", help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="only articles published on or before YYYY-MM-DD")
    p.add_argument("--max", type=int, dest="max_pages", metavar="N", help="stop after N newly stored articles")
    p.add_argument("--raw", metavar="DIR", help="keep every fetched page in WARC files under DIR")
    p.add_argument("--delay", type=float, default=1.0,
                   help="seconds between requests to one host (default 1; robots.txt Crawl-delay wins if longer)")
    p.add_argument("--cache", metavar="DIR", help="HTTP cache folder (default ~/.cache/partytext/http)")
    p.add_argument("--no-extract", action="store_true", help="store articles without running the extractors")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_crawl)

    p = sub.add_parser(
        "sources", help="list the supported site profiles and their status",
        description="Each supported site, where its selectors come from, whether they were checked against "
        "real pages, and when they last passed the saved pages in corpora/sites/ (--check re-runs that check).",
        epilog="Example: partytext sources --check corpora/sites --format table")
    p.add_argument("--check", metavar="DIR", nargs="?", const="corpora/sites",
                   help="re-check each profile against the saved pages in DIR (default corpora/sites)")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_sources)


def run_crawl(args) -> int:
    import sys

    from ..crawl import crawl
    from ..errors import UsageError
    from ..records import Record

    if args.delay < 0:
        raise UsageError("--delay must be 0 or more seconds")
    record = (lambda a: Record(article=a, source=a.url)) if args.no_extract else None
    cache = args.cache or str(Path("~/.cache/partytext/http").expanduser())
    report = crawl(args.target, archive=args.archive, since=args.since, until=args.until, max_pages=args.max_pages,
                   raw_dir=args.raw, delay=args.delay, cache_dir=cache, record=record)
    write_rows([report.to_dict()], args.format, columns=REPORT_COLUMNS)
    if report.stored == 0 and report.already_stored == 0:
        print("partytext: no article was stored; see -v for what was skipped", file=sys.stderr)
    return 0


def run_sources(args) -> int:
    from ..sources.status import list_sources

    if args.check is not None and not Path(args.check).is_dir():
        from ..errors import UsageError

        raise UsageError(f"No saved pages folder at {args.check}: run from the repository root or pass --check DIR")
    rows = list_sources(args.check)
    columns = SOURCE_COLUMNS if args.check else tuple(c for c in SOURCE_COLUMNS if c != "check_now")
    table = SOURCE_TABLE if args.check else tuple(c for c in SOURCE_TABLE if c != "check_now")
    write_rows(rows, args.format, columns=table if args.format == "table" else columns)
    failed = [r for r in rows if str(r.get("check_now", "")).startswith("FAILED")]
    return 1 if failed else 0
