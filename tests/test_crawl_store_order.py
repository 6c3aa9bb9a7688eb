"""Store, then mark: the archive may be another database (PostgreSQL), so a URL cannot become
``stored`` in the same transaction as its record. The record is written first, as an upsert
by article id, and the URL marked after. A crash between the two leaves the URL
``extracting``; the next run finds the article in the archive, marks it, and stores nothing
twice. Tried on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from partytext.archive import open_archive
from partytext.crawl import CrawlState, crawl
from partytext.records import Record

from pg_server import postgres_server, postgres_url  # noqa: F401
from test_crawl_site import ARTICLES, Site

VICTIM = "/tin/bai-2.html"


class Killed(BaseException):
    """Stands for a SIGKILL: nothing after it runs (BaseException: no handler catches it)."""


class DiesAfterWriting:
    """An archive that writes the victim's record, then 'dies' before the crawl marks it."""

    def __init__(self, arc, victim: str) -> None:
        self.arc, self.victim = arc, victim

    def has_url(self, url):
        return self.arc.has_url(url)

    def add(self, record):
        self.arc.add(record)
        if record.article.url == self.victim:
            raise Killed()


def plain(article):
    return Record(article=article, source=article.url)


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "party.db")
    return request.getfixturevalue("postgres_url")


def test_crash_between_the_archive_write_and_the_mark_stores_nothing_twice(archive_url, tmp_path):
    site = Site()
    state_path = tmp_path / "crawl.sqlite"
    victim = site.base + VICTIM
    try:
        with open_archive(archive_url) as arc:
            with pytest.raises(Killed):
                crawl(site.base + "/", archive=DiesAfterWriting(arc, victim), state_path=state_path, delay=0,
                      record=plain)
        state = CrawlState(state_path)
        try:
            assert state.get(victim)["state"] == "extracting"  # in the archive, not yet marked
        finally:
            state.close()
        site.log.clear()
        report = crawl(site.base + "/", archive=archive_url, state_path=state_path, delay=0, record=plain)
        assert VICTIM not in site.log  # found in the archive: not fetched again
        with open_archive(archive_url) as arc:
            urls = [r.article.url for r in arc.iter_records()]
        assert sorted(urls) == sorted(f"{site.base}/tin/{a[0]}.html" for a in ARTICLES)  # each once
        assert report.already_stored >= 1
        state = CrawlState(state_path)
        try:
            assert state.get(victim)["state"] == "stored"
        finally:
            state.close()
    finally:
        site.close()
