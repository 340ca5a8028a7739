"""Benchmarks: cold build of the seeds against the import floor, and corpus scaling.

    python benchmarks/bench.py [--sizes 1 10 100 1000] [--jobs 1 2] [--build-sizes 100 1000] [--build-jobs 1 2]
    python benchmarks/bench.py --cold-only [--cold-runs 5] [--compare-with OTHER_CHECKOUT]

Prints a Markdown report (ratios included) on stdout. Timings are wall-clock seconds on
this machine; run it on an idle machine and compare ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402

PYTHON = sys.executable
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # as the Makefile sets it: no network
STAGES = r"""
import json, sys, time, tempfile
from pathlib import Path
t = {"start": time.perf_counter()}
from pipeline.sources import load_sources
from pipeline.extract.stage import extract
from pipeline.clean.stage import clean
t["import"] = time.perf_counter()
extracted = extract(load_sources(Path(sys.argv[1])))
t["extract"] = time.perf_counter()
tables = clean(extracted)
from pipeline.clean.internal_tables import internal_tables
internal = internal_tables(extracted, tables)
t["clean"] = time.perf_counter()
from pipeline.validate.stage import run_checks
from pipeline.validate.findings import rows
from pipeline.clean.frames import as_frame
findings = run_checks(tables, internal, None)  # as `pipeline build` runs them: no Data Docs
tables["quality_findings"] = as_frame("quality_findings", rows(findings))
t["validate"] = time.perf_counter()
from pipeline.release.stage import publish
from pipeline.validate.gate import check_package
publish(tables, Path(tempfile.mkdtemp()) / "datapackage", check_package)
t["package"] = time.perf_counter()
print(json.dumps(t))
"""
MEASURE = r"""
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""
PARSE_FLOOR = r"""
import sys, time
from pathlib import Path
import mwparserfromhell
files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file())  # raw wikitext and edit pages
start, cpu = time.perf_counter(), time.process_time()
for path in files:
    mwparserfromhell.parse(path.read_text(encoding="utf-8"))
print(time.perf_counter() - start, time.process_time() - cpu)
"""

ALTERNATING = r"""
import gc, sys, time
from pathlib import Path
import mwparserfromhell
from pipeline.clean.stage import document_rows
from pipeline.extract.stage import extract_document
from pipeline.sources import load_sources
gc.set_threshold(50_000, 20, 100)  # as the command line sets it
sources = load_sources(Path(sys.argv[1]))
parse = pipeline = 0.0
for _ in range(int(sys.argv[2])):
    for source in sources:
        start = time.perf_counter()
        mwparserfromhell.parse(source.path.read_text(encoding="utf-8"))
        middle = time.perf_counter()
        document_rows(extract_document(source))
        parse, pipeline = parse + middle - start, pipeline + time.perf_counter() - middle
print(parse, pipeline)
"""


BUILD_JOBS = r"""
import gc, sys, time
from pathlib import Path
from pipeline.build import extracted_tables
from pipeline.sources import load_sources
gc.set_threshold(50_000, 20, 100)  # as the command line sets it
sources = load_sources(Path(sys.argv[1]))
start = time.perf_counter()
extracted_tables(sources, int(sys.argv[2]))
print(time.perf_counter() - start)
"""


def build_jobs(corpus: Path, jobs: int, rounds: int = 2) -> tuple[float, float]:
    """Seconds of the extract + clean part of `build` (`extracted_tables`: rows collected into
    the tables' frames) with 1 job and with `jobs`, each run in a fresh process, in turn
    `rounds` times: in one process the first run would fill the clean stage's caches, which
    the second (or its forked workers) would then find full."""
    seconds = {1: 0.0, jobs: 0.0}
    for _ in range(rounds):
        for number in seconds:
            command = [PYTHON, "-c", BUILD_JOBS, str(corpus), str(number)]
            out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
            seconds[number] += float(out.stdout)
    return seconds[1], seconds[jobs]


