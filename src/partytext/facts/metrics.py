"""The metric vocabulary of party figures: what a count of members or organisations counts.

A figure's metric comes from its unit (the counted noun phrase) and from the verb that
governs it in its clause ("kết nạp 120 đảng viên" → new members, "kỷ luật 13 đảng viên" →
disciplined members, "13 đảng viên bị kỷ luật" likewise). Other figures get no metric.
Matching is on folded lower-case text (no marks, đ → d), so "uỷ"/"ủy" and typing without
diacritics make no difference. docs/facts.md lists the vocabulary with examples.
"""

from __future__ import annotations

import re

from ..normalize import fold
from ..records import Figure, METRICS

# Unit heads (folded), most specific first: (pattern, metric).
UNIT_METRICS = (
    (r"^(?:to chuc co so dang|to chuc co so|dang bo co so|chi bo co so|co so dang|tcco so dang|tcsd|tccsd)",
     "grassroots_party_organisations"),
    (r"^(?:huy hieu dang|huy hieu)", "party_badges"),
    (r"^(?:quan chung uu tu|quan chung|cam tinh dang|doi tuong ket nap|doi tuong dang|doan vien uu tu|"
     r"doan vien cong doan uu tu|doan vien thanh nien uu tu|hoi vien uu tu)", "party_candidates"),
    (r"^(?:dang vien moi)", "new_party_members"),
    (r"^(?:dang vien|dang vien du bi|dang vien chinh thuc|dv|dong chi|d/c)\b", "party_members"),
    (r"^(?:chi bo)", "party_cells"),
    (r"^(?:to chuc dang|dang bo|dang uy|cap uy|to chuc co so dang)", "party_organisations"),
)
_UNITS = [(re.compile(p), m) for p, m in UNIT_METRICS]

# Units that are party figures only in a party context (inspection, discipline): people and
# collectives ("kỷ luật cảnh cáo 2 cá nhân", "phát hiện 6 tập thể", "3 cán bộ, đảng viên").
CONTEXT_UNITS = ((re.compile(r"^(?:ca nhan|can bo|truong hop|lanh dao|cong chuc|vien chuc|lao thanh|dong chi)\b"),
                  "party_members"),
                 (re.compile(r"^(?:tap the|to chuc)\b"), "party_organisations"))
PARTY_CONTEXT = re.compile(r"\b(?:ky luat|xu ly|khai tru|kiem tra|giam sat|vi pham|suy thoai|dang vien|to chuc dang|"
                           r"khien trach|canh cao|cach chuc)\b")

# Further on in the clause only wrongdoing and its sanctions make the context ("6 tập thể, 32
# cá nhân có biểu hiện suy thoái"), not an inspection ("1.000 cán bộ … sẽ được kiểm tra, giám
# sát việc kê khai tài sản" are not counted as party members).
PARTY_CONTEXT_FAR = re.compile(r"\b(?:ky luat|xu ly|khai tru|vi pham|suy thoai|khien trach|canh cao|cach chuc)\b")

MEMBER_METRICS = ("party_members", "new_party_members")
ORGANISATION_METRICS = ("party_organisations", "party_cells", "grassroots_party_organisations")

# People named by a post ("2 Thành ủy viên", "3 phó Ban Bồi thường …"): members when a
# discipline verb governs them or they are a part of a count of members.
POST_UNITS = re.compile(r"^(?:(?:tinh|thanh|huyen|quan|thi|dang|cap) uy vien|uy vien|pho |truong |giam doc|chu tich|"
                        r"bi thu|chu nhiem|can bo|lao thanh)")
# Within how many characters after a people's unit its clause may say they were disciplined
# ("Ba cán bộ tham gia đánh bạc ăn tiền trong UBND xã Quơn Long bị kỷ luật").
PEOPLE_AFTER = 70

