"""Figures: every quantity mention, with its unit, kind, qualifier, change and breakdown.

A candidate is a number in digits ("5.000", "71,29", "1,5 triệu", "195/160", "từ 3 đến 5",
"1chi bộ") or in words ("chín", "hai mươi mốt"). It becomes a figure when it is a quantity:

* percentages always are ("71,29%", "100% chi bộ");
* other numbers need a unit: a noun phrase after them ("23 đảng bộ cơ sở"), before them
  ("Tổng số thôn, làng, tổ dân phố là 248"), or shared with a neighbour ("kiểm tra 12 và
  giám sát 15 tổ chức đảng"); a bare large sum in a budget sentence is money. The phrase
  after a number ends where underthesea's POS tags end it (:mod:`.nounphrase`: "350 đại
  biểu chính thức | thay mặt cho", no unit at all in "bản kê khai 2016 nêu"); the sentence
  is tagged only when the reading is not one known unit noun ended by punctuation.

That rule alone keeps out list markers ("2 là"), slogans ("3 không"), names ("Phú Mỹ 2")
and clause numbers ("khoản 2 và 3"); dates, periods, document symbols and ordinals are
found first and their spans are never figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..nlp import Document
from ..numbers import DIGITS, SCALES, comma_thousands, parse_digits, parse_number_words, to_plain
from ..records import Article, Figure
from . import register
from .dates import dates_in, find_periods, symbol_spans
from .events import find_events
from .figure_links import breakdowns, merge_ranges, share_units
from .nounphrase import is_locative, measured_thing, noun_phrase_end, one_is_a_word
from .units import (
    QUALIFIER_AFTER,
    STOP_WORDS,
    change_before,
    known_unit,
    known_unit_length,
    measure_unit,
    qualifier_before,
    read_unit,
)

# A number in digits, possibly a range or ratio, with scale words and a percent sign.
NUMBER = re.compile(
    r"(?=[Tt\d])"  # a fast first check (a digit or "từ"): the engine skips other positions quickly
    r"(?:(?<![\w.,/-])|(?<=[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/))"  # "64 vụ/114 đối tượng"
    r"(?:(?P<from>(?i:từ))\s+)?"
    rf"(?P<num>{DIGITS.pattern})"
    rf"(?:(?P<ratio>/)(?P<den>\d+(?:\.\d{{3}})*)(?![/\d])"
    rf"|(?P<pct1>\s?%)?\s?(?P<rsep>[-–]|\s(?i:đến|tới))\s?(?P<num2>{DIGITS.pattern}))?"
    r"(?P<scale>(?:\s+(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\w))*)"
    r"(?P<pct>\s?%|\s+phần trăm)?"
)

NUMBER_WORD = r"(?:một|hai|ba|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|mươi|mốt|lăm|tư|trăm|nghìn|ngàn|triệu|tỷ|tỉ|linh|lẻ)"
WORD_NUMBER = re.compile(rf"(?=[MmHhBbNnSsTtCcLl])(?<!\w)(?i:{NUMBER_WORD})(?:\s+{NUMBER_WORD})*(?!\w)")

# Words before a number that make it a name, an ordinal or an address, not a quantity.
NOT_QUANTITY_BEFORE = re.compile(
    r"(?:(?<!thiểu\s)(?<!tổng\s)(?<!con\s)(?<!đa\s)(?<!dân\s)(?<!trong\s)\bsố|\b(?:thứ|tuýp|típ|type|lần thứ|khóa|khoá|quận|điều|khoản|điểm|chương|mục|phần|tiết|tổ|khu phố|ấp|lô|"
    r"phòng|hẻm|ngõ|ngách|kiệt|(?<!chặng )đường|quốc lộ|tỉnh lộ|đợt|lần|phiên|kỳ|kì|trung ương|top|mã|hotline|"
    r"điện thoại|đt|tel|tầng|nhóm|bước|loại|hạng|(?<!trong )vòng|số nhà|khu|bản|thôn|làng|xóm|buôn|"
    r"khối|tuyến|phụ lục|biểu|bảng|hình|trang|câu|bài|tập|kho|cổng|dãy|block|đội|trạm|chi bộ|đảng bộ|tháng|ngày|đại hội|hội nghị)|[\"“‘'])\s*$",
    re.IGNORECASE,
)
# Of those words, the ones after which a number still counts when a noun follows it ("thuộc
# nhóm 70 nước", "top 10 doanh nghiệp"; "nhóm 2" alone is a name), and the ranks that a ratio
# follows when a noun follows it ("xếp hạng 125/189 nền kinh tế": the 125th of 189).
GROUP_BEFORE = re.compile(r"(?<!\w)(?:nhóm|top)\s*$", re.IGNORECASE)
RANK_BEFORE = re.compile(r"(?<!\w)(?:thứ|hạng)\s*$", re.IGNORECASE)
# "một" as an article, not a number: after these words, or before these nouns.
ARTICLE_ONE_BEFORE = re.compile(
    r"(?:\b(?:của|từ|với|là|như|cho|thành|vì|đối với|mỗi|bất kỳ|nhất là|trong|thêm|lại|được|như là|bằng|và|"
    r"hoặc|một|theo|vào|qua|tới|đến|có|về|rằng|tựa|giống))\s+$",
    re.IGNORECASE,
)
# "9 cán bộ, đảng viên và một người dân": "một" after a count in the same list is a count.
LIST_ONE = re.compile(r"\d[^\d.;:()]{1,30}\s(?:và|,)\s+$")
# "một" counts only party units, people, periods and occurrences ("một tổ chức đảng", "một
# đảng viên", "sau một năm", "một cuộc").
ONE_UNITS = re.compile(r"(?:tổ chức đảng|tổ chức cơ sở đảng|đảng viên|chi bộ|đảng bộ|cấp ủy|cấp uỷ|cán bộ|đồng chí|"
                       r"tập thể|cá nhân|trường hợp|ủy viên|uỷ viên|phó chủ tịch|phó bí thư|người dân|"
                       r"ngày|tuần|tháng|năm|cuộc|lần)(?![\w])")
# Number words that are also other words ("ba" father, "năm" year, "tư" private): they need a
# known unit after them; "hai", "bảy", "mười"... take any noun.
AMBIGUOUS_WORDS = frozenset({"một", "ba", "năm", "tư", "lăm", "mốt"})
# Capitalised nouns a number word counts: "hai Phó Chủ tịch", "hai Đảng, hai Nhà nước".
CAPITAL_UNIT = re.compile(r"Phó |Đảng$|Nhà nước(?!\w)")
VAGUE_BEFORE = re.compile(r"(?<!\w)(?:hàng|mấy|vài|dăm)\s+$", re.IGNORECASE)  # "hàng trăm": no number
LIST_JOIN = re.compile(r"\s*(?:,|và|-|–)\s*")
SERIAL_AFTER = re.compile(r"/[A-ZĐ]")
DIGIT_BEFORE = re.compile(r"\d\s*$")
CHANGE_VERB_END = re.compile(r"(?:tăng|giảm)(?:\s+\S+){0,2}\s*$", re.IGNORECASE)
TIME_AFTER = re.compile(r"(?:h\d{0,2}(?![^\W\d_])|:\d{2}|\s?giờ(?:\s+\d{1,2}(?:\s+phút)?)?\s+(?:sáng|chiều|tối|trưa|đêm|ngày))", re.IGNORECASE)
# Units written before the number: "Tổng số thôn, làng, tổ dân phố là 248".
UNIT_BEFORE = re.compile(
    r"(?:tổng số|số lượng|tổng cộng|tổng|số)\s+(?P<np>[^\d.;:()]{2,60}?)\s*(?:hiện\s+)?(?:là|đạt|lên|có|còn|:)\s*$",
    re.IGNORECASE,
)
AGE_BEFORE = re.compile(r"(?P<np>(?:độ )?tuổi(?: đời)? (?:bình quân|trung bình))[^.;:\d]{0,50}?(?:\s+(?:là|đạt|:))?\s*$", re.IGNORECASE)
SUBJECT_BEFORE = re.compile(r"(?P<subj>(?:tỷ|tỉ) lệ\s+[^.;:()%\d]{2,90}?)\s+(?:(?:trung bình|bình quân|hằng năm|hàng năm|mỗi năm|năm)\s+)*(?:là|đạt|chiếm|ở mức|còn|lên|tăng|giảm|:)?\s*(?:hơn|trên|gần|khoảng|dưới)?\s*$", re.IGNORECASE)
MONEY_CONTEXT = re.compile(r"ngân sách|vốn|kinh phí|đồng(?!\s+(?:chí|bộ|bào|thời|ý|loạt|nghiệp))|thu nhập|doanh thu|đầu tư|giải ngân|tổng thu|tổng chi|nguồn", re.IGNORECASE)
# A capitalised word right before a number makes it part of a name: "Nam Côn Sơn 2", "Pomina 2".
NAME_BEFORE = re.compile(r"(?<![.:;!?]\s)(?<!^)\b[A-ZĐ][^\W\d_]*\s+$")


@dataclass
class _Cand:
    start: int
    end: int  # end of number (and % / scale)
    value: float
    high: float | None
    pct: bool
    ratio: bool
    scaled: bool
    words: bool
    span_start: int  # where the figure's text starts (qualifier, "từ")
    raw: str = ""  # the digits as written
    unit: str | None = None
    unit_end: int | None = None
    kind: str = "count"
    qualifier: str | None = None
    change: str | None = None
    subject: str | None = None


# How far back the patterns before a number look. Real bodies are often one long line:
# anchoring on the line start would make every candidate scan it (quadratic time).
LOOKBACK = 160
# The words right before a number ("quận 2", "thứ 4", "của một"): a shorter window is enough.
NEAR = 40


def _window_start(text: str, pos: int) -> int:
    """Where the text before ``pos`` that the patterns read begins: its line, at most LOOKBACK back."""
    return max(text.rfind("\n", max(0, pos - LOOKBACK), pos) + 1, pos - LOOKBACK)


def _reserved(text: str, published: str | None) -> list[tuple[int, int]]:
    spans = list(symbol_spans(text))
    spans += [(p.start, p.end) for p in find_periods(text)]
    spans += [(d.start, d.end) for d in dates_in(text, published)]
    spans += [(e.start, e.end) for e in find_events(text)]
    return sorted(spans)


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < te and ts < e for ts, te in spans)


def _digit_candidates(text: str, reserved: list[tuple[int, int]]) -> list[_Cand]:
    out = []
    not_quantity_end = -1  # where the last number that is a name or an ordinal ends
    for m in NUMBER.finditer(text):
        ns, ne = m.start("num"), m.end()
        if _overlaps(ns, ne, reserved):
            continue
        raw = m["num"]
        if raw.startswith("0") and len(raw.replace(".", "")) >= 7:
            continue  # a phone number
        if SERIAL_AFTER.match(text, m.end()):
            continue  # a serial number or symbol: "2473746/BTPT"
        if TIME_AFTER.match(text, m.end("num")):
            continue  # a time of day: "13h", "1h19", "8 giờ sáng", "08:30"
        prefix = text[_window_start(text, ns):m.start()]
        if (NOT_QUANTITY_BEFORE.search(prefix[-NEAR:]) and not _counts_after_name_word(text, prefix, m)) or (
                not_quantity_end >= 0 and LIST_JOIN.fullmatch(text, not_quantity_end, m.start())):
            not_quantity_end = m.end("num")  # "cơn bão số 10, 11 vừa qua": the 11 is a name too
            continue
        near = prefix[-NEAR:]
        name = NAME_BEFORE.search(near)
        if name and near[: name.start()].strip() and not qualifier_before(prefix)[0]:
            after = read_unit(text, ne)
            if not (after and known_unit(after[0])):  # "người Tày 703 đồng chí" is a count
                continue
        value = parse_digits(raw)
        if value is None:
            continue
        scale = 1
        for w in m["scale"].split():
            scale *= SCALES[w.lower()]
        ratio, pct, start, high = bool(m["ratio"]), bool(m["pct"]), ns, None
        if ratio:
            high, pct = parse_digits(m["den"]), False
        elif m["num2"]:
            high = parse_digits(m["num2"])
            if high is None or high <= value or (m["pct1"] and not pct):
                # not a range ("3-2" is a score): keep the first number alone
                high, ne, scale = None, m.end("pct1") if m["pct1"] else m.end("num"), 1
                pct = bool(m["pct1"])
            elif m["from"]:
                start = m.start("from")
        v = to_plain(value * scale)
        h = None if high is None else to_plain(high if ratio else high * scale)
        out.append(_Cand(ns, ne, v, h, pct, ratio, scale > 1, False, start, raw))
    return out


def _counts_after_name_word(text: str, prefix: str, m: re.Match[str]) -> bool:
    """Whether a number after a word that usually makes it a name still counts: a common noun
    follows a ratio after a rank ("xếp hạng 125/189 nền kinh tế", not "thương binh hạng 3/4")
    or a number after a group word ("nhóm 70 nước", not "nhóm 2")."""
    if not ((m["ratio"] and RANK_BEFORE.search(prefix)) or (GROUP_BEFORE.search(prefix) and not m["pct"])):
        return False
    after = read_unit(text, m.end())
    return bool(after and after[1] > m.end() and after[0][0].islower())


def _word_candidates(doc: Document, reserved: list[tuple[int, int]]) -> list[_Cand]:
    text = doc.text
    out = []
    for m in WORD_NUMBER.finditer(text):
        s, e = m.span()
        if _overlaps(s, e, reserved):
            continue
        words = m.group().split()
        if len(words) > 1 and words[-1].lower() == "năm" and words[-2].lower() in SCALES:
            words, e = words[:-1], s + m.group().rstrip().rfind(" ")  # "ngàn năm": năm is the unit
        if all(w.lower() in SCALES for w in words):
            continue  # "hàng nghìn đảng viên", "tỷ đồng" after digits: no number of their own
        value = parse_number_words(words)
        while value is None and len(words) > 1:
            # "hai năm": the last word is the unit, not part of the number
            words = words[:-1]
            e = s + len(" ".join(words)) if text[s:e].count(" ") == m.group().count(" ") else s + text[s:e].rfind(" ")
            value = parse_number_words(words)
        if value is None or text[s:e].split() != words:
            continue
        prefix = text[_window_start(text, s):s]
        near = prefix[-NEAR:]
        if NOT_QUANTITY_BEFORE.search(near) or DIGIT_BEFORE.search(near) or VAGUE_BEFORE.search(near):
            continue
        name = NAME_BEFORE.search(near)
        if text[s].isupper() and name and near[:name.start()].strip() and not near[name.start():].strip().isupper():
            continue  # a syllable of a name: "Ông Hồ Văn Mười yêu cầu" (not after a credit "Ảnh: TÁ LÂM")
        unit = read_unit(text, e)
        if unit is None or (unit[0][0].isupper() and not CAPITAL_UNIT.match(unit[0])):
            continue
        ambiguous = len(words) == 1 and words[0].lower() in AMBIGUOUS_WORDS
        if ambiguous and (not known_unit(unit[0]) or one_is_a_word(doc, s, len(words[0]))):
            continue  # "ba" (father), "năm tháng" (years and months, one word)
        if words[0].lower() == "một" and len(words) == 1 and not qualifier_before(prefix)[0] and (
                (ARTICLE_ONE_BEFORE.search(near) and not LIST_ONE.search(near)) or not ONE_UNITS.match(unit[0].lower()) or one_is_a_word(doc, s)):
            continue
        out.append(_Cand(s, e, value, None, False, False, False, True, s))
    return out


def _attach(doc: Document, c: _Cand) -> None:
    """Unit, kind, qualifier, change and subject of a candidate, from its surroundings."""
    text = doc.text
    ls = _window_start(text, c.start)
    prefix = text[ls:c.span_start]
    qual, qstart = qualifier_before(prefix)
    if qual:
        c.qualifier, c.span_start, prefix = qual, ls + qstart, prefix[:qstart]
    c.change = change_before(prefix)
    if c.change and not c.qualifier:
        # "ước tăng 9,01%": the qualifier stands before the change verb
        verb = CHANGE_VERB_END.search(prefix)
        if verb:
            qual, _ = qualifier_before(prefix[: verb.start()])
            c.qualifier = qual
    if c.pct:
        c.kind = "percent"
        m = SUBJECT_BEFORE.search(prefix)
        after = read_unit(text, c.end)
        if m:
            c.subject = m["subj"].strip()
        elif after and after[0].split()[0].lower() not in STOP_WORDS:
            c.subject = after[0]
    else:
        _attach_unit(doc, c, prefix, ls)
        if c.unit and qual in ("more_than", "less_than") and is_locative(doc, c.span_start, c.unit):
            c.qualifier, c.span_start = None, c.start  # "đi trên 2 tuyến đường": on, not more than
    tail_from = c.unit_end or c.end
    m = QUALIFIER_AFTER.match(text[tail_from:tail_from + 12])
    if m and not c.qualifier:
        c.qualifier = "at_least" if m["atleast"] else "at_most"


# "13.000m 2", "50 km 2": a square unit written apart.
SQUARE_APART = re.compile(r"(?P<u>k?m) (?P<p>[23])(?![\w.,])")


def _attach_unit(doc: Document, c: _Cand, prefix: str, ls: int) -> None:
    """The unit and kind of a number that is not a percentage."""
    text = doc.text
    found = read_unit(text, c.end)
    square = SQUARE_APART.match(text, found[1]) if found else None
    if square:  # "m 2" is m2 (the unit keeps it as written), and its "2" is no number of its own
        found = (text[found[1]:square.end()], found[1], square.end())
        after = read_unit(text, square.end())
        c.kind, c.unit, c.unit_end = "other", found[0], square.end()
        if after and after[1] == square.end() + 1:
            thing = measured_thing(doc, after[1], after[2])
            if thing:
                c.unit, c.unit_end = f"{found[0]} {text[after[1]:thing]}", thing
    elif found:
        measure = measure_unit(found[0])
        if measure:
            c.kind, c.unit = measure
            c.unit_end = found[1] + len(c.unit)
            if c.kind == "other":  # "300 ha quế", "2 km đường": what is measured belongs to the unit
                thing = measured_thing(doc, found[1], found[2], kept=len(c.unit))
                if thing and thing > c.unit_end:
                    c.unit, c.unit_end = text[found[1]:thing], thing
        else:
            kept = known_unit_length(found[0])
            # the tags decide unless the reading is one known noun ended by punctuation
            stopped_at_word = found[2] + 1 < len(text) and text[found[2]] == " " and text[found[2] + 1].islower()
            if kept >= len(found[0]) and not stopped_at_word:
                end: int | None = found[2]
            else:
                end = noun_phrase_end(doc, found[1], found[2], kept)
            if end is not None:  # None: a verb or a preposition follows, no counted noun ("2016 nêu")
                c.unit, c.unit_end = text[found[1]:end], end
    if c.unit is None:
        if AGE_BEFORE.search(prefix):
            c.kind, c.unit = "other", "tuổi"
        elif not (c.scaled and c.value >= 10**9):  # "64,4 nghìn tỷ" in a budget sentence is money
            m = UNIT_BEFORE.search(prefix)
            if m and m["np"].split()[0].lower() not in STOP_WORDS:
                c.unit = m["np"].strip()
    if c.ratio:
        c.kind = "ratio"
        if c.unit is None:
            c.unit = _unit_before_parenthesis(doc, c)
    elif c.unit is None and c.scaled and c.value >= 10**6:
        # thousands of billions are money whatever the sentence says; smaller sums need a money word
        line_end = text.find("\n", c.end, c.end + LOOKBACK)
        if c.value >= 10**12 or MONEY_CONTEXT.search(text[ls:line_end if line_end >= 0 else c.end + LOOKBACK]):
            c.kind, c.unit = "money", "đồng"
    if c.kind == "count" and c.unit and "," in c.raw and not c.scaled:
        thousands = comma_thousands(c.raw, counted=True)  # "5,000 đảng viên" is 5000
        if thousands is not None:
            c.value = to_plain(thousands)


OUT_OF = re.compile(r"\s+trên\s+", re.IGNORECASE)


def _out_of(text: str, cands: list[_Cand]) -> list[_Cand]:
    """"7 trên 34 tỉnh" is 7 out of 34, a ratio like "7/34 tỉnh": a bare number, "trên", a
    number with a unit that is not smaller. ("trên 34 tỉnh" alone is more than 34.)"""
    out: list[_Cand] = []
    for c in cands:
        a = out[-1] if out else None
        if (a is not None and a.unit is None and not (a.pct or a.ratio or a.scaled or c.pct or c.ratio or c.scaled)
                and a.high is None and c.high is None and c.unit and c.kind == "count" and a.value <= c.value
                and a.qualifier is None and OUT_OF.fullmatch(text, a.end, c.start)):
            a.ratio, a.high, a.kind, a.unit, a.unit_end = True, c.value, "ratio", c.unit, c.unit_end
            continue
        out.append(c)
    return out


# "100% đảng viên chính thức (1.718/1.718)": the ratio counts the noun before the parenthesis.
PAREN_AFTER_NP = re.compile(r"(?:\d\s?%|\d)\s+(?P<np>[^\W\d][^()\d;:.]{0,60}?)\s*\(\s*$")


def _unit_before_parenthesis(doc: Document, c: _Cand) -> str | None:
    text = doc.text
    m = PAREN_AFTER_NP.search(text, max(0, c.start - 80), c.start)
    if not m:
        return None
    np = read_unit(text, m.start("np"))
    if not np or not known_unit(np[0]):
        return None
    end = noun_phrase_end(doc, np[1], np[2], known_unit_length(np[0]))
    return text[np[1]:end] if end else None


def find_figures(doc: Document, published: str | None = None) -> list[Figure]:
    text = doc.text
    reserved = _reserved(text, published)
    cands = sorted(_digit_candidates(text, reserved) + _word_candidates(doc, reserved), key=lambda c: c.start)
    for c in cands:
        _attach(doc, c)
    cands = _out_of(text, cands)
    # a number inside the unit of the one before ("13.000m 2") is no figure of its own
    cands = [c for i, c in enumerate(cands) if not (i and cands[i - 1].unit_end and c.start < cands[i - 1].unit_end)]
    share_units(doc, cands)
    cands = merge_ranges(text, cands)
    figs: list[Figure] = []
    for c in cands:
        if not (c.pct or c.unit):
            continue
        end = c.unit_end if (c.unit_end and not c.pct) else c.end
        figs.append(Figure(
            value=c.value, high=c.high, kind=c.kind, unit=c.unit, subject=c.subject,
            qualifier=c.qualifier, change=c.change, text=text[c.span_start:end],
            start=c.span_start, end=end, sentence=doc.sentence_of(c.start),
        ))
    return breakdowns(text, doc, figs)


@register("figures")
def figures(doc: Document, article: Article) -> list[Figure]:
    return find_figures(doc, article.published)
