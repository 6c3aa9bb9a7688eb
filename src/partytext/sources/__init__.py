"""Turning pages and files into :class:`~partytext.records.Article`: pure parsing, no network.

* :func:`article_from_text` reads the corpus convention for plain text
  (line 1 the title, an optional line 2 the lead, then the body);
* :func:`article_from_html` reads an HTML page, through a site profile when one matches
  the URL and the generic extractor otherwise.
"""

from __future__ import annotations

from .text import article_from_text
from .html import article_from_html
from .profiles import SITES, SiteProfile, get_profile, profile_for_url
from .status import list_sources

__all__ = ["SITES", "SiteProfile", "article_from_html", "article_from_text", "get_profile", "list_sources",
           "profile_for_url"]
