"""Matching one extracted :class:`~partytext.records.Record` against one gold file.

The rules are DESIGN.md's ("Gold files") and docs/gold.md's, per document:

* **figures** match on ``kind``, ``value`` and ``high``; among several candidates the first
  whose attributes agree wins. Every attribute row of a matched figure is a *figure check*
  registered in :data:`FIGURE_CHECKS` (``unit`` containment, ``unit_exact``, ``qualifier``,
  ``change``, ``part_of``, ``subject``). A new row — the facts rows ``owner``,
  ``province``, ``year`` — is one more ``@figure_check(...)`` function, here or in a module
  imported by :mod:`partytext.evaluate`; the report, the table and the floors pick it up.
* **points** match on ``ordinal`` and on the item text starting with ``starts``;
  ``heading`` and ``point_end`` are accuracy rows.
* **references** match on ``type`` and ``symbol`` (case, spaces and dash variants do not count);
  ``reference_date`` is an accuracy row.
* **dates**, **periods**, **events** (kind + ordinal) and **entities** (type + text; also
  per type as ``entities_ORG``, ``entities_PER``, ``entities_LOC``) are multisets.

Matching is greedy and one-to-one, in document order. A field missing from a gold file is
not scored for that file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .gold import ENTITY_TYPES, WILDCARD
from .normalize import casefold_key
from .records import Figure, Record

__all__ = ["FIGURE_CHECKS", "FIELDS", "Accuracy", "FieldScore", "FigureCheck", "FileResult", "accuracy_rows",
           "figure_check", "score_record"]

#: Fields scored with precision, recall and F1, in report order.
FIELDS = ("figures", "points", "references", "dates", "periods", "events", "entities",
          *(f"entities_{t}" for t in ENTITY_TYPES))
#: Accuracy rows that are not figure checks, with the field they belong to.
OTHER_ROWS = {"heading": "points", "point_end": "points", "reference_date": "references"}

# Runs of whitespace, collapsed before comparing texts.
_SPACES = re.compile(r"\s+")
# Punctuation around an item's text that does not count when comparing its start or end.
_EDGE_PUNCT = " \t\n,.;:!?…-–—)(\"“”'"


def key(text: str | None) -> str:
    """The comparison form of a text: canonical tone placement, casefolded, spaces collapsed."""
    return _SPACES.sub(" ", casefold_key(text or "")).strip()


def same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


def contains(gold: str, predicted: str | None) -> bool:
    """``gold`` is inside ``predicted`` (case-, tone-placement- and space-insensitive)."""
    return predicted is not None and key(gold) in key(predicted)


@dataclass(frozen=True, slots=True)
class FieldScore:
    """True positives, false positives and false negatives of one field."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def scored(self) -> bool:
        return self.tp + self.fp + self.fn > 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.field, self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How many matched items got one attribute right; ``value`` is None when none was checked."""

    name: str
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.name, self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True, slots=True)
class FileResult:
    """One document's scores and, for debugging, what went wrong in it."""

    path: str
    scores: dict[str, FieldScore]
    accuracy: dict[str, Accuracy]
    missed: dict[str, list[Any]] = field(default_factory=dict)      # gold items not found
    spurious: dict[str, list[Any]] = field(default_factory=dict)    # predictions matching no gold item
    wrong: list[dict[str, Any]] = field(default_factory=list)       # matched items with a wrong attribute

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "missed": self.missed, "spurious": self.spurious, "wrong": self.wrong}


# --- figure checks: one accuracy row each ----------------------------------------------

#: ``check(gold_value, figure, record) -> (ok, what was predicted)``
CheckFn = Callable[[Any, Figure, Record], tuple[bool, Any]]


@dataclass(frozen=True, slots=True)
class FigureCheck:
    """One accuracy row over matched figures.

    ``gold_key`` turns the check on for a gold figure; with ``when_null`` a null gold
    value is checked too (the prediction must then be null as well). ``decides_match``
    checks are also used to choose among figures of the same kind and value.
    """

    row: str
    gold_key: str
    check: CheckFn
    when_null: bool = False
    decides_match: bool = False

    def applies(self, gold: Mapping[str, Any]) -> bool:
        return self.gold_key in gold and (self.when_null or gold[self.gold_key] is not None)


#: Row name -> check, in report order. Extend it with :func:`figure_check`.
FIGURE_CHECKS: dict[str, FigureCheck] = {}


