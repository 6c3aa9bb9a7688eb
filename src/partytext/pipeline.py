"""The extraction pipeline: text, file or Article in, :class:`~partytext.records.Record` out."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Sequence

from . import extract as _extract_pkg
from .nlp import analyze
from .records import Article, Record

log = logging.getLogger(__name__)

#: The record fields filled by default, in order.
DEFAULT_STEPS = ("figures", "points", "references", "dates", "periods", "events", "entities", "facts")

#: Steps that run on the finished record (Record -> Record), after the field extractors.
RECORD_STEPS = {"facts": "partytext.facts:annotate"}


def extract(
    text: str | Article,
    *,
    source: str | None = None,
    steps: Sequence[str] | None = None,
) -> Record:
    """Extract a :class:`Record` from plain text (corpus convention) or an :class:`Article`.

    >>> import partytext as pt
    >>> rec = pt.extract("Tiêu đề\\n\\nĐảng bộ có hơn 5.000 đảng viên.")
    >>> rec.figures[0].value, rec.figures[0].qualifier
    (5000, 'more_than')
    """
    from .sources.text import article_from_text

    article = text if isinstance(text, Article) else article_from_text(text)
    registry = _extract_pkg.load()
    wanted = list(steps) if steps is not None else list(DEFAULT_STEPS)
    unknown = [s for s in wanted if s not in registry and s not in RECORD_STEPS]
    if unknown:
        from .errors import UsageError

        raise UsageError(f"Unknown extraction step(s) {', '.join(unknown)}; known: {', '.join(sorted([*registry, *RECORD_STEPS]))}")
    doc = analyze(article.text)
    if doc.text != article.text:
        article = Article(**{**article.to_dict(), "text": doc.text})
    fields = {name: tuple(registry[name](doc, article)) for name in wanted if name in registry}
    record = Record(article=article, source=source, **fields)
    for name in wanted:
        if name in RECORD_STEPS:
            module, _, func = RECORD_STEPS[name].partition(":")
            record = getattr(importlib.import_module(module), func)(record)
    return record


def extract_many(texts: Iterable[str | Article], **kwargs) -> Iterable[Record]:
    for text in texts:
        yield extract(text, **kwargs)
