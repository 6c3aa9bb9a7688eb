"""The facts page (``/facts``): a table of party statistics by province (or owner) and year
with a CSV download (``/facts.csv``) and a map of the provinces (:mod:`.map_svg`),
switchable between the 2025 map (34 provinces) and the legacy one (63). ``/api/facts``
gives the same rows as JSON. Wraps :func:`partytext.archive.facts.facts`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..archive.facts import ADMIN, BY, PER, check_options, facts
from ..errors import QueryError
from ..records import METRICS
from .map_svg import map_svg
from .render import query_url, render, vn_number

router = APIRouter()

METRICS_VI = {
    "party_members": "Đảng viên", "new_party_members": "Kết nạp đảng viên mới", "party_cells": "Chi bộ",
    "grassroots_party_organisations": "Tổ chức cơ sở đảng", "party_organisations": "Tổ chức đảng",
    "disciplined_members": "Đảng viên bị kỷ luật", "disciplined_organisations": "Tổ chức đảng bị kỷ luật",
    "expelled_members": "Đảng viên bị khai trừ", "party_candidates": "Quần chúng ưu tú, cảm tình Đảng",
    "party_badges": "Huy hiệu Đảng",
}
CSV_COLUMNS = ("province", "owner", "year", "month", "metric", "value", "sources", "parts")


def _options(request: Request) -> dict[str, Any]:
    q = request.query_params

    def pick(name: str, allowed, default):
        value = q.get(name, default)
        return value if value in allowed else default

    return {"metric": pick("metric", METRICS, "party_members"), "by": pick("by", BY, "province"),
            "per": pick("per", PER, "year"), "admin": pick("admin", ADMIN, "2025"),
            "province": q.get("province", "").strip()[:100] or None}


def _rows(request: Request, opts: dict[str, Any]):
    check_options(opts["by"], opts["per"], opts["admin"], opts["metric"])
    return facts(request.app.state.archive, **opts)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(f"{p['province_legacy']}={p['value']:g}" if isinstance(p, dict) else str(p) for p in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


@router.get("/facts", response_class=HTMLResponse, include_in_schema=False)
def facts_page(request: Request) -> HTMLResponse:
    opts = _options(request)
    params = {k: v for k, v in opts.items() if v}
    error, rows = None, []
    try:
        rows = _rows(request, opts).rows
    except QueryError as exc:
        error = str(exc)
    period = opts["per"]
    periods = sorted({r[period] for r in rows})
    shown = request.query_params.get("period") if request.query_params.get("period") in periods else None
    shown = shown or (periods[-1] if periods else None)
    values: dict[str, float] = {}
    if opts["by"] == "province":
        values = {r["province"]: r["value"] for r in rows if r[period] == shown}
    label = f"{METRICS_VI[opts['metric']]} {shown or ''} ({'34 tỉnh, thành từ 1/7/2025' if opts['admin'] == '2025' else '63 tỉnh, thành trước 1/7/2025'})"
    context = {
        "opts": opts, "rows": rows, "error": error, "metrics": METRICS_VI, "period": period,
        "periods": periods, "shown": shown, "map": map_svg(values, admin=opts["admin"], label=label, fmt=vn_number),
        "map_label": label, "csv_url": query_url("/facts.csv", params),
        "admin_urls": {a: query_url("/facts", params, admin=a) for a in ADMIN},
        "period_urls": {p: query_url("/facts", params, period=p) for p in periods},
    }
    return HTMLResponse(render(request, "facts.html", context), status_code=400 if error else 200)


@router.get("/facts.csv", include_in_schema=False)
def facts_csv(request: Request) -> Response:
    result = _rows(request, _options(request))
    out = io.StringIO()
    cols = [c for c in CSV_COLUMNS if c in result.columns]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(cols)
    for row in result.rows:
        writer.writerow([_cell(row.get(c)) for c in cols])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="partytext-facts.csv"'})


@router.get("/api/facts", summary="Party statistics by province or owner and year (the facts table)")
def facts_api(request: Request) -> JSONResponse:
    """Rows of ``province`` (or ``owner``), ``year`` (or ``month``), ``metric``, ``value``,
    ``sources`` (article ids); parameters ``metric``, ``by``, ``per``, ``admin``, ``province``
    as in ``partytext facts``."""
    opts = _options(request)
    result = _rows(request, opts)
    return JSONResponse({"rows": result.rows, **{k: v for k, v in opts.items()}})
