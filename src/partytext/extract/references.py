"""Document references: party documents ("Nghị quyết số 21-NQ/TW ngày 16/6/2022") and state
documents ("Nghị định số 178/2024/NĐ-CP", "Luật 80/2015/QH13", "125/NQ-CP", "3303/CTr-UBND").

The type comes from the noun written before the number when there is one (QĐ is both
"quy định" and "quyết định"), else from the type code in the symbol. "Văn bản" (a document)
names no type: a type code in the symbol wins over it. A state symbol whose codes name no type
("365/TTKTĐB-KHCN&MT": issuer and drafting unit only) takes the noun written before it; with
no noun it is a "công văn", the state form for letters (Nghị định 30/2020/NĐ-CP, Phụ lục I).
An issuer code is never a type.

The date is the one written right after the symbol ("... số 21-NQ/TW ngày 16/6/2022"), else
the one a clause opens with when the reference is what that clause issues: "ngày 25-9-1948,
Ban Thường vụ Trung ương Đảng đã ra Chỉ thị số 25-CT/TW", "Ngày 18/11/2016, Chính phủ ban
hành Nghị quyết 100/NQ-CP".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ..nlp import Document
from ..records import Article, Reference
from . import register

# The document nouns that introduce a number, longest first.
DOC_NOUN = (
    r"Nghị quyết liên tịch|Nghị quyết|Nghị định|Chỉ thị|Quy định|Quyết định|Kết luận|Hướng dẫn|Thông báo|Thông tri|"
    r"Thông tư liên tịch|Thông tư|Kế hoạch|Báo cáo|Chương trình|Đề án|Công văn|Tờ trình|Luật|Bộ luật|"
    r"Pháp lệnh|Quy chế|Văn bản hợp nhất|Văn bản|Công điện|Giấy giới thiệu|Giấy mời"
)
# Nouns that name no document type: the symbol's type code, when it has one, wins.
GENERIC_NOUNS = frozenset({"văn bản"})

# Party symbol: NUM-TYPE/ISSUER, e.g. "21-NQ/TW", "12-HD/BTCTW", "04-QyĐ/ĐU", "21 - NQ/ TW",
# "40 – CT/TW" (an en or em dash, as typeset pages write it).
PARTY_DOC_SYMBOL = (
    r"(?P<pnum>\d{1,4})\s?[-–—]\s?(?P<pcode>NQ|CT|QĐi|QĐNS|QĐ|QyĐ|KL|HD|TB|KH|TT|BC|CTr|ĐA|CV|QC|TTr|BB|BS|TC)"
    r"\s?/\s?(?P<pissuer>[A-ZĐ][A-Za-zĐđ]{0,11})"
)

# State symbol: NUM/YEAR/CODE ("178/2024/NĐ-CP", "80/2015/QH13", "18/2020/QĐ-TTg", "19-2017/NQ-CP"),
# NUM/CODE-ISSUER ("125/NQ-CP", "1670/NQ-UBTVQH15", "3303/CTr-UBND": type codes may be mixed
# case), NUM/ISSUER-UNIT ("365/TTKTĐB-KHCN&MT", "76/TTCP-C.I") or, after a document noun
# only, NUM/ISSUER ("Nghị định số 100/TTg", "Công văn số 169/PTDS"). A dash may be spaced
# ("35/NQ - CP"); the symbol is kept without the spaces. A number may carry a letter
# ("Nghị quyết số 30a/2008/NQ-CP").
_CODE_PART = r"[A-ZĐ][A-Za-zĐđ0-9]*(?:&[A-ZĐ][A-Za-zĐđ0-9]*)*(?:\.[A-ZĐ0-9]{1,3}(?!\w))?"
STATE_DOC_SYMBOL = (
    r"(?<![\w/])(?P<snum>\d{1,5}[a-zđ]?)(?:(?P<ysep>[/-]\s?)(?P<syear>(?:19|20)\d{2})/|/)"
    rf"(?P<scode>(?:QH|UBTVQH)\d{{1,2}}|[A-ZĐ][A-Za-zĐđ]{{0,6}}(?:\s?-\s?{_CODE_PART})+|[A-ZĐ][A-Za-zĐđ]{{1,7}})"
)

# A full date: "16/6/2022", "14-4-2016", "5.6.2012" (the separators agree), "15 tháng 01 năm 1961".
FULL_DATE = (
    r"(?:(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>(?:19|20)\d{2})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d{2}))"
)
# The date written with a reference: "ngày 16/6/2022", ", ngày 14-4-2016".
DOC_DATE = rf"(?:\s*,)?\s+(?:ban hành\s+)?(?:(?i:ngày)\s+)?{FULL_DATE}"

# A clause that opens with a full date and issues the reference right after it: "ngày 25-9-1948,
# Ban Thường vụ Trung ương Đảng đã ra ", "Ngày 12-5-1951, Ban Bí thư Trung ương Đảng ra ",
# "ngày 20-1-1962, thay mặt Bộ Chính trị, đồng chí đã ký ban hành ", "Ngày 16-11-2017, Tổng cục
# THADS đã có " (a body "có" a document: it issued it). The subject between the date and the
# verb holds no number (so no other date or symbol) and no end of sentence ("TP. " is no end).
# Without a comma after it, the date must open the clause (see _issued_on).
ISSUED_ON = re.compile(
    rf"(?i:ngày)\s+{FULL_DATE}"
    r"\s*(?P<comma>,)?\s+(?:TP\.\s|(?![.!?…]\s)[^\d;:!?…\"“”()\[\]\n]){1,80}?\s"
    r"(?:(?:đã|vừa|chính thức)\s+)*(?:ký ban hành|ban hành|thông qua|ký|ra|có)\s+$"
)
# How far back such a clause may start.
ISSUED_ON_REACH = 140

# Each pattern that opens with optional or case-blind words starts with a lookahead on the
# first letters it can open with: Python's regex engine then skips every other position fast
# (2-3x faster on real articles, same matches).
REFERENCE = re.compile(
    r"(?=[NnCcQqKkHhTtBbĐđLlPpVvSsGg\d])"
    rf"(?:(?P<noun>(?i:{DOC_NOUN}))(?:\s+(?i:số))?\s+)?(?:(?i:số)\s+)?"
    rf"(?:{PARTY_DOC_SYMBOL}|{STATE_DOC_SYMBOL})(?![\w/-])"
    rf"(?:{DOC_DATE})?"
)

# Type from the code when no noun is written.
CODE_TYPES = {
    "NQ": "nghị quyết", "CT": "chỉ thị", "QĐ": "quyết định", "QĐI": "quy định", "QYĐ": "quy định",
    "QĐNS": "quyết định", "KL": "kết luận", "HD": "hướng dẫn", "TB": "thông báo", "KH": "kế hoạch", "BC": "báo cáo",
    "CTR": "chương trình", "ĐA": "đề án", "CV": "công văn", "QC": "quy chế", "TTR": "tờ trình",
    "NĐ": "nghị định", "TTLT": "thông tư liên tịch", "VBHN": "văn bản hợp nhất", "BB": "biên bản",
    "BS": "bản sao", "TC": "tổng kết", "PL": "pháp lệnh", "NQLT": "nghị quyết liên tịch", "CĐ": "công điện",
}


def _iso(y: str | None, m: str | None, d: str | None) -> str | None:
    """The ISO form of a real calendar date, else None ("31/2/2024" is no date)."""
    if not (y and m and d):
        return None
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _code_type(code: str, party: bool) -> str | None:
    """The document type a symbol's code names, or None when it names only issuers."""
    code_u = code.upper()
    if party:
        return "thông tri" if code_u == "TT" else CODE_TYPES.get(code_u)
    if code_u.startswith(("QH", "UBTVQH")):
        return "luật"
    head = code_u.split("-")[0]
    if head == "TT":
        return "thông tư"
    return CODE_TYPES.get(head)


