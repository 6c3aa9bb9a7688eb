"""The polite HTTP session: the only module that imports requests.

Defaults are polite: a User-Agent that names the tool, a timeout on every request,
robots.txt obeyed (Disallow and Crawl-delay; while it cannot be read, the host waits and
is asked again with backoff), one request at a time per host with a delay (≥ 1 s),
retries with backoff on 429/5xx/timeouts honouring Retry-After, redirects followed one
hop at a time (each hop checked against robots.txt and the allowed hosts), a size cap
that counts decompressed bytes (Content-Encoding and ``.gz`` bodies alike), and an
on-disk cache revalidated with conditional GET (ETag/Last-Modified).

>>> with Fetcher(delay=1.0, cache_dir="~/.cache/partytext/http") as f:  # doctest: +SKIP
...     page = f.get("https://nhandan.vn/chinhtri/")
"""

from __future__ import annotations

import email.utils
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from ..errors import FetchError, ResponseTooLargeError, RobotsDisallowedError, RobotsUnavailableError
from .decompress import Body, Corrupt, TooLarge
from .httpcache import HttpCache
from .robots import ALLOW_ALL, RobotsRules, parse_robots

log = logging.getLogger(__name__)

USER_AGENT = "partytext/0.1 (+https://github.com/partytext/partytext)"
DEFAULT_DELAY = 1.0
# Statuses worth another try: rate limiting and server trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Network failures worth another try: timeouts, refused or reset connections, and bodies
# cut short (fewer bytes than Content-Length promised, a broken chunked stream).
TRANSIENT_ERRORS = (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError)
CHUNK = 65536


@dataclass(frozen=True, slots=True)
class Page:
    """One fetched response: bytes as received and the HTTP metadata that matters."""

    url: str  # the final URL, after redirects
    requested_url: str
    status: int
    headers: dict[str, str]
    content: bytes
    from_cache: bool = False
    redirects: tuple[str, ...] = ()
    fetched_at: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass
