"""Archive benchmark: index rate and query latency (p50/p95) on SQLite and PostgreSQL, with
tantivy as the peer on the same texts in the same process.

    python scripts/bench_archive.py --n 100000 --backend sqlite      # real sentences (default)
    python scripts/bench_archive.py --n 1000000 --backend sqlite     # the 1M run
    python scripts/bench_archive.py --n 100000 --corpus templates    # the earlier template corpus
    python scripts/bench_archive.py --pg-url postgresql://...        # an existing empty database

Records: ``--corpus real`` (default) recombines the real sentences of ../shared/corpora-raw
into articles dated 2010-2026 (scripts/gen_archive_corpus.py:generate_real; generated
on the fly, deterministic, never written to the repository); ``--corpus templates`` is the
template corpus of the earlier runs (cached as JSONL in ``--corpus-dir``). Records carry no
extracted items in the real corpus, so the index rate is that of "records without
extraction"; it includes bringing the relevance index up to date (the writer does that
before ``add_many`` returns).

Latency is one ``Archive.search`` call: the total, the top 10 and their snippets, warm,
over each query of a class times ``--runs``; p50/p95 of wall time and of this process's
CPU time (PostgreSQL's server CPU is not in the latter).

The peer: a plain tantivy index of the same texts built in this process (fields ``text``,
tokenizer simple + lowercase, and ``folded``, the same + ASCII folding), queried with the
same words (marked words on ``text``, unmarked on ``folded``; phrases as phrase queries),
top 10 by BM25 with an exact count, no snippets and no rows fetched. The ratio is
relevance p95 / peer p95 per query class. The machine's load average is recorded with
every phase. Results go to .bench/archive-N.json.

``--baseline REV`` also times newest-first search with the archive code of git revision
REV (its ``src/partytext`` extracted to a temporary folder and imported as
``pt_baseline``) on the same SQLite archive, alternating the two query by query, so that
both see the same load; it reports both p50/p95, their ratio, and the queries whose hits
or totals differ. ``--db PATH`` keeps the SQLite archive (and its relevance index) at PATH
and reuses it when it exists (no indexing phase then).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from gen_archive_corpus import generate, generate_real, real_sentences  # noqa: E402

from partytext.archive import open_archive  # noqa: E402
from partytext.archive.query import CANONICAL, parse  # noqa: E402
from partytext.records import Record  # noqa: E402

QUERIES = {
    "1-word": ["đảng", "kỷ", "thủy", "sạt", "Huy", "cát", "vắc", "hòa", "khiển", "Ninh"],
    "phrase": ['"tổ chức cơ sở đảng"', '"khai thác cát trái phép"', '"đường dây nóng"', '"Uỷ ban Kiểm tra"',
               '"kết nạp đảng viên mới"', '"cầu treo dân sinh"', '"tự chuyển hoá"', '"Bộ Chính trị"',
               '"chợ đầu mối"', '"Phan Thu Oanh"'],
    "no-diacritics": ["dang vien", '"to dan pho"', '"sat lo bo song"', "ky luat", '"quy vac xin"',
                      '"tu dien bien"', "thuy dien", '"gia lai"', '"nguyen van an"', "khien trach"],
}
TARGETS = {100_000: {"newest": 20.0, "relevance": 50.0, "relevance_ratio": 3.0, "rate": 500.0},
           1_000_000: {"newest": 30.0, "relevance": 250.0}}
PG_TARGETS = {100_000: {"relevance": 150.0}}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def corpus_factory(kind: str, n: int, folder: Path) -> Callable[[], Iterator[Record]]:
    """A function that yields the same ``n`` records every time it is called."""
    if kind == "real":
        pool = real_sentences()
        return lambda: generate_real(n, sentences=pool)
    path = folder / f"archive-corpus-{n}.jsonl"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as out:
            for rec in generate(n):
                out.write(rec.to_json() + "\n")
        tmp.rename(path)

    def read() -> Iterator[Record]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                yield Record.from_json(line)
    return read


def timed(fn: Callable[[], object], runs: int, queries: list[str]) -> tuple[list[float], list[float], list]:
    times, cpus, results = [], [], []
    for _ in range(runs):
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            results.append(fn(q))
            times.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
    return times, cpus, results


def stats(times: list[float], cpus: list[float]) -> dict:
    return {"p50_ms": round(pct(times, 50), 2), "p95_ms": round(pct(times, 95), 2),
            "cpu_p50_ms": round(pct(cpus, 50), 2), "cpu_p95_ms": round(pct(cpus, 95), 2)}


def bench_backend(db: str, records: Callable[[], Iterable[Record]], n: int, runs: int,
                  reuse: bool = False, baseline=None) -> dict:
    out: dict = {"n": n, "load_before": load()}
    with open_archive(db) as arc:
        if reuse and arc.count():
            out["reused"] = arc.count()
        else:
            t0, c0 = time.perf_counter(), time.process_time()
            arc.add_many(records(), batch=500)
            elapsed = time.perf_counter() - t0
            out["index_articles_per_s"] = round(n / elapsed, 1)
            out["index_seconds"] = round(elapsed, 1)
            out["index_client_cpu_seconds"] = round(time.process_time() - c0, 1)
            out["load_after_index"] = load()
        if baseline is not None:
            out["baseline"] = bench_baseline(arc, baseline(db), runs)
        for sort in ("newest", "relevance"):
            for cls, queries in QUERIES.items():
                for q in queries:
                    arc.search(q, sort=sort, limit=10)  # warm
                times, cpus, res = timed(lambda q: arc.search(q, sort=sort, limit=10), runs, queries)
                out[f"{sort}/{cls}"] = stats(times, cpus) | {
                    "hits": sum(r.total for r in res) // runs, "estimated_totals": sum(not r.total_exact for r in res) // runs}
        out["load_after_queries"] = load()
    return out


def baseline_archive(rev: str, folder: Path) -> Callable[[str], object]:
    """A function opening an SQLite archive with the archive code of git revision ``rev``."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(f"git -C {ROOT} archive {rev} src/partytext | tar -x -C {folder}", shell=True, check=True)
    (folder / "src" / "partytext").rename(folder / "pt_baseline")
    sys.path.insert(0, str(folder))
    from partytext.archive import schema as current_schema
    from partytext.archive.sqlite import norm_signature

    # the baseline reads the newer schema: newest-first search needs only articles, fts and tokens
    importlib.import_module("pt_baseline.archive.schema").SCHEMA_VERSION = current_schema.SCHEMA_VERSION
    old = importlib.import_module("pt_baseline.archive.sqlite")
    if old.norm_signature() != norm_signature():
        raise SystemExit(f"{rev} normalises text differently: its searches would not be comparable")
    return old.SQLiteArchive


