"""Property tests for the Vietnamese number parser: any string in, a number or None out,
never an exception, never a value JSON cannot carry."""

from __future__ import annotations

import json
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from partytext.numbers import parse_number, parse_number_words, parse_roman

WORDS = ["một", "hai", "ba", "bốn", "tư", "năm", "lăm", "nhăm", "sáu", "bảy", "bẩy", "tám", "chín", "mười",
         "mươi", "mốt", "trăm", "linh", "lẻ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "không", "số", "hơn",
         "gần", "khoảng", "trên", "dưới", "đảng", "viên", "MƯỜI", "Hai"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.from_regex(r"\d{1,4}([.,]\d{1,4}){0,3}", fullmatch=True),
    st.sampled_from([".", ",", "%", "-", "–", "/", "\u0301", "\u0323", "\u00a0", "\u200b", "IV", "XIII", "mmmm"]),
    st.text(max_size=6),
)
PHRASES = st.lists(PIECES, max_size=8).map(" ".join)


def _plain(value) -> None:
    assert value is None or isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(value, int):
        assert abs(value) <= 2**63 - 1  # fits the archive's 64-bit integer columns
    if isinstance(value, float):
        assert math.isfinite(value)
        json.loads(json.dumps(value, allow_nan=False))


@settings(max_examples=600, deadline=None)
@given(st.one_of(PHRASES, st.text(max_size=40)))
@example("9" * 400 + ",5")
@example("9" * 400 + ",5 tỷ")
@example("1" + ".000" * 200)
@example("chín trăm chín mươi chín nghìn tỷ tỷ")
@example("999.999.999.999.999.999 nghìn triệu tỷ")
@example("9" * 30)
def test_parse_number_never_raises_and_returns_a_plain_number(text):
    _plain(parse_number(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=10))
def test_number_words_never_raise(words):
    _plain(parse_number_words(words))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="IVXLCDMivxlcdm0", max_size=12))
def test_roman_never_raises(text):
    value = parse_roman(text)
    assert value is None or 0 < value < 4000


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators_round_trip(n):
    written = f"{n:,}".replace(",", ".")
    assert parse_number(written) == n
    assert parse_number(f"hơn {written}") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimal_comma(whole, frac):
    assert parse_number(f"{whole},{frac:02d}") == whole + frac / 100 or \
        abs(parse_number(f"{whole},{frac:02d}") - (whole + frac / 100)) < 1e-6


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_scales_are_exact(n):
    assert parse_number(f"{n},5 triệu") == n * 1_000_000 + 500_000
    assert parse_number(f"{n} tỷ") == n * 10**9
