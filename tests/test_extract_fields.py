"""Points, references, dates, periods, events and entities: named patterns, positive and negative."""

from __future__ import annotations

import pytest

import partytext as pt


def record(body: str, published: str | None = None):
    article = pt.Article(text="Tiêu đề\n\n" + body, published=published)
    rec = pt.extract(article)
    rec.check_offsets()
    return rec


# --- points --------------------------------------------------------------------------

def test_mot_la_inline_lowercase_after_colon_and_two_lists():
    rec = record("Cần làm hai việc: Một là, tăng cường kiểm tra; Hai là, xử lý nghiêm. "
                 "Rút ra 3 bài học kinh nghiệm: một là, phải đoàn kết. Hai là, phải dân chủ. Ba là, phải kỷ luật.")
    assert [(p.list, p.ordinal, p.text) for p in rec.points] == [
        (0, 1, "tăng cường kiểm tra"), (0, 2, "xử lý nghiêm."),
        (1, 1, "phải đoàn kết."), (1, 2, "phải dân chủ."), (1, 3, "phải kỷ luật.")]
    assert rec.points[0].heading == "Cần làm hai việc:"
    assert "bài học" in rec.points[2].heading


def test_thu_nhat_with_and_without_comma_and_a_glued_caption():
    rec = record("Có 4 giải pháp cơ bản. Thứ nhất, nâng cao nhận thức. Thứ hai, đổi mới phương thức. "
                 "Thứ ba là tăng cường kiểm tra. Đồng chí Bí thư phát biểu. Ảnh: TL Thứ tư, kiện toàn tổ chức.")
    assert [(p.ordinal, p.text) for p in rec.points] == [
        (1, "nâng cao nhận thức."), (2, "đổi mới phương thức."), (3, "tăng cường kiểm tra."), (4, "kiện toàn tổ chức.")]


def test_mixed_word_and_digit_markers():
    rec = record("Phong trào thành công nhờ hai yếu tố: Một là chi bộ ấp đưa nội dung vào nghị quyết, "
                 "và 2 là mỗi đảng viên nhận đỡ đầu từ 3 đến 5 hộ.")
    assert [p.text[:10] for p in rec.points] == ["chi bộ ấp ", "mỗi đảng v"]


def test_numbered_lettered_and_dash_lists():
    rec = record("Kết quả:\n1. Kiểm tra 5 tổ chức.\n2. Giám sát 7 đảng viên.\n\n"
                 "Các vi phạm sau: a) Vi phạm nguyên tắc. b) Buông lỏng lãnh đạo. c) Để xảy ra sai phạm.\n\n"
                 "Tỉnh Bà Rịa - Vũng Tàu có 3 doanh nghiệp vi phạm: - Công ty A nợ thuế. - Công ty B chậm nộp. - Công ty C vi phạm.")
    lists = {}
    for p in rec.points:
        lists.setdefault(p.list, []).append(p.text)
    assert list(lists.values()) == [
        ["Kiểm tra 5 tổ chức.", "Giám sát 7 đảng viên."],
        ["Vi phạm nguyên tắc.", "Buông lỏng lãnh đạo.", "Để xảy ra sai phạm."],
        ["Công ty A nợ thuế.", "Công ty B chậm nộp.", "Công ty C vi phạm."],
    ]


@pytest.mark.parametrize("body", [
    "Thứ Hai, 12/05/2025 - 08:30",
    "Năm là năm bản lề của nhiệm kỳ.",
    "Tỉnh Bà Rịa - Vũng Tàu và tỉnh Thừa Thiên - Huế.",
    "Một là đủ.",
])
def test_not_points(body):
    assert record(body).points == ()


# --- references ----------------------------------------------------------------------

