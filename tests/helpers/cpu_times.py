"""A pytest plugin measuring each test's CPU seconds, for comparing suites on a shared machine
(where wall seconds mean little): `CPU_TIMES_DIR=/tmp/cpu python -m pytest -p tests.helpers.cpu_times`
writes one `<worker>.tsv` per test process there: a `#total` line (the process's CPU seconds, its
wall seconds, and its CPU seconds since the session started), then one line per test: node id,
CPU seconds (this process and the child processes it waited for, set-up and tear-down included),
wall seconds. Without CPU_TIMES_DIR it writes nothing."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

_ROWS: list[tuple[str, float, float]] = []
_START: list[tuple[float, float]] = []


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    cpu, wall = _cpu(), time.perf_counter()
    yield
    _ROWS.append((item.nodeid, _cpu() - cpu, time.perf_counter() - wall))


def pytest_sessionstart(session: pytest.Session) -> None:
    _START[:] = [(_cpu(), time.perf_counter())]


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = os.environ.get("CPU_TIMES_DIR")
    if not folder or not _ROWS or not _START:
        return
    cpu, wall = _START[0]
    lines = [f"#total\t{_cpu():.2f}\t{time.perf_counter() - wall:.2f}\tsession_cpu\t{_cpu() - cpu:.2f}"]
    lines += [f"{node}\t{seconds:.3f}\t{elapsed:.3f}" for node, seconds, elapsed in _ROWS]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    with open(os.path.join(folder, f"{worker}.tsv"), "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
