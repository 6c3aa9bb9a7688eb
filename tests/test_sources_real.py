"""Real saved pages lose no word: every body paragraph of every real page in
../shared/corpora-raw (all 602 baomoi bodies of baomoi-2025-xahoi and the article pages of
real-pages) appears verbatim in ``article.text``; titles, dates, bylines and publishers are
right; captions, related boxes, "Dòng sự kiện", comment forms and sidebars stay out.

The expected paragraphs are computed here from the raw HTML with lxml (not with the code
under test): baomoi's ``p.text`` paragraphs minus ``p.media-caption`` and ``p.body-author``;
on the article__ template the body's ``<p>``s and bare ``<div>`` paragraphs outside
figures, related boxes and the byline. A ``<br>`` breaks a line, as a reader sees it.
Each body is parsed once per session (a module fixture); the run takes about 10 s.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from datetime import datetime, timedelta, timezone

import lxml.html
import pytest

from partytext.errors import ExtractionError
from partytext.sources import article_from_html
from partytext.sources.dump import article_from_page_dump

from conftest import CORPORA, RAW

BAOMOI = RAW / "baomoi-2025-xahoi"
REAL_PAGES = RAW / "real-pages"
EXPECTED = CORPORA / "sites" / "real-pages"
VIETNAM = timezone(timedelta(hours=7))
# A credit line: "Tin, ảnh: X", "Bài và ảnh: X", "Ảnh: X", "Thực hiện: X", "Theo X".
ALL_CAPS_NAME = re.compile(r"^[^\W\d_a-zà-ỹđ]+(?: [^\W\d_a-zà-ỹđ]+){1,4}$")  # "PHÚ NAM"
CREDIT = re.compile(r"^\(?(?:tin|bài|ảnh|tin và ảnh|bài và ảnh|tin, ảnh|bài, ảnh|thực hiện|theo)\b\s*:?\s*\S", re.IGNORECASE)


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def lines(el) -> list[str]:
    """The text of an element as lines: <br> ends a line."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [norm(line) for line in el.text_content().split("\n") if norm(line)]


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def expected_baomoi(content: str) -> dict:
    root = lxml.html.fromstring(content)
    body = root.xpath(f"//div[{has_class('content-body')}]")[0]
    paragraphs, captions, bylines = [], [], []
    for p in body.iter("p"):
        cls = classes(p)
        if "text" not in cls:
            continue
        if "media-caption" in cls:
            captions.append(norm(p.text_content()))
        elif "body-author" in cls and len(norm(p.text_content())) <= 80:
            bylines.append(norm(p.text_content()))
        else:
            paragraphs.extend(lines(p))
    byline = ", ".join(b for b in bylines if b)
    # a credit line closing the body is a byline too ("Tin, ảnh: DƯƠNG NƯƠNG", "Theo TTXVN")
    if paragraphs and len(paragraphs[-1]) < 60 and (CREDIT.match(paragraphs[-1]) or ALL_CAPS_NAME.match(paragraphs[-1])):
        credit = paragraphs.pop()
        byline = byline or credit
    logo = root.xpath(f"//div[{has_class('content-meta')}]//figure//img/@alt")
    return {"paragraphs": paragraphs, "captions": [c for c in captions if c],
            "byline": byline or None, "publisher": norm(logo[0]) if logo else None,
            "player": bool(body.xpath(f".//div[{has_class('video-wrapper')}]"))}


@pytest.fixture(scope="module")
def baomoi_results():
    """(file, dump, expected, article or the error) for every body, parsed once."""
    if not BAOMOI.is_dir():
        pytest.skip("../shared/corpora-raw/baomoi-2025-xahoi is absent")
    out = []
    started = time.perf_counter()
    for path in sorted(BAOMOI.glob("*.json")):
        dump = json.loads(path.read_text(encoding="utf-8"))
        expected = expected_baomoi(dump["content"])
        try:
            article = article_from_page_dump(dump, where=str(path))
        except ExtractionError as exc:
            article = exc
        out.append((path.name, dump, expected, article))
    elapsed = time.perf_counter() - started
    assert elapsed < 120, f"602 bodies took {elapsed:.0f} s"
    return out


def missing_paragraphs(article, paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if p not in article.text]


