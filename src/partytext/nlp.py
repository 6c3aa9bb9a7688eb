"""Sentences, word tokens and part-of-speech tags with offsets: the only module that imports
underthesea.

underthesea returns strings, not spans, and by default rewrites them ("khoá" → "khóa").
Here it runs with ``use_token_normalize=False`` on each line of the NFC text, and every
sentence and token is aligned back onto that text.

:func:`analyze` splits the text into sentences (cheap). Words and tags are computed **lazily,
per sentence**, only for the sentences an extractor asks about, and cached on the
:class:`Document` so that nothing is computed twice or thrown away:

``doc.sentences``
    every :class:`Sentence` (``text``, ``start``, ``end``), computed by :func:`analyze`.
``doc.tagged(i) -> tuple[Token, ...]``
    the words of sentence ``i`` with their POS tags (``Token.pos``); word segmentation
    (``word_tokenize``) and the POS tagger run on that sentence on first call.
``doc.words(i) -> tuple[Token, ...]``
    the words of sentence ``i`` without tags (``pos`` is None), cheaper; served from
    ``tagged(i)`` when that was already computed.
``doc.tagged_between(start, end)``
    the tagged words that lie inside ``[start, end)`` (tags the sentences it touches).
``doc.token_at(offset)`` / ``doc.tagged_before(offset)``
    the tagged word that contains ``offset`` / that ends at or before it, or None.
``doc.tokens``
    every word of the text (all sentences), for callers that want the whole text
    (the analysis vocabulary); computed on first access.
``doc.tagged_sentences``
    how many sentences have been tagged so far (the benchmark reports it).

The offsets are exact::

    doc = analyze(text)
    all(doc.text[t.start:t.end] == t.text for t in doc.tokens)

for any input, NFD and old tone placement included (``doc.text`` is the NFC form of the
input; :attr:`Document.normalized` maps offsets back to the input as given).

POS tags are underthesea's VLSP 2013 tag set: ``N`` noun, ``Np`` proper noun, ``Nc``
classifier, ``Nu`` unit noun, ``Ny`` abbreviation, ``V`` verb, ``A`` adjective, ``P``
pronoun, ``R`` adverb, ``L`` determiner ("một số", "các"), ``M`` numeral, ``E``
preposition, ``C``/``Cc`` conjunction, ``T`` particle, ``I`` interjection, ``X`` unknown,
``CH`` punctuation. The tagger is statistical: it errs ("nghìn" is sometimes a verb), so
extractors combine the tags with their own word lists rather than trusting them alone.

The models load once per process, on first use (:func:`warm` loads them all at once).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache

from .normalize import Normalized, to_nfc

log = logging.getLogger(__name__)

__all__ = ["Document", "Sentence", "Token", "analyze", "split_sentences", "tokenize", "warm"]


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """A word: one or more syllables ("tổ dân phố" is one token), with its POS tag if tagged."""

    text: str
    start: int
    end: int
    sentence: int
    pos: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The NFC text, its sentences, and per-sentence words and tags computed on demand."""

    text: str
    sentences: tuple[Sentence, ...]
    normalized: Normalized | None = field(default=None, repr=False, compare=False)
    # sentence index -> its words (untagged) / its tagged words; filled lazily.
    _words: dict[int, tuple[Token, ...]] = field(default_factory=dict, repr=False, compare=False)
    _tagged: dict[int, tuple[Token, ...]] = field(default_factory=dict, repr=False, compare=False)

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

    def _segment(self, i: int) -> list[str]:
        _, word_tokenize, _ = _underthesea()
        return word_tokenize(self.sentences[i].text, use_token_normalize=False)

    def words(self, i: int) -> tuple[Token, ...]:
        """The words of sentence ``i`` (no tags); computed on first call, then cached."""
        if i in self._tagged:
            return self._tagged[i]
        got = self._words.get(i)
        if got is None:
            sent = self.sentences[i]
            got = tuple(Token(self.text[s:e], s, e, i) for s, e in _align(self._segment(i), sent.text, sent.start))
            self._words[i] = got
        return got

    def tagged(self, i: int) -> tuple[Token, ...]:
        """The words of sentence ``i`` with their POS tags; computed on first call, then cached."""
        got = self._tagged.get(i)
        if got is not None:
            return got
        _, _, tagger = _underthesea()
        sent = self.sentences[i]
        words = self._words.pop(i, None)
        pieces = [t.text for t in words] if words is not None else self._segment(i)
        tags = dict(zip(range(len(pieces)), (tag for _, tag in tagger.predict(pieces)))) if pieces else {}
        if words is None:
            spans = _align(pieces, sent.text, sent.start, keep_missing=True)
        else:
            spans = [(t.start, t.end) for t in words]
        got = tuple(Token(self.text[s:e], s, e, i, tags[k]) for k, (s, e) in enumerate(spans) if s >= 0)
        self._tagged[i] = got
        return got

    def _between(self, start: int, end: int, words) -> list[Token]:
        first = self.sentence_of(start)
        last = self.sentence_of(max(start, end - 1))
        if first is None or last is None:
            return []
        return [t for i in range(first, last + 1) for t in words(i) if t.start >= start and t.end <= end]

    def tagged_between(self, start: int, end: int) -> list[Token]:
        """Tagged words inside ``[start, end)``, tagging the sentences that span touches."""
        return self._between(start, end, self.tagged)

    def tagged_before(self, offset: int) -> Token | None:
        """The tagged word that ends at or before ``offset`` in its sentence (None at a sentence start)."""
        i = self.sentence_of(max(0, offset - 1))
        if i is None:
            return None
        before = [t for t in self.tagged(i) if t.end <= offset]
        return before[-1] if before else None

    def token_at(self, offset: int) -> Token | None:
        """The tagged word that contains ``offset`` (None between words or sentences)."""
        i = self.sentence_of(offset)
        if i is None:
            return None
        for t in self.tagged(i):
            if t.start <= offset < t.end:
                return t
            if t.start > offset:
                break
        return None

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Every word of the text, sentence by sentence (segments every sentence not done yet)."""
        return tuple(t for i in range(len(self.sentences)) for t in self.words(i))

    @property
    def tagged_sentences(self) -> int:
        """How many sentences have been POS-tagged so far."""
        return len(self._tagged)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Words (untagged unless already tagged) that lie inside ``[start, end)``."""
        return self._between(start, end, self.words)


