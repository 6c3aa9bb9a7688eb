"""Figures and units on the real sentences of gold-real (second round, issue 13).

Each test quotes the sentence it was built from and names its file under ../shared/corpora-raw
(the gold annotations are corpora/gold-real/<collection>-<id>.json).
"""

from __future__ import annotations

import pytest

import partytext as pt
from partytext.numbers import parse_number_words


def figs(sentence: str) -> list:
    return list(pt.extract("Tiêu đề\n\n" + sentence, steps=["figures"]).figures)


def rows(sentence: str) -> list[tuple]:
    return [(f.value, f.high, f.kind, f.unit, f.qualifier) for f in figs(sentence)]


# --- which numbers are figures ---------------------------------------------------------------

# baomoi-2025-xahoi/53651627.json
OUT_OF = "Tuy nhiên, đến nay mới có 7 trên 34 tỉnh, thành phố hoàn tất việc sắp xếp lực lượng này."


def test_number_on_number_is_a_ratio_not_more_than():
    got = figs(OUT_OF)
    assert [(f.value, f.high, f.kind, f.qualifier) for f in got] == [(7, 34, "ratio", None)]
    assert got[0].unit.startswith("tỉnh") and got[0].text.startswith("7 trên 34 tỉnh")


def test_more_than_alone_stays_a_qualifier():
    assert rows("Đến nay đã có trên 34 tỉnh hoàn tất việc sắp xếp.") == [(34, None, "count", "tỉnh", "more_than")]


# party_strong/21491519.txt
HAI_DANG = ("là cuộc gặp đầu tiên giữa lãnh đạo cao nhất của hai Đảng, hai Nhà nước kể từ sau Đại hội "
            "Đảng toàn quốc lần thứ XII.")


def test_number_words_count_capitalised_party_and_state():
    assert [(f.value, f.unit) for f in figs(HAI_DANG)] == [(2, "Đảng"), (2, "Nhà nước")]


# baomoi-2025-xahoi/53651716.json
TRONG_SO = "Trong số 800.000 người cần lọc máu chu kỳ, chỉ khoảng 33.000 người được điều trị."
TUYP = ("70% ca bệnh thận mạn là hậu quả của việc không phát hiện sớm tăng huyết áp và đái tháo đường "
        "tuýp 2, hai nguyên nhân đang có xu hướng trẻ hóa và gia tăng nhanh.")


def test_trong_so_is_among_not_a_number_label():
    assert [(f.value, f.unit) for f in figs(TRONG_SO)][:2] == [(800000, "người"), (33000, "người")]


def test_a_type_number_is_a_name():
    assert [(f.value, f.unit) for f in figs(TUYP) if f.kind == "count"] == [(2, "nguyên nhân")]
    assert [f.text for f in figs(TUYP) if f.kind == "count"] == ["hai nguyên nhân"]


# party_related/21487592.txt
NHOM = ("cụ thể là khởi sự kinh doanh thuộc nhóm 70 nước đứng đầu; bảo vệ nhà đầu tư thiểu số thuộc "
        "nhóm 80 nước; nộp thuế xếp hạng 167/189, phá sản xếp hạng 125/189 nền kinh tế.")


def test_group_and_rank_words_before_a_counted_noun():
    got = [(f.value, f.high, f.kind, f.unit) for f in figs(NHOM)]
    assert (70, None, "count", "nước") in got and (80, None, "count", "nước") in got
    assert (125, 189, "ratio", "nền kinh tế") in got


@pytest.mark.parametrize("sentence", [
    "Trường hợp này thuộc nhóm 2 theo quy định.",
    # party_strong/22594536.txt: a disability class, not a rank out of 4
    "Đồng chí Nguyễn Hữu Đoài là thương binh hạng 3/4 và đã được tặng Huy hiệu 50 năm tuổi Đảng.",
])
def test_group_and_class_names_stay_names(sentence):
    assert all(f.kind != "ratio" and f.value not in (2, 3) for f in figs(sentence))


def test_number_words_beyond_64_bits_are_no_number():
    assert parse_number_words(["nghìn", "tỷ", "nghìn", "tỷ"]) is None
    assert parse_number_words(["hai", "mươi", "nghìn", "tỷ"]) == 20 * 10**12


# --- the whole counted noun phrase (unit_exact): where it ends ------------------------------

def unit_of(sentence: str, value: float) -> str | None:
    return next(f.unit for f in figs(sentence) if f.value == value)


