"""Publication dates as Vietnamese sites print them, read day-first, in Asia/Ho_Chi_Minh.

>>> parse_date("Thứ Tư, 12/07/2023 - 17:02")
'2023-07-12T17:02:00+07:00'
>>> parse_date("ngày 12 tháng 7 năm 2023")
'2023-07-12'
>>> parse_date("2023-07-12T10:02:00Z")
'2023-07-12T17:02:00+07:00'

Numeric dates are always day-first ("05/03/2025" is 5 March). The one exception is a date
that cannot be day-first because its second number is over 12, as some feeds write
("9/14/2026 6:44:00 PM"). Times without a zone are Vietnam time; other zones are converted.
The result is ISO 8601: ``YYYY-MM-DDTHH:MM:SS+07:00`` when a time is known, else ``YYYY-MM-DD``.
"""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

# ISO 8601 as in metadata and JSON-LD: 2023-07-12, 2023-07-12T17:02, 2023-07-12 17:02:05+07:00.
ISO_DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?"
)

# Day-first numeric dates with / . or - between parts: 12/07/2023, 12.05.2025, 8-10-2018, 12/05/25.
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})\s*([/.-])\s*(?P<b>\d{1,2})\s*\2\s*(?P<y>\d{4}|\d{2})(?![\d/])")

# Written out: "ngày 12 tháng 7 năm 2023", "12 tháng 07, 2023", "Ngày 3 tháng 2 năm 1930".
WORDED_DATE = re.compile(
    r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,|năm)\s*(?P<y>\d{4})", re.IGNORECASE
)

# A clock time: 17:02, 17:02:05, 6:44:00 PM, 17h02, 8 giờ 30 (SA/CH are Vietnamese AM/PM).
CLOCK = re.compile(
    r"(?<!\d)(?P<H>\d{1,2})\s*(?::|h|g|giờ)\s*(?P<M>\d{2})(?::(?P<S>\d{2}))?(?!\d)\s*(?:(?P<ampm>AM|PM|SA|CH)\b)?",
    re.IGNORECASE,
)

# A zone after the time: (GMT+7), GMT+07:00, UTC+7, +07, +0700.
ZONE = re.compile(r"(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?|(?<![\d:])(?P<sign2>[+-])(?P<h2>\d{2}):?(?P<m2>\d{2})?(?!\d)")

# "2 giờ trước", "15 phút trước", "3 ngày trước" (listings and some article headers).
RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>giây|phút|giờ|tiếng|ngày|tuần)\s+trước", re.IGNORECASE)
RELATIVE_UNITS = {"giây": "seconds", "phút": "minutes", "giờ": "hours", "tiếng": "hours", "ngày": "days", "tuần": "weeks"}

# English month names mean an RFC 822 feed date ("Wed, 12 Jul 2023 10:02:00 GMT").
RFC822_HINT = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")

# "+07" at the end of a feed date, which RFC 822 parsers read as seven minutes.
SHORT_OFFSET = re.compile(r"([+-])(\d{2})$")

# How far from a date a time may stand and still belong to it ("08:30 ngày 12/5/2025").
TIME_WINDOW = 24


def _tz(sign: str, hours: str, minutes: str | None) -> tzinfo:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign == "-" else delta)


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _iso(day: date, clock: tuple[int, int, int] | None, tz: tzinfo | None) -> str | None:
    if not 1900 <= day.year <= 2100:
        return None
    if clock is None:
        return day.isoformat()
    h, m, s = clock
    if not (0 <= h < 24 and 0 <= m < 60 and 0 <= s < 60):
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, h, m, s, tzinfo=tz or VIETNAM)
    return moment.astimezone(VIETNAM).isoformat()


def _clock_near(text: str, start: int, end: int) -> tuple[tuple[int, int, int] | None, tzinfo | None]:
    """The clock time written just before or after a date at ``text[start:end]``, and its zone."""
    after = text[end:end + TIME_WINDOW]
    before = text[max(0, start - TIME_WINDOW):start]
    m = CLOCK.search(after)
    offset = end
    if not m:
        ms = list(CLOCK.finditer(before))
        m = ms[-1] if ms else None
        offset = max(0, start - TIME_WINDOW)
    if not m:
        return None, _zone(text[end:end + TIME_WINDOW])
    h, mi, s = int(m["H"]), int(m["M"]), int(m["S"] or 0)
    ampm = (m["ampm"] or "").upper()
    if ampm in ("PM", "CH") and h < 12:
        h += 12
    elif ampm in ("AM", "SA") and h == 12:
        h = 0
    tail = text[offset + m.end():offset + m.end() + TIME_WINDOW]
    return (h, mi, s), _zone(tail) or _zone(text[end:end + TIME_WINDOW])


def _zone(text: str) -> tzinfo | None:
    m = ZONE.search(text)
    if not m:
        return None
    if m["sign"]:
        return _tz(m["sign"], m["h"], m["m"])
    return _tz(m["sign2"], m["h2"], m["m2"])


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str | None, *, now: datetime | None = None) -> str | None:
    """The first publication date in ``text`` as ISO 8601 (see the module doc), or None."""
    if not text:
        return None
    text = " ".join(text.split())
    found: list[tuple[int, str]] = []
    m = ISO_DATE.search(text)
    if m:
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if day:
            clock = (int(m["H"]), int(m["M"]), int(m["S"] or 0)) if m["H"] else None
            tz = None
            if m["tz"] == "Z":
                tz = timezone.utc
            elif m["tz"]:
                tz = _tz(m["tz"][0], m["tz"][1:3], m["tz"][3:].lstrip(":") or None)
            iso = _iso(day, clock, tz)
            if iso:
                found.append((m.start(), iso))
    for m in NUMERIC_DATE.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        day = _valid(y, b, a) or (_valid(y, a, b) if b > 12 else None)  # day-first unless impossible
        if day:
            clock, tz = _clock_near(text, m.start(), m.end())
            iso = _iso(day, clock, tz)
            if iso:
                found.append((m.start(), iso))
                break
    m = WORDED_DATE.search(text)
    if m:
        day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        if day:
            clock, tz = _clock_near(text, m.start(), m.end())
            iso = _iso(day, clock, tz)
            if iso:
                found.append((m.start(), iso))
    if found:
        return min(found)[1]
    if RFC822_HINT.search(text):
        try:
            moment = email.utils.parsedate_to_datetime(SHORT_OFFSET.sub(r"\g<1>\g<2>00", text))
        except (TypeError, ValueError, IndexError):
            moment = None
        if moment is not None:
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=VIETNAM)
            return moment.astimezone(VIETNAM).isoformat()
    m = RELATIVE.search(text)
    if m:
        base = (now or datetime.now(VIETNAM)).astimezone(VIETNAM)
        moment = base - timedelta(**{RELATIVE_UNITS[m["unit"].lower()]: int(m["n"])})
        return moment.replace(microsecond=0).isoformat()
    return None


def date_part(iso: str | None) -> str | None:
    """``YYYY-MM-DD`` of an ISO date or datetime (for --since/--until comparisons)."""
    return iso[:10] if iso else None
