"""Hypothesis over the HTML extractors (``sources.article_from_html``): generated pages and
garbled copies of the saved site pages (cut, spliced, tags dropped or repeated, bytes
flipped), with and without a site profile's URL. Nothing raises but ExtractionError (no
article) and EncodingError (legacy encodings); every article is NFC and starts with its
title, and the records extracted from it keep valid offsets."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partytext.errors import EncodingError, ExtractionError
from partytext.pipeline import extract
from partytext.sources import article_from_html
from partytext.sources.html import looks_like_article

SITES = Path(__file__).resolve().parent.parent / "corpora" / "sites"
SAVED = sorted(SITES.glob("*/article.html"))
URLS = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["url"] for p in SAVED]
OTHER_URLS = [None, "https://example.com/tin/a.html", "http://127.0.0.1/x", "javascript:alert(1)", "not a url",
              "https://nhandan.vn/", "file:///etc/passwd", "https://xn--80ak6aa92e.com/%00%ff"]

TEXT = st.sampled_from(["Đảng bộ xã kết nạp 25 đảng viên.", "Toàn Đảng bộ có 320 đảng viên", "Một là,", "–",
                        "ngày 25/7/2016", "Nghị quyết số 21-NQ/TW", "&nbsp;", "&#x110;ảng", "&#0;", "&#xD800;",
                        "&amp;lt;script&amp;gt;", "\u0301", "\x00", "\ufeff", "<!-- x -->", "<![CDATA[ y ]]>",
                        "Thứ Tư, 12/07/2023 - 17:02", "Tin, ảnh: HOÀNG NGỌC", "😀"]) | st.text(max_size=12)
TAGS = ["p", "div", "h1", "h2", "article", "section", "span", "a", "li", "ul", "table", "tr", "td", "script",
        "style", "nav", "footer", "aside", "figure", "figcaption", "strong", "em", "br", "img", "time", "header"]
ATTRS = st.sampled_from(["", ' class="content"', ' class="article-content"', ' class="sapo"', ' class="title"',
                         ' class="time"', ' id="main"', ' href="/tin/a.html"', ' href="javascript:x"',
                         ' datetime="2023-07-12T17:02:00+07:00"', ' itemprop="articleBody"', ' class="author"'])
HEADS = st.sampled_from([
    "", '<meta charset="utf-8">', '<meta charset="windows-1258">', '<meta charset="tcvn3">',
    '<meta property="og:type" content="article">', '<meta property="article:published_time" content="hôm qua">',
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":[1,2],"datePublished":"2023-13-45"}</script>',
    '<script type="application/ld+json">{broken</script>', '<link rel="canonical" href="javascript:alert(1)">',
    '<title>Tiêu đề &amp; &lt;b&gt;</title>', '<base href="http://evil.example/">'])


@st.composite
def elements(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    if depth > 3:
        children = draw(st.lists(TEXT, max_size=3))
    else:
        children = draw(st.lists(st.one_of(TEXT, elements(depth=depth + 1)), max_size=4))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>", "</div></div>"]))
    return f"<{tag}{draw(ATTRS)}>" + "".join(children) + close


PAGES = st.builds(lambda head, body: f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>",
                  st.lists(HEADS, max_size=3).map("".join), st.lists(elements(), max_size=6).map("".join))


def check(html, url) -> None:
    try:
        article = article_from_html(html, url=url)
    except (ExtractionError, EncodingError):
        return
    assert unicodedata.is_normalized("NFC", article.text)
    if article.title:
        assert article.text.startswith(article.title)
    if article.lead:
        assert article.lead in article.text
    record = extract(article, source=url)
    record.check_offsets()
    json.loads(record.to_json())


def check_listing(html, url) -> None:
    assert looks_like_article(html if isinstance(html, str) else html.decode("utf-8", "replace"), url=url) in (True, False)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PAGES, st.sampled_from(URLS + OTHER_URLS))
@example("<html><body><h1>T</h1><p>" + "Đảng bộ có 5 chi bộ. " * 20 + "</p>", None)
@example("", None)
@example("<", "https://nhandan.vn/x-post1.html")
def test_generated_pages(html, url):
    check(html, url)
    check_listing(html, url)


@st.composite
def garbled(draw):
    i = draw(st.integers(0, len(SAVED) - 1))
    data = bytearray(SAVED[i].read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "drop", "repeat", "flip", "insert", "truncate"]))
        a = draw(st.integers(0, len(data)))
        b = min(len(data), a + draw(st.integers(0, 400)))
        if op == "cut":
            del data[a:b]
        elif op == "drop":  # drop every occurrence of one closing tag
            tag = draw(st.sampled_from([b"</p>", b"</div>", b"</h1>", b"</article>", b">"]))
            data = bytearray(bytes(data).replace(tag, b""))
        elif op == "repeat":
            data[a:a] = data[a:b] * 3
        elif op == "flip":
            for k in range(a, b, 7):
                data[k] ^= 0x80
        elif op == "insert":
            data[a:a] = draw(st.sampled_from([b"<p>", b"<script>", b"<!--", b"\x00", b"\xff\xfe", b"<h1>X</h1>",
                                              b"&#xD800;", "\u0301".encode(), b"<![CDATA[", b"<meta charset=tcvn3>"]))
        else:
            del data[a:]
    url = draw(st.sampled_from([URLS[i], None, "https://example.com/a.html"]))
    return bytes(data), url


@pytest.mark.skipif(not SAVED, reason="corpora/sites is part of the repository; it must not be missing")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(garbled())
def test_garbled_saved_pages(case):
    html, url = case
    check(html, url)
    check_listing(html, url)


def test_the_saved_pages_are_there():
    assert len(SAVED) >= 6
