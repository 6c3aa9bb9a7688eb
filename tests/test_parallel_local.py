"""partytext.parallel on one machine: input order, errors per file, a bounded window."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partytext.errors import EncodingError, InputError, InputNotFoundError, UsageError
from partytext.parallel import extract_paths, ordered_map

ROOT = Path(__file__).resolve().parent.parent


def article(i: int) -> str:
    """A short article whose only figure is 100 * (i + 1) đảng viên: the value names the file."""
    return f"Đại hội chi bộ số {i + 1}\n\nĐảng bộ xã có {100 * (i + 1)} đảng viên sinh hoạt tại các chi bộ.\n"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for i in range(12):
        # The first files are the longest, so with two workers later files finish first.
        body = article(i) + ("Các chi bộ sinh hoạt đều đặn hằng tháng. " * (40 if i < 2 else 1))
        path = folder / f"a{i:02d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def _value(result) -> int:
    return int(result.record.figures[0].value)


# Module-level so the pool can pickle them by reference.
def _sleepy_identity(job: tuple[int, float]) -> int:
    value, delay = job
    time.sleep(delay)
    return value


def _pid(job: int) -> tuple[int, int]:
    return job, os.getpid()


def test_two_workers_keep_input_order_and_match_one_worker(articles):
    one = list(extract_paths([str(p) for p in articles], workers=1))
    two = list(extract_paths([str(p) for p in articles], workers=2))
    assert [r.source for r in two] == [str(p) for p in articles]
    assert [_value(r) for r in two] == [100 * (i + 1) for i in range(len(articles))]
    assert [r.record.to_dict() for r in two] == [r.record.to_dict() for r in one]


def test_order_holds_when_later_jobs_finish_first():
    # The first job sleeps longest: a pool that yielded in completion order would put it last.
    jobs = [(0, 1.0), (1, 0.0), (2, 0.0), (3, 0.3), (4, 0.0), (5, 0.0)]
    assert list(ordered_map(_sleepy_identity, jobs, workers=2)) == [0, 1, 2, 3, 4, 5]


def test_pool_really_uses_other_processes():
    pids = {pid for _, pid in ordered_map(_pid, range(8), workers=2)}
    assert os.getpid() not in pids
    assert 1 <= len(pids) <= 2


def test_errors_stay_with_their_file_in_the_pool(articles, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    inputs = [articles[0], empty, articles[1], missing, binary, articles[2]]
    results = list(extract_paths([str(p) for p in inputs], workers=2))
    assert [r.source for r in results] == [str(p) for p in inputs]
    assert [r.ok for r in results] == [True, False, True, False, False, True]
    assert isinstance(results[1].error, InputError) and "empty" in str(results[1].error)
    assert isinstance(results[3].error, InputNotFoundError) and results[3].error.path == str(missing)
    assert isinstance(results[4].error, EncodingError)
    assert [_value(results[i]) for i in (0, 2, 5)] == [100, 200, 300]


def test_an_unknown_step_is_an_error_per_file_not_a_crash(articles):
    results = list(extract_paths([str(articles[0]), str(articles[1])], workers=2, steps=["figures", "nope"]))
    assert len(results) == 2
    assert all(not r.ok and "nope" in str(r.error) for r in results)


def test_window_bounds_the_inputs_in_flight():
    """Memory stays flat: the pool never pulls more than `window` inputs ahead of the consumer."""
    pulled = 0

    def jobs():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield (i, 0.0)

    seen = []
    for value in ordered_map(_sleepy_identity, jobs(), workers=2, window=4):
        seen.append(value)
        assert pulled - len(seen) < 4, f"{pulled} inputs pulled with only {len(seen)} results consumed"
    assert seen == list(range(40))


def test_extract_paths_consumes_its_inputs_lazily(articles):
    pulled = 0

    def paths():
        nonlocal pulled
        for _ in range(10):
            for p in articles:
                pulled += 1
                yield str(p)

    results = extract_paths(paths(), workers=2)
    first = next(results)
    assert first.ok
    assert pulled <= 2 * 8 + 1, "the pool read far ahead of the consumer"
    results.close()  # stopping early shuts the pool down without running the rest


def test_in_process_jobs_keep_their_place():
    jobs = [(0, 0.2), (1, 0.0), (2, 0.0), (3, 0.0)]
    out = list(ordered_map(_sleepy_identity, jobs, workers=2, local=lambda job: job[0] == 2))
    assert out == [0, 1, 2, 3]


def test_zero_workers_is_a_usage_error():
    with pytest.raises(UsageError, match="workers"):
        list(ordered_map(_pid, [1], workers=0))


def test_cli_reads_stdin_in_this_process_with_workers(articles):
    proc = subprocess.run(
        [sys.executable, "-m", "partytext", "extract", str(articles[0]), "-", str(articles[1]), "--workers", "2"],
        input=article(6).encode("utf-8"), capture_output=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 3
    assert ['"source": "-"' in line for line in lines] == [False, True, False]
    assert '"value": 700' in lines[1]
