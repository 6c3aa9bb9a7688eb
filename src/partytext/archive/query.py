"""The search query language and the two text forms the archive indexes.

Query syntax (web-search style)::

    "tổ chức cơ sở đảng"      a phrase: these syllables, in this order
    đảng viên kỷ luật          unquoted words: all must appear (anywhere)
    "kỷ luật" OR "khiển trách" either one (OR binds tighter than the implicit AND)
    -"tham nhũng"  -kinh       exclusion of a phrase or a word

Matching is on *syllables* (runs of letters and digits), so punctuation inside a word
splits it: ``TP.HCM`` is the phrase "tp hcm", ``5.000`` the phrase "5 000".

Diacritics, decided word by word: a word typed **without** diacritics ("dang", "vien")
is matched against the *folded* form of the articles (marks removed, đ→d), so it finds
every diacritic form; a word **with** a diacritic is matched against the *canonical* form
(NFC, new-style tone placement, lower case): exactly those letters, except that old and
new tone placement ("Uỷ"/"Ủy", "hoà"/"hòa") are the same word. So "kỷ luật dang vien"
finds "kỷ luật đảng viên". A quoted phrase whose syllables are all marked or all unmarked
is one phrase in that form; a phrase that mixes them ("kỷ luật dang vien" in quotes) is
matched folded as a whole, and each run of its marked syllables must also appear as
written (when the phrase is an alternative of an OR, or excluded, only the folded phrase
counts). NFD queries and texts are composed first, so they behave exactly like NFC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QueryError
from ..normalize import canonical, fold, nfc

# A syllable: a run of letters and digits (``_`` and punctuation separate syllables).
# The archive indexes exactly these tokens, on both backends.
SYLLABLE = re.compile(r"[^\W_]+")

# Quote characters accepted around phrases: straight and curly double quotes.
QUOTES = '"\u201c\u201d\u201e'

# Characters with a meaning in FTS5 / tsquery syntax that partytext's language does not
# use; a query containing them gets a QueryError that names them instead of an SQL error.
RESERVED_CHARS = set("*()^:{}[]~&|!<>\\")

#: The modes a query runs in.
CANONICAL, FOLDED = "canonical", "folded"

MAX_TERMS = 64


def _lower(text: str) -> str:
    """Lower case, character by character, never changing the length."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class _FoldTable(dict):
    """``str.translate`` table computing :func:`partytext.normalize.fold` one character at a
    time (fold is per character on NFC text), cached: the same result, many times faster."""

    def __missing__(self, code: int) -> str:
        value = fold(chr(code))
        self[code] = value
        return value


_FOLD_TABLE = _FoldTable()

#: Below this code point (Latin, Vietnamese, combining marks, punctuation) the table is a
#: plain dict filled ahead: ``str.translate`` looks up a plain dict about 2.5 times faster.
_PLAIN_BELOW = 0x2100
_FOLD_PLAIN: dict[int, str] = {}
_BEYOND_PLAIN = re.compile(f"[^\\x00-\\u{_PLAIN_BELOW - 1:04x}]")


def fast_fold(text: str) -> str:
    """Exactly :func:`partytext.normalize.fold`, through a translation table."""
    text = nfc(text)
    if _BEYOND_PLAIN.search(text):  # CJK, emoji...: the caching table
        return text.translate(_FOLD_TABLE)
    if not _FOLD_PLAIN:
        _FOLD_PLAIN.update((code, fold(chr(code))) for code in range(_PLAIN_BELOW))
    return text.translate(_FOLD_PLAIN)


def canonical_form(text: str) -> str:
    """The form diacritic queries match: canonical tone placement, lower case, same length."""
    return _lower(canonical(text))


def folded_form(text: str) -> str:
    """The form diacritic-free queries match: no marks, đ→d, lower case, same length."""
    return _lower(fast_fold(text))


def syllables(text: str) -> list[str]:
    """The syllables of an already normalised form (see :func:`canonical_form`)."""
    return SYLLABLE.findall(text)


def has_diacritics(text: str) -> bool:
    text = nfc(text)
    return fold(text) != text


