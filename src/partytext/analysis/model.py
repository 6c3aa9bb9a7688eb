"""The fitted corpus model of an archive, persisted beside it and reused until it changes.

Two indexes are built from an archive, each on first use:

* :class:`VectorModel`: underthesea terms → :class:`~.vectors.NewsVectorizer` counts and
  TF-IDF (related articles, topics, keywords). Tokenizing is the slow part, so the term
  lists are cached too (``tokens.jsonl.gz``, keyed by article id + text hash + tokenizer
  version): after a change only new or edited articles are tokenized again.
* :class:`ShingleIndex`: MinHash signatures for near-duplicates (no tokenizer needed).

Where they live (:func:`model_dir`): ``<db>.model/`` beside a SQLite file; for PostgreSQL,
``$PARTYTEXT_CACHE_DIR`` (default ``~/.cache/partytext/models``) in a folder named by a
hash of the URL without its password; nowhere for ``:memory:`` (rebuilt on each call).
Each file records the archive's :meth:`~partytext.archive.Archive.fingerprint`; a file
from another fingerprint is rebuilt.

**No pickle.** Everything is JSON or ``numpy.savez`` arrays read with
``allow_pickle=False``: opening a model folder never runs code from it. Still, treat the
model folder like the archive itself (it holds titles and words of every article).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from scipy import sparse

from ..errors import ArchiveError
from . import minhash as D
from .terms import article_terms, display, stopwords, text_hash, tokenizer_signature
from .vectors import NewsVectorizer

log = logging.getLogger(__name__)

FORMAT = 1
CACHE_ENV = "PARTYTEXT_CACHE_DIR"

#: Article fields kept in the model (the text stays in the archive).
META_FIELDS = ("id", "source", "url", "site", "title", "published")

#: Keywords stored per article in the archive when the vectors are fitted.
KEYWORDS_PER_ARTICLE = 10

Progress = Callable[[Iterable], Iterable] | None


def model_dir(arc, override: str | Path | None = None) -> Path | None:
    """Where the model of ``arc`` is kept (None: in memory only)."""
    if override is not None:
        return Path(override)
    loc = str(arc.location)
    if arc.backend == "sqlite":
        return None if loc == ":memory:" else Path(loc + ".model")
    parts = urlsplit(loc)
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc += f":{parts.port}"
    key = hashlib.sha1(urlunsplit((parts.scheme, netloc, parts.path, "", "")).encode()).hexdigest()[:16]
    root = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "partytext" / "models")
    return root / f"pg-{key}"


def _atomic_write(path: Path, write: Callable[[Any], None], mode: str = "wb") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, mode) as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _save_npz(path: Path | None, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    if path is None:
        return
    try:
        _atomic_write(path, lambda fh: np.savez(fh, meta=np.array(json.dumps(meta, ensure_ascii=False)), **arrays))
    except OSError as exc:
        log.warning("could not save %s (%s); it will be rebuilt next time", path, exc)


def _load_npz(path: Path | None, fingerprint: str, expect: dict[str, Any] | None = None
              ) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The meta and arrays of ``path`` if it was built for ``fingerprint`` (and the
    settings in ``expect``)."""
    if path is None or not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            wanted = {"format": FORMAT, "fingerprint": fingerprint, **(expect or {})}
            if any(meta.get(k) != v for k, v in wanted.items()):
                log.info("%s is out of date; rebuilding", path)
                return None
            return meta, {k: data[k] for k in data.files if k != "meta"}
    except (OSError, ValueError, KeyError) as exc:
        log.warning("ignoring unreadable model file %s (%s)", path, exc)
        return None


def _articles(arc) -> Iterable[dict[str, Any]]:
    try:
        yield from arc.iter_articles()
    except ArchiveError:
        raise
    except Exception as exc:  # pragma: no cover - backend errors are translated by the archive
        raise ArchiveError(f"Cannot read the articles of {arc.location}: {exc}") from exc


def _require_articles(arc, n: int) -> None:
    if n == 0:
        raise ArchiveError("The archive has no articles: add some first with `partytext index DB PATH...`")


