"""Site profiles: CSS selectors and URL patterns of the party and provincial news sites.

A profile says where the title, lead (sapo), date, author and body of an article page are,
what to drop inside the body, which URLs are article pages, and where discovery starts
(feeds, sitemaps, listing pages). Each profile is tested against small hand-built pages in
``corpora/sites/<name>/`` that reproduce the site's structure (``NAME.html`` + ``NAME.json``).

Honesty about provenance (also shown by ``partytext sources``):

* ``selectors_from`` says where each profile's selectors come from: public crawler code
  that targets the site, or a guess from the site's CMS family when no public record was
  found. No profile has been checked against live pages from this build environment
  (it has no internet access): ``real_pages_checked`` is None for every one of them.
* ``saved_pages_checked`` is the date the profile last passed its saved pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import SiteError

# The date the saved pages under corpora/sites/ last passed (tests/test_sources_sites.py
# re-checks them on every run and fails when a profile stops matching its pages).
SAVED_PAGES_CHECKED = "2026-11-28"


@dataclass(frozen=True, slots=True)
class SiteProfile:
    """Selectors (CSS, tried in order; the first that matches wins) and URL patterns."""

    name: str
    label: str
    hosts: tuple[str, ...]
    title: tuple[str, ...]
    body: tuple[str, ...]
    lead: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    article_url: str = r"."  # a page whose URL matches is an article page
    article_id: str | None = None  # one group: the site's own article id (dedup across URL forms)
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    selectors_from: str = ""
    real_pages_checked: str | None = None
    saved_pages_checked: str | None = SAVED_PAGES_CHECKED

    def is_article_url(self, url: str) -> bool:
        return re.search(self.article_url, url) is not None

    def key_for(self, url: str) -> str | None:
        """A dedup key shared by every URL form of one article, when the site has ids."""
        if not self.article_id:
            return None
        m = re.search(self.article_id, url)
        return f"{self.name}:{m.group(1)}" if m else None


# The "article__" CMS shared by nhandan.vn and several provincial papers (baogialai, ...).
_ARTICLE_CMS = dict(
    title=("h1.article__title", "h1.cms-title", "h1"),
    lead=(".article__sapo", ".cms-desc", "h2.sapo"),
    date=(".article__meta time", ".article__meta .time", "time.time", ".article__meta"),
    author=(".article__author", ".article__author .name", ".author"),
    body=(".article__body", ".cms-body"),
    drop=(".article__tag", ".box-related", ".related-news", ".article__meta", "table.picture", ".cms-author"),
)

SITES: dict[str, SiteProfile] = {
    p.name: p
    for p in (
        SiteProfile(
            name="nhandan",
            label="Báo Nhân Dân",
            hosts=("nhandan.vn",),
            article_url=r"-post\d+\.html$",
            article_id=r"-post(\d+)\.html$",
            start_urls=("https://nhandan.vn/chinhtri/", "https://nhandan.vn/xa-hoi/"),
            sitemaps=("https://nhandan.vn/sitemap.xml",),
            selectors_from="public crawler code (article__title / article__sapo cms-desc / article__body cms-body; "
            "URL pattern -post<id>.html in a public sitemap crawler)",
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="baogialai",
            label="Báo Gia Lai",
            hosts=("baogialai.com.vn",),
            article_url=r"-post\d+\.html$",
            article_id=r"-post(\d+)\.html$",
            start_urls=("https://baogialai.com.vn/chinh-tri/",),
            feeds=("https://baogialai.com.vn/rss/home.rss",),
            selectors_from="public crawler config (article__title cms-title, article__body zce-content-body cms-body); "
            "RSS /rss/home.rss from a public feed list; sapo/date by analogy with the same CMS",
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="qdnd",
            label="Báo Quân đội nhân dân",
            hosts=("qdnd.vn", "www.qdnd.vn"),
            title=("h1.post-title", ".post-title", "h1"),
            lead=(".post-summary", ".post-sapo", "h2.sapo"),
            date=(".post-date", ".post-subinfo .date", ".date"),
            author=(".post-author", ".author"),
            body=(".post-content", ".article-detail"),
            drop=(".post-tags", ".post-related", ".post-subinfo"),
            article_url=r"/[a-z0-9-]+-\d{5,}(?:\.html)?$",
            article_id=r"-(\d{5,})(?:\.html)?$",
            start_urls=("https://www.qdnd.vn/chinh-tri",),
            feeds=("https://www.qdnd.vn/rss/cate/chinh-tri.rss",),
            sitemaps=("https://qdnd.vn/sitemap.xml",),
            selectors_from="public crawler config (.post-title, .article-detail); sitemap and /rss/cate/<cat>.rss from "
            "public crawler code; lead/date/author selectors guessed",
        ),
        SiteProfile(
            name="dangcongsan",
            label="Báo điện tử Đảng Cộng sản Việt Nam",
            hosts=("dangcongsan.vn", "www.dangcongsan.vn"),
            title=("h1.post-title", "h1.title", "h1"),
            lead=(".post-summary", ".sapo", "h2.sapo"),
            date=(".post-date", ".date-time", ".date"),
            author=(".post-author", ".author"),
            body=(".post-content", ".detail-content", "#content-detail"),
            drop=(".post-tags", ".related", ".box-related"),
            article_url=r"-\d{5,}\.html$",
            article_id=r"-(\d{5,})\.html$",
            start_urls=("https://dangcongsan.vn/xay-dung-dang",),
            selectors_from="guessed: no public crawler of dangcongsan.vn was found; selectors follow common "
            "Vietnamese CMS naming and fall back to the generic extractor when they miss",
        ),
        SiteProfile(
            name="tapchicongsan",
            label="Tạp chí Cộng sản",
            hosts=("tapchicongsan.org.vn", "www.tapchicongsan.org.vn"),
            title=(".journal-content-article h1", "h1.title", "h1"),
            lead=(".journal-content-article .sapo", ".journal-content-article h2", ".sapo"),
            date=(".journal-content-article .date", ".published-date", ".date"),
            author=(".journal-content-article .author", ".author"),
            body=(".journal-content-article .content", ".journal-content-article"),
            drop=(".related", ".tags", ".social"),
            article_url=r"/-/(?:\d{4}/)?\d+(?:/[^/]+)?$",
            article_id=r"/-/(?:\d{4}/)?(\d+)(?:/|$)",
            start_urls=("https://www.tapchicongsan.org.vn/web/guest/chinh-tri-xay-dung-dang",),
            selectors_from="guessed from the Liferay portal family (journal-content-article); URL forms "
            "/-/2018/<id>/<slug>.aspx and /-/2018/<id>/view_content from public links; one article id, many URLs",
        ),
        SiteProfile(
            name="xaydungdang",
            label="Tạp chí Xây dựng Đảng",
            hosts=("xaydungdang.org.vn", "www.xaydungdang.org.vn", "xaydungdang.tapchicongsan.org.vn"),
            title=("h1.post-title", "h1.title", "h1"),
            lead=(".post-sapo", ".sapo", ".summary"),
            date=(".post-date", ".date"),
            author=(".post-author", ".author"),
            body=(".post-content", ".detail-content", ".content-detail"),
            drop=(".related", ".tags"),
            article_url=r"/[a-z0-9-]+/[a-z0-9-]+-\d+(?:\.html)?$",
            article_id=r"-(\d+)(?:\.html)?$",
            start_urls=("https://xaydungdang.org.vn/thoi-su-chinh-tri",),
            selectors_from="guessed: URL form /<category>/<slug>-<id> from public links; no public crawler found",
        ),
    )
}


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.lower()


def profile_for_url(url: str | None) -> SiteProfile | None:
    """The profile whose host matches the URL (subdomains included), or None."""
    host = _host(url)
    if not host:
        return None
    best: tuple[int, SiteProfile] | None = None
    for profile in SITES.values():
        for h in profile.hosts:
            if host == h or host.endswith("." + h):
                if best is None or len(h) > best[0]:  # the most specific host wins
                    best = (len(h), profile)
    return best[1] if best else None


def get_profile(name: str) -> SiteProfile:
    """A profile by name; :class:`SiteError` names the supported ones."""
    try:
        return SITES[name]
    except KeyError:
        raise SiteError(f"Unknown site {name!r}. Supported: {', '.join(sorted(SITES))}; "
                        "or pass a URL to crawl any site with the generic extractor") from None
