"""The facts pivot: party figures of an archive as a table of province (or owner) × year
(or month) × metric, on the 2025 map or the legacy one.

How a table is made (docs/facts.md has the examples):

1. every stored figure with a ``metric`` (record version 2) is read with its owner, place
   and ``as_of``; figures without a place or time are left out, and so are changes ("tăng
   hơn 4.500 đảng viên": a difference, not a count), parts of a breakdown ("trong đó"), and
   counts of members or organisations that are not what the owner has: the last verb before
   them is one of doing ("kiểm tra 796 tổ chức đảng", "bầu được 766 đảng viên làm phó thôn"),
   not of having ("có", "hiện có", "với", "gồm", "tổng số", "đạt"), see
   :func:`partytext.facts.metrics.is_stock`;
2. ``by="province"`` keeps the figures whose owner is the province itself ("Đảng bộ tỉnh
   Yên Bái", "Tỉnh ủy", "toàn tỉnh"), not a district, commune or cell in it, nor a
   national body; a province's committee ("Ủy ban Kiểm tra Tỉnh ủy", "Ban Thường vụ Tỉnh
   ủy") counts for what it does (discipline, admissions), not for its own size. For one legacy province, period and metric one value is kept: the same
   figure repeated by several articles or outlets counts once (its articles are all in
   ``sources``); when articles disagree, the value most articles give wins, the larger on
   a tie, and the others are listed in ``other_values``;
3. ``admin="2025"`` sums those values over the legacy provinces that form each 2025
   province (2017: Yên Bái 60.000 + Lào Cai 55.000 → Lào Cai 115.000, ``parts`` says which);
   ``admin="legacy"`` keeps the 63 units apart;
4. ``by="owner"`` lists each owner's figures (one value per owner, period and metric).

``per="year"`` uses the year of ``as_of`` (a term like "2020-2025" stays a period of its
own); ``per="month"`` keeps only figures whose ``as_of`` is a month.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import QueryError
from ..facts import gazetteer, owner_level
from ..facts.metrics import STOCK_METRICS, is_stock
from ..records import METRICS
from . import schema as S
from .opening import Borrowed
from .places import ADMIN

BY = ("province", "owner")
#: How much text before a figure is read to find the verb of its clause.
BEFORE = 160
PER = ("year", "month")


@dataclass
class FactsResult:
    """Rows of a facts table (dicts), with the settings that made it."""

    rows: list[dict[str, Any]]
    by: str = "province"
    per: str = "year"
    admin: str = "2025"
    columns: tuple[str, ...] = field(default=())

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_pandas(self):
        """The rows as a pandas DataFrame (needs ``pip install 'partytext[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise QueryError("FactsResult.to_pandas needs pandas: pip install 'partytext[pandas]'") from exc
        return pd.DataFrame(self.rows, columns=list(self.columns) or None)


def fact_rows(arc, metric: str | None = None) -> Iterator[dict[str, Any]]:
    """Every stored party figure that is not a change: article_id, value, metric, as_of,
    owner (text), place."""
    # the text just before each figure, for is_stock (substr counts from 1 on both backends)
    start = f"CAST(f.{S.q('start')} AS INTEGER)"  # PostgreSQL's substr takes integers, the column is BIGINT
    before = (f"substr(a.text, CASE WHEN {start} > {BEFORE} THEN {start} - {BEFORE - 1} ELSE 1 END,"
              f" CASE WHEN {start} > {BEFORE} THEN {BEFORE} ELSE {start} END)")
    sql = (f"SELECT f.article_id, f.value, f.metric, f.as_of, f.owner, f.place, {before} FROM figures f"
           " JOIN articles a ON a.id = f.article_id WHERE f.metric IS NOT NULL AND f.change IS NULL"
           " AND f.part_of IS NULL")
    params: list[Any] = []
    if metric:
        sql += " AND f.metric = ?"
        params.append(metric)
    for rid, value, met, as_of, owner, place, text_before in arc._stream(sql + " ORDER BY a.key, f.seq", params):
        owner = S.json_loads(owner) if isinstance(owner, str) else owner
        place = S.json_loads(place) if isinstance(place, str) else place
        if met in STOCK_METRICS and not is_stock(text_before or ""):
            continue  # inspected, elected, reviewed ...: not what the owner has
        yield {"article_id": rid, "value": S.plain_number(value), "metric": met, "as_of": as_of,
               "owner": owner["text"] if owner else None, "place": place}


def period_of(as_of: str | None, per: str) -> str | None:
    if not as_of:
        return None
    if per == "month":
        return as_of if re.fullmatch(r"\d{4}-\d{2}", as_of) else None
    return as_of[:4] if re.fullmatch(r"\d{4}(-\d{2})?", as_of) else as_of


def _one_value(found: dict[Any, list[str]]) -> tuple[Any, list[str], list[Any]]:
    """The value most articles give (the larger on a tie), its sources, the other values."""
    ranked = sorted(found.items(), key=lambda kv: (len(set(kv[1])), kv[0]), reverse=True)
    value, sources = ranked[0]
    return value, sorted(set(sources)), [v for v, _ in ranked[1:]]


def check_options(by: str, per: str, admin: str, metric: str | None) -> None:
    for name, value, allowed in (("by", by, BY), ("per", per, PER), ("admin", admin, ADMIN)):
        if value not in allowed:
            raise QueryError(f"Unknown {name} {value!r}: use one of {', '.join(allowed)}")
    if metric is not None and metric not in METRICS:
        raise QueryError(f"Unknown metric {metric!r}: use one of {', '.join(METRICS)} (docs/facts.md)")


def pivot(rows, *, by: str = "province", per: str = "year", admin: str = "2025",
          province: str | None = None) -> FactsResult:
    """The facts table of ``rows`` (as :func:`fact_rows` yields them); see the module docstring."""
    g = gazetteer()
    wanted = None
    if province:
        wanted = g.to_2025(province) if admin == "2025" else g.resolve(province)
        if wanted is None or (admin == "legacy" and wanted not in g.legacy):
            raise QueryError(f"Unknown province {province!r} on the {admin} map: use a name such as 'Lào Cai', "
                             f"'Yên Bái' (legacy) or 'TP.HCM'")
    prov_key = "province" if admin == "2025" else "province_legacy"
    period_name = per
    units: dict[tuple, dict[Any, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        place, period = r["place"], period_of(r["as_of"], per)
        if not place or period is None or (wanted and place[prov_key] != wanted):
            continue
        if by == "province":
            level = owner_level(r["owner"], place)
            # a province's committees act for it (discipline, admissions), their size is theirs
            if place.get("district_legacy") or not (
                    level == "province" or (level == "committee" and r["metric"] not in STOCK_METRICS)):
                continue
            key = (place["province_legacy"], period, r["metric"])
        else:
            key = (r["owner"] or "", place[prov_key], period, r["metric"])
        units[key][r["value"]].append(r["article_id"])
    out: list[dict[str, Any]] = []
    if by == "owner":
        for (owner, prov, period, metric), found in units.items():
            value, sources, others = _one_value(found)
            out.append({"owner": owner or None, "province": prov, period_name: period, "metric": metric,
                        "value": value, "sources": sources, "other_values": others})
        out.sort(key=lambda r: (r["province"], r["owner"] or "", r[period_name], r["metric"]))
        return FactsResult(out, by, per, admin, ("owner", "province", period_name, "metric", "value", "sources",
                                                 "other_values"))
    totals: dict[tuple, dict[str, Any]] = {}
    for (legacy, period, metric), found in units.items():
        value, sources, others = _one_value(found)
        prov = g.merged_into[legacy] if admin == "2025" else legacy
        row = totals.setdefault((prov, period, metric), {"province": prov, period_name: period, "metric": metric,
                                                         "value": 0, "sources": [], "parts": [],
                                                         "other_values": []})
        row["value"] += value
        row["sources"] = sorted(set(row["sources"]) | set(sources))
        row["parts"].append({"province_legacy": legacy, "value": value})
        row["other_values"] += others
    out = sorted(totals.values(), key=lambda r: (r["province"], r[period_name], r["metric"]))
    for row in out:
        row["parts"].sort(key=lambda p: p["province_legacy"])
    return FactsResult(out, by, per, admin, ("province", period_name, "metric", "value", "sources", "parts",
                                             "other_values"))


def facts(db, *, metric: str | None = None, province: str | None = None, by: str = "province",
          per: str = "year", admin: str = "2025") -> FactsResult:
    """The facts table of an archive (see the module docstring).

    >>> pt.facts("party.db", metric="party_members", by="province", per="year").to_pandas()  # doctest: +SKIP
    """
    check_options(by, per, admin, metric)
    with Borrowed(db) as arc:
        return pivot(fact_rows(arc, metric), by=by, per=per, admin=admin, province=province)
