"""Scale-out benchmark: 2 workers against 1, and peak memory over 100 vs 10,000 articles.

    python scripts/bench_parallel.py            # 240 real articles x 3 rounds; 100 vs 10,000 articles
    python scripts/bench_parallel.py --quick    # 60 articles x 1 round; 100 vs 1,000 articles

Every run is a fresh ``python -m partytext extract ... --format jsonl`` subprocess (process
start, imports and each pool worker's model loading included), output to /dev/null.

* **scaling**: wall time of ``--workers 1`` / ``--workers 2`` over the same real articles
  (../shared/corpora-raw/baomoi-news-magizbox/party_related), alternating, median of the
  rounds. Target >= 1.6 on a 2-core machine (issue 8). On a machine shared with other work
  the second core is not free: the load average is printed beside each round.
* **memory**: 10,000 articles made by cycling the real ones (title, lead and the first
  sentences of the body; the title numbered so that every article is distinct), extracted
  with ``--workers 2``; the peak RSS over 10,000 is compared with the peak over the first
  100: the largest single process and the sum over the parent and its pool workers,
  both sampled every 0.1 s (pool workers come from a forkserver: ``os.wait4`` of the
  command does not see them). Flat memory means the ratio stays near 1.

Results go to .bench/parallel.json; the previous run's figures are printed beside the new ones.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPUS, ROOT, compare, machine, run_child, select  # noqa: E402

TARGET_SPEEDUP = 1.6
# A sentence end in the body: where generated articles are cut.
SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def short_articles(corpus: Path, n: int, folder: Path, *, body_chars: int = 400) -> None:
    """Write ``n`` articles to ``folder`` by cycling the real ones, each cut and numbered."""
    sources = sorted(corpus.glob("*.txt"))
    templates = []
    for path in sources:
        lines = path.read_text(encoding="utf-8").split("\n")
        if len(lines) < 3:
            continue
        body = " ".join(lines[2:])
        cut = next((m.end() for m in SENTENCE_END.finditer(body) if m.end() >= body_chars), len(body))
        templates.append((lines[0], lines[1], body[:cut]))
    for i in range(n):
        title, lead, body = templates[i % len(templates)]
        (folder / f"g{i:05d}.txt").write_text(f"{title} (bản {i + 1})\n{lead}\n{body}\n", encoding="utf-8")


def extract_cmd(paths: list[str], workers: int) -> list[str]:
    return [sys.executable, "-m", "partytext", "extract", "--format", "jsonl", "--workers", str(workers), *paths]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles")
    ap.add_argument("--limit", type=int, default=240, help="real articles for the scaling runs; 0 = all")
    ap.add_argument("--rounds", type=int, default=3, help="alternating scaling rounds (median reported)")
    ap.add_argument("--many", type=int, default=10_000, help="articles for the memory run")
    ap.add_argument("--quick", action="store_true", help="60 articles x 1 round; memory over 1,000")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench" / "parallel.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.limit, args.rounds, args.many = 60, 1, 1_000

    files = select(args.corpus, args.limit)
    print(f"scaling: {len(files)} articles, {args.rounds} round(s); load {os.getloadavg()[0]:.2f} "
          f"on {os.cpu_count()} CPUs", flush=True)
    info = machine()
    rounds = []
    for r in range(args.rounds):
        got = {}
        for workers in ((1, 2) if r % 2 == 0 else (2, 1)):
            got[f"w{workers}"] = run_child(extract_cmd(files, workers), sample_tree=True)
        got["speedup"] = round(got["w1"]["wall_s"] / got["w2"]["wall_s"], 3)
        got["cpu_2_vs_1"] = round(got["w2"]["tree_cpu_s"] / got["w1"]["tree_cpu_s"], 3)
        got["load"] = round(os.getloadavg()[0], 2)
        rounds.append(got)
        print(f"round {r + 1}: 1 worker {got['w1']['wall_s']:.1f} s, 2 workers {got['w2']['wall_s']:.1f} s wall: "
              f"speedup {got['speedup']:.3f}; CPU {got['w1']['tree_cpu_s']:.1f} s vs {got['w2']['tree_cpu_s']:.1f} s; "
              f"load {got['load']}", flush=True)
    speedup = statistics.median(g["speedup"] for g in rounds)
    w1_wall = statistics.median(g["w1"]["wall_s"] for g in rounds)
    w2_wall = statistics.median(g["w2"]["wall_s"] for g in rounds)

    print(f"\nmemory: {args.many} generated articles vs the first 100, --workers 2", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        many, few = Path(tmp) / "many", Path(tmp) / "few"
        many.mkdir()
        few.mkdir()
        short_articles(args.corpus, args.many, many)
        short_articles(args.corpus, 100, few)
        small = run_child(extract_cmd([str(few)], 2), sample_tree=True)
        print(f"100 articles: largest process {small['proc_peak_mb']} MB, tree peak {small['tree_peak_mb']} MB, "
              f"{small['wall_s']} s", flush=True)
        large = run_child(extract_cmd([str(many)], 2), sample_tree=True)
        print(f"{args.many} articles: largest process {large['proc_peak_mb']} MB, tree peak {large['tree_peak_mb']} MB, "
              f"{large['wall_s']} s", flush=True)

    result = {
        "articles": len(files), "rounds": rounds, "machine": info,
        "speedup_2_vs_1_median": speedup,
        "w1_wall_s": w1_wall, "w2_wall_s": w2_wall,
        # CPU seconds of the 2-worker run (parent + pool) over the 1-worker run: the pool's own cost.
        "cpu_2_vs_1_median": statistics.median(g["cpu_2_vs_1"] for g in rounds),
        "w1_articles_per_s": round(len(files) / w1_wall, 2),
        "w2_articles_per_s": round(len(files) / w2_wall, 2),
        "memory": {"few": small, "many": large, "many_n": args.many},
        "peak_rss_100_mb": small["proc_peak_mb"], f"peak_rss_{args.many}_mb": large["proc_peak_mb"],
        "tree_peak_100_mb": small["tree_peak_mb"], f"tree_peak_{args.many}_mb": large["tree_peak_mb"],
        "rss_ratio_many_vs_100": round(large["proc_peak_mb"] / max(small["proc_peak_mb"], 1), 3),
        "tree_ratio_many_vs_100": round(large["tree_peak_mb"] / max(small["tree_peak_mb"], 1), 3),
        "many_articles_per_s": round(args.many / large["wall_s"], 2),
        "load_after": round(os.getloadavg()[0], 2),
    }
    print(f"\n2 workers / 1 worker: {speedup:.3f}x wall (median of {len(rounds)}; target >= {TARGET_SPEEDUP}) "
          f"-> {'OK' if speedup >= TARGET_SPEEDUP else 'UNDER TARGET'}")
    print(f"peak RSS {args.many} vs 100 articles: {result['rss_ratio_many_vs_100']}x largest process, "
          f"{result['tree_ratio_many_vs_100']}x whole tree")
    previous = json.loads(args.out.read_text()) if args.out.exists() else None
    print(f"CPU of 2 workers / 1 worker: {result['cpu_2_vs_1_median']}x (the pool's own work; ideal 1.0)")
    compare(previous, result, ["articles", "speedup_2_vs_1_median", "cpu_2_vs_1_median", "w1_articles_per_s", "w2_articles_per_s",
                               "rss_ratio_many_vs_100", "tree_ratio_many_vs_100", "many_articles_per_s"])
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"\nwritten to {args.out}")
    return 0 if speedup >= TARGET_SPEEDUP else 1


if __name__ == "__main__":
    sys.exit(main())
