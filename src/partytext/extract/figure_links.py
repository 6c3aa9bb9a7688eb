"""Links between figures of one sentence: shared units in lists and breakdowns (part_of).

* "kiểm tra 12 và giám sát 15 tổ chức đảng", "12, 15 và 18 chi bộ": a number without a unit
  takes the unit of its neighbour;
* "248 ..., trong đó có 165 ...", "gồm", "(21 ..., 39 ...)", "Trong số này, ...": the figures
  after the marker are parts of the figure before it (the parent's index in ``part_of``),
  counts, money and measures alike ("5.000 ha, trong đó ... 2.750 ha").
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..nlp import Document
from ..records import Figure
from .units import CHANGE_CONTINUES

SHARE_JOIN = re.compile(r"^\s*(?:,|và|hoặc|hay|-|–|đến|tới|xuống còn|xuống|lên|\s)*\s*$", re.IGNORECASE)
# "kiểm tra 32 và giám sát 45 tổ chức đảng": two verbs with their numbers share the object
# (only when a verb stands before the first number too: "cầu ... quê hương 32, nối liền hai
# ấp" is a name, then a clause).
SHARE_ACROSS_VERB = re.compile(r"^\s*(?:và|,)\s+(?:[^\W\d][\w]*\s+){1,3}$", re.IGNORECASE)
# Breakdown markers: what follows is part of the figure before.
BREAKDOWN = re.compile(r"trong đó(?:\s*,)?(?:\s*có)?|bao gồm|gồm(?:\s*có)?|\(", re.IGNORECASE)
# "Trong số này, 214 người ...": the parent may stand in the sentence before.
BREAKDOWN_ACROSS = re.compile(r"trong số (?:này|đó|trên|[^\d,.;]{2,30}?)(?:\s*,)?(?:\s*có)?\s*$", re.IGNORECASE)
# Kinds that can be broken down, and the kinds their parent may have.
PARENT_KINDS = {"count": ("count", "ratio"), "money": ("money",), "other": ("other",), "percent": ("count",)}


def _verb_before(doc: Document, pos: int) -> bool:
    prev = doc.tagged_before(pos)
    return prev is not None and prev.pos == "V"


def share_units(doc: Document, cands: list) -> None:
    """A number without a unit takes the unit of its neighbour in a list: "12 và 15 tổ chức"."""
    text = doc.text
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        if c.unit is not None or c.pct or i + 1 >= len(cands):
            continue
        nxt = cands[i + 1]
        between = text[c.end:nxt.span_start]
        if not nxt.unit or "\n" in text[c.end:nxt.start]:
            continue
        if SHARE_JOIN.match(between) or (SHARE_ACROSS_VERB.match(between) and _verb_before(doc, c.span_start)):
            c.unit = nxt.unit
            c.kind = nxt.kind if nxt.kind != "ratio" else "count"
    for i, c in enumerate(cands):
        # "giảm từ 842 xuống còn 603 hộ": the change carries on to the later number.
        if i and c.change is None and cands[i - 1].change and CHANGE_CONTINUES.search(text[cands[i - 1].end:c.span_start]):
            c.change = cands[i - 1].change


# "từ 550mm đến 1.051mm", "từ 10 triệu đồng đến 20 triệu đồng", "3 ha - 5 ha": one range.
RANGE_JOIN = re.compile(r"\s*(?:đến|tới|-|–)\s*", re.IGNORECASE)
FROM_BEFORE = re.compile(r"(?<!\w)từ\s+$", re.IGNORECASE)


def merge_ranges(text: str, cands: list) -> list:
    """Join two numbers with the same unit written as a range into one figure with ``high``."""
    out: list = []
    for c in cands:
        a = out[-1] if out else None
        if (a is not None and not a.pct and not c.pct and a.high is None and c.high is None and a.unit and c.unit
                and a.kind == c.kind and a.kind in ("other", "money", "count") and a.unit_end and c.value > a.value
                and _measure_key(a.unit) == _measure_key(c.unit) and not a.qualifier and not c.qualifier
                and RANGE_JOIN.fullmatch(text, a.unit_end, c.span_start)):
            joined = text[a.unit_end:c.span_start].strip().lower()
            from_ = FROM_BEFORE.search(text, max(0, a.span_start - 8), a.span_start)
            if joined in ("-", "–") or from_:
                a.high = c.value
                a.unit, a.unit_end = c.unit, c.unit_end or c.end
                if from_:
                    a.span_start = from_.start()
                continue
        out.append(c)
    return out


def _unit_key(unit: str | None) -> str:
    return " ".join((unit or "").lower().split()[:2])


def _measure_key(unit: str | None) -> str:
    return (unit or "").lower().split()[0] if unit else ""


def _aside(text: str, mk: re.Match, f: Figure, before: list[Figure]) -> bool:
    """A parenthesis that is no breakdown marker: closed before the figure, or a conversion
    right after an amount ("311 triệu USD (6.842 tỷ đồng)")."""
    if mk.group() != "(":
        return False
    if ")" in text[mk.start():f.start]:
        return True
    return (f.kind == "money" and bool(before) and before[-1].kind == "money"
            and not text[before[-1].end:mk.start()].strip())


def breakdowns(text: str, doc: Document, figs: list[Figure]) -> list[Figure]:
    """part_of for the figures after "trong đó", "gồm" or "(": the parent is the figure
    before the marker in the same sentence, preferring one with the same unit."""
    out = list(figs)
    for i, f in enumerate(figs):
        sent = doc.sentence_of(f.start)
        sstart = doc.sentences[sent].start if sent is not None else text.rfind("\n", 0, f.start) + 1
        markers = list(BREAKDOWN.finditer(text, sstart, f.start))
        across = BREAKDOWN_ACROSS.search(text, sstart, f.start) if sent else None
        if not markers and not across:
            prev = out[i - 1] if i else None
            # a sibling of the part before it: "Trong số này có 214 người ...; 689 người ..."
            if prev is not None and prev.part_of is not None and prev.kind == f.kind and prev.sentence == f.sentence:
                out[i] = replace(f, part_of=prev.part_of)
            continue
        if f.kind == "percent" and not (markers and len(text[markers[-1].end():f.start].strip()) == 0):
            continue  # "trong đó có 17,2% là nữ" is a part; "chiếm 18,7%" is not
        if f.kind not in PARENT_KINDS:
            continue
        markers = [mk for mk in markers if not _aside(text, mk, f, figs[:i])]
        if markers and sent and not text[sstart:markers[-1].start()].strip():
            markers = []  # "... 6.000 đảng viên. Trong đó, ... 7 đảng viên": the parent is in the sentence before
            across = True
        if markers:
            mpos = markers[-1].start()
        elif not across:
            continue
        else:
            mpos = sstart
            sstart = doc.sentences[sent - 1].start
        parents = [j for j in range(i) if sstart <= figs[j].start and figs[j].end <= mpos and figs[j].part_of is None
                   and figs[j].kind in PARENT_KINDS[f.kind]]
        if f.kind == "other":  # hectares break down hectares, not tonnes
            parents = [j for j in parents if _measure_key(figs[j].unit) == _measure_key(f.unit)]
        if not parents:
            continue
        if f.change is None and any(figs[j].change is None for j in parents):
            # an amount of change is no whole to break down: "gần 19,9 triệu người ... tăng
            # khoảng 798.000 người, trong đó ... gần 17,7 triệu người"
            parents = [j for j in parents if figs[j].change is None]
        same_unit = [j for j in parents if _unit_key(figs[j].unit) == _unit_key(f.unit)]
        j = same_unit[-1] if same_unit else parents[-1]
        if markers and len(text[figs[j].end:mpos]) > 120:
            continue
        out[i] = replace(f, part_of=j)
    return out
