"""One exception tree for partytext.

Every error a user can cause or meet derives from :class:`PartytextError`, and its
message says what to do about it. Context travels as attributes, not only as text::

    PartytextError
    ├── InputError (ValueError)          a file, text or value that cannot be used
    │   ├── InputNotFoundError (FileNotFoundError)
    │   ├── InputTooLargeError           over --max-bytes
    │   └── EncodingError (UnicodeError) binary data, TCVN3/VNI legacy encodings
    ├── RecordError (ValueError)         a record that breaks the JSON contract
    ├── ExtractionError                  an HTML page with no article in it
    ├── FetchError                       network failures, after retries
    │   ├── RobotsDisallowedError        robots.txt forbids the URL
    │   ├── RobotsUnavailableError       robots.txt unreachable (5xx, timeout): the host waits
    │   └── ResponseTooLargeError        a body over the size cap
    ├── SiteError (LookupError)          unknown site profile
    ├── ArchiveError                     the archive cannot be opened or written
    │   ├── QueryError (ValueError)      a search query that cannot be parsed
    │   └── DependencyError (ImportError) an optional extra is not installed
    ├── ServeError (OSError)             the web server cannot listen (port in use...)
    └── UsageError                       wrong combination of options (CLI exit code 2)

The CLI turns :class:`PartytextError` into exit code 1 and prints the message.
"""

from __future__ import annotations


class PartytextError(Exception):
    """Base of every partytext error; the message names the fix."""


class InputError(PartytextError, ValueError):
    """An input file, text or value that cannot be used."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class InputNotFoundError(InputError, FileNotFoundError):
    """A path that does not exist."""


class InputTooLargeError(InputError):
    """A file over the size limit."""

    def __init__(self, message: str, *, path: str | None = None, size: int = 0, limit: int = 0) -> None:
        super().__init__(message, path=path)
        self.size = size
        self.limit = limit


class EncodingError(InputError, UnicodeError):
    """Binary data or a legacy Vietnamese encoding that is not decoded automatically."""

    def __init__(self, message: str, *, path: str | None = None, encoding: str | None = None) -> None:
        super().__init__(message, path=path)
        self.encoding = encoding


class RecordError(PartytextError, ValueError):
    """A record or record item that breaks the partytext.record/1 contract."""


class ExtractionError(PartytextError):
    """A page from which no article could be extracted."""

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class FetchError(PartytextError):
    """A URL that could not be fetched, after retries."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class RobotsDisallowedError(FetchError):
    """robots.txt forbids fetching the URL."""


class RobotsUnavailableError(FetchError):
    """The host's robots.txt could not be read (5xx, timeout): nothing of that host is
    fetched until it can. ``retry_in`` is the number of seconds before the fetcher asks
    again, or None when it gives up for this run (the next run asks again)."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None,
                 retry_in: float | None = None) -> None:
        super().__init__(message, url=url, status=status)
        self.retry_in = retry_in


class ResponseTooLargeError(FetchError):
    """A response body over the size cap."""


class SiteError(PartytextError, LookupError):
    """An unknown site profile name."""


class ArchiveError(PartytextError):
    """The archive cannot be opened, read or written."""

    def __init__(self, message: str, *, db: str | None = None) -> None:
        super().__init__(message)
        self.db = db


class QueryError(ArchiveError, ValueError):
    """A search query that cannot be parsed."""

    def __init__(self, message: str, *, query: str | None = None) -> None:
        super().__init__(message)
        self.query = query


class DependencyError(ArchiveError, ImportError):
    """An optional extra is needed and not installed; the message gives the pip command."""


class ServeError(PartytextError, OSError):
    """The web server cannot start listening (address in use, no permission...)."""


class UsageError(PartytextError):
    """A wrong combination of options; the CLI exits with code 2."""


def missing_extra(extra: str, package: str) -> DependencyError:
    """The error for an optional dependency that is not installed."""
    return DependencyError(
        f"This needs the optional package {package!r}: pip install 'partytext[{extra}]'"
    )
