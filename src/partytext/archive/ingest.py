"""``partytext.index``: files and records into an archive.

Plain text (``.txt``, corpus convention) and HTML (``.html``/``.htm``) files go through
the extraction pipeline; record files (``.jsonl``, one record per line, or ``.json``)
are stored as they are. ``.jsonl`` files are streamed a line at a time, whatever their size;
the size limit (``max_bytes``) applies to single text, HTML and ``.json`` files. Directories are walked recursively, in name order. A file that
cannot be read is reported, with its name and the reason, and the others go on.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from ..errors import EncodingError, InputError, PartytextError, RecordError
from ..inputs import DEFAULT_MAX_BYTES, HTML_SUFFIXES, TEXT_SUFFIXES, looks_binary, read_bytes
from ..records import Record

log = logging.getLogger(__name__)

RECORD_SUFFIXES = (".jsonl", ".json")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".jsonl",)

WRITE_BATCH = 200


@dataclass
class IndexReport:
    """What :func:`index` did: counts, the ids written, and every error as (source, message)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def indexed(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [{"source": s, "error": e} for s, e in self.errors]}


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    """Records as they are; files; directories expanded to their supported files."""
    for item in items:
        if isinstance(item, Record):
            yield item
            continue
        if isinstance(item, str) and (is_url(item) or item == "-"):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # Inside a folder a .json file is an annotation or a setting (gold files,
                    # floors.json), not a record: record files there must be .jsonl.
                    if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                        yield Path(root) / name
        else:
            yield path


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{path} is not UTF-8 text: convert it (e.g. iconv -f UTF-16 -t UTF-8) and index it again",
            path=str(path)) from exc


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def file_records(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, extract: bool = True
                 ) -> tuple[list[Record], list[tuple[str, str]]]:
    """The records of one file and the errors met (a record file can have both)."""
    source = str(path)
    path = Path(source)
    suffix = path.suffix.lower()
    records: list[Record] = []
    errors: list[tuple[str, str]] = []
    try:
        if is_url(source) or source == "-":
            pass
        elif suffix not in SUFFIXES:
            raise InputError(f"Unsupported file type {suffix or '(none)'}: index .txt, .html or .jsonl files", path=source)
        elif suffix == ".jsonl":
            records.extend(jsonl_records(source, errors))
            return records, errors
        elif suffix in RECORD_SUFFIXES:
            data = read_bytes(source, max_bytes=max_bytes)  # the checks every input gets
            text = _decode(data, path)
            if suffix == ".json":
                loaded = json.loads(text)
                for obj in loaded if isinstance(loaded, list) else [loaded]:
                    records.append(Record.from_dict(obj))
            else:
                for n, line in enumerate(text.splitlines(), 1):
                    if not line.strip():
                        continue
                    try:
                        records.append(Record.from_json(line))
                    except PartytextError as exc:
                        errors.append((f"{source}:{n}", str(exc)))
            return records, errors
        from ..inputs import keyed_by_path, read_article

        article = keyed_by_path(read_article(source, max_bytes=max_bytes), source)
        if extract:
            from ..pipeline import extract as run_pipeline

            records.append(run_pipeline(article, source=source))
        else:
            records.append(Record(article=article, source=source))
    except (PartytextError, OSError, ValueError) as exc:
        errors.append((source, str(exc) or type(exc).__name__))
    except Exception as exc:  # an extractor bug must not stop a long indexing run
        log.exception("failed on %s", source)
        errors.append((source, f"{type(exc).__name__}: {exc}"))
    return records, errors