@pytest.mark.parametrize("path, sentence, value, unit", [
    # verbs (as the tagger sees them) that name the kind of thing counted
    ("party_strong/21471880.txt", "xây dựng lực lượng vũ trang nhân dân để thực hiện hai nhiệm vụ chiến lược "
     "của cách mạng Việt Nam", 2, "nhiệm vụ chiến lược"),
    ("baomoi-2025-xahoi/53651988.json", "Lãnh đạo hai nước đã thống nhất các biện pháp chiến lược, xác định "
     "6 trụ cột hợp tác tương xứng với tầm mức mới của quan hệ song phương.", 6, "trụ cột hợp tác"),
    ("baomoi-2025-xahoi/53651988.json", "Hồ Đại Dũng, cựu Phó Chủ tịch UBND tỉnh Phú Thọ, thực hiện 95 lượt "
     "đánh bạc với số tiền hơn 7 triệu USD.", 95, "lượt đánh bạc"),
    ("baomoi-2025-xahoi/53651627.json", "đưa về cấp xã, mỗi xã có hai cán bộ khuyến nông được biên chế vào "
     "đơn vị dịch vụ công của địa phương.", 2, "cán bộ khuyến nông"),
    ("party_related/22345128.txt", "đại diện Facebook thông báo đã gỡ được hơn 100 tài khoản giả mạo của "
     "những chính khách.", 100, "tài khoản giả mạo"),
    ("party_related/21478990.txt", "Chủ tịch UBND tỉnh Bà Rịa - Vũng Tàu đã trao 8 giấy chứng nhận đăng ký "
     "đầu tư có tổng vốn đăng ký 311 triệu USD.", 8, "giấy chứng nhận đăng ký đầu tư"),
    # compounds that open with a stop word: domestic, with merit, housing, residential land
    ("party_related/21478990.txt", "trong đó có 4 dự án đầu tư trong nước, 4 dự án đầu tư nước ngoài.", 4,
     "dự án đầu tư trong nước"),
    ("baomoi-2025-xahoi/53651716.json", "đoàn công tác đã tổ chức thăm hỏi 02 hộ gia đình có công với cách "
     "mạng, dâng hương tại Đền thờ Vua Hùng.", 2, "hộ gia đình có công"),
    ("baomoi-2025-xahoi/53654138.json", "tại xã Tân Yên (Bắc Ninh) đã 1 ngôi nhà ở bị đổ sập; khoảng 200 ha "
     "diện tích lúa bị ngập.", 1, "ngôi nhà ở"),
    ("baomoi-2025-xahoi/53652970.json", "hiến trên 300m2 đất ở đô thị, tường rào xây dựng kiên cố để làm "
     "đường.", 300, "m2 đất ở đô thị"),
    ("baomoi-2025-xahoi/53654574.json", "trong đó Bí thư Chi bộ hiến hơn 5.000 m2 đất trồng quế 4 năm tuổi.",
     5000, "m2 đất trồng quế"),
    # adjectives the tagger calls particles or adverbs
    ("baomoi-2025-xahoi/53651627.json", "Bộ sẽ tập trung thực hiện 3 nhóm giải pháp chính gồm: Kiện toàn tổ "
     "chức và bảo đảm nguồn lực cho khuyến nông.", 3, "nhóm giải pháp chính"),
    ("party_strong/21471121.txt", "Trong năm 2016, Đảng bộ đã kết nạp được 6 đồng chí Đảng viên mới; xét và "
     "đề nghị trao tặng Huy hiệu Đảng.", 6, "đồng chí Đảng viên mới"),
    # capitalised common nouns and body types
    ("party_strong/22326264.txt", "Hiện nay hai vị cán bộ lão thành Cách mạng đã về hưu và sinh hoạt tại "
     "Đảng bộ phường 12.", 2, "vị cán bộ lão thành Cách mạng"),
    ("party_strong/22278897.txt", "Bộ Chính trị đã thành lập 5 đoàn kiểm tra việc thực hiện Kết luận này đối "
     "với 10 Ban Thường vụ Tỉnh ủy và 5 Ban cán sự Đảng bộ, ngành Trung ương.", 10, "Ban Thường vụ Tỉnh ủy"),
    # a verb that is what the counted people do or undergo ends the phrase
    ("baomoi-2025-xahoi/53651627.json", "cùng hơn 300 đại biểu đại diện lãnh đạo các Ban, Bộ, ngành Trung "
     "ương.", 300, "đại biểu"),
    ("baomoi-2025-xahoi/53651988.json", "Tính đến ngày 1/11, mưa lũ đã làm 22 người chết và mất tích, hơn "
     "120.000 nhà bị ngập.", 22, "người"),
    ("party_related/22618669.txt", "phải quy hoạch cho dân số 15-30 triệu người "
     "sinh sống, chứ không phải chỉ có 2 triệu người.", 15000000, "người"),
    ("party_related/22318259.txt", "Có 22 cá nhân vi phạm Quy định của Ban Thường vụ Thành ủy về trách "
     "nhiệm.", 22, "cá nhân"),
    ("party_strong/22278897.txt", "Bộ Chính trị đã thành lập 5 đoàn kiểm tra việc thực hiện Kết luận này.", 5,
     "đoàn kiểm tra"),
    ("baomoi-2025-xahoi/53652970.json", "Nhân dân trong khối đã ủng hộ xây dựng trên 300 mét đường bê tông "
     "trị giá trên 300 triệu đồng.", 300, "mét đường bê tông"),
    # a comparison, a name and the word that leads a name end it
    ("party_related/22345128.txt", "đã có cuộc làm việc với đại diện cấp cao của hai mạng xã hội lớn nhất "
     "thế giới, là Youtube và Facebook.", 2, "mạng xã hội"),
    ("party_strong/22326959.txt", "là sự ghi nhận những đóng góp, cống hiến của hai vợ chồng ông Phúc cho "
     "Đảng, cho đất nước.", 2, "vợ chồng"),
    ("party_strong/22667741.txt", "Trực tiếp ký văn bản chỉ định thầu 02 dự án đường Phong Châu và đường Cao "
     "Bá Quát - Cầu Lùng chưa đúng với nghị định.", 2, "dự án"),
    ("real-pages/baolaocai-post404649.html", "Những con số biết nói: 298 sáng kiến, 6 giải B, 11 giải C cấp "
     "Quân khu, cùng hàng loạt giải thưởng cấp tỉnh.", 11, "giải C"),
    ("baomoi-2025-xahoi/53651988.json", "Chủ tịch nước Lương Cường đề xuất 3 trọng tâm APEC cần tập trung "
     "thực hiện", 3, "trọng tâm"),
    # a longer word, a continent, a prize rank
    ("baomoi-2025-xahoi/53652765.json", "Bộ trưởng Pete Hegseth đang có chuyến thăm chính thức 4 quốc gia châu Á "
     "gồm Nhật Bản, Malaysia, Việt Nam và Hàn Quốc.", 4, "quốc gia châu Á"),
    ("party_strong/22317158.txt", "Ban Tổ chức trao giải Nhất cho Trường Chính trị Trần Phú. Giải Nhì cho Trường "
     "Cao đẳng Y tế 2 giải Ba cho Trường Cao đẳng VH-TT&DL Nguyễn Du", 2, "giải Ba"),
    # a verb that takes an object is a predicate: "hai bên | thúc đẩy hợp tác quốc phòng"
    ("baomoi-2025-xahoi/53654174.json", "Tổng Bí thư mong muốn hai bên thúc đẩy hợp tác quốc phòng thực chất, "
     "trên cơ sở tôn trọng độc lập, chủ quyền.", 2, "bên"),
])
def test_unit_is_the_whole_counted_noun_phrase(path, sentence, value, unit):
    assert unit_of(sentence, value) == unit, path


