"""Done-when (issue 14): a baomoi page goes through `partytext crawl`, on a local copy
served on 127.0.0.1, with its original publisher recorded.

The copy is built from real bodies of ../shared/corpora-raw/baomoi-2025-xahoi (baomoi's
``div.content-main`` wrapped in a page), linked from a home page. The host 127.0.0.1 has no
profile: the pages are read with the baomoi profile because they carry its template
(``SiteProfile.fingerprint``), so the publisher, the byline and the lead come out as on
baomoi.com itself.
"""

from __future__ import annotations

import html as html_lib
import json

import pytest

from partytext.archive import open_archive
from partytext.crawl import crawl
from partytext.records import Record

from conftest import RAW
from test_crawl_site import Site

BODIES = {"53651485": "Báo Người Lao Động"}  # id -> the publisher its source logo names
BAOMOI = RAW / "baomoi-2025-xahoi"


def page(dump: dict) -> bytes:
    title = html_lib.escape(dump["title"])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:type' content='article'></head><body>{dump['content']}</body></html>").encode()


@pytest.fixture()
def copy_site():
    if not BAOMOI.is_dir():
        pytest.skip("../shared/corpora-raw/baomoi-2025-xahoi is absent")
    names = sorted(BAOMOI.glob("*.json"))[:40]
    dumps = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in names}
    dumps["53651485"] = json.loads((BAOMOI / "53651485.json").read_text(encoding="utf-8"))
    site = Site()
    pages = {"/robots.txt": (404, {"Content-Type": "text/plain"}, b"")}
    links = []
    for key, dump in dumps.items():
        path = "/" + dump["url"].rsplit("/", 1)[-1]
        pages[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, page(dump))
        links.append(f"<li><a href='{path}'>{html_lib.escape(dump['title'])}</a></li>")
    home = f"<html><head><title>Bản sao</title></head><body><ul>{''.join(links)}</ul></body></html>"
    pages["/"] = (200, {"Content-Type": "text/html; charset=utf-8"}, home.encode())
    site.server.pages = pages
    yield site, dumps
    site.close()


def test_crawl_of_a_local_baomoi_copy_records_the_publisher(copy_site, tmp_path):
    site, dumps = copy_site
    seen = {}

    def record(article):
        seen[article.url] = article
        return Record(article=article, source=article.url)

    report = crawl(site.base + "/", archive=str(tmp_path / "a.db"), delay=0.0, record=record,
                   cache_dir=tmp_path / "cache")
    by_id = {a.url.rsplit("-c", 1)[-1].removesuffix(".epi"): a for a in seen.values()}
    assert report.stored == len(seen) >= 30  # the video and photo pages among the 40 are refused
    article = by_id["53651485"]
    assert article.site == "baomoi"
    assert article.publisher == BODIES["53651485"]
    assert article.author == "D.Thu"
    assert article.title == dumps["53651485"]["title"]
    assert "BHXH bắt buộc" in article.text  # the words of <a class="tag-link">BHXH</a>
    assert all(a.publisher for a in seen.values())
    with open_archive(str(tmp_path / "a.db"), create=False) as arc:  # and the archive keeps it
        stored = {r.article.url: r.article.publisher for r in arc.iter_records()}
        assert stored == {url: a.publisher for url, a in seen.items()}
        assert {a["publisher"] for a in arc.iter_articles()} >= {BODIES["53651485"]}


def test_sources_check_fetches_urls_and_names_the_profile(copy_site, capsys):
    """`partytext sources --check URL`: the page is fetched politely (robots.txt, the crawl
    fetcher), then each field says which selector read it; a URL that fails is reported on
    stderr and the others are still checked."""
    from partytext.cli import main

    site, dumps = copy_site
    url = site.base + "/" + dumps["53651485"]["url"].rsplit("/", 1)[-1]
    assert main(["sources", "--check", url, site.base + "/missing-c1.epi", "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    rows = {r["field"]: r for r in map(json.loads, out.splitlines())}
    assert rows["publisher"]["matched_by"] == "profile:baomoi" and rows["publisher"]["value"] == "Báo Người Lao Động"
    assert rows["author"]["selector"] == "p.body-author"
    assert "missing-c1.epi" in err
