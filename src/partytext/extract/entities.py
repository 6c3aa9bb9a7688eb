"""Named entities by pattern: party and state organisations (ORG), administrative places
(LOC, names from before the 2025 merger included) and people with their titles (PER).

The patterns anchor on the words that introduce a name ("Đảng bộ", "Ban Tổ chức",
"tỉnh", "huyện", "đồng chí", "Bí thư") and take the capitalised syllables after them.
underthesea's statistical NER is not used: it labels "Tỉnh ủy Gia Lai" a place, and costs
ten times the tokenizer.
"""

from __future__ import annotations

import re

from ..nlp import Document
from ..records import Article, Entity
from . import register

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"
NAME = rf"[{_UP}][\w’'-]*(?:\s+[{_UP}][\w’'-]*)*"
PLACE_KIND = r"(?:tỉnh|thành phố|TP\.|TP|Tp\.|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)"

# Organisations: a body's noun, an optional level, then its place or name.
ORG = re.compile(
    r"(?:Đảng bộ|Đảng ủy|Đảng uỷ|Chi bộ|Ban Chấp hành(?: Trung ương| Đảng bộ)?|Ban Thường vụ|"
    r"Ban Tổ chức|Ban Tuyên giáo(?: và Dân vận)?|Ban Dân vận|Ban Nội chính|Ban Kinh tế|"
    r"Ủy ban Kiểm tra|Uỷ ban Kiểm tra|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND|"
    r"Ủy ban Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|"
    r"Quận ủy|Quận uỷ|Thị ủy|Thị uỷ|Đảng ủy Khối|Bộ Chính trị|Ban Bí thư|Quốc hội|Chính phủ|"
    r"Bộ (?:Quốc phòng|Công an|Nội vụ|Tài chính|Ngoại giao|Tư pháp|Y tế|Giáo dục và Đào tạo))"
    rf"(?:\s+(?:Trung ương|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Thị ủy|Thành uỷ|Tỉnh uỷ|Huyện uỷ))?"
    rf"(?:\s+(?:{PLACE_KIND}\s*)?{NAME})?"
)
LOC = re.compile(rf"(?<![\w])(?:{PLACE_KIND})\s*(?:{NAME}|\d{{1,2}}(?!\d))")
# People: a title, then two to four capitalised syllables.
PER = re.compile(
    r"(?:đồng chí|Đồng chí|ông|Ông|bà|Bà|Tổng Bí thư|Chủ tịch nước|Thủ tướng|Bí thư|Phó Bí thư|Chủ tịch|"
    r"Phó Chủ tịch|Trưởng ban|Phó Trưởng ban|Đại tướng|Thượng tướng|Trung tướng|Thiếu tướng|Đại tá|"
    r"PGS\.?,? ?TS\.?|TS\.?|ThS\.?|GS\.?)"
    rf"\s+(?P<name>[{_UP}][\w]*(?:\s+[{_UP}][\w]*){{1,3}})"
)


def find_entities(text: str) -> list[Entity]:
    out: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        while end > start and text[end - 1] in " ,.;:":
            end -= 1
        if any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        out.append(Entity(type=kind, text=text[start:end], start=start, end=end))

    for m in PER.finditer(text):
        add("PER", m.start(), m.end())
    for m in ORG.finditer(text):
        add("ORG", m.start(), m.end())
    for m in LOC.finditer(text):
        add("LOC", m.start(), m.end())
    out.sort(key=lambda e: e.start)
    return out


@register("entities")
def entities(doc: Document, article: Article) -> list[Entity]:
    return find_entities(doc.text)
