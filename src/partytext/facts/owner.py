"""The owner of a party figure: the organisation or locality it describes.

Candidates are the record's ORG and LOC entities ("Đảng bộ TP. Pleiku", "huyện Trấn Yên")
plus what the entity patterns leave out: an organisation named only by its level ("Đảng
bộ tỉnh", "Đảng bộ quận"), the central inspection commission under its abbreviations
("UBKT Trung ương") and whole-territory words ("toàn tỉnh", "cả nước"). A figure's owner is
the first candidate before it in its sentence (the sentence's subject: "Ủy ban Kiểm tra Trung
ương … đề nghị Ban Bí thư thi hành kỷ luật 6 đảng viên"), else the nearest one before its sentence
(the subject carried over: "Đảng bộ TP. Pleiku hiện có 23 …, 375 …, hơn 5.000 …" gives the
three figures one owner), else the first one after it in its sentence, else None.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..records import Record
from .gazetteer import gazetteer
from .sentences import sentence_bounds

# What the entity patterns do not catch (see the module docstring).
LEVEL_ONLY = re.compile(
    r"(?:Đảng bộ|Đảng ủy|Đảng uỷ|Ban Thường vụ|Ủy ban Kiểm tra|Uỷ ban Kiểm tra|UBKT)\s+"
    r"(?:tỉnh|huyện|quận|thành phố|thị xã|xã|phường|thị trấn|Tỉnh ủy|Huyện ủy|Thành ủy)(?![\w])(?!\s+[A-ZĐ])"
)
CENTRAL = re.compile(r"(?:Ủy ban Kiểm tra|Uỷ ban Kiểm tra|UB Kiểm tra|UBKT)\s+Trung ương|Ban Chấp hành Trung ương|Bộ Chính trị|Ban Bí thư")
WHOLE = re.compile(r"(?<![\w])(?:[tT]oàn (?:tỉnh|huyện|thành phố|quận|thị xã|Đảng bộ|Đảng)|[cC]ả nước|[tT]oàn quốc)(?![\w])")
# A generic subject: "cấp ủy các cấp", "UBKT các cấp" name no one body, so they end the
# carried owner (the figures after them have none unless their sentence names one).
GENERIC = re.compile(r"(?:[cC]ấp ủy|[cC]ấp uỷ|UBKT|[ỦU]y ban [kK]iểm tra|[Uu]ỷ ban [kK]iểm tra|[tT]ổ chức đảng|[cC]ác cấp ủy)"
                     r"(?: và (?:UBKT|[uủUỦ][yỷ] ban [kK]iểm tra))? các (?:cấp|địa phương(?:, đơn vị)?)(?!\s+(?:của|thuộc|trong|ở))")
NOT_SUBJECT_BEFORE = re.compile(r"(?:Nghị quyết|Chỉ thị|Kết luận|Quy định|Quyết định|Hội nghị|Ủy viên|Uỷ viên|"
                                r"Bí thư|Chủ nhiệm|Trưởng [bB]an|Phó [bB]an|Chủ tịch|Giám đốc|[pP]hóng viên)"
                                r"(?:\s+số\s+\S+)?(?:\s+(?:của|do))?\s*$")
# Not subjects either: the body a sanction falls on and a person's body ("Đề nghị thi hành kỷ
# luật Ban Cán sự đảng Bộ Tài nguyên và Môi trường …", "3 đồng chí nguyên là lãnh đạo Bộ …").
OBJECT_BEFORE = re.compile(r"(?<![\w])(?:kỷ luật|khiển trách|cảnh cáo|cách chức|khai trừ|xử lý|đối với|lãnh đạo)"
                           r"(?:[ \t]+(?:bằng[ \t]+)?hình thức[ \t]+\S+(?:[ \t]+\S+)?)?[ \t]+$")
# A figure's own body after it: "3 cá nhân thuộc Bộ Tài nguyên đã thi hành kỷ luật …"
BELONGS_AFTER = re.compile(r"\s*(?:thuộc|trực thuộc)\s+$")
PRESS = re.compile(r"(?:TTXVN|VTV|VOV|Báo |báo |Đài |Tạp chí |Cổng thông tin)")
REPORTING = re.compile(r"(?<![\w])(?:cho biết|cho hay|khẳng định|thông tin|thông báo|báo cáo)(?![\w])\s*:?")
# The words that may stand before a figure that opens its sentence: "Với", "Có", "Gồm", "Hơn".
OPENING = re.compile(r"\s*(?:[vV]ới|[cC]ó|[gG]ồm|[hH]ơn|[gG]ần|[kK]hoảng|[tT]rên|[tT]ổng cộng)?\s*$")
#: How far after such a figure its subject may stand.
AFTER_CHARS = 60
_BRACKETED = re.compile(r"\s?\(")

#: Owner words of each level (the facts pivot sums only province-level owners).
NATIONAL = re.compile(r"Trung ương|[cC]ả nước|[tT]oàn quốc|[tT]oàn Đảng(?! bộ)|Bộ Chính trị|Ban Bí thư|Quốc hội|Chính phủ")
GRASSROOTS = re.compile(r"(?<![\w])(?:[xX]ã|[pP]hường|[tT]hị trấn|[cC]hi bộ|[tT]hôn|[bB]ản|[lL]àng|[tT]ổ dân phố|cơ sở|[đĐ]ặc khu)(?![\w])")
DISTRICT = re.compile(r"(?<![\w])(?:[hH]uyện|[qQ]uận|[tT]hị xã|[tT]hị ủy|[tT]hị uỷ)(?![\w])")
PROVINCE = re.compile(r"(?<![\w])(?:[tT]ỉnh|[tT]hành ủy|[tT]hành uỷ)(?![\w])")
# "thành phố" is a province only for the centrally governed cities (Hà Nội, Đà Nẵng, ...).
CITY = re.compile(r"(?<![\w])(?:[tT]hành phố|TP\.?)(?![\w])")
# A province's committees: their own size is not the province's, what they decide is.
COMMITTEE = re.compile(r"(?:Ban Chấp hành|Ban chấp hành|BCH|Ban Thường vụ|Thường trực|Ủy ban Kiểm tra|Uỷ ban Kiểm tra|UBKT|"
                       r"Đoàn đại biểu)(?![\w])")
# Bodies of a province that are not the province itself (their own party committees, staff).
UNIT = re.compile(r"^(?:Ban Tổ chức|Ban Tuyên giáo|Ban Dân vận|Ban Nội chính|Ban Kinh tế|Văn phòng|Sở|Đoàn|Hội|Công an|Bộ Chỉ huy|Bộ đội|Trường|Bệnh viện|Công ty|Báo|Đài|"
                  r"Cục|Chi cục|Ngân hàng|Khối|Đảng bộ Khối|Đảng ủy Khối|Quân sự|Lực lượng)(?![\w])")


def candidates(record: Record) -> list[tuple[int, int]]:
    """Spans of owner candidates, in text order, without overlaps (the longer wins); a
    generic subject ("UBKT các cấp") is a candidate that stands for no owner."""
    text = record.article.text
    spans = [(e.start, e.end) for e in record.entities if e.type in ("ORG", "LOC")]
    for pattern in (LEVEL_ONLY, CENTRAL, WHOLE, GENERIC):
        spans += [m.span() for m in pattern.finditer(text)]
    spans += [(p.start, p.end) for p in record.places]
    # not subjects: a body named in a document's or a person's title ("Nghị quyết Trung ương
    # Đảng", "Quy định của Ban Thường vụ", "Bí thư Tỉnh ủy"), and the press ("TTXVN", "Báo …")
    # the body a sanction falls on, and the places its name holds ("kỷ luật Ban Thường vụ Đảng
    # ủy xã Ea Kao": neither it nor "Ea Kao" is a subject)
    objects = [(s, e) for s, e in spans if OBJECT_BEFORE.search(text, max(0, s - 40), s)]
    spans = [(s, e) for s, e in spans if not NOT_SUBJECT_BEFORE.search(text, max(0, s - 30), s)
             and not any(s0 <= s and e <= e0 for s0, e0 in objects)
             and not PRESS.match(text, s) and sum(ch.isalpha() for ch in text[s:e]) >= 2]
    # a place in brackets after a name explains it ("Đảng bộ thị xã Phước Long (Bình Phước)")
    spans = [(s, e) for s, e in spans if not _BRACKETED.match(text, max(0, s - 2)) or
             not any(e0 <= s - 1 and e0 >= s - 3 for _, e0 in spans)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            if e > out[-1][1] and s == out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


def is_generic(text: str) -> bool:
    return GENERIC.fullmatch(text) is not None


def owner_span(record: Record, start: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The owner span of a figure that starts at ``start`` (see the module docstring); a
    generic subject's span when that is the owner (the caller gives such a figure no owner)."""
    text = record.article.text
    s_lo, s_hi = sentence_bounds(text, start)
    i = bisect_left(spans, (start, -1))
    before = [sp for sp in spans[:i] if sp[1] <= start]
    in_sentence = [sp for sp in before if sp[0] >= s_lo]
    # reported speech: the subject of what is reported ("Bí thư … cho biết Đảng bộ quận có …")
    said = [m.end() for m in REPORTING.finditer(text, s_lo, start)]
    if said and any(sp[0] >= said[-1] for sp in in_sentence):
        in_sentence = [sp for sp in in_sentence if sp[0] >= said[-1]]
    # a clause after ";" has its own subject ("…; đề nghị Ban Chấp hành Trung ương thi hành
    # kỷ luật 1 đồng chí")
    semi = [m.end() for m in re.finditer(";", text[s_lo:start])]
    if semi and any(sp[0] >= s_lo + semi[-1] for sp in in_sentence):
        in_sentence = [sp for sp in in_sentence if sp[0] >= s_lo + semi[-1]]
    if in_sentence:  # the sentence's subject: its first candidate, or a later clause's
        clause = [sp for sp in in_sentence[1:] if _opens_clause(text, sp)]
        return clause[-1] if clause else in_sentence[0]
    # a figure that opens its sentence, its subject after it ("Với 69 đảng viên, Chi bộ thôn …")
    after = [sp for sp in spans[i:] if s_lo <= sp[0] < s_hi]
    # the body the counted belong to, named right after them ("3 cá nhân thuộc Bộ Tài nguyên")
    if after and after[0][0] - start <= AFTER_CHARS and BELONGS_AFTER.search(text, start, after[0][0]) \
            and not re.search(r"[,;:(]", text[start:after[0][0]]):
        return after[0]
    if after and OPENING.match(text, s_lo, start) and after[0][0] - start <= AFTER_CHARS:
        return after[0]
    if before:
        return before[-1]
    return after[0] if after else None


