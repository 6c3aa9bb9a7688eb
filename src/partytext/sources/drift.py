"""Which selector of which profile reads each field of a page: drift made visible.

:func:`field_report` parses one page the way :func:`~partytext.sources.article_from_html`
does and says, per field (title, lead, date, author, body, publisher), which selector of
the page's site profile matched, or ``generic`` when none did (no profile for the host, or
its selectors missed: the generic extractor then reads the field, if it can). A profile
field that stays empty on its own site is the first sign that a site changed its layout.
"""

from __future__ import annotations

from typing import Any

from ..errors import PartytextError
from .encoding import decode_html
from .html import _parse, article_url, article_from_html, pick
from .metadata import read_metadata
from .profiles import FIELDS, profile_for_page, profile_for_url

# Which Article attribute holds each field's value.
ATTRIBUTE = {"title": "title", "lead": "lead", "date": "published", "author": "author", "body": "text",
             "publisher": "publisher"}
VALUE_WIDTH = 70


def _short(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def field_report(html: str | bytes, *, url: str | None = None, where: str | None = None) -> list[dict[str, Any]]:
    """One row per field: ``page``, ``field``, ``matched_by`` (``profile:<name>`` or
    ``generic``), ``selector``, ``value`` (what the article holds, shortened), ``note``."""
    where = where or url or "the HTML input"
    decoded = decode_html(html, where=where)
    soup = _parse(decoded.text)
    meta = read_metadata(soup, url)
    final_url = article_url(soup, meta, url)
    profile = profile_for_url(final_url) or profile_for_page(soup)
    try:
        article = article_from_html(decoded.text, url=url)
        error = None
    except PartytextError as exc:
        article, error = None, str(exc)
    rows = []
    for field in FIELDS:
        selectors = profile.selectors(field) if profile is not None else ()
        found = pick(soup, selectors) if selectors else None
        value = getattr(article, ATTRIBUTE[field]) if article is not None else None
        if field == "body" and article is not None:
            parts = article.text.split("\n\n")
            count = len(parts) - 1 - (article.lead is not None and len(parts) > 1 and parts[1] == article.lead)
            value = f"{count} body paragraph{'s' if count != 1 else ''}"
        note = ""
        if field == "lead" and found is None and profile is not None and profile.lead_in_body and value:
            found = (f"first body paragraph /{profile.lead_in_body}/", None, value)
        if profile is not None and selectors and found is None:
            if not profile.is_article_url(final_url or ""):
                note = f"{profile.name} selectors missed (not an article URL of {profile.name})"
            elif field in profile.expects:
                note = f"{profile.name} selectors missed: layout drift?"
            else:
                note = f"{profile.name} selectors found nothing (the field is optional on this site)"
        elif profile is None:
            note = "no profile for this host"
        if error and field == "body":
            note = error
        rows.append({"page": where, "site": profile.name if profile else None, "field": field,
                     "matched_by": f"profile:{profile.name}" if found else "generic",
                     "selector": found[0] if found else None, "value": _short(value), "note": note})
    return rows
