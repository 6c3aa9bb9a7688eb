"""The archive interface, the same behaviour suite on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import dataclasses
import sqlite3
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pg_server import postgres_server, postgres_url  # noqa: F401
from test_archive_relevance import index_home  # noqa: F401 (relevance indexes in a temporary folder)

from partytext.archive import Hit, SearchResult, base, open_archive
from partytext.archive.query import brute_force_match, parse
from partytext.archive.schema import SCHEMA_VERSION
from partytext.errors import ArchiveError, QueryError, RecordError
from partytext.records import Article, Figure, Point, Record, Reference


def article(text: str, *, published: str | None = None, site: str | None = None, url: str | None = None) -> Article:
    paragraphs = text.split("\n\n")
    return Article(text=text, title=paragraphs[0], lead=paragraphs[1] if len(paragraphs) > 2 else None,
                   published=published, site=site, url=url)


def record(text: str, source: str = "mem", figures: tuple[tuple[str, float, str, str], ...] = (), **kw) -> Record:
    art = article(text, **kw)
    figs = []
    for mention, value, kind, unit in figures:
        start = text.index(mention)
        figs.append(Figure(value=value, kind=kind, unit=unit, text=mention, start=start, end=start + len(mention)))
    return Record(article=art, source=source, figures=tuple(figs))


# Crafted documents: tone placement, NFD, đ/d, boundaries, case, punctuation.
DOCS = {
    "uyban_old": ("Uỷ ban kiểm tra Tỉnh uỷ Gia Lai\n\nUỷ ban kiểm tra đã thi hành kỷ luật 5 đảng viên.",
                  "2016-05-02", "baogialai.com.vn"),
    "uyban_new": ("Ủy ban nhân dân TP.HCM họp\n\nỦy ban nhân dân Thành phố Hồ Chí Minh bàn về hòa bình.",
                  "2018-11-20", "nhandan.vn"),
    "nfd": (unicodedata.normalize("NFD", "Tổ dân phố số 3 ở Hà Nội\n\nTổ chức cơ sở đảng có hơn 5.000 đảng viên."),
            "2020-01-15", "nhandan.vn"),
    "dang_do": ("Công trình dang dở\n\nDự án đang dở dang vì thiếu vốn.", "2019-07-01", "vnexpress.net"),
    "hoa_binh": ("Hoà bình và phát triển\n\nThông điệp hoà bình từ Thái Bình Dương.", "2017-03-09", "nhandan.vn"),
    "hoc_sinh": ("Khoa học sinh học\n\nNghiên cứu khoa học sinh học ở trường.", "2015-09-05", "vnexpress.net"),
    "to_chuc": ("Tổ chức cơ sở đảng ở Nghệ An\n\nTổ chức cơ sở đảng trong sạch, vững mạnh; tham nhũng bị xử lý.",
                None, "baonghean.vn"),
    "upper": ("ĐẢNG BỘ TỈNH KON TUM\n\nĐẢNG VIÊN MỚI ĐƯỢC KẾT NẠP.", "2021-02-03", "baokontum.com.vn"),
}

QUERIES = [
    '"ủy ban"', '"Uỷ ban"', '"uy ban"', "uy ban", '"ủy ban nhân dân"', '"tổ dân phố"', '"to dan pho"',
    '"tổ chức cơ sở đảng"', '"to chuc co so dang"', "đảng", "dang", "Đảng", '"đảng viên"', '"dang vien"',
    "hòa bình", '"hoà bình"', '"hoa binh"', '"học sinh"', "dở", "do", '"5.000 đảng viên"', "tp hcm",
    '"tổ chức" -"tham nhũng"', '"tổ chức" -tham', "kỷ luật OR hòa", '"ủy ban" OR "tổ dân phố"',
    "đảng -kon", "ĐẢNG VIÊN", "dang -vien", '"gia lai" OR "nghe an"', '"bình dương"',
]


@pytest.fixture(params=["sqlite", "postgresql"])
def arc(request, tmp_path):
    if request.param == "sqlite":
        db = str(tmp_path / "t.db")
    else:
        db = request.getfixturevalue("postgres_url")
    a = open_archive(db)
    yield a
    a.close()


@pytest.fixture
def loaded(arc):
    ids = {}
    for name, (text, published, site) in DOCS.items():
        ids[name] = arc.add(record(text, source=f"{name}.txt", published=published, site=site))
    return arc, ids


def names(result: SearchResult, ids: dict[str, str]) -> set[str]:
    back = {v: k for k, v in ids.items()}
    return {back[h.id] for h in result.hits}


@pytest.mark.parametrize("query", QUERIES)
def test_search_equals_brute_force_scan(loaded, query):
    arc, ids = loaded
    q = parse(query)
    expected = {n for n, (text, _, _) in DOCS.items() if brute_force_match(q, text)}
    result = arc.search(query, limit=100)
    assert names(result, ids) == expected
    assert result.total == len(expected)


@pytest.mark.parametrize("query, expected", [
    ('"Uỷ ban"', {"uyban_old", "uyban_new"}),
    ('"hòa bình"', {"uyban_new", "hoa_binh"}),
    ("đảng", {"uyban_old", "nfd", "to_chuc", "upper"}),  # not "dang dở"
    ("dang", {"uyban_old", "nfd", "to_chuc", "upper", "dang_do"}),
    ('"to dan pho"', {"nfd"}),
    ('"tổ chức" -"tham nhũng"', {"nfd"}),
    ("tp hcm", {"uyban_new"}),
])
def test_search_semantics_by_hand(loaded, query, expected):
    arc, ids = loaded
    assert names(arc.search(query, limit=100), ids) == expected


def test_nfd_query_behaves_like_nfc(loaded):
    arc, ids = loaded
    q = '"tổ dân phố" OR "Ủy ban"'
    a = arc.search(q, limit=50)
    b = arc.search(unicodedata.normalize("NFD", q), limit=50)
    assert [h.id for h in a.hits] == [h.id for h in b.hits] and a.total == b.total == 3


def test_hits_newest_first_with_snippet_fields(loaded):
    arc, ids = loaded
    result = arc.search("dang", limit=3)
    assert result.total == 5 and len(result.hits) == 3
    assert [names(SearchResult(1, [h]), ids).pop() for h in result.hits] == ["upper", "nfd", "dang_do"]
    hit = result.hits[0]
    assert isinstance(hit, Hit)
    assert set(hit.to_dict()) >= {"id", "source", "url", "site", "title", "published", "snippet", "score"}
    assert hit.source == "upper.txt" and hit.site == "baokontum.com.vn" and hit.published == "2021-02-03"
    assert "«ĐẢNG»" in hit.snippet
    # paging: offset continues where limit stopped, undated articles come last
    rest = arc.search("dang", limit=10, offset=3)
    assert [names(SearchResult(1, [h]), ids).pop() for h in rest.hits] == ["uyban_old", "to_chuc"]


def test_snippet_shows_the_text_as_written(loaded):
    arc, _ = loaded
    hit = arc.search('"ủy ban kiểm tra"').hits[0]
    assert "«Uỷ ban kiểm tra»" in hit.snippet  # old tone placement kept in the snippet
    hit = arc.search('"to dan pho"').hits[0]
    assert "«Tổ dân phố»" in hit.snippet and unicodedata.is_normalized("NFC", hit.snippet)


def test_relevance_sort_ranks_denser_match_first(arc):
    a = arc.add(record("Một bài\n\nCó nói về kỷ luật một lần, rồi sang chuyện khác hẳn, dài dòng, dài dòng, dài dòng."))
    b = arc.add(record("Kỷ luật\n\nKỷ luật, kỷ luật và kỷ luật."))
    result = arc.search("kỷ luật", sort="relevance")
    assert [h.id for h in result.hits] == [b, a]
    assert result.hits[0].score > result.hits[1].score


def test_filters_site_dates_province(loaded):
    arc, ids = loaded
    assert names(arc.search("dang", site="nhandan.vn", limit=50), ids) == {"nfd"}
    assert names(arc.search("dang", date_from="2019", limit=50), ids) == {"dang_do", "nfd", "upper"}
    assert names(arc.search("dang", date_from="2016-05", date_to="2019-07-01", limit=50), ids) == {"uyban_old", "dang_do"}
    assert names(arc.search("dang", date_to="2016", limit=50), ids) == {"uyban_old"}
    assert names(arc.search("dang", province="Gia Lai", limit=50), ids) == {"uyban_old"}
    assert names(arc.search("dang", province="kon tum", limit=50), ids) == {"upper"}
    assert names(arc.search("ủy ban", province="TP.HCM", limit=50), ids) == {"uyban_new"}
    # "Thái Bình Dương" (the Pacific) is neither Thái Bình nor Bình Dương
    assert arc.search("hòa bình", province="Thái Bình").total == 0
    assert arc.search("dang", site="nowhere.vn").total == 0


@pytest.mark.parametrize("bad", ["", '"tổ chức', "đảng*", "-đảng", "a:b", "OR"])
def test_bad_queries_get_query_error_not_sql_error(loaded, bad):
    arc, _ = loaded
    with pytest.raises(QueryError):
        arc.search(bad)


def test_bad_filters_get_clear_errors(loaded):
    arc, _ = loaded
    with pytest.raises(QueryError, match="YYYY"):
        arc.search("dang", date_from="15/3/2017")
    with pytest.raises(QueryError, match="Unknown province"):
        arc.search("dang", province="Atlantis")
    with pytest.raises(QueryError, match="sort"):
        arc.search("dang", sort="oldest")


def test_upsert_never_duplicates_and_updates(arc):
    r1 = record("Tiêu đề\n\nBản đầu: 7 đảng viên.", url="http://x.vn/a", published="2017-01-01")
    rid = arc.add(r1)
    fp1 = arc.fingerprint()
    assert arc.add(r1) == rid and arc.count() == 1 and arc.fingerprint() == fp1
    r2 = record("Tiêu đề\n\nBản sửa: 9 đảng viên.", url="http://x.vn/a", published="2017-01-01",
                figures=(("9 đảng viên", 9, "count", "đảng viên"),))
    assert r2.article.id == rid
    assert arc.add(r2) == rid and arc.count() == 1
    assert arc.fingerprint() != fp1
    assert arc.search('"bản sửa"').total == 1 and arc.search('"bản đầu"').total == 0
    assert arc.get(rid) == r2
    assert arc.has(rid) and arc.has_url("http://x.vn/a") and not arc.has_url("http://x.vn/b")
    assert arc.ids() == [rid]
    assert arc.remove(rid) and not arc.has(rid) and arc.search("sửa").total == 0 and arc.count() == 0


def test_get_round_trips_every_record_field(arc):
    text = "Nghị quyết 21-NQ/TW\n\nMột là, tăng 12,5% đảng viên. Hai là, kiện toàn."
    s = text.index("12,5%")
    p1, p2 = text.index("tăng 12,5%"), text.index("kiện toàn")
    r = Record(
        article=dataclasses.replace(article(text, published="2022-06-16", site="dangcongsan.vn", url="http://d.vn/1"),
                                    publisher="Báo Lào Cai"),
        source="http://d.vn/1",
        figures=(Figure(value=12.5, kind="percent", text="12,5%", start=s, end=s + 5, change="increase", sentence=1),),
        points=(Point(ordinal=1, marker="Một là", text=text[p1:p1 + 10], start=p1, end=p1 + 10),
                Point(ordinal=2, marker="Hai là", text="kiện toàn", start=p2, end=p2 + 9, list=0, heading="x")),
        references=(Reference(type="nghị quyết", symbol="21-NQ/TW", text="Nghị quyết 21-NQ/TW", start=0, end=19,
                              issuer="TW", date="2022-06-16"),),
    )
    arc.add(r)
    back = arc.get(r.article.id)
    assert back == r and back.to_dict() == r.to_dict()
    assert back.article.publisher == "Báo Lào Cai"
    assert [a["publisher"] for a in arc.iter_articles()] == ["Báo Lào Cai"]
    assert arc.get("nope") is None


def test_an_archive_written_before_publisher_gains_the_column(tmp_path):
    db = str(tmp_path / "old.db")
    with open_archive(db) as a:
        a.add(record("Bài cũ\n\nĐảng bộ xã có 120 đảng viên.", source="old.txt"))
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE articles DROP COLUMN publisher")  # as an archive of the previous release
    con.commit()
    con.close()
    with open_archive(db) as a:
        (old,) = list(a.iter_records())
        assert old.article.publisher is None
        a.add(dataclasses.replace(record("Bài mới\n\nChi bộ có 9 đảng viên.", source="new.txt"),
                                  article=dataclasses.replace(article("Bài mới\n\nChi bộ có 9 đảng viên."),
                                                              publisher="Báo Yên Bái")))
        assert {x["publisher"] for x in a.iter_articles()} == {None, "Báo Yên Bái"}


def test_nfd_record_is_stored_nfc_with_offsets_moved(arc):
    text = unicodedata.normalize("NFD", "Tiêu đề\n\nCó hơn 5.000 đảng viên ở đây.")
    mention = unicodedata.normalize("NFD", "5.000 đảng viên")
    s = text.index(mention)
    r = Record(article=Article(text=text, title=text.split("\n")[0]), source="nfd.txt",
               figures=(Figure(value=5000, kind="count", text=mention, start=s, end=s + len(mention)),))
    rid = arc.add(r)
    back = arc.get(rid)
    assert unicodedata.is_normalized("NFC", back.article.text)
    back.check_offsets()
    assert back.figures[0].text == "5.000 đảng viên"


def test_record_with_broken_offsets_is_refused(arc):
    bad = Record(article=Article(text="abc def"), figures=(Figure(value=1, kind="count", text="xyz", start=0, end=3),))
    with pytest.raises(RecordError):
        arc.add(bad)
    assert arc.count() == 0


def test_add_many_batches_and_iterators_stream_everything(arc):
    recs = [record(f"Bài {i}\n\nNội dung số {i} về đảng viên.", published=f"2016-01-{i % 28 + 1:02d}")
            for i in range(1234)]
    ids = arc.add_many(recs, batch=100)
    assert len(ids) == len(set(ids)) == arc.count() == 1234
    assert sum(1 for _ in arc.iter_records(batch=100)) == 1234
    arts = list(arc.iter_articles(batch=500))
    assert len(arts) == 1234 and set(arts[0]) >= {"id", "source", "url", "site", "title", "lead", "author",
                                                  "published", "text"}
    assert arc.search('"đảng viên"', limit=5).total == 1234


def test_figures_query(arc):
    arc.add(record("Đảng bộ A\n\nĐảng bộ có 120 đảng viên. Tỷ lệ đạt 95%.", published="2017-05-01", site="s1",
                   figures=(("120 đảng viên", 120, "count", "đảng viên"), ("95%", 95, "percent", ""))))
    arc.add(record("Đảng bộ B\n\nKết nạp 30 đảng viên mới năm nay.", published="2021-05-01", site="s2",
                   figures=(("30 đảng viên mới", 30, "count", "đảng viên mới"),)))
    arc.add(record("Đảng bộ C\n\nCó 40 đang viên chức.", published="2018-01-01", site="s1",
                   figures=(("40 đang viên chức", 40, "count", "đang viên chức"),)))
    rows = list(arc.figures(unit="đảng viên", kind="count"))
    assert [r["value"] for r in rows] == [120, 30]
    first = rows[0]
    assert first["sentence"] == "Đảng bộ có 120 đảng viên." and first["site"] == "s1"
    assert first["published"] == "2017-05-01" and first["title"] == "Đảng bộ A" and first["article_id"]
    assert [r["value"] for r in arc.figures(unit="dang vien")] == [120, 40, 30]  # oldest article first
    assert [r["value"] for r in arc.figures(unit="đảng viên", date_from="2016", date_to="2020")] == [120]
    assert [r["value"] for r in arc.figures(kind="percent")] == [95]
    assert [r["value"] for r in arc.figures(site="s1")] == [120, 95, 40]


def test_figures_stream_across_text_batches(arc, monkeypatch):
    """Figures are read in batches that fetch their articles' texts together; an article's
    figures never straddle two batches and every sentence comes from its own article."""
    monkeypatch.setattr(base, "FIGURE_BATCH", 3)
    for i in range(7):
        mentions = tuple((f"{i}{j} đảng viên", int(f"{i}{j}"), "count", "đảng viên") for j in range(1, 1 + i % 3))
        text = f"Bài {i}\n\n" + " ".join(f"Chi bộ {j} có {m[0]}." for j, m in enumerate(mentions))
        arc.add(record(text, published=f"201{i}-01-01", figures=mentions))
    rows = list(arc.figures(unit="đảng viên"))
    assert [r["value"] for r in rows] == [11, 21, 22, 41, 51, 52]
    for r in rows:
        assert r["text"] in r["sentence"] and r["title"] == f"Bài {str(r['value'])[0]}"


def test_overlong_syllables_are_still_found(arc):
    """A 'syllable' longer than a PostgreSQL lexeme (a 2,100-digit run) is matched on the
    stored syllable string instead of being lost."""
    digits = "7" * 2100
    rid = arc.add(record(f"Số dài\n\nMã số {digits} của chi bộ."))
    arc.add(record("Khác\n\nMã số ngắn của chi bộ."))
    for q in (digits, f'"mã số {digits}"', f'"{digits} của chi bộ"', f"{digits} OR zzz", f"chi -{digits}"):
        expected = ["Khác"] if q.startswith("chi") else ["Số dài"]
        assert [h.title for h in arc.search(q).hits] == expected, q
    assert arc.get(rid).article.text.endswith("của chi bộ.")


def test_postgres_layout(postgres_url):  # noqa: F811
    """Rows stay in the table page, tsvectors carry no positions, and repeated searches
    (which psycopg would turn into prepared statements) keep their answers."""
    with open_archive(postgres_url) as a:
        a.add(record("Đảng bộ\n\nĐảng viên đảng viên mới.", published="2020-01-01"))
        opts = a._one("SELECT reloptions FROM pg_class WHERE oid = 'articles'::regclass")[0]
        assert "toast_tuple_target=8160" in opts
        assert ":" not in a._one("SELECT ctsv::text FROM articles")[0]
        assert {a.search('"đảng viên mới"').total for _ in range(8)} == {1}


def test_bulk_writes_end_with_fresh_statistics(arc, monkeypatch):
    """A write of many articles ends with the backend's upkeep (VACUUM ANALYZE on
    PostgreSQL, outside any transaction), and the archive answers as before."""
    from partytext.archive import write

    monkeypatch.setattr(write, "BULK_ROWS", 2)
    calls = []
    upkeep = arc._after_bulk_write
    monkeypatch.setattr(arc, "_after_bulk_write", lambda: calls.append(1) or upkeep())
    arc.add_many([record(f"Bài {i}\n\nĐảng viên số {i}.", published=f"2020-01-0{i + 1}") for i in range(3)])
    arc.add(record("Một bài\n\nĐảng viên."))  # below the threshold: no upkeep
    assert calls == [1]
    assert arc.search('"đảng viên"').total == 4 and arc.count() == 4


def test_trend_counts_matches_per_period(arc):
    for i, day in enumerate(["2016-01-05", "2016-01-20", "2016-03-01", "2017-02-02", None]):
        arc.add(record(f"Bài {i}\n\nĐảng viên số {i}.", published=day))
    assert arc.trend("đảng viên") == [("2016-01", 2), ("2016-03", 1), ("2017-02", 1)]
    assert arc.trend("dang vien", by="year") == [("2016", 3), ("2017", 1)]


def test_meta_and_keywords(arc):
    assert arc.get_meta("x") is None
    arc.set_meta("x", "1")
    arc.set_meta("x", "2")
    assert arc.get_meta("x") == "2"
    rid = arc.add(record("Tiêu đề\n\nĐảng viên."))
    arc.set_keywords(rid, [("đảng viên", 0.9), ("tiêu đề", 0.5)])
    assert arc.keywords(rid) == [("đảng viên", 0.9), ("tiêu đề", 0.5)]
    arc.set_keywords(rid, [("mới", 1.0)])
    assert arc.keywords(rid) == [("mới", 1.0)]


def test_fingerprint_follows_the_article_set(arc):
    fps = {arc.fingerprint()}
    a = arc.add(record("A\n\nmột"))
    fps.add(arc.fingerprint())
    arc.add(record("B\n\nhai"))
    fps.add(arc.fingerprint())
    arc.remove(a)
    fps.add(arc.fingerprint())
    assert len(fps) == 4


def test_sqlite_file_is_wal_versioned_and_reopens(tmp_path):
    path = tmp_path / "a.db"
    with open_archive(str(path)) as arc:
        rid = arc.add(record("Tiêu đề\n\nĐảng viên mới.", published="2020-02-02"))
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "figures", "points", "references", "dates", "periods", "events", "entities",
            "keywords", "meta"} <= tables
    con.close()
    with open_archive(path) as arc:
        assert arc.has(rid) and arc.search("dang vien").total == 1


def test_sqlite_refuses_foreign_files(tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    with pytest.raises(ArchiveError, match="not a partytext archive"):
        open_archive(str(other))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError):
        open_archive(str(junk))
    with pytest.raises(ArchiveError, match="does not exist"):
        open_archive(str(tmp_path / "missing" / "a.db"))


def test_sqlite_rebuilds_the_index_when_normalisation_changes(tmp_path):
    path = str(tmp_path / "a.db")
    with open_archive(path) as arc:
        arc.add(record("Tiêu đề\n\nĐảng viên mới."))
        arc.set_meta("norm_signature", "old")
        arc._execute("INSERT INTO fts (fts) VALUES ('delete-all')")
        assert arc.search("dang").total == 0
    with open_archive(path) as arc:
        assert arc.search("dang").total == 1


def test_postgres_unreachable_gives_archive_error():
    with pytest.raises(ArchiveError, match="Cannot connect"):
        open_archive("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


SYLLABLES = ["đảng", "dang", "đang", "viên", "vien", "ủy", "uỷ", "ban", "hòa", "hoà", "tổ", "dân", "phố", "5", "000"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=12), min_size=1, max_size=6),
       phrase=st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3),
       quoted=st.booleans())
def test_random_phrases_match_brute_force_sqlite(docs, phrase, quoted):
    with open_archive(":memory:") as arc:
        texts = [f"Bài {i}\n\n" + ", ".join(d) for i, d in enumerate(docs)]
        ids = [arc.add(record(t)) for t in texts]
        query = '"' + " ".join(phrase) + '"' if quoted else " ".join(phrase)
        q = parse(query)
        expected = {i for i, t in zip(ids, texts) if brute_force_match(q, t)}
        assert {h.id for h in arc.search(query, limit=100).hits} == expected


def test_hit_is_frozen():
    hit = Hit(id="a", source=None, url=None, site=None, title=None, published=None, snippet="", score=0.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.id = "b"  # type: ignore[misc]