def jsonl_records(source: str, errors: list[tuple[str, str]]) -> Iterator[Record]:
    """The records of a ``.jsonl`` file, read a line at a time: no size limit (the output
    of ``extract --format jsonl`` over a whole corpus is many times the limit of a single
    article file). A bad line goes to ``errors`` as ``(file:line, message)``; a missing,
    empty or binary file raises an :class:`InputError` before any record."""
    path = Path(source)
    if not path.is_file():
        read_bytes(source)  # the message for a missing file or a folder
    with path.open("rb") as f:
        head = f.read(8192)
        if not head.strip():
            raise InputError(f"{source}: the file is empty; nothing to index", path=source)
        if looks_binary(head):
            raise EncodingError(f"{source}: looks like binary data, not JSON lines; pass a .jsonl record file",
                                path=source, encoding="binary")
        f.seek(0)
        for n, raw in enumerate(f, 1):
            if n == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                yield Record.from_json(raw.decode("utf-8"))
            except UnicodeDecodeError:
                errors.append((f"{source}:{n}", "not UTF-8 text: convert the file (e.g. iconv -t UTF-8) and index it again"))
            except PartytextError as exc:
                errors.append((f"{source}:{n}", str(exc)))


def _streamed(item: Any) -> bool:
    """Record files streamed in this process, never held whole in memory."""
    return isinstance(item, (str, Path)) and str(item).lower().endswith(".jsonl") and not is_url(str(item))


def _file_job(args: tuple[Path, int, bool] | Record) -> tuple[list[Record], list[tuple[str, str]]]:
    if isinstance(args, Record):
        return [args], []
    path, max_bytes, extract = args
    return file_records(path, max_bytes=max_bytes, extract=extract)


def _in_process(job: Any) -> bool:
    """Records given as they are, and standard input, stay in this process."""
    return isinstance(job, Record) or str(job[0]) == "-"


def index(
    db: Any,
    paths_or_records: Any,
    *,
    workers: int = 1,
    scheduler: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extract: bool = True,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
) -> IndexReport:
    """Index files, directories and :class:`Record` objects into the archive ``db``.

    Re-indexing an article updates it in place (same id), never duplicates it.
    ``extract=False`` stores articles without running the extractors. ``workers`` > 1
    extracts files in that many processes; ``scheduler`` (``"tcp://HOST:PORT"`` or a
    ``distributed.Client``) extracts them on a Dask cluster (see :mod:`partytext.parallel`);
    records are written in input order either way. ``progress`` wraps the stream of inputs
    (the CLI passes a progress bar).

    >>> import partytext as pt
    >>> report = pt.index("party.db", ["corpora/seed"])  # doctest: +SKIP
    >>> report.added, report.errors  # doctest: +SKIP
    """
    from .opening import open_archive
    from .base import Archive

    if isinstance(paths_or_records, (str, Path, Record)):
        paths_or_records = [paths_or_records]
    report = IndexReport()
    owned = not isinstance(db, Archive)
    arc = open_archive(db)
    try:
        items: Iterable[Any] = _walk(paths_or_records)
        if progress is not None:
            items = progress(items)

        def produce() -> Iterator[Record]:
            from ..parallel import ordered_map

            for streamed, run in groupby(items, key=_streamed):
                if streamed:
                    for path in run:
                        try:
                            yield from jsonl_records(str(path), report.errors)
                        except (PartytextError, OSError) as exc:
                            report.errors.append((str(path), str(exc) or type(exc).__name__))
                    continue
                jobs = (item if isinstance(item, Record) else (item, max_bytes, extract) for item in run)
                for records, errors in ordered_map(_file_job, jobs, workers=max(1, workers), scheduler=scheduler,
                                                   local=_in_process):
                    report.errors.extend(errors)
                    yield from records

        for rid, status in arc.write_many(_checked(produce(), report), batch=WRITE_BATCH):
            report.ids.append(rid)
            setattr(report, status, getattr(report, status) + 1)
    finally:
        if owned:
            arc.close()
    for source, message in report.errors:
        log.warning("not indexed: %s: %s", source, message)
    return report


def _checked(records: Iterable[Record], report: IndexReport) -> Iterator[Record]:
    """Records whose offsets hold; the others go to the report's errors."""
    for record in records:
        try:
            record.check_offsets()
        except RecordError as exc:
            report.errors.append((record.source or record.article.id or "?", str(exc)))
            continue
        yield record
