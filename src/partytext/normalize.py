"""The Vietnamese text layer: NFC with offset maps, canonical tone placement, folding.

Three text forms matter in partytext:

* the **NFC** text, which is what every record stores and every offset points into;
* the **canonical** text: NFC with one tone-mark placement for the ``oa``/``oe``/``uy``
  syllables ("hoà"→"hòa", "uỷ"→"ủy", "thuỷ"→"thủy"), used for matching and search keys;
* the **folded** text: no marks at all and đ→d ("Đảng" → "Dang"), for diacritic-free queries.

Canonical and folded texts have exactly the length of the NFC text they come from, so an
offset found in either is an offset into the NFC text. :func:`to_nfc` returns, beside the
NFC text, the map from its positions back to the original (possibly NFD) input.

Number parsing lives in :mod:`partytext.numbers`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalized", "to_nfc", "nfc", "canonical", "fold", "casefold_key", "is_nfc"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """NFC text plus, for each of its characters, the index of the original character it
    starts at; ``offsets[len(text)] == len(original)`` so that end offsets map too."""

    text: str
    offsets: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text that ``text[start:end]`` came from."""
        return self.offsets[start], self.offsets[end]


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (a no-op for text that already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def to_nfc(text: str) -> Normalized:
    """NFC text with the offset map back into ``text``.

    The text is cut into clusters (a base character and what composes with it: combining
    marks, and the conjoining jamo of a decomposed Hangul syllable, whose combining class
    is 0); each cluster is composed on its own, so every NFC character is traced back to
    the cluster that produced it.
    """
    if unicodedata.is_normalized("NFC", text):
        return Normalized(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        composed = unicodedata.normalize("NFC", text[i:j])
        while j < n:
            longer = unicodedata.normalize("NFC", text[i:j + 1])
            if not unicodedata.combining(text[j]) and len(longer) > len(composed):
                break  # text[j] starts a cluster of its own
            j, composed = j + 1, longer
        out.append(composed)
        offsets.extend([i] * len(composed))
        i = j
    offsets.append(n)
    return Normalized("".join(out), tuple(offsets))


# --- tone placement ------------------------------------------------------------------

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _split_tone(ch: str) -> tuple[str, str]:
    """('a', '\u0300') for 'à'; the tone mark is '' when there is none."""
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


_WORD_CHAR = re.compile(r"\w")


def _build_tone_table() -> dict[str, str]:
    """Map 'oà' → 'òa', 'uỷ' → 'ủy', ... for every tone and both cases."""
    table: dict[str, str] = {}
    for first in "oOuU":
        seconds = "aAeE" if first in "oO" else "yY"
        for second in seconds:
            for tone in _TONES:
                table[first + _with_tone(second, tone)] = _with_tone(first, tone) + second
    return table


_TONE_TABLE = _build_tone_table()
# candidate pairs as one pair of character classes, scanned twice as fast as an alternation
# of the 60 pairs (or of two class pairs); canonical() skips the pairs outside the table
_OLD_STYLE = re.compile("[oOuU][" + "".join(sorted({pair[1] for pair in _TONE_TABLE})) + "]")


def canonical(text: str) -> str:
    """NFC text with the tone mark of open ``oa``/``oe``/``uy`` syllables on the first vowel.

    "hoà" → "hòa", "Uỷ" → "Ủy", "thuỷ" → "thủy", "khoẻ" → "khỏe"; syllables that go on
    ("hoàng", "toán", "uyên") and ``qu`` + y ("quý", "quỷ") are left alone. The result has
    the length of the input, so offsets carry over.
    """
    text = nfc(text)
    parts: list[str] = []
    last = 0
    for m in _OLD_STYLE.finditer(text):
        pair = m.group()
        fixed = _TONE_TABLE.get(pair)
        if fixed is None:
            continue  # u + toned a or e ("thuế", "quà"), o + toned y
        s, e = m.span()
        if e < len(text) and _WORD_CHAR.match(text[e]):
            continue  # a closed syllable: hoàn, quyển
        if pair[0] in "uU" and s > 0 and text[s - 1] in "qQ":
            continue  # qu + y: the mark belongs on y
        parts += [text[last:s], fixed]
        last = e
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# --- folding -------------------------------------------------------------------------

_FOLD_CACHE: dict[str, str] = {"đ": "d", "Đ": "D"}


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        folded = base if len(base) == 1 else ch
        _FOLD_CACHE[ch] = folded
    return folded


def fold(text: str) -> str:
    """All marks removed and đ→d, keeping the length of the NFC text.

    >>> fold("Đảng viên Uỷ ban")
    'Dang vien Uy ban'
    """
    text = nfc(text)
    if text.isascii():
        return text
    return "".join(_fold_char(c) if not c.isascii() else c for c in text)


def casefold_key(text: str) -> str:
    """The key two spellings share when they differ only in case and tone placement."""
    return canonical(text).casefold()


# Number parsing belongs to the text layer's contract; it lives in its own module.
from .numbers import parse_number, parse_roman  # noqa: E402

__all__ += ["parse_number", "parse_roman"]
