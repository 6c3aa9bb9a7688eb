"""The HTML pages: search (``/``, ``/search``), one article, the figures table, API docs.

Page parameters are read leniently (a bad page number shows page 1, too large a page the
last allowed one); a query the archive cannot read is shown as a message in the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import escape

from ..archive.provinces import PROVINCES
from ..errors import QueryError
from ..records import Record
from .chart import fill_months, trend_svg
from .highlight import SNIPPET_MARKERS, Span, annotate, snippet_html
from .reader import MAX_OFFSET, Reader
from .render import figure_number, query_url, render

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
FIGURE_PAGE_SIZE = 100
SORTS = {"newest": "Mới nhất", "relevance": "Liên quan nhất"}
FIGURE_KINDS = ("count", "percent", "money", "duration", "ratio", "other")
# Links to the article's source are shown only for these schemes (never javascript: etc.).
LINK_SCHEMES = ("http", "https")


def _reader(request: Request) -> Reader:
    return request.app.state.reader


def _param(request: Request, name: str, max_length: int = 200) -> str:
    return request.query_params.get(name, "").strip()[:max_length]


def _page_number(request: Request, size: int) -> int:
    try:
        page = int(request.query_params.get("page", "1"))
    except ValueError:
        page = 1
    return max(1, min(page, MAX_OFFSET // size + 1))


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return HTMLResponse(render(request, name, context), status_code=status)


def _filters(request: Request) -> dict[str, str]:
    return {"site": _param(request, "site"), "from": _param(request, "from", 10),
            "to": _param(request, "to", 10), "province": _param(request, "province", 100)}


def _archive_filters(f: dict[str, str]) -> dict[str, Any]:
    return {"site": f["site"] or None, "date_from": f["from"] or None, "date_to": f["to"] or None,
            "province": f["province"] or None}


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None (so it is shown as text, not a link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in LINK_SCHEMES else None


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    q = _param(request, "q", 500)
    filters = _filters(request)
    sort = _param(request, "sort") if _param(request, "sort") in SORTS else "newest"
    page = _page_number(request, PAGE_SIZE)
    params = {"q": q, **filters, "sort": sort if sort != "newest" else ""}
    context: dict[str, Any] = {
        "q": q, "filters": filters, "sort": sort, "sorts": SORTS, "provinces": PROVINCES, "params": params,
        "error": None, "total": None, "total_exact": True, "hits": [], "page": page, "pages": 0, "page_links": [],
        "chart": "", "trend_total": 0, "archive_count": None, "first": 0, "back": "",
    }
    reader = _reader(request)
    if not q:
        context["archive_count"] = reader.count()
        return _page(request, "search.html", context)
    try:
        result = reader.search(q, sort=sort, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
                               highlight=SNIPPET_MARKERS, **_archive_filters(filters))
        trend = reader.trend(q, by="month", **_archive_filters(filters))
    except QueryError as exc:
        context["error"] = str(exc)
        return _page(request, "search.html", context, status=400)
    pages = min(-(-result.total // PAGE_SIZE), MAX_OFFSET // PAGE_SIZE + 1)
    context.update(
        total=result.total, total_exact=result.total_exact, pages=pages, first=(page - 1) * PAGE_SIZE + 1,
        hits=[{**h.to_dict(), "snippet_html": snippet_html(h.snippet)} for h in result.hits],
        back=query_url_for(params, page),
        page_links=[(n, None if n == page else query_url_for(params, n)) for n in _window(page, pages)],
        prev_url=query_url_for(params, page - 1) if page > 1 else None,
        next_url=query_url_for(params, page + 1) if page < pages else None,
        chart=trend_svg(fill_months(trend), label=f"Số bài khớp với «{q}» theo tháng"),
        trend_total=sum(c for _, c in trend),
    )
    return _page(request, "search.html", context)


def query_url_for(params: dict[str, Any], page: int) -> str:
    return query_url("/search", params, page=page if page > 1 else None)


def _window(page: int, pages: int, width: int = 2) -> list[int]:
    """Page numbers to link: the first, the last, and ``width`` around the current one."""
    keep = {1, pages, *range(page - width, page + width + 1)}
    return [n for n in sorted(keep) if 1 <= n <= pages]


def article_spans(record: Record) -> list[Span]:
    """The spans to mark in the article text, in priority order (a span crossing an
    earlier one is not marked): figures, references, dates, then points."""
    spans = []
    for i, f in enumerate(record.figures):
        number = figure_number(f.value, f.high, f.kind)
        label = f"{number} {f.unit or f.subject}" if (f.unit or f.subject) else number
        spans.append(Span(f.start, f.end, "figure", {"id": f"fig-{i}", "title": label}))
    for r in record.references:
        spans.append(Span(r.start, r.end, "reference", {"title": f"{r.type} {r.symbol}"}))
    for d in record.dates:
        spans.append(Span(d.start, d.end, "date", {"title": d.value}))
    for i, p in enumerate(record.points):
        spans.append(Span(p.start, p.end, "point", {"id": f"point-{i}", "title": f"Ý {p.ordinal} ({p.marker})"}))
    return spans


@router.get("/articles/{id}", response_class=HTMLResponse)
def article_page(request: Request, id: str) -> HTMLResponse:
    record = _reader(request).get(id)
    if record is None:
        return _page(request, "error.html", {
            "status": 404, "message": f"Không tìm thấy bài viết có mã {id!r}. Hãy tìm lại từ trang tìm kiếm."},
            status=404)
    art = record.article
    text = art.text
    spans = article_spans(record)
    title = art.title or ""
    if title and text.startswith(title):
        title_html = annotate(text, spans, 0, len(title))
        body_start = len(title)
        while body_start < len(text) and text[body_start] in "\n ":
            body_start += 1
    else:
        title_html, body_start = escape(title), 0
    lists: dict[int, list[Any]] = {}
    for i, p in enumerate(record.points):
        lists.setdefault(p.list, []).append((i, p))
    context = {
        "record": record, "article": art, "title_html": title_html,
        "body_html": annotate(text, spans, body_start, len(text)),
        "figures": list(enumerate(record.figures)), "point_lists": list(lists.values()),
        "references": record.references, "dates": record.dates, "link": safe_link(art.url),
        "back": _param(request, "back", 1000) if _param(request, "back", 1000).startswith("/search?") else "",
    }
    return _page(request, "article.html", context)


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request) -> HTMLResponse:
    filters = _filters(request)
    unit = _param(request, "unit")
    kind = _param(request, "kind") if _param(request, "kind") in FIGURE_KINDS else ""
    page = _page_number(request, FIGURE_PAGE_SIZE)
    params = {"unit": unit, "kind": kind, **filters}
    context: dict[str, Any] = {"filters": filters, "unit": unit, "kind": kind, "kinds": FIGURE_KINDS,
                               "provinces": PROVINCES, "rows": [], "error": None, "page": page, "first": 0,
                               "prev_url": None, "next_url": None,
                               "csv_url": query_url("/api/figures.csv", params)}
    try:
        rows, more = _reader(request).figures_page(
            limit=FIGURE_PAGE_SIZE, offset=(page - 1) * FIGURE_PAGE_SIZE, unit=unit or None, kind=kind or None,
            **_archive_filters(filters))
    except QueryError as exc:
        context["error"] = str(exc)
        return _page(request, "figures.html", context, status=400)
    context.update(
        rows=rows, first=(page - 1) * FIGURE_PAGE_SIZE + 1,
        prev_url=query_url("/figures", params, page=page - 1 if page > 2 else None) if page > 1 else None,
        next_url=query_url("/figures", params, page=page + 1) if more and page * FIGURE_PAGE_SIZE < MAX_OFFSET else None,
    )
    return _page(request, "figures.html", context)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """A local list of the API endpoints, from the OpenAPI document (no CDN needed)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p.get("in", ""), "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "schema": _schema_text(p.get("schema", {}))}
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params})
    return _page(request, "docs.html", {"endpoints": endpoints, "info": spec.get("info", {})})


def _schema_text(schema: dict[str, Any]) -> str:
    """A short description of a parameter's JSON schema: type, choices, bounds, default."""
    options = schema.get("anyOf") or [schema]
    parts = []
    for opt in options:
        if opt.get("type") == "null":
            continue
        text = " | ".join(map(str, opt["enum"])) if "enum" in opt else opt.get("type", "")
        bounds = [f"{k[:3]} {opt[k]}" for k in ("minimum", "maximum") if k in opt]
        parts.append(text + (f" ({', '.join(bounds)})" if bounds else ""))
    default = schema.get("default")
    return " | ".join(p for p in parts if p) + (f"; mặc định {default}" if default not in (None, "") else "")
