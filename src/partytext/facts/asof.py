"""The time a figure refers to: a year ("2006"), a month ("2017-06") or a period
("2020-2025"), from its sentence, else its paragraph, else the publication year.

In the sentence the nearest time expression before the figure wins, unless a word of the
present comes after it ("đến nay … có 1.796 đảng viên": the publication year), else the
first one after it in its clause; in the paragraph, the nearest one before the figure's sentence. "6 tháng đầu năm
2017" is the month "2017-06" (the figure is as of the end of June); the base of a comparison ("so với năm 2011")
is skipped; "năm 2017", "tháng
6/2017", "ngày 30/6/2017" and "nhiệm kỳ 2020-2025" are found by the dates and periods
extractors, whose items the record already holds.
"""

from __future__ import annotations

import re

from ..records import Record
from .sentences import sentence_bounds

# "6 tháng đầu năm 2017", "9 tháng năm 2017": the first N months of a year.
FIRST_MONTHS = re.compile(r"(?P<n>\d{1,2})\s+tháng\s+(?:đầu\s+)?năm\s+(?P<y>(?:19|20)\d{2})")
# "so với năm 2011": the base of a comparison, not the figure's time.
COMPARED = re.compile(r"(?:so với|so cùng kỳ|So với)\s*(?:cùng kỳ\s*)?(?:năm\s*|tháng\s*)?$")
# "hiện có", "đến nay": the figure is as of the article's own time (its publication year).
# ("thực hiện", "phát hiện", "xuất hiện", "thể hiện" are verbs, not "hiện" = now; "tháng 3 vừa
# qua", "hơn bốn năm qua", "thời gian qua" reach up to the article's own time.)
PRESENT = re.compile(r"(?<![\w])(?<!thực )(?<!phát )(?<!xuất )(?<!thể )(?<!biểu )(?<!Thực )(?<!Phát )"
                     r"(?:[hH]iện nay|[hH]iện có|[hH]iện đang|[hH]iện|[đĐ]ến nay|[tT]ính đến nay|[tT]ới nay|"
                     r"[vV]ừa qua|(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mấy|nhiều) năm qua|[tT]hời gian qua)(?![\w])")
# A period that names a body's term or stands in brackets qualifies a noun, it does not
# date a clause: "Ban Thường vụ Quận ủy Tân Phú nhiệm kỳ 2010 - 2015", "khóa 10, nhiệm kỳ
# 2015 - 2020", "5 năm liền (2012-2016)". (An adverbial one opens its clause, "Nhiệm kỳ
# 2020-2025, …", or follows a preposition, "trong nhiệm kỳ 2015-2020".)
_WORD_BEFORE = re.compile(r"(\S+?)\s*,?\s*$")


# Words after which a period is adverbial, the time of its clause: "Trong nhiệm kỳ 2015 - 2020,
# …", "giai đoạn (2015-2020) đã kết nạp 7.810 đảng viên", "qua 5 năm (2016-2020)".
_ADVERBIAL_BEFORE = re.compile(r"(?i:trong|suốt|qua|giai đoạn|thời kỳ)\s*\(?\s*$")


def _nominal_period(text: str, start: int) -> bool:
    before = text[max(sentence_bounds(text, start)[0], start - 40):start]  # in its own sentence
    if _ADVERBIAL_BEFORE.search(before):
        return False
    if re.search(r"\(\s*$", before):
        return True
    m = _WORD_BEFORE.search(before)
    if m is None:
        return False  # the period opens its sentence
    word = m.group(1)
    if word.isdigit() or re.fullmatch(r"[IVXLC]+", word):
        return True  # "khóa 10, nhiệm kỳ 2015 - 2020"
    # a name ends just before it: "Quận ủy Tân Phú", "Bộ Tài nguyên và Môi trường"
    words = before[:m.start() + len(word)].split()[-2:]
    return any(w[:1].isupper() for w in words)


