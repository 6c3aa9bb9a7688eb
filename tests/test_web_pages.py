"""The HTML pages: search, article, figures; escaping of every article-derived text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_archive import FILLER, FILLER_WORD, SCRIPT_TITLE, web_archive_path

from partytext.archive import open_archive
from partytext.web import create_app
from partytext.web.pages import PAGE_SIZE

STATIC = Path(__file__).resolve().parent.parent / "src" / "partytext" / "web" / "static"


class Page(HTMLParser):
    """Tags, attributes and text of a page; ``text_of(id)`` is the text inside an element."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "line", "rect"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in self.VOID:
            return
        self._open.append((tag, a.get("id")))
        if a.get("id"):
            self.texts.setdefault(a["id"], [])

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _, ident in self._open:
            if ident:
                self.texts[ident].append(data)

    def text_of(self, ident: str) -> str:
        return "".join(self.texts[ident])

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def assert_no_injection(html: str) -> Page:
    """Only our own script tag, no event-handler attributes, no injected elements."""
    page = Page(html)
    scripts = [a for t, a in page.tags if t == "script"]
    assert scripts == [{"src": "/static/app.js", "defer": None}], scripts
    for tag, attrs in page.tags:
        assert tag != "img", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), (tag, attrs)
    return page


@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    return web_archive_path(tmp_path_factory)


@pytest.fixture(scope="module")
def client(web_db):
    app = create_app(web_db[0])
    with TestClient(app) as c:
        yield c
    app.state.archive.close()


def test_home_page_has_the_search_box_and_filters(client):
    r = client.get("/")
    assert r.status_code == 200
    page = assert_no_injection(r.text)
    assert page.find("input", name="q")
    for name in ("site", "from", "to"):
        assert page.find("input", name=name), name
    assert page.find("select", name="province") and page.find("option", value="Gia Lai")
    assert "Tìm kiếm" in r.text and f"<strong>{4 + FILLER}</strong> bài viết" in r.text


def test_query_without_diacritics_finds_articles_on_the_page(client, web_db):
    _, ids = web_db
    r = client.get("/search", params={"q": "dang vien"})
    page = assert_no_injection(r.text)
    assert "Kết quả:" in page.text_of("total") and "2" in page.text_of("total")
    links = [a["href"] for a in page.find("a") if (a.get("href") or "").startswith("/articles/")]
    assert {link.split("?")[0] for link in links} == {f"/articles/{ids['script']}", f"/articles/{ids['attr']}"}
    hits = page.text_of("hits")
    assert SCRIPT_TITLE in hits  # shown as text...
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text  # ...because it was escaped
    assert re.search(r"<mark>[Đđ]ảng</mark>", r.text)
    assert page.find("figure", id="trend") and "<svg" in r.text


@pytest.mark.parametrize("q", ["<script>alert(1)</script>", '"><script>alert(1)</script>', "đảng <img src=x onerror=alert(1)>",
                               "</title><script>alert(1)</script>"])
def test_queries_are_escaped_when_reflected(client, q):
    r = client.get("/search", params={"q": q})
    page = assert_no_injection(r.text)
    assert page.find("input", name="q")[0]["value"] == q


def test_bad_query_is_a_message_in_the_page(client):
    r = client.get("/search", params={"q": '"tổ chức'})
    assert r.status_code == 400
    page = Page(r.text)
    assert "quotes" in page.text_of("error") and page.find("input", name="q")
    r = client.get("/search", params={"q": "đảng", "province": "Atlantis"})
    assert r.status_code == 400 and "Atlantis" in Page(r.text).text_of("error")


def test_pagination(client):
    q = f'"{FILLER_WORD}"'
    first = Page(client.get("/search", params={"q": q}).text)
    assert str(FILLER) in first.text_of("total")
    assert len([a for t, a in first.tags if t == "li" and a.get("class") == "hit"]) == PAGE_SIZE
    nxt = first.find("a", rel="next")[0]["href"]
    assert "page=2" in nxt
    second = Page(client.get(nxt).text)
    assert len([a for t, a in second.tags if t == "li" and a.get("class") == "hit"]) == FILLER - PAGE_SIZE
    assert second.find("a", rel="prev") and not second.find("a", rel="next")
    for page in ("abc", "-3", "999999"):
        assert client.get("/search", params={"q": q, "page": page}).status_code == 200


def test_filters_on_the_page(client, web_db):
    _, ids = web_db
    page = Page(client.get("/search", params={"q": "dang", "site": "nhandan"}).text)
    links = {a["href"].split("?")[0] for a in page.find("a") if (a.get("href") or "").startswith("/articles/")}
    assert links == {f"/articles/{ids['old_tone']}"}
    assert page.find("input", name="site")[0]["value"] == "nhandan"


