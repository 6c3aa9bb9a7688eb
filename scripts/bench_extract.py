"""Extraction benchmark: ``partytext extract`` against bare underthesea, side by side.

    python scripts/bench_extract.py              # 452 real articles, 3 alternating rounds
    python scripts/bench_extract.py --limit 0    # all 904 articles of party_related
    python scripts/bench_extract.py --quick      # 60 articles, 1 round (smoke run)

Both sides run in a fresh subprocess over the same files, so process start, imports and
model loading are counted on both sides:

* **bare**: ``from underthesea import sent_tokenize, word_tokenize``; for each file, every
  sentence of ``sent_tokenize(text)`` through ``word_tokenize(sentence,
  use_token_normalize=False)`` (the same underthesea work partytext asks for);
* **extract**: ``python -m partytext extract FILES --format jsonl`` (output to /dev/null):
  reading, NFC, sentence and word offsets, every extractor, JSON out.

By default both sides of a round run at the same time, one per core, so that outside load
(other work on a shared machine) falls on both alike; ``--mode alternate`` runs them one
after the other instead. The headline is the median over rounds of extract CPU / bare CPU
(user + system seconds of the child, from ``os.wait4``). Wall-clock ratios are printed too.
A last run times each stage in one process (``--no-breakdown`` skips it): the underthesea
calls, partytext's tokenizer wrapper, each extractor, reading, JSON, imports. Results go to .bench/extract.json; the previous run's
figures are printed beside the new ones. Target: ratio <= 1.3 (issue 8).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora-raw" / "baomoi-news-magizbox" / "party_related"
TARGET_RATIO = 1.3

# The baseline child: reads a file list, tokenizes every text, prints its counts as JSON.
BARE = """
import json, sys
from underthesea import sent_tokenize, word_tokenize
sentences = words = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    text = open(path, encoding="utf-8").read()
    for sentence in sent_tokenize(text):
        sentences += 1
        words += len(word_tokenize(sentence, use_token_normalize=False))
print(json.dumps({"sentences": sentences, "words": words}))
"""


# Where the time goes, in one fresh process: the same work as `partytext extract`, timed by stage.
BREAKDOWN = """
import importlib, json, sys, time
T = time.process_time
t0 = T()
import partytext.cli
partytext.cli.build_parser()
t1 = T()
from partytext import nlp
from partytext.inputs import read_article
registry = importlib.import_module("partytext.extract").load()
from partytext.pipeline import DEFAULT_STEPS
from partytext.records import Record
nlp.analyze("Khởi động.")
t2 = T()
out = {"import_s": t1 - t0, "models_s": t2 - t1, "read_s": 0.0, "underthesea_s": 0.0, "analyze_s": 0.0,
       "json_s": 0.0, "steps_s": {name: 0.0 for name in DEFAULT_STEPS}}
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    a = T(); article = read_article(path); b = T()
    doc = nlp.analyze(article.text); c = T()
    fields = {}
    for name in DEFAULT_STEPS:
        s = T(); fields[name] = tuple(registry[name](doc, article)); out["steps_s"][name] += T() - s
    d = T(); Record(article=article, source=path, **fields).to_json(); e = T()
    out["read_s"] += b - a; out["analyze_s"] += c - b; out["json_s"] += e - d
    # the underthesea calls alone, on the sentences partytext found
    sent_tokenize, word_tokenize = nlp._underthesea()
    f = T()
    for sentence in doc.sentences:
        word_tokenize(sentence.text, use_token_normalize=False)
    out["underthesea_s"] += T() - f
