"""The province an article is about, for the archive's province filter.

Kept deliberately simple (and documented in docs/archive.md):

1. the first province name found in the title, else in the lead, else first by position
   in the first 1,500 characters of the text. Names are matched on the folded text (no marks, đ→d), case-sensitively
   (proper nouns are capitalised, so "hòa bình" (peace) is not "Hòa Bình" (the province)),
   at syllable boundaries;
2. otherwise a province whose name, folded and without spaces, is part of the article's
   site ("baogialai.com.vn" → Gia Lai);
3. otherwise none.

The list holds the 63 provinces and cities before the 2025 merger; the 34 units after it
all carry one of these names, except "Huế" (formerly Thừa Thiên Huế), which is an alias.
"""

from __future__ import annotations

import re
from functools import cache

from ..normalize import fold

#: The 63 provinces and centrally governed cities before 1 July 2025.
PROVINCES_2024 = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thành phố Hồ Chí Minh", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

#: The 34 provinces and cities from 1 July 2025 (Resolution 202/2025/QH15).
PROVINCES_2025 = (
    "An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Điện Biên",
    "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Nội", "Hà Tĩnh", "Hải Phòng", "Huế", "Hưng Yên",
    "Khánh Hòa", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Nghệ An", "Ninh Bình", "Phú Thọ",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa",
    "Thành phố Hồ Chí Minh", "Tuyên Quang", "Vĩnh Long",
)

PROVINCES = tuple(sorted(set(PROVINCES_2024) | set(PROVINCES_2025)))

# Other ways of writing a name (folded, case-sensitive). "Hồ Chí Minh" alone is the
# person far more often than the city, so the city needs "TP."/"Thành phố"/"HCM".
ALIASES = {
    "Thành phố Hồ Chí Minh": ("TP HCM", "TPHCM", "TP Ho Chi Minh", "Thanh pho Ho Chi Minh",
                              "thanh pho Ho Chi Minh", "HCM", "Sai Gon"),
    "Bà Rịa - Vũng Tàu": ("Ba Ria Vung Tau", "Vung Tau"),
    "Thừa Thiên Huế": ("Thua Thien Hue",),
    "Huế": ("Hue",),
    "Đắk Lắk": ("Dac Lac", "Dak Lak", "Dac Lak"),
    "Đắk Nông": ("Dak Nong", "Dac Nong"),
    "Bắc Kạn": ("Bac Can",),
}

# Phrases that contain a province name but are not about it.
NOT_PROVINCES = ("Thai Binh Duong",)  # the Pacific Ocean (contains Thái Bình, Bình Dương)

_SYL = re.compile(r"[^\W_]+")


def _key(name: str) -> str:
    return " ".join(_SYL.findall(fold(name)))


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for name in PROVINCES:
        names.setdefault(_key(name), name)
        for alias in ALIASES.get(name, ()):
            names.setdefault(_key(alias), name)
    for stop in NOT_PROVINCES:
        names[_key(stop)] = ""
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![^\W_])")
    return pattern, names


def _syllable_text(text: str) -> str:
    from .query import fast_fold

    # folding removes every tone mark, so tone placement (canonical) does not change it
    return " ".join(_SYL.findall(fast_fold(text)))


@cache
def _site_keys() -> tuple[tuple[str, str], ...]:
    """(province, its folded name without spaces) for matching site names."""
    return tuple((name, _key(name).replace(" ", "").lower()) for name in PROVINCES if len(name) > 4)


#: How much of the text (after the title and lead) the province is looked for in.
HEAD_CHARS = 1500


def province_of(title: str | None, lead: str | None, text: str, site: str | None = None) -> str | None:
    """The province an article is about (see the module docstring), or None."""
    pattern, names = _matcher()
    for part in (title or "", lead or "", text[:HEAD_CHARS]):
        for m in pattern.finditer(_syllable_text(part)):
            name = names[m.group()]
            if name:
                return name
    if site:
        compact = fold(site).lower()
        for name, key in _site_keys():
            if key in compact:
                return name
    return None


def province_key(name: str) -> str:
    """The key a province filter compares: folded, lower case, syllables only."""
    return _key(name).lower()


def resolve_province(name: str) -> str | None:
    """The list's spelling of a province typed by a user ("gia lai", "TP.HCM", "Huế"), or
    None when it is not a province name."""
    pattern, names = _matcher()
    key = _key(name)
    for candidate, real in names.items():
        if real and candidate.lower() == key.lower():
            return real
    return None