def bench_baseline(arc, base, runs: int) -> dict:
    """Newest-first search, baseline and current code alternating query by query."""
    out: dict = {"load_before": load()}
    for cls, queries in QUERIES.items():
        times: dict = {"baseline": ([], []), "current": ([], [])}
        for q in queries:
            a, b = base.search(q, sort="newest", limit=10), arc.search(q, sort="newest", limit=10)
            if [h.id for h in a] != [h.id for h in b] or a.total != b.total:
                out.setdefault("different_results", []).append(q)
        for _ in range(runs):
            for q in queries:
                for name, who in (("baseline", base), ("current", arc)):
                    t, c = time.perf_counter(), time.process_time()
                    who.search(q, sort="newest", limit=10)
                    times[name][0].append((time.perf_counter() - t) * 1000)
                    times[name][1].append((time.process_time() - c) * 1000)
        res = {name: stats(*tc) for name, tc in times.items()}
        res["ratio_p95"] = round(res["current"]["p95_ms"] / res["baseline"]["p95_ms"], 2)
        res["ratio_cpu_p95"] = round(res["current"]["cpu_p95_ms"] / res["baseline"]["cpu_p95_ms"], 2)
        out[f"newest/{cls}"] = res
    out["load_after"] = load()
    base.close()
    return out


