"""Where an organisation's name ends: the patterns and word sets behind the ORG rules of
:mod:`.entities` (heads that are whole names, titles before a body, words that end a
description, the bodies named with their parent or their members).
"""

from __future__ import annotations

import re

from ..nlp import Document, Token
from .entity_words import CAP_WORD, GLUED_PLACE, INTERNATIONAL, LEVEL_WORDS, ORG_LINKS, UP, is_place

# A lower-case syllable that never belongs to a name, glued on at a word's end ("... Hồ Chí Minh khóa": "khóa"
# opens a term; "TP.HCM nhiệm kỳ").
STOP_SYLLABLE = re.compile(r"\s(?:khóa|khoá|lần|nhiệm|năm|của|tại|về|với|và|đã|là|trong)(?:\s[^\W\d_A-ZĐ]+)?$")
# A word of the segmenter that is a name of two capitalised syllables or more with a lower-case word
# glued on ("Tân Phú nhiệm kỳ"); a word of the language has one capital at most ("Tổ chức").
GLUED_WORDS = re.compile(rf"(?P<name>[{UP}]\w*(?:\s+[{UP}]\w*)+)\s+[^\W\d_{UP}]")
# Heads whose names may be a person's ("Trường ĐH Trần Đại Nghĩa", "Học viện ... Hồ Chí Minh").
NAMED_AFTER_PEOPLE = frozenset({"Trường", "Học viện", "Đại học"})
# National bodies: whole names by themselves ("đại biểu Quốc hội tỉnh Điện Biên": the province is not the body's).
NATIONAL_HEADS = frozenset({"Quốc hội", "Chính phủ", "Bộ Chính trị", "Bộ chính trị", "Ban Bí thư", "Trung ương Đảng",
                            "Hội đồng Nhà nước", "Hội đồng nhà nước", "TTXVN", "Hội đồng Chính phủ",
                            "Hội đồng Bộ trưởng", *INTERNATIONAL})
# "Phó Trưởng ban Thường trực Ban Tổ chức Trung ương": "Thường trực" ends the title, the body is the next "Ban".
TITLE_THEN_BODY = re.compile(r"\s+Thường trực\s+(?=Ban\s|Ủy ban\s|Uỷ ban\s)")
# POS tags of nouns (underthesea's VLSP tag set).
NOUN_TAGS = frozenset({"N", "Np", "Nc", "Ny", "Nu"})
# The link words a word of the segmenter is made of ("Trung ương Đảng").
LINK_SPLIT = re.compile(r"[Tt]rung ương|\S+")
# A proper name in parentheses inside an organisation's name: its short name ("(Petrovietnam)").
ALIAS = re.compile(rf"\((?P<alias>[{UP}][a-zà-ỹđ]+[A-Za-zà-ỹđ]*)\)")
# Words after an organisation's head that make it generic.
GENERIC_AFTER = re.compile(r"\s*(?:các cấp|cấp trên|cấp dưới|cấp cơ sở|cấp tỉnh|cấp huyện|cấp xã|cơ sở|viên|các|những|"
                           r"cấp ủy)(?!\w)")
# Levels whose places the gazetteer lists (provinces, legacy districts).
GAZETTEER_LEVELS = frozenset({"tỉnh", "Tỉnh", "thành phố", "Thành phố", "TP", "TP.", "huyện", "Huyện", "quận", "Quận"})
LINKS = frozenset(ORG_LINKS)
CAP = re.compile(CAP_WORD)


# Heads that a number names ("Chi bộ 4", "Quân khu 2", "Đoàn 559"). An inspection team ("Đoàn kiểm tra số 470")
# is left out while the owner of a party figure (partytext.facts.owner) would take it for the inspected body.
NUMBERED_HEADS = frozenset({"Chi bộ", "Quân khu", "Đoàn", "Trung đội", "Tiểu đội", "Đại đội", "Tiểu đoàn", "Trung đoàn",
                            "Sư đoàn", "Lữ đoàn"})
