"""The places an article names, resolved to administrative units with the gazetteer.

A province name counts when written with its capitals ("Hòa Bình" the province, not "hòa
bình" peace), at word boundaries, and not as the start of a longer name ("Điện Biên Phủ")
or a street ("đường Lào Cai"). A district counts when its level word introduces it
("huyện Trấn Yên", "TP. Pleiku", "Huyện ủy Chư Prông") or, written bare, when its name is
unique in the country and its province is named in the same article.

Ambiguous names are resolved by the article or dropped, never guessed:

* a district name shared by several provinces ("huyện Châu Thành") takes the province the
  article names; when it names none of them (or several), the mention is dropped;
* a bare name that is both a province and a district of another province ("Quảng Ninh",
  a district of Quảng Bình) is the district when the article names that other province,
  else the province;
* "thành phố X" is the district-level city X when one exists ("thành phố Yên Bái"), else
  the province-level city ("thành phố Đà Nẵng").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..normalize import canonical, fold
from ..records import Place
from .gazetteer import District, Gazetteer, gazetteer

_UP = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ"

#: Level words before a name: province, district, or either ("thành phố").
PROVINCE_WORD = r"(?:[tT]ỉnh(?:\s+ủy|\s+uỷ)?|Đảng bộ tỉnh)"
DISTRICT_WORD = r"(?:[hH]uyện(?:\s+ủy|\s+uỷ)?|[qQ]uận(?:\s+ủy|\s+uỷ)?|[tT]hị xã|[tT]hị\s+ủy|[tT]hị\s+uỷ)"
CITY_WORD = r"(?:[tT]hành phố|TP\.?|Tp\.?|[tT]hành\s+ủy|[tT]hành\s+uỷ)"

# A name that continues after the match is another name ("Điện Biên Phủ", "Thái Bình Dương").
_CONTINUES = re.compile(rf"\s+[{_UP}]")
# Streets and squares named after provinces.
_STREET = re.compile(r"(?:đường|(?<![hH]ành )phố|Đường|Phố|ngõ|Ngõ|số)\s*$")


# A commune, ward or township: "xã Tứ Cường", "Phường Quy Nhơn", "thị trấn Cốc Lầu 2".
COMMUNE = re.compile(rf"(?<![\w])(?P<kw>[xX]ã|[pP]hường|[tT]hị trấn)\s+(?P<name>[{_UP}][\w]*(?:\s+[{_UP}][\w]*){{0,3}})")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    level: str          # "province" | "district" | "city" (word "thành phố"/"TP.") | "bare" | "commune"
    name: str           # the name as matched (gazetteer spelling)


@cache
def _pattern() -> re.Pattern[str]:
    """Every province and district name; a name starts with a capital, which the lookahead
    checks first, so the long alternation is only tried where a capital starts a word."""
    g = gazetteer()
    names = (set(g.spellings) | set(g.districts) | {CITY_ONLY}) - {n for n in g.spellings if not n[:1].isupper()}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?=[{_UP}])(?P<name>{alternatives})(?![\w])")


# The level word right before a name (looked for in the few characters before it).
_LEVEL = re.compile(rf"(?:(?P<pw>{PROVINCE_WORD})|(?P<dw>{DISTRICT_WORD})|(?P<cw>{CITY_WORD}))\s*$")
#: Written alone, "Hồ Chí Minh" is the person; after "thành phố"/"TP." it is the city.
CITY_ONLY = "Hồ Chí Minh"


def mentions(text: str) -> list[Mention]:
    """Every name of a province, district or commune in ``text`` with the level word before it."""
    canon = canonical(text)
    if len(canon) != len(text):  # tone placement never changes the length; keep offsets safe
        canon = text
    out = []
    communes = [Mention(m.start("name"), m.end("name"), "commune", m.group("name")) for m in COMMUNE.finditer(canon)]
    for m in _pattern().finditer(canon):
        start, end = m.span("name")
        level_match = _LEVEL.search(canon, max(0, start - 16), start)
        groups = level_match.groupdict() if level_match else {}
        bare = not any(groups.values())
        if bare and (_CONTINUES.match(canon, end) or _STREET.search(canon, max(0, start - 8), start)):
            continue
        level = "province" if groups.get("pw") else "district" if groups.get("dw") else "city" if groups.get("cw") else "bare"
        name = m.group("name")
        if name == CITY_ONLY:
            if level != "city":
                continue
            name = "TP. Hồ Chí Minh"
        if bare and any(c.start <= start < c.end for c in communes):
            continue  # "xã Trấn Yên" is a commune, resolved as one
        out.append(Mention(start, end, level, name))
    out += communes
    out.sort(key=lambda m: m.start)
    return out


def site_province(site: str | None) -> str | None:
    """A province whose name is part of the site's host ("baogialai.com.vn" → Gia Lai)."""
    if not site:
        return None
    compact = fold(site).lower()
    found = [name for name in gazetteer().legacy
             if len(name) > 4 and fold(name).lower().replace(" ", "").replace("-", "") in compact]
    return found[0] if len(found) == 1 else None


