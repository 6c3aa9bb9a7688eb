"""Sentences and word tokens with offsets: the only module that imports underthesea.

underthesea returns strings, not spans, and by default rewrites them ("khoá" → "khóa").
Here it runs with ``use_token_normalize=False`` on each line of the NFC text, and every
sentence and token is aligned back onto that text, so that::

    doc = analyze(text)
    all(doc.text[t.start:t.end] == t.text for t in doc.tokens)

holds for any input, NFD and old tone placement included (``doc.text`` is the NFC form of
the input; :attr:`Document.normalized` maps offsets back to the input as given).

The models load once per process, on first use.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from .normalize import Normalized, to_nfc

log = logging.getLogger(__name__)

__all__ = ["Document", "Sentence", "Token", "analyze", "split_sentences", "tokenize"]


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word: one or more syllables ("tổ dân phố" is one token)."""

    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    normalized: Normalized | None = field(default=None, repr=False, compare=False)

    def sentence_of(self, offset: int) -> int | None:
        """The index of the sentence that contains ``offset``, if any."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens that lie inside ``[start, end)``."""
        return [t for t in self.tokens if t.start >= start and t.end <= end]


@cache
def _underthesea():
    """Import underthesea once; importing costs about half a second and 100 MB."""
    from underthesea import sent_tokenize, word_tokenize

    return sent_tokenize, word_tokenize


_SPACE = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")


def _align(pieces: list[str], text: str, offset: int) -> list[tuple[int, int]]:
    """Spans of ``pieces`` found in order in ``text`` (which starts at ``offset``).

    Whitespace inside a piece matches any run of whitespace in the text. A piece that
    cannot be found (underthesea changed it) is skipped and logged.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for piece in pieces:
        while pos < n and text[pos].isspace():
            pos += 1
        if text.startswith(piece, pos):
            end = pos + len(piece)
        else:
            pattern = r"\s+".join(map(re.escape, piece.split()))
            if not pattern:
                continue
            m = re.compile(pattern).search(text, pos)
            if m is None:
                log.debug("could not align %r in %r", piece, text[pos : pos + 40])
                continue
            pos, end = m.span()
        spans.append((offset + pos, offset + end))
        pos = end
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of NFC ``text``; a line break always ends a sentence."""
    sent_tokenize, _ = _underthesea()
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        for s, e in _align(sent_tokenize(chunk), chunk, line.start()):
            out.append(Sentence(text[s:e], s, e))
    return out


def tokenize(text: str, sentences: list[Sentence] | None = None) -> list[Token]:
    """Word tokens of NFC ``text`` with offsets, sentence by sentence."""
    _, word_tokenize = _underthesea()
    if sentences is None:
        sentences = split_sentences(text)
    tokens: list[Token] = []
    for i, sent in enumerate(sentences):
        words = word_tokenize(sent.text, use_token_normalize=False)
        for s, e in _align(words, sent.text, sent.start):
            tokens.append(Token(text[s:e], s, e, i))
    return tokens


def analyze(text: str) -> Document:
    """The :class:`Document` of ``text``: NFC text, sentences, and word tokens."""
    norm = to_nfc(text)
    sentences = split_sentences(norm.text)
    tokens = tokenize(norm.text, sentences)
    return Document(norm.text, tuple(sentences), tuple(tokens), norm)
