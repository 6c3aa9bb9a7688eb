"""Words for the vectors: underthesea tokens as vocabulary terms, and the stop list.

A term is one underthesea word, lower-cased, in canonical tone placement, with its
syllables joined by "_" ("tổ chức", "cơ sở" → ``tổ_chức``, ``cơ_sở``), so multi-syllable
words stay whole in the vocabulary. Tokens without a letter (punctuation, numbers, dates)
are dropped here; stop words are dropped later by the vectorizer, so a new stop list does
not need the articles tokenized again.

Tokenizing costs about 85 ms per article of 670 words on one core; :func:`article_terms`
spreads the work over processes and callers cache the result (see :mod:`.model`).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib import resources

from ..normalize import canonical, nfc
from ..parallel import pool_context

log = logging.getLogger(__name__)

#: A term needs at least one letter: drops punctuation, numbers ("5.000"), dates ("22/6").
HAS_LETTER = re.compile(r"[^\W\d_]")

#: Punctuation glued to a token's ends by the tokenizer ("TP.HCM." at a sentence end).
EDGE_PUNCTUATION = ".,;:!?…\"'“”‘’()[]{}-–—/*"

#: Whitespace inside a multi-syllable word becomes the joiner.
INNER_SPACE = re.compile(r"\s+")

JOINER = "_"

#: Bump when :func:`term_of` changes, so cached token lists are rebuilt.
TERMS_VERSION = 2

STOPWORDS_RESOURCE = "stopwords_vi.txt"


def term_of(token: str) -> str | None:
    """The vocabulary term of one underthesea token, or None for a token without letters.

    >>> term_of("Tổ chức"), term_of("Uỷ ban"), term_of("5.000"), term_of(",")
    ('tổ_chức', 'ủy_ban', None, None)
    """
    if not HAS_LETTER.search(token):
        return None
    word = canonical(nfc(token)).lower().strip().strip(EDGE_PUNCTUATION).strip()
    return INNER_SPACE.sub(JOINER, word) if HAS_LETTER.search(word) else None


def display(term: str) -> str:
    """A term as a reader writes it: ``tổ_chức`` → ``tổ chức``."""
    return term.replace(JOINER, " ")


@cache
def stopwords() -> frozenset[str]:
    """The packaged stop list for Vietnamese news, as terms (``data/stopwords_vi.txt``)."""
    text = resources.files("partytext").joinpath("data", STOPWORDS_RESOURCE).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            term = term_of(line)
            if term:
                words.add(term)
    return frozenset(words)


def text_hash(text: str) -> str:
    """A short content hash of an article's text (the token cache key, with the id)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@cache
def tokenizer_signature() -> str:
    """Changes when the tokens would change: underthesea's version or :func:`term_of`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        ut = version("underthesea")
    except PackageNotFoundError:  # pragma: no cover - underthesea is a hard dependency
        ut = "unknown"
    return f"underthesea-{ut}/terms-{TERMS_VERSION}"


def terms(text: str) -> list[str]:
    """The terms of ``text`` in order (stop words kept)."""
    from ..nlp import analyze

    out = []
    for token in analyze(text).tokens:
        term = term_of(token.text)
        if term:
            out.append(term)
    return out


def _job(item: tuple[str, str]) -> tuple[str, list[str]]:
    key, text = item
    return key, terms(text)


def article_terms(
    items: Iterable[tuple[str, str]],
    *,
    workers: int = 1,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> Iterator[tuple[str, list[str]]]:
    """``(key, terms)`` for each ``(key, text)``, in order; ``workers`` > 1 uses processes."""
    items = list(items)
    if not items:
        return
    log.info("tokenizing %d article(s) with %d worker(s)", len(items), workers)
    if workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(workers, mp_context=pool_context()) as pool:
            results: Iterable = pool.map(_job, items, chunksize=8)
            yield from (progress(results) if progress else results)
        return
    results = map(_job, items)
    yield from (progress(results) if progress else results)