print(json.dumps(out))
"""


def run_child(argv: list[str], *, stdout=subprocess.DEVNULL, sample_tree: bool = False) -> dict:
    """Run ``argv`` to the end; its wall time, CPU time and peak RSS.

    ``cpu_s`` and ``maxrss_mb`` come from ``os.wait4``: the child and the descendants it
    waited for. Pool workers started from a forkserver are not the child's own children, so
    with ``sample_tree`` the child and every descendant are also sampled every 0.1 s with
    psutil: ``tree_peak_mb`` (summed RSS), ``proc_peak_mb`` (largest process) and
    ``tree_cpu_s`` (user + system of every process seen, at its last sample).
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
    peak = proc_peak = 0
    cpu_seen: dict[int, float] = {}
    # Reap the child with os.wait4 only (never proc.poll()): wait4 returns its rusage.
    pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample_tree else 0)
    if sample_tree:
        import psutil

        parent = psutil.Process(proc.pid)
        while pid == 0:
            total = 0
            try:
                procs = [parent, *parent.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    with p.oneshot():
                        rss = p.memory_info().rss
                        t = p.cpu_times()
                except psutil.Error:
                    continue
                total += rss
                proc_peak = max(proc_peak, rss)
                cpu_seen[p.pid] = t.user + t.system
            peak = max(peak, total)
            time.sleep(0.1)
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]}... failed ({proc.returncode}):\n{err[-2000:]}")
    out = {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
           "maxrss_mb": round(usage.ru_maxrss / 1024, 1)}
    if sample_tree:
        cpu_seen[proc.pid] = usage.ru_utime + usage.ru_stime  # exact for the child and what it reaped
        out["tree_peak_mb"] = round(peak / 2**20, 1)
        out["proc_peak_mb"] = round(proc_peak / 2**20, 1)
        out["tree_cpu_s"] = round(sum(cpu_seen.values()), 2)
    return out


def machine() -> dict:
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "load_before": [round(x, 2) for x in os.getloadavg()]}


def compare(previous: dict | None, current: dict, keys: list[str]) -> None:
    """Print the headline figures beside those of the previous run."""
    if not previous:
        print("(no previous run to compare with)")
        return
    print(f"\n{'figure':<28}{'previous':>12}{'now':>12}")
    for key in keys:
        old, new = previous.get(key), current.get(key)
        print(f"{key:<28}{old if old is not None else '-':>12}{new if new is not None else '-':>12}")


def select(corpus: Path, limit: int) -> list[str]:
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {corpus}: pass --corpus")
    if limit and limit < len(files):
        step = len(files) / limit  # spread over the whole folder, not its first files
        files = [files[int(i * step)] for i in range(limit)]
    return files


