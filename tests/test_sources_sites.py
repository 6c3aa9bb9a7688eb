"""Site profiles against their saved pages (corpora/sites), and the sources listing."""

from __future__ import annotations

import json

import pytest

from partytext.cli import main
from partytext.sources import SITES, list_sources
from partytext.sources.profiles import profile_for_url
from partytext.sources.status import check_site

from conftest import CORPORA, RAW

SITE_PAGES = CORPORA / "sites"


@pytest.mark.parametrize("name", sorted(SITES))
def test_profile_passes_its_saved_pages(name):
    count, problems = check_site(SITES[name], SITE_PAGES)
    assert count >= 1, f"no saved page for {name}"
    assert problems == []


@pytest.mark.parametrize("url,name", [
    ("https://nhandan.vn/x-post812345.html", "nhandan"),
    ("https://www.qdnd.vn/chinh-tri/a-812233", "qdnd"),
    ("https://xaydungdang.tapchicongsan.org.vn/videos/a-20306.html", "xaydungdang"),
    ("https://www.tapchicongsan.org.vn/web/guest/kinh-te/-/2018/910402/a.aspx", "tapchicongsan"),
    ("https://example.vn/a.html", None),
])
def test_profile_is_chosen_by_host(url, name):
    profile = profile_for_url(url)
    assert (profile.name if profile else None) == name


def test_liferay_urls_of_one_article_share_a_key():
    p = SITES["tapchicongsan"]
    a = p.key_for("https://www.tapchicongsan.org.vn/web/guest/chinh-tri-xay-dung-dang/-/2018/825649/slug.aspx")
    b = p.key_for("https://tapchicongsan.org.vn/chinh-tri-xay-dung-dang/-/2018/825649/view_content")
    assert a == b == "tapchicongsan:825649"


def test_sources_listing_is_honest_about_real_pages(capsys):
    rows = {r["site"]: r for r in list_sources()}
    assert set(rows) == set(SITES)
    # a date only where a saved real page of the site matched; the others say never
    seen = {name for name, r in rows.items() if not r["real_page_seen"].startswith("never")}
    assert seen == {"baocantho", "baolaocai", "baomoi", "plo"}
    assert rows["baomoi"]["real_page_seen"] == "2025-11-02"
    assert all(r["evidence"] for r in rows.values())
    assert main(["sources", "--check", str(SITE_PAGES), "--format", "jsonl"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(r["check_now"].startswith("ok") for r in out)


def test_a_real_page_that_stops_matching_fails_the_check(tmp_path):
    """check_site compares real pages with their expected output: a wrong title is caught."""
    real = tmp_path / "real-pages"
    real.mkdir()
    expected = json.loads((SITE_PAGES / "real-pages" / "baolaocai-post404649.json").read_text(encoding="utf-8"))
    (real / "x.json").write_text(json.dumps({**expected, "title": "Another title"}), encoding="utf-8")
    count, problems = check_site(SITES["baolaocai"], tmp_path, raw=RAW)
    assert count == 1 and problems and "title" in problems[0]


@pytest.mark.parametrize("url,key", [
    ("https://xaydungdang.tapchicongsan.org.vn/hoat-dong/tong-ket-cong-tac-kiem-tra-nam-2025.html", None),
    ("https://xaydungdang.tapchicongsan.org.vn/videos/phat-dong-phong-trao-thi-dua-giai-doan-2026-20306.html",
     "xaydungdang:20306"),
    ("https://xaydungdang.org.vn/thoi-su-chinh-tri/tuyen-quang-thu-do-khang-chien-3442", "xaydungdang:3442"),
    ("https://www.tapchicongsan.org.vn/media-story/-/asset_publisher/V8hhp4dK31Gf/content/ban-ve-xay-dung-dang",
     "tapchicongsan:ban-ve-xay-dung-dang"),
    ("https://www.tapchicongsan.org.vn/web/guest/chi-tiet/-/asset_publisher/ABC1/content/ban-ve-xay-dung-dang",
     "tapchicongsan:ban-ve-xay-dung-dang"),
    ("https://dangcongsan.org.vn/tin-hoat-dong/tong-bi-thu-gap-mat.html?categoryId=1902448", None),
    ("https://dangcongsan.vn/xay-dung-dang/nang-cao-chat-luong-690123.html", "dangcongsan:690123"),
    ("https://baomoi.com/tron-dong-bhxh-c53651485.epi", "baomoi:53651485"),
])
def test_article_keys_of_the_new_url_forms(url, key):
    profile = profile_for_url(url)
    assert profile.is_article_url(url)
    assert profile.key_for(url) == key


@pytest.mark.parametrize("url", ["https://baomoi.com/tron-dong-bhxh-rp53651485.epi", "https://baomoi.com/xa-hoi.epi",
                                 "https://dangcongsan.org.vn/tin-hoat-dong"])
def test_reposts_and_sections_are_not_articles(url):
    assert not profile_for_url(url).is_article_url(url)


def test_real_page_seen_is_the_date_of_the_newest_real_page_each_profile_passes():
    """`partytext sources` shows real_page_seen from the profile; it must be the publication
    date of the newest saved real page of that site (which check_site re-checks)."""
    newest: dict[str, str] = {}
    for path in (SITE_PAGES / "real-pages").glob("*.json"):
        expected = json.loads(path.read_text(encoding="utf-8"))
        newest[expected["site"]] = max(newest.get(expected["site"], ""), expected["published"][:10])
    assert {name: p.real_page_seen for name, p in SITES.items() if p.real_page_seen} == newest
