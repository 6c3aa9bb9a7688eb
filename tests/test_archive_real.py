"""The 1,654 real articles of ../shared/corpora-raw (skipped when absent): quoted phrases,
with and without diacritics and in both tone placements, return exactly the articles that
contain those syllables, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from pg_server import postgres_server  # noqa: F401

from partytext.archive import index, open_archive
from partytext.archive.query import CANONICAL, FOLDED, brute_force_match, canonical_form, folded_form, parse, syllables
from partytext.inputs import read_article

PHRASES = [
    '"tổ chức cơ sở đảng"', '"to chuc co so dang"', '"Tổ chức cơ sở Đảng"',
    '"Ủy ban kiểm tra"', '"Uỷ ban kiểm tra"', '"uy ban kiem tra"',
    '"hòa bình"', '"hoà bình"', '"hoa binh"',
    '"đảng viên"', '"dang vien"', '"Đảng viên"',
    '"kỷ luật đảng"', '"ky luat dang"', '"tự diễn biến"', '"tu dien bien"',
    '"tự chuyển hóa"', '"tự chuyển hoá"', '"tu chuyen hoa"',
    '"thành phố Hồ Chí Minh"', '"Bộ Chính trị"', '"bo chinh tri"', '"Thủ tướng Chính phủ"',
    '"chống tham nhũng"', '"Quốc hội"', '"tổ dân phố"', '"to dan pho"', '"đang"', '"dang"',
    '"Thuỷ lợi"', '"thủy lợi"', '"Hoá chất"', '"Ảnh"', '"TP.HCM. Ảnh"', '"tp hcm anh"',
]
OTHER = ['"đảng viên" -"kỷ luật"', '"tham nhũng" OR "lãng phí"', "dang vien ky luat", "Uỷ ban -tỉnh"]
TONE_PAIRS = [('"Ủy ban kiểm tra"', '"Uỷ ban kiểm tra"'), ('"hòa bình"', '"hoà bình"'),
              ('"tự chuyển hóa"', '"tự chuyển hoá"'), ('"Thuỷ lợi"', '"thủy lợi"')]


@pytest.fixture(scope="module")
def corpus(raw_corpus):
    files = sorted(raw_corpus.rglob("*.txt"))
    assert len(files) == 1654
    return {str(p): read_article(str(p)).text for p in files}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def real_archive(request, raw_corpus, corpus, tmp_path_factory):
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("real") / "real.db")
    else:
        from test_archive_relevance import fresh_database

        db = fresh_database(request.getfixturevalue("postgres_server"), "realcorpus")
    report = index(db, [raw_corpus], extract=False)
    assert report.errors == [] and report.added == 1654
    arc = open_archive(db)
    yield arc
    arc.close()


@pytest.fixture(scope="module")
def scan(corpus):
    """Brute-force reference: each article as its canonical and folded syllable strings."""
    forms = {CANONICAL: {}, FOLDED: {}}
    for src, text in corpus.items():
        forms[CANONICAL][src] = " " + " ".join(syllables(canonical_form(text))) + " "
        forms[FOLDED][src] = " " + " ".join(syllables(folded_form(text))) + " "

    def expected(query: str) -> set[str]:
        q = parse(query)

        def ok(src: str) -> bool:
            has = lambda p: f" {p.text} " in forms[p.mode][src]  # noqa: E731 (each phrase in its own form)
            return all(any(has(p) for p in g) for g in q.groups) and not any(has(p) for p in q.excluded)

        return {src for src in corpus if ok(src)}

    # the reference agrees with the library's own brute-force matcher
    q = parse('"tổ chức cơ sở đảng"')
    assert expected(q.text) == {s for s, t in corpus.items() if brute_force_match(q, t)}
    return expected


@pytest.mark.parametrize("query", PHRASES + OTHER)
def test_real_search_equals_syllable_scan(real_archive, scan, query):
    expected = scan(query)
    result = real_archive.search(query, limit=5000)
    assert result.total == len(expected)
    assert {h.source for h in result.hits} == expected


def test_real_phrases_exist_and_variants_agree(real_archive, corpus):
    for a, b in TONE_PAIRS:
        ra = {h.id for h in real_archive.search(a, limit=5000).hits}
        rb = {h.id for h in real_archive.search(b, limit=5000).hits}
        assert ra == rb and ra, (a, b)
    exact = real_archive.search('"tổ chức cơ sở đảng"', limit=5000)
    folded = real_archive.search('"to chuc co so dang"', limit=5000)
    assert 0 < exact.total <= folded.total
    assert {h.id for h in exact.hits} <= {h.id for h in folded.hits}
    # "đảng" typed with marks never matches "dang"/"đang"
    assert real_archive.search('"đang"').total != real_archive.search('"dang"').total


def test_reindexing_the_corpus_changes_nothing(real_archive, raw_corpus):
    before = (real_archive.count(), real_archive.fingerprint())
    report = index(real_archive, [raw_corpus / "party_strong"], extract=False)
    assert report.unchanged == 149 and report.added == report.updated == 0
    assert (real_archive.count(), real_archive.fingerprint()) == before


def test_the_nfd_file_is_stored_nfc_and_found(real_archive, raw_corpus):
    import unicodedata

    nfd_file = str(raw_corpus / "edge_cases" / "22652214.txt")
    hits = real_archive.search(unicodedata.normalize("NFD", '"Luật TP.HCM. Ảnh"'), limit=10).hits
    assert nfd_file in [h.source for h in hits]
    record = real_archive.get(next(h.id for h in hits if h.source == nfd_file))
    assert unicodedata.is_normalized("NFC", record.article.text)
