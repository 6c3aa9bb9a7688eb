"""The JSON API, through FastAPI's test client over a real SQLite archive."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from web_archive import FILLER, FILLER_WORD, SCRIPT_TITLE, web_archive_path

from partytext.archive import open_archive
from partytext.cli import main as cli_main
from partytext.errors import ArchiveError
from partytext.records import Record
from partytext.web import create_app
from partytext.web.reader import MAX_FIGURE_LIMIT, MAX_LIMIT, MAX_OFFSET


@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    return web_archive_path(tmp_path_factory)


@pytest.fixture(scope="module")
def client(web_db):
    app = create_app(web_db[0])
    with TestClient(app) as c:
        yield c
    app.state.archive.close()


def test_search_without_diacritics_finds_the_articles(client, web_db):
    _, ids = web_db
    data = client.get("/api/search", params={"q": "dang vien"}).json()
    found = {h["id"] for h in data["hits"]}
    assert {ids["script"], ids["attr"]} <= found
    assert data["total"] == len(data["hits"]) == 2
    script_hit = next(h for h in data["hits"] if h["id"] == ids["script"])
    assert script_hit["title"] == SCRIPT_TITLE  # JSON keeps the text as written; escaping is the page's job
    assert "«đảng viên»" in script_hit["snippet"] or "«đảng» «viên»" in script_hit["snippet"]


def test_hits_are_those_of_the_cli_jsonl(client, web_db, capsys):
    db, _ = web_db
    assert cli_main(["search", str(db), "dang vien", "--format", "jsonl"]) == 0
    cli_hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    api_hits = client.get("/api/search", params={"q": "dang vien"}).json()["hits"]
    assert api_hits == cli_hits


def test_filters_site_dates_province_and_sort(client, web_db):
    _, ids = web_db

    def total(**params):
        r = client.get("/api/search", params={"q": "đảng", **params})
        assert r.status_code == 200, r.text
        return {h["id"] for h in r.json()["hits"]}

    assert total(site="nhandan") == {ids["old_tone"]}
    assert total(**{"from": "2024-01", "to": "2024-02-10"}) == {ids["points"]}
    assert total(**{"to": "2022"}) == {ids["old_tone"]}
    assert total(province="Gia Lai") >= {ids["points"]}
    assert ids["old_tone"] not in total(province="Gia Lai")
    newest = client.get("/api/search", params={"q": "đảng", "sort": "newest"}).json()["hits"]
    dates = [h["published"] for h in newest]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/api/search", params={"q": "đảng", "sort": "relevance"}).status_code == 200


def test_paging_and_caps(client):
    q = {"q": f'"{FILLER_WORD}"'}
    first = client.get("/api/search", params={**q, "limit": 10}).json()
    second = client.get("/api/search", params={**q, "limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == FILLER
    assert len(first["hits"]) == len(second["hits"]) == 10
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert client.get("/api/search", params={**q, "limit": MAX_LIMIT}).status_code == 200
    for params in ({"limit": MAX_LIMIT + 1}, {"offset": MAX_OFFSET + 1}, {"limit": -1}, {"limit": "ten"}):
        r = client.get("/api/search", params={**q, **params})
        assert r.status_code == 422
        body = r.json()
        name = next(iter(params))
        assert name in body["error"], body


@pytest.mark.parametrize("params, words", [
    ({"q": '"unbalanced'}, "quotes"),
    ({"q": "a*"}, "*"),
    ({"q": "đảng", "from": "2024-13"}, "2024-13"),
    ({"q": "đảng", "province": "Atlantis"}, "Atlantis"),
    ({"q": "đảng", "sort": "oldest"}, "sort"),
    ({}, "q"),
])
def test_errors_are_json_with_a_message(client, params, words):
    r = client.get("/api/search", params=params)
    assert r.status_code in (400, 422)
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == r.status_code
    assert words in body["error"]


def test_article_is_the_stored_record(client, web_db):
    db, ids = web_db
    data = client.get(f"/api/articles/{ids['script']}").json()
    record = Record.from_dict(data)
    record.check_offsets()
    with open_archive(db) as arc:
        assert record == arc.get(ids["script"])
    assert data["schema"] == "partytext.record/2"
    assert [f["text"] for f in data["figures"]][-1] == "hơn 5.000 đảng viên"


def test_unknown_article_and_path_are_json_404(client):
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404 and "0000000000000000" in r.json()["error"]
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]


def test_figures_filters_and_paging(client, web_db):
    _, ids = web_db
    data = client.get("/api/figures", params={"unit": "dang vien"}).json()
    units = {f["unit"] for f in data["figures"]}
    assert units and all("đảng viên" in u for u in units)
    assert {f["article_id"] for f in data["figures"]} == {ids["script"], ids["attr"]}
    assert data["more"] is False
    money = client.get("/api/figures", params={"kind": "money"}).json()["figures"]
    assert [(f["value"], f["unit"]) for f in money] == [(2300000000, "đồng")]
    one = client.get("/api/figures", params={"limit": 1}).json()
    assert len(one["figures"]) == 1 and one["more"] is True
    nxt = client.get("/api/figures", params={"limit": 1, "offset": 1}).json()["figures"][0]
    assert (nxt["article_id"], nxt["start"]) != (one["figures"][0]["article_id"], one["figures"][0]["start"])
    assert client.get("/api/figures", params={"limit": MAX_FIGURE_LIMIT + 1}).status_code == 422
    assert client.get("/api/figures", params={"kind": "weight"}).status_code == 422
    assert client.get("/api/figures", params={"from": "May 2024"}).json()["status"] == 400


def test_figures_csv_streams_every_figure(client):
    everything = client.get("/api/figures", params={"limit": MAX_FIGURE_LIMIT}).json()["figures"]
    r = client.get("/api/figures.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(everything) > 5
    assert [row["text"] for row in rows] == [f["text"] for f in everything]
    assert any(row["title"] == SCRIPT_TITLE for row in rows)
    filtered = list(csv.DictReader(io.StringIO(client.get("/api/figures.csv", params={"kind": "percent"}).text)))
    assert [row["value"] for row in filtered] == ["125"]
    bad = client.get("/api/figures.csv", params={"to": "soon"})
    assert bad.status_code == 400 and "soon" in bad.json()["error"]


def test_trend_counts_dated_matches_per_period(client):
    q = f'"{FILLER_WORD}"'
    months = client.get("/api/trend", params={"q": q}).json()
    assert months["by"] == "month"
    assert sum(p["count"] for p in months["periods"]) == FILLER
    assert months["periods"][0] == {"period": "2020-01", "count": 1}
    years = client.get("/api/trend", params={"q": q, "by": "year"}).json()["periods"]
    assert years == [{"period": "2020", "count": 12}, {"period": "2021", "count": 12},
                     {"period": "2022", "count": 1}]
    assert client.get("/api/trend", params={"q": q, "by": "week"}).status_code == 422


def test_openapi_and_local_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/articles/{id}", "/api/figures", "/api/trend", "/api/figures.csv"):
        assert set(spec["paths"][path]) == {"get"}, path
    search_params = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search_params == {"q", "site", "from", "to", "province", "sort", "limit", "offset"}
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/trend" in page.text and "cdn" not in page.text.lower()


def test_read_only_every_route_is_get(client):
    for route in client.app.routes:
        methods = getattr(route, "methods", None)
        if methods is not None:
            assert methods <= {"GET", "HEAD"}, route.path
    for method in ("post", "put", "delete", "patch"):
        r = getattr(client, method)("/api/search", params={"q": "đảng"})
        assert r.status_code == 405
        assert "read-only" in r.json()["error"]


def test_security_headers(client):
    r = client.get("/api/search", params={"q": "đảng"})
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_missing_archive_is_an_error_not_a_new_file(tmp_path):
    with pytest.raises(ArchiveError, match="partytext index"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