class FetchStats:
    requests: int = 0
    not_modified: int = 0
    retries: int = 0
    bytes: int = 0
    robots_blocked: int = 0
    waits: list[float] = field(default_factory=list)


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Fetcher:
    """A polite HTTP session (see the module doc). ``sleep`` and ``clock`` can be replaced
    (tests record the waits instead of timing them)."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        delay: float = DEFAULT_DELAY,
        timeout: float = 20.0,
        total_timeout: float = 120.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_retry_wait: float = 300.0,
        max_bytes: int = 20_000_000,
        max_redirects: int = 5,
        robots_retries: int = 2,
        robots_backoff: float = 60.0,
        cache_dir: str | os.PathLike | None = None,
        cache_ttl: float = 0.0,
        obey_robots: bool = True,
        allowed_hosts: Iterable[str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if delay < 0:
            raise ValueError("delay must be >= 0 seconds")
        self.user_agent = user_agent
        self.delay = delay
        self.timeout = timeout
        self.total_timeout = total_timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_wait = max_retry_wait
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.robots_retries = robots_retries
        self.robots_backoff = robots_backoff
        self.cache = HttpCache(cache_dir) if cache_dir else None
        self.cache_ttl = cache_ttl
        self.obey_robots = obey_robots
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self.stats = FetchStats()
        self._sleep = sleep
        self._clock = clock
        self._session = requests.Session()
        self._session.headers.update({"User-Agent": user_agent, "Accept-Language": "vi,en;q=0.5"})
        self._robots: dict[str, RobotsRules] = {}
        self._robots_down: dict[str, tuple[int, float]] = {}  # host -> (failed reads, when to ask again)
        self._last: dict[str, float] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    # -- context manager ------------------------------------------------------------
    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    def now(self) -> float:
        """The fetcher's clock (monotonic seconds; a test's fake clock when one was given)."""
        return self._clock()

    def pause(self, seconds: float) -> None:
        """Sleep on the fetcher's clock (a crawl waiting for a host's robots.txt)."""
        self.stats.waits.append(seconds)
        self._sleep(seconds)

    # -- politeness -----------------------------------------------------------------
    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def delay_for(self, url: str) -> float:
        """The pause between two requests to the URL's host: ours or robots' Crawl-delay."""
        rules = self._robots.get(host_key(url))
        crawl_delay = rules.crawl_delay if rules is not None and rules.crawl_delay else 0.0
        return max(self.delay, crawl_delay)

    def _wait_turn(self, url: str) -> None:
        key = host_key(url)
        last = self._last.get(key)
        if last is None:
            return
        wait = self.delay_for(url) - (self._clock() - last)
        if wait > 0:
            self.stats.waits.append(wait)
            self._sleep(wait)

    def rules(self, url: str) -> RobotsRules:
        """robots.txt rules for the URL's host (fetched once per host and kept).

        A missing robots.txt (4xx) allows everything. An unreadable one (5xx, timeout,
        refused connection) raises :class:`RobotsUnavailableError`: nothing of that host is
        fetched, and robots.txt is asked for again after ``robots_backoff`` seconds
        (doubling), ``robots_retries`` times per run; after that ``retry_in`` is None and
        the next run asks again. It is never taken as a disallow.
        """
        key = host_key(url)
        if key in self._robots:
            return self._robots[key]
        if not self.obey_robots:
            self._robots[key] = ALLOW_ALL
            return ALLOW_ALL
        failures, retry_at = self._robots_down.get(key, (0, 0.0))
        if failures:
            self._raise_unavailable(key, url, failures, retry_at)
        try:
            resp = self._request_with_retries(key + "/robots.txt", {}, follow=True)
            status, body = resp.status, resp.content
        except FetchError as exc:
            status, body = exc.status or 0, b""
        if 200 <= status < 300:
            rules = parse_robots(body.decode("utf-8", errors="replace"), agent=self.user_agent)
        elif 400 <= status < 500:
            rules = ALLOW_ALL  # no robots.txt: crawl freely (RFC 9309)
        else:
            failures += 1
            wait = min(self.robots_backoff * 2 ** (failures - 1), self.max_retry_wait)
            self._robots_down[key] = (failures, self._clock() + wait)
            log.warning("robots.txt of %s unreadable (%s): nothing of that host is fetched until it answers",
                        key, f"HTTP {status}" if status else "no answer")
            self._raise_unavailable(key, url, failures, self._clock() + wait, force=True)
        self._robots_down.pop(key, None)
        self._robots[key] = rules
        return rules

    def _raise_unavailable(self, key: str, url: str, failures: int, retry_at: float, *, force: bool = False) -> None:
        """Raise RobotsUnavailableError while the host waits; return when it may be asked again."""
        left = retry_at - self._clock()
        if failures > self.robots_retries:
            raise RobotsUnavailableError(
                f"robots.txt of {key} could not be read ({failures} tries this run); "
                "the next run tries its pages again", url=url, retry_in=None)
        if force or left > 0:
            raise RobotsUnavailableError(
                f"robots.txt of {key} could not be read, and nothing of a host is fetched without it: "
                "try again later", url=url, retry_in=max(left, 0.0))

    def allowed(self, url: str) -> bool:
        return self.rules(url).allowed(url)

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap lines of the host's robots.txt, as absolute URLs."""
        return [urljoin(host_key(url) + "/", s) for s in self.rules(url).sitemaps]

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"Only http(s) URLs can be fetched, not {url!r}", url=url)
        host = (parts.hostname or "").lower()
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            raise FetchError(f"{url} is off the crawled site ({', '.join(sorted(self.allowed_hosts))}); "
                             "pass allowed_hosts to widen the crawl", url=url)
        if self.obey_robots and not self.allowed(url):
            self.stats.robots_blocked += 1
            raise RobotsDisallowedError(f"robots.txt of {parts.netloc} disallows {url}; partytext always obeys it",
                                        url=url)

    # -- requests -------------------------------------------------------------------
    def _once(self, url: str, headers: dict[str, str]) -> Page:
        """One request, body read under the size cap; raises requests exceptions."""
        key = host_key(url)
        with self._lock(key):
            self._wait_turn(url)
            self.stats.requests += 1
            started = self._clock()
            try:
                with self._session.get(url, headers=headers, timeout=self.timeout, allow_redirects=False,
                                       stream=True) as resp:
                    length = resp.headers.get("Content-Length")
                    if length and length.isdigit() and int(length) > self.max_bytes:
                        raise ResponseTooLargeError(
                            f"{url} is {int(length):,} bytes, over the {self.max_bytes:,}-byte cap: "
                            "raise max_bytes to fetch it", url=url, status=resp.status_code)
                    # urllib3 (>= 2.6) inflates Content-Encoding a chunk at a time; Body inflates
                    # a .gz body the same way, so the cap counts decompressed bytes throughout.
                    body = Body(self.max_bytes)
                    try:
                        for chunk in resp.iter_content(CHUNK):
                            body.feed(chunk)
                            if self._clock() - started > self.total_timeout:
                                raise requests.Timeout(f"{url} took over {self.total_timeout} s")
                        content = body.finish()
                    except TooLarge as exc:
                        raise ResponseTooLargeError(
                            f"{url} sent more than the {self.max_bytes:,}-byte cap (counted decompressed): "
                            "raise max_bytes to fetch it", url=url, status=resp.status_code) from exc
                    except Corrupt as exc:
                        raise FetchError(f"{url}: {exc}; a later run tries again", url=url,
                                         status=resp.status_code) from exc
                    self.stats.bytes += body.received
                    return Page(url=url, requested_url=url, status=resp.status_code,
                                headers={k.lower(): v for k, v in resp.headers.items()}, content=content,
                                fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
            finally:
                self._last[key] = self._clock()

    def _request_with_retries(self, url: str, headers: dict[str, str], *, follow: bool = False) -> Page:
        hops: list[str] = []
        attempt = 0
        while True:
            try:
                page = self._once(url, headers)
            except TRANSIENT_ERRORS as exc:
                if attempt >= self.retries:
                    raise FetchError(f"{url} did not answer after {attempt + 1} tries ({type(exc).__name__}); "
                                     "try again later or raise the timeout", url=url) from exc
                self._backoff(attempt, None, url, type(exc).__name__)
                attempt += 1
                continue
            except requests.RequestException as exc:
                raise FetchError(f"{url} could not be fetched: {exc}", url=url) from exc
            if page.status in RETRY_STATUSES:
                if attempt >= self.retries:
                    raise FetchError(f"{url} answered {page.status} after {attempt + 1} tries; try again later",
                                     url=url, status=page.status)
                self._backoff(attempt, page.headers.get("retry-after"), url, str(page.status))
                attempt += 1
                continue
            if follow and page.status in REDIRECT_STATUSES and page.headers.get("location"):
                if len(hops) >= self.max_redirects:
                    raise FetchError(f"{url}: more than {self.max_redirects} redirects", url=url, status=page.status)
                hops.append(url)
                url = urljoin(url, page.headers["location"])
                attempt = 0
                continue
            if hops:
                page = Page(url=page.url, requested_url=hops[0], status=page.status, headers=page.headers,
                            content=page.content, redirects=tuple(hops), fetched_at=page.fetched_at)
            return page

    def _backoff(self, attempt: int, retry_after: str | None, url: str, why: str) -> None:
        wait = _retry_after(retry_after)
        if wait is None:
            wait = self.backoff * (2 ** attempt)
        wait = min(wait, self.max_retry_wait)
        self.stats.retries += 1
        log.info("%s: %s, retrying in %.1f s", url, why, wait)
        self.stats.waits.append(wait)
        self._sleep(wait)

    def get(self, url: str) -> Page:
        """Fetch a URL politely; raises :class:`FetchError` (or a subclass) when it cannot.

        Redirects are followed one hop at a time, each checked like the first URL. A cached
        copy is revalidated with If-None-Match/If-Modified-Since; a 304 answer returns it
        with ``from_cache=True``. Non-2xx final answers raise FetchError with ``status``.
        """
        url = urlunsplit(urlsplit(url)._replace(fragment=""))
        requested = url
        hops: list[str] = []
        while True:
            self._check(url)
            headers: dict[str, str] = {}
            cached = self.cache.load(url) if self.cache else None
            if cached is not None:
                meta, body = cached
                if self.cache_ttl and time.time() - meta.get("stored", 0) < self.cache_ttl:
                    return self._from_cache(requested, meta, body, hops)
                if meta["headers"].get("etag"):
                    headers["If-None-Match"] = meta["headers"]["etag"]
                if meta["headers"].get("last-modified"):
                    headers["If-Modified-Since"] = meta["headers"]["last-modified"]
            page = self._request_with_retries(url, headers)
            if page.status == 304 and cached is not None:
                self.stats.not_modified += 1
                return self._from_cache(requested, cached[0], cached[1], hops)
            if page.status in REDIRECT_STATUSES and page.headers.get("location"):
                if len(hops) >= self.max_redirects:
                    raise FetchError(f"{requested}: more than {self.max_redirects} redirects; the site loops",
                                     url=requested, status=page.status)
                hops.append(url)
                url = urlunsplit(urlsplit(urljoin(url, page.headers["location"]))._replace(fragment=""))
                continue
            if not 200 <= page.status < 300:
                raise FetchError(f"{url} answered HTTP {page.status}", url=url, status=page.status)
            page = Page(url=url, requested_url=requested, status=page.status, headers=page.headers,
                        content=page.content, redirects=tuple(hops), fetched_at=page.fetched_at)
            if self.cache is not None:
                self.cache.store(url, page)
            return page

    def _from_cache(self, requested: str, meta: dict, body: bytes, hops: list[str]) -> Page:
        return Page(url=meta["url"], requested_url=requested, status=meta["status"], headers=meta["headers"],
                    content=body, from_cache=True, redirects=tuple(hops), fetched_at=meta.get("fetched_at", ""))
