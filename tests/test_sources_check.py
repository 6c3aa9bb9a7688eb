"""`partytext sources --check PAGE_OR_URL...`: per field, which selector of which profile
matched, or "generic"; and the drift warning a crawl logs when a profile misses on its site."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest

from partytext.cli import main
from partytext.sources import article_from_html
from partytext.sources.drift import field_report

from conftest import RAW

REAL_PAGES = RAW / "real-pages"


@pytest.fixture(scope="module")
def pages():
    if not REAL_PAGES.is_dir():
        pytest.skip("../shared/corpora-raw/real-pages is absent")
    return sorted(str(p) for p in REAL_PAGES.glob("*.html"))


def test_check_names_the_profile_and_selector_per_field(pages, capsys):
    assert main(["sources", "--check", *pages, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 6 * len(pages) == 30
    by = {(r["page"].rsplit("/", 1)[-1], r["field"]): r for r in rows}
    assert by[("plo-phap-luat.html", "title")]["matched_by"] == "profile:plo"
    assert by[("plo-phap-luat.html", "title")]["selector"] == "h1.article__title"
    assert by[("baolaocai-post404649.html", "author")]["selector"] == ".article__body div.t1"
    assert by[("baolaocai-post404649.html", "author")]["value"] == "Anh Dũng"
    # no profile reads a publisher on these papers, and baocantho has no lead element
    assert by[("plo-phap-luat.html", "publisher")]["matched_by"] == "generic"
    assert by[("baocantho-a196670.html", "lead")]["matched_by"] == "generic"
    assert "not an article page" in by[("baocantho-category.html", "body")]["note"]


def test_check_of_a_page_dump_reads_the_publisher(capsys):
    dump = RAW / "baomoi-2025-xahoi" / "53651485.json"
    if not dump.is_file():
        pytest.skip("baomoi-2025-xahoi is absent")
    assert main(["sources", "--check", str(dump), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    publisher = next(r for r in rows if r["field"] == "publisher")
    assert publisher["matched_by"] == "profile:baomoi"
    assert publisher["selector"] == ".content-meta a.bm-card-source@title"
    assert publisher["value"] == "Báo Người Lao Động"


def test_a_page_with_no_profile_is_generic_in_every_field(tmp_path, capsys):
    page = tmp_path / "other.html"
    body = "".join(f"<p>Đoạn {i} của bài viết về công tác xây dựng Đảng ở cơ sở, đủ dài để là một đoạn văn.</p>"
                   for i in range(4))
    page.write_text(f"<html><body><h1>Tiêu đề bài viết</h1>{body}</body></html>", encoding="utf-8")
    missing = tmp_path / "missing.html"
    assert main(["sources", "--check", str(missing), str(page), "--format", "table"]) == 1
    out, err = capsys.readouterr()
    assert "missing.html: no such file" in err
    assert out.count("generic") == 6 and "no profile for this host" in out


def test_a_profile_that_misses_on_its_own_site_logs_which_field(caplog):
    """Drift: a page of nhandan.vn whose layout changed (no article__ classes) is read by
    the generic extractor, and the warning names the profile and the fields."""
    html = ("<html><body><h1>Tiêu đề mới</h1><div class='story'>"
            + "".join(f"<p>Đoạn {i} của bài viết có đủ chữ để là một đoạn văn hoàn chỉnh của bài báo.</p>" for i in range(5))
            + "</div></body></html>")
    with caplog.at_level(logging.WARNING, logger="partytext.sources.html"):
        article = article_from_html(html, url="https://nhandan.vn/tieu-de-moi-post123456.html")
    assert article.title == "Tiêu đề mới"
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert "site profile nhandan" in warning and "body, date selectors matched nothing" in warning
    rows = field_report(html, url="https://nhandan.vn/tieu-de-moi-post123456.html")
    assert {r["field"]: r["matched_by"] for r in rows}["body"] == "generic"  # the title still matched its fallback h1
    assert "layout drift" in {r["field"]: r["note"] for r in rows}["body"]


def test_listing_shows_when_each_profile_last_matched_a_real_page(capsys):
    assert main(["sources", "--format", "jsonl"]) == 0
    rows = {r["site"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["plo"]["real_page_seen"] == "2025-10-11"
    assert rows["dangcongsan"]["real_page_seen"].startswith("never")
    assert "dangcongsan.org.vn" in rows["dangcongsan"]["hosts"]
    assert "baomoi-2025-xahoi" in rows["baomoi"]["evidence"]
