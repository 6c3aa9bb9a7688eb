"""Page metadata and the article's own header fields: title, date line, lead, byline.

All functions read a BeautifulSoup tree *before* the boilerplate layer cleans it (scripts
with JSON-LD and the header block around the title are still there).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from .dates import parse_date

log = logging.getLogger(__name__)

# JSON-LD types that describe an article page.
ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report", re.IGNORECASE)

# <meta> names/properties that carry the publication (not the modification) time.
PUBLISHED_META = ("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "dc.date.issued", "DC.date.issued", "citation_publication_date",
                  "date", "dc.date", "DC.date")

# class/id words of the element that holds the article's own date line.
DATE_CLASS = re.compile(r"date|time|publish|ngay|thoigian|meta|info", re.IGNORECASE)

# class/id words of the lead (sapo) element.
LEAD_CLASS = re.compile(r"sapo|lead|summary|chapeau|description|desc\b|intro|tomtat|tom-tat|excerpt|abstract", re.IGNORECASE)

# Containers whose dates belong to the page, not the article ("today" in the top bar,
# dates of other articles in sidebars and footers).
FOREIGN_DATE_CONTAINERS = ("header", "nav", "aside", "footer")
FOREIGN_DATE_CLASS = re.compile(r"sidebar|most-?view|related|other|topbar|top-bar|header|footer|weather|today|lien-?quan|tin-?khac", re.IGNORECASE)

# A date line is short; a body sentence that mentions a date is not a date line.
DATE_LINE_MAX = 90
# How much text after the title may still hold its date line.
DATE_LINE_WINDOW = 1500

# Bylines at the end (or start) of the body.
BYLINE_LABELLED = re.compile(
    r"^\s*\(?(?:tin(?:\s*(?:,|và)\s*ảnh)?|bài(?:\s*(?:,|và)\s*ảnh)?|ảnh|bài và ảnh|thực hiện|nhóm phóng viên|"
    r"nhóm pv|pv|ctv|nguồn|theo)(?:\s*:\s*|\s+)(?P<name>[^:()]{2,60}?)\s*\)?\s*\.?\s*$",
    re.IGNORECASE,
)
# Academic or military title before a name: "PGS, TS Nguyễn Văn A", "Đại tá Trần B".
BYLINE_TITLED = re.compile(
    r"^\s*(?P<name>(?:PGS|GS|TS|ThS|NCS|CN|Đại tá|Thượng tá|Trung tá|Thiếu tá|Đồng chí)[.,]?(?:\s*,?\s*(?:TS|ThS)\.?)?"
    r"\s+[A-ZĐÀ-Ỹ][\w\s.-]{2,50})$"
)
BYLINE_MAX = 70
# A byline names people or a paper: a few words, no figures.
BYLINE_NAME_WORDS = 8


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None = None
    description: str | None = None
    published: str | None = None
    author: str | None = None
    canonical: str | None = None
    site_name: str | None = None
    is_article: bool = False


def _clean(text: Any) -> str | None:
    if isinstance(text, list):  # JSON-LD allows several values: take the first text
        text = next((t for t in text if isinstance(t, str)), None)
    if not isinstance(text, str):  # JSON-LD from the wild: numbers, objects, null
        return None
    text = " ".join(text.split())
    return text or None


def text_of(el: Tag | None) -> str:
    return " ".join(el.get_text(" ", strip=True).split()) if el is not None else ""


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        el = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name}) or soup.find(
            "meta", attrs={"itemprop": name})
        if el is not None and el.get("content"):
            return _clean(el["content"])
    return None


def _json_ld(soup: BeautifulSoup) -> list[dict]:
    found: list[dict] = []

    def walk(node):
        if isinstance(node, list):
            for n in node:
                walk(n)
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and ARTICLE_TYPES.search(k) for k in kinds):
                found.append(node)
            walk(node.get("@graph"))

    for script in soup.find_all("script", attrs={"type": re.compile("ld\\+json", re.IGNORECASE)}):
        try:
            walk(json.loads(script.string or script.get_text() or "null"))
        except (json.JSONDecodeError, TypeError):
            log.debug("unreadable JSON-LD block skipped")
    return found


def _ld_author(node: dict) -> str | None:
    author = node.get("author")
    if isinstance(author, list):
        names = [_ld_author({"author": a}) for a in author]
        return ", ".join(n for n in names if n) or None
    if isinstance(author, dict):
        return _clean(author.get("name"))
    return _clean(author) if isinstance(author, str) else None


def read_metadata(soup: BeautifulSoup, url: str | None = None) -> PageMeta:
    """Title, description, publication time, author and canonical URL from the page head."""
    ld = _json_ld(soup)
    published = None
    for node in ld:
        published = parse_date(str(node.get("datePublished") or "")) or published
        if published:
            break
    if not published:
        published = parse_date(_meta(soup, *PUBLISHED_META))
    if not published:
        t = soup.find("time", attrs={"itemprop": "datePublished"}) or soup.find("time", attrs={"pubdate": True})
        if t is not None:
            published = parse_date(t.get("datetime") or text_of(t))
    author = next((a for a in (_ld_author(n) for n in ld) if a), None) or _meta(soup, "author", "article:author", "dc.creator")
    if author and author.startswith("http"):
        author = None
    canonical = None
    link = soup.find("link", attrs={"rel": lambda v: v and "canonical" in (v if isinstance(v, list) else [v])})
    if link is not None and link.get("href"):
        canonical = urljoin(url or "", link["href"].strip())
    og_type = (_meta(soup, "og:type") or "").lower()
    return PageMeta(
        title=_meta(soup, "og:title", "twitter:title") or next((_clean(n.get("headline")) for n in ld if n.get("headline")), None),
        description=_meta(soup, "og:description", "description", "twitter:description"),
        published=published,
        author=author,
        canonical=canonical,
        site_name=_meta(soup, "og:site_name"),
        is_article=bool(ld) or og_type == "article" or _meta(soup, "article:published_time") is not None,
    )


def same_site(a: str | None, b: str | None) -> bool:
    ha = (urlsplit(a).hostname or "").removeprefix("www.") if a else ""
    hb = (urlsplit(b).hostname or "").removeprefix("www.") if b else ""
    return bool(ha) and ha == hb


def find_title(soup: BeautifulSoup, meta: PageMeta) -> Tag | None:
    """The h1 that is the article's title: the one that agrees with og:title/<title>,
    else the longest h1 (site logos are h1 on some pages)."""
    h1s = [h for h in soup.find_all("h1") if text_of(h)]
    if not h1s:
        return None
    refs = [r.lower() for r in (meta.title, text_of(soup.title) if soup.title else None) if r]
    for h in h1s:
        t = text_of(h).lower()
        if any(t in r or r in t for r in refs):
            return h
    return max(h1s, key=lambda h: len(text_of(h)))


def title_from_meta(meta: PageMeta, soup: BeautifulSoup) -> str | None:
    """og:title or <title> without a trailing " - Site name" / " | Site name"."""
    title = meta.title or (text_of(soup.title) if soup.title else None)
    if not title:
        return None
    parts = re.split(r"\s+[|–-]\s+", title)
    return parts[0] if len(parts) > 1 and len(parts[0]) > 15 else title


def _foreign(el: Tag, title: Tag | None) -> bool:
    for anc in [el, *el.parents]:
        if anc is None or anc.name in ("body", "html", "[document]"):
            return False
        if title is not None and (anc is title or title in anc.descendants):
            return False
        if anc.name in FOREIGN_DATE_CONTAINERS:
            return True
        attrs = " ".join(anc.get("class") or []) + " " + str(anc.get("id") or "")
        if FOREIGN_DATE_CLASS.search(attrs):
            return True
    return False


def date_line(soup: BeautifulSoup, title: Tag | None) -> str | None:
    """The article's own date line: a short text near the title (after it, or just before
    it in the same header block), never the page's top bar or a sidebar."""
    if title is None:
        return None
    scope = title.parent if title.parent is not None else soup
    # 1. Dated elements in the title's own block (a <time>, or an element classed as a date).
    for _ in range(3):
        for el in scope.find_all(["time", "span", "div", "p", "li"]):
            label = " ".join(el.get("class") or []) + " " + str(el.get("id") or "")
            if el.name != "time" and not DATE_CLASS.search(label):
                continue
            text = el.get("datetime") or text_of(el)
            if text and len(text) <= DATE_LINE_MAX * 2 and not _foreign(el, title):
                found = parse_date(text)
                if found:
                    return found
        if scope.parent is None or scope.name in ("body", "article"):
            break
        scope = scope.parent
    # 2. Short strings after the title.
    seen = 0
    for s in title.find_all_next(string=True):
        text = " ".join(s.split())
        if not text or s.parent is None or s.parent.name in ("script", "style"):
            continue
        seen += len(text)
        if seen > DATE_LINE_WINDOW:
            break
        if len(text) <= DATE_LINE_MAX and not _foreign(s.parent, title):
            found = parse_date(text)
            if found:
                return found
    return None


