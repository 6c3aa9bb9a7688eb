"""The web app over a PostgreSQL archive answers like it does over SQLite."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pg_server import postgres_server, postgres_url  # noqa: F401
from web_archive import SCRIPT_TITLE, web_archive_path

from partytext.archive import open_archive
from partytext.web import create_app


@pytest.fixture
def clients(tmp_path_factory, postgres_url):  # noqa: F811
    db, ids = web_archive_path(tmp_path_factory)
    with open_archive(db) as src, open_archive(postgres_url) as dst:
        dst.add_many(src.iter_records())
    apps = [create_app(db), create_app(postgres_url)]
    try:
        yield [TestClient(app) for app in apps], ids
    finally:
        for app in apps:
            app.state.archive.close()


def test_api_and_page_agree_across_backends(clients):
    (lite, pg), ids = clients
    for params in ({"q": "dang vien"}, {"q": "đảng", "site": "baogialai"}, {"q": "đảng", "from": "2024"}):
        a = lite.get("/api/search", params=params).json()
        b = pg.get("/api/search", params=params).json()
        assert a["total"] == b["total"] > 0, params
        assert {h["id"] for h in a["hits"]} == {h["id"] for h in b["hits"]}
    assert lite.get(f"/api/articles/{ids['script']}").json() == pg.get(f"/api/articles/{ids['script']}").json()
    assert lite.get("/api/figures.csv").text == pg.get("/api/figures.csv").text
    assert lite.get("/api/trend", params={"q": "chi bo"}).json() == pg.get("/api/trend", params={"q": "chi bo"}).json()
    page = pg.get("/search", params={"q": "dang vien"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and SCRIPT_TITLE not in page
    assert pg.get(f"/articles/{ids['script']}").status_code == 200
