"""Named entities: organisations (ORG), people (PER) and places (LOC), as docs/gold.md's
gold-real rules write them.

* **ORG** — a head ("Đảng bộ", "Tỉnh ủy", "Sở", "Ban", "Công ty" …, see
  :mod:`.entity_words`) and the name after it: capitalised words, level words with their
  place ("UBND tỉnh Lào Cai", "Đảng ủy xã", "Quận ủy quận 2"), "Trung ương", numbers of
  cells ("Chi bộ 4"). A person named right after the organisation is not part of it:
  "Chính phủ Phạm Minh Chính" is ORG "Chính phủ" + PER "Phạm Minh Chính".
* **PER** — the name after a title, without the title ("Bí thư Tỉnh ủy Nguyễn Văn A" → "Nguyễn
  Văn A", "ông Tuấn" → "Tuấn"); a three- or four-word name that opens with a surname; the
  photographer of a photo credit; and every later mention of a name already found (see
  :mod:`.entity_people`).
* **LOC** — a place after its level word, the lower-case word left out ("tỉnh Lào Cai" → "Lào
  Cai"; "TP. Đà Nẵng", "quận 2" keep it), a structure after its lower-case kind ("cầu Sông Lô"
  → "Sông Lô"), province names, regions and countries on their own (from the gazetteer of
  :mod:`partytext.facts`), countries of one syllable where the sentence makes them one ("thực
  dân Pháp"); see :mod:`.entity_places`.

underthesea's **word segmentation decides the boundaries**: Vietnamese capitalises only the
first syllable of each word of a name ("Sở Tư pháp", "Ban Tổ chức Trung ương"), so the words of
a name are the segmenter's words that start with a capital; "Bà Rịa" is one word, so its "Bà" is
no title; "Hà Tĩnh" and "Hoàng Trung Dũng" are two words, so "Tỉnh ủy Hà Tĩnh Hoàng Trung Dũng"
splits into the organisation and the person. Only sentences with a head, a title or a level word
are segmented (``Document.words``, shared with the other extractors); where lower-case words stand
inside a name, the POS tagger decides (nouns stay: "Phòng Tổ chức cán bộ Viện ..."; a verb ends
it). underthesea's own NER (its CRF model ships in the wheel and runs offline) is not used: it
labels "Tỉnh ủy Quản Minh Cường" a place and "Bà Rịa Vũng Tàu" a person, and scored ORG F1 0.02,
PER 0.54, LOC 0.13 on corpora/gold-real (December 2026), against 0.86, 0.96, 0.84 here.
"""

from __future__ import annotations

import re

from ..nlp import Document, Token
from ..records import Article, Entity
from . import register
from .entity_org_rules import (ALIAS, CAP, CENTRAL_BEFORE, CENTRAL_COMMITTEE, CLAUSE_WORDS, FRONT, GAZETTEER_LEVELS,
                               GENERIC_AFTER, GLUED_WORDS, LINK_SPLIT, LINKS, MANAGEMENT, MASS_ORGS,
                               NAMED_AFTER_PEOPLE, NATIONAL_HEADS, NOUN_TAGS, NUMBERED_HEADS, OF_ASSEMBLY,
                               STOP_SYLLABLE, SUBJECT_HEADS, TITLE_THEN_BODY, nouns_to_boundary, reaches_place)
from .entity_people import add_known_people, add_people
from .entity_places import add_places, is_quantity
from .entity_words import (CAPITAL_AFTER, GLUED_PLACE, LEVEL_WORDS, NEEDS_NAME, NOT_PEOPLE, ORG_HEAD, PROPER_HEADS,
                           SURNAMES, TITLE, UP, gazetteer_places, is_place, is_title, looks_like_person, name_like,
                           place_like, syllables)

TITLE_RE = re.compile(rf"(?<![\w.])(?:{TITLE})(?=\s+[{UP}])")
KIN_TITLES = frozenset({"ông", "bà", "anh", "chị", "cụ", "bác"})


