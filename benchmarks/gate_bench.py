"""The frictionless gate of `pipeline build`: how long the build's own process waits for it.

    python benchmarks/gate_bench.py [--runs 5]

Builds the seeds, each time in a new process, alternately with `--jobs 1` (the gate in the
build's process, after the package is written) and `--jobs 2` (the data tables validated in a
forked process beside the checks, the rest after), and prints for each the seconds the build's
process spent in the gate (`publish`'s check), the whole build, and the CPU of every process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = r"""
import json, sys, tempfile, time
from pathlib import Path
from pipeline.build import release
from pipeline.release.gate_beside import GateBeside

spent = []
check = GateBeside.check

def timed(self, folder):
    start = time.perf_counter()
    try:
        return check(self, folder)
    finally:
        spent.append(time.perf_counter() - start)

GateBeside.check = timed
out = Path(tempfile.mkdtemp()) / "datapackage"
start = time.perf_counter()
release(Path(sys.argv[1]), out, data_docs=False, jobs=int(sys.argv[2]))
print(json.dumps({"gate": sum(spent), "build": time.perf_counter() - start}))
"""


def run(jobs: int) -> dict[str, float]:
    """One build of the seeds in a new process: seconds in the gate, of the build, CPU of all."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-c", RUN, str(ROOT / "seeds"), str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds, each a build with --jobs 1 and one with --jobs 2")
    args = parser.parse_args()
    print(f"## The gate in the build's process ({time.strftime('%Y-%m-%d')}, {args.runs} rounds, alternately)\n")
    print("| round | --jobs 1: gate / build (CPU) | --jobs 2: gate / build (CPU) |\n|---|---|---|")
    results: dict[int, list[dict[str, float]]] = {1: [], 2: []}
    for number in range(1, args.runs + 1):
        row = f"| {number} |"
        for jobs in (1, 2):
            result = run(jobs)
            results[jobs].append(result)
            row += f" {result['gate']:.2f} / {result['build']:.2f} ({result['cpu']:.2f}) |"
        print(row, flush=True)
    one, two = ({key: statistics.median(r[key] for r in results[jobs]) for key in results[jobs][0]} for jobs in (1, 2))
    print(
        f"\nMedian seconds in the gate: {one['gate']:.2f} with --jobs 1, {two['gate']:.2f} with --jobs 2; "
        f"build {one['build']:.2f} and {two['build']:.2f}; CPU {one['cpu']:.2f} and {two['cpu']:.2f}"
    )


if __name__ == "__main__":
    main()
