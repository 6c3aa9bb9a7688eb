"""The gold corpus scores at least its pinned floors (corpora/gold/floors.json).

Floors are raised, never silently lowered: raising one is a commit of its own when the
extractors improve; lowering one needs a commit that says why. This test runs the real
pipeline (underthesea and all extractors) over every gold pair.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partytext.evaluate import evaluate

GOLD = Path(__file__).resolve().parent.parent / "corpora" / "gold"


@pytest.fixture(scope="module")
def floors() -> dict[str, float]:
    data = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@pytest.fixture(scope="module")
def report():
    return evaluate(GOLD)


def test_floors_cover_every_scored_measure(floors, report):
    scored = {name for name, value in report.scores().items() if value is not None}
    assert scored <= set(floors), f"measures without a floor: {sorted(scored - set(floors))}"
    assert all(0.0 <= v <= 1.0 for v in floors.values())


def test_gold_scores_meet_their_floors(floors, report):
    failures = report.below(floors)
    assert not failures, "below floor: " + "; ".join(failures)
