"""Discovery: the URLs that sitemaps, feeds and listing pages point to. Pure parsing.

* sitemaps: ``<sitemapindex>`` (more sitemaps) and ``<urlset>`` (pages, with ``lastmod``),
  gzip-compressed or not;
* feeds: RSS 2.0 ``<item>`` and Atom ``<entry>``, with their publication dates;
* HTML pages: ``<link rel=alternate>`` feeds, pagination links and same-site links.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from lxml import etree

from ..errors import ResponseTooLargeError
from ..sources.dates import parse_date
from .decompress import Corrupt, TooLarge, gunzip, is_gzip

log = logging.getLogger(__name__)

# Links that are never pages: assets, documents, media.
ASSET_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|mp[34]|avi|mov|woff2?|ttf)(?:$|\?)",
                       re.IGNORECASE)

# URL shapes of listing pages beyond the first: ?page=2, /page/2, /trang-2, -p2.html, /p2.
PAGINATION_URL = re.compile(r"[?&](?:page|p|trang|pageindex|pg)=\d+|/page/\d+/?$|/trang-?\d+(?:\.html?)?/?$|"
                            r"-p\d+(?:\.html?)?$|/p\d+/?$", re.IGNORECASE)

# Link texts of pagination controls ("2", "Trang sau", "Tiếp", "»", "›", "Next").
PAGINATION_TEXT = re.compile(r"^\s*(?:\d{1,4}|trang sau|trang tiếp|tiếp|sau|xem tiếp|next|›|»|>|>>|tiếp theo)\s*$",
                             re.IGNORECASE)

# class/id words of pagination blocks.
PAGINATION_CLASS = re.compile(r"pag|paging|phan-?trang|page-?nav|pager", re.IGNORECASE)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


@dataclass(frozen=True, slots=True)
class Link:
    """A discovered URL: ``kind`` is sitemap | feed | listing | page; ``date`` an ISO
    lastmod (sitemaps) or publication date (feeds)."""

    url: str
    kind: str
    date: str | None = None


def clean_url(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL without its fragment, or None for other links."""
    url = (url or "").strip()
    if not url or url.startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
        return None
    absolute = urljoin(base or "", url)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts._replace(fragment=""))


# The most a gzip sitemap or feed given as bytes may inflate to (the fetcher's default cap).
MAX_INFLATED = 20_000_000


def document_kind(content: bytes, content_type: str = "") -> str:
    """sitemap | feed | html, from the bytes (and the Content-Type as a hint)."""
    head = _maybe_gunzip(content, head=2048)[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    ct = content_type.lower()
    if "rss" in ct or "atom" in ct:
        return "feed"
    return "html"


def _maybe_gunzip(content: bytes, head: int | None = None) -> bytes:
    """The bytes of a gzip blob inflated under :data:`MAX_INFLATED` (the fetcher already
    inflates what it downloads; this covers bytes handed in directly, from WARC or a file)."""
    if not is_gzip(content):
        return content
    try:
        return gunzip(content, MAX_INFLATED, head=head)
    except TooLarge as exc:
        raise ResponseTooLargeError(f"a gzip sitemap or feed inflates to {exc}: not read") from exc
    except Corrupt as exc:
        log.warning("a gzip sitemap or feed could not be decompressed: %s", exc)
        return content


def _xml(content: bytes):
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(_maybe_gunzip(content).lstrip(), parser=parser)
    return root


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child_text(el, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def parse_sitemap(content: bytes, base: str | None = None) -> list[Link]:
    """Child sitemaps (kind sitemap) and pages (kind page, dated by lastmod)."""
    root = _xml(content)
    if root is None:
        return []
    out: list[Link] = []
    is_index = _local(root.tag) == "sitemapindex"
    for el in root:
        name = _local(el.tag)
        if name not in ("sitemap", "url"):
            continue
        url = clean_url(_child_text(el, "loc") or "", base)
        if url:
            out.append(Link(url, "sitemap" if is_index or name == "sitemap" else "page",
                            parse_date(_child_text(el, "lastmod"))))
    return out


def parse_feed(content: bytes, base: str | None = None) -> list[Link]:
    """Item links of an RSS or Atom feed, dated by pubDate/published/updated."""
    root = _xml(content)
    if root is None:
        return []
    out: list[Link] = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":
            url = _child_text(el, "link") or _child_text(el, "guid")
            when = _child_text(el, "pubdate") or _child_text(el, "date")
        elif name == "entry":
            url = None
            for child in el:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    url = child.get("href")
                    break
            when = _child_text(el, "published") or _child_text(el, "updated")
        else:
            continue
        url = clean_url(url or "", base)
        if url:
            out.append(Link(url, "page", parse_date(when)))
    return out


@dataclass(frozen=True, slots=True)
class PageLinks:
    feeds: tuple[str, ...]
    pagination: tuple[str, ...]
    links: tuple[str, ...]


def same_host(a: str, b: str) -> bool:
    return urlsplit(a).netloc.lower().removeprefix("www.") == urlsplit(b).netloc.lower().removeprefix("www.")


def page_links(html: str, base: str) -> PageLinks:
    """Feeds announced by ``<link rel=alternate>``, pagination links, and every other
    same-site page link of an HTML page."""
    soup = BeautifulSoup(html, "lxml")
    feeds: list[str] = []
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else [rel]
        if "alternate" in [r.lower() for r in rel] and (link.get("type") or "").lower() in FEED_TYPES:
            url = clean_url(link["href"], base)
            if url:
                feeds.append(url)
    pagination: list[str] = []
    links: list[str] = []
    for el in soup.find_all(["a", "link"], href=True):
        url = clean_url(el["href"], base)
        if not url or not same_host(url, base) or ASSET_URL.search(url) or url in feeds:
            continue
        rel = el.get("rel") or []
        rel = [r.lower() for r in (rel if isinstance(rel, list) else [rel])]
        if el.name == "link" and "next" not in rel:
            continue
        in_pager = any(PAGINATION_CLASS.search(" ".join(p.get("class") or []) + " " + str(p.get("id") or ""))
                       for p in el.parents if p.name not in ("body", "html", "[document]"))
        text = el.get_text(" ", strip=True)
        if "next" in rel or PAGINATION_URL.search(url) or (in_pager and PAGINATION_TEXT.match(text or "")):
            if url != base and url not in pagination:
                pagination.append(url)
        elif el.name == "a" and url != base and url not in links:
            links.append(url)
    return PageLinks(tuple(feeds), tuple(pagination), tuple(links))
