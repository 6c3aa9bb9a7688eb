"""Extraction on real articles (../shared/corpora-raw; skipped when it is absent)."""

from __future__ import annotations

import unicodedata

import pytest

import partytext as pt
from partytext.inputs import read_article


@pytest.fixture(scope="module")
def real_records(raw_corpus):
    files = sorted((raw_corpus / "party_strong").glob("*.txt")) + sorted((raw_corpus / "party_related").glob("*.txt"))[:100]
    files += [raw_corpus / "party_related" / n for n in ("21486298.txt", "22345128.txt", "22298501.txt")]
    files.append(raw_corpus / "edge_cases" / "22652214.txt")
    return {f.relative_to(raw_corpus).as_posix(): pt.extract(read_article(str(f)), source=str(f)) for f in files}


def test_offsets_and_nfc_hold_on_every_real_article(real_records):
    assert len(real_records) > 200
    for name, rec in real_records.items():
        rec.check_offsets()
        assert unicodedata.is_normalized("NFC", rec.article.text), name
        for f in rec.figures:
            assert f.kind == "percent" or f.unit, (name, f)
            assert not (f.kind == "count" and 1900 <= f.value <= 2100 and f.unit and f.unit.startswith("năm")), (name, f)


def test_discipline_report_counts(real_records):
    rec = real_records["party_strong/21491189.txt"]
    got = [(f.value, f.unit) for f in rec.figures]
    assert (796, "tổ chức đảng") in got and (1256, "đảng viên") in got
    words = [f for f in rec.figures if f.text in ("một tổ chức đảng", "chín đảng viên")]
    assert {(f.value, f.text) for f in words} == {(1, "một tổ chức đảng"), (9, "chín đảng viên")}


def test_achieved_over_target_and_nested_breakdown(real_records):
    rec = real_records["party_strong/21485841.txt"]
    ratios = [(f.value, f.high, f.unit) for f in rec.figures if f.kind == "ratio"]
    assert (195, 160, "đảng viên") in ratios and (60, 80, "đảng viên") in ratios
    parent = next(i for i, f in enumerate(rec.figures) if f.kind == "ratio" and f.value == 60)
    assert [f.value for f in rec.figures if f.part_of == parent] == [21, 39]


def test_two_series_the_second_lowercase_after_a_colon(real_records):
    rec = real_records["party_related/21486298.txt"]
    assert [(p.list, p.ordinal, p.marker) for p in rec.points] == [
        (0, 1, "Một là,"), (0, 2, "Hai là,"), (1, 1, "một là,"), (1, 2, "Hai là,"), (1, 3, "Ba là,")]
    assert "bài học" in rec.points[2].heading
    assert "Kim Anh/VOV" not in rec.points[-1].text


def test_four_solutions_with_a_glued_caption(real_records):
    rec = real_records["party_related/22345128.txt"]
    first = [p for p in rec.points if p.marker.startswith("Thứ")]  # list 0 is the guests' dash list
    assert [p.marker for p in first] == ["Thứ nhất,", "Thứ hai,", "Thứ ba là", "Thứ tư,"]
    assert "Nguyên Bộ trưởng" not in first[2].text  # the caption glued before "Thứ tư" is cut


def test_the_non_nfc_file_comes_out_nfc(real_records):
    rec = real_records["edge_cases/22652214.txt"]
    assert unicodedata.is_normalized("NFC", rec.article.text)


# --- issue 13: the real-text failures, each from its real sentence ------------------------

def real(raw_corpus, rel: str):
    return pt.extract(read_article(str(raw_corpus / rel)), source=rel)


def test_inline_mixed_markers_mot_la_and_2_la(raw_corpus):
    # "... nói có 2 giải pháp hiệu quả để huy động vốn. Một là Chính phủ nghiên cứu trình Quốc hội
    # cơ chế đặc biệt, và 2 là tiết kiệm chi thường xuyên trên cả nước. Theo ông Chính, ..."
    rec = real(raw_corpus, "party_related/22488772.txt")
    rec.check_offsets()
    assert [(p.ordinal, p.marker, p.text) for p in rec.points] == [
        (1, "Một là", "Chính phủ nghiên cứu trình Quốc hội cơ chế đặc biệt"),
        (2, "2 là", "tiết kiệm chi thường xuyên trên cả nước.")]  # the list ends with its sentence
    assert "giải pháp" in rec.points[0].heading


