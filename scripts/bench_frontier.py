"""Benchmark: adding sitemap URLs to the crawl frontier.

Builds N sitemap URLs as real sitemap files (50,000 URLs each, the protocol's limit), parses
each with the crawler's sitemap reader and adds its links to a fresh frontier file, as the
crawl loop does. Reports URLs per second for parsing and for adding, and checks the frontier
holds N distinct URLs in discovery order.

    nice .venv/bin/python scripts/bench_frontier.py            # 1,000,000 URLs
    .venv/bin/python scripts/bench_frontier.py --urls 100000 --format json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from partytext.crawl import CrawlState
from partytext.crawl.discover import Link, parse_sitemap

PER_SITEMAP = 50_000  # sitemaps.org: at most 50,000 URLs per file


def sitemap(start: int, count: int) -> bytes:
    rows = "".join(f"<url><loc>https://baotinh.example.vn/tin/bai-viet-so-{i}-{i * 7919 % 100003}.html</loc>"
                   f"<lastmod>2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}</lastmod></url>\n" for i in range(start, start + count))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>').encode()


def run(urls: int, directory: Path) -> dict:
    state = CrawlState(directory / "bench.crawl.sqlite")
    parse_s = add_s = 0.0
    added = 0
    try:
        for start in range(0, urls, PER_SITEMAP):
            body = sitemap(start, min(PER_SITEMAP, urls - start))
            t = time.perf_counter()
            links = [Link(link.url, "article", link.date) for link in parse_sitemap(body)]
            parse_s += time.perf_counter() - t
            t = time.perf_counter()
            added += state.add_many((link, 1, None) for link in links)
            add_s += time.perf_counter() - t
        # a second pass over the first sitemap: every URL is known, nothing is added
        links = parse_sitemap(sitemap(0, min(PER_SITEMAP, urls)))
        t = time.perf_counter()
        again = state.add_many((link, 1, None) for link in links)
        known_s = time.perf_counter() - t
        stored = state.db.execute("SELECT COUNT(*), COUNT(DISTINCT seq) FROM urls").fetchone()
        first = state.next()
    finally:
        state.close()
    assert added == urls == stored[0] == stored[1] and again == 0, (added, stored, again)
    assert first is not None and first[0].startswith("https://baotinh.example.vn/tin/bai-viet-so-0-")
    return {"urls": urls, "parse_s": round(parse_s, 2), "add_s": round(add_s, 2),
            "add_per_s": round(urls / add_s), "parse_per_s": round(urls / parse_s),
            "known_again_per_s": round(len(links) / known_s)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--urls", type=int, default=1_000_000, help="sitemap URLs to add (default 1,000,000)")
    ap.add_argument("--format", choices=("table", "json"), default="table")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.urls, Path(tmp))
    if args.format == "json":
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}  {value:,}" if isinstance(value, int) else f"{key:>18}  {value}")


if __name__ == "__main__":
    main()