def figure_check(row: str, gold_key: str | None = None, *, when_null: bool = False,
                 decides_match: bool = False) -> Callable[[CheckFn], CheckFn]:
    """Register an accuracy row over matched figures (``gold_key`` defaults to ``row``).

    >>> @figure_check("owner")                                          # doctest: +SKIP
    ... def _owner(gold, figure, record):
    ...     got = figure.owner["text"] if figure.owner else None
    ...     return (gold is None and got is None) or contains(gold, got), got
    """
    def deco(fn: CheckFn) -> CheckFn:
        FIGURE_CHECKS[row] = FigureCheck(row, gold_key or row, fn, when_null, decides_match)
        return fn

    return deco


def accuracy_rows() -> tuple[str, ...]:
    """Every accuracy row, in report order: figure checks, then the point and reference rows."""
    return (*FIGURE_CHECKS, *OTHER_ROWS)


@figure_check("unit", decides_match=True)
def _unit(gold: str, f: Figure, record: Record) -> tuple[bool, Any]:
    return contains(gold, f.unit), f.unit


@figure_check("unit_exact", "unit_full")
def _unit_exact(gold: str, f: Figure, record: Record) -> tuple[bool, Any]:
    """The predicted unit is the whole counted noun phrase, no more and no less."""
    return key(gold).strip(_EDGE_PUNCT) == key(f.unit).strip(_EDGE_PUNCT), f.unit


@figure_check("qualifier", when_null=True, decides_match=True)
def _qualifier(gold: str | None, f: Figure, record: Record) -> tuple[bool, Any]:
    return gold in (WILDCARD, f.qualifier), f.qualifier


@figure_check("change", when_null=True)
def _change(gold: str | None, f: Figure, record: Record) -> tuple[bool, Any]:
    return gold in (WILDCARD, f.change), f.change


@figure_check("part_of", when_null=True)
def _part_of(gold: float | None, f: Figure, record: Record) -> tuple[bool, Any]:
    p = f.part_of
    parent = record.figures[p].value if p is not None and 0 <= p < len(record.figures) else None
    return same_number(parent, gold), parent


@figure_check("subject")
def _subject(gold: str, f: Figure, record: Record) -> tuple[bool, Any]:
    return contains(gold, f.subject), f.subject


# --- matching -------------------------------------------------------------------------

class _Scorer:
    """Collects one document's counts, accuracies and mistakes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.scores: dict[str, FieldScore] = {}
        self.accuracy: dict[str, Accuracy] = {}
        self.missed: dict[str, list[Any]] = {}
        self.spurious: dict[str, list[Any]] = {}
        self.wrong: list[dict[str, Any]] = []

    def count(self, name: str, tp: int, missed: list[Any], spurious: list[Any]) -> None:
        self.scores[name] = FieldScore(name, tp, len(spurious), len(missed))
        if missed:
            self.missed[name] = missed
        if spurious:
            self.spurious[name] = spurious

    def check(self, row: str, ok: bool, gold: Any, predicted: Any, text: str | None) -> None:
        self.accuracy[row] = self.accuracy.get(row, Accuracy(row)) + Accuracy(row, int(ok), 1)
        if not ok:
            self.wrong.append({"attribute": row, "gold": gold, "predicted": predicted, "text": text})

    def result(self) -> FileResult:
        return FileResult(self.path, self.scores, self.accuracy, self.missed, self.spurious, self.wrong)


def _figure_view(f: Figure) -> dict[str, Any]:
    return {"text": f.text, "value": f.value, "high": f.high, "kind": f.kind, "unit": f.unit, "qualifier": f.qualifier}


def _match_figures(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.figures)), key=lambda i: record.figures[i].start)
    used: set[int] = set()
    deciding = [c for c in FIGURE_CHECKS.values() if c.decides_match]

    def attrs_ok(g: dict, i: int) -> bool:
        return all(c.check(g[c.gold_key], record.figures[i], record)[0] for c in deciding if c.applies(g))

    tp, missed = 0, []
    for g in gold:
        same = [i for i in preds if i not in used and record.figures[i].kind == g["kind"]
                and same_number(record.figures[i].value, g["value"]) and same_number(record.figures[i].high, g.get("high"))]
        if not same:
            missed.append(g)
            continue
        i = next((i for i in same if attrs_ok(g, i)), same[0])
        used.add(i)
        tp += 1
        f = record.figures[i]
        for c in FIGURE_CHECKS.values():
            if c.applies(g):
                ok, got = c.check(g[c.gold_key], f, record)
                s.check(c.row, ok, g[c.gold_key], got, f.text)
    s.count("figures", tp, missed, [_figure_view(record.figures[i]) for i in preds if i not in used])


def _greedy(gold: list[dict], order: list[int], items: Any, same: Callable[[dict, Any], bool]
            ) -> tuple[list[tuple[dict, int]], list[dict], set[int]]:
    """One-to-one matching in document order: each gold item takes the first unused prediction
    that ``same`` accepts. Returns the (gold, prediction index) pairs, the missed gold items
    and the used indexes."""
    used: set[int] = set()
    matched, missed = [], []
    for g in gold:
        i = next((i for i in order if i not in used and same(g, items[i])), None)
        if i is None:
            missed.append(g)
        else:
            used.add(i)
            matched.append((g, i))
    return matched, missed, used


def _point_body(point: Any) -> str:
    """The item text without its marker, if the extractor kept the marker in the text."""
    text = key(point.text)
    marker = key(point.marker)
    if marker and text.startswith(marker):
        text = text[len(marker):]
    return text.lstrip(_EDGE_PUNCT)


def _match_points(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.points)), key=lambda i: record.points[i].start)

    def same(g: dict, p: Any) -> bool:
        return p.ordinal == g["ordinal"] and _point_body(p).startswith(key(g["starts"]).lstrip(_EDGE_PUNCT))

    matched, missed, used = _greedy(gold, preds, record.points, same)
    for g, i in matched:
        p = record.points[i]
        if g.get("heading") is not None:
            s.check("heading", contains(g["heading"], p.heading), g["heading"], p.heading, p.text[:80])
        if g.get("ends") is not None:
            ok = key(p.text).rstrip(_EDGE_PUNCT).endswith(key(g["ends"]).rstrip(_EDGE_PUNCT))
            s.check("point_end", ok, g["ends"], p.text[-80:], p.text[:80])
    spurious = [{"ordinal": record.points[i].ordinal, "marker": record.points[i].marker,
                 "text": record.points[i].text[:80]} for i in preds if i not in used]
    s.count("points", len(matched), missed, spurious)


# Dash variants in a symbol are typography ("439 – QĐNS/TW" is 439-QĐNS/TW): hyphen, non-breaking
# hyphen, figure dash, en and em dash, minus sign all compare as "-".
_SYMBOL_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def _symbol_key(symbol: str) -> str:
    """A symbol's comparison form: case, spaces and dash variants do not count."""
    return key(symbol).replace(" ", "").translate(_SYMBOL_DASHES)