# -- the token cache --------------------------------------------------------------------


class TokenCache:
    """Term lists by (article id, text hash), in ``tokens.jsonl.gz`` (in memory without a folder)."""

    NAME = "tokens.jsonl.gz"

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / self.NAME if folder else None
        self.entries: dict[tuple[str, str], list[str]] = {}
        if self.path and self.path.exists():
            self._read()

    def _read(self) -> None:
        try:
            with gzip.open(self.path, "rt", encoding="utf-8") as fh:
                header = json.loads(fh.readline() or "{}")
                if header.get("tokenizer") != tokenizer_signature():
                    log.info("token cache %s is from another tokenizer; tokenizing again", self.path)
                    return
                for line in fh:
                    row = json.loads(line)
                    self.entries[(row["id"], row["hash"])] = row["terms"]
        except (OSError, ValueError, KeyError, EOFError) as exc:
            log.warning("ignoring unreadable token cache %s (%s)", self.path, exc)
            self.entries = {}

    def save(self, keep: Iterable[tuple[str, str]]) -> None:
        """Write the entries for ``keep`` (the archive's current articles) and drop the rest."""
        if self.path is None:
            return

        def write(raw) -> None:
            with gzip.open(raw, "wt", encoding="utf-8", compresslevel=5) as fh:
                fh.write(json.dumps({"tokenizer": tokenizer_signature()}) + "\n")
                for key in keep:
                    if key in self.entries:
                        fh.write(json.dumps({"id": key[0], "hash": key[1], "terms": self.entries[key]},
                                            ensure_ascii=False) + "\n")
        try:
            _atomic_write(self.path, write)
        except OSError as exc:
            log.warning("could not save the token cache %s (%s)", self.path, exc)


# -- the vector model -------------------------------------------------------------------


@dataclass
class VectorModel:
    """TF-IDF over the archive's articles, rows in ``articles`` order."""

    fingerprint: str
    articles: list[dict[str, Any]]
    vectorizer: NewsVectorizer
    counts: sparse.csr_matrix
    _tfidf: sparse.csr_matrix | None = field(default=None, repr=False)

    @property
    def tfidf(self) -> sparse.csr_matrix:
        if self._tfidf is None:
            self._tfidf = self.vectorizer.weigh(self.counts)
        return self._tfidf

    def row_of(self, article_id: str) -> int | None:
        for i, a in enumerate(self.articles):
            if a["id"] == article_id:
                return i
        return None

    def keywords(self, row: int, limit: int = KEYWORDS_PER_ARTICLE) -> list[tuple[str, float]]:
        """The ``limit`` highest-weighted terms of one article, as readers write them."""
        vec = self.tfidf.getrow(row)
        order = np.argsort(-vec.data, kind="stable")[:limit]
        terms = self.vectorizer.terms_
        return [(display(terms[vec.indices[k]]), round(float(vec.data[k]), 4)) for k in order]


