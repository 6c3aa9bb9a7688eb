"""Site profiles against their saved pages (corpora/sites), and the sources listing."""

from __future__ import annotations

import json

import pytest

from partytext.cli import main
from partytext.sources import SITES, list_sources
from partytext.sources.profiles import profile_for_url
from partytext.sources.status import check_site

from conftest import CORPORA

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
    rows = list_sources()
    assert {r["site"] for r in rows} == set(SITES)
    assert all(r["real_pages_checked"].startswith("never") for r in rows)
    assert main(["sources", "--check", str(SITE_PAGES), "--format", "jsonl"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(r["check_now"].startswith("ok") for r in out)
