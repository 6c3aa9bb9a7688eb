"""Vietnamese numbers: digits with ``.`` thousands and ``,`` decimals, scale words, number
words and Roman numerals.

>>> parse_number("5.000"), parse_number("71,29"), parse_number("1,5 triệu")
(5000, 71.29, 1500000)
>>> parse_number("hai mươi mốt"), parse_number("một số")
(21, None)

Values are exact: scaling goes through :class:`decimal.Decimal`, so "2,3 tỷ" is
2300000000, not 2299999999.9999995. Integral values come back as ``int``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "COMMA_THOUSANDS",
    "DIGITS",
    "NUMBER_WORDS",
    "SCALES",
    "comma_thousands",
    "parse_digits",
    "parse_number",
    "parse_number_words",
    "parse_roman",
    "to_plain",
]

# A digit string: "5.000", "849.675", "1.234.567,8", "71,29", "0,4", "4020", "09", "1 250".
# A dot is a thousands separator only before exactly three digits. A space (or no-break
# space) is one too ("1 250 hộ"), when the groups are not followed by more digits (table
# columns "689 642 47" stay apart) and the first group does not start with 0 (phone numbers).
DIGITS = re.compile(
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)"
    r"|[1-9]\d{0,2}(?:[ \u00a0]\d{3})+(?!\d)(?![.,]\d)(?![ \u00a0]\d)"
    r"|\d+(?:,\d+)?"
)
# Thousands written with commas, English style: "5,000", "1,250,000" (see comma_thousands).
COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")

# Scale words; "nghìn"/"ngàn" = 10^3, "triệu" = 10^6, "tỷ"/"tỉ" = 10^9.
SCALES: dict[str, int] = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}

# Unit number words; "mốt", "lăm", "tư" only follow "mươi"/"mười" (handled below).
_UNITS: dict[str, int] = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_AFTER_TENS: dict[str, int] = {"mốt": 1, "lăm": 5, "nhăm": 5, "tư": 4}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_AFTER_TENS) | {"mười", "mươi", "trăm", "linh", "lẻ"} | frozenset(SCALES)

_QUALIFIER_PREFIX = re.compile(
    r"^(?:hơn|trên|gần|khoảng|chừng|xấp xỉ|ước|dưới|tới|đến|ngót|gần như)\s+", re.IGNORECASE
)

_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


# Plain values must fit the archive's 64-bit integers (SQLite, PostgreSQL bigint, Parquet).
MAX_INT = 2**63 - 1
# Digit runs longer than this are account numbers, ids or noise, never a quantity (and a
# few hundred digits would overflow a float).
MAX_INTEGER_DIGITS = 18


def to_plain(value: Decimal) -> int | float:
    """An ``int`` when the value is integral and fits 64 bits, else a ``float``."""
    if value == value.to_integral_value() and abs(value) <= MAX_INT:
        return int(value)
    return float(value)


def parse_digits(text: str) -> Decimal | None:
    """"5.000" → 5000, "71,29" → 71.29, "0,4" → 0.4; None if ``text`` is not one number."""
    text = text.strip()
    if not DIGITS.fullmatch(text):
        return None
    if sum(c.isdigit() for c in text.split(",")[0]) > MAX_INTEGER_DIGITS:
        return None
    try:
        return Decimal(text.replace(".", "").replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        return None


def comma_thousands(text: str, *, counted: bool = False) -> Decimal | None:
    """"5,000" → 5000 when the comma can only be a thousands separator, else None.

    Vietnamese writes decimals with a comma ("71,29"), but English-style thousands turn up
    in real text ("5,000 đảng viên"). A comma is read as thousands when every group after
    it has three digits and the decimal reading is absurd: three zeros ("5,000"), more
    than one comma ("1,250,000"), or (``counted``: the number counts people or things) a
    fraction ("1,250 đảng viên"). Otherwise ("1,250 km") None.
    """
    text = text.strip()
    if not COMMA_THOUSANDS.fullmatch(text):
        return None
    if text.count(",") > 1 or text.endswith(",000") or counted:
        return Decimal(text.replace(",", ""))
    return None


def parse_number_words(words: list[str]) -> int | None:
    """Number words to an int: ["hai", "mươi", "mốt"] → 21. None when they are not a number.

    A lone "một" is 1 here; telling the article "một" from the number is the extractors' job.
    """
    if not words:
        return None
    total = 0
    group = 0
    last_unit: int | None = None
    last_scale = 0
    prev = ""
    for raw in words:
        w = raw.lower()
        if w in _AFTER_TENS and prev in ("mươi", "mười"):
            group += _AFTER_TENS[w]
            last_unit = None
        elif w in _UNITS:
            if last_unit is not None and prev not in ("linh", "lẻ"):
                return None  # "hai ba" is not a number
            group += _UNITS[w]
            last_unit = _UNITS[w]
        elif w == "mười":
            if last_unit is not None:
                return None
            group += 10
            last_unit = None
        elif w == "mươi":
            if last_unit is None or last_unit < 2:
                return None
            group += last_unit * 9
            last_unit = None
        elif w == "trăm":
            if last_unit is None:
                if group:
                    return None
                last_unit = 1
                group = 1
            group += last_unit * 99
            last_unit = None
        elif w in ("linh", "lẻ"):
            if prev != "trăm":
                return None
        elif w in SCALES:
            scale = SCALES[w]
            if group == 0 and total and scale > last_scale:
                total *= scale  # "hai mươi nghìn tỷ"
            else:
                total += (group or 1) * scale
            group = 0
            last_unit = None
            last_scale = scale
        else:
            return None
        prev = w
    value = total + group
    return value if value <= MAX_INT else None  # "nghìn tỷ nghìn tỷ": no number the archive can hold


def parse_roman(text: str) -> int | None:
    """"XIII" → 13; None for anything that is not a well-formed Roman numeral."""
    t = text.strip().upper()
    if not t or not _ROMAN.fullmatch(t):
        return None
    total = 0
    for i, ch in enumerate(t):
        v = _ROMAN_VALUES[ch]
        if i + 1 < len(t) and _ROMAN_VALUES[t[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


def parse_number(text: str) -> int | float | None:
    """A Vietnamese quantity expression to a plain number, or None.

    Accepts digits ("5.000", "71,29"), digits with scale words ("1,5 triệu", "20 nghìn tỷ"),
    number words ("chín", "hai mươi mốt", "hai nghìn ba trăm") and a leading approximation
    word ("hơn 200 nghìn" = 200000; the qualifier itself is the figure extractor's business).
    "một số" (some) is not a number.
    """
    text = _QUALIFIER_PREFIX.sub("", text.strip())
    parts = text.split()
    if not parts:
        return None
    head = parse_digits(parts[0])
    if head is not None:
        value = head
        last_scale = None
        for w in parts[1:]:
            scale = SCALES.get(w.lower())
            if scale is None or (last_scale is not None and scale <= last_scale):
                return None
            value *= scale
            last_scale = scale
        return to_plain(value)
    words = parse_number_words(parts)
    return words