# "Sinh năm 1964": a birth year dates no count.
BORN = re.compile(r"(?<![\w])[sS]inh\s+(?:năm\s+)?$")
_CLAUSE = re.compile(r"[;:]")
BOUND = re.compile(r"(?<![\w])(?:[tT]ừ|[đĐ]ến|[tT]ới|[sS]au|[tT]rước)\s+(?:năm\s+|tháng\s+)?$")
BOUND_START = re.compile(r"(?:[tT]ừ|[đĐ]ến|[tT]ới|[sS]au|[tT]rước)(?![\w])")
PERIOD = re.compile(r"^\d{4}-\d{4}$")
#: How far into its sentence a time may start and still set the time of the next sentences.
SENTENCE_OPENING = 40
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def _times(record: Record) -> list[tuple[int, int, str]]:
    """(start, end, value) of every time expression of the record's text."""
    text = record.article.text
    out: list[tuple[int, int, str]] = []
    covered: list[tuple[int, int]] = []
    for m in FIRST_MONTHS.finditer(text):
        out.append((m.start(), m.end(), f"{m.group('y')}-{int(m.group('n')):02d}"))
        covered.append(m.span())
    for p in record.periods:
        if p.start_year and p.end_year and p.end_year != p.start_year and _nominal_period(text, p.start):
            covered.append((p.start, p.end))
            continue
        if p.start_year and p.end_year:
            value = f"{p.start_year}-{p.end_year}" if p.end_year != p.start_year else str(p.start_year)
            out.append((p.start, p.end, value))
            covered.append((p.start, p.end))
    for d in record.dates:
        if d.value.startswith("--") or any(s <= d.start < e for s, e in covered):
            continue
        out.append((d.start, d.end, d.value[:7]))
    out = [t for t in out if not COMPARED.search(text, max(0, t[0] - 20), t[0])
           and not BORN.search(text, max(0, t[0] - 10), t[0])]
    out.sort()
    return out


def _bounds(pattern: re.Pattern[str], text: str, pos: int) -> tuple[int, int]:
    left = 0
    for m in pattern.finditer(text, 0, pos):
        left = m.end()
    m = pattern.search(text, pos)
    return left, (m.start() if m else len(text))


def as_of(record: Record, start: int, times: list[tuple[int, int, str]] | None = None) -> tuple[str | None, str | None]:
    """``(as_of, as_of_from)`` of a figure that starts at ``start``."""
    text = record.article.text
    times = _times(record) if times is None else times
    s_lo, s_hi = sentence_bounds(text, start)
    in_sentence = [t for t in times if s_lo <= t[0] < s_hi]
    before = [t for t in in_sentence if t[1] <= start]
    present = [m.end() for m in PRESENT.finditer(text, s_lo, start)]
    if present and (not before or present[-1] > before[-1][1]):
        return _published(record)
    if before:
        return before[-1][2], "text"
    clause = _CLAUSE.search(text, start, s_hi)
    after = [t for t in in_sentence if t[0] >= start and (clause is None or t[0] < clause.start())]
    if after:
        return after[0][2], "text"
    # the paragraph: the last time of an earlier sentence, but a term inside a sentence
    # ("… nhiệm kỳ 2011 - 2016 bằng hình thức cảnh cáo") is not the time of the next ones
    # (a term that opens its sentence is: "Nhiệm kỳ 2015-2020, …")
    p_lo, _ = _bounds(_PARAGRAPH, text, start)
    earlier = [t for t in times if p_lo <= t[0] and t[1] <= s_lo and _frames(text, t)]
    if earlier:
        return earlier[-1][2], "text"
    return _published(record)


def _frames(text: str, t: tuple[int, int, str]) -> bool:
    """Whether a time of an earlier sentence dates the sentences after it: it opens its
    sentence ("Năm 2016, …", "Nhiệm kỳ 2015-2020, …") or, a year or month, is set off by a
    comma ("Theo báo cáo …, trong năm 2016, cấp ủy …"). A time inside a sentence ("… nhiệm kỳ
    2011 - 2016 bằng hình thức cảnh cáo") is not, nor a bound ("từ năm 1992, đến năm 1996 được
    kết nạp", "Theo …, từ tháng 7/2016 đến nay"): what follows is not of that time."""
    if BOUND.search(text, max(0, t[0] - 15), t[0]) or BOUND_START.match(text, t[0]):
        return False
    if t[0] - sentence_bounds(text, t[0])[0] <= SENTENCE_OPENING:
        return True
    return not PERIOD.match(t[2]) and re.match(r"\s*,", text[t[1]:t[1] + 3]) is not None


def _published(record: Record) -> tuple[str | None, str | None]:
    published = record.article.published or ""
    if re.match(r"\d{4}", published):
        return published[:4], "published"
    return None, None


def times_of(record: Record) -> list[tuple[int, int, str]]:
    return _times(record)