@dataclass(frozen=True, slots=True)
class Phrase:
    """One term: one or more syllables that must appear consecutively, in the text form
    ``mode`` (canonical for words with marks, folded for words without)."""

    words: tuple[str, ...]
    mode: str = CANONICAL

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: all ``groups`` must match (each group: any of its phrases), and none
    of ``excluded``. Each phrase carries its own text form; ``mode`` is the query's
    overall one (canonical when any word has a mark, else folded)."""

    text: str
    mode: str
    groups: tuple[tuple[Phrase, ...], ...]
    excluded: tuple[Phrase, ...] = ()

    @property
    def positive(self) -> list[Phrase]:
        return [p for g in self.groups for p in g]

    def fts5(self, columns: dict[str, str]) -> str:
        """The FTS5 MATCH expression; ``columns`` maps mode to the FTS column name."""
        def phrase(p: Phrase) -> str:
            # syllables are letters and digits only, so they are safe inside quotes
            return f'{columns[p.mode]} : "{p.text}"'

        expr = " AND ".join("(" + " OR ".join(phrase(p) for p in g) + ")" for g in self.groups)
        for p in self.excluded:
            expr = f"({expr}) NOT ({phrase(p)})"
        return expr


# One lexical token of the query language.
_TOKEN = re.compile(
    r"""
    (?P<neg>-)?                                   # a leading minus: exclusion
    (?:
        [%(q)s](?P<phrase>[^%(q)s]*)[%(q)s]       # a quoted phrase
      | (?P<word>[^\s%(q)s]+)                     # or a bare word
    )
    """ % {"q": QUOTES},
    re.VERBOSE,
)


def parse(text: str) -> Query:
    """Parse a query, raising :class:`QueryError` with a message that says how to fix it."""
    if not isinstance(text, str):
        raise QueryError(f"A query must be a string, not {type(text).__name__}", query=None)
    raw = nfc(text).strip()
    if not raw:
        raise QueryError('Empty query: type some words, or a "quoted phrase"', query=text)
    if sum(raw.count(q) for q in QUOTES) % 2:
        raise QueryError(f'Unbalanced quotes in {text!r}: close the phrase with a second "', query=text)
    mode = CANONICAL if has_diacritics(raw) else FOLDED

    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    pending_or = False
    held: list[list[Phrase]] = []
    pos = 0
    while pos < len(raw):
        if raw[pos].isspace():
            pos += 1
            continue
        m = _TOKEN.match(raw, pos)
        if m is None:  # pragma: no cover - the pattern matches any non-space start
            raise QueryError(f"Cannot read the query at {raw[pos:]!r}", query=text)
        pos = m.end()
        quoted = m.group("phrase") is not None
        body = m.group("phrase") if quoted else m.group("word")
        bad = sorted({c for c in body if c in RESERVED_CHARS}) if not quoted else []
        if bad:
            raise QueryError(
                f"Unsupported character(s) {' '.join(bad)} in {text!r}: partytext queries use words, "
                f'"quoted phrases", OR and -exclusion; remove them or put them inside quotes',
                query=text,
            )
        if not quoted and not m.group("neg") and body == "OR":
            if not groups or pending_or:
                raise QueryError(f"OR needs a term on each side in {text!r}", query=text)
            pending_or = True
            held = []  # the phrase before OR is an alternative: its folded form only
            continue
        groups += held
        held = []
        if not quoted and body == "AND" and not m.group("neg"):
            continue  # AND is implicit
        phrase, runs = _phrase(body)
        if phrase is None:
            raise QueryError(
                f"{m.group()!r} in {text!r} has no letters or digits to search for", query=text
            )
        if m.group("neg"):
            if pending_or:
                raise QueryError(f"OR cannot be followed by an exclusion in {text!r}", query=text)
            excluded.append(phrase)
        elif pending_or:
            groups[-1].append(phrase)
            pending_or = False
        else:
            groups.append([phrase])
            # a phrase mixing marked and unmarked syllables: its marked runs, as written
            # (held until we know that no OR follows)
            held = [[run] for run in runs]
    groups += held
    if pending_or:
        raise QueryError(f"OR needs a term on each side in {text!r}", query=text)
    if not groups:
        raise QueryError(
            f"{text!r} only excludes: add at least one word or phrase that results must contain",
            query=text,
        )
    if len([p for g in groups for p in g]) + len(excluded) > MAX_TERMS:
        raise QueryError(f"Too many terms (more than {MAX_TERMS}): shorten the query", query=text)
    return Query(text=raw, mode=mode, groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


def _phrase(body: str) -> tuple[Phrase | None, list[Phrase]]:
    """The phrase of a query word or quoted phrase, and (when it mixes marked and unmarked
    syllables) the runs of its marked syllables as canonical phrases."""
    canon = syllables(canonical_form(body))
    if not canon:
        return None, []
    folded = syllables(folded_form(body))
    marked = [c != f for c, f in zip(canon, folded)]
    if all(marked):
        return Phrase(tuple(canon), CANONICAL), []
    if not any(marked):
        return Phrase(tuple(folded), FOLDED), []
    runs: list[Phrase] = []
    run: list[str] = []
    for word, mark in zip([*canon, ""], [*marked, False]):
        if mark:
            run.append(word)
        elif run:
            runs.append(Phrase(tuple(run), CANONICAL))
            run = []
    return Phrase(tuple(folded), FOLDED), runs


def brute_force_match(query: Query, text: str) -> bool:
    """Whether ``text`` matches ``query``, by scanning its syllables (the reference the
    indexes are tested against)."""
    joined = {CANONICAL: " " + " ".join(syllables(canonical_form(text))) + " ",
              FOLDED: " " + " ".join(syllables(folded_form(text))) + " "}

    def has(p: Phrase) -> bool:
        return f" {p.text} " in joined[p.mode]

    return all(any(has(p) for p in g) for g in query.groups) and not any(has(p) for p in query.excluded)
