"""Places (LOC) for the entity finder of :mod:`.entities`: a place after its level word ("tỉnh
Lào Cai" → "Lào Cai"; "TP. Đà Nẵng", "quận 2" keep it), a named structure after its lower-case
kind ("cầu Sông Lô" → "Sông Lô", "chùa Đồng Kỵ" → "Đồng Kỵ"), a level abbreviation glued to its
place ("TP.HCM", "Q.Tân Phú"), industrial zones and airports with their name, province names,
regions and countries on their own (the gazetteer of :mod:`partytext.facts` and the lists of
:mod:`.entity_words`), countries of one syllable where the sentence makes them one ("thực dân
Pháp", "Việt Nam - Anh"), and every other mention of a name the text shows as a place ("xã Trấn
Yên" ... "Trấn Yên xây dựng Đảng"). The place's words are the segmenter's capitalised words
after the level word; after a plural level ("các xã Hồng Sơn, Đông Thọ") each name of the list is
a place.
"""

from __future__ import annotations

import re

from .entity_words import (CAP_WORD, GLUED_PLACE, LANDMARKS, LEVEL, LEVEL_WORDS, LEVELS_IN_LOC, ORG_HEAD,
                           SHORT_COUNTRIES, SURNAMES, UP, gazetteer_places, is_place, is_title, looks_like_person,
                           name_like, place_like)

LEVEL_RE = re.compile(rf"(?<![\w.])(?:{LEVEL})(?=\s*[{UP}\d])")
LANDMARK_RE = re.compile(r"(?<![\w.])(?:" + "|".join(LANDMARKS) + rf")(?=\s+[{UP}])")
# Industrial zones and the like: the head is part of the place's name.
FACILITY = re.compile(rf"(?<![\w])(?:Khu công nghiệp|Cụm công nghiệp|Khu kinh tế|Cảng hàng không quốc tế|Cảng hàng không)"
                      rf"(?=\s+[{UP}])")
# A level word that names several places: "các xã Hồng Sơn, Đông Thọ", "hai ấp Mỹ An và Nhơn Hiệp".
PLURAL_BEFORE = re.compile(r"(?:các|những|hai|ba|bốn|năm|\d{1,2})\s+$")
LIST_GAP = re.compile(r"\s*(?:,|và)\s*")
# Words that open a sentence: "TP." or "thành phố" ending a sentence is no name's start ("... của TP. Theo ...").
OPENERS = frozenset({"Theo", "Tại", "Cũng", "Nguồn", "Trong", "Sau", "Trước", "Khi", "Ngoài", "Để", "Với", "Từ", "Về",
                     "Do", "Vì", "Nhưng", "Còn", "Đây", "Đó", "Ngày", "Hiện", "Qua", "Chiều", "Sáng", "Tối", "Riêng",
                     "Bên", "Đến", "Trưa", "Đêm", "Ảnh", "Video"})
# POS tags of the word after a number that make the number a quantity, not part of the place ("xã Ngọc Linh 30
# triệu đồng"; "thôn Cổ Phúc 2 có ..." keeps it).
_QUANTITY_TAGS = frozenset({"M", "Nu"})
# Before a short country: words that make it a person (a kin word or title) or a language ("tiếng Anh").
_PERSON_BEFORE = frozenset({"tiếng", "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "thầy", "đồng chí",
                            "đại biểu", "nhà báo", "luật sư", "bạn", "con", "vợ", "chồng", "mẹ", "bố", "cha"})
# Capitalised words before a short country that name its state ("Thủ tướng Anh", "Vương quốc Anh").
_STATE_BEFORE = frozenset({"Thủ tướng", "Tổng thống", "Vương quốc", "Nữ hoàng", "Quốc vương", "Đại sứ", "Ngoại trưởng",
                           "Chính phủ", "Nhà nước", "Đại sứ quán"})
SHORT_RE = re.compile(r"(?<![\w])(?:" + "|".join(SHORT_COUNTRIES) + r")(?![\w])")
# The names after a lower-case level word inside an organisation's name ("Đảng bộ xã Trấn Yên").
_LOWER_LEVEL = "|".join(sorted((w for w in LEVEL_WORDS if w.islower() and w not in ("hồ", "sông", "núi")),
                               key=len, reverse=True))
PLACE_IN_NAME = re.compile(rf"(?<![\w])(?:{_LOWER_LEVEL})\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD})+(?:\s+\d{{1,2}}(?!\d))?)")