def test_thu_nhat_thu_hai_inside_one_sentence(raw_corpus):
    # "... không nên ăn cua đồng, vì thứ nhất độc tính trong cua không tốt cho sự phát triển của trẻ;
    # thứ hai, tính hàn sẽ dễ gây ra đau bụng, thậm chí sảy thai hoặc sinh non."
    rec = real(raw_corpus, "random_other/22621241.txt")
    pts = [(p.ordinal, p.text) for p in rec.points]
    assert (1, "độc tính trong cua không tốt cho sự phát triển của trẻ") in pts
    assert (2, "tính hàn sẽ dễ gây ra đau bụng, thậm chí sảy thai hoặc sinh non.") in pts


def test_ordinal_words_after_a_noun_are_not_markers():
    # real phrasing of party_related/21486298-like history texts: "Lần thứ nhất ..., lần thứ hai ..."
    rec = pt.extract("Tiêu đề\n\nÔng thực hiện hai cuộc chuyển hướng. Lần thứ nhất vào năm 1941, "
                     "lần thứ hai vào năm 1986. Tầng thứ nhất là khiển trách, tầng thứ hai là cảnh cáo.")
    assert rec.points == ()


def test_run_on_dash_list_of_eight_projects_on_one_line(raw_corpus):
    # "... 8 dự án vào Bà Rịa-Vũng Tàu - Công ty TNHH Korea Tech & Art Việt Nam với dự án ... 3 triệu USD.
    # - Công ty TNHH Dịch vụ Thương mại Tin học Shinhan ... - Công ty Cổ phần Phát triển nhà tỉnh Bà Rịa - Vũng Tàu ..."
    rec = real(raw_corpus, "party_related/21478990.txt")
    dashes = [p for p in rec.points if p.marker == "-"]
    assert [p.ordinal for p in dashes] == list(range(1, 9))
    assert dashes[0].text.startswith("Công ty TNHH Korea Tech & Art Việt Nam")
    assert dashes[3].text.startswith("Công ty Cổ phần Phát triển nhà tỉnh Bà Rịa - Vũng Tàu")  # a dash in a name
    assert dashes[-1].text.endswith("tổng vốn đầu tư đăng ký 2.200 tỷ đồng.")  # the byline "Thái Minh" is cut
    assert "8 dự án" in dashes[0].heading


def test_reference_dates_written_with_dots(raw_corpus):
    # "... tổ chức thực hiện Kết luận số 24-KL/TW ngày 5.6.2012 của Bộ Chính trị ..."
    rec = real(raw_corpus, "party_related/22370288.txt")
    refs = {(r.symbol, r.date) for r in rec.references}
    assert ("24-KL/TW", "2012-06-05") in refs
    # "... ban hành kèm theo Quyết định số 68/QĐ-TW ngày 4.7.2007 của Bộ Chính trị ..." (same article)
    assert ("68/QĐ-TW", "2007-07-04") in refs


def test_month_written_with_a_dot(raw_corpus):
    # "+ Từ 14.4.2016 đến tháng 9.2016: Ủy viên BCH Trung ương ..."
    rec = real(raw_corpus, "party_related/22585553.txt")
    values = [d.value for d in rec.dates]
    assert "2016-04-14" in values and "2016-09" in values


def entities_near(rec, needle: str, margin: int = 0):
    i = rec.article.text.index(needle)
    return [(e.type, e.text) for e in rec.entities if e.start >= i - margin and e.end <= i + len(needle) + margin]


def test_ba_ria_vung_tau_is_a_place_not_a_person(raw_corpus):
    # "Đại biểu Quốc hội các tỉnh Hưng Yên, Ninh Thuận, Bến Tre và Bà Rịa Vũng Tàu thảo luận ở tổ chiều 7/6."
    rec = real(raw_corpus, "party_related/22479894.txt")
    assert entities_near(rec, "Bà Rịa Vũng Tàu") == [("LOC", "Bà Rịa Vũng Tàu")]
    assert not any(e.type == "PER" and "Rịa" in e.text for e in rec.entities)


def test_government_then_prime_minister_is_org_plus_per(raw_corpus):
    # "Ngày 3/7, Thủ tướng Chính phủ Nguyễn Xuân Phúc chủ trì phiên họp Chính phủ ..."
    rec = real(raw_corpus, "party_related/22664300.txt")
    assert entities_near(rec, "Chính phủ Nguyễn Xuân Phúc") == [("ORG", "Chính phủ"), ("PER", "Nguyễn Xuân Phúc")]