@pytest.mark.parametrize("body, rtype, symbol, issuer, date", [
    ("Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Trung ương", "nghị quyết", "21-NQ/TW", "TW", "2022-06-16"),
    ("thực hiện Chỉ thị 05-CT/TW", "chỉ thị", "05-CT/TW", "TW", None),
    ("Quy định 29-QĐ/TW ngày 25/7/2016", "quy định", "29-QĐ/TW", "TW", "2016-07-25"),
    ("Quyết định số 194-QĐ/ĐU, ngày 26/01/2026", "quyết định", "194-QĐ/ĐU", "ĐU", "2026-01-26"),
    ("Kết luận 21-KL/TW", "kết luận", "21-KL/TW", "TW", None),
    ("Hướng dẫn 12-HD/BTCTW", "hướng dẫn", "12-HD/BTCTW", "BTCTW", None),
    ("Kế hoạch số 248-KH/TU ngày 9-8-2019", "kế hoạch", "248-KH/TU", "TU", "2019-08-09"),
    ("Nghị định số 178/2024/NĐ-CP", "nghị định", "178/2024/NĐ-CP", "CP", None),
    ("Luật 80/2015/QH13", "luật", "80/2015/QH13", "QH", None),
    ("Nghị quyết 100/NQ-CP", "nghị quyết", "100/NQ-CP", "CP", None),
])
def test_references(body, rtype, symbol, issuer, date):
    refs = record(body).references
    assert [(r.type, r.symbol, r.issuer, r.date) for r in refs] == [(rtype, symbol, issuer, date)]


@pytest.mark.parametrize("body", ["đạt 21/25 cơ sở", "63/63 tỉnh, thành phố", "tỷ lệ 3/4"])
def test_ratios_are_not_references(body):
    assert record(body).references == ()


# --- dates and periods -----------------------------------------------------------------

@pytest.mark.parametrize("body, value", [
    ("ngày 25/7/2016", "2016-07-25"), ("hôm 25-7-2008", "2008-07-25"), ("từ 4.1.2017", "2017-01-04"),
    ("Ngày 15 tháng 01 năm 1961", "1961-01-15"), ("tháng 6/2023", "2023-06"), ("năm 2024", "2024"),
    ("cuối năm 2020", "2020"),
])
def test_dates(body, value):
    assert [d.value for d in record(body).dates] == [value]


def test_yearless_date_takes_the_article_year_when_known():
    assert [d.value for d in record("(GLO)- Ngày 27-1, đảng bộ họp.").dates] == ["--01-27"]
    assert [d.value for d in record("(GLO)- Ngày 27-1, đảng bộ họp.", published="2026-01-28").dates] == ["2026-01-27"]


def test_day_ranges():
    assert [d.value for d in record("từ ngày 11 đến 19-2-1951").dates] == ["1951-02-11", "1951-02-19"]
    assert [d.value for d in record("Trong 2 ngày 25 và 26/9/2023").dates] == ["2023-09-25", "2023-09-26"]


@pytest.mark.parametrize("body, years, kind", [
    ("nhiệm kỳ 2020 – 2025", (2020, 2025), "term"), ("nhiệm kì 2015 - 2020", (2015, 2020), "term"),
    ("giai đoạn 2021-2025", (2021, 2025), "phase"), ("(2016-2020)", (2016, 2020), "span"),
    ("tháng 1/2004 - 5/2010", (2004, 2010), "span"),
])
def test_periods(body, years, kind):
    rec = record(body)
    assert [((p.start_year, p.end_year), p.kind) for p in rec.periods] == [(years, kind)]
    assert rec.dates == ()


# --- events and entities ---------------------------------------------------------------

@pytest.mark.parametrize("body, events", [
    ("Đại hội Đảng bộ Thành phố lần thứ X", [("congress", 10)]),
    ("Đại hội đại biểu toàn quốc lần thứ XIII", [("congress", 13)]),
    ("Đại hội XIV của Đảng", [("congress", 14)]),
    ("Hội nghị Trung ương 4 khóa XII", [("plenum", 4), ("term", 12)]),
    ("Hội nghị lần thứ 14 Ban Chấp hành Đảng bộ tỉnh", [("plenum", 14)]),
    ("khoá 13", [("term", 13)]),
    ("Đại hội đã diễn ra trong 3 ngày", []),
])
def test_events(body, events):
    assert [(e.kind, e.ordinal) for e in record(body).events] == events


def test_entities():
    # docs/gold.md (gold-real): PER without its title, LOC without the lower-case level word
    rec = record("Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy Gia Lai, làm việc với Ban Tổ chức Trung ương "
                 "và Ủy ban Kiểm tra Thành ủy tại xã Ia Ka, huyện Chư Păh.")
    got = {(e.type, e.text) for e in rec.entities}
    assert {("PER", "Nguyễn Văn An"), ("ORG", "Tỉnh ủy Gia Lai"), ("ORG", "Ban Tổ chức Trung ương"),
            ("ORG", "Ủy ban Kiểm tra Thành ủy"), ("LOC", "Ia Ka"), ("LOC", "Chư Păh")} <= got


