"""Hypothesis over every extractor (through ``pipeline.extract``) on generated Vietnamese-ish
text: NFD and combining marks, old tone placement, odd punctuation and spaces, numbers in
every form, list markers and document symbols. Nothing raises except InputError for a text
with nothing in it, and every offset holds."""

from __future__ import annotations

import json
import math
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partytext.errors import InputError
from partytext.nlp import analyze
from partytext.pipeline import extract
from partytext.records import Record

WORDS = ["Đảng", "bộ", "đảng viên", "chi bộ", "tổ chức cơ sở đảng", "hộ", "người", "đồng", "tỷ đồng", "triệu",
         "nghìn", "năm", "tháng", "ngày", "nhiệm kỳ", "khóa", "lần thứ", "Đại hội", "Hội nghị Trung ương",
         "kết nạp", "tăng", "giảm", "hơn", "gần", "khoảng", "trên", "dưới", "từ", "đến", "trong đó", "đạt",
         "tỉ lệ", "một số", "một", "hai", "chín", "mười lăm", "hai mươi mốt", "Uỷ ban", "hoà", "thuỷ", "Thủ tướng",
         "TP.HCM", "Gia Lai", "Nguyễn Văn A", "Tỉnh ủy", "Ban Thường vụ", "quần chúng", "%"]
NUMBERS = st.one_of(
    st.integers(0, 10**7).map(lambda n: f"{n:,}".replace(",", ".")),
    st.from_regex(r"\d{1,3},\d{1,2}", fullmatch=True),
    st.from_regex(r"\d{1,4}/\d{1,4}", fullmatch=True),
    st.from_regex(r"\d{1,2}/\d{1,2}/(19|20)\d\d", fullmatch=True),
    st.from_regex(r"\d{1,3}-(NQ|QĐ|CT|KL|HD)/(TW|TU|HU|ĐU)", fullmatch=True),
    st.from_regex(r"\d{1,3}/20\d\d/(NĐ-CP|QĐ-TTg|QH15)", fullmatch=True),
    st.sampled_from(["XIII", "IV", "X", "2010-2015", "2020 - 2025", "12,5%", "3-5", "195/160", "9" * 25]),
)
MARKERS = st.sampled_from(["Một là,", "Hai là,", "Thứ nhất,", "Thứ hai là", "1.", "2)", "a)", "b.", "-", "+", "•",
                           "–", "*"])
PUNCT = st.sampled_from([".", ",", ";", ":", "!", "?", "…", "...", "“", "”", '"', "(", ")", "[", "]", "/", "./.",
                         "–", "—", "-", "'", "«", "»"])
SPACES = st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u200b", "\ufeff", "\u2028", "\r\n", "  "])
ODD = st.sampled_from(["\u0301", "\u0300", "\u0323", "\u0309", "\u0303", "\u0302", "\u031b", "😀", "\u202e",
                       "\x0c", "ﬁ", "Ａ", "²", "İ", "ß", "\U0001d400", "\x00"])
PIECE = st.one_of(st.sampled_from(WORDS), NUMBERS, MARKERS, PUNCT, ODD, st.text(max_size=3))
VIETNAMESEISH = st.lists(st.tuples(PIECE, SPACES), min_size=1, max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts))
TEXTS = st.one_of(
    VIETNAMESEISH,
    VIETNAMESEISH.map(lambda t: unicodedata.normalize("NFD", t)),
    st.text(max_size=200),
)


def check_record(record: Record) -> None:
    text = record.article.text
    assert unicodedata.is_normalized("NFC", text)
    record.check_offsets()
    for name in Record.ITEM_TYPES:
        for item in getattr(record, name):
            assert 0 <= item.start <= item.end <= len(text), (name, item)
    n = len(record.figures)
    for f in record.figures:
        assert f.part_of is None or 0 <= f.part_of < n
        for v in (f.value, f.high):
            assert v is None or (isinstance(v, (int, float)) and math.isfinite(v) and abs(v) < 2**63)
    json.loads(record.to_json())  # strict JSON (no NaN/Infinity)
    assert Record.from_json(record.to_json()).to_dict() == record.to_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("Tiêu đề\n\nĐảng bộ có hơn 5.000 đảng viên, trong đó 165 đảng viên nữ.")
@example(unicodedata.normalize("NFD", "Uỷ ban\n\nMột là, tăng 12,5%. Hai là, giảm từ 3 đến 5 hộ./."))
@example("\u0301\u0301 5")
@example("a\n\n\n\n\u200b")
def test_pipeline_never_raises_and_offsets_hold(text):
    try:
        record = extract(text, source="fuzz")
    except InputError:
        assert not text.strip() or not unicodedata.normalize("NFC", text).strip("\u200b\ufeff\u2028 \t\n\r\x0c\x00")
        return
    check_record(record)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_tokens_and_sentences_rebuild_the_text(text):
    doc = analyze(text)
    assert unicodedata.is_normalized("NFC", doc.text)
    last = 0
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(doc.text) and doc.text[s.start:s.end] == s.text
        assert s.start >= last
        last = s.end
    last = 0
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text and t.start >= last
        assert 0 <= t.sentence < len(doc.sentences)
        last = t.end
