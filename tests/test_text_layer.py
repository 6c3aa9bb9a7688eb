"""The Vietnamese text layer: NFC with offset maps, tone placement, folding, numbers."""

from __future__ import annotations

import unicodedata

import pytest

from partytext.normalize import canonical, casefold_key, fold, nfc, to_nfc
from partytext.numbers import parse_number, parse_roman


@pytest.mark.parametrize(
    "old, new",
    [("uỷ", "ủy"), ("Uỷ ban", "Ủy ban"), ("hoà bình", "hòa bình"), ("thuỷ lợi", "thủy lợi"),
     ("khoẻ", "khỏe"), ("Thanh Hoá", "Thanh Hóa"), ("khoá XIII", "khóa XIII"), ("tuỳ", "tùy")],
)
def test_canonical_moves_the_tone_of_open_syllables(old, new):
    assert canonical(old) == new
    assert canonical(new) == new
    assert len(canonical(old)) == len(nfc(old))


@pytest.mark.parametrize("word", ["hoàng", "toán", "quý", "quỷ", "uyên", "khuyến", "hoạch"])
def test_canonical_leaves_closed_syllables_and_qu_alone(word):
    assert canonical(word) == word


def test_fold_removes_every_mark_and_keeps_length():
    text = "Đảng viên Uỷ ban Nhân dân tỉnh Thừa Thiên Huế"
    assert fold(text) == "Dang vien Uy ban Nhan dan tinh Thua Thien Hue"
    assert len(fold(text)) == len(text)


def test_casefold_key_equates_case_and_tone_placement():
    assert casefold_key("Uỷ Ban") == casefold_key("ủy ban")
    assert casefold_key("đảng") != casefold_key("dang")


def test_to_nfc_maps_offsets_back_to_nfd_input():
    original = unicodedata.normalize("NFD", "Tỉnh uỷ Gia Lai có 5.000 đảng viên")
    norm = to_nfc(original)
    assert norm.text == unicodedata.normalize("NFC", original)
    start = norm.text.index("đảng viên")
    s, e = norm.original_span(start, start + len("đảng viên"))
    assert unicodedata.normalize("NFC", original[s:e]) == "đảng viên"
    assert norm.offsets[-1] == len(original)


@pytest.mark.parametrize(
    "text, value",
    [("5.000", 5000), ("849.675", 849675), ("71,29", 71.29), ("0,4", 0.4), ("1,5 triệu", 1_500_000),
     ("2,3 tỷ", 2_300_000_000), ("3.215 tỷ", 3_215_000_000_000), ("hơn 200 nghìn", 200_000),
     ("20 nghìn tỷ", 20_000_000_000_000), ("09", 9), ("chín", 9), ("một", 1), ("hai mươi mốt", 21),
     ("mười lăm", 15), ("ba mươi tư", 34), ("một trăm linh năm", 105), ("hai nghìn ba trăm", 2300),
     ("bốn", 4), ("năm", 5), ("mười", 10), ("ba ngàn", 3000), ("hai tỉ", 2_000_000_000)],
)
def test_parse_number(text, value):
    parsed = parse_number(text)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize("text", ["một số", "năm 2006", "hai ba", "mươi", "số 12", "", "thứ 4", "lần thứ X"])
def test_parse_number_rejects_what_is_not_a_quantity(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, value", [("X", 10), ("XIII", 13), ("XVI", 16), ("IV", 4), ("xii", 12)])
def test_parse_roman(text, value):
    assert parse_roman(text) == value


@pytest.mark.parametrize("text", ["IIII", "ABC", "", "VX"])
def test_parse_roman_rejects(text):
    assert parse_roman(text) is None
