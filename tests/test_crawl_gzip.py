"""Streamed, capped gzip: the cap counts decompressed bytes, memory stays near the cap
whatever the expansion, and damaged or concatenated streams are handled."""

from __future__ import annotations

import gzip
import tracemalloc

import pytest

from partytext.crawl.decompress import Body, CappedGunzip, Corrupt, TooLarge, gunzip
from partytext.crawl.discover import document_kind, parse_sitemap
from partytext.errors import ResponseTooLargeError

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://example.vn/tin/bai-1.html</loc><lastmod>2025-01-02</lastmod></url>
<url><loc>https://example.vn/tin/bai-2.html</loc></url>
</urlset>"""


def chunks(data: bytes, size: int = 65536):
    for i in range(0, len(data), size):
        yield data[i:i + size]


def test_body_inflates_a_gz_body_fed_in_small_chunks():
    body = Body(max_bytes=10_000)
    for piece in chunks(gzip.compress(SITEMAP), 7):  # the magic bytes split across chunks too
        body.feed(piece)
    assert body.finish() == SITEMAP and body.inflated


def test_plain_body_passes_through_and_counts_against_the_cap():
    body = Body(max_bytes=len(SITEMAP))
    body.feed(SITEMAP)
    assert body.finish() == SITEMAP and not body.inflated
    with pytest.raises(TooLarge):
        Body(max_bytes=10).feed(SITEMAP)


def test_gzip_bomb_stops_at_the_cap_with_memory_near_the_cap():
    cap = 2_000_000
    bomb = gzip.compress(b"\0" * 60_000_000, compresslevel=9)  # 60 MB in ~60 KB
    tracemalloc.start()
    try:
        body = Body(max_bytes=cap)
        with pytest.raises(TooLarge) as exc:
            for piece in chunks(bomb):
                body.feed(piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert exc.value.size == cap + 1  # stopped one byte past the cap, not after inflating it all
    assert peak < 3 * cap, f"peak {peak:,} bytes: the bomb was inflated beyond the cap"


def test_concatenated_members_and_damaged_streams():
    g = CappedGunzip(max_bytes=1000)
    assert g.feed(gzip.compress(b"<urlset>") + gzip.compress(b"</urlset>")) + g.finish() == b"<urlset></urlset>"
    cut = gzip.compress(SITEMAP)[:-20]
    with pytest.raises(Corrupt):
        gunzip(cut, 10_000)
    with pytest.raises(Corrupt):
        gunzip(b"\x1f\x8b" + b"not gzip at all", 10_000)


def test_discovery_reads_gz_bytes_under_a_cap():
    gz = gzip.compress(SITEMAP)
    assert document_kind(gz) == "sitemap"
    assert [link.url for link in parse_sitemap(gz)] == ["https://example.vn/tin/bai-1.html",
                                                        "https://example.vn/tin/bai-2.html"]
    bomb = gzip.compress(b"<urlset>" + b" " * 30_000_000)
    assert document_kind(bomb) == "sitemap"  # only the head is inflated to sniff the kind
    with pytest.raises(ResponseTooLargeError):
        parse_sitemap(bomb)
