"""Raw pages kept as WARC files (warcio), so articles can be re-extracted without crawling.

Each crawl run appends to its own gzip WARC file under the raw directory
(``partytext-<time>-<pid>.warc.gz``), one ``response`` record per fetched page, flushed
after each record. A run killed mid-record leaves a truncated last record, which the
reader skips.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import ArchiveError

log = logging.getLogger(__name__)

# Headers that described the bytes on the wire, not the decoded bytes we keep.
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcWriter:
    """Append HTTP responses to this run's WARC file."""

    def __init__(self, directory: str | os.PathLike) -> None:
        from warcio.warcwriter import WARCWriter

        self.dir = Path(directory).expanduser()
        self.dir.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.path = self.dir / f"partytext-{stamp}-{os.getpid()}.warc.gz"
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)

    def write(self, url: str, status: int, headers: dict[str, str], content: bytes) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        pairs = [(k, v) for k, v in headers.items() if k.lower() not in WIRE_HEADERS]
        pairs.append(("Content-Length", str(len(content))))
        http_headers = StatusAndHeaders(f"{status} OK", pairs, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(url, "response", payload=io.BytesIO(content),
                                                 http_headers=http_headers)
        self._writer.write_record(record)
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def read_warc(path: str | os.PathLike) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """(url, headers, body) of each response record; stops quietly at a truncated tail."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                headers = {k.lower(): v for k, v in (rec.http_headers.headers if rec.http_headers else [])}
                yield url, headers, rec.content_stream().read()
        except Exception as exc:  # warcio raises several types on a truncated gzip member
            log.warning("%s: stopped at a damaged record (%s); earlier records were read", path, exc)


def iter_raw(directory: str | os.PathLike) -> Iterator[tuple[str, dict[str, str], bytes]]:
    """Every response in every WARC file of a raw directory, oldest file first."""
    root = Path(directory).expanduser()
    if not root.is_dir():
        raise ArchiveError(f"No raw directory at {root}: pass the --raw DIR used when crawling")
    for path in sorted(root.glob("*.warc.gz")) + sorted(root.glob("*.warc")):
        yield from read_warc(path)
