"""Shared fixtures. Area-specific fixtures live beside their tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = ROOT.parent / "shared"
RAW = SHARED / "corpora-raw"


@pytest.fixture(scope="session", autouse=True)
def relevance_indexes_in_a_temporary_folder():
    """PostgreSQL archives keep their relevance index under $PARTYTEXT_INDEX_DIR (default
    ~/.cache/partytext/tantivy): the suite, and the processes it starts, use a folder of its own."""
    if os.environ.get("PARTYTEXT_INDEX_DIR"):
        yield
        return
    folder = tempfile.mkdtemp(prefix="partytext-index-")
    os.environ["PARTYTEXT_INDEX_DIR"] = folder
    yield
    os.environ.pop("PARTYTEXT_INDEX_DIR", None)
    shutil.rmtree(folder, ignore_errors=True)


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
