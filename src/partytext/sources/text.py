"""Plain-text articles: line 1 is the title, an optional line 2 the lead, then the body."""

from __future__ import annotations

import re

from ..normalize import nfc
from ..records import Article

# Headings of page leftovers that scrapers leave at the end of an article ("Phản hồi",
# "Các tin khác", ...). A run of such short lines at the very end is not article text.
TRAILING_BOILERPLATE = re.compile(
    r"^\s*(?:phản hồi|ý kiến bạn đọc|bình luận|gửi bình luận|các tin khác|tin khác|tin liên quan|"
    r"bài liên quan|tin cùng chuyên mục|xem thêm|đọc thêm|mời bạn đọc xem thêm|mới nhất|"
    r"xem nhiều nhất|đọc nhiều nhất|đọc nhiều|tin mới|chia sẻ|in bài|bản in|lên đầu trang|"
    r"bản quyền.*|giấy phép.*|các tin đã đưa)\s*:?\s*$",
    re.IGNORECASE,
)


def strip_trailing_boilerplate(text: str) -> str:
    """``text`` without the run of page-leftover lines at its end."""
    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or TRAILING_BOILERPLATE.match(lines[-1])):
        lines.pop()
    return "\n".join(lines).rstrip()


def article_from_text(text: str, *, url: str | None = None, site: str | None = None,
                      published: str | None = None, author: str | None = None) -> Article:
    """An :class:`Article` from plain text in the corpus convention.

    The article's ``text`` is the NFC text itself (page leftovers at the end removed), so
    offsets into it are offsets into the file as the user sees it. The title is the first
    non-empty line; the lead is the second when at least one more paragraph follows it.
    """
    body = strip_trailing_boilerplate(nfc(text).replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    title = paragraphs[0] if paragraphs else None
    lead = paragraphs[1] if len(paragraphs) >= 3 else None
    return Article(text=body, title=title, lead=lead, author=author, published=published, url=url, site=site)
