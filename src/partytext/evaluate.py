"""Scores extraction against gold files: precision, recall and F1 per field, accuracy rows.

The matching rules are DESIGN.md's ("Gold files"), applied per document and summed over
the directory (micro-averaged):

* **figures** match on ``kind``, ``value`` and ``high``. Over matched figures, where gold
  gives the attribute: ``unit`` (the predicted unit contains the gold unit, case- and
  tone-placement-insensitive), ``qualifier`` (equal; gold "*" accepts anything), ``change``,
  ``part_of`` (the *value* of the predicted parent equals the gold parent value) and
  ``subject`` (containment, like ``unit``) are accuracy rows.
* **points** match on ``ordinal`` and on the item text starting with gold ``starts``
  (case-, tone-placement- and whitespace-insensitive); ``heading`` (contained in the
  predicted heading) and ``ends`` (the item text ends with it) are accuracy rows.
* **references** match on ``type`` and ``symbol``; their ``date`` is an accuracy row.
* **dates**, **periods**, **events** (kind + ordinal) and **entities** (type + text) are
  compared as multisets.

Matching is greedy and one-to-one, in document order. A field missing from a gold file
is not scored for that file.

>>> import partytext as pt
>>> report = pt.evaluate("corpora/gold")  # doctest: +SKIP
>>> report.scores()["figures.f1"]  # doctest: +SKIP
0.97
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .gold import WILDCARD, find_gold_pairs
from .normalize import casefold_key
from .records import Record

log = logging.getLogger(__name__)

__all__ = ["FIELDS", "ACCURACY_ROWS", "Accuracy", "FieldScore", "FileResult", "Report", "evaluate", "score_record"]

#: Fields scored with precision, recall and F1, in report order.
FIELDS = ("figures", "points", "references", "dates", "periods", "events", "entities")
#: Attribute accuracies over matched items, in report order.
ACCURACY_ROWS = ("unit", "qualifier", "change", "part_of", "subject", "heading", "point_end", "reference_date")

Extractor = Callable[..., Record]

# Runs of whitespace, collapsed before comparing texts.
_SPACES = re.compile(r"\s+")
# Punctuation around an item's text that does not count when comparing its start or end.
_EDGE_PUNCT = " \t\n,.;:!?…-–—)(\"“”'"


def _key(text: str | None) -> str:
    """The comparison form of a text: canonical tone placement, casefolded, spaces collapsed."""
    return _SPACES.sub(" ", casefold_key(text or "")).strip()


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)), abs(float(b)))


@dataclass(frozen=True, slots=True)
class FieldScore:
    """True positives, false positives and false negatives of one field."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

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


@dataclass(frozen=True, slots=True)
class Report:
    """Scores over a gold directory: per-field P/R/F1, accuracy rows and per-file details."""

    fields: dict[str, FieldScore]
    accuracy: dict[str, Accuracy]
    files: tuple[FileResult, ...] = ()

    @classmethod
    def from_files(cls, files: Iterable[FileResult]) -> Report:
        files = tuple(files)
        fields = {name: FieldScore(name) for name in FIELDS}
        accuracy = {name: Accuracy(name) for name in ACCURACY_ROWS}
        for result in files:
            for name, score in result.scores.items():
                fields[name] = fields[name] + score
            for name, acc in result.accuracy.items():
                accuracy[name] = accuracy[name] + acc
        return cls(fields=fields, accuracy=accuracy, files=files)

    def scores(self) -> dict[str, float | None]:
        """Flat scores, the names floors use: "figures.f1", "points.precision", "unit.accuracy"..."""
        out: dict[str, float | None] = {}
        for name, s in self.fields.items():
            scored = s.tp + s.fp + s.fn > 0
            out[f"{name}.precision"] = s.precision if scored else None
            out[f"{name}.recall"] = s.recall if scored else None
            out[f"{name}.f1"] = s.f1 if scored else None
        for name, acc in self.accuracy.items():
            out[f"{name}.accuracy"] = acc.value
        return out

    def below(self, floors: Mapping[str, float]) -> list[str]:
        """The scores under their floor, as "figures.f1 0.912 < 0.950" messages."""
        scores = self.scores()
        unknown = sorted(set(floors) - set(scores))
        if unknown:
            raise InputError(f"Unknown floor name(s) {', '.join(unknown)}; known: {', '.join(scores)}")
        failures = []
        for name, floor in floors.items():
            value = scores[name]
            if value is None:
                if floor > 0:
                    failures.append(f"{name} has nothing to score (floor {floor:.3f})")
            elif value + 1e-9 < floor:
                failures.append(f"{name} {value:.3f} < {floor:.3f}")
        return failures

    def rows(self) -> list[dict[str, Any]]:
        """One row per field and per accuracy row, for tables and CSV."""
        rows: list[dict[str, Any]] = []
        for name, s in self.fields.items():
            if s.tp + s.fp + s.fn == 0:
                continue
            rows.append({"measure": name, "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                         "f1": round(s.f1, 4), "accuracy": None, "counts": f"tp={s.tp} fp={s.fp} fn={s.fn}"})
        for name, acc in self.accuracy.items():
            if acc.total == 0:
                continue
            rows.append({"measure": name, "precision": None, "recall": None, "f1": None,
                         "accuracy": round(acc.value, 4), "counts": f"{acc.correct}/{acc.total}"})
        return rows

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": len(self.files),
            "fields": {n: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                       for n, s in self.fields.items() if s.tp + s.fp + s.fn},
            "accuracy": {n: {"accuracy": a.value, "correct": a.correct, "total": a.total}
                         for n, a in self.accuracy.items() if a.total},
        }
        if details:
            out["files"] = [f.to_dict() for f in self.files if f.missed or f.spurious or f.wrong]
        return out


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


def _contains(gold: str, predicted: str | None) -> bool:
    return predicted is not None and _key(gold) in _key(predicted)


def _figure_view(f: Any) -> dict[str, Any]:
    return {"text": f.text, "value": f.value, "high": f.high, "kind": f.kind, "unit": f.unit, "qualifier": f.qualifier}


def _match_figures(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.figures)), key=lambda i: record.figures[i].start)
    used: set[int] = set()

    def parent_value(i: int) -> float | None:
        p = record.figures[i].part_of
        return record.figures[p].value if p is not None and 0 <= p < len(record.figures) else None

    def attrs_ok(g: dict, i: int) -> bool:
        f = record.figures[i]
        return ((g.get("unit") is None or _contains(g["unit"], f.unit))
                and g.get("qualifier") in (WILDCARD, f.qualifier))

    tp, missed = 0, []
    for g in gold:
        same = [i for i in preds if i not in used and record.figures[i].kind == g["kind"]
                and _same_number(record.figures[i].value, g["value"]) and _same_number(record.figures[i].high, g.get("high"))]
        if not same:
            missed.append(g)
            continue
        i = next((i for i in same if attrs_ok(g, i)), same[0])
        used.add(i)
        tp += 1
        f = record.figures[i]
        if g.get("unit") is not None:
            s.check("unit", _contains(g["unit"], f.unit), g["unit"], f.unit, f.text)
        if "qualifier" in g:
            s.check("qualifier", g["qualifier"] in (WILDCARD, f.qualifier), g["qualifier"], f.qualifier, f.text)
        if "change" in g:
            s.check("change", g["change"] in (WILDCARD, f.change), g["change"], f.change, f.text)
        if "part_of" in g:
            pv = parent_value(i)
            s.check("part_of", _same_number(pv, g["part_of"]), g["part_of"], pv, f.text)
        if g.get("subject") is not None:
            s.check("subject", _contains(g["subject"], f.subject), g["subject"], f.subject, f.text)
    s.count("figures", tp, missed, [_figure_view(record.figures[i]) for i in preds if i not in used])


