"""Saved page dumps: a JSON object holding an article page's HTML and its address.

The format is the one public crawlers of baomoi.com write (``{"topic", "time", "title",
"url", "content"}``, ``content`` the HTML of the article's ``div.content-main``; see
../shared/corpora-raw/baomoi-2025-xahoi). The HTML goes through the site profile of its
URL like a fetched page; ``time`` (the publication time, UTC) fills the date only when the
markup has none, and ``title`` only when the page has no title.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..records import Article
from .dates import parse_date
from .html import article_from_html


def is_page_dump(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("content"), str)


def article_from_page_dump(data: bytes | str | dict, *, where: str = "the page dump") -> Article:
    """An :class:`Article` from a page dump (bytes or text of the JSON, or the parsed object)."""
    if not isinstance(data, dict):
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise InputError(f"{where}: not valid JSON ({exc}); pass a page dump with \"content\" HTML and "
                             "\"url\", or an .html/.txt file", path=where) from exc
    if not is_page_dump(data):
        raise InputError(f"{where}: a JSON file must be a page dump, an object with \"content\" (the page HTML) "
                         "and \"url\"; for records use `partytext index`", path=where)
    url = data.get("url") if isinstance(data.get("url"), str) else None
    article = article_from_html(data["content"], url=url)
    changes: dict[str, Any] = {}
    if not article.published and isinstance(data.get("time"), str):
        changes["published"] = parse_date(data["time"])
    if not article.title and isinstance(data.get("title"), str):
        changes["title"] = data["title"]
    if changes:
        article = Article(**{**article.to_dict(), **changes})
    return article
