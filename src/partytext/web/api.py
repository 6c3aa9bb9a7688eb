"""The JSON API: ``/api/search``, ``/api/articles/{id}``, ``/api/figures``, ``/api/trend``.

Hits are the dicts ``partytext search --format jsonl`` prints (snippet matches in «»);
records follow ``partytext.record/1``. ``limit`` and ``offset`` are capped (422 beyond);
errors are ``{"error": message, "status": code}``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from .reader import MAX_FIGURE_LIMIT, MAX_LIMIT, MAX_OFFSET, Reader

router = APIRouter(prefix="/api", tags=["api"])

Text = Annotated[str | None, Query(max_length=200)]
Q = Annotated[str, Query(min_length=1, max_length=500, description='search query, e.g. "dang vien" or \'"tổ chức cơ sở đảng" -"tham nhũng"\'')]
Site = Annotated[str | None, Query(max_length=200, description="only articles from this site")]
From = Annotated[str | None, Query(alias="from", max_length=10, description="published on or after: YYYY, YYYY-MM or YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", max_length=10, description="published on or before (inclusive): YYYY, YYYY-MM or YYYY-MM-DD")]
Province = Annotated[str | None, Query(max_length=100, description="only articles about this province or city, e.g. 'Gia Lai'")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"results to skip (at most {MAX_OFFSET})")]
Kind = Literal["count", "percent", "money", "duration", "ratio", "other"]


def reader(request: Request) -> Reader:
    return request.app.state.reader


def _filters(site: str | None, date_from: str | None, date_to: str | None, province: str | None) -> dict[str, Any]:
    return {"site": site or None, "date_from": date_from or None, "date_to": date_to or None,
            "province": province or None}


@router.get("/search", summary="Search articles")
def search(request: Request, q: Q, site: Site = None, date_from: From = None, date_to: To = None,
           province: Province = None, sort: Literal["newest", "relevance"] = "newest",
           limit: Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"hits to return (at most {MAX_LIMIT})")] = 20,
           offset: Offset = 0) -> dict[str, Any]:
    """Articles matching q: {"total": N, "hits": [...]}, hits as `partytext search --format jsonl` prints them."""
    result = reader(request).search(q, sort=sort, limit=limit, offset=offset,
                                    **_filters(site, date_from, date_to, province))
    return {"query": result.query, "total": result.total, "total_exact": result.total_exact,
            "limit": limit, "offset": offset,
            "hits": [h.to_dict() for h in result.hits]}


@router.get("/articles/{id}", summary="One article's record")
def article(request: Request, id: str) -> dict[str, Any]:
    """The record of the article (schema partytext.record/1)."""
    record = reader(request).get(id)
    if record is None:
        raise HTTPException(404, f"No article with id {id!r}: take ids from /api/search hits")
    return record.to_dict()


@router.get("/figures", summary="Figures with their article")
def figures(request: Request, unit: Annotated[str | None, Query(max_length=200, description="unit contains these syllables, e.g. 'đảng viên'")] = None,
            kind: Kind | None = None, site: Site = None, date_from: From = None, date_to: To = None,
            province: Province = None,
            limit: Annotated[int, Query(ge=0, le=MAX_FIGURE_LIMIT, description=f"figures to return (at most {MAX_FIGURE_LIMIT})")] = 100,
            offset: Offset = 0) -> dict[str, Any]:
    """Figures (oldest article first) with their article and sentence; "more" says
    whether another page follows. /api/figures.csv streams all of them."""
    rows, more = reader(request).figures_page(limit=limit, offset=offset, unit=unit or None, kind=kind,
                                              **_filters(site, date_from, date_to, province))
    return {"limit": limit, "offset": offset, "more": more, "figures": rows}


@router.get("/figures.csv", summary="Figures as CSV (all of them)", response_class=StreamingResponse)
def figures_csv(request: Request, unit: Text = None, kind: Kind | None = None, site: Site = None,
                date_from: From = None, date_to: To = None, province: Province = None) -> StreamingResponse:
    """Every figure matching the filters, streamed as CSV (UTF-8, one header row)."""
    chunks = reader(request).figures_csv(unit=unit or None, kind=kind, **_filters(site, date_from, date_to, province))
    return StreamingResponse(chunks, media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="partytext-figures.csv"'})


@router.get("/trend", summary="Matching articles per period")
def trend(request: Request, q: Q, by: Literal["month", "year"] = "month", site: Site = None,
          date_from: From = None, date_to: To = None, province: Province = None) -> dict[str, Any]:
    """Articles matching q per month ("YYYY-MM") or year ("YYYY"); undated ones are left out."""
    rows = reader(request).trend(q, by=by, **_filters(site, date_from, date_to, province))
    return {"query": q, "by": by, "periods": [{"period": p, "count": c} for p, c in rows]}
