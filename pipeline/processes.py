"""Work spread over forked processes, its results in the order of its inputs.

`concurrent.futures`, not `multiprocessing.Pool`: when a document's error (or the caller)
stops the work early, `Pool`'s exit (`terminate`) now and then waited forever for its task
thread (2 runs in 40 of `clean --jobs 2` on a bad seed, under load), and a worker killed from
outside left `Pool` waiting for its answer forever. The executor cancels the documents not yet
started and waits only for those running, and a dead worker is an error (exit 71)."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pipeline.errors import WorkerLostError

# The names of the processes forked beside the build (`forked_as`; `ps -o comm`, benchmarks/memory.py)
WORKER = "pipeline-job"

Item = TypeVar("Item")
Result = TypeVar("Result")


def in_order(
    function: Callable[[Item], Result], items: Sequence[Item], jobs: int, where: Callable[[Item], str] = str
) -> Iterator[Result]:
    """`function` of each item, in the items' order: in `jobs` forked processes, or in this one
    when `jobs` is 1, there is one item, or this process is a daemon (which may not fork).
    `where` names an item in the one-line error when a worker dies."""
    if jobs <= 1 or len(items) < 2 or multiprocessing.current_process().daemon:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork")
    executor = ProcessPoolExecutor(min(jobs, len(items)), context, initializer=named, initargs=(WORKER,))
    done = 0
    try:
        for result in executor.map(function, items):
            yield result
            done += 1
    except BrokenProcessPool as error:
        raise WorkerLostError(
            where(items[done]),
            "",
            f"a worker process (--jobs {jobs}) died while this document or one after it was read,"
            " killed from outside (out of memory, a signal)",
            "run again, with fewer --jobs or more memory",
        ) from error
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def stop(process: Any, connection: Any) -> None:
    """A process beside the build done with: its pipe end (`connection`) closed, and the process
    ended, terminated if it is still running (either may be None: nothing to do for it)."""
    if connection is not None:
        connection.close()
    if process is not None:
        if process.is_alive():
            process.terminate()
        process.join()


def fork_context(jobs: int) -> Any:
    """multiprocessing's fork context for work beside this process: None when `jobs` is 1, in a
    daemon (which may not fork), or on a system without fork."""
    if jobs <= 1 or multiprocessing.current_process().daemon:
        return None
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return None


def forked_as(role: str) -> None:
    """First thing in a process forked beside the build: the objects it inherits set aside from
    its cyclic garbage collector (`gc.freeze`), which would otherwise write into each of them
    and so copy the pages it shares with the build's process (copy-on-write) though it only
    reads them; and the process named `role` (its /proc/PID/comm, at most 15 characters: what
    `ps -o comm` and benchmarks/memory.py show), where the system allows it."""
    gc.freeze()
    named(role)


def named(role: str) -> None:
    """This process named `role` (see `forked_as`). The `--jobs` workers are only named: with
    `gc.freeze` too, extract + clean took 4 % longer (1,000 articles, two paired runs)."""
    with contextlib.suppress(OSError), open("/proc/self/comm", "w", encoding="ascii") as comm:
        comm.write(role[:15])
