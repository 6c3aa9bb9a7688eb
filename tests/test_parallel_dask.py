"""partytext.parallel on a real Dask distributed cluster: a LocalCluster whose scheduler and
two worker processes listen on 127.0.0.1, driven by the library call and by the CLI."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from partytext import parallel
from partytext.errors import DependencyError, InputError, PartytextError
from partytext.parallel import extract_paths

distributed = pytest.importorskip("distributed", reason="the dask extra is part of the dev install")

ROOT = Path(__file__).resolve().parent.parent


def article(i: int) -> str:
    return f"Hội nghị chi bộ số {i + 1}\n\nChi bộ kết nạp {i + 2} đảng viên mới trong năm.\n"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as c:
        yield c


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("dask-articles")
    paths = []
    for i in range(10):
        path = folder / f"d{i:02d}.txt"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    return paths


def _values(results) -> list[int]:
    return [int(r.record.figures[0].value) for r in results]


def test_scheduler_listens_on_loopback(cluster):
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    with distributed.Client(cluster.scheduler_address) as client:
        workers = client.scheduler_info()["workers"]
    assert len(workers) == 2 and all(addr.startswith("tcp://127.0.0.1:") for addr in workers)


def test_library_call_with_an_address_keeps_order_and_errors(cluster, files, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    inputs = [str(p) for p in files[:4]] + [str(empty)] + [str(p) for p in files[4:]]
    results = list(extract_paths(inputs, scheduler=cluster.scheduler_address))
    assert [r.source for r in results] == inputs
    assert [r.ok for r in results] == [True] * 4 + [False] + [True] * 6
    assert isinstance(results[4].error, InputError) and "empty" in str(results[4].error)
    ok = [r for r in results if r.ok]
    assert _values(ok) == [i + 2 for i in range(10)]
    local = list(extract_paths(inputs, workers=1))
    assert [r.record.to_dict() for r in ok] == [r.record.to_dict() for r in local if r.ok]


def test_library_call_with_a_client_ran_on_the_workers_and_warmed_them(cluster, files):
    with distributed.Client(cluster.scheduler_address) as client:
        results = list(extract_paths([str(p) for p in files], scheduler=client))
        assert _values(results) == [i + 2 for i in range(10)]
        # The warm-up plugin loaded the models in each worker process, once.
        loaded = client.run(lambda: "underthesea" in sys.modules and "partytext.nlp" in sys.modules)
        assert len(loaded) == 2 and all(loaded.values())
        assert parallel.DASK_PLUGIN_NAME in str(client.run(lambda dask_worker: list(dask_worker.plugins)))
        assert client.status == "running"  # a Client passed in is the caller's: not closed


def test_window_bounds_submissions_on_the_cluster(cluster, files):
    pulled = 0

    def jobs():
        nonlocal pulled
        for p in files * 3:
            pulled += 1
            yield (str(p), 10_000_000, None)

    seen = 0
    for result in parallel.ordered_map(parallel.extract_one, jobs(), scheduler=cluster.scheduler_address, window=3):
        assert result.ok
        seen += 1
        assert pulled - seen < 3
    assert seen == 30


def test_cli_extract_with_scheduler(cluster, files):
    proc = subprocess.run(
        [sys.executable, "-m", "partytext", "extract", *map(str, files), "--scheduler", cluster.scheduler_address],
        capture_output=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["source"] for r in records] == [str(p) for p in files]
    assert [r["figures"][0]["value"] for r in records] == [i + 2 for i in range(10)]


def test_cli_index_with_scheduler(cluster, files, tmp_path):
    db = tmp_path / "party.db"
    folder = str(files[0].parent)
    proc = subprocess.run(
        [sys.executable, "-m", "partytext", "index", str(db), folder, "--scheduler", cluster.scheduler_address,
         "--format", "jsonl"],
        capture_output=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode())["added"] == 10
    import partytext as pt

    rows = list(pt.figures(str(db), unit="đảng viên"))
    assert sorted(int(r["value"]) for r in rows) == [i + 2 for i in range(10)]


def test_unreachable_scheduler_names_the_fix(monkeypatch):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "2s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: nothing answers there
        with pytest.raises(PartytextError, match="dask scheduler"):
            list(extract_paths(["x.txt"], scheduler=f"tcp://127.0.0.1:{port}"))


def test_bad_scheduler_address_is_a_usage_error():
    with pytest.raises(PartytextError, match="tcp://HOST:PORT"):
        list(extract_paths(["x.txt"], scheduler="127.0.0.1"))


def test_without_the_extra_the_error_gives_the_pip_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    with pytest.raises(DependencyError, match=r"pip install 'partytext\[dask\]'"):
        list(extract_paths(["x.txt"], scheduler="tcp://127.0.0.1:8786"))