def _match_references(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.references)), key=lambda i: record.references[i].start)

    def same(g: dict, r: Any) -> bool:
        return key(r.type) == key(g["type"]) and _symbol_key(r.symbol) == _symbol_key(g["symbol"])

    matched, missed, used = _greedy(gold, preds, record.references, same)
    for g, i in matched:
        r = record.references[i]
        if g.get("date") is not None:
            s.check("reference_date", r.date == g["date"], g["date"], r.date, r.text)
    spurious = [{"type": record.references[i].type, "symbol": record.references[i].symbol,
                 "text": record.references[i].text} for i in preds if i not in used]
    s.count("references", len(matched), missed, spurious)


def _match_multiset(s: _Scorer, name: str, gold: Iterable[Any], predicted: Iterable[Any]) -> None:
    g, p = Counter(gold), Counter(predicted)
    both = g & p
    s.count(name, sum(both.values()), sorted((g - both).elements(), key=str),
            sorted((p - both).elements(), key=str))


def score_record(gold: Mapping[str, Any], record: Record, *, path: str = "") -> FileResult:
    """Score one extracted :class:`Record` against one parsed gold file."""
    s = _Scorer(path or record.source or "")
    if "figures" in gold:
        _match_figures(s, list(gold["figures"]), record)
    if "points" in gold:
        _match_points(s, list(gold["points"]), record)
    if "references" in gold:
        _match_references(s, list(gold["references"]), record)
    if "dates" in gold:
        _match_multiset(s, "dates", gold["dates"], (d.value for d in record.dates))
    if "periods" in gold:
        _match_multiset(s, "periods", gold["periods"], (f"{p.start_year}-{p.end_year}" for p in record.periods))
    if "events" in gold:
        _match_multiset(s, "events", ((e["kind"], e.get("ordinal")) for e in gold["events"]),
                        ((e.kind, e.ordinal) for e in record.events))
    if "entities" in gold:
        g_ents = [(e["type"], key(e["text"])) for e in gold["entities"]]
        p_ents = [(e.type, key(e.text)) for e in record.entities]
        _match_multiset(s, "entities", g_ents, p_ents)
        for t in ENTITY_TYPES:
            _match_multiset(s, f"entities_{t}", [e[1] for e in g_ents if e[0] == t], [e[1] for e in p_ents if e[0] == t])
    return s.result()