def _type(noun: str | None, code: str, party: bool, shared: str | None = None) -> str:
    """``shared``: the noun of the symbol this one is coordinated with, when it has none."""
    noun = noun.lower() if noun else None
    if noun and noun not in GENERIC_NOUNS:
        return noun
    return _code_type(code, party) or noun or (shared.lower() if shared else "công văn")


@dataclass(frozen=True, slots=True)
class _Symbol:
    match: re.Match
    start: int
    symbol_end: int  # offset of the symbol's end from ``start`` (before any date)


@lru_cache(maxsize=8)
def symbols(text: str) -> tuple[_Symbol, ...]:
    """Every document symbol match in ``text`` (cached: dates and figures reserve them)."""
    if "/" not in text:
        return ()
    out = []
    for m in REFERENCE.finditer(text):
        end = m.end("pissuer") if m["pnum"] else m.end("scode")
        out.append(_Symbol(m, m.start(), end - m.start()))
    return tuple(out)


def _issued_on(text: str, start: int) -> str | None:
    """The date of the clause that issues the reference at ``start``, if one opens it."""
    d = ISSUED_ON.search(text, max(0, start - ISSUED_ON_REACH), start)
    if not d:
        return None
    if not d["comma"] and text[:d.start()].rstrip()[-1:] not in ("", ",", ".", ";", ":"):
        return None  # "... Quyết định ngày 5/5/2020 của UBND ban hành ..." dates another document
    return _iso(d["y"], d["m"], d["d"]) or _iso(d["y2"], d["m2"], d["d2"])