def is_quantity(finder, after: int) -> bool:
    """Whether the word right after ``after`` makes the number before it a quantity ("30 triệu đồng"),
    not part of a name ("thôn Cổ Phúc 2 có ..."); ``finder`` holds the document."""
    nxt = re.match(r"\s+(\S+)", finder.text[after:])
    if nxt is None or not nxt.group(1)[:1].islower():
        return False
    tags = finder.doc.tagged_between(after + nxt.start(1), after + nxt.end(1))
    return bool(tags) and tags[0].pos in _QUANTITY_TAGS


def _place_end(finder, start: int, names: list, *, people: bool = False) -> int | None:
    """Where the place whose words are ``names`` (from ``start``) ends; None when there is none.
    With ``people``, a name that looks like a person's still names the place ("đường Cao Bá Quát")."""
    text = finder.text
    end = None
    for t in names:
        if t.text in ("-", "–") and end is not None:
            continue  # "Bà Rịa - Vũng Tàu": judged with the word after it
        gap = text[(end or start):t.start]
        dashed = gap.strip() in ("-", "–") and end is not None
        if gap.strip() and not dashed:
            break
        if end is None and not t.text[:1].isupper() or (end is None or dashed) and t.text in OPENERS:
            break  # "... thành phố. Tại quận 9", "tỉnh Đồng Nai - Trong thời gian ..."
        if t.text.isdigit() and end is not None and is_quantity(finder, t.end):
            break  # "xã Ngọc Linh 30 triệu đồng"
        if not place_like(t.text):
            parts = t.text.split()
            keep = 0
            while keep < len(parts) and parts[keep][:1].isupper():
                keep += 1
            if keep and end is not None and not is_title(t.text):  # "Ngàn | Mọ dâng": the segmenter glued the verb on
                end = t.start + len(" ".join(parts[:keep]))
            break
        if people and dashed:
            break  # "đường Cao Bá Quát - Cầu Lùng": from one place to another
        if is_title(t.text) or ORG_HEAD.fullmatch(t.text) \
                or (end is not None and not people and looks_like_person(t.text)):
            break
        parts = t.text.split()
        cut = next((k for k in range(2, len(parts) - 1) if parts[k] in SURNAMES and parts[k + 1] in ("Thị", "Văn")), None)
        if cut is not None:  # "thôn | Tân Lập Thân Thị Khoa": the segmenter joined the place and a person
            end = t.start + len(" ".join(parts[:cut]))
            finder.add("PER", end + 1, t.end)
            break
        end = t.end
    return end


def _listed_places(finder, end: int) -> None:
    """More places after the first one of a plural level word: "các xã Hồng Sơn, Đông Thọ"."""
    text = finder.text
    while (gap := LIST_GAP.match(text, end)) is not None:
        word = finder.word_at(gap.end())
        if word is None or word.start != gap.end() or not place_like(word.text) or not word.text[:1].isupper() \
                or word.text in LEVEL_WORDS or is_title(word.text) or ORG_HEAD.match(text, word.start) \
                or word.text in OPENERS or (looks_like_person(word.text) and not is_place(word.text)):
            return
        nxt = _place_end(finder, word.start, [t for t in finder.words_after(word.start) if t.start >= word.start])
        if nxt is None or not finder.add("LOC", word.start, nxt):
            return
        end = nxt


def _level_places(finder) -> None:
    text = finder.text
    kinds = [(m, False) for m in LEVEL_RE.finditer(text)] + [(m, True) for m in LANDMARK_RE.finditer(text)]
    for m, landmark in sorted(kinds, key=lambda k: k[0].start()):
        if not finder.free(m.start(), m.end()):
            continue
        word = finder.word_at(m.start())
        if landmark and (word is None or (word.start, word.end) != (m.start(), m.end())):
            continue  # "yêu cầu", "nhu cầu", "con đường": the kind word is part of another word
        if word is not None and word.start < m.start() and word.text[:1].isupper() and not is_title(word.text):
            continue  # "Hợp tác xã Nông sản ...": the level word ends a name ("trưởng thôn", "liên tỉnh" do not)
        after = text[m.end():]
        num = re.match(r"\s*(\d{1,2})(?![\d/%]|[.,]\d)", after)
        if num and not landmark:  # "quận 2" keeps its level word
            finder.add("LOC", m.start(), m.end() + num.end())
            continue
        names = [t for t in finder.words_after(m.end()) if t.start >= m.end()]
        if word is not None and word.start < m.start() and is_title(word.text) and names:
            # "Trưởng thôn Nguyễn Văn Trịnh": a title ends with the level word, a person may follow it directly
            # or after the place ("Trưởng thôn Nghĩa Xã Nguyễn Văn Phú")
            person = next((t for t in names[:2] if looks_like_person(t.text) and not is_place(t.text)), None)
            if person is not None and not text[m.end():person.start].strip() or (
                    person is not None and person is names[1] and place_like(names[0].text)
                    and not text[names[0].end:person.start].strip()):
                if person is names[1]:
                    finder.add("LOC", names[0].start, names[0].end)
                finder.add("PER", person.start, person.end)
                continue
        end = _place_end(finder, m.end(), names, people=landmark)
        if landmark and end is not None and len(text[m.end():end].split()) < 2:
            continue  # "cầu Nghĩa tình quê hương 32": a one-syllable capital opens a descriptive name
        if end is None and re.match(rf"\.?{CAP_WORD}", after):  # "TP.HCM", "Q.Tân Phú": glued
            continue
        if end is not None:
            start = m.start() if m.group() in LEVELS_IN_LOC else m.end() + len(after) - len(after.lstrip())
            if finder.add("LOC", start, end) and not landmark and PLURAL_BEFORE.search(text, 0, m.start()):
                _listed_places(finder, end)


