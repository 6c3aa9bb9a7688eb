"""Extraction benchmark: ``partytext extract`` against bare underthesea, side by side.

    python scripts/bench_extract.py              # 452 real articles, 3 rounds
    python scripts/bench_extract.py --limit 0    # all 904 articles of party_related
    python scripts/bench_extract.py --quick      # 60 articles, 1 round (smoke run)

Every side runs in a fresh subprocess over the same files, so process start, imports and
model loading are counted on every side:

* **bare word_tokenize**: ``from underthesea import sent_tokenize, word_tokenize``; for each
  file, every sentence of ``sent_tokenize(text)`` through ``word_tokenize(sentence,
  use_token_normalize=False)``;
* **bare pos_tag**: the same, then underthesea's CRF POS tagger on the words of every
  sentence (what ``pos_tag`` does, without its text-rewriting normalisation);
* **extract**: ``python -m partytext extract FILES --format jsonl`` (output to /dev/null):
  reading, NFC, sentences, every extractor, JSON out. Words and POS tags are computed
  lazily, only for the sentences an extractor asks about (the figures extractor tags the
  sentences whose numbers need a unit decided), so extract can be faster than either bare
  side.

By default the sides of a round run at the same time, so that outside load (other work on a
shared machine) falls on all alike; ``--mode alternate`` runs them one after the other. The
headline is articles per CPU-second of extract (user + system seconds of the child, from
``os.wait4``; median over rounds) beside the bare sides', and the ratios extract CPU / bare
CPU. A last run times each stage in one process (``--no-breakdown`` skips it) and counts the
sentences that were POS-tagged. Results go to .bench/extract.json; the previous run's figures
are printed beside the new ones. Target (issue 13): >= 15 articles per CPU-second.
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
TARGET_ARTICLES_PER_CPU_S = 15

# The baseline children: read a file list, tokenize (and tag, with "pos") every sentence,
# print their counts as JSON.
BARE = """
import json, sys
from underthesea import sent_tokenize, word_tokenize
tag = sys.argv[2] == "pos"
if tag:
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor
    tagger = CRFPOSTagPredictor.Instance()
sentences = words = 0
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    text = open(path, encoding="utf-8").read()
    for sentence in sent_tokenize(text):
        sentences += 1
        ws = word_tokenize(sentence, use_token_normalize=False)
        if tag and ws:
            tagger.predict(ws)
        words += len(ws)
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
nlp.analyze("Khởi động 2 lần.").tagged(0)  # loads the segmenter and the POS tagger
t2 = T()
out = {"import_s": t1 - t0, "models_s": t2 - t1, "read_s": 0.0, "analyze_s": 0.0, "json_s": 0.0,
       "tagged_underthesea_s": 0.0, "all_ws_s": 0.0, "all_pos_s": 0.0, "sentences": 0, "tagged_sentences": 0,
       "segmented_only_sentences": 0, "segmented_only_underthesea_s": 0.0,
       "steps_s": {name: 0.0 for name in DEFAULT_STEPS}}
