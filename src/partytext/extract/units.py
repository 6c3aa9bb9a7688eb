"""The words around a number: its unit (the counted noun phrase), its qualifier and change.

Units are read syllable by syllable after the number, up to a word that cannot belong to a
noun phrase (a verb, a preposition, a conjunction) or to punctuation. A comma continues the
phrase only when a known unit noun follows it ("đảng bộ cơ sở xã, phường").
"""

from __future__ import annotations

import re

# Syllables that end a noun phrase. Multi-word stops are checked on the joined syllables.
STOP_WORDS = frozenset("""
với của và hoặc hay là được bị đã đang sẽ có không chưa đều cũng thì mà nên nhưng
để cho từ đến tới trong ngoài tại ở trên dưới so bằng đạt chiếm tăng giảm còn như theo
vào ra lên xuống qua về do bởi vì nhằm này đó kia ấy nay nào các những mỗi mọi
trở gồm nhất hơn kém gấp lần sau trước khi lúc nơi đây vẫn rất vừa
""".split())

# Syllables that can open a unit only when nothing else does; used to reject units.
# Stop words that belong to the word before them: "dự bị" (probationary).
_KEEPS_STOP_WORD = {"bị": "dự"}
# Stop words that open a compound noun or modifier with the word after them: "141 bị cáo",
# "dự án trong nước" (domestic), "hộ gia đình có công" (with merit to the revolution), and
# "nhà ở", "đất ở" (housing, residential land) unless a place follows ("nhà ở xã Tân Lập").
_STOP_WORD_COMPOUNDS = frozenset({"bị cáo", "bị can", "bị hại", "trong nước", "có công"})
_DWELLING = frozenset({"nhà", "đất"})
_DWELLING_PLACE = re.compile(r"ở\s+(?:đô thị|nông thôn|xã hội)(?!\w)|ở(?=\s*(?:[^\w\s]|$|(?:bị|được|đã|và|của|này|đó|cho|tại|trên)(?!\w)))",
                             re.IGNORECASE)
# Words after a number that make it a slogan or campaign name ("5 biết", "3 không", "4 tốt").
SLOGAN_WORDS = frozenset("biết cùng tốt sạch giỏi xanh đẹp an không có xây chống nhất".split())
# Titles whose complement is a capitalised body: "3 ủy viên Bộ Chính trị".
_TITLE_HEAD = re.compile(r"(?:ủy viên|uỷ viên|bí thư|trưởng ban|phó trưởng ban|thành viên|đại biểu)\s*(?:\S+\s*)?$", re.IGNORECASE)

# Head nouns of the party-building domain, longest first when matched.
UNIT_NOUNS = (
    "tổ chức cơ sở đảng", "tổ chức đảng", "tổ chức cơ sở", "đảng bộ cơ sở", "chi bộ cơ sở",
    "đảng bộ bộ phận", "chi bộ trực thuộc", "đảng viên", "đảng bộ", "chi bộ", "chi ủy", "chi uỷ",
    "cấp ủy", "cấp uỷ", "cấp ủy viên", "đảng ủy", "đảng uỷ", "cán bộ", "công chức", "viên chức",
    "hội viên", "đoàn viên", "đồng chí", "quần chúng", "người", "hộ", "hộ nghèo", "xã", "phường",
    "thị trấn", "thôn", "làng", "bản", "ấp", "buôn", "tổ dân phố", "khu phố", "khu dân cư",
    "huyện", "quận", "thị xã", "tỉnh", "thành phố", "đơn vị", "cơ quan", "doanh nghiệp", "trường",
    "nghị quyết", "chỉ thị", "văn bản", "cuộc", "lớp", "lượt", "vụ", "trường hợp", "đơn",
    "học viên", "đại biểu", "vị", "công trình", "dự án", "tập thể", "cá nhân", "hồ sơ", "bài",
    "tác phẩm", "mô hình", "tiêu chí", "chỉ tiêu", "nhiệm vụ", "giải pháp", "kiến nghị", "ý kiến",
    "phụ nữ", "nữ", "thanh niên", "học sinh", "sinh viên", "giáo viên", "bác sĩ", "chiến sĩ",
    "lao động", "nhân khẩu", "khẩu", "căn", "căn nhà", "ngôi nhà", "nhà", "em", "suất", "phần quà",
    "xe", "chiếc", "cây", "con", "ha", "héc-ta", "hecta", "tấn", "kg", "km", "m", "m2", "m3",
    "lít", "tuổi", "năm", "tháng", "tuần", "ngày", "giờ", "quý", "kỳ", "nhiệm kỳ", "đồng", "USD",
    "triệu đồng", "tỷ đồng", "tỉ đồng", "nghìn đồng", "ngàn đồng", "đô la", "MW", "kWh", "bộ",
    "kinh nghiệm", "bài học", "yếu tố", "nguyên nhân", "khâu", "vấn đề", "đột phá", "chương trình",
    "ban", "ngành", "đoàn thể", "tổ", "nhóm", "thành viên", "ủy viên", "uỷ viên", "bí thư",
    "phó bí thư", "chủ tịch", "phó chủ tịch", "trưởng thôn", "lĩnh vực", "việc", "điểm", "nội dung", "cuộc họp", "buổi", "đợt",
    "đ/c", "giấy chứng nhận", "giấy chứng nhận đăng ký", "giấy phép", "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "quận ủy", "quận uỷ", "thị ủy", "thị uỷ",
)
UNIT_NOUN_SET = frozenset(UNIT_NOUNS)
_LONGEST_UNIT = max(len(u.split()) for u in UNIT_NOUN_SET)
_UNIT_SPLIT = re.compile(r"[\s,/]+")


