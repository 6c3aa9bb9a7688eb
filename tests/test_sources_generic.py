"""The generic extractor and its Vietnamese boilerplate layer on a page nobody configured."""

from __future__ import annotations

import pytest

from partytext.errors import ExtractionError
from partytext.sources import article_from_html
from partytext.sources.html import looks_like_article

from test_crawl_site import ARTICLES, BOILERPLATE, article_page, listing_page

BODY = ["Đoạn một của bài viết về công tác xây dựng Đảng ở cơ sở, với đủ chữ để là một đoạn văn.",
        "Đoạn hai nói về kết quả kết nạp đảng viên mới trong năm và các chỉ tiêu đã hoàn thành.",
        "Đoạn ba nêu nhiệm vụ thời gian tới của cấp ủy đối với các chi bộ trực thuộc."]


@pytest.mark.parametrize("byline,author", [("Tin, ảnh: HOÀNG NGỌC", "HOÀNG NGỌC"), ("Theo TTXVN", "TTXVN"),
                                           ("NGUYỄN VĂN AN", "NGUYỄN VĂN AN"), ("Bài và ảnh: Lê Hà", "Lê Hà")])
def test_fields_and_no_boilerplate(byline, author):
    html = article_page("x", "Tiêu đề bài viết", "Đây là sapo của bài viết, đủ dài để là một đoạn dẫn.",
                        BODY, "Thứ Tư, 12/07/2023 - 17:02", byline)
    a = article_from_html(html, url="http://127.0.0.1/tin/x.html")
    assert a.title == "Tiêu đề bài viết"
    assert a.lead == "Đây là sapo của bài viết, đủ dài để là một đoạn dẫn."
    assert a.published == "2023-07-12T17:02:00+07:00"  # not the top bar's 28/11/2026, not the sidebar's 2020
    assert a.author == author
    assert a.text == "\n\n".join(["Tiêu đề bài viết", a.lead, *BODY])
    for junk in BOILERPLATE:
        assert junk not in a.text


def test_related_block_inside_a_div_in_the_middle_keeps_the_text_after_it():
    html = f"""<html><body><article><h1>Tiêu đề</h1><p>{BODY[0]}</p>
    <div><strong>Các tin khác</strong><ul><li><a href="/a">Tin A</a></li><li><a href="/b">Tin B</a></li></ul></div>
    <p>{BODY[1]}</p><p>{BODY[2]}</p></article></body></html>"""
    a = article_from_html(html)
    assert a.text == "\n\n".join(["Tiêu đề", *BODY])


def test_metadata_date_comes_before_the_date_line():
    html = f"""<html><head><meta property="article:published_time" content="2024-02-03T01:00:00Z"></head>
    <body><h1>Tiêu đề</h1><span class="date">05/06/2024</span><p>{BODY[0]}</p><p>{BODY[1]}</p></body></html>"""
    assert article_from_html(html).published == "2024-02-03T08:00:00+07:00"


def test_listing_and_tag_pages_are_not_articles():
    listing = listing_page("Chuyên mục", [f"/tin/{a[0]}.html" for a in ARTICLES])
    assert not looks_like_article(listing, url="http://127.0.0.1/chuyen-muc")
    slug, title, lead, body, date, byline, _ = ARTICLES[0]
    assert looks_like_article(article_page(slug, title, lead, body, date, byline), url="http://127.0.0.1/tin/a.html")


def test_empty_page_raises_extraction_error():
    with pytest.raises(ExtractionError):
        article_from_html("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>", url="http://x/")


def test_inline_links_keep_their_words_whatever_their_class():
    """Issue 14: `<a class="cms-relate">` and `<a class="tag-link">` inside a sentence are words
    of the sentence; a furniture class on a block (share bar, tag list) still removes it."""
    sentences = ['Đi cùng đoàn có Phó <a class="cms-relate" href="/t">Chủ tịch UBND TP.HCM</a>, cùng lãnh đạo '
                 'các sở ngành trên địa bàn thành phố.',
                 'Mưa lớn sẽ ảnh hưởng đến <a class="tag-link" href="/d">TP. Đà Nẵng</a> từ ngày 3/11 theo bản tin '
                 'của <span class="keyword">Trung tâm Dự báo</span>, kèm <strong>Facebook</strong> của đài.',
                 'Theo <b class="tags">Ban Tổ chức</b> Tỉnh ủy, năm nay kết nạp hơn 2.000 đảng viên mới.']
    html = ("<html><body><article><h1>Tiêu đề bài viết về mưa lũ</h1>"
            + "".join(f"<p>{s}</p>" for s in sentences)
            + '<div class="share"><span class="share">Chia sẻ</span></div>'
            + '<div class="tags"><a href="/tag/a">mưa lũ</a> <a href="/tag/b">Đà Nẵng</a></div></article></body></html>')
    a = article_from_html(html, url="http://127.0.0.1/tin/mua-lu.html")
    assert "Phó Chủ tịch UBND TP.HCM, cùng lãnh đạo" in a.text
    assert "ảnh hưởng đến TP. Đà Nẵng từ ngày 3/11" in a.text
    assert "của Trung tâm Dự báo, kèm Facebook của đài." in a.text
    assert "Theo Ban Tổ chức Tỉnh ủy" in a.text
    assert "Chia sẻ" not in a.text and "mưa lũ Đà Nẵng" not in a.text
