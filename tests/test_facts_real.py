"""Facts rules taken from misses on gold-real: each case is a sentence of a real article
(quoted, with its path under ../shared/corpora-raw), put in a short text of its own so
the rule is tested apart from the rest of that article."""

from __future__ import annotations

import pytest

import partytext as pt

MAGIZBOX = "baomoi-news-magizbox"


def facts(text: str, published: str | None = "2017") -> dict:
    """value -> (metric, owner text, as_of) of the figures of a plain text."""
    rec = pt.extract(pt.Article(text=text, published=published))
    return {f.value: (f.metric, f.owner["text"] if f.owner else None, f.as_of) for f in rec.figures}


# --- as_of ------------------------------------------------------------------------------

def test_thuc_hien_is_a_verb_not_now():
    # party_strong/21491189.txt: "Kiểm tra 468 tổ chức đảng về thực hiện nhiệm vụ kiểm tra,
    # giám sát, thi hành kỷ luật đảng; giám sát 198 tổ chức đảng, 138 đảng viên." (the year is
    # the "trong năm 2016," of an earlier sentence, not the publication year)
    got = facts("Đà Nẵng: kiểm tra\nTheo báo cáo của Ủy ban Kiểm tra Thành ủy Đà Nẵng, trong năm 2016, "
                "cấp ủy các cấp của TP này đã lãnh đạo tốt. Kiểm tra 468 tổ chức đảng về thực hiện nhiệm vụ "
                "kiểm tra, giám sát, thi hành kỷ luật đảng; giám sát 198 tổ chức đảng, 138 đảng viên.")
    assert got[198][2] == got[138][2] == "2016"


def test_years_up_to_now_are_the_publication_year():
    # 21511472.txt: "Bằng các giải pháp này, hơn bốn năm qua, tỉnh Bắc Giang bầu được 501 đảng
    # viên làm trưởng thôn, 766 đảng viên làm phó thôn"; 22446189.txt: "…, vào giữa tháng 3
    # vừa qua, Huyện ủy Nghĩa Hành cũng đã ban hành các quyết định xử lý kỷ luật đối với 7 đảng viên"
    got = facts("Trưởng thôn\nNăm 2012, tỉnh Bắc Giang bắt đầu làm. Bằng các giải pháp này, hơn bốn năm qua, "
                "tỉnh Bắc Giang bầu được 501 đảng viên làm trưởng thôn, 766 đảng viên làm phó thôn.")
    assert got[501][2] == got[766][2] == "2017"
    got = facts("Kỷ luật\nNăm 2003, xã Hành Dũng giao đất. Liên quan đến sai phạm trong quản lý đất đai tại xã "
                "Hành Dũng, vào giữa tháng 3 vừa qua, Huyện ủy Nghĩa Hành cũng đã ban hành các quyết định xử lý "
                "kỷ luật đối với 7 đảng viên.")
    assert got[7] == ("disciplined_members", "Huyện ủy Nghĩa Hành", "2017")


