"""``partytext serve``: the archive's web page and JSON API; wraps :func:`partytext.serve`."""

from __future__ import annotations

import sys

DB_HELP = "archive: an existing SQLite file or a postgresql:// URL"


def register(sub) -> None:
    p = sub.add_parser(
        "serve", help="serve an archive as a web page and JSON API",
        description="Search page (/), articles with their figures marked (/articles/ID), a sortable figures "
        "table with CSV download (/figures), and a read-only JSON API (/api/search, /api/articles/ID, "
        "/api/figures, /api/trend; list at /docs, OpenAPI at /openapi.json). Needs no network. Listens on "
        "127.0.0.1 (this machine only) unless --host says otherwise.",
        epilog="Example: partytext serve party.db --port 8000   (then open http://127.0.0.1:8000/)")
    p.add_argument("db", metavar="DB", help=DB_HELP)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1; 0.0.0.0 exposes the archive to the network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.set_defaults(handler=run_serve)


def run_serve(args) -> int:
    from ..web import serve

    def ready(url: str) -> None:
        print(f"partytext: serving {args.db} at {url} (Ctrl+C to stop)", file=sys.stderr, flush=True)

    level = "info" if args.verbose else "warning"
    serve(args.db, host=args.host, port=args.port, ready=ready, log_level=level)
    return 0
