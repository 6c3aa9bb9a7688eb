"""TF-IDF vectors over underthesea words: a scikit-learn estimator.

``NewsVectorizer`` takes documents already split into terms (see :mod:`.terms`): feeding
whole words rather than syllables keeps "cơ_sở" and "tổ_chức" as single features. It
follows the scikit-learn contract: ``__init__`` only stores settings, :meth:`fit` returns
``self``, learned state ends in ``_`` (``vocabulary_``, ``terms_``, ``idf_``).

The fitted state is plain arrays (no pickle): :meth:`state` and :meth:`from_state`
round-trip it through ``numpy.savez`` files that load with ``allow_pickle=False``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.exceptions import NotFittedError
from sklearn.preprocessing import normalize

from .terms import stopwords

log = logging.getLogger(__name__)

#: Below this many documents, min_df and max_df are not applied: on a handful of
#: articles they would prune most of the vocabulary.
MIN_DOCS_FOR_DF = 20


class NewsVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF over term lists, with a stop list for Vietnamese news.

    Parameters
    ----------
    min_df, max_df:
        keep terms found in at least ``min_df`` documents (a count) and at most ``max_df``
        of them (a share); applied from :data:`MIN_DOCS_FOR_DF` documents up.
    sublinear_tf:
        weight a term by ``1 + log(count)`` (a word said ten times is not ten times the topic).
    stop_words:
        "vietnamese" (the packaged list), None, or a collection of terms.
    max_features:
        keep only the most frequent terms (None: all).

    >>> vec = NewsVectorizer().fit([["đảng_viên", "chi_bộ"], ["đảng_viên", "kinh_tế"]])
    >>> vec.transform([["chi_bộ", "chi_bộ"]]).shape
    (1, 3)
    """

    def __init__(self, *, min_df: int = 2, max_df: float = 0.5, sublinear_tf: bool = True,
                 stop_words: str | Iterable[str] | None = "vietnamese", max_features: int | None = None):
        self.min_df = min_df
        self.max_df = max_df
        self.sublinear_tf = sublinear_tf
        self.stop_words = stop_words
        self.max_features = max_features

    # -- fitting --------------------------------------------------------------------------

    def _stop_set(self) -> frozenset[str]:
        if self.stop_words is None:
            return frozenset()
        if isinstance(self.stop_words, str):
            if self.stop_words != "vietnamese":
                raise ValueError(f"Unknown stop list {self.stop_words!r}: use 'vietnamese', None or a set of terms")
            return stopwords()
        return frozenset(self.stop_words)

    def fit(self, docs: Sequence[Sequence[str]], y=None) -> NewsVectorizer:
        """Learn the vocabulary and the inverse document frequencies of ``docs``."""
        self.fit_counts(self._vocabulary_counts(docs))
        return self

    def _vocabulary_counts(self, docs: Sequence[Sequence[str]]) -> tuple[list[str], sparse.csr_matrix]:
        stop = self._stop_set()
        index: dict[str, int] = {}
        indptr, indices = [0], []
        for doc in docs:
            for term in doc:
                if term not in stop:
                    indices.append(index.setdefault(term, len(index)))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.int32)
        counts = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                                   shape=(len(docs), len(index)))
        counts.sum_duplicates()
        terms = sorted(index, key=index.__getitem__)
        return terms, counts

    def fit_counts(self, terms_and_counts: tuple[list[str], sparse.csr_matrix]) -> NewsVectorizer:
        """Fit from a vocabulary and a document-term count matrix over it."""
        terms, counts = terms_and_counts
        n_docs = counts.shape[0]
        if n_docs == 0:
            raise ValueError("Cannot fit on zero documents")
        df = np.bincount(counts.indices, minlength=counts.shape[1])
        keep = df > 0
        if n_docs >= MIN_DOCS_FOR_DF:
            keep &= (df >= self.min_df) & (df <= self.max_df * n_docs)
        kept = np.flatnonzero(keep)
        if self.max_features is not None and len(kept) > self.max_features:
            totals = np.asarray(counts.sum(axis=0)).ravel()[kept]
            kept = np.sort(kept[np.argsort(-totals, kind="stable")[: self.max_features]])
        if len(kept) == 0:
            raise ValueError("No terms left after the stop list and the document-frequency bounds")
        order = sorted(kept, key=lambda i: terms[i])
        self.terms_ = np.array([terms[i] for i in order], dtype=object)
        self.vocabulary_ = {t: j for j, t in enumerate(self.terms_)}
        # smooth idf, as scikit-learn's TfidfTransformer: ln((1 + n) / (1 + df)) + 1
        self.idf_ = np.log((1 + n_docs) / (1 + df[order].astype(np.float64))) + 1.0
        self.n_docs_ = n_docs
        log.debug("vocabulary: %d terms kept of %d", len(order), len(terms))
        return self

    # -- transforming ---------------------------------------------------------------------

    def _check_fitted(self) -> None:
        if not hasattr(self, "idf_"):
            raise NotFittedError("NewsVectorizer is not fitted yet: call fit() first")

    def counts(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Document-term counts over the fitted vocabulary (unknown terms ignored)."""
        self._check_fitted()
        vocab = self.vocabulary_
        indptr, indices = [0], []
        for doc in docs:
            indices.extend(j for t in doc if (j := vocab.get(t)) is not None)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.int32)
        m = sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                              shape=(len(docs), len(vocab)))
        m.sum_duplicates()
        return m

    def weigh(self, counts: sparse.spmatrix) -> sparse.csr_matrix:
        """TF-IDF rows of unit length from a count matrix over the vocabulary."""
        self._check_fitted()
        tf = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
        if self.sublinear_tf:
            np.log(tf.data, out=tf.data)
            tf.data += 1.0
        return normalize(tf @ sparse.diags(self.idf_), norm="l2", copy=False).tocsr()

    def transform(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """TF-IDF rows of unit length, one per document."""
        return self.weigh(self.counts(docs))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        self._check_fitted()
        return self.terms_.copy()

    # -- persistence without pickle --------------------------------------------------------

    def state(self) -> dict[str, np.ndarray]:
        """The fitted state as arrays (terms as a unicode array), for ``numpy.savez``."""
        self._check_fitted()
        return {"terms": self.terms_.astype(str), "idf": self.idf_, "n_docs": np.array(self.n_docs_)}

    @classmethod
    def from_state(cls, state, **settings) -> NewsVectorizer:
        """A fitted vectorizer from :meth:`state` arrays."""
        vec = cls(**settings)
        vec.terms_ = np.array([str(t) for t in state["terms"]], dtype=object)
        vec.vocabulary_ = {t: j for j, t in enumerate(vec.terms_)}
        vec.idf_ = np.asarray(state["idf"], dtype=np.float64)
        vec.n_docs_ = int(state["n_docs"])
        return vec
