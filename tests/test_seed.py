"""The seed article end to end: the record must equal its gold annotation exactly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import partytext as pt
from partytext.evaluate import score_record


@pytest.fixture(scope="module")
def seed(seed_path):
    return pt.extract(seed_path.read_text(encoding="utf-8"), source=str(seed_path))


@pytest.fixture(scope="module")
def gold(seed_path):
    return json.loads(seed_path.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_field_matches_the_gold_exactly(seed, gold):
    result = score_record(gold, seed)
    for name, score in result.scores.items():
        assert (score.fp, score.fn) == (0, 0), f"{name}: {result.to_dict()}"
    for name, acc in result.accuracy.items():
        assert acc.correct == acc.total, f"{name}: {result.to_dict()}"


def test_the_sixteen_figures_in_order(seed, gold):
    got = [(f.value, f.kind, f.qualifier) for f in seed.figures]
    want = [(g["value"], g["kind"], g["qualifier"]) for g in gold["figures"]]
    assert got == want


def test_breakdown_points_at_the_total(seed):
    by_value = {f.value: f for f in seed.figures}
    total = by_value[248]
    for part in (165, 41, 42):
        assert seed.figures[by_value[part].part_of] is total


def test_three_points_with_their_whole_text_and_no_leftovers(seed, seed_path):
    assert [p.ordinal for p in seed.points] == [1, 2, 3]
    assert [p.marker for p in seed.points] == ["Một là,", "Hai là,", "Ba là,"]
    last = seed.points[-1]
    assert last.text.endswith("gắn với công tác tạo nguồn cán bộ kế cận cho cơ sở.")
    for leftover in ("Phản hồi", "Các tin khác", "Mới nhất", "Xem nhiều nhất"):
        assert leftover not in last.text
    assert seed.points[0].heading and "giải pháp" in seed.points[0].heading


def test_year_term_and_congress(seed):
    assert [d.value for d in seed.dates] == ["2006"]
    assert [(p.start_year, p.end_year, p.kind) for p in seed.periods] == [(2010, 2015, "term")]
    assert [(e.kind, e.ordinal) for e in seed.events] == [("congress", 10)]


def test_every_offset_holds(seed):
    seed.check_offsets()


def test_cli_jsonl_matches_gold(seed_path, gold):
    out = subprocess.run([sys.executable, "-m", "partytext", "extract", str(seed_path), "--format", "jsonl"],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    record = pt.Record.from_json(lines[0])
    result = score_record(gold, record)
    assert all((s.fp, s.fn) == (0, 0) for s in result.scores.values())
