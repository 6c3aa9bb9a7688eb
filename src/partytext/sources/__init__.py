"""Turning pages and files into :class:`~partytext.records.Article`: pure parsing, no network.

* :func:`article_from_text` reads the corpus convention for plain text
  (line 1 the title, an optional line 2 the lead, then the body);
* :func:`article_from_html` reads an HTML page, through a site profile when one matches
  the URL and the generic extractor otherwise.
"""

from __future__ import annotations

from .text import article_from_text
from .html import article_from_html

__all__ = ["article_from_html", "article_from_text"]
