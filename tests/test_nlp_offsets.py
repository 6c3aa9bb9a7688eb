"""Tokens and sentences rebuild the text exactly, whatever form it comes in."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partytext.nlp import analyze

SAMPLES = [
    "Đảng bộ TP. Pleiku hiện có 23 đảng bộ cơ sở, hơn 5.000 đảng viên.",
    "Các cấp uỷ đảng, Uỷ ban Kiểm tra Tỉnh uỷ hoà bình, khoá XIII, thuỷ lợi.",
    "Tỷ lệ đạt 71,29%; Nghị quyết số 21-NQ/TW ngày 16/6/2022.\n\nMột là, tiếp tục.  Hai là, tăng cường.",
    "  khoảng trắng   thừa\t và\n\n\ndòng trống  ",
    "",
    "   \n  ",
    "TP.HCM, 25/7/2016 - nhiệm kỳ 2020–2025 (“trong sạch, vững mạnh”)",
]


def _check(doc):
    for tok in doc.tokens:
        assert doc.text[tok.start:tok.end] == tok.text
        assert tok.text.strip() == tok.text and tok.text
    for sent in doc.sentences:
        assert doc.text[sent.start:sent.end] == sent.text


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_round_trip(text):
    doc = analyze(text)
    _check(doc)
    assert doc.text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("text", SAMPLES)
def test_nfd_input_gives_the_nfc_document(text):
    doc = analyze(unicodedata.normalize("NFD", text))
    _check(doc)
    assert doc.text == unicodedata.normalize("NFC", text)
    nfc_doc = analyze(text)
    assert [t.text for t in doc.tokens] == [t.text for t in nfc_doc.tokens]


def test_old_tone_placement_is_kept_not_rewritten():
    doc = analyze("Uỷ ban hoà giải khoá mới")
    assert "Uỷ ban" in [t.text for t in doc.tokens] or "Uỷ" in [t.text for t in doc.tokens]
    assert doc.text == "Uỷ ban hoà giải khoá mới"


def test_multi_syllable_words_are_one_token():
    doc = analyze("Tổng số thôn, làng, tổ dân phố là 248.")
    assert "tổ dân phố" in [t.text for t in doc.tokens]


def test_a_line_break_ends_a_sentence():
    doc = analyze("Tiêu đề không có dấu chấm\nCâu thứ hai.")
    assert [s.text for s in doc.sentences] == ["Tiêu đề không có dấu chấm", "Câu thứ hai."]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđeêoôơuưy àáảãạ.,;:%/-\n0123456789ĐAUỷ\u0301\u0300")), max_size=80))
def test_offsets_hold_on_arbitrary_text(text):
    _check(analyze(text))


# --- lazy words and POS tags per sentence ---------------------------------------------------


def test_analyze_segments_and_tags_nothing_until_asked():
    doc = analyze("Câu một không có số. Đảng bộ có 5.000 đảng viên.")
    assert doc.tagged_sentences == 0 and not doc._words
    tagged = doc.tagged(1)
    assert doc.tagged_sentences == 1 and 0 not in doc._words  # only the sentence asked for
    assert [(t.text, t.pos) for t in tagged if t.text in ("5.000", "đảng viên")] == [("5.000", "M"), ("đảng viên", "N")]
    assert doc.tagged(1) is tagged  # cached, not computed again


def test_tagged_words_reuse_the_segmentation_and_keep_offsets():
    doc = analyze("Có 350 đại biểu chính thức thay mặt cho hơn 5.000 đảng viên.")
    words = doc.words(0)
    tagged = doc.tagged(0)
    assert [(t.start, t.end) for t in words] == [(t.start, t.end) for t in tagged]
    assert all(t.pos for t in tagged) and doc.words(0) is tagged
    assert doc.token_at(doc.text.index("thay")).pos == "V"
    assert [t.text for t in doc.tagged_between(doc.text.index("350"), doc.text.index("cho"))] == [
        "350", "đại biểu", "chính thức", "thay mặt"]


@pytest.mark.parametrize("text", SAMPLES)
def test_tagged_offsets_round_trip_nfd_and_old_tones(text):
    for form in (text, unicodedata.normalize("NFD", text)):
        doc = analyze(form)
        for i in range(len(doc.sentences)):
            for tok in doc.tagged(i):
                assert doc.text[tok.start:tok.end] == tok.text and tok.pos


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđeêoôơuưy àáảãạ.,;:%/-\n0123456789ĐAUỷ\u0301\u0300")), max_size=80))
def test_tagged_offsets_hold_on_arbitrary_text(text):
    doc = analyze(text)
    for i in range(len(doc.sentences)):
        for tok in doc.tagged(i):
            assert doc.text[tok.start:tok.end] == tok.text


def _underthesea_tags(words):
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance().predict(words)


def test_fast_pos_features_give_underthesea_s_own_features_and_tags(raw_corpus):
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    from partytext.nlp import _pos_features, _underthesea

    transformer = CRFPOSTagPredictor.Instance().transformer
    _, word_tokenize, tagger = _underthesea()
    texts = SAMPLES + [p.read_text(encoding="utf-8") for p in sorted((raw_corpus / "party_strong").glob("*.txt"))[:12]]
    checked = 0
    for text in texts:
        doc = analyze(text)
        for sent in doc.sentences:
            words = word_tokenize(sent.text, use_token_normalize=False)
            if not words:
                continue
            assert _pos_features(words) == transformer.transform([[(w, "X") for w in words]])[0][0]
            assert tagger.predict(words) == _underthesea_tags(words)
            checked += 1
    assert checked > 200


def test_tagged_before_and_token_at():
    text = "Xe đi trên 2 tuyến đường. Câu sau."
    doc = analyze(text)
    assert doc.tagged_before(text.index("2")).text == "trên"
    assert doc.tagged_before(0) is None and doc.tagged_before(text.index("Câu")) is None
    assert doc.token_at(text.index("đường")).text == "tuyến đường" or doc.token_at(text.index("đường")).text == "đường"
