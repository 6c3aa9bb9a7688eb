"""The archive's web page and JSON API (needs ``pip install 'partytext[web]'``).

>>> import partytext as pt
>>> pt.serve("party.db")                      # doctest: +SKIP   http://127.0.0.1:8000/

See ``docs/web.md`` for the pages, the endpoints and the security choices.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ServeError, missing_extra

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..archive import Archive

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "base_url", "bind_socket", "create_app", "serve"]


def _require(module: str, package: str) -> None:
    try:
        __import__(module)
    except ImportError as exc:
        raise missing_extra("web", package) from exc


def create_app(db: str | Path | Archive) -> FastAPI:
    """The FastAPI app for the archive ``db``; see :func:`partytext.web.app.create_app`."""
    for module, package in (("fastapi", "fastapi"), ("jinja2", "jinja2")):
        _require(module, package)
    from .app import create_app as _create

    return _create(db)


def serve(db: str | Path | Archive, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          ready: Callable[[str], None] | None = None, **uvicorn_options: Any) -> None:
    """Serve the archive ``db`` at ``http://host:port/`` until interrupted.

    Binds to 127.0.0.1 (this machine only) unless ``host`` says otherwise; the app is
    read-only either way. ``ready`` is called with the URL once the port is bound (port 0
    picks a free one). Raises :class:`~partytext.errors.ArchiveError` when ``db`` is not
    an archive and :class:`~partytext.errors.ServeError` when the port cannot be bound,
    before anything listens. Other keyword arguments go to ``uvicorn.Config``.
    """
    _require("uvicorn", "uvicorn")
    import uvicorn

    app = create_app(db)
    owned = not _is_archive(db)
    try:
        sock = bind_socket(host, port)
    except ServeError:
        if owned:
            app.state.archive.close()
        raise
    uvicorn_options.setdefault("log_level", "warning")
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=sock.getsockname()[1], **uvicorn_options))
    url = base_url(host, sock.getsockname()[1])
    log.info("serving %s at %s", app.state.archive.location, url)
    if ready is not None:
        ready(url)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        if owned:
            app.state.archive.close()


def base_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def bind_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port`` (IPv6 when ``host`` has a colon)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        hint = "pick another with --port" if exc.errno == errno.EADDRINUSE else "check --host and --port"
        raise ServeError(f"Cannot listen on {host}:{port} ({exc.strerror or exc}): {hint}") from exc
    sock.set_inheritable(True)
    return sock


def _is_archive(db: Any) -> bool:
    from ..archive import Archive

    return isinstance(db, Archive)