# A subject that opens a clause after a comma: the candidate follows ", " and a verb (or an
# adverb before it) follows it: "Ban Bí thư thi hành kỷ luật 2 tổ chức đảng …, Ban chấp hành
# Trung ương thi hành kỷ luật một cán bộ"; "Thường trực Tỉnh ủy, Ban Thường vụ Tỉnh ủy Quảng
# Bình cũng đã … xử lý 9 trường hợp"; "Liên quan đến sai phạm … tại xã Hành Dũng, vào giữa
# tháng 3 vừa qua, Huyện ủy Nghĩa Hành cũng đã ban hành …".
_CLAUSE_BEFORE = re.compile(r",\s*$")
_VERB_AFTER = re.compile(r"\s+(?:(?:cũng|đã|đang|vừa|sẽ|còn|mới|luôn|tiếp tục|hiện|vẫn|nghiêm khắc|kịp thời)\s+)*"
                         r"(?:có|thi hành|kỷ luật|xử lý|kiểm tra|giám sát|kết nạp|ban hành|quyết định|đề nghị|"
                         r"phát hiện|trao|tặng|tổ chức|giải quyết|khai trừ|cảnh cáo|khiển trách|xem xét|là|gồm|đạt)(?![\w])")


_REQUEST_LIST = re.compile(r"(?:đề nghị|yêu cầu|giao|báo cáo|trình)\s+(?:[^,;.]{2,60},\s*)*$")


