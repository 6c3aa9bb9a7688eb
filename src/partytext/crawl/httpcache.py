"""The fetcher's on-disk HTTP cache: one response per URL, kept to be revalidated with a
conditional GET (ETag / Last-Modified) on the next run. Each file is written to a temporary
name and renamed, so a killed run never leaves half a response."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any


class HttpCache:
    """Responses on disk: ``<sha1>.json`` (status, headers, final URL) beside ``<sha1>.body``."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.dir = Path(directory).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha1(url.encode("utf-8")).hexdigest()
        return self.dir / f"{key}.json", self.dir / f"{key}.body"

    def load(self, url: str) -> tuple[dict, bytes] | None:
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            return meta, body_path.read_bytes()
        except (OSError, ValueError):
            return None

    def store(self, url: str, page: Any) -> None:
        meta_path, body_path = self._paths(url)
        tmp = body_path.with_suffix(".tmp")
        tmp.write_bytes(page.content)
        os.replace(tmp, body_path)
        meta = {"url": page.url, "status": page.status, "headers": page.headers, "fetched_at": page.fetched_at,
                "stored": time.time()}
        tmp = meta_path.with_suffix(".jtmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, meta_path)
