"""Documents spread over processes (`pipeline.processes.in_order`): results in the inputs' order,
and a worker that dies is an error, not a wait without end."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
from pathlib import Path

import pytest

from pipeline.processes import in_order


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def _dies_at_three(number: int) -> int:
    if number == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    return number


def test_two_processes_give_the_results_in_order_and_use_other_processes():
    results = list(in_order(_square_and_pid, list(range(20)), jobs=2))
    assert [square for square, _ in results] == [n * n for n in range(20)]
    assert os.getpid() not in {pid for _, pid in results}
    assert {pid for _, pid in in_order(_square_and_pid, [1, 2], jobs=1)} == {os.getpid()}


def _run_with_a_dying_worker(answer) -> None:
    try:
        list(in_order(_dies_at_three, list(range(8)), jobs=2, where=lambda number: f"item {number}"))
    except Exception as error:  # noqa: BLE001 (the test reads the kind of error)
        answer.send((type(error).__name__, getattr(error, "exit_code", None), str(error)))
    else:
        answer.send(("no error", None, ""))


def test_a_worker_killed_from_outside_is_a_one_line_error_not_a_hang():
    """`multiprocessing.Pool` replaced the dead worker and waited for its task for ever. The
    error names the first item not answered: the killed one (3), or one before it (2) when
    that one was still running in the other worker."""
    context = multiprocessing.get_context("fork")
    theirs, ours = context.Pipe()
    process = context.Process(target=_run_with_a_dying_worker, args=(ours,))
    process.start()
    answered = theirs.poll(120)
    if not answered:
        process.kill()
    process.join()
    assert answered, "in_order waited for a dead worker for 120 s"
    kind, exit_code, message = theirs.recv()
    assert (kind, exit_code) == ("WorkerLostError", 71)
    assert re.fullmatch(
        r"item [23]: a worker process \(--jobs 2\) died while this document or one after it was read,"
        r" killed from outside \(out of memory, a signal\); run again, with fewer --jobs or more memory",
        message,
    )


def _name(number: int) -> str:
    return Path("/proc/self/comm").read_text().strip()


@pytest.mark.skipif(not Path("/proc/self/comm").exists(), reason="names processes through /proc")
def test_workers_are_named():
    """`ps -o comm` and benchmarks/memory.py tell the workers by their name."""
    assert set(in_order(_name, list(range(4)), jobs=2)) == {"pipeline-job"}