sent_tokenize, word_tokenize, tagger = nlp._underthesea()
for path in open(sys.argv[1], encoding="utf-8").read().splitlines():
    a = T(); article = read_article(path); b = T()
    doc = nlp.analyze(article.text); c = T()
    fields = {}
    for name in DEFAULT_STEPS:
        if name not in registry:
            continue
        s = T(); fields[name] = tuple(registry[name](doc, article)); out["steps_s"][name] += T() - s
    d = T(); Record(article=article, source=path, **fields).to_json(); e = T()
    out["read_s"] += b - a; out["analyze_s"] += c - b; out["json_s"] += e - d
    out["sentences"] += len(doc.sentences); out["tagged_sentences"] += doc.tagged_sentences
    out["segmented_only_sentences"] += len(doc._words)
    # the underthesea calls alone: on the sentences the extractors had tagged (their share of
    # the steps' time), and on every sentence (what eager segmentation / tagging would cost)
    for i, sentence in enumerate(doc.sentences):
        f = T()
        ws = word_tokenize(sentence.text, use_token_normalize=False)
        g = T()
        if ws:
            tagger.predict(ws)
        h = T()
        out["all_ws_s"] += g - f; out["all_pos_s"] += h - f
        if i in doc._tagged:
            out["tagged_underthesea_s"] += h - f
        elif i in doc._words:
            out["segmented_only_underthesea_s"] += g - f
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
    """Print where the CPU time of `partytext extract` goes."""
    steps = b.pop("steps_s")
    total = b["analyze_s"] + sum(steps.values()) + b["read_s"] + b["json_s"]
    rows = [("nlp.analyze: sent_tokenize, NFC, offsets", b["analyze_s"]),
            *((f"extractor {k}", v) for k, v in steps.items()),
            ("  of which underthesea word_tokenize + pos_tag on the tagged sentences", b["tagged_underthesea_s"]),
            ("  of which underthesea word_tokenize on sentences segmented, not tagged",
             b["segmented_only_underthesea_s"]),
            ("read + decode files", b["read_s"]), ("record to JSON", b["json_s"]),
            ("import partytext + CLI (once)", b["import_s"]), ("underthesea import + models (once)", b["models_s"])]
    print(f"\nwhere the time goes ({n} articles, one process, CPU seconds; % of the per-article total):")
    for label, sec in rows:
        print(f"  {label:<72}{sec:8.2f} s {100 * sec / total:7.1f} %")
    print(f"  POS-tagged sentences: {b['tagged_sentences']} of {b['sentences']} "
          f"({100 * b['tagged_sentences'] / max(1, b['sentences']):.0f} %); segmented but not tagged: "
          f"{b['segmented_only_sentences']}")
    print(f"  for comparison, on every sentence: word_tokenize {b['all_ws_s']:.2f} s, "
          f"word_tokenize + pos_tag {b['all_pos_s']:.2f} s")
    print("  (figures includes the reference, date and period scans it shares with those steps: cached per text)")
    b.update({f"step_{k}_s": round(v, 3) for k, v in steps.items()})
    return {k: round(v, 3) for k, v in b.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles")
    ap.add_argument("--limit", type=int, default=452, help="articles (spread over the folder); 0 = all")
    ap.add_argument("--rounds", type=int, default=3, help="rounds (median reported)")
    ap.add_argument("--mode", choices=["together", "alternate"], default="together",
                    help="together: the three sides at the same time, under the same outside load "
                    "(default); alternate: one after the other, the order rotated each round")
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
        extract_cmd = [sys.executable, "-m", "partytext", "extract", "--format", "jsonl", *files]

        def side(name: str) -> dict:
            if name in ("bare", "bare_pos"):
                out = counts_path if name == "bare" else Path(tmp) / "counts_pos.json"
                with out.open("wb") as fh:
                    return run_child([sys.executable, "-c", BARE, str(listing), "pos" if name == "bare_pos" else "ws"],
                                     stdout=fh)
            return run_child(extract_cmd)

        sides = ("bare", "bare_pos", "extract")
        for r in range(args.rounds):
            order = sides[r % 3:] + sides[:r % 3]
            if args.mode == "together":
                with ThreadPoolExecutor(len(order)) as pool:
                    futures = {name: pool.submit(side, name) for name in order}
                got = {name: fut.result() for name, fut in futures.items()}
            else:
                got = {name: side(name) for name in order}
            got["cpu_ratio"] = round(got["extract"]["cpu_s"] / got["bare"]["cpu_s"], 3)
            got["cpu_ratio_pos"] = round(got["extract"]["cpu_s"] / got["bare_pos"]["cpu_s"], 3)
            got["wall_ratio"] = round(got["extract"]["wall_s"] / got["bare"]["wall_s"], 3)
            got["load"] = round(os.getloadavg()[0], 2)
            rounds.append(got)
            print(f"round {r + 1}: CPU s (wall s): bare word_tokenize {got['bare']['cpu_s']:.1f} "
                  f"({got['bare']['wall_s']:.1f}), bare + pos_tag {got['bare_pos']['cpu_s']:.1f} "
                  f"({got['bare_pos']['wall_s']:.1f}), extract {got['extract']['cpu_s']:.1f} "
                  f"({got['extract']['wall_s']:.1f}); extract / word_tokenize {got['cpu_ratio']:.3f}, "
                  f"extract / pos_tag {got['cpu_ratio_pos']:.3f}; load {got['load']}", flush=True)
        counts = json.loads(counts_path.read_text())
        breakdown = None
        if not args.no_breakdown:
            with counts_path.open("wb") as fh:
                run_child([sys.executable, "-c", BREAKDOWN, str(listing)], stdout=fh)
            breakdown = json.loads(counts_path.read_text())

    cpu_ratio = statistics.median(g["cpu_ratio"] for g in rounds)
    extract_cpu = statistics.median(g["extract"]["cpu_s"] for g in rounds)
    bare_cpu = statistics.median(g["bare"]["cpu_s"] for g in rounds)
    pos_cpu = statistics.median(g["bare_pos"]["cpu_s"] for g in rounds)
    result = {
        "articles": len(files), "bytes": size, **counts, "rounds": rounds, "machine": info,
        "ratio_cpu_median": cpu_ratio,
        "ratio_cpu_pos_median": statistics.median(g["cpu_ratio_pos"] for g in rounds),
        "ratio_wall_median": statistics.median(g["wall_ratio"] for g in rounds),
        "extract_articles_per_cpu_s": round(len(files) / extract_cpu, 2),
        "bare_articles_per_cpu_s": round(len(files) / bare_cpu, 2),
        "bare_pos_articles_per_cpu_s": round(len(files) / pos_cpu, 2),
        "bare_words_per_cpu_s": round(counts["words"] / bare_cpu),
        "extract_maxrss_mb": max(g["extract"]["maxrss_mb"] for g in rounds),
        "bare_maxrss_mb": max(g["bare"]["maxrss_mb"] for g in rounds),
        "load_after": round(os.getloadavg()[0], 2),
        "mode": args.mode,
    }
    if breakdown:
        result["breakdown"] = show_breakdown(breakdown, len(files))
    speed = result["extract_articles_per_cpu_s"]
    print(f"\narticles per CPU-second (median of {len(rounds)}): extract {speed} "
          f"(target >= {TARGET_ARTICLES_PER_CPU_S}: {'OK' if speed >= TARGET_ARTICLES_PER_CPU_S else 'UNDER TARGET'}); "
          f"bare word_tokenize {result['bare_articles_per_cpu_s']}; bare word_tokenize + pos_tag "
          f"{result['bare_pos_articles_per_cpu_s']}")
    print(f"extract CPU / bare word_tokenize {cpu_ratio:.3f}; extract CPU / bare pos_tag "
          f"{result['ratio_cpu_pos_median']:.3f}; bare underthesea {result['bare_words_per_cpu_s']} words per "
          f"CPU-second ({counts['sentences']} sentences, {counts['words']} words)")
    previous = json.loads(args.out.read_text()) if args.out.exists() else None
    compare(previous, result, ["articles", "extract_articles_per_cpu_s", "bare_articles_per_cpu_s",
                               "bare_pos_articles_per_cpu_s", "ratio_cpu_median", "ratio_cpu_pos_median",
                               "extract_maxrss_mb"])
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    print(f"\nwritten to {args.out}")
    return 0 if speed >= TARGET_ARTICLES_PER_CPU_S else 1


if __name__ == "__main__":
    sys.exit(main())
