"""Dates ("ngày 25/7/2016", "25-7-2008", "4.1.2017", "ngày 15 tháng 01 năm 1961",
"tháng 6/2023", "năm 2024", "cuối năm 2020") and periods ("nhiệm kỳ 2020 – 2025",
"giai đoạn 2021-2025", "(2016-2020)", "tháng 1/2004 - 5/2010").

Vietnamese dates are day-first, and only real calendar dates are dates ("31/2/2024" is not).
A date without a year ("ngày 13/7") is written "--07-13", unless the article's publication
date is known: then it takes the year that puts it nearest to that date, looking back (an
article of 2025-01-03 that writes "Ngày 25/12" means 2024-12-25) except for the coming weeks
(an article of 2025-11-02 that announces "từ ngày 3/11" means 2025-11-03): see
:func:`year_for`. Years that belong to a period or to a document symbol are not dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from ..nlp import Document
from ..records import Article, DateMention, Period
from . import register
from .references import symbols as _symbols

YEAR = r"(?:19|20)\d{2}"
DASH = r"\s?[-–—]\s?"

# A period: two years joined by a dash, optionally announced ("nhiệm kỳ", "giai đoạn") and
# parenthesised; or two month/years ("tháng 1/2004 - 5/2010").
# Patterns that open with optional or case-blind words start with a lookahead on their
# possible first letters, so the regex engine skips other positions fast (same matches).
PERIOD = re.compile(
    r"(?=[NnGgTtĐđ\d])"
    rf"(?:(?P<kw>(?i:nhiệm kỳ|nhiệm kì|giai đoạn|thời kỳ|thời kì|thời gian|từ năm|trong năm|niên khóa|niên khoá))\s+)?"
    rf"(?:(?i:tháng)\s+(?P<m1>\d{{1,2}})[/-])?(?P<y1>{YEAR})"
    rf"(?:{DASH}|\s+(?i:đến|tới)\s+(?:(?i:năm)\s+)?)(?:(?P<m2>\d{{1,2}})[/-])?(?P<y2>{YEAR})(?![\d/])"
)

# Full dates. The separators must agree ("25/7/2016", "25-7-2008", "4.1.2017").
DMY = re.compile(
    rf"(?<![\d/.-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{YEAR})(?![\d])"
)
#: How far after the publication date a yearless date may fall (announcements of the
#: coming weeks); anything later belongs to the year before.
FUTURE_WINDOW = dt.timedelta(days=92)
# The word that announces a date, kept in the date's text ("ngày 25/7/2016").
DATE_WORD_BEFORE = re.compile(r"(?<!\w)(?i:ngày|hôm|sáng|chiều|tối|đêm|trưa)\s+$")
LONG_DATE = re.compile(
    r"(?=[Nn\d])"
    rf"(?:(?i:ngày)\s+)?(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}})(?:\s*,)?\s+năm\s+(?P<y>{YEAR})"
)
# "từ ngày 11 đến 19-2-1951", "ngày 25 và 26/9/2023": the first day borrows the month and
# year of the second.
DAY_RANGE = re.compile(
    r"(?=[TtCcNn])"
    rf"(?i:từ ngày|từ|các ngày|ngày)\s+(?P<d1>\d{{1,2}})\s*(?:(?i:đến|tới|và)|-|–|,)\s*(?:(?i:ngày)\s+)?"
    rf"(?P<d>\d{{1,2}})(?P<sep>[/-])(?P<m>\d{{1,2}})(?P=sep)(?P<y>{YEAR})"
)
MONTH_YEAR = re.compile(
    rf"(?i:tháng)\s+(?P<m>\d{{1,2}})(?:\s*[/-]\s*|\.|\s+(?i:năm)\s+)(?P<y>{YEAR})(?![\d/])"
)
# Day and month without a year need a word that announces a date.
DAY_MONTH = re.compile(
    r"(?=[NnHhSsCcTtĐđDdVv])"
    r"(?P<pre>(?i:ngày|hôm|sáng|chiều|tối|đêm|trưa|từ ngày|đến ngày|trước ngày|trước|dịp|vào|đến hết|đến))"
    r"(?:\s+(?i:nay))?\s+"
    r"(?P<d>\d{1,2})(?P<sep>[/.-]|\s-)(?P<m>\d{1,2})(?![\d/-]|[.,]\d|\s*%)"
)
# "hai ngày 1-2/11", "3 ngày (28 - 30/10)", "hai ngày 9 và 10-2": two yearless days of one month.
DAY_MONTH_RANGE = re.compile(
    r"(?:(?i:ngày)\s+|\()(?P<d1>\d{1,2})\s*(?:[-–]|(?i:và))\s*(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?![\d/.-])"
)
# A month without a year ("cuối tháng 10"): dated only when the publication date gives the year.
MONTH_ONLY = re.compile(r"(?i:tháng)\s+(?P<m>\d{1,2})(?![\d/-]|[.,]\d|\s*(?i:năm)\s+\d)")

# A month and year in parentheses: "khóa V (6/1985)".
MONTH_YEAR_PAREN = re.compile(rf"(?<=\()(?P<m>\d{{1,2}})/(?P<y>{YEAR})(?=\))")
# The years listed after a year: "năm 2017 và 2018", "năm 2015, 2016".
MORE_YEARS = re.compile(rf"(?:\s*,\s*|\s+(?i:và)\s+)(?P<y>{YEAR})(?![\d/-])")
YEAR_ONLY = re.compile(r"(?=[NnCcĐđGgTtHhSsKkX])" rf"(?P<pre>(?i:năm|cuối năm|đầu năm|giữa năm|trong năm|từ năm|đến năm|hết năm)|SN|so với|công tác|kế hoạch|"
    r"Xuân\s+[A-ZĐ]\w*\s+[A-ZĐ]\w*)"  # "chương trình công tác 2017", "Xuân Đinh Dậu 2017"
    rf"\s+(?P<y>{YEAR})(?![\d/-])")


def _valid(d: int, m: int, y: int | None = None) -> bool:
    """A real calendar day: 31/2/2024 and 31/4 are not; 29/2 without a year may be."""
    if not 1 <= m <= 12 or d < 1:
        return False
    return d <= (calendar.monthrange(y, m)[1] if y is not None else (29 if m == 2 else calendar.monthrange(2001, m)[1]))


def _publication_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def year_for(month: int, day: int, published: dt.date) -> int | None:
    """The year of a yearless date in an article published on ``published``: the latest
    date on or before publication, unless the date falls within :data:`FUTURE_WINDOW`
    after it (an announcement). None when no year makes it a real day (29/2)."""
    for year in (published.year + 1, published.year, published.year - 1, published.year - 2, published.year - 3,
                 published.year - 4):
        if not _valid(day, month, year):
            continue
        when = dt.date(year, month, day)
        if when <= published + FUTURE_WINDOW:
            return year
    return None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    s, e = span
    return any(s < te and ts < e for ts, te in taken)


@lru_cache(maxsize=8)
def find_periods(text: str) -> tuple[Period, ...]:
    """Periods in ``text`` (cached: figures and dates both need them)."""
    out: list[Period] = []
    for m in PERIOD.finditer(text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not (y1 < y2 <= y1 + 100):
            continue
        kw = (m["kw"] or "").lower()
        if kw.startswith("nhiệm"):
            kind = "term"
        elif kw.startswith("giai") or kw.startswith("thời"):
            kind = "phase"
        elif kw.startswith("niên"):
            kind = "school_year"
        else:
            kind = "span"
        start, end = m.span()
        if m["kw"] and kind == "span":
            start = m.start("m1") if m["m1"] else m.start("y1")  # "từ năm" is not part of it
            if m["m1"]:
                start = m.start() + m.group().lower().find("tháng")
        out.append(Period(start_year=y1, end_year=y2, kind=kind, text=text[start:end], start=start, end=end))
    return tuple(out)


def find_dates(text: str, published: str | None = None, *, reserved: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Dates in ``text``; ``reserved`` spans (document symbols) are skipped."""
    taken: list[tuple[int, int]] = list(reserved or [])
    published_day = _publication_day(published)
    found: list[DateMention] = []

    def add(span: tuple[int, int], value: str) -> None:
        if _overlaps(span, taken):
            return
        taken.append(span)
        found.append(DateMention(value=value, text=text[span[0]:span[1]], start=span[0], end=span[1]))

    for m in DAY_RANGE.finditer(text):
        d1, d, mo, y = int(m["d1"]), int(m["d"]), int(m["m"]), int(m["y"])
        if _valid(d1, mo, y) and _valid(d, mo, y):
            add(m.span("d1"), f"{y:04d}-{mo:02d}-{d1:02d}")
            add((m.start("d"), m.end("y")), f"{y:04d}-{mo:02d}-{d:02d}")
    for pattern in (LONG_DATE, DMY):
        for m in pattern.finditer(text):
            d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
            if _valid(d, mo, y):
                pre = DATE_WORD_BEFORE.search(text, max(0, m.start() - 8), m.start())
                add((pre.start() if pre else m.start(), m.end()), f"{y:04d}-{mo:02d}-{d:02d}")
    for m in MONTH_YEAR.finditer(text):
        mo, y = int(m["m"]), int(m["y"])
        if 1 <= mo <= 12:
            add(m.span(), f"{y:04d}-{mo:02d}")
    def yearless(d: int, mo: int) -> str:
        year = year_for(mo, d, published_day) if published_day else None
        return f"{year:04d}-{mo:02d}-{d:02d}" if year else f"--{mo:02d}-{d:02d}"

    for m in DAY_MONTH_RANGE.finditer(text):
        d1, d, mo = int(m["d1"]), int(m["d"]), int(m["m"])
        if d1 < d and _valid(d1, mo) and _valid(d, mo):
            add(m.span("d1"), yearless(d1, mo))
            add((m.start("d"), m.end("m")), yearless(d, mo))
    for m in DAY_MONTH.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        bare = m["pre"].lower() in ("trước", "dịp", "vào", "đến hết", "đến")
        if _valid(d, mo) and not (m["sep"] == "." and bare):
            span = (m.start("d"), m.end()) if bare else m.span()
            add(span, yearless(d, mo))
    if published_day:
        for m in MONTH_ONLY.finditer(text):
            mo = int(m["m"])
            if 1 <= mo <= 12:
                year = year_for(mo, 1, published_day)
                add(m.span(), f"{year:04d}-{mo:02d}")
    for m in MONTH_YEAR_PAREN.finditer(text):
        if 1 <= int(m["m"]) <= 12:
            add(m.span(), f"{int(m['y']):04d}-{int(m['m']):02d}")
    for m in YEAR_ONLY.finditer(text):
        if _overlaps(m.span(), taken):
            continue
        add(m.span(), m["y"])
        pos = m.end()
        while (more := MORE_YEARS.match(text, pos)) is not None:
            add(more.span("y"), more["y"])
            pos = more.end()
    found.sort(key=lambda x: x.start)
    return found


def symbol_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of document symbols alone: a reference's own date is still a date."""
    return tuple((r.start, r.start + r.symbol_end) for r in _symbols(text))


@lru_cache(maxsize=8)
def dates_in(text: str, published: str | None = None) -> tuple[DateMention, ...]:
    """The dates of an article: periods and document symbols are reserved (cached: the
    figures extractor reserves the dates' spans)."""
    periods = [(p.start, p.end) for p in find_periods(text)]
    return tuple(find_dates(text, published, reserved=periods + list(symbol_spans(text))))


@register("dates")
def dates(doc: Document, article: Article) -> list[DateMention]:
    return list(dates_in(doc.text, article.published))


@register("periods")
def periods(doc: Document, article: Article) -> list[Period]:
    return list(find_periods(doc.text))
