"""Figures on the real sentences of issue 13: each test quotes the sentence it was built from.

The sentences come from ../shared/corpora-raw (path given above each test; the 2017 articles
are also read whole, and skipped when the corpus is absent). A few phrases of the issue
("5,000 đảng viên", "1 250", "đại biểu chính thức thay mặt", "chỉ tiêu gần") come from
articles outside the collections we may read: their tests put the issue's phrase in a
sentence of the same kind.
"""

from __future__ import annotations

import pytest

import partytext as pt
from partytext.inputs import read_article
from partytext.nlp import analyze


def figs(sentence: str) -> list:
    return list(pt.extract("Tiêu đề\n\n" + sentence, steps=["figures"]).figures)


def real(raw_corpus, name: str):
    return pt.extract(read_article(str(raw_corpus / name)), steps=["figures"])


# --- units end at verbs, prepositions and clauses (underthesea POS) -------------------------

# party_related/22708914.txt
KE_KHAI = "sẽ thanh tra việc kê khai tài sản không chỉ theo bản kê khai 2016 nêu trên mà cả trước đó?"
# party_related/22435941.txt
NGAN_TY = ("nhưng đúng ra là anh phải chỉ được chỗ còn thiếu của 23 ngàn tỷ lấy ở đâu thì mới là đồng bộ, "
           "cách làm này phải rút kinh nghiệm")


def test_a_year_before_a_verb_is_no_count():
    assert figs(KE_KHAI) == []


def test_real_article_has_no_unit_that_is_a_verb(raw_corpus):
    for name in ("party_related/22708914.txt", "party_related/22435941.txt"):
        for f in real(raw_corpus, name).figures:
            assert f.unit not in ("nêu", "lấy"), (name, f)
            assert not (f.value == 2016 and f.kind == "count"), (name, f)


def test_bare_thousand_billions_before_a_verb_is_money_not_a_count_of_verbs():
    got = [(f.value, f.kind, f.unit) for f in figs(NGAN_TY)]
    assert got == [(23 * 10**12, "money", "đồng")]


@pytest.mark.parametrize("sentence, unit", [
    # the phrases
    ("Đại hội có 350 đại biểu chính thức thay mặt cho hơn 5.000 đảng viên.", "đại biểu chính thức"),
    ("Năm 2024, huyện hoàn thành 15 chỉ tiêu gần đạt kế hoạch.", "chỉ tiêu"),
    # baomoi-2025-xahoi/53652206.json: "gồm 9 đại biểu chính thức và 1 đại biểu dự khuyết"
    ("Đoàn đại biểu gồm 9 đại biểu chính thức và 1 đại biểu dự khuyết.", "đại biểu chính thức"),
    # party_strong/22738924.txt: "kỷ luật với 7 đảng viên thuộc diện Bộ Chính trị, Ban Bí thư quản lý"
    ("UB Kiểm tra Trung ương đã thi hành kỷ luật với 7 đảng viên thuộc diện Bộ Chính trị, Ban Bí thư quản lý.",
     "đảng viên"),
    # baomoi-2025-xahoi/53654574.json: "15 hộ khác tự nguyện hiến ..."
    ("Ngoài ra còn 15 hộ khác tự nguyện hiến đất làm đường.", "hộ"),
])
def test_unit_is_the_noun_phrase_and_stops_before_the_predicate(sentence, unit):
    f = next(f for f in figs(sentence) if f.kind == "count")
    assert f.unit == unit
    assert f.text.endswith(unit)


def test_verbs_that_name_a_category_stay_in_the_unit():
    got = {f.value: f.unit for f in figs("Đảng bộ có 375 chi bộ trực thuộc, 12 đảng viên dự bị, 3 khâu đột phá và "
                                          "mười lăm tổ công tác.")}
    assert got == {375: "chi bộ trực thuộc", 12: "đảng viên dự bị", 3: "khâu đột phá", 15: "tổ công tác"}


def test_pos_tags_are_computed_only_for_sentences_that_need_them():
    text = ("Tiêu đề không số\n\nCâu này không có con số nào cả. Huyện có 350 đại biểu chính thức thay mặt cho "
            "đảng viên. Một câu khác cũng không có số.")
    doc = analyze(text)
    from partytext.extract.figures import find_figures

    got = find_figures(doc)
    assert [f.unit for f in got] == ["đại biểu chính thức"]
    assert set(doc._tagged) == {doc.sentence_of(text.index("350"))}


# --- trên/dưới: on/under, or more/less than -------------------------------------------------