class _Finder:
    """One document's entities, without overlaps (the first claim on a span wins)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.found: list[Entity] = []
        self.taken: list[tuple[int, int]] = []
        self.people: set[str] = set()  # names found after a title, anywhere in the text

    def free(self, start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in self.taken)

    def add(self, kind: str, start: int, end: int) -> bool:
        text = self.text
        while end > start and text[end - 1] in " ,.;:-–":
            end -= 1
        if end <= start or not self.free(start, end):
            return False
        self.taken.append((start, end))
        self.found.append(Entity(type=kind, text=text[start:end], start=start, end=end))
        return True

    def words_after(self, offset: int) -> list[Token]:
        """The segmenter's words from ``offset`` to the end of its sentence (a word that
        straddles ``offset`` comes first)."""
        i = self.doc.sentence_of(offset)
        if i is None:
            return []
        out = [t for t in self.doc.words(i) if t.end > offset]
        if out and out[0].start < offset:
            # a word that runs across the offset ("Chấp hành Trung ương" after "Ban Chấp hành"):
            # its part after the offset stands for itself
            rest = self.text[offset:out[0].end]
            start = offset + len(rest) - len(rest.lstrip())
            if start < out[0].end:
                out[0] = Token(self.text[start:out[0].end], start, out[0].end, out[0].sentence, out[0].pos)
            else:
                out = out[1:]
        return out

    def word_at(self, offset: int) -> Token | None:
        """The segmenter's word that contains ``offset``."""
        i = self.doc.sentence_of(offset)
        if i is None:
            return None
        return next((t for t in self.doc.words(i) if t.start <= offset < t.end), None)

    # -- ORG ------------------------------------------------------------------------------

    def orgs(self) -> None:
        text = self.text
        for m in ORG_HEAD.finditer(text):
            head = m.group()
            if not self.free(m.start(), m.end()):
                continue
            first = self.word_at(m.start())
            if first is not None and first.end > m.end() and (
                    not text[m.end():first.end].strip()[:1].isupper() or name_like(first.text) or first.text in self.people):
                continue  # "Bộ trưởng", "Ban hành", "Trường Chinh": the head opens another word
            # ("Trưởng phòng Tổ chức cán bộ ...": the title ends with the head, and the unit is an ORG)
            if head.islower() and first is not None and first.start < m.start() and not is_title(first.text):
                continue  # "tổ chức cơ sở Đoàn": "sở" ends another word
            if head == "ban" and text[max(0, m.start() - 7):m.start()].lower() == "trưởng " \
                    and TITLE_THEN_BODY.match(text, m.end()):
                continue  # "Phó Trưởng ban Thường trực | Ban Tổ chức Trung ương"
            if GENERIC_AFTER.match(text, m.end()):
                if head in PROPER_HEADS and not text[m.end():m.end() + 4].startswith(" viê"):
                    self.add("ORG", m.start(), m.end())  # "đại hội đại biểu MTTQ các cấp": the Front itself
                continue  # "UBKT các cấp", "Đảng ủy viên", "Đảng ủy cơ sở": no one body
            end, person = self._org_tail(m.end(), head)
            if end == m.end() and head in NEEDS_NAME:
                continue
            start = m.start()
            if (central := CENTRAL_BEFORE.search(text, 0, start)) and (head in PROPER_HEADS or head in ("Hội", "Đoàn")):
                start = central.start()  # "Trung ương Hội Nông dân Việt Nam": the body's central committee
            if head in ("Ủy ban", "Uỷ ban") and (of_na := OF_ASSEMBLY.match(text, end)):
                end = of_na.end()  # "Ủy ban Dự thảo Hiến pháp của Quốc hội": a committee of the National Assembly
            if self.add("ORG", start, end) and person:
                self.add("PER", *person)
        self._org_aliases()

    def _org_aliases(self) -> None:
        """A name given in parentheses inside an organisation's name is that organisation later:
        "Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam (Petrovietnam)" ... "Petrovietnam"."""
        text = self.text
        aliases = {m["alias"] for e in self.found if e.type == "ORG" for m in ALIAS.finditer(e.text)}
        for alias in sorted(aliases, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w(]){re.escape(alias)}(?![\w)])", text):
                if not GENERIC_AFTER.match(text, m.end()):
                    self.add("ORG", m.start(), m.end())

    def _org_tail(self, pos: int, head: str) -> tuple[int, tuple[int, int] | None]:
        """Where an organisation's name ends, and the person named right after it, if any."""
        text = self.text
        words = [t for t in self.words_after(pos) if t.start >= pos]
        end = prev_start = pos
        prev, level = "head", ""
        described = in_place = False
        caps = 0
        if head in NATIONAL_HEADS:  # "Quốc hội", "Chính phủ": whole names; "Trung ương Đảng" or a person may follow
            while words and all(w in LINKS for w in LINK_SPLIT.findall(words[0].text)) \
                    and not text[end:words[0].start].strip():
                end, words = words[0].end, words[1:]  # "Ban Bí thư Trung ương Đảng"
            if head in ("Bộ Chính trị", "Bộ chính trị") and (cc := CENTRAL_COMMITTEE.match(text, end)):
                return cc.end(), None  # "Bộ Chính trị Ban Chấp hành Trung ương Đảng": one body, named with its parent
            first = words[0] if words and not text[end:words[0].start].strip() else None
            if first is not None and (looks_like_person(first.text) or first.text in self.people):
                return end, (first.start, first.end)
            return end, None
        i = 0
        while i < len(words):
            t = words[i]
            if t.start < end:
                i += 1
                continue  # inside a head consumed below
            gap = text[end:t.start]
            if gap.strip() not in ("", "(", ")"):
                # a dash inside a name: "Bà Rịa - Vũng Tàu", "Lao động - Thương binh và Xã hội"
                if not (gap.strip() in ("-", "–") and prev == "cap" and t.text[:1].isupper() and not is_title(t.text)
                        and not looks_like_person(t.text) and not ORG_HEAD.match(text, t.start)):
                    break
            w = t.text
            if w == "(" and prev in ("head", "cap", "link", "level") and i + 2 < len(words) and words[i + 2].text == ")" \
                    and CAP.fullmatch(words[i + 1].text):
                end, prev = words[i + 2].end, "link"  # "(Petrovietnam)", "(UBKT)": a short name inside the name
                i += 3
                continue
            if w in ("-", "–"):
                i += 1  # judged with the word after it, as a gap
                continue
            inner = ORG_HEAD.match(text, t.start) if w[:1].isupper() else None
            if inner and inner.end() == t.end and inner.group() not in NEEDS_NAME and prev in ("link", "cap"):
                end, prev, prev_start = t.end, "cap", t.start  # "Ban Chấp hành Trung ương | Đảng Cộng sản Việt Nam"
                i += 1
                continue
            if inner and inner.end() > t.end and (inner.group() not in NEEDS_NAME or re.match(
                    rf"\s+(?:[{UP}]|trung ương)", text[inner.end():])):
                # "Tỉnh ủy", "Đảng ủy" split by the segmenter; "Ủy | ban Trung ương MTTQ" (a head with its name)
                end, prev, prev_start = inner.end(), "cap", t.start
                last = next((u for u in words[i + 1:] if u.start < end < u.end), None)
                if last is not None and ORG_HEAD.fullmatch(last.text):
                    end = last.end  # "Trung ương | Đảng Cộng sản Việt Nam": the head ends inside the next word
                i += 1
                continue
            if w in self.people and w not in NOT_PEOPLE:
                return end, (t.start, t.end)
            if w in LEVEL_WORDS and w.islower() and i + 1 < len(words) and f"{w} {words[i + 1].text}" in LINKS:
                end, prev = words[i + 1].end, "link"  # "Ban Tuyên giáo tỉnh ủy" (the segmenter split "tỉnh ủy")
                i += 2
                continue
            if w in LEVEL_WORDS or w.rstrip(".") + "." in LEVEL_WORDS and w.endswith("."):
                end, prev, prev_start, level = t.end, "level", t.start, w
            elif w in LINKS:
                end, prev = t.end, "link"
            elif w[:1].isdigit():
                # "Chi bộ 4", "Đoàn 559", "Cục Chính trị Quân khu 2" (a head inside the name)
                if not (prev in ("cap", "level") or prev == "head" and (head in NUMBERED_HEADS or i > 0)) \
                        or not re.fullmatch(r"\d{1,3}", w) or is_quantity(self, t.end):
                    break  # ("Ủy ban MTTQ Việt Nam tỉnh | 50 triệu đồng": a sum)
                end, prev = t.end, "num"
            elif w == "số" and prev == "head" and head in NUMBERED_HEADS and i + 1 < len(words) \
                    and re.fullmatch(r"\d{1,3}", words[i + 1].text):
                end, prev = words[i + 1].end, "num"  # "Chi bộ số 4"
                i += 2
                continue
            elif w in ("và", "&") and i + 1 < len(words) and words[i + 1].text[:1].isupper() and prev == "cap" \
                    and not ORG_HEAD.match(text, words[i + 1].start) and not is_title(words[i + 1].text):
                end, prev = t.end, "and"
            elif (glued := GLUED_WORDS.match(w)) is not None:
                end = t.start + glued.end("name")  # "Tân Phú nhiệm kỳ", "Hải Dương tặng": a name, then a glued word
                break
            elif w[:1].isupper() and (cut := STOP_SYLLABLE.search(w)):
                end = t.start + cut.start()  # "Hồ Chí Minh khóa": the segmenter glued the next word on
                if cut.group().strip() == "và" and i + 1 < len(words) and words[i + 1].text[:1].isupper() \
                        and not ORG_HEAD.match(text, words[i + 1].start):
                    end, prev = t.end, "and"  # "Thương binh và | Xã hội"
                    i += 1
                    continue
                break
            elif re.match(r"(?:và|&)\s+[^\W\d_]", w) and w.split()[1][:1].isupper() and prev == "cap":
                end, prev = t.end, "cap"  # "Nông nghiệp | và Phát triển nông thôn" (one word to the segmenter)
            elif w[:1].isupper() or CAP.fullmatch(w):
                if is_title(w) and prev != "and":
                    break
                # after "tỉnh"/"huyện" the gazetteer knows the places, so a name that is none is a person
                # ("Chủ tịch UBND tỉnh Lê Hải Hòa"); after "xã"/"phường" it does not know them
                if head not in NAMED_AFTER_PEOPLE and looks_like_person(w) and (
                        prev != "level" or (syllables(w) >= 3 and level in GAZETTEER_LEVELS)):
                    return end, (t.start, t.end)
                if prev in ("level", "head") and (split := self._place_then_person(words, i)) is not None:
                    return split  # "Huyện ủy | Tân Yên Dương | Đức Thảo": the segmenter joined place and surname
                if prev == "head" and head in CAPITAL_AFTER and w.islower():
                    break
                if in_place and not place_like(w):
                    # a place's words are capitalised: "Q.Tân | Phú họp" keeps "Phú", not the verb glued on
                    parts = w.split()
                    keep = 0
                    while keep < len(parts) and place_like(parts[keep]):
                        keep += 1
                    end = t.start + len(" ".join(parts[:keep])) if keep else end
                    break
                in_place = prev == "level" or bool(GLUED_PLACE.match(w))
                caps += 1
                # a head inside the name may take its own description: "Đảng ủy Bệnh viện đa khoa huyện ..."
                end, prev, prev_start = t.end, "head" if w in NEEDS_NAME else "cap", t.start
            elif w == "các" and i + 1 < len(words) and words[i + 1].text in ("cơ quan", "đoàn thể"):
                end, prev = words[i + 1].end, "link"  # "Đảng ủy Khối các cơ quan tỉnh Kon Tum"
                i += 2
                continue
            elif (prev == "head" or prev == "cap" and head in CAPITAL_AFTER) and (reach := reaches_place(
                    text, words, i, wide=MANAGEMENT.fullmatch(text[pos - len(head):end]) is not None)):
                # lower-case words that describe the body before its place: "Bệnh viện đa khoa huyện Gia
                # Viễn", "Ban bồi thường giải phóng mặt bằng Q.Tân Phú"
                reached = words[reach - 1].text in LEVEL_WORDS
                end, prev, level = words[reach - 1].end if reached else words[reach - 1].end, \
                    "level" if reached else "link", words[reach - 1].text
                described = True
                i = reach
                continue
            elif prev == "cap" and head in SUBJECT_HEADS and caps == 1 and (j := nouns_to_boundary(self.doc, words, i)):
                # "Chi cục Quản lý đất đai đối với ...", "Phòng Cảnh sát giao thông - Công an tỉnh": a unit named
                # by its field, of which only the first word is capitalised (the POS tagger says they are nouns)
                end = words[j - 1].end
                break
            elif prev in ("cap", "head") and head in NEEDS_NAME and (j := self._nouns_in_name(words, i)) is not None:
                # lower-case nouns inside a name, then more of it: "Phòng Tổ chức cán bộ Viện Kiểm sát ...",
                # "Nhà máy bia Heineken", "Trường Dạy nghề số 8" (the POS tagger says they are nouns)
                end, prev = words[j - 1].end, "cap"
                i = j
                continue
            else:
                break
            i += 1
        if prev == "and":  # a dangling "và"
            end = text.rfind(" ", 0, end)
        if head.startswith("Đảng") and FRONT.search(text, pos, end) and (more := MASS_ORGS.match(text, end)):
            end = more.end()  # "Đảng ủy Mặt trận Tổ quốc, các đoàn thể Trung ương": one party committee
        if head in CAPITAL_AFTER and end > pos and not text[pos:end].strip()[:1].isupper() and not described:
            return pos, None

        return end, None

    def _nouns_in_name(self, words: list[Token], i: int) -> int | None:
        """The index after lower-case nouns (up to three words) that go on to a capitalised part of
        the same name, or to "số" and a number; None when they do not, or the POS tagger calls one
        of them something else than a noun ("Ban Tổ chức kiểm tra Viện ...": "kiểm tra" is a verb)."""
        j = i
        while j < len(words) and j < i + 3 and words[j].text.islower() and words[j].text not in CLAUSE_WORDS \
                and words[j].text not in LEVEL_WORDS and not self.text[words[j - 1].end:words[j].start].strip():
            j += 1
        if j == i or j >= len(words) or self.text[words[j - 1].end:words[j].start].strip():
            return None
        number = words[j - 1].text == "số" and re.fullmatch(r"\d{1,3}", words[j].text)
        if not number and not (words[j].text[:1].isupper() and not is_title(words[j].text)
                               and not looks_like_person(words[j].text)
                               and not re.fullmatch(r"[IVXLC]+", words[j].text)):
            return None  # ("Đảng bộ TP.HCM | lần thứ | I": an ordinal, not more of the name)
        tags = self.doc.tagged_between(words[i].start, words[j - 1].end)
        if not tags or any(t.pos not in NOUN_TAGS for t in tags):
            return None
        return j + 1 if number else j

    def _place_then_person(self, words: list[Token], i: int) -> tuple[int, tuple[int, int]] | None:
        """A word the segmenter made of a place and a surname ("Tân Yên Dương" before "Đức Thảo"):
        the place's end and the person, when the gazetteer knows the place and the rest is a name."""
        parts = words[i].text.split()
        for k in range(len(parts) - 1, 0, -1):
            place, rest = " ".join(parts[:k]), parts[k:]
            if is_place(place) and rest[0] in SURNAMES:
                end = words[i].end
                j = i + 1
                while j < len(words) and not self.text[end:words[j].start].strip() and name_like(words[j].text) \
                        and len(rest) + syllables(words[j].text) <= 4:
                    rest += words[j].text.split()
                    end = words[j].end
                    j += 1
                if 2 <= len(rest) <= 4:
                    return words[i].start + len(place), (words[i].start + len(place) + 1, end)
        return None

    # -- PER ------------------------------------------------------------------------------

    def titled_people(self, *, collect: bool = False) -> None:
        """People named right after a title; with ``collect``, only remember their names."""
        text = self.text
        places = gazetteer_places()[1]
        for m in TITLE_RE.finditer(text):
            first = self.word_at(m.start())
            if first is None or first.end > m.end() + 1 or first.start < m.start() \
                    or (places is not None and places.match(text, m.start())):
                continue  # "Bà Rịa", "Hà Anh | Đức": the title is part of a name
            kin = m.group().lower() in KIN_TITLES  # "ông Vinh": a kin word is followed by no place
            names = [t for t in self.words_after(m.end()) if t.start >= m.end()]
            start = end = None
            count = 0
            for t in names:
                if text[end if end is not None else m.end():t.start].strip():
                    break
                if start is None and is_title(t.text):
                    continue  # "Phó Bí thư Thường trực ...": more of the title
                if not name_like(t.text) or is_title(t.text) or ORG_HEAD.fullmatch(t.text) \
                        or t.text in LEVEL_WORDS or is_place(t.text) and not kin:
                    break
                head = ORG_HEAD.match(text, t.start)
                if head is not None and head.end() > t.end:
                    break  # "Ban Thường trực | Ủy | ban Trung ương": a head the segmenter split, no name
                count += syllables(t.text)
                if count > 4:
                    break
                start = t.start if start is None else start
                end = t.end
            if start is not None:
                if collect:
                    self.people.add(text[start:end])
                else:
                    self.add("PER", start, end)


def find_entities(doc: Document) -> list[Entity]:
    finder = _Finder(doc)
    finder.titled_people(collect=True)
    finder.orgs()
    finder.titled_people()
    add_people(finder)
    add_places(finder)
    add_known_people(finder)
    return sorted(finder.found, key=lambda e: e.start)


@register("entities")
def entities(doc: Document, article: Article) -> list[Entity]:
    return find_entities(doc)