@pytest.mark.parametrize("body, expected", [
    ("Bí thư Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng và Chủ tịch UBND tỉnh Lê Hải Hòa dự họp.",
     [("ORG", "Tỉnh ủy Hà Tĩnh"), ("PER", "Hoàng Trung Dũng"), ("ORG", "UBND tỉnh"), ("PER", "Lê Hải Hòa")]),
    ("Theo bà Lý Thị Huệ, Sở Tư pháp và Quận ủy quận 2 đã làm việc tại TP. Đà Nẵng.",
     [("PER", "Lý Thị Huệ"), ("ORG", "Sở Tư pháp"), ("ORG", "Quận ủy quận 2"), ("LOC", "TP. Đà Nẵng")]),
    ("Ông Chính nói Bộ trưởng đã báo cáo; Trường Chinh và Tổng Bí thư Trường Chinh.",
     [("PER", "Chính"), ("PER", "Trường Chinh"), ("PER", "Trường Chinh")]),
    ("UBKT các cấp và Đảng ủy viên các chi bộ", []),  # generic: no one body
    ("Theo Ủy ban Kiểm tra (UBKT) Thành ủy Đà Nẵng, Tập đoàn Dầu khí Quốc gia Việt Nam (Petrovietnam) và "
     "Petrovietnam", [("ORG", "Ủy ban Kiểm tra (UBKT) Thành ủy Đà Nẵng"),
                      ("ORG", "Tập đoàn Dầu khí Quốc gia Việt Nam (Petrovietnam)"), ("ORG", "Petrovietnam")]),
    ("Bí thư Huyện ủy Tân Yên Dương Đức Thảo cho biết", [("ORG", "Huyện ủy Tân Yên"), ("PER", "Dương Đức Thảo")]),
    ("Ban Bí thư Trung ương Đảng và Ban Tuyên giáo tỉnh ủy họp", [("ORG", "Ban Bí thư Trung ương Đảng"),
                                                                  ("ORG", "Ban Tuyên giáo tỉnh ủy")]),
    ("Đầu năm 2017, tỉnh Bà Rịa - Vũng Tàu cấp phép. Tại quận 2, báo cáo cho biết",
     [("LOC", "Bà Rịa - Vũng Tàu"), ("LOC", "quận 2")]),
    ("Ban Tổ chức kiểm tra Viện Kiểm sát; Trường Dạy nghề số 8 và Trường ĐH Trần Đại Nghĩa; đại biểu Quốc hội tỉnh "
     "Điện Biên", [("ORG", "Ban Tổ chức"), ("ORG", "Viện Kiểm sát"), ("ORG", "Trường Dạy nghề số 8"),
                   ("ORG", "Trường ĐH Trần Đại Nghĩa"), ("ORG", "Quốc hội"), ("LOC", "Điện Biên")]),
    ("Quận ủy Tân Phú nhiệm kỳ 2015 - 2020 và Công ty Constrexim - Bộ Xây dựng",
     [("ORG", "Quận ủy Tân Phú"), ("ORG", "Công ty Constrexim"), ("ORG", "Bộ Xây dựng")]),
])
def test_entity_boundaries(body, expected):
    assert [(e.type, e.text) for e in record(body).entities] == expected


# --- issue 13: calendar dates, yearless dates near the publication date ---------------------

@pytest.mark.parametrize("body", ["Hạn chót là ngày 2024-02-31.", "Ngày 31/2/2024 không có.", "ngày 31/4/2023", "ngày 30.2.2020"])
def test_impossible_calendar_dates_are_not_dates(body):
    assert [d.value for d in record(body).dates] == []


def test_a_leap_day_is_a_date():
    assert [d.value for d in record("Ngày 29/2/2024, chi bộ họp.").dates] == ["2024-02-29"]


@pytest.mark.parametrize("body, published, value", [
    ("Ngày 25/12, chi bộ tổng kết năm.", "2025-01-03", "2024-12-25"),          # the case
    ("Ngày 25/12, chi bộ tổng kết năm.", "2025-12-30T08:00:00Z", "2025-12-25"),
    ("Dự báo mưa lớn từ ngày 3/11.", "2025-11-02T06:16:00.000Z", "2025-11-03"),  # an announcement
    ("Ngày 29/2, chi bộ họp.", "2025-03-05", "2024-02-29"),
])
def test_yearless_date_takes_the_year_nearest_the_publication(body, published, value):
    assert [d.value for d in record(body, published=published).dates] == [value]


