"""Word lists and word tests behind the entity extractor: organisation heads, titles, level
words, surnames, and whether a word is a place, a personal name or a title.

They name the *kinds* of words that open or close a name in party news; the names
themselves come from the text (and places from the gazetteer of :mod:`partytext.facts`).
"""

from __future__ import annotations

import logging
import re
from functools import cache

log = logging.getLogger(__name__)

UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
# A capitalised word; abbreviations glued with dots stay one word ("TP.HCM", "Q.Tân", "H’Drai").
CAP_WORD = rf"[{UP}][\w’'&]*(?:\.[{UP}][\w’'&]*)*"

# International organisations, known by their names and short names.
INTERNATIONAL = ("APEC", "ASEAN", "WTO", "Liên hợp quốc", "Liên Hợp Quốc", "UNESCO", "UNICEF", "WHO", "NATO", "IMF",
                 "Liên minh châu Âu", "Tổ chức Thương mại thế giới", "Tổ chức Y tế thế giới")

# Organisation heads that are a whole name by themselves ("Quốc hội", "Tỉnh ủy") or open one
# ("Sở Tư pháp", "Công ty TNHH ..."), longest first inside each alternative. Heads marked
# NEEDS_NAME below are generic without what follows ("Chi bộ" alone is any cell).
ORG_HEADS = (
    "Ban cán sự Đảng bộ", "Đảng Cộng sản", "Ban Chấp hành", "Ban chấp hành", "Ban Thường vụ", "Ban thường vụ", "Ban Bí thư", "Ban Cán sự đảng",
    "Ban cán sự Đảng", "Ban cán sự đảng",
    "Ủy ban Kiểm tra", "Uỷ ban Kiểm tra", "Ủy ban kiểm tra", "UB Kiểm tra", "Ủy ban nhân dân", "Uỷ ban nhân dân",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Ủy ban MTTQ Việt Nam", "Ủy ban MTTQ",
    "Uỷ ban Mặt trận Tổ quốc", "Ủy ban Thường vụ Quốc hội", "Ủy ban", "Uỷ ban",
    "Ngân hàng Chính sách xã hội", "NHCSXH", "BHXH", "VKSND", "TAND", "Thường trực Tỉnh ủy", "Thường trực Thành ủy",
    "Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc", "MTTQ Việt Nam", "MTTQ",
    "UBKT", "UBND", "HĐND", "Hội đồng nhân dân", "Hội đồng Nhà nước", "Hội đồng nhà nước",
    "Đảng bộ", "Đảng ủy Khối", "Đảng ủy khối", "Đảng ủy", "Đảng uỷ", "Chi bộ", "Đảng Cộng sản Việt Nam",
    "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ", "Huyện ủy", "Huyện uỷ", "Quận ủy", "Quận uỷ", "Thị ủy",
    "Thị uỷ", "Tỉnh đoàn", "Tỉnh Đoàn", "Thành đoàn", "Thành Đoàn", "Huyện đoàn",
    "Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn thanh niên", "Đoàn Thanh niên",
    "Đoàn đại biểu Quốc hội",
    "Bộ Chính trị", "Bộ chính trị", "Quốc hội", "Chính phủ", "Trung ương Đảng", "T.Ư Đảng", "Văn phòng",
    "Bộ Tư lệnh", "Bộ", "Sở", "sở", "Phòng", "phòng", "Chi cục", "Tổng cục", "Cục", "Viện", "Học viện", "Đại học",
    "Trường", "Tổng công ty", "Công ty", "Tập đoàn", "Ngân hàng", "Liên minh", "Liên đoàn Lao động",
    "Tổng LĐLĐ", "LĐLĐ", "Hội Nông dân", "Hội Cựu chiến binh", "Hội CCB", "Hội Liên hiệp Phụ nữ", "Hội",
    "Công an", "Quân chủng", "Quân khu", "Tòa án nhân dân", "Viện Kiểm sát nhân dân", "Báo", "Đài",
    "Trung tâm", "Bệnh viện", "Hạt Kiểm lâm", "Ban", "ban", "Đoàn", "TTXVN",
    # the armed forces and the police by their names ("lực lượng Công an nhân dân", "Quân đội nhân dân Việt Nam")
    "Công an nhân dân vũ trang", "Công an nhân dân", "Quân đội nhân dân", "Cảnh sát nhân dân", "Hải quân nhân dân",
    "Bộ đội Biên phòng", "Bộ đội biên phòng", "Hội đồng Chính phủ", "Hội đồng Bộ trưởng", "Đảng đoàn",
    "UBTƯ", "UBTW", "UBMTTQ", "Vụ", "Trạm Y tế", "Trạm y tế", "Trung đội", "Tiểu đội",
    "Đại đội", "Tiểu đoàn", "Trung đoàn", "Sư đoàn", "Lữ đoàn",
    *INTERNATIONAL,
)
# Heads that are no name without a word after them.
NEEDS_NAME = frozenset({"Ủy ban", "Uỷ ban", "Bộ", "Sở", "sở", "Phòng", "phòng", "Chi cục", "Tổng cục", "Cục", "Viện", "Học viện",
                        "Đại học", "Trường", "Tổng công ty", "Công ty", "Tập đoàn", "Ngân hàng", "Liên minh", "Hội",
                        "Quân chủng", "Quân khu", "Báo", "Đài", "Trung tâm", "Bệnh viện", "Ban", "ban", "Văn phòng", "Chi bộ",
                        "Đảng bộ", "Công an", "Đoàn", "Đảng đoàn", "BHXH", "Vụ", "UBTƯ", "UBTW",
                        "Trạm Y tế", "Trạm y tế", "Trung đội", "Tiểu đội", "Đại đội",
                        "Tiểu đoàn", "Trung đoàn", "Sư đoàn", "Lữ đoàn"})
