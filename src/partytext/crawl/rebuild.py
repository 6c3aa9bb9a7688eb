"""Articles rebuilt from the raw pages a crawl kept (``crawl --raw DIR``), without the network.

>>> from partytext.crawl import reextract
>>> reextract("raw/", archive="party.db")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import PartytextError
from ..records import Article, Record
from ..sources.encoding import decode_html
from ..sources.html import article_from_html, looks_like_article
from .discover import document_kind
from .run import _default_record, _open_archive

log = logging.getLogger(__name__)


def reextract(raw_dir: str | Path, *, archive: Any, record: Callable[[Article], Record] | None = None) -> int:
    """Re-extract every article page kept in the WARC files of ``raw_dir`` into ``archive``
    (after a profile or the extractor improved); returns the number of articles stored.

    Records are upserts by article id, so running it twice (or after a kill) stores each
    article once. A page whose extractors raise is logged and left out; the others go on.
    """
    from .warc import iter_raw

    arc, owned = _open_archive(archive)
    make_record = record or _default_record
    stored = 0
    try:
        for url, headers, body in iter_raw(raw_dir):
            if document_kind(body, headers.get("content-type", "")) != "html":
                continue
            try:
                html = decode_html(body, content_type=headers.get("content-type"), where=url).text
                if not looks_like_article(html, url=url):
                    continue
                article = article_from_html(html, url=url, headers=headers)
            except PartytextError as exc:
                log.info("%s: %s", url, exc)
                continue
            try:
                rec = make_record(article)
            except Exception as exc:  # one page's extractor bug must not end the run
                log.warning("%s not stored: extraction failed: %s: %s", url, type(exc).__name__, exc, exc_info=True)
                continue
            arc.add(rec)
            stored += 1
    finally:
        if owned:
            arc.close()
    return stored
