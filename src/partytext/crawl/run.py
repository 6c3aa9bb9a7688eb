"""The crawl loop: seeds, discovery, fetching, extraction and storing, resumable.

>>> report = crawl("nhandan", archive="party.db", since="2025-01-01", max_pages=50)  # doctest: +SKIP

The frontier and the state of every URL (see :mod:`partytext.crawl.frontier`) live in a
SQLite file beside the archive (``<db>.crawl.sqlite``; for a PostgreSQL archive under
``~/.cache/partytext/``). An article is marked stored only after the archive holds its
record, and a page fetched but not stored is queued again by the next run, so a run killed
at any point loses nothing and doubles nothing: re-running continues, and stored articles
are never fetched again.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import (ExtractionError, FetchError, PartytextError, RobotsDisallowedError, RobotsUnavailableError,
                      UsageError)
from ..records import Article, Record
from ..sources.dates import date_part
from ..sources.encoding import decode_html
from ..sources.html import article_from_html, looks_like_article
from ..sources.profiles import SITES, SiteProfile, get_profile, profile_for_url
from .discover import Link, document_kind, page_links, parse_feed, parse_sitemap, same_host
from .fetch import DEFAULT_DELAY, Fetcher, host_key
from .frontier import CrawlState

log = logging.getLogger(__name__)

# Listing pages per run at most (pagination of a big archive is otherwise endless).
MAX_LISTING_PAGES = 500


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What one run did. ``stored`` counts articles added in this run."""

    target: str
    stored: int = 0
    already_stored: int = 0
    skipped: int = 0
    failed: int = 0
    fetched: int = 0
    not_modified: int = 0
    robots_blocked: int = 0
    state_path: str = ""
    raw_path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def state_path_for(archive: Any) -> str:
    """Where the crawl state of an archive lives."""
    if isinstance(archive, (str, Path)):
        text = str(archive)
        if text.startswith(("postgresql://", "postgres://")):
            digest = hashlib.sha1(text.encode()).hexdigest()[:16]
            return str(Path("~/.cache/partytext").expanduser() / f"crawl-{digest}.sqlite")
        return text + ".crawl.sqlite"
    for attr in ("path", "db_path", "db"):
        value = getattr(archive, attr, None)
        if isinstance(value, (str, Path)) and str(value) != ":memory:":
            return state_path_for(str(value))
    log.warning("the archive has no file path: crawl state is kept in memory and cannot be resumed")
    return ":memory:"


def _open_archive(archive: Any) -> tuple[Any, bool]:
    if isinstance(archive, (str, Path)):
        from ..archive import open_archive

        return open_archive(str(archive)), True
    return archive, False


def _default_record(article: Article) -> Record:
    from ..pipeline import extract

    return extract(article, source=article.url)


def seeds(target: str, fetcher: Fetcher, unread: set[str] | None = None) -> tuple[list[Link], SiteProfile | None]:
    """The first URLs of a crawl: a site profile's start pages, feeds and sitemaps, or for a
    URL the page itself; plus the Sitemap lines of robots.txt (or /sitemap.xml). Hosts whose
    robots.txt cannot be read yet are added to ``unread`` (see :func:`robots_sitemaps`)."""
    profile: SiteProfile | None = None
    if target in SITES:
        profile = get_profile(target)
        links = [Link(u, "listing") for u in profile.start_urls] + [Link(u, "feed") for u in profile.feeds]
        links += [Link(u, "sitemap") for u in profile.sitemaps]
        roots = {host_key(u) for u in profile.start_urls + profile.feeds + profile.sitemaps}
    elif urlsplit(target).scheme in ("http", "https"):
        profile = profile_for_url(target)
        links = [Link(target, "page")]
        roots = {host_key(target)}
    else:
        get_profile(target)  # raises SiteError naming the supported sites
        raise AssertionError("unreachable")
    for root in sorted(roots):
        try:
            links += robots_sitemaps(root, fetcher)
        except PartytextError as exc:
            log.warning("robots.txt of %s: %s", root, exc)
            if unread is not None:
                unread.add(root)
    return links, profile


