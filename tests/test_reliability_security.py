"""Security: user queries never reach SQL syntax (both backends), export writes only the file
asked for, the crawler follows only http(s) on the site's own host with capped redirects and
sizes, and web pages escape what the archive holds."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partytext.archive import export, open_archive
from partytext.crawl import crawl
from partytext.errors import FetchError, QueryError
from partytext.crawl.fetch import Fetcher
from partytext.records import Record
from partytext.sources.text import article_from_text

from pg_server import postgres_server, postgres_url  # noqa: F401
from test_crawl_site import Site

# A syllable that appears nowhere in partytext's SQL: if a statement ever contains it, the
# user's text has reached SQL syntax.
MARK = "zqxj"
HOSTILE = [
    f"{MARK}'; DROP TABLE articles; --",
    f"\"{MARK}'; DROP TABLE articles; --\"",
    f"{MARK}\" OR 1=1 --",
    f"\"{MARK}\" OR \"x') UNION SELECT sql FROM sqlite_master --\"",
    f"{MARK} NEAR({MARK} đảng)",
    f"{MARK}*",
    f"c:{MARK}",
    f"{{c f}}: {MARK}",
    f"^{MARK}",
    f"{MARK} AND NOT x",
    f"-{MARK} đảng",
    f"{MARK} & đảng | !viên <-> x",
    f"'{MARK}':* & x",
    f"{MARK}%_ đảng",
    f"{MARK}\\",
    f"{MARK}\x00đảng",
    f"\"{MARK} \u201d OR \u201c đảng\"",
    f"{MARK} ' \" ` ; -- /* */ ? ?1 :a @a $a",
]
TEXTS = {
    "a": "Đảng bộ xã\n\nĐảng bộ xã có 25 đảng viên. Hội nghị đã bàn cách DROP TABLE articles không thành.",
    "b": f"Chi bộ\n\nChi bộ có {MARK} và 9 đảng viên.",
    "c": "Huyện ủy\n\nHuyện ủy kiểm tra 12 tổ chức đảng.",
}


class SpyCursor:
    def __init__(self, cur, log):
        self._cur, self._log = cur, log

    def execute(self, sql, *a, **k):
        self._log.append(str(sql))
        return self._cur.execute(sql, *a, **k)

    def __iter__(self):
        return iter(self._cur)

    def __getattr__(self, name):
        return getattr(self._cur, name)


class SpyConnection:
    """A SQLite connection that records the SQL text of every statement (not its parameters)."""

    def __init__(self, conn, log):
        self._conn, self.log = conn, log

    def execute(self, sql, *a, **k):
        self.log.append(str(sql))
        return self._conn.execute(sql, *a, **k)

    def executemany(self, sql, *a, **k):
        self.log.append(str(sql))
        return self._conn.executemany(sql, *a, **k)

    def cursor(self, *a, **k):
        return SpyCursor(self._conn.cursor(*a, **k), self.log)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def spy_on(arc) -> list[str]:
    """Record the SQL text of every statement the archive runs: through its primitives
    (both backends; PostgreSQL streams on a connection of its own) and, for SQLite, on the
    connection itself."""
    log: list[str] = []
    for name in ("_execute", "_executemany", "_stream", "_raw"):
        method = getattr(arc, name, None)
        if method is not None:
            def wrapper(sql, *a, _method=method, **k):
                log.append(str(sql))
                return _method(sql, *a, **k)
            setattr(arc, name, wrapper)
    if arc.backend == "sqlite":
        arc._conn = SpyConnection(arc._conn, log)
    return log


def unspy(arc) -> None:
    for name in ("_execute", "_executemany", "_stream", "_raw"):
        arc.__dict__.pop(name, None) if hasattr(arc, "__dict__") else None
    if isinstance(getattr(arc, "_conn", None), SpyConnection):
        arc._conn = arc._conn._conn


@pytest.fixture(params=["sqlite", "postgresql"])
def spied(request, tmp_path):
    db = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    arc = open_archive(db)
    for name, text in TEXTS.items():
        arc.add(Record(article=article_from_text(text), source=name))
    log = spy_on(arc)
    yield arc, log
    unspy(arc)
    arc.close()


def run_everything(arc, text: str) -> None:
    """Every archive call that takes user text; QueryError is the only failure allowed."""
    for call in (lambda: arc.search(text, limit=5), lambda: arc.search(text, site=text, sort="relevance"),
                 lambda: arc.trend(text), lambda: list(arc.figures(unit=text)),
                 lambda: list(arc.figures(site=text, kind=text))):
        try:
            call()
        except QueryError:
            pass


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_reach_sql(spied, query):
    arc, log = spied
    run_everything(arc, query)
    assert log, "the spy saw no statement"
    leaked = [sql for sql in log if MARK in sql.lower()]
    assert not leaked, leaked
    assert arc.count() == len(TEXTS)
    assert sorted(r.source for r in arc.iter_records()) == sorted(TEXTS)


def test_a_quoted_hostile_phrase_is_just_words(spied):
    arc, _ = spied
    hits = arc.search('"DROP TABLE articles"').hits
    assert [h.source for h in hits] == ["a"]
    assert [h.source for h in arc.search(f"{MARK}'; DROP").hits] in ([], ["b"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30), st.text(max_size=30))
def test_any_query_text_stays_out_of_sql_sqlite(tmp_path_factory, before, after):
    db = tmp_path_factory.getbasetemp() / "fuzz.db"
    with open_archive(str(db)) as arc:
        if not arc.count():
            for name, text in TEXTS.items():
                arc.add(Record(article=article_from_text(text), source=name))
        log = spy_on(arc)
        try:
            run_everything(arc, before + MARK + after)
        finally:
            unspy(arc)
        assert not [sql for sql in log if MARK in sql.lower()]
        assert arc.count() == len(TEXTS)
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- export ----------------------------------------------------------------------------------

def test_export_writes_only_the_file_asked_for(tmp_path):
    db = tmp_path / "a.db"
    hostile = ["../../../../tmp/escaped.txt", "/etc/passwd", "..\\..\\win.ini", "a/../../b", "con", "x\x00y",
               "~/.bashrc", "file:///etc/passwd"]
    with open_archive(str(db)) as arc:
        for i, name in enumerate(hostile):
            art = article_from_text(f"{name}\n\nBài {i}: đảng bộ có {i + 2} chi bộ.")
            arc.add(Record(article=art, source=name))
    out = tmp_path / "out"
    out.mkdir()
    before = {p for p in tmp_path.parent.rglob("*")}
    for fmt, name in (("jsonl", "a.jsonl"), ("csv", "a.csv"), ("parquet", "a.parquet")):
        assert export(str(db), fmt, out / name) == len(hostile)
    after = {p for p in tmp_path.parent.rglob("*")}
    assert after - before == {out / "a.jsonl", out / "a.csv", out / "a.parquet"}


# -- the crawler -----------------------------------------------------------------------------

@pytest.fixture()
def two_sites():
    home, other = Site(), Site()
    yield home, other
    home.close()
    other.close()


def test_crawler_follows_only_http_on_its_own_host(two_sites, tmp_path):
    home, other = two_sites
    other_base = other.base.replace("127.0.0.1", "localhost")  # another host name, same machine
    links = [f"{other_base}/tin/bai-1.html", "file:///etc/passwd", "ftp://127.0.0.1/x.html", "javascript:alert(1)",
             "mailto:a@b.vn", "data:text/html,<p>x</p>", f"//localhost:{other.base.rsplit(':', 1)[1]}/tin/bai-2.html",
             "/redirect-away", "/redirect-file"]
    page = "".join(f'<li><h3><a href="{u}">Bài {i}</a></h3></li>' for i, u in enumerate(links))
    html = {"Content-Type": "text/html; charset=utf-8"}
    home.server.pages["/"] = (200, html, f"<html><body><ul>{page}</ul></body></html>".encode())
    home.server.pages["/redirect-away"] = (302, {"Location": f"{other_base}/tin/bai-3.html"}, b"")
    home.server.pages["/redirect-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    report = crawl(home.base + "/", archive=str(tmp_path / "a.db"), delay=0, cache_dir=tmp_path / "c",
                   record=lambda a: Record(article=a, source=a.url))
    assert other.log == []  # the other host was never asked anything
    assert report.stored >= 2  # the home site's own articles (from its sitemap) are still crawled
    with open_archive(str(tmp_path / "a.db")) as arc:
        assert all(r.article.url.startswith(home.base) for r in arc.iter_records())


def test_fetcher_refuses_other_schemes_and_hosts_and_caps_redirects_and_sizes(two_sites):
    home, other = two_sites
    assert Fetcher().max_redirects <= 10 and Fetcher().max_bytes <= 50_000_000
    f = Fetcher(delay=0, allowed_hosts={"127.0.0.1"}, max_redirects=3, max_bytes=10_000)
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/", "gopher://127.0.0.1/", "javascript:alert(1)"):
        with pytest.raises(FetchError, match="Only http"):
            f.get(url)
    with pytest.raises(FetchError, match="off the crawled site"):
        f.get(other.base.replace("127.0.0.1", "localhost") + "/")
    for i in range(6):
        home.server.pages[f"/r{i}"] = (302, {"Location": f"/r{i + 1}"}, b"")
    with pytest.raises(FetchError, match="redirects"):
        f.get(home.base + "/r0")
    assert "/r4" not in home.log  # stopped after max_redirects hops
    home.server.pages["/big"] = (200, {"Content-Type": "text/html"}, b"x" * 50_000)
    with pytest.raises(FetchError, match="cap"):
        f.get(home.base + "/big")
    assert other.log == []


# -- web pages -------------------------------------------------------------------------------

def test_web_pages_escape_archive_content_and_queries(tmp_path):
    from fastapi.testclient import TestClient

    from partytext.web import create_app

    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    db = tmp_path / "w.db"
    with open_archive(str(db)) as arc:
        rid = arc.add(Record(article=article_from_text(f"{evil} đảng\n\n{evil} Đảng bộ có 5 chi bộ."), source=evil))
    app = create_app(str(db))
    try:
        with TestClient(app) as client:
            for path in ("/search?q=đảng", f"/articles/{rid}", "/figures", f"/search?q={evil}",
                         f"/search?q=%22{evil}%22"):
                body = client.get(path).text
                assert "<script>alert" not in body and "<img src=x" not in body, path
    finally:
        app.state.archive.close()