@pytest.mark.parametrize("text, value", [
    # party_related/22635083.txt: a body's term does not date the next sentences
    ("Kỷ luật\nĐồng chí A là nguyên Bí thư Quận ủy Tân Phú nhiệm kỳ 2010 - 2015, bị kỷ luật. "
     "Với những sai phạm trên, 2 tập thể và 11 Đảng viên bị xử lý kỷ luật liên quan đến vụ việc này.", 11),
    # 22573685.txt: "Phó Thủ tướng Vương Đình Huệ và 8 đảng viên đạt tiêu chuẩn “hoàn thành xuất
    # sắc nhiệm vụ” 5 năm liền (2012-2016) đã được tặng …": a bracketed period explains a noun
    ("Khen thưởng\nCũng tại buổi lễ, Phó Thủ tướng Vương Đình Huệ và 8 đảng viên đạt tiêu chuẩn “hoàn thành "
     "xuất sắc nhiệm vụ” 5 năm liền (2012-2016) đã được tặng giấy khen.", 8),
    # 22738924.txt: "Đề nghị thi hành kỷ luật Ban Cán sự đảng Bộ Tài nguyên và Môi trường nhiệm
    # kỳ 2011 - 2016 bằng hình thức cảnh cáo; thi hành kỷ luật 3 đồng chí nguyên là lãnh đạo …"
    ("Kỷ luật\nĐề nghị thi hành kỷ luật Ban Cán sự đảng Bộ Tài nguyên và Môi trường nhiệm kỳ 2011 - 2016 "
     "bằng hình thức cảnh cáo; thi hành kỷ luật 3 đồng chí nguyên là lãnh đạo Bộ Tài nguyên và Môi trường.", 3),
    # 21511472.txt: a birth year and a "từ năm" bound date nothing after them ("Sinh năm 1964, …",
    # "… trưởng thôn Hội Phú … từ năm 1992, đến năm 1996 được kết nạp vào Đảng")
    ("Trưởng thôn\nSinh năm 1964, với đức tính cần cù, ông làm trưởng thôn từ năm 1992, rồi làm bí thư. "
     "Tỉnh Bắc Ninh có 531 trưởng thôn là đảng viên.", 531),
])
def test_times_that_date_no_later_figure(text, value):
    assert facts(text)[value][2] == "2017"


def test_a_bound_opening_a_sentence_dates_no_later_one():
    # party_related/22635189.txt: "Theo Ban kiểm tra Thành ủy TP.HCM, từ tháng 7/2016 đến nay, Ban
    # Thường vụ Thành ủy TP.HCM đã chỉ đạo …"; later "Kỷ luật khiển trách với 3 phó Ban Bồi thường
    # giải phóng mặt bằng quận, gồm: …"
    got = facts("Kỷ luật\nTheo Ban kiểm tra Thành ủy TP.HCM, từ tháng 7/2016 đến nay, Ban Thường vụ Thành ủy TP.HCM "
                "đã chỉ đạo kiểm điểm. Kỷ luật khiển trách với 3 phó Ban Bồi thường giải phóng mặt bằng quận, gồm: "
                "ông A, ông B, ông C.")
    assert got[3][::2] == ("disciplined_members", "2017")


def test_terms_that_open_a_sentence_still_date_it():
    got = facts("Kỷ luật\nNhiệm kỳ 2015-2020, Tỉnh ủy Nghệ An làm tốt. Tỉnh ủy Nghệ An thi hành kỷ luật 35 đảng viên.")
    assert got[35][2] == "2015-2020"


# --- owner ------------------------------------------------------------------------------

def test_generic_commissions_in_lower_case_name_no_body():
    # party_related/22738117.txt: "Ủy ban kiểm tra các địa phương, đơn vị thi hành kỷ luật 1.641
    # đảng viên"; 22738166.txt: "Ủy ban kiểm tra các cấp cũng đã thi hành kỷ luật hơn 1600 đảng viên"
    got = facts("Kỷ luật đảng viên\nChủ nhiệm Ủy ban Kiểm tra Trung ương phát biểu tại Hà Nội. Ủy ban kiểm tra "
                "các địa phương, đơn vị thi hành kỷ luật 1.641 đảng viên. Ủy ban kiểm tra các cấp cũng đã thi "
                "hành kỷ luật hơn 1600 đảng viên.")
    assert got[1641][1] is None and got[1600][1] is None


