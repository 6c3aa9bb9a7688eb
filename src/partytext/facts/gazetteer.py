"""Vietnam's administrative units before and after the 1 July 2025 merger, read from the
``vietnamadminunits`` package (its SQLite dataset and its 63 → 34 province mapping).

Nothing here is typed by hand except a few ways of *writing* names that the dataset keys
only without diacritics ("TP.HCM", "Sài Gòn"). The package is read, not imported: its
``__init__`` loads several megabytes of parser tables that partytext does not need, so the
dataset file and the mapping are located with :func:`importlib.util.find_spec`.

* :class:`Province`: a 63-province unit (``legacy``) or a 34-province unit (2025), with its
  official code and the dataset's coordinates;
* :class:`District`: a pre-2025 district (huyện, quận, thị xã, thành phố thuộc tỉnh);
* :class:`Gazetteer`: the lookups; :func:`gazetteer` returns the one shared, read-only
  instance.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import PartytextError
from ..normalize import fold

log = logging.getLogger(__name__)

PACKAGE = "vietnamadminunits"

# Ways of writing a province that the dataset does not spell out (it keys aliases without
# diacritics): legacy full name -> extra spellings.
EXTRA_SPELLINGS = {
    "Thành phố Hồ Chí Minh": ("TP. Hồ Chí Minh", "TP.Hồ Chí Minh", "TP Hồ Chí Minh", "TP.HCM", "TP. HCM",
                              "TPHCM", "TP HCM", "Sài Gòn", "thành phố Hồ Chí Minh"),
    "Huế": ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế"),  # a city since 1 January 2025
    "Bà Rịa - Vũng Tàu": ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu"),
    "Đắk Lắk": ("Đắc Lắc", "Dak Lak"),
    "Đắk Nông": ("Đắc Nông",),
}


# What is read from the package's dataset (tables admin_units_legacy: 63 provinces, their
# districts and communes; admin_units: 34 provinces and their communes).
QUERIES = {
    "legacy": "SELECT DISTINCT province, provinceCode, provinceLat, provinceLon, provinceKey FROM admin_units_legacy",
    "current": "SELECT DISTINCT province, provinceCode, provinceLat, provinceLon, provinceKey FROM admin_units",
    "districts": "SELECT DISTINCT districtShort, districtType, districtCode, province FROM admin_units_legacy"
                 " WHERE districtCode IS NOT NULL",
    "wards": "SELECT wardShort, wardType, wardCode, districtShort, province FROM admin_units_legacy"
             " WHERE wardCode IS NOT NULL",
    "wards_2025": "SELECT wardShort, wardType, wardCode, province FROM admin_units WHERE wardCode IS NOT NULL",
}


@dataclass(frozen=True, slots=True)
class Province:
    name: str            # "Yên Bái", "Thừa Thiên Huế", "Thành phố Hồ Chí Minh"
    code: str            # official code, "15"
    lat: float
    lon: float
    legacy: bool         # True: one of the 63 units before 1 July 2025


@dataclass(frozen=True, slots=True)
class District:
    name: str            # "Pleiku", "Trấn Yên"
    kind: str            # "Huyện" | "Quận" | "Thị xã" | "Thành phố"
    code: str
    province: str        # legacy province name


def _name(full: str) -> str:
    """A province's name without its level word ("Tỉnh Yên Bái" → "Yên Bái"); the city of
    Hồ Chí Minh keeps "Thành phố" (alone, "Hồ Chí Minh" is far more often the person)."""
    for prefix in ("Tỉnh ", "Thành phố "):
        if full.startswith(prefix) and "Hồ Chí Minh" not in full:
            return full[len(prefix):]
    return full


def _data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PartytextError(f"The gazetteer package {PACKAGE!r} is not installed: pip install 'partytext' "
                             f"(or pip install 'vietnamadminunits==1.0.4')")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


class Gazetteer:
    """Provinces (legacy and 2025), legacy districts, and the merger mapping."""

    def __init__(self, data_dir: Path | None = None) -> None:
        data_dir = data_dir or _data_dir()
        conn = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
        try:
            rows = {name: conn.execute(sql).fetchall() for name, sql in QUERIES.items()}
        finally:
            conn.close()
        legacy_rows, new_rows = rows["legacy"], rows["current"]
        district_rows, ward_rows, ward_rows_2025 = rows["districts"], rows["wards"], rows["wards_2025"]
        mapping = json.loads((data_dir / "converter_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
        legacy_by_key = {key: Province(_name(full), code, lat, lon, True)
                         for full, code, lat, lon, key in legacy_rows}
        new_by_key = {key: Province(_name(full), code, lat, lon, False) for full, code, lat, lon, key in new_rows}
        #: legacy province name -> Province (63)
        self.legacy: dict[str, Province] = {p.name: p for p in legacy_by_key.values()}
        #: the centrally governed cities among them (Hà Nội, Đà Nẵng, ...)
        self.cities = frozenset(_name(full) for full, *_ in legacy_rows if full.startswith("Thành phố"))
        #: 2025 province name -> Province (34)
        self.current: dict[str, Province] = {p.name: p for p in new_by_key.values()}
        #: legacy province name -> the 2025 province it lies in
        self.merged_into: dict[str, str] = {}
        for new_key, old_keys in mapping.items():
            for old_key in old_keys:
                self.merged_into[legacy_by_key[old_key].name] = new_by_key[new_key].name
        missing = set(self.legacy) - set(self.merged_into)
        if missing or len(self.legacy) != 63 or len(self.current) != 34:
            raise PartytextError(f"The {PACKAGE} dataset is not the expected 63 → 34 provinces "
                                 f"({len(self.legacy)} → {len(self.current)}, unmapped {sorted(missing)}): "
                                 "install the pinned version (see pyproject.toml)")
        #: legacy district name -> its districts (one name can name several)
        self.districts: dict[str, list[District]] = defaultdict(list)
        for short, kind, code, province in district_rows:
            self.districts[short].append(District(short, kind, code, _name(province)))
        #: legacy commune name -> (kind, code, district, legacy province) of each commune so named
        self.wards: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for short, kind, code, district, province in ward_rows:
            self.wards[short].append((kind, code, district, _name(province)))
        #: 2025 commune name -> (kind, code, 2025 province) of each commune so named
        self.wards_2025: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for short, kind, code, province in ward_rows_2025:
            self.wards_2025[short].append((kind, code, _name(province)))
        #: every spelling of a province (legacy or 2025) -> legacy name, or 2025 name for "Huế"
        self.spellings: dict[str, str] = {}
        for name in self.legacy:
            self.spellings[name] = name
            for extra in EXTRA_SPELLINGS.get(name, ()):
                self.spellings[extra] = name
        for name in self.current:
            self.spellings.setdefault(name, name)

    # -- lookups ------------------------------------------------------------------------

    def resolve(self, name: str) -> str | None:
        """The gazetteer's spelling of a province typed by a user or an annotator, legacy or
        2025 ("yen bai", "TP.HCM", "Huế" → "Huế"), or None."""
        key = _key(name)
        folded = self._folded()
        for prefix in ("tinh ", "thanh pho ", "tp "):
            if key.startswith(prefix) and key[len(prefix):] in folded:
                key = key[len(prefix):]
        if key not in folded and "thanh pho " + key in folded:  # "Hồ Chí Minh" typed as a place
            key = "thanh pho " + key
        return folded.get(key)

    @cache
    def _folded(self) -> dict[str, str]:
        out = {}
        for spelling, name in self.spellings.items():
            out.setdefault(_key(spelling), name)
            out.setdefault(_key(spelling).replace(" ", ""), name)
        return out

    def to_2025(self, name: str) -> str | None:
        """The 2025 province of a province name (legacy or 2025), or None."""
        real = self.resolve(name)
        if real is None:
            return None
        if real in self.merged_into:
            return self.merged_into[real]
        return real if real in self.current else None

    def legacy_of_2025(self, name: str) -> list[str]:
        """The legacy provinces that make up a 2025 province."""
        current = self.to_2025(name)
        return sorted(old for old, new in self.merged_into.items() if new == current)

    def place(self, legacy_province: str, district: District | None = None) -> dict[str, str | None]:
        """The ``place`` value of a figure for a legacy province (and district)."""
        prov = self.legacy[legacy_province]
        return {"province": self.merged_into[legacy_province], "province_legacy": legacy_province,
                "district_legacy": district.name if district else None,
                "code": district.code if district else prov.code}

    def coordinates(self, name: str, admin: str = "2025") -> tuple[float, float] | None:
        """(lat, lon) of a province in the given administrative map ("2025" or "legacy")."""
        table = self.current if admin == "2025" else self.legacy
        real = self.to_2025(name) if admin == "2025" else self.resolve(name)
        prov = table.get(real or "")
        return (prov.lat, prov.lon) if prov else None


def _key(name: str) -> str:
    return " ".join(fold(name).lower().replace(".", " ").replace("-", " ").replace("–", " ").split())


@cache
def gazetteer() -> Gazetteer:
    """The shared gazetteer (read once per process)."""
    return Gazetteer()
