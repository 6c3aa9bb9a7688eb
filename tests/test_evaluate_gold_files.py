"""The gold corpora are well formed: every annotation parses, names valid kinds, and points at
words that really are in its text (so a typo in a gold file fails here, not as a lower score)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from partytext.gold import check_gold, find_gold_pairs
from partytext.normalize import casefold_key

ROOT = Path(__file__).resolve().parent.parent
SETS = {"gold": (ROOT / "corpora" / "gold", 44), "heldout": (ROOT / "corpora" / "heldout", 10)}
# The one file written in NFD on purpose (decomposed marks must not change any score).
NFD_FILES = {"gold/nfd_binh_thuan_2012.txt"}


def key(text: str) -> str:
    return re.sub(r"\s+", " ", casefold_key(unicodedata.normalize("NFC", text)))


def pairs(name):
    return find_gold_pairs(SETS[name][0])


@pytest.mark.parametrize("name", sorted(SETS))
def test_enough_pairs_and_no_orphans(name):
    folder, minimum = SETS[name]
    found = pairs(name)
    assert len(found) >= minimum, f"{folder} has {len(found)} gold pairs, needs {minimum}"
    texts = {p.stem for p in folder.glob("*.txt")}
    golds = {p.stem for p in folder.glob("*.json")} - {"floors"}
    assert texts == golds, f"texts without gold: {texts - golds}; gold without text: {golds - texts}"


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_gold_file_is_valid_and_complete(name):
    for pair in pairs(name):
        data = json.loads(pair.gold_path.read_text(encoding="utf-8"))
        assert check_gold(data) == [], pair.gold_path
        for field in ("figures", "points", "references", "dates", "periods", "events"):
            assert field in data, f"{pair.gold_path} should annotate {field!r} (an empty list when there is none)"


@pytest.mark.parametrize("name", sorted(SETS))
def test_annotations_point_at_words_in_the_text(name):
    for pair in pairs(name):
        raw = pair.text_path.read_text(encoding="utf-8")
        rel = f"{name}/{pair.text_path.name}"
        assert unicodedata.is_normalized("NFC", raw) != (rel in NFD_FILES), f"{rel}: unexpected normalisation"
        text = key(raw)
        words = len(raw.split())
        assert 120 <= words <= 600, f"{rel} has {words} words"
        gold = pair.gold
        for f in gold["figures"]:
            for attr in ("unit", "subject"):
                if f.get(attr):
                    assert key(f[attr]) in text, f"{rel}: figure {attr} {f[attr]!r} is not in the text"
        for p in gold["points"]:
            assert key(p["starts"]) in text, f"{rel}: point start {p['starts']!r} is not in the text"
            for attr in ("heading", "ends"):
                if p.get(attr):
                    assert key(p[attr]) in text, f"{rel}: point {attr} {p[attr]!r} is not in the text"
        for r in gold["references"]:
            assert key(r["symbol"]).replace(" ", "") in text.replace(" ", ""), f"{rel}: {r['symbol']} not in text"
        # Points count from 1 within each list and go up by one.
        previous = 0
        for p in gold["points"]:
            assert p["ordinal"] in (1, previous + 1), f"{rel}: point ordinals jump to {p['ordinal']}"
            previous = p["ordinal"]
        # part_of names the value of a figure annotated in the same file.
        values = {float(f["value"]) for f in gold["figures"]}
        for f in gold["figures"]:
            if f.get("part_of") is not None:
                assert float(f["part_of"]) in values, f"{rel}: part_of {f['part_of']} is not a figure value"


def test_gold_and_heldout_do_not_share_texts():
    gold = {p.text_path.read_text(encoding="utf-8")[:200] for p in pairs("gold")}
    held = {p.text_path.read_text(encoding="utf-8")[:200] for p in pairs("heldout")}
    assert not gold & held