@cache
def _underthesea():
    """Import underthesea once; importing costs about half a second and 100 MB.

    The POS tagger is called on words we segmented ourselves (underthesea's ``pos_tag``
    would segment again, with token normalisation that rewrites the text).
    """
    from underthesea import sent_tokenize, word_tokenize
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return sent_tokenize, word_tokenize, _LazyTagger(CRFPOSTagPredictor)


class _LazyTagger:
    """underthesea's CRF POS tagger, loaded on its first use (a process that never tags never
    loads it), with the model's features computed here.

    underthesea builds the 22 feature strings of each word by re-parsing its template and
    copying the sentence for every feature (quadratic in the sentence length: 3 ms of a
    4 ms tagging call). :func:`_pos_features` computes the same strings directly; the tags
    are identical (tests/test_nlp_offsets.py compares both on real sentences). If the model's
    template ever differs from :data:`_POS_TEMPLATE`, underthesea's own featurizer is used.
    """

    def __init__(self, factory):
        self._factory = factory
        self._model = None
        self._fast = False

    def predict(self, words: list[str]) -> list[tuple[str, str]]:
        if self._model is None:
            self._model = self._factory.Instance()
            self._fast = list(getattr(self._model.transformer, "template", ())) == list(_POS_TEMPLATE)
        if not self._fast:
            return self._model.predict(words)
        return list(zip(words, self._model.model.tag(_pos_features(words))))


# The feature template of underthesea's POS model (pipeline/pos_tag/model_crf.py).
_POS_TEMPLATE = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
)


