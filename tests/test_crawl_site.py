"""Done-when test: crawling a site nobody configured, served on 127.0.0.1.

The site has robots.txt (a Disallow the crawler must never request, a Crawl-delay and a
Sitemap line), a sitemap index with dated sitemaps, an RSS feed announced by
``<link rel=alternate>``, a paginated category listing, a tag page, and article pages
with boilerplate inside their content container, a lead, a byline, a "today" date in the
top bar, dated teasers in the sidebar, and one Windows-1258 page whose tone marks are
combining characters. The other crawl tests import :func:`serve_site` from here.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from email.utils import format_datetime
from datetime import datetime, timezone, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from partytext.crawl import crawl
from partytext.records import Record

VN = timezone(timedelta(hours=7))

# (slug, title, lead, body paragraphs, date line, byline, iso date)
ARTICLES = [
    ("bai-1", "Đảng bộ xã Ia Băng kết nạp 15 đảng viên mới",
     "Sáu tháng đầu năm 2023, Đảng bộ xã Ia Băng kết nạp 15 đảng viên mới, vượt 25% kế hoạch năm.",
     ["Theo Đảng ủy xã, toàn Đảng bộ hiện có 312 đảng viên sinh hoạt ở 18 chi bộ trực thuộc.",
      "Các chi bộ thôn làng chú trọng bồi dưỡng quần chúng ưu tú là đoàn viên thanh niên, dân quân.",
      "Thời gian tới, cấp ủy tiếp tục rà soát nguồn phát triển đảng viên ở các làng đồng bào dân tộc thiểu số."],
     "Thứ Tư, 12/07/2023 - 17:02", "Tin, ảnh: HOÀNG NGỌC", "2023-07-12T17:02:00+07:00"),
    ("bai-2", "Huyện ủy Chư Sê sơ kết công tác xây dựng Đảng",
     "Ngày 14/7, Huyện ủy Chư Sê tổ chức hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm.",
     ["Hội nghị đánh giá 100% tổ chức cơ sở đảng đã quán triệt các nghị quyết của cấp trên.",
      "Huyện ủy đã kiểm tra 12 tổ chức đảng và 35 đảng viên, qua đó kịp thời chấn chỉnh thiếu sót.",
      "Đồng chí Bí thư Huyện ủy yêu cầu các cấp ủy nâng cao chất lượng sinh hoạt chi bộ."],
     "14/7/2023 09:15 (GMT+7)", "Theo TTXVN", "2023-07-14T09:15:00+07:00"),
    ("bai-3", "Nâng cao chất lượng sinh hoạt chi bộ ở khu dân cư",
     "Nhiều chi bộ khu dân cư đã đổi mới nội dung sinh hoạt, gắn với những việc cụ thể của người dân.",
     ["Chi bộ tổ dân phố 5 chọn chuyên đề về vệ sinh môi trường và trật tự đô thị.",
      "Mỗi kỳ sinh hoạt đều có phân công đảng viên phụ trách hộ gia đình.",
      "Nhờ vậy, tỷ lệ đảng viên tham gia sinh hoạt đạt trên 95%."],
     "ngày 20 tháng 7 năm 2023", "NGUYỄN VĂN AN", "2023-07-20"),
    ("bai-4", "Ban Tuyên giáo Tỉnh ủy triển khai nhiệm vụ quý III",
     "Ban Tuyên giáo Tỉnh ủy vừa tổ chức hội nghị triển khai nhiệm vụ trọng tâm quý III năm 2023.",
     ["Hội nghị thống nhất tập trung tuyên truyền kỷ niệm các ngày lễ lớn trong quý.",
      "Các đơn vị được giao theo dõi sát tình hình tư tưởng của cán bộ, đảng viên.",
      "Ban cũng đề ra kế hoạch bồi dưỡng đội ngũ báo cáo viên cơ sở."],
     "Thứ Ba, 01/08/2023 - 08:30", "Tin, ảnh: LÊ HÀ", "2023-08-01T08:30:00+07:00"),
    ("bai-5", "Đảng bộ phường Thống Nhất tiếp nhận chi bộ ngân hàng",
     "Đảng bộ phường Thống Nhất vừa tổ chức lễ tiếp nhận chi bộ ngân hàng với 37 đảng viên.",
     ["Chi bộ có 37 đảng viên, trong đó 1 đảng viên dự bị.",
      "Lãnh đạo phường đề nghị chi bộ giữ vững nền nếp sinh hoạt và phát huy vai trò tiên phong.",
      "Ban Chấp hành Chi bộ khóa II gồm 5 đồng chí."],
     "05/09/2023 | 10:45", "Bài, ảnh: TRẦN MINH", "2023-09-05T10:45:00+07:00"),
    ("bai-6", "Xã Ia Pếch tổng kết phong trào thi đua yêu nước",
     "Xã Ia Pếch đã tổ chức hội nghị tổng kết phong trào thi đua yêu nước giai đoạn 2018 - 2023.",
     ["Qua 5 năm, xã đã khen thưởng 46 tập thể và 128 cá nhân có thành tích xuất sắc.",
      "Nhiều mô hình kinh tế hộ gia đình hiệu quả được nhân rộng trong các thôn, làng.",
      "Hội nghị phát động thi đua hoàn thành các chỉ tiêu nghị quyết Đại hội Đảng bộ xã."],
     "Thứ Hai, 18/09/2023 - 16:20", "Tin, ảnh: PHẠM HÙNG", "2023-09-18T16:20:00+07:00"),
]
CP1258_SLUG = "bai-6"
# Sentences of the page furniture; none may reach an article's text.
BOILERPLATE = ["Tin liên quan", "Xem thêm", "Chia sẻ", "Bản quyền", "Giấy phép", "Ảnh minh họa",
               "Xem nhiều nhất", "Ý kiến bạn đọc", "Mới nhất", "Bài viết rất hay", "Tin khác trong tuần",
               "Mời bạn đọc xem thêm", "Trang chủ"]

TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese Windows software writes them: tone marks as
    separate combining characters after the (possibly circumflexed) vowel."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in d if c in TONES).encode("cp1258")
    return bytes(out)


def _chrome(body: str, title: str, charset: str = "utf-8", head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>{title} - Báo Tỉnh Nhà</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="RSS">{head}</head><body>
<header><div class="topbar">Thứ Bảy, 28/11/2026</div>
<nav><a href="/">Trang chủ</a> <a href="/chuyen-muc/xay-dung-dang">Xây dựng Đảng</a></nav></header>
<div class="wrap">{body}
<aside class="sidebar"><h3>Xem nhiều nhất</h3><ul>
<li><a href="/tin/bai-5.html">Tin khác trong tuần</a> <span class="date">01/01/2020</span></li></ul></aside></div>
<footer><p>Bản quyền thuộc về Báo Tỉnh Nhà. Giấy phép số 12/GP-BTTTT.</p></footer></body></html>"""