# baomoi-2025-xahoi/53652?: title "Lâm Đồng công bố tình huống khẩn cấp về thiên tai trên 2 tuyến quốc lộ"
# party_related/22345128.txt: "... thông tin xấu độc tồn tại trên 2 nền tảng này"
# party_strong/22702147.txt: "lượng lương thực bình quân ... đã đạt mức trên 700 kg"
@pytest.mark.parametrize("sentence, value, qualifier", [
    ("Lâm Đồng công bố tình huống khẩn cấp về thiên tai trên 2 tuyến quốc lộ", 2, None),
    ("yêu cầu họ gỡ bỏ những thông tin xấu độc tồn tại trên 2 nền tảng này", 2, None),
    ("Xe đi trên 2 tuyến đường chính của thành phố.", 2, None),
    ("lượng lương thực bình quân trên đầu người của Bắc Kạn hiện nay đã đạt mức trên 700 kg", 700, "more_than"),
    ("Toàn tỉnh có trên 20 tuyến đường bị ngập.", 20, "more_than"),
])
def test_tren_is_a_qualifier_only_before_a_quantity(sentence, value, qualifier):
    f = next(f for f in figs(sentence) if f.value == value)
    assert f.qualifier == qualifier
    assert f.text.startswith("trên") == (qualifier is not None)


# --- numbers that are words or names --------------------------------------------------------

def test_mot_numeral_and_mot_so():
    got = [(f.value, f.unit) for f in figs("Chi bộ đã kỷ luật một số đảng viên, trong đó một đảng viên bị khai trừ.")]
    assert got == [(1, "đảng viên")]


# baomoi-2025-xahoi/53652481.json: "gắn liền với những năm tháng đầu tiên của ngành dầu khí"
def test_nam_thang_is_one_word_not_five_months():
    assert figs("chặng đường chiến đấu và cống hiến của mình, gắn liền với những năm tháng đầu tiên của ngành dầu khí.") == []


# party_related/22345128.txt: "Tôi nói một ví dụ,tại Đại hội 17 Đảng bộ TP. Vinh, ..."
# party_related/21478990.txt: "... Khu công nghiệp Phú Mỹ 2 ..."
@pytest.mark.parametrize("sentence", [
    "Tôi nói một ví dụ,tại Đại hội 17 Đảng bộ TP. Vinh, trong đại hội có tình trạng nhiễu thông tin.",
    "Công ty Cổ phần Thép Pomina 2 đầu tư tại Khu công nghiệp Phú Mỹ 2 với tổng vốn lớn.",
])
def test_a_number_inside_a_name_is_no_count(sentence):
    assert [f for f in figs(sentence) if f.kind == "count"] == []


# --- money, measures, thousands -------------------------------------------------------------

# party_related/22354078.txt
VON = ("Tổng vốn đầu tư ngân sách giải ngân là 64,4 nghìn tỷ, chỉ tăng 3,6% so với cùng kỳ, trong khi tăng "
       "trưởng 4 tháng 2016 là 11,5%.")


def test_bare_nghin_ty_in_a_budget_sentence_is_money():
    f = figs(VON)[0]
    assert (f.value, f.kind, f.unit, f.text) == (64_400_000_000_000, "money", "đồng", "64,4 nghìn tỷ")


def test_bare_nghin_ty_real_article(raw_corpus):
    rec = real(raw_corpus, "party_related/22354078.txt")
    f = next(f for f in rec.figures if f.text == "64,4 nghìn tỷ")
    assert f.kind == "money"


# party_related/22626739.txt and 22492333.txt
SQUARE = ("ông Nguyễn Yên Hiền, Phó Chủ tịch UBND TP Yên Bái đã ký 6 quyết định liên tiếp để chuyển đổi hơn "
          "13.000m 2 đất rừng sản xuất")


def test_square_metres_written_apart():
    got = [(f.value, f.kind, f.unit, f.qualifier) for f in figs(SQUARE)]
    assert got == [(6, "count", "quyết định liên tiếp", None), (13000, "other", "m 2 đất rừng sản xuất", "more_than")]


@pytest.mark.parametrize("sentence, unit", [
    ("Diện tích rừng là 25 km2, có 300 m2 nhà văn hóa.", "km2"),
    ("Khu đất rộng 1.090,2 m2.", "m2"),
])
def test_square_units_glued(sentence, unit):
    assert figs(sentence)[0].unit.startswith(unit) and figs(sentence)[0].kind == "other"


def test_square_metres_real_articles(raw_corpus):
    for name in ("party_related/22626739.txt", "party_related/22492333.txt"):
        rec = real(raw_corpus, name)
        square = [f for f in rec.figures if "13.000m 2" in f.text]
        assert square and all(f.unit.startswith("m 2") for f in square), name
        assert not [f for f in rec.figures if f.value == 2 and "đất" in (f.unit or "")], name