@pytest.mark.parametrize("text, value, owner", [
    # party_related/22738166.txt: a clause after a comma with a subject of its own
    ("Kỷ luật\nTrong đó, Ban Bí thư thi hành kỷ luật 2 tổ chức đảng và 5 đảng viên thuộc diện Trung ương quản "
     "lý, Ban chấp hành Trung ương thi hành kỷ luật một cán bộ cấp cao của Đảng.", 1, "Ban chấp hành Trung ương"),
    ("Kỷ luật\nTrong đó, Ban Bí thư thi hành kỷ luật 2 tổ chức đảng và 5 đảng viên thuộc diện Trung ương quản "
     "lý, Ban chấp hành Trung ương thi hành kỷ luật một cán bộ cấp cao của Đảng.", 2, "Ban Bí thư"),
    # 22738924.txt: a clause after ";" ("…; đề nghị Ban Chấp hành Trung ương thi hành kỷ luật 1 đồng
    # chí Ủy viên Bộ Chính trị")
    ("Kỷ luật\nTrong đó UBKT Trung ương kiểm tra 9 tổ chức đảng và 15 đảng viên, quyết định thi hành kỷ luật "
     "4 đồng chí nguyên là lãnh đạo Tập đoàn Dầu khí Quốc gia Việt Nam; đề nghị Ban Chấp hành Trung ương thi "
     "hành kỷ luật 1 đồng chí Ủy viên Bộ Chính trị.", 1, "Ban Chấp hành Trung ương"),
    # 22496325.txt: "Thường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy Quảng Bình cũng đã nghiêm khắc xử
    # lý và phối hợp xử lý 9 trường hợp cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý"
    ("Quảng Bình\nThường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy Quảng Bình cũng đã nghiêm khắc xử lý và phối hợp "
     "xử lý 9 trường hợp cán bộ thuộc diện Ban Thường vụ Tỉnh ủy quản lý.", 9, "Ban Thường vụ Tỉnh ủy Quảng Bình"),
    # 22738117.txt: the bodies a request names are not its subject ("Ủy ban Kiểm tra Trung ương
    # đã kiểm tra …, đề nghị Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư thi hành kỷ luật
    # một tổ chức đảng và 6 đảng viên")
    ("Kỷ luật\nRiêng, Ủy ban Kiểm tra Trung ương đã kiểm tra 9 tổ chức và 15 đảng viên, đề nghị Ban Chấp hành "
     "Trung ương, Bộ Chính trị, Ban Bí thư thi hành kỷ luật một tổ chức đảng và 6 đảng viên.", 6,
     "Ủy ban Kiểm tra Trung ương"),
])
def test_clause_subjects(text, value, owner):
    assert facts(text)[value][1] == owner