def test_all_602_bodies_keep_every_paragraph_verbatim(baomoi_results):
    assert len(baomoi_results) == 602
    failures, paragraphs, refused = [], 0, []
    for name, _dump, expected, article in baomoi_results:
        if not expected["paragraphs"]:
            refused.append(name)
            continue
        assert not isinstance(article, Exception), f"{name}: {article}"
        paragraphs += len(expected["paragraphs"])
        lost = missing_paragraphs(article, expected["paragraphs"])
        if lost:
            failures.append(f"{name}: {len(lost)} paragraph(s) not verbatim, first: {lost[0][:120]!r}")
    assert paragraphs > 5000
    assert failures == []
    assert len(refused) < 60


def test_video_and_photo_pages_without_a_body_are_refused_with_a_clear_error(baomoi_results):
    empty = [(name, expected, article) for name, _d, expected, article in baomoi_results if not expected["paragraphs"]]
    assert empty, "the corpus has video and photo pages with no body"
    for name, expected, article in empty:
        assert isinstance(article, ExtractionError), f"{name}: a page with no body paragraph was accepted"
        kind = "video page" if expected["player"] else "photo page"
        assert kind in str(article) and "baomoi.com" in str(article), f"{name}: {article}"


def test_titles_dates_bylines_and_publishers_of_the_602_bodies(baomoi_results):
    problems = []
    for name, dump, expected, article in baomoi_results:
        if isinstance(article, Exception):
            continue
        if article.title != norm(dump["title"]):
            problems.append(f"{name}: title {article.title!r} != {dump['title']!r}")
        when = datetime.fromisoformat(dump["time"].replace("Z", "+00:00")).astimezone(VIETNAM)
        if (article.published or "")[:16] != when.strftime("%Y-%m-%dT%H:%M"):
            problems.append(f"{name}: published {article.published!r}, the dump says {dump['time']}")
        if expected["byline"] and (not article.author or article.author not in expected["byline"]):
            problems.append(f"{name}: author {article.author!r} != byline {expected['byline']!r}")
        if article.publisher != expected["publisher"] or not article.publisher:
            problems.append(f"{name}: publisher {article.publisher!r} != {expected['publisher']!r}")
        if article.site != "baomoi":
            problems.append(f"{name}: site {article.site!r}")
    assert problems == []


def test_captions_and_bylines_are_not_body_text(baomoi_results):
    leaks = []
    for name, _dump, expected, article in baomoi_results:
        if isinstance(article, Exception):
            continue
        body_text = " ".join([*expected["paragraphs"], article.title or "", article.lead or ""])
        for caption in expected["captions"]:
            if len(caption) > 25 and caption not in body_text and caption in article.text:
                leaks.append(f"{name}: caption in text: {caption[:80]!r}")
        byline = expected["byline"]
        if byline and byline not in body_text and f"\n\n{byline}" in article.text:
            leaks.append(f"{name}: byline {byline!r} left in the body")
    assert leaks == []


def test_tag_links_inside_sentences_keep_their_words(baomoi_results):
    """The words of <a class="tag-link"> are part of the sentence (issue 14: 1,137 words lost)."""
    checked = 0
    for name, dump, _expected, article in baomoi_results:
        if isinstance(article, Exception):
            continue
        root = lxml.html.fromstring(dump["content"])
        for link in root.xpath(f"//p[{has_class('text')}]//a[{has_class('tag-link')}]"):
            paragraph = next(a for a in link.iterancestors("p"))
            if not classes(paragraph) & {"media-caption", "body-author"}:
                assert norm(link.text_content()) in article.text, name
                checked += 1
    assert checked > 1000


# --- the article pages of real-pages, against expected output written by reading them ---

def expected_files():
    return sorted(EXPECTED.glob("*.json")) if EXPECTED.is_dir() else []