def vector_model(arc, *, folder: str | Path | None = None, workers: int = 1, progress: Progress = None,
                 store_keywords: bool = True) -> VectorModel:
    """The fitted :class:`VectorModel` of ``arc``: loaded if current, fitted (and saved) if not.

    Fitting tokenizes the articles missing from the token cache (``workers`` processes,
    ``progress`` wraps the stream) and, with ``store_keywords``, writes each article's
    keywords to the archive (:meth:`~partytext.archive.Archive.set_keywords`).
    """
    folder = model_dir(arc, folder)
    fingerprint = arc.fingerprint()
    path = folder / "vectors.npz" if folder else None
    expect = {"stoplist": _stoplist_hash(), "tokenizer": tokenizer_signature()}
    loaded = _load_npz(path, fingerprint, expect)
    if loaded:
        meta, arrays = loaded
        vec = NewsVectorizer.from_state(arrays, **meta["settings"])
        counts = sparse.csr_matrix((arrays["data"], arrays["indices"], arrays["indptr"]),
                                   shape=tuple(arrays["shape"]))
        log.debug("loaded the vector model from %s", path)
        return VectorModel(fingerprint, meta["articles"], vec, counts)

    cache = TokenCache(folder)
    articles, keys, todo = [], [], []
    for a in _articles(arc):
        key = (a["id"], text_hash(a["text"] or ""))
        articles.append({f: a.get(f) for f in META_FIELDS})
        keys.append(key)
        if key not in cache.entries:
            todo.append((key, a["text"] or ""))
    _require_articles(arc, len(articles))
    log.info("fitting the vector model of %s: %d article(s), %d to tokenize", arc.location, len(articles), len(todo))
    for key, terms in article_terms([(k, t) for k, t in todo], workers=workers, progress=progress):
        cache.entries[tuple(key)] = terms
    cache.save(keys)
    docs = [cache.entries[k] for k in keys]
    try:
        vec = NewsVectorizer().fit(docs)
    except ValueError as exc:
        raise ArchiveError(f"Cannot compare the articles of {arc.location}: {exc}. Add more articles "
                           "(the analysis needs words beyond the stop list)") from exc
    counts = vec.counts(docs)
    model = VectorModel(fingerprint, articles, vec, counts)
    meta = {"format": FORMAT, "fingerprint": fingerprint, **expect, "articles": articles,
            "settings": vec.get_params()}
    if not isinstance(meta["settings"]["stop_words"], (str, type(None))):
        meta["settings"]["stop_words"] = sorted(meta["settings"]["stop_words"])
    _save_npz(path, meta, {**vec.state(), "data": counts.data, "indices": counts.indices,
                           "indptr": counts.indptr, "shape": np.array(counts.shape)})
    if store_keywords:
        for i, a in enumerate(articles):
            arc.set_keywords(a["id"], model.keywords(i))
    return model


# -- the shingle index ------------------------------------------------------------------


@dataclass
class ShingleIndex:
    """Shingle sets and MinHash signatures of the archive's articles, in ``articles`` order."""

    fingerprint: str
    articles: list[dict[str, Any]]
    shingles: list[np.ndarray]
    signatures: np.ndarray


def shingle_index(arc, *, folder: str | Path | None = None, progress: Progress = None) -> ShingleIndex:
    """The :class:`ShingleIndex` of ``arc``: loaded if current, built (and saved) if not."""
    folder = model_dir(arc, folder)
    fingerprint = arc.fingerprint()
    path = folder / "shingles.npz" if folder else None
    expect = {"shingle": D.SHINGLE, "num_perm": D.NUM_PERM}
    loaded = _load_npz(path, fingerprint, expect)
    if loaded:
        meta, arrays = loaded
        bounds = arrays["offsets"]
        flat = arrays["hashes"]
        sets = [flat[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
        return ShingleIndex(fingerprint, meta["articles"], sets, arrays["signatures"])
    articles, sets = [], []
    items: Iterable = _articles(arc)
    for a in (progress(items) if progress else items):
        articles.append({f: a.get(f) for f in META_FIELDS})
        sets.append(D.shingles(a["text"] or ""))
    _require_articles(arc, len(articles))
    signatures = np.vstack([D.signature(s) for s in sets])
    offsets = np.cumsum([0] + [len(s) for s in sets])
    flat = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    meta = {"format": FORMAT, "fingerprint": fingerprint, **expect, "articles": articles}
    _save_npz(path, meta, {"hashes": flat, "offsets": offsets, "signatures": signatures})
    return ShingleIndex(fingerprint, articles, sets, signatures)


def _stoplist_hash() -> str:
    return hashlib.sha1("\n".join(sorted(stopwords())).encode()).hexdigest()[:12]


def load_npz(path: Path | None, fingerprint: str, expect: dict[str, Any] | None = None):
    """The cache reader, for the topic models (see :mod:`.topicmodel`)."""
    return _load_npz(path, fingerprint, expect)


def save_npz(path: Path | None, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    _save_npz(path, {"format": FORMAT, **meta}, arrays)
