"""The supported site profiles and their status: what their selectors rest on, when a
real page last matched them, and whether they still pass their saved pages.

Saved pages are of two kinds, both under ``corpora/sites/``:

* hand-built pages ``<site>/NAME.html`` beside ``NAME.json``, the expected article fields
  (``url``, ``title``, ``lead``, ``author``, ``published``, ``text``);
* real pages ``real-pages/NAME.json``: expected output written by reading a real saved page
  of ../shared/corpora-raw (named by ``page``; never copied into the repository): title,
  author, date, publisher, and the lead and each body paragraph as a start and a SHA-1 of
  its NFC text.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from ..errors import PartytextError
from ..normalize import nfc
from .html import article_from_html
from .profiles import SITES, SiteProfile

log = logging.getLogger(__name__)

CHECKED_FIELDS = ("url", "site", "title", "lead", "author", "published", "text")
REAL_FOLDER = "real-pages"


def default_raw(directory: str | Path) -> Path:
    """../shared/corpora-raw beside the repository holding ``directory`` (corpora/sites)."""
    return Path(directory).resolve().parent.parent.parent / "shared" / "corpora-raw"


def _sha1(text: str) -> str:
    return hashlib.sha1(" ".join(nfc(text).split()).encode("utf-8")).hexdigest()


def read_real_page(expected: dict, raw: Path):
    """The Article of the real page an expected-output file names."""
    page = raw / expected["page"]
    if page.suffix == ".json":
        from .dump import article_from_page_dump

        return article_from_page_dump(page.read_bytes(), where=str(page))
    return article_from_html(page.read_bytes(), url=expected.get("url"))


def real_page_problems(expected: dict, article) -> list[str]:
    """How an article differs from the expected output of its real page."""
    problems = []
    for name in ("site", "title", "author", "publisher"):
        if name in expected and getattr(article, name) != expected[name]:
            problems.append(f"{name} is {getattr(article, name)!r}, expected {expected[name]!r}")
    if (article.published or "")[:16] != (expected.get("published") or "")[:16]:
        problems.append(f"published is {article.published!r}, expected {expected.get('published')!r}")
    lead = expected.get("lead")
    if (lead is None) != (article.lead is None) or (lead and _sha1(article.lead) != lead["sha1"]):
        problems.append(f"lead is {(article.lead or '')[:60]!r}, expected one starting {lead and lead['starts']!r}")
    parts = article.text.split("\n\n")
    body = parts[2:] if article.lead is not None and len(parts) > 1 and parts[1] == article.lead else parts[1:]
    got, want = [_sha1(p) for p in body], [p["sha1"] for p in expected.get("body", [])]
    if got != want:
        lost = [p["starts"] for p in expected.get("body", []) if p["sha1"] not in got]
        problems.append(f"body has {len(got)} paragraphs, expected {len(want)}"
                        + (f"; missing the one starting {lost[0]!r}" if lost else "; extra or reordered text"))
    for junk in expected.get("not_in_text", []):
        if junk in article.text:
            problems.append(f"{junk!r} is in the text")
    return problems


def check_site(profile: SiteProfile, directory: str | Path, raw: str | Path | None = None) -> tuple[int, list[str]]:
    """(pages checked, problems) for one profile's saved pages: the hand-built ones under
    ``directory/<name>/`` and the real ones under ``directory/real-pages/`` (read from
    ``raw``, by default ../shared/corpora-raw; skipped when it is absent)."""
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
    raw = Path(raw) if raw is not None else default_raw(directory)
    count = len(pages)
    for path in sorted((Path(directory) / REAL_FOLDER).glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if expected.get("site") != profile.name or not (raw / expected["page"]).is_file():
            continue
        count += 1
        try:
            article = read_real_page(expected, raw)
        except PartytextError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        problems += [f"{path.name}: {p}" for p in real_page_problems(expected, article)]
    return count, problems


def list_sources(saved_pages: str | Path | None = None) -> list[dict[str, Any]]:
    """One row per supported site profile. With ``saved_pages`` (the ``corpora/sites``
    folder), each profile is re-checked against its saved pages now."""
    rows = []
    for profile in sorted(SITES.values(), key=lambda p: p.name):
        row: dict[str, Any] = {
            "site": profile.name,
            "name": profile.label,
            "hosts": " ".join(profile.hosts),
            "real_page_seen": profile.real_page_seen or "never (no real page saved)",
            "saved_pages_checked": profile.saved_pages_checked or "never",
            "selectors_from": profile.selectors_from,
            "evidence": " | ".join(profile.evidence),
        }
        if saved_pages is not None:
            count, problems = check_site(profile, saved_pages)
            row["check_now"] = ("no saved pages" if not count else
                                f"ok ({count} page{'s' if count > 1 else ''})" if not problems else
                                f"FAILED: {problems[0]}")
        rows.append(row)
    return rows
