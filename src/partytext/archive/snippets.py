"""Snippets with highlighted matches, cut from the article's own NFC text.

The matches are found in the normalised form each phrase ran on (canonical or folded);
both forms have the length of the NFC text, so their offsets cut the original text and
the snippet shows the article as written (old tone placement and all). Snippets are made
in Python, identically for SQLite and PostgreSQL.
"""

from __future__ import annotations

import re

from .query import CANONICAL, FOLDED, Query, canonical_form, folded_form, phrase_pattern

#: Default highlight markers around each match.
HIGHLIGHT = ("«", "»")

SNIPPET_CHARS = 200


def match_spans(query: Query, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (NFC) where the query's positive phrases occur, sorted."""
    spans: set[tuple[int, int]] = set()
    for mode, form in ((CANONICAL, canonical_form), (FOLDED, folded_form)):
        phrases = sorted({p.words for p in query.positive if p.mode == mode}, key=len, reverse=True)
        if not phrases:
            continue
        normal = form(text)
        if len(normal) != len(text):
            return []
        pattern = re.compile("|".join(f"(?:{phrase_pattern(w)})" for w in phrases))
        spans.update(m.span() for m in pattern.finditer(normal))
    # overlapping matches of the two forms: keep the earliest (then longest) of each overlap
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
    spans = match_spans(query, text)
    if not spans:
        start, end = 0, min(len(text), width)
    else:
        first = spans[0][0]
        start = max(0, first - width // 3)
        end = min(len(text), start + width)
        # do not cut a syllable in half
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
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