def _istitle(word: str) -> str:
    """underthesea's ``text_istitle``: every space-separated part starts with a title letter."""
    if not word:
        return "False"
    try:
        return str(all(part[0].istitle() for part in word.split(" ")))
    except IndexError:
        return "False"


def _pos_features(words: list[str]) -> list[list[str]]:
    """The feature strings underthesea's POS model reads, for each word (same values, same order)."""
    n = len(words)
    low = [w.lower() for w in words]
    title = [_istitle(w) for w in words]

    def one(i: int, k: int, column: list[str]) -> str:
        j = i + k
        return "BOS" if j < 0 else "EOS" if j >= n else column[j]

    def two(i: int, a: int, b: int, column: list[str] | None) -> str:
        if i + a < 0:
            return "BOS"
        if i + a >= n or i + b >= n:
            return "EOS"
        return " ".join(column[i + a:i + b + 1]) if column is not None else " ".join(["X"] * (b - a + 1))

    xs = ["X"] * n
    out = []
    for i in range(n):
        out.append([
            f"T[-2].lower={one(i, -2, low)}", f"T[-1].lower={one(i, -1, low)}", f"T[0].lower={low[i]}",
            f"T[1].lower={one(i, 1, low)}", f"T[2].lower={one(i, 2, low)}",
            f"T[0].istitle={title[i]}", f"T[-1].istitle={one(i, -1, title)}", f"T[1].istitle={one(i, 1, title)}",
            f"T[-2]={one(i, -2, words)}", f"T[-1]={one(i, -1, words)}", f"T[0]={words[i]}",
            f"T[1]={one(i, 1, words)}", f"T[2]={one(i, 2, words)}",
            f"T[-2,-1]={two(i, -2, -1, words)}", f"T[-1,0]={two(i, -1, 0, words)}",
            f"T[0,1]={two(i, 0, 1, words)}", f"T[1,2]={two(i, 1, 2, words)}",
            f"T[-3][1]={one(i, -3, xs)}", f"T[-2][1]={one(i, -2, xs)}", f"T[-1][1]={one(i, -1, xs)}",
            f"T[-3,-2][1]={two(i, -3, -2, None)}", f"T[-2,-1][1]={two(i, -2, -1, None)}",
        ])
    return out


_LINE = re.compile(r"[^\n]+")


def _align(pieces: list[str], text: str, offset: int, *, keep_missing: bool = False) -> list[tuple[int, int]]:
    """Spans of ``pieces`` found in order in ``text`` (which starts at ``offset``).

    Whitespace inside a piece matches any run of whitespace in the text. A piece that
    cannot be found (underthesea changed it) is skipped and logged; with ``keep_missing``
    it gives ``(-1, -1)`` instead, so that spans stay parallel to ``pieces``.
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
            m = re.compile(pattern).search(text, pos) if pattern else None
            if m is None:
                log.debug("could not align %r in %r", piece, text[pos : pos + 40])
                if keep_missing:
                    spans.append((-1, -1))
                continue
            pos, end = m.span()
        spans.append((offset + pos, offset + end))
        pos = end
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of NFC ``text``; a line break always ends a sentence."""
    sent_tokenize = _underthesea()[0]
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        if not chunk.strip():
            continue
        for s, e in _align(sent_tokenize(chunk), chunk, line.start()):
            out.append(Sentence(text[s:e], s, e))
    return out


def tokenize(text: str, sentences: list[Sentence] | None = None) -> list[Token]:
    """Word tokens of NFC ``text`` with offsets, sentence by sentence (no tags)."""
    doc = Document(text, tuple(sentences if sentences is not None else split_sentences(text)))
    return list(doc.tokens)


def warm() -> None:
    """Load every underthesea model this module uses (sentences, words, POS tags) now, rather
    than on first use: for pool workers before their first file."""
    analyze("Khởi động 2 lần.").tagged(0)


def analyze(text: str) -> Document:
    """The :class:`Document` of ``text``: NFC text and sentences; words and tags on demand."""
    norm = to_nfc(text)
    return Document(norm.text, tuple(split_sentences(norm.text)), norm)
