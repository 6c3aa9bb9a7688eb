"""Streamed gzip decompression under a cap on the decompressed size.

Sitemaps are often served as ``sitemap.xml.gz``: gzip bytes with no Content-Encoding, so
the HTTP layer hands them over compressed. :class:`CappedGunzip` inflates them chunk by
chunk as they arrive and stops as soon as the output would pass the cap, so a gzip bomb
(60 MB of zeros in 60 KB) costs at most the cap in memory, never the whole expansion.
Concatenated gzip members (``cat a.gz b.gz``) are read one after the other.

>>> import gzip
>>> g = CappedGunzip(max_bytes=100)
>>> g.feed(gzip.compress(b"<urlset/>")) + g.finish()
b'<urlset/>'
"""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class TooLarge(ValueError):
    """The decompressed bytes would pass the cap; ``size`` is how many were produced."""

    def __init__(self, size: int, max_bytes: int) -> None:
        super().__init__(f"more than {max_bytes:,} bytes once decompressed")
        self.size = size
        self.max_bytes = max_bytes


class Corrupt(ValueError):
    """Bytes that start like gzip but do not inflate (cut short or damaged)."""


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


class CappedGunzip:
    """Inflate a gzip stream fed in chunks; at most ``max_bytes`` of output in total."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._inflater = zlib.decompressobj(_GZIP_WBITS)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            room = self.max_bytes - self.size
            try:
                # max_length room + 1: one byte over the room proves the stream is too large
                chunk = self._inflater.decompress(data, room + 1)
            except zlib.error as exc:
                raise Corrupt(f"not a valid gzip stream ({exc})") from exc
            self.size += len(chunk)
            if self.size > self.max_bytes:
                raise TooLarge(self.size, self.max_bytes)
            out.append(chunk)
            if self._inflater.eof:
                data = self._inflater.unused_data.lstrip(b"\0")  # the next member, if any
                if data:
                    self._inflater = zlib.decompressobj(_GZIP_WBITS)
            else:
                data = self._inflater.unconsumed_tail
        return b"".join(out)

    def finish(self) -> bytes:
        """The last bytes; raises :class:`Corrupt` when the stream was cut short."""
        if not self._inflater.eof:
            try:
                tail = self._inflater.flush()
            except zlib.error as exc:
                raise Corrupt(f"not a valid gzip stream ({exc})") from exc
            if not self._inflater.eof:
                raise Corrupt("the gzip stream is cut short")
            return tail
        return b""


def gunzip(data: bytes, max_bytes: int, *, head: int | None = None) -> bytes:
    """The inflated bytes of a whole gzip blob, under the cap; with ``head``, only the first
    ``head`` bytes (enough to sniff what the document is, without inflating the rest)."""
    if head is not None:
        inflater = zlib.decompressobj(_GZIP_WBITS)
        try:
            return inflater.decompress(data, head)
        except zlib.error as exc:
            raise Corrupt(f"not a valid gzip stream ({exc})") from exc
    g = CappedGunzip(max_bytes)
    return g.feed(data) + g.finish()


class Body:
    """A response body collected chunk by chunk under the cap. A body that starts with the
    gzip magic bytes (a ``.gz`` sitemap or feed) is inflated as it arrives; the cap counts
    the inflated bytes, and the bytes received too."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.received = 0
        self._head = b""
        self._parts: list[bytes] = []
        self._gunzip: CappedGunzip | None = None
        self._sniffed = False

    @property
    def inflated(self) -> bool:
        return self._gunzip is not None

    def feed(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received > self.max_bytes:
            raise TooLarge(self.received, self.max_bytes)
        if not self._sniffed:
            self._head += chunk
            if len(self._head) < len(GZIP_MAGIC):
                return
            chunk, self._head, self._sniffed = self._head, b"", True
            if is_gzip(chunk):
                self._gunzip = CappedGunzip(self.max_bytes)
        self._parts.append(self._gunzip.feed(chunk) if self._gunzip is not None else chunk)

    def finish(self) -> bytes:
        if not self._sniffed:
            return self._head  # fewer than two bytes in all
        if self._gunzip is not None:
            self._parts.append(self._gunzip.finish())
        return b"".join(self._parts)