# Heads that are the proper name of one organisation, which "các cấp" or "cấp xã" after them qualifies without
# making generic ("Đại hội đại biểu MTTQ các cấp": the Front at every level), unlike "UBKT các cấp".
PROPER_HEADS = frozenset({"UBMTTQ", "MTTQ", "MTTQ Việt Nam", "Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam", "Hội Nông dân",
                          "Hội Cựu chiến binh", "Hội Liên hiệp Phụ nữ", "Đoàn TNCS Hồ Chí Minh", "Công an nhân dân",
                          "Quân đội nhân dân"})
# Heads whose name must start with a capital right after them ("Sở Nội vụ", not "Sở đã"); the others take a
# level word ("Trạm Y tế xã Nha Bích"; "BHXH" without a place or name after
# it is the insurance, not its agency: "trốn đóng BHXH").
CAPITAL_AFTER = NEEDS_NAME - {"Chi bộ", "Đảng bộ", "Công an", "Đoàn", "BHXH", "UBTƯ", "UBTW", "Trạm Y tế",
                              "Trạm y tế"}

# Administrative level words. Lower case inside an ORG name ("UBND tỉnh Lào Cai"); before
# a place they stay outside the LOC ("tỉnh Lào Cai" → "Lào Cai"), unless the place is a
# number ("quận 2") or the word is an abbreviation or capitalised ("TP. Đà Nẵng").
LEVELS = ("thành phố", "Thành phố", "thị xã", "Thị xã", "thị trấn", "tổ dân phố", "Tổ dân phố", "tỉnh", "Tỉnh", "huyện",
          "Huyện", "quận", "Quận", "xã", "Xã", "phường", "Phường", "thôn", "Thôn", "bản", "làng", "đặc khu", "ấp",
          "khu phố", "khu dân cư", "hồ", "sông", "núi", "sân bay",
          "TP.", "TP", "Tp.", "Q.")
LEVEL = "(?:" + "|".join(re.escape(w) for w in sorted(LEVELS, key=len, reverse=True)) + ")"
# Level words kept inside a LOC.
LEVELS_IN_LOC = frozenset({"Thành phố", "TP.", "TP", "Tp.", "Q."})

# Words that continue an organisation's name after its head.
ORG_LINKS = ("Trung ương", "trung ương", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "tỉnh uỷ", "thành uỷ", "Khối các cơ quan", "khối các cơ quan", "Cơ quan", "cơ quan", "Đảng",
             "đảng", "các cơ quan", "Chi nhánh", "chi nhánh", "Thường trực", "quốc gia")