class Peer:
    """tantivy on the same texts, as a search engine would index them (see the module doc)."""

    def __init__(self, folder: Path) -> None:
        import tantivy as t

        self.t = t
        sb = t.SchemaBuilder()
        sb.add_text_field("text", tokenizer_name="vi")
        sb.add_text_field("folded", tokenizer_name="vi_fold")
        self.schema = sb.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = t.Index(self.schema, path=str(folder))
        base = t.TextAnalyzerBuilder(t.Tokenizer.simple()).filter(t.Filter.lowercase())
        self.index.register_tokenizer("vi", base.build())
        self.index.register_tokenizer("vi_fold", t.TextAnalyzerBuilder(t.Tokenizer.simple()).filter(
            t.Filter.lowercase()).filter(t.Filter.ascii_fold()).build())

    def add(self, records: Iterable[Record]) -> None:
        writer = self.index.writer(heap_size=256_000_000)
        for r in records:
            writer.add_document(self.t.Document(text=r.article.text, folded=r.article.text))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()

    def query(self, text: str):
        Q, Occur = self.t.Query, self.t.Occur
        clauses = []
        for g in parse(text).groups:
            alts = []
            for p in g:
                field = "text" if p.mode == CANONICAL else "folded"
                alts.append(Q.term_query(self.schema, field, p.words[0]) if len(p.words) == 1
                            else Q.phrase_query(self.schema, field, list(p.words)))
            clauses.append((Occur.Must, alts[0] if len(alts) == 1 else Q.boolean_query([(Occur.Should, a) for a in alts])))
        return clauses[0][1] if len(clauses) == 1 else Q.boolean_query(clauses)

    def bench(self, runs: int) -> dict:
        out: dict = {}
        searcher = self.index.searcher()
        for cls, queries in QUERIES.items():
            built = {q: self.query(q) for q in queries}
            for q in queries:
                searcher.search(built[q], 10, count=True)
            times, cpus, res = timed(lambda q: searcher.search(built[q], 10, count=True), runs, queries)
            out[f"relevance/{cls}"] = stats(times, cpus) | {"hits": sum(r.count for r in res) // runs}
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", choices=["real", "templates"], default="real")
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--no-peer", action="store_true", help="skip the tantivy peer")
    ap.add_argument("--pg-url")
    ap.add_argument("--pg-shared-buffers", default="2GB",
                    help="shared_buffers of the throw-away PostgreSQL cluster (default: %(default)s)")
    ap.add_argument("--corpus-dir", type=Path, default=Path(tempfile.gettempdir()) / "partytext-bench",
                    help="where the template corpus is cached between runs")
    ap.add_argument("--db", type=Path, help="keep the SQLite archive here and reuse it when it exists")
    ap.add_argument("--baseline", metavar="REV",
                    help="also time newest-first search with the archive code of git revision REV (SQLite)")
    args = ap.parse_args()

    results: dict = {"n": args.n, "corpus": args.corpus, "when": time.strftime("%Y-%m-%d %H:%M"),
                     "cpus": os.cpu_count()}
    records = corpus_factory(args.corpus, args.n, args.corpus_dir)
    with tempfile.TemporaryDirectory(dir=args.corpus_dir.parent) as tmp:
        os.environ.setdefault("PARTYTEXT_INDEX_DIR", str(Path(tmp) / "pg-index"))
        if not args.no_peer:
            peer = Peer(Path(tmp) / "peer")
            t0 = time.perf_counter()
            peer.add(records())
            elapsed = time.perf_counter() - t0
            results["tantivy"] = {"index_articles_per_s": round(args.n / elapsed, 1), "load": load()} | peer.bench(args.runs)
            del peer
            print("tantivy", json.dumps(results["tantivy"], ensure_ascii=False), flush=True)
        if args.backend in ("sqlite", "both"):
            db = str(args.db or Path(tmp) / "bench.db")
            baseline = baseline_archive(args.baseline, Path(tmp) / "baseline") if args.baseline else None
            results["sqlite"] = bench_backend(db, records, args.n, args.runs, reuse=args.db is not None,
                                              baseline=baseline)
            results["sqlite"]["file_mb"] = round(sum(p.stat().st_size for p in Path(db).parent.glob(
                Path(db).name + "*") if p.is_file()) / 1e6, 1)
            results["sqlite"]["relevance_index_mb"] = round(
                sum(p.stat().st_size for p in Path(db + "-tantivy").rglob("*") if p.is_file()) / 1e6, 1)
            print("sqlite", json.dumps(results["sqlite"], ensure_ascii=False), flush=True)
        if args.backend in ("postgresql", "both"):
            server, url = None, args.pg_url
            if not url:
                from pg_server import PostgresServer, find_bindir

                # a server-sized buffer cache: the default 128 MB holds a tenth of a 100k archive
                server = PostgresServer(find_bindir()).start(f"shared_buffers={args.pg_shared_buffers}")
                url = server.url()
            try:
                results["postgresql"] = bench_backend(url, records, args.n, args.runs)
                if server:
                    results["postgresql"]["shared_buffers"] = args.pg_shared_buffers
            finally:
                if server:
                    server.stop()
            print("postgresql", json.dumps(results["postgresql"], ensure_ascii=False), flush=True)

    out = ROOT / ".bench" / f"archive-{args.n}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    report(results, args.n)
    return 0


def report(results: dict, n: int) -> None:
    peer = results.get("tantivy", {})
    print(f"\n{'backend':<11} {'measure':<28} {'p50':>8} {'p95':>8} {'tantivy p95':>12} {'ratio':>6} {'target':>8}")
    for backend in ("sqlite", "postgresql"):
        r = results.get(backend)
        if not r:
            continue
        targets = (TARGETS if backend == "sqlite" else PG_TARGETS).get(n, {})
        print(f"{backend:<11} {'index articles/s':<28} {'':>8} {r.get('index_articles_per_s', '-'):>8} "
              f"{peer.get('index_articles_per_s', '-'):>12} {'':>6} {'≥' + str(int(targets['rate'])) if 'rate' in targets else '':>8}")
        for key, val in r.items():
            if not (isinstance(val, dict) and "p95_ms" in val):
                continue
            sort = key.split("/")[0]
            p = peer.get(key, {}).get("p95_ms")
            ratio = f"{val['p95_ms'] / p:.1f}" if p and sort == "relevance" else ""
            target = f"≤{targets[sort]:g}" if sort in targets else ""
            print(f"{backend:<11} {key:<28} {val['p50_ms']:>8} {val['p95_ms']:>8} {p if p and sort == 'relevance' else '':>12} "
                  f"{ratio:>6} {target:>8}")
    base = results.get("sqlite", {}).get("baseline")
    if base:
        print(f"\n{'newest-first, same run':<28} {'baseline p50':>12} {'p95':>8} {'current p50':>12} {'p95':>8} {'ratio':>6}")
        for key, val in base.items():
            if isinstance(val, dict) and "current" in val:
                b, c = val["baseline"], val["current"]
                print(f"{key:<28} {b['p50_ms']:>12} {b['p95_ms']:>8} {c['p50_ms']:>12} {c['p95_ms']:>8} {val['ratio_p95']:>6}")
        print(f"different results: {base.get('different_results', [])}")
    print(f"load: {json.dumps({k: v for b in ('sqlite', 'postgresql') for k, v in results.get(b, {}).items() if k.startswith('load')})}")


if __name__ == "__main__":
    raise SystemExit(main())