# --- metric -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, metric", [
    # party_related/22618669.txt: a post that is part of a count of disciplined members
    ("Kỷ luật\nThi hành kỷ luật Đảng nghiêm túc (Ban Thường vụ Thành ủy kiểm tra, xem xét, xử lý đối với 9 đảng "
     "viên, trong đó có 2 Thành ủy viên).", 2, "disciplined_members"),
    # 22496325.txt: "… đã thi hành kỷ luật 429 trường hợp cán bộ, đảng viên vi phạm …, trong đó có 98
    # trường hợp là người đứng đầu"
    ("Kỷ luật\nCấp ủy các cấp đã thi hành kỷ luật 429 trường hợp cán bộ, đảng viên vi phạm các nội dung cam kết "
     "theo quy định, trong đó có 98 trường hợp là người đứng đầu.", 98, "disciplined_members"),
    # 22635189.txt: "Kỷ luật khiển trách với 3 phó Ban Bồi thường giải phóng mặt bằng quận, gồm: …"
    ("Kỷ luật\nKỷ luật khiển trách với 3 phó Ban Bồi thường giải phóng mặt bằng quận, gồm: ông A, ông B, ông C.",
     3, "disciplined_members"),
    # 22414916.txt (its title's next line): "Ba cán bộ tham gia đánh bạc ăn tiền trong UBND xã Quơn
    # Long bị kỷ luật bằng hình thức khiển trách"; "Cụ thể, 3 cán bộ, Đảng viên bị xử là ông …"
    ("Kỷ luật\nBa cán bộ tham gia đánh bạc ăn tiền trong UBND xã Quơn Long bị kỷ luật bằng hình thức khiển trách.",
     3, "disciplined_members"),
    ("Kỷ luật\nCụ thể, 3 cán bộ, Đảng viên bị xử là ông Nguyễn Văn Núi.", 3, "disciplined_members"),
    # 22574983.txt: "trước đó, 3 cá nhân thuộc Bộ Tài nguyên đã thi hành kỷ luật là nguyên Bộ trưởng …"
    ("Kỷ luật\nTrước đó, 3 cá nhân thuộc Bộ Tài nguyên đã thi hành kỷ luật là nguyên Bộ trưởng Nguyễn Minh Quang.",
     3, "disciplined_members"),
    # 22326959.txt: "… trao huy hiệu 70 năm tuổi Đảng cho hai lão thành cách mạng Nguyễn Ngọc Cẩm …"
    ("Huy hiệu\nSáng cùng ngày, Bí thư Thành ủy cũng đến nhà riêng trao huy hiệu 70 năm tuổi Đảng cho hai lão "
     "thành cách mạng Nguyễn Ngọc Cẩm và Nguyễn Chí Thân.", 2, "party_badges"),
    # 22318259.txt: collectives in a clause that says what they did wrong
    ("Cần Thơ\nQua thực hiện Nghị quyết TƯ 4 khóa XII, Cần Thơ phát hiện 6 tập thể, 32 cá nhân có biểu hiện suy "
     "thoái về tư tưởng chính trị, đạo đức, lối sống.", 6, "party_organisations"),
    # 22318259.txt: a pending sanction is none: "…, cách chức 1 cá nhân, đang xem xét xử lý 1 cá nhân"
    ("Cần Thơ\nKết quả kỷ luật khiển trách 15 cá nhân, cảnh cáo 5 cá nhân, đang xem xét xử lý 1 cá nhân.",
     1, "party_members"),
    # 22738924.txt: "kỷ luật" as a noun's modifier: "kiểm tra việc thi hành kỷ luật đối với 3.830 tổ chức
    # đảng"; "Cấp ủy các cấp giải quyết khiếu nại kỷ luật đảng của 44 đảng viên"
    ("Kiểm tra\nUBKT các cấp kiểm tra việc thi hành kỷ luật đối với 3.830 tổ chức đảng.", 3830, "party_organisations"),
    ("Kiểm tra\nCấp ủy các cấp giải quyết khiếu nại kỷ luật đảng của 44 đảng viên.", 44, "party_members"),
    # 21511472.txt: "Tỉnh Bắc Ninh có 531 trưởng thôn là đảng viên …, 27 trưởng thôn là bí thư chi bộ"
    ("Bắc Ninh\nTỉnh Bắc Ninh có 531 trưởng thôn là đảng viên trong tổng số 731 trưởng thôn, 27 trưởng thôn là bí "
     "thư chi bộ.", 27, "party_members"),
    # xahoi2025 53652206 (baomoi-2025-xahoi): "Phường Quy Nhơn - nơi có số lượng đảng viên lớn nhất tỉnh
    # với hơn 6.600 người - …"
    ("Quy Nhơn\nPhường Quy Nhơn - nơi có số lượng đảng viên lớn nhất tỉnh với hơn 6.600 người - đã triển khai kế "
     "hoạch.", 6600, "party_members"),
    # 21485841.txt: "Đảng bộ quận có 36 Đảng bộ, chi bộ cơ sở với 4.690 đảng viên. Năm 2016, phát
    # triển được 195/160 đảng viên, …"
    ("Quận 2\nĐảng bộ quận có 36 Đảng bộ, chi bộ cơ sở với 4.690 đảng viên.", 36, "grassroots_party_organisations"),
    ("Quận 2\nNăm 2016, phát triển được 195 đảng viên.", 195, "new_party_members"),
    # 21511503.txt: "… giới thiệu được 13.233 đoàn viên Công đoàn ưu tú cho Đảng xem xét kết nạp, qua đó đã
    # có 3.208 đoàn viên ưu tú được kết nạp vào Đảng"
    ("Công đoàn\nCông đoàn các cấp đã giới thiệu được 13.233 đoàn viên Công đoàn ưu tú cho Đảng xem xét kết nạp, "
     "qua đó đã có 3.208 đoàn viên ưu tú được kết nạp vào Đảng.", 13233, "party_candidates"),
    # xahoi2025 53653862: "… 220 đồng chí được kết nạp và 92 đảng viên dự bị được công nhận chính thức"
    ("Lào Cai\nCông tác phát triển Đảng được chú trọng, 220 đồng chí được kết nạp và 92 đảng viên dự bị được "
     "công nhận chính thức.", 92, "party_members"),
])
def test_metric_rules(text, value, metric):
    assert facts(text)[value][0] == metric