def test_party_committee_of_the_city_is_not_cut_mid_name(raw_corpus):
    # "... Hội nghị lần thứ 10 Ban Chấp hành Đảng bộ Thành phố Hồ Chí Minh khóa X đã diễn ra ..."
    rec = real(raw_corpus, "party_related/22635868.txt")
    assert entities_near(rec, "Ban Chấp hành Đảng bộ Thành phố Hồ Chí Minh khóa X") == [
        ("ORG", "Ban Chấp hành Đảng bộ Thành phố Hồ Chí Minh")]


def test_dash_list_run_on_after_a_colon_with_appositions(raw_corpus):
    # "... với 3 vị khách mời: - Ông Lê Doãn Hợp -- Nguyên Ủy viên Trung Ương Đảng, Nguyên Bộ trưởng Bộ TT&TT
    # - Ông Nguyễn Thanh Lâm -- Cục trưởng ... - Bộ TT&TT - Ông Hồng Thanh Quang -- Tổng biên tập báo Đại Đoàn Kết."
    rec = real(raw_corpus, "party_related/22345128.txt")
    guests = [p for p in rec.points if p.marker == "-"]
    assert [p.text.split(" --")[0] for p in guests] == ["Ông Lê Doãn Hợp", "Ông Nguyễn Thanh Lâm", "Ông Hồng Thanh Quang"]
    assert guests[1].text.endswith("Thông tin điện tử - Bộ TT&TT")  # "- Bộ" opens no item
    assert guests[2].text.endswith("Tổng biên tập báo Đại Đoàn Kết.")  # the paragraph runs on after it
    assert "khách mời" in guests[0].heading


def test_listed_plenums_and_a_youth_congress(raw_corpus):
    # "... các bài phát biểu của đồng chí tại các Hội nghị Trung ương 6,7,8,9 đã gây tiếng vang ..."
    rec = real(raw_corpus, "party_related/21486298.txt")
    plenums = [e.ordinal for e in rec.events if e.kind == "plenum"]
    assert plenums[:4] == [6, 7, 8, 9]
    assert [f for f in rec.figures if f.text in ("7", "8", "9")] == []


def test_state_symbol_with_the_year_after_a_dash(raw_corpus):
    # "... Chính phủ ban hành Nghị quyết 19- 2017/NQ-CP về tiếp tục ..."
    rec = real(raw_corpus, "party_related/21487592.txt")
    assert [(r.type, r.symbol) for r in rec.references if "NQ-CP" in r.symbol] == [("nghị quyết", "19-2017/NQ-CP")]
    # "... Đoàn kiểm tra theo Quyết định số 469-QĐNS/TW ngày 21/3/2017 của Bộ Chính trị ..."
    rec = real(raw_corpus, "party_related/22702478.txt")
    assert ("quyết định", "469-QĐNS/TW", "2017-03-21") in {(r.type, r.symbol, r.date) for r in rec.references}


def test_party_symbol_typeset_with_an_en_dash(raw_corpus):
    # "... Hai năm trước, khi Chỉ thị 40 – CT/TW của Ban Bí thư về tăng cường ..." (en dash, spaces),
    # and later in the same article "... tại Chỉ thị số 40-CT/TW ngày 22/11/2014 ..."
    rec = real(raw_corpus, "party_strong/21478549.txt")
    refs = [(r.type, r.symbol, r.date) for r in rec.references]
    assert refs.count(("chỉ thị", "40-CT/TW", None)) == 8
    assert ("chỉ thị", "40-CT/TW", "2014-11-22") in refs
    assert all(rec.article.text[r.start:r.end] == r.text for r in rec.references)


