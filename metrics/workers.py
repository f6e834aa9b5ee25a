"""Work on every core: a function over many inputs in worker processes, results in input order.

Reading and extracting an article is pure CPU work (about 3 ms for a 600-word text) and the
inputs are independent, so `ingest` of thousands of files spreads it over one process per core;
the one writer then records what they return. Below POOL_MIN_INPUTS inputs, or on one core, the
same function runs in this process: starting workers costs more than it saves there.

Workers come from a fork server (started once, with the caller's module imported, then forked for
each worker), not a plain fork: the dashboard calls this from a thread of a multi-threaded server,
where forking the whole process could copy a held lock into the child. As with any start method
but fork, a script that calls this must keep its top-level work under `if __name__ == "__main__":`
(the CLI and Streamlit's launcher do): workers import the main module.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from typing import TypeVar

log = logging.getLogger("mediametrics.workers")
T = TypeVar("T")
R = TypeVar("R")

POOL_MIN_INPUTS = 48
CHUNK = 8  # inputs per task sent to a worker: fewer round trips, still an even spread
_KEPT: ContextVar[ProcessPoolExecutor | None] = ContextVar("mediametrics_kept_workers", default=None)


def cores() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def kept_workers(preload: str, *, workers: int | None = None) -> Iterator[None]:
    """Keep one set of workers for every in_order call made inside (in this thread): a many-file
    collect reads batch after batch, and starting workers for each would cost about a second a
    batch. `preload` names the module the workers import once (the mapped function's)."""
    n = workers or cores()
    if n < 2:
        yield
        return
    pool = _pool(preload, n)  # its processes start at the first task
    token = _KEPT.set(pool)
    try:
        yield
    finally:
        _KEPT.reset(token)
        pool.shutdown(cancel_futures=True)


def _pool(preload: str, n: int) -> ProcessPoolExecutor:
    context = mp.get_context("forkserver")
    context.set_forkserver_preload([preload])
    return ProcessPoolExecutor(max_workers=n, mp_context=context)


def in_order(fn: Callable[[T], R], inputs: Sequence[T], *, workers: int | None = None) -> Iterator[R]:
    """fn over the inputs, in worker processes when there are many; yields results in input order
    as they are ready. `fn` must be a module-level function; it must catch its own input's errors
    (an exception escaping it ends the whole map)."""
    n = workers or cores()
    if n < 2 or len(inputs) < POOL_MIN_INPUTS:
        yield from map(fn, inputs)
        return
    kept = _KEPT.get()
    done = 0
    try:
        with nullcontext(kept) if kept is not None else _pool(fn.__module__, n) as pool:
            for result in pool.map(fn, inputs, chunksize=CHUNK):
                yield result
                done += 1
    except BrokenProcessPool:  # a worker was killed (out of memory, say): the rest run here
        log.warning("a worker process ended abruptly; reading the remaining %d inputs in this process",
                    len(inputs) - done)
        yield from map(fn, inputs[done:])