def test_classifier_and_defendants_are_counted():
    # baomoi-2025-xahoi/53651988.json
    got = figs("Tòa án nhân dân Thành phố Hà Nội đã mở phiên sơ thẩm xét xử 141 bị cáo, gồm 5 người bị truy "
               "tố tội “Tổ chức đánh bạc” và 136 người bị truy tố tội “Đánh bạc”.")
    assert [(f.value, f.unit) for f in got] == [(141, "bị cáo"), (5, "người"), (136, "người")]
    assert [f.part_of for f in got] == [None, 0, 0]


# baomoi-2025-xahoi/53651731.json and 53652127.json
SPEED = "Các phương tiện khi lưu thông qua cầu Sông Lô đi với tốc độ tối đa không quá 20km/h và không được dừng, đỗ trên cầu."


def test_a_speed_is_one_unit():
    assert rows(SPEED) == [(20, None, "other", "km/h", "at_most")]
    assert figs(SPEED)[0].text == "không quá 20km/h"


# constructed variants of the sentence above: other speed units
@pytest.mark.parametrize("sentence, unit", [("Gió mạnh với tốc độ 15 m/s.", "m/s"), ("Xe chạy 60 km/giờ.", "km/giờ")])
def test_other_speeds_and_tốc_độ_is_no_qualifier(sentence, unit):
    assert rows(sentence) == [(15 if "15" in sentence else 60, None, "other", unit, None)]


# baomoi-2025-xahoi/53651872.json
UY_VIEN = ("Nhiệm kỳ 2025-2030, toàn tỉnh có 9.500 vị ủy viên ủy ban MTTQ cấp xã; trong đó: ủy viên ủy ban tái cử "
           "6.993 vị, tham gia mới 2.507 vị; người ngoài Đảng 1.755 vị (đạt tỷ lệ 18,47%), ủy viên ủy ban là nữ "
           "2.570 vị (đạt tỷ lệ 27,05%).")