def article_page(slug: str, title: str, lead: str, body: list[str], date_line: str, byline: str,
                 charset: str = "utf-8") -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body[:2])
    return _chrome(f"""<div class="article-content">
<h1 class="title">{title}</h1>
<div class="meta"><span class="time">{date_line}</span><div class="share-bar">Chia sẻ | Facebook | Zalo</div></div>
<div class="sapo"><strong>{lead}</strong></div>
<div class="content">{paras}
<p><img src="/a.jpg" alt=""></p><p><em>Ảnh minh họa: hội nghị tại xã.</em></p>
<h3>Tin liên quan</h3>
<p><a href="/tin/bai-2.html">Huyện ủy sơ kết công tác xây dựng Đảng</a></p>
<p><a href="/tin/bai-3.html">Sinh hoạt chi bộ ở khu dân cư</a></p>
<p>{body[2]}</p>
<p>Mời bạn đọc xem thêm: <a href="/tin/bai-4.html">Triển khai nhiệm vụ quý III</a></p>
<p style="text-align:right"><strong>{byline}</strong></p>
</div>
<div class="comments"><h3>Ý kiến bạn đọc</h3><p>Bài viết rất hay, cảm ơn tác giả.</p></div>
</div>""", title, charset)


def listing_page(title: str, links: list[str], extra: str = "") -> str:
    items = "\n".join(f'<li><h3><a href="{u}">Bài viết {i}</a></h3><span class="date">12/07/2023</span></li>'
                      for i, u in enumerate(links, 1))
    return _chrome(f'<div class="list"><h1>{title}</h1><ul>{items}</ul>{extra}</div>', title)


