"""HTML pages to articles: a site profile when one matches the URL, else the generic
extractor (trafilatura) under the Vietnamese boilerplate layer. Pure: no network.

The article's ``text`` is NFC: the title, the lead, then the body paragraphs, separated by
blank lines. The lead and the byline are fields of their own and also kept out of the body.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import ExtractionError
from ..normalize import nfc
from ..records import Article
from .boilerplate import clean_paragraphs, clean_tree, link_share
from .dates import parse_date
from .encoding import decode_html
from .metadata import (
    PageMeta,
    date_line,
    find_lead,
    find_title,
    read_metadata,
    same_site,
    split_byline,
    text_of,
    title_from_meta,
)
from .profiles import SiteProfile, profile_for_url

log = logging.getLogger(__name__)

# Block-level elements: each one that holds no other block is a paragraph of its own.
BLOCK_TAGS = {"p", "div", "section", "article", "blockquote", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6",
              "table", "tr", "pre", "header", "footer", "figure", "main", "dl", "dd", "dt", "center"}

# A page is taken as an article when its body is at least this long (generic pages with
# no article metadata); listing pages are mostly links and fall short.
MIN_ARTICLE_CHARS = 200
# A page with this many linked headings (teaser titles) is a listing.
LISTING_TEASERS = 4


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _norm(text: str) -> str:
    return " ".join(nfc(text).split())


def block_texts(container: Tag) -> list[str]:
    """The paragraphs of a container: one per innermost block; tables one row a line
    (cells separated by " | ")."""
    out: list[str] = []
    inline: list[str] = []

    def flush() -> None:
        text = _norm(" ".join(inline))
        if text:
            out.append(text)
        inline.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if child.__class__.__name__ in ("Comment", "Doctype", "CData", "ProcessingInstruction"):
                    continue
                inline.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    flush()
                elif child.name == "tr":
                    flush()
                    cells = [_norm(c.get_text(" ")) for c in child.find_all(["td", "th"], recursive=False)]
                    row = " | ".join(c for c in cells if c)
                    if row:
                        out.append(row)
                elif child.name in BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    inline.append(child.get_text(" "))
    walk(container)
    flush()
    return out


def _select(soup: Tag, selectors: tuple[str, ...]) -> Tag | None:
    for sel in selectors:
        el = soup.select_one(sel)
        if el is not None and (text_of(el) or el.get("datetime") or el.get("content")):
            return el
    return None


def _dedupe(paragraphs: list[str], title: str | None, lead: str | None) -> list[str]:
    out: list[str] = []
    for p in paragraphs:
        if out and out[-1] == p:
            continue
        if p == title or p == lead:
            continue
        if lead and len(p) > 40 and lead.startswith(p):
            continue
        out.append(p)
    if lead and out and out[0].startswith(lead) and len(out[0]) > len(lead):
        out[0] = out[0][len(lead):].strip()
        out = [p for p in out if p]
    return out


def _assemble(*, title: str | None, lead: str | None, body: list[str], author: str | None, published: str | None,
              url: str | None, site: str | None) -> Article:
    parts = [p for p in ([title, lead] + body) if p]
    if not body:
        raise ExtractionError(f"No article text found in {url or 'the HTML input'}: it looks like a listing or "
                              "an empty page", url=url)
    return Article(text="\n\n".join(parts), title=title, lead=lead, author=author, published=published,
                   url=url, site=site)


def _with_profile(soup: BeautifulSoup, profile: SiteProfile, meta: PageMeta, url: str | None) -> Article | None:
    body_el = _select(soup, profile.body)
    title_el = _select(soup, profile.title)
    if body_el is None or title_el is None:
        log.warning("site profile %s: %s selector matched nothing on %s (layout changed?); using the generic "
                    "extractor", profile.name, "body" if body_el is None else "title", url)
        return None
    title = _norm(text_of(title_el))
    lead_el = _select(soup, profile.lead)
    lead = _norm(text_of(lead_el)) if lead_el is not None else None
    date_el = _select(soup, profile.date)
    published = meta.published
    if not published and date_el is not None:
        published = parse_date(date_el.get("datetime") or date_el.get("content") or text_of(date_el))
    if not published:
        published = date_line(soup, title_el)
    author_el = _select(soup, profile.author)
    author = _norm(text_of(author_el)) if author_el is not None else None
    for sel in profile.drop:
        for el in body_el.select(sel):
            el.decompose()
    if lead_el is not None and body_el in lead_el.parents:
        lead_el.decompose()
    if author_el is not None and body_el in author_el.parents:
        author_el.decompose()
    clean_tree(body_el, keep=body_el)
    body = _dedupe(clean_paragraphs(block_texts(body_el)), title, lead)
    body, byline = split_byline(body)
    return _assemble(title=title, lead=lead, body=body, author=author or byline or meta.author,
                     published=published, url=url, site=profile.name)


def _trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True,
                                      include_images=False, with_metadata=False, deduplicate=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if isinstance(doc, dict):
        text = doc.get("text")
    return [_norm(line) for line in (text or "").split("\n") if _norm(line)]


def _largest_text_block(soup: BeautifulSoup) -> list[str]:
    best, best_len = None, 0
    for el in soup.find_all(["body", "article", "main", "div", "section"]):
        paras = [p for p in el.find_all("p", recursive=False) if len(text_of(p)) > 30 and link_share(p) < 0.5]
        size = sum(len(text_of(p)) for p in paras)
        if size > best_len:
            best, best_len = el, size
    return block_texts(best) if best is not None else []


def _generic(soup: BeautifulSoup, meta: PageMeta, url: str | None) -> Article:
    title_el = find_title(soup, meta)
    title = _norm(text_of(title_el)) if title_el is not None else title_from_meta(meta, soup)
    published = meta.published or date_line(soup, title_el)
    lead = find_lead(soup, title_el, meta)
    lead = _norm(lead) if lead else None
    clean_tree(soup)
    paragraphs = clean_paragraphs(_trafilatura_paragraphs(str(soup), url))
    if sum(len(p) for p in paragraphs) < MIN_ARTICLE_CHARS / 2:
        paragraphs = clean_paragraphs(_largest_text_block(soup))
    body = _dedupe(paragraphs, title, lead)
    body, byline = split_byline(body)
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else None
    return _assemble(title=_norm(title) if title else None, lead=lead, body=body, author=byline or meta.author,
                     published=published, url=url, site=host)


def article_url(soup: BeautifulSoup, meta: PageMeta, url: str | None) -> str | None:
    """The URL an article is stored under: its canonical URL when that stays on the site."""
    if meta.canonical and url and same_site(meta.canonical, url) and meta.canonical.startswith("http"):
        return meta.canonical
    return url or meta.canonical


def article_from_html(html: str | bytes, *, url: str | None = None, headers: dict | None = None) -> Article:
    """An :class:`Article` from an HTML page (bytes are decoded: HTTP charset from
    ``headers``, then the page's meta charset, then detection).

    The page's site profile is chosen by the URL's host; other pages go through the
    generic extractor. Raises :class:`ExtractionError` when the page holds no article.
    """
    content_type = None
    if headers:
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    decoded = decode_html(html, content_type=content_type, where=url or "the HTML input")
    soup = _parse(decoded.text)
    meta = read_metadata(soup, url)
    final_url = article_url(soup, meta, url)
    profile = profile_for_url(final_url)
    if profile is not None:
        article = _with_profile(soup, profile, meta, final_url)
        if article is not None:
            return article
        soup = _parse(decoded.text)
    return _generic(soup, meta, final_url)


def looks_like_article(html: str, *, url: str | None = None) -> bool:
    """True for an article page, False for home, listing and tag pages.

    Article metadata (JSON-LD, og:type=article, article:published_time) or a profile's
    URL pattern decide when present; otherwise the page needs one title and a body of
    real paragraphs that is not mostly links.
    """
    profile = profile_for_url(url)
    if profile is not None:
        return profile.is_article_url(url or "")
    soup = _parse(html)
    meta = read_metadata(soup, url)
    if meta.is_article:
        return True
    for tag in soup.find_all(["script", "style", "nav", "header", "footer", "aside"]):
        tag.decompose()
    teaser_heads = [h for h in soup.find_all(["h2", "h3", "h4"]) if h.find("a") is not None and link_share(h) > 0.6]
    if len(teaser_heads) >= LISTING_TEASERS:
        return False
    body = soup.body or soup
    own_text = len(text_of(body)) - sum(len(text_of(a)) for a in body.find_all("a"))
    return soup.find("h1") is not None and own_text >= MIN_ARTICLE_CHARS
