"""Topics: NMF over TF-IDF (default) or LDA over counts, with each topic's weight per month.

A topic is a weighted set of terms; each article is a mixture of topics. A topic's
``weight`` is its share of the whole archive (the mean, over articles, of the article's
share in it); its ``months`` give the same share among the articles published that month
(undated articles count in ``weight`` only), so a month's topic shares add up to 1.
Fitted topic models are cached beside the vector model, per method and k.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from ..errors import InputError
from .model import VectorModel, load_npz, save_npz
from .results import Topic
from .terms import display

#: Topic models of :func:`partytext.analysis.topics`.
METHODS = ("nmf", "lda")

log = logging.getLogger(__name__)


#: "YYYY-MM" at the start of an ISO publication date.
MONTH = re.compile(r"^(\d{4}-\d{2})")


def _fit(model: VectorModel, k: int, method: str) -> tuple[np.ndarray, np.ndarray]:
    """(components k×terms, document weights n×k)."""
    if method == "nmf":
        from sklearn.decomposition import NMF

        est = NMF(n_components=k, init="nndsvda", random_state=0, max_iter=400)
        doc = est.fit_transform(model.tfidf)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        est = LatentDirichletAllocation(n_components=k, random_state=0, learning_method="batch", max_iter=30)
        doc = est.fit_transform(model.counts)
    return est.components_, doc


def fit_topics(model: VectorModel, k: int, method: str = "nmf", *, folder: Path | None = None,
               words: int = 10) -> list[Topic]:
    """The ``k`` topics of ``model`` (cached in ``folder`` as ``topics-METHOD-K.npz``)."""
    if method not in METHODS:
        raise InputError(f"Unknown topic method {method!r}: use one of {', '.join(METHODS)}")
    n = model.counts.shape[0]
    if not 1 <= k <= n:
        raise InputError(f"k must be between 1 and the number of articles ({n}), not {k}: pass a smaller --k")
    path = folder / f"topics-{method}-{k}.npz" if folder else None
    expect = {"k": k, "method": method, "terms": int(model.counts.shape[1])}
    loaded = load_npz(path, model.fingerprint, expect)
    if loaded:
        components, doc = loaded[1]["components"], loaded[1]["doc"]
    else:
        log.info("fitting %d %s topics over %d articles", k, method.upper(), n)
        components, doc = _fit(model, k, method)
        save_npz(path, {"fingerprint": model.fingerprint, **expect}, {"components": components, "doc": doc})
    return describe(model, components, doc, words=words)


def describe(model: VectorModel, components: np.ndarray, doc: np.ndarray, *, words: int = 10) -> list[Topic]:
    terms = model.vectorizer.terms_
    totals = doc.sum(axis=1, keepdims=True)
    shares = np.divide(doc, totals, out=np.zeros_like(doc), where=totals > 0)
    dominant = np.bincount(doc.argmax(axis=1)[totals.ravel() > 0], minlength=doc.shape[1])
    months: dict[str, list[int]] = {}
    for i, a in enumerate(model.articles):
        m = MONTH.match(a.get("published") or "")
        if m:
            months.setdefault(m.group(1), []).append(i)
    out = []
    for t in range(components.shape[0]):
        top = np.argsort(-components[t], kind="stable")[:words]
        per_month = {m: round(float(shares[rows, t].mean()), 4) for m, rows in sorted(months.items())}
        out.append(Topic(topic=t + 1, words=tuple(display(terms[j]) for j in top if components[t, j] > 0),
                         weight=round(float(shares[:, t].mean()), 4), articles=int(dominant[t]), months=per_month))
    out.sort(key=lambda tp: -tp.weight)
    return [Topic(i + 1, tp.words, tp.weight, tp.articles, tp.months) for i, tp in enumerate(out)]
