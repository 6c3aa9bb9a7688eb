"""The crawl stage: the only code that touches the network.

* :mod:`.fetch`     the polite HTTP session (the only module that imports requests)
* :mod:`.decompress` streamed gzip under a cap on decompressed bytes
* :mod:`.httpcache` responses kept on disk for conditional GET
* :mod:`.robots`    robots.txt rules, parsed by protego
* :mod:`.discover`  sitemaps, feeds and links of HTML pages
* :mod:`.frontier`  every URL of a crawl and its state, in SQLite
* :mod:`.run`       the crawl loop: :func:`crawl`
* :mod:`.rebuild`   :func:`reextract`: articles rebuilt from the kept WARC files, no network
* :mod:`.warc`      raw pages kept as WARC files

>>> from partytext.crawl import crawl
>>> report = crawl("nhandan", archive="party.db", since="2025-01-01", max_pages=50)  # doctest: +SKIP
"""

from __future__ import annotations

from .frontier import CrawlState
from .rebuild import reextract
from .run import CrawlReport, crawl, state_path_for

__all__ = ["CrawlReport", "CrawlState", "crawl", "reextract", "state_path_for"]
