"""`build --draft`'s stages one after another, each with its CPU seconds and the peak memory so far.

    python benchmarks/build_stages.py SEEDS OUT [JOBS]     (JOBS default 2)

Calls what `pipeline build --draft` calls, in its order (without Data Docs, as `build` does),
on the seed folder SEEDS (e.g. `python benchmarks/corpus.py 100 DIR`), writing the package and
the reports under OUT. CPU seconds are user + sys, the worker processes included (`own`: this
process's alone, e.g. while the workers extract and clean); memory is this process's resident set
(now and its peak). Run it on 100 and 200 articles for the slope per article.
"""

from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own_cpu() + children.ru_utime + children.ru_stime


def own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def memory() -> dict[str, int]:
    """VmRSS and VmHWM of this process, MiB."""
    lines = Path("/proc/self/status").read_text().splitlines()
    return {line.split(":")[0]: int(line.split()[1]) // 1024 for line in lines if line.startswith(("VmRSS", "VmHWM"))}


class Clock:
    def __init__(self) -> None:
        self.wall, self.cpu, self.own = time.time(), cpu(), own_cpu()

    def mark(self, stage: str) -> None:
        wall, used, own, now = time.time(), cpu(), own_cpu(), memory()
        print(
            f"{stage:24} wall {wall - self.wall:7.2f} s  cpu {used - self.cpu:7.2f} s  own {own - self.own:7.2f} s"
            f"  rss {now['VmRSS']} MiB  peak {now['VmHWM']} MiB",
            flush=True,
        )
        self.wall, self.cpu, self.own = wall, used, own


def main(seeds: Path, out: Path, jobs: int) -> None:
    gc.set_threshold(50_000, 20, 100)  # as the command line sets it (pipeline/cli.py), or collections weigh in
    clock = Clock()
    import great_expectations  # noqa: F401 - its import is a stage of its own in a build

    from pipeline.build import extracted_tables
    from pipeline.clean.frames import as_frame
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.release.stage import publish_draft
    from pipeline.sources import load_sources
    from pipeline.validate.document_checks import document_findings
    from pipeline.validate.expectations import run_suites
    from pipeline.validate.findings import acknowledge, load_acknowledgements, rows
    from pipeline.validate.report import write_reports
    from pipeline.validate.table_checks import table_findings

    clock.mark("imports")
    extracted, tables = extracted_tables(load_sources(seeds), jobs)
    clock.mark("extract + clean")
    internal = internal_tables(extracted, tables)
    found = table_findings(tables, internal) + document_findings(tables, internal)
    clock.mark("checks")
    found = run_suites(tables, None) + found
    clock.mark("great expectations")
    subjects = {code for frame in tables.values() if "subject_iso3" in frame for code in frame["subject_iso3"].dropna()}
    findings = acknowledge(found, load_acknowledgements(), subjects)
    write_reports(findings, out / "reports")
    tables["quality_findings"] = as_frame("quality_findings", rows(findings))
    clock.mark("acknowledge + reports")
    publish_draft(tables, out / "datapackage", None, {item.source_id: item.document.data for item in extracted})
    clock.mark("package")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 2)