def _short_country(finder, m: re.Match) -> bool:
    """Whether the one-syllable country name at ``m`` is the country here (see SHORT_COUNTRIES)."""
    text = finder.text
    word = finder.word_at(m.start())
    if word is None or not all(p in SHORT_COUNTRIES for p in word.text.split()):
        return False  # "Mỹ An", "Quang Anh", "Chủ Nhật": part of another name
    if len(word.text.split()) > 1:
        return True  # "Nhật Pháp"
    i = finder.doc.sentence_of(m.start())
    before = [t for t in finder.doc.words(i) if t.end <= word.start]
    prev = before[-1] if before else None
    if prev is not None and prev.text in ("-", "–", ",", "và") and len(before) > 1:
        # "Việt Nam - Anh", "Việt Nam và Anh": linked to another country
        other = before[-2]
        return other.text in SHORT_COUNTRIES or is_place(other.text)
    after = re.match(r"\s*[-–]\s*(\S+)", text[m.end():])
    if after and (after.group(1) in SHORT_COUNTRIES or re.fullmatch(r"[A-Z]{3,}", after.group(1))):
        return True  # "Anh – ASEAN"
    if prev is None or text[prev.end:word.start].strip():
        return False  # a sentence's first word may be the pronoun
    if prev.text in _STATE_BEFORE:
        return True
    return prev.text.islower() and prev.text not in _PERSON_BEFORE and prev.text not in LEVEL_WORDS


def _known_places(finder) -> None:
    """Every free mention of a name the text shows as a place: after a lower-case level word, on its own
    or inside an organisation's name ("Đảng bộ xã Trấn Yên" ... "Trấn Yên xây dựng Đảng mạnh")."""
    text = finder.text
    names = set()
    for e in finder.found:
        if e.type == "LOC" and len(e.text.split()) >= 2 and place_like(e.text) and "." not in e.text \
                and re.search(rf"(?:{_LOWER_LEVEL})\s+$", text[max(0, e.start - 12):e.start]):
            names.add(e.text)
        elif e.type == "ORG":
            names.update(m["name"] for m in PLACE_IN_NAME.finditer(e.text) if place_like(m["name"]))
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
            first, last = finder.word_at(m.start()), finder.word_at(m.end() - 1)
            if first is not None and last is not None and (first.start, last.end) == (m.start(), m.end()) \
                    and finder.free(m.start(), m.end()):
                finder.add("LOC", m.start(), m.end())


def add_places(finder) -> None:
    """Add the places of ``finder``'s text where no entity stands yet (``finder`` is an
    :class:`~partytext.extract.entities._Finder`)."""
    text = finder.text
    _level_places(finder)
    for m in FACILITY.finditer(text):
        names = [t for t in finder.words_after(m.end()) if t.start >= m.end() and t.text[:1].isupper()]
        if names and not text[m.end():names[0].start].strip():
            end = names[0].end
            num = re.match(r"\s+[A-Z]?\d{1,2}[A-Z]?\d?(?!\d)", text[end:])
            finder.add("LOC", m.start(), end + (num.end() if num else 0))
    for m in GLUED_PLACE.finditer(text):  # "TP.HCM", "Q.Tân Phú", "H.Nghĩa Hành"
        if m.group().split(".", 1)[1].strip() in OPENERS:
            continue  # "... mức kéo giảm của TP. Theo Bí thư ...": the sentence ends after "TP."
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
                if word is not None and word.start < m.start() and text[m.start() - 1] not in "-–":
                    continue  # inside another word ("Hà Nội-Hải Phòng-Quảng Ninh": three)
                finder.add("LOC", m.start(), m.end())
    for m in SHORT_RE.finditer(text):
        if finder.free(m.start(), m.end()) and _short_country(finder, m):
            finder.add("LOC", m.start(), m.end())
    _known_places(finder)
