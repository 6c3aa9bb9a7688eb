"""Bytes to NFC: HTTP charset, meta charset, detection; Windows-1258; TCVN3/VNI refused."""

from __future__ import annotations

import unicodedata

import pytest

from partytext.errors import EncodingError
from partytext.sources import article_from_html
from partytext.sources.encoding import decode_html

from test_crawl_site import to_cp1258

TEXT = "Đảng bộ huyện Chư Sê kết nạp 1.500 đảng viên trong nhiệm kỳ; Việt Nam, Nghị quyết, Tỉnh ủy."


def page(charset_meta: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}</head><body><h1>Tiêu đề</h1><p>{TEXT}</p></body></html>"


def test_cp1258_combining_tone_marks_become_nfc():
    data = to_cp1258(page("windows-1258"))
    assert b"\xcc" in data or b"\xec" in data or b"\xd2" in data or b"\xf2" in data  # separate tone bytes
    decoded = decode_html(data)
    assert decoded.encoding == "cp1258" and TEXT in decoded.text
    assert unicodedata.is_normalized("NFC", decoded.text)


def test_cp1258_detected_without_any_declaration():
    decoded = decode_html(to_cp1258(page()))
    assert TEXT in decoded.text and decoded.source == "detected"


def test_http_charset_wins_over_meta():
    decoded = decode_html(to_cp1258(page("utf-8")), content_type="text/html; charset=windows-1258")
    assert TEXT in decoded.text and decoded.source == "http"


def test_lying_declaration_is_skipped():
    decoded = decode_html(page("windows-1258").encode("utf-8"), content_type="text/html; charset=ascii")
    assert TEXT in decoded.text


def test_nfd_utf8_becomes_nfc():
    decoded = decode_html(unicodedata.normalize("NFD", page("utf-8")).encode("utf-8"))
    assert TEXT in decoded.text


# "Đảng bộ Việt Nam" typed in TCVN3 (ABC) and in VNI, as their bytes decode in Latin-1.
TCVN3 = "§¶ng bé ViÖt Nam ®· kÕt n¹p nhiÒu ®¶ng viªn míi trong n¨m qua vµ hoµn thµnh chØ tiªu"
VNI = "Ñaûng boä Vieät Nam ñaõ keát naïp nhieàu ñaûng vieân môùi trong naêm qua vaø hoaøn thaønh chæ tieâu"


@pytest.mark.parametrize("legacy,kind", [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_legacy_encodings_are_reported(legacy, kind):
    data = f"<html><body><p>{legacy}</p></body></html>".encode("latin-1")
    with pytest.raises(EncodingError) as err:
        decode_html(data, content_type="text/html; charset=iso-8859-1")
    assert kind in str(err.value) and "convert" in str(err.value)


def test_declared_legacy_charset_is_refused():
    with pytest.raises(EncodingError):
        decode_html(b"<html><body>x</body></html>", content_type="text/html; charset=TCVN3")


def test_article_from_cp1258_bytes_is_nfc():
    article = article_from_html(to_cp1258(page("windows-1258")), headers={"Content-Type": "text/html"})
    assert article.title == "Tiêu đề" and TEXT in article.text
    assert unicodedata.is_normalized("NFC", article.text)
