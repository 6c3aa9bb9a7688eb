"""``partytext crawl``, ``partytext reextract`` and ``partytext sources``: collecting articles.

``crawl`` wraps :func:`partytext.crawl`; ``reextract`` wraps :func:`partytext.crawl.reextract`;
``sources`` wraps :func:`partytext.sources.status.list_sources`.
"""

from __future__ import annotations

from pathlib import Path

from .output import add_format_option, write_rows

REPORT_COLUMNS = ("target", "stored", "already_stored", "skipped", "failed", "fetched", "not_modified",
                  "robots_blocked", "state_path", "raw_path")
SOURCE_COLUMNS = ("site", "name", "hosts", "real_page_seen", "saved_pages_checked", "check_now", "selectors_from",
                  "evidence")
SOURCE_TABLE = ("site", "hosts", "real_page_seen", "saved_pages_checked", "check_now", "evidence")
FIELD_COLUMNS = ("page", "site", "field", "matched_by", "selector", "value", "note")
FIELD_TABLE = ("page", "field", "matched_by", "selector", "value", "note")


def register(sub) -> None:
    p = sub.add_parser(
        "crawl", help="collect articles from a site into an archive",
        description="Crawl a supported site (see `partytext sources`) or any site by URL: robots.txt is "
        "always obeyed, one request at a time per host with a delay, sitemaps, feeds and listing pages "
        "are followed, article pages are extracted and stored. Interrupted crawls resume where they "
        "stopped when re-run; stored articles are never fetched again.",
        epilog="Example: partytext crawl nhandan --archive party.db --since 2025-01-01 --max 200 --raw raw/")
    p.add_argument("target", metavar="SITE|URL", help="a site profile name or a start URL")
    _add_archive_option(p)
    p.add_argument("--since", metavar="DATE", help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="only articles published on or before YYYY-MM-DD")
    p.add_argument("--max", type=int, dest="max_pages", metavar="N", help="stop after N newly stored articles")
    p.add_argument("--raw", metavar="DIR", help="keep every fetched page in WARC files under DIR")
    p.add_argument("--delay", type=float, default=1.0,
                   help="seconds between requests to one host (default 1; robots.txt Crawl-delay wins if longer)")
    p.add_argument("--cache", metavar="DIR", help="HTTP cache folder (default ~/.cache/partytext/http)")
    _add_extract_and_format_options(p)
    p.set_defaults(handler=run_crawl)

    p = sub.add_parser(
        "reextract", help="rebuild articles from the raw pages a crawl kept (no network)",
        description="Read every article page kept in the WARC files of a `crawl --raw DIR` and extract and "
        "store it again, after a site profile or the extractors improved. Nothing is fetched. Articles are "
        "stored by id, so a re-run (or a run after an interrupted one) stores each article once.",
        epilog="Example: partytext reextract raw/ --archive party.db")
    p.add_argument("raw_dir", metavar="DIR", help="the --raw folder of earlier crawls (*.warc.gz)")
    _add_archive_option(p)
    _add_extract_and_format_options(p)
    p.set_defaults(handler=run_reextract)

    p = sub.add_parser(
        "sources", help="list the supported site profiles and their status, or check pages against them",
        description="Each supported site, what its selectors rest on (evidence), when a saved real page last "
        "matched it, and when it last passed the saved pages in corpora/sites/. With --check PAGE_OR_URL..., "
        "says per field (title, lead, date, author, body, publisher) which selector of which profile matched "
        "each page, or 'generic' when none did; --check with a saved-pages folder (default corpora/sites) "
        "re-checks every profile against its saved pages.",
        epilog="Examples: partytext sources --check ../shared/corpora-raw/real-pages/*.html --format table\n"
        "          partytext sources --check corpora/sites --format jsonl")
    p.add_argument("--check", metavar="PAGE_OR_URL", nargs="*", default=None,
                   help="HTML files, page-dump .json files, folders of them, or URLs (fetched politely); "
                   "or a saved-pages folder like corpora/sites (the default)")
    add_format_option(p, default="table")
    p.set_defaults(handler=run_sources)


def _add_archive_option(p) -> None:
    p.add_argument("--archive", required=True, metavar="DB",
                   help="archive: a SQLite file (created if missing) or a postgresql:// URL")


def _add_extract_and_format_options(p) -> None:
    p.add_argument("--no-extract", action="store_true", help="store articles without running the extractors")
    add_format_option(p, default="table")


def _plain_record(args):
    """The record maker for --no-extract (the article alone), else None: the extractors."""
    from ..records import Record

    return (lambda a: Record(article=a, source=a.url)) if args.no_extract else None