def test_honorific_classifier_counts_after_a_capitalised_word():
    got = [f for f in figs(UY_VIEN) if f.kind == "count"]
    assert [(f.value, f.unit) for f in got][1:] == [(6993, "vị"), (2507, "vị"), (1755, "vị"), (2570, "vị")]
    assert [got[0].value] == [9500]
    assert all(figs(UY_VIEN)[f.part_of].value == 9500 for f in got[1:])


# baomoi-2025-xahoi/53651485.json
BHXH = ("So với cùng kỳ năm 2024, cả nước hiện có gần 19,9 triệu người tham gia BHXH tăng khoảng 798.000 người, "
        "trong đó số đóng bảo hiểm xã hội bắt buộc gần 17,7 triệu người, còn tự nguyện hơn 2,13 triệu người.")


def test_an_amount_of_change_is_no_whole_of_a_breakdown():
    got = figs(BHXH)
    parents = {f.value: got[f.part_of].value for f in got if f.part_of is not None}
    assert parents == {17700000: 19900000, 2130000: 19900000}


def test_a_number_word_inside_a_name_is_no_figure():
    # baomoi-2025-xahoi/53653986.json
    assert figs("Ông Hồ Văn Mười yêu cầu Sở Xây dựng, Ban Chỉ huy Phòng thủ dân sự, Công an tỉnh, cùng UBND "
                "phường Xuân Trường - Đà Lạt") == []


def test_a_number_word_after_a_photo_credit_still_counts():
    # party_strong/22326959.txt: the credit "Ảnh: TÁ LÂM" runs into the next sentence
    got = figs("Bí thư Nguyễn Thiện Nhân trao huy hiệu Đảng cho vợ chồng ông Phúc. Ảnh: TÁ LÂM Hai vợ chồng già "
               "đều từng hoạt động trong quân đội.")
    assert [(f.value, f.unit) for f in got] == [(2, "vợ chồng già")]


@pytest.mark.parametrize("path, sentence, expected", [
    ("baomoi-2025-xahoi/53653862.json", "phối hợp đấu tranh, phát hiện, bắt giữ 64 vụ/114 đối tượng chính và 27 đối tượng "
     "liên quan, thu giữ 227 bánh heroin", [(64, "vụ"), (114, "đối tượng chính"), (27, "đối tượng liên quan"),
                                            (227, "bánh heroin")]),
    ("baomoi-2025-xahoi/53652209.json", "hiện vẫn còn 795 hộ/1395 người phải đi sơ tán do nước ngập vào nhà.",
     [(795, "hộ"), (1395, "người")]),
])
def test_two_counts_joined_by_a_slash(path, sentence, expected):
    assert [(f.value, f.unit) for f in figs(sentence)] == expected, path


@pytest.mark.parametrize("sentence", [
    # party_related/22269739.txt, party_related/22550114.txt
    "Bố mẹ cháu Bình đã đến nhà chiến sĩ Bùi Đức Hai cảm ơn.",
    "Tổng Thanh tra Phan Văn Sáu khẳng định, sau khi Thanh tra TP Hà Nội kết thúc thanh tra trực tiếp.",
])
def test_number_words_that_end_a_name(sentence):
    assert figs(sentence) == []


def test_a_sentence_final_particle_ends_the_unit():
    # party_strong/22738166.txt
    got = figs("Mỗi tỉnh chỉ cần một cuộc thôi thì cả nước đã có 63 cuộc rồi.")
    assert [(f.value, f.unit) for f in got] == [(1, "cuộc"), (63, "cuộc")]


@pytest.mark.parametrize("path, sentence, expected", [
    ("party_strong/22414916.txt", "Theo kết quả kiểm tra, trước đó đêm 10/2, 9 cán bộ, đảng viên và một người dân ở "
     "xã Quơn Long vào trụ sở UBND xã tổ chức đánh bài ăn tiền", [(9, "cán bộ"), (1, "người dân")]),
    ("party_related/22583622.txt", "Vì vậy, mặt trận sẽ hiệp thương bổ sung một Phó chủ tịch Ủy ban Trung ương MTTQ "
     "Việt Nam.", [(1, "Phó chủ tịch")]),
])
def test_một_after_a_count_in_a_list_and_before_a_title(path, sentence, expected):
    assert [(f.value, f.unit) for f in figs(sentence)] == expected, path


def test_một_as_an_article_stays_no_number():
    # constructed around "là một trong những nhiệm vụ" (party_strong/21478549.txt)
    assert figs("Đây là một trong những nhiệm vụ trọng tâm và một lần nữa khẳng định vai trò của chi bộ.") == []
