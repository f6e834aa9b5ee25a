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
from typing import TypeVar

log = logging.getLogger("mediametrics.workers")
T = TypeVar("T")
R = TypeVar("R")

POOL_MIN_INPUTS = 48
CHUNK = 8  # inputs per task sent to a worker: fewer round trips, still an even spread


def cores() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_order(fn: Callable[[T], R], inputs: Sequence[T], *, workers: int | None = None) -> Iterator[R]:
    """fn over the inputs, in worker processes when there are many; yields results in input order
    as they are ready. `fn` must be a module-level function; it must catch its own input's errors
    (an exception escaping it ends the whole map)."""
    n = workers or cores()
    if n < 2 or len(inputs) < POOL_MIN_INPUTS:
        yield from map(fn, inputs)
        return
    context = mp.get_context("forkserver")
    context.set_forkserver_preload([fn.__module__])
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
            for result in pool.map(fn, inputs, chunksize=CHUNK):
                yield result
                done += 1
    except BrokenProcessPool:  # a worker was killed (out of memory, say): the rest run here
        log.warning("a worker process ended abruptly; reading the remaining %d inputs in this process",
                    len(inputs) - done)
        yield from map(fn, inputs[done:])