# the phrases (their articles are not in the collections we may read)
@pytest.mark.parametrize("sentence, value, unit", [
    ("Đảng bộ tỉnh hiện có 5,000 đảng viên sinh hoạt tại 120 chi bộ.", 5000, "đảng viên"),
    ("Toàn huyện có 1 250 hộ nghèo được hỗ trợ.", 1250, "hộ nghèo"),
    ("Năm qua kết nạp 1,250 đảng viên mới.", 1250, "đảng viên mới"),
])
def test_comma_and_space_thousands(sentence, value, unit):
    f = figs(sentence)[0]
    assert (f.value, f.unit) == (value, unit)


def test_decimal_commas_stay_decimals():
    got = [(f.value, f.kind) for f in figs("Tăng trưởng 6,5%, thu 1,250 km đường và 2,5 triệu đồng.")]
    assert got == [(6.5, "percent"), (1.25, "other"), (2_500_000, "money")]


# baomoi-2025-xahoi/53652705.json: "Tốc độ tăng trưởng GRDP bình quân 5 năm đạt 10%-10,5%/năm"
@pytest.mark.parametrize("sentence, value, high", [
    ("Tốc độ tăng trưởng GRDP bình quân 5 năm đạt 10%-10,5%/năm; GRDP bình quân đầu người tăng.", 10, 10.5),
    ("tốc độ tăng trưởng tổng sản phẩm trong tỉnh (GRDP) bình quân 5 năm khoảng 10% - 10,5%/năm", 10, 10.5),
    ("Tỷ lệ hộ nghèo giảm từ 3% đến 4%/năm.", 3, 4),
])
def test_percent_ranges_with_a_sign_on_both_ends(sentence, value, high):
    f = next(f for f in figs(sentence) if f.kind == "percent")
    assert (f.value, f.high) == (value, high)


# baomoi-2025-xahoi/53651547.json
def test_measure_ranges_with_a_unit_on_both_ends():
    got = [(f.value, f.high, f.unit) for f in figs("lượng mưa đo được phổ biến từ 550mm đến 1.051mm; mưa hiện tại "
                                                   "đã giảm")]
    assert got == [(550, 1051, "mm")]


# baomoi-2025-xahoi/53652206.json
def test_ratio_in_parentheses_after_a_percentage():
    got = [(f.value, f.high, f.kind, f.unit) for f in figs(
        "Ở phường An Khê, 100% đảng viên chính thức (1.718/1.718) đã hoàn thành việc đổi thẻ.")]
    assert got == [(100, None, "percent", None), (1718, 1718, "ratio", "đảng viên chính thức")]


# --- breakdowns keep their parent -----------------------------------------------------------

# party_related/22458852.txt
def test_money_breakdown_after_trong_do():
    got = figs("Dự án có tổng mức đầu tư 3.100 tỷ đồng, trong đó chi phí xây dựng, thiết bị 820 tỷ đồng; giải "
               "phóng mặt bằng 1.820 tỷ đồng; quản lý dự án, tư vấn và chi phí khác 100 tỷ")
    assert [(f.value, f.part_of) for f in got] == [(3_100 * 10**9, None), (820 * 10**9, 0), (1_820 * 10**9, 0),
                                                   (100 * 10**9, 0)]


# party_related/22433659.txt
def test_hectare_breakdown_after_trong_do():
    got = figs("Diện tích sử dụng đất của Dự án gồm 5.000 ha, trong đó, diện tích đất xây dựng kết cấu hạ tầng cảng "
               "hàng không là 2.750 ha; diện tích đất cho quốc phòng là 1.000 ha.")
    assert [(f.value, f.part_of) for f in got] == [(5000, None), (2750, 0), (1000, 0)]


# real-pages/baocantho-a196670.html
def test_trong_do_opening_a_sentence_takes_the_parent_before():
    got = figs("Qua thanh tra phát hiện 256.341 tỉ đồng vi phạm về kinh tế, 1.414 ha đất. Trong đó đã kiến nghị thu "
               "hồi 210.940 tỉ đồng và 1.027 ha đất; kiến nghị xử lý khác 45.401 tỉ đồng, 387 ha đất.")
    parents = {f.value: (got[f.part_of].value if f.part_of is not None else None) for f in got}
    assert parents[210_940 * 10**9] == parents[45_401 * 10**9] == 256_341 * 10**9
    assert parents[1027] == parents[387] == 1414


def test_trong_do_opening_a_sentence_real_article(raw_corpus):
    # party_strong/22738924.txt: "... có 81 tổ chức và hơn 6.000 đảng viên bị kỷ luật. Trong đó, đặc biệt UB
    # Kiểm tra Trung ương đã thi hành kỷ luật với 7 đảng viên thuộc diện Bộ Chính trị, Ban Bí thư quản lý."
    rec = real(raw_corpus, "party_strong/22738924.txt")
    seven = next(f for f in rec.figures if f.value == 7 and f.unit == "đảng viên")
    assert rec.figures[seven.part_of].value == 6000