def sha1(text: str) -> str:
    return hashlib.sha1(norm(text).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def real_articles():
    if not REAL_PAGES.is_dir():
        pytest.skip("../shared/corpora-raw/real-pages is absent")
    out = {}
    for path in expected_files():
        expected = json.loads(path.read_text(encoding="utf-8"))
        page = RAW / expected["page"]
        if page.suffix == ".json":
            out[path.stem] = (expected, None, article_from_page_dump(page.read_bytes(), where=str(page)))
        else:
            out[path.stem] = (expected, page.read_bytes(), article_from_html(page.read_bytes(), url=expected["url"]))
    return out


def test_every_real_article_page_has_expected_output():
    """The 4 article pages of real-pages (the category page is a listing) and one baomoi body."""
    pages = sorted(p.stem for p in REAL_PAGES.glob("*.html") if "category" not in p.stem) if REAL_PAGES.is_dir() else []
    fixtures = [json.loads(p.read_text(encoding="utf-8"))["page"] for p in expected_files()]
    assert sorted(f"real-pages/{p}.html" for p in pages) == sorted(f for f in fixtures if f.startswith("real-pages/"))
    assert len(pages) == 4 and len(fixtures) == 5


def test_the_listing_page_is_refused_not_extracted():
    with pytest.raises(ExtractionError, match="not an article page of baocantho"):
        article_from_html((REAL_PAGES / "baocantho-category.html").read_bytes())


@pytest.mark.parametrize("name", [p.stem for p in expected_files()])
def test_real_page_fields(real_articles, name):
    expected, _html, article = real_articles[name]
    assert article.site == expected["site"]
    assert article.title == expected["title"]
    assert (article.published or "")[:16] == expected["published"][:16]
    assert article.author == expected["author"]
    assert article.publisher == expected["publisher"]
    if expected["lead"] is None:
        assert article.lead is None
    else:
        assert article.lead.startswith(expected["lead"]["starts"]) and sha1(article.lead) == expected["lead"]["sha1"]


@pytest.mark.parametrize("name", [p.stem for p in expected_files()])
def test_real_page_body_is_exactly_the_expected_paragraphs(real_articles, name):
    expected, _html, article = real_articles[name]
    parts = article.text.split("\n\n")
    body = parts[2:] if article.lead is not None and parts[1] == article.lead else parts[1:]
    wanted = expected["body"]
    assert [sha1(p) for p in body] == [p["sha1"] for p in wanted], [p[:60] for p in body]
    assert all(p.startswith(w["starts"]) for p, w in zip(body, wanted))
    for junk in expected["not_in_text"]:
        assert junk not in article.text


def article_body_paragraphs(html: bytes) -> list[str]:
    """Independent reading of an article__ page: the body's <p>s and bare <div>
    paragraphs outside figures, related boxes, "Dòng sự kiện", ad slots and the byline."""
    root = lxml.html.fromstring(html)
    body = root.xpath(f"//div[{has_class('article__body')}]")[0]
    skip = ("article-relate", "related-topic", "article__meta", "t1", "sda_middle", "ads_middle", "banner")
    out = []
    for el in body.iter("p", "div", "h2", "h3"):
        if any(a.tag in ("figure", "figcaption", "table") or classes(a) & set(skip) for a in [el, *el.iterancestors()]):
            continue
        if el.tag == "div" and (el.get("class") or el.xpath("./p|./div|./figure|./table")):
            continue
        out.extend(lines(el))
    return out


@pytest.mark.parametrize("name", ["plo-chinh-tri-post874982", "plo-phap-luat", "baolaocai-post404649"])
def test_article_template_pages_keep_every_paragraph_verbatim(real_articles, name):
    _expected, html, article = real_articles[name]
    paragraphs = article_body_paragraphs(html)
    assert len(paragraphs) >= 8
    assert missing_paragraphs(article, paragraphs) == []
    for junk in ("Dòng sự kiện", "Xem thêm", "Bình luận", "Gửi bình luận", "Tin liên quan", "Đọc nhiều"):
        assert junk not in article.text


def test_extract_reads_a_baomoi_page_dump_with_its_publisher(capsys):
    """`partytext extract 53651485.json`: the BaomoiCrawler page-dump format is an input."""
    from partytext.cli import main

    dump = BAOMOI / "53651485.json"
    if not dump.is_file():
        pytest.skip("baomoi-2025-xahoi is absent")
    assert main(["extract", str(dump), "--format", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    article = record["article"]
    assert (article["site"], article["publisher"], article["author"]) == ("baomoi", "Báo Người Lao Động", "D.Thu")
    assert article["published"] == "2025-11-02T13:08:00+07:00"
    assert "gần 19,9 triệu người" in [f["text"] for f in record["figures"]]


def test_a_json_that_is_not_a_page_dump_is_refused_clearly(tmp_path, capsys):
    from partytext.cli import main

    bad = tmp_path / "records.json"
    bad.write_text('{"schema": "partytext.record/2"}', encoding="utf-8")
    assert main(["extract", str(bad)]) == 1
    assert "must be a page dump" in capsys.readouterr().err
