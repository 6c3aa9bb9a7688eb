"""HTML pages to articles: a site profile when one matches the URL, else the generic
extractor (trafilatura) under the Vietnamese boilerplate layer. Pure: no network.

The article's ``text`` is NFC: the title, the lead, then the body paragraphs, separated by
blank lines. The lead and the byline are fields of their own and also kept out of the body.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import ExtractionError
from ..normalize import fold, nfc
from ..records import Article
from .boilerplate import clean_paragraphs, clean_tree, link_share
from .dates import parse_date
from .encoding import decode_html
from .metadata import (
    BYLINE_MAX,
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
from .profiles import FIELDS, SiteProfile, profile_for_page, profile_for_url

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
        text = _norm("".join(inline))  # inline pieces join as written: "TP.HCM</a>, cùng" stays "TP.HCM, cùng"
        if text and any(c.isalnum() for c in text):  # not a stray BOM or separator between figures
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
                else:  # inline: its words are part of the sentence around it
                    walk(child)
    walk(container)
    flush()
    return out


def pick(soup: Tag, selectors: tuple[str, ...]) -> tuple[str, Tag, str] | None:
    """The first selector that finds a value: (selector, element, value). ``SEL@attr``
    reads the attribute; otherwise the value is the element's text (or, for an empty
    element, its ``datetime``/``content`` attribute)."""
    for sel in selectors:
        css, _, attr = sel.partition("@")
        for el in soup.select(css):
            value = (el.get(attr) or "") if attr else (" ".join(block_texts(el)) or el.get("datetime") or el.get("content") or "")
            if isinstance(value, list):
                value = " ".join(value)
            if value.strip():
                return sel, el, _norm(value)
    return None


def _select(soup: Tag, selectors: tuple[str, ...]) -> Tag | None:
    found = pick(soup, selectors)
    return found[1] if found else None


def _dedupe(paragraphs: list[str], title: str | None, lead: str | None, *, trim_lead: bool = True) -> list[str]:
    """Paragraphs without repeats of the title and the lead. A first paragraph that starts
    with the lead loses it (``trim_lead``; generic pages glue them) or is kept whole, and
    then the lead is not repeated before it (site profiles: the body is kept verbatim)."""
    out: list[str] = []
    for p in paragraphs:
        if out and out[-1] == p:
            continue
        if p == title or p == lead:
            continue
        if lead and len(p) > 40 and lead.startswith(p):
            continue
        out.append(p)
    if trim_lead and lead and out and out[0].startswith(lead) and len(out[0]) > len(lead):
        out[0] = out[0][len(lead):].strip()
        out = [p for p in out if p]
    return out


def _assemble(*, title: str | None, lead: str | None, body: list[str], author: str | None, published: str | None,
              url: str | None, site: str | None, publisher: str | None = None, media: str | None = None) -> Article:
    lead_part = lead if lead and not (body and body[0].startswith(lead)) else None
    parts = [p for p in ([title, lead_part] + body) if p]
    if not body:
        if media:
            raise ExtractionError(f"{url or 'The HTML input'} is a {media} page with no article text (only "
                                  f"{'a player' if media == 'video' else 'photos and their captions'}"
                                  f"{' and a lead' if lead else ''}): nothing to extract", url=url)
        raise ExtractionError(f"No article text found in {url or 'the HTML input'}: it looks like a listing or "
                              "an empty page", url=url)
    return Article(text="\n\n".join(parts), title=title, lead=lead, author=author, published=published,
                   url=url, site=site, publisher=publisher)


def _with_profile(soup: BeautifulSoup, profile: SiteProfile, meta: PageMeta, url: str | None) -> Article | None:
    found = {name: pick(soup, profile.selectors(name)) for name in FIELDS if profile.selectors(name)}
    if found.get("body") is None:  # a body holding only a video player is still the body
        body_el = next((el for el in (soup.select_one(sel.partition("@")[0]) for sel in profile.body) if el), None)
        if body_el is not None and (body_el.find(["video", "iframe"]) or body_el.select(".video-wrapper")):
            found["body"] = ("video", body_el, "")
    if (found.get("body") is None or found.get("title") is None) and url and not profile.is_article_url(url):
        raise ExtractionError(f"{url} is not an article page of {profile.name} (a listing or section page): "
                              "pass an article URL", url=url)
    missed = [name for name in profile.expects if found.get(name) is None]
    if missed:  # layout drift on the profile's own site: say which field, never stay silent
        log.warning("site profile %s: %s selector%s matched nothing on %s (layout changed?)", profile.name,
                    ", ".join(missed), "s" if len(missed) > 1 else "", url or "the page")
    if found.get("body") is None or found.get("title") is None:
        log.warning("site profile %s: using the generic extractor for %s", profile.name, url or "the page")
        return None
    title = found["title"][2]
    body_el = found["body"][1]
    lead = found["lead"][2] if found.get("lead") else None
    published = meta.published
    on_page = parse_date(found["date"][2]) if found.get("date") else None
    if on_page and (not published or (len(published) == 10 and on_page.startswith(published))):
        published = on_page  # the page's date line, when the metadata lacks it or its time
    if not published:
        published = date_line(soup, found["title"][1])
    author = found["author"][2] if found.get("author") else None
    if author and body_el in found["author"][1].parents:  # the bylines at the end of the body
        css = found["author"][0].partition("@")[0]
        names = []
        for el in body_el.select(css):
            name = " ".join(block_texts(el))
            if name and len(name) <= BYLINE_MAX:  # a long "byline" is a sentence of the body
                names.append(name)
                el.decompose()
        author = ", ".join(names) or None
        found["author"] = None
    publisher = found["publisher"][2] if found.get("publisher") else None
    for name in ("lead", "author"):  # kept as fields of their own, out of the body (the byline once)
        if found.get(name) and body_el in found[name][1].parents:
            found[name][1].decompose()
    media = ("video" if body_el.find(["video", "iframe"]) is not None or body_el.select(".video-wrapper") else
             "photo" if body_el.find("img") is not None else None)
    for sel in profile.drop:
        for el in body_el.select(sel):
            el.decompose()
    clean_tree(body_el, keep=body_el)
    body = _dedupe(clean_paragraphs(block_texts(body_el)), title, lead, trim_lead=False)
    if lead is None and profile.lead_in_body and body and re.match(profile.lead_in_body, body[0]) and len(body) > 1:
        lead, body = body[0], body[1:]
    if author is None:
        body, author = split_byline(body)
    return _assemble(title=title, lead=lead, body=body, author=author or _person(meta.author, meta, profile),
                     published=published, url=url, site=profile.name, publisher=publisher, media=media)


def _person(author: str | None, meta: PageMeta, profile: SiteProfile | None) -> str | None:
    """A metadata author, unless it is the paper itself ("Báo Lào Cai điện tử" is no byline)."""
    if not author:
        return None
    folded = fold(author).lower()
    names = [fold(n).lower() for n in (meta.site_name, profile.label if profile else None) if n]
    if any(n and (n in folded or folded in n) for n in names) or re.match(r"^(?:bao|tap chi|cong thong tin)\b", folded):
        return None
    return author


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
    return _assemble(title=_norm(title) if title else None, lead=lead, body=body, author=byline or _person(meta.author, meta, None),
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
    if profile is None:
        profile = profile_for_page(soup)
        if profile is not None:
            log.info("%s: no profile for its host; read with profile %s, whose template it carries",
                     final_url or "the HTML input", profile.name)
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