def known_unit_length(unit: str) -> int:
    """Characters of the longest known unit noun that ``unit`` starts with (0 if none):
    "chi bộ trực thuộc đảng ủy" → 17 ("chi bộ trực thuộc")."""
    if unit[:3].lower() == "đ/c":  # "đồng chí", abbreviated
        return 3
    words = _UNIT_SPLIT.split(unit.lower())
    for n in range(min(len(words), _LONGEST_UNIT), 0, -1):
        head = " ".join(words[:n])
        if head in UNIT_NOUN_SET:
            m = re.match(r"\S+(?:[\s,/]+\S+){%d}" % (n - 1), unit)
            return len(m.group()) if m else len(head)
    return 0


def known_unit(unit: str) -> bool:
    """Whether ``unit`` starts with a known unit noun ("đảng viên", "tổ chức đảng"...)."""
    return known_unit_length(unit) > 0
# Places and party units that are listed with commas: "đảng bộ cơ sở xã, phường", "thôn, làng".
_LIST_UNITS = frozenset("xã phường thị trấn thôn làng bản ấp buôn phố huyện quận thị tỉnh thành cơ sở khu dân cư".split())
_UNIT_FIRST = frozenset(u.split()[0].lower() for u in UNIT_NOUNS)

# A rate or a speed is one unit: "triệu đồng/năm", "20km/h", "m/s", "km/giờ".
_UNIT_RATE = re.compile(r"/(?:năm|tháng|ngày|tuần|quý|giờ|người|hộ|ha|người/năm|km|(?<=m/)[hs])\b")

SYLLABLE = re.compile(r"(?i:đ/c)(?!\w)|[^\W\d_][\w'’-]*|\d[\w,.]*|%|/|[^\w\s]")
# Capitalised common nouns that go on a unit ("tổ chức cơ sở Đoàn", "chi bộ trực thuộc Đảng ủy
# cơ sở") when no other capitalised word (a name) follows them.
_CAPITAL_COMMON = frozenset({"Đoàn", "Đảng", "Hội"})
# Nouns followed by a capital letter that names a class: "giải B", "loại A", "hạng C".
_RANK_NOUNS = frozenset({"giải", "loại", "hạng", "nhóm", "cấp"})
_RANKS = frozenset({"Nhất", "Nhì", "Ba", "Tư", "Đặc", "Khuyến"})


def _syllables(text: str, start: int, limit: int = 80) -> list[re.Match[str]]:
    return list(SYLLABLE.finditer(text, start, min(len(text), start + limit)))


def _capital_goes_on(text: str, words: list[re.Match[str]], m: re.Match[str]) -> bool:
    """Whether a capitalised syllable continues a unit: a title after "Phó" ("2 Phó Chủ tịch"),
    or a capitalised common noun that no name follows ("23 tổ chức cơ sở Đoàn")."""
    prev = words[-1].group()
    if prev.lower() == "phó" or (prev[0].isupper() and len(words) > 1 and words[-2].group().lower() == "phó"):
        return True
    if prev.lower() in _RANK_NOUNS and (len(m.group()) <= 2 and m.group().isupper() or m.group() in _RANKS):
        return True  # "giải B", "loại A", "giải Ba", "giải Khuyến khích"
    if prev.lower() == "miền" and m.group() in ("Bắc", "Trung", "Nam", "Tây", "Đông"):
        return True  # "4 tỉnh miền Trung"
    if prev.lower() == "châu" and m.group() in ("Á", "Âu", "Phi", "Mỹ", "Úc", "Đại"):
        return True  # "4 quốc gia châu Á"
    nxt = SYLLABLE.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
    if nxt is not None and (m.group(), nxt.group()) in _CAPITAL_PAIRS:
        return True  # "đoàn viên Công đoàn", "cán bộ lão thành Cách mạng"
    if words[0].group() in _BODY_HEADS:
        return True  # a capitalised body type: "10 Ban Thường vụ Tỉnh ủy"
    if m.group() not in _CAPITAL_COMMON:
        return False
    nxt = SYLLABLE.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
    return nxt is None or not nxt.group()[0].isupper()


