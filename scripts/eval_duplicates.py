#!/usr/bin/env python
"""Precision and recall of `partytext duplicates` on real articles with planted re-posts.

Reads the 1,654 real articles of ../shared/corpora-raw/baomoi-news-magizbox (skips, exit 0,
when absent), stores them in a temporary archive with N planted near-copies (reworded
title, new byline, added caption, one sentence replaced: see tests/planting.py),
and reports for several thresholds:

* recall: planted copies that land in the same group as their original;
* precision: of the pairs reported that involve a planted copy, the share that are right:
  (copy, its original), or (copy, an article that is itself a near-copy of the original at
  that threshold: the corpus has real syndicated copies). Pairs among the original articles
  are counted apart and listed for inspection, since no gold says whether they are copies.

With --related it also fits the TF-IDF model (tokenizes every article: ~1-2 min with
--workers 2) and reports how often `related` ranks the original first for its copy.

    .venv/bin/python scripts/eval_duplicates.py --plant 100 --related --workers 2
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from partytext.analysis import duplicates, related
from partytext.analysis.minhash import jaccard, shingles
from partytext.archive import open_archive
from partytext.records import Record
from partytext.sources.text import article_from_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from planting import repost, sentences  # noqa: E402  (evaluation-only helper, kept with the tests)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora-raw" / "baomoi-news-magizbox"


def load(corpus: Path) -> list[tuple[str, str]]:
    return [(str(p.relative_to(corpus)), p.read_text(encoding="utf-8")) for p in sorted(corpus.rglob("*.txt"))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--plant", type=int, default=100, help="planted re-posts (default 100)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    ap.add_argument("--show", type=float, default=0.5, help="list the original-only groups at this threshold")
    ap.add_argument("--list", type=int, default=10, help="how many of them to list (default 10)")
    ap.add_argument("--related", action="store_true", help="also rank with `related` (tokenizes every article)")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is absent (real articles are not shipped with partytext)")
        return 0
    files = load(args.corpus)
    rng = random.Random(args.seed)
    picked = rng.sample(range(len(files)), args.plant)
    tmp = tempfile.mkdtemp(prefix="partytext-eval-")
    db = str(Path(tmp) / "eval.db")
    planted: dict[str, str] = {}  # copy id -> original id
    with open_archive(db) as arc:
        ids = arc.add_many(Record(article=article_from_text(text, site="baomoi"), source=name)
                           for name, text in files)
        for n, i in enumerate(picked):
            donor_text = files[(i + 1 + n * 13) % len(files)][1]
            donor = max(sentences(donor_text.split("\n", 2)[-1]) or ["Hội nghị đã thống nhất các nội dung."], key=len)[:300]
            text, _notes = repost(files[i][1], rng, donor)
            art = article_from_text(text, site="copy.example")
            copy_id = arc.add(Record(article=art, source=f"planted/{files[i][0]}"))
            planted[copy_id] = ids[i]
        print(f"archive: {arc.count()} articles ({len(files)} real + {len(planted)} planted) in {db}")

    originals = set(ids)
    texts = {}
    with open_archive(db) as arc:
        for a in arc.iter_articles():
            texts[a["id"]] = a["text"]
    sets: dict[str, object] = {}

    def shingle_set(i: str):
        if i not in sets:
            sets[i] = shingles(texts[i])
        return sets[i]

    def right(copy: str, other: str, threshold: float) -> bool:
        orig = planted[copy]
        return other == orig or (other in originals and jaccard(shingle_set(orig), shingle_set(other)) >= threshold)
    print("\nthreshold  groups  planted pairs found  recall  precision  pairs among originals  seconds")
    for threshold in [float(t) for t in args.thresholds.split(",")]:
        t0 = time.perf_counter()
        groups = duplicates(db, threshold=threshold)
        secs = time.perf_counter() - t0
        found = planted_pairs = natural = ok = 0
        for g in groups:
            for a, b in combinations(g.ids, 2):
                if a in planted or b in planted:
                    planted_pairs += 1
                    found_pair = planted.get(a) == b or planted.get(b) == a
                    found += found_pair
                    ok += found_pair or right(a, b, threshold) if a in planted else right(b, a, threshold)
                elif a in originals and b in originals:
                    natural += 1
        recall = found / len(planted)
        precision = ok / planted_pairs if planted_pairs else 1.0
        print(f"{threshold:9.2f}  {len(groups):6d}  {found:19d}  {recall:6.3f}  {precision:9.3f}  "
              f"{natural:21d}  {secs:7.2f}")

    groups = duplicates(db, threshold=args.show)
    natural_groups = [g for g in groups if not any(i in planted for i in g.ids)]
    print(f"\ngroups among the original articles at threshold {args.show}: {len(natural_groups)}")
    for g in natural_groups[: args.list]:
        print(f"  {g.similarity:.2f}  " + " | ".join((t or "")[:60] for t in g.titles))

    if args.related:
        t0 = time.perf_counter()
        first = 0
        for copy_id, orig in planted.items():
            hits = related(db, copy_id, limit=3, workers=args.workers)
            first += bool(hits) and hits[0].id == orig
        print(f"\nrelated: original ranked first for {first}/{len(planted)} planted copies "
              f"({time.perf_counter() - t0:.1f} s including the model fit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
