"""References and their dates on real sentences (issue 13): each test quotes the sentence it was
built from and names its file under ../shared/corpora-raw. The quoted sentences are tested on
their own; the whole articles are read too, and those tests skip when the corpus is absent.
"""

from __future__ import annotations

import pytest

import partytext as pt
from partytext.inputs import read_article
from partytext.records import Article, Record, Reference
from partytext.scoring import score_record


def refs(sentence: str) -> list[tuple[str, str, str | None]]:
    rec = pt.extract("Tiêu đề\n\n" + sentence, steps=["references"])
    rec.check_offsets()
    return [(r.type, r.symbol, r.date) for r in rec.references]


def real(raw_corpus, rel: str) -> Record:
    path = raw_corpus / rel if not rel.startswith("../") else raw_corpus.parent / rel[3:]
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    rec = pt.extract(read_article(str(path)), steps=["references"], source=rel)
    rec.check_offsets()
    return rec


# --- the date of the clause that issues the reference ---------------------------------------

# party_strong/21471880.txt
CHI_THI_25 = ("Trong kháng chiến chống thực dân Pháp, để tăng cường công tác bảo vệ chính trị nội bộ, chống nội "
              "gián, ngày 25-9-1948, Ban Thường vụ Trung ương Đảng đã ra Chỉ thị số 25-CT/TW về việc “đề phòng "
              "gián điệp chui vào hàng ngũ Đảng và các cơ quan chính quyền”")
NGHI_QUYET_40 = ("Đặc biệt là, ngày 20-1-1962, thay mặt Bộ Chính trị, đồng chí đã ký ban hành Nghị quyết số "
                 "40-NQ/TW về vấn đề củng cố và tăng cường lực lượng Công an")
# party_strong/21478425.txt
NGHI_QUYET_100 = ("Ngày 18/11/2016, Chính phủ ban hành Nghị quyết 100/NQ-CP về “Chương trình hành động của "
                  "Chính phủ nhiệm kỳ 2016 – 2021")
# party_related/21510447.txt
TO_TRINH_02 = ("Ngày 4.1.2017, UBND tỉnh Vĩnh Phúc có Tờ trình số 02/TTr-UBND đề nghị Ban Thường vụ Tỉnh ủy "
               "cho chủ trương")


@pytest.mark.parametrize("sentence, expected", [
    (CHI_THI_25, ("chỉ thị", "25-CT/TW", "1948-09-25")),
    (NGHI_QUYET_40, ("nghị quyết", "40-NQ/TW", "1962-01-20")),
    (NGHI_QUYET_100, ("nghị quyết", "100/NQ-CP", "2016-11-18")),
    (TO_TRINH_02, ("tờ trình", "02/TTr-UBND", "2017-01-04")),
])
def test_a_clause_opening_with_a_date_dates_the_reference_it_issues(sentence, expected):
    assert refs(sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    # party_related/21487592.txt: no date in the clause
    "Cách đây một ngày, Chính phủ ban hành Nghị quyết 19- 2017/NQ-CP về tiếp tục thực hiện",
    # party_strong/21478425.txt: the reference is not what the dated clause issues
    "Ngày 18/11/2016, Chính phủ họp. Tôi cho rằng Nghị quyết số 100/NQ-CP của Chính phủ là rất cần thiết",
    # another date stands between ("ngày 2.6" has no year, and is no full date)
    "Theo đó, ngày 2.6, Bộ Văn hóa - Thể thao & Du lịch ban hành văn bản số 2383/BVHTTDL-TCDL về việc",
])
def test_no_date_is_borrowed_from_outside_the_issuing_clause(sentence):
    assert [d for _, _, d in refs(sentence)] == [None]


def test_a_date_written_after_the_symbol_wins():
    # party_related/22702478.txt
    got = refs("Ngày 7/7, Đoàn kiểm tra theo Quyết định số 469-QĐNS/TW ngày 21/3/2017 của Bộ Chính trị")
    assert got == [("quyết định", "469-QĐNS/TW", "2017-03-21")]


def test_the_truong_chinh_article_dates_every_issued_reference(raw_corpus):
    rec = real(raw_corpus, "party_strong/21471880.txt")
    dated = {(r.symbol, r.date) for r in rec.references}
    for pair in [("25-CT/TW", "1948-09-25"), ("10-CT/TW", "1950-05-05"), ("05-CT/TW", "1951-05-12"),
                 ("07-CT/TW", "1951-05-31"), ("40-NQ/TW", "1962-01-20"), ("250/NĐ-CP", "1981-06-12"),
                 ("100/TTg", "1959-03-03")]:
        assert pair in dated
    # "... Bộ Chính trị ra Nghị quyết số 116-NQ/TW về phân công ..." (no date in its clause)
    assert ("116-NQ/TW", None) in dated


# --- state symbols: a noun and a bare issuer, mixed-case type codes, & in a unit code ---------

def test_a_decree_numbered_by_its_issuer_only():
    # party_strong/21471880.txt
    got = refs("cụ thể hóa Nghị quyết này, Chính phủ ban hành Nghị định số 100/TTg ngày 3-3-1959 về việc "
               "thành lập lực lượng Công an nhân dân vũ trang")
    assert got == [("nghị định", "100/TTg", "1959-03-03")]