def _opens_clause(text: str, span: tuple[int, int]) -> bool:
    """Whether a candidate after a comma opens a clause of its own, not the last of the bodies a
    request names ("đề nghị Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư thi hành kỷ luật …":
    the one who asks stays the subject)."""
    return _CLAUSE_BEFORE.search(text, max(0, span[0] - 3), span[0]) is not None and \
        _VERB_AFTER.match(text, span[1]) is not None and \
        _REQUEST_LIST.search(text, max(0, span[0] - 150), span[0]) is None


def owner_level(owner: str | None, place: dict | None = None) -> str | None:
    """"national", "province", "committee" (a province's committee: "Ban Thường vụ Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy"), "district", "grassroots" or None for an owner text."""
    if owner is None:
        return None
    if NATIONAL.search(owner):
        return "national"
    if GRASSROOTS.search(owner):
        return "grassroots"
    if (place and place.get("district_legacy")) or DISTRICT.search(owner):
        return "district"
    if UNIT.match(owner.strip()):
        return None
    if COMMITTEE.match(owner.strip()) and (PROVINCE.search(owner) or CITY.search(owner)):
        return "committee"
    if place and owner.strip() in (place.get("province"), place.get("province_legacy")):
        return "province"
    if PROVINCE.search(owner):
        return "province"
    if CITY.search(owner) and place and place.get("province_legacy") in gazetteer().cities:
        return "province"
    return None
