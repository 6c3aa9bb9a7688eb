"""Events with ordinals: congresses ("Đại hội Đảng bộ Thành phố lần thứ X", "Đại hội XIII"),
terms ("khóa XIII", "khoá 13"), plenums ("Hội nghị Trung ương 4 khóa XII", "Hội nghị lần
thứ 14 Ban Chấp hành ..."). Sessions of the National Assembly ("kỳ họp thứ 8") are
not party events and are not extracted.

Ordinals are written in Roman or Arabic numerals; both give an integer ``ordinal``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..nlp import Document
from ..numbers import parse_roman
from ..records import Article, Event
from . import register

ORDINAL = r"(?P<ord>[IVXLC]{1,7}|\d{1,3})(?![\w])"
# Ordinals written in words after "lần thứ": "Hội nghị lần thứ năm", "lần thứ mười hai".
WORD_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
                 "mười một": 11, "mười hai": 12, "mười ba": 13, "mười bốn": 14, "mười lăm": 15}
WORD_ORDINAL = "|".join(sorted(WORD_ORDINALS, key=len, reverse=True))

# "Đại hội [words] lần thứ X": the words between are a name (capitalised or đại biểu,
# toàn quốc, đảng bộ, "Mặt trận Tổ quốc và các đoàn thể"...), never a clause break. A lower-case
# "đại hội" is a congress only with "lần thứ" ("nghị quyết đại hội Đảng bộ xã lần thứ 30").
CONGRESS = re.compile(
    r"(?:Đại hội|đại hội(?=(?:\s+\S+){0,8}?\s+lần\s+thứ\s))(?P<name>(?:\s+(?:(?i:đại biểu)|Mặt trận Tổ quốc|(?:và\s+)?các đoàn thể|[A-ZĐÂĂÊÔƠƯÁÀẢÃẠỦ][\w.]*(?:\s+(?:dân|nữ|binh|niên|viên|hiệp|hành|chiến|nhân dân|ương)){0,2}|toàn quốc|đảng bộ|Đảng bộ|chi bộ|"
    r"thành phố|tỉnh|huyện|quận|thị xã|xã|phường|cơ sở|bộ|phố|ủy|uỷ|Đảng|TP\.|đảng)){0,12}?)"
    r"\s+(?:lần\s+thứ\s+)?" + ORDINAL
)
TERM = re.compile(r"(?i:khóa|khoá)\s+" + ORDINAL)
# "Hội nghị Trung ương 4", "hội nghị lần thứ 12", "Hội nghị Tỉnh ủy Bình Dương lần thứ 22",
# "Nghị quyết Trung ương 4" (the resolution named after its plenum).
PLENUM = re.compile(
    r"(?:(?i:hội nghị)(?:\s+(?:[A-ZĐỦ][\w.]*(?:\s+(?:tịch|ban|trận|quốc|hành|vụ|tra|ương))?|ủy|uỷ|tỉnh|thành phố|"
    r"huyện|đảng bộ|Ban Chấp hành|BCH)){0,8}?\s+lần\s+thứ\s+"
    + ORDINAL.replace("ord", "ord1").replace(r"|\d{1,3})", r"|\d{1,3}|" + WORD_ORDINAL + ")")
    + r"|(?:(?i:hội nghị)|Nghị quyết)\s+(?:Trung ương\s+|(?:TW|TƯ)\s*)" + ORDINAL.replace("ord", "ord2") + ")"
)


# More ordinals listed after the first: "Hội nghị Trung ương 6,7,8,9", "lần thứ 6, 7 và 8", "các khóa 3, 4".
MORE_ORDINALS = re.compile(r"(?:\s*,\s*|\s+và\s+)(?P<ord>[IVXLC]{1,7}|\d{1,2})(?![\w%/])")
# What may follow a listed term: punctuation, the end, or the next item ("khóa 3, 4; ...", "khóa 3, 4 và 5").
LIST_END = re.compile(r"\s*(?:[,;.:)\n]|$)|\s+(?:và|đến)\b")
# A congress numbered in Arabic without "lần thứ" is one when the party follows: "Đại hội 17 Đảng ...".
PARTY_AFTER = re.compile(r"\s+(?:của\s+)?Đảng\b")


def _ordinal(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    if raw in WORD_ORDINALS:
        return WORD_ORDINALS[raw]
    return parse_roman(raw)


@lru_cache(maxsize=8)
def _events(text: str) -> tuple[Event, ...]:
    return tuple(find_events_uncached(text))


def find_events(text: str) -> list[Event]:
    """Events in ``text`` (cached: figures reserve their spans)."""
    return list(_events(text))


def find_events_uncached(text: str) -> list[Event]:
    out: list[Event] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int, raw: str) -> None:
        ordinal = _ordinal(raw)
        if ordinal is None or any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        out.append(Event(kind=kind, ordinal=ordinal, text=text[start:end], start=start, end=end))

    for m in PLENUM.finditer(text):
        raw = m["ord1"] or m["ord2"]
        pos = m.end("ord1") if m["ord1"] else m.end("ord2")
        add("plenum", m.start(), pos, raw)
        while (more := MORE_ORDINALS.match(text, pos)) is not None and more["ord"].isdigit() == raw.isdigit():
            add("plenum", more.start("ord"), more.end("ord"), more["ord"])
            pos = more.end()
    for m in CONGRESS.finditer(text):
        # "Đại hội XIII" or "... lần thứ X"; a bare Arabic number needs "lần thứ" or the party after it.
        if m["ord"].isdigit() and "lần" not in m.group() and not PARTY_AFTER.match(text, m.end()):
            continue
        add("congress", m.start(), m.end("ord"), m["ord"])
    for m in TERM.finditer(text):
        add("term", m.start(), m.end("ord"), m["ord"])
        pos = m.end("ord")
        while (more := MORE_ORDINALS.match(text, pos)) is not None and more["ord"].isdigit() == m["ord"].isdigit() \
                and LIST_END.match(text, more.end()):
            add("term", more.start("ord"), more.end("ord"), more["ord"])  # "các khóa 3, 4" (not "khóa 13, 5 đồng chí")
            pos = more.end()
    out.sort(key=lambda e: e.start)
    return out


@register("events")
def events(doc: Document, article: Article) -> list[Event]:
    return find_events(doc.text)