# party_related/21478990.txt: "4 dự án đầu tư nước ngoài với tổng vốn đầu tư 311 triệu USD (6.842 tỷ đồng)"
def test_a_currency_conversion_in_parentheses_is_no_breakdown():
    got = figs("Tổng vốn hơn 10.430 tỷ đồng, gồm: 4 dự án trong nước với tổng vốn 3.588 tỷ đồng và 4 dự án nước "
               "ngoài với tổng vốn 311 triệu USD (6.842 tỷ đồng).")
    six = next(f for f in got if f.value == 6_842 * 10**9)
    assert got[six.part_of].value == 10_430 * 10**9


# party_related/22618669.txt: "... phải quy hoạch cho dân số 15-30 triệu người sinh sống ..."
def test_dan_so_is_a_quantity_not_a_number_label():
    f = figs("Thủ tướng cho rằng phải quy hoạch cho dân số 15-30 triệu người sinh sống.")[0]
    assert (f.value, f.high, f.unit.split()[0]) == (15_000_000, 30_000_000, "người")
    assert figs("Người dân đến làm thủ tục tại quầy số 3 của trung tâm.") == []


# Capitalised words inside a unit: baomoi-2025-xahoi/53652004.json ("phê chuẩn hai Phó Chủ tịch UBND TP Hải
# Phòng"), 53653862.json ("23 tổ chức cơ sở Đoàn", "3.780 lượt tuần tra với 24.700 lượt cán bộ"),
# party_strong/22318339.txt ("374 chi bộ trực thuộc Đảng ủy cơ sở"), real-pages/baolaocai-post404649.html ("giải B").
@pytest.mark.parametrize("sentence, unit", [
    ("Thủ tướng phê chuẩn hai Phó Chủ tịch UBND TP Hải Phòng nhiệm kỳ 2021–2026", "Phó Chủ tịch"),
    ("Toàn lực lượng có 23 tổ chức cơ sở Đoàn, 1.200 đoàn viên.", "tổ chức cơ sở Đoàn"),
    ("Đảng bộ có 374 chi bộ trực thuộc Đảng ủy cơ sở.", "chi bộ trực thuộc Đảng ủy cơ sở"),
    ("Đội tuyển giành 2 giải B và 11 giải C.", "giải B"),
    ("Bão đổ bộ vào 4 tỉnh miền Trung.", "tỉnh miền Trung"),
    ("tham gia 3.780 lượt tuần tra với 24.700 lượt cán bộ", "lượt tuần tra"),
])
def test_capitalised_and_verbal_parts_of_a_unit(sentence, unit):
    assert figs(sentence)[0].unit == unit


def test_a_name_after_a_unit_is_not_part_of_it():
    assert figs("Đảng bộ có 12 chi bộ Thôn Đông.")[0].unit == "chi bộ"


# Heads the tagger calls verbs right after a number: party_related/22435848.txt ("UBND tỉnh đã ban hành 8 quyết
# định chấm dứt hoạt động đầu tư dự án"), 22382556.txt ("đã lắp mới 800 trụ. Trong đó có 113 trụ hư hỏng"),
# 22344264.txt ("Trên HoSE, 5/10 cổ phiếu tác động lớn nhất"), 22504061.txt ("vỏn vẹn 3 bì lúa").
@pytest.mark.parametrize("sentence, value, unit", [
    ("Riêng trong tháng 5, UBND tỉnh đã ban hành 8 quyết định chấm dứt hoạt động đầu tư dự án", 8, "quyết định"),
    ("Dự kiến lắp bổ sung 4.353 trụ trong 2016 đã lắp mới 800 trụ. Trong đó có 113 trụ hư hỏng", 800, "trụ"),
    ("Trên HoSE, 5/10 cổ phiếu tác động lớn nhất kéo chỉ số tăng", 5, "cổ phiếu"),
    ("bà chỉ đóng được vỏn vẹn 3 bì lúa.", 3, "bì lúa"),
])
def test_a_noun_the_tagger_calls_a_verb_is_still_the_unit(sentence, value, unit):
    f = next(f for f in figs(sentence) if f.value == value)
    assert f.unit.startswith(unit)


def test_common_verbal_compounds_and_the_dong_abbreviation():
    got = {f.value: (f.kind, f.unit) for f in figs(
        "Lương 2.000.000 đ/tháng; 12 hộ kinh doanh, 3 dự án đầu tư xây dựng và 5 cuộc tiếp xúc cử tri; 2 đ/c được tặng.")}
    assert got == {2_000_000: ("money", "đ/tháng"), 12: ("count", "hộ kinh doanh"),
                   3: ("count", "dự án đầu tư xây dựng"), 5: ("count", "cuộc tiếp xúc cử tri"), 2: ("count", "đ/c")}