# Titles before a person's name. The name is what follows, without the title.
TITLES = (
    "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Phó Thủ tướng", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch",
    "Trưởng ban", "Phó Trưởng ban", "Giám đốc", "Phó Giám đốc", "Chánh Văn phòng", "Chánh án", "Bộ trưởng",
    "Thứ trưởng", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
    "Thiếu tá", "Chủ nhiệm", "Phó Chủ nhiệm", "Trưởng phòng", "Phó Trưởng phòng", "Chi cục trưởng",
    "Ủy viên", "Đại biểu", "đại biểu", "Đồng chí", "đồng chí", "Ông", "ông", "Bà", "bà", "Anh", "anh", "Chị", "chị",
    "Cụ", "cụ", "Bác", "bác", "Nhà báo", "nhà báo", "Thường trực", "Trưởng Công an", "Bí thư Chi bộ",
    "Phó Trưởng ban Thường trực", "PGS.TS", "PGS. TS", "PGS", "GS.TS", "GS", "TS", "ThS", "Ths", "Luật sư", "luật sư",
)
TITLE = "(?:" + "|".join(re.escape(w) for w in sorted(TITLES, key=len, reverse=True)) + r")\.?"
# Words of titles, as the segmenter writes them: a name stops before them ("Tỉnh ủy Gia Lai Bí thư ...").
TITLE_WORDS = frozenset({*TITLES, "Phó", "Trưởng", "Chánh", "Thường trực", "Phó Bí thư", "Phó Chủ tịch",
                         "Tổng", "Trưởng ban", "Thủ trưởng", "Trưởng đoàn", "Phó Trưởng đoàn", "Bác sĩ", "Kỹ sư",
                         "Thạc sĩ", "Tiến sĩ", "Giáo sư", "Nhà giáo", "Nghệ sĩ", "Cựu chiến binh", "Đảng viên",
                         "Trưởng thôn", "Trưởng bản", "Phó Giám đốc", "Giám đốc"})

