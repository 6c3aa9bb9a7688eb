"""Snippets with highlighted matches, cut from the article's own NFC text.

A phrase matches where the text's normalised form (canonical or folded, see
:mod:`.query`) holds it. The normal forms keep the NFC text's length, so the matches are
found in the stored text itself, with a pattern that accepts every spelling normalising to
the phrase: a letter of a folded phrase matches every letter that folds to it ("d" matches
"đ", "Đ", "D"), a letter of a canonical phrase matches itself in either case, and a
canonical syllable ending in "òa", "òe", "ủy"... also matches the old tone placement
("oà", "uỷ") where :func:`partytext.normalize.canonical` would move it (not after "q").
No text is normalised per search, and the snippet shows the article as written.
Snippets are made in Python, identically for SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..normalize import _TONE_TABLE, fold
from .query import CANONICAL, FOLDED, Query, _lower

#: Default highlight markers around each match.
HIGHLIGHT = ("«", "»")

SNIPPET_CHARS = 200

#: The characters whose normal forms are tabled (Latin, Vietnamese, punctuation); a
#: character beyond matches only itself and its case pair.
_TABLED = 0x2100


@cache
def _letters(mode: str) -> dict[str, frozenset[str]]:
    """For each character a normal form can hold, the NFC characters that normalise to it in
    ``mode`` (folded: folded and lower-cased; canonical: lower-cased)."""
    classes: dict[str, set[str]] = {}
    for code in range(_TABLED):
        ch = chr(code)
        normal = _lower(fold(ch) if mode == FOLDED else ch)
        if len(normal) == 1:
            classes.setdefault(normal, set()).add(ch)
    return {normal: frozenset(chars) for normal, chars in classes.items()}


@cache
def _old_placements() -> dict[str, list[str]]:
    """Lower-case new tone placement ("òa", "ủy") -> the old spellings canonical() moves to it."""
    out: dict[str, list[str]] = {}
    for old, new in _TONE_TABLE.items():
        out.setdefault(_lower(new), []).append(old)
    return out


def _chars(mode: str, ch: str) -> frozenset[str]:
    known = _letters(mode).get(ch)
    if known is not None:
        return known
    return frozenset({ch, ch.upper()} if len(ch.upper()) == 1 else {ch})


def _class(chars: frozenset[str]) -> str:
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _spellings(mode: str, word: str) -> list[tuple[frozenset[str], str]]:
    """The ways the stored text may spell one syllable of a phrase, each as (the set of its
    possible first characters, a pattern for the rest)."""
    atoms = [_chars(mode, ch) for ch in word]
    out = [(atoms[0], "".join(_class(a) for a in atoms[1:]))]
    olds = _old_placements().get(word[-2:]) if mode == CANONICAL else None
    if olds and not (olds[0][0] in "uU" and word[-3:-2] == "q"):
        # the old placement: canonical() moves it only at the end of a syllable, not after
        # q (whose u belongs to the consonant), so only then does it spell this syllable
        pair = [frozenset(o[0] for o in olds), frozenset(o[1] for o in olds)]
        old = [*atoms[:-2], *pair]
        out.append((old[0], "".join(_class(a) for a in old[1:]) + r"(?!\w)"))
    return out


def _phrase(mode: str, words: tuple[str, ...]) -> str:
    """The phrase's pattern. It starts with one character class and checks the boundary
    before the phrase only after it (a pattern that starts with a class is scanned far faster
    than one that starts with a lookbehind)."""
    first = _spellings(mode, words[0])
    heads = frozenset().union(*(h for h, _ in first))
    if len(first) == 1:
        start = first[0][1]
    elif len({h for h, _ in first}) == 1:
        start = "(?:" + "|".join(rest for _, rest in first) + ")"
    else:  # each spelling's rest, after its own first characters
        start = "(?:" + "|".join(f"(?<={_class(h)}){rest}" for h, rest in first) + ")"
    parts = [_class(heads), r"(?<![^\W_].)", start]
    for w in words[1:]:
        alts = ["".join((_class(h), rest)) for h, rest in _spellings(mode, w)]
        parts += [r"[\W_]+", alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"]
    return "".join(parts) + r"(?![^\W_])"


@lru_cache(maxsize=256)
def _compiled(mode: str, phrases: tuple[tuple[str, ...], ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{_phrase(mode, w)})" for w in phrases))


def _patterns(query: Query) -> list[re.Pattern]:
    """The compiled pattern of each form's phrases, longest phrases first."""
    out = []
    for mode in (CANONICAL, FOLDED):
        phrases = sorted({p.words for p in query.positive if p.mode == mode}, key=len, reverse=True)
        if phrases:
            out.append(_compiled(mode, tuple(phrases)))
    return out


def match_spans(query: Query, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text`` (NFC) where the query's positive phrases occur (starting in
    ``[start, end)``), sorted; overlapping matches of the two forms keep the earliest."""
    return _spans(_patterns(query), text, start, len(text) if end is None else end)


def _spans(patterns: list[re.Pattern], text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: set[tuple[int, int]] = set()
    for pattern in patterns:
        spans.update(m.span() for m in pattern.finditer(text, start, end))
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
    patterns = _patterns(query)
    firsts = [m.start() for m in (p.search(text) for p in patterns) if m]
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
        spans = _spans(patterns, text, start, end)
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
