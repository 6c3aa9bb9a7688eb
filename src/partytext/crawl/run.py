"""The crawl loop: seeds, discovery, fetching, extraction and storing, resumable.

>>> report = crawl("nhandan", archive="party.db", since="2025-01-01", max_pages=50)  # doctest: +SKIP

The frontier and the state of every URL (queued, fetched, stored, skipped, failed, with a
reason) live in a SQLite file beside the archive (``<db>.crawl.sqlite``; for a PostgreSQL
archive under ``~/.cache/partytext/``). Each change is its own transaction, and an article
is marked stored only after the archive has it, so a run killed at any point loses
nothing: re-running continues, and stored articles are never fetched again.
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

from ..errors import ExtractionError, FetchError, PartytextError, RobotsDisallowedError, UsageError
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


def seeds(target: str, fetcher: Fetcher) -> tuple[list[Link], SiteProfile | None]:
    """The first URLs of a crawl: a site profile's start pages, feeds and sitemaps, or for a
    URL the page itself; plus the Sitemap lines of robots.txt (or /sitemap.xml)."""
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
            maps = fetcher.sitemaps(root + "/")
        except PartytextError as exc:
            log.warning("robots.txt of %s: %s", root, exc)
            maps = []
        links += [Link(u, "sitemap") for u in (maps or [root + "/sitemap.xml"])]
    return links, profile


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
    """
    for name, value in (("since", since), ("until", until)):
        if value is not None and (len(value) != 10 or value[4] != "-" or value[7] != "-"):
            raise UsageError(f"--{name} wants a date as YYYY-MM-DD, got {value!r}")
    if max_pages is not None and max_pages < 1:
        raise UsageError("--max must be at least 1")
    arc, owned = _open_archive(archive)
    state = CrawlState(state_path or state_path_for(archive))
    make_record = record or _default_record
    if fetcher is None:
        hosts = None
        if target in SITES:
            hosts = {h for h in get_profile(target).hosts} | {"www." + h for h in get_profile(target).hosts}
        else:
            host = (urlsplit(target).hostname or "").lower()
            hosts = {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        fetcher = Fetcher(delay=delay, cache_dir=cache_dir, allowed_hosts=hosts)
        own_fetcher = True
    else:
        own_fetcher = False
    warc = None
    if raw_dir is not None:
        from .warc import WarcWriter

        warc = WarcWriter(raw_dir)
    counts = {"stored": 0, "already": 0, "skipped": 0, "failed": 0, "fetched": 0}
    try:
        state.refresh()
        links, profile = seeds(target, fetcher)
        for link in links:
            state.add(link, 0)
        listings = 0
        while (item := state.next()) is not None:
            url, kind, depth, known_date = item
            if kind in ("page", "article"):
                if not _in_range(date_part(known_date), since, until):
                    state.set(url, "skipped", reason="dated outside --since/--until")
                    counts["skipped"] += 1
                    continue
                if arc.has_url(url) or state.key_stored(profile.key_for(url) if profile else None):
                    state.set(url, "stored", reason="already in the archive")
                    counts["already"] += 1
                    continue
            elif kind == "listing":
                listings += 1
                if listings > MAX_LISTING_PAGES:
                    state.set(url, "skipped", reason=f"over {MAX_LISTING_PAGES} listing pages this run")
                    continue
            try:
                page = fetcher.get(url)
            except RobotsDisallowedError as exc:
                log.info("%s skipped: %s", url, exc)
                state.set(url, "skipped", reason=str(exc))
                counts["skipped"] += 1
                continue
            except FetchError as exc:
                log.warning("%s not fetched (a later run tries again): %s", url, exc)
                state.set(url, "failed", reason=str(exc))
                counts["failed"] += 1
                continue
            counts["fetched"] += 1
            if warc is not None and not page.from_cache:
                warc.write(page.url, page.status, page.headers, page.content)
            doc = document_kind(page.content, page.content_type)
            if doc == "sitemap":
                for link in parse_sitemap(page.content, page.url):
                    if not same_host(link.url, page.url):
                        continue
                    if link.kind == "page" and profile is not None and profile.is_article_url(link.url):
                        link = Link(link.url, "article", link.date)
                    # a page not modified since --since cannot have been published after it
                    old = link.kind != "sitemap" and since and link.date and date_part(link.date) < since
                    state.add(link, depth, skip="sitemap lastmod before --since" if old else None)
                state.set(url, "fetched")
                continue
            if doc == "feed":
                for link in parse_feed(page.content, page.url):
                    if same_host(link.url, page.url):
                        outside = not _in_range(date_part(link.date), since, until)
                        state.add(link, depth, skip="feed date outside --since/--until" if outside else None)
                state.set(url, "fetched")
                continue
            try:
                html = decode_html(page.content, content_type=page.content_type, where=page.url).text
            except PartytextError as exc:
                log.warning("%s not decoded: %s", url, exc)
                state.set(url, "failed", reason=str(exc))
                counts["failed"] += 1
                continue
            is_article = kind != "listing" and looks_like_article(html, url=page.url)
            if not is_article:
                found = page_links(html, page.url)
                for feed in found.feeds:
                    if same_host(feed, page.url):
                        state.add(Link(feed, "feed"), depth)
                for nxt in found.pagination:
                    state.add(Link(nxt, "listing"), depth)
                if depth + 1 <= max_depth:
                    for link in found.links:
                        if profile is not None and not profile.is_article_url(link):
                            state.add(Link(link, "listing"), depth + 1)
                        else:
                            state.add(Link(link, "page"), depth + 1)
                state.set(url, "fetched", reason="listing page")
                continue
            outcome = _store(page, html, url, state, arc, profile, since, until, make_record)
            counts[outcome] += 1
            if outcome == "stored" and max_pages is not None and counts["stored"] >= max_pages:
                log.info("--max %d reached", max_pages)
                break
    finally:
        if warc is not None:
            warc.close()
        if own_fetcher:
            fetcher.close()
        state.close()
        if owned:
            arc.close()
    return CrawlReport(target=target, stored=counts["stored"], already_stored=counts["already"],
                       skipped=counts["skipped"], failed=counts["failed"], fetched=counts["fetched"],
                       not_modified=fetcher.stats.not_modified, robots_blocked=fetcher.stats.robots_blocked,
                       state_path=state.path, raw_path=str(warc.path) if warc is not None else None)


def _store(page, html: str, url: str, state: CrawlState, arc: Any, profile: SiteProfile | None,
           since: str | None, until: str | None, make_record: Callable[[Article], Record]) -> str:
    """Extract and store one article page; returns the counter to bump."""
    try:
        article = article_from_html(html, url=page.url, headers=page.headers)
    except ExtractionError as exc:
        log.info("%s skipped: %s", url, exc)
        state.set(url, "skipped", reason=str(exc))
        return "skipped"
    if not _in_range(date_part(article.published), since, until):
        state.set(url, "skipped", reason=f"published {article.published}, outside --since/--until")
        return "skipped"
    key = profile.key_for(article.url or url) if profile else None
    if arc.has_url(article.url) or state.key_stored(key):
        state.set(url, "stored", reason="same article as one already stored", article_url=article.url)
        return "already"
    state.set(url, "fetched", article_url=article.url, article_key=key)
    arc.add(make_record(article))
    state.set(url, "stored", article_url=article.url, article_key=key, article_id=article.id)
    return "stored"


def reextract(raw_dir: str | Path, *, archive: Any, record: Callable[[Article], Record] | None = None) -> int:
    """Re-extract every article page kept in the WARC files of ``raw_dir`` into ``archive``
    (after a profile or the extractor improved); returns the number of articles stored."""
    from .warc import iter_raw

    arc, owned = _open_archive(archive)
    make_record = record or _default_record
    stored = 0
    try:
        for url, headers, body in iter_raw(raw_dir):
            if document_kind(body, headers.get("content-type", "")) != "html":
                continue
            try:
                html = decode_html(body, content_type=headers.get("content-type"), where=url).text
                if not looks_like_article(html, url=url):
                    continue
                article = article_from_html(html, url=url, headers=headers)
            except PartytextError as exc:
                log.info("%s: %s", url, exc)
                continue
            arc.add(make_record(article))
            stored += 1
    finally:
        if owned:
            arc.close()
    return stored