def test_inspected_officials_are_not_counted_as_members():
    # party_related/22386454.txt: an inspection of asset declarations is no party context
    got = facts("Kê khai\nBắt đầu từ cuối tháng 5 này, khoảng 1.000 cán bộ thuộc diện Bộ Chính trị, Ban Bí thư quản "
                "lý sẽ được kiểm tra, giám sát việc kê khai tài sản cá nhân.")
    assert got[1000][0] is None


def test_the_body_the_counted_belong_to():
    # party_related/22574983.txt: "Cùng đưa tin về vụ việc, báo Vnexpress thông tin thêm, trước đó,
    # 3 cá nhân thuộc Bộ Tài nguyên đã thi hành kỷ luật là nguyên Bộ trưởng …" (the Bộ TN-MT of an
    # earlier sentence is not carried over it)
    got = facts("Kỷ luật\nThanh tra Bộ TN-MT đã kết luận. Cùng đưa tin về vụ việc, báo Vnexpress thông tin thêm, "
                "trước đó, 3 cá nhân thuộc Bộ Tài nguyên đã thi hành kỷ luật là nguyên Bộ trưởng Nguyễn Minh Quang.")
    assert got[3][:2] == ("disciplined_members", "Bộ Tài nguyên")


def test_the_body_a_sanction_falls_on_is_no_subject():
    # party_strong/22738924.txt: "Đề nghị thi hành kỷ luật Ban Cán sự đảng Bộ Tài nguyên và Môi
    # trường nhiệm kỳ 2011 - 2016 bằng hình thức cảnh cáo; thi hành kỷ luật 3 đồng chí nguyên là
    # lãnh đạo Bộ Tài nguyên và Môi trường, 1 đồng chí Chủ tịch …": the subject is carried
    got = facts("Kỷ luật\nỦy ban Kiểm tra Trung ương họp kỳ thứ 14. Đề nghị thi hành kỷ luật Ban Cán sự đảng Bộ Tài "
                "nguyên và Môi trường nhiệm kỳ 2011 - 2016 bằng hình thức cảnh cáo; thi hành kỷ luật 3 đồng chí "
                "nguyên là lãnh đạo Bộ Tài nguyên và Môi trường, 1 đồng chí Chủ tịch Liên minh Hợp tác xã.")
    assert got[3][1] == got[1][1] == "Ủy ban Kiểm tra Trung ương"


def test_several_sanctions_over_one_count_are_discipline():
    # party_related/22677527.txt (title): "Cách chức, khai trừ Đảng 2 cán bộ Sở TNMT Kon Tum choảng
    # nhau": one was dismissed, one expelled
    assert facts("Cách chức, khai trừ Đảng 2 cán bộ Sở TNMT Kon Tum choảng nhau\nNội dung.")[2][0] == "disciplined_members"
    assert facts("Kỷ luật\nĐảng ủy khai trừ 4 đảng viên.")[4][0] == "expelled_members"
    assert facts("Kỷ luật\nThi hành kỷ luật 41 đảng viên, trong đó cảnh cáo 9 đồng chí, khai trừ 4 đồng chí.")[4][0] == \
        "expelled_members"
    assert facts("Kỷ luật\nThi hành kỷ luật bằng hình thức khai trừ ra khỏi Đảng đối với hai đảng viên và cảnh cáo "
                 "ba đảng viên.")[3][0] == "disciplined_members"