# Vietnamese surnames (the first word of most personal names).
SURNAMES = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Quản Đinh Cao Lương Mai Lâm Hà Đào
Trương Diệp Tô Bế Lò Hứa Đàm Triệu Chu Thái Tạ Trịnh Đoàn Kiều Từ Lưu Quách Tăng La Khổng Mạc Giang Nông
Âu Phùng Vương Thân Ninh Lại Hầu Doãn Tống Vi Hàn Mã Tôn Sầm Thi Văn Vàng Giàng Sùng Hà Lục Lữ Nghiêm Ông
Khúc Châu Đồng Phó Quan Hứa Cù Lã Bạch Ôn Trình Yên Bàn Đàng Y Ksor Rơ Siu Rah Nay
""".split())


ORG_HEAD = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(h) for h in sorted(ORG_HEADS, key=len, reverse=True))
                      + r")(?![\w’])")

# A level abbreviation glued to its place: "TP.HCM", "Q.Tân Phú", "H.Nghĩa Hành", "TP.Vũng Tàu".
GLUED_PLACE = re.compile(rf"(?<![\w.])(?:TP|Tp|Q|H|TX)\.\s?{CAP_WORD}")
# Countries and seas: not in the province gazetteer. Official names are whole names ("nước Cộng hòa xã hội
# chủ nghĩa Việt Nam", "Liên hiệp Vương quốc Anh và Bắc Ireland").
COUNTRIES = ("Việt Nam", "Liên bang Nga", "Trung Quốc", "Hoa Kỳ", "Nhật Bản", "Hàn Quốc", "Campuchia", "Lào",
             "Thái Lan", "Cuba", "Biển Đông", "Hoàng Sa", "Trường Sa",
             "Cộng hòa xã hội chủ nghĩa Việt Nam", "Cộng hòa Xã hội chủ nghĩa Việt Nam", "Việt Nam Dân chủ Cộng hòa",
             "Cộng hòa nhân dân Trung Hoa", "Cộng hòa Nhân dân Trung Hoa", "Cộng hòa Dân chủ Nhân dân Lào",
             "Liên hiệp Vương quốc Anh và Bắc Ireland", "Vương quốc Anh", "Đại Hàn Dân Quốc", "Triều Tiên", "Liên Xô",
             "Ấn Độ", "Singapore", "Malaysia", "Indonesia", "Philippines", "Myanmar", "Brunei", "Đông Timor",
             "Australia", "New Zealand", "Canada", "Mexico", "Brazil", "Argentina", "Chile", "Venezuela", "Tây Ban Nha",
             "Bồ Đào Nha", "Hà Lan", "Thụy Sĩ", "Thụy Điển", "Na Uy", "Đan Mạch", "Phần Lan", "Ba Lan", "Hungary",
             "Bulgaria", "Romania", "Ukraine", "Belarus", "Albania", "Serbia", "Hy Lạp", "Thổ Nhĩ Kỳ", "Israel",
             "Palestine", "Ai Cập", "Nam Phi", "Mông Cổ", "Kazakhstan", "Caribe")
# Regions: parts of the country and of the world. "miền Trung" keeps its lower-case word ("Trung" alone names nothing).
REGIONS = ("miền Bắc", "miền Trung", "miền Nam", "miền Tây", "Tây Nguyên", "Tây Bắc", "Đông Bắc", "Việt Bắc",
           "Bắc Bộ", "Trung Bộ", "Nam Bộ", "Tây Nam Bộ", "Đông Nam Bộ", "Bắc Trung Bộ", "Nam Trung Bộ",
           "Đồng bằng sông Cửu Long", "Đồng bằng sông Hồng", "Đông Nam Á", "châu Á - Thái Bình Dương", "Thái Bình Dương",
           "châu Á", "châu Âu", "châu Phi", "châu Mỹ", "Điện Biên Phủ")
# Countries of one syllable: also a personal name or a pronoun ("Anh", "Đức"), so they are places only where
# the text makes them one (see entity_places).
SHORT_COUNTRIES = ("Anh", "Pháp", "Mỹ", "Nhật", "Đức", "Nga", "Ý", "Úc")
# The lower-case kind of a named structure: the name after it is a place, the kind word outside it ("cầu Sông
# Lô" -> "Sông Lô", "chùa Đồng Kỵ" -> "Đồng Kỵ"); only where the segmenter makes the kind word a word by itself.
LANDMARKS = ("cầu", "chùa", "đền", "đình", "đèo", "đường", "khách sạn")
# Names that open with a surname's syllable but are not people inside an organisation's name.
NOT_PEOPLE = frozenset({"Hồ Chí Minh", "Việt Nam", "Trung ương", "Quốc hội", "Quốc gia", "Nhà nước"})

LEVEL_WORDS = frozenset(LEVELS)


@cache
def gazetteer_places() -> tuple[frozenset[str], re.Pattern[str] | None]:
    """Province spellings (legacy and 2025) and legacy district names, from the gazetteer."""
    try:
        from ..facts.gazetteer import gazetteer

        g = gazetteer()
        provinces = {s for s in g.spellings if s[:1].isupper() and not s.startswith(("Thành phố", "TP"))}
        districts = set(g.districts)
    except Exception as exc:  # the gazetteer is an optional source of names: degrade, say so
        log.warning("entities: no gazetteer (%s); province names are found only after a level word", exc)
        provinces, districts = set(), set()
    bare = sorted(provinces | set(COUNTRIES) | set(REGIONS), key=len, reverse=True)
    # "Bà Rịa - Vũng Tàu" is also written "Bà Rịa-Vũng Tàu" and "Bà Rịa Vũng Tàu"
    alternatives = {re.sub(r"\\ \\-\\ |\\-|\\ –\\ ", r"\\s*[-–]?\\s*", re.escape(b)) for b in bare}
    pattern = (re.compile(r"(?<![\w])(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?![\w])")
               if bare else None)
    return frozenset(provinces | districts | set(COUNTRIES) | set(REGIONS)), pattern


def is_place(name: str) -> bool:
    return re.sub(r"\s*[-–]\s*", " - ", name) in gazetteer_places()[0] or name in gazetteer_places()[0]


def syllables(text: str) -> int:
    return len(text.split())


def name_like(text: str) -> bool:
    """Every syllable capitalised, as in a personal name ("Lý Thị Huệ", not "Bệnh viện", not "TP.HCM")."""
    return "." not in text and all(w[:1].isupper() and (not w.isupper() or len(w) == 1) for w in text.split())


def place_like(text: str) -> bool:
    """The words of a place: capitalised syllables and numbers ("Cổ Phúc 2", "Ia H’Drai")."""
    return all(w[:1].isupper() or w.isdigit() for w in text.split())


def is_title(text: str) -> bool:
    return text in TITLE_WORDS or text.split()[0] in ("Phó", "Trưởng", "Chánh")


def looks_like_person(text: str) -> bool:
    """A word of two to four capitalised syllables that opens with a surname and is no place."""
    words = text.split()
    return (2 <= len(words) <= 4 and words[0] in SURNAMES and all(w[:1].isupper() for w in words)
            and text not in NOT_PEOPLE and not is_place(text))
