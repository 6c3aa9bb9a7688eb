"""The Vietnamese boilerplate layer: page furniture that is not article text.

Works on a BeautifulSoup tree *before* any extractor reads it, so that blocks inside the
content container ("Tin liên quan" + teaser links, "Xem thêm: ...", share bars, photo
captions, copyright lines) are gone for site profiles and the generic extractor alike.
:func:`clean_paragraphs` applies the same rules to extracted paragraphs afterwards.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

# Headings of blocks that are never article text. Matched against the whole (short)
# text of an element, case-insensitively, with an optional trailing colon.
RELATED_HEADING = re.compile(
    r"^\s*(?:tin liên quan|bài liên quan|các tin khác|tin khác|các bài khác|tin cùng chuyên mục|"
    r"bài cùng chuyên mục|tin cùng chủ đề|xem thêm|đọc thêm|mời bạn đọc xem thêm.*|mời quý vị.*xem thêm.*|"
    r"mới nhất|tin mới nhất|tin mới|xem nhiều nhất|xem nhiều|đọc nhiều nhất|đọc nhiều|tin nổi bật|"
    r"các tin đã đưa|tin đã đưa|có thể bạn quan tâm|bạn có thể quan tâm|tin tiêu điểm|chủ đề)\s*:?\s*$",
    re.IGNORECASE,
)

# Headings of reader comments: everything after them in their container goes too.
COMMENTS_HEADING = re.compile(
    r"^\s*(?:phản hồi|ý kiến bạn đọc|ý kiến của bạn|bình luận|gửi bình luận|gửi ý kiến|"
    r"viết bình luận|các ý kiến|bình luận \(\d+\))\s*:?\s*$",
    re.IGNORECASE,
)

# An inline pointer to another article: "Xem thêm: <a>...</a>", "Mời bạn đọc xem thêm: ...".
INLINE_POINTER = re.compile(r"^\s*(?:>>\s*)?(?:xem thêm|đọc thêm|mời bạn đọc xem thêm|tin liên quan)\b", re.IGNORECASE)

# Copyright, licence and contact lines of the page footer.
COPYRIGHT_LINE = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b|bản quyền\b|giấy phép\b|ghi rõ nguồn|cấm sao chép|"
    r"tổng biên tập\s*:|cơ quan chủ quản|địa chỉ\s*:.*điện thoại)",
    re.IGNORECASE,
)

# Share and print bars, by their text.
TOOLBAR_TEXT = re.compile(
    r"^\s*(?:chia sẻ|share|in bài|bản in|gửi bài|gửi email|lưu bài|theo dõi|lên đầu trang|"
    r"cỡ chữ|in trang|tweet|facebook|zalo|email)(?:\s*[|:/-]?\s*(?:chia sẻ|share|in bài|bản in|gửi bài|"
    r"gửi email|lượt xem.*|facebook|zalo|twitter|email|in))*\s*:?\s*$",
    re.IGNORECASE,
)

# class/id words of furniture: share bars, related boxes, comments, captions, ads, tags.
FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|print|toolbar|tool-bar|breadcrumbs?|comments?|binh-?luan|"
    r"related|relate|lien-?quan|tin-?khac|other-?news|more-?news|banner|advs?|advert\w*|ads|"
    r"tags?|keywords?|rating|caption|photo-?caption|image-?caption|expNoEdit|PhotoCMS_Caption|"
    r"fig-?caption|author-box|newsletter|subscribe|most-?view|xem-?nhieu|sidebar)(?:$|[\s_-])",
    re.IGNORECASE,
)

# Inline elements: part of the sentence around them. A keyword link inside a paragraph
# (`<a class="tag-link">`, `<a class="cms-relate">`) keeps its words whatever its class;
# furniture is removed by blocks only.
INLINE_TAGS = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
                         "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
                         "u", "var", "wbr", "label", "big", "tt", "strike", "nobr"})

# Elements that never hold article text.
NON_TEXT_TAGS = ("script", "style", "noscript", "iframe", "form", "button", "input", "select",
                 "svg", "video", "audio", "nav", "template", "figcaption")

# An element whose text is mostly link text is a teaser list.
TEASER_LINK_SHARE = 0.6
# Headings and toolbars are short; longer elements are not judged by their text alone.
SHORT_TEXT = 80


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def link_share(el: Tag) -> float:
    """The share of an element's text that sits inside links."""
    total = len(_text(el))
    if not total:
        return 0.0
    linked = sum(len(_text(a)) for a in el.find_all("a"))
    return linked / total


def _is_teaser(el: Tag) -> bool:
    if not isinstance(el, Tag):
        return False
    text = _text(el)
    if not text:
        return el.find("img") is not None or el.name in ("ul", "ol", "div")
    return link_share(el) >= TEASER_LINK_SHARE


def _classes(el: Tag) -> str:
    attrs = el.attrs or {}
    cls = attrs.get("class") or []
    return " ".join(cls if isinstance(cls, list) else [str(cls)]) + " " + str(attrs.get("id") or "")


def in_sentence(el: Tag) -> bool:
    """True for an inline element whose nearest block holds more text than it does: a
    word or a link inside a paragraph, never furniture of its own."""
    if el.name not in INLINE_TAGS:
        return False
    block = el.parent
    while block is not None and block.name in INLINE_TAGS:
        block = block.parent
    if block is None or not _text(el):
        return False
    own = {id(s) for s in el.strings}
    # any other text in the block makes el part of a sentence (stops at the first one found)
    return any(s.strip() and id(s) not in own for s in block.strings)


