"""Site profiles: CSS selectors and URL patterns of the party and provincial news sites.

A profile says where the title, lead (sapo), date, author, body and (for aggregators) the
original publisher of an article page are, what to drop inside the body, which URLs are
article pages, and where discovery starts (feeds, sitemaps, listing pages).

A selector is CSS, tried in order (the first that finds text wins); ``"SEL@attr"`` reads an
attribute instead of the text (``".content-meta a.bm-card-source@title"``).

Honesty about provenance (shown by ``partytext sources``, argued in docs/crawling.md):

* ``evidence`` names what the selectors rest on: public crawler code (repository, path,
  year), or a saved real page (``../shared/corpora-raw/...``), or "issue 14 report" where a
  claim could not be found again in the searchable index;
* ``real_page_seen`` is the date of the newest saved real page the profile matched
  (tests/test_sources_real.py re-checks those pages on every run), or None when no real
  page of the site is saved: then only the hand-built page in corpora/sites/ backs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import SiteError

# The date the saved pages under corpora/sites/ last passed (tests/test_sources_sites.py
# re-checks them on every run and fails when a profile stops matching its pages).
SAVED_PAGES_CHECKED = "2026-12-06"

# Fields a profile reads, in report order.
FIELDS = ("title", "lead", "date", "author", "body", "publisher")


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
    publisher: tuple[str, ...] = ()  # the original paper, on an aggregator
    drop: tuple[str, ...] = ()
    # a body paragraph that is really the lead ("TCCS - ..." on Tạp chí Cộng sản)
    lead_in_body: str | None = None
    # fields whose selectors must match on the site's own pages; a miss logs a drift warning
    expects: tuple[str, ...] = ("title", "body", "date")
    # CSS selectors that together identify the site's own template on a page served from
    # another host (a local copy, a mirror, a WARC replay); empty: recognised by host only
    fingerprint: tuple[str, ...] = ()
    article_url: str = r"."  # a page whose URL matches is an article page
    article_id: str | None = None  # the site's own article id (dedup across URL forms): first group that matched
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    selectors_from: str = ""
    evidence: tuple[str, ...] = ()
    real_page_seen: str | None = None
    saved_pages_checked: str | None = SAVED_PAGES_CHECKED

    @property
    def real_pages_checked(self) -> str | None:  # the name ``partytext sources`` used before
        return self.real_page_seen

    def selectors(self, field: str) -> tuple[str, ...]:
        return getattr(self, field)

    def is_article_url(self, url: str) -> bool:
        return re.search(self.article_url, url) is not None

    def key_for(self, url: str) -> str | None:
        """A dedup key shared by every URL form of one article, when the site has ids."""
        if not self.article_id:
            return None
        m = re.search(self.article_id, url)
        found = next((g for g in m.groups() if g), None) if m else None
        return f"{self.name}:{found}" if found else None


# The "article__" CMS shared by nhandan.vn, plo.vn, baolaocai.vn, baogialai.com.vn: body
# paragraphs are <p> or bare <div>s; inside the body sit related boxes (.article-relate),
# "Dòng sự kiện" (.related-topic), empty ad slots, and on some papers the byline: at the
# end as div.t1 (baolaocai) or as an .article__meta block with .cms-author names (plo).
_ARTICLE_CMS = dict(
    title=("h1.article__title", "h1.cms-title", "h1"),
    lead=(".article__sapo", ".cms-desc", "h2.sapo"),
    date=("time.article__time@datetime", "time.article__time", ".article__meta time@datetime",
          ".article__meta time", ".article__meta .time", "time.time"),
    author=(".article__author", ".article__meta .cms-author", ".article__body div.t1", ".cms-author"),
    body=(".article__body", ".cms-body"),
    drop=(".article__tag", ".box-related", ".related-news", ".article-relate", ".related-topic", ".article__meta",
          "table.picture", ".cms-author", ".sda_middle", ".ads_middle", ".rennab", ".banner", ".article__social"),
)
_ARTICLE_URL = dict(article_url=r"-post\d+\.html$", article_id=r"-post(\d+)\.html$")

# Trailing numeric id of a slug, unless it is a year ("...-nam-2025.html" has no id).
_SLUG_ID = r"-(?!(?:19|20)\d\d(?:\.html)?$)(\d+)(?:\.html)?$"

SITES: dict[str, SiteProfile] = {
    p.name: p
    for p in (
        SiteProfile(
            name="nhandan", label="Báo Nhân Dân", hosts=("nhandan.vn",), **_ARTICLE_URL,
            start_urls=("https://nhandan.vn/chinhtri/", "https://nhandan.vn/xa-hoi/"),
            feeds=("https://nhandan.vn/rss/home.rss", "https://nhandan.vn/rss/xay-dung-dang-553.rss"),
            sitemaps=("https://nhandan.vn/sitemap.xml", "https://nhandan.vn/sitemaps/google-news.xml"),
            selectors_from="the article__ CMS (same template as plo.vn and baolaocai.vn, whose real pages pass); "
            "feeds /rss/home.rss, /rss/<name>-<id>.rss and monthly sitemaps /sitemaps/news-YYYY-M.xml in public code",
            evidence=("giapham123/crawl-news-python config.py (article__title cms-title, article__body "
                      "zce-content-body cms-body, for baogialai/baohatinh/dttc.sggp; 2025)",
                      "../shared/corpora-raw/real-pages/plo-*.html, baolaocai-post404649.html (same CMS, 2025)",
                      "public crawler src/crawlers/nhandan_crawler.py (2026): monthly sitemaps "
                      "https://nhandan.vn/sitemaps/news-{y}-{m}.xml; a feed list: /sitemaps/google-news.xml",
                      "public feed lists (2025-2026): https://nhandan.vn/rss/home.rss, /rss/chinhtri-1171.rss; "
                      "/rss/xay-dung-dang-553.rss from issue 14 (not found again)"),
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="baogialai", label="Báo Gia Lai", hosts=("baogialai.com.vn",), **_ARTICLE_URL,
            start_urls=("https://baogialai.com.vn/chinh-tri/",),
            feeds=("https://baogialai.com.vn/rss/home.rss",),
            selectors_from="public crawler config (article__title cms-title, article__body zce-content-body cms-body); "
            "RSS /rss/home.rss from a public feed list; the rest from the same CMS on real plo/baolaocai pages",
            evidence=("giapham123/crawl-news-python config.py (baogialai.com.vn: .article__title.cms-title, "
                      ".article__body.zce-content-body.cms-body; 2025)",
                      "../shared/corpora-raw/MANIFEST.md: https://baogialai.com.vn/rss/home.rss in a public feed list"),
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="plo", label="Báo Pháp Luật TP.HCM", hosts=("plo.vn",), **_ARTICLE_URL,
            start_urls=("https://plo.vn/thoi-su/chinh-tri/",),
            selectors_from="two real pages (October 2025) of the article__ CMS",
            evidence=("../shared/corpora-raw/real-pages/plo-chinh-tri-post874982.html, plo-phap-luat.html "
                      "(vpeopleonatank/crawl_news_site tests/fixtures, 2025)",
                      "giapham123/crawl-news-python config.py (plo.vn: .article__title.cms-title; 2025)"),
            real_page_seen="2025-10-11",
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="baolaocai", label="Báo Lào Cai", hosts=("baolaocai.vn",), **_ARTICLE_URL,
            start_urls=("https://baolaocai.vn/chinh-tri/",),
            selectors_from="a real page (June 2025) of the article__ CMS; byline div.t1 at the end of the body",
            evidence=("../shared/corpora-raw/real-pages/baolaocai-post404649.html "
                      "(tammuoichanhoa/crawl_lastest_news baolaocai_sample_article.decompressed.html, 2025)",),
            real_page_seen="2025-06-17",
            **_ARTICLE_CMS,
        ),
        SiteProfile(
            name="baocantho", label="Báo Cần Thơ", hosts=("baocantho.com.vn",),
            title=("h1.fw700", "#newscontents h1", "h1"),
            date=("span.pubdate", ".sharemxh .pubdate"),
            body=("div.content-fck", "#newscontents"),
            drop=(".detail-related", ".block_tag", ".sharemxh"),
            article_url=r"-a\d+\.html$", article_id=r"-a(\d+)\.html$",
            start_urls=("https://baocantho.com.vn/thoi-su/",),
            selectors_from="a real article page and a real listing page (January 2026); no sapo element: the lead "
            "'(CTO) - ...' is the first body paragraph and stays in the body",
            evidence=("../shared/corpora-raw/real-pages/baocantho-a196670.html, baocantho-category.html "
                      "(tammuoichanhoa/crawl_lastest_news tmp_baocantho_*.html, 2026)",),
            real_page_seen="2026-01-08",
        ),
        SiteProfile(
            name="baomoi", label="Báo Mới (aggregator)", hosts=("baomoi.com",),
            title=(".content-main h1", "h1"),
            lead=("h3.sapo", ".sapo"),
            date=(".content-meta time@datetime", "time@datetime"),
            author=("p.body-author",),
            publisher=(".content-meta a.bm-card-source@title", ".content-meta a.bm-card-source img@alt"),
            body=(".content-body",),
            drop=("p.media-caption", ".video-wrapper", ".image-wrapper", ".pswp", ".content-social"),
            expects=("title", "body", "date", "publisher"),
            fingerprint=("div.content-main .content-meta a.bm-card-source", "div.content-main .content-body"),
            article_url=r"-c\d+\.epi$", article_id=r"-c(\d+)\.epi$",
            start_urls=("https://baomoi.com/xa-hoi.epi",),
            selectors_from="602 real article bodies (2 November 2025): h1, h3.sapo, p.text, p.media-caption, "
            "p.body-author, the source logo link in .content-meta",
            evidence=("../shared/corpora-raw/baomoi-2025-xahoi/ (daibangsamac/BaomoiCrawler output/xa-hoi, "
                      "commit 2f6a408f, 2025)",),
            real_page_seen="2025-11-02",
        ),
        SiteProfile(
            name="qdnd", label="Báo Quân đội nhân dân", hosts=("qdnd.vn", "www.qdnd.vn"),
            title=("h1.post-title", ".post-title", "h1"),
            lead=(".post-summary", ".post-sapo", "h2.sapo"),
            date=("span.post-subinfo > span", ".post-subinfo span", ".post-date", ".date"),
            author=(".post-author", ".author"),
            body=(".post-content", ".article-detail", "div[itemprop=articleBody]"),
            drop=(".post-tags", ".post-related", ".post-subinfo"),
            article_url=r"/[a-z0-9-]+-\d{5,}(?:\.html)?$",
            article_id=r"-(\d{5,})(?:\.html)?$",
            start_urls=("https://www.qdnd.vn/chinh-tri",),
            feeds=("https://www.qdnd.vn/rss/cate/chinh-tri-3429.rss", "https://www.qdnd.vn/rss/cate/tin-tuc-moi-nhat.rss"),
            sitemaps=("https://www.qdnd.vn/sitemaps/pid/feed-0.xml", "https://www.qdnd.vn/sitemaps/0/top300article.xml"),
            selectors_from="public crawler code: .post-title, .article-detail (a config), date 'span.post-subinfo > "
            "span' and body 'div.post-content > div > p' (a Go crawler), body div[itemprop=articleBody] (a spider); "
            "feeds /rss/cate/<name>-<id>.rss, sitemaps /sitemaps/pid/feed-0.xml and /sitemaps/0/top300article.xml",
            evidence=("giapham123/crawl-news-python config.py (qdnd.vn: .post-title, .article-detail; 2025)",
                      "megaCrawler Go plugin N-0031 'Quân đội Nhân dân' (foxwhite25/megaCrawler family; file path "
                      "not resolved by the index): start /sitemaps/pid/feed-0.xml, date 'span.post-subinfo > span', "
                      "body 'div.post-content > div > p'",
                      "scrapy QdndSpider (today_news): /sitemaps/0/top300article.xml, div[itemprop=articleBody], "
                      "JSON-LD datePublished",
                      "public feed lists (2025): https://www.qdnd.vn/rss/cate/chinh-tri-3429.rss, "
                      "/rss/cate/tin-tuc-moi-nhat.rss"),
        ),
        SiteProfile(
            name="dangcongsan", label="Báo điện tử Đảng Cộng sản Việt Nam",
            hosts=("dangcongsan.vn", "www.dangcongsan.vn", "dangcongsan.org.vn", "www.dangcongsan.org.vn"),
            # 2025 layout (dangcongsan.org.vn) first, then the pre-2025 one
            title=("h1#contenttitle", "#contenttitle", "h1.post-title", "h1.title", "h1"),
            lead=("div#description", "#description", ".post-summary", ".sapo", "h2.sapo"),
            date=("div#ngaytao", "#ngaytao", "span.post-subinfo", ".post-date", ".date-time"),
            author=("b#tacgia", "#tacgia", ".post-author", ".author"),
            body=("div.noidungtt", ".noidungtt", "div.post-content", ".post-content", ".detail-content"),
            drop=(".post-tags", ".related", ".box-related"),
            article_url=r"(?:-\d{5,}\.html$|dangcongsan\.org\.vn/(?:[a-z0-9-]+/)+[a-z0-9-]+\.html(?:\?categoryId=\d+)?$)",
            article_id=r"dangcongsan\.vn/.*-(\d{5,})\.html$",
            start_urls=("https://dangcongsan.org.vn/tin-hoat-dong", "https://dangcongsan.vn/xay-dung-dang"),
            selectors_from="issue 14 report of public crawler code: 2025 layout h1#contenttitle, div#description, "
            "div#ngaytao, div.noidungtt, b#tacgia; before 2025 div.post-summary, span.post-subinfo, div.post-content",
            evidence=("public code (2025-2026) links https://dangcongsan.org.vn/tin-hoat-dong/<slug>.html?categoryId=1902448 "
                      "and /<unit>/tin-tuc-hoat-dong/<slug>.html: host and URL forms confirmed",
                      "issue 14 report: selectors (not found again in the searchable index)"),
        ),
        SiteProfile(
            name="tapchicongsan", label="Tạp chí Cộng sản",
            hosts=("tapchicongsan.org.vn", "www.tapchicongsan.org.vn"),
            title=(".journal-content-article h1", "h1.title", "h1"),
            lead=(".journal-content-article .sapo", ".journal-content-article h2", ".sapo"),
            date=(".journal-content-article .date", ".published-date", ".date"),
            author=(".journal-content-article .author", ".author"),
            body=(".journal-content-article .content", ".journal-content-article"),
            drop=(".related", ".tags", ".social"),
            lead_in_body=r"^TCCS\s*-",
            article_url=r"(?:/-/(?:\d{4}/)?\d+(?:/[^/]+)?$|/-/asset_publisher/[^/]+/content/[^/?#]+)",
            article_id=r"(?:/-/(?:\d{4}/)?(\d+)(?:/|$)|/-/asset_publisher/[^/]+/content/([^/?#]+))",
            start_urls=("https://www.tapchicongsan.org.vn/web/guest/chinh-tri-xay-dung-dang",),
            selectors_from="guessed from the Liferay portal family (journal-content-article); URL forms "
            "/-/2018/<id>/<slug>.aspx and, since 2025, /media-story/-/asset_publisher/<id>/content/<slug> and "
            "/chi-tiet/-/asset_publisher/.../content/<slug>; lead = first body paragraph starting 'TCCS - '",
            evidence=("public links in several repositories (2025): https://www.tapchicongsan.org.vn/media-story/-/"
                      "asset_publisher/V8hhp4dK31Gf/content/<slug> (the /chi-tiet/ form from issue 14)",
                      "Liferay's own code builds /-/asset_publisher/<instance>/content/<urlTitle> links (public)",
                      "issue 14 report: the 'TCCS - ' lead as the first body paragraph (not found again); the "
                      "selectors are still guessed from the Liferay family"),
        ),
        SiteProfile(
            name="xaydungdang", label="Tạp chí Xây dựng Đảng",
            hosts=("xaydungdang.org.vn", "www.xaydungdang.org.vn", "xaydungdang.tapchicongsan.org.vn"),
            title=("h1.post-title", "h1.title", "h1"),
            lead=(".brief", ".post-sapo", ".sapo", ".summary"),
            date=(".post-date", ".date"),
            author=(".autor-news", ".post-author", ".author"),
            body=(".article-content", ".content-news", ".post-content", ".detail-content", ".content-detail"),
            drop=(".related", ".tags"),
            article_url=r"/[a-z0-9-]+/[a-z0-9-]+(?:\.html)?$",
            article_id=_SLUG_ID,
            start_urls=("https://xaydungdang.tapchicongsan.org.vn/thoi-su-chinh-tri",),
            selectors_from="public code (2025-2026) fetching xaydungdang.tapchicongsan.org.vn/<category>/<slug>.html "
            "with content selectors .article-content, .content-news; lead .brief and author .autor-news from issue 14",
            evidence=("public debugging scripts (2025-2026) for xaydungdang.tapchicongsan.org.vn: URL form "
                      "/<category>/<slug>.html, /videos/<slug>-20306.html; content '.article-content', '.content-news'",
                      "issue 14 report: lead .brief, author .autor-news (not found again)"),
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


def profile_for_page(soup) -> SiteProfile | None:
    """The profile whose template fingerprint the page carries (for pages whose host has no
    profile: a saved or mirrored copy of a supported site), or None."""
    for profile in SITES.values():
        if profile.fingerprint and all(soup.select_one(sel) is not None for sel in profile.fingerprint):
            return profile
    return None


def get_profile(name: str) -> SiteProfile:
    """A profile by name; :class:`SiteError` names the supported ones."""
    try:
        return SITES[name]
    except KeyError:
        raise SiteError(f"Unknown site {name!r}. Supported: {', '.join(sorted(SITES))}; "
                        "or pass a URL to crawl any site with the generic extractor") from None
