"""The facts page: table, CSV, JSON and the SVG map, through the app (TestClient) and in
headless Chromium like tests/test_web_browser.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path, live_server

import partytext as pt
from partytext.web import create_app

TEXTS = (
    "Năm 2017, Đảng bộ tỉnh Yên Bái có 60.000 đảng viên.",
    "Năm 2017, Đảng bộ tỉnh Lào Cai có 55.000 đảng viên.",
    "Năm 2025, Đảng bộ tỉnh Lào Cai có 120.000 đảng viên.",
    "Gia Lai <script>alert(1)</script>\n\nNăm 2018, Đảng bộ tỉnh Gia Lai có 50.000 đảng viên.",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    from partytext.archive import open_archive

    path = tmp_path_factory.mktemp("webfacts") / "facts.db"
    with open_archive(str(path)) as arc:
        arc.add_many([pt.extract(t) for t in TEXTS])
    return path


@pytest.fixture(scope="module")
def client(db):
    app = create_app(db)
    yield TestClient(app)
    app.state.archive.close()


def test_page_table_and_map_on_both_maps(client):
    r = client.get("/facts")
    assert r.status_code == 200
    assert "115.000" in r.text and "Lào Cai 55.000 + Yên Bái 60.000" in r.text
    assert r.text.count('class="marker') == 34 and 'data-admin="2025"' in r.text
    legacy = client.get("/facts?admin=legacy&period=2017")
    assert legacy.text.count('class="marker') == 63
    assert 'data-province="Yên Bái" data-value="60000"' in legacy.text
    assert "cdn" not in r.text.lower() and "<script>alert" not in r.text


def test_csv_download_matches_the_table(client):
    r = client.get("/facts.csv?admin=legacy")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    got = {(row["province"], row["year"]): row["value"] for row in rows}
    assert got == {("Gia Lai", "2018"): "50000", ("Lào Cai", "2017"): "55000", ("Lào Cai", "2025"): "120000",
                   ("Yên Bái", "2017"): "60000"}


def test_api_and_bad_input(client):
    rows = client.get("/api/facts?province=L%C3%A0o%20Cai").json()["rows"]
    assert [(r["year"], r["value"]) for r in rows] == [("2017", 115000), ("2025", 120000)]
    bad = client.get("/api/facts?province=Atlantis")
    assert bad.status_code == 400 and "Unknown province" in bad.json()["error"]
    page = client.get("/facts?province=%3Cb%3EAtlantis")
    assert page.status_code == 400 and "<b>Atlantis" not in page.text


@pytest.fixture(scope="module")
def server(db):
    with live_server(create_app(db)) as base:
        yield base


def test_facts_page_in_chromium(server):
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN").new_page()
        page.set_default_timeout(20_000)
        outside: list[str] = []
        page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                                          else (outside.append(route.request.url), route.abort())))
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(server + "/")
        page.click("a[href='/facts']")
        page.wait_for_selector("#facts-table tbody tr")
        assert "115.000" in page.inner_text("#facts-table")
        assert page.locator("#facts-map circle.marker").count() == 34
        box = page.locator("#facts-map").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 300  # drawn, not an empty element
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "web_facts_2025.png"), full_page=True)

        page.click("#admin-legacy")
        page.wait_for_selector("#facts-map[data-admin='legacy']")
        assert page.locator("#facts-map circle.marker").count() == 63
        assert "Yên Bái" in page.inner_text("#facts-table")
        page.click("#map-caption a:has-text('2017')")
        page.wait_for_selector("#facts-map circle[data-province='Yên Bái'].has-value")
        page.screenshot(path=str(ARTIFACTS / "web_facts_legacy.png"), full_page=True)

        page.click("#facts-table th:nth-child(3)")
        values = [float(v) for v in page.locator("#facts-table tbody td:nth-child(3)").evaluate_all(
            "cells => cells.map(c => c.dataset.sort)")]
        assert values == sorted(values)

        with page.expect_download() as dl:
            page.click("#facts-csv")
        text = Path(dl.value.path()).read_text(encoding="utf-8")
        assert text.startswith("province,year,metric,value") and "Yên Bái,2017,party_members,60000" in text
        assert dialogs == [] and outside == []
        browser.close()