def _point_body(point: Any) -> str:
    """The item text without its marker, if the extractor kept the marker in the text."""
    text = _key(point.text)
    marker = _key(point.marker)
    if marker and text.startswith(marker):
        text = text[len(marker):]
    return text.lstrip(_EDGE_PUNCT)


def _match_points(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.points)), key=lambda i: record.points[i].start)
    used: set[int] = set()
    tp, missed = 0, []
    for g in gold:
        starts = _key(g["starts"]).lstrip(_EDGE_PUNCT)
        i = next((i for i in preds if i not in used and record.points[i].ordinal == g["ordinal"]
                  and _point_body(record.points[i]).startswith(starts)), None)
        if i is None:
            missed.append(g)
            continue
        used.add(i)
        tp += 1
        p = record.points[i]
        if g.get("heading") is not None:
            s.check("heading", _contains(g["heading"], p.heading), g["heading"], p.heading, p.text[:80])
        if g.get("ends") is not None:
            ok = _key(p.text).rstrip(_EDGE_PUNCT).endswith(_key(g["ends"]).rstrip(_EDGE_PUNCT))
            s.check("point_end", ok, g["ends"], p.text[-80:], p.text[:80])
    spurious = [{"ordinal": record.points[i].ordinal, "marker": record.points[i].marker,
                 "text": record.points[i].text[:80]} for i in preds if i not in used]
    s.count("points", tp, missed, spurious)


def _symbol_key(symbol: str) -> str:
    return _key(symbol).replace(" ", "")


def _match_references(s: _Scorer, gold: list[dict], record: Record) -> None:
    preds = sorted(range(len(record.references)), key=lambda i: record.references[i].start)
    used: set[int] = set()
    tp, missed = 0, []
    for g in gold:
        i = next((i for i in preds if i not in used and _key(record.references[i].type) == _key(g["type"])
                  and _symbol_key(record.references[i].symbol) == _symbol_key(g["symbol"])), None)
        if i is None:
            missed.append(g)
            continue
        used.add(i)
        tp += 1
        r = record.references[i]
        if g.get("date") is not None:
            s.check("reference_date", r.date == g["date"], g["date"], r.date, r.text)
    spurious = [{"type": record.references[i].type, "symbol": record.references[i].symbol,
                 "text": record.references[i].text} for i in preds if i not in used]
    s.count("references", tp, missed, spurious)


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
        _match_multiset(s, "entities", ((e["type"], _key(e["text"])) for e in gold["entities"]),
                        ((e.type, _key(e.text)) for e in record.entities))
    return s.result()


def _read_input(path: Path) -> Any:
    if path.suffix == ".html":
        from .sources.html import article_from_html

        return article_from_html(path.read_bytes())
    return path.read_text(encoding="utf-8")


def evaluate(gold_dir: str | Path, *, extractor: Extractor | None = None) -> Report:
    """Run extraction on every gold pair in ``gold_dir`` and score it.

    ``extractor(text_or_article, source=path) -> Record`` defaults to
    :func:`partytext.pipeline.extract`; pass another one to score a different extractor.
    """
    if extractor is None:
        from .pipeline import extract as extractor
    results = []
    for pair in find_gold_pairs(gold_dir):
        record = extractor(_read_input(pair.text_path), source=str(pair.text_path))
        results.append(score_record(pair.gold, record, path=str(pair.text_path)))
    report = Report.from_files(results)
    log.info("evaluated %d documents in %s", len(results), gold_dir)
    return report