def run_crawl(args) -> int:
    import sys

    from ..crawl import crawl
    from ..errors import UsageError

    if args.delay < 0:
        raise UsageError("--delay must be 0 or more seconds")
    record = _plain_record(args)
    cache = args.cache or str(Path("~/.cache/partytext/http").expanduser())
    report = crawl(args.target, archive=args.archive, since=args.since, until=args.until, max_pages=args.max_pages,
                   raw_dir=args.raw, delay=args.delay, cache_dir=cache, record=record)
    write_rows([report.to_dict()], args.format, columns=REPORT_COLUMNS)
    if report.stored == 0 and report.already_stored == 0:
        print("partytext: no article was stored; see -v for what was skipped", file=sys.stderr)
    return 0


def _is_saved_pages(path: Path) -> bool:
    from ..sources.profiles import SITES
    from ..sources.status import REAL_FOLDER

    return path.is_dir() and any((path / name).is_dir() for name in [*SITES, REAL_FOLDER])


def run_reextract(args) -> int:
    from ..crawl import reextract

    stored = reextract(args.raw_dir, archive=args.archive, record=_plain_record(args))
    write_rows([{"raw_dir": args.raw_dir, "stored": stored}], args.format, columns=("raw_dir", "stored"))
    return 0


def run_sources(args) -> int:
    from ..errors import UsageError
    from ..sources.status import list_sources

    targets = args.check
    if targets is not None and not targets:
        targets = ["corpora/sites"]
        if not Path(targets[0]).is_dir():
            raise UsageError("No saved pages folder at corpora/sites: run from the repository root or pass "
                             "--check DIR, or pages to check")
    if targets is None or (len(targets) == 1 and _is_saved_pages(Path(targets[0]))):
        check = targets[0] if targets else None
        rows = list_sources(check)
        columns = SOURCE_COLUMNS if check else tuple(c for c in SOURCE_COLUMNS if c != "check_now")
        table = SOURCE_TABLE if check else tuple(c for c in SOURCE_TABLE if c != "check_now")
        write_rows(rows, args.format, columns=table if args.format == "table" else columns)
        failed = [r for r in rows if str(r.get("check_now", "")).startswith("FAILED")]
        return 1 if failed else 0
    return _check_pages(targets, args.format)


def _pages(targets: list[str]):
    """(where, url, html or None, error) for each file, folder entry or URL."""
    import json

    for target in targets:
        if target.startswith(("http://", "https://")):
            from ..crawl.fetch import Fetcher
            from ..errors import PartytextError

            try:
                with Fetcher() as fetcher:
                    page = fetcher.get(target)
                yield target, page.url, page.content, None
            except PartytextError as exc:
                yield target, None, None, str(exc)
            continue
        path = Path(target)
        files = sorted(f for f in path.rglob("*") if f.suffix.lower() in (".html", ".htm", ".json")) \
            if path.is_dir() else [path]
        if not files:
            yield target, None, None, f"{target}: no .html or .json page in this folder"
        for f in files:
            if not f.is_file():
                yield str(f), None, None, f"{f}: no such file; check the path"
                continue
            data = f.read_bytes()
            if f.suffix.lower() == ".json":
                try:
                    dump = json.loads(data)
                    yield str(f), dump.get("url"), dump["content"], None
                except (ValueError, KeyError, TypeError, AttributeError):
                    if not path.is_dir():  # in a folder, expected-output files sit beside the pages
                        yield str(f), None, None, f"{f}: not a page dump (a JSON object with \"content\" and \"url\")"
                continue
            yield str(f), _url_beside(f), data, None


def _url_beside(page: Path) -> str | None:
    """The URL of a saved page, from the expected output NAME.json beside it (corpora/sites)."""
    import json

    beside = page.with_suffix(".json")
    try:
        url = json.loads(beside.read_text(encoding="utf-8")).get("url") if beside.is_file() else None
    except (ValueError, AttributeError, OSError):
        return None
    return url if isinstance(url, str) else None


def _check_pages(targets: list[str], fmt: str) -> int:
    import sys

    from ..errors import PartytextError
    from ..sources.drift import field_report

    rows, bad = [], 0
    for where, url, html, error in _pages(targets):
        if error is None:
            try:
                rows += field_report(html, url=url, where=where)
                continue
            except PartytextError as exc:
                error = str(exc)
        print(f"partytext: {error}", file=sys.stderr)
        bad += 1
    write_rows(rows, fmt, columns=FIELD_TABLE if fmt == "table" else FIELD_COLUMNS)
    return 1 if bad else 0