# A management board is named by what it manages: "Ban Quản lý dự án ... Phú Thọ".
MANAGEMENT = re.compile(r"Ban [Qq]uản lý")
# Units named by their field, of which only the first word is capitalised ("Chi cục Quản lý đất đai").
SUBJECT_HEADS = frozenset({"Cục", "Chi cục", "Tổng cục", "Vụ", "Phòng", "phòng", "Trung tâm", "Văn phòng", "Hạt Kiểm lâm"})
# What may end such a name: punctuation, or a word that opens the rest of the clause.
NAME_BOUNDARY = frozenset({"đối với", "bị", "được", "đã", "vừa", "sẽ", "đang", "và", "của", "tại", "với", "cho",
                            "trong", "về", "theo", "là"})
CENTRAL_COMMITTEE = re.compile(r"\s+Ban Chấp hành Trung ương(?:\s+Đảng(?:\s+Cộng sản Việt Nam)?)?(?![\w])")
CENTRAL_BEFORE = re.compile(r"(?<![\w])Trung ương\s+$")
OF_ASSEMBLY = re.compile(r"\s+của Quốc hội(?![\w])")
# The Front's party committee and the mass organisations named with it.
FRONT = re.compile(r"Mặt trận Tổ quốc|MTTQ")
MASS_ORGS = re.compile(r"(?:\s*\(MTTQ\))?(?:\s*,|\s+và)\s+các đoàn thể\s+(?:Trung ương|tỉnh|thành phố|huyện|xã|phường)(?![\w])")

# Words that end a description: a verb or a preposition of the clause, not a name.
CLAUSE_WORDS = frozenset({"đã", "đang", "sẽ", "là", "của", "và", "được", "bị", "có", "với", "tại", "trong", "cho", "về",
                           "từ", "theo", "để", "khi", "thì", "mà", "này", "đó", "các", "những", "trên", "dưới"})


def reaches_place(text: str, words: list[Token], i: int, *, wide: bool = False) -> int | None:
    """If lower-case words from ``words[i]`` lead, within five words, to a level word and its
    place (or a glued "Q.Tân Phú"), the index of the level word + 1 (the place follows).
    ``wide``: a management board, named by what it manages ("Ban Quản lý dự án xây dựng và bảo trì
    công trình giao thông Phú Thọ"): up to twelve words, "và" and "các" inside, a province at the end."""
    for j in range(i, min(i + (13 if wide else 6), len(words))):
        w = words[j].text
        if wide and j > i and w[:1].isupper() and is_place(w) \
                and not text[words[j - 1].end:words[j].start].strip():
            return j
        if wide and j > i and w in ("và", "các"):
            continue
        if j > i and (w in LEVEL_WORDS and j + 1 < len(words) and words[j + 1].text[:1].isupper()):
            return j + 1
        if j > i and (GLUED_PLACE.match(w) or w in ("Trung ương", "TƯ", "T.Ư") or re.fullmatch(r"[A-ZĐ&]{2,}", w)):
            return j  # "Ban Vận động cứu trợ | Trung ương", "Ban Chính sách pháp luật | LĐLĐ Thành phố"
        if not w.islower() or w in CLAUSE_WORDS or w in LEVEL_WORDS or text[words[j - 1].end if j > i else words[j].start:words[j].start].strip():
            return None
    return None


def nouns_to_boundary(doc: Document, words: list[Token], i: int) -> int | None:
    """The index after one to three lower-case nouns that end the name at punctuation or at a word that
    opens the rest of the clause ("Chi cục Quản lý | đất đai | đối với ông ..."); None otherwise
    ("Sở Y tế | tổ chức hội nghị": a verb)."""
    text = doc.text
    j = i
    while j < len(words) and j < i + 3 and words[j].text.islower() and words[j].text not in CLAUSE_WORDS \
            and words[j].text not in LEVEL_WORDS and words[j].text not in NAME_BOUNDARY \
            and not text[words[j - 1].end:words[j].start].strip():
        j += 1
    if j == i:
        return None
    after = text[words[j - 1].end:]
    if not (re.match(r"\s*(?:[,;:.()”\"]|\s[-–]\s|$)", after)
            or j < len(words) and words[j].text in NAME_BOUNDARY and not after[:words[j].start - words[j - 1].end].strip()):
        return None
    tags = doc.tagged_between(words[i].start, words[j - 1].end)
    if not tags or any(t.pos != "N" for t in tags):
        return None
    return j
