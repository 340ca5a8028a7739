"""The memory of a whole command: every process of it, not only the largest.

    python benchmarks/memory.py [--interval 0.5] [--every 5] [--json FILE] -- COMMAND [ARG ...]

Runs COMMAND and, every `--interval` seconds, reads the proportional set size (`Pss` of
/proc/PID/smaps_rollup: each shared page divided among the processes sharing it, so the sum over
processes counts every page once) of the command's process and of all its descendants (found
through /proc/PID/task/TID/children). Prints the peak of the sum and when it was reached, each
process's peak with its role, and a timeline. Roles are the processes' names (/proc/PID/comm):
`pipeline build` names the processes it forks (`pipeline.processes.name_process`):
`pipeline-job` (the `--jobs` workers), `pipeline-gx` (Great Expectations,
`pipeline/validate/expectations_beside.py`), `pipeline-report` (the quality report,
`pipeline/validate/reports_beside.py`) and `pipeline-gate` (frictionless,
`pipeline/release/gate_beside.py`); the command's own process is `parent`.

Cheap by design: one small read of smaps_rollup (and comm) per process per sample, no smaps walk.
Linux only. `make bench-memory` runs it on `build --draft --jobs 2` of a generated corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

MIB = 1024 * 1024


@dataclass
class Seen:
    """One process as sampled: its role, when it was first and last seen, its peak PSS and RSS."""

    pid: int
    role: str
    first: float
    last: float = 0.0
    peak_pss: int = 0
    peak_at: float = 0.0
    peak_rss: int = 0


@dataclass
class Sample:
    """The PSS of each process alive at `at` seconds from the start (bytes, by pid)."""

    at: float
    pss: dict[int, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.pss.values())


def descendants(root: int) -> list[int]:
    """`root` and every process under it, parents before their children."""
    found, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        found.append(pid)
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                queue.extend(int(child) for child in (task / "children").read_text().split())
            except (OSError, ValueError):
                continue
    return found


def rollup(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) of `pid` in bytes; None when it has gone (or is a zombie, with no memory)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("Pss", "Rss"):
            values[key] = int(rest.split()[0]) * 1024
    if "Pss" not in values:
        return None
    return values["Pss"], values.get("Rss", 0)


def role_of(pid: int, root: int) -> str:
    """`parent` for the command's own process, else the process's name (comm)."""
    if pid == root:
        return "parent"
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def sample(root: int, start: float, seen: dict[int, Seen]) -> Sample:
    """One sample of every process of the command, `seen` updated."""
    now = time.perf_counter() - start
    taken = Sample(now)
    for pid in descendants(root):
        sizes = rollup(pid)
        if sizes is None:
            continue
        pss, rss = sizes
        process = seen.get(pid)
        role = role_of(pid, root)
        if process is None:
            process = seen[pid] = Seen(pid, role, now)
        # a forked child renames itself just after it starts: the name it ends with is its role
        process.role = role
        process.last = now
        if pss > process.peak_pss:
            process.peak_pss, process.peak_at = pss, now
        process.peak_rss = max(process.peak_rss, rss)
        taken.pss[pid] = pss
    return taken


@dataclass
class Run:
    """What a run of the command gave: its exit status, wall and CPU seconds (user + system of
    the command and every descendant it waited for), the samples, and each process seen."""

    status: int
    wall: float
    cpu: float
    samples: list[Sample]
    seen: dict[int, Seen]


def watch(command: list[str], interval: float) -> Run:
    """COMMAND run to its end and sampled every `interval` seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(command)
    samples: list[Sample] = []
    seen: dict[int, Seen] = {}
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        samples.append(sample(process.pid, start, seen))
        time.sleep(interval)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(process.returncode, time.perf_counter() - start, usage.ru_utime + usage.ru_stime, samples, seen)


def mib(size: int) -> str:
    return f"{size / MIB:,.0f}"


def report(command: list[str], run: Run, every: float) -> str:
    """The peak of the sum, each process's peak, and the timeline, as text."""
    samples, seen = run.samples, run.seen
    lines = [
        f"command: {' '.join(command)}",
        f"exit status {run.status}, {run.wall:.1f} s wall, {run.cpu:.1f} s CPU (all processes), {len(samples)} samples",
    ]
    if not samples:
        return "\n".join(lines)
    peak = max(samples, key=lambda taken: taken.total)
    parts = ", ".join(f"{seen[pid].role} {mib(size)}" for pid, size in sorted(peak.pss.items()))
    lines += [f"peak of the summed PSS: {mib(peak.total)} MiB at {peak.at:.1f} s ({parts})", ""]
    head = ("pid", "role", "from s", "to s", "peak PSS MiB", "at s", "peak RSS MiB")
    lines.append("{:>8} {:<16} {:>7} {:>7} {:>13} {:>7} {:>13}".format(*head))
    for process in sorted(seen.values(), key=lambda process: process.first):
        lines.append(
            f"{process.pid:>8} {process.role:<16} {process.first:>7.1f} {process.last:>7.1f}"
            f" {mib(process.peak_pss):>13} {process.peak_at:>7.1f} {mib(process.peak_rss):>13}"
        )
    lines += ["", "timeline (PSS MiB; each process by role and pid):"]
    due = 0.0
    for taken in samples:
        if taken.at >= due or taken is peak:
            each = ", ".join(f"{seen[pid].role}:{pid} {mib(size)}" for pid, size in sorted(taken.pss.items()))
            lines.append(f"{taken.at:>7.1f} s  sum {mib(taken.total):>6}  {each}")
            due = taken.at + every
    return "\n".join(lines)


def as_json(run: Run) -> dict:
    """Everything measured, in MiB and seconds."""
    samples, seen = run.samples, run.seen
    peak = max(samples, key=lambda taken: taken.total) if samples else Sample(0.0)
    return {
        "exit_status": run.status,
        "wall_s": round(run.wall, 2),
        "cpu_s": round(run.cpu, 2),
        "peak_sum_pss_mib": round(peak.total / MIB, 1),
        "peak_at_s": round(peak.at, 2),
        "processes": [
            {
                "pid": p.pid,
                "role": p.role,
                "from_s": round(p.first, 2),
                "to_s": round(p.last, 2),
                "peak_pss_mib": round(p.peak_pss / MIB, 1),
                "peak_at_s": round(p.peak_at, 2),
                "peak_rss_mib": round(p.peak_rss / MIB, 1),
            }
            for p in sorted(seen.values(), key=lambda p: p.first)
        ],
        "timeline": [
            {
                "at_s": round(t.at, 2),
                "sum_mib": round(t.total / MIB, 1),
                "pss_mib": {f"{seen[pid].role}:{pid}": round(size / MIB, 1) for pid, size in t.pss.items()},
            }
            for t in samples
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between samples (0.5)")
    parser.add_argument("--every", type=float, default=5.0, help="seconds between the timeline's lines (5)")
    parser.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command to run, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    run = watch(command, args.interval)
    print(report(command, run, args.every))
    if args.json:
        args.json.write_text(json.dumps(as_json(run), indent=1) + "\n", encoding="utf-8")
    sys.exit(run.status)


if __name__ == "__main__":
    main()