@pytest.mark.parametrize("body, published, values", [
    ("Trong hai ngày 1-2/11, đoàn viên ra quân.", "2025-11-02", ["2025-11-01", "2025-11-02"]),
    ("chỉ trong 3 ngày (28 - 30/10), ngân hàng hỗ trợ", "2025-11-02", ["2025-10-28", "2025-10-30"]),
    ("mưa từ đêm 29/10 đến 1/11, nước lên", "2025-11-02", ["2025-10-29", "2025-11-01"]),
    ("hoàn thành dịp 19/12 tới đây", "2025-11-02", ["2025-12-19"]),
    ("Chiều nay 2/11, thôn họp. Chiều 2 -11, sở họp.", "2025-11-02", ["2025-11-02", "2025-11-02"]),
    ("Tính đến cuối tháng 10, dự án đạt 80%.", "2025-11-02", ["2025-10"]),
    ("Tính đến cuối tháng 10, dự án đạt 80%.", None, []),          # no publication date: no year
    ("tối 8.6, bà Tâm trao đổi", None, ["--06-08"]),
    ("Hội nghị lần thứ 8, khóa V (6/1985), bàn về giá", None, ["1985-06"]),
    ("Trong 2 năm 2017 và 2018, nếu tiết kiệm", None, ["2017", "2018"]),
    ("đạt 8.6 triệu đồng; tăng 2.3%", None, []),
])
def test_more_date_forms_of_real_articles(body, published, values):
    assert [d.value for d in record(body, published=published).dates] == values


@pytest.mark.parametrize("body, events", [
    ("Đoàn trường tổ chức Đại hội Đại biểu lần thứ VII, nhiệm kỳ 2025 – 2030.", [("congress", 7)]),
    ("Hội nghị Đoàn Chủ tịch Ủy ban MTTQ Việt Nam lần thứ 12 (khóa VIII)", [("plenum", 12), ("term", 8)]),
    ("từ Hội nghị lần thứ 6, 7 và 8 Ban Chấp hành Trung ương", [("plenum", 6), ("plenum", 7), ("plenum", 8)]),
    ("tại Đại hội 17 Đảng Cộng sản Trung Quốc", [("congress", 17)]),
    ("Đại hội 17 đoàn viên", []),
])
def test_more_events_of_real_articles(body, events):
    assert [(e.kind, e.ordinal) for e in record(body).events] == events


@pytest.mark.parametrize("body, values", [
    ("Trong hai ngày 9 và 10-2, đồng chí Bí thư làm việc.", ["--02-09", "--02-10"]),
    ("vợ ông là bà Thành (SN 1963, trú phường Đống Đa)", ["1963"]),
    ("tăng gần 7% so với 2015; trong đó", ["2015"]),
    ("họp mặt Doanh nghiệp và Nhà đầu tư Xuân Đinh Dậu 2017. Ông Lĩnh nói", ["2017"]),
    ("báo cáo phương hướng chương trình công tác 2017 và các kiến nghị", ["2017"]),
])
def test_day_pairs_birth_years_and_compared_years(body, values):
    assert [d.value for d in record(body).dates] == values


def test_plenum_numbered_in_words():
    rec = record("Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XII đã họp phiên bế mạc.")
    assert [(e.kind, e.ordinal) for e in rec.events] == [("plenum", 5), ("term", 12)]


@pytest.mark.parametrize("body, ordinal", [
    ("Theo báo cáo tại Đại hội đại biểu Hội Nông dân tỉnh lần thứ XI, nhiệm kỳ 2023 – 2028", 11),
    ("Đại hội Hội Liên hiệp Phụ nữ tỉnh lần thứ XV", 15),
    ("Đại hội Hội Cựu chiến binh huyện lần thứ 7", 7),
])
def test_congresses_of_mass_organisations(body, ordinal):
    assert [(e.kind, e.ordinal) for e in record(body).events] == [("congress", ordinal)]


@pytest.mark.parametrize("body, terms", [
    ("Ủy viên Ban Chấp hành Trung ương Đảng các khóa 3, 4; đại biểu Quốc hội từ khóa 2 đến khóa 6;", [3, 4, 2, 6]),
    ("Ban Chấp hành khóa 13, 5 đồng chí được bầu", [13]),  # a count after the term is no term
])
def test_listed_terms(body, terms):
    assert [e.ordinal for e in record(body).events if e.kind == "term"] == terms
