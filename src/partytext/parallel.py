"""Running the per-file pipeline over many inputs: in-process, in a local process pool, or
on a Dask distributed cluster. One place, one contract:

* results come out **in input order**, whatever order the workers finish in;
* only a bounded **window** of inputs is in flight (submitted, not yet yielded), so memory
  stays flat over any number of inputs: the input iterable is consumed lazily;
* each worker process loads the underthesea models **once**, before its first file
  (a process-pool initializer locally, a worker plugin on Dask);
* a file that fails gives a :class:`~partytext.inputs.Result` with its error; the run goes on.

The backend is chosen by the arguments::

    ordered_map(fn, jobs)                              # in this process
    ordered_map(fn, jobs, workers=4)                   # local process pool
    ordered_map(fn, jobs, scheduler="tcp://10.0.0.5:8786")   # Dask cluster (or a Client)

Dask is an optional extra (``pip install 'partytext[dask]'``). Run Dask workers with one
thread each (``dask worker tcp://HOST:8786 --nthreads 1 --nworkers N``): underthesea keeps
global state and holds the GIL, so threads add nothing and processes scale.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from .errors import (
    ExtractionError,
    InputError,
    PartytextError,
    UsageError,
    missing_extra,
)
from .inputs import DEFAULT_MAX_BYTES, Result, expand, extract_file

log = logging.getLogger(__name__)


def pool_context():
    """The start method for worker processes.

    "fork" is cheapest and needs no ``if __name__ == "__main__":`` guard in user scripts,
    but forking a process that runs other threads (a Dask client, a web server, a database
    pool) hands the children locks held by threads that do not exist in them, and they die
    or hang. So: fork while this process has one thread, else a forkserver (workers then
    start from a clean process).
    """
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


__all__ = ["WINDOW_PER_WORKER", "extract_one", "extract_paths", "ordered_map", "warm"]

J = TypeVar("J")
R = TypeVar("R")

#: Inputs in flight per worker: enough to keep every worker busy while the caller consumes
#: results in order (one slow file must not idle the others), small enough to keep memory flat.
WINDOW_PER_WORKER = 8

#: How long to wait for a Dask scheduler to answer before giving up.
CONNECT_TIMEOUT = "30s"

#: The name under which the warm-up plugin is registered on a Dask cluster (once per cluster).
DASK_PLUGIN_NAME = "partytext-warm"


def warm() -> None:
    """Load the underthesea models in this process (idempotent: they load once per process):
    sentences, words and POS tags, so a pool worker's first file pays no model loading."""
    from .nlp import warm as load_models

    load_models()


class _Done:
    """A value computed in the calling process, held in the window beside pending futures."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


def ordered_map(
    fn: Callable[[J], R],
    jobs: Iterable[J],
    *,
    workers: int = 1,
    scheduler: Any = None,
    window: int | None = None,
    local: Callable[[J], bool] | None = None,
) -> Iterator[R]:
    """``fn(job)`` for each job, in input order, with at most ``window`` jobs in flight.

    ``fn`` must be a module-level function (it is pickled by reference). ``workers`` > 1 runs
    a local process pool; ``scheduler`` (``"tcp://HOST:PORT"`` or a ``distributed.Client``)
    runs on a Dask cluster instead. Jobs for which ``local(job)`` is true are computed in this
    process (cheap pass-through items), still in order. ``fn`` should catch its own errors:
    an exception it raises stops the run.
    """
    if workers < 1:
        raise UsageError(f"workers must be 1 or more (got {workers}); pass --workers 1 or more")
    if scheduler is not None:
        yield from _dask_map(fn, jobs, scheduler, window=window, local=local)
        return
    if workers == 1:
        for job in jobs:
            yield fn(job)
        return
    size = window or workers * WINDOW_PER_WORKER
    pool = ProcessPoolExecutor(max_workers=workers, initializer=warm, mp_context=pool_context())
    try:
        yield from _windowed(lambda job: pool.submit(fn, job), fn, jobs, size, local)
    finally:
        # A consumer that stops early (or an error) must not wait for the whole window.
        pool.shutdown(wait=True, cancel_futures=True)


def _windowed(submit: Callable[[Any], Any], fn: Callable, jobs: Iterable, size: int,
              local: Callable[[Any], bool] | None) -> Iterator:
    """Submit jobs lazily, keep ``size`` in flight, yield results in submission order."""
    pending: deque = deque()
    for job in jobs:
        pending.append(_Done(fn(job)) if local is not None and local(job) else submit(job))
        while len(pending) >= size:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# ---------------------------------------------------------------------------------------------
# Dask distributed backend


def _distributed():
    try:
        import distributed
    except ImportError as exc:
        raise missing_extra("dask", "dask[distributed]") from exc
    return distributed


def _client(scheduler: Any):
    """A ``distributed.Client`` for ``scheduler`` and whether we own (must close) it."""
    distributed = _distributed()
    if isinstance(scheduler, distributed.Client):
        return scheduler, False
    if not isinstance(scheduler, str) or "://" not in scheduler:
        raise UsageError(f"scheduler must look like tcp://HOST:PORT (got {scheduler!r})")
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT), True
    except (OSError, TimeoutError) as exc:
        raise PartytextError(
            f"Cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
            f"'dask scheduler' and workers with 'dask worker {scheduler} --nthreads 1', or check the address"
        ) from exc


def _warm_plugin():
    distributed = _distributed()

    class WarmModels(distributed.WorkerPlugin):
        """Load partytext's models once in each worker process, as it joins."""

        name = DASK_PLUGIN_NAME

        def setup(self, worker) -> None:  # noqa: ARG002 - the plugin API passes the worker
            warm()

    return WarmModels()