def _stop_word_goes_on(text: str, words: list[re.Match[str]], m: re.Match[str]) -> bool:
    """Whether stop word ``m`` opens a compound noun ("bị cáo", "trong nước", "nhà ở")."""
    nxt = SYLLABLE.match(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
    if nxt is not None and f"{m.group().lower()} {nxt.group().lower()}" in _STOP_WORD_COMPOUNDS:
        return bool(words) or m.group().lower() == "bị"  # "141 bị cáo"; "trong nước" only after a noun
    if words and m.group().lower() == "ở" and words[-1].group().lower() in _DWELLING:
        return bool(_DWELLING_PLACE.match(text, m.start()))
    return False


# Words right before a name that go with the name, not with the unit: "02 dự án | đường Phong
# Châu", "hai vợ chồng | ông Phúc", "11 giải C | cấp Quân khu".
_NAME_LEADS = frozenset("đường ông bà cấp".split())
# Syllables that make one word with a lead before a name: "tuyến đường", "tiểu đường", "ông bà".
_LEAD_COMPOUNDS = frozenset("tuyến con tiểu tháo nẻo ven bên làm ông bà cao trung sơ".split())
# Capitalised heads of a body type whose name goes on in capitals: "10 Ban Thường vụ Tỉnh ủy".
_BODY_HEADS = frozenset({"Ban", "Ủy", "Uỷ", "Đảng", "Chi", "Hội"})
# Capitalised words that continue a unit as a common noun: "lão thành Cách mạng".
_CAPITAL_PAIRS = frozenset({("Cách", "mạng"), ("Công", "đoàn")})


def read_unit(text: str, start: int, *, max_syllables: int = 8) -> tuple[str, int, int] | None:
    """The noun phrase that starts at ``start`` (after a number): (unit, start, end).

    Returns None when no noun phrase follows. A rate suffix ("/năm") is part of the unit.
    """
    pos = start
    # A glued unit ("1chi bộ", "5km") starts right at the number's end.
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos >= len(text) or text[pos] in "\n":
        return None
    words: list[re.Match[str]] = []
    for m in _syllables(text, pos):
        tok = m.group()
        low = tok.lower()
        between = text[words[-1].end():m.start()] if words else text[pos:m.start()]
        if "\n" in between:
            break
        if tok == "/" and words and _UNIT_RATE.match(text, m.start()):
            rate = _UNIT_RATE.match(text, m.start())
            end = rate.end()
            return text[pos:end].strip(), pos, end
        if not tok[0].isalpha():
            if tok == "," and words and len(words) < max_syllables:
                nxt = SYLLABLE.match(text, m.end() + (1 if text[m.end():m.end() + 1] == " " else 0))
                last = text[words[-1].start():words[-1].end()].lower()
                if nxt and nxt.group()[0].islower() and nxt.group().lower() in _LIST_UNITS and last in _LIST_UNITS:
                    words.append(m)
                    continue
            break
        if low in STOP_WORDS and _stop_word_goes_on(text, words, m):
            words.append(m)
            continue
        if low in STOP_WORDS and words and not _KEEPS_STOP_WORD.get(low) == text[words[-1].start():words[-1].end()].lower():
            break
        if not words and (low in STOP_WORDS or low in SLOGAN_WORDS or (tok[0].isupper() and low not in _UNIT_FIRST)):
            return None
        if words and tok[0].isupper() and not _TITLE_HEAD.search(text[pos:m.start()]) and not _capital_goes_on(text, words, m):
            # a name starts: "chi bộ Thôn 3" (but "ủy viên Bộ Chính trị", "Phó Chủ tịch" go on);
            # the word that leads it goes with it ("dự án | đường Phong Châu")
            if len(words) > 1 and words[-1].group().lower() in _NAME_LEADS and (
                    words[-2].group().lower() not in _LEAD_COMPOUNDS):
                words.pop()
            break
        words.append(m)
        if len([w for w in words if w.group() != ","]) >= max_syllables:
            commas = [i for i, w in enumerate(words) if w.group() == ","]
            nxt = SYLLABLE.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] == " " else None
            if commas and nxt and nxt.group()[0].isalpha() and nxt.group().lower() not in STOP_WORDS:
                words = words[: commas[-1]]  # cut at the last comma, not inside a word
            break
    while words and words[-1].group() == ",":
        words.pop()
    if not words:
        return None
    end = words[-1].end()
    if end < len(text) and text[end] == "/" and _UNIT_RATE.match(text, end):
        end = _UNIT_RATE.match(text, end).end()
    return text[pos:end], pos, end


