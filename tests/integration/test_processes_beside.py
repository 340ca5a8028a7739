"""The processes a build forks beside its own (Great Expectations, the quality report, the
frictionless gate) are named for `ps -o comm` and benchmarks/memory.py, which tell them apart by
their names (the `--jobs` workers: tests/unit/base/test_processes.py)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from pipeline.release.gate_beside import GateBeside
from pipeline.validate.expectations_beside import SuitesBeside
from pipeline.validate.reports_beside import ReportsBeside


def names_of_children(count: int) -> list[str]:
    """The names (/proc/PID/comm) of this process's `count` children, once each has named itself
    (a forked process names itself first thing; waited for up to 60 s on a busy machine)."""
    names: list[str] = []
    for _ in range(600):
        names = []
        for child in multiprocessing.active_children():
            try:
                names.append(Path(f"/proc/{child.pid}/comm").read_text().strip())
            except OSError:
                continue
        if len(names) == count and all(name.startswith("pipeline-") for name in names):
            break
        time.sleep(0.1)
    return sorted(names)


@pytest.mark.skipif(not Path("/proc/self/comm").exists(), reason="names processes through /proc")
def test_each_process_beside_the_build_is_named_for_its_role():
    with SuitesBeside(2), ReportsBeside(2), GateBeside(2) as gate:
        gate.start({})
        assert names_of_children(3) == ["pipeline-gate", "pipeline-gx", "pipeline-report"]