def find_lead(soup: BeautifulSoup, title: Tag | None, meta: PageMeta) -> str | None:
    """The sapo: an element classed as a lead near the title, else a bold first paragraph."""
    if title is None:
        return None
    scope = title.parent
    for _ in range(4):
        if scope is None:
            break
        for el in scope.find_all(True):
            label = " ".join(el.get("class") or []) + " " + str(el.get("id") or "")
            if LEAD_CLASS.search(label) and not _foreign(el, title):
                text = text_of(el)
                linked = sum(len(text_of(a)) for a in el.find_all("a"))
                if 40 <= len(text) <= 1200 and linked < len(text) / 2:
                    return text
        if scope.name in ("body", "article"):
            break
        scope = scope.parent
    first = title.find_next("p")
    if first is not None:
        text = text_of(first)
        bold = "".join(text_of(b) for b in first.find_all(["strong", "b"], recursive=True))
        if len(text) >= 40 and bold == text:
            return text
        if meta.description and len(text) >= 40 and (text.startswith(meta.description[:60]) or meta.description.startswith(text[:60])):
            return text
    return None


def split_byline(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Body paragraphs without the byline line at their end (or start), and the author."""
    if not paragraphs:
        return paragraphs, None
    for index in (len(paragraphs) - 1, 0):
        text = paragraphs[index]
        if len(text) > BYLINE_MAX:
            continue
        m = BYLINE_LABELLED.match(text) or BYLINE_TITLED.match(text)
        name = m.group("name").strip(" .") if m else None
        if name and (len(name.split()) > BYLINE_NAME_WORDS or any(c.isdigit() for c in name)):
            name = None  # "Theo Ban Tổ chức Tỉnh ủy, năm nay kết nạp 2.000 ..." is a sentence, not a byline
        if name is None and index == len(paragraphs) - 1 and _all_caps_name(text):
            name = text.strip(" .")
        if name:
            rest = paragraphs[:index] + paragraphs[index + 1:]
            return rest, name
    return paragraphs, None


def _all_caps_name(text: str) -> bool:
    words = text.strip(" .").split()
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(words) <= 6 and bool(letters) and all(c.isupper() for c in letters) and not any(c.isdigit() for c in text)