class Resolver:
    """Resolves one article's mentions; the article's sure provinces settle ambiguity."""

    def __init__(self, text: str, site: str | None = None, published: str | None = None) -> None:
        self.g: Gazetteer = gazetteer()
        self.text = text
        self.published = published
        self.raw = mentions(text)
        sure = Counter()
        for m in self.raw:
            prov = self._sure_province(m)
            if prov:
                sure[prov] += 1
        self.site = site_province(site)
        if self.site:
            sure[self.site] += 1
        self.context = sure

    def _sure_province(self, m: Mention) -> str | None:
        name = self.g.spellings.get(m.name)
        if name is None:
            return None
        if m.level == "province":
            return name if name in self.g.legacy else self._legacy_for_2025(name)
        if m.level == "bare" and not self._district_elsewhere(m.name, name):
            return name if name in self.g.legacy else self._legacy_for_2025(name)
        return None

    def _legacy_for_2025(self, name: str) -> str | None:
        olds = self.g.legacy_of_2025(name)
        return olds[0] if len(olds) == 1 else None

    def _district_elsewhere(self, spelled: str, province: str) -> list[District]:
        return [d for d in self.g.districts.get(spelled, ()) if d.province != province]

    def _pick_district(self, candidates: list[District]) -> District | None:
        if len(candidates) == 1:
            return candidates[0]
        named = [d for d in candidates if self.context.get(d.province)]
        return named[0] if len(named) == 1 else None

    def commune(self, m: Mention) -> dict[str, str | None] | None:
        """The place of a commune mention, or None when unsure. The legacy commune of that
        name and the 2025 one are looked up (the longest known prefix of the name counts);
        when the article names provinces, the one that lies in them wins and none of them
        means unsure; otherwise the 2025 commune for articles published since 1 July 2025,
        else the legacy one. A name shared by several communes needs the article's provinces."""
        words = m.name.split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            old, new = self._legacy_commune(name), self._current_commune(name)
            if old is None and new is None:
                continue
            choices = [c for c in (old, new) if c and c != "ambiguous"]
            if self.context:
                fits = [c for c in choices if self.context.get(c["province_legacy"])
                        or any(self.g.merged_into[p] == c["province"] for p in self.context)]
                return fits[0] if fits else None
            if not choices:
                return None
            recent = (self.published or "") >= "2025-07"
            return (new if recent and new not in (None, "ambiguous") else choices[0])
        return None

    def _legacy_commune(self, name: str):
        found = self.g.wards.get(name, [])
        if len(found) > 1:
            found = [w for w in found if self.context.get(w[3])]
            if len(found) != 1:
                return "ambiguous"
        if not found:
            return None
        kind, code, district, province = found[0]
        return {"province": self.g.merged_into[province], "province_legacy": province,
                "district_legacy": district, "code": code}

    def _current_commune(self, name: str):
        g = self.g
        found = g.wards_2025.get(name, [])
        if len(found) > 1:
            found = [w for w in found if any(g.merged_into[p] == w[2] for p in self.context)]
            if len(found) != 1:
                return "ambiguous"
        if not found:
            return None
        _, code, province = found[0]
        olds = g.legacy_of_2025(province)
        # the legacy province: the only one of the new province, the one the commune's name
        # comes from ("xã Trấn Yên" lies in the old Trấn Yên district), or the one the article names
        named = [d.province for d in g.districts.get(name, []) if g.merged_into[d.province] == province]
        in_context = [p for p in olds if self.context.get(p)]
        old = olds[0] if len(olds) == 1 else named[0] if len(named) == 1 else (
            in_context[0] if len(in_context) == 1 else None)
        if old is None:
            return "ambiguous"
        return {"province": province, "province_legacy": old, "district_legacy": None, "code": code}

    def resolve(self, m: Mention) -> tuple[str, District | None] | None:
        """(legacy province, district or None) of one mention, or None when unsure."""
        g = self.g
        province = g.spellings.get(m.name)
        districts = g.districts.get(m.name, [])
        if m.level == "district":
            kinds = [d for d in districts if d.kind != "Thành phố"] or districts
            d = self._pick_district(kinds)
            return (d.province, d) if d else None
        if m.level == "city":
            cities = [d for d in districts if d.kind == "Thành phố"]
            d = self._pick_district(cities) if cities else None
            if d:
                return d.province, d
            if province and (province not in g.legacy or province in g.legacy):
                return self._province(province)
            return None
        if province is None:  # a bare district name: unique, and its province named in the article
            if len(districts) == 1 and self.context.get(districts[0].province):
                return districts[0].province, districts[0]
            return None
        if m.level == "bare":
            other = self._district_elsewhere(m.name, province)
            named = [d for d in other if self.context.get(d.province)]
            if len(named) == 1:
                return named[0].province, named[0]
        return self._province(province)

    def _province(self, name: str) -> tuple[str, None] | None:
        if name in self.g.legacy:
            return name, None
        legacy = self._legacy_for_2025(name)  # "Huế" (2025) was Thừa Thiên Huế
        return (legacy, None) if legacy else None

    def places(self) -> list[Place]:
        out = []
        for m in self.raw:
            if m.level == "commune":
                place = self.commune(m)
                if place:
                    out.append(Place(text=self.text[m.start:m.start + len(m.name)], start=m.start,
                                     end=m.start + len(m.name), **place))
                continue
            found = self.resolve(m)
            if not found:
                continue
            province, district = found
            place = self.g.place(province, district)
            out.append(Place(text=self.text[m.start:m.end], start=m.start, end=m.end, **place))
        return out

    def main_province(self, title: str | None, lead: str | None = None) -> str | None:
        """The province the article is about: the one its title names, else the one its
        lead names, else the site's, else the only province it names, named at least twice;
        else None (an article that names a province once in passing is not about it)."""
        places = self.places()
        for part in (title, lead):
            if part and (at := self.text.find(part)) >= 0:
                named = {p.province_legacy for p in places if at <= p.start and p.end <= at + len(part)}
                if len(named) == 1:
                    return named.pop()
        if self.site:
            return self.site
        counts = Counter(p.province_legacy for p in places)
        national = title is not None and re.search(r"Trung ương|[tT]oàn quốc|[cC]ả nước|[tT]oàn Đảng", title)
        if len(counts) == 1 and sum(counts.values()) >= 2 and not national:
            return next(iter(counts))
        return None


def place_dict(place: Place) -> dict[str, str | None]:
    return {"province": place.province, "province_legacy": place.province_legacy,
            "district_legacy": place.district_legacy, "code": place.code}
