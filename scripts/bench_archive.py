"""Archive benchmark: index rate and query latency (p50/p95) on SQLite and PostgreSQL.

    python scripts/bench_archive.py --n 100000                # both backends
    python scripts/bench_archive.py --n 20000 --backend sqlite
    python scripts/bench_archive.py --pg-url postgresql://...  # an existing empty database

Records come from scripts/gen_archive_corpus.py (pre-built, so the index rate measures
the archive, figures and dates included, not underthesea); the generated corpus is kept
as JSONL in ``--corpus-dir`` (default: a folder in the system temp dir) and reused.
Latency is one ``Archive.search`` call: the total, the top 10 and their snippets, warm
cache, over each query of a class times ``--runs``; p50/p95 of wall time and of this
process's CPU time (PostgreSQL's server CPU is not in the latter). The machine's load
average is recorded with every phase, since other work may share the cores. Without
``--pg-url`` a throw-away PostgreSQL cluster is started on 127.0.0.1 (tests/pg_server.py).
Results go to .bench/archive.json; the previous run's figures are printed beside the new ones.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from gen_archive_corpus import generate  # noqa: E402

from partytext.archive import open_archive  # noqa: E402
from partytext.records import Record  # noqa: E402

QUERIES = {
    "1-word": ["đảng", "kỷ", "thủy", "sạt", "Huy", "cát", "vắc", "hòa", "khiển", "Ninh"],
    "phrase": ['"tổ chức cơ sở đảng"', '"khai thác cát trái phép"', '"đường dây nóng"', '"Uỷ ban Kiểm tra"',
               '"kết nạp đảng viên mới"', '"cầu treo dân sinh"', '"tự chuyển hoá"', '"Bộ Chính trị"',
               '"chợ đầu mối"', '"Phan Thu Oanh"'],
    "no-diacritics": ["dang vien", '"to dan pho"', '"sat lo bo song"', "ky luat", '"quy vac xin"',
                      '"tu dien bien"', "thuy dien", '"gia lai"', '"nguyen van an"', "khien trach"],
}
TARGETS_MS = {"newest": 20.0, "relevance": 100.0}
TARGET_RATE = 500.0


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def corpus(n: int, folder: Path) -> list[Record]:
    """The generated corpus of ``n`` records, from its cached JSONL (written on first use)."""
    path = folder / f"archive-corpus-{n}.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            for rec in generate(n):
                out.write(rec.to_json() + "\n")
        tmp.rename(path)
    with path.open(encoding="utf-8") as f:
        return [Record.from_json(line) for line in f]


def bench_backend(db: str, records: list[Record], runs: int) -> dict:
    n = len(records)
    out: dict = {"n": n, "load_before": load()}
    with open_archive(db) as arc:
        figures = sum(len(r.figures) for r in records)
        t0, c0 = time.perf_counter(), time.process_time()
        arc.add_many(records, batch=500)
        elapsed = time.perf_counter() - t0
        out["index_articles_per_s"] = round(n / elapsed, 1)
        out["index_seconds"] = round(elapsed, 1)
        out["index_client_cpu_seconds"] = round(time.process_time() - c0, 1)
        out["figures"] = figures
        out["load_after_index"] = load()
        for sort in ("newest", "relevance"):
            for cls, queries in QUERIES.items():
                for q in queries:
                    arc.search(q, sort=sort, limit=10)  # warm
                times, cpus, totals, estimated = [], [], 0, 0
                for _ in range(runs):
                    for q in queries:
                        t, c = time.perf_counter(), time.process_time()
                        res = arc.search(q, sort=sort, limit=10)
                        times.append((time.perf_counter() - t) * 1000)
                        cpus.append((time.process_time() - c) * 1000)
                        totals += res.total
                        estimated += not res.total_exact
                out[f"{sort}/{cls}"] = {"p50_ms": round(pct(times, 50), 2), "p95_ms": round(pct(times, 95), 2),
                                        "cpu_p50_ms": round(pct(cpus, 50), 2), "cpu_p95_ms": round(pct(cpus, 95), 2),
                                        "hits": totals // runs, "estimated_totals": estimated // runs}
        out["load_after_queries"] = load()
        t = time.perf_counter()
        nfig = sum(1 for _ in arc.figures(unit="đảng viên", kind="count", date_from="2016", date_to="2020"))
        out["figures_query"] = {"rows": nfig, "seconds": round(time.perf_counter() - t, 2)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--pg-url")
    ap.add_argument("--pg-shared-buffers", default="2GB",
                    help="shared_buffers of the throw-away PostgreSQL cluster (default: %(default)s)")
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "partytext-bench",
                    help="where the generated corpus is cached between runs")
    args = ap.parse_args()

    results: dict = {"n": args.n, "when": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count()}
    records = corpus(args.n, args.corpus_dir)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "bench.db")
            results["sqlite"] = bench_backend(db, records, args.runs)
            results["sqlite"]["file_mb"] = round(sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6, 1)
        print("sqlite", json.dumps(results["sqlite"], ensure_ascii=False, indent=1), flush=True)
    if args.backend in ("postgresql", "both"):
        server = None
        url = args.pg_url
        if not url:
            from pg_server import PostgresServer, find_bindir

            # a server-sized buffer cache: the default 128 MB holds a tenth of a 100k archive
            server = PostgresServer(find_bindir()).start(f"shared_buffers={args.pg_shared_buffers}")
            url = server.url()
        try:
            results["postgresql"] = bench_backend(url, records, args.runs)
            if server:
                results["postgresql"]["shared_buffers"] = args.pg_shared_buffers
        finally:
            if server:
                server.stop()
        print("postgresql", json.dumps(results["postgresql"], ensure_ascii=False, indent=1), flush=True)

    out = ROOT / ".bench" / "archive.json"
    previous = json.loads(out.read_text()) if out.exists() else None
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))

    print(f"\n{'backend':<11} {'measure':<26} {'now':>10} {'before':>10} {'target':>8}")
    for backend in ("sqlite", "postgresql"):
        if backend not in results:
            continue
        r = results[backend]
        prev = (previous or {}).get(backend, {})
        print(f"{backend:<11} {'index articles/s':<26} {r['index_articles_per_s']:>10} "
              f"{prev.get('index_articles_per_s', '-'):>10} {'≥' + str(int(TARGET_RATE)):>8}")
        for key, val in r.items():
            if isinstance(val, dict) and "p95_ms" in key or (isinstance(val, dict) and "p95_ms" in val):
                before = prev.get(key, {}).get("p95_ms", "-")
                target = "≤" + str(int(TARGETS_MS[key.split("/")[0]]))
                print(f"{backend:<11} {key + ' p95 ms':<26} {val['p95_ms']:>10} {before:>10} {target:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