def test_article_title_with_script_shows_as_text(client, web_db):
    db, ids = web_db
    r = client.get(f"/articles/{ids['script']}")
    assert r.status_code == 200
    page = assert_no_injection(r.text)
    assert page.text_of("title") == SCRIPT_TITLE


def test_article_marks_every_item_in_place(client, web_db):
    db, ids = web_db
    with open_archive(db) as arc:
        record = arc.get(ids["script"])
    page = assert_no_injection(client.get(f"/articles/{ids['script']}").text)
    text = record.article.text
    # title + body rebuild the text exactly: marking changes no character
    assert text.startswith(page.text_of("title"))
    assert text.endswith(page.text_of("text"))
    assert text[len(page.text_of("title")):].strip("\n") == page.text_of("text")
    for i, fig in enumerate(record.figures):
        assert page.text_of(f"fig-{i}") == fig.text
    spans = {a["class"]: a for t, a in page.tags if t == "span" and a.get("class", "").startswith("ann ")}
    assert {"ann ann-figure", "ann ann-reference", "ann ann-date"} <= set(spans)
    rows = [a for t, a in page.tags if t == "tr"]
    assert len(rows) == len(record.figures) + 1  # header row + one per figure
    assert "5.000" in page.text_of("figures") and "125%" in page.text_of("figures")


def test_article_points_are_a_list(client, web_db):
    db, ids = web_db
    with open_archive(db) as arc:
        record = arc.get(ids["points"])
    html = client.get(f"/articles/{ids['points']}").text
    page = assert_no_injection(html)
    assert [a.get("value") for t, a in page.tags if t == "li" and "value" in a] == [str(p.ordinal) for p in record.points]
    for i, p in enumerate(record.points):
        assert page.text_of(f"point-{i}") == p.text


def test_unsafe_urls_and_attribute_breaking_titles(client, web_db):
    _, ids = web_db
    html = client.get(f"/articles/{ids['old_tone']}").text
    assert_no_injection(html)
    assert "javascript:alert(2)" in Page(html).text_of("source")  # shown as text, not linked
    html = client.get(f"/articles/{ids['attr']}").text
    page = assert_no_injection(html)
    assert page.text_of("title").startswith('Chi bộ thôn "><img src=x onerror=alert(3)>')
    linked = Page(client.get(f"/articles/{ids['script']}").text)
    assert linked.find("a", href="https://baogialai.com.vn/ket-nap-25-dang-vien.html")


def test_back_link_only_to_search(client, web_db):
    _, ids = web_db
    ok = Page(client.get(f"/articles/{ids['script']}", params={"back": "/search?q=dang"}).text)
    assert ok.find("a", href="/search?q=dang")
    evil = client.get(f"/articles/{ids['script']}", params={"back": "https://evil.example/"}).text
    assert "evil.example" not in evil


def test_unknown_article_page_is_404_html(client):
    r = client.get("/articles/ffffffffffffffff")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "ffffffffffffffff" in r.text


def test_figures_page_table_filters_and_csv_link(client, web_db):
    _, ids = web_db
    page = assert_no_injection(client.get("/figures").text)
    table_rows = [a for t, a in page.tags if t == "tr"]
    assert len(table_rows) > 8
    assert page.find("table", id="figure-table")[0]["class"] == "data sortable"
    page = Page(client.get("/figures", params={"unit": "đồng", "kind": "money"}).text)
    assert len([a for t, a in page.tags if t == "tr"]) == 2  # header + the one money figure
    assert "2.300.000.000" in page.text_of("figure-table")
    csv_link = page.find("a", id="csv")[0]["href"]
    assert csv_link.startswith("/api/figures.csv?") and "kind=money" in csv_link
    assert client.get(csv_link).text.count("\n") == 2
    bad = client.get("/figures", params={"from": "2024-99"})
    assert bad.status_code == 400 and "2024-99" in Page(bad.text).text_of("error")


def test_pages_need_no_network(client, web_db):
    _, ids = web_db
    for url in ("/", "/search?q=dang+vien", f"/articles/{ids['script']}", "/figures", "/docs"):
        page = Page(client.get(url).text)
        for tag, attrs in page.tags:
            if "src" in attrs or tag == "link":
                assert (attrs.get("src") or attrs.get("href") or "").startswith("/static/"), (url, tag, attrs)
    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "@import" not in text, path.name
        assert client.get(f"/static/{path.name}").status_code == 200