def show_breakdown(b: dict, n: int) -> dict:
    """Print where the CPU time of `partytext extract` goes, as shares of the underthesea calls."""
    base = b["underthesea_s"]
    steps = b.pop("steps_s")
    wrapper = b["analyze_s"] - base
    rows = [("underthesea word_tokenize calls", base), ("nlp.py: sent_tokenize, NFC, offsets", wrapper),
            *((f"extractor {k}", v) for k, v in steps.items()), ("read + decode files", b["read_s"]),
            ("record to JSON", b["json_s"]), ("import partytext + CLI (once)", b["import_s"]),
            ("underthesea import + models (once)", b["models_s"])]
    print(f"\nwhere the time goes ({n} articles, one process, CPU seconds; % of the underthesea calls):")
    for label, sec in rows:
        print(f"  {label:<40}{sec:8.2f} s {100 * sec / base:7.1f} %")
    print("  (figures includes the reference, date and period scans it shares with those steps: cached per text)")
    b.update({f"step_{k}_s": round(v, 3) for k, v in steps.items()}, wrapper_s=wrapper)
    return {k: round(v, 3) for k, v in b.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles")
    ap.add_argument("--limit", type=int, default=452, help="articles (spread over the folder); 0 = all")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds (median reported)")
    ap.add_argument("--mode", choices=["together", "alternate"], default="together",
                    help="together: both sides at the same time, one per core, under the same outside load "
                    "(default); alternate: one after the other, the order swapped each round")
    ap.add_argument("--no-breakdown", action="store_true", help="skip the per-stage timing run")
    ap.add_argument("--quick", action="store_true", help="60 articles, 1 round")
    ap.add_argument("--out", type=Path, default=ROOT / ".bench" / "extract.json")
    args = ap.parse_args(argv)
    if args.quick:
        args.limit, args.rounds = 60, 1

    files = select(args.corpus, args.limit)
    size = sum(os.path.getsize(f) for f in files)
    print(f"{len(files)} articles ({size / 1e6:.1f} MB) from {args.corpus}; {args.rounds} round(s); "
          f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
    info = machine()
    rounds = []
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files), encoding="utf-8")
        counts_path = Path(tmp) / "counts.json"
        bare_cmd = [sys.executable, "-c", BARE, str(listing)]
        extract_cmd = [sys.executable, "-m", "partytext", "extract", "--format", "jsonl", *files]
        def side(name: str) -> dict:
            if name == "bare":
                with counts_path.open("wb") as fh:
                    return run_child(bare_cmd, stdout=fh)
            return run_child(extract_cmd)

        for r in range(args.rounds):
            order = ("bare", "extract") if r % 2 == 0 else ("extract", "bare")
            if args.mode == "together":
                with ThreadPoolExecutor(2) as pool:
                    futures = {name: pool.submit(side, name) for name in order}
                got = {name: fut.result() for name, fut in futures.items()}
            else:
                got = {name: side(name) for name in order}
            got["cpu_ratio"] = round(got["extract"]["cpu_s"] / got["bare"]["cpu_s"], 3)
            got["wall_ratio"] = round(got["extract"]["wall_s"] / got["bare"]["wall_s"], 3)
            got["load"] = round(os.getloadavg()[0], 2)
            rounds.append(got)
            print(f"round {r + 1}: bare {got['bare']['cpu_s']:.1f} s CPU ({got['bare']['wall_s']:.1f} s wall), "
                  f"extract {got['extract']['cpu_s']:.1f} s CPU ({got['extract']['wall_s']:.1f} s wall): "
                  f"ratio {got['cpu_ratio']:.3f} CPU, {got['wall_ratio']:.3f} wall; load {got['load']}", flush=True)
        counts = json.loads(counts_path.read_text())
        breakdown = None
        if not args.no_breakdown:
            with counts_path.open("wb") as fh:
                run_child([sys.executable, "-c", BREAKDOWN, str(listing)], stdout=fh)
            breakdown = json.loads(counts_path.read_text())

    cpu_ratio = statistics.median(g["cpu_ratio"] for g in rounds)
    extract_cpu = statistics.median(g["extract"]["cpu_s"] for g in rounds)
    bare_cpu = statistics.median(g["bare"]["cpu_s"] for g in rounds)
    result = {
        "articles": len(files), "bytes": size, **counts, "rounds": rounds, "machine": info,
        "ratio_cpu_median": cpu_ratio,
        "ratio_wall_median": statistics.median(g["wall_ratio"] for g in rounds),
        "extract_articles_per_cpu_s": round(len(files) / extract_cpu, 2),
        "bare_articles_per_cpu_s": round(len(files) / bare_cpu, 2),
        "bare_words_per_cpu_s": round(counts["words"] / bare_cpu),
        "extract_maxrss_mb": max(g["extract"]["maxrss_mb"] for g in rounds),
        "bare_maxrss_mb": max(g["bare"]["maxrss_mb"] for g in rounds),
        "load_after": round(os.getloadavg()[0], 2),
        "mode": args.mode,
    }
    if breakdown:
        result["breakdown"] = show_breakdown(breakdown, len(files))
    print(f"\nextract / bare underthesea: {cpu_ratio:.3f}x CPU (median of {len(rounds)}; target <= {TARGET_RATIO}) "
          f"-> {'OK' if cpu_ratio <= TARGET_RATIO else 'OVER TARGET'}")
    print(f"extract: {result['extract_articles_per_cpu_s']} articles per CPU-second; bare underthesea "
          f"{result['bare_words_per_cpu_s']} words per CPU-second ({counts['sentences']} sentences, "
          f"{counts['words']} words)")
    previous = json.loads(args.out.read_text()) if args.out.exists() else None
    compare(previous, result, ["articles", "ratio_cpu_median", "ratio_wall_median", "extract_articles_per_cpu_s",
                               "bare_words_per_cpu_s", "extract_maxrss_mb"])
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"\nwritten to {args.out}")
    return 0 if cpu_ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
