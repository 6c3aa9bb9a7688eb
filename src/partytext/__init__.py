"""partytext: Vietnamese party and political news as data.

>>> import partytext as pt
>>> record = pt.extract(open("corpora/seed/pleiku.txt", encoding="utf-8").read())  # doctest: +SKIP
>>> [(f.value, f.unit) for f in record.figures][:2]  # doctest: +SKIP
[(23, 'đảng bộ cơ sở xã, phường'), (375, 'chi bộ trực thuộc đảng uỷ cơ sở')]
"""

from __future__ import annotations

import logging

from .analysis import duplicates, related, topics, trend
from .archive import export, facts, figures, index, search
from .crawl import CrawlReport, crawl
from .errors import PartytextError
from .evaluate import evaluate
from .nlp import Document, analyze
from .normalize import canonical, fold, nfc, parse_number
from .pipeline import extract
from .records import Article, DateMention, Entity, Event, Figure, Period, Point, Record, Reference
from .version import __version__
from .web import serve

__all__ = sorted([
    "Article",
    "CrawlReport",
    "DateMention",
    "Document",
    "Entity",
    "Event",
    "Figure",
    "PartytextError",
    "Period",
    "Point",
    "Record",
    "Reference",
    "__version__",
    "analyze",
    "canonical",
    "crawl",
    "duplicates",
    "evaluate",
    "export",
    "extract",
    "facts",
    "figures",
    "fold",
    "index",
    "nfc",
    "parse_number",
    "related",
    "search",
    "serve",
    "topics",
    "trend",
])

logging.getLogger(__name__).addHandler(logging.NullHandler())
