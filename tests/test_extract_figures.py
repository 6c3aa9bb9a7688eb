"""Figures: a table of what is and is not a quantity, with value, kind, unit and qualifier."""

from __future__ import annotations

import pytest

import partytext as pt


def figures(body: str):
    record = pt.extract("Tiêu đề\n\n" + body)
    record.check_offsets()
    return record.figures


def one(body: str):
    found = figures(body)
    assert len(found) == 1, [(f.value, f.text) for f in found]
    return found[0]


@pytest.mark.parametrize(
    "body, value, kind, unit, qualifier",
    [
        ("Đảng bộ có hơn 5.000 đảng viên.", 5000, "count", "đảng viên", "more_than"),
        ("Tổng số 849.675 đảng viên.", 849675, "count", "đảng viên", None),
        ("Tỷ lệ đạt 71,29%.", 71.29, "percent", None, None),
        ("Chỉ còn 0,4% hộ nghèo.", 0.4, "percent", None, None),
        ("Dân số khoảng 1,5 triệu người.", 1_500_000, "count", "người", "about"),
        ("Có hơn 200 nghìn hội viên.", 200_000, "count", "hội viên", "more_than"),
        ("Tổng vốn gần 2,3 tỷ đồng.", 2_300_000_000, "money", "đồng", "nearly"),
        ("Thu ngân sách đạt 3.215 tỷ đồng.", 3_215_000_000_000, "money", "đồng", None),
        ("Huyện có 09 đảng bộ trực thuộc.", 9, "count", "đảng bộ", None),
        ("Trạm y tế có 1chi bộ.", 1, "count", "chi bộ", None),
        ("Kỷ luật chín đảng viên vi phạm.", 9, "count", "đảng viên", None),
        ("Chi bộ có 1 đảng viên dự bị.", 1, "count", "đảng viên dự bị", None),
        ("Đã kỷ luật một tổ chức đảng.", 1, "count", "tổ chức đảng", None),
        ("Có hai mươi mốt chi bộ.", 21, "count", "chi bộ", None),
        ("Thành lập mười lăm tổ công tác.", 15, "count", "tổ công tác", None),
        ("100% chi bộ xếp loại tốt.", 100, "percent", None, None),
        ("Mức hỗ trợ 30 triệu đồng/năm.", 30_000_000, "money", "đồng/năm", None),
        ("Kế hoạch chi 1,2 tỷ USD.", 1_200_000_000, "money", "USD", None),
        ("Sau 5 năm thực hiện nghị quyết.", 5, "duration", "năm", None),
        ("Trong 6 tháng đầu năm.", 6, "duration", "tháng", None),
        ("Sau hai năm triển khai.", 2, "duration", "năm", None),
        ("Bí thư 47 tuổi.", 47, "other", "tuổi", None),
        ("Nhà máy công suất 600.000 tấn/năm.", 600_000, "other", "tấn/năm", None),
        ("Sản lượng 610 triệu lít/năm.", 610_000_000, "other", "lít/năm", None),
        ("Tổng số thôn, làng, tổ dân phố là 248.", 248, "count", "thôn", None),
        ("Tuổi đời bình quân của đảng viên mới là 28,5.", 28.5, "other", "tuổi", None),
        ("Tỷ lệ hộ nghèo dưới 3%.", 3, "percent", None, "less_than"),
        ("Có chưa đến 10 hộ.", 10, "count", "hộ", "less_than"),
        ("Kết nạp ít nhất 50 đảng viên.", 50, "count", "đảng viên", "at_least"),
        ("Tối thiểu 3 đảng viên.", 3, "count", "đảng viên", "at_least"),
        ("Không dưới 20 buổi sinh hoạt.", 20, "count", "buổi", "at_least"),
        ("Tối đa 30 ngày.", 30, "duration", "ngày", "at_most"),
        ("Không quá 15 người.", 15, "count", "người", "at_most"),
        ("Chi bộ có chừng 40 hội viên.", 40, "count", "hội viên", "about"),
        ("Xấp xỉ 12% dân số.", 12, "percent", None, "about"),
        ("Tỷ lệ hộ nghèo còn khoảng 1,5%.", 1.5, "percent", None, "about"),
        ("Kết nạp đạt tỷ lệ gần 50%.", 50, "percent", None, "nearly"),
        ("Phấn đấu kết nạp từ 7% trở lên.", 7, "percent", None, "at_least"),
    ],
)
def test_quantities(body, value, kind, unit, qualifier):
    f = one(body)
    assert (f.value, f.kind, f.qualifier) == (value, kind, qualifier)
    if unit is not None:
        assert unit in f.unit
    assert f.text in body


