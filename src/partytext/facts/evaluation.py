"""Accuracy rows for facts in ``partytext evaluate``: ``metric``, ``owner``, ``province``,
``year`` on matched figures whose gold gives them (gold-real, see docs/gold.md).

* ``metric``: equal (a null gold metric is not scored: not every gold file marks facts);
* ``owner``: both null, or the same unit: the two texts are equal, or one contains the
  other ("Đà Nẵng" in "Ủy ban Kiểm tra Thành ủy Đà Nẵng"), compared case-, tone-placement-
  and space-insensitively;
* ``province``: both null, or the gold name and the predicted ``place.province`` are the
  same 2025 province (gold may write any spelling the gazetteer knows: "Hồ Chí Minh",
  "TP.HCM"; a legacy name is taken to its 2025 province);
* ``year``: equal to ``as_of`` ("2017", "2017-06", "2020-2025"), both null included; a gold
  year alone also accepts a month of that year ("6 tháng đầu năm 2017" is ``2017-06``, a
  finer truth inside the gold's 2017), but a gold month or period needs the same one.

Importing this module registers the rows (:func:`partytext.scoring.figure_check`).
"""

from __future__ import annotations

from typing import Any

from ..records import Figure, Record
from ..scoring import figure_check, key
from .gazetteer import gazetteer


@figure_check("metric")
def _metric(gold: str, f: Figure, record: Record) -> tuple[bool, Any]:
    return gold == f.metric, f.metric


def same_owner(gold: str | None, got: str | None) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    a, b = f" {key(gold)} ", f" {key(got)} "
    return a in b or b in a


@figure_check("owner", when_null=True)
def _owner(gold: str | None, f: Figure, record: Record) -> tuple[bool, Any]:
    got = f.owner["text"] if f.owner else None
    return same_owner(gold, got), got


@figure_check("province", when_null=True)
def _province(gold: str | None, f: Figure, record: Record) -> tuple[bool, Any]:
    got = f.place["province"] if f.place else None
    if gold is None or got is None:
        return gold is None and got is None, got
    return gazetteer().to_2025(gold) == got, got


@figure_check("year", when_null=True)
def _year(gold: str | None, f: Figure, record: Record) -> tuple[bool, Any]:
    got = f.as_of
    if gold is not None and got is not None and len(gold) == 4 and len(got) == 7 and got[4] == "-":
        return got[:4] == gold, got  # a month of the gold's year
    return gold == got, got
