"""Scores extraction against gold files: precision, recall and F1 per field, accuracy rows.

Each gold file is matched against the record extracted from its text by
:func:`partytext.scoring.score_record` (the matching rules are there and in docs/gold.md);
the counts are summed over the directory (micro-averaged) into a :class:`Report`.

Rows, in report order: ``figures`` with its accuracy rows (``unit`` containment,
``unit_exact``, ``qualifier``, ``change``, ``part_of``, ``subject`` and any row registered
with :func:`partytext.scoring.figure_check`), ``points`` (``heading``, ``point_end``),
``references`` (``reference_date``), ``dates``, ``periods``, ``events``, ``entities`` and
``entities_ORG``/``_PER``/``_LOC``. Every row is reported, also when nothing was scored
(its values are then null), so tables of different corpora line up.

>>> import partytext as pt
>>> report = pt.evaluate("corpora/gold")  # doctest: +SKIP
>>> report.scores()["figures.f1"]  # doctest: +SKIP
0.97
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .gold import find_gold_pairs, read_gold_input
from .records import Record
from .scoring import (FIELDS, FIGURE_CHECKS, OTHER_ROWS, Accuracy, FieldScore, FileResult, accuracy_rows,
                      figure_check, score_record)

# facts hook: registers the metric, owner, province and year rows (record/2 facts)
from .facts import evaluation as _facts_rows  # noqa: E402,F401

log = logging.getLogger(__name__)

__all__ = ["FIELDS", "Accuracy", "FieldScore", "FileResult", "Report", "accuracy_rows", "evaluate",
           "figure_check", "score_record"]

Extractor = Callable[..., Record]


def _row_order() -> list[tuple[str, str]]:
    """(kind, name) in report order: each field followed by its accuracy rows."""
    rows: list[tuple[str, str]] = []
    for name in FIELDS:
        rows.append(("field", name))
        if name == "figures":
            rows += [("accuracy", r) for r in FIGURE_CHECKS]
        rows += [("accuracy", r) for r, owner in OTHER_ROWS.items() if owner == name]
    return rows


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
        accuracy = {name: Accuracy(name) for name in accuracy_rows()}
        for result in files:
            for name, score in result.scores.items():
                fields[name] = fields[name] + score
            for name, acc in result.accuracy.items():
                accuracy[name] = accuracy.get(name, Accuracy(name)) + acc
        return cls(fields=fields, accuracy=accuracy, files=files)

    def scores(self) -> dict[str, float | None]:
        """Flat scores, the names floors use: "figures.f1", "points.precision", "unit.accuracy"..."""
        out: dict[str, float | None] = {}
        for name, s in self.fields.items():
            out[f"{name}.precision"] = s.precision if s.scored else None
            out[f"{name}.recall"] = s.recall if s.scored else None
            out[f"{name}.f1"] = s.f1 if s.scored else None
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
        """Every field and accuracy row, in report order, for tables and CSV; a row with
        nothing to score has null values and the count "none in gold"."""
        rows: list[dict[str, Any]] = []
        for kind, name in _row_order():
            if kind == "field":
                s = self.fields[name]
                if not s.scored:
                    rows.append({"measure": name, "precision": None, "recall": None, "f1": None,
                                 "accuracy": None, "counts": "none in gold"})
                    continue
                rows.append({"measure": name, "precision": round(s.precision, 4), "recall": round(s.recall, 4),
                             "f1": round(s.f1, 4), "accuracy": None, "counts": f"tp={s.tp} fp={s.fp} fn={s.fn}"})
            else:
                acc = self.accuracy.get(name, Accuracy(name))
                rows.append({"measure": name, "precision": None, "recall": None, "f1": None,
                             "accuracy": None if acc.value is None else round(acc.value, 4),
                             "counts": f"{acc.correct}/{acc.total}" if acc.total else "none in gold"})
        return rows

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """JSON form: every field and accuracy row (null scores where nothing was scored)."""
        out: dict[str, Any] = {
            "documents": len(self.files),
            "fields": {n: {"precision": s.precision if s.scored else None, "recall": s.recall if s.scored else None,
                           "f1": s.f1 if s.scored else None, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                       for n, s in self.fields.items()},
            "accuracy": {n: {"accuracy": a.value, "correct": a.correct, "total": a.total}
                         for n, a in self.accuracy.items()},
        }
        if details:
            out["files"] = [f.to_dict() for f in self.files if f.missed or f.spurious or f.wrong]
        return out


def evaluate(gold_dir: str | Path, *, extractor: Extractor | None = None) -> Report:
    """Run extraction on every gold pair in ``gold_dir`` and score it.

    ``extractor(text_or_article, source=path) -> Record`` defaults to
    :func:`partytext.pipeline.extract`; pass another one to score a different extractor.
    """
    if extractor is None:
        from .pipeline import extract as extractor
    results = []
    for pair in find_gold_pairs(gold_dir):
        record = extractor(read_gold_input(pair), source=str(pair.text_path))
        results.append(score_record(pair.gold, record, path=str(pair.text_path)))
    report = Report.from_files(results)
    log.info("evaluated %d documents in %s", len(results), gold_dir)
    return report
