"""Snippets with highlighted matches, cut from the article's own NFC text.

The matches are found in the normalised form each phrase ran on (canonical or folded);
both forms have the length of the NFC text, so their offsets cut the original text and
the snippet shows the article as written (old tone placement and all). Snippets are made
in Python, identically for SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .query import CANONICAL, FOLDED, Query, canonical_form, folded_form, phrase_pattern

#: Default highlight markers around each match.
HIGHLIGHT = ("«", "»")

SNIPPET_CHARS = 200

#: Prefixes normalised first when looking for the first match (see make_snippet).
PREFIX_CHARS = (400, 1600)


def _patterns(query: Query, text: str) -> list[tuple[re.Pattern, str]]:
    """(compiled pattern of a form's phrases, the text in that form) for each form used."""
    out = []
    for mode, form in ((CANONICAL, canonical_form), (FOLDED, folded_form)):
        phrases = sorted({p.words for p in query.positive if p.mode == mode}, key=len, reverse=True)
        if phrases:
            normal = form(text)
            if len(normal) != len(text):
                return []
            out.append((_compiled(tuple(phrases)), normal))
    return out


@lru_cache(maxsize=256)
def _compiled(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{phrase_pattern(w)})" for w in phrases))


def match_spans(query: Query, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` (NFC) where the query's positive phrases occur (starting in
    ``[start, end)``), sorted; overlapping matches of the two forms keep the earliest."""
    return _spans(_patterns(query, text), start, len(text) if end is None else end)


def _spans(patterns: list[tuple[re.Pattern, str]], start: int, end: int) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for pattern, normal in patterns:
        spans.update(m.span() for m in pattern.finditer(normal, start, end))
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def make_snippet(
    query: Query,
    text: str,
    *,
    width: int = SNIPPET_CHARS,
    highlight: tuple[str, str] = HIGHLIGHT,
) -> str:
    """About ``width`` characters around the first match, matches wrapped in ``highlight``."""
    # most first matches are near the top: normalise growing prefixes (cut at a space, so
    # that no syllable is cut) until the snippet fits in one, the whole text at worst
    patterns, firsts = [], []
    for size in PREFIX_CHARS:
        cut = text.find(" ", size)
        if cut < 0:
            break
        patterns = _patterns(query, text[:cut])
        firsts = [m.start() for m in (p.search(normal) for p, normal in patterns) if m]
        if firsts and min(firsts) + width + 40 < cut:
            break
        firsts = []
    if not firsts:
        patterns = _patterns(query, text)
        firsts = [m.start() for m in (p.search(normal) for p, normal in patterns) if m]
    spans: list[tuple[int, int]] = []
    if not firsts:
        start, end = 0, min(len(text), width)
    else:
        first = min(firsts)
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
        # do not cut a syllable in half
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        # only the matches inside the snippet are needed (a common word occurs everywhere)
        spans = _spans(patterns, start, end)
    open_, close = highlight
    parts: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        parts += [text[cursor:s], open_, text[s:e], close]
        cursor = e
    parts.append(text[cursor:end])
    if end < len(text):
        parts.append("…")
    return " ".join("".join(parts).split())
