"""The results of the analysis functions: frozen dataclasses with ``to_dict()``.

Kept apart from the numerical modules so that ``import partytext`` stays light
(scikit-learn is imported on the first analysis call, not before).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Related:
    """An article similar to the one asked about; ``score`` is the TF-IDF cosine (0–1)."""

    id: str
    score: float
    title: str | None
    site: str | None
    source: str | None
    url: str | None
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles that are copies of one another, oldest first. ``similarity`` is the lowest
    Jaccard index of the pairs that joined the group, ``highest`` the highest."""

    group: int
    ids: tuple[str, ...]
    titles: tuple[str | None, ...]
    sources: tuple[str | None, ...]
    sites: tuple[str | None, ...]
    similarity: float
    highest: float

    @property
    def size(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "size": self.size, "similarity": self.similarity, "highest": self.highest,
                "ids": list(self.ids), "titles": list(self.titles), "sources": list(self.sources),
                "sites": list(self.sites)}


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic: its top words, its share of the archive, and its share per month."""

    topic: int
    words: tuple[str, ...]
    weight: float
    articles: int
    months: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "words": list(self.words), "weight": self.weight,
                "articles": self.articles, "months": dict(self.months)}


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