# Verbs before the figure in its clause (folded).
ADMIT_BEFORE = re.compile(r"\b(?:ket nap|phat trien(?: duoc)?(?: moi)?(?: (?:dang vien|\d)| ?$))")
# A passive admission follows its subject: "220 đồng chí được kết nạp và 92 đảng viên dự bị
# được công nhận chính thức" (the 92 are not admitted); a considered one is not done:
# "giới thiệu … cho Đảng xem xét kết nạp".
ADMIT_NOT = re.compile(r"\b(?:duoc|da duoc|vua duoc)\s+ket nap\b|\b(?:xem xet|de nghi|cho) ket nap\b")
# ... unless a total follows the admission ("kết nạp 120 đảng viên, nâng tổng số lên 5.000").
TOTAL_AFTER_ADMIT = re.compile(r"\b(?:ket nap|phat trien)\b.*\b(?:tong so|nang tong|hien co|nang so)\b")
DISCIPLINE_BEFORE = re.compile(r"\b(?:ky luat|xu ly ky luat|thi hanh ky luat|xu luat|xu ly(?: va phoi hop xu ly)?)\b")
PENDING = re.compile(r"\bxem xet\s+(?:thi hanh |xu ly )?(?:ky luat|xu ly)\s*(?:doi voi|voi)?\s*$")
# "kỷ luật" as a noun's modifier or a pending act governs no count: "kiểm tra việc thi hành
# kỷ luật đối với 3.830 tổ chức đảng", "giải quyết khiếu nại kỷ luật đảng của 44 đảng viên",
# "đang xem xét xử lý 1 cá nhân".
DISCIPLINE_NOT = re.compile(r"\b(?:viec|khieu nai|to cao|xem xet)\s+(?:thi hanh |xu ly )?(?:ky luat|xu ly)\b(?: dang)?")
# People of another category who are members: "531 trưởng thôn là đảng viên".
MEMBER_AFTER = re.compile(r"^\s*(?:la|deu la) (?:dang vien|bi thu chi bo|bi thu|cap uy vien)\b")
# "Đảng bộ, chi bộ cơ sở": "cơ sở" ends a coordination of both.
GRASSROOTS_AFTER = re.compile(r"^\s*(?:,|va|hoac)\s*(?:dang bo|chi bo|to chuc)(?: dang)? co so\b")
# "nơi có số lượng đảng viên lớn nhất tỉnh với hơn 6.600 người": the counter "người" of members.
MEMBERS_NAMED_BEFORE = re.compile(r"\bso (?:luong )?dang vien\b")
SANCTION = re.compile(r"\b(?:khai tru|cach chuc|canh cao|khien trach)\b")


def _other_sanction(before: str) -> bool:
    """Whether the sanction nearest before a count is not expulsion alone: "khai trừ … hai đảng
    viên và cảnh cáo ba đảng viên" (the three were warned), "Cách chức, khai trừ Đảng 2 cán bộ"
    (one of each); but "cảnh cáo 9 đồng chí, khai trừ 4 đồng chí" (the four were expelled)."""
    found = list(SANCTION.finditer(before))
    if not found or found[-1].group() != "khai tru":
        return bool(found)
    return len(found) > 1 and re.fullmatch(r"\s*(?:,|va|hoac)\s*", before[found[-2].end():found[-1].start()]) is not None


EXPEL_BEFORE = re.compile(r"\b(?:khai tru|khai tru ra khoi dang)\b")
BADGE_BEFORE = re.compile(r"\bhuy hieu\b")
# After the unit: "120 đảng viên được kết nạp", "13 đảng viên bị kỷ luật" (a thousands dot
# is not a clause end: "81 tổ chức và hơn 6.000 đảng viên bị kỷ luật").
_SAME_CLAUSE = r"(?:[^,;.]|(?<=\d)\.(?=\d))"
ADMIT_AFTER = re.compile(rf"^{_SAME_CLAUSE}{{0,25}}\b(?:duoc ket nap|ket nap moi|moi ket nap|moi duoc ket nap)\b")
_DISCIPLINED = r"(?:bi ky luat|bi xu ly ky luat|phai thi hanh ky luat|bi thi hanh ky luat|bi xu ly|bi xu)"
DISCIPLINE_AFTER = re.compile(rf"^{_SAME_CLAUSE}{{0,40}}\b{_DISCIPLINED}\b")
PEOPLE_DISCIPLINED_AFTER = re.compile(rf"^{_SAME_CLAUSE}{{0,{PEOPLE_AFTER}}}\b{_DISCIPLINED}\b")
EXPEL_AFTER = re.compile(rf"^{_SAME_CLAUSE}{{0,30}}\bbi khai tru\b")
BADGE_AFTER = re.compile(rf"^{_SAME_CLAUSE}{{0,25}}\b(?:hh|huy hieu)\b")

# How far back the clause of the figure is looked at.
CLAUSE_BACK = 80
_CLAUSE_END = re.compile(r"[;:!?\n]|\.(?!\d)")


#: Metrics that count what a unit has (a stock), as against what it did in a period.
STOCK_METRICS = ("party_members", "party_cells", "grassroots_party_organisations", "party_organisations",
                 "party_candidates")
# What a unit has: "có", "hiện có", "với", "gồm", "tổng số", "đạt", "lên" ...
HAVING = r"co|hien co|voi|gom|bao gom|tong so|tong cong|dat|len|la|con|nang tong so len"
# ... and what is done to units: inspected, supervised, elected, found, reviewed.
DOING = (r"co dau hieu|kiem tra|giam sat|bau(?: duoc)?|phat hien|kiem diem|xem xet|de nghi|nhac nho|xep loai|"
         r"ket luan|ky luat|xu ly|khien trach|canh cao|trao|tang|bo tri|phan cong|luan chuyen|dao tao|boi duong|"
         r"gioi thieu|tham gia|lam")
# the last verb of the clause (doing first: "có dấu hiệu vi phạm" is not "có")
_LAST_VERB = re.compile(rf"\b({DOING}|{HAVING})\b(?!.*\b(?:{DOING}|{HAVING})\b)")