def test_a_bare_issuer_without_its_noun_is_no_reference():
    # a court ruling numbered like a symbol, no document noun before it
    assert refs("mẹ con bà Cảnh kiện ra TAND quận 6. Bản án số 48/2012/DSST ngày 19-3-2012 của Tòa án") == []


def test_programme_with_a_mixed_case_type_code():
    # party_strong/21478425.txt
    got = refs("Ủy ban nhân dân tỉnh Kon Tum đã ban hành Chương trình số 3303/CTr-UBND ngày 29/12/2016 thực "
               "hiện các Nghị quyết của Chính phủ")
    assert got == [("chương trình", "3303/CTr-UBND", "2016-12-29")]


def test_an_issuer_code_is_never_a_type():
    # ../baomoi-2025-xahoi/53651731.json
    got = refs("đề xuất của Trung tâm Kỹ thuật đường bộ - Cục Đường bộ Việt Nam tại văn bản số "
               "365/TTKTĐB-KHCN&MT ngày 1/11/2025 về báo cáo kết quả kiểm tra")
    assert got == [("văn bản", "365/TTKTĐB-KHCN&MT", "2025-11-01")]
    # binhvq-news-corpus-sample: no noun and no type code: a state "công văn" (Nghị định 30/2020)
    assert refs("tại số 2000/TCTHADS-NV1 ngày 6-6-2017")[0][0] == "công văn"
    # party_related/22701355.txt: "văn bản" names no type; a type code in the symbol would win over it
    assert refs("theo chỉ đạo tại văn bản số 4060/NHNN-TTGSNH ngày 29/5/2017")[0][0] == "văn bản"
    assert refs("tại văn bản số 85/HD-TLĐ hướng dẫn tuyên truyền")[0][0] == "hướng dẫn"


def test_state_type_codes_and_coordinated_symbols():
    # party_related/22572992.txt: the noun is separated from the number by the name; the code says it
    assert refs("Theo đó, Pháp lệnh Cảnh vệ số 25/2005/PL-UBTVQH11 hết hiệu lực kể từ ngày Luật này có hiệu lực") == [
        ("pháp lệnh", "25/2005/PL-UBTVQH11", None)]
    # ../baomoi-2025-xahoi/53652826.json
    assert refs("UBND tỉnh đã phát đi Công điện khẩn số 18/CĐ-UBND, yêu cầu các địa phương cắm chốt") == [
        ("công điện", "18/CĐ-UBND", None)]
    # party_related/22677082.txt: the second symbol shares the noun of the first
    assert refs("Ngoài ra, tại Giấy giới thiệu số 45/TCMT-GGT và số 46/TCMT-GGT, do ông Tô Văn Vỹ") == [
        ("giấy giới thiệu", "45/TCMT-GGT", None), ("giấy giới thiệu", "46/TCMT-GGT", None)]


def test_spaced_dash_and_lettered_number_in_state_symbols():
    # party_related/22301762.txt
    assert refs("đặc biệt là Nghị quyết số 35/NQ - CP ngày 16-5-2016 của Chính phủ về hỗ trợ") == [
        ("nghị quyết", "35/NQ-CP", "2016-05-16")]
    # party_related/22737748.txt
    assert refs("thuộc các huyện nghèo tại Nghị quyết số 30a/2008/NQ- CP của Chính phủ") == [
        ("nghị quyết", "30a/2008/NQ-CP", None)]


def test_the_real_articles_whole(raw_corpus):
    rec = real(raw_corpus, "party_strong/21478425.txt")
    got = [(r.type, r.symbol, r.date) for r in rec.references]
    assert ("chương trình", "3303/CTr-UBND", "2016-12-29") in got
    assert got.count(("nghị quyết", "100/NQ-CP", "2016-11-18")) == 2  # the lead's and the list's
    rec = real(raw_corpus, "../baomoi-2025-xahoi/53651731.json")
    assert ("văn bản", "365/TTKTĐB-KHCN&MT", "2025-11-01") in [(r.type, r.symbol, r.date) for r in rec.references]


# --- scoring: dash variants in a symbol are typography ----------------------------------------

def test_symbols_compare_ignoring_dash_variants():
    # party_strong/21490865.txt writes "Quyết định số 439 – QĐNS/TW ngày 6/2/2017" (en dash)
    text = "Quyết định số 439 – QĐNS/TW ngày 6/2/2017"
    rec = Record(article=Article(text=text), references=[
        Reference(type="quyết định", symbol="439-QĐNS/TW", text=text, start=0, end=len(text), issuer="TW",
                  date="2017-02-06")])
    gold = {"references": [{"type": "quyết định", "symbol": "439–QĐNS/TW", "date": "2017-02-06"}]}
    score = score_record(gold, rec).scores["references"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
    gold = {"references": [{"type": "quyết định", "symbol": "439/QĐNS-TW"}]}  # other separators still differ
    score = score_record(gold, rec).scores["references"]
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)
