"""The supported site profiles and their status: where the selectors come from, whether
they were checked against real pages, and whether they still pass their saved pages.

Saved pages live in ``corpora/sites/<site>/NAME.html`` beside ``NAME.json``, the expected
article fields (``url``, ``title``, ``lead``, ``author``, ``published``, ``text``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from ..errors import PartytextError
from .html import article_from_html
from .profiles import SITES, SiteProfile

log = logging.getLogger(__name__)

CHECKED_FIELDS = ("url", "site", "title", "lead", "author", "published", "text")


def check_site(profile: SiteProfile, directory: str | Path) -> tuple[int, list[str]]:
    """(pages checked, problems) for one profile's saved pages under ``directory/<name>/``."""
    folder = Path(directory) / profile.name
    problems: list[str] = []
    pages = sorted(folder.glob("*.html"))
    for html_path in pages:
        expected_path = html_path.with_suffix(".json")
        if not expected_path.is_file():
            problems.append(f"{html_path.name}: no expected output {expected_path.name}")
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        try:
            article = article_from_html(html_path.read_bytes(), url=expected.get("url"))
        except PartytextError as exc:
            problems.append(f"{html_path.name}: {exc}")
            continue
        got = article.to_dict()
        for name in CHECKED_FIELDS:
            if name in expected and got.get(name) != expected[name]:
                problems.append(f"{html_path.name}: {name} is {got.get(name)!r}, expected {expected[name]!r}")
    return len(pages), problems


def list_sources(saved_pages: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per supported site profile. With ``saved_pages`` (the ``corpora/sites``
    folder), each profile is re-checked against its saved pages now."""
    rows = []
    for profile in sorted(SITES.values(), key=lambda p: p.name):
        row: dict[str, Any] = {
            "site": profile.name,
            "name": profile.label,
            "hosts": " ".join(profile.hosts),
            "real_pages_checked": profile.real_pages_checked or "never (no live page checked)",
            "saved_pages_checked": profile.saved_pages_checked or "never",
            "selectors_from": profile.selectors_from,
        }
        if saved_pages is not None:
            count, problems = check_site(profile, saved_pages)
            row["check_now"] = ("no saved pages" if not count else
                                f"ok ({count} page{'s' if count > 1 else ''})" if not problems else
                                f"FAILED: {problems[0]}")
        rows.append(row)
    return rows