def test_numbered_items_with_dash_sub_lists_run_on_one_line(raw_corpus):
    # "... chủ trì kỳ họp. 1- Xem xét, thi hành kỷ luật đồng chí Phan Thị Mỹ Thanh, ... đã có các vi phạm,
    # khuyết điểm sau: - Trong thời gian giữ các cương vị Tỉnh ủy viên, ... + Ký các văn bản của UBND tỉnh ...
    # - Kê khai tài sản ... bằng hình thức cảnh cáo. 2- Về kiểm tra khi có dấu hiệu vi phạm ... khuyết điểm:
    # - Vi phạm trình tự, thủ tục ..." (one line: six numbered items, two dash lists inside them)
    rec = real(raw_corpus, "party_strong/22667741.txt")
    lists = {}
    for p in rec.points:
        lists.setdefault(p.list, []).append(p)
    numbered = [lst for lst in lists.values() if lst[0].marker == "1-"]
    dashed = [lst for lst in lists.values() if lst[0].marker == "-"]
    assert len(numbered) == 1 and [p.ordinal for p in numbered[0]] == [1, 2, 3, 4, 5, 6]
    assert numbered[0][0].text.endswith("bằng hình thức cảnh cáo.")  # the dashes under 1- are part of it
    assert [len(lst) for lst in dashed] == [3, 4]  # under 1- and under 2-, not one list of 7
    assert not any(p.marker == "+" for p in rec.points)  # "+ Ký các văn bản ..." are words of a dash item
    assert dashed[0][1].text.startswith("Trong thời gian giữ cương vị Ủy viên Ban Thường vụ Tỉnh ủy")


def test_lowercase_word_markers_inline_after_a_colon(raw_corpus):
    # "... có nhiều khả năng xảy ra: Một là ông ấy không biết, hai là không đủ thông tin, ba là cấp dưới
    # không báo cáo, tham mưu. Cũng có thể ..."
    rec = real(raw_corpus, "party_related/22695793.txt")
    assert [(p.ordinal, p.text) for p in rec.points] == [
        (1, "ông ấy không biết"), (2, "không đủ thông tin"), (3, "cấp dưới không báo cáo, tham mưu.")]


def test_thu_nhat_comma_la_and_interview_turns_are_no_list(raw_corpus):
    # "... khi có 3 căn cứ đã nêu thì sẽ phải kiểm tra. Thứ nhất, là khi có kế hoạch, ..." and an interview
    # whose turns open with dashes: "... về kê khai tài sản. - Một vấn đề trong xử lý ... - Thưa bà, ... ?"
    rec = real(raw_corpus, "party_related/22401333.txt")
    assert [p.marker for p in rec.points] == ["Thứ nhất, là", "Thứ hai, là", "Thứ ba, là"]
    assert rec.points[0].text.startswith("khi có kế hoạch")
    assert rec.points[-1].text.endswith("của Đảng, nhà nước về kê khai tài sản.")  # the next turn is cut


def test_organisation_with_lower_case_nouns_inside_its_name(raw_corpus):
    # "... Đảng ủy viên, Trưởng phòng Tổ chức cán bộ Viện Kiểm sát nhân dân tỉnh Quảng Trị, sau khi ..."
    # the POS tagger says "cán bộ" is a noun, so the unit and its parent body are one name
    rec = real(raw_corpus, "party_strong/22241683.txt")
    orgs = [e.text for e in rec.entities if e.type == "ORG"]
    assert "Phòng Tổ chức cán bộ Viện Kiểm sát nhân dân tỉnh Quảng Trị" in {o[0].upper() + o[1:] for o in orgs}
    assert not any(e.text.startswith("Trưởng") for e in rec.entities)


def test_a_weak_mot_la_inside_an_item_opens_no_list(raw_corpus):
    # "... Thứ nhất, Ban Cán sự Đảng UBND TP thảo luận tham mưu 2 văn bản, một là của Thường vụ Thành ủy ...;
    # dự thảo thứ hai là triển khai ... Thứ hai, Văn phòng Thành ủy tham mưu ..."
    rec = real(raw_corpus, "party_related/22322101.txt")
    assert [(p.ordinal, p.marker) for p in rec.points] == [(1, "Thứ nhất,"), (2, "Thứ hai,")]
    assert rec.points[0].text.startswith("Ban Cán sự Đảng UBND TP")


def test_an_interview_whose_turns_open_with_dashes_is_no_list(raw_corpus):
    # "- Có ý kiến đánh giá chỉ đạo của Thủ tướng là rất quyết liệt nhưng bộ máy bên dưới ... ?
    #  - Bên cạnh các yếu tố tích cực vẫn còn sự trì trệ ở đâu đó. ..." (questions and answers)
    rec = real(raw_corpus, "party_related/22291634.txt")
    assert [p for p in rec.points if p.marker == "-"] == []
