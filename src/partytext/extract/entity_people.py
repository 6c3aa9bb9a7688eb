"""People (PER) the title rule of :mod:`.entities` does not reach: the photographer of a photo
credit ("Ảnh: Xuân Lâm", "Ảnh: LÊ PHI", "(Ảnh: Trí Dũng/TTXVN)"), "Bác Hồ", the name by which
the press calls Hồ Chí Minh (PER "Hồ", the kin word left out as for "ông Tuấn"), every later
mention of a name already found, and names of three or four words that open with a surname.
"""

from __future__ import annotations

import re

from .entity_words import ORG_HEAD, SURNAMES, UP, is_place, looks_like_person, name_like, syllables

# An upper-case syllable ("LÊ", "PHI"): credits are often set in capitals.
_CAPS = rf"[{UP}]+"
CREDIT = re.compile(rf"(?<![\w])(?:Ảnh|ẢNH)\s*:\s*(?=[{UP}])")
CAPS_NAME = re.compile(rf"{_CAPS}(?:\s+{_CAPS}){{1,3}}(?![\w])")
UNCLE_HO = re.compile(r"(?<![\w])Bác Hồ(?![\w])")


def _credit_name(finder, start: int) -> int | None:
    """The end of the photographer's name that starts at ``start``, or None."""
    caps = CAPS_NAME.match(finder.text, start)
    if caps is not None:
        return caps.end() if syllables(caps.group()) <= 3 and not ORG_HEAD.fullmatch(caps.group()) else None
    word = finder.word_at(start)
    if word is None or word.start != start or not name_like(word.text) or is_place(word.text) \
            or ORG_HEAD.match(finder.text, start):
        return None
    n = syllables(word.text)
    if n == 2 or 3 <= n <= 4 and word.text.split()[0] in SURNAMES:
        return word.end  # "Xuân Lâm", "Phạm Kiên"; "Đại Đoàn Kết" (a paper) opens with no surname
    return None


def add_people(finder) -> None:
    """Add photographers of photo credits and "Bác Hồ" where no entity stands yet (``finder`` is
    an :class:`~partytext.extract.entities._Finder`)."""
    for m in CREDIT.finditer(finder.text):
        end = _credit_name(finder, m.end())
        if end is not None:
            finder.add("PER", m.end(), end)
    for m in UNCLE_HO.finditer(finder.text):
        finder.add("PER", m.start() + 4, m.end())


def add_known_people(finder) -> None:
    """Every later mention of a full name already found, and surname-led names."""
    text = finder.text
    names = {e.text for e in finder.found if e.type == "PER" and syllables(e.text) >= 2} | {"Hồ Chí Minh"}
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            finder.add("PER", m.start(), m.end())
    for m in re.finditer(rf"(?<![\w])[{UP}]\w*(?:\s+[{UP}]\w*){{2,3}}(?![\w])", text):
        if m.group().split()[0] in SURNAMES and finder.free(m.start(), m.end()):
            word = finder.word_at(m.start())
            if word is not None and word.start == m.start() and word.end == m.end() and looks_like_person(word.text):
                finder.add("PER", word.start, word.end)