def is_stock(text_before: str) -> bool:
    """Whether a count is what its owner has: the last verb of its clause before it is one of
    having ("Đảng bộ hiện có 23 …, hơn 5.000 đảng viên"), not of doing ("kiểm tra 796 tổ chức
    đảng", "bầu được 766 đảng viên làm phó thôn"). ``text_before`` is text that ends where the
    figure starts; its clause starts after the last ``.``, ``;``, ``:`` or line break."""
    cut = max((m.end() for m in _CLAUSE_END.finditer(text_before)), default=0)
    m = _LAST_VERB.search(fold(text_before[cut:]).lower())
    return m is not None and re.fullmatch(HAVING, m.group(1)) is not None


def unit_metric(unit: str | None) -> str | None:
    """The metric a unit names on its own ("đảng viên" → party_members), or None."""
    if not unit:
        return None
    key = fold(unit).lower().strip()
    for pattern, metric in _UNITS:
        if pattern.search(key):
            return metric
    return None


def _clause_before(text: str, start: int) -> str:
    left = text[max(0, start - CLAUSE_BACK):start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(left)), default=0)
    return fold(left[cut:]).lower()


def _strip(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(" ", text)


def figure_metric(figure: Figure, text: str, whole: str | None = None) -> str | None:
    """The metric of one figure in ``text`` (the article text), or None. ``whole`` is the
    metric of the figure this one is a part of ("9 đảng viên, trong đó có 2 Thành ủy viên")."""
    if figure.kind not in ("count", "ratio"):
        return None
    base = unit_metric(figure.unit)
    raw_before = _clause_before(text, figure.start)
    before = _strip(DISCIPLINE_NOT, raw_before)
    if PENDING.search(raw_before):  # the nearest verb: "…, đang xem xét xử lý 1 cá nhân"
        before = DISCIPLINE_BEFORE.sub(" ", before)
    # "3 cán bộ, đảng viên bị xử …": the pair "cán bộ, đảng viên" is one noun
    after = re.sub(r"^\s*,\s*(?=dang vien\b)", " ", fold(text[figure.end:figure.end + 90]).lower())
    clause_after = after[:min((m.start() for m in _CLAUSE_END.finditer(after)), default=len(after))]
    unit = fold(figure.unit).lower() if figure.unit else ""
    if base is None and MEMBER_AFTER.search(after):
        base = "party_members"
    if base is None and unit == "nguoi" and MEMBERS_NAMED_BEFORE.search(before):
        base = "party_members"
    if base is None and unit:
        for pattern, metric in CONTEXT_UNITS:
            if pattern.search(unit) and (PARTY_CONTEXT.search(before) or PARTY_CONTEXT_FAR.search(clause_after)
                                         or PARTY_CONTEXT.search(after[:30]) or PARTY_CONTEXT.search(unit)):
                base = metric
    people = bool(unit) and (POST_UNITS.search(unit) is not None or CONTEXT_UNITS[0][0].search(unit) is not None)
    people_disciplined = people and (PEOPLE_DISCIPLINED_AFTER.search(after) is not None
                                     or re.search(r"^[^;.]{0,40}\bda thi hanh ky luat\b", after) is not None)
    if base is None and people:
        # a post or a person: a member when disciplined, given a badge, or part of members
        if DISCIPLINE_BEFORE.search(before) or people_disciplined:
            return "disciplined_members"
        if BADGE_BEFORE.search(before):
            return "party_badges"
        if whole in MEMBER_METRICS + ("disciplined_members", "expelled_members", "party_badges"):
            return whole
    if base is None:
        return None
    if base == "party_organisations" and GRASSROOTS_AFTER.search(after):
        base = "grassroots_party_organisations"
    if base in MEMBER_METRICS:
        if EXPEL_BEFORE.search(before) or EXPEL_AFTER.search(after):
            return "disciplined_members" if _other_sanction(before) else "expelled_members"
        if DISCIPLINE_BEFORE.search(before) or DISCIPLINE_AFTER.search(after) or people_disciplined:
            return "disciplined_members"
        if BADGE_BEFORE.search(before) or BADGE_AFTER.search(after):
            return "party_badges"
        admit = _strip(ADMIT_NOT, before)
        if (ADMIT_BEFORE.search(admit) and not TOTAL_AFTER_ADMIT.search(admit)) or ADMIT_AFTER.search(after):
            return "new_party_members"
        if whole in ("disciplined_members", "expelled_members") and people:
            return whole  # "429 trường hợp cán bộ … bị kỷ luật, trong đó có 98 trường hợp là người đứng đầu"
        return base
    if base == "party_candidates" and (ADMIT_AFTER.search(after) or re.search(r"^[^,;]{0,30}\bket nap\b",
                                                                               _strip(ADMIT_NOT, after))):
        return "new_party_members"
    if base in ORGANISATION_METRICS and (DISCIPLINE_BEFORE.search(before) or DISCIPLINE_AFTER.search(after)):
        return "disciplined_organisations"
    return base


assert all(m in METRICS for _, m in UNIT_METRICS)
