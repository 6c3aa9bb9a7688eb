"""Extraction on real articles (../shared/corpora-raw; skipped when it is absent)."""

from __future__ import annotations

import unicodedata

import pytest

import partytext as pt
from partytext.inputs import read_article


@pytest.fixture(scope="module")
def real_records(raw_corpus):
    files = sorted((raw_corpus / "party_strong").glob("*.txt")) + sorted((raw_corpus / "party_related").glob("*.txt"))[:100]
    files += [raw_corpus / "party_related" / n for n in ("21486298.txt", "22345128.txt", "22298501.txt")]
    files.append(raw_corpus / "edge_cases" / "22652214.txt")
    return {f.relative_to(raw_corpus).as_posix(): pt.extract(read_article(str(f)), source=str(f)) for f in files}


def test_offsets_and_nfc_hold_on_every_real_article(real_records):
    assert len(real_records) > 200
    for name, rec in real_records.items():
        rec.check_offsets()
        assert unicodedata.is_normalized("NFC", rec.article.text), name
        for f in rec.figures:
            assert f.kind == "percent" or f.unit, (name, f)
            assert not (f.kind == "count" and 1900 <= f.value <= 2100 and f.unit and f.unit.startswith("năm")), (name, f)


def test_discipline_report_counts(real_records):
    rec = real_records["party_strong/21491189.txt"]
    got = [(f.value, f.unit) for f in rec.figures]
    assert (796, "tổ chức đảng") in got and (1256, "đảng viên") in got
    words = [f for f in rec.figures if f.text in ("một tổ chức đảng", "chín đảng viên")]
    assert {(f.value, f.text) for f in words} == {(1, "một tổ chức đảng"), (9, "chín đảng viên")}


def test_achieved_over_target_and_nested_breakdown(real_records):
    rec = real_records["party_strong/21485841.txt"]
    ratios = [(f.value, f.high, f.unit) for f in rec.figures if f.kind == "ratio"]
    assert (195, 160, "đảng viên") in ratios and (60, 80, "đảng viên") in ratios
    parent = next(i for i, f in enumerate(rec.figures) if f.kind == "ratio" and f.value == 60)
    assert [f.value for f in rec.figures if f.part_of == parent] == [21, 39]


def test_two_series_the_second_lowercase_after_a_colon(real_records):
    rec = real_records["party_related/21486298.txt"]
    assert [(p.list, p.ordinal, p.marker) for p in rec.points] == [
        (0, 1, "Một là,"), (0, 2, "Hai là,"), (1, 1, "một là,"), (1, 2, "Hai là,"), (1, 3, "Ba là,")]
    assert "bài học" in rec.points[2].heading
    assert "Kim Anh/VOV" not in rec.points[-1].text


def test_four_solutions_with_a_glued_caption(real_records):
    rec = real_records["party_related/22345128.txt"]
    first = [p for p in rec.points if p.list == 0]
    assert [p.marker for p in first] == ["Thứ nhất,", "Thứ hai,", "Thứ ba là", "Thứ tư,"]
    assert "Nguyên Bộ trưởng" not in first[2].text  # the caption glued before "Thứ tư" is cut


def test_the_non_nfc_file_comes_out_nfc(real_records):
    rec = real_records["edge_cases/22652214.txt"]
    assert unicodedata.is_normalized("NFC", rec.article.text)