# Between two coordinated symbols: "Giấy giới thiệu số 45/TCMT-GGT và số 46/TCMT-GGT".
COORDINATED = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+|hoặc\s+)(?i:số\s+)?")


def find_references(text: str) -> list[Reference]:
    out: list[Reference] = []
    prev_noun, prev_end = None, -1
    for sym in symbols(text):
        m = sym.match
        g = m.groupdict()
        noun = g["noun"]
        num_start = m.start("pnum") if g["pnum"] else m.start("snum")
        shared = prev_noun if not noun and COORDINATED.fullmatch(text, prev_end, num_start) else None
        prev_noun, prev_end = noun or shared, m.end()
        if g["pnum"]:
            symbol = f"{g['pnum']}-{g['pcode']}/{g['pissuer']}"
            issuer = g["pissuer"]
            rtype = _type(noun, g["pcode"], True)
        else:
            code = re.sub(r"\s", "", g["scode"])
            if "-" not in code and not (noun or shared) and not code.startswith(("QH", "UBTVQH")):
                continue  # a bare code needs its noun ("Bản án số 48/2012/DSST" is no reference)
            # "178/2024/NĐ-CP", and "19-2017/NQ-CP" as written
            symbol = g["snum"] + (g["ysep"].strip() + g["syear"] if g["syear"] else "") + "/" + code
            if "-" not in code or _code_type(code, False) is None:
                issuer = re.sub(r"\d+$", "", code.split("-")[0])  # "100/TTg", "365/TTKTĐB-KHCN&MT"
            else:
                issuer = code.split("-", 1)[1]
            rtype = _type(noun, code, False, shared)
        date = _iso(g["y"], g["m"], g["d"]) or _iso(g["y2"], g["m2"], g["d2"])
        start, end = m.span()
        if not date:
            # The optional date part did not match as a date: drop it from the span.
            end = m.end("pissuer") if g["pnum"] else m.end("scode")
            date = _issued_on(text, start)
        out.append(Reference(type=rtype, symbol=symbol, issuer=issuer, date=date,
                             text=text[start:end], start=start, end=end))
    return out


@register("references")
def references(doc: Document, article: Article) -> list[Reference]:
    return find_references(doc.text)
