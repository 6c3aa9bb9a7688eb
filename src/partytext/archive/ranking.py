"""Bounded counting for newest-first searches, the same on SQLite and PostgreSQL.

Both engines find matches quickly in key order (newest first) and stop when they have
enough; what costs is visiting *every* match. So a newest-first search visits at most a
window:

* **total**: exact while a query has at most :data:`COUNT_LIMIT` matches (the walk ends
  before the window does). Beyond that it is an estimate, rounded to two significant
  digits and flagged ``total_exact=False``: the match rate among the newest
  ``COUNT_LIMIT`` matches, extrapolated to all articles in the filtered date range (see
  :func:`estimate`). ``exact_total=True`` counts every match instead.
* **scores** of newest-first hits: BM25 with the query's total as every phrase's count
  (:func:`idf`, :func:`bm25`), term frequencies counted in the page's syllable strings.

Relevance ranking is not bounded: it is BM25 over every match, in the relevance index
(:mod:`partytext.archive.textindex`), whose count is always exact.

BM25 here: ``idf = ln(1 + (N - df + 0.5) / (df + 0.5))`` (never negative), ``k1 = 1.2``,
``b = 0.75``, document length in syllables, one score per distinct positive phrase, summed.
A phrase's frequency is its number of non-overlapping occurrences in the syllable string.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Matches counted exactly before the total becomes an estimate.
COUNT_LIMIT = 2000

K1 = 1.2
B = 0.75


def idf(articles: int, df: int) -> float:
    return math.log(1.0 + (articles - df + 0.5) / (df + 0.5))


def bm25(tfs: Sequence[int], length: int, idfs: Sequence[float], avg_length: float) -> float:
    """The BM25 score of one document: ``tfs[i]`` occurrences of phrase ``i``."""
    norm = K1 * (1.0 - B + B * length / (avg_length or 1.0))
    return sum(w * tf * (K1 + 1.0) / (tf + norm) for tf, w in zip(tfs, idfs) if tf)


def round_estimate(value: float, floor: int) -> int:
    """``value`` to two significant digits, and at least ``floor``."""
    value = max(float(floor), value)
    digits = max(0, math.floor(math.log10(value)) - 1) if value >= 1 else 0
    step = 10 ** digits
    return max(floor, round(value / step) * step)


def estimate(found: int, in_range: int, newer: int) -> int:
    """Matches in a key range, from ``found`` matches among its ``newer`` newest articles
    (``in_range`` articles in all)."""
    if newer <= 0:
        return found
    return round_estimate(found * in_range / newer, found)


def phrase_pattern(words: Sequence[str]) -> str:
    """How a phrase appears in a stored syllable string (spaces around every syllable)."""
    return " " + " ".join(words) + " "


def token_string(words: Sequence[str]) -> str:
    """The stored syllable string of a text: syllables joined and surrounded by spaces."""
    return " " + " ".join(words) + " "
