"""Bytes to NFC text for web pages: the HTTP charset, then the page's own declaration, then
detection.

Vietnamese pages come in four byte forms that matter:

* UTF-8 (nearly all pages today), sometimes with a BOM or a lying declaration;
* Windows-1258, whose tone marks are *combining* characters after the vowel
  ("a" + U+0301): decoded, then composed to NFC;
* TCVN3 (ABC) and VNI, legacy font encodings that look like Latin-1 noise once decoded.
  They are detected and reported with :class:`~partytext.errors.EncodingError` rather
  than silently stored as mojibake.

>>> decode_html("<p>Đảng</p>".encode("utf-8")).text
'<p>Đảng</p>'
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from ..errors import EncodingError
from ..normalize import nfc

log = logging.getLogger(__name__)

# charset=... inside a Content-Type header or a <meta http-equiv> content attribute.
HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)

# <meta charset="..."> or <meta http-equiv="Content-Type" content="...charset=...">, and
# the XML prolog <?xml ... encoding="..."?>; searched in the first bytes of the document.
META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

# Windows-1258 writes the five tones as separate bytes after the vowel: 0xCC grave,
# 0xEC acute, 0xD2 hook above, 0xDE tilde, 0xF2 dot below. A vowel byte (ASCII or a
# cp1258 precomposed vowel like 0xE2 "â") followed by one of them is its signature.
CP1258_TONE_AFTER_VOWEL = re.compile(rb"[aeiouyAEIOUY\xe2\xea\xf4\xe3\xf5\xfd\xc2\xca\xd4\xc3\xd5\xdd][\xcc\xec\xd2\xde\xf2]")

# Letters that only Vietnamese text has and that no Latin-1 decoding can produce
# (ă â-less forms, đ, ơ, ư, the precomposed tone letters of U+1EA0-U+1EF9, combining tones).
VIETNAMESE_LETTER = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9"
                               "\u0300\u0301\u0303\u0309\u0323]")

# Once decoded as Latin-1/cp1252, TCVN3 text is full of these inside words ("§¶ng" for
# "Đảng", "ViÖt" for "Việt"); VNI writes marks as trailing Latin-1 letters ("Ñaûng").
# TCVN3 puts many letters on the symbol bytes 0xA1-0xBF ("§" Đ, "¶" ả, "®" đ, "ª" ê);
# VNI keeps to letter bytes.
TCVN3_SIGNS = re.compile("[\u00a1-\u00bf]")
LATIN1_IN_WORD = re.compile("[A-Za-z][\u00c0-\u00ff]|[\u00c0-\u00ff][A-Za-z]")

# Latin-1 characters that no Vietnamese word contains (symbols, and letters like ñ ö ø û ï
# æ that Vietnamese never uses), touching a letter. TCVN3 and VNI text is full of them
# whatever codec decoded it: "§¶ng", "n¨m", "ñaõ", "Vieät". A cp1258 decode of TCVN3 bytes
# even yields a few real Vietnamese letters ("kƠt"), so their presence proves nothing.
NOT_VIETNAMESE = "\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df" \
                 "\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff"
LEGACY_IN_WORD = re.compile(f"[A-Za-z{NOT_VIETNAMESE}][{NOT_VIETNAMESE}]|[{NOT_VIETNAMESE}][A-Za-z]")

# Encodings we refuse to guess our way through; the message names the converter.
LEGACY_NAMES = {"tcvn", "tcvn3", "tcvn-3", "tcvn5712", "vni", "vni-windows", "abc"}

SNIFF_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Decoded:
    """NFC text and how it was decoded (``source`` is bom|http|meta|detected|fallback)."""

    text: str
    encoding: str
    source: str


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in LEGACY_NAMES:
        raise EncodingError(
            f"The page declares the legacy Vietnamese encoding {name!r}: convert it to Unicode first "
            "(for example with unikey's converter or the 'vietnamese-legacy' tools)",
            encoding=name,
        )
    try:
        return codecs.lookup(name).name
    except LookupError:
        log.debug("unknown charset %r ignored", name)
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset named in a Content-Type header, if any."""
    if not content_type:
        return None
    m = HTTP_CHARSET.search(content_type)
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset the document declares in its first bytes (meta tag or XML prolog)."""
    m = META_CHARSET.search(data[:SNIFF_BYTES])
    if not m:
        return None
    return (m.group(1) or m.group(2)).decode("ascii", "replace")


def _looks_cp1258(data: bytes) -> bool:
    return len(CP1258_TONE_AFTER_VOWEL.findall(data[:65536])) >= 3


def _detect(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_cp1258(data):
        return "cp1258"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def check_not_legacy(text: str, *, where: str = "the page") -> None:
    """Raise :class:`EncodingError` when ``text`` looks like TCVN3 or VNI decoded as Latin-1."""
    words = max(1, len(text.split()))
    legacy = len(LEGACY_IN_WORD.findall(text))
    if legacy >= 5 and legacy / words > 0.08:
        hits = legacy
    elif VIETNAMESE_LETTER.search(text):
        return
    else:
        hits = len(LATIN1_IN_WORD.findall(text))
    if hits >= 5 and hits / words > 0.08:
        kind = "TCVN3 (ABC)" if len(TCVN3_SIGNS.findall(text)) >= max(3, hits // 5) else "VNI"
        raise EncodingError(
            f"{where} looks like {kind}-encoded Vietnamese, which partytext does not decode: "
            "convert it to Unicode (UTF-8) first, e.g. with unikey's converter",
            encoding=kind,
        )


def decode_html(data: bytes | str, *, content_type: str | None = None, where: str = "the page") -> Decoded:
    """Decode a page: BOM, then the HTTP charset, then the meta/XML declaration, then detection.

    A declared charset that fails to decode the bytes is skipped (pages lie). The result
    is NFC. TCVN3/VNI pages raise :class:`EncodingError`.
    """
    if isinstance(data, str):
        text = nfc(data)
        check_not_legacy(text, where=where)
        return Decoded(text, "str", "str")
    candidates: list[tuple[str | None, str]] = []
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            candidates.append((name, "bom"))
    candidates.append((_codec(charset_from_content_type(content_type)), "http"))
    candidates.append((_codec(meta_charset(data)), "meta"))
    for name, source in candidates:
        if not name:
            continue
        if name in ("cp1252", "latin-1", "iso8859-1", "ascii") and _looks_cp1258(data):
            # Servers default to Latin-1; cp1258 bytes carry their own signature.
            name = "cp1258"
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            log.info("%s: declared charset %s (%s) does not decode it; trying the next", where, name, source)
            continue
        text = nfc(text)
        check_not_legacy(text, where=where)
        return Decoded(text, name, source)
    name = _detect(data)
    if name:
        try:
            text = nfc(data.decode(name))
            check_not_legacy(text, where=where)
            return Decoded(text, name, "detected")
        except (UnicodeDecodeError, LookupError):
            pass
    text = nfc(data.decode("utf-8", errors="replace"))
    check_not_legacy(text, where=where)
    return Decoded(text, "utf-8", "fallback")