@pytest.mark.parametrize(
    "body",
    [
        "Một số cấp ủy chưa quan tâm.",
        "Xuất phát từ một tổ chức với nhiều thành viên.",
        "Đó là trách nhiệm của một đảng viên.",
        "Năm 2006, tỉnh có nhiều đổi mới.",
        "Cuộc họp diễn ra vào thứ 4 hằng tuần.",
        "Trụ sở đặt tại số 12 Tôn Đản.",
        "Liên hệ đường dây nóng 0913123456.",
        "Theo Nghị quyết số 21-NQ/TW ngày 16/6/2022.",
        "Ngày 25/7/2016 ban hành quyết định.",
        "Người dân quận 2 đồng tình.",
        "Khu công nghiệp Phú Mỹ 2 hoạt động ổn định.",
        "Công ty Thép Pomina 2 vi phạm.",
        "Thực hiện phong trào \"3 không\" ở khu dân cư.",
        "Mô hình tổ tự quản 5 biết được nhân rộng.",
        "Theo khoản 2 và 3 Điều 21 của Điều lệ.",
        "Đại hội lần thứ X đã thành công.",
        "Hội nghị Trung ương 4 khóa XII bàn về xây dựng Đảng.",
        "Ban Chấp hành khóa 13 họp phiên đầu.",
        "Thủ đô ngàn năm văn hiến.",
        "Thất thoát hàng trăm tỷ đồng.",
        "nhiệm kỳ 2020 – 2025 và giai đoạn 2021-2025.",
    ],
)
def test_not_quantities(body):
    assert figures(body) == (), [(f.value, f.text) for f in figures(body)]


def test_list_markers_are_not_figures():
    found = figures("Có hai giải pháp: Một là, tăng cường; và 2 là, kiểm tra thường xuyên.\n1. Rà soát.\n2. Củng cố.")
    assert [(f.value, f.unit) for f in found] == [(2, "giải pháp")]  # the announced count, not the markers


def test_change_and_a_fall_between_two_figures():
    found = figures("Số hộ nghèo giảm từ 842 xuống còn 603 hộ; số đảng viên tăng thêm 120 người.")
    assert [(f.value, f.change) for f in found] == [(842, "decrease"), (603, "decrease"), (120, "increase")]


def test_ranges():
    f = one("Mỗi đảng viên giúp từ 3 đến 5 hộ.")
    assert (f.value, f.high, f.unit) == (3, 5, "hộ")
    f = one("Khoảng 120-150 đại biểu tham dự.")
    assert (f.value, f.high, f.qualifier) == (120, 150, "about")


def test_ratio_achieved_over_target():
    f = one("Kết nạp được 195/160 đảng viên, vượt chỉ tiêu.")
    assert (f.kind, f.value, f.high, f.unit) == ("ratio", 195, 160, "đảng viên")


def test_units_shared_through_a_list():
    found = figures("Đã kiểm tra 796 tổ chức đảng, 1.256 đảng viên; giám sát 231 tổ chức đảng.")
    assert [(f.value, f.unit) for f in found] == [(796, "tổ chức đảng"), (1256, "đảng viên"), (231, "tổ chức đảng")]
    found = figures("UBKT kiểm tra 32 và giám sát 45 tổ chức đảng.")
    assert [(f.value, f.unit) for f in found] == [(32, "tổ chức đảng"), (45, "tổ chức đảng")]


def test_breakdowns():
    found = figures("Toàn tỉnh có 248 thôn, trong đó có 165 tổ dân phố, 41 thôn và 42 làng.")
    assert [f.part_of for f in found] == [None, 0, 0, 0]
    found = figures("Kết nạp 60 đảng viên (21 đảng viên nữ, 39 đảng viên trẻ). Có 5 chi bộ mới.")
    assert [f.part_of for f in found] == [None, 0, 0, None]
    found = figures("Đảng bộ gồm 36 tổ chức cơ sở đảng, gồm 12 đảng bộ cơ sở và 24 chi bộ cơ sở.")
    assert [f.part_of for f in found] == [None, 0, 0]


def test_percent_subject():
    f = one("Tỉ lệ tổ chức cơ sở đảng trong sạch, vững mạnh trung bình hằng năm chiếm 71,29%.")
    assert f.subject == "Tỉ lệ tổ chức cơ sở đảng trong sạch, vững mạnh"


def test_every_mention_in_the_title_too():
    record = pt.extract("Kết nạp 250 đảng viên mới\n\nNăm nay Đảng bộ kết nạp 250 đảng viên mới.")
    assert [f.value for f in record.figures] == [250, 250]
    assert record.figures[0].start < len("Kết nạp 250 đảng viên mới")
