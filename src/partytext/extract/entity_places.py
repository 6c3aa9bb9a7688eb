"""Places (LOC) for the entity finder of :mod:`.entities`: a place after its level word ("tỉnh
Lào Cai" → "Lào Cai"; "TP. Đà Nẵng", "quận 2" keep it), a level abbreviation glued to its place
("TP.HCM", "Q.Tân Phú"), industrial zones and airports with their name, and province names and
countries on their own (the gazetteer of :mod:`partytext.facts`). The place's words are the
segmenter's capitalised words after the level word.
"""

from __future__ import annotations

import re

from .entity_words import (CAP_WORD, GLUED_PLACE, LEVEL, LEVELS_IN_LOC, ORG_HEAD, UP, gazetteer_places, is_title,
                           looks_like_person, name_like, place_like)

LEVEL_RE = re.compile(rf"(?<![\w.])(?:{LEVEL})(?=\s*[{UP}\d])")
# Industrial zones and the like: the head is part of the place's name.
FACILITY = re.compile(rf"(?<![\w])(?:Khu công nghiệp|Cụm công nghiệp|Khu kinh tế|Cảng hàng không quốc tế|Cảng hàng không)"
                      rf"(?=\s+[{UP}])")


def add_places(finder) -> None:
    """Add the places of ``finder``'s text where no entity stands yet (``finder`` is an
    :class:`~partytext.extract.entities._Finder`)."""
    text = finder.text
    for m in LEVEL_RE.finditer(text):
        if not finder.free(m.start(), m.end()):
            continue
        after = text[m.end():]
        num = re.match(r"\s*(\d{1,2})(?![\d/%]|[.,]\d)", after)
        if num:  # "quận 2" keeps its level word
            finder.add("LOC", m.start(), m.end() + num.end())
            continue
        names = [t for t in finder.words_after(m.end()) if t.start >= m.end()]
        end = None
        for t in names:
            if t.text in ("-", "–") and end is not None:
                continue  # "Bà Rịa - Vũng Tàu": judged with the word after it
            gap = text[(end or m.end()):t.start]
            if gap.strip() not in ("",) and not (gap.strip() in ("-", "–") and end is not None):
                break
            if end is None and not t.text[:1].isupper():
                break
            if not place_like(t.text) or is_title(t.text) or ORG_HEAD.fullmatch(t.text) \
                    or (end is not None and looks_like_person(t.text)):
                break
            end = t.end
        if end is None and re.match(rf"\.?{CAP_WORD}", after):  # "TP.HCM", "Q.Tân Phú": glued
            continue
        if end is not None:
            start = m.start() if m.group() in LEVELS_IN_LOC else m.end() + len(after) - len(after.lstrip())
            finder.add("LOC", start, end)
    for m in FACILITY.finditer(text):
        names = [t for t in finder.words_after(m.end()) if t.start >= m.end() and t.text[:1].isupper()]
        if names and not text[m.end():names[0].start].strip():
            end = names[0].end
            num = re.match(r"\s+[A-Z]?\d{1,2}[A-Z]?\d?(?!\d)", text[end:])
            finder.add("LOC", m.start(), end + (num.end() if num else 0))
    for m in GLUED_PLACE.finditer(text):  # "TP.HCM", "Q.Tân Phú", "H.Nghĩa Hành"
        end = m.end()
        for t in finder.words_after(m.end()):
            if text[end:t.start].strip() or not name_like(t.text) or is_title(t.text) \
                    or looks_like_person(t.text) or ORG_HEAD.fullmatch(t.text):
                break
            end = t.end
        finder.add("LOC", m.start(), end)
    pattern = gazetteer_places()[1]
    if pattern is not None:
        for m in pattern.finditer(text):
            if finder.free(m.start(), m.end()):
                word = finder.word_at(m.start())
                if word is not None and word.start < m.start():
                    continue  # inside another word
                finder.add("LOC", m.start(), m.end())
