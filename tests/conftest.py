"""Shared fixtures. Area-specific fixtures live beside their tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
RAW = SHARED / "corpora-raw"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return CORPORA / "seed" / "pleiku.txt"


@pytest.fixture(scope="session")
def raw_corpus() -> Path:
    """The real articles of ../shared/corpora-raw; tests that need them skip without them."""
    path = RAW / "baomoi-news-magizbox"
    if not path.is_dir():
        pytest.skip("../shared/corpora-raw is absent (real articles are not shipped with partytext)")
    return path
