"""The web app over an archive: server-rendered pages and a JSON API (FastAPI).

>>> from partytext.web import create_app
>>> app = create_app("party.db")          # doctest: +SKIP
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)

The app is read-only (GET routes only), needs no network at run time (its CSS and JS
ship in ``web/static``; ``/docs`` is a local page, not the CDN-loaded Swagger UI), and
escapes every text that comes from an article or a request.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..version import __version__
from ..archive import Archive, is_postgres_url, open_archive
from ..errors import ArchiveError, PartytextError, QueryError
from . import api, facts_page, pages
from .reader import Reader
from .render import render

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"

# Sent with every response. The pages use no inline script or style, so the policy can
# forbid both: an injected <script> would not run even if escaping ever failed.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

DESCRIPTION = (
    "Read-only search over a partytext archive of Vietnamese party and political news. "
    "Queries: \"quoted phrases\", words (all must appear), OR, -exclusions; a query typed without "
    "diacritics matches every diacritic form. Errors are JSON objects with an `error` message."
)


def open_for_web(db: str | Path | Archive) -> Archive:
    """Open an existing archive; unlike :func:`open_archive`, never create an empty one."""
    if isinstance(db, Archive) or is_postgres_url(db) or str(db) == ":memory:":
        return open_archive(db)
    path = Path(db)
    if not path.is_file():
        raise ArchiveError(f"No archive at {path}: build one first with `partytext index {path} FILES...` "
                           "or `partytext crawl SITE --archive {path}`", db=str(path))
    return open_archive(path)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path.endswith(".json")


def error_response(request: Request, status: int, message: str, **extra: Any):
    if wants_json(request):
        return JSONResponse({"error": message, "status": status, **extra}, status_code=status)
    html = render(request, "error.html", {"status": status, "message": message})
    return HTMLResponse(html, status_code=status)


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "Invalid request"


def create_app(db: str | Path | Archive) -> FastAPI:
    """A FastAPI app serving the archive ``db`` (a SQLite path, a ``postgresql://`` URL or
    an open :class:`Archive`). Raises :class:`ArchiveError` if there is no archive there.
    The app keeps the archive open; ``app.state.archive.close()`` closes it."""
    archive = open_for_web(db)
    app = FastAPI(
        title="partytext",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,          # Swagger UI loads from a CDN; /docs is a local page instead
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.archive = archive
    app.state.reader = Reader(archive)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = str(exc.detail)
        if exc.status_code == 405:
            message = "Method not allowed: this server is read-only (GET requests only)"
        elif exc.status_code == 404 and message == "Not Found":
            message = f"Not found: {request.url.path} (see /docs for the pages and endpoints)"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return error_response(request, 422, _validation_message(errors), detail=errors)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(PartytextError)
    async def partytext_error(request: Request, exc: PartytextError):
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(request, 500, str(exc))

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(request, 500, "Internal error: the server log has the details")

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(facts_page.router)  # /facts, /facts.csv, /api/facts
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
