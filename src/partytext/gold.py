"""Gold files: the hand annotations that extraction is measured against.

A gold file ``NAME.json`` sits beside the text ``NAME.txt`` (or page ``NAME.html``) it
annotates, or names its text by ``"source"``: a path relative to the gold file's folder
(``corpora/gold-real`` annotates real articles in ``../shared/corpora-raw`` without copying
them). DESIGN.md ("Gold files") fixes the format and docs/gold.md the annotation rules.
This module finds gold pairs in a directory, checks that each gold file is well formed (so
that a typo in an annotation fails loudly instead of quietly lowering a score) and reads the
article each one annotates (:func:`read_gold_article`).

>>> check_gold({"figures": [{"value": 5, "kind": "count", "unit": "chi bộ", "qualifier": None}],
...             "dates": ["2016-07-25"]})
[]
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import InputError, InputNotFoundError
from .records import CHANGES, FIGURE_KINDS, QUALIFIERS, Article

log = logging.getLogger(__name__)

__all__ = ["GOLD_FIELDS", "METRICS", "GoldPair", "check_gold", "find_gold_pairs", "load_gold", "read_gold_article",
           "read_gold_input"]

#: The record fields a gold file may annotate. A field missing from a gold file is not
#: scored for that file (its predictions are neither credited nor counted as errors).
GOLD_FIELDS = ("figures", "points", "references", "dates", "periods", "events", "entities")

#: Keys starting with this prefix are free-form notes for annotators ("_note": "...").
NOTE_PREFIX = "_"

#: Text files a gold file may annotate, in order of preference.
TEXT_SUFFIXES = (".txt", ".html")

#: "*" in gold accepts any predicted value (used where the text is genuinely ambiguous).
WILDCARD = "*"

# ISO dates as the record contract writes them: "2016-07-25", "2023-06", "2006", "--07-13".
DATE_VALUE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?|--(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))$")
# A period as gold writes it: "2010-2015".
PERIOD_VALUE = re.compile(r"^(\d{4})-(\d{4})$")

EVENT_KINDS = ("congress", "plenum", "term")
ENTITY_TYPES = ("ORG", "PER", "LOC")
#: The party-figure metrics a gold figure may name (DESIGN.md, "Facts").
METRICS = ("party_members", "new_party_members", "party_cells", "grassroots_party_organisations",
           "party_organisations", "disciplined_members", "disciplined_organisations", "expelled_members",
           "party_candidates", "party_badges")
# The time a party figure refers to: "2017", "2017-06" or a span "2020-2025".
FIGURE_YEAR = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])|-\d{4})?$")

#: Top-level keys that are not record fields: the text a gold file annotates.
SOURCE_KEY = "source"
#: ... and its publication date when the text itself carries none (the 2017 plain texts have
#: no date line; their collection was crawled from baomoi in 2017): ISO, as precise as it is
#: known ("2017"). It is input to the extractor, like a page's date, never a scored label.
PUBLISHED_KEY = "published"

_FIGURE_KEYS = {"value", "high", "kind", "unit", "subject", "qualifier", "change", "part_of",
                "unit_full", "metric", "owner", "province", "year"}
_POINT_KEYS = {"ordinal", "starts", "heading", "ends"}
_REFERENCE_KEYS = {"type", "symbol", "date"}
_EVENT_KEYS = {"kind", "ordinal"}
_ENTITY_KEYS = {"type", "text"}


@dataclass(frozen=True, slots=True)
class GoldPair:
    """A text file and the gold annotations beside it."""

    text_path: Path
    gold_path: Path
    gold: dict[str, Any]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _opt_str(item: dict, key: str) -> bool:
    return item.get(key) is None or (isinstance(item[key], str) and item[key].strip() != "")


def _check_figure(i: int, f: Any) -> list[str]:
    where = f"figures[{i}]"
    if not isinstance(f, dict):
        return [f"{where} is not an object"]
    problems = [f"{where} has unknown key {k!r}" for k in f if k not in _FIGURE_KEYS and not k.startswith(NOTE_PREFIX)]
    if not _is_number(f.get("value")):
        problems.append(f"{where} needs a numeric 'value'")
    if f.get("high") is not None and not _is_number(f["high"]):
        problems.append(f"{where} 'high' must be a number or null")
    if f.get("kind") not in FIGURE_KINDS:
        problems.append(f"{where} 'kind' must be one of {', '.join(FIGURE_KINDS)}")
    if "qualifier" not in f:
        problems.append(f"{where} needs a 'qualifier' (null when there is none)")
    elif f["qualifier"] not in (None, WILDCARD, *QUALIFIERS):
        problems.append(f"{where} 'qualifier' must be null, '*' or one of {', '.join(QUALIFIERS)}")
    if f.get("change") not in (None, WILDCARD, *CHANGES):
        problems.append(f"{where} 'change' must be null, '*' or one of {', '.join(CHANGES)}")
    if f.get("part_of") is not None and not _is_number(f["part_of"]):
        problems.append(f"{where} 'part_of' is the parent's value: a number or null")
    for key in ("unit", "subject", "unit_full", "owner", "province"):
        if not _opt_str(f, key):
            problems.append(f"{where} {key!r} must be a non-empty string or null")
    if f.get("metric") is not None and f["metric"] not in METRICS:
        problems.append(f"{where} 'metric' must be null or one of {', '.join(METRICS)}")
    if f.get("year") is not None and not (isinstance(f["year"], str) and FIGURE_YEAR.match(f["year"])):
        problems.append(f"{where} 'year' must be null or a string 'YYYY', 'YYYY-MM' or 'YYYY-YYYY'")
    return problems


def _check_point(i: int, p: Any) -> list[str]:
    where = f"points[{i}]"
    if not isinstance(p, dict):
        return [f"{where} is not an object"]
    problems = [f"{where} has unknown key {k!r}" for k in p if k not in _POINT_KEYS and not k.startswith(NOTE_PREFIX)]
    if not isinstance(p.get("ordinal"), int) or isinstance(p.get("ordinal"), bool) or p["ordinal"] < 1:
        problems.append(f"{where} needs an integer 'ordinal' counting from 1")
    if not isinstance(p.get("starts"), str) or not p["starts"].strip():
        problems.append(f"{where} needs 'starts': the first words of the item after its marker")
    for key in ("heading", "ends"):
        if not _opt_str(p, key):
            problems.append(f"{where} {key!r} must be a non-empty string or null")
    return problems


def _check_reference(i: int, r: Any) -> list[str]:
    where = f"references[{i}]"
    if not isinstance(r, dict):
        return [f"{where} is not an object"]
    problems = [f"{where} has unknown key {k!r}" for k in r if k not in _REFERENCE_KEYS and not k.startswith(NOTE_PREFIX)]
    for key in ("type", "symbol"):
        if not isinstance(r.get(key), str) or not r[key].strip():
            problems.append(f"{where} needs a non-empty {key!r}")
    if r.get("date") is not None and not (isinstance(r["date"], str) and DATE_VALUE.match(r["date"])):
        problems.append(f"{where} 'date' must be ISO (YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD)")
    return problems


def _check_event(i: int, e: Any) -> list[str]:
    where = f"events[{i}]"
    if not isinstance(e, dict):
        return [f"{where} is not an object"]
    problems = [f"{where} has unknown key {k!r}" for k in e if k not in _EVENT_KEYS and not k.startswith(NOTE_PREFIX)]
    if e.get("kind") not in EVENT_KINDS:
        problems.append(f"{where} 'kind' must be one of {', '.join(EVENT_KINDS)}")
    ordinal = e.get("ordinal")
    if ordinal is not None and (not isinstance(ordinal, int) or isinstance(ordinal, bool) or ordinal < 1):
        problems.append(f"{where} 'ordinal' must be a positive integer or null")
    return problems


def _check_entity(i: int, e: Any) -> list[str]:
    where = f"entities[{i}]"
    if not isinstance(e, dict):
        return [f"{where} is not an object"]
    problems = [f"{where} has unknown key {k!r}" for k in e if k not in _ENTITY_KEYS and not k.startswith(NOTE_PREFIX)]
    for key in ("type", "text"):
        if not isinstance(e.get(key), str) or not e[key].strip():
            problems.append(f"{where} needs a non-empty {key!r}")
    if isinstance(e.get("type"), str) and e["type"] not in ENTITY_TYPES:
        problems.append(f"{where} 'type' must be one of {', '.join(ENTITY_TYPES)}")
    return problems


def check_gold(data: Any) -> list[str]:
    """The problems of one parsed gold file, as messages; an empty list when it is valid."""
    if not isinstance(data, dict):
        return ["a gold file holds one JSON object"]
    problems = [
        f"unknown field {k!r} (known: {', '.join(GOLD_FIELDS)}; notes start with '_')"
        for k in data if k not in GOLD_FIELDS and k not in (SOURCE_KEY, PUBLISHED_KEY) and not k.startswith(NOTE_PREFIX)
    ]
    if SOURCE_KEY in data and not (isinstance(data[SOURCE_KEY], str) and data[SOURCE_KEY].strip()):
        problems.append(f"{SOURCE_KEY!r} must be the text's path, relative to the gold file's folder")
    published = data.get(PUBLISHED_KEY)
    if PUBLISHED_KEY in data and not (isinstance(published, str) and DATE_VALUE.match(published)
                                      and not published.startswith("--")):
        problems.append(f"{PUBLISHED_KEY!r} {published!r} must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY")
    for name in GOLD_FIELDS:
        if name in data and not isinstance(data[name], list):
            problems.append(f"{name!r} must be a list")
    if problems:
        return problems
    checkers = {"figures": _check_figure, "points": _check_point, "references": _check_reference,
                "events": _check_event, "entities": _check_entity}
    for name, checker in checkers.items():
        for i, item in enumerate(data.get(name, ())):
            problems += checker(i, item)
    for i, value in enumerate(data.get("dates", ())):
        if not (isinstance(value, str) and DATE_VALUE.match(value)):
            problems.append(f"dates[{i}] {value!r} is not ISO (YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD)")
    for i, value in enumerate(data.get("periods", ())):
        m = PERIOD_VALUE.match(value) if isinstance(value, str) else None
        if not m or int(m.group(1)) > int(m.group(2)):
            problems.append(f"periods[{i}] {value!r} is not 'YYYY-YYYY' with start <= end")
    return problems


def load_gold(path: str | Path) -> dict[str, Any]:
    """One gold file, parsed and checked; :class:`InputError` names every problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"Gold file {path} does not exist", path=str(path)) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"Gold file {path} is not valid UTF-8 JSON ({exc}); fix the file", path=str(path)) from exc
    problems = check_gold(data)
    if problems:
        listed = "; ".join(problems[:8]) + (f"; and {len(problems) - 8} more" if len(problems) > 8 else "")
        raise InputError(f"Gold file {path} is malformed: {listed}. See docs/gold.md", path=str(path))
    return data