_MEASURE = re.compile(
    r"^(?P<money>(?:nghìn |ngàn |triệu |tỷ |tỉ )?(?:đồng(?!\s+(?:chí|bào|thời|ý|nghiệp|bằng|hương|minh|đội|tình|lòng|loạt|bộ|chủ|phạm|ruộng|nhất|hành|tâm|đều|phục|cảm|khởi|lúa|tiền|hồ))|đ(?!/c)|USD|usd|đô la(?: Mỹ)?|euro|EUR|nhân dân tệ|yên)(?![\w]))"
    r"|^(?P<duration>năm|tháng|tuần|ngày|giờ|phút|quý|thập kỷ|thập niên)(?![\w])"
    r"|^(?P<other>tuổi|lần|tấn|kg|lít|ha|cây số|héc-ta|hecta|km2|km|m2|m3|mét vuông|mét|m|MW|kWh|tạ|yến|cm|mm|sào|mẫu|gam|g)(?![\w])",
    re.IGNORECASE,
)
_RATE = re.compile(r"/\s?(?:năm|tháng|ngày|tuần|quý|giờ|người|hộ|ha|km|(?<=m/)[hs])(?![\w])")


def measure_unit(unit: str | None) -> tuple[str, str] | None:
    """(kind, unit) for money, durations and measures: "triệu đồng/năm" → ("money",
    "triệu đồng/năm"), "năm triển khai" → ("duration", "năm"); None for counted nouns."""
    if not unit:
        return None
    m = _MEASURE.match(unit)
    if not m:
        return None
    kind = next(k for k, v in m.groupdict().items() if v)
    end = m.end()
    rate = _RATE.match(unit, end)
    if rate:
        end = rate.end()
    return kind, unit[:end]


# --- qualifiers and change ----------------------------------------------------------------

# Written right before the number; matched on the text that precedes it, at its end.
QUALIFIER_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<more>hơn|trên|hơn\s+cả)|(?P<less>dưới|chưa đến|chưa tới|chưa đầy|không đầy|chưa được)"
    r"|(?P<nearly>gần|ngót|gần như|gần bằng|suýt soát)|(?P<about>khoảng|chừng|xấp xỉ|ước|ước tính|ước đạt|(?<!tốc )(?<!nhiệt )(?<!mức )(?<!cường )độ|tầm|khoảng chừng|dự ước|dự kiến)"
    r"|(?P<atleast>ít nhất|tối thiểu|không dưới|không ít hơn)|(?P<atmost>tối đa|không quá|không vượt quá|nhiều nhất))"
    r"\s+(?:là\s+)?$",
    re.IGNORECASE,
)
# Written after the number (and its unit): "từ 7% trở lên".
QUALIFIER_AFTER = re.compile(r"^\s*(?P<atleast>trở lên)|^\s*(?P<atmost>trở xuống)", re.IGNORECASE)

CHANGE_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<inc>tăng|tăng thêm|tăng lên|nâng lên|tăng hơn|tăng gần)|(?P<dec>giảm|giảm xuống|giảm còn|giảm đi|giảm bớt))"
    r"(?:\s+(?:từ|thêm|được|lên|xuống|còn|đến|tới|khoảng|hơn|gần|trên|dưới|là|bình quân|trung bình|mỗi năm|hằng năm|hàng năm|so với \S+ \S+))*\s+$",
    re.IGNORECASE,
)
# A later number of the same change: "giảm từ 842 xuống còn 603".
CHANGE_CONTINUES = re.compile(r"(?:xuống còn|xuống|lên đến|lên tới|lên)\s+$", re.IGNORECASE)

QUALIFIER_NAMES = {"more": "more_than", "less": "less_than", "nearly": "nearly", "about": "about",
                   "atleast": "at_least", "atmost": "at_most"}


def qualifier_before(prefix: str) -> tuple[str | None, int]:
    """(qualifier, its start offset within ``prefix``) from the text before a number."""
    m = QUALIFIER_BEFORE.search(prefix[-40:])
    if not m:
        return None, len(prefix)
    name = next(k for k, v in m.groupdict().items() if v)
    return QUALIFIER_NAMES[name], len(prefix) - len(prefix[-40:]) + m.start()


def change_before(prefix: str) -> str | None:
    m = CHANGE_BEFORE.search(prefix[-60:])
    if not m:
        return None
    return "increase" if m["inc"] else "decrease"