def build_site(base: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """path -> (status, headers, body) for the whole test site."""
    pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
    html = {"Content-Type": "text/html; charset=utf-8"}
    xml = {"Content-Type": "application/xml"}
    for slug, title, lead, body, date_line, byline, _ in ARTICLES:
        if slug == CP1258_SLUG:
            page = article_page(slug, title, lead, body, date_line, byline, charset="windows-1258")
            pages[f"/tin/{slug}.html"] = (200, {"Content-Type": "text/html; charset=windows-1258"}, to_cp1258(page))
        else:
            pages[f"/tin/{slug}.html"] = (200, html, article_page(slug, title, lead, body, date_line, byline).encode())
    pages["/robots.txt"] = (200, {"Content-Type": "text/plain"}, (
        "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.01\n\n"
        f"Sitemap: {base}/sitemap_index.xml\n").encode())
    pages["/sitemap_index.xml"] = (200, xml, f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-2023-07.xml</loc><lastmod>2023-07-31</lastmod></sitemap>
</sitemapindex>""".encode())
    pages["/sitemap-2023-07.xml"] = (200, xml, f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/tin/bai-1.html</loc><lastmod>2023-07-12T17:02:00+07:00</lastmod></url>
<url><loc>{base}/tin/bai-2.html</loc><lastmod>2023-07-14</lastmod></url>
<url><loc>{base}/private/draft.html</loc><lastmod>2023-07-15</lastmod></url>
</urlset>""".encode())
    when = format_datetime(datetime(2023, 7, 20, 3, 0, tzinfo=timezone.utc))
    pages["/rss.xml"] = (200, {"Content-Type": "application/rss+xml"}, f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo Tỉnh Nhà</title>
<item><title>Sinh hoạt chi bộ</title><link>{base}/tin/bai-3.html</link><pubDate>{when}</pubDate></item>
<item><title>Tuyên giáo</title><link>{base}/tin/bai-4.html</link><pubDate>Tue, 01 Aug 2023 01:30:00 GMT</pubDate></item>
</channel></rss>""".encode())
    pages["/"] = (200, html, listing_page("Báo Tỉnh Nhà", ["/tin/bai-1.html", "/private/secret.html"]).encode())
    pager = '<div class="pagination"><a href="/chuyen-muc/xay-dung-dang?page=2">2</a></div>'
    pages["/chuyen-muc/xay-dung-dang"] = (200, html, listing_page(
        "Xây dựng Đảng", ["/tin/bai-5.html", "/tin/bai-4.html", "/tag/dang-vien"], pager).encode())
    pages["/chuyen-muc/xay-dung-dang?page=2"] = (200, html, listing_page(
        "Xây dựng Đảng - Trang 2", ["/tin/bai-6.html", "/private/x.html"]).encode())
    pages["/tag/dang-vien"] = (200, html, listing_page("Tag: đảng viên", ["/tin/bai-1.html", "/tin/bai-5.html"]).encode())
    for path in ("/private/secret.html", "/private/x.html", "/private/draft.html"):
        pages[path] = (200, html, article_page("p", "Bí mật", "Không được tải.", ["a", "b", "c"], "01/01/2023", "X").encode())
    return pages


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        server = self.server
        server.log.append(self.path)
        hook = server.hooks.get(self.path)
        if hook is not None and hook(self) is True:
            return
        status, headers, body = server.pages.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Site:
    """A threaded HTTP server on 127.0.0.1 with a request log."""

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.server.log = []
        self.server.hooks = {}
        self.server.pages = build_site(self.base)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def log(self) -> list[str]:
        return self.server.log

    def slow_articles(self, seconds: float) -> None:
        """Make every article page (``/tin/...``) answer after ``seconds``."""

        def slow(handler):
            time.sleep(seconds)
            return None

        for path in self.server.pages:
            if path.startswith("/tin/"):
                self.server.hooks[path] = slow

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture()
def slow_site():
    """The site with article pages that answer slowly, so that a kill lands mid-crawl
    (used by the resume and crash tests)."""
    s = Site()
    s.slow_articles(0.3)
    yield s
    s.close()


def plain_record(article):
    return Record(article=article, source=article.url)


def _expected_by_url(base: str) -> dict[str, tuple]:
    return {f"{base}/tin/{a[0]}.html": a for a in ARTICLES}


def test_crawl_unconfigured_site_finds_every_article_cleanly(site, tmp_path):
    from partytext.archive import open_archive

    db = tmp_path / "party.db"
    report = crawl(site.base + "/", archive=str(db), delay=0.01, record=plain_record,
                   cache_dir=tmp_path / "cache")
    assert not any(p.startswith("/private/") for p in site.log), site.log
    assert report.stored == len(ARTICLES)
    with open_archive(str(db)) as arc:
        records = list(arc.iter_records())
    expected = _expected_by_url(site.base)
    assert sorted(r.article.url for r in records) == sorted(expected)
    for rec in records:
        a = rec.article
        slug, title, lead, body, _, byline, iso = expected[a.url]
        assert unicodedata.is_normalized("NFC", a.text), slug
        assert a.title == title, slug
        assert a.lead == lead, slug
        assert a.published == iso, slug
        assert a.author == byline.split(":")[-1].strip().removeprefix("Theo ").strip(), slug
        assert a.text == "\n\n".join([title, lead, *body]), slug
        for junk in BOILERPLATE:
            assert junk not in a.text, (slug, junk)
    # every article page was requested once
    for slug in expected:
        assert site.log.count(slug.replace(site.base, "")) == 1


def test_crawl_since_until_filters_by_publication_date(site, tmp_path):
    from partytext.archive import open_archive

    db = tmp_path / "party.db"
    report = crawl(site.base + "/", archive=str(db), delay=0.01, record=plain_record,
                   since="2023-07-15", until="2023-08-31")
    with open_archive(str(db)) as arc:
        urls = sorted(r.article.url for r in arc.iter_records())
    assert urls == [f"{site.base}/tin/bai-3.html", f"{site.base}/tin/bai-4.html"]
    assert report.stored == 2
    # bai-1 and bai-2 are older than --since by their sitemap lastmod: never fetched
    assert "/tin/bai-1.html" not in site.log and "/tin/bai-2.html" not in site.log


def test_crawl_max_then_rerun_continues_without_refetching(site, tmp_path):
    from partytext.archive import open_archive

    db = tmp_path / "party.db"
    first = crawl(site.base + "/", archive=str(db), delay=0.01, record=plain_record, max_pages=2)
    assert first.stored == 2
    fetched_before = [p for p in site.log if p.startswith("/tin/")]
    site.log.clear()
    second = crawl(site.base + "/", archive=str(db), delay=0.01, record=plain_record)
    assert second.stored == len(ARTICLES) - 2
    refetched = [p for p in site.log if p.startswith("/tin/")]
    assert not set(fetched_before) & set(refetched)
    with open_archive(str(db)) as arc:
        assert arc.count() == len(ARTICLES)


def test_crawl_keeps_raw_pages_and_reextracts_them(site, tmp_path):
    from partytext.archive import open_archive
    from partytext.crawl import reextract

    raw = tmp_path / "raw"
    report = crawl(site.base + "/", archive=str(tmp_path / "a.db"), delay=0.01, record=plain_record, raw_dir=raw)
    assert report.raw_path and list(raw.glob("*.warc.gz"))
    n = reextract(raw, archive=str(tmp_path / "b.db"), record=plain_record)
    assert n == len(ARTICLES)
    with open_archive(str(tmp_path / "a.db")) as a, open_archive(str(tmp_path / "b.db")) as b:
        assert sorted(r.article.text for r in a.iter_records()) == sorted(r.article.text for r in b.iter_records())