def _holds_article(el: Tag) -> bool:
    """True for a wrapper that holds the article itself (a layout class like
    "has-sidebar" on the column around the text must not take the text with it)."""
    if el.find("h1") is not None:
        return True
    long_paragraphs = [p for p in el.find_all("p") if len(_text(p)) >= 120 and link_share(p) < 0.3]
    return len(long_paragraphs) >= 3 and not re.search(r"comment|binh-?luan", _classes(el), re.IGNORECASE)


def _block_of(heading: Tag, keep: Tag | None) -> Tag:
    """The outermost ancestor of a heading that still holds only the heading and teasers."""
    block = heading
    while block.parent is not None and block.parent is not keep and block.parent.name not in ("body", "html", "[document]", "article"):
        parent = block.parent
        others = [c for c in parent.children if c is not block and (isinstance(c, Tag) or str(c).strip())]
        if all(isinstance(c, Tag) and (_is_teaser(c) or RELATED_HEADING.match(_text(c))) for c in others):
            block = parent
        else:
            break
    return block


def _drop_following_teasers(block: Tag, *, everything: bool) -> None:
    for sib in list(block.next_siblings):
        if isinstance(sib, NavigableString):
            if sib.strip() and not everything:
                break
            continue
        if everything or _is_teaser(sib):
            sib.decompose()
        else:
            break


def clean_tree(soup: BeautifulSoup | Tag, *, keep: Tag | None = None) -> None:
    """Remove furniture from a page in place. ``keep`` (the content container, when known)
    is never removed itself, only emptied of furniture."""
    for tag in soup.find_all(NON_TEXT_TAGS):
        tag.decompose()
    for el in soup.find_all(True):
        if el.decomposed or el is keep or el.name in ("body", "html"):
            continue
        if in_sentence(el):  # words inside a paragraph are never furniture, whatever their class
            continue
        if FURNITURE_CLASS.search(_classes(el)) and not (keep is not None and el in keep.parents):
            if not _holds_article(el):
                el.decompose()
    _drop_captions(soup)
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "strong", "b", "li", "header", "section", "aside", "footer"]):
        if el.decomposed or el is keep or in_sentence(el):
            continue
        text = _text(el)
        if not text or len(text) > SHORT_TEXT * 4:
            continue
        if el.name in ("header", "footer", "aside") and (keep is None or el not in keep.parents) and not el.find("h1"):
            if link_share(el) > 0.3 or len(text) <= SHORT_TEXT:
                el.decompose()
            continue
        if len(text) <= SHORT_TEXT and COMMENTS_HEADING.match(text):
            block = _block_of(el, keep)
            _drop_following_teasers(block, everything=True)
            block.decompose()
        elif len(text) <= SHORT_TEXT and RELATED_HEADING.match(text):
            block = _block_of(el, keep)
            _drop_following_teasers(block, everything=False)
            block.decompose()
        elif el.name in ("p", "div", "li") and INLINE_POINTER.match(text) and link_share(el) >= 0.4:
            el.decompose()
        elif len(text) <= SHORT_TEXT * 3 and COPYRIGHT_LINE.match(text) and el.name != "div" or (
            el.name == "div" and len(text) <= SHORT_TEXT * 3 and COPYRIGHT_LINE.match(text) and not el.find("p")
        ):
            el.decompose()
        elif len(text) <= SHORT_TEXT and TOOLBAR_TEXT.match(text):
            el.decompose()


def _drop_captions(soup: BeautifulSoup | Tag) -> None:
    """Photo captions: figcaption (gone with NON_TEXT_TAGS), caption cells of image tables,
    and an all-italic paragraph right after an image-only element."""
    for table in soup.find_all("table"):
        if table.decomposed:
            continue
        if table.find("img") is not None and len(_text(table)) < 400 and len(table.find_all("tr")) <= 3:
            table.decompose()
    for img in soup.find_all("img"):
        holder = img
        while holder.parent is not None and holder.parent.name in ("a", "span", "picture", "p", "div", "figure") and not _text(holder.parent):
            holder = holder.parent
        nxt = holder.find_next_sibling()
        if nxt is None or nxt.decomposed:
            continue
        text = _text(nxt)
        italic = "".join(_text(t) for t in nxt.find_all(["em", "i"]))
        if text and len(text) < 300 and (italic == text or re.match(r"^\s*\(?ảnh\s*:", text, re.IGNORECASE)):
            nxt.decompose()


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Extracted paragraphs without leftover headings, toolbars and copyright lines; reader
    comments (everything after their heading) are cut off."""
    out: list[str] = []
    for para in paragraphs:
        text = para.strip()
        if not text:
            continue
        if COMMENTS_HEADING.match(text):
            break
        if RELATED_HEADING.match(text) or TOOLBAR_TEXT.match(text):
            continue
        if len(text) <= SHORT_TEXT * 3 and COPYRIGHT_LINE.match(text):
            continue
        if INLINE_POINTER.match(text) and len(text) <= SHORT_TEXT * 2:
            continue
        out.append(text)
    return out