def _dask_map(fn: Callable, jobs: Iterable, scheduler: Any, *, window: int | None,
              local: Callable[[Any], bool] | None) -> Iterator:
    client, owned = _client(scheduler)
    try:
        try:
            client.register_plugin(_warm_plugin(), name=DASK_PLUGIN_NAME)
        except Exception as exc:  # warm-up is an optimisation: the models also load on first use
            log.warning("could not register the warm-up plugin on the Dask workers: %s", exc)
        threads = sum(client.nthreads().values()) or 1
        size = window or threads * WINDOW_PER_WORKER
        log.info("Dask: %d worker thread(s), window %d", threads, size)
        # pure=False: two identical jobs (the same path given twice) are two tasks.
        yield from _windowed(lambda job: client.submit(fn, job, pure=False), fn, jobs, size, local)
    finally:
        if owned:
            client.close()


# ---------------------------------------------------------------------------------------------
# The per-file extraction job


def extract_one(job: tuple[str, int, tuple[str, ...] | None]) -> Result:
    """The :class:`Result` of one file; every error stays with its file."""
    source, max_bytes, steps = job
    try:
        return Result(source, record=extract_file(source, max_bytes=max_bytes, steps=steps))
    except PartytextError as exc:
        return Result(source, error=exc)
    except OSError as exc:
        return Result(source, error=InputError(f"{source}: cannot be read ({exc.strerror or exc})", path=source))
    except Exception as exc:  # an extractor bug must not stop a run over many files
        log.exception("failed on %s", source)
        return Result(source, error=ExtractionError(
            f"{source}: extraction failed ({type(exc).__name__}: {exc}); this is a partytext bug, please report it"))


def extract_paths(
    paths: Iterable[str | os.PathLike],
    *,
    workers: int = 1,
    scheduler: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    steps: Iterable[str] | None = None,
) -> Iterator[Result]:
    """One :class:`Result` per input file, in input order; folders are recursed.

    ``workers`` > 1 extracts in a local process pool; ``scheduler`` (``"tcp://HOST:PORT"``
    or a ``distributed.Client``) extracts on a Dask cluster. Either way only a bounded
    window of files is in flight. Files are read by the workers: on a cluster, give paths
    that every worker can read (a shared file system).

    >>> from partytext.parallel import extract_paths
    >>> for r in extract_paths(["corpora/seed"], workers=2):  # doctest: +SKIP
    ...     print(r.source, len(r.record.figures) if r.ok else r.error)
    """
    steps_t = tuple(steps) if steps is not None else None
    jobs = ((s, max_bytes, steps_t) for s in expand(paths))
    yield from ordered_map(extract_one, jobs, workers=workers, scheduler=scheduler, local=_reads_stdin)


def _reads_stdin(job: tuple[str, int, tuple[str, ...] | None]) -> bool:
    """Standard input belongs to this process: a worker cannot read it."""
    return job[0] == "-"
