"""Near-duplicate articles: MinHash signatures and locality-sensitive hashing (LSH).

Party news is syndicated from site to site with small edits: a reworded title, another
byline, a different photo caption, a sentence added or cut. Two such copies share most
of their word sequences, so an article is compared as its set of **shingles**: every run
of :data:`SHINGLE` syllables of its folded text (lower case, no marks, đ→d, punctuation
dropped), and the similarity of two articles is the Jaccard index of their shingle sets.

Comparing every pair costs n²; instead each article gets a MinHash signature of
:data:`NUM_PERM` values (the probability that two signatures agree at a position equals
the Jaccard index), the signature is cut into bands, and only articles that agree on a
whole band become candidates (LSH). The band width is chosen from the threshold so that a
pair at the threshold is a candidate with probability at least :data:`CANDIDATE_RECALL`.
Candidates are then verified with their exact Jaccard index, so LSH never adds a false
pair; it can only (rarely) miss one.
"""

from __future__ import annotations

import logging
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..normalize import fold, nfc

log = logging.getLogger(__name__)

#: Syllables per shingle. 4 tolerates small edits (each changed syllable spoils at most
#: 4 shingles) while unrelated articles on the same subject rarely share 4-syllable runs
#: beyond set phrases ("tổ chức cơ sở đảng").
SHINGLE = 4

#: MinHash signature length; more values, a finer estimate of the Jaccard index.
NUM_PERM = 128

#: Chance that a pair exactly at the threshold becomes an LSH candidate.
CANDIDATE_RECALL = 0.995

#: Default Jaccard threshold: re-posts with a new title, byline, caption and one changed
#: sentence score 0.6–0.95 on the real corpus; distinct articles on one event stay below 0.3
#: (see docs/analysis.md and scripts/eval_duplicates.py).
DEFAULT_THRESHOLD = 0.5

#: A syllable: letters and digits (the folded text has no marks left).
SYLLABLE = re.compile(r"[a-z0-9]+")

_SEED = 20240611


def shingles(text: str, size: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of the ``size``-syllable runs of ``text`` (sorted).

    A text shorter than ``size`` syllables is one shingle; an empty text has none.
    """
    sylls = SYLLABLE.findall(fold(nfc(text)).lower())
    grams = {" ".join(sylls[i:i + size]) for i in range(max(1, len(sylls) - size + 1))} if sylls else set()
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams)))


def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(_SEED)
    a = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64, endpoint=True)
    return a, b


#: Signature value of an article without shingles (never a candidate).
EMPTY = np.iinfo(np.uint32).max


def signature(shingle_hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of one shingle set: ``num_perm`` uint32 values.

    Each permutation is a multiply-add-shift hash, ``((a·x + b) mod 2⁶⁴) >> 32`` with odd
    random ``a`` (Dietzfelbinger's universal family for 32-bit keys); numpy's uint64
    arithmetic wraps modulo 2⁶⁴ by itself.
    """
    if len(shingle_hashes) == 0:
        return np.full(num_perm, EMPTY, dtype=np.uint32)
    a, b = _permutations(num_perm)
    x = shingle_hashes.astype(np.uint64)[:, None]
    h = (a * x + b) >> np.uint64(32)
    return h.min(axis=0).astype(np.uint32)


def bands_for(threshold: float, num_perm: int = NUM_PERM, recall: float = CANDIDATE_RECALL) -> tuple[int, int]:
    """(bands, rows): the widest bands whose candidate chance at ``threshold`` is ≥ ``recall``."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows  # a few signature values may go unused
        if 1 - (1 - threshold ** rows) ** bands >= recall:
            best = (bands, rows)
    return best


def candidate_pairs(signatures: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """Index pairs (i < j) that agree on at least one whole band."""
    n, num_perm = signatures.shape
    bands, rows = bands_for(threshold, num_perm)
    empty = (signatures == EMPTY).all(axis=1)
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        chunk = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
        for i in range(n):
            if not empty[i]:
                buckets[chunk[i].tobytes()].append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    log.debug("LSH: %d bands of %d rows, %d candidate pair(s) among %d articles", bands, rows, len(pairs), n)
    return pairs


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard index of two sorted shingle-hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True, slots=True)
class Pair:
    i: int
    j: int
    similarity: float


def similar_pairs(shingle_sets: Sequence[np.ndarray], signatures: np.ndarray, threshold: float) -> list[Pair]:
    """Pairs with an exact Jaccard index ≥ ``threshold``, found through LSH candidates."""
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    out = []
    for i, j in sorted(candidate_pairs(signatures, threshold)):
        s = jaccard(shingle_sets[i], shingle_sets[j])
        if s >= threshold:
            out.append(Pair(i, j, round(s, 4)))
    return out


def groups(n: int, pairs: Iterable[Pair]) -> list[tuple[list[int], float, float]]:
    """Connected groups of ``pairs`` as (members, lowest, highest similarity), largest first."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    scores: dict[int, list[float]] = defaultdict(list)
    pairs = list(pairs)
    for p in pairs:
        ri, rj = find(p.i), find(p.j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = defaultdict(list)
    for p in pairs:
        scores[find(p.i)].append(p.similarity)
    for i in range(n):
        members[find(i)].append(i)
    out = [(m, min(scores[r]), max(scores[r])) for r, m in members.items() if len(m) > 1]
    out.sort(key=lambda g: (-len(g[0]), -g[2], g[0][0]))
    return out
