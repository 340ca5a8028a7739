"""Work spread over forked processes, its results in the order of its inputs.

`concurrent.futures`, not `multiprocessing.Pool`: when a document's error (or the caller)
stops the work early, `Pool`'s exit (`terminate`) now and then waited forever for its task
thread (2 runs in 40 of `clean --jobs 2` on a bad seed, under load); the executor cancels
the documents not yet started and waits only for those running, and a worker killed from
outside is an error, not a hang."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> Iterator[Result]:
    """`function` of each item, in the items' order: in `jobs` forked processes, or in this one
    when `jobs` is 1, there is one item, or this process is a daemon (which may not fork)."""
    if jobs <= 1 or len(items) < 2 or multiprocessing.current_process().daemon:
        yield from map(function, items)
        return
    executor = ProcessPoolExecutor(min(jobs, len(items)), mp_context=multiprocessing.get_context("fork"))
    try:
        yield from executor.map(function, items)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
