"""Reading the user's files: paths and folders in, Articles and Records out, one result per
file so that a bad file never stops the good ones.

* folders are recursed (``.txt``, ``.html``, ``.htm``, ``.md``; sorted, so runs repeat);
* ``-`` reads standard input;
* every file is checked before it is parsed: missing, unreadable, empty, over the size
  limit, binary, or in a legacy Vietnamese encoding (TCVN3/VNI) — each gives an
  :class:`~partytext.errors.InputError` that names the file and what to do.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import EncodingError, InputError, InputNotFoundError, InputTooLargeError, PartytextError
from .records import Article, Record, article_id

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome for one input: a record, or the error that stopped it."""

    source: str
    record: Record | None = None
    error: PartytextError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def expand(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Each input as given, folders replaced by the article files inside them."""
    for raw in paths:
        p = str(raw)
        if p == "-" or p.startswith(("http://", "https://")):
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                log.warning("%s: no .txt or .html files in this folder", p)
            yield from (str(f) for f in found)
        else:
            yield p


def looks_binary(data: bytes) -> bool:
    """Whether the first bytes of a file look like binary data rather than text."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 with a BOM (Windows Notepad's "Unicode"): judge the characters, not the bytes
        chars = [ord(c) for c in head[: len(head) // 2 * 2].decode("utf-16", errors="replace")]
        return sum(1 for c in chars if c < 9 or 13 < c < 32) > len(chars) * 0.05
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def read_bytes(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file (or stdin for ``-``), after the size and existence checks."""
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputNotFoundError(f"{source}: no such file or folder; check the path", path=source)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputTooLargeError(
                    f"{source}: file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB); "
                    "pass --max-bytes to raise the limit",
                    path=source, size=size, limit=max_bytes,
                )
            data = path.read_bytes()
        except PermissionError as exc:
            raise InputError(f"{source}: cannot be read (permission denied); check its permissions", path=source) from exc
        except IsADirectoryError as exc:
            raise InputError(f"{source}: is a folder", path=source) from exc
    if len(data) > max_bytes:
        raise InputTooLargeError(f"{source}: input over {max_bytes} bytes; pass --max-bytes to raise the limit",
                                 path=source, size=len(data), limit=max_bytes)
    if not data.strip():
        raise InputError(f"{source}: the file is empty; nothing to extract", path=source)
    if looks_binary(data):
        raise EncodingError(f"{source}: looks like binary data, not text or HTML; pass a .txt or .html article",
                            path=source, encoding="binary")
    return data


def _is_html(source: str, text: str) -> bool:
    if source.lower().endswith(HTML_SUFFIXES):
        return True
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_article(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The :class:`Article` in a text or HTML file (corpus convention for text)."""
    from .sources import article_from_html, article_from_text
    from .sources.encoding import decode_html

    if source.startswith(("http://", "https://")):
        from .crawl.fetch import Fetcher

        with Fetcher() as fetcher:
            page = fetcher.get(source)
        return article_from_html(page.content, url=page.url, headers=page.headers)
    data = read_bytes(source, max_bytes=max_bytes)
    if source.lower().endswith(".json"):  # a saved page dump: {"content": HTML, "url", "time", "title"}
        from .sources.dump import article_from_page_dump

        return article_from_page_dump(data, where=source)
    try:
        text = decode_html(data, where=source).text
    except EncodingError as exc:
        raise EncodingError(str(exc), path=source, encoding=exc.encoding) from exc
    if _is_html(source, text):
        return article_from_html(text, url=None)
    return article_from_text(text)


def keyed_by_path(article: Article, source: str) -> Article:
    """``article`` read from the local file ``source``, with the id of its resolved path
    (see :func:`partytext.records.article_id`) unless it has a URL; standard input keeps
    the id of its text."""
    if article.url or source == "-" or source.startswith(("http://", "https://")):
        return article
    return dataclasses.replace(article, id=article_id(None, article.text, path=source))


def extract_file(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, steps=None) -> Record:
    """The :class:`Record` of one file (its article keyed by the file's path, see
    :func:`keyed_by_path`)."""
    from .pipeline import extract

    return extract(keyed_by_path(read_article(source, max_bytes=max_bytes), source), source=source, steps=steps)

