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

SHARE_JOIN = re.compile(
    r"^\s*(?:,|và|hoặc|hay|-|–|đến|tới|xuống còn|xuống|lên|\s)*\s*$"
    r"|^\s*(?:và|,)\s+(?:[^\W\d][\w]*\s+){1,3}$",  # "kiểm tra 32 và giám sát 45 tổ chức đảng"
    re.IGNORECASE,
)
# Breakdown markers: what follows is part of the figure before.
BREAKDOWN = re.compile(r"trong đó(?:\s*,)?(?:\s*có)?|bao gồm|gồm(?:\s*có)?|\(", re.IGNORECASE)
# "Trong số này, 214 người ...": the parent may stand in the sentence before.
BREAKDOWN_ACROSS = re.compile(r"trong số (?:này|đó|trên|[^\d,.;]{2,30}?)(?:\s*,)?(?:\s*có)?\s*$", re.IGNORECASE)
# Kinds that can be broken down, and the kinds their parent may have.
PARENT_KINDS = {"count": ("count", "ratio"), "money": ("money",), "other": ("other",), "percent": ("count",)}


def share_units(text: str, cands: list) -> None:
    """A number without a unit takes the unit of its neighbour in a list: "12 và 15 tổ chức"."""
    for i in range(len(cands) - 1, -1, -1):
        c = cands[i]
        if c.unit is not None or c.pct or i + 1 >= len(cands):
            continue
        nxt = cands[i + 1]
        if nxt.unit and SHARE_JOIN.match(text[c.end:nxt.span_start]) and "\n" not in text[c.end:nxt.start]:
            c.unit = nxt.unit
            c.kind = nxt.kind if nxt.kind != "ratio" else "count"
    for i, c in enumerate(cands):
        # "giảm từ 842 xuống còn 603 hộ": the change carries on to the later number.
        if i and c.change is None and cands[i - 1].change and CHANGE_CONTINUES.search(text[cands[i - 1].end:c.span_start]):
            c.change = cands[i - 1].change


def _unit_key(unit: str | None) -> str:
    return " ".join((unit or "").lower().split()[:2])


def _measure_key(unit: str | None) -> str:
    return (unit or "").lower().split()[0] if unit else ""


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
        if markers:
            mk = markers[-1]
            mpos = mk.start()
            if mk.group() == "(" and ")" in text[mpos:f.start]:
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
        same_unit = [j for j in parents if _unit_key(figs[j].unit) == _unit_key(f.unit)]
        j = same_unit[-1] if same_unit else parents[-1]
        if markers and len(text[figs[j].end:mpos]) > 120:
            continue
        out[i] = replace(f, part_of=j)
    return out