def text_for(gold_path: Path, gold: dict[str, Any] | None = None) -> Path | None:
    """The text file a gold file annotates: its ``source`` (relative to the gold file's
    folder), else ``NAME.txt``/``NAME.html`` beside it; None when there is neither."""
    if gold and gold.get(SOURCE_KEY):
        return Path(os.path.normpath(gold_path.parent / gold[SOURCE_KEY]))
    for suffix in TEXT_SUFFIXES:
        candidate = gold_path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _peek_source(gold_path: Path) -> bool:
    """Whether a JSON file in a gold folder names its text by ``source`` (cheap check)."""
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and SOURCE_KEY in data


def find_gold_pairs(gold_dir: str | Path) -> list[GoldPair]:
    """Every gold file in ``gold_dir`` with the text it annotates, sorted by name.

    A gold file names its text by ``source`` or has ``NAME.txt``/``NAME.html`` beside it.
    JSON files with neither (``floors.json``) are not gold and are skipped. A ``source``
    that does not exist raises :class:`InputNotFoundError` naming the path.
    """
    root = Path(gold_dir)
    if not root.is_dir():
        raise InputNotFoundError(f"Gold directory {root} does not exist; pass a folder of NAME.txt + NAME.json pairs",
                                 path=str(root))
    pairs = []
    for gold_path in sorted(root.glob("*.json")):
        if _peek_source(gold_path):
            gold = load_gold(gold_path)
            text_path = text_for(gold_path, gold)
            if not text_path.is_file():
                raise InputNotFoundError(
                    f"Gold file {gold_path} names its text {gold[SOURCE_KEY]!r}, but {text_path} does not exist; "
                    "the real-article corpora live in ../shared/corpora-raw beside the clone (put the shared "
                    "folder there, or evaluate a folder of NAME.txt + NAME.json pairs)",
                    path=str(text_path))
            pairs.append(GoldPair(text_path=text_path, gold_path=gold_path, gold=gold))
            continue
        text_path = text_for(gold_path)
        if text_path is None:
            log.debug("skipping %s: no source and no .txt or .html beside it", gold_path)
            continue
        pairs.append(GoldPair(text_path=text_path, gold_path=gold_path, gold=load_gold(gold_path)))
    if not pairs:
        raise InputError(f"No gold pairs in {root}: expected NAME.txt (or NAME.html) with NAME.json beside it, "
                         "or NAME.json files that name their text by \"source\"", path=str(root))
    return pairs


def read_gold_input(pair: GoldPair) -> str | Article:
    """What the extractor reads for a gold pair: the plain text of a ``NAME.txt`` beside its
    gold file (the corpus convention), else the :class:`Article` (:func:`read_gold_article`)."""
    if pair.gold.get(SOURCE_KEY) is None and PUBLISHED_KEY not in pair.gold:
        if pair.text_path.suffix == ".html":
            from .sources.html import article_from_html

            return article_from_html(pair.text_path.read_bytes())
        return pair.text_path.read_text(encoding="utf-8")
    return read_gold_article(pair)


def read_gold_article(pair: GoldPair) -> Article:
    """The :class:`Article` a gold file annotates, read as ``partytext extract`` reads it
    (:func:`partytext.inputs.read_article`): text and HTML files, and baomoi page dumps
    (``.json`` with ``content`` HTML, ``url`` and ``time``, the publication date). A gold
    file's ``published`` dates an article whose text carries no date."""
    from .inputs import read_article

    article = read_article(str(pair.text_path))
    published = pair.gold.get(PUBLISHED_KEY)
    if published and not article.published:
        article = replace(article, published=published)
    return article
