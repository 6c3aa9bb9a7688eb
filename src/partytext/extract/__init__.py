"""Extractors: plain functions ``(Document, Article) -> list[item]``, registered by name.

Each record field (``figures``, ``points``, ``references``, ``dates``, ``periods``,
``events``, ``entities``) has one extractor module. They never touch the network and
never change the text: every item they return has ``start``/``end`` into ``doc.text``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from ..nlp import Document
from ..records import Article

Extractor = Callable[[Document, Article], list[Any]]

#: record field -> extractor, filled by the @register decorator of each module.
EXTRACTORS: dict[str, Extractor] = {}

# Modules that register extractors, in the order they run.
_MODULES = ("figures", "points", "references", "dates", "events", "entities")


def register(name: str) -> Callable[[Extractor], Extractor]:
    def deco(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn

    return deco


def load() -> dict[str, Extractor]:
    """Import every extractor module once and return the registry."""
    for mod in _MODULES:
        importlib.import_module(f"{__name__}.{mod}")
    return EXTRACTORS