def robots_sitemaps(root: str, fetcher: Fetcher) -> list[Link]:
    """The sitemaps named by the Sitemap lines of a host's robots.txt, else /sitemap.xml;
    raises FetchError while robots.txt cannot be read."""
    maps = fetcher.sitemaps(root + "/")
    return [Link(u, "sitemap") for u in (maps or [root + "/sitemap.xml"])]


def _in_range(day: str | None, since: str | None, until: str | None) -> bool:
    if day is None:
        return True
    return not ((since and day < since) or (until and day > until))


def crawl(
    target: str,
    *,
    archive: Any,
    since: str | None = None,
    until: str | None = None,
    max_pages: int | None = None,
    raw_dir: str | Path | None = None,
    delay: float = DEFAULT_DELAY,
    state_path: str | Path | None = None,
    cache_dir: str | Path | None = None,
    max_depth: int = 3,
    fetcher: Fetcher | None = None,
    record: Callable[[Article], Record] | None = None,
) -> CrawlReport:
    """Crawl a site (a profile name from :data:`partytext.sources.SITES`) or any URL into
    ``archive`` (a path, a ``postgresql://`` URL or an open archive).

    ``since``/``until`` (YYYY-MM-DD) bound publication dates: sitemap lastmod and feed
    dates filter before fetching, the article's own date after. ``max_pages`` stops the
    run after that many newly stored articles. ``raw_dir`` keeps every fetched page in
    WARC files. ``delay`` is the pause between requests to one host (robots.txt's
    Crawl-delay wins when longer). Only the target's host is crawled.

    An exception raised by ``record`` (the extractors) on one page is recorded against
    that URL (state ``failed``, the error as its reason) and the crawl goes on; the next
    run tries the page again. A host whose robots.txt cannot be read waits and is asked
    again later in the run; its pages stay queued for the next run if it never answers.
    """
    for name, value in (("since", since), ("until", until)):
        if value is not None and (len(value) != 10 or value[4] != "-" or value[7] != "-"):
            raise UsageError(f"--{name} wants a date as YYYY-MM-DD, got {value!r}")
    if max_pages is not None and max_pages < 1:
        raise UsageError("--max must be at least 1")
    arc, owned = _open_archive(archive)
    state = CrawlState(state_path or state_path_for(archive))
    own_fetcher = fetcher is None
    if fetcher is None:
        if target in SITES:
            hosts = {h for h in get_profile(target).hosts} | {"www." + h for h in get_profile(target).hosts}
        else:
            host = (urlsplit(target).hostname or "").lower()
            hosts = {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        fetcher = Fetcher(delay=delay, cache_dir=cache_dir, allowed_hosts=hosts)
    warc = None
    if raw_dir is not None:
        from .warc import WarcWriter

        warc = WarcWriter(raw_dir)
    run = _Run(state, arc, fetcher, warc, record or _default_record, since, until, max_depth)
    try:
        state.refresh()
        links, run.profile = seeds(target, fetcher, run.unread_robots)
        state.add_many((link, 0, None) for link in links)
        run.loop(max_pages)
    finally:
        if warc is not None:
            warc.close()
        if own_fetcher:
            fetcher.close()
        state.close()
        if owned:
            arc.close()
    c = run.counts
    return CrawlReport(target=target, stored=c["stored"], already_stored=c["already"], skipped=c["skipped"],
                       failed=c["failed"], fetched=c["fetched"], not_modified=fetcher.stats.not_modified,
                       robots_blocked=fetcher.stats.robots_blocked, state_path=state.path,
                       raw_path=str(warc.path) if warc is not None else None)


class _Run:
    """One crawl run: takes URLs from the frontier until it is empty (or --max is reached)."""

    def __init__(self, state: CrawlState, arc: Any, fetcher: Fetcher, warc: Any,
                 make_record: Callable[[Article], Record], since: str | None, until: str | None,
                 max_depth: int) -> None:
        self.state, self.arc, self.fetcher, self.warc = state, arc, fetcher, warc
        self.make_record = make_record
        self.since, self.until, self.max_depth = since, until, max_depth
        self.profile: SiteProfile | None = None
        self.counts = {"stored": 0, "already": 0, "skipped": 0, "failed": 0, "fetched": 0}
        self.waiting: dict[str, float] = {}  # host -> fetcher clock time to ask its robots.txt again
        self.unread_robots: set[str] = set()  # hosts whose robots.txt (and its Sitemap lines) was not read yet
        self.listings = 0

    def next(self) -> tuple[str, str, int, str | None] | None:
        """The next queued URL; when none is left but hosts wait for robots.txt, wait for
        the first of them and queue its URLs again."""
        while (item := self.state.next()) is None and self.waiting:
            host, wake = min(self.waiting.items(), key=lambda kv: kv[1])
            pause = wake - self.fetcher.now()
            if pause > 0:
                log.info("waiting %.0f s to ask %s for robots.txt again", pause, host)
                self.fetcher.pause(pause)
            del self.waiting[host]
            self.state.requeue_waiting(host)
        return item

    def loop(self, max_pages: int | None) -> None:
        state, counts = self.state, self.counts
        while (item := self.next()) is not None:
            url, kind, depth, known_date = item
            if kind in ("page", "article"):
                if not _in_range(date_part(known_date), self.since, self.until):
                    state.set(url, "skipped", reason="dated outside --since/--until")
                    counts["skipped"] += 1
                    continue
                key = self.profile.key_for(url) if self.profile else None
                if self.arc.has_url(url) or state.key_stored(key):
                    state.set(url, "stored", reason="already in the archive")
                    counts["already"] += 1
                    continue
            elif kind == "listing":
                self.listings += 1
                if self.listings > MAX_LISTING_PAGES:
                    state.set(url, "skipped", reason=f"over {MAX_LISTING_PAGES} listing pages this run")
                    continue
            page = self.fetch(url)
            if page is None:
                continue
            counts["fetched"] += 1
            if self.warc is not None and not page.from_cache:
                self.warc.write(page.url, page.status, page.headers, page.content)
            outcome = self.handle(page, url, kind, depth)
            if outcome:
                counts[outcome] += 1
            if outcome == "stored" and max_pages is not None and counts["stored"] >= max_pages:
                log.info("--max %d reached", max_pages)
                break

    def fetch(self, url: str):
        """The page, or None with the URL's state set (skipped, failed or waiting)."""
        try:
            page = self.fetcher.get(url)
            if self.unread_robots and host_key(url) in self.unread_robots:
                # robots.txt answered at last: its Sitemap lines are seeds this run missed
                self.unread_robots.discard(host_key(url))
                self.state.add_many((link, 0, None) for link in robots_sitemaps(host_key(url), self.fetcher))
            return page
        except RobotsDisallowedError as exc:
            log.info("%s skipped: %s", url, exc)
            self.state.set(url, "skipped", reason=str(exc))
            self.counts["skipped"] += 1
        except RobotsUnavailableError as exc:
            host = host_key(url)
            if exc.retry_in is None:
                log.warning("%s not fetched (the next run tries again): %s", url, exc)
                self.state.set(url, "failed", reason=str(exc))
                self.counts["failed"] += 1 + self.state.fail_waiting(host, str(exc))
                self.waiting.pop(host, None)
            else:
                if host not in self.waiting:
                    log.info("%s: robots.txt unreadable, its URLs wait %.0f s", host, exc.retry_in)
                self.state.set(url, "waiting", reason=str(exc))
                self.waiting[host] = self.fetcher.now() + exc.retry_in
        except FetchError as exc:
            log.warning("%s not fetched (a later run tries again): %s", url, exc)
            self.state.set(url, "failed", reason=str(exc))
            self.counts["failed"] += 1
        return None

    def handle(self, page, url: str, kind: str, depth: int) -> str | None:
        """Read a fetched page: queue what a sitemap, feed or listing links to, or store
        the article; returns the counter to bump, if any."""
        state, profile = self.state, self.profile
        doc = document_kind(page.content, page.content_type)
        if doc == "sitemap":
            found = []
            for link in parse_sitemap(page.content, page.url):
                if not same_host(link.url, page.url):
                    continue
                if link.kind == "page" and profile is not None and profile.is_article_url(link.url):
                    link = Link(link.url, "article", link.date)
                # a page not modified since --since cannot have been published after it
                old = link.kind != "sitemap" and self.since and link.date and date_part(link.date) < self.since
                found.append((link, depth, "sitemap lastmod before --since" if old else None))
            state.add_many(found)
            state.set(url, "fetched")
            return None
        if doc == "feed":
            found = []
            for link in parse_feed(page.content, page.url):
                if same_host(link.url, page.url):
                    outside = not _in_range(date_part(link.date), self.since, self.until)
                    found.append((link, depth, "feed date outside --since/--until" if outside else None))
            state.add_many(found)
            state.set(url, "fetched")
            return None
        try:
            html = decode_html(page.content, content_type=page.content_type, where=page.url).text
        except PartytextError as exc:
            log.warning("%s not decoded: %s", url, exc)
            state.set(url, "failed", reason=str(exc))
            return "failed"
        if kind == "listing" or not looks_like_article(html, url=page.url):
            self.follow(html, page.url, depth)
            state.set(url, "fetched", reason="listing page")
            return None
        return self.store(page, html, url)

    def follow(self, html: str, base: str, depth: int) -> None:
        found = page_links(html, base)
        links = [(Link(feed, "feed"), depth, None) for feed in found.feeds if same_host(feed, base)]
        links += [(Link(nxt, "listing"), depth, None) for nxt in found.pagination]
        if depth + 1 <= self.max_depth:
            for link in found.links:
                listing = self.profile is not None and not self.profile.is_article_url(link)
                links.append((Link(link, "listing" if listing else "page"), depth + 1, None))
        self.state.add_many(links)

    def store(self, page, html: str, url: str) -> str:
        """Extract one article page and store its record; returns the counter to bump.

        The URL is ``extracting`` until the archive holds the record, then ``stored``.
        """
        state = self.state
        state.set(url, "extracting", reason=None)
        try:
            article = article_from_html(html, url=page.url, headers=page.headers)
        except ExtractionError as exc:
            log.info("%s skipped: %s", url, exc)
            state.set(url, "skipped", reason=str(exc))
            return "skipped"
        if not _in_range(date_part(article.published), self.since, self.until):
            state.set(url, "skipped", reason=f"published {article.published}, outside --since/--until")
            return "skipped"
        key = self.profile.key_for(article.url or url) if self.profile else None
        if self.arc.has_url(article.url) or state.key_stored(key):
            state.set(url, "stored", reason="same article as one already stored", article_url=article.url)
            return "already"
        state.set(url, "extracting", article_url=article.url, article_key=key)
        try:
            record = self.make_record(article)
        except Exception as exc:  # an extractor bug on one page must not end the crawl
            reason = f"extraction failed: {type(exc).__name__}: {exc}"
            log.warning("%s not stored (the next run tries again): %s", url, reason, exc_info=True)
            state.set(url, "failed", reason=reason[:2000])
            return "failed"
        self.arc.add(record)  # an upsert by article id: a second write after a crash changes nothing
        state.set(url, "stored", article_url=article.url, article_key=key, article_id=article.id, reason=None)
        return "stored"
