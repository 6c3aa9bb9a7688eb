"""Analysis over an archive with scikit-learn: related articles, near-duplicates, topics,
keywords and trends.

>>> import partytext as pt
>>> pt.related("party.db", "3f2a…", limit=5)            # doctest: +SKIP
>>> pt.duplicates("party.db", threshold=0.5)             # doctest: +SKIP
>>> pt.topics("party.db", k=8)                            # doctest: +SKIP
>>> pt.trend("party.db", '"đảng viên"', by="year", plot="trend.png")  # doctest: +SKIP

Vectors are TF-IDF over underthesea words (multi-syllable words whole) minus a stop list
for Vietnamese news (:mod:`.vectors`, :mod:`.terms`). Near-duplicates use MinHash/LSH over
syllable shingles (:mod:`.minhash`). The fitted model is saved beside the archive and
reused until the archive changes (:mod:`.model`). Each function takes an archive path,
a ``postgresql://`` URL, or an open :class:`~partytext.archive.Archive`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..archive import open_archive
from ..archive.base import Archive
from ..errors import ArchiveError, InputError
from .results import DuplicateGroup, Related, Topic, TrendPoint
from .timeline import PERIODS, fill_gaps, plot_png

if TYPE_CHECKING:
    from .model import VectorModel

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_THRESHOLD",
    "DuplicateGroup",
    "NewsVectorizer",
    "Related",
    "Topic",
    "TrendPoint",
    "duplicates",
    "fit",
    "keywords",
    "related",
    "topics",
    "trend",
]

#: Default Jaccard threshold of :func:`duplicates` (see :data:`.minhash.DEFAULT_THRESHOLD`).
DEFAULT_THRESHOLD = 0.5



def __getattr__(name: str) -> Any:
    if name == "NewsVectorizer":  # imported on demand: scikit-learn is heavy
        from .vectors import NewsVectorizer

        return NewsVectorizer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Borrowed:
    """Open ``db`` for one call, unless it is already an open archive."""

    def __init__(self, db: Any) -> None:
        self.owned = not isinstance(db, Archive)
        self.arc = open_archive(db, create=False)  # analysis only reads the archive

    def __enter__(self) -> Archive:
        return self.arc

    def __exit__(self, *exc: Any) -> None:
        if self.owned:
            self.arc.close()


def fit(db: Any, *, model_dir: str | Path | None = None, workers: int = 1, progress=None) -> VectorModel:
    """The fitted vector model of ``db``: loaded when the archive has not changed since it
    was saved, fitted (tokenizing only new or edited articles) otherwise. Fitting also
    stores each article's keywords in the archive."""
    from .model import vector_model

    with _Borrowed(db) as arc:
        return vector_model(arc, folder=model_dir, workers=workers, progress=progress)


def _row(model: VectorModel, id: str) -> int:
    row = model.row_of(id)
    if row is not None:
        return row
    ids = [a["id"] for a in model.articles]
    matches = [i for i, x in enumerate(ids) if x.startswith(id)] if len(id) >= 6 else []
    if len(matches) == 1:
        return matches[0]
    hint = "it matches several; give more characters" if matches else "find ids with `partytext search DB QUERY --format jsonl`"
    raise ArchiveError(f"No article with id {id!r} in the archive: {hint}")


def related(db: Any, id: str, limit: int = 10, *, model_dir: str | Path | None = None, workers: int = 1,
            progress=None) -> list[Related]:
    """The ``limit`` articles most similar to article ``id`` (TF-IDF cosine), best first.

    ``id`` is an archive id or a unique prefix of one (6 characters or more).
    """
    if int(limit) < 1:
        raise InputError("limit must be 1 or more")
    import numpy as np

    model = fit(db, model_dir=model_dir, workers=workers, progress=progress)
    row = _row(model, id)
    x = model.tfidf
    scores = (x @ x.getrow(row).T).toarray().ravel()
    scores[row] = -1.0
    order = np.argsort(-scores, kind="stable")[: int(limit)]
    out = []
    for i in order:
        if scores[i] <= 0:
            break
        a = model.articles[i]
        out.append(Related(id=a["id"], score=round(float(scores[i]), 4), title=a.get("title"), site=a.get("site"),
                           source=a.get("source"), url=a.get("url"), published=a.get("published")))
    return out


def keywords(db: Any, id: str, *, model_dir: str | Path | None = None) -> list[tuple[str, float]]:
    """The keywords of article ``id`` as stored in the archive (fitting the model first if
    the archive changed since): ``[(word, tf-idf weight)]``, highest first."""
    from .model import vector_model

    with _Borrowed(db) as arc:
        model = vector_model(arc, folder=model_dir)
        return arc.keywords(model.articles[_row(model, id)]["id"])


def duplicates(db: Any, threshold: float = DEFAULT_THRESHOLD, *, model_dir: str | Path | None = None,
               progress=None) -> list[DuplicateGroup]:
    """Groups of near-duplicate articles, largest first: articles whose 4-syllable shingle
    sets have a Jaccard index ≥ ``threshold`` (0–1), joined transitively.

    Candidates come from MinHash/LSH, so the cost grows with the number of similar
    pairs, not with all pairs; each candidate is verified exactly.
    """
    from . import minhash as D
    from .model import shingle_index

    threshold = float(threshold)
    if not 0 < threshold <= 1:
        raise InputError(f"threshold must be in (0, 1], not {threshold}: try 0.5")
    with _Borrowed(db) as arc:
        idx = shingle_index(arc, folder=model_dir, progress=progress)
    pairs = D.similar_pairs(idx.shingles, idx.signatures, threshold)
    out = []
    for n, (members, low, high) in enumerate(D.groups(len(idx.articles), pairs), start=1):
        arts = [idx.articles[i] for i in sorted(members)]
        out.append(DuplicateGroup(group=n, ids=tuple(a["id"] for a in arts), titles=tuple(a.get("title") for a in arts),
                                  sources=tuple(a.get("source") for a in arts), sites=tuple(a.get("site") for a in arts),
                                  similarity=low, highest=high))
    return out


def topics(db: Any, k: int = 10, *, method: str = "nmf", words: int = 10, model_dir: str | Path | None = None,
           workers: int = 1, progress=None) -> list[Topic]:
    """``k`` topics of the archive (NMF, or ``method="lda"``), largest first, each with
    its top ``words``, its share of the archive and its share per month."""
    from .model import model_dir as folder_of
    from .model import vector_model
    from .topicmodel import METHODS, fit_topics

    if method not in METHODS:  # before the vectors are built
        raise InputError(f"Unknown topic method {method!r}: use one of {', '.join(METHODS)}")

    with _Borrowed(db) as arc:
        model = vector_model(arc, folder=model_dir, workers=workers, progress=progress)
        folder = folder_of(arc, model_dir)
    return fit_topics(model, int(k), method, folder=folder, words=int(words))


def trend(db: Any, query: str, by: str = "month", plot: str | Path | None = None, **filters: Any
          ) -> list[TrendPoint]:
    """Articles matching ``query`` per month ("YYYY-MM") or year ("YYYY"), gaps filled
    with 0; ``plot`` writes a PNG bar chart there too. ``filters`` are those of
    :meth:`~partytext.archive.Archive.trend` (site, date_from, date_to, province)."""
    if by not in PERIODS:
        raise InputError(f"Unknown period {by!r}: use month or year")
    with _Borrowed(db) as arc:
        points = fill_gaps(arc.trend(query, by=by, **filters))
    if plot is not None:
        plot_png(points, plot, title=f"Articles matching {query} per {by}")
    return points
