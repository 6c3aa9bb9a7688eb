"""The record contract, ``partytext.record/2``: frozen dataclasses and their JSON form.

Version 2 adds the facts of party figures (``owner``, ``place``, ``metric``, ``as_of``,
``as_of_from``) and the article's ``places``; version 1 records are still read (their
figures simply have no facts).

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

SCHEMA = "partytext.record/2"
#: Record versions :meth:`Record.from_dict` reads (older ones are upgraded on reading).
READABLE_SCHEMAS = ("partytext.record/1", SCHEMA)

FIGURE_KINDS = ("count", "percent", "money", "duration", "ratio", "other")
QUALIFIERS = ("more_than", "less_than", "nearly", "about", "at_least", "at_most")
CHANGES = ("increase", "decrease")
#: The metric vocabulary of party figures (docs/facts.md says what each counts).
METRICS = (
    "party_members", "new_party_members", "party_cells", "grassroots_party_organisations",
    "party_organisations", "disciplined_members", "disciplined_organisations", "expelled_members",
    "party_candidates", "party_badges",
)
AS_OF_SOURCES = ("text", "published")
#: Keys of a figure's ``place`` and of a :class:`Place`'s administrative units.
PLACE_KEYS = ("province", "province_legacy", "district_legacy", "code")


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
    # the original paper of an article republished by an aggregator ("Báo Lào Cai" on baomoi)
    publisher: str | None = None

    def __post_init__(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", article_id(self.url, self.text))


def article_id(url: str | None, text: str, path: str | None = None) -> str:
    """A stable id (16 hex digits of a SHA-1): of the URL when there is one, else of the
    local file's resolved path (``file:///abs/path``, so an edited file keeps its id and
    re-indexing it replaces it), else of the text (standard input, records built in code)."""
    if url:
        basis = url
    elif path:
        import pathlib

        basis = pathlib.Path(path).resolve().as_uri()
    else:
        basis = text
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
    # facts (record version 2; see partytext.facts): null where unknown
    owner: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    metric: str | None = None
    as_of: str | None = None
    as_of_from: str | None = None

    def __post_init__(self) -> None:
        _check_span(self)
        if self.metric is not None and self.metric not in METRICS:
            raise RecordError(f"Figure metric {self.metric!r} is not one of {', '.join(METRICS)}")
        if self.as_of_from is not None and self.as_of_from not in AS_OF_SOURCES:
            raise RecordError(f"Figure as_of_from {self.as_of_from!r} is not one of {', '.join(AS_OF_SOURCES)}")
        if (self.as_of is None) != (self.as_of_from is None):
            raise RecordError("Figure as_of and as_of_from go together: give both or neither")
        if self.owner is not None:
            if not isinstance(self.owner, dict) or set(self.owner) != {"text", "start", "end"}:
                raise RecordError(f"Figure owner must be {{'text', 'start', 'end'}} or null, got {self.owner!r}")
            if self.owner["end"] - self.owner["start"] != len(self.owner["text"]) or self.owner["start"] < 0:
                raise RecordError(f"Figure owner span does not fit its text: {self.owner!r}")
        if self.place is not None and (not isinstance(self.place, dict) or set(self.place) != set(PLACE_KEYS)):
            raise RecordError(f"Figure place must have the keys {', '.join(PLACE_KEYS)}, got {self.place!r}")
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
class Place(_Item):
    """A place the article names, resolved to administrative units (record version 2):
    ``province`` is the 34-province name in force since 1 July 2025, ``province_legacy``
    the 63-province name before it, ``district_legacy`` the pre-2025 district or null,
    ``code`` the official code of the unit named (district code when it is a district)."""

    text: str
    start: int
    end: int
    province: str
    province_legacy: str
    district_legacy: str | None = None
    code: str | None = None

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
    places: tuple[Place, ...] = ()
    schema: str = field(default=SCHEMA)

    ITEM_TYPES: ClassVar[dict[str, type]] = {
        "figures": Figure,
        "points": Point,
        "references": Reference,
        "dates": DateMention,
        "periods": Period,
        "events": Event,
        "entities": Entity,
        "places": Place,
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
        for figure in self.figures:
            owner = figure.owner
            if owner is not None and text[owner["start"]:owner["end"]] != owner["text"]:
                raise RecordError(f"The owner {owner['text']!r} of figure {figure.text!r} does not match the "
                                  f"article text at {owner['start']}:{owner['end']}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": self.schema, "source": self.source, "article": self.article.to_dict()}
        for name in self.ITEM_TYPES:
            out[name] = [item.to_dict() for item in getattr(self, name)]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        if not isinstance(data, dict) or "article" not in data:
            raise RecordError(f"A record needs an 'article' object (schema {SCHEMA})")
        version = data.get("schema", SCHEMA)
        if version not in READABLE_SCHEMAS:
            raise RecordError(f"Unsupported record schema {version!r}; this partytext reads "
                              f"{' and '.join(map(repr, READABLE_SCHEMAS))}")
        items = {name: tuple(kind.from_dict(d) for d in data.get(name) or ()) for name, kind in cls.ITEM_TYPES.items()}
        return cls(
            article=Article.from_dict(data["article"]),
            source=data.get("source"),
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
    """The JSON Schema of the current record version, as shipped in the package."""
    text = resources.files("partytext").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)
