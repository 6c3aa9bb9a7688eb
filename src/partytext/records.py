"""The record contract, ``partytext.record/1``: frozen dataclasses and their JSON form.

One :class:`Record` per document holds the :class:`Article` and everything extracted from
it. Every item with ``start``/``end`` satisfies ``article.text[start:end] == item.text``;
:meth:`Record.check_offsets` verifies it. ``to_dict()`` gives the JSON shape documented in
DESIGN.md and ``from_dict()`` reads it back; the JSON Schema ships as
``partytext/schema/record.schema.json``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, ClassVar

from .errors import RecordError

SCHEMA = "partytext.record/1"

FIGURE_KINDS = ("count", "percent", "money", "duration", "ratio", "other")
QUALIFIERS = ("more_than", "less_than", "nearly", "about", "at_least", "at_most")
CHANGES = ("increase", "decrease")


def _check_span(item: Any) -> None:
    if item.start < 0 or item.end < item.start:
        raise RecordError(f"{type(item).__name__} has an invalid span {item.start}:{item.end}")
    if item.end - item.start != len(item.text):
        raise RecordError(
            f"{type(item).__name__} span {item.start}:{item.end} does not fit its text {item.text!r}"
        )


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names (``dataclasses.fields`` rebuilds its tuple on every call)."""
    return tuple(f.name for f in dataclasses.fields(cls))


class _Item:
    """Shared JSON conversion for the record's dataclasses."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _field_names(type(self))}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = set(_field_names(cls))
        try:
            return cls(**{k: v for k, v in data.items() if k in names})
        except TypeError as exc:
            raise RecordError(f"Cannot read {cls.__name__} from {data!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Article(_Item):
    """A cleaned article. ``text`` is the whole NFC text: title, lead, then body paragraphs,
    separated by blank lines; every offset in the record points into it."""

    text: str
    title: str | None = None
    lead: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", article_id(self.url, self.text))


def article_id(url: str | None, text: str) -> str:
    """A stable id: from the URL when there is one, else from the text."""
    basis = url if url else text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Figure(_Item):
    value: float
    kind: str
    text: str
    start: int
    end: int
    high: float | None = None
    unit: str | None = None
    subject: str | None = None
    qualifier: str | None = None
    change: str | None = None
    part_of: int | None = None
    sentence: int | None = None

    def __post_init__(self) -> None:
        _check_span(self)
        if self.kind not in FIGURE_KINDS:
            raise RecordError(f"Figure kind {self.kind!r} is not one of {', '.join(FIGURE_KINDS)}")
        if self.qualifier is not None and self.qualifier not in QUALIFIERS:
            raise RecordError(f"Figure qualifier {self.qualifier!r} is not one of {', '.join(QUALIFIERS)}")
        if self.change is not None and self.change not in CHANGES:
            raise RecordError(f"Figure change {self.change!r} is not one of {', '.join(CHANGES)}")


@dataclass(frozen=True, slots=True)
class Point(_Item):
    """One enumerated item. ``list`` numbers the lists of an article from 0; ``heading``
    is the sentence that announces the list ("... các giải pháp sau:")."""

    ordinal: int
    marker: str
    text: str
    start: int
    end: int
    list: int = 0
    heading: str | None = None

    def __post_init__(self) -> None:
        _check_span(self)
        if self.ordinal < 1:
            raise RecordError(f"Point ordinal must count from 1, got {self.ordinal}")


@dataclass(frozen=True, slots=True)
class Reference(_Item):
    type: str
    symbol: str
    text: str
    start: int
    end: int
    issuer: str | None = None
    date: str | None = None

    def __post_init__(self) -> None:
        _check_span(self)


@dataclass(frozen=True, slots=True)
class DateMention(_Item):
    value: str
    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_span(self)


@dataclass(frozen=True, slots=True)
class Period(_Item):
    start_year: int
    end_year: int
    kind: str
    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_span(self)


@dataclass(frozen=True, slots=True)
class Event(_Item):
    kind: str
    text: str
    start: int
    end: int
    ordinal: int | None = None

    def __post_init__(self) -> None:
        _check_span(self)


@dataclass(frozen=True, slots=True)
class Entity(_Item):
    type: str
    text: str
    start: int
    end: int

    def __post_init__(self) -> None:
        _check_span(self)


@dataclass(frozen=True, slots=True)
class Record:
    """Everything partytext knows about one document."""

    article: Article
    source: str | None = None
    figures: tuple[Figure, ...] = ()
    points: tuple[Point, ...] = ()
    references: tuple[Reference, ...] = ()
    dates: tuple[DateMention, ...] = ()
    periods: tuple[Period, ...] = ()
    events: tuple[Event, ...] = ()
    entities: tuple[Entity, ...] = ()
    schema: str = field(default=SCHEMA)

    ITEM_TYPES: ClassVar[dict[str, type]] = {
        "figures": Figure,
        "points": Point,
        "references": Reference,
        "dates": DateMention,
        "periods": Period,
        "events": Event,
        "entities": Entity,
    }

    def __post_init__(self) -> None:
        if self.schema != SCHEMA:
            raise RecordError(f"Unsupported record schema {self.schema!r}; this partytext reads {SCHEMA!r}")
        for name in self.ITEM_TYPES:
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def check_offsets(self) -> None:
        """Raise :class:`RecordError` unless every item's span holds its text."""
        text = self.article.text
        for name in self.ITEM_TYPES:
            for item in getattr(self, name):
                if text[item.start:item.end] != item.text:
                    raise RecordError(
                        f"{name} item {item.text!r} does not match the article text at "
                        f"{item.start}:{item.end} ({text[item.start:item.end]!r})"
                    )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": self.schema, "source": self.source, "article": self.article.to_dict()}
        for name in self.ITEM_TYPES:
            out[name] = [item.to_dict() for item in getattr(self, name)]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        if not isinstance(data, dict) or "article" not in data:
            raise RecordError("A record needs an 'article' object (schema partytext.record/1)")
        items = {name: tuple(kind.from_dict(d) for d in data.get(name) or ()) for name, kind in cls.ITEM_TYPES.items()}
        return cls(
            article=Article.from_dict(data["article"]),
            source=data.get("source"),
            schema=data.get("schema", SCHEMA),
            **items,
        )

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_json(cls, line: str) -> Record:
        try:
            return cls.from_dict(json.loads(line))
        except json.JSONDecodeError as exc:
            raise RecordError(f"Not a JSON record: {exc}") from exc


def json_schema() -> dict[str, Any]:
    """The JSON Schema of partytext.record/1, as shipped in the package."""
    text = resources.files("partytext").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)