def alternating(corpus: Path, rounds: int = 3) -> tuple[float, float]:
    """Parse-alone and extract + clean seconds, article by article in turn in one process, so
    that a machine that speeds up or slows down meanwhile affects both alike."""
    out = subprocess.run(
        [PYTHON, "-c", ALTERNATING, str(corpus), str(rounds)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    parse, pipeline = map(float, out.stdout.split())
    return parse, pipeline


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, int, float]:
    """Wall seconds, peak memory (KiB) and CPU seconds (all processes) of a command."""
    out = subprocess.run([PYTHON, "-c", MEASURE, *command], capture_output=True, text=True, check=True, cwd=cwd)
    seconds, rss, cpu = out.stdout.split()
    return float(seconds), int(rss), float(cpu)


def import_floor(modules: str, runs: int = 3) -> float:
    return statistics.median(timed([PYTHON, "-c", f"import {modules}"])[0] for _ in range(runs))


FLOOR_MODULES = "pandas, frictionless, mwparserfromhell, great_expectations"


def cold_pairs(runs: int, other: Path | None = None) -> None:
    """`pipeline build` of the seeds into a new folder, as a user runs it, against the one-process
    import floor, alternately (floor, build[, the other checkout's build]) `runs` times: each
    ratio pairs runs made a few seconds apart, so a machine that speeds up or slows down meanwhile
    affects both alike. Wall and CPU time (of every process, pool workers included: steadier
    where other work shares the cores). `other`: the root of another checkout (the code before
    a change)."""
    print(f"## Cold `pipeline build` of the seeds against the import floor ({runs} rounds, alternately)\n")
    print(f"Floor: `python -c 'import {FLOOR_MODULES}'`, one process. Seconds wall (CPU).\n")
    header = "| round | floor | build | build / floor wall (CPU) |"
    header += " other build | other / floor wall (CPU) |" if other else ""
    print(header + "\n|" + "---|" * header.count(" |"))
    ratios: dict[str, list[float]] = {"wall": [], "cpu": [], "other wall": [], "other cpu": []}
    for number in range(1, runs + 1):
        floor, _, floor_cpu = timed([PYTHON, "-c", f"import {FLOOR_MODULES}"])
        row = f"| {number} | {floor:.2f} ({floor_cpu:.2f}) |"
        for name, root in [("", ROOT), ("other ", other)] if other else [("", ROOT)]:
            build, build_cpu = _build_seconds(root)
            ratios[f"{name}wall"].append(build / floor)
            ratios[f"{name}cpu"].append(build_cpu / floor_cpu)
            row += f" {build:.2f} ({build_cpu:.2f}) | {build / floor:.2f} ({build_cpu / floor_cpu:.2f}) |"
        print(row, flush=True)
    medians = {name: statistics.median(values) for name, values in ratios.items() if values}
    print(f"\nMedian build / floor: **{medians['wall']:.2f} x** wall, {medians['cpu']:.2f} x CPU", end="")
    if other:
        print(f"; the other checkout: {medians['other wall']:.2f} x wall, {medians['other cpu']:.2f} x CPU", end="")
    print()


def _build_seconds(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of `python -m pipeline build` of `root`'s code and seeds into a new folder."""
    with tempfile.TemporaryDirectory() as folder:
        out, reports = Path(folder) / "datapackage", Path(folder) / "reports"
        command = [PYTHON, "-m", "pipeline", "build", "--seeds", str(root / "seeds"), "--out", str(out)]
        seconds, _, cpu = timed([*command, "--reports", str(reports)], cwd=root)
        return seconds, cpu


def cold_build() -> dict[str, float]:
    """Seconds of each stage of a build of the seeds, in one cold process."""
    command = [PYTHON, "-c", STAGES, str(ROOT / "seeds")]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    names = list(marks)
    return {name: marks[name] - marks[previous] for previous, name in pairwise(names)}


def statistics_of(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each stage over several runs."""
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--build-sizes",
        type=int,
        nargs="*",
        default=[],
        help="also time `pipeline build --draft` (every stage and check, no Data Docs) on corpora of these sizes",
    )
    parser.add_argument("--cold-only", action="store_true", help="only the cold build against the import floor")
    parser.add_argument("--cold-runs", type=int, default=5, help="rounds of the paired cold build (default 5)")
    parser.add_argument(
        "--compare-with", type=Path, default=None, help="another checkout's root: its build timed in the same rounds"
    )
    parser.add_argument(
        "--build-jobs", type=int, nargs="+", default=[1, 2], help="`build --jobs` values timed for each build size"
    )
    args = parser.parse_args()

    print(f"# Benchmarks ({time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]})\n")
    cold_pairs(args.cold_runs, args.compare_with)
    if args.cold_only:
        return
    print()
    floor = import_floor("pandas, frictionless, mwparserfromhell")
    gx_floor = import_floor("great_expectations")
    together = import_floor(FLOOR_MODULES)
    stages = statistics_of([cold_build() for _ in range(3)])
    total = sum(stages.values())
    print("## Cold build of the seeds, stage by stage (median of 3)\n")
    print(f"- import floor: pandas, frictionless, mwparserfromhell {floor:.2f} s; Great Expectations {gx_floor:.2f} s")
    print(f"  (measured apart, {floor + gx_floor:.2f} s in all); all four in one process {together:.2f} s")
    print(
        f"- build: {total:.2f} s = {total / (floor + gx_floor):.2f} x the floors measured apart, "
        f"{total / together:.2f} x the one-process import"
    )
    for name, seconds in stages.items():
        print(f"  - {name}: {seconds:.2f} s ({seconds / total:.0%})")
    print("\n## Corpus (extract + clean)\n")
    with tempfile.TemporaryDirectory() as folder:
        generate(60, Path(folder))  # one pass: the clean stage's caches would make a second one cheaper
        parse, pipeline = alternating(Path(folder), rounds=1)
    print(
        f"Per article, measured alternately (60 articles, one pass, one process): parse {parse / 60 * 1000:.0f} ms, "
        f"extract + clean {pipeline / 60 * 1000:.0f} ms = {pipeline / parse:.2f} x the parse.\n"
    )
    print("Ratios below: pipeline over parse floor, in wall time and in CPU time (steadier on a shared")
    print("machine; with 2 jobs the CPU of both workers is counted).\n")
    print(
        "| articles | MB | jobs | wall s | articles/s | MB/s | peak MiB | parse floor wall s "
        "| pipeline / floor (wall) | (CPU) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            corpus = Path(folder) / f"corpus_{size}"
            generate(size, corpus)
            megabytes = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
            floor_run = subprocess.run(
                [PYTHON, "-c", PARSE_FLOOR, str(corpus)], capture_output=True, text=True, check=True
            )
            parse, parse_cpu = map(float, floor_run.stdout.split())
            for jobs in args.jobs:
                out = str(Path(folder) / "out")
                command = [PYTHON, "-m", "pipeline", "clean", "--seeds", str(corpus), "--out", out, "--jobs", str(jobs)]
                seconds, rss, cpu = timed(command)
                print(
                    f"| {size} | {megabytes:.1f} | {jobs} | {seconds:.1f} | {size / seconds:.2f} "
                    f"| {megabytes / seconds:.2f} "
                    f"| {rss / 1024:.0f} | {parse:.1f} | {seconds / parse:.2f} | {cpu / parse_cpu:.2f} |",
                    flush=True,
                )
    if args.build_sizes:
        build_table(args.build_sizes, args.build_jobs)


def build_table(sizes: list[int], jobs: list[int]) -> None:
    """`pipeline build --draft` on generated corpora: wall, CPU and peak memory (a draft: the
    generator writes disagreeing tables and unreadable dates on purpose, which are errors), for
    each number of jobs; then build's extract + clean with 1 job against the most jobs."""
    print("\n## `pipeline build --draft` on the corpus (every stage and check; no Data Docs, as `build` runs them)\n")
    print("Per article against the parse: the build's CPU seconds (all its processes) over those of")
    print("mwparserfromhell parsing the same files in one process, just before (the issue's measure).\n")
    print(
        "| articles | MB | jobs | wall s | CPU s | peak MiB | wall s per article | peak MiB per article "
        "| parse CPU s | build CPU / parse CPU |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    speedups = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus, out = Path(folder) / "corpus", Path(folder) / "out"
            generate(size, corpus)
            megabytes = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
            for number in jobs:
                floor_run = subprocess.run([PYTHON, "-c", PARSE_FLOOR, str(corpus)], capture_output=True, text=True)
                parse_cpu = float(floor_run.stdout.split()[1])
                command = [PYTHON, "-m", "pipeline", "build", "--draft", "--jobs", str(number), "--seeds", str(corpus)]
                seconds, rss, cpu = timed(
                    [*command, "--out", str(out / "datapackage"), "--reports", str(out / "reports")]
                )
                print(
                    f"| {size} | {megabytes:.1f} | {number} | {seconds:.0f} | {cpu:.0f} | {rss / 1024:.0f} "
                    f"| {seconds / size:.2f} | {rss / 1024 / size:.2f} | {parse_cpu:.1f} | {cpu / parse_cpu:.2f} |",
                    flush=True,
                )
            if max(jobs) > 1:
                speedups.append((size, *build_jobs(corpus, max(jobs))))
    for size, one, many in speedups:
        print(
            f"\nExtract + clean inside `build` ({size} articles, jobs 1 and {max(jobs)} in turn, 2 rounds, "
            f"one process): {one:.1f} s against {many:.1f} s = **{one / many:.2f} x**."
        )


if __name__ == "__main__":
    main()
